/* drso-store-requests.c
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
#include "drso-store-requests-private.h"

/* Controls across processes. A control (pause, resume, …) for an execution
 * that another live process drives cannot be applied here: this process
 * writes a request, the driver takes it (taken_by, so that the asker can no
 * longer withdraw it), applies it with its own engine and writes the
 * outcome. The asker reads the outcome, or withdraws a request no one took.
 * Every write is one statement guarded by the row's state, so a request is
 * applied at most once. */

void
_drso_store_request_free (DrsoStoreRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->execution_id);
  g_free (request->control);
  g_free (request->requested_by);
  g_free (request);
}

/* Posting needs the permission of the control (drs:ManageExecution): the
 * driver applies it with its own role, so it is checked here, for the
 * asker. */
gint64
_drso_store_post_request (DrsoStore   *self,
                          const char  *execution_id,
                          const char  *control,
                          const char  *requested_by,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRSO_IS_STORE (self), 0);

  if (!_drso_store_check (self, DRSO_PERMISSION_MANAGE_EXECUTION, error))
    return 0;
  if (!_drso_store_row_exists (self, "SELECT 1 FROM executions WHERE execution_id = ?",
                               execution_id, &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("execution"), execution_id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  stmt = _drso_store_prepare (self, "INSERT INTO execution_requests (execution_id, control, "
                                    "requested_by, requested_at) VALUES (?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return 0;
  _drso_store_bind_text (stmt, 1, execution_id);
  _drso_store_bind_text (stmt, 2, control);
  _drso_store_bind_text (stmt, 3, requested_by);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  if (!_drso_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/* The requests of @execution_id no one took, oldest first. */
GPtrArray *
_drso_store_pending_requests (DrsoStore   *self,
                              const char  *execution_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _drso_store_request_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT request_id, control, requested_by "
                                    "FROM execution_requests WHERE execution_id = ? AND "
                                    "answered_at IS NULL AND taken_by IS NULL "
                                    "ORDER BY request_id",
                              error);
  if (stmt == NULL)
    return NULL;
  _drso_store_bind_text (stmt, 1, execution_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoStoreRequest *request = g_new0 (DrsoStoreRequest, 1);

      request->request_id = sqlite3_column_int64 (stmt, 0);
      request->execution_id = g_strdup (execution_id);
      request->control = _drso_store_column_dup (stmt, 1);
      request->requested_by = _drso_store_column_dup (stmt, 2);
      g_ptr_array_add (requests, request);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&requests);
}

/* Runs @sql (which binds ?1 to a request id and may use ?2, ?3…) and tells
 * whether it changed the row. */
static gboolean
update_request (DrsoStore     *self,
                const char    *sql,
                gint64         request_id,
                const char    *text,
                const GError  *outcome,
                gboolean      *changed,
                GError       **error)
{
  sqlite3_stmt *stmt = _drso_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (text != NULL)
    _drso_store_bind_text (stmt, 3, text);
  if (outcome != NULL)
    {
      _drso_store_bind_text (stmt, 3, g_quark_to_string (outcome->domain));
      sqlite3_bind_int (stmt, 4, outcome->code);
      _drso_store_bind_text (stmt, 5, outcome->message);
    }
  if (!_drso_store_step_done (self, stmt, error))
    return FALSE;
  *changed = sqlite3_changes (self->db) > 0;
  return TRUE;
}

/* Marks a request as taken by the driver: FALSE (no error) if it was
 * withdrawn or taken meanwhile. */
gboolean
_drso_store_take_request (DrsoStore   *self,
                          gint64       request_id,
                          const char  *taken_by,
                          GError     **error)
{
  gboolean changed = FALSE;

  return update_request (self, "UPDATE execution_requests SET taken_by = ?3 "
                               "WHERE request_id = ?1 AND taken_by IS NULL AND "
                               "answered_at IS NULL",
                         request_id, taken_by, NULL, &changed, error) && changed;
}

/* Writes the outcome of a taken request: @outcome NULL for success. */
gboolean
_drso_store_answer_request (DrsoStore     *self,
                            gint64         request_id,
                            const GError  *outcome,
                            GError       **error)
{
  gboolean changed = FALSE;

  if (outcome == NULL)
    return update_request (self, "UPDATE execution_requests SET answered_at = ?2 "
                                 "WHERE request_id = ?1 AND answered_at IS NULL",
                           request_id, NULL, NULL, &changed, error);
  return update_request (self, "UPDATE execution_requests SET answered_at = ?2, "
                               "error_domain = ?3, error_code = ?4, error_message = ?5 "
                               "WHERE request_id = ?1 AND answered_at IS NULL",
                         request_id, NULL, outcome, &changed, error);
}

/* Withdraws a request no one took: FALSE (no error) if the driver took it
 * already, and its answer is to be awaited. */
gboolean
_drso_store_withdraw_request (DrsoStore   *self,
                              gint64       request_id,
                              GError     **error)
{
  gboolean changed = FALSE;

  return update_request (self, "UPDATE execution_requests SET answered_at = ?2, "
                               "taken_by = '' WHERE request_id = ?1 AND taken_by IS NULL",
                         request_id, NULL, NULL, &changed, error) && changed;
}

/* Reads whether the request was answered and, if so, its outcome
 * (*outcome set for a failure). */
gboolean
_drso_store_read_answer (DrsoStore  *self,
                         gint64      request_id,
                         gboolean   *answered,
                         GError    **outcome,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *answered = FALSE;
  stmt = _drso_store_prepare (self, "SELECT answered_at, error_domain, error_code, "
                                    "error_message FROM execution_requests "
                                    "WHERE request_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      const char *domain = _drso_store_column_text (stmt, 1);

      *answered = TRUE;
      if (domain != NULL)
        g_set_error_literal (outcome, g_quark_from_string (domain),
                             sqlite3_column_int (stmt, 2), _drso_store_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return TRUE;
}
