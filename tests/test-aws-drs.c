/* test-aws-drs.c
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

/* The DRS calls of drso-drs-calls.c against a loopback server that checks
 * each request's signature, method, path and JSON body, and answers with
 * canned DRS JSON shaped as the service model says. */

#include "config.h"

#include <libsoup/soup.h>

#include "drso.h"
#include "drso-drs.h"
#include "drso-test-util.h"

#define KEY "AKIDDRSCALLSTEST"
#define SECRET "drs-calls-test-secret-9b2e71"

#define SERVER_1 "s-1111111111111111a"
#define SERVER_2 "s-2222222222222222b"
#define JOB_ID "drsjob-1234567890abcdefg"
#define SNAPSHOT_1 "pit-0123456789abcdefg"
#define SOURCE_ARN "arn:aws:drs:us-east-1:123456789012:source-server/" SERVER_1

/* 2026-01-15T10:00:00Z and 2026-01-15T10:30:00Z */
#define T_CREATED 1768471200
#define T_ENDED 1768473000

typedef struct
{
  guint       status;
  const char *body;
  const char *header_name;
  const char *header_value;
} Answer;

typedef struct
{
  char     *method;
  char     *path;     /* as the server saw it: percent-encoded once */
  JsonNode *body;     /* NULL when there was none */
} Request;

typedef struct
{
  SoupServer     *server;
  char           *url;
  GQueue          answers;    /* Answer*, borrowed; the last one repeats */
  GPtrArray      *requests;   /* Request* */
  guint           bad_signatures;
  DrsoAwsClient  *client;
  DrsoAwsContext *context;
  GMainLoop      *loop;
  GAsyncResult   *result;
} Fixture;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->body, json_node_unref);
  g_free (request);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  Request *request = g_new0 (Request, 1);
  g_autoptr(GError) error = NULL;
  const Answer *answer;

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  if (g_bytes_get_size (bytes) > 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      request->body = json_from_string (text, NULL);
      g_assert_nonnull (request->body);
      g_assert_cmpstr (soup_message_headers_get_content_type (
                         soup_server_message_get_request_headers (msg), NULL), ==,
                       "application/json");
    }
  g_ptr_array_add (fixture->requests, request);
  if (!drso_test_sigv4_verify (msg, KEY, SECRET, "us-east-1", "drs", &error))
    {
      g_test_message ("bad signature: %s", error->message);
      fixture->bad_signatures++;
    }

  answer = g_queue_get_length (&fixture->answers) > 1 ? g_queue_pop_head (&fixture->answers)
                                                      : g_queue_peek_head (&fixture->answers);
  g_assert_nonnull (answer);
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "x-amzn-RequestId", "req-drs-1");
  if (answer->header_name != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  answer->header_name, answer->header_value);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, answer->body,
                                    strlen (answer->body));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (KEY, SECRET, "token-1", 0);

  /* Raw paths: SoupServer would otherwise decode them, and the signature
   * covers the path as it was on the wire. */
  fixture->server = drso_test_server_new (TRUE, handler, fixture, &fixture->url);

  g_queue_init (&fixture->answers);
  fixture->requests = g_ptr_array_new_with_free_func (request_free);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.01);
  fixture->context = drso_aws_context_new (fixture->client, "123456789012", "us-east-1",
                                           fixture->url, creds);
  fixture->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Every request of every test was signed right. */
  g_assert_cmpuint (fixture->bad_signatures, ==, 0);

  g_clear_object (&fixture->result);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->client);
  /* Let the server see the client's connections close. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
  g_queue_clear (&fixture->answers);
  g_ptr_array_unref (fixture->requests);
  g_main_loop_unref (fixture->loop);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
  g_main_loop_quit (fixture->loop);
}

/* Waits for the call started last; the result is in fixture->result. */
static void
wait_for_result (Fixture *fixture)
{
  g_main_loop_run (fixture->loop);
  g_assert_nonnull (fixture->result);
}

static void
push (Fixture      *fixture,
      const Answer *answer)
{
  g_queue_push_tail (&fixture->answers, (gpointer) answer);
}

/* Clears what the last call left, for the next one. */
static void
reset (Fixture *fixture)
{
  g_clear_object (&fixture->result);
  g_queue_clear (&fixture->answers);
  g_ptr_array_set_size (fixture->requests, 0);
}

/* Checks request @i's method and path and returns its JSON body. */
static JsonObject *
assert_request (Fixture    *fixture,
                guint       i,
                const char *method,
                const char *path)
{
  Request *request;

  g_assert_cmpuint (i, <, fixture->requests->len);
  request = g_ptr_array_index (fixture->requests, i);
  g_assert_cmpstr (request->method, ==, method);
  g_assert_cmpstr (request->path, ==, path);
  if (request->body == NULL)
    return NULL;
  g_assert_true (JSON_NODE_HOLDS_OBJECT (request->body));
  return json_node_get_object (request->body);
}

static void
assert_strings (JsonArray  *array,
                const char *first,
                ...)
{
  va_list args;
  const char *expected = first;
  guint i = 0;

  g_assert_nonnull (array);
  va_start (args, first);
  for (; expected != NULL; expected = va_arg (args, const char *), i++)
    {
      g_assert_cmpuint (i, <, json_array_get_length (array));
      g_assert_cmpstr (json_array_get_string_element (array, i), ==, expected);
    }
  va_end (args);
  g_assert_cmpuint (json_array_get_length (array), ==, i);
}

/* A list call's three requests: the same operation with the same filters,
 * the first without a token, then t2 and t3. */
static void
assert_three_pages (Fixture    *fixture,
                    const char *path)
{
  g_assert_cmpuint (fixture->requests->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *body = assert_request (fixture, i, "POST", path);
      const char *tokens[] = { NULL, "t2", "t3" };

      g_assert_cmpint (json_object_get_int_member (body, "maxResults"), ==, 1000);
      if (tokens[i] == NULL)
        g_assert_false (json_object_has_member (body, "nextToken"));
      else
        g_assert_cmpstr (json_object_get_string_member (body, "nextToken"), ==, tokens[i]);
    }
}

#define JOB_JSON                                                                                \
  "{\"jobID\":\"" JOB_ID "\",\"arn\":\"arn:aws:drs:us-east-1:123456789012:job/" JOB_ID "\","    \
  "\"type\":\"LAUNCH\",\"initiatedBy\":\"START_DRILL\",\"creationDateTime\":"                   \
  "\"2026-01-15T10:00:00Z\",\"endDateTime\":\"2026-01-15T10:30:00.500Z\",\"status\":"           \
  "\"COMPLETED\",\"participatingServers\":[{\"sourceServerID\":\"" SERVER_1 "\","               \
  "\"recoveryInstanceID\":\"i-0123456789abcdef0\",\"launchStatus\":\"LAUNCHED\","               \
  "\"launchActionsStatus\":{\"runs\":[]}},{\"sourceServerID\":\"" SERVER_2 "\","                \
  "\"launchStatus\":\"FAILED\"}],\"tags\":{\"Plan\":\"prod\"},\"participatingResources\":[]}"

static void
assert_job (DrsoDrsJob *job)
{
  GListModel *servers = drso_drs_job_get_participating_servers (job);
  g_autoptr(DrsoDrsParticipatingServer) first = NULL;
  g_autoptr(DrsoDrsParticipatingServer) second = NULL;

  g_assert_cmpstr (drso_drs_job_get_job_id (job), ==, JOB_ID);
  g_assert_cmpstr (drso_drs_job_get_arn (job), ==,
                   "arn:aws:drs:us-east-1:123456789012:job/" JOB_ID);
  g_assert_cmpstr (drso_drs_job_get_job_type (job), ==, "LAUNCH");
  g_assert_cmpstr (drso_drs_job_get_initiated_by (job), ==, "START_DRILL");
  g_assert_cmpstr (drso_drs_job_get_status (job), ==, "COMPLETED");
  g_assert_cmpint (drso_drs_job_get_creation_date (job), ==, T_CREATED);
  g_assert_cmpint (drso_drs_job_get_end_date (job), ==, T_ENDED);
  g_assert_cmpuint (g_hash_table_size (drso_drs_job_get_tags (job)), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (drso_drs_job_get_tags (job), "Plan"), ==, "prod");

  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 2);
  first = g_list_model_get_item (servers, 0);
  second = g_list_model_get_item (servers, 1);
  g_assert_cmpstr (drso_drs_participating_server_get_source_server_id (first), ==, SERVER_1);
  g_assert_cmpstr (drso_drs_participating_server_get_recovery_instance_id (first), ==,
                   "i-0123456789abcdef0");
  g_assert_cmpstr (drso_drs_participating_server_get_launch_status (first), ==, "LAUNCHED");
  g_assert_cmpstr (drso_drs_participating_server_get_source_server_id (second), ==, SERVER_2);
  g_assert_null (drso_drs_participating_server_get_recovery_instance_id (second));
  g_assert_cmpstr (drso_drs_participating_server_get_launch_status (second), ==, "FAILED");
}

/* StartRecovery */

static void
test_start_recovery (Fixture       *fixture,
                     gconstpointer  data)
{
  static const Answer accepted = { 202, "{\"job\":" JOB_JSON "}" };
  const char *servers[] = { SERVER_1, SERVER_2 };
  const char *snapshots[] = { SNAPSHOT_1, NULL };
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  JsonObject *body, *server;
  JsonArray *sent;

  g_hash_table_insert (tags, "Plan", "prod");
  push (fixture, &accepted);
  drso_drs_start_recovery_async (fixture->context, servers, snapshots, 2, TRUE, tags, NULL,
                                 got_result_cb, fixture);
  wait_for_result (fixture);
  job = drso_drs_start_recovery_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  assert_job (job);
  g_object_get (job, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "COMPLETED");

  body = assert_request (fixture, 0, "POST", "/StartRecovery");
  g_assert_true (json_object_get_boolean_member (body, "isDrill"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (body, "tags"),
                                                  "Plan"), ==, "prod");
  sent = json_object_get_array_member (body, "sourceServers");
  g_assert_cmpuint (json_array_get_length (sent), ==, 2);
  server = json_array_get_object_element (sent, 0);
  g_assert_cmpstr (json_object_get_string_member (server, "sourceServerID"), ==, SERVER_1);
  g_assert_cmpstr (json_object_get_string_member (server, "recoverySnapshotID"), ==, SNAPSHOT_1);
  server = json_array_get_object_element (sent, 1);
  g_assert_cmpstr (json_object_get_string_member (server, "sourceServerID"), ==, SERVER_2);
  g_assert_false (json_object_has_member (server, "recoverySnapshotID"));

  /* A recovery, the latest snapshots and no tags. */
  reset (fixture);
  g_clear_object (&job);
  push (fixture, &accepted);
  drso_drs_start_recovery_async (fixture->context, servers, NULL, 1, FALSE, NULL, NULL,
                                 got_result_cb, fixture);
  wait_for_result (fixture);
  job = drso_drs_start_recovery_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  body = assert_request (fixture, 0, "POST", "/StartRecovery");
  g_assert_false (json_object_get_boolean_member (body, "isDrill"));
  g_assert_false (json_object_has_member (body, "tags"));
  sent = json_object_get_array_member (body, "sourceServers");
  g_assert_cmpuint (json_array_get_length (sent), ==, 1);
  g_assert_false (json_object_has_member (json_array_get_object_element (sent, 0),
                                          "recoverySnapshotID"));
}

static void
test_start_recovery_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  const char *bad[] = { "i-0123456789abcdef0" };

  for (guint i = 0; i < 201; i++)
    g_ptr_array_add (many, g_strdup_printf ("s-%017u", i));

  for (guint n = 0; n < 3; n++)
    {
      g_autoptr(DrsoDrsJob) job = NULL;
      g_autoptr(GError) error = NULL;
      const char * const *ids = n == 2 ? bad : (const char * const *) many->pdata;
      guint count = n == 0 ? 0 : n == 1 ? 201 : 1;

      reset (fixture);
      drso_drs_start_recovery_async (fixture->context, ids, NULL, count, FALSE, NULL, NULL,
                                     got_result_cb, fixture);
      wait_for_result (fixture);
      job = drso_drs_start_recovery_finish (fixture->context, fixture->result, &error);
      g_assert_null (job);
      g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION);
      g_assert_null (drso_aws_error_get_aws_code (error));
      g_test_message ("refused: %s", error->message);
      if (n < 2)
        g_assert_nonnull (strstr (error->message, n == 0 ? "not 0" : "not 201"));
      else
        g_assert_nonnull (strstr (error->message, "i-0123456789abcdef0"));
    }
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_start_recovery_conflict (Fixture       *fixture,
                              gconstpointer  data)
{
  static const Answer conflict = {
    409, "{\"message\":\"Source server " SERVER_1 " is already in a job\",\"code\":\"CONFLICT\","
         "\"resourceId\":\"" SERVER_1 "\",\"resourceType\":\"SOURCE_SERVER\"}",
    "X-Amzn-Errortype", "ConflictException:http://internal.amazon.com/coral/com.amazonaws.drs/"
  };
  const char *servers[] = { SERVER_1 };
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(GError) error = NULL;

  push (fixture, &conflict);
  drso_drs_start_recovery_async (fixture->context, servers, NULL, 1, FALSE, NULL, NULL,
                                 got_result_cb, fixture);
  wait_for_result (fixture);
  job = drso_drs_start_recovery_finish (fixture->context, fixture->result, &error);
  g_assert_null (job);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CONFLICT);
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "ConflictException");
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, 409);
  g_assert_cmpstr (drso_aws_error_get_request_id (error), ==, "req-drs-1");
  g_assert_nonnull (strstr (error->message, "already in a job"));
  /* Not retried. */
  g_assert_cmpuint (fixture->requests->len, ==, 1);
}

/* TerminateRecoveryInstances */

static void
test_terminate (Fixture       *fixture,
                gconstpointer  data)
{
  static const Answer job_answer = {
    200, "{\"job\":{\"jobID\":\"drsjob-00000000000000001\",\"type\":\"TERMINATE\",\"initiatedBy\":"
         "\"TERMINATE_RECOVERY_INSTANCES\",\"status\":\"PENDING\",\"creationDateTime\":"
         "\"2026-01-15T10:00:00Z\",\"participatingServers\":[{\"sourceServerID\":\"" SERVER_1 "\","
         "\"recoveryInstanceID\":\"i-0123456789abcdef0\",\"launchStatus\":\"PENDING\"}],"
         "\"tags\":{}}}"
  };
  const char *instances[] = { "i-0123456789abcdef0", "i-0fedcba9876543210", NULL };
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(DrsoDrsParticipatingServer) server = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  push (fixture, &job_answer);
  drso_drs_terminate_recovery_instances_async (fixture->context, instances, NULL, got_result_cb,
                                               fixture);
  wait_for_result (fixture);
  job = drso_drs_terminate_recovery_instances_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_drs_job_get_job_id (job), ==, "drsjob-00000000000000001");
  g_assert_null (drso_drs_job_get_arn (job));
  g_assert_cmpstr (drso_drs_job_get_job_type (job), ==, "TERMINATE");
  g_assert_cmpstr (drso_drs_job_get_initiated_by (job), ==, "TERMINATE_RECOVERY_INSTANCES");
  g_assert_cmpstr (drso_drs_job_get_status (job), ==, "PENDING");
  g_assert_cmpint (drso_drs_job_get_creation_date (job), ==, T_CREATED);
  g_assert_cmpint (drso_drs_job_get_end_date (job), ==, 0);
  g_assert_cmpuint (g_hash_table_size (drso_drs_job_get_tags (job)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (drso_drs_job_get_participating_servers (job)), ==,
                    1);
  server = g_list_model_get_item (drso_drs_job_get_participating_servers (job), 0);
  g_assert_cmpstr (drso_drs_participating_server_get_launch_status (server), ==, "PENDING");

  body = assert_request (fixture, 0, "POST", "/TerminateRecoveryInstances");
  assert_strings (json_object_get_array_member (body, "recoveryInstanceIDs"),
                  "i-0123456789abcdef0", "i-0fedcba9876543210", NULL);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
}

static void
test_terminate_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) many = NULL;
  const char *none[] = { NULL };

  for (guint i = 0; i < 201; i++)
    {
      g_autofree char *id = g_strdup_printf ("i-%016x", i);

      g_strv_builder_add (builder, id);
    }
  many = g_strv_builder_end (builder);

  for (guint n = 0; n < 3; n++)
    {
      const char * const *ids = n == 0 ? NULL : n == 1 ? none : (const char * const *) many;
      g_autoptr(DrsoDrsJob) job = NULL;
      g_autoptr(GError) error = NULL;

      reset (fixture);
      drso_drs_terminate_recovery_instances_async (fixture->context, ids, NULL, got_result_cb,
                                                   fixture);
      wait_for_result (fixture);
      job = drso_drs_terminate_recovery_instances_finish (fixture->context, fixture->result,
                                                          &error);
      g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION);
      g_assert_nonnull (strstr (error->message, n < 2 ? "not 0" : "not 201"));
    }
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

static void
test_terminate_quota (Fixture       *fixture,
                      gconstpointer  data)
{
  static const Answer quota = {
    402, "{\"message\":\"Too many concurrent jobs\",\"code\":\"QUOTA\",\"serviceCode\":\"drs\","
         "\"quotaCode\":\"L-1234\"}",
    "X-Amzn-Errortype", "ServiceQuotaExceededException"
  };
  const char *instances[] = { "i-0123456789abcdef0", NULL };
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(GError) error = NULL;

  push (fixture, &quota);
  drso_drs_terminate_recovery_instances_async (fixture->context, instances, NULL, got_result_cb,
                                               fixture);
  wait_for_result (fixture);
  job = drso_drs_terminate_recovery_instances_finish (fixture->context, fixture->result, &error);
  g_assert_null (job);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_QUOTA);
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "ServiceQuotaExceededException");
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, 402);
  g_assert_cmpuint (fixture->requests->len, ==, 1);
}

/* DescribeJobs */

static void
test_describe_jobs (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Answer page1 = { 200, "{\"items\":[" JOB_JSON "],\"nextToken\":\"t2\"}" };
  static const Answer page2 = {
    200, "{\"items\":[{\"jobID\":\"drsjob-00000000000000002\",\"status\":\"STARTED\","
         "\"newMemberFromTheFuture\":{\"x\":1}}],\"nextToken\":\"t3\"}"
  };
  static const Answer page3 = { 200, "{\"items\":[],\"nextToken\":null}" };
  const char *job_ids[] = { JOB_ID, "drsjob-00000000000000002", NULL };
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  DrsoDrsJob *second;
  JsonObject *filters;

  push (fixture, &page1);
  push (fixture, &page2);
  push (fixture, &page3);
  drso_drs_describe_jobs_async (fixture->context, job_ids, "2026-01-01T00:00:00Z",
                                "2026-02-01T00:00:00Z", NULL, got_result_cb, fixture);
  wait_for_result (fixture);
  jobs = drso_drs_describe_jobs_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 2);
  assert_job (g_ptr_array_index (jobs, 0));
  second = g_ptr_array_index (jobs, 1);
  g_assert_cmpstr (drso_drs_job_get_job_id (second), ==, "drsjob-00000000000000002");
  g_assert_cmpstr (drso_drs_job_get_status (second), ==, "STARTED");
  g_assert_null (drso_drs_job_get_job_type (second));
  g_assert_cmpint (drso_drs_job_get_creation_date (second), ==, 0);

  assert_three_pages (fixture, "/DescribeJobs");
  for (guint i = 0; i < 3; i++)
    {
      filters = json_object_get_object_member (assert_request (fixture, i, "POST",
                                                               "/DescribeJobs"), "filters");
      assert_strings (json_object_get_array_member (filters, "jobIDs"), JOB_ID,
                      "drsjob-00000000000000002", NULL);
      g_assert_cmpstr (json_object_get_string_member (filters, "fromDate"), ==,
                       "2026-01-01T00:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (filters, "toDate"), ==,
                       "2026-02-01T00:00:00Z");
    }

  /* No filters: an empty one, as botocore sends. */
  reset (fixture);
  g_clear_pointer (&jobs, g_ptr_array_unref);
  push (fixture, &page3);
  drso_drs_describe_jobs_async (fixture->context, NULL, NULL, NULL, NULL, got_result_cb, fixture);
  wait_for_result (fixture);
  jobs = drso_drs_describe_jobs_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 0);
  filters = json_object_get_object_member (assert_request (fixture, 0, "POST", "/DescribeJobs"),
                                           "filters");
  g_assert_cmpuint (json_object_get_size (filters), ==, 0);
}

/* DescribeJobLogItems */

static void
test_describe_job_log_items (Fixture       *fixture,
                             gconstpointer  data)
{
  static const Answer page1 = {
    200, "{\"items\":[{\"logDateTime\":\"2026-01-15T10:00:00Z\",\"event\":\"JOB_START\"}],"
         "\"nextToken\":\"t2\"}"
  };
  static const Answer page2 = {
    200, "{\"items\":[{\"logDateTime\":\"2026-01-15T10:30:00Z\",\"event\":\"LAUNCH_FAILED\","
         "\"eventData\":{\"sourceServerID\":\"" SERVER_1 "\",\"conversionServerID\":"
         "\"i-0aaaaaaaaaaaaaaaa\",\"targetInstanceID\":\"i-0bbbbbbbbbbbbbbbb\",\"rawError\":"
         "\"InsufficientInstanceCapacity\",\"attemptCount\":2,\"conversionProperties\":"
         "{\"forceUefi\":false}}}],\"nextToken\":\"t3\"}"
  };
  static const Answer page3 = {
    200, "{\"items\":[{\"logDateTime\":\"2026-01-15T10:30:00Z\",\"event\":\"JOB_END\"}]}"
  };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  DrsoDrsJobLogItem *item;

  push (fixture, &page1);
  push (fixture, &page2);
  push (fixture, &page3);
  drso_drs_describe_job_log_items_async (fixture->context, JOB_ID, NULL, got_result_cb, fixture);
  wait_for_result (fixture);
  items = drso_drs_describe_job_log_items_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 3);

  item = g_ptr_array_index (items, 0);
  g_assert_cmpint (drso_drs_job_log_item_get_time (item), ==, T_CREATED);
  g_assert_cmpstr (drso_drs_job_log_item_get_event (item), ==, "JOB_START");
  g_assert_null (drso_drs_job_log_item_get_source_server_id (item));
  g_assert_null (drso_drs_job_log_item_get_raw_error (item));
  item = g_ptr_array_index (items, 1);
  g_assert_cmpint (drso_drs_job_log_item_get_time (item), ==, T_ENDED);
  g_assert_cmpstr (drso_drs_job_log_item_get_event (item), ==, "LAUNCH_FAILED");
  g_assert_cmpstr (drso_drs_job_log_item_get_source_server_id (item), ==, SERVER_1);
  g_assert_cmpstr (drso_drs_job_log_item_get_conversion_server_id (item), ==,
                   "i-0aaaaaaaaaaaaaaaa");
  g_assert_cmpstr (drso_drs_job_log_item_get_target_instance_id (item), ==,
                   "i-0bbbbbbbbbbbbbbbb");
  g_assert_cmpstr (drso_drs_job_log_item_get_raw_error (item), ==,
                   "InsufficientInstanceCapacity");
  g_assert_cmpstr (drso_drs_job_log_item_get_event (g_ptr_array_index (items, 2)), ==, "JOB_END");

  assert_three_pages (fixture, "/DescribeJobLogItems");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (json_object_get_string_member (assert_request (fixture, i, "POST",
                                                                    "/DescribeJobLogItems"),
                                                    "jobID"), ==, JOB_ID);
}

/* DescribeRecoveryInstances */

static void
test_describe_recovery_instances (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const Answer page1 = {
    200, "{\"items\":[{\"recoveryInstanceID\":\"i-0123456789abcdef0\",\"ec2InstanceID\":"
         "\"i-0123456789abcdef0\",\"ec2InstanceState\":\"RUNNING\",\"jobID\":\"" JOB_ID "\","
         "\"sourceServerID\":\"" SERVER_1 "\",\"isDrill\":true,\"pointInTimeSnapshotDateTime\":"
         "\"2026-01-15T10:00:00Z\",\"arn\":\"arn:aws:drs:us-east-1:123456789012:recovery-instance/"
         "i-0123456789abcdef0\",\"recoveryInstanceProperties\":{\"networkInterfaces\":[{"
         "\"macAddress\":\"0a:00:00:00:00:01\",\"ips\":[\"10.1.2.3\",\"fe80::1\"],\"isPrimary\":"
         "true}],\"ramBytes\":4096},\"originEnvironment\":\"AWS\"}],\"nextToken\":\"t2\"}"
  };
  static const Answer page2 = { 200, "{\"items\":[],\"nextToken\":\"t3\"}" };
  static const Answer page3 = {
    200, "{\"items\":[{\"recoveryInstanceID\":\"i-0fedcba9876543210\",\"ec2InstanceState\":"
         "\"TERMINATED\",\"isDrill\":false}]}"
  };
  const char *instance_ids[] = { "i-0123456789abcdef0", "i-0fedcba9876543210", NULL };
  const char *server_ids[] = { SERVER_1, NULL };
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;
  DrsoRecoveryInstance *instance;
  gboolean is_drill = FALSE;

  push (fixture, &page1);
  push (fixture, &page2);
  push (fixture, &page3);
  drso_drs_describe_recovery_instances_async (fixture->context, instance_ids, server_ids, NULL,
                                              got_result_cb, fixture);
  wait_for_result (fixture);
  instances = drso_drs_describe_recovery_instances_finish (fixture->context, fixture->result,
                                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 2);

  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (drso_recovery_instance_get_recovery_instance_id (instance), ==,
                   "i-0123456789abcdef0");
  g_assert_cmpstr (drso_recovery_instance_get_ec2_instance_id (instance), ==,
                   "i-0123456789abcdef0");
  g_assert_cmpstr (drso_recovery_instance_get_ec2_instance_state (instance), ==, "RUNNING");
  g_assert_cmpstr (drso_recovery_instance_get_job_id (instance), ==, JOB_ID);
  g_assert_cmpstr (drso_recovery_instance_get_source_server_id (instance), ==, SERVER_1);
  g_assert_true (drso_recovery_instance_get_is_drill (instance));
  g_object_get (instance, "is-drill", &is_drill, NULL);
  g_assert_true (is_drill);
  g_assert_cmpint (drso_recovery_instance_get_point_in_time_snapshot_date (instance), ==,
                   T_CREATED);
  g_assert_cmpstr (drso_recovery_instance_get_private_ip (instance), ==, "10.1.2.3");

  instance = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (drso_recovery_instance_get_recovery_instance_id (instance), ==,
                   "i-0fedcba9876543210");
  g_assert_null (drso_recovery_instance_get_ec2_instance_id (instance));
  g_assert_cmpstr (drso_recovery_instance_get_ec2_instance_state (instance), ==, "TERMINATED");
  g_assert_false (drso_recovery_instance_get_is_drill (instance));
  g_assert_cmpint (drso_recovery_instance_get_point_in_time_snapshot_date (instance), ==, 0);
  g_assert_null (drso_recovery_instance_get_private_ip (instance));

  assert_three_pages (fixture, "/DescribeRecoveryInstances");
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *filters = json_object_get_object_member (
        assert_request (fixture, i, "POST", "/DescribeRecoveryInstances"), "filters");

      assert_strings (json_object_get_array_member (filters, "recoveryInstanceIDs"),
                      "i-0123456789abcdef0", "i-0fedcba9876543210", NULL);
      assert_strings (json_object_get_array_member (filters, "sourceServerIDs"), SERVER_1, NULL);
    }
}

/* DescribeRecoverySnapshots */

static void
test_describe_recovery_snapshots (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const Answer page1 = {
    200, "{\"items\":[{\"snapshotID\":\"" SNAPSHOT_1 "\",\"sourceServerID\":\"" SERVER_1 "\","
         "\"expectedTimestamp\":\"2026-02-01T08:00:00Z\",\"timestamp\":\"2026-02-01T08:10:00Z\","
         "\"ebsSnapshots\":[\"snap-0123456789abcdef0\",\"snap-0123456789abcdef1\"]}],"
         "\"nextToken\":\"t2\"}"
  };
  static const Answer page2 = {
    200, "{\"items\":[{\"snapshotID\":\"pit-00000000000000002\",\"sourceServerID\":\"" SERVER_1
         "\",\"expectedTimestamp\":\"2026-02-02T00:00:00Z\"}],\"nextToken\":\"t3\"}"
  };
  static const Answer page3 = {
    200, "{\"items\":[{\"snapshotID\":\"pit-00000000000000003\",\"sourceServerID\":\"" SERVER_1
         "\",\"expectedTimestamp\":\"2026-02-02T01:00:00Z\",\"ebsSnapshots\":[]}]}"
  };
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ebs = NULL;
  DrsoRecoverySnapshot *snapshot;
  const char * const *ids;

  push (fixture, &page1);
  push (fixture, &page2);
  push (fixture, &page3);
  drso_drs_describe_recovery_snapshots_async (fixture->context, SERVER_1, "2026-02-01T00:00:00Z",
                                              "2026-02-03T00:00:00Z", "DESC", NULL,
                                              got_result_cb, fixture);
  wait_for_result (fixture);
  snapshots = drso_drs_describe_recovery_snapshots_finish (fixture->context, fixture->result,
                                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 3);

  snapshot = g_ptr_array_index (snapshots, 0);
  g_assert_cmpstr (drso_recovery_snapshot_get_snapshot_id (snapshot), ==, SNAPSHOT_1);
  g_assert_cmpstr (drso_recovery_snapshot_get_source_server_id (snapshot), ==, SERVER_1);
  g_assert_cmpint (drso_recovery_snapshot_get_expected_timestamp (snapshot), ==, 1769932800);
  g_assert_cmpint (drso_recovery_snapshot_get_timestamp (snapshot), ==, 1769933400);
  ids = drso_recovery_snapshot_get_ebs_snapshot_ids (snapshot);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "snap-0123456789abcdef0");
  g_assert_cmpstr (ids[1], ==, "snap-0123456789abcdef1");
  g_object_get (snapshot, "ebs-snapshot-ids", &ebs, NULL);
  g_assert_cmpuint (g_strv_length (ebs), ==, 2);

  snapshot = g_ptr_array_index (snapshots, 1);
  g_assert_cmpstr (drso_recovery_snapshot_get_snapshot_id (snapshot), ==, "pit-00000000000000002");
  g_assert_cmpint (drso_recovery_snapshot_get_expected_timestamp (snapshot), ==, 1769990400);
  g_assert_cmpint (drso_recovery_snapshot_get_timestamp (snapshot), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) drso_recovery_snapshot_get_ebs_snapshot_ids (snapshot)),
                    ==, 0);
  snapshot = g_ptr_array_index (snapshots, 2);
  g_assert_cmpint (drso_recovery_snapshot_get_expected_timestamp (snapshot), ==, 1769994000);

  assert_three_pages (fixture, "/DescribeRecoverySnapshots");
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *body = assert_request (fixture, i, "POST", "/DescribeRecoverySnapshots");
      JsonObject *filters = json_object_get_object_member (body, "filters");

      g_assert_cmpstr (json_object_get_string_member (body, "sourceServerID"), ==, SERVER_1);
      g_assert_cmpstr (json_object_get_string_member (body, "order"), ==, "DESC");
      g_assert_cmpstr (json_object_get_string_member (filters, "fromDateTime"), ==,
                       "2026-02-01T00:00:00Z");
      g_assert_cmpstr (json_object_get_string_member (filters, "toDateTime"), ==,
                       "2026-02-03T00:00:00Z");
    }

  /* An order DRS does not know is refused here. */
  reset (fixture);
  g_clear_pointer (&snapshots, g_ptr_array_unref);
  drso_drs_describe_recovery_snapshots_async (fixture->context, SERVER_1, NULL, NULL, "NEWEST",
                                              NULL, got_result_cb, fixture);
  wait_for_result (fixture);
  snapshots = drso_drs_describe_recovery_snapshots_finish (fixture->context, fixture->result,
                                                           &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

/* Launch and replication configurations */

#define LAUNCH_JSON                                                                             \
  "{\"sourceServerID\":\"" SERVER_1 "\",\"name\":\"db-1\",\"ec2LaunchTemplateID\":"             \
  "\"lt-0123456789abcdef0\",\"launchDisposition\":\"STARTED\","                                 \
  "\"targetInstanceTypeRightSizingMethod\":\"BASIC\",\"copyPrivateIp\":true,\"copyTags\":"      \
  "false,\"licensing\":{\"osByol\":true},\"postLaunchEnabled\":true,"                           \
  "\"launchIntoInstanceProperties\":{},\"recoveryMode\":\"FAST\"}"

static void
assert_launch_configuration (DrsoLaunchConfiguration *config)
{
  g_assert_cmpstr (drso_launch_configuration_get_source_server_id (config), ==, SERVER_1);
  g_assert_cmpstr (drso_launch_configuration_get_name (config), ==, "db-1");
  g_assert_cmpstr (drso_launch_configuration_get_ec2_launch_template_id (config), ==,
                   "lt-0123456789abcdef0");
  g_assert_cmpstr (drso_launch_configuration_get_launch_disposition (config), ==, "STARTED");
  g_assert_cmpstr (drso_launch_configuration_get_target_instance_type_right_sizing_method (config),
                   ==, "BASIC");
  g_assert_true (drso_launch_configuration_get_copy_private_ip (config));
  g_assert_false (drso_launch_configuration_get_copy_tags (config));
  g_assert_true (drso_launch_configuration_get_os_byol (config));
  g_assert_true (drso_launch_configuration_get_post_launch_enabled (config));
}

static void
test_get_launch_configuration (Fixture       *fixture,
                               gconstpointer  data)
{
  static const Answer answer = { 200, LAUNCH_JSON };
  g_autoptr(DrsoLaunchConfiguration) config = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;

  push (fixture, &answer);
  drso_drs_get_launch_configuration_async (fixture->context, SERVER_1, NULL, got_result_cb,
                                           fixture);
  wait_for_result (fixture);
  config = drso_drs_get_launch_configuration_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  assert_launch_configuration (config);

  body = assert_request (fixture, 0, "POST", "/GetLaunchConfiguration");
  g_assert_cmpstr (json_object_get_string_member (body, "sourceServerID"), ==, SERVER_1);
  g_assert_cmpuint (json_object_get_size (body), ==, 1);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_update_launch_configuration (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const Answer answer = { 200, LAUNCH_JSON };
  g_autoptr(DrsoLaunchConfiguration) change = drso_launch_configuration_new (SERVER_1);
  g_autoptr(DrsoLaunchConfiguration) config = NULL;
  g_autoptr(DrsoLaunchConfiguration) again = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *body;
  guint notifications = 0;

  /* A new configuration sends only what was set on it. */
  g_signal_connect (change, "notify", G_CALLBACK (notify_cb), &notifications);
  drso_launch_configuration_set_name (change, "db-1");
  drso_launch_configuration_set_copy_tags (change, FALSE);
  g_object_set (change, "launch-disposition", "STOPPED", NULL);
  drso_launch_configuration_set_name (change, "db-1");
  g_assert_cmpuint (notifications, ==, 2);

  push (fixture, &answer);
  drso_drs_update_launch_configuration_async (fixture->context, change, NULL, got_result_cb,
                                              fixture);
  wait_for_result (fixture);
  config = drso_drs_update_launch_configuration_finish (fixture->context, fixture->result,
                                                        &error);
  g_assert_no_error (error);
  assert_launch_configuration (config);
  body = assert_request (fixture, 0, "POST", "/UpdateLaunchConfiguration");
  g_assert_cmpuint (json_object_get_size (body), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (body, "sourceServerID"), ==, SERVER_1);
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "db-1");
  g_assert_cmpstr (json_object_get_string_member (body, "launchDisposition"), ==, "STOPPED");
  g_assert_false (json_object_get_boolean_member (body, "copyTags"));

  /* One read from DRS sends every settable member, but not the template. */
  reset (fixture);
  drso_launch_configuration_set_os_byol (config, FALSE);
  drso_launch_configuration_set_target_instance_type_right_sizing_method (config, "IN_AWS");
  push (fixture, &answer);
  drso_drs_update_launch_configuration_async (fixture->context, config, NULL, got_result_cb,
                                              fixture);
  wait_for_result (fixture);
  again = drso_drs_update_launch_configuration_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  body = assert_request (fixture, 0, "POST", "/UpdateLaunchConfiguration");
  g_assert_cmpuint (json_object_get_size (body), ==, 8);
  g_assert_false (json_object_has_member (body, "ec2LaunchTemplateID"));
  g_assert_cmpstr (json_object_get_string_member (body, "targetInstanceTypeRightSizingMethod"),
                   ==, "IN_AWS");
  g_assert_true (json_object_get_boolean_member (body, "copyPrivateIp"));
  g_assert_false (json_object_get_boolean_member (body, "copyTags"));
  g_assert_true (json_object_get_boolean_member (body, "postLaunchEnabled"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (body,
                                                                                 "licensing"),
                                                  "osByol"));
}

static void
test_get_replication_configuration (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const Answer answer = {
    200, "{\"sourceServerID\":\"" SERVER_1 "\",\"name\":\"db-1\",\"stagingAreaSubnetId\":"
         "\"subnet-0123456789abcdef0\",\"associateDefaultSecurityGroup\":true,"
         "\"replicationServersSecurityGroupsIDs\":[],\"replicationServerInstanceType\":"
         "\"t3.small\",\"useDedicatedReplicationServer\":false,\"defaultLargeStagingDiskType\":"
         "\"GP3\",\"replicatedDisks\":[{\"deviceName\":\"/dev/sda1\",\"isBootDisk\":true}],"
         "\"ebsEncryption\":\"CUSTOM\",\"ebsEncryptionKeyArn\":\"arn:aws:kms:us-east-1:"
         "123456789012:key/1\",\"bandwidthThrottling\":0,\"dataPlaneRouting\":\"PRIVATE_IP\","
         "\"createPublicIP\":false,\"stagingAreaTags\":{},\"pitPolicy\":[{\"ruleID\":1,\"units\":"
         "\"MINUTE\",\"interval\":10,\"retentionDuration\":60,\"enabled\":true},{\"ruleID\":2,"
         "\"units\":\"HOUR\",\"interval\":1,\"retentionDuration\":24,\"enabled\":false},"
         "{\"units\":\"DAY\",\"interval\":1,\"retentionDuration\":7}],"
         "\"autoReplicateNewDisks\":true,\"internetProtocol\":\"IPV4\"}"
  };
  g_autoptr(DrsoReplicationConfiguration) config = NULL;
  g_autoptr(GError) error = NULL;
  const char *units = NULL;
  guint interval = 0, retention = 0, n_rules = 0;
  gboolean enabled = FALSE;
  JsonObject *body;

  push (fixture, &answer);
  drso_drs_get_replication_configuration_async (fixture->context, SERVER_1, NULL, got_result_cb,
                                                fixture);
  wait_for_result (fixture);
  config = drso_drs_get_replication_configuration_finish (fixture->context, fixture->result,
                                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_replication_configuration_get_source_server_id (config), ==, SERVER_1);
  g_assert_cmpstr (drso_replication_configuration_get_staging_area_subnet_id (config), ==,
                   "subnet-0123456789abcdef0");
  g_assert_cmpstr (drso_replication_configuration_get_replication_server_instance_type (config),
                   ==, "t3.small");
  g_assert_cmpstr (drso_replication_configuration_get_ebs_encryption (config), ==, "CUSTOM");
  g_assert_cmpstr (drso_replication_configuration_get_data_plane_routing (config), ==,
                   "PRIVATE_IP");
  g_assert_cmpuint (drso_replication_configuration_get_n_pit_rules (config), ==, 3);
  g_object_get (config, "n-pit-rules", &n_rules, NULL);
  g_assert_cmpuint (n_rules, ==, 3);

  g_assert_true (drso_replication_configuration_get_pit_rule (config, 0, &units, &interval,
                                                              &retention, &enabled));
  g_assert_cmpstr (units, ==, "MINUTE");
  g_assert_cmpuint (interval, ==, 10);
  g_assert_cmpuint (retention, ==, 60);
  g_assert_true (enabled);
  g_assert_true (drso_replication_configuration_get_pit_rule (config, 1, &units, &interval,
                                                              &retention, &enabled));
  g_assert_cmpstr (units, ==, "HOUR");
  g_assert_cmpuint (retention, ==, 24);
  g_assert_false (enabled);
  /* No `enabled`: DRS's rules are on unless it says otherwise. */
  g_assert_true (drso_replication_configuration_get_pit_rule (config, 2, &units, NULL, NULL,
                                                              &enabled));
  g_assert_cmpstr (units, ==, "DAY");
  g_assert_true (enabled);
  g_assert_false (drso_replication_configuration_get_pit_rule (config, 3, NULL, NULL, NULL,
                                                               NULL));

  body = assert_request (fixture, 0, "POST", "/GetReplicationConfiguration");
  g_assert_cmpstr (json_object_get_string_member (body, "sourceServerID"), ==, SERVER_1);
}

/* ListTagsForResource */

static void
test_list_tags (Fixture       *fixture,
                gconstpointer  data)
{
  static const Answer answer = { 200, "{\"tags\":{\"Tier\":\"db\",\"Owner\":\"dr team\"}}" };
  g_autoptr(GHashTable) tags = NULL;
  g_autoptr(GError) error = NULL;

  push (fixture, &answer);
  drso_drs_list_tags_for_resource_async (fixture->context, SOURCE_ARN, NULL, got_result_cb,
                                         fixture);
  wait_for_result (fixture);
  tags = drso_drs_list_tags_for_resource_finish (fixture->context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (tags), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (tags, "Tier"), ==, "db");
  g_assert_cmpstr (g_hash_table_lookup (tags, "Owner"), ==, "dr team");

  /* The label is encoded once on the wire; the signature (checked by the
   * server) covers it encoded twice. GET has no body. */
  g_assert_null (assert_request (fixture, 0, "GET",
                                 "/tags/arn%3Aaws%3Adrs%3Aus-east-1%3A123456789012%3A"
                                 "source-server%2F" SERVER_1));

  reset (fixture);
  g_clear_pointer (&tags, g_hash_table_unref);
  drso_drs_list_tags_for_resource_async (fixture->context, SERVER_1, NULL, got_result_cb,
                                         fixture);
  wait_for_result (fixture);
  tags = drso_drs_list_tags_for_resource_finish (fixture->context, fixture->result, &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION);
  g_assert_cmpuint (fixture->requests->len, ==, 0);
}

/* Answers that cannot be read */

typedef enum
{
  CALL_START_RECOVERY,
  CALL_DESCRIBE_JOBS,
  CALL_JOB_LOG,
  CALL_RECOVERY_INSTANCES,
  CALL_SNAPSHOTS,
  CALL_GET_LAUNCH,
  CALL_GET_REPLICATION,
  CALL_LIST_TAGS,
} CallKind;

typedef struct
{
  const char *name;
  CallKind    call;
  Answer      answer;
  const char *member;   /* named in the message */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "job/no-job", CALL_START_RECOVERY, { 202, "{}" }, "job" },
  { "job/no-id", CALL_START_RECOVERY, { 202, "{\"job\":{\"status\":\"PENDING\"}}" }, "jobID" },
  { "job/status-type", CALL_DESCRIBE_JOBS,
    { 200, "{\"items\":[{\"jobID\":\"" JOB_ID "\",\"status\":5}]}" }, "status" },
  { "job/servers-type", CALL_DESCRIBE_JOBS,
    { 200, "{\"items\":[{\"jobID\":\"" JOB_ID "\",\"participatingServers\":{}}]}" },
    "participatingServers" },
  { "job/launch-status-type", CALL_DESCRIBE_JOBS,
    { 200, "{\"items\":[{\"jobID\":\"" JOB_ID "\",\"participatingServers\":[{\"launchStatus\":"
           "[]}]}]}" }, "launchStatus" },
  { "job/bad-date", CALL_DESCRIBE_JOBS,
    { 200, "{\"items\":[{\"jobID\":\"" JOB_ID "\",\"creationDateTime\":\"yesterday\"}]}" },
    "creationDateTime" },
  { "job/tags-type", CALL_DESCRIBE_JOBS,
    { 200, "{\"items\":[{\"jobID\":\"" JOB_ID "\",\"tags\":{\"a\":1}}]}" }, "tags" },
  { "list/items-type", CALL_DESCRIBE_JOBS, { 200, "{\"items\":{\"a\":1}}" }, "items" },
  { "list/item-type", CALL_DESCRIBE_JOBS, { 200, "{\"items\":[\"" JOB_ID "\"]}" }, "Job" },
  { "list/token-type", CALL_DESCRIBE_JOBS, { 200, "{\"items\":[],\"nextToken\":7}" },
    "nextToken" },
  { "list/same-token", CALL_DESCRIBE_JOBS, { 200, "{\"items\":[],\"nextToken\":\"same\"}" },
    "same page" },
  { "log/event-type", CALL_JOB_LOG, { 200, "{\"items\":[{\"event\":true}]}" }, "event" },
  { "log/data-type", CALL_JOB_LOG, { 200, "{\"items\":[{\"eventData\":\"x\"}]}" }, "eventData" },
  { "log/raw-error-type", CALL_JOB_LOG,
    { 200, "{\"items\":[{\"eventData\":{\"rawError\":{}}}]}" }, "rawError" },
  { "instance/no-id", CALL_RECOVERY_INSTANCES,
    { 200, "{\"items\":[{\"ec2InstanceID\":\"i-0123456789abcdef0\"}]}" }, "recoveryInstanceID" },
  { "instance/drill-type", CALL_RECOVERY_INSTANCES,
    { 200, "{\"items\":[{\"recoveryInstanceID\":\"i-0123456789abcdef0\",\"isDrill\":\"yes\"}]}" },
    "isDrill" },
  { "snapshot/no-id", CALL_SNAPSHOTS,
    { 200, "{\"items\":[{\"sourceServerID\":\"" SERVER_1 "\",\"expectedTimestamp\":"
           "\"2026-02-01T08:00:00Z\"}]}" }, "snapshotID" },
  { "snapshot/no-expected", CALL_SNAPSHOTS,
    { 200, "{\"items\":[{\"snapshotID\":\"" SNAPSHOT_1 "\",\"sourceServerID\":\"" SERVER_1
           "\"}]}" }, "expectedTimestamp" },
  { "snapshot/ebs-type", CALL_SNAPSHOTS,
    { 200, "{\"items\":[{\"snapshotID\":\"" SNAPSHOT_1 "\",\"sourceServerID\":\"" SERVER_1
           "\",\"expectedTimestamp\":\"2026-02-01T08:00:00Z\",\"ebsSnapshots\":[1]}]}" },
    "ebsSnapshots" },
  { "launch/no-server", CALL_GET_LAUNCH, { 200, "{\"name\":\"db-1\"}" }, "sourceServerID" },
  { "launch/copy-tags-type", CALL_GET_LAUNCH,
    { 200, "{\"sourceServerID\":\"" SERVER_1 "\",\"copyTags\":\"true\"}" }, "copyTags" },
  { "launch/licensing-type", CALL_GET_LAUNCH,
    { 200, "{\"sourceServerID\":\"" SERVER_1 "\",\"licensing\":{\"osByol\":1}}" }, "osByol" },
  { "replication/subnet-type", CALL_GET_REPLICATION,
    { 200, "{\"sourceServerID\":\"" SERVER_1 "\",\"stagingAreaSubnetId\":12}" },
    "stagingAreaSubnetId" },
  { "replication/rule-interval", CALL_GET_REPLICATION,
    { 200, "{\"sourceServerID\":\"" SERVER_1 "\",\"pitPolicy\":[{\"units\":\"DAY\","
           "\"retentionDuration\":7}]}" }, "interval" },
  { "replication/rule-count", CALL_GET_REPLICATION,
    { 200, "{\"sourceServerID\":\"" SERVER_1 "\",\"pitPolicy\":[{\"units\":\"DAY\","
           "\"interval\":-1,\"retentionDuration\":7}]}" }, "interval" },
  { "tags/value-type", CALL_LIST_TAGS, { 200, "{\"tags\":{\"Tier\":[\"db\"]}}" }, "tags" },
  { "tags/not-json", CALL_LIST_TAGS, { 200, "{\"tags\":" }, "ListTagsForResource" },
};

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  const MalformedCase *malformed = data;
  const char *servers[] = { SERVER_1 };
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  GAsyncResult *res;

  push (fixture, &malformed->answer);
  switch (malformed->call)
    {
    case CALL_START_RECOVERY:
      drso_drs_start_recovery_async (fixture->context, servers, NULL, 1, FALSE, NULL, NULL,
                                     got_result_cb, fixture);
      break;
    case CALL_DESCRIBE_JOBS:
      drso_drs_describe_jobs_async (fixture->context, NULL, NULL, NULL, NULL, got_result_cb,
                                    fixture);
      break;
    case CALL_JOB_LOG:
      drso_drs_describe_job_log_items_async (fixture->context, JOB_ID, NULL, got_result_cb,
                                             fixture);
      break;
    case CALL_RECOVERY_INSTANCES:
      drso_drs_describe_recovery_instances_async (fixture->context, NULL, NULL, NULL,
                                                  got_result_cb, fixture);
      break;
    case CALL_SNAPSHOTS:
      drso_drs_describe_recovery_snapshots_async (fixture->context, SERVER_1, NULL, NULL, NULL,
                                                  NULL, got_result_cb, fixture);
      break;
    case CALL_GET_LAUNCH:
      drso_drs_get_launch_configuration_async (fixture->context, SERVER_1, NULL, got_result_cb,
                                               fixture);
      break;
    case CALL_GET_REPLICATION:
      drso_drs_get_replication_configuration_async (fixture->context, SERVER_1, NULL,
                                                    got_result_cb, fixture);
      break;
    case CALL_LIST_TAGS:
      drso_drs_list_tags_for_resource_async (fixture->context, SOURCE_ARN, NULL, got_result_cb,
                                             fixture);
      break;
    default:
      g_assert_not_reached ();
    }
  wait_for_result (fixture);

  res = fixture->result;
  switch (malformed->call)
    {
    case CALL_START_RECOVERY:
      result = drso_drs_start_recovery_finish (fixture->context, res, &error);
      break;
    case CALL_DESCRIBE_JOBS:
      result = drso_drs_describe_jobs_finish (fixture->context, res, &error);
      break;
    case CALL_JOB_LOG:
      result = drso_drs_describe_job_log_items_finish (fixture->context, res, &error);
      break;
    case CALL_RECOVERY_INSTANCES:
      result = drso_drs_describe_recovery_instances_finish (fixture->context, res, &error);
      break;
    case CALL_SNAPSHOTS:
      result = drso_drs_describe_recovery_snapshots_finish (fixture->context, res, &error);
      break;
    case CALL_GET_LAUNCH:
      result = drso_drs_get_launch_configuration_finish (fixture->context, res, &error);
      break;
    case CALL_GET_REPLICATION:
      result = drso_drs_get_replication_configuration_finish (fixture->context, res, &error);
      break;
    case CALL_LIST_TAGS:
      result = drso_drs_list_tags_for_resource_finish (fixture->context, res, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  g_assert_null (result);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, malformed->member));
  /* A bad first page stops the listing: no more pages are asked for. */
  g_assert_cmpuint (fixture->requests->len, ==,
                    g_str_equal (malformed->name, "list/same-token") ? 2 : 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("AWS_MAX_ATTEMPTS");

#define ADD(name, func) g_test_add ("/aws/drs/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("start-recovery", test_start_recovery);
  ADD ("start-recovery/refused", test_start_recovery_refused);
  ADD ("start-recovery/conflict", test_start_recovery_conflict);
  ADD ("terminate", test_terminate);
  ADD ("terminate/refused", test_terminate_refused);
  ADD ("terminate/quota", test_terminate_quota);
  ADD ("describe-jobs", test_describe_jobs);
  ADD ("describe-job-log-items", test_describe_job_log_items);
  ADD ("describe-recovery-instances", test_describe_recovery_instances);
  ADD ("describe-recovery-snapshots", test_describe_recovery_snapshots);
  ADD ("get-launch-configuration", test_get_launch_configuration);
  ADD ("update-launch-configuration", test_update_launch_configuration);
  ADD ("get-replication-configuration", test_get_replication_configuration);
  ADD ("list-tags-for-resource", test_list_tags);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/aws/drs/malformed/%s", malformed_cases[i].name);

      g_test_add (path, Fixture, &malformed_cases[i], fixture_set_up, test_malformed,
                  fixture_tear_down);
    }

  return g_test_run ();
}
