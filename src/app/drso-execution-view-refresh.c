/* drso-execution-view-refresh.c
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

/* How the page of one execution follows it: it re-reads the execution from
 * the store on the engine's signals, at most four times a second, and every
 * two seconds while it is unfinished and shows (for executions the command
 * line drives); then its header says its type, plan, status, who started it
 * and when, how long it has run, and what went wrong. The plan gives the
 * estimates of the waves and the RTO target. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-chart-util.h"
#include "drso-execution-format.h"
#include "drso-execution-view-private.h"

#define REFRESH_INTERVAL_MS 250
#define POLL_INTERVAL_S     2

void
_drso_execution_view_update_header (DrsoExecutionView *self)
{
  DrsoExecution *execution = self->execution;
  DrsoExecutionStatus status = drso_execution_get_status (execution);
  DrsoExecutionType type = drso_execution_get_execution_type (execution);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *progress = drso_ui_describe_progress (execution);
  g_autofree char *started = drso_ui_format_started (execution);
  const char * const *errors = drso_execution_get_errors (execution);
  gint64 start = drso_execution_get_start_time (execution);

  gtk_label_set_label (self->type_label, drso_ui_execution_type_label (type));
  /* A real recovery must never be taken for a drill. */
  drso_ui_set_state_class (GTK_WIDGET (self->type_label),
                           type == DRSO_EXECUTION_TYPE_RECOVERY ? "error" : NULL);
  gtk_label_set_label (self->title_label, drso_execution_get_plan_name (execution));
  drso_ui_status_pill_set (self->status_pill, status);

  if (progress != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&progress));
  g_ptr_array_add (parts, g_steal_pointer (&started));
  if (drso_execution_status_is_final (status))
    {
      g_autofree char *took = drso_chart_format_duration (drso_execution_get_duration (execution));

      /* TRANSLATORS: how long an execution that has ended took */
      g_ptr_array_add (parts, g_strdup_printf (_("took %s"), took));
      if (drso_execution_get_instances_terminated (execution))
        g_ptr_array_add (parts, g_strdup (_("instances terminated")));
    }
  else if (start > 0)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autofree char *elapsed = drso_chart_format_duration (now - start);

      /* TRANSLATORS: how long a running execution has run so far */
      g_ptr_array_add (parts, g_strdup_printf (_("%s elapsed"), elapsed));
    }
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->subtitle_label, subtitle);

  if (errors != NULL && errors[0] != NULL)
    {
      g_autofree char *text = g_strjoinv ("\n", (char **) errors);

      gtk_label_set_label (self->problems_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), errors != NULL && errors[0] != NULL);
}

void
_drso_execution_view_load_plan (DrsoExecutionView *self)
{
  g_autoptr(GArray) estimates = g_array_new (FALSE, TRUE, sizeof (gint64));
  const char *plan_id = drso_execution_get_plan_id (self->execution);

  g_clear_object (&self->plan);
  if (plan_id != NULL)
    self->plan = drso_store_lookup_recovery_plan (self->store, plan_id, NULL);
  if (self->plan == NULL)
    {
      drso_wave_canvas_set_estimates (self->canvas, NULL, 0);
      return;
    }

  for (guint i = 1; i <= drso_recovery_plan_get_n_waves (self->plan); i++)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (self->plan, i);
      gint64 seconds = wave != NULL ? drso_wave_get_estimated_duration (wave) : 0;

      g_array_append_val (estimates, seconds);
    }
  drso_wave_canvas_set_estimates (self->canvas, (const gint64 *) (gpointer) estimates->data,
                                  estimates->len);
}


/* Reading the execution */

static void
show_missing (DrsoExecutionView *self,
              const char        *title,
              const char        *description)
{
  adw_status_page_set_title (self->missing_status, title);
  adw_status_page_set_description (self->missing_status, description);
  gtk_stack_set_visible_child_name (self->stack, "none");
}

/* Re-reads the execution and its new events from the store. */
void
_drso_execution_view_reload (DrsoExecutionView *self)
{
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_final, final;

  g_clear_handle_id (&self->throttle_id, g_source_remove);
  self->last_refresh = g_get_monotonic_time ();
  /* Disposed: a late answer has nothing to show. */
  if (self->store == NULL)
    return;

  if (self->execution_id == NULL)
    {
      show_missing (self, _("No Execution Shown"),
                    _("Open an execution from the list of executions to follow it here."));
      _drso_execution_view_update_timers (self);
      return;
    }

  execution = drso_store_lookup_execution (self->store, self->execution_id, &error);
  if (execution == NULL)
    {
      g_clear_object (&self->execution);
      show_missing (self, _("Execution Not Found"),
                    _("It may have been deleted, here or on the command line."));
      _drso_execution_view_update_actions (self);
      _drso_execution_view_update_timers (self);
      g_object_notify (G_OBJECT (self), "execution");
      return;
    }

  was_final = self->execution != NULL &&
              drso_execution_status_is_final (drso_execution_get_status (self->execution));
  final = drso_execution_status_is_final (drso_execution_get_status (execution));
  g_set_object (&self->execution, execution);
  /* The plan gives the estimates and the target: read it again at the end,
   * for the target the plan has then. */
  if (self->plan == NULL || (final && !was_final))
    _drso_execution_view_load_plan (self);

  gtk_stack_set_visible_child_name (self->stack, "execution");
  _drso_execution_view_update_header (self);
  _drso_execution_view_update_actions (self);
  drso_wave_canvas_set_execution (self->canvas, self->execution);
  _drso_execution_view_update_waves_list (self);
  _drso_execution_view_update_rto (self);
  _drso_execution_view_load_events (self);
  _drso_execution_view_update_timers (self);
  g_object_notify (G_OBJECT (self), "execution");
}

static gboolean
throttle_cb (gpointer user_data)
{
  DrsoExecutionView *self = user_data;

  self->throttle_id = 0;
  _drso_execution_view_reload (self);
  return G_SOURCE_REMOVE;
}

/* Reloads now, or once REFRESH_INTERVAL_MS have passed since the last reload. */
static void
queue_reload (DrsoExecutionView *self)
{
  gint64 since = (g_get_monotonic_time () - self->last_refresh) / 1000;

  if (self->throttle_id != 0)
    return;
  if (since >= REFRESH_INTERVAL_MS)
    _drso_execution_view_reload (self);
  else
    self->throttle_id = g_timeout_add (REFRESH_INTERVAL_MS - since, throttle_cb, self);
}

/* For every signal of the engine: the execution is its first argument. */
static void
engine_event_cb (DrsoExecutionView *self,
                 const char        *execution_id)
{
  /* Hidden, the view reads the execution again when it shows. */
  if (self->execution_id != NULL && g_strcmp0 (execution_id, self->execution_id) == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_reload (self);
}

static void
role_changed_cb (DrsoExecutionView *self)
{
  _drso_execution_view_update_actions (self);
}

/* Follows the engine's news of executions, and the active role. */
void
_drso_execution_view_watch (DrsoExecutionView *self)
{
  const char * const engine_signals[] = {
    "execution-changed", "wave-started", "wave-completed", "paused", "server-changed",
    "execution-finished",
  };

  for (guint i = 0; i < G_N_ELEMENTS (engine_signals); i++)
    g_signal_connect_object (self->engine, engine_signals[i], G_CALLBACK (engine_event_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::role", G_CALLBACK (role_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Timers, while the view shows */

static gboolean
poll_cb (gpointer user_data)
{
  DrsoExecutionView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_store_refresh (self->store, &error))
    g_debug ("Could not refresh the store: %s", error->message);
  _drso_execution_view_reload (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
clock_cb (gpointer user_data)
{
  DrsoExecutionView *self = user_data;

  if (self->execution != NULL)
    _drso_execution_view_update_header (self);
  return G_SOURCE_CONTINUE;
}

void
_drso_execution_view_update_timers (DrsoExecutionView *self)
{
  gboolean running = self->execution != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                     !drso_execution_status_is_final (drso_execution_get_status (self->execution));

  if ((running || (self->terminating && gtk_widget_get_mapped (GTK_WIDGET (self)))) &&
      self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (POLL_INTERVAL_S, poll_cb, self);
  else if (!running && !self->terminating)
    g_clear_handle_id (&self->poll_id, g_source_remove);

  if (running && self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
  else if (!running)
    g_clear_handle_id (&self->clock_id, g_source_remove);
}

