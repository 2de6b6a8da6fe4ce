/* drso-cli-validate.c
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

/* drso accounts validate: what works with an account, one call at a time —
 * who the credentials are (STS), the role of a target account, DRS and EC2. */

typedef struct
{
  DrsoOutput  output;
  JsonArray  *checks;
  guint       n_failed;
  GString    *failed;
} Report;

static void
report_check (Report     *report,
              const char *check,
              gboolean    ok,
              const char *detail)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "check", check);
  json_object_set_boolean_member (object, "ok", ok);
  json_object_set_string_member (object, "detail", detail);
  json_array_add_object_element (report->checks, object);

  if (!ok)
    {
      report->n_failed++;
      g_string_append_printf (report->failed, "%s%s", report->failed->len ? ", " : "", check);
    }
  /* Line by line, as each answer comes. */
  if (report->output != DRSO_OUTPUT_JSON)
    g_print ("%s %-4s  %s\n", ok ? "✓" : "✗", check, detail);
}

static DrsoAwsCredentials *
get_credentials (DrsoAccount  *account,
                 GError      **error)
{
  g_autoptr(DrsoAwsCredentialsProvider) provider =
    drso_aws_credentials_provider_new (account, drso_aws_client_get_default ());
  g_autoptr(GAsyncResult) result = NULL;

  drso_aws_credentials_provider_get_async (provider, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  return drso_aws_credentials_provider_get_finish (provider, result, error);
}

static void
check_identity (Report         *report,
                DrsoAwsContext *context)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  drso_sts_get_caller_identity_async (context, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  identity = drso_sts_get_caller_identity_finish (context, result, &error);
  if (identity == NULL)
    {
      report_check (report, "sts", FALSE, error->message);
      return;
    }
  detail = g_strdup_printf (_("Signed in as %s (account %s)"),
                            drso_caller_identity_get_arn (identity),
                            drso_caller_identity_get_account (identity));
  report_check (report, "sts", TRUE, detail);
}

static void
check_drs (Report         *report,
           DrsoAwsContext *context)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  drso_drs_describe_source_servers_async (context, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  servers = drso_drs_describe_source_servers_finish (context, result, &error);
  if (servers == NULL)
    {
      report_check (report, "drs", FALSE, error->message);
      return;
    }
  detail = g_strdup_printf (g_dngettext (NULL, "DescribeSourceServers works: %u source server "
                                         "in %s", "DescribeSourceServers works: %u source "
                                         "servers in %s", servers->len),
                            servers->len, drso_aws_context_get_region (context));
  report_check (report, "drs", TRUE, detail);
}

static void
check_ec2 (Report         *report,
           DrsoAwsContext *context)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  drso_ec2_describe_instances_async (context, NULL, NULL, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  instances = drso_ec2_describe_instances_finish (context, result, &error);
  if (instances == NULL)
    {
      report_check (report, "ec2", FALSE, error->message);
      return;
    }
  detail = g_strdup_printf (g_dngettext (NULL, "DescribeInstances works: %u instance in %s",
                                         "DescribeInstances works: %u instances in %s",
                                         instances->len),
                            instances->len, drso_aws_context_get_region (context));
  report_check (report, "ec2", TRUE, detail);
}

/* Keeps the outcome on the account; a role that may not change accounts
 * still gets its answer. */
static gboolean
store_outcome (DrsoStore    *store,
               DrsoAccount  *account,
               gboolean      ok,
               GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!ok && !drso_account_get_validated (account))
    return TRUE;
  drso_account_set_validated (account, ok);
  if (ok)
    drso_account_set_last_validated (account, g_get_real_time () / G_USEC_PER_SEC);
  if (drso_store_update_account (store, account, &local_error) ||
      local_error->domain == DRSO_PERMISSION_ERROR)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

int
drso_cli_accounts_validate (DrsoCli  *cli,
                            int       argc,
                            char    **argv)
{
  g_autofree char *region = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region to try (the account's first if left out)"), N_("REGION") },
    { NULL }
  };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoAccount) base = NULL;
  g_autoptr(DrsoAwsCredentials) base_credentials = NULL;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_object_new ();
  g_autoptr(JsonArray) checks = json_array_new ();
  Report report = { cli->output, checks, 0, failed };
  DrsoAwsClient *client = drso_aws_client_get_default ();
  const char *endpoint, *region_name;
  int status;

  json_node_take_object (node, object);
  if (!drso_cli_parse (entries, "ACCOUNT", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one account, by id or name"));
  account = drso_cli_lookup_account (cli, argv[1], &error);
  if (account == NULL || !drso_cli_attach_sandbox (cli, drso_account_get_account_id (account),
                                                   &error))
    return drso_cli_fail (error);
  json_object_set_string_member (object, "accountId", drso_account_get_account_id (account));
  json_object_set_array_member (object, "checks", json_array_ref (report.checks));
  region_name = drso_cli_account_region (account, region);
  endpoint = drso_aws_client_get_account_endpoint (client, account);

  /* The credentials the account starts from: before its own role, if any. */
  base = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (account)));
  drso_account_set_role_arn (base, NULL);
  drso_account_set_external_id (base, NULL);
  base_credentials = get_credentials (base, &error);
  if (base_credentials == NULL)
    {
      report_check (&report, "sts", FALSE, error->message);
      g_clear_error (&error);
    }
  else
    {
      g_autoptr(DrsoAwsContext) context =
        drso_aws_context_new (client, drso_account_get_account_id (account), region_name,
                              endpoint,
                              base_credentials);

      check_identity (&report, context);
    }

  if (drso_account_get_role_arn (account) == NULL)
    credentials = base_credentials ? drso_aws_credentials_ref (base_credentials) : NULL;
  else if (base_credentials != NULL)
    {
      credentials = get_credentials (account, &error);
      if (credentials == NULL)
        {
          report_check (&report, "role", FALSE, error->message);
          g_clear_error (&error);
        }
      else
        {
          g_autofree char *detail = g_strdup_printf (_("Assumed the role %s"),
                                                     drso_account_get_role_arn (account));

          report_check (&report, "role", TRUE, detail);
        }
    }
  else
    report_check (&report, "role", FALSE, _("Not tried: no credentials to assume it with"));

  if (credentials != NULL)
    {
      g_autoptr(DrsoAwsContext) context =
        drso_aws_context_new (client, drso_account_get_account_id (account), region_name,
                              endpoint,
                              credentials);

      check_drs (&report, context);
      check_ec2 (&report, context);
    }
  else
    {
      report_check (&report, "drs", FALSE, _("Not tried: no credentials for the account"));
      report_check (&report, "ec2", FALSE, _("Not tried: no credentials for the account"));
    }

  if (!store_outcome (cli->store, account, report.n_failed == 0, &error))
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  if (report.n_failed > 0)
    {
      g_printerr (g_dngettext (NULL, "drso: %u check failed for the account %s: %s\n",
                               "drso: %u checks failed for the account %s: %s\n",
                               report.n_failed),
                  report.n_failed, drso_account_get_account_id (account), failed->str);
      return DRSO_EXIT_FAILED;
    }
  return DRSO_EXIT_OK;
}
