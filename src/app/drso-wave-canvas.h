/* drso-wave-canvas.h
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
#include <drso.h>

G_BEGIN_DECLS

#define DRSO_TYPE_WAVE_CANVAS (drso_wave_canvas_get_type ())

G_DECLARE_FINAL_TYPE (DrsoWaveCanvas, drso_wave_canvas, DRSO, WAVE_CANVAS, GtkWidget)

GtkWidget *drso_wave_canvas_new (void);

G_END_DECLS
