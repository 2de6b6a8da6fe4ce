/* drso-aws-client.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "drso-aws-client-private.h"
#include "drso-aws-error-private.h"
#include "drso-aws-retry-private.h"
#include "drso-aws-xml-private.h"
#include "drso-sigv4-private.h"
#include "drso-json-private.h"
#include "drso-validation.h"

#define DEFAULT_TIMEOUT 60
#define CONNECT_TIMEOUT 10

/**
 * DrsoAwsClient:
 *
 * Sends signed requests to AWS over one #SoupSession on the main loop, with
 * the SDKs' standard retry mode: up to `AWS_MAX_ATTEMPTS` attempts (3 by
 * default), full-jitter backoff capped at 20 seconds, `Retry-After` honoured,
 * and a retry quota of 500 tokens shared by every call. Every failure is a
 * %DRSO_AWS_ERROR that carries AWS's error code, the HTTP status and the
 * request id.
 *
 * An https endpoint must show a certificate the system trusts, and nothing
 * turns that check off; a plain http:// endpoint is refused unless it is on
 * this computer (localhost, 127.0.0.0/8, ::1), as the Sandbox is.
 */
struct _DrsoAwsClient
{
  GObject         parent_instance;

  SoupSession    *session;
  DrsoRetryQuota  quota;
  guint           max_attempts;
  guint           timeout;
  double          backoff_scale;
  char           *sandbox_url;
};

G_DEFINE_FINAL_TYPE (DrsoAwsClient, drso_aws_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_ATTEMPTS,
  PROP_TIMEOUT,
  PROP_BACKOFF_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  DrsoAwsProtocol     protocol;
  char               *service;
  char               *region;
  char               *url;
  char               *host;
  char               *method;
  char               *path;
  char               *query;
  GBytes             *body;
  DrsoAwsCredentials *credentials;

  guint               attempt;
  guint               quota_taken;
  GCancellable       *attempt_cancellable;
  guint               deadline_id;
  guint               backoff_id;
  gulong              cancelled_id;
  gboolean            timed_out;
} Request;

static void
request_free (Request *request)
{
  g_free (request->service);
  g_free (request->region);
  g_free (request->url);
  g_free (request->host);
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->credentials, drso_aws_credentials_unref);
  g_clear_object (&request->attempt_cancellable);
  g_clear_handle_id (&request->deadline_id, g_source_remove);
  g_clear_handle_id (&request->backoff_id, g_source_remove);
  g_free (request);
}

/* Error parsing */

static char *
sanitize_error_code (const char *raw)
{
  g_autofree char *code = NULL;
  char *p;

  if (raw == NULL || raw[0] == '\0')
    return NULL;

  /* Keep what is before the first ':', then what is after the last '#'. */
  code = g_strdup (raw);
  if ((p = strchr (code, ':')) != NULL)
    *p = '\0';
  if ((p = strrchr (code, '#')) != NULL)
    return g_strdup (p + 1);
  return g_steal_pointer (&code);
}

static char *
json_string_member (JsonObject *object,
                    const char *a,
                    const char *b)
{
  const char *value = _drso_json_lookup_string (object, a);

  if (value == NULL && b != NULL)
    value = _drso_json_lookup_string (object, b);
  return g_strdup (value);
}

/* rest-json errors: the type from X-Amzn-Errortype, else the body's code or
 * Code, else __type; the message from message or Message. */
gboolean
_drso_aws_parse_json_error (const char  *error_type_header,
                            GBytes      *body,
                            char       **code,
                            char       **message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *raw_code = NULL;
  JsonObject *object = NULL;
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;

  *code = NULL;
  *message = NULL;

  /* json-glib leaks on two values and overflows the stack on deep nesting:
   * it only sees what _drso_json_check_text() lets through. */
  if (data != NULL && length > 0 &&
      _drso_json_check_text (data, length, DRSO_JSON_MAX_DEPTH, NULL) &&
      json_parser_load_from_data (parser, data, length, NULL) &&
      json_parser_get_root (parser) != NULL && JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    object = json_node_get_object (json_parser_get_root (parser));

  if (error_type_header != NULL && error_type_header[0] != '\0')
    raw_code = g_strdup (error_type_header);
  else if (object != NULL)
    {
      raw_code = json_string_member (object, "code", "Code");
      if (raw_code == NULL)
        raw_code = json_string_member (object, "__type", NULL);
    }

  if (object != NULL)
    *message = json_string_member (object, "message", "Message");
  *code = sanitize_error_code (raw_code);
  return *code != NULL || *message != NULL;
}

/* EC2 (<Response><Errors><Error>) and query (<ErrorResponse><Error>) errors. */
gboolean
_drso_aws_parse_xml_error (GBytes  *body,
                           char   **code,
                           char   **message,
                           char   **request_id)
{
  g_autoptr(DrsoXmlNode) root = NULL;
  DrsoXmlNode *error_node;
  gsize length = 0;
  const char *data = body ? g_bytes_get_data (body, &length) : NULL;

  *code = *message = *request_id = NULL;
  if (data == NULL || length == 0 || (root = _drso_xml_parse (data, length, NULL)) == NULL)
    return FALSE;

  error_node = _drso_xml_child (root, "Errors/Error");
  if (error_node == NULL)
    error_node = _drso_xml_child (root, "Error");
  if (error_node == NULL)
    return FALSE;

  *code = g_strdup (_drso_xml_text (error_node, "Code"));
  *message = g_strdup (_drso_xml_text (error_node, "Message"));
  *request_id = g_strdup (_drso_xml_text (root, "RequestID"));
  if (*request_id == NULL)
    *request_id = g_strdup (_drso_xml_text (root, "RequestId"));
  return *code != NULL;
}

/* Endpoints */

static gboolean
env_is_true (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && g_ascii_strcasecmp (value, "true") == 0;
}

/**
 * drso_aws_client_dup_endpoint:
 * @self: a #DrsoAwsClient
 * @service: a service such as `drs`
 * @region: a region
 * @account_endpoint: (nullable): the account's own endpoint
 *
 * Finds where calls to @service go: the account's own endpoint when it has
 * one (the Sandbox's, say); else `AWS_ENDPOINT_URL_<SERVICE>`; else
 * `AWS_ENDPOINT_URL`; else `https://@service.@region.amazonaws.com`.
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` ignores the variables.
 *
 * Returns: (transfer full): the endpoint URL, without a trailing slash
 */
char *
drso_aws_client_dup_endpoint (DrsoAwsClient *self,
                              const char    *service,
                              const char    *region,
                              const char    *account_endpoint)
{
  g_autofree char *variable = NULL;
  const char *value = account_endpoint;
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (region != NULL, NULL);

  if ((value == NULL || value[0] == '\0') && !env_is_true ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
    {
      g_autofree char *upper = g_ascii_strup (service, -1);

      g_strdelimit (upper, "-", '_');
      variable = g_strconcat ("AWS_ENDPOINT_URL_", upper, NULL);
      value = g_getenv (variable);
      if (value == NULL || value[0] == '\0')
        value = g_getenv ("AWS_ENDPOINT_URL");
    }

  if (value == NULL || value[0] == '\0')
    return g_strdup_printf ("https://%s.%s.amazonaws.com", service, region);

  endpoint = g_strdup (value);
  while (g_str_has_suffix (endpoint, "/"))
    endpoint[strlen (endpoint) - 1] = '\0';
  return g_steal_pointer (&endpoint);
}

/* Whether @host (as GUri gives it: no brackets around an IPv6 address) is
 * this computer: localhost, 127.0.0.0/8 or ::1. */
static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The Host header exactly as libsoup will send it. */
static char *
host_header (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  const char *scheme = g_uri_get_scheme (uri);
  gboolean default_port = port == -1 ||
                          (g_ascii_strcasecmp (scheme, "https") == 0 && port == 443) ||
                          (g_ascii_strcasecmp (scheme, "http") == 0 && port == 80);
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (default_port)
    return ipv6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  return ipv6 ? g_strdup_printf ("[%s]:%d", host, port) : g_strdup_printf ("%s:%d", host, port);
}

/* Sending */

static void send_attempt (GTask *task);

static const char *
content_type (DrsoAwsProtocol protocol)
{
  return protocol == DRSO_AWS_PROTOCOL_REST_JSON ? "application/json"
                                                 : "application/x-www-form-urlencoded; charset=utf-8";
}

static SoupMessage *
build_message (Request  *request,
               GError  **error)
{
  g_autoptr(DrsoSigv4Request) sig = NULL;
  g_autofree char *uri_string = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessage *message;
  SoupMessageHeaders *headers;
  DrsoSigv4Credentials creds = {
    drso_aws_credentials_get_access_key_id (request->credentials),
    drso_aws_credentials_get_secret_access_key (request->credentials),
    drso_aws_credentials_get_session_token (request->credentials),
  };
  DrsoSigv4Options options = { 0 };
  gsize body_length = 0;
  gconstpointer body_data = request->body ? g_bytes_get_data (request->body, &body_length) : "";

  uri_string = g_strconcat (request->url, request->path, request->query ? "?" : "",
                            request->query ? request->query : "", NULL);
  uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, error);
  if (uri == NULL)
    return NULL;

  message = soup_message_new_from_uri (request->method, uri);
  /* A redirection is answered as the error it is for these APIs: followed,
   * it would send the signed request, session token included, wherever the
   * server said, over plain http too. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);

  sig = drso_sigv4_request_new (request->method, request->path, request->query);
  drso_sigv4_request_add_header (sig, "Host", request->host);
  if (request->body != NULL)
    drso_sigv4_request_add_header (sig, "Content-Type", content_type (request->protocol));
  drso_sigv4_request_set_payload (sig, body_data, body_length);

  options.region = request->region;
  options.service = request->service;
  options.time = g_get_real_time () / G_USEC_PER_SEC;
  options.normalize_path = TRUE;
  options.double_encode = TRUE;
  drso_sigv4_sign (sig, &creds, &options);

  for (guint i = 0; i < drso_sigv4_request_get_n_headers (sig); i++)
    {
      const char *name = drso_sigv4_request_get_header_name (sig, i);

      if (g_ascii_strcasecmp (name, "Host") == 0)
        continue;
      soup_message_headers_replace (headers, name, drso_sigv4_request_get_header_value (sig, i));
    }

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, content_type (request->protocol),
                                              request->body);
  return message;
}

static gboolean
deadline_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->deadline_id = 0;
  request->timed_out = TRUE;
  g_cancellable_cancel (request->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
backoff_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->backoff_id = 0;
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Drops the operation's reference once its result is returned. */
static void
release (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request != NULL && request->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), request->cancelled_id);
      request->cancelled_id = 0;
    }
  g_object_unref (task);
}

static void
finish_error (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  _drso_aws_error_set_attempts (error, request->attempt);
  g_task_return_error (task, error);
  release (task);
}

/* Decides after a failed attempt: retry (TRUE), or report @error. */
static gboolean
maybe_retry (GTask         *task,
             DrsoRetryKind  kind,
             double         retry_after,
             const GError  *error)
{
  DrsoAwsClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  double delay;

  if (kind == DRSO_RETRY_NO || request->attempt >= self->max_attempts)
    return FALSE;
  if (!_drso_retry_quota_acquire (&self->quota, kind, &request->quota_taken))
    {
      g_debug ("Retry quota exhausted; not retrying %s %s", request->method, request->path);
      return FALSE;
    }

  delay = _drso_retry_delay (request->attempt, g_random_double (), retry_after) *
          self->backoff_scale;
  g_debug ("Attempt %u of %s %s failed (%s); retrying in %.3f s", request->attempt,
           request->method, request->path, error->message, delay);
  g_signal_emit (self, signals[SIGNAL_RETRY], 0, request->attempt, delay, error);
  request->backoff_id = g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (delay * 1000.0),
                                            backoff_cb, task, NULL);
  return TRUE;
}

static double
parse_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  guint64 seconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 0, 3600, &seconds, NULL))
    return (double) seconds;
  return 0;
}

/* Why a server's certificate was refused, in words. */
static char *
describe_certificate_errors (GTlsCertificateFlags  flags,
                             const GError         *error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  static const struct
  {
    GTlsCertificateFlags flag;
    const char          *text;
  } reasons[] = {
    /* TRANSLATORS: this and the next five say why a server's TLS certificate
     * is refused; they end “its TLS certificate is not trusted (…)” */
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is not signed by a known certificate authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was not issued to this host") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("its algorithm is insecure") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      if ((flags & reasons[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, g_dgettext (GETTEXT_PACKAGE, reasons[i].text));
    }
  if (text->len == 0)
    g_string_append (text, error->message);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DrsoAwsClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  g_autofree char *request_id = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_clear_handle_id (&request->deadline_id, g_source_remove);

  if (body == NULL)
    {
      GError *final = NULL;
      gboolean timed_out = request->timed_out;

      if (g_task_return_error_if_cancelled (task))
        {
          release (task);
          return;
        }
      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          /* Not retried: the same certificate comes back. */
          g_autofree char *why = describe_certificate_errors (
            soup_message_get_tls_peer_certificate_errors (message), error);

          g_set_error (&final, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK,
                       /* TRANSLATORS: %s is a host such as drs.us-east-1.amazonaws.com,
                        * then why its certificate is refused */
                       _("Refused the connection to %s: its TLS certificate is not trusted "
                         "(%s)"),
                       request->host, why);
          finish_error (task, final);
          return;
        }
      if (timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        _drso_aws_set_error_literal (&final, DRSO_AWS_ERROR_TIMEOUT,
                                     _("AWS did not answer in time"), request->attempt);
      else
        g_set_error (&final, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK,
                     _("Could not reach %s: %s"), request->host, error->message);

      if (maybe_retry (task, _drso_retry_classify (0, NULL, TRUE, timed_out), 0, final))
        {
          g_error_free (final);
          return;
        }
      finish_error (task, final);
      return;
    }

  status = soup_message_get_status (message);
  if (status >= 200 && status < 300)
    {
      _drso_retry_quota_release (&self->quota, request->quota_taken);
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      release (task);
      return;
    }

  {
    SoupMessageHeaders *headers = soup_message_get_response_headers (message);
    GError *final = NULL;

    if (request->protocol == DRSO_AWS_PROTOCOL_REST_JSON)
      {
        _drso_aws_parse_json_error (soup_message_headers_get_one (headers, "X-Amzn-Errortype"),
                                    body, &code, &text);
        request_id = g_strdup (soup_message_headers_get_one (headers, "x-amzn-RequestId"));
      }
    else
      {
        _drso_aws_parse_xml_error (body, &code, &text, &request_id);
        if (request_id == NULL)
          request_id = g_strdup (soup_message_headers_get_one (headers, "x-amzn-RequestId"));
      }

    if (code == NULL && text == NULL)
      text = g_strdup_printf (_("AWS answered HTTP %u with no error details"), status);

    _drso_aws_set_error (&final, code, text, status, request_id, request->attempt);
    if (maybe_retry (task, _drso_retry_classify (status, code, FALSE, FALSE),
                     parse_retry_after (message), final))
      {
        g_error_free (final);
        return;
      }
    finish_error (task, final);
  }
}

static void
send_attempt (GTask *task)
{
  DrsoAwsClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      release (task);
      return;
    }

  request->attempt++;
  request->timed_out = FALSE;
  g_clear_object (&request->attempt_cancellable);
  request->attempt_cancellable = g_cancellable_new ();

  message = build_message (request, &error);
  if (message == NULL)
    {
      GError *final = NULL;

      g_set_error (&final, DRSO_AWS_ERROR, DRSO_AWS_ERROR_FAILED,
                   _("The endpoint %s is not a valid URL: %s"), request->url, error->message);
      g_error_free (error);
      finish_error (task, final);
      return;
    }

  request->deadline_id = g_timeout_add_seconds (self->timeout, deadline_cb, task);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    request->attempt_cancellable, sent_cb, task);
}

static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  Request *request = g_task_get_task_data (task);

  /* Stops the attempt in flight; a pending backoff is stopped on the main
   * context so the task finishes there. */
  g_cancellable_cancel (request->attempt_cancellable);
}

static gboolean
cancel_backoff_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  if (request->backoff_id != 0 && g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_clear_handle_id (&request->backoff_id, g_source_remove);
      send_attempt (task);   /* returns the cancellation */
    }
  return G_SOURCE_REMOVE;
}

static void
cancelled_in_backoff_cb (GCancellable *cancellable,
                         GTask        *task)
{
  cancelled_cb (cancellable, task);
  g_idle_add_full (G_PRIORITY_DEFAULT, cancel_backoff_cb, g_object_ref (task), g_object_unref);
}

void
_drso_aws_client_send_async (DrsoAwsClient       *self,
                             const DrsoAwsCall   *call,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Request *request;
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (DRSO_IS_AWS_CLIENT (self));
  g_return_if_fail (call != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _drso_aws_client_send_async);

  if (call->credentials == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                               _("No AWS credentials to sign the request with"));
      g_object_unref (task);
      return;
    }

  /* The region names a host of AWS's (drs.REGION.amazonaws.com): it is a
   * region name, nothing that could point elsewhere. */
  {
    GError *error = NULL;

    if (!drso_validate_region (call->region, &error))
      {
        g_task_return_error (task, error);
        g_object_unref (task);
        return;
      }
  }

  request = g_new0 (Request, 1);
  request->protocol = call->protocol;
  request->service = g_strdup (call->service);
  request->region = g_strdup (call->region);
  request->url = drso_aws_client_dup_endpoint (self, call->service, call->region,
                                               call->account_endpoint);
  request->method = g_strdup (call->method);
  request->path = g_strdup (call->path ? call->path : "/");
  request->query = g_strdup (call->query);
  request->body = call->body ? g_bytes_ref (call->body) : NULL;
  request->credentials = drso_aws_credentials_ref (call->credentials);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  uri = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      !(g_str_equal (g_uri_get_scheme (uri), "https") || g_str_equal (g_uri_get_scheme (uri), "http")))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_FAILED,
                               _("The endpoint %s is not an http or https URL"), request->url);
      g_object_unref (task);
      return;
    }
  /* Calls are signed, and what comes back decides what the engine launches:
   * without TLS they go to this computer only (the Sandbox, a test server).
   * Nothing turns certificate checks off for an https endpoint. */
  if (g_str_equal (g_uri_get_scheme (uri), "http") && !is_loopback_host (g_uri_get_host (uri)))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_FAILED,
                               /* TRANSLATORS: %s is a URL such as http://drs.example.com */
                               _("The endpoint %s is refused: plain http:// is allowed only for "
                                 "this computer (localhost, 127.0.0.1, ::1), since anyone on the "
                                 "network could read and change its calls; use https://"),
                               request->url);
      g_object_unref (task);
      return;
    }
  request->host = host_header (uri);

  if (cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (cancellable,
                                                   G_CALLBACK (cancelled_in_backoff_cb),
                                                   task, NULL);
  send_attempt (task);
}

GBytes *
_drso_aws_client_send_finish (DrsoAwsClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
json_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data;

  body = _drso_aws_client_send_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_bytes_get_data (body, &length);
  if (length == 0)
    data = "{}", length = 2;
  if (!_drso_json_check_text (data, length, DRSO_JSON_MAX_DEPTH, &error) ||
      !json_parser_load_from_data (parser, data, length, &error) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("AWS answered with JSON that could not be read: %s"),
                               error ? error->message : _("not an object"));
      return;
    }
  g_task_return_pointer (task, json_node_ref (json_parser_get_root (parser)),
                         (GDestroyNotify) json_node_unref);
}

void
_drso_aws_client_json_async (DrsoAwsClient       *self,
                             const DrsoAwsCall   *call,
                             JsonNode            *request,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) body = NULL;
  DrsoAwsCall copy = *call;
  GTask *task;
  char *text;
  gsize length;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _drso_aws_client_json_async);

  json_generator_set_root (generator, request);
  text = json_generator_to_data (generator, &length);
  body = g_bytes_new_take (text, length);
  copy.body = body;
  _drso_aws_client_send_async (self, &copy, cancellable, json_sent_cb, task);
}

JsonNode *
_drso_aws_client_json_finish (DrsoAwsClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
drso_aws_client_finalize (GObject *object)
{
  DrsoAwsClient *self = (DrsoAwsClient *) object;

  g_clear_object (&self->session);
  g_free (self->sandbox_url);

  G_OBJECT_CLASS (drso_aws_client_parent_class)->finalize (object);
}

static void
drso_aws_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DrsoAwsClient *self = DRSO_AWS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_BACKOFF_SCALE:
      g_value_set_double (value, self->backoff_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_aws_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DrsoAwsClient *self = DRSO_AWS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_MAX_ATTEMPTS:
      drso_aws_client_set_max_attempts (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      drso_aws_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_BACKOFF_SCALE:
      drso_aws_client_set_backoff_scale (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_aws_client_class_init (DrsoAwsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_aws_client_finalize;
  object_class->get_property = drso_aws_client_get_property;
  object_class->set_property = drso_aws_client_set_property;

  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, DRSO_RETRY_DEFAULT_MAX_ATTEMPTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKOFF_SCALE] =
    g_param_spec_double ("backoff-scale", NULL, NULL, 0.0, 10.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoAwsClient::retry:
   * @self: the client
   * @attempt: the number of the attempt that failed, from 1
   * @delay: the seconds before the next attempt
   * @error: why the attempt failed
   *
   * Emitted when a failed attempt will be sent again.
   */
  signals[SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_ERROR);
}

static void
drso_aws_client_init (DrsoAwsClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("drs-orchestrator/%s ", PACKAGE_VERSION);

  /* The trailing space makes libsoup append its own name and version. */
  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", CONNECT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 NULL);
  self->max_attempts = _drso_retry_max_attempts (g_getenv ("AWS_MAX_ATTEMPTS"));
  self->timeout = DEFAULT_TIMEOUT;
  self->backoff_scale = 1.0;
  _drso_retry_quota_init (&self->quota);
}

/**
 * drso_aws_client_new:
 *
 * Returns: (transfer full): a new client with its own connections and retry quota
 */
DrsoAwsClient *
drso_aws_client_new (void)
{
  return g_object_new (DRSO_TYPE_AWS_CLIENT, NULL);
}

/**
 * drso_aws_client_get_default:
 *
 * Returns: (transfer none): the process's shared client
 */
DrsoAwsClient *
drso_aws_client_get_default (void)
{
  static gsize initialized;
  static DrsoAwsClient *client;

  if (g_once_init_enter (&initialized))
    {
      client = drso_aws_client_new ();
      g_once_init_leave (&initialized, 1);
    }
  return client;
}

/**
 * drso_aws_client_get_max_attempts:
 * @self: a #DrsoAwsClient
 *
 * Returns: how many times a request is sent at most, the first included
 */
guint
drso_aws_client_get_max_attempts (DrsoAwsClient *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (self), 0);
  return self->max_attempts;
}

/**
 * drso_aws_client_set_max_attempts:
 * @self: a #DrsoAwsClient
 * @max_attempts: how many times to send a request at most, from 1
 */
void
drso_aws_client_set_max_attempts (DrsoAwsClient *self,
                                  guint          max_attempts)
{
  g_return_if_fail (DRSO_IS_AWS_CLIENT (self));
  max_attempts = MAX (max_attempts, 1);
  if (self->max_attempts == max_attempts)
    return;
  self->max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

/**
 * drso_aws_client_get_timeout:
 * @self: a #DrsoAwsClient
 *
 * Returns: the seconds one attempt may take, answer included
 */
guint
drso_aws_client_get_timeout (DrsoAwsClient *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (self), 0);
  return self->timeout;
}

/**
 * drso_aws_client_set_timeout:
 * @self: a #DrsoAwsClient
 * @seconds: the seconds one attempt may take
 */
void
drso_aws_client_set_timeout (DrsoAwsClient *self,
                             guint          seconds)
{
  g_return_if_fail (DRSO_IS_AWS_CLIENT (self));
  seconds = MAX (seconds, 1);
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * drso_aws_client_get_backoff_scale:
 * @self: a #DrsoAwsClient
 *
 * Returns: the factor applied to every backoff delay (1 in normal use)
 */
double
drso_aws_client_get_backoff_scale (DrsoAwsClient *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (self), 1.0);
  return self->backoff_scale;
}

/**
 * drso_aws_client_set_backoff_scale:
 * @self: a #DrsoAwsClient
 * @scale: the factor applied to every backoff delay
 *
 * Shortens (or lengthens) the waits between attempts, for a simulated region
 * that runs faster than real time.
 */
void
drso_aws_client_set_backoff_scale (DrsoAwsClient *self,
                                   double         scale)
{
  g_return_if_fail (DRSO_IS_AWS_CLIENT (self));
  if (self->backoff_scale == scale)
    return;
  self->backoff_scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKOFF_SCALE]);
}

/**
 * drso_aws_client_get_retry_quota:
 * @self: a #DrsoAwsClient
 *
 * Returns: the tokens left in the retry quota (500 when full)
 */
guint
drso_aws_client_get_retry_quota (DrsoAwsClient *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (self), 0);
  return self->quota.available;
}

/**
 * drso_aws_client_get_sandbox_url:
 * @self: a #DrsoAwsClient
 *
 * Returns: (nullable): where the Sandbox that serves simulated accounts
 *   answers, or %NULL if there is none
 */
const char *
drso_aws_client_get_sandbox_url (DrsoAwsClient *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (self), NULL);
  return self->sandbox_url;
}

/**
 * drso_aws_client_set_sandbox_url:
 * @self: a #DrsoAwsClient
 * @url: (nullable): where the Sandbox answers, or %NULL
 *
 * Sets the Sandbox that serves the simulated accounts (see
 * drso_sandbox_connect()). Calls for a simulated account never go anywhere
 * else: without a Sandbox they fail.
 */
void
drso_aws_client_set_sandbox_url (DrsoAwsClient *self,
                                 const char    *url)
{
  g_return_if_fail (DRSO_IS_AWS_CLIENT (self));
  g_free (self->sandbox_url);
  self->sandbox_url = g_strdup (url);
}

/**
 * drso_aws_client_get_account_endpoint:
 * @self: a #DrsoAwsClient
 * @account: an account
 *
 * The endpoint that replaces AWS's for @account: the Sandbox's for a
 * simulated account, else the account's own if it has one.
 *
 * Returns: (nullable): the endpoint, or %NULL for AWS's own
 */
const char *
drso_aws_client_get_account_endpoint (DrsoAwsClient *self,
                                      DrsoAccount   *account)
{
  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (self), NULL);
  g_return_val_if_fail (DRSO_IS_ACCOUNT (account), NULL);

  if (drso_account_get_simulated (account))
    return self->sandbox_url;
  return drso_account_get_endpoint_url (account);
}
