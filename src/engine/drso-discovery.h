/* drso-discovery.h
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

void     drso_discovery_run_async  (DrsoStore           *store,
                                    const char          *account_id,
                                    const char          *region,
                                    DrsoAwsClient       *client,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean drso_discovery_run_finish (DrsoStore           *store,
                                    GAsyncResult        *result,
                                    guint               *n_servers,
                                    GError             **error);

G_END_DECLS
