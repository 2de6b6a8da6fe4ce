/* drso-aws-credentials-provider.h
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

#pragma once

#include "drso-account.h"
#include "drso-aws-client.h"

G_BEGIN_DECLS

#define DRSO_TYPE_AWS_CREDENTIALS_PROVIDER (drso_aws_credentials_provider_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAwsCredentialsProvider, drso_aws_credentials_provider,
                      DRSO, AWS_CREDENTIALS_PROVIDER, GObject)

DrsoAwsCredentialsProvider *drso_aws_credentials_provider_new      (DrsoAccount                *account,
                                                                    DrsoAwsClient              *client);
void                        drso_aws_credentials_provider_get_async (DrsoAwsCredentialsProvider *self,
                                                                     GCancellable               *cancellable,
                                                                     GAsyncReadyCallback         callback,
                                                                     gpointer                    user_data);
DrsoAwsCredentials         *drso_aws_credentials_provider_get_finish (DrsoAwsCredentialsProvider *self,
                                                                      GAsyncResult               *result,
                                                                      GError                    **error);
void                        drso_aws_credentials_provider_invalidate (DrsoAwsCredentialsProvider *self);
guint                       drso_aws_credentials_provider_get_refresh_count
                                                                     (DrsoAwsCredentialsProvider *self);

G_END_DECLS
