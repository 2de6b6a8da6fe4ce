/* drso-servers-page-private.h
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

#include "drso-paced-list-model.h"
#include "drso-servers-page.h"

G_BEGIN_DECLS

/* The source servers page is written in four files: drso-servers-page.c
 * (the widget and its models), -filters.c (the search and the filters),
 * -discovery.c (discovery of the store's accounts) and -columns.c (how a
 * server reads in each column, and sorts). */

struct _DrsoServersPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkWidget           *toolbar;
  GtkWidget           *toolbar_separator;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *account_dropdown;
  GtkDropDown         *region_dropdown;
  GtkDropDown         *state_dropdown;
  GtkRevealer         *progress_revealer;
  GtkSpinner          *progress_spinner;
  GtkLabel            *progress_label;
  GtkLabel            *progress_detail_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *stack;
  AdwStatusPage       *empty_status;
  AdwStatusPage       *no_match_status;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *hostname_column;
  GtkColumnViewColumn *account_column;
  GtkColumnViewColumn *region_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *lag_column;
  GtkColumnViewColumn *last_launch_column;
  GtkColumnViewColumn *tags_column;
  GtkWidget           *footer;
  GtkLabel            *count_label;

  /* Owned references */
  DrsoStore           *store;
  DrsoAwsClient       *client;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  DrsoPacedListModel  *paced_model;
  GHashTable          *account_names;     /* account id → name */
  GPtrArray           *account_values;    /* of the account filter's items; [0] is NULL */
  GPtrArray           *region_values;     /* of the region filter's items; [0] is NULL */
  GPtrArray           *state_values;      /* of the state filter's items; [0] is NULL */
  char               **search_words;
  char                *account_value;
  char                *region_value;
  char                *state_value;
  GCancellable        *cancellable;
  GPtrArray           *jobs;
  DrsoDiscovery       *discovery;

  /* Borrowed references (the filters belong to the filter model) */
  GListModel          *servers;
  GListModel          *accounts;
  GtkCustomFilter     *search_filter;
  GtkCustomFilter     *account_filter;
  GtkCustomFilter     *region_filter;
  GtkCustomFilter     *state_filter;

  guint                scroll_tick;
  guint                job_index;
  guint                n_found;
  guint                n_succeeded;
  guint                rebuilding_filters : 1;
};

/* drso-servers-page.c */
void                _drso_servers_page_emit_toast          (DrsoServersPage    *self,
                                                            const char         *message);
void                _drso_servers_page_notify_discovering  (DrsoServersPage    *self);
void                _drso_servers_page_update_view         (DrsoServersPage    *self);
void                _drso_servers_page_scroll_to_top       (DrsoServersPage    *self);

/* drso-servers-page-filters.c */
GtkFilter          *_drso_servers_page_create_filter       (DrsoServersPage    *self);
void                _drso_servers_page_clear_filter        (DrsoServersPage    *self);
void                _drso_servers_page_apply_search        (DrsoServersPage    *self);
void                _drso_servers_page_apply_dropdown      (DrsoServersPage    *self,
                                                            GtkDropDown        *dropdown);
void                _drso_servers_page_set_up_dropdown     (GtkDropDown        *dropdown);
void                _drso_servers_page_set_up_state_filter (DrsoServersPage    *self);
void                _drso_servers_page_rebuild_account_filter (DrsoServersPage *self);
void                _drso_servers_page_rebuild_region_filter (DrsoServersPage  *self);

/* drso-servers-page-discovery.c */
void                _drso_servers_page_set_discovering     (DrsoServersPage    *self,
                                                            gboolean            discovering);
void                _drso_servers_page_start_discovery     (DrsoServersPage    *self);
void                _drso_servers_page_cancel_discovery    (DrsoServersPage    *self);

/* drso-servers-page-columns.c: how a server reads in each column, how each
 * sorts, and what the search looks at. The account column names accounts
 * through a table of account id to name that the page keeps up to date. */

typedef enum
{
  DRSO_SERVER_COLUMN_HOSTNAME,
  DRSO_SERVER_COLUMN_ACCOUNT,
  DRSO_SERVER_COLUMN_REGION,
  DRSO_SERVER_COLUMN_STATE,
  DRSO_SERVER_COLUMN_LAG,
  DRSO_SERVER_COLUMN_LAST_LAUNCH,
  DRSO_SERVER_COLUMN_TAGS,
  DRSO_N_SERVER_COLUMNS
} DrsoServerColumn;

/* How much a replication state needs someone's attention. */
typedef enum
{
  DRSO_SERVER_HEALTH_PROBLEM,
  DRSO_SERVER_HEALTH_WARNING,
  DRSO_SERVER_HEALTH_BUSY,
  DRSO_SERVER_HEALTH_HEALTHY,
  DRSO_SERVER_HEALTH_UNKNOWN,
} DrsoServerHealth;

const char * const *_drso_servers_page_list_states       (void);
char               *_drso_servers_page_dup_state_label   (const char         *state);
DrsoServerHealth    _drso_servers_page_get_state_health  (const char         *state);
gboolean            _drso_servers_page_needs_attention   (DrsoSourceServer   *server);
char               *_drso_servers_page_format_lag        (gint64              seconds);
char               *_drso_servers_page_format_last_launch (DrsoSourceServer  *server);
const char         *_drso_servers_page_get_tags_text     (DrsoSourceServer   *server);
char              **_drso_servers_page_split_search      (const char         *text);
gboolean            _drso_servers_page_match_search      (DrsoSourceServer   *server,
                                                          const char * const *words);
GtkListItemFactory *_drso_servers_page_cell_factory_new  (DrsoServerColumn    column,
                                                          GHashTable         *account_names);
GtkSorter          *_drso_servers_page_sorter_new        (DrsoServerColumn    column,
                                                          GHashTable         *account_names);

G_END_DECLS
