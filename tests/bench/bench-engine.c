/* bench-engine.c
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

/* The engine's orchestration overhead per wave: one DRILL of a plan of
 * WAVES waves of PER-WAVE servers each (5 × 20 by default, no pauses) on a
 * Sandbox at TIME-SCALE (60), driven by the engine at its default poll
 * settings unless told otherwise. For each wave it prints:
 *
 *   wall      wave-started → wave-completed, as the engine's signals come
 *   jobs      the Sandbox's jobs of the wave: first creationDateTime → last
 *             endDateTime (DescribeJobs)
 *   checks    what the last EC2 status checks add after that: the last
 *             instance's "ok" − the last endDateTime (0 if none is later)
 *   aws       jobs + checks: the time AWS itself took for the wave
 *   overhead  wall − aws = start (wave-started → first job created: the
 *             store, credentials, StartRecovery) + notice (the last
 *             job's end or instance's "ok" → wave-completed: the poll
 *             interval's lag, DescribeJobs / log items / status checks,
 *             saving)
 *
 * and for the execution: wall time from drso_engine_start_execution_async()
 * to ::execution-finished, the sum of the waves' aws times, and the
 * overhead per wave = (execution wall − Σ aws) / WAVES, which also counts
 * the start of the execution and the gaps between waves. The issue's
 * literal figure (execution wall − Σ jobs) / WAVES, which counts the status
 * checks as overhead, is printed too.
 *
 * The Sandbox runs as a separate "drso sandbox" process; its timeline of
 * each job comes from its state file and is checked against DescribeJobs.
 *
 * Usage: bench-engine [--time-scale X] [--waves N] [--per-wave N]
 *                     [--estate N] [--poll-min S] [--poll-max S]
 *                     [--poll-factor F] [--seed S] [--drso PATH] */

#include "config.h"

#include <stdlib.h>

#include "drso-drs.h"
#include "drso-sandbox.h"
#include "bench-engine-util.h"

typedef struct
{
  gint64  started;
  gint64  completed;
  DrsoWaveStatus status;
} WaveTimes;

typedef struct
{
  const char *id;
  WaveTimes  *waves;
  guint       n_waves;
  gint64      finished;
  DrsoExecutionStatus status;
} Run;

static void
wave_started_cb (DrsoEngine *engine,
                 const char *id,
                 guint       wave,
                 Run        *run)
{
  if (wave >= 1 && wave <= run->n_waves)   /* the one execution of this process */
    run->waves[wave - 1].started = g_get_real_time ();
}

static void
wave_completed_cb (DrsoEngine     *engine,
                   const char     *id,
                   guint           wave,
                   DrsoWaveStatus  status,
                   Run            *run)
{
  if (wave >= 1 && wave <= run->n_waves)   /* the one execution of this process */
    {
      run->waves[wave - 1].completed = g_get_real_time ();
      run->waves[wave - 1].status = status;
    }
}

static void
finished_cb (DrsoEngine          *engine,
             const char          *id,
             DrsoExecutionStatus  status,
             Run                 *run)
{
  if (run->finished == 0)
    {
      run->finished = g_get_real_time ();
      run->status = status;
    }
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* DescribeJobs (whole seconds, as our client parses them) against the state
 * file's figures: how many of @ids agree. */
static guint
check_describe_jobs (BenchEstate  *estate,
                     GPtrArray    *ids,
                     GHashTable   *times)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (DRSO_SANDBOX_ACCESS_KEY_ID,
                                                                  DRSO_SANDBOX_SECRET_ACCESS_KEY,
                                                                  NULL, 0);
  g_autoptr(DrsoAwsContext) context = drso_aws_context_new (estate->client,
                                                            DRSO_SANDBOX_ACCOUNT_ID,
                                                            DRSO_SANDBOX_REGION, estate->url,
                                                            creds);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  guint agree = 0;

  g_ptr_array_add (ids, NULL);
  drso_drs_describe_jobs_async (context, (const char * const *) ids->pdata, NULL, NULL, NULL,
                                done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_ptr_array_remove_index (ids, ids->len - 1);
  jobs = drso_drs_describe_jobs_finish (context, result, &error);
  if (jobs == NULL)
    {
      g_printerr ("DescribeJobs: %s\n", error->message);
      return 0;
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      DrsoDrsJob *job = g_ptr_array_index (jobs, i);
      BenchJobTimes *t = g_hash_table_lookup (times, drso_drs_job_get_job_id (job));

      if (t != NULL && drso_drs_job_get_creation_date (job) == t->created / G_USEC_PER_SEC &&
          drso_drs_job_get_end_date (job) == t->ended / G_USEC_PER_SEC)
        agree++;
    }
  return agree;
}

int
main (int   argc,
      char *argv[])
{
  double time_scale = 60, poll_min = -1, poll_max = -1, poll_factor = -1;
  int n_waves = 5, per_wave = 20, estate_size = 120;
  gint64 seed = 1;
  g_autofree char *drso = NULL;
  GOptionEntry entries[] = {
    { "time-scale", 0, 0, G_OPTION_ARG_DOUBLE, &time_scale, "The Sandbox's time scale (60)", "X" },
    { "waves", 0, 0, G_OPTION_ARG_INT, &n_waves, "Waves in the plan (5)", "N" },
    { "per-wave", 0, 0, G_OPTION_ARG_INT, &per_wave, "Servers per wave (20)", "N" },
    { "estate", 0, 0, G_OPTION_ARG_INT, &estate_size, "Servers in the Sandbox (120)", "N" },
    { "poll-min", 0, 0, G_OPTION_ARG_DOUBLE, &poll_min, "poll-min-interval (engine default)",
      "S" },
    { "poll-max", 0, 0, G_OPTION_ARG_DOUBLE, &poll_max, "poll-max-interval (engine default)",
      "S" },
    { "poll-factor", 0, 0, G_OPTION_ARG_DOUBLE, &poll_factor, "poll-factor (engine default)",
      "F" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "The Sandbox's seed (1)", "S" },
    { "drso", 0, 0, G_OPTION_ARG_FILENAME, &drso, "The drso program (the build's)", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("— orchestration overhead per wave");
  g_autoptr(BenchEstate) estate = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) all_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *sizes = NULL;
  g_autofree WaveTimes *waves = NULL;
  Run run = { 0 };
  gint64 t0, guard;
  double cpu0, sandbox_cpu0, sum_aws = 0, sum_jobs = 0, sum_overhead = 0, wall;
  guint n_jobs = 0;

  bench_setup_environment ();
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || n_waves < 1 || per_wave < 1 ||
      !(time_scale >= 1))
    {
      g_printerr ("bench-engine: %s\n", error ? error->message : "bad arguments");
      return 2;
    }

  estate = bench_estate_new (drso ? drso : bench_default_drso (), time_scale,
                             (guint) estate_size, (guint64) seed, &error);
  if (estate == NULL)
    {
      g_printerr ("bench-engine: %s\n", error->message);
      return 1;
    }

  sizes = g_new (guint, n_waves);
  for (int i = 0; i < n_waves; i++)
    sizes[i] = (guint) per_wave;
  plan = bench_estate_add_plan (estate, "Overhead", sizes, (guint) n_waves, &error);
  if (plan == NULL)
    {
      g_printerr ("bench-engine: %s\n", error->message);
      return 1;
    }

  engine = bench_engine_new (estate, poll_min, poll_max, poll_factor);
  waves = g_new0 (WaveTimes, n_waves);
  run.waves = waves;
  run.n_waves = (guint) n_waves;
  g_signal_connect (engine, "wave-started", G_CALLBACK (wave_started_cb), &run);
  g_signal_connect (engine, "wave-completed", G_CALLBACK (wave_completed_cb), &run);
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), &run);

  g_print ("bench-engine: a DRILL of %d waves x %d servers, Sandbox at time scale %g "
           "(drso sandbox --estate %d, %u servers replicate)\n",
           n_waves, per_wave, time_scale, estate_size, estate->servers->len);
  bench_print_poll_settings (engine);

  cpu0 = bench_self_cpu_seconds ();
  sandbox_cpu0 = bench_process_cpu_seconds (estate->process);
  t0 = g_get_real_time ();
  drso_engine_start_execution_async (engine, drso_recovery_plan_get_plan_id (plan),
                                     DRSO_EXECUTION_TYPE_DRILL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  started = drso_engine_start_execution_finish (engine, result, &error);
  if (started == NULL)
    {
      g_printerr ("bench-engine: the execution did not start: %s\n", error->message);
      return 1;
    }
  run.id = drso_execution_get_execution_id (started);

  /* A guard against a hang (reported, not a timed assertion): an hour of
   * simulated time per wave. */
  guard = g_get_monotonic_time () + (gint64) (n_waves * 3600.0 / time_scale + 120) * G_USEC_PER_SEC;
  while (run.finished == 0)
    {
      if (g_get_monotonic_time () > guard)
        {
          g_printerr ("bench-engine: the execution %s did not finish: the engine is stuck "
                      "(waves started/completed:", run.id);
          for (int i = 0; i < n_waves; i++)
            g_printerr (" %d:%s/%s", i + 1, waves[i].started ? "y" : "n",
                        waves[i].completed ? "y" : "n");
          g_printerr (")\n");
          return 1;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  wall = bench_seconds (t0, run.finished);

  done = drso_store_lookup_execution (estate->store, run.id, &error);
  if (done == NULL)
    {
      g_printerr ("bench-engine: %s\n", error->message);
      return 1;
    }
  g_print ("execution %s: %s\n\n", run.id, drso_execution_status_to_string (run.status));
  g_print ("wave  servers  jobs    wall      jobs    checks       aws  overhead =   start + notice"
           "   (seconds)\n");
  for (int i = 0; i < n_waves; i++)
    {
      DrsoWaveRun *wave_run = drso_execution_get_wave_run (done, (guint) i + 1);
      const char * const *ids = wave_run ? drso_wave_run_get_job_ids (wave_run) : NULL;
      gint64 created = G_MAXINT64, ended = 0, healthy = 0;
      guint n_servers = 0, n = 0;
      double w, jobs, aws;

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          BenchJobTimes *t = g_new0 (BenchJobTimes, 1);

          if (!bench_estate_job_times (estate, ids[j], t, &error))
            {
              g_printerr ("bench-engine: %s\n", error->message);
              g_free (t);
              return 1;
            }
          created = MIN (created, t->created);
          ended = MAX (ended, t->ended);
          healthy = MAX (healthy, t->healthy);
          n_servers += t->n_servers;
          n++;
          g_hash_table_insert (times, g_strdup (ids[j]), t);
          g_ptr_array_add (all_ids, g_strdup (ids[j]));
        }
      if (n == 0 || waves[i].completed == 0)
        {
          g_print ("%4d  (no job or not completed)\n", i + 1);
          continue;
        }
      n_jobs += n;
      w = bench_seconds (waves[i].started, waves[i].completed);
      jobs = bench_seconds (created, ended);
      aws = bench_seconds (created, healthy);
      sum_aws += aws;
      sum_jobs += jobs;
      sum_overhead += w - aws;
      g_print ("%4d  %7u  %4u  %6.2f  %8.2f  %8.2f  %8.2f  %8.2f = %7.2f + %6.2f  %s\n", i + 1,
               n_servers, n, w, jobs, aws - jobs, aws, w - aws,
               bench_seconds (waves[i].started, created),
               bench_seconds (healthy, waves[i].completed),
               drso_wave_status_to_string (waves[i].status));
    }

  g_print ("\nmean overhead of a wave (wave-started to wave-completed, minus aws): %.2f s\n",
           sum_overhead / n_waves);
  g_print ("execution: wall %.2f s, sum aws %.2f s (sum jobs %.2f s): overhead %.2f s, "
           "%.2f s per wave (%.2f s per wave against jobs alone)\n",
           wall, sum_aws, sum_jobs, wall - sum_aws, (wall - sum_aws) / n_waves,
           (wall - sum_jobs) / n_waves);
  g_print ("CPU: this process %.2f s (%.1f%% of one core), drso sandbox %.2f s; "
           "peak RSS %.1f MiB\n",
           bench_self_cpu_seconds () - cpu0, 100 * (bench_self_cpu_seconds () - cpu0) / wall,
           bench_process_cpu_seconds (estate->process) - sandbox_cpu0, bench_peak_rss_mib ());
  g_print ("DescribeJobs agrees with the state file (to the second) for %u of %u jobs\n",
           check_describe_jobs (estate, all_ids, times), n_jobs);

  return run.status == DRSO_EXECUTION_STATUS_COMPLETED ? 0 : 1;
}
