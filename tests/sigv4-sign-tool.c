/* sigv4-sign-tool.c
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

/* Signs requests for tests/sigv4-botocore.py. Reads one JSON object a line on
 * stdin:
 *
 *   {"method": "GET", "path": "/raw/path", "query": "raw=query" or null,
 *    "headers": [["Name", "value"], ...], "body": "base64",
 *    "region": "us-east-1", "service": "drs", "time": 1767225600,
 *    "key": "AKID...", "secret": "...", "token": "..." or null}
 *
 * and prints, a line for each, the Authorization header our signer gives it;
 * with --canonical-request, the canonical request as a JSON string instead. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "drso-sigv4-private.h"

static const char *
get_nullable_string (JsonObject *object,
                     const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return json_node_get_string (node);
}

static char *
sign_line (const char  *line,
           gboolean     canonical,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(DrsoSigv4Request) req = NULL;
  g_autofree guchar *body = NULL;
  DrsoSigv4Credentials creds;
  DrsoSigv4Options opts;
  JsonObject *object;
  JsonArray *headers;
  gsize body_length = 0;

  if (!json_parser_load_from_data (parser, line, -1, error))
    return NULL;

  object = json_node_get_object (json_parser_get_root (parser));
  req = drso_sigv4_request_new (json_object_get_string_member (object, "method"),
                                json_object_get_string_member (object, "path"),
                                get_nullable_string (object, "query"));

  headers = json_object_get_array_member (object, "headers");
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      drso_sigv4_request_add_header (req,
                                     json_array_get_string_element (pair, 0),
                                     json_array_get_string_element (pair, 1));
    }

  body = g_base64_decode (json_object_get_string_member (object, "body"), &body_length);
  drso_sigv4_request_set_payload (req, body, body_length);

  creds.access_key_id = json_object_get_string_member (object, "key");
  creds.secret_access_key = json_object_get_string_member (object, "secret");
  creds.session_token = get_nullable_string (object, "token");
  drso_sigv4_options_init (&opts,
                           json_object_get_string_member (object, "region"),
                           json_object_get_string_member (object, "service"),
                           json_object_get_int_member (object, "time"));

  drso_sigv4_sign (req, &creds, &opts);

  if (canonical)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *text = NULL;

      drso_sigv4_request_remove_header (req, "Authorization");
      text = drso_sigv4_canonical_request (req, &opts);
      json_node_set_string (node, text);

      return json_to_string (node, FALSE);
    }

  return g_strdup (drso_sigv4_request_lookup_header (req, "Authorization"));
}

int
main (int   argc,
      char *argv[])
{
  gboolean canonical = argc > 1 && strcmp (argv[1], "--canonical-request") == 0;
  g_autoptr(GString) line = g_string_new (NULL);
  char chunk[4096];
  guint n = 0;

  while (fgets (chunk, sizeof chunk, stdin) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      g_string_append (line, chunk);
      if (line->len == 0 || line->str[line->len - 1] != '\n')
        {
          if (!feof (stdin))
            continue;
        }

      n++;
      out = sign_line (line->str, canonical, &error);
      if (out == NULL)
        {
          g_printerr ("sigv4-sign-tool: line %u: %s\n", n, error->message);
          return 1;
        }
      printf ("%s\n", out);
      g_string_truncate (line, 0);
    }

  drso_sigv4_clear_key_cache ();

  return fflush (stdout) == 0 ? 0 : 1;
}
