/* drso-groups-page-private.h
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

#include "drso-groups-page.h"

G_BEGIN_DECLS

/* The row of one group in the list (drso-groups-page-rows.c). */

GtkWidget           *_drso_groups_page_create_row      (DrsoStore           *store,
                                                        DrsoProtectionGroup *group,
                                                        GPtrArray           *users);
void                 _drso_groups_page_update_row      (GtkWidget           *row,
                                                        DrsoStore           *store,
                                                        GPtrArray           *users);
DrsoProtectionGroup *_drso_groups_page_get_row_group   (GtkWidget           *row);
char                *_drso_groups_page_dup_quoted_list (GPtrArray           *names);

G_END_DECLS
