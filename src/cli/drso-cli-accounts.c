/* drso-cli-accounts.c
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

int
drso_cli_accounts_add (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  g_autofree char *name = NULL, *profile = NULL, *endpoint = NULL, *role_arn = NULL;
  g_autofree char *external_id = NULL;
  g_auto(GStrv) regions = NULL;
  gboolean simulated = FALSE;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A name to show (the id if left out)"),
      N_("NAME") },
    { "simulated", 0, 0, G_OPTION_ARG_NONE, &simulated,
      N_("An account of the data folder’s Sandbox rather than of AWS"), NULL },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &regions,
      N_("A region used in the account (repeat for more)"), N_("REGION") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("The profile of ~/.aws/config whose credentials to use"), N_("PROFILE") },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("An endpoint that replaces AWS's"), N_("URL") },
    { "role-arn", 0, 0, G_OPTION_ARG_STRING, &role_arn,
      N_("For a target account: the role to assume in it"), N_("ARN") },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &external_id,
      N_("The external id the role asks for"), N_("ID") },
    { NULL }
  };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "ACCOUNT-ID", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Give the 12-digit id of the account to add"));

  account = drso_account_new (argv[1], name ? name : argv[1]);
  drso_account_set_regions (account, (const char * const *) regions);
  drso_account_set_profile (account, profile);
  drso_account_set_endpoint_url (account, endpoint);
  drso_account_set_role_arn (account, role_arn);
  drso_account_set_external_id (account, external_id);
  drso_account_set_simulated (account, simulated);

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || !drso_store_add_account (store, account, &error))
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = drso_document_to_json (DRSO_DOCUMENT (account));
      drso_cli_print_json (node);
    }
  else
    g_print (_("Added the account %s (%s)\n"), drso_account_get_account_name (account),
             drso_account_get_account_id (account));
  return DRSO_EXIT_OK;
}

int
drso_cli_accounts_list (DrsoCli  *cli,
                        int       argc,
                        char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  GListModel *accounts;
  DrsoStore *store;
  guint n;
  int status;

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso accounts list takes no arguments"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  accounts = drso_store_get_accounts (store);
  n = g_list_model_get_n_items (accounts);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoDocument) account = g_list_model_get_item (accounts, i);
          json_array_add_element (array, drso_document_to_json (account));
        }
      json_node_take_array (node, array);
      drso_cli_print_json (node);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (cli->output == DRSO_OUTPUT_TABLE)
        g_ptr_array_add (rows, g_strdupv ((char *[]) { _("NAME"), _("ID"), _("REGIONS"),
                                                        _("CREDENTIALS"), NULL }));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoAccount) account = g_list_model_get_item (accounts, i);
          g_autofree char *regions = g_strjoinv (",", (char **) drso_account_get_regions (account));
          g_autofree char *source = NULL;

          if (drso_account_get_simulated (account))
            source = g_strdup (_("Sandbox (simulated)"));
          else if (drso_account_get_profile (account) != NULL)
            source = g_strdup_printf (_("profile %s"), drso_account_get_profile (account));
          else
            source = g_strdup (_("keyring or environment"));
          if (drso_account_get_role_arn (account) != NULL)
            {
              g_autofree char *with_role = g_strdup_printf (_("%s, then role %s"), source,
                                                            drso_account_get_role_arn (account));
              g_free (source);
              source = g_steal_pointer (&with_role);
            }

          g_ptr_array_add (rows, g_strdupv ((char *[]) {
            (char *) drso_account_get_account_name (account),
            (char *) drso_account_get_account_id (account),
            regions[0] ? regions : (char *) "—", source, NULL }));
        }
      drso_cli_print_table (rows);
    }
  return DRSO_EXIT_OK;
}

static int
lookup (DrsoCli      *cli,
        int           argc,
        char        **argv,
        DrsoAccount **account)
{
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return drso_cli_usage (_("Name one account, by id or name"));
  *account = drso_cli_lookup_account (cli, argv[1], &error);
  if (*account == NULL)
    return drso_cli_fail (error);
  return DRSO_EXIT_OK;
}

int
drso_cli_accounts_show (DrsoCli  *cli,
                        int       argc,
                        char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoAccount) account = NULL;
  int status;

  if (!drso_cli_parse (entries, "ACCOUNT", &argc, &argv, &status))
    return status;
  if ((status = lookup (cli, argc, argv, &account)) != DRSO_EXIT_OK)
    return status;
  drso_cli_print_document (cli, DRSO_DOCUMENT (account));
  return DRSO_EXIT_OK;
}

/* An empty value clears an optional setting. */
static const char *
nullable (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

int
drso_cli_accounts_update (DrsoCli  *cli,
                          int       argc,
                          char    **argv)
{
  g_autofree char *name = NULL, *profile = NULL, *endpoint = NULL, *role_arn = NULL;
  g_autofree char *external_id = NULL;
  g_auto(GStrv) regions = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name"), N_("NAME") },
    { "region", 0, 0, G_OPTION_ARG_STRING_ARRAY, &regions,
      N_("The regions used in the account (repeat for more; they replace the old ones)"),
      N_("REGION") },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("The profile of ~/.aws/config whose credentials to use (\"\" for none)"),
      N_("PROFILE") },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("An endpoint that replaces AWS's (\"\" for none)"), N_("URL") },
    { "role-arn", 0, 0, G_OPTION_ARG_STRING, &role_arn,
      N_("The role to assume in the account (\"\" for none)"), N_("ARN") },
    { "external-id", 0, 0, G_OPTION_ARG_STRING, &external_id,
      N_("The external id the role asks for (\"\" for none)"), N_("ID") },
    { NULL }
  };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!drso_cli_parse (entries, "ACCOUNT", &argc, &argv, &status))
    return status;
  if (name == NULL && regions == NULL && profile == NULL && endpoint == NULL &&
      role_arn == NULL && external_id == NULL)
    return drso_cli_usage (_("Say what to change: --name, --region, --role-arn, --external-id, "
                             "--profile or --endpoint-url"));
  if ((status = lookup (cli, argc, argv, &account)) != DRSO_EXIT_OK)
    return status;

  if (name != NULL)
    drso_document_set_name (DRSO_DOCUMENT (account), name);
  if (regions != NULL)
    drso_account_set_regions (account, (const char * const *) regions);
  if (profile != NULL)
    drso_account_set_profile (account, nullable (profile));
  if (endpoint != NULL)
    drso_account_set_endpoint_url (account, nullable (endpoint));
  if (role_arn != NULL)
    drso_account_set_role_arn (account, nullable (role_arn));
  if (external_id != NULL)
    drso_account_set_external_id (account, nullable (external_id));
  /* What worked before may not work now. */
  if (role_arn != NULL || external_id != NULL || profile != NULL || endpoint != NULL)
    drso_account_set_validated (account, FALSE);

  if (!drso_store_update_account (cli->store, account, &error))
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_document (cli, DRSO_DOCUMENT (account));
  else
    g_print (_("Updated the account %s (%s)\n"), drso_account_get_account_name (account),
             drso_account_get_account_id (account));
  return DRSO_EXIT_OK;
}

int
drso_cli_accounts_remove (DrsoCli  *cli,
                          int       argc,
                          char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int status;

  if (!drso_cli_parse (entries, "ACCOUNT", &argc, &argv, &status))
    return status;
  if ((status = lookup (cli, argc, argv, &account)) != DRSO_EXIT_OK)
    return status;
  if (!drso_store_remove_account (cli->store, drso_account_get_account_id (account), &error))
    return drso_cli_fail (error);

  message = g_strdup_printf (_("Removed the account %s (%s)"),
                             drso_account_get_account_name (account),
                             drso_account_get_account_id (account));
  drso_cli_print_gone (cli, "accountId", drso_account_get_account_id (account), "removed",
                       message);
  return DRSO_EXIT_OK;
}
