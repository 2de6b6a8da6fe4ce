/* drso-dashboard-page-private.h
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

#include "drso-dashboard-page.h"

G_BEGIN_DECLS

/* Shared by drso-dashboard-page.c (the lists and when they change),
 * drso-dashboard-readiness.c (the plans' readiness checks) and
 * drso-dashboard-rows.c (what each row shows). */

/* What the last readiness check of a plan found. */
typedef struct
{
  DrsoReadinessVerdict  verdict;
  guint                 n_blockers;
  guint                 n_warnings;
  char                 *message;     /* the first blocker, else the first warning, or the
                                      * error when the check failed */
  gboolean              failed;
  gint64                checked;     /* monotonic µs */
} DrsoPlanReadiness;

struct _DrsoDashboardPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkListBox         *running_list;
  GtkListBox         *attention_list;
  GtkListBox         *drills_list;

  /* Owned references */
  DrsoStore          *store;
  DrsoEngine         *engine;
  DrsoAwsClient      *client;
  GtkFilterListModel *running_model;
  GHashTable         *readiness;     /* plan id → DrsoPlanReadiness */
  GHashTable         *resuming;      /* execution ids whose Resume is under way */
  GCancellable       *cancellable;
  DrsoReadiness      *checking;
  char               *checking_plan_id;

  /* Borrowed references */
  GListModel         *executions;
  GListModel         *plans;
  GListModel         *servers;
  GtkCustomFilter    *running_filter; /* belongs to running_model */

  guint               rebuild_id;
  guint               poll_id;
  guint               readiness_id;
};

/* drso-dashboard-page.c */
void       _drso_dashboard_page_emit_toast   (DrsoDashboardPage *self,
                                              const char        *message);
void       _drso_dashboard_page_queue_rebuild (DrsoDashboardPage *self);

/* drso-dashboard-readiness.c */
void       _drso_dashboard_plan_readiness_free (gpointer        data);
void       _drso_dashboard_check_next_plan   (DrsoDashboardPage *self);

/* drso-dashboard-rows.c */
GtkWidget *_drso_dashboard_running_row_new   (DrsoDashboardPage *self,
                                              DrsoExecution     *execution);
void       _drso_dashboard_add_plan_rows     (DrsoDashboardPage *self);
void       _drso_dashboard_add_server_rows   (DrsoDashboardPage *self);
GtkWidget *_drso_dashboard_drill_row_new     (DrsoExecution     *execution,
                                              DrsoRecoveryPlan  *plan);

G_END_DECLS
