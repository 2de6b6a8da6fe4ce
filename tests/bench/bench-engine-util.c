/* bench-engine-util.c
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

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "drso-discovery.h"
#include "drso-sandbox.h"
#include "bench-engine-util.h"

/* The environment of "meson test --benchmark" when run by hand: the
 * build's GSettings schemas and the memory backend (the role is then
 * administrator, whatever this desktop's setting says), no proxy. */
void
bench_setup_environment (void)
{
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);
}

const char *
bench_default_drso (void)
{
  return BENCH_DRSO;
}

static gboolean
read_url (BenchEstate  *estate,
          GError      **error)
{
  g_autoptr(GDataInputStream) lines =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (estate->process));

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, error);

      if (line == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "drso sandbox stopped before it printed its URL: run it by hand "
                         "to see why");
          return FALSE;
        }
      if (g_str_has_prefix (line, "export AWS_ENDPOINT_URL="))
        {
          estate->url = g_strdup (line + strlen ("export AWS_ENDPOINT_URL="));
          return TRUE;
        }
    }
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  DrsoSourceServer *sa = *(DrsoSourceServer **) a;
  DrsoSourceServer *sb = *(DrsoSourceServer **) b;

  return g_strcmp0 (drso_source_server_get_source_server_id (sa),
                    drso_source_server_get_source_server_id (sb));
}

/* Starts "drso sandbox" with a state file in a new temporary folder, opens
 * a store there (it starts with the Sandbox's built-in account), and
 * discovers the estate. */
BenchEstate *
bench_estate_new (const char  *drso,
                  double       time_scale,
                  guint        estate_size,
                  guint64      seed,
                  GError     **error)
{
  g_autoptr(BenchEstate) estate = g_new0 (BenchEstate, 1);
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *scale = g_strdup_printf ("%g", time_scale);
  g_autofree char *size = g_strdup_printf ("%u", estate_size);
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  g_autofree char *store_path = NULL;
  GListModel *servers;

  estate->dir = g_dir_make_tmp ("drso-bench-engine-XXXXXX", error);
  if (estate->dir == NULL)
    return NULL;
  estate->state_file = g_build_filename (estate->dir, "sandbox.db", NULL);
  store_path = g_build_filename (estate->dir, "store.db", NULL);

  estate->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE, error,
                                      drso, "sandbox", "--time-scale", scale, "--estate", size,
                                      "--seed", seed_text, "--state-file", estate->state_file,
                                      NULL);
  if (estate->process == NULL || !read_url (estate, error))
    return NULL;

  estate->client = drso_aws_client_new ();
  drso_aws_client_set_sandbox_url (estate->client, estate->url);
  estate->store = drso_store_new (store_path, error);
  if (estate->store == NULL)
    return NULL;

  discovery = drso_discovery_new (estate->store, DRSO_SANDBOX_ACCOUNT_ID, NULL, estate->client);
  drso_discovery_run_async (discovery, NULL, done_cb, &result);
  if (!drso_discovery_run_finish (discovery, wait_for (&result), NULL, error))
    return NULL;

  /* The servers that replicate: stalled, disconnected or backlogged ones
   * are no part of a timing. In a fixed order, so that runs compare. */
  estate->servers = g_ptr_array_new_with_free_func (g_object_unref);
  servers = drso_store_get_source_servers (estate->store);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) == 0 &&
          g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") == 0)
        g_ptr_array_add (estate->servers, g_steal_pointer (&server));
    }
  g_ptr_array_sort (estate->servers, compare_by_id);
  return g_steal_pointer (&estate);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
bench_estate_free (BenchEstate *estate)
{
  if (estate->process != NULL)
    {
      g_subprocess_send_signal (estate->process, SIGTERM);
      g_subprocess_wait (estate->process, NULL, NULL);
      g_clear_object (&estate->process);
    }
  g_clear_pointer (&estate->servers, g_ptr_array_unref);
  g_clear_object (&estate->store);
  g_clear_object (&estate->client);
  if (estate->dir != NULL)
    remove_tree (estate->dir);
  g_free (estate->dir);
  g_free (estate->state_file);
  g_free (estate->url);
  g_free (estate);
}

/* A plan of @n_waves waves, wave i a protection group of the next @sizes[i]
 * servers, without pauses; stored. */
DrsoRecoveryPlan *
bench_estate_add_plan (BenchEstate  *estate,
                       const char   *name,
                       const guint  *sizes,
                       guint         n_waves,
                       GError      **error)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new (name);

  for (guint i = 0; i < n_waves; i++)
    {
      g_autofree char *group_name = g_strdup_printf ("%s, wave %u", name, i + 1);
      g_autofree char *wave_name = g_strdup_printf ("Wave %u", i + 1);
      g_autoptr(DrsoProtectionGroup) group = NULL;
      g_autoptr(DrsoWave) wave = drso_wave_new (wave_name);

      if (estate->next + sizes[i] > estate->servers->len)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The estate has %u servers that replicate, too few: give a larger "
                       "--estate", estate->servers->len);
          return NULL;
        }
      group = drso_protection_group_new (group_name, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
      for (guint j = 0; j < sizes[i]; j++)
        drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                      g_ptr_array_index (estate->servers,
                                                                         estate->next++)));
      if (!drso_store_create_protection_group (estate->store, group, error))
        return NULL;
      drso_wave_add_protection_group_id (wave, drso_protection_group_get_group_id (group));
      drso_recovery_plan_append_wave (plan, wave);
    }
  if (!drso_store_create_recovery_plan (estate->store, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

/* The Sandbox's own record of @job_id, read from its state file (its
 * tables "jobs" and "job_servers", durations in µs already divided by the
 * time scale): creationDateTime is "created"; a server ends at
 * created + pending + begin + snapshot + conversion + launch; endDateTime is
 * the last server's end + finish; an instance's status checks pass at its
 * server's end + boot + checks. The same sums the Sandbox answers
 * DescribeJobs and DescribeInstanceStatus with. */
gboolean
bench_estate_job_times (BenchEstate    *estate,
                        const char     *job_id,
                        BenchJobTimes  *times,
                        GError        **error)
{
  static const char sql[] =
    "SELECT j.created, j.pending, j.finish, s.begin, s.snapshot, s.conversion, s.launch, "
    "       s.boot, s.checks, s.outcome "
    "FROM jobs j JOIN job_servers s USING (job_id) WHERE j.job_id = ?1";
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 last = 0;
  int rc;

  memset (times, 0, sizeof *times);
  rc = sqlite3_open_v2 (estate->state_file, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, job_id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 start = sqlite3_column_int64 (stmt, 0) + sqlite3_column_int64 (stmt, 1);
          gint64 end = start + sqlite3_column_int64 (stmt, 3) + sqlite3_column_int64 (stmt, 4) +
                       sqlite3_column_int64 (stmt, 5) + sqlite3_column_int64 (stmt, 6);
          const char *outcome = (const char *) sqlite3_column_text (stmt, 9);

          times->created = sqlite3_column_int64 (stmt, 0);
          times->ended = sqlite3_column_int64 (stmt, 2);   /* finish, for now */
          times->n_servers++;
          last = MAX (last, end);
          if (g_strcmp0 (outcome, "LAUNCHED") == 0)
            {
              times->n_launched++;
              times->healthy = MAX (times->healthy, end + sqlite3_column_int64 (stmt, 7) +
                                                    sqlite3_column_int64 (stmt, 8));
            }
        }
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK || times->n_servers == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Reading job %s from %s: %s", job_id,
                 estate->state_file, rc != SQLITE_OK ? sqlite3_errmsg (db) : "no such job");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (rc != SQLITE_OK || times->n_servers == 0)
    return FALSE;
  times->ended += last;
  times->healthy = MAX (times->healthy, times->ended);
  return TRUE;
}

/* An engine on the estate's store and client; a negative poll setting
 * keeps the engine's default. */
DrsoEngine *
bench_engine_new (BenchEstate *estate,
                  double       poll_min,
                  double       poll_max,
                  double       poll_factor)
{
  DrsoEngine *engine = drso_engine_new (estate->store, estate->client);

  if (poll_min >= 0)
    g_object_set (engine, "poll-min-interval", poll_min, NULL);
  if (poll_max >= 0)
    g_object_set (engine, "poll-max-interval", poll_max, NULL);
  if (poll_factor >= 0)
    g_object_set (engine, "poll-factor", poll_factor, NULL);
  return engine;
}

void
bench_print_poll_settings (DrsoEngine *engine)
{
  double min, max, factor;
  guint health;

  g_object_get (engine, "poll-min-interval", &min, "poll-max-interval", &max,
                "poll-factor", &factor, "health-timeout", &health, NULL);
  g_print ("engine: poll-min-interval %g s, poll-max-interval %g s, poll-factor %g, "
           "health-timeout %u s\n", min, max, factor, health);
}

/* CPU and memory */

double
bench_self_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* utime + stime of a child still running, from /proc/PID/stat. */
double
bench_process_cpu_seconds (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (process));
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after = strrchr (stat, ')')) == NULL)
    return 0;
  /* After "pid (comm)": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}

/* VmHWM of this process image (see bench-discovery.c). */
double
bench_peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nVmHWM:")) != NULL)
    return g_ascii_strtod (line + strlen ("\nVmHWM:"), NULL) / 1024.0;
  return 0;
}

double
bench_seconds (gint64 from,
               gint64 to)
{
  return (to - from) / (double) G_USEC_PER_SEC;
}
