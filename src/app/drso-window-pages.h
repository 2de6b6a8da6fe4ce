/* drso-window-pages.h
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

#include "drso-application.h"

G_BEGIN_DECLS

/* The sections in sidebar order; keep it in the order of the stack pages in
 * drso-window.ui. */
typedef enum
{
  DRSO_SECTION_DASHBOARD,
  DRSO_SECTION_SERVERS,
  DRSO_SECTION_GROUPS,
  DRSO_SECTION_PLANS,
  DRSO_SECTION_EXECUTIONS,
  DRSO_SECTION_ACCOUNTS,
  DRSO_N_SECTIONS,
} DrsoSection;

GtkWidget *drso_window_pages_create       (DrsoSection      section,
                                           DrsoApplication *application);
gboolean   drso_window_pages_forward      (GtkWidget       *page,
                                           DrsoSection      section,
                                           const char      *window_action);
void       drso_window_pages_show_execution (GtkWidget     *page,
                                             const char    *execution_id);
guint      drso_window_pages_count_running (DrsoStore      *store);

G_END_DECLS
