/* drso-execution-view-actions.c
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

/* The controls of the page of one execution: pause, resume, cancel, retry
 * or skip a failed wave, and terminate a drill's instances. Each is enabled
 * by the execution's state and by the active role. The controls go through
 * drso_engine_request_async(), so they reach whichever process drives the
 * execution, this one or the command line. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-execution-view-private.h"

typedef struct
{
  DrsoExecutionView *self;     /* owned */
  DrsoEngineControl  control;
  guint              wave_number;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* The state of the execution */

static guint
find_wave (DrsoExecution  *execution,
           DrsoWaveStatus  status)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);

      if (drso_wave_run_get_status (wave_run) == status)
        return drso_wave_run_get_wave_number (wave_run);
    }
  return 0;
}

static guint
count_instances (DrsoExecution *execution)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);

      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

          if (drso_server_run_get_recovery_instance_id (server) != NULL)
            n++;
        }
    }
  return n;
}

/* The tooltip of a control: what it does, or why the role forbids it. */
static void
set_tooltip (GtkWidget  *button,
             GError     *forbidden)
{
  gtk_widget_set_tooltip_text (button, forbidden != NULL
                                       ? forbidden->message
                                       : g_object_get_data (G_OBJECT (button), "drso-tooltip"));
}

void
_drso_execution_view_update_actions (DrsoExecutionView *self)
{
  DrsoExecution *execution = self->execution;
  g_autoptr(GError) manage_error = NULL;
  g_autoptr(GError) terminate_error = NULL;
  DrsoExecutionStatus status;
  gboolean can_manage, can_terminate, final, failed_wave, drill, has_instances;
  gboolean pause, resume, cancel, terminate;

  can_manage = drso_store_check_permission (self->store, DRSO_PERMISSION_MANAGE_EXECUTION,
                                            &manage_error);
  can_terminate = drso_store_check_permission (self->store, DRSO_PERMISSION_TERMINATE_INSTANCES,
                                               &terminate_error);
  set_tooltip (self->pause_button, manage_error);
  set_tooltip (self->resume_button, manage_error);
  set_tooltip (self->cancel_button, manage_error);
  set_tooltip (self->retry_button, manage_error);
  set_tooltip (self->skip_button, manage_error);
  set_tooltip (self->terminate_button, terminate_error);

  if (execution == NULL)
    {
      gtk_widget_set_visible (gtk_widget_get_parent (self->pause_button), FALSE);
      for (guint i = 0; i < 8; i++)
        {
          static const char * const names[] = {
            "view.pause", "view.resume", "view.cancel", "view.cancel-confirmed",
            "view.retry-wave", "view.skip-wave", "view.terminate", "view.terminate-confirmed",
          };
          gtk_widget_action_set_enabled (GTK_WIDGET (self), names[i], FALSE);
        }
      return;
    }
  gtk_widget_set_visible (gtk_widget_get_parent (self->pause_button), TRUE);

  status = drso_execution_get_status (execution);
  final = drso_execution_status_is_final (status);
  failed_wave = status == DRSO_EXECUTION_STATUS_FAILED &&
                find_wave (execution, DRSO_WAVE_STATUS_FAILED) != 0;
  drill = drso_execution_get_execution_type (execution) == DRSO_EXECUTION_TYPE_DRILL;
  has_instances = drill && final && !drso_execution_get_instances_terminated (execution) &&
                  count_instances (execution) > 0;

  /* Pausing waits before the next wave: there must be one left. */
  pause = (status == DRSO_EXECUTION_STATUS_RUNNING || status == DRSO_EXECUTION_STATUS_PENDING) &&
          find_wave (execution, DRSO_WAVE_STATUS_PENDING) != 0;
  resume = status == DRSO_EXECUTION_STATUS_PAUSED;
  cancel = !final;
  terminate = has_instances && !self->terminating &&
              !drso_engine_is_driving (self->engine, self->execution_id);

  gtk_widget_set_visible (self->pause_button, !final && !resume);
  gtk_widget_set_visible (self->resume_button, resume);
  gtk_widget_set_visible (self->cancel_button, !final);
  gtk_widget_set_visible (self->retry_button, failed_wave);
  gtk_widget_set_visible (self->skip_button, failed_wave);
  gtk_widget_set_visible (self->terminate_button, has_instances);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button),
                        drill ? _("_Cancel Drill…") : _("_Cancel Recovery…"));
  gtk_button_set_label (GTK_BUTTON (self->terminate_button),
                        self->terminating ? _("Terminating Instances…")
                                          : _("_Terminate Instances…"));

  can_manage = can_manage && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.pause", pause && can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.resume", resume && can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.cancel", cancel && can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.cancel-confirmed", cancel && can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.retry-wave", failed_wave && can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.skip-wave", failed_wave && can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.terminate", terminate && can_terminate);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.terminate-confirmed",
                                 terminate && can_terminate);
}

/* Requests */

static char *
describe_success (Request *request)
{
  switch (request->control)
    {
    case DRSO_ENGINE_CONTROL_PAUSE:
      if (request->wave_number > 0)
        /* TRANSLATORS: a toast after Pause; %u is a wave number */
        return g_strdup_printf (_("The execution will pause before wave %u"),
                                request->wave_number);
      return g_strdup (_("The execution will pause before its next wave"));
    case DRSO_ENGINE_CONTROL_RESUME:
      if (request->wave_number > 0)
        /* TRANSLATORS: a toast after Resume; %u is a wave number */
        return g_strdup_printf (_("Resumed: wave %u starts"), request->wave_number);
      return g_strdup (_("Resumed"));
    case DRSO_ENGINE_CONTROL_CANCEL:
      return g_strdup (_("Execution cancelled"));
    case DRSO_ENGINE_CONTROL_RETRY_WAVE:
      /* TRANSLATORS: a toast after Retry Wave; %u is a wave number */
      return g_strdup_printf (_("Retrying the servers of wave %u that did not recover"),
                              request->wave_number);
    case DRSO_ENGINE_CONTROL_SKIP_WAVE:
      /* TRANSLATORS: a toast after Skip Wave; %u is a wave number */
      return g_strdup_printf (_("Wave %u skipped: the execution goes on"), request->wave_number);
    default:
      return NULL;
    }
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  DrsoExecutionView *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!drso_engine_request_finish (DRSO_ENGINE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  if (error != NULL)
    _drso_execution_view_emit_toast (self, error->message);
  else if ((message = describe_success (request)) != NULL)
    _drso_execution_view_emit_toast (self, message);
  _drso_execution_view_reload (self);
}

void
_drso_execution_view_request (DrsoExecutionView *self,
                              DrsoEngineControl  control)
{
  Request *request;

  if (self->execution == NULL || self->busy)
    return;

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->control = control;
  switch (control)
    {
    case DRSO_ENGINE_CONTROL_PAUSE:
      request->wave_number = find_wave (self->execution, DRSO_WAVE_STATUS_PENDING);
      break;
    case DRSO_ENGINE_CONTROL_RESUME:
      request->wave_number = find_wave (self->execution, DRSO_WAVE_STATUS_PAUSED);
      break;
    case DRSO_ENGINE_CONTROL_RETRY_WAVE:
    case DRSO_ENGINE_CONTROL_SKIP_WAVE:
      request->wave_number = find_wave (self->execution, DRSO_WAVE_STATUS_FAILED);
      break;
    case DRSO_ENGINE_CONTROL_CANCEL:
    default:
      break;
    }

  self->busy = TRUE;
  _drso_execution_view_update_actions (self);
  drso_engine_request_async (self->engine, self->execution_id, control, self->cancellable,
                             request_cb, request);
}

static void
terminate_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DrsoExecutionView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (!drso_engine_terminate_instances_finish (DRSO_ENGINE (source), result, &n, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->terminating = FALSE;
  if (error != NULL)
    {
      _drso_execution_view_emit_toast (self, error->message);
    }
  else
    {
      /* TRANSLATORS: a toast when a drill's instances are terminated */
      message = g_strdup_printf (ngettext ("%u recovery instance terminated",
                                           "%u recovery instances terminated", n), n);
      _drso_execution_view_emit_toast (self, message);
    }
  _drso_execution_view_reload (self);
}

/* Confirmations */

void
_drso_execution_view_close_dialog (DrsoExecutionView *self)
{
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);
}

static void
dialog_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    DrsoExecutionView *self)
{
  if (g_str_equal (response, "cancel-execution"))
    gtk_widget_activate_action (GTK_WIDGET (self), "view.cancel-confirmed", NULL);
  else if (g_str_equal (response, "terminate"))
    gtk_widget_activate_action (GTK_WIDGET (self), "view.terminate-confirmed", NULL);
}

static void
present_dialog (DrsoExecutionView *self,
                const char        *heading,
                const char        *body,
                const char        *close_id,
                const char        *close_label,
                const char        *confirm_id,
                const char        *confirm_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  _drso_execution_view_close_dialog (self);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    close_id, close_label, confirm_id, confirm_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), confirm_id,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), close_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), close_id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _drso_execution_view_request (DRSO_EXECUTION_VIEW (widget), DRSO_ENGINE_CONTROL_PAUSE);
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _drso_execution_view_request (DRSO_EXECUTION_VIEW (widget), DRSO_ENGINE_CONTROL_RESUME);
}

static void
retry_wave_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _drso_execution_view_request (DRSO_EXECUTION_VIEW (widget), DRSO_ENGINE_CONTROL_RETRY_WAVE);
}

static void
skip_wave_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _drso_execution_view_request (DRSO_EXECUTION_VIEW (widget), DRSO_ENGINE_CONTROL_SKIP_WAVE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);
  gboolean drill;

  if (self->execution == NULL)
    return;
  drill = drso_execution_get_execution_type (self->execution) == DRSO_EXECUTION_TYPE_DRILL;
  present_dialog (self, drill ? _("Cancel the Drill?") : _("Cancel the Recovery?"),
                  _("No further wave starts. DRS recovery jobs already running cannot be "
                    "stopped: they go on to their end and their instances come up. The event "
                    "log says which."),
                  "keep", _("_Keep Running"), "cancel-execution",
                  drill ? _("_Cancel Drill") : _("_Cancel Recovery"));
}

static void
cancel_confirmed_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  _drso_execution_view_request (DRSO_EXECUTION_VIEW (widget), DRSO_ENGINE_CONTROL_CANCEL);
}

static void
terminate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);
  g_autofree char *body = NULL;
  guint n;

  if (self->execution == NULL)
    return;
  n = count_instances (self->execution);
  /* TRANSLATORS: the body of the confirmation to terminate a drill's instances */
  body = g_strdup_printf (ngettext ("The recovery instance the drill launched is terminated, "
                                    "and whatever it holds is lost. The source servers go on "
                                    "replicating.",
                                    "The %u recovery instances the drill launched are "
                                    "terminated, and whatever they hold is lost. The source "
                                    "servers go on replicating.", n), n);
  present_dialog (self, _("Terminate the Drill’s Instances?"), body,
                  "keep", _("_Keep Instances"), "terminate", _("_Terminate"));
}

static void
terminate_confirmed_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  DrsoExecutionView *self = DRSO_EXECUTION_VIEW (widget);

  if (self->execution == NULL || self->terminating)
    return;
  self->terminating = TRUE;
  _drso_execution_view_update_actions (self);
  drso_engine_terminate_instances_async (self->engine, self->execution_id, self->cancellable,
                                         terminate_cb, g_object_ref (self));
}

void
_drso_execution_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "view.resume", NULL, resume_action);
  gtk_widget_class_install_action (widget_class, "view.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "view.cancel-confirmed", NULL,
                                   cancel_confirmed_action);
  gtk_widget_class_install_action (widget_class, "view.retry-wave", NULL, retry_wave_action);
  gtk_widget_class_install_action (widget_class, "view.skip-wave", NULL, skip_wave_action);
  gtk_widget_class_install_action (widget_class, "view.terminate", NULL, terminate_action);
  gtk_widget_class_install_action (widget_class, "view.terminate-confirmed", NULL,
                                   terminate_confirmed_action);
}

/* Keeps each control's own tooltip, to restore it when the role allows it again. */
void
_drso_execution_view_init_actions (DrsoExecutionView *self)
{
  GtkWidget *buttons[] = {
    self->pause_button, self->resume_button, self->cancel_button,
    self->retry_button, self->skip_button, self->terminate_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    g_object_set_data_full (G_OBJECT (buttons[i]), "drso-tooltip",
                            g_strdup (gtk_widget_get_tooltip_text (buttons[i])), g_free);
  _drso_execution_view_update_actions (self);
}
