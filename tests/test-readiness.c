/* test-readiness.c
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

#include "drso-discovery.h"
#include "drso-drs.h"
#include "drso-error.h"
#include "drso-readiness.h"
#include "drso-sandbox.h"
#include "drso-test-util.h"

/* The readiness check against the in-process Sandbox: each rule's
 * finding, the verdicts, the JSON form, the predicted RTO, a target
 * account whose role stays shut, the DRS limits of a large wave,
 * cancellation and the permission; a launch configuration DRS does not
 * have, against a loopback DRS of this test's own. */

#define RPO 900

typedef struct
{
  DrsoSandbox   *sandbox;
  DrsoAwsClient *client;
  DrsoStore     *store;
  GPtrArray     *accounts;
} Fixture;

static void
set_up_size (Fixture *fixture,
             guint    estate_size)
{
  fixture->sandbox = drso_test_sandbox_start (60.0, 7, estate_size);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.0);
  drso_aws_client_set_max_attempts (fixture->client, 2);
  drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));
  fixture->store = drso_test_open_store ();
  fixture->accounts = drso_sandbox_list_accounts (fixture->sandbox);
  drso_test_add_sandbox_accounts (fixture->store, fixture->sandbox);
  drso_test_discover (fixture->store, fixture->client, DRSO_SANDBOX_ACCOUNT_ID);
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
  g_clear_pointer (&fixture->accounts, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
}

/* Up to @n discovered servers of @account_id in @state (any when NULL)
 * whose lag is at most @max_lag seconds (any when negative). */
static GPtrArray *
pick_servers (Fixture    *fixture,
              const char *account_id,
              const char *state,
              gint64      min_lag,
              gint64      max_lag,
              guint       n)
{
  GListModel *servers = drso_store_get_source_servers (fixture->store);
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (servers) && picked->len < n; i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);
      gint64 lag = drso_source_server_get_lag_seconds (server);

      if (g_strcmp0 (drso_source_server_get_account_id (server), account_id) != 0 ||
          (state != NULL && g_strcmp0 (drso_source_server_get_replication_state (server),
                                       state) != 0) ||
          lag < min_lag || (max_lag >= 0 && lag > max_lag))
        continue;
      g_ptr_array_add (picked, g_steal_pointer (&server));
    }
  return picked;
}

static DrsoSourceServer *
pick_one (Fixture    *fixture,
          const char *state,
          gint64      min_lag,
          gint64      max_lag)
{
  g_autoptr(GPtrArray) picked = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, state, min_lag,
                                              max_lag, 1);

  g_assert_cmpuint (picked->len, ==, 1);
  return g_object_ref (g_ptr_array_index (picked, 0));
}

static char *
create_group (Fixture    *fixture,
              const char *name,
              const char *account_id,
              GPtrArray  *servers,
              const char *extra_id)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, account_id,
                                                                    DRSO_SANDBOX_REGION);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; servers != NULL && i < servers->len; i++)
    drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                  g_ptr_array_index (servers, i)));
  if (extra_id != NULL)
    drso_protection_group_add_server_id (group, extra_id);
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

/* A plan of one wave per group, each wave estimated at @estimate seconds. */
static DrsoRecoveryPlan *
new_plan (const char         *name,
          const char * const *group_ids,
          guint               rpo,
          guint               estimate)
{
  DrsoRecoveryPlan *plan = drso_recovery_plan_new (name);

  drso_recovery_plan_set_rpo_target (plan, rpo);
  for (guint i = 0; group_ids[i] != NULL; i++)
    {
      g_autofree char *wave_name = g_strdup_printf ("Wave %u", i + 1);
      g_autoptr(DrsoWave) wave = drso_wave_new (wave_name);

      drso_wave_add_protection_group_id (wave, group_ids[i]);
      drso_wave_set_estimated_duration (wave, estimate);
      drso_recovery_plan_append_wave (plan, wave);
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

static DrsoReadinessReport *
check_plan (Fixture            *fixture,
            const char         *plan_id,
            DrsoExecutionType   type,
            GError            **error)
{
  g_autoptr(DrsoReadiness) readiness = drso_readiness_new (fixture->store, plan_id,
                                                           fixture->client);
  g_autoptr(GAsyncResult) result = NULL;

  drso_readiness_set_execution_type (readiness, type);
  g_assert_cmpint (drso_readiness_get_execution_type (readiness), ==, type);
  drso_readiness_check_async (readiness, NULL, drso_test_done_cb, &result);
  return drso_readiness_check_finish (readiness, drso_test_wait_for (&result), error);
}

static DrsoReadinessReport *
check_ok (Fixture           *fixture,
          DrsoRecoveryPlan  *plan,
          DrsoExecutionType  type)
{
  g_autoptr(GError) error = NULL;
  DrsoReadinessReport *report = check_plan (fixture, drso_recovery_plan_get_plan_id (plan), type,
                                            &error);

  g_assert_no_error (error);
  g_assert_true (DRSO_IS_READINESS_REPORT (report));
  return report;
}

/* The finding of @rule about @server_id (NULL: the first of @rule). */
static DrsoReadinessFinding *
find (DrsoReadinessReport *report,
      const char          *rule,
      const char          *server_id)
{
  GListModel *findings = drso_readiness_report_get_findings (report);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (drso_readiness_finding_get_rule (finding), rule) &&
          (server_id == NULL ||
           g_strcmp0 (drso_readiness_finding_get_server_id (finding), server_id) == 0))
        return finding;  /* the report keeps its reference */
    }
  return NULL;
}

static void
assert_finding (DrsoReadinessReport   *report,
                const char            *rule,
                DrsoSourceServer      *server,
                DrsoReadinessSeverity  severity,
                const char            *word)
{
  const char *id = server ? drso_source_server_get_source_server_id (server) : NULL;
  DrsoReadinessFinding *finding = find (report, rule, id);
  const char *message;

  if (finding == NULL)
    g_error ("no %s finding for %s", rule, id ? id : "the plan");
  message = drso_readiness_finding_get_message (finding);
  if (drso_readiness_finding_get_severity (finding) != severity)
    g_error ("“%s”: %s, not %s", message,
             drso_readiness_severity_to_string (drso_readiness_finding_get_severity (finding)),
             drso_readiness_severity_to_string (severity));
  if (server != NULL)
    g_assert_nonnull (strstr (message, drso_source_server_get_hostname (server)));
  if (word != NULL && strstr (message, word) == NULL)
    g_error ("“%s” does not name “%s”", message, word);
}

static void
test_go (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS",
                                               0, 60, 3);
  g_autofree char *group_id = create_group (fixture, "Healthy", DRSO_SANDBOX_ACCOUNT_ID, healthy,
                                            NULL);
  const char *groups[] = { group_id, NULL };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan ("Healthy plan", groups, RPO, 1800);
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *object;

  g_assert_cmpuint (healthy->len, ==, 3);
  store_plan (fixture, plan);
  report = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  g_assert_cmpint (drso_readiness_report_get_verdict (report), ==, DRSO_READINESS_VERDICT_GO);
  g_assert_cmpuint (g_list_model_get_n_items (drso_readiness_report_get_findings (report)), ==, 0);
  g_assert_cmpuint (drso_readiness_report_get_predicted_rto (report), ==, 1800);

  json = drso_readiness_report_to_json (report);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "GO");
  g_assert_cmpint (json_object_get_int_member (object, "predictedRtoSeconds"), ==, 1800);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "findings")),
                    ==, 0);
}

static char *
newest_snapshot_id (Fixture          *fixture,
                    DrsoSourceServer *server)
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
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;

  drso_drs_describe_recovery_snapshots_async (context,
                                              drso_source_server_get_source_server_id (server),
                                              NULL, NULL, "ASC", NULL, drso_test_done_cb, &result);
  snapshots = drso_drs_describe_recovery_snapshots_finish (context, drso_test_wait_for (&result),
                                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, >, 1);
  /* The oldest: a pinned snapshot need not be recent. */
  return g_strdup (drso_recovery_snapshot_get_snapshot_id (g_ptr_array_index (snapshots, 0)));
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DrsoSourceServer) healthy = pick_one (fixture, "CONTINUOUS", 0, 60);
  g_autoptr(DrsoSourceServer) pinned = NULL;
  g_autoptr(DrsoSourceServer) lagging = pick_one (fixture, "CONTINUOUS", 20 * 60, -1);
  g_autoptr(DrsoSourceServer) backlog = pick_one (fixture, "BACKLOG", 0, -1);
  g_autoptr(DrsoSourceServer) disconnected = pick_one (fixture, "DISCONNECTED", -1, -1);
  g_autoptr(GPtrArray) stalled = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, "STALLED", -1, -1,
                                               2);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autoptr(GPtrArray) healthy_two = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS",
                                                   0, 60, 2);
  g_autofree char *group_id = NULL, *snapshot_id = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  const char *groups[2] = { NULL, NULL };
  const char *missing_id = "s-0000000000000000a";
  DrsoReadinessFinding *finding;
  JsonObject *object, *first;
  JsonArray *items;

  g_assert_cmpuint (stalled->len, ==, 2);
  pinned = g_object_ref (g_ptr_array_index (healthy_two, 1));
  g_ptr_array_add (members, healthy);
  g_ptr_array_add (members, pinned);
  g_ptr_array_add (members, lagging);
  g_ptr_array_add (members, backlog);
  g_ptr_array_add (members, disconnected);
  g_ptr_array_add (members, g_ptr_array_index (stalled, 0));
  g_ptr_array_add (members, g_ptr_array_index (stalled, 1));
  group_id = create_group (fixture, "Mixed", DRSO_SANDBOX_ACCOUNT_ID, members, missing_id);
  groups[0] = group_id;

  plan = new_plan ("Mixed plan", groups, RPO, 600);
  /* One stalled server is optional, the other critical (the default). */
  drso_recovery_plan_set_server_criticality (plan, drso_source_server_get_source_server_id (
                                                     g_ptr_array_index (stalled, 0)),
                                             DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_recovery_plan_set_server_snapshot (plan, drso_source_server_get_source_server_id (healthy),
                                          "pit-00000000000000000");
  snapshot_id = newest_snapshot_id (fixture, pinned);
  drso_recovery_plan_set_server_snapshot (plan, drso_source_server_get_source_server_id (pinned),
                                          snapshot_id);
  store_plan (fixture, plan);

  report = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  g_assert_cmpint (drso_readiness_report_get_verdict (report), ==, DRSO_READINESS_VERDICT_NO_GO);

  assert_finding (report, "replication-state", backlog, DRSO_READINESS_SEVERITY_WARNING,
                  "BACKLOG");
  assert_finding (report, "replication-state", g_ptr_array_index (stalled, 0),
                  DRSO_READINESS_SEVERITY_WARNING, "optional");
  assert_finding (report, "replication-state", g_ptr_array_index (stalled, 1),
                  DRSO_READINESS_SEVERITY_BLOCKER, "STALLED");
  assert_finding (report, "replication-state", disconnected, DRSO_READINESS_SEVERITY_BLOCKER,
                  "DISCONNECTED");
  /* Disconnected a day or more ago: its last snapshot is far past the RPO. */
  assert_finding (report, "rpo-snapshot", disconnected, DRSO_READINESS_SEVERITY_BLOCKER, "twice");
  /* The optional server's old snapshot is a warning only. */
  finding = find (report, "rpo-snapshot",
                  drso_source_server_get_source_server_id (g_ptr_array_index (stalled, 0)));
  g_assert_true (finding == NULL ||
                 drso_readiness_finding_get_severity (finding) == DRSO_READINESS_SEVERITY_WARNING);

  /* The lagging server lags 20 to 90 minutes against an RPO of 15. */
  finding = find (report, "rpo-lag", drso_source_server_get_source_server_id (lagging));
  g_assert_nonnull (finding);
  g_assert_cmpint (drso_readiness_finding_get_severity (finding), ==,
                   drso_source_server_get_lag_seconds (lagging) > 2 * RPO ?
                   DRSO_READINESS_SEVERITY_BLOCKER : DRSO_READINESS_SEVERITY_WARNING);
  g_assert_nonnull (strstr (drso_readiness_finding_get_message (finding), "RPO"));
  g_assert_nonnull (strstr (drso_readiness_finding_get_message (finding),
                            drso_source_server_get_hostname (lagging)));
  /* A stopped server's lag is left to its state. */
  g_assert_null (find (report, "rpo-lag",
                       drso_source_server_get_source_server_id (disconnected)));

  /* Pinned snapshots: one DRS does not have, one it has. */
  assert_finding (report, "pinned-snapshot", healthy, DRSO_READINESS_SEVERITY_BLOCKER,
                  "pit-00000000000000000");
  g_assert_null (find (report, "pinned-snapshot", drso_source_server_get_source_server_id (pinned)));
  g_assert_null (find (report, "replication-state",
                       drso_source_server_get_source_server_id (pinned)));
  g_assert_null (find (report, "rpo-snapshot", drso_source_server_get_source_server_id (pinned)));

  /* An id DRS does not know. */
  finding = find (report, "replication-state", missing_id);
  g_assert_nonnull (finding);
  g_assert_cmpint (drso_readiness_finding_get_severity (finding), ==,
                   DRSO_READINESS_SEVERITY_BLOCKER);
  g_assert_nonnull (strstr (drso_readiness_finding_get_message (finding), missing_id));
  g_assert_null (find (report, "launch-configuration", NULL));
  g_assert_null (find (report, "existing-instance", NULL));
  g_assert_null (find (report, "role-assumable", NULL));
  g_assert_cmpuint (drso_readiness_report_count (report, DRSO_READINESS_SEVERITY_BLOCKER), >=, 5);

  /* The JSON form: blockers first. */
  json = drso_readiness_report_to_json (report);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "verdict"), ==, "NO_GO");
  g_assert_cmpint (json_object_get_int_member (object, "predictedRtoSeconds"), ==, 600);
  items = json_object_get_array_member (object, "findings");
  g_assert_cmpuint (json_array_get_length (items), ==,
                    g_list_model_get_n_items (drso_readiness_report_get_findings (report)));
  first = json_array_get_object_element (items, 0);
  g_assert_cmpuint (json_object_get_size (first), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (first, "severity"), ==, "BLOCKER");
  g_assert_true (json_object_has_member (first, "rule"));
  g_assert_cmpint (json_object_get_int_member (first, "wave"), ==, 1);
  g_assert_true (json_object_has_member (first, "serverId"));
  g_assert_true (json_object_has_member (first, "message"));
}

static void
test_warnings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DrsoSourceServer) healthy = pick_one (fixture, "CONTINUOUS", 0, 60);
  g_autoptr(DrsoSourceServer) backlog = pick_one (fixture, "BACKLOG", 0, -1);
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_autofree char *group_id = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoReadinessReport) report = NULL;
  const char *groups[2] = { NULL, NULL };

  g_ptr_array_add (members, healthy);
  g_ptr_array_add (members, backlog);
  groups[0] = group_id = create_group (fixture, "Behind", DRSO_SANDBOX_ACCOUNT_ID, members, NULL);
  /* No RPO target: the backlog's 5 to 30 minutes of lag are not noted. */
  plan = new_plan ("Behind plan", groups, 0, 0);
  store_plan (fixture, plan);

  report = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_RECOVERY);
  g_assert_cmpint (drso_readiness_report_get_verdict (report), ==,
                   DRSO_READINESS_VERDICT_GO_WITH_WARNINGS);
  assert_finding (report, "replication-state", backlog, DRSO_READINESS_SEVERITY_WARNING,
                  "last recovery snapshot");
  g_assert_null (find (report, "rpo-lag", NULL));
  g_assert_cmpuint (drso_readiness_report_count (report, DRSO_READINESS_SEVERITY_WARNING), ==, 1);
  g_assert_cmpuint (drso_readiness_report_get_predicted_rto (report), ==, 0);
}

static void
test_existing_instance (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS",
                                               0, 60, 2);
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (DRSO_SANDBOX_ACCESS_KEY_ID,
                                                                  DRSO_SANDBOX_SECRET_ACCESS_KEY,
                                                                  NULL, 0);
  g_autoptr(DrsoAwsContext) context = drso_aws_context_new (fixture->client,
                                                            DRSO_SANDBOX_ACCOUNT_ID,
                                                            DRSO_SANDBOX_REGION,
                                                            drso_sandbox_get_url (fixture->sandbox),
                                                            creds);
  DrsoSourceServer *launched = g_ptr_array_index (healthy, 0);
  const char *ids[] = { drso_source_server_get_source_server_id (launched), NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = create_group (fixture, "Launched", DRSO_SANDBOX_ACCOUNT_ID, healthy,
                                            NULL);
  const char *groups[] = { group_id, NULL };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan ("Launched plan", groups, RPO, 600);
  g_autoptr(DrsoReadinessReport) drill = NULL, recovery = NULL;

  store_plan (fixture, plan);
  drso_drs_start_recovery_async (context, ids, NULL, 1, TRUE, NULL, NULL, drso_test_done_cb,
                                 &result);
  job = drso_drs_start_recovery_finish (context, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  drso_sandbox_advance (fixture->sandbox, 3600);

  drill = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  assert_finding (drill, "existing-instance", launched, DRSO_READINESS_SEVERITY_WARNING,
                  "replaces");
  g_assert_null (find (drill, "existing-instance",
                       drso_source_server_get_source_server_id (g_ptr_array_index (healthy, 1))));
  g_assert_cmpint (drso_readiness_report_get_verdict (drill), ==,
                   DRSO_READINESS_VERDICT_GO_WITH_WARNINGS);

  recovery = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_RECOVERY);
  assert_finding (recovery, "existing-instance", launched, DRSO_READINESS_SEVERITY_BLOCKER,
                  "recovery");
  g_assert_cmpint (drso_readiness_report_get_verdict (recovery), ==,
                   DRSO_READINESS_VERDICT_NO_GO);
}

/* A target account: checked through its role, then shut by a wrong
 * external ID. */
static void
test_role (Fixture       *fixture,
           gconstpointer  data)
{
  DrsoAccount *target = g_ptr_array_index (fixture->accounts, 1);
  const char *target_id = drso_account_get_account_id (target);
  g_autoptr(GPtrArray) servers = NULL;
  g_autofree char *group_id = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoReadinessReport) open = NULL, shut = NULL;
  g_autoptr(GError) error = NULL;
  const char *groups[2] = { NULL, NULL };
  DrsoReadinessFinding *finding;

  drso_test_discover (fixture->store, fixture->client, target_id);
  servers = pick_servers (fixture, target_id, NULL, -1, -1, 10);
  g_assert_cmpuint (servers->len, >, 0);
  groups[0] = group_id = create_group (fixture, "Payroll", target_id, servers, NULL);
  plan = new_plan ("Payroll plan", groups, 0, 300);
  store_plan (fixture, plan);

  open = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  g_assert_null (find (open, "role-assumable", NULL));

  drso_account_set_external_id (target, "not-the-external-id");
  g_assert_true (drso_store_update_account (fixture->store, target, &error));
  g_assert_no_error (error);
  shut = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  assert_finding (shut, "role-assumable", NULL, DRSO_READINESS_SEVERITY_BLOCKER, target_id);
  finding = find (shut, "role-assumable", NULL);
  g_assert_nonnull (strstr (drso_readiness_finding_get_message (finding),
                            drso_account_get_role_arn (target)));
  g_assert_cmpint (drso_readiness_report_get_verdict (shut), ==, DRSO_READINESS_VERDICT_NO_GO);
  /* Nothing else could be asked. */
  g_assert_cmpuint (g_list_model_get_n_items (drso_readiness_report_get_findings (shut)), ==, 1);
}

static void
test_predicted_rto (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS",
                                               0, 60, 2);
  g_autoptr(GPtrArray) first = g_ptr_array_new (), second = g_ptr_array_new ();
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoReadinessReport) estimated = NULL, measured = NULL;
  g_autoptr(DrsoExecution) execution = NULL, failed = NULL;
  g_autoptr(DrsoWaveRun) run = NULL, failed_run = NULL;
  g_autoptr(GError) error = NULL;
  const char *groups[3] = { NULL, NULL, NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_ptr_array_add (first, g_ptr_array_index (healthy, 0));
  g_ptr_array_add (second, g_ptr_array_index (healthy, 1));
  groups[0] = a = create_group (fixture, "First", DRSO_SANDBOX_ACCOUNT_ID, first, NULL);
  groups[1] = b = create_group (fixture, "Second", DRSO_SANDBOX_ACCOUNT_ID, second, NULL);
  plan = new_plan ("Timed plan", groups, RPO, 600);
  drso_wave_set_estimated_duration (drso_recovery_plan_get_wave (plan, 2), 1200);
  drso_recovery_plan_set_rto_target (plan, 1000);
  store_plan (fixture, plan);

  estimated = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  g_assert_cmpuint (drso_readiness_report_get_predicted_rto (estimated), ==, 1800);
  assert_finding (estimated, "rto-target", NULL, DRSO_READINESS_SEVERITY_WARNING, "30 min");

  /* The last completed execution measured wave 1 at 5 minutes; wave 2 was
   * not measured, so its estimate stands. A failed run does not count. */
  execution = drso_execution_new (drso_recovery_plan_get_plan_id (plan), "Timed plan",
                                  DRSO_EXECUTION_TYPE_DRILL);
  drso_execution_set_start_time (execution, now - 3600);
  drso_execution_set_end_time (execution, now - 3000);
  run = drso_wave_run_new (1, "Wave 1");
  drso_wave_run_set_status (run, DRSO_WAVE_STATUS_COMPLETED);
  drso_wave_run_set_start_time (run, now - 3600);
  drso_wave_run_set_end_time (run, now - 3300);
  drso_execution_add_wave_run (execution, run);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_COMPLETED);
  g_assert_true (drso_store_create_execution (fixture->store, execution, &error));
  g_assert_no_error (error);

  failed = drso_execution_new (drso_recovery_plan_get_plan_id (plan), "Timed plan",
                               DRSO_EXECUTION_TYPE_DRILL);
  drso_execution_set_start_time (failed, now - 600);
  drso_execution_set_end_time (failed, now - 60);
  failed_run = drso_wave_run_new (1, "Wave 1");
  drso_wave_run_set_status (failed_run, DRSO_WAVE_STATUS_FAILED);
  drso_wave_run_set_start_time (failed_run, now - 600);
  drso_wave_run_set_end_time (failed_run, now - 590);
  drso_execution_add_wave_run (failed, failed_run);
  drso_execution_set_status (failed, DRSO_EXECUTION_STATUS_FAILED);
  g_assert_true (drso_store_create_execution (fixture->store, failed, &error));
  g_assert_no_error (error);

  measured = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  g_assert_cmpuint (drso_readiness_report_get_predicted_rto (measured), ==, 300 + 1200);
  assert_finding (measured, "rto-target", NULL, DRSO_READINESS_SEVERITY_WARNING, "25 min");
}

/* 600 servers: waves of 250 and 350, then one of 600. */
static void
test_limits (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) all = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, NULL, -1, -1, 600);
  g_autoptr(GPtrArray) first = g_ptr_array_new (), second = g_ptr_array_new ();
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *groups[3] = { NULL, NULL, NULL };
  g_autoptr(DrsoWave) merged = NULL;
  DrsoReadinessFinding *finding;

  g_assert_cmpuint (all->len, ==, 600);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (i < 250 ? first : second, g_ptr_array_index (all, i));
  groups[0] = a = create_group (fixture, "First", DRSO_SANDBOX_ACCOUNT_ID, first, NULL);
  groups[1] = b = create_group (fixture, "Second", DRSO_SANDBOX_ACCOUNT_ID, second, NULL);
  plan = new_plan ("Large plan", groups, 0, 600);
  store_plan (fixture, plan);

  report = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  finding = find (report, "job-limits", NULL);
  g_assert_nonnull (finding);
  g_assert_cmpint (drso_readiness_finding_get_severity (finding), ==,
                   DRSO_READINESS_SEVERITY_INFO);
  g_assert_cmpuint (drso_readiness_finding_get_wave_number (finding), ==, 1);
  g_assert_nonnull (strstr (drso_readiness_finding_get_message (finding), "250 servers in 3"));
  assert_finding (report, "replicating-servers", NULL, DRSO_READINESS_SEVERITY_WARNING, "300");
  g_clear_object (&report);

  /* One wave of all 600: more than DRS launches at once. */
  merged = drso_wave_new ("Everything");
  drso_wave_add_protection_group_id (merged, a);
  drso_wave_add_protection_group_id (merged, b);
  g_assert_true (drso_recovery_plan_remove_wave (plan, 2));
  g_assert_true (drso_recovery_plan_remove_wave (plan, 1));
  drso_recovery_plan_append_wave (plan, merged);
  g_assert_true (drso_store_update_recovery_plan (fixture->store, plan, &error));
  g_assert_no_error (error);

  report = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_DRILL);
  assert_finding (report, "job-limits", NULL, DRSO_READINESS_SEVERITY_WARNING, "600");
  g_assert_cmpint (drso_readiness_report_get_verdict (report), !=, DRSO_READINESS_VERDICT_GO);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, NULL, -1, -1, 40);
  g_autofree char *group_id = create_group (fixture, "All", DRSO_SANDBOX_ACCOUNT_ID, healthy,
                                            NULL);
  const char *groups[] = { group_id, NULL };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan ("Cancelled plan", groups, RPO, 600);
  g_autoptr(DrsoReadiness) readiness = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GError) error = NULL;

  store_plan (fixture, plan);
  readiness = drso_readiness_new (fixture->store, drso_recovery_plan_get_plan_id (plan),
                                  fixture->client);

  /* Before it starts. */
  g_cancellable_cancel (cancellable);
  drso_readiness_check_async (readiness, cancellable, drso_test_done_cb, &result);
  report = drso_readiness_check_finish (readiness, drso_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_clear_error (&error);
  g_clear_object (&result);

  /* While the calls are out. */
  g_cancellable_reset (cancellable);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "latency=20", &error));
  drso_readiness_check_async (readiness, cancellable, drso_test_done_cb, &result);
  while (drso_sandbox_get_n_requests (fixture->sandbox) < 3)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  report = drso_readiness_check_finish (readiness, drso_test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
}

/* A read-only role may check; a plan that is not there is an error. */
static void
test_permission (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) healthy = pick_servers (fixture, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS",
                                               0, 60, 1);
  g_autofree char *group_id = create_group (fixture, "Viewed", DRSO_SANDBOX_ACCOUNT_ID, healthy,
                                            NULL);
  const char *groups[] = { group_id, NULL };
  g_autoptr(DrsoRecoveryPlan) plan = new_plan ("Viewed plan", groups, RPO, 60);
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  store_plan (fixture, plan);
  drso_test_set_role (fixture->store, DRSO_ROLE_READ_ONLY);
  before = drso_test_dump_store (fixture->store);
  report = check_ok (fixture, plan, DRSO_EXECUTION_TYPE_RECOVERY);
  g_assert_cmpint (drso_readiness_report_get_verdict (report), ==, DRSO_READINESS_VERDICT_GO);
  after = drso_test_dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after);

  g_assert_null (check_plan (fixture, "No such plan", DRSO_EXECUTION_TYPE_DRILL, &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
}

/* A DRS of this test's own, for what the Sandbox never does: a server
 * without a launch configuration. */

#define LOOPBACK_ACCOUNT "210987654321"
#define LOOPBACK_SERVER  "s-1111111111111111a"

static void
loopback_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *answer = NULL;
  guint status = 200;

  if (g_str_equal (path, "/DescribeSourceServers"))
    answer = g_strdup ("{\"items\":[{\"sourceServerID\":\"" LOOPBACK_SERVER "\","
                       "\"sourceProperties\":{\"identificationHints\":{\"hostname\":"
                       "\"ledger-db01\"}},\"dataReplicationInfo\":{\"dataReplicationState\":"
                       "\"CONTINUOUS\",\"lagDuration\":\"PT2S\"}}]}");
  else if (g_str_equal (path, "/DescribeRecoveryInstances"))
    answer = g_strdup ("{\"items\":[]}");
  else if (g_str_equal (path, "/DescribeRecoverySnapshots"))
    answer = g_strdup_printf ("{\"items\":[{\"snapshotID\":\"pit-1111111111111111a\","
                              "\"sourceServerID\":\"" LOOPBACK_SERVER "\",\"expectedTimestamp\":"
                              "\"%s\",\"timestamp\":\"%s\"}]}", stamp, stamp);
  else
    {
      status = 404;
      answer = g_strdup ("{\"message\":\"No launch configuration\",\"code\":\"NOT_FOUND\"}");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "X-Amzn-Errortype", "ResourceNotFoundException");
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer,
                                    strlen (answer));
}

static void
test_launch_configuration (void)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupServer) server = drso_test_server_new (FALSE, loopback_handler, NULL, &url);
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(DrsoAccount) account = drso_account_new (LOOPBACK_ACCOUNT, "Ledger");
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(DrsoReadiness) readiness = NULL;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DrsoReadinessFinding *finding;

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
  drso_recovery_plan_set_rpo_target (plan, RPO);
  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);

  readiness = drso_readiness_new (store, "Ledger plan", client);
  g_clear_object (&result);
  drso_readiness_check_async (readiness, NULL, drso_test_done_cb, &result);
  report = drso_readiness_check_finish (readiness, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);

  g_assert_cmpint (drso_readiness_report_get_verdict (report), ==, DRSO_READINESS_VERDICT_NO_GO);
  g_assert_cmpuint (g_list_model_get_n_items (drso_readiness_report_get_findings (report)), ==, 1);
  finding = find (report, "launch-configuration", LOOPBACK_SERVER);
  g_assert_nonnull (finding);
  g_assert_cmpint (drso_readiness_finding_get_severity (finding), ==,
                   DRSO_READINESS_SEVERITY_BLOCKER);
  g_assert_nonnull (strstr (drso_readiness_finding_get_message (finding), "ledger-db01"));

  soup_server_disconnect (server);
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/readiness/go", Fixture, NULL, fixture_set_up, test_go, fixture_tear_down);
  g_test_add ("/readiness/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/readiness/warnings", Fixture, NULL, fixture_set_up, test_warnings,
              fixture_tear_down);
  g_test_add ("/readiness/existing-instance", Fixture, NULL, fixture_set_up,
              test_existing_instance, fixture_tear_down);
  g_test_add ("/readiness/role-assumable", Fixture, NULL, fixture_set_up, test_role,
              fixture_tear_down);
  g_test_add ("/readiness/predicted-rto", Fixture, NULL, fixture_set_up, test_predicted_rto,
              fixture_tear_down);
  g_test_add ("/readiness/limits", Fixture, GUINT_TO_POINTER (600), fixture_set_up, test_limits,
              fixture_tear_down);
  g_test_add ("/readiness/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/readiness/permission", Fixture, NULL, fixture_set_up, test_permission,
              fixture_tear_down);
  g_test_add_func ("/readiness/launch-configuration", test_launch_configuration);

  return g_test_run ();
}
