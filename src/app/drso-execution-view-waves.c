/* drso-execution-view-waves.c
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

/* The page of one execution, "Show as List": the waves and their servers
 * with their states as an ordinary list, for screen readers and keyboard
 * users, updated in place so that the focus stays where it is; and, once
 * the execution has ended, the measured RTO against the plan's target. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-chart-util.h"
#include "drso-execution-format.h"
#include "drso-execution-view-private.h"

static const char *
get_wave_icon (DrsoWaveStatus status)
{
  switch (status)
    {
    case DRSO_WAVE_STATUS_PAUSED:
      return "media-playback-pause-symbolic";
    case DRSO_WAVE_STATUS_IN_PROGRESS:
      return "content-loading-symbolic";
    case DRSO_WAVE_STATUS_COMPLETED:
      return "object-select-symbolic";
    case DRSO_WAVE_STATUS_FAILED:
      return "dialog-error-symbolic";
    case DRSO_WAVE_STATUS_SKIPPED:
      return "media-skip-forward-symbolic";
    case DRSO_WAVE_STATUS_CANCELLED:
      return "process-stop-symbolic";
    case DRSO_WAVE_STATUS_PENDING:
    default:
      return "media-record-symbolic";
    }
}

static GtkWidget *
add_icon (GtkWidget *row,
          gboolean   expander)
{
  GtkWidget *icon = gtk_image_new ();

  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  if (expander)
    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
  else
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "drso-icon", icon);
  return icon;
}

static void
set_icon (GtkWidget  *row,
          const char *icon_name,
          const char *css_class)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "drso-icon");

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  drso_ui_set_state_class (icon, css_class);
}

static void
update_wave_row (GtkWidget   *row,
                 DrsoWaveRun *wave_run)
{
  DrsoWaveStatus status = drso_wave_run_get_status (wave_run);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *counts = NULL;
  guint launched = 0, total = 0;

  drso_ui_count_wave_servers (wave_run, &launched, &total);
  /* TRANSLATORS: a wave of an execution: its number and its name */
  title = g_strdup_printf (_("Wave %u · %s"), drso_wave_run_get_wave_number (wave_run),
                           drso_wave_run_get_wave_name (wave_run));
  /* TRANSLATORS: how many servers of a wave are up: "2 of 4 launched" */
  counts = g_strdup_printf (ngettext ("%u of %u launched", "%u of %u launched", total),
                            launched, total);
  if (drso_wave_run_get_duration (wave_run) > 0)
    {
      g_autofree char *took = drso_chart_format_duration (drso_wave_run_get_duration (wave_run));

      /* TRANSLATORS: a wave's state, its count of servers up and how long it took */
      subtitle = g_strdup_printf (_("%s · %s · %s"), drso_ui_wave_status_label (status), counts,
                                  took);
    }
  else
    /* TRANSLATORS: a wave's state and its count of servers up */
    subtitle = g_strdup_printf (_("%s · %s"), drso_ui_wave_status_label (status), counts);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  set_icon (row, get_wave_icon (status), drso_ui_wave_status_class (status));
}

static void
update_server_row (GtkWidget     *row,
                   DrsoServerRun *server)
{
  DrsoLaunchStatus status = drso_server_run_get_status (server);
  const char *hostname = drso_server_run_get_hostname (server);
  const char *instance = drso_server_run_get_ec2_instance_id (server);
  const char *health = drso_server_run_get_health (server);
  const char *message = drso_server_run_get_message (server);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;

  g_ptr_array_add (parts, g_strdup (drso_ui_launch_status_label (status)));
  if (instance == NULL)
    instance = drso_server_run_get_recovery_instance_id (server);
  if (instance != NULL)
    g_ptr_array_add (parts, g_strdup (instance));
  if (health != NULL && health[0] != '\0')
    /* TRANSLATORS: the result of a recovered server's health check, such as "ok" */
    g_ptr_array_add (parts, g_strdup_printf (_("health %s"), health));
  if (message != NULL && message[0] != '\0' && status == DRSO_LAUNCH_STATUS_FAILED)
    g_ptr_array_add (parts, g_strdup (message));
  if (drso_server_run_get_criticality (server) == DRSO_SERVER_CRITICALITY_OPTIONAL)
    /* TRANSLATORS: a server whose failure does not fail its wave */
    g_ptr_array_add (parts, g_strdup (_("optional")));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 hostname != NULL && hostname[0] != '\0'
                                 ? hostname : drso_server_run_get_server_id (server));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  set_icon (row, drso_ui_launch_status_icon (status), drso_ui_launch_status_class (status));
}

/* Whether the rows stand for the waves and servers of the execution. */
static gboolean
rows_match (DrsoExecutionView *self,
            GListModel        *waves)
{
  guint n_servers = 0;

  if (self->wave_rows == NULL || self->wave_rows->len != g_list_model_get_n_items (waves))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);

      n_servers += g_list_model_get_n_items (drso_wave_run_get_servers (wave_run));
    }
  return n_servers == self->server_rows->len;
}

static void
build_rows (DrsoExecutionView *self,
            GListModel        *waves)
{
  _drso_execution_view_clear_waves_list (self);
  self->wave_rows = g_ptr_array_new ();
  self->server_rows = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);
      GtkWidget *wave_row = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (wave_row), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (wave_row), TRUE);
      add_icon (wave_row, TRUE);
      gtk_list_box_append (self->waves_list, wave_row);
      g_ptr_array_add (self->wave_rows, wave_row);

      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          GtkWidget *server_row = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (server_row), FALSE);
          add_icon (server_row, FALSE);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (wave_row), server_row);
          g_ptr_array_add (self->server_rows, server_row);
        }
    }
}

/* Internal API */

void
_drso_execution_view_clear_waves_list (DrsoExecutionView *self)
{
  GtkWidget *child;

  g_clear_pointer (&self->wave_rows, g_ptr_array_unref);
  g_clear_pointer (&self->server_rows, g_ptr_array_unref);
  if (self->waves_list == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->waves_list))) != NULL)
    gtk_list_box_remove (self->waves_list, child);
}

/* Brings the list in step with the execution, when it shows; marks it out
 * of date otherwise. */
void
_drso_execution_view_update_waves_list (DrsoExecutionView *self)
{
  GListModel *waves;
  guint k = 0;

  if (!gtk_toggle_button_get_active (self->list_toggle) || self->execution == NULL)
    {
      self->list_dirty = TRUE;
      return;
    }
  self->list_dirty = FALSE;

  waves = drso_execution_get_wave_runs (self->execution);
  if (!rows_match (self, waves))
    build_rows (self, waves);

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);

      update_wave_row (g_ptr_array_index (self->wave_rows, i), wave_run);
      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

          update_server_row (g_ptr_array_index (self->server_rows, k++), server);
        }
    }
}

/* The recovery time, once the execution has ended. */
void
_drso_execution_view_update_rto (DrsoExecutionView *self)
{
  g_autofree char *summary = NULL;
  gboolean ended, within;
  gint64 target, measured;
  guint launched, total;

  ended = self->execution != NULL &&
          drso_execution_status_is_final (drso_execution_get_status (self->execution));
  gtk_widget_set_visible (self->rto_box, ended);
  if (!ended)
    {
      drso_rto_timeline_set_execution (self->rto_timeline, NULL);
      return;
    }

  target = self->plan != NULL ? drso_recovery_plan_get_rto_target (self->plan) : 0;
  measured = drso_ui_measure_rto (self->execution);
  drso_rto_timeline_set_target (self->rto_timeline, target);
  drso_rto_timeline_set_execution (self->rto_timeline, self->execution);

  drso_ui_count_servers (self->execution, &launched, &total);
  if (measured >= 0 && launched < total)
    {
      g_autofree char *took = drso_chart_format_duration (measured);

      /* TRANSLATORS: the recovery time of an execution that did not recover
       * every server: "Only 1 of 2 servers recovered, the last after 40 s" */
      summary = g_strdup_printf (ngettext ("Only %u of %u server recovered, the last after %s",
                                           "Only %u of %u servers recovered, the last after %s",
                                           total), launched, total, took);
      measured = -1;
    }
  else
    summary = drso_ui_format_rto_summary (measured, target, &within);
  gtk_label_set_label (self->rto_label, summary);
  if (measured < 0)
    {
      gtk_image_set_from_icon_name (self->rto_icon, "dialog-warning-symbolic");
      drso_ui_set_state_class (GTK_WIDGET (self->rto_label), "warning");
      drso_ui_set_state_class (GTK_WIDGET (self->rto_icon), "warning");
      return;
    }
  gtk_image_set_from_icon_name (self->rto_icon, within ? "object-select-symbolic"
                                                       : "dialog-warning-symbolic");
  drso_ui_set_state_class (GTK_WIDGET (self->rto_label),
                           target <= 0 ? NULL : within ? "success" : "error");
  drso_ui_set_state_class (GTK_WIDGET (self->rto_icon),
                           target <= 0 ? NULL : within ? "success" : "error");
}
