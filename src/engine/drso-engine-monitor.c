/* drso-engine-monitor.c
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

/* Watching a wave: DescribeJobs for its unfinished jobs, DescribeJobLogItems
 * for the phase times of each server, DescribeInstanceStatus for the
 * launched instances until their checks pass or the health timeout ends
 * the wait; then the verdict: COMPLETED when every critical server launched
 * and passed (optional ones may fail, with a warning), else FAILED. The
 * poll interval tightens to the minimum on any progress and backs off
 * otherwise. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-error.h"
#include "drso-drs.h"
#include "drso-ec2.h"
#include "drso-engine-private.h"

/* Polls in a row that fail before the wave does. */
#define MAX_POLL_ERRORS 5

static gboolean
status_is_final (DrsoLaunchStatus status)
{
  return status == DRSO_LAUNCH_STATUS_LAUNCHED || status == DRSO_LAUNCH_STATUS_FAILED ||
         status == DRSO_LAUNCH_STATUS_TERMINATED;
}

static gboolean
health_is_final (DrsoEngine    *engine,
                 DrsoServerRun *server,
                 gint64         now)
{
  gint64 launched = drso_server_run_get_launch_end (server);

  return g_strcmp0 (drso_server_run_get_health (server), "ok") == 0 ||
         (launched != 0 && now - launched >= (gint64) engine->health_timeout * G_USEC_PER_SEC);
}

static RunWork *
work_for (GPtrArray   *works,
          RunWorkKind  kind,
          const char  *account_id,
          const char  *region)
{
  RunWork *work;

  for (guint i = 0; i < works->len; i++)
    {
      work = g_ptr_array_index (works, i);
      if (g_strcmp0 (work->account_id, account_id) == 0 && g_strcmp0 (work->region, region) == 0)
        return work;
    }
  work = _drso_engine_run_work_new (kind, account_id, region);
  g_ptr_array_add (works, work);
  return work;
}

/* Plans the tick's DescribeJobs and health checks (queued on run->work). */
void
_drso_engine_monitor_plan (DrsoEngineRun *run)
{
  GListModel *servers = drso_wave_run_get_servers (_drso_engine_run_current_wave (run));
  g_autoptr(GPtrArray) describes = g_ptr_array_new ();
  g_autoptr(GPtrArray) healths = g_ptr_array_new ();
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < run->jobs->len; i++)
    {
      RunJob *job = g_ptr_array_index (run->jobs, i);

      if (!job->completed)
        g_ptr_array_add (work_for (describes, WORK_DESCRIBE, job->account_id, job->region)->ids,
                         g_strdup (job->job_id));
      else if (!job->log_read)
        {
          RunWork *log = _drso_engine_run_work_new (WORK_LOG, job->account_id, job->region);

          log->job_id = g_strdup (job->job_id);
          g_ptr_array_add (describes, log);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);
      g_autofree char *account_id = NULL, *region = NULL;

      if (drso_server_run_get_status (server) != DRSO_LAUNCH_STATUS_LAUNCHED ||
          drso_server_run_get_ec2_instance_id (server) == NULL ||
          health_is_final (run->engine, server, now))
        continue;
      _drso_engine_run_locate (run, drso_server_run_get_server_id (server), &account_id, &region);
      g_ptr_array_add (work_for (healths, WORK_HEALTH, account_id, region)->servers,
                       g_object_ref (server));
    }

  for (guint i = 0; i < describes->len; i++)
    g_queue_push_tail (&run->work, g_ptr_array_index (describes, i));
  for (guint i = 0; i < healths->len; i++)
    g_queue_push_tail (&run->work, g_ptr_array_index (healths, i));
}

static DrsoLaunchStatus
parse_launch_status (const char *name,
                     gboolean   *known)
{
  DrsoLaunchStatus status = DRSO_LAUNCH_STATUS_PENDING;

  *known = name != NULL && drso_launch_status_from_string (name, &status);
  return status;
}

/* A poll that failed: an ERROR event; a malformed answer, or too many
 * failures in a row, fail the wave. Returns FALSE if the wave failed. */
static gboolean
poll_failed (DrsoEngineRun *run,
             const char    *what,
             const GError  *error)
{
  _drso_engine_run_aws_error (run, drso_execution_get_current_wave (run->execution), what, error);
  if (g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED))
    {
      /* TRANSLATORS: %s is an AWS operation such as DescribeJobs */
      g_autofree char *message = g_strdup_printf (_("AWS answered %s with something this program "
                                                    "cannot read: the wave stopped"), what);

      _drso_engine_run_fail_wave (run, message);
      return FALSE;
    }
  if (++run->n_errors >= MAX_POLL_ERRORS)
    {
      /* TRANSLATORS: %s is an AWS operation, %u a count, then the last error */
      g_autofree char *message = g_strdup_printf (_("%s failed %u times in a row, the last time "
                                                    "with: %s"), what, run->n_errors,
                                                  error->message);

      _drso_engine_run_fail_wave (run, message);
      return FALSE;
    }
  return TRUE;
}

static void
described_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RunCall *call = user_data;
  DrsoEngineRun *run;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  DrsoWaveRun *wave_run;
  guint number;

  jobs = drso_drs_describe_jobs_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;
  wave_run = _drso_engine_run_current_wave (run);
  number = drso_wave_run_get_wave_number (wave_run);

  if (jobs == NULL)
    {
      _drso_engine_run_call_free (call);
      if (poll_failed (run, "DescribeJobs", error))
        _drso_engine_run_next_work (run);
      return;
    }
  run->n_errors = 0;

  for (guint i = 0; i < jobs->len; i++)
    {
      DrsoDrsJob *job = g_ptr_array_index (jobs, i);
      RunJob *run_job = _drso_engine_run_find_job (run, drso_drs_job_get_job_id (job));
      GListModel *participants = drso_drs_job_get_participating_servers (job);
      gboolean completed = g_strcmp0 (drso_drs_job_get_status (job), "COMPLETED") == 0;
      gboolean changed = FALSE;

      if (run_job == NULL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (participants); j++)
        {
          g_autoptr(DrsoDrsParticipatingServer) p = g_list_model_get_item (participants, j);
          DrsoServerRun *server = drso_wave_run_find_server (
            wave_run, drso_drs_participating_server_get_source_server_id (p));
          const char *instance_id = drso_drs_participating_server_get_recovery_instance_id (p);
          DrsoLaunchStatus status;
          gboolean known;

          if (server == NULL ||
              g_strcmp0 (drso_server_run_get_job_id (server), run_job->job_id) != 0)
            continue;
          status = parse_launch_status (drso_drs_participating_server_get_launch_status (p),
                                        &known);
          if (!known)
            continue;
          if (instance_id != NULL &&
              g_strcmp0 (drso_server_run_get_recovery_instance_id (server), instance_id) != 0)
            {
              /* A DRS recovery instance's id is that of its EC2 instance. */
              drso_server_run_set_recovery_instance_id (server, instance_id);
              drso_server_run_set_ec2_instance_id (server, instance_id);
              changed = TRUE;
            }
          if (status == drso_server_run_get_status (server))
            continue;

          drso_server_run_set_status (server, status);
          if (status_is_final (status) && drso_server_run_get_launch_end (server) == 0)
            drso_server_run_set_launch_end (server, now);
          changed = TRUE;
          /* TRANSLATORS: a hostname, then a launch status such as LAUNCHED */
          _drso_engine_run_tell (run, status == DRSO_LAUNCH_STATUS_FAILED ?
                                      DRSO_EVENT_KIND_ERROR : DRSO_EVENT_KIND_SERVER_CHANGED,
                                 number, drso_server_run_get_server_id (server),
                                 _("%s is now %s"), drso_server_run_get_hostname (server) ?
                                 drso_server_run_get_hostname (server) :
                                 drso_server_run_get_server_id (server),
                                 drso_launch_status_to_string (status));
          _drso_engine_run_server_changed (run, server);
        }

      if (completed)
        {
          GListModel *all = drso_wave_run_get_servers (wave_run);

          run_job->completed = TRUE;
          changed = TRUE;
          /* A server the ended job left unfinished did not launch. */
          for (guint j = 0; j < g_list_model_get_n_items (all); j++)
            {
              g_autoptr(DrsoServerRun) server = g_list_model_get_item (all, j);

              if (g_strcmp0 (drso_server_run_get_job_id (server), run_job->job_id) != 0 ||
                  status_is_final (drso_server_run_get_status (server)))
                continue;
              drso_server_run_set_status (server, DRSO_LAUNCH_STATUS_FAILED);
              drso_server_run_set_message (server, _("The DRS job ended without launching this "
                                                     "server"));
              _drso_engine_run_server_changed (run, server);
            }
        }
      if (changed)
        {
          RunWork *log = _drso_engine_run_work_new (WORK_LOG, run_job->account_id,
                                                    run_job->region);

          log->job_id = g_strdup (run_job->job_id);
          g_queue_push_tail (&run->work, log);
          run->progress = TRUE;
        }
    }
  _drso_engine_run_call_free (call);
  _drso_engine_run_next_work (run);
}

static gboolean
set_time (DrsoServerRun *server,
          gint64 (*get) (DrsoServerRun *),
          void   (*set) (DrsoServerRun *, gint64),
          gint64         time)
{
  if (time == 0 || get (server) == time)
    return FALSE;
  set (server, time);
  return TRUE;
}

static void
logged_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RunCall *call = user_data;
  DrsoEngineRun *run;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  DrsoWaveRun *wave_run;
  RunJob *run_job;

  items = drso_drs_describe_job_log_items_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;
  wave_run = _drso_engine_run_current_wave (run);

  if (items == NULL)
    {
      _drso_engine_run_call_free (call);
      if (poll_failed (run, "DescribeJobLogItems", error))
        _drso_engine_run_next_work (run);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      DrsoDrsJobLogItem *item = g_ptr_array_index (items, i);
      const char *event = drso_drs_job_log_item_get_event (item);
      /* The job log has seconds; the model keeps microseconds. */
      gint64 time = drso_drs_job_log_item_get_time (item) * G_USEC_PER_SEC;
      DrsoServerRun *server = NULL;
      gboolean changed = FALSE;

      if (drso_drs_job_log_item_get_source_server_id (item) != NULL)
        server = drso_wave_run_find_server (wave_run,
                                            drso_drs_job_log_item_get_source_server_id (item));
      if (server == NULL ||
          g_strcmp0 (drso_server_run_get_job_id (server), call->work->job_id) != 0)
        continue;

      if (g_strcmp0 (event, "SNAPSHOT_START") == 0)
        changed = set_time (server, drso_server_run_get_snapshot_start,
                            drso_server_run_set_snapshot_start, time);
      else if (g_strcmp0 (event, "SNAPSHOT_END") == 0)
        changed = set_time (server, drso_server_run_get_snapshot_end,
                            drso_server_run_set_snapshot_end, time);
      else if (g_strcmp0 (event, "USING_PREVIOUS_SNAPSHOT") == 0)
        changed = set_time (server, drso_server_run_get_snapshot_start,
                            drso_server_run_set_snapshot_start, time) |
                  set_time (server, drso_server_run_get_snapshot_end,
                            drso_server_run_set_snapshot_end, time);
      else if (g_strcmp0 (event, "CONVERSION_START") == 0)
        changed = set_time (server, drso_server_run_get_conversion_start,
                            drso_server_run_set_conversion_start, time);
      else if (g_strcmp0 (event, "CONVERSION_END") == 0)
        changed = set_time (server, drso_server_run_get_conversion_end,
                            drso_server_run_set_conversion_end, time);
      else if (g_strcmp0 (event, "LAUNCH_START") == 0)
        changed = set_time (server, drso_server_run_get_launch_start,
                            drso_server_run_set_launch_start, time);
      else if (g_strcmp0 (event, "LAUNCH_FAILED") == 0)
        {
          changed = set_time (server, drso_server_run_get_launch_end,
                              drso_server_run_set_launch_end, time);
          if (drso_drs_job_log_item_get_raw_error (item) != NULL &&
              g_strcmp0 (drso_server_run_get_message (server),
                         drso_drs_job_log_item_get_raw_error (item)) != 0)
            {
              drso_server_run_set_message (server, drso_drs_job_log_item_get_raw_error (item));
              changed = TRUE;
            }
        }
      if (changed)
        _drso_engine_run_server_changed (run, server);
    }

  run_job = _drso_engine_run_find_job (run, call->work->job_id);
  if (run_job != NULL && run_job->completed)
    run_job->log_read = TRUE;
  run->n_errors = 0;
  _drso_engine_run_call_free (call);
  _drso_engine_run_next_work (run);
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RunCall *call = user_data;
  DrsoEngineRun *run;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  RunWork *work;

  statuses = drso_ec2_describe_instance_status_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;
  work = call->work;

  if (statuses == NULL)
    {
      _drso_engine_run_call_free (call);
      if (poll_failed (run, "DescribeInstanceStatus", error))
        _drso_engine_run_next_work (run);
      return;
    }
  run->n_errors = 0;

  for (guint i = 0; i < statuses->len; i++)
    {
      DrsoEc2InstanceStatus *status = g_ptr_array_index (statuses, i);

      for (guint j = 0; j < work->servers->len; j++)
        {
          DrsoServerRun *server = g_ptr_array_index (work->servers, j);
          const char *health;

          if (g_strcmp0 (drso_server_run_get_ec2_instance_id (server),
                         drso_ec2_instance_status_get_instance_id (status)) != 0)
            continue;
          if (drso_ec2_instance_status_is_healthy (status))
            health = "ok";
          else if (g_strcmp0 (drso_ec2_instance_status_get_state_name (status), "running") != 0)
            health = drso_ec2_instance_status_get_state_name (status);
          else if (g_strcmp0 (drso_ec2_instance_status_get_instance_status (status), "ok") != 0)
            health = drso_ec2_instance_status_get_instance_status (status);
          else
            health = drso_ec2_instance_status_get_system_status (status);
          if (health == NULL || g_strcmp0 (health, drso_server_run_get_health (server)) == 0)
            continue;
          drso_server_run_set_health (server, health);
          _drso_engine_run_server_changed (run, server);
          if (g_str_equal (health, "ok"))
            /* TRANSLATORS: a hostname, then an EC2 instance id */
            _drso_engine_run_tell (run, DRSO_EVENT_KIND_SERVER_CHANGED,
                                   drso_execution_get_current_wave (run->execution),
                                   drso_server_run_get_server_id (server),
                                   _("%s passed its status checks (instance %s)"),
                                   drso_server_run_get_hostname (server) ?
                                   drso_server_run_get_hostname (server) :
                                   drso_server_run_get_server_id (server),
                                   drso_server_run_get_ec2_instance_id (server));
        }
    }
  _drso_engine_run_call_free (call);
  _drso_engine_run_next_work (run);
}

static void
context_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RunCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  DrsoEngineRun *run;
  RunWork *work;

  call->context = _drso_engine_get_context_finish (result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;
  work = call->work;

  if (call->context == NULL)
    {
      _drso_engine_run_call_free (call);
      if (poll_failed (run, _("Getting credentials"), error))
        _drso_engine_run_next_work (run);
      return;
    }

  switch (work->kind)
    {
    case WORK_DESCRIBE:
      g_ptr_array_add (work->ids, NULL);
      drso_drs_describe_jobs_async (call->context, (const char * const *) work->ids->pdata, NULL,
                                    NULL, call->cancellable, described_cb, call);
      break;
    case WORK_LOG:
      drso_drs_describe_job_log_items_async (call->context, work->job_id, call->cancellable,
                                             logged_cb, call);
      break;
    case WORK_HEALTH:
      ids = g_ptr_array_new ();
      for (guint i = 0; i < work->servers->len; i++)
        g_ptr_array_add (ids, (gpointer) drso_server_run_get_ec2_instance_id (
                                g_ptr_array_index (work->servers, i)));
      g_ptr_array_add (ids, NULL);
      drso_ec2_describe_instance_status_async (call->context, (const char * const *) ids->pdata,
                                               call->cancellable, checked_cb, call);
      break;
    case WORK_RECONCILE:
    case WORK_LAUNCH:
    default:
      g_assert_not_reached ();
    }
}

/* Takes @work. */
void
_drso_engine_monitor_dispatch (DrsoEngineRun *run,
                               RunWork       *work)
{
  RunCall *call = _drso_engine_run_call_new (run, work);

  _drso_engine_get_context_async (run->engine, work->account_id, work->region, run->cancellable,
                                  context_cb, call);
}

/* The end of a tick: saves what changed, then either judges the wave (every
 * server ended and every launched one passed its checks or ran out of time)
 * or schedules the next tick. */
void
_drso_engine_monitor_evaluate (DrsoEngineRun *run)
{
  DrsoEngine *engine = run->engine;
  DrsoWaveRun *wave_run = _drso_engine_run_current_wave (run);
  GListModel *servers = drso_wave_run_get_servers (wave_run);
  guint number = drso_wave_run_get_wave_number (wave_run);
  g_autoptr(GString) critical = g_string_new (NULL);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  gint64 now = g_get_real_time ();

  if (run->phase != RUN_PHASE_WAVE)
    return;
  if (run->progress && !_drso_engine_run_save (run))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);
      DrsoLaunchStatus status = drso_server_run_get_status (server);
      const char *name = drso_server_run_get_hostname (server) ?
                         drso_server_run_get_hostname (server) :
                         drso_server_run_get_server_id (server);
      g_autofree char *problem = NULL;

      if (!status_is_final (status) ||
          (status == DRSO_LAUNCH_STATUS_LAUNCHED && !health_is_final (engine, server, now)))
        {
          /* Not done yet. */
          if (run->progress)
            run->interval = engine->poll_min_interval;
          else
            run->interval = MIN (run->interval * engine->poll_factor, engine->poll_max_interval);
          _drso_engine_run_schedule (run, run->interval);
          return;
        }

      if (status == DRSO_LAUNCH_STATUS_LAUNCHED && g_strcmp0 (drso_server_run_get_health (server),
                                                              "ok") == 0)
        continue;
      if (status == DRSO_LAUNCH_STATUS_LAUNCHED)
        /* TRANSLATORS: a hostname, then a number of seconds */
        problem = g_strdup_printf (_("%s launched but did not pass its status checks within "
                                     "%u s"), name, engine->health_timeout);
      else
        /* TRANSLATORS: a hostname, then why it failed */
        problem = g_strdup_printf (_("%s did not launch: %s"), name,
                                   drso_server_run_get_message (server) ?
                                   drso_server_run_get_message (server) :
                                   drso_launch_status_to_string (status));

      if (drso_server_run_get_criticality (server) == DRSO_SERVER_CRITICALITY_OPTIONAL)
        g_ptr_array_add (warnings, g_steal_pointer (&problem));
      else
        g_string_append_printf (critical, "%s%s", critical->len > 0 ? "; " : "", problem);
    }

  for (guint i = 0; i < warnings->len; i++)
    {
      /* TRANSLATORS: what went wrong with an optional server */
      g_autofree char *message = g_strdup_printf (_("Optional server: %s"),
                                                  (char *) g_ptr_array_index (warnings, i));

      drso_execution_add_warning (run->execution, message);
      _drso_engine_run_tell (run, DRSO_EVENT_KIND_WARNING, number, NULL, "%s", message);
    }

  if (critical->len > 0)
    {
      /* TRANSLATORS: %u is a wave number, %s the critical servers' problems */
      g_autofree char *message = g_strdup_printf (_("Wave %u failed: %s"), number, critical->str);

      _drso_engine_run_fail_wave (run, message);
      return;
    }
  _drso_engine_run_complete_wave (run);
}
