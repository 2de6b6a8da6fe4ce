/* drso-store-groups.c
 *
 * Copyright 2026 The DRS Orchestrator authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "drso-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-json-private.h"
#include "drso-store-private.h"

#define GROUP_COLUMNS                                                                    \
  "group_id, name, description, account_id, region, tag_criteria, created_date, "        \
  "last_modified_date, created_by, last_modified_by"

static gboolean
read_server_ids (DrsoStore            *self,
                 DrsoProtectionGroup  *group,
                 GError              **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT server_id FROM group_servers WHERE group_id = ? "
                                    "ORDER BY position",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, drso_protection_group_get_group_id (group));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, _drso_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);

  ids = g_strv_builder_end (builder);
  drso_protection_group_set_server_ids (group, (const char * const *) ids);
  return TRUE;
}

static DrsoProtectionGroup *
group_from_row (sqlite3_stmt *stmt)
{
  DrsoProtectionGroup *group = g_object_new (DRSO_TYPE_PROTECTION_GROUP, NULL);
  DrsoDocument *document = DRSO_DOCUMENT (group);
  g_autoptr(GHashTable) tags = _drso_string_map_from_json (_drso_store_column_text (stmt, 5));

  drso_document_set_id (document, _drso_store_column_text (stmt, 0));
  drso_document_set_name (document, _drso_store_column_text (stmt, 1));
  drso_protection_group_set_description (group, _drso_store_column_text (stmt, 2));
  drso_protection_group_set_account_id (group, _drso_store_column_text (stmt, 3));
  drso_protection_group_set_region (group, _drso_store_column_text (stmt, 4));
  drso_protection_group_set_tag_criteria (group, tags);
  drso_document_set_created_date (document, sqlite3_column_int64 (stmt, 6));
  drso_document_set_last_modified_date (document, sqlite3_column_int64 (stmt, 7));
  drso_document_set_created_by (document, _drso_store_column_text (stmt, 8));
  drso_document_set_last_modified_by (document, _drso_store_column_text (stmt, 9));
  return group;
}

GPtrArray *
_drso_store_load_groups (DrsoStore  *self,
                         GError    **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " GROUP_COLUMNS " FROM protection_groups", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (groups, group_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }

  for (guint i = 0; i < groups->len; i++)
    {
      if (!read_server_ids (self, g_ptr_array_index (groups, i), error))
        return NULL;
    }
  return g_steal_pointer (&groups);
}

DrsoProtectionGroup *
_drso_store_read_group (DrsoStore   *self,
                        const char  *group_id,
                        GError     **error)
{
  g_autoptr(DrsoProtectionGroup) group = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " GROUP_COLUMNS " FROM protection_groups "
                                    "WHERE group_id = ?1 OR name_key = ?2 "
                                    "ORDER BY group_id = ?1 DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  {
    g_autofree char *key = _drso_name_key (group_id);
    _drso_store_bind_text (stmt, 1, group_id);
    _drso_store_bind_text (stmt, 2, key);
  }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    group = group_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  if (group == NULL)
    return NULL;
  if (!read_server_ids (self, group, error))
    return NULL;
  return g_steal_pointer (&group);
}

/**
 * drso_store_get_protection_groups:
 * @self: a #DrsoStore
 *
 * Returns: (transfer none): a live list model of #DrsoProtectionGroup, by name
 */
GListModel *
drso_store_get_protection_groups (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  if (self->groups == NULL)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      self->groups = _drso_live_list_new (DRSO_TYPE_PROTECTION_GROUP, _drso_store_document_get_id,
                                          _drso_store_compare_documents,
                                          _drso_store_documents_equal);
      items = _drso_store_load_groups (self, &error);
      if (items == NULL)
        g_warning ("Could not load the protection groups: %s", error->message);
      else
        _drso_live_list_reset (self->groups, items);
    }
  return G_LIST_MODEL (self->groups->store);
}

void
_drso_store_put_group (DrsoStore  *self,
                       const char *group_id)
{
  g_autoptr(DrsoProtectionGroup) group = NULL;

  if (self->groups == NULL)
    return;
  group = _drso_store_read_group (self, group_id, NULL);
  if (group != NULL)
    _drso_live_list_put (self->groups, group);
  else
    _drso_live_list_remove (self->groups, group_id);
}

/**
 * drso_store_lookup_protection_group:
 * @self: a #DrsoStore
 * @id_or_name: a group id, or a group's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new copy of the group, or %NULL with
 *   %DRSO_STORE_ERROR_NOT_FOUND
 */
DrsoProtectionGroup *
drso_store_lookup_protection_group (DrsoStore   *self,
                                    const char  *id_or_name,
                                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DrsoProtectionGroup *group;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  group = _drso_store_read_group (self, id_or_name, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (group == NULL)
    _drso_store_not_found (error, _("protection group"), id_or_name);
  return group;
}

/* The discovered servers each other group of the same account and region
 * selects, by server id, with the group's name. */
static GHashTable *
map_other_groups (DrsoStore           *self,
                  DrsoProtectionGroup *group,
                  GError             **error)
{
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) groups = _drso_store_load_groups (self, error);

  if (groups == NULL)
    return NULL;

  for (guint i = 0; i < groups->len; i++)
    {
      DrsoProtectionGroup *other = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) servers = NULL;

      if (g_strcmp0 (drso_protection_group_get_group_id (other),
                     drso_protection_group_get_group_id (group)) == 0 ||
          g_strcmp0 (drso_protection_group_get_account_id (other),
                     drso_protection_group_get_account_id (group)) != 0 ||
          g_strcmp0 (drso_protection_group_get_region (other),
                     drso_protection_group_get_region (group)) != 0)
        continue;

      servers = drso_store_resolve_protection_group (self, other);
      for (guint j = 0; j < servers->len; j++)
        {
          DrsoSourceServer *server = g_ptr_array_index (servers, j);

          g_hash_table_insert (owners,
                               g_strdup (drso_source_server_get_source_server_id (server)),
                               g_strdup (drso_protection_group_get_group_name (other)));
        }
    }

  return g_steal_pointer (&owners);
}

static gboolean
server_conflict (GError           **error,
                 const char        *server_id,
                 const char        *hostname,
                 const char        *other_group)
{
  if (hostname != NULL)
    g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP,
                 _("The server %s (%s) is already in the protection group “%s”: a server can "
                   "be in one group only"),
                 hostname, server_id, other_group);
  else
    g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP,
                 _("The server %s is already in the protection group “%s”: a server can be in "
                   "one group only"),
                 server_id, other_group);
  return FALSE;
}

/* The rules a group can only be checked against with the rest of the store:
 * unique names, an account that is set up, and no server in two groups. */
gboolean
_drso_store_check_group (DrsoStore            *self,
                         DrsoProtectionGroup  *group,
                         GError              **error)
{
  const char *group_id = drso_protection_group_get_group_id (group);
  const char * const *ids = drso_protection_group_get_server_ids (group);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) owners = NULL;
  g_autoptr(GPtrArray) resolved = NULL;
  sqlite3_stmt *stmt;

  if (!_drso_store_check_name (self,
                               "SELECT name FROM protection_groups "
                               "WHERE name_key = ? AND group_id != ?",
                               drso_protection_group_get_group_name (group), group_id,
                               _("protection group"), error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?",
                               drso_protection_group_get_account_id (group), &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE,
                   _("The protection group “%s” is in the account %s, which is not set up "
                     "here: add the account first"),
                   drso_protection_group_get_group_name (group),
                   drso_protection_group_get_account_id (group));
      return FALSE;
    }

  /* Explicit ids against explicit ids: exact, whatever discovery knows. */
  stmt = _drso_store_prepare (self,
                              "SELECT g.name FROM group_servers s "
                              "JOIN protection_groups g ON g.group_id = s.group_id "
                              "WHERE s.server_id = ? AND s.group_id != ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      _drso_store_bind_text (stmt, 1, ids[i]);
      _drso_store_bind_text (stmt, 2, group_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *other = _drso_store_column_dup (stmt, 0);

          sqlite3_reset (stmt);
          return server_conflict (error, ids[i], NULL, other);
        }
      if (rc != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return _drso_store_set_error (self, error);
        }
    }
  sqlite3_reset (stmt);

  /* Tag matches against every other group, as far as discovery knows. */
  owners = map_other_groups (self, group, error);
  if (owners == NULL)
    return FALSE;
  resolved = drso_store_resolve_protection_group (self, group);
  for (guint i = 0; i < resolved->len; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (resolved, i);
      const char *other = g_hash_table_lookup (owners,
                                               drso_source_server_get_source_server_id (server));

      if (other != NULL)
        return server_conflict (error, drso_source_server_get_source_server_id (server),
                                drso_source_server_get_hostname (server), other);
    }

  return TRUE;
}

gboolean
_drso_store_write_group (DrsoStore            *self,
                         DrsoProtectionGroup  *group,
                         gboolean              exists,
                         GError              **error)
{
  DrsoDocument *document = DRSO_DOCUMENT (group);
  const char *group_id = drso_document_get_id (document);
  const char * const *ids = drso_protection_group_get_server_ids (group);
  g_autofree char *name_key = _drso_name_key (drso_document_get_name (document));
  g_autofree char *tags = _drso_string_map_to_json (drso_protection_group_get_tag_criteria (group));
  sqlite3_stmt *stmt;

  stmt = _drso_store_prepare (self,
                              "INSERT INTO protection_groups (" GROUP_COLUMNS ", name_key) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (group_id) DO UPDATE SET "
                              "name = excluded.name, name_key = excluded.name_key, "
                              "description = excluded.description, "
                              "account_id = excluded.account_id, region = excluded.region, "
                              "tag_criteria = excluded.tag_criteria, "
                              "last_modified_date = excluded.last_modified_date, "
                              "last_modified_by = excluded.last_modified_by",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, group_id);
  _drso_store_bind_text (stmt, 2, drso_document_get_name (document));
  _drso_store_bind_text (stmt, 3, drso_protection_group_get_description (group) ?
                                  drso_protection_group_get_description (group) : "");
  _drso_store_bind_text (stmt, 4, drso_protection_group_get_account_id (group));
  _drso_store_bind_text (stmt, 5, drso_protection_group_get_region (group));
  _drso_store_bind_text (stmt, 6, tags);
  sqlite3_bind_int64 (stmt, 7, drso_document_get_created_date (document));
  sqlite3_bind_int64 (stmt, 8, drso_document_get_last_modified_date (document));
  _drso_store_bind_text (stmt, 9, drso_document_get_created_by (document));
  _drso_store_bind_text (stmt, 10, drso_document_get_last_modified_by (document));
  _drso_store_bind_text (stmt, 11, name_key);
  if (!_drso_store_step_done (self, stmt, error))
    return FALSE;

  if (exists)
    {
      stmt = _drso_store_prepare (self, "DELETE FROM group_servers WHERE group_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, group_id);
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;
    }

  stmt = _drso_store_prepare (self, "INSERT INTO group_servers (server_id, group_id, position) "
                                    "VALUES (?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      _drso_store_bind_text (stmt, 1, ids[i]);
      _drso_store_bind_text (stmt, 2, group_id);
      sqlite3_bind_int (stmt, 3, i);
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_group (DrsoStore            *self,
            DrsoProtectionGroup  *group,
            gboolean              create,
            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *group_id;
  gboolean exists;

  if (!_drso_store_check (self, create ? DRSO_PERMISSION_CREATE_PROTECTION_GROUP
                                       : DRSO_PERMISSION_UPDATE_PROTECTION_GROUP, error))
    return FALSE;

  if (create)
    drso_document_ensure_id (DRSO_DOCUMENT (group));
  if (!drso_document_validate (DRSO_DOCUMENT (group), error))
    return FALSE;

  if (!_drso_store_begin (self, error))
    return FALSE;

  group_id = drso_protection_group_get_group_id (group);
  exists = _drso_store_row_exists (self, "SELECT 1 FROM protection_groups WHERE group_id = ?",
                                   group_id, &local_error);
  if (local_error != NULL)
    goto fail;
  if (create && exists)
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID,
                   _("A protection group with the id %s already exists"), group_id);
      goto fail;
    }
  if (!create && !exists)
    {
      _drso_store_not_found (&local_error, _("protection group"), group_id);
      goto fail;
    }

  if (!_drso_store_check_group (self, group, &local_error))
    goto fail;

  _drso_store_stamp (DRSO_DOCUMENT (group), create);
  if (!_drso_store_write_group (self, group, exists, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  _drso_store_put_group (self, group_id);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_create_protection_group:
 * @self: a #DrsoStore
 * @group: a new protection group (given an id if it has none)
 * @error: return location for a #GError
 *
 * Stores @group. Needs drs:CreateProtectionGroup. Fails with a conflict when
 * the name is taken or a server already belongs to another group.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_create_protection_group (DrsoStore            *self,
                                    DrsoProtectionGroup  *group,
                                    GError              **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (group), FALSE);

  return save_group (self, group, TRUE, error);
}

/**
 * drso_store_update_protection_group:
 * @self: a #DrsoStore
 * @group: a protection group with the id of a stored one
 * @error: return location for a #GError
 *
 * Replaces the stored group with @group. Needs drs:UpdateProtectionGroup.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_update_protection_group (DrsoStore            *self,
                                    DrsoProtectionGroup  *group,
                                    GError              **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (group), FALSE);

  return save_group (self, group, FALSE, error);
}

/**
 * drso_store_delete_protection_group:
 * @self: a #DrsoStore
 * @group_id: a group id
 * @error: return location for a #GError
 *
 * Deletes the group. Needs drs:DeleteProtectionGroup. Refused while a recovery
 * plan uses the group.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_delete_protection_group (DrsoStore   *self,
                                    const char  *group_id,
                                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) users = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_DELETE_PROTECTION_GROUP, error) ||
      !_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM protection_groups WHERE group_id = ?",
                               group_id, &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("protection group"), group_id);
      goto fail;
    }

  stmt = _drso_store_prepare (self,
                              "SELECT DISTINCT p.name FROM wave_groups w "
                              "JOIN recovery_plans p ON p.plan_id = w.plan_id "
                              "WHERE w.group_id = ? ORDER BY p.name_key",
                              &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, group_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (users, "%s“%s”", users->len ? ", " : "",
                            _drso_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, &local_error);
      goto fail;
    }
  if (users->len > 0)
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE,
                   _("The protection group is used by the recovery plans %s: remove it from "
                     "their waves first"),
                   users->str);
      goto fail;
    }

  stmt = _drso_store_prepare (self, "DELETE FROM protection_groups WHERE group_id = ?",
                              &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, group_id);
  if (!_drso_store_step_done (self, stmt, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  if (self->groups != NULL)
    _drso_live_list_remove (self->groups, group_id);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
