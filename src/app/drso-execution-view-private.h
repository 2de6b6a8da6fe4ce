/* drso-execution-view-private.h
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

#include "drso-execution-view.h"
#include "drso-rto-timeline.h"
#include "drso-wave-canvas.h"

G_BEGIN_DECLS

/* Shared by drso-execution-view.c (reading the execution, refreshes and
 * layout), drso-execution-view-refresh.c (following it, and its header),
 * drso-execution-view-actions.c (its controls), drso-execution-view-log.c
 * (the event log) and drso-execution-view-waves.c (the list of waves and
 * servers, and the RTO summary). */

struct _DrsoExecutionView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  AdwStatusPage      *missing_status;
  GtkScrolledWindow  *scroller;
  GtkLabel           *type_label;
  GtkLabel           *title_label;
  GtkBox             *status_box;
  GtkLabel           *subtitle_label;
  GtkWidget          *pause_button;
  GtkWidget          *resume_button;
  GtkWidget          *retry_button;
  GtkWidget          *skip_button;
  GtkWidget          *cancel_button;
  GtkWidget          *terminate_button;
  GtkLabel           *problems_label;
  GtkWidget          *rto_box;
  GtkImage           *rto_icon;
  GtkLabel           *rto_label;
  DrsoRtoTimeline    *rto_timeline;
  GtkBox             *content_box;
  GtkToggleButton    *list_toggle;
  GtkStack           *waves_stack;
  DrsoWaveCanvas     *canvas;
  GtkListBox         *waves_list;
  GtkWidget          *log_box;
  GtkDropDown        *kind_dropdown;
  GtkSearchEntry     *log_search;
  GtkStack           *log_stack;
  GtkScrolledWindow  *log_scroller;
  GtkListView        *log_view;

  /* Built in code */
  GtkWidget          *status_pill;

  /* Owned references */
  DrsoStore          *store;
  DrsoEngine         *engine;
  char               *execution_id;
  DrsoExecution      *execution;
  DrsoRecoveryPlan   *plan;
  GListStore         *events;
  GtkFilterListModel *events_filtered;
  GCancellable       *cancellable;
  GPtrArray          *wave_rows;       /* AdwExpanderRow, one per wave */
  GPtrArray          *server_rows;     /* AdwActionRow, every server of every wave */
  char              **search_words;
  GtkWidget          *dialog;          /* the confirmation shown, if any */

  /* Borrowed references */
  GtkCustomFilter    *event_filter;    /* belongs to events_filtered */

  gint64              last_event_id;
  gint64              last_refresh;    /* monotonic µs */
  guint               throttle_id;
  guint               poll_id;
  guint               clock_id;
  guint               layout_id;
  guint               busy : 1;
  guint               terminating : 1;
  guint               log_follow : 1;
  guint               list_dirty : 1;
};

/* drso-execution-view.c */
void  _drso_execution_view_emit_toast      (DrsoExecutionView *self,
                                            const char        *message);

/* drso-execution-view-refresh.c */
void  _drso_execution_view_watch           (DrsoExecutionView *self);
void  _drso_execution_view_reload          (DrsoExecutionView *self);
void  _drso_execution_view_update_timers   (DrsoExecutionView *self);
void  _drso_execution_view_update_header   (DrsoExecutionView *self);
void  _drso_execution_view_load_plan       (DrsoExecutionView *self);

/* drso-execution-view-actions.c */
void  _drso_execution_view_class_init_actions (GtkWidgetClass *widget_class);
void  _drso_execution_view_init_actions    (DrsoExecutionView *self);
void  _drso_execution_view_update_actions  (DrsoExecutionView *self);
void  _drso_execution_view_request         (DrsoExecutionView *self,
                                            DrsoEngineControl  control);
void  _drso_execution_view_close_dialog    (DrsoExecutionView *self);

/* drso-execution-view-log.c */
void  _drso_execution_view_init_log        (DrsoExecutionView *self);
void  _drso_execution_view_clear_log       (DrsoExecutionView *self);
void  _drso_execution_view_load_events     (DrsoExecutionView *self);
void  _drso_execution_view_update_log_filter (DrsoExecutionView *self);
void  _drso_execution_view_dispose_log     (DrsoExecutionView *self);

/* drso-execution-view-waves.c */
void  _drso_execution_view_update_waves_list (DrsoExecutionView *self);
void  _drso_execution_view_clear_waves_list  (DrsoExecutionView *self);
void  _drso_execution_view_update_rto        (DrsoExecutionView *self);

G_END_DECLS
