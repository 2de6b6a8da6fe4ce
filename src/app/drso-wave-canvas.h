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

GtkWidget     *drso_wave_canvas_new             (void);
DrsoExecution *drso_wave_canvas_get_execution   (DrsoWaveCanvas        *self);
void           drso_wave_canvas_set_execution   (DrsoWaveCanvas        *self,
                                                 DrsoExecution         *execution);
void           drso_wave_canvas_set_estimates   (DrsoWaveCanvas        *self,
                                                 const gint64          *seconds_per_wave,
                                                 guint                  n);
void           drso_wave_canvas_refresh         (DrsoWaveCanvas        *self);
char          *drso_wave_canvas_dup_summary     (DrsoWaveCanvas        *self);
gboolean       drso_wave_canvas_get_tile_at     (DrsoWaveCanvas        *self,
                                                 double                 x,
                                                 double                 y,
                                                 guint                 *wave_number,
                                                 guint                 *server_index);
gboolean       drso_wave_canvas_get_tile_bounds (DrsoWaveCanvas        *self,
                                                 guint                  wave_number,
                                                 guint                  server_index,
                                                 graphene_rect_t       *bounds);
gboolean       drso_wave_canvas_is_animating    (DrsoWaveCanvas        *self);

G_END_DECLS
