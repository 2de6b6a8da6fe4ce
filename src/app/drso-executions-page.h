/* drso-executions-page.h
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

#include "drso-execution-view.h"

G_BEGIN_DECLS

#define DRSO_TYPE_EXECUTIONS_PAGE (drso_executions_page_get_type ())

G_DECLARE_FINAL_TYPE (DrsoExecutionsPage, drso_executions_page, DRSO, EXECUTIONS_PAGE, AdwBin)

GtkWidget         *drso_executions_page_new              (DrsoStore          *store,
                                                          DrsoEngine         *engine);
DrsoStore         *drso_executions_page_get_store        (DrsoExecutionsPage *self);
DrsoEngine        *drso_executions_page_get_engine       (DrsoExecutionsPage *self);
void               drso_executions_page_show_execution   (DrsoExecutionsPage *self,
                                                          const char         *execution_id);
void               drso_executions_page_show_list        (DrsoExecutionsPage *self);
const char        *drso_executions_page_get_execution_id (DrsoExecutionsPage *self);
DrsoExecutionView *drso_executions_page_get_view         (DrsoExecutionsPage *self);

G_END_DECLS
