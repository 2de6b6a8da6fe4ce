/* drso-store.c
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

#define G_LOG_DOMAIN "drso-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "drso-error.h"
#include "drso-enums.h"
#include "drso-role-private.h"
#include "drso-store-private.h"

/**
 * DrsoStore:
 *
 * The program's data: accounts, the discovery cache of source servers,
 * protection groups, recovery plans and executions with their events, in one
 * SQLite database (WAL, foreign keys on, schema versioned by
 * `PRAGMA user_version`). Every change is one transaction and checks the
 * permission it needs against the active role. The list models it hands out
 * stay live: they emit #GListModel::items-changed when rows change, and their
 * items are snapshots that are replaced, never edited, so callers copy an item
 * before changing it.
 */

G_DEFINE_FINAL_TYPE (DrsoStore, drso_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drso_store_dispose (GObject *object)
{
  DrsoStore *self = (DrsoStore *) object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->accounts, _drso_live_list_free);
  g_clear_pointer (&self->servers, _drso_live_list_free);
  g_clear_pointer (&self->groups, _drso_live_list_free);
  g_clear_pointer (&self->plans, _drso_live_list_free);
  g_clear_pointer (&self->executions, _drso_live_list_free);

  G_OBJECT_CLASS (drso_store_parent_class)->dispose (object);
}

static void
drso_store_finalize (GObject *object)
{
  DrsoStore *self = (DrsoStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (drso_store_parent_class)->finalize (object);
}

static void
drso_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DrsoStore *self = DRSO_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_store_class_init (DrsoStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drso_store_dispose;
  object_class->finalize = drso_store_finalize;
  object_class->get_property = drso_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * DrsoStore:role:
   *
   * The active role, read from the `role` settings key and followed when it
   * changes.
   */
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, DRSO_TYPE_ROLE, DRSO_ROLE_ADMINISTRATOR,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
drso_store_init (DrsoStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->role = DRSO_ROLE_ADMINISTRATOR;
}

/* Errors */

/* Why the database or its folder cannot be written, in the system's words
 * ("Read-only file system", "Permission denied"), or NULL if both can. */
static const char *
explain_read_only (DrsoStore *self)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (faccessat (AT_FDCWD, dir, W_OK, AT_EACCESS) != 0 && errno != ENOENT)
    return g_strerror (errno);
  if (faccessat (AT_FDCWD, self->path, W_OK, AT_EACCESS) != 0 && errno != ENOENT)
    return g_strerror (errno);
  return NULL;
}

gboolean
_drso_store_set_error (DrsoStore  *self,
                       GError    **error)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *message = sqlite3_errmsg (self->db);
  int primary = code & 0xff;

  /* SQLite tells some failures of a full or read-only disk as I/O errors
   * (growing the shared-memory index, creating the write-ahead log): what
   * the system said tells them apart. */
  if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
    {
      int system_errno = sqlite3_system_errno (self->db);

      if (system_errno == ENOSPC || system_errno == EDQUOT)
        primary = SQLITE_FULL;
      else if (system_errno == EROFS)
        primary = SQLITE_READONLY;
    }

  switch (primary)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT,
                   _("The database %s is damaged or is not a DRS Orchestrator database (%s). "
                     "It was left as it is: move it away to start afresh, or restore a backup"),
                   self->path, message);
      break;
    case SQLITE_FULL:
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_FULL,
                   _("The disk that holds %s is full: free some space and try again. "
                     "Nothing was changed"),
                   self->path);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      {
        const char *why = explain_read_only (self);

        g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY,
                     _("The database %s cannot be written (%s): check the permissions of the "
                       "file and its folder. Nothing was changed"),
                     self->path, why != NULL ? why : message);
      }
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_BUSY,
                   _("Another program kept the database %s busy for too long; try again"),
                   self->path);
      break;
    case SQLITE_IOERR:
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_FAILED,
                   _("The database %s could not be read or written (%s). Nothing was changed"),
                   self->path, message);
      break;
    default:
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_FAILED,
                   _("The database %s failed: %s (%d)"), self->path, message, code);
      break;
    }

  return FALSE;
}

gboolean
_drso_store_not_found (GError     **error,
                       const char  *what,
                       const char  *id)
{
  g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
               /* TRANSLATORS: “There is no protection group “web”” */
               _("There is no %s “%s”"), what, id);
  return FALSE;
}

/* SQL helpers */

sqlite3_stmt *
_drso_store_prepare (DrsoStore   *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_drso_store_exec (DrsoStore   *self,
                  const char  *sql,
                  GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _drso_store_set_error (self, error);
  return TRUE;
}

gboolean
_drso_store_step_done (DrsoStore     *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _drso_store_set_error (self, error);
  return TRUE;
}

gboolean
_drso_store_begin (DrsoStore  *self,
                   GError    **error)
{
  /* IMMEDIATE takes the write lock now, so two processes never deadlock. */
  return _drso_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_drso_store_commit (DrsoStore  *self,
                    GError    **error)
{
  if (!_drso_store_exec (self, "COMMIT", error))
    {
      _drso_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
_drso_store_rollback (DrsoStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

void
_drso_store_bind_text (sqlite3_stmt *stmt,
                       int           index,
                       const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
_drso_store_column_text (sqlite3_stmt *stmt,
                         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
_drso_store_column_dup (sqlite3_stmt *stmt,
                        int           column)
{
  return g_strdup (_drso_store_column_text (stmt, column));
}

const char *
_drso_store_actor (void)
{
  return g_get_user_name ();
}

gint64
_drso_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_drso_store_stamp (DrsoDocument *document,
                   gboolean      created)
{
  gint64 now = _drso_store_now ();

  if (created || drso_document_get_created_date (document) == 0)
    {
      drso_document_set_created_date (document, now);
      drso_document_set_created_by (document, _drso_store_actor ());
    }
  drso_document_set_last_modified_date (document, now);
  drso_document_set_last_modified_by (document, _drso_store_actor ());
}

gboolean
_drso_store_row_exists (DrsoStore   *self,
                        const char  *sql,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt = _drso_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return rc == SQLITE_ROW;
}

/* @sql selects the name of another row with the same name key: parameters
 * are the name key and the id of the row being saved. */
gboolean
_drso_store_check_name (DrsoStore   *self,
                        const char  *sql,
                        const char  *name,
                        const char  *id,
                        const char  *what,
                        GError     **error)
{
  g_autofree char *key = _drso_name_key (name);
  sqlite3_stmt *stmt = _drso_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _drso_store_bind_text (stmt, 1, key);
  _drso_store_bind_text (stmt, 2, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME,
                   /* TRANSLATORS: “A protection group named “Web” already exists: choose
                    * another name” */
                   _("A %s named “%s” already exists: choose another name"), what,
                   _drso_store_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_store_set_error (self, error);
  return TRUE;
}

/* Live lists of documents: by name, then id. */
const char *
_drso_store_document_get_id (gpointer item)
{
  return drso_document_get_id (item);
}

int
_drso_store_compare_documents (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  g_autofree char *ka = _drso_name_key (drso_document_get_name ((DrsoDocument *) a));
  g_autofree char *kb = _drso_name_key (drso_document_get_name ((DrsoDocument *) b));
  int cmp = g_utf8_collate (ka, kb);

  return cmp != 0 ? cmp : g_strcmp0 (drso_document_get_id ((DrsoDocument *) a),
                                     drso_document_get_id ((DrsoDocument *) b));
}

gboolean
_drso_store_documents_equal (gpointer a,
                             gpointer b)
{
  return drso_document_equal (a, b);
}

/* Roles */

static void
role_changed_cb (DrsoStore  *self,
                 const char *key,
                 GSettings  *settings)
{
  DrsoRole role = (DrsoRole) g_settings_get_enum (settings, "role");

  if (role == self->role)
    return;
  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

static void
follow_role_setting (DrsoStore *self)
{
  self->settings = _drso_settings_new ();
  if (self->settings == NULL)
    return;

  self->role = (DrsoRole) g_settings_get_enum (self->settings, "role");
  g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (role_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

gboolean
_drso_store_check (DrsoStore       *self,
                   DrsoPermission   permission,
                   GError         **error)
{
  return drso_role_check (self->role, permission, error);
}

static gint64 read_data_version (DrsoStore *self);

/* Opening */

static gboolean
prepare_folder (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, DRSO_STORE_ERROR,
                   saved_errno == EROFS || saved_errno == EACCES ? DRSO_STORE_ERROR_READ_ONLY :
                   saved_errno == ENOSPC || saved_errno == EDQUOT ? DRSO_STORE_ERROR_FULL
                                                                  : DRSO_STORE_ERROR_OPEN,
                   _("The folder %s could not be created: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* The folder is ours alone: take group and others' rights away if someone
   * gave them, but never add any (a read-only folder stays read-only). */
  if (g_str_has_suffix (dir, "/" PACKAGE_NAME))
    {
      GStatBuf st;

      if (g_stat (dir, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (dir, st.st_mode & 0700);
    }
  return TRUE;
}

static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  int fd;

  /* Create the file 0600 before SQLite does (it would use 0644 less the
   * umask); SQLite gives the -wal and -shm files the same mode. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* A file or folder that cannot be written: said now, before SQLite
       * would make its write-ahead log and index beside a file it could
       * only read. */
      if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
        g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY,
                     _("The database %s cannot be written (%s): check the permissions of the "
                       "file and its folder. Nothing was changed"),
                     path, g_strerror (saved_errno));
      else if (saved_errno == ENOSPC || saved_errno == EDQUOT)
        g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_FULL,
                     _("The disk that holds %s is full: free some space and try again. "
                       "Nothing was changed"),
                     path);
      else
        g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_OPEN,
                     _("The database %s could not be opened: %s"), path,
                     g_strerror (saved_errno));
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

static gboolean
open_database (DrsoStore  *self,
               GError    **error)
{
  int rc;

  if (!prepare_folder (self->path, error) || !prepare_file (self->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db == NULL)
        {
          g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_OPEN,
                       _("The database %s could not be opened"), self->path);
          return FALSE;
        }
      return _drso_store_set_error (self, error);
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 10000);

  /* The first read tells a damaged or foreign file apart. */
  if (!_drso_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_drso_store_exec (self, "SELECT count(*) FROM sqlite_schema", error))
    return FALSE;

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_READ_ONLY,
                   _("The database %s cannot be written: check the permissions of the file "
                     "and its folder"),
                   self->path);
      return FALSE;
    }

  /* The journal mode is set by the migration step, once it knows the file is
   * not from a newer version (which must be left untouched). */
  return TRUE;
}

/**
 * drso_store_dup_default_path:
 *
 * Returns: (transfer full): where the store lives by default:
 *   `$XDG_DATA_HOME/drs-orchestrator/drs-orchestrator.db`
 */
char *
drso_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, PACKAGE_NAME ".db", NULL);
}

/**
 * drso_store_new:
 * @path: (nullable) (type filename): the database file, or %NULL for the default
 * @error: return location for a #GError
 *
 * Opens the store, creating the file (0600) and its folder (0700) if needed,
 * and brings its schema up to date (a backup of the file is taken first). A
 * database written by a newer version of the program is refused untouched.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL on error
 */
DrsoStore *
drso_store_new (const char  *path,
                GError     **error)
{
  g_autoptr(DrsoStore) self = g_object_new (DRSO_TYPE_STORE, NULL);

  self->path = path ? g_strdup (path) : drso_store_dup_default_path ();

  if (!open_database (self, error) || !_drso_store_migrate (self, error))
    return NULL;

  self->data_version = read_data_version (self);
  follow_role_setting (self);
  return g_steal_pointer (&self);
}

/**
 * drso_store_get_path:
 * @self: a #DrsoStore
 *
 * Returns: (type filename): the database file
 */
const char *
drso_store_get_path (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  return self->path;
}

/**
 * drso_store_get_role:
 * @self: a #DrsoStore
 *
 * Returns: the active role
 */
DrsoRole
drso_store_get_role (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), DRSO_ROLE_READ_ONLY);
  return self->role;
}

/**
 * drso_store_check_permission:
 * @self: a #DrsoStore
 * @permission: a #DrsoPermission
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the active role grants @permission
 */
gboolean
drso_store_check_permission (DrsoStore       *self,
                             DrsoPermission   permission,
                             GError         **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  return _drso_store_check (self, permission, error);
}

/* Live lists */

static gint64
read_data_version (DrsoStore *self)
{
  sqlite3_stmt *stmt = _drso_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

static gboolean
reload (DrsoStore     *self,
        DrsoLiveList  *list,
        GPtrArray    *(*load) (DrsoStore *, GError **),
        GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;

  if (list == NULL)
    return TRUE;
  items = load (self, error);
  if (items == NULL)
    return FALSE;
  _drso_live_list_reset (list, items);
  return TRUE;
}

/**
 * drso_store_refresh:
 * @self: a #DrsoStore
 * @error: return location for a #GError
 *
 * Brings the live list models in step with changes another process (the
 * window and the command line, say) made to the database since the last call.
 * Cheap when nothing changed.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_refresh (DrsoStore  *self,
                    GError    **error)
{
  gint64 version;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);

  version = read_data_version (self);
  if (version == self->data_version)
    return TRUE;
  self->data_version = version;

  return reload (self, self->accounts, _drso_store_load_accounts, error) &&
         reload (self, self->servers, _drso_store_load_servers, error) &&
         reload (self, self->groups, _drso_store_load_groups, error) &&
         reload (self, self->plans, _drso_store_load_plans, error) &&
         reload (self, self->executions, _drso_store_load_executions, error);
}
