/* drso-sandbox-query-filters.c
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

/* The lists of the EC2 describe calls: EC2's filter wildcards, the
 * filters a kind of resource knows (its members, tag:Key, tag-key,
 * tag-value) and how items match them, and the pages of a list sorted by
 * ID, with the next tokens that resume after the last ID of a page. */

gboolean
drso_sandbox_query_match (const char *pattern,
                          const char *text)
{
  /* Backtracks to the last '*' only: enough for globs, linear in
   * practice. */
  const char *star = NULL, *resume = NULL;

  while (*text != '\0')
    {
      if (*pattern == '*')
        {
          star = ++pattern;
          resume = text;
          continue;
        }
      if (*pattern == '?')
        {
          pattern++;
          text = g_utf8_next_char (text);
          continue;
        }
      if ((*pattern == '\\' && pattern[1] != '\0' && pattern[1] == *text) ||
          (*pattern != '\\' && *pattern != '\0' && *pattern == *text))
        {
          pattern += *pattern == '\\' ? 2 : 1;
          text++;
          continue;
        }
      if (star == NULL)
        return FALSE;
      pattern = star;
      text = resume = g_utf8_next_char (resume);
    }
  while (*pattern == '*')
    pattern++;
  return *pattern == '\0';
}

static gboolean
find_field (const DrsoSandboxQueryKind *kind,
            const char                 *name,
            gssize                     *offset)
{
  for (guint i = 0; kind->fields[i].name != NULL; i++)
    if (g_str_equal (kind->fields[i].name, name))
      {
        *offset = kind->fields[i].offset;
        return TRUE;
      }
  return FALSE;
}

gboolean
drso_sandbox_query_check_filters (const DrsoSandboxQueryKind  *kind,
                                  GPtrArray                   *filters,
                                  GError                     **error)
{
  for (guint i = 0; i < filters->len; i++)
    {
      const char *name = ((DrsoSandboxQueryFilter *) g_ptr_array_index (filters, i))->name;
      gssize offset;
      gboolean known = find_field (kind, name, &offset) ||
                       (kind->tags_offset >= 0 &&
                        ((g_str_has_prefix (name, "tag:") && name[4] != '\0') ||
                         g_str_equal (name, "tag-key") || g_str_equal (name, "tag-value")));

      if (!known)
        {
          g_set_error (error, DRSO_SANDBOX_QUERY_ERROR,
                       DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE,
                       "The filter '%s' is invalid", name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
any_match (GStrv       patterns,
           const char *text)
{
  for (guint i = 0; text != NULL && patterns[i] != NULL; i++)
    if (drso_sandbox_query_match (patterns[i], text))
      return TRUE;
  return FALSE;
}

static gboolean
filter_matches (const DrsoSandboxQueryKind *kind,
                gconstpointer               item,
                DrsoSandboxQueryFilter     *filter,
                gpointer                    user_data)
{
  JsonObject *tags = kind->tags_offset >= 0
    ? G_STRUCT_MEMBER (JsonObject *, item, kind->tags_offset) : NULL;
  gboolean keys = g_str_equal (filter->name, "tag-key");
  g_autofree char *text = NULL;
  gssize offset = -1;

  if (g_str_has_prefix (filter->name, "tag:"))
    return tags != NULL &&
           any_match (filter->values,
                      json_object_get_string_member_with_default (tags, filter->name + 4, NULL));

  if (keys || g_str_equal (filter->name, "tag-value"))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      if (tags == NULL)
        return FALSE;
      json_object_iter_init_ordered (&iter, tags);
      while (json_object_iter_next_ordered (&iter, &key, &value))
        if (any_match (filter->values, keys ? key : json_node_get_string (value)))
          return TRUE;
      return FALSE;
    }

  if (find_field (kind, filter->name, &offset) && offset >= 0)
    return any_match (filter->values, G_STRUCT_MEMBER (const char *, item, offset));
  text = kind->field (item, filter->name, user_data);
  return any_match (filter->values, text);
}

/* A token holds the scope, the last ID of the page before and a MAC; the
 * key only makes forged tokens fail. */
#define TOKEN_KEY "drso-sandbox-next-token"

static char *
token_mac (const char *plain)
{
  g_autofree char *mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                    (const guchar *) TOKEN_KEY,
                                                    strlen (TOKEN_KEY), plain, -1);

  return g_strndup (mac, 16);
}

static char *
token_encode (const char *scope,
              const char *last_id)
{
  g_autofree char *plain = g_strdup_printf ("%s\n%s", scope, last_id);
  g_autofree char *mac = token_mac (plain);
  g_autofree char *whole = g_strdup_printf ("%s\n%s", plain, mac);

  return g_base64_encode ((const guchar *) whole, strlen (whole));
}

/* The last ID @token names, or NULL if it is not a token of @scope. */
static char *
token_decode (const char *scope,
              const char *token)
{
  gsize length = 0;
  g_autofree guchar *data = g_base64_decode (token, &length);
  g_autofree char *text = g_strndup ((const char *) data, length);
  g_autofree char *mac = NULL;
  char *last_newline;

  if (length == 0 || strlen (text) != length ||
      (last_newline = strrchr (text, '\n')) == NULL)
    return NULL;
  *last_newline = '\0';
  mac = token_mac (text);
  if (!g_str_equal (mac, last_newline + 1) || !g_str_has_prefix (text, scope) ||
      text[strlen (scope)] != '\n')
    return NULL;
  return g_strdup (text + strlen (scope) + 1);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const DrsoSandboxQueryKind *kind = user_data;

  return strcmp (DRSO_SANDBOX_QUERY_ITEM_ID (kind, *(gconstpointer *) a),
                 DRSO_SANDBOX_QUERY_ITEM_ID (kind, *(gconstpointer *) b));
}

GPtrArray *
drso_sandbox_query_select (const DrsoSandboxQueryKind  *kind,
                           GPtrArray                   *items,
                           GPtrArray                   *filters,
                           const char                  *scope,
                           const char                  *token,
                           gint64                       max_results,
                           gpointer                     user_data,
                           char                       **next_token,
                           GError                     **error)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();
  GPtrArray *page;
  g_autofree char *after = NULL;
  guint start = 0, end;

  *next_token = NULL;
  if (token != NULL && *token != '\0' && (after = token_decode (scope, token)) == NULL)
    {
      g_set_error (error, DRSO_SANDBOX_QUERY_ERROR, DRSO_SANDBOX_QUERY_ERROR_INVALID_NEXT_TOKEN,
                   "The token '%s' is invalid", token);
      return NULL;
    }

  for (guint i = 0; i < items->len; i++)
    {
      gconstpointer item = g_ptr_array_index (items, i);
      gboolean keep = TRUE;

      for (guint j = 0; keep && filters != NULL && j < filters->len; j++)
        keep = filter_matches (kind, item, g_ptr_array_index (filters, j), user_data);
      if (keep)
        g_ptr_array_add (selected, (gpointer) item);
    }
  g_ptr_array_sort_with_data (selected, compare_ids, (gpointer) kind);

  /* After the last ID of the page before: items that came or went in
   * between neither repeat nor shift the pages. */
  while (after != NULL && start < selected->len &&
         strcmp (DRSO_SANDBOX_QUERY_ITEM_ID (kind, g_ptr_array_index (selected, start)),
                 after) <= 0)
    start++;
  end = selected->len;
  if (max_results > 0 && end - start > max_results)
    end = start + (guint) max_results;

  page = g_ptr_array_sized_new (end - start);
  for (guint i = start; i < end; i++)
    g_ptr_array_add (page, g_ptr_array_index (selected, i));
  if (end > 0 && end < selected->len)
    *next_token = token_encode (scope, DRSO_SANDBOX_QUERY_ITEM_ID (kind,
                                                                   g_ptr_array_index (selected,
                                                                                      end - 1)));
  return page;
}
