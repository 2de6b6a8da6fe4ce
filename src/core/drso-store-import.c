/* drso-store-import.c
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
#include "drso-store-private.h"

/**
 * drso_store_export_plans:
 * @self: a #DrsoStore
 * @plan_ids: (nullable) (array zero-terminated=1): ids or names of the plans to
 *   export, or %NULL for every plan
 * @error: return location for a #GError
 *
 * Builds a bundle of the plans and every protection group they use.
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL on error
 */
DrsoBundle *
drso_store_export_plans (DrsoStore           *self,
                         const char * const  *plan_ids,
                         GError             **error)
{
  g_autoptr(DrsoBundle) bundle = drso_bundle_new ();
  g_autoptr(GPtrArray) plans = NULL;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  if (plan_ids == NULL || plan_ids[0] == NULL)
    {
      plans = _drso_store_load_plans (self, error);
      if (plans == NULL)
        return NULL;
    }
  else
    {
      plans = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; plan_ids[i] != NULL; i++)
        {
          DrsoRecoveryPlan *plan = drso_store_lookup_recovery_plan (self, plan_ids[i], error);

          if (plan == NULL)
            return NULL;
          g_ptr_array_add (plans, plan);
        }
    }

  for (guint i = 0; i < plans->len; i++)
    {
      DrsoRecoveryPlan *plan = g_ptr_array_index (plans, i);
      g_auto(GStrv) group_ids = drso_recovery_plan_dup_group_ids (plan);

      for (guint j = 0; group_ids[j] != NULL; j++)
        {
          g_autoptr(DrsoProtectionGroup) group = NULL;

          if (drso_bundle_find_protection_group (bundle, group_ids[j]) != NULL)
            continue;
          group = drso_store_lookup_protection_group (self, group_ids[j], error);
          if (group == NULL)
            return NULL;
          drso_bundle_add_protection_group (bundle, group);
        }
      drso_bundle_add_recovery_plan (bundle, plan);
    }

  return g_steal_pointer (&bundle);
}

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

typedef enum {
  CHANGE_NONE,
  CHANGE_CREATE,
  CHANGE_UPDATE,
} Change;

/* Compares a bundle's document with the stored one; audit fields the file
 * leaves out do not count as a change. */
static Change
classify (DrsoDocument *incoming,
          DrsoDocument *stored)
{
  g_autoptr(DrsoDocument) copy = NULL;

  if (stored == NULL)
    return CHANGE_CREATE;

  copy = drso_document_copy (incoming);
  if (drso_document_get_created_date (copy) == 0)
    {
      drso_document_set_created_date (copy, drso_document_get_created_date (stored));
      drso_document_set_created_by (copy, drso_document_get_created_by (stored));
    }
  if (drso_document_get_last_modified_date (copy) == 0)
    {
      drso_document_set_last_modified_date (copy, drso_document_get_last_modified_date (stored));
      drso_document_set_last_modified_by (copy, drso_document_get_last_modified_by (stored));
    }
  if (DRSO_IS_RECOVERY_PLAN (copy))
    drso_recovery_plan_set_last_execution (
      DRSO_RECOVERY_PLAN (copy),
      drso_recovery_plan_get_last_execution_id (DRSO_RECOVERY_PLAN (stored)),
      drso_recovery_plan_get_last_execution_status (DRSO_RECOVERY_PLAN (stored)),
      drso_recovery_plan_get_last_execution_date (DRSO_RECOVERY_PLAN (stored)));

  return drso_document_equal (copy, stored) ? CHANGE_NONE : CHANGE_UPDATE;
}

/* Keeps the file's audit fields, filling in what it leaves out. The latest
 * execution is this desk's history, not the file's. */
static void
prepare_document (DrsoDocument *document,
                  DrsoDocument *stored)
{
  gint64 now = _drso_store_now ();

  if (drso_document_get_created_date (document) == 0)
    {
      drso_document_set_created_date (document, stored ? drso_document_get_created_date (stored)
                                                       : now);
      drso_document_set_created_by (document, stored ? drso_document_get_created_by (stored)
                                                     : _drso_store_actor ());
    }
  if (drso_document_get_last_modified_date (document) == 0)
    {
      drso_document_set_last_modified_date (document, now);
      drso_document_set_last_modified_by (document, _drso_store_actor ());
    }
  if (DRSO_IS_RECOVERY_PLAN (document))
    {
      DrsoRecoveryPlan *stored_plan = stored ? DRSO_RECOVERY_PLAN (stored) : NULL;

      drso_recovery_plan_set_last_execution (
        DRSO_RECOVERY_PLAN (document),
        stored_plan ? drso_recovery_plan_get_last_execution_id (stored_plan) : NULL,
        stored_plan ? drso_recovery_plan_get_last_execution_status (stored_plan) : NULL,
        stored_plan ? drso_recovery_plan_get_last_execution_date (stored_plan) : 0);
    }
}

static gboolean
check_permissions (DrsoStore   *self,
                   GListModel  *documents,
                   GPtrArray   *stored,
                   GArray      *changes,
                   GError     **error)
{
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) document = g_list_model_get_item (documents, i);
      Change change = g_array_index (changes, Change, i);
      gboolean is_plan = DRSO_IS_RECOVERY_PLAN (document);
      DrsoPermission permission;

      if (change == CHANGE_NONE)
        continue;
      if (change == CHANGE_CREATE)
        permission = is_plan ? DRSO_PERMISSION_CREATE_RECOVERY_PLAN
                             : DRSO_PERMISSION_CREATE_PROTECTION_GROUP;
      else
        permission = is_plan ? DRSO_PERMISSION_UPDATE_RECOVERY_PLAN
                             : DRSO_PERMISSION_UPDATE_PROTECTION_GROUP;
      if (!_drso_store_check (self, permission, error))
        return FALSE;
    }
  return TRUE;
}

/* Reads the stored counterpart of each document and what importing it does. */
static gboolean
classify_all (DrsoStore   *self,
              GListModel  *documents,
              GPtrArray   *stored,
              GArray      *changes,
              GError     **error)
{
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(GError) local_error = NULL;
      DrsoDocument *existing;
      Change change;

      if (DRSO_IS_RECOVERY_PLAN (document))
        existing = DRSO_DOCUMENT (_drso_store_read_plan (self, drso_document_get_id (document),
                                                         &local_error));
      else
        existing = DRSO_DOCUMENT (_drso_store_read_group (self, drso_document_get_id (document),
                                                          &local_error));
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* A name match is not an id match: that is a conflict found later. */
      if (existing != NULL &&
          g_strcmp0 (drso_document_get_id (existing), drso_document_get_id (document)) != 0)
        g_clear_object (&existing);

      change = classify (document, existing);
      g_ptr_array_add (stored, existing);
      g_array_append_val (changes, change);
    }
  return TRUE;
}

static gboolean
import_locked (DrsoStore   *self,
               DrsoBundle  *bundle,
               GPtrArray   *stored_groups,
               GArray      *group_changes,
               GPtrArray   *stored_plans,
               GArray      *plan_changes,
               GError     **error)
{
  GListModel *groups = drso_bundle_get_protection_groups (bundle);
  GListModel *plans = drso_bundle_get_recovery_plans (bundle);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_plans = g_list_model_get_n_items (plans);
  sqlite3_stmt *stmt;

  /* Free the servers of every changed group first, so servers can move
   * between groups of the same file. */
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (groups, i);

      if (g_array_index (group_changes, Change, i) != CHANGE_UPDATE)
        continue;
      stmt = _drso_store_prepare (self, "DELETE FROM group_servers WHERE group_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, drso_protection_group_get_group_id (group));
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (groups, i);
      Change change = g_array_index (group_changes, Change, i);

      if (change == CHANGE_NONE)
        continue;
      prepare_document (DRSO_DOCUMENT (group), g_ptr_array_index (stored_groups, i));
      if (!_drso_store_check_group (self, group, error) ||
          !_drso_store_write_group (self, group, change == CHANGE_UPDATE, error))
        return FALSE;
    }

  for (guint i = 0; i < n_plans; i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (plans, i);
      Change change = g_array_index (plan_changes, Change, i);

      if (change == CHANGE_NONE)
        continue;
      prepare_document (DRSO_DOCUMENT (plan), g_ptr_array_index (stored_plans, i));
      if (!_drso_store_check_plan (self, plan, error) ||
          !_drso_store_write_plan (self, plan, change == CHANGE_UPDATE, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * drso_store_import_bundle:
 * @self: a #DrsoStore
 * @bundle: a #DrsoBundle
 * @n_changed: (out) (optional): how many groups and plans were created or changed
 * @error: return location for a #GError
 *
 * Creates or updates, by id, the bundle's protection groups and recovery
 * plans, in one transaction: on any error (a conflict, a plan naming a group
 * that exists nowhere, a permission the role lacks) nothing changes.
 * Importing the same bundle again changes nothing. Documents keep the audit
 * fields the file gives them.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_import_bundle (DrsoStore   *self,
                         DrsoBundle  *bundle,
                         guint       *n_changed,
                         GError     **error)
{
  g_autoptr(GPtrArray) stored_groups = g_ptr_array_new_with_free_func (unref_nullable);
  g_autoptr(GPtrArray) stored_plans = g_ptr_array_new_with_free_func (unref_nullable);
  g_autoptr(GArray) group_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GArray) plan_changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *groups, *plans;
  guint changed = 0;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_BUNDLE (bundle), FALSE);

  groups = drso_bundle_get_protection_groups (bundle);
  plans = drso_bundle_get_recovery_plans (bundle);

  /* The bundle's documents are changed below (audit fields); work on copies. */
  {
    g_autoptr(DrsoBundle) copy = drso_bundle_new ();

    for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
      {
        g_autoptr(DrsoDocument) group = g_list_model_get_item (groups, i);
        g_autoptr(DrsoDocument) group_copy = drso_document_copy (group);
        drso_bundle_add_protection_group (copy, DRSO_PROTECTION_GROUP (group_copy));
      }
    for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
      {
        g_autoptr(DrsoDocument) plan = g_list_model_get_item (plans, i);
        g_autoptr(DrsoDocument) plan_copy = drso_document_copy (plan);
        drso_bundle_add_recovery_plan (copy, DRSO_RECOVERY_PLAN (plan_copy));
      }
    bundle = g_steal_pointer (&copy);
  }
  groups = drso_bundle_get_protection_groups (bundle);
  plans = drso_bundle_get_recovery_plans (bundle);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(DrsoDocument) group = g_list_model_get_item (groups, i);

      if (!drso_document_validate (group, error))
        goto out;
    }
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DrsoDocument) plan = g_list_model_get_item (plans, i);

      if (!drso_document_validate (plan, error))
        goto out;
    }

  if (!_drso_store_begin (self, error))
    goto out;

  if (!classify_all (self, groups, stored_groups, group_changes, error) ||
      !classify_all (self, plans, stored_plans, plan_changes, error) ||
      !check_permissions (self, groups, stored_groups, group_changes, error) ||
      !check_permissions (self, plans, stored_plans, plan_changes, error) ||
      !import_locked (self, bundle, stored_groups, group_changes, stored_plans, plan_changes,
                      error) ||
      !_drso_store_commit (self, error))
    {
      _drso_store_rollback (self);
      goto out;
    }

  for (guint i = 0; i < group_changes->len; i++)
    {
      g_autoptr(DrsoDocument) group = g_list_model_get_item (groups, i);

      if (g_array_index (group_changes, Change, i) == CHANGE_NONE)
        continue;
      changed++;
      _drso_store_put_group (self, drso_document_get_id (group));
    }
  for (guint i = 0; i < plan_changes->len; i++)
    {
      g_autoptr(DrsoDocument) plan = g_list_model_get_item (plans, i);

      if (g_array_index (plan_changes, Change, i) == CHANGE_NONE)
        continue;
      changed++;
      _drso_store_put_plan (self, drso_document_get_id (plan));
    }

  g_object_unref (bundle);
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;

out:
  g_object_unref (bundle);
  return FALSE;
}
