/* drso-ec2.c
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

#include <stdlib.h>
#include <glib/gi18n-lib.h>

#include "drso-aws-client-private.h"
#include "drso-aws-error.h"
#include "drso-aws-query-private.h"
#include "drso-ec2.h"
#include "drso-ec2-parse-private.h"

#define EC2_VERSION "2016-11-15"
#define PAGE_SIZE "1000"
#define MAX_PAGES 10000
#define MAX_TERMINATE 1000

/* The EC2 calls: what differs between them, the request bodies, the paging
 * and the public _async and _finish functions. drso-ec2-parse.c reads the
 * answers into the classes of drso-ec2-types.c. */

/* What differs between the calls: the action, how ids are sent, where the
 * answer's list is and how to read one of its items. */
typedef struct
{
  const char           *action;
  const char           *id_name;
  const char           *list_path;
  DrsoEc2ParseItemFunc  parse_item;
  gboolean              paginated;
} Operation;

static const Operation describe_instances = {
  "DescribeInstances", "InstanceId", "reservationSet", _drso_ec2_parse_reservation, TRUE,
};
static const Operation describe_instance_status = {
  "DescribeInstanceStatus", "InstanceId", "instanceStatusSet", _drso_ec2_parse_instance_status,
  TRUE,
};
static const Operation terminate_instances = {
  "TerminateInstances", "InstanceId", "instancesSet", _drso_ec2_parse_state_change, FALSE,
};
static const Operation describe_subnets = {
  "DescribeSubnets", "SubnetId", "subnetSet", _drso_ec2_parse_subnet, TRUE,
};
static const Operation describe_security_groups = {
  "DescribeSecurityGroups", "GroupId", "securityGroupInfo", _drso_ec2_parse_security_group, TRUE,
};

typedef struct
{
  const Operation *operation;
  GStrv            ids;
  GStrv            filter_names;   /* sorted, so requests are reproducible */
  GStrv            filter_values;
  gboolean         include_all;
  GPtrArray       *results;
  char            *next_token;
  GHashTable      *seen_tokens;
  guint            pages;
} CallState;

static void
call_state_free (CallState *state)
{
  g_strfreev (state->ids);
  g_strfreev (state->filter_names);
  g_strfreev (state->filter_values);
  g_ptr_array_unref (state->results);
  g_free (state->next_token);
  g_hash_table_unref (state->seen_tokens);
  g_free (state);
}

/* Adds a member of a flattened list: @prefix.@index@suffix=@value. */
static void
add_indexed (DrsoQueryBuilder *builder,
             const char       *prefix,
             guint             index,
             const char       *suffix,
             const char       *value)
{
  g_autofree char *name = g_strdup_printf ("%s.%u%s", prefix, index, suffix);

  _drso_query_builder_add (builder, name, value);
}

/* The form body of the next page's request. */
static GBytes *
build_body (CallState *state)
{
  DrsoQueryBuilder *builder = _drso_query_builder_new (state->operation->action, EC2_VERSION);

  for (guint i = 0; state->ids != NULL && state->ids[i] != NULL; i++)
    add_indexed (builder, state->operation->id_name, i + 1, "", state->ids[i]);
  for (guint i = 0; state->filter_names != NULL && state->filter_names[i] != NULL; i++)
    {
      add_indexed (builder, "Filter", i + 1, ".Name", state->filter_names[i]);
      add_indexed (builder, "Filter", i + 1, ".Value.1", state->filter_values[i]);
    }
  if (state->include_all)
    _drso_query_builder_add (builder, "IncludeAllInstances", "true");
  /* EC2 refuses MaxResults together with ids; with ids it answers all of them. */
  if (state->operation->paginated && state->ids == NULL)
    _drso_query_builder_add (builder, "MaxResults", PAGE_SIZE);
  if (state->next_token != NULL)
    _drso_query_builder_add (builder, "NextToken", state->next_token);
  return _drso_query_builder_end (builder);
}

/* Reads one page: its items into @state, and its next token. */
static gboolean
read_page (CallState    *state,
           GBytes       *body,
           char        **next_token,
           GError      **error)
{
  const Operation *operation = state->operation;
  g_autofree char *token = NULL;

  if (!_drso_ec2_parse_page (body, operation->action, operation->list_path,
                             operation->parse_item, state->results, &token, error))
    return FALSE;

  *next_token = operation->paginated ? g_steal_pointer (&token) : NULL;
  return TRUE;
}

static void send_page (GTask *task);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *next_token = NULL;

  body = _drso_aws_client_send_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (body == NULL || !read_page (state, body, &next_token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (next_token != NULL)
    {
      if (!g_hash_table_add (state->seen_tokens, g_strdup (next_token)) ||
          ++state->pages >= MAX_PAGES)
        {
          g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                                   _("EC2 kept answering %s with pages it had already sent"),
                                   state->operation->action);
          return;
        }
      g_free (state->next_token);
      state->next_token = g_steal_pointer (&next_token);
      send_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (state->results),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
send_page (GTask *task)
{
  DrsoAwsContext *context = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = build_body (state);
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_EC2,
    .service = "ec2",
    .region = drso_aws_context_get_region (context),
    .account_endpoint = drso_aws_context_get_endpoint (context),
    .method = "POST",
    .path = "/",
    .body = body,
    .credentials = drso_aws_context_get_credentials (context),
  };

  _drso_aws_client_send_async (drso_aws_context_get_client (context), &call,
                               g_task_get_cancellable (task), page_cb, task);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Starts @operation; an empty @ids is the same as none. */
static void
start_call (DrsoAwsContext      *context,
            const Operation     *operation,
            const char * const  *ids,
            GHashTable          *filters,
            gboolean             include_all,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (context, cancellable, callback, user_data);
  CallState *state = g_new0 (CallState, 1);

  g_task_set_source_tag (task, source_tag);
  state->operation = operation;
  state->ids = ids != NULL && ids[0] != NULL ? g_strdupv ((char **) ids) : NULL;
  state->include_all = include_all;
  state->results = g_ptr_array_new_with_free_func (g_object_unref);
  state->seen_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (filters != NULL && g_hash_table_size (filters) > 0)
    {
      guint n_filters;
      g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (filters,
                                                                                    &n_filters);

      qsort (names, n_filters, sizeof (char *), compare_names);
      state->filter_names = g_strdupv ((char **) names);
      state->filter_values = g_new0 (char *, n_filters + 1);
      for (guint i = 0; i < n_filters; i++)
        state->filter_values[i] = g_strdup (g_hash_table_lookup (filters, names[i]));
    }
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);
  send_page (task);
}

/**
 * drso_ec2_describe_instances_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1) (nullable): the instances to
 *   describe, or %NULL for all of them
 * @filters: (element-type utf8 utf8) (nullable): EC2 filter names, such as
 *   `tag:Tier` or `instance-state-name`, each with the one value to match
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Describes the context's EC2 instances, following `NextToken` to the last
 * page.
 */
void
drso_ec2_describe_instances_async (DrsoAwsContext      *context,
                                   const char * const  *instance_ids,
                                   GHashTable          *filters,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_instances, instance_ids, filters, FALSE,
              drso_ec2_describe_instances_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_instances_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoEc2Instance) (nullable): the
 *   instances of every reservation, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_instances_finish (DrsoAwsContext  *context,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_instances_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_describe_instance_status_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1) (nullable): the instances, or
 *   %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Asks for the state and status checks of instances, whatever their state
 * (`IncludeAllInstances`), following `NextToken` to the last page.
 */
void
drso_ec2_describe_instance_status_async (DrsoAwsContext      *context,
                                         const char * const  *instance_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_instance_status, instance_ids, NULL, TRUE,
              drso_ec2_describe_instance_status_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_instance_status_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoEc2InstanceStatus) (nullable):
 *   the statuses, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_instance_status_finish (DrsoAwsContext  *context,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_instance_status_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_terminate_instances_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1): the instances to terminate, 1 to
 *   1000 of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when EC2 has answered
 * @user_data: data for @callback
 *
 * Terminates instances. An empty list, an empty id or more than 1000 ids
 * fail with %DRSO_AWS_ERROR_VALIDATION without calling EC2.
 */
void
drso_ec2_terminate_instances_async (DrsoAwsContext      *context,
                                    const char * const  *instance_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  guint n_ids = instance_ids != NULL ? g_strv_length ((char **) instance_ids) : 0;
  g_autofree char *refusal = NULL;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  if (n_ids == 0)
    refusal = g_strdup (_("TerminateInstances needs at least one instance id"));
  else if (n_ids > MAX_TERMINATE)
    refusal = g_strdup_printf (_("TerminateInstances takes at most %u instance ids, not %u"),
                               MAX_TERMINATE, n_ids);
  for (guint i = 0; refusal == NULL && i < n_ids; i++)
    if (*instance_ids[i] == '\0')
      refusal = g_strdup (_("TerminateInstances was given an empty instance id"));

  if (refusal != NULL)
    {
      g_autoptr(GTask) task = g_task_new (context, cancellable, callback, user_data);

      g_task_set_source_tag (task, drso_ec2_terminate_instances_async);
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION, "%s", refusal);
      return;
    }

  start_call (context, &terminate_instances, instance_ids, NULL, FALSE,
              drso_ec2_terminate_instances_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_terminate_instances_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoEc2StateChange) (nullable): the
 *   state changes, or %NULL on error
 */
GPtrArray *
drso_ec2_terminate_instances_finish (DrsoAwsContext  *context,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_terminate_instances_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_describe_subnets_async:
 * @context: a #DrsoAwsContext
 * @subnet_ids: (array zero-terminated=1) (nullable): the subnets, or %NULL
 *   for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Describes VPC subnets, following `NextToken` to the last page.
 */
void
drso_ec2_describe_subnets_async (DrsoAwsContext      *context,
                                 const char * const  *subnet_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_subnets, subnet_ids, NULL, FALSE,
              drso_ec2_describe_subnets_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_subnets_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoEc2Subnet) (nullable): the
 *   subnets, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_subnets_finish (DrsoAwsContext  *context,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_subnets_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_describe_security_groups_async:
 * @context: a #DrsoAwsContext
 * @group_ids: (array zero-terminated=1) (nullable): the security groups, or
 *   %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Describes security groups, following `NextToken` to the last page.
 */
void
drso_ec2_describe_security_groups_async (DrsoAwsContext      *context,
                                         const char * const  *group_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_security_groups, group_ids, NULL, FALSE,
              drso_ec2_describe_security_groups_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_security_groups_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoEc2SecurityGroup) (nullable):
 *   the security groups, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_security_groups_finish (DrsoAwsContext  *context,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_security_groups_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
