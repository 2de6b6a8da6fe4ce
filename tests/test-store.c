/* test-store.c
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

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

#include "drso.h"
#include "drso-store-private.h"
#include "drso-test-util.h"

#define DATA_FOLDER "drs-orchestrator"
#define DATABASE_NAME "drs-orchestrator.db"

#define ACCOUNT_A "111111111111"
#define ACCOUNT_B "222222222222"
#define ACCOUNT_C "333333333333"
#define EAST "us-east-1"
#define WEST "us-west-2"

/* Helpers: files and a second connection */

static char *
dup_data_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), DATA_FOLDER, NULL);
}

static char *
dup_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), DATA_FOLDER, DATABASE_NAME, NULL);
}

static void
assert_mode (const char *path,
             guint       expected)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  if ((buf.st_mode & 07777) != expected)
    g_error ("%s has mode %04o, expected %04o", path, buf.st_mode & 07777, expected);
}

static sqlite3 *
open_second_connection (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = open_second_connection (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s failed: %s", sql, message);
  sqlite3_close (db);
}

/* Runs a query of one row and one column on a connection of its own. */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = open_second_connection (path);
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  g_autofree char *text = query_text (path, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Runs @call, which must fail with @domain and @code, and checks that the
 * database is as it was. Leaves the error in @err for more checks. */
#define assert_fails_unchanged(store, err, call, domain, code)                     \
  G_STMT_START {                                                                   \
    g_autofree char *dump_before__ = drso_test_dump_store (store);                 \
    g_autofree char *dump_after__ = NULL;                                          \
    g_clear_error (&(err));                                                        \
    g_assert_false (call);                                                         \
    g_assert_error ((err), (domain), (code));                                      \
    dump_after__ = drso_test_dump_store (store);                                   \
    g_assert_cmpstr (dump_after__, ==, dump_before__);                             \
  } G_STMT_END

static gboolean
file_equals (const char *path,
             GBytes     *expected)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length == g_bytes_get_size (expected) &&
         memcmp (contents, g_bytes_get_data (expected, NULL), length) == 0;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The names in a folder, sorted, as one string. */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Root ignores file modes. To see what a user sees, the capabilities that
 * bypass them leave the effective set (they stay permitted, and
 * honour_file_modes_end() takes them back). Returns FALSE if file modes
 * still do not apply, which a probe checks. */

#ifdef __linux__
static struct __user_cap_data_struct saved_caps[_LINUX_CAPABILITY_U32S_3];
static gboolean caps_dropped;
#endif

static gboolean
probe_file_modes (void)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "drso-probe-XXXXXX", NULL);
  g_autofree char *file = NULL;
  gboolean honoured;
  int fd;

  g_assert_nonnull (g_mkdtemp (dir));
  file = g_build_filename (dir, "probe", NULL);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  fd = g_open (file, O_RDWR | O_CREAT, 0600);
  honoured = fd < 0 && errno == EACCES;
  if (fd >= 0)
    {
      close (fd);
      g_unlink (file);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
  return honoured;
}

static gboolean
honour_file_modes_begin (void)
{
#ifdef __linux__
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

  if (geteuid () == 0 && !caps_dropped)
    {
      if (syscall (SYS_capget, &header, saved_caps) != 0)
        return FALSE;
      memcpy (caps, saved_caps, sizeof caps);
      caps[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) |
                             (1u << CAP_FOWNER));
      if (syscall (SYS_capset, &header, caps) != 0)
        return FALSE;
      caps_dropped = TRUE;
    }
#endif
  return probe_file_modes ();
}

static void
honour_file_modes_end (void)
{
#ifdef __linux__
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };

  if (caps_dropped)
    {
      g_assert_cmpint (syscall (SYS_capset, &header, saved_caps), ==, 0);
      caps_dropped = FALSE;
    }
#endif
}

/* Helpers: the store and its objects */

static DrsoStore *
reopen_store (DrsoStore *store)
{
  g_object_unref (store);
  return drso_test_open_store ();
}

static DrsoAccount *
new_account (const char *account_id,
             const char *name)
{
  const char * const regions[] = { EAST, WEST, NULL };
  DrsoAccount *account = drso_account_new (account_id, name);

  drso_account_set_regions (account, regions);
  return account;
}

static void
add_account (DrsoStore  *store,
             const char *account_id,
             const char *name)
{
  g_autoptr(DrsoAccount) account = new_account (account_id, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);
}

static char *
server_id (guint n)
{
  return g_strdup_printf ("s-%017x", n);
}

static DrsoSourceServer *
new_server (const char *account_id,
            const char *region,
            guint       n,
            const char *hostname)
{
  g_autofree char *id = server_id (n);
  DrsoSourceServer *server = drso_source_server_new (id, account_id, region);

  drso_source_server_set_hostname (server, hostname);
  return server;
}

/* Replaces the discovery cache of @account_id in @region with the servers
 * numbered @first to @first + @count - 1, tagged Env=@env when not NULL. */
static void
discover (DrsoStore  *store,
          const char *account_id,
          const char *region,
          guint       first,
          guint       count,
          const char *env)
{
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *hostname = g_strdup_printf ("host-%u", i);
      DrsoSourceServer *server = new_server (account_id, region, i, hostname);

      if (env != NULL)
        drso_source_server_set_tag (server, "Env", env);
      g_ptr_array_add (servers, server);
    }
  g_assert_true (drso_store_replace_source_servers (store, account_id, region, servers, &error));
  g_assert_no_error (error);
}

static DrsoProtectionGroup *
new_group (const char *name,
           const char *account_id,
           const char *region)
{
  return drso_protection_group_new (name, account_id, region);
}

static DrsoProtectionGroup *
new_tag_group (const char *name,
               const char *account_id,
               const char *region,
               const char *key,
               const char *value)
{
  DrsoProtectionGroup *group = new_group (name, account_id, region);

  drso_protection_group_set_tag (group, key, value);
  return group;
}

/* Creates a tag-based group in account A, east, and returns its id. */
static char *
create_tag_group (DrsoStore  *store,
                  const char *name)
{
  g_autoptr(DrsoProtectionGroup) group = new_tag_group (name, ACCOUNT_A, EAST, "Group", name);
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

static char *
create_execution (DrsoStore           *store,
                  const char          *plan_id,
                  DrsoExecutionStatus  status)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new (plan_id, "Plan", DRSO_EXECUTION_TYPE_DRILL);
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_store_create_execution (store, execution, &error));
  g_assert_no_error (error);
  if (status != DRSO_EXECUTION_STATUS_PENDING)
    {
      drso_execution_set_status (execution, status);
      g_assert_true (drso_store_save_execution (store, execution, &error));
      g_assert_no_error (error);
    }
  return g_strdup (drso_execution_get_execution_id (execution));
}

static void
assert_documents_equal (gpointer a,
                        gpointer b)
{
  g_autoptr(JsonNode) na = drso_document_to_json (DRSO_DOCUMENT (a));
  g_autoptr(JsonNode) nb = drso_document_to_json (DRSO_DOCUMENT (b));

  drso_test_assert_json_equal (na, nb);
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (a), DRSO_DOCUMENT (b)));
}

static void
assert_strv (const char * const *actual,
             const char         *first,
             ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  expected = g_strv_builder_end (builder);

  if (!g_strv_equal ((const char * const *) expected, actual))
    {
      g_autofree char *a = g_strjoinv (",", (char **) actual);
      g_autofree char *e = g_strjoinv (",", expected);

      g_error ("got [%s], expected [%s]", a, e);
    }
}

/* Opening */

static void
test_open_creates (void)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autofree char *folder = dup_data_folder ();
  g_autofree char *path = dup_database_path ();
  g_autofree char *default_path = drso_store_dup_default_path ();
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *journal_mode = NULL;
  sqlite3_stmt *stmt = NULL;

  umask (022);
  g_assert_cmpstr (default_path, ==, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = drso_test_open_store ();
  g_assert_cmpstr (drso_store_get_path (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  assert_mode (path, 0600);
  assert_mode (folder, 0700);

  /* SQLite gives the write-ahead log and its index the mode of the database. */
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);

  /* WAL is a property of the file: a second connection sees it. */
  journal_mode = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);

  /* Foreign keys are a property of the connection: ask the store's own. */
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
}

static void
test_open_tightens_modes (void)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autofree char *folder = dup_data_folder ();
  g_autofree char *path = dup_database_path ();

  umask (022);
  store = drso_test_open_store ();
  add_account (store, ACCOUNT_A, "Production");
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
  assert_mode (path, 0644);

  store = drso_test_open_store ();
  assert_mode (path, 0600);
  assert_mode (folder, 0700);

  /* The data survived. */
  {
    g_autoptr(DrsoAccount) account = drso_store_lookup_account (store, ACCOUNT_A, NULL);

    g_assert_nonnull (account);
    g_assert_cmpstr (drso_account_get_account_name (account), ==, "Production");
  }
}

static void
test_open_foreign_keys_enforced (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  const char *path = drso_store_get_path (store);

  /* Removing an account cascades to its discovery cache. */
  add_account (store, ACCOUNT_A, "Production");
  add_account (store, ACCOUNT_B, "Staging");
  discover (store, ACCOUNT_A, EAST, 1, 3, NULL);
  discover (store, ACCOUNT_B, EAST, 10, 2, NULL);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM source_servers"), ==, 5);
  g_assert_true (drso_store_remove_account (store, ACCOUNT_A, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM source_servers"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM discoveries"), ==, 1);

  /* Updating a plan replaces its waves, which cascades to their groups. */
  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  {
    g_autoptr(DrsoRecoveryPlan) plan = drso_store_lookup_recovery_plan (store, plan_id, &error);

    g_assert_no_error (error);
    drso_recovery_plan_set_description (plan, "Updated");
    g_assert_true (drso_store_update_recovery_plan (store, plan, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM wave_groups"), ==, 1);
}

/* Schema and migrations */

static void
make_sqlite_file (const char *path,
                  const char *sql)
{
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The migrated store takes data, and another store on the file reads it. */
static void
assert_usable (DrsoStore *store)
{
  g_autoptr(DrsoStore) other = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  add_account (store, ACCOUNT_A, "Migrated");
  other = drso_test_open_store ();
  account = drso_store_lookup_account (other, "migrated", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_account_get_account_id (account), ==, ACCOUNT_A);
}

static void
test_migrate_from_zero (void)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(DrsoStore) store = NULL;
  g_autofree char *journal_mode = NULL;

  make_sqlite_file (path, "CREATE TABLE scratch (x); DROP TABLE scratch;");
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema"), ==, 0);

  store = drso_test_open_store ();
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema "
                                    "WHERE type = 'table' AND name = 'accounts'"),
                   ==, 1);
  journal_mode = query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  assert_usable (store);
}

static void
test_migrate_from_empty_file (void)
{
  g_autofree char *folder = dup_data_folder ();
  g_autofree char *path = dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  store = drso_test_open_store ();
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);
  assert_usable (store);
}

/* @user_data is the journal mode the newer program left the file in. */
static void
test_newer_schema_refused (gconstpointer user_data)
{
  const char *journal_mode = user_data;
  g_autofree char *folder = dup_data_folder ();
  g_autofree char *path = dup_database_path ();
  g_autofree char *sql = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;

  sql = g_strdup_printf ("PRAGMA journal_mode = %s;"
                         "CREATE TABLE future (x TEXT);"
                         "INSERT INTO future VALUES ('from the future');"
                         "PRAGMA user_version = %d;",
                         journal_mode, DRSO_STORE_SCHEMA_VERSION + 1);
  make_sqlite_file (path, sql);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  before = read_file (path);
  listing_before = list_folder (folder);

  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, path));

  /* Left byte for byte as it was, with no file added beside it. */
  g_assert_true (file_equals (path, before));
  listing_after = list_folder (folder);
  g_assert_cmpstr (listing_after, ==, listing_before);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION + 1);

  /* And refused again the next time. */
  g_clear_error (&error);
  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_corrupt_file (void)
{
  g_autofree char *folder = dup_data_folder ();
  g_autofree char *path = dup_database_path ();
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;
  char garbage[8192];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) ((i * 131 + 7) % 251);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  before = read_file (path);
  listing_before = list_folder (folder);

  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (file_equals (path, before));
  listing_after = list_folder (folder);
  g_assert_cmpstr (listing_after, ==, listing_before);
}

static void
test_read_only_folder (void)
{
  g_autofree char *folder = dup_data_folder ();
  g_autofree char *path = dup_database_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;
  gboolean honoured;
  GStatBuf buf;

  /* The data folder exists, read-only, and the database does not. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  honoured = honour_file_modes_begin ();
  if (honoured)
    store = drso_store_new (NULL, &error);
  honour_file_modes_end ();
  g_assert_cmpint (g_stat (folder, &buf), ==, 0);
  g_chmod (folder, 0700);

  /* Dropping capabilities always works on Linux; elsewhere root cannot run
   * this, and test_not_a_folder checks the mapping of a folder error. */
  g_assert_true (honoured);

  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY) ||
                 g_error_matches (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_OPEN));
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The user made the folder read-only: it stays so. */
  g_assert_cmpint (buf.st_mode & 07777, ==, 0500);
}

static void
test_read_only_data_home (void)
{
  const char *data_home = g_get_user_data_dir ();
  g_autofree char *folder = dup_data_folder ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;
  gboolean honoured;

  /* The data folder cannot even be created. */
  g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);
  g_assert_cmpint (g_chmod (data_home, 0500), ==, 0);

  honoured = honour_file_modes_begin ();
  if (honoured)
    store = drso_store_new (NULL, &error);
  honour_file_modes_end ();
  g_chmod (data_home, 0700);
  g_assert_true (honoured);

  g_assert_null (store);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_read_only_file (void)
{
  g_autofree char *path = dup_database_path ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;
  gboolean honoured;

  store = drso_test_open_store ();
  add_account (store, ACCOUNT_A, "Production");
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  before = read_file (path);

  honoured = honour_file_modes_begin ();
  if (honoured)
    store = drso_store_new (NULL, &error);
  honour_file_modes_end ();
  g_assert_true (honoured);

  g_assert_null (store);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (file_equals (path, before));
  assert_mode (path, 0400);
}

static void
test_not_a_folder (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;

  /* This fails for root too: a file stands where the folder should be. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (blocker, "a file", -1, &error);
  g_assert_no_error (error);

  store = drso_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, blocker));
}

static void
test_explicit_path (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "elsewhere", "my.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autofree char *default_path = dup_database_path ();

  store = drso_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_store_get_path (store), ==, path);
  assert_mode (path, 0600);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
}

/* Accounts */

static void
test_accounts_crud (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoAccount) account = new_account (ACCOUNT_A, "Production");
  g_autoptr(DrsoAccount) found = NULL;
  g_autoptr(DrsoAccount) by_name = NULL;
  g_autoptr(GError) error = NULL;
  const char * const regions[] = { "eu-west-1", EAST, NULL };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created;

  drso_account_set_role_arn (account, "arn:aws:iam::111111111111:role/DRSOrchestratorRole");
  drso_account_set_external_id (account, "orchestrator-ext-42");
  drso_account_set_regions (account, regions);
  drso_account_set_profile (account, "production");
  drso_account_set_endpoint_url (account, "https://drs.example.com");
  drso_account_set_simulated (account, TRUE);
  drso_account_set_validated (account, TRUE);
  drso_account_set_last_validated (account, 1700000000);

  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);
  created = drso_document_get_created_date (DRSO_DOCUMENT (account));
  g_assert_cmpint (created, >=, before);
  g_assert_cmpint (created, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (drso_document_get_created_by (DRSO_DOCUMENT (account)), ==, g_get_user_name ());

  store = reopen_store (g_steal_pointer (&store));

  found = drso_store_lookup_account (store, ACCOUNT_A, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_account_get_account_id (found), ==, ACCOUNT_A);
  g_assert_cmpstr (drso_account_get_account_name (found), ==, "Production");
  g_assert_cmpstr (drso_account_get_role_arn (found), ==,
                   "arn:aws:iam::111111111111:role/DRSOrchestratorRole");
  g_assert_cmpstr (drso_account_get_external_id (found), ==, "orchestrator-ext-42");
  assert_strv (drso_account_get_regions (found), "eu-west-1", EAST, NULL);
  g_assert_cmpstr (drso_account_get_profile (found), ==, "production");
  g_assert_cmpstr (drso_account_get_endpoint_url (found), ==, "https://drs.example.com");
  g_assert_true (drso_account_get_simulated (found));
  g_assert_true (drso_account_get_validated (found));
  g_assert_cmpint (drso_account_get_last_validated (found), ==, 1700000000);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (found)), ==, created);
  g_assert_cmpint (drso_document_get_last_modified_date (DRSO_DOCUMENT (found)), ==, created);
  g_assert_cmpstr (drso_document_get_created_by (DRSO_DOCUMENT (found)), ==, g_get_user_name ());
  g_assert_cmpstr (drso_document_get_last_modified_by (DRSO_DOCUMENT (found)), ==,
                   g_get_user_name ());
  assert_documents_equal (found, account);

  /* By name, whatever the case. */
  by_name = drso_store_lookup_account (store, "PRODUCTION", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_account_get_account_id (by_name), ==, ACCOUNT_A);
  g_clear_object (&by_name);
  by_name = drso_store_lookup_account (store, "Staging", &error);
  g_assert_null (by_name);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_true (drso_error_is_not_found (error));
  g_clear_error (&error);

  /* Update every field. */
  {
    const char * const new_regions[] = { WEST, NULL };

    drso_document_set_name (DRSO_DOCUMENT (found), "Production East");
    drso_account_set_role_arn (found, "arn:aws:iam::111111111111:role/Other");
    drso_account_set_external_id (found, NULL);
    drso_account_set_regions (found, new_regions);
    drso_account_set_profile (found, NULL);
    drso_account_set_endpoint_url (found, NULL);
    drso_account_set_simulated (found, FALSE);
    drso_account_set_validated (found, FALSE);
    drso_account_set_last_validated (found, 0);
    g_assert_true (drso_store_update_account (store, found, &error));
    g_assert_no_error (error);
  }

  store = reopen_store (g_steal_pointer (&store));
  g_clear_object (&by_name);
  by_name = drso_store_lookup_account (store, "production east", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_account_get_account_id (by_name), ==, ACCOUNT_A);
  g_assert_cmpstr (drso_account_get_account_name (by_name), ==, "Production East");
  g_assert_cmpstr (drso_account_get_role_arn (by_name), ==, "arn:aws:iam::111111111111:role/Other");
  g_assert_null (drso_account_get_external_id (by_name));
  assert_strv (drso_account_get_regions (by_name), WEST, NULL);
  g_assert_null (drso_account_get_profile (by_name));
  g_assert_null (drso_account_get_endpoint_url (by_name));
  g_assert_false (drso_account_get_simulated (by_name));
  g_assert_false (drso_account_get_validated (by_name));
  g_assert_cmpint (drso_account_get_last_validated (by_name), ==, 0);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (by_name)), ==, created);
  g_assert_cmpint (drso_document_get_last_modified_date (DRSO_DOCUMENT (by_name)), >=, created);
  assert_documents_equal (by_name, found);
  g_assert_null (drso_store_lookup_account (store, "Production", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Remove. */
  g_assert_true (drso_store_remove_account (store, ACCOUNT_A, &error));
  g_assert_no_error (error);
  store = reopen_store (g_steal_pointer (&store));
  g_assert_null (drso_store_lookup_account (store, ACCOUNT_A, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  assert_fails_unchanged (store, error, drso_store_remove_account (store, ACCOUNT_A, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (drso_store_get_path (store), "SELECT count(*) FROM accounts"), ==, 0);
}

static void
test_accounts_invalid (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoAccount) bad_id = new_account ("12345", "Short");
  g_autoptr(DrsoAccount) bad_arn = new_account (ACCOUNT_A, "Wrong role");
  g_autoptr(GError) error = NULL;

  assert_fails_unchanged (store, error, drso_store_add_account (store, bad_id, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID);
  drso_account_set_role_arn (bad_arn, "arn:aws:iam::222222222222:role/Elsewhere");
  assert_fails_unchanged (store, error, drso_store_add_account (store, bad_arn, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN);
}

static void
test_accounts_in_use (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoProtectionGroup) group = new_tag_group ("Web servers", ACCOUNT_A, EAST, "Role", "web");
  g_autoptr(DrsoProtectionGroup) other = new_tag_group ("Databases", ACCOUNT_A, WEST, "Role", "db");
  g_autoptr(GError) error = NULL;

  add_account (store, ACCOUNT_A, "Production");
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_true (drso_store_create_protection_group (store, other, &error));
  g_assert_no_error (error);

  assert_fails_unchanged (store, error, drso_store_remove_account (store, ACCOUNT_A, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, "Web servers"));
  g_assert_nonnull (strstr (error->message, "Databases"));
  {
    g_autoptr(DrsoAccount) kept = drso_store_lookup_account (store, ACCOUNT_A, NULL);

    g_assert_nonnull (kept);
  }

  g_assert_true (drso_store_delete_protection_group (store,
                                                     drso_protection_group_get_group_id (group),
                                                     &error));
  assert_fails_unchanged (store, error, drso_store_remove_account (store, ACCOUNT_A, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
  g_assert_null (strstr (error->message, "Web servers"));
  g_assert_nonnull (strstr (error->message, "Databases"));
  g_clear_error (&error);

  g_assert_true (drso_store_delete_protection_group (store,
                                                     drso_protection_group_get_group_id (other),
                                                     &error));
  g_assert_true (drso_store_remove_account (store, ACCOUNT_A, &error));
  g_assert_no_error (error);
}

/* Source servers */

static DrsoSourceServer *
new_full_server (const char *account_id,
                 const char *region,
                 guint       n,
                 const char *hostname)
{
  DrsoSourceServer *server = new_server (account_id, region, n, hostname);
  g_autofree char *arn = g_strdup_printf ("arn:aws:drs:%s:%s:source-server/%s", region, account_id,
                                          drso_source_server_get_source_server_id (server));

  drso_source_server_set_arn (server, arn);
  drso_source_server_set_replication_state (server, "CONTINUOUS");
  drso_source_server_set_lag_seconds (server, 5 + n);
  drso_source_server_set_last_launch_result (server, "SUCCEEDED");
  drso_source_server_set_last_launch_date (server, 1700000000 + n);
  drso_source_server_set_recovery_instance_id (server, "i-0123456789abcdef0");
  drso_source_server_set_private_ip (server, "10.0.0.12");
  drso_source_server_set_instance_type (server, "m5.large");
  drso_source_server_set_os (server, "Linux");
  drso_source_server_set_tag (server, "Env", "prod");
  drso_source_server_set_tag (server, "Name", hostname);
  return server;
}

static void
assert_server_stored (DrsoStore        *store,
                      DrsoSourceServer *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSourceServer) found = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  found = drso_store_lookup_source_server (store,
                                           drso_source_server_get_source_server_id (expected),
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_source_server_get_account_id (found), ==,
                   drso_source_server_get_account_id (expected));
  g_assert_cmpstr (drso_source_server_get_region (found), ==,
                   drso_source_server_get_region (expected));
  g_assert_cmpstr (drso_source_server_get_hostname (found), ==,
                   drso_source_server_get_hostname (expected));
  g_assert_cmpstr (drso_source_server_get_tag (found, "Env"), ==,
                   drso_source_server_get_tag (expected, "Env"));
  g_assert_cmpint (drso_source_server_get_discovered_date (found), ==,
                   drso_source_server_get_discovered_date (expected));
  a = drso_source_server_to_json (found);
  b = drso_source_server_to_json (expected);
  drso_test_assert_json_equal (a, b);
}

static void
test_servers_replace (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GPtrArray) east = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) west = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSourceServer) missing = NULL;
  const char *path;
  gint64 before, after, date;

  add_account (store, ACCOUNT_A, "Production");
  add_account (store, ACCOUNT_B, "Staging");
  path = drso_store_get_path (store);

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *hostname = g_strdup_printf ("east-%u", i);
      g_ptr_array_add (east, new_full_server (ACCOUNT_A, EAST, i, hostname));
    }
  g_ptr_array_add (west, new_full_server (ACCOUNT_A, WEST, 10, "west-10"));
  g_ptr_array_add (west, new_full_server (ACCOUNT_A, WEST, 11, "west-11"));
  g_ptr_array_add (other, new_full_server (ACCOUNT_B, EAST, 20, "staging-20"));

  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT_A, EAST), ==, 0);
  before = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, east, &error));
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, WEST, west, &error));
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_B, EAST, other, &error));
  g_assert_no_error (error);
  after = g_get_real_time () / G_USEC_PER_SEC;

  date = drso_store_get_discovery_date (store, ACCOUNT_A, EAST);
  g_assert_cmpint (date, >=, before);
  g_assert_cmpint (date, <=, after);
  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT_A, WEST), >=, before);
  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT_B, EAST), >=, before);
  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT_B, WEST), ==, 0);
  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT_A, "eu-west-1"), ==, 0);
  /* The servers passed in carry the date they were discovered. */
  g_assert_cmpint (drso_source_server_get_discovered_date (g_ptr_array_index (east, 0)), ==, date);

  store = reopen_store (g_steal_pointer (&store));
  for (guint i = 0; i < east->len; i++)
    assert_server_stored (store, g_ptr_array_index (east, i));
  for (guint i = 0; i < west->len; i++)
    assert_server_stored (store, g_ptr_array_index (west, i));
  assert_server_stored (store, g_ptr_array_index (other, 0));
  {
    g_autoptr(DrsoSourceServer) found = drso_store_lookup_source_server (store, "s-00000000000000001",
                                                                        &error);
    g_assert_no_error (error);
    g_assert_cmpstr (drso_source_server_get_arn (found), ==,
                     "arn:aws:drs:us-east-1:111111111111:source-server/s-00000000000000001");
    g_assert_cmpstr (drso_source_server_get_replication_state (found), ==, "CONTINUOUS");
    g_assert_cmpint (drso_source_server_get_lag_seconds (found), ==, 6);
    g_assert_cmpstr (drso_source_server_get_last_launch_result (found), ==, "SUCCEEDED");
    g_assert_cmpint (drso_source_server_get_last_launch_date (found), ==, 1700000001);
    g_assert_cmpstr (drso_source_server_get_recovery_instance_id (found), ==, "i-0123456789abcdef0");
    g_assert_cmpstr (drso_source_server_get_private_ip (found), ==, "10.0.0.12");
    g_assert_cmpstr (drso_source_server_get_instance_type (found), ==, "m5.large");
    g_assert_cmpstr (drso_source_server_get_os (found), ==, "Linux");
    g_assert_cmpstr (drso_source_server_get_tag (found, "Name"), ==, "east-1");
  }

  /* Replacing one account and region leaves the others alone. */
  g_ptr_array_add (again, new_full_server (ACCOUNT_A, EAST, 2, "east-2-renamed"));
  g_ptr_array_add (again, new_full_server (ACCOUNT_A, EAST, 4, "east-4"));
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, again, &error));
  g_assert_no_error (error);
  store = reopen_store (g_steal_pointer (&store));
  path = drso_store_get_path (store);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM source_servers "
                                    "WHERE account_id = '111111111111' AND region = 'us-east-1'"),
                   ==, 2);
  assert_server_stored (store, g_ptr_array_index (again, 0));
  assert_server_stored (store, g_ptr_array_index (again, 1));
  for (guint i = 0; i < west->len; i++)
    assert_server_stored (store, g_ptr_array_index (west, i));
  assert_server_stored (store, g_ptr_array_index (other, 0));
  missing = drso_store_lookup_source_server (store, "s-00000000000000001", &error);
  g_assert_null (missing);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  missing = drso_store_lookup_source_server (store, "s-00000000000000003", &error);
  g_assert_null (missing);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing found is a discovery too. */
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, none, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM source_servers"), ==, 3);
  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT_A, EAST), >=, before);
  g_assert_cmpint (query_int (path, "SELECT server_count FROM discoveries "
                                    "WHERE account_id = '111111111111' AND region = 'us-east-1'"),
                   ==, 0);
}

static void
test_servers_errors (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  add_account (store, ACCOUNT_A, "Production");
  add_account (store, ACCOUNT_B, "Staging");
  discover (store, ACCOUNT_A, EAST, 1, 2, NULL);

  /* An account that is not set up. */
  g_ptr_array_add (servers, new_server (ACCOUNT_C, EAST, 5, "ghost"));
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_C, EAST, servers, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, ACCOUNT_C));
  g_ptr_array_set_size (servers, 0);

  /* A server of another account, or another region, than the arguments. */
  g_ptr_array_add (servers, new_server (ACCOUNT_A, EAST, 6, "good"));
  g_ptr_array_add (servers, new_server (ACCOUNT_B, EAST, 7, "other-account"));
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "s-00000000000000007"));
  g_ptr_array_set_size (servers, 0);

  g_ptr_array_add (servers, new_server (ACCOUNT_A, WEST, 8, "other-region"));
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, WEST));
  g_ptr_array_set_size (servers, 0);

  /* An id that is not a DRS source server id. */
  g_ptr_array_add (servers, drso_source_server_new ("i-12345", ACCOUNT_A, EAST));
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID);
  g_assert_cmpint (query_int (drso_store_get_path (store), "SELECT count(*) FROM source_servers"),
                   ==, 2);
}

static GPtrArray *
many_servers (guint       first,
              guint       count,
              const char *region)
{
  GPtrArray *servers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *hostname = g_strdup_printf ("bulk-%04u", i);
      g_ptr_array_add (servers, new_full_server (ACCOUNT_A, region, i, hostname));
    }
  return servers;
}

static void
test_servers_bulk_rollback (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trigger = NULL;
  const char *path;
  GListModel *model;

  add_account (store, ACCOUNT_A, "Production");
  discover (store, ACCOUNT_A, EAST, 1, 10, "prod");
  path = drso_store_get_path (store);
  model = drso_store_get_source_servers (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);

  /* 500 good servers and one bad id: checked before anything is written. */
  servers = many_servers (100, 500, EAST);
  g_ptr_array_add (servers, drso_source_server_new ("s-short", ACCOUNT_A, EAST));
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* 500 good servers and one of another region. */
  servers = many_servers (100, 500, EAST);
  g_ptr_array_insert (servers, 250, new_server (ACCOUNT_A, WEST, 99, "astray"));
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* A failure in the middle of the writes (a trigger refuses the 400th row)
   * undoes the 10 deletions and the 399 insertions before it. */
  trigger = g_strdup_printf ("CREATE TRIGGER refuse_one BEFORE INSERT ON source_servers "
                             "WHEN NEW.server_id = 's-%017x' "
                             "BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;",
                             499);
  exec_sql (path, trigger);
  servers = many_servers (100, 500, EAST);
  assert_fails_unchanged (store, error,
                          drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "refused by the test"));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM source_servers"), ==, 10);
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* The store is still usable, and the same call succeeds without the trigger. */
  exec_sql (path, "DROP TRIGGER refuse_one");
  servers = many_servers (100, 500, EAST);
  g_clear_error (&error);
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM source_servers"), ==, 500);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 500);
}

/* Protection groups */

static void
test_groups_crud (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoProtectionGroup) unnamed = NULL;
  g_autoptr(DrsoProtectionGroup) found = NULL;
  g_autoptr(DrsoProtectionGroup) by_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = server_id (1);
  g_autofree char *s2 = server_id (2);
  g_autofree char *s3 = server_id (3);
  g_autofree char *group_id = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created;

  add_account (store, ACCOUNT_A, "Production");
  discover (store, ACCOUNT_A, EAST, 1, 3, NULL);

  group = new_group ("Web servers", ACCOUNT_A, EAST);
  drso_protection_group_set_description (group, "The front end");
  drso_protection_group_add_server_id (group, s2);
  drso_protection_group_add_server_id (group, s1);
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  group_id = g_strdup (drso_protection_group_get_group_id (group));
  g_assert_true (g_str_has_prefix (group_id, "pg-"));
  created = drso_document_get_created_date (DRSO_DOCUMENT (group));
  g_assert_cmpint (created, >=, before);
  g_assert_cmpint (created, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (drso_document_get_created_by (DRSO_DOCUMENT (group)), ==, g_get_user_name ());
  g_assert_cmpstr (drso_document_get_last_modified_by (DRSO_DOCUMENT (group)), ==,
                   g_get_user_name ());

  /* A group made without an id is given one. */
  unnamed = g_object_new (DRSO_TYPE_PROTECTION_GROUP, NULL);
  drso_document_set_name (DRSO_DOCUMENT (unnamed), "Tagged");
  drso_protection_group_set_account_id (unnamed, ACCOUNT_A);
  drso_protection_group_set_region (unnamed, WEST);
  drso_protection_group_set_tag (unnamed, "Role", "batch");
  g_assert_null (drso_protection_group_get_group_id (unnamed));
  g_assert_true (drso_store_create_protection_group (store, unnamed, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (drso_protection_group_get_group_id (unnamed), "pg-"));
  g_assert_cmpstr (drso_protection_group_get_group_id (unnamed), !=, group_id);

  store = reopen_store (g_steal_pointer (&store));
  found = drso_store_lookup_protection_group (store, group_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_group_id (found), ==, group_id);
  g_assert_cmpstr (drso_protection_group_get_group_name (found), ==, "Web servers");
  g_assert_cmpstr (drso_protection_group_get_description (found), ==, "The front end");
  g_assert_cmpstr (drso_protection_group_get_account_id (found), ==, ACCOUNT_A);
  g_assert_cmpstr (drso_protection_group_get_region (found), ==, EAST);
  assert_strv (drso_protection_group_get_server_ids (found), s2, s1, NULL);
  g_assert_false (drso_protection_group_is_tag_based (found));
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (found)), ==, created);
  g_assert_cmpstr (drso_document_get_created_by (DRSO_DOCUMENT (found)), ==, g_get_user_name ());
  assert_documents_equal (found, group);

  by_name = drso_store_lookup_protection_group (store, "WEB SERVERS", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_group_id (by_name), ==, group_id);
  g_clear_object (&by_name);
  by_name = drso_store_lookup_protection_group (store, "tagged", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_tag (by_name, "Role"), ==, "batch");
  g_assert_cmpstr (drso_protection_group_get_region (by_name), ==, WEST);
  assert_documents_equal (by_name, unnamed);
  g_clear_object (&by_name);

  /* Update. */
  drso_document_set_name (DRSO_DOCUMENT (found), "Front end");
  drso_protection_group_set_description (found, "Renamed");
  g_assert_true (drso_protection_group_remove_server_id (found, s1));
  drso_protection_group_add_server_id (found, s3);
  drso_protection_group_set_tag (found, "Env", "prod");
  g_assert_true (drso_store_update_protection_group (store, found, &error));
  g_assert_no_error (error);

  store = reopen_store (g_steal_pointer (&store));
  by_name = drso_store_lookup_protection_group (store, "front end", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_group_id (by_name), ==, group_id);
  g_assert_cmpstr (drso_protection_group_get_description (by_name), ==, "Renamed");
  assert_strv (drso_protection_group_get_server_ids (by_name), s2, s3, NULL);
  g_assert_cmpstr (drso_protection_group_get_tag (by_name, "Env"), ==, "prod");
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (by_name)), ==, created);
  g_assert_cmpint (drso_document_get_last_modified_date (DRSO_DOCUMENT (by_name)), >=, created);
  assert_documents_equal (by_name, found);
  g_assert_null (drso_store_lookup_protection_group (store, "Web servers", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The server it gave up is free for another group now. */
  {
    g_autoptr(DrsoProtectionGroup) taker = new_group ("Taker", ACCOUNT_A, EAST);

    drso_protection_group_add_server_id (taker, s1);
    g_assert_true (drso_store_create_protection_group (store, taker, &error));
    g_assert_no_error (error);
  }

  /* Delete. */
  g_assert_true (drso_store_delete_protection_group (store, group_id, &error));
  g_assert_no_error (error);
  store = reopen_store (g_steal_pointer (&store));
  g_assert_null (drso_store_lookup_protection_group (store, group_id, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  assert_fails_unchanged (store, error,
                          drso_store_delete_protection_group (store, group_id, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (drso_store_get_path (store),
                              "SELECT count(*) FROM group_servers"), ==, 1);
}

static void
test_groups_in_use (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *other_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly drill", group_id);
  other_id = drso_test_create_plan (store, "Quarterly test", group_id);

  assert_fails_unchanged (store, error,
                          drso_store_delete_protection_group (store, group_id, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, "Nightly drill"));
  g_assert_nonnull (strstr (error->message, "Quarterly test"));

  g_clear_error (&error);
  g_assert_true (drso_store_delete_recovery_plan (store, plan_id, &error));
  g_assert_true (drso_store_delete_recovery_plan (store, other_id, &error));
  g_assert_true (drso_store_delete_protection_group (store, group_id, &error));
  g_assert_no_error (error);
}

/* Recovery plans */

static void
test_plans_crud (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Payments failover");
  g_autoptr(DrsoRecoveryPlan) found = NULL;
  g_autoptr(DrsoRecoveryPlan) by_name = NULL;
  g_autoptr(DrsoWave) databases = drso_wave_new ("Databases");
  g_autoptr(DrsoWave) applications = drso_wave_new ("Applications");
  g_autoptr(GError) error = NULL;
  g_autofree char *g1 = NULL;
  g_autofree char *g2 = NULL;
  g_autofree char *g3 = NULL;
  g_autofree char *plan_id = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created;
  DrsoWave *wave;

  add_account (store, ACCOUNT_A, "Production");
  g1 = create_tag_group (store, "G1");
  g2 = create_tag_group (store, "G2");
  g3 = create_tag_group (store, "G3");

  drso_recovery_plan_set_description (plan, "Moves payments to the recovery region");
  drso_wave_add_protection_group_id (databases, g2);
  drso_wave_add_protection_group_id (databases, g1);
  drso_wave_set_estimated_duration (databases, 600);
  drso_wave_add_protection_group_id (applications, g3);
  drso_wave_set_pause_before_wave (applications, TRUE);
  drso_wave_set_estimated_duration (applications, 1200);
  drso_recovery_plan_append_wave (plan, databases);
  drso_recovery_plan_append_wave (plan, applications);

  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  plan_id = g_strdup (drso_recovery_plan_get_plan_id (plan));
  g_assert_true (g_str_has_prefix (plan_id, "plan-"));
  created = drso_document_get_created_date (DRSO_DOCUMENT (plan));
  g_assert_cmpint (created, >=, before);
  g_assert_cmpstr (drso_document_get_created_by (DRSO_DOCUMENT (plan)), ==, g_get_user_name ());

  store = reopen_store (g_steal_pointer (&store));
  found = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_plan_name (found), ==, "Payments failover");
  g_assert_cmpstr (drso_recovery_plan_get_description (found), ==,
                   "Moves payments to the recovery region");
  g_assert_null (drso_recovery_plan_get_last_execution_id (found));
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (found)), ==, created);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (found), ==, 2);
  wave = drso_recovery_plan_get_wave (found, 1);
  g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, 1);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "Databases");
  assert_strv (drso_wave_get_protection_group_ids (wave), g2, g1, NULL);
  g_assert_false (drso_wave_get_pause_before_wave (wave));
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, 600);
  wave = drso_recovery_plan_get_wave (found, 2);
  g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, 2);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "Applications");
  assert_strv (drso_wave_get_protection_group_ids (wave), g3, NULL);
  g_assert_true (drso_wave_get_pause_before_wave (wave));
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, 1200);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (found), ==, 1800);
  assert_documents_equal (found, plan);

  by_name = drso_store_lookup_recovery_plan (store, "payments FAILOVER", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_plan_id (by_name), ==, plan_id);
  g_clear_object (&by_name);

  /* Update: rename, move the groups about and add a wave. */
  {
    g_autoptr(DrsoWave) checks = drso_wave_new ("Checks");
    const char * const first[] = { g1, NULL };
    const char * const second[] = { g3, NULL };

    drso_document_set_name (DRSO_DOCUMENT (found), "Payments DR");
    drso_recovery_plan_set_description (found, NULL);
    wave = drso_recovery_plan_get_wave (found, 1);
    drso_wave_set_protection_group_ids (wave, first);
    drso_wave_set_pause_before_wave (wave, TRUE);
    wave = drso_recovery_plan_get_wave (found, 2);
    drso_wave_set_protection_group_ids (wave, second);
    drso_wave_set_estimated_duration (wave, 300);
    drso_wave_add_protection_group_id (checks, g2);
    drso_recovery_plan_insert_wave (found, 0, checks);
    g_assert_true (drso_store_update_recovery_plan (store, found, &error));
    g_assert_no_error (error);
  }

  store = reopen_store (g_steal_pointer (&store));
  by_name = drso_store_lookup_recovery_plan (store, "payments dr", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_plan_id (by_name), ==, plan_id);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (by_name), ==, 3);
  wave = drso_recovery_plan_get_wave (by_name, 1);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "Checks");
  assert_strv (drso_wave_get_protection_group_ids (wave), g2, NULL);
  wave = drso_recovery_plan_get_wave (by_name, 2);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "Databases");
  assert_strv (drso_wave_get_protection_group_ids (wave), g1, NULL);
  g_assert_true (drso_wave_get_pause_before_wave (wave));
  wave = drso_recovery_plan_get_wave (by_name, 3);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "Applications");
  assert_strv (drso_wave_get_protection_group_ids (wave), g3, NULL);
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, 300);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (by_name)), ==, created);
  assert_documents_equal (by_name, found);
  g_assert_null (drso_store_lookup_recovery_plan (store, "Payments failover", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Validation alone stores nothing. */
  {
    g_autoptr(DrsoRecoveryPlan) draft = drso_test_new_plan ("Draft", g1);
    g_autofree char *dump_before = drso_test_dump_store (store);
    g_autofree char *dump_after = NULL;

    g_assert_true (drso_store_validate_recovery_plan (store, draft, &error));
    g_assert_no_error (error);
    dump_after = drso_test_dump_store (store);
    g_assert_cmpstr (dump_after, ==, dump_before);
  }

  /* Delete. */
  g_assert_true (drso_store_delete_recovery_plan (store, plan_id, &error));
  g_assert_no_error (error);
  store = reopen_store (g_steal_pointer (&store));
  g_assert_null (drso_store_lookup_recovery_plan (store, plan_id, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  assert_fails_unchanged (store, error, drso_store_delete_recovery_plan (store, plan_id, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (drso_store_get_path (store), "SELECT count(*) FROM waves"), ==, 0);
  g_assert_cmpint (query_int (drso_store_get_path (store), "SELECT count(*) FROM wave_groups"),
                   ==, 0);
}

static void
test_plans_invalid (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoRecoveryPlan) empty = drso_recovery_plan_new ("Empty");
  g_autoptr(DrsoRecoveryPlan) twice = NULL;
  g_autoptr(DrsoWave) wave = drso_wave_new ("Again");
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");

  assert_fails_unchanged (store, error, drso_store_create_recovery_plan (store, empty, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NO_WAVES);

  twice = drso_test_new_plan ("Twice", group_id);
  drso_wave_add_protection_group_id (wave, group_id);
  drso_recovery_plan_append_wave (twice, wave);
  assert_fails_unchanged (store, error, drso_store_create_recovery_plan (store, twice, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES);
}

/* A plan edited from a copy read before an execution started keeps the
 * execution as its latest: the user edits the plan, the engine its
 * lastExecution fields. */
static void
test_plans_update_keeps_last_execution (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoRecoveryPlan) edited = NULL;
  g_autoptr(DrsoRecoveryPlan) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);

  edited = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_null (drso_recovery_plan_get_last_execution_id (edited));

  execution_id = create_execution (store, plan_id, DRSO_EXECUTION_STATUS_RUNNING);

  drso_recovery_plan_set_description (edited, "Edited while it ran");
  g_assert_true (drso_store_update_recovery_plan (store, edited, &error));
  g_assert_no_error (error);

  found = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_description (found), ==, "Edited while it ran");
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (found), ==, execution_id);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (found), ==, "RUNNING");
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (found), >, 0);
}

/* Executions and events */

static DrsoWaveRun *
new_wave_run (void)
{
  DrsoWaveRun *run = drso_wave_run_new (1, "Databases");
  g_autoptr(DrsoServerRun) first = drso_server_run_new ("s-00000000000000001");
  g_autoptr(DrsoServerRun) second = drso_server_run_new ("s-00000000000000002");
  const char * const job_ids[] = { "drsjob-0123456789abcdef0", "drsjob-0123456789abcdef1", NULL };

  drso_wave_run_set_status (run, DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_wave_run_set_start_time (run, 1700000100);
  drso_wave_run_set_job_ids (run, job_ids);

  drso_server_run_set_hostname (first, "db-1");
  drso_server_run_set_private_ip (first, "10.0.0.1");
  drso_server_run_set_instance_type (first, "r5.xlarge");
  drso_server_run_set_status (first, DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_server_run_set_job_id (first, "drsjob-0123456789abcdef0");
  drso_server_run_set_recovery_instance_id (first, "i-0aaaaaaaaaaaaaaaa");
  drso_server_run_set_ec2_instance_id (first, "i-0bbbbbbbbbbbbbbbb");
  drso_server_run_set_message (first, "Launched");
  drso_server_run_set_hostname (second, "db-2");
  drso_server_run_set_status (second, DRSO_LAUNCH_STATUS_IN_PROGRESS);
  drso_server_run_set_job_id (second, "drsjob-0123456789abcdef1");

  /* Server runs keep their order: the second first. */
  drso_wave_run_add_server (run, second);
  drso_wave_run_add_server (run, first);
  return run;
}

static void
test_executions_crud (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoExecution) found = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoWaveRun) run = NULL;
  g_autoptr(DrsoWaveRun) later = drso_wave_run_new (2, "Applications");
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start;
  DrsoWaveRun *wave_run;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly drill", group_id);

  /* An execution needs its plan. */
  {
    g_autoptr(DrsoExecution) orphan = drso_execution_new ("plan-missing", "Missing",
                                                          DRSO_EXECUTION_TYPE_DRILL);

    assert_fails_unchanged (store, error, drso_store_create_execution (store, orphan, &error),
                            DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "plan-missing"));
    g_clear_error (&error);
  }

  execution = drso_execution_new (plan_id, "Nightly drill", DRSO_EXECUTION_TYPE_RECOVERY);
  g_assert_cmpint (drso_execution_get_start_time (execution), ==, 0);
  g_assert_null (drso_execution_get_initiated_by (execution));
  g_assert_true (drso_store_create_execution (store, execution, &error));
  g_assert_no_error (error);
  execution_id = g_strdup (drso_execution_get_execution_id (execution));
  start = drso_execution_get_start_time (execution);
  g_assert_cmpint (start, >=, before);
  g_assert_cmpint (start, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (drso_execution_get_initiated_by (execution), ==, g_get_user_name ());

  plan = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (plan), ==, execution_id);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (plan), ==, "PENDING");
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), ==, start);
  g_clear_object (&plan);

  /* The same execution twice. */
  assert_fails_unchanged (store, error, drso_store_create_execution (store, execution, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID);
  g_assert_true (drso_error_is_conflict (error));
  g_clear_error (&error);

  /* Save with wave runs and server runs. */
  run = new_wave_run ();
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_RUNNING);
  drso_execution_set_current_wave (execution, 1);
  drso_execution_add_error (execution, "db-3 could not be found");
  drso_execution_add_wave_run (execution, run);
  drso_execution_add_wave_run (execution, later);
  g_assert_true (drso_store_save_execution (store, execution, &error));
  g_assert_no_error (error);

  store = reopen_store (g_steal_pointer (&store));
  found = drso_store_lookup_execution (store, execution_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_execution_get_plan_id (found), ==, plan_id);
  g_assert_cmpstr (drso_execution_get_plan_name (found), ==, "Nightly drill");
  g_assert_cmpint (drso_execution_get_execution_type (found), ==, DRSO_EXECUTION_TYPE_RECOVERY);
  g_assert_cmpint (drso_execution_get_status (found), ==, DRSO_EXECUTION_STATUS_RUNNING);
  g_assert_cmpuint (drso_execution_get_current_wave (found), ==, 1);
  g_assert_cmpint (drso_execution_get_start_time (found), ==, start);
  g_assert_cmpstr (drso_execution_get_initiated_by (found), ==, g_get_user_name ());
  assert_strv (drso_execution_get_errors (found), "db-3 could not be found", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (drso_execution_get_wave_runs (found)), ==, 2);
  wave_run = drso_execution_get_wave_run (found, 1);
  g_assert_nonnull (wave_run);
  g_assert_cmpstr (drso_wave_run_get_wave_name (wave_run), ==, "Databases");
  g_assert_cmpint (drso_wave_run_get_status (wave_run), ==, DRSO_WAVE_STATUS_IN_PROGRESS);
  g_assert_cmpint (drso_wave_run_get_start_time (wave_run), ==, 1700000100);
  assert_strv (drso_wave_run_get_job_ids (wave_run), "drsjob-0123456789abcdef0",
               "drsjob-0123456789abcdef1", NULL);
  {
    GListModel *servers = drso_wave_run_get_servers (wave_run);
    g_autoptr(DrsoServerRun) second = g_list_model_get_item (servers, 0);
    g_autoptr(DrsoServerRun) first = g_list_model_get_item (servers, 1);

    g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 2);
    g_assert_cmpstr (drso_server_run_get_server_id (second), ==, "s-00000000000000002");
    g_assert_cmpint (drso_server_run_get_status (second), ==, DRSO_LAUNCH_STATUS_IN_PROGRESS);
    g_assert_null (drso_server_run_get_private_ip (second));
    g_assert_cmpstr (drso_server_run_get_server_id (first), ==, "s-00000000000000001");
    g_assert_cmpstr (drso_server_run_get_hostname (first), ==, "db-1");
    g_assert_cmpstr (drso_server_run_get_private_ip (first), ==, "10.0.0.1");
    g_assert_cmpstr (drso_server_run_get_instance_type (first), ==, "r5.xlarge");
    g_assert_cmpint (drso_server_run_get_status (first), ==, DRSO_LAUNCH_STATUS_LAUNCHED);
    g_assert_cmpstr (drso_server_run_get_job_id (first), ==, "drsjob-0123456789abcdef0");
    g_assert_cmpstr (drso_server_run_get_recovery_instance_id (first), ==, "i-0aaaaaaaaaaaaaaaa");
    g_assert_cmpstr (drso_server_run_get_ec2_instance_id (first), ==, "i-0bbbbbbbbbbbbbbbb");
    g_assert_cmpstr (drso_server_run_get_message (first), ==, "Launched");
  }
  wave_run = drso_execution_get_wave_run (found, 2);
  g_assert_cmpstr (drso_wave_run_get_wave_name (wave_run), ==, "Applications");
  g_assert_cmpint (drso_wave_run_get_status (wave_run), ==, DRSO_WAVE_STATUS_PENDING);
  g_assert_cmpuint (g_list_model_get_n_items (drso_wave_run_get_servers (wave_run)), ==, 0);
  {
    g_autoptr(JsonNode) a = drso_execution_to_json (found);
    g_autoptr(JsonNode) b = drso_execution_to_json (execution);

    drso_test_assert_json_equal (a, b);
  }

  plan = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (plan), ==, "RUNNING");
  g_clear_object (&plan);

  /* Neither the execution nor its plan can go while it runs. */
  assert_fails_unchanged (store, error, drso_store_delete_execution (store, execution_id, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, execution_id));
  assert_fails_unchanged (store, error, drso_store_delete_recovery_plan (store, plan_id, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
  g_assert_true (drso_error_is_conflict (error));

  drso_execution_set_status (found, DRSO_EXECUTION_STATUS_PAUSED);
  g_clear_error (&error);
  g_assert_true (drso_store_save_execution (store, found, &error));
  assert_fails_unchanged (store, error, drso_store_delete_execution (store, execution_id, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);

  /* Once it has ended. */
  drso_execution_set_status (found, DRSO_EXECUTION_STATUS_COMPLETED);
  drso_execution_set_end_time (found, start + 60);
  g_clear_error (&error);
  g_assert_true (drso_store_save_execution (store, found, &error));
  g_assert_no_error (error);
  plan = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (plan), ==, "COMPLETED");
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (plan), ==, execution_id);
  g_clear_object (&plan);
  {
    g_autoptr(DrsoExecutionEvent) event = drso_execution_event_new (execution_id,
                                                                    DRSO_EVENT_KIND_INFO, "Done");

    g_assert_true (drso_store_append_event (store, event, &error));
    g_assert_no_error (error);
  }
  g_assert_true (drso_store_delete_execution (store, execution_id, &error));
  g_assert_no_error (error);
  store = reopen_store (g_steal_pointer (&store));
  g_assert_null (drso_store_lookup_execution (store, execution_id, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (drso_store_get_path (store), "SELECT count(*) FROM execution_events"),
                   ==, 0);
  g_assert_cmpint (query_int (drso_store_get_path (store), "SELECT count(*) FROM server_runs"),
                   ==, 0);

  /* A plan whose executions have all ended can go; its history stays. */
  {
    g_autofree char *running = create_execution (store, plan_id, DRSO_EXECUTION_STATUS_RUNNING);
    g_autoptr(DrsoExecution) cancelled = NULL;

    assert_fails_unchanged (store, error, drso_store_delete_recovery_plan (store, plan_id, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
    cancelled = drso_store_lookup_execution (store, running, &error);
    drso_execution_set_status (cancelled, DRSO_EXECUTION_STATUS_CANCELLED);
    g_clear_error (&error);
    g_assert_true (drso_store_save_execution (store, cancelled, &error));
    g_assert_true (drso_store_delete_recovery_plan (store, plan_id, &error));
    g_assert_no_error (error);
    g_clear_object (&cancelled);
    cancelled = drso_store_lookup_execution (store, running, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (drso_execution_get_plan_id (cancelled), ==, plan_id);
  }
}

static void
test_executions_not_found (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-x", "X", DRSO_EXECUTION_TYPE_DRILL);
  g_autoptr(GError) error = NULL;

  assert_fails_unchanged (store, error, drso_store_save_execution (store, execution, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_true (drso_error_is_not_found (error));
  assert_fails_unchanged (store, error, drso_store_delete_execution (store, "exec-missing", &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (drso_store_lookup_execution (store, "exec-missing", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
}

static void
test_events (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) other_events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;
  g_autofree char *other_id = NULL;
  g_autoptr(DrsoExecutionEvent) started = NULL;
  g_autoptr(DrsoExecutionEvent) wave = NULL;
  g_autoptr(DrsoExecutionEvent) server = NULL;
  g_autoptr(DrsoExecutionEvent) elsewhere = NULL;
  DrsoExecutionEvent *event;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  execution_id = create_execution (store, plan_id, DRSO_EXECUTION_STATUS_RUNNING);
  other_id = create_execution (store, plan_id, DRSO_EXECUTION_STATUS_RUNNING);

  started = drso_execution_event_new (execution_id, DRSO_EVENT_KIND_EXECUTION_STARTED, "Started");
  drso_execution_event_set_time (started, G_GINT64_CONSTANT (1700000000123456));
  wave = drso_execution_event_new (execution_id, DRSO_EVENT_KIND_WAVE_STARTED, "Wave 1 started");
  drso_execution_event_set_wave_number (wave, 1);
  drso_execution_event_set_actor (wave, "scheduler");
  elsewhere = drso_execution_event_new (other_id, DRSO_EVENT_KIND_INFO, "Other execution");
  server = drso_execution_event_new (execution_id, DRSO_EVENT_KIND_SERVER_CHANGED, "db-1 launched");
  drso_execution_event_set_wave_number (server, 1);
  drso_execution_event_set_server_id (server, "s-00000000000000001");

  g_assert_cmpint (drso_execution_event_get_event_id (started), ==, 0);
  g_assert_true (drso_store_append_event (store, started, &error));
  g_assert_true (drso_store_append_event (store, wave, &error));
  g_assert_true (drso_store_append_event (store, elsewhere, &error));
  g_assert_true (drso_store_append_event (store, server, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_event_get_event_id (started), >, 0);
  g_assert_cmpint (drso_execution_event_get_event_id (wave), >,
                   drso_execution_event_get_event_id (started));
  g_assert_cmpint (drso_execution_event_get_event_id (elsewhere), >,
                   drso_execution_event_get_event_id (wave));
  g_assert_cmpint (drso_execution_event_get_event_id (server), >,
                   drso_execution_event_get_event_id (elsewhere));
  g_assert_cmpstr (drso_execution_event_get_actor (started), ==, g_get_user_name ());
  g_assert_cmpstr (drso_execution_event_get_actor (wave), ==, "scheduler");

  store = reopen_store (g_steal_pointer (&store));
  events = drso_store_list_events (store, execution_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpint (drso_execution_event_get_event_id (event), ==,
                   drso_execution_event_get_event_id (started));
  g_assert_cmpstr (drso_execution_event_get_execution_id (event), ==, execution_id);
  g_assert_cmpint (drso_execution_event_get_kind (event), ==, DRSO_EVENT_KIND_EXECUTION_STARTED);
  g_assert_cmpstr (drso_execution_event_get_message (event), ==, "Started");
  g_assert_cmpint (drso_execution_event_get_time (event), ==, G_GINT64_CONSTANT (1700000000123456));
  g_assert_cmpstr (drso_execution_event_get_actor (event), ==, g_get_user_name ());
  event = g_ptr_array_index (events, 1);
  g_assert_cmpint (drso_execution_event_get_kind (event), ==, DRSO_EVENT_KIND_WAVE_STARTED);
  g_assert_cmpuint (drso_execution_event_get_wave_number (event), ==, 1);
  g_assert_cmpstr (drso_execution_event_get_actor (event), ==, "scheduler");
  g_assert_cmpint (drso_execution_event_get_time (event), ==, drso_execution_event_get_time (wave));
  event = g_ptr_array_index (events, 2);
  g_assert_cmpint (drso_execution_event_get_kind (event), ==, DRSO_EVENT_KIND_SERVER_CHANGED);
  g_assert_cmpstr (drso_execution_event_get_server_id (event), ==, "s-00000000000000001");
  g_assert_cmpstr (drso_execution_event_get_message (event), ==, "db-1 launched");

  other_events = drso_store_list_events (store, other_id, 0, &error);
  g_assert_cmpuint (other_events->len, ==, 1);
  g_assert_cmpstr (drso_execution_event_get_message (g_ptr_array_index (other_events, 0)), ==,
                   "Other execution");
  g_clear_pointer (&other_events, g_ptr_array_unref);

  /* Only what came after. */
  g_clear_pointer (&events, g_ptr_array_unref);
  events = drso_store_list_events (store, execution_id,
                                   drso_execution_event_get_event_id (started), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (drso_execution_event_get_event_id (g_ptr_array_index (events, 0)), ==,
                   drso_execution_event_get_event_id (wave));
  g_assert_cmpint (drso_execution_event_get_event_id (g_ptr_array_index (events, 1)), ==,
                   drso_execution_event_get_event_id (server));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = drso_store_list_events (store, execution_id,
                                   drso_execution_event_get_event_id (server), &error);
  g_assert_no_error (error);
  g_assert_nonnull (events);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = drso_store_list_events (store, "exec-unknown", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);

  /* An event of an unknown execution. */
  {
    g_autoptr(DrsoExecutionEvent) lost = drso_execution_event_new ("exec-unknown",
                                                                   DRSO_EVENT_KIND_INFO, "Lost");

    assert_fails_unchanged (store, error, drso_store_append_event (store, lost, &error),
                            DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "exec-unknown"));
    g_assert_cmpint (drso_execution_event_get_event_id (lost), ==, 0);
  }
}

/* Conflicts */

static void
test_conflict_duplicate_names (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *web_id = NULL;
  g_autofree char *db_id = NULL;
  g_autofree char *plan_id = NULL;

  /* Accounts. */
  add_account (store, ACCOUNT_A, "Web");
  add_account (store, ACCOUNT_B, "Staging");
  {
    g_autoptr(DrsoAccount) same = new_account (ACCOUNT_C, "web");
    g_autoptr(DrsoAccount) spaced = new_account (ACCOUNT_C, "  WEB ");
    g_autoptr(DrsoAccount) renamed = drso_store_lookup_account (store, ACCOUNT_B, NULL);

    assert_fails_unchanged (store, error, drso_store_add_account (store, same, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_assert_true (drso_error_is_conflict (error));
    g_assert_nonnull (strstr (error->message, "Web"));
    assert_fails_unchanged (store, error, drso_store_add_account (store, spaced, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    drso_document_set_name (DRSO_DOCUMENT (renamed), "WEB");
    assert_fails_unchanged (store, error, drso_store_update_account (store, renamed, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_assert_true (drso_error_is_conflict (error));
  }
  {
    /* An account keeps its own name under another case. */
    g_autoptr(DrsoAccount) self = drso_store_lookup_account (store, ACCOUNT_A, NULL);

    drso_document_set_name (DRSO_DOCUMENT (self), "WEB");
    g_clear_error (&error);
    g_assert_true (drso_store_update_account (store, self, &error));
    g_assert_no_error (error);
  }

  /* Protection groups. */
  web_id = create_tag_group (store, "Web");
  db_id = create_tag_group (store, "Databases");
  {
    g_autoptr(DrsoProtectionGroup) same = new_tag_group ("web", ACCOUNT_A, EAST, "Other", "x");
    g_autoptr(DrsoProtectionGroup) renamed = drso_store_lookup_protection_group (store, db_id, NULL);

    assert_fails_unchanged (store, error, drso_store_create_protection_group (store, same, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_assert_true (drso_error_is_conflict (error));
    g_assert_nonnull (strstr (error->message, "Web"));
    drso_document_set_name (DRSO_DOCUMENT (renamed), "wEB");
    assert_fails_unchanged (store, error,
                            drso_store_update_protection_group (store, renamed, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
  }

  /* Recovery plans. */
  plan_id = drso_test_create_plan (store, "Web", web_id);
  {
    g_autofree char *other_id = drso_test_create_plan (store, "Databases", db_id);
    g_autoptr(DrsoRecoveryPlan) same = drso_test_new_plan ("WEB", db_id);
    g_autoptr(DrsoRecoveryPlan) renamed = drso_store_lookup_recovery_plan (store, other_id, NULL);

    assert_fails_unchanged (store, error, drso_store_create_recovery_plan (store, same, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_assert_true (drso_error_is_conflict (error));
    g_assert_nonnull (strstr (error->message, "Web"));
    g_clear_error (&error);
    g_assert_false (drso_store_validate_recovery_plan (store, same, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    drso_document_set_name (DRSO_DOCUMENT (renamed), "web");
    assert_fails_unchanged (store, error, drso_store_update_recovery_plan (store, renamed, &error),
                            DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
  }
}

static void
test_conflict_server_in_other_group (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoProtectionGroup) databases = new_group ("Databases", ACCOUNT_A, EAST);
  g_autoptr(DrsoProtectionGroup) web = new_group ("Web", ACCOUNT_A, EAST);
  g_autoptr(DrsoProtectionGroup) spare = new_group ("Spare", ACCOUNT_A, EAST);
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = server_id (1);
  g_autofree char *s2 = server_id (2);
  g_autofree char *s3 = server_id (3);

  add_account (store, ACCOUNT_A, "Production");

  /* Explicit ids against explicit ids, even before discovery saw them. */
  drso_protection_group_add_server_id (databases, s1);
  g_assert_true (drso_store_create_protection_group (store, databases, &error));
  g_assert_no_error (error);

  drso_protection_group_add_server_id (web, s2);
  drso_protection_group_add_server_id (web, s1);
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, web, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, "Databases"));
  g_assert_nonnull (strstr (error->message, s1));

  /* By update too. */
  drso_protection_group_add_server_id (spare, s3);
  g_clear_error (&error);
  g_assert_true (drso_store_create_protection_group (store, spare, &error));
  drso_protection_group_add_server_id (spare, s1);
  assert_fails_unchanged (store, error, drso_store_update_protection_group (store, spare, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP);
  g_assert_nonnull (strstr (error->message, "Databases"));

  /* Updating a group with its own servers is no conflict. */
  {
    g_autoptr(DrsoProtectionGroup) again = drso_store_lookup_protection_group (store, "Databases",
                                                                              NULL);

    drso_protection_group_set_description (again, "Still the same servers");
    g_clear_error (&error);
    g_assert_true (drso_store_update_protection_group (store, again, &error));
    g_assert_no_error (error);
  }
}

static void
test_conflict_tags (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoProtectionGroup) explicit = new_group ("Web explicit", ACCOUNT_A, EAST);
  g_autoptr(DrsoProtectionGroup) tagged = new_tag_group ("Prod tagged", ACCOUNT_A, EAST, "Env",
                                                          "prod");
  g_autoptr(DrsoProtectionGroup) west = new_tag_group ("Prod west", ACCOUNT_A, WEST, "Env", "prod");
  g_autoptr(DrsoProtectionGroup) staging = new_tag_group ("Prod staging", ACCOUNT_B, EAST, "Env",
                                                           "prod");
  g_autoptr(DrsoProtectionGroup) narrow = new_tag_group ("Only 3", ACCOUNT_A, EAST, "Env", "prod");
  g_autoptr(DrsoProtectionGroup) picker = new_group ("Picker", ACCOUNT_A, EAST);
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = server_id (1);
  g_autofree char *s3 = server_id (3);

  add_account (store, ACCOUNT_A, "Production");
  add_account (store, ACCOUNT_B, "Staging");
  /* Servers 1-3 in A east, 10-11 in A west, 20-21 in B east: all Env=prod. */
  discover (store, ACCOUNT_A, EAST, 1, 3, "prod");
  discover (store, ACCOUNT_A, WEST, 10, 2, "prod");
  discover (store, ACCOUNT_B, EAST, 20, 2, "prod");

  drso_protection_group_add_server_id (explicit, s1);
  g_assert_true (drso_store_create_protection_group (store, explicit, &error));
  g_assert_no_error (error);

  /* Env=prod in A east matches server 1, which "Web explicit" names. */
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, tagged, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, "Web explicit"));
  g_assert_nonnull (strstr (error->message, s1));

  /* The same tags in another region, or another account: no conflict. */
  g_clear_error (&error);
  g_assert_true (drso_store_create_protection_group (store, west, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_create_protection_group (store, staging, &error));
  g_assert_no_error (error);

  /* Tags that match only servers no other group has. */
  drso_protection_group_set_tag (narrow, "Name", "only-3");
  {
    g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 1; i <= 3; i++)
      {
        g_autofree char *hostname = g_strdup_printf ("host-%u", i);
        DrsoSourceServer *server = new_server (ACCOUNT_A, EAST, i, hostname);

        drso_source_server_set_tag (server, "Env", "prod");
        drso_source_server_set_tag (server, "Name", i == 3 ? "only-3" : "other");
        g_ptr_array_add (servers, server);
      }
    g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error));
  }
  g_assert_true (drso_store_create_protection_group (store, narrow, &error));
  g_assert_no_error (error);

  /* And the other way about: naming a server a tag-based group selects. */
  drso_protection_group_add_server_id (picker, s3);
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, picker, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP);
  g_assert_nonnull (strstr (error->message, "Only 3"));
}

static void
test_conflict_missing_group (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");

  plan = drso_test_new_plan ("Broken", "pg-does-not-exist");
  assert_fails_unchanged (store, error, drso_store_create_recovery_plan (store, plan, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_GROUP);
  g_assert_nonnull (strstr (error->message, "pg-does-not-exist"));
  g_clear_error (&error);
  g_assert_false (drso_store_validate_recovery_plan (store, plan, &error));
  g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_GROUP);

  /* By update too. */
  plan_id = drso_test_create_plan (store, "Working", group_id);
  g_clear_object (&plan);
  plan = drso_store_lookup_recovery_plan (store, plan_id, NULL);
  drso_wave_add_protection_group_id (drso_recovery_plan_get_wave (plan, 1), "pg-gone");
  assert_fails_unchanged (store, error, drso_store_update_recovery_plan (store, plan, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_GROUP);
  g_assert_nonnull (strstr (error->message, "pg-gone"));
}

static void
test_conflict_account_not_accessible (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoProtectionGroup) group = new_tag_group ("Elsewhere", ACCOUNT_C, EAST, "Env", "prod");
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, group, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE);
  g_assert_nonnull (strstr (error->message, ACCOUNT_C));

  /* Moving a group to such an account. */
  group_id = create_tag_group (store, "Web");
  g_clear_object (&group);
  group = drso_store_lookup_protection_group (store, group_id, NULL);
  drso_protection_group_set_account_id (group, ACCOUNT_C);
  assert_fails_unchanged (store, error, drso_store_update_protection_group (store, group, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE);
}

static void
test_conflict_duplicate_id (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoAccount) account = new_account (ACCOUNT_A, "Another name");
  g_autoptr(DrsoProtectionGroup) group = new_tag_group ("Another group", ACCOUNT_A, EAST, "k", "v");
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  assert_fails_unchanged (store, error, drso_store_add_account (store, account, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, ACCOUNT_A));

  group_id = create_tag_group (store, "Web");
  drso_document_set_id (DRSO_DOCUMENT (group), group_id);
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, group, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, group_id));

  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  plan = drso_test_new_plan ("Another plan", group_id);
  drso_document_set_id (DRSO_DOCUMENT (plan), plan_id);
  assert_fails_unchanged (store, error, drso_store_create_recovery_plan (store, plan, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID);
  g_assert_true (drso_error_is_conflict (error));
  g_assert_nonnull (strstr (error->message, plan_id));
}

static void
test_update_unknown (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoAccount) account = new_account (ACCOUNT_B, "Nowhere");
  g_autoptr(DrsoProtectionGroup) group = new_tag_group ("Never stored", ACCOUNT_A, EAST, "k", "v");
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan = drso_test_new_plan ("Never stored", group_id);

  assert_fails_unchanged (store, error, drso_store_update_account (store, account, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_true (drso_error_is_not_found (error));
  g_assert_nonnull (strstr (error->message, ACCOUNT_B));
  assert_fails_unchanged (store, error, drso_store_update_protection_group (store, group, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, drso_protection_group_get_group_id (group)));
  assert_fails_unchanged (store, error, drso_store_update_recovery_plan (store, plan, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, drso_recovery_plan_get_plan_id (plan)));
  assert_fails_unchanged (store, error, drso_store_remove_account (store, ACCOUNT_B, &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  assert_fails_unchanged (store, error,
                          drso_store_delete_protection_group (store, "pg-unknown", &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  assert_fails_unchanged (store, error,
                          drso_store_delete_recovery_plan (store, "plan-unknown", &error),
                          DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (drso_store_lookup_protection_group (store, "pg-unknown", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (drso_store_lookup_recovery_plan (store, "plan-unknown", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (drso_store_lookup_source_server (store, "s-00000000000000009", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
}

/* Permissions */

typedef struct
{
  DrsoStore  *store;
  GObject    *object;
  GPtrArray  *servers;
  char       *id;
  char       *plan_id;
  char       *group_id;
  char       *execution_id;
  guint       serial;
} Permissions;

typedef struct
{
  const char     *name;
  DrsoPermission  permission;
  /* Run as administrator: sets up what the call needs. */
  void          (*prepare) (Permissions *p);
  gboolean      (*run)     (Permissions *p,
                            GError     **error);
} Operation;

static char *
unique (Permissions *p,
        const char  *prefix)
{
  return g_strdup_printf ("%s %u", prefix, ++p->serial);
}

static void
prepare_new_account (Permissions *p)
{
  g_autofree char *id = g_strdup_printf ("4444444%05u", ++p->serial);
  g_autofree char *name = unique (p, "Account");

  p->object = G_OBJECT (new_account (id, name));
}

static void
prepare_stored_account (Permissions *p)
{
  g_autofree char *name = unique (p, "Renamed account");
  DrsoAccount *account = drso_store_lookup_account (p->store, ACCOUNT_A, NULL);

  drso_document_set_name (DRSO_DOCUMENT (account), name);
  p->object = G_OBJECT (account);
}

static void
prepare_removable_account (Permissions *p)
{
  g_autofree char *id = g_strdup_printf ("5555555%05u", ++p->serial);

  add_account (p->store, id, id);
  p->id = g_steal_pointer (&id);
}

static void
prepare_servers (Permissions *p)
{
  GPtrArray *servers = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (servers, new_server (ACCOUNT_A, WEST, 1000 + ++p->serial, "discovered"));
  p->servers = servers;
}

static void
prepare_new_group (Permissions *p)
{
  g_autofree char *name = unique (p, "Group");

  p->object = G_OBJECT (new_tag_group (name, ACCOUNT_A, EAST, "Group", name));
}

static void
prepare_stored_group (Permissions *p)
{
  g_autofree char *description = unique (p, "Description");
  DrsoProtectionGroup *group = drso_store_lookup_protection_group (p->store, p->group_id, NULL);

  drso_protection_group_set_description (group, description);
  p->object = G_OBJECT (group);
}

static void
prepare_removable_group (Permissions *p)
{
  g_autofree char *name = unique (p, "Removable group");

  p->id = create_tag_group (p->store, name);
}

static void
prepare_new_plan (Permissions *p)
{
  g_autofree char *name = unique (p, "Plan");

  p->object = G_OBJECT (drso_test_new_plan (name, p->group_id));
}

static void
prepare_stored_plan (Permissions *p)
{
  g_autofree char *description = unique (p, "Description");
  DrsoRecoveryPlan *plan = drso_store_lookup_recovery_plan (p->store, p->plan_id, NULL);

  drso_recovery_plan_set_description (plan, description);
  p->object = G_OBJECT (plan);
}

static void
prepare_removable_plan (Permissions *p)
{
  g_autofree char *name = unique (p, "Removable plan");

  p->id = drso_test_create_plan (p->store, name, p->group_id);
}

static void
prepare_new_execution (Permissions *p)
{
  p->object = G_OBJECT (drso_execution_new (p->plan_id, "Plan", DRSO_EXECUTION_TYPE_DRILL));
}

static void
prepare_stored_execution (Permissions *p)
{
  g_autofree char *message = unique (p, "Error");
  DrsoExecution *execution = drso_store_lookup_execution (p->store, p->execution_id, NULL);

  drso_execution_add_error (execution, message);
  p->object = G_OBJECT (execution);
}

static void
prepare_removable_execution (Permissions *p)
{
  p->id = create_execution (p->store, p->plan_id, DRSO_EXECUTION_STATUS_COMPLETED);
}

static void
prepare_event (Permissions *p)
{
  p->object = G_OBJECT (drso_execution_event_new (p->execution_id, DRSO_EVENT_KIND_INFO, "Note"));
}

static gboolean
run_add_account (Permissions  *p,
                 GError      **error)
{
  return drso_store_add_account (p->store, DRSO_ACCOUNT (p->object), error);
}

static gboolean
run_update_account (Permissions  *p,
                    GError      **error)
{
  return drso_store_update_account (p->store, DRSO_ACCOUNT (p->object), error);
}

static gboolean
run_remove_account (Permissions  *p,
                    GError      **error)
{
  return drso_store_remove_account (p->store, p->id, error);
}

static gboolean
run_replace_servers (Permissions  *p,
                     GError      **error)
{
  return drso_store_replace_source_servers (p->store, ACCOUNT_A, WEST, p->servers, error);
}

static gboolean
run_create_group (Permissions  *p,
                  GError      **error)
{
  return drso_store_create_protection_group (p->store, DRSO_PROTECTION_GROUP (p->object), error);
}

static gboolean
run_update_group (Permissions  *p,
                  GError      **error)
{
  return drso_store_update_protection_group (p->store, DRSO_PROTECTION_GROUP (p->object), error);
}

static gboolean
run_delete_group (Permissions  *p,
                  GError      **error)
{
  return drso_store_delete_protection_group (p->store, p->id, error);
}

static gboolean
run_create_plan (Permissions  *p,
                 GError      **error)
{
  return drso_store_create_recovery_plan (p->store, DRSO_RECOVERY_PLAN (p->object), error);
}

static gboolean
run_update_plan (Permissions  *p,
                 GError      **error)
{
  return drso_store_update_recovery_plan (p->store, DRSO_RECOVERY_PLAN (p->object), error);
}

static gboolean
run_delete_plan (Permissions  *p,
                 GError      **error)
{
  return drso_store_delete_recovery_plan (p->store, p->id, error);
}

static gboolean
run_create_execution (Permissions  *p,
                      GError      **error)
{
  return drso_store_create_execution (p->store, DRSO_EXECUTION (p->object), error);
}

static gboolean
run_save_execution (Permissions  *p,
                    GError      **error)
{
  return drso_store_save_execution (p->store, DRSO_EXECUTION (p->object), error);
}

static gboolean
run_delete_execution (Permissions  *p,
                      GError      **error)
{
  return drso_store_delete_execution (p->store, p->id, error);
}

static gboolean
run_append_event (Permissions  *p,
                  GError      **error)
{
  return drso_store_append_event (p->store, DRSO_EXECUTION_EVENT (p->object), error);
}

static const Operation operations[] = {
  { "add account", DRSO_PERMISSION_MANAGE_ACCOUNTS, prepare_new_account, run_add_account },
  { "update account", DRSO_PERMISSION_MANAGE_ACCOUNTS, prepare_stored_account, run_update_account },
  { "remove account", DRSO_PERMISSION_MANAGE_ACCOUNTS, prepare_removable_account,
    run_remove_account },
  { "replace servers", DRSO_PERMISSION_VIEW_RESOURCES, prepare_servers, run_replace_servers },
  { "create group", DRSO_PERMISSION_CREATE_PROTECTION_GROUP, prepare_new_group, run_create_group },
  { "update group", DRSO_PERMISSION_UPDATE_PROTECTION_GROUP, prepare_stored_group,
    run_update_group },
  { "delete group", DRSO_PERMISSION_DELETE_PROTECTION_GROUP, prepare_removable_group,
    run_delete_group },
  { "create plan", DRSO_PERMISSION_CREATE_RECOVERY_PLAN, prepare_new_plan, run_create_plan },
  { "update plan", DRSO_PERMISSION_UPDATE_RECOVERY_PLAN, prepare_stored_plan, run_update_plan },
  { "delete plan", DRSO_PERMISSION_DELETE_RECOVERY_PLAN, prepare_removable_plan, run_delete_plan },
  { "create execution", DRSO_PERMISSION_EXECUTE_RECOVERY, prepare_new_execution,
    run_create_execution },
  { "save execution", DRSO_PERMISSION_EXECUTE_RECOVERY, prepare_stored_execution,
    run_save_execution },
  { "delete execution", DRSO_PERMISSION_MANAGE_EXECUTION, prepare_removable_execution,
    run_delete_execution },
  { "append event", DRSO_PERMISSION_EXECUTE_RECOVERY, prepare_event, run_append_event },
};

static void
free_operation_data (Permissions *p)
{
  g_clear_object (&p->object);
  g_clear_pointer (&p->servers, g_ptr_array_unref);
  g_clear_pointer (&p->id, g_free);
}

/* Every mutating call, under every role: refused when the role lacks the
 * permission, with nothing changed; done when it has it. */
static void
test_permissions_matrix (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  Permissions p = { .store = store };
  guint refused = 0, done = 0;

  add_account (store, ACCOUNT_A, "Production");
  p.group_id = create_tag_group (store, "Web");
  p.plan_id = drso_test_create_plan (store, "Nightly", p.group_id);
  p.execution_id = create_execution (store, p.plan_id, DRSO_EXECUTION_STATUS_COMPLETED);

  for (guint r = 0; r < DRSO_N_ROLES; r++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
        {
          const Operation *op = &operations[i];
          g_autoptr(GError) error = NULL;
          gboolean allowed = drso_role_has_permission (r, op->permission);

          g_test_message ("%s as %s", op->name, drso_role_get_nick (r));
          drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);
          op->prepare (&p);
          drso_test_set_role (store, r);

          if (allowed)
            {
              g_assert_true (op->run (&p, &error));
              g_assert_no_error (error);
              done++;
            }
          else
            {
              assert_fails_unchanged (store, error, op->run (&p, &error),
                                      DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
              g_assert_nonnull (strstr (error->message, drso_role_get_group_name (r)));
              g_assert_nonnull (strstr (error->message, drso_permission_get_name (op->permission)));
              refused++;
            }
          free_operation_data (&p);
        }
    }

  drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);
  /* The seed's table: 14 + 5 + 5 + 4 + 1 calls allowed, the other 41 refused. */
  g_assert_cmpuint (done, ==, 29);
  g_assert_cmpuint (refused, ==, 41);
  g_free (p.group_id);
  g_free (p.plan_id);
  g_free (p.execution_id);
}

static void
test_permissions_examples (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoProtectionGroup) group = new_tag_group ("Web", ACCOUNT_A, EAST, "Role", "web");
  g_autoptr(DrsoAccount) account = new_account (ACCOUNT_B, "Staging");
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Databases");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  plan = drso_test_new_plan ("Weekly", group_id);

  drso_test_set_role (store, DRSO_ROLE_READ_ONLY);
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, group, &error),
                          DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "DRSReadOnly"));
  g_assert_nonnull (strstr (error->message, "drs:CreateProtectionGroup"));
  g_assert_false (drso_error_is_conflict (error));

  drso_test_set_role (store, DRSO_ROLE_RECOVERY_MANAGER);
  assert_fails_unchanged (store, error, drso_store_create_protection_group (store, group, &error),
                          DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "DRSRecoveryManager"));
  g_assert_nonnull (strstr (error->message, "drs:CreateProtectionGroup"));

  drso_test_set_role (store, DRSO_ROLE_PLAN_MANAGER);
  assert_fails_unchanged (store, error, drso_store_delete_recovery_plan (store, plan_id, &error),
                          DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "DRSPlanManager"));
  g_assert_nonnull (strstr (error->message, "drs:DeleteRecoveryPlan"));
  assert_fails_unchanged (store, error, drso_store_add_account (store, account, &error),
                          DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "DRSPlanManager"));
  g_assert_nonnull (strstr (error->message, "drs:ManageAccounts"));

  drso_test_set_role (store, DRSO_ROLE_OPERATOR);
  assert_fails_unchanged (store, error, drso_store_create_recovery_plan (store, plan, &error),
                          DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "DRSOperator"));
  g_assert_nonnull (strstr (error->message, "drs:CreateRecoveryPlan"));

  /* The same calls as administrator. */
  drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);
  g_clear_error (&error);
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_delete_recovery_plan (store, plan_id, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_role_follows_settings (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  DrsoRole role;

  g_assert_cmpint (drso_store_get_role (store), ==, DRSO_ROLE_ADMINISTRATOR);
  g_signal_connect (store, "notify::role", G_CALLBACK (count_notify_cb), &notified);

  drso_test_set_role (store, DRSO_ROLE_PLAN_MANAGER);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (store, "role", &role, NULL);
  g_assert_cmpint (role, ==, DRSO_ROLE_PLAN_MANAGER);
  g_assert_true (drso_store_check_permission (store, DRSO_PERMISSION_CREATE_RECOVERY_PLAN, &error));
  g_assert_no_error (error);
  g_assert_false (drso_store_check_permission (store, DRSO_PERMISSION_MANAGE_ACCOUNTS, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);

  /* A store opened now starts with the active role. */
  {
    g_autoptr(DrsoStore) other = drso_test_open_store ();

    g_assert_cmpint (drso_store_get_role (other), ==, DRSO_ROLE_PLAN_MANAGER);
  }

  drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpint (drso_store_get_role (store), ==, DRSO_ROLE_ADMINISTRATOR);
}

/* Two processes */

static void
assert_same_items (GListModel *a,
                   GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (g_list_model_get_n_items (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) ia = g_list_model_get_item (a, i);
      g_autoptr(GObject) ib = g_list_model_get_item (b, i);

      if (DRSO_IS_DOCUMENT (ia))
        {
          assert_documents_equal (ia, ib);
        }
      else if (DRSO_IS_SOURCE_SERVER (ia))
        {
          g_autoptr(JsonNode) na = drso_source_server_to_json (DRSO_SOURCE_SERVER (ia));
          g_autoptr(JsonNode) nb = drso_source_server_to_json (DRSO_SOURCE_SERVER (ib));

          drso_test_assert_json_equal (na, nb);
        }
      else
        {
          g_autoptr(JsonNode) na = drso_execution_to_json (DRSO_EXECUTION (ia));
          g_autoptr(JsonNode) nb = drso_execution_to_json (DRSO_EXECUTION (ib));

          drso_test_assert_json_equal (na, nb);
        }
    }
}

static void
assert_stores_in_step (DrsoStore *a,
                       DrsoStore *b)
{
  assert_same_items (drso_store_get_accounts (a), drso_store_get_accounts (b));
  assert_same_items (drso_store_get_source_servers (a), drso_store_get_source_servers (b));
  assert_same_items (drso_store_get_protection_groups (a), drso_store_get_protection_groups (b));
  assert_same_items (drso_store_get_recovery_plans (a), drso_store_get_recovery_plans (b));
  assert_same_items (drso_store_get_executions (a), drso_store_get_executions (b));
}

static void
test_two_stores (void)
{
  g_autoptr(DrsoStore) window = drso_test_open_store ();
  g_autoptr(DrsoStore) cli = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;
  GListModel *accounts = drso_store_get_accounts (window);
  GListModel *servers = drso_store_get_source_servers (window);
  GListModel *groups = drso_store_get_protection_groups (window);
  GListModel *plans = drso_store_get_recovery_plans (window);
  GListModel *executions = drso_store_get_executions (window);

  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);

  /* The command line changes everything. */
  add_account (cli, ACCOUNT_A, "Production");
  discover (cli, ACCOUNT_A, EAST, 1, 4, "prod");
  group_id = create_tag_group (cli, "Web");
  plan_id = drso_test_create_plan (cli, "Nightly", group_id);
  execution_id = create_execution (cli, plan_id, DRSO_EXECUTION_STATUS_RUNNING);

  /* Reads see it at once; the live lists wait for a refresh. */
  {
    g_autoptr(DrsoAccount) account = drso_store_lookup_account (window, ACCOUNT_A, &error);

    g_assert_no_error (error);
    g_assert_nonnull (account);
  }
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 0);

  g_assert_true (drso_store_refresh (window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (executions), ==, 1);
  assert_stores_in_step (window, cli);

  /* Updates and deletions too. */
  {
    g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (cli, execution_id, NULL);
    g_autoptr(DrsoAccount) account = drso_store_lookup_account (cli, ACCOUNT_A, NULL);

    drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_COMPLETED);
    g_assert_true (drso_store_save_execution (cli, execution, &error));
    drso_document_set_name (DRSO_DOCUMENT (account), "Production (old)");
    g_assert_true (drso_store_update_account (cli, account, &error));
    g_assert_true (drso_store_delete_recovery_plan (cli, plan_id, &error));
    discover (cli, ACCOUNT_A, EAST, 3, 3, "prod");
    g_assert_no_error (error);
  }
  g_assert_true (drso_store_refresh (window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 3);
  assert_stores_in_step (window, cli);

  /* And the other way about. */
  g_assert_true (drso_store_delete_execution (window, execution_id, &error));
  g_assert_true (drso_store_delete_protection_group (window, group_id, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_refresh (cli, &error));
  g_assert_no_error (error);
  assert_stores_in_step (window, cli);
  g_assert_cmpuint (g_list_model_get_n_items (executions), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);

  /* Nothing new: nothing to do. */
  g_assert_true (drso_store_refresh (window, &error));
  g_assert_no_error (error);
  assert_stores_in_step (window, cli);
}

/* Schema 2: what the execution engine needs */

#define SNAPSHOT_A "pit-0123456789abcdef0"
#define OWNER_A "drso-cli:100@host-a"
#define OWNER_B "drso-gui:200@host-b"

static void
test_plans_server_settings (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autofree char *path = dup_database_path ();
  g_autofree char *group_id = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *s1 = server_id (1), *s2 = server_id (2), *s3 = server_id (3);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoRecoveryPlan) found = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) configured = NULL;
  GListModel *plans;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  other_id = create_tag_group (store, "Database");
  plans = drso_store_get_recovery_plans (store);

  plan = drso_test_new_plan ("Targets", group_id);
  drso_recovery_plan_set_rpo_target (plan, 900);
  drso_recovery_plan_set_rto_target (plan, 3600);
  drso_recovery_plan_set_server_criticality (plan, s1, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_recovery_plan_set_server_snapshot (plan, s2, SNAPSHOT_A);
  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM plan_servers"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT rpo_target_seconds FROM recovery_plans"), ==, 900);
  g_assert_cmpint (query_int (path, "SELECT rto_target_seconds FROM recovery_plans"), ==, 3600);

  found = drso_store_lookup_recovery_plan (store, "targets", &error);
  g_assert_no_error (error);
  assert_documents_equal (found, plan);
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (found), ==, 900);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (found, s1), ==,
                   DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_assert_cmpstr (drso_recovery_plan_get_server_snapshot (found, s2), ==, SNAPSHOT_A);
  g_assert_null (drso_recovery_plan_get_server_snapshot (found, s1));
  {
    g_autoptr(DrsoRecoveryPlan) item = g_list_model_get_item (plans, 0);

    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
    assert_documents_equal (item, plan);
  }
  g_clear_object (&found);

  /* The plan's groups change: the settings stay, keyed by server. A server
   * back to its defaults leaves plan_servers. */
  {
    DrsoWave *wave = drso_recovery_plan_get_wave (plan, 1);

    drso_wave_set_protection_group_ids (wave, (const char * const[]) { other_id, NULL });
  }
  drso_recovery_plan_set_server_criticality (plan, s1, DRSO_SERVER_CRITICALITY_CRITICAL);
  drso_recovery_plan_set_server_criticality (plan, s3, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_recovery_plan_set_rpo_target (plan, 0);
  g_assert_true (drso_store_update_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM plan_servers"), ==, 2);

  /* Read back by another store, as after a restart. */
  {
    g_autoptr(DrsoStore) reopened = drso_test_open_store ();

    found = drso_store_lookup_recovery_plan (reopened, drso_recovery_plan_get_plan_id (plan),
                                             &error);
    g_assert_no_error (error);
  }
  assert_documents_equal (found, plan);
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (found), ==, 0);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (found), ==, 3600);
  configured = drso_recovery_plan_dup_configured_servers (found);
  drso_test_assert_strv ((const char * const *) configured,
                         (const char * const[]) { s2, s3, NULL });

  /* A bad snapshot id is refused and changes nothing. */
  drso_recovery_plan_set_server_snapshot (plan, s3, "pit-nope");
  assert_fails_unchanged (store, error, drso_store_update_recovery_plan (store, plan, &error),
                          DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID);
  g_assert_nonnull (strstr (error->message, "recoverySnapshotId"));
  g_clear_error (&error);

  /* Deleting the plan deletes its settings. */
  g_assert_true (drso_store_delete_recovery_plan (store, drso_recovery_plan_get_plan_id (plan),
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM plan_servers"), ==, 0);
}

static DrsoExecution *
new_engine_execution (const char *plan_id)
{
  DrsoExecution *execution = drso_execution_new (plan_id, "Plan", DRSO_EXECUTION_TYPE_RECOVERY);
  g_autoptr(DrsoWaveRun) wave = drso_wave_run_new (1, "Web");
  g_autoptr(DrsoServerRun) full = NULL;
  g_autoptr(DrsoServerRun) plain = NULL;
  g_autofree char *s1 = server_id (1), *s2 = server_id (2);

  full = drso_server_run_new (s1);
  drso_server_run_set_status (full, DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_server_run_set_criticality (full, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_server_run_set_launch_attempt (full, 3);
  drso_server_run_set_launch_requested (full, G_GINT64_CONSTANT (1700000000000007));
  drso_server_run_set_snapshot_start (full, G_GINT64_CONSTANT (1700000010000001));
  drso_server_run_set_snapshot_end (full, G_GINT64_CONSTANT (1700000020000002));
  drso_server_run_set_conversion_start (full, G_GINT64_CONSTANT (1700000030000003));
  drso_server_run_set_conversion_end (full, G_GINT64_CONSTANT (1700000040000004));
  drso_server_run_set_launch_start (full, G_GINT64_CONSTANT (1700000050000005));
  drso_server_run_set_launch_end (full, G_GINT64_CONSTANT (1700000060000006));
  drso_server_run_set_health (full, "initializing");
  plain = drso_server_run_new (s2);
  drso_wave_run_add_server (wave, full);
  drso_wave_run_add_server (wave, plain);
  drso_execution_add_wave_run (execution, wave);
  drso_execution_set_initiated_by_arn (execution,
                                       "arn:aws:sts::111111111111:assumed-role/DRSOps/alice");
  drso_execution_add_warning (execution, "First warning.");
  return execution;
}

static void
test_executions_engine_fields (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autofree char *path = dup_database_path ();
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoExecution) found = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *s1 = server_id (1), *s2 = server_id (2);
  GListModel *executions;
  DrsoServerRun *server;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  executions = drso_store_get_executions (store);

  execution = new_engine_execution (plan_id);
  g_assert_true (drso_store_create_execution (store, execution, &error));
  g_assert_no_error (error);
  drso_execution_add_warning (execution, "Second warning.");
  server = drso_wave_run_find_server (drso_execution_get_wave_run (execution, 1), s2);
  drso_server_run_set_launch_requested (server, G_GINT64_CONSTANT (1700000099999999));
  g_assert_true (drso_store_save_execution (store, execution, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT launch_attempt FROM server_runs WHERE position = 0"),
                   ==, 3);

  /* The live list holds the same. */
  {
    g_autoptr(DrsoExecution) item = g_list_model_get_item (executions, 0);
    g_autoptr(JsonNode) a = drso_execution_to_json (item);
    g_autoptr(JsonNode) b = drso_execution_to_json (execution);

    drso_test_assert_json_equal (a, b);
  }

  /* Every member, read by a store opened afresh. */
  g_clear_object (&store);
  store = drso_test_open_store ();
  found = drso_store_lookup_execution (store, drso_execution_get_execution_id (execution), &error);
  g_assert_no_error (error);
  expected = drso_execution_to_json (execution);
  actual = drso_execution_to_json (found);
  drso_test_assert_json_equal (actual, expected);

  g_assert_cmpstr (drso_execution_get_initiated_by_arn (found), ==,
                   "arn:aws:sts::111111111111:assumed-role/DRSOps/alice");
  drso_test_assert_strv (drso_execution_get_warnings (found),
                         (const char * const[]) { "First warning.", "Second warning.", NULL });
  server = drso_wave_run_find_server (drso_execution_get_wave_run (found, 1), s1);
  g_assert_cmpint (drso_server_run_get_criticality (server), ==, DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_assert_cmpuint (drso_server_run_get_launch_attempt (server), ==, 3);
  g_assert_cmpint (drso_server_run_get_launch_requested (server), ==,
                   G_GINT64_CONSTANT (1700000000000007));
  g_assert_cmpint (drso_server_run_get_snapshot_start (server), ==,
                   G_GINT64_CONSTANT (1700000010000001));
  g_assert_cmpint (drso_server_run_get_snapshot_end (server), ==,
                   G_GINT64_CONSTANT (1700000020000002));
  g_assert_cmpint (drso_server_run_get_conversion_start (server), ==,
                   G_GINT64_CONSTANT (1700000030000003));
  g_assert_cmpint (drso_server_run_get_conversion_end (server), ==,
                   G_GINT64_CONSTANT (1700000040000004));
  g_assert_cmpint (drso_server_run_get_launch_start (server), ==,
                   G_GINT64_CONSTANT (1700000050000005));
  g_assert_cmpint (drso_server_run_get_launch_end (server), ==,
                   G_GINT64_CONSTANT (1700000060000006));
  g_assert_cmpstr (drso_server_run_get_health (server), ==, "initializing");
  server = drso_wave_run_find_server (drso_execution_get_wave_run (found, 1), s2);
  g_assert_cmpint (drso_server_run_get_criticality (server), ==, DRSO_SERVER_CRITICALITY_CRITICAL);
  g_assert_cmpuint (drso_server_run_get_launch_attempt (server), ==, 0);
  g_assert_cmpint (drso_server_run_get_launch_requested (server), ==,
                   G_GINT64_CONSTANT (1700000099999999));
  g_assert_cmpint (drso_server_run_get_launch_end (server), ==, 0);
  g_assert_null (drso_server_run_get_health (server));
}

/* Builds a schema-1 database by hand, with the SQL the first release ran,
 * and a row in every table that matters. */
static void
make_v1_database (const char *path)
{
  g_autofree char *sql = g_strconcat (
    _drso_store_get_migration (0),
    "PRAGMA user_version = 1;"
    "INSERT INTO accounts (account_id, name, name_key, regions, created_date, "
    "  last_modified_date) VALUES ('" ACCOUNT_A "', 'Production', 'production', "
    "  '[\"" EAST "\"]', 1700000000, 1700000000);"
    "INSERT INTO protection_groups (group_id, name, name_key, account_id, region, tag_criteria, "
    "  created_date, last_modified_date) VALUES ('pg-old', 'Web', 'web', '" ACCOUNT_A "', '"
    EAST "', '{\"Tier\":\"web\"}', 1700000000, 1700000000);"
    "INSERT INTO recovery_plans (plan_id, name, name_key, description, created_date, "
    "  last_modified_date) VALUES ('plan-old', 'Old plan', 'old plan', 'From v1', 1700000000, "
    "  1700000000);"
    "INSERT INTO waves (plan_id, wave_number, name, estimated_duration) "
    "  VALUES ('plan-old', 1, 'Wave one', 600);"
    "INSERT INTO wave_groups (plan_id, wave_number, group_id, position) "
    "  VALUES ('plan-old', 1, 'pg-old', 0);"
    "INSERT INTO executions (execution_id, plan_id, plan_name, execution_type, status, "
    "  current_wave, start_time, initiated_by, errors) VALUES ('exec-old', 'plan-old', "
    "  'Old plan', 'DRILL', 'RUNNING', 1, 1700000100, 'alice', '[\"Earlier error\"]');"
    "INSERT INTO wave_runs (execution_id, wave_number, wave_name, status, start_time, job_ids) "
    "  VALUES ('exec-old', 1, 'Wave one', 'IN_PROGRESS', 1700000100, '[\"drsjob-1\"]');"
    "INSERT INTO server_runs (execution_id, wave_number, server_id, position, hostname, status, "
    "  job_id) VALUES ('exec-old', 1, 's-00000000000000001', 0, 'web-1', 'IN_PROGRESS', "
    "  'drsjob-1');"
    "INSERT INTO execution_events (execution_id, time, wave_number, kind, message, actor) "
    "  VALUES ('exec-old', 1700000100000000, 1, 'WAVE_STARTED', 'Wave one started', 'alice');",
    NULL);

  make_sqlite_file (path, sql);
}

static void
test_migrate_from_v1 (void)
{
  g_autofree char *path = dup_database_path ();
  g_autofree char *backup = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) configured = NULL;
  DrsoServerRun *server;

  make_v1_database (path);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);

  store = drso_test_open_store ();
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (DRSO_STORE_SCHEMA_VERSION, ==, 3);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM execution_requests"), ==, 0);

  /* The backup was taken first: schema 1, with every row. */
  backup = g_strconcat (path, ".schema-1.bak", NULL);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  assert_mode (backup, 0600);
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM server_runs"), ==, 1);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_schema "
                                      "WHERE name = 'execution_leases'"), ==, 0);

  /* Every row kept; the new members have their defaults. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM execution_events"), ==, 1);
  group = drso_store_lookup_protection_group (store, "web", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (drso_protection_group_get_tag_criteria (group), "Tier"),
                   ==, "web");

  plan = drso_store_lookup_recovery_plan (store, "plan-old", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==, "From v1");
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 600);
  g_assert_nonnull (drso_recovery_plan_find_group (plan, "pg-old"));
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (plan), ==, 0);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (plan), ==, 0);
  configured = drso_recovery_plan_dup_configured_servers (plan);
  g_assert_cmpuint (g_strv_length (configured), ==, 0);

  execution = drso_store_lookup_execution (store, "exec-old", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_status (execution), ==, DRSO_EXECUTION_STATUS_RUNNING);
  g_assert_cmpstr (drso_execution_get_initiated_by (execution), ==, "alice");
  g_assert_null (drso_execution_get_initiated_by_arn (execution));
  drso_test_assert_strv (drso_execution_get_errors (execution),
                         (const char * const[]) { "Earlier error", NULL });
  g_assert_cmpuint (g_strv_length ((char **) drso_execution_get_warnings (execution)), ==, 0);
  server = drso_wave_run_find_server (drso_execution_get_wave_run (execution, 1),
                                      "s-00000000000000001");
  g_assert_nonnull (server);
  g_assert_cmpstr (drso_server_run_get_hostname (server), ==, "web-1");
  g_assert_cmpstr (drso_server_run_get_job_id (server), ==, "drsjob-1");
  g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_IN_PROGRESS);
  g_assert_cmpint (drso_server_run_get_criticality (server), ==, DRSO_SERVER_CRITICALITY_CRITICAL);
  g_assert_cmpuint (drso_server_run_get_launch_attempt (server), ==, 0);
  g_assert_cmpint (drso_server_run_get_launch_requested (server), ==, 0);
  g_assert_cmpint (drso_server_run_get_snapshot_start (server), ==, 0);
  g_assert_null (drso_server_run_get_health (server));

  events = drso_store_list_events (store, "exec-old", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (drso_execution_event_get_message (g_ptr_array_index (events, 0)), ==,
                   "Wave one started");

  /* The new tables work on the upgraded file. */
  unfinished = drso_store_list_unfinished_executions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_true (drso_store_acquire_lease (store, "exec-old", OWNER_A, &error));
  g_assert_no_error (error);
  drso_recovery_plan_set_server_criticality (plan, "s-00000000000000001",
                                             DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_recovery_plan_set_rto_target (plan, 1200);
  g_assert_true (drso_store_update_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM plan_servers"), ==, 1);

  /* Opening again does not migrate (or back up) again. */
  g_assert_cmpint (g_unlink (backup), ==, 0);
  g_clear_object (&store);
  store = drso_test_open_store ();
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
assert_lease (DrsoStore  *store,
              const char *execution_id,
              const char *owner)
{
  gint64 heartbeat = -1;
  g_autofree char *holder = drso_store_dup_lease_owner (store, execution_id, &heartbeat);

  g_assert_cmpstr (holder, ==, owner);
  if (owner == NULL)
    g_assert_cmpint (heartbeat, ==, 0);
  else
    g_assert_cmpint (heartbeat, >, 0);
}

static void
test_leases (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autofree char *path = dup_database_path ();
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = g_get_real_time ();
  gint64 heartbeat = 0, renewed = 0;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Leased", group_id);
  execution_id = create_execution (store, plan_id, DRSO_EXECUTION_STATUS_RUNNING);

  assert_lease (store, execution_id, NULL);
  g_assert_true (drso_store_acquire_lease (store, execution_id, OWNER_A, &error));
  g_assert_no_error (error);
  {
    g_autofree char *holder = drso_store_dup_lease_owner (store, execution_id, &heartbeat);

    g_assert_cmpstr (holder, ==, OWNER_A);
    g_assert_cmpint (heartbeat, >=, before);
    g_assert_cmpint (heartbeat, <=, g_get_real_time ());
  }

  /* Its holder may ask again; another owner may not. */
  g_assert_true (drso_store_acquire_lease (store, execution_id, OWNER_A, &error));
  g_assert_no_error (error);
  g_assert_false (drso_store_acquire_lease (store, execution_id, OWNER_B, &error));
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED, OWNER_A);
  g_assert_nonnull (strstr (error->message, "ago"));
  g_clear_error (&error);
  g_assert_false (drso_store_renew_lease (store, execution_id, OWNER_B, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED);
  g_clear_error (&error);

  /* Renewing moves the heartbeat on. */
  g_usleep (2000);
  g_assert_true (drso_store_renew_lease (store, execution_id, OWNER_A, &error));
  g_assert_no_error (error);
  g_free (drso_store_dup_lease_owner (store, execution_id, &renewed));
  g_assert_cmpint (renewed, >, heartbeat);

  /* Releasing someone else's lease leaves it. */
  g_assert_true (drso_store_release_lease (store, execution_id, OWNER_B, &error));
  g_assert_no_error (error);
  assert_lease (store, execution_id, OWNER_A);

  /* Not seen for just under the timeout: still held. */
  exec_sql (path, "UPDATE execution_leases SET heartbeat = heartbeat - 29000000");
  g_assert_false (drso_store_acquire_lease (store, execution_id, OWNER_B, &error));
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED,
                                "last seen 29 seconds ago");
  g_clear_error (&error);

  /* Not seen for longer than the timeout: taken over. Its old holder finds out
   * when it renews, and its release does nothing. */
  exec_sql (path, "UPDATE execution_leases SET heartbeat = heartbeat - 2000000");
  g_assert_true (drso_store_acquire_lease (store, execution_id, OWNER_B, &error));
  g_assert_no_error (error);
  assert_lease (store, execution_id, OWNER_B);
  g_assert_false (drso_store_renew_lease (store, execution_id, OWNER_A, &error));
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED, OWNER_B);
  g_clear_error (&error);
  g_assert_true (drso_store_release_lease (store, execution_id, OWNER_A, &error));
  assert_lease (store, execution_id, OWNER_B);

  /* A stale lease is not renewed by another owner either. */
  exec_sql (path, "UPDATE execution_leases SET heartbeat = heartbeat - 60000000");
  g_assert_false (drso_store_renew_lease (store, execution_id, OWNER_A, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED);
  g_clear_error (&error);

  /* Released, twice; renewing takes it again. */
  g_assert_true (drso_store_release_lease (store, execution_id, OWNER_B, &error));
  g_assert_true (drso_store_release_lease (store, execution_id, OWNER_B, &error));
  g_assert_no_error (error);
  assert_lease (store, execution_id, NULL);
  g_assert_true (drso_store_renew_lease (store, execution_id, OWNER_B, &error));
  g_assert_no_error (error);
  assert_lease (store, execution_id, OWNER_B);

  /* Unknown executions. */
  g_assert_false (drso_store_acquire_lease (store, "exec-missing", OWNER_A, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (drso_store_renew_lease (store, "exec-missing", OWNER_A, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_lease (store, "exec-missing", NULL);

  /* Leases need no permission. */
  drso_test_set_role (store, DRSO_ROLE_READ_ONLY);
  g_assert_true (drso_store_release_lease (store, execution_id, OWNER_B, &error));
  g_assert_true (drso_store_acquire_lease (store, execution_id, OWNER_A, &error));
  g_assert_true (drso_store_renew_lease (store, execution_id, OWNER_A, &error));
  g_assert_no_error (error);
  drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);

  /* The lease goes with its execution. */
  {
    g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (store, execution_id, &error);

    drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_COMPLETED);
    g_assert_true (drso_store_save_execution (store, execution, &error));
    g_assert_true (drso_store_delete_execution (store, execution_id, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM execution_leases"), ==, 0);
}

typedef struct
{
  DrsoStore  *store;
  const char *execution_id;
  const char *owner;
  gint       *ready;
  gboolean    won;
  GError     *error;
} Racer;

static gpointer
race_cb (gpointer data)
{
  Racer *racer = data;

  /* Start together. */
  g_atomic_int_inc (racer->ready);
  while (g_atomic_int_get (racer->ready) < 2)
    ;
  racer->won = drso_store_acquire_lease (racer->store, racer->execution_id, racer->owner,
                                         &racer->error);
  return NULL;
}

static void
test_leases_race (void)
{
  g_autoptr(DrsoStore) first = drso_test_open_store ();
  g_autoptr(DrsoStore) second = drso_test_open_store ();
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  guint wins_a = 0, wins_b = 0;

  add_account (first, ACCOUNT_A, "Production");
  group_id = create_tag_group (first, "Web");
  plan_id = drso_test_create_plan (first, "Raced", group_id);

  for (guint round = 0; round < 20; round++)
    {
      g_autofree char *execution_id = create_execution (first, plan_id,
                                                        DRSO_EXECUTION_STATUS_PENDING);
      gint ready = 0;
      Racer a = { first, execution_id, OWNER_A, &ready, FALSE, NULL };
      Racer b = { second, execution_id, OWNER_B, &ready, FALSE, NULL };
      GThread *ta = g_thread_new ("racer-a", race_cb, &a);
      GThread *tb = g_thread_new ("racer-b", race_cb, &b);
      g_autofree char *holder = NULL;

      g_thread_join (ta);
      g_thread_join (tb);

      /* Exactly one wins; the other is told who did. */
      g_assert_cmpint (a.won + b.won, ==, 1);
      if (a.won)
        {
          wins_a++;
          g_assert_no_error (a.error);
          drso_test_assert_error_names (b.error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED,
                                        OWNER_A);
        }
      else
        {
          wins_b++;
          g_assert_no_error (b.error);
          drso_test_assert_error_names (a.error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED,
                                        OWNER_B);
        }
      g_clear_error (&a.error);
      g_clear_error (&b.error);

      /* Both stores see the same holder. */
      holder = drso_store_dup_lease_owner (second, execution_id, NULL);
      g_assert_cmpstr (holder, ==, a.won ? OWNER_A : OWNER_B);
      g_free (g_steal_pointer (&holder));
      holder = drso_store_dup_lease_owner (first, execution_id, NULL);
      g_assert_cmpstr (holder, ==, a.won ? OWNER_A : OWNER_B);
    }
  g_test_message ("first store won %u rounds, second %u", wins_a, wins_b);
}

static void
test_list_unfinished_executions (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  static const struct {
    DrsoExecutionStatus status;
    gint64              start;
    const char         *id;
  } rows[] = {
    { DRSO_EXECUTION_STATUS_RUNNING, 1700000300, "exec-running" },
    { DRSO_EXECUTION_STATUS_COMPLETED, 1700000100, "exec-completed" },
    { DRSO_EXECUTION_STATUS_PAUSED, 1700000200, "exec-paused" },
    { DRSO_EXECUTION_STATUS_PENDING, 1700000400, "exec-pending" },
    { DRSO_EXECUTION_STATUS_FAILED, 1700000050, "exec-failed" },
    { DRSO_EXECUTION_STATUS_CANCELLED, 1700000060, "exec-cancelled" },
  };

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_tag_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Adopted", group_id);

  unfinished = drso_store_list_unfinished_executions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfinished->len, ==, 0);
  g_clear_pointer (&unfinished, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(DrsoExecution) execution = new_engine_execution (plan_id);
      g_autoptr(JsonNode) node = NULL;

      /* The id is the store's to give: set it through the JSON form. */
      node = drso_execution_to_json (execution);
      json_object_set_string_member (json_node_get_object (node), "executionId", rows[i].id);
      g_clear_object (&execution);
      execution = drso_execution_new_from_json (node, &error);
      g_assert_no_error (error);
      drso_execution_set_status (execution, rows[i].status);
      drso_execution_set_start_time (execution, rows[i].start);
      g_assert_true (drso_store_create_execution (store, execution, &error));
      g_assert_no_error (error);
    }

  unfinished = drso_store_list_unfinished_executions (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unfinished->len, ==, 3);
  g_assert_cmpstr (drso_execution_get_execution_id (g_ptr_array_index (unfinished, 0)), ==,
                   "exec-paused");
  g_assert_cmpstr (drso_execution_get_execution_id (g_ptr_array_index (unfinished, 1)), ==,
                   "exec-running");
  g_assert_cmpstr (drso_execution_get_execution_id (g_ptr_array_index (unfinished, 2)), ==,
                   "exec-pending");

  /* Whole executions, with their runs and the engine's members. */
  {
    DrsoExecution *paused = g_ptr_array_index (unfinished, 0);
    DrsoWaveRun *wave = drso_execution_get_wave_run (paused, 1);

    g_assert_nonnull (wave);
    g_assert_cmpuint (g_list_model_get_n_items (drso_wave_run_get_servers (wave)), ==, 2);
    g_assert_nonnull (drso_execution_get_initiated_by_arn (paused));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/creates", test_open_creates);
  g_test_add_func ("/store/open/tightens-modes", test_open_tightens_modes);
  g_test_add_func ("/store/open/foreign-keys-enforced", test_open_foreign_keys_enforced);
  g_test_add_func ("/store/open/explicit-path", test_explicit_path);
  g_test_add_func ("/store/open/corrupt", test_corrupt_file);
  g_test_add_func ("/store/open/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store/open/read-only-data-home", test_read_only_data_home);
  g_test_add_func ("/store/open/read-only-file", test_read_only_file);
  g_test_add_func ("/store/open/not-a-folder", test_not_a_folder);
  g_test_add_func ("/store/schema/migrate-from-0", test_migrate_from_zero);
  g_test_add_func ("/store/schema/migrate-empty-file", test_migrate_from_empty_file);
  g_test_add_data_func ("/store/schema/newer-refused/wal", "wal", test_newer_schema_refused);
  g_test_add_data_func ("/store/schema/newer-refused/rollback-journal", "delete",
                        test_newer_schema_refused);
  g_test_add_func ("/store/accounts/crud", test_accounts_crud);
  g_test_add_func ("/store/accounts/invalid", test_accounts_invalid);
  g_test_add_func ("/store/accounts/in-use", test_accounts_in_use);
  g_test_add_func ("/store/servers/replace", test_servers_replace);
  g_test_add_func ("/store/servers/errors", test_servers_errors);
  g_test_add_func ("/store/servers/bulk-rollback", test_servers_bulk_rollback);
  g_test_add_func ("/store/groups/crud", test_groups_crud);
  g_test_add_func ("/store/groups/in-use", test_groups_in_use);
  g_test_add_func ("/store/plans/crud", test_plans_crud);
  g_test_add_func ("/store/plans/invalid", test_plans_invalid);
  g_test_add_func ("/store/plans/update-keeps-last-execution",
                   test_plans_update_keeps_last_execution);
  g_test_add_func ("/store/executions/crud", test_executions_crud);
  g_test_add_func ("/store/executions/not-found", test_executions_not_found);
  g_test_add_func ("/store/events", test_events);
  g_test_add_func ("/store/conflicts/duplicate-names", test_conflict_duplicate_names);
  g_test_add_func ("/store/conflicts/server-in-other-group", test_conflict_server_in_other_group);
  g_test_add_func ("/store/conflicts/tags", test_conflict_tags);
  g_test_add_func ("/store/conflicts/missing-group", test_conflict_missing_group);
  g_test_add_func ("/store/conflicts/account-not-accessible", test_conflict_account_not_accessible);
  g_test_add_func ("/store/conflicts/duplicate-id", test_conflict_duplicate_id);
  g_test_add_func ("/store/conflicts/update-unknown", test_update_unknown);
  g_test_add_func ("/store/permissions/matrix", test_permissions_matrix);
  g_test_add_func ("/store/permissions/examples", test_permissions_examples);
  g_test_add_func ("/store/permissions/role-follows-settings", test_role_follows_settings);
  g_test_add_func ("/store/two-stores/refresh", test_two_stores);
  g_test_add_func ("/store/schema/migrate-from-1", test_migrate_from_v1);
  g_test_add_func ("/store/plans/server-settings", test_plans_server_settings);
  g_test_add_func ("/store/executions/engine-fields", test_executions_engine_fields);
  g_test_add_func ("/store/leases/acquire-renew-release", test_leases);
  g_test_add_func ("/store/leases/race", test_leases_race);
  g_test_add_func ("/store/executions/unfinished", test_list_unfinished_executions);

  return g_test_run ();
}
