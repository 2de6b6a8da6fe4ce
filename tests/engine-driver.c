/* engine-driver.c
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

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include "drso-discovery.h"
#include "drso-engine.h"
#include "drso-sandbox.h"

/* The engine as its own process, for test-engine-crash.py (one drill) and
 * tests/soak/soak.py (drill after drill of one plan in one store), which
 * SIGKILL it at random points and start it again:
 *
 *   engine-driver --setup [--waves N] [--per-wave N] DATA_DIR SANDBOX_URL PLAN
 *     discovers the Sandbox account's servers into DATA_DIR/store.db (again
 *     and again while the Sandbox's faults refuse it), then makes one
 *     protection group per wave and a plan of those waves, every wave after
 *     the first paused before; prints the plan id. A plan of that name
 *     already there is kept (a setup killed or refused half-way is run
 *     again).
 *
 *   engine-driver [--drill N] DATA_DIR SANDBOX_URL PLAN
 *     drives the N-th drill of the store: adopts its unfinished execution,
 *     or, when the store holds N - 1 executions, all ended, starts the plan
 *     as a drill (again after a start the faults made fail). A paused
 *     execution is resumed at once. Exits 0 printing the execution id when
 *     the N-th drill has finished COMPLETED (now or before), 1 when it
 *     finished otherwise, 2 on an error or when --timeout passes, 3 when
 *     another live process drives it.
 *
 * --kill-after-saves N raises SIGKILL in the N-th execution-changed signal
 * (right after the engine committed a change, before it acts on it);
 * --kill-at-intent MS raises it MS milliseconds after a launch intent was
 * saved (0: before its StartRecovery is sent). --arm-after S arms both only
 * S seconds after the start, so that they can fall at any point of a drill:
 * saves before then are not counted, intents not looked at. */

#define EXIT_COMPLETED  0
#define EXIT_NOT_DONE   1
#define EXIT_ERROR      2
#define EXIT_LEASED     3

/* Starts the faults refused (discovery, readiness, STS) before giving up. */
#define MAX_START_TRIES 20

typedef struct
{
  GMainLoop  *loop;
  DrsoEngine *engine;
  DrsoStore  *store;
  const char *plan_name;
  char       *execution_id;  /* the one that finished */
  int         exit_code;
  gboolean    finished;
  guint       kill_after_saves;
  guint       n_saves;
  int         kill_at_intent;   /* ms after an intent is saved, or -1 */
  gint64      armed_at;         /* monotonic µs from when the two count */
  guint       n_start_tries;
  guint       resume_id;
  guint       timeout_id;
  guint       start_id;
} Driver;

static gboolean
kill_cb (gpointer user_data)
{
  g_printerr ("engine-driver: SIGKILL %d ms after an intent was saved\n",
              GPOINTER_TO_INT (user_data));
  raise (SIGKILL);
  return G_SOURCE_REMOVE;
}

/* Whether the current wave has a launch asked for whose job id is not in. */
static gboolean
intent_saved (Driver     *driver,
              const char *execution_id)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (driver->store, execution_id,
                                                                    NULL);
  DrsoWaveRun *wave_run;
  GListModel *servers;

  if (execution == NULL)
    return FALSE;
  wave_run = drso_execution_get_wave_run (execution, drso_execution_get_current_wave (execution));
  if (wave_run == NULL)
    return FALSE;
  servers = drso_wave_run_get_servers (wave_run);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

      if (drso_server_run_get_launch_requested (server) != 0 &&
          drso_server_run_get_job_id (server) == NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
resume_cb (gpointer user_data)
{
  Driver *driver = user_data;
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GError) error = NULL;

  driver->resume_id = 0;
  executions = drso_store_list_unfinished_executions (driver->store, &error);
  if (executions == NULL)
    {
      g_printerr ("engine-driver: listing executions: %s\n", error->message);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < executions->len; i++)
    {
      DrsoExecution *execution = g_ptr_array_index (executions, i);
      const char *id = drso_execution_get_execution_id (execution);

      if (drso_execution_get_status (execution) != DRSO_EXECUTION_STATUS_PAUSED ||
          !drso_engine_is_driving (driver->engine, id))
        continue;
      g_printerr ("engine-driver: resuming %s at wave %u\n", id,
                  drso_execution_get_current_wave (execution));
      if (!drso_engine_resume (driver->engine, id, &error))
        {
          g_printerr ("engine-driver: resuming %s: %s\n", id, error->message);
          g_clear_error (&error);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_resume (Driver *driver)
{
  if (driver->resume_id == 0)
    driver->resume_id = g_idle_add (resume_cb, driver);
}

static void
paused_cb (DrsoEngine *engine,
           const char *execution_id,
           guint       wave,
           Driver     *driver)
{
  /* Not from inside the engine's transition: on the next idle. */
  schedule_resume (driver);
}

static void
changed_cb (DrsoEngine *engine,
            const char *execution_id,
            Driver     *driver)
{
  if (g_get_monotonic_time () < driver->armed_at)
    return;
  driver->n_saves++;
  if (driver->kill_after_saves != 0 && driver->n_saves == driver->kill_after_saves)
    {
      g_printerr ("engine-driver: SIGKILL after save %u\n", driver->n_saves);
      raise (SIGKILL);
    }
  if (driver->kill_at_intent >= 0 && intent_saved (driver, execution_id))
    {
      if (driver->kill_at_intent == 0)
        kill_cb (GINT_TO_POINTER (0));
      g_timeout_add (driver->kill_at_intent, kill_cb, GINT_TO_POINTER (driver->kill_at_intent));
      driver->kill_at_intent = -1;
    }
}

static void
finished_cb (DrsoEngine          *engine,
             const char          *execution_id,
             DrsoExecutionStatus  status,
             Driver              *driver)
{
  g_printerr ("engine-driver: %s finished %s\n", execution_id,
              drso_execution_status_to_string (status));
  g_free (driver->execution_id);
  driver->execution_id = g_strdup (execution_id);
  driver->exit_code = status == DRSO_EXECUTION_STATUS_COMPLETED ? EXIT_COMPLETED : EXIT_NOT_DONE;
  driver->finished = TRUE;
  /* Also emitted from inside drso_engine_adopt(), before the loop runs: an
   * execution killed between its last wave's end and its own is finished
   * there at once (the flag covers it; quitting a loop not yet running is
   * lost). */
  g_main_loop_quit (driver->loop);
}

static void start_drill (Driver *driver);

static gboolean
start_again_cb (gpointer user_data)
{
  Driver *driver = user_data;

  driver->start_id = 0;
  start_drill (driver);
  return G_SOURCE_REMOVE;
}

static void
started_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Driver *driver = user_data;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  execution = drso_engine_start_execution_finish (DRSO_ENGINE (source), result, &error);
  if (execution == NULL)
    {
      /* The Sandbox's faults can fail a start (a discovery, STS, or a
       * readiness check that could not ask DRS, a NO_GO): nothing was
       * stored, so starting again is safe. */
      g_printerr ("engine-driver: start %u failed: %s\n", driver->n_start_tries, error->message);
      if (driver->n_start_tries >= MAX_START_TRIES)
        {
          driver->exit_code = EXIT_ERROR;
          g_main_loop_quit (driver->loop);
          return;
        }
      driver->start_id = g_timeout_add (200, start_again_cb, driver);
      return;
    }
  g_printerr ("engine-driver: started %s\n", drso_execution_get_execution_id (execution));
}

static void
start_drill (Driver *driver)
{
  driver->n_start_tries++;
  drso_engine_start_execution_async (driver->engine, driver->plan_name,
                                     DRSO_EXECUTION_TYPE_DRILL, NULL, started_cb, driver);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Driver *driver = user_data;

  driver->timeout_id = 0;
  g_printerr ("engine-driver: timed out, the execution did not finish\n");
  driver->exit_code = EXIT_ERROR;
  g_main_loop_quit (driver->loop);
  return G_SOURCE_REMOVE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The Sandbox account's servers whose replication is healthy, in id order. */
static GPtrArray *
healthy_servers (DrsoStore *store)
{
  GListModel *servers = drso_store_get_source_servers (store);
  GPtrArray *healthy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) == 0 &&
          g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") == 0)
        g_ptr_array_add (healthy, g_strdup (drso_source_server_get_source_server_id (server)));
    }
  g_ptr_array_sort (healthy, compare_ids);
  return healthy;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
discover (DrsoStore     *store,
          DrsoAwsClient *client,
          guint         *n_found,
          GError       **error)
{
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  discovery = drso_discovery_new (store, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION, client);
  drso_discovery_run_async (discovery, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return drso_discovery_run_finish (discovery, result, n_found, error);
}

static int
set_up (DrsoStore     *store,
        DrsoAwsClient *client,
        const char    *plan_name,
        guint          n_waves,
        guint          per_wave)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  guint n_found = 0;

  plan = drso_store_lookup_recovery_plan (store, plan_name, NULL);
  if (plan != NULL)
    {
      g_print ("%s 0 %u\n", drso_recovery_plan_get_plan_id (plan), n_waves * per_wave);
      return EXIT_COMPLETED;
    }

  for (guint attempt = 1; !discover (store, client, &n_found, &error); attempt++)
    {
      g_printerr ("engine-driver: discovery %u: %s\n", attempt, error->message);
      if (attempt == MAX_START_TRIES)
        return EXIT_ERROR;
      g_clear_error (&error);
      g_usleep (100 * 1000);
    }

  servers = healthy_servers (store);
  if (servers->len < n_waves * per_wave)
    {
      g_printerr ("engine-driver: %u healthy servers, %u needed\n", servers->len,
                  n_waves * per_wave);
      return EXIT_ERROR;
    }

  plan = drso_recovery_plan_new (plan_name);
  for (guint w = 0; w < n_waves; w++)
    {
      g_autofree char *group_name = g_strdup_printf ("%s wave %u", plan_name, w + 1);
      g_autofree char *wave_name = g_strdup_printf ("Wave %u", w + 1);
      g_autoptr(DrsoProtectionGroup) group = NULL;
      g_autoptr(DrsoWave) wave = NULL;

      /* Left by a setup that died before its plan was made. */
      group = drso_store_lookup_protection_group (store, group_name, NULL);
      if (group != NULL &&
          !drso_store_delete_protection_group (store, drso_protection_group_get_group_id (group),
                                               &error))
        {
          g_printerr ("engine-driver: deleting %s: %s\n", group_name, error->message);
          return EXIT_ERROR;
        }
      g_clear_object (&group);

      group = drso_protection_group_new (group_name, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
      for (guint s = 0; s < per_wave; s++)
        drso_protection_group_add_server_id (group,
                                             g_ptr_array_index (servers, w * per_wave + s));
      if (!drso_store_create_protection_group (store, group, &error))
        {
          g_printerr ("engine-driver: creating %s: %s\n", group_name, error->message);
          return EXIT_ERROR;
        }
      wave = drso_wave_new (wave_name);
      drso_wave_add_protection_group_id (wave, drso_protection_group_get_group_id (group));
      drso_wave_set_pause_before_wave (wave, w > 0);
      drso_recovery_plan_append_wave (plan, wave);
    }
  if (!drso_store_create_recovery_plan (store, plan, &error))
    {
      g_printerr ("engine-driver: creating the plan: %s\n", error->message);
      return EXIT_ERROR;
    }
  g_print ("%s %u %u\n", drso_recovery_plan_get_plan_id (plan), n_found, n_waves * per_wave);
  return EXIT_COMPLETED;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DrsoAwsClient) client = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean setup = FALSE;
  int kill_after_saves = 0, kill_at_intent = -1, timeout = 600, n_waves = 5, per_wave = 12;
  int drill = 1;
  double poll_min = 0.02, poll_max = 0.2, arm_after = 0.0;
  Driver driver = { 0 };
  GListModel *executions;
  guint n_adopted, n_executions;
  GOptionEntry entries[] = {
    { "setup", 0, 0, G_OPTION_ARG_NONE, &setup, "Discover and create the plan, then exit", NULL },
    { "waves", 0, 0, G_OPTION_ARG_INT, &n_waves, "Waves of the plan (--setup; 5)", "N" },
    { "per-wave", 0, 0, G_OPTION_ARG_INT, &per_wave, "Servers per wave (--setup; 12)", "N" },
    { "drill", 0, 0, G_OPTION_ARG_INT, &drill, "Drive the store's N-th drill (1)", "N" },
    { "kill-after-saves", 0, 0, G_OPTION_ARG_INT, &kill_after_saves,
      "SIGKILL itself right after the N-th saved change of the execution", "N" },
    { "kill-at-intent", 0, 0, G_OPTION_ARG_INT, &kill_at_intent,
      "SIGKILL itself MS milliseconds after a launch intent was saved (0: at once)", "MS" },
    { "arm-after", 0, 0, G_OPTION_ARG_DOUBLE, &arm_after,
      "Arm --kill-after-saves and --kill-at-intent S seconds after the start", "S" },
    { "poll-min", 0, 0, G_OPTION_ARG_DOUBLE, &poll_min, "The engine's poll-min-interval", "S" },
    { "poll-max", 0, 0, G_OPTION_ARG_DOUBLE, &poll_max, "The engine's poll-max-interval", "S" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Give up after S seconds (600)", "S" },
    { NULL }
  };

  context = g_option_context_new ("DATA_DIR SANDBOX_URL PLAN_NAME");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 4 ||
      n_waves < 1 || per_wave < 1 || kill_after_saves < 0 || timeout < 1 || arm_after < 0 ||
      (!setup && drill < 1))
    {
      g_printerr ("engine-driver: %s\n",
                  error ? error->message : "usage: engine-driver [--setup | --drill N] [OPTION…] "
                                           "DATA_DIR SANDBOX_URL PLAN_NAME");
      return EXIT_ERROR;
    }

  path = g_build_filename (argv[1], "store.db", NULL);
  store = drso_store_new (path, &error);
  if (store == NULL)
    {
      g_printerr ("engine-driver: opening %s: %s\n", path, error->message);
      return EXIT_ERROR;
    }
  client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (client, 0.001);
  drso_aws_client_set_sandbox_url (client, argv[2]);

  if (setup)
    return set_up (store, client, argv[3], (guint) n_waves, (guint) per_wave);

  engine = drso_engine_new (store, client);
  g_object_set (engine, "poll-min-interval", poll_min, "poll-max-interval", poll_max, NULL);
  loop = g_main_loop_new (NULL, FALSE);
  driver.loop = loop;
  driver.engine = engine;
  driver.store = store;
  driver.plan_name = argv[3];
  driver.exit_code = EXIT_NOT_DONE;
  driver.kill_after_saves = (guint) kill_after_saves;
  driver.kill_at_intent = kill_at_intent;
  driver.armed_at = g_get_monotonic_time () + (gint64) (arm_after * G_USEC_PER_SEC);
  g_signal_connect (engine, "paused", G_CALLBACK (paused_cb), &driver);
  g_signal_connect (engine, "execution-changed", G_CALLBACK (changed_cb), &driver);
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), &driver);
  g_printerr ("engine-driver: pid %d, owner %s, drill %d\n", (int) getpid (),
              drso_engine_get_owner (engine), drill);

  n_adopted = drso_engine_adopt (engine, &error);
  if (error != NULL)
    {
      g_printerr ("engine-driver: adopting: %s\n", error->message);
      return EXIT_ERROR;
    }

  executions = drso_store_get_executions (store);
  n_executions = g_list_model_get_n_items (executions);
  if (n_adopted > 0)
    {
      g_printerr ("engine-driver: adopted %u executions\n", n_adopted);
      /* Adopted while paused: the engine waits, this driver resumes. */
      schedule_resume (&driver);
    }
  else if (n_executions + 1 == (guint) drill)
    {
      /* Unless an execution nobody adopted is still running elsewhere. */
      for (guint i = 0; i < n_executions; i++)
        {
          g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);

          if (!drso_execution_status_is_final (drso_execution_get_status (execution)))
            {
              g_printerr ("engine-driver: %s is unfinished and driven by another process\n",
                          drso_execution_get_execution_id (execution));
              return EXIT_LEASED;
            }
        }
      start_drill (&driver);
    }
  else if (n_executions == (guint) drill)
    {
      /* Newest first: the N-th drill ended before this process began. */
      g_autoptr(DrsoExecution) newest = g_list_model_get_item (executions, 0);
      DrsoExecutionStatus status = drso_execution_get_status (newest);

      if (!drso_execution_status_is_final (status))
        {
          g_printerr ("engine-driver: %s is unfinished and driven by another process\n",
                      drso_execution_get_execution_id (newest));
          return EXIT_LEASED;
        }
      g_printerr ("engine-driver: %s had finished %s\n", drso_execution_get_execution_id (newest),
                  drso_execution_status_to_string (status));
      if (status != DRSO_EXECUTION_STATUS_COMPLETED)
        return EXIT_NOT_DONE;
      g_print ("%s\n", drso_execution_get_execution_id (newest));
      return EXIT_COMPLETED;
    }
  else
    {
      g_printerr ("engine-driver: the store holds %u executions: drill %d is not next\n",
                  n_executions, drill);
      return EXIT_ERROR;
    }

  driver.timeout_id = g_timeout_add_seconds ((guint) timeout, timeout_cb, &driver);
  if (!driver.finished)
    g_main_loop_run (loop);
  g_clear_handle_id (&driver.timeout_id, g_source_remove);
  g_clear_handle_id (&driver.resume_id, g_source_remove);
  g_clear_handle_id (&driver.start_id, g_source_remove);

  if (driver.exit_code == EXIT_COMPLETED)
    g_print ("%s\n", driver.execution_id);
  g_free (driver.execution_id);
  return driver.exit_code;
}
