/* drso-plans-page-private.h
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

#include "drso-plans-page.h"

G_BEGIN_DECLS

/* drso-plans-page-row.c */
GtkWidget *_drso_plans_page_row_new (DrsoStore        *store,
                                     DrsoRecoveryPlan *plan);

G_END_DECLS
