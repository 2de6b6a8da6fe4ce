/* drso-wave-canvas.c
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

#include "config.h"

#include "drso-wave-canvas.h"

struct _DrsoWaveCanvas
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (DrsoWaveCanvas, drso_wave_canvas, GTK_TYPE_WIDGET)

static void
drso_wave_canvas_class_init (DrsoWaveCanvasClass *klass)
{
}

static void
drso_wave_canvas_init (DrsoWaveCanvas *self)
{
}

GtkWidget *
drso_wave_canvas_new (void)
{
  return g_object_new (DRSO_TYPE_WAVE_CANVAS, NULL);
}
