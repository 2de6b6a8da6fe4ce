/* drso-drs-calls.c
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
#include "drso-validation.h"

/* The DRS calls of a recovery: start and follow jobs, list recovery
 * instances and snapshots. Each POSTs a JSON object to /<Operation>; the list
 * calls follow nextToken to the last page. The calls that read and change
 * launch settings, and ListTagsForResource, are in drso-drs-config-calls.c. */

#define PAGE_SIZE 1000
#define MAX_PAGES 10000
#define MAX_SERVERS_PER_CALL 200

static const Operation start_recovery_op = {
  "StartRecovery", "job", (ItemParser) _drso_drs_parse_job };
static const Operation terminate_op = {
  "TerminateRecoveryInstances", "job", (ItemParser) _drso_drs_parse_job };
static const Operation describe_jobs_op = {
  "DescribeJobs", "items", (ItemParser) _drso_drs_parse_job };
static const Operation describe_log_op = {
  "DescribeJobLogItems", "items", (ItemParser) _drso_drs_parse_job_log_item };
static const Operation describe_instances_op = {
  "DescribeRecoveryInstances", "items", (ItemParser) _drso_drs_parse_recovery_instance };
static const Operation describe_snapshots_op = {
  "DescribeRecoverySnapshots", "items", (ItemParser) _drso_drs_parse_recovery_snapshot };

typedef struct
{
  const Operation *op;
  JsonObject      *request;
  GPtrArray       *items;       /* list calls only */
  char            *next_token;
  guint            pages;
} CallState;

static void
call_state_free (CallState *state)
{
  json_object_unref (state->request);
  g_clear_pointer (&state->items, g_ptr_array_unref);
  g_free (state->next_token);
  g_free (state);
}

/* Request building */

static void
add_strv (JsonObject         *object,
          const char         *name,
          const char * const *values)
{
  JsonArray *array;

  if (values == NULL || values[0] == NULL)
    return;
  array = json_array_new ();
  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, name, array);
}

void
_drso_drs_add_string (JsonObject *object,
                      const char *name,
                      const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

static JsonObject *
tags_object (GHashTable *tags)
{
  JsonObject *object = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (object, key, value);
  return object;
}

/* Local checks: AWS would refuse these anyway, with less to say. */

static gboolean
check_count (GTask      *task,
             const char *operation,
             const char *what,
             guint       count)
{
  if (count >= 1 && count <= MAX_SERVERS_PER_CALL)
    return TRUE;
  /* TRANSLATORS: e.g. “StartRecovery takes 1 to 200 source servers, not 201” */
  g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION,
                           _("%s takes 1 to %u %s, not %u"), operation, MAX_SERVERS_PER_CALL,
                           what, count);
  return FALSE;
}

gboolean
_drso_drs_check_server_id (GTask      *task,
                           const char *server_id)
{
  g_autoptr(GError) error = NULL;

  if (drso_validate_source_server_id (server_id, &error))
    return TRUE;
  g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION, "%s",
                           error->message);
  return FALSE;
}

/* Sending and reading */

GTask *
_drso_drs_call_new (DrsoAwsContext      *context,
                    const Operation     *op,
                    JsonObject          *request,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (context, cancellable, callback, user_data);
  CallState *state = g_new0 (CallState, 1);

  g_task_set_source_tag (task, source_tag);
  state->op = op;
  state->request = request;
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);
  return task;
}

static void
send_request (GTask               *task,
              GAsyncReadyCallback  callback)
{
  DrsoAwsContext *context = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(JsonNode) request = json_node_init_object (json_node_alloc (), state->request);
  g_autofree char *path = g_strconcat ("/", state->op->name, NULL);
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON,
    .service = "drs",
    .region = drso_aws_context_get_region (context),
    .account_endpoint = drso_aws_context_get_endpoint (context),
    .method = "POST",
    .path = path,
    .credentials = drso_aws_context_get_credentials (context),
  };

  _drso_aws_client_json_async (drso_aws_context_get_client (context), &call, request,
                               g_task_get_cancellable (task), callback, task);
}

static void
single_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonNode *node;
  gpointer object;

  answer = _drso_aws_client_json_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  node = answer;
  if (state->op->member != NULL)
    node = json_object_get_member (json_node_get_object (answer), state->op->member);
  if (node == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("DRS answered %s without “%s”"), state->op->name,
                               state->op->member);
      return;
    }

  object = state->op->parse (node, &error);
  if (object == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, object, g_object_unref);
}

/* Sends a call answered with one object; takes @task. */
void
_drso_drs_call_single (GTask *task)
{
  send_request (task, single_cb);
}

static void list_page (GTask *task);

static void
list_page_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  JsonNode *items, *token;

  answer = _drso_aws_client_json_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  object = json_node_get_object (answer);
  items = json_object_get_member (object, state->op->member);
  if (items != NULL && !JSON_NODE_HOLDS_NULL (items) && !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("DRS answered %s with “%s” that are not a list"),
                               state->op->name, state->op->member);
      return;
    }

  for (guint i = 0; items != NULL && JSON_NODE_HOLDS_ARRAY (items) &&
                    i < json_array_get_length (json_node_get_array (items)); i++)
    {
      gpointer item = state->op->parse (json_array_get_element (json_node_get_array (items), i),
                                        &error);

      if (item == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (state->items, item);
    }

  token = json_object_get_member (object, "nextToken");
  if (token != NULL && !JSON_NODE_HOLDS_NULL (token) &&
      (!JSON_NODE_HOLDS_VALUE (token) || json_node_get_value_type (token) != G_TYPE_STRING))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("DRS answered %s with a “nextToken” that is not a string"),
                               state->op->name);
      return;
    }
  if (token != NULL && JSON_NODE_HOLDS_VALUE (token) && *json_node_get_string (token) != '\0')
    {
      if (g_strcmp0 (state->next_token, json_node_get_string (token)) == 0 ||
          ++state->pages >= MAX_PAGES)
        {
          g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                                   _("DRS kept answering %s with the same page"),
                                   state->op->name);
          return;
        }
      g_free (state->next_token);
      state->next_token = g_strdup (json_node_get_string (token));
      list_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (state->items),
                         (GDestroyNotify) g_ptr_array_unref);
}

/* Sends one page of a list call; takes @task. */
static void
list_page (GTask *task)
{
  CallState *state = g_task_get_task_data (task);

  json_object_set_int_member (state->request, "maxResults", PAGE_SIZE);
  if (state->next_token != NULL)
    json_object_set_string_member (state->request, "nextToken", state->next_token);
  send_request (task, list_page_cb);
}

/* Starts a list call; takes @task. */
static void
call_list (GTask *task)
{
  CallState *state = g_task_get_task_data (task);

  state->items = g_ptr_array_new_with_free_func (g_object_unref);
  list_page (task);
}

gpointer
_drso_drs_call_finish (DrsoAwsContext  *context,
                       GAsyncResult    *result,
                       gpointer         source_tag,
                       GError         **error)
{
  g_return_val_if_fail (DRSO_IS_AWS_CONTEXT (context), NULL);
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* StartRecovery */

/**
 * drso_drs_start_recovery_async:
 * @context: a #DrsoAwsContext
 * @source_server_ids: (array length=n_servers): the source servers to recover
 * @snapshot_ids: (array length=n_servers) (nullable): for each server,
 *   the point-in-time snapshot to launch from, or %NULL (for all servers, or
 *   in place of one id) for the latest
 * @n_servers: the number of servers, 1 to 200
 * @is_drill: %TRUE for a drill, %FALSE for a recovery
 * @tags: (nullable) (element-type utf8 utf8): tags for the job
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when DRS has accepted or refused the job
 * @user_data: data for @callback
 *
 * Asks DRS to launch recovery instances for the servers (StartRecovery).
 * Other numbers of servers than 1 to 200, and ids that are not source server
 * ids, are refused without asking, with %DRSO_AWS_ERROR_VALIDATION.
 */
void
drso_drs_start_recovery_async (DrsoAwsContext      *context,
                               const char * const  *source_server_ids,
                               const char * const  *snapshot_ids,
                               guint                n_servers,
                               gboolean             is_drill,
                               GHashTable          *tags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *request;
  JsonArray *servers;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));
  g_return_if_fail (source_server_ids != NULL || n_servers == 0);

  request = json_object_new ();
  task = _drso_drs_call_new (context, &start_recovery_op, request,
                             drso_drs_start_recovery_async, cancellable, callback, user_data);
  if (!check_count (task, "StartRecovery", _("source servers"), n_servers))
    return;

  servers = json_array_new ();
  json_object_set_array_member (request, "sourceServers", servers);
  for (guint i = 0; i < n_servers; i++)
    {
      JsonObject *server;

      if (!_drso_drs_check_server_id (task, source_server_ids[i]))
        return;
      server = json_object_new ();
      json_object_set_string_member (server, "sourceServerID", source_server_ids[i]);
      if (snapshot_ids != NULL)
        _drso_drs_add_string (server, "recoverySnapshotID", snapshot_ids[i]);
      json_array_add_object_element (servers, server);
    }
  json_object_set_boolean_member (request, "isDrill", is_drill);
  if (tags != NULL && g_hash_table_size (tags) > 0)
    json_object_set_object_member (request, "tags", tags_object (tags));

  _drso_drs_call_single (g_steal_pointer (&task));
}

/**
 * drso_drs_start_recovery_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the job DRS started, or %NULL on error
 */
DrsoDrsJob *
drso_drs_start_recovery_finish (DrsoAwsContext  *context,
                                GAsyncResult    *result,
                                GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_start_recovery_async, error);
}

/* TerminateRecoveryInstances */

/**
 * drso_drs_terminate_recovery_instances_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1): the recovery instances
 *   to terminate, 1 to 200
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when DRS has accepted or refused the job
 * @user_data: data for @callback
 *
 * Asks DRS to terminate recovery instances (TerminateRecoveryInstances).
 * Other numbers of instances than 1 to 200 are refused without asking, with
 * %DRSO_AWS_ERROR_VALIDATION.
 */
void
drso_drs_terminate_recovery_instances_async (DrsoAwsContext      *context,
                                             const char * const  *instance_ids,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *request;
  guint n_instances;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  request = json_object_new ();
  task = _drso_drs_call_new (context, &terminate_op, request,
                             drso_drs_terminate_recovery_instances_async, cancellable, callback,
                             user_data);
  n_instances = instance_ids ? g_strv_length ((char **) instance_ids) : 0;
  if (!check_count (task, "TerminateRecoveryInstances", _("recovery instances"), n_instances))
    return;

  add_strv (request, "recoveryInstanceIDs", instance_ids);
  _drso_drs_call_single (g_steal_pointer (&task));
}

/**
 * drso_drs_terminate_recovery_instances_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the termination job, or %NULL on error
 */
DrsoDrsJob *
drso_drs_terminate_recovery_instances_finish (DrsoAwsContext  *context,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_terminate_recovery_instances_async,
                                error);
}

/* DescribeJobs */

/**
 * drso_drs_describe_jobs_async:
 * @context: a #DrsoAwsContext
 * @job_ids: (nullable) (array zero-terminated=1): only these jobs, or %NULL
 * @from_date: (nullable): only jobs created since, an ISO 8601 time such as
 *   `2026-01-15T10:00:00Z`
 * @to_date: (nullable): only jobs created until, an ISO 8601 time
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Lists DRS jobs (DescribeJobs), following `nextToken` to the last page.
 */
void
drso_drs_describe_jobs_async (DrsoAwsContext      *context,
                              const char * const  *job_ids,
                              const char          *from_date,
                              const char          *to_date,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  JsonObject *request, *filters;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  request = json_object_new ();
  filters = json_object_new ();
  add_strv (filters, "jobIDs", job_ids);
  _drso_drs_add_string (filters, "fromDate", from_date);
  _drso_drs_add_string (filters, "toDate", to_date);
  json_object_set_object_member (request, "filters", filters);
  call_list (_drso_drs_call_new (context, &describe_jobs_op, request,
                                 drso_drs_describe_jobs_async, cancellable, callback, user_data));
}

/**
 * drso_drs_describe_jobs_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoDrsJob) (nullable): the jobs, or %NULL on
 *   error
 */
GPtrArray *
drso_drs_describe_jobs_finish (DrsoAwsContext  *context,
                               GAsyncResult    *result,
                               GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_describe_jobs_async, error);
}

/* DescribeJobLogItems */

/**
 * drso_drs_describe_job_log_items_async:
 * @context: a #DrsoAwsContext
 * @job_id: the job whose log to read
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Reads a job's log (DescribeJobLogItems), following `nextToken` to the last
 * page.
 */
void
drso_drs_describe_job_log_items_async (DrsoAwsContext      *context,
                                       const char          *job_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  JsonObject *request;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));
  g_return_if_fail (job_id != NULL);

  request = json_object_new ();
  json_object_set_string_member (request, "jobID", job_id);
  call_list (_drso_drs_call_new (context, &describe_log_op, request,
                                 drso_drs_describe_job_log_items_async, cancellable, callback,
                                 user_data));
}

/**
 * drso_drs_describe_job_log_items_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoDrsJobLogItem) (nullable): the log, oldest
 *   first as DRS lists it, or %NULL on error
 */
GPtrArray *
drso_drs_describe_job_log_items_finish (DrsoAwsContext  *context,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_describe_job_log_items_async, error);
}

/* DescribeRecoveryInstances */

/**
 * drso_drs_describe_recovery_instances_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (nullable) (array zero-terminated=1): only these
 *   instances, or %NULL
 * @source_server_ids: (nullable) (array zero-terminated=1): only the
 *   instances of these source servers, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Lists recovery instances (DescribeRecoveryInstances), following
 * `nextToken` to the last page.
 */
void
drso_drs_describe_recovery_instances_async (DrsoAwsContext      *context,
                                            const char * const  *instance_ids,
                                            const char * const  *source_server_ids,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  JsonObject *request, *filters;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  request = json_object_new ();
  filters = json_object_new ();
  add_strv (filters, "recoveryInstanceIDs", instance_ids);
  add_strv (filters, "sourceServerIDs", source_server_ids);
  json_object_set_object_member (request, "filters", filters);
  call_list (_drso_drs_call_new (context, &describe_instances_op, request,
                                 drso_drs_describe_recovery_instances_async, cancellable,
                                 callback, user_data));
}

/**
 * drso_drs_describe_recovery_instances_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoRecoveryInstance) (nullable): the
 *   instances, or %NULL on error
 */
GPtrArray *
drso_drs_describe_recovery_instances_finish (DrsoAwsContext  *context,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_describe_recovery_instances_async, error);
}

/* DescribeRecoverySnapshots */

/**
 * drso_drs_describe_recovery_snapshots_async:
 * @context: a #DrsoAwsContext
 * @source_server_id: the source server whose snapshots to list
 * @from_date_time: (nullable): only snapshots taken since, an ISO 8601 time
 * @to_date_time: (nullable): only snapshots taken until, an ISO 8601 time
 * @order: (nullable): `ASC` for oldest first, `DESC` for newest first, or
 *   %NULL for DRS's order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Lists a source server's point-in-time snapshots
 * (DescribeRecoverySnapshots), following `nextToken` to the last page.
 */
void
drso_drs_describe_recovery_snapshots_async (DrsoAwsContext      *context,
                                            const char          *source_server_id,
                                            const char          *from_date_time,
                                            const char          *to_date_time,
                                            const char          *order,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  JsonObject *request, *filters;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  request = json_object_new ();
  task = _drso_drs_call_new (context, &describe_snapshots_op, request,
                             drso_drs_describe_recovery_snapshots_async, cancellable, callback,
                             user_data);
  if (!_drso_drs_check_server_id (task, source_server_id))
    return;
  if (order != NULL && !g_str_equal (order, "ASC") && !g_str_equal (order, "DESC"))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION,
                               _("“%s” is not an order of snapshots: use ASC or DESC"), order);
      return;
    }

  json_object_set_string_member (request, "sourceServerID", source_server_id);
  filters = json_object_new ();
  _drso_drs_add_string (filters, "fromDateTime", from_date_time);
  _drso_drs_add_string (filters, "toDateTime", to_date_time);
  json_object_set_object_member (request, "filters", filters);
  _drso_drs_add_string (request, "order", order);
  call_list (g_steal_pointer (&task));
}

/**
 * drso_drs_describe_recovery_snapshots_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoRecoverySnapshot) (nullable): the
 *   snapshots, or %NULL on error
 */
GPtrArray *
drso_drs_describe_recovery_snapshots_finish (DrsoAwsContext  *context,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  return _drso_drs_call_finish (context, result, drso_drs_describe_recovery_snapshots_async, error);
}
