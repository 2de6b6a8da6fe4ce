/* drso-plan-designer.h
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

#define DRSO_TYPE_PLAN_DESIGNER (drso_plan_designer_get_type ())

G_DECLARE_FINAL_TYPE (DrsoPlanDesigner, drso_plan_designer, DRSO, PLAN_DESIGNER, AdwBin)

GtkWidget  *drso_plan_designer_new                 (DrsoStore        *store,
                                                    DrsoEngine       *engine);
DrsoStore  *drso_plan_designer_get_store           (DrsoPlanDesigner *self);
DrsoEngine *drso_plan_designer_get_engine          (DrsoPlanDesigner *self);
gboolean    drso_plan_designer_set_plan            (DrsoPlanDesigner *self,
                                                    const char       *plan_id);
void        drso_plan_designer_new_plan            (DrsoPlanDesigner *self,
                                                    const char       *plan_name);
void        drso_plan_designer_close               (DrsoPlanDesigner *self);
const char *drso_plan_designer_get_plan_id         (DrsoPlanDesigner *self);
gboolean    drso_plan_designer_get_has_unsaved_changes (DrsoPlanDesigner *self);
gboolean    drso_plan_designer_save                (DrsoPlanDesigner *self);
void        drso_plan_designer_focus_name          (DrsoPlanDesigner *self);

G_END_DECLS
