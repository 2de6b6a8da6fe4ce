/* drso-sandbox-query.c
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

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <string.h>

#include "drso-sandbox-query-private.h"

/* What the EC2 and STS services of the Sandbox share: their replies, an XML
 * writer that escapes what it writes, and the reading of the flattened
 * form parameters of the query protocols (InstanceId.1, Filter.1.Name,
 * Filter.1.Value.1, …). The matching of filters and the paging of lists
 * are in drso-sandbox-query-filters.c. */

G_DEFINE_QUARK (drso-sandbox-query-error-quark, drso_sandbox_query_error)

#define INDENT 4

void
drso_sandbox_query_reply_clear (DrsoSandboxQueryReply *reply)
{
  g_clear_pointer (&reply->content_type, g_free);
  g_clear_pointer (&reply->body, g_bytes_unref);
  reply->status = 0;
}

void
drso_sandbox_query_reply_take (DrsoSandboxQueryReply *reply,
                               guint                  status,
                               GBytes                *body)
{
  drso_sandbox_query_reply_clear (reply);
  reply->status = status;
  reply->content_type = g_strdup (DRSO_SANDBOX_QUERY_CONTENT_TYPE);
  reply->body = body;
}

char *
drso_sandbox_query_request_id (const char *request_id)
{
  if (request_id != NULL && *request_id != '\0')
    return g_strdup (request_id);
  return g_uuid_string_random ();
}

char *
drso_sandbox_query_format_time (gint64   microseconds,
                                gboolean milliseconds)
{
  gint64 seconds = microseconds / G_USEC_PER_SEC;
  gint64 rest = microseconds % G_USEC_PER_SEC;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *base = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }
  time = g_date_time_new_from_unix_utc (seconds);
  if (time == NULL)
    time = g_date_time_new_from_unix_utc (0);
  base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  if (!milliseconds)
    return g_strconcat (base, "Z", NULL);
  return g_strdup_printf ("%s.%03dZ", base, (int) (rest / 1000));
}

/* XML */

struct _DrsoSandboxXml
{
  GString   *out;
  GPtrArray *open;      /* element names, innermost last */
  gsize      open_end;  /* the length of out after the last opening tag */
};

/* Whether XML 1.0 can carry @c at all. */
static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD ||
         (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

static void
escape_append (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        case '\r':
          /* A bare CR would be read back as LF. */
          g_string_append (out, "&#13;");
          break;
        default:
          if (is_xml_char (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          else
            g_string_append_unichar (out, 0xFFFD);
        }
    }
}

char *
drso_sandbox_xml_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  escape_append (out, text);
  return g_string_free (out, FALSE);
}

static void
start_line (DrsoSandboxXml *xml)
{
  g_string_append_c (xml->out, '\n');
  for (guint i = 0; i < xml->open->len * INDENT; i++)
    g_string_append_c (xml->out, ' ');
}

DrsoSandboxXml *
drso_sandbox_xml_new (const char *root,
                      const char *xmlns)
{
  DrsoSandboxXml *xml = g_new0 (DrsoSandboxXml, 1);

  xml->out = g_string_sized_new (1024);
  xml->open = g_ptr_array_new_with_free_func (g_free);
  g_string_append (xml->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (xml->out, "<%s", root);
  if (xmlns != NULL)
    {
      g_string_append (xml->out, " xmlns=\"");
      escape_append (xml->out, xmlns);
      g_string_append_c (xml->out, '"');
    }
  g_string_append_c (xml->out, '>');
  g_ptr_array_add (xml->open, g_strdup (root));
  xml->open_end = xml->out->len;
  return xml;
}

void
drso_sandbox_xml_open (DrsoSandboxXml *xml,
                       const char     *name)
{
  start_line (xml);
  g_string_append_printf (xml->out, "<%s>", name);
  g_ptr_array_add (xml->open, g_strdup (name));
  xml->open_end = xml->out->len;
}

void
drso_sandbox_xml_close (DrsoSandboxXml *xml)
{
  g_autofree char *name = NULL;

  g_return_if_fail (xml->open->len > 0);

  name = g_ptr_array_steal_index (xml->open, xml->open->len - 1);
  /* An element closed right after it opened is written <name/>. */
  if (xml->out->len == xml->open_end)
    {
      g_string_truncate (xml->out, xml->out->len - 1);
      g_string_append (xml->out, "/>");
      xml->open_end = 0;
      return;
    }
  start_line (xml);
  g_string_append_printf (xml->out, "</%s>", name);
}

void
drso_sandbox_xml_text (DrsoSandboxXml *xml,
                       const char     *name,
                       const char     *text)
{
  if (text == NULL)
    return;
  start_line (xml);
  if (*text == '\0')
    {
      g_string_append_printf (xml->out, "<%s/>", name);
      return;
    }
  g_string_append_printf (xml->out, "<%s>", name);
  escape_append (xml->out, text);
  g_string_append_printf (xml->out, "</%s>", name);
}

void
drso_sandbox_xml_leaves (DrsoSandboxXml *xml,
                         const char     *element,
                         ...)
{
  const char *name;
  va_list args;

  if (element != NULL)
    drso_sandbox_xml_open (xml, element);
  va_start (args, element);
  while ((name = va_arg (args, const char *)) != NULL)
    drso_sandbox_xml_text (xml, name, va_arg (args, const char *));
  va_end (args);
  if (element != NULL)
    drso_sandbox_xml_close (xml);
}

GBytes *
drso_sandbox_xml_end (DrsoSandboxXml *xml)
{
  GBytes *bytes;

  while (xml->open->len > 0)
    drso_sandbox_xml_close (xml);
  g_string_append_c (xml->out, '\n');
  bytes = g_string_free_to_bytes (g_steal_pointer (&xml->out));
  drso_sandbox_xml_free (xml);
  return bytes;
}

void
drso_sandbox_xml_free (DrsoSandboxXml *xml)
{
  if (xml == NULL)
    return;
  if (xml->out != NULL)
    g_string_free (xml->out, TRUE);
  g_ptr_array_unref (xml->open);
  g_free (xml);
}

/* Parameters */

const char *
drso_sandbox_query_get (GHashTable *params,
                        const char *name)
{
  return params != NULL ? g_hash_table_lookup (params, name) : NULL;
}

/* Reads an index of a flattened list: 1, 2, … without leading zeros.
 * Returns the rest of @text after it, or NULL. */
static const char *
read_index (const char *text,
            guint      *index)
{
  guint64 value = 0;
  const char *p = text;

  if (*p < '1' || *p > '9')
    return NULL;
  while (g_ascii_isdigit (*p))
    {
      value = value * 10 + (guint) (*p - '0');
      if (value > G_MAXINT)
        return NULL;
      p++;
    }
  *index = (guint) value;
  return p;
}

/* Whether @name is @pattern with each '#' an index. */
static gboolean
name_matches (const char *pattern,
              const char *name)
{
  while (*pattern != '\0')
    {
      if (*pattern == '#')
        {
          guint index;

          if ((name = read_index (name, &index)) == NULL)
            return FALSE;
          pattern++;
        }
      else if (*pattern++ != *name++)
        return FALSE;
    }
  return *name == '\0';
}

gboolean
drso_sandbox_query_check_names (GHashTable          *params,
                                const char * const  *patterns,
                                GError             **error)
{
  static const char * const always[] = {
    "Action", "Version", "AWSAccessKeyId", "Signature", "SignatureMethod",
    "SignatureVersion", "Timestamp", "Expires", "SecurityToken", NULL,
  };
  GHashTableIter iter;
  const char *name;

  if (params == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      gboolean known = g_str_has_prefix (name, "X-Amz-") ||
                       g_strv_contains (always, name);

      for (guint i = 0; !known && patterns != NULL && patterns[i] != NULL; i++)
        known = name_matches (patterns[i], name);
      if (!known)
        {
          g_set_error (error, DRSO_SANDBOX_QUERY_ERROR,
                       DRSO_SANDBOX_QUERY_ERROR_UNKNOWN_PARAMETER,
                       "The parameter %s is not recognized", name);
          return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  guint       index;
  const char *value;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return (x->index > y->index) - (x->index < y->index);
}

/* The entries @prefix.N@suffix, sorted by N. */
static GArray *
collect (GHashTable *params,
         const char *prefix,
         const char *suffix)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  gsize prefix_length = strlen (prefix);
  GHashTableIter iter;
  const char *name, *value;

  if (params == NULL)
    return entries;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &value))
    {
      Entry entry = { 0, value };
      const char *rest;

      if (strncmp (name, prefix, prefix_length) != 0 || name[prefix_length] != '.' ||
          (rest = read_index (name + prefix_length + 1, &entry.index)) == NULL ||
          strcmp (rest, suffix) != 0)
        continue;
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);
  return entries;
}

GStrv
drso_sandbox_query_get_list (GHashTable *params,
                             const char *prefix)
{
  g_autoptr(GArray) entries = collect (params, prefix, "");
  GStrv values = g_new0 (char *, entries->len + 1);

  for (guint i = 0; i < entries->len; i++)
    values[i] = g_strdup (g_array_index (entries, Entry, i).value);
  return values;
}

void
drso_sandbox_query_filter_free (DrsoSandboxQueryFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->name);
  g_strfreev (filter->values);
  g_free (filter);
}

/* Adds @index to @indices (sorted, without repeats). */
static void
add_index (GArray *indices,
           guint   index)
{
  guint i = 0;

  while (i < indices->len && g_array_index (indices, guint, i) < index)
    i++;
  if (i == indices->len || g_array_index (indices, guint, i) != index)
    g_array_insert_val (indices, i, index);
}

GPtrArray *
drso_sandbox_query_get_filters (GHashTable  *params,
                                GError     **error)
{
  g_autoptr(GPtrArray) filters =
    g_ptr_array_new_with_free_func ((GDestroyNotify) drso_sandbox_query_filter_free);
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  const char *name;

  if (params == NULL)
    return g_steal_pointer (&filters);

  /* Every N of a Filter.N.… parameter. */
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      const char *rest;
      guint index;

      if (g_str_has_prefix (name, "Filter.") &&
          (rest = read_index (name + strlen ("Filter."), &index)) != NULL && *rest == '.')
        add_index (indices, index);
    }

  for (guint i = 0; i < indices->len; i++)
    {
      guint index = g_array_index (indices, guint, i);
      g_autofree char *name_key = g_strdup_printf ("Filter.%u.Name", index);
      g_autofree char *value_prefix = g_strdup_printf ("Filter.%u.Value", index);
      g_autoptr(DrsoSandboxQueryFilter) filter = g_new0 (DrsoSandboxQueryFilter, 1);
      const char *filter_name = g_hash_table_lookup (params, name_key);

      if (filter_name == NULL || *filter_name == '\0')
        {
          g_set_error (error, DRSO_SANDBOX_QUERY_ERROR,
                       DRSO_SANDBOX_QUERY_ERROR_MISSING_PARAMETER,
                       "The request must contain the parameter %s", name_key);
          return NULL;
        }
      filter->name = g_strdup (filter_name);
      filter->values = drso_sandbox_query_get_list (params, value_prefix);
      if (filter->values[0] == NULL)
        {
          g_set_error (error, DRSO_SANDBOX_QUERY_ERROR,
                       DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE,
                       "The filter '%s' must have at least one value", filter_name);
          return NULL;
        }
      g_ptr_array_add (filters, g_steal_pointer (&filter));
    }
  return g_steal_pointer (&filters);
}

gboolean
drso_sandbox_query_get_bool (GHashTable  *params,
                             const char  *name,
                             gboolean     fallback,
                             gboolean    *value,
                             GError     **error)
{
  const char *text = drso_sandbox_query_get (params, name);

  *value = fallback;
  if (text == NULL)
    return TRUE;
  if (g_ascii_strcasecmp (text, "true") == 0)
    *value = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0)
    *value = FALSE;
  else
    {
      g_set_error (error, DRSO_SANDBOX_QUERY_ERROR,
                   DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE,
                   "Invalid value '%s' for %s. It should be true or false.", text, name);
      return FALSE;
    }
  return TRUE;
}

gboolean
drso_sandbox_query_get_int (GHashTable  *params,
                            const char  *name,
                            gint64       min,
                            gint64       max,
                            gint64      *value,
                            gboolean    *present,
                            GError     **error)
{
  const char *text = drso_sandbox_query_get (params, name);

  *value = 0;
  *present = text != NULL;
  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, value, NULL))
    {
      g_set_error (error, DRSO_SANDBOX_QUERY_ERROR,
                   DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE,
                   "Value ( %s ) for parameter %s is invalid. Expecting a value from %"
                   G_GINT64_FORMAT " to %" G_GINT64_FORMAT ".", text, name, min, max);
      *value = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
drso_sandbox_query_is_id (const char *id,
                          const char *prefix)
{
  const char *hex;
  gsize length;

  if (id == NULL || !g_str_has_prefix (id, prefix))
    return FALSE;
  hex = id + strlen (prefix);
  length = strlen (hex);
  if (length != 8 && length != 17)
    return FALSE;
  for (const char *p = hex; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && (*p < 'a' || *p > 'f'))
      return FALSE;
  return TRUE;
}
