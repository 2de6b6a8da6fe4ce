/* drso-cli-config.c
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
#include <stdlib.h>
#include <string.h>

#include "drso-cli.h"

/* drso config show|set: the settings of io.github.drso.Orchestrator, checked
 * against the schema before they are written. */

#define SCHEMA_ID "io.github.drso.Orchestrator"

static GSettingsSchema *
lookup_schema (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE)
                                   : NULL;

  if (schema == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The settings schema %s is not installed"), SCHEMA_ID);
  return schema;
}

/* What a key takes, in words: its choices, its range or its type. */
static char *
describe_values (GSettingsSchemaKey *key)
{
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const char *kind;

  g_variant_get (range, "(&sv)", &kind, &detail);
  if (g_str_equal (kind, "enum"))
    {
      g_autofree const char **choices = g_variant_get_strv (detail, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) choices);

      return g_strdup_printf (_("one of %s"), list);
    }
  if (g_str_equal (kind, "range"))
    {
      g_autoptr(GVariant) min = g_variant_get_child_value (detail, 0);
      g_autoptr(GVariant) max = g_variant_get_child_value (detail, 1);
      g_autofree char *min_text = g_variant_print (min, FALSE);
      g_autofree char *max_text = g_variant_print (max, FALSE);

      return g_strdup_printf (_("a number from %s to %s"), min_text, max_text);
    }
  if (g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (_("true or false"));
  if (g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_INT32))
    return g_strdup (_("a whole number"));
  return g_strdup_printf (_("a value of type %s"),
                          g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)));
}

static int
compare_keys (const void *a,
              const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Strings as they are, the rest in GVariant text form. */
static char *
print_value (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  return g_variant_print (value, FALSE);
}

int
drso_cli_config_show (DrsoCli  *cli,
                      int       argc,
                      char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  JsonObject *root = json_object_new ();
  int status;

  json_node_take_object (node, root);
  if (!drso_cli_parse (entries, "[KEY]", &argc, &argv, &status))
    return status;
  if (argc > 2)
    return drso_cli_usage (_("drso config show takes at most one key"));
  if ((schema = lookup_schema (&error)) == NULL)
    return drso_cli_fail (error);
  if (argc == 2 && !g_settings_schema_has_key (schema, argv[1]))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no setting “%s”; see drso config show"), argv[1]);
      return drso_cli_fail (error);
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  keys = g_settings_schema_list_keys (schema);
  qsort (keys, g_strv_length (keys), sizeof (char *), compare_keys);
  if (cli->output == DRSO_OUTPUT_TABLE)
    drso_cli_add_row (rows, _("KEY"), _("VALUE"), _("DEFAULT"), _("TAKES"), NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autoptr(GVariant) fallback = g_settings_schema_key_get_default_value (key);
      g_autofree char *takes = describe_values (key);
      JsonObject *object;

      if (argc == 2 && !g_str_equal (keys[i], argv[1]))
        continue;

      object = json_object_new ();
      json_object_set_member (object, "value", json_gvariant_serialize (value));
      json_object_set_member (object, "default", json_gvariant_serialize (fallback));
      json_object_set_boolean_member (object, "writable",
                                      g_settings_is_writable (settings, keys[i]));
      json_object_set_string_member (object, "takes", takes);
      if (g_settings_schema_key_get_summary (key) != NULL)
        json_object_set_string_member (object, "summary",
                                       g_settings_schema_key_get_summary (key));
      json_object_set_object_member (root, keys[i], object);

      {
        g_autofree char *value_text = print_value (value);
        g_autofree char *default_text = print_value (fallback);

        drso_cli_add_row (rows, keys[i], value_text, default_text, takes, NULL);
      }
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  else
    drso_cli_print_table (rows);
  return DRSO_EXIT_OK;
}

/* The value the user typed, as the key's type: strings (and enums) as they
 * are, everything else in GVariant text form (1100, true). */
static GVariant *
parse_value (GSettingsSchemaKey *key,
             const char         *text)
{
  const GVariantType *type = g_settings_schema_key_get_value_type (key);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    return g_variant_ref_sink (g_variant_new_string (text));
  return g_variant_parse (type, text, NULL, NULL, NULL);
}

int
drso_cli_config_set (DrsoCli  *cli,
                     int       argc,
                     char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *takes = NULL;
  int status;

  if (!drso_cli_parse (entries, "KEY VALUE", &argc, &argv, &status))
    return status;
  if (argc != 3)
    return drso_cli_usage (_("Give a key and its new value; see drso config show"));
  if ((schema = lookup_schema (&error)) == NULL)
    return drso_cli_fail (error);
  if (!g_settings_schema_has_key (schema, argv[1]))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no setting “%s”; see drso config show"), argv[1]);
      return drso_cli_fail (error);
    }

  key = g_settings_schema_get_key (schema, argv[1]);
  takes = describe_values (key);
  value = parse_value (key, argv[2]);
  if (value == NULL || !g_settings_schema_key_range_check (key, value))
    return drso_cli_usage (_("“%s” is not a value of %s: it takes %s"), argv[2], argv[1], takes);

  settings = g_settings_new_full (schema, NULL, NULL);
  if (!g_settings_is_writable (settings, argv[1]))
    {
      g_set_error (&error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED,
                   _("The setting %s is locked by the administrator of this computer"), argv[1]);
      return drso_cli_fail (error);
    }
  if (!g_settings_set_value (settings, argv[1], value))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The setting %s could not be written"),
                   argv[1]);
      return drso_cli_fail (error);
    }
  g_settings_sync ();

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_node_take_object (node, object);
      json_object_set_string_member (object, "key", argv[1]);
      json_object_set_member (object, "value", json_gvariant_serialize (value));
      drso_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = print_value (value);

      g_print ("%s = %s\n", argv[1], text);
    }
  return DRSO_EXIT_OK;
}
