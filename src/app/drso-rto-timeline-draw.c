/* drso-rto-timeline-draw.c
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

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-rto-timeline-private.h"

/* The geometry and the drawing of the RTO timeline: a legend, then per wave
 * a heading and a row per server with its phases as one bar, the time axis
 * at the bottom and the target as a dashed line across. */

#define BAR_HEIGHT      12
#define BAR_RADIUS       4
#define NAME_GAP        16
#define NAME_MIN        80
#define NAME_WIDTH_MAX 180
#define WAVE_GAP        12
#define HEADER_PAD       6
#define LEGEND_GAP      14
#define TICK_HEIGHT      6
#define END_PAD         28
#define SWATCH_SIZE     10

static const DrsoChartColor phase_colors[DRSO_RTO_N_PHASES] = {
  DRSO_CHART_COLOR_SNAPSHOT, DRSO_CHART_COLOR_CONVERSION, DRSO_CHART_COLOR_LAUNCH,
};

/* Geometry */

static float
x_for_time (DrsoRtoTimeline *self,
            gint64           time)
{
  if (self->span <= 0)
    return self->plot_x;
  return self->plot_x + self->plot_width * (float) ((double) (time - self->origin) / self->span);
}

static int
measure_name_width (DrsoRtoTimeline *self)
{
  int width = NAME_MIN;

  for (guint i = 0; i < self->waves->len; i++)
    {
      DrsoTimelineWave *wave = g_ptr_array_index (self->waves, i);

      for (guint j = 0; j < wave->rows->len; j++)
        {
          DrsoTimelineRow *row = &g_array_index (wave->rows, DrsoTimelineRow, j);
          const char *name = drso_server_run_get_hostname (row->server);
          g_autoptr(PangoLayout) layout = NULL;
          int w;

          layout = drso_chart_layout_new (GTK_WIDGET (self), name != NULL && *name != '\0'
                                          ? name : drso_server_run_get_server_id (row->server),
                                          FALSE, 1.f);
          drso_chart_layout_size (layout, &w, NULL);
          width = MAX (width, w);
        }
    }
  return MIN (width, NAME_WIDTH_MAX);
}

int
_drso_rto_timeline_compute_layout (DrsoRtoTimeline *self,
                                   int              width,
                                   gboolean         store)
{
  static const int steps[] = { 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400 };
  g_autoptr(PangoLayout) probe = drso_chart_layout_new (GTK_WIDGET (self), "0", FALSE, 1.f);
  int line_height, name_width = measure_name_width (self);
  float y;
  gint64 span, step = steps[G_N_ELEMENTS (steps) - 1];
  float plot_width = MAX (1, width - name_width - NAME_GAP - END_PAD);

  drso_chart_layout_size (probe, NULL, &line_height);
  y = line_height + LEGEND_GAP;

  if (store)
    {
      self->name_width = name_width;
      self->line_height = line_height;
      self->plot_x = name_width + NAME_GAP;
      self->plot_width = plot_width;
      self->plot_top = y;
    }

  for (guint i = 0; i < self->waves->len; i++)
    {
      DrsoTimelineWave *wave = g_ptr_array_index (self->waves, i);

      if (i > 0)
        y += WAVE_GAP;
      if (store)
        wave->header_y = y;
      y += line_height + HEADER_PAD;
      for (guint j = 0; j < wave->rows->len; j++)
        {
          if (store)
            g_array_index (wave->rows, DrsoTimelineRow, j).bounds =
              GRAPHENE_RECT_INIT (0, y, width, DRSO_RTO_ROW_HEIGHT);
          y += DRSO_RTO_ROW_HEIGHT;
        }
    }

  if (store)
    {
      self->plot_bottom = y + 4;

      /* The axis runs to a whole tick past the later of the last launch
       * and the target, with a tick every 72 pixels or more. */
      span = MAX (MAX (self->ready, self->last_end) - self->origin,
                  self->target * G_USEC_PER_SEC);
      span = MAX (span, 60 * G_USEC_PER_SEC);
      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        {
          gint64 s = steps[k] * G_USEC_PER_SEC;

          if ((double) plot_width / ((span + s - 1) / s) >= 72)
            {
              step = s;
              break;
            }
        }
      self->step = step;
      self->span = (span + step - 1) / step * step;
    }

  return drso_chart_ceil (y + 4 + TICK_HEIGHT + 2 + line_height);
}

void
_drso_rto_timeline_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int name_width = measure_name_width (self);

      *minimum = name_width + NAME_GAP + 200 + END_PAD;
      *natural = name_width + NAME_GAP + 520 + END_PAD;
    }
  else if (self->waves->len == 0)
    {
      *minimum = *natural = 0;
    }
  else
    {
      *minimum = *natural = _drso_rto_timeline_compute_layout (self, MAX (for_size, 0), FALSE);
    }
}

/* Drawing */

static void
append_legend (DrsoRtoTimeline *self,
               GtkSnapshot     *snapshot,
               const GdkRGBA   *fg,
               const GdkRGBA   *target_color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float x = self->plot_x;
  float swatch_y = (self->line_height - SWATCH_SIZE) / 2.f;

  for (guint p = 0; p < DRSO_RTO_N_PHASES + 1; p++)
    {
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      GskRoundedRect swatch;
      GdkRGBA color;
      int w;

      if (p < DRSO_RTO_N_PHASES)
        {
          text = g_strdup (_drso_rto_timeline_get_phase_name (p));
          drso_chart_palette_get (&self->palette, phase_colors[p], &color);
          gsk_rounded_rect_init_from_rect (&swatch,
                                           &GRAPHENE_RECT_INIT (x, swatch_y,
                                                                SWATCH_SIZE, SWATCH_SIZE),
                                           3);
          gtk_snapshot_push_rounded_clip (snapshot, &swatch);
          gtk_snapshot_append_color (snapshot, &color, &swatch.bounds);
          gtk_snapshot_pop (snapshot);
        }
      else if (self->target > 0)
        {
          g_autofree char *target = drso_chart_format_duration (self->target);

          /* TRANSLATORS: the legend of the target RTO line, "Target RTO 45 min" */
          text = g_strdup_printf (_("Target RTO %s"), target);
          drso_chart_append_line (snapshot, x + SWATCH_SIZE / 2.f - 1, swatch_y - 2, 2,
                                  SWATCH_SIZE + 4, target_color);
        }
      else
        break;

      layout = drso_chart_layout_new (widget, text, FALSE, 1.f);
      drso_chart_layout_size (layout, &w, NULL);
      drso_chart_append_layout (snapshot, layout, x + SWATCH_SIZE + 6, 0, fg);
      x += SWATCH_SIZE + 6 + w + 18;
    }

  if (self->ready > 0)
    {
      g_autofree char *measured = drso_chart_format_duration ((self->ready - self->origin)
                                                              / G_USEC_PER_SEC);
      /* TRANSLATORS: how long the recovery took, "Recovered in 24 min 10 s" */
      g_autofree char *text = g_strdup_printf (_("Recovered in %s"), measured);
      g_autoptr(PangoLayout) layout = drso_chart_layout_new (widget, text, TRUE, 1.f);
      float right = self->plot_x + self->plot_width;
      int w;

      drso_chart_layout_size (layout, &w, NULL);
      /* Coloured as the target line: within the target or over it. */
      if (right - w >= x)
        drso_chart_append_layout (snapshot, layout, right - w, 0,
                                  self->target > 0 ? target_color : fg);
    }
}

static void
append_axis (DrsoRtoTimeline *self,
             GtkSnapshot     *snapshot,
             const GdkRGBA   *fg)
{
  GdkRGBA dim = drso_chart_with_alpha (fg, DRSO_CHART_DIM_ALPHA);
  GdkRGBA grid = drso_chart_with_alpha (fg, 0.07f);
  GdkRGBA axis = drso_chart_with_alpha (fg, 0.25f);

  drso_chart_append_line (snapshot, self->plot_x, self->plot_bottom, self->plot_width, 1, &axis);
  for (gint64 t = 0; t <= self->span && self->step > 0; t += self->step)
    {
      float x = drso_chart_round (x_for_time (self, self->origin + t));
      g_autofree char *text = t == 0 ? g_strdup ("0")
                                     : drso_chart_format_duration (t / G_USEC_PER_SEC);
      g_autoptr(PangoLayout) layout = drso_chart_layout_new (GTK_WIDGET (self), text, FALSE, 1.f);
      int w;

      if (t > 0)
        drso_chart_append_line (snapshot, x, self->plot_top, 1,
                                self->plot_bottom - self->plot_top, &grid);
      drso_chart_append_line (snapshot, x, self->plot_bottom, 1, TICK_HEIGHT, &axis);
      drso_chart_layout_size (layout, &w, NULL);
      drso_chart_append_layout (snapshot, layout, t == 0 ? x : x - w / 2.f,
                                self->plot_bottom + TICK_HEIGHT + 2, &dim);
    }
}

static void
append_row (DrsoRtoTimeline *self,
            GtkSnapshot     *snapshot,
            DrsoTimelineRow     *row,
            const GdkRGBA   *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *name = drso_server_run_get_hostname (row->server);
  g_autoptr(PangoLayout) layout = NULL;
  float bar_y = row->bounds.origin.y + (DRSO_RTO_ROW_HEIGHT - BAR_HEIGHT) / 2.f;
  float first_x = -1, last_x = -1;
  GskRoundedRect bar;
  int h;

  layout = drso_chart_layout_new (widget, name != NULL && *name != '\0'
                                  ? name : drso_server_run_get_server_id (row->server),
                                  FALSE, 1.f);
  pango_layout_set_width (layout, self->name_width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
  drso_chart_layout_size (layout, NULL, &h);
  drso_chart_append_layout (snapshot, layout, 0,
                            row->bounds.origin.y + (DRSO_RTO_ROW_HEIGHT - h) / 2.f, fg);

  for (guint p = 0; p < DRSO_RTO_N_PHASES; p++)
    {
      float x0, x1;

      if (row->start[p] <= 0)
        continue;
      x0 = x_for_time (self, row->start[p]);
      x1 = MAX (x_for_time (self, row->end[p]), x0 + 1);
      first_x = first_x < 0 ? x0 : MIN (first_x, x0);
      last_x = MAX (last_x, x1);
    }
  if (first_x < 0)
    return;

  /* The phases are drawn side by side and clipped to one rounded bar. */
  gsk_rounded_rect_init_from_rect (&bar,
                                   &GRAPHENE_RECT_INIT (first_x, bar_y,
                                                        last_x - first_x, BAR_HEIGHT),
                                   BAR_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &bar);
  for (guint p = 0; p < DRSO_RTO_N_PHASES; p++)
    {
      GdkRGBA color;
      float x0, x1;

      if (row->start[p] <= 0)
        continue;
      x0 = x_for_time (self, row->start[p]);
      x1 = MAX (x_for_time (self, row->end[p]), x0 + 1);
      drso_chart_palette_get (&self->palette, phase_colors[p], &color);
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x0, bar_y, x1 - x0, BAR_HEIGHT));
    }
  gtk_snapshot_pop (snapshot);

  if (drso_server_run_get_status (row->server) == DRSO_LAUNCH_STATUS_FAILED)
    {
      gboolean optional = drso_server_run_get_criticality (row->server) ==
                          DRSO_SERVER_CRITICALITY_OPTIONAL;
      GdkRGBA color;

      drso_chart_palette_get (&self->palette,
                              optional ? DRSO_CHART_COLOR_WARNING : DRSO_CHART_COLOR_ERROR,
                              &color);
      drso_chart_append_icon (snapshot, widget,
                              optional ? "dialog-warning-symbolic" : "dialog-error-symbolic",
                              last_x + 6,
                              row->bounds.origin.y + (DRSO_RTO_ROW_HEIGHT - 14) / 2.f, 14,
                              &color);
    }
}

static void
append_wave_header (DrsoRtoTimeline *self,
                    GtkSnapshot     *snapshot,
                    DrsoTimelineWave    *wave,
                    gboolean         first,
                    const GdkRGBA   *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *title = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA separator = drso_chart_with_alpha (fg, 0.12f);
  int w;

  if (!first)
    drso_chart_append_line (snapshot, 0, wave->header_y - WAVE_GAP / 2.f,
                            gtk_widget_get_width (widget), 1, &separator);

  if (wave->name != NULL && *wave->name != '\0')
    /* TRANSLATORS: the heading of a wave in the RTO timeline, "Wave 1 · Database tier" */
    title = g_strdup_printf (_("Wave %u · %s"), wave->number, wave->name);
  else
    /* TRANSLATORS: the heading of a wave without a name in the RTO timeline */
    title = g_strdup_printf (_("Wave %u"), wave->number);
  layout = drso_chart_layout_new (widget, title, TRUE, 1.f);
  drso_chart_append_layout (snapshot, layout, 0, wave->header_y, fg);

  if (wave->ready > 0)
    {
      g_autofree char *duration = drso_chart_format_duration ((wave->ready - self->origin)
                                                              / G_USEC_PER_SEC);
      /* TRANSLATORS: when the last server of a wave was up, counted from the
       * start of the execution, "up after 9 min 40 s" */
      g_autofree char *text = g_strdup_printf (_("up after %s"), duration);
      g_autoptr(PangoLayout) ready = drso_chart_layout_new (widget, text, FALSE, 1.f);
      GdkRGBA dim = drso_chart_with_alpha (fg, DRSO_CHART_DIM_ALPHA);

      drso_chart_layout_size (layout, &w, NULL);
      drso_chart_append_layout (snapshot, ready, w + 12, wave->header_y, &dim);
    }
}

void
_drso_rto_timeline_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (widget);
  GdkRGBA fg, target_color;

  drso_chart_get_fg (widget, &fg);
  _drso_rto_timeline_compute_layout (self, gtk_widget_get_width (widget), TRUE);

  if (self->waves->len == 0)
    return;

  drso_chart_palette_get (&self->palette,
                          self->ready > 0 && self->target > 0 &&
                          self->ready - self->origin > self->target * G_USEC_PER_SEC
                          ? DRSO_CHART_COLOR_ERROR : DRSO_CHART_COLOR_SUCCESS,
                          &target_color);

  append_legend (self, snapshot, &fg, &target_color);
  append_axis (self, snapshot, &fg);
  for (guint i = 0; i < self->waves->len; i++)
    {
      DrsoTimelineWave *wave = g_ptr_array_index (self->waves, i);

      append_wave_header (self, snapshot, wave, i == 0, &fg);
      for (guint j = 0; j < wave->rows->len; j++)
        append_row (self, snapshot, &g_array_index (wave->rows, DrsoTimelineRow, j), &fg);
    }

  /* The target, dashed across the plot. */
  if (self->target > 0)
    {
      gint64 target = self->origin + self->target * G_USEC_PER_SEC;
      float x = drso_chart_round (x_for_time (self, target)) - 1;

      for (float y = self->plot_top; y < self->plot_bottom; y += 8)
        drso_chart_append_line (snapshot, x, y, 2, MIN (5, self->plot_bottom - y),
                                &target_color);
    }
}
