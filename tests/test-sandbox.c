/* test-sandbox.c
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

#include <glib/gstdio.h>

#include "drso-discovery.h"
#include "drso-drs.h"
#include "drso-sandbox-private.h"
#include "drso-sigv4-private.h"
#include "drso-sts.h"
#include "drso-test-util.h"

/* The Sandbox over HTTP, seen by this project's own client: the services
 * answer, signatures are checked, faults are injected, a data folder has
 * one Sandbox, and the store's built-in account reaches it. (boto3 judges
 * the protocol in tests/contract/.) */

typedef struct
{
  DrsoSandbox    *sandbox;
  DrsoAwsClient  *client;
  DrsoAwsContext *context;
} Fixture;

static DrsoAwsContext *
new_context (Fixture    *fixture,
             const char *access_key_id,
             const char *secret)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (access_key_id, secret, NULL, 0);

  return drso_aws_context_new (fixture->client, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION,
                               drso_sandbox_get_url (fixture->sandbox), creds);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = g_object_new (DRSO_TYPE_SANDBOX, "time-scale", 60.0, "seed", (guint64) 7,
                                   NULL);
  g_assert_true (drso_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.0);
  drso_aws_client_set_max_attempts (fixture->client, 2);
  fixture->context = new_context (fixture, DRSO_SANDBOX_ACCESS_KEY_ID,
                                  DRSO_SANDBOX_SECRET_ACCESS_KEY);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
}

static GPtrArray *
list_servers (DrsoAwsContext  *context,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_drs_describe_source_servers_async (context, NULL, drso_test_done_cb, &result);
  return drso_drs_describe_source_servers_finish (context, drso_test_wait_for (&result), error);
}

/* A request signed by hand, for what the client would never send. */
static guint
send_raw (Fixture     *fixture,
          const char  *method,
          const char  *path,
          const char  *body,
          const char  *secret,
          gint64       sign_time,
          gboolean     sign,
          GBytes     **response,
          char       **error_type)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (drso_sandbox_get_url (fixture->sandbox), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(DrsoSigv4Request) sig = drso_sigv4_request_new (method, path, NULL);
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GUri *uri = soup_message_get_uri (message);
  g_autofree char *host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  DrsoSigv4Credentials creds = { DRSO_SANDBOX_ACCESS_KEY_ID, secret, NULL };
  DrsoSigv4Options options;
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  drso_sigv4_request_add_header (sig, "Host", host);
  drso_sigv4_request_add_header (sig, "Content-Type", "application/json");
  drso_sigv4_request_set_payload (sig, body, strlen (body));
  drso_sigv4_options_init (&options, DRSO_SANDBOX_REGION, "drs", sign_time);
  if (sign)
    {
      drso_sigv4_sign (sig, &creds, &options);
      for (guint i = 0; i < drso_sigv4_request_get_n_headers (sig); i++)
        if (g_ascii_strcasecmp (drso_sigv4_request_get_header_name (sig, i), "Host") != 0)
          soup_message_headers_replace (headers, drso_sigv4_request_get_header_name (sig, i),
                                        drso_sigv4_request_get_header_value (sig, i));
    }
  request_body = g_bytes_new_static (body, strlen (body));
  soup_message_set_request_body_from_bytes (message, "application/json", request_body);

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    drso_test_done_cb, &result);
  *response = soup_session_send_and_read_finish (session, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  *error_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                        "X-Amzn-Errortype"));
  return soup_message_get_status (message);
}

static JsonObject *
parse_object (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (json_parser_load_from_data (parser, data, size, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_identity_and_servers (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_sandbox_get_running (fixture->sandbox));
  g_assert_true (g_str_has_prefix (drso_sandbox_get_url (fixture->sandbox), "http://127.0.0.1:"));
  g_assert_cmpstr (drso_sandbox_get_region (fixture->sandbox), ==, DRSO_SANDBOX_REGION);

  drso_sts_get_caller_identity_async (fixture->context, NULL, drso_test_done_cb, &result);
  identity = drso_sts_get_caller_identity_finish (fixture->context, drso_test_wait_for (&result),
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_caller_identity_get_account (identity), ==, DRSO_SANDBOX_ACCOUNT_ID);

  servers = list_servers (fixture->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (servers->len, >=, 30);
  g_assert_cmpuint (drso_sandbox_get_n_requests (fixture->sandbox), >=, 2);
}

static DrsoDrsJob *
describe_job (Fixture    *fixture,
              const char *job_id)
{
  const char * const ids[] = { job_id, NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;

  drso_drs_describe_jobs_async (fixture->context, ids, NULL, NULL, NULL, drso_test_done_cb,
                                &result);
  jobs = drso_drs_describe_jobs_finish (fixture->context, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jobs->len, ==, 1);
  return g_object_ref (g_ptr_array_index (jobs, 0));
}

static void
test_drill (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) servers = list_servers (fixture->context, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoDrsJob) job = NULL, done = NULL;
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);
  const char *ids[2];
  GListModel *participants;

  for (guint i = 0; i < 2; i++)
    ids[i] = drso_source_server_get_source_server_id (g_ptr_array_index (servers, i));
  g_hash_table_insert (tags, (char *) "drso:execution", (char *) "exec-1");

  drso_drs_start_recovery_async (fixture->context, ids, NULL, 2, TRUE, tags, NULL,
                                 drso_test_done_cb, &result);
  job = drso_drs_start_recovery_finish (fixture->context, drso_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_drs_job_get_status (job), ==, "PENDING");
  g_assert_cmpstr (drso_drs_job_get_initiated_by (job), ==, "START_DRILL");
  g_assert_cmpstr (g_hash_table_lookup (drso_drs_job_get_tags (job), "drso:execution"), ==,
                   "exec-1");

  /* The same servers again, while the job runs: a conflict. */
  g_clear_object (&result);
  drso_drs_start_recovery_async (fixture->context, ids, NULL, 1, TRUE, NULL, NULL,
                                 drso_test_done_cb, &result);
  g_assert_null (drso_drs_start_recovery_finish (fixture->context, drso_test_wait_for (&result),
                                                 &error));
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "ConflictException");
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, 409);
  g_clear_error (&error);

  /* An hour later (simulated by moving the clock) it has ended. */
  drso_sandbox_advance (fixture->sandbox, 3600);
  done = describe_job (fixture, drso_drs_job_get_job_id (job));
  g_assert_cmpstr (drso_drs_job_get_status (done), ==, "COMPLETED");
  participants = drso_drs_job_get_participating_servers (done);
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DrsoDrsParticipatingServer) server = g_list_model_get_item (participants, i);

      g_assert_cmpstr (drso_drs_participating_server_get_launch_status (server), ==, "LAUNCHED");
      g_assert_nonnull (drso_drs_participating_server_get_recovery_instance_id (server));
    }
}

static void
test_signatures (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(DrsoAwsContext) wrong_secret = new_context (fixture, DRSO_SANDBOX_ACCESS_KEY_ID,
                                                        "not-the-secret");
  g_autoptr(DrsoAwsContext) unknown_key = new_context (fixture, "AKIAUNKNOWNUNKNOWN00",
                                                       DRSO_SANDBOX_SECRET_ACCESS_KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *type = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_null (list_servers (wrong_secret, &error));
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "InvalidSignatureException");
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, 403);
  g_clear_error (&error);

  g_assert_null (list_servers (unknown_key, &error));
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "UnrecognizedClientException");
  g_clear_error (&error);

  /* Signed 20 minutes ago: expired. */
  g_assert_cmpuint (send_raw (fixture, "POST", "/DescribeSourceServers", "{}",
                              DRSO_SANDBOX_SECRET_ACCESS_KEY, now - 20 * 60, TRUE, &body, &type),
                    ==, 403);
  g_assert_cmpstr (type, ==, "InvalidSignatureException");
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "Signature expired"));
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&type, g_free);

  /* Not signed at all. */
  g_assert_cmpuint (send_raw (fixture, "POST", "/DescribeSourceServers", "{}", NULL, now, FALSE,
                              &body, &type), ==, 403);
  g_assert_cmpstr (type, ==, "MissingAuthenticationTokenException");
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *type = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  JsonArray *fields;

  g_assert_cmpuint (send_raw (fixture, "POST", "/StartRecovery",
                              "{\"sourceServers\":[{\"sourceServerID\":\"s-bad\"}]}",
                              DRSO_SANDBOX_SECRET_ACCESS_KEY, now, TRUE, &body, &type), ==, 400);
  g_assert_cmpstr (type, ==, "ValidationException");
  object = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "fieldValidationFailed");
  fields = json_object_get_array_member (object, "fieldList");
  g_assert_cmpuint (json_array_get_length (fields), >=, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (fields, 0),
                                                           "name"), "sourceServerID"));
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&type, g_free);

  g_assert_cmpuint (send_raw (fixture, "POST", "/NoSuchOperation", "{}",
                              DRSO_SANDBOX_SECRET_ACCESS_KEY, now, TRUE, &body, &type), ==, 400);
  object = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "unknownOperation");
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_pointer (&object, json_object_unref);
  g_clear_pointer (&type, g_free);

  g_assert_cmpuint (send_raw (fixture, "POST", "/DescribeJobs", "[1,2",
                              DRSO_SANDBOX_SECRET_ACCESS_KEY, now, TRUE, &body, &type), ==, 400);
  object = parse_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, "cannotParse");
}

static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autofree char *spec = NULL;

  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "throttle=1", &error));
  g_assert_null (list_servers (fixture->context, &error));
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "ThrottlingException");
  g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 2);
  g_clear_error (&error);

  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "5xx=1", &error));
  g_assert_null (list_servers (fixture->context, &error));
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "InternalServerException");
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, 500);
  g_clear_error (&error);

  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "drop=1", &error));
  g_assert_null (list_servers (fixture->context, &error));
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK);
  g_clear_error (&error);

  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, " latency=5-20 , fail=web-1:db-1", &error));
  spec = drso_sandbox_dup_faults (fixture->sandbox);
  g_assert_cmpstr (spec, ==, "latency=5-20,fail=web-1:db-1");
  servers = list_servers (fixture->context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (servers);

  /* Bad specs name the problem and change nothing. */
  g_assert_false (drso_sandbox_set_faults (fixture->sandbox, "throttle=2", &error));
  drso_test_assert_error_names (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "throttle");
  g_clear_error (&error);
  g_assert_false (drso_sandbox_set_faults (fixture->sandbox, "hail=0.5", &error));
  drso_test_assert_error_names (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "hail");
  g_clear_error (&error);
  g_assert_false (drso_sandbox_set_faults (fixture->sandbox, "latency=9-1", &error));
  g_clear_error (&error);
  g_clear_pointer (&spec, g_free);
  spec = drso_sandbox_dup_faults (fixture->sandbox);
  g_assert_cmpstr (spec, ==, "latency=5-20,fail=web-1:db-1");
}

/* A data folder has one Sandbox; it keeps its state across restarts. */
static void
test_connect (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "connect", NULL);
  g_autoptr(DrsoSandbox) first = NULL, second = NULL, third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL, *again = NULL, *later = NULL, *state = NULL;
  GStatBuf st;

  url = drso_sandbox_connect (dir, 60.0, &first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpstr (url, ==, drso_sandbox_get_url (first));

  again = drso_sandbox_connect (dir, 60.0, &second, &error);
  g_assert_no_error (error);
  g_assert_null (second);
  g_assert_cmpstr (again, ==, url);

  state = g_build_filename (dir, "sandbox.db", NULL);
  g_assert_cmpint (g_stat (state, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Once the first is gone, the next caller serves the folder itself. */
  g_clear_object (&first);
  later = drso_sandbox_connect (dir, 60.0, &third, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
  g_assert_cmpstr (later, ==, drso_sandbox_get_url (third));
  g_assert_cmpstr (drso_sandbox_get_state_file (third), ==, state);
}

/* The store's built-in account reaches the data folder's Sandbox. */
static void
test_builtin_account (void)
{
  g_autoptr(DrsoStore) store = drso_store_new (NULL, NULL);
  g_autoptr(DrsoAccount) sandbox_account = NULL, fallback = NULL, real = NULL;
  g_autoptr(DrsoAccount) other = NULL;
  g_autoptr(DrsoSandbox) sandbox = NULL;
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL, *url = NULL;
  guint n_servers = 0;

  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_accounts (store)), ==, 1);
  sandbox_account = drso_store_dup_default_account (store);
  g_assert_nonnull (sandbox_account);
  g_assert_cmpstr (drso_account_get_account_id (sandbox_account), ==, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_true (drso_account_get_simulated (sandbox_account));

  /* Without a Sandbox, a simulated account goes nowhere. */
  discovery = drso_discovery_new (store, DRSO_SANDBOX_ACCOUNT_ID, NULL, client);
  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_false (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), NULL,
                                             &error));
  drso_test_assert_error_names (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                                "Sandbox");
  g_clear_error (&error);
  g_clear_object (&result);

  data_dir = g_path_get_dirname (drso_store_get_path (store));
  url = drso_sandbox_connect (data_dir, 60.0, &sandbox, &error);
  g_assert_no_error (error);
  drso_aws_client_set_sandbox_url (client, url);
  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), &n_servers,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_servers, >=, 30);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_source_servers (store)), ==,
                    n_servers);

  /* A recovery target of the simulated organisation, reached through
   * AssumeRole with its role and external ID. */
  {
    g_autoptr(GPtrArray) accounts = drso_sandbox_list_accounts (sandbox);
    DrsoAccount *target;
    g_autoptr(DrsoDiscovery) target_discovery = NULL;

    g_assert_cmpuint (accounts->len, ==, 3);
    g_assert_cmpstr (drso_account_get_account_id (g_ptr_array_index (accounts, 0)), ==,
                     DRSO_SANDBOX_ACCOUNT_ID);
    g_assert_null (drso_account_get_role_arn (g_ptr_array_index (accounts, 0)));
    target = g_ptr_array_index (accounts, 1);
    g_assert_nonnull (drso_account_get_role_arn (target));
    g_assert_nonnull (drso_account_get_external_id (target));
    g_assert_true (drso_account_get_simulated (target));
    g_assert_true (drso_store_add_account (store, target, &error));
    g_assert_no_error (error);

    target_discovery = drso_discovery_new (store, drso_account_get_account_id (target), NULL,
                                           client);
    g_clear_object (&result);
    drso_discovery_run_async (target_discovery, NULL, drso_test_done_cb, &result);
    g_assert_true (drso_discovery_run_finish (target_discovery, drso_test_wait_for (&result),
                                              &n_servers, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_servers, >, 0);

    /* With the wrong external ID the role stays shut. */
    drso_account_set_external_id (target, "not-the-external-id");
    g_assert_true (drso_store_update_account (store, target, &error));
    g_clear_object (&target_discovery);
    target_discovery = drso_discovery_new (store, drso_account_get_account_id (target), NULL,
                                           client);
    g_clear_object (&result);
    drso_discovery_run_async (target_discovery, NULL, drso_test_done_cb, &result);
    g_assert_false (drso_discovery_run_finish (target_discovery, drso_test_wait_for (&result),
                                               NULL, &error));
    g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "AccessDenied");
    g_clear_error (&error);
  }

  /* A real account becomes the default; two leave the choice to the user. */
  real = drso_account_new ("210987654321", "Production");
  g_assert_true (drso_store_add_account (store, real, &error));
  g_assert_no_error (error);
  fallback = drso_store_dup_default_account (store);
  g_assert_cmpstr (drso_account_get_account_id (fallback), ==, "210987654321");
  other = drso_account_new ("310987654321", "Staging");
  g_assert_true (drso_store_add_account (store, other, &error));
  g_assert_null (drso_store_dup_default_account (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sandbox/identity-and-servers", Fixture, NULL, fixture_set_up,
              test_identity_and_servers, fixture_tear_down);
  g_test_add ("/sandbox/drill", Fixture, NULL, fixture_set_up, test_drill, fixture_tear_down);
  g_test_add ("/sandbox/signatures", Fixture, NULL, fixture_set_up, test_signatures,
              fixture_tear_down);
  g_test_add ("/sandbox/validation", Fixture, NULL, fixture_set_up, test_validation,
              fixture_tear_down);
  g_test_add ("/sandbox/faults", Fixture, NULL, fixture_set_up, test_faults, fixture_tear_down);
  g_test_add_func ("/sandbox/connect", test_connect);
  g_test_add_func ("/sandbox/builtin-account", test_builtin_account);

  return g_test_run ();
}
