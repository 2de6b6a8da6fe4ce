/* drso-cli-drs-instances.c
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

/* drso drs instances and drs launch-configuration: the recovery instances
 * DRS knows, and how it would launch a server. Both print DRS's own
 * shapes. */

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
}

static JsonNode *
instance_to_json (DrsoRecoveryInstance *instance)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  g_autofree char *snapshot =
    drso_cli_format_time (drso_recovery_instance_get_point_in_time_snapshot_date (instance));

  json_node_take_object (node, object);
  set_string (object, "recoveryInstanceID",
              drso_recovery_instance_get_recovery_instance_id (instance));
  set_string (object, "ec2InstanceID", drso_recovery_instance_get_ec2_instance_id (instance));
  set_string (object, "ec2InstanceState", drso_recovery_instance_get_ec2_instance_state (instance));
  set_string (object, "sourceServerID", drso_recovery_instance_get_source_server_id (instance));
  set_string (object, "jobID", drso_recovery_instance_get_job_id (instance));
  json_object_set_boolean_member (object, "isDrill", drso_recovery_instance_get_is_drill (instance));
  set_string (object, "pointInTimeSnapshotDateTime", snapshot);
  set_string (object, "privateIp", drso_recovery_instance_get_private_ip (instance));
  return node;
}

int
drso_cli_drs_instances (DrsoCli  *cli,
                        int       argc,
                        char    **argv)
{
  g_autofree char *account_name = NULL, *region = NULL;
  g_auto(GStrv) server_texts = NULL, instance_ids = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name,
      N_("The account, by id or name (the only one if left out)"), N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region (the account's first if left out)"), N_("REGION") },
    { "server", 0, 0, G_OPTION_ARG_STRING_ARRAY, &server_texts,
      N_("Only the instances of this source server, by id or hostname (repeatable)"),
      N_("SERVER") },
    { "instance", 0, 0, G_OPTION_ARG_STRING_ARRAY, &instance_ids,
      N_("Only this recovery instance (repeatable)"), N_("INSTANCE") },
    { NULL }
  };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GPtrArray) server_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso drs instances takes options only"));
  if ((account = drso_cli_pick_account (cli, account_name, &status)) == NULL)
    return status;
  store = drso_cli_get_store (cli, &error);
  for (guint i = 0; store != NULL && server_texts != NULL && server_texts[i] != NULL; i++)
    {
      char *id = drso_cli_resolve_server (store, server_texts[i], &error);

      if (id == NULL)
        return drso_cli_fail (error);
      g_ptr_array_add (server_ids, id);
    }
  g_ptr_array_add (server_ids, NULL);

  context = drso_cli_dup_context (cli, account, region, &error);
  if (context == NULL)
    return drso_cli_fail (error);
  drso_drs_describe_recovery_instances_async (context, (const char * const *) instance_ids,
                                              server_ids->len > 1
                                                ? (const char * const *) server_ids->pdata : NULL,
                                              NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  instances = drso_drs_describe_recovery_instances_finish (context, result, &error);
  if (instances == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      json_node_take_array (node, array);
      for (guint i = 0; i < instances->len; i++)
        json_array_add_element (array, instance_to_json (g_ptr_array_index (instances, i)));
      drso_cli_print_json (node);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (cli->output == DRSO_OUTPUT_TABLE)
        drso_cli_add_row (rows, _("INSTANCE"), _("STATE"), _("SERVER"), _("KIND"), _("JOB"),
                          _("PRIVATE IP"), NULL);
      for (guint i = 0; i < instances->len; i++)
        {
          DrsoRecoveryInstance *instance = g_ptr_array_index (instances, i);
          const char *state = drso_recovery_instance_get_ec2_instance_state (instance);
          const char *job = drso_recovery_instance_get_job_id (instance);
          const char *ip = drso_recovery_instance_get_private_ip (instance);

          drso_cli_add_row (rows, drso_recovery_instance_get_recovery_instance_id (instance),
                            state ? state : "—",
                            drso_recovery_instance_get_source_server_id (instance),
                            drso_recovery_instance_get_is_drill (instance) ? _("drill")
                                                                           : _("recovery"),
                            job ? job : "—", ip ? ip : "—", NULL);
        }
      drso_cli_print_table (rows);
    }
  return DRSO_EXIT_OK;
}

static JsonNode *
configuration_to_json (DrsoLaunchConfiguration *configuration)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *licensing = json_object_new ();

  json_node_take_object (node, object);
  set_string (object, "sourceServerID",
              drso_launch_configuration_get_source_server_id (configuration));
  set_string (object, "name", drso_launch_configuration_get_name (configuration));
  set_string (object, "ec2LaunchTemplateID",
              drso_launch_configuration_get_ec2_launch_template_id (configuration));
  set_string (object, "launchDisposition",
              drso_launch_configuration_get_launch_disposition (configuration));
  set_string (object, "targetInstanceTypeRightSizingMethod",
              drso_launch_configuration_get_target_instance_type_right_sizing_method (configuration));
  json_object_set_boolean_member (object, "copyPrivateIp",
                                  drso_launch_configuration_get_copy_private_ip (configuration));
  json_object_set_boolean_member (object, "copyTags",
                                  drso_launch_configuration_get_copy_tags (configuration));
  json_object_set_boolean_member (licensing, "osByol",
                                  drso_launch_configuration_get_os_byol (configuration));
  json_object_set_object_member (object, "licensing", licensing);
  json_object_set_boolean_member (object, "postLaunchEnabled",
                                  drso_launch_configuration_get_post_launch_enabled (configuration));
  return node;
}

int
drso_cli_drs_launch_configuration (DrsoCli  *cli,
                                   int       argc,
                                   char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoSourceServer) server = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoLaunchConfiguration) configuration = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_id = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "SERVER", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one discovered source server, by id or hostname"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (server_id = drso_cli_resolve_server (store, argv[1], &error)) == NULL ||
      (server = drso_store_lookup_source_server (store, server_id, &error)) == NULL ||
      (account = drso_cli_lookup_account (cli, drso_source_server_get_account_id (server),
                                          &error)) == NULL ||
      (context = drso_cli_dup_context (cli, account, drso_source_server_get_region (server),
                                       &error)) == NULL)
    return drso_cli_fail (error);

  drso_drs_get_launch_configuration_async (context, server_id, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  configuration = drso_drs_get_launch_configuration_finish (context, result, &error);
  if (configuration == NULL)
    return drso_cli_fail (error);

  node = configuration_to_json (configuration);
  drso_cli_print_fields (cli, node);
  return DRSO_EXIT_OK;
}
