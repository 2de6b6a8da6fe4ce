/* drso-executions-page-private.h
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

#include "drso-executions-page.h"

G_BEGIN_DECLS

/* Shared by drso-executions-page.c (the page, its states, timers and
 * actions) and drso-executions-page-list.c (the filters and the rows). */

/* The choices of the state filter, in the order of the .ui's string list. */
enum {
  STATE_ALL,
  STATE_UNFINISHED,
  STATE_PAUSED,
  STATE_COMPLETED,
  STATE_FAILED,
  STATE_CANCELLED,
};

/* The choices of the type filter. */
enum {
  TYPE_ALL,
  TYPE_DRILLS,
  TYPE_RECOVERIES,
};

struct _DrsoExecutionsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *main_stack;
  GtkWidget          *toolbar;
  GtkWidget          *toolbar_separator;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *plan_dropdown;
  GtkStringList      *plan_names;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *type_dropdown;
  GtkStack           *list_stack;
  GtkListBox         *list_box;
  GtkLabel           *count_label;
  GtkBox             *execution_box;

  /* Built in code */
  GtkWidget          *view;

  /* Owned references */
  DrsoStore          *store;
  DrsoEngine         *engine;
  GtkFilterListModel *filter_model;
  GPtrArray          *plan_ids;       /* of the plan filter's items; [0] is NULL */
  char              **search_words;

  /* Borrowed references */
  GListModel         *executions;
  GListModel         *plans;
  GtkCustomFilter    *filter;         /* belongs to filter_model */

  guint               poll_id;
  guint               clock_id;
  guint               rebuilding_plans : 1;
};

gboolean   _drso_executions_page_filter         (gpointer            item,
                                                gpointer            user_data);
void       _drso_executions_page_rebuild_plans  (DrsoExecutionsPage *self);
char      *_drso_executions_page_describe       (DrsoExecution      *execution);
GtkWidget *_drso_executions_page_create_row     (gpointer            item,
                                                gpointer            user_data);

G_END_DECLS
