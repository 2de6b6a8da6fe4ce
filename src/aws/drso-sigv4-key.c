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
} HmacKey;

/* A derived signing key, remembered for (secret, date, region, service).
 * With it, the inner hash of the first block of the last string it signed:
 * that block holds the algorithm, the time to the second and the start of the
 * scope, so the strings signed in one second share it. */
typedef struct
{
  char              *secret;
  gsize              secret_length;
  char               date[SCOPE_DATE_LENGTH];
  char              *region;
  gsize              region_length;
  char              *service;
  gsize              service_length;
  HmacKey            key;
  guint8             head[SHA256_BLOCK];   /* all zero until set */
  struct sha256_ctx  head_inner;           /* key.inner after head */
  guint64            last_used;
} KeyCacheEntry;

static GMutex key_cache_lock;
static KeyCacheEntry key_cache[KEY_CACHE_SIZE];
static guint64 key_cache_clock;

/* The SHA-256 state after the first block of the last canonical request
 * hashed on a thread. A client's requests mostly begin alike (method, path,
 * query, and the headers that sort before x-amz-date, such as host), so that
 * block need not be hashed again. */
typedef struct
{
  gboolean          set;
  guint8            block[SHA256_BLOCK];
  struct sha256_ctx ctx;
} PrefixState;

static void prefix_state_free (gpointer data);

static GPrivate prefix_state_key = G_PRIVATE_INIT (prefix_state_free);

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
wipe_free (char  *data,
           gsize  length)
{
  if (data != NULL)
    {
      _drso_sigv4_wipe (data, length);
      g_free (data);
    }
}

gboolean
_drso_sigv4_equal_constant_time (const char *a,
                                 gsize       a_length,
                                 const char *b,
                                 gsize       b_length)
{
  guint64 diff = a_length != b_length;
  gsize n = MIN (a_length, b_length);
  gsize i = 0;

  for (; i + sizeof diff <= n; i += sizeof diff)
    {
      guint64 word_a, word_b;

      memcpy (&word_a, a + i, sizeof word_a);
      memcpy (&word_b, b + i, sizeof word_b);
      diff |= word_a ^ word_b;
    }
  for (; i < n; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i];

  return diff == 0;
}

/* Writes @length bytes as lower-case hex, NUL-terminated. */
static void
hex_encode (const guint8 *data,
            gsize         length,
            char         *out)
{
  static const char pairs[] =
    "000102030405060708090a0b0c0d0e0f"
    "101112131415161718191a1b1c1d1e1f"
    "202122232425262728292a2b2c2d2e2f"
    "303132333435363738393a3b3c3d3e3f"
    "404142434445464748494a4b4c4d4e4f"
    "505152535455565758595a5b5c5d5e5f"
    "606162636465666768696a6b6c6d6e6f"
    "707172737475767778797a7b7c7d7e7f"
    "808182838485868788898a8b8c8d8e8f"
    "909192939495969798999a9b9c9d9e9f"
    "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"
    "b0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
    "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
    "d0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
    "e0e1e2e3e4e5e6e7e8e9eaebecedeeef"
    "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

  for (gsize i = 0; i < length; i++)
    memcpy (out + 2 * i, pairs + 2 * data[i], 2);
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
           gsize         length,
           guint8        out[SHA256_LENGTH])
{
  HmacKey hk;

  hmac_key_init (&hk, key, key_length);
  hmac_finish (&hk, data, length, out);
}

void
_drso_sigv4_sha256_hex (const void *data,
                        gsize       length,
                        char        out[SHA256_HEX_LENGTH + 1])
{
  struct sha256_ctx ctx;
  guint8 digest[SHA256_LENGTH];

  sha256_init (&ctx);
  sha256_update (&ctx, length, data);
  sha256_digest (&ctx, SHA256_LENGTH, digest);
  hex_encode (digest, sizeof digest, out);
}

static void
prefix_state_free (gpointer data)
{
  _drso_sigv4_wipe (data, sizeof (PrefixState));
  g_free (data);
}

/* _drso_sigv4_sha256_hex() for canonical requests: the first block is taken
 * from the thread's PrefixState when it is the same. */
void
_drso_sigv4_sha256_hex_canonical (const char *data,
                                  gsize       length,
                                  char        out[SHA256_HEX_LENGTH + 1])
{
  PrefixState *prefix;
  struct sha256_ctx ctx;
  guint8 digest[SHA256_LENGTH];

  if (length < SHA256_BLOCK)
    {
      _drso_sigv4_sha256_hex (data, length, out);
      return;
    }

  prefix = g_private_get (&prefix_state_key);
  if (prefix == NULL)
    {
      prefix = g_new0 (PrefixState, 1);
      g_private_set (&prefix_state_key, prefix);
    }

  if (prefix->set && memcmp (prefix->block, data, SHA256_BLOCK) == 0)
    {
      ctx = prefix->ctx;
    }
  else
    {
      sha256_init (&ctx);
      sha256_update (&ctx, SHA256_BLOCK, (const guint8 *) data);
      memcpy (prefix->block, data, SHA256_BLOCK);
      prefix->ctx = ctx;
      prefix->set = TRUE;
    }

  sha256_update (&ctx, length - SHA256_BLOCK, (const guint8 *) data + SHA256_BLOCK);
  sha256_digest (&ctx, SHA256_LENGTH, digest);
  hex_encode (digest, sizeof digest, out);
}

/* Derives kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" secret, date), region), service),
 * "aws4_request") and loads it into @out. */
static void
derive_signing_key (const char  *secret,
                    gsize        secret_length,
                    const Scope *scope,
                    HmacKey     *out)
{
  g_autofree guint8 *k_secret = NULL;
  guint8 k[SHA256_LENGTH];

  k_secret = g_malloc (secret_length + 4);
  memcpy (k_secret, "AWS4", 4);
  memcpy (k_secret + 4, secret, secret_length);

  hmac_once (k_secret, secret_length + 4, scope->amz_date, SCOPE_DATE_LENGTH, k);
  _drso_sigv4_wipe (k_secret, secret_length + 4);
  hmac_once (k, sizeof k, scope->region, scope->region_length, k);
  hmac_once (k, sizeof k, scope->service, scope->service_length, k);
  hmac_once (k, sizeof k, SCOPE_TERMINATOR, strlen (SCOPE_TERMINATOR), k);
  hmac_key_init (out, k, sizeof k);
  _drso_sigv4_wipe (k, sizeof k);
}

static void
key_cache_entry_clear (KeyCacheEntry *entry)
{
  wipe_free (entry->secret, entry->secret_length);
  g_free (entry->region);
  g_free (entry->service);
  _drso_sigv4_wipe (entry, sizeof *entry);
}

/* The public parts first, lengths before bytes; the secret in constant time. */
static gboolean
key_cache_entry_matches (const KeyCacheEntry *entry,
                         const char          *secret,
                         gsize                secret_length,
                         const Scope         *scope)
{
  return entry->secret != NULL &&
         memcmp (entry->date, scope->amz_date, SCOPE_DATE_LENGTH) == 0 &&
         entry->region_length == scope->region_length &&
         entry->service_length == scope->service_length &&
         memcmp (entry->region, scope->region, scope->region_length) == 0 &&
         memcmp (entry->service, scope->service, scope->service_length) == 0 &&
         _drso_sigv4_equal_constant_time (entry->secret, entry->secret_length,
                                          secret, secret_length);
}

/* Returns the entry of (secret, scope), or NULL. Called with the lock held. */
static KeyCacheEntry *
key_cache_find (const char  *secret,
                gsize        secret_length,
                const Scope *scope)
{
  for (guint i = 0; i < KEY_CACHE_SIZE; i++)
    {
      if (key_cache_entry_matches (&key_cache[i], secret, secret_length, scope))
        return &key_cache[i];
    }

  return NULL;
}

/* Derives the signing key of (secret, scope) into @key and caches it, unless
 * another thread was quicker; the least recently used key goes. */
static void
key_cache_add (const char  *secret,
               gsize        secret_length,
               const Scope *scope,
               HmacKey     *key)
{
  KeyCacheEntry *slot = NULL;

  derive_signing_key (secret, secret_length, scope, key);

  g_mutex_lock (&key_cache_lock);
  if (key_cache_find (secret, secret_length, scope) == NULL)
    {
      for (guint i = 0; i < KEY_CACHE_SIZE; i++)
        {
          if (slot == NULL || key_cache[i].last_used < slot->last_used)
            slot = &key_cache[i];
        }
      key_cache_entry_clear (slot);
      slot->secret = g_memdup2 (secret, secret_length + 1);
      slot->secret_length = secret_length;
      memcpy (slot->date, scope->amz_date, SCOPE_DATE_LENGTH);
      slot->region = g_memdup2 (scope->region, scope->region_length + 1);
      slot->region_length = scope->region_length;
      slot->service = g_memdup2 (scope->service, scope->service_length + 1);
      slot->service_length = scope->service_length;
      slot->key = *key;
      slot->last_used = ++key_cache_clock;
    }
  g_mutex_unlock (&key_cache_lock);
}

/* Computes the hex signature of @string_to_sign, deriving the signing key or
 * taking it from the cache, with the inner hash of the first block when that
 * is the one of the string signed last. */
void
_drso_sigv4_sign_string (const char  *secret,
                         const Scope *scope,
                         const char  *string_to_sign,
                         gsize        length,
                         char         out[SHA256_HEX_LENGTH + 1])
{
  gsize secret_length = strlen (secret);
  gboolean has_head = length >= SHA256_BLOCK;
  gboolean found, head_found = FALSE;
  KeyCacheEntry *entry;
  guint8 digest[SHA256_LENGTH];
  HmacKey key;

  g_mutex_lock (&key_cache_lock);
  entry = key_cache_find (secret, secret_length, scope);
  found = entry != NULL;
  if (found)
    {
      entry->last_used = ++key_cache_clock;
      head_found = has_head && memcmp (entry->head, string_to_sign, SHA256_BLOCK) == 0;
      key.inner = head_found ? entry->head_inner : entry->key.inner;
      key.outer = entry->key.outer;
    }
  g_mutex_unlock (&key_cache_lock);

  if (!found)
    key_cache_add (secret, secret_length, scope, &key);

  if (has_head && !head_found)
    {
      sha256_update (&key.inner, SHA256_BLOCK, (const guint8 *) string_to_sign);

      g_mutex_lock (&key_cache_lock);
      entry = key_cache_find (secret, secret_length, scope);
      if (entry != NULL)
        {
          memcpy (entry->head, string_to_sign, SHA256_BLOCK);
          entry->head_inner = key.inner;
        }
      g_mutex_unlock (&key_cache_lock);
    }

  if (has_head)
    hmac_finish (&key, string_to_sign + SHA256_BLOCK, length - SHA256_BLOCK, digest);
  else
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
