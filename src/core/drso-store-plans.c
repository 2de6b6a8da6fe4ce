/* drso-store-plans.c
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

#define PLAN_COLUMNS                                                                     \
  "plan_id, name, description, last_execution_id, last_execution_status, "              \
  "last_execution_date, created_date, last_modified_date, created_by, last_modified_by, " \
  "rpo_target_seconds, rto_target_seconds"

static gboolean
read_waves (DrsoStore         *self,
            DrsoRecoveryPlan  *plan,
            GError           **error)
{
  const char *plan_id = drso_recovery_plan_get_plan_id (plan);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT wave_number, name, pause_before, estimated_duration "
                                    "FROM waves WHERE plan_id = ? ORDER BY wave_number",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DrsoWave) wave = drso_wave_new (_drso_store_column_text (stmt, 1));

      drso_wave_set_pause_before_wave (wave, sqlite3_column_int (stmt, 2));
      drso_wave_set_estimated_duration (wave, (guint) sqlite3_column_int64 (stmt, 3));
      drso_recovery_plan_append_wave (plan, wave);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);

  stmt = _drso_store_prepare (self, "SELECT wave_number, group_id FROM wave_groups "
                                    "WHERE plan_id = ? ORDER BY wave_number, position",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (plan, sqlite3_column_int (stmt, 0));

      if (wave != NULL)
        drso_wave_add_protection_group_id (wave, _drso_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return TRUE;
}

/* Settings are kept by server id, whether or not the server is still in one
 * of the plan's groups (see drso_recovery_plan_set_server_criticality()). */
static gboolean
read_server_settings (DrsoStore         *self,
                      DrsoRecoveryPlan  *plan,
                      GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT server_id, criticality, recovery_snapshot_id "
                                    "FROM plan_servers WHERE plan_id = ? ORDER BY server_id",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, drso_recovery_plan_get_plan_id (plan));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *server_id = _drso_store_column_text (stmt, 0);
      DrsoServerCriticality criticality = DRSO_SERVER_CRITICALITY_CRITICAL;

      drso_server_criticality_from_string (_drso_store_column_text (stmt, 1), &criticality);
      drso_recovery_plan_set_server_criticality (plan, server_id, criticality);
      drso_recovery_plan_set_server_snapshot (plan, server_id, _drso_store_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return TRUE;
}

static gboolean
write_server_settings (DrsoStore         *self,
                       DrsoRecoveryPlan  *plan,
                       gboolean           exists,
                       GError           **error)
{
  const char *plan_id = drso_recovery_plan_get_plan_id (plan);
  g_auto(GStrv) server_ids = drso_recovery_plan_dup_configured_servers (plan);
  sqlite3_stmt *stmt;

  if (exists)
    {
      stmt = _drso_store_prepare (self, "DELETE FROM plan_servers WHERE plan_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, plan_id);
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; server_ids[i] != NULL; i++)
    {
      DrsoServerCriticality criticality =
        drso_recovery_plan_get_server_criticality (plan, server_ids[i]);

      stmt = _drso_store_prepare (self, "INSERT INTO plan_servers (plan_id, server_id, "
                                        "criticality, recovery_snapshot_id) VALUES (?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, plan_id);
      _drso_store_bind_text (stmt, 2, server_ids[i]);
      _drso_store_bind_text (stmt, 3, drso_server_criticality_to_string (criticality));
      _drso_store_bind_text (stmt, 4, drso_recovery_plan_get_server_snapshot (plan, server_ids[i]));
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static DrsoRecoveryPlan *
plan_from_row (sqlite3_stmt *stmt)
{
  DrsoRecoveryPlan *plan = g_object_new (DRSO_TYPE_RECOVERY_PLAN, NULL);
  DrsoDocument *document = DRSO_DOCUMENT (plan);
  const char *description = _drso_store_column_text (stmt, 2);

  drso_document_set_id (document, _drso_store_column_text (stmt, 0));
  drso_document_set_name (document, _drso_store_column_text (stmt, 1));
  drso_recovery_plan_set_description (plan, description);
  drso_recovery_plan_set_last_execution (plan, _drso_store_column_text (stmt, 3),
                                         _drso_store_column_text (stmt, 4),
                                         sqlite3_column_int64 (stmt, 5));
  drso_document_set_created_date (document, sqlite3_column_int64 (stmt, 6));
  drso_document_set_last_modified_date (document, sqlite3_column_int64 (stmt, 7));
  drso_document_set_created_by (document, _drso_store_column_text (stmt, 8));
  drso_document_set_last_modified_by (document, _drso_store_column_text (stmt, 9));
  drso_recovery_plan_set_rpo_target (plan, (guint) sqlite3_column_int64 (stmt, 10));
  drso_recovery_plan_set_rto_target (plan, (guint) sqlite3_column_int64 (stmt, 11));
  return plan;
}

GPtrArray *
_drso_store_load_plans (DrsoStore  *self,
                        GError    **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " PLAN_COLUMNS " FROM recovery_plans", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (plans, plan_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }

  for (guint i = 0; i < plans->len; i++)
    {
      if (!read_waves (self, g_ptr_array_index (plans, i), error) ||
          !read_server_settings (self, g_ptr_array_index (plans, i), error))
        return NULL;
    }
  return g_steal_pointer (&plans);
}

DrsoRecoveryPlan *
_drso_store_read_plan (DrsoStore   *self,
                       const char  *id_or_name,
                       GError     **error)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autofree char *key = _drso_name_key (id_or_name);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " PLAN_COLUMNS " FROM recovery_plans "
                                    "WHERE plan_id = ?1 OR name_key = ?2 "
                                    "ORDER BY plan_id = ?1 DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    return NULL;
  _drso_store_bind_text (stmt, 1, id_or_name);
  _drso_store_bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan = plan_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  if (plan == NULL || !read_waves (self, plan, error) ||
      !read_server_settings (self, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * drso_store_get_recovery_plans:
 * @self: a #DrsoStore
 *
 * Returns: (transfer none): a live list model of #DrsoRecoveryPlan, by name
 */
GListModel *
drso_store_get_recovery_plans (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  if (self->plans == NULL)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      self->plans = _drso_live_list_new (DRSO_TYPE_RECOVERY_PLAN, _drso_store_document_get_id,
                                         _drso_store_compare_documents,
                                         _drso_store_documents_equal);
      items = _drso_store_load_plans (self, &error);
      if (items == NULL)
        g_warning ("Could not load the recovery plans: %s", error->message);
      else
        _drso_live_list_reset (self->plans, items);
    }
  return G_LIST_MODEL (self->plans->store);
}

void
_drso_store_put_plan (DrsoStore  *self,
                      const char *plan_id)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;

  if (self->plans == NULL)
    return;
  plan = _drso_store_read_plan (self, plan_id, NULL);
  if (plan != NULL)
    _drso_live_list_put (self->plans, plan);
  else
    _drso_live_list_remove (self->plans, plan_id);
}

/**
 * drso_store_lookup_recovery_plan:
 * @self: a #DrsoStore
 * @id_or_name: a plan id, or a plan's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new copy of the plan, or %NULL with
 *   %DRSO_STORE_ERROR_NOT_FOUND
 */
DrsoRecoveryPlan *
drso_store_lookup_recovery_plan (DrsoStore   *self,
                                 const char  *id_or_name,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DrsoRecoveryPlan *plan;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  plan = _drso_store_read_plan (self, id_or_name, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (plan == NULL)
    _drso_store_not_found (error, _("recovery plan"), id_or_name);
  return plan;
}

/* The rules a plan can only be checked against the rest of the store: a
 * unique name, and groups that exist. */
gboolean
_drso_store_check_plan (DrsoStore         *self,
                        DrsoRecoveryPlan  *plan,
                        GError           **error)
{
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  guint n = g_list_model_get_n_items (waves);

  if (!_drso_store_check_name (self,
                               "SELECT name FROM recovery_plans WHERE name_key = ? AND plan_id != ?",
                               drso_recovery_plan_get_plan_name (plan),
                               drso_recovery_plan_get_plan_id (plan), _("recovery plan"), error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      const char * const *ids = drso_wave_get_protection_group_ids (wave);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          g_autoptr(GError) local_error = NULL;

          if (_drso_store_row_exists (self, "SELECT 1 FROM protection_groups WHERE group_id = ?",
                                      ids[j], &local_error))
            continue;
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_GROUP,
                       _("Wave %u of the recovery plan “%s” names the protection group %s, "
                         "which does not exist"),
                       i + 1, drso_recovery_plan_get_plan_name (plan), ids[j]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * drso_store_validate_recovery_plan:
 * @self: a #DrsoStore
 * @plan: a #DrsoRecoveryPlan
 * @error: return location for a #GError
 *
 * Checks every rule a plan must pass to be stored, without storing it: those
 * it checks alone, a unique name, and protection groups that exist.
 *
 * Returns: %TRUE if @plan can be stored
 */
gboolean
drso_store_validate_recovery_plan (DrsoStore         *self,
                                   DrsoRecoveryPlan  *plan,
                                   GError           **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (plan), FALSE);

  return drso_document_validate (DRSO_DOCUMENT (plan), error) &&
         _drso_store_check_plan (self, plan, error);
}

gboolean
_drso_store_write_plan (DrsoStore         *self,
                        DrsoRecoveryPlan  *plan,
                        gboolean           exists,
                        GError           **error)
{
  DrsoDocument *document = DRSO_DOCUMENT (plan);
  const char *plan_id = drso_document_get_id (document);
  g_autofree char *name_key = _drso_name_key (drso_document_get_name (document));
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  guint n = g_list_model_get_n_items (waves);
  sqlite3_stmt *stmt;

  stmt = _drso_store_prepare (self,
                              "INSERT INTO recovery_plans (" PLAN_COLUMNS ", name_key) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (plan_id) DO UPDATE SET "
                              "name = excluded.name, name_key = excluded.name_key, "
                              "description = excluded.description, "
                              "rpo_target_seconds = excluded.rpo_target_seconds, "
                              "rto_target_seconds = excluded.rto_target_seconds, "
                              "last_modified_date = excluded.last_modified_date, "
                              "last_modified_by = excluded.last_modified_by",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, plan_id);
  _drso_store_bind_text (stmt, 2, drso_document_get_name (document));
  _drso_store_bind_text (stmt, 3, drso_recovery_plan_get_description (plan) ?
                                  drso_recovery_plan_get_description (plan) : "");
  _drso_store_bind_text (stmt, 4, drso_recovery_plan_get_last_execution_id (plan));
  _drso_store_bind_text (stmt, 5, drso_recovery_plan_get_last_execution_status (plan));
  sqlite3_bind_int64 (stmt, 6, drso_recovery_plan_get_last_execution_date (plan));
  sqlite3_bind_int64 (stmt, 7, drso_document_get_created_date (document));
  sqlite3_bind_int64 (stmt, 8, drso_document_get_last_modified_date (document));
  _drso_store_bind_text (stmt, 9, drso_document_get_created_by (document));
  _drso_store_bind_text (stmt, 10, drso_document_get_last_modified_by (document));
  sqlite3_bind_int64 (stmt, 11, drso_recovery_plan_get_rpo_target (plan));
  sqlite3_bind_int64 (stmt, 12, drso_recovery_plan_get_rto_target (plan));
  _drso_store_bind_text (stmt, 13, name_key);
  if (!_drso_store_step_done (self, stmt, error) ||
      !write_server_settings (self, plan, exists, error))
    return FALSE;

  if (exists)
    {
      /* Wave groups go with their waves (ON DELETE CASCADE). */
      stmt = _drso_store_prepare (self, "DELETE FROM waves WHERE plan_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, plan_id);
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      const char * const *ids = drso_wave_get_protection_group_ids (wave);

      stmt = _drso_store_prepare (self, "INSERT INTO waves (plan_id, wave_number, name, "
                                        "pause_before, estimated_duration) VALUES (?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, plan_id);
      sqlite3_bind_int (stmt, 2, i + 1);
      _drso_store_bind_text (stmt, 3, drso_wave_get_wave_name (wave) ?
                                      drso_wave_get_wave_name (wave) : "");
      sqlite3_bind_int (stmt, 4, drso_wave_get_pause_before_wave (wave));
      sqlite3_bind_int64 (stmt, 5, drso_wave_get_estimated_duration (wave));
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;

      stmt = _drso_store_prepare (self, "INSERT INTO wave_groups (plan_id, wave_number, group_id, "
                                        "position) VALUES (?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      for (guint j = 0; ids[j] != NULL; j++)
        {
          _drso_store_bind_text (stmt, 1, plan_id);
          sqlite3_bind_int (stmt, 2, i + 1);
          _drso_store_bind_text (stmt, 3, ids[j]);
          sqlite3_bind_int (stmt, 4, j);
          if (!_drso_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
save_plan (DrsoStore         *self,
           DrsoRecoveryPlan  *plan,
           gboolean           create,
           GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *plan_id;
  gboolean exists;

  if (!_drso_store_check (self, create ? DRSO_PERMISSION_CREATE_RECOVERY_PLAN
                                       : DRSO_PERMISSION_UPDATE_RECOVERY_PLAN, error))
    return FALSE;

  if (create)
    drso_document_ensure_id (DRSO_DOCUMENT (plan));
  if (!drso_document_validate (DRSO_DOCUMENT (plan), error))
    return FALSE;

  if (!_drso_store_begin (self, error))
    return FALSE;

  plan_id = drso_recovery_plan_get_plan_id (plan);
  exists = _drso_store_row_exists (self, "SELECT 1 FROM recovery_plans WHERE plan_id = ?",
                                   plan_id, &local_error);
  if (local_error != NULL)
    goto fail;
  if (create && exists)
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID,
                   _("A recovery plan with the id %s already exists"), plan_id);
      goto fail;
    }
  if (!create && !exists)
    {
      _drso_store_not_found (&local_error, _("recovery plan"), plan_id);
      goto fail;
    }

  if (!_drso_store_check_plan (self, plan, &local_error))
    goto fail;

  _drso_store_stamp (DRSO_DOCUMENT (plan), create);
  if (!_drso_store_write_plan (self, plan, exists, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  _drso_store_put_plan (self, plan_id);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_create_recovery_plan:
 * @self: a #DrsoStore
 * @plan: a new recovery plan (given an id if it has none)
 * @error: return location for a #GError
 *
 * Stores @plan. Needs drs:CreateRecoveryPlan.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_create_recovery_plan (DrsoStore         *self,
                                 DrsoRecoveryPlan  *plan,
                                 GError           **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (plan), FALSE);

  return save_plan (self, plan, TRUE, error);
}

/**
 * drso_store_update_recovery_plan:
 * @self: a #DrsoStore
 * @plan: a recovery plan with the id of a stored one
 * @error: return location for a #GError
 *
 * Replaces the stored plan with @plan. Needs drs:UpdateRecoveryPlan.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_update_recovery_plan (DrsoStore         *self,
                                 DrsoRecoveryPlan  *plan,
                                 GError           **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (plan), FALSE);

  return save_plan (self, plan, FALSE, error);
}

/**
 * drso_store_delete_recovery_plan:
 * @self: a #DrsoStore
 * @plan_id: a plan id
 * @error: return location for a #GError
 *
 * Deletes the plan; its past executions stay in the history. Needs
 * drs:DeleteRecoveryPlan. Refused while an execution of the plan has not
 * ended.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_delete_recovery_plan (DrsoStore   *self,
                                 const char  *plan_id,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_DELETE_RECOVERY_PLAN, error) ||
      !_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM recovery_plans WHERE plan_id = ?", plan_id,
                               &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("recovery plan"), plan_id);
      goto fail;
    }

  if (_drso_store_row_exists (self, "SELECT 1 FROM executions WHERE plan_id = ? AND status NOT IN "
                                    "('COMPLETED', 'FAILED', 'CANCELLED')",
                              plan_id, &local_error))
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE,
                   _("The recovery plan has an execution that has not ended: wait for it to "
                     "end, or cancel it, before deleting the plan"));
      goto fail;
    }
  if (local_error != NULL)
    goto fail;

  stmt = _drso_store_prepare (self, "DELETE FROM recovery_plans WHERE plan_id = ?", &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, plan_id);
  if (!_drso_store_step_done (self, stmt, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  if (self->plans != NULL)
    _drso_live_list_remove (self->plans, plan_id);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
