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

#define DRSO_TYPE_DISCOVERY (drso_discovery_get_type ())

G_DECLARE_FINAL_TYPE (DrsoDiscovery, drso_discovery, DRSO, DISCOVERY, GObject)

DrsoDiscovery *drso_discovery_new               (DrsoStore           *store,
                                                 const char          *account_id,
                                                 const char          *region,
                                                 DrsoAwsClient       *client);
guint          drso_discovery_get_servers_found (DrsoDiscovery       *self);
void           drso_discovery_set_endpoint_url  (DrsoDiscovery       *self,
                                                 const char          *endpoint_url);
void           drso_discovery_run_async         (DrsoDiscovery       *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean       drso_discovery_run_finish        (DrsoDiscovery       *self,
                                                 GAsyncResult        *result,
                                                 guint               *n_servers,
                                                 GError             **error);

G_END_DECLS
