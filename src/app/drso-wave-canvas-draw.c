/* drso-wave-canvas-draw.c
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

#include "drso-wave-canvas-private.h"

/* The geometry of the wave canvas, its drawing and its tooltips. A lane is
 * a row: the wave's number and name, its tiles (wrapping onto more rows
 * when they do not fit), the count launched with the time spent, and the
 * outcome mark at the end. The pause gate is a band of its own above the
 * lane of the wave that waits. */

#define LANE_PAD_Y     12
#define TILE_SIZE      28
#define TILE_GAP        6
#define TILE_RADIUS     6
#define TILE_ICON_SIZE 16
#define TILE_ICON_INSET ((TILE_SIZE - TILE_ICON_SIZE) / 2)
#define COLUMN_GAP     24
#define MARK_SIZE      16
#define LINE_GAP        2
#define GATE_PAD_Y     DRSO_GATE_PAD
#define GATE_MARGIN     6
#define GATE_INSET     12
#define GATE_RADIUS    10
#define LABEL_MIN      96
#define LABEL_MAX     200
#define NATURAL_TILES  12
#define EMPTY_HEIGHT   48
#define SEPARATOR      " · "

typedef struct
{
  int label_width;
  int stats_width;
  int line_height;
  int text_height;
  int gate_height;
} Metrics;

typedef struct
{
  GdkRGBA     fill;
  GdkRGBA     border;
  GdkRGBA     icon_color;
  const char *icon_name;
  float       stripes;
} TileStyle;

static int
measure_text_width (GtkWidget  *widget,
                    const char *text,
                    gboolean    bold)
{
  g_autoptr(PangoLayout) layout = drso_chart_layout_new (widget, text, bold, 1.f);
  int width;

  drso_chart_layout_size (layout, &width, NULL);
  return width;
}

static void
measure_metrics (DrsoWaveCanvas *self,
                 Metrics        *m)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) line = drso_chart_layout_new (widget, "Wave 0", TRUE, 1.f);
  int button_height = 0;

  drso_chart_layout_size (line, NULL, &m->line_height);
  m->text_height = 2 * m->line_height + LINE_GAP;
  m->label_width = LABEL_MIN;
  m->stats_width = 0;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);
      g_autofree char *title = _drso_wave_canvas_dup_wave_title (lane);
      g_autofree char *counts = _drso_wave_canvas_dup_counts_text (lane);
      g_autofree char *failed = _drso_wave_canvas_dup_failed_text (lane);
      g_autofree char *time = _drso_wave_canvas_dup_time_text (lane);
      g_autofree char *longest_time = NULL;
      int w;

      m->label_width = MAX (m->label_width, measure_text_width (widget, title, TRUE));
      m->label_width = MAX (m->label_width,
                            measure_text_width (widget, drso_wave_run_get_wave_name (lane->wave),
                                                FALSE));

      w = measure_text_width (widget, counts, FALSE);
      if (failed != NULL)
        w += measure_text_width (widget, SEPARATOR, FALSE) + measure_text_width (widget, failed,
                                                                                  FALSE);
      m->stats_width = MAX (m->stats_width, w);

      /* The clock of a running wave must not push the tiles around as it
       * counts: room is kept for any time below 100 minutes. */
      longest_time = _drso_wave_canvas_format_time_text (99 * 60 + 59,
                                                         lane->estimate > 0 ? 5999 : 0, TRUE);
      m->stats_width = MAX (m->stats_width, measure_text_width (widget, longest_time, FALSE));
      if (time != NULL)
        m->stats_width = MAX (m->stats_width, measure_text_width (widget, time, FALSE));
    }
  m->label_width = MIN (m->label_width, LABEL_MAX);

  if (self->resume_button != NULL)
    gtk_widget_measure (self->resume_button, GTK_ORIENTATION_VERTICAL, -1,
                        NULL, &button_height, NULL, NULL);
  m->gate_height = MAX (button_height, m->line_height) + 2 * GATE_PAD_Y;
}

/* Geometry */

static guint
tiles_per_row (const Metrics *m,
               int            width)
{
  int tiles_x = m->label_width + COLUMN_GAP;
  int tiles_end = width - MARK_SIZE - COLUMN_GAP - m->stats_width - COLUMN_GAP;

  return MAX (1, (tiles_end - tiles_x + TILE_GAP) / (TILE_SIZE + TILE_GAP));
}

int
_drso_wave_canvas_compute_layout (DrsoWaveCanvas *self,
                                  int             width,
                                  gboolean        store)
{
  Metrics m;
  guint per_row;
  float y = 0;

  if (self->lanes->len == 0)
    {
      if (store)
        {
          _drso_wave_canvas_invalidate (self);
          self->layout_width = width;
        }
      return EMPTY_HEIGHT;
    }

  measure_metrics (self, &m);
  per_row = tiles_per_row (&m, width);

  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);
      guint rows = (lane->tiles->len + per_row - 1) / per_row;
      int tiles_height = rows > 0 ? (int) rows * (TILE_SIZE + TILE_GAP) - TILE_GAP : 0;
      int content = MAX (m.text_height, tiles_height);
      float tiles_y;

      if (lane->gate_before)
        {
          if (i > 0)
            y += GATE_MARGIN;
          if (store)
            lane->gate = GRAPHENE_RECT_INIT (0, y, width, m.gate_height);
          y += m.gate_height + GATE_MARGIN;
        }

      if (!store)
        {
          y += content + 2 * LANE_PAD_Y;
          continue;
        }

      lane->bounds = GRAPHENE_RECT_INIT (0, y, width, content + 2 * LANE_PAD_Y);
      lane->text_y = y + LANE_PAD_Y + (tiles_height > m.text_height
                                       ? 0 : (content - m.text_height) / 2);
      tiles_y = y + LANE_PAD_Y + (content - tiles_height) / 2;
      for (guint j = 0; j < lane->tiles->len; j++)
        {
          DrsoCanvasTile *tile = &g_array_index (lane->tiles, DrsoCanvasTile, j);

          tile->bounds = GRAPHENE_RECT_INIT (m.label_width + COLUMN_GAP
                                             + (j % per_row) * (TILE_SIZE + TILE_GAP),
                                             tiles_y + (j / per_row) * (TILE_SIZE + TILE_GAP),
                                             TILE_SIZE, TILE_SIZE);
        }
      y += lane->bounds.size.height;
    }

  if (store)
    {
      _drso_wave_canvas_invalidate (self);
      self->layout_width = width;
      self->label_width = m.label_width;
      self->stats_width = m.stats_width;
    }
  return drso_chart_ceil (y);
}

/* Drops what was drawn of the lanes, so that the next frame draws them
 * again. */
void
_drso_wave_canvas_invalidate (DrsoWaveCanvas *self)
{
  g_clear_pointer (&self->chrome, gsk_render_node_unref);
}

void
_drso_wave_canvas_ensure_layout (DrsoWaveCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->layout_width != width || width == 0)
    _drso_wave_canvas_compute_layout (self, width, TRUE);
}

void
_drso_wave_canvas_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);
  Metrics m;
  guint most_tiles = 1;
  int min_width, nat_width;

  measure_metrics (self, &m);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      most_tiles = MAX (most_tiles, lane->tiles->len);
    }
  most_tiles = MIN (most_tiles, NATURAL_TILES);

  min_width = m.label_width + COLUMN_GAP + TILE_SIZE + COLUMN_GAP + m.stats_width
              + COLUMN_GAP + MARK_SIZE;
  nat_width = min_width + (int) (most_tiles - 1) * (TILE_SIZE + TILE_GAP);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int button_width = 0;

      /* The gate holds its text beside the Resume button. */
      if (self->resume_button != NULL)
        gtk_widget_measure (self->resume_button, GTK_ORIENTATION_HORIZONTAL, -1,
                            NULL, &button_width, NULL, NULL);
      *minimum = MAX (min_width, button_width + 2 * GATE_INSET + MARK_SIZE);
      *natural = MAX (nat_width, *minimum);
    }
  else
    {
      int height = _drso_wave_canvas_compute_layout (self, for_size < 0 ? nat_width : for_size,
                                                     FALSE);

      *minimum = *natural = height;
    }
}

/* Drawing */

static void
get_tile_style (DrsoWaveCanvas *self,
                DrsoTileLook    look,
                const GdkRGBA  *fg,
                TileStyle      *style)
{
  DrsoChartPalette *palette = &self->palette;
  GdkRGBA color;

  memset (style, 0, sizeof *style);
  switch (look)
    {
    case DRSO_TILE_LOOK_RUNNING:
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_ACCENT_BG, &style->fill);
      style->border = style->fill;
      break;
    case DRSO_TILE_LOOK_LAUNCHED:
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_SUCCESS_BG, &style->fill);
      style->border = style->fill;
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_SUCCESS_FG, &style->icon_color);
      style->icon_name = "object-select-symbolic";
      break;
    case DRSO_TILE_LOOK_TERMINATED:
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_SUCCESS_BG, &color);
      style->fill = drso_chart_with_alpha (&color, 0.2f);
      style->border = color;
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_SUCCESS, &style->icon_color);
      style->icon_name = "object-select-symbolic";
      break;
    case DRSO_TILE_LOOK_FAILED:
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_ERROR_BG, &style->fill);
      style->border = style->fill;
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_ERROR_FG, &style->icon_color);
      style->icon_name = "window-close-symbolic";
      break;
    case DRSO_TILE_LOOK_OPTIONAL_FAILED:
      drso_chart_palette_get (palette, DRSO_CHART_COLOR_WARNING_BG, &color);
      style->fill = drso_chart_with_alpha (&color, 0.2f);
      style->border = color;
      style->stripes = 1.f;
      break;
    case DRSO_TILE_LOOK_PENDING:
    default:
      style->fill = drso_chart_with_alpha (fg, 0.04f);
      style->border = drso_chart_with_alpha (fg, 0.3f);
      break;
    }
}

static void
append_tile (DrsoWaveCanvas       *self,
             GtkSnapshot          *snapshot,
             const DrsoCanvasTile *tile,
             const GdkRGBA        *fg,
             gint64                now)
{
  gboolean animations = drso_chart_animations_enabled (GTK_WIDGET (self));
  const graphene_rect_t *r = &tile->bounds;
  TileStyle from, to;
  GdkRGBA fill, border, stripe;
  GskRoundedRect rounded;
  double t = 1.0;
  float stripes;

  get_tile_style (self, tile->look, fg, &to);
  get_tile_style (self, tile->from_look, fg, &from);
  if (tile->fade_start != 0 && animations)
    {
      t = (double) (now - tile->fade_start) / DRSO_TILE_FADE_USEC;
      t = CLAMP (t, 0.0, 1.0);
      t = 1.0 - (1.0 - t) * (1.0 - t) * (1.0 - t);  /* ease out */
    }

  fill = drso_chart_mix (&from.fill, &to.fill, t);
  border = drso_chart_mix (&from.border, &to.border, t);
  stripes = from.stripes + (to.stripes - from.stripes) * (float) t;

  /* In progress: the fill breathes between 55 % and 100 %, the outline stays. */
  if (tile->look == DRSO_TILE_LOOK_RUNNING && animations)
    {
      float phase = (float) (now % DRSO_TILE_PULSE_USEC) / DRSO_TILE_PULSE_USEC;
      float wave = phase < 0.5f ? 2 * phase : 2 - 2 * phase;

      wave = wave * wave * (3 - 2 * wave);  /* smooth at both ends */
      fill.alpha *= 1.f - 0.45f * wave;
    }

  gsk_rounded_rect_init_from_rect (&rounded, r, TILE_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &fill, r);
  if (stripes > 0.f)
    {
      GdkRGBA warning;

      drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_WARNING_BG, &warning);
      stripe = drso_chart_with_alpha (&warning, 0.75f * stripes);
      gtk_snapshot_append_repeating_linear_gradient (
        snapshot, r,
        &GRAPHENE_POINT_INIT (r->origin.x, r->origin.y),
        &GRAPHENE_POINT_INIT (r->origin.x + 5, r->origin.y + 5),
        (GskColorStop[]) {
          { 0.0f, stripe }, { 0.5f, stripe },
          { 0.5f, (GdkRGBA) { 0, 0, 0, 0 } }, { 1.0f, (GdkRGBA) { 0, 0, 0, 0 } },
        }, 4);
    }
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_append_border (snapshot, &rounded,
                              (float[4]) { 1.5f, 1.5f, 1.5f, 1.5f },
                              (GdkRGBA[4]) { border, border, border, border });

  if (from.icon_name != NULL && t < 1.0 && g_strcmp0 (from.icon_name, to.icon_name) != 0)
    {
      GdkRGBA c = drso_chart_with_alpha (&from.icon_color, (float) (1.0 - t));

      drso_chart_append_icon (snapshot, GTK_WIDGET (self), from.icon_name,
                              r->origin.x + TILE_ICON_INSET, r->origin.y + TILE_ICON_INSET,
                              TILE_ICON_SIZE, &c);
    }
  if (to.icon_name != NULL)
    {
      double alpha = g_strcmp0 (from.icon_name, to.icon_name) != 0 ? t : 1.0;
      GdkRGBA c = drso_chart_with_alpha (&to.icon_color, (float) alpha);

      drso_chart_append_icon (snapshot, GTK_WIDGET (self), to.icon_name,
                              r->origin.x + TILE_ICON_INSET, r->origin.y + TILE_ICON_INSET,
                              TILE_ICON_SIZE, &c);
    }
}

static const char *
get_mark (DrsoWaveCanvas *self,
          DrsoCanvasLane *lane,
          const GdkRGBA  *fg,
          GdkRGBA        *color)
{
  switch (lane->status)
    {
    case DRSO_WAVE_STATUS_COMPLETED:
      if (lane->n_optional_failed > 0)
        {
          drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_WARNING, color);
          return "dialog-warning-symbolic";
        }
      drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_SUCCESS, color);
      return "object-select-symbolic";
    case DRSO_WAVE_STATUS_FAILED:
      drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_ERROR, color);
      return "dialog-error-symbolic";
    case DRSO_WAVE_STATUS_PAUSED:
      drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_ACCENT, color);
      return "media-playback-pause-symbolic";
    case DRSO_WAVE_STATUS_SKIPPED:
      *color = drso_chart_with_alpha (fg, DRSO_CHART_DIM_ALPHA);
      return "action-unavailable-symbolic";
    case DRSO_WAVE_STATUS_CANCELLED:
      *color = drso_chart_with_alpha (fg, DRSO_CHART_DIM_ALPHA);
      return "process-stop-symbolic";
    case DRSO_WAVE_STATUS_PENDING:
    case DRSO_WAVE_STATUS_IN_PROGRESS:
    default:
      return NULL;
    }
}

static void
append_gate (DrsoWaveCanvas *self,
             GtkSnapshot    *snapshot,
             DrsoCanvasLane *lane)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const graphene_rect_t *g = &lane->gate;
  g_autofree char *text = _drso_wave_canvas_dup_gate_text (lane);
  g_autoptr(PangoLayout) layout = drso_chart_layout_new (widget, text, TRUE, 1.f);
  GdkRGBA accent, accent_bg, band, edge;
  GskRoundedRect rounded;
  float text_x = g->origin.x + GATE_INSET + MARK_SIZE + 8;
  float text_end = g->origin.x + g->size.width - GATE_INSET;
  int text_height;

  drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_ACCENT, &accent);
  drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_ACCENT_BG, &accent_bg);
  band = drso_chart_with_alpha (&accent_bg, 0.12f);
  edge = drso_chart_with_alpha (&accent_bg, 0.35f);

  gsk_rounded_rect_init_from_rect (&rounded, g, GATE_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &band, g);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rounded, (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { edge, edge, edge, edge });

  drso_chart_append_icon (snapshot, widget, "media-playback-pause-symbolic",
                          g->origin.x + GATE_INSET,
                          g->origin.y + (g->size.height - MARK_SIZE) / 2, MARK_SIZE, &accent);

  if (gtk_widget_get_visible (self->resume_button))
    {
      graphene_rect_t button;

      if (gtk_widget_compute_bounds (self->resume_button, widget, &button))
        text_end = button.origin.x - GATE_INSET;
    }
  pango_layout_set_width (layout, MAX (0, (int) (text_end - text_x)) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  drso_chart_layout_size (layout, NULL, &text_height);
  drso_chart_append_layout (snapshot, layout, text_x,
                            g->origin.y + (g->size.height - text_height) / 2, &accent);
}

/* Everything of a lane but its tiles, which may move on every frame. */
static void
append_lane (DrsoWaveCanvas *self,
             GtkSnapshot    *snapshot,
             DrsoCanvasLane *lane,
             gboolean        first,
             const GdkRGBA  *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const graphene_rect_t *b = &lane->bounds;
  GdkRGBA dim = drso_chart_with_alpha (fg, DRSO_CHART_DIM_ALPHA);
  GdkRGBA mark_color;
  g_autofree char *title = _drso_wave_canvas_dup_wave_title (lane);
  g_autofree char *counts = _drso_wave_canvas_dup_counts_text (lane);
  g_autofree char *failed = _drso_wave_canvas_dup_failed_text (lane);
  g_autofree char *time = _drso_wave_canvas_dup_time_text (lane);
  g_autoptr(PangoLayout) title_layout = drso_chart_layout_new (widget, title, TRUE, 1.f);
  g_autoptr(PangoLayout) name_layout =
    drso_chart_layout_new (widget, drso_wave_run_get_wave_name (lane->wave), FALSE, 1.f);
  g_autoptr(PangoLayout) counts_layout = drso_chart_layout_new (widget, counts, FALSE, 1.f);
  const char *mark;
  float stats_x = b->size.width - MARK_SIZE - COLUMN_GAP - self->stats_width;
  int line_height;

  if (lane->gate_before)
    append_gate (self, snapshot, lane);
  else if (!first)
    {
      GdkRGBA separator = drso_chart_with_alpha (fg, 0.12f);

      drso_chart_append_line (snapshot, b->origin.x, b->origin.y, b->size.width, 1, &separator);
    }

  drso_chart_layout_size (title_layout, NULL, &line_height);
  pango_layout_set_width (title_layout, self->label_width * PANGO_SCALE);
  pango_layout_set_ellipsize (title_layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (name_layout, self->label_width * PANGO_SCALE);
  pango_layout_set_ellipsize (name_layout, PANGO_ELLIPSIZE_END);
  drso_chart_append_layout (snapshot, title_layout, b->origin.x, lane->text_y, fg);
  drso_chart_append_layout (snapshot, name_layout, b->origin.x,
                            lane->text_y + line_height + LINE_GAP, &dim);

  drso_chart_append_layout (snapshot, counts_layout, stats_x, lane->text_y, fg);
  if (failed != NULL)
    {
      g_autoptr(PangoLayout) separator = drso_chart_layout_new (widget, SEPARATOR, FALSE, 1.f);
      g_autoptr(PangoLayout) failed_layout = drso_chart_layout_new (widget, failed, FALSE, 1.f);
      GdkRGBA color;
      int x, w;

      drso_chart_palette_get (&self->palette, lane->n_failed > 0 ? DRSO_CHART_COLOR_ERROR
                                                                 : DRSO_CHART_COLOR_WARNING,
                              &color);
      drso_chart_layout_size (counts_layout, &x, NULL);
      drso_chart_append_layout (snapshot, separator, stats_x + x, lane->text_y, &dim);
      drso_chart_layout_size (separator, &w, NULL);
      drso_chart_append_layout (snapshot, failed_layout, stats_x + x + w, lane->text_y, &color);
    }
  if (time != NULL)
    {
      g_autoptr(PangoLayout) time_layout = drso_chart_layout_new (widget, time, FALSE, 1.f);
      GdkRGBA color = dim;

      /* Past its estimate, the clock of a wave turns to the warning colour. */
      if (_drso_wave_canvas_is_over_estimate (lane))
        drso_chart_palette_get (&self->palette, DRSO_CHART_COLOR_WARNING, &color);
      drso_chart_append_layout (snapshot, time_layout, stats_x,
                                lane->text_y + line_height + LINE_GAP, &color);
    }

  mark = get_mark (self, lane, fg, &mark_color);
  if (mark != NULL)
    drso_chart_append_icon (snapshot, widget, mark, b->size.width - MARK_SIZE,
                            lane->text_y + (2 * line_height + LINE_GAP - MARK_SIZE) / 2,
                            MARK_SIZE, &mark_color);
}

void
_drso_wave_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);
  gint64 now = _drso_wave_canvas_frame_time (self);
  GdkRGBA fg;

  drso_chart_get_fg (widget, &fg);
  _drso_wave_canvas_ensure_layout (self);

  if (self->lanes->len == 0)
    {
      g_autoptr(PangoLayout) layout =
        drso_chart_layout_new (widget, self->execution == NULL ? _("No execution")
                                                               : _("This execution has no waves"),
                               FALSE, 1.f);
      GdkRGBA dim = drso_chart_with_alpha (&fg, DRSO_CHART_DIM_ALPHA);
      int w, h;

      drso_chart_layout_size (layout, &w, &h);
      drso_chart_append_layout (snapshot, layout, (gtk_widget_get_width (widget) - w) / 2.f,
                                (gtk_widget_get_height (widget) - h) / 2.f, &dim);
      return;
    }

  /* The text, the gate and the marks change with the model, the width, the
   * style or the clock; they are kept as a node between those changes. */
  if (self->chrome == NULL)
    {
      GtkSnapshot *chrome = gtk_snapshot_new ();

      for (guint i = 0; i < self->lanes->len; i++)
        append_lane (self, chrome, g_ptr_array_index (self->lanes, i), i == 0, &fg);
      self->chrome = gtk_snapshot_free_to_node (chrome);
    }
  if (self->chrome != NULL)
    gtk_snapshot_append_node (snapshot, self->chrome);

  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      for (guint j = 0; j < lane->tiles->len; j++)
        append_tile (self, snapshot, &g_array_index (lane->tiles, DrsoCanvasTile, j), &fg, now);
    }

  if (gtk_widget_get_visible (self->resume_button))
    gtk_widget_snapshot_child (widget, self->resume_button, snapshot);
}
