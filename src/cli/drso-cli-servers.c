/* drso-cli-servers.c
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
#include <unistd.h>

#include "drso-cli.h"
#include "drso-discovery.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* One line, rewritten as pages arrive. */
static void
progress_cb (DrsoDiscovery *discovery,
             GParamSpec    *pspec,
             const char    *account_id)
{
  g_printerr ("\r\033[K");
  g_printerr (_("Discovering the source servers of %s… %u so far"), account_id,
              drso_discovery_get_servers_found (discovery));
}

int
drso_cli_servers_discover (DrsoCli  *cli,
                           int       argc,
                           char    **argv)
{
  g_autofree char *account_id = NULL, *region = NULL, *profile = NULL, *endpoint = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_id,
      N_("The account to discover (its id or name; the only one if left out)"), N_("ACCOUNT") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("Discover the account of this AWS profile, setting it up if needed"), N_("PROFILE") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region (the account's first if left out)"), N_("REGION") },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("An endpoint that replaces the account's or AWS's for this run"), N_("URL") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(DrsoDiscovery) discovery = NULL;
  Wait wait = { loop, NULL };
  DrsoStore *store;
  guint n_servers = 0;
  int status;

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso servers discover takes options only"));

  if (account_id != NULL && profile != NULL)
    return drso_cli_usage (_("Give --account or --profile, not both"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);

  if (profile != NULL)
    {
      g_autoptr(DrsoAccount) account = NULL;

      drso_account_setup_from_profile_async (store, profile, region, endpoint, NULL, NULL,
                                             done_cb, &wait);
      g_main_loop_run (loop);
      account = drso_account_setup_from_profile_finish (store, wait.result, &error);
      g_clear_object (&wait.result);
      if (account == NULL)
        return drso_cli_fail (error);
      account_id = g_strdup (drso_account_get_account_id (account));
    }

  if (account_id == NULL)
    {
      g_autoptr(DrsoAccount) account = drso_store_dup_default_account (store);

      if (account == NULL)
        return drso_cli_usage (_("Name the account to discover with --account (%u accounts are "
                                 "set up) or use --profile"),
                               g_list_model_get_n_items (drso_store_get_accounts (store)));
      account_id = g_strdup (drso_account_get_account_id (account));
    }

  if (!drso_cli_attach_sandbox (cli, account_id, &error))
    return drso_cli_fail (error);

  discovery = drso_discovery_new (store, account_id, region, NULL);
  drso_discovery_set_endpoint_url (discovery, endpoint);
  if (isatty (STDERR_FILENO))
    {
      g_printerr (_("Discovering the source servers of %s…"), account_id);
      g_signal_connect (discovery, "notify::servers-found", G_CALLBACK (progress_cb), account_id);
    }

  drso_discovery_run_async (discovery, NULL, done_cb, &wait);
  g_main_loop_run (loop);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (!drso_discovery_run_finish (discovery, wait.result, &n_servers, &error))
    {
      g_object_unref (wait.result);
      return drso_cli_fail (error);
    }
  g_object_unref (wait.result);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "accountId");
      json_builder_add_string_value (builder, account_id);
      json_builder_set_member_name (builder, "sourceServers");
      json_builder_add_int_value (builder, n_servers);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      drso_cli_print_json (node);
    }
  else
    g_print (_("Found %u source servers\n"), n_servers);
  return DRSO_EXIT_OK;
}

static char *
format_lag (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("—");
  if (seconds < 60)
    return g_strdup_printf ("%" G_GINT64_FORMAT " s", seconds);
  if (seconds < 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT " min", seconds / 60);
  return g_strdup_printf ("%" G_GINT64_FORMAT " h", seconds / 3600);
}

int
drso_cli_servers_list (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  g_autofree char *account_id = NULL, *region = NULL, *state = NULL, *tag = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_id, N_("Only this account"), N_("ID") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Only this region"), N_("REGION") },
    { "replication-state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only servers in this replication state, such as CONTINUOUS"), N_("STATE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only servers with this tag"), N_("KEY=VALUE") },
    { NULL }
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tag_parts = NULL;
  JsonArray *array = json_array_new ();
  GListModel *servers;
  DrsoStore *store;
  int status;

  json_node_take_array (node, array);
  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso servers list takes options only"));
  if (tag != NULL)
    {
      tag_parts = g_strsplit (tag, "=", 2);
      if (g_strv_length (tag_parts) != 2)
        return drso_cli_usage (_("--tag takes KEY=VALUE"));
    }

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  servers = drso_store_get_source_servers (store);

  if (cli->output == DRSO_OUTPUT_TABLE)
    g_ptr_array_add (rows, g_strdupv ((char *[]) { _("HOSTNAME"), _("ID"), _("ACCOUNT"),
                                                    _("REGION"), _("REPLICATION"), _("LAG"),
                                                    NULL }));
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);
      g_autofree char *lag = NULL;

      if ((account_id && g_strcmp0 (account_id, drso_source_server_get_account_id (server)) != 0) ||
          (region && g_strcmp0 (region, drso_source_server_get_region (server)) != 0) ||
          (state && g_ascii_strcasecmp (state, drso_source_server_get_replication_state (server)
                                                 ? drso_source_server_get_replication_state (server)
                                                 : "") != 0) ||
          (tag_parts && g_strcmp0 (drso_source_server_get_tag (server, tag_parts[0]),
                                   tag_parts[1]) != 0))
        continue;

      if (cli->output == DRSO_OUTPUT_JSON)
        {
          json_array_add_element (array, drso_source_server_to_json (server));
          continue;
        }
      lag = format_lag (drso_source_server_get_lag_seconds (server));
      g_ptr_array_add (rows, g_strdupv ((char *[]) {
        (char *) (drso_source_server_get_hostname (server) ? drso_source_server_get_hostname (server) : "—"),
        (char *) drso_source_server_get_source_server_id (server),
        (char *) drso_source_server_get_account_id (server),
        (char *) drso_source_server_get_region (server),
        (char *) (drso_source_server_get_replication_state (server)
                    ? drso_source_server_get_replication_state (server) : "—"),
        lag, NULL }));
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  else
    drso_cli_print_table (rows);
  return DRSO_EXIT_OK;
}
