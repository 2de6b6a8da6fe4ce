/* drso-chart-util.h
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

/* What the drawn widgets (the wave canvas and the RTO timeline) share: the
 * colours of the palette, read from hidden "swatch" child nodes that
 * style.css colours, so that the widgets follow the style (dark mode, high
 * contrast, accent colour); text and icons; and time formats. */

typedef enum
{
  DRSO_CHART_COLOR_ACCENT,
  DRSO_CHART_COLOR_ACCENT_BG,
  DRSO_CHART_COLOR_ACCENT_FG,
  DRSO_CHART_COLOR_SUCCESS,
  DRSO_CHART_COLOR_SUCCESS_BG,
  DRSO_CHART_COLOR_SUCCESS_FG,
  DRSO_CHART_COLOR_WARNING,
  DRSO_CHART_COLOR_WARNING_BG,
  DRSO_CHART_COLOR_WARNING_FG,
  DRSO_CHART_COLOR_ERROR,
  DRSO_CHART_COLOR_ERROR_BG,
  DRSO_CHART_COLOR_ERROR_FG,
  DRSO_CHART_COLOR_SNAPSHOT,
  DRSO_CHART_COLOR_CONVERSION,
  DRSO_CHART_COLOR_LAUNCH,
  DRSO_CHART_N_COLORS,
} DrsoChartColor;

/* The opacity of libadwaita's .dim-label. */
#define DRSO_CHART_DIM_ALPHA 0.55f

typedef struct
{
  GtkWidget *swatches[DRSO_CHART_N_COLORS];
} DrsoChartPalette;

void         drso_chart_palette_init      (DrsoChartPalette   *palette,
                                           GtkWidget          *parent);
void         drso_chart_palette_clear     (DrsoChartPalette   *palette);
void         drso_chart_palette_get       (DrsoChartPalette   *palette,
                                           DrsoChartColor      color,
                                           GdkRGBA            *rgba);

void         drso_chart_get_fg            (GtkWidget          *widget,
                                           GdkRGBA            *rgba);
GdkRGBA      drso_chart_with_alpha        (const GdkRGBA      *rgba,
                                           float               alpha);
GdkRGBA      drso_chart_mix               (const GdkRGBA      *from,
                                           const GdkRGBA      *to,
                                           double              progress);

PangoLayout *drso_chart_layout_new        (GtkWidget          *widget,
                                           const char         *text,
                                           gboolean            bold,
                                           float               scale);
void         drso_chart_layout_size       (PangoLayout        *layout,
                                           int                *width,
                                           int                *height);
void         drso_chart_append_layout     (GtkSnapshot        *snapshot,
                                           PangoLayout        *layout,
                                           float               x,
                                           float               y,
                                           const GdkRGBA      *color);
void         drso_chart_append_icon       (GtkSnapshot        *snapshot,
                                           GtkWidget          *widget,
                                           const char         *icon_name,
                                           float               x,
                                           float               y,
                                           float               size,
                                           const GdkRGBA      *color);
void         drso_chart_append_line       (GtkSnapshot        *snapshot,
                                           float               x,
                                           float               y,
                                           float               width,
                                           float               height,
                                           const GdkRGBA      *color);

float        drso_chart_round             (float               value);
int          drso_chart_ceil              (float               value);

gboolean     drso_chart_animations_enabled (GtkWidget         *widget);

char        *drso_chart_format_clock      (gint64              seconds);
char        *drso_chart_format_duration   (gint64              seconds);

G_END_DECLS
