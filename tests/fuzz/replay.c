/* replay.c
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

/* Runs files through one fuzz target once each, without libFuzzer:
 *
 *   fuzz-replay-TARGET PATH...
 *
 * A PATH that is a folder stands for the files in it (not recursing;
 * names starting with "." and README files are skipped). Each input is
 * copied into a buffer of its exact size, so that AddressSanitizer sees a
 * read past its end. Exits 0 when every input went through; a failure
 * aborts, naming the input on the line before. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "drso-fuzz.h"

static gboolean
skipped (const char *name)
{
  return name[0] == '.' || g_str_has_prefix (name, "README");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  /* g_malloc (0) is NULL: libFuzzer never passes NULL, so neither do we. */
  copy = g_malloc (MAX (length, 1));
  memcpy (copy, contents, length);

  fprintf (stderr, "replay: %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  drso_fuzz_one (copy, length);
  return TRUE;
}

static gboolean
replay_path (const char *path,
             guint      *count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!replay_file (path))
        return FALSE;
      (*count)++;
      return TRUE;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!skipped (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (g_file_test (file, G_FILE_TEST_IS_DIR))
        continue;
      if (!replay_file (file))
        return FALSE;
      (*count)++;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint count = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE-OR-FOLDER...\n", argv[0]);
      return 2;
    }

  drso_fuzz_setup ();
  for (int i = 1; i < argc; i++)
    if (!replay_path (argv[i], &count))
      return 1;

  printf ("replayed %u inputs\n", count);
  return 0;
}
