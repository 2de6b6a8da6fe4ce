/* drso-account-setup.h
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
#include "drso-store.h"

G_BEGIN_DECLS

void         drso_account_setup_from_profile_async  (DrsoStore           *store,
                                                     const char          *profile,
                                                     const char          *region,
                                                     const char          *endpoint_url,
                                                     DrsoAwsClient       *client,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
DrsoAccount *drso_account_setup_from_profile_finish (DrsoStore           *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
