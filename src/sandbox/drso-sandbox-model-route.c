/* drso-sandbox-model-route.c
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

#include "drso-sandbox-model-internal.h"

/* The router of a service model: compiles each operation's http.requestUri
 * into segments, literal text and URI labels ({name}, {name+} spanning
 * several), and maps a method and a raw path to an operation, decoding the
 * labels it fills. Literal routes are looked up by path first, then the
 * label routes are tried in model order. */

/* More path segments than any REST API uses; it bounds the router's stack. */
#define MAX_SEGMENTS 32

/* Compiling */

/* The member of @input that the URI label @label fills. */
static const char *
label_member (DrsoShape  *input,
              const char *label)
{
  for (guint i = 0; input != NULL && i < input->n_members; i++)
    {
      DrsoShapeMember *member = &input->members[i];

      if (member->location == DRSO_SANDBOX_LOCATION_URI &&
          strcmp (member->location_name, label) == 0)
        return member->name;
    }
  return NULL;
}

gboolean
_drso_sandbox_model_load_route (DrsoSandboxModel  *model,
                                DrsoOperation     *operation,
                                const char        *request_uri,
                                GError           **error)
{
  g_autofree char *path = g_strndup (request_uri, strcspn (request_uri, "?"));
  g_auto(GStrv) parts = NULL;
  gboolean greedy = FALSE;
  guint n;

  if (path[0] != '/')
    return _drso_sandbox_model_invalid (error,
                                        "The requestUri of “%s” (%s) does not start with “/”",
                                        operation->name, request_uri);
  parts = g_strsplit (path + 1, "/", -1);
  n = g_strv_length (parts);
  if (n > MAX_SEGMENTS)
    return _drso_sandbox_model_invalid (error, "The requestUri of “%s” has more than %d segments",
                                        operation->name, MAX_SEGMENTS);

  operation->path = _drso_sandbox_model_intern (model, path);
  operation->segments = g_new0 (DrsoSegment, n);
  operation->n_segments = n;
  for (guint i = 0; i < n; i++)
    {
      DrsoSegment *segment = &operation->segments[i];
      const char *part = parts[i];
      gsize length = strlen (part);

      if (length >= 3 && part[0] == '{' && part[length - 1] == '}')
        {
          g_autofree char *label = g_strndup (part + 1, length - 2);
          gsize label_length = length - 2;
          const char *member;

          segment->label = TRUE;
          if (label[label_length - 1] == '+')
            {
              if (greedy)
                return _drso_sandbox_model_invalid (error,
                                                    "The requestUri of “%s” has more than "
                                                    "one greedy label", operation->name);
              label[--label_length] = '\0';
              segment->greedy = greedy = TRUE;
            }
          if (label_length == 0 || strpbrk (label, "{}+") != NULL)
            return _drso_sandbox_model_invalid (error,
                                                "The requestUri of “%s” has a malformed label (%s)",
                                                operation->name, part);
          member = label_member (operation->input, label);
          if (member == NULL)
            g_debug ("The label {%s} of “%s” is no member of its input", label, operation->name);
          segment->text = member ? member : _drso_sandbox_model_intern (model, label);
          operation->has_labels = TRUE;
        }
      else if (strpbrk (part, "{}") != NULL)
        {
          return _drso_sandbox_model_invalid (error,
                                              "The requestUri of “%s” mixes a label with text (%s)",
                                              operation->name, part);
        }
      else
        {
          segment->text = _drso_sandbox_model_intern (model, part);
          segment->length = length;
        }
    }

  if (operation->has_labels)
    {
      g_ptr_array_add (model->label_routes, operation);
    }
  else
    {
      DrsoOperation *first = g_hash_table_lookup (model->literal_routes, operation->path);

      if (first == NULL)
        {
          g_hash_table_insert (model->literal_routes, (gpointer) operation->path, operation);
        }
      else
        {
          while (first->next_same_path != NULL)
            first = first->next_same_path;
          first->next_same_path = operation;
        }
    }
  return TRUE;
}

/* Matching */

typedef struct
{
  const char *start;
  const char *end;
} Capture;

/* Matches the segments of @operation from @i on against the path text from
 * @p to @end (just after a '/'), filling @captures for its labels. */
static gboolean
match_segments (DrsoOperation *operation,
                guint          i,
                const char    *p,
                const char    *end,
                Capture       *captures)
{
  DrsoSegment *segment = &operation->segments[i];
  gboolean last = i + 1 == operation->n_segments;
  const char *q;

  if (!segment->label)
    {
      if ((gsize) (end - p) < segment->length || memcmp (p, segment->text, segment->length) != 0)
        return FALSE;
      q = p + segment->length;
    }
  else if (!segment->greedy)
    {
      q = memchr (p, '/', end - p);
      if (q == NULL)
        q = end;
      if (q == p)
        return FALSE;
    }
  else
    {
      /* Take as many segments as the rest of the template leaves. */
      if (p == end)
        return FALSE;
      if (!last)
        {
          for (q = end - 1; q > p; q--)
            {
              if (*q == '/' && match_segments (operation, i + 1, q + 1, end, captures))
                {
                  captures[i].start = p;
                  captures[i].end = q;
                  return TRUE;
                }
            }
          return FALSE;
        }
      q = end;
    }

  captures[i].start = p;
  captures[i].end = q;
  if (last)
    return q == end;
  if (q == end || *q != '/')
    return FALSE;
  return match_segments (operation, i + 1, q + 1, end, captures);
}

static gboolean
add_labels (DrsoOperation *operation,
            Capture       *captures,
            GHashTable    *labels)
{
  char *values[MAX_SEGMENTS] = { NULL, };
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < operation->n_segments; i++)
    {
      if (!operation->segments[i].label)
        continue;
      values[i] = g_uri_unescape_segment (captures[i].start, captures[i].end, NULL);
      ok = values[i] != NULL && g_utf8_validate (values[i], -1, NULL);
    }

  for (guint i = 0; i < operation->n_segments; i++)
    {
      if (ok && labels != NULL && values[i] != NULL)
        g_hash_table_replace (labels, g_strdup (operation->segments[i].text), values[i]);
      else
        g_free (values[i]);
    }
  return ok;
}

const char *
drso_sandbox_model_match_request (DrsoSandboxModel *model,
                                  const char       *method,
                                  const char       *path,
                                  GHashTable       *labels)
{
  g_autofree char *copy = NULL;
  const char *end;
  DrsoOperation *operation;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (path[0] != '/')
    return NULL;
  end = strchr (path, '?');
  if (end != NULL)
    path = copy = g_strndup (path, end - path);
  end = path + strlen (path);

  for (operation = g_hash_table_lookup (model->literal_routes, path);
       operation != NULL;
       operation = operation->next_same_path)
    {
      if (strcmp (operation->method, method) == 0)
        return operation->name;
    }

  for (guint i = 0; i < model->label_routes->len; i++)
    {
      Capture captures[MAX_SEGMENTS];

      operation = g_ptr_array_index (model->label_routes, i);
      if (strcmp (operation->method, method) == 0 &&
          match_segments (operation, 0, path + 1, end, captures) &&
          add_labels (operation, captures, labels))
        return operation->name;
    }
  return NULL;
}
