/* drso-execution-format.h
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

/* What the executions page, the page of one execution and the dashboard
 * say the same way: names of types and states, their colours and icons, a
 * status pill, dates, and the measured RTO against a plan's target. */

const char *drso_ui_execution_type_label     (DrsoExecutionType    type);
const char *drso_ui_execution_status_label   (DrsoExecutionStatus  status);
const char *drso_ui_execution_status_class   (DrsoExecutionStatus  status);
const char *drso_ui_execution_status_icon    (DrsoExecutionStatus  status);
const char *drso_ui_wave_status_label        (DrsoWaveStatus       status);
const char *drso_ui_wave_status_class        (DrsoWaveStatus       status);
const char *drso_ui_launch_status_label      (DrsoLaunchStatus     status);
const char *drso_ui_launch_status_class      (DrsoLaunchStatus     status);
const char *drso_ui_launch_status_icon       (DrsoLaunchStatus     status);

GtkWidget  *drso_ui_status_pill_new          (void);
void        drso_ui_status_pill_set          (GtkWidget           *pill,
                                              DrsoExecutionStatus  status);

void        drso_ui_set_state_class          (GtkWidget           *widget,
                                              const char          *css_class);

char       *drso_ui_format_date_time         (gint64               seconds);
char       *drso_ui_format_started           (DrsoExecution       *execution);
char       *drso_ui_describe_progress        (DrsoExecution       *execution);

void        drso_ui_count_servers            (DrsoExecution       *execution,
                                              guint               *launched,
                                              guint               *total);
void        drso_ui_count_wave_servers       (DrsoWaveRun         *wave_run,
                                              guint               *launched,
                                              guint               *total);
gint64      drso_ui_measure_rto              (DrsoExecution       *execution);
char       *drso_ui_format_rto_summary       (gint64               measured,
                                              gint64               target,
                                              gboolean            *within);
char       *drso_ui_format_rto_difference    (gint64               measured,
                                              gint64               target,
                                              gboolean            *within);

G_END_DECLS
