/* drso-cli-util.c
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
#include <stdio.h>
#include <string.h>

#include "drso-cli.h"

DrsoStore *
drso_cli_get_store (DrsoCli  *cli,
                    GError  **error)
{
  if (cli->store == NULL)
    cli->store = drso_store_new (NULL, error);
  return cli->store;
}

/* One clear line on stderr, and the exit code that says what kind of failure
 * it was. */
int
drso_cli_fail (const GError *error)
{
  g_printerr ("drso: %s\n", error->message);

  if (error->domain == DRSO_PERMISSION_ERROR ||
      g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_ACCESS_DENIED))
    return DRSO_EXIT_NOT_PERMITTED;
  if (drso_error_is_not_found (error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NOT_FOUND))
    return DRSO_EXIT_NOT_FOUND;
  if (drso_error_is_conflict (error) ||
      g_error_matches (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CONFLICT))
    return DRSO_EXIT_CONFLICT;
  return DRSO_EXIT_FAILED;
}

int
drso_cli_usage (const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("drso: %s\n", message);
  return DRSO_EXIT_USAGE;
}

/* Parses a command's options; on failure or --help sets the exit code. */
gboolean
drso_cli_parse (GOptionEntry   *entries,
                const char     *usage,
                int            *argc,
                char         ***argv,
                int            *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = drso_cli_usage ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Calls for a simulated account go to the data folder's Sandbox: find it,
 * or serve it from this process while the command runs. */
gboolean
drso_cli_attach_sandbox (DrsoCli     *cli,
                         const char  *account_id,
                         GError     **error)
{
  DrsoStore *store = drso_cli_get_store (cli, error);
  g_autoptr(DrsoAccount) account = NULL;
  g_autofree char *data_dir = NULL, *url = NULL;

  if (store == NULL)
    return FALSE;
  account = drso_store_lookup_account (store, account_id, NULL);
  if (account == NULL || !drso_account_get_simulated (account) || cli->sandbox != NULL)
    return TRUE;

  data_dir = g_path_get_dirname (drso_store_get_path (store));
  url = drso_sandbox_connect (data_dir, DRSO_SANDBOX_SHARED_TIME_SCALE, &cli->sandbox, error);
  if (url == NULL)
    return FALSE;
  drso_aws_client_set_sandbox_url (drso_aws_client_get_default (), url);
  return TRUE;
}

/* Calls for the plan's simulated accounts go to the data folder's Sandbox. */
gboolean
drso_cli_attach_plan (DrsoCli           *cli,
                      DrsoRecoveryPlan  *plan,
                      GError           **error)
{
  DrsoStore *store = drso_cli_get_store (cli, error);
  g_auto(GStrv) group_ids = drso_recovery_plan_dup_group_ids (plan);

  if (store == NULL)
    return FALSE;
  for (guint i = 0; group_ids[i] != NULL; i++)
    {
      g_autoptr(DrsoProtectionGroup) group =
        drso_store_lookup_protection_group (store, group_ids[i], NULL);

      if (group != NULL &&
          !drso_cli_attach_sandbox (cli, drso_protection_group_get_account_id (group), error))
        return FALSE;
    }
  return TRUE;
}

void
drso_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Prints rows (GStrv each, the first row the header) in aligned columns. */
void
drso_cli_print_table (GPtrArray *rows)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, TRUE, sizeof (glong));

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; row[c] != NULL; c++)
        {
          glong width = g_utf8_strlen (row[c], -1);

          if (c >= widths->len)
            g_array_set_size (widths, c + 1);
          g_array_index (widths, glong, c) = MAX (g_array_index (widths, glong, c), width);
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; row[c] != NULL; c++)
        {
          g_string_append (line, row[c]);
          if (row[c + 1] != NULL)
            {
              glong pad = g_array_index (widths, glong, c) - g_utf8_strlen (row[c], -1) + 2;

              for (glong i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
            }
        }
      g_print ("%s\n", line->str);
    }
}

void
drso_cli_add_row (GPtrArray *rows,
                  ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *cell;
  va_list args;

  va_start (args, rows);
  while ((cell = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, cell);
  va_end (args);
  g_ptr_array_add (rows, g_strv_builder_end (builder));
}

static char *
format_value (JsonNode *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (*json_node_get_string (node) ? json_node_get_string (node) : "—");
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = format_value (json_array_get_element (array, i));

          g_string_append_printf (text, "%s%s", i ? ", " : "", item);
        }
    }
  else
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *item =
            format_value (json_object_get_member (json_node_get_object (node), l->data));

          g_string_append_printf (text, "%s%s=%s", text->len ? ", " : "", (char *) l->data, item);
        }
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : g_strdup ("—");
}

/* Prints one object: as JSON, or one member a line. */
void
drso_cli_print_fields (DrsoCli  *cli,
                       JsonNode *node)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GList) members = NULL;

  if (cli->output == DRSO_OUTPUT_JSON || !JSON_NODE_HOLDS_OBJECT (node))
    {
      drso_cli_print_json (node);
      return;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value =
        format_value (json_object_get_member (json_node_get_object (node), l->data));

      drso_cli_add_row (rows, (const char *) l->data, value, NULL);
    }
  drso_cli_print_table (rows);
}

void
drso_cli_print_document (DrsoCli      *cli,
                         DrsoDocument *document)
{
  g_autoptr(JsonNode) node = drso_document_to_json (document);

  drso_cli_print_fields (cli, node);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * that
 * @user_data points to; drso_cli_wait() runs the main loop until it is set. */
void
drso_cli_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

void
drso_cli_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Splits KEY=VALUE; both parts must be there. */
gboolean
drso_cli_split_tag (const char  *text,
                    char       **key,
                    char       **value)
{
  const char *equals = strchr (text, '=');

  if (equals == NULL || equals == text)
    return FALSE;
  *key = g_strndup (text, equals - text);
  *value = g_strdup (equals + 1);
  return TRUE;
}

/* An ISO 8601 time in UTC, as AWS writes them, or NULL for 0. */
char *
drso_cli_format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = NULL;

  if (seconds <= 0)
    return NULL;
  time = g_date_time_new_from_unix_utc (seconds);
  return time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

DrsoAccount *
drso_cli_lookup_account (DrsoCli     *cli,
                         const char  *id_or_name,
                         GError     **error)
{
  DrsoStore *store = drso_cli_get_store (cli, error);

  if (store == NULL)
    return NULL;
  return drso_store_lookup_account (store, id_or_name, error);
}

/* Credentials and an endpoint for calls to @account in @region (its first
 * region if %NULL), through the data folder's Sandbox for a simulated one. */
DrsoAwsContext *
drso_cli_dup_context (DrsoCli      *cli,
                      DrsoAccount  *account,
                      const char   *region,
                      GError      **error)
{
  DrsoAwsClient *client = drso_aws_client_get_default ();
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (!drso_cli_attach_sandbox (cli, drso_account_get_account_id (account), error))
    return NULL;

  provider = drso_aws_credentials_provider_new (account, client);
  drso_aws_credentials_provider_get_async (provider, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  credentials = drso_aws_credentials_provider_get_finish (provider, result, error);
  if (credentials == NULL)
    return NULL;

  return drso_aws_context_new (client, drso_account_get_account_id (account),
                               drso_cli_account_region (account, region),
                               drso_aws_client_get_account_endpoint (client, account),
                               credentials);
}

/* What a delete or remove prints: {"<id_key>": id, "<flag>": true} as JSON,
 * else @message. */
void
drso_cli_print_gone (DrsoCli    *cli,
                     const char *id_key,
                     const char *id,
                     const char *flag,
                     const char *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_node_take_object (node, object);
  if (cli->output != DRSO_OUTPUT_JSON)
    {
      g_print ("%s\n", message);
      return;
    }
  json_object_set_string_member (object, id_key, id);
  json_object_set_boolean_member (object, flag, TRUE);
  drso_cli_print_json (node);
}

/* A server named by its DRS id, or by a hostname discovery has seen. */
char *
drso_cli_resolve_server (DrsoStore   *store,
                         const char  *text,
                         GError     **error)
{
  GListModel *servers = drso_store_get_source_servers (store);

  if (drso_validate_source_server_id (text, NULL))
    return g_strdup (text);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_hostname (server), text) == 0)
        return g_strdup (drso_source_server_get_source_server_id (server));
    }
  g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
               _("“%s” is neither a source server id (s- and 17 letters or digits) nor the "
                 "hostname of a discovered server"), text);
  return NULL;
}

/* The region to call: the one asked for, the account's first, the
 * environment's, or us-east-1. */
const char *
drso_cli_account_region (DrsoAccount *account,
                         const char  *region)
{
  if (region == NULL)
    region = drso_account_get_default_region (account);
  if (region == NULL)
    region = g_getenv ("AWS_REGION");
  if (region == NULL)
    region = g_getenv ("AWS_DEFAULT_REGION");
  return region != NULL && *region != '\0' ? region : "us-east-1";
}
