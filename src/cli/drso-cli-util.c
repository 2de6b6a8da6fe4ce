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

  if (error->domain == DRSO_PERMISSION_ERROR)
    return DRSO_EXIT_NOT_PERMITTED;
  if (drso_error_is_not_found (error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return DRSO_EXIT_NOT_FOUND;
  if (drso_error_is_conflict (error))
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
