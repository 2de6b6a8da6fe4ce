/* drso-servers-page.h
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

#include <adwaita.h>
#include <drso.h>

G_BEGIN_DECLS

#define DRSO_TYPE_SERVERS_PAGE (drso_servers_page_get_type ())

G_DECLARE_FINAL_TYPE (DrsoServersPage, drso_servers_page, DRSO, SERVERS_PAGE, AdwBin)

GtkWidget     *drso_servers_page_new             (DrsoStore       *store,
                                                  DrsoAwsClient   *client);
DrsoStore     *drso_servers_page_get_store       (DrsoServersPage *self);
DrsoAwsClient *drso_servers_page_get_client      (DrsoServersPage *self);
gboolean       drso_servers_page_get_discovering (DrsoServersPage *self);

G_END_DECLS
