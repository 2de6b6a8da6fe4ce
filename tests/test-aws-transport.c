/* test-aws-transport.c
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

/* The AWS transport against a loopback server with canned answers: error
 * shapes of the three protocols, the standard retry mode, timeouts, dropped
 * connections and cancellation. */

#include "config.h"

#include <libsoup/soup.h>

#include "drso.h"
#include "drso-aws-client-private.h"
#include "drso-aws-retry-private.h"
#include "drso-drs.h"
#include "drso-sts.h"
#include "drso-test-util.h"

#define KEY "AKIDTRANSPORTTEST"
#define SECRET "transport-test-secret-4f1c2a"

typedef struct
{
  guint       status;
  const char *body;
  const char *header_name;
  const char *header_value;
  guint       delay_ms;
  gboolean    drop;
} Answer;

typedef struct
{
  SoupServer    *server;
  char          *url;
  GQueue         answers;    /* Answer*, borrowed; the last one repeats */
  GPtrArray     *bodies;     /* char*, the request bodies received */
  guint          requests;
  guint          bad_signatures;
  DrsoAwsClient *client;
  GArray        *delays;     /* double, from the retry signal */
  GMainLoop     *loop;
  GAsyncResult  *result;
} Fixture;

/* A paused answer: sent when its delay ends, dropped if the client hangs up. */
typedef struct
{
  SoupServerMessage *msg;
  guint              source_id;
} Later;

static gboolean
answer_later_cb (gpointer user_data)
{
  Later *later = user_data;

  later->source_id = 0;
  soup_server_message_unpause (later->msg);
  return G_SOURCE_REMOVE;
}

static void
later_disconnected_cb (SoupServerMessage *msg,
                       Later             *later)
{
  g_clear_handle_id (&later->source_id, g_source_remove);
}

static void
later_free (gpointer data)
{
  Later *later = data;

  g_clear_handle_id (&later->source_id, g_source_remove);
  g_free (later);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  const Answer *answer;
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  const char *service = g_str_has_prefix (path, "/Describe") ? "drs" : "sts";

  fixture->requests++;
  g_ptr_array_add (fixture->bodies, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  if (!drso_test_sigv4_verify (msg, KEY, SECRET, "us-east-1", service, NULL))
    fixture->bad_signatures++;

  answer = g_queue_get_length (&fixture->answers) > 1 ? g_queue_pop_head (&fixture->answers)
                                                      : g_queue_peek_head (&fixture->answers);
  g_assert_nonnull (answer);

  if (answer->drop)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }

  soup_server_message_set_status (msg, answer->status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "x-amzn-RequestId", "req-1234");
  if (answer->header_name != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  answer->header_name, answer->header_value);
  soup_server_message_set_response (msg, answer->body && answer->body[0] == '<' ? "text/xml"
                                                                              : "application/json",
                                    SOUP_MEMORY_STATIC, answer->body ? answer->body : "",
                                    answer->body ? strlen (answer->body) : 0);
  if (answer->delay_ms > 0)
    {
      Later *later = g_new0 (Later, 1);

      later->msg = msg;
      later->source_id = g_timeout_add (answer->delay_ms, answer_later_cb, later);
      g_signal_connect (msg, "disconnected", G_CALLBACK (later_disconnected_cb), later);
      g_object_set_data_full (G_OBJECT (msg), "later", later, later_free);
      soup_server_message_pause (msg);
    }
}

static void
retry_cb (DrsoAwsClient *client,
          guint          attempt,
          double         delay,
          GError        *error,
          Fixture       *fixture)
{
  g_array_append_val (fixture->delays, delay);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = drso_test_server_new (FALSE, handler, fixture, &fixture->url);

  g_queue_init (&fixture->answers);
  fixture->bodies = g_ptr_array_new_with_free_func (g_free);
  fixture->delays = g_array_new (FALSE, FALSE, sizeof (double));
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.01);
  g_signal_connect (fixture->client, "retry", G_CALLBACK (retry_cb), fixture);
  fixture->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
  g_queue_clear (&fixture->answers);
  g_ptr_array_unref (fixture->bodies);
  g_array_unref (fixture->delays);
  g_main_loop_unref (fixture->loop);
  g_clear_object (&fixture->result);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
  g_main_loop_quit (fixture->loop);
}

static DrsoAwsContext *
make_context (Fixture *fixture)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (KEY, SECRET, "token-1", 0);

  return drso_aws_context_new (fixture->client, "123456789012", "us-east-1", fixture->url, creds);
}

/* Sends one rest-json DRS call and waits for it. */
static JsonNode *
call_drs (Fixture  *fixture,
          GError  **error)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (KEY, SECRET, NULL, 0);
  g_autoptr(JsonNode) request = json_from_string ("{\"maxResults\": 10}", NULL);
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON,
    .service = "drs",
    .region = "us-east-1",
    .account_endpoint = fixture->url,
    .method = "POST",
    .path = "/DescribeJobs",
    .credentials = creds,
  };

  g_clear_object (&fixture->result);
  _drso_aws_client_json_async (fixture->client, &call, request, NULL, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  return _drso_aws_client_json_finish (fixture->client, fixture->result, error);
}

static void
push (Fixture      *fixture,
      const Answer *answer)
{
  g_queue_push_tail (&fixture->answers, (gpointer) answer);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

/* rest-json error shapes */

typedef struct
{
  const char *name;
  Answer      answer;
  int         code;
  const char *aws_code;
  guint       attempts;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "validation", { 400, "{\"message\":\"Invalid maxResults\",\"code\":\"X\",\"reason\":"
                         "\"fieldValidationFailed\",\"fieldList\":[{\"name\":\"maxResults\","
                         "\"message\":\"too big\"}]}",
                    "X-Amzn-Errortype", "ValidationException:http://internal.amazon.com/" },
    DRSO_AWS_ERROR_VALIDATION, "ValidationException", 1 },
  { "not-found", { 404, "{\"message\":\"No such job\",\"code\":\"ResourceNotFoundException\"}" },
    DRSO_AWS_ERROR_NOT_FOUND, "ResourceNotFoundException", 1 },
  { "conflict", { 409, "{\"message\":\"Server busy\"}", "X-Amzn-Errortype", "ConflictException" },
    DRSO_AWS_ERROR_CONFLICT, "ConflictException", 1 },
  { "quota", { 402, "{\"Message\":\"Too many jobs\",\"__type\":"
                    "\"com.amazonaws.drs#ServiceQuotaExceededException\"}" },
    DRSO_AWS_ERROR_QUOTA, "ServiceQuotaExceededException", 1 },
  { "access-denied", { 403, "{\"message\":\"Not allowed\"}", "X-Amzn-Errortype",
                       "AccessDeniedException" },
    DRSO_AWS_ERROR_ACCESS_DENIED, "AccessDeniedException", 1 },
  { "uninitialized", { 400, "{\"message\":\"Initialize DRS first\",\"code\":"
                            "\"UninitializedAccountException\"}" },
    DRSO_AWS_ERROR_ACCESS_DENIED, "UninitializedAccountException", 1 },
  { "internal", { 500, "{\"message\":\"Oops\"}", "X-Amzn-Errortype", "InternalServerException" },
    DRSO_AWS_ERROR_SERVER, "InternalServerException", 3 },
  { "throttling", { 429, "{\"message\":\"Rate exceeded\"}", "X-Amzn-Errortype",
                    "ThrottlingException" },
    DRSO_AWS_ERROR_THROTTLED, "ThrottlingException", 3 },
  { "no-details", { 503, "<html>gateway</html>" }, DRSO_AWS_ERROR_SERVER, NULL, 3 },
};

static void
test_error_shape (Fixture       *fixture,
                  gconstpointer  data)
{
  const ErrorCase *error_case = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) rebuilt = NULL;

  push (fixture, &error_case->answer);
  answer = call_drs (fixture, &error);
  g_assert_null (answer);
  g_assert_error (error, DRSO_AWS_ERROR, error_case->code);
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, error_case->aws_code);
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, error_case->answer.status);
  g_assert_cmpstr (drso_aws_error_get_request_id (error), ==, "req-1234");
  g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, error_case->attempts);
  g_assert_cmpuint (fixture->requests, ==, error_case->attempts);
  g_assert_cmpuint (fixture->bad_signatures, ==, 0);
  g_assert_null (strstr (error->message, SECRET));

  /* A binding keeps the message only; the details come back from it. */
  rebuilt = g_error_new_literal (error->domain, error->code, error->message);
  g_assert_cmpstr (drso_aws_error_get_aws_code (rebuilt), ==, error_case->aws_code);
  g_assert_cmpuint (drso_aws_error_get_status (rebuilt), ==, error_case->answer.status);
  g_assert_cmpstr (drso_aws_error_get_request_id (rebuilt), ==, "req-1234");
}

static void
test_error_parsing (void)
{
  g_autoptr(GBytes) body = bytes_of ("{\"code\":\"BodyCode\",\"message\":\"m\"}");
  g_autoptr(GBytes) type = bytes_of ("{\"__type\":\"aws.protocoltests#FooError:x\"}");
  g_autoptr(GBytes) ec2 = NULL;
  g_autoptr(GBytes) sts = NULL;
  g_autoptr(GBytes) garbage = bytes_of ("<Response><Errors>");
  char *code = NULL, *message = NULL, *request_id = NULL;

  /* The header wins over the body. */
  g_assert_true (_drso_aws_parse_json_error ("HeaderCode:http://x", body, &code, &message));
  g_assert_cmpstr (code, ==, "HeaderCode");
  g_assert_cmpstr (message, ==, "m");
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&message, g_free);

  g_assert_true (_drso_aws_parse_json_error (NULL, body, &code, &message));
  g_assert_cmpstr (code, ==, "BodyCode");
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&message, g_free);

  /* __type: before the first ':' then after the last '#'. */
  g_assert_true (_drso_aws_parse_json_error (NULL, type, &code, &message));
  g_assert_cmpstr (code, ==, "FooError");
  g_assert_null (message);
  g_clear_pointer (&code, g_free);

  ec2 = bytes_of ("<?xml version=\"1.0\"?><Response><Errors><Error><Code>"
                            "InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does "
                            "not exist</Message></Error></Errors><RequestID>ea966190</RequestID>"
                            "</Response>");
  g_assert_true (_drso_aws_parse_xml_error (ec2, &code, &message, &request_id));
  g_assert_cmpstr (code, ==, "InvalidInstanceID.NotFound");
  g_assert_cmpstr (request_id, ==, "ea966190");
  g_assert_nonnull (strstr (message, "i-1"));
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&request_id, g_free);

  sts = bytes_of ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            "<Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no"
                            "</Message></Error><RequestId>abc</RequestId></ErrorResponse>");
  g_assert_true (_drso_aws_parse_xml_error (sts, &code, &message, &request_id));
  g_assert_cmpstr (code, ==, "AccessDenied");
  g_assert_cmpstr (request_id, ==, "abc");
  g_clear_pointer (&code, g_free);
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&request_id, g_free);

  g_assert_false (_drso_aws_parse_xml_error (garbage, &code, &message, &request_id));
  g_assert_null (code);
}

/* Retries */

static void
test_throttle_then_success (Fixture       *fixture,
                            gconstpointer  data)
{
  static const Answer throttled = { 429, "{\"message\":\"slow down\"}", "X-Amzn-Errortype",
                                    "ThrottlingException" };
  static const Answer ok = { 200, "{\"items\":[]}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  push (fixture, &throttled);
  push (fixture, &ok);
  answer = call_drs (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_assert_cmpuint (fixture->delays->len, ==, 1);
  /* First retry: between 0 and 1 s, scaled. */
  g_assert_cmpfloat (g_array_index (fixture->delays, double, 0), <=, 1.0 * 0.01);
  /* The tokens the retry took came back. */
  g_assert_cmpuint (drso_aws_client_get_retry_quota (fixture->client), ==, 500);
}

static void
test_exhausted_attempts (Fixture       *fixture,
                         gconstpointer  data)
{
  static const Answer failing = { 500, "{\"message\":\"boom\"}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  drso_aws_client_set_max_attempts (fixture->client, 5);
  push (fixture, &failing);
  answer = call_drs (fixture, &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_SERVER);
  g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 5);
  g_assert_cmpuint (fixture->requests, ==, 5);
  g_assert_cmpuint (fixture->delays->len, ==, 4);
  /* Full jitter: attempt n waits at most min (2^(n-1), 20) s. */
  for (guint i = 0; i < fixture->delays->len; i++)
    {
      double delay = g_array_index (fixture->delays, double, i);

      g_assert_cmpfloat (delay, >=, 0);
      g_assert_cmpfloat (delay, <=, MIN (1 << i, 20) * 0.01 + 1e-9);
    }
  /* Four retries took 4 × 5 tokens, and nothing gave them back. */
  g_assert_cmpuint (drso_aws_client_get_retry_quota (fixture->client), ==, 480);
}

static void
test_quota_runs_dry (Fixture       *fixture,
                     gconstpointer  data)
{
  static const Answer failing = { 503, "{}" };
  guint requests_before;

  drso_aws_client_set_backoff_scale (fixture->client, 0);
  push (fixture, &failing);

  /* Each failed call with two retries takes 10 tokens: 500 are gone after 50. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) answer = call_drs (fixture, &error);

      g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_SERVER);
      g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 3);
    }
  g_assert_cmpuint (drso_aws_client_get_retry_quota (fixture->client), ==, 0);

  requests_before = fixture->requests;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) answer = call_drs (fixture, &error);

    g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_SERVER);
    g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 1);
    g_assert_cmpuint (fixture->requests, ==, requests_before + 1);
  }
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  static const Answer throttled = { 429, "{\"message\":\"wait\",\"code\":\"ThrottlingException\"}",
                                    "Retry-After", "3" };
  static const Answer ok = { 200, "{}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  push (fixture, &throttled);
  push (fixture, &ok);
  answer = call_drs (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->delays->len, ==, 1);
  /* The server's 3 s beat the jitter's at most 1 s. */
  g_assert_cmpfloat (g_array_index (fixture->delays, double, 0), >=, 3 * 0.01 - 1e-9);
}

static void
test_retry_rules (void)
{
  DrsoRetryQuota quota;
  guint taken = 0;

  g_assert_cmpint (_drso_retry_classify (500, NULL, FALSE, FALSE), ==, DRSO_RETRY_TRANSIENT);
  g_assert_cmpint (_drso_retry_classify (502, NULL, FALSE, FALSE), ==, DRSO_RETRY_TRANSIENT);
  g_assert_cmpint (_drso_retry_classify (501, NULL, FALSE, FALSE), ==, DRSO_RETRY_NO);
  g_assert_cmpint (_drso_retry_classify (400, "RequestTimeout", FALSE, FALSE), ==,
                   DRSO_RETRY_TRANSIENT);
  g_assert_cmpint (_drso_retry_classify (400, "RequestLimitExceeded", FALSE, FALSE), ==,
                   DRSO_RETRY_THROTTLE);
  g_assert_cmpint (_drso_retry_classify (400, "EC2ThrottledException", FALSE, FALSE), ==,
                   DRSO_RETRY_THROTTLE);
  g_assert_cmpint (_drso_retry_classify (400, "ValidationException", FALSE, FALSE), ==,
                   DRSO_RETRY_NO);
  g_assert_cmpint (_drso_retry_classify (0, NULL, TRUE, FALSE), ==, DRSO_RETRY_TRANSIENT);
  g_assert_cmpint (_drso_retry_classify (0, NULL, TRUE, TRUE), ==, DRSO_RETRY_TIMEOUT);

  _drso_retry_quota_init (&quota);
  g_assert_true (_drso_retry_quota_acquire (&quota, DRSO_RETRY_THROTTLE, &taken));
  g_assert_true (_drso_retry_quota_acquire (&quota, DRSO_RETRY_TIMEOUT, &taken));
  g_assert_cmpuint (taken, ==, 15);
  g_assert_cmpuint (quota.available, ==, 485);
  _drso_retry_quota_release (&quota, taken);
  g_assert_cmpuint (quota.available, ==, 500);
  _drso_retry_quota_release (&quota, 0);
  g_assert_cmpuint (quota.available, ==, 500);

  quota.available = 7;
  taken = 0;
  g_assert_false (_drso_retry_quota_acquire (&quota, DRSO_RETRY_TIMEOUT, &taken));
  g_assert_true (_drso_retry_quota_acquire (&quota, DRSO_RETRY_TRANSIENT, &taken));
  g_assert_false (_drso_retry_quota_acquire (&quota, DRSO_RETRY_TRANSIENT, &taken));

  g_assert_cmpfloat (_drso_retry_delay (1, 1.0, 0), ==, 1.0);
  g_assert_cmpfloat (_drso_retry_delay (3, 1.0, 0), ==, 4.0);
  g_assert_cmpfloat (_drso_retry_delay (10, 1.0, 0), ==, 20.0);
  g_assert_cmpfloat (_drso_retry_delay (1, 0.0, 0), ==, 0.0);
  g_assert_cmpfloat (_drso_retry_delay (1, 0.5, 7), ==, 7.0);
  g_assert_cmpfloat (_drso_retry_delay (1, 0.5, 90), ==, 20.0);

  g_assert_cmpuint (_drso_retry_max_attempts (NULL), ==, 3);
  g_assert_cmpuint (_drso_retry_max_attempts ("7"), ==, 7);
  g_assert_cmpuint (_drso_retry_max_attempts ("zero"), ==, 3);
  g_assert_cmpuint (_drso_retry_max_attempts ("0"), ==, 3);
}

/* Answers that cannot be read, slow and missing answers, cancellation */

static void
test_malformed_json (Fixture       *fixture,
                     gconstpointer  data)
{
  static const Answer truncated = { 200, "{\"items\": [ {\"sourceServerID\": \"s-1" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  push (fixture, &truncated);
  answer = call_drs (fixture, &error);
  g_assert_null (answer);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  static const Answer slow = { 200, "{}", NULL, NULL, 2500 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  drso_aws_client_set_timeout (fixture->client, 1);
  drso_aws_client_set_max_attempts (fixture->client, 2);
  push (fixture, &slow);
  answer = call_drs (fixture, &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_TIMEOUT);
  g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 2);
  /* A timed-out retry costs 10 tokens. */
  g_assert_cmpuint (drso_aws_client_get_retry_quota (fixture->client), ==, 490);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  static const Answer dropped = { 0, NULL, NULL, NULL, 0, TRUE };
  static const Answer ok = { 200, "{\"ok\":true}" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  push (fixture, &dropped);
  push (fixture, &ok);
  answer = call_drs (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 2);

  g_clear_pointer (&answer, json_node_unref);
  g_queue_clear (&fixture->answers);
  push (fixture, &dropped);
  answer = call_drs (fixture, &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK);
  g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 3);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_in_flight (Fixture       *fixture,
                       gconstpointer  data)
{
  static const Answer slow = { 200, "{}", NULL, NULL, 3000 };
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (KEY, SECRET, NULL, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON, .service = "drs", .region = "us-east-1",
    .account_endpoint = fixture->url, .method = "POST", .path = "/DescribeJobs",
    .credentials = creds,
  };

  push (fixture, &slow);
  g_timeout_add (100, cancel_cb, cancellable);
  _drso_aws_client_send_async (fixture->client, &call, cancellable, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  body = _drso_aws_client_send_finish (fixture->client, fixture->result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_cancel_in_backoff (Fixture       *fixture,
                        gconstpointer  data)
{
  static const Answer throttled = { 429, "{\"code\":\"ThrottlingException\"}", "Retry-After",
                                    "10" };
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (KEY, SECRET, NULL, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_REST_JSON, .service = "drs", .region = "us-east-1",
    .account_endpoint = fixture->url, .method = "POST", .path = "/DescribeJobs",
    .credentials = creds,
  };

  /* Ten seconds of backoff at full scale: cancelling must not wait for it. */
  drso_aws_client_set_backoff_scale (fixture->client, 1.0);
  push (fixture, &throttled);
  g_timeout_add (300, cancel_cb, cancellable);
  _drso_aws_client_send_async (fixture->client, &call, cancellable, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  body = _drso_aws_client_send_finish (fixture->client, fixture->result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->requests, ==, 1);
}

/* Endpoints */

static void
test_endpoints (void)
{
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autofree char *plain = NULL, *global = NULL, *service = NULL, *account = NULL, *ignored = NULL;

  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_DRS");
  plain = drso_aws_client_dup_endpoint (client, "drs", "eu-west-1", NULL);
  g_assert_cmpstr (plain, ==, "https://drs.eu-west-1.amazonaws.com");

  g_setenv ("AWS_ENDPOINT_URL", "http://localhost:4566/", TRUE);
  global = drso_aws_client_dup_endpoint (client, "ec2", "eu-west-1", NULL);
  g_assert_cmpstr (global, ==, "http://localhost:4566");

  g_setenv ("AWS_ENDPOINT_URL_DRS", "http://127.0.0.1:9000", TRUE);
  service = drso_aws_client_dup_endpoint (client, "drs", "eu-west-1", NULL);
  g_assert_cmpstr (service, ==, "http://127.0.0.1:9000");

  account = drso_aws_client_dup_endpoint (client, "drs", "eu-west-1", "http://127.0.0.1:7000");
  g_assert_cmpstr (account, ==, "http://127.0.0.1:7000");

  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", TRUE);
  ignored = drso_aws_client_dup_endpoint (client, "drs", "eu-west-1", NULL);
  g_assert_cmpstr (ignored, ==, "https://drs.eu-west-1.amazonaws.com");

  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_DRS");
  g_unsetenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
}

/* Service calls */

static void
test_sts (Fixture       *fixture,
          gconstpointer  data)
{
  static const Answer identity = {
    200, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
         "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
         "<UserId>AIDA123</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
         "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
         "</GetCallerIdentityResponse>"
  };
  static const Answer assumed = {
    200, "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIA1</AccessKeyId>"
         "<SecretAccessKey>s3cr3t</SecretAccessKey><SessionToken>tok</SessionToken>"
         "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>"
         "<AssumedRoleId>AROA:drs</AssumedRoleId><Arn>arn:aws:sts::210987654321:assumed-role/"
         "DRS/drs</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>"
  };
  static const Answer denied = {
    403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is "
         "not authorized to perform sts:AssumeRole</Message></Error><RequestId>r2</RequestId>"
         "</ErrorResponse>"
  };
  static const Answer broken = { 200, "<AssumeRoleResponse><AssumeRoleResult><Credent" };
  g_autoptr(DrsoAwsContext) context = make_context (fixture);
  g_autoptr(DrsoCallerIdentity) caller = NULL;
  g_autoptr(DrsoAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;

  push (fixture, &identity);
  drso_sts_get_caller_identity_async (context, NULL, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  caller = drso_sts_get_caller_identity_finish (context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_caller_identity_get_account (caller), ==, "123456789012");
  g_assert_cmpstr (drso_caller_identity_get_arn (caller), ==,
                   "arn:aws:iam::123456789012:user/alice");
  g_assert_cmpstr (g_ptr_array_index (fixture->bodies, 0), ==,
                   "Action=GetCallerIdentity&Version=2011-06-15");

  g_queue_clear (&fixture->answers);
  push (fixture, &assumed);
  g_clear_object (&fixture->result);
  drso_sts_assume_role_async (context, "arn:aws:iam::210987654321:role/DRS", "ext id/1",
                              "drs", 900, NULL, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  creds = drso_sts_assume_role_finish (context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (creds), ==, "ASIA1");
  g_assert_cmpstr (drso_aws_credentials_get_session_token (creds), ==, "tok");
  g_assert_cmpint (drso_aws_credentials_get_expiration (creds), ==, 1893456000);
  g_assert_cmpstr (drso_aws_credentials_get_account_id (creds), ==, "210987654321");
  body = g_ptr_array_index (fixture->bodies, 1);
  g_assert_nonnull (strstr (body, "RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2FDRS"));
  g_assert_nonnull (strstr (body, "ExternalId=ext%20id%2F1"));
  g_assert_nonnull (strstr (body, "DurationSeconds=900"));

  g_queue_clear (&fixture->answers);
  push (fixture, &denied);
  g_clear_object (&fixture->result);
  g_clear_pointer (&creds, drso_aws_credentials_unref);
  drso_sts_assume_role_async (context, "arn:aws:iam::210987654321:role/DRS", NULL, NULL, 0,
                              NULL, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  creds = drso_sts_assume_role_finish (context, fixture->result, &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "AccessDenied");
  g_assert_cmpstr (drso_aws_error_get_request_id (error), ==, "r2");
  g_clear_error (&error);

  g_queue_clear (&fixture->answers);
  push (fixture, &broken);
  g_clear_object (&fixture->result);
  drso_sts_assume_role_async (context, "arn:aws:iam::210987654321:role/DRS", NULL, NULL, 0,
                              NULL, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  creds = drso_sts_assume_role_finish (context, fixture->result, &error);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED);
  g_assert_cmpuint (fixture->bad_signatures, ==, 0);
}

static void
test_drs_pagination (Fixture       *fixture,
                     gconstpointer  data)
{
  static const Answer page1 = {
    200, "{\"items\":[{\"sourceServerID\":\"s-1111111111111111a\",\"arn\":\"arn:aws:drs:x\","
         "\"tags\":{\"Tier\":\"db\"},\"sourceProperties\":{\"identificationHints\":{\"hostname\":"
         "\"db-1\"},\"recommendedInstanceType\":\"r5.xlarge\",\"networkInterfaces\":[{\"ips\":"
         "[\"10.0.1.10\"]}],\"os\":{\"fullString\":\"Linux\"}},\"dataReplicationInfo\":"
         "{\"dataReplicationState\":\"CONTINUOUS\",\"lagDuration\":\"PT1M30S\"},"
         "\"lastLaunchResult\":\"SUCCEEDED\",\"lifeCycle\":{\"lastLaunch\":{\"initiated\":"
         "{\"apiCallDateTime\":\"2026-01-15T10:00:00Z\"}}}}],\"nextToken\":\"t2\"}"
  };
  static const Answer page2 = {
    200, "{\"items\":[{\"sourceServerID\":\"s-2222222222222222b\"}],\"nextToken\":\"t3\"}"
  };
  static const Answer page3 = { 200, "{\"items\":[]}" };
  g_autoptr(DrsoAwsContext) context = make_context (fixture);
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  DrsoSourceServer *first;

  push (fixture, &page1);
  push (fixture, &page2);
  push (fixture, &page3);
  drso_drs_describe_source_servers_async (context, NULL, got_result_cb, fixture);
  g_main_loop_run (fixture->loop);
  servers = drso_drs_describe_source_servers_finish (context, fixture->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (servers->len, ==, 2);
  g_assert_cmpuint (fixture->requests, ==, 3);
  g_assert_null (strstr (g_ptr_array_index (fixture->bodies, 0), "nextToken"));
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->bodies, 1), "\"nextToken\":\"t2\""));
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->bodies, 2), "\"nextToken\":\"t3\""));

  first = g_ptr_array_index (servers, 0);
  g_assert_cmpstr (drso_source_server_get_hostname (first), ==, "db-1");
  g_assert_cmpstr (drso_source_server_get_account_id (first), ==, "123456789012");
  g_assert_cmpstr (drso_source_server_get_region (first), ==, "us-east-1");
  g_assert_cmpstr (drso_source_server_get_replication_state (first), ==, "CONTINUOUS");
  g_assert_cmpint (drso_source_server_get_lag_seconds (first), ==, 90);
  g_assert_cmpstr (drso_source_server_get_private_ip (first), ==, "10.0.1.10");
  g_assert_cmpstr (drso_source_server_get_instance_type (first), ==, "r5.xlarge");
  g_assert_cmpstr (drso_source_server_get_tag (first, "Tier"), ==, "db");
  g_assert_cmpint (drso_source_server_get_last_launch_date (first), ==, 1768471200);
  g_assert_cmpint (drso_source_server_get_lag_seconds (g_ptr_array_index (servers, 1)), ==, -1);
  g_assert_cmpuint (fixture->bad_signatures, ==, 0);
}

static void
test_drs_bad_items (Fixture       *fixture,
                    gconstpointer  data)
{
  static const Answer not_list = { 200, "{\"items\":{\"a\":1}}" };
  static const Answer bad_id = { 200, "{\"items\":[{\"sourceServerID\":\"nope\"}]}" };
  static const Answer loop = { 200, "{\"items\":[],\"nextToken\":\"same\"}" };
  const Answer *answers[] = { &not_list, &bad_id, &loop };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(DrsoAwsContext) context = make_context (fixture);
      g_autoptr(GPtrArray) servers = NULL;
      g_autoptr(GError) error = NULL;

      g_queue_clear (&fixture->answers);
      push (fixture, answers[i]);
      g_clear_object (&fixture->result);
      drso_drs_describe_source_servers_async (context, NULL, got_result_cb, fixture);
      g_main_loop_run (fixture->loop);
      servers = drso_drs_describe_source_servers_finish (context, fixture->result, &error);
      g_assert_null (servers);
      g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("AWS_MAX_ATTEMPTS");

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/aws/transport/error/%s", error_cases[i].name);
      g_test_add (path, Fixture, &error_cases[i], fixture_set_up, test_error_shape,
                  fixture_tear_down);
    }
  g_test_add_func ("/aws/transport/error-parsing", test_error_parsing);
  g_test_add_func ("/aws/transport/retry-rules", test_retry_rules);
  g_test_add_func ("/aws/transport/endpoints", test_endpoints);
#define ADD(name, func) g_test_add ("/aws/transport/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("throttle-then-success", test_throttle_then_success);
  ADD ("exhausted-attempts", test_exhausted_attempts);
  ADD ("quota-runs-dry", test_quota_runs_dry);
  ADD ("retry-after", test_retry_after);
  ADD ("malformed-json", test_malformed_json);
  ADD ("timeout", test_timeout);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("cancel-in-flight", test_cancel_in_flight);
  ADD ("cancel-in-backoff", test_cancel_in_backoff);
  ADD ("sts", test_sts);
  ADD ("drs-pagination", test_drs_pagination);
  ADD ("drs-bad-items", test_drs_bad_items);
#undef ADD

  return g_test_run ();
}
