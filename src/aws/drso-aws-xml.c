/* drso-aws-xml.c
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

#include <string.h>

#include "drso-aws-xml-private.h"

#define MAX_DEPTH 64

typedef struct
{
  DrsoXmlNode *root;
  DrsoXmlNode *current;
  GString     *text;
  guint        depth;
} Builder;

static DrsoXmlNode *
node_new (const char  *name,
          DrsoXmlNode *parent)
{
  DrsoXmlNode *node = g_new0 (DrsoXmlNode, 1);
  const char *colon = strchr (name, ':');

  node->name = g_strdup (colon ? colon + 1 : name);
  node->parent = parent;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _drso_xml_free);
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  return node;
}

void
_drso_xml_free (DrsoXmlNode *node)
{
  if (node == NULL)
    return;
  g_free (node->name);
  g_free (node->text);
  g_ptr_array_unref (node->children);
  g_free (node);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  Builder *builder = user_data;

  if (++builder->depth > MAX_DEPTH)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "elements are nested more than %d deep", MAX_DEPTH);
      return;
    }

  if (builder->root == NULL)
    builder->current = builder->root = node_new (name, NULL);
  else if (builder->current == NULL)
    {
      /* GMarkup takes elements after the root's end; XML does not. */
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "the document has more than one root element");
      return;
    }
  else
    builder->current = node_new (name, builder->current);
  g_string_truncate (builder->text, 0);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  Builder *builder = user_data;
  DrsoXmlNode *node = builder->current;

  builder->depth--;
  if (node->children->len == 0)
    node->text = g_strdup (builder->text->str);
  g_string_truncate (builder->text, 0);
  builder->current = node->parent;
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  Builder *builder = user_data;

  if (builder->current != NULL)
    g_string_append_len (builder->text, text, text_len);
}

static const GMarkupParser parser = {
  start_element, end_element, text, NULL, NULL,
};

/* Returns the root element, or NULL with a G_MARKUP_ERROR. */
DrsoXmlNode *
_drso_xml_parse (const char  *data,
                 gsize        length,
                 GError     **error)
{
  Builder builder = { NULL, NULL, NULL, 0 };
  GMarkupParseContext *context;
  gboolean ok;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "the document is empty");
      return NULL;
    }

  builder.text = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &builder, NULL);
  ok = g_markup_parse_context_parse (context, data, length, error) &&
       g_markup_parse_context_end_parse (context, error);
  g_markup_parse_context_free (context);
  g_string_free (builder.text, TRUE);

  if (ok && builder.root == NULL)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_EMPTY, "the document is empty");
      ok = FALSE;
    }
  if (!ok)
    {
      _drso_xml_free (builder.root);
      return NULL;
    }
  return builder.root;
}

/* Follows a path of element names separated by '/', first match each. */
DrsoXmlNode *
_drso_xml_child (DrsoXmlNode *node,
                 const char  *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);

  for (guint i = 0; node != NULL && names[i] != NULL; i++)
    {
      DrsoXmlNode *found = NULL;

      for (guint j = 0; j < node->children->len && found == NULL; j++)
        {
          DrsoXmlNode *child = g_ptr_array_index (node->children, j);

          if (g_str_equal (child->name, names[i]))
            found = child;
        }
      node = found;
    }
  return node;
}

const char *
_drso_xml_text (DrsoXmlNode *node,
                const char  *path)
{
  DrsoXmlNode *child = _drso_xml_child (node, path);

  return child ? child->text : NULL;
}

/* The <item> children of the element at @path (EC2's list shape). */
GPtrArray *
_drso_xml_items (DrsoXmlNode *node,
                 const char  *path)
{
  DrsoXmlNode *list = path ? _drso_xml_child (node, path) : node;
  GPtrArray *items = g_ptr_array_new ();

  for (guint i = 0; list != NULL && i < list->children->len; i++)
    {
      DrsoXmlNode *child = g_ptr_array_index (list->children, i);

      if (g_str_equal (child->name, "item") || g_str_equal (child->name, "member"))
        g_ptr_array_add (items, child);
    }
  return items;
}
