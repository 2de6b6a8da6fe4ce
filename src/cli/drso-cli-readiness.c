/* drso-cli-readiness.c
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
#include "drso-readiness.h"

/* drso plans readiness: the readiness check of a plan, as a pipeline reads
 * it (exit 1 on no-go) and as a person does. */

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
print_report (DrsoReadinessReport *report,
              DrsoOutput           output)
{
  GListModel *findings = drso_readiness_report_get_findings (report);
  guint64 rto = drso_readiness_report_get_predicted_rto (report);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (output == DRSO_OUTPUT_TABLE)
    g_ptr_array_add (rows, g_strdupv ((char *[]) { _("SEVERITY"), _("WAVE"), _("RULE"),
                                                    _("FINDING"), NULL }));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *wave = drso_readiness_finding_get_wave_number (finding) > 0
        ? g_strdup_printf ("%u", drso_readiness_finding_get_wave_number (finding))
        : g_strdup ("—");

      g_ptr_array_add (rows, g_strdupv ((char *[]) {
        (char *) drso_readiness_severity_to_string (drso_readiness_finding_get_severity (finding)),
        wave, (char *) drso_readiness_finding_get_rule (finding),
        (char *) drso_readiness_finding_get_message (finding), NULL }));
    }
  drso_cli_print_table (rows);

  g_print (_("Verdict: %s. Predicted recovery time: %llu min %02u s.\n"),
           drso_readiness_verdict_to_string (drso_readiness_report_get_verdict (report)),
           (unsigned long long) (rto / 60), (guint) (rto % 60));
}

int
drso_cli_plans_readiness (DrsoCli  *cli,
                          int       argc,
                          char    **argv)
{
  gboolean recovery = FALSE;
  GOptionEntry entries[] = {
    { "recovery", 0, 0, G_OPTION_ARG_NONE, &recovery,
      N_("Check for a real recovery rather than a drill (an instance already running "
         "blocks it)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoReadiness) readiness = NULL;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "PLAN", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one recovery plan, by name or id"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  plan = drso_store_lookup_recovery_plan (store, argv[1], &error);
  if (plan == NULL || !drso_cli_attach_plan (cli, plan, &error))
    return drso_cli_fail (error);

  readiness = drso_readiness_new (store, drso_recovery_plan_get_plan_id (plan), NULL);
  drso_readiness_set_execution_type (readiness, recovery ? DRSO_EXECUTION_TYPE_RECOVERY
                                                         : DRSO_EXECUTION_TYPE_DRILL);
  drso_readiness_check_async (readiness, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = drso_readiness_check_finish (readiness, result, &error);
  if (report == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = drso_readiness_report_to_json (report);

      drso_cli_print_json (node);
    }
  else
    print_report (report, cli->output);

  if (drso_readiness_report_get_verdict (report) == DRSO_READINESS_VERDICT_NO_GO)
    {
      guint n = drso_readiness_report_count (report, DRSO_READINESS_SEVERITY_BLOCKER);

      g_printerr (g_dngettext (NULL, "drso: %s is not ready: %u blocking finding\n",
                               "drso: %s is not ready: %u blocking findings\n", n),
                  drso_recovery_plan_get_plan_name (plan), n);
      return DRSO_EXIT_FAILED;
    }
  return DRSO_EXIT_OK;
}
