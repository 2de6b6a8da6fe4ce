/* drso-aws-credentials.h
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

#include <glib-object.h>

G_BEGIN_DECLS

#define DRSO_TYPE_AWS_CREDENTIALS (drso_aws_credentials_get_type ())

/**
 * DrsoAwsCredentials:
 *
 * A set of AWS credentials: an access key id, its secret, an optional session
 * token and when they expire. Immutable; reference counted. The secret never
 * appears in a log line or an error message.
 */
typedef struct _DrsoAwsCredentials DrsoAwsCredentials;

GType               drso_aws_credentials_get_type              (void) G_GNUC_CONST;
DrsoAwsCredentials *drso_aws_credentials_new                   (const char         *access_key_id,
                                                                const char         *secret_access_key,
                                                                const char         *session_token,
                                                                gint64              expiration);
DrsoAwsCredentials *drso_aws_credentials_ref                   (DrsoAwsCredentials *self);
void                drso_aws_credentials_unref                 (DrsoAwsCredentials *self);
const char         *drso_aws_credentials_get_access_key_id     (DrsoAwsCredentials *self);
const char         *drso_aws_credentials_get_secret_access_key (DrsoAwsCredentials *self);
const char         *drso_aws_credentials_get_session_token     (DrsoAwsCredentials *self);
gint64              drso_aws_credentials_get_expiration        (DrsoAwsCredentials *self);
const char         *drso_aws_credentials_get_account_id        (DrsoAwsCredentials *self);
void                drso_aws_credentials_set_account_id        (DrsoAwsCredentials *self,
                                                                const char         *account_id);
gboolean            drso_aws_credentials_expires_within        (DrsoAwsCredentials *self,
                                                                gint64              seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoAwsCredentials, drso_aws_credentials_unref)

G_END_DECLS
