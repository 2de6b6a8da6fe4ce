/* drso-sandbox-http.c
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

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "drso-json-private.h"
#include "drso-sandbox-model-private.h"
#include "drso-sandbox-private.h"
#include "drso-sandbox-query-private.h"
#include "drso-sigv4-private.h"

/* The Sandbox's HTTP side. Every request goes the same way: find the
 * service and operation it is for (rest-json DRS by its path through the
 * service model, EC2 and STS by the form's Action), check its SigV4
 * signature against the world's keys and sessions, inject the faults that
 * are set, then let the service answer. Errors are written in the protocol
 * of the service, with the codes AWS uses. */

#define MAX_BODY_SIZE    (1024 * 1024)
#define MAX_CLOCK_SKEW   (15 * 60)
#define MAX_JSON_DEPTH   64

typedef enum
{
  SERVICE_DRS,
  SERVICE_EC2,
  SERVICE_STS,
} Service;

static const char * const service_names[] = { "drs", "ec2", "sts" };

struct _DrsoSandboxHttp
{
  SoupServer        *server;
  DrsoSandboxWorld  *world;
  DrsoSandboxModel  *model;
  DrsoSandboxFaults  faults;
  GRand             *rand;
  GPtrArray         *delayed;      /* Delayed */
  guint64            n_requests;
};

/* An answer held back by the latency fault. */
typedef struct
{
  DrsoSandboxHttp   *http;
  SoupServerMessage *msg;
  guint              source_id;
} Delayed;

/* One request on its way through. */
typedef struct
{
  SoupServerMessage   *msg;
  Service              service;
  const char          *operation;      /* DRS operation or query Action */
  char                *request_id;
  GBytes              *body;
  GHashTable          *params;         /* query services: the decoded form */
  GHashTable          *labels;         /* DRS: URI labels */
  DrsoSandboxIdentity *caller;
} Request;

static void
request_clear (Request *req)
{
  g_free (req->request_id);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->params, g_hash_table_unref);
  g_clear_pointer (&req->labels, g_hash_table_unref);
  g_clear_pointer (&req->caller, drso_sandbox_identity_free);
}

/* Answers */

static void
set_body (SoupServerMessage *msg,
          guint              status,
          const char        *content_type,
          GBytes            *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, size);
}

static void
reply_query (Request               *req,
             DrsoSandboxQueryReply *reply)
{
  set_body (req->msg, reply->status, reply->content_type, reply->body);
  drso_sandbox_query_reply_clear (reply);
}

static void
reply_json (Request    *req,
            guint       status,
            const char *error_type,
            JsonNode   *node)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  char *text = json_to_string (node, FALSE);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));

  soup_message_headers_replace (headers, "x-amzn-RequestId", req->request_id);
  if (error_type != NULL)
    soup_message_headers_replace (headers, "X-Amzn-Errortype", error_type);
  set_body (req->msg, status, "application/json", body);
}

static void
add_member (JsonObject *object,
            const char *name,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/* A DRS error: the type in X-Amzn-Errortype (read first by clients, since
 * DRS bodies have a "code" member of their own), the members in the body. */
static void
reply_drs_error (Request                       *req,
                 guint                          status,
                 const char                    *type,
                 const char                    *message,
                 const DrsoSandboxErrorDetails *details)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_node_take_object (node, object);
  json_object_set_string_member (object, "message", message);
  if (details != NULL)
    {
      add_member (object, "resourceId", details->resource_id);
      add_member (object, "resourceType", details->resource_type);
      add_member (object, "quotaCode", details->quota_code);
      add_member (object, "serviceCode", details->service_code);
      add_member (object, "reason", details->reason);
      if (details->field_list != NULL)
        json_object_set_member (object, "fieldList", json_node_copy (details->field_list));
    }
  reply_json (req, status, type, node);
}

static void
reply_drs_validation (Request    *req,
                      const char *reason,
                      const char *message,
                      JsonNode   *field_list)
{
  DrsoSandboxErrorDetails details = { .reason = (char *) reason, .field_list = field_list };

  reply_drs_error (req, SOUP_STATUS_BAD_REQUEST, "ValidationException", message, &details);
}

/* An error the same in every service, in the request's protocol. */
static void
reply_error (Request    *req,
             guint       status,
             const char *drs_type,
             const char *ec2_code,
             const char *sts_code,
             const char *message)
{
  DrsoSandboxQueryReply reply = { 0, };

  switch (req->service)
    {
    case SERVICE_DRS:
      reply_drs_error (req, status, drs_type, message, NULL);
      return;
    case SERVICE_EC2:
      drso_sandbox_ec2_error_reply (&reply, status, ec2_code, message, req->request_id);
      break;
    case SERVICE_STS:
    default:
      drso_sandbox_sts_error_reply (&reply, status, sts_code, message, req->request_id);
      break;
    }
  reply_query (req, &reply);
}

/* Finding the service */

static char *
scope_service (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *credential;
  g_auto(GStrv) parts = NULL;

  if (auth == NULL || (credential = strstr (auth, "Credential=")) == NULL)
    return NULL;
  parts = g_strsplit_set (credential + strlen ("Credential="), "/,", 6);
  if (g_strv_length (parts) < 5)
    return NULL;
  return g_strdup (parts[3]);
}

static gboolean
classify (DrsoSandboxHttp *http,
          Request         *req,
          const char      *path)
{
  const char *method = soup_server_message_get_method (req->msg);

  if (g_str_equal (method, "POST") && g_str_equal (path, "/"))
    {
      g_autofree char *form = g_strndup (g_bytes_get_data (req->body, NULL),
                                         g_bytes_get_size (req->body));
      g_autofree char *scoped = NULL;

      req->params = soup_form_decode (form);
      req->operation = g_hash_table_lookup (req->params, "Action");
      if (req->operation != NULL && drso_sandbox_sts_has_action (req->operation))
        req->service = SERVICE_STS;
      else if (req->operation != NULL && drso_sandbox_ec2_has_action (req->operation))
        req->service = SERVICE_EC2;
      else
        {
          g_autofree char *message = NULL;

          scoped = scope_service (req->msg);
          req->service = g_strcmp0 (scoped, "sts") == 0 ? SERVICE_STS : SERVICE_EC2;
          message = req->operation == NULL
            ? g_strdup ("The request has no Action parameter")
            : g_strdup_printf ("The action %s is not valid for this web service",
                               req->operation);
          reply_error (req, SOUP_STATUS_BAD_REQUEST, NULL,
                       req->operation == NULL ? "MissingAction" : "InvalidAction",
                       req->operation == NULL ? "MissingAction" : "InvalidAction", message);
          return FALSE;
        }
      return TRUE;
    }

  req->service = SERVICE_DRS;
  req->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  req->operation = drso_sandbox_model_match_request (http->model, method, path, req->labels);
  if (req->operation == NULL || drso_sandbox_drs_lookup (req->operation) == NULL)
    {
      g_autofree char *message = req->operation == NULL
        ? g_strdup_printf ("No operation of the DRS API answers %s %s", method, path)
        : g_strdup_printf ("The Sandbox does not simulate the DRS operation %s", req->operation);

      reply_drs_validation (req, "unknownOperation", message, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Authentication */

static const char *
lookup_secret (const char *access_key_id,
               gpointer    user_data)
{
  struct { DrsoSandboxHttp *http; Request *req; } *data = user_data;

  g_clear_pointer (&data->req->caller, drso_sandbox_identity_free);
  data->req->caller = drso_sandbox_world_lookup_key (data->http->world, access_key_id);
  return data->req->caller ? data->req->caller->secret_access_key : NULL;
}

static gboolean
authenticate (DrsoSandboxHttp *http,
              Request         *req)
{
  SoupServerMessage *msg = req->msg;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(DrsoSigv4Request) sig = NULL;
  g_autoptr(GError) error = NULL;
  struct { DrsoSandboxHttp *http; Request *req; } data = { http, req };
  SoupMessageHeadersIter iter;
  const char *name, *value, *token;
  gsize size;
  const char *body = g_bytes_get_data (req->body, &size);

  if (soup_message_headers_get_one (headers, "Authorization") == NULL &&
      (g_uri_get_query (uri) == NULL || strstr (g_uri_get_query (uri), "X-Amz-Signature") == NULL))
    {
      reply_error (req, SOUP_STATUS_FORBIDDEN, "MissingAuthenticationTokenException",
                   "MissingAuthenticationToken", "MissingAuthenticationToken",
                   "Missing Authentication Token: the request is not signed");
      return FALSE;
    }

  sig = drso_sigv4_request_new (soup_server_message_get_method (msg), g_uri_get_path (uri),
                                g_uri_get_query (uri));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    drso_sigv4_request_add_header (sig, name, value);
  drso_sigv4_request_set_payload (sig, body, size);

  if (!drso_sigv4_verify (sig, lookup_secret, &data, drso_sandbox_world_get_region (http->world),
                          service_names[req->service], g_get_real_time () / G_USEC_PER_SEC,
                          MAX_CLOCK_SKEW, &error))
    {
      switch ((DrsoSigv4Error) error->code)
        {
        case DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE:
          reply_error (req, SOUP_STATUS_FORBIDDEN, "IncompleteSignatureException",
                       "IncompleteSignature", "IncompleteSignature", error->message);
          break;
        case DRSO_SIGV4_ERROR_UNKNOWN_KEY:
          reply_error (req, req->service == SERVICE_EC2 ? SOUP_STATUS_UNAUTHORIZED
                                                        : SOUP_STATUS_FORBIDDEN,
                       "UnrecognizedClientException", "AuthFailure", "InvalidClientTokenId",
                       "The security token included in the request is invalid: "
                       "its access key id is not known to this Sandbox");
          break;
        case DRSO_SIGV4_ERROR_EXPIRED:
          {
            g_autofree char *message = g_strdup_printf ("Signature expired: %s", error->message);

            if (req->service == SERVICE_EC2)
              reply_error (req, SOUP_STATUS_BAD_REQUEST, NULL, "RequestExpired", NULL, message);
            else
              reply_error (req, SOUP_STATUS_FORBIDDEN, "InvalidSignatureException", NULL,
                           "SignatureDoesNotMatch", message);
          }
          break;
        case DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH:
        case DRSO_SIGV4_ERROR_WRONG_SCOPE:
        default:
          reply_error (req, SOUP_STATUS_FORBIDDEN, "InvalidSignatureException",
                       "SignatureDoesNotMatch", "SignatureDoesNotMatch", error->message);
          break;
        }
      return FALSE;
    }

  /* A session's key is only good with its token. */
  token = soup_message_headers_get_one (headers, "X-Amz-Security-Token");
  if (g_strcmp0 (token, req->caller->session_token) != 0 &&
      !(token == NULL && req->caller->session_token == NULL))
    {
      reply_error (req, SOUP_STATUS_FORBIDDEN, "UnrecognizedClientException", "AuthFailure",
                   "InvalidClientTokenId",
                   req->caller->session_token != NULL
                   ? "The security token included in the request is invalid: "
                     "this key needs its session token"
                   : "The security token included in the request is invalid: "
                     "this key has no session token");
      return FALSE;
    }

  return TRUE;
}

/* Faults */

static gboolean
inject_failure (DrsoSandboxHttp *http,
                Request         *req)
{
  const DrsoSandboxFaults *faults = &http->faults;

  if (faults->throttle_rate > 0 && g_rand_double (http->rand) < faults->throttle_rate)
    {
      if (req->service == SERVICE_DRS)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
          DrsoSandboxErrorDetails details = { .service_code = (char *) "drs" };

          soup_message_headers_replace (headers, "Retry-After", "1");
          reply_drs_error (req, 429, "ThrottlingException", "Rate exceeded", &details);
        }
      else
        reply_error (req, req->service == SERVICE_EC2 ? SOUP_STATUS_SERVICE_UNAVAILABLE
                                                      : SOUP_STATUS_BAD_REQUEST,
                     NULL, "RequestLimitExceeded", "Throttling",
                     req->service == SERVICE_EC2 ? "Request limit exceeded." : "Rate exceeded");
      return TRUE;
    }

  if (faults->error_rate > 0 && g_rand_double (http->rand) < faults->error_rate)
    {
      if (req->service == SERVICE_DRS)
        soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                      "Retry-After", "1");
      reply_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "InternalServerException",
                   "InternalError", "InternalFailure",
                   "An internal error occurred (injected by the Sandbox's 5xx fault)");
      return TRUE;
    }

  return FALSE;
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* A SoupServer of libsoup before 3.3 never notices that a client closed a
 * kept-alive connection while it was idle (fixed in 3.3.0): the connection
 * stays open in CLOSE_WAIT for good. libsoup's client opens a new
 * connection for every POST, which is every AWS call, and closes the idle
 * ones, so the Sandbox would keep about one file descriptor per request
 * until none were left and it stopped answering. With those versions each
 * answer closes its connection. */
static void
close_after_answer (SoupServerMessage *msg)
{
  if (soup_get_major_version () == 3 && soup_get_minor_version () < 3)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  delayed->source_id = 0;
  soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove_fast (delayed->http->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
delayed_free (Delayed *delayed)
{
  g_clear_handle_id (&delayed->source_id, g_source_remove);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

static void
delay_answer (DrsoSandboxHttp   *http,
              SoupServerMessage *msg)
{
  const DrsoSandboxFaults *faults = &http->faults;
  guint ms;
  Delayed *delayed;

  if (faults->latency_max_ms == 0)
    return;
  ms = faults->latency_min_ms == faults->latency_max_ms
    ? faults->latency_min_ms
    : (guint) g_rand_int_range (http->rand, faults->latency_min_ms, faults->latency_max_ms + 1);
  if (ms == 0)
    return;

  delayed = g_new0 (Delayed, 1);
  delayed->http = http;
  delayed->msg = g_object_ref (msg);
  delayed->source_id = g_timeout_add (ms, delayed_cb, delayed);
  g_ptr_array_add (http->delayed, delayed);
  soup_server_message_pause (msg);
}

/* Services */

static void
answer_drs (DrsoSandboxHttp *http,
            Request         *req)
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
  gsize size;
  const char *body = g_bytes_get_data (req->body, &size);

  if (size == 0)
    {
      input = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (input, json_object_new ());
    }
  else if (!drso_sandbox_json_within_depth (body, size, MAX_JSON_DEPTH))
    {
      reply_drs_validation (req, "cannotParse",
                            "The request body nests deeper than 64 levels", NULL);
      return;
    }
  else if (!_drso_json_check_text (body, size, MAX_JSON_DEPTH, NULL))
    {
      /* json-glib would take the last value and leak the others. */
      reply_drs_validation (req, "cannotParse",
                            "The request body holds more than one JSON value", NULL);
      return;
    }
  else if (json_parser_load_from_data (parser, body, size, &error) &&
           json_parser_get_root (parser) != NULL &&
           JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    input = json_node_copy (json_parser_get_root (parser));
  else
    {
      g_autofree char *why = g_strdup_printf ("The request body is not a JSON object%s%s",
                                              error ? ": " : "", error ? error->message : "");

      reply_drs_validation (req, "cannotParse", why, NULL);
      return;
    }

  g_hash_table_iter_init (&iter, req->labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (json_node_get_object (input), key, value);

  if (!drso_sandbox_model_validate (http->model, req->operation, input, &message, &field_list))
    {
      reply_drs_validation (req, "fieldValidationFailed", message, field_list);
      return;
    }

  output = drso_sandbox_drs_lookup (req->operation) (http->world, req->caller->account_id,
                                                     json_node_get_object (input),
                                                     &error, &details);
  if (output != NULL)
    {
      /* The model's responseCode: 202 for StartRecovery, 200 for the rest. */
      reply_json (req, drso_sandbox_model_get_response_code (http->model, req->operation), NULL,
                  output);
      return;
    }

  switch (error->domain == DRSO_SANDBOX_ERROR ? (DrsoSandboxError) error->code
                                              : DRSO_SANDBOX_ERROR_INTERNAL)
    {
    case DRSO_SANDBOX_ERROR_VALIDATION:
      if (details != NULL && details->reason == NULL)
        details->reason = g_strdup ("other");
      reply_drs_error (req, SOUP_STATUS_BAD_REQUEST, "ValidationException", error->message,
                       details);
      break;
    case DRSO_SANDBOX_ERROR_NOT_FOUND:
      reply_drs_error (req, SOUP_STATUS_NOT_FOUND, "ResourceNotFoundException", error->message,
                       details);
      break;
    case DRSO_SANDBOX_ERROR_CONFLICT:
      reply_drs_error (req, SOUP_STATUS_CONFLICT, "ConflictException", error->message, details);
      break;
    case DRSO_SANDBOX_ERROR_QUOTA:
      reply_drs_error (req, SOUP_STATUS_PAYMENT_REQUIRED, "ServiceQuotaExceededException",
                       error->message, details);
      break;
    case DRSO_SANDBOX_ERROR_ACCESS_DENIED:
      reply_drs_error (req, SOUP_STATUS_FORBIDDEN, "AccessDeniedException", error->message,
                       details);
      break;
    case DRSO_SANDBOX_ERROR_INTERNAL:
    default:
      g_warning ("%s failed: %s", req->operation, error->message);
      reply_drs_error (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, "InternalServerException",
                       error->message, NULL);
      break;
    }
}

static void
answer (DrsoSandboxHttp *http,
        Request         *req)
{
  DrsoSandboxQueryReply reply = { 0, };

  switch (req->service)
    {
    case SERVICE_DRS:
      answer_drs (http, req);
      return;
    case SERVICE_EC2:
      drso_sandbox_ec2_handle (http->world, req->caller, req->params, req->request_id, &reply);
      break;
    case SERVICE_STS:
    default:
      drso_sandbox_sts_handle (http->world, req->caller, req->params, req->request_id, &reply);
      break;
    }
  reply_query (req, &reply);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  DrsoSandboxHttp *http = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  Request req = { .msg = msg };
  gboolean drop = FALSE, drop_before = FALSE;

  http->n_requests++;
  req.request_id = g_uuid_string_random ();

  /* A dropped connection may come before or after the work is done: the
   * client cannot tell which, and must find out. */
  if (http->faults.drop_rate > 0 && g_rand_double (http->rand) < http->faults.drop_rate)
    {
      drop = TRUE;
      drop_before = g_rand_boolean (http->rand);
    }
  if (drop && drop_before)
    {
      drop_connection (msg);
      request_clear (&req);
      return;
    }

  if (body->length > MAX_BODY_SIZE)
    {
      req.service = SERVICE_DRS;
      reply_drs_validation (&req, "other", "The request body is larger than 1 MiB", NULL);
    }
  else
    {
      req.body = soup_message_body_flatten (body);
      if (classify (http, &req, path) && authenticate (http, &req) &&
          !inject_failure (http, &req))
        answer (http, &req);
    }

  if (drop)
    drop_connection (msg);
  else
    {
      close_after_answer (msg);
      delay_answer (http, msg);
    }
  request_clear (&req);
}

/* Life */

DrsoSandboxHttp *
drso_sandbox_http_new (DrsoSandboxWorld *world,
                       guint64           seed)
{
  DrsoSandboxHttp *http = g_new0 (DrsoSandboxHttp, 1);

  http->world = world;
  http->model = drso_sandbox_model_ref (drso_sandbox_model_get_drs ());
  http->rand = g_rand_new_with_seed ((guint32) (seed ^ (seed >> 32) ^ 0x5a5a5a5a));
  http->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) delayed_free);
  /* Raw paths: the signature covers the path as the client encoded it. */
  http->server = soup_server_new ("raw-paths", TRUE,
                                  "server-header", "drso-sandbox",
                                  NULL);
  soup_server_add_handler (http->server, NULL, handle_cb, http, NULL);

  return http;
}

gboolean
drso_sandbox_http_listen (DrsoSandboxHttp  *http,
                          guint             port,
                          char            **url,
                          GError          **error)
{
  GSList *uris;
  char *str;

  if (!soup_server_listen_local (http->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (http->server);
  str = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (str, "/"))
    str[strlen (str) - 1] = '\0';
  *url = str;

  return TRUE;
}

void
drso_sandbox_http_set_faults (DrsoSandboxHttp         *http,
                              const DrsoSandboxFaults *faults)
{
  drso_sandbox_faults_clear (&http->faults);
  http->faults = *faults;
  http->faults.failing_servers = g_strdupv (faults->failing_servers);
  http->faults.stalling_servers = g_strdupv (faults->stalling_servers);
}

guint64
drso_sandbox_http_get_n_requests (DrsoSandboxHttp *http)
{
  return http->n_requests;
}

void
drso_sandbox_http_free (DrsoSandboxHttp *http)
{
  if (http == NULL)
    return;

  g_ptr_array_unref (http->delayed);
  soup_server_disconnect (http->server);
  g_object_unref (http->server);
  drso_sandbox_model_unref (http->model);
  drso_sandbox_faults_clear (&http->faults);
  g_rand_free (http->rand);
  g_free (http);
}
