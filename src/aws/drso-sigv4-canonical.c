/* drso-sigv4-canonical.c
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

/* The rules follow botocore's SigV4Auth (botocore/auth.py) and the aws-c-auth
 * signing test suite (AWS-NOTES.md §1):
 *
 * - path: "." and ".." segments and empty segments removed (unless S3), then
 *   URI-encoded again, keeping "/" and the unreserved characters;
 * - query: every key and value percent-decoded ("+" is a space, as botocore
 *   sends it), encoded again with only the unreserved characters kept, sorted
 *   by key and then by value; X-Amz-Signature never takes part;
 * - headers: names lower-cased, values trimmed with inner runs of white space
 *   collapsed, repeated names joined with "," in order, sorted by name; the
 *   hop-by-hop and tracing headers below are never signed;
 * - payload: the x-amz-content-sha256 header when the request has one,
 *   otherwise the SHA-256 of the body. */

static const char * const unsigned_headers[] = {
  "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
  "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
  "x-amzn-trace-id",
};
static const guint8 unsigned_header_lengths[] = { 13, 10, 6, 10, 18, 19, 2, 7, 17, 7, 10, 15 };

/* Helpers: encoding */

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

static void
append_escaped_byte (GString *out,
                     guchar   c)
{
  static const char digits[] = "0123456789ABCDEF";

  g_string_append_c (out, '%');
  g_string_append_c (out, digits[c >> 4]);
  g_string_append_c (out, digits[c & 0xf]);
}

/* URI-encodes @length bytes of @str: everything but the unreserved characters,
 * and "/" or "%" when asked to keep them. */
void
_drso_sigv4_append_uri_encoded (GString    *out,
                                const char *str,
                                gsize       length,
                                gboolean    keep_slash,
                                gboolean    keep_percent)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = str[i];

      if (is_unreserved (c) || (keep_slash && c == '/') || (keep_percent && c == '%'))
        g_string_append_c (out, c);
      else
        append_escaped_byte (out, c);
    }
}

/* Reads the byte of a query component at *@i, percent-decoded ("+" is a
 * space, a "%" without two hex digits stays), and moves *@i past it. */
static guchar
read_query_byte (const char *str,
                 gsize       length,
                 gsize      *i)
{
  guchar c = str[*i];

  if (c == '%' && *i + 2 < length &&
      g_ascii_isxdigit (str[*i + 1]) && g_ascii_isxdigit (str[*i + 2]))
    {
      c = (g_ascii_xdigit_value (str[*i + 1]) << 4) | g_ascii_xdigit_value (str[*i + 2]);
      *i += 2;
    }
  else if (c == '+')
    {
      c = ' ';
    }
  (*i)++;

  return c;
}

/* Percent-decodes @length bytes of @str on the fly and URI-encodes the result. */
static void
append_query_component (GString    *out,
                        const char *str,
                        gsize       length)
{
  for (gsize i = 0; i < length;)
    {
      guchar c = read_query_byte (str, length, &i);

      if (is_unreserved (c))
        g_string_append_c (out, c);
      else
        append_escaped_byte (out, c);
    }
}

/* Percent-decodes a query component. Returns NULL when it holds a NUL byte. */
char *
_drso_sigv4_query_component_decode (const char *str,
                                    gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length;)
    {
      guchar c = read_query_byte (str, length, &i);

      if (c == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Canonical request */

static gboolean
is_unsigned_header (const char *name)
{
  gsize length = strlen (name);

  for (guint i = 0; i < G_N_ELEMENTS (unsigned_headers); i++)
    {
      if (length == unsigned_header_lengths[i] &&
          g_ascii_strcasecmp (name, unsigned_headers[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
_drso_sigv4_strv_contains_ascii_case (char       **strv,
                                      const char  *str)
{
  for (; *strv != NULL; strv++)
    {
      if (g_ascii_strcasecmp (*strv, str) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Collects the headers to sign, in canonical order: all but the unsigned ones,
 * or, when verifying, exactly those named in @signed_names. */
void
_drso_sigv4_header_set_init (HeaderSet         *set,
                             DrsoSigv4Request  *req,
                             char             **signed_names)
{
  set->refs = req->headers->len <= G_N_ELEMENTS (set->stack) ?
              set->stack : g_new (HeaderRef, req->headers->len);
  set->n = 0;

  for (guint i = 0; i < req->headers->len; i++)
    {
      const Header *h = &g_array_index (req->headers, Header, i);
      gboolean take;

      if (g_ascii_strcasecmp (h->name, "authorization") == 0)
        take = FALSE;
      else if (signed_names != NULL)
        take = _drso_sigv4_strv_contains_ascii_case (signed_names, h->name);
      else
        take = !is_unsigned_header (h->name);

      if (take)
        set->refs[set->n++] = (HeaderRef) { h->name, h->value, FALSE };
    }

  /* Insertion sort: few headers, and stable by construction. */
  for (guint i = 1; i < set->n; i++)
    {
      HeaderRef ref = set->refs[i];
      guint j = i;

      for (; j > 0 && g_ascii_strcasecmp (set->refs[j - 1].name, ref.name) > 0; j--)
        set->refs[j] = set->refs[j - 1];
      set->refs[j] = ref;
    }
  for (guint i = 1; i < set->n; i++)
    set->refs[i].repeated = g_ascii_strcasecmp (set->refs[i - 1].name, set->refs[i].name) == 0;
}

void
_drso_sigv4_header_set_clear (HeaderSet *set)
{
  if (set->refs != set->stack)
    g_free (set->refs);
  set->refs = NULL;
}

static void
append_lower (GString    *out,
              const char *str)
{
  gsize length = strlen (str);
  gsize at = out->len;

  g_string_set_size (out, at + length);
  for (gsize i = 0; i < length; i++)
    out->str[at + i] = str[i] >= 'A' && str[i] <= 'Z' ? str[i] - 'A' + 'a' : str[i];
}

void
_drso_sigv4_append_signed_headers (GString         *out,
                                   const HeaderSet *set)
{
  for (guint i = 0; i < set->n; i++)
    {
      if (set->refs[i].repeated)
        continue;
      if (i > 0)
        g_string_append_c (out, ';');
      append_lower (out, set->refs[i].name);
    }
}

/* Trims @value and collapses inner runs of white space into one space. */
static void
append_header_value (GString    *out,
                     const char *value)
{
  const char *p = value + strspn (value, SPACES);

  while (*p != '\0')
    {
      gsize word = strcspn (p, SPACES);

      g_string_append_len (out, p, word);
      p += word;
      p += strspn (p, SPACES);
      if (*p != '\0')
        g_string_append_c (out, ' ');
    }
}

static void
append_canonical_headers (GString         *out,
                          const HeaderSet *set)
{
  for (guint i = 0; i < set->n; i++)
    {
      if (set->refs[i].repeated)
        {
          g_string_append_c (out, ',');
        }
      else
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          append_lower (out, set->refs[i].name);
          g_string_append_c (out, ':');
        }
      append_header_value (out, set->refs[i].value);
    }
  g_string_append_c (out, '\n');
}

static void
append_canonical_path (GString                *out,
                       const char             *path,
                       const DrsoSigv4Options *opts)
{
  gsize marks_stack[32];
  gsize *marks = marks_stack;
  gsize length, n = 0, max_segments = 1;
  const char *p, *end;

  if (path == NULL || *path == '\0')
    {
      g_string_append_c (out, '/');
      return;
    }

  length = strlen (path);
  if (!opts->normalize_path)
    {
      _drso_sigv4_append_uri_encoded (out, path, length, TRUE, !opts->double_encode);
      return;
    }

  for (p = path; *p != '\0'; p++)
    max_segments += *p == '/';
  if (max_segments > G_N_ELEMENTS (marks_stack))
    marks = g_new (gsize, max_segments);

  /* Remove-dot-segments as botocore does it: empty segments go too, ".." at
   * the top stays at the top, and the trailing "/" is kept when something is
   * left before it. */
  if (path[0] == '/')
    g_string_append_c (out, '/');

  for (p = path; p <= path + length; p = end + 1)
    {
      gsize segment;

      end = strchr (p, '/');
      if (end == NULL)
        end = path + length;
      segment = end - p;

      if (segment == 0 || (segment == 1 && p[0] == '.'))
        continue;
      if (segment == 2 && p[0] == '.' && p[1] == '.')
        {
          if (n > 0)
            g_string_truncate (out, marks[--n]);
          continue;
        }

      marks[n] = out->len;
      if (n++ > 0)
        g_string_append_c (out, '/');
      _drso_sigv4_append_uri_encoded (out, p, segment, FALSE, !opts->double_encode);
    }

  if (path[length - 1] == '/' && n > 0)
    g_string_append_c (out, '/');
  if (path[0] != '/' && n == 0)
    g_string_append_c (out, '/');

  if (marks != marks_stack)
    g_free (marks);
}

typedef struct
{
  gsize key;
  gsize value;
} QueryPair;

static int
compare_query_pairs (const void *a,
                     const void *b,
                     void       *user_data)
{
  const QueryPair *pa = a;
  const QueryPair *pb = b;
  const char *buffer = user_data;
  int cmp = strcmp (buffer + pa->key, buffer + pb->key);

  if (cmp != 0)
    return cmp;

  return strcmp (buffer + pa->value, buffer + pb->value);
}

static void
append_canonical_query (GString    *out,
                        const char *query)
{
  g_autoptr(GString) buffer = NULL;
  g_autoptr(GArray) pairs = NULL;
  const char *p, *end;

  if (query == NULL || *query == '\0')
    return;

  buffer = g_string_sized_new (strlen (query) * 2);
  pairs = g_array_new (FALSE, FALSE, sizeof (QueryPair));

  for (p = query; ; p = end + 1)
    {
      const char *eq;
      QueryPair pair;

      end = strchr (p, '&');
      if (end == NULL)
        end = p + strlen (p);

      if (end > p)
        {
          eq = memchr (p, '=', end - p);
          if (eq == NULL)
            eq = end;

          pair.key = buffer->len;
          append_query_component (buffer, p, eq - p);
          if (strcmp (buffer->str + pair.key, "X-Amz-Signature") == 0)
            {
              g_string_truncate (buffer, pair.key);
            }
          else
            {
              g_string_append_c (buffer, '\0');
              pair.value = buffer->len;
              if (eq < end)
                append_query_component (buffer, eq + 1, end - eq - 1);
              g_string_append_c (buffer, '\0');
              g_array_append_val (pairs, pair);
            }
        }

      if (*end == '\0')
        break;
    }

  g_qsort_with_data (pairs->data, pairs->len, sizeof (QueryPair), compare_query_pairs, buffer->str);

  for (guint i = 0; i < pairs->len; i++)
    {
      const QueryPair *pair = &g_array_index (pairs, QueryPair, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append (out, buffer->str + pair->key);
      g_string_append_c (out, '=');
      g_string_append (out, buffer->str + pair->value);
    }
}

static void
append_payload_hash (GString          *out,
                     DrsoSigv4Request *req)
{
  const char *header = drso_sigv4_request_lookup_header (req, "x-amz-content-sha256");

  if (header != NULL)
    append_header_value (out, header);
  else
    g_string_append (out, drso_sigv4_request_get_payload_hash (req));
}

void
_drso_sigv4_append_canonical_request (GString                *out,
                                      DrsoSigv4Request       *req,
                                      const DrsoSigv4Options *opts,
                                      const char             *query,
                                      const HeaderSet        *set)
{
  g_string_append (out, req->method);
  g_string_append_c (out, '\n');
  append_canonical_path (out, req->raw_path, opts);
  g_string_append_c (out, '\n');
  append_canonical_query (out, query);
  g_string_append_c (out, '\n');
  append_canonical_headers (out, set);
  g_string_append_c (out, '\n');
  _drso_sigv4_append_signed_headers (out, set);
  g_string_append_c (out, '\n');
  append_payload_hash (out, req);
}

/* String to sign */

void
_drso_sigv4_append_scope (GString    *out,
                          const char *amz_date,
                          const char *region,
                          const char *service)
{
  g_string_append_len (out, amz_date, 8);
  g_string_append_c (out, '/');
  g_string_append (out, region);
  g_string_append_c (out, '/');
  g_string_append (out, service);
  g_string_append (out, "/" SCOPE_TERMINATOR);
}

/* Turns the canonical request in @buffer into the string to sign, in place. */
static void
make_string_to_sign (GString    *buffer,
                     const char *amz_date,
                     const char *region,
                     const char *service)
{
  char hex[2 * SHA256_LENGTH + 1];

  _drso_sigv4_sha256_hex (buffer->str, buffer->len, hex);

  g_string_truncate (buffer, 0);
  g_string_append (buffer, DRSO_SIGV4_ALGORITHM "\n");
  g_string_append (buffer, amz_date);
  g_string_append_c (buffer, '\n');
  _drso_sigv4_append_scope (buffer, amz_date, region, service);
  g_string_append_c (buffer, '\n');
  g_string_append (buffer, hex);
}

GString *
_drso_sigv4_build_string_to_sign (DrsoSigv4Request       *req,
                                  const DrsoSigv4Options *opts,
                                  const char             *query,
                                  const HeaderSet        *set,
                                  const char             *amz_date)
{
  GString *buffer = g_string_sized_new (1024);

  _drso_sigv4_append_canonical_request (buffer, req, opts, query, set);
  make_string_to_sign (buffer, amz_date, opts->region, opts->service);

  return buffer;
}
