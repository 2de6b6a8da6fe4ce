/* drso-aws-context.h
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

#include "drso-aws-client.h"

G_BEGIN_DECLS

#define DRSO_TYPE_AWS_CONTEXT (drso_aws_context_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAwsContext, drso_aws_context, DRSO, AWS_CONTEXT, GObject)

DrsoAwsContext     *drso_aws_context_new             (DrsoAwsClient      *client,
                                                      const char         *account_id,
                                                      const char         *region,
                                                      const char         *endpoint,
                                                      DrsoAwsCredentials *credentials);
DrsoAwsClient      *drso_aws_context_get_client      (DrsoAwsContext     *self);
const char         *drso_aws_context_get_account_id  (DrsoAwsContext     *self);
const char         *drso_aws_context_get_region      (DrsoAwsContext     *self);
const char         *drso_aws_context_get_endpoint    (DrsoAwsContext     *self);
DrsoAwsCredentials *drso_aws_context_get_credentials (DrsoAwsContext     *self);
void                drso_aws_context_set_credentials (DrsoAwsContext     *self,
                                                      DrsoAwsCredentials *credentials);

G_END_DECLS
