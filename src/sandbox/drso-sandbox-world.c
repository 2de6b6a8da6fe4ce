/* drso-sandbox-world.c
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

/* The world of the Sandbox: the errors its services raise, opening it and
 * keeping it in SQLite (schema, transactions, the meta table), the IDs and
 * durations it mints, its settings and its clock. The estate, the jobs,
 * the instances and the keys have files of their own. */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "drso-sandbox.h"
#include "drso-sandbox-world-internal.h"

#define SCHEMA_VERSION 1
/* "DRSS" */
#define SQLITE_APPLICATION_ID 0x44525353

static const char schema[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE jobs ("
  "  job_id TEXT PRIMARY KEY NOT NULL,"
  "  sequence INTEGER NOT NULL UNIQUE,"
  "  account_id TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  is_drill INTEGER NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  pending INTEGER NOT NULL,"
  "  finish INTEGER NOT NULL,"
  "  tags TEXT NOT NULL"
  ");"
  "CREATE TABLE job_servers ("
  "  job_id TEXT NOT NULL REFERENCES jobs (job_id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  server_id TEXT NOT NULL,"
  "  instance_id TEXT NOT NULL,"
  "  conversion_server_id TEXT,"
  "  snapshot_id TEXT,"
  "  point_in_time INTEGER NOT NULL,"
  "  begin INTEGER NOT NULL,"
  "  snapshot INTEGER NOT NULL,"
  "  conversion INTEGER NOT NULL,"
  "  launch INTEGER NOT NULL,"
  "  boot INTEGER NOT NULL,"
  "  checks INTEGER NOT NULL,"
  "  cleanup INTEGER NOT NULL,"
  "  outcome TEXT NOT NULL,"
  "  name TEXT,"
  "  private_ip TEXT,"
  "  copy_tags INTEGER NOT NULL,"
  "  stopped INTEGER NOT NULL,"
  "  PRIMARY KEY (job_id, position)"
  ");"
  "CREATE TABLE ec2_terminations ("
  "  instance_id TEXT PRIMARY KEY NOT NULL,"
  "  start INTEGER NOT NULL,"
  "  duration INTEGER NOT NULL"
  ");"
  "CREATE TABLE launch_configurations ("
  "  server_id TEXT PRIMARY KEY NOT NULL,"
  "  overrides TEXT NOT NULL"
  ");"
  "CREATE TABLE sessions ("
  "  access_key_id TEXT PRIMARY KEY NOT NULL,"
  "  secret_access_key TEXT NOT NULL,"
  "  session_token TEXT NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  arn TEXT NOT NULL,"
  "  user_id TEXT NOT NULL,"
  "  expiration INTEGER NOT NULL"
  ");";

/* Errors */

G_DEFINE_QUARK (drso-sandbox-error-quark, drso_sandbox_error)

void
drso_sandbox_error_details_free (DrsoSandboxErrorDetails *details)
{
  if (details == NULL)
    return;
  g_free (details->resource_id);
  g_free (details->resource_type);
  g_free (details->quota_code);
  g_free (details->service_code);
  g_free (details->reason);
  g_clear_pointer (&details->field_list, json_node_unref);
  g_free (details);
}

static void
set_error_valist (GError                  **error,
                  DrsoSandboxErrorDetails **details,
                  DrsoSandboxError          code,
                  const char               *resource_id,
                  const char               *resource_type,
                  const char               *format,
                  va_list                   args) G_GNUC_PRINTF (6, 0);

static void
set_error_valist (GError                  **error,
                  DrsoSandboxErrorDetails **details,
                  DrsoSandboxError          code,
                  const char               *resource_id,
                  const char               *resource_type,
                  const char               *format,
                  va_list                   args)
{
  if (error != NULL)
    g_propagate_error (error, g_error_new_valist (DRSO_SANDBOX_ERROR, code, format, args));
  if (details != NULL)
    {
      *details = g_new0 (DrsoSandboxErrorDetails, 1);
      (*details)->resource_id = g_strdup (resource_id);
      (*details)->resource_type = g_strdup (resource_type);
    }
}

void
drso_sandbox_set_error (GError                  **error,
                        DrsoSandboxErrorDetails **details,
                        DrsoSandboxError          code,
                        const char               *resource_id,
                        const char               *resource_type,
                        const char               *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (error, details, code, resource_id, resource_type, format, args);
  va_end (args);
}

void
_drso_sandbox_set_quota_error (GError                  **error,
                               DrsoSandboxErrorDetails **details,
                               const char               *quota_code,
                               const char               *resource_type,
                               const char               *format,
                               ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (error, details, DRSO_SANDBOX_ERROR_QUOTA, NULL, resource_type, format, args);
  va_end (args);
  if (details != NULL)
    {
      (*details)->quota_code = g_strdup (quota_code);
      (*details)->service_code = g_strdup ("drs");
    }
}

/* A ValidationException about one member (fieldValidationFailed). */
void
_drso_sandbox_set_validation_error (GError                  **error,
                                    DrsoSandboxErrorDetails **details,
                                    const char               *field,
                                    const char               *format,
                                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_VALIDATION, message);
  if (details != NULL)
    {
      JsonObject *entry = json_object_new ();
      JsonArray *list = json_array_new ();

      json_object_set_string_member (entry, "name", field);
      json_object_set_string_member (entry, "message", message);
      json_array_add_object_element (list, entry);

      *details = g_new0 (DrsoSandboxErrorDetails, 1);
      (*details)->reason = g_strdup ("fieldValidationFailed");
      (*details)->field_list = json_node_init_array (json_node_alloc (), list);
      json_array_unref (list);
    }
}

/* IDs and durations */

char *
_drso_sandbox_world_next_id (DrsoSandboxWorld *world,
                             const char       *prefix)
{
  return _drso_sandbox_hash_id (prefix, world->seed, "id/%" G_GINT64_FORMAT,
                                ++world->id_counter);
}

gint64
_drso_sandbox_world_scale (DrsoSandboxWorld *world,
                           double            seconds)
{
  return (gint64) (seconds * G_USEC_PER_SEC / world->time_scale);
}

/* Storage */

gboolean
_drso_sandbox_world_storage_error (DrsoSandboxWorld  *world,
                                   GError           **error)
{
  g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
               "The Sandbox could not %s its state (%s): %s (%d)",
               sqlite3_get_autocommit (world->db) ? "read" : "write",
               world->path ? world->path : "in memory", sqlite3_errmsg (world->db),
               sqlite3_extended_errcode (world->db));
  return FALSE;
}

sqlite3_stmt *
_drso_sandbox_world_prepare (DrsoSandboxWorld  *world,
                             const char        *sql,
                             GError           **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (world->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (world->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _drso_sandbox_world_storage_error (world, error);
      return NULL;
    }
  g_hash_table_insert (world->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_drso_sandbox_world_step_done (DrsoSandboxWorld  *world,
                               sqlite3_stmt      *stmt,
                               GError           **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _drso_sandbox_world_storage_error (world, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
exec (DrsoSandboxWorld  *world,
      const char        *sql,
      GError           **error)
{
  if (sqlite3_exec (world->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return _drso_sandbox_world_storage_error (world, error);
  return TRUE;
}

gboolean
_drso_sandbox_world_begin (DrsoSandboxWorld  *world,
                           GError           **error)
{
  return exec (world, "BEGIN IMMEDIATE", error);
}

gboolean
_drso_sandbox_world_commit (DrsoSandboxWorld  *world,
                            GError           **error)
{
  if (!exec (world, "COMMIT", error))
    {
      _drso_sandbox_world_rollback (world);
      return FALSE;
    }
  return TRUE;
}

void
_drso_sandbox_world_rollback (DrsoSandboxWorld *world)
{
  if (!sqlite3_get_autocommit (world->db))
    sqlite3_exec (world->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
set_meta (DrsoSandboxWorld  *world,
          const char        *key,
          const char        *value,
          GError           **error)
{
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
    world, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _drso_sandbox_world_step_done (world, stmt, error);
}

static gboolean
set_meta_int (DrsoSandboxWorld  *world,
              const char        *key,
              gint64             value,
              GError           **error)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  return set_meta (world, key, text, error);
}

gboolean
_drso_sandbox_world_save_counter (DrsoSandboxWorld  *world,
                                  GError           **error)
{
  return set_meta_int (world, "id_counter", world->id_counter, error);
}

static gint64
int_pragma (DrsoSandboxWorld *world,
            const char       *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (world->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Creates the file 0600 before SQLite does (it would use 0644 less the
 * umask); SQLite gives the -wal and -shm files the same mode. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                   "The Sandbox's state file %s could not be opened: %s", path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
open_database (DrsoSandboxWorld  *world,
               GError           **error)
{
  int rc;

  if (world->path != NULL && !create_file (world->path, error))
    return FALSE;

  rc = sqlite3_open_v2 (world->path ? world->path : ":memory:", &world->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (world->db == NULL)
        {
          g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                       "The Sandbox's state could not be opened: %s", sqlite3_errstr (rc));
          return FALSE;
        }
      return _drso_sandbox_world_storage_error (world, error);
    }
  sqlite3_extended_result_codes (world->db, TRUE);
  sqlite3_busy_timeout (world->db, 5000);

  return exec (world, "PRAGMA foreign_keys = ON", error) &&
         exec (world, "PRAGMA journal_mode = WAL", error) &&
         exec (world, "PRAGMA synchronous = NORMAL", error);
}

static gboolean
create_schema (DrsoSandboxWorld               *world,
               const DrsoSandboxWorldOptions  *options,
               GError                        **error)
{
  g_autofree char *pragmas = g_strdup_printf ("PRAGMA application_id = %d;"
                                              "PRAGMA user_version = %d;",
                                              SQLITE_APPLICATION_ID, SCHEMA_VERSION);
  char seed[24];

  world->region = g_strdup (options->region ? options->region : DRSO_SANDBOX_REGION);
  world->seed = options->seed;
  world->estate_size = options->estate_size;
  world->created = g_get_real_time ();
  g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, world->seed);

  if (!_drso_sandbox_world_begin (world, error))
    return FALSE;
  if (!exec (world, schema, error) ||
      !exec (world, pragmas, error) ||
      !set_meta (world, "region", world->region, error) ||
      !set_meta (world, "seed", seed, error) ||
      !set_meta_int (world, "estate_size", world->estate_size, error) ||
      !set_meta_int (world, "created", world->created, error) ||
      !set_meta_int (world, "clock_offset", 0, error) ||
      !_drso_sandbox_world_save_counter (world, error))
    {
      _drso_sandbox_world_rollback (world);
      return FALSE;
    }
  return _drso_sandbox_world_commit (world, error);
}

static gboolean
load_meta (DrsoSandboxWorld  *world,
           GError           **error)
{
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (world, "SELECT key, value FROM meta", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (g_str_equal (key, "region"))
        world->region = g_strdup (value);
      else if (g_str_equal (key, "seed"))
        world->seed = g_ascii_strtoull (value, NULL, 10);
      else if (g_str_equal (key, "estate_size"))
        world->estate_size = (guint) g_ascii_strtoull (value, NULL, 10);
      else if (g_str_equal (key, "created"))
        world->created = g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "clock_offset"))
        world->clock_offset = g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "id_counter"))
        world->id_counter = g_ascii_strtoll (value, NULL, 10);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_sandbox_world_storage_error (world, error);
  if (world->region == NULL || world->created == 0)
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                   "The Sandbox's state file %s lacks its region or creation time", world->path);
      return FALSE;
    }
  return TRUE;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
index_servers (DrsoSandboxWorld *world)
{
  world->servers_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < world->servers->len; i++)
    {
      DrsoSandboxServer *server = g_ptr_array_index (world->servers, i);

      g_hash_table_insert (world->servers_by_id, server->server_id, server);
    }
}

DrsoSandboxWorld *
drso_sandbox_world_open (const char                     *path,
                         const DrsoSandboxWorldOptions  *options,
                         GError                        **error)
{
  static const DrsoSandboxWorldOptions defaults = { DRSO_SANDBOX_REGION, 0, 1, 0 };
  g_autoptr(DrsoSandboxWorld) world = g_new0 (DrsoSandboxWorld, 1);
  gint64 version, application_id;

  if (options == NULL)
    options = &defaults;

  g_rec_mutex_init (&world->lock);
  world->path = g_strdup (path);
  world->time_scale = MAX (options->time_scale, 1.0);
  world->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  world->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) _drso_sandbox_job_free);
  world->jobs_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  world->launches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) g_ptr_array_unref);
  world->recoveries = g_ptr_array_new_with_free_func (g_free);
  world->recoveries_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  world->latest_recovery = g_hash_table_new (g_str_hash, g_str_equal);
  world->launch_configurations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) json_object_unref);
  world->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) drso_sandbox_identity_free);

  if (!open_database (world, error))
    return NULL;

  version = int_pragma (world, "PRAGMA user_version");
  application_id = int_pragma (world, "PRAGMA application_id");
  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                   "The Sandbox's state file %s was written by a newer version (schema %"
                   G_GINT64_FORMAT "; this one knows up to %d): it was left untouched",
                   path, version, SCHEMA_VERSION);
      return NULL;
    }
  if (version == 0 && int_pragma (world, "SELECT count(*) FROM sqlite_schema") == 0)
    {
      if (!create_schema (world, options, error))
        return NULL;
    }
  else if (application_id != SQLITE_APPLICATION_ID || version <= 0)
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                   "The file %s is not a Sandbox state file: it was left untouched", path);
      return NULL;
    }
  else if (!load_meta (world, error))
    return NULL;

  world->servers = _drso_sandbox_estate_new (world->seed, world->estate_size);
  index_servers (world);

  if (!_drso_sandbox_jobs_load (world, error) ||
      !_drso_sandbox_load_terminations (world, error) ||
      !_drso_sandbox_launch_configurations_load (world, error) ||
      !_drso_sandbox_keys_load (world, error))
    return NULL;

  return g_steal_pointer (&world);
}

void
drso_sandbox_world_free (DrsoSandboxWorld *world)
{
  if (world == NULL)
    return;

  g_clear_pointer (&world->initiation_steps, json_array_unref);
  g_clear_pointer (&world->sessions, g_hash_table_unref);
  g_clear_pointer (&world->launch_configurations, g_hash_table_unref);
  g_clear_pointer (&world->latest_recovery, g_hash_table_unref);
  g_clear_pointer (&world->recoveries_by_id, g_hash_table_unref);
  g_clear_pointer (&world->recoveries, g_ptr_array_unref);
  g_clear_pointer (&world->launches, g_hash_table_unref);
  g_clear_pointer (&world->jobs_by_id, g_hash_table_unref);
  g_clear_pointer (&world->jobs, g_ptr_array_unref);
  g_clear_pointer (&world->servers_by_id, g_hash_table_unref);
  g_clear_pointer (&world->servers, g_ptr_array_unref);
  g_clear_pointer (&world->statements, g_hash_table_unref);
  if (world->db != NULL)
    sqlite3_close (world->db);
  g_strfreev (world->failing_servers);
  g_strfreev (world->stalling_servers);
  g_free (world->region);
  g_free (world->path);
  g_rec_mutex_clear (&world->lock);
  g_free (world);
}

const char *
drso_sandbox_world_get_region (DrsoSandboxWorld *world)
{
  g_return_val_if_fail (world != NULL, NULL);

  return world->region;
}

guint64
drso_sandbox_world_get_seed (DrsoSandboxWorld *world)
{
  g_return_val_if_fail (world != NULL, 0);

  return world->seed;
}

double
drso_sandbox_world_get_time_scale (DrsoSandboxWorld *world)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (world != NULL, 1);

  locker = g_rec_mutex_locker_new (&world->lock);
  return world->time_scale;
}

void
drso_sandbox_world_set_time_scale (DrsoSandboxWorld *world,
                                   double            time_scale)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (world != NULL);

  locker = g_rec_mutex_locker_new (&world->lock);
  world->time_scale = MAX (time_scale, 1.0);
}

void
drso_sandbox_world_set_server_faults (DrsoSandboxWorld              *world,
                                      const DrsoSandboxServerFaults *faults)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_if_fail (world != NULL);

  locker = g_rec_mutex_locker_new (&world->lock);
  g_clear_pointer (&world->failing_servers, g_strfreev);
  g_clear_pointer (&world->stalling_servers, g_strfreev);
  if (faults != NULL)
    {
      world->failing_servers = g_strdupv ((char **) faults->failing_servers);
      world->stalling_servers = g_strdupv ((char **) faults->stalling_servers);
    }
}

/* Whether @names holds the server's ID or hostname. */
gboolean
_drso_sandbox_world_server_matches (const char * const      *names,
                                    const DrsoSandboxServer *server)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], server->server_id) ||
          g_ascii_strcasecmp (names[i], server->hostname) == 0)
        return TRUE;
    }
  return FALSE;
}

DrsoSandboxServer *
_drso_sandbox_world_find_server (DrsoSandboxWorld *world,
                                 const char       *account_id,
                                 const char       *server_id)
{
  DrsoSandboxServer *server = g_hash_table_lookup (world->servers_by_id, server_id);

  return server != NULL && g_str_equal (server->account_id, account_id) ? server : NULL;
}

/* The clock */

gint64
drso_sandbox_world_now (DrsoSandboxWorld *world)
{
  g_autoptr(GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (world != NULL, 0);

  locker = g_rec_mutex_locker_new (&world->lock);
  return g_get_real_time () + world->clock_offset;
}

void
drso_sandbox_world_advance (DrsoSandboxWorld *world,
                            gint64            microseconds)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (world != NULL);
  g_return_if_fail (microseconds >= 0);

  locker = g_rec_mutex_locker_new (&world->lock);
  world->clock_offset += microseconds;
  if (!set_meta_int (world, "clock_offset", world->clock_offset, &error))
    g_warning ("%s", error->message);
}
