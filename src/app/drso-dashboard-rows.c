/* drso-dashboard-rows.c
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

/* The rows of the dashboard: a running execution with its strip of waves
 * and, when it waits for approval, its Resume button; a plan whose
 * readiness check found problems; a server whose replication stalled or
 * fell behind; a plan's last drill with its measured RTO against the
 * plan's target. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-chart-util.h"
#include "drso-dashboard-page-private.h"
#include "drso-execution-format.h"

/* Servers listed one by one under "Needs attention"; more are counted. */
#define MAX_SERVER_ROWS 5
#define LAG_LIMIT_S     3600

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_icon (GtkWidget  *row,
          const char *icon_name,
          const char *css_class,
          const char *tooltip)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);
  gtk_widget_set_tooltip_text (icon, tooltip);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
}

static void
add_arrow (GtkWidget *row)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
}

/* Running now */

/* A segment per wave: how much of it is up. */
static GtkWidget *
new_strip (DrsoExecution *execution)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);
  GtkWidget *strip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  g_autoptr(GString) description = g_string_new (NULL);

  gtk_widget_set_valign (strip, GTK_ALIGN_CENTER);
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);
      DrsoWaveStatus status = drso_wave_run_get_status (wave_run);
      GtkWidget *segment = gtk_level_bar_new_for_interval (0.0, 1.0);
      g_autofree char *text = NULL;
      guint launched = 0, total = 0;

      drso_ui_count_wave_servers (wave_run, &launched, &total);
      /* Accent while it fills, success once full. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (segment), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (segment), GTK_LEVEL_BAR_OFFSET_HIGH, 0.999);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (segment),
                               status == DRSO_WAVE_STATUS_COMPLETED ? 1.0
                               : total > 0 ? (double) launched / total : 0.0);
      gtk_widget_set_size_request (segment, 32, -1);
      gtk_widget_set_valign (segment, GTK_ALIGN_CENTER);

      /* TRANSLATORS: a segment of the strip of a running execution: the
       * wave, its state and its servers up, "Wave 2: In progress, 1 of 4 launched" */
      text = g_strdup_printf (_("Wave %u: %s, %u of %u launched"),
                              drso_wave_run_get_wave_number (wave_run),
                              drso_ui_wave_status_label (status), launched, total);
      gtk_widget_set_tooltip_text (segment, text);
      g_string_append_printf (description, "%s%s.", description->len ? " " : "", text);
      gtk_box_append (GTK_BOX (strip), segment);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (strip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description->str, -1);
  return strip;
}

typedef struct
{
  DrsoDashboardPage *self;     /* owned */
  char              *execution_id;
} Resume;

static void
resume_free (Resume *resume)
{
  g_clear_object (&resume->self);
  g_free (resume->execution_id);
  g_free (resume);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resume, resume_free)

static void
resumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Resume) resume = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_engine_request_finish (DRSO_ENGINE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (resume->self->resuming != NULL)
    g_hash_table_remove (resume->self->resuming, resume->execution_id);
  if (error != NULL)
    _drso_dashboard_page_emit_toast (resume->self, error->message);
  drso_dashboard_page_refresh (resume->self);
}

static void
resume_clicked_cb (GtkButton         *button,
                   DrsoDashboardPage *self)
{
  const char *execution_id = g_object_get_data (G_OBJECT (button), "drso-execution-id");
  Resume *resume;

  if (execution_id == NULL || g_hash_table_contains (self->resuming, execution_id))
    return;

  resume = g_new0 (Resume, 1);
  resume->self = g_object_ref (self);
  resume->execution_id = g_strdup (execution_id);
  g_hash_table_add (self->resuming, g_strdup (execution_id));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  drso_engine_request_async (self->engine, execution_id, DRSO_ENGINE_CONTROL_RESUME,
                             self->cancellable, resumed_cb, resume);
}

GtkWidget *
_drso_dashboard_running_row_new (DrsoDashboardPage *self,
                                 DrsoExecution     *execution)
{
  DrsoExecutionStatus status = drso_execution_get_status (execution);
  const char *execution_id = drso_execution_get_execution_id (execution);
  const char *type = drso_ui_execution_type_label (drso_execution_get_execution_type (execution));
  g_autofree char *progress = drso_ui_describe_progress (execution);
  g_autofree char *started = drso_ui_format_started (execution);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (progress != NULL)
    /* TRANSLATORS: a running execution: its type, where it is, when it started */
    subtitle = g_strdup_printf (_("%s · %s · %s"), type, progress, started);
  else
    /* TRANSLATORS: a running execution: its type and when it started */
    subtitle = g_strdup_printf (_("%s · %s"), type, started);
  row = new_row (drso_execution_get_plan_name (execution), subtitle);
  g_object_set_data_full (G_OBJECT (row), "drso-execution-id", g_strdup (execution_id), g_free);

  if (drso_execution_get_execution_type (execution) == DRSO_EXECUTION_TYPE_RECOVERY)
    add_icon (row, "dialog-warning-symbolic", "error", _("A real recovery, not a drill"));
  else
    add_icon (row, drso_ui_execution_status_icon (status), drso_ui_execution_status_class (status),
              drso_ui_execution_status_label (status));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_strip (execution));

  if (status == DRSO_EXECUTION_STATUS_PAUSED)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Resume"));
      g_autoptr(GError) error = NULL;
      gboolean allowed = drso_store_check_permission (self->store,
                                                      DRSO_PERMISSION_MANAGE_EXECUTION, &error);

      gtk_widget_add_css_class (button, "suggested-action");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, allowed ? _("Approve the next wave and go on")
                                                   : error->message);
      gtk_widget_set_sensitive (button, allowed &&
                                        !g_hash_table_contains (self->resuming, execution_id));
      g_object_set_data_full (G_OBJECT (button), "drso-execution-id", g_strdup (execution_id),
                              g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (resume_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  add_arrow (row);
  return row;
}

/* Needs attention */

void
_drso_dashboard_add_plan_rows (DrsoDashboardPage *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->plans); i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (self->plans, i);
      DrsoPlanReadiness *readiness = g_hash_table_lookup (self->readiness,
                                                          drso_recovery_plan_get_plan_id (plan));
      g_autofree char *subtitle = NULL;
      g_autofree char *counts = NULL;
      GtkWidget *row;
      gboolean no_go;

      if (readiness == NULL || readiness->verdict == DRSO_READINESS_VERDICT_GO)
        continue;

      no_go = readiness->verdict == DRSO_READINESS_VERDICT_NO_GO;
      if (readiness->failed)
        counts = g_strdup (_("Readiness could not be checked"));
      else if (no_go)
        /* TRANSLATORS: why a plan cannot run: how many problems block it */
        counts = g_strdup_printf (ngettext ("Not ready: %u problem blocks a start",
                                            "Not ready: %u problems block a start",
                                            readiness->n_blockers), readiness->n_blockers);
      else
        /* TRANSLATORS: a plan that can run, with warnings */
        counts = g_strdup_printf (ngettext ("Ready with %u warning", "Ready with %u warnings",
                                            readiness->n_warnings), readiness->n_warnings);
      if (readiness->message != NULL)
        /* TRANSLATORS: the state of a plan's readiness, then its first finding */
        subtitle = g_strdup_printf (_("%s — %s"), counts, readiness->message);

      row = new_row (drso_recovery_plan_get_plan_name (plan), subtitle ? subtitle : counts);
      add_icon (row, no_go ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                no_go ? "error" : "warning", no_go ? _("Not ready") : _("Ready with warnings"));
      g_object_set_data (G_OBJECT (row), "drso-section", (gpointer) "plans");
      add_arrow (row);
      gtk_list_box_append (self->attention_list, row);
    }
}

void
_drso_dashboard_add_server_rows (DrsoDashboardPage *self)
{
  guint n_shown = 0, n_more = 0;

  for (guint i = 0; i < g_list_model_get_n_items (self->servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (self->servers, i);
      const char *state = drso_source_server_get_replication_state (server);
      const char *hostname = drso_source_server_get_hostname (server);
      gint64 lag = drso_source_server_get_lag_seconds (server);
      gboolean stalled = g_strcmp0 (state, "STALLED") == 0;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!stalled && lag <= LAG_LIMIT_S)
        continue;
      if (n_shown == MAX_SERVER_ROWS)
        {
          n_more++;
          continue;
        }

      if (stalled)
        subtitle = g_strdup (_("Replication stalled: a recovery would use old data"));
      else
        {
          g_autofree char *behind = drso_chart_format_duration (lag);

          /* TRANSLATORS: how far behind a server's replication is, "3 h 5 min" */
          subtitle = g_strdup_printf (_("Replication %s behind"), behind);
        }
      row = new_row (hostname != NULL && hostname[0] != '\0'
                     ? hostname : drso_source_server_get_source_server_id (server), subtitle);
      add_icon (row, stalled ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                stalled ? "error" : "warning", stalled ? _("Stalled") : _("Behind"));
      g_object_set_data (G_OBJECT (row), "drso-section", (gpointer) "servers");
      add_arrow (row);
      gtk_list_box_append (self->attention_list, row);
      n_shown++;
    }

  if (n_more > 0)
    {
      g_autofree char *title = NULL;
      GtkWidget *row;

      /* TRANSLATORS: the last row of "Needs attention" when there are more servers */
      title = g_strdup_printf (ngettext ("%u more server needs attention",
                                         "%u more servers need attention", n_more), n_more);
      row = new_row (title, _("See them in Source Servers"));
      g_object_set_data (G_OBJECT (row), "drso-section", (gpointer) "servers");
      add_arrow (row);
      gtk_list_box_append (self->attention_list, row);
    }
}

/* Last drills */

GtkWidget *
_drso_dashboard_drill_row_new (DrsoExecution    *execution,
                               DrsoRecoveryPlan *plan)
{
  gint64 target = drso_recovery_plan_get_rto_target (plan);
  gint64 measured = drso_ui_measure_rto (execution);
  g_autofree char *when = drso_ui_format_date_time (drso_execution_get_end_time (execution));
  g_autofree char *subtitle = NULL;
  g_autofree char *took = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *goal = NULL;
  GtkWidget *row, *box, *took_label, *difference_label;
  gboolean within;

  /* TRANSLATORS: when a plan's last drill ended */
  subtitle = g_strdup_printf (_("Drill completed %s"), when);
  row = new_row (drso_recovery_plan_get_plan_name (plan), subtitle);
  g_object_set_data_full (G_OBJECT (row), "drso-execution-id",
                          g_strdup (drso_execution_get_execution_id (execution)), g_free);

  took = measured >= 0 ? drso_chart_format_duration (measured) : g_strdup (_("Nothing recovered"));
  difference = drso_ui_format_rto_difference (measured, target, &within);
  if (difference == NULL)
    difference = g_strdup (target > 0 ? "" : _("no RTO target"));
  within = within && measured >= 0;

  add_icon (row, target <= 0 ? "task-due-symbolic"
                 : within ? "object-select-symbolic" : "dialog-warning-symbolic",
            target <= 0 ? "dim-label" : within ? "success" : "error",
            target <= 0 ? _("No RTO target") : within ? _("Within the RTO target")
                                                    : _("Over the RTO target"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  took_label = gtk_label_new (took);
  gtk_label_set_xalign (GTK_LABEL (took_label), 1);
  gtk_widget_add_css_class (took_label, "heading");
  if (target > 0)
    gtk_widget_add_css_class (took_label, within ? "success" : "error");
  difference_label = gtk_label_new (difference);
  gtk_label_set_xalign (GTK_LABEL (difference_label), 1);
  gtk_widget_add_css_class (difference_label, "caption");
  gtk_widget_add_css_class (difference_label, "dim-label");
  gtk_box_append (GTK_BOX (box), took_label);
  gtk_box_append (GTK_BOX (box), difference_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  if (target > 0)
    {
      g_autofree char *target_text = drso_chart_format_duration (target);

      /* TRANSLATORS: a tooltip: the measured RTO of a drill, and the plan's target */
      goal = g_strdup_printf (_("Measured RTO %s against a target of %s"), took, target_text);
      gtk_widget_set_tooltip_text (box, goal);
    }

  add_arrow (row);
  return row;
}
