/* drso-plan-designer-run.c
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

#include "drso-plan-designer-private.h"

/* Readiness and starting a run:
 *
 *   designer.check-readiness   runs DrsoReadiness on the stored plan and lays
 *                              its findings on the waves and cards, with a
 *                              verdict banner and the predicted RTO
 *   designer.start-drill       starts a drill through the engine
 *   designer.start-recovery    asks for the plan's name, then starts a real
 *                              recovery
 *
 * Both starts open the new execution with `app.show-execution` when the
 * application has that action. */

typedef struct
{
  DrsoPlanDesigner  *self;
  DrsoExecutionType  type;
} StartData;

static void
start_data_free (StartData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StartData, start_data_free)

static const char *
severity_icon (DrsoReadinessSeverity severity)
{
  switch (severity)
    {
    case DRSO_READINESS_SEVERITY_BLOCKER:
      return "dialog-error-symbolic";
    case DRSO_READINESS_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case DRSO_READINESS_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_class (DrsoReadinessSeverity severity)
{
  switch (severity)
    {
    case DRSO_READINESS_SEVERITY_BLOCKER:
      return "error";
    case DRSO_READINESS_SEVERITY_WARNING:
      return "warning";
    case DRSO_READINESS_SEVERITY_INFO:
    default:
      return "dim-label";
    }
}

static GtkWidget *
finding_row_new (DrsoReadinessFinding *finding)
{
  DrsoReadinessSeverity severity = drso_readiness_finding_get_severity (finding);
  guint wave = drso_readiness_finding_get_wave_number (finding);
  const char *server = drso_readiness_finding_get_server_id (finding);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (severity));
  g_autofree char *where = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 drso_readiness_finding_get_message (finding));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (wave > 0 && server != NULL)
    /* TRANSLATORS: where a readiness finding applies: a wave number and a server id. */
    where = g_strdup_printf (_("Wave %u · %s"), wave, server);
  else if (wave > 0)
    /* TRANSLATORS: where a readiness finding applies: a wave number. */
    where = g_strdup_printf (_("Wave %u"), wave);
  else
    where = g_strdup (_("Whole plan"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  gtk_widget_add_css_class (icon, severity_class (severity));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

void
_drso_plan_designer_show_report (DrsoPlanDesigner *self)
{
  GListModel *findings;
  DrsoReadinessVerdict verdict;
  guint n_blockers, n_warnings, n;
  g_autofree char *detail = NULL;
  g_autofree char *button_label = NULL;
  g_autofree char *predicted = NULL;
  const char *css, *first = NULL;
  guint rto_target, rto_minutes;
  GtkWidget *child;

  gtk_revealer_set_reveal_child (self->verdict_revealer, self->report != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->predicted_label), self->report != NULL);
  if (self->report == NULL)
    return;

  verdict = drso_readiness_report_get_verdict (self->report);
  findings = drso_readiness_report_get_findings (self->report);
  n = g_list_model_get_n_items (findings);
  n_blockers = drso_readiness_report_count (self->report, DRSO_READINESS_SEVERITY_BLOCKER);
  n_warnings = drso_readiness_report_count (self->report, DRSO_READINESS_SEVERITY_WARNING);
  if (n > 0)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, 0);

      first = drso_readiness_finding_get_message (finding);
      detail = g_strdup (first);
    }

  switch (verdict)
    {
    case DRSO_READINESS_VERDICT_NO_GO:
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-error-symbolic");
      /* TRANSLATORS: the verdict of a readiness check, as operators say it. */
      gtk_label_set_text (self->verdict_label, _("NO-GO"));
      css = "error";
      g_free (detail);
      /* TRANSLATORS: under the NO-GO verdict: how many blockers, then the first. */
      detail = g_strdup_printf (g_dngettext (NULL, "%u blocker: %s",
                                             "%u blockers. First: %s", n_blockers),
                                n_blockers, first != NULL ? first : "");
      break;
    case DRSO_READINESS_VERDICT_GO_WITH_WARNINGS:
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
      /* TRANSLATORS: the verdict of a readiness check, as operators say it. */
      gtk_label_set_text (self->verdict_label, _("GO WITH WARNINGS"));
      css = "warning";
      g_free (detail);
      /* TRANSLATORS: under the GO WITH WARNINGS verdict: how many warnings, then the first. */
      detail = g_strdup_printf (g_dngettext (NULL, "A drill can start, with %u warning: %s",
                                             "A drill can start, with %u warnings. First: %s",
                                             n_warnings),
                                n_warnings, first != NULL ? first : "");
      break;
    case DRSO_READINESS_VERDICT_GO:
    default:
      gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
      /* TRANSLATORS: the verdict of a readiness check, as operators say it. */
      gtk_label_set_text (self->verdict_label, _("GO"));
      css = "success";
      g_free (detail);
      detail = g_strdup (_("Nothing stands in the way of a drill: every server replicates and "
                           "can be launched."));
      break;
    }

  if (self->report_stale)
    {
      /* TRANSLATORS: under the verdict once the plan was edited after the check. */
      g_autofree char *stale = g_strdup_printf (_("The plan changed since this check: check "
                                                  "again. %s"), detail);

      g_free (detail);
      detail = g_steal_pointer (&stale);
    }
  gtk_label_set_text (self->verdict_detail_label, detail);

  for (guint i = 0; i < 3; i++)
    {
      static const char * const classes[] = { "success", "warning", "error" };

      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), classes[i]);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), css);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css);
  gtk_widget_set_opacity (self->verdict_box, self->report_stale ? 0.6 : 1.0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);

      gtk_list_box_append (self->findings_list, finding_row_new (finding));
    }
  /* TRANSLATORS: the button that lists a readiness check's findings. */
  button_label = g_strdup_printf (g_dngettext (NULL, "%u Finding", "%u Findings", n), n);
  gtk_menu_button_set_label (self->findings_button, button_label);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_button), n > 0);

  rto_minutes = (guint) ((drso_readiness_report_get_predicted_rto (self->report) + 59) / 60);
  rto_target = drso_recovery_plan_get_rto_target (self->plan);
  if (rto_minutes > 0)
    /* TRANSLATORS: the RTO a readiness check predicts, in minutes. */
    predicted = g_strdup_printf (_("Predicted RTO %u min"), rto_minutes);
  else
    /* Neither a past run nor the waves' estimates tell. */
    predicted = g_strdup (_("No RTO prediction yet"));
  gtk_label_set_text (self->predicted_label, predicted);
  gtk_widget_remove_css_class (GTK_WIDGET (self->predicted_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->predicted_label), "warning");
  if (rto_target > 0 && rto_minutes > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->predicted_label),
                              drso_readiness_report_get_predicted_rto (self->report) <= rto_target
                                ? "success" : "warning");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->predicted_label),
                               rto_minutes > 0
                                 ? _("From the waves’ durations in the last completed run, or "
                                     "from their estimates")
                                 : _("There is no completed run to learn from: estimate the "
                                     "waves’ durations to get a prediction"));
}

/* Adds the messages of the findings for wave @wave_number (the wave itself
 * when @group_id is %NULL, or one of its groups) to @messages. */
void
_drso_plan_designer_collect_findings (DrsoPlanDesigner *self,
                                      guint             wave_number,
                                      const char       *group_id,
                                      GPtrArray        *messages,
                                      gboolean         *is_error)
{
  GListModel *findings;

  if (self->report == NULL || self->report_stale)
    return;

  findings = drso_readiness_report_get_findings (self->report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);
      DrsoReadinessSeverity severity = drso_readiness_finding_get_severity (finding);
      const char *server_id = drso_readiness_finding_get_server_id (finding);
      g_autofree char *key = NULL;
      const char *owner = NULL;

      if (severity == DRSO_READINESS_SEVERITY_INFO ||
          drso_readiness_finding_get_wave_number (finding) != wave_number)
        continue;
      if (server_id != NULL)
        {
          key = g_strdup_printf ("%u/%s", wave_number, server_id);
          owner = g_hash_table_lookup (self->server_groups, key);
        }
      /* A finding about a server shows on its group's card; the rest on the
       * wave. */
      if (g_strcmp0 (owner, group_id) != 0)
        continue;
      g_ptr_array_add (messages, g_strdup (drso_readiness_finding_get_message (finding)));
      if (severity == DRSO_READINESS_SEVERITY_BLOCKER)
        *is_error = TRUE;
    }
}

static void
set_checking (DrsoPlanDesigner *self,
              gboolean          checking)
{
  self->checking = checking;
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_spinner), checking);
  gtk_spinner_set_spinning (self->readiness_spinner, checking);
  gtk_label_set_text_with_mnemonic (self->readiness_label,
                                    checking ? _("Checking…") : _("Check _Readiness"));
  _drso_plan_designer_update_sensitivity (self);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DrsoPlanDesigner) self = user_data;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = drso_readiness_check_finish (DRSO_READINESS (source), result, &error);
  /* Cancelled: the designer moved to another plan, or is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  set_checking (self, FALSE);
  if (report == NULL)
    {
      /* TRANSLATORS: a toast; %s says why the readiness check failed. */
      g_autofree char *message = g_strdup_printf (_("The readiness check failed: %s"),
                                                  error->message);

      _drso_plan_designer_toast (self, message);
      return;
    }

  g_set_object (&self->report, report);
  self->report_stale = FALSE;
  _drso_plan_designer_show_report (self);
  _drso_plan_designer_show_problems (self);
}

static void
check_readiness (DrsoPlanDesigner *self)
{
  g_autoptr(DrsoReadiness) readiness = NULL;

  if (self->checking)
    return;
  if (!drso_plan_designer_save (self))
    {
      _drso_plan_designer_toast (self,
                                 _("Fix the plan’s problems before checking its readiness"));
      return;
    }
  set_checking (self, TRUE);
  readiness = drso_readiness_new (self->store, drso_plan_designer_get_plan_id (self), NULL);
  drso_readiness_check_async (readiness, self->cancellable, check_done_cb, g_object_ref (self));
}

static void
check_readiness_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  check_readiness (DRSO_PLAN_DESIGNER (widget));
}

static void
start_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(StartData) data = user_data;
  DrsoPlanDesigner *self = data->self;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  execution = drso_engine_start_execution_finish (DRSO_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;
  self->starting = FALSE;
  _drso_plan_designer_update_sensitivity (self);
  if (execution == NULL)
    {
      _drso_plan_designer_toast (self, error->message);
      /* Show the blockers where they are. */
      if (g_error_matches (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_NOT_READY))
        check_readiness (self);
      return;
    }

  id = drso_execution_get_execution_id (execution);
  g_signal_emit_by_name (self, "execution-started", id);
  _drso_plan_designer_toast (self, data->type == DRSO_EXECUTION_TYPE_DRILL
                                     ? _("Drill started") : _("Recovery started"));
  gtk_widget_activate_action (GTK_WIDGET (self), "app.show-execution", "s", id);
}

static void
start (DrsoPlanDesigner  *self,
       DrsoExecutionType  type)
{
  StartData *data;

  if (self->starting)
    return;
  if (!drso_plan_designer_save (self))
    {
      _drso_plan_designer_toast (self, _("Fix the plan’s problems before starting it"));
      return;
    }
  self->starting = TRUE;
  _drso_plan_designer_update_sensitivity (self);
  data = g_new0 (StartData, 1);
  data->self = g_object_ref (self);
  data->type = type;
  /* Not cancelled when the designer moves to another plan: a start that
   * was asked for goes through, and still opens its execution. */
  drso_engine_start_execution_async (self->engine, drso_plan_designer_get_plan_id (self), type,
                                     NULL, start_done_cb, data);
}

static void
start_drill_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  start (DRSO_PLAN_DESIGNER (widget), DRSO_EXECUTION_TYPE_DRILL);
}

static void
confirm_changed_cb (GtkEditable     *entry,
                    AdwMessageDialog *dialog)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "plan-name");

  adw_message_dialog_set_response_enabled (dialog, "recover",
                                           g_strcmp0 (gtk_editable_get_text (entry), name) == 0);
}

static void
confirm_activate_cb (GtkEntry         *entry,
                     AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "recover"))
    adw_message_dialog_response (dialog, "recover");
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DrsoPlanDesigner *self)
{
  if (g_strcmp0 (response, "recover") == 0)
    start (self, DRSO_EXECUTION_TYPE_RECOVERY);
}

static void
start_recovery_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *name;
  GtkWidget *dialog, *entry;

  if (!GTK_IS_WINDOW (root) || !drso_plan_designer_save (self))
    return;

  name = drso_recovery_plan_get_plan_name (self->plan);
  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Start a Real Recovery?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* TRANSLATORS: %s is the plan's name. */
                                  _("This launches recovery instances of every server of “%s” "
                                    "for real use, not a drill. Type the plan’s name to "
                                    "confirm."),
                                  name);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The plan’s name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "recover", _("_Start Recovery"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "recover", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "plan-name", g_strdup (name), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (confirm_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (confirm_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_drso_plan_designer_class_run_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "designer.check-readiness", NULL,
                                   check_readiness_action);
  gtk_widget_class_install_action (widget_class, "designer.start-drill", NULL,
                                   start_drill_action);
  gtk_widget_class_install_action (widget_class, "designer.start-recovery", NULL,
                                   start_recovery_action);
}
