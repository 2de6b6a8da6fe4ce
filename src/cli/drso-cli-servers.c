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

static gboolean
has_tags (DrsoSourceServer *server,
          GHashTable       *tags)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (drso_source_server_get_tag (server, key), value) != 0)
      return FALSE;
  return TRUE;
}

int
drso_cli_servers_list (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  g_autofree char *account_name = NULL, *region = NULL, *state = NULL;
  g_auto(GStrv) tags = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name, N_("Only this account (id or name)"),
      N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Only this region"), N_("REGION") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state,
      N_("Only servers in this replication state, such as CONTINUOUS"), N_("STATE") },
    { "replication-state", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &state, NULL, NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only servers with this tag (repeat for more: all must match)"), N_("KEY=VALUE") },
    { NULL }
  };
  g_autoptr(GHashTable) wanted_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             g_free);
  const char *account_id = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();
  GListModel *servers;
  DrsoStore *store;
  int status;

  json_node_take_array (node, array);
  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso servers list takes options only"));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      char *key, *value;

      if (!drso_cli_split_tag (tags[i], &key, &value))
        return drso_cli_usage (_("--tag takes KEY=VALUE, not “%s”"), tags[i]);
      g_hash_table_replace (wanted_tags, key, value);
    }

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  if (account_name != NULL)
    {
      /* A name, or an id that is no longer set up but still filters. */
      account = drso_store_lookup_account (store, account_name, NULL);
      account_id = account ? drso_account_get_account_id (account) : account_name;
    }
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
          !has_tags (server, wanted_tags))
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

int
drso_cli_servers_show (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoSourceServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  GListModel *servers;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "SERVER", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one source server, by id or hostname"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);

  server = drso_store_lookup_source_server (store, argv[1], NULL);
  servers = drso_store_get_source_servers (store);
  for (guint i = 0; server == NULL && i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) candidate = g_list_model_get_item (servers, i);
      const char *hostname = drso_source_server_get_hostname (candidate);

      if (hostname != NULL && g_ascii_strcasecmp (hostname, argv[1]) == 0)
        server = g_steal_pointer (&candidate);
    }
  if (server == NULL)
    {
      g_set_error (&error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
                   _("No discovered source server has the id or hostname “%s”"), argv[1]);
      return drso_cli_fail (error);
    }

  node = drso_source_server_to_json (server);
  drso_cli_print_fields (cli, node);
  return DRSO_EXIT_OK;
}
