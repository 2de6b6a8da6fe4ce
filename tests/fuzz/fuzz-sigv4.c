/* fuzz-sigv4.c
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

/* SigV4 (drso-sigv4*.c) over an arbitrary request, given as
 *
 *   METHOD SP PATH [ "?" QUERY ] LF  NAME ":" VALUE LF …  LF  BODY
 *
 * (see drso-fuzz.h). For the rules of two services ("drs": paths
 * normalised and encoded twice; "s3": neither, the body hash signed), it
 * checks that:
 *
 * - the canonical request and the string to sign are written without a
 *   fault, and the string to sign ends with the SHA-256 of the canonical
 *   request;
 * - the request as it came, with whatever Authorization header or
 *   presigned query it has, is verified without a fault (as the Sandbox
 *   verifies what it receives);
 * - a request that could be sent over HTTP (a Host header, header names
 *   that are HTTP tokens, no header that signing sets given twice), once
 *   signed, verifies; and presigned, verifies too. */

#include "config.h"

#include <string.h>

#include "drso-fuzz.h"
#include "drso-sigv4-private.h"

#define KEY_ID   "AKIDFUZZTARGET000001"
#define SECRET   "fuzz/target+secret/0000000000000000000000"
#define TOKEN    "fuzz-session-token"
#define REGION   "us-east-1"
#define NOW      G_GINT64_CONSTANT (1700000000)
#define MAX_SKEW (15 * 60)

static const char *
lookup_secret (const char *access_key_id,
               gpointer    user_data)
{
  return strcmp (access_key_id, KEY_ID) == 0 ? SECRET : NULL;
}

static DrsoSigv4Request *
build_request (DrsoFuzzRequest *input,
               gboolean         with_authorization)
{
  DrsoSigv4Request *req = drso_sigv4_request_new (input->method, input->path, input->query);

  for (guint i = 0; i < input->names->len; i++)
    {
      const char *name = g_ptr_array_index (input->names, i);

      if (with_authorization || g_ascii_strcasecmp (name, "Authorization") != 0)
        drso_sigv4_request_add_header (req, name, g_ptr_array_index (input->values, i));
    }
  drso_sigv4_request_set_payload (req, input->body, input->body_length);
  return req;
}

static gboolean
is_token (const char *name)
{
  static const char extra[] = "!#$%&'*+-.^_`|~";

  if (*name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

static guint
count_headers (DrsoFuzzRequest *input,
               const char      *name)
{
  guint n = 0;

  for (guint i = 0; i < input->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (input->names, i), name) == 0)
      n++;
  return n;
}

/* Whether signing this request must give one that verifies. */
static gboolean
is_sendable (DrsoFuzzRequest *input)
{
  static const char * const set_by_signing[] = {
    "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "Date",
  };

  if (count_headers (input, "Host") == 0)
    return FALSE;
  /* A body hash that is not the body's is refused, as it should be. */
  if (count_headers (input, "x-amz-content-sha256") > 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (set_by_signing); i++)
    if (count_headers (input, set_by_signing[i]) > 1)
      return FALSE;
  for (guint i = 0; i < input->names->len; i++)
    if (!is_token (g_ptr_array_index (input->names, i)))
      return FALSE;
  return TRUE;
}

static void
check_canonical (DrsoSigv4Request       *req,
                 const DrsoSigv4Options *opts)
{
  g_autofree char *canonical = drso_sigv4_canonical_request (req, opts);
  g_autofree char *string_to_sign = drso_sigv4_string_to_sign (req, opts);
  g_autofree char *hash = NULL;
  const char *last_line;

  drso_fuzz_check (canonical != NULL && string_to_sign != NULL);
  drso_fuzz_check (g_str_has_prefix (string_to_sign, DRSO_SIGV4_ALGORITHM "\n"));
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  last_line = strrchr (string_to_sign, '\n');
  drso_fuzz_check (last_line != NULL);
  if (strcmp (last_line + 1, hash) != 0)
    drso_fuzz_fail ("the string to sign does not end with the hash of the canonical request:\n"
                    "%s\n---\n%s", canonical, string_to_sign);
}

static void
verify_as_received (DrsoSigv4Request *req,
                    const char       *service)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = drso_sigv4_verify (req, lookup_secret, NULL, REGION, service, NOW, MAX_SKEW, &error);
  drso_fuzz_check (ok == (error == NULL));
  drso_fuzz_check (ok || error->domain == DRSO_SIGV4_ERROR);
}

static void
check_signed (DrsoFuzzRequest        *input,
              const DrsoSigv4Options *opts,
              const DrsoSigv4Credentials *creds)
{
  g_autoptr(DrsoSigv4Request) req = build_request (input, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = drso_sigv4_signature (req, creds, opts);

  drso_fuzz_check (signature != NULL && strlen (signature) == 64);

  drso_sigv4_sign (req, creds, opts);
  drso_fuzz_check (drso_sigv4_request_lookup_header (req, "Authorization") != NULL);
  if (!drso_sigv4_verify (req, lookup_secret, NULL, opts->region, opts->service, NOW, MAX_SKEW,
                          &error))
    drso_fuzz_fail ("a signed request does not verify: %s", error->message);

  /* Signing again, as a retry does, gives the same headers. */
  {
    g_autofree char *first = g_strdup (drso_sigv4_request_lookup_header (req, "Authorization"));

    drso_sigv4_sign (req, creds, opts);
    drso_fuzz_check (g_strcmp0 (first, drso_sigv4_request_lookup_header (req, "Authorization"))
                     == 0);
  }
}

static void
check_presigned (DrsoFuzzRequest        *input,
                 const DrsoSigv4Options *opts,
                 const DrsoSigv4Credentials *creds)
{
  g_autoptr(DrsoSigv4Request) req = build_request (input, FALSE);
  g_autoptr(DrsoSigv4Request) presigned = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  /* Parameters of the presigned form already in the query are refused. */
  if (input->query != NULL && strstr (input->query, "X-Amz-") != NULL)
    return;

  query = drso_sigv4_presign (req, creds, opts);
  drso_fuzz_check (query != NULL);
  presigned = drso_sigv4_request_new (input->method, input->path, query);
  for (guint i = 0; i < drso_sigv4_request_get_n_headers (req); i++)
    drso_sigv4_request_add_header (presigned, drso_sigv4_request_get_header_name (req, i),
                                   drso_sigv4_request_get_header_value (req, i));
  drso_sigv4_request_set_payload (presigned, input->body, input->body_length);
  if (!drso_sigv4_verify (presigned, lookup_secret, NULL, opts->region, opts->service, NOW,
                          MAX_SKEW, &error))
    drso_fuzz_fail ("a presigned request does not verify: %s\nquery: %s", error->message, query);
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_auto(DrsoFuzzRequest) input = { 0, };
  g_autoptr(DrsoSigv4Request) req = NULL;
  DrsoSigv4Credentials keys = { KEY_ID, SECRET, NULL };
  DrsoSigv4Credentials session = { KEY_ID, SECRET, TOKEN };
  DrsoSigv4Options drs, s3;
  gboolean sendable;

  drso_fuzz_request_parse (&input, data, size);
  req = build_request (&input, TRUE);

  drso_sigv4_options_init (&drs, REGION, "drs", NOW);
  drso_sigv4_options_init (&s3, REGION, "s3", NOW);
  s3.sign_body = TRUE;
  s3.omit_session_token = TRUE;

  check_canonical (req, &drs);
  check_canonical (req, &s3);
  verify_as_received (req, "drs");

  /* What the request object reports is what was added. */
  drso_fuzz_check (drso_sigv4_request_get_n_headers (req) == input.names->len);
  for (guint i = 0; i < input.names->len; i++)
    drso_fuzz_check (drso_sigv4_request_lookup_header (req, g_ptr_array_index (input.names, i))
                     != NULL);

  sendable = is_sendable (&input);
  if (sendable)
    {
      check_signed (&input, &drs, &keys);
      check_signed (&input, &s3, &session);
      check_presigned (&input, &drs, &session);
    }

  return 0;
}
