/* drso-dashboard-page.c
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

#include "drso-dashboard-page-private.h"

/**
 * DrsoDashboardPage:
 *
 * What an operator looks at first: the executions running now, each with
 * a strip of its waves and, when it waits for approval, a Resume button;
 * what needs attention (plans whose readiness check found problems, servers
 * whose replication stalled or is more than an hour behind); and the last
 * completed drill of each plan with its measured RTO against the target.
 *
 * While the page shows, it checks each plan's readiness at most once a
 * minute (one plan at a time) and refreshes the store every two seconds,
 * for the executions the command line drives. Activating a running
 * execution or a drill activates `app.show-execution`; a plan or a server
 * activates `win.show-section`.
 */

G_DEFINE_FINAL_TYPE (DrsoDashboardPage, drso_dashboard_page, ADW_TYPE_BIN)

#define REBUILD_DELAY_MS   250
#define POLL_INTERVAL_S    2

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENGINE,
  PROP_CLIENT,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_drso_dashboard_page_emit_toast (DrsoDashboardPage *self,
                                 const char        *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* The lists */

static gboolean
filter_running (gpointer item,
                gpointer user_data)
{
  return !drso_execution_status_is_final (drso_execution_get_status (item));
}

static GtkWidget *
create_running_row (gpointer item,
                    gpointer user_data)
{
  return _drso_dashboard_running_row_new (user_data, item);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  /* The placeholder is not a child the list box lists. */
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
rebuild_drills (DrsoDashboardPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  clear_list (self->drills_list);
  /* Newest first: the first completed drill of a plan is its last. */
  for (guint i = 0; i < g_list_model_get_n_items (self->executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (self->executions, i);
      g_autoptr(DrsoRecoveryPlan) plan = NULL;
      const char *plan_id = drso_execution_get_plan_id (execution);

      if (drso_execution_get_execution_type (execution) != DRSO_EXECUTION_TYPE_DRILL ||
          drso_execution_get_status (execution) != DRSO_EXECUTION_STATUS_COMPLETED ||
          plan_id == NULL || g_hash_table_contains (seen, plan_id))
        continue;
      g_hash_table_add (seen, (gpointer) plan_id);

      for (guint j = 0; plan == NULL && j < g_list_model_get_n_items (self->plans); j++)
        {
          g_autoptr(DrsoRecoveryPlan) candidate = g_list_model_get_item (self->plans, j);

          if (g_strcmp0 (drso_recovery_plan_get_plan_id (candidate), plan_id) == 0)
            plan = g_steal_pointer (&candidate);
        }
      /* A deleted plan has no target to measure against. */
      if (plan == NULL)
        continue;
      gtk_list_box_append (self->drills_list, _drso_dashboard_drill_row_new (execution, plan));
    }
}

static void
rebuild (DrsoDashboardPage *self)
{
  gboolean empty = g_list_model_get_n_items (self->plans) == 0 &&
                   g_list_model_get_n_items (self->executions) == 0;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "dashboard");

  clear_list (self->attention_list);
  _drso_dashboard_add_plan_rows (self);
  _drso_dashboard_add_server_rows (self);
  rebuild_drills (self);
}

static gboolean
rebuild_cb (gpointer user_data)
{
  DrsoDashboardPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* The store changes often while an execution runs: rebuild a little later,
 * once for many changes. */
void
_drso_dashboard_page_queue_rebuild (DrsoDashboardPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_cb, self);
}

static void
plans_changed_cb (DrsoDashboardPage *self)
{
  GHashTableIter iter;
  gpointer key;

  /* Forget the plans that are gone; check the new ones. */
  g_hash_table_iter_init (&iter, self->readiness);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; !found && i < g_list_model_get_n_items (self->plans); i++)
        {
          g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (self->plans, i);

          found = g_strcmp0 (drso_recovery_plan_get_plan_id (plan), key) == 0;
        }
      if (!found)
        g_hash_table_iter_remove (&iter);
    }
  _drso_dashboard_page_queue_rebuild (self);
  _drso_dashboard_check_next_plan (self);
}

static gboolean
readiness_tick_cb (gpointer user_data)
{
  _drso_dashboard_check_next_plan (user_data);
  return G_SOURCE_CONTINUE;
}

/* Timers, while the page shows */

static gboolean
poll_cb (gpointer user_data)
{
  DrsoDashboardPage *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_store_refresh (self->store, &error))
    g_debug ("Could not refresh the store: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
drso_dashboard_page_map (GtkWidget *widget)
{
  DrsoDashboardPage *self = DRSO_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (drso_dashboard_page_parent_class)->map (widget);

  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (POLL_INTERVAL_S, poll_cb, self);
  if (self->readiness_id == 0)
    self->readiness_id = g_timeout_add_seconds (10, readiness_tick_cb, self);
  _drso_dashboard_check_next_plan (self);
}

static void
drso_dashboard_page_unmap (GtkWidget *widget)
{
  DrsoDashboardPage *self = DRSO_DASHBOARD_PAGE (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->readiness_id, g_source_remove);

  GTK_WIDGET_CLASS (drso_dashboard_page_parent_class)->unmap (widget);
}

/* Template callbacks */

static void
execution_row_activated_cb (DrsoDashboardPage *self,
                            GtkListBoxRow     *row)
{
  const char *execution_id = g_object_get_data (G_OBJECT (row), "drso-execution-id");

  if (execution_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.show-execution", "s", execution_id);
}

static void
attention_row_activated_cb (DrsoDashboardPage *self,
                            GtkListBoxRow     *row)
{
  const char *section = g_object_get_data (G_OBJECT (row), "drso-section");

  if (section != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", section);
}

/* GObject */

static void
drso_dashboard_page_constructed (GObject *object)
{
  DrsoDashboardPage *self = DRSO_DASHBOARD_PAGE (object);

  G_OBJECT_CLASS (drso_dashboard_page_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));
  g_assert (DRSO_IS_ENGINE (self->engine));

  self->executions = drso_store_get_executions (self->store);
  self->plans = drso_store_get_recovery_plans (self->store);
  self->servers = drso_store_get_source_servers (self->store);

  self->running_filter = gtk_custom_filter_new (filter_running, NULL, NULL);
  self->running_model = gtk_filter_list_model_new (g_object_ref (self->executions),
                                                   GTK_FILTER (self->running_filter));
  gtk_list_box_bind_model (self->running_list, G_LIST_MODEL (self->running_model),
                           create_running_row, self, NULL);

  g_signal_connect_object (self->executions, "items-changed", G_CALLBACK (_drso_dashboard_page_queue_rebuild), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->servers, "items-changed", G_CALLBACK (_drso_dashboard_page_queue_rebuild), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plans, "items-changed", G_CALLBACK (plans_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* The Resume buttons follow the role. */
  g_signal_connect_object (self->store, "notify::role", G_CALLBACK (drso_dashboard_page_refresh),
                           self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
drso_dashboard_page_dispose (GObject *object)
{
  DrsoDashboardPage *self = DRSO_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->readiness_id, g_source_remove);

  if (self->running_list != NULL)
    gtk_list_box_bind_model (self->running_list, NULL, NULL, NULL, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_DASHBOARD_PAGE);

  g_clear_object (&self->running_model);
  self->running_filter = NULL;
  self->executions = self->plans = self->servers = NULL;
  g_clear_object (&self->checking);
  g_clear_pointer (&self->checking_plan_id, g_free);
  g_clear_pointer (&self->readiness, g_hash_table_unref);
  g_clear_pointer (&self->resuming, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drso_dashboard_page_parent_class)->dispose (object);
}

static void
drso_dashboard_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DrsoDashboardPage *self = DRSO_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_dashboard_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DrsoDashboardPage *self = DRSO_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_dashboard_page_class_init (DrsoDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_dashboard_page_constructed;
  object_class->dispose = drso_dashboard_page_dispose;
  object_class->get_property = drso_dashboard_page_get_property;
  object_class->set_property = drso_dashboard_page_set_property;

  widget_class->map = drso_dashboard_page_map;
  widget_class->unmap = drso_dashboard_page_unmap;

  /**
   * DrsoDashboardPage:store:
   *
   * The store the page sums up.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoDashboardPage:engine:
   *
   * The engine the Resume buttons go through.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, DRSO_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoDashboardPage:client:
   *
   * The AWS client the readiness checks send with, or %NULL for the
   * default one.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DRSO_TYPE_AWS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoDashboardPage::toast:
   * @self: a #DrsoDashboardPage
   * @message: what to tell
   *
   * Emitted when something failed that the user should hear of, such as a
   * Resume the engine refused.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/drso-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoDashboardPage, running_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoDashboardPage, attention_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoDashboardPage, drills_list);
  /* Without a field, for gtk_widget_get_template_child() in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "design_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, execution_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, attention_row_activated_cb);
}

static void
drso_dashboard_page_init (DrsoDashboardPage *self)
{
  self->readiness = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _drso_dashboard_plan_readiness_free);
  self->resuming = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * drso_dashboard_page_new:
 * @store: the store to sum up
 * @engine: the engine the Resume buttons go through
 *
 * The readiness checks use the default AWS client; set the construct-only
 * #DrsoDashboardPage:client property for another.
 *
 * Returns: (transfer floating): a new #DrsoDashboardPage
 */
GtkWidget *
drso_dashboard_page_new (DrsoStore  *store,
                         DrsoEngine *engine)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (DRSO_IS_ENGINE (engine), NULL);

  return g_object_new (DRSO_TYPE_DASHBOARD_PAGE, "store", store, "engine", engine, NULL);
}

/**
 * drso_dashboard_page_get_store:
 * @self: a #DrsoDashboardPage
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_dashboard_page_get_store (DrsoDashboardPage *self)
{
  g_return_val_if_fail (DRSO_IS_DASHBOARD_PAGE (self), NULL);
  return self->store;
}

/**
 * drso_dashboard_page_get_engine:
 * @self: a #DrsoDashboardPage
 *
 * Returns: (transfer none): the engine
 */
DrsoEngine *
drso_dashboard_page_get_engine (DrsoDashboardPage *self)
{
  g_return_val_if_fail (DRSO_IS_DASHBOARD_PAGE (self), NULL);
  return self->engine;
}

/**
 * drso_dashboard_page_get_client:
 * @self: a #DrsoDashboardPage
 *
 * Returns: (transfer none) (nullable): the AWS client of the readiness
 *   checks, %NULL for the default one
 */
DrsoAwsClient *
drso_dashboard_page_get_client (DrsoDashboardPage *self)
{
  g_return_val_if_fail (DRSO_IS_DASHBOARD_PAGE (self), NULL);
  return self->client;
}

/**
 * drso_dashboard_page_refresh:
 * @self: a #DrsoDashboardPage
 *
 * Brings the lists in step with the store now.
 */
void
drso_dashboard_page_refresh (DrsoDashboardPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DRSO_IS_DASHBOARD_PAGE (self));

  if (self->store == NULL)
    return;
  if (!drso_store_refresh (self->store, &error))
    g_debug ("Could not refresh the store: %s", error->message);
  /* The rows of running executions are made again, with the role as it is now. */
  gtk_list_box_bind_model (self->running_list, G_LIST_MODEL (self->running_model),
                           create_running_row, self, NULL);
  rebuild (self);
}
