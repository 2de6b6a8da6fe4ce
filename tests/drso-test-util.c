/* drso-test-util.c
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

#include <string.h>
#include <sqlite3.h>

#include "drso-test-util.h"

#include <glib/gstdio.h>
#include "drso-discovery.h"
#include "drso-sigv4-private.h"

#define SETTINGS_SCHEMA "io.github.drso.Orchestrator"

/* Helpers */

typedef struct
{
  const char *access_key_id;
  const char *secret_access_key;
} KeyPair;

static const char *
lookup_secret (const char *access_key_id,
               gpointer    user_data)
{
  const KeyPair *pair = user_data;

  return g_str_equal (access_key_id, pair->access_key_id) ? pair->secret_access_key : NULL;
}

static void
append_value (GString      *out,
              sqlite3_stmt *stmt,
              int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (out, "NULL");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT,
                              (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      g_string_append_printf (out, "%.17g", sqlite3_column_double (stmt, column));
      break;
    case SQLITE_TEXT:
      {
        g_autofree char *escaped =
          g_strescape ((const char *) sqlite3_column_text (stmt, column), NULL);

        g_string_append_printf (out, "'%s'", escaped);
      }
      break;
    case SQLITE_BLOB:
    default:
      {
        const guint8 *bytes = sqlite3_column_blob (stmt, column);
        int n = sqlite3_column_bytes (stmt, column);

        g_string_append (out, "x'");
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", bytes[i]);
        g_string_append_c (out, '\'');
      }
      break;
    }
}

static void
dump_table (GString    *out,
            sqlite3    *db,
            const char *table)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  char *quoted;
  int n_columns;
  int rc;

  /* The columns first, then the rows ordered by all of them. */
  quoted = sqlite3_mprintf ("SELECT * FROM \"%w\"", table);
  g_string_append (sql, quoted);
  sqlite3_free (quoted);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  n_columns = sqlite3_column_count (stmt);
  g_string_append_printf (out, "TABLE %s (", table);
  for (int i = 0; i < n_columns; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", sqlite3_column_name (stmt, i));
  g_string_append (out, ")\n");
  sqlite3_finalize (stmt);

  for (int i = 0; i < n_columns; i++)
    g_string_append_printf (sql, "%s%d", i ? ", " : " ORDER BY ", i + 1);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (out, "  ");
      for (int i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append (out, " | ");
          append_value (out, stmt, i);
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Loopback server */

/* A server on 127.0.0.1 and a port of its own that passes every request to
 * @callback. @raw_paths keeps paths as they were on the wire (a signature
 * covers them so). Sets @url to the server's URL without a trailing slash,
 * which the caller frees. */
SoupServer *
drso_test_server_new (gboolean             raw_paths,
                      SoupServerCallback   callback,
                      gpointer             user_data,
                      char               **url)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server;
  GSList *uris;

  g_assert_nonnull (url);

  server = soup_server_new ("raw-paths", raw_paths, NULL);
  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (*url, "/"))
    (*url)[strlen (*url) - 1] = '\0';
  return server;
}

/* Checks the signature of a request @msg received as AWS would, for the one
 * key @access_key_id with @secret_access_key, in @region for @service, with
 * up to 15 minutes of clock skew. */
gboolean
drso_test_sigv4_verify (SoupServerMessage  *msg,
                        const char         *access_key_id,
                        const char         *secret_access_key,
                        const char         *region,
                        const char         *service,
                        GError            **error)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(DrsoSigv4Request) request = NULL;
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  KeyPair pair = { access_key_id, secret_access_key };
  SoupMessageHeadersIter iter;
  const char *name, *value;

  request = drso_sigv4_request_new (soup_server_message_get_method (msg), g_uri_get_path (uri),
                                    g_uri_get_query (uri));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    drso_sigv4_request_add_header (request, name, value);
  drso_sigv4_request_set_payload (request, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes));
  return drso_sigv4_verify (request, lookup_secret, &pair, region, service,
                            g_get_real_time () / G_USEC_PER_SEC, 900, error);
}

/* Async calls */

/* A GAsyncReadyCallback that stores a reference to the result in the
 * GAsyncResult* that @user_data points to. */
void
drso_test_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the default main context until drso_test_done_cb() has filled @slot,
 * and returns what it holds (still owned by @slot). */
GAsyncResult *
drso_test_wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The store */

/* The store in the test's own data folder, without the Sandbox's built-in
 * account a new store starts with (test-sandbox.c tests that one), so that
 * tests start from nothing. */
DrsoStore *
drso_test_open_store (void)
{
  g_autoptr(GError) error = NULL;
  DrsoStore *store = drso_store_new (NULL, &error);
  g_autoptr(DrsoAccount) builtin = NULL;

  g_assert_no_error (error);
  g_assert_true (DRSO_IS_STORE (store));
  builtin = drso_store_lookup_account (store, DRSO_SANDBOX_ACCOUNT_ID, NULL);
  if (builtin != NULL && drso_account_get_simulated (builtin))
    {
      g_assert_true (drso_store_remove_account (store, DRSO_SANDBOX_ACCOUNT_ID, &error));
      g_assert_no_error (error);
    }
  return store;
}

/* Sets the role in GSettings and waits, five seconds at most, until @store
 * has seen it. */
void
drso_test_set_role (DrsoStore *store,
                    DrsoRole   role)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_settings_set_string (settings, "role", drso_role_get_nick (role));
  while (drso_store_get_role (store) != role)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* A plan @name of one wave, "Wave one", with the group @group_id. */
DrsoRecoveryPlan *
drso_test_new_plan (const char *name,
                    const char *group_id)
{
  DrsoRecoveryPlan *plan = drso_recovery_plan_new (name);
  g_autoptr(DrsoWave) wave = drso_wave_new ("Wave one");

  drso_wave_add_protection_group_id (wave, group_id);
  drso_recovery_plan_append_wave (plan, wave);
  return plan;
}

/* Creates drso_test_new_plan() in @store and returns its id. */
char *
drso_test_create_plan (DrsoStore  *store,
                       const char *name,
                       const char *group_id)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_test_new_plan (name, group_id);
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  return g_strdup (drso_recovery_plan_get_plan_id (plan));
}

/* Every table of the store's database file as text, each with its columns
 * and its rows ordered by all of them: equal dumps mean equal data, which is
 * how a test shows that a refused call changed nothing. Read through a
 * connection of its own, so it sees what was committed and nothing else. */
char *
drso_test_dump_store (DrsoStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (drso_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);

  rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "ORDER BY name",
                           -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* A store always has its tables: an empty dump would prove nothing. */
  g_assert_cmpuint (tables->len, >=, 8);
  for (guint i = 0; i < tables->len; i++)
    dump_table (out, db, g_ptr_array_index (tables, i));

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Assertions */

void
drso_test_assert_strv (const char * const *actual,
                       const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_strv_length ((char **) actual), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

/* Fails unless @a and @b are equal JSON, showing both as text. */
void
drso_test_assert_json_equal (JsonNode *a,
                             JsonNode *b)
{
  if (!json_node_equal (a, b))
    {
      g_autofree char *ta = json_to_string (a, TRUE);
      g_autofree char *tb = json_to_string (b, TRUE);

      g_assert_cmpstr (ta, ==, tb);
      g_error ("JSON differs, though not as text:\n%s", ta);
    }
}

/* Removes @path and everything under it (symbolic links are not followed). */
void
drso_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        drso_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* A Sandbox on the loopback, its clock @time_scale times as fast, its
 * estate the demo one (@estate_size 0) or that many generated servers. */
DrsoSandbox *
drso_test_sandbox_start (double  time_scale,
                         guint64 seed,
                         guint   estate_size)
{
  g_autoptr(GError) error = NULL;
  DrsoSandbox *sandbox = g_object_new (DRSO_TYPE_SANDBOX, "time-scale", time_scale,
                                       "seed", seed, "estate-size", estate_size, NULL);

  g_assert_true (drso_sandbox_start (sandbox, &error));
  g_assert_no_error (error);
  return sandbox;
}

/* Sets up the Sandbox's accounts (its own and the recovery accounts reached
 * by AssumeRole) in @store. */
void
drso_test_add_sandbox_accounts (DrsoStore   *store,
                                DrsoSandbox *sandbox)
{
  g_autoptr(GPtrArray) accounts = drso_sandbox_list_accounts (sandbox);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      g_assert_true (drso_store_add_account (store, g_ptr_array_index (accounts, i), &error));
      g_assert_no_error (error);
    }
}

/* Discovers the servers of @account_id into @store; returns how many. */
guint
drso_test_discover (DrsoStore     *store,
                    DrsoAwsClient *client,
                    const char    *account_id)
{
  g_autoptr(DrsoDiscovery) discovery = drso_discovery_new (store, account_id, NULL, client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), &n, &error));
  g_assert_no_error (error);
  return n;
}
