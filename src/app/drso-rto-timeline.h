/* drso-rto-timeline.h
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

#define DRSO_TYPE_RTO_TIMELINE (drso_rto_timeline_get_type ())

G_DECLARE_FINAL_TYPE (DrsoRtoTimeline, drso_rto_timeline, DRSO, RTO_TIMELINE, GtkWidget)

GtkWidget     *drso_rto_timeline_new           (void);
DrsoExecution *drso_rto_timeline_get_execution (DrsoRtoTimeline *self);
void           drso_rto_timeline_set_execution (DrsoRtoTimeline *self,
                                                DrsoExecution   *execution);
gint64         drso_rto_timeline_get_target    (DrsoRtoTimeline *self);
void           drso_rto_timeline_set_target    (DrsoRtoTimeline *self,
                                                gint64           seconds);
char          *drso_rto_timeline_dup_summary   (DrsoRtoTimeline *self);

G_END_DECLS
