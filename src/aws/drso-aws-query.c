/* drso-aws-query.c
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

#include "drso-aws-query-private.h"

struct _DrsoQueryBuilder
{
  GString *text;
};

/* RFC 3986 unreserved characters stay; everything else is %XX. */
char *
_drso_uri_encode (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

DrsoQueryBuilder *
_drso_query_builder_new (const char *action,
                         const char *version)
{
  DrsoQueryBuilder *builder = g_new0 (DrsoQueryBuilder, 1);

  builder->text = g_string_new (NULL);
  _drso_query_builder_add (builder, "Action", action);
  _drso_query_builder_add (builder, "Version", version);
  return builder;
}

void
_drso_query_builder_add (DrsoQueryBuilder *builder,
                         const char       *name,
                         const char       *value)
{
  g_autofree char *encoded_name = _drso_uri_encode (name);
  g_autofree char *encoded_value = _drso_uri_encode (value ? value : "");

  if (builder->text->len > 0)
    g_string_append_c (builder->text, '&');
  g_string_append_printf (builder->text, "%s=%s", encoded_name, encoded_value);
}

GBytes *
_drso_query_builder_end (DrsoQueryBuilder *builder)
{
  GBytes *bytes = g_string_free_to_bytes (builder->text);

  g_free (builder);
  return bytes;
}
