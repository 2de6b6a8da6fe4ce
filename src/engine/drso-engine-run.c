/* drso-engine-run.c
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

/* The state machine of one execution, driven from what the store holds:
 *
 *   for each wave: [PAUSED] → START_WAVE → ticks (launch, DescribeJobs, log
 *   items, health) → WAVE_COMPLETED | WAVE_FAILED
 *   → FINALIZE → COMPLETED | FAILED | CANCELLED
 *
 * Every transition is saved (one transaction) before its side effect is
 * sent, so a run can be rebuilt from the store at any point. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-error.h"
#include "drso-engine-private.h"
#include "drso-error.h"

static void run_enter_wave (DrsoEngineRun *run);

/* Helpers */

RunWork *
_drso_engine_run_work_new (RunWorkKind  kind,
                           const char  *account_id,
                           const char  *region)
{
  RunWork *work = g_new0 (RunWork, 1);

  work->kind = kind;
  work->account_id = g_strdup (account_id);
  work->region = g_strdup (region);
  work->servers = g_ptr_array_new_with_free_func (g_object_unref);
  work->ids = g_ptr_array_new_with_free_func (g_free);
  return work;
}

RunCall *
_drso_engine_run_call_new (DrsoEngineRun *run,
                           RunWork       *work)
{
  RunCall *call = g_new0 (RunCall, 1);

  call->run = run;
  call->cancellable = g_object_ref (run->cancellable);
  call->work = work;
  return call;
}

/* Whether the run of @call is gone; then @call is freed. */
gboolean
_drso_engine_run_call_gone (RunCall *call)
{
  if (!g_cancellable_is_cancelled (call->cancellable))
    return FALSE;
  _drso_engine_run_call_free (call);
  return TRUE;
}

void
_drso_engine_run_call_free (RunCall *call)
{
  g_clear_object (&call->cancellable);
  g_clear_pointer (&call->work, _drso_engine_run_work_free);
  g_clear_object (&call->context);
  g_free (call);
}

/* An ISO 8601 time as DRS takes it. */
char *
_drso_engine_format_time (gint64 time_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

void
_drso_engine_run_work_free (RunWork *work)
{
  g_free (work->account_id);
  g_free (work->region);
  g_ptr_array_unref (work->servers);
  g_ptr_array_unref (work->ids);
  g_free (work->job_id);
  g_free (work);
}

static void
run_job_free (RunJob *job)
{
  g_free (job->job_id);
  g_free (job->account_id);
  g_free (job->region);
  g_free (job);
}

RunJob *
_drso_engine_run_find_job (DrsoEngineRun *run,
                           const char    *job_id)
{
  for (guint i = 0; i < run->jobs->len; i++)
    {
      RunJob *job = g_ptr_array_index (run->jobs, i);

      if (g_strcmp0 (job->job_id, job_id) == 0)
        return job;
    }
  return NULL;
}

RunJob *
_drso_engine_run_add_job (DrsoEngineRun *run,
                          const char    *job_id,
                          const char    *account_id,
                          const char    *region,
                          guint          n_servers)
{
  RunJob *job = _drso_engine_run_find_job (run, job_id);

  if (job != NULL)
    {
      job->n_servers += n_servers;
      return job;
    }
  job = g_new0 (RunJob, 1);
  job->job_id = g_strdup (job_id);
  job->account_id = g_strdup (account_id);
  job->region = g_strdup (region);
  job->n_servers = n_servers;
  g_ptr_array_add (run->jobs, job);
  return job;
}

DrsoWaveRun *
_drso_engine_run_current_wave (DrsoEngineRun *run)
{
  return drso_execution_get_wave_run (run->execution,
                                      drso_execution_get_current_wave (run->execution));
}

void
_drso_engine_run_locate (DrsoEngineRun  *run,
                         const char     *server_id,
                         char          **account_id,
                         char          **region)
{
  const char *location = g_hash_table_lookup (run->locations, server_id);
  g_auto(GStrv) parts = NULL;

  if (location == NULL)
    {
      *account_id = NULL;
      *region = NULL;
      return;
    }
  parts = g_strsplit (location, "\n", 2);
  *account_id = g_strdup (parts[0]);
  *region = g_strdup (parts[1]);
}

/* Where each server of @wave_run is: its account and region as discovery
 * saw them, else those of the wave's first protection group. */
static void
run_locate_servers (DrsoEngineRun *run,
                    DrsoWaveRun   *wave_run)
{
  GListModel *servers = drso_wave_run_get_servers (wave_run);
  DrsoWave *wave = drso_recovery_plan_get_wave (run->plan,
                                                drso_wave_run_get_wave_number (wave_run));
  g_autoptr(DrsoProtectionGroup) group = NULL;

  if (wave != NULL && drso_wave_get_protection_group_ids (wave)[0] != NULL)
    group = drso_store_lookup_protection_group (run->engine->store,
                                                drso_wave_get_protection_group_ids (wave)[0],
                                                NULL);

  g_hash_table_remove_all (run->locations);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);
      const char *id = drso_server_run_get_server_id (server);
      g_autoptr(DrsoSourceServer) source = drso_store_lookup_source_server (run->engine->store,
                                                                           id, NULL);

      if (source != NULL)
        g_hash_table_insert (run->locations, g_strdup (id),
                             g_strdup_printf ("%s\n%s", drso_source_server_get_account_id (source),
                                              drso_source_server_get_region (source)));
      else if (group != NULL)
        g_hash_table_insert (run->locations, g_strdup (id),
                             g_strdup_printf ("%s\n%s",
                                              drso_protection_group_get_account_id (group),
                                              drso_protection_group_get_region (group)));
    }
}

/* Events and saving */

static DrsoExecutionEvent *new_event (DrsoEngineRun *run,
                                       DrsoEventKind  kind,
                                       guint          wave_number,
                                       const char    *server_id,
                                       const char    *format,
                                       va_list        args) G_GNUC_PRINTF (5, 0);

static DrsoExecutionEvent *
new_event (DrsoEngineRun *run,
           DrsoEventKind  kind,
           guint          wave_number,
           const char    *server_id,
           const char    *format,
           va_list        args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  DrsoExecutionEvent *event;

  event = drso_execution_event_new (drso_execution_get_execution_id (run->execution), kind,
                                    message);
  drso_execution_event_set_wave_number (event, wave_number);
  drso_execution_event_set_server_id (event, server_id);
  return event;
}

/* An event on its own, stored at once: a note that goes with no change of
 * the execution (an error seen, a wait). */
void
_drso_engine_run_event (DrsoEngineRun *run,
                        DrsoEventKind  kind,
                        guint          wave_number,
                        const char    *server_id,
                        const char    *format,
                        ...)
{
  g_autoptr(DrsoExecutionEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  event = new_event (run, kind, wave_number, server_id, format, args);
  va_end (args);

  if (!drso_store_append_event (run->engine->store, event, &error))
    g_warning ("Could not log “%s” for %s: %s", drso_execution_event_get_message (event),
               drso_execution_get_execution_id (run->execution), error->message);
}

/* An event that tells of a change: it is stored by the next save, in the
 * same transaction as the change, so that neither is ever without the
 * other, even when the process dies between the two. */
void
_drso_engine_run_tell (DrsoEngineRun *run,
                       DrsoEventKind  kind,
                       guint          wave_number,
                       const char    *server_id,
                       const char    *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (run->told, new_event (run, kind, wave_number, server_id, format, args));
  va_end (args);
}

/* An AWS error, with its code and request id, as an ERROR event. */
void
_drso_engine_run_aws_error (DrsoEngineRun *run,
                            guint          wave_number,
                            const char    *what,
                            const GError  *error)
{
  const char *code = error->domain == DRSO_AWS_ERROR ? drso_aws_error_get_aws_code (error) : NULL;
  const char *request_id = error->domain == DRSO_AWS_ERROR ?
                           drso_aws_error_get_request_id (error) : NULL;

  /* TRANSLATORS: "%s failed: message (AWS code, request id)" */
  _drso_engine_run_event (run, DRSO_EVENT_KIND_ERROR, wave_number, NULL,
                          _("%s failed: %s (code %s, request %s)"), what, error->message,
                          code ? code : _("none"), request_id ? request_id : _("none"));
}

/* Stops driving without touching the execution: the store refused a write
 * (or another process took the lease), so what it holds stays as it was
 * and the next engine that adopts the execution goes on from there. */
static void
run_stall (DrsoEngineRun *run,
           const GError  *error)
{
  DrsoEngine *engine = run->engine;
  g_autofree char *id = g_strdup (drso_execution_get_execution_id (run->execution));

  g_warning ("Stopped driving the execution %s: %s", id, error->message);
  run->phase = RUN_PHASE_DONE;
  drso_store_release_lease (engine->store, id, engine->owner, NULL);
  g_hash_table_remove (engine->runs, id);
  _drso_engine_emit_execution_changed (engine, id);
  _drso_engine_emit_stalled (engine, id, error->message);
}

gboolean
_drso_engine_run_save (DrsoEngineRun *run)
{
  return _drso_engine_run_save_checked (run, NULL);
}

/* Saves the execution; if the store refuses, the run stops (see
 * run_stall()) and @error says why. */
gboolean
_drso_engine_run_save_checked (DrsoEngineRun  *run,
                               GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!drso_store_save_execution_with_events (run->engine->store, run->execution, run->told,
                                              &local_error))
    {
      g_ptr_array_set_size (run->told, 0);
      run_stall (run, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_ptr_array_set_size (run->told, 0);
  _drso_engine_emit_execution_changed (run->engine,
                                       drso_execution_get_execution_id (run->execution));
  return TRUE;
}

void
_drso_engine_run_server_changed (DrsoEngineRun *run,
                                 DrsoServerRun *server)
{
  run->progress = TRUE;
  _drso_engine_emit_server_changed (run->engine, drso_execution_get_execution_id (run->execution),
                                    drso_execution_get_current_wave (run->execution),
                                    drso_server_run_get_server_id (server));
}

/* Ticks */

static gboolean
tick_cb (gpointer user_data)
{
  DrsoEngineRun *run = user_data;

  run->tick_id = 0;
  if (run->phase != RUN_PHASE_WAVE || run->busy)
    return G_SOURCE_REMOVE;

  run->busy = TRUE;
  run->progress = FALSE;
  _drso_engine_launch_plan (run);
  _drso_engine_monitor_plan (run);
  _drso_engine_run_next_work (run);
  return G_SOURCE_REMOVE;
}

void
_drso_engine_run_schedule (DrsoEngineRun *run,
                           double         seconds)
{
  g_clear_handle_id (&run->tick_id, g_source_remove);
  run->tick_id = g_timeout_add ((guint) MAX (seconds * 1000.0, 0.0), tick_cb, run);
}

/* Runs the tick's next call; when none is left, judges the wave. */
void
_drso_engine_run_next_work (DrsoEngineRun *run)
{
  RunWork *work = g_queue_pop_head (&run->work);

  if (work == NULL)
    {
      run->busy = FALSE;
      _drso_engine_monitor_evaluate (run);
      return;
    }
  if (work->kind == WORK_RECONCILE || work->kind == WORK_LAUNCH)
    _drso_engine_launch_dispatch (run, work);
  else
    _drso_engine_monitor_dispatch (run, work);
}

/* "Wave 2 (Applications) started with 4 servers"; a wave without a name is
 * told by its number alone. */
void
_drso_engine_run_tell_wave_started (DrsoEngineRun *run,
                                    DrsoWaveRun   *wave_run)
{
  guint number = drso_wave_run_get_wave_number (wave_run);
  guint n = g_list_model_get_n_items (drso_wave_run_get_servers (wave_run));
  const char *name = drso_wave_run_get_wave_name (wave_run);

  if (name != NULL && name[0] != '\0')
    /* TRANSLATORS: a wave number, its name, then a number of servers */
    _drso_engine_run_tell (run, DRSO_EVENT_KIND_WAVE_STARTED, number, NULL,
                           g_dngettext (GETTEXT_PACKAGE, "Wave %u (%s) started with %u server",
                                        "Wave %u (%s) started with %u servers", n),
                           number, name, n);
  else
    /* TRANSLATORS: a wave number, then a number of servers */
    _drso_engine_run_tell (run, DRSO_EVENT_KIND_WAVE_STARTED, number, NULL,
                           g_dngettext (GETTEXT_PACKAGE, "Wave %u started with %u server",
                                        "Wave %u started with %u servers", n),
                           number, n);
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  DrsoEngineRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_store_renew_lease (run->engine->store,
                               drso_execution_get_execution_id (run->execution),
                               run->engine->owner, &error))
    {
      run->heartbeat_id = 0;
      run_stall (run, error);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Transitions */

void
_drso_engine_run_finish (DrsoEngineRun       *run,
                         DrsoExecutionStatus  status,
                         const char          *message)
{
  DrsoEngine *engine = run->engine;
  g_autofree char *id = g_strdup (drso_execution_get_execution_id (run->execution));
  g_autoptr(GError) error = NULL;

  drso_execution_set_status (run->execution, status);
  drso_execution_set_end_time (run->execution, g_get_real_time () / G_USEC_PER_SEC);
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_EXECUTION_FINISHED, 0, NULL, "%s", message);
  if (!_drso_engine_run_save (run))
    return;

  run->phase = RUN_PHASE_DONE;
  if (!drso_store_release_lease (engine->store, id, engine->owner, &error))
    g_warning ("Could not release the lease of %s: %s", id, error->message);
  g_hash_table_remove (engine->runs, id);
  _drso_engine_emit_execution_finished (engine, id, status);
}

void
_drso_engine_run_fail_wave (DrsoEngineRun *run,
                            const char    *message)
{
  DrsoWaveRun *wave_run = _drso_engine_run_current_wave (run);
  guint number = drso_wave_run_get_wave_number (wave_run);
  g_autofree char *id = g_strdup (drso_execution_get_execution_id (run->execution));
  g_autofree char *finished = NULL;

  g_clear_handle_id (&run->tick_id, g_source_remove);
  drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_FAILED);
  drso_wave_run_set_end_time (wave_run, g_get_real_time () / G_USEC_PER_SEC);
  drso_execution_add_error (run->execution, message);
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_WAVE_FAILED, number, NULL, "%s", message);
  if (!_drso_engine_run_save (run))
    return;
  _drso_engine_emit_wave_completed (run->engine, id, number, DRSO_WAVE_STATUS_FAILED);

  /* TRANSLATORS: %u is a wave number */
  finished = g_strdup_printf (_("The execution failed in wave %u: no further wave was started"),
                              number);
  _drso_engine_run_finish (run, DRSO_EXECUTION_STATUS_FAILED, finished);
}

static void
run_complete_wave (DrsoEngineRun *run)
{
  DrsoWaveRun *wave_run = _drso_engine_run_current_wave (run);
  guint number = drso_wave_run_get_wave_number (wave_run);

  drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_COMPLETED);
  drso_wave_run_set_end_time (wave_run, g_get_real_time () / G_USEC_PER_SEC);
  /* TRANSLATORS: %u is a wave number, then how many servers were recovered */
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_WAVE_COMPLETED, number, NULL,
                         _("Wave %u completed: %u of %u servers recovered"), number,
                         drso_wave_run_get_servers_recovered (wave_run),
                         g_list_model_get_n_items (drso_wave_run_get_servers (wave_run)));
  if (!_drso_engine_run_save (run))
    return;
  _drso_engine_emit_wave_completed (run->engine, drso_execution_get_execution_id (run->execution),
                                    number, DRSO_WAVE_STATUS_COMPLETED);
  run_enter_wave (run);
}

void
_drso_engine_run_complete_wave (DrsoEngineRun *run)
{
  run_complete_wave (run);
}

void
_drso_engine_run_enter_wave (DrsoEngineRun *run)
{
  run_enter_wave (run);
}

static void
run_pause_at (DrsoEngineRun *run,
              DrsoWaveRun   *wave_run)
{
  guint number = drso_wave_run_get_wave_number (wave_run);

  run->phase = RUN_PHASE_PAUSED;
  drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_PAUSED);
  drso_execution_set_current_wave (run->execution, number);
  drso_execution_set_status (run->execution, DRSO_EXECUTION_STATUS_PAUSED);
  /* TRANSLATORS: %u is a wave number */
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_PAUSED, number, NULL,
                         _("Paused before wave %u: waiting to be resumed"), number);
  if (!_drso_engine_run_save (run))
    return;
  _drso_engine_emit_paused (run->engine, drso_execution_get_execution_id (run->execution),
                            number);
}

/* Goes on with the wave in progress: builds the list of its jobs from its
 * servers and ticks at once. */
static void
run_resume_wave (DrsoEngineRun *run)
{
  DrsoWaveRun *wave_run = _drso_engine_run_current_wave (run);
  GListModel *servers = drso_wave_run_get_servers (wave_run);

  run->phase = RUN_PHASE_WAVE;
  run->interval = run->engine->poll_min_interval;
  run->wave_started = g_get_monotonic_time ();
  run->waiting_logged = FALSE;
  g_ptr_array_set_size (run->jobs, 0);
  run_locate_servers (run, wave_run);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);
      const char *job_id = drso_server_run_get_job_id (server);
      g_autofree char *account_id = NULL, *region = NULL;

      if (job_id == NULL)
        continue;
      _drso_engine_run_locate (run, drso_server_run_get_server_id (server), &account_id, &region);
      _drso_engine_run_add_job (run, job_id, account_id, region, 1);
    }
  _drso_engine_run_schedule (run, 0);
}

static void
run_start_wave (DrsoEngineRun *run,
                DrsoWaveRun   *wave_run)
{
  guint number = drso_wave_run_get_wave_number (wave_run);

  drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_wave_run_set_start_time (wave_run, g_get_real_time () / G_USEC_PER_SEC);
  drso_execution_set_current_wave (run->execution, number);
  drso_execution_set_status (run->execution, DRSO_EXECUTION_STATUS_RUNNING);
  _drso_engine_run_tell_wave_started (run, wave_run);
  if (!_drso_engine_run_save (run))
    return;
  _drso_engine_emit_wave_started (run->engine, drso_execution_get_execution_id (run->execution),
                                  number);
  run_resume_wave (run);
}

/* Picks the state from the store's record: the first wave not done is
 * paused, started or continued; with none left the execution completes. */
static void
run_enter_wave (DrsoEngineRun *run)
{
  GListModel *wave_runs = drso_execution_get_wave_runs (run->execution);
  guint n_skipped = 0;

  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);
      guint number = drso_wave_run_get_wave_number (wave_run);
      DrsoWave *wave;

      switch (drso_wave_run_get_status (wave_run))
        {
        case DRSO_WAVE_STATUS_COMPLETED:
          continue;
        case DRSO_WAVE_STATUS_SKIPPED:
          n_skipped++;
          continue;
        case DRSO_WAVE_STATUS_PAUSED:
          if (drso_execution_get_status (run->execution) == DRSO_EXECUTION_STATUS_PAUSED)
            {
              run->phase = RUN_PHASE_PAUSED;
              drso_execution_set_current_wave (run->execution, number);
            }
          else
            run_pause_at (run, wave_run);
          return;
        case DRSO_WAVE_STATUS_PENDING:
          wave = drso_recovery_plan_get_wave (run->plan, number);
          if (wave != NULL && drso_wave_get_pause_before_wave (wave))
            run_pause_at (run, wave_run);
          else
            run_start_wave (run, wave_run);
          return;
        case DRSO_WAVE_STATUS_IN_PROGRESS:
          drso_execution_set_current_wave (run->execution, number);
          run_resume_wave (run);
          return;
        case DRSO_WAVE_STATUS_FAILED:
        case DRSO_WAVE_STATUS_CANCELLED:
        default:
          drso_execution_set_current_wave (run->execution, number);
          _drso_engine_run_finish (run, DRSO_EXECUTION_STATUS_FAILED,
                                   _("The execution stopped at a wave that had failed"));
          return;
        }
    }

  if (n_skipped > 0)
    {
      /* TRANSLATORS: %u is a number of waves */
      g_autofree char *message = g_strdup_printf (ngettext ("%u skipped wave was not recovered",
                                                            "%u skipped waves were not recovered",
                                                            n_skipped),
                                                  n_skipped);

      drso_execution_add_warning (run->execution, message);
    }
  _drso_engine_run_finish (run, DRSO_EXECUTION_STATUS_COMPLETED,
                           n_skipped > 0 ? _("The execution completed, with skipped waves")
                                         : _("The execution completed: every wave recovered"));
}

/* The object */

DrsoEngineRun *
_drso_engine_run_new (DrsoEngine       *engine,
                      DrsoExecution    *execution,
                      DrsoRecoveryPlan *plan)
{
  DrsoEngineRun *run = g_new0 (DrsoEngineRun, 1);

  run->engine = engine;
  run->execution = g_object_ref (execution);
  run->plan = g_object_ref (plan);
  run->cancellable = g_cancellable_new ();
  run->locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_job_free);
  g_queue_init (&run->work);
  run->told = g_ptr_array_new_with_free_func (g_object_unref);
  run->interval = engine->poll_min_interval;
  return run;
}

void
_drso_engine_run_free (DrsoEngineRun *run)
{
  g_cancellable_cancel (run->cancellable);
  g_clear_handle_id (&run->tick_id, g_source_remove);
  g_clear_handle_id (&run->heartbeat_id, g_source_remove);
  g_queue_clear_full (&run->work, (GDestroyNotify) _drso_engine_run_work_free);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->execution);
  g_clear_object (&run->plan);
  g_clear_pointer (&run->locations, g_hash_table_unref);
  g_clear_pointer (&run->failures, g_hash_table_unref);
  g_clear_pointer (&run->jobs, g_ptr_array_unref);
  g_clear_pointer (&run->told, g_ptr_array_unref);
  g_free (run);
}

/* Starts driving: the run holds the lease already. */
void
_drso_engine_run_start (DrsoEngineRun *run)
{
  if (run->heartbeat_id == 0)
    run->heartbeat_id = g_timeout_add_seconds (DRSO_ENGINE_HEARTBEAT_SECONDS, heartbeat_cb, run);
  _drso_engine_watch_requests (run->engine);
  run_enter_wave (run);
}
