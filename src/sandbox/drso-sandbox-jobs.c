/* drso-sandbox-jobs.c
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

/* The jobs of the Sandbox: creating them (with the limits and conflicts DRS
 * enforces, and the durations drawn for each server), storing and loading
 * them, and their timeline: states and log events at any instant, computed
 * from the creation time and the durations. */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include "drso-sandbox-world-internal.h"

/* DRS's limits. */
#define MAX_SERVERS_PER_JOB   100
#define MAX_LAUNCH_JOBS       20
#define MAX_SERVERS_IN_JOBS   500

static const char * const outcome_names[] = { "LAUNCHED", "FAILED", "STALLED" };

/* Timeline */

static void
job_server_free (DrsoSandboxJobServer *js)
{
  g_free (js->instance_id);
  g_free (js->conversion_server_id);
  g_free (js->snapshot_id);
  g_free (js->name);
  g_free (js->private_ip);
  g_free (js);
}

void
_drso_sandbox_job_free (DrsoSandboxJob *job)
{
  g_free (job->job_id);
  g_free (job->account_id);
  g_clear_pointer (&job->tags, json_object_unref);
  g_ptr_array_unref (job->servers);
  g_free (job);
}

static DrsoSandboxJob *
job_new (void)
{
  DrsoSandboxJob *job = g_new0 (DrsoSandboxJob, 1);

  job->servers = g_ptr_array_new_with_free_func ((GDestroyNotify) job_server_free);
  return job;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxJob, _drso_sandbox_job_free)

gint64
_drso_sandbox_job_start (const DrsoSandboxJob *job)
{
  return job->created + job->pending;
}

gint64
_drso_sandbox_job_server_conversion (const DrsoSandboxJobServer *js)
{
  return _drso_sandbox_job_start (js->job) + js->begin + js->snapshot;
}

gint64
_drso_sandbox_job_server_end (const DrsoSandboxJobServer *js)
{
  if (js->job->type == DRSO_SANDBOX_JOB_TERMINATE)
    return _drso_sandbox_job_start (js->job) + js->begin + js->cleanup;
  if (js->outcome == DRSO_SANDBOX_OUTCOME_STALLED)
    return DRSO_SANDBOX_NEVER;
  return _drso_sandbox_job_server_conversion (js) + js->conversion + js->launch;
}

gint64
_drso_sandbox_job_server_point_in_time (const DrsoSandboxJobServer *js)
{
  return js->snapshot_id ? js->point_in_time : _drso_sandbox_job_start (js->job) + js->begin;
}

gint64
_drso_sandbox_job_end (const DrsoSandboxJob *job)
{
  gint64 last = _drso_sandbox_job_start (job);

  for (guint i = 0; i < job->servers->len; i++)
    {
      gint64 end = _drso_sandbox_job_server_end (g_ptr_array_index (job->servers, i));

      if (end == DRSO_SANDBOX_NEVER)
        return DRSO_SANDBOX_NEVER;
      last = MAX (last, end);
    }
  return last + job->finish;
}

const char *
_drso_sandbox_job_status (const DrsoSandboxJob *job,
                          gint64                now)
{
  if (now < _drso_sandbox_job_start (job))
    return "PENDING";
  if (now < _drso_sandbox_job_end (job))
    return "STARTED";
  return "COMPLETED";
}

DrsoSandboxLaunchStatus
_drso_sandbox_job_server_status (DrsoSandboxWorld           *world,
                                 const DrsoSandboxJobServer *js,
                                 gint64                      now)
{
  DrsoSandboxRecovery *recovery;

  if (now < _drso_sandbox_job_start (js->job))
    return DRSO_SANDBOX_LAUNCH_PENDING;
  if (now < _drso_sandbox_job_server_end (js))
    return DRSO_SANDBOX_LAUNCH_IN_PROGRESS;
  if (js->job->type == DRSO_SANDBOX_JOB_TERMINATE)
    return DRSO_SANDBOX_LAUNCH_TERMINATED;
  if (js->outcome == DRSO_SANDBOX_OUTCOME_FAILED)
    return DRSO_SANDBOX_LAUNCH_FAILED;

  /* A launch whose instance a TERMINATE job has ended. */
  recovery = g_hash_table_lookup (world->recoveries_by_id, js->instance_id);
  if (recovery->cleanup != NULL && now >= _drso_sandbox_job_server_end (recovery->cleanup))
    return DRSO_SANDBOX_LAUNCH_TERMINATED;
  return DRSO_SANDBOX_LAUNCH_LAUNCHED;
}

const char *
_drso_sandbox_launch_status_name (DrsoSandboxLaunchStatus status)
{
  static const char * const names[] = {
    "PENDING", "IN_PROGRESS", "LAUNCHED", "FAILED", "TERMINATED",
  };

  return names[status];
}

char *
_drso_sandbox_job_raw_error (const DrsoSandboxJobServer *js)
{
  return g_strdup_printf ("The recovery instance %s of %s did not pass its boot checks, so "
                          "the launch failed (a fault set in the Sandbox)",
                          js->instance_id, js->server->hostname);
}

static void
add_event (GArray               *log,
           gint64                now,
           gint64                time,
           const char           *event,
           DrsoSandboxJobServer *js)
{
  DrsoSandboxLogEvent entry = { time, event, js };

  if (time <= now)
    g_array_append_val (log, entry);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  gint64 ta = ((const DrsoSandboxLogEvent *) a)->time;
  gint64 tb = ((const DrsoSandboxLogEvent *) b)->time;

  return ta < tb ? -1 : ta > tb;
}

GArray *
_drso_sandbox_job_log (const DrsoSandboxJob *job,
                       gint64                now)
{
  GArray *log = g_array_new (FALSE, FALSE, sizeof (DrsoSandboxLogEvent));
  gint64 start = _drso_sandbox_job_start (job);
  gint64 end = _drso_sandbox_job_end (job);

  add_event (log, now, start, "JOB_START", NULL);
  for (guint i = 0; i < job->servers->len; i++)
    {
      DrsoSandboxJobServer *js = g_ptr_array_index (job->servers, i);
      gint64 begin = start + js->begin;
      gint64 conversion = _drso_sandbox_job_server_conversion (js);

      if (job->type == DRSO_SANDBOX_JOB_TERMINATE)
        {
          add_event (log, now, begin, "CLEANUP_START", js);
          add_event (log, now, begin + js->cleanup, "CLEANUP_END", js);
          continue;
        }

      if (js->snapshot_id != NULL)
        add_event (log, now, begin, "USING_PREVIOUS_SNAPSHOT", js);
      else
        {
          add_event (log, now, begin, "SNAPSHOT_START", js);
          add_event (log, now, conversion, "SNAPSHOT_END", js);
        }
      add_event (log, now, conversion, "CONVERSION_START", js);
      if (js->outcome == DRSO_SANDBOX_OUTCOME_STALLED)
        continue;
      add_event (log, now, conversion + js->conversion, "CONVERSION_END", js);
      add_event (log, now, conversion + js->conversion, "LAUNCH_START", js);
      if (js->outcome == DRSO_SANDBOX_OUTCOME_FAILED)
        add_event (log, now, _drso_sandbox_job_server_end (js), "LAUNCH_FAILED", js);
    }
  if (end != DRSO_SANDBOX_NEVER)
    add_event (log, now, end, "JOB_END", NULL);

  /* Stable: events of one instant keep the order they were added in. */
  g_array_sort (log, compare_events);
  return log;
}

DrsoSandboxJobServer *
_drso_sandbox_last_launch (DrsoSandboxWorld *world,
                           const char       *server_id)
{
  GPtrArray *launches = g_hash_table_lookup (world->launches, server_id);

  return launches != NULL ? g_ptr_array_index (launches, launches->len - 1) : NULL;
}

/* Storage */

static gboolean
save_job (DrsoSandboxWorld      *world,
          const DrsoSandboxJob  *job,
          GError               **error)
{
  g_autoptr(JsonNode) tags = json_node_init_object (json_node_alloc (), job->tags);
  g_autofree char *tags_text = json_to_string (tags, FALSE);
  sqlite3_stmt *stmt;

  if (!_drso_sandbox_world_begin (world, error))
    return FALSE;

  stmt = _drso_sandbox_world_prepare (
    world,
    "INSERT INTO jobs (job_id, sequence, account_id, type, is_drill, created, pending, finish, "
    "tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, job->job_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, job->sequence);
  sqlite3_bind_text (stmt, 3, job->account_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, job->type == DRSO_SANDBOX_JOB_LAUNCH ? "LAUNCH" : "TERMINATE", -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, job->is_drill);
  sqlite3_bind_int64 (stmt, 6, job->created);
  sqlite3_bind_int64 (stmt, 7, job->pending);
  sqlite3_bind_int64 (stmt, 8, job->finish);
  sqlite3_bind_text (stmt, 9, tags_text, -1, SQLITE_STATIC);
  if (!_drso_sandbox_world_step_done (world, stmt, error))
    goto failed;

  for (guint i = 0; i < job->servers->len; i++)
    {
      const DrsoSandboxJobServer *js = g_ptr_array_index (job->servers, i);

      stmt = _drso_sandbox_world_prepare (
        world,
        "INSERT INTO job_servers (job_id, position, server_id, instance_id, "
        "conversion_server_id, snapshot_id, point_in_time, begin, snapshot, conversion, "
        "launch, boot, checks, cleanup, outcome, name, private_ip, copy_tags, stopped) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_text (stmt, 1, job->job_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, js->server->server_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, js->instance_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, js->conversion_server_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, js->snapshot_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, js->point_in_time);
      sqlite3_bind_int64 (stmt, 8, js->begin);
      sqlite3_bind_int64 (stmt, 9, js->snapshot);
      sqlite3_bind_int64 (stmt, 10, js->conversion);
      sqlite3_bind_int64 (stmt, 11, js->launch);
      sqlite3_bind_int64 (stmt, 12, js->boot);
      sqlite3_bind_int64 (stmt, 13, js->checks);
      sqlite3_bind_int64 (stmt, 14, js->cleanup);
      sqlite3_bind_text (stmt, 15, outcome_names[js->outcome], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 16, js->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 17, js->private_ip, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 18, js->copy_tags);
      sqlite3_bind_int (stmt, 19, js->stopped);
      if (!_drso_sandbox_world_step_done (world, stmt, error))
        goto failed;
    }

  if (!_drso_sandbox_world_save_counter (world, error))
    goto failed;
  return _drso_sandbox_world_commit (world, error);

failed:
  _drso_sandbox_world_rollback (world);
  return FALSE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
load_jobs (DrsoSandboxWorld  *world,
           GError           **error)
{
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
    world,
    "SELECT job_id, sequence, account_id, type, is_drill, created, pending, finish, tags "
    "FROM jobs ORDER BY sequence",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoSandboxJob *job = job_new ();
      g_autoptr(JsonNode) tags = json_from_string ((const char *) sqlite3_column_text (stmt, 8),
                                                   NULL);

      job->job_id = column_dup (stmt, 0);
      job->sequence = sqlite3_column_int64 (stmt, 1);
      job->account_id = column_dup (stmt, 2);
      job->type = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "TERMINATE") == 0 ?
                  DRSO_SANDBOX_JOB_TERMINATE : DRSO_SANDBOX_JOB_LAUNCH;
      job->is_drill = sqlite3_column_int (stmt, 4) != 0;
      job->created = sqlite3_column_int64 (stmt, 5);
      job->pending = sqlite3_column_int64 (stmt, 6);
      job->finish = sqlite3_column_int64 (stmt, 7);
      job->tags = tags != NULL && JSON_NODE_HOLDS_OBJECT (tags) ?
                  json_object_ref (json_node_get_object (tags)) : json_object_new ();
      g_ptr_array_add (world->jobs, job);
      g_hash_table_insert (world->jobs_by_id, job->job_id, job);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_sandbox_world_storage_error (world, error);
  return TRUE;
}

static gboolean
load_job_servers (DrsoSandboxWorld  *world,
                  GError           **error)
{
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
    world,
    "SELECT s.job_id, s.server_id, s.instance_id, s.conversion_server_id, s.snapshot_id, "
    "s.point_in_time, s.begin, s.snapshot, s.conversion, s.launch, s.boot, s.checks, "
    "s.cleanup, s.outcome, s.name, s.private_ip, s.copy_tags, s.stopped "
    "FROM job_servers s JOIN jobs j USING (job_id) ORDER BY j.sequence, s.position",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoSandboxJob *job = g_hash_table_lookup (world->jobs_by_id,
                                                 sqlite3_column_text (stmt, 0));
      DrsoSandboxServer *server = g_hash_table_lookup (world->servers_by_id,
                                                       sqlite3_column_text (stmt, 1));
      const char *outcome = (const char *) sqlite3_column_text (stmt, 13);
      DrsoSandboxJobServer *js;

      if (server == NULL)
        {
          g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                       "The Sandbox's job %s names the source server %s, which its estate "
                       "does not have", job->job_id, sqlite3_column_text (stmt, 1));
          sqlite3_reset (stmt);
          return FALSE;
        }

      js = g_new0 (DrsoSandboxJobServer, 1);
      js->job = job;
      js->server = server;
      js->instance_id = column_dup (stmt, 2);
      js->conversion_server_id = column_dup (stmt, 3);
      js->snapshot_id = column_dup (stmt, 4);
      js->point_in_time = sqlite3_column_int64 (stmt, 5);
      js->begin = sqlite3_column_int64 (stmt, 6);
      js->snapshot = sqlite3_column_int64 (stmt, 7);
      js->conversion = sqlite3_column_int64 (stmt, 8);
      js->launch = sqlite3_column_int64 (stmt, 9);
      js->boot = sqlite3_column_int64 (stmt, 10);
      js->checks = sqlite3_column_int64 (stmt, 11);
      js->cleanup = sqlite3_column_int64 (stmt, 12);
      for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
        {
          if (g_strcmp0 (outcome, outcome_names[i]) == 0)
            js->outcome = i;
        }
      js->name = column_dup (stmt, 14);
      js->private_ip = column_dup (stmt, 15);
      js->copy_tags = sqlite3_column_int (stmt, 16) != 0;
      js->stopped = sqlite3_column_int (stmt, 17) != 0;
      g_ptr_array_add (job->servers, js);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_sandbox_world_storage_error (world, error);
  return TRUE;
}

gboolean
_drso_sandbox_jobs_load (DrsoSandboxWorld  *world,
                         GError           **error)
{
  if (!load_jobs (world, error) || !load_job_servers (world, error))
    return FALSE;
  for (guint i = 0; i < world->jobs->len; i++)
    _drso_sandbox_index_job (world, g_ptr_array_index (world->jobs, i));
  return TRUE;
}

/* Creating jobs */

static DrsoSandboxJob *
new_job (DrsoSandboxWorld   *world,
         const char         *account_id,
         DrsoSandboxJobType  type,
         gint64              now)
{
  DrsoSandboxJob *job = job_new ();
  g_autoptr(GRand) rand = NULL;

  job->job_id = _drso_sandbox_world_next_id (world, "drsjob-");
  job->account_id = g_strdup (account_id);
  job->type = type;
  job->created = now;
  job->sequence = world->jobs->len > 0 ?
    ((DrsoSandboxJob *) g_ptr_array_index (world->jobs, world->jobs->len - 1))->sequence + 1 : 1;

  rand = _drso_sandbox_rand_new (world->seed, "draw/%s", job->job_id);
  job->pending = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 5, 20));
  job->finish = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 2, 10));
  return job;
}

/* Stores @job and adds it to the world; on failure, takes back the IDs it
 * used. Takes @job. */
static DrsoSandboxJob *
commit_job (DrsoSandboxWorld  *world,
            DrsoSandboxJob    *job,
            gint64             counter,
            GError           **error)
{
  g_autoptr(DrsoSandboxJob) owned = job;

  if (!save_job (world, job, error))
    {
      world->id_counter = counter;
      return NULL;
    }
  g_ptr_array_add (world->jobs, g_steal_pointer (&owned));
  g_hash_table_insert (world->jobs_by_id, job->job_id, job);
  _drso_sandbox_index_job (world, job);
  return job;
}

/* The servers of the account's unfinished jobs (server → job), and how many
 * LAUNCH jobs are unfinished. */
static GHashTable *
busy_servers (DrsoSandboxWorld *world,
              const char       *account_id,
              gint64            now,
              guint            *n_launch_jobs)
{
  GHashTable *busy = g_hash_table_new (NULL, NULL);

  *n_launch_jobs = 0;
  for (guint i = 0; i < world->jobs->len; i++)
    {
      DrsoSandboxJob *job = g_ptr_array_index (world->jobs, i);

      if (!g_str_equal (job->account_id, account_id) || _drso_sandbox_job_end (job) <= now)
        continue;
      if (job->type == DRSO_SANDBOX_JOB_LAUNCH)
        (*n_launch_jobs)++;
      for (guint j = 0; j < job->servers->len; j++)
        {
          DrsoSandboxJobServer *js = g_ptr_array_index (job->servers, j);

          g_hash_table_insert (busy, js->server, job);
        }
    }
  return busy;
}

/* The snapshot a launch starts from: the one asked for, or the latest when
 * the server no longer replicates (NULL: a new one is taken). */
static gboolean
find_snapshot (DrsoSandboxWorld          *world,
               const DrsoSandboxServer   *server,
               const char                *snapshot_id,
               gint64                     now,
               DrsoSandboxSnapshot       *found,
               GError                   **error,
               DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GArray) snapshots = NULL;

  if (snapshot_id == NULL && _drso_sandbox_server_replicates (server))
    return FALSE;

  snapshots = _drso_sandbox_server_snapshots (world, server, now);
  for (guint i = 0; snapshot_id != NULL && i < snapshots->len; i++)
    {
      DrsoSandboxSnapshot *snapshot = &g_array_index (snapshots, DrsoSandboxSnapshot, i);

      if (g_str_equal (snapshot->snapshot_id, snapshot_id))
        {
          *found = *snapshot;
          return TRUE;
        }
    }
  if (snapshot_id != NULL)
    {
      drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_NOT_FOUND, snapshot_id,
                              "RECOVERY_SNAPSHOT",
                              "Source server %s has no recovery snapshot %s", server->server_id,
                              snapshot_id);
      return FALSE;
    }

  /* The estate gives every server snapshots from before it stopped. */
  g_assert (snapshots->len > 0);
  *found = g_array_index (snapshots, DrsoSandboxSnapshot, snapshots->len - 1);
  return TRUE;
}

static DrsoSandboxJobServer *
new_launch (DrsoSandboxWorld          *world,
            DrsoSandboxJob            *job,
            DrsoSandboxServer         *server,
            const DrsoSandboxSnapshot *snapshot)
{
  const DrsoSandboxAccountInfo *account = _drso_sandbox_find_account (server->account_id);
  g_autoptr(JsonObject) config = _drso_sandbox_launch_configuration (world, server);
  g_autoptr(GRand) rand = NULL;
  DrsoSandboxJobServer *js = g_new0 (DrsoSandboxJobServer, 1);

  js->job = job;
  js->server = server;
  js->instance_id = _drso_sandbox_world_next_id (world, "i-");
  js->conversion_server_id = _drso_sandbox_world_next_id (world, "i-");

  rand = _drso_sandbox_rand_new (world->seed, "draw/%s/%s", job->job_id, server->server_id);
  js->begin = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 0, 5));
  js->snapshot = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 60, 180));
  js->conversion = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 180, 600));
  js->launch = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 60, 240));
  js->boot = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 20, 60));
  js->checks = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 60, 180));
  js->cleanup = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 30, 90));
  if (snapshot != NULL)
    {
      js->snapshot_id = g_strdup (snapshot->snapshot_id);
      js->point_in_time = snapshot->taken;
      js->snapshot = 0;
    }

  if (_drso_sandbox_world_server_matches ((const char * const *) world->stalling_servers, server))
    js->outcome = DRSO_SANDBOX_OUTCOME_STALLED;
  else if (_drso_sandbox_world_server_matches ((const char * const *) world->failing_servers,
                                               server))
    js->outcome = DRSO_SANDBOX_OUTCOME_FAILED;

  js->name = g_strdup (json_object_get_string_member_with_default (config, "name",
                                                                   server->hostname));
  js->copy_tags = json_object_get_boolean_member_with_default (config, "copyTags", TRUE);
  js->stopped = g_strcmp0 (json_object_get_string_member_with_default (config,
                                                                       "launchDisposition",
                                                                       "STARTED"),
                           "STOPPED") == 0;
  if (json_object_get_boolean_member_with_default (config, "copyPrivateIp", FALSE))
    js->private_ip = g_strdup (server->private_ip);
  else
    js->private_ip = g_strdup_printf ("10.%u.%u.%u", account->network,
                                      64 * server->zone + 32 + g_rand_int_range (rand, 0, 32),
                                      g_rand_int_range (rand, 4, 255));
  return js;
}

DrsoSandboxJob *
_drso_sandbox_start_recovery (DrsoSandboxWorld                *world,
                              const char                      *account_id,
                              const DrsoSandboxLaunchRequest  *requests,
                              guint                            n_requests,
                              gboolean                         is_drill,
                              JsonObject                      *tags,
                              GError                         **error,
                              DrsoSandboxErrorDetails        **details)
{
  gint64 now = drso_sandbox_world_now (world);
  gint64 counter = world->id_counter;
  g_autofree DrsoSandboxServer **servers = g_new0 (DrsoSandboxServer *, n_requests);
  g_autofree DrsoSandboxSnapshot *snapshots = g_new0 (DrsoSandboxSnapshot, n_requests);
  g_autofree gboolean *earlier = g_new0 (gboolean, n_requests);
  g_autoptr(GHashTable) busy = NULL;
  g_autoptr(GHashTable) asked = g_hash_table_new (NULL, NULL);
  DrsoSandboxJob *job;
  guint n_launch_jobs;

  if (n_requests > MAX_SERVERS_PER_JOB)
    {
      _drso_sandbox_set_quota_error (error, details, "servers-per-job", "JOB",
                                     "A recovery job takes at most %d source servers, and this "
                                     "one names %u", MAX_SERVERS_PER_JOB, n_requests);
      return NULL;
    }

  for (guint i = 0; i < n_requests; i++)
    {
      servers[i] = _drso_sandbox_world_find_server (world, account_id, requests[i].server_id);
      if (servers[i] == NULL)
        {
          drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_NOT_FOUND,
                                  requests[i].server_id, "SOURCE_SERVER",
                                  "There is no source server %s in account %s",
                                  requests[i].server_id, account_id);
          return NULL;
        }
      if (!g_hash_table_add (asked, servers[i]))
        {
          _drso_sandbox_set_validation_error (error, details, "sourceServers",
                                              "The source server %s is named more than once",
                                              requests[i].server_id);
          return NULL;
        }
    }

  busy = busy_servers (world, account_id, now, &n_launch_jobs);
  for (guint i = 0; i < n_requests; i++)
    {
      DrsoSandboxJob *other = g_hash_table_lookup (busy, servers[i]);

      if (other != NULL)
        {
          drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_CONFLICT,
                                  servers[i]->server_id, "SOURCE_SERVER",
                                  "The source server %s is already in the job %s, which has "
                                  "not completed", servers[i]->server_id, other->job_id);
          return NULL;
        }
    }
  if (n_launch_jobs >= MAX_LAUNCH_JOBS)
    {
      _drso_sandbox_set_quota_error (error, details, "concurrent-jobs", "JOB",
                                     "%u recovery jobs have not completed yet, and DRS runs at "
                                     "most %d at once", n_launch_jobs, MAX_LAUNCH_JOBS);
      return NULL;
    }
  if (g_hash_table_size (busy) + n_requests > MAX_SERVERS_IN_JOBS)
    {
      _drso_sandbox_set_quota_error (error, details, "servers-in-jobs", "SOURCE_SERVER",
                                     "Jobs that have not completed hold %u source servers; "
                                     "%u more would pass the limit of %d",
                                     g_hash_table_size (busy), n_requests, MAX_SERVERS_IN_JOBS);
      return NULL;
    }

  for (guint i = 0; i < n_requests; i++)
    {
      g_autoptr(GError) local_error = NULL;

      earlier[i] = find_snapshot (world, servers[i], requests[i].snapshot_id, now, &snapshots[i],
                                  &local_error, details);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  job = new_job (world, account_id, DRSO_SANDBOX_JOB_LAUNCH, now);
  job->is_drill = is_drill;
  job->tags = tags ? json_object_ref (tags) : json_object_new ();
  for (guint i = 0; i < n_requests; i++)
    g_ptr_array_add (job->servers,
                     new_launch (world, job, servers[i], earlier[i] ? &snapshots[i] : NULL));
  return commit_job (world, job, counter, error);
}

DrsoSandboxJob *
_drso_sandbox_terminate_recoveries (DrsoSandboxWorld          *world,
                                    const char                *account_id,
                                    const char * const        *instance_ids,
                                    guint                      n_ids,
                                    GError                   **error,
                                    DrsoSandboxErrorDetails  **details)
{
  gint64 now = drso_sandbox_world_now (world);
  gint64 counter = world->id_counter;
  g_autoptr(GHashTable) asked = g_hash_table_new (NULL, NULL);
  g_autofree DrsoSandboxRecovery **recoveries = g_new0 (DrsoSandboxRecovery *, n_ids);
  DrsoSandboxJob *job;

  for (guint i = 0; i < n_ids; i++)
    {
      DrsoSandboxRecovery *recovery = g_hash_table_lookup (world->recoveries_by_id,
                                                           instance_ids[i]);

      if (recovery == NULL || !g_str_equal (recovery->launch->job->account_id, account_id) ||
          !_drso_sandbox_recovery_listed (recovery, now))
        {
          drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_NOT_FOUND, instance_ids[i],
                                  "RECOVERY_INSTANCE", "There is no recovery instance %s in "
                                  "account %s", instance_ids[i], account_id);
          return NULL;
        }
      if (!g_hash_table_add (asked, recovery))
        {
          _drso_sandbox_set_validation_error (error, details, "recoveryInstanceIDs",
                                              "The recovery instance %s is named more than once",
                                              instance_ids[i]);
          return NULL;
        }
      if (recovery->cleanup != NULL)
        {
          drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_CONFLICT, instance_ids[i],
                                  "RECOVERY_INSTANCE", "The recovery instance %s is already "
                                  "being terminated by the job %s", instance_ids[i],
                                  recovery->cleanup->job->job_id);
          return NULL;
        }
      recoveries[i] = recovery;
    }

  job = new_job (world, account_id, DRSO_SANDBOX_JOB_TERMINATE, now);
  job->tags = json_object_new ();
  for (guint i = 0; i < n_ids; i++)
    {
      DrsoSandboxJobServer *js = g_new0 (DrsoSandboxJobServer, 1);
      g_autoptr(GRand) rand = _drso_sandbox_rand_new (world->seed, "draw/%s/%s", job->job_id,
                                                      instance_ids[i]);

      js->job = job;
      js->server = recoveries[i]->launch->server;
      js->instance_id = g_strdup (instance_ids[i]);
      js->begin = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 0, 5));
      js->cleanup = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 30, 90));
      g_ptr_array_add (job->servers, js);
    }
  return commit_job (world, job, counter, error);
}
