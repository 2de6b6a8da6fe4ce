/* drso-servers-page.c
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

#include "drso-servers-page-private.h"

/**
 * DrsoServersPage:
 *
 * The source servers the store knows, in a sortable table, with a search,
 * filters by account, region and replication state, and discovery of every
 * account's servers (the `servers.refresh` action).
 *
 * The page reports what discovery found, and why it failed, with
 * #DrsoServersPage::toast; the window shows these as toasts.
 *
 * This file holds the widget and its models; drso-servers-page-columns.c
 * the cells and sorters, drso-servers-page-filters.c the search and the
 * filters, drso-servers-page-discovery.c the discovery.
 */

G_DEFINE_FINAL_TYPE (DrsoServersPage, drso_servers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_DISCOVERING,
  N_PROPS
};

enum {
  TOAST,
  SERVER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static guint
get_n_servers (DrsoServersPage *self)
{
  return self->servers ? g_list_model_get_n_items (self->servers) : 0;
}

void
_drso_servers_page_update_view (DrsoServersPage *self)
{
  guint total = get_n_servers (self);
  guint shown = self->filter_model ? g_list_model_get_n_items (G_LIST_MODEL (self->filter_model))
                                   : 0;
  gboolean pending = self->filter_model &&
                     (gtk_filter_list_model_get_pending (self->filter_model) > 0 ||
                      drso_paced_list_model_get_pending (self->paced_model));
  g_autofree char *count = NULL;

  if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0 && !pending)
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  gtk_widget_set_visible (self->toolbar, total > 0);
  gtk_widget_set_visible (self->toolbar_separator, total > 0);
  gtk_widget_set_visible (self->footer, total > 0);

  if (shown == total)
    /* TRANSLATORS: below the table of source servers when none is filtered out. */
    count = g_strdup_printf (ngettext ("%u server", "%u servers", total), total);
  else
    /* TRANSLATORS: below the table of source servers: how many the search and
     * filters show, of how many. */
    count = g_strdup_printf (ngettext ("%u of %u server", "%u of %u servers", total),
                             shown, total);
  gtk_label_set_text (self->count_label, count);
}

/* After a change of the search or filters, the first rows show, also while
 * the filter adds rows above the one at the top: at the start of the next
 * frames until the filter is done. The frame clock calls this outside of
 * any change of the models. */
static gboolean
scroll_to_top_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (widget);

  /* The column view scrolls with the list view inside it. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child) &&
          g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
    }

  if (gtk_filter_list_model_get_pending (self->filter_model) > 0 ||
      drso_paced_list_model_get_pending (self->paced_model))
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

void
_drso_servers_page_scroll_to_top (DrsoServersPage *self)
{
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_top_cb,
                                                      NULL, NULL);
}

/* The rows the column view keeps widgets for start about where it shows. */
static void
scrolled_cb (DrsoServersPage *self,
             GtkAdjustment   *adjustment)
{
  double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->paced_model));
  guint first = 0;

  if (upper > 0)
    first = (guint) (n_rows * (gtk_adjustment_get_value (adjustment) -
                               gtk_adjustment_get_lower (adjustment)) / upper);
  drso_paced_list_model_set_hot_rows (self->paced_model, first + 260);
}

/* Callbacks */

static void
servers_changed_cb (DrsoServersPage *self)
{
  _drso_servers_page_rebuild_region_filter (self);
  _drso_servers_page_update_view (self);
}

static void
accounts_changed_cb (DrsoServersPage *self)
{
  _drso_servers_page_rebuild_account_filter (self);
  _drso_servers_page_rebuild_region_filter (self);
}

static void
search_changed_cb (DrsoServersPage *self)
{
  _drso_servers_page_apply_search (self);
}

static void
stop_search_cb (DrsoServersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filter_dropdown_changed_cb (DrsoServersPage *self,
                            GParamSpec      *pspec,
                            GtkDropDown     *dropdown)
{
  if (!self->rebuilding_filters && self->state_values != NULL)
    _drso_servers_page_apply_dropdown (self, dropdown);
}

static void
column_view_activate_cb (DrsoServersPage *self,
                         guint            position,
                         GtkColumnView   *column_view)
{
  g_autoptr(DrsoSourceServer) server = NULL;

  server = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (column_view)),
                                  position);
  if (server != NULL)
    g_signal_emit (self, signals[SERVER_ACTIVATED], 0, server);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _drso_servers_page_start_discovery (DRSO_SERVERS_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (widget);

  _drso_servers_page_cancel_discovery (self);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Now, rather than after the search entry's delay. */
  _drso_servers_page_apply_search (self);
  gtk_drop_down_set_selected (self->account_dropdown, 0);
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (widget);

  if (!gtk_widget_get_visible (self->toolbar))
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* GObject overrides */

static void
drso_servers_page_constructed (GObject *object)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (object);
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkSorter *sorter;

  G_OBJECT_CLASS (drso_servers_page_parent_class)->constructed (object);

  _drso_servers_page_set_up_state_filter (self);

  if (self->store == NULL)
    {
      g_critical ("A DrsoServersPage needs a store");
      _drso_servers_page_update_view (self);
      _drso_servers_page_set_discovering (self, FALSE);
      return;
    }

  self->servers = drso_store_get_source_servers (self->store);
  self->accounts = drso_store_get_accounts (self->store);

  /* Sorting by a column happens at once, when the column or the servers
   * change, not as the search does; filtering looks at 10,000 servers in
   * slices between frames; the rows change on screen a few at a time (see
   * DrsoPacedListModel). */
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (g_object_ref (self->servers),
                                              sorter ? g_object_ref (sorter) : NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  _drso_servers_page_create_filter (self));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->paced_model = drso_paced_list_model_new (G_LIST_MODEL (self->filter_model));
  drso_paced_list_model_set_widget (self->paced_model, GTK_WIDGET (self->column_view));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->paced_model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->servers, "items-changed",
                           G_CALLBACK (servers_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accounts, "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (_drso_servers_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (_drso_servers_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->paced_model, "notify::pending",
                           G_CALLBACK (_drso_servers_page_update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);

  _drso_servers_page_rebuild_account_filter (self);
  _drso_servers_page_rebuild_region_filter (self);
  _drso_servers_page_update_view (self);
  _drso_servers_page_set_discovering (self, FALSE);
}

static void
drso_servers_page_dispose (GObject *object)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (object);
  gpointer sources[] = {
    self->servers, self->accounts, self->filter_model, self->paced_model,
    self->column_view ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view))
                      : NULL,
  };

  /* Nothing that follows reaches the widgets going away here. */
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      if (sources[i] != NULL)
        g_signal_handlers_disconnect_by_data (sources[i], self);
    }

  _drso_servers_page_cancel_discovery (self);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  _drso_servers_page_clear_filter (self);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_SERVERS_PAGE);

  g_clear_object (&self->paced_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  self->servers = NULL;
  self->accounts = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (drso_servers_page_parent_class)->dispose (object);
}

static void
drso_servers_page_finalize (GObject *object)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (object);

  g_assert (self->jobs == NULL);
  g_assert (self->discovery == NULL);

  g_clear_pointer (&self->account_names, g_hash_table_unref);
  g_clear_pointer (&self->account_values, g_ptr_array_unref);
  g_clear_pointer (&self->region_values, g_ptr_array_unref);
  g_clear_pointer (&self->state_values, g_ptr_array_unref);
  g_clear_pointer (&self->search_words, g_strfreev);
  g_clear_pointer (&self->account_value, g_free);
  g_clear_pointer (&self->region_value, g_free);
  g_clear_pointer (&self->state_value, g_free);

  G_OBJECT_CLASS (drso_servers_page_parent_class)->finalize (object);
}

static void
drso_servers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_DISCOVERING:
      g_value_set_boolean (value, drso_servers_page_get_discovering (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_servers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DrsoServersPage *self = DRSO_SERVERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_servers_page_class_init (DrsoServersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_servers_page_constructed;
  object_class->dispose = drso_servers_page_dispose;
  object_class->finalize = drso_servers_page_finalize;
  object_class->get_property = drso_servers_page_get_property;
  object_class->set_property = drso_servers_page_set_property;

  /**
   * DrsoServersPage:store:
   *
   * The store whose source servers the page shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoServersPage:client:
   *
   * The AWS client discovery sends with, or %NULL for the default one.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DRSO_TYPE_AWS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoServersPage:discovering:
   *
   * Whether a discovery started by `servers.refresh` is running.
   */
  properties[PROP_DISCOVERING] =
    g_param_spec_boolean ("discovering", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoServersPage::toast:
   * @self: a #DrsoServersPage
   * @message: what to tell
   *
   * Emitted when something finished or failed that the user should hear
   * of, such as a discovery: "Found 48 servers".
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DrsoServersPage::server-activated:
   * @self: a #DrsoServersPage
   * @server: the #DrsoSourceServer of the row
   *
   * Emitted when a row is activated (double click or Enter).
   */
  signals[SERVER_ACTIVATED] =
    g_signal_new ("server-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, DRSO_TYPE_SOURCE_SERVER);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/drso/Orchestrator/ui/drso-servers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, account_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, progress_detail_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, no_match_status);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, hostname_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, account_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, region_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, state_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, lag_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, last_launch_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, tags_column);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, footer);
  gtk_widget_class_bind_template_child (widget_class, DrsoServersPage, count_label);
  /* Without a field, for gtk_widget_get_template_child() in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "discover_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_dropdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "servers.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "servers.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "servers.clear-filters", NULL,
                                   clear_filters_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "servers.refresh", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
}

static void
drso_servers_page_init (DrsoServersPage *self)
{
  GtkColumnViewColumn *columns[DRSO_N_SERVER_COLUMNS];

  self->account_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  columns[DRSO_SERVER_COLUMN_HOSTNAME] = self->hostname_column;
  columns[DRSO_SERVER_COLUMN_ACCOUNT] = self->account_column;
  columns[DRSO_SERVER_COLUMN_REGION] = self->region_column;
  columns[DRSO_SERVER_COLUMN_STATE] = self->state_column;
  columns[DRSO_SERVER_COLUMN_LAG] = self->lag_column;
  columns[DRSO_SERVER_COLUMN_LAST_LAUNCH] = self->last_launch_column;
  columns[DRSO_SERVER_COLUMN_TAGS] = self->tags_column;
  for (guint i = 0; i < DRSO_N_SERVER_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = NULL;
      g_autoptr(GtkSorter) sorter = _drso_servers_page_sorter_new (i, self->account_names);

      factory = _drso_servers_page_cell_factory_new (i, self->account_names);
      gtk_column_view_column_set_factory (columns[i], factory);
      gtk_column_view_column_set_sorter (columns[i], sorter);
    }

  _drso_servers_page_set_up_dropdown (self->account_dropdown);
  _drso_servers_page_set_up_dropdown (self->region_dropdown);
  _drso_servers_page_set_up_dropdown (self->state_dropdown);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/* Internal API */

void
_drso_servers_page_emit_toast (DrsoServersPage *self,
                               const char      *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

void
_drso_servers_page_notify_discovering (DrsoServersPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOVERING]);
}

/* Public API */

/**
 * drso_servers_page_new:
 * @store: the store whose source servers to show
 * @client: (nullable): the AWS client for discovery, or %NULL for the default
 *
 * Returns: (transfer floating): a new #DrsoServersPage
 */
GtkWidget *
drso_servers_page_new (DrsoStore     *store,
                       DrsoAwsClient *client)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || DRSO_IS_AWS_CLIENT (client), NULL);

  return g_object_new (DRSO_TYPE_SERVERS_PAGE, "store", store, "client", client, NULL);
}

/**
 * drso_servers_page_get_store:
 * @self: a #DrsoServersPage
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_servers_page_get_store (DrsoServersPage *self)
{
  g_return_val_if_fail (DRSO_IS_SERVERS_PAGE (self), NULL);
  return self->store;
}

/**
 * drso_servers_page_get_client:
 * @self: a #DrsoServersPage
 *
 * Returns: (transfer none) (nullable): the AWS client, or %NULL for the
 *   default one
 */
DrsoAwsClient *
drso_servers_page_get_client (DrsoServersPage *self)
{
  g_return_val_if_fail (DRSO_IS_SERVERS_PAGE (self), NULL);
  return self->client;
}

/**
 * drso_servers_page_get_discovering:
 * @self: a #DrsoServersPage
 *
 * Returns: whether a discovery is running
 */
gboolean
drso_servers_page_get_discovering (DrsoServersPage *self)
{
  g_return_val_if_fail (DRSO_IS_SERVERS_PAGE (self), FALSE);
  return self->jobs != NULL;
}
