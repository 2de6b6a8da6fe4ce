/* drso-wave-canvas.c
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

#include "drso-wave-canvas-private.h"

/**
 * DrsoWaveCanvas:
 *
 * The picture of a running execution: a lane per wave with a tile per
 * server coloured by its launch state, the count launched, the time spent
 * against the estimate and the wave's outcome, and, while the execution
 * waits for approval, the pause gate across the canvas with its Resume
 * button.
 *
 * The canvas re-reads its execution when the execution, one of its waves or
 * one of their servers notifies a change, and when drso_wave_canvas_refresh()
 * is called. A tile that changes state fades to its new colours; a tile in
 * progress pulses gently. Both stop when the system turns animations off.
 *
 * Its accessible description says, a sentence per wave, what the tiles
 * show; drso_wave_canvas_dup_summary() returns the same text.
 */

G_DEFINE_FINAL_TYPE (DrsoWaveCanvas, drso_wave_canvas, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXECUTION,
  N_PROPS
};

enum {
  RESUME_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Callbacks */

static void
resume_clicked_cb (DrsoWaveCanvas *self)
{
  g_signal_emit (self, signals[RESUME_REQUESTED], 0);
}

/* GtkWidget overrides */

static GtkSizeRequestMode
drso_wave_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
drso_wave_canvas_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);

  _drso_wave_canvas_compute_layout (self, width, TRUE);

  if (!gtk_widget_get_visible (self->resume_button))
    return;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);
      int button_width, button_height;

      if (!lane->gate_before)
        continue;

      gtk_widget_measure (self->resume_button, GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &button_width, NULL, NULL);
      gtk_widget_measure (self->resume_button, GTK_ORIENTATION_VERTICAL, button_width,
                          NULL, &button_height, NULL, NULL);
      gtk_widget_size_allocate (self->resume_button,
                                &(GtkAllocation) {
                                  .x = (int) (lane->gate.origin.x + lane->gate.size.width)
                                       - DRSO_GATE_PAD - button_width,
                                  .y = (int) (lane->gate.origin.y
                                              + (lane->gate.size.height - button_height) / 2),
                                  .width = button_width,
                                  .height = button_height,
                                }, -1);
      break;
    }
}

static void
drso_wave_canvas_map (GtkWidget *widget)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);

  GTK_WIDGET_CLASS (drso_wave_canvas_parent_class)->map (widget);

  /* Animations may be turned on or off while the canvas shows. */
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-enable-animations",
                           G_CALLBACK (_drso_wave_canvas_update_animation), self,
                           G_CONNECT_SWAPPED);
  _drso_wave_canvas_update_animation (self);
  _drso_wave_canvas_update_clock (self);
}

static void
drso_wave_canvas_unmap (GtkWidget *widget)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);

  GTK_WIDGET_CLASS (drso_wave_canvas_parent_class)->unmap (widget);
  g_signal_handlers_disconnect_by_func (gtk_widget_get_settings (widget),
                                        _drso_wave_canvas_update_animation, self);
  _drso_wave_canvas_update_animation (self);
  _drso_wave_canvas_update_clock (self);
}

static void
drso_wave_canvas_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);

  GTK_WIDGET_CLASS (drso_wave_canvas_parent_class)->css_changed (widget, change);

  /* The colours or the font may have changed: measure and draw again. */
  _drso_wave_canvas_invalidate (self);
  self->layout_width = -1;
  gtk_widget_queue_resize (widget);
}

/* GObject overrides */

static void
drso_wave_canvas_dispose (GObject *object)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (object);

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  _drso_wave_canvas_unwatch_all (self);
  g_ptr_array_set_size (self->lanes, 0);
  g_clear_pointer (&self->resume_button, gtk_widget_unparent);
  drso_chart_palette_clear (&self->palette);
  g_clear_pointer (&self->chrome, gsk_render_node_unref);
  g_clear_object (&self->execution);

  G_OBJECT_CLASS (drso_wave_canvas_parent_class)->dispose (object);
}

static void
drso_wave_canvas_finalize (GObject *object)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (object);

  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->estimates, g_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->accessible_label, g_free);

  G_OBJECT_CLASS (drso_wave_canvas_parent_class)->finalize (object);
}

static void
drso_wave_canvas_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_EXECUTION:
      g_value_set_object (value, self->execution);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_wave_canvas_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_EXECUTION:
      drso_wave_canvas_set_execution (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_wave_canvas_class_init (DrsoWaveCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drso_wave_canvas_dispose;
  object_class->finalize = drso_wave_canvas_finalize;
  object_class->get_property = drso_wave_canvas_get_property;
  object_class->set_property = drso_wave_canvas_set_property;

  widget_class->get_request_mode = drso_wave_canvas_get_request_mode;
  widget_class->measure = _drso_wave_canvas_measure;
  widget_class->size_allocate = drso_wave_canvas_size_allocate;
  widget_class->snapshot = _drso_wave_canvas_snapshot;
  widget_class->query_tooltip = _drso_wave_canvas_query_tooltip;
  widget_class->map = drso_wave_canvas_map;
  widget_class->unmap = drso_wave_canvas_unmap;
  widget_class->css_changed = drso_wave_canvas_css_changed;

  /**
   * DrsoWaveCanvas:execution:
   *
   * The execution the canvas shows.
   */
  properties[PROP_EXECUTION] =
    g_param_spec_object ("execution", NULL, NULL, DRSO_TYPE_EXECUTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoWaveCanvas::resume-requested:
   * @self: a #DrsoWaveCanvas
   *
   * Emitted when the Resume button of the pause gate is clicked.
   */
  signals[RESUME_REQUESTED] =
    g_signal_new ("resume-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "wavecanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
drso_wave_canvas_init (DrsoWaveCanvas *self)
{
  self->lanes = g_ptr_array_new_with_free_func (_drso_wave_canvas_lane_free);
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->estimates = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->summary = g_strdup ("");
  self->layout_width = -1;

  self->resume_button = gtk_button_new_with_mnemonic (_("_Resume"));
  gtk_widget_add_css_class (self->resume_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->resume_button, _("Approve the next wave and go on"));
  gtk_widget_set_visible (self->resume_button, FALSE);
  gtk_widget_set_parent (self->resume_button, GTK_WIDGET (self));
  g_signal_connect_swapped (self->resume_button, "clicked", G_CALLBACK (resume_clicked_cb), self);

  drso_chart_palette_init (&self->palette, GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  _drso_wave_canvas_update_summary (self);
}

/* Public API */

/**
 * drso_wave_canvas_new:
 *
 * Returns: (transfer full): a new, empty #DrsoWaveCanvas
 */
GtkWidget *
drso_wave_canvas_new (void)
{
  return g_object_new (DRSO_TYPE_WAVE_CANVAS, NULL);
}

/**
 * drso_wave_canvas_get_execution:
 * @self: a #DrsoWaveCanvas
 *
 * Returns: (transfer none) (nullable): the execution shown
 */
DrsoExecution *
drso_wave_canvas_get_execution (DrsoWaveCanvas *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_CANVAS (self), NULL);
  return self->execution;
}

/**
 * drso_wave_canvas_set_execution:
 * @self: a #DrsoWaveCanvas
 * @execution: (nullable): the execution to show
 *
 * Shows @execution. When it is another copy of the execution shown so far,
 * the tiles whose state changed fade to their new colours.
 */
void
drso_wave_canvas_set_execution (DrsoWaveCanvas *self,
                                DrsoExecution  *execution)
{
  g_return_if_fail (DRSO_IS_WAVE_CANVAS (self));
  g_return_if_fail (execution == NULL || DRSO_IS_EXECUTION (execution));

  if (self->execution == execution)
    return;

  if (self->execution == NULL || execution == NULL ||
      g_strcmp0 (drso_execution_get_execution_id (self->execution),
                 drso_execution_get_execution_id (execution)) != 0)
    g_ptr_array_set_size (self->lanes, 0);

  g_set_object (&self->execution, execution);
  drso_wave_canvas_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION]);
}

/**
 * drso_wave_canvas_set_estimates:
 * @self: a #DrsoWaveCanvas
 * @seconds_per_wave: (array length=n) (nullable): the estimated duration of
 *   each wave in seconds, the first for wave 1; 0 when unknown
 * @n: the length of @seconds_per_wave
 *
 * Sets what the elapsed time of each wave is compared with.
 */
void
drso_wave_canvas_set_estimates (DrsoWaveCanvas *self,
                                const gint64   *seconds_per_wave,
                                guint           n)
{
  g_return_if_fail (DRSO_IS_WAVE_CANVAS (self));
  g_return_if_fail (seconds_per_wave != NULL || n == 0);

  g_array_set_size (self->estimates, 0);
  if (n > 0)
    g_array_append_vals (self->estimates, seconds_per_wave, n);
  drso_wave_canvas_refresh (self);
}
/**
 * drso_wave_canvas_dup_summary:
 * @self: a #DrsoWaveCanvas
 *
 * Returns: (transfer full): the canvas's accessible description: a sentence
 *   per wave with its counts and its state
 */
char *
drso_wave_canvas_dup_summary (DrsoWaveCanvas *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_CANVAS (self), NULL);
  return g_strdup (self->summary);
}

/**
 * drso_wave_canvas_get_tile_at:
 * @self: a #DrsoWaveCanvas
 * @x: a point in the canvas's coordinates
 * @y: a point in the canvas's coordinates
 * @wave_number: (out) (optional): the wave of the tile at (@x, @y)
 * @server_index: (out) (optional): the tile's position in its wave, from 0
 *
 * Returns: whether a server's tile is at (@x, @y)
 */
gboolean
drso_wave_canvas_get_tile_at (DrsoWaveCanvas *self,
                              double          x,
                              double          y,
                              guint          *wave_number,
                              guint          *server_index)
{
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  g_return_val_if_fail (DRSO_IS_WAVE_CANVAS (self), FALSE);

  _drso_wave_canvas_ensure_layout (self);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      if (!graphene_rect_contains_point (&lane->bounds, &point))
        continue;
      for (guint j = 0; j < lane->tiles->len; j++)
        {
          DrsoCanvasTile *tile = &g_array_index (lane->tiles, DrsoCanvasTile, j);

          if (graphene_rect_contains_point (&tile->bounds, &point))
            {
              if (wave_number != NULL)
                *wave_number = lane->number;
              if (server_index != NULL)
                *server_index = j;
              return TRUE;
            }
        }
    }

  return FALSE;
}

/**
 * drso_wave_canvas_get_tile_bounds:
 * @self: a #DrsoWaveCanvas
 * @wave_number: a wave number
 * @server_index: a server's position in the wave, from 0
 * @bounds: (out): where the server's tile is drawn, in the canvas's coordinates
 *
 * Returns: whether the wave has that server
 */
gboolean
drso_wave_canvas_get_tile_bounds (DrsoWaveCanvas  *self,
                                  guint            wave_number,
                                  guint            server_index,
                                  graphene_rect_t *bounds)
{
  g_return_val_if_fail (DRSO_IS_WAVE_CANVAS (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  _drso_wave_canvas_ensure_layout (self);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      if (lane->number != wave_number || server_index >= lane->tiles->len)
        continue;
      *bounds = g_array_index (lane->tiles, DrsoCanvasTile, server_index).bounds;
      return TRUE;
    }

  return FALSE;
}

/**
 * drso_wave_canvas_is_animating:
 * @self: a #DrsoWaveCanvas
 *
 * Returns: whether a tile is fading or pulsing, so that the canvas redraws
 *   itself on every frame
 */
gboolean
drso_wave_canvas_is_animating (DrsoWaveCanvas *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_CANVAS (self), FALSE);
  return self->tick_id != 0;
}
