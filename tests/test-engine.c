/* test-engine.c
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

#include <sys/wait.h>

#include "drso-discovery.h"
#include "drso-drs.h"
#include "drso-engine.h"
#include "drso-error.h"
#include "drso-sandbox.h"
#include "drso-test-util.h"

/* The execution engine against the in-process Sandbox over HTTP, its clock
 * sped up so that a drill takes seconds: waves, pause and resume, launch
 * failures and retries, optional servers, cancel, a wave larger than one
 * DRS job, permissions, adoption by a second engine, and faults; the
 * readiness check and the discovery before a start. Jobs are counted
 * through DescribeJobs on the Sandbox: no server is launched twice. */

#define TIME_SCALE 1500.0

typedef struct
{
  DrsoSandbox   *sandbox;
  DrsoAwsClient *client;
  DrsoStore     *store;
  DrsoEngine    *engine;
  GPtrArray     *signals;    /* "name:args" of every signal seen */
  GPtrArray     *servers;    /* DrsoSourceServer of the simulated account, healthy first */
} Fixture;

static void
record (Fixture    *fixture,
        const char *format,
        ...) G_GNUC_PRINTF (2, 3);

static void
record (Fixture    *fixture,
        const char *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (fixture->signals, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
wave_started_cb (DrsoEngine *engine, const char *id, guint wave, Fixture *fixture)
{
  record (fixture, "wave-started:%u", wave);
}

static void
wave_completed_cb (DrsoEngine *engine, const char *id, guint wave, DrsoWaveStatus status,
                   Fixture *fixture)
{
  record (fixture, "wave-completed:%u:%s", wave, drso_wave_status_to_string (status));
}

static void
paused_cb (DrsoEngine *engine, const char *id, guint wave, Fixture *fixture)
{
  record (fixture, "paused:%u", wave);
}

static void
finished_cb (DrsoEngine *engine, const char *id, DrsoExecutionStatus status, Fixture *fixture)
{
  record (fixture, "finished:%s", drso_execution_status_to_string (status));
}

static void
server_changed_cb (DrsoEngine *engine, const char *id, guint wave, const char *server,
                   Fixture *fixture)
{
  g_assert_nonnull (server);
  record (fixture, "server-changed");
}

static DrsoEngine *
new_engine (Fixture *fixture)
{
  DrsoEngine *engine = drso_engine_new (fixture->store, fixture->client);

  g_object_set (engine, "poll-min-interval", 0.02, "poll-max-interval", 0.2, NULL);
  g_signal_connect (engine, "wave-started", G_CALLBACK (wave_started_cb), fixture);
  g_signal_connect (engine, "wave-completed", G_CALLBACK (wave_completed_cb), fixture);
  g_signal_connect (engine, "paused", G_CALLBACK (paused_cb), fixture);
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), fixture);
  g_signal_connect (engine, "server-changed", G_CALLBACK (server_changed_cb), fixture);
  return engine;
}

static gboolean
is_healthy (DrsoSourceServer *server)
{
  return g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") == 0 &&
         drso_source_server_get_lag_seconds (server) <= 60;
}

static void
set_up_size (Fixture *fixture,
             guint    estate_size)
{
  GListModel *servers;

  fixture->sandbox = drso_test_sandbox_start (TIME_SCALE, 11, estate_size);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.001);
  drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));
  fixture->store = drso_test_open_store ();
  drso_test_add_sandbox_accounts (fixture->store, fixture->sandbox);
  drso_test_discover (fixture->store, fixture->client, DRSO_SANDBOX_ACCOUNT_ID);

  /* The servers that replicate without lag first, so that the plans of
   * the tests pass the readiness check; then the others. */
  fixture->servers = g_ptr_array_new_with_free_func (g_object_unref);
  servers = drso_store_get_source_servers (fixture->store);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
        {
          g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

          if (g_strcmp0 (drso_source_server_get_account_id (server),
                         DRSO_SANDBOX_ACCOUNT_ID) != 0 ||
              is_healthy (server) != (pass == 0))
            continue;
          g_ptr_array_add (fixture->servers, g_steal_pointer (&server));
        }
    }
  fixture->signals = g_ptr_array_new_with_free_func (g_free);
  fixture->engine = new_engine (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  set_up_size (fixture, GPOINTER_TO_UINT (data));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->engine);
  /* The role is the process's: the next test starts as administrator. */
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  g_clear_pointer (&fixture->servers, g_ptr_array_unref);
  g_clear_pointer (&fixture->signals, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
}

/* A protection group of the servers @first to @first + @n - 1. */
static char *
create_group (Fixture *fixture,
              guint    first,
              guint    n)
{
  g_autofree char *name = g_strdup_printf ("Group %u-%u", first, first + n - 1);
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID,
                                                                    DRSO_SANDBOX_REGION);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (first + n, <=, fixture->servers->len);
  for (guint i = first; i < first + n; i++)
    drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                  g_ptr_array_index (fixture->servers, i)));
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

/* A plan of one wave per entry of @sizes (0-terminated), each wave a group
 * of that many servers; @pause_wave pauses before that wave (0: none). */
static DrsoRecoveryPlan *
new_plan (Fixture     *fixture,
          const guint *sizes,
          guint        pause_wave)
{
  DrsoRecoveryPlan *plan = drso_recovery_plan_new ("Plan");
  guint next = 0;

  for (guint i = 0; sizes[i] != 0; i++)
    {
      g_autofree char *wave_name = g_strdup_printf ("Wave %u", i + 1);
      g_autofree char *group_id = create_group (fixture, next, sizes[i]);
      g_autoptr(DrsoWave) wave = drso_wave_new (wave_name);

      drso_wave_add_protection_group_id (wave, group_id);
      drso_wave_set_pause_before_wave (wave, i + 1 == pause_wave);
      drso_recovery_plan_append_wave (plan, wave);
      next += sizes[i];
    }
  return plan;
}

static void
store_plan (Fixture          *fixture,
            DrsoRecoveryPlan *plan)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_store_create_recovery_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
}

static DrsoExecution *
start (Fixture            *fixture,
       DrsoRecoveryPlan   *plan,
       DrsoExecutionType   type,
       GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_engine_start_execution_async (fixture->engine, drso_recovery_plan_get_plan_id (plan), type,
                                     NULL, drso_test_done_cb, &result);
  return drso_engine_start_execution_finish (fixture->engine, drso_test_wait_for (&result),
                                             error);
}

static gboolean
seen (Fixture    *fixture,
      const char *signal)
{
  for (guint i = 0; i < fixture->signals->len; i++)
    if (g_str_equal (g_ptr_array_index (fixture->signals, i), signal))
      return TRUE;
  return FALSE;
}

/* Runs the main loop until @signal was seen; a guard against hanging, not
 * a timed assertion. */
static void
wait_for_signal (Fixture    *fixture,
                 const char *signal)
{
  gint64 guard = g_get_monotonic_time () + 100 * G_USEC_PER_SEC;

  while (!seen (fixture, signal))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
}

static DrsoExecution *
lookup (Fixture    *fixture,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  DrsoExecution *execution = drso_store_lookup_execution (fixture->store, id, &error);

  g_assert_no_error (error);
  return execution;
}

/* The Sandbox's jobs of the execution @id: how many, and each server's
 * launches (server id → count) in @launches. */
static guint
count_jobs (Fixture    *fixture,
            const char *id,
            GHashTable *launches)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (DRSO_SANDBOX_ACCESS_KEY_ID,
                                                                  DRSO_SANDBOX_SECRET_ACCESS_KEY,
                                                                  NULL, 0);
  g_autoptr(DrsoAwsContext) context = drso_aws_context_new (fixture->client,
                                                            DRSO_SANDBOX_ACCOUNT_ID,
                                                            DRSO_SANDBOX_REGION,
                                                            drso_sandbox_get_url (fixture->sandbox),
                                                            creds);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  drso_drs_describe_jobs_async (context, NULL, NULL, NULL, NULL, drso_test_done_cb, &result);
  jobs = drso_drs_describe_jobs_finish (context, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < jobs->len; i++)
    {
      DrsoDrsJob *job = g_ptr_array_index (jobs, i);
      GListModel *participants = drso_drs_job_get_participating_servers (job);

      if (g_strcmp0 (g_hash_table_lookup (drso_drs_job_get_tags (job), "drso:execution"), id) != 0)
        continue;
      n++;
      for (guint j = 0; launches != NULL && j < g_list_model_get_n_items (participants); j++)
        {
          g_autoptr(DrsoDrsParticipatingServer) p = g_list_model_get_item (participants, j);
          const char *server = drso_drs_participating_server_get_source_server_id (p);

          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (launches, server));

          g_hash_table_insert (launches, g_strdup (server), GUINT_TO_POINTER (n + 1));
        }
    }
  return n;
}

/* Every server of the execution launched once, in one job of its own. */
static void
assert_launched_once (Fixture       *fixture,
                      DrsoExecution *execution,
                      guint          n_jobs)
{
  g_autoptr(GHashTable) launches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *waves = drso_execution_get_wave_runs (execution);
  guint n_servers = 0;

  g_assert_cmpuint (count_jobs (fixture, drso_execution_get_execution_id (execution), launches),
                    ==, n_jobs);
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave);

      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (
                              launches, drso_server_run_get_server_id (server))), ==, 1);
          n_servers++;
        }
    }
  g_assert_cmpuint (g_hash_table_size (launches), ==, n_servers);
}

static void
assert_server_recovered (DrsoServerRun *server)
{
  g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_LAUNCHED);
  g_assert_cmpstr (drso_server_run_get_health (server), ==, "ok");
  g_assert_nonnull (drso_server_run_get_job_id (server));
  g_assert_nonnull (drso_server_run_get_recovery_instance_id (server));
  g_assert_cmpint (drso_server_run_get_launch_requested (server), >, 0);
  g_assert_cmpint (drso_server_run_get_snapshot_start (server), >, 0);
  g_assert_cmpint (drso_server_run_get_snapshot_end (server), >=,
                   drso_server_run_get_snapshot_start (server));
  g_assert_cmpint (drso_server_run_get_conversion_start (server), >=,
                   drso_server_run_get_snapshot_end (server));
  g_assert_cmpint (drso_server_run_get_conversion_end (server), >=,
                   drso_server_run_get_conversion_start (server));
  g_assert_cmpint (drso_server_run_get_launch_start (server), >=,
                   drso_server_run_get_conversion_end (server));
  g_assert_cmpint (drso_server_run_get_launch_end (server), >=,
                   drso_server_run_get_launch_start (server));
  /* All in microseconds, between the intent (the job log has whole
   * seconds) and now. */
  g_assert_cmpint (drso_server_run_get_snapshot_start (server), >=,
                   drso_server_run_get_launch_requested (server) - 2 * G_USEC_PER_SEC);
  g_assert_cmpint (drso_server_run_get_launch_end (server), <=, g_get_real_time ());
}

/* The kinds of the execution's events, in order, as one string. */
static char *
event_kinds (Fixture    *fixture,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = drso_store_list_events (fixture->store, id, 0, &error);
  g_autoptr(GString) kinds = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      DrsoExecutionEvent *event = g_ptr_array_index (events, i);
      DrsoEventKind kind = drso_execution_event_get_kind (event);

      g_assert_nonnull (drso_execution_event_get_actor (event));
      g_assert_cmpint (drso_execution_event_get_time (event), >, 0);
      /* Server changes and job starts vary in number: the waves' story stays. */
      if (kind == DRSO_EVENT_KIND_SERVER_CHANGED || kind == DRSO_EVENT_KIND_JOB_STARTED ||
          kind == DRSO_EVENT_KIND_INFO)
        continue;
      g_string_append_printf (kinds, "%s%s:%u", kinds->len ? " " : "",
                              drso_event_kind_to_string (kind),
                              drso_execution_event_get_wave_number (event));
    }
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

static gboolean
has_event (Fixture       *fixture,
           const char    *id,
           DrsoEventKind  kind,
           const char    *needle)
{
  g_autoptr(GPtrArray) events = drso_store_list_events (fixture->store, id, 0, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      DrsoExecutionEvent *event = g_ptr_array_index (events, i);

      if (drso_execution_event_get_kind (event) == kind &&
          strstr (drso_execution_event_get_message (event), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The servers of the account in @state, up to @n. */
static GPtrArray *
servers_in_state (Fixture    *fixture,
                  const char *state,
                  guint       n)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < fixture->servers->len && found->len < n; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (fixture->servers, i);

      if (g_strcmp0 (drso_source_server_get_replication_state (server), state) == 0)
        g_ptr_array_add (found, server);
    }
  return found;
}

/* A plan of one wave, a group of @servers and @extra_id. */
static DrsoRecoveryPlan *
new_plan_of (Fixture    *fixture,
             const char *name,
             GPtrArray  *servers,
             const char *extra_id)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID,
                                                                    DRSO_SANDBOX_REGION);
  g_autoptr(DrsoWave) wave = drso_wave_new ("Wave 1");
  g_autoptr(GError) error = NULL;
  DrsoRecoveryPlan *plan = drso_recovery_plan_new (name);

  for (guint i = 0; i < servers->len; i++)
    drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                  g_ptr_array_index (servers, i)));
  if (extra_id != NULL)
    drso_protection_group_add_server_id (group, extra_id);
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  drso_wave_add_protection_group_id (wave, drso_protection_group_get_group_id (group));
  drso_recovery_plan_append_wave (plan, wave);
  return plan;
}

static DrsoExecutionEvent *
find_event (Fixture       *fixture,
            const char    *id,
            DrsoEventKind  kind,
            const char    *needle)
{
  g_autoptr(GPtrArray) events = drso_store_list_events (fixture->store, id, 0, NULL);

  for (guint i = 0; i < events->len; i++)
    {
      DrsoExecutionEvent *event = g_ptr_array_index (events, i);

      if (drso_execution_event_get_kind (event) == kind &&
          strstr (drso_execution_event_get_message (event), needle) != NULL)
        return g_object_ref (event);
    }
  return NULL;
}

/* Stalled and disconnected critical servers, and an id DRS does not know:
 * the start is refused, naming the plan and the first blockers, and
 * nothing is stored. Without the check, it starts, and says so. */
static void
test_not_ready (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) members = servers_in_state (fixture, "CONTINUOUS", 1);
  g_autoptr(GPtrArray) stalled = servers_in_state (fixture, "STALLED", 2);
  g_autoptr(GPtrArray) disconnected = servers_in_state (fixture, "DISCONNECTED", 1);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) started = NULL;
  g_autoptr(GError) error = NULL;
  gboolean check = FALSE;
  const char *id;

  g_assert_cmpuint (stalled->len, ==, 2);
  g_assert_cmpuint (disconnected->len, ==, 1);
  g_ptr_array_extend (members, stalled, NULL, NULL);
  g_ptr_array_extend (members, disconnected, NULL, NULL);
  /* Four blockers: two stalled, one disconnected, one unknown. */
  plan = new_plan_of (fixture, "Shaky plan", members, "s-0000000000000000a");
  drso_wave_set_pause_before_wave (drso_recovery_plan_get_wave (plan, 1), TRUE);
  store_plan (fixture, plan);

  g_object_get (fixture->engine, "check-readiness", &check, NULL);
  g_assert_true (check);
  g_assert_null (start (fixture, plan, DRSO_EXECUTION_TYPE_RECOVERY, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_NOT_READY);
  g_assert_nonnull (strstr (error->message, "Shaky plan"));
  g_assert_nonnull (strstr (error->message, "STALLED"));
  g_assert_true (g_str_has_suffix (error->message, "; and 1 more"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_executions (fixture->store)), ==, 0);

  /* A recovery that must go ahead regardless. */
  g_object_set (fixture->engine, "check-readiness", FALSE, NULL);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_RECOVERY, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_WARNING, "without a readiness check"));
  g_assert_false (has_event (fixture, id, DRSO_EVENT_KIND_INFO, "Readiness check"));
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_executions (fixture->store)), ==, 1);
  wait_for_signal (fixture, "paused:1");
  g_assert_true (drso_engine_cancel (fixture->engine, id, &error));
  g_assert_no_error (error);
}

/* A server behind in its replication: the run starts, and its events carry
 * the warning, about that server. */
static void
test_ready_with_warnings (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) members = servers_in_state (fixture, "CONTINUOUS", 1);
  g_autoptr(GPtrArray) backlog = servers_in_state (fixture, "BACKLOG", 1);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(DrsoExecutionEvent) warning = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  g_assert_cmpuint (backlog->len, ==, 1);
  g_ptr_array_extend (members, backlog, NULL, NULL);
  plan = new_plan_of (fixture, "Behind plan", members, NULL);
  store_plan (fixture, plan);

  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  warning = find_event (fixture, id, DRSO_EVENT_KIND_WARNING, "BACKLOG");
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (drso_execution_event_get_message (warning),
                            drso_source_server_get_hostname (g_ptr_array_index (backlog, 0))));
  g_assert_cmpstr (drso_execution_event_get_server_id (warning), ==,
                   drso_source_server_get_source_server_id (g_ptr_array_index (backlog, 0)));
  g_assert_cmpuint (drso_execution_event_get_wave_number (warning), ==, 1);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_INFO,
                            "Readiness check: the run starts with 1 warning"));
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, id);
  assert_launched_once (fixture, done, 1);
}

/* A group of tag criteria in an account never discovered: discovered
 * before the run, which recovers what the criteria match now. With a
 * maximum age of 0, a fresh discovery is made again. */
static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = drso_sandbox_list_accounts (fixture->sandbox);
  const char *target = drso_account_get_account_id (g_ptr_array_index (accounts, 1));
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Payroll", target,
                                                                    DRSO_SANDBOX_REGION);
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Payroll plan");
  g_autoptr(DrsoWave) wave = drso_wave_new ("Payroll");
  g_autoptr(GPtrArray) healthy = servers_in_state (fixture, "CONTINUOUS", 1);
  g_autoptr(DrsoRecoveryPlan) primary = new_plan_of (fixture, "Primary plan", healthy, NULL);
  g_autoptr(DrsoExecution) started = NULL, done = NULL, again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *discovered = NULL;
  guint max_age = 0;
  gint64 before;
  const char *id;

  drso_protection_group_set_tag (group, "Application", "Payroll");
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  drso_wave_add_protection_group_id (wave, drso_protection_group_get_group_id (group));
  drso_recovery_plan_append_wave (plan, wave);
  store_plan (fixture, plan);
  store_plan (fixture, primary);
  g_assert_cmpint (drso_store_get_discovery_date (fixture->store, target, DRSO_SANDBOX_REGION),
                   ==, 0);

  g_object_get (fixture->engine, "discovery-max-age", &max_age, NULL);
  g_assert_cmpuint (max_age, ==, 900);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  discovered = g_strdup_printf ("Discovered 4 source servers of %s in %s", target,
                                DRSO_SANDBOX_REGION);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_INFO, discovered));
  g_assert_cmpint (drso_store_get_discovery_date (fixture->store, target, DRSO_SANDBOX_REGION),
                   >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (drso_wave_run_get_servers (
                      drso_execution_get_wave_run (started, 1))), ==, 4);
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, id);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (drso_execution_get_wave_run (done, 1)),
                    ==, 4);
  g_ptr_array_set_size (fixture->signals, 0);

  /* Fresh enough by default; always stale at 0. */
  before = drso_store_get_discovery_date (fixture->store, DRSO_SANDBOX_ACCOUNT_ID,
                                          DRSO_SANDBOX_REGION);
  g_assert_cmpint (before, >, 0);
  g_object_set (fixture->engine, "discovery-max-age", 0, NULL);
  again = start (fixture, primary, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&discovered, g_free);
  discovered = g_strdup_printf ("Discovered %u source servers of %s in %s",
                                fixture->servers->len, DRSO_SANDBOX_ACCOUNT_ID,
                                DRSO_SANDBOX_REGION);
  g_assert_true (has_event (fixture, drso_execution_get_execution_id (again),
                            DRSO_EVENT_KIND_INFO, discovered));
  g_assert_cmpint (drso_store_get_discovery_date (fixture->store, DRSO_SANDBOX_ACCOUNT_ID,
                                                  DRSO_SANDBOX_REGION), >=, before);
  wait_for_signal (fixture, "finished:COMPLETED");
}

/* A discovery that fails fails the start, with its error, and nothing is
 * stored. */
static void
test_discovery_fails (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = servers_in_state (fixture, "CONTINUOUS", 1);
  g_autoptr(DrsoRecoveryPlan) plan = new_plan_of (fixture, "Primary plan", healthy, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;

  store_plan (fixture, plan);
  g_object_set (fixture->engine, "discovery-max-age", 0, NULL);
  drso_aws_client_set_max_attempts (fixture->client, 2);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "5xx=1.0", &error));
  g_assert_no_error (error);

  g_assert_null (start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == DRSO_AWS_ERROR);
  prefix = g_strdup_printf ("Could not discover the servers of %s in %s before the run: ",
                            DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_executions (fixture->store)), ==, 0);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, NULL, &error));
}

/* Three waves, a pause before the second: paused, resumed, completed. */
static void
test_drill (Fixture       *fixture,
            gconstpointer  data)
{
  static const guint sizes[] = { 2, 2, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 2);
  g_autoptr(DrsoExecution) started = NULL, paused = NULL, done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kinds = NULL, *owner = NULL;
  const char *id;
  GListModel *waves;

  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  g_assert_cmpint (drso_execution_get_status (started), ==, DRSO_EXECUTION_STATUS_RUNNING);
  g_assert_cmpuint (drso_execution_get_total_waves (started), ==, 3);
  g_assert_nonnull (drso_execution_get_initiated_by (started));
  g_assert_true (g_str_has_prefix (drso_execution_get_initiated_by_arn (started), "arn:aws:"));
  g_assert_true (drso_engine_is_driving (fixture->engine, id));
  owner = drso_store_dup_lease_owner (fixture->store, id, NULL);
  g_assert_cmpstr (owner, ==, drso_engine_get_owner (fixture->engine));

  wait_for_signal (fixture, "paused:2");
  paused = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (paused), ==, DRSO_EXECUTION_STATUS_PAUSED);
  g_assert_cmpuint (drso_execution_get_current_wave (paused), ==, 2);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (paused, 1)), ==,
                   DRSO_WAVE_STATUS_COMPLETED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (paused, 2)), ==,
                   DRSO_WAVE_STATUS_PAUSED);
  g_assert_false (seen (fixture, "wave-started:2"));
  /* Paused: no wave to pause before remains in reach of a second pause. */
  g_assert_false (drso_engine_resume (fixture->engine, "exec-none", &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (drso_engine_resume (fixture->engine, id, &error));
  g_assert_no_error (error);
  g_assert_false (drso_engine_resume (fixture->engine, id, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_clear_error (&error);
  wait_for_signal (fixture, "finished:COMPLETED");

  done = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  g_assert_cmpint (drso_execution_get_end_time (done), >=, drso_execution_get_start_time (done));
  g_assert_null (drso_execution_get_errors (done)[0]);
  waves = drso_execution_get_wave_runs (done);
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave);

      g_assert_cmpint (drso_wave_run_get_status (wave), ==, DRSO_WAVE_STATUS_COMPLETED);
      g_assert_cmpuint (g_strv_length ((char **) drso_wave_run_get_job_ids (wave)), ==, 1);
      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

          assert_server_recovered (server);
          g_assert_cmpuint (drso_server_run_get_launch_attempt (server), ==, 1);
        }
    }
  assert_launched_once (fixture, done, 3);

  kinds = event_kinds (fixture, id);
  g_assert_cmpstr (kinds, ==,
                   "EXECUTION_STARTED:0 WAVE_STARTED:1 WAVE_COMPLETED:1 PAUSED:2 RESUMED:2 "
                   "WAVE_STARTED:2 WAVE_COMPLETED:2 WAVE_STARTED:3 WAVE_COMPLETED:3 "
                   "EXECUTION_FINISHED:0");
  /* Checked, and the discovery of the fixture was fresh enough. */
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_INFO, "nothing stands in the way"));
  g_assert_false (has_event (fixture, id, DRSO_EVENT_KIND_INFO, "Discovered"));
  g_assert_true (seen (fixture, "wave-started:1"));
  g_assert_true (seen (fixture, "wave-completed:3:COMPLETED"));
  g_assert_true (seen (fixture, "server-changed"));
  g_assert_false (drso_engine_is_driving (fixture->engine, id));
  g_clear_pointer (&owner, g_free);
  owner = drso_store_dup_lease_owner (fixture->store, id, NULL);
  g_assert_null (owner);
}

/* A launch that fails in wave 2: the execution fails there; retried once
 * the fault is gone, it completes, the failed server in a second attempt. */
static void
test_launch_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint sizes[] = { 1, 2, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, failed = NULL, done = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostname = drso_source_server_get_hostname (g_ptr_array_index (fixture->servers, 2));
  const char *failing_id = drso_source_server_get_source_server_id (
                             g_ptr_array_index (fixture->servers, 2));
  g_autofree char *spec = g_strdup_printf ("fail=%s", hostname);
  DrsoServerRun *server;
  const char *id;

  store_plan (fixture, plan);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, spec, &error));
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  wait_for_signal (fixture, "finished:FAILED");

  failed = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (failed), ==, DRSO_EXECUTION_STATUS_FAILED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (failed, 1)), ==,
                   DRSO_WAVE_STATUS_COMPLETED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (failed, 2)), ==,
                   DRSO_WAVE_STATUS_FAILED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (failed, 3)), ==,
                   DRSO_WAVE_STATUS_PENDING);
  g_assert_nonnull (strstr (drso_execution_get_errors (failed)[0], hostname));
  server = drso_wave_run_find_server (drso_execution_get_wave_run (failed, 2), failing_id);
  g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_FAILED);
  g_assert_nonnull (drso_server_run_get_message (server));
  g_assert_true (seen (fixture, "wave-completed:2:FAILED"));
  g_assert_false (seen (fixture, "wave-started:3"));
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_WAVE_FAILED, hostname));

  /* Retry: only the failed server is launched again. */
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, NULL, &error));
  g_assert_true (drso_engine_retry_wave (fixture->engine, id, &error));
  g_assert_no_error (error);
  g_assert_true (drso_engine_is_driving (fixture->engine, id));
  wait_for_signal (fixture, "finished:COMPLETED");

  done = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  server = drso_wave_run_find_server (drso_execution_get_wave_run (done, 2), failing_id);
  assert_server_recovered (server);
  g_assert_cmpuint (drso_server_run_get_launch_attempt (server), ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) drso_wave_run_get_job_ids (
                      drso_execution_get_wave_run (done, 2))), ==, 2);
  /* Waves 1, 2 and 3, and the retry of one server of wave 2. */
  g_assert_cmpuint (count_jobs (fixture, id, NULL), ==, 4);
}

/* An optional server that fails: the wave and the execution complete, with
 * a warning. */
static void
test_optional_server (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint sizes[] = { 3, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GError) error = NULL;
  DrsoSourceServer *optional = g_ptr_array_index (fixture->servers, 1);
  g_autofree char *spec = g_strdup_printf ("fail=%s", drso_source_server_get_hostname (optional));
  const char *optional_id = drso_source_server_get_source_server_id (optional);

  drso_recovery_plan_set_server_criticality (plan, optional_id, DRSO_SERVER_CRITICALITY_OPTIONAL);
  store_plan (fixture, plan);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, spec, &error));
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_RECOVERY, &error);
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");

  done = lookup (fixture, drso_execution_get_execution_id (started));
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  g_assert_nonnull (drso_execution_get_warnings (done)[0]);
  g_assert_nonnull (strstr (drso_execution_get_warnings (done)[0],
                            drso_source_server_get_hostname (optional)));
  g_assert_true (has_event (fixture, drso_execution_get_execution_id (done),
                            DRSO_EVENT_KIND_WARNING, drso_source_server_get_hostname (optional)));
  g_assert_cmpint (drso_server_run_get_criticality (
                     drso_wave_run_find_server (drso_execution_get_wave_run (done, 1),
                                                optional_id)),
                   ==, DRSO_SERVER_CRITICALITY_OPTIONAL);
}

/* Cancelled while paused before its first wave: nothing was launched. */
static void
test_cancel_paused (Fixture       *fixture,
                    gconstpointer  data)
{
  static const guint sizes[] = { 1, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 1);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  wait_for_signal (fixture, "paused:1");
  g_assert_false (drso_engine_pause (fixture->engine, id, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (drso_engine_cancel (fixture->engine, id, &error));
  g_assert_no_error (error);
  g_assert_true (seen (fixture, "finished:CANCELLED"));
  done = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_CANCELLED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (done, 1)), ==,
                   DRSO_WAVE_STATUS_CANCELLED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (done, 2)), ==,
                   DRSO_WAVE_STATUS_CANCELLED);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_CANCELLED, "No DRS job"));
  g_assert_cmpuint (count_jobs (fixture, id, NULL), ==, 0);
  g_assert_false (drso_engine_is_driving (fixture->engine, id));
  g_assert_false (drso_engine_cancel (fixture->engine, id, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
}

/* A pause asked for while wave 1 runs: wave 1 ends, wave 2 waits. Then a
 * cancel: the log says the running jobs go on. */
static void
test_pause_running (Fixture       *fixture,
                    gconstpointer  data)
{
  static const guint sizes[] = { 2, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, paused = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  g_assert_true (drso_engine_pause (fixture->engine, id, &error));
  g_assert_no_error (error);
  wait_for_signal (fixture, "paused:2");
  g_assert_true (seen (fixture, "wave-completed:1:COMPLETED"));
  paused = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (paused), ==, DRSO_EXECUTION_STATUS_PAUSED);

  g_assert_true (drso_engine_resume (fixture->engine, id, &error));
  wait_for_signal (fixture, "wave-started:2");
  for (;;)
    {
      g_autoptr(DrsoExecution) now = lookup (fixture, id);
      g_autoptr(DrsoServerRun) server =
        g_list_model_get_item (drso_wave_run_get_servers (drso_execution_get_wave_run (now, 2)), 0);

      if (drso_server_run_get_job_id (server) != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (drso_engine_cancel (fixture->engine, id, &error));
  g_assert_no_error (error);
  g_assert_true (seen (fixture, "finished:CANCELLED"));
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_CANCELLED, "cannot be stopped"));
}

/* 250 servers in one wave: three jobs, within DRS's limit of 100 each. */
static void
test_large_wave (Fixture       *fixture,
                 gconstpointer  data)
{
  static const guint sizes[] = { 250, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (fixture->engine, "poll-min-interval", 0.1, NULL);
  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, drso_execution_get_execution_id (started));
  g_assert_cmpuint (g_strv_length ((char **) drso_wave_run_get_job_ids (
                      drso_execution_get_wave_run (done, 1))), ==, 3);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (drso_execution_get_wave_run (done, 1)),
                    ==, 250);
  assert_launched_once (fixture, done, 3);
}

/* Roles: read-only may not start; an operator may start but not manage. */
static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  static const guint sizes[] = { 1, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 2);
  g_autoptr(DrsoExecution) started = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  store_plan (fixture, plan);
  drso_test_set_role (fixture->store, DRSO_ROLE_READ_ONLY);
  g_assert_null (start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (drso_engine_adopt (fixture->engine, &error), ==, 0);
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  drso_test_set_role (fixture->store, DRSO_ROLE_OPERATOR);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  wait_for_signal (fixture, "paused:2");
  g_assert_false (drso_engine_resume (fixture->engine, id, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (drso_engine_cancel (fixture->engine, id, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);

  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  g_assert_true (drso_engine_resume (fixture->engine, id, &error));
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
}

/* The intent of wave 1 is saved and DRS has the job, but the answer never
 * arrives: the engine is dropped. A second engine adopts the execution,
 * finds the job by its tags and launches nothing twice. A third engine, of
 * "another process", finds the execution leased. */
static void
test_adopt (Fixture       *fixture,
            gconstpointer  data)
{
  static const guint sizes[] = { 2, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(DrsoEngine) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 guard = g_get_monotonic_time () + 100 * G_USEC_PER_SEC;
  guint64 n_requests;

  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = g_strdup (drso_execution_get_execution_id (started));
  /* The engine's next request is wave 1's StartRecovery. */
  n_requests = drso_sandbox_get_n_requests (fixture->sandbox);

  /* Answers held back from now on: StartRecovery takes effect, its answer
   * waits. */
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "latency=60000", &error));
  for (;;)
    {
      g_autoptr(DrsoExecution) now = lookup (fixture, id);
      DrsoWaveRun *wave = drso_execution_get_wave_run (now, 1);
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (drso_wave_run_get_servers (wave), 0);

      if (drso_server_run_get_launch_requested (server) != 0)
        {
          g_assert_null (drso_server_run_get_job_id (server));
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
  /* The Sandbox receives it (and makes the job) at a later turn of the loop. */
  while (drso_sandbox_get_n_requests (fixture->sandbox) == n_requests)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&fixture->engine);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, NULL, &error));

  fixture->engine = new_engine (fixture);
  g_assert_cmpuint (drso_engine_adopt (fixture->engine, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (drso_engine_is_driving (fixture->engine, id));
  g_assert_cmpuint (drso_engine_adopt (fixture->engine, &error), ==, 0);

  other = drso_engine_new (fixture->store, fixture->client);
  g_assert_cmpuint (drso_engine_adopt (other, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_false (drso_engine_pause (other, id, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED);
  g_assert_nonnull (strstr (error->message, drso_engine_get_owner (fixture->engine)));
  g_clear_error (&error);

  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, id);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_INFO, "adopted them"));
  assert_launched_once (fixture, done, 2);
}

static gboolean
request (DrsoEngine         *engine,
         const char         *id,
         DrsoEngineControl   control,
         GCancellable       *cancellable,
         GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_engine_request_async (engine, id, control, cancellable, drso_test_done_cb, &result);
  return drso_engine_request_finish (engine, drso_test_wait_for (&result), error);
}

/* Asks for a resume and cancels at once: FALSE with G_IO_ERROR_CANCELLED. */
static gboolean
request_cancelled (DrsoEngine   *engine,
                             const char   *id,
                             GCancellable *cancellable)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  drso_engine_request_async (engine, id, DRSO_ENGINE_CONTROL_RESUME, cancellable,
                             drso_test_done_cb, &result);
  g_cancellable_cancel (cancellable);
  done = drso_engine_request_finish (engine, drso_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return done;
}

/* Controls from an engine that does not drive the execution: written to the
 * store, applied by the driver, its answer (or refusal, with its domain and
 * code) read back; withdrawn when cancelled before the driver took it; and
 * applied here once no live process drives it. */
static void
test_requests (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint sizes[] = { 1, 1, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 2);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(DrsoEngine) other = new_engine (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 until;

  g_assert_cmpstr (drso_engine_get_owner (other), !=, drso_engine_get_owner (fixture->engine));
  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = g_strdup (drso_execution_get_execution_id (started));
  wait_for_signal (fixture, "paused:2");

  /* Refused by the driver, with the driver's error. */
  g_assert_false (request (other, id, DRSO_ENGINE_CONTROL_PAUSE, NULL, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_assert_nonnull (strstr (error->message, "paused"));
  g_clear_error (&error);
  g_assert_false (drso_engine_is_driving (other, id));

  /* Cancelled before the driver looked: withdrawn, never applied. */
  g_assert_false (request_cancelled (other, id, cancellable));
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  done = lookup (fixture, id);
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_PAUSED);
  g_clear_object (&done);

  /* Applied by the driver. */
  g_assert_true (request (other, id, DRSO_ENGINE_CONTROL_RESUME, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (drso_engine_is_driving (fixture->engine, id));
  g_assert_false (drso_engine_is_driving (other, id));
  wait_for_signal (fixture, "wave-started:2");

  /* Pause again from the other engine, then let the driver go: the resume
   * is applied by the asker, which drives the execution to its end. */
  g_assert_true (request (other, id, DRSO_ENGINE_CONTROL_PAUSE, NULL, &error));
  g_assert_no_error (error);
  wait_for_signal (fixture, "paused:3");
  g_clear_object (&fixture->engine);
  g_assert_true (request (other, id, DRSO_ENGINE_CONTROL_RESUME, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (drso_engine_is_driving (other, id));
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, id);
  assert_launched_once (fixture, done, 3);

  /* After the end, the control is refused where it is asked. */
  g_assert_false (request (other, id, DRSO_ENGINE_CONTROL_CANCEL, NULL, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_clear_error (&error);

  /* Driving an ended execution is refused too. */
  g_assert_false (drso_engine_drive (other, id, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_clear_error (&error);
  fixture->engine = g_steal_pointer (&other);
}

/* Throttling and server errors: the execution completes, and no server is
 * launched twice. */
static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  static const guint sizes[] = { 3, 2, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GError) error = NULL;

  store_plan (fixture, plan);
  drso_aws_client_set_max_attempts (fixture->client, 6);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "throttle=0.3,5xx=0.1", &error));
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, NULL, &error));
  done = lookup (fixture, drso_execution_get_execution_id (started));
  g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  assert_launched_once (fixture, done, 2);
}

/* A failed wave skipped: recorded, and the execution goes on to complete. */
static void
test_skip_wave (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint sizes[] = { 1, 1, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = g_strdup_printf ("fail=%s", drso_source_server_get_hostname (
                                             g_ptr_array_index (fixture->servers, 1)));
  const char *id;

  store_plan (fixture, plan);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, spec, &error));
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);
  wait_for_signal (fixture, "finished:FAILED");
  g_assert_false (drso_engine_resume (fixture->engine, id, &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_clear_error (&error);

  g_assert_true (drso_engine_skip_wave (fixture->engine, id, &error));
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, id);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (done, 2)), ==,
                   DRSO_WAVE_STATUS_SKIPPED);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (done, 3)), ==,
                   DRSO_WAVE_STATUS_COMPLETED);
  g_assert_nonnull (drso_execution_get_warnings (done)[0]);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_WARNING, "skipped"));
  assert_launched_once (fixture, done, 3);
}

/* After a drill, its instances terminated: each job followed to its end. */
static void
test_terminate (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint sizes[] = { 2, 1, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(DrsoServerRun) server = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_terminated = 0;
  const char *id;

  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = drso_execution_get_execution_id (started);

  /* Not while it runs. */
  drso_engine_terminate_instances_async (fixture->engine, id, NULL, drso_test_done_cb, &result);
  g_assert_false (drso_engine_terminate_instances_finish (fixture->engine,
                                                          drso_test_wait_for (&result), NULL,
                                                          &error));
  g_assert_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_clear_object (&result);
  wait_for_signal (fixture, "finished:COMPLETED");

  drso_test_set_role (fixture->store, DRSO_ROLE_OPERATOR);
  drso_engine_terminate_instances_async (fixture->engine, id, NULL, drso_test_done_cb, &result);
  g_assert_false (drso_engine_terminate_instances_finish (fixture->engine,
                                                          drso_test_wait_for (&result), NULL,
                                                          &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_clear_error (&error);
  g_clear_object (&result);
  drso_test_set_role (fixture->store, DRSO_ROLE_RECOVERY_MANAGER);

  drso_engine_terminate_instances_async (fixture->engine, id, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_engine_terminate_instances_finish (fixture->engine,
                                                         drso_test_wait_for (&result),
                                                         &n_terminated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_terminated, ==, 3);
  done = lookup (fixture, id);
  g_assert_true (drso_execution_get_instances_terminated (done));
  server = g_list_model_get_item (drso_wave_run_get_servers (drso_execution_get_wave_run (done, 2)),
                                  0);
  g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_TERMINATED);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_INFO, "were terminated"));
  g_assert_null (drso_store_dup_lease_owner (fixture->store, id, NULL));
}

/* More servers than DRS holds in unfinished jobs (500): the rest wait for
 * capacity, then launch. */
static void
test_capacity (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint sizes[] = { 520, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->servers->len < 520)
    {
      g_test_skip ("The estate has fewer than 520 servers in the account");
      return;
    }
  plan = new_plan (fixture, sizes, 0);
  /* Capacity is the point here: the readiness check of 520 servers (some
   * 1,100 calls, covered by test-readiness) is left out, and the run
   * without it goes through to the end. */
  g_object_set (fixture->engine, "poll-min-interval", 0.1, "check-readiness", FALSE, NULL);
  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, drso_execution_get_execution_id (started));
  g_assert_true (has_event (fixture, drso_execution_get_execution_id (done),
                            DRSO_EVENT_KIND_INFO, "wait for running jobs"));
  g_assert_true (has_event (fixture, drso_execution_get_execution_id (done),
                            DRSO_EVENT_KIND_WARNING, "without a readiness check"));
  assert_launched_once (fixture, done, 6);
}

/* More executions at once than DRS runs jobs (20 per account and region):
 * the 21st and 22nd wait for a job to end, then launch; none twice. The
 * Sandbox runs in real time here, so no job ends before the clock is moved
 * on: the waits do not depend on how fast the machine starts 22 drills. */
static guint
count_finished (Fixture *fixture)
{
  guint finished = 0;

  for (guint i = 0; i < fixture->signals->len; i++)
    if (g_str_equal (g_ptr_array_index (fixture->signals, i), "finished:COMPLETED"))
      finished++;
  return finished;
}

static guint
count_waiting (Fixture   *fixture,
               GPtrArray *ids)
{
  guint waited = 0;

  for (guint i = 0; i < ids->len; i++)
    if (has_event (fixture, g_ptr_array_index (ids, i), DRSO_EVENT_KIND_INFO,
                   "wait for running jobs"))
      waited++;
  return waited;
}

static void
test_job_limit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 guard = g_get_monotonic_time () + 100 * G_USEC_PER_SEC;
  gint64 next_advance = 0;

  drso_sandbox_set_time_scale (fixture->sandbox, 1.0);
  g_object_set (fixture->engine, "poll-min-interval", 0.05, "poll-max-interval", 0.2,
                "check-readiness", FALSE, NULL);
  for (guint i = 0; i < 22; i++)
    {
      g_autofree char *name = g_strdup_printf ("Plan %u", i + 1);
      g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new (name);
      g_autoptr(DrsoWave) wave = drso_wave_new ("Wave 1");
      g_autofree char *group_id = create_group (fixture, i, 1);
      g_autoptr(DrsoExecution) started = NULL;

      drso_wave_add_protection_group_id (wave, group_id);
      drso_recovery_plan_append_wave (plan, wave);
      store_plan (fixture, plan);
      started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (ids, g_strdup (drso_execution_get_execution_id (started)));
    }

  /* 20 jobs run; the two others wait. */
  while (count_waiting (fixture, ids) < 2)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (count_waiting (fixture, ids), ==, 2);

  /* Time passes in the Sandbox: the jobs end, the waiting ones launch. */
  while (count_finished (fixture) < ids->len)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      if (g_get_monotonic_time () >= next_advance)
        {
          drso_sandbox_advance (fixture->sandbox, 600);
          next_advance = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DrsoExecution) done = lookup (fixture, g_ptr_array_index (ids, i));

      g_assert_cmpint (drso_execution_get_status (done), ==, DRSO_EXECUTION_STATUS_COMPLETED);
      assert_launched_once (fixture, done, 1);
    }
}

/* An intent whose request never reached DRS (the program stopped first):
 * adoption finds no job and launches the servers, once. */
static void
test_adopt_unsent (Fixture       *fixture,
                   gconstpointer  data)
{
  static const guint sizes[] = { 2, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 1);
  g_autoptr(DrsoExecution) started = NULL, stopped = NULL, done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *live_owner = NULL, *dead_owner = NULL;
  GPid dead_pid;
  DrsoWaveRun *wave;
  GListModel *servers;

  store_plan (fixture, plan);
  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  id = g_strdup (drso_execution_get_execution_id (started));
  wait_for_signal (fixture, "paused:1");
  g_clear_object (&fixture->engine);

  /* What the store holds when a process stops right after saving the
   * intent of wave 1, before StartRecovery was sent. */
  stopped = lookup (fixture, id);
  drso_execution_set_status (stopped, DRSO_EXECUTION_STATUS_RUNNING);
  wave = drso_execution_get_wave_run (stopped, 1);
  drso_wave_run_set_status (wave, DRSO_WAVE_STATUS_IN_PROGRESS);
  servers = drso_wave_run_get_servers (wave);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

      drso_server_run_set_launch_requested (server, g_get_real_time ());
    }
  g_assert_true (drso_store_save_execution (fixture->store, stopped, &error));
  g_assert_no_error (error);

  /* A lease of a live process of this host (PID 1) is left alone... */
  live_owner = g_strdup_printf ("drso-1@%s:00000000", g_get_host_name ());
  g_assert_true (drso_store_acquire_lease (fixture->store, id, live_owner, &error));
  fixture->engine = new_engine (fixture);
  g_assert_cmpuint (drso_engine_adopt (fixture->engine, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (drso_store_release_lease (fixture->store, id, live_owner, &error));

  /* ...that of a process that died is taken over at once, without waiting
   * for it to time out. */
  g_assert_true (g_spawn_async (NULL, (char *[]) { (char *) "/bin/true", NULL }, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &dead_pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (dead_pid, NULL, 0), ==, dead_pid);
  dead_owner = g_strdup_printf ("drso-%d@%s:00000000", (int) dead_pid, g_get_host_name ());
  g_assert_true (drso_store_acquire_lease (fixture->store, id, dead_owner, &error));
  g_assert_cmpuint (drso_engine_adopt (fixture->engine, &error), ==, 1);
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, id);
  g_assert_true (has_event (fixture, id, DRSO_EVENT_KIND_INFO, "launching them again"));
  assert_launched_once (fixture, done, 1);
}

/* A DRS of this test's own, whose DescribeJobs answer cannot be read: the
 * wave fails with a clear message, and the store keeps the job it had. */

#define LOOPBACK_ACCOUNT "210987654321"
#define LOOPBACK_SERVER  "s-1111111111111111a"
#define LOOPBACK_JOB     "drsjob-11111111111111111"

static void
loopback_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *answer;
  const char *type = "application/json";
  guint status = 200;

  if (g_str_equal (path, "/DescribeSourceServers"))
    answer = "{\"items\":[{\"sourceServerID\":\"" LOOPBACK_SERVER "\","
             "\"sourceProperties\":{\"identificationHints\":{\"hostname\":\"ledger-db01\"}},"
             "\"dataReplicationInfo\":{\"dataReplicationState\":\"CONTINUOUS\"}}]}";
  else if (g_str_equal (path, "/StartRecovery"))
    {
      status = 202;
      answer = "{\"job\":{\"jobID\":\"" LOOPBACK_JOB "\",\"type\":\"LAUNCH\","
               "\"status\":\"PENDING\",\"initiatedBy\":\"START_DRILL\","
               "\"participatingServers\":[{\"sourceServerID\":\"" LOOPBACK_SERVER "\","
               "\"launchStatus\":\"PENDING\"}]}}";
    }
  else if (g_str_equal (path, "/DescribeJobs"))
    answer = "{\"items\":{\"jobID\":17}";
  else
    {
      /* STS, query protocol. */
      type = "text/xml";
      answer = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
               "<GetCallerIdentityResult><Arn>arn:aws:iam::" LOOPBACK_ACCOUNT ":user/tester</Arn>"
               "<UserId>AIDATESTER</UserId><Account>" LOOPBACK_ACCOUNT "</Account>"
               "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId>"
               "</ResponseMetadata></GetCallerIdentityResponse>";
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
test_malformed_answer (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = drso_test_server_new (FALSE, loopback_handler, NULL, &url);
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoAccount) account = drso_account_new (LOOPBACK_ACCOUNT, "Ledger");
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(DrsoEngine) engine = NULL;
  g_autoptr(DrsoExecution) started = NULL, failed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DrsoServerRun *server_run;

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "environment-secret", TRUE);
  drso_aws_client_set_backoff_scale (client, 0.0);
  drso_account_set_regions (account, (const char *[]) { "eu-west-1", NULL });
  drso_account_set_endpoint_url (account, url);
  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);

  discovery = drso_discovery_new (store, LOOPBACK_ACCOUNT, NULL, client);
  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), NULL,
                                            &error));
  g_assert_no_error (error);
  group = drso_protection_group_new ("Ledger", LOOPBACK_ACCOUNT, "eu-west-1");
  drso_protection_group_add_server_id (group, LOOPBACK_SERVER);
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  plan = drso_test_new_plan ("Ledger plan", drso_protection_group_get_group_id (group));
  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);

  engine = drso_engine_new (store, client);
  g_object_set (engine, "poll-min-interval", 0.01, NULL);
  g_clear_object (&result);
  drso_engine_start_execution_async (engine, "Ledger plan", DRSO_EXECUTION_TYPE_DRILL, NULL,
                                     drso_test_done_cb, &result);
  started = drso_engine_start_execution_finish (engine, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_execution_get_initiated_by_arn (started), ==,
                   "arn:aws:iam::" LOOPBACK_ACCOUNT ":user/tester");
  while (drso_engine_is_driving (engine, drso_execution_get_execution_id (started)))
    g_main_context_iteration (NULL, TRUE);

  failed = drso_store_lookup_execution (store, drso_execution_get_execution_id (started), &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_status (failed), ==, DRSO_EXECUTION_STATUS_FAILED);
  g_assert_nonnull (strstr (drso_execution_get_errors (failed)[0], "DescribeJobs with something"));
  server_run = drso_wave_run_find_server (drso_execution_get_wave_run (failed, 1), LOOPBACK_SERVER);
  g_assert_cmpstr (drso_server_run_get_job_id (server_run), ==, LOOPBACK_JOB);
  g_assert_cmpint (drso_wave_run_get_status (drso_execution_get_wave_run (failed, 1)), ==,
                   DRSO_WAVE_STATUS_FAILED);

  soup_server_disconnect (server);
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
}

/* A server pinned to a recovery snapshot is launched from it: DRS logs no
 * new snapshot, so its snapshot phase starts and ends at once. */
static void
test_pinned_snapshot (Fixture       *fixture,
                      gconstpointer  data)
{
  static const guint sizes[] = { 2, 0 };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan (fixture, sizes, 0);
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (DRSO_SANDBOX_ACCESS_KEY_ID,
                                                                  DRSO_SANDBOX_SECRET_ACCESS_KEY,
                                                                  NULL, 0);
  g_autoptr(DrsoAwsContext) context = drso_aws_context_new (fixture->client,
                                                            DRSO_SANDBOX_ACCOUNT_ID,
                                                            DRSO_SANDBOX_REGION,
                                                            drso_sandbox_get_url (fixture->sandbox),
                                                            creds);
  g_autoptr(DrsoExecution) started = NULL, done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;
  const char *pinned = drso_source_server_get_source_server_id (g_ptr_array_index (fixture->servers,
                                                                                  0));
  DrsoServerRun *server;

  drso_drs_describe_recovery_snapshots_async (context, pinned, NULL, NULL, "ASC", NULL,
                                              drso_test_done_cb, &result);
  snapshots = drso_drs_describe_recovery_snapshots_finish (context, drso_test_wait_for (&result),
                                                           &error);
  g_assert_no_error (error);
  /* The oldest: neither the latest nor a new one. */
  g_assert_cmpuint (snapshots->len, >, 1);
  drso_recovery_plan_set_server_snapshot (plan, pinned, drso_recovery_snapshot_get_snapshot_id (
                                                          g_ptr_array_index (snapshots, 0)));
  store_plan (fixture, plan);

  started = start (fixture, plan, DRSO_EXECUTION_TYPE_DRILL, &error);
  g_assert_no_error (error);
  wait_for_signal (fixture, "finished:COMPLETED");
  done = lookup (fixture, drso_execution_get_execution_id (started));
  server = drso_wave_run_find_server (drso_execution_get_wave_run (done, 1), pinned);
  assert_server_recovered (server);
  g_assert_cmpint (drso_server_run_get_snapshot_start (server), ==,
                   drso_server_run_get_snapshot_end (server));
  assert_launched_once (fixture, done, 1);

  /* The instance holds the data of the pinned point in time. */
  {
    const char *ids[] = { drso_server_run_get_recovery_instance_id (server), NULL };
    g_autoptr(GPtrArray) instances = NULL;

    g_clear_object (&result);
    drso_drs_describe_recovery_instances_async (context, ids, NULL, NULL, drso_test_done_cb,
                                                &result);
    instances = drso_drs_describe_recovery_instances_finish (context,
                                                             drso_test_wait_for (&result),
                                                             &error);
    g_assert_no_error (error);
    g_assert_cmpuint (instances->len, ==, 1);
    g_assert_cmpint (drso_recovery_instance_get_point_in_time_snapshot_date (
                       g_ptr_array_index (instances, 0)), ==,
                     drso_recovery_snapshot_get_timestamp (g_ptr_array_index (snapshots, 0)));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/engine/drill", Fixture, NULL, fixture_set_up, test_drill, fixture_tear_down);
  g_test_add ("/engine/launch-failure", Fixture, NULL, fixture_set_up, test_launch_failure,
              fixture_tear_down);
  g_test_add ("/engine/optional-server", Fixture, NULL, fixture_set_up, test_optional_server,
              fixture_tear_down);
  g_test_add ("/engine/skip-wave", Fixture, NULL, fixture_set_up, test_skip_wave,
              fixture_tear_down);
  g_test_add ("/engine/terminate", Fixture, NULL, fixture_set_up, test_terminate,
              fixture_tear_down);
  g_test_add ("/engine/pinned-snapshot", Fixture, NULL, fixture_set_up, test_pinned_snapshot,
              fixture_tear_down);
  g_test_add ("/engine/cancel-paused", Fixture, NULL, fixture_set_up, test_cancel_paused,
              fixture_tear_down);
  g_test_add ("/engine/pause-running", Fixture, NULL, fixture_set_up, test_pause_running,
              fixture_tear_down);
  g_test_add ("/engine/large-wave", Fixture, GUINT_TO_POINTER (600), fixture_set_up,
              test_large_wave, fixture_tear_down);
  g_test_add ("/engine/capacity", Fixture, GUINT_TO_POINTER (1000), fixture_set_up,
              test_capacity, fixture_tear_down);
  g_test_add ("/engine/adopt-unsent", Fixture, NULL, fixture_set_up, test_adopt_unsent,
              fixture_tear_down);
  g_test_add ("/engine/permissions", Fixture, NULL, fixture_set_up, test_permissions,
              fixture_tear_down);
  g_test_add ("/engine/adopt", Fixture, NULL, fixture_set_up, test_adopt, fixture_tear_down);
  g_test_add ("/engine/requests", Fixture, NULL, fixture_set_up, test_requests,
              fixture_tear_down);
  g_test_add ("/engine/job-limit", Fixture, NULL, fixture_set_up, test_job_limit,
              fixture_tear_down);
  g_test_add ("/engine/faults", Fixture, NULL, fixture_set_up, test_faults, fixture_tear_down);
  g_test_add ("/engine/not-ready", Fixture, NULL, fixture_set_up, test_not_ready,
              fixture_tear_down);
  g_test_add ("/engine/ready-with-warnings", Fixture, NULL, fixture_set_up,
              test_ready_with_warnings, fixture_tear_down);
  g_test_add ("/engine/discovery", Fixture, NULL, fixture_set_up, test_discovery,
              fixture_tear_down);
  g_test_add ("/engine/discovery-fails", Fixture, NULL, fixture_set_up, test_discovery_fails,
              fixture_tear_down);
  g_test_add_func ("/engine/malformed-answer", test_malformed_answer);

  return g_test_run ();
}
