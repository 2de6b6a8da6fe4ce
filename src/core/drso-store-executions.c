/* drso-store-executions.c
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
#include "drso-run-private.h"
#include "drso-store-private.h"

#define EXECUTION_COLUMNS                                                                \
  "execution_id, plan_id, plan_name, execution_type, status, current_wave, start_time, " \
  "end_time, initiated_by, errors, instances_terminated, total_waves, initiated_by_arn, "   \
  "warnings"

#define SERVER_RUN_COLUMNS                                                               \
  "server_id, hostname, private_ip, instance_type, status, job_id, recovery_instance_id, " \
  "ec2_instance_id, message, criticality, launch_attempt, launch_requested, "            \
  "snapshot_start, snapshot_end, conversion_start, conversion_end, launch_start, "       \
  "launch_end, health"

/* The columns of the server-run times, from launch_requested (column 11). */
static void (* const time_setters[]) (DrsoServerRun *, gint64) = {
  drso_server_run_set_launch_requested, drso_server_run_set_snapshot_start,
  drso_server_run_set_snapshot_end, drso_server_run_set_conversion_start,
  drso_server_run_set_conversion_end, drso_server_run_set_launch_start,
  drso_server_run_set_launch_end,
};
static gint64 (* const time_getters[]) (DrsoServerRun *) = {
  drso_server_run_get_launch_requested, drso_server_run_get_snapshot_start,
  drso_server_run_get_snapshot_end, drso_server_run_get_conversion_start,
  drso_server_run_get_conversion_end, drso_server_run_get_launch_start,
  drso_server_run_get_launch_end,
};

static gboolean
read_server_runs (DrsoStore    *self,
                  const char   *execution_id,
                  DrsoWaveRun  *run,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self,
                              "SELECT " SERVER_RUN_COLUMNS " FROM server_runs WHERE execution_id = ? AND wave_number = ? "
                              "ORDER BY position",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  sqlite3_bind_int (stmt, 2, drso_wave_run_get_wave_number (run));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DrsoServerRun) server = drso_server_run_new (_drso_store_column_text (stmt, 0));
      DrsoLaunchStatus status = DRSO_LAUNCH_STATUS_PENDING;
      DrsoServerCriticality criticality = DRSO_SERVER_CRITICALITY_CRITICAL;

      drso_server_run_set_hostname (server, _drso_store_column_text (stmt, 1));
      drso_server_run_set_private_ip (server, _drso_store_column_text (stmt, 2));
      drso_server_run_set_instance_type (server, _drso_store_column_text (stmt, 3));
      drso_launch_status_from_string (_drso_store_column_text (stmt, 4), &status);
      drso_server_run_set_status (server, status);
      drso_server_run_set_job_id (server, _drso_store_column_text (stmt, 5));
      drso_server_run_set_recovery_instance_id (server, _drso_store_column_text (stmt, 6));
      drso_server_run_set_ec2_instance_id (server, _drso_store_column_text (stmt, 7));
      drso_server_run_set_message (server, _drso_store_column_text (stmt, 8));
      drso_server_criticality_from_string (_drso_store_column_text (stmt, 9), &criticality);
      drso_server_run_set_criticality (server, criticality);
      drso_server_run_set_launch_attempt (server, (guint) sqlite3_column_int64 (stmt, 10));
      for (guint k = 0; k < G_N_ELEMENTS (time_setters); k++)
        time_setters[k] (server, sqlite3_column_int64 (stmt, 11 + k));
      drso_server_run_set_health (server, _drso_store_column_text (stmt, 18));
      drso_wave_run_add_server (run, server);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return TRUE;
}

static gboolean
read_wave_runs (DrsoStore      *self,
                DrsoExecution  *execution,
                GError        **error)
{
  const char *execution_id = drso_execution_get_execution_id (execution);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self,
                              "SELECT wave_number, wave_name, status, start_time, end_time, "
                              "job_ids FROM wave_runs WHERE execution_id = ? ORDER BY wave_number",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoWaveRun *run = drso_wave_run_new (sqlite3_column_int (stmt, 0),
                                            _drso_store_column_text (stmt, 1));
      g_auto(GStrv) job_ids = _drso_strv_from_json (_drso_store_column_text (stmt, 5));
      DrsoWaveStatus status = DRSO_WAVE_STATUS_PENDING;

      drso_wave_status_from_string (_drso_store_column_text (stmt, 2), &status);
      drso_wave_run_set_status (run, status);
      drso_wave_run_set_start_time (run, sqlite3_column_int64 (stmt, 3));
      drso_wave_run_set_end_time (run, sqlite3_column_int64 (stmt, 4));
      drso_wave_run_set_job_ids (run, (const char * const *) job_ids);
      g_ptr_array_add (runs, run);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);

  /* The statement above is reset before the nested reads reuse the cache. */
  for (guint i = 0; i < runs->len; i++)
    {
      DrsoWaveRun *run = g_ptr_array_index (runs, i);

      if (!read_server_runs (self, execution_id, run, error))
        return FALSE;
      drso_execution_add_wave_run (execution, run);
    }
  return TRUE;
}

static DrsoExecution *
execution_from_row (sqlite3_stmt *stmt)
{
  DrsoExecutionType type = DRSO_EXECUTION_TYPE_DRILL;
  DrsoExecutionStatus status = DRSO_EXECUTION_STATUS_PENDING;
  g_auto(GStrv) errors = _drso_strv_from_json (_drso_store_column_text (stmt, 9));
  g_auto(GStrv) warnings = _drso_strv_from_json (_drso_store_column_text (stmt, 13));
  DrsoExecution *execution;

  drso_execution_type_from_string (_drso_store_column_text (stmt, 3), &type);
  drso_execution_status_from_string (_drso_store_column_text (stmt, 4), &status);
  execution = drso_execution_new (_drso_store_column_text (stmt, 1),
                                  _drso_store_column_text (stmt, 2), type);
  _drso_execution_set_execution_id (execution, _drso_store_column_text (stmt, 0));
  drso_execution_set_status (execution, status);
  drso_execution_set_current_wave (execution, sqlite3_column_int (stmt, 5));
  drso_execution_set_start_time (execution, sqlite3_column_int64 (stmt, 6));
  drso_execution_set_end_time (execution, sqlite3_column_int64 (stmt, 7));
  drso_execution_set_initiated_by (execution, _drso_store_column_text (stmt, 8));
  for (guint i = 0; errors[i] != NULL; i++)
    drso_execution_add_error (execution, errors[i]);
  drso_execution_set_instances_terminated (execution, sqlite3_column_int (stmt, 10));
  drso_execution_set_total_waves (execution, sqlite3_column_int (stmt, 11));
  drso_execution_set_initiated_by_arn (execution, _drso_store_column_text (stmt, 12));
  for (guint i = 0; warnings[i] != NULL; i++)
    drso_execution_add_warning (execution, warnings[i]);
  return execution;
}

GPtrArray *
_drso_store_load_executions (DrsoStore  *self,
                             GError    **error)
{
  g_autoptr(GPtrArray) executions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " EXECUTION_COLUMNS " FROM executions", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (executions, execution_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }

  for (guint i = 0; i < executions->len; i++)
    {
      if (!read_wave_runs (self, g_ptr_array_index (executions, i), error))
        return NULL;
    }
  return g_steal_pointer (&executions);
}

DrsoExecution *
_drso_store_read_execution (DrsoStore   *self,
                            const char  *execution_id,
                            GError     **error)
{
  g_autoptr(DrsoExecution) execution = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " EXECUTION_COLUMNS " FROM executions "
                                    "WHERE execution_id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  _drso_store_bind_text (stmt, 1, execution_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    execution = execution_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  if (execution == NULL || !read_wave_runs (self, execution, error))
    return NULL;
  return g_steal_pointer (&execution);
}

static const char *
execution_get_id (gpointer item)
{
  return drso_execution_get_execution_id (item);
}

static int
compare_executions (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  gint64 ta = drso_execution_get_start_time ((DrsoExecution *) a);
  gint64 tb = drso_execution_get_start_time ((DrsoExecution *) b);

  /* Newest first. */
  if (ta != tb)
    return ta > tb ? -1 : 1;
  return g_strcmp0 (drso_execution_get_execution_id ((DrsoExecution *) a),
                    drso_execution_get_execution_id ((DrsoExecution *) b));
}

static gboolean
executions_equal (gpointer a,
                  gpointer b)
{
  g_autoptr(JsonNode) na = drso_execution_to_json (a);
  g_autoptr(JsonNode) nb = drso_execution_to_json (b);

  return json_node_equal (na, nb);
}

/**
 * drso_store_get_executions:
 * @self: a #DrsoStore
 *
 * Returns: (transfer none): a live list model of #DrsoExecution, newest first
 */
GListModel *
drso_store_get_executions (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  if (self->executions == NULL)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      self->executions = _drso_live_list_new (DRSO_TYPE_EXECUTION, execution_get_id,
                                              compare_executions, executions_equal);
      items = _drso_store_load_executions (self, &error);
      if (items == NULL)
        g_warning ("Could not load the executions: %s", error->message);
      else
        _drso_live_list_reset (self->executions, items);
    }
  return G_LIST_MODEL (self->executions->store);
}

/**
 * drso_store_lookup_execution:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new copy of the execution, or %NULL
 *   with %DRSO_STORE_ERROR_NOT_FOUND
 */
DrsoExecution *
drso_store_lookup_execution (DrsoStore   *self,
                             const char  *execution_id,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  DrsoExecution *execution;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (execution_id != NULL, NULL);

  execution = _drso_store_read_execution (self, execution_id, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (execution == NULL)
    _drso_store_not_found (error, _("execution"), execution_id);
  return execution;
}

static gboolean
write_execution (DrsoStore      *self,
                 DrsoExecution  *execution,
                 GError        **error)
{
  const char *execution_id = drso_execution_get_execution_id (execution);
  g_autofree char *errors = _drso_strv_to_json (drso_execution_get_errors (execution));
  g_autofree char *warnings = _drso_strv_to_json (drso_execution_get_warnings (execution));
  GListModel *runs = drso_execution_get_wave_runs (execution);
  guint n_runs = g_list_model_get_n_items (runs);
  sqlite3_stmt *stmt;

  stmt = _drso_store_prepare (self,
                              "INSERT INTO executions (" EXECUTION_COLUMNS ") "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (execution_id) DO UPDATE SET "
                              "initiated_by_arn = excluded.initiated_by_arn, "
                              "warnings = excluded.warnings, "
                              "plan_name = excluded.plan_name, status = excluded.status, "
                              "current_wave = excluded.current_wave, "
                              "total_waves = excluded.total_waves, "
                              "start_time = excluded.start_time, end_time = excluded.end_time, "
                              "initiated_by = excluded.initiated_by, errors = excluded.errors, "
                              "instances_terminated = excluded.instances_terminated",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  _drso_store_bind_text (stmt, 2, drso_execution_get_plan_id (execution));
  _drso_store_bind_text (stmt, 3, drso_execution_get_plan_name (execution));
  _drso_store_bind_text (stmt, 4,
                         drso_execution_type_to_string (drso_execution_get_execution_type (execution)));
  _drso_store_bind_text (stmt, 5,
                         drso_execution_status_to_string (drso_execution_get_status (execution)));
  sqlite3_bind_int (stmt, 6, drso_execution_get_current_wave (execution));
  sqlite3_bind_int64 (stmt, 7, drso_execution_get_start_time (execution));
  sqlite3_bind_int64 (stmt, 8, drso_execution_get_end_time (execution));
  _drso_store_bind_text (stmt, 9, drso_execution_get_initiated_by (execution));
  _drso_store_bind_text (stmt, 10, errors);
  sqlite3_bind_int (stmt, 11, drso_execution_get_instances_terminated (execution));
  sqlite3_bind_int (stmt, 12, drso_execution_get_total_waves (execution));
  _drso_store_bind_text (stmt, 13, drso_execution_get_initiated_by_arn (execution));
  _drso_store_bind_text (stmt, 14, warnings);
  if (!_drso_store_step_done (self, stmt, error))
    return FALSE;

  /* Server runs go with their wave runs (ON DELETE CASCADE). */
  stmt = _drso_store_prepare (self, "DELETE FROM wave_runs WHERE execution_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  if (!_drso_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < n_runs; i++)
    {
      g_autoptr(DrsoWaveRun) run = g_list_model_get_item (runs, i);
      g_autofree char *job_ids = _drso_strv_to_json (drso_wave_run_get_job_ids (run));
      GListModel *servers = drso_wave_run_get_servers (run);
      guint n_servers = g_list_model_get_n_items (servers);

      stmt = _drso_store_prepare (self,
                                  "INSERT INTO wave_runs (execution_id, wave_number, wave_name, "
                                  "status, start_time, end_time, job_ids) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      _drso_store_bind_text (stmt, 1, execution_id);
      sqlite3_bind_int (stmt, 2, drso_wave_run_get_wave_number (run));
      _drso_store_bind_text (stmt, 3, drso_wave_run_get_wave_name (run));
      _drso_store_bind_text (stmt, 4, drso_wave_status_to_string (drso_wave_run_get_status (run)));
      sqlite3_bind_int64 (stmt, 5, drso_wave_run_get_start_time (run));
      sqlite3_bind_int64 (stmt, 6, drso_wave_run_get_end_time (run));
      _drso_store_bind_text (stmt, 7, job_ids);
      if (!_drso_store_step_done (self, stmt, error))
        return FALSE;

      stmt = _drso_store_prepare (self,
                                  "INSERT INTO server_runs (execution_id, wave_number, position, "
                                  SERVER_RUN_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                  "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      for (guint j = 0; j < n_servers; j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

          _drso_store_bind_text (stmt, 1, execution_id);
          sqlite3_bind_int (stmt, 2, drso_wave_run_get_wave_number (run));
          sqlite3_bind_int (stmt, 3, j);
          _drso_store_bind_text (stmt, 4, drso_server_run_get_server_id (server));
          _drso_store_bind_text (stmt, 5, drso_server_run_get_hostname (server));
          _drso_store_bind_text (stmt, 6, drso_server_run_get_private_ip (server));
          _drso_store_bind_text (stmt, 7, drso_server_run_get_instance_type (server));
          _drso_store_bind_text (stmt, 8,
                                 drso_launch_status_to_string (drso_server_run_get_status (server)));
          _drso_store_bind_text (stmt, 9, drso_server_run_get_job_id (server));
          _drso_store_bind_text (stmt, 10, drso_server_run_get_recovery_instance_id (server));
          _drso_store_bind_text (stmt, 11, drso_server_run_get_ec2_instance_id (server));
          _drso_store_bind_text (stmt, 12, drso_server_run_get_message (server));
          _drso_store_bind_text (stmt, 13, drso_server_criticality_to_string (
                                             drso_server_run_get_criticality (server)));
          sqlite3_bind_int64 (stmt, 14, drso_server_run_get_launch_attempt (server));
          for (guint k = 0; k < G_N_ELEMENTS (time_getters); k++)
            sqlite3_bind_int64 (stmt, 15 + k, time_getters[k] (server));
          _drso_store_bind_text (stmt, 22, drso_server_run_get_health (server));
          if (!_drso_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  /* The plan remembers its latest execution (the seed's lastExecution*). */
  stmt = _drso_store_prepare (self,
                              "UPDATE recovery_plans SET last_execution_id = ?1, "
                              "last_execution_status = ?2, last_execution_date = ?3 "
                              "WHERE plan_id = ?4 AND (last_execution_id IS NULL OR "
                              "last_execution_id = ?1 OR last_execution_date <= ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  _drso_store_bind_text (stmt, 2,
                         drso_execution_status_to_string (drso_execution_get_status (execution)));
  sqlite3_bind_int64 (stmt, 3, drso_execution_get_start_time (execution));
  _drso_store_bind_text (stmt, 4, drso_execution_get_plan_id (execution));
  return _drso_store_step_done (self, stmt, error);
}

static void
put_execution (DrsoStore     *self,
               DrsoExecution *execution)
{
  g_autoptr(DrsoExecution) copy = NULL;

  _drso_store_put_plan (self, drso_execution_get_plan_id (execution));
  if (self->executions == NULL)
    return;
  copy = drso_execution_copy (execution);
  _drso_live_list_put (self->executions, copy);
}

/**
 * drso_store_create_execution:
 * @self: a #DrsoStore
 * @execution: a new execution of a stored plan
 * @error: return location for a #GError
 *
 * Stores @execution and makes it its plan's latest. Needs drs:ExecuteRecovery.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_create_execution (DrsoStore      *self,
                             DrsoExecution  *execution,
                             GError        **error)
{
  return drso_store_create_execution_with_events (self, execution, NULL, error);
}

/**
 * drso_store_create_execution_with_events:
 * @self: a #DrsoStore
 * @execution: a new execution of a stored plan
 * @events: (element-type DrsoExecutionEvent) (nullable): the events that
 *   tell of its start, in order
 * @error: return location for a #GError
 *
 * As drso_store_create_execution(), with @events appended to its log in the
 * same transaction: an execution is never stored without the events of its
 * start. Needs drs:ExecuteRecovery.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_create_execution_with_events (DrsoStore      *self,
                                         DrsoExecution  *execution,
                                         GPtrArray      *events,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_EXECUTION (execution), FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_EXECUTE_RECOVERY, error) ||
      !_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM recovery_plans WHERE plan_id = ?",
                               drso_execution_get_plan_id (execution), &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("recovery plan"),
                               drso_execution_get_plan_id (execution));
      goto fail;
    }
  if (_drso_store_row_exists (self, "SELECT 1 FROM executions WHERE execution_id = ?",
                              drso_execution_get_execution_id (execution), &local_error))
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID,
                   _("An execution with the id %s already exists"),
                   drso_execution_get_execution_id (execution));
      goto fail;
    }
  if (local_error != NULL)
    goto fail;

  if (drso_execution_get_start_time (execution) == 0)
    drso_execution_set_start_time (execution, _drso_store_now ());
  if (drso_execution_get_initiated_by (execution) == NULL)
    drso_execution_set_initiated_by (execution, _drso_store_actor ());

  if (!write_execution (self, execution, &local_error))
    goto fail;
  for (guint i = 0; events != NULL && i < events->len; i++)
    if (!_drso_store_insert_event (self, g_ptr_array_index (events, i), &local_error))
      goto fail;
  if (!_drso_store_commit (self, &local_error))
    goto fail;

  put_execution (self, execution);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_save_execution:
 * @self: a #DrsoStore
 * @execution: an execution with the id of a stored one
 * @error: return location for a #GError
 *
 * Replaces the stored execution, with its wave and server runs, in one
 * transaction. Needs drs:ExecuteRecovery.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_save_execution (DrsoStore      *self,
                           DrsoExecution  *execution,
                           GError        **error)
{
  return drso_store_save_execution_with_events (self, execution, NULL, error);
}

/**
 * drso_store_save_execution_with_events:
 * @self: a #DrsoStore
 * @execution: an execution with the id of a stored one
 * @events: (element-type DrsoExecutionEvent) (nullable): the events that
 *   tell of the change, in order
 * @error: return location for a #GError
 *
 * Replaces the stored execution, with its wave and server runs, and appends
 * @events to its log, in one transaction: a change and the events that tell
 * of it are stored together or not at all, whatever happens to the process.
 * The events get their ids (and actors, if they had none). Needs
 * drs:ExecuteRecovery.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_save_execution_with_events (DrsoStore      *self,
                                       DrsoExecution  *execution,
                                       GPtrArray      *events,
                                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_EXECUTION (execution), FALSE);
  for (guint i = 0; events != NULL && i < events->len; i++)
    g_return_val_if_fail (g_strcmp0 (drso_execution_event_get_execution_id (g_ptr_array_index (events, i)),
                                     drso_execution_get_execution_id (execution)) == 0, FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_EXECUTE_RECOVERY, error) ||
      !_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM executions WHERE execution_id = ?",
                               drso_execution_get_execution_id (execution), &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("execution"),
                               drso_execution_get_execution_id (execution));
      goto fail;
    }

  if (!write_execution (self, execution, &local_error))
    goto fail;
  for (guint i = 0; events != NULL && i < events->len; i++)
    if (!_drso_store_insert_event (self, g_ptr_array_index (events, i), &local_error))
      goto fail;
  if (!_drso_store_commit (self, &local_error))
    goto fail;

  put_execution (self, execution);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_delete_execution:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @error: return location for a #GError
 *
 * Deletes an ended execution and its events. Needs drs:ManageExecution.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_delete_execution (DrsoStore   *self,
                             const char  *execution_id,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_MANAGE_EXECUTION, error) ||
      !_drso_store_begin (self, error))
    return FALSE;

  execution = drso_store_lookup_execution (self, execution_id, &local_error);
  if (execution == NULL)
    goto fail;
  if (!drso_execution_status_is_final (drso_execution_get_status (execution)))
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE,
                   _("The execution %s has not ended: cancel it, or wait for it to end, before "
                     "deleting it"),
                   execution_id);
      goto fail;
    }

  stmt = _drso_store_prepare (self, "DELETE FROM executions WHERE execution_id = ?",
                              &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, execution_id);
  if (!_drso_store_step_done (self, stmt, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  if (self->executions != NULL)
    _drso_live_list_remove (self->executions, execution_id);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
