/* test-json.c
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

#include <string.h>

#include "drso.h"
#include "drso-test-util.h"

#define ACCOUNT_ID "123456789012"
#define SERVER_A   "s-1234567890abcdef0"
#define SERVER_B   "s-0987654321fedcba0"

/* Parses JSON written with ' for ", which keeps the documents below legible. */
static JsonNode *
parse_json (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "'", '"');
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (copy, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonNode *
load_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "seed", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (contents, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return node;
}

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* Writes @document, reads it back and writes it again: both texts must match. */
static DrsoDocument *
document_round_trip (DrsoDocument *document)
{
  g_autoptr(JsonNode) first = drso_document_to_json (document);
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoDocument) back = NULL;
  g_autofree char *text = NULL;
  g_autoptr(DrsoDocument) from_text = NULL;

  back = drso_document_new_from_json (G_OBJECT_TYPE (document), first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (G_OBJECT_TYPE (back) == G_OBJECT_TYPE (document));
  g_assert_true (back != document);
  second = drso_document_to_json (back);
  drso_test_assert_json_equal (first, second);
  g_assert_true (drso_document_equal (document, back));

  /* The same through text, pretty or not. */
  text = drso_document_to_string (document, TRUE);
  from_text = drso_document_new_from_string (G_OBJECT_TYPE (document), text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (drso_document_equal (document, from_text));

  return g_steal_pointer (&back);
}

/* Seed documents */

static void
test_seed_protection_group (void)
{
  g_autoptr(JsonNode) node = load_seed ("protection-group.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new_from_json (node, &error);
  DrsoDocument *doc = DRSO_DOCUMENT (group);
  GHashTable *criteria;

  g_assert_no_error (error);
  g_assert_nonnull (group);

  g_assert_cmpstr (drso_protection_group_get_group_id (group), ==, "pg-uuid");
  g_assert_cmpstr (drso_protection_group_get_group_name (group), ==, "Web Tier Servers");
  g_assert_cmpstr (drso_protection_group_get_description (group), ==, "Production web servers");
  g_assert_cmpstr (drso_protection_group_get_region (group), ==, "us-east-1");
  g_assert_cmpstr (drso_protection_group_get_account_id (group), ==, ACCOUNT_ID);
  drso_test_assert_strv (drso_protection_group_get_server_ids (group),
                         (const char * const[]) { SERVER_A, SERVER_B, NULL });
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 2);

  criteria = drso_protection_group_get_tag_criteria (group);
  g_assert_cmpuint (g_hash_table_size (criteria), ==, 2);
  g_assert_cmpstr (drso_protection_group_get_tag (group, "Environment"), ==, "production");
  g_assert_cmpstr (drso_protection_group_get_tag (group, "Tier"), ==, "web");
  g_assert_true (drso_protection_group_is_tag_based (group));

  g_assert_cmpint (drso_document_get_created_date (doc), ==, 1700000000);
  g_assert_cmpint (drso_document_get_last_modified_date (doc), ==, 1700000100);
  g_assert_cmpstr (drso_document_get_created_by (doc), ==, "user@example.com");
  g_assert_cmpstr (drso_document_get_last_modified_by (doc), ==, "user@example.com");

  g_assert_true (drso_document_validate (doc, &error));
  g_assert_no_error (error);
}

static void
test_seed_recovery_plan (void)
{
  static const struct {
    const char *name;
    const char *group;
    gboolean    pause;
    guint       duration;
  } expected[] = {
    { "Database Tier", "pg-uuid-1", FALSE, 600 },
    { "Application Tier", "pg-uuid-2", TRUE, 300 },
    { "Web Tier", "pg-uuid-3", FALSE, 300 },
  };
  g_autoptr(JsonNode) node = load_seed ("recovery-plan.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new_from_json (node, &error);
  DrsoDocument *doc = DRSO_DOCUMENT (plan);
  GListModel *waves;

  g_assert_no_error (error);
  g_assert_nonnull (plan);

  g_assert_cmpstr (drso_recovery_plan_get_plan_id (plan), ==, "plan-uuid");
  g_assert_cmpstr (drso_recovery_plan_get_plan_name (plan), ==, "Production 3-Tier Application");
  g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==,
                   "Complete production stack recovery");

  waves = drso_recovery_plan_get_waves (plan);
  g_assert_cmpuint (g_list_model_get_n_items (waves), ==, 3);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);

      g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, i + 1);
      g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, expected[i].name);
      drso_test_assert_strv (drso_wave_get_protection_group_ids (wave),
                             (const char * const[]) { expected[i].group, NULL });
      g_assert_cmpint (drso_wave_get_pause_before_wave (wave), ==, expected[i].pause);
      g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, expected[i].duration);
    }
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 1200);

  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (plan), ==, "exec-uuid");
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (plan), ==, "COMPLETED");
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), ==, 1700000500);

  g_assert_cmpint (drso_document_get_created_date (doc), ==, 1700000000);
  g_assert_cmpint (drso_document_get_last_modified_date (doc), ==, 1700000100);
  g_assert_cmpstr (drso_document_get_created_by (doc), ==, "user@example.com");
  g_assert_cmpstr (drso_document_get_last_modified_by (doc), ==, "user@example.com");

  g_assert_true (drso_document_validate (doc, &error));
  g_assert_no_error (error);
}

static void
test_seed_execution (void)
{
  g_autoptr(JsonNode) node = load_seed ("execution.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) execution = drso_execution_new_from_json (node, &error);
  g_autoptr(DrsoServerRun) server = NULL;
  DrsoWaveRun *run;

  g_assert_no_error (error);
  g_assert_nonnull (execution);

  g_assert_cmpstr (drso_execution_get_execution_id (execution), ==, "exec-uuid");
  g_assert_cmpstr (drso_execution_get_plan_id (execution), ==, "plan-uuid");
  g_assert_cmpstr (drso_execution_get_plan_name (execution), ==, "Production 3-Tier Application");
  g_assert_cmpint (drso_execution_get_execution_type (execution), ==, DRSO_EXECUTION_TYPE_DRILL);
  g_assert_cmpint (drso_execution_get_status (execution), ==, DRSO_EXECUTION_STATUS_COMPLETED);
  g_assert_cmpuint (drso_execution_get_current_wave (execution), ==, 3);
  g_assert_cmpint (drso_execution_get_start_time (execution), ==, 1700000000);
  g_assert_cmpint (drso_execution_get_end_time (execution), ==, 1700001200);
  g_assert_cmpint (drso_execution_get_duration (execution), ==, 1200);
  g_assert_cmpstr (drso_execution_get_initiated_by (execution), ==, "user@example.com");
  g_assert_nonnull (drso_execution_get_errors (execution));
  g_assert_null (drso_execution_get_errors (execution)[0]);
  g_assert_false (drso_execution_get_instances_terminated (execution));

  g_assert_cmpuint (g_list_model_get_n_items (drso_execution_get_wave_runs (execution)), ==, 1);
  run = drso_execution_get_wave_run (execution, 1);
  g_assert_nonnull (run);
  g_assert_cmpuint (drso_wave_run_get_wave_number (run), ==, 1);
  g_assert_cmpstr (drso_wave_run_get_wave_name (run), ==, "Database Tier");
  g_assert_cmpint (drso_wave_run_get_status (run), ==, DRSO_WAVE_STATUS_COMPLETED);
  g_assert_cmpint (drso_wave_run_get_start_time (run), ==, 1700000000);
  g_assert_cmpint (drso_wave_run_get_end_time (run), ==, 1700000600);
  g_assert_cmpint (drso_wave_run_get_duration (run), ==, 600);
  drso_test_assert_strv (drso_wave_run_get_job_ids (run),
                         (const char * const[]) { "drsjob-123", NULL });

  g_assert_cmpuint (g_list_model_get_n_items (drso_wave_run_get_servers (run)), ==, 1);
  server = g_list_model_get_item (drso_wave_run_get_servers (run), 0);
  g_assert_true (drso_wave_run_find_server (run, SERVER_A) == server);
  g_assert_cmpstr (drso_server_run_get_server_id (server), ==, SERVER_A);
  g_assert_cmpstr (drso_server_run_get_hostname (server), ==, "db-primary");
  g_assert_cmpstr (drso_server_run_get_private_ip (server), ==, "10.0.1.10");
  g_assert_cmpstr (drso_server_run_get_instance_type (server), ==, "r5.xlarge");
  g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_LAUNCHED);
  g_assert_null (drso_server_run_get_job_id (server));
  g_assert_null (drso_server_run_get_message (server));

  /* serversRecovered is counted from the servers listed, not read. */
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (run), ==, 1);
}

/* The seed's execution names a three-wave plan whose first wave ran: the
 * execution has three waves even though only one has a waveStatus entry. */
static void
test_seed_execution_total_waves (void)
{
  g_autoptr(JsonNode) node = load_seed ("execution.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) execution = drso_execution_new_from_json (node, &error);
  g_autoptr(JsonNode) written = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (drso_execution_get_total_waves (execution), ==, 3);
  written = drso_execution_to_json (execution);
  g_assert_cmpint (json_object_get_int_member (object_of (written), "totalWaves"), ==, 3);
}

static void
test_seed_target_account (void)
{
  g_autoptr(JsonNode) node = load_seed ("target-account.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAccount) account = drso_account_new_from_json (node, &error);
  DrsoDocument *doc = DRSO_DOCUMENT (account);

  g_assert_no_error (error);
  g_assert_nonnull (account);

  g_assert_cmpstr (drso_account_get_account_id (account), ==, ACCOUNT_ID);
  g_assert_cmpstr (drso_account_get_account_name (account), ==, "Production Account");
  g_assert_cmpstr (drso_account_get_role_arn (account), ==,
                   "arn:aws:iam::" ACCOUNT_ID ":role/DRS-Orchestration-CrossAccount-Role");
  g_assert_cmpstr (drso_account_get_external_id (account), ==, "drs-orchestration-external-id");
  drso_test_assert_strv (drso_account_get_regions (account),
                         (const char * const[]) { "us-east-1", "us-west-2", NULL });
  g_assert_cmpstr (drso_account_get_default_region (account), ==, "us-east-1");
  g_assert_true (drso_account_get_validated (account));
  g_assert_cmpint (drso_account_get_last_validated (account), ==, 1700000000);
  g_assert_false (drso_account_get_simulated (account));
  g_assert_null (drso_account_get_profile (account));
  g_assert_null (drso_account_get_endpoint_url (account));

  g_assert_cmpint (drso_document_get_created_date (doc), ==, 1700000000);
  g_assert_cmpint (drso_document_get_last_modified_date (doc), ==, 1700000100);
  g_assert_cmpstr (drso_document_get_created_by (doc), ==, "admin@example.com");
  g_assert_null (drso_document_get_last_modified_by (doc));

  g_assert_true (drso_document_validate (doc, &error));
  g_assert_no_error (error);
}

/* Reading a seed document and writing it keeps every member this program
 * knows with its value, and drops the ones it does not know. */
static void
test_seed_written_back (void)
{
  g_autoptr(JsonNode) group_seed = load_seed ("protection-group.json");
  g_autoptr(JsonNode) plan_seed = load_seed ("recovery-plan.json");
  g_autoptr(JsonNode) execution_seed = load_seed ("execution.json");
  g_autoptr(JsonNode) account_seed = load_seed ("target-account.json");
  g_autoptr(DrsoDocument) group = NULL;
  g_autoptr(DrsoDocument) plan = NULL;
  g_autoptr(DrsoDocument) account = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(JsonNode) group_out = NULL;
  g_autoptr(JsonNode) plan_out = NULL;
  g_autoptr(JsonNode) execution_out = NULL;
  g_autoptr(JsonNode) account_out = NULL;
  static const char * const group_keys[] = {
    "groupId", "groupName", "description", "region", "accountId", "serverIds", "serverCount",
    "tagCriteria", "createdDate", "lastModifiedDate", "createdBy", "lastModifiedBy",
  };
  static const char * const plan_keys[] = {
    "planId", "planName", "description", "waves", "totalWaves", "estimatedTotalDuration",
    "createdDate", "lastModifiedDate", "createdBy", "lastModifiedBy", "lastExecutionId",
    "lastExecutionStatus", "lastExecutionDate",
  };
  static const char * const account_keys[] = {
    "accountId", "accountName", "roleArn", "externalId", "regions", "validated",
    "lastValidated", "createdDate", "lastModifiedDate", "createdBy",
  };
  static const char * const execution_keys[] = {
    "executionId", "planId", "planName", "executionType", "status", "currentWave", "startTime",
    "endTime", "duration", "initiatedBy", "errors", "instancesTerminated",
  };
  JsonObject *wave_in, *wave_out, *server_in, *server_out;

  group = drso_document_new_from_json (DRSO_TYPE_PROTECTION_GROUP, group_seed, NULL);
  plan = drso_document_new_from_json (DRSO_TYPE_RECOVERY_PLAN, plan_seed, NULL);
  account = drso_document_new_from_json (DRSO_TYPE_ACCOUNT, account_seed, NULL);
  execution = drso_execution_new_from_json (execution_seed, NULL);
  g_assert_nonnull (group);
  g_assert_nonnull (plan);
  g_assert_nonnull (account);
  g_assert_nonnull (execution);
  group_out = drso_document_to_json (group);
  plan_out = drso_document_to_json (plan);
  account_out = drso_document_to_json (account);
  execution_out = drso_execution_to_json (execution);

  for (guint i = 0; i < G_N_ELEMENTS (group_keys); i++)
    drso_test_assert_json_equal (json_object_get_member (object_of (group_seed), group_keys[i]),
                                 json_object_get_member (object_of (group_out), group_keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (plan_keys); i++)
    drso_test_assert_json_equal (json_object_get_member (object_of (plan_seed), plan_keys[i]),
                                 json_object_get_member (object_of (plan_out), plan_keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (account_keys); i++)
    drso_test_assert_json_equal (json_object_get_member (object_of (account_seed), account_keys[i]),
                                 json_object_get_member (object_of (account_out), account_keys[i]));
  for (guint i = 0; i < G_N_ELEMENTS (execution_keys); i++)
    drso_test_assert_json_equal (json_object_get_member (object_of (execution_seed),
                                                         execution_keys[i]),
                                 json_object_get_member (object_of (execution_out),
                                                         execution_keys[i]));

  /* The wave run and its server, but serversRecovered, which is counted. */
  wave_in = json_array_get_object_element (
    json_object_get_array_member (object_of (execution_seed), "waveStatus"), 0);
  wave_out = json_array_get_object_element (
    json_object_get_array_member (object_of (execution_out), "waveStatus"), 0);
  for (const char * const *key = (const char * const[]) {
         "waveNumber", "waveName", "status", "startTime", "endTime", "duration", "jobIds", NULL };
       *key != NULL; key++)
    drso_test_assert_json_equal (json_object_get_member (wave_in, *key),
                                 json_object_get_member (wave_out, *key));
  g_assert_cmpint (json_object_get_int_member (wave_out, "serversRecovered"), ==, 1);
  server_in = json_array_get_object_element (json_object_get_array_member (wave_in, "servers"), 0);
  server_out = json_array_get_object_element (json_object_get_array_member (wave_out, "servers"),
                                              0);
  g_assert_true (json_object_equal (server_in, server_out));

  /* Unknown members are not carried along. */
  g_assert_false (json_object_has_member (object_of (plan_out), "totalServers"));
  g_assert_false (json_object_has_member (object_of (execution_out), "stepFunctionArn"));
  g_assert_false (json_object_has_member (object_of (execution_out), "taskToken"));
}

/* Round trips */

static void
test_round_trip_account (void)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT_ID, "Production");
  g_autoptr(DrsoAccount) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *regions[] = { "eu-west-1", "us-gov-west-1", NULL };
  JsonObject *object;

  drso_account_set_role_arn (account, "arn:aws:iam::" ACCOUNT_ID ":role/dr/Orchestrator");
  drso_account_set_external_id (account, "ext:id/1");
  drso_account_set_regions (account, regions);
  drso_account_set_profile (account, "prod-admin");
  drso_account_set_endpoint_url (account, "http://127.0.0.1:4566");
  drso_account_set_simulated (account, TRUE);
  drso_account_set_validated (account, TRUE);
  drso_account_set_last_validated (account, 1700000300);
  drso_document_set_created_date (DRSO_DOCUMENT (account), 1700000000);
  drso_document_set_last_modified_date (DRSO_DOCUMENT (account), 1700000100);
  drso_document_set_created_by (DRSO_DOCUMENT (account), "admin@example.com");
  drso_document_set_last_modified_by (DRSO_DOCUMENT (account), "ops@example.com");

  back = DRSO_ACCOUNT (document_round_trip (DRSO_DOCUMENT (account)));
  g_assert_cmpstr (drso_account_get_account_id (back), ==, ACCOUNT_ID);
  g_assert_cmpstr (drso_account_get_role_arn (back), ==,
                   "arn:aws:iam::" ACCOUNT_ID ":role/dr/Orchestrator");
  g_assert_cmpstr (drso_account_get_external_id (back), ==, "ext:id/1");
  drso_test_assert_strv (drso_account_get_regions (back), regions);
  g_assert_cmpstr (drso_account_get_profile (back), ==, "prod-admin");
  g_assert_cmpstr (drso_account_get_endpoint_url (back), ==, "http://127.0.0.1:4566");
  g_assert_true (drso_account_get_simulated (back));
  g_assert_true (drso_account_get_validated (back));
  g_assert_cmpint (drso_account_get_last_validated (back), ==, 1700000300);
  g_assert_cmpstr (drso_document_get_last_modified_by (DRSO_DOCUMENT (back)), ==,
                   "ops@example.com");

  node = drso_document_to_json (DRSO_DOCUMENT (account));
  object = object_of (node);
  g_assert_cmpstr (json_object_get_string_member (object, "accountId"), ==, ACCOUNT_ID);
  g_assert_cmpstr (json_object_get_string_member (object, "accountName"), ==, "Production");
  g_assert_true (json_object_get_boolean_member (object, "simulated"));
  g_assert_cmpint (json_object_get_int_member (object, "lastValidated"), ==, 1700000300);

  /* Secrets are no part of an account. */
  g_assert_false (json_object_has_member (object, "secretAccessKey"));
  g_assert_false (json_object_has_member (object, "sessionToken"));
}

static void
test_round_trip_source_server (void)
{
  g_autoptr(DrsoSourceServer) server = drso_source_server_new (SERVER_A, ACCOUNT_ID, "us-east-1");
  g_autoptr(DrsoSourceServer) back = NULL;
  g_autoptr(DrsoSourceServer) copy = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *tags;

  drso_source_server_set_arn (server, "arn:aws:drs:us-east-1:" ACCOUNT_ID ":source-server/"
                              SERVER_A);
  drso_source_server_set_hostname (server, "db-primary");
  drso_source_server_set_replication_state (server, "CONTINUOUS");
  drso_source_server_set_lag_seconds (server, 42);
  drso_source_server_set_last_launch_result (server, "SUCCEEDED");
  drso_source_server_set_last_launch_date (server, 1700000400);
  drso_source_server_set_recovery_instance_id (server, "i-0123456789abcdef0");
  drso_source_server_set_private_ip (server, "10.0.1.10");
  drso_source_server_set_instance_type (server, "r5.xlarge");
  drso_source_server_set_os (server, "Ubuntu 22.04");
  drso_source_server_set_tag (server, "Tier", "db");
  drso_source_server_set_tag (server, "Environment", "production");
  drso_source_server_set_tag (server, "Name", "caf\xc3\xa9 \"db\"");
  drso_source_server_set_discovered_date (server, 1700000500);

  first = drso_source_server_to_json (server);
  back = drso_source_server_new_from_json (first, &error);
  g_assert_no_error (error);
  second = drso_source_server_to_json (back);
  drso_test_assert_json_equal (first, second);

  g_assert_cmpstr (drso_source_server_get_source_server_id (back), ==, SERVER_A);
  g_assert_cmpstr (drso_source_server_get_account_id (back), ==, ACCOUNT_ID);
  g_assert_cmpstr (drso_source_server_get_region (back), ==, "us-east-1");
  g_assert_cmpint (drso_source_server_get_lag_seconds (back), ==, 42);
  g_assert_cmpstr (drso_source_server_get_tag (back, "Name"), ==, "caf\xc3\xa9 \"db\"");
  g_assert_cmpuint (g_hash_table_size (drso_source_server_get_tags (back)), ==, 3);
  g_assert_cmpint (drso_source_server_get_discovered_date (back), ==, 1700000500);
  g_assert_cmpstr (drso_source_server_get_os (back), ==, "Ubuntu 22.04");

  g_assert_cmpstr (json_object_get_string_member (object_of (first), "sourceServerID"), ==,
                   SERVER_A);
  g_assert_cmpint (json_object_get_int_member (object_of (first), "lagSeconds"), ==, 42);
  tags = json_object_get_object_member (object_of (first), "tags");
  g_assert_cmpstr (json_object_get_string_member (tags, "Tier"), ==, "db");

  copy = drso_source_server_copy (server);
  g_assert_true (copy != server);
  drso_source_server_set_tag (copy, "Tier", "web");
  g_assert_cmpstr (drso_source_server_get_tag (server, "Tier"), ==, "db");
}

static void
test_round_trip_source_server_lag (void)
{
  static const gint64 lags[] = { -1, 0, 1, G_GINT64_CONSTANT (86400) * 365 };

  for (guint i = 0; i < G_N_ELEMENTS (lags); i++)
    {
      g_autoptr(DrsoSourceServer) server = drso_source_server_new (SERVER_B, ACCOUNT_ID,
                                                                   "eu-west-1");
      g_autoptr(DrsoSourceServer) back = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      drso_source_server_set_lag_seconds (server, lags[i]);
      node = drso_source_server_to_json (server);
      /* An unknown lag is written as no lag at all. */
      g_assert_cmpint (json_object_has_member (object_of (node), "lagSeconds"), ==, lags[i] >= 0);
      back = drso_source_server_new_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_cmpint (drso_source_server_get_lag_seconds (back), ==, lags[i]);
    }
}

static void
test_round_trip_protection_group (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web Tier Servers", ACCOUNT_ID,
                                                                    "us-east-1");
  g_autoptr(DrsoProtectionGroup) back = NULL;
  g_autoptr(DrsoProtectionGroup) empty_back = NULL;
  g_autoptr(DrsoProtectionGroup) empty = drso_protection_group_new ("Empty", ACCOUNT_ID,
                                                                    "us-east-1");

  drso_protection_group_set_description (group, "Production web servers");
  drso_protection_group_add_server_id (group, SERVER_B);
  drso_protection_group_add_server_id (group, SERVER_A);
  drso_protection_group_set_tag (group, "Environment", "production");
  drso_protection_group_set_tag (group, "Tier", "web");
  drso_document_set_created_date (DRSO_DOCUMENT (group), 1700000000);
  drso_document_set_last_modified_date (DRSO_DOCUMENT (group), 1700000100);
  drso_document_set_created_by (DRSO_DOCUMENT (group), "user@example.com");
  drso_document_set_last_modified_by (DRSO_DOCUMENT (group), "user@example.com");

  back = DRSO_PROTECTION_GROUP (document_round_trip (DRSO_DOCUMENT (group)));
  g_assert_cmpstr (drso_protection_group_get_group_id (back), ==,
                   drso_protection_group_get_group_id (group));
  /* Order is part of the group. */
  drso_test_assert_strv (drso_protection_group_get_server_ids (back),
                         (const char * const[]) { SERVER_B, SERVER_A, NULL });
  g_assert_cmpstr (drso_protection_group_get_tag (back, "Tier"), ==, "web");
  g_assert_cmpstr (drso_protection_group_get_description (back), ==, "Production web servers");

  /* No servers and no tags still write arrays and objects. */
  empty_back = DRSO_PROTECTION_GROUP (document_round_trip (DRSO_DOCUMENT (empty)));
  g_assert_null (drso_protection_group_get_server_ids (empty_back)[0]);
  g_assert_cmpuint (g_hash_table_size (drso_protection_group_get_tag_criteria (empty_back)), ==,
                    0);
}

static void
test_round_trip_wave (void)
{
  g_autoptr(DrsoWave) wave = drso_wave_new ("Application Tier");
  g_autoptr(DrsoWave) back = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  drso_wave_set_wave_number (wave, 2);
  drso_wave_add_protection_group_id (wave, "pg-uuid-2");
  drso_wave_add_protection_group_id (wave, "pg-uuid-4");
  drso_wave_set_pause_before_wave (wave, TRUE);
  drso_wave_set_estimated_duration (wave, 300);

  first = drso_wave_to_json (wave);
  back = drso_wave_new_from_json (first, &error);
  g_assert_no_error (error);
  second = drso_wave_to_json (back);
  drso_test_assert_json_equal (first, second);

  object = object_of (first);
  g_assert_cmpint (json_object_get_int_member (object, "waveNumber"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "waveName"), ==, "Application Tier");
  g_assert_true (json_object_get_boolean_member (object, "pauseBeforeWave"));
  g_assert_cmpint (json_object_get_int_member (object, "estimatedDuration"), ==, 300);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "protectionGroupIds")),
                    ==, 2);

  g_assert_cmpuint (drso_wave_get_wave_number (back), ==, 2);
  drso_test_assert_strv (drso_wave_get_protection_group_ids (back),
                         (const char * const[]) { "pg-uuid-2", "pg-uuid-4", NULL });
  g_assert_true (drso_wave_get_pause_before_wave (back));
  g_assert_cmpuint (drso_wave_get_estimated_duration (back), ==, 300);
}

static void
test_round_trip_recovery_plan (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production 3-Tier Application");
  g_autoptr(DrsoRecoveryPlan) back = NULL;
  static const char * const names[] = { "Database Tier", "Application Tier", "Web Tier" };

  drso_recovery_plan_set_description (plan, "Complete production stack recovery");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(DrsoWave) wave = drso_wave_new (names[i]);
      g_autofree char *group = g_strdup_printf ("pg-uuid-%u", i + 1);

      drso_wave_add_protection_group_id (wave, group);
      drso_wave_set_pause_before_wave (wave, i == 1);
      drso_wave_set_estimated_duration (wave, i == 0 ? 600 : 300);
      drso_recovery_plan_append_wave (plan, wave);
    }
  drso_recovery_plan_set_last_execution (plan, "exec-uuid", "COMPLETED", 1700000500);
  drso_document_set_created_date (DRSO_DOCUMENT (plan), 1700000000);
  drso_document_set_created_by (DRSO_DOCUMENT (plan), "user@example.com");

  back = DRSO_RECOVERY_PLAN (document_round_trip (DRSO_DOCUMENT (plan)));
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (back), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (back, i + 1);

      g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, names[i]);
      g_assert_cmpint (drso_wave_get_pause_before_wave (wave), ==, i == 1);
    }
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (back), ==, 1200);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (back), ==, "COMPLETED");
}

static DrsoServerRun *
new_full_server_run (const char       *server_id,
                     DrsoLaunchStatus  status)
{
  DrsoServerRun *run = drso_server_run_new (server_id);

  drso_server_run_set_hostname (run, "db-primary");
  drso_server_run_set_private_ip (run, "10.0.1.10");
  drso_server_run_set_instance_type (run, "r5.xlarge");
  drso_server_run_set_status (run, status);
  drso_server_run_set_job_id (run, "drsjob-123");
  drso_server_run_set_recovery_instance_id (run, "i-recovery-1");
  drso_server_run_set_ec2_instance_id (run, "i-0123456789abcdef0");
  drso_server_run_set_message (run, "Launched in 4 minutes");
  return run;
}

static void
test_round_trip_server_run (void)
{
  g_autoptr(DrsoServerRun) run = new_full_server_run (SERVER_A, DRSO_LAUNCH_STATUS_LAUNCHED);
  g_autoptr(DrsoServerRun) back = NULL;
  g_autoptr(DrsoServerRun) copy = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;

  first = drso_server_run_to_json (run);
  back = drso_server_run_new_from_json (first, &error);
  g_assert_no_error (error);
  second = drso_server_run_to_json (back);
  drso_test_assert_json_equal (first, second);

  g_assert_cmpstr (json_object_get_string_member (object_of (first), "serverId"), ==, SERVER_A);
  g_assert_cmpstr (json_object_get_string_member (object_of (first), "status"), ==, "LAUNCHED");
  g_assert_cmpstr (drso_server_run_get_ec2_instance_id (back), ==, "i-0123456789abcdef0");
  g_assert_cmpstr (drso_server_run_get_recovery_instance_id (back), ==, "i-recovery-1");
  g_assert_cmpstr (drso_server_run_get_message (back), ==, "Launched in 4 minutes");
  g_assert_cmpint (drso_server_run_get_status (back), ==, DRSO_LAUNCH_STATUS_LAUNCHED);

  copy = drso_server_run_copy (run);
  g_assert_true (copy != run);
  g_assert_cmpstr (drso_server_run_get_job_id (copy), ==, "drsjob-123");
}

static DrsoWaveRun *
new_full_wave_run (guint number)
{
  g_autofree char *name = g_strdup_printf ("Wave %u", number);
  DrsoWaveRun *run = drso_wave_run_new (number, name);
  g_autoptr(DrsoServerRun) launched = new_full_server_run (SERVER_A, DRSO_LAUNCH_STATUS_LAUNCHED);
  g_autoptr(DrsoServerRun) failed = new_full_server_run (SERVER_B, DRSO_LAUNCH_STATUS_FAILED);

  drso_wave_run_set_status (run, DRSO_WAVE_STATUS_FAILED);
  drso_wave_run_set_start_time (run, 1700000000);
  drso_wave_run_set_end_time (run, 1700000600);
  drso_wave_run_add_job_id (run, "drsjob-1");
  drso_wave_run_add_job_id (run, "drsjob-2");
  drso_wave_run_add_server (run, launched);
  drso_wave_run_add_server (run, failed);
  return run;
}

static void
test_round_trip_wave_run (void)
{
  g_autoptr(DrsoWaveRun) run = new_full_wave_run (2);
  g_autoptr(DrsoWaveRun) back = NULL;
  g_autoptr(DrsoWaveRun) copy = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  first = drso_wave_run_to_json (run);
  back = drso_wave_run_new_from_json (first, &error);
  g_assert_no_error (error);
  second = drso_wave_run_to_json (back);
  drso_test_assert_json_equal (first, second);

  object = object_of (first);
  g_assert_cmpint (json_object_get_int_member (object, "waveNumber"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "FAILED");
  g_assert_cmpint (json_object_get_int_member (object, "duration"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (object, "serversRecovered"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "servers")), ==,
                    2);

  g_assert_cmpuint (drso_wave_run_get_wave_number (back), ==, 2);
  g_assert_cmpstr (drso_wave_run_get_wave_name (back), ==, "Wave 2");
  g_assert_cmpint (drso_wave_run_get_status (back), ==, DRSO_WAVE_STATUS_FAILED);
  drso_test_assert_strv (drso_wave_run_get_job_ids (back),
                         (const char * const[]) { "drsjob-1", "drsjob-2", NULL });
  g_assert_cmpint (drso_server_run_get_status (drso_wave_run_find_server (back, SERVER_B)), ==,
                   DRSO_LAUNCH_STATUS_FAILED);

  copy = drso_wave_run_copy (run);
  g_assert_true (copy != run);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (copy), ==, 1);
}

static void
test_round_trip_execution (void)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-uuid", "Production",
                                                           DRSO_EXECUTION_TYPE_RECOVERY);
  g_autoptr(DrsoExecution) back = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_FAILED);
  drso_execution_set_current_wave (execution, 2);
  drso_execution_set_start_time (execution, 1700000000);
  drso_execution_set_end_time (execution, 1700001200);
  drso_execution_set_initiated_by (execution, "alice (arn:aws:sts::" ACCOUNT_ID ":assumed-role/x)");
  drso_execution_set_instances_terminated (execution, TRUE);
  drso_execution_add_error (execution, "Wave 2: server " SERVER_B " failed to launch");
  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(DrsoWaveRun) run = new_full_wave_run (i);

      drso_execution_add_wave_run (execution, run);
    }

  first = drso_execution_to_json (execution);
  back = drso_execution_new_from_json (first, &error);
  g_assert_no_error (error);
  second = drso_execution_to_json (back);
  drso_test_assert_json_equal (first, second);

  object = object_of (first);
  g_assert_cmpstr (json_object_get_string_member (object, "executionType"), ==, "RECOVERY");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "FAILED");
  g_assert_cmpint (json_object_get_int_member (object, "totalWaves"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "duration"), ==, 1200);

  g_assert_cmpstr (drso_execution_get_execution_id (back), ==,
                   drso_execution_get_execution_id (execution));
  g_assert_cmpint (drso_execution_get_execution_type (back), ==, DRSO_EXECUTION_TYPE_RECOVERY);
  g_assert_cmpint (drso_execution_get_status (back), ==, DRSO_EXECUTION_STATUS_FAILED);
  g_assert_cmpuint (drso_execution_get_current_wave (back), ==, 2);
  g_assert_cmpuint (drso_execution_get_total_waves (back), ==, 3);
  g_assert_true (drso_execution_get_instances_terminated (back));
  drso_test_assert_strv (drso_execution_get_errors (back), drso_execution_get_errors (execution));
  g_assert_cmpstr (drso_wave_run_get_wave_name (drso_execution_get_wave_run (back, 3)), ==,
                   "Wave 3");

  /* A running execution has no end and no duration yet. */
  {
    g_autoptr(DrsoExecution) running = drso_execution_new ("plan-uuid", NULL,
                                                           DRSO_EXECUTION_TYPE_DRILL);
    g_autoptr(JsonNode) node = NULL;

    drso_execution_set_status (running, DRSO_EXECUTION_STATUS_RUNNING);
    drso_execution_set_start_time (running, 1700000000);
    node = drso_execution_to_json (running);
    g_assert_cmpstr (json_object_get_string_member (object_of (node), "status"), ==, "RUNNING");
    g_assert_false (json_object_has_member (object_of (node), "endTime"));
    g_assert_false (json_object_has_member (object_of (node), "duration"));
  }
}

static void
test_round_trip_execution_event (void)
{
  static const struct { gint64 time; const char *text; } times[] = {
    { G_GINT64_CONSTANT (1700000000123456), "2023-11-14T22:13:20.123456Z" },
    { G_GINT64_CONSTANT (1700000000000001), "2023-11-14T22:13:20.000001Z" },
    { G_GINT64_CONSTANT (1700000000999999), "2023-11-14T22:13:20.999999Z" },
    { G_GINT64_CONSTANT (1700000000500000), "2023-11-14T22:13:20.500000Z" },
    { G_GINT64_CONSTANT (1700000000000000), "2023-11-14T22:13:20.000000Z" },
    { G_GINT64_CONSTANT (1768473000654321), "2026-01-15T10:30:00.654321Z" },
    { G_GINT64_CONSTANT (4102444799999999), "2099-12-31T23:59:59.999999Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(DrsoExecutionEvent) event = NULL;
      g_autoptr(DrsoExecutionEvent) back = NULL;
      g_autoptr(JsonNode) first = NULL;
      g_autoptr(JsonNode) second = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *object;

      event = drso_execution_event_new ("exec-uuid", DRSO_EVENT_KIND_SERVER_CHANGED,
                                        "db-primary launched");
      drso_execution_event_set_time (event, times[i].time);
      drso_execution_event_set_wave_number (event, 1);
      drso_execution_event_set_server_id (event, SERVER_A);
      drso_execution_event_set_actor (event, "engine");

      first = drso_execution_event_to_json (event);
      object = object_of (first);
      g_assert_cmpstr (json_object_get_string_member (object, "time"), ==, times[i].text);
      g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "SERVER_CHANGED");

      back = drso_execution_event_new_from_json (first, &error);
      g_assert_no_error (error);
      g_assert_cmpint (drso_execution_event_get_time (back), ==, times[i].time);
      g_assert_cmpstr (drso_execution_event_get_execution_id (back), ==, "exec-uuid");
      g_assert_cmpint (drso_execution_event_get_kind (back), ==, DRSO_EVENT_KIND_SERVER_CHANGED);
      g_assert_cmpstr (drso_execution_event_get_message (back), ==, "db-primary launched");
      g_assert_cmpuint (drso_execution_event_get_wave_number (back), ==, 1);
      g_assert_cmpstr (drso_execution_event_get_server_id (back), ==, SERVER_A);
      g_assert_cmpstr (drso_execution_event_get_actor (back), ==, "engine");
      second = drso_execution_event_to_json (back);
      drso_test_assert_json_equal (first, second);
    }
}

static void
test_execution_event_times (void)
{
  static const struct { const char *text; gint64 time; } inputs[] = {
    { "2026-01-15T10:30:00Z", G_GINT64_CONSTANT (1768473000000000) },
    { "2026-01-15T10:30:00.5Z", G_GINT64_CONSTANT (1768473000500000) },
    { "2026-01-15T12:30:00.000250+02:00", G_GINT64_CONSTANT (1768473000000250) },
    { "2026-01-15T05:30:00.123456-05:00", G_GINT64_CONSTANT (1768473000123456) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *text = g_strdup_printf ("{'executionId': 'exec-1', 'kind': 'INFO', "
                                               "'message': 'Note', 'time': '%s', "
                                               "'eventId': 7}", inputs[i].text);
      g_autoptr(JsonNode) node = parse_json (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoExecutionEvent) event = drso_execution_event_new_from_json (node, &error);

      g_assert_no_error (error);
      g_assert_cmpint (drso_execution_event_get_time (event), ==, inputs[i].time);
      g_assert_cmpint (drso_execution_event_get_event_id (event), ==, 7);
      g_assert_null (drso_execution_event_get_actor (event));
      g_assert_cmpuint (drso_execution_event_get_wave_number (event), ==, 0);
    }
}

/* Bad input */

static void
test_invalid_json (void)
{
  static const char * const texts[] = {
    "not json",
    "{\"groupId\": \"pg-1\", \"groupName\": \"Web\"",
    "{\"groupId\": \"pg-1\", \"groupName\": \"Web\", }",
    "{\"groupId\": pg-1}",
    "{\"serverIds\": [\"s-1\" \"s-2\"]}",
    "[1, 2",
    "",
  };
  const char *valid = "{\"groupId\": \"pg-1\", \"groupName\": \"Web\", \"region\": \"us-east-1\", "
                      "\"accountId\": \"123456789012\"}";

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoDocument) doc = NULL;

      g_test_message ("text: %s", texts[i]);
      doc = drso_document_new_from_string (DRSO_TYPE_PROTECTION_GROUP, texts[i], -1, &error);
      g_assert_null (doc);
      g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* The length given is honoured: a cut-off prefix of a good text is truncated JSON. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DrsoDocument) whole = NULL;
    g_autoptr(DrsoDocument) cut = NULL;

    whole = drso_document_new_from_string (DRSO_TYPE_PROTECTION_GROUP, valid, strlen (valid),
                                           &error);
    g_assert_no_error (error);
    g_assert_nonnull (whole);
    cut = drso_document_new_from_string (DRSO_TYPE_PROTECTION_GROUP, valid, 30, &error);
    g_assert_null (cut);
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON);
  }
}

static void
test_not_an_object (void)
{
  static const char * const texts[] = { "[1, 2]", "\"pg-1\"", "42", "null", "true" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) e1 = NULL;
      g_autoptr(GError) e2 = NULL;
      g_autoptr(GError) e3 = NULL;
      g_autoptr(DrsoDocument) doc = NULL;
      g_autoptr(DrsoExecution) execution = NULL;
      g_autoptr(DrsoExecutionEvent) event = NULL;
      g_autoptr(JsonNode) node = parse_json (texts[i]);

      g_test_message ("text: %s", texts[i]);
      doc = drso_document_new_from_string (DRSO_TYPE_RECOVERY_PLAN, texts[i], -1, &e1);
      g_assert_null (doc);
      drso_test_assert_error_names (e1, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
                                    "JSON object");

      execution = drso_execution_new_from_json (node, &e2);
      g_assert_null (execution);
      drso_test_assert_error_names (e2, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
                                    "JSON object");

      event = drso_execution_event_new_from_json (node, &e3);
      g_assert_null (event);
      drso_test_assert_error_names (e3, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
                                    "JSON object");
    }
}

typedef enum
{
  KIND_ACCOUNT,
  KIND_SOURCE_SERVER,
  KIND_GROUP,
  KIND_WAVE,
  KIND_PLAN,
  KIND_SERVER_RUN,
  KIND_WAVE_RUN,
  KIND_EXECUTION,
  KIND_EVENT,
} Kind;

typedef struct
{
  const char     *path;
  Kind            kind;
  const char     *json;    /* ' stands for " */
  int             code;   /* a DrsoModelError */
  const char     *needle;
  const char     *needle2; /* optional */
} BadCase;

static gpointer
read_as (Kind       kind,
         JsonNode  *node,
         GError   **error)
{
  switch (kind)
    {
    case KIND_ACCOUNT:
      return drso_account_new_from_json (node, error);
    case KIND_SOURCE_SERVER:
      return drso_source_server_new_from_json (node, error);
    case KIND_GROUP:
      return drso_protection_group_new_from_json (node, error);
    case KIND_WAVE:
      return drso_wave_new_from_json (node, error);
    case KIND_PLAN:
      return drso_recovery_plan_new_from_json (node, error);
    case KIND_SERVER_RUN:
      return drso_server_run_new_from_json (node, error);
    case KIND_WAVE_RUN:
      return drso_wave_run_new_from_json (node, error);
    case KIND_EXECUTION:
      return drso_execution_new_from_json (node, error);
    case KIND_EVENT:
      return drso_execution_event_new_from_json (node, error);
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

#define GROUP_HEAD "'groupId': 'pg-1', 'groupName': 'Web', 'region': 'us-east-1', " \
                   "'accountId': '123456789012'"
#define PLAN_HEAD  "'planId': 'plan-1', 'planName': 'Production'"
#define WAVE_OK(n) "{'waveNumber': " #n ", 'protectionGroupIds': ['pg-" #n "']}"
#define EXEC_HEAD  "'executionId': 'exec-1', 'planId': 'plan-1'"
#define EXEC_OK    EXEC_HEAD ", 'executionType': 'DRILL', 'status': 'RUNNING'"
#define EVENT_HEAD "'executionId': 'exec-1', 'kind': 'INFO', 'message': 'Note'"
#define TIME_OK    "'time': '2026-01-15T10:30:00.000001Z'"
#define ACCOUNT_HEAD "'accountId': '123456789012', 'accountName': 'Production'"
#define SERVER_HEAD "'sourceServerID': 's-1234567890abcdef0', 'accountId': '123456789012', " \
                    "'region': 'us-east-1'"

static const BadCase bad_cases[] = {
  /* Protection groups */
  { "/json/bad/group/missing-name", KIND_GROUP,
    "{'groupId': 'pg-1', 'region': 'us-east-1', 'accountId': '123456789012'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "groupName", NULL },
  { "/json/bad/group/null-name", KIND_GROUP,
    "{'groupId': 'pg-1', 'groupName': null, 'region': 'us-east-1', 'accountId': '123456789012'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "groupName", NULL },
  { "/json/bad/group/name-not-string", KIND_GROUP,
    "{'groupId': 'pg-1', 'groupName': 5, 'region': 'us-east-1', 'accountId': '123456789012'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "groupName", NULL },
  { "/json/bad/group/missing-region", KIND_GROUP,
    "{'groupId': 'pg-1', 'groupName': 'Web', 'accountId': '123456789012'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "region", NULL },
  { "/json/bad/group/description-not-string", KIND_GROUP,
    "{" GROUP_HEAD ", 'description': ['Web']}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "description", NULL },
  { "/json/bad/group/server-ids-not-array", KIND_GROUP,
    "{" GROUP_HEAD ", 'serverIds': 's-1234567890abcdef0'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "serverIds", "array" },
  { "/json/bad/group/server-id-number", KIND_GROUP,
    "{" GROUP_HEAD ", 'serverIds': ['s-1234567890abcdef0', 7, 's-0987654321fedcba0']}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "serverIds[1]", NULL },
  { "/json/bad/group/tag-criteria-not-object", KIND_GROUP,
    "{" GROUP_HEAD ", 'tagCriteria': ['Tier', 'web']}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "tagCriteria", NULL },
  { "/json/bad/group/tag-value-not-string", KIND_GROUP,
    "{" GROUP_HEAD ", 'tagCriteria': {'Tier': 'web', 'Environment': 1}}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "tagCriteria.Environment", NULL },
  { "/json/bad/group/created-negative", KIND_GROUP,
    "{" GROUP_HEAD ", 'createdDate': -1}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "createdDate", NULL },
  { "/json/bad/group/created-string", KIND_GROUP,
    "{" GROUP_HEAD ", 'createdDate': '2026-01-15'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "createdDate", NULL },
  { "/json/bad/group/created-fraction", KIND_GROUP,
    "{" GROUP_HEAD ", 'createdDate': 1700000000.5}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "createdDate", NULL },
  { "/json/bad/group/modified-negative", KIND_GROUP,
    "{" GROUP_HEAD ", 'lastModifiedDate': -1700000000}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "lastModifiedDate", NULL },
  { "/json/bad/group/created-by-object", KIND_GROUP,
    "{" GROUP_HEAD ", 'createdBy': {'name': 'alice'}}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "createdBy", NULL },

  /* Recovery plans */
  { "/json/bad/plan/missing-waves", KIND_PLAN,
    "{" PLAN_HEAD "}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "waves", NULL },
  { "/json/bad/plan/waves-not-array", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': {'waveNumber': 1}}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves", NULL },
  { "/json/bad/plan/wave-not-object", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) ", 'Web Tier']}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves[1]", NULL },
  { "/json/bad/plan/wave-number-string", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) ", "
    "{'waveNumber': '2', 'protectionGroupIds': ['pg-2']}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves[1].waveNumber", NULL },
  { "/json/bad/plan/wave-number-zero", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [{'waveNumber': 0, 'protectionGroupIds': ['pg-1']}]}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waves[0].waveNumber", NULL },
  { "/json/bad/plan/wave-number-negative", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) ", "
    "{'waveNumber': -2, 'protectionGroupIds': ['pg-2']}]}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waves[1].waveNumber", NULL },
  { "/json/bad/plan/wave-number-fraction", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) ", "
    "{'waveNumber': 2.5, 'protectionGroupIds': ['pg-2']}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves[1].waveNumber", NULL },
  { "/json/bad/plan/wave-number-missing", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [{'waveName': 'DB', 'protectionGroupIds': ['pg-1']}]}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "waves[0]", "waveNumber" },
  { "/json/bad/plan/wave-groups-missing", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) ", {'waveNumber': 2}]}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "waves[1]", "protectionGroupIds" },
  { "/json/bad/plan/wave-group-id-number", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [{'waveNumber': 1, 'protectionGroupIds': ['pg-1', 2]}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves[0].protectionGroupIds[1]", NULL },
  { "/json/bad/plan/wave-pause-string", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [{'waveNumber': 1, 'protectionGroupIds': ['pg-1'], "
    "'pauseBeforeWave': 'yes'}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves[0].pauseBeforeWave", NULL },
  { "/json/bad/plan/wave-duration-negative", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [{'waveNumber': 1, 'protectionGroupIds': ['pg-1'], "
    "'estimatedDuration': -600}]}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waves[0].estimatedDuration", NULL },
  { "/json/bad/plan/wave-name-number", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [{'waveNumber': 1, 'protectionGroupIds': ['pg-1'], "
    "'waveName': 1}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waves[0].waveName", NULL },
  { "/json/bad/plan/duplicate-wave-numbers", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) ", " WAVE_OK (2) ", " WAVE_OK (2) "]}",
    DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER, "Production", "2" },
  { "/json/bad/plan/last-execution-date-negative", KIND_PLAN,
    "{" PLAN_HEAD ", 'waves': [" WAVE_OK (1) "], 'lastExecutionDate': -5}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "lastExecutionDate", NULL },

  /* Waves alone */
  { "/json/bad/wave/number-too-large", KIND_WAVE,
    "{'waveNumber': 10001, 'protectionGroupIds': ['pg-1']}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waveNumber", "10001" },
  { "/json/bad/wave/groups-not-array", KIND_WAVE,
    "{'waveNumber': 1, 'protectionGroupIds': 'pg-1'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "protectionGroupIds", NULL },

  /* Executions */
  { "/json/bad/execution/missing-id", KIND_EXECUTION,
    "{'planId': 'plan-1', 'executionType': 'DRILL', 'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "executionId", NULL },
  { "/json/bad/execution/bad-id", KIND_EXECUTION,
    "{'executionId': 'exec 1', 'planId': 'plan-1', 'executionType': 'DRILL', "
    "'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_INVALID_ID, "exec 1", NULL },
  { "/json/bad/execution/missing-plan", KIND_EXECUTION,
    "{'executionId': 'exec-1', 'executionType': 'DRILL', 'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "planId", NULL },
  { "/json/bad/execution/missing-type", KIND_EXECUTION,
    "{" EXEC_HEAD ", 'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "executionType", NULL },
  { "/json/bad/execution/unknown-type", KIND_EXECUTION,
    "{" EXEC_HEAD ", 'executionType': 'TEST', 'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "executionType", "TEST" },
  { "/json/bad/execution/lower-case-type", KIND_EXECUTION,
    "{" EXEC_HEAD ", 'executionType': 'drill', 'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "executionType", "drill" },
  { "/json/bad/execution/unknown-status", KIND_EXECUTION,
    "{" EXEC_HEAD ", 'executionType': 'DRILL', 'status': 'FINISHED'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "status", "FINISHED" },
  { "/json/bad/execution/status-number", KIND_EXECUTION,
    "{" EXEC_HEAD ", 'executionType': 'DRILL', 'status': 3}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "status", NULL },
  { "/json/bad/execution/current-wave-negative", KIND_EXECUTION,
    "{" EXEC_OK ", 'currentWave': -1}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "currentWave", NULL },
  { "/json/bad/execution/start-time-string", KIND_EXECUTION,
    "{" EXEC_OK ", 'startTime': 'now'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "startTime", NULL },
  { "/json/bad/execution/error-not-string", KIND_EXECUTION,
    "{" EXEC_OK ", 'errors': ['one', {'message': 'two'}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "errors[1]", NULL },
  { "/json/bad/execution/instances-terminated-string", KIND_EXECUTION,
    "{" EXEC_OK ", 'instancesTerminated': 'no'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "instancesTerminated", NULL },
  { "/json/bad/execution/wave-status-not-array", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': {'waveNumber': 1}}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waveStatus", NULL },
  { "/json/bad/execution/wave-run-unknown-status", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': [{'waveNumber': 1, 'status': 'COMPLETED'}, "
    "{'waveNumber': 2, 'status': 'POLLING'}]}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waveStatus[1].status", "POLLING" },
  { "/json/bad/execution/wave-run-number-missing", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': [{'status': 'COMPLETED'}]}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "waveStatus[0]", "waveNumber" },
  { "/json/bad/execution/duplicate-wave-runs", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': [{'waveNumber': 1}, {'waveNumber': 1}]}",
    DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER, "waveStatus", "1" },
  { "/json/bad/execution/server-run-unknown-status", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': [{'waveNumber': 1, 'servers': "
    "[{'serverId': 's-1234567890abcdef0', 'status': 'UP'}]}]}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waveStatus[0].servers[0].status", "UP" },
  { "/json/bad/execution/server-run-missing-id", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': [{'waveNumber': 1, 'servers': "
    "[{'serverId': 's-1234567890abcdef0'}, {'hostname': 'web-1'}]}]}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "waveStatus[0].servers[1]", "serverId" },
  { "/json/bad/execution/server-run-hostname-number", KIND_EXECUTION,
    "{" EXEC_OK ", 'waveStatus': [{'waveNumber': 1, 'servers': "
    "[{'serverId': 's-1234567890abcdef0', 'hostname': 10}]}]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "waveStatus[0].servers[0].hostname", NULL },

  /* Wave runs and server runs alone */
  { "/json/bad/wave-run/unknown-status", KIND_WAVE_RUN,
    "{'waveNumber': 1, 'status': 'DONE'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "status", "DONE" },
  { "/json/bad/wave-run/job-id-null", KIND_WAVE_RUN,
    "{'waveNumber': 1, 'jobIds': ['drsjob-1', null]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "jobIds[1]", NULL },
  { "/json/bad/wave-run/server-not-object", KIND_WAVE_RUN,
    "{'waveNumber': 1, 'servers': ['s-1234567890abcdef0']}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "servers[0]", NULL },
  { "/json/bad/server-run/missing-id", KIND_SERVER_RUN,
    "{'hostname': 'db-primary', 'status': 'LAUNCHED'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "serverId", NULL },
  { "/json/bad/server-run/unknown-status", KIND_SERVER_RUN,
    "{'serverId': 's-1234567890abcdef0', 'status': 'RUNNING'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "status", "RUNNING" },

  /* Execution events */
  { "/json/bad/event/bad-time", KIND_EVENT,
    "{" EVENT_HEAD ", 'time': 'yesterday'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "time", "yesterday" },
  { "/json/bad/event/time-without-zone", KIND_EVENT,
    "{" EVENT_HEAD ", 'time': '2026-01-15 10:30'}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "time", "2026-01-15 10:30" },
  { "/json/bad/event/time-number", KIND_EVENT,
    "{" EVENT_HEAD ", 'time': 1700000000}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "time", NULL },
  { "/json/bad/event/missing-time", KIND_EVENT,
    "{" EVENT_HEAD "}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "time", NULL },
  { "/json/bad/event/unknown-kind", KIND_EVENT,
    "{'executionId': 'exec-1', 'kind': 'NOTE', 'message': 'Note', " TIME_OK "}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "kind", "NOTE" },
  { "/json/bad/event/missing-message", KIND_EVENT,
    "{'executionId': 'exec-1', 'kind': 'INFO', " TIME_OK "}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "message", NULL },
  { "/json/bad/event/wave-number-negative", KIND_EVENT,
    "{" EVENT_HEAD ", " TIME_OK ", 'waveNumber': -1}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "waveNumber", NULL },

  /* Accounts */
  { "/json/bad/account/missing-name", KIND_ACCOUNT,
    "{'accountId': '123456789012'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "accountName", NULL },
  { "/json/bad/account/role-arn-number", KIND_ACCOUNT,
    "{" ACCOUNT_HEAD ", 'roleArn': 123456789012}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "roleArn", NULL },
  { "/json/bad/account/region-number", KIND_ACCOUNT,
    "{" ACCOUNT_HEAD ", 'regions': ['us-east-1', 2]}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "regions[1]", NULL },
  { "/json/bad/account/validated-string", KIND_ACCOUNT,
    "{" ACCOUNT_HEAD ", 'validated': 'true'}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "validated", NULL },
  { "/json/bad/account/last-validated-negative", KIND_ACCOUNT,
    "{" ACCOUNT_HEAD ", 'lastValidated': -1}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "lastValidated", NULL },

  /* Source servers */
  { "/json/bad/source-server/missing-id", KIND_SOURCE_SERVER,
    "{'accountId': '123456789012', 'region': 'us-east-1'}",
    DRSO_MODEL_ERROR_MISSING_FIELD, "sourceServerID", NULL },
  { "/json/bad/source-server/lag-below-unknown", KIND_SOURCE_SERVER,
    "{" SERVER_HEAD ", 'lagSeconds': -2}",
    DRSO_MODEL_ERROR_INVALID_VALUE, "lagSeconds", NULL },
  { "/json/bad/source-server/tag-not-string", KIND_SOURCE_SERVER,
    "{" SERVER_HEAD ", 'tags': {'Tier': true}}",
    DRSO_MODEL_ERROR_WRONG_TYPE, "tags.Tier", NULL },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(JsonNode) node = parse_json (bad->json);
  g_autoptr(GError) error = NULL;
  gpointer object = read_as (bad->kind, node, &error);

  g_test_message ("input: %s", bad->json);
  if (error != NULL)
    g_test_message ("message: %s", error->message);
  g_assert_null (object);
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, bad->code, bad->needle);
  if (bad->needle2 != NULL)
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, bad->code, bad->needle2);
}

/* Lenient input */

static void
test_null_optional_members (void)
{
  g_autoptr(JsonNode) group_node = parse_json (
    "{" GROUP_HEAD ", 'description': null, 'serverIds': null, 'tagCriteria': null, "
    "'createdDate': null, 'lastModifiedDate': null, 'createdBy': null, 'lastModifiedBy': null}");
  g_autoptr(JsonNode) plan_node = parse_json (
    "{" PLAN_HEAD ", 'description': null, 'lastExecutionId': null, 'lastExecutionStatus': null, "
    "'lastExecutionDate': null, 'waves': [{'waveNumber': 1, 'protectionGroupIds': ['pg-1'], "
    "'waveName': null, 'pauseBeforeWave': null, 'estimatedDuration': null}]}");
  g_autoptr(JsonNode) execution_node = parse_json (
    "{" EXEC_OK ", 'planName': null, 'currentWave': null, 'startTime': null, 'endTime': null, "
    "'initiatedBy': null, 'errors': null, 'instancesTerminated': null, "
    "'waveStatus': [{'waveNumber': 1, 'waveName': null, 'status': null, 'jobIds': null, "
    "'servers': [{'serverId': 's-1234567890abcdef0', 'status': null, 'hostname': null}]}]}");
  g_autoptr(JsonNode) account_node = parse_json (
    "{" ACCOUNT_HEAD ", 'roleArn': null, 'externalId': null, 'regions': null, "
    "'validated': null, 'simulated': null, 'lastValidated': null, 'endpointUrl': null}");
  g_autoptr(JsonNode) event_node = parse_json (
    "{" EVENT_HEAD ", " TIME_OK ", 'actor': null, 'waveNumber': null, 'serverId': null, "
    "'eventId': null}");
  g_autoptr(JsonNode) server_node = parse_json (
    "{" SERVER_HEAD ", 'hostname': null, 'lagSeconds': null, 'tags': null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoExecutionEvent) event = NULL;
  g_autoptr(DrsoSourceServer) server = NULL;
  DrsoWave *wave;
  DrsoWaveRun *run;

  group = drso_protection_group_new_from_json (group_node, &error);
  g_assert_no_error (error);
  g_assert_null (drso_protection_group_get_server_ids (group)[0]);
  g_assert_cmpuint (g_hash_table_size (drso_protection_group_get_tag_criteria (group)), ==, 0);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (group)), ==, 0);
  g_assert_null (drso_document_get_created_by (DRSO_DOCUMENT (group)));

  plan = drso_recovery_plan_new_from_json (plan_node, &error);
  g_assert_no_error (error);
  g_assert_null (drso_recovery_plan_get_last_execution_id (plan));
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), ==, 0);
  wave = drso_recovery_plan_get_wave (plan, 1);
  g_assert_nonnull (wave);
  g_assert_false (drso_wave_get_pause_before_wave (wave));
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, 0);
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  g_assert_no_error (error);

  execution = drso_execution_new_from_json (execution_node, &error);
  g_assert_no_error (error);
  g_assert_null (drso_execution_get_plan_name (execution));
  g_assert_cmpint (drso_execution_get_end_time (execution), ==, 0);
  g_assert_null (drso_execution_get_errors (execution)[0]);
  run = drso_execution_get_wave_run (execution, 1);
  g_assert_nonnull (run);
  g_assert_cmpint (drso_wave_run_get_status (run), ==, DRSO_WAVE_STATUS_PENDING);
  g_assert_null (drso_wave_run_get_job_ids (run)[0]);
  g_assert_cmpint (drso_server_run_get_status (drso_wave_run_find_server (run, SERVER_A)), ==,
                   DRSO_LAUNCH_STATUS_PENDING);

  account = drso_account_new_from_json (account_node, &error);
  g_assert_no_error (error);
  g_assert_null (drso_account_get_role_arn (account));
  g_assert_null (drso_account_get_regions (account)[0]);
  g_assert_false (drso_account_get_validated (account));
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), &error));
  g_assert_no_error (error);

  event = drso_execution_event_new_from_json (event_node, &error);
  g_assert_no_error (error);
  g_assert_null (drso_execution_event_get_actor (event));
  g_assert_cmpuint (drso_execution_event_get_wave_number (event), ==, 0);
  g_assert_cmpint (drso_execution_event_get_time (event), ==,
                   G_GINT64_CONSTANT (1768473000000001));

  server = drso_source_server_new_from_json (server_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_source_server_get_lag_seconds (server), ==, -1);
  g_assert_null (drso_source_server_get_hostname (server));
}

static void
test_unknown_members_ignored (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{" GROUP_HEAD ", 'serverIds': ['s-1234567890abcdef0'], 'serverCount': 99, "
    "'futureMember': {'nested': [1, 2, {'deep': null}]}, 'ttl': 1700000000, "
    "'tagCriteria': {}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new_from_json (node, &error);
  g_autoptr(JsonNode) written = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (group);
  /* serverCount is what the group counts, not what the document says. */
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 1);
  written = drso_document_to_json (DRSO_DOCUMENT (group));
  g_assert_cmpint (json_object_get_int_member (object_of (written), "serverCount"), ==, 1);
  g_assert_false (json_object_has_member (object_of (written), "futureMember"));
  g_assert_false (json_object_has_member (object_of (written), "ttl"));
}

static void
test_whole_numbers_as_doubles (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{" PLAN_HEAD ", 'createdDate': 1700000000.0, 'waves': [{'waveNumber': 2.0, "
    "'protectionGroupIds': ['pg-1'], 'estimatedDuration': 60.0}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (plan)), ==, 1700000000);
  g_assert_cmpuint (drso_wave_get_estimated_duration (drso_recovery_plan_get_wave (plan, 1)), ==,
                    60);
}

/* Wave order */

static void
assert_plan_waves (DrsoRecoveryPlan   *plan,
                   const char * const *names)
{
  g_autoptr(JsonNode) node = drso_document_to_json (DRSO_DOCUMENT (plan));
  JsonArray *waves = json_object_get_array_member (object_of (node), "waves");
  guint n = g_strv_length ((char **) names);

  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, n);
  g_assert_cmpuint (json_array_get_length (waves), ==, n);
  for (guint i = 0; i < n; i++)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (plan, i + 1);
      JsonObject *written = json_array_get_object_element (waves, i);

      g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, names[i]);
      g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, i + 1);
      g_assert_cmpint (json_object_get_int_member (written, "waveNumber"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (written, "waveName"), ==, names[i]);
    }
}

static void
test_waves_out_of_order (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{" PLAN_HEAD ", 'waves': ["
    "{'waveNumber': 3, 'waveName': 'Web', 'protectionGroupIds': ['pg-web']}, "
    "{'waveNumber': 1, 'waveName': 'Database', 'protectionGroupIds': ['pg-db']}, "
    "{'waveNumber': 2, 'waveName': 'Application', 'protectionGroupIds': ['pg-app']}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new_from_json (node, &error);

  g_assert_no_error (error);
  assert_plan_waves (plan, (const char * const[]) { "Database", "Application", "Web", NULL });
  g_assert_true (drso_recovery_plan_find_group (plan, "pg-web") ==
                 drso_recovery_plan_get_wave (plan, 3));
}

static void
test_waves_with_gaps (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{" PLAN_HEAD ", 'waves': ["
    "{'waveNumber': 1, 'waveName': 'Database', 'protectionGroupIds': ['pg-db']}, "
    "{'waveNumber': 9, 'waveName': 'Web', 'protectionGroupIds': ['pg-web']}, "
    "{'waveNumber': 5, 'waveName': 'Application', 'protectionGroupIds': ['pg-app']}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new_from_json (node, &error);

  g_assert_no_error (error);
  assert_plan_waves (plan, (const char * const[]) { "Database", "Application", "Web", NULL });
  g_assert_null (drso_recovery_plan_get_wave (plan, 5));
  g_assert_null (drso_recovery_plan_get_wave (plan, 9));
}

static void
test_duplicate_wave_numbers (void)
{
  g_autoptr(JsonNode) node = parse_json (
    "{" PLAN_HEAD ", 'waves': ["
    "{'waveNumber': 4, 'waveName': 'A', 'protectionGroupIds': ['pg-a']}, "
    "{'waveNumber': 7, 'waveName': 'B', 'protectionGroupIds': ['pg-b']}, "
    "{'waveNumber': 4, 'waveName': 'C', 'protectionGroupIds': ['pg-c']}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new_from_json (node, &error);

  g_assert_null (plan);
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER,
                                "Production");
  g_assert_nonnull (strstr (error->message, "4"));
  g_assert_null (strstr (error->message, "7"));
}

/* Members written */

static void
test_derived_members (void)
{
  g_autoptr(JsonNode) plan_seed = load_seed ("recovery-plan.json");
  g_autoptr(JsonNode) group_seed = load_seed ("protection-group.json");
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new_from_json (plan_seed, NULL);
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new_from_json (group_seed, NULL);
  g_autoptr(JsonNode) plan_json = NULL;
  g_autoptr(JsonNode) group_json = NULL;
  JsonObject *object;

  g_assert_nonnull (plan);
  g_assert_nonnull (group);

  plan_json = drso_document_to_json (DRSO_DOCUMENT (plan));
  object = object_of (plan_json);
  g_assert_cmpint (json_object_get_int_member (object, "totalWaves"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "estimatedTotalDuration"), ==, 1200);

  /* They follow changes. */
  drso_recovery_plan_remove_wave (plan, 1);
  g_clear_pointer (&plan_json, json_node_unref);
  plan_json = drso_document_to_json (DRSO_DOCUMENT (plan));
  object = object_of (plan_json);
  g_assert_cmpint (json_object_get_int_member (object, "totalWaves"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "estimatedTotalDuration"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (json_object_get_array_member (object, "waves"),
                                                    0), "waveNumber"), ==, 1);

  group_json = drso_document_to_json (DRSO_DOCUMENT (group));
  g_assert_cmpint (json_object_get_int_member (object_of (group_json), "serverCount"), ==, 2);
  drso_protection_group_add_server_id (group, "s-00000000000000003");
  g_clear_pointer (&group_json, json_node_unref);
  group_json = drso_document_to_json (DRSO_DOCUMENT (group));
  g_assert_cmpint (json_object_get_int_member (object_of (group_json), "serverCount"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (group_json),
                                                                         "serverIds")), ==, 3);
}

/* Engine additions: plan targets and server settings, execution and server
 * run members. Documents without them read with their defaults. */

#define SNAPSHOT_A "pit-0123456789abcdef0"

static DrsoRecoveryPlan *
read_plan_text (const char  *text,
                GError     **error)
{
  return DRSO_RECOVERY_PLAN (drso_document_new_from_string (DRSO_TYPE_RECOVERY_PLAN, text, -1,
                                                            error));
}

static void
test_plan_settings_round_trip (void)
{
  g_autoptr(JsonNode) seed = load_seed ("recovery-plan.json");
  g_autoptr(DrsoRecoveryPlan) old = NULL;
  g_autoptr(DrsoRecoveryPlan) back = NULL;
  g_autoptr(JsonNode) old_out = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) configured = NULL;
  JsonObject *object, *settings, *entry;

  /* The seed's plan has none of the new members: defaults, and none written. */
  old = drso_recovery_plan_new_from_json (seed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (old), ==, 0);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (old), ==, 0);
  configured = drso_recovery_plan_dup_configured_servers (old);
  g_assert_cmpuint (g_strv_length (configured), ==, 0);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (old, SERVER_A), ==,
                   DRSO_SERVER_CRITICALITY_CRITICAL);
  g_assert_null (drso_recovery_plan_get_server_snapshot (old, SERVER_A));
  old_out = drso_document_to_json (DRSO_DOCUMENT (old));
  g_assert_false (json_object_has_member (object_of (old_out), "rpoTargetSeconds"));
  g_assert_false (json_object_has_member (object_of (old_out), "rtoTargetSeconds"));
  g_assert_false (json_object_has_member (object_of (old_out), "serverSettings"));
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (old), &error));
  g_assert_no_error (error);

  /* With every new member. */
  drso_recovery_plan_set_rpo_target (old, 900);
  drso_recovery_plan_set_rto_target (old, 3600);
  drso_recovery_plan_set_server_criticality (old, SERVER_A, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_recovery_plan_set_server_snapshot (old, SERVER_B, SNAPSHOT_A);
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (old), &error));
  g_assert_no_error (error);

  node = drso_document_to_json (DRSO_DOCUMENT (old));
  object = object_of (node);
  g_assert_cmpint (json_object_get_int_member (object, "rpoTargetSeconds"), ==, 900);
  g_assert_cmpint (json_object_get_int_member (object, "rtoTargetSeconds"), ==, 3600);
  settings = json_object_get_object_member (object, "serverSettings");
  g_assert_cmpuint (json_object_get_size (settings), ==, 2);
  entry = json_object_get_object_member (settings, SERVER_A);
  g_assert_cmpstr (json_object_get_string_member (entry, "criticality"), ==, "OPTIONAL");
  g_assert_false (json_object_has_member (entry, "recoverySnapshotId"));
  entry = json_object_get_object_member (settings, SERVER_B);
  g_assert_false (json_object_has_member (entry, "criticality"));
  g_assert_cmpstr (json_object_get_string_member (entry, "recoverySnapshotId"), ==, SNAPSHOT_A);

  back = DRSO_RECOVERY_PLAN (document_round_trip (DRSO_DOCUMENT (old)));
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (back), ==, 900);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (back), ==, 3600);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (back, SERVER_A), ==,
                   DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (back, SERVER_B), ==,
                   DRSO_SERVER_CRITICALITY_CRITICAL);
  g_assert_cmpstr (drso_recovery_plan_get_server_snapshot (back, SERVER_B), ==, SNAPSHOT_A);
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (back), DRSO_DOCUMENT (old)));

  /* A server listed with only defaults reads as not configured. */
  {
    g_autoptr(DrsoRecoveryPlan) plain = NULL;
    g_auto(GStrv) none = NULL;

    plain = read_plan_text ("{\"planId\": \"plan-1\", \"planName\": \"P\", \"waves\": [],"
                            " \"rpoTargetSeconds\": null,"
                            " \"serverSettings\": {\"" SERVER_A "\": {\"criticality\": "
                            "\"CRITICAL\"}, \"" SERVER_B "\": {}}}",
                            &error);
    g_assert_no_error (error);
    none = drso_recovery_plan_dup_configured_servers (plain);
    g_assert_cmpuint (g_strv_length (none), ==, 0);
    g_assert_cmpuint (drso_recovery_plan_get_rpo_target (plain), ==, 0);
  }
}

typedef struct
{
  const char *name;
  const char *members;   /* added to a minimal plan */
  GQuark      domain;
  int         code;
  const char *needle;
  gboolean    on_validate;
} BadPlanSettings;

static void
test_plan_settings_invalid (void)
{
  const BadPlanSettings cases[] = {
    { "unknown criticality", "\"serverSettings\": {\"" SERVER_A "\": {\"criticality\": \"LOW\"}}",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
      "serverSettings." SERVER_A ".criticality is “LOW”, not CRITICAL or OPTIONAL", FALSE },
    { "criticality not a string", "\"serverSettings\": {\"" SERVER_A "\": {\"criticality\": 1}}",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
      "serverSettings." SERVER_A ".criticality", FALSE },
    { "settings not an object", "\"serverSettings\": []",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE, "serverSettings should be an object", FALSE },
    { "entry not an object", "\"serverSettings\": {\"" SERVER_A "\": \"OPTIONAL\"}",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE,
      "serverSettings." SERVER_A " should be an object", FALSE },
    { "negative target", "\"rpoTargetSeconds\": -1",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE, "rpoTargetSeconds", FALSE },
    { "target not a number", "\"rtoTargetSeconds\": \"1h\"",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE, "rtoTargetSeconds", FALSE },
    { "bad snapshot id",
      "\"serverSettings\": {\"" SERVER_A "\": {\"recoverySnapshotId\": \"pit-123\"}}",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID,
      "serverSettings." SERVER_A ".recoverySnapshotId is “pit-123”", TRUE },
    { "snapshot id of another kind",
      "\"serverSettings\": {\"" SERVER_A "\": {\"recoverySnapshotId\": \"snap-0123456789abcdef0\"}}",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID, "recoverySnapshotId", TRUE },
    { "bad server id", "\"serverSettings\": {\"i-123\": {\"criticality\": \"OPTIONAL\"}}",
      DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID, "serverSettings: “i-123”", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(DrsoRecoveryPlan) plan = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].name);
      text = g_strdup_printf ("{\"planId\": \"plan-1\", \"planName\": \"P\", \"waves\": "
                              "[{\"waveNumber\": 1, \"protectionGroupIds\": [\"pg-1\"]}], %s}",
                              cases[i].members);
      plan = read_plan_text (text, &error);
      if (cases[i].on_validate)
        {
          g_assert_no_error (error);
          g_assert_nonnull (plan);
          g_assert_false (drso_document_validate (DRSO_DOCUMENT (plan), &error));
          /* A plan that does not validate still copies. */
          {
            g_autoptr(DrsoDocument) copy = drso_document_copy (DRSO_DOCUMENT (plan));
            g_assert_true (drso_document_equal (copy, DRSO_DOCUMENT (plan)));
          }
        }
      else
        g_assert_null (plan);
      drso_test_assert_error_names (error, cases[i].domain, cases[i].code, cases[i].needle);
    }

  /* In a bundle the path starts at the bundle. */
  {
    g_autoptr(DrsoBundle) bundle = NULL;
    g_autoptr(GError) error = NULL;

    bundle = drso_bundle_new_from_data (
      "{\"formatVersion\": 1, \"protectionGroups\": [], \"recoveryPlans\": [{\"planId\": "
      "\"plan-1\", \"planName\": \"P\", \"waves\": [], \"serverSettings\": {\"" SERVER_B "\": "
      "{\"criticality\": \"optional\"}}}]}", -1, &error);
    g_assert_null (bundle);
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                  "serverSettings." SERVER_B ".criticality is “optional”");
  }
}

static void
test_server_run_engine_members (void)
{
  g_autoptr(JsonNode) seed = load_seed ("execution.json");
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoServerRun) run = drso_server_run_new (SERVER_A);
  g_autoptr(DrsoServerRun) back = NULL;
  g_autoptr(DrsoServerRun) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(GError) error = NULL;
  DrsoWaveRun *wave;
  DrsoServerRun *old;
  JsonObject *object;

  /* The seed's server has none of them: defaults. */
  execution = drso_execution_new_from_json (seed, &error);
  g_assert_no_error (error);
  wave = drso_execution_get_wave_run (execution, 1);
  old = g_list_model_get_item (drso_wave_run_get_servers (wave), 0);
  g_object_unref (old);   /* the wave run keeps it */
  g_assert_cmpint (drso_server_run_get_criticality (old), ==, DRSO_SERVER_CRITICALITY_CRITICAL);
  g_assert_cmpuint (drso_server_run_get_launch_attempt (old), ==, 0);
  g_assert_cmpint (drso_server_run_get_launch_requested (old), ==, 0);
  g_assert_cmpint (drso_server_run_get_launch_end (old), ==, 0);
  g_assert_null (drso_server_run_get_health (old));
  g_assert_null (drso_execution_get_initiated_by_arn (execution));
  g_assert_cmpuint (g_strv_length ((char **) drso_execution_get_warnings (execution)), ==, 0);

  /* A default server run writes none of them. */
  plain = drso_server_run_to_json (run);
  for (const char * const *key = (const char * const[]) {
         "criticality", "launchAttempt", "launchRequested", "snapshotStart", "snapshotEnd",
         "conversionStart", "conversionEnd", "launchStart", "launchEnd", "health", NULL };
       *key != NULL; key++)
    g_assert_false (json_object_has_member (object_of (plain), *key));

  drso_server_run_set_criticality (run, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_server_run_set_launch_attempt (run, 2);
  drso_server_run_set_launch_requested (run, G_GINT64_CONSTANT (1700000000123456));
  drso_server_run_set_snapshot_start (run, G_GINT64_CONSTANT (1700000001000001));
  drso_server_run_set_snapshot_end (run, G_GINT64_CONSTANT (1700000002000002));
  drso_server_run_set_conversion_start (run, G_GINT64_CONSTANT (1700000003000003));
  drso_server_run_set_conversion_end (run, G_GINT64_CONSTANT (1700000004000004));
  drso_server_run_set_launch_start (run, G_GINT64_CONSTANT (1700000005000005));
  drso_server_run_set_launch_end (run, G_GINT64_CONSTANT (1700000006000006));
  drso_server_run_set_health (run, "impaired");

  node = drso_server_run_to_json (run);
  object = object_of (node);
  g_assert_cmpstr (json_object_get_string_member (object, "criticality"), ==, "OPTIONAL");
  g_assert_cmpint (json_object_get_int_member (object, "launchAttempt"), ==, 2);
  /* ISO 8601 with microseconds, as an event's time: nothing is lost. */
  g_assert_cmpstr (json_object_get_string_member (object, "launchRequested"), ==,
                   "2023-11-14T22:13:20.123456Z");
  g_assert_cmpstr (json_object_get_string_member (object, "conversionEnd"), ==,
                   "2023-11-14T22:13:24.000004Z");
  g_assert_cmpstr (json_object_get_string_member (object, "health"), ==, "impaired");

  back = drso_server_run_new_from_json (node, &error);
  g_assert_no_error (error);
  again = drso_server_run_to_json (back);
  drso_test_assert_json_equal (node, again);
  g_assert_cmpint (drso_server_run_get_criticality (back), ==, DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_assert_cmpuint (drso_server_run_get_launch_attempt (back), ==, 2);
  g_assert_cmpint (drso_server_run_get_snapshot_start (back), ==,
                   G_GINT64_CONSTANT (1700000001000001));
  g_assert_cmpint (drso_server_run_get_snapshot_end (back), ==,
                   G_GINT64_CONSTANT (1700000002000002));
  g_assert_cmpint (drso_server_run_get_conversion_start (back), ==,
                   G_GINT64_CONSTANT (1700000003000003));
  g_assert_cmpint (drso_server_run_get_launch_start (back), ==,
                   G_GINT64_CONSTANT (1700000005000005));
  g_assert_cmpint (drso_server_run_get_launch_end (back), ==,
                   G_GINT64_CONSTANT (1700000006000006));
  copy = drso_server_run_copy (run);
  g_assert_cmpint (drso_server_run_get_launch_requested (copy), ==,
                   G_GINT64_CONSTANT (1700000000123456));
  g_assert_cmpstr (drso_server_run_get_health (copy), ==, "impaired");

  /* Errors name the member within the execution. */
  {
    g_autoptr(DrsoExecution) bad = NULL;
    const char *text =
      "{\"executionId\": \"exec-1\", \"planId\": \"plan-1\", \"executionType\": \"DRILL\", "
      "\"status\": \"RUNNING\", \"waveStatus\": [{\"waveNumber\": 1, \"servers\": "
      "[{\"serverId\": \"" SERVER_A "\", \"criticality\": \"MAYBE\"}]}]}";
    g_autoptr(JsonNode) bad_node = json_from_string (text, NULL);

    bad = drso_execution_new_from_json (bad_node, &error);
    g_assert_null (bad);
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                  "waveStatus[0].servers[0].criticality is “MAYBE”");
    g_clear_error (&error);
  }
  {
    g_autoptr(DrsoExecution) bad = NULL;
    const char *text =
      "{\"executionId\": \"exec-1\", \"planId\": \"plan-1\", \"executionType\": \"DRILL\", "
      "\"status\": \"RUNNING\", \"waveStatus\": [{\"waveNumber\": 1, \"servers\": "
      "[{\"serverId\": \"" SERVER_A "\", \"launchStart\": \"yesterday\"}]}]}";
    g_autoptr(JsonNode) bad_node = json_from_string (text, NULL);

    bad = drso_execution_new_from_json (bad_node, &error);
    g_assert_null (bad);
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                  "waveStatus[0].servers[0].launchStart is “yesterday”");
  }
}

static void
test_execution_engine_members (void)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", "Plan",
                                                          DRSO_EXECUTION_TYPE_RECOVERY);
  g_autoptr(DrsoExecution) back = NULL;
  g_autoptr(DrsoExecution) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *warnings;
  static const char *arn = "arn:aws:sts::123456789012:assumed-role/DRSOps/alice";

  node = drso_execution_to_json (execution);
  g_assert_false (json_object_has_member (object_of (node), "initiatedByArn"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (node),
                                                                         "warnings")), ==, 0);
  g_clear_pointer (&node, json_node_unref);

  drso_execution_set_initiated_by_arn (execution, arn);
  drso_execution_add_warning (execution, "The optional server web-3 failed to launch.");
  drso_execution_add_warning (execution, "The recovery took longer than its 1-hour objective.");
  drso_execution_add_error (execution, "Wave 2 failed.");

  node = drso_execution_to_json (execution);
  g_assert_cmpstr (json_object_get_string_member (object_of (node), "initiatedByArn"), ==, arn);
  warnings = json_object_get_array_member (object_of (node), "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (warnings, 1), ==,
                   "The recovery took longer than its 1-hour objective.");

  back = drso_execution_new_from_json (node, &error);
  g_assert_no_error (error);
  again = drso_execution_to_json (back);
  drso_test_assert_json_equal (node, again);
  g_assert_cmpstr (drso_execution_get_initiated_by_arn (back), ==, arn);
  drso_test_assert_strv (drso_execution_get_warnings (back),
                         (const char * const[]) {
                           "The optional server web-3 failed to launch.",
                           "The recovery took longer than its 1-hour objective.", NULL });
  drso_test_assert_strv (drso_execution_get_errors (back),
                         (const char * const[]) { "Wave 2 failed.", NULL });

  copy = drso_execution_copy (execution);
  g_assert_cmpstr (drso_execution_get_initiated_by_arn (copy), ==, arn);
  g_assert_cmpuint (g_strv_length ((char **) drso_execution_get_warnings (copy)), ==, 2);

  /* warnings of the wrong type is named. */
  json_object_set_string_member (object_of (node), "warnings", "none");
  g_clear_object (&back);
  back = drso_execution_new_from_json (node, &error);
  g_assert_null (back);
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WRONG_TYPE, "warnings");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/json/seed/protection-group", test_seed_protection_group);
  g_test_add_func ("/json/seed/recovery-plan", test_seed_recovery_plan);
  g_test_add_func ("/json/seed/execution", test_seed_execution);
  g_test_add_func ("/json/seed/execution-total-waves", test_seed_execution_total_waves);
  g_test_add_func ("/json/seed/target-account", test_seed_target_account);
  g_test_add_func ("/json/seed/written-back", test_seed_written_back);

  g_test_add_func ("/json/round-trip/account", test_round_trip_account);
  g_test_add_func ("/json/round-trip/source-server", test_round_trip_source_server);
  g_test_add_func ("/json/round-trip/source-server-lag", test_round_trip_source_server_lag);
  g_test_add_func ("/json/round-trip/protection-group", test_round_trip_protection_group);
  g_test_add_func ("/json/round-trip/wave", test_round_trip_wave);
  g_test_add_func ("/json/round-trip/recovery-plan", test_round_trip_recovery_plan);
  g_test_add_func ("/json/round-trip/server-run", test_round_trip_server_run);
  g_test_add_func ("/json/round-trip/wave-run", test_round_trip_wave_run);
  g_test_add_func ("/json/round-trip/execution", test_round_trip_execution);
  g_test_add_func ("/json/round-trip/execution-event", test_round_trip_execution_event);
  g_test_add_func ("/json/execution-event/times", test_execution_event_times);

  g_test_add_func ("/json/bad/invalid-json", test_invalid_json);
  g_test_add_func ("/json/bad/not-an-object", test_not_an_object);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    g_test_add_data_func (bad_cases[i].path, &bad_cases[i], test_bad_input);
  g_test_add_func ("/json/bad/duplicate-wave-numbers", test_duplicate_wave_numbers);

  g_test_add_func ("/json/lenient/null-optional-members", test_null_optional_members);
  g_test_add_func ("/json/lenient/unknown-members", test_unknown_members_ignored);
  g_test_add_func ("/json/lenient/whole-numbers-as-doubles", test_whole_numbers_as_doubles);

  g_test_add_func ("/json/waves/out-of-order", test_waves_out_of_order);
  g_test_add_func ("/json/waves/gaps", test_waves_with_gaps);
  g_test_add_func ("/json/members/derived", test_derived_members);
  g_test_add_func ("/json/engine/plan-settings", test_plan_settings_round_trip);
  g_test_add_func ("/json/engine/plan-settings-invalid", test_plan_settings_invalid);
  g_test_add_func ("/json/engine/server-run", test_server_run_engine_members);
  g_test_add_func ("/json/engine/execution", test_execution_engine_members);

  return g_test_run ();
}
