/* drso-discovery.c
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

#include "drso-aws-context.h"
#include "drso-aws-credentials-provider.h"
#include "drso-discovery.h"
#include "drso-drs.h"
#include "drso-error.h"
#include "drso-validation.h"

/* Discovery: lists an account's DRS source servers in one region and puts
 * them in the store's cache, in one transaction, so the live list of servers
 * changes once. */

typedef struct
{
  DrsoAccount    *account;
  char           *region;
  DrsoAwsClient  *client;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_clear_object (&discovery->account);
  g_free (discovery->region);
  g_clear_object (&discovery->client);
  g_free (discovery);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DrsoStore *store = g_task_get_source_object (task);
  Discovery *discovery = g_task_get_task_data (task);
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;

  servers = drso_drs_describe_source_servers_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (servers == NULL ||
      !drso_store_replace_source_servers (store, drso_account_get_account_id (discovery->account),
                                          discovery->region, servers, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, servers->len);
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Discovery *discovery = g_task_get_task_data (task);
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

  context = drso_aws_context_new (discovery->client,
                                  drso_account_get_account_id (discovery->account),
                                  discovery->region,
                                  drso_account_get_endpoint_url (discovery->account),
                                  credentials);
  cancellable = g_task_get_cancellable (task);
  drso_drs_describe_source_servers_async (context, cancellable, listed_cb,
                                          g_steal_pointer (&task));
}

/**
 * drso_discovery_run_async:
 * @store: a #DrsoStore
 * @account_id: a stored account's id or name
 * @region: (nullable): the region, or %NULL for the account's first region
 * @client: (nullable): the client to send with, or %NULL for the default one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the cache is refreshed
 * @user_data: data for @callback
 *
 * Refreshes the discovery cache of one account and region: every DRS source
 * server, all pages, replaces what the store knew of them in one transaction.
 * Needs drs:ViewResources.
 */
void
drso_discovery_run_async (DrsoStore           *store,
                          const char          *account_id,
                          const char          *region,
                          DrsoAwsClient       *client,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  Discovery *discovery;
  GTask *task;

  g_return_if_fail (DRSO_IS_STORE (store));
  g_return_if_fail (account_id != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_discovery_run_async);

  discovery = g_new0 (Discovery, 1);
  g_task_set_task_data (task, discovery, (GDestroyNotify) discovery_free);
  discovery->client = g_object_ref (client ? client : drso_aws_client_get_default ());

  if (!drso_store_check_permission (store, DRSO_PERMISSION_VIEW_RESOURCES, &error) ||
      (discovery->account = drso_store_lookup_account (store, account_id, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  discovery->region = g_strdup (region ? region
                                       : drso_account_get_default_region (discovery->account));
  if (discovery->region == NULL || !drso_validate_region (discovery->region, &error))
    {
      if (error == NULL)
        g_set_error (&error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                     _("The account %s has no region: name one"), account_id);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  provider = drso_aws_credentials_provider_new (discovery->account, discovery->client);
  drso_aws_credentials_provider_get_async (provider, cancellable, credentials_cb, task);
}

/**
 * drso_discovery_run_finish:
 * @store: a #DrsoStore
 * @result: the #GAsyncResult
 * @n_servers: (out) (optional): how many servers were found
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the cache was refreshed
 */
gboolean
drso_discovery_run_finish (DrsoStore     *store,
                           GAsyncResult  *result,
                           guint         *n_servers,
                           GError       **error)
{
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;
  if (n_servers != NULL)
    *n_servers = (guint) count;
  return TRUE;
}
