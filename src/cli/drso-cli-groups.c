/* drso-cli-groups.c
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

/* drso groups create|show|update|delete|resolve (list is in drso-cli-plans.c). */

/* Adds servers and tags from the command line; FALSE with the exit code set
 * when one is wrong. */
static gboolean
apply_members (DrsoStore           *store,
               DrsoProtectionGroup *group,
               char               **servers,
               char               **tags,
               int                 *status)
{
  for (guint i = 0; servers != NULL && servers[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = drso_cli_resolve_server (store, servers[i], &error);

      if (id == NULL)
        {
          *status = drso_cli_fail (error);
          return FALSE;
        }
      drso_protection_group_add_server_id (group, id);
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *key = NULL, *value = NULL;

      if (!drso_cli_split_tag (tags[i], &key, &value))
        {
          *status = drso_cli_usage (_("--tag takes KEY=VALUE, not “%s”"), tags[i]);
          return FALSE;
        }
      drso_protection_group_set_tag (group, key, value);
    }
  return TRUE;
}

static void
print_saved (DrsoCli             *cli,
             DrsoProtectionGroup *group,
             gboolean             created)
{
  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_document (cli, DRSO_DOCUMENT (group));
  else if (created)
    g_print (_("Created the protection group %s (%s)\n"),
             drso_protection_group_get_group_name (group),
             drso_protection_group_get_group_id (group));
  else
    g_print (_("Updated the protection group %s (%s)\n"),
             drso_protection_group_get_group_name (group),
             drso_protection_group_get_group_id (group));
}

int
drso_cli_groups_create (DrsoCli  *cli,
                        int       argc,
                        char    **argv)
{
  g_autofree char *account_name = NULL, *region = NULL, *description = NULL;
  g_auto(GStrv) servers = NULL;
  g_auto(GStrv) tags = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name,
      N_("The account of the servers (id or name; the only one if left out)"), N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region of the servers (the account's first if left out)"), N_("REGION") },
    { "server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &servers,
      N_("A source server, by id or hostname (repeat for more)"), N_("SERVER") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Also every server with this tag (repeat: a server must have them all)"),
      N_("KEY=VALUE") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the group is for"),
      N_("TEXT") },
    { NULL }
  };
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "NAME", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Give the name of the new protection group"));
  if (servers == NULL && tags == NULL)
    return drso_cli_usage (_("A protection group needs servers (--server) or tags (--tag)"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  if (account_name != NULL)
    account = drso_store_lookup_account (store, account_name, &error);
  else if ((account = drso_store_dup_default_account (store)) == NULL)
    return drso_cli_usage (_("Name the account of the group with --account"));
  if (account == NULL)
    return drso_cli_fail (error);

  group = drso_protection_group_new (argv[1], drso_account_get_account_id (account),
                                     drso_cli_account_region (account, region));
  if (description != NULL)
    drso_protection_group_set_description (group, description);
  if (!apply_members (store, group, servers, tags, &status))
    return status;
  if (!drso_store_create_protection_group (store, group, &error))
    return drso_cli_fail (error);

  print_saved (cli, group, TRUE);
  return DRSO_EXIT_OK;
}

static int
lookup (DrsoCli              *cli,
        int                   argc,
        char                **argv,
        DrsoProtectionGroup **group)
{
  g_autoptr(GError) error = NULL;
  DrsoStore *store;

  if (argc != 2)
    return drso_cli_usage (_("Name one protection group, by name or id"));
  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  *group = drso_store_lookup_protection_group (store, argv[1], &error);
  if (*group == NULL)
    return drso_cli_fail (error);
  return DRSO_EXIT_OK;
}

int
drso_cli_groups_show (DrsoCli  *cli,
                      int       argc,
                      char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoProtectionGroup) group = NULL;
  int status;

  if (!drso_cli_parse (entries, "GROUP", &argc, &argv, &status))
    return status;
  if ((status = lookup (cli, argc, argv, &group)) != DRSO_EXIT_OK)
    return status;
  drso_cli_print_document (cli, DRSO_DOCUMENT (group));
  return DRSO_EXIT_OK;
}

int
drso_cli_groups_update (DrsoCli  *cli,
                        int       argc,
                        char    **argv)
{
  g_autofree char *name = NULL, *account_name = NULL, *region = NULL, *description = NULL;
  g_auto(GStrv) add_servers = NULL;
  g_auto(GStrv) remove_servers = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) remove_tags = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A new name"), N_("NAME") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("A new description"),
      N_("TEXT") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name, N_("Move the group to this account"),
      N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Move the group to this region"),
      N_("REGION") },
    { "add-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_servers,
      N_("Add a source server, by id or hostname (repeat for more)"), N_("SERVER") },
    { "remove-server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_servers,
      N_("Remove a source server, by id or hostname (repeat for more)"), N_("SERVER") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Add or change a tag of the criteria (repeat for more)"), N_("KEY=VALUE") },
    { "remove-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_tags,
      N_("Remove a tag from the criteria (repeat for more)"), N_("KEY") },
    { NULL }
  };
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!drso_cli_parse (entries, "GROUP", &argc, &argv, &status))
    return status;
  if (name == NULL && description == NULL && account_name == NULL && region == NULL &&
      add_servers == NULL && remove_servers == NULL && tags == NULL && remove_tags == NULL)
    return drso_cli_usage (_("Say what to change: --name, --description, --account, --region, "
                             "--add-server, --remove-server, --tag or --remove-tag"));
  if ((status = lookup (cli, argc, argv, &group)) != DRSO_EXIT_OK)
    return status;

  if (name != NULL)
    drso_document_set_name (DRSO_DOCUMENT (group), name);
  if (description != NULL)
    drso_protection_group_set_description (group, description);
  if (account_name != NULL)
    {
      g_autoptr(DrsoAccount) account = drso_store_lookup_account (cli->store, account_name,
                                                                  &error);
      if (account == NULL)
        return drso_cli_fail (error);
      drso_protection_group_set_account_id (group, drso_account_get_account_id (account));
    }
  if (region != NULL)
    drso_protection_group_set_region (group, region);
  for (guint i = 0; remove_servers != NULL && remove_servers[i] != NULL; i++)
    {
      g_autofree char *id = drso_cli_resolve_server (cli->store, remove_servers[i], &error);

      if (id == NULL)
        return drso_cli_fail (error);
      if (!drso_protection_group_remove_server_id (group, id))
        {
          g_set_error (&error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
                       _("The protection group %s has no server %s"),
                       drso_protection_group_get_group_name (group), remove_servers[i]);
          return drso_cli_fail (error);
        }
    }
  for (guint i = 0; remove_tags != NULL && remove_tags[i] != NULL; i++)
    {
      if (!drso_protection_group_remove_tag (group, remove_tags[i]))
        {
          g_set_error (&error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
                       _("The protection group %s has no tag %s"),
                       drso_protection_group_get_group_name (group), remove_tags[i]);
          return drso_cli_fail (error);
        }
    }
  if (!apply_members (cli->store, group, add_servers, tags, &status))
    return status;
  if (!drso_store_update_protection_group (cli->store, group, &error))
    return drso_cli_fail (error);

  print_saved (cli, group, FALSE);
  return DRSO_EXIT_OK;
}

int
drso_cli_groups_delete (DrsoCli  *cli,
                        int       argc,
                        char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int status;

  if (!drso_cli_parse (entries, "GROUP", &argc, &argv, &status))
    return status;
  if ((status = lookup (cli, argc, argv, &group)) != DRSO_EXIT_OK)
    return status;
  if (!drso_store_delete_protection_group (cli->store, drso_protection_group_get_group_id (group),
                                           &error))
    return drso_cli_fail (error);

  message = g_strdup_printf (_("Deleted the protection group %s (%s)"),
                             drso_protection_group_get_group_name (group),
                             drso_protection_group_get_group_id (group));
  drso_cli_print_gone (cli, "groupId", drso_protection_group_get_group_id (group), "deleted",
                       message);
  return DRSO_EXIT_OK;
}

int
drso_cli_groups_resolve (DrsoCli  *cli,
                         int       argc,
                         char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  int status;

  if (!drso_cli_parse (entries, "GROUP", &argc, &argv, &status))
    return status;
  if ((status = lookup (cli, argc, argv, &group)) != DRSO_EXIT_OK)
    return status;
  servers = drso_store_resolve_protection_group (cli->store, group);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      json_node_take_array (node, array);
      for (guint i = 0; i < servers->len; i++)
        json_array_add_element (array, drso_source_server_to_json (g_ptr_array_index (servers, i)));
      drso_cli_print_json (node);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (cli->output == DRSO_OUTPUT_TABLE)
        drso_cli_add_row (rows, _("HOSTNAME"), _("ID"), _("REPLICATION"), NULL);
      for (guint i = 0; i < servers->len; i++)
        {
          DrsoSourceServer *server = g_ptr_array_index (servers, i);
          const char *hostname = drso_source_server_get_hostname (server);
          const char *state = drso_source_server_get_replication_state (server);

          drso_cli_add_row (rows, hostname ? hostname : "—",
                            drso_source_server_get_source_server_id (server),
                            state ? state : "—", NULL);
        }
      drso_cli_print_table (rows);
    }
  return DRSO_EXIT_OK;
}
