/* drso-store-events.c
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
#include "drso-run-private.h"
#include "drso-store-private.h"

/* The log of each execution: events appended in order, never changed. */

/* Writes @event inside the caller's transaction (or on its own). */
gboolean
_drso_store_insert_event (DrsoStore           *self,
                          DrsoExecutionEvent  *event,
                          GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = _drso_store_prepare (self,
                              "INSERT INTO execution_events (execution_id, time, wave_number, "
                              "server_id, kind, message, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, drso_execution_event_get_execution_id (event));
  sqlite3_bind_int64 (stmt, 2, drso_execution_event_get_time (event));
  sqlite3_bind_int (stmt, 3, drso_execution_event_get_wave_number (event));
  _drso_store_bind_text (stmt, 4, drso_execution_event_get_server_id (event));
  _drso_store_bind_text (stmt, 5, drso_event_kind_to_string (drso_execution_event_get_kind (event)));
  _drso_store_bind_text (stmt, 6, drso_execution_event_get_message (event));
  _drso_store_bind_text (stmt, 7, drso_execution_event_get_actor (event) ?
                                  drso_execution_event_get_actor (event) : _drso_store_actor ());
  if (!_drso_store_step_done (self, stmt, error))
    return FALSE;

  _drso_execution_event_set_event_id (event, sqlite3_last_insert_rowid (self->db));
  if (drso_execution_event_get_actor (event) == NULL)
    drso_execution_event_set_actor (event, _drso_store_actor ());
  return TRUE;
}

/**
 * drso_store_append_event:
 * @self: a #DrsoStore
 * @event: a new event of a stored execution
 * @error: return location for a #GError
 *
 * Appends @event to its execution's log and gives it its id. Needs
 * drs:ExecuteRecovery.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_append_event (DrsoStore           *self,
                         DrsoExecutionEvent  *event,
                         GError             **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (event), FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_EXECUTE_RECOVERY, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM executions WHERE execution_id = ?",
                               drso_execution_event_get_execution_id (event), error))
    {
      if (error == NULL || *error == NULL)
        _drso_store_not_found (error, _("execution"),
                               drso_execution_event_get_execution_id (event));
      return FALSE;
    }

  return _drso_store_insert_event (self, event, error);
}

/**
 * drso_store_list_events:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @after_event_id: list only events after this id; 0 for all
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoExecutionEvent) (nullable): the
 *   events in the order they happened, or %NULL on error
 */
GPtrArray *
drso_store_list_events (DrsoStore   *self,
                        const char  *execution_id,
                        gint64       after_event_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (execution_id != NULL, NULL);

  stmt = _drso_store_prepare (self,
                              "SELECT event_id, time, wave_number, server_id, kind, message, actor "
                              "FROM execution_events WHERE execution_id = ? AND event_id > ? "
                              "ORDER BY event_id",
                              error);
  if (stmt == NULL)
    return NULL;
  _drso_store_bind_text (stmt, 1, execution_id);
  sqlite3_bind_int64 (stmt, 2, after_event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoEventKind kind = DRSO_EVENT_KIND_INFO;
      DrsoExecutionEvent *event;

      drso_event_kind_from_string (_drso_store_column_text (stmt, 4), &kind);
      event = drso_execution_event_new (execution_id, kind, _drso_store_column_text (stmt, 5));
      _drso_execution_event_set_event_id (event, sqlite3_column_int64 (stmt, 0));
      drso_execution_event_set_time (event, sqlite3_column_int64 (stmt, 1));
      drso_execution_event_set_wave_number (event, sqlite3_column_int (stmt, 2));
      drso_execution_event_set_server_id (event, _drso_store_column_text (stmt, 3));
      drso_execution_event_set_actor (event, _drso_store_column_text (stmt, 6));
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
