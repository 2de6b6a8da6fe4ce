/* bench-engine-many.c
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

/* Many executions at once in one engine: PLANS plans (100 by default) of
 * one wave of 1, 2 or 3 servers each (199 servers in all), every DRILL
 * started in the same main-loop turn, then driven to the end by one engine
 * at its default poll settings (unless told otherwise). DRS's limits (20
 * unfinished jobs and 500 servers in them per account and region) make the
 * engine queue most launches: the executions wait, polling, for capacity.
 *
 * The Sandbox is a separate "drso sandbox" process, so that this process's
 * CPU time (getrusage RUSAGE_SELF) is the orchestrator's alone: the engine,
 * the store (SQLite on disk), the AWS client (SigV4, HTTP, JSON). Prints
 * completions, wall time, CPU time and CPU% of one core over the whole run
 * and over its polling phase (from the moment every start has returned to
 * the last execution-finished), the busiest 5 s window, the Sandbox's own
 * CPU, and this process's peak RSS.
 *
 * Usage: bench-engine-many [--plans N] [--time-scale X] [--estate N]
 *                          [--poll-min S] [--poll-max S] [--poll-factor F]
 *                          [--seed S] [--drso PATH] */

#include "config.h"

#include <stdlib.h>

#include "drso-sandbox.h"
#include "bench-engine-util.h"

#define WINDOW_SECONDS 5

typedef struct
{
  guint       n_plans;
  guint       n_started;   /* start calls that returned */
  guint       n_failed_to_start;
  guint       n_finished;
  guint       n_completed;
  GHashTable *statuses;    /* execution id → status name, once finished */
  gint64      all_started;
  /* CPU samples every second, for the busiest window */
  GArray     *samples;     /* double: CPU seconds */
  double      busiest;     /* CPU% of one core */
} Many;

static void
finished_cb (DrsoEngine          *engine,
             const char          *id,
             DrsoExecutionStatus  status,
             Many                *many)
{
  many->n_finished++;
  if (status == DRSO_EXECUTION_STATUS_COMPLETED)
    many->n_completed++;
  g_hash_table_insert (many->statuses, g_strdup (id),
                       g_strdup (drso_execution_status_to_string (status)));
}

typedef struct
{
  Many       *many;
  DrsoEngine *engine;
} StartCall;

static void
started_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  StartCall *call = user_data;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  execution = drso_engine_start_execution_finish (call->engine, result, &error);
  if (execution == NULL)
    {
      g_printerr ("bench-engine-many: an execution did not start: %s\n", error->message);
      call->many->n_failed_to_start++;
    }
  if (++call->many->n_started == call->many->n_plans)
    call->many->all_started = g_get_real_time ();
  g_free (call);
}

static gboolean
sample_cb (gpointer user_data)
{
  Many *many = user_data;
  double now = bench_self_cpu_seconds ();

  g_array_append_val (many->samples, now);
  if (many->samples->len > WINDOW_SECONDS)
    {
      double before = g_array_index (many->samples, double, many->samples->len - 1 - WINDOW_SECONDS);

      many->busiest = MAX (many->busiest, 100 * (now - before) / WINDOW_SECONDS);
    }
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  double time_scale = 60, poll_min = -1, poll_max = -1, poll_factor = -1;
  int n_plans = 100, estate_size = 300;
  gint64 seed = 1;
  g_autofree char *drso = NULL;
  GOptionEntry entries[] = {
    { "plans", 0, 0, G_OPTION_ARG_INT, &n_plans, "Executions at once (100)", "N" },
    { "time-scale", 0, 0, G_OPTION_ARG_DOUBLE, &time_scale, "The Sandbox's time scale (60)", "X" },
    { "estate", 0, 0, G_OPTION_ARG_INT, &estate_size, "Servers in the Sandbox (300)", "N" },
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
  g_autoptr(GOptionContext) options = g_option_context_new ("— many executions at once");
  g_autoptr(BenchEstate) estate = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  Many many = { 0 };
  gint64 t0, t_end, guard, last_progress;
  double cpu0, cpu_started = 0, cpu_end, sandbox0, sandbox_end, wall, polling;
  guint n_servers = 0, sampler, last_finished = 0;

  bench_setup_environment ();
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || n_plans < 1 ||
      !(time_scale >= 1))
    {
      g_printerr ("bench-engine-many: %s\n", error ? error->message : "bad arguments");
      return 2;
    }

  estate = bench_estate_new (drso ? drso : bench_default_drso (), time_scale,
                             (guint) estate_size, (guint64) seed, &error);
  if (estate == NULL)
    {
      g_printerr ("bench-engine-many: %s\n", error->message);
      return 1;
    }
  for (int i = 0; i < n_plans; i++)
    {
      g_autofree char *name = g_strdup_printf ("Plan %03d", i + 1);
      guint size = 1 + (guint) i % 3;
      DrsoRecoveryPlan *plan = bench_estate_add_plan (estate, name, &size, 1, &error);

      if (plan == NULL)
        {
          g_printerr ("bench-engine-many: %s\n", error->message);
          return 1;
        }
      g_ptr_array_add (plans, plan);
      n_servers += size;
    }

  engine = bench_engine_new (estate, poll_min, poll_max, poll_factor);
  many.n_plans = (guint) n_plans;
  many.statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  many.samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), &many);

  g_print ("bench-engine-many: %d DRILLs of one wave of 1-3 servers (%u servers), started at "
           "once; Sandbox at time scale %g (drso sandbox --estate %d, %u servers replicate)\n",
           n_plans, n_servers, time_scale, estate_size, estate->servers->len);
  bench_print_poll_settings (engine);

  cpu0 = bench_self_cpu_seconds ();
  sandbox0 = bench_process_cpu_seconds (estate->process);
  t0 = g_get_real_time ();
  sampler = g_timeout_add_seconds (1, sample_cb, &many);
  sample_cb (&many);
  for (guint i = 0; i < plans->len; i++)
    {
      StartCall *call = g_new0 (StartCall, 1);

      call->many = &many;
      call->engine = engine;
      drso_engine_start_execution_async (engine, drso_recovery_plan_get_plan_id (
                                                   g_ptr_array_index (plans, i)),
                                         DRSO_EXECUTION_TYPE_DRILL, NULL, started_cb, call);
    }

  /* A guard against a hang, not a timed assertion: no execution finishing
   * for an hour of simulated time (plus two minutes) stops the run. */
  guard = (gint64) (3600.0 / time_scale + 120) * G_USEC_PER_SEC;
  last_progress = g_get_monotonic_time ();
  while (many.n_started < many.n_plans || many.n_finished + many.n_failed_to_start < many.n_plans)
    {
      g_main_context_iteration (NULL, TRUE);
      if (many.all_started != 0 && cpu_started == 0)
        cpu_started = bench_self_cpu_seconds ();
      if (many.n_finished != last_finished)
        {
          last_finished = many.n_finished;
          last_progress = g_get_monotonic_time ();
        }
      else if (g_get_monotonic_time () - last_progress > guard)
        {
          g_printerr ("bench-engine-many: no execution finished for %.0f s; %u of %u finished, "
                      "the engine is stuck\n", guard / 1e6, many.n_finished, many.n_plans);
          break;
        }
    }
  t_end = g_get_real_time ();
  cpu_end = bench_self_cpu_seconds ();
  sandbox_end = bench_process_cpu_seconds (estate->process);
  g_source_remove (sampler);

  wall = bench_seconds (t0, t_end);
  polling = bench_seconds (many.all_started, t_end);
  g_print ("\nfinished %u of %u (%u COMPLETED, %u did not start) in %.1f s wall\n",
           many.n_finished, many.n_plans, many.n_completed, many.n_failed_to_start, wall);
  if (many.n_completed < many.n_finished)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, many.statuses);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_str_equal (value, "COMPLETED"))
          g_print ("  %s: %s\n", (char *) key, (char *) value);
    }
  g_print ("starting all: %.2f s wall, %.2f s CPU\n", bench_seconds (t0, many.all_started),
           cpu_started - cpu0);
  g_print ("orchestrator CPU: %.2f s over the run = %.1f%% of one core; polling phase "
           "%.2f s over %.1f s = %.1f%%; busiest %d s window %.1f%%\n",
           cpu_end - cpu0, 100 * (cpu_end - cpu0) / wall, cpu_end - cpu_started, polling,
           100 * (cpu_end - cpu_started) / polling, WINDOW_SECONDS, many.busiest);
  g_print ("drso sandbox CPU: %.2f s = %.1f%% of one core\n", sandbox_end - sandbox0,
           100 * (sandbox_end - sandbox0) / wall);
  g_print ("peak RSS %.1f MiB\n", bench_peak_rss_mib ());

  g_array_unref (many.samples);
  g_hash_table_unref (many.statuses);
  return many.n_completed == many.n_plans ? 0 : 1;
}
