/* drso-group-editor.h
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

#define DRSO_TYPE_GROUP_EDITOR (drso_group_editor_get_type ())

G_DECLARE_FINAL_TYPE (DrsoGroupEditor, drso_group_editor, DRSO, GROUP_EDITOR, AdwBin)

GtkWidget           *drso_group_editor_new           (DrsoStore           *store,
                                                      DrsoProtectionGroup *group);
DrsoStore           *drso_group_editor_get_store     (DrsoGroupEditor     *self);
DrsoProtectionGroup *drso_group_editor_get_group     (DrsoGroupEditor     *self);
const char          *drso_group_editor_get_group_id  (DrsoGroupEditor     *self);
gboolean             drso_group_editor_get_modified  (DrsoGroupEditor     *self);
guint                drso_group_editor_get_n_matches (DrsoGroupEditor     *self);
gboolean             drso_group_editor_save          (DrsoGroupEditor     *self);

G_END_DECLS
