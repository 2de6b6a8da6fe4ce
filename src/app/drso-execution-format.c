/* drso-execution-format.c
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

#include "drso-chart-util.h"
#include "drso-execution-format.h"

static const char * const state_classes[] = {
  "accent", "success", "warning", "error", "dim-label",
};

const char *
drso_ui_execution_type_label (DrsoExecutionType type)
{
  switch (type)
    {
    case DRSO_EXECUTION_TYPE_RECOVERY:
      return _("Recovery");
    case DRSO_EXECUTION_TYPE_DRILL:
    default:
      return _("Drill");
    }
}

const char *
drso_ui_execution_status_label (DrsoExecutionStatus status)
{
  switch (status)
    {
    case DRSO_EXECUTION_STATUS_PENDING:
      /* TRANSLATORS: the status of an execution that has not started its first wave */
      return _("Starting");
    case DRSO_EXECUTION_STATUS_RUNNING:
      return _("Running");
    case DRSO_EXECUTION_STATUS_PAUSED:
      return _("Paused");
    case DRSO_EXECUTION_STATUS_COMPLETED:
      return _("Completed");
    case DRSO_EXECUTION_STATUS_FAILED:
      return _("Failed");
    case DRSO_EXECUTION_STATUS_CANCELLED:
      return _("Cancelled");
    default:
      return "";
    }
}

const char *
drso_ui_execution_status_class (DrsoExecutionStatus status)
{
  switch (status)
    {
    case DRSO_EXECUTION_STATUS_PENDING:
    case DRSO_EXECUTION_STATUS_RUNNING:
      return "accent";
    case DRSO_EXECUTION_STATUS_PAUSED:
      return "warning";
    case DRSO_EXECUTION_STATUS_COMPLETED:
      return "success";
    case DRSO_EXECUTION_STATUS_FAILED:
      return "error";
    case DRSO_EXECUTION_STATUS_CANCELLED:
    default:
      return "dim-label";
    }
}

const char *
drso_ui_execution_status_icon (DrsoExecutionStatus status)
{
  switch (status)
    {
    case DRSO_EXECUTION_STATUS_PENDING:
      return "content-loading-symbolic";
    case DRSO_EXECUTION_STATUS_RUNNING:
      return "media-playback-start-symbolic";
    case DRSO_EXECUTION_STATUS_PAUSED:
      return "media-playback-pause-symbolic";
    case DRSO_EXECUTION_STATUS_COMPLETED:
      return "object-select-symbolic";
    case DRSO_EXECUTION_STATUS_FAILED:
      return "dialog-error-symbolic";
    case DRSO_EXECUTION_STATUS_CANCELLED:
    default:
      return "process-stop-symbolic";
    }
}

const char *
drso_ui_wave_status_label (DrsoWaveStatus status)
{
  switch (status)
    {
    case DRSO_WAVE_STATUS_PENDING:
      return _("Pending");
    case DRSO_WAVE_STATUS_PAUSED:
      return _("Waiting for approval");
    case DRSO_WAVE_STATUS_IN_PROGRESS:
      return _("In progress");
    case DRSO_WAVE_STATUS_COMPLETED:
      return _("Completed");
    case DRSO_WAVE_STATUS_FAILED:
      return _("Failed");
    case DRSO_WAVE_STATUS_SKIPPED:
      return _("Skipped");
    case DRSO_WAVE_STATUS_CANCELLED:
      /* TRANSLATORS: the status of a wave that did not run because its execution was cancelled */
      return _("Not run");
    default:
      return "";
    }
}

const char *
drso_ui_wave_status_class (DrsoWaveStatus status)
{
  switch (status)
    {
    case DRSO_WAVE_STATUS_IN_PROGRESS:
      return "accent";
    case DRSO_WAVE_STATUS_PAUSED:
    case DRSO_WAVE_STATUS_SKIPPED:
      return "warning";
    case DRSO_WAVE_STATUS_COMPLETED:
      return "success";
    case DRSO_WAVE_STATUS_FAILED:
      return "error";
    case DRSO_WAVE_STATUS_PENDING:
    case DRSO_WAVE_STATUS_CANCELLED:
    default:
      return "dim-label";
    }
}

const char *
drso_ui_launch_status_label (DrsoLaunchStatus status)
{
  switch (status)
    {
    case DRSO_LAUNCH_STATUS_PENDING:
      return _("Pending");
    case DRSO_LAUNCH_STATUS_IN_PROGRESS:
      return _("Launching");
    case DRSO_LAUNCH_STATUS_LAUNCHED:
      return _("Launched");
    case DRSO_LAUNCH_STATUS_FAILED:
      return _("Failed");
    case DRSO_LAUNCH_STATUS_TERMINATED:
      return _("Terminated");
    default:
      return "";
    }
}

const char *
drso_ui_launch_status_class (DrsoLaunchStatus status)
{
  switch (status)
    {
    case DRSO_LAUNCH_STATUS_IN_PROGRESS:
      return "accent";
    case DRSO_LAUNCH_STATUS_LAUNCHED:
      return "success";
    case DRSO_LAUNCH_STATUS_FAILED:
      return "error";
    case DRSO_LAUNCH_STATUS_PENDING:
    case DRSO_LAUNCH_STATUS_TERMINATED:
    default:
      return "dim-label";
    }
}

const char *
drso_ui_launch_status_icon (DrsoLaunchStatus status)
{
  switch (status)
    {
    case DRSO_LAUNCH_STATUS_IN_PROGRESS:
      return "content-loading-symbolic";
    case DRSO_LAUNCH_STATUS_LAUNCHED:
      return "object-select-symbolic";
    case DRSO_LAUNCH_STATUS_FAILED:
      return "dialog-error-symbolic";
    case DRSO_LAUNCH_STATUS_TERMINATED:
      return "process-stop-symbolic";
    case DRSO_LAUNCH_STATUS_PENDING:
    default:
      return "media-record-symbolic";
    }
}

/* Replaces the colour class of @widget (accent, success, …) with @css_class. */
void
drso_ui_set_state_class (GtkWidget  *widget,
                         const char *css_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    if (g_strcmp0 (state_classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, state_classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

/* The status pill: an icon and a word in the colour of the status. */
GtkWidget *
drso_ui_status_pill_new (void)
{
  GtkWidget *pill = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (pill, "card");
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_set_margin_start (image, 8);
  gtk_widget_set_margin_top (image, 3);
  gtk_widget_set_margin_bottom (image, 3);
  gtk_widget_set_margin_end (label, 10);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (pill), image);
  gtk_box_append (GTK_BOX (pill), label);
  return pill;
}

void
drso_ui_status_pill_set (GtkWidget           *pill,
                         DrsoExecutionStatus  status)
{
  GtkWidget *image = gtk_widget_get_first_child (pill);
  GtkWidget *label = gtk_widget_get_next_sibling (image);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), drso_ui_execution_status_icon (status));
  gtk_label_set_label (GTK_LABEL (label), drso_ui_execution_status_label (status));
  /* On the children: the card's own colour would win on the pill itself. */
  drso_ui_set_state_class (image, drso_ui_execution_status_class (status));
  drso_ui_set_state_class (label, drso_ui_execution_status_class (status));
}

/* "14:02" today, "Yesterday, 14:02", "3 Jan, 14:02" this year, else with the year. */
char *
drso_ui_format_date_time (gint64 seconds)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) today = NULL;
  const char *format;

  if (seconds <= 0)
    return g_strdup (_("not started"));

  when = g_date_time_new_from_unix_local (seconds);
  now = g_date_time_new_now_local ();
  today = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now), 0, 0, 0);
  if (g_date_time_compare (when, today) >= 0)
    /* TRANSLATORS: a time of today, in strftime() form */
    format = _("%H:%M");
  else if (g_date_time_difference (today, when) <= G_TIME_SPAN_DAY)
    /* TRANSLATORS: a time of yesterday, in strftime() form */
    format = _("Yesterday, %H:%M");
  else if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* TRANSLATORS: a date of this year and a time, in strftime() form */
    format = _("%e %b, %H:%M");
  else
    /* TRANSLATORS: a date and a time, in strftime() form */
    format = _("%e %b %Y, %H:%M");
  return g_strstrip (g_date_time_format (when, format));
}

/* "started 14:02 by alice" */
char *
drso_ui_format_started (DrsoExecution *execution)
{
  g_autofree char *when = drso_ui_format_date_time (drso_execution_get_start_time (execution));
  const char *who = drso_execution_get_initiated_by (execution);

  if (who != NULL && who[0] != '\0')
    /* TRANSLATORS: when an execution started and who started it: "started 14:02 by alice" */
    return g_strdup_printf (_("started %s by %s"), when, who);
  /* TRANSLATORS: when an execution started: "started 14:02" */
  return g_strdup_printf (_("started %s"), when);
}

/* "Wave 2 of 3", "Waiting for approval before wave 2", or NULL. */
char *
drso_ui_describe_progress (DrsoExecution *execution)
{
  DrsoExecutionStatus status = drso_execution_get_status (execution);
  guint current = drso_execution_get_current_wave (execution);
  guint total = drso_execution_get_total_waves (execution);

  if (total == 0)
    total = g_list_model_get_n_items (drso_execution_get_wave_runs (execution));

  switch (status)
    {
    case DRSO_EXECUTION_STATUS_PAUSED:
      /* TRANSLATORS: where a paused execution waits; %u is a wave number */
      return g_strdup_printf (_("Waiting for approval before wave %u"), current);
    case DRSO_EXECUTION_STATUS_RUNNING:
      if (current == 0)
        return NULL;
      /* TRANSLATORS: where a running execution is: "Wave 2 of 3" */
      return g_strdup_printf (_("Wave %u of %u"), current, total);
    case DRSO_EXECUTION_STATUS_PENDING:
    case DRSO_EXECUTION_STATUS_COMPLETED:
    case DRSO_EXECUTION_STATUS_FAILED:
    case DRSO_EXECUTION_STATUS_CANCELLED:
    default:
      return NULL;
    }
}

void
drso_ui_count_wave_servers (DrsoWaveRun *wave_run,
                            guint       *launched,
                            guint       *total)
{
  GListModel *servers = drso_wave_run_get_servers (wave_run);
  guint n = g_list_model_get_n_items (servers);

  *total += n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);
      DrsoLaunchStatus status = drso_server_run_get_status (server);

      if (status == DRSO_LAUNCH_STATUS_LAUNCHED || status == DRSO_LAUNCH_STATUS_TERMINATED)
        (*launched)++;
    }
}

void
drso_ui_count_servers (DrsoExecution *execution,
                       guint         *launched,
                       guint         *total)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);

  *launched = *total = 0;
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);

      drso_ui_count_wave_servers (wave_run, launched, total);
    }
}

/* The measured RTO in seconds, as the RTO timeline draws it: from the start
 * of the execution to the end of the last phase of its last recovered
 * server; -1 when no server was recovered. */
gint64
drso_ui_measure_rto (DrsoExecution *execution)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);
  gint64 origin = drso_execution_get_start_time (execution) * G_USEC_PER_SEC;
  gint64 ready = 0;

  if (origin <= 0)
    return -1;

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);

      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);
          DrsoLaunchStatus status = drso_server_run_get_status (server);

          if (status != DRSO_LAUNCH_STATUS_LAUNCHED && status != DRSO_LAUNCH_STATUS_TERMINATED)
            continue;
          ready = MAX (ready, drso_server_run_get_launch_end (server));
          ready = MAX (ready, drso_server_run_get_conversion_end (server));
          ready = MAX (ready, drso_server_run_get_snapshot_end (server));
        }
    }

  if (ready <= 0)
    return -1;
  return MAX (ready - origin, 0) / G_USEC_PER_SEC;
}

/* "2 min under target" or "3 min 10 s over target"; NULL without a target. */
char *
drso_ui_format_rto_difference (gint64    measured,
                               gint64    target,
                               gboolean *within)
{
  g_autofree char *difference = NULL;

  *within = target <= 0 || measured <= target;
  if (target <= 0 || measured < 0)
    return NULL;

  difference = drso_chart_format_duration (ABS (target - measured));
  if (*within)
    /* TRANSLATORS: how much sooner than the plan's RTO target a recovery ended: "2 min under target" */
    return g_strdup_printf (_("%s under target"), difference);
  /* TRANSLATORS: how much later than the plan's RTO target a recovery ended: "3 min over target" */
  return g_strdup_printf (_("%s over target"), difference);
}

/* "Recovered in 12 min 40 s — 2 min under the 15 min target" */
char *
drso_ui_format_rto_summary (gint64    measured,
                            gint64    target,
                            gboolean *within)
{
  g_autofree char *took = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *difference = NULL;

  *within = target <= 0 || (measured >= 0 && measured <= target);
  if (measured < 0)
    return g_strdup (_("No server was recovered"));

  took = drso_chart_format_duration (measured);
  if (target <= 0)
    /* TRANSLATORS: %s is a duration such as "12 min 40 s" */
    return g_strdup_printf (_("Recovered in %s; the plan sets no RTO target"), took);

  goal = drso_chart_format_duration (target);
  difference = drso_chart_format_duration (ABS (target - measured));
  if (measured == target)
    /* TRANSLATORS: the measured recovery time and the plan's RTO target, which it met exactly */
    return g_strdup_printf (_("Recovered in %s — right on the %s target"), took, goal);
  if (*within)
    /* TRANSLATORS: the measured recovery time, how much sooner than the target it
     * was, and the target: "Recovered in 12 min 40 s — 2 min 20 s under the 15 min target" */
    return g_strdup_printf (_("Recovered in %s — %s under the %s target"), took, difference, goal);
  /* TRANSLATORS: the measured recovery time, how much later than the target it
   * was, and the target: "Recovered in 18 min — 3 min over the 15 min target" */
  return g_strdup_printf (_("Recovered in %s — %s over the %s target"), took, difference, goal);
}
