/* drso-aws-client.h
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

#include <gio/gio.h>

#include "drso-aws-credentials.h"
#include "drso-aws-error.h"

#include "drso-account.h"

G_BEGIN_DECLS

#define DRSO_TYPE_AWS_CLIENT (drso_aws_client_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAwsClient, drso_aws_client, DRSO, AWS_CLIENT, GObject)

DrsoAwsClient *drso_aws_client_new                  (void);
DrsoAwsClient *drso_aws_client_get_default          (void);
guint          drso_aws_client_get_max_attempts     (DrsoAwsClient *self);
void           drso_aws_client_set_max_attempts     (DrsoAwsClient *self,
                                                     guint          max_attempts);
guint          drso_aws_client_get_timeout          (DrsoAwsClient *self);
void           drso_aws_client_set_timeout          (DrsoAwsClient *self,
                                                     guint          seconds);
double         drso_aws_client_get_backoff_scale    (DrsoAwsClient *self);
void           drso_aws_client_set_backoff_scale    (DrsoAwsClient *self,
                                                     double         scale);
guint          drso_aws_client_get_retry_quota      (DrsoAwsClient *self);
char          *drso_aws_client_dup_endpoint         (DrsoAwsClient *self,
                                                     const char    *service,
                                                     const char    *region,
                                                     const char    *account_endpoint);
const char    *drso_aws_client_get_sandbox_url      (DrsoAwsClient *self);
void           drso_aws_client_set_sandbox_url      (DrsoAwsClient *self,
                                                     const char    *url);
const char    *drso_aws_client_get_account_endpoint (DrsoAwsClient *self,
                                                     DrsoAccount   *account);

G_END_DECLS
