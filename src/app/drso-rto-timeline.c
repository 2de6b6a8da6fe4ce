/* drso-rto-timeline.c
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

#include "drso-rto-timeline.h"

struct _DrsoRtoTimeline
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (DrsoRtoTimeline, drso_rto_timeline, GTK_TYPE_WIDGET)

static void
drso_rto_timeline_class_init (DrsoRtoTimelineClass *klass)
{
}

static void
drso_rto_timeline_init (DrsoRtoTimeline *self)
{
}

GtkWidget *
drso_rto_timeline_new (void)
{
  return g_object_new (DRSO_TYPE_RTO_TIMELINE, NULL);
}
