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

/* The engine as its own process, for test-engine-crash.py, which SIGKILLs
 * it at random points and starts it again:
 *
 *   engine-driver --setup DATA_DIR SANDBOX_URL PLAN_NAME
 *     discovers the Sandbox account's servers into DATA_DIR/store.db and
 *     makes one protection group per wave and a plan of those waves (every
 *     wave after the first pauses before it);
 *
 *   engine-driver DATA_DIR SANDBOX_URL PLAN_NAME
 *     adopts the unfinished executions of the store; if the store has never
 *     had an execution, starts the plan as a drill. A paused execution is
 *     resumed at once. Exits 0 printing the execution id when it finishes
 *     COMPLETED, 1 when it finishes otherwise, 2 on a setup error or when
 *     --timeout passes, 3 when another live process drives it.
 *
 * Leases: a restarted driver is a new process with a new owner; the engine
 * takes over the lease of the killed one at once, since its process is gone
 * (drso_engine_adopt does; the test checks that it never waits the
 * 30 s of DRSO_STORE_LEASE_TIMEOUT_SECONDS).
 *
 * --kill-after-saves N raises SIGKILL in the N-th execution-changed signal,
 * emitted right after the engine committed a change of the execution and
 * before it acts on it (sends the StartRecovery it stored the intent of,
 * appends the event of the transition it saved): crash points at every
 * step, not only where a timer happens to fall. --kill-at-intent MS raises
 * it MS milliseconds after a launch intent was saved (0: before the
 * StartRecovery is sent; a few: after it went out, its answer maybe not
 * saved yet). */

#define EXIT_COMPLETED  0
#define EXIT_NOT_DONE   1
#define EXIT_ERROR      2
#define EXIT_LEASED     3

typedef struct
{
  GMainLoop  *loop;
  DrsoEngine *engine;
  DrsoStore  *store;
  char       *execution_id;  /* the one that finished */
  int         exit_code;
  gboolean    finished;        /* execution-finished was told */
  guint       kill_after_saves;
  guint       n_saves;
  guint       resume_id;
  guint       timeout_id;
  int         kill_at_intent;   /* ms after an intent is saved, or -1 */
} Driver;

static gboolean
kill_cb (gpointer user_data)
{
  g_printerr ("engine-driver: SIGKILL %d ms after an intent was saved\n",
              GPOINTER_TO_INT (user_data));
  raise (SIGKILL);
  return G_SOURCE_REMOVE;
}

/* Whether the current wave of the stored execution has a launch asked for
 * whose answer is not in: saved, and StartRecovery not sent yet. */
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
      /* After StartRecovery went out, before its answer is saved (or not). */
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
  g_main_loop_quit (driver->loop);
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
      g_printerr ("engine-driver: starting the drill: %s\n", error->message);
      driver->exit_code = EXIT_ERROR;
      g_main_loop_quit (driver->loop);
      return;
    }
  g_printerr ("engine-driver: started %s\n", drso_execution_get_execution_id (execution));
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

static int
set_up (DrsoStore     *store,
        DrsoAwsClient *client,
        const char    *plan_name,
        guint          n_waves,
        guint          per_wave)
{
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  guint n_found = 0;

  discovery = drso_discovery_new (store, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION, client);
  drso_discovery_run_async (discovery, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!drso_discovery_run_finish (discovery, result, &n_found, &error))
    {
      g_printerr ("engine-driver: discovery: %s\n", error->message);
      return EXIT_ERROR;
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

/* The newest stored execution's status when nothing is left to drive: a
 * driver killed between saving the end and exiting comes back here. */
static int
finished_already (Driver *driver)
{
  GListModel *executions = drso_store_get_executions (driver->store);
  guint n = g_list_model_get_n_items (executions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);
      DrsoExecutionStatus status = drso_execution_get_status (execution);

      if (!drso_execution_status_is_final (status))
        {
          g_printerr ("engine-driver: %s is unfinished and driven by another process\n",
                      drso_execution_get_execution_id (execution));
          return EXIT_LEASED;
        }
      g_free (driver->execution_id);
      driver->execution_id = g_strdup (drso_execution_get_execution_id (execution));
      driver->exit_code = status == DRSO_EXECUTION_STATUS_COMPLETED ? EXIT_COMPLETED
                                                                    : EXIT_NOT_DONE;
    }
  return driver->exit_code;
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
  int kill_after_saves = 0, kill_at_intent = -1, timeout = 300, n_waves = 3, per_wave = 5;
  double poll_min = 0.02, poll_max = 0.2;
  Driver driver = { 0 };
  guint n_adopted;
  GOptionEntry entries[] = {
    { "setup", 0, 0, G_OPTION_ARG_NONE, &setup, "Discover and create the plan, then exit", NULL },
    { "waves", 0, 0, G_OPTION_ARG_INT, &n_waves, "Waves of the plan (--setup)", "N" },
    { "per-wave", 0, 0, G_OPTION_ARG_INT, &per_wave, "Servers per wave (--setup)", "N" },
    { "kill-after-saves", 0, 0, G_OPTION_ARG_INT, &kill_after_saves,
      "SIGKILL itself right after the N-th saved change of the execution", "N" },
    { "kill-at-intent", 0, 0, G_OPTION_ARG_INT, &kill_at_intent,
      "SIGKILL itself MS milliseconds after a launch intent was saved (0: at once)", "MS" },
    { "poll-min", 0, 0, G_OPTION_ARG_DOUBLE, &poll_min, "The engine's poll-min-interval", "S" },
    { "poll-max", 0, 0, G_OPTION_ARG_DOUBLE, &poll_max, "The engine's poll-max-interval", "S" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Give up after S seconds (300)", "S" },
    { NULL }
  };

  context = g_option_context_new ("DATA_DIR SANDBOX_URL PLAN_NAME");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 4 ||
      n_waves < 1 || per_wave < 1 || kill_after_saves < 0 || timeout < 1)
    {
      g_printerr ("engine-driver: %s\n",
                  error ? error->message : "usage: engine-driver [OPTION…] DATA_DIR SANDBOX_URL "
                                           "PLAN_NAME");
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
  driver.exit_code = EXIT_NOT_DONE;
  driver.kill_after_saves = (guint) kill_after_saves;
  driver.kill_at_intent = kill_at_intent;
  g_signal_connect (engine, "paused", G_CALLBACK (paused_cb), &driver);
  g_signal_connect (engine, "execution-changed", G_CALLBACK (changed_cb), &driver);
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), &driver);
  g_printerr ("engine-driver: pid %d, owner %s\n", (int) getpid (),
              drso_engine_get_owner (engine));

  n_adopted = drso_engine_adopt (engine, &error);
  if (error != NULL)
    {
      g_printerr ("engine-driver: adopting: %s\n", error->message);
      return EXIT_ERROR;
    }
  if (n_adopted > 0)
    {
      g_printerr ("engine-driver: adopted %u executions\n", n_adopted);
      /* Adopted while paused: the engine waits, this driver resumes. */
      schedule_resume (&driver);
    }
  else if (g_list_model_get_n_items (drso_store_get_executions (store)) == 0)
    drso_engine_start_execution_async (engine, argv[3], DRSO_EXECUTION_TYPE_DRILL, NULL,
                                       started_cb, &driver);
  else
    {
      int code = finished_already (&driver);

      if (code == EXIT_COMPLETED)
        g_print ("%s\n", driver.execution_id);
      g_free (driver.execution_id);
      return code;
    }

  driver.timeout_id = g_timeout_add_seconds ((guint) timeout, timeout_cb, &driver);
  /* An adopted execution whose last wave had ended finishes inside
   * drso_engine_adopt(), before the loop runs: its quit would be lost. */
  if (!driver.finished)
    g_main_loop_run (loop);
  g_clear_handle_id (&driver.timeout_id, g_source_remove);
  g_clear_handle_id (&driver.resume_id, g_source_remove);

  if (driver.exit_code == EXIT_COMPLETED)
    g_print ("%s\n", driver.execution_id);
  g_free (driver.execution_id);
  return driver.exit_code;
}
