/* drso-preferences-window.h
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

#define DRSO_TYPE_PREFERENCES_WINDOW (drso_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DrsoPreferencesWindow, drso_preferences_window, DRSO, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *drso_preferences_window_new (GtkWindow *parent);

G_END_DECLS
