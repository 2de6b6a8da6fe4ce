/* fuzz-sandbox-request.c
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

/* The Sandbox's handling of one HTTP request, without a socket. The input
 * is a request (see drso-fuzz.h):
 *
 *   METHOD SP PATH [ "?" QUERY ] LF  NAME ":" VALUE LF …  LF  BODY
 *
 * It goes the way handle_cb() of drso-sandbox-http.c sends a request (that
 * function and its helpers are static and take a SoupServerMessage, so the
 * steps are made here with the same calls, in the same order):
 *
 * 1. the service: a POST to / is a query-protocol form (soup_form_decode),
 *    EC2 or STS by its Action; anything else goes through the DRS service
 *    model's router (URI labels included);
 * 2. the SigV4 signature, checked against the world's keys;
 * 3. the answer: the form to the EC2 or STS service; for DRS, the body's
 *    depth, its JSON, its check against the service model, then the
 *    operation over the world.
 *
 * A fuzzer cannot sign, so step 3 runs whatever step 2 decided, as the
 * caller the request names (its Credential's key) or else the Sandbox's own
 * key. The world is in memory, in the state a drill leaves it in. A request
 * that changes the world gets a new one; the others share one, which they
 * leave as it was (opening a world takes most of a request's time). So an
 * answer depends on its input alone.
 *
 * Every answer must be one a client reads: XML that parses (errors read by
 * the client's error reader), JSON that parses, and the items of the calls
 * the orchestrator makes read by the orchestrator's own readers. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "drso-account.h"
#include "drso-aws-client-private.h"
#include "drso-aws-xml-private.h"
#include "drso-drs-parse-private.h"
#include "drso-ec2-parse-private.h"
#include "drso-fuzz.h"
#include "drso-json-private.h"
#include "drso-sandbox-model-private.h"
#include "drso-sandbox-query-private.h"
#include "drso-sandbox-world-private.h"
#include "drso-sigv4-private.h"

/* As drso-sandbox-http.c has them. */
#define MAX_BODY_SIZE  (1024 * 1024)
#define MAX_CLOCK_SKEW (15 * 60)
#define MAX_JSON_DEPTH 64

typedef gpointer (*ItemReader) (JsonNode *item, GError **error);

static DrsoSourceServer *
read_source_server (JsonNode  *item,
                    GError   **error)
{
  return _drso_drs_parse_source_server (item, DRSO_SANDBOX_ACCOUNT_ID, "us-east-1", error);
}

/* The DRS answers the orchestrator reads, and where their items are
 * (NULL: the whole answer is one). */
static const struct
{
  const char *operation;
  const char *member;
  ItemReader  read;
} drs_readers[] = {
  { "DescribeSourceServers", "items", (ItemReader) read_source_server },
  { "DescribeJobs", "items", (ItemReader) _drso_drs_parse_job },
  { "DescribeJobLogItems", "items", (ItemReader) _drso_drs_parse_job_log_item },
  { "DescribeRecoveryInstances", "items", (ItemReader) _drso_drs_parse_recovery_instance },
  { "DescribeRecoverySnapshots", "items", (ItemReader) _drso_drs_parse_recovery_snapshot },
  { "StartRecovery", "job", (ItemReader) _drso_drs_parse_job },
  { "TerminateRecoveryInstances", "job", (ItemReader) _drso_drs_parse_job },
  { "GetLaunchConfiguration", NULL, (ItemReader) _drso_drs_parse_launch_configuration },
  { "UpdateLaunchConfiguration", NULL, (ItemReader) _drso_drs_parse_launch_configuration },
  { "GetReplicationConfiguration", NULL,
    (ItemReader) _drso_drs_parse_replication_configuration },
};

/* The EC2 answers the orchestrator reads, as drso-ec2.c lists them. */
static const struct
{
  const char           *action;
  const char           *list_path;
  DrsoEc2ParseItemFunc  read;
} ec2_readers[] = {
  { "DescribeInstances", "reservationSet", _drso_ec2_parse_reservation },
  { "DescribeInstanceStatus", "instanceStatusSet", _drso_ec2_parse_instance_status },
  { "TerminateInstances", "instancesSet", _drso_ec2_parse_state_change },
  { "DescribeSubnets", "subnetSet", _drso_ec2_parse_subnet },
  { "DescribeSecurityGroups", "securityGroupInfo", _drso_ec2_parse_security_group },
};

static void
read_item (ItemReader  read,
           JsonNode   *item,
           const char *operation,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  gpointer object = read (item, &error);

  if (object == NULL)
    drso_fuzz_fail ("the orchestrator does not read the Sandbox's %s: %s\n%s", operation,
                    error->message, text);
  g_object_unref (object);
}

/* A DRS answer: JSON whose items the orchestrator reads. */
static void
check_drs_answer (const char *operation,
                  guint       status,
                  JsonNode   *output)
{
  g_autofree char *text = json_to_string (output, FALSE);
  g_autoptr(JsonNode) again = NULL;
  JsonObject *object;

  again = json_from_string (text, NULL);
  drso_fuzz_check (again != NULL && JSON_NODE_HOLDS_OBJECT (again));
  object = json_node_get_object (again);

  drso_fuzz_check (status >= 200 && status < 300);

  for (guint i = 0; operation != NULL && i < G_N_ELEMENTS (drs_readers); i++)
    {
      JsonNode *member;

      if (!g_str_equal (drs_readers[i].operation, operation))
        continue;
      if (drs_readers[i].member == NULL)
        {
          read_item (drs_readers[i].read, again, operation, text);
          continue;
        }
      member = json_object_get_member (object, drs_readers[i].member);
      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *items = json_node_get_array (member);

          for (guint j = 0; j < json_array_get_length (items); j++)
            read_item (drs_readers[i].read, json_array_get_element (items, j), operation, text);
        }
      else if (member != NULL)
        read_item (drs_readers[i].read, member, operation, text);
    }
}

/* An EC2 or STS answer: XML that parses; an error has a code; a page of
 * a call the orchestrator makes reads. */
static void
check_query_answer (DrsoSandboxQueryReply *reply,
                    const char            *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoXmlNode) root = NULL;
  gsize length;
  const char *data;

  drso_fuzz_check (reply->body != NULL && reply->content_type != NULL);
  drso_fuzz_check (reply->status >= 200 && reply->status < 600);
  data = g_bytes_get_data (reply->body, &length);
  root = _drso_xml_parse (data, length, &error);
  if (root == NULL)
    drso_fuzz_fail ("the Sandbox answered XML that does not parse: %s\n%.*s", error->message,
                    (int) length, data);

  if (reply->status >= 400)
    {
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;
      g_autofree char *request_id = NULL;

      drso_fuzz_check (_drso_aws_parse_xml_error (reply->body, &code, &message, &request_id));
      return;
    }

  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (ec2_readers); i++)
    {
      g_autoptr(GPtrArray) results = NULL;
      g_autofree char *next_token = NULL;

      if (!g_str_equal (ec2_readers[i].action, action))
        continue;
      results = g_ptr_array_new_with_free_func (g_object_unref);
      if (!_drso_ec2_parse_page (reply->body, action, ec2_readers[i].list_path,
                                 ec2_readers[i].read, results, &next_token, &error))
        drso_fuzz_fail ("the orchestrator does not read the Sandbox's %s: %s\n%.*s", action,
                        error->message, (int) length, data);
    }
}

/* drso-sandbox-http.c: answer_drs(). */
static void
answer_drs (DrsoSandboxWorld          *world,
            DrsoSandboxModel          *model,
            const DrsoSandboxIdentity *caller,
            const char                *operation,
            GHashTable                *labels,
            DrsoFuzzRequest           *request)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) input = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(JsonNode) field_list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxErrorDetails) details = NULL;
  g_autofree char *message = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (request->body_length == 0)
    {
      input = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (input, json_object_new ());
    }
  else if (!drso_sandbox_json_within_depth (request->body, request->body_length, MAX_JSON_DEPTH))
    return;
  else if (!_drso_json_check_text (request->body, (gssize) request->body_length, MAX_JSON_DEPTH,
                                   NULL))
    return;
  else if (json_parser_load_from_data (parser, request->body, (gssize) request->body_length,
                                       NULL) &&
           json_parser_get_root (parser) != NULL &&
           JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    input = json_node_copy (json_parser_get_root (parser));
  else
    return;

  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (json_node_get_object (input), key, value);

  if (!drso_sandbox_model_validate (model, operation, input, &message, &field_list))
    {
      drso_fuzz_check (message != NULL);
      return;
    }
  drso_fuzz_check (message == NULL);

  output = drso_sandbox_drs_lookup (operation) (world, caller->account_id,
                                                json_node_get_object (input), &error, &details);
  drso_fuzz_check ((output == NULL) == (error != NULL));
  if (output != NULL)
    {
      check_drs_answer (operation, drso_sandbox_model_get_response_code (model, operation),
                        output);
      return;
    }
  if (error->domain == DRSO_SANDBOX_ERROR && error->code == DRSO_SANDBOX_ERROR_INTERNAL)
    drso_fuzz_fail ("the Sandbox failed inside on %s: %s", operation, error->message);
}

/* drso-sandbox-http.c: authenticate() and lookup_secret(). The caller is
 * the identity of the key the signature names, when the world knows it. */
typedef struct
{
  DrsoSandboxWorld    *world;
  DrsoSandboxIdentity *caller;
} Auth;

static const char *
lookup_secret (const char *access_key_id,
               gpointer    user_data)
{
  Auth *auth = user_data;

  g_clear_pointer (&auth->caller, drso_sandbox_identity_free);
  auth->caller = drso_sandbox_world_lookup_key (auth->world, access_key_id);
  return auth->caller ? auth->caller->secret_access_key : NULL;
}

static DrsoSandboxIdentity *
authenticate (DrsoSandboxWorld *world,
              DrsoFuzzRequest  *request,
              const char       *service)
{
  g_autoptr(DrsoSigv4Request) sig = NULL;
  g_autoptr(GError) error = NULL;
  Auth auth = { world, NULL };
  gboolean ok;

  if (drso_fuzz_request_header (request, "Authorization") == NULL &&
      (request->query == NULL || strstr (request->query, "X-Amz-Signature") == NULL))
    return NULL;

  sig = drso_sigv4_request_new (request->method, request->path, request->query);
  for (guint i = 0; i < request->names->len; i++)
    drso_sigv4_request_add_header (sig, g_ptr_array_index (request->names, i),
                                   g_ptr_array_index (request->values, i));
  drso_sigv4_request_set_payload (sig, request->body, request->body_length);

  ok = drso_sigv4_verify (sig, lookup_secret, &auth, drso_sandbox_world_get_region (world),
                          service, g_get_real_time () / G_USEC_PER_SEC, MAX_CLOCK_SKEW, &error);
  drso_fuzz_check (ok == (error == NULL));
  drso_fuzz_check (!ok || auth.caller != NULL);
  return auth.caller;
}

/* Calls a DRS operation of @world; returns its answer's object. */
static JsonObject *
call_drs (DrsoSandboxWorld *world,
          const char       *operation,
          JsonObject       *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxErrorDetails) details = NULL;
  g_autoptr(JsonNode) output = drso_sandbox_drs_lookup (operation) (world, DRSO_SANDBOX_ACCOUNT_ID,
                                                                   input, &error, &details);

  if (output == NULL)
    drso_fuzz_fail ("%s failed on a new world: %s", operation, error->message);
  return json_object_ref (json_node_get_object (output));
}

/* A world in memory where a drill has run: two servers launched, their job
 * completed (the clock moved a day on), their instances running. Its
 * state no longer changes with time. */
static DrsoSandboxWorld *
open_world (void)
{
  g_autoptr(GError) error = NULL;
  DrsoSandboxWorldOptions options = { "us-east-1", 7, 1.0, 0 };
  DrsoSandboxWorld *world = drso_sandbox_world_open (NULL, &options, &error);
  g_autoptr(JsonObject) none = json_object_new ();
  g_autoptr(JsonObject) servers = NULL;
  g_autoptr(JsonObject) input = json_object_new ();
  g_autoptr(JsonObject) job = NULL;
  JsonArray *items, *launch = json_array_new ();

  if (world == NULL)
    drso_fuzz_fail ("no Sandbox world: %s", error->message);

  servers = call_drs (world, "DescribeSourceServers", none);
  items = json_object_get_array_member (servers, "items");
  for (guint i = 0; i < MIN (2, json_array_get_length (items)); i++)
    {
      JsonObject *server = json_object_new ();

      json_object_set_string_member (server, "sourceServerID",
                                     json_object_get_string_member (
                                       json_array_get_object_element (items, i),
                                       "sourceServerID"));
      json_array_add_object_element (launch, server);
    }
  json_object_set_array_member (input, "sourceServers", launch);
  json_object_set_boolean_member (input, "isDrill", TRUE);
  job = call_drs (world, "StartRecovery", input);
  drso_sandbox_world_advance (world, G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC);

  return world;
}

/* Whether a request changes its world: those get a world of their own, the
 * others share one (opening a world is most of a request's time). */
static gboolean
changes_world (const char *operation)
{
  static const char * const changing[] = {
    "StartRecovery", "TerminateRecoveryInstances", "UpdateLaunchConfiguration",
    "TerminateInstances", "AssumeRole",
  };

  for (guint i = 0; i < G_N_ELEMENTS (changing); i++)
    if (g_strcmp0 (operation, changing[i]) == 0)
      return TRUE;
  return FALSE;
}

static DrsoSandboxWorld *
shared_world (void)
{
  static DrsoSandboxWorld *world = NULL;

  if (world == NULL)
    world = open_world ();
  return world;
}

#define REQUEST_ID "00000000-0000-4000-8000-000000000000"

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_auto(DrsoFuzzRequest) request = { 0, };
  g_autoptr(DrsoSandboxWorld) own_world = NULL;
  DrsoSandboxWorld *world;
  g_autoptr(DrsoSandboxIdentity) caller = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) labels = NULL;
  DrsoSandboxModel *model = drso_sandbox_model_get_drs ();
  DrsoSandboxQueryReply reply = { 0, };
  const char *operation;
  enum { DRS, EC2, STS } service;

  drso_fuzz_request_parse (&request, data, size);
  if (request.body_length > MAX_BODY_SIZE)
    return 0;

  /* 1. The service. */
  if (g_str_equal (request.method, "POST") && g_str_equal (request.path, "/"))
    {
      g_autofree char *form = g_strndup (request.body, request.body_length);

      params = soup_form_decode (form);
      operation = g_hash_table_lookup (params, "Action");
      if (operation != NULL && drso_sandbox_sts_has_action (operation))
        service = STS;
      else if (operation != NULL && drso_sandbox_ec2_has_action (operation))
        service = EC2;
      else
        {
          g_autofree char *message = g_strdup_printf ("The action %s is not valid for this web "
                                                      "service", operation ? operation : "");

          drso_sandbox_ec2_error_reply (&reply, 400, "InvalidAction", message, REQUEST_ID);
          check_query_answer (&reply, NULL);
          drso_sandbox_query_reply_clear (&reply);
          drso_sandbox_sts_error_reply (&reply, 400, "InvalidAction", message, REQUEST_ID);
          check_query_answer (&reply, NULL);
          drso_sandbox_query_reply_clear (&reply);
          return 0;
        }
    }
  else
    {
      service = DRS;
      labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      operation = drso_sandbox_model_match_request (model, request.method, request.path, labels);
      if (operation == NULL || drso_sandbox_drs_lookup (operation) == NULL)
        return 0;
      drso_fuzz_check (drso_sandbox_model_has_operation (model, operation));
    }

  if (changes_world (operation))
    world = own_world = open_world ();
  else
    world = shared_world ();

  /* 2. The signature. */
  caller = authenticate (world, &request, service == DRS ? "drs" : service == EC2 ? "ec2" : "sts");
  if (caller == NULL)
    caller = drso_sandbox_world_lookup_key (world, DRSO_SANDBOX_ACCESS_KEY_ID);
  drso_fuzz_check (caller != NULL);

  /* 3. The answer. */
  switch (service)
    {
    case EC2:
      drso_sandbox_ec2_handle (world, caller, params, REQUEST_ID, &reply);
      check_query_answer (&reply, operation);
      break;
    case STS:
      drso_sandbox_sts_handle (world, caller, params, REQUEST_ID, &reply);
      check_query_answer (&reply, NULL);
      break;
    case DRS:
    default:
      answer_drs (world, model, caller, operation, labels, &request);
      break;
    }
  drso_sandbox_query_reply_clear (&reply);

  return 0;
}
