/* drso-drs-config-calls.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-client-private.h"
#include "drso-drs-calls-private.h"
#include "drso-drs-parse-private.h"
#include "drso-drs.h"
#include "drso-json-private.h"

/* The DRS calls that read and change a source server's settings: its launch
 * and replication configurations, POSTed to /<Operation> through the helpers
 * of drso-drs-calls.c, and a resource's tags (ListTagsForResource, a GET of
 * /tags/<ARN>). */

static const Operation get_launch_op = {
  "GetLaunchConfiguration", NULL, (ItemParser) _drso_drs_parse_launch_configuration };
static const Operation update_launch_op = {
  "UpdateLaunchConfiguration", NULL, (ItemParser) _drso_drs_parse_launch_configuration };
static const Operation get_replication_op = {
  "GetReplicationConfiguration", NULL, (ItemParser) _drso_drs_parse_replication_configuration };

/* GetLaunchConfiguration, UpdateLaunchConfiguration */

/**
 * drso_drs_get_launch_configuration_async:
 * @context: a #DrsoAwsContext
 * @source_server_id: the source server
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Reads how DRS launches a source server (GetLaunchConfiguration).
 */
void
drso_drs_get_launch_configuration_async (DrsoAwsContext      *context,
                                         const char          *source_server_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *request;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  request = json_object_new ();
  task = _drso_drs_call_new (context, &get_launch_op, request,
                             drso_drs_get_launch_configuration_async, cancellable, callback,
                             user_data);
  if (!_drso_drs_check_server_id (task, source_server_id))
    return;
  json_object_set_string_member (request, "sourceServerID", source_server_id);
  _drso_drs_call_single (g_steal_pointer (&task));
}

/**
 * drso_drs_get_launch_configuration_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the launch configuration, or %NULL on error
 */
DrsoLaunchConfiguration *
drso_drs_get_launch_configuration_finish (DrsoAwsContext  *context,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_get_launch_configuration_async, error);
}

/**
 * drso_drs_update_launch_configuration_async:
 * @context: a #DrsoAwsContext
 * @configuration: the configuration to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Changes how DRS launches a source server (UpdateLaunchConfiguration).
 * Sends the settable members that @configuration knows, as read from DRS or
 * set; the others stay as DRS has them. The EC2 launch template cannot be
 * changed this way.
 */
void
drso_drs_update_launch_configuration_async (DrsoAwsContext          *context,
                                            DrsoLaunchConfiguration *configuration,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *request;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));
  g_return_if_fail (DRSO_IS_LAUNCH_CONFIGURATION (configuration));

  request = json_object_new ();
  task = _drso_drs_call_new (context, &update_launch_op, request,
                             drso_drs_update_launch_configuration_async, cancellable, callback,
                             user_data);
  if (!_drso_drs_check_server_id (task, configuration->source_server_id))
    return;

  json_object_set_string_member (request, "sourceServerID", configuration->source_server_id);
  _drso_drs_add_string (request, "name", configuration->name);
  _drso_drs_add_string (request, "launchDisposition", configuration->launch_disposition);
  _drso_drs_add_string (request, "targetInstanceTypeRightSizingMethod",
                        configuration->target_instance_type_right_sizing_method);
  if (configuration->known & DRSO_LAUNCH_KNOWN_COPY_PRIVATE_IP)
    json_object_set_boolean_member (request, "copyPrivateIp", configuration->copy_private_ip);
  if (configuration->known & DRSO_LAUNCH_KNOWN_COPY_TAGS)
    json_object_set_boolean_member (request, "copyTags", configuration->copy_tags);
  if (configuration->known & DRSO_LAUNCH_KNOWN_OS_BYOL)
    {
      JsonObject *licensing = json_object_new ();

      json_object_set_boolean_member (licensing, "osByol", configuration->os_byol);
      json_object_set_object_member (request, "licensing", licensing);
    }
  if (configuration->known & DRSO_LAUNCH_KNOWN_POST_LAUNCH_ENABLED)
    json_object_set_boolean_member (request, "postLaunchEnabled",
                                    configuration->post_launch_enabled);
  _drso_drs_call_single (g_steal_pointer (&task));
}

/**
 * drso_drs_update_launch_configuration_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the launch configuration as DRS now has it, or
 *   %NULL on error
 */
DrsoLaunchConfiguration *
drso_drs_update_launch_configuration_finish (DrsoAwsContext  *context,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_update_launch_configuration_async, error);
}

/* GetReplicationConfiguration */

/**
 * drso_drs_get_replication_configuration_async:
 * @context: a #DrsoAwsContext
 * @source_server_id: the source server
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Reads how DRS replicates a source server (GetReplicationConfiguration).
 */
void
drso_drs_get_replication_configuration_async (DrsoAwsContext      *context,
                                              const char          *source_server_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *request;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  request = json_object_new ();
  task = _drso_drs_call_new (context, &get_replication_op, request,
                             drso_drs_get_replication_configuration_async, cancellable, callback,
                             user_data);
  if (!_drso_drs_check_server_id (task, source_server_id))
    return;
  json_object_set_string_member (request, "sourceServerID", source_server_id);
  _drso_drs_call_single (g_steal_pointer (&task));
}

/**
 * drso_drs_get_replication_configuration_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the replication configuration, or %NULL on error
 */
DrsoReplicationConfiguration *
drso_drs_get_replication_configuration_finish (DrsoAwsContext  *context,
                                               GAsyncResult    *result,
                                               GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_get_replication_configuration_async,
                                error);
}

/* ListTagsForResource */

static void
list_tags_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *tags;
  const char *data;
  gsize length;

  body = _drso_aws_client_send_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (body, &length);
  if (length == 0)
    data = "{}", length = 2;
  if (!_drso_json_check_text (data, length, DRSO_JSON_MAX_DEPTH, &error) ||
      !json_parser_load_from_data (parser, data, length, &error))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("DRS answered ListTagsForResource with JSON that could not be "
                                 "read: %s"), error->message);
      return;
    }

  tags = _drso_drs_parse_tags (json_parser_get_root (parser), &error);
  if (tags == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tags, (GDestroyNotify) g_hash_table_unref);
}

/**
 * drso_drs_list_tags_for_resource_async:
 * @context: a #DrsoAwsContext
 * @resource_arn: the ARN of a DRS resource, such as a source server or a job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Reads a DRS resource's tags (ListTagsForResource).
 */
void
drso_drs_list_tags_for_resource_async (DrsoAwsContext      *context,
                                       const char          *resource_arn,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON,
    .service = "drs",
    .method = "GET",
  };

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));
  g_return_if_fail (resource_arn != NULL);

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_drs_list_tags_for_resource_async);
  if (!g_str_has_prefix (resource_arn, "arn:"))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION,
                               _("“%s” is not an ARN"), resource_arn);
      return;
    }

  /* The ARN is a URI label: every reserved character is encoded, “:” and
   * “/” among them. The signer encodes the path once more. */
  escaped = g_uri_escape_string (resource_arn, NULL, FALSE);
  path = g_strconcat ("/tags/", escaped, NULL);
  call.region = drso_aws_context_get_region (context);
  call.account_endpoint = drso_aws_context_get_endpoint (context);
  call.path = path;
  call.credentials = drso_aws_context_get_credentials (context);
  _drso_aws_client_send_async (drso_aws_context_get_client (context), &call, cancellable,
                               list_tags_cb, g_steal_pointer (&task));
}

/**
 * drso_drs_list_tags_for_resource_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type utf8 utf8) (nullable): the tags, or %NULL on
 *   error
 */
GHashTable *
drso_drs_list_tags_for_resource_finish (DrsoAwsContext  *context,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_list_tags_for_resource_async, error);
}
