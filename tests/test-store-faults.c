/* test-store-faults.c
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

/* The store when its disk fails it: a full disk (a small tmpfs mounted on
 * the data folder in a mount namespace of the test's own), a read-only
 * one, a damaged or foreign database file, and the backup taken before each
 * upgrade of the schema. Every refused write must say what is wrong and
 * where, change nothing, and leave the store usable once the fault is gone.
 *
 * The tmpfs needs a mount namespace: root (or an unprivileged user
 * namespace) gives one; without, those cases are skipped and
 * /store-faults/full/page-limit still checks the rollback of a full
 * database. */

#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#ifdef __linux__
#include <sched.h>
#include <sys/mount.h>
#endif

#include "drso.h"
#include "drso-drs.h"
#include "drso-engine.h"
#include "drso-error.h"
#include "drso-store-private.h"
#include "drso-test-util.h"

#define ACCOUNT_A "111111111111"
#define EAST "us-east-1"
#define TIME_SCALE 1500.0

/* Why a tmpfs cannot be mounted here, or NULL. */
static char *mount_problem;

/* Files and a second connection */

static sqlite3 *
open_connection (const char *path,
                 int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%.200s… failed: %s", sql, message);
  sqlite3_close (db);
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = open_connection (path, SQLITE_OPEN_READWRITE);
  sqlite3_stmt *stmt = NULL;
  char *result;

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

static void
assert_integrity (const char *path)
{
  g_autofree char *result = query_text (path, "PRAGMA integrity_check");

  g_assert_cmpstr (result, ==, "ok");
}

/* Every table of a database file, rows ordered by all their columns, and
 * its schema version: equal dumps mean equal data. */
static char *
dump_file (const char *path)
{
  sqlite3 *db = open_connection (path, SQLITE_OPEN_READONLY);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                           "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append_printf (out, "user_version %d\n", sqlite3_column_int (stmt, 0));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *probe = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GString) sql = g_string_new (probe);
      int n_columns;

      g_assert_cmpint (sqlite3_prepare_v2 (db, probe, -1, &stmt, NULL), ==, SQLITE_OK);
      n_columns = sqlite3_column_count (stmt);
      sqlite3_finalize (stmt);
      for (int c = 1; c <= n_columns; c++)
        g_string_append_printf (sql, "%s%d", c == 1 ? " ORDER BY " : ", ", c);

      g_string_append_printf (out, "table %s\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < n_columns; c++)
            g_string_append_printf (out, "%s%s", c ? "|" : "",
                                    sqlite3_column_type (stmt, c) == SQLITE_NULL ? "∅" :
                                    (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_bytes (const char *path,
              GBytes     *expected)
{
  g_autoptr(GBytes) now = read_bytes (path);

  g_assert_true (g_bytes_equal (now, expected));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
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
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
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

/* The disk: a tmpfs on the data home */

#ifdef __linux__
static gboolean
write_proc_file (const char *path,
                 const char *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, text, strlen (text)) == (ssize_t) strlen (text);
  close (fd);
  return ok;
}
#endif

/* Called once, first thing, while the process has one thread: a mount
 * namespace of its own, whose mounts nobody else sees and which the kernel
 * takes down with the process. An unprivileged user gets one inside a user
 * namespace of its own, mapped to itself. */
static void
enter_mount_namespace (void)
{
#ifdef __linux__
  if (geteuid () == 0)
    {
      if (unshare (CLONE_NEWNS) != 0)
        {
          mount_problem = g_strdup_printf ("unshare (CLONE_NEWNS): %s", g_strerror (errno));
          return;
        }
    }
  else
    {
      uid_t uid = geteuid ();
      gid_t gid = getegid ();
      g_autofree char *uid_map = g_strdup_printf ("%u %u 1", (guint) uid, (guint) uid);
      g_autofree char *gid_map = g_strdup_printf ("%u %u 1", (guint) gid, (guint) gid);

      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        {
          mount_problem = g_strdup_printf ("unshare (CLONE_NEWUSER | CLONE_NEWNS): %s",
                                           g_strerror (errno));
          return;
        }
      if (!write_proc_file ("/proc/self/setgroups", "deny") ||
          !write_proc_file ("/proc/self/uid_map", uid_map) ||
          !write_proc_file ("/proc/self/gid_map", gid_map))
        {
          mount_problem = g_strdup ("the user namespace could not be mapped");
          return;
        }
    }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    mount_problem = g_strdup_printf ("making / private: %s", g_strerror (errno));
#else
  mount_problem = g_strdup ("mount namespaces are Linux's");
#endif
}

typedef struct
{
  char     *home;     /* $XDG_DATA_HOME, a tmpfs */
  char     *folder;   /* the data folder in it */
  char     *path;     /* the database */
  char     *filler;   /* the file that fills the disk */
  gboolean  mounted;
} Disk;

/* Mounts a tmpfs of @size bytes on the (per-test) data home; skips the
 * test if that cannot be done here. */
static void
disk_set_up (Disk          *disk,
             gconstpointer  data)
{
  gsize size = GPOINTER_TO_SIZE (data);

  disk->home = g_strdup (g_get_user_data_dir ());
  disk->folder = g_build_filename (disk->home, "drs-orchestrator", NULL);
  disk->path = g_build_filename (disk->folder, "drs-orchestrator.db", NULL);
  disk->filler = g_build_filename (disk->home, "filler", NULL);
  g_assert_cmpint (g_mkdir_with_parents (disk->home, 0700), ==, 0);

  if (mount_problem != NULL)
    {
      g_autofree char *message = g_strdup_printf ("no tmpfs can be mounted here (%s)",
                                                  mount_problem);

      g_test_skip (message);
      return;
    }
#ifdef __linux__
  {
    g_autofree char *options = g_strdup_printf ("size=%" G_GSIZE_FORMAT ",mode=0700", size);

    if (mount ("tmpfs", disk->home, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0)
      {
        g_autofree char *message = g_strdup_printf ("no tmpfs can be mounted here (%s)",
                                                    g_strerror (errno));

        g_test_skip (message);
        return;
      }
    disk->mounted = TRUE;
  }
#endif
  umask (022);
}

static void
disk_tear_down (Disk          *disk,
                gconstpointer  data)
{
#ifdef __linux__
  if (disk->mounted)
    g_assert_cmpint (umount2 (disk->home, MNT_DETACH), ==, 0);
#endif
  g_free (disk->home);
  g_free (disk->folder);
  g_free (disk->path);
  g_free (disk->filler);
}

static guint64
disk_available (Disk *disk)
{
  struct statvfs buf;

  g_assert_cmpint (statvfs (disk->home, &buf), ==, 0);
  return (guint64) buf.f_bavail * buf.f_frsize;
}

/* Fills the disk up to its last byte with the filler file, then gives
 * @leave bytes back. */
static void
disk_fill (Disk  *disk,
           gsize  leave)
{
  static char block[64 * 1024];
  int fd = g_open (disk->filler, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  off_t size;

  g_assert_cmpint (fd, >=, 0);
  memset (block, 'x', sizeof block);
  for (;;)
    {
      ssize_t n = write (fd, block, sizeof block);

      if (n < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
    }
  g_assert_cmpuint (disk_available (disk), ==, 0);
  size = lseek (fd, 0, SEEK_END);
  g_assert_cmpint (size, >, (off_t) leave);
  if (leave > 0)
    g_assert_cmpint (ftruncate (fd, size - (off_t) leave), ==, 0);
  close (fd);
}

static void
disk_free (Disk *disk)
{
  g_unlink (disk->filler);
}

/* Makes the disk full (but for @leave bytes) so that the store's next
 * write needs room it does not have: its write-ahead log, which a write
 * could otherwise reuse, is emptied first. */
static void
disk_fill_for (Disk      *disk,
               DrsoStore *store,
               gsize      leave)
{
  g_autofree char *wal = g_strconcat (drso_store_get_path (store), "-wal", NULL);
  int log_frames = -1, checkpointed = -1;
  GStatBuf buf;

  disk_free (disk);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (store->db, "main", SQLITE_CHECKPOINT_TRUNCATE,
                                              &log_frames, &checkpointed), ==, SQLITE_OK);
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, ==, 0);
  disk_fill (disk, leave);
}

/* A full disk: the error says so and names the data folder. */
static void
assert_full (const GError *error,
             Disk         *disk)
{
  g_assert_nonnull (error);
  g_test_message ("full disk: %s", error->message);
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_FULL, disk->folder);
  g_assert_nonnull (strstr (error->message, "full"));
}

/* The store and its objects */

static void
add_account (DrsoStore  *store,
             const char *account_id,
             const char *name)
{
  const char * const regions[] = { EAST, NULL };
  g_autoptr(DrsoAccount) account = drso_account_new (account_id, name);
  g_autoptr(GError) error = NULL;

  drso_account_set_regions (account, regions);
  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);
}

/* The servers numbered @first to @first + @count - 1 of account A in the
 * east, each with tags long enough to take about a kilobyte. */
static GPtrArray *
new_servers (guint first,
             guint count)
{
  GPtrArray *servers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *id = g_strdup_printf ("s-%017x", i);
      g_autofree char *hostname = g_strdup_printf ("host-%05u.example.internal", i);
      DrsoSourceServer *server = drso_source_server_new (id, ACCOUNT_A, EAST);

      drso_source_server_set_hostname (server, hostname);
      drso_source_server_set_tag (server, "Env", i % 2 ? "production" : "staging");
      drso_source_server_set_tag (server, "Owner", "platform-team-with-a-long-name");
      drso_source_server_set_tag (server, "CostCenter", "cc-0000-0000-0000-0000");
      for (guint t = 0; t < 4; t++)
        {
          g_autofree char *key = g_strdup_printf ("Note%u", t);
          g_autofree char *value = g_strdup_printf ("%0200u", i * 4 + t);

          drso_source_server_set_tag (server, key, value);
        }
      g_ptr_array_add (servers, server);
    }
  return servers;
}

static gboolean
replace_servers (DrsoStore  *store,
                 guint       first,
                 guint       count,
                 GError    **error)
{
  g_autoptr(GPtrArray) servers = new_servers (first, count);

  return drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, error);
}

static char *
create_group (DrsoStore  *store,
              const char *name)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, ACCOUNT_A, EAST);
  g_autoptr(GError) error = NULL;

  drso_protection_group_set_tag (group, "Group", name);
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

/* Runs @call, which must fail on the full disk, and checks that it changed
 * nothing: what another connection reads, the store's live lists (@model
 * when not NULL) and the file's integrity. */
#define assert_full_unchanged(disk, store, model, call)                          \
  G_STMT_START {                                                                 \
    g_autofree char *before__ = drso_test_dump_store (store);                    \
    g_autofree char *after__ = NULL;                                             \
    guint n_items__ = (model) ? g_list_model_get_n_items (model) : 0;            \
    g_autoptr(GError) error = NULL;                                              \
    g_assert_false (call);                                                       \
    assert_full (error, disk);                                                   \
    after__ = drso_test_dump_store (store);                                      \
    g_assert_cmpstr (after__, ==, before__);                                     \
    if (model)                                                                   \
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_items__);        \
    assert_integrity (drso_store_get_path (store));                              \
  } G_STMT_END

/* A full disk */

static void
test_full_first_open (Disk          *disk,
                      gconstpointer  data)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoAccount) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  if (!disk->mounted)
    return;

  disk_fill (disk, 0);
  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  assert_full (error, disk);
  listing = list_folder (disk->folder);
  g_test_message ("left in the data folder: %s", listing);
  g_clear_error (&error);

  /* The same again: nothing half made stands in the way. */
  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  assert_full (error, disk);
  g_clear_error (&error);

  /* Room again: a whole new store, with the Sandbox's account. */
  disk_free (disk);
  store = drso_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (query_int (disk->path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);
  sandbox = drso_store_lookup_account (store, DRSO_SANDBOX_ACCOUNT_ID, &error);
  g_assert_no_error (error);
  g_assert_true (drso_account_get_simulated (sandbox));
  assert_integrity (disk->path);
}

/* Discovery replaces an account's servers in one transaction: on a full
 * disk, not one of them changes. */
static void
test_full_discovery (Disk          *disk,
                     gconstpointer  data)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoSourceServer) kept = NULL;
  g_autoptr(DrsoSourceServer) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  GListModel *servers;

  if (!disk->mounted)
    return;

  store = drso_test_open_store ();
  add_account (store, ACCOUNT_A, "Production");
  g_assert_true (replace_servers (store, 1, 100, &error));
  g_assert_no_error (error);
  group_id = create_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  servers = drso_store_get_source_servers (store);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 100);
  before = drso_test_dump_store (store);

  /* Some room, far less than 400 servers take: the write fails part of
   * the way through. */
  disk_fill_for (disk, store, 64 * 1024);
  assert_full_unchanged (disk, store, servers, replace_servers (store, 1, 400, &error));
  kept = drso_store_lookup_source_server (store, "s-00000000000000001", &error);
  g_assert_no_error (error);
  missing = drso_store_lookup_source_server (store, "s-00000000000000190", &error);
  g_assert_null (missing);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* And again, the disk still full. */
  assert_full_unchanged (disk, store, servers, replace_servers (store, 1, 400, &error));
  g_assert_true (drso_store_refresh (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 100);

  /* Closed while the disk is full, opened again once there is room: all
   * there, as it was. */
  g_clear_object (&store);
  disk_free (disk);
  store = drso_test_open_store ();
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  assert_integrity (disk->path);

  /* Discovery works again. */
  g_assert_true (replace_servers (store, 1, 400, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_source_servers (store)), ==, 400);
  g_clear_object (&store);
  g_assert_cmpint (query_int (disk->path, "SELECT count(*) FROM source_servers"), ==, 400);
  g_assert_cmpint (query_int (disk->path, "SELECT server_count FROM discoveries"), ==, 400);
  assert_integrity (disk->path);
}

/* Plans, groups, accounts, an import and an execution: each refused whole. */
static void
test_full_plans (Disk          *disk,
                 gconstpointer  data)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoRecoveryPlan) second = NULL;
  g_autoptr(DrsoRecoveryPlan) changed = NULL;
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  GListModel *plans;
  guint n_changed = 0;

  if (!disk->mounted)
    return;

  store = drso_test_open_store ();
  add_account (store, ACCOUNT_A, "Production");
  g_assert_true (replace_servers (store, 1, 20, &error));
  g_assert_no_error (error);
  group_id = create_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  plans = drso_store_get_recovery_plans (store);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);

  /* A bundle of a new group and a new plan. */
  {
    g_autoptr(DrsoProtectionGroup) imported_group = drso_protection_group_new ("Imported",
                                                                               ACCOUNT_A, EAST);
    g_autoptr(DrsoRecoveryPlan) imported_plan = NULL;

    drso_protection_group_set_tag (imported_group, "Tier", "imported");
    drso_document_ensure_id (DRSO_DOCUMENT (imported_group));
    imported_plan = drso_test_new_plan ("Imported plan",
                                        drso_protection_group_get_group_id (imported_group));
    drso_document_ensure_id (DRSO_DOCUMENT (imported_plan));
    bundle = drso_bundle_new ();
    drso_bundle_add_protection_group (bundle, imported_group);
    drso_bundle_add_recovery_plan (bundle, imported_plan);
  }

  disk_fill_for (disk, store, 0);
  second = drso_test_new_plan ("Second", group_id);
  assert_full_unchanged (disk, store, plans,
                         drso_store_create_recovery_plan (store, second, &error));

  disk_fill_for (disk, store, 0);
  changed = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_no_error (error);
  drso_recovery_plan_set_description (changed, "Changed on a full disk");
  assert_full_unchanged (disk, store, plans,
                         drso_store_update_recovery_plan (store, changed, &error));

  disk_fill_for (disk, store, 0);
  assert_full_unchanged (disk, store, plans,
                         drso_store_delete_recovery_plan (store, plan_id, &error));

  disk_fill_for (disk, store, 0);
  group = drso_protection_group_new ("Database", ACCOUNT_A, EAST);
  drso_protection_group_set_tag (group, "Tier", "db");
  assert_full_unchanged (disk, store, drso_store_get_protection_groups (store),
                         drso_store_create_protection_group (store, group, &error));

  disk_fill_for (disk, store, 0);
  account = drso_account_new ("222222222222", "Staging");
  assert_full_unchanged (disk, store, drso_store_get_accounts (store),
                         drso_store_add_account (store, account, &error));

  disk_fill_for (disk, store, 0);
  assert_full_unchanged (disk, store, plans,
                         drso_store_import_bundle (store, bundle, &n_changed, &error));

  disk_fill_for (disk, store, 0);
  execution = drso_execution_new (plan_id, "Nightly", DRSO_EXECUTION_TYPE_DRILL);
  assert_full_unchanged (disk, store, drso_store_get_executions (store),
                         drso_store_create_execution (store, execution, &error));

  /* The plan the refused calls would have changed is as it was. */
  g_clear_object (&changed);
  changed = drso_store_lookup_recovery_plan (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_description (changed), ==, "");

  /* Room again: the same calls work. */
  disk_free (disk);
  g_assert_true (drso_store_create_recovery_plan (store, second, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_update_recovery_plan (store, changed, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_import_bundle (store, bundle, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 3);
  g_clear_object (&store);
  g_assert_cmpint (query_int (disk->path, "SELECT count(*) FROM recovery_plans"), ==, 3);
  g_assert_cmpint (query_int (disk->path, "SELECT count(*) FROM protection_groups"), ==, 3);
  assert_integrity (disk->path);
}

static DrsoExecutionEvent *
new_event (const char *execution_id,
           const char *message)
{
  return drso_execution_event_new (execution_id, DRSO_EVENT_KIND_INFO, message);
}

/* An execution's log: an event is stored with the change it tells of, or
 * neither is. */
static void
test_full_events (Disk          *disk,
                  gconstpointer  data)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoExecution) stored = NULL;
  g_autoptr(DrsoExecutionEvent) note = NULL;
  g_autoptr(GPtrArray) told = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  const char *id;

  if (!disk->mounted)
    return;

  store = drso_test_open_store ();
  add_account (store, ACCOUNT_A, "Production");
  group_id = create_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  execution = drso_execution_new (plan_id, "Nightly", DRSO_EXECUTION_TYPE_DRILL);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_RUNNING);
  g_assert_true (drso_store_create_execution (store, execution, &error));
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (execution);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *message = g_strdup_printf ("Before the disk filled up, %u", i);
      g_autoptr(DrsoExecutionEvent) event = new_event (id, message);

      g_assert_true (drso_store_append_event (store, event, &error));
      g_assert_no_error (error);
    }

  disk_fill_for (disk, store, 0);
  note = new_event (id, "A note on a full disk");
  assert_full_unchanged (disk, store, NULL, drso_store_append_event (store, note, &error));

  disk_fill_for (disk, store, 0);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_COMPLETED);
  drso_execution_set_end_time (execution, drso_execution_get_start_time (execution) + 60);
  g_ptr_array_add (told, new_event (id, "Finished, told with its change"));
  g_ptr_array_add (told, new_event (id, "And a second event of the same change"));
  assert_full_unchanged (disk, store, drso_store_get_executions (store),
                         drso_store_save_execution_with_events (store, execution, told, &error));

  stored = drso_store_lookup_execution (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_status (stored), ==, DRSO_EXECUTION_STATUS_RUNNING);
  events = drso_store_list_events (store, id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Room again: the change and its events together, and the note. */
  disk_free (disk);
  g_assert_true (drso_store_save_execution_with_events (store, execution, told, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_append_event (store, note, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = drso_test_open_store ();
  g_clear_object (&stored);
  stored = drso_store_lookup_execution (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_status (stored), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  events = drso_store_list_events (store, id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 6);
  g_assert_cmpstr (drso_execution_event_get_message (g_ptr_array_index (events, 3)), ==,
                   "Finished, told with its change");
  g_assert_cmpstr (drso_execution_event_get_message (g_ptr_array_index (events, 5)), ==,
                   "A note on a full disk");
  assert_integrity (disk->path);
}

/* The engine on a full disk */

typedef struct
{
  GPtrArray *signals;    /* "name:args" */
  GPtrArray *warnings;   /* the engine's warnings, which the test expects */
} EngineSeen;

/* The engine warns when the store refuses a write: those warnings are
 * recorded (and not fatal); anything else stays fatal. */
static gboolean
engine_fatal_cb (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "drso-engine") == 0 && (log_level & G_LOG_LEVEL_WARNING) != 0);
}

static void
engine_log_cb (const char     *log_domain,
               GLogLevelFlags  log_level,
               const char     *message,
               gpointer        user_data)
{
  EngineSeen *seen = user_data;

  g_test_message ("engine warned: %s", message);
  g_ptr_array_add (seen->warnings, g_strdup (message));
}

static void
wave_started_cb (DrsoEngine *engine, const char *id, guint wave, EngineSeen *seen)
{
  g_ptr_array_add (seen->signals, g_strdup_printf ("wave-started:%u", wave));
}

static void
finished_cb (DrsoEngine *engine, const char *id, DrsoExecutionStatus status, EngineSeen *seen)
{
  g_ptr_array_add (seen->signals,
                   g_strdup_printf ("finished:%s", drso_execution_status_to_string (status)));
}

static gboolean
has_signal (EngineSeen *seen,
            const char *signal)
{
  return g_ptr_array_find_with_equal_func (seen->signals, signal, g_str_equal, NULL);
}

/* How many times the Sandbox launched each server for the execution @id
 * (server id → count), and how many jobs it made. */
static guint
count_launches (DrsoAwsClient *client,
                DrsoSandbox   *sandbox,
                const char    *id,
                GHashTable    *launches)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (DRSO_SANDBOX_ACCESS_KEY_ID,
                                                                  DRSO_SANDBOX_SECRET_ACCESS_KEY,
                                                                  NULL, 0);
  g_autoptr(DrsoAwsContext) context = drso_aws_context_new (client, DRSO_SANDBOX_ACCOUNT_ID,
                                                            DRSO_SANDBOX_REGION,
                                                            drso_sandbox_get_url (sandbox), creds);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  guint n_jobs = 0;

  drso_drs_describe_jobs_async (context, NULL, NULL, NULL, NULL, drso_test_done_cb, &result);
  jobs = drso_drs_describe_jobs_finish (context, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < jobs->len; i++)
    {
      DrsoDrsJob *job = g_ptr_array_index (jobs, i);
      GListModel *participants = drso_drs_job_get_participating_servers (job);

      if (g_strcmp0 (g_hash_table_lookup (drso_drs_job_get_tags (job), "drso:execution"), id) != 0)
        continue;
      n_jobs++;
      for (guint j = 0; j < g_list_model_get_n_items (participants); j++)
        {
          g_autoptr(DrsoDrsParticipatingServer) p = g_list_model_get_item (participants, j);
          const char *server = drso_drs_participating_server_get_source_server_id (p);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (launches, server));

          g_hash_table_insert (launches, g_strdup (server), GUINT_TO_POINTER (n + 1));
        }
    }
  return n_jobs;
}

static guint
count_events (GPtrArray     *events,
              DrsoEventKind  kind,
              guint          wave_number)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      DrsoExecutionEvent *event = g_ptr_array_index (events, i);

      if (drso_execution_event_get_kind (event) == kind &&
          drso_execution_event_get_wave_number (event) == wave_number)
        n++;
    }
  return n;
}

/* A drill whose disk fills up while its first wave runs: the engine stops
 * driving it (it warns, naming the full disk), the store keeps the last
 * step it saved, and once there is room the engine takes the execution up
 * again where the store says it was and completes it, with no server
 * launched twice and no wave told twice or left untold. */
static void
test_full_engine (Disk          *disk,
                  gconstpointer  data)
{
  g_autoptr(DrsoSandbox) sandbox = NULL;
  g_autoptr(DrsoAwsClient) client = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Full disk drill");
  g_autoptr(DrsoExecution) started = NULL, stalled = NULL, done = NULL;
  g_autoptr(GHashTable) launches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *lease_owner = NULL;
  EngineSeen seen = { g_ptr_array_new_with_free_func (g_free),
                      g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(DrsoProtectionGroup) group = NULL;
  GListModel *servers;
  GListModel *waves;
  guint n_healthy = 0, n_servers = 0;
  gint64 guard;
  guint log_handler;
  gboolean told_full = FALSE;

  if (!disk->mounted)
    {
      g_ptr_array_unref (seen.signals);
      g_ptr_array_unref (seen.warnings);
      return;
    }

  sandbox = drso_test_sandbox_start (TIME_SCALE, 11, 0);
  client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (client, 0.001);
  drso_aws_client_set_sandbox_url (client, drso_sandbox_get_url (sandbox));
  store = drso_test_open_store ();
  drso_test_add_sandbox_accounts (store, sandbox);
  drso_test_discover (store, client, DRSO_SANDBOX_ACCOUNT_ID);

  /* Two waves of two servers that replicate without lag. */
  servers = drso_store_get_source_servers (store);
  for (guint i = 0; i < g_list_model_get_n_items (servers) && n_healthy < 4; i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) != 0 ||
          g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") != 0 ||
          drso_source_server_get_lag_seconds (server) > 60)
        continue;
      if (n_healthy % 2 == 0)
        {
          g_autofree char *name = g_strdup_printf ("Group %u", n_healthy / 2 + 1);

          group = drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
        }
      drso_protection_group_add_server_id (group,
                                           drso_source_server_get_source_server_id (server));
      if (n_healthy % 2 == 1)
        {
          g_autofree char *wave_name = g_strdup_printf ("Wave %u", n_healthy / 2 + 1);
          g_autoptr(DrsoWave) wave = drso_wave_new (wave_name);

          g_assert_true (drso_store_create_protection_group (store, group, &error));
          g_assert_no_error (error);
          drso_wave_add_protection_group_id (wave, drso_protection_group_get_group_id (group));
          drso_recovery_plan_append_wave (plan, wave);
          g_clear_object (&group);
        }
      n_healthy++;
    }
  g_assert_cmpuint (n_healthy, ==, 4);
  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);

  engine = drso_engine_new (store, client);
  g_object_set (engine, "poll-min-interval", 0.02, "poll-max-interval", 0.2, NULL);
  g_signal_connect (engine, "wave-started", G_CALLBACK (wave_started_cb), &seen);
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), &seen);
  g_test_log_set_fatal_handler (engine_fatal_cb, NULL);
  log_handler = g_log_set_handler ("drso-engine", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL,
                                   engine_log_cb, &seen);

  drso_engine_start_execution_async (engine, drso_recovery_plan_get_plan_id (plan),
                                     DRSO_EXECUTION_TYPE_DRILL, NULL, drso_test_done_cb, &result);
  started = drso_engine_start_execution_finish (engine, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  id = g_strdup (drso_execution_get_execution_id (started));

  /* The first wave under way; the disk fills up. The engine runs on this
   * thread's main loop: it does nothing until the loop turns again. */
  guard = g_get_monotonic_time () + 100 * G_USEC_PER_SEC;
  while (!has_signal (&seen, "wave-started:1"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
  disk_fill_for (disk, store, 0);

  while (drso_engine_is_driving (engine, id))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (has_signal (&seen, "finished:COMPLETED"));
  g_assert_cmpuint (seen.warnings->len, >, 0);
  for (guint i = 0; i < seen.warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (seen.warnings, i);

      if (strstr (warning, "Stopped driving") != NULL && strstr (warning, disk->folder) != NULL &&
          strstr (warning, "full") != NULL)
        told_full = TRUE;
    }
  g_assert_true (told_full);

  /* What the store holds is whole: an unfinished execution at its last
   * saved step. */
  assert_integrity (disk->path);
  stalled = drso_store_lookup_execution (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_status (stalled), ==, DRSO_EXECUTION_STATUS_RUNNING);
  g_assert_cmpuint (drso_execution_get_current_wave (stalled), ==, 1);

  /* Room again: the same engine takes it up (its lease, left behind when
   * the release could not be written, is its own) and completes it. */
  disk_free (disk);
  lease_owner = drso_store_dup_lease_owner (store, id, NULL);
  g_test_message ("lease after the stop: %s", lease_owner ? lease_owner : "(released)");
  g_assert_true (lease_owner == NULL ||
                 g_str_equal (lease_owner, drso_engine_get_owner (engine)));
  g_assert_cmpuint (drso_engine_adopt (engine, &error), ==, 1);
  g_assert_no_error (error);
  while (!has_signal (&seen, "finished:COMPLETED"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }

  done = drso_store_lookup_execution (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  waves = drso_execution_get_wave_runs (done);
  g_assert_cmpuint (g_list_model_get_n_items (waves), ==, 2);
  g_assert_cmpuint (count_launches (client, sandbox, id, launches), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      GListModel *wave_servers = drso_wave_run_get_servers (wave);

      g_assert_cmpint (drso_wave_run_get_status (wave), ==, DRSO_WAVE_STATUS_COMPLETED);
      for (guint j = 0; j < g_list_model_get_n_items (wave_servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (wave_servers, j);

          g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_LAUNCHED);
          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (
                              launches, drso_server_run_get_server_id (server))), ==, 1);
          n_servers++;
        }
    }
  g_assert_cmpuint (n_servers, ==, 4);
  g_assert_cmpuint (g_hash_table_size (launches), ==, 4);

  /* Each wave's start and end told once, the end of the run once. */
  events = drso_store_list_events (store, id, 0, &error);
  g_assert_no_error (error);
  for (guint wave = 1; wave <= 2; wave++)
    {
      g_assert_cmpuint (count_events (events, DRSO_EVENT_KIND_WAVE_STARTED, wave), ==, 1);
      g_assert_cmpuint (count_events (events, DRSO_EVENT_KIND_WAVE_COMPLETED, wave), ==, 1);
    }
  g_assert_cmpuint (count_events (events, DRSO_EVENT_KIND_EXECUTION_FINISHED, 0), ==, 1);
  assert_integrity (disk->path);

  g_log_remove_handler ("drso-engine", log_handler);
  g_test_log_set_fatal_handler (NULL, NULL);
  g_clear_object (&engine);
  g_ptr_array_unref (seen.signals);
  g_ptr_array_unref (seen.warnings);
}

/* A database full by its own limit rather than its disk's: the same
 * rollback, where no tmpfs can be mounted. */
static void
test_full_page_limit (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *pragma = NULL;
  sqlite3_stmt *stmt = NULL;
  int page_count;

  add_account (store, ACCOUNT_A, "Production");
  g_assert_true (replace_servers (store, 1, 100, &error));
  g_assert_no_error (error);
  before = drso_test_dump_store (store);

  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "PRAGMA page_count", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  pragma = g_strdup_printf ("PRAGMA max_page_count = %d", page_count);
  g_assert_cmpint (sqlite3_exec (store->db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (replace_servers (store, 1, 300, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, drso_store_get_path (store)));
  g_clear_error (&error);
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_source_servers (store)), ==, 100);
  assert_integrity (drso_store_get_path (store));

  g_assert_cmpint (sqlite3_exec (store->db, "PRAGMA max_page_count = 1073741823", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  g_assert_true (replace_servers (store, 1, 300, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_source_servers (store)), ==, 300);
}

/* Old schemas and their backups */

/* A database of schema @version, built with the SQL that version ran, with
 * rows in its tables and @n_events events. */
static void
make_old_database (const char *path,
                   guint       version,
                   guint       n_events)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GString) sql = g_string_new (NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint v = 0; v < version; v++)
    g_string_append (sql, _drso_store_get_migration (v));
  g_string_append_printf (sql, "PRAGMA user_version = %u;", version);
  g_string_append (sql,
    "INSERT INTO accounts (account_id, name, name_key, regions, created_date, "
    "  last_modified_date) VALUES ('" ACCOUNT_A "', 'Production', 'production', "
    "  '[\"" EAST "\"]', 1700000000, 1700000000);"
    "INSERT INTO protection_groups (group_id, name, name_key, account_id, region, tag_criteria, "
    "  created_date, last_modified_date) VALUES ('pg-old', 'Web', 'web', '" ACCOUNT_A "', '"
    EAST "', '{\"Tier\":\"web\"}', 1700000000, 1700000000);"
    "INSERT INTO recovery_plans (plan_id, name, name_key, description, created_date, "
    "  last_modified_date) VALUES ('plan-old', 'Old plan', 'old plan', 'Kept', 1700000000, "
    "  1700000000);"
    "INSERT INTO waves (plan_id, wave_number, name, estimated_duration) "
    "  VALUES ('plan-old', 1, 'Wave one', 600);"
    "INSERT INTO wave_groups (plan_id, wave_number, group_id, position) "
    "  VALUES ('plan-old', 1, 'pg-old', 0);"
    "INSERT INTO executions (execution_id, plan_id, plan_name, execution_type, status, "
    "  current_wave, start_time, end_time, initiated_by) VALUES ('exec-old', 'plan-old', "
    "  'Old plan', 'DRILL', 'COMPLETED', 1, 1700000100, 1700000700, 'alice');");
  if (version >= 2)
    g_string_append (sql,
      "INSERT INTO plan_servers (plan_id, server_id, criticality) "
      "  VALUES ('plan-old', 's-00000000000000001', 'OPTIONAL');");
  g_string_append (sql, "BEGIN;");
  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (sql,
      "INSERT INTO execution_events (execution_id, time, kind, message, actor) "
      "  VALUES ('exec-old', %u, 'INFO', 'Event %u of a long history: %0500u', 'alice');",
      1700000100 + i, i, i);
  g_string_append (sql, "COMMIT;");
  exec_sql (path, sql->str);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

/* Every .bak file in @folder, sorted, as one string. */
static char *
list_backups (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".bak") != NULL)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* From each older schema: one backup, taken before the upgrade, named after
 * the schema it holds, 0600 whatever the umask, and whole. */
static void
test_backup_each_schema (void)
{
  umask (022);

  for (guint version = 1; version < DRSO_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "drs-orchestrator",
                                                "drs-orchestrator.db", NULL);
      g_autofree char *folder = g_path_get_dirname (path);
      g_autofree char *backup = g_strdup_printf ("%s.schema-%u.bak", path, version);
      g_autofree char *expected = g_strdup_printf ("drs-orchestrator.db.schema-%u.bak", version);
      g_autofree char *original = NULL;
      g_autofree char *copied = NULL;
      g_autofree char *backups = NULL;
      g_autofree char *journal_mode = NULL;
      g_autoptr(DrsoStore) store = NULL;
      g_autoptr(DrsoRecoveryPlan) plan = NULL;
      g_autoptr(GError) error = NULL;

      drso_test_remove_tree (folder);
      make_old_database (path, version, 50);
      original = dump_file (path);

      store = drso_store_new (NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);

      backups = list_backups (folder);
      g_assert_cmpstr (backups, ==, expected);
      assert_mode (backup, 0600);
      assert_integrity (backup);
      copied = dump_file (backup);
      g_assert_cmpstr (copied, ==, original);
      /* One file that stands alone: no write-ahead log to go with it. */
      journal_mode = query_text (backup, "PRAGMA journal_mode");
      g_assert_cmpstr (journal_mode, ==, "delete");

      /* The upgraded store kept the rows. */
      plan = drso_store_lookup_recovery_plan (store, "plan-old", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==, "Kept");
      g_assert_cmpint (query_int (path, "SELECT count(*) FROM execution_events"), ==, 50);

      /* Opened again: no upgrade, no second backup. */
      g_clear_object (&store);
      store = drso_store_new (NULL, &error);
      g_assert_no_error (error);
      g_free (backups);
      backups = list_backups (folder);
      g_assert_cmpstr (backups, ==, expected);
      g_clear_object (&store);
    }
}

/* A backup already there (of an earlier upgrade the user undid, say) is
 * kept: the new one takes another name. */
static void
test_backup_never_overwritten (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "drs-orchestrator",
                                            "drs-orchestrator.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *earlier = g_strconcat (path, ".schema-1.bak", NULL);
  g_autofree char *copy = g_strconcat (path, ".schema-1.copy-2.bak", NULL);
  g_autofree char *original = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *backups = NULL;
  g_autoptr(GBytes) earlier_bytes = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_old_database (path, 1, 10);
  original = dump_file (path);
  g_file_set_contents (earlier, "an earlier backup", -1, &error);
  g_assert_no_error (error);
  earlier_bytes = read_bytes (earlier);

  store = drso_store_new (NULL, &error);
  g_assert_no_error (error);
  assert_bytes (earlier, earlier_bytes);
  backups = list_backups (folder);
  g_assert_cmpstr (backups, ==, "drs-orchestrator.db.schema-1.bak "
                                "drs-orchestrator.db.schema-1.copy-2.bak");
  assert_mode (copy, 0600);
  copied = dump_file (copy);
  g_assert_cmpstr (copied, ==, original);
}

/* A disk too full for the backup: no upgrade, no half backup left, the
 * database as it was; with room, the upgrade and its backup. */
static void
test_full_backup (Disk          *disk,
                  gconstpointer  data)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *now = NULL;
  g_autofree char *backups = NULL;
  g_autofree char *backup = NULL;

  if (!disk->mounted)
    return;

  /* About 400 KiB of history; room for the write-ahead log, not a copy. */
  make_old_database (disk->path, 1, 700);
  original = dump_file (disk->path);
  g_assert_cmpint (query_int (disk->path, "PRAGMA page_count"), >, 80);
  disk_fill (disk, 96 * 1024);

  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  assert_full (error, disk);
  backups = list_backups (disk->folder);
  g_assert_cmpstr (backups, ==, "");
  g_assert_cmpint (query_int (disk->path, "PRAGMA user_version"), ==, 1);
  now = dump_file (disk->path);
  g_assert_cmpstr (now, ==, original);
  assert_integrity (disk->path);
  g_clear_error (&error);

  disk_free (disk);
  store = drso_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (disk->path, "PRAGMA user_version"), ==, DRSO_STORE_SCHEMA_VERSION);
  g_free (backups);
  backups = list_backups (disk->folder);
  g_assert_cmpstr (backups, ==, "drs-orchestrator.db.schema-1.bak");
  backup = g_strconcat (disk->path, ".schema-1.bak", NULL);
  assert_mode (backup, 0600);
  g_free (now);
  now = dump_file (backup);
  g_assert_cmpstr (now, ==, original);
}

/* A read-only disk: the data folder mounted again read-only over itself. */
static void
test_read_only_mount (Disk          *disk,
                      gconstpointer  data)
{
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;

  if (!disk->mounted)
    return;

  store = drso_test_open_store ();
  add_account (store, ACCOUNT_A, "Production");
  g_clear_object (&store);
  before = read_bytes (disk->path);
  listing_before = list_folder (disk->folder);

#ifdef __linux__
  g_assert_cmpint (mount (disk->folder, disk->folder, NULL, MS_BIND, NULL), ==, 0);
  g_assert_cmpint (mount (NULL, disk->folder, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);
#endif

  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  g_test_message ("read-only disk: %s", error->message);
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY, disk->path);
  g_assert_nonnull (strstr (error->message, g_strerror (EROFS)));
  assert_bytes (disk->path, before);
  listing_after = list_folder (disk->folder);
  g_assert_cmpstr (listing_after, ==, listing_before);

#ifdef __linux__
  g_assert_cmpint (umount2 (disk->folder, 0), ==, 0);
#endif
  store = drso_test_open_store ();
  account = drso_store_lookup_account (store, ACCOUNT_A, NULL);
  g_assert_nonnull (account);
}

/* Damaged and foreign files */

static char *
make_store_file (guint n_servers)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  char *path = g_strdup (drso_store_get_path (store));

  add_account (store, ACCOUNT_A, "Production");
  g_assert_true (replace_servers (store, 1, n_servers, &error));
  g_assert_no_error (error);
  return path;
}

/* Cut short, as a copy interrupted or a disk that failed: refused at once,
 * left as it is. */
static void
test_corrupt_truncated (void)
{
  g_autofree char *path = make_store_file (100);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (truncate (path, buf.st_size / 2), ==, 0);
  before = read_bytes (path);
  listing_before = list_folder (folder);

  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  g_test_message ("truncated: %s", error->message);
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT, path);
  assert_bytes (path, before);
  listing_after = list_folder (folder);
  g_assert_cmpstr (listing_after, ==, listing_before);
}

/* A damaged page in one table: the store opens, reading that table fails
 * with the damage named, and a write to it is refused with nothing changed. */
static void
test_corrupt_page (void)
{
  g_autofree char *path = make_store_file (100);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(DrsoSourceServer) server = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 page_size = query_int (path, "PRAGMA page_size");
  gint64 root = query_int (path, "SELECT rootpage FROM sqlite_schema "
                                 "WHERE name = 'source_servers'");
  char garbage[512];
  int fd;

  g_assert_cmpint (root, >, 1);
  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) ((i * 131 + 7) % 251);
  fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (root - 1) * page_size), ==,
                   sizeof garbage);
  close (fd);
  before = read_bytes (path);

  store = drso_store_new (NULL, &error);
  g_assert_no_error (error);

  server = drso_store_lookup_source_server (store, "s-00000000000000001", &error);
  g_assert_null (server);
  g_test_message ("damaged page: %s", error->message);
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT, path);
  g_clear_error (&error);

  g_assert_false (replace_servers (store, 1, 10, &error));
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT, path);
  g_clear_error (&error);

  /* The live list cannot be filled: it says so, and stays empty. */
  g_test_expect_message ("drso-store", G_LOG_LEVEL_WARNING,
                         "Could not load the source servers: *damaged*");
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_source_servers (store)), ==, 0);
  g_test_assert_expected_messages ();

  /* The other tables still read. */
  account = drso_store_lookup_account (store, ACCOUNT_A, &error);
  g_assert_no_error (error);

  g_clear_object (&store);
  assert_bytes (path, before);
}

/* Another program's SQLite database (user_version 0, tables of its own)
 * is not taken for a new store: refused, untouched. */
static void
test_corrupt_foreign (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "drs-orchestrator",
                                            "drs-orchestrator.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  exec_sql (path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');");
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  before = read_bytes (path);
  listing_before = list_folder (folder);

  store = drso_store_new (NULL, &error);
  g_assert_null (store);
  g_test_message ("foreign: %s", error->message);
  drso_test_assert_error_names (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT, path);
  g_assert_nonnull (strstr (error->message, "not a database"));
  assert_bytes (path, before);
  listing_after = list_folder (folder);
  g_assert_cmpstr (listing_after, ==, listing_before);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything starts a thread. */
  enter_mount_namespace ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define DISK_TEST(name, size, func) \
  g_test_add (name, Disk, GSIZE_TO_POINTER (size), disk_set_up, func, disk_tear_down)

  DISK_TEST ("/store-faults/full/first-open", 1024 * 1024, test_full_first_open);
  DISK_TEST ("/store-faults/full/discovery", 8 * 1024 * 1024, test_full_discovery);
  DISK_TEST ("/store-faults/full/plans", 4 * 1024 * 1024, test_full_plans);
  DISK_TEST ("/store-faults/full/events", 4 * 1024 * 1024, test_full_events);
  DISK_TEST ("/store-faults/full/engine", 16 * 1024 * 1024, test_full_engine);
  DISK_TEST ("/store-faults/full/backup", 4 * 1024 * 1024, test_full_backup);
  g_test_add_func ("/store-faults/full/page-limit", test_full_page_limit);
  DISK_TEST ("/store-faults/read-only/mount", 1024 * 1024, test_read_only_mount);
  g_test_add_func ("/store-faults/backup/each-schema", test_backup_each_schema);
  g_test_add_func ("/store-faults/backup/never-overwritten", test_backup_never_overwritten);
  g_test_add_func ("/store-faults/corrupt/truncated", test_corrupt_truncated);
  g_test_add_func ("/store-faults/corrupt/damaged-page", test_corrupt_page);
  g_test_add_func ("/store-faults/corrupt/foreign-database", test_corrupt_foreign);

  return g_test_run ();
}
