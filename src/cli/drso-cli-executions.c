/* drso-cli-executions.c
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

#include <glib/gi18n.h>

#include "drso-cli.h"

/* drso executions list|show|events|delete: reading the history. Starting
 * and controlling executions is in drso-cli-run.c. */

/* An execution id, or the start of one that no other id shares. */
char *
drso_cli_resolve_execution (DrsoStore   *store,
                            const char  *text,
                            GError     **error)
{
  GListModel *executions = drso_store_get_executions (store);
  g_autoptr(DrsoExecution) exact = drso_store_lookup_execution (store, text, NULL);
  g_autofree char *found = NULL;
  guint n_found = 0;

  if (exact != NULL)
    return g_strdup (drso_execution_get_execution_id (exact));

  for (guint i = 0; text[0] != '\0' && i < g_list_model_get_n_items (executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);
      const char *id = drso_execution_get_execution_id (execution);

      if (g_str_has_prefix (id, text) ||
          (g_str_has_prefix (id, "exec-") && g_str_has_prefix (id + 5, text)))
        {
          n_found++;
          g_free (found);
          found = g_strdup (id);
        }
    }

  if (n_found == 1)
    return g_steal_pointer (&found);
  if (n_found > 1)
    /* TRANSLATORS: %s is what the user typed, %u how many executions it matches */
    g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
                 _("“%s” is the start of %u execution ids: give more of it"), text, n_found);
  else
    g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
                 _("There is no execution “%s” (see drso executions list)"), text);
  return NULL;
}

static char *
format_duration (gint64 seconds)
{
  if (seconds <= 0)
    return g_strdup ("—");
  if (seconds < 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                          (int) (seconds / 60 % 60), (int) (seconds % 60));
}

static char *
format_time_or_dash (gint64 seconds)
{
  char *text = drso_cli_format_time (seconds);

  return text != NULL ? text : g_strdup ("—");
}

/* The time an execution has run: to its end, or to now. */
static gint64
elapsed (DrsoExecution *execution)
{
  gint64 start = drso_execution_get_start_time (execution);
  gint64 end = drso_execution_get_end_time (execution);

  if (start <= 0)
    return 0;
  return (end > 0 ? end : g_get_real_time () / G_USEC_PER_SEC) - start;
}

static void
add_execution_row (GPtrArray     *rows,
                   DrsoExecution *execution)
{
  g_autofree char *wave = g_strdup_printf ("%u/%u", drso_execution_get_current_wave (execution),
                                           drso_execution_get_total_waves (execution));
  g_autofree char *started = format_time_or_dash (drso_execution_get_start_time (execution));
  g_autofree char *duration = format_duration (elapsed (execution));

  drso_cli_add_row (rows, drso_execution_get_execution_id (execution),
                    drso_execution_get_plan_name (execution),
                    drso_execution_type_to_string (drso_execution_get_execution_type (execution)),
                    drso_execution_status_to_string (drso_execution_get_status (execution)),
                    wave, started, duration, NULL);
}

int
drso_cli_executions_list (DrsoCli  *cli,
                          int       argc,
                          char    **argv)
{
  g_autofree char *plan_text = NULL, *status_text = NULL;
  int limit = 0;
  GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_text, N_("Only the executions of this plan"),
      N_("PLAN") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_("Only executions in this state (RUNNING, PAUSED, COMPLETED, FAILED, CANCELLED…)"),
      N_("STATUS") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many, the newest first"),
      N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  DrsoExecutionStatus status = 0;
  GListModel *executions;
  DrsoStore *store;
  guint n_shown = 0;
  int exit_code;

  json_node_take_array (node, array);
  if (!drso_cli_parse (entries, "", &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return drso_cli_usage (_("drso executions list takes no arguments; filter with --plan "
                             "or --status"));
  if (limit < 0)
    return drso_cli_usage (_("--limit must be a positive number"));
  if (status_text != NULL)
    {
      g_autofree char *upper = g_ascii_strup (status_text, -1);

      if (!drso_execution_status_from_string (upper, &status))
        return drso_cli_usage (_("Unknown status “%s”: use PENDING, RUNNING, PAUSED, "
                                 "COMPLETED, FAILED or CANCELLED"), status_text);
    }

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  if (plan_text != NULL &&
      (plan = drso_store_lookup_recovery_plan (store, plan_text, &error)) == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_TABLE)
    g_ptr_array_add (rows, g_strdupv ((char *[]) { _("ID"), _("PLAN"), _("TYPE"), _("STATUS"),
                                                    _("WAVE"), _("STARTED"), _("DURATION"),
                                                    NULL }));

  /* The store lists the newest first. */
  executions = drso_store_get_executions (store);
  for (guint i = 0; i < g_list_model_get_n_items (executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);

      if (plan != NULL && g_strcmp0 (drso_execution_get_plan_id (execution),
                                     drso_recovery_plan_get_plan_id (plan)) != 0)
        continue;
      if (status_text != NULL && drso_execution_get_status (execution) != status)
        continue;
      if (limit > 0 && n_shown == (guint) limit)
        break;
      n_shown++;
      if (cli->output == DRSO_OUTPUT_JSON)
        json_array_add_element (array, drso_execution_to_json (execution));
      else
        add_execution_row (rows, execution);
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  else
    drso_cli_print_table (rows);
  return DRSO_EXIT_OK;
}

static char *
count_text (guint done,
            guint total)
{
  return g_strdup_printf ("%u/%u", done, total);
}

/* A person's view of an execution: its summary, its waves, its servers. */
void
drso_cli_print_execution (DrsoCli       *cli,
                          DrsoExecution *execution)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *started = format_time_or_dash (drso_execution_get_start_time (execution));
  g_autofree char *ended = format_time_or_dash (drso_execution_get_end_time (execution));
  g_autofree char *duration = format_duration (elapsed (execution));
  const char * const *errors = drso_execution_get_errors (execution);
  const char * const *warnings = drso_execution_get_warnings (execution);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = drso_execution_to_json (execution);

      drso_cli_print_json (node);
      return;
    }

  drso_cli_add_row (rows, _("Execution"), drso_execution_get_execution_id (execution), NULL);
  drso_cli_add_row (rows, _("Plan"), drso_execution_get_plan_name (execution), NULL);
  drso_cli_add_row (rows, _("Type"),
                    drso_execution_type_to_string (drso_execution_get_execution_type (execution)),
                    NULL);
  drso_cli_add_row (rows, _("Status"),
                    drso_execution_status_to_string (drso_execution_get_status (execution)), NULL);
  drso_cli_add_row (rows, _("Started"), started, NULL);
  drso_cli_add_row (rows, _("Ended"), ended, NULL);
  drso_cli_add_row (rows, _("Duration"), duration, NULL);
  drso_cli_add_row (rows, _("Started by"), drso_execution_get_initiated_by (execution), NULL);
  drso_cli_add_row (rows, _("Instances terminated"),
                    drso_execution_get_instances_terminated (execution) ? _("yes") : _("no"), NULL);
  for (guint i = 0; errors != NULL && errors[i] != NULL; i++)
    drso_cli_add_row (rows, _("Error"), errors[i], NULL);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    drso_cli_add_row (rows, _("Warning"), warnings[i], NULL);
  drso_cli_print_table (rows);
  g_print ("\n");

  g_ptr_array_set_size (rows, 0);
  if (cli->output == DRSO_OUTPUT_TABLE)
    {
      g_ptr_array_add (rows, g_strdupv ((char *[]) { _("WAVE"), _("NAME"), _("STATUS"),
                                                      _("RECOVERED"), _("DURATION"), NULL }));
      g_ptr_array_add (servers, g_strdupv ((char *[]) { _("WAVE"), _("SERVER"), _("HOSTNAME"),
                                                         _("STATUS"), _("INSTANCE"), _("HEALTH"),
                                                         _("JOB"), NULL }));
    }
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      GListModel *wave_servers = drso_wave_run_get_servers (wave);
      g_autofree char *number = g_strdup_printf ("%u", drso_wave_run_get_wave_number (wave));
      g_autofree char *recovered = count_text (drso_wave_run_get_servers_recovered (wave),
                                               g_list_model_get_n_items (wave_servers));
      g_autofree char *wave_duration = format_duration (drso_wave_run_get_duration (wave));

      drso_cli_add_row (rows, number, drso_wave_run_get_wave_name (wave),
                        drso_wave_status_to_string (drso_wave_run_get_status (wave)), recovered,
                        wave_duration, NULL);
      for (guint j = 0; j < g_list_model_get_n_items (wave_servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (wave_servers, j);
          const char *instance = drso_server_run_get_ec2_instance_id (server);
          const char *health = drso_server_run_get_health (server);
          const char *job = drso_server_run_get_job_id (server);

          drso_cli_add_row (servers, number, drso_server_run_get_server_id (server),
                            drso_server_run_get_hostname (server) ?
                              drso_server_run_get_hostname (server) : "—",
                            drso_launch_status_to_string (drso_server_run_get_status (server)),
                            instance ? instance : "—", health ? health : "—", job ? job : "—",
                            NULL);
        }
    }
  drso_cli_print_table (rows);
  g_print ("\n");
  drso_cli_print_table (servers);
}

int
drso_cli_executions_show (DrsoCli  *cli,
                          int       argc,
                          char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autofree char *id = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "EXECUTION", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one execution by its id (see drso executions list)"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (id = drso_cli_resolve_execution (store, argv[1], &error)) == NULL ||
      (execution = drso_store_lookup_execution (store, id, &error)) == NULL)
    return drso_cli_fail (error);
  drso_cli_print_execution (cli, execution);
  return DRSO_EXIT_OK;
}

int
drso_cli_executions_events (DrsoCli  *cli,
                            int       argc,
                            char    **argv)
{
  gint64 after = 0;
  GOptionEntry entries[] = {
    { "after", 0, 0, G_OPTION_ARG_INT64, &after,
      N_("Only the events after this event id (to read a log as it grows)"), N_("EVENT-ID") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *id = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "EXECUTION", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one execution by its id (see drso executions list)"));
  if (after < 0)
    return drso_cli_usage (_("--after takes an event id, 0 or more"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (id = drso_cli_resolve_execution (store, argv[1], &error)) == NULL ||
      (events = drso_store_list_events (store, id, after, &error)) == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < events->len; i++)
        json_array_add_element (array, drso_execution_event_to_json (g_ptr_array_index (events, i)));
      json_node_take_array (node, array);
      drso_cli_print_json (node);
      return DRSO_EXIT_OK;
    }

  if (cli->output == DRSO_OUTPUT_TABLE)
    g_ptr_array_add (rows, g_strdupv ((char *[]) { _("ID"), _("TIME"), _("WAVE"), _("KIND"),
                                                    _("SERVER"), _("MESSAGE"), NULL }));
  for (guint i = 0; i < events->len; i++)
    {
      DrsoExecutionEvent *event = g_ptr_array_index (events, i);
      g_autofree char *event_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   drso_execution_event_get_event_id (event));
      g_autofree char *time =
        format_time_or_dash (drso_execution_event_get_time (event) / G_USEC_PER_SEC);
      g_autofree char *wave = drso_execution_event_get_wave_number (event) > 0
        ? g_strdup_printf ("%u", drso_execution_event_get_wave_number (event)) : g_strdup ("—");
      const char *server = drso_execution_event_get_server_id (event);

      drso_cli_add_row (rows, event_id, time, wave,
                        drso_event_kind_to_string (drso_execution_event_get_kind (event)),
                        server ? server : "—", drso_execution_event_get_message (event), NULL);
    }
  drso_cli_print_table (rows);
  return DRSO_EXIT_OK;
}

/* A drill whose instances still run: deleting it would lose track of them. */
static gboolean
has_instances_left (DrsoExecution *execution)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);

  if (drso_execution_get_execution_type (execution) != DRSO_EXECUTION_TYPE_DRILL ||
      drso_execution_get_instances_terminated (execution))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave);

      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

          if (drso_server_run_get_recovery_instance_id (server) != NULL ||
              drso_server_run_get_ec2_instance_id (server) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

int
drso_cli_executions_delete (DrsoCli  *cli,
                            int       argc,
                            char    **argv)
{
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Delete a drill even though the instances it launched still run"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  DrsoStore *store;
  int status;

  json_node_take_array (node, array);
  if (!drso_cli_parse (entries, "EXECUTION… [--force]", &argc, &argv, &status))
    return status;
  if (argc < 2)
    return drso_cli_usage (_("Name the executions to delete by their ids (see drso executions "
                             "list)"));

  /* Every one is checked before any is deleted; the role first, so that a
   * role that may not delete hears so whatever the executions' state. */
  store = drso_cli_get_store (cli, &error);
  if (store == NULL || !drso_store_check_permission (store, DRSO_PERMISSION_MANAGE_EXECUTION, &error))
    return drso_cli_fail (error);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(DrsoExecution) execution = NULL;
      g_autofree char *id = drso_cli_resolve_execution (store, argv[i], &error);

      if (id == NULL || (execution = drso_store_lookup_execution (store, id, &error)) == NULL)
        return drso_cli_fail (error);
      if (!drso_execution_status_is_final (drso_execution_get_status (execution)))
        {
          g_printerr (_("drso: The execution %s has not ended: cancel it, or wait for it to end, "
                        "before deleting it\n"), id);
          return DRSO_EXIT_CONFLICT;
        }
      if (!force && has_instances_left (execution))
        {
          g_printerr (_("drso: The drill %s launched instances that still run: terminate them "
                        "first (drso executions terminate-instances %s), or delete it with "
                        "--force\n"), id, id);
          return DRSO_EXIT_CONFLICT;
        }
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      JsonObject *object = json_object_new ();

      if (!drso_store_delete_execution (store, id, &error))
        return drso_cli_fail (error);
      json_object_set_string_member (object, "executionId", id);
      json_object_set_boolean_member (object, "deleted", TRUE);
      json_array_add_object_element (array, object);
    }

  if (ids->len == 1)
    drso_cli_print_gone (cli, "executionId", g_ptr_array_index (ids, 0), "deleted",
                         _("Deleted the execution and its events."));
  else if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  else
    g_print (g_dngettext (NULL, "Deleted %u execution and its events.\n",
                          "Deleted %u executions and their events.\n", ids->len), ids->len);
  return DRSO_EXIT_OK;
}
