/* drso-executions-page.c
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

#include "drso-executions-page-private.h"

/**
 * DrsoExecutionsPage:
 *
 * The history of executions, newest first, with a search and filters by
 * plan, state and type; a row per execution with its plan, type, state,
 * start, duration and, while it runs, its progress. Activating a row opens
 * the execution's page (a #DrsoExecutionView) in place, with a way back.
 *
 * The list follows the store. While the page shows it refreshes the store
 * every two seconds, for the executions the command line drives.
 */

#define POLL_INTERVAL_S 2

G_DEFINE_FINAL_TYPE (DrsoExecutionsPage, drso_executions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENGINE,
  PROP_EXECUTION_ID,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_timers (DrsoExecutionsPage *self);

static void
update_stack (DrsoExecutionsPage *self)
{
  guint total = g_list_model_get_n_items (self->executions);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  /* Nothing to search or filter before the first execution. */
  gtk_widget_set_visible (self->toolbar, total > 0);
  gtk_widget_set_visible (self->toolbar_separator, total > 0);
  if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (shown == total)
    /* TRANSLATORS: under the list of executions */
    count = g_strdup_printf (ngettext ("%u execution", "%u executions", total), total);
  else
    /* TRANSLATORS: under the list of executions, when a filter hides some */
    count = g_strdup_printf (ngettext ("%u of %u execution", "%u of %u executions", total),
                             shown, total);
  gtk_label_set_label (self->count_label, count);
}

/* Template callbacks */

static void
filters_changed_cb (DrsoExecutionsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t", -1);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  gboolean any = FALSE;

  if (self->rebuilding_plans || self->filter == NULL)
    return;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      g_strv_builder_add (words, parts[i]);
      any = TRUE;
    }
  g_clear_pointer (&self->search_words, g_strfreev);
  if (any)
    self->search_words = g_strv_builder_end (words);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_stack (self);
}

static void
stop_search_cb (DrsoExecutionsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
row_activated_cb (DrsoExecutionsPage *self,
                  GtkListBoxRow      *row)
{
  DrsoExecution *execution = g_object_get_data (G_OBJECT (row), "drso-execution");

  if (execution != NULL)
    drso_executions_page_show_execution (self, drso_execution_get_execution_id (execution));
}

static void
main_stack_changed_cb (DrsoExecutionsPage *self)
{
  update_timers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION_ID]);
}

/* Signal handlers */

static void
executions_changed_cb (DrsoExecutionsPage *self)
{
  _drso_executions_page_rebuild_plans (self);
  update_stack (self);
  update_timers (self);
}

static void
plans_changed_cb (DrsoExecutionsPage *self)
{
  _drso_executions_page_rebuild_plans (self);
}

static void
view_toast_cb (DrsoExecutionsPage *self,
               const char         *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* Timers, while the list shows */

static gboolean
poll_cb (gpointer user_data)
{
  DrsoExecutionsPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_store_refresh (self->store, &error))
    g_debug ("Could not refresh the store: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/* The rows of running executions say how long they have run. */
static gboolean
clock_cb (gpointer user_data)
{
  DrsoExecutionsPage *self = user_data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DrsoExecution *execution = g_object_get_data (G_OBJECT (row), "drso-execution");
      g_autofree char *subtitle = NULL;

      if (execution == NULL ||
          drso_execution_status_is_final (drso_execution_get_status (execution)))
        continue;
      subtitle = _drso_executions_page_describe (execution);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
has_unfinished (DrsoExecutionsPage *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (self->executions, i);

      if (!drso_execution_status_is_final (drso_execution_get_status (execution)))
        return TRUE;
    }
  return FALSE;
}

static void
update_timers (DrsoExecutionsPage *self)
{
  gboolean showing = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                     g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "list") == 0;
  gboolean ticking = showing && has_unfinished (self);

  if (showing && self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (POLL_INTERVAL_S, poll_cb, self);
  else if (!showing)
    g_clear_handle_id (&self->poll_id, g_source_remove);

  if (ticking && self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
  else if (!ticking)
    g_clear_handle_id (&self->clock_id, g_source_remove);
}

/* Actions */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  drso_executions_page_show_list (DRSO_EXECUTIONS_PAGE (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->plan_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, STATE_ALL);
  gtk_drop_down_set_selected (self->type_dropdown, TYPE_ALL);
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "list") != 0)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* GtkWidget */

static void
drso_executions_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (drso_executions_page_parent_class)->map (widget);
  update_timers (DRSO_EXECUTIONS_PAGE (widget));
}

static void
drso_executions_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (drso_executions_page_parent_class)->unmap (widget);
  update_timers (DRSO_EXECUTIONS_PAGE (widget));
}

/* GObject */

static void
drso_executions_page_constructed (GObject *object)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (object);

  G_OBJECT_CLASS (drso_executions_page_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));
  g_assert (DRSO_IS_ENGINE (self->engine));

  self->executions = drso_store_get_executions (self->store);
  self->plans = drso_store_get_recovery_plans (self->store);
  self->filter = gtk_custom_filter_new (_drso_executions_page_filter, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (self->executions),
                                                  GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filter_model), _drso_executions_page_create_row,
                           self, NULL);

  g_signal_connect_object (self->executions, "items-changed", G_CALLBACK (executions_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_stack),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plans, "items-changed", G_CALLBACK (plans_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->view = drso_execution_view_new (self->store, self->engine);
  gtk_widget_set_vexpand (self->view, TRUE);
  g_signal_connect_object (self->view, "toast", G_CALLBACK (view_toast_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->execution_box, self->view);

  _drso_executions_page_rebuild_plans (self);
  update_stack (self);
}

static void
drso_executions_page_dispose (GObject *object)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);

  /* The filter points at this page: someone may still hold the model. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  self->filter = NULL;
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  self->view = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_EXECUTIONS_PAGE);

  g_clear_object (&self->filter_model);
  self->executions = NULL;
  self->plans = NULL;
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drso_executions_page_parent_class)->dispose (object);
}

static void
drso_executions_page_finalize (GObject *object)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (object);

  g_clear_pointer (&self->plan_ids, g_ptr_array_unref);
  g_clear_pointer (&self->search_words, g_strfreev);

  G_OBJECT_CLASS (drso_executions_page_parent_class)->finalize (object);
}

static void
drso_executions_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_EXECUTION_ID:
      g_value_set_string (value, drso_executions_page_get_execution_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_executions_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DrsoExecutionsPage *self = DRSO_EXECUTIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_executions_page_class_init (DrsoExecutionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_executions_page_constructed;
  object_class->dispose = drso_executions_page_dispose;
  object_class->finalize = drso_executions_page_finalize;
  object_class->get_property = drso_executions_page_get_property;
  object_class->set_property = drso_executions_page_set_property;

  widget_class->map = drso_executions_page_map;
  widget_class->unmap = drso_executions_page_unmap;

  /**
   * DrsoExecutionsPage:store:
   *
   * The store whose executions the page lists.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoExecutionsPage:engine:
   *
   * The engine the page of an execution controls it with.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, DRSO_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoExecutionsPage:execution-id:
   *
   * The id of the execution whose page shows, or %NULL while the list shows.
   */
  properties[PROP_EXECUTION_ID] =
    g_param_spec_string ("execution-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoExecutionsPage::toast:
   * @self: a #DrsoExecutionsPage
   * @message: what to tell
   *
   * Emitted when something finished or failed that the user should hear
   * of, such as a control of an execution: "Execution cancelled".
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/drso-executions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, plan_names);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionsPage, execution_box);
  /* Without a field, for gtk_widget_get_template_child() in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "plans_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, main_stack_changed_cb);

  gtk_widget_class_install_action (widget_class, "executions.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "executions.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "executions.back", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
}

static void
drso_executions_page_init (DrsoExecutionsPage *self)
{
  self->plan_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * drso_executions_page_new:
 * @store: the store whose executions to list
 * @engine: the engine to control them with
 *
 * Returns: (transfer floating): a new #DrsoExecutionsPage
 */
GtkWidget *
drso_executions_page_new (DrsoStore  *store,
                          DrsoEngine *engine)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (DRSO_IS_ENGINE (engine), NULL);

  return g_object_new (DRSO_TYPE_EXECUTIONS_PAGE, "store", store, "engine", engine, NULL);
}

/**
 * drso_executions_page_get_store:
 * @self: a #DrsoExecutionsPage
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_executions_page_get_store (DrsoExecutionsPage *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTIONS_PAGE (self), NULL);
  return self->store;
}

/**
 * drso_executions_page_get_engine:
 * @self: a #DrsoExecutionsPage
 *
 * Returns: (transfer none): the engine
 */
DrsoEngine *
drso_executions_page_get_engine (DrsoExecutionsPage *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTIONS_PAGE (self), NULL);
  return self->engine;
}

/**
 * drso_executions_page_show_execution:
 * @self: a #DrsoExecutionsPage
 * @execution_id: an execution's id
 *
 * Shows the page of the execution @execution_id in place of the list.
 */
void
drso_executions_page_show_execution (DrsoExecutionsPage *self,
                                     const char         *execution_id)
{
  g_return_if_fail (DRSO_IS_EXECUTIONS_PAGE (self));
  g_return_if_fail (execution_id != NULL);

  drso_execution_view_set_execution_id (DRSO_EXECUTION_VIEW (self->view), execution_id);
  gtk_stack_set_visible_child_name (self->main_stack, "execution");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION_ID]);
}

/**
 * drso_executions_page_show_list:
 * @self: a #DrsoExecutionsPage
 *
 * Shows the list of executions again.
 */
void
drso_executions_page_show_list (DrsoExecutionsPage *self)
{
  g_return_if_fail (DRSO_IS_EXECUTIONS_PAGE (self));
  gtk_stack_set_visible_child_name (self->main_stack, "list");
}

/**
 * drso_executions_page_get_execution_id:
 * @self: a #DrsoExecutionsPage
 *
 * Returns: (nullable): the id of the execution whose page shows, %NULL
 *   while the list shows
 */
const char *
drso_executions_page_get_execution_id (DrsoExecutionsPage *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTIONS_PAGE (self), NULL);

  if (self->main_stack == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "execution") != 0)
    return NULL;
  return drso_execution_view_get_execution_id (DRSO_EXECUTION_VIEW (self->view));
}

/**
 * drso_executions_page_get_view:
 * @self: a #DrsoExecutionsPage
 *
 * Returns: (transfer none): the page of one execution
 */
DrsoExecutionView *
drso_executions_page_get_view (DrsoExecutionsPage *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTIONS_PAGE (self), NULL);
  return DRSO_EXECUTION_VIEW (self->view);
}
