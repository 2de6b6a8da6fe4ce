/* drso-store-leases.c
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

/* One process drives an execution at a time: the one whose owner string is
 * in the execution's row of execution_leases. It renews the row's heartbeat
 * (microseconds since 1970, the wall clock) while it works; a lease whose
 * heartbeat is older than DRSO_STORE_LEASE_TIMEOUT_SECONDS is taken over by
 * the next process that asks. Every check-and-write is one IMMEDIATE
 * transaction, so two processes asking at once cannot both win.
 *
 * Leases need no permission of the active role: they are the bookkeeping of a
 * process, whose actions on the execution are checked where they are made
 * (drso_store_save_execution() needs drs:ExecuteRecovery). */

#define LEASE_TIMEOUT_US ((gint64) DRSO_STORE_LEASE_TIMEOUT_SECONDS * G_USEC_PER_SEC)

/* Reads the lease of @execution_id: TRUE with *owner NULL if there is none. */
static gboolean
read_lease (DrsoStore   *self,
            const char  *execution_id,
            char       **owner,
            gint64      *heartbeat,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT owner, heartbeat FROM execution_leases "
                                    "WHERE execution_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  rc = sqlite3_step (stmt);
  *owner = NULL;
  *heartbeat = 0;
  if (rc == SQLITE_ROW)
    {
      *owner = _drso_store_column_dup (stmt, 0);
      *heartbeat = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return TRUE;
}

static gboolean
write_lease (DrsoStore   *self,
             const char  *execution_id,
             const char  *owner,
             gint64       heartbeat,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _drso_store_prepare (self, "INSERT INTO execution_leases (execution_id, owner, heartbeat) "
                                    "VALUES (?, ?, ?) ON CONFLICT (execution_id) DO UPDATE SET "
                                    "owner = excluded.owner, heartbeat = excluded.heartbeat",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  _drso_store_bind_text (stmt, 2, owner);
  sqlite3_bind_int64 (stmt, 3, heartbeat);
  return _drso_store_step_done (self, stmt, error);
}

static gboolean
set_leased_error (GError     **error,
                  const char  *execution_id,
                  const char  *holder,
                  gint64       heartbeat,
                  gint64       now)
{
  gint64 age = MAX (now - heartbeat, 0) / G_USEC_PER_SEC;

  g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED,
               /* TRANSLATORS: “The execution exec-… is driven by drso-cli:123@host, last
                * seen 4 seconds ago. …” */
               g_dngettext (GETTEXT_PACKAGE,
                            "The execution %s is driven by %s, last seen %lld "
                            "second ago. Let it finish or stop it there; if that process "
                            "ended, this one takes over once it has not been seen for %d "
                            "seconds",
                            "The execution %s is driven by %s, last seen %lld "
                            "seconds ago. Let it finish or stop it there; if that process "
                            "ended, this one takes over once it has not been seen for %d "
                            "seconds",
                            (gulong) age),
               execution_id, holder, (long long) age, DRSO_STORE_LEASE_TIMEOUT_SECONDS);
  return FALSE;
}

/* Takes or renews the lease inside one transaction. @renew refuses a lease
 * another owner took even if it is stale: that owner may be working. */
static gboolean
take_lease (DrsoStore   *self,
            const char  *execution_id,
            const char  *owner,
            gboolean     renew,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *holder = NULL;
  gint64 heartbeat = 0, now;

  if (!_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM executions WHERE execution_id = ?",
                               execution_id, &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("execution"), execution_id);
      goto fail;
    }

  if (!read_lease (self, execution_id, &holder, &heartbeat, &local_error))
    goto fail;

  /* Read the clock under the write lock: no one can renew in between. */
  now = g_get_real_time ();
  if (holder != NULL && g_strcmp0 (holder, owner) != 0)
    {
      if (renew || now - heartbeat < LEASE_TIMEOUT_US)
        {
          set_leased_error (&local_error, execution_id, holder, heartbeat, now);
          goto fail;
        }
      g_debug ("%s takes over the execution %s from %s, last seen %" G_GINT64_FORMAT " s ago",
               owner, execution_id, holder, (now - heartbeat) / G_USEC_PER_SEC);
    }

  if (!write_lease (self, execution_id, owner, now, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_acquire_lease:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @owner: who asks, such as `drso-cli:12345@hostname` (the store only compares it)
 * @error: return location for a #GError
 *
 * Makes @owner the one process that drives the execution. This succeeds if no
 * one holds the lease, if @owner already holds it (its heartbeat is renewed),
 * or if the holder was not seen for %DRSO_STORE_LEASE_TIMEOUT_SECONDS (it is
 * taken over). Otherwise it fails with %DRSO_STORE_ERROR_LEASED, naming the
 * holder and when it was last seen. The check and the write are one
 * transaction: of two processes asking at once, one wins.
 *
 * Leases need no permission of the active role: they are the bookkeeping of a
 * process whose actions are checked where they are made.
 *
 * Returns: %TRUE if @owner holds the lease
 */
gboolean
drso_store_acquire_lease (DrsoStore   *self,
                          const char  *execution_id,
                          const char  *owner,
                          GError     **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);
  g_return_val_if_fail (owner != NULL && owner[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return take_lease (self, execution_id, owner, FALSE, error);
}

/**
 * drso_store_renew_lease:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @owner: the holder of the lease
 * @error: return location for a #GError
 *
 * Records that @owner is still at work: call it well within
 * %DRSO_STORE_LEASE_TIMEOUT_SECONDS, say every third of it. Fails with
 * %DRSO_STORE_ERROR_LEASED if another owner took the lease over (the caller
 * must then stop driving the execution); a lease that was released is taken
 * again. Needs no permission, like drso_store_acquire_lease().
 *
 * Returns: %TRUE if @owner still holds the lease
 */
gboolean
drso_store_renew_lease (DrsoStore   *self,
                        const char  *execution_id,
                        const char  *owner,
                        GError     **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);
  g_return_val_if_fail (owner != NULL && owner[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return take_lease (self, execution_id, owner, TRUE, error);
}

/**
 * drso_store_release_lease:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @owner: the holder of the lease
 * @error: return location for a #GError
 *
 * Gives the lease up, if @owner holds it; a lease held by another owner, or
 * none, is left as it is without error. Needs no permission, like
 * drso_store_acquire_lease().
 *
 * Returns: %TRUE unless the database failed
 */
gboolean
drso_store_release_lease (DrsoStore   *self,
                          const char  *execution_id,
                          const char  *owner,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _drso_store_prepare (self, "DELETE FROM execution_leases "
                                    "WHERE execution_id = ? AND owner = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, execution_id);
  _drso_store_bind_text (stmt, 2, owner);
  return _drso_store_step_done (self, stmt, error);
}

/**
 * drso_store_dup_lease_owner:
 * @self: a #DrsoStore
 * @execution_id: an execution id
 * @heartbeat: (out) (optional): when the holder was last seen, in microseconds
 *   since 1970 (0 if no one holds the lease)
 *
 * Tells who holds the lease of an execution, stale or not.
 *
 * Returns: (transfer full) (nullable): the holder's owner string, or %NULL if
 *   no one holds the lease
 */
char *
drso_store_dup_lease_owner (DrsoStore   *self,
                            const char  *execution_id,
                            gint64      *heartbeat)
{
  g_autoptr(GError) error = NULL;
  char *owner = NULL;
  gint64 seen = 0;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (execution_id != NULL, NULL);

  if (!read_lease (self, execution_id, &owner, &seen, &error))
    g_warning ("Could not read the lease of %s: %s", execution_id, error->message);
  if (heartbeat != NULL)
    *heartbeat = seen;
  return owner;
}

/**
 * drso_store_list_unfinished_executions:
 * @self: a #DrsoStore
 * @error: return location for a #GError
 *
 * Lists the executions that have not ended (pending, running or paused),
 * oldest first: those an engine adopts when it starts, each once it holds its
 * lease (see drso_store_acquire_lease()).
 *
 * The array owns its executions (it unrefs them when freed); it is annotated
 * (transfer container) so that bindings take references of their own rather
 * than unreferencing the executions a second time.
 *
 * Returns: (transfer container) (element-type DrsoExecution) (nullable): new
 *   copies of the executions, or %NULL on error
 */
GPtrArray *
drso_store_list_unfinished_executions (DrsoStore  *self,
                                       GError    **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) executions = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _drso_store_prepare (self, "SELECT execution_id FROM executions "
                                    "WHERE status IN ('PENDING', 'RUNNING', 'PAUSED') "
                                    "ORDER BY start_time, rowid",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, _drso_store_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }

  /* The statement above is reset before the reads reuse the cache. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      DrsoExecution *execution;

      execution = _drso_store_read_execution (self, g_ptr_array_index (ids, i), &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (execution != NULL)
        g_ptr_array_add (executions, execution);
    }
  return g_steal_pointer (&executions);
}
