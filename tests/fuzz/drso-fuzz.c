/* drso-fuzz.c
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

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drso-fuzz.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  fputs ("drso-fuzz: a warning or a critical is a failure\n", stderr);
  abort ();
}

void
drso_fuzz_setup (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

void
drso_fuzz_fail (const char *format,
                ...)
{
  va_list args;

  fputs ("drso-fuzz: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}

/* Round trips */

static char *
node_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

void
drso_fuzz_check_read_back (const char   *what,
                           JsonNode     *written,
                           gconstpointer again,
                           const GError *error)
{
  g_autofree char *text = NULL;

  if (again != NULL)
    return;
  text = node_text (written);
  drso_fuzz_fail ("a %s does not read what it wrote: %s\nIt wrote: %s", what,
                  error != NULL ? error->message : "(no error)", text);
}

void
drso_fuzz_check_same_json (const char *what,
                           JsonNode   *first,
                           JsonNode   *second)
{
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;

  if (json_node_equal (first, second))
    return;
  first_text = node_text (first);
  second_text = node_text (second);
  drso_fuzz_fail ("a %s changed on a round trip:\nwritten:   %s\nrewritten: %s", what,
                  first_text, second_text);
}

/* Parts */

void
drso_fuzz_reader_init (DrsoFuzzReader *reader,
                       const guint8   *data,
                       gsize           size)
{
  reader->at = (const char *) data;
  reader->end = data != NULL ? (const char *) data + size : NULL;
}

char *
drso_fuzz_reader_next (DrsoFuzzReader *reader,
                       char            separator)
{
  const char *stop;
  char *part;

  if (reader->at == NULL || reader->at >= reader->end)
    return NULL;

  stop = memchr (reader->at, separator, (gsize) (reader->end - reader->at));
  if (stop == NULL)
    stop = reader->end;
  part = g_strndup (reader->at, (gsize) (stop - reader->at));
  reader->at = stop < reader->end ? stop + 1 : stop;
  return part;
}

const char *
drso_fuzz_reader_rest (DrsoFuzzReader *reader,
                       gsize          *length)
{
  if (reader->at == NULL || reader->at >= reader->end)
    {
      *length = 0;
      return "";
    }
  *length = (gsize) (reader->end - reader->at);
  return reader->at;
}

/* Requests */

static void
drop_cr (char *line)
{
  gsize length = strlen (line);

  if (length > 0 && line[length - 1] == '\r')
    line[length - 1] = '\0';
}

void
drso_fuzz_request_parse (DrsoFuzzRequest *request,
                         const guint8    *data,
                         gsize            size)
{
  DrsoFuzzReader reader;
  g_autofree char *line = NULL;
  char *target, *space, *mark;

  memset (request, 0, sizeof *request);
  request->names = g_ptr_array_new_with_free_func (g_free);
  request->values = g_ptr_array_new_with_free_func (g_free);

  drso_fuzz_reader_init (&reader, data, size);
  line = drso_fuzz_reader_next (&reader, '\n');
  if (line == NULL)
    line = g_strdup ("");
  drop_cr (line);

  /* "METHOD TARGET [VERSION]" */
  space = strchr (line, ' ');
  if (space != NULL)
    {
      *space = '\0';
      target = space + 1;
      space = strchr (target, ' ');
      if (space != NULL)
        *space = '\0';
    }
  else
    target = line + strlen (line);
  request->method = g_strdup (line);

  mark = strchr (target, '?');
  if (mark != NULL)
    {
      *mark = '\0';
      request->query = g_strdup (mark + 1);
    }
  request->path = g_strdup (*target != '\0' ? target : "/");

  for (;;)
    {
      g_autofree char *header = drso_fuzz_reader_next (&reader, '\n');
      char *colon, *value;

      if (header == NULL)
        break;
      drop_cr (header);
      if (*header == '\0')
        break;

      colon = strchr (header, ':');
      if (colon != NULL)
        {
          *colon = '\0';
          value = colon + 1;
          while (*value == ' ' || *value == '\t')
            value++;
        }
      else
        value = header + strlen (header);
      /* HTTP has no header without a name. */
      if (*header == '\0')
        continue;
      g_ptr_array_add (request->names, g_strdup (header));
      g_ptr_array_add (request->values, g_strdup (value));
    }

  request->body = drso_fuzz_reader_rest (&reader, &request->body_length);
}

void
drso_fuzz_request_clear (DrsoFuzzRequest *request)
{
  g_clear_pointer (&request->method, g_free);
  g_clear_pointer (&request->path, g_free);
  g_clear_pointer (&request->query, g_free);
  g_clear_pointer (&request->names, g_ptr_array_unref);
  g_clear_pointer (&request->values, g_ptr_array_unref);
  request->body = NULL;
  request->body_length = 0;
}

const char *
drso_fuzz_request_header (DrsoFuzzRequest *request,
                          const char      *name)
{
  for (guint i = 0; i < request->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (request->names, i), name) == 0)
      return g_ptr_array_index (request->values, i);
  return NULL;
}
