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

/**
 * DrsoDiscovery:
 *
 * Lists an account's DRS source servers in one region and puts them in the
 * store's discovery cache, in one transaction, so the live list of servers
 * changes once. #DrsoDiscovery:servers-found follows the pages as they come.
 */
struct _DrsoDiscovery
{
  GObject        parent_instance;

  DrsoStore     *store;
  char          *account_id;
  char          *region;
  DrsoAwsClient *client;
  char          *endpoint_url;
  guint          servers_found;
};

G_DEFINE_FINAL_TYPE (DrsoDiscovery, drso_discovery, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVERS_FOUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  DrsoAccount *account;
  char        *region;
} Discovery;

static void
discovery_free (Discovery *discovery)
{
  g_clear_object (&discovery->account);
  g_free (discovery->region);
  g_free (discovery);
}

static void
page_received_cb (DrsoAwsContext *context,
                  guint           n_items,
                  DrsoDiscovery  *self)
{
  self->servers_found = n_items;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVERS_FOUND]);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DrsoDiscovery *self = g_task_get_source_object (task);
  DrsoStore *store = self->store;
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
  DrsoDiscovery *self = g_task_get_source_object (task);
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

  context = drso_aws_context_new (self->client,
                                  drso_account_get_account_id (discovery->account),
                                  discovery->region,
                                  self->endpoint_url ? self->endpoint_url
                                                     : drso_aws_client_get_account_endpoint (self->client,
                                                                                             discovery->account),
                                  credentials);
  g_signal_connect_object (context, "page-received", G_CALLBACK (page_received_cb), self, 0);
  cancellable = g_task_get_cancellable (task);
  drso_drs_describe_source_servers_async (context, cancellable, listed_cb,
                                          g_steal_pointer (&task));
}

static void
drso_discovery_finalize (GObject *object)
{
  DrsoDiscovery *self = (DrsoDiscovery *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_object (&self->client);
  g_clear_pointer (&self->endpoint_url, g_free);

  G_OBJECT_CLASS (drso_discovery_parent_class)->finalize (object);
}

static void
drso_discovery_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DrsoDiscovery *self = DRSO_DISCOVERY (object);

  switch (prop_id)
    {
    case PROP_SERVERS_FOUND:
      g_value_set_uint (value, self->servers_found);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_discovery_class_init (DrsoDiscoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_discovery_finalize;
  object_class->get_property = drso_discovery_get_property;

  properties[PROP_SERVERS_FOUND] =
    g_param_spec_uint ("servers-found", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_discovery_init (DrsoDiscovery *self)
{
}

/**
 * drso_discovery_new:
 * @store: a #DrsoStore
 * @account_id: a stored account's id or name
 * @region: (nullable): the region, or %NULL for the account's first region
 * @client: (nullable): the client to send with, or %NULL for the default one
 *
 * Returns: (transfer full): a discovery of one account and region
 */
DrsoDiscovery *
drso_discovery_new (DrsoStore     *store,
                    const char    *account_id,
                    const char    *region,
                    DrsoAwsClient *client)
{
  DrsoDiscovery *self;

  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  self = g_object_new (DRSO_TYPE_DISCOVERY, NULL);
  self->store = g_object_ref (store);
  self->account_id = g_strdup (account_id);
  self->region = g_strdup (region);
  self->client = g_object_ref (client ? client : drso_aws_client_get_default ());
  return self;
}

/**
 * drso_discovery_set_endpoint_url:
 * @self: a #DrsoDiscovery
 * @endpoint_url: (nullable): an endpoint for this discovery only, or %NULL
 *   for the account's
 */
void
drso_discovery_set_endpoint_url (DrsoDiscovery *self,
                                 const char    *endpoint_url)
{
  g_return_if_fail (DRSO_IS_DISCOVERY (self));
  g_free (self->endpoint_url);
  self->endpoint_url = g_strdup (endpoint_url);
}

/**
 * drso_discovery_get_servers_found:
 * @self: a #DrsoDiscovery
 *
 * Returns: how many servers the pages received so far held
 */
guint
drso_discovery_get_servers_found (DrsoDiscovery *self)
{
  g_return_val_if_fail (DRSO_IS_DISCOVERY (self), 0);
  return self->servers_found;
}

/**
 * drso_discovery_run_async:
 * @self: a #DrsoDiscovery
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the cache is refreshed
 * @user_data: data for @callback
 *
 * Refreshes the discovery cache of the account and region: every DRS source
 * server, all pages, replaces what the store knew of them in one transaction.
 * Needs drs:ViewResources.
 */
void
drso_discovery_run_async (DrsoDiscovery       *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  Discovery *discovery;
  GTask *task;

  g_return_if_fail (DRSO_IS_DISCOVERY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_discovery_run_async);

  discovery = g_new0 (Discovery, 1);
  g_task_set_task_data (task, discovery, (GDestroyNotify) discovery_free);

  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_VIEW_RESOURCES, &error) ||
      (discovery->account = drso_store_lookup_account (self->store, self->account_id,
                                                       &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  discovery->region = g_strdup (self->region ? self->region
                                             : drso_account_get_default_region (discovery->account));
  if (discovery->region == NULL || !drso_validate_region (discovery->region, &error))
    {
      if (error == NULL)
        g_set_error (&error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                     _("The account %s has no region: name one"), self->account_id);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  provider = drso_aws_credentials_provider_new (discovery->account, self->client);
  drso_aws_credentials_provider_get_async (provider, cancellable, credentials_cb, task);
}

/**
 * drso_discovery_run_finish:
 * @self: a #DrsoDiscovery
 * @result: the #GAsyncResult
 * @n_servers: (out) (optional): how many servers were found
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the cache was refreshed
 */
gboolean
drso_discovery_run_finish (DrsoDiscovery  *self,
                           GAsyncResult   *result,
                           guint          *n_servers,
                           GError        **error)
{
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;
  if (n_servers != NULL)
    *n_servers = (guint) count;
  return TRUE;
}
