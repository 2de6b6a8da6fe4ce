/* drso-sigv4-private.h
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

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AWS Signature Version 4: signing, presigning and verification.
 *
 * Private to libdrso-1 and its tests (not introspected). Depends on GLib only,
 * so that the HTTP client, the simulated AWS server and the fuzzers can share
 * it. A request is described as it is on the wire: the path and the query are
 * the raw, percent-encoded bytes of the request line. In the query, "+" is a
 * space (as botocore sends it) and X-Amz-Signature never takes part in the
 * canonical request. The body is reduced to its SHA-256 unless the request
 * carries x-amz-content-sha256, whose value is then signed as the body hash.
 *
 * Derived signing keys are cached (a few; wiped when replaced or cleared), so
 * signing again with the same secret, day, region and service costs one
 * SHA-256 of the canonical request and one HMAC. Thread-safe. */

#define DRSO_SIGV4_ALGORITHM          "AWS4-HMAC-SHA256"
#define DRSO_SIGV4_EMPTY_PAYLOAD_HASH "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define DRSO_SIGV4_UNSIGNED_PAYLOAD   "UNSIGNED-PAYLOAD"

#define DRSO_SIGV4_ERROR (drso_sigv4_error_quark ())

typedef enum
{
  DRSO_SIGV4_ERROR_INCOMPLETE_SIGNATURE,
  DRSO_SIGV4_ERROR_UNKNOWN_KEY,
  DRSO_SIGV4_ERROR_EXPIRED,
  DRSO_SIGV4_ERROR_SIGNATURE_MISMATCH,
  DRSO_SIGV4_ERROR_WRONG_SCOPE,
} DrsoSigv4Error;

typedef struct _DrsoSigv4Request DrsoSigv4Request;

typedef struct
{
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token;       /* nullable */
} DrsoSigv4Credentials;

typedef struct
{
  const char *region;
  const char *service;
  gint64      time;                /* seconds since 1970, UTC */
  gboolean    normalize_path;      /* remove "." and ".." segments and empty ones (not S3) */
  gboolean    double_encode;       /* URI-encode the already encoded path again (not S3) */
  gboolean    sign_body;           /* add and sign x-amz-content-sha256 (header signing) */
  gboolean    omit_session_token;  /* add the token after signing, unsigned */
  guint       expires;             /* presigning: validity in seconds, 0 for 3600 */
} DrsoSigv4Options;

/* Returns the secret of @access_key_id, or NULL when the key is unknown. */
typedef const char *(*DrsoSigv4SecretLookup) (const char *access_key_id,
                                              gpointer    user_data);

GQuark            drso_sigv4_error_quark              (void);

DrsoSigv4Request *drso_sigv4_request_new              (const char                  *method,
                                                       const char                  *raw_path,
                                                       const char                  *raw_query);
void              drso_sigv4_request_free             (DrsoSigv4Request            *req);
const char       *drso_sigv4_request_get_method       (DrsoSigv4Request            *req);
const char       *drso_sigv4_request_get_raw_path     (DrsoSigv4Request            *req);
const char       *drso_sigv4_request_get_raw_query    (DrsoSigv4Request            *req);
void              drso_sigv4_request_add_header       (DrsoSigv4Request            *req,
                                                       const char                  *name,
                                                       const char                  *value);
guint             drso_sigv4_request_remove_header    (DrsoSigv4Request            *req,
                                                       const char                  *name);
guint             drso_sigv4_request_get_n_headers    (DrsoSigv4Request            *req);
const char       *drso_sigv4_request_get_header_name  (DrsoSigv4Request            *req,
                                                       guint                        i);
const char       *drso_sigv4_request_get_header_value (DrsoSigv4Request            *req,
                                                       guint                        i);
const char       *drso_sigv4_request_lookup_header    (DrsoSigv4Request            *req,
                                                       const char                  *name);
void              drso_sigv4_request_set_payload      (DrsoSigv4Request            *req,
                                                       const void                  *data,
                                                       gsize                        length);
void              drso_sigv4_request_set_payload_hash (DrsoSigv4Request            *req,
                                                       const char                  *hex);
const char       *drso_sigv4_request_get_payload_hash (DrsoSigv4Request            *req);

void              drso_sigv4_options_init             (DrsoSigv4Options            *opts,
                                                       const char                  *region,
                                                       const char                  *service,
                                                       gint64                       time);

char             *drso_sigv4_format_date              (gint64                       time);
char             *drso_sigv4_canonical_request        (DrsoSigv4Request            *req,
                                                       const DrsoSigv4Options      *opts);
char             *drso_sigv4_string_to_sign           (DrsoSigv4Request            *req,
                                                       const DrsoSigv4Options      *opts);
char             *drso_sigv4_signature                (DrsoSigv4Request            *req,
                                                       const DrsoSigv4Credentials  *creds,
                                                       const DrsoSigv4Options      *opts);
void              drso_sigv4_sign                     (DrsoSigv4Request            *req,
                                                       const DrsoSigv4Credentials  *creds,
                                                       const DrsoSigv4Options      *opts);
char             *drso_sigv4_presign                  (DrsoSigv4Request            *req,
                                                       const DrsoSigv4Credentials  *creds,
                                                       const DrsoSigv4Options      *opts);

gboolean          drso_sigv4_verify                   (DrsoSigv4Request            *req,
                                                       DrsoSigv4SecretLookup        lookup,
                                                       gpointer                     user_data,
                                                       const char                  *region,
                                                       const char                  *service,
                                                       gint64                       now,
                                                       gint64                       max_skew_seconds,
                                                       GError                     **error);

void              drso_sigv4_clear_key_cache          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSigv4Request, drso_sigv4_request_free)

G_END_DECLS
