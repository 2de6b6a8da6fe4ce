/* drso-store-schema.c
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
#include "drso-store-private.h"

/* Each entry takes the schema from version i to i + 1. Never edit a shipped
 * entry: add a new one and raise DRSO_STORE_SCHEMA_VERSION. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE accounts ("
  "  account_id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  role_arn TEXT,"
  "  external_id TEXT,"
  "  regions TEXT NOT NULL DEFAULT '[]',"
  "  profile TEXT,"
  "  endpoint_url TEXT,"
  "  simulated INTEGER NOT NULL DEFAULT 0,"
  "  validated INTEGER NOT NULL DEFAULT 0,"
  "  last_validated INTEGER NOT NULL DEFAULT 0,"
  "  created_date INTEGER NOT NULL,"
  "  last_modified_date INTEGER NOT NULL,"
  "  created_by TEXT,"
  "  last_modified_by TEXT"
  ");"
  "CREATE TABLE discoveries ("
  "  account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,"
  "  region TEXT NOT NULL,"
  "  discovered_date INTEGER NOT NULL,"
  "  server_count INTEGER NOT NULL,"
  "  PRIMARY KEY (account_id, region)"
  ");"
  "CREATE TABLE source_servers ("
  "  server_id TEXT PRIMARY KEY NOT NULL,"
  "  account_id TEXT NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,"
  "  region TEXT NOT NULL,"
  "  document TEXT NOT NULL,"
  "  discovered_date INTEGER NOT NULL"
  ");"
  "CREATE INDEX source_servers_place ON source_servers (account_id, region);"
  "CREATE TABLE protection_groups ("
  "  group_id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  account_id TEXT NOT NULL REFERENCES accounts (account_id),"
  "  region TEXT NOT NULL,"
  "  tag_criteria TEXT NOT NULL DEFAULT '{}',"
  "  created_date INTEGER NOT NULL,"
  "  last_modified_date INTEGER NOT NULL,"
  "  created_by TEXT,"
  "  last_modified_by TEXT"
  ");"
  "CREATE INDEX protection_groups_account ON protection_groups (account_id, region);"
  "CREATE TABLE group_servers ("
  "  server_id TEXT PRIMARY KEY NOT NULL,"
  "  group_id TEXT NOT NULL REFERENCES protection_groups (group_id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL"
  ");"
  "CREATE INDEX group_servers_group ON group_servers (group_id, position);"
  "CREATE TABLE recovery_plans ("
  "  plan_id TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT NOT NULL,"
  "  name_key TEXT NOT NULL UNIQUE,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  last_execution_id TEXT,"
  "  last_execution_status TEXT,"
  "  last_execution_date INTEGER NOT NULL DEFAULT 0,"
  "  created_date INTEGER NOT NULL,"
  "  last_modified_date INTEGER NOT NULL,"
  "  created_by TEXT,"
  "  last_modified_by TEXT"
  ");"
  "CREATE TABLE waves ("
  "  plan_id TEXT NOT NULL REFERENCES recovery_plans (plan_id) ON DELETE CASCADE,"
  "  wave_number INTEGER NOT NULL CHECK (wave_number > 0),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  pause_before INTEGER NOT NULL DEFAULT 0,"
  "  estimated_duration INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (plan_id, wave_number)"
  ");"
  "CREATE TABLE wave_groups ("
  "  plan_id TEXT NOT NULL,"
  "  wave_number INTEGER NOT NULL,"
  "  group_id TEXT NOT NULL REFERENCES protection_groups (group_id),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (plan_id, group_id),"
  "  FOREIGN KEY (plan_id, wave_number) REFERENCES waves (plan_id, wave_number)"
  "    ON DELETE CASCADE"
  ");"
  "CREATE INDEX wave_groups_group ON wave_groups (group_id);"
  "CREATE INDEX wave_groups_wave ON wave_groups (plan_id, wave_number, position);"
  "CREATE TABLE executions ("
  "  execution_id TEXT PRIMARY KEY NOT NULL,"
  "  plan_id TEXT NOT NULL,"
  "  plan_name TEXT,"
  "  execution_type TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  current_wave INTEGER NOT NULL DEFAULT 0,"
  "  total_waves INTEGER NOT NULL DEFAULT 0,"
  "  start_time INTEGER NOT NULL DEFAULT 0,"
  "  end_time INTEGER NOT NULL DEFAULT 0,"
  "  initiated_by TEXT,"
  "  errors TEXT NOT NULL DEFAULT '[]',"
  "  instances_terminated INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX executions_status ON executions (status, start_time);"
  "CREATE INDEX executions_plan ON executions (plan_id, start_time);"
  "CREATE TABLE wave_runs ("
  "  execution_id TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,"
  "  wave_number INTEGER NOT NULL,"
  "  wave_name TEXT,"
  "  status TEXT NOT NULL,"
  "  start_time INTEGER NOT NULL DEFAULT 0,"
  "  end_time INTEGER NOT NULL DEFAULT 0,"
  "  job_ids TEXT NOT NULL DEFAULT '[]',"
  "  PRIMARY KEY (execution_id, wave_number)"
  ");"
  "CREATE TABLE server_runs ("
  "  execution_id TEXT NOT NULL,"
  "  wave_number INTEGER NOT NULL,"
  "  server_id TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  hostname TEXT,"
  "  private_ip TEXT,"
  "  instance_type TEXT,"
  "  status TEXT NOT NULL,"
  "  job_id TEXT,"
  "  recovery_instance_id TEXT,"
  "  ec2_instance_id TEXT,"
  "  message TEXT,"
  "  PRIMARY KEY (execution_id, wave_number, server_id),"
  "  FOREIGN KEY (execution_id, wave_number) REFERENCES wave_runs (execution_id, wave_number)"
  "    ON DELETE CASCADE"
  ");"
  "CREATE TABLE execution_events ("
  "  event_id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  execution_id TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,"
  "  time INTEGER NOT NULL,"
  "  wave_number INTEGER NOT NULL DEFAULT 0,"
  "  server_id TEXT,"
  "  kind TEXT NOT NULL,"
  "  message TEXT NOT NULL,"
  "  actor TEXT"
  ");"
  "CREATE INDEX execution_events_execution ON execution_events (execution_id, event_id);",

  /* 1 → 2: what the execution engine needs. Plans get their objectives and
   * per-server settings; executions the caller's ARN and warnings; server
   * runs their criticality, launch attempts, phase times (microseconds) and
   * health; and one process at a time drives an execution (a lease). */
  "ALTER TABLE recovery_plans ADD COLUMN rpo_target_seconds INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE recovery_plans ADD COLUMN rto_target_seconds INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE plan_servers ("
  "  plan_id TEXT NOT NULL REFERENCES recovery_plans (plan_id) ON DELETE CASCADE,"
  "  server_id TEXT NOT NULL,"
  "  criticality TEXT NOT NULL DEFAULT 'CRITICAL',"
  "  recovery_snapshot_id TEXT,"
  "  PRIMARY KEY (plan_id, server_id)"
  ");"
  "ALTER TABLE executions ADD COLUMN initiated_by_arn TEXT;"
  "ALTER TABLE executions ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';"
  "ALTER TABLE server_runs ADD COLUMN criticality TEXT NOT NULL DEFAULT 'CRITICAL';"
  "ALTER TABLE server_runs ADD COLUMN launch_attempt INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN launch_requested INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN snapshot_start INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN snapshot_end INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN conversion_start INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN conversion_end INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN launch_start INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN launch_end INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE server_runs ADD COLUMN health TEXT;"
  "CREATE TABLE execution_leases ("
  "  execution_id TEXT PRIMARY KEY NOT NULL"
  "    REFERENCES executions (execution_id) ON DELETE CASCADE,"
  "  owner TEXT NOT NULL,"
  "  heartbeat INTEGER NOT NULL"
  ");",

  /* 2 → 3: controls for an execution another process drives. The asker
   * writes a request; the driver takes it, applies it and writes the
   * outcome (an error's domain, code and message, or none). */
  "CREATE TABLE execution_requests ("
  "  request_id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  execution_id TEXT NOT NULL REFERENCES executions (execution_id) ON DELETE CASCADE,"
  "  control TEXT NOT NULL,"
  "  requested_by TEXT NOT NULL,"
  "  requested_at INTEGER NOT NULL,"
  "  taken_by TEXT,"
  "  answered_at INTEGER,"
  "  error_domain TEXT,"
  "  error_code INTEGER NOT NULL DEFAULT 0,"
  "  error_message TEXT"
  ");"
  "CREATE INDEX execution_requests_pending ON execution_requests (execution_id, answered_at);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DRSO_STORE_SCHEMA_VERSION);

/* The SQL that takes the schema from @from_version to the next (for tests
 * that build an old database by hand). */
const char *
_drso_store_get_migration (guint from_version)
{
  g_return_val_if_fail (from_version < G_N_ELEMENTS (migrations), NULL);
  return migrations[from_version];
}

static gint64
read_user_version (DrsoStore  *self,
                   GError    **error)
{
  sqlite3_stmt *stmt = _drso_store_prepare (self, "PRAGMA user_version", error);
  gint64 version;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _drso_store_set_error (self, error);
      sqlite3_reset (stmt);
      return -1;
    }
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/* The file a backup of schema @version goes to, created empty and 0600
 * before anything is written to it: <database>.schema-N.bak, or
 * <database>.schema-N.copy-M.bak when that name is taken, for an earlier
 * backup is never overwritten. */
static char *
create_backup_file (DrsoStore  *self,
                    gint64      version,
                    GError    **error)
{
  g_autofree char *path = NULL;
  int saved_errno = EEXIST;

  for (guint copy = 1; copy <= 100; copy++)
    {
      int fd;

      g_free (path);
      if (copy == 1)
        path = g_strdup_printf ("%s.schema-%" G_GINT64_FORMAT ".bak", self->path, version);
      else
        path = g_strdup_printf ("%s.schema-%" G_GINT64_FORMAT ".copy-%u.bak", self->path,
                                version, copy);

      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          fchmod (fd, 0600);
          close (fd);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
      if (saved_errno != EEXIST)
        break;
    }

  g_set_error (error, DRSO_STORE_ERROR,
               saved_errno == ENOSPC || saved_errno == EDQUOT ? DRSO_STORE_ERROR_FULL :
               saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM
                 ? DRSO_STORE_ERROR_READ_ONLY : DRSO_STORE_ERROR_FAILED,
               _("The database could not be backed up to %s before its upgrade, so it was "
                 "not upgraded: %s"),
               path, g_strerror (saved_errno));
  return NULL;
}

/* Copies the database aside with SQLite's online backup, so that a failed or
 * regretted migration loses nothing. The copy must be whole: a copy cut
 * short (a full disk, say) is removed, and the database is not upgraded. */
static gboolean
backup_before_migration (DrsoStore  *self,
                         gint64      version,
                         GError    **error)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };
  g_autofree char *backup_path = create_backup_file (self, version, error);
  sqlite3 *backup_db = NULL;
  sqlite3_backup *backup;
  int rc;

  if (backup_path == NULL)
    return FALSE;

  rc = sqlite3_open_v2 (backup_path, &backup_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (backup_db, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (backup_db);
      else
        {
          int step = sqlite3_backup_step (backup, -1);

          rc = sqlite3_backup_finish (backup);
          /* Busy or locked leave the copy unfinished with no error of its own. */
          if (rc == SQLITE_OK && step != SQLITE_DONE)
            rc = step == SQLITE_OK ? SQLITE_ERROR : step;
        }
      /* The copy took the write-ahead log mode of the database with its
       * pages: make it one file that stands alone, to copy back as it is. */
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (backup_db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (sqlite3_close (backup_db) != SQLITE_OK && rc == SQLITE_OK)
    rc = SQLITE_IOERR;

  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *beside = g_strconcat (backup_path, suffixes[i], NULL);

          g_unlink (beside);
        }
      g_unlink (backup_path);
      g_set_error (error, DRSO_STORE_ERROR,
                   primary == SQLITE_FULL ? DRSO_STORE_ERROR_FULL : DRSO_STORE_ERROR_FAILED,
                   _("The database could not be backed up to %s before its upgrade, so it was "
                     "not upgraded: %s"),
                   backup_path, sqlite3_errstr (rc));
      return FALSE;
    }

  g_debug ("Backed up schema %" G_GINT64_FORMAT " to %s", version, backup_path);
  return TRUE;
}

/* Whether the database has tables or other objects of its own. */
static int
count_schema_objects (DrsoStore  *self,
                      GError    **error)
{
  sqlite3_stmt *stmt = _drso_store_prepare (self, "SELECT count(*) FROM sqlite_schema", error);
  int count;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _drso_store_set_error (self, error);
      sqlite3_reset (stmt);
      return -1;
    }
  count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

gboolean
_drso_store_migrate (DrsoStore  *self,
                     GError    **error)
{
  gint64 version = read_user_version (self, error);

  if (version < 0)
    return FALSE;

  if (version > DRSO_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NEWER_SCHEMA,
                   _("The database %s was written by a newer version of DRS Orchestrator "
                     "(schema %lld; this version knows up to %d). It was left "
                     "untouched: update DRS Orchestrator to use it"),
                   self->path, (long long) version, DRSO_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  /* Schema 0 is a new, empty file. Another program's database (which
   * leaves user_version at 0 too) is not ours to add tables to: it is left
   * as it is, like a damaged file. */
  if (version == 0)
    {
      int n_objects = count_schema_objects (self, error);

      if (n_objects < 0)
        return FALSE;
      if (n_objects > 0)
        {
          g_set_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_CORRUPT,
                       _("The database %s is damaged or is not a DRS Orchestrator database (%s). "
                         "It was left as it is: move it away to start afresh, or restore a backup"),
                       self->path, sqlite3_errstr (SQLITE_NOTADB));
          return FALSE;
        }
    }

  if (!_drso_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_drso_store_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;

  if (version == DRSO_STORE_SCHEMA_VERSION)
    return TRUE;

  if (version > 0 && !backup_before_migration (self, version, error))
    return FALSE;

  if (!_drso_store_begin (self, error))
    return FALSE;

  /* Read again under the write lock: another process may have migrated. */
  version = read_user_version (self, error);
  for (gint64 v = version; v >= 0 && v < DRSO_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *pragma = NULL;

      if (!_drso_store_exec (self, migrations[v], error))
        {
          _drso_store_rollback (self);
          g_prefix_error (error, _("The database could not be upgraded to schema %lld: "),
                          (long long) (v + 1));
          return FALSE;
        }

      pragma = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);
      if (!_drso_store_exec (self, pragma, error))
        {
          _drso_store_rollback (self);
          return FALSE;
        }
    }

  if (version < 0)
    {
      _drso_store_rollback (self);
      return FALSE;
    }

  /* A new database starts with the Sandbox's account. */
  if (version == 0 && !_drso_store_add_sandbox_account (self, error))
    {
      _drso_store_rollback (self);
      return FALSE;
    }

  return _drso_store_commit (self, error);
}
