/* drso-store-servers.c
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
#include "drso-validation.h"

static DrsoSourceServer *
server_from_row (sqlite3_stmt *stmt,
                 int           column)
{
  g_autoptr(JsonNode) node = _drso_json_parse (_drso_store_column_text (stmt, column), -1, NULL);
  g_autoptr(GError) error = NULL;
  DrsoSourceServer *server;

  server = node ? drso_source_server_new_from_json (node, &error) : NULL;
  if (server == NULL)
    g_warning ("A cached source server could not be read%s%s", error ? ": " : "",
               error ? error->message : "");
  return server;
}

GPtrArray *
_drso_store_load_servers (DrsoStore  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT document FROM source_servers", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoSourceServer *server = server_from_row (stmt, 0);

      if (server != NULL)
        g_ptr_array_add (servers, server);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&servers);
}

static const char *
server_get_id (gpointer item)
{
  return drso_source_server_get_source_server_id (item);
}

static int
compare_servers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  DrsoSourceServer *sa = (DrsoSourceServer *) a;
  DrsoSourceServer *sb = (DrsoSourceServer *) b;
  const char *ha = drso_source_server_get_hostname (sa);
  const char *hb = drso_source_server_get_hostname (sb);
  int cmp;

  /* By hostname, servers without one last; then by id. */
  if ((ha == NULL) != (hb == NULL))
    return ha == NULL ? 1 : -1;
  cmp = ha ? g_ascii_strcasecmp (ha, hb) : 0;
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (drso_source_server_get_source_server_id (sa),
                    drso_source_server_get_source_server_id (sb));
}

static gboolean
servers_equal (gpointer a,
               gpointer b)
{
  g_autoptr(JsonNode) na = drso_source_server_to_json (a);
  g_autoptr(JsonNode) nb = drso_source_server_to_json (b);

  return json_node_equal (na, nb);
}

/**
 * drso_store_get_source_servers:
 * @self: a #DrsoStore
 *
 * Returns: (transfer none): a live list model of every discovered
 *   #DrsoSourceServer, by hostname
 */
GListModel *
drso_store_get_source_servers (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  if (self->servers == NULL)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      self->servers = _drso_live_list_new (DRSO_TYPE_SOURCE_SERVER, server_get_id,
                                           compare_servers, servers_equal);
      items = _drso_store_load_servers (self, &error);
      if (items == NULL)
        g_warning ("Could not load the source servers: %s", error->message);
      else
        _drso_live_list_reset (self->servers, items);
    }
  return G_LIST_MODEL (self->servers->store);
}

/**
 * drso_store_lookup_source_server:
 * @self: a #DrsoStore
 * @server_id: a DRS source server id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cached server, or %NULL with
 *   %DRSO_STORE_ERROR_NOT_FOUND
 */
DrsoSourceServer *
drso_store_lookup_source_server (DrsoStore   *self,
                                 const char  *server_id,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  DrsoSourceServer *server = NULL;
  int rc;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (server_id != NULL, NULL);

  stmt = _drso_store_prepare (self, "SELECT document FROM source_servers WHERE server_id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  _drso_store_bind_text (stmt, 1, server_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    server = server_from_row (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _drso_store_set_error (self, error);
  else if (server == NULL)
    _drso_store_not_found (error, _("source server"), server_id);
  return server;
}

/**
 * drso_store_replace_source_servers:
 * @self: a #DrsoStore
 * @account_id: the account discovered
 * @region: the region discovered
 * @servers: (element-type DrsoSourceServer): every server discovery found there
 * @error: return location for a #GError
 *
 * Replaces the discovery cache of one account and region with @servers, in
 * one transaction, and records when. Needs drs:ViewResources.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_replace_source_servers (DrsoStore   *self,
                                   const char  *account_id,
                                   const char  *region,
                                   GPtrArray   *servers,
                                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 now = _drso_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);
  g_return_val_if_fail (region != NULL, FALSE);
  g_return_val_if_fail (servers != NULL, FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_VIEW_RESOURCES, error))
    return FALSE;

  for (guint i = 0; i < servers->len; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (servers, i);

      if (!drso_validate_source_server_id (drso_source_server_get_source_server_id (server),
                                           error))
        return FALSE;
      if (g_strcmp0 (drso_source_server_get_account_id (server), account_id) != 0 ||
          g_strcmp0 (drso_source_server_get_region (server), region) != 0)
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                       _("The server %s belongs to %s in %s, not to %s in %s"),
                       drso_source_server_get_source_server_id (server),
                       drso_source_server_get_account_id (server),
                       drso_source_server_get_region (server), account_id, region);
          return FALSE;
        }
    }

  if (!_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?", account_id,
                               &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("account"), account_id);
      goto fail;
    }

  stmt = _drso_store_prepare (self, "DELETE FROM source_servers WHERE account_id = ? AND region = ?",
                              &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, account_id);
  _drso_store_bind_text (stmt, 2, region);
  if (!_drso_store_step_done (self, stmt, &local_error))
    goto fail;

  for (guint i = 0; i < servers->len; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (servers, i);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *document = NULL;

      drso_source_server_set_discovered_date (server, now);
      node = drso_source_server_to_json (server);
      document = _drso_json_to_string (node, FALSE);

      /* A server moved from another account or region replaces its old entry. */
      stmt = _drso_store_prepare (self,
                                  "INSERT OR REPLACE INTO source_servers "
                                  "(server_id, account_id, region, document, discovered_date) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  &local_error);
      if (stmt == NULL)
        goto fail;
      _drso_store_bind_text (stmt, 1, drso_source_server_get_source_server_id (server));
      _drso_store_bind_text (stmt, 2, account_id);
      _drso_store_bind_text (stmt, 3, region);
      _drso_store_bind_text (stmt, 4, document);
      sqlite3_bind_int64 (stmt, 5, now);
      if (!_drso_store_step_done (self, stmt, &local_error))
        goto fail;
    }

  stmt = _drso_store_prepare (self,
                              "INSERT OR REPLACE INTO discoveries "
                              "(account_id, region, discovered_date, server_count) "
                              "VALUES (?, ?, ?, ?)",
                              &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, account_id);
  _drso_store_bind_text (stmt, 2, region);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, servers->len);
  if (!_drso_store_step_done (self, stmt, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  if (self->servers != NULL)
    {
      g_autoptr(GPtrArray) all = _drso_store_load_servers (self, NULL);

      if (all != NULL)
        _drso_live_list_reset (self->servers, all);
    }
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_get_discovery_date:
 * @self: a #DrsoStore
 * @account_id: an account id
 * @region: a region
 *
 * Returns: when the account and region were last discovered, in seconds since
 *   1970, or 0 if never
 */
gint64
drso_store_get_discovery_date (DrsoStore  *self,
                               const char *account_id,
                               const char *region)
{
  sqlite3_stmt *stmt;
  gint64 date = 0;

  g_return_val_if_fail (DRSO_IS_STORE (self), 0);

  stmt = _drso_store_prepare (self, "SELECT discovered_date FROM discoveries "
                                    "WHERE account_id = ? AND region = ?",
                              NULL);
  if (stmt == NULL)
    return 0;
  _drso_store_bind_text (stmt, 1, account_id);
  _drso_store_bind_text (stmt, 2, region);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    date = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return date;
}

/**
 * drso_store_resolve_protection_group:
 * @self: a #DrsoStore
 * @group: a #DrsoProtectionGroup
 *
 * Finds the discovered servers @group selects: its explicit server ids, and
 * the servers of its account and region that have every tag of its criteria.
 * Explicit ids that discovery has not seen are left out.
 *
 * Returns: (transfer container) (element-type DrsoSourceServer): the servers
 */
GPtrArray *
drso_store_resolve_protection_group (DrsoStore           *self,
                                     DrsoProtectionGroup *group)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *ids;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (group), NULL);

  ids = drso_protection_group_get_server_ids (group);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      DrsoSourceServer *server = drso_store_lookup_source_server (self, ids[i], NULL);

      if (server != NULL)
        {
          g_ptr_array_add (result, server);
          g_hash_table_add (seen, (gpointer) drso_source_server_get_source_server_id (server));
        }
    }

  if (!drso_protection_group_is_tag_based (group))
    return g_steal_pointer (&result);

  stmt = _drso_store_prepare (self, "SELECT document FROM source_servers "
                                    "WHERE account_id = ? AND region = ?",
                              NULL);
  if (stmt == NULL)
    return g_steal_pointer (&result);
  _drso_store_bind_text (stmt, 1, drso_protection_group_get_account_id (group));
  _drso_store_bind_text (stmt, 2, drso_protection_group_get_region (group));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(DrsoSourceServer) server = server_from_row (stmt, 0);

      if (server == NULL ||
          g_hash_table_contains (seen, drso_source_server_get_source_server_id (server)) ||
          !drso_protection_group_matches_tags (group, drso_source_server_get_tags (server)))
        continue;
      g_ptr_array_add (result, g_steal_pointer (&server));
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&result);
}
