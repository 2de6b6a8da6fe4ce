/* drso-plans-page.h
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

#include "drso-plan-designer.h"

G_BEGIN_DECLS

#define DRSO_TYPE_PLANS_PAGE (drso_plans_page_get_type ())

G_DECLARE_FINAL_TYPE (DrsoPlansPage, drso_plans_page, DRSO, PLANS_PAGE, AdwBin)

GtkWidget        *drso_plans_page_new          (DrsoStore     *store,
                                                DrsoEngine    *engine);
DrsoStore        *drso_plans_page_get_store    (DrsoPlansPage *self);
DrsoEngine       *drso_plans_page_get_engine   (DrsoPlansPage *self);
gboolean          drso_plans_page_open_plan    (DrsoPlansPage *self,
                                                const char    *plan_id);
void              drso_plans_page_new_plan     (DrsoPlansPage *self);
void              drso_plans_page_show_list    (DrsoPlansPage *self);
DrsoPlanDesigner *drso_plans_page_get_designer (DrsoPlansPage *self);

G_END_DECLS
