/* drso-execution-view.c
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

#include "drso-execution-format.h"
#include "drso-execution-view-private.h"

/**
 * DrsoExecutionView:
 *
 * The page of one execution: what it is, who started it and when, where it
 * stands; its wave canvas (or, with "Show as List", a plain list of waves
 * and servers) beside the event log on wide windows, above it on narrow
 * ones; the controls its state and the active role allow (the `view.`
 * actions); and, once it has ended, its RTO timeline against the plan's
 * target.
 *
 * An execution this process drives changes in the engine first: the view
 * re-reads it from the store on the engine's signals, at most four times a
 * second. One the command line drives changes only in the store: while it
 * is unfinished, the view refreshes the store every two seconds.
 */

G_DEFINE_FINAL_TYPE (DrsoExecutionView, drso_execution_view, GTK_TYPE_WIDGET)

#define WIDE_LAYOUT_WIDTH   1280
#define LOG_SIDE_WIDTH      460

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENGINE,
  PROP_EXECUTION_ID,
  PROP_EXECUTION,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
_drso_execution_view_emit_toast (DrsoExecutionView *self,
                                 const char        *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* Layout: the event log beside the waves on wide windows, below them on
 * narrow ones. The orientation changes after the allocation, not in it. */

static gboolean
relayout_cb (gpointer user_data)
{
  DrsoExecutionView *self = user_data;
  gboolean wide = gtk_widget_get_width (GTK_WIDGET (self)) >= WIDE_LAYOUT_WIDTH;

  self->layout_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->content_box),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_size_request (self->log_box, wide ? LOG_SIDE_WIDTH : -1, -1);
  return G_SOURCE_REMOVE;
}

static void
drso_execution_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
drso_execution_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);
  GtkOrientation wanted = width >= WIDE_LAYOUT_WIDTH ? GTK_ORIENTATION_HORIZONTAL
                                                     : GTK_ORIENTATION_VERTICAL;

  if (wanted != gtk_orientable_get_orientation (GTK_ORIENTABLE (self->content_box)) &&
      self->layout_id == 0)
    self->layout_id = g_idle_add (relayout_cb, self);
  gtk_widget_allocate (GTK_WIDGET (self->stack), width, height, baseline, NULL);
}

static void
drso_execution_view_map (GtkWidget *widget)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);

  GTK_WIDGET_CLASS (drso_execution_view_parent_class)->map (widget);
  if (self->execution_id != NULL)
    _drso_execution_view_reload (self);
  _drso_execution_view_update_timers (self);
}

static void
drso_execution_view_unmap (GtkWidget *widget)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);

  GTK_WIDGET_CLASS (drso_execution_view_parent_class)->unmap (widget);
  _drso_execution_view_update_timers (self);
}

/* Template callbacks */

static void
list_toggled_cb (DrsoExecutionView *self,
                 GtkToggleButton   *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_stack_set_visible_child_name (self->waves_stack, active ? "list" : "canvas");
  if (active && self->list_dirty)
    _drso_execution_view_update_waves_list (self);
}

static void
canvas_resume_cb (DrsoExecutionView *self,
                  DrsoWaveCanvas    *canvas)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "view.resume", NULL);
}

static void
log_filter_changed_cb (DrsoExecutionView *self)
{
  _drso_execution_view_update_log_filter (self);
}

/* GObject */

static void
drso_execution_view_constructed (GObject *object)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (object);
  G_OBJECT_CLASS (drso_execution_view_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));
  g_assert (DRSO_IS_ENGINE (self->engine));

  _drso_execution_view_watch (self);
  _drso_execution_view_init_actions (self);
}

static void
drso_execution_view_dispose (GObject *object)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  _drso_execution_view_close_dialog (self);
  g_clear_handle_id (&self->throttle_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->layout_id, g_source_remove);

  _drso_execution_view_dispose_log (self);
  _drso_execution_view_clear_waves_list (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_EXECUTION_VIEW);

  g_clear_object (&self->execution);
  g_clear_object (&self->plan);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drso_execution_view_parent_class)->dispose (object);
}

static void
drso_execution_view_finalize (GObject *object)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (object);

  g_free (self->execution_id);

  G_OBJECT_CLASS (drso_execution_view_parent_class)->finalize (object);
}

static void
drso_execution_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_EXECUTION_ID:
      g_value_set_string (value, self->execution_id);
      break;
    case PROP_EXECUTION:
      g_value_set_object (value, self->execution);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_execution_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_EXECUTION_ID:
      drso_execution_view_set_execution_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_execution_view_class_init (DrsoExecutionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_execution_view_constructed;
  object_class->dispose = drso_execution_view_dispose;
  object_class->finalize = drso_execution_view_finalize;
  object_class->get_property = drso_execution_view_get_property;
  object_class->set_property = drso_execution_view_set_property;

  widget_class->measure = drso_execution_view_measure;
  widget_class->size_allocate = drso_execution_view_size_allocate;
  widget_class->map = drso_execution_view_map;
  widget_class->unmap = drso_execution_view_unmap;

  /**
   * DrsoExecutionView:store:
   *
   * The store the execution is read from.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoExecutionView:engine:
   *
   * The engine the controls go through, and whose signals tell of changes.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, DRSO_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoExecutionView:execution-id:
   *
   * The id of the execution shown, or %NULL.
   */
  properties[PROP_EXECUTION_ID] =
    g_param_spec_string ("execution-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoExecutionView:execution:
   *
   * The execution as last read from the store, or %NULL.
   */
  properties[PROP_EXECUTION] =
    g_param_spec_object ("execution", NULL, NULL, DRSO_TYPE_EXECUTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoExecutionView::toast:
   * @self: a #DrsoExecutionView
   * @message: what to tell
   *
   * Emitted when a control succeeded or failed: "Execution cancelled".
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DRSO_TYPE_WAVE_CANVAS);
  g_type_ensure (DRSO_TYPE_RTO_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/drso-execution-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, missing_status);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, scroller);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, type_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, title_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, status_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, resume_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, skip_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, terminate_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, rto_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, rto_icon);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, rto_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, rto_timeline);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, content_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, list_toggle);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, waves_stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, canvas);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, waves_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, log_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, log_search);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, log_stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, log_scroller);
  gtk_widget_class_bind_template_child (widget_class, DrsoExecutionView, log_view);
  gtk_widget_class_bind_template_callback (widget_class, list_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, canvas_resume_cb);
  gtk_widget_class_bind_template_callback (widget_class, log_filter_changed_cb);

  _drso_execution_view_class_init_actions (widget_class);
}

static void
drso_execution_view_init (DrsoExecutionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->status_pill = drso_ui_status_pill_new ();
  gtk_box_prepend (self->status_box, self->status_pill);
  _drso_execution_view_init_log (self);
}

/* Public API */

/**
 * drso_execution_view_new:
 * @store: the store to read executions from
 * @engine: the engine to control them with
 *
 * Returns: (transfer floating): a new #DrsoExecutionView showing nothing yet
 */
GtkWidget *
drso_execution_view_new (DrsoStore  *store,
                         DrsoEngine *engine)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (DRSO_IS_ENGINE (engine), NULL);

  return g_object_new (DRSO_TYPE_EXECUTION_VIEW, "store", store, "engine", engine, NULL);
}

/**
 * drso_execution_view_get_store:
 * @self: a #DrsoExecutionView
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_execution_view_get_store (DrsoExecutionView *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_VIEW (self), NULL);
  return self->store;
}

/**
 * drso_execution_view_get_engine:
 * @self: a #DrsoExecutionView
 *
 * Returns: (transfer none): the engine
 */
DrsoEngine *
drso_execution_view_get_engine (DrsoExecutionView *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_VIEW (self), NULL);
  return self->engine;
}

/**
 * drso_execution_view_get_execution_id:
 * @self: a #DrsoExecutionView
 *
 * Returns: (nullable): the id of the execution shown
 */
const char *
drso_execution_view_get_execution_id (DrsoExecutionView *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_VIEW (self), NULL);
  return self->execution_id;
}

/**
 * drso_execution_view_set_execution_id:
 * @self: a #DrsoExecutionView
 * @execution_id: (nullable): the id of the execution to show
 *
 * Shows the execution @execution_id, read from the store.
 */
void
drso_execution_view_set_execution_id (DrsoExecutionView *self,
                                      const char        *execution_id)
{
  g_return_if_fail (DRSO_IS_EXECUTION_VIEW (self));

  if (g_strcmp0 (self->execution_id, execution_id) == 0)
    {
      if (self->store != NULL)
        _drso_execution_view_reload (self);
      return;
    }

  /* What belonged to the execution shown so far ends here. */
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  _drso_execution_view_close_dialog (self);
  self->busy = self->terminating = FALSE;
  g_clear_object (&self->execution);
  g_clear_object (&self->plan);
  g_free (self->execution_id);
  self->execution_id = g_strdup (execution_id);
  _drso_execution_view_clear_log (self);
  _drso_execution_view_clear_waves_list (self);
  drso_wave_canvas_set_execution (self->canvas, NULL);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (self->store != NULL)
    _drso_execution_view_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION_ID]);
}

/**
 * drso_execution_view_get_execution:
 * @self: a #DrsoExecutionView
 *
 * Returns: (transfer none) (nullable): the execution as last read
 */
DrsoExecution *
drso_execution_view_get_execution (DrsoExecutionView *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_VIEW (self), NULL);
  return self->execution;
}

/**
 * drso_execution_view_refresh:
 * @self: a #DrsoExecutionView
 *
 * Reads the execution and its new events from the store now.
 */
void
drso_execution_view_refresh (DrsoExecutionView *self)
{
  g_return_if_fail (DRSO_IS_EXECUTION_VIEW (self));
  _drso_execution_view_reload (self);
}
