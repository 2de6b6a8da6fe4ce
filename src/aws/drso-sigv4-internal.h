/* drso-sigv4-internal.h
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

#include "drso-sigv4-private.h"

G_BEGIN_DECLS

/* Shared by the files that implement drso-sigv4-private.h, which stays the
 * only header the rest of libdrso-1 includes:
 *
 * - drso-sigv4.c: the request object, the options and the entry points;
 * - drso-sigv4-canonical.c: URI encoding, canonical request, string to sign;
 * - drso-sigv4-key.c: HMAC-SHA256, signing keys and their cache, wiping;
 * - drso-sigv4-verify.c: verification of received requests. */

#define SCOPE_TERMINATOR   "aws4_request"
#define MAX_EXPIRES        604800
#define MAX_TIME           G_GINT64_CONSTANT (253402300799) /* 9999-12-31T23:59:59Z */
#define SHA256_LENGTH      32
#define AMZ_DATE_LENGTH    16

/* The white space of header values, trimmed and collapsed. */
#define SPACES " \t\n\r\v\f"

typedef struct
{
  char *name;
  char *value;
} Header;

struct _DrsoSigv4Request
{
  char   *method;
  char   *raw_path;
  char   *raw_query;
  GArray *headers;        /* of Header, in the order they were added */
  char   *payload_hash;   /* NULL for an empty body */
};

/* A header taking part in the signature, in canonical order. */
typedef struct
{
  const char *name;
  const char *value;
  gboolean    repeated;   /* same name as the one before */
} HeaderRef;

typedef struct
{
  HeaderRef *refs;
  guint      n;
  HeaderRef  stack[16];
} HeaderSet;

/* drso-sigv4.c */
G_GNUC_INTERNAL
void     _drso_sigv4_format_amz_date          (gint64                  time,
                                               char                    out[AMZ_DATE_LENGTH + 1]);

/* drso-sigv4-canonical.c */
G_GNUC_INTERNAL
void     _drso_sigv4_append_uri_encoded       (GString                *out,
                                               const char             *str,
                                               gsize                   length,
                                               gboolean                keep_slash,
                                               gboolean                keep_percent);
G_GNUC_INTERNAL
char    *_drso_sigv4_query_component_decode   (const char             *str,
                                               gsize                   length);
G_GNUC_INTERNAL
gboolean _drso_sigv4_strv_contains_ascii_case (char                  **strv,
                                               const char             *str);
G_GNUC_INTERNAL
void     _drso_sigv4_header_set_init          (HeaderSet              *set,
                                               DrsoSigv4Request       *req,
                                               char                  **signed_names);
G_GNUC_INTERNAL
void     _drso_sigv4_header_set_clear         (HeaderSet              *set);
G_GNUC_INTERNAL
void     _drso_sigv4_append_signed_headers    (GString                *out,
                                               const HeaderSet        *set);
G_GNUC_INTERNAL
void     _drso_sigv4_append_canonical_request (GString                *out,
                                               DrsoSigv4Request       *req,
                                               const DrsoSigv4Options *opts,
                                               const char             *query,
                                               const HeaderSet        *set);
G_GNUC_INTERNAL
void     _drso_sigv4_append_scope             (GString                *out,
                                               const char             *amz_date,
                                               const char             *region,
                                               const char             *service);
G_GNUC_INTERNAL
GString *_drso_sigv4_build_string_to_sign     (DrsoSigv4Request       *req,
                                               const DrsoSigv4Options *opts,
                                               const char             *query,
                                               const HeaderSet        *set,
                                               const char             *amz_date);

/* drso-sigv4-key.c */
G_GNUC_INTERNAL
void     _drso_sigv4_wipe                     (void                   *data,
                                               gsize                   length);
G_GNUC_INTERNAL
gboolean _drso_sigv4_equal_constant_time      (const char             *a,
                                               gsize                   a_length,
                                               const char             *b,
                                               gsize                   b_length);
G_GNUC_INTERNAL
void     _drso_sigv4_sha256_hex               (const void             *data,
                                               gsize                   length,
                                               char                    out[2 * SHA256_LENGTH + 1]);
G_GNUC_INTERNAL
void     _drso_sigv4_sign_string              (const char             *secret,
                                               const char             *amz_date,
                                               const char             *region,
                                               const char             *service,
                                               const char             *string_to_sign,
                                               gsize                   length,
                                               char                    out[2 * SHA256_LENGTH + 1]);

G_END_DECLS
