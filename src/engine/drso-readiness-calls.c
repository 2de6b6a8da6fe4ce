/* drso-readiness-calls.c
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


#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-client-private.h"
#include "drso-aws-context.h"
#include "drso-aws-credentials-provider.h"
#include "drso-aws-error.h"
#include "drso-drs-parse-private.h"
#include "drso-drs.h"
#include "drso-readiness-private.h"

/* What a readiness check asks DRS: credentials per account, then per
 * account and region DescribeSourceServers and DescribeRecoveryInstances
 * (200 servers a call), then per server its newest recovery snapshot and
 * its launch configuration, never more than eight calls in flight. */

/* How many DRS calls one check keeps in flight, and how many servers one
 * DescribeSourceServers or DescribeRecoveryInstances call names. */
#define MAX_IN_FLIGHT 8
#define IDS_PER_CALL  200

typedef enum
{
  OP_CREDENTIALS,
  OP_DESCRIBE,
  OP_INSTANCES,
  OP_SNAPSHOTS,
  OP_LAUNCH,
} OpKind;

/* One call to make: its kind, the account and region, and the servers. */
typedef struct
{
  OpKind           kind;
  GTask           *task;
  ReadinessTarget *target;        /* borrowed from the check */
  DrsoAwsContext  *context;       /* NULL for OP_CREDENTIALS */
  GPtrArray       *servers;       /* ReadinessServer, borrowed */
  char            *next_token;
} Op;

static void pump (GTask *task);

static void
op_free (Op *op)
{
  g_clear_object (&op->task);
  g_clear_object (&op->context);
  g_clear_pointer (&op->servers, g_ptr_array_unref);
  g_free (op->next_token);
  g_free (op);
}

void
_drso_readiness_check_free (ReadinessCheck *check)
{
  g_queue_clear_full (&check->pending, (GDestroyNotify) op_free);
  g_clear_object (&check->input.store);
  g_clear_object (&check->input.plan);
  g_clear_pointer (&check->input.servers, g_ptr_array_unref);
  g_clear_pointer (&check->input.targets, g_ptr_array_unref);
  g_clear_object (&check->client);
  g_clear_pointer (&check->providers, g_hash_table_unref);
  g_free (check);
}

static void
queue_op (GTask           *task,
          OpKind           kind,
          ReadinessTarget *target,
          DrsoAwsContext  *context,
          GPtrArray       *servers)
{
  ReadinessCheck *check = g_task_get_task_data (task);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->task = g_object_ref (task);
  op->target = target;
  op->context = context ? g_object_ref (context) : NULL;
  op->servers = servers;
  g_queue_push_tail (&check->pending, op);
}

/* The servers of @target in slices of IDS_PER_CALL, each an op of @kind. */
static void
queue_slices (GTask           *task,
              OpKind           kind,
              ReadinessTarget *target,
              DrsoAwsContext  *context,
              GPtrArray       *servers)
{
  for (guint start = 0; start < servers->len; start += IDS_PER_CALL)
    {
      GPtrArray *slice = g_ptr_array_new ();

      for (guint i = start; i < servers->len && i < start + IDS_PER_CALL; i++)
        g_ptr_array_add (slice, g_ptr_array_index (servers, i));
      queue_op (task, kind, target, context, slice);
    }
}

static GPtrArray *
one_server (ReadinessServer *server)
{
  GPtrArray *servers = g_ptr_array_new ();

  g_ptr_array_add (servers, server);
  return servers;
}

static char **
server_ids (GPtrArray *servers)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **ids;

  for (guint i = 0; i < servers->len; i++)
    g_strv_builder_add (builder, ((ReadinessServer *) g_ptr_array_index (servers, i))->server_id);
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ids;
}

/* Ends @op; when it was the last, evaluates what the calls found. Returns
 * FALSE when the check was cancelled, so the caller records nothing. */
static gboolean
op_done (Op     *op,
         GError *error)
{
  g_autoptr(GTask) task = g_object_ref (op->task);
  ReadinessCheck *check = g_task_get_task_data (task);

  g_assert (check->in_flight > 0);
  check->in_flight--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      op_free (op);
      pump (task);
      return FALSE;
    }
  return TRUE;
}

static void
op_next (Op *op)
{
  g_autoptr(GTask) task = g_object_ref (op->task);

  op_free (op);
  pump (task);
}

/* A DRS rest-json call whose answer the engine reads itself: the public
 * calls of drso-drs.h neither filter DescribeSourceServers by server nor
 * stop DescribeRecoverySnapshots after one page. */
static void
post_drs (Op                  *op,
          const char          *path,
          JsonObject          *request,
          GAsyncReadyCallback  callback)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), request);
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON,
    .service = "drs",
    .region = drso_aws_context_get_region (op->context),
    .account_endpoint = drso_aws_context_get_endpoint (op->context),
    .method = "POST",
    .path = path,
    .credentials = drso_aws_context_get_credentials (op->context),
  };

  _drso_aws_client_json_async (drso_aws_context_get_client (op->context), &call, node,
                               g_task_get_cancellable (op->task), callback, op);
  json_object_unref (request);
}

static const char *
next_token_of (JsonObject *answer)
{
  JsonNode *token = json_object_get_member (answer, "nextToken");

  if (token == NULL || !JSON_NODE_HOLDS_VALUE (token) ||
      json_node_get_value_type (token) != G_TYPE_STRING || *json_node_get_string (token) == '\0')
    return NULL;
  return json_node_get_string (token);
}

static JsonArray *
items_of (JsonNode *answer)
{
  JsonNode *items;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  items = json_object_get_member (json_node_get_object (answer), "items");
  return items != NULL && JSON_NODE_HOLDS_ARRAY (items) ? json_node_get_array (items) : NULL;
}

/* DescribeSourceServers, filtered to the op's servers */

static void start_describe (Op *op);

static ReadinessServer *
find_server (GPtrArray  *servers,
             const char *server_id)
{
  for (guint i = 0; i < servers->len; i++)
    {
      ReadinessServer *server = g_ptr_array_index (servers, i);

      if (g_strcmp0 (server->server_id, server_id) == 0)
        return server;
    }
  return NULL;
}

static void
described_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *items;
  const char *token;

  answer = _drso_aws_client_json_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (!op_done (op, error))
    return;
  if (answer == NULL)
    {
      if (op->target->describe_error == NULL)
        op->target->describe_error = g_strdup (error->message);
      op_next (op);
      return;
    }

  items = items_of (answer);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      g_autoptr(DrsoSourceServer) live = NULL;
      ReadinessServer *server;

      live = _drso_drs_parse_source_server (json_array_get_element (items, i),
                                            op->target->account_id, op->target->region, NULL);
      server = live ? find_server (op->servers, drso_source_server_get_source_server_id (live))
                    : NULL;
      if (server != NULL)
        g_set_object (&server->live, live);
    }

  token = next_token_of (json_node_get_object (answer));
  if (token != NULL && g_strcmp0 (token, op->next_token) != 0)
    {
      g_free (op->next_token);
      op->next_token = g_strdup (token);
      start_describe (op);
      return;
    }

  /* Every server DRS knows gets its own calls. */
  for (guint i = 0; i < op->servers->len; i++)
    {
      ReadinessServer *server = g_ptr_array_index (op->servers, i);

      server->described = TRUE;
      if (server->live == NULL)
        continue;
      queue_op (op->task, OP_SNAPSHOTS, op->target, op->context, one_server (server));
      queue_op (op->task, OP_LAUNCH, op->target, op->context, one_server (server));
    }
  op_next (op);
}

static void
start_describe (Op *op)
{
  JsonObject *request = json_object_new ();
  JsonObject *filters = json_object_new ();
  JsonArray *ids = json_array_new ();
  ReadinessCheck *check = g_task_get_task_data (op->task);

  check->in_flight++;
  for (guint i = 0; i < op->servers->len; i++)
    {
      ReadinessServer *server = g_ptr_array_index (op->servers, i);

      json_array_add_string_element (ids, server->server_id);
    }
  json_object_set_array_member (filters, "sourceServerIDs", ids);
  json_object_set_object_member (request, "filters", filters);
  json_object_set_int_member (request, "maxResults", IDS_PER_CALL);
  if (op->next_token != NULL)
    json_object_set_string_member (request, "nextToken", op->next_token);
  post_drs (op, "/DescribeSourceServers", request, described_cb);
}

/* DescribeRecoveryInstances */

static void
instances_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;

  instances = drso_drs_describe_recovery_instances_finish (DRSO_AWS_CONTEXT (source), result,
                                                           &error);
  if (!op_done (op, error))
    return;
  if (instances == NULL && op->target->instances_error == NULL)
    op->target->instances_error = g_strdup (error->message);

  for (guint i = 0; instances != NULL && i < instances->len; i++)
    {
      DrsoRecoveryInstance *instance = g_ptr_array_index (instances, i);
      const char *state = drso_recovery_instance_get_ec2_instance_state (instance);
      ReadinessServer *server =
        find_server (op->servers, drso_recovery_instance_get_source_server_id (instance));

      /* An instance that is gone or going does not stand in the way. */
      if (server == NULL || g_strcmp0 (state, "TERMINATED") == 0 ||
          g_strcmp0 (state, "SHUTTING-DOWN") == 0 || g_strcmp0 (state, "NOT_FOUND") == 0)
        continue;
      g_free (server->instance_id);
      server->instance_id = g_strdup (drso_recovery_instance_get_ec2_instance_id (instance) ?
                                      drso_recovery_instance_get_ec2_instance_id (instance) :
                                      drso_recovery_instance_get_recovery_instance_id (instance));
      server->instance_is_drill = drso_recovery_instance_get_is_drill (instance);
    }
  op_next (op);
}

/* The newest recovery snapshot (one page of one), or the pinned one */

static gint64
snapshot_time (DrsoRecoverySnapshot *snapshot)
{
  gint64 taken = drso_recovery_snapshot_get_timestamp (snapshot);

  return taken > 0 ? taken : drso_recovery_snapshot_get_expected_timestamp (snapshot);
}

static void
newest_snapshot_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Op *op = user_data;
  ReadinessServer *server = g_ptr_array_index (op->servers, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *items;

  answer = _drso_aws_client_json_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (!op_done (op, error))
    return;
  if (answer == NULL)
    {
      server->snapshot_error = g_strdup (error->message);
      op_next (op);
      return;
    }

  server->snapshots_checked = TRUE;
  items = items_of (answer);
  if (items != NULL && json_array_get_length (items) > 0)
    {
      g_autoptr(DrsoRecoverySnapshot) snapshot =
        _drso_drs_parse_recovery_snapshot (json_array_get_element (items, 0), NULL);

      if (snapshot != NULL)
        server->latest_snapshot = snapshot_time (snapshot);
    }
  op_next (op);
}

static void
all_snapshots_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Op *op = user_data;
  ReadinessServer *server = g_ptr_array_index (op->servers, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;

  snapshots = drso_drs_describe_recovery_snapshots_finish (DRSO_AWS_CONTEXT (source), result,
                                                           &error);
  if (!op_done (op, error))
    return;
  if (snapshots == NULL)
    {
      server->snapshot_error = g_strdup (error->message);
      op_next (op);
      return;
    }

  server->snapshots_checked = TRUE;
  for (guint i = 0; i < snapshots->len; i++)
    {
      DrsoRecoverySnapshot *snapshot = g_ptr_array_index (snapshots, i);

      server->latest_snapshot = MAX (server->latest_snapshot, snapshot_time (snapshot));
      if (g_strcmp0 (drso_recovery_snapshot_get_snapshot_id (snapshot),
                     server->pinned_snapshot) == 0)
        server->pinned_found = TRUE;
    }
  op_next (op);
}

static void
start_snapshots (Op *op)
{
  ReadinessServer *server = g_ptr_array_index (op->servers, 0);
  ReadinessCheck *check = g_task_get_task_data (op->task);
  JsonObject *request;

  check->in_flight++;
  /* A pinned snapshot may be old: only the whole list shows it exists. */
  if (server->pinned_snapshot != NULL)
    {
      drso_drs_describe_recovery_snapshots_async (op->context, server->server_id, NULL, NULL,
                                                  "DESC", g_task_get_cancellable (op->task),
                                                  all_snapshots_cb, op);
      return;
    }

  request = json_object_new ();
  json_object_set_string_member (request, "sourceServerID", server->server_id);
  json_object_set_string_member (request, "order", "DESC");
  json_object_set_int_member (request, "maxResults", 1);
  post_drs (op, "/DescribeRecoverySnapshots", request, newest_snapshot_cb);
}

/* GetLaunchConfiguration */

static void
launch_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Op *op = user_data;
  ReadinessServer *server = g_ptr_array_index (op->servers, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoLaunchConfiguration) configuration = NULL;

  configuration = drso_drs_get_launch_configuration_finish (DRSO_AWS_CONTEXT (source), result,
                                                            &error);
  if (!op_done (op, error))
    return;
  if (configuration != NULL)
    server->launch = READINESS_LAUNCH_PRESENT;
  else if (g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NOT_FOUND))
    server->launch = READINESS_LAUNCH_MISSING;
  else
    server->launch_error = g_strdup (error->message);
  op_next (op);
}

/* Credentials, then the calls of one account and region */

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Op *op = user_data;
  ReadinessTarget *target = op->target;
  ReadinessCheck *check = g_task_get_task_data (op->task);
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GError) error = NULL;

  credentials = drso_aws_credentials_provider_get_finish (DRSO_AWS_CREDENTIALS_PROVIDER (source),
                                                          result, &error);
  if (!op_done (op, error))
    return;
  if (credentials == NULL)
    {
      target->credentials_error = g_strdup (error->message);
      op_next (op);
      return;
    }

  context = drso_aws_context_new (check->client, target->account_id, target->region,
                                  drso_aws_client_get_account_endpoint (check->client,
                                                                        target->account),
                                  credentials);
  queue_slices (op->task, OP_DESCRIBE, target, context, target->servers);
  queue_slices (op->task, OP_INSTANCES, target, context, target->servers);
  op_next (op);
}

static void
start_op (Op *op)
{
  ReadinessCheck *check = g_task_get_task_data (op->task);
  GCancellable *cancellable = g_task_get_cancellable (op->task);
  DrsoAwsCredentialsProvider *provider;
  ReadinessServer *server;
  g_auto(GStrv) ids = NULL;

  switch (op->kind)
    {
    case OP_CREDENTIALS:
      provider = g_hash_table_lookup (check->providers, op->target->account_id);
      check->in_flight++;
      drso_aws_credentials_provider_get_async (provider, cancellable, credentials_cb, op);
      break;
    case OP_DESCRIBE:
      start_describe (op);
      break;
    case OP_INSTANCES:
      ids = server_ids (op->servers);
      check->in_flight++;
      drso_drs_describe_recovery_instances_async (op->context, NULL, (const char * const *) ids,
                                                  cancellable, instances_cb, op);
      break;
    case OP_SNAPSHOTS:
      start_snapshots (op);
      break;
    case OP_LAUNCH:
      server = g_ptr_array_index (op->servers, 0);
      check->in_flight++;
      drso_drs_get_launch_configuration_async (op->context, server->server_id, cancellable,
                                               launch_cb, op);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Starts what waits while fewer than MAX_IN_FLIGHT calls are out; once
 * nothing is left, the rules read the answers. */
static void
pump (GTask *task)
{
  ReadinessCheck *check = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_cancellable_is_cancelled (cancellable))
    g_queue_clear_full (&check->pending, (GDestroyNotify) op_free);

  while (check->in_flight < MAX_IN_FLIGHT && !g_queue_is_empty (&check->pending))
    start_op (g_queue_pop_head (&check->pending));

  if (check->in_flight > 0 || !g_queue_is_empty (&check->pending) || check->returned)
    return;
  check->returned = TRUE;
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, _drso_readiness_evaluate (&check->input), g_object_unref);
}

/* Queues the credentials of each account and region that has an account,
 * then starts the calls; the task returns the report once they are back. */
void
_drso_readiness_start_calls (GTask *task)
{
  ReadinessCheck *check = g_task_get_task_data (task);

  for (guint i = 0; i < check->input.targets->len; i++)
    {
      ReadinessTarget *target = g_ptr_array_index (check->input.targets, i);

      if (target->credentials_error == NULL)
        queue_op (task, OP_CREDENTIALS, target, NULL, NULL);
    }
  pump (task);
}
