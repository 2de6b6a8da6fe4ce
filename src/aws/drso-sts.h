/* drso-sts.h
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

#include "drso-aws-context.h"

G_BEGIN_DECLS

#define DRSO_TYPE_CALLER_IDENTITY (drso_caller_identity_get_type ())

G_DECLARE_FINAL_TYPE (DrsoCallerIdentity, drso_caller_identity, DRSO, CALLER_IDENTITY, GObject)

const char         *drso_caller_identity_get_account      (DrsoCallerIdentity *self);
const char         *drso_caller_identity_get_arn          (DrsoCallerIdentity *self);
const char         *drso_caller_identity_get_user_id      (DrsoCallerIdentity *self);

void                drso_sts_get_caller_identity_async    (DrsoAwsContext      *context,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
DrsoCallerIdentity *drso_sts_get_caller_identity_finish   (DrsoAwsContext      *context,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                drso_sts_assume_role_async            (DrsoAwsContext      *context,
                                                           const char          *role_arn,
                                                           const char          *external_id,
                                                           const char          *session_name,
                                                           guint                duration_seconds,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
DrsoAwsCredentials *drso_sts_assume_role_finish           (DrsoAwsContext      *context,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
