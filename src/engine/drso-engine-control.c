/* drso-engine-control.c
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

/* Adopting executions at start-up, and the controls: pause, resume, cancel,
 * retry or skip a failed wave. Each is checked against the active role,
 * changes the execution in the store first, then drives it. A control for
 * an execution no live process drives takes its lease; one another process
 * holds fails with DRSO_STORE_ERROR_LEASED, naming that process. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <string.h>

#include "drso-engine-private.h"
#include "drso-error.h"

/* Marks an execution whose plan is gone as failed, without driving it. */
static void
fail_orphan (DrsoEngine    *self,
             DrsoExecution *execution,
             const GError  *error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  const char *id = drso_execution_get_execution_id (execution);

  drso_execution_add_error (execution, error->message);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_FAILED);
  drso_execution_set_end_time (execution, g_get_real_time () / G_USEC_PER_SEC);
  g_ptr_array_add (events, drso_execution_event_new (id, DRSO_EVENT_KIND_EXECUTION_FINISHED,
                                                     error->message));
  if (drso_store_save_execution_with_events (self->store, execution, events, NULL))
    _drso_engine_emit_execution_finished (self, id, DRSO_EXECUTION_STATUS_FAILED);
  drso_store_release_lease (self->store, id, self->owner, NULL);
}

/* Takes the lease of a stored execution and makes a run for it, not started.
 * Returns NULL on error (DRSO_STORE_ERROR_LEASED if another process drives
 * it). */
/* A killed process whose parent has not reaped it yet (a background driver
 * whose parent is a container's init, say) still answers kill (pid, 0). */
static gboolean
is_zombie (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return FALSE;
  /* "PID (COMM) STATE …": COMM may hold spaces and parentheses. */
  end = strrchr (stat, ')');
  return end != NULL && end[1] == ' ' && end[2] == 'Z';
}

/* Whether @owner ("drso-PID@HOST:RANDOM", as drso_engine_init() makes it)
 * is a process of this host that is gone: its lease need not time out. An
 * owner whose PID is alive (another engine of this process, or a program
 * that took the PID since) keeps the lease until it times out. */
static gboolean
owner_is_dead (DrsoEngine *self,
               const char *owner)
{
  g_autofree char *host = g_strdup_printf ("@%s:", g_get_host_name ());
  const char *at = strstr (owner, host);
  g_autofree char *pid_text = NULL;
  guint64 pid;

  if (g_strcmp0 (owner, self->owner) == 0 || !g_str_has_prefix (owner, "drso-") || at == NULL)
    return FALSE;
  pid_text = g_strndup (owner + strlen ("drso-"), at - (owner + strlen ("drso-")));
  if (!g_ascii_string_to_unsigned (pid_text, 10, 1, G_MAXINT, &pid, NULL))
    return FALSE;
  if (kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  return is_zombie ((pid_t) pid);
}

/* Takes the lease of @id: free, ours, stale, or held by a process of this
 * host that died (after a crash the app or the command line picks its
 * executions up at once, not 30 s later). */
static gboolean
acquire_lease (DrsoEngine  *self,
               const char  *id,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *owner = NULL;

  if (drso_store_acquire_lease (self->store, id, self->owner, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED) ||
      (owner = drso_store_dup_lease_owner (self->store, id, NULL)) == NULL ||
      !owner_is_dead (self, owner))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_debug ("Taking over %s from %s, which is gone", id, owner);
  return drso_store_release_lease (self->store, id, owner, error) &&
         drso_store_acquire_lease (self->store, id, self->owner, error);
}

static DrsoEngineRun *
claim (DrsoEngine     *self,
       DrsoExecution  *execution,
       GError        **error)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id = drso_execution_get_execution_id (execution);
  DrsoEngineRun *run;

  if (!acquire_lease (self, id, error))
    return NULL;
  plan = drso_store_lookup_recovery_plan (self->store, drso_execution_get_plan_id (execution),
                                          &local_error);
  if (plan == NULL)
    {
      g_prefix_error (&local_error, _("The execution’s plan is gone: "));
      fail_orphan (self, execution, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  run = _drso_engine_run_new (self, execution, plan);
  g_hash_table_insert (self->runs, g_strdup (id), run);
  return run;
}

/* Lets go of a run claimed for a control that was then refused. */
static void
unclaim (DrsoEngine    *self,
         DrsoEngineRun *run)
{
  g_autofree char *id = g_strdup (drso_execution_get_execution_id (run->execution));

  drso_store_release_lease (self->store, id, self->owner, NULL);
  g_hash_table_remove (self->runs, id);
}

/* The run of @execution_id for a control: this engine's, or claimed now
 * (*claimed set) if no live process drives it. */
static DrsoEngineRun *
control_run (DrsoEngine  *self,
             const char  *execution_id,
             gboolean    *claimed,
             GError     **error)
{
  g_autoptr(DrsoExecution) execution = NULL;
  DrsoEngineRun *run;

  *claimed = FALSE;
  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_MANAGE_EXECUTION, error))
    return NULL;
  run = g_hash_table_lookup (self->runs, execution_id);
  if (run != NULL)
    return run;

  execution = drso_store_lookup_execution (self->store, execution_id, error);
  if (execution == NULL)
    return NULL;
  if (drso_execution_status_is_final (drso_execution_get_status (execution)) &&
      drso_execution_get_status (execution) != DRSO_EXECUTION_STATUS_FAILED)
    {
      /* TRANSLATORS: %s is an execution id, then a status such as COMPLETED */
      g_set_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE,
                   _("The execution %s has ended (%s)"), execution_id,
                   drso_execution_status_to_string (drso_execution_get_status (execution)));
      return NULL;
    }
  run = claim (self, execution, error);
  *claimed = run != NULL;
  return run;
}

static gboolean
refuse (DrsoEngine     *self,
        DrsoEngineRun  *run,
        gboolean        claimed,
        GError        **error,
        const char     *message)
{
  if (claimed)
    unclaim (self, run);
  g_set_error_literal (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE, message);
  return FALSE;
}

/* Claims the unfinished executions no live process drives (@only: just
 * that one) and starts them. Returns how many, or -1 with @error set. */
static int
adopt (DrsoEngine  *self,
       const char  *only,
       GError     **error)
{
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GPtrArray) adopted = g_ptr_array_new ();

  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_EXECUTE_RECOVERY, error) ||
      (executions = drso_store_list_unfinished_executions (self->store, error)) == NULL)
    return -1;

  for (guint i = 0; i < executions->len; i++)
    {
      DrsoExecution *execution = g_ptr_array_index (executions, i);
      const char *id = drso_execution_get_execution_id (execution);
      g_autoptr(GError) local_error = NULL;
      DrsoEngineRun *run;

      if (only != NULL && g_strcmp0 (id, only) != 0)
        continue;
      if (g_hash_table_contains (self->runs, id))
        continue;
      run = claim (self, execution, &local_error);
      if (run == NULL)
        {
          if (only != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return -1;
            }
          if (!g_error_matches (local_error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED))
            g_warning ("Could not adopt the execution %s: %s", id, local_error->message);
          continue;
        }
      /* TRANSLATORS: %s is who took the execution over */
      _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO,
                              drso_execution_get_current_wave (execution), NULL,
                              _("Adopted by %s: going on from the stored state"), self->owner);
      g_ptr_array_add (adopted, g_strdup (id));
    }

  /* Started once all are claimed, so capacity counts every adopted job. */
  for (guint i = 0; i < adopted->len; i++)
    {
      g_autofree char *id = g_ptr_array_index (adopted, i);
      DrsoEngineRun *run = g_hash_table_lookup (self->runs, id);

      if (run != NULL)
        _drso_engine_run_start (run);
    }
  return adopted->len;
}

/**
 * drso_engine_adopt:
 * @self: a #DrsoEngine
 * @error: return location for a #GError
 *
 * Takes over every unfinished execution that no live process drives (by
 * taking its lease) and goes on from where the store says it was: a launch
 * asked for but never answered is matched with DRS's jobs by their tags
 * before anything is launched again. Executions another live process holds
 * are left alone. Needs drs:ExecuteRecovery.
 *
 * Returns: how many executions this engine now drives that it did not,
 *   or 0 with @error set
 */
guint
drso_engine_adopt (DrsoEngine  *self,
                   GError     **error)
{
  int n;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), 0);

  n = adopt (self, NULL, error);
  return n > 0 ? (guint) n : 0;
}

/**
 * drso_engine_drive:
 * @self: a #DrsoEngine
 * @execution_id: an unfinished execution
 * @error: return location for a #GError
 *
 * Takes over one unfinished execution, as drso_engine_adopt() does: for a
 * process that drives an execution another one started. It fails with
 * %DRSO_STORE_ERROR_LEASED if a live process drives it, and with
 * %DRSO_ENGINE_ERROR_WRONG_STATE if it has ended. Driving it already is
 * not an error. Needs drs:ExecuteRecovery.
 *
 * Returns: %TRUE if this engine drives the execution
 */
gboolean
drso_engine_drive (DrsoEngine  *self,
                   const char  *execution_id,
                   GError     **error)
{
  g_autoptr(DrsoExecution) execution = NULL;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  if (g_hash_table_contains (self->runs, execution_id))
    return TRUE;
  execution = drso_store_lookup_execution (self->store, execution_id, error);
  if (execution == NULL)
    return FALSE;
  if (adopt (self, execution_id, error) < 0)
    return FALSE;
  if (!g_hash_table_contains (self->runs, execution_id))
    {
      /* TRANSLATORS: %s is an execution id, then a status such as COMPLETED */
      g_set_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE,
                   _("The execution %s has ended (%s)"), execution_id,
                   drso_execution_status_to_string (drso_execution_get_status (execution)));
      return FALSE;
    }
  return TRUE;
}

/**
 * drso_engine_pause:
 * @self: a #DrsoEngine
 * @execution_id: a running execution
 * @error: return location for a #GError
 *
 * Pauses the execution before its next wave: the wave under way goes on to
 * its end. Needs drs:ManageExecution.
 *
 * Returns: %TRUE if the pause is recorded
 */
gboolean
drso_engine_pause (DrsoEngine  *self,
                   const char  *execution_id,
                   GError     **error)
{
  DrsoEngineRun *run;
  GListModel *wave_runs;
  gboolean claimed;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if (drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_RUNNING &&
      drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_PENDING)
    return refuse (self, run, claimed, error, _("Only a running execution can be paused"));

  wave_runs = drso_execution_get_wave_runs (run->execution);
  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);
      guint number = drso_wave_run_get_wave_number (wave_run);

      if (drso_wave_run_get_status (wave_run) != DRSO_WAVE_STATUS_PENDING)
        continue;
      /* The next wave waits: durable, as the pause is in its status. */
      drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_PAUSED);
      /* TRANSLATORS: %u is a wave number */
      _drso_engine_run_tell (run, DRSO_EVENT_KIND_INFO, number, NULL,
                             _("Pause asked for: the execution pauses before wave %u"), number);
      if (!_drso_engine_run_save_checked (run, error))
        return FALSE;
      if (claimed)
        _drso_engine_run_start (run);
      return TRUE;
    }
  return refuse (self, run, claimed, error,
                 _("The execution is in its last wave: there is no wave left to pause before"));
}

/**
 * drso_engine_resume:
 * @self: a #DrsoEngine
 * @execution_id: a paused execution
 * @error: return location for a #GError
 *
 * Starts the wave a paused execution waits before. Needs
 * drs:ManageExecution.
 *
 * Returns: %TRUE if the execution goes on
 */
gboolean
drso_engine_resume (DrsoEngine  *self,
                    const char  *execution_id,
                    GError     **error)
{
  DrsoEngineRun *run;
  DrsoWaveRun *wave_run;
  gboolean claimed;
  guint number;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  wave_run = _drso_engine_run_current_wave (run);
  if (drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_PAUSED ||
      wave_run == NULL || drso_wave_run_get_status (wave_run) != DRSO_WAVE_STATUS_PAUSED)
    return refuse (self, run, claimed, error, _("Only a paused execution can be resumed"));

  number = drso_wave_run_get_wave_number (wave_run);
  drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_wave_run_set_start_time (wave_run, g_get_real_time () / G_USEC_PER_SEC);
  drso_execution_set_status (run->execution, DRSO_EXECUTION_STATUS_RUNNING);
  /* TRANSLATORS: %u is a wave number */
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_RESUMED, number, NULL,
                         _("Resumed: wave %u starts"), number);
  _drso_engine_run_tell_wave_started (run, wave_run);
  if (!_drso_engine_run_save_checked (run, error))
    return FALSE;
  _drso_engine_emit_wave_started (self, execution_id, number);
  _drso_engine_run_start (run);
  return TRUE;
}

/**
 * drso_engine_cancel:
 * @self: a #DrsoEngine
 * @execution_id: an execution that has not ended
 * @error: return location for a #GError
 *
 * Cancels the execution: no further wave starts. DRS jobs already running
 * cannot be stopped; the event log says which go on. Needs
 * drs:ManageExecution.
 *
 * Returns: %TRUE if the execution is cancelled
 */
gboolean
drso_engine_cancel (DrsoEngine  *self,
                    const char  *execution_id,
                    GError     **error)
{
  DrsoEngineRun *run;
  GListModel *wave_runs;
  gboolean claimed;
  guint n_running = 0, running_wave = 0;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if (drso_execution_status_is_final (drso_execution_get_status (run->execution)))
    return refuse (self, run, claimed, error, _("The execution has ended already"));

  g_clear_handle_id (&run->tick_id, g_source_remove);
  run->phase = RUN_PHASE_DONE;
  wave_runs = drso_execution_get_wave_runs (run->execution);
  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);

      switch (drso_wave_run_get_status (wave_run))
        {
        case DRSO_WAVE_STATUS_IN_PROGRESS:
          for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
            {
              g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

              /* Launched, or asked for with the answer not in yet. */
              if ((drso_server_run_get_job_id (server) != NULL ||
                   drso_server_run_get_launch_requested (server) != 0) &&
                  (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_PENDING ||
                   drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_IN_PROGRESS))
                {
                  n_running++;
                  running_wave = drso_wave_run_get_wave_number (wave_run);
                }
            }
          G_GNUC_FALLTHROUGH;
        case DRSO_WAVE_STATUS_PENDING:
        case DRSO_WAVE_STATUS_PAUSED:
          drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_CANCELLED);
          break;
        case DRSO_WAVE_STATUS_COMPLETED:
        case DRSO_WAVE_STATUS_FAILED:
        case DRSO_WAVE_STATUS_SKIPPED:
        case DRSO_WAVE_STATUS_CANCELLED:
        default:
          break;
        }
    }

  if (n_running > 0)
    /* TRANSLATORS: %u are a number of servers and a wave number */
    _drso_engine_run_tell (run, DRSO_EVENT_KIND_CANCELLED, running_wave, NULL,
                           _("Cancelled: no further wave starts. DRS jobs already running cannot "
                             "be stopped: %u servers of wave %u go on launching"),
                           n_running, running_wave);
  else
    _drso_engine_run_tell (run, DRSO_EVENT_KIND_CANCELLED, 0, NULL,
                           _("Cancelled: no further wave starts. No DRS job was running"));
  _drso_engine_run_finish (run, DRSO_EXECUTION_STATUS_CANCELLED, _("The execution was cancelled"));
  return TRUE;
}

/* The first failed wave of a failed execution this engine claimed. */
static DrsoWaveRun *
failed_wave (DrsoEngineRun *run)
{
  GListModel *wave_runs = drso_execution_get_wave_runs (run->execution);

  if (drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_FAILED)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);

      if (drso_wave_run_get_status (wave_run) == DRSO_WAVE_STATUS_FAILED)
        return wave_run;
    }
  return NULL;
}

static void
reopen (DrsoEngineRun *run,
        DrsoWaveRun   *wave_run,
        DrsoWaveStatus status)
{
  drso_wave_run_set_status (wave_run, status);
  if (status == DRSO_WAVE_STATUS_IN_PROGRESS)
    drso_wave_run_set_end_time (wave_run, 0);
  drso_execution_set_status (run->execution, DRSO_EXECUTION_STATUS_RUNNING);
  drso_execution_set_end_time (run->execution, 0);
}

/**
 * drso_engine_retry_wave:
 * @self: a #DrsoEngine
 * @execution_id: a failed execution
 * @error: return location for a #GError
 *
 * Launches the servers of the failed wave that did not recover again, as a
 * new attempt, and goes on with the execution. Needs drs:ManageExecution.
 *
 * Returns: %TRUE if the wave is retried
 */
gboolean
drso_engine_retry_wave (DrsoEngine  *self,
                        const char  *execution_id,
                        GError     **error)
{
  DrsoEngineRun *run;
  DrsoWaveRun *wave_run;
  GListModel *servers;
  gboolean claimed;
  guint n_retried = 0, attempt = 0;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if ((wave_run = failed_wave (run)) == NULL)
    return refuse (self, run, claimed, error, _("Only a failed wave of a failed execution can be "
                                                "retried"));

  servers = drso_wave_run_get_servers (wave_run);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

      if (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_LAUNCHED &&
          g_strcmp0 (drso_server_run_get_health (server), "ok") == 0)
        continue;
      if (drso_server_run_get_job_id (server) == NULL &&
          drso_server_run_get_launch_requested (server) != 0 &&
          drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_PENDING)
        continue;   /* an intent to reconcile first, in the same attempt */
      attempt = drso_server_run_get_launch_attempt (server) + 1;
      drso_server_run_set_launch_attempt (server, attempt);
      drso_server_run_set_status (server, DRSO_LAUNCH_STATUS_PENDING);
      drso_server_run_set_job_id (server, NULL);
      drso_server_run_set_recovery_instance_id (server, NULL);
      drso_server_run_set_ec2_instance_id (server, NULL);
      drso_server_run_set_message (server, NULL);
      drso_server_run_set_health (server, NULL);
      drso_server_run_set_launch_requested (server, 0);
      drso_server_run_set_snapshot_start (server, 0);
      drso_server_run_set_snapshot_end (server, 0);
      drso_server_run_set_conversion_start (server, 0);
      drso_server_run_set_conversion_end (server, 0);
      drso_server_run_set_launch_start (server, 0);
      drso_server_run_set_launch_end (server, 0);
      n_retried++;
    }

  reopen (run, wave_run, DRSO_WAVE_STATUS_IN_PROGRESS);
  /* TRANSLATORS: a number of servers, a wave number, an attempt number */
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_INFO, drso_wave_run_get_wave_number (wave_run),
                         NULL, _("Retrying %u servers of wave %u (attempt %u)"), n_retried,
                         drso_wave_run_get_wave_number (wave_run), attempt);
  if (!_drso_engine_run_save_checked (run, error))
    return FALSE;
  _drso_engine_run_start (run);
  return TRUE;
}

/**
 * drso_engine_skip_wave:
 * @self: a #DrsoEngine
 * @execution_id: a failed execution
 * @error: return location for a #GError
 *
 * Records the failed wave as skipped and goes on with the next one. Needs
 * drs:ManageExecution.
 *
 * Returns: %TRUE if the execution goes on
 */
gboolean
drso_engine_skip_wave (DrsoEngine  *self,
                       const char  *execution_id,
                       GError     **error)
{
  DrsoEngineRun *run;
  DrsoWaveRun *wave_run;
  gboolean claimed;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if ((wave_run = failed_wave (run)) == NULL)
    return refuse (self, run, claimed, error, _("Only a failed wave of a failed execution can be "
                                                "skipped"));

  reopen (run, wave_run, DRSO_WAVE_STATUS_SKIPPED);
  /* TRANSLATORS: %u is a wave number */
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_WARNING, drso_wave_run_get_wave_number (wave_run),
                         NULL, _("Wave %u skipped: its failed servers stay unrecovered and the "
                                 "execution goes on"),
                         drso_wave_run_get_wave_number (wave_run));
  if (!_drso_engine_run_save_checked (run, error))
    return FALSE;
  _drso_engine_run_start (run);
  return TRUE;
}
