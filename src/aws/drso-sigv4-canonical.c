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
 *   hop-by-hop and tracing headers (is_unsigned_header()) are never signed;
 * - payload: the x-amz-content-sha256 header when the request has one,
 *   otherwise the SHA-256 of the body.
 *
 * The canonical request is written in one go into memory sized beforehand
 * from an upper bound: encoding at most triples a byte, and trimming header
 * values only shortens them. Header names are lower-cased, and values checked
 * for white space, once, when the header is added. */

#define STRING_TO_SIGN_PREFIX DRSO_SIGV4_ALGORITHM "\n"

/* Helpers: encoding */

/* What URI encoding keeps as it is: the unreserved characters, and "/" or
 * "%" when asked to. */
enum
{
  KEEP_UNRESERVED = 1 << 0,
  KEEP_SLASH      = 1 << 1,
  KEEP_PERCENT    = 1 << 2,
};

static const guint8 uri_keep[256] = {
  ['0' ... '9'] = KEEP_UNRESERVED,
  ['A' ... 'Z'] = KEEP_UNRESERVED,
  ['a' ... 'z'] = KEEP_UNRESERVED,
  ['-'] = KEEP_UNRESERVED,
  ['_'] = KEEP_UNRESERVED,
  ['.'] = KEEP_UNRESERVED,
  ['~'] = KEEP_UNRESERVED,
  ['/'] = KEEP_SLASH,
  ['%'] = KEEP_PERCENT,
};

/* One of SPACES: " ", or "\t", "\n", "\v", "\f" and "\r", which follow each
 * other in ASCII. */
static inline gboolean
is_space (guchar c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline char *
write_escaped_byte (char   *out,
                    guchar  c)
{
  static const char digits[] = "0123456789ABCDEF";

  out[0] = '%';
  out[1] = digits[c >> 4];
  out[2] = digits[c & 0xf];

  return out + 3;
}

static inline char *
write_bytes (char       *out,
             const char *data,
             gsize       length)
{
  memcpy (out, data, length);

  return out + length;
}

/* URI-encodes @length bytes of @str, at most 3 × @length: everything but the
 * unreserved characters, and "/" or "%" when asked to keep them. */
char *
_drso_sigv4_write_uri_encoded (char       *out,
                               const char *str,
                               gsize       length,
                               gboolean    keep_slash,
                               gboolean    keep_percent)
{
  guint8 keep = KEEP_UNRESERVED | (keep_slash ? KEEP_SLASH : 0) | (keep_percent ? KEEP_PERCENT : 0);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = str[i];

      if ((uri_keep[c] & keep) != 0)
        *out++ = c;
      else
        out = write_escaped_byte (out, c);
    }

  return out;
}

void
_drso_sigv4_append_uri_encoded (GString    *out,
                                const char *str,
                                gsize       length,
                                gboolean    keep_slash,
                                gboolean    keep_percent)
{
  gsize at = out->len;
  char *end;

  g_string_set_size (out, at + 3 * length);
  end = _drso_sigv4_write_uri_encoded (out->str + at, str, length, keep_slash, keep_percent);
  g_string_truncate (out, end - out->str);
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

/* Percent-decodes @length bytes of @str on the fly and URI-encodes the
 * result, at most 3 × @length. */
static char *
write_query_component (char       *out,
                       const char *str,
                       gsize       length)
{
  for (gsize i = 0; i < length;)
    {
      guchar c = read_query_byte (str, length, &i);

      if ((uri_keep[c] & KEEP_UNRESERVED) != 0)
        *out++ = c;
      else
        out = write_escaped_byte (out, c);
    }

  return out;
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

/* Headers */

#define IS_NAMED(lower, length, name) \
  ((length) == strlen (name) && memcmp ((lower), (name), (length)) == 0)

/* The headers that are never signed: hop-by-hop and tracing ones, and
 * Authorization. Told apart by their first letter first. */
static gboolean
is_unsigned_header (const char *lower,
                    gsize       length)
{
  switch (lower[0])
    {
    case 'a':
      return IS_NAMED (lower, length, "authorization");
    case 'c':
      return IS_NAMED (lower, length, "connection");
    case 'e':
      return IS_NAMED (lower, length, "expect");
    case 'k':
      return IS_NAMED (lower, length, "keep-alive");
    case 'p':
      return IS_NAMED (lower, length, "proxy-authenticate") ||
             IS_NAMED (lower, length, "proxy-authorization");
    case 't':
      return IS_NAMED (lower, length, "te") || IS_NAMED (lower, length, "trailer") ||
             IS_NAMED (lower, length, "transfer-encoding");
    case 'u':
      return IS_NAMED (lower, length, "upgrade") || IS_NAMED (lower, length, "user-agent");
    case 'x':
      return IS_NAMED (lower, length, "x-amzn-trace-id");
    default:
      return FALSE;
    }
}

#define EVERY_BYTE(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

/* The bytes of @word below @n, at most 128, have their high bit set in the
 * result, and if none is the result is 0 ("hasless" in Sean Eron Anderson's
 * Bit Twiddling Hacks). */
static inline guint64
bytes_below (guint64 word,
             guint   n)
{
  return (word - EVERY_BYTE (n)) & ~word & EVERY_BYTE (0x80);
}

static inline guint64
load_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);

  return word;
}

/* Returns the index of the first byte at most " " in @value from @i on, or
 * @length: 32 bytes at a time, then 8, then one. */
static gsize
skip_above_space (const char *value,
                  gsize       i,
                  gsize       length)
{
  const guint n = ' ' + 1;

  for (; i + 32 <= length; i += 32)
    {
      if ((bytes_below (load_word (value + i), n) | bytes_below (load_word (value + i + 8), n) |
           bytes_below (load_word (value + i + 16), n) |
           bytes_below (load_word (value + i + 24), n)) != 0)
        break;
    }
  for (; i + 8 <= length; i += 8)
    {
      if (bytes_below (load_word (value + i), n) != 0)
        break;
    }
  for (; i < length && (guchar) value[i] > ' '; i++)
    ;

  return i;
}

/* Whether @value is already trimmed and collapsed: white space, which is at
 * most " ", only as single spaces between other characters. */
static gboolean
is_canonical_value (const char *value,
                    gsize       length)
{
  for (gsize i = skip_above_space (value, 0, length); i < length;
       i = skip_above_space (value, i + 1, length))
    {
      if (is_space (value[i]) &&
          (value[i] != ' ' || i == 0 || i + 1 == length || is_space (value[i + 1])))
        return FALSE;
    }

  return TRUE;
}

/* Tells how a header takes part in signing, from its lower-cased name and its
 * value. */
HeaderFlags
_drso_sigv4_header_flags (const char *lower,
                          gsize       name_length,
                          const char *value,
                          gsize       value_length)
{
  HeaderFlags flags = 0;

  if (IS_NAMED (lower, name_length, "authorization"))
    flags |= HEADER_AUTHORIZATION;
  if (is_unsigned_header (lower, name_length))
    flags |= HEADER_UNSIGNED;
  /* Authorization is never signed: its value is not looked at. */
  if ((flags & HEADER_AUTHORIZATION) == 0 && is_canonical_value (value, value_length))
    flags |= HEADER_CANONICAL_VALUE;

  return flags;
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

/* strcmp() on the lower-case names, which are short and mostly differ early. */
static inline int
compare_names (const Header *a,
               const Header *b)
{
  const guchar *p = (const guchar *) a->lower;
  const guchar *q = (const guchar *) b->lower;

  for (; *p != '\0' && *p == *q; p++, q++)
    ;

  return *p - *q;
}

static char *
write_signed_headers (char            *out,
                      const HeaderSet *set)
{
  for (guint i = 0; i < set->n; i++)
    {
      const Header *h = set->refs[i].header;

      if (set->refs[i].repeated)
        continue;
      if (i > 0)
        *out++ = ';';
      out = write_bytes (out, h->lower, h->name_length);
    }

  return out;
}

/* Collects the headers to sign, in canonical order: all but the unsigned ones,
 * or, when verifying, exactly those named in @signed_names; and writes the
 * SignedHeaders list of their names. */
void
_drso_sigv4_header_set_init (HeaderSet         *set,
                             DrsoSigv4Request  *req,
                             char             **signed_names)
{
  HeaderRef *refs = req->n_headers <= G_N_ELEMENTS (set->stack) ?
                    set->stack : g_new (HeaderRef, req->n_headers);
  gsize names_length = 0;
  guint n = 0;

  for (guint i = 0; i < req->n_headers; i++)
    {
      const Header *h = &req->headers[i];
      gboolean take;

      if (signed_names == NULL)
        take = (h->flags & HEADER_UNSIGNED) == 0;
      else
        take = (h->flags & HEADER_AUTHORIZATION) == 0 &&
               _drso_sigv4_strv_contains_ascii_case (signed_names, h->lower);

      if (take)
        refs[n++] = (HeaderRef) { h, FALSE };
    }

  /* Insertion sort on the lower-case names: few headers, and stable by
   * construction. */
  for (guint i = 1; i < n; i++)
    {
      HeaderRef ref = refs[i];
      guint j = i;

      for (; j > 0 && compare_names (refs[j - 1].header, ref.header) > 0; j--)
        refs[j] = refs[j - 1];
      refs[j] = ref;
    }

  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && compare_names (refs[i - 1].header, refs[i].header) == 0)
        refs[i].repeated = TRUE;
      else
        names_length += (i > 0) + refs[i].header->name_length;
    }

  set->refs = refs;
  set->n = n;
  set->names_length = names_length;
  set->names = names_length < sizeof set->names_stack ?
               set->names_stack : g_malloc (names_length + 1);
  *write_signed_headers (set->names, set) = '\0';
}

void
_drso_sigv4_header_set_clear (HeaderSet *set)
{
  if (set->refs != set->stack)
    g_free (set->refs);
  if (set->names != set->names_stack)
    g_free (set->names);
  set->refs = NULL;
  set->names = NULL;
}

/* Writes @h's value trimmed, with inner runs of white space collapsed into
 * one space. */
static char *
write_header_value (char         *out,
                    const Header *h)
{
  const char *p = h->value;
  const char *end = h->value + h->value_length;
  gboolean space = FALSE;

  if ((h->flags & HEADER_CANONICAL_VALUE) != 0)
    return write_bytes (out, h->value, h->value_length);

  while (p < end && is_space (*p))
    p++;
  for (; p < end; p++)
    {
      if (is_space (*p))
        {
          space = TRUE;
          continue;
        }
      if (space)
        *out++ = ' ';
      space = FALSE;
      *out++ = *p;
    }

  return out;
}

static char *
write_canonical_headers (char            *out,
                         const HeaderSet *set)
{
  for (guint i = 0; i < set->n; i++)
    {
      const Header *h = set->refs[i].header;

      if (set->refs[i].repeated)
        {
          *out++ = ',';
        }
      else
        {
          if (i > 0)
            *out++ = '\n';
          out = write_bytes (out, h->lower, h->name_length);
          *out++ = ':';
        }
      out = write_header_value (out, h);
    }
  *out++ = '\n';

  return out;
}

/* Canonical request */

static char *
write_canonical_path (char                   *out,
                      const char             *path,
                      gsize                   length,
                      const DrsoSigv4Options *opts)
{
  const char *path_end = path + length;
  char *marks_stack[32];
  char **marks = marks_stack;
  gsize n = 0;
  const char *p, *end;

  if (length == 0)
    {
      *out++ = '/';
      return out;
    }

  if (!opts->normalize_path)
    return _drso_sigv4_write_uri_encoded (out, path, length, TRUE, !opts->double_encode);

  /* Segments of at least one byte, between slashes: at most (length + 1) / 2. */
  if ((length + 1) / 2 > G_N_ELEMENTS (marks_stack))
    marks = g_new (char *, (length + 1) / 2);

  /* Remove-dot-segments as botocore does it: empty segments go too, ".." at
   * the top stays at the top, and the trailing "/" is kept when something is
   * left before it. */
  if (path[0] == '/')
    *out++ = '/';

  for (p = path; p <= path_end; p = end + 1)
    {
      gsize segment;

      end = memchr (p, '/', path_end - p);
      if (end == NULL)
        end = path_end;
      segment = end - p;

      if (segment == 0 || (segment == 1 && p[0] == '.'))
        continue;
      if (segment == 2 && p[0] == '.' && p[1] == '.')
        {
          if (n > 0)
            out = marks[--n];
          continue;
        }

      marks[n] = out;
      if (n++ > 0)
        *out++ = '/';
      out = _drso_sigv4_write_uri_encoded (out, p, segment, FALSE, !opts->double_encode);
    }

  if (path[length - 1] == '/' && n > 0)
    *out++ = '/';
  if (path[0] != '/' && n == 0)
    *out++ = '/';

  if (marks != marks_stack)
    g_free (marks);

  return out;
}

typedef struct
{
  const char *key;
  const char *value;
} QueryPair;

static int
compare_query_pairs (const void *a,
                     const void *b,
                     void       *user_data)
{
  const QueryPair *pa = a;
  const QueryPair *pb = b;
  int cmp = strcmp (pa->key, pb->key);

  if (cmp != 0)
    return cmp;

  return strcmp (pa->value, pb->value);
}

/* Writes the canonical query, at most 3 × @length + 1 bytes: each byte is
 * encoded in at most 3, and the "=" added to a pair that has none is paid for
 * by the "&" before it, or by the 1 for the first pair. */
static char *
write_canonical_query (char       *out,
                       const char *query,
                       gsize       length)
{
  const char *query_end;
  QueryPair pairs_stack[32];
  QueryPair *pairs = pairs_stack;
  gsize max_pairs = 1, n = 0;
  Scratch components;
  const char *p, *end;
  char *at;

  /* An empty query may be NULL, where no offset may be added. */
  if (length == 0)
    return out;
  query_end = query + length;

  for (p = query; p < query_end; p++)
    max_pairs += *p == '&';
  if (max_pairs > G_N_ELEMENTS (pairs_stack))
    pairs = g_new (QueryPair, max_pairs);

  /* The encoded keys and values, NUL-terminated, for sorting: the 2 NULs of
   * a pair are paid for by its "=" or the "&" before it, or by the 2 for the
   * first pair. */
  at = scratch_init (&components, 3 * length + 2);

  for (p = query; p <= query_end; p = end + 1)
    {
      const char *eq;
      char *key = at;

      end = memchr (p, '&', query_end - p);
      if (end == NULL)
        end = query_end;
      if (end == p)
        continue;

      eq = memchr (p, '=', end - p);
      if (eq == NULL)
        eq = end;

      at = write_query_component (at, p, eq - p);
      if ((gsize) (at - key) == strlen ("X-Amz-Signature") &&
          memcmp (key, "X-Amz-Signature", at - key) == 0)
        {
          at = key;
          continue;
        }
      *at++ = '\0';
      pairs[n].key = key;
      pairs[n].value = at;
      if (eq < end)
        at = write_query_component (at, eq + 1, end - eq - 1);
      *at++ = '\0';
      n++;
    }

  g_qsort_with_data (pairs, n, sizeof (QueryPair), compare_query_pairs, NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        *out++ = '&';
      out = write_bytes (out, pairs[i].key, strlen (pairs[i].key));
      *out++ = '=';
      out = write_bytes (out, pairs[i].value, strlen (pairs[i].value));
    }

  scratch_clear (&components);
  if (pairs != pairs_stack)
    g_free (pairs);

  return out;
}

/* The payload hash: the x-amz-content-sha256 header, trimmed, when the request
 * has one. */
static const Header *
find_payload_header (DrsoSigv4Request *req)
{
  return _drso_sigv4_request_find_header (req, "x-amz-content-sha256",
                                          strlen ("x-amz-content-sha256"));
}

/* Returns an upper bound of the length of the canonical request. */
gsize
_drso_sigv4_canonical_request_bound (DrsoSigv4Request *req,
                                     const char       *query,
                                     gsize             query_length,
                                     const HeaderSet  *set)
{
  const Header *payload = find_payload_header (req);
  gsize length = 0;

  length += req->method_length + 1;
  length += 3 * req->path_length + 2 + 1;
  length += 3 * query_length + 1 + 1;
  for (guint i = 0; i < set->n; i++)
    length += set->refs[i].header->name_length + set->refs[i].header->value_length + 2;
  length += 1 + 1;
  length += set->names_length + 1;
  length += payload != NULL ? payload->value_length : req->payload_hash_length;

  return length;
}

/* Writes the canonical request, at most _drso_sigv4_canonical_request_bound(). */
char *
_drso_sigv4_write_canonical_request (char                   *out,
                                     DrsoSigv4Request       *req,
                                     const DrsoSigv4Options *opts,
                                     const char             *query,
                                     gsize                   query_length,
                                     const HeaderSet        *set)
{
  const Header *payload = find_payload_header (req);

  out = write_bytes (out, req->method, req->method_length);
  *out++ = '\n';
  out = write_canonical_path (out, req->raw_path, req->path_length, opts);
  *out++ = '\n';
  out = write_canonical_query (out, query, query_length);
  *out++ = '\n';
  out = write_canonical_headers (out, set);
  *out++ = '\n';
  out = write_bytes (out, set->names, set->names_length);
  *out++ = '\n';
  if (payload != NULL)
    {
      out = write_header_value (out, payload);
    }
  else
    {
      out = write_bytes (out, drso_sigv4_request_get_payload_hash (req),
                         req->payload_hash_length);
    }

  return out;
}

/* String to sign */

void
_drso_sigv4_scope_init (Scope      *scope,
                        gint64      time,
                        const char *region,
                        const char *service)
{
  _drso_sigv4_format_amz_date (time, scope->amz_date);
  scope->region = region;
  scope->region_length = strlen (region);
  scope->service = service;
  scope->service_length = strlen (service);
}

gsize
_drso_sigv4_scope_length (const Scope *scope)
{
  return SCOPE_DATE_LENGTH + 1 + scope->region_length + 1 + scope->service_length +
         strlen ("/" SCOPE_TERMINATOR);
}

/* Writes "20150830/us-east-1/service/aws4_request", _drso_sigv4_scope_length()
 * bytes. */
char *
_drso_sigv4_write_scope (char        *out,
                         const Scope *scope)
{
  out = write_bytes (out, scope->amz_date, SCOPE_DATE_LENGTH);
  *out++ = '/';
  out = write_bytes (out, scope->region, scope->region_length);
  *out++ = '/';
  out = write_bytes (out, scope->service, scope->service_length);
  out = write_bytes (out, "/" SCOPE_TERMINATOR, strlen ("/" SCOPE_TERMINATOR));

  return out;
}

/* Writes the string to sign of @req into @scratch, NUL-terminated, and
 * returns its length: the canonical request is written there first, then
 * replaced by the string to sign, which holds its hash. */
gsize
_drso_sigv4_make_string_to_sign (Scratch                *scratch,
                                 DrsoSigv4Request       *req,
                                 const DrsoSigv4Options *opts,
                                 const char             *query,
                                 const HeaderSet        *set,
                                 const Scope            *scope)
{
  gsize query_length = query != NULL ? strlen (query) : 0;
  gsize sts_length = strlen (STRING_TO_SIGN_PREFIX) + AMZ_DATE_LENGTH + 1 +
                     _drso_sigv4_scope_length (scope) + 1 + SHA256_HEX_LENGTH;
  gsize bound = _drso_sigv4_canonical_request_bound (req, query, query_length, set);
  char hash[SHA256_HEX_LENGTH + 1];
  char *buffer, *end;

  buffer = scratch_init (scratch, MAX (bound, sts_length) + 1);
  end = _drso_sigv4_write_canonical_request (buffer, req, opts, query, query_length, set);
  g_assert ((gsize) (end - buffer) <= bound);
  _drso_sigv4_sha256_hex_canonical (buffer, end - buffer, hash);

  end = write_bytes (buffer, STRING_TO_SIGN_PREFIX, strlen (STRING_TO_SIGN_PREFIX));
  end = write_bytes (end, scope->amz_date, AMZ_DATE_LENGTH);
  *end++ = '\n';
  end = _drso_sigv4_write_scope (end, scope);
  *end++ = '\n';
  end = write_bytes (end, hash, SHA256_HEX_LENGTH);
  *end = '\0';
  g_assert ((gsize) (end - buffer) == sts_length);

  return sts_length;
}
