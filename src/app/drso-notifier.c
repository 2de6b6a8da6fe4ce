/* drso-notifier.c
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

#include "drso-notifier.h"

/**
 * DrsoNotifier:
 *
 * Tells the desktop what the engine does while no one watches the window:
 * a wave completed, an execution waits before a wave (with a Resume button
 * that works from the notification, through `app.resume-execution`), an
 * execution ended. Each kind can be turned off in the settings. A
 * notification's id is the execution's, per kind, so a newer one replaces
 * the older, and the waiting one is withdrawn once the execution goes on.
 */
struct _DrsoNotifier
{
  GObject       parent_instance;

  GApplication *application;   /* weak */
  DrsoStore    *store;
  DrsoEngine   *engine;
  GSettings    *settings;
};

G_DEFINE_FINAL_TYPE (DrsoNotifier, drso_notifier, G_TYPE_OBJECT)

static char *
notification_id (const char *kind,
                 const char *execution_id)
{
  return g_strdup_printf ("%s-%s", kind, execution_id);
}

/* "Drill of “Billing”", or "Recovery of “Billing”" */
static char *
describe (DrsoNotifier *self,
          const char   *execution_id)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (self->store, execution_id,
                                                                    NULL);

  if (execution == NULL)
    return g_strdup (execution_id);
  if (drso_execution_get_execution_type (execution) == DRSO_EXECUTION_TYPE_RECOVERY)
    /* TRANSLATORS: %s is a recovery plan's name */
    return g_strdup_printf (_("Recovery of “%s”"), drso_execution_get_plan_name (execution));
  /* TRANSLATORS: %s is a recovery plan's name */
  return g_strdup_printf (_("Drill of “%s”"), drso_execution_get_plan_name (execution));
}

static void
send (DrsoNotifier  *self,
      const char    *kind,
      const char    *execution_id,
      GNotification *notification)
{
  g_autofree char *id = notification_id (kind, execution_id);

  g_notification_set_default_action_and_target (notification, "app.show-execution", "s",
                                                execution_id);
  if (self->application != NULL)
    g_application_send_notification (self->application, id, notification);
}

static void
withdraw (DrsoNotifier *self,
          const char   *kind,
          const char   *execution_id)
{
  g_autofree char *id = notification_id (kind, execution_id);

  if (self->application != NULL)
    g_application_withdraw_notification (self->application, id);
}

static void
wave_completed_cb (DrsoEngine     *engine,
                   const char     *execution_id,
                   guint           wave_number,
                   DrsoWaveStatus  status,
                   DrsoNotifier   *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autofree char *title = NULL, *body = NULL, *what = NULL;
  DrsoWaveRun *wave;

  if (!g_settings_get_boolean (self->settings, "notify-wave-completed"))
    return;
  execution = drso_store_lookup_execution (self->store, execution_id, NULL);
  wave = execution != NULL ? drso_execution_get_wave_run (execution, wave_number) : NULL;
  what = describe (self, execution_id);
  if (status == DRSO_WAVE_STATUS_FAILED)
    /* TRANSLATORS: %u is a wave number */
    title = g_strdup_printf (_("Wave %u failed"), wave_number);
  else
    /* TRANSLATORS: %u is a wave number */
    title = g_strdup_printf (_("Wave %u completed"), wave_number);
  if (wave != NULL)
    /* TRANSLATORS: “Drill of “Billing”: 4 of 4 servers recovered” */
    body = g_strdup_printf (_("%s: %u of %u servers recovered"), what,
                            drso_wave_run_get_servers_recovered (wave),
                            g_list_model_get_n_items (drso_wave_run_get_servers (wave)));
  else
    body = g_steal_pointer (&what);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  send (self, "wave", execution_id, notification);
}

static void
paused_cb (DrsoEngine   *engine,
           const char   *execution_id,
           guint         wave_number,
           DrsoNotifier *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *what = NULL, *title = NULL, *body = NULL;

  if (!g_settings_get_boolean (self->settings, "notify-paused"))
    return;
  what = describe (self, execution_id);
  /* TRANSLATORS: %s is “Drill of “Billing”” */
  title = g_strdup_printf (_("%s is waiting for you"), what);
  /* TRANSLATORS: %u is a wave number */
  body = g_strdup_printf (_("Paused before wave %u. Resume when the earlier waves are checked."),
                          wave_number);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_add_button_with_target (notification, _("Resume"), "app.resume-execution", "s",
                                         execution_id);
  send (self, "paused", execution_id, notification);
}

static void
execution_changed_cb (DrsoEngine   *engine,
                      const char   *execution_id,
                      DrsoNotifier *self)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (self->store, execution_id,
                                                                    NULL);

  /* Resumed, here or elsewhere: the waiting notification is stale. */
  if (execution != NULL && drso_execution_get_status (execution) != DRSO_EXECUTION_STATUS_PAUSED)
    withdraw (self, "paused", execution_id);
  /* Driven again: it is no longer stuck. */
  if (drso_engine_is_driving (engine, execution_id))
    withdraw (self, "stalled", execution_id);
}

static void
finished_cb (DrsoEngine          *engine,
             const char          *execution_id,
             DrsoExecutionStatus  status,
             DrsoNotifier        *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *what = NULL, *title = NULL;
  const char *body;

  withdraw (self, "paused", execution_id);
  withdraw (self, "wave", execution_id);
  withdraw (self, "stalled", execution_id);
  if (!g_settings_get_boolean (self->settings, "notify-finished"))
    return;
  what = describe (self, execution_id);
  switch (status)
    {
    case DRSO_EXECUTION_STATUS_COMPLETED:
      /* TRANSLATORS: %s is “Drill of “Billing”” */
      title = g_strdup_printf (_("%s completed"), what);
      body = _("Every wave recovered.");
      break;
    case DRSO_EXECUTION_STATUS_CANCELLED:
      /* TRANSLATORS: %s is “Drill of “Billing”” */
      title = g_strdup_printf (_("%s was cancelled"), what);
      body = _("No further wave starts.");
      break;
    case DRSO_EXECUTION_STATUS_FAILED:
    default:
      /* TRANSLATORS: %s is “Drill of “Billing”” */
      title = g_strdup_printf (_("%s failed"), what);
      body = _("Open it to see which servers did not recover, and retry or skip the wave.");
      break;
    }
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  if (status == DRSO_EXECUTION_STATUS_FAILED)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  send (self, "finished", execution_id, notification);
}

/* The engine could not save a step (a full disk): nothing more happens until
 * the cause is gone; the application adopts the execution again every few
 * seconds, so it goes on by itself then. Always told, and urgent. */
static void
stalled_cb (DrsoEngine   *engine,
            const char   *execution_id,
            const char   *message,
            DrsoNotifier *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *what = describe (self, execution_id);
  g_autofree char *title = NULL, *body = NULL;

  /* TRANSLATORS: %s is “Drill of “Billing”” */
  title = g_strdup_printf (_("%s has stopped"), what);
  /* TRANSLATORS: %s says why, such as “The disk that holds … is full” */
  body = g_strdup_printf (_("%s. It goes on from its last saved step once that is mended."),
                          message);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_URGENT);
  send (self, "stalled", execution_id, notification);
}

static void
drso_notifier_dispose (GObject *object)
{
  DrsoNotifier *self = (DrsoNotifier *) object;

  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (drso_notifier_parent_class)->dispose (object);
}

static void
drso_notifier_class_init (DrsoNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drso_notifier_dispose;
}

static void
drso_notifier_init (DrsoNotifier *self)
{
}

/**
 * drso_notifier_new:
 * @application: the application that sends the notifications
 * @store: the store, to name executions
 * @engine: the engine whose signals are told
 * @settings: the app's settings (the `notify-*` keys)
 *
 * Returns: (transfer full): a new #DrsoNotifier
 */
DrsoNotifier *
drso_notifier_new (GApplication *application,
                   DrsoStore    *store,
                   DrsoEngine   *engine,
                   GSettings    *settings)
{
  DrsoNotifier *self = g_object_new (DRSO_TYPE_NOTIFIER, NULL);

  g_set_weak_pointer (&self->application, application);
  self->store = g_object_ref (store);
  self->engine = g_object_ref (engine);
  self->settings = g_object_ref (settings);
  g_signal_connect (engine, "wave-completed", G_CALLBACK (wave_completed_cb), self);
  g_signal_connect (engine, "paused", G_CALLBACK (paused_cb), self);
  g_signal_connect (engine, "execution-changed", G_CALLBACK (execution_changed_cb), self);
  g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb), self);
  g_signal_connect (engine, "stalled", G_CALLBACK (stalled_cb), self);
  return self;
}
