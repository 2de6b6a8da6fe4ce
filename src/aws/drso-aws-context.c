/* drso-aws-context.c
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

#include "drso-aws-client-private.h"
#include "drso-aws-context.h"

/**
 * DrsoAwsContext:
 *
 * Where and as whom service calls go: the client that sends them, the
 * account and region, the account's own endpoint if it has one, and the
 * credentials that sign them.
 */
struct _DrsoAwsContext
{
  GObject             parent_instance;

  DrsoAwsClient      *client;
  char               *account_id;
  char               *region;
  char               *endpoint;
  DrsoAwsCredentials *credentials;
};

G_DEFINE_FINAL_TYPE (DrsoAwsContext, drso_aws_context, G_TYPE_OBJECT)

enum {
  SIGNAL_PAGE_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drso_aws_context_finalize (GObject *object)
{
  DrsoAwsContext *self = (DrsoAwsContext *) object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->credentials, drso_aws_credentials_unref);

  G_OBJECT_CLASS (drso_aws_context_parent_class)->finalize (object);
}

static void
drso_aws_context_class_init (DrsoAwsContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = drso_aws_context_finalize;

  /**
   * DrsoAwsContext::page-received:
   * @self: the context
   * @n_items: how many items the call has received so far
   *
   * Emitted by calls that follow `nextToken` each time a page arrives, so a
   * long listing can show its progress.
   */
  signals[SIGNAL_PAGE_RECEIVED] =
    g_signal_new ("page-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

void
_drso_aws_context_page_received (DrsoAwsContext *self,
                                 guint           n_items)
{
  g_signal_emit (self, signals[SIGNAL_PAGE_RECEIVED], 0, n_items);
}

static void
drso_aws_context_init (DrsoAwsContext *self)
{
}

/**
 * drso_aws_context_new:
 * @client: (nullable): the client to send with, or %NULL for the default one
 * @account_id: (nullable): the account the calls are for
 * @region: the region
 * @endpoint: (nullable): the account's own endpoint, or %NULL for AWS's
 * @credentials: (nullable): the credentials that sign the calls
 *
 * Returns: (transfer full): a new context
 */
DrsoAwsContext *
drso_aws_context_new (DrsoAwsClient      *client,
                      const char         *account_id,
                      const char         *region,
                      const char         *endpoint,
                      DrsoAwsCredentials *credentials)
{
  DrsoAwsContext *self;

  g_return_val_if_fail (client == NULL || DRSO_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (region != NULL, NULL);

  self = g_object_new (DRSO_TYPE_AWS_CONTEXT, NULL);
  self->client = g_object_ref (client ? client : drso_aws_client_get_default ());
  self->account_id = g_strdup (account_id);
  self->region = g_strdup (region);
  self->endpoint = (endpoint && *endpoint) ? g_strdup (endpoint) : NULL;
  self->credentials = credentials ? drso_aws_credentials_ref (credentials) : NULL;
  return self;
}

/**
 * drso_aws_context_get_client:
 * @self: a #DrsoAwsContext
 *
 * Returns: (transfer none): the client
 */
DrsoAwsClient *
drso_aws_context_get_client (DrsoAwsContext *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CONTEXT (self), NULL);
  return self->client;
}

/**
 * drso_aws_context_get_account_id:
 * @self: a #DrsoAwsContext
 *
 * Returns: (nullable): the account id
 */
const char *
drso_aws_context_get_account_id (DrsoAwsContext *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CONTEXT (self), NULL);
  return self->account_id;
}

/**
 * drso_aws_context_get_region:
 * @self: a #DrsoAwsContext
 *
 * Returns: the region
 */
const char *
drso_aws_context_get_region (DrsoAwsContext *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CONTEXT (self), NULL);
  return self->region;
}

/**
 * drso_aws_context_get_endpoint:
 * @self: a #DrsoAwsContext
 *
 * Returns: (nullable): the account's own endpoint
 */
const char *
drso_aws_context_get_endpoint (DrsoAwsContext *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CONTEXT (self), NULL);
  return self->endpoint;
}

/**
 * drso_aws_context_get_credentials:
 * @self: a #DrsoAwsContext
 *
 * Returns: (transfer none) (nullable): the credentials
 */
DrsoAwsCredentials *
drso_aws_context_get_credentials (DrsoAwsContext *self)
{
  g_return_val_if_fail (DRSO_IS_AWS_CONTEXT (self), NULL);
  return self->credentials;
}

/**
 * drso_aws_context_set_credentials:
 * @self: a #DrsoAwsContext
 * @credentials: (nullable): new credentials, after a refresh
 */
void
drso_aws_context_set_credentials (DrsoAwsContext     *self,
                                  DrsoAwsCredentials *credentials)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (self));

  if (credentials != NULL)
    drso_aws_credentials_ref (credentials);
  g_clear_pointer (&self->credentials, drso_aws_credentials_unref);
  self->credentials = credentials;
}
