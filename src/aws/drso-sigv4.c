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

/* Helpers */

static inline char *
write_bytes (char       *out,
             const char *data,
             gsize       length)
{
  memcpy (out, data, length);

  return out + length;
}

static inline char
ascii_lower (char c)
{
  return (guchar) (c - 'A') < 26 ? c - 'A' + 'a' : c;
}

/* Helpers: dates */

static void
put_two_digits (char  *out,
                guint  value)
{
  out[0] = '0' + value / 10;
  out[1] = '0' + value % 10;
}

/* Writes @time, between 0 and MAX_TIME, as an ISO 8601 basic date,
 * "20150830T123600Z". The civil date is Howard Hinnant's civil_from_days(),
 * in 32 bits since the days since 1970 fit. */
static void
format_amz_date (gint64  time,
                 char    out[AMZ_DATE_LENGTH + 1])
{
  guint32 secs = time % 86400;
  guint32 z = time / 86400 + 719468;
  guint32 era = z / 146097;
  guint32 doe = z - era * 146097;
  guint32 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  guint32 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  guint32 mp = (5 * doy + 2) / 153;
  guint32 d = doy - (153 * mp + 2) / 5 + 1;
  guint32 m = mp < 10 ? mp + 3 : mp - 9;
  guint32 y = yoe + era * 400 + (m <= 2);

  g_assert (time >= 0 && time <= MAX_TIME);

  put_two_digits (out, y / 100);
  put_two_digits (out + 2, y % 100);
  put_two_digits (out + 4, m);
  put_two_digits (out + 6, d);
  out[8] = 'T';
  put_two_digits (out + 9, secs / 3600);
  put_two_digits (out + 11, secs / 60 % 60);
  put_two_digits (out + 13, secs % 60);
  out[15] = 'Z';
  out[16] = '\0';
}

/* The last date written on a thread: requests are mostly signed many in the
 * same second. */
typedef struct
{
  gint64 time;
  char   date[AMZ_DATE_LENGTH + 1];
} LastDate;

static GPrivate last_date_key = G_PRIVATE_INIT (g_free);

void
_drso_sigv4_format_amz_date (gint64  time,
                             char    out[AMZ_DATE_LENGTH + 1])
{
  LastDate *last = g_private_get (&last_date_key);

  if (last == NULL)
    {
      last = g_new (LastDate, 1);
      last->time = -1;
      g_private_set (&last_date_key, last);
    }

  if (last->time != time)
    {
      format_amz_date (time, last->date);
      last->time = time;
    }
  memcpy (out, last->date, sizeof last->date);
}

/* Request */

/* Whether @h is named @name, @length bytes in any case. */
static gboolean
has_name (const Header *h,
          const char   *name,
          gsize         length)
{
  if (h->name_length != length)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (h->lower[i] != ascii_lower (name[i]))
        return FALSE;
    }

  return TRUE;
}

/* Appends a header named @name, @lower in lower case if not %NULL, whose
 * value, @value_length bytes, the caller writes at the returned header's value
 * and then passes to finish_header(). Its block is taken from the request's
 * header memory while that lasts. */
static Header *
append_header (DrsoSigv4Request *req,
               const char       *name,
               const char       *lower,
               gsize             name_length,
               gsize             value_length)
{
  gboolean allocated;
  gsize size;
  char *block;
  Header *h;

  if (req->n_headers == req->headers_size)
    {
      req->headers_size *= 2;
      if (req->headers != req->inline_headers)
        {
          req->headers = g_renew (Header, req->headers, req->headers_size);
        }
      else
        {
          req->headers = g_new (Header, req->headers_size);
          memcpy (req->headers, req->inline_headers, sizeof req->inline_headers);
        }
    }

  size = 2 * (name_length + 1) + value_length + 1;
  allocated = size > sizeof req->header_memory - req->header_memory_used;
  if (allocated)
    {
      block = g_malloc (size);
    }
  else
    {
      block = req->header_memory + req->header_memory_used;
      req->header_memory_used += size;
    }

  memcpy (block, name, name_length);
  block[name_length] = '\0';
  if (lower != NULL)
    {
      memcpy (block + name_length + 1, lower, name_length);
    }
  else
    {
      for (gsize i = 0; i < name_length; i++)
        block[name_length + 1 + i] = ascii_lower (name[i]);
    }
  block[2 * name_length + 1] = '\0';
  block[2 * (name_length + 1) + value_length] = '\0';

  h = &req->headers[req->n_headers++];
  h->name = block;
  h->lower = block + name_length + 1;
  h->value = h->lower + name_length + 1;
  h->name_length = name_length;
  h->value_length = value_length;
  h->flags = 0;
  h->allocated = allocated;

  return h;
}

static void
clear_header (Header *h)
{
  if (h->allocated)
    g_free (h->name);
}

static void
finish_header (Header *h)
{
  h->flags = _drso_sigv4_header_flags (h->lower, h->name_length, h->value, h->value_length);
}

static void
add_header (DrsoSigv4Request *req,
            const char       *name,
            const char       *lower,
            gsize             name_length,
            const char       *value,
            gsize             value_length)
{
  Header *h = append_header (req, name, lower, name_length, value_length);

  memcpy (h->value, value, value_length);
  finish_header (h);
}

/* Replaces the headers named @name, @lower in lower case, with one whose
 * value is @value, at the end, as remove_header() then add_header() would. A
 * replaced header of the same size lends its memory, and its flags when it
 * has the same value: a request signed again mostly keeps its headers. */
static void
set_header (DrsoSigv4Request *req,
            const char       *name,
            const char       *lower,
            gsize             name_length,
            const char       *value,
            gsize             value_length)
{
  Header spare = { NULL, };
  guint kept = 0;

  for (guint i = 0; i < req->n_headers; i++)
    {
      Header *h = &req->headers[i];

      if (h->name_length != name_length || memcmp (h->lower, lower, name_length) != 0)
        {
          if (kept < i)
            req->headers[kept] = *h;
          kept++;
        }
      else if (spare.name == NULL && h->value_length == value_length)
        {
          spare = *h;
        }
      else
        {
          clear_header (h);
        }
    }
  req->n_headers = kept;

  if (spare.name == NULL)
    {
      add_header (req, name, lower, name_length, value, value_length);
      return;
    }

  memcpy (spare.name, name, name_length);
  if (memcmp (spare.value, value, value_length) != 0)
    {
      memcpy (spare.value, value, value_length);
      finish_header (&spare);
    }
  req->headers[req->n_headers++] = spare;
}

/* Finds the first header named @lower, which is in lower case. */
const Header *
_drso_sigv4_request_find_header (DrsoSigv4Request *req,
                                 const char       *lower,
                                 gsize             length)
{
  for (guint i = 0; i < req->n_headers; i++)
    {
      const Header *h = &req->headers[i];

      if (h->name_length == length && memcmp (h->lower, lower, length) == 0)
        return h;
    }

  return NULL;
}

static const Header *
lookup_header (DrsoSigv4Request *req,
               const char       *name)
{
  gsize length = strlen (name);

  for (guint i = 0; i < req->n_headers; i++)
    {
      if (has_name (&req->headers[i], name, length))
        return &req->headers[i];
    }

  return NULL;
}

static char *
copy_string (char       *out,
             const char *str,
             gsize       length)
{
  memcpy (out, str, length);
  out[length] = '\0';

  return out;
}

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
  gsize method_length, path_length, query_length;
  char *strings;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (raw_path != NULL, NULL);

  method_length = strlen (method);
  path_length = strlen (raw_path);
  query_length = raw_query != NULL ? strlen (raw_query) : 0;

  req = g_malloc (sizeof *req + method_length + path_length + query_length + 3);
  strings = (char *) (req + 1);
  req->method = copy_string (strings, method, method_length);
  req->raw_path = copy_string (strings + method_length + 1, raw_path, path_length);
  req->raw_query = query_length > 0 ?
                   copy_string (req->raw_path + path_length + 1, raw_query, query_length) : NULL;
  req->method_length = method_length;
  req->path_length = path_length;
  req->query_length = query_length;
  req->headers = req->inline_headers;
  req->n_headers = 0;
  req->headers_size = G_N_ELEMENTS (req->inline_headers);
  req->payload_hash = NULL;
  req->payload_hash_length = strlen (DRSO_SIGV4_EMPTY_PAYLOAD_HASH);
  req->header_memory_used = 0;

  return req;
}

static void
clear_payload_hash (DrsoSigv4Request *req)
{
  if (req->payload_hash != req->payload_hash_inline)
    g_free (req->payload_hash);
  req->payload_hash = NULL;
  req->payload_hash_length = strlen (DRSO_SIGV4_EMPTY_PAYLOAD_HASH);
}

void
drso_sigv4_request_free (DrsoSigv4Request *req)
{
  if (req == NULL)
    return;

  for (guint i = 0; i < req->n_headers; i++)
    clear_header (&req->headers[i]);
  if (req->headers != req->inline_headers)
    g_free (req->headers);
  clear_payload_hash (req);
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
  g_return_if_fail (req != NULL);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (value != NULL);

  add_header (req, name, NULL, strlen (name), value, strlen (value));
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
  gsize length;
  guint kept = 0;
  guint removed;

  g_return_val_if_fail (req != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  length = strlen (name);
  for (guint i = 0; i < req->n_headers; i++)
    {
      Header *h = &req->headers[i];

      if (has_name (h, name, length))
        clear_header (h);
      else
        req->headers[kept++] = *h;
    }
  removed = req->n_headers - kept;
  req->n_headers = kept;

  return removed;
}

guint
drso_sigv4_request_get_n_headers (DrsoSigv4Request *req)
{
  g_return_val_if_fail (req != NULL, 0);

  return req->n_headers;
}

const char *
drso_sigv4_request_get_header_name (DrsoSigv4Request *req,
                                    guint             i)
{
  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (i < req->n_headers, NULL);

  return req->headers[i].name;
}

const char *
drso_sigv4_request_get_header_value (DrsoSigv4Request *req,
                                     guint             i)
{
  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (i < req->n_headers, NULL);

  return req->headers[i].value;
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
  const Header *h;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  h = lookup_header (req, name);

  return h != NULL ? h->value : NULL;
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

  clear_payload_hash (req);
  if (length > 0)
    {
      _drso_sigv4_sha256_hex (data, length, req->payload_hash_inline);
      req->payload_hash = req->payload_hash_inline;
      req->payload_hash_length = SHA256_HEX_LENGTH;
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
  gsize length;
  char *old;

  g_return_if_fail (req != NULL);

  if (hex == NULL)
    {
      clear_payload_hash (req);
      return;
    }

  /* @hex may be the current hash: it is copied before that is freed. */
  old = req->payload_hash != req->payload_hash_inline ? req->payload_hash : NULL;
  length = strlen (hex);
  if (length < sizeof req->payload_hash_inline)
    {
      memmove (req->payload_hash_inline, hex, length);
      req->payload_hash_inline[length] = '\0';
      req->payload_hash = req->payload_hash_inline;
    }
  else
    {
      req->payload_hash = g_strndup (hex, length);
    }
  req->payload_hash_length = length;
  g_free (old);
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
  HeaderSet set;
  gsize bound;
  char *out, *end;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  _drso_sigv4_header_set_init (&set, req, NULL);
  bound = _drso_sigv4_canonical_request_bound (req, req->raw_query, req->query_length, &set);
  out = g_malloc (bound + 1);
  end = _drso_sigv4_write_canonical_request (out, req, opts, req->raw_query, req->query_length,
                                             &set);
  *end = '\0';
  _drso_sigv4_header_set_clear (&set);

  return out;
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
  Scratch scratch;
  HeaderSet set;
  Scope scope;
  gsize length;
  char *sts;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  _drso_sigv4_scope_init (&scope, opts->time, opts->region, opts->service);
  _drso_sigv4_header_set_init (&set, req, NULL);
  length = _drso_sigv4_make_string_to_sign (&scratch, req, opts, req->raw_query, &set, &scope);
  sts = g_strndup (scratch.data, length);
  scratch_clear (&scratch);
  _drso_sigv4_header_set_clear (&set);

  return sts;
}

/* Computes the hex signature of @req with @query as its query. */
static void
compute_signature (DrsoSigv4Request           *req,
                   const DrsoSigv4Credentials *creds,
                   const DrsoSigv4Options     *opts,
                   const char                 *query,
                   const HeaderSet            *set,
                   const Scope                *scope,
                   char                        out[SHA256_HEX_LENGTH + 1])
{
  Scratch scratch;
  gsize length;

  length = _drso_sigv4_make_string_to_sign (&scratch, req, opts, query, set, scope);
  _drso_sigv4_sign_string (creds->secret_access_key, scope, scratch.data, length, out);
  scratch_clear (&scratch);
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
  char signature[SHA256_HEX_LENGTH + 1];
  HeaderSet set;
  Scope scope;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (creds != NULL && creds->secret_access_key != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);

  _drso_sigv4_scope_init (&scope, opts->time, opts->region, opts->service);
  _drso_sigv4_header_set_init (&set, req, NULL);
  compute_signature (req, creds, opts, req->raw_query, &set, &scope, signature);
  _drso_sigv4_header_set_clear (&set);

  return g_strdup (signature);
}

#define CREDENTIAL_PREFIX      DRSO_SIGV4_ALGORITHM " Credential="
#define SIGNED_HEADERS_PREFIX  ", SignedHeaders="
#define SIGNATURE_PREFIX       ", Signature="

/* Sets the Authorization header of a request signed with @set. */
static void
add_authorization (DrsoSigv4Request           *req,
                   const DrsoSigv4Credentials *creds,
                   const HeaderSet            *set,
                   const Scope                *scope,
                   const char                 *signature)
{
  gsize key_id_length = strlen (creds->access_key_id);
  gsize length = strlen (CREDENTIAL_PREFIX) + key_id_length + 1 +
                 _drso_sigv4_scope_length (scope) + strlen (SIGNED_HEADERS_PREFIX) +
                 set->names_length + strlen (SIGNATURE_PREFIX) + SHA256_HEX_LENGTH;
  Scratch scratch;
  char *p;

  /* Written apart: adding a header may move those that @set points to. */
  p = scratch_init (&scratch, length);
  p = write_bytes (p, CREDENTIAL_PREFIX, strlen (CREDENTIAL_PREFIX));
  p = write_bytes (p, creds->access_key_id, key_id_length);
  *p++ = '/';
  p = _drso_sigv4_write_scope (p, scope);
  p = write_bytes (p, SIGNED_HEADERS_PREFIX, strlen (SIGNED_HEADERS_PREFIX));
  p = write_bytes (p, set->names, set->names_length);
  p = write_bytes (p, SIGNATURE_PREFIX, strlen (SIGNATURE_PREFIX));
  p = write_bytes (p, signature, SHA256_HEX_LENGTH);
  g_assert ((gsize) (p - scratch.data) == length);

  set_header (req, "Authorization", "authorization", strlen ("Authorization"),
              scratch.data, length);
  scratch_clear (&scratch);
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
  char signature[SHA256_HEX_LENGTH + 1];
  const char *token;
  gsize token_length;
  HeaderSet set;
  Scope scope;

  g_return_if_fail (req != NULL);
  g_return_if_fail (creds != NULL && creds->access_key_id != NULL);
  g_return_if_fail (creds->secret_access_key != NULL);
  g_return_if_fail (options_valid (opts));

  token = session_token (creds);
  token_length = token != NULL ? strlen (token) : 0;
  _drso_sigv4_scope_init (&scope, opts->time, opts->region, opts->service);

  /* Authorization is replaced last rather than removed first: it is never
   * signed, and it ends up last (but for an unsigned token) either way. */
  set_header (req, "X-Amz-Date", "x-amz-date", strlen ("X-Amz-Date"),
              scope.amz_date, AMZ_DATE_LENGTH);
  if (token != NULL && !opts->omit_session_token)
    set_header (req, "X-Amz-Security-Token", "x-amz-security-token",
                strlen ("X-Amz-Security-Token"), token, token_length);
  else if (token != NULL)
    drso_sigv4_request_remove_header (req, "X-Amz-Security-Token");
  if (opts->sign_body)
    {
      set_header (req, "x-amz-content-sha256", "x-amz-content-sha256",
                  strlen ("x-amz-content-sha256"), drso_sigv4_request_get_payload_hash (req),
                  req->payload_hash_length);
    }

  _drso_sigv4_header_set_init (&set, req, NULL);
  compute_signature (req, creds, opts, req->raw_query, &set, &scope, signature);
  add_authorization (req, creds, &set, &scope, signature);
  _drso_sigv4_header_set_clear (&set);

  if (token != NULL && opts->omit_session_token)
    add_header (req, "X-Amz-Security-Token", "x-amz-security-token",
                strlen ("X-Amz-Security-Token"), token, token_length);
}

static void
append_scope (GString     *out,
              const Scope *scope)
{
  gsize at = out->len;

  g_string_set_size (out, at + _drso_sigv4_scope_length (scope));
  _drso_sigv4_write_scope (out->str + at, scope);
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
  char signature[SHA256_HEX_LENGTH + 1];
  g_autoptr(GString) value = g_string_new (NULL);
  const char *token;
  GString *query;
  HeaderSet set;
  Scope scope;

  g_return_val_if_fail (req != NULL, NULL);
  g_return_val_if_fail (creds != NULL && creds->access_key_id != NULL, NULL);
  g_return_val_if_fail (creds->secret_access_key != NULL, NULL);
  g_return_val_if_fail (options_valid (opts), NULL);
  g_return_val_if_fail (opts->expires <= MAX_EXPIRES, NULL);

  token = session_token (creds);
  _drso_sigv4_scope_init (&scope, opts->time, opts->region, opts->service);
  _drso_sigv4_header_set_init (&set, req, NULL);

  query = g_string_new (req->raw_query);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, "X-Amz-Algorithm=" DRSO_SIGV4_ALGORITHM "&X-Amz-Credential=");
  g_string_append (value, creds->access_key_id);
  g_string_append_c (value, '/');
  append_scope (value, &scope);
  _drso_sigv4_append_uri_encoded (query, value->str, value->len, FALSE, FALSE);
  g_string_append_printf (query, "&X-Amz-Date=%s&X-Amz-SignedHeaders=", scope.amz_date);
  g_string_truncate (value, 0);
  g_string_append_len (value, set.names, set.names_length);
  _drso_sigv4_append_uri_encoded (query, value->str, value->len, FALSE, FALSE);
  g_string_append_printf (query, "&X-Amz-Expires=%u",
                          opts->expires != 0 ? opts->expires : DEFAULT_EXPIRES);
  if (token != NULL && !opts->omit_session_token)
    {
      g_string_append (query, "&X-Amz-Security-Token=");
      _drso_sigv4_append_uri_encoded (query, token, strlen (token), FALSE, FALSE);
    }

  compute_signature (req, creds, opts, query->str, &set, &scope, signature);
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
