/* drso-cli.c
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
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "drso-cli.h"

static const DrsoCommand commands[] = {
  { "accounts", "list", "", N_("List the AWS accounts set up here"), drso_cli_accounts_list },
  { "accounts", "add", "ACCOUNT-ID [--name N] [--region R]… [--profile P] [--role-arn ARN] "
    "[--external-id ID] [--endpoint-url URL] [--simulated]",
    N_("Set up an AWS account"), drso_cli_accounts_add },
  { "accounts", "show", "ACCOUNT", N_("Show an account"), drso_cli_accounts_show },
  { "accounts", "update", "ACCOUNT [--name N] [--region R]… [--role-arn ARN] [--external-id ID] "
    "[--profile P] [--endpoint-url URL]", N_("Change an account"), drso_cli_accounts_update },
  { "accounts", "remove", "ACCOUNT", N_("Remove an account and its discovered servers"),
    drso_cli_accounts_remove },
  { "accounts", "validate", "ACCOUNT [--region R]",
    N_("Check the account's credentials, role, DRS and EC2 access"),
    drso_cli_accounts_validate },
  { "servers", "discover", "[--account ID | --profile P] [--region R] [--endpoint-url URL]",
    N_("Refresh the DRS source servers of an account"), drso_cli_servers_discover },
  { "servers", "list", "[--account A] [--region R] [--state S] [--tag K=V]…",
    N_("List discovered source servers"), drso_cli_servers_list },
  { "servers", "show", "SERVER", N_("Show a discovered source server, by id or hostname"),
    drso_cli_servers_show },
  { "groups", "list", "", N_("List protection groups"), drso_cli_groups_list },
  { "groups", "create", "NAME [--account A] [--region R] [--server S]… [--tag K=V]… "
    "[--description D]", N_("Create a protection group"), drso_cli_groups_create },
  { "groups", "show", "GROUP", N_("Show a protection group"), drso_cli_groups_show },
  { "groups", "update", "GROUP [--name N] [--description D] [--add-server S]… "
    "[--remove-server S]… [--tag K=V]… [--remove-tag K]…", N_("Change a protection group"),
    drso_cli_groups_update },
  { "groups", "delete", "GROUP", N_("Delete a protection group no plan uses"),
    drso_cli_groups_delete },
  { "groups", "resolve", "GROUP", N_("List the discovered servers a group selects now"),
    drso_cli_groups_resolve },
  { "plans", "list", "", N_("List recovery plans"), drso_cli_plans_list },
  { "plans", "create", "NAME [--description D] [--wave NAME:GROUP[,GROUP…][:pause]]… "
    "[--rpo S] [--rto S]", N_("Create a recovery plan"), drso_cli_plans_create },
  { "plans", "show", "PLAN", N_("Show a recovery plan"), drso_cli_plans_show },
  { "plans", "update", "PLAN [--name N] [--wave …]… [--rpo S] [--rto S] [--optional SERVER]… "
    "[--critical SERVER]… [--pin SERVER=pit-…]… [--unpin SERVER]…",
    N_("Change a recovery plan (waves given replace its waves)"), drso_cli_plans_update },
  { "plans", "delete", "PLAN", N_("Delete a recovery plan"), drso_cli_plans_delete },
  { "plans", "validate", "PLAN", N_("Check a plan against the rules of the model"),
    drso_cli_plans_validate },
  { "plans", "readiness", "PLAN [--recovery]",
    N_("Check that a plan can run: go, go with warnings, or no-go"), drso_cli_plans_readiness },
  { "plans", "export", "[PLAN…] [--all] [-o FILE]",
    N_("Write plans and their protection groups as a bundle"), drso_cli_plans_export },
  { "plans", "import", "FILE", N_("Create or update the plans and groups of a bundle"),
    drso_cli_plans_import },
  { "executions", "start", "PLAN --drill|--recovery [--wait] [--auto-resume] [--yes]",
    N_("Start a drill or a real recovery of a plan"), drso_cli_executions_start },
  { "executions", "list", "[--plan P] [--status S] [--limit N]",
    N_("List executions, the newest first"), drso_cli_executions_list },
  { "executions", "show", "EXECUTION", N_("Show an execution, its waves and servers"),
    drso_cli_executions_show },
  { "executions", "events", "EXECUTION [--after EVENT-ID]", N_("Show an execution's event log"),
    drso_cli_executions_events },
  { "executions", "pause", "EXECUTION", N_("Pause a running execution before its next wave"),
    drso_cli_executions_pause },
  { "executions", "resume", "EXECUTION", N_("Start the wave a paused execution waits before"),
    drso_cli_executions_resume },
  { "executions", "cancel", "EXECUTION", N_("Cancel an execution: no further wave starts"),
    drso_cli_executions_cancel },
  { "executions", "retry", "EXECUTION", N_("Launch the failed servers of a failed wave again"),
    drso_cli_executions_retry },
  { "executions", "skip-wave", "EXECUTION",
    N_("Record a failed wave as skipped and go on with the next"),
    drso_cli_executions_skip_wave },
  { "executions", "terminate-instances", "EXECUTION",
    N_("Terminate the recovery instances a drill launched"), drso_cli_executions_terminate },
  { "executions", "drive", "EXECUTION [--auto-resume] [--quiet]",
    N_("Drive an unfinished execution in this process until it ends"),
    drso_cli_executions_drive },
  { "executions", "delete", "EXECUTION… [--force]", N_("Delete ended executions and their events"),
    drso_cli_executions_delete },
  { "drs", "quotas", "[--account A] [--region R]",
    N_("DRS's limits and how much of them each account and region uses now"),
    drso_cli_drs_quotas },
  { "drs", "jobs", "[--account A] [--region R] [--since DURATION]", N_("List DRS jobs"),
    drso_cli_drs_jobs },
  { "drs", "job-log", "JOB [--account A] [--region R]", N_("Show the log of a DRS job"),
    drso_cli_drs_job_log },
  { "drs", "instances", "[--account A] [--region R] [--server S]… [--instance I]…",
    N_("List recovery instances and their EC2 state"), drso_cli_drs_instances },
  { "drs", "launch-configuration", "SERVER",
    N_("Show how DRS launches a server: launch template, instance type, IP and tags"),
    drso_cli_drs_launch_configuration },
  { "config", "show", "[KEY]", N_("Show the settings, their defaults and what they take"),
    drso_cli_config_show },
  { "config", "set", "KEY VALUE", N_("Change a setting, such as the active role"),
    drso_cli_config_set },
  { "sandbox", NULL, "[--time-scale X] [--estate demo|N] [--faults SPEC] [--shared] …",
    N_("Run a simulated AWS region (DRS, EC2, STS) for any AWS client"), drso_cli_sandbox },
};


static void
print_help (FILE *out)
{
  const char *last_noun = NULL;

  fprintf (out, "%s\n\n", _("Usage: drso [--output json|table|text] COMMAND [ARGS…]"));
  fprintf (out, "%s\n\n", _("Design and run disaster-recovery plans for AWS Elastic Disaster "
                            "Recovery from the command line."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *left = commands[i].verb != NULL
        ? g_strdup_printf ("%s %s %s", commands[i].noun, commands[i].verb, commands[i].args)
        : g_strdup_printf ("%s %s", commands[i].noun, commands[i].args);

      if (last_noun != NULL && g_strcmp0 (last_noun, commands[i].noun) != 0)
        fputc ('\n', out);
      last_noun = commands[i].noun;
      /* A long synopsis puts its summary on a line of its own. */
      if (g_utf8_strlen (left, -1) > 44)
        fprintf (out, "  %s\n  %44s %s\n", left, "", _(commands[i].summary));
      else
        fprintf (out, "  %s%*s %s\n", left, (int) (44 - g_utf8_strlen (left, -1)), "",
                 _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-44s %s\n", "--output json|table|text",
           _("Output format (json when the output is not a terminal)"));
  fprintf (out, "  %-44s %s\n", "-h, --help", _("Show this help"));
  fprintf (out, "  %-44s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Exit status: 0 ok, 1 failed, 2 usage, 3 not permitted, "
                            "4 not found, 5 conflict."));
}

static gboolean
parse_output (const char *value,
              DrsoOutput *output)
{
  if (g_strcmp0 (value, "json") == 0)
    *output = DRSO_OUTPUT_JSON;
  else if (g_strcmp0 (value, "table") == 0)
    *output = DRSO_OUTPUT_TABLE;
  else if (g_strcmp0 (value, "text") == 0)
    *output = DRSO_OUTPUT_TEXT;
  else
    return FALSE;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  DrsoCli cli = { 0 };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cli.output = isatty (STDOUT_FILENO) ? DRSO_OUTPUT_TABLE : DRSO_OUTPUT_JSON;

  /* Global options may stand anywhere, as with the AWS CLI. */
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      int used = 0;

      if (g_str_equal (arg, "--"))
        break;
      if (g_str_equal (arg, "--output"))
        {
          if (i + 1 >= argc)
            return drso_cli_usage (_("--output needs a value: json, table or text"));
          value = argv[i + 1];
          used = 2;
        }
      else if (g_str_has_prefix (arg, "--output="))
        {
          value = arg + strlen ("--output=");
          used = 1;
        }
      if (used == 0)
        continue;
      if (!parse_output (value, &cli.output))
        return drso_cli_usage (_("Unknown output format “%s”: use json, table or text"), value);
      for (int j = i; j + used <= argc; j++)
        argv[j] = argv[j + used];
      argc -= used;
      i--;
    }

  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--version"))
        {
          g_print ("drso %s\n", PACKAGE_VERSION);
          return DRSO_EXIT_OK;
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return DRSO_EXIT_OK;
        }
      else
        return drso_cli_usage (_("Unknown option “%s”; see drso --help"), arg);
    }

  if (first >= argc)
    {
      print_help (stderr);
      return DRSO_EXIT_USAGE;
    }

  /* Commands that are a noun alone. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (commands[i].verb == NULL && g_str_equal (commands[i].noun, argv[first]))
        {
          g_autofree char *prog = g_strdup_printf ("drso %s", argv[first]);
          char **sub_argv = g_new0 (char *, argc - first + 1);
          int sub_argc = argc - first;

          sub_argv[0] = prog;
          for (int j = 1; j < sub_argc; j++)
            sub_argv[j] = argv[first + j];
          status = commands[i].func (&cli, sub_argc, sub_argv);
          g_free (sub_argv);
          g_clear_object (&cli.store);
          g_clear_object (&cli.sandbox);
          return status;
        }
    }

  if (first + 1 >= argc)
    return drso_cli_usage (_("“%s” needs a command after it; see drso --help"), argv[first]);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (commands[i].verb != NULL && g_str_equal (commands[i].noun, argv[first]) &&
          g_str_equal (commands[i].verb, argv[first + 1]))
        {
          /* The handler sees "drso NOUN VERB" as its argv[0]. */
          g_autofree char *prog = g_strdup_printf ("drso %s %s", argv[first], argv[first + 1]);
          char **sub_argv = g_new0 (char *, argc - first);
          int sub_argc = argc - first - 1;

          sub_argv[0] = prog;
          for (int j = 1; j < sub_argc; j++)
            sub_argv[j] = argv[first + 1 + j];
          status = commands[i].func (&cli, sub_argc, sub_argv);
          g_free (sub_argv);
          g_clear_object (&cli.store);
          g_clear_object (&cli.sandbox);
          return status;
        }
    }

  return drso_cli_usage (_("Unknown command “%s %s”; see drso --help"), argv[first],
                         argv[first + 1]);
}
