/* drso-window.h
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

G_BEGIN_DECLS

#define DRSO_TYPE_WINDOW (drso_window_get_type ())

G_DECLARE_FINAL_TYPE (DrsoWindow, drso_window, DRSO, WINDOW, AdwApplicationWindow)

DrsoWindow *drso_window_new               (GtkApplication *application);
const char *drso_window_get_section       (DrsoWindow     *self);
void        drso_window_set_section       (DrsoWindow     *self,
                                           const char     *name);
const char *drso_window_get_section_title (DrsoWindow     *self);
GtkWidget  *drso_window_get_page          (DrsoWindow     *self,
                                           const char     *section);
void        drso_window_show_execution    (DrsoWindow     *self,
                                           const char     *execution_id);
void        drso_window_add_toast         (DrsoWindow     *self,
                                           AdwToast       *toast);
void        drso_window_dismiss_toasts    (DrsoWindow     *self);

G_END_DECLS
