/* drso-json.c
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

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-json-private.h"

char *
_drso_json_path (const char *path,
                 const char *key)
{
  if (path == NULL || path[0] == '\0')
    return g_strdup (key);
  if (key[0] == '[')
    return g_strconcat (path, key, NULL);
  return g_strconcat (path, ".", key, NULL);
}

static const char *
describe_node (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}

static gboolean
wrong_type (GError     **error,
            const char  *path,
            const char  *key,
            const char  *expected,
            JsonNode    *found)
{
  g_autofree char *full = _drso_json_path (path, key);

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
               /* TRANSLATORS: “waves[1].waveNumber should be a number, not a string” */
               _("%s should be %s, not %s"), full, expected, describe_node (found));
  return FALSE;
}

/* Returns the member, or NULL when it is absent or null (an error if required). */
static JsonNode *
get_member (JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required,
            gboolean    *failed,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *failed = FALSE;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    return node;

  if (required)
    {
      *failed = TRUE;
      if (path == NULL || path[0] == '\0')
        g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_FIELD,
                     _("The member %s is missing"), key);
      else
        g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_FIELD,
                     _("%s: the member %s is missing"), path, key);
    }

  return NULL;
}

/* Reads the 4 hexadecimal digits of a \u escape. */
static gboolean
read_hex4 (const char *p,
           gsize       available,
           gunichar   *unit)
{
  *unit = 0;
  if (available < 4)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return FALSE;
      *unit = *unit * 16 + (gunichar) digit;
    }
  return TRUE;
}

/* json-glib 1.6 reads each of the values of a text that holds several
 * ("{}{}"), keeps the last and leaks the others; it recurses once per level
 * of nesting, so that deep enough nesting overflows the stack; and it leaks
 * a string whose \u escapes pair a high surrogate with something else. All
 * three are found here before the text is parsed (a surrogate escape with
 * no pair at all is refused too: no UTF-8 string holds one). Comments are
 * skipped; whatever else is not JSON is left for the parser to report. */
gboolean
_drso_json_check_text (const char  *data,
                       gssize       length,
                       guint        max_depth,
                       GError     **error)
{
  gsize n = data == NULL ? 0 : length < 0 ? strlen (data) : (gsize) length;
  guint depth = 0, values = 0;
  gboolean in_word = FALSE;
  gsize i = 0;

  /* json-glib skips a byte-order mark. */
  if (n >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  for (; i < n; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          gboolean high = FALSE;  /* a high surrogate waits for its pair */
          gboolean lone = FALSE;

          for (i++; i < n && data[i] != '"' && !lone; i++)
            {
              gunichar unit;

              if (data[i] != '\\' || ++i >= n || data[i] != 'u')
                {
                  lone = high;
                  continue;
                }
              /* json-glib takes the next 4 bytes, hexadecimal digits or not
               * (the closing quote too). */
              if (!read_hex4 (data + i + 1, n - i - 1, &unit))
                {
                  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                               _("The file is not valid JSON: a \\u escape needs 4 "
                                 "hexadecimal digits"));
                  return FALSE;
                }
              i += 4;
              if (unit >= 0xdc00 && unit <= 0xdfff)
                {
                  lone = !high;
                  high = FALSE;
                }
              else if (high)
                lone = TRUE;
              else
                high = unit >= 0xd800 && unit <= 0xdbff;
            }
          if (lone || high)
            {
              g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                           _("The file is not valid JSON: a string holds half of a "
                             "surrogate pair"));
              return FALSE;
            }
          values += depth == 0;
          in_word = FALSE;
        }
      else if (c == '/' && i + 1 < n && data[i + 1] == '*')
        {
          for (i += 2; i + 1 < n && !(data[i] == '*' && data[i + 1] == '/'); i++)
            ;
          i++;
          in_word = FALSE;
        }
      else if (c == '{' || c == '[')
        {
          values += depth == 0;
          if (++depth > max_depth)
            {
              g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                           _("The file is not valid JSON: it nests deeper than %u levels"),
                           max_depth);
              return FALSE;
            }
          in_word = FALSE;
        }
      else if (c == '}' || c == ']')
        {
          if (depth > 0)
            depth--;
          in_word = FALSE;
        }
      else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        in_word = FALSE;
      else if (depth == 0 && !in_word)
        {
          values++;
          in_word = TRUE;
        }

      if (values > 1)
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                       _("The file is not valid JSON: it holds more than one value"));
          return FALSE;
        }
    }

  return TRUE;
}

JsonNode *
_drso_json_parse (const char  *data,
                  gssize       length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!_drso_json_check_text (data, length, DRSO_JSON_MAX_DEPTH, error))
    return NULL;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                   _("The file is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                   _("The file is empty"));
      return NULL;
    }

  return json_node_ref (root);
}

char *
_drso_json_to_string (JsonNode *node,
                      gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

JsonObject *
_drso_json_node_get_object (JsonNode    *node,
                            const char  *path,
                            GError     **error)
{
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  if (node == NULL)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_FIELD,
                   _("%s is missing"), path ? path : _("The document"));
      return NULL;
    }

  if (path == NULL || path[0] == '\0')
    g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
                 _("The document should be a JSON object, not %s"), describe_node (node));
  else
    g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
                 _("%s should be an object, not %s"), path, describe_node (node));
  return NULL;
}

gboolean
_drso_json_get_string (JsonObject  *object,
                       const char  *path,
                       const char  *key,
                       gboolean     required,
                       char       **out,
                       GError     **error)
{
  gboolean failed;
  JsonNode *node = get_member (object, path, key, required, &failed, error);

  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (error, path, key, _("a string"), node);

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
_drso_json_get_int (JsonObject  *object,
                    const char  *path,
                    const char  *key,
                    gboolean     required,
                    gint64       min,
                    gint64       max,
                    gint64      *out,
                    GError     **error)
{
  gboolean failed;
  JsonNode *node = get_member (object, path, key, required, &failed, error);
  gint64 value;

  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return wrong_type (error, path, key, _("a number"), node);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      value = json_node_get_int (node);
      break;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        /* Seconds written as 1700000000.0 are whole numbers too. */
        if (!isfinite (d) || d != floor (d) || d < -9.0e15 || d > 9.0e15)
          return wrong_type (error, path, key, _("a whole number"), node);
        value = (gint64) d;
      }
      break;

    default:
      return wrong_type (error, path, key, _("a number"), node);
    }

  if (value < min || value > max)
    {
      g_autofree char *full = _drso_json_path (path, key);

      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("%s is %lld, outside the range %lld to %lld"),
                   full, (long long) value, (long long) min, (long long) max);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
_drso_json_get_bool (JsonObject  *object,
                     const char  *path,
                     const char  *key,
                     gboolean     required,
                     gboolean    *out,
                     GError     **error)
{
  gboolean failed;
  JsonNode *node = get_member (object, path, key, required, &failed, error);

  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (error, path, key, _("true or false"), node);

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_drso_json_get_array (JsonObject  *object,
                      const char  *path,
                      const char  *key,
                      gboolean     required,
                      JsonArray  **out,
                      GError     **error)
{
  gboolean failed;
  JsonNode *node = get_member (object, path, key, required, &failed, error);

  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, path, key, _("an array"), node);

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_drso_json_get_object (JsonObject   *object,
                       const char   *path,
                       const char   *key,
                       gboolean      required,
                       JsonObject  **out,
                       GError      **error)
{
  gboolean failed;
  JsonNode *node = get_member (object, path, key, required, &failed, error);

  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, key, _("an object"), node);

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_drso_json_get_strv (JsonObject  *object,
                     const char  *path,
                     const char  *key,
                     gboolean     required,
                     char      ***out,
                     GError     **error)
{
  JsonArray *array = NULL;
  g_autoptr(GPtrArray) strv = NULL;
  guint n;

  if (!_drso_json_get_array (object, path, key, required, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  strv = g_ptr_array_new_full (n + 1, g_free);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_autofree char *index = g_strdup_printf ("%s[%u]", key, i);
          return wrong_type (error, path, index, _("a string"), element);
        }
      g_ptr_array_add (strv, g_strdup (json_node_get_string (element)));
    }
  g_ptr_array_add (strv, NULL);

  g_strfreev (*out);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&strv), FALSE);
  return TRUE;
}

gboolean
_drso_json_get_string_map (JsonObject  *object,
                           const char  *path,
                           const char  *key,
                           gboolean     required,
                           GHashTable **out,
                           GError     **error)
{
  gboolean failed;
  JsonNode *node = get_member (object, path, key, required, &failed, error);
  g_autoptr(GHashTable) map = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (node == NULL)
    return !failed;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, path, key, _("an object of strings"), node);

  map = _drso_string_map_new ();
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          g_autofree char *inner = _drso_json_path (path, key);
          return wrong_type (error, inner, member, _("a string"), value);
        }
      g_hash_table_insert (map, g_strdup (member), g_strdup (json_node_get_string (value)));
    }

  g_clear_pointer (out, g_hash_table_unref);
  *out = g_steal_pointer (&map);
  return TRUE;
}

gboolean
_drso_json_get_timestamp_us (JsonObject  *object,
                             const char  *path,
                             const char  *key,
                             gboolean     required,
                             gint64      *out,
                             GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (!_drso_json_get_string (object, path, key, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      g_autofree char *full = _drso_json_path (path, key);

      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("%s is “%s”, not a date and time such as 2026-01-15T10:30:00Z"),
                   full, text);
      return FALSE;
    }

  *out = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

void
_drso_json_set_string (JsonObject *object,
                       const char *key,
                       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

void
_drso_json_set_strv (JsonObject         *object,
                     const char         *key,
                     const char * const *value)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; value != NULL && value[i] != NULL; i++)
    json_array_add_string_element (array, value[i]);
  json_object_set_array_member (object, key, array);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

void
_drso_json_set_string_map (JsonObject *object,
                           const char *key,
                           GHashTable *map)
{
  JsonObject *inner = json_object_new ();

  if (map != NULL)
    {
      /* Sorted, so that the same map always writes the same text. */
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (map, NULL);
      guint n = g_hash_table_size (map);

      qsort (keys, n, sizeof (gpointer), compare_strings);
      for (guint i = 0; i < n; i++)
        json_object_set_string_member (inner, keys[i], g_hash_table_lookup (map, keys[i]));
    }

  json_object_set_object_member (object, key, inner);
}

void
_drso_json_set_time (JsonObject *object,
                     const char *key,
                     gint64      seconds)
{
  if (seconds != 0)
    json_object_set_int_member (object, key, seconds);
}

void
_drso_json_set_timestamp_us (JsonObject *object,
                             const char *key,
                             gint64      time_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) full = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *text = NULL;

  if (dt == NULL)
    return;

  full = g_date_time_add (dt, time_us % G_USEC_PER_SEC);
  /* %Y does not pad: ISO 8601 needs the 4 digits of a year before 1000. */
  rest = g_date_time_format (full, "%m-%dT%H:%M:%S.%fZ");
  text = g_strdup_printf ("%04d-%s", g_date_time_get_year (full), rest);
  json_object_set_string_member (object, key, text);
}

GHashTable *
_drso_string_map_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GHashTable *
_drso_string_map_copy (GHashTable *map)
{
  GHashTable *copy = _drso_string_map_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (map == NULL)
    return copy;

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

gboolean
_drso_string_map_equal (GHashTable *a,
                        GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;
  guint na = a ? g_hash_table_size (a) : 0;
  guint nb = b ? g_hash_table_size (b) : 0;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
        return FALSE;
    }
  return TRUE;
}

char *
_drso_string_map_to_json (GHashTable *map)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();
  JsonObject *inner;

  _drso_json_set_string_map (object, "m", map);
  inner = json_object_get_object_member (object, "m");
  json_node_set_object (node, inner);
  return _drso_json_to_string (node, FALSE);
}

GHashTable *
_drso_string_map_from_json (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) wrapper = json_object_new ();
  GHashTable *map = NULL;

  if (text == NULL || (node = _drso_json_parse (text, -1, NULL)) == NULL)
    return _drso_string_map_new ();

  json_object_set_member (wrapper, "m", json_node_ref (node));
  if (!_drso_json_get_string_map (wrapper, NULL, "m", TRUE, &map, NULL))
    return _drso_string_map_new ();
  return map;
}

char *
_drso_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  json_node_take_array (node, array);
  return _drso_json_to_string (node, FALSE);
}

char **
_drso_strv_from_json (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonObject) wrapper = json_object_new ();
  char **strv = NULL;

  if (text == NULL || (node = _drso_json_parse (text, -1, NULL)) == NULL)
    return g_new0 (char *, 1);

  json_object_set_member (wrapper, "a", json_node_ref (node));
  if (!_drso_json_get_strv (wrapper, NULL, "a", TRUE, &strv, NULL))
    return g_new0 (char *, 1);
  return strv;
}

gboolean
_drso_strv_contains (const char * const *strv,
                     const char         *str)
{
  return strv != NULL && str != NULL && g_strv_contains (strv, str);
}

/* @object may be NULL. */
JsonObject *
_drso_json_lookup_object (JsonObject *object,
                          const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* @object may be NULL. */
const char *
_drso_json_lookup_string (JsonObject *object,
                          const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}
