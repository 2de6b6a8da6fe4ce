/* drso-sigv4.c
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

#define G_LOG_DOMAIN "drso-sigv4"

#include "config.h"

#include <string.h>

#include "drso-sigv4-internal.h"

/* The request object, the signing options and the entry points: signing in
 * the headers, presigning in the query, and the canonical request, string to
 * sign and signature of a request as they stand. The canonical forms are made
 * in drso-sigv4-canonical.c, the HMACs and the signing keys in
 * drso-sigv4-key.c; drso-sigv4-verify.c checks received requests. */

#define DEFAULT_EXPIRES    3600

/* Helpers: dates */

static void
put_digits (char   *out,
            gint64  value,
            guint   width)
{
  while (width-- > 0)
    {
      out[width] = '0' + value % 10;
      value /= 10;
    }
}

/* Writes @time as an ISO 8601 basic date, "20150830T123600Z". */
void
_drso_sigv4_format_amz_date (gint64  time,
                             char    out[AMZ_DATE_LENGTH + 1])
{
  gint64 days = time / 86400;
  gint64 secs = time % 86400;
  gint64 z, era, doe, yoe, doy, mp, y;
  guint m, d;

  if (secs < 0)
    {
      secs += 86400;
      days--;
    }

  z = days + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);

  put_digits (out, y, 4);
  put_digits (out + 4, m, 2);
  put_digits (out + 6, d, 2);
  out[8] = 'T';
  put_digits (out + 9, secs / 3600, 2);
  put_digits (out + 11, secs / 60 % 60, 2);
  put_digits (out + 13, secs % 60, 2);
  out[15] = 'Z';
  out[16] = '\0';
}

/* Request */

/**
 * drso_sigv4_request_new:
 * @method: the HTTP method, e.g. "GET"
 * @raw_path: the path as on the wire, percent-encoded
 * @raw_query: (nullable): the query as on the wire, without "?"
 *
 * Returns: (transfer full): a request without headers and with an empty body
 */
DrsoSigv4Request *
drso_sigv4_request_new (const char *method,
                        const char *raw_path,
                        const char *raw_query)
{
  DrsoSigv4Request *req;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (raw_path != NULL, NULL);

  req = g_new0 (DrsoSigv4Request, 1);
  req->method = g_strdup (method);
  req->raw_path = g_strdup (raw_path);
  req->raw_query = raw_query != NULL && *raw_query != '\0' ? g_strdup (raw_query) : NULL;
  req->headers = g_array_sized_new (FALSE, FALSE, sizeof (Header), 8);

  return req;
}

void
drso_sigv4_request_free (DrsoSigv4Request *req)
{
  if (req == NULL)
    return;

  for (guint i = 0; i < req->headers->len; i++)
    {
      Header *h = &g_array_index (req->headers, Header, i);

      g_free (h->name);
      g_free (h->value);
    }
  g_array_unref (req->headers);
  g_free (req->method);
  g_free (req->raw_path);
  g_free (req->raw_query);
  g_free (req->payload_hash);
  g_free (req);
}

const char *
drso_sigv4_request_get_method (DrsoSigv4Request *req)
{
  g_return_val_if_fail (req != NULL, NULL);

  return req->method;
}

const char *
drso_sigv4_request_get_raw_path (DrsoSigv4Request *req)
{
  g_return_val_if_fail (req != NULL, NULL);

  return req->raw_path;
}

const char *
drso_sigv4_request_get_raw_query (DrsoSigv4Request *req)
{
  g_return_val_if_fail (req != NULL, NULL);

  return req->raw_query;
}

/**
 * drso_sigv4_request_add_header:
 * @req: a request
 * @name: the header name, in any case
 * @value: its value, as sent
 *
 * Appends a header. Repeated names are allowed and keep their order.
 */
void
drso_sigv4_request_add_header (DrsoSigv4Request *req,
                               const char       *name,
                               const char       *value)
{
  Header h;

  g_return_if_fail (req != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  h.name = g_strdup (name);
  h.value = g_strdup (value);
  g_array_append_val (req->headers, h);
}

/**
 * drso_sigv4_request_remove_header:
 * @req: a request
 * @name: a header name, in any case
 *
 * Returns: how many headers named @name were removed
 */
guint
drso_sigv4_request_remove_header (DrsoSigv4Request *req,
                                  const char       *name)
{
  guint removed = 0;

  g_return_val_if_fail (req != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = req->headers->len; i-- > 0;)
    {
      Header *h = &g_array_index (req->headers, Header, i);

      if (g_ascii_strcasecmp (h->name, name) == 0)
        {
          g_free (h->name);
          g_free (h->value);
          g_array_remove_index (req->headers, i);
          removed++;
        }
    }

  return removed;
}

guint
drso_sigv4_request_get_n_headers (DrsoSigv4Request *req)
{
  g_return_val_if_fail (req != NULL, 0);

  return req->headers->len;
}

const char *
drso_sigv4_request_get_header_name (DrsoSigv4Request *req,
                                    guint             i)
{
  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (i < req->headers->len, NULL);

  return g_array_index (req->headers, Header, i).name;
}

const char *
drso_sigv4_request_get_header_value (DrsoSigv4Request *req,
                                     guint             i)
{
  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (i < req->headers->len, NULL);

  return g_array_index (req->headers, Header, i).value;
}

/**
 * drso_sigv4_request_lookup_header:
 * @req: a request
 * @name: a header name, in any case
 *
 * Returns: (nullable): the value of the first header named @name
 */
const char *
drso_sigv4_request_lookup_header (DrsoSigv4Request *req,
                                  const char       *name)
{
  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < req->headers->len; i++)
    {
      const Header *h = &g_array_index (req->headers, Header, i);

      if (g_ascii_strcasecmp (h->name, name) == 0)
        return h->value;
    }

  return NULL;
}

/**
 * drso_sigv4_request_set_payload:
 * @req: a request
 * @data: (array length=length) (nullable): the body
 * @length: its length
 *
 * Stores the SHA-256 of the body; the body itself is not kept.
 */
void
drso_sigv4_request_set_payload (DrsoSigv4Request *req,
                                const void       *data,
                                gsize             length)
{
  g_return_if_fail (req != NULL);
  g_return_if_fail (data != NULL || length == 0);

  g_clear_pointer (&req->payload_hash, g_free);
  if (length > 0)
    {
      req->payload_hash = g_malloc (2 * SHA256_LENGTH + 1);
      _drso_sigv4_sha256_hex (data, length, req->payload_hash);
    }
}

/**
 * drso_sigv4_request_set_payload_hash:
 * @req: a request
 * @hex: (nullable): the payload's hash as lower-case hex, or a marker such as
 *   %DRSO_SIGV4_UNSIGNED_PAYLOAD; %NULL for an empty body
 */
void
drso_sigv4_request_set_payload_hash (DrsoSigv4Request *req,
                                     const char       *hex)
{
  g_return_if_fail (req != NULL);

  g_free (req->payload_hash);
  req->payload_hash = g_strdup (hex);
}

const char *
drso_sigv4_request_get_payload_hash (DrsoSigv4Request *req)
{
  g_return_val_if_fail (req != NULL, NULL);

  return req->payload_hash != NULL ? req->payload_hash : DRSO_SIGV4_EMPTY_PAYLOAD_HASH;
}

/* Signing */

/**
 * drso_sigv4_options_init:
 *
 * Fills @opts with the defaults for @service: path normalization and double
 * encoding for every service but S3, the body hash unsigned as a header, the
 * session token signed, presigned URLs valid for an hour.
 */
void
drso_sigv4_options_init (DrsoSigv4Options *opts,
                         const char       *region,
                         const char       *service,
                         gint64            time)
{
  gboolean s3;

  g_return_if_fail (opts != NULL);
  g_return_if_fail (service != NULL);

  s3 = strcmp (service, "s3") == 0;
  memset (opts, 0, sizeof *opts);
  opts->region = region;
  opts->service = service;
  opts->time = time;
  opts->normalize_path = !s3;
  opts->double_encode = !s3;
  opts->expires = DEFAULT_EXPIRES;
}

static const char *
session_token (const DrsoSigv4Credentials *creds)
{
  return creds->session_token != NULL && *creds->session_token != '\0' ?
         creds->session_token : NULL;
}

static gboolean
options_valid (const DrsoSigv4Options *opts)
{
  return opts != NULL && opts->region != NULL && opts->service != NULL &&
         opts->time >= 0 && opts->time <= MAX_TIME;
}

/**
 * drso_sigv4_format_date:
 * @time: seconds since 1970
 *
 * Returns: (transfer full): @time as X-Amz-Date writes it, "20150830T123600Z"
 */
char *
drso_sigv4_format_date (gint64 time)
{
  char date[AMZ_DATE_LENGTH + 1];

  g_return_val_if_fail (time >= 0 && time <= MAX_TIME, NULL);

  _drso_sigv4_format_amz_date (time, date);

  return g_strdup (date);
}

/**
 * drso_sigv4_canonical_request:
 * @req: a request, with its headers as they will be signed
 * @opts: the signing options
 *
 * Returns: (transfer full): the canonical request of @req
 */
char *
drso_sigv4_canonical_request (DrsoSigv4Request       *req,
                              const DrsoSigv4Options *opts)
{
  GString *out;
  HeaderSet set;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  out = g_string_sized_new (1024);
  _drso_sigv4_header_set_init (&set, req, NULL);
  _drso_sigv4_append_canonical_request (out, req, opts, req->raw_query, &set);
  _drso_sigv4_header_set_clear (&set);

  return g_string_free (out, FALSE);
}

/**
 * drso_sigv4_string_to_sign:
 *
 * Returns: (transfer full): the string to sign of @req at @opts->time
 */
char *
drso_sigv4_string_to_sign (DrsoSigv4Request       *req,
                           const DrsoSigv4Options *opts)
{
  char date[AMZ_DATE_LENGTH + 1];
  HeaderSet set;
  GString *sts;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  _drso_sigv4_format_amz_date (opts->time, date);
  _drso_sigv4_header_set_init (&set, req, NULL);
  sts = _drso_sigv4_build_string_to_sign (req, opts, req->raw_query, &set, date);
  _drso_sigv4_header_set_clear (&set);

  return g_string_free (sts, FALSE);
}

/**
 * drso_sigv4_signature:
 *
 * Returns: (transfer full): the hex signature of @req as it stands, with
 *   neither header nor parameter added
 */
char *
drso_sigv4_signature (DrsoSigv4Request           *req,
                      const DrsoSigv4Credentials *creds,
                      const DrsoSigv4Options     *opts)
{
  char date[AMZ_DATE_LENGTH + 1];
  char signature[2 * SHA256_LENGTH + 1];
  g_autoptr(GString) sts = NULL;
  HeaderSet set;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (creds != NULL && creds->secret_access_key != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  _drso_sigv4_format_amz_date (opts->time, date);
  _drso_sigv4_header_set_init (&set, req, NULL);
  sts = _drso_sigv4_build_string_to_sign (req, opts, req->raw_query, &set, date);
  _drso_sigv4_sign_string (creds->secret_access_key, date, opts->region, opts->service,
                           sts->str, sts->len, signature);
  _drso_sigv4_header_set_clear (&set);

  return g_strdup (signature);
}

/**
 * drso_sigv4_sign:
 * @req: the request to sign
 * @creds: the credentials
 * @opts: the signing options
 *
 * Signs @req in its headers. Any previous Authorization and X-Amz-Date (and
 * X-Amz-Security-Token when @creds has a token) are replaced, so a request may
 * be signed again for a retry. Adds X-Amz-Date, X-Amz-Security-Token,
 * x-amz-content-sha256 (with @opts->sign_body) and Authorization.
 */
void
drso_sigv4_sign (DrsoSigv4Request           *req,
                 const DrsoSigv4Credentials *creds,
                 const DrsoSigv4Options     *opts)
{
  char date[AMZ_DATE_LENGTH + 1];
  char signature[2 * SHA256_LENGTH + 1];
  g_autoptr(GString) buffer = NULL;
  const char *token;
  HeaderSet set;

  g_return_if_fail (req != NULL);
  g_return_if_fail (creds != NULL && creds->access_key_id != NULL);
  g_return_if_fail (creds->secret_access_key != NULL);
  g_return_if_fail (options_valid (opts));

  token = session_token (creds);
  _drso_sigv4_format_amz_date (opts->time, date);

  drso_sigv4_request_remove_header (req, "Authorization");
  drso_sigv4_request_remove_header (req, "X-Amz-Date");
  drso_sigv4_request_add_header (req, "X-Amz-Date", date);
  if (token != NULL)
    {
      drso_sigv4_request_remove_header (req, "X-Amz-Security-Token");
      if (!opts->omit_session_token)
        drso_sigv4_request_add_header (req, "X-Amz-Security-Token", token);
    }
  if (opts->sign_body)
    {
      drso_sigv4_request_remove_header (req, "x-amz-content-sha256");
      drso_sigv4_request_add_header (req, "x-amz-content-sha256",
                                     drso_sigv4_request_get_payload_hash (req));
    }

  _drso_sigv4_header_set_init (&set, req, NULL);
  buffer = _drso_sigv4_build_string_to_sign (req, opts, req->raw_query, &set, date);
  _drso_sigv4_sign_string (creds->secret_access_key, date, opts->region, opts->service,
                           buffer->str, buffer->len, signature);

  g_string_truncate (buffer, 0);
  g_string_append (buffer, DRSO_SIGV4_ALGORITHM " Credential=");
  g_string_append (buffer, creds->access_key_id);
  g_string_append_c (buffer, '/');
  _drso_sigv4_append_scope (buffer, date, opts->region, opts->service);
  g_string_append (buffer, ", SignedHeaders=");
  _drso_sigv4_append_signed_headers (buffer, &set);
  g_string_append (buffer, ", Signature=");
  g_string_append (buffer, signature);
  _drso_sigv4_header_set_clear (&set);

  drso_sigv4_request_add_header (req, "Authorization", buffer->str);
  if (token != NULL && opts->omit_session_token)
    drso_sigv4_request_add_header (req, "X-Amz-Security-Token", token);
}

/**
 * drso_sigv4_presign:
 * @req: the request to presign; it is not changed
 * @creds: the credentials
 * @opts: the signing options; @opts->expires is the validity
 *
 * Returns: (transfer full): the query string of the presigned request: the
 *   request's own parameters as they were, then X-Amz-Algorithm,
 *   X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires,
 *   X-Amz-Security-Token (when @creds has a token) and X-Amz-Signature
 */
char *
drso_sigv4_presign (DrsoSigv4Request           *req,
                    const DrsoSigv4Credentials *creds,
                    const DrsoSigv4Options     *opts)
{
  char date[AMZ_DATE_LENGTH + 1];
  char signature[2 * SHA256_LENGTH + 1];
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) sts = NULL;
  const char *token;
  GString *query;
  HeaderSet set;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (creds != NULL && creds->access_key_id != NULL, NULL);
  g_return_val_if_fail (creds->secret_access_key != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);
  g_return_val_if_fail (opts->expires <= MAX_EXPIRES, NULL);

  token = session_token (creds);
  _drso_sigv4_format_amz_date (opts->time, date);
  _drso_sigv4_header_set_init (&set, req, NULL);

  query = g_string_new (req->raw_query);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, "X-Amz-Algorithm=" DRSO_SIGV4_ALGORITHM "&X-Amz-Credential=");
  g_string_append (value, creds->access_key_id);
  g_string_append_c (value, '/');
  _drso_sigv4_append_scope (value, date, opts->region, opts->service);
  _drso_sigv4_append_uri_encoded (query, value->str, value->len, FALSE, FALSE);
  g_string_append_printf (query, "&X-Amz-Date=%s&X-Amz-SignedHeaders=", date);
  g_string_truncate (value, 0);
  _drso_sigv4_append_signed_headers (value, &set);
  _drso_sigv4_append_uri_encoded (query, value->str, value->len, FALSE, FALSE);
  g_string_append_printf (query, "&X-Amz-Expires=%u",
                          opts->expires != 0 ? opts->expires : DEFAULT_EXPIRES);
  if (token != NULL && !opts->omit_session_token)
    {
      g_string_append (query, "&X-Amz-Security-Token=");
      _drso_sigv4_append_uri_encoded (query, token, strlen (token), FALSE, FALSE);
    }

  sts = _drso_sigv4_build_string_to_sign (req, opts, query->str, &set, date);
  _drso_sigv4_sign_string (creds->secret_access_key, date, opts->region, opts->service,
                           sts->str, sts->len, signature);
  _drso_sigv4_header_set_clear (&set);

  if (token != NULL && opts->omit_session_token)
    {
      g_string_append (query, "&X-Amz-Security-Token=");
      _drso_sigv4_append_uri_encoded (query, token, strlen (token), FALSE, FALSE);
    }
  g_string_append (query, "&X-Amz-Signature=");
  g_string_append (query, signature);

  return g_string_free (query, FALSE);
}
