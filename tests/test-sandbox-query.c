/* test-sandbox-query.c
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

/* The Sandbox's EC2 and STS query services: the XML writer and its
 * escaping, flattened lists and filters, every action's answer and errors
 * over a world in memory, read back with the project's own EC2 and STS
 * parsers and, where python3-botocore is installed, with botocore's. */

#include "config.h"

#include "drso-test-util.h"
#include "drso-aws-xml-private.h"
#include "drso-ec2-parse-private.h"
#include "drso-ec2-types-private.h"
#include "drso-sandbox.h"
#include "drso-sandbox-query-private.h"

#define HOSTILE "<&>\"' ]]> \r\n\t"

/* Helpers */

/* A form from name, value, …, NULL. */
static GHashTable *
form (const char *first,
      ...)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name = first;
  va_list args;

  va_start (args, first);
  while (name != NULL)
    {
      g_hash_table_replace (params, g_strdup (name), g_strdup (va_arg (args, const char *)));
      name = va_arg (args, const char *);
    }
  va_end (args);
  return params;
}

typedef struct
{
  guint        status;
  GBytes      *body;
  DrsoXmlNode *root;
} Answer;

static void
answer_free (Answer *answer)
{
  g_bytes_unref (answer->body);
  _drso_xml_free (answer->root);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

/* Takes the reply: checks its type and that it parses. */
static Answer *
answer_take (DrsoSandboxQueryReply *reply)
{
  g_autoptr(GError) error = NULL;
  Answer *answer = g_new0 (Answer, 1);
  gsize length;
  const char *data;

  g_assert_cmpstr (reply->content_type, ==, "text/xml;charset=UTF-8");
  g_assert_nonnull (reply->body);
  answer->status = reply->status;
  answer->body = g_steal_pointer (&reply->body);
  data = g_bytes_get_data (answer->body, &length);
  g_assert_true (g_str_has_prefix (data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  answer->root = _drso_xml_parse (data, length, &error);
  g_assert_no_error (error);
  drso_sandbox_query_reply_clear (reply);
  return answer;
}

static Answer *
call_ec2 (DrsoSandboxWorld          *world,
          const DrsoSandboxIdentity *caller,
          GHashTable                *params)
{
  g_autoptr(GHashTable) owned = params;
  DrsoSandboxQueryReply reply = { 0, };

  drso_sandbox_ec2_handle (world, caller, params, "req-ec2-1", &reply);
  return answer_take (&reply);
}

static Answer *
call_sts (DrsoSandboxWorld          *world,
          const DrsoSandboxIdentity *caller,
          GHashTable                *params)
{
  g_autoptr(GHashTable) owned = params;
  DrsoSandboxQueryReply reply = { 0, };

  drso_sandbox_sts_handle (world, caller, params, "req-sts-1", &reply);
  return answer_take (&reply);
}

#define ec2(world, caller, ...) \
  call_ec2 ((world), (caller), form ("Version", "2016-11-15", __VA_ARGS__))
#define sts(world, caller, ...) \
  call_sts ((world), (caller), form ("Version", "2011-06-15", __VA_ARGS__))

static void
assert_ec2_error (Answer     *answer,
                  guint       status,
                  const char *code)
{
  g_assert_cmpstr (answer->root->name, ==, "Response");
  g_assert_cmpstr (_drso_xml_text (answer->root, "Errors/Error/Code"), ==, code);
  g_assert_nonnull (_drso_xml_text (answer->root, "Errors/Error/Message"));
  g_assert_cmpstr (_drso_xml_text (answer->root, "RequestID"), ==, "req-ec2-1");
  g_assert_cmpuint (answer->status, ==, status);
}

static void
assert_sts_error (Answer     *answer,
                  guint       status,
                  const char *code)
{
  g_assert_cmpstr (answer->root->name, ==, "ErrorResponse");
  g_assert_cmpstr (_drso_xml_text (answer->root, "Error/Type"), ==,
                   status >= 500 ? "Receiver" : "Sender");
  g_assert_cmpstr (_drso_xml_text (answer->root, "Error/Code"), ==, code);
  g_assert_nonnull (_drso_xml_text (answer->root, "Error/Message"));
  g_assert_cmpstr (_drso_xml_text (answer->root, "RequestId"), ==, "req-sts-1");
  g_assert_cmpuint (answer->status, ==, status);
}

static const char *
error_message (Answer *answer)
{
  const char *message = _drso_xml_text (answer->root, "Errors/Error/Message");

  return message ? message : _drso_xml_text (answer->root, "Error/Message");
}

/* Reads a page with the project's EC2 parser. */
static GPtrArray *
parse_page (Answer              *answer,
            const char          *action,
            const char          *list,
            DrsoEc2ParseItemFunc parse_item,
            char               **next_token)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *token = NULL;

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_true (_drso_ec2_parse_page (answer->body, action, list, parse_item, results,
                                       &token, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (_drso_xml_text (answer->root, "requestId"), ==, "req-ec2-1");
  if (next_token != NULL)
    *next_token = g_steal_pointer (&token);
  return results;
}

/* botocore, as an independent reader: parses @body as the answer to
 * @operation of @service and prints it as JSON. */
static const char botocore_script[] =
  "import sys, json\n"
  "import botocore.session, botocore.parsers\n"
  "service, operation, status = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
  "model = botocore.session.get_session().get_service_model(service)\n"
  "op = model.operation_model(operation)\n"
  "parser = botocore.parsers.create_parser(model.metadata['protocol'])\n"
  "parsed = parser.parse({'body': sys.stdin.buffer.read(), 'headers': {},\n"
  "                       'status_code': status}, op.output_shape)\n"
  "print(json.dumps(parsed, default=str))\n";

static gboolean
have_botocore (void)
{
  static int have = -1;

  if (have < 0)
    {
      g_autofree char *python = g_find_program_in_path ("python3");
      int status = 1;

      have = python != NULL &&
             g_spawn_sync (NULL, (char *[]) { python, "-c", "import botocore.parsers", NULL },
                           NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                           NULL, NULL, NULL, NULL, &status, NULL) &&
             g_spawn_check_wait_status (status, NULL);
    }
  return have;
}

/* botocore's reading of @answer, or NULL (test skipped) without it. */
static JsonObject *
botocore_parse (Answer     *answer,
                const char *service,
                const char *operation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *status = g_strdup_printf ("%u", answer->status);

  if (!have_botocore ())
    {
      g_test_skip ("python3-botocore is not installed");
      return NULL;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, "python3", "-c", botocore_script, service, operation,
                              status, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, answer->body, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  json_parser_load_from_data (parser, g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                              &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Pure parts */

static void
test_xml_escape (void)
{
  g_autofree char *plain = drso_sandbox_xml_escape ("abc é €");
  g_autofree char *specials = drso_sandbox_xml_escape ("<&>\"'");
  g_autofree char *controls = drso_sandbox_xml_escape ("a\001b\rc\n\td\xef\xbf\xbe");
  g_autofree char *broken = drso_sandbox_xml_escape ("ok\xff\xfe!");

  g_assert_cmpstr (plain, ==, "abc é €");
  g_assert_cmpstr (specials, ==, "&lt;&amp;&gt;&quot;&apos;");
  g_assert_cmpstr (controls, ==, "a\xef\xbf\xbd" "b&#13;c\n\td\xef\xbf\xbd");
  g_assert_true (g_utf8_validate (broken, -1, NULL));
  g_assert_true (g_str_has_prefix (broken, "ok"));
  g_assert_true (g_str_has_suffix (broken, "!"));
}

static void
test_xml_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoXmlNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  DrsoSandboxXml *xml = drso_sandbox_xml_new ("TopResponse", "urn:x");
  const char *text;

  drso_sandbox_xml_text (xml, "requestId", "r1");
  drso_sandbox_xml_open (xml, "emptySet");
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_open (xml, "itemSet");
  drso_sandbox_xml_leaves (xml, "item", "key", HOSTILE, "value", "", "skipped", NULL, NULL);
  drso_sandbox_xml_leaves (xml, NULL, "count", "42", "flag", "true", NULL);
  bytes = drso_sandbox_xml_end (xml);   /* closes itemSet and the root */

  text = g_bytes_get_data (bytes, NULL);
  g_assert_nonnull (strstr (text, "<TopResponse xmlns=\"urn:x\">"));
  g_assert_nonnull (strstr (text, "<emptySet/>"));
  g_assert_nonnull (strstr (text, "<value/>"));
  g_assert_null (strstr (text, "skipped"));
  g_assert_true (g_str_has_suffix (text, "</itemSet>\n</TopResponse>\n"));

  root = _drso_xml_parse (text, g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root->name, ==, "TopResponse");
  g_assert_cmpstr (_drso_xml_text (root, "requestId"), ==, "r1");
  g_assert_cmpstr (_drso_xml_text (root, "itemSet/item/key"), ==, HOSTILE);
  g_assert_cmpstr (_drso_xml_text (root, "itemSet/item/value"), ==, "");
  g_assert_cmpstr (_drso_xml_text (root, "itemSet/count"), ==, "42");
  g_assert_cmpstr (_drso_xml_text (root, "itemSet/flag"), ==, "true");
}

static void
test_time (void)
{
  g_autofree char *with_ms = drso_sandbox_query_format_time (1767323045678901, TRUE);
  g_autofree char *without = drso_sandbox_query_format_time (1767323045678901, FALSE);
  g_autofree char *epoch = drso_sandbox_query_format_time (0, TRUE);

  g_assert_cmpstr (with_ms, ==, "2026-01-02T03:04:05.678Z");
  g_assert_cmpstr (without, ==, "2026-01-02T03:04:05Z");
  g_assert_cmpstr (epoch, ==, "1970-01-01T00:00:00.000Z");
}

static void
test_request_id (void)
{
  g_autofree char *given = drso_sandbox_query_request_id ("abc");
  g_autofree char *made = drso_sandbox_query_request_id (NULL);
  g_autofree char *made_too = drso_sandbox_query_request_id ("");

  g_assert_cmpstr (given, ==, "abc");
  g_assert_true (g_uuid_string_is_valid (made));
  g_assert_true (g_uuid_string_is_valid (made_too));
  g_assert_cmpstr (made, !=, made_too);
}

static void
test_params_list (void)
{
  g_autoptr(GHashTable) params = form ("InstanceId.3", "c", "InstanceId.1", "a",
                                       "InstanceId.10", "d", "InstanceId.2", "b",
                                       "InstanceId.0", "zero", "InstanceId.01", "padded",
                                       "InstanceId.x", "letter", "InstanceIdX.1", "other",
                                       "InstanceId", "bare", NULL);
  g_auto(GStrv) ids = drso_sandbox_query_get_list (params, "InstanceId");
  g_auto(GStrv) none = drso_sandbox_query_get_list (params, "GroupId");
  const char * const expected[] = { "a", "b", "c", "d", NULL };

  drso_test_assert_strv ((const char * const *) ids, expected);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpstr (drso_sandbox_query_get (params, "InstanceId.1"), ==, "a");
  g_assert_null (drso_sandbox_query_get (params, "Missing"));
  g_assert_null (drso_sandbox_query_get (NULL, "Missing"));
}

static void
test_params_filters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = form ("Filter.2.Name", "tag:Name", "Filter.2.Value.2", "y",
                                       "Filter.2.Value.1", "x", "Filter.1.Name", "vpc-id",
                                       "Filter.1.Value.1", "vpc-1", NULL);
  g_autoptr(GHashTable) no_name = form ("Filter.1.Value.1", "x", NULL);
  g_autoptr(GHashTable) no_values = form ("Filter.1.Name", "vpc-id", NULL);
  g_autoptr(GPtrArray) filters = drso_sandbox_query_get_filters (params, &error);
  g_autoptr(GPtrArray) failed = NULL;
  DrsoSandboxQueryFilter *filter;

  g_assert_no_error (error);
  g_assert_cmpuint (filters->len, ==, 2);
  filter = g_ptr_array_index (filters, 0);
  g_assert_cmpstr (filter->name, ==, "vpc-id");
  drso_test_assert_strv ((const char * const *) filter->values,
                         (const char * const[]) { "vpc-1", NULL });
  filter = g_ptr_array_index (filters, 1);
  g_assert_cmpstr (filter->name, ==, "tag:Name");
  drso_test_assert_strv ((const char * const *) filter->values,
                         (const char * const[]) { "x", "y", NULL });

  failed = drso_sandbox_query_get_filters (no_name, &error);
  g_assert_null (failed);
  drso_test_assert_error_names (error, DRSO_SANDBOX_QUERY_ERROR,
                                DRSO_SANDBOX_QUERY_ERROR_MISSING_PARAMETER, "Filter.1.Name");
  g_clear_error (&error);
  failed = drso_sandbox_query_get_filters (no_values, &error);
  g_assert_null (failed);
  drso_test_assert_error_names (error, DRSO_SANDBOX_QUERY_ERROR,
                                DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE, "vpc-id");
}

static void
test_params_names (void)
{
  const char * const patterns[] = { "InstanceId.#", "Filter.#.Value.#", "DryRun", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) good = form ("Action", "X", "Version", "1", "InstanceId.12", "i",
                                     "Filter.3.Value.1", "v", "DryRun", "false",
                                     "X-Amz-Date", "20260101T000000Z", NULL);
  g_autoptr(GHashTable) unknown = form ("InstanceIds.1", "i", NULL);
  g_autoptr(GHashTable) zero = form ("InstanceId.0", "i", NULL);
  g_autoptr(GHashTable) trailing = form ("InstanceId.1.x", "i", NULL);

  g_assert_true (drso_sandbox_query_check_names (good, patterns, &error));
  g_assert_no_error (error);
  g_assert_false (drso_sandbox_query_check_names (unknown, patterns, &error));
  drso_test_assert_error_names (error, DRSO_SANDBOX_QUERY_ERROR,
                                DRSO_SANDBOX_QUERY_ERROR_UNKNOWN_PARAMETER, "InstanceIds.1");
  g_clear_error (&error);
  g_assert_false (drso_sandbox_query_check_names (zero, patterns, &error));
  g_clear_error (&error);
  g_assert_false (drso_sandbox_query_check_names (trailing, patterns, &error));
}

static void
test_params_scalars (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = form ("Yes", "true", "No", "FALSE", "Bad", "1",
                                       "Max", "50", "Small", "2", "Text", "5x", NULL);
  gboolean value, present;
  gint64 number;

  g_assert_true (drso_sandbox_query_get_bool (params, "Yes", FALSE, &value, &error));
  g_assert_true (value);
  g_assert_true (drso_sandbox_query_get_bool (params, "No", TRUE, &value, &error));
  g_assert_false (value);
  g_assert_true (drso_sandbox_query_get_bool (params, "Absent", TRUE, &value, &error));
  g_assert_true (value);
  g_assert_false (drso_sandbox_query_get_bool (params, "Bad", FALSE, &value, &error));
  g_assert_error (error, DRSO_SANDBOX_QUERY_ERROR, DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE);
  g_clear_error (&error);

  g_assert_true (drso_sandbox_query_get_int (params, "Max", 5, 1000, &number, &present, &error));
  g_assert_true (present);
  g_assert_cmpint (number, ==, 50);
  g_assert_true (drso_sandbox_query_get_int (params, "Absent", 5, 1000, &number, &present,
                                             &error));
  g_assert_false (present);
  g_assert_false (drso_sandbox_query_get_int (params, "Small", 5, 1000, &number, &present,
                                              &error));
  drso_test_assert_error_names (error, DRSO_SANDBOX_QUERY_ERROR,
                                DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE, "( 2 )");
  g_clear_error (&error);
  g_assert_false (drso_sandbox_query_get_int (params, "Text", 5, 1000, &number, &present,
                                              &error));
  g_assert_error (error, DRSO_SANDBOX_QUERY_ERROR, DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE);
}

static void
test_match (void)
{
  g_assert_true (drso_sandbox_query_match ("web-01", "web-01"));
  g_assert_false (drso_sandbox_query_match ("web-01", "web-011"));
  g_assert_false (drso_sandbox_query_match ("web-01", "web-0"));
  g_assert_true (drso_sandbox_query_match ("web-*", "web-01"));
  g_assert_true (drso_sandbox_query_match ("*", ""));
  g_assert_true (drso_sandbox_query_match ("*-0?", "app-web-07"));
  g_assert_true (drso_sandbox_query_match ("a*b*c", "aXXbYbZc"));
  g_assert_false (drso_sandbox_query_match ("a*b*c", "aXXbYbZ"));
  g_assert_true (drso_sandbox_query_match ("?", "é"));
  g_assert_true (drso_sandbox_query_match ("\\*x", "*x"));
  g_assert_false (drso_sandbox_query_match ("\\*x", "ax"));
  g_assert_true (drso_sandbox_query_match ("50\\?", "50?"));
  g_assert_false (drso_sandbox_query_match ("", "a"));
}

static void
test_ids (void)
{
  g_assert_true (drso_sandbox_query_is_id ("i-0123abcd", "i-"));
  g_assert_true (drso_sandbox_query_is_id ("i-0123456789abcdef0", "i-"));
  g_assert_false (drso_sandbox_query_is_id ("i-0123abc", "i-"));
  g_assert_false (drso_sandbox_query_is_id ("i-0123ABCD", "i-"));
  g_assert_false (drso_sandbox_query_is_id ("i-0123abcg", "i-"));
  g_assert_false (drso_sandbox_query_is_id ("sg-0123abcd", "i-"));
  g_assert_true (drso_sandbox_query_is_id ("sg-0123abcd", "sg-"));
  g_assert_false (drso_sandbox_query_is_id (NULL, "i-"));
}

/* Errors and dispatch that need no world */

static const DrsoSandboxIdentity nobody = {
  (char *) "AKIDNOBODY", (char *) "secret", NULL, (char *) "123456789012",
  (char *) "arn:aws:iam::123456789012:user/nobody", (char *) "AIDANOBODY", 0,
};

static void
test_error_replies (void)
{
  DrsoSandboxQueryReply reply = { 0, };
  g_autoptr(Answer) ec2_answer = NULL;
  g_autoptr(Answer) sts_answer = NULL;
  g_autoptr(Answer) sts_server = NULL;

  drso_sandbox_ec2_error_reply (&reply, 503, "RequestLimitExceeded", "Request limit <exceeded>",
                                "req-ec2-1");
  ec2_answer = answer_take (&reply);
  assert_ec2_error (ec2_answer, 503, "RequestLimitExceeded");
  g_assert_cmpstr (error_message (ec2_answer), ==, "Request limit <exceeded>");

  drso_sandbox_sts_error_reply (&reply, 400, "Throttling", "Rate exceeded", "req-sts-1");
  sts_answer = answer_take (&reply);
  assert_sts_error (sts_answer, 400, "Throttling");
  g_assert_nonnull (strstr (g_bytes_get_data (sts_answer->body, NULL),
                            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"));

  /* A reply may be reused: the old body goes. */
  drso_sandbox_sts_error_reply (&reply, 400, "First", "first", NULL);
  drso_sandbox_sts_error_reply (&reply, 500, "InternalFailure", "boom", "req-sts-1");
  sts_server = answer_take (&reply);
  assert_sts_error (sts_server, 500, "InternalFailure");
}

static void
test_ec2_dispatch (void)
{
  g_autoptr(Answer) missing_action = call_ec2 (NULL, &nobody, form ("Version", "2016-11-15", NULL));
  g_autoptr(Answer) bad_action = ec2 (NULL, &nobody, "Action", "RunInstances", NULL);
  g_autoptr(Answer) no_version = call_ec2 (NULL, &nobody, form ("Action", "DescribeInstances", NULL));
  g_autoptr(Answer) old_version = call_ec2 (NULL, &nobody, form ("Action", "DescribeInstances",
                                                                 "Version", "2014-10-01", NULL));
  g_autoptr(Answer) anonymous = ec2 (NULL, NULL, "Action", "DescribeInstances", NULL);

  assert_ec2_error (missing_action, 400, "MissingAction");
  assert_ec2_error (bad_action, 400, "InvalidAction");
  g_assert_cmpstr (error_message (bad_action), ==,
                   "The action RunInstances is not valid for this web service.");
  assert_ec2_error (no_version, 400, "MissingParameter");
  assert_ec2_error (old_version, 400, "NoSuchVersion");
  assert_ec2_error (anonymous, 401, "AuthFailure");

  g_assert_true (drso_sandbox_ec2_has_action ("DescribeInstances"));
  g_assert_true (drso_sandbox_ec2_has_action ("DescribeInstanceStatus"));
  g_assert_true (drso_sandbox_ec2_has_action ("TerminateInstances"));
  g_assert_true (drso_sandbox_ec2_has_action ("DescribeSubnets"));
  g_assert_true (drso_sandbox_ec2_has_action ("DescribeSecurityGroups"));
  g_assert_false (drso_sandbox_ec2_has_action ("AssumeRole"));
  g_assert_false (drso_sandbox_ec2_has_action (NULL));
}

/* Parameter checks come before the world is asked: a NULL world shows it. */
static void
test_ec2_parameters (void)
{
  struct {
    const char *action, *name, *value, *name2, *value2;
    guint status;
    const char *code, *message;
  } cases[] = {
    { "DescribeInstances", "InstanceId.1", "i-123", NULL, NULL, 400,
      "InvalidInstanceID.Malformed", "Invalid id: \"i-123\"" },
    { "DescribeInstances", "InstanceId.1", "i-0123ABCD", NULL, NULL, 400,
      "InvalidInstanceID.Malformed", "i-0123ABCD" },
    { "DescribeInstances", "MaxResults", "4", NULL, NULL, 400, "InvalidParameterValue", "( 4 )" },
    { "DescribeInstances", "MaxResults", "1001", NULL, NULL, 400, "InvalidParameterValue", "1001" },
    { "DescribeInstances", "MaxResults", "ten", NULL, NULL, 400, "InvalidParameterValue", "ten" },
    { "DescribeInstances", "MaxResults", "5", "InstanceId.1", "i-0123abcd", 400,
      "InvalidParameterCombination", "instancesSet" },
    { "DescribeInstanceStatus", "MaxResults", "5", "InstanceId.1", "i-0123abcd", 400,
      "InvalidParameterCombination", "maxResults" },
    { "DescribeInstances", "InstanceIds.1", "i-0123abcd", NULL, NULL, 400,
      "UnknownParameter", "InstanceIds.1" },
    { "DescribeInstances", "Filter.1.Name", "color", "Filter.1.Value.1", "red", 400,
      "InvalidParameterValue", "The filter 'color' is invalid" },
    { "DescribeInstances", "Filter.1.Value.1", "red", NULL, NULL, 400,
      "MissingParameter", "Filter.1.Name" },
    { "DescribeInstances", "Filter.1.Name", "vpc-id", NULL, NULL, 400,
      "InvalidParameterValue", "vpc-id" },
    { "DescribeInstanceStatus", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "x", 400,
      "InvalidParameterValue", "tag:Name" },
    { "DescribeInstanceStatus", "IncludeAllInstances", "yes", NULL, NULL, 400,
      "InvalidParameterValue", "IncludeAllInstances" },
    { "DescribeInstances", "DryRun", "true", NULL, NULL, 412, "DryRunOperation", "DryRun" },
    { "DescribeInstances", "DryRun", "maybe", NULL, NULL, 400, "InvalidParameterValue", "maybe" },
    { "TerminateInstances", "Force", "true", NULL, NULL, 400, "MissingParameter", "InstanceId" },
    { "TerminateInstances", "InstanceId.1", "x-0123abcd", NULL, NULL, 400,
      "InvalidInstanceID.Malformed", "x-0123abcd" },
    { "TerminateInstances", "InstanceId.1", "i-0123abcd", "DryRun", "true", 412,
      "DryRunOperation", "DryRun" },
    { "TerminateInstances", "InstanceId.1", "i-0123abcd", "MaxResults", "5", 400,
      "UnknownParameter", "MaxResults" },
    { "DescribeSubnets", "SubnetId.1", "subnet-zz", NULL, NULL, 400,
      "InvalidSubnetID.Malformed", "subnet-zz" },
    { "DescribeSubnets", "Filter.1.Name", "instance-id", "Filter.1.Value.1", "x", 400,
      "InvalidParameterValue", "instance-id" },
    { "DescribeSecurityGroups", "GroupId.1", "sg-1", NULL, NULL, 400,
      "InvalidGroupId.Malformed", "sg-1" },
    { "DescribeSecurityGroups", "SubnetId.1", "subnet-0123abcd", NULL, NULL, 400,
      "UnknownParameter", "SubnetId.1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Answer) answer = ec2 (NULL, &nobody, "Action", cases[i].action,
                                      cases[i].name, cases[i].value,
                                      cases[i].name2, cases[i].value2, NULL);

      g_test_message ("case %u: %s %s=%s", i, cases[i].action, cases[i].name, cases[i].value);
      assert_ec2_error (answer, cases[i].status, cases[i].code);
      g_assert_nonnull (strstr (error_message (answer), cases[i].message));
    }
}

static void
test_sts_dispatch (void)
{
  g_autoptr(Answer) missing_action = call_sts (NULL, &nobody, form ("Version", "2011-06-15", NULL));
  g_autoptr(Answer) bad_action = sts (NULL, &nobody, "Action", "GetSessionToken", NULL);
  g_autoptr(Answer) no_version = call_sts (NULL, &nobody, form ("Action", "GetCallerIdentity", NULL));
  g_autoptr(Answer) anonymous = sts (NULL, NULL, "Action", "GetCallerIdentity", NULL);
  g_autoptr(Answer) identity = sts (NULL, &nobody, "Action", "GetCallerIdentity", NULL);

  assert_sts_error (missing_action, 400, "MissingAction");
  assert_sts_error (bad_action, 400, "InvalidAction");
  g_assert_cmpstr (error_message (bad_action), ==,
                   "Could not find operation GetSessionToken for version 2011-06-15");
  assert_sts_error (no_version, 400, "InvalidAction");
  g_assert_nonnull (strstr (error_message (no_version), "NO_VERSION_SPECIFIED"));
  assert_sts_error (anonymous, 403, "MissingAuthenticationToken");

  g_assert_cmpuint (identity->status, ==, 200);
  g_assert_cmpstr (identity->root->name, ==, "GetCallerIdentityResponse");
  g_assert_cmpstr (_drso_xml_text (identity->root, "GetCallerIdentityResult/Account"), ==,
                   "123456789012");
  g_assert_cmpstr (_drso_xml_text (identity->root, "GetCallerIdentityResult/UserId"), ==,
                   "AIDANOBODY");
  g_assert_cmpstr (_drso_xml_text (identity->root, "GetCallerIdentityResult/Arn"), ==,
                   nobody.arn);
  g_assert_cmpstr (_drso_xml_text (identity->root, "ResponseMetadata/RequestId"), ==,
                   "req-sts-1");

  g_assert_true (drso_sandbox_sts_has_action ("AssumeRole"));
  g_assert_true (drso_sandbox_sts_has_action ("GetCallerIdentity"));
  g_assert_false (drso_sandbox_sts_has_action ("DescribeInstances"));
}

#define ROLE "arn:aws:iam::444455556666:role/DrsoRecovery"

static void
test_sts_validation (void)
{
  g_autofree char *long_name = g_strnfill (65, 'a');
  g_autofree char *long_external = g_strnfill (1225, 'e');
  struct {
    const char *arn, *session, *duration, *external;
    const char *message;
  } cases[] = {
    { NULL, "s1", NULL, NULL, "1 validation error detected: Value null at 'roleArn' failed "
      "to satisfy constraint: Member must not be null" },
    { ROLE, NULL, NULL, NULL, "Value null at 'roleSessionName'" },
    { NULL, NULL, NULL, NULL, "2 validation errors detected: Value null at 'roleArn'" },
    { ROLE, "a", NULL, NULL, "Member must have length greater than or equal to 2" },
    { ROLE, long_name, NULL, NULL, "Member must have length less than or equal to 64" },
    { ROLE, "bad name", NULL, NULL, "Value 'bad name' at 'roleSessionName' failed to satisfy "
      "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
    { ROLE, "s1", "899", NULL, "Member must have value greater than or equal to 900" },
    { ROLE, "s1", "43201", NULL, "Member must have value less than or equal to 43200" },
    { ROLE, "s1", "soon", NULL, "'soon' at 'durationSeconds'" },
    { ROLE, "s1", NULL, "x", "'x' at 'externalId'" },
    { ROLE, "s1", NULL, "bad id!", "'bad id!' at 'externalId'" },
    { ROLE, "s1", NULL, long_external, "Member must have length less than or equal to 1224" },
    { "arn:aws:iam::1:role\001/abcdefghijk", "s1", NULL, NULL, "at 'roleArn'" },
    { "not-an-arn-but-long-enough", "s1", NULL, NULL, "not-an-arn-but-long-enough is invalid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) params = form ("Action", "AssumeRole", "Version", "2011-06-15", NULL);
      g_autoptr(Answer) answer = NULL;

      if (cases[i].arn != NULL)
        g_hash_table_insert (params, g_strdup ("RoleArn"), g_strdup (cases[i].arn));
      if (cases[i].session != NULL)
        g_hash_table_insert (params, g_strdup ("RoleSessionName"), g_strdup (cases[i].session));
      if (cases[i].duration != NULL)
        g_hash_table_insert (params, g_strdup ("DurationSeconds"), g_strdup (cases[i].duration));
      if (cases[i].external != NULL)
        g_hash_table_insert (params, g_strdup ("ExternalId"), g_strdup (cases[i].external));
      answer = call_sts (NULL, &nobody, g_steal_pointer (&params));
      g_test_message ("case %u", i);
      assert_sts_error (answer, 400, "ValidationError");
      g_assert_nonnull (strstr (error_message (answer), cases[i].message));
    }
}

/* Over a world */

typedef struct
{
  DrsoSandboxWorld    *world;
  DrsoSandboxIdentity *caller;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DrsoSandboxWorldOptions options = { "us-east-1", 7, 1.0, 0 };

  fixture->world = drso_sandbox_world_open (NULL, &options, &error);
  g_assert_no_error (error);
  fixture->caller = drso_sandbox_world_lookup_key (fixture->world, DRSO_SANDBOX_ACCESS_KEY_ID);
  g_assert_nonnull (fixture->caller);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->caller, drso_sandbox_identity_free);
  g_clear_pointer (&fixture->world, drso_sandbox_world_free);
}

/* Calls a DRS operation of the world; returns its answer. */
static JsonObject *
drs (Fixture    *fixture,
     const char *operation,
     const char *input_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxErrorDetails) details = NULL;
  g_autoptr(JsonNode) input = json_from_string (input_json, &error);
  g_autoptr(JsonNode) output = NULL;
  DrsoSandboxDrsOperation call = drso_sandbox_drs_lookup (operation);

  g_assert_no_error (error);
  g_assert_nonnull (call);
  output = call (fixture->world, fixture->caller->account_id, json_node_get_object (input),
                 &error, &details);
  g_assert_no_error (error);
  g_assert_nonnull (output);
  return json_object_ref (json_node_get_object (output));
}

/* The first @n source servers' IDs. */
static GPtrArray *
source_servers (Fixture *fixture,
                guint    n)
{
  g_autoptr(JsonObject) answer = drs (fixture, "DescribeSourceServers", "{}");
  JsonArray *items = json_object_get_array_member (answer, "items");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (json_array_get_length (items), >=, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, g_strdup (json_object_get_string_member (
                                      json_array_get_object_element (items, i),
                                      "sourceServerID")));
  return ids;
}

/* Starts a drill of @servers and lets the world run for @seconds. */
static void
launch (Fixture   *fixture,
        GPtrArray *servers,
        double     seconds)
{
  g_autoptr(GString) input = g_string_new ("{\"isDrill\": true, \"sourceServers\": [");
  g_autoptr(JsonObject) answer = NULL;

  for (guint i = 0; i < servers->len; i++)
    g_string_append_printf (input, "%s{\"sourceServerID\": \"%s\"}", i ? ", " : "",
                            (char *) g_ptr_array_index (servers, i));
  g_string_append (input, "]}");
  answer = drs (fixture, "StartRecovery", input->str);
  g_assert_true (json_object_has_member (answer, "job"));
  drso_sandbox_world_advance (fixture->world, (gint64) (seconds * G_USEC_PER_SEC));
}

/* The instances DescribeInstances shows, through the project's parser. */
static GPtrArray *
describe_all (Fixture *fixture)
{
  g_autoptr(Answer) answer = ec2 (fixture->world, fixture->caller,
                                  "Action", "DescribeInstances", NULL);

  return parse_page (answer, "DescribeInstances", "reservationSet",
                     _drso_ec2_parse_reservation, NULL);
}

static void
test_instances_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = describe_all (fixture);
  g_autoptr(Answer) unknown = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                                   "InstanceId.1", "i-0123456789abcdef0",
                                   "InstanceId.2", "i-00000000", NULL);
  g_autoptr(Answer) unknown_one = ec2 (fixture->world, fixture->caller,
                                       "Action", "TerminateInstances",
                                       "InstanceId.1", "i-0123456789abcdef0", NULL);
  g_autoptr(Answer) bad_token = ec2 (fixture->world, fixture->caller,
                                     "Action", "DescribeInstances", "NextToken", "bm9wZQ==",
                                     NULL);

  assert_ec2_error (unknown, 400, "InvalidInstanceID.NotFound");
  g_assert_cmpstr (error_message (unknown), ==,
                   "The instance IDs 'i-0123456789abcdef0, i-00000000' do not exist");
  assert_ec2_error (unknown_one, 400, "InvalidInstanceID.NotFound");
  g_assert_cmpstr (error_message (unknown_one), ==,
                   "The instance ID 'i-0123456789abcdef0' does not exist");
  assert_ec2_error (bad_token, 400, "InvalidNextToken");
  g_assert_nonnull (before);
}

static void
test_instance_life (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) servers = source_servers (fixture, 1);
  g_autoptr(GPtrArray) before = describe_all (fixture);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(Answer) status = NULL;
  g_autoptr(Answer) status_all = NULL;
  g_autoptr(Answer) terminate = NULL;
  g_autoptr(Answer) again = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func (g_free);
  DrsoEc2Instance *instance = NULL;
  DrsoEc2StateChange *change;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;

  /* Every 10 s: the new instance appears pending, then runs with its
   * checks initializing, then passed. */
  launch (fixture, servers, 0);
  for (guint step = 0; step < 6 * 360; step++)
    {
      g_autoptr(Answer) answer = ec2 (fixture->world, fixture->caller,
                                      "Action", "DescribeInstanceStatus",
                                      "IncludeAllInstances", "true", NULL);
      g_autoptr(GPtrArray) now = parse_page (answer, "DescribeInstanceStatus",
                                             "instanceStatusSet",
                                             _drso_ec2_parse_instance_status, NULL);

      for (guint i = 0; i < now->len; i++)
        {
          DrsoEc2InstanceStatus *seen = g_ptr_array_index (now, i);
          g_autofree char *phase = g_strdup_printf ("%s/%s", seen->state_name,
                                                    seen->instance_status);
          gboolean known = FALSE;

          for (guint j = 0; j < before->len; j++)
            known |= g_str_equal (seen->instance_id,
                                  ((DrsoEc2Instance *) before->pdata[j])->instance_id);
          if (!known && !g_str_equal (phase, phases->len ? g_ptr_array_index (phases,
                                                                                phases->len - 1)
                                                           : ""))
            g_ptr_array_add (phases, g_steal_pointer (&phase));
        }
      if (phases->len > 0 && g_str_equal (g_ptr_array_index (phases, phases->len - 1), "running/ok"))
        {
          g_test_message ("running/ok after %u s", step * 10);
          break;
        }
      drso_sandbox_world_advance (fixture->world, 10 * G_USEC_PER_SEC);
    }
  g_ptr_array_add (phases, NULL);
  drso_test_assert_strv ((const char * const *) phases->pdata,
                         (const char * const[]) { "pending/not-applicable",
                                                  "running/initializing", "running/ok", NULL });

  after = describe_all (fixture);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len && instance == NULL; i++)
    {
      DrsoEc2Instance *candidate = g_ptr_array_index (after, i);
      gboolean known = FALSE;

      for (guint j = 0; j < before->len; j++)
        known |= g_str_equal (candidate->instance_id,
                              ((DrsoEc2Instance *) g_ptr_array_index (before, j))->instance_id);
      if (!known)
        instance = candidate;
    }
  g_assert_nonnull (instance);
  id = g_strdup (instance->instance_id);
  g_assert_true (drso_sandbox_query_is_id (id, "i-"));
  g_assert_cmpstr (instance->state_name, ==, "running");
  g_assert_cmpuint (instance->state_code, ==, 16);
  g_assert_nonnull (instance->instance_type);
  g_assert_nonnull (instance->private_ip);
  g_assert_cmpint (instance->launch_time, >, 1700000000);

  status = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstanceStatus",
                "InstanceId.1", id, NULL);
  statuses = parse_page (status, "DescribeInstanceStatus", "instanceStatusSet",
                         _drso_ec2_parse_instance_status, &token);
  g_assert_null (token);
  g_assert_cmpuint (statuses->len, ==, 1);
  g_assert_cmpstr (((DrsoEc2InstanceStatus *) statuses->pdata[0])->state_name, ==, "running");
  g_assert_true (drso_ec2_instance_status_is_healthy (statuses->pdata[0]));
  g_assert_cmpstr (_drso_xml_text (status->root,
                                   "instanceStatusSet/item/instanceStatus/details/item/status"),
                   ==, "passed");

  terminate = ec2 (fixture->world, fixture->caller, "Action", "TerminateInstances",
                   "InstanceId.1", id, "InstanceId.2", id, NULL);
  changes = parse_page (terminate, "TerminateInstances", "instancesSet",
                        _drso_ec2_parse_state_change, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->instance_id, ==, id);
  g_assert_cmpstr (change->previous_state, ==, "running");
  g_assert_cmpstr (change->current_state, ==, "shutting-down");
  g_assert_cmpstr (_drso_xml_text (terminate->root, "instancesSet/item/previousState/code"), ==,
                   "16");
  g_assert_cmpstr (_drso_xml_text (terminate->root, "instancesSet/item/currentState/code"), ==,
                   "32");

  /* Not running any more: only IncludeAllInstances shows it. */
  g_clear_pointer (&status, answer_free);
  status = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstanceStatus",
                "InstanceId.1", id, NULL);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = parse_page (status, "DescribeInstanceStatus", "instanceStatusSet",
                         _drso_ec2_parse_instance_status, NULL);
  g_assert_cmpuint (statuses->len, ==, 0);

  drso_sandbox_world_advance (fixture->world, 600 * G_USEC_PER_SEC);
  status_all = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstanceStatus",
                    "InstanceId.1", id, "IncludeAllInstances", "true", NULL);
  g_clear_pointer (&statuses, g_ptr_array_unref);
  statuses = parse_page (status_all, "DescribeInstanceStatus", "instanceStatusSet",
                         _drso_ec2_parse_instance_status, NULL);
  g_assert_cmpuint (statuses->len, ==, 1);
  g_assert_cmpstr (((DrsoEc2InstanceStatus *) statuses->pdata[0])->state_name, ==, "terminated");
  g_assert_cmpstr (((DrsoEc2InstanceStatus *) statuses->pdata[0])->instance_status, ==,
                   "not-applicable");

  /* Terminating it again: terminated before and after. */
  again = ec2 (fixture->world, fixture->caller, "Action", "TerminateInstances",
               "InstanceId.1", id, NULL);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = parse_page (again, "TerminateInstances", "instancesSet",
                        _drso_ec2_parse_state_change, NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->previous_state, ==, "terminated");
  g_assert_cmpstr (change->current_state, ==, "terminated");
}

static void
test_instances_filters_pages (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) servers = source_servers (fixture, 7);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *token = NULL;
  DrsoEc2Instance *first;
  guint pages = 0;

  launch (fixture, servers, 4 * 3600);
  all = describe_all (fixture);
  g_assert_cmpuint (all->len, >=, 7);
  first = g_ptr_array_index (all, 0);

  /* Pages of 5, each ID once, a token on every page but the last. */
  do
    {
      g_autoptr(Answer) answer = NULL;
      g_autoptr(GPtrArray) page = NULL;
      g_autofree char *next = NULL;

      if (token == NULL)
        answer = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                      "MaxResults", "5", NULL);
      else
        answer = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                      "MaxResults", "5", "NextToken", token, NULL);
      page = parse_page (answer, "DescribeInstances", "reservationSet",
                         _drso_ec2_parse_reservation, &next);
      g_assert_cmpuint (page->len, <=, 5);
      g_assert_cmpuint (page->len, >, 0);
      for (guint i = 0; i < page->len; i++)
        {
          DrsoEc2Instance *instance = g_ptr_array_index (page, i);

          g_assert_true (g_hash_table_add (seen, g_strdup (instance->instance_id)));
        }
      g_free (token);
      token = g_steal_pointer (&next);
      pages++;
    }
  while (token != NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, all->len);
  g_assert_cmpuint (pages, ==, (all->len + 4) / 5);

  /* A token of another action is refused. */
  {
    g_autoptr(Answer) first_page = ec2 (fixture->world, fixture->caller,
                                        "Action", "DescribeInstances", "MaxResults", "5", NULL);
    const char *next = _drso_xml_text (first_page->root, "nextToken");
    g_autoptr(Answer) other = ec2 (fixture->world, fixture->caller,
                                   "Action", "DescribeInstanceStatus", "NextToken", next, NULL);

    g_assert_nonnull (next);
    assert_ec2_error (other, 400, "InvalidNextToken");
  }

  /* Filters: by ID, by state (several values ORed), by ID with a
   * wildcard, ANDed with a state none has. */
  {
    g_autoptr(Answer) by_id = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                                   "Filter.1.Name", "instance-id",
                                   "Filter.1.Value.1", first->instance_id, NULL);
    g_autoptr(Answer) by_state = ec2 (fixture->world, fixture->caller,
                                      "Action", "DescribeInstances",
                                      "Filter.1.Name", "instance-state-name",
                                      "Filter.1.Value.1", "stopped",
                                      "Filter.1.Value.2", "running", NULL);
    g_autoptr(Answer) none = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                                  "Filter.1.Name", "instance-id", "Filter.1.Value.1", "i-*",
                                  "Filter.2.Name", "instance-state-name",
                                  "Filter.2.Value.1", "stopping", NULL);
    g_autoptr(Answer) by_ids = ec2 (fixture->world, fixture->caller,
                                    "Action", "DescribeInstances",
                                    "InstanceId.2", first->instance_id,
                                    "InstanceId.1", ((DrsoEc2Instance *) all->pdata[1])->instance_id,
                                    NULL);
    g_autoptr(GPtrArray) one = parse_page (by_id, "DescribeInstances", "reservationSet",
                                           _drso_ec2_parse_reservation, NULL);
    g_autoptr(GPtrArray) running = parse_page (by_state, "DescribeInstances", "reservationSet",
                                               _drso_ec2_parse_reservation, NULL);
    g_autoptr(GPtrArray) nothing = parse_page (none, "DescribeInstances", "reservationSet",
                                               _drso_ec2_parse_reservation, NULL);
    g_autoptr(GPtrArray) two = parse_page (by_ids, "DescribeInstances", "reservationSet",
                                           _drso_ec2_parse_reservation, NULL);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (((DrsoEc2Instance *) one->pdata[0])->instance_id, ==, first->instance_id);
    g_assert_cmpuint (running->len, >=, 7);
    g_assert_cmpuint (nothing->len, ==, 0);
    g_assert_cmpuint (two->len, ==, 2);
  }

  /* Status filters: all of them running and passed by now. */
  {
    g_autoptr(Answer) passed = ec2 (fixture->world, fixture->caller,
                                    "Action", "DescribeInstanceStatus",
                                    "Filter.1.Name", "instance-status.reachability",
                                    "Filter.1.Value.1", "passed",
                                    "Filter.2.Name", "system-status.status",
                                    "Filter.2.Value.1", "ok", NULL);
    g_autoptr(Answer) initializing = ec2 (fixture->world, fixture->caller,
                                          "Action", "DescribeInstanceStatus",
                                          "Filter.1.Name", "instance-status.status",
                                          "Filter.1.Value.1", "initializing", NULL);
    g_autoptr(Answer) paged = ec2 (fixture->world, fixture->caller,
                                   "Action", "DescribeInstanceStatus", "MaxResults", "5", NULL);
    g_autoptr(GPtrArray) ok = parse_page (passed, "DescribeInstanceStatus", "instanceStatusSet",
                                          _drso_ec2_parse_instance_status, NULL);
    g_autoptr(GPtrArray) waiting = parse_page (initializing, "DescribeInstanceStatus",
                                               "instanceStatusSet",
                                               _drso_ec2_parse_instance_status, NULL);
    g_autofree char *next = NULL;
    g_autoptr(GPtrArray) first_page = parse_page (paged, "DescribeInstanceStatus",
                                                  "instanceStatusSet",
                                                  _drso_ec2_parse_instance_status, &next);

    g_assert_cmpuint (ok->len, ==, all->len);
    g_assert_cmpuint (waiting->len, ==, 0);
    g_assert_cmpuint (first_page->len, ==, 5);
    g_assert_nonnull (next);
  }

  /* Subnet, VPC and tag filters pick what the instance has. */
  {
    g_autoptr(Answer) one = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                                 "InstanceId.1", first->instance_id, NULL);
    const char *subnet = _drso_xml_text (one->root,
                                         "reservationSet/item/instancesSet/item/subnetId");
    const char *vpc = _drso_xml_text (one->root, "reservationSet/item/instancesSet/item/vpcId");
    g_autoptr(Answer) by_subnet = NULL;
    g_autoptr(Answer) by_vpc = NULL;
    g_autoptr(Answer) by_other_vpc = NULL;
    g_autoptr(GPtrArray) in_subnet = NULL;
    g_autoptr(GPtrArray) in_vpc = NULL;
    g_autoptr(GPtrArray) in_other = NULL;

    g_assert_nonnull (subnet);
    g_assert_nonnull (vpc);
    by_subnet = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                     "Filter.1.Name", "subnet-id", "Filter.1.Value.1", subnet, NULL);
    by_vpc = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                  "Filter.1.Name", "vpc-id", "Filter.1.Value.1", vpc, NULL);
    by_other_vpc = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                        "Filter.1.Name", "vpc-id", "Filter.1.Value.1", "vpc-00000000", NULL);
    in_subnet = parse_page (by_subnet, "DescribeInstances", "reservationSet",
                            _drso_ec2_parse_reservation, NULL);
    in_vpc = parse_page (by_vpc, "DescribeInstances", "reservationSet",
                         _drso_ec2_parse_reservation, NULL);
    in_other = parse_page (by_other_vpc, "DescribeInstances", "reservationSet",
                           _drso_ec2_parse_reservation, NULL);
    g_assert_cmpuint (in_subnet->len, >=, 1);
    g_assert_cmpuint (in_vpc->len, >=, in_subnet->len);
    g_assert_cmpuint (in_other->len, ==, 0);
  }
}

/* A launch configuration names the instance (its Name tag) with hostile
 * characters: they come back intact through both parsers. */
static void
test_instances_hostile_tags (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) servers = source_servers (fixture, 1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) input = NULL;
  g_autofree char *input_json = NULL;
  g_autoptr(JsonObject) configured = NULL;
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) by_tag = NULL;
  g_autoptr(Answer) by_key = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GPtrArray) matched = NULL;
  g_autoptr(GPtrArray) keyed = NULL;
  g_autoptr(JsonObject) boto = NULL;
  DrsoEc2Instance *instance = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sourceServerID");
  json_builder_add_string_value (builder, g_ptr_array_index (servers, 0));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, HOSTILE);
  json_builder_end_object (builder);
  input = json_builder_get_root (builder);
  input_json = json_to_string (input, FALSE);
  configured = drs (fixture, "UpdateLaunchConfiguration", input_json);

  launch (fixture, servers, 4 * 3600);
  answer = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                "Filter.1.Name", "tag-value", "Filter.1.Value.1", HOSTILE, NULL);
  instances = parse_page (answer, "DescribeInstances", "reservationSet",
                          _drso_ec2_parse_reservation, NULL);
  g_assert_cmpuint (instances->len, ==, 1);
  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (g_hash_table_lookup (instance->tags, "Name"), ==, HOSTILE);
  g_assert_cmpstr (g_hash_table_lookup (instance->tags, "AWSDRS-Drill"), ==, "true");

  by_tag = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "<&>*", NULL);
  matched = parse_page (by_tag, "DescribeInstances", "reservationSet",
                        _drso_ec2_parse_reservation, NULL);
  g_assert_cmpuint (matched->len, ==, 1);
  by_key = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "<&>", NULL);
  keyed = parse_page (by_key, "DescribeInstances", "reservationSet",
                      _drso_ec2_parse_reservation, NULL);
  g_assert_cmpuint (keyed->len, ==, 0);

  if ((boto = botocore_parse (answer, "ec2", "DescribeInstances")) != NULL)
    {
      JsonObject *parsed = json_array_get_object_element (
        json_object_get_array_member (
          json_array_get_object_element (json_object_get_array_member (boto, "Reservations"), 0),
          "Instances"), 0);
      JsonArray *tags = json_object_get_array_member (parsed, "Tags");
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (tags); i++)
        {
          JsonObject *tag = json_array_get_object_element (tags, i);

          if (g_str_equal (json_object_get_string_member (tag, "Key"), "Name"))
            {
              g_assert_cmpstr (json_object_get_string_member (tag, "Value"), ==, HOSTILE);
              found = TRUE;
            }
        }
      g_assert_true (found);
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (parsed, "State"), "Name"), ==, "running");
      g_assert_true (g_str_has_suffix (json_object_get_string_member (parsed, "LaunchTime"),
                                       "+00:00"));
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (boto, "ResponseMetadata"), "RequestId"),
                       ==, "req-ec2-1");
    }
}

static void
test_subnets_groups (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Answer) subnets = ec2 (fixture->world, fixture->caller,
                                   "Action", "DescribeSubnets", NULL);
  g_autoptr(GPtrArray) all = parse_page (subnets, "DescribeSubnets", "subnetSet",
                                         _drso_ec2_parse_subnet, NULL);
  g_autoptr(Answer) groups = ec2 (fixture->world, fixture->caller,
                                  "Action", "DescribeSecurityGroups", NULL);
  g_autoptr(GPtrArray) all_groups = parse_page (groups, "DescribeSecurityGroups",
                                                "securityGroupInfo",
                                                _drso_ec2_parse_security_group, NULL);
  DrsoEc2Subnet *subnet;
  DrsoEc2SecurityGroup *group;

  g_assert_cmpuint (all->len, >, 0);
  g_assert_cmpuint (all_groups->len, >, 0);
  subnet = g_ptr_array_index (all, 0);
  group = g_ptr_array_index (all_groups, 0);
  g_assert_true (drso_sandbox_query_is_id (subnet->subnet_id, "subnet-"));
  g_assert_true (g_str_has_prefix (subnet->vpc_id, "vpc-"));
  g_assert_nonnull (subnet->cidr_block);
  g_assert_true (g_str_has_prefix (subnet->availability_zone, "us-east-1"));
  g_assert_cmpuint (subnet->available_ip_count, >, 0);
  g_assert_true (drso_sandbox_query_is_id (group->group_id, "sg-"));
  g_assert_nonnull (group->group_name);

  /* Subnets by ID, VPC and zone; unknown and malformed IDs. */
  {
    g_autoptr(Answer) by_id = ec2 (fixture->world, fixture->caller, "Action", "DescribeSubnets",
                                   "SubnetId.1", subnet->subnet_id, NULL);
    g_autoptr(Answer) by_vpc = ec2 (fixture->world, fixture->caller, "Action", "DescribeSubnets",
                                    "Filter.1.Name", "vpc-id",
                                    "Filter.1.Value.1", subnet->vpc_id,
                                    "Filter.2.Name", "availability-zone",
                                    "Filter.2.Value.1", subnet->availability_zone, NULL);
    g_autoptr(Answer) unknown = ec2 (fixture->world, fixture->caller, "Action", "DescribeSubnets",
                                     "SubnetId.1", "subnet-0000000000000000f", NULL);
    g_autoptr(GPtrArray) one = parse_page (by_id, "DescribeSubnets", "subnetSet",
                                           _drso_ec2_parse_subnet, NULL);
    g_autoptr(GPtrArray) in_vpc = parse_page (by_vpc, "DescribeSubnets", "subnetSet",
                                              _drso_ec2_parse_subnet, NULL);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (((DrsoEc2Subnet *) one->pdata[0])->subnet_id, ==, subnet->subnet_id);
    g_assert_cmpuint (in_vpc->len, >=, 1);
    for (guint i = 0; i < in_vpc->len; i++)
      {
        g_assert_cmpstr (((DrsoEc2Subnet *) in_vpc->pdata[i])->vpc_id, ==, subnet->vpc_id);
        g_assert_cmpstr (((DrsoEc2Subnet *) in_vpc->pdata[i])->availability_zone, ==,
                         subnet->availability_zone);
      }
    g_assert_cmpstr (_drso_xml_text (by_id->root, "subnetSet/item/state"), ==, "available");
    assert_ec2_error (unknown, 400, "InvalidSubnetID.NotFound");
    g_assert_cmpstr (error_message (unknown), ==,
                     "The subnet ID 'subnet-0000000000000000f' does not exist");
  }

  /* Groups by ID, by name and by VPC filter; unknown ones. */
  {
    g_autoptr(Answer) by_id = ec2 (fixture->world, fixture->caller,
                                   "Action", "DescribeSecurityGroups",
                                   "GroupId.1", group->group_id, NULL);
    g_autoptr(Answer) by_name = ec2 (fixture->world, fixture->caller,
                                     "Action", "DescribeSecurityGroups",
                                     "GroupName.1", group->group_name, NULL);
    g_autoptr(Answer) by_vpc = ec2 (fixture->world, fixture->caller,
                                    "Action", "DescribeSecurityGroups",
                                    "Filter.1.Name", "vpc-id",
                                    "Filter.1.Value.1", group->vpc_id,
                                    "Filter.2.Name", "group-name",
                                    "Filter.2.Value.1", group->group_name, NULL);
    g_autoptr(Answer) unknown = ec2 (fixture->world, fixture->caller,
                                     "Action", "DescribeSecurityGroups",
                                     "GroupId.1", "sg-0000000f", NULL);
    g_autoptr(Answer) unknown_name = ec2 (fixture->world, fixture->caller,
                                          "Action", "DescribeSecurityGroups",
                                          "GroupName.1", "no-such-group", NULL);
    g_autoptr(GPtrArray) one = parse_page (by_id, "DescribeSecurityGroups", "securityGroupInfo",
                                           _drso_ec2_parse_security_group, NULL);
    g_autoptr(GPtrArray) named = parse_page (by_name, "DescribeSecurityGroups",
                                             "securityGroupInfo",
                                             _drso_ec2_parse_security_group, NULL);
    g_autoptr(GPtrArray) in_vpc = parse_page (by_vpc, "DescribeSecurityGroups",
                                              "securityGroupInfo",
                                              _drso_ec2_parse_security_group, NULL);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (((DrsoEc2SecurityGroup *) one->pdata[0])->group_id, ==, group->group_id);
    g_assert_cmpuint (named->len, >=, 1);
    g_assert_cmpuint (in_vpc->len, ==, 1);
    g_assert_cmpstr (_drso_xml_text (by_id->root,
                                     "securityGroupInfo/item/ipPermissionsEgress/item/ipProtocol"),
                     ==, "-1");
    assert_ec2_error (unknown, 400, "InvalidGroup.NotFound");
    g_assert_cmpstr (error_message (unknown), ==, "The security group 'sg-0000000f' does not exist");
    assert_ec2_error (unknown_name, 400, "InvalidGroup.NotFound");
  }

  /* botocore reads both. */
  {
    g_autoptr(JsonObject) boto_subnets = botocore_parse (subnets, "ec2", "DescribeSubnets");
    g_autoptr(JsonObject) boto_groups = NULL;

    if (boto_subnets != NULL)
      {
        JsonObject *first = json_array_get_object_element (
          json_object_get_array_member (boto_subnets, "Subnets"), 0);

        g_assert_cmpstr (json_object_get_string_member (first, "SubnetId"), ==,
                         subnet->subnet_id);
        g_assert_cmpint (json_object_get_int_member (first, "AvailableIpAddressCount"), ==,
                         subnet->available_ip_count);
        g_assert_true (json_object_get_boolean_member (first, "MapPublicIpOnLaunch") == FALSE);
        boto_groups = botocore_parse (groups, "ec2", "DescribeSecurityGroups");
        first = json_array_get_object_element (
          json_object_get_array_member (boto_groups, "SecurityGroups"), 0);
        g_assert_cmpstr (json_object_get_string_member (first, "GroupId"), ==, group->group_id);
        g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first,
                                                                                "IpPermissions")),
                          ==, 0);
      }
  }
}

static void
test_ec2_errors_botocore (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(Answer) answer = ec2 (fixture->world, fixture->caller, "Action", "DescribeInstances",
                                  "InstanceId.1", "i-0123456789abcdef0", NULL);
  g_autoptr(JsonObject) boto = botocore_parse (answer, "ec2", "DescribeInstances");
  JsonObject *error;

  if (boto == NULL)
    return;
  error = json_object_get_object_member (boto, "Error");
  g_assert_cmpstr (json_object_get_string_member (error, "Code"), ==,
                   "InvalidInstanceID.NotFound");
  g_assert_cmpstr (json_object_get_string_member (error, "Message"), ==,
                   "The instance ID 'i-0123456789abcdef0' does not exist");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (boto, "ResponseMetadata"), "RequestId"),
                   ==, "req-ec2-1");
}

/* The recovery account the primary one may assume a role in. */
static DrsoSandboxAccount *
target_account (Fixture *fixture)
{
  g_autoptr(GPtrArray) accounts = drso_sandbox_world_list_accounts (fixture->world);

  for (guint i = 0; i < accounts->len; i++)
    {
      DrsoSandboxAccount *account = g_ptr_array_index (accounts, i);

      if (!account->primary && account->role_arn != NULL)
        return g_ptr_array_steal_index (accounts, i);
    }
  g_assert_not_reached ();
}

static void
test_sts_world (Fixture       *fixture,
                gconstpointer  data)
{
  DrsoSandboxAccount *target = target_account (fixture);
  g_autoptr(Answer) identity = sts (fixture->world, fixture->caller,
                                    "Action", "GetCallerIdentity", NULL);
  g_autoptr(Answer) denied = sts (fixture->world, fixture->caller, "Action", "AssumeRole",
                                  "RoleArn", target->role_arn, "RoleSessionName", "drso",
                                  "ExternalId", "wrong-external-id", NULL);
  g_autoptr(Answer) assumed = NULL;
  g_autoptr(Answer) chained = NULL;
  g_autoptr(Answer) session_identity = NULL;
  g_autoptr(DrsoSandboxIdentity) session = NULL;
  g_autoptr(GDateTime) expiration = NULL;
  g_autofree char *expected_denial = NULL;
  const char *key;
  gint64 now = drso_sandbox_world_now (fixture->world) / G_USEC_PER_SEC;

  g_assert_cmpuint (identity->status, ==, 200);
  g_assert_cmpstr (_drso_xml_text (identity->root, "GetCallerIdentityResult/Account"), ==,
                   fixture->caller->account_id);
  g_assert_cmpstr (_drso_xml_text (identity->root, "GetCallerIdentityResult/Arn"), ==,
                   fixture->caller->arn);

  assert_sts_error (denied, 403, "AccessDenied");
  expected_denial = g_strdup_printf ("User: %s is not authorized to perform: sts:AssumeRole on "
                                     "resource: %s", fixture->caller->arn, target->role_arn);
  g_assert_cmpstr (error_message (denied), ==, expected_denial);

  if (target->external_id != NULL)
    assumed = sts (fixture->world, fixture->caller, "Action", "AssumeRole",
                   "RoleArn", target->role_arn, "RoleSessionName", "drso-test",
                   "ExternalId", target->external_id, "DurationSeconds", "900", NULL);
  else
    assumed = sts (fixture->world, fixture->caller, "Action", "AssumeRole",
                   "RoleArn", target->role_arn, "RoleSessionName", "drso-test",
                   "DurationSeconds", "900", NULL);
  g_assert_cmpuint (assumed->status, ==, 200);
  g_assert_cmpstr (assumed->root->name, ==, "AssumeRoleResponse");
  key = _drso_xml_text (assumed->root, "AssumeRoleResult/Credentials/AccessKeyId");
  g_assert_true (g_str_has_prefix (key, "ASIA"));
  g_assert_nonnull (_drso_xml_text (assumed->root, "AssumeRoleResult/Credentials/SessionToken"));
  expiration = g_date_time_new_from_iso8601 (
    _drso_xml_text (assumed->root, "AssumeRoleResult/Credentials/Expiration"), NULL);
  g_assert_nonnull (expiration);
  g_assert_cmpint (g_date_time_to_unix (expiration) - now, >=, 890);
  g_assert_cmpint (g_date_time_to_unix (expiration) - now, <=, 910);
  g_assert_true (g_str_has_suffix (_drso_xml_text (assumed->root,
                                                   "AssumeRoleResult/AssumedRoleUser/Arn"),
                                   "/drso-test"));
  g_assert_true (g_str_has_suffix (_drso_xml_text (assumed->root,
                                                   "AssumeRoleResult/AssumedRoleUser/AssumedRoleId"),
                                   ":drso-test"));
  g_assert_cmpstr (_drso_xml_text (assumed->root, "ResponseMetadata/RequestId"), ==, "req-sts-1");

  /* The session is who GetCallerIdentity says, in the target account. */
  session = drso_sandbox_world_lookup_key (fixture->world, key);
  g_assert_nonnull (session);
  session_identity = sts (fixture->world, session, "Action", "GetCallerIdentity", NULL);
  g_assert_cmpstr (_drso_xml_text (session_identity->root, "GetCallerIdentityResult/Account"), ==,
                   target->account_id);
  g_assert_true (g_str_has_prefix (_drso_xml_text (session_identity->root,
                                                   "GetCallerIdentityResult/Arn"),
                                   "arn:aws:sts::"));
  g_assert_true (g_str_has_prefix (_drso_xml_text (session_identity->root,
                                                   "GetCallerIdentityResult/UserId"), "AROA"));

  /* From a session, for more than an hour: role chaining's limit. */
  chained = sts (fixture->world, session, "Action", "AssumeRole", "RoleArn", target->role_arn,
                 "RoleSessionName", "again", "DurationSeconds", "7200", NULL);
  assert_sts_error (chained, 400, "ValidationError");
  g_assert_nonnull (strstr (error_message (chained), "role chaining"));

  {
    g_autoptr(JsonObject) boto = botocore_parse (assumed, "sts", "AssumeRole");
    g_autoptr(JsonObject) boto_denied = NULL;

    if (boto != NULL)
      {
        JsonObject *credentials = json_object_get_object_member (boto, "Credentials");

        g_assert_cmpstr (json_object_get_string_member (credentials, "AccessKeyId"), ==, key);
        g_assert_true (json_object_has_member (credentials, "Expiration"));
        boto_denied = botocore_parse (denied, "sts", "AssumeRole");
        g_assert_cmpstr (json_object_get_string_member (
                           json_object_get_object_member (boto_denied, "Error"), "Code"),
                         ==, "AccessDenied");
        g_assert_cmpstr (json_object_get_string_member (
                           json_object_get_object_member (boto_denied, "Error"), "Type"),
                         ==, "Sender");
        g_assert_cmpstr (json_object_get_string_member (
                           json_object_get_object_member (boto_denied, "ResponseMetadata"),
                           "RequestId"), ==, "req-sts-1");
      }
  }
  drso_sandbox_account_free (target);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sandbox-query/xml/escape", test_xml_escape);
  g_test_add_func ("/sandbox-query/xml/writer", test_xml_writer);
  g_test_add_func ("/sandbox-query/time", test_time);
  g_test_add_func ("/sandbox-query/request-id", test_request_id);
  g_test_add_func ("/sandbox-query/params/list", test_params_list);
  g_test_add_func ("/sandbox-query/params/filters", test_params_filters);
  g_test_add_func ("/sandbox-query/params/names", test_params_names);
  g_test_add_func ("/sandbox-query/params/scalars", test_params_scalars);
  g_test_add_func ("/sandbox-query/match", test_match);
  g_test_add_func ("/sandbox-query/ids", test_ids);
  g_test_add_func ("/sandbox-query/error-replies", test_error_replies);
  g_test_add_func ("/sandbox-query/ec2/dispatch", test_ec2_dispatch);
  g_test_add_func ("/sandbox-query/ec2/parameters", test_ec2_parameters);
  g_test_add_func ("/sandbox-query/sts/dispatch", test_sts_dispatch);
  g_test_add_func ("/sandbox-query/sts/validation", test_sts_validation);

#define ADD(path, func) \
  g_test_add ("/sandbox-query/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ec2/instances/empty", test_instances_empty);
  ADD ("ec2/instances/life", test_instance_life);
  ADD ("ec2/instances/filters-pages", test_instances_filters_pages);
  ADD ("ec2/instances/hostile-tags", test_instances_hostile_tags);
  ADD ("ec2/subnets-groups", test_subnets_groups);
  ADD ("ec2/errors-botocore", test_ec2_errors_botocore);
  ADD ("sts/world", test_sts_world);
#undef ADD

  return g_test_run ();
}
