/* drso-engine-launch.c
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

/* Launching a wave: its servers grouped by account and region, split into
 * StartRecovery calls of at most 100 servers within DRS's limits (20 jobs
 * and 500 servers in unfinished jobs; the rest waits for capacity), each
 * call's intent saved before it is sent; and reconciling an intent that has
 * no job id with the jobs DRS has, by their tags, so no server is launched
 * twice. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-error.h"
#include "drso-drs.h"
#include "drso-engine-private.h"

/* Launch tries in a row (refused or unanswered) before a server fails. */
#define MAX_LAUNCH_FAILURES 3

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunWork, _drso_engine_run_work_free)

static char *
location_key (const char *account_id,
              const char *region)
{
  return g_strdup_printf ("%s\n%s", account_id, region);
}

/* Groups @servers (DrsoServerRun) by account and region, in the order they
 * first appear. Returns RunWork of @kind. */
static GPtrArray *
group_servers (DrsoEngineRun *run,
               GPtrArray     *servers,
               RunWorkKind    kind)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *groups = g_ptr_array_new ();

  for (guint i = 0; i < servers->len; i++)
    {
      DrsoServerRun *server = g_ptr_array_index (servers, i);
      g_autofree char *account_id = NULL, *region = NULL, *key = NULL;
      RunWork *work;

      _drso_engine_run_locate (run, drso_server_run_get_server_id (server), &account_id, &region);
      key = location_key (account_id, region);
      work = g_hash_table_lookup (by_key, key);
      if (work == NULL)
        {
          work = _drso_engine_run_work_new (kind, account_id, region);
          g_hash_table_insert (by_key, g_steal_pointer (&key), work);
          g_ptr_array_add (groups, work);
        }
      g_ptr_array_add (work->servers, g_object_ref (server));
    }
  return groups;
}

static void
fail_server (DrsoEngineRun *run,
             DrsoServerRun *server,
             const char    *message)
{
  drso_server_run_set_status (server, DRSO_LAUNCH_STATUS_FAILED);
  drso_server_run_set_message (server, message);
  drso_server_run_set_launch_requested (server, 0);
  _drso_engine_run_event (run, DRSO_EVENT_KIND_ERROR,
                          drso_execution_get_current_wave (run->execution),
                          drso_server_run_get_server_id (server), "%s", message);
  _drso_engine_run_server_changed (run, server);
}

/* Counts a failed try of @server; after a few it fails. */
static void
count_failure (DrsoEngineRun *run,
               DrsoServerRun *server,
               const char    *message)
{
  const char *id = drso_server_run_get_server_id (server);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (run->failures, id)) + 1;

  g_hash_table_insert (run->failures, g_strdup (id), GUINT_TO_POINTER (n));
  if (n >= MAX_LAUNCH_FAILURES)
    fail_server (run, server, message);
}

/* Plans the tick's launches and reconciliations (queued on run->work). */
void
_drso_engine_launch_plan (DrsoEngineRun *run)
{
  DrsoWaveRun *wave_run = _drso_engine_run_current_wave (run);
  GListModel *servers = drso_wave_run_get_servers (wave_run);
  g_autoptr(GPtrArray) to_reconcile = g_ptr_array_new ();
  g_autoptr(GPtrArray) to_launch = g_ptr_array_new ();
  g_autoptr(GPtrArray) reconciles = NULL;
  g_autoptr(GPtrArray) launches = NULL;
  gboolean waiting = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

      if (drso_server_run_get_job_id (server) != NULL ||
          drso_server_run_get_status (server) != DRSO_LAUNCH_STATUS_PENDING)
        continue;
      if (!g_hash_table_contains (run->locations, drso_server_run_get_server_id (server)))
        {
          /* TRANSLATORS: %s is a source server id */
          g_autofree char *message =
            g_strdup_printf (_("The server %s is not in the discovered servers, so its account "
                               "and region are unknown: run discovery, then retry the wave"),
                             drso_server_run_get_server_id (server));

          fail_server (run, server, message);
          continue;
        }
      if (drso_server_run_get_launch_requested (server) != 0)
        g_ptr_array_add (to_reconcile, server);
      else
        g_ptr_array_add (to_launch, server);
    }

  reconciles = group_servers (run, to_reconcile, WORK_RECONCILE);
  for (guint i = 0; i < reconciles->len; i++)
    g_queue_push_tail (&run->work, g_ptr_array_index (reconciles, i));

  launches = group_servers (run, to_launch, WORK_LAUNCH);
  for (guint i = 0; i < launches->len; i++)
    {
      g_autoptr(RunWork) all = NULL;
      guint n_jobs, n_active;
      guint next = 0;

      all = g_ptr_array_index (launches, i);
      _drso_engine_capacity (run->engine, all->account_id, all->region, &n_jobs, &n_active);
      while (next < all->servers->len &&
             n_jobs < DRSO_ENGINE_MAX_ACTIVE_JOBS && n_active < DRSO_ENGINE_MAX_ACTIVE_SERVERS)
        {
          guint size = MIN (all->servers->len - next, DRSO_ENGINE_MAX_SERVERS_PER_JOB);
          RunWork *batch;

          size = MIN (size, DRSO_ENGINE_MAX_ACTIVE_SERVERS - n_active);
          batch = _drso_engine_run_work_new (WORK_LAUNCH, all->account_id, all->region);
          for (guint j = 0; j < size; j++)
            g_ptr_array_add (batch->servers, g_object_ref (g_ptr_array_index (all->servers,
                                                                              next + j)));
          g_queue_push_tail (&run->work, batch);
          next += size;
          n_jobs++;
          n_active += size;
        }
      if (next < all->servers->len)
        waiting = TRUE;
    }

  if (waiting && !run->waiting_logged)
    {
      run->waiting_logged = TRUE;
      _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO,
                              drso_execution_get_current_wave (run->execution), NULL,
                              _("DRS runs at most 20 recovery jobs and 500 servers at once: the "
                                "remaining servers wait for running jobs to end"));
    }
}

/* Reconciliation */

static gboolean
tag_is (GHashTable *tags,
        const char *name,
        const char *value)
{
  return tags != NULL && g_strcmp0 (g_hash_table_lookup (tags, name), value) == 0;
}

static void
reconciled_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RunCall *call = user_data;
  DrsoEngineRun *run;
  RunWork *work;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wave = NULL;
  guint number, n_adopted = 0, n_again = 0;

  jobs = drso_drs_describe_jobs_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;
  work = call->work;
  number = drso_execution_get_current_wave (run->execution);

  if (jobs == NULL)
    {
      _drso_engine_run_aws_error (run, number, "DescribeJobs", error);
      run->n_errors++;
      _drso_engine_run_call_free (call);
      _drso_engine_run_next_work (run);
      return;
    }

  wave = g_strdup_printf ("%u", number);
  for (guint i = 0; i < work->servers->len; i++)
    {
      DrsoServerRun *server = g_ptr_array_index (work->servers, i);
      g_autofree char *attempt = g_strdup_printf ("%u",
                                                  drso_server_run_get_launch_attempt (server));
      DrsoDrsJob *found = NULL;

      for (guint j = 0; j < jobs->len && found == NULL; j++)
        {
          DrsoDrsJob *job = g_ptr_array_index (jobs, j);
          GHashTable *tags = drso_drs_job_get_tags (job);
          GListModel *participants = drso_drs_job_get_participating_servers (job);

          if (!tag_is (tags, "drso:execution", drso_execution_get_execution_id (run->execution)) ||
              !tag_is (tags, "drso:wave", wave) || !tag_is (tags, "drso:attempt", attempt))
            continue;
          for (guint k = 0; k < g_list_model_get_n_items (participants); k++)
            {
              g_autoptr(DrsoDrsParticipatingServer) p = g_list_model_get_item (participants, k);

              if (g_strcmp0 (drso_drs_participating_server_get_source_server_id (p),
                             drso_server_run_get_server_id (server)) == 0)
                found = job;
            }
        }

      if (found != NULL)
        {
          const char *job_id = drso_drs_job_get_job_id (found);

          drso_server_run_set_job_id (server, job_id);
          if (_drso_engine_run_find_job (run, job_id) == NULL)
            drso_wave_run_add_job_id (_drso_engine_run_current_wave (run), job_id);
          _drso_engine_run_add_job (run, job_id, work->account_id, work->region, 1);
          n_adopted++;
        }
      else
        {
          /* DRS has no job for the intent: the request never took effect, so
           * launching again with the same attempt cannot launch twice. */
          drso_server_run_set_launch_requested (server, 0);
          n_again++;
        }
      _drso_engine_run_server_changed (run, server);
    }

  if (!_drso_engine_run_save (run))
    {
      _drso_engine_run_call_free (call);
      return;
    }
  if (n_adopted > 0)
    /* TRANSLATORS: %u is a number of servers */
    _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO, number, NULL,
                            _("Found the DRS jobs of %u servers whose launch was asked for "
                              "before: adopted them instead of launching again"), n_adopted);
  if (n_again > 0)
    /* TRANSLATORS: %u is a number of servers */
    _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO, number, NULL,
                            _("DRS has no job for %u servers whose launch was asked for before: "
                              "launching them again"), n_again);
  run->n_errors = 0;
  _drso_engine_run_call_free (call);
  _drso_engine_run_next_work (run);
}

static void
reconcile (RunCall *call)
{
  RunWork *work = call->work;
  gint64 earliest = G_MAXINT64;
  g_autofree char *from = NULL;

  for (guint i = 0; i < work->servers->len; i++)
    earliest = MIN (earliest,
                    drso_server_run_get_launch_requested (g_ptr_array_index (work->servers, i)));
  from = _drso_engine_format_time (earliest - DRSO_ENGINE_RECONCILE_SLACK);
  drso_drs_describe_jobs_async (call->context, NULL, from, NULL, call->cancellable,
                                reconciled_cb, call);
}

/* Launching */

static void
started_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RunCall *call = user_data;
  DrsoEngineRun *run;
  RunWork *work;
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  guint number;

  job = drso_drs_start_recovery_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;
  work = call->work;
  number = drso_execution_get_current_wave (run->execution);

  if (job == NULL)
    {
      _drso_engine_run_aws_error (run, number, "StartRecovery", error);
      if (g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED))
        {
          /* The intents stay: retrying the wave finds the job if there is one. */
          _drso_engine_run_call_free (call);
          _drso_engine_run_fail_wave (run, _("DRS answered StartRecovery with something that "
                                             "is not a job: the wave stopped"));
          return;
        }
      for (guint i = 0; i < work->servers->len; i++)
        {
          DrsoServerRun *server = g_ptr_array_index (work->servers, i);

          if (g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_QUOTA) ||
              g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_THROTTLED))
            /* Refused for now, no job made: wait and ask again. */
            drso_server_run_set_launch_requested (server, 0);
          else if (g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK) ||
                   g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_TIMEOUT) ||
                   g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_SERVER) ||
                   g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CONFLICT))
            /* It may have taken effect: the intent stays, and the next tick
             * looks for the job before it would launch again. */
            count_failure (run, server, error->message);
          else
            {
              /* TRANSLATORS: %s is the error from DRS */
              g_autofree char *message = g_strdup_printf (_("DRS refused to launch the server: "
                                                            "%s"), error->message);

              fail_server (run, server, message);
            }
        }
      if (_drso_engine_run_save (run))
        _drso_engine_run_next_work (run);
      _drso_engine_run_call_free (call);
      return;
    }

  for (guint i = 0; i < work->servers->len; i++)
    {
      DrsoServerRun *server = g_ptr_array_index (work->servers, i);

      drso_server_run_set_job_id (server, drso_drs_job_get_job_id (job));
      g_hash_table_remove (run->failures, drso_server_run_get_server_id (server));
      _drso_engine_run_server_changed (run, server);
    }
  drso_wave_run_add_job_id (_drso_engine_run_current_wave (run), drso_drs_job_get_job_id (job));
  _drso_engine_run_add_job (run, drso_drs_job_get_job_id (job), work->account_id, work->region,
                            work->servers->len);
  /* TRANSLATORS: a DRS job id, a number of servers, an account id and a region */
  _drso_engine_run_tell (run, DRSO_EVENT_KIND_JOB_STARTED, number, NULL,
                         _("DRS job %s started for %u servers in %s (%s)"),
                         drso_drs_job_get_job_id (job), work->servers->len,
                         work->account_id, work->region);
  if (_drso_engine_run_save (run))
    _drso_engine_run_next_work (run);
  _drso_engine_run_call_free (call);
}

static void
launch (RunCall *call)
{
  DrsoEngineRun *run = call->run;
  RunWork *work = call->work;
  guint n = work->servers->len;
  g_autofree const char **ids = g_new0 (const char *, n + 1);
  g_autofree const char **snapshots = g_new0 (const char *, n + 1);
  g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gint64 now = g_get_real_time ();
  guint attempt = 1;
  gboolean pinned = FALSE;

  /* The intent, saved before the request is sent. */
  for (guint i = 0; i < n; i++)
    {
      DrsoServerRun *server = g_ptr_array_index (work->servers, i);

      if (drso_server_run_get_launch_attempt (server) == 0)
        drso_server_run_set_launch_attempt (server, 1);
      attempt = drso_server_run_get_launch_attempt (server);
      drso_server_run_set_launch_requested (server, now);
      ids[i] = drso_server_run_get_server_id (server);
      snapshots[i] = drso_recovery_plan_get_server_snapshot (run->plan, ids[i]);
      pinned |= snapshots[i] != NULL;
    }
  if (!_drso_engine_run_save (run))
    {
      _drso_engine_run_call_free (call);
      return;
    }

  g_hash_table_insert (tags, (char *) "drso:execution",
                       g_strdup (drso_execution_get_execution_id (run->execution)));
  g_hash_table_insert (tags, (char *) "drso:wave",
                       g_strdup_printf ("%u", drso_execution_get_current_wave (run->execution)));
  g_hash_table_insert (tags, (char *) "drso:plan",
                       g_strdup (drso_execution_get_plan_id (run->execution)));
  g_hash_table_insert (tags, (char *) "drso:attempt", g_strdup_printf ("%u", attempt));

  drso_drs_start_recovery_async (call->context, ids, pinned ? snapshots : NULL, n,
                                 drso_execution_get_execution_type (run->execution) ==
                                 DRSO_EXECUTION_TYPE_DRILL,
                                 tags, call->cancellable, started_cb, call);
}

/* Either call, once the account's credentials are in. */
static void
context_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RunCall *call = user_data;
  g_autoptr(GError) error = NULL;
  DrsoEngineRun *run;

  call->context = _drso_engine_get_context_finish (result, &error);
  if (_drso_engine_run_call_gone (call))
    return;
  run = call->run;

  if (call->context == NULL)
    {
      /* TRANSLATORS: %s is an account id */
      g_autofree char *what = g_strdup_printf (_("Getting credentials for account %s"),
                                               call->work->account_id);

      _drso_engine_run_aws_error (run, drso_execution_get_current_wave (run->execution), what,
                                  error);
      for (guint i = 0; i < call->work->servers->len; i++)
        count_failure (run, g_ptr_array_index (call->work->servers, i), error->message);
      _drso_engine_run_call_free (call);
      if (_drso_engine_run_save (run))
        _drso_engine_run_next_work (run);
      return;
    }

  if (call->work->kind == WORK_RECONCILE)
    reconcile (call);
  else
    launch (call);
}

/* Takes @work. */
void
_drso_engine_launch_dispatch (DrsoEngineRun *run,
                              RunWork       *work)
{
  RunCall *call = _drso_engine_run_call_new (run, work);

  _drso_engine_get_context_async (run->engine, work->account_id, work->region, run->cancellable,
                                  context_cb, call);
}
