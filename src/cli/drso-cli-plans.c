/* drso-cli-plans.c
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
#include <gio/gunixinputstream.h>
#include <stdio.h>

#include "drso-cli.h"

static char *
format_duration (guint seconds)
{
  if (seconds == 0)
    return g_strdup ("—");
  if (seconds < 60)
    return g_strdup_printf ("%u s", seconds);
  return g_strdup_printf ("%u min", (seconds + 59) / 60);
}

static int
print_documents (DrsoCli    *cli,
                 GListModel *model,
                 void      (*add) (GPtrArray *rows, DrsoDocument *document),
                 const char *const *header)
{
  guint n = g_list_model_get_n_items (model);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoDocument) document = g_list_model_get_item (model, i);
          json_array_add_element (array, drso_document_to_json (document));
        }
      json_node_take_array (node, array);
      drso_cli_print_json (node);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (cli->output == DRSO_OUTPUT_TABLE)
        g_ptr_array_add (rows, g_strdupv ((char **) header));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoDocument) document = g_list_model_get_item (model, i);
          add (rows, document);
        }
      drso_cli_print_table (rows);
    }
  return DRSO_EXIT_OK;
}

static void
add_plan_row (GPtrArray    *rows,
              DrsoDocument *document)
{
  DrsoRecoveryPlan *plan = DRSO_RECOVERY_PLAN (document);
  g_autofree char *waves = g_strdup_printf ("%u", drso_recovery_plan_get_n_waves (plan));
  g_autofree char *duration =
    format_duration (drso_recovery_plan_get_estimated_total_duration (plan));
  const char *last = drso_recovery_plan_get_last_execution_status (plan);

  drso_cli_add_row (rows, drso_recovery_plan_get_plan_name (plan),
                    drso_recovery_plan_get_plan_id (plan), waves, duration, last ? last : "—",
                    NULL);
}

int
drso_cli_plans_list (DrsoCli  *cli,
                     int       argc,
                     char    **argv)
{
  static const char * const header[] = { N_("NAME"), N_("ID"), N_("WAVES"), N_("ESTIMATE"),
                                         N_("LAST RUN"), NULL };
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso plans list takes no arguments"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  return print_documents (cli, drso_store_get_recovery_plans (store), add_plan_row, header);
}

static void
add_group_row (GPtrArray    *rows,
               DrsoDocument *document)
{
  DrsoProtectionGroup *group = DRSO_PROTECTION_GROUP (document);
  g_autofree char *count = g_strdup_printf ("%u", drso_protection_group_get_server_count (group));
  g_autoptr(GString) tags = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, drso_protection_group_get_tag_criteria (group));
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (tags, "%s%s=%s", tags->len ? "," : "", (char *) key, (char *) value);

  drso_cli_add_row (rows, drso_protection_group_get_group_name (group),
                    drso_protection_group_get_group_id (group),
                    drso_protection_group_get_account_id (group),
                    drso_protection_group_get_region (group), count,
                    tags->len ? tags->str : "—", NULL);
}

int
drso_cli_groups_list (DrsoCli  *cli,
                      int       argc,
                      char    **argv)
{
  static const char * const header[] = { N_("NAME"), N_("ID"), N_("ACCOUNT"), N_("REGION"),
                                         N_("SERVERS"), N_("TAGS"), NULL };
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso groups list takes no arguments"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  return print_documents (cli, drso_store_get_protection_groups (store), add_group_row, header);
}

int
drso_cli_plans_show (DrsoCli  *cli,
                     int       argc,
                     char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  DrsoStore *store;
  GListModel *waves;
  int status;

  if (!drso_cli_parse (entries, "PLAN", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one recovery plan, by name or id"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  plan = drso_store_lookup_recovery_plan (store, argv[1], &error);
  if (plan == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = drso_document_to_json (DRSO_DOCUMENT (plan));
      drso_cli_print_json (node);
      return DRSO_EXIT_OK;
    }

  g_print ("%s (%s)\n", drso_recovery_plan_get_plan_name (plan),
           drso_recovery_plan_get_plan_id (plan));
  if (drso_recovery_plan_get_description (plan) && *drso_recovery_plan_get_description (plan))
    g_print ("%s\n", drso_recovery_plan_get_description (plan));
  waves = drso_recovery_plan_get_waves (plan);
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      const char * const *ids = drso_wave_get_protection_group_ids (wave);
      g_autofree char *duration = format_duration (drso_wave_get_estimated_duration (wave));

      if (drso_wave_get_pause_before_wave (wave))
        g_print ("  %s\n", _("⏸ pause for approval"));
      g_print (_("  Wave %u  %s  (≈ %s)\n"), drso_wave_get_wave_number (wave),
               drso_wave_get_wave_name (wave) ? drso_wave_get_wave_name (wave) : "", duration);
      for (guint j = 0; ids[j] != NULL; j++)
        {
          g_autoptr(DrsoProtectionGroup) group =
            drso_store_lookup_protection_group (store, ids[j], NULL);

          g_print ("    %s\n", group ? drso_protection_group_get_group_name (group) : ids[j]);
        }
    }
  return DRSO_EXIT_OK;
}

int
drso_cli_plans_export (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  g_autofree char *output = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Export every plan"), NULL },
    { "output-file", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autofree char *data = NULL;
  gsize length;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "[PLAN…]", &argc, &argv, &status))
    return status;
  if (argc < 2 && !all)
    return drso_cli_usage (_("Name the plans to export, by name or id, or give --all"));
  if (argc >= 2 && all)
    return drso_cli_usage (_("Give plan names or --all, not both"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);

  bundle = drso_store_export_plans (store, all ? NULL : (const char * const *) argv + 1, &error);
  if (bundle == NULL)
    return drso_cli_fail (error);

  data = drso_bundle_to_data (bundle, &length);
  if (output == NULL || g_str_equal (output, "-"))
    {
      fwrite (data, 1, length, stdout);
      return ferror (stdout) ? DRSO_EXIT_FAILED : DRSO_EXIT_OK;
    }

  /* Readable by its owner only, as everything the program writes. */
  if (!g_file_set_contents_full (output, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    return drso_cli_fail (error);
  g_printerr (_("Exported %u recovery plans and %u protection groups to %s\n"),
              g_list_model_get_n_items (drso_bundle_get_recovery_plans (bundle)),
              g_list_model_get_n_items (drso_bundle_get_protection_groups (bundle)), output);
  return DRSO_EXIT_OK;
}

int
drso_cli_plans_import (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint changed = 0;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "FILE", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one bundle file to import, or - for the standard input"));

  if (g_str_equal (argv[1], "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
        return drso_cli_fail (error);
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
      contents = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    }
  else if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return drso_cli_fail (error);

  bundle = drso_bundle_new_from_data (contents ? contents : "", length, &error);
  if (bundle == NULL)
    {
      g_prefix_error (&error, _("%s: "), argv[1]);
      return drso_cli_fail (error);
    }

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  if (!drso_store_import_bundle (store, bundle, &changed, &error))
    {
      g_prefix_error (&error, _("%s was not imported, nothing changed: "), argv[1]);
      return drso_cli_fail (error);
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "protectionGroups");
      json_builder_add_int_value (builder,
                                  g_list_model_get_n_items (drso_bundle_get_protection_groups (bundle)));
      json_builder_set_member_name (builder, "recoveryPlans");
      json_builder_add_int_value (builder,
                                  g_list_model_get_n_items (drso_bundle_get_recovery_plans (bundle)));
      json_builder_set_member_name (builder, "changed");
      json_builder_add_int_value (builder, changed);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      drso_cli_print_json (node);
    }
  else
    g_print (_("Read %u protection groups and %u recovery plans; %u created or changed\n"),
             g_list_model_get_n_items (drso_bundle_get_protection_groups (bundle)),
             g_list_model_get_n_items (drso_bundle_get_recovery_plans (bundle)), changed);
  return DRSO_EXIT_OK;
}
