/* drso-dashboard-page.h
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

#define DRSO_TYPE_DASHBOARD_PAGE (drso_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (DrsoDashboardPage, drso_dashboard_page, DRSO, DASHBOARD_PAGE, AdwBin)

GtkWidget     *drso_dashboard_page_new        (DrsoStore         *store,
                                               DrsoEngine        *engine);
DrsoStore     *drso_dashboard_page_get_store  (DrsoDashboardPage *self);
DrsoEngine    *drso_dashboard_page_get_engine (DrsoDashboardPage *self);
DrsoAwsClient *drso_dashboard_page_get_client (DrsoDashboardPage *self);
void           drso_dashboard_page_refresh    (DrsoDashboardPage *self);

G_END_DECLS
