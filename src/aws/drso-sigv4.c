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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/sha2.h>

#include "drso-sigv4-private.h"

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

#define SCOPE_TERMINATOR   "aws4_request"
#define DEFAULT_EXPIRES    3600
#define MAX_EXPIRES        604800
#define MAX_TIME           G_GINT64_CONSTANT (253402300799) /* 9999-12-31T23:59:59Z */
#define KEY_CACHE_SIZE     4
#define SHA256_BLOCK       64
#define SHA256_LENGTH      32
#define AMZ_DATE_LENGTH    16

static const char * const unsigned_headers[] = {
  "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
  "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
  "x-amzn-trace-id",
};
static const guint8 unsigned_header_lengths[] = { 13, 10, 6, 10, 18, 19, 2, 7, 17, 7, 10, 15 };

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

/* An HMAC-SHA256 key with its padded blocks already absorbed. Nettle's
 * SHA-256 (with the CPU's SHA instructions where it has them) keeps its state
 * in a plain struct, so keys copy by value and wipe in place. */
typedef struct
{
  struct sha256_ctx inner;
  struct sha256_ctx outer;
  gboolean          set;
} HmacKey;

/* A derived signing key, remembered for (secret, date, region, service). */
typedef struct
{
  char    *secret;
  char     date[9];
  char    *region;
  char    *service;
  HmacKey  key;
  guint64  last_used;
} KeyCacheEntry;

G_DEFINE_QUARK (drso-sigv4-error-quark, drso_sigv4_error)

static GMutex key_cache_lock;
static KeyCacheEntry key_cache[KEY_CACHE_SIZE];
static guint64 key_cache_clock;

/* Helpers: memory, encoding, dates */

/* memset through a volatile pointer: the compiler cannot drop the call. */
static void *(* const volatile wipe_memset) (void *, int, size_t) = memset;

static void
wipe (void  *data,
      gsize  length)
{
  wipe_memset (data, 0, length);
}

static void
wipe_free_string (char *str)
{
  if (str != NULL)
    {
      wipe (str, strlen (str));
      g_free (str);
    }
}

static gboolean
equal_constant_time (const char *a,
                     gsize       a_length,
                     const char *b,
                     gsize       b_length)
{
  guint8 diff = a_length != b_length;
  gsize n = MIN (a_length, b_length);

  for (gsize i = 0; i < n; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i];

  return diff == 0;
}

static void
hex_encode (const guint8 *data,
            gsize         length,
            char         *out)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < length; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0xf];
    }
  out[2 * length] = '\0';
}

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

#define SPACES " \t\n\r\v\f"

static gboolean
is_space (char c)
{
  return c != '\0' && strchr (SPACES, c) != NULL;
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
static void
append_uri_encoded (GString    *out,
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
static char *
query_component_decode (const char *str,
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
static void
format_amz_date (gint64  time,
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

/* HMAC-SHA256 on precomputed states, so that a key's state can be kept and
 * wiped. */

static void
sha256_hex (const void *data,
            gsize       length,
            char        out[2 * SHA256_LENGTH + 1]);

static void
hmac_key_init (HmacKey      *hk,
               const guint8 *key,
               gsize         key_length)
{
  guint8 block[SHA256_BLOCK];

  memset (block, 0, sizeof block);
  if (key_length > SHA256_BLOCK)
    {
      struct sha256_ctx ctx;

      sha256_init (&ctx);
      sha256_update (&ctx, key_length, key);
      sha256_digest (&ctx, SHA256_LENGTH, block);
      wipe (&ctx, sizeof ctx);
    }
  else
    {
      memcpy (block, key, key_length);
    }

  for (guint i = 0; i < SHA256_BLOCK; i++)
    block[i] ^= 0x36;
  sha256_init (&hk->inner);
  sha256_update (&hk->inner, SHA256_BLOCK, block);

  for (guint i = 0; i < SHA256_BLOCK; i++)
    block[i] ^= 0x36 ^ 0x5c;
  sha256_init (&hk->outer);
  sha256_update (&hk->outer, SHA256_BLOCK, block);
  hk->set = TRUE;

  wipe (block, sizeof block);
}

static void
hmac_key_clear (HmacKey *hk)
{
  wipe (hk, sizeof *hk);
}

/* Computes the HMAC of @data with @hk, which it consumes. */
static void
hmac_finish (HmacKey    *hk,
             const void *data,
             gsize       length,
             guint8      out[SHA256_LENGTH])
{
  sha256_update (&hk->inner, length, data);
  sha256_digest (&hk->inner, SHA256_LENGTH, out);
  sha256_update (&hk->outer, SHA256_LENGTH, out);
  sha256_digest (&hk->outer, SHA256_LENGTH, out);
  hmac_key_clear (hk);
}

static void
hmac_once (const guint8 *key,
           gsize         key_length,
           const char   *data,
           guint8        out[SHA256_LENGTH])
{
  HmacKey hk;

  hmac_key_init (&hk, key, key_length);
  hmac_finish (&hk, data, strlen (data), out);
}

static void
sha256_hex (const void *data,
            gsize       length,
            char        out[2 * SHA256_LENGTH + 1])
{
  struct sha256_ctx ctx;
  guint8 digest[SHA256_LENGTH];

  sha256_init (&ctx);
  sha256_update (&ctx, length, data);
  sha256_digest (&ctx, SHA256_LENGTH, digest);
  hex_encode (digest, sizeof digest, out);
}

/* Derives kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" secret, date), region), service),
 * "aws4_request") and loads it into @out. */
static void
derive_signing_key (const char *secret,
                    const char *date,
                    const char *region,
                    const char *service,
                    HmacKey    *out)
{
  g_autofree guint8 *k_secret = NULL;
  gsize secret_length = strlen (secret);
  guint8 k[SHA256_LENGTH];

  k_secret = g_malloc (secret_length + 4);
  memcpy (k_secret, "AWS4", 4);
  memcpy (k_secret + 4, secret, secret_length);

  hmac_once (k_secret, secret_length + 4, date, k);
  wipe (k_secret, secret_length + 4);
  hmac_once (k, sizeof k, region, k);
  hmac_once (k, sizeof k, service, k);
  hmac_once (k, sizeof k, SCOPE_TERMINATOR, k);
  hmac_key_init (out, k, sizeof k);
  wipe (k, sizeof k);
}

static void
key_cache_entry_clear (KeyCacheEntry *entry)
{
  wipe_free_string (entry->secret);
  g_free (entry->region);
  g_free (entry->service);
  hmac_key_clear (&entry->key);
  memset (entry, 0, sizeof *entry);
}

static gboolean
key_cache_entry_matches (const KeyCacheEntry *entry,
                         const char          *secret,
                         const char          *date,
                         const char          *region,
                         const char          *service)
{
  return entry->secret != NULL &&
         strcmp (entry->date, date) == 0 &&
         strcmp (entry->region, region) == 0 &&
         strcmp (entry->service, service) == 0 &&
         equal_constant_time (entry->secret, strlen (entry->secret), secret, strlen (secret));
}

/* Computes the hex signature of @string_to_sign, deriving the signing key or
 * taking it from the cache. */
static void
sign_string (const char *secret,
             const char *amz_date,
             const char *region,
             const char *service,
             const char *string_to_sign,
             gsize       length,
             char        out[2 * SHA256_LENGTH + 1])
{
  KeyCacheEntry *slot = NULL;
  HmacKey key = { .set = FALSE };
  HmacKey derived;
  guint8 digest[SHA256_LENGTH];
  char date[9];

  memcpy (date, amz_date, 8);
  date[8] = '\0';

  g_mutex_lock (&key_cache_lock);
  for (guint i = 0; i < KEY_CACHE_SIZE; i++)
    {
      if (key_cache_entry_matches (&key_cache[i], secret, date, region, service))
        {
          key_cache[i].last_used = ++key_cache_clock;
          key = key_cache[i].key;
          break;
        }
    }
  g_mutex_unlock (&key_cache_lock);

  if (!key.set)
    {
      derive_signing_key (secret, date, region, service, &derived);
      key = derived;

      /* Unless another thread was quicker, the least recently used key goes. */
      g_mutex_lock (&key_cache_lock);
      for (guint i = 0; i < KEY_CACHE_SIZE; i++)
        {
          if (key_cache_entry_matches (&key_cache[i], secret, date, region, service))
            {
              slot = NULL;
              break;
            }
          if (slot == NULL || key_cache[i].last_used < slot->last_used)
            slot = &key_cache[i];
        }
      if (slot != NULL)
        {
          key_cache_entry_clear (slot);
          slot->secret = g_strdup (secret);
          memcpy (slot->date, date, 8);
          slot->region = g_strdup (region);
          slot->service = g_strdup (service);
          slot->key = derived;
          slot->last_used = ++key_cache_clock;
        }
      else
        {
          hmac_key_clear (&derived);
        }
      g_mutex_unlock (&key_cache_lock);
    }

  hmac_finish (&key, string_to_sign, length, digest);
  hex_encode (digest, sizeof digest, out);
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

static gboolean
strv_contains_ascii_case (char       **strv,
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
static void
header_set_init (HeaderSet         *set,
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
        take = strv_contains_ascii_case (signed_names, h->name);
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

static void
header_set_clear (HeaderSet *set)
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

static void
append_signed_headers (GString         *out,
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
      append_uri_encoded (out, path, length, TRUE, !opts->double_encode);
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
      append_uri_encoded (out, p, segment, FALSE, !opts->double_encode);
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

static void
append_canonical_request (GString                *out,
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
  append_signed_headers (out, set);
  g_string_append_c (out, '\n');
  append_payload_hash (out, req);
}

static void
append_scope (GString    *out,
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

  sha256_hex (buffer->str, buffer->len, hex);

  g_string_truncate (buffer, 0);
  g_string_append (buffer, DRSO_SIGV4_ALGORITHM "\n");
  g_string_append (buffer, amz_date);
  g_string_append_c (buffer, '\n');
  append_scope (buffer, amz_date, region, service);
  g_string_append_c (buffer, '\n');
  g_string_append (buffer, hex);
}

static GString *
build_string_to_sign (DrsoSigv4Request       *req,
                      const DrsoSigv4Options *opts,
                      const char             *query,
                      const HeaderSet        *set,
                      const char             *amz_date)
{
  GString *buffer = g_string_sized_new (1024);

  append_canonical_request (buffer, req, opts, query, set);
  make_string_to_sign (buffer, amz_date, opts->region, opts->service);

  return buffer;
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
      sha256_hex (data, length, req->payload_hash);
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

  format_amz_date (time, date);

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
  header_set_init (&set, req, NULL);
  append_canonical_request (out, req, opts, req->raw_query, &set);
  header_set_clear (&set);

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

  format_amz_date (opts->time, date);
  header_set_init (&set, req, NULL);
  sts = build_string_to_sign (req, opts, req->raw_query, &set, date);
  header_set_clear (&set);

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

  format_amz_date (opts->time, date);
  header_set_init (&set, req, NULL);
  sts = build_string_to_sign (req, opts, req->raw_query, &set, date);
  sign_string (creds->secret_access_key, date, opts->region, opts->service,
               sts->str, sts->len, signature);
  header_set_clear (&set);

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
  format_amz_date (opts->time, date);

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

  header_set_init (&set, req, NULL);
  buffer = build_string_to_sign (req, opts, req->raw_query, &set, date);
  sign_string (creds->secret_access_key, date, opts->region, opts->service,
               buffer->str, buffer->len, signature);

  g_string_truncate (buffer, 0);
  g_string_append (buffer, DRSO_SIGV4_ALGORITHM " Credential=");
  g_string_append (buffer, creds->access_key_id);
  g_string_append_c (buffer, '/');
  append_scope (buffer, date, opts->region, opts->service);
  g_string_append (buffer, ", SignedHeaders=");
  append_signed_headers (buffer, &set);
  g_string_append (buffer, ", Signature=");
  g_string_append (buffer, signature);
  header_set_clear (&set);

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
  format_amz_date (opts->time, date);
  header_set_init (&set, req, NULL);

  query = g_string_new (req->raw_query);
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, "X-Amz-Algorithm=" DRSO_SIGV4_ALGORITHM "&X-Amz-Credential=");
  g_string_append (value, creds->access_key_id);
  g_string_append_c (value, '/');
  append_scope (value, date, opts->region, opts->service);
  append_uri_encoded (query, value->str, value->len, FALSE, FALSE);
  g_string_append_printf (query, "&X-Amz-Date=%s&X-Amz-SignedHeaders=", date);
  g_string_truncate (value, 0);
  append_signed_headers (value, &set);
  append_uri_encoded (query, value->str, value->len, FALSE, FALSE);
  g_string_append_printf (query, "&X-Amz-Expires=%u",
                          opts->expires != 0 ? opts->expires : DEFAULT_EXPIRES);
  if (token != NULL && !opts->omit_session_token)
    {
      g_string_append (query, "&X-Amz-Security-Token=");
      append_uri_encoded (query, token, strlen (token), FALSE, FALSE);
    }

  sts = build_string_to_sign (req, opts, query->str, &set, date);
  sign_string (creds->secret_access_key, date, opts->region, opts->service,
               sts->str, sts->len, signature);
  header_set_clear (&set);

  if (token != NULL && opts->omit_session_token)
    {
      g_string_append (query, "&X-Amz-Security-Token=");
      append_uri_encoded (query, token, strlen (token), FALSE, FALSE);
    }
  g_string_append (query, "&X-Amz-Signature=");
  g_string_append (query, signature);

  return g_string_free (query, FALSE);
}

/* Verification */

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
              *known[k].value = query_component_decode (eq + 1, strlen (eq + 1));
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

  return i == 2 * SHA256_LENGTH && str[i] == '\0';
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
    format_amz_date (now, server);
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
  char date[AMZ_DATE_LENGTH + 1];
  char expected[2 * SHA256_LENGTH + 1];
  g_autoptr(GString) sts = NULL;
  const char *authorization, *content_sha256, *secret;
  gint64 request_time;
  gboolean ok = FALSE;
  HeaderSet set;

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

  format_amz_date (request_time, date);
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
  if (!strv_contains_ascii_case (fields.signed_headers, "host"))
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
  header_set_init (&set, req, fields.signed_headers);
  sts = build_string_to_sign (req, &opts, fields.query, &set, date);
  sign_string (secret, date, region, service, sts->str, sts->len, expected);
  header_set_clear (&set);

  if (!equal_constant_time (expected, strlen (expected),
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
  wipe (expected, sizeof expected);

  return ok;
}

/**
 * drso_sigv4_clear_key_cache:
 *
 * Forgets, and wipes, every cached signing key.
 */
void
drso_sigv4_clear_key_cache (void)
{
  g_mutex_lock (&key_cache_lock);
  for (guint i = 0; i < KEY_CACHE_SIZE; i++)
    key_cache_entry_clear (&key_cache[i]);
  g_mutex_unlock (&key_cache_lock);
}
