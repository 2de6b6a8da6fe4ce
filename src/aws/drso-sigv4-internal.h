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
 * - drso-sigv4-key.c: SHA-256, HMAC-SHA256, signing keys and their cache,
 *   wiping;
 * - drso-sigv4-verify.c: verification of received requests.
 *
 * The canonical forms are written with "write" functions: each takes where to
 * write, which the caller has made large enough (the "length" functions give
 * exact sizes or upper bounds), and returns the end of what it wrote. */

#define SCOPE_TERMINATOR   "aws4_request"
#define MAX_EXPIRES        604800
#define MAX_TIME           G_GINT64_CONSTANT (253402300799) /* 9999-12-31T23:59:59Z */
#define SHA256_LENGTH      32
#define SHA256_HEX_LENGTH  (2 * SHA256_LENGTH)
#define AMZ_DATE_LENGTH    16
#define SCOPE_DATE_LENGTH  8
#define N_INLINE_HEADERS   8
#define HEADER_MEMORY_SIZE 384
#define SCRATCH_SIZE       2048

/* The white space of header values, trimmed and collapsed. */
#define SPACES " \t\n\r\v\f"

typedef enum
{
  HEADER_AUTHORIZATION   = 1 << 0,  /* named Authorization: never signed */
  HEADER_UNSIGNED        = 1 << 1,  /* not signed unless a verified request names it */
  HEADER_CANONICAL_VALUE = 1 << 2,  /* the value is already trimmed and collapsed */
} HeaderFlags;

/* One block, starting at @name, holds the name as it was added, its
 * lower-case form and the value, each NUL-terminated. */
typedef struct
{
  char        *name;
  char        *lower;
  char        *value;
  gsize        name_length;
  gsize        value_length;
  HeaderFlags  flags;
  gboolean     allocated;   /* the block is on the heap, not in header_memory */
} Header;

/* One allocation holds the request and its method, path and query, the first
 * few headers, and the blocks of the first few hundred bytes of them: under
 * 1 KiB with a short path, which malloc serves from its per-thread cache. */
struct _DrsoSigv4Request
{
  char   *method;
  char   *raw_path;
  char   *raw_query;      /* NULL when empty */
  gsize   method_length;
  gsize   path_length;
  gsize   query_length;
  Header *headers;        /* in the order they were added */
  guint   n_headers;
  guint   headers_size;
  char   *payload_hash;   /* NULL for an empty body; payload_hash_inline or owned */
  gsize   payload_hash_length;  /* of drso_sigv4_request_get_payload_hash() */
  char    payload_hash_inline[SHA256_HEX_LENGTH + 1];
  Header  inline_headers[N_INLINE_HEADERS];
  gsize   header_memory_used;  /* never given back: a removed block stays used */
  char    header_memory[HEADER_MEMORY_SIZE];
};

/* A header taking part in the signature, in canonical order. */
typedef struct
{
  const Header *header;
  gboolean      repeated;   /* same name as the one before */
} HeaderRef;

typedef struct
{
  HeaderRef *refs;
  guint      n;
  char      *names;         /* the SignedHeaders list, NUL-terminated */
  gsize      names_length;
  HeaderRef  stack[16];
  char       names_stack[128];
} HeaderSet;

/* The credential scope, "20150830/us-east-1/service/aws4_request", and the
 * date and time of the signature. */
typedef struct
{
  char        amz_date[AMZ_DATE_LENGTH + 1];
  const char *region;
  gsize       region_length;
  const char *service;
  gsize       service_length;
} Scope;

/* Memory to write in: on the stack, or on the heap when that is too small. */
typedef struct
{
  char *data;
  char  stack[SCRATCH_SIZE];
} Scratch;

static inline char *
scratch_init (Scratch *scratch,
              gsize    size)
{
  scratch->data = size <= sizeof scratch->stack ? scratch->stack : g_malloc (size);

  return scratch->data;
}

static inline void
scratch_clear (Scratch *scratch)
{
  if (scratch->data != scratch->stack)
    g_free (scratch->data);
  scratch->data = NULL;
}

/* drso-sigv4.c */
G_GNUC_INTERNAL
void     _drso_sigv4_format_amz_date          (gint64                  time,
                                               char                    out[AMZ_DATE_LENGTH + 1]);
G_GNUC_INTERNAL
const Header *_drso_sigv4_request_find_header (DrsoSigv4Request       *req,
                                               const char             *lower,
                                               gsize                   length);

/* drso-sigv4-canonical.c */
G_GNUC_INTERNAL
char    *_drso_sigv4_write_uri_encoded        (char                   *out,
                                               const char             *str,
                                               gsize                   length,
                                               gboolean                keep_slash,
                                               gboolean                keep_percent);
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
HeaderFlags _drso_sigv4_header_flags          (const char             *lower,
                                               gsize                   name_length,
                                               const char             *value,
                                               gsize                   value_length);
G_GNUC_INTERNAL
void     _drso_sigv4_header_set_init          (HeaderSet              *set,
                                               DrsoSigv4Request       *req,
                                               char                  **signed_names);
G_GNUC_INTERNAL
void     _drso_sigv4_header_set_clear         (HeaderSet              *set);
G_GNUC_INTERNAL
gsize    _drso_sigv4_canonical_request_bound  (DrsoSigv4Request       *req,
                                               const char             *query,
                                               gsize                   query_length,
                                               const HeaderSet        *set);
G_GNUC_INTERNAL
char    *_drso_sigv4_write_canonical_request  (char                   *out,
                                               DrsoSigv4Request       *req,
                                               const DrsoSigv4Options *opts,
                                               const char             *query,
                                               gsize                   query_length,
                                               const HeaderSet        *set);
G_GNUC_INTERNAL
void     _drso_sigv4_scope_init               (Scope                  *scope,
                                               gint64                  time,
                                               const char             *region,
                                               const char             *service);
G_GNUC_INTERNAL
gsize    _drso_sigv4_scope_length             (const Scope            *scope);
G_GNUC_INTERNAL
char    *_drso_sigv4_write_scope              (char                   *out,
                                               const Scope            *scope);
G_GNUC_INTERNAL
gsize    _drso_sigv4_make_string_to_sign      (Scratch                *scratch,
                                               DrsoSigv4Request       *req,
                                               const DrsoSigv4Options *opts,
                                               const char             *query,
                                               const HeaderSet        *set,
                                               const Scope            *scope);

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
                                               char                    out[SHA256_HEX_LENGTH + 1]);
G_GNUC_INTERNAL
void     _drso_sigv4_sha256_hex_canonical     (const char             *data,
                                               gsize                   length,
                                               char                    out[SHA256_HEX_LENGTH + 1]);
G_GNUC_INTERNAL
void     _drso_sigv4_sign_string              (const char             *secret,
                                               const Scope            *scope,
                                               const char             *string_to_sign,
                                               gsize                   length,
                                               char                    out[SHA256_HEX_LENGTH + 1]);

G_END_DECLS
