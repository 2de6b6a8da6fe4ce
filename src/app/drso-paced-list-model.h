/* drso-paced-list-model.h
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

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DRSO_TYPE_PACED_LIST_MODEL (drso_paced_list_model_get_type ())

G_DECLARE_FINAL_TYPE (DrsoPacedListModel, drso_paced_list_model, DRSO, PACED_LIST_MODEL, GObject)

DrsoPacedListModel *drso_paced_list_model_new           (GListModel         *model);
GListModel         *drso_paced_list_model_get_model     (DrsoPacedListModel *self);
gboolean            drso_paced_list_model_get_pending   (DrsoPacedListModel *self);
void                drso_paced_list_model_set_hot_rows  (DrsoPacedListModel *self,
                                                         guint               hot_rows);
void                drso_paced_list_model_set_widget    (DrsoPacedListModel *self,
                                                         GtkWidget          *widget);

G_END_DECLS
