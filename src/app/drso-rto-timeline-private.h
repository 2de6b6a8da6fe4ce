/* drso-rto-timeline-private.h
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
#include "drso-rto-timeline.h"

G_BEGIN_DECLS

/* Shared by drso-rto-timeline.c (the model, the description, tooltips and
 * the API) and drso-rto-timeline-draw.c (geometry and drawing). */

#define DRSO_RTO_N_PHASES    3
#define DRSO_RTO_ROW_HEIGHT 24

typedef struct
{
  DrsoServerRun   *server;     /* owned */
  gint64           start[DRSO_RTO_N_PHASES];
  gint64           end[DRSO_RTO_N_PHASES];
  gint64           ready;      /* when its last phase ended, 0 when none did */
  graphene_rect_t  bounds;
} DrsoTimelineRow;

typedef struct
{
  guint   number;
  char   *name;
  GArray *rows;                /* of DrsoTimelineRow */
  gint64  ready;               /* when its last launched server was up, 0 when none */
  float   header_y;
} DrsoTimelineWave;

struct _DrsoRtoTimeline
{
  GtkWidget         parent_instance;

  /* Owned references */
  DrsoExecution    *execution;
  GPtrArray        *waves;     /* of DrsoTimelineWave */
  char             *summary;
  DrsoChartPalette  palette;

  gint64            target;    /* seconds, 0 for none */
  gint64            origin;    /* microseconds since 1970 */
  gint64            ready;     /* microseconds since 1970, 0 when nothing launched */
  gint64            last_end;  /* the end of the last phase of any server */

  /* Geometry */
  int               name_width;
  int               line_height;
  float             plot_x;
  float             plot_width;
  float             plot_top;
  float             plot_bottom;
  gint64            span;      /* microseconds the plot's width stands for */
  gint64            step;      /* microseconds between two ticks */
};

const char *_drso_rto_timeline_get_phase_name   (guint            phase);
int         _drso_rto_timeline_compute_layout   (DrsoRtoTimeline *self,
                                                 int              width,
                                                 gboolean         store);
void        _drso_rto_timeline_measure          (GtkWidget       *widget,
                                                 GtkOrientation   orientation,
                                                 int              for_size,
                                                 int             *minimum,
                                                 int             *natural,
                                                 int             *minimum_baseline,
                                                 int             *natural_baseline);
void        _drso_rto_timeline_snapshot         (GtkWidget       *widget,
                                                 GtkSnapshot     *snapshot);

G_END_DECLS
