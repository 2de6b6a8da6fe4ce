/* drso-executions-page-list.c
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

/* The list of the executions page: which executions the search and the
 * filters let through, the choices of the plan filter, and a row per
 * execution. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-chart-util.h"
#include "drso-execution-format.h"
#include "drso-executions-page-private.h"

/* Filtering */

static gboolean
matches_word (DrsoExecution *execution,
              const char    *word)
{
  const char *fields[] = {
    drso_execution_get_plan_name (execution),
    drso_execution_get_execution_id (execution),
    drso_execution_get_initiated_by (execution),
    drso_ui_execution_type_label (drso_execution_get_execution_type (execution)),
    drso_ui_execution_status_label (drso_execution_get_status (execution)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fields[i] != NULL ? g_utf8_casefold (fields[i], -1) : NULL;

      if (folded != NULL && strstr (folded, word) != NULL)
        return TRUE;
    }
  return FALSE;
}

gboolean
_drso_executions_page_filter (gpointer item,
                  gpointer user_data)
{
  DrsoExecutionsPage *self = user_data;
  DrsoExecution *execution = item;
  DrsoExecutionStatus status = drso_execution_get_status (execution);
  DrsoExecutionType type = drso_execution_get_execution_type (execution);
  guint plan = gtk_drop_down_get_selected (self->plan_dropdown);
  const char *plan_id = plan < self->plan_ids->len ? g_ptr_array_index (self->plan_ids, plan) : NULL;

  if (plan_id != NULL && g_strcmp0 (plan_id, drso_execution_get_plan_id (execution)) != 0)
    return FALSE;

  switch (gtk_drop_down_get_selected (self->status_dropdown))
    {
    case STATE_UNFINISHED:
      if (drso_execution_status_is_final (status))
        return FALSE;
      break;
    case STATE_PAUSED:
      if (status != DRSO_EXECUTION_STATUS_PAUSED)
        return FALSE;
      break;
    case STATE_COMPLETED:
      if (status != DRSO_EXECUTION_STATUS_COMPLETED)
        return FALSE;
      break;
    case STATE_FAILED:
      if (status != DRSO_EXECUTION_STATUS_FAILED)
        return FALSE;
      break;
    case STATE_CANCELLED:
      if (status != DRSO_EXECUTION_STATUS_CANCELLED)
        return FALSE;
      break;
    case STATE_ALL:
    default:
      break;
    }

  switch (gtk_drop_down_get_selected (self->type_dropdown))
    {
    case TYPE_DRILLS:
      if (type != DRSO_EXECUTION_TYPE_DRILL)
        return FALSE;
      break;
    case TYPE_RECOVERIES:
      if (type != DRSO_EXECUTION_TYPE_RECOVERY)
        return FALSE;
      break;
    case TYPE_ALL:
    default:
      break;
    }

  for (guint i = 0; self->search_words != NULL && self->search_words[i] != NULL; i++)
    if (!matches_word (execution, self->search_words[i]))
      return FALSE;
  return TRUE;
}

static gboolean
same_plans (DrsoExecutionsPage *self,
            GPtrArray          *old_ids,
            GPtrArray          *names)
{
  GListModel *model = G_LIST_MODEL (self->plan_names);

  if (old_ids->len != self->plan_ids->len || g_list_model_get_n_items (model) != old_ids->len)
    return FALSE;
  for (guint i = 0; i < old_ids->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (old_ids, i), g_ptr_array_index (self->plan_ids, i)) != 0 ||
          g_strcmp0 (gtk_string_list_get_string (self->plan_names, i),
                     g_ptr_array_index (names, i)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The plan filter: the plans of the store, and those of executions whose
 * plan was deleted since. */
void
_drso_executions_page_rebuild_plans (DrsoExecutionsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->plan_dropdown);
  g_autofree char *selected_id = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) old_ids = NULL;
  guint new_selected = 0;

  if (selected != GTK_INVALID_LIST_POSITION && selected < self->plan_ids->len)
    selected_id = g_strdup (g_ptr_array_index (self->plan_ids, selected));

  old_ids = g_steal_pointer (&self->plan_ids);
  self->plan_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->plan_ids, NULL);
  g_ptr_array_add (names, g_strdup (_("All Plans")));
  for (guint i = 0; i < g_list_model_get_n_items (self->plans); i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (self->plans, i);

      g_ptr_array_add (self->plan_ids, g_strdup (drso_recovery_plan_get_plan_id (plan)));
      g_ptr_array_add (names, g_strdup (drso_recovery_plan_get_plan_name (plan)));
    }
  for (guint i = 1; i < self->plan_ids->len; i++)
    g_hash_table_add (seen, g_ptr_array_index (self->plan_ids, i));
  for (guint i = 0; i < g_list_model_get_n_items (self->executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (self->executions, i);
      const char *plan_id = drso_execution_get_plan_id (execution);

      if (plan_id == NULL || g_hash_table_contains (seen, plan_id))
        continue;
      g_ptr_array_add (self->plan_ids, g_strdup (plan_id));
      g_hash_table_add (seen, g_ptr_array_index (self->plan_ids, self->plan_ids->len - 1));
      g_ptr_array_add (names, g_strdup (drso_execution_get_plan_name (execution)));
    }
  g_ptr_array_add (names, NULL);

  for (guint i = 1; selected_id != NULL && i < self->plan_ids->len; i++)
    if (g_str_equal (selected_id, g_ptr_array_index (self->plan_ids, i)))
      new_selected = i;

  /* The executions change often while one runs: keep the list as it is
   * when its plans are the same. */
  if (same_plans (self, old_ids, names))
    return;

  self->rebuilding_plans = TRUE;
  gtk_string_list_splice (self->plan_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->plan_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->plan_dropdown, new_selected);
  self->rebuilding_plans = FALSE;
  if (new_selected == 0 && selected_id != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

/* Rows */

char *
_drso_executions_page_describe (DrsoExecution *execution)
{
  DrsoExecutionStatus status = drso_execution_get_status (execution);
  g_autofree char *started = drso_ui_format_started (execution);
  const char *type = drso_ui_execution_type_label (drso_execution_get_execution_type (execution));
  g_autofree char *duration = NULL;

  if (drso_execution_status_is_final (status))
    duration = drso_chart_format_duration (drso_execution_get_duration (execution));
  else if (drso_execution_get_start_time (execution) > 0)
    {
      g_autofree char *elapsed = drso_chart_format_duration (g_get_real_time () / G_USEC_PER_SEC -
                                                             drso_execution_get_start_time (execution));

      /* TRANSLATORS: how long a running execution has run so far */
      duration = g_strdup_printf (_("%s so far"), elapsed);
    }

  if (duration == NULL)
    /* TRANSLATORS: a row of the executions: its type and when it started */
    return g_strdup_printf (_("%s · %s"), type, started);
  /* TRANSLATORS: a row of the executions: its type, when it started and how long it took */
  return g_strdup_printf (_("%s · %s · %s"), type, started, duration);
}

GtkWidget *
_drso_executions_page_create_row (gpointer item,
            gpointer user_data)
{
  DrsoExecution *execution = item;
  DrsoExecutionStatus status = drso_execution_get_status (execution);
  g_autofree char *subtitle = _drso_executions_page_describe (execution);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *pill = drso_ui_status_pill_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 drso_execution_get_plan_name (execution));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "drso-execution", g_object_ref (execution),
                          g_object_unref);

  if (drso_execution_get_execution_type (execution) == DRSO_EXECUTION_TYPE_RECOVERY)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("A real recovery, not a drill"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  if (!drso_execution_status_is_final (status))
    {
      GtkWidget *progress = gtk_progress_bar_new ();
      guint launched, total;
      g_autofree char *text = NULL;

      drso_ui_count_servers (execution, &launched, &total);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress),
                                     total > 0 ? (double) launched / total : 0.0);
      /* TRANSLATORS: the progress of a running execution: servers up of all */
      text = g_strdup_printf (_("%u of %u servers launched"), launched, total);
      gtk_widget_set_tooltip_text (progress, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (progress),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_widget_set_size_request (progress, 120, -1);
      gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), progress);
    }

  drso_ui_status_pill_set (pill, status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), pill);
  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  return row;
}

