/* drso-sigv4-verify.c
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

#include <stdio.h>
#include <string.h>

#include "drso-sigv4-internal.h"

/* Verification of a received request: its signature is read from the
 * Authorization header or from the presigned query parameters, then checked
 * against the one computed for it with the secret of its access key. */

G_DEFINE_QUARK (drso-sigv4-error-quark, drso_sigv4_error)

/* Helpers: dates */

static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static gboolean
time_from_fields (int     year,
                  int     month,
                  int     day,
                  int     hour,
                  int     minute,
                  int     second,
                  gint64 *out)
{
  if (year < 1970 || year > 9999 || month < 1 || month > 12 ||
      day < 1 || day > g_date_get_days_in_month (month, year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;

  *out = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;

  return TRUE;
}

/* Parses "20150830T123600Z". */
static gboolean
parse_amz_date (const char *str,
                gint64     *out)
{
  int f[6];
  static const guint8 offsets[] = { 0, 4, 6, 9, 11, 13, 15 };

  if (str == NULL || strlen (str) != AMZ_DATE_LENGTH || str[8] != 'T' || str[15] != 'Z')
    return FALSE;

  for (guint i = 0; i < 6; i++)
    {
      f[i] = 0;
      for (guint j = offsets[i]; j < offsets[i + 1] && j != 8; j++)
        {
          if (!g_ascii_isdigit (str[j]))
            return FALSE;
          f[i] = f[i] * 10 + (str[j] - '0');
        }
    }

  return time_from_fields (f[0], f[1], f[2], f[3], f[4], f[5], out);
}

/* Parses an HTTP date, "Sun, 30 Aug 2015 12:36:00 GMT". */
static gboolean
parse_http_date (const char *str,
                 gint64     *out)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  char weekday[4], month[4];
  int day, year, hour, minute, second, end = -1;
  const char *found;

  if (str == NULL ||
      sscanf (str, "%3[A-Za-z], %d %3[A-Za-z] %d %d:%d:%d GMT%n",
              weekday, &day, month, &year, &hour, &minute, &second, &end) != 7 ||
      end < 0 || str[end] != '\0' || strlen (month) != 3)
    return FALSE;

  found = strstr (months, month);
  if (found == NULL || (found - months) % 3 != 0)
    return FALSE;

  return time_from_fields (year, (found - months) / 3 + 1, day, hour, minute, second, out);
}

/* Verification */

static gboolean
is_space (char c)
{
  return c != '\0' && strchr (SPACES, c) != NULL;
}

typedef struct
{
  char  *access_key_id;
  char  *scope_date;
  char  *region;
  char  *service;
  char **signed_headers;
  char  *signature;
  char  *amz_date;
  gint64 expires;         /* presigned only; 0 otherwise */
  char  *query;           /* the query to sign: all but X-Amz-Signature */
} SignatureFields;

static void
signature_fields_clear (SignatureFields *fields)
{
  g_free (fields->access_key_id);
  g_free (fields->scope_date);
  g_free (fields->region);
  g_free (fields->service);
  g_strfreev (fields->signed_headers);
  g_free (fields->signature);
  g_free (fields->amz_date);
  g_free (fields->query);
}

static gboolean
set_incomplete (GError     **error,
                const char  *message)
{
  g_set_error_literal (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE, message);
  return FALSE;
}

/* Splits "AKID/20150830/us-east-1/service/aws4_request". */
static gboolean
parse_credential (const char       *credential,
                  SignatureFields  *fields,
                  GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (credential, "/", -1);

  if (g_strv_length (parts) != 5 || *parts[0] == '\0' || strlen (parts[1]) != 8 ||
      *parts[2] == '\0' || *parts[3] == '\0' || strcmp (parts[4], SCOPE_TERMINATOR) != 0)
    return set_incomplete (error, "The credential must have the form "
                           "ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/" SCOPE_TERMINATOR);

  fields->access_key_id = g_strdup (parts[0]);
  fields->scope_date = g_strdup (parts[1]);
  fields->region = g_strdup (parts[2]);
  fields->service = g_strdup (parts[3]);

  return TRUE;
}

static gboolean
parse_signed_headers (const char       *list,
                      SignatureFields  *fields,
                      GError          **error)
{
  if (*list == '\0')
    return set_incomplete (error, "The list of signed headers is empty");

  fields->signed_headers = g_strsplit (list, ";", -1);
  for (guint i = 0; fields->signed_headers[i] != NULL; i++)
    {
      if (*fields->signed_headers[i] == '\0')
        return set_incomplete (error, "The list of signed headers has an empty name");
    }

  return TRUE;
}

/* Reads "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…". */
static gboolean
parse_authorization (const char       *header,
                     SignatureFields  *fields,
                     GError          **error)
{
  g_auto(GStrv) components = NULL;
  const char *credential = NULL, *signed_headers = NULL, *signature = NULL;
  const char *rest;

  if (!g_str_has_prefix (header, DRSO_SIGV4_ALGORITHM) ||
      !is_space (header[strlen (DRSO_SIGV4_ALGORITHM)]))
    return set_incomplete (error, "The Authorization header does not use " DRSO_SIGV4_ALGORITHM);

  rest = header + strlen (DRSO_SIGV4_ALGORITHM);
  components = g_strsplit (rest, ",", -1);
  for (guint i = 0; components[i] != NULL; i++)
    {
      char *component = g_strstrip (components[i]);

      if (g_str_has_prefix (component, "Credential=") && credential == NULL)
        credential = component + strlen ("Credential=");
      else if (g_str_has_prefix (component, "SignedHeaders=") && signed_headers == NULL)
        signed_headers = component + strlen ("SignedHeaders=");
      else if (g_str_has_prefix (component, "Signature=") && signature == NULL)
        signature = component + strlen ("Signature=");
      else
        return set_incomplete (error, "The Authorization header has an unexpected component");
    }

  if (credential == NULL || signed_headers == NULL || signature == NULL)
    return set_incomplete (error, "The Authorization header needs Credential, SignedHeaders "
                           "and Signature");

  fields->signature = g_strdup (signature);

  return parse_credential (credential, fields, error) &&
         parse_signed_headers (signed_headers, fields, error);
}

/* Reads the X-Amz-* parameters of a presigned query. */
static gboolean
parse_presigned_query (const char       *query,
                       SignatureFields  *fields,
                       GError          **error)
{
  g_auto(GStrv) params = g_strsplit (query, "&", -1);
  g_autoptr(GString) rest = g_string_new (NULL);
  g_autofree char *algorithm = NULL;
  g_autofree char *credential = NULL;
  g_autofree char *signed_headers = NULL;
  g_autofree char *expires = NULL;
  struct { const char *name; char **value; } known[] = {
    { "X-Amz-Algorithm", &algorithm },
    { "X-Amz-Credential", &credential },
    { "X-Amz-SignedHeaders", &signed_headers },
    { "X-Amz-Expires", &expires },
    { "X-Amz-Date", &fields->amz_date },
    { "X-Amz-Signature", &fields->signature },
  };
  char *end;

  for (guint i = 0; params[i] != NULL; i++)
    {
      const char *eq = strchr (params[i], '=');
      gsize key_length = eq != NULL ? (gsize) (eq - params[i]) : strlen (params[i]);

      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        {
          if (strlen (known[k].name) == key_length &&
              strncmp (params[i], known[k].name, key_length) == 0)
            {
              if (*known[k].value != NULL || eq == NULL)
                return set_incomplete (error, "A presigned parameter is repeated or empty");
              *known[k].value = _drso_sigv4_query_component_decode (eq + 1, strlen (eq + 1));
              if (*known[k].value == NULL)
                return set_incomplete (error, "A presigned parameter holds a NUL byte");
            }
        }

      if (!g_str_has_prefix (params[i], "X-Amz-Signature=") && *params[i] != '\0')
        {
          if (rest->len > 0)
            g_string_append_c (rest, '&');
          g_string_append (rest, params[i]);
        }
    }

  if (algorithm == NULL || credential == NULL || signed_headers == NULL || expires == NULL ||
      fields->amz_date == NULL || fields->signature == NULL)
    return set_incomplete (error, "A presigned request needs X-Amz-Algorithm, X-Amz-Credential, "
                           "X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature");
  if (strcmp (algorithm, DRSO_SIGV4_ALGORITHM) != 0)
    return set_incomplete (error, "X-Amz-Algorithm is not " DRSO_SIGV4_ALGORITHM);

  fields->expires = g_ascii_strtoll (expires, &end, 10);
  if (*expires == '\0' || *end != '\0' || fields->expires < 1 || fields->expires > MAX_EXPIRES)
    return set_incomplete (error, "X-Amz-Expires must be between 1 and 604800 seconds");

  fields->query = g_string_free (g_steal_pointer (&rest), FALSE);

  return parse_credential (credential, fields, error) &&
         parse_signed_headers (signed_headers, fields, error);
}

static gboolean
is_sha256_hex (const char *str)
{
  gsize i;

  for (i = 0; g_ascii_isxdigit (str[i]); i++)
    ;

  return i == SHA256_HEX_LENGTH && str[i] == '\0';
}

static gboolean
check_time (SignatureFields  *fields,
            gint64            request_time,
            gint64            now,
            gint64            max_skew_seconds,
            GError          **error)
{
  char server[AMZ_DATE_LENGTH + 1];

  if (now >= 0 && now <= MAX_TIME)
    _drso_sigv4_format_amz_date (now, server);
  else
    g_strlcpy (server, "(out of range)", sizeof server);

  if (fields->expires > 0)
    {
      if (request_time - now > max_skew_seconds || now - request_time > fields->expires)
        {
          g_set_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_EXPIRED,
                       "The presigned request is not valid at this time: it was signed at %s "
                       "for %" G_GINT64_FORMAT " seconds and the server time is %s",
                       fields->amz_date, fields->expires, server);
          return FALSE;
        }
    }
  else if (ABS (request_time - now) > max_skew_seconds)
    {
      g_set_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_EXPIRED,
                   "The request time %s is more than %" G_GINT64_FORMAT " seconds away "
                   "from the server time %s",
                   fields->amz_date, max_skew_seconds, server);
      return FALSE;
    }

  return TRUE;
}

/**
 * drso_sigv4_verify:
 * @req: a request as a server received it, with its body set by
 *   drso_sigv4_request_set_payload() (or its hash)
 * @lookup: (scope call): finds the secret of an access key id
 * @user_data: data for @lookup
 * @region: the server's region
 * @service: the server's signing name
 * @now: the server time, in seconds since 1970
 * @max_skew_seconds: how far the request time may be from @now
 * @error: return location for a #DrsoSigv4Error
 *
 * Checks the signature of @req, from its Authorization header or else from
 * its presigned query parameters. The time is X-Amz-Date, or the Date header.
 * A presigned request is valid from @max_skew_seconds before its date until
 * X-Amz-Expires seconds after it. Error messages never hold the secret.
 *
 * Returns: %TRUE if @req is signed by a known key for @region and @service
 */
gboolean
drso_sigv4_verify (DrsoSigv4Request       *req,
                   DrsoSigv4SecretLookup   lookup,
                   gpointer                user_data,
                   const char             *region,
                   const char             *service,
                   gint64                  now,
                   gint64                  max_skew_seconds,
                   GError                **error)
{
  SignatureFields fields = { NULL, };
  DrsoSigv4Options opts;
  char expected[SHA256_HEX_LENGTH + 1];
  const char *authorization, *content_sha256, *secret, *date;
  gint64 request_time;
  gboolean ok = FALSE;
  Scratch scratch;
  HeaderSet set;
  Scope scope;
  gsize length;

  g_return_val_if_fail (req != NULL, FALSE);
  g_return_val_if_fail (lookup != NULL, FALSE);
  g_return_val_if_fail (region != NULL && service != NULL, FALSE);
  g_return_val_if_fail (max_skew_seconds >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The form of the signature. */
  authorization = drso_sigv4_request_lookup_header (req, "Authorization");
  if (authorization != NULL)
    {
      const char *amz_date = drso_sigv4_request_lookup_header (req, "X-Amz-Date");
      const char *http_date = drso_sigv4_request_lookup_header (req, "Date");

      if (!parse_authorization (authorization, &fields, error))
        goto out;

      if (amz_date != NULL)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (amz_date));

          if (!parse_amz_date (trimmed, &request_time))
            {
              set_incomplete (error, "X-Amz-Date is not a date of the form YYYYMMDDTHHMMSSZ");
              goto out;
            }
        }
      else if (http_date == NULL || !parse_http_date (http_date, &request_time))
        {
          set_incomplete (error, "The request needs an X-Amz-Date or a Date header");
          goto out;
        }
      fields.query = g_strdup (req->raw_query);
    }
  else if (req->raw_query != NULL && strstr (req->raw_query, "X-Amz-") != NULL)
    {
      if (!parse_presigned_query (req->raw_query, &fields, error))
        goto out;
      if (!parse_amz_date (fields.amz_date, &request_time))
        {
          set_incomplete (error, "X-Amz-Date is not a date of the form YYYYMMDDTHHMMSSZ");
          goto out;
        }
    }
  else
    {
      set_incomplete (error, "The request has neither an Authorization header nor presigned "
                      "query parameters");
      goto out;
    }

  _drso_sigv4_scope_init (&scope, request_time, region, service);
  date = scope.amz_date;
  g_free (fields.amz_date);
  fields.amz_date = g_strdup (date);

  if (!is_sha256_hex (fields.signature))
    {
      set_incomplete (error, "The signature is not 64 hexadecimal digits");
      goto out;
    }

  /* The scope, then the key, then the time. */
  if (strcmp (fields.region, region) != 0 || strcmp (fields.service, service) != 0)
    {
      g_set_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_WRONG_SCOPE,
                   "The credential is scoped to region “%s” and service “%s”, "
                   "but this is region “%s” and service “%s”",
                   fields.region, fields.service, region, service);
      goto out;
    }
  if (strncmp (fields.scope_date, date, 8) != 0)
    {
      g_set_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_WRONG_SCOPE,
                   "The credential is scoped to %s, but the request date is %s",
                   fields.scope_date, date);
      goto out;
    }

  secret = lookup (fields.access_key_id, user_data);
  if (secret == NULL)
    {
      /* The id is not repeated: a confused client may have sent a secret. */
      g_set_error_literal (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_UNKNOWN_KEY,
                           "The access key id in the credential is not known");
      goto out;
    }

  if (!check_time (&fields, request_time, now, max_skew_seconds, error))
    goto out;

  /* Every signed header is there, host among them. */
  if (!_drso_sigv4_strv_contains_ascii_case (fields.signed_headers, "host"))
    {
      set_incomplete (error, "The host header must be signed");
      goto out;
    }
  for (guint i = 0; fields.signed_headers[i] != NULL; i++)
    {
      if (drso_sigv4_request_lookup_header (req, fields.signed_headers[i]) == NULL)
        {
          g_set_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE,
                       "The signed header “%s” is missing from the request",
                       fields.signed_headers[i]);
          goto out;
        }
    }

  /* A body hash announced in a header must be the body's. */
  content_sha256 = drso_sigv4_request_lookup_header (req, "x-amz-content-sha256");
  if (content_sha256 != NULL && is_sha256_hex (content_sha256) &&
      g_ascii_strcasecmp (content_sha256, drso_sigv4_request_get_payload_hash (req)) != 0 &&
      is_sha256_hex (drso_sigv4_request_get_payload_hash (req)))
    {
      g_set_error_literal (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH,
                           "The x-amz-content-sha256 header does not match the body");
      goto out;
    }

  drso_sigv4_options_init (&opts, region, service, request_time);
  _drso_sigv4_header_set_init (&set, req, fields.signed_headers);
  length = _drso_sigv4_make_string_to_sign (&scratch, req, &opts, fields.query, &set, &scope);
  _drso_sigv4_sign_string (secret, &scope, scratch.data, length, expected);
  scratch_clear (&scratch);
  _drso_sigv4_header_set_clear (&set);

  if (!_drso_sigv4_equal_constant_time (expected, strlen (expected),
                                        fields.signature, strlen (fields.signature)))
    {
      g_set_error_literal (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH,
                           "The request signature does not match the signature computed "
                           "for it; check the secret access key and the signing method");
      goto out;
    }

  ok = TRUE;

out:
  signature_fields_clear (&fields);
  _drso_sigv4_wipe (expected, sizeof expected);

  return ok;
}
