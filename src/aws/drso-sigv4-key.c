/* drso-sigv4-key.c
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
#include <nettle/sha2.h>

#include "drso-sigv4-internal.h"

/* HMAC-SHA256 on nettle's SHA-256, the derivation of signing keys and the
 * cache that keeps them, and the helpers that handle secrets: wiping and
 * comparing in constant time. */

#define KEY_CACHE_SIZE     4
#define SHA256_BLOCK       64

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

static GMutex key_cache_lock;
static KeyCacheEntry key_cache[KEY_CACHE_SIZE];
static guint64 key_cache_clock;

/* Helpers: memory, hex */

/* memset through a volatile pointer: the compiler cannot drop the call. */
static void *(* const volatile wipe_memset) (void *, int, size_t) = memset;

void
_drso_sigv4_wipe (void  *data,
                  gsize  length)
{
  wipe_memset (data, 0, length);
}

static void
wipe_free_string (char *str)
{
  if (str != NULL)
    {
      _drso_sigv4_wipe (str, strlen (str));
      g_free (str);
    }
}

gboolean
_drso_sigv4_equal_constant_time (const char *a,
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

/* HMAC-SHA256 on precomputed states, so that a key's state can be kept and
 * wiped. */

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
      _drso_sigv4_wipe (&ctx, sizeof ctx);
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

  _drso_sigv4_wipe (block, sizeof block);
}

static void
hmac_key_clear (HmacKey *hk)
{
  _drso_sigv4_wipe (hk, sizeof *hk);
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

void
_drso_sigv4_sha256_hex (const void *data,
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
  _drso_sigv4_wipe (k_secret, secret_length + 4);
  hmac_once (k, sizeof k, region, k);
  hmac_once (k, sizeof k, service, k);
  hmac_once (k, sizeof k, SCOPE_TERMINATOR, k);
  hmac_key_init (out, k, sizeof k);
  _drso_sigv4_wipe (k, sizeof k);
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
         _drso_sigv4_equal_constant_time (entry->secret, strlen (entry->secret),
                                          secret, strlen (secret));
}

/* Computes the hex signature of @string_to_sign, deriving the signing key or
 * taking it from the cache. */
void
_drso_sigv4_sign_string (const char *secret,
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
