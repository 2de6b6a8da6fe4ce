/* drso-aws-credentials.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "drso-aws-credentials.h"

struct _DrsoAwsCredentials
{
  gatomicrefcount  ref_count;
  char            *access_key_id;
  char            *secret_access_key;
  char            *session_token;
  char            *account_id;
  gint64           expiration;
};

G_DEFINE_BOXED_TYPE (DrsoAwsCredentials, drso_aws_credentials,
                     drso_aws_credentials_ref, drso_aws_credentials_unref)

/* A process that loads this library holds AWS secrets: in its environment
 * since it started, and later from the shared files, the keyring, a
 * credential process or STS. A core file would keep a copy of them on disk,
 * so none is written: the soft limit of core files drops to 0 when the
 * library is loaded, and again whenever credentials are made (should
 * something have raised it since). The hard limit stays, and a debugger
 * still attaches. */
static void
forbid_core_files (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_CORE, &limit) == 0 && limit.rlim_cur != 0)
    {
      limit.rlim_cur = 0;
      setrlimit (RLIMIT_CORE, &limit);
    }
}

__attribute__ ((constructor)) static void
forbid_core_files_at_load (void)
{
  forbid_core_files ();
}

/**
 * drso_aws_credentials_new:
 * @access_key_id: the access key id
 * @secret_access_key: the secret access key
 * @session_token: (nullable): the session token of temporary credentials
 * @expiration: when they expire, in seconds since 1970, or 0 if they do not
 *
 * The process writes no core file from now on (the soft limit of their size
 * is 0): it would hold the secret.
 *
 * Returns: (transfer full): new credentials
 */
DrsoAwsCredentials *
drso_aws_credentials_new (const char *access_key_id,
                          const char *secret_access_key,
                          const char *session_token,
                          gint64      expiration)
{
  DrsoAwsCredentials *self;

  g_return_val_if_fail (access_key_id != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);

  forbid_core_files ();
  self = g_new0 (DrsoAwsCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->access_key_id = g_strdup (access_key_id);
  self->secret_access_key = g_strdup (secret_access_key);
  self->session_token = (session_token && *session_token) ? g_strdup (session_token) : NULL;
  self->expiration = expiration;
  return self;
}

/**
 * drso_aws_credentials_ref:
 * @self: a #DrsoAwsCredentials
 *
 * Returns: (transfer full): @self
 */
DrsoAwsCredentials *
drso_aws_credentials_ref (DrsoAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      /* Keep secrets out of freed memory. */
      volatile char *p = secret;
      while (*p)
        *p++ = 0;
      g_free (secret);
    }
}

/**
 * drso_aws_credentials_unref:
 * @self: (transfer full): a #DrsoAwsCredentials
 */
void
drso_aws_credentials_unref (DrsoAwsCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->access_key_id);
  wipe (self->secret_access_key);
  wipe (self->session_token);
  g_free (self->account_id);
  g_free (self);
}

/**
 * drso_aws_credentials_get_access_key_id:
 * @self: a #DrsoAwsCredentials
 *
 * Returns: the access key id
 */
const char *
drso_aws_credentials_get_access_key_id (DrsoAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->access_key_id;
}

/**
 * drso_aws_credentials_get_secret_access_key:
 * @self: a #DrsoAwsCredentials
 *
 * Returns: the secret access key
 */
const char *
drso_aws_credentials_get_secret_access_key (DrsoAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->secret_access_key;
}

/**
 * drso_aws_credentials_get_session_token:
 * @self: a #DrsoAwsCredentials
 *
 * Returns: (nullable): the session token
 */
const char *
drso_aws_credentials_get_session_token (DrsoAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->session_token;
}

/**
 * drso_aws_credentials_get_expiration:
 * @self: a #DrsoAwsCredentials
 *
 * Returns: when the credentials expire, in seconds since 1970, or 0 if never
 */
gint64
drso_aws_credentials_get_expiration (DrsoAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->expiration;
}

/**
 * drso_aws_credentials_get_account_id:
 * @self: a #DrsoAwsCredentials
 *
 * Returns: (nullable): the account the credentials belong to, when known
 */
const char *
drso_aws_credentials_get_account_id (DrsoAwsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->account_id;
}

/**
 * drso_aws_credentials_set_account_id:
 * @self: a #DrsoAwsCredentials
 * @account_id: (nullable): the account the credentials belong to
 *
 * Records the account id where a source (credential_process, STS) names it.
 */
void
drso_aws_credentials_set_account_id (DrsoAwsCredentials *self,
                                     const char         *account_id)
{
  g_return_if_fail (self != NULL);
  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
}

/**
 * drso_aws_credentials_expires_within:
 * @self: a #DrsoAwsCredentials
 * @seconds: a margin
 *
 * Returns: %TRUE if the credentials expire within @seconds from now
 */
gboolean
drso_aws_credentials_expires_within (DrsoAwsCredentials *self,
                                     gint64              seconds)
{
  g_return_val_if_fail (self != NULL, TRUE);

  if (self->expiration == 0)
    return FALSE;
  return self->expiration - g_get_real_time () / G_USEC_PER_SEC <= seconds;
}
