/* drso-plans-page-row.c
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

#include "drso-plans-page-private.h"

/* A plan in the list: its name; its waves, estimated duration and targets;
 * how its last run went; its delete button (`plans.delete`). */

/* How the plan's last run went, in a few words and a style class. */
static char *
dup_last_run (DrsoStore         *store,
              DrsoRecoveryPlan  *plan,
              const char       **css)
{
  const char *status_text = drso_recovery_plan_get_last_execution_status (plan);
  const char *execution_id = drso_recovery_plan_get_last_execution_id (plan);
  g_autoptr(DrsoExecution) execution = NULL;
  DrsoExecutionStatus status;
  gboolean drill = TRUE;

  if (status_text == NULL || !drso_execution_status_from_string (status_text, &status))
    {
      *css = "dim-label";
      return g_strdup (_("Never run"));
    }
  if (execution_id != NULL)
    execution = drso_store_lookup_execution (store, execution_id, NULL);
  if (execution != NULL)
    drill = drso_execution_get_execution_type (execution) == DRSO_EXECUTION_TYPE_DRILL;

  switch (status)
    {
    case DRSO_EXECUTION_STATUS_COMPLETED:
      *css = "success";
      return g_strdup (drill ? _("Last drill completed") : _("Last recovery completed"));
    case DRSO_EXECUTION_STATUS_FAILED:
      *css = "error";
      return g_strdup (drill ? _("Last drill failed") : _("Last recovery failed"));
    case DRSO_EXECUTION_STATUS_CANCELLED:
      *css = "dim-label";
      return g_strdup (drill ? _("Last drill cancelled") : _("Last recovery cancelled"));
    case DRSO_EXECUTION_STATUS_PAUSED:
      *css = "warning";
      return g_strdup (drill ? _("Drill paused") : _("Recovery paused"));
    case DRSO_EXECUTION_STATUS_PENDING:
    case DRSO_EXECUTION_STATUS_RUNNING:
    default:
      *css = "accent";
      return g_strdup (drill ? _("Drill running") : _("Recovery running"));
    }
}

static char *
dup_summary (DrsoRecoveryPlan *plan)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_waves = drso_recovery_plan_get_n_waves (plan);
  guint total = drso_recovery_plan_get_estimated_total_duration (plan);
  guint rto = drso_recovery_plan_get_rto_target (plan);
  guint rpo = drso_recovery_plan_get_rpo_target (plan);

  /* TRANSLATORS: a recovery plan's number of waves, in the list of plans. */
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u wave", "%u waves", n_waves),
                                           n_waves));
  /* TRANSLATORS: a recovery plan's estimated duration, in minutes. */
  g_ptr_array_add (parts, g_strdup_printf (_("≈ %u min"), (total + 59) / 60));
  if (rto > 0)
    /* TRANSLATORS: a recovery plan's recovery time objective, in minutes. */
    g_ptr_array_add (parts, g_strdup_printf (_("RTO %u min"), (rto + 59) / 60));
  if (rpo > 0)
    /* TRANSLATORS: a recovery plan's recovery point objective, in minutes. */
    g_ptr_array_add (parts, g_strdup_printf (_("RPO %u min"), (rpo + 59) / 60));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* A row of the list of plans; it carries the plan's id as "plan-id". */
GtkWidget *
_drso_plans_page_row_new (DrsoStore        *store,
                          DrsoRecoveryPlan *plan)
{
  const char *plan_id = drso_recovery_plan_get_plan_id (plan);
  g_autofree char *summary = dup_summary (plan);
  g_autofree char *last_run = NULL;
  g_autofree char *delete_label = NULL;
  const char *css = NULL;
  GtkWidget *row, *status, *delete, *arrow;
  gint64 date;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 drso_recovery_plan_get_plan_name (plan));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "plan-id", g_strdup (plan_id), g_free);

  last_run = dup_last_run (store, plan, &css);
  status = gtk_label_new (last_run);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, css);
  date = drso_recovery_plan_get_last_execution_date (plan);
  if (date > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (date);
      g_autofree char *when_text = when != NULL ? g_date_time_format (when, "%x %X") : NULL;

      if (when_text != NULL)
        {
          /* TRANSLATORS: the tooltip of a plan's last run: its date and time. */
          g_autofree char *tooltip = g_strdup_printf (_("Started %s"), when_text);

          gtk_widget_set_tooltip_text (status, tooltip);
        }
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, _("Delete Plan"));
  /* TRANSLATORS: the accessible name of a plan's delete button. */
  delete_label = g_strdup_printf (_("Delete %s"), drso_recovery_plan_get_plan_name (plan));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "plans.delete");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (delete),
                                          g_variant_new_string (plan_id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_add_css_class (arrow, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  return row;
}
