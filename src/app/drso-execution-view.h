/* drso-execution-view.h
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

#define DRSO_TYPE_EXECUTION_VIEW (drso_execution_view_get_type ())

G_DECLARE_FINAL_TYPE (DrsoExecutionView, drso_execution_view, DRSO, EXECUTION_VIEW, GtkWidget)

GtkWidget     *drso_execution_view_new              (DrsoStore         *store,
                                                     DrsoEngine        *engine);
DrsoStore     *drso_execution_view_get_store        (DrsoExecutionView *self);
DrsoEngine    *drso_execution_view_get_engine       (DrsoExecutionView *self);
const char    *drso_execution_view_get_execution_id (DrsoExecutionView *self);
void           drso_execution_view_set_execution_id (DrsoExecutionView *self,
                                                     const char        *execution_id);
DrsoExecution *drso_execution_view_get_execution    (DrsoExecutionView *self);
void           drso_execution_view_refresh          (DrsoExecutionView *self);

G_END_DECLS
