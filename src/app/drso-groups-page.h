/* drso-groups-page.h
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

#include "drso-group-editor.h"

G_BEGIN_DECLS

#define DRSO_TYPE_GROUPS_PAGE (drso_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (DrsoGroupsPage, drso_groups_page, DRSO, GROUPS_PAGE, AdwBin)

GtkWidget       *drso_groups_page_new         (DrsoStore      *store);
DrsoStore       *drso_groups_page_get_store   (DrsoGroupsPage *self);
void             drso_groups_page_new_group   (DrsoGroupsPage *self);
gboolean         drso_groups_page_edit_group  (DrsoGroupsPage *self,
                                               const char     *group_id);
gboolean         drso_groups_page_get_editing (DrsoGroupsPage *self);
DrsoGroupEditor *drso_groups_page_get_editor  (DrsoGroupsPage *self);

G_END_DECLS
