/* drso-app-test-util.h
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

void drso_app_test_save_png (GtkWidget  *window,
                             const char *file_name);
GtkShortcut *drso_app_test_find_shortcut   (GtkWidget  *widget,
                                            const char *trigger);
const char  *drso_app_test_shortcut_action (GtkWidget  *widget,
                                            const char *trigger);
void         drso_app_test_iterate_for     (guint       ms);

G_END_DECLS
