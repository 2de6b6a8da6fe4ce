/* drso-drs.c
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
#include "drso-drs-parse-private.h"
#include "drso-drs.h"

#define PAGE_SIZE 1000
#define MAX_PAGES 10000

typedef struct
{
  GPtrArray  *servers;
  char       *next_token;
  GHashTable *seen_tokens;
  guint       pages;
} ListState;

static void
list_state_free (ListState *state)
{
  g_ptr_array_unref (state->servers);
  g_free (state->next_token);
  g_hash_table_unref (state->seen_tokens);
  g_free (state);
}

static void describe_page (GTask *task);

static void
describe_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DrsoAwsContext *context = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
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
  items = json_object_get_member (object, "items");
  if (items != NULL && !JSON_NODE_HOLDS_NULL (items) && !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("DRS answered DescribeSourceServers with items that are not a "
                                 "list"));
      return;
    }

  for (guint i = 0; items != NULL && JSON_NODE_HOLDS_ARRAY (items) &&
                    i < json_array_get_length (json_node_get_array (items)); i++)
    {
      DrsoSourceServer *server;

      server = _drso_drs_parse_source_server (json_array_get_element (json_node_get_array (items), i),
                                              drso_aws_context_get_account_id (context),
                                              drso_aws_context_get_region (context), &error);
      if (server == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (state->servers, server);
    }

  _drso_aws_context_page_received (context, state->servers->len);

  token = json_object_get_member (object, "nextToken");
  if (token != NULL && JSON_NODE_HOLDS_VALUE (token) &&
      json_node_get_value_type (token) == G_TYPE_STRING && *json_node_get_string (token) != '\0')
    {
      /* A token seen before would page forever. */
      if (!g_hash_table_add (state->seen_tokens, g_strdup (json_node_get_string (token))) ||
          ++state->pages >= MAX_PAGES)
        {
          g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                                   _("DRS kept answering with the same page of source servers"));
          return;
        }
      g_free (state->next_token);
      state->next_token = g_strdup (json_node_get_string (token));
      describe_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (state->servers),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
describe_page (GTask *task)
{
  DrsoAwsContext *context = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON,
    .service = "drs",
    .region = drso_aws_context_get_region (context),
    .account_endpoint = drso_aws_context_get_endpoint (context),
    .method = "POST",
    .path = "/DescribeSourceServers",
    .credentials = drso_aws_context_get_credentials (context),
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filters");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "maxResults");
  json_builder_add_int_value (builder, PAGE_SIZE);
  if (state->next_token != NULL)
    {
      json_builder_set_member_name (builder, "nextToken");
      json_builder_add_string_value (builder, state->next_token);
    }
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);

  _drso_aws_client_json_async (drso_aws_context_get_client (context), &call, request,
                               g_task_get_cancellable (task), describe_page_cb, task);
}

/**
 * drso_drs_describe_source_servers_async:
 * @context: a #DrsoAwsContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Lists every DRS source server of the context's account and region,
 * following `nextToken` to the last page.
 */
void
drso_drs_describe_source_servers_async (DrsoAwsContext      *context,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  ListState *state;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_drs_describe_source_servers_async);
  state = g_new0 (ListState, 1);
  state->servers = g_ptr_array_new_with_free_func (g_object_unref);
  state->seen_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, state, (GDestroyNotify) list_state_free);
  describe_page (task);
}

/**
 * drso_drs_describe_source_servers_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type DrsoSourceServer) (nullable): the
 *   servers, or %NULL on error
 */
GPtrArray *
drso_drs_describe_source_servers_finish (DrsoAwsContext  *context,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
