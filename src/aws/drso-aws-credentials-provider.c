/* drso-aws-credentials-provider.c
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

#include <glib/gi18n-lib.h>

#include "drso-aws-config-private.h"
#include "drso-aws-context.h"
#include "drso-aws-credentials-provider.h"
#include "drso-aws-error.h"
#include "drso-aws-keyring.h"
#include "drso-sts.h"

/* Refresh credentials this long before they expire. */
#define REFRESH_MARGIN (5 * 60)
#define DEFAULT_REGION "us-east-1"

/**
 * DrsoAwsCredentialsProvider:
 *
 * Finds and keeps the credentials of one account, as the SDKs would: the
 * account's profile from the shared config files (static keys,
 * `credential_process`, `role_arn` chains), or else its keys in the keyring,
 * the environment, or the default profile; then, for a target account with a
 * role ARN, STS AssumeRole with its external id. Credentials are cached and
 * refreshed five minutes before they expire; calls that arrive during a
 * refresh wait for it instead of starting another.
 */
struct _DrsoAwsCredentialsProvider
{
  GObject             parent_instance;

  DrsoAccount        *account;
  DrsoAwsClient      *client;
  DrsoAwsCredentials *cached;
  GPtrArray          *waiting;   /* GTask, while a refresh runs */
  guint               refreshes;
};

G_DEFINE_FINAL_TYPE (DrsoAwsCredentialsProvider, drso_aws_credentials_provider, G_TYPE_OBJECT)

/* One refresh: the steps still to run, and the credentials so far. */
typedef struct
{
  DrsoAwsCredentialPlan *plan;      /* nullable */
  guint                  next_step;
  DrsoAwsCredentials    *current;
  gboolean               account_role_done;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_pointer (&refresh->plan, drso_aws_credential_plan_unref);
  g_clear_pointer (&refresh->current, drso_aws_credentials_unref);
  g_free (refresh);
}

static const char *
region_for (DrsoAwsCredentialsProvider *self,
            Refresh                    *refresh)
{
  const char *region = NULL;

  if (refresh->plan != NULL)
    region = drso_aws_credential_plan_get_region (refresh->plan);
  if (region == NULL)
    region = drso_account_get_default_region (self->account);
  return region ? region : DEFAULT_REGION;
}

static void finish_refresh (GTask *task, DrsoAwsCredentials *credentials, GError *error);
static void continue_refresh (GTask *task);

static void
assumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  DrsoAwsCredentials *credentials;

  credentials = drso_sts_assume_role_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (credentials == NULL)
    {
      finish_refresh (task, NULL, g_steal_pointer (&error));
      return;
    }
  g_clear_pointer (&refresh->current, drso_aws_credentials_unref);
  refresh->current = credentials;
  continue_refresh (task);
}

static void
assume (GTask      *task,
        const char *role_arn,
        const char *external_id,
        const char *session_name,
        guint       duration)
{
  DrsoAwsCredentialsProvider *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(DrsoAwsContext) context = NULL;
  const char *endpoint = drso_aws_client_get_account_endpoint (self->client, self->account);

  if (refresh->plan != NULL && drso_aws_credential_plan_get_endpoint_url (refresh->plan) != NULL)
    endpoint = drso_aws_credential_plan_get_endpoint_url (refresh->plan);

  context = drso_aws_context_new (self->client, NULL, region_for (self, refresh), endpoint,
                                  refresh->current);
  drso_sts_assume_role_async (context, role_arn, external_id, session_name, duration,
                              g_task_get_cancellable (task), assumed_cb, task);
}

/* Runs the remaining role steps, then the account's own role. */
static void
continue_refresh (GTask *task)
{
  DrsoAwsCredentialsProvider *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);
  const char *role_arn = drso_account_get_role_arn (self->account);

  if (refresh->plan != NULL &&
      refresh->next_step < drso_aws_credential_plan_get_n_role_steps (refresh->plan))
    {
      const DrsoAwsRoleStep *step =
        drso_aws_credential_plan_get_role_step (refresh->plan, refresh->next_step++);

      assume (task, step->role_arn, step->external_id, step->role_session_name,
              step->duration_seconds);
      return;
    }

  if (role_arn != NULL && !refresh->account_role_done &&
      g_strcmp0 (drso_aws_credentials_get_account_id (refresh->current),
                 drso_account_get_account_id (self->account)) != 0)
    {
      refresh->account_role_done = TRUE;
      assume (task, role_arn, drso_account_get_external_id (self->account),
              "drs-orchestrator", 0);
      return;
    }

  finish_refresh (task, drso_aws_credentials_ref (refresh->current), NULL);
}

static void
process_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  refresh->current = drso_aws_run_credential_process_finish (result, &error);
  if (refresh->current == NULL)
    {
      finish_refresh (task, NULL, g_steal_pointer (&error));
      return;
    }
  continue_refresh (task);
}

/* Starts from a profile's plan. */
static void
start_plan (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  switch (drso_aws_credential_plan_get_source (refresh->plan))
    {
    case DRSO_AWS_CREDENTIAL_SOURCE_STATIC:
      refresh->current =
        drso_aws_credentials_ref (drso_aws_credential_plan_get_static_credentials (refresh->plan));
      continue_refresh (task);
      return;

    case DRSO_AWS_CREDENTIAL_SOURCE_PROCESS:
      drso_aws_run_credential_process_async (drso_aws_credential_plan_get_process_command (refresh->plan),
                                             g_task_get_cancellable (task), process_cb, task);
      return;

    case DRSO_AWS_CREDENTIAL_SOURCE_ENVIRONMENT:
    default:
      refresh->current = drso_aws_credentials_from_environment ((const char * const *) envp,
                                                                &error);
      if (refresh->current == NULL)
        {
          if (error == NULL)
            g_set_error (&error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                         _("The profile %s takes its credentials from the environment, but "
                           "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"),
                         drso_aws_credential_plan_get_profile (refresh->plan));
          finish_refresh (task, NULL, g_steal_pointer (&error));
          return;
        }
      continue_refresh (task);
      return;
    }
}

static gboolean
resolve_profile (GTask       *task,
                 const char  *profile,
                 GError     **error)
{
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(DrsoAwsConfig) config = drso_aws_config_load (error);

  if (config == NULL)
    return FALSE;
  refresh->plan = drso_aws_config_resolve (config, profile, error);
  return refresh->plan != NULL;
}

/* Without a profile of its own: the environment, else the default profile. */
static void
start_default (GTask *task)
{
  DrsoAwsCredentialsProvider *self = g_task_get_source_object (task);
  Refresh *refresh = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *profile = NULL;

  refresh->current = drso_aws_credentials_from_environment ((const char * const *) envp, &error);
  if (refresh->current != NULL)
    {
      continue_refresh (task);
      return;
    }
  if (error != NULL)
    {
      finish_refresh (task, NULL, g_steal_pointer (&error));
      return;
    }

  profile = drso_aws_config_get_default_profile ((const char * const *) envp);
  if (!resolve_profile (task, profile, &error))
    {
      g_prefix_error (&error, _("No credentials for account %s: it has no access keys in the "
                                "keyring and no profile, and "),
                      drso_account_get_account_id (self->account));
      finish_refresh (task, NULL, g_steal_pointer (&error));
      return;
    }
  start_plan (task);
}

static void
keyring_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Refresh *refresh = g_task_get_task_data (task);

  refresh->current = drso_aws_keyring_lookup_finish (result, NULL);
  if (refresh->current != NULL)
    continue_refresh (task);
  else
    start_default (task);
}

static void
start_refresh (GTask *task)
{
  Refresh *refresh = g_task_get_task_data (task);
  DrsoAwsCredentialsProvider *self = g_task_get_source_object (task);
  const char *profile = drso_account_get_profile (self->account);
  g_autoptr(GError) error = NULL;

  self->refreshes++;

  /* A simulated account signs with the Sandbox's key, and nowhere else. */
  if (drso_account_get_simulated (self->account))
    {
      if (drso_aws_client_get_sandbox_url (self->client) == NULL)
        {
          finish_refresh (task, NULL,
                          g_error_new (DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                                       _("The simulated account %s is served by the Sandbox, "
                                         "which is not running in this program"),
                                       drso_account_get_account_id (self->account)));
          return;
        }
      g_clear_pointer (&refresh->current, drso_aws_credentials_unref);
      refresh->current = drso_aws_credentials_new (DRSO_SANDBOX_ACCESS_KEY_ID,
                                                   DRSO_SANDBOX_SECRET_ACCESS_KEY, NULL, 0);
      continue_refresh (task);
      return;
    }

  if (profile != NULL)
    {
      if (!resolve_profile (task, profile, &error))
        {
          finish_refresh (task, NULL, g_steal_pointer (&error));
          return;
        }
      start_plan (task);
      return;
    }

  drso_aws_keyring_lookup_async (drso_account_get_account_id (self->account),
                                 g_task_get_cancellable (task), keyring_cb, task);
}

/* Hands the outcome to the refresh's task and to every call that waited. */
static void
finish_refresh (GTask              *task,
                DrsoAwsCredentials *credentials,
                GError             *error)
{
  DrsoAwsCredentialsProvider *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);

  if (credentials != NULL)
    {
      g_clear_pointer (&self->cached, drso_aws_credentials_unref);
      self->cached = drso_aws_credentials_ref (credentials);
    }

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiting, i);

      if (credentials != NULL)
        g_task_return_pointer (waiter, drso_aws_credentials_ref (credentials),
                               (GDestroyNotify) drso_aws_credentials_unref);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }

  if (credentials != NULL)
    g_task_return_pointer (task, credentials, (GDestroyNotify) drso_aws_credentials_unref);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * drso_aws_credentials_provider_get_async:
 * @self: a #DrsoAwsCredentialsProvider
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the credentials
 * @user_data: data for @callback
 *
 * Gets the account's credentials: the cached ones while they have more than
 * five minutes left, else fresh ones. Calls made while a refresh runs share it.
 */
void
drso_aws_credentials_provider_get_async (DrsoAwsCredentialsProvider *self,
                                         GCancellable               *cancellable,
                                         GAsyncReadyCallback         callback,
                                         gpointer                    user_data)
{
  GTask *task;

  g_return_if_fail (DRSO_IS_AWS_CREDENTIALS_PROVIDER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_aws_credentials_provider_get_async);

  if (self->cached != NULL && !drso_aws_credentials_expires_within (self->cached, REFRESH_MARGIN))
    {
      g_task_return_pointer (task, drso_aws_credentials_ref (self->cached),
                             (GDestroyNotify) drso_aws_credentials_unref);
      g_object_unref (task);
      return;
    }

  if (self->waiting != NULL)
    {
      g_ptr_array_add (self->waiting, task);
      return;
    }

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, g_new0 (Refresh, 1), (GDestroyNotify) refresh_free);
  start_refresh (task);
}

/**
 * drso_aws_credentials_provider_get_finish:
 * @self: a #DrsoAwsCredentialsProvider
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the credentials, or %NULL with an
 *   error that says where they were looked for
 */
DrsoAwsCredentials *
drso_aws_credentials_provider_get_finish (DrsoAwsCredentialsProvider  *self,
                                          GAsyncResult                *result,
                                          GError                     **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_aws_credentials_provider_invalidate:
 * @self: a #DrsoAwsCredentialsProvider
 *
 * Forgets the cached credentials, after AWS refused them, say.
 */
void
drso_aws_credentials_provider_invalidate (DrsoAwsCredentialsProvider *self)
{
  g_return_if_fail (DRSO_IS_AWS_CREDENTIALS_PROVIDER (self));
  g_clear_pointer (&self->cached, drso_aws_credentials_unref);
}

/**
 * drso_aws_credentials_provider_get_refresh_count:
 * @self: a #DrsoAwsCredentialsProvider
 *
 * Returns: how many times credentials were fetched afresh
 */
guint
drso_aws_credentials_provider_get_refresh_count (DrsoAwsCredentialsProvider *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CREDENTIALS_PROVIDER (self), 0);
  return self->refreshes;
}

static void
drso_aws_credentials_provider_finalize (GObject *object)
{
  DrsoAwsCredentialsProvider *self = (DrsoAwsCredentialsProvider *) object;

  g_clear_object (&self->account);
  g_clear_object (&self->client);
  g_clear_pointer (&self->cached, drso_aws_credentials_unref);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (drso_aws_credentials_provider_parent_class)->finalize (object);
}

static void
drso_aws_credentials_provider_class_init (DrsoAwsCredentialsProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = drso_aws_credentials_provider_finalize;
}

static void
drso_aws_credentials_provider_init (DrsoAwsCredentialsProvider *self)
{
}

/**
 * drso_aws_credentials_provider_new:
 * @account: the account
 * @client: (nullable): the client for STS calls, or %NULL for the default one
 *
 * Returns: (transfer full): a provider of @account's credentials
 */
DrsoAwsCredentialsProvider *
drso_aws_credentials_provider_new (DrsoAccount   *account,
                                   DrsoAwsClient *client)
{
  DrsoAwsCredentialsProvider *self;

  g_return_val_if_fail (DRSO_IS_ACCOUNT (account), NULL);

  self = g_object_new (DRSO_TYPE_AWS_CREDENTIALS_PROVIDER, NULL);
  self->account = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (account)));
  self->client = g_object_ref (client ? client : drso_aws_client_get_default ());
  return self;
}
