/* test-sandbox-model.c
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

#include "drso-sandbox-model-private.h"
#include "drso-test-util.h"

/* The Sandbox's service model: loading botocore's DRS model from the
 * library's resources, routing requests to operations, and validating
 * their input with every problem named by path. */

#define SERVER_ID  "s-1234567890abcdef0"
#define SERVER_ID2 "s-abcdefghij0123456"
#define ARN        "arn:aws:drs:us-east-1:123456789012:source-server/" SERVER_ID

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* Validates @json as the input of @operation of the DRS model. */
static gboolean
validate (const char  *operation,
          const char  *json,
          char       **message,
          JsonNode   **fields)
{
  g_autoptr(JsonNode) input = parse (json);

  return drso_sandbox_model_validate (drso_sandbox_model_get_drs (), operation, input,
                                      message, fields);
}

/* Checks @fields against pairs of names and messages, ended by NULL. */
static void
assert_fields (JsonNode *fields,
               ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) expected = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  const char *name;
  va_list args;

  json_builder_begin_array (builder);
  va_start (args, fields);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, va_arg (args, const char *));
      json_builder_end_object (builder);
    }
  va_end (args);
  json_builder_end_array (builder);
  expected = json_builder_get_root (builder);

  g_assert_nonnull (fields);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (fields));
  expected_text = json_to_string (expected, TRUE);
  actual_text = json_to_string (fields, TRUE);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/* One problem, at @name, with @expected as the constraint. */
static void
assert_one_problem (const char *operation,
                    const char *json,
                    const char *name,
                    const char *expected)
{
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  g_assert_false (validate (operation, json, &message, &fields));
  assert_fields (fields, name, expected, NULL);
  g_assert_true (g_str_has_prefix (message, "1 validation error detected: "));
  g_assert_true (g_str_has_suffix (message, expected));
}

static void
assert_valid (const char *operation,
              const char *json)
{
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  if (!validate (operation, json, &message, &fields))
    g_error ("%s: %s is not valid: %s", operation, json, message);
  g_assert_null (message);
  g_assert_null (fields);
}

static DrsoSandboxModel *
model_from_text (const char  *text,
                 GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return drso_sandbox_model_new_from_bytes (bytes, error);
}

/* Loading */

static void
test_metadata (void)
{
  DrsoSandboxModel *model = drso_sandbox_model_get_drs ();

  g_assert_nonnull (model);
  g_assert_true (drso_sandbox_model_get_drs () == model);
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "signingName"), ==, "drs");
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "apiVersion"), ==, "2020-02-26");
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "protocol"), ==, "rest-json");
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "endpointPrefix"), ==, "drs");
  g_assert_null (drso_sandbox_model_get_metadata (model, "noSuchKey"));

  g_assert_true (drso_sandbox_model_has_operation (model, "StartRecovery"));
  g_assert_true (drso_sandbox_model_has_operation (model, "ListTagsForResource"));
  g_assert_false (drso_sandbox_model_has_operation (model, "StartRecoveryNow"));
  g_assert_false (drso_sandbox_model_has_operation (model, "startrecovery"));

  g_assert_cmpuint (drso_sandbox_model_get_response_code (model, "StartRecovery"), ==, 202);
  g_assert_cmpuint (drso_sandbox_model_get_response_code (model, "DescribeJobs"), ==, 200);
  g_assert_cmpuint (drso_sandbox_model_get_response_code (model, "DeleteJob"), ==, 204);
  g_assert_cmpuint (drso_sandbox_model_get_response_code (model, "Nope"), ==, 0);

  g_assert_cmpstr (drso_sandbox_model_find_bound_member (model, "ListTagsForResource",
                                                         DRSO_SANDBOX_LOCATION_URI,
                                                         "resourceArn"), ==, "resourceArn");
  g_assert_cmpstr (drso_sandbox_model_find_bound_member (model, "UntagResource",
                                                         DRSO_SANDBOX_LOCATION_QUERY,
                                                         "tagKeys"), ==, "tagKeys");
  g_assert_null (drso_sandbox_model_find_bound_member (model, "UntagResource",
                                                       DRSO_SANDBOX_LOCATION_HEADER,
                                                       "tagKeys"));
  g_assert_cmpstr (drso_sandbox_model_find_bound_member (model, "StartRecovery",
                                                         DRSO_SANDBOX_LOCATION_BODY,
                                                         "isDrill"), ==, "isDrill");

  /* A reference outlives the caller's use of it. */
  drso_sandbox_model_unref (drso_sandbox_model_ref (model));
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "signingName"), ==, "drs");
}

static void
test_load_errors (void)
{
  static const struct
  {
    const char *json;
    const char *needle;
  } cases[] = {
    { "{\"metadata\": {", "not valid JSON" },
    { "[1, 2]", "not a JSON object" },
    { "{\"metadata\": {}, \"shapes\": {}}", "lacks a “operations” object" },
    { "{\"metadata\": {}, \"operations\": {}, \"shapes\": {"
      "\"R\": {\"type\": \"structure\", \"members\": {\"a\": {\"shape\": \"Missing\"}}}}}",
      "The member “a” of “R” refers to the shape “Missing”, which is not defined" },
    { "{\"metadata\": {}, \"shapes\": {}, \"operations\": {"
      "\"Op\": {\"http\": {\"method\": \"POST\"}}}}",
      "The operation “Op” has no http.method and http.requestUri" },
    { "{\"metadata\": {}, \"shapes\": {}, \"operations\": {"
      "\"Op\": {\"http\": {\"method\": \"POST\", \"requestUri\": \"/{a+}/{b+}\"}}}}",
      "more than one greedy label" },
    { "{\"metadata\": {}, \"shapes\": {}, \"operations\": {"
      "\"Op\": {\"http\": {\"method\": \"POST\", \"requestUri\": \"/x{a}\"}}}}",
      "mixes a label with text" },
    { "{\"metadata\": {}, \"shapes\": {\"L\": {\"type\": \"list\"}}, \"operations\": {}}",
      "The shape “L” does not name a shape as its member" },
  };

  g_autoptr(DrsoSandboxModel) odd = NULL;
  g_autoptr(JsonNode) input = parse ("{\"e\": \"B\"}");
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoSandboxModel) model = model_from_text (cases[i].json, &error);

      g_assert_null (model);
      drso_test_assert_error_names (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, cases[i].needle);
    }

  /* Odd values where names belong are skipped, without criticals. */
  odd = model_from_text ("{\"metadata\": {}, \"operations\": {"
                         " \"Op\": {\"http\": {\"method\": \"POST\", \"requestUri\": \"/\"},"
                         "        \"input\": {\"shape\": \"R\"}}},"
                         " \"shapes\": {"
                         "  \"R\": {\"type\": \"structure\", \"required\": [1, {}, \"zz\"],"
                         "         \"members\": {\"e\": {\"shape\": \"E\"}}},"
                         "  \"E\": {\"type\": \"string\", \"enum\": [1, \"A\", null, [\"B\"]]}}}",
                         NULL);
  g_assert_nonnull (odd);
  g_assert_cmpstr (drso_sandbox_model_match_request (odd, "POST", "/", NULL), ==, "Op");
  g_assert_false (drso_sandbox_model_validate (odd, "Op", input, &message, &fields));
  assert_fields (fields, "e", "Member must satisfy enum value set: [A]", NULL);
}

/* Routing */

static void
test_match_drs (void)
{
  static const struct
  {
    const char *method;
    const char *path;
    const char *operation;
  } cases[] = {
    { "POST", "/DescribeSourceServers", "DescribeSourceServers" },
    { "POST", "/StartRecovery", "StartRecovery" },
    { "POST", "/DescribeJobs", "DescribeJobs" },
    { "POST", "/DescribeJobLogItems", "DescribeJobLogItems" },
    { "POST", "/DescribeRecoveryInstances", "DescribeRecoveryInstances" },
    { "POST", "/TerminateRecoveryInstances", "TerminateRecoveryInstances" },
    { "POST", "/DescribeRecoverySnapshots", "DescribeRecoverySnapshots" },
    { "POST", "/GetLaunchConfiguration", "GetLaunchConfiguration" },
    { "POST", "/UpdateLaunchConfiguration", "UpdateLaunchConfiguration" },
    { "POST", "/GetReplicationConfiguration", "GetReplicationConfiguration" },
    { "GET", "/ListStagingAccounts", "ListStagingAccounts" },
    { "POST", "/DescribeJobs?ignored=1", "DescribeJobs" },
    /* Misses */
    { "GET", "/DescribeJobs", NULL },
    { "post", "/DescribeJobs", NULL },
    { "POST", "/DescribeJob", NULL },
    { "POST", "/DescribeJobsX", NULL },
    { "POST", "/describejobs", NULL },
    { "POST", "/DescribeJobs/", NULL },
    { "POST", "/DescribeJobs/extra", NULL },
    { "POST", "//DescribeJobs", NULL },
    { "POST", "DescribeJobs", NULL },
    { "POST", "/", NULL },
    { "POST", "", NULL },
    { "PUT", "/tags/" ARN, NULL },
    { "GET", "/tags", NULL },
    { "GET", "/tags/", NULL },
    { "GET", "/tags/a/b", NULL },
    { "GET", "/tags/%zz", NULL },
    { "GET", "/tags/a%00b", NULL },
    { "GET", "/tags/%ff%fe", NULL },
  };
  DrsoSandboxModel *model = drso_sandbox_model_get_drs ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_free);
      const char *found = drso_sandbox_model_match_request (model, cases[i].method,
                                                            cases[i].path, labels);

      if (g_strcmp0 (found, cases[i].operation) != 0)
        g_error ("%s %s matched %s, not %s", cases[i].method, cases[i].path,
                 found ? found : "nothing", cases[i].operation ? cases[i].operation : "nothing");
      g_assert_cmpuint (g_hash_table_size (labels), ==, 0);
    }
}

static void
test_match_labels (void)
{
  static const struct
  {
    const char *method;
    const char *path;
    const char *operation;
  } cases[] = {
    { "GET", "/tags/arn%3Aaws%3Adrs%3Aus-east-1%3A123456789012%3Asource-server%2F" SERVER_ID,
      "ListTagsForResource" },
    { "GET", "/tags/arn%3aaws%3adrs%3aus-east-1%3a123456789012%3asource-server%2f" SERVER_ID,
      "ListTagsForResource" },
    { "GET", "/tags/arn:aws:drs:us-east-1:123456789012:source-server%2F" SERVER_ID,
      "ListTagsForResource" },
    { "POST", "/tags/" "arn%3Aaws%3Adrs%3Aus-east-1%3A123456789012%3Asource-server%2F" SERVER_ID,
      "TagResource" },
    { "DELETE", "/tags/" "arn%3Aaws%3Adrs%3Aus-east-1%3A123456789012%3Asource-server%2F" SERVER_ID
      "?tagKeys=Owner", "UntagResource" },
  };
  DrsoSandboxModel *model = drso_sandbox_model_get_drs ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, g_free);

      g_assert_cmpstr (drso_sandbox_model_match_request (model, cases[i].method, cases[i].path,
                                                         labels), ==, cases[i].operation);
      g_assert_cmpuint (g_hash_table_size (labels), ==, 1);
      g_assert_cmpstr (g_hash_table_lookup (labels, "resourceArn"), ==, ARN);
    }

  /* Without a table, only the operation. */
  g_assert_cmpstr (drso_sandbox_model_match_request (model, "GET", "/tags/arn:aws:drs:x%2Fy", NULL),
                   ==, "ListTagsForResource");
  /* A label is one segment: an ARN's "/" must be encoded. */
  g_assert_null (drso_sandbox_model_match_request (model, "GET", "/tags/" ARN, NULL));
}

static const char greedy_model[] =
  "{\"metadata\": {\"protocol\": \"rest-json\", \"apiVersion\": 7},"
  " \"operations\": {"
  "  \"GetObject\": {\"http\": {\"method\": \"GET\", \"requestUri\": \"/objects/{Key+}?x-id=Get\"},"
  "                \"input\": {\"shape\": \"GetObjectInput\"}},"
  "  \"GetTail\": {\"http\": {\"method\": \"GET\", \"requestUri\": \"/a/{Path+}/tail\"},"
  "              \"input\": {\"shape\": \"GetTailInput\"}},"
  "  \"GetPair\": {\"http\": {\"method\": \"GET\", \"requestUri\": \"/b/{First}/c/{Second}\"}},"
  "  \"GetFixed\": {\"http\": {\"method\": \"GET\", \"requestUri\": \"/objects/fixed\"}}"
  " },"
  " \"shapes\": {"
  "  \"GetObjectInput\": {\"type\": \"structure\", \"required\": [\"key\"],"
  "    \"members\": {\"key\": {\"shape\": \"S\", \"location\": \"uri\","
  "                            \"locationName\": \"Key\"}}},"
  "  \"GetTailInput\": {\"type\": \"structure\","
  "    \"members\": {\"path\": {\"shape\": \"S\", \"location\": \"uri\","
  "                             \"locationName\": \"Path\"}}},"
  "  \"S\": {\"type\": \"string\"}"
  " }}";

static void
test_match_greedy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxModel) model = model_from_text (greedy_model, &error);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_no_error (error);
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "protocol"), ==, "rest-json");
  g_assert_null (drso_sandbox_model_get_metadata (model, "apiVersion"));

  /* Labels are filled under the member's name, not the label's. */
  g_assert_cmpstr (drso_sandbox_model_match_request (model, "GET", "/objects/a/b%20c/d", labels),
                   ==, "GetObject");
  g_assert_cmpstr (g_hash_table_lookup (labels, "key"), ==, "a/b c/d");
  g_hash_table_remove_all (labels);

  /* A literal route wins over a label route. */
  g_assert_cmpstr (drso_sandbox_model_match_request (model, "GET", "/objects/fixed", labels),
                   ==, "GetFixed");
  g_assert_cmpuint (g_hash_table_size (labels), ==, 0);

  g_assert_cmpstr (drso_sandbox_model_match_request (model, "GET", "/a/x/tail/y/tail", labels),
                   ==, "GetTail");
  g_assert_cmpstr (g_hash_table_lookup (labels, "path"), ==, "x/tail/y");
  g_hash_table_remove_all (labels);
  g_assert_null (drso_sandbox_model_match_request (model, "GET", "/a/tail", labels));
  g_assert_null (drso_sandbox_model_match_request (model, "GET", "/a//tail", labels));
  g_assert_null (drso_sandbox_model_match_request (model, "GET", "/objects/", labels));

  /* A label that is no member keeps the label's name. */
  g_assert_cmpstr (drso_sandbox_model_match_request (model, "GET", "/b/one%2Ftwo/c/3", labels),
                   ==, "GetPair");
  g_assert_cmpstr (g_hash_table_lookup (labels, "First"), ==, "one/two");
  g_assert_cmpstr (g_hash_table_lookup (labels, "Second"), ==, "3");
  g_hash_table_remove_all (labels);
  g_assert_null (drso_sandbox_model_match_request (model, "GET", "/b/1/c/2/3", labels));
  g_assert_null (drso_sandbox_model_match_request (model, "GET", "/b/1/c/%zz", labels));
  g_assert_cmpuint (g_hash_table_size (labels), ==, 0);
}

/* Validation against the DRS model */

static void
test_validate_valid (void)
{
  assert_valid ("StartRecovery",
                "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"},"
                " {\"sourceServerID\": \"" SERVER_ID2 "\","
                "  \"recoverySnapshotID\": \"pit-1234567890abcdefg\"}],"
                " \"isDrill\": true, \"tags\": {\"Owner\": \"ops\", \"\": \"\"},"
                " \"unknownMember\": [1, {\"x\": null}]}");
  assert_valid ("DescribeJobs", "{}");
  assert_valid ("DescribeJobs",
                "{\"filters\": {\"jobIDs\": [\"drsjob-1234567890abcdefg\"],"
                " \"fromDate\": \"2024-01-02T03:04:05Z\","
                " \"toDate\": \"2024-01-02T03:04:05.123Z\"},"
                " \"maxResults\": 1, \"nextToken\": \"\"}");
  assert_valid ("DescribeRecoverySnapshots",
                "{\"sourceServerID\": \"" SERVER_ID "\", \"order\": \"DESC\","
                " \"maxResults\": 1e2}");
  assert_valid ("TerminateRecoveryInstances",
                "{\"recoveryInstanceIDs\": [\"i-0123456789abcdef0\"]}");
  assert_valid ("ListTagsForResource", "{\"resourceArn\": \"" ARN "\"}");
  /* Null reads as absent. */
  assert_valid ("DescribeJobs", "{\"filters\": null, \"maxResults\": null}");
  /* Lengths count characters: 128 é (256 bytes) fit a 128-character name. */
  {
    g_autoptr(GString) json = g_string_new ("{\"sourceServerID\": \"" SERVER_ID "\", \"name\": \"");

    for (guint i = 0; i < 128; i++)
      g_string_append (json, "é");
    g_string_append (json, "\"}");
    assert_valid ("UpdateLaunchConfiguration", json->str);
    g_string_truncate (json, json->len - 2);
    g_string_append (json, "é\"}");
    assert_one_problem ("UpdateLaunchConfiguration", json->str, "name",
                        "Member must have length less than or equal to 128");
  }
}

static void
test_validate_kinds (void)
{
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  /* Missing required members, at the top and inside a list. */
  assert_one_problem ("StartRecovery", "{}", "sourceServers", "Member must not be null");
  assert_one_problem ("StartRecovery", "{\"sourceServers\": null}",
                      "sourceServers", "Member must not be null");
  assert_one_problem ("StartRecovery",
                      "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"},"
                      " {\"recoverySnapshotID\": \"pit-1234567890abcdefg\"}]}",
                      "sourceServers[1].sourceServerID", "Member must not be null");
  assert_one_problem ("StartRecovery", "{\"sourceServers\": [null]}",
                      "sourceServers[0]", "Member must not be null");

  /* Types */
  assert_one_problem ("GetLaunchConfiguration", "{\"sourceServerID\": 19}",
                      "sourceServerID", "Member must be a string");
  assert_one_problem ("StartRecovery", "{\"sourceServers\": {}}",
                      "sourceServers", "Member must be a list");
  assert_one_problem ("StartRecovery", "{\"sourceServers\": [\"" SERVER_ID "\"]}",
                      "sourceServers[0]", "Member must be a structure");
  assert_one_problem ("StartRecovery",
                      "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"}],"
                      " \"isDrill\": \"true\"}",
                      "isDrill", "Member must be a boolean");
  assert_one_problem ("StartRecovery",
                      "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"}],"
                      " \"tags\": [\"Owner\"]}",
                      "tags", "Member must be a map");
  assert_one_problem ("StartRecovery",
                      "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"}],"
                      " \"tags\": {\"Owner\": 7}}",
                      "tags.Owner", "Member must be a string");
  assert_one_problem ("StartRecovery",
                      "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"}],"
                      " \"tags\": {\"Owner\": null}}",
                      "tags.Owner", "Member must not be null");
  assert_one_problem ("DescribeJobs", "{\"maxResults\": 1.5}",
                      "maxResults", "Member must be an integer");
  assert_one_problem ("DescribeJobs", "{\"maxResults\": \"10\"}",
                      "maxResults", "Member must be an integer");
  assert_one_problem ("DescribeJobs", "{\"maxResults\": true}",
                      "maxResults", "Member must be an integer");
  assert_one_problem ("DescribeJobs", "{\"filters\": []}",
                      "filters", "Member must be a structure");

  /* Lengths, sizes and ranges */
  assert_one_problem ("TerminateRecoveryInstances",
                      "{\"recoveryInstanceIDs\": [\"i-0123456789abcdef01\"]}",
                      "recoveryInstanceIDs[0]", "Member must have length less than or equal to 19");
  /* A value breaks every constraint it can: here the length and the pattern. */
  g_assert_false (validate ("DescribeJobLogItems", "{\"jobID\": \"drsjob-1234567890abcdef\"}",
                            &message, &fields));
  assert_fields (fields,
                 "jobID", "Member must have length greater than or equal to 24",
                 "jobID",
                 "Member must satisfy regular expression pattern: ^drsjob-[0-9a-zA-Z]{17}$",
                 NULL);
  g_assert_cmpstr (message, ==,
                   "2 validation errors detected: Value at 'jobID' failed to satisfy constraint: "
                   "Member must have length greater than or equal to 24");
  g_clear_pointer (&fields, json_node_unref);
  g_clear_pointer (&message, g_free);
  assert_one_problem ("StartRecovery", "{\"sourceServers\": []}",
                      "sourceServers", "Member must have length greater than or equal to 1");
  assert_one_problem ("DescribeJobs", "{\"maxResults\": 0}",
                      "maxResults", "Member must have value greater than or equal to 1");
  assert_one_problem ("DescribeJobs", "{\"maxResults\": -3}",
                      "maxResults", "Member must have value greater than or equal to 1");
  /* An integer is 32 bits. */
  assert_one_problem ("DescribeJobs", "{\"maxResults\": 2147483648}",
                      "maxResults", "Member must have value less than or equal to 2147483647");

  /* Patterns and enums */
  assert_one_problem ("GetLaunchConfiguration", "{\"sourceServerID\": \"s-1234567890abcdef_\"}",
                      "sourceServerID",
                      "Member must satisfy regular expression pattern: ^s-[0-9a-zA-Z]{17}$");
  assert_one_problem ("DescribeJobs",
                      "{\"filters\": {\"jobIDs\": [\"drsjob-1234567890abcdefg\","
                      " \"drsjob-1234567890abcdefh\", \"drsjob-1234567890abcdefi\","
                      " \"drsjob-1234567890abcdef-\"]}}",
                      "filters.jobIDs[3]",
                      "Member must satisfy regular expression pattern: ^drsjob-[0-9a-zA-Z]{17}$");
  assert_one_problem ("DescribeJobs", "{\"filters\": {\"fromDate\": \"2024-13-02T03:04:05Z\"}}",
                      "filters.fromDate",
                      "Member must satisfy regular expression pattern: "
                      "^[1-9][0-9]*-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
                      "T([0-1][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?Z$");
  assert_one_problem ("DescribeRecoverySnapshots",
                      "{\"sourceServerID\": \"" SERVER_ID "\", \"order\": \"SIDEWAYS\"}",
                      "order", "Member must satisfy enum value set: [ASC, DESC]");
  assert_one_problem ("UpdateLaunchConfiguration",
                      "{\"sourceServerID\": \"" SERVER_ID "\", \"launchDisposition\": \"stopped\"}",
                      "launchDisposition",
                      "Member must satisfy enum value set: [STOPPED, STARTED]");

  /* Map keys */
  {
    g_autofree char *key = g_strnfill (257, 'k');
    g_autofree char *json = g_strdup_printf ("{\"sourceServers\": [{\"sourceServerID\": \""
                                             SERVER_ID "\"}], \"tags\": {\"%s\": \"v\"}}", key);
    g_autofree char *name = g_strdup_printf ("tags.%s", key);

    assert_one_problem ("StartRecovery", json, name,
                        "Map key must have length less than or equal to 256");
  }

  /* The summary names the first problem the way AWS writes paths. */
  g_assert_false (validate ("StartRecovery",
                            "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"},"
                            " {\"sourceServerID\": \"s-1234567890abcdef!\"}]}",
                            &message, &fields));
  g_assert_cmpstr (message, ==,
                   "1 validation error detected: Value at 'sourceServers.2.member.sourceServerID' "
                   "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                   "^s-[0-9a-zA-Z]{17}$");
  assert_fields (fields, "sourceServers[1].sourceServerID",
                 "Member must satisfy regular expression pattern: ^s-[0-9a-zA-Z]{17}$", NULL);
}

static void
test_validate_several (void)
{
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  g_assert_false (validate ("StartRecovery",
                            "{\"sourceServers\": [{\"sourceServerID\": \"abc\"},"
                            " {\"sourceServerID\": \"" SERVER_ID "\", \"recoverySnapshotID\": 5},"
                            " {}], \"isDrill\": 1, \"tags\": {\"a\": \"b\", \"c\": false}}",
                            &message, &fields));
  /* Members in the model's order (isDrill, sourceServers, tags); every
   * constraint a value breaks. */
  assert_fields (fields,
                 "isDrill", "Member must be a boolean",
                 "sourceServers[0].sourceServerID",
                 "Member must have length greater than or equal to 19",
                 "sourceServers[0].sourceServerID",
                 "Member must satisfy regular expression pattern: ^s-[0-9a-zA-Z]{17}$",
                 "sourceServers[1].recoverySnapshotID", "Member must be a string",
                 "sourceServers[2].sourceServerID", "Member must not be null",
                 "tags.c", "Member must be a string",
                 NULL);
  g_assert_cmpstr (message, ==,
                   "6 validation errors detected: Value at 'isDrill' failed to satisfy constraint: "
                   "Member must be a boolean");
  g_clear_pointer (&fields, json_node_unref);
  g_clear_pointer (&message, g_free);

  /* Output arguments are optional. */
  g_assert_false (validate ("StartRecovery", "{}", NULL, NULL));
  g_assert_true (validate ("StartRecovery",
                           "{\"sourceServers\": [{\"sourceServerID\": \"" SERVER_ID "\"}]}",
                           NULL, NULL));

  /* Not an object at all */
  g_assert_false (validate ("DescribeJobs", "[]", &message, &fields));
  assert_fields (fields, "", "Input must be a JSON object", NULL);
  g_assert_cmpstr (message, ==, "1 validation error detected: Input must be a JSON object");
  g_clear_pointer (&fields, json_node_unref);
  g_clear_pointer (&message, g_free);

  /* No input reads as {}. */
  g_assert_false (drso_sandbox_model_validate (drso_sandbox_model_get_drs (), "StartRecovery",
                                               NULL, &message, &fields));
  assert_fields (fields, "sourceServers", "Member must not be null", NULL);
  g_clear_pointer (&fields, json_node_unref);
  g_clear_pointer (&message, g_free);
  g_assert_true (drso_sandbox_model_validate (drso_sandbox_model_get_drs (), "DescribeJobs",
                                              NULL, &message, &fields));
  g_assert_null (message);
  g_assert_null (fields);

  /* An operation the model does not have is the caller's mistake. */
  g_test_expect_message ("drso-sandbox", G_LOG_LEVEL_CRITICAL, "*no operation “Nope”*");
  g_assert_false (validate ("Nope", "{}", &message, &fields));
  g_test_assert_expected_messages ();
  g_assert_nonnull (message);
  assert_fields (fields, "", "The service has no operation Nope", NULL);
}

static char *
start_recovery_json (guint n_servers)
{
  GString *json = g_string_new ("{\"isDrill\": true, \"tags\": {\"Owner\": \"ops\"}, "
                                "\"sourceServers\": [");

  for (guint i = 0; i < n_servers; i++)
    g_string_append_printf (json, "%s{\"sourceServerID\": \"s-%017u\"}", i ? ", " : "", i);
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static void
test_validate_sizes (void)
{
  g_autofree char *json200 = start_recovery_json (200);
  g_autofree char *json201 = start_recovery_json (201);
  g_autoptr(GString) many = g_string_new ("{\"filters\": {\"jobIDs\": [");
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  assert_valid ("StartRecovery", json200);
  assert_one_problem ("StartRecovery", json201, "sourceServers",
                      "Member must have length less than or equal to 200");

  /* A huge list of bad values: the list stops at 100 problems. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (many, "%s\"x%u\"", i ? ", " : "", i);
  g_string_append (many, "]}}");
  g_assert_false (validate ("DescribeJobs", many->str, &message, &fields));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (fields)), ==, 100);
  g_assert_cmpstr (message, ==,
                   "More than 100 validation errors detected: Value at 'filters.jobIDs' failed "
                   "to satisfy constraint: Member must have length less than or equal to 1000");
}

static void
test_validate_deep (void)
{
  g_autoptr(GString) bomb = g_string_new ("{\"sourceServers\": [{\"sourceServerID\": \""
                                          SERVER_ID "\"}], \"tags\": {\"a\": ");
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  /* Deep input where the model has a string: one problem, no descent. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (bomb, "{\"a\": [");
  for (guint i = 0; i < 1000; i++)
    g_string_append (bomb, "]}");
  g_string_append (bomb, "}}");
  assert_one_problem ("StartRecovery", bomb->str, "tags.a", "Member must be a string");
}

/* Hand-written models */

static const char small_model[] =
  "{\"metadata\": {\"signingName\": \"test\"},"
  " \"operations\": {"
  "  \"Walk\": {\"http\": {\"method\": \"POST\", \"requestUri\": \"/Walk\", \"responseCode\": 201},"
  "           \"input\": {\"shape\": \"Node\"}},"
  "  \"Kinds\": {\"http\": {\"method\": \"POST\", \"requestUri\": \"/Kinds/{id}\"},"
  "            \"input\": {\"shape\": \"KindsInput\"}},"
  "  \"Bare\": {\"http\": {\"method\": \"POST\", \"requestUri\": \"/Bare\"}}"
  " },"
  " \"shapes\": {"
  "  \"Node\": {\"type\": \"structure\","
  "    \"members\": {\"next\": {\"shape\": \"Node\"}, \"code\": {\"shape\": \"BadPattern\"},"
  "                  \"id\": {\"shape\": \"GoodPattern\"}}},"
  "  \"BadPattern\": {\"type\": \"string\", \"pattern\": \"^(unclosed[$\"},"
  "  \"GoodPattern\": {\"type\": \"string\", \"pattern\": \"[0-9]{3}\"},"
  "  \"KindsInput\": {\"type\": \"structure\", \"required\": [\"id\"],"
  "    \"members\": {\"id\": {\"shape\": \"Int\", \"location\": \"uri\", \"locationName\": \"id\"},"
  "                  \"limit\": {\"shape\": \"Int\", \"location\": \"querystring\","
  "                              \"locationName\": \"max-items\"},"
  "                  \"flag\": {\"shape\": \"Bool\", \"location\": \"header\","
  "                             \"locationName\": \"X-Flag\"},"
  "                  \"ratio\": {\"shape\": \"Ratio\", \"locationName\": \"Ratio\"},"
  "                  \"when\": {\"shape\": \"Time\"}, \"data\": {\"shape\": \"Data\"},"
  "                  \"big\": {\"shape\": \"Long\"}, \"other\": {\"shape\": \"Odd\"}}},"
  "  \"Int\": {\"type\": \"integer\", \"min\": 1, \"max\": 10},"
  "  \"Long\": {\"type\": \"long\", \"max\": 5000000000},"
  "  \"Bool\": {\"type\": \"boolean\"},"
  "  \"Ratio\": {\"type\": \"double\", \"min\": 0.5, \"max\": 1.5},"
  "  \"Time\": {\"type\": \"timestamp\"},"
  "  \"Data\": {\"type\": \"blob\", \"max\": 3},"
  "  \"Odd\": {\"type\": \"bigdecimal\"}"
  " }}";

static void
test_small_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxModel) model = model_from_text (small_model, &error);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const struct
  {
    const char *operation;
    const char *json;
    const char *name;      /* NULL: valid */
    const char *message;
  } cases[] = {
    /* The bad pattern is not checked; the good one searches. */
    { "Walk", "{\"code\": \"anything at all\", \"id\": \"abc123def\"}", NULL, NULL },
    { "Walk", "{\"id\": \"12\"}", "id",
      "Member must satisfy regular expression pattern: [0-9]{3}" },
    /* Members bound to the URI, the query or a header may be text. */
    { "Kinds", "{\"id\": \"3\", \"limit\": \"10\", \"flag\": \"true\"}", NULL, NULL },
    { "Kinds", "{\"id\": 3, \"limit\": 10, \"flag\": false, \"Ratio\": 1,"
      " \"when\": 1700000000.5, \"data\": \"YWJj\", \"big\": 4999999999,"
      " \"other\": [\"whatever\"]}", NULL, NULL },
    { "Kinds", "{\"id\": 3, \"Ratio\": \"NaN\", \"when\": \"2024-01-02T03:04:05+02:00\","
      " \"data\": \"\"}", NULL, NULL },
    { "Kinds", "{\"id\": \"11\"}", "id", "Member must have value less than or equal to 10" },
    { "Kinds", "{\"id\": \"3x\"}", "id", "Member must be an integer" },
    { "Kinds", "{\"id\": 3, \"flag\": \"yes\"}", "flag", "Member must be a boolean" },
    { "Kinds", "{\"id\": 3, \"Ratio\": 0.25}", "Ratio",
      "Member must have value greater than or equal to 0.5" },
    /* In the body, numbers must be numbers. */
    { "Kinds", "{\"id\": 3, \"Ratio\": \"1\"}", "Ratio", "Member must be a number" },
    /* Body members are keyed by their locationName. */
    { "Kinds", "{\"id\": 3, \"ratio\": \"ignored\"}", NULL, NULL },
    { "Kinds", "{\"id\": 3, \"when\": \"yesterday\"}", "when",
      "Member must be a timestamp in ISO 8601 form" },
    { "Kinds", "{\"id\": 3, \"when\": true}", "when",
      "Member must be a timestamp (seconds since 1970, or an ISO 8601 string)" },
    { "Kinds", "{\"id\": 3, \"data\": \"YWJjZA==\"}", "data",
      "Member must have length less than or equal to 3" },
    { "Kinds", "{\"id\": 3, \"data\": \"YWJ*\"}", "data",
      "Member must be a base64-encoded string" },
    { "Kinds", "{\"id\": 3, \"big\": 5000000001}", "big",
      "Member must have value less than or equal to 5000000000" },
    { "Kinds", "{\"id\": 3, \"big\": 1e30}", "big", "Member must be an integer" },
    /* No input shape: any object does. */
    { "Bare", "{\"x\": 1}", NULL, NULL },
  };

  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpstr (drso_sandbox_model_get_metadata (model, "signingName"), ==, "test");
  g_assert_cmpuint (drso_sandbox_model_get_response_code (model, "Walk"), ==, 201);
  g_assert_cmpuint (drso_sandbox_model_get_response_code (model, "Kinds"), ==, 200);
  g_assert_cmpstr (drso_sandbox_model_find_bound_member (model, "Kinds",
                                                         DRSO_SANDBOX_LOCATION_QUERY,
                                                         "max-items"), ==, "limit");
  g_assert_cmpstr (drso_sandbox_model_find_bound_member (model, "Kinds",
                                                         DRSO_SANDBOX_LOCATION_HEADER,
                                                         "x-flag"), ==, "flag");
  g_assert_cmpstr (drso_sandbox_model_find_bound_member (model, "Kinds",
                                                         DRSO_SANDBOX_LOCATION_BODY,
                                                         "Ratio"), ==, "ratio");
  g_assert_cmpstr (drso_sandbox_model_match_request (model, "POST", "/Kinds/7", labels), ==,
                   "Kinds");
  g_assert_cmpstr (g_hash_table_lookup (labels, "id"), ==, "7");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) input = parse (cases[i].json);
      g_autoptr(JsonNode) fields = NULL;
      g_autofree char *message = NULL;
      gboolean valid = drso_sandbox_model_validate (model, cases[i].operation, input,
                                                    &message, &fields);

      if (valid != (cases[i].name == NULL))
        g_error ("%s %s: %s", cases[i].operation, cases[i].json, message ? message : "valid");
      if (cases[i].name != NULL)
        assert_fields (fields, cases[i].name, cases[i].message, NULL);
    }
}

static void
test_small_model_depth (void)
{
  g_autoptr(DrsoSandboxModel) model = model_from_text (small_model, NULL);
  g_autoptr(GString) bomb = g_string_new (NULL);
  g_autoptr(GString) expected_name = g_string_new (NULL);
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) fields = NULL;
  g_autofree char *message = NULL;

  /* A recursive shape and input 2000 levels deep: one problem where the
   * walk stops, 64 levels down. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (bomb, "{\"next\": ");
  g_string_append (bomb, "{}");
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (bomb, '}');
  for (guint i = 0; i < 64; i++)
    g_string_append_printf (expected_name, "%snext", i ? "." : "");

  input = parse (bomb->str);
  g_assert_false (drso_sandbox_model_validate (model, "Walk", input, &message, &fields));
  assert_fields (fields, expected_name->str,
                 "Member must not be nested more than 64 levels deep", NULL);
  g_assert_true (g_str_has_prefix (message, "1 validation error detected: Value at 'next.next."));
}

static void
test_json_depth (void)
{
  const char *nested = "[[1], [2], {\"a\": [3]}]";
  const char *quoted = "[\"[[[{{{\\\"[[[\", \"]]\\\\\"]";
  g_autoptr(GString) deep = g_string_new (NULL);

  g_assert_true (drso_sandbox_json_within_depth ("", 0, 0));
  g_assert_true (drso_sandbox_json_within_depth ("{}", 2, 1));
  g_assert_false (drso_sandbox_json_within_depth ("{}", 2, 0));
  g_assert_true (drso_sandbox_json_within_depth (nested, strlen (nested), 3));
  g_assert_false (drso_sandbox_json_within_depth (nested, strlen (nested), 2));
  /* Brackets in strings, and escaped quotes, do not count. */
  g_assert_true (drso_sandbox_json_within_depth (quoted, strlen (quoted), 1));
  g_assert_false (drso_sandbox_json_within_depth (quoted, strlen (quoted), 0));

  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (deep, '[');
  g_assert_false (drso_sandbox_json_within_depth (deep->str, deep->len, 64));
}

static gpointer
validate_in_thread (gpointer data)
{
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(JsonNode) fields = NULL;
      g_autofree char *message = NULL;

      g_assert_true (validate ("StartRecovery", data, NULL, NULL));
      g_assert_false (validate ("DescribeJobs", "{\"filters\": {\"jobIDs\": [\"x\"]}}",
                                &message, &fields));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (fields)), ==, 2);
    }
  return NULL;
}

/* One model, read from several threads at once. */
static void
test_validate_threads (void)
{
  g_autofree char *json = start_recovery_json (100);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("validate", validate_in_thread, json);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* Runs @round until 50 ms have passed; returns the µs one took. */
static double
time_rounds (void     (*round) (gpointer data),
             gpointer   data)
{
  gint64 start = g_get_monotonic_time (), elapsed;
  guint rounds = 0;

  do
    {
      round (data);
      rounds++;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < 50000);
  return (double) elapsed / rounds;
}

static void
validate_round (gpointer data)
{
  g_assert_true (drso_sandbox_model_validate (drso_sandbox_model_get_drs (), "StartRecovery",
                                              data, NULL, NULL));
}

static void
parse_round (gpointer data)
{
  g_autoptr(JsonNode) parsed = json_from_string (data, NULL);

  g_assert_nonnull (parsed);
}

static void
test_validate_timing (void)
{
  g_autofree char *json = start_recovery_json (100);
  g_autoptr(JsonNode) input = parse (json);

  /* No timed assertion: the figures are for the log. The first call loads
   * the model. */
  validate_round (input);
  g_test_message ("Validating a StartRecovery of 100 servers: %.1f µs",
                  time_rounds (validate_round, input));
  g_test_message ("Parsing its JSON with json-glib, for comparison: %.1f µs",
                  time_rounds (parse_round, json));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sandbox-model/metadata", test_metadata);
  g_test_add_func ("/sandbox-model/load-errors", test_load_errors);
  g_test_add_func ("/sandbox-model/match/drs", test_match_drs);
  g_test_add_func ("/sandbox-model/match/labels", test_match_labels);
  g_test_add_func ("/sandbox-model/match/greedy", test_match_greedy);
  g_test_add_func ("/sandbox-model/validate/valid", test_validate_valid);
  g_test_add_func ("/sandbox-model/validate/kinds", test_validate_kinds);
  g_test_add_func ("/sandbox-model/validate/several", test_validate_several);
  g_test_add_func ("/sandbox-model/validate/sizes", test_validate_sizes);
  g_test_add_func ("/sandbox-model/validate/deep", test_validate_deep);
  g_test_add_func ("/sandbox-model/small-model", test_small_model);
  g_test_add_func ("/sandbox-model/small-model-depth", test_small_model_depth);
  g_test_add_func ("/sandbox-model/json-depth", test_json_depth);
  g_test_add_func ("/sandbox-model/validate/threads", test_validate_threads);
  g_test_add_func ("/sandbox-model/validate/timing", test_validate_timing);

  return g_test_run ();
}
