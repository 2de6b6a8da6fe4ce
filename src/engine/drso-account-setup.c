/* drso-account-setup.c
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

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-account-setup.h"
#include "drso-aws-context.h"
#include "drso-aws-credentials-provider.h"
#include "drso-sts.h"

#define DEFAULT_REGION "us-east-1"

/* Sets up the account behind an AWS profile: asks STS whose credentials the
 * profile gives, and stores that account (named after the profile) unless the
 * store has it already. */

typedef struct
{
  char          *profile;
  char          *region;
  char          *endpoint_url;
  DrsoAwsClient *client;
} Setup;

static void
setup_free (Setup *setup)
{
  g_free (setup->profile);
  g_free (setup->region);
  g_free (setup->endpoint_url);
  g_clear_object (&setup->client);
  g_free (setup);
}

static void
identity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DrsoStore *store = g_task_get_source_object (task);
  Setup *setup = g_task_get_task_data (task);
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *account_id;

  identity = drso_sts_get_caller_identity_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (identity == NULL)
    {
      g_prefix_error (&error, _("The profile %s could not be used: "), setup->profile);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account_id = drso_caller_identity_get_account (identity);
  account = drso_store_lookup_account (store, account_id, NULL);
  if (account != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
      return;
    }

  account = drso_account_new (account_id, setup->profile);
  drso_account_set_profile (account, setup->profile);
  drso_account_set_regions (account, (const char * const[]) { setup->region, NULL });
  drso_account_set_endpoint_url (account, setup->endpoint_url);
  if (!drso_store_add_account (store, account, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&account), g_object_unref);
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Setup *setup = g_task_get_task_data (task);
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  credentials = drso_aws_credentials_provider_get_finish (DRSO_AWS_CREDENTIALS_PROVIDER (source),
                                                          result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  context = drso_aws_context_new (setup->client, NULL, setup->region, setup->endpoint_url,
                                  credentials);
  cancellable = g_task_get_cancellable (task);
  drso_sts_get_caller_identity_async (context, cancellable, identity_cb, g_steal_pointer (&task));
}

/**
 * drso_account_setup_from_profile_async:
 * @store: a #DrsoStore
 * @profile: a profile of the shared AWS config files
 * @region: (nullable): the region to use, or %NULL for us-east-1
 * @endpoint_url: (nullable): an endpoint that replaces AWS's, or %NULL
 * @client: (nullable): the client to send with, or %NULL for the default one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the account
 * @user_data: data for @callback
 *
 * Finds the account whose credentials @profile gives (STS GetCallerIdentity)
 * and stores it, named after the profile, unless the store has it already.
 * Storing it needs drs:ManageAccounts.
 */
void
drso_account_setup_from_profile_async (DrsoStore           *store,
                                       const char          *profile,
                                       const char          *region,
                                       const char          *endpoint_url,
                                       DrsoAwsClient       *client,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(DrsoAccount) probe = NULL;
  Setup *setup;
  GTask *task;

  g_return_if_fail (DRSO_IS_STORE (store));
  g_return_if_fail (profile != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_account_setup_from_profile_async);
  setup = g_new0 (Setup, 1);
  setup->profile = g_strdup (profile);
  setup->region = g_strdup (region ? region : DEFAULT_REGION);
  setup->endpoint_url = g_strdup (endpoint_url);
  setup->client = g_object_ref (client ? client : drso_aws_client_get_default ());
  g_task_set_task_data (task, setup, (GDestroyNotify) setup_free);

  /* The account is not known yet: a stand-in carries the profile. */
  probe = drso_account_new ("000000000000", profile);
  drso_account_set_profile (probe, profile);
  drso_account_set_regions (probe, (const char * const[]) { setup->region, NULL });
  drso_account_set_endpoint_url (probe, endpoint_url);
  provider = drso_aws_credentials_provider_new (probe, setup->client);
  drso_aws_credentials_provider_get_async (provider, cancellable, credentials_cb, task);
}

/**
 * drso_account_setup_from_profile_finish:
 * @store: a #DrsoStore
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, or %NULL on error
 */
DrsoAccount *
drso_account_setup_from_profile_finish (DrsoStore     *store,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
