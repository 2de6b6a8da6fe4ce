/* drso-cli-sandbox.c
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
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "drso-cli.h"

/* drso sandbox: a simulated AWS region in the foreground, for any AWS
 * client (boto3, the AWS CLI, drso itself) to talk to. */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
print_environment (const char *url,
                   const char *region)
{
  g_print ("export AWS_ENDPOINT_URL=%s\n", url);
  g_print ("export AWS_ACCESS_KEY_ID=%s\n", DRSO_SANDBOX_ACCESS_KEY_ID);
  g_print ("export AWS_SECRET_ACCESS_KEY=%s\n", DRSO_SANDBOX_SECRET_ACCESS_KEY);
  g_print ("export AWS_REGION=%s\n", region);
  g_print ("export AWS_DEFAULT_REGION=%s\n", region);
  fflush (stdout);
}

static gboolean
parse_estate (const char  *estate,
              guint       *size)
{
  guint64 n;

  if (estate == NULL || g_str_equal (estate, "demo"))
    {
      *size = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (estate, 10, 1, 1000000, &n, NULL))
    return FALSE;
  *size = (guint) n;
  return TRUE;
}

int
drso_cli_sandbox (DrsoCli  *cli,
                  int       argc,
                  char    **argv)
{
  g_autofree char *estate = NULL, *faults = NULL, *state_file = NULL, *seed_text = NULL;
  g_autofree char *region = NULL;
  g_autoptr(DrsoSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  gboolean shared = FALSE;
  double time_scale = 1.0;
  guint64 seed = 1;
  guint estate_size = 0;
  int port = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Listen on this port (a free one if left out)"),
      N_("PORT") },
    { "time-scale", 0, 0, G_OPTION_ARG_DOUBLE, &time_scale,
      N_("Simulated seconds per real second (1 if left out; 60 makes a wave take seconds)"),
      N_("X") },
    { "estate", 0, 0, G_OPTION_ARG_STRING, &estate,
      N_("“demo” (a company of about 48 servers, the default) or a number of servers"),
      N_("demo|N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The seed of the estate, ids and durations (1 if left out)"), N_("S") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The region to simulate (us-east-1)"),
      N_("REGION") },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults,
      N_("Faults to inject: throttle=R,5xx=R,drop=R,latency=MIN-MAX,fail=HOST:…,stall=HOST:…"),
      N_("SPEC") },
    { "state-file", 0, 0, G_OPTION_ARG_FILENAME, &state_file,
      N_("Keep the region in this file (in memory if left out)"), N_("FILE") },
    { "shared", 0, 0, G_OPTION_ARG_NONE, &shared,
      N_("Serve the data folder’s Sandbox, the one the app and other drso commands use"), NULL },
    { NULL }
  };

  if (!drso_cli_parse (entries, _("— run a simulated AWS region (DRS, EC2, STS)"),
                       &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return drso_cli_usage (_("drso sandbox takes no arguments, only options"));
  if (port < 0 || port > 65535)
    return drso_cli_usage (_("--port needs a number from 0 to 65535, not %d"), port);
  if (!(time_scale >= 1.0 && time_scale <= 1e6))
    return drso_cli_usage (_("--time-scale needs a number from 1 to 1000000"));
  if (!parse_estate (estate, &estate_size))
    return drso_cli_usage (_("--estate needs “demo” or a number of servers from 1 to 1000000, "
                             "not “%s”"), estate);
  if (seed_text != NULL && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return drso_cli_usage (_("--seed needs a whole number, not “%s”"), seed_text);
  if (shared && (state_file != NULL || estate != NULL || seed_text != NULL || port != 0 ||
                 region != NULL))
    return drso_cli_usage (_("--shared serves the data folder’s own Sandbox: it takes only "
                             "--time-scale and --faults"));

  if (shared)
    {
      DrsoStore *store = drso_cli_get_store (cli, &error);
      g_autofree char *data_dir = NULL;

      if (store == NULL)
        return drso_cli_fail (error);
      data_dir = g_path_get_dirname (drso_store_get_path (store));
      url = drso_sandbox_connect (data_dir, time_scale, &sandbox, &error);
      if (url == NULL)
        return drso_cli_fail (error);
      if (sandbox == NULL)
        {
          print_environment (url, DRSO_SANDBOX_REGION);
          g_printerr (_("The Sandbox of %s is already served by another program, at %s\n"),
                      data_dir, url);
          return DRSO_EXIT_OK;
        }
    }
  else
    {
      sandbox = g_object_new (DRSO_TYPE_SANDBOX,
                              "state-file", state_file,
                              "region", region,
                              "seed", seed,
                              "estate-size", estate_size,
                              "port", (guint) port,
                              "time-scale", time_scale,
                              NULL);
      if (!drso_sandbox_start (sandbox, &error))
        return drso_cli_fail (error);
    }

  if (!drso_sandbox_set_faults (sandbox, faults, &error))
    return drso_cli_usage ("%s", error->message);

  print_environment (drso_sandbox_get_url (sandbox), drso_sandbox_get_region (sandbox));
  g_printerr (_("The Sandbox answers at %s (region %s, %s). Press Ctrl+C to stop it.\n"),
              drso_sandbox_get_url (sandbox), drso_sandbox_get_region (sandbox),
              drso_sandbox_get_state_file (sandbox) ? drso_sandbox_get_state_file (sandbox)
                                                    : _("kept in memory"));

  {
    g_autoptr(GPtrArray) accounts = drso_sandbox_list_accounts (sandbox);

    for (guint i = 0; i < accounts->len; i++)
      {
        DrsoAccount *account = g_ptr_array_index (accounts, i);

        if (drso_account_get_role_arn (account) == NULL)
          g_printerr (_("  %s  %s: the source servers, reached with the key above\n"),
                      drso_account_get_account_id (account),
                      drso_account_get_account_name (account));
        else
          g_printerr (_("  %s  %s: role %s, external ID %s\n"),
                      drso_account_get_account_id (account),
                      drso_account_get_account_name (account),
                      drso_account_get_role_arn (account),
                      drso_account_get_external_id (account));
      }
  }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  drso_sandbox_stop (sandbox);
  return DRSO_EXIT_OK;
}
