/* test-permissions.c
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

/* The role × permission table (src/core/drso-role.c), enforced by the
 * library for every engine control and for the store changes that
 * tests/test-store.c's matrix leaves out: each role against each call, every
 * one of them in a process of its own (the role is the process's, and a
 * control can leave an execution running). The call is set up as
 * administrator; then, under the role:
 *
 *  - allowed (the table grants every permission the call needs): it is done,
 *    and makes the change it should;
 *  - refused: %DRSO_PERMISSION_ERROR_DENIED, naming the role (its name and
 *    group) and a permission the call needs and the role lacks; the store is
 *    as it was (byte for byte, leases and requests included) and not one
 *    request went to the Sandbox.
 *
 * Importing a bundle that changes nothing needs no permission: it changes
 * nothing. */

#include "config.h"

#include "drso.h"
#include "drso-discovery.h"
#include "drso-engine.h"
#include "drso-store-requests-private.h"
#include "drso-test-util.h"

#define TIME_SCALE 1500.0
#define P(perm) (1u << DRSO_PERMISSION_##perm)

typedef struct
{
  DrsoSandbox   *sandbox;
  DrsoAwsClient *client;
  DrsoStore     *store;
  DrsoEngine    *engine;
  DrsoEngine    *other;          /* another driver, for requests */
  char          *group_ids[2];
  char          *plan_id;
  char          *servers[2];
  char          *execution_id;   /* what prepare made, if anything */
  GPtrArray     *events;
  DrsoBundle    *bundle;
  DrsoExecution *execution;
  guint          result_count;
} Fixture;

typedef struct
{
  const char *name;
  guint       permissions;     /* every one the call needs */
  void      (*prepare) (Fixture *f);
  gboolean  (*run)     (Fixture *f,
                        GError **error);
  void      (*check)   (Fixture *f);
} Operation;

/* Set-up, as administrator */

static DrsoEngine *
new_engine (Fixture *f)
{
  DrsoEngine *engine = drso_engine_new (f->store, f->client);

  g_object_set (engine, "poll-min-interval", 0.02, "poll-max-interval", 0.2,
                "check-readiness", FALSE, NULL);
  return engine;
}

static void
fixture_set_up (Fixture *f)
{
  GListModel *servers;
  guint found = 0;

  f->sandbox = drso_test_sandbox_start (TIME_SCALE, 17, 8);
  f->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (f->client, 0.001);
  drso_aws_client_set_sandbox_url (f->client, drso_sandbox_get_url (f->sandbox));
  f->store = drso_test_open_store ();
  drso_test_add_sandbox_accounts (f->store, f->sandbox);
  drso_test_discover (f->store, f->client, DRSO_SANDBOX_ACCOUNT_ID);

  servers = drso_store_get_source_servers (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (servers) && found < 2; i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) == 0)
        f->servers[found++] = g_strdup (drso_source_server_get_source_server_id (server));
    }
  g_assert_cmpuint (found, ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Group %u", i + 1);
      g_autoptr(DrsoProtectionGroup) group =
        drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
      g_autoptr(GError) error = NULL;

      drso_protection_group_add_server_id (group, f->servers[i]);
      g_assert_true (drso_store_create_protection_group (f->store, group, &error));
      g_assert_no_error (error);
      f->group_ids[i] = g_strdup (drso_protection_group_get_group_id (group));
    }

  {
    g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Plan");
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *name = g_strdup_printf ("Wave %u", i + 1);
        g_autoptr(DrsoWave) wave = drso_wave_new (name);

        drso_wave_add_protection_group_id (wave, f->group_ids[i]);
        drso_wave_set_pause_before_wave (wave, i == 1);
        drso_recovery_plan_append_wave (plan, wave);
      }
    g_assert_true (drso_store_create_recovery_plan (f->store, plan, &error));
    g_assert_no_error (error);
    f->plan_id = g_strdup (drso_recovery_plan_get_plan_id (plan));
  }

  f->engine = new_engine (f);
}

static void
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->other);
  drso_test_set_role (f->store, DRSO_ROLE_ADMINISTRATOR);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_object (&f->bundle);
  g_clear_object (&f->execution);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->sandbox);
  for (guint i = 0; i < 2; i++)
    {
      g_free (f->group_ids[i]);
      g_free (f->servers[i]);
    }
  g_free (f->plan_id);
  g_free (f->execution_id);
}

/* An execution of the plan, as the engine would have stored it: @status,
 * and each wave's status (its servers get @server_status). */
static char *
store_execution (Fixture             *f,
                 DrsoExecutionType    type,
                 DrsoExecutionStatus  status,
                 guint                current_wave,
                 DrsoWaveStatus       wave1,
                 DrsoWaveStatus       wave2,
                 DrsoLaunchStatus     server_status)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new (f->plan_id, "Plan", type);
  g_autoptr(GError) error = NULL;
  DrsoWaveStatus statuses[2] = { wave1, wave2 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  drso_execution_set_total_waves (execution, 2);
  drso_execution_set_current_wave (execution, current_wave);
  drso_execution_set_start_time (execution, now - 60);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Wave %u", i + 1);
      g_autoptr(DrsoWaveRun) wave_run = drso_wave_run_new (i + 1, name);
      g_autoptr(DrsoServerRun) server = drso_server_run_new (f->servers[i]);

      drso_wave_run_set_status (wave_run, statuses[i]);
      if (statuses[i] != DRSO_WAVE_STATUS_PENDING && statuses[i] != DRSO_WAVE_STATUS_PAUSED)
        drso_wave_run_set_start_time (wave_run, now - 60);
      drso_server_run_set_status (server, statuses[i] == DRSO_WAVE_STATUS_PENDING ||
                                          statuses[i] == DRSO_WAVE_STATUS_PAUSED
                                            ? DRSO_LAUNCH_STATUS_PENDING : server_status);
      drso_wave_run_add_server (wave_run, server);
      drso_execution_add_wave_run (execution, wave_run);
    }
  g_assert_true (drso_store_create_execution (f->store, execution, &error));
  g_assert_no_error (error);
  drso_execution_set_status (execution, status);
  if (drso_execution_status_is_final (status))
    drso_execution_set_end_time (execution, now);
  g_assert_true (drso_store_save_execution (f->store, execution, &error));
  g_assert_no_error (error);
  return g_strdup (drso_execution_get_execution_id (execution));
}

static DrsoExecution *
lookup (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  DrsoExecution *execution = drso_store_lookup_execution (f->store, f->execution_id, &error);

  g_assert_no_error (error);
  return execution;
}

static void
prepare_nothing (Fixture *f)
{
}

/* Paused before wave 2, driven by no one. */
static void
prepare_paused (Fixture *f)
{
  f->execution_id = store_execution (f, DRSO_EXECUTION_TYPE_DRILL, DRSO_EXECUTION_STATUS_PAUSED,
                                     2, DRSO_WAVE_STATUS_COMPLETED, DRSO_WAVE_STATUS_PAUSED,
                                     DRSO_LAUNCH_STATUS_LAUNCHED);
}

/* Wave 1 under way, wave 2 to come. */
static void
prepare_running (Fixture *f)
{
  f->execution_id = store_execution (f, DRSO_EXECUTION_TYPE_DRILL, DRSO_EXECUTION_STATUS_RUNNING,
                                     1, DRSO_WAVE_STATUS_IN_PROGRESS, DRSO_WAVE_STATUS_PENDING,
                                     DRSO_LAUNCH_STATUS_IN_PROGRESS);
}

/* Wave 1 failed, and so the execution. */
static void
prepare_failed (Fixture *f)
{
  f->execution_id = store_execution (f, DRSO_EXECUTION_TYPE_DRILL, DRSO_EXECUTION_STATUS_FAILED,
                                     1, DRSO_WAVE_STATUS_FAILED, DRSO_WAVE_STATUS_PENDING,
                                     DRSO_LAUNCH_STATUS_FAILED);
}

/* A drill that ended. */
static void
prepare_completed (Fixture *f)
{
  f->execution_id = store_execution (f, DRSO_EXECUTION_TYPE_DRILL,
                                     DRSO_EXECUTION_STATUS_COMPLETED, 2,
                                     DRSO_WAVE_STATUS_COMPLETED, DRSO_WAVE_STATUS_COMPLETED,
                                     DRSO_LAUNCH_STATUS_LAUNCHED);
}

/* Paused, and driven by another engine (another process, as far as the
 * store can tell). */
static void
prepare_driven_elsewhere (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  prepare_paused (f);
  f->other = new_engine (f);
  g_assert_true (drso_engine_drive (f->other, f->execution_id, &error));
  g_assert_no_error (error);
}

static void
prepare_events (Fixture *f)
{
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  f->execution = drso_execution_new (f->plan_id, "Plan", DRSO_EXECUTION_TYPE_DRILL);
  g_ptr_array_add (f->events,
                   drso_execution_event_new (drso_execution_get_execution_id (f->execution),
                                             DRSO_EVENT_KIND_INFO, "Note"));
}

static void
prepare_stored_events (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  prepare_completed (f);
  f->execution = lookup (f);
  drso_execution_add_warning (f->execution, "Checked by hand");
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (f->events, drso_execution_event_new (f->execution_id, DRSO_EVENT_KIND_INFO,
                                                        "Note"));
}

/* A bundle of a new group and a new plan. */
static void
prepare_new_bundle (Fixture *f)
{
  g_autoptr(DrsoProtectionGroup) group =
    drso_protection_group_new ("Imported", DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Imported");
  g_autoptr(DrsoWave) wave = drso_wave_new ("Only");

  drso_protection_group_set_tag (group, "Tier", "imported");
  drso_document_set_id (DRSO_DOCUMENT (group), "pg-imported");
  drso_document_set_id (DRSO_DOCUMENT (plan), "plan-imported");
  drso_wave_add_protection_group_id (wave, "pg-imported");
  drso_recovery_plan_append_wave (plan, wave);
  f->bundle = drso_bundle_new ();
  drso_bundle_add_protection_group (f->bundle, group);
  drso_bundle_add_recovery_plan (f->bundle, plan);
}

/* The stored plan and its groups, each changed. */
static void
prepare_changed_bundle (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GListModel *groups, *plans;

  f->bundle = drso_store_export_plans (f->store, NULL, &error);
  g_assert_no_error (error);
  groups = drso_bundle_get_protection_groups (f->bundle);
  plans = drso_bundle_get_recovery_plans (f->bundle);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (groups, i);

      drso_protection_group_set_description (group, "Changed by an import");
    }
  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (plans, i);

      drso_recovery_plan_set_description (plan, "Changed by an import");
    }
}

static void
prepare_same_bundle (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->bundle = drso_store_export_plans (f->store, NULL, &error);
  g_assert_no_error (error);
}

/* The calls */

static void
wait_for_result (GAsyncResult **slot)
{
  drso_test_wait_for (slot);
}

static gboolean
run_start (Fixture           *f,
           DrsoExecutionType  type,
           GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoExecution) execution = NULL;

  drso_engine_start_execution_async (f->engine, f->plan_id, type, NULL, drso_test_done_cb,
                                     &result);
  wait_for_result (&result);
  execution = drso_engine_start_execution_finish (f->engine, result, error);
  if (execution != NULL)
    f->execution_id = g_strdup (drso_execution_get_execution_id (execution));
  return execution != NULL;
}

static gboolean
run_start_drill (Fixture *f, GError **error)
{
  return run_start (f, DRSO_EXECUTION_TYPE_DRILL, error);
}

static gboolean
run_start_recovery (Fixture *f, GError **error)
{
  return run_start (f, DRSO_EXECUTION_TYPE_RECOVERY, error);
}

static gboolean
run_adopt (Fixture *f, GError **error)
{
  f->result_count = drso_engine_adopt (f->engine, error);
  return f->result_count > 0;
}

static gboolean
run_drive (Fixture *f, GError **error)
{
  return drso_engine_drive (f->engine, f->execution_id, error);
}

static gboolean
run_pause (Fixture *f, GError **error)
{
  return drso_engine_pause (f->engine, f->execution_id, error);
}

static gboolean
run_resume (Fixture *f, GError **error)
{
  return drso_engine_resume (f->engine, f->execution_id, error);
}

static gboolean
run_cancel (Fixture *f, GError **error)
{
  return drso_engine_cancel (f->engine, f->execution_id, error);
}

static gboolean
run_retry (Fixture *f, GError **error)
{
  return drso_engine_retry_wave (f->engine, f->execution_id, error);
}

static gboolean
run_skip (Fixture *f, GError **error)
{
  return drso_engine_skip_wave (f->engine, f->execution_id, error);
}

static gboolean
run_control (Fixture *f, GError **error)
{
  return drso_engine_control (f->engine, f->execution_id, DRSO_ENGINE_CONTROL_CANCEL, error);
}

static gboolean
run_request (Fixture *f, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_engine_request_async (f->engine, f->execution_id, DRSO_ENGINE_CONTROL_CANCEL, NULL,
                             drso_test_done_cb, &result);
  wait_for_result (&result);
  return drso_engine_request_finish (f->engine, result, error);
}

static gboolean
run_post_request (Fixture *f, GError **error)
{
  return _drso_store_post_request (f->store, f->execution_id, "resume", "drso-test", error) > 0;
}

static gboolean
run_terminate (Fixture *f, GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_engine_terminate_instances_async (f->engine, f->execution_id, NULL, drso_test_done_cb,
                                         &result);
  wait_for_result (&result);
  return drso_engine_terminate_instances_finish (f->engine, result, &f->result_count, error);
}

static gboolean
run_delete_execution (Fixture *f, GError **error)
{
  return drso_store_delete_execution (f->store, f->execution_id, error);
}

static gboolean
run_create_with_events (Fixture *f, GError **error)
{
  return drso_store_create_execution_with_events (f->store, f->execution, f->events, error);
}

static gboolean
run_save_with_events (Fixture *f, GError **error)
{
  return drso_store_save_execution_with_events (f->store, f->execution, f->events, error);
}

static gboolean
run_import (Fixture *f, GError **error)
{
  return drso_store_import_bundle (f->store, f->bundle, &f->result_count, error);
}

static gboolean
run_discover (Fixture *f, GError **error)
{
  g_autoptr(DrsoDiscovery) discovery =
    drso_discovery_new (f->store, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION, f->client);
  g_autoptr(GAsyncResult) result = NULL;

  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  wait_for_result (&result);
  return drso_discovery_run_finish (discovery, result, &f->result_count, error);
}

/* What an allowed call changed */

static void
assert_status (Fixture             *f,
               DrsoExecutionStatus  status)
{
  g_autoptr(DrsoExecution) execution = lookup (f);

  g_assert_cmpstr (drso_execution_status_to_string (drso_execution_get_status (execution)), ==,
                   drso_execution_status_to_string (status));
}

static void
assert_wave (Fixture        *f,
             guint           number,
             DrsoWaveStatus  status)
{
  g_autoptr(DrsoExecution) execution = lookup (f);

  g_assert_cmpstr (drso_wave_status_to_string (
                     drso_wave_run_get_status (drso_execution_get_wave_run (execution, number))),
                   ==, drso_wave_status_to_string (status));
}

static void
check_started (Fixture *f)
{
  g_assert_nonnull (f->execution_id);
  g_autoptr(DrsoExecution) execution = lookup (f);
  g_assert_cmpstr (drso_execution_get_plan_id (execution), ==, f->plan_id);
}

static void
check_driven (Fixture *f)
{
  g_autofree char *owner = drso_store_dup_lease_owner (f->store, f->execution_id, NULL);

  g_assert_cmpstr (owner, ==, drso_engine_get_owner (f->engine));
  g_assert_true (drso_engine_is_driving (f->engine, f->execution_id));
}

static void
check_adopted (Fixture *f)
{
  g_assert_cmpuint (f->result_count, ==, 1);
  check_driven (f);
}

static void
check_paused (Fixture *f)
{
  assert_wave (f, 2, DRSO_WAVE_STATUS_PAUSED);
}

static void
check_resumed (Fixture *f)
{
  assert_status (f, DRSO_EXECUTION_STATUS_RUNNING);
  assert_wave (f, 2, DRSO_WAVE_STATUS_IN_PROGRESS);
}

static void
check_cancelled (Fixture *f)
{
  assert_status (f, DRSO_EXECUTION_STATUS_CANCELLED);
}

static void
check_retried (Fixture *f)
{
  assert_status (f, DRSO_EXECUTION_STATUS_RUNNING);
  assert_wave (f, 1, DRSO_WAVE_STATUS_IN_PROGRESS);
}

static void
check_skipped (Fixture *f)
{
  assert_wave (f, 1, DRSO_WAVE_STATUS_SKIPPED);
}

static void
check_terminated (Fixture *f)
{
  g_autoptr(DrsoExecution) execution = lookup (f);

  g_assert_true (drso_execution_get_instances_terminated (execution));
}

static void
check_deleted (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) execution =
    drso_store_lookup_execution (f->store, f->execution_id, &error);

  g_assert_null (execution);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
}

static void
check_created_with_events (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events =
    drso_store_list_events (f->store, drso_execution_get_execution_id (f->execution), 0,
                            &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
}

static void
check_saved_with_events (Fixture *f)
{
  g_autoptr(DrsoExecution) execution = lookup (f);

  g_assert_cmpstr (drso_execution_get_warnings (execution)[0], ==, "Checked by hand");
}

static void
check_imported_new (Fixture *f)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_store_lookup_recovery_plan (f->store, "plan-imported",
                                                                      NULL);

  g_assert_cmpuint (f->result_count, ==, 2);
  g_assert_nonnull (plan);
}

static void
check_imported_changes (Fixture *f)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_store_lookup_recovery_plan (f->store, f->plan_id, NULL);

  g_assert_cmpuint (f->result_count, ==, 3);
  g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==, "Changed by an import");
}

static void
check_imported_nothing (Fixture *f)
{
  g_assert_cmpuint (f->result_count, ==, 0);
}

static void
check_discovered (Fixture *f)
{
  g_assert_cmpuint (f->result_count, ==, 8);
}

static void
check_posted (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) requests = _drso_store_pending_requests (f->store, f->execution_id,
                                                                &error);

  g_assert_no_error (error);
  g_assert_cmpuint (requests->len, ==, 1);
}

static const Operation operations[] = {
  /* Engine controls */
  { "start-drill", P (EXECUTE_RECOVERY), prepare_nothing, run_start_drill, check_started },
  { "start-recovery", P (EXECUTE_RECOVERY), prepare_nothing, run_start_recovery, check_started },
  { "adopt", P (EXECUTE_RECOVERY), prepare_paused, run_adopt, check_adopted },
  { "drive", P (EXECUTE_RECOVERY), prepare_paused, run_drive, check_driven },
  { "pause", P (MANAGE_EXECUTION), prepare_running, run_pause, check_paused },
  { "resume", P (MANAGE_EXECUTION), prepare_paused, run_resume, check_resumed },
  { "cancel", P (MANAGE_EXECUTION), prepare_paused, run_cancel, check_cancelled },
  { "retry-wave", P (MANAGE_EXECUTION), prepare_failed, run_retry, check_retried },
  { "skip-wave", P (MANAGE_EXECUTION), prepare_failed, run_skip, check_skipped },
  { "control", P (MANAGE_EXECUTION), prepare_running, run_control, check_cancelled },
  { "request-to-driver", P (MANAGE_EXECUTION), prepare_driven_elsewhere, run_request,
    check_cancelled },
  { "terminate-instances", P (TERMINATE_INSTANCES), prepare_completed, run_terminate,
    check_terminated },
  { "delete-execution", P (MANAGE_EXECUTION), prepare_completed, run_delete_execution,
    check_deleted },
  /* Store changes test-store's matrix leaves out */
  { "post-request", P (MANAGE_EXECUTION), prepare_paused, run_post_request, check_posted },
  { "create-execution-with-events", P (EXECUTE_RECOVERY), prepare_events,
    run_create_with_events, check_created_with_events },
  { "save-execution-with-events", P (EXECUTE_RECOVERY), prepare_stored_events,
    run_save_with_events, check_saved_with_events },
  { "import-new", P (CREATE_PROTECTION_GROUP) | P (CREATE_RECOVERY_PLAN), prepare_new_bundle,
    run_import, check_imported_new },
  { "import-changes", P (UPDATE_PROTECTION_GROUP) | P (UPDATE_RECOVERY_PLAN),
    prepare_changed_bundle, run_import, check_imported_changes },
  { "import-unchanged", 0, prepare_same_bundle, run_import, check_imported_nothing },
  { "discover", P (VIEW_RESOURCES), prepare_nothing, run_discover, check_discovered },
};

typedef struct
{
  DrsoRole         role;
  const Operation *op;
} Case;

static gboolean
role_allows (DrsoRole role,
             guint    permissions)
{
  for (guint p = 0; p < DRSO_N_PERMISSIONS; p++)
    {
      if ((permissions & (1u << p)) != 0 && !drso_role_has_permission (role, p))
        return FALSE;
    }
  return TRUE;
}

static void
run_case (const Case *c)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean allowed = role_allows (c->role, c->op->permissions);
  guint64 requests;
  gboolean done;

  fixture_set_up (&f);
  c->op->prepare (&f);
  drso_test_set_role (f.store, c->role);
  before = drso_test_dump_store (f.store);
  requests = drso_sandbox_get_n_requests (f.sandbox);

  done = c->op->run (&f, &error);

  if (allowed)
    {
      g_assert_no_error (error);
      g_assert_true (done);
      c->op->check (&f);
    }
  else
    {
      gboolean names_one = FALSE;

      g_assert_false (done);
      g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
      g_assert_nonnull (strstr (error->message, drso_role_get_group_name (c->role)));
      g_assert_nonnull (strstr (error->message, drso_role_get_name (c->role)));
      for (guint p = 0; p < DRSO_N_PERMISSIONS; p++)
        {
          if ((c->op->permissions & (1u << p)) != 0 && !drso_role_has_permission (c->role, p) &&
              strstr (error->message, drso_permission_get_name (p)) != NULL)
            names_one = TRUE;
        }
      g_assert_true (names_one);
      after = drso_test_dump_store (f.store);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpuint (drso_sandbox_get_n_requests (f.sandbox), ==, requests);
    }

  fixture_tear_down (&f);
}

static void
test_case (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      run_case (data);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The cases cover the table: every call is refused to some role, except
 * those that need nothing or only drs:ViewResources, and every role but the
 * administrator is refused some call. */
static void
test_coverage (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      gboolean someone_refused = FALSE;

      for (guint r = 0; r < DRSO_N_ROLES; r++)
        someone_refused |= !role_allows (r, operations[i].permissions);
      g_assert_true (someone_refused ==
                     (operations[i].permissions != 0 &&
                      operations[i].permissions != P (VIEW_RESOURCES)));
    }
  for (guint r = 0; r < DRSO_N_ROLES; r++)
    {
      gboolean refused_something = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
        refused_something |= !role_allows (r, operations[i].permissions);
      g_assert_true (refused_something == (r != DRSO_ROLE_ADMINISTRATOR));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint r = 0; r < DRSO_N_ROLES; r++)
    for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
      {
        Case *c = g_new (Case, 1);
        g_autofree char *path = g_strdup_printf ("/security/permissions/%s/%s",
                                                 drso_role_get_nick (r), operations[i].name);

        c->role = r;
        c->op = &operations[i];
        g_test_add_data_func_full (path, c, test_case, g_free);
      }
  g_test_add_func ("/security/permissions/coverage", test_coverage);

  return g_test_run ();
}
