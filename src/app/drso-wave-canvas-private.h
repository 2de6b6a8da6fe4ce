/* drso-wave-canvas-private.h
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

#include "drso-chart-util.h"
#include "drso-wave-canvas.h"

G_BEGIN_DECLS

/* Shared by drso-wave-canvas.c (the model, the animation and the API) and
 * drso-wave-canvas-draw.c (geometry, drawing and tooltips). */

typedef enum
{
  DRSO_TILE_LOOK_PENDING,
  DRSO_TILE_LOOK_RUNNING,
  DRSO_TILE_LOOK_LAUNCHED,
  DRSO_TILE_LOOK_TERMINATED,
  DRSO_TILE_LOOK_FAILED,
  DRSO_TILE_LOOK_OPTIONAL_FAILED,
} DrsoTileLook;

/* How long a tile takes to fade from one state's colours to the next. */
#define DRSO_TILE_FADE_USEC   (400 * G_TIME_SPAN_MILLISECOND)
/* The period of the gentle pulse of a tile in progress. */
#define DRSO_TILE_PULSE_USEC  (2000 * G_TIME_SPAN_MILLISECOND)
/* The room around the Resume button inside the pause gate. */
#define DRSO_GATE_PAD         8

typedef struct
{
  DrsoServerRun   *server;      /* owned */
  DrsoTileLook     look;
  DrsoTileLook     from_look;
  gint64           fade_start;  /* frame time of the last change, 0 once settled */
  graphene_rect_t  bounds;
} DrsoCanvasTile;

typedef struct
{
  DrsoWaveRun     *wave;        /* owned */
  guint            number;
  DrsoWaveStatus   status;
  GArray          *tiles;       /* of DrsoCanvasTile */
  guint            n_launched;
  guint            n_failed;
  guint            n_optional_failed;
  guint            n_in_progress;
  gint64           estimate;    /* seconds, 0 when unknown */
  gboolean         gate_before; /* the pause gate waits before this wave */

  /* Geometry, in the widget's coordinates */
  graphene_rect_t  bounds;
  graphene_rect_t  gate;
  float            text_y;
} DrsoCanvasLane;

struct _DrsoWaveCanvas
{
  GtkWidget         parent_instance;

  /* Owned references */
  DrsoExecution    *execution;
  GPtrArray        *lanes;      /* of DrsoCanvasLane */
  GArray           *estimates;  /* of gint64, by wave number - 1 */
  GPtrArray        *watched;    /* objects whose signals call back */
  char             *summary;
  char             *accessible_label;

  /* Children */
  GtkWidget        *resume_button;
  DrsoChartPalette  palette;

  /* The lanes as drawn, but for their tiles; NULL when they changed */
  GskRenderNode    *chrome;

  guint             tick_id;
  guint             refresh_idle_id;
  guint             clock_id;

  /* The geometry computed for this width; -1 when it needs computing again */
  int               layout_width;
  int               label_width;
  int               stats_width;
};

/* drso-wave-canvas-model.c */
void     _drso_wave_canvas_lane_free          (gpointer        data);
gint64   _drso_wave_canvas_frame_time         (DrsoWaveCanvas *self);
void     _drso_wave_canvas_update_animation   (DrsoWaveCanvas *self);
void     _drso_wave_canvas_update_clock       (DrsoWaveCanvas *self);
void     _drso_wave_canvas_unwatch_all        (DrsoWaveCanvas *self);

/* drso-wave-canvas-draw.c */
int      _drso_wave_canvas_compute_layout     (DrsoWaveCanvas *self,
                                               int             width,
                                               gboolean        store);
void     _drso_wave_canvas_ensure_layout      (DrsoWaveCanvas *self);
void     _drso_wave_canvas_invalidate         (DrsoWaveCanvas *self);
void     _drso_wave_canvas_measure            (GtkWidget      *widget,
                                               GtkOrientation  orientation,
                                               int             for_size,
                                               int            *minimum,
                                               int            *natural,
                                               int            *minimum_baseline,
                                               int            *natural_baseline);
void     _drso_wave_canvas_snapshot           (GtkWidget      *widget,
                                               GtkSnapshot    *snapshot);

/* drso-wave-canvas-text.c */
void     _drso_wave_canvas_update_summary     (DrsoWaveCanvas *self);
char    *_drso_wave_canvas_dup_gate_text      (DrsoCanvasLane *lane);
char    *_drso_wave_canvas_dup_wave_title     (DrsoCanvasLane *lane);
char    *_drso_wave_canvas_dup_counts_text    (DrsoCanvasLane *lane);
char    *_drso_wave_canvas_dup_failed_text    (DrsoCanvasLane *lane);
char    *_drso_wave_canvas_dup_time_text      (DrsoCanvasLane *lane);
gboolean _drso_wave_canvas_is_over_estimate   (DrsoCanvasLane *lane);
char    *_drso_wave_canvas_format_time_text   (gint64          elapsed,
                                               gint64          estimate,
                                               gboolean        started);
gboolean _drso_wave_canvas_query_tooltip      (GtkWidget      *widget,
                                               int             x,
                                               int             y,
                                               gboolean        keyboard_mode,
                                               GtkTooltip     *tooltip);

G_END_DECLS
