/* drso-wave-canvas-model.c
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

#include "drso-wave-canvas-private.h"

/* Reading the execution into lanes and tiles, watching it for changes, and
 * the animation of the tiles that change. */

static void
tile_clear (gpointer data)
{
  DrsoCanvasTile *tile = data;

  g_clear_object (&tile->server);
}

void
_drso_wave_canvas_lane_free (gpointer data)
{
  DrsoCanvasLane *lane = data;

  g_clear_pointer (&lane->tiles, g_array_unref);
  g_clear_object (&lane->wave);
  g_free (lane);
}

static DrsoTileLook
look_for_server (DrsoServerRun *server)
{
  switch (drso_server_run_get_status (server))
    {
    case DRSO_LAUNCH_STATUS_IN_PROGRESS:
      return DRSO_TILE_LOOK_RUNNING;
    case DRSO_LAUNCH_STATUS_LAUNCHED:
      return DRSO_TILE_LOOK_LAUNCHED;
    case DRSO_LAUNCH_STATUS_TERMINATED:
      return DRSO_TILE_LOOK_TERMINATED;
    case DRSO_LAUNCH_STATUS_FAILED:
      if (drso_server_run_get_criticality (server) == DRSO_SERVER_CRITICALITY_OPTIONAL)
        return DRSO_TILE_LOOK_OPTIONAL_FAILED;
      return DRSO_TILE_LOOK_FAILED;
    case DRSO_LAUNCH_STATUS_PENDING:
    default:
      return DRSO_TILE_LOOK_PENDING;
    }
}

gint64
_drso_wave_canvas_frame_time (DrsoWaveCanvas *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL)
    return gdk_frame_clock_get_frame_time (clock);
  return g_get_monotonic_time ();
}

/* Animation */

/* Ends the fades that are over; returns whether anything still moves. */
static gboolean
settle_tiles (DrsoWaveCanvas *self,
              gint64          now)
{
  gboolean animations = drso_chart_animations_enabled (GTK_WIDGET (self));
  gboolean busy = FALSE;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      for (guint j = 0; j < lane->tiles->len; j++)
        {
          DrsoCanvasTile *tile = &g_array_index (lane->tiles, DrsoCanvasTile, j);

          if (tile->fade_start != 0 &&
              (!animations || now - tile->fade_start >= DRSO_TILE_FADE_USEC))
            {
              tile->fade_start = 0;
              tile->from_look = tile->look;
            }
          if (tile->fade_start != 0 || (animations && tile->look == DRSO_TILE_LOOK_RUNNING))
            busy = TRUE;
        }
    }

  return busy;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);

  gtk_widget_queue_draw (widget);
  if (settle_tiles (self, gdk_frame_clock_get_frame_time (frame_clock)))
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
_drso_wave_canvas_update_animation (DrsoWaveCanvas *self)
{
  gboolean busy = settle_tiles (self, _drso_wave_canvas_frame_time (self));

  if (busy && self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if ((!busy || !gtk_widget_get_mapped (GTK_WIDGET (self))) && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static gboolean
clock_cb (gpointer user_data)
{
  _drso_wave_canvas_invalidate (user_data);
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
  return G_SOURCE_CONTINUE;
}

/* The elapsed time of a running wave is redrawn every second. */
void
_drso_wave_canvas_update_clock (DrsoWaveCanvas *self)
{
  gboolean running = FALSE;

  for (guint i = 0; i < self->lanes->len && !running; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      running = lane->status == DRSO_WAVE_STATUS_IN_PROGRESS &&
                drso_wave_run_get_start_time (lane->wave) > 0 &&
                drso_wave_run_get_end_time (lane->wave) == 0;
    }

  if (running && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      if (self->clock_id == 0)
        self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->clock_id, g_source_remove);
    }
}

/* Watching the model */

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DrsoWaveCanvas *self = user_data;

  self->refresh_idle_id = 0;
  drso_wave_canvas_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Connected to "notify" and "items-changed": a burst of changes is read
 * once. */
static void
queue_refresh_cb (DrsoWaveCanvas *self)
{
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add (refresh_idle_cb, self);
}

static void
watch (DrsoWaveCanvas *self,
       gpointer        object,
       const char     *signal)
{
  g_signal_connect_object (object, signal, G_CALLBACK (queue_refresh_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->watched, g_object_ref (object));
}

void
_drso_wave_canvas_unwatch_all (DrsoWaveCanvas *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static DrsoCanvasLane *
read_wave (DrsoWaveCanvas *self,
           DrsoWaveRun    *wave,
           GHashTable     *previous,
           gboolean        animate,
           gint64          now)
{
  DrsoCanvasLane *lane = g_new0 (DrsoCanvasLane, 1);
  GListModel *servers = drso_wave_run_get_servers (wave);
  guint n = g_list_model_get_n_items (servers);

  lane->wave = g_object_ref (wave);
  lane->number = drso_wave_run_get_wave_number (wave);
  lane->status = drso_wave_run_get_status (wave);
  lane->tiles = g_array_sized_new (FALSE, TRUE, sizeof (DrsoCanvasTile), n);
  g_array_set_clear_func (lane->tiles, tile_clear);
  if (lane->number >= 1 && lane->number <= self->estimates->len)
    lane->estimate = MAX (g_array_index (self->estimates, gint64, lane->number - 1), 0);

  watch (self, wave, "notify");
  watch (self, servers, "items-changed");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);
      g_autofree char *key = g_strdup_printf ("%u/%s", lane->number,
                                              drso_server_run_get_server_id (server));
      DrsoCanvasTile tile = { 0 };
      DrsoCanvasTile *old = g_hash_table_lookup (previous, key);

      watch (self, server, "notify");
      tile.server = g_object_ref (server);
      tile.look = look_for_server (server);
      tile.from_look = tile.look;
      if (old != NULL && old->look != tile.look && animate)
        {
          tile.from_look = old->look;
          tile.fade_start = now;
        }
      else if (old != NULL && old->look == tile.look && old->fade_start != 0)
        {
          tile.from_look = old->from_look;
          tile.fade_start = old->fade_start;
        }

      switch (tile.look)
        {
        case DRSO_TILE_LOOK_LAUNCHED:
        case DRSO_TILE_LOOK_TERMINATED:
          lane->n_launched++;
          break;
        case DRSO_TILE_LOOK_FAILED:
          lane->n_failed++;
          break;
        case DRSO_TILE_LOOK_OPTIONAL_FAILED:
          lane->n_optional_failed++;
          break;
        case DRSO_TILE_LOOK_RUNNING:
          lane->n_in_progress++;
          break;
        case DRSO_TILE_LOOK_PENDING:
        default:
          break;
        }
      g_array_append_val (lane->tiles, tile);
    }

  return lane;
}

/* Public API */

/**
 * drso_wave_canvas_refresh:
 * @self: a #DrsoWaveCanvas
 *
 * Reads the execution again. Call it when the engine reports a change of the
 * execution or of one of its servers.
 */
void
drso_wave_canvas_refresh (DrsoWaveCanvas *self)
{
  g_autoptr(GPtrArray) old_lanes = NULL;
  g_autoptr(GHashTable) previous = NULL;
  DrsoCanvasLane *gate_lane = NULL;

  g_return_if_fail (DRSO_IS_WAVE_CANVAS (self));

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  _drso_wave_canvas_unwatch_all (self);

  /* The tiles drawn so far, by wave and server, to fade the ones that change. */
  old_lanes = g_steal_pointer (&self->lanes);
  self->lanes = g_ptr_array_new_with_free_func (_drso_wave_canvas_lane_free);
  previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < old_lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (old_lanes, i);

      for (guint j = 0; j < lane->tiles->len; j++)
        {
          DrsoCanvasTile *tile = &g_array_index (lane->tiles, DrsoCanvasTile, j);

          g_hash_table_insert (previous,
                               g_strdup_printf ("%u/%s", lane->number,
                                                drso_server_run_get_server_id (tile->server)),
                               tile);
        }
    }

  if (self->execution != NULL)
    {
      GListModel *waves = drso_execution_get_wave_runs (self->execution);
      gboolean animate = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                         drso_chart_animations_enabled (GTK_WIDGET (self));
      gint64 now = _drso_wave_canvas_frame_time (self);
      guint n = g_list_model_get_n_items (waves);

      watch (self, self->execution, "notify");
      watch (self, waves, "items-changed");

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);

          g_ptr_array_add (self->lanes, read_wave (self, wave, previous, animate, now));
        }

      /* The gate stands before the wave that waits for approval. */
      if (drso_execution_get_status (self->execution) == DRSO_EXECUTION_STATUS_PAUSED)
        {
          guint current = drso_execution_get_current_wave (self->execution);

          for (guint i = 0; i < self->lanes->len && gate_lane == NULL; i++)
            {
              DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

              if (lane->status == DRSO_WAVE_STATUS_PAUSED)
                gate_lane = lane;
            }
          for (guint i = 0; i < self->lanes->len && gate_lane == NULL; i++)
            {
              DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

              if (lane->number == current)
                gate_lane = lane;
            }
          if (gate_lane != NULL)
            gate_lane->gate_before = TRUE;
        }
    }

  gtk_widget_set_visible (self->resume_button, gate_lane != NULL);
  _drso_wave_canvas_update_summary (self);
  self->layout_width = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  _drso_wave_canvas_update_animation (self);
  _drso_wave_canvas_update_clock (self);
}
