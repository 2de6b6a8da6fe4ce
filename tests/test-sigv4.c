/* test-sigv4.c
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

#include <string.h>

#include <json-glib/json-glib.h>

#include "drso-sigv4-private.h"

/* The aws-c-auth SigV4 suite (AWS-NOTES.md §1), read in place from
 * $DRSO_TESTDATA_DIR/sigv4, one test per case and variant; then verification. */

#define SUITE_KEY    "AKIDEXAMPLE"
#define SUITE_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

#define DRS_KEY      "AKIAIOSFODNN7EXAMPLE"
#define DRS_SECRET   "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
#define DRS_TOKEN    "IQoJb3JpZ2luX2VjEXAMPLETOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQD"
#define DRS_TIME     G_GINT64_CONSTANT (1767225600) /* 2026-01-01T00:00:00Z */
#define DRS_BODY     "{\"maxResults\":100}"
#define PLAIN_SECRET "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY2" /* no "/" */

static GPtrArray *case_dirs;

/* The suite's files */

typedef struct
{
  DrsoSigv4Request     *req;
  GBytes               *body;
  DrsoSigv4Credentials  creds;
  DrsoSigv4Options      opts;
  JsonParser           *context;
  char                 *dir;
} SuiteCase;

static char *
read_expected (const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  if (length > 0 && contents[length - 1] == '\n')
    contents[length - 1] = '\0';

  return contents;
}

/* Parses request.txt as bytes: the request line (the target may hold spaces),
 * "Name:value" header lines where a line starting with white space continues
 * the previous value, a blank line, the body. */
static DrsoSigv4Request *
parse_request (const char  *data,
               gsize        length,
               GBytes     **body)
{
  const char *end = data + length;
  const char *line_end = memchr (data, '\n', length);
  g_autofree char *line = NULL;
  g_autofree char *name = NULL;
  GString *value = NULL;
  DrsoSigv4Request *req;
  const char *p, *first_space, *last_space, *question;
  g_autofree char *target = NULL;
  g_autofree char *method = NULL;

  if (line_end == NULL)
    line_end = end;
  line = g_strndup (data, line_end - data);
  first_space = strchr (line, ' ');
  last_space = strrchr (line, ' ');
  g_assert_nonnull (first_space);
  g_assert_true (last_space > first_space);
  g_assert_cmpstr (last_space + 1, ==, "HTTP/1.1");

  method = g_strndup (line, first_space - line);
  target = g_strndup (first_space + 1, last_space - first_space - 1);
  question = strchr (target, '?');
  if (question != NULL)
    {
      g_autofree char *path = g_strndup (target, question - target);

      req = drso_sigv4_request_new (method, path, question + 1);
    }
  else
    {
      req = drso_sigv4_request_new (method, target, NULL);
    }

  for (p = line_end < end ? line_end + 1 : end; p < end; )
    {
      const char *colon;

      line_end = memchr (p, '\n', end - p);
      if (line_end == NULL)
        line_end = end;
      if (line_end == p)
        {
          p = line_end + 1;
          break;
        }

      if (*p == ' ' || *p == '\t')
        {
          g_assert_nonnull (value);
          g_string_append_c (value, '\n');
          g_string_append_len (value, p, line_end - p);
        }
      else
        {
          if (name != NULL)
            drso_sigv4_request_add_header (req, name, value->str);
          g_clear_pointer (&name, g_free);
          if (value != NULL)
            g_string_free (value, TRUE);
          colon = memchr (p, ':', line_end - p);
          g_assert_nonnull (colon);
          name = g_strndup (p, colon - p);
          value = g_string_new_len (colon + 1, line_end - colon - 1);
        }
      p = line_end + 1;
    }
  if (name != NULL)
    drso_sigv4_request_add_header (req, name, value->str);
  if (value != NULL)
    g_string_free (value, TRUE);

  *body = p < end ? g_bytes_new (p, end - p) : g_bytes_new (NULL, 0);

  return req;
}

static void
suite_case_load (SuiteCase  *sc,
                 const char *dir)
{
  g_autofree char *request_path = g_build_filename (dir, "request.txt", NULL);
  g_autofree char *context_path = g_build_filename (dir, "context.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GDateTime) timestamp = NULL;
  JsonObject *root, *credentials;
  gsize length;
  gsize body_length;
  const void *body_data;

  memset (sc, 0, sizeof *sc);
  sc->dir = g_strdup (dir);

  g_file_get_contents (request_path, &data, &length, &error);
  g_assert_no_error (error);
  sc->req = parse_request (data, length, &sc->body);
  body_data = g_bytes_get_data (sc->body, &body_length);
  drso_sigv4_request_set_payload (sc->req, body_data, body_length);

  sc->context = json_parser_new ();
  json_parser_load_from_file (sc->context, context_path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (sc->context));
  credentials = json_object_get_object_member (root, "credentials");

  sc->creds.access_key_id = json_object_get_string_member (credentials, "access_key_id");
  sc->creds.secret_access_key = json_object_get_string_member (credentials, "secret_access_key");
  sc->creds.session_token = json_object_get_string_member_with_default (credentials, "token", NULL);
  g_assert_cmpstr (sc->creds.access_key_id, ==, SUITE_KEY);

  timestamp = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "timestamp"), NULL);
  g_assert_nonnull (timestamp);

  drso_sigv4_options_init (&sc->opts,
                           json_object_get_string_member (root, "region"),
                           json_object_get_string_member (root, "service"),
                           g_date_time_to_unix (timestamp));
  /* aws-c-auth's harness always double-encodes; "normalize" is the flag. */
  sc->opts.normalize_path = json_object_get_boolean_member (root, "normalize");
  sc->opts.double_encode = TRUE;
  sc->opts.sign_body = json_object_get_boolean_member (root, "sign_body");
  sc->opts.omit_session_token =
    json_object_get_boolean_member_with_default (root, "omit_session_token", FALSE);
  sc->opts.expires = json_object_get_int_member (root, "expiration_in_seconds");
}

static void
suite_case_clear (SuiteCase *sc)
{
  drso_sigv4_request_free (sc->req);
  g_bytes_unref (sc->body);
  g_object_unref (sc->context);
  g_free (sc->dir);
}

static const char *
suite_lookup (const char *access_key_id,
              gpointer    user_data)
{
  return g_str_equal (access_key_id, SUITE_KEY) ? SUITE_SECRET : NULL;
}

/* A copy of @req with another query. */
static DrsoSigv4Request *
copy_request (DrsoSigv4Request *req,
              const char       *path,
              const char       *query)
{
  DrsoSigv4Request *copy = drso_sigv4_request_new (drso_sigv4_request_get_method (req),
                                                   path, query);

  for (guint i = 0; i < drso_sigv4_request_get_n_headers (req); i++)
    drso_sigv4_request_add_header (copy,
                                   drso_sigv4_request_get_header_name (req, i),
                                   drso_sigv4_request_get_header_value (req, i));
  drso_sigv4_request_set_payload_hash (copy, drso_sigv4_request_get_payload_hash (req));

  return copy;
}

static void
assert_parts (SuiteCase        *sc,
              DrsoSigv4Request *req,
              const char       *variant)
{
  g_autofree char *cr_name = g_strconcat (variant, "-canonical-request.txt", NULL);
  g_autofree char *sts_name = g_strconcat (variant, "-string-to-sign.txt", NULL);
  g_autofree char *sig_name = g_strconcat (variant, "-signature.txt", NULL);
  g_autofree char *expected_cr = read_expected (sc->dir, cr_name);
  g_autofree char *expected_sts = read_expected (sc->dir, sts_name);
  g_autofree char *expected_sig = read_expected (sc->dir, sig_name);
  g_autofree char *cr = drso_sigv4_canonical_request (req, &sc->opts);
  g_autofree char *sts = drso_sigv4_string_to_sign (req, &sc->opts);
  g_autofree char *sig = drso_sigv4_signature (req, &sc->creds, &sc->opts);

  g_assert_cmpstr (cr, ==, expected_cr);
  g_assert_cmpstr (sts, ==, expected_sts);
  g_assert_cmpstr (sig, ==, expected_sig);
}

static void
test_suite_header (gconstpointer data)
{
  SuiteCase sc;
  g_autofree char *signed_request = NULL;
  g_autofree char *expected_auth = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;

  suite_case_load (&sc, data);
  drso_sigv4_sign (sc.req, &sc.creds, &sc.opts);

  signed_request = read_expected (sc.dir, "header-signed-request.txt");
  line = strstr (signed_request, "\nAuthorization:");
  g_assert_nonnull (line);
  expected_auth = g_strndup (line + strlen ("\nAuthorization:"),
                             strcspn (line + strlen ("\nAuthorization:"), "\n"));
  g_assert_cmpstr (drso_sigv4_request_lookup_header (sc.req, "Authorization"), ==, expected_auth);
  g_assert_cmpstr (drso_sigv4_request_lookup_header (sc.req, "X-Amz-Date"), ==, "20150830T123600Z");

  /* The signed request as the server would see it verifies (S3-style
   * unnormalized paths excepted: the server side normalizes for "service"). */
  if (sc.opts.normalize_path)
    {
      drso_sigv4_verify (sc.req, suite_lookup, NULL, sc.opts.region, sc.opts.service,
                         sc.opts.time, 900, &error);
      g_assert_no_error (error);
    }

  /* What was signed: the token added after signing takes no part. */
  if (sc.opts.omit_session_token)
    g_assert_cmpuint (drso_sigv4_request_remove_header (sc.req, "X-Amz-Security-Token"), ==, 1);
  drso_sigv4_request_remove_header (sc.req, "Authorization");
  assert_parts (&sc, sc.req, "header");

  suite_case_clear (&sc);
}

static void
test_suite_query (gconstpointer data)
{
  SuiteCase sc;
  g_autofree char *signed_request = NULL;
  g_autofree char *expected_query = NULL;
  g_autofree char *query = NULL;
  g_autoptr(DrsoSigv4Request) presigned = NULL;
  g_autoptr(DrsoSigv4Request) without_token = NULL;
  g_autoptr(GError) error = NULL;
  const char *target_end, *question;

  suite_case_load (&sc, data);
  query = drso_sigv4_presign (sc.req, &sc.creds, &sc.opts);
  g_assert_null (drso_sigv4_request_lookup_header (sc.req, "X-Amz-Date"));
  g_assert_null (drso_sigv4_request_lookup_header (sc.req, "Authorization"));

  signed_request = read_expected (sc.dir, "query-signed-request.txt");
  target_end = strstr (signed_request, " HTTP/1.1\n");
  g_assert_nonnull (target_end);
  question = g_strstr_len (signed_request, target_end - signed_request, "?");
  g_assert_nonnull (question);
  expected_query = g_strndup (question + 1, target_end - question - 1);
  g_assert_cmpstr (query, ==, expected_query);

  presigned = copy_request (sc.req, drso_sigv4_request_get_raw_path (sc.req), query);
  if (sc.opts.omit_session_token)
    {
      /* Added after signing: the server cannot tell; check what was signed. */
      g_auto(GStrv) params = g_strsplit (query, "&", -1);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      g_auto(GStrv) kept_params = NULL;
      g_autofree char *kept_query = NULL;

      for (guint i = 0; params[i] != NULL; i++)
        {
          if (!g_str_has_prefix (params[i], "X-Amz-Security-Token="))
            g_strv_builder_add (kept, params[i]);
        }
      kept_params = g_strv_builder_end (kept);
      kept_query = g_strjoinv ("&", kept_params);
      without_token = copy_request (sc.req, drso_sigv4_request_get_raw_path (sc.req), kept_query);
      assert_parts (&sc, without_token, "query");
    }
  else
    {
      assert_parts (&sc, presigned, "query");
      if (sc.opts.normalize_path)
        {
          drso_sigv4_verify (presigned, suite_lookup, NULL, sc.opts.region, sc.opts.service,
                             sc.opts.time + 60, 900, &error);
          g_assert_no_error (error);
        }
    }

  suite_case_clear (&sc);
}

static void
test_suite_missing (gconstpointer data)
{
  g_test_skip (data);
}

/* Verification */

static const char *
drs_lookup (const char *access_key_id,
            gpointer    user_data)
{
  return g_str_equal (access_key_id, DRS_KEY) ? DRS_SECRET : NULL;
}

static DrsoSigv4Request *
new_drs_request (const char *path,
                 const char *query)
{
  DrsoSigv4Request *req = drso_sigv4_request_new ("POST", path, query);

  drso_sigv4_request_add_header (req, "Host", "drs.us-east-1.amazonaws.com");
  drso_sigv4_request_add_header (req, "Content-Type", "application/json");
  drso_sigv4_request_add_header (req, "User-Agent", "drs-orchestrator/0.1");
  drso_sigv4_request_set_payload (req, DRS_BODY, strlen (DRS_BODY));

  return req;
}

static void
drs_sign (DrsoSigv4Request *req,
          gboolean          sign_body)
{
  const DrsoSigv4Credentials creds = { DRS_KEY, DRS_SECRET, DRS_TOKEN };
  DrsoSigv4Options opts;

  drso_sigv4_options_init (&opts, "us-east-1", "drs", DRS_TIME);
  opts.sign_body = sign_body;
  drso_sigv4_sign (req, &creds, &opts);
}

static void
assert_verify_fails (DrsoSigv4Request *req,
                     const char       *region,
                     const char       *service,
                     gint64            now,
                     DrsoSigv4Error    code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (drso_sigv4_verify (req, drs_lookup, NULL, region, service, now, 900, &error));
  g_assert_error (error, DRSO_SIGV4_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, DRS_SECRET));
  g_assert_null (strstr (error->message, SUITE_SECRET));
  g_assert_null (strstr (error->message, PLAIN_SECRET));
}

static void
assert_verifies (DrsoSigv4Request *req,
                 gint64            now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_sigv4_verify (req, drs_lookup, NULL, "us-east-1", "drs", now, 900, &error));
  g_assert_no_error (error);
}

static void
test_verify_roundtrip (void)
{
  g_autoptr(DrsoSigv4Request) req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) arn = new_drs_request ("/tags/arn%3Aaws%3Adrs%3Aus-east-1%3A123456789012%3Asource-server%2Fs-1234567890abcdef0",
                                                     "a=1&b=%20x&b=");

  drs_sign (req, FALSE);
  assert_verifies (req, DRS_TIME);
  assert_verifies (req, DRS_TIME + 899);
  assert_verifies (req, DRS_TIME - 899);
  g_assert_cmpstr (drso_sigv4_request_lookup_header (req, "X-Amz-Security-Token"), ==, DRS_TOKEN);
  g_assert_true (g_str_has_prefix (drso_sigv4_request_lookup_header (req, "Authorization"),
                                   "AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
                                   "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="));

  /* Signing again (a retry) replaces the previous signature headers. */
  drs_sign (req, TRUE);
  g_assert_cmpuint (drso_sigv4_request_get_n_headers (req), ==, 7);
  assert_verifies (req, DRS_TIME);

  drs_sign (arn, FALSE);
  assert_verifies (arn, DRS_TIME);
}

static void
test_verify_tampered (void)
{
  g_autoptr(DrsoSigv4Request) req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) other_path = NULL;
  g_autoptr(DrsoSigv4Request) other_query = NULL;
  g_autoptr(DrsoSigv4Request) other_header = NULL;
  g_autoptr(DrsoSigv4Request) other_body = NULL;
  g_autoptr(DrsoSigv4Request) hashed_body = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) unsigned_added = NULL;

  drs_sign (req, FALSE);

  other_path = copy_request (req, "/StartRecovery", NULL);
  assert_verify_fails (other_path, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);

  other_query = copy_request (req, "/DescribeSourceServers", "maxResults=1");
  assert_verify_fails (other_query, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);

  other_header = copy_request (req, "/DescribeSourceServers", NULL);
  drso_sigv4_request_remove_header (other_header, "Content-Type");
  drso_sigv4_request_add_header (other_header, "Content-Type", "text/plain");
  assert_verify_fails (other_header, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);

  other_body = copy_request (req, "/DescribeSourceServers", NULL);
  drso_sigv4_request_set_payload (other_body, "{}", 2);
  assert_verify_fails (other_body, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);

  /* With x-amz-content-sha256 signed, the body must still match it. */
  drs_sign (hashed_body, TRUE);
  assert_verifies (hashed_body, DRS_TIME);
  drso_sigv4_request_set_payload (hashed_body, "{}", 2);
  assert_verify_fails (hashed_body, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);

  /* A header the client did not sign may be added on the way. */
  unsigned_added = copy_request (req, "/DescribeSourceServers", NULL);
  drso_sigv4_request_add_header (unsigned_added, "X-Forwarded-For", "192.0.2.1");
  drso_sigv4_request_add_header (unsigned_added, "Connection", "close");
  assert_verifies (unsigned_added, DRS_TIME);
}

static void
test_verify_errors (void)
{
  g_autoptr(DrsoSigv4Request) req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) unsigned_req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) unknown = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) no_header = NULL;
  g_autoptr(DrsoSigv4Request) no_date = NULL;
  const DrsoSigv4Credentials stranger = { "AKIDUNKNOWN", DRS_SECRET, NULL };
  DrsoSigv4Options opts;
  static const char * const garbled[] = {
    "",
    "AWS4-HMAC-SHA1 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
      "SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000",
    "AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs, "
      "SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000",
    "AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
      "Signature=0000000000000000000000000000000000000000000000000000000000000000",
    "AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
      "SignedHeaders=host, Signature=abc",
    "AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
      "SignedHeaders=, Signature=0000000000000000000000000000000000000000000000000000000000000000",
    "AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
      "SignedHeaders=content-type, Signature=0000000000000000000000000000000000000000000000000000000000000000",
  };

  drs_sign (req, FALSE);

  /* No signature at all. */
  assert_verify_fails (unsigned_req, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE);

  /* Garbled Authorization headers. */
  for (guint i = 0; i < G_N_ELEMENTS (garbled); i++)
    {
      g_autoptr(DrsoSigv4Request) copy = copy_request (req, "/DescribeSourceServers", NULL);

      drso_sigv4_request_remove_header (copy, "Authorization");
      drso_sigv4_request_add_header (copy, "Authorization", garbled[i]);
      assert_verify_fails (copy, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE);
    }

  /* A signed header or the date is missing. */
  no_header = copy_request (req, "/DescribeSourceServers", NULL);
  drso_sigv4_request_remove_header (no_header, "Content-Type");
  assert_verify_fails (no_header, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE);
  no_date = copy_request (req, "/DescribeSourceServers", NULL);
  drso_sigv4_request_remove_header (no_date, "X-Amz-Date");
  assert_verify_fails (no_date, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE);

  /* Unknown key. */
  drso_sigv4_options_init (&opts, "us-east-1", "drs", DRS_TIME);
  drso_sigv4_sign (unknown, &stranger, &opts);
  assert_verify_fails (unknown, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_UNKNOWN_KEY);

  /* Wrong scope. */
  assert_verify_fails (req, "eu-west-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_WRONG_SCOPE);
  assert_verify_fails (req, "us-east-1", "ec2", DRS_TIME, DRSO_SIGV4_ERROR_WRONG_SCOPE);
}

static void
test_verify_skew (void)
{
  g_autoptr(DrsoSigv4Request) req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(GError) error = NULL;

  drs_sign (req, FALSE);

  assert_verifies (req, DRS_TIME + 14 * 60);
  assert_verifies (req, DRS_TIME + 15 * 60);

  g_assert_false (drso_sigv4_verify (req, drs_lookup, NULL, "us-east-1", "drs",
                                     DRS_TIME + 16 * 60, 15 * 60, &error));
  g_assert_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_EXPIRED);
  g_assert_nonnull (strstr (error->message, "20260101T000000Z"));
  g_assert_nonnull (strstr (error->message, "20260101T001600Z"));
  g_clear_error (&error);

  g_assert_false (drso_sigv4_verify (req, drs_lookup, NULL, "us-east-1", "drs",
                                     DRS_TIME - 16 * 60, 15 * 60, &error));
  g_assert_error (error, DRSO_SIGV4_ERROR, DRSO_SIGV4_ERROR_EXPIRED);
  g_assert_nonnull (strstr (error->message, "20260101T000000Z"));
  g_assert_nonnull (strstr (error->message, "20251231T234400Z"));
}

static void
test_verify_http_date (void)
{
  const DrsoSigv4Credentials creds = { DRS_KEY, DRS_SECRET, NULL };
  g_autoptr(DrsoSigv4Request) req = drso_sigv4_request_new ("GET", "/", NULL);
  g_autofree char *signature = NULL;
  g_autofree char *authorization = NULL;
  DrsoSigv4Options opts;

  /* A request dated by its Date header rather than X-Amz-Date. */
  drso_sigv4_request_add_header (req, "Host", "drs.us-east-1.amazonaws.com");
  drso_sigv4_request_add_header (req, "Date", "Thu, 01 Jan 2026 00:00:00 GMT");
  drso_sigv4_options_init (&opts, "us-east-1", "drs", DRS_TIME);
  signature = drso_sigv4_signature (req, &creds, &opts);
  authorization = g_strdup_printf ("AWS4-HMAC-SHA256 Credential=" DRS_KEY "/20260101/us-east-1/drs/aws4_request, "
                                   "SignedHeaders=date;host, Signature=%s", signature);
  drso_sigv4_request_add_header (req, "Authorization", authorization);

  assert_verifies (req, DRS_TIME + 10);
  assert_verify_fails (req, "us-east-1", "drs", DRS_TIME + 3600, DRSO_SIGV4_ERROR_EXPIRED);
}

static void
test_verify_presigned (void)
{
  const DrsoSigv4Credentials creds = { DRS_KEY, DRS_SECRET, DRS_TOKEN };
  g_autoptr(DrsoSigv4Request) req = drso_sigv4_request_new ("GET", "/tags/arn%3Aaws%3Adrs%3Aus-east-1%3A1%3Ajob%2Fdrsjob-1", "x=1");
  g_autoptr(DrsoSigv4Request) presigned = NULL;
  g_autoptr(DrsoSigv4Request) tampered = NULL;
  g_autofree char *query = NULL;
  g_autofree char *tampered_query = NULL;
  DrsoSigv4Options opts;

  drso_sigv4_request_add_header (req, "Host", "drs.us-east-1.amazonaws.com");
  drso_sigv4_options_init (&opts, "us-east-1", "drs", DRS_TIME);
  opts.expires = 300;
  query = drso_sigv4_presign (req, &creds, &opts);
  g_assert_true (g_str_has_prefix (query, "x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                                   DRS_KEY "%2F20260101%2Fus-east-1%2Fdrs%2Faws4_request&X-Amz-Date="
                                   "20260101T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=300"
                                   "&X-Amz-Security-Token="));

  presigned = copy_request (req, drso_sigv4_request_get_raw_path (req), query);
  assert_verifies (presigned, DRS_TIME);
  assert_verifies (presigned, DRS_TIME + 300);
  assert_verifies (presigned, DRS_TIME - 60);
  assert_verify_fails (presigned, "us-east-1", "drs", DRS_TIME + 301, DRSO_SIGV4_ERROR_EXPIRED);
  assert_verify_fails (presigned, "us-east-1", "drs", DRS_TIME - 901, DRSO_SIGV4_ERROR_EXPIRED);
  assert_verify_fails (presigned, "eu-west-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_WRONG_SCOPE);

  tampered_query = g_strdup (query);
  tampered_query[2] = '2';
  tampered = copy_request (req, drso_sigv4_request_get_raw_path (req), tampered_query);
  assert_verify_fails (tampered, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);
}

/* No error message, whatever the failure, holds the secret: not even when a
 * confused client sends the secret where the key id goes. */
static void
test_verify_no_secret_in_errors (void)
{
  const DrsoSigv4Credentials confused = { DRS_SECRET, DRS_SECRET, NULL };
  const DrsoSigv4Credentials plain_confused = { PLAIN_SECRET, PLAIN_SECRET, NULL };
  const DrsoSigv4Credentials creds = { DRS_KEY, DRS_SECRET, NULL };
  g_autoptr(DrsoSigv4Request) req = new_drs_request ("/" DRS_SECRET, DRS_SECRET "=" DRS_SECRET);
  g_autoptr(DrsoSigv4Request) confused_req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) plain_req = new_drs_request ("/DescribeSourceServers", NULL);
  g_autoptr(DrsoSigv4Request) tampered = NULL;
  DrsoSigv4Options opts;

  drso_sigv4_options_init (&opts, "us-east-1", "drs", DRS_TIME);
  drso_sigv4_sign (req, &creds, &opts);
  drso_sigv4_sign (confused_req, &confused, &opts);
  drso_sigv4_sign (plain_req, &plain_confused, &opts);

  tampered = copy_request (req, "/other", NULL);
  assert_verify_fails (tampered, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH);
  assert_verify_fails (req, "us-east-1", "drs", DRS_TIME + 3600, DRSO_SIGV4_ERROR_EXPIRED);
  assert_verify_fails (req, "us-west-2", "drs", DRS_TIME, DRSO_SIGV4_ERROR_WRONG_SCOPE);
  /* A "/" in the secret makes the credential garbled; without, the key is unknown. */
  assert_verify_fails (confused_req, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE);
  assert_verify_fails (plain_req, "us-east-1", "drs", DRS_TIME, DRSO_SIGV4_ERROR_UNKNOWN_KEY);
}

/* More keys than the cache holds, in turn: every signature stays right. */
static void
test_key_cache (void)
{
  static const char * const regions[] = { "us-east-1", "eu-west-1", "ap-southeast-2" };
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);

  for (guint round = 0; round < 3; round++)
    {
      guint n = 0;

      for (guint s = 0; s < 4; s++)
        {
          for (guint r = 0; r < G_N_ELEMENTS (regions); r++, n++)
            {
              g_autofree char *secret = g_strdup_printf ("secret-%u", s);
              const DrsoSigv4Credentials creds = { "AKID", secret, NULL };
              g_autoptr(DrsoSigv4Request) req = new_drs_request ("/DescribeJobs", NULL);
              DrsoSigv4Options opts;
              char *signature;

              drso_sigv4_options_init (&opts, regions[r], "drs", DRS_TIME + round * 86400 * (round == 2));
              if (round == 1)
                drso_sigv4_clear_key_cache ();
              signature = drso_sigv4_signature (req, &creds, &opts);
              if (round == 0)
                {
                  g_ptr_array_add (first, signature);
                }
              else if (round == 1)
                {
                  g_assert_cmpstr (signature, ==, g_ptr_array_index (first, n));
                  g_free (signature);
                }
              else
                {
                  g_assert_cmpstr (signature, !=, g_ptr_array_index (first, n));
                  g_free (signature);
                }
            }
        }
    }
}

static void
test_format_date (void)
{
  static const struct { gint64 time; const char *date; } dates[] = {
    { 0, "19700101T000000Z" },
    { 951782400, "20000229T000000Z" },
    { 1440938160, "20150830T123600Z" },
    { G_GINT64_CONSTANT (4107542399), "21000228T235959Z" },
    { G_GINT64_CONSTANT (253402300799), "99991231T235959Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *date = drso_sigv4_format_date (dates[i].time);

      g_assert_cmpstr (date, ==, dates[i].date);
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  const char *testdata = g_getenv ("DRSO_TESTDATA_DIR");
  g_autofree char *suite_dir = NULL;
  g_autofree char *missing = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  case_dirs = g_ptr_array_new_with_free_func (g_free);
  if (testdata != NULL)
    suite_dir = g_build_filename (testdata, "sigv4", NULL);

  if (suite_dir != NULL && g_file_test (suite_dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (suite_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *path = g_build_filename (suite_dir, name, NULL);
          g_autofree char *context = g_build_filename (path, "context.json", NULL);

          if (g_file_test (context, G_FILE_TEST_EXISTS))
            g_ptr_array_add (case_dirs, path);
          else
            g_free (path);
        }
      g_ptr_array_sort (case_dirs, compare_paths);

      for (guint i = 0; i < case_dirs->len; i++)
        {
          const char *path = g_ptr_array_index (case_dirs, i);
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *header_name = g_strconcat ("/sigv4/header/", base, NULL);
          g_autofree char *query_name = g_strconcat ("/sigv4/query/", base, NULL);

          g_test_add_data_func (header_name, path, test_suite_header);
          g_test_add_data_func (query_name, path, test_suite_query);
        }
    }
  else
    {
      missing = g_strdup_printf ("The SigV4 test suite is not there: %s (set DRSO_TESTDATA_DIR "
                                 "to the shared testdata folder)",
                                 suite_dir != NULL ? suite_dir : "DRSO_TESTDATA_DIR is not set");
      g_printerr ("# %s\n", missing);
      g_test_add_data_func ("/sigv4/suite", missing, test_suite_missing);
    }

  g_test_add_func ("/sigv4/format-date", test_format_date);
  g_test_add_func ("/sigv4/key-cache", test_key_cache);
  g_test_add_func ("/sigv4/verify/roundtrip", test_verify_roundtrip);
  g_test_add_func ("/sigv4/verify/tampered", test_verify_tampered);
  g_test_add_func ("/sigv4/verify/errors", test_verify_errors);
  g_test_add_func ("/sigv4/verify/skew", test_verify_skew);
  g_test_add_func ("/sigv4/verify/http-date", test_verify_http_date);
  g_test_add_func ("/sigv4/verify/presigned", test_verify_presigned);
  g_test_add_func ("/sigv4/verify/no-secret-in-errors", test_verify_no_secret_in_errors);

  ret = g_test_run ();

  drso_sigv4_clear_key_cache ();
  g_ptr_array_unref (case_dirs);

  return ret;
}
