/* drso-aws-keyring.h
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

G_BEGIN_DECLS

void                drso_aws_keyring_store_async   (const char          *account_id,
                                                    const char          *access_key_id,
                                                    const char          *secret_access_key,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            drso_aws_keyring_store_finish  (GAsyncResult        *result,
                                                    GError             **error);
void                drso_aws_keyring_lookup_async  (const char          *account_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DrsoAwsCredentials *drso_aws_keyring_lookup_finish (GAsyncResult        *result,
                                                    GError             **error);
void                drso_aws_keyring_clear_async   (const char          *account_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            drso_aws_keyring_clear_finish  (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
