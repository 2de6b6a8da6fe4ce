/* drso-sandbox-keys.c
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

/* Who may call the Sandbox: the accounts of its organisation, the
 * operator's long-term key, and the sessions AssumeRole hands out for the
 * recovery accounts (kept in the world's file until they expire). */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <string.h>

#include "drso-sandbox.h"
#include "drso-sandbox-world-internal.h"

#define OPERATOR_ARN     "arn:aws:iam::" DRSO_SANDBOX_ACCOUNT_ID ":user/sandbox-operator"
#define OPERATOR_USER_ID "AIDAQFSANDBOXOPERATOR"

/* Accounts */

GPtrArray *
drso_sandbox_world_list_accounts (DrsoSandboxWorld *world)
{
  GPtrArray *accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) drso_sandbox_account_free);

  g_return_val_if_fail (world != NULL, accounts);

  for (guint i = 0; i < _drso_sandbox_n_accounts; i++)
    {
      const DrsoSandboxAccountInfo *info = &_drso_sandbox_accounts[i];
      DrsoSandboxAccount *account = g_new0 (DrsoSandboxAccount, 1);

      account->account_id = g_strdup (info->account_id);
      account->name = g_strdup (info->name);
      account->primary = info->external_id == NULL;
      if (!account->primary)
        {
          account->role_arn = g_strdup_printf ("arn:aws:iam::%s:role/%s", info->account_id,
                                               DRSO_SANDBOX_ROLE_NAME);
          account->external_id = g_strdup (info->external_id);
        }
      g_ptr_array_add (accounts, account);
    }
  return accounts;
}

void
drso_sandbox_account_free (DrsoSandboxAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->account_id);
  g_free (account->name);
  g_free (account->role_arn);
  g_free (account->external_id);
  g_free (account);
}

/* Keys and sessions */

void
drso_sandbox_identity_free (DrsoSandboxIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->access_key_id);
  g_free (identity->secret_access_key);
  g_free (identity->session_token);
  g_free (identity->account_id);
  g_free (identity->arn);
  g_free (identity->user_id);
  g_free (identity);
}

static DrsoSandboxIdentity *
copy_identity (const DrsoSandboxIdentity *identity)
{
  DrsoSandboxIdentity *copy = g_new0 (DrsoSandboxIdentity, 1);

  copy->access_key_id = g_strdup (identity->access_key_id);
  copy->secret_access_key = g_strdup (identity->secret_access_key);
  copy->session_token = g_strdup (identity->session_token);
  copy->account_id = g_strdup (identity->account_id);
  copy->arn = g_strdup (identity->arn);
  copy->user_id = g_strdup (identity->user_id);
  copy->expiration = identity->expiration;
  return copy;
}

DrsoSandboxIdentity *
drso_sandbox_world_lookup_key (DrsoSandboxWorld *world,
                               const char       *access_key_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  static const DrsoSandboxIdentity operator = {
    (char *) DRSO_SANDBOX_ACCESS_KEY_ID, (char *) DRSO_SANDBOX_SECRET_ACCESS_KEY, NULL,
    (char *) DRSO_SANDBOX_ACCOUNT_ID, (char *) OPERATOR_ARN, (char *) OPERATOR_USER_ID, 0,
  };
  DrsoSandboxIdentity *session;

  g_return_val_if_fail (world != NULL, NULL);

  if (g_strcmp0 (access_key_id, DRSO_SANDBOX_ACCESS_KEY_ID) == 0)
    return copy_identity (&operator);

  locker = g_rec_mutex_locker_new (&world->lock);
  session = access_key_id ? g_hash_table_lookup (world->sessions, access_key_id) : NULL;
  if (session == NULL || session->expiration <= g_get_real_time () + world->clock_offset)
    return NULL;
  return copy_identity (session);
}

static char *
random_text (GRand      *rand,
             const char *alphabet,
             guint       length)
{
  gsize n = strlen (alphabet);
  char *text = g_malloc (length + 1);

  for (guint i = 0; i < length; i++)
    text[i] = alphabet[g_rand_int_range (rand, 0, (gint32) n)];
  text[length] = '\0';
  return text;
}

static gboolean
valid_session_name (const char *name)
{
  gsize length = name ? strlen (name) : 0;

  if (length < 2 || length > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("+=,.@_-", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_session (DrsoSandboxWorld           *world,
              const DrsoSandboxIdentity  *session,
              GError                    **error)
{
  sqlite3_stmt *stmt;

  if (!_drso_sandbox_world_begin (world, error))
    return FALSE;
  stmt = _drso_sandbox_world_prepare (
    world,
    "INSERT INTO sessions (access_key_id, secret_access_key, session_token, account_id, arn, "
    "user_id, expiration) VALUES (?, ?, ?, ?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, session->access_key_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, session->secret_access_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, session->session_token, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, session->account_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, session->arn, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, session->user_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, session->expiration);
  if (!_drso_sandbox_world_step_done (world, stmt, error) ||
      !_drso_sandbox_world_save_counter (world, error))
    goto failed;
  return _drso_sandbox_world_commit (world, error);

failed:
  _drso_sandbox_world_rollback (world);
  return FALSE;
}

DrsoSandboxIdentity *
drso_sandbox_world_assume_role (DrsoSandboxWorld           *world,
                                const DrsoSandboxIdentity  *caller,
                                const char                 *role_arn,
                                const char                 *external_id,
                                const char                 *session_name,
                                guint                       duration_seconds,
                                GError                    **error)
{
  static const char key_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  static const char secret_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(DrsoSandboxIdentity) session = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *role_id = NULL, *role_key = NULL, *key = NULL, *key_id = NULL;
  const DrsoSandboxAccountInfo *target = NULL;
  DrsoSandboxIdentity *stored;
  gint64 counter;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (caller != NULL, NULL);

  locker = g_rec_mutex_locker_new (&world->lock);

  for (guint i = 0; i < _drso_sandbox_n_accounts && role_arn != NULL; i++)
    {
      g_autofree char *arn = g_strdup_printf ("arn:aws:iam::%s:role/%s",
                                              _drso_sandbox_accounts[i].account_id,
                                              DRSO_SANDBOX_ROLE_NAME);

      if (_drso_sandbox_accounts[i].external_id != NULL && g_str_equal (arn, role_arn))
        target = &_drso_sandbox_accounts[i];
    }

  if (target == NULL || !g_str_equal (caller->account_id, DRSO_SANDBOX_ACCOUNT_ID))
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_ACCESS_DENIED,
                   "%s is not allowed to assume the role %s", caller->arn,
                   role_arn ? role_arn : "(none)");
      return NULL;
    }
  if (g_strcmp0 (external_id, target->external_id) != 0)
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_ACCESS_DENIED,
                   "%s may assume the role %s only with its external ID, which %s", caller->arn,
                   role_arn, external_id ? "this is not" : "was not given");
      return NULL;
    }
  if (duration_seconds == 0)
    duration_seconds = 3600;
  if (duration_seconds < 900 || duration_seconds > 43200)
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_VALIDATION,
                   "The session duration of %u seconds is outside 900 to 43200 seconds",
                   duration_seconds);
      return NULL;
    }
  if (!valid_session_name (session_name))
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_VALIDATION,
                   "The role session name must be 2 to 64 letters, digits or +=,.@_- characters");
      return NULL;
    }

  counter = world->id_counter;
  key = _drso_sandbox_world_next_id (world, "session-");
  rand = _drso_sandbox_rand_new (world->seed, "%s", key);
  role_key = _drso_sandbox_hash_id ("", 0, "role/%s", target->account_id);
  role_id = g_ascii_strup (role_key, -1);
  key_id = random_text (rand, key_alphabet, 16);

  session = g_new0 (DrsoSandboxIdentity, 1);
  session->access_key_id = g_strconcat ("ASIA", key_id, NULL);
  session->secret_access_key = random_text (rand, secret_alphabet, 40);
  session->session_token = random_text (rand, secret_alphabet, 356);
  session->account_id = g_strdup (target->account_id);
  session->arn = g_strdup_printf ("arn:aws:sts::%s:assumed-role/%s/%s", target->account_id,
                                  DRSO_SANDBOX_ROLE_NAME, session_name);
  session->user_id = g_strdup_printf ("AROA%s:%s", role_id, session_name);
  session->expiration = g_get_real_time () + world->clock_offset +
                        (gint64) duration_seconds * G_USEC_PER_SEC;

  if (!save_session (world, session, error))
    {
      world->id_counter = counter;
      return NULL;
    }
  stored = copy_identity (session);
  g_hash_table_replace (world->sessions, stored->access_key_id, stored);
  return g_steal_pointer (&session);
}

/* Reads the sessions that have not expired, and forgets the others. */
gboolean
_drso_sandbox_keys_load (DrsoSandboxWorld  *world,
                         GError           **error)
{
  gint64 now = drso_sandbox_world_now (world);
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
    world, "DELETE FROM sessions WHERE expiration <= ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!_drso_sandbox_world_step_done (world, stmt, error))
    return FALSE;

  stmt = _drso_sandbox_world_prepare (
    world,
    "SELECT access_key_id, secret_access_key, session_token, account_id, arn, user_id, "
    "expiration FROM sessions",
    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoSandboxIdentity *session = g_new0 (DrsoSandboxIdentity, 1);

      session->access_key_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      session->secret_access_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      session->session_token = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      session->account_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      session->arn = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      session->user_id = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      session->expiration = sqlite3_column_int64 (stmt, 6);
      g_hash_table_replace (world->sessions, session->access_key_id, session);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_sandbox_world_storage_error (world, error);
  return TRUE;
}
