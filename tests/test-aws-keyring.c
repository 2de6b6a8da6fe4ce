/* test-aws-keyring.c
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

/* Access keys in the real keyring (gnome-keyring on a private session bus,
 * as build-aux/dev test runs it), and nowhere else. */

#include "config.h"

#include <glib/gstdio.h>

#include "drso.h"
#include "drso-test-util.h"

#define SECRET "kEyRiNg-SeCrEt-0123456789-planted"
#define ACCOUNT "123456789012"

static GPtrArray *log_lines;

static GLogWriterOutput
record_log (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        g_ptr_array_add (log_lines, g_strdup (fields[i].value));
    }
  return G_LOG_WRITER_HANDLED;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return g_strstr_len (contents, length, needle) != NULL;
}

static guint
grep_tree (const char *dir,
           const char *needle)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint hits = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        hits += grep_tree (path, needle);
      else if (file_contains (path, needle))
        hits++;
    }
  return hits;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GAsyncResult) stored = NULL, looked = NULL, cleared = NULL, missing = NULL;
  g_autoptr(DrsoAwsCredentials) creds = NULL;
  g_autoptr(DrsoAwsCredentials) none = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT, "Keyring test");
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run under build-aux/dev test (dbus-run-session and an "
                   "unlocked gnome-keyring)");
      return;
    }

  /* A store in the same data dir, to check the secret never reaches it. */
  store = drso_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (drso_store_add_account (store, account, &error));

  drso_aws_keyring_store_async (ACCOUNT, "AKIDKEYRINGTEST", SECRET, NULL, drso_test_done_cb,
                                &stored);
  g_assert_true (drso_aws_keyring_store_finish (drso_test_wait_for (&stored), &error));
  g_assert_no_error (error);

  drso_aws_keyring_lookup_async (ACCOUNT, NULL, drso_test_done_cb, &looked);
  creds = drso_aws_keyring_lookup_finish (drso_test_wait_for (&looked), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (creds), ==, "AKIDKEYRINGTEST");
  g_assert_cmpstr (drso_aws_credentials_get_secret_access_key (creds), ==, SECRET);
  g_assert_null (drso_aws_credentials_get_session_token (creds));

  drso_aws_keyring_clear_async (ACCOUNT, NULL, drso_test_done_cb, &cleared);
  g_assert_true (drso_aws_keyring_clear_finish (drso_test_wait_for (&cleared), &error));
  g_assert_no_error (error);

  drso_aws_keyring_lookup_async (ACCOUNT, NULL, drso_test_done_cb, &missing);
  none = drso_aws_keyring_lookup_finish (drso_test_wait_for (&missing), &error);
  g_assert_null (none);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, ACCOUNT));
  g_assert_null (strstr (error->message, SECRET));

  /* Nothing under the data dir, and no log line, holds the secret. */
  g_clear_object (&store);
  g_assert_cmpuint (grep_tree (g_get_user_data_dir (), SECRET), ==, 0);
  for (guint i = 0; i < log_lines->len; i++)
    g_assert_null (strstr (g_ptr_array_index (log_lines, i), SECRET));
}

int
main (int   argc,
      char *argv[])
{
  /* The keyring daemon runs on the session bus with its own folders; the
   * test's own folders are private. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (record_log, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  g_test_add_func ("/aws/keyring/store-lookup-clear", test_store_lookup_clear);
  return g_test_run ();
}
