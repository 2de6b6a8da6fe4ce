/* drso-cli-run.c
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

#define G_LOG_DOMAIN "drso-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "drso-cli.h"

/* drso executions start|drive|pause|resume|cancel|retry|skip-wave|
 * terminate-instances.
 *
 * An execution needs a process to drive it. `start --wait` drives it here
 * and shows its progress; plain `start` starts it, then hands it to a
 * background process (`drso executions drive ID --quiet`, in a session of
 * its own, its messages appended to driver.log in the data folder), which
 * ends when the execution does. A control goes to whichever process drives
 * the execution (drso_engine_request_async()); if none does, it is applied
 * here and the execution handed to a background driver in the same way. */

/* An engine with the polling bounds the settings give, as the app's. */
static DrsoEngine *
new_engine (DrsoStore *store)
{
  DrsoEngine *engine = drso_engine_new (store, drso_aws_client_get_default ());
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "io.github.drso.Orchestrator", TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "poll-min-interval"))
    {
      settings = g_settings_new_full (schema, NULL, NULL);
      g_object_set (engine,
                    "poll-min-interval", g_settings_get_double (settings, "poll-min-interval"),
                    "poll-max-interval", g_settings_get_double (settings, "poll-max-interval"),
                    NULL);
    }
  return engine;
}

/* The plan of an execution, with its simulated accounts attached. */
static gboolean
attach_execution (DrsoCli     *cli,
                  DrsoStore   *store,
                  const char  *execution_id,
                  GError     **error)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (store, execution_id, error);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;

  if (execution == NULL)
    return FALSE;
  /* A plan deleted since: the engine fails the execution and says so. */
  plan = drso_store_lookup_recovery_plan (store, drso_execution_get_plan_id (execution), NULL);
  return plan == NULL || drso_cli_attach_plan (cli, plan, error);
}

typedef struct
{
  char *log_path;
} ChildSetup;

/* In the child, between fork and exec: only async-signal-safe calls. */
static void
detach_child (gpointer user_data)
{
  ChildSetup *setup = user_data;
  int fd;

  setsid ();
  fd = open (setup->log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd >= 0)
    {
      dup2 (fd, STDERR_FILENO);
      close (fd);
    }
}

/* Starts `drso executions drive ID --quiet` in the background. */
static gboolean
spawn_driver (DrsoStore   *store,
              const char  *execution_id,
              GError     **error)
{
  g_autofree char *program = g_file_read_link ("/proc/self/exe", error);
  g_autofree char *data_dir = g_path_get_dirname (drso_store_get_path (store));
  ChildSetup setup = { .log_path = g_build_filename (data_dir, "driver.log", NULL) };
  char *argv[] = { program, "executions", "drive", (char *) execution_id, "--quiet", NULL };
  gboolean spawned;

  if (program == NULL)
    return FALSE;
  /* Without G_SPAWN_DO_NOT_REAP_CHILD the driver is not this process's child. */
  spawned = g_spawn_async (NULL, argv, NULL,
                           G_SPAWN_STDIN_FROM_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL,
                           detach_child, &setup, NULL, error);
  g_free (setup.log_path);
  return spawned;
}

/* Gives up the executions @engine drives (the store keeps their state) and
 * starts a background driver for @execution_id. */
static int
hand_over (DrsoStore   *store,
           DrsoEngine **engine,
           const char  *execution_id)
{
  g_autoptr(GError) error = NULL;

  if (!drso_engine_is_driving (*engine, execution_id))
    return DRSO_EXIT_OK;
  g_clear_object (engine);
  if (!spawn_driver (store, execution_id, &error))
    {
      g_prefix_error (&error, _("The execution could not be handed to a background process "
                                "(drso executions drive %s goes on with it): "), execution_id);
      return drso_cli_fail (error);
    }
  return DRSO_EXIT_OK;
}

static int
exit_for (DrsoExecutionStatus status)
{
  return status == DRSO_EXECUTION_STATUS_COMPLETED ? DRSO_EXIT_OK : DRSO_EXIT_FAILED;
}

/* The engine stopped driving the execution before its end (a full disk):
 * say so, and how to go on, and fail. */
static int
stalled (DrsoCliProgress *progress)
{
  g_printerr ("drso: %s\n", drso_cli_progress_get_stall (progress));
  return DRSO_EXIT_FAILED;
}

static int
fail (const GError *error)
{
  /* A control the execution's state does not allow, or an execution
   * another process holds: a conflict with the state of things. */
  if (g_error_matches (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE) ||
      g_error_matches (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED))
    {
      g_printerr ("drso: %s\n", error->message);
      return DRSO_EXIT_CONFLICT;
    }
  return drso_cli_fail (error);
}

/* A real recovery is confirmed by typing the plan's name on a terminal. */
static gboolean
confirm_recovery (DrsoRecoveryPlan *plan)
{
  const char *name = drso_recovery_plan_get_plan_name (plan);
  char line[1024];

  if (!isatty (STDIN_FILENO))
    {
      g_printerr (_("drso: A real recovery launches recovery instances for production: confirm "
                    "it with --yes, or start it on a terminal and type the plan’s name\n"));
      return FALSE;
    }
  /* TRANSLATORS: %s is a recovery plan's name */
  g_printerr (_("This starts a REAL RECOVERY of “%s”, not a drill.\n"
                "Type the plan’s name to go on: "), name);
  if (fgets (line, sizeof line, stdin) == NULL)
    return FALSE;
  g_strstrip (line);
  if (g_strcmp0 (line, name) != 0)
    {
      g_printerr (_("drso: The name did not match: nothing was started\n"));
      return FALSE;
    }
  return TRUE;
}

static void
print_outcome (DrsoCli     *cli,
               DrsoStore   *store,
               const char  *execution_id,
               const char  *sentence)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (store, execution_id, NULL);

  if (cli->output == DRSO_OUTPUT_JSON && execution != NULL)
    {
      g_autoptr(JsonNode) node = drso_execution_to_json (execution);

      drso_cli_print_json (node);
    }
  else if (sentence != NULL)
    g_print ("%s\n", sentence);
  else if (execution != NULL)
    drso_cli_print_execution (cli, execution);
}

int
drso_cli_executions_start (DrsoCli  *cli,
                           int       argc,
                           char    **argv)
{
  gboolean drill = FALSE, recovery = FALSE, wait = FALSE, auto_resume = FALSE, yes = FALSE;
  GOptionEntry entries[] = {
    { "drill", 0, 0, G_OPTION_ARG_NONE, &drill,
      N_("Run a drill: recovery instances that are terminated afterwards"), NULL },
    { "recovery", 0, 0, G_OPTION_ARG_NONE, &recovery, N_("Run a real recovery"), NULL },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &wait,
      N_("Drive the execution here and show its progress until it ends"), NULL },
    { "auto-resume", 0, 0, G_OPTION_ARG_NONE, &auto_resume,
      N_("With --wait: go on at once where the plan pauses"), NULL },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Do not ask for the plan’s name before a real recovery"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoCliProgress) progress = NULL;
  g_autofree char *id = NULL;
  DrsoExecutionStatus status;
  DrsoStore *store;
  int exit_code;

  if (!drso_cli_parse (entries, "PLAN --drill|--recovery [--wait] [--auto-resume] [--yes]",
                       &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return drso_cli_usage (_("Name one recovery plan, by name or id"));
  if (drill == recovery)
    return drso_cli_usage (_("Say what to run: --drill or --recovery"));
  if (auto_resume && !wait)
    return drso_cli_usage (_("--auto-resume goes with --wait"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (plan = drso_store_lookup_recovery_plan (store, argv[1], &error)) == NULL)
    return drso_cli_fail (error);
  if (!drso_store_check_permission (store, DRSO_PERMISSION_EXECUTE_RECOVERY, &error))
    return drso_cli_fail (error);
  if (recovery && !yes && !confirm_recovery (plan))
    return isatty (STDIN_FILENO) ? DRSO_EXIT_FAILED : DRSO_EXIT_USAGE;
  if (!drso_cli_attach_plan (cli, plan, &error))
    return drso_cli_fail (error);

  engine = new_engine (store);
  drso_engine_start_execution_async (engine, drso_recovery_plan_get_plan_id (plan),
                                     recovery ? DRSO_EXECUTION_TYPE_RECOVERY
                                              : DRSO_EXECUTION_TYPE_DRILL,
                                     NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  execution = drso_engine_start_execution_finish (engine, result, &error);
  if (execution == NULL)
    return fail (error);
  id = g_strdup (drso_execution_get_execution_id (execution));

  if (!wait)
    {
      g_autofree char *sentence = NULL;

      exit_code = hand_over (store, &engine, id);
      if (exit_code != DRSO_EXIT_OK)
        return exit_code;
      /* TRANSLATORS: a plan's name, then the execution id twice */
      sentence = g_strdup_printf (_("Started %s of “%s” as %s. It runs in the background; follow "
                                    "it with: drso executions show %s"),
                                  recovery ? _("a recovery") : _("a drill"),
                                  drso_recovery_plan_get_plan_name (plan), id, id);
      print_outcome (cli, store, id, sentence);
      return DRSO_EXIT_OK;
    }

  progress = drso_cli_progress_new (store, engine, id, auto_resume);
  status = drso_cli_progress_run (progress);
  if (drso_cli_progress_get_stall (progress) != NULL)
    return stalled (progress);
  print_outcome (cli, store, id, NULL);
  return exit_for (status);
}

int
drso_cli_executions_drive (DrsoCli  *cli,
                           int       argc,
                           char    **argv)
{
  gboolean quiet = FALSE, auto_resume = FALSE;
  GOptionEntry entries[] = {
    { "auto-resume", 0, 0, G_OPTION_ARG_NONE, &auto_resume,
      N_("Go on at once where the plan pauses"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(DrsoCliProgress) progress = NULL;
  g_autofree char *id = NULL;
  DrsoExecutionStatus status;
  DrsoStore *store;
  int exit_code;

  if (!drso_cli_parse (entries, "EXECUTION [--auto-resume] [--quiet]", &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return drso_cli_usage (_("Name one execution by its id (see drso executions list)"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (id = drso_cli_resolve_execution (store, argv[1], &error)) == NULL ||
      !attach_execution (cli, store, id, &error))
    return drso_cli_fail (error);

  engine = new_engine (store);
  if (!drso_engine_drive (engine, id, &error))
    return fail (error);
  if (quiet)
    g_message ("Driving %s as %s", id, drso_engine_get_owner (engine));
  progress = drso_cli_progress_new (store, engine, id, auto_resume);
  drso_cli_progress_set_quiet (progress, quiet);
  status = drso_cli_progress_run (progress);
  if (drso_cli_progress_get_stall (progress) != NULL)
    return stalled (progress);
  if (quiet)
    g_message ("%s ended: %s", id, drso_execution_status_to_string (status));
  else
    print_outcome (cli, store, id, NULL);
  return exit_for (status);
}

/* pause, resume, cancel, retry, skip-wave */
static int
control (DrsoCli            *cli,
         int                 argc,
         char              **argv,
         DrsoEngineControl   what,
         const char         *done)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *id = NULL;
  DrsoStore *store;
  int exit_code;

  if (!drso_cli_parse (entries, "EXECUTION", &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return drso_cli_usage (_("Name one execution by its id (see drso executions list)"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (id = drso_cli_resolve_execution (store, argv[1], &error)) == NULL ||
      !attach_execution (cli, store, id, &error))
    return drso_cli_fail (error);

  engine = new_engine (store);
  drso_engine_request_async (engine, id, what, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  if (!drso_engine_request_finish (engine, result, &error))
    return fail (error);

  exit_code = hand_over (store, &engine, id);
  if (exit_code != DRSO_EXIT_OK)
    return exit_code;
  print_outcome (cli, store, id, done);
  return DRSO_EXIT_OK;
}

int
drso_cli_executions_pause (DrsoCli *cli, int argc, char **argv)
{
  return control (cli, argc, argv, DRSO_ENGINE_CONTROL_PAUSE,
                  _("The execution pauses before its next wave; the wave under way goes on to "
                    "its end."));
}

int
drso_cli_executions_resume (DrsoCli *cli, int argc, char **argv)
{
  return control (cli, argc, argv, DRSO_ENGINE_CONTROL_RESUME,
                  _("The execution goes on: its next wave starts."));
}

int
drso_cli_executions_cancel (DrsoCli *cli, int argc, char **argv)
{
  return control (cli, argc, argv, DRSO_ENGINE_CONTROL_CANCEL,
                  _("The execution is cancelled: no further wave starts (its events say which "
                    "DRS jobs were already running)."));
}

int
drso_cli_executions_retry (DrsoCli *cli, int argc, char **argv)
{
  return control (cli, argc, argv, DRSO_ENGINE_CONTROL_RETRY_WAVE,
                  _("The execution retries the servers of its failed wave."));
}

int
drso_cli_executions_skip_wave (DrsoCli *cli, int argc, char **argv)
{
  return control (cli, argc, argv, DRSO_ENGINE_CONTROL_SKIP_WAVE,
                  _("The execution skips its failed wave and goes on with the next."));
}

int
drso_cli_executions_terminate (DrsoCli  *cli,
                               int       argc,
                               char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sentence = NULL;
  guint n_terminated = 0;
  DrsoStore *store;
  int exit_code;

  if (!drso_cli_parse (entries, "EXECUTION", &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 2)
    return drso_cli_usage (_("Name one execution by its id (see drso executions list)"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (id = drso_cli_resolve_execution (store, argv[1], &error)) == NULL ||
      !attach_execution (cli, store, id, &error))
    return drso_cli_fail (error);

  engine = new_engine (store);
  drso_engine_terminate_instances_async (engine, id, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  if (!drso_engine_terminate_instances_finish (engine, result, &n_terminated, &error))
    return fail (error);

  sentence = g_strdup_printf (g_dngettext (NULL, "Terminated %u recovery instance of %s.",
                                           "Terminated %u recovery instances of %s.",
                                           n_terminated),
                              n_terminated, id);
  print_outcome (cli, store, id, sentence);
  return DRSO_EXIT_OK;
}
