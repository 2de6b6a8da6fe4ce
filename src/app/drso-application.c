/* drso-application.c
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

#include "drso-application.h"
#include "drso-notifier.h"
#include "drso-preferences-window.h"
#include "drso-window.h"

#define HELP_URI "help:drs-orchestrator"

/**
 * DrsoApplication:
 *
 * The GTK application: a single instance that owns the application actions
 * (quit, about, help, resume-execution, show-execution) and opens one
 * #DrsoWindow when activated.
 *
 * It owns what the pages share: the store, the AWS client, the engine and,
 * when no other program serves it, the data folder's Sandbox. At start-up
 * the engine adopts the executions no live process drives, and on a fresh
 * store the Sandbox's servers are discovered, so that a new user finds the
 * demo estate ready. While the engine drives an execution the application
 * is held: closing the window does not stop a recovery.
 */
struct _DrsoApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  DrsoStore      *store;
  GError         *store_error;
  DrsoAwsClient  *client;
  DrsoSandbox    *sandbox;      /* when this process serves the data folder's */
  DrsoEngine     *engine;
  DrsoNotifier   *notifier;
  GHashTable     *running;      /* ids of the executions the engine drives (held) */
  guint           adopt_id;
};

/* How often the app looks for executions whose process is gone (a command
 * line driver killed, say), after the first look at start-up. */
#define ADOPT_INTERVAL_SECONDS 15

G_DEFINE_FINAL_TYPE (DrsoApplication, drso_application, ADW_TYPE_APPLICATION)

static void
show_help_failed (GtkWindow    *parent,
                  const GError *error)
{
  g_autoptr(AdwToast) toast = NULL;

  g_debug ("Opening %s failed: %s", HELP_URI, error->message);

  if (!DRSO_IS_WINDOW (parent))
    return;

  toast = adw_toast_new (_("The help could not be opened. Check that the Help app is installed."));
  drso_window_add_toast (DRSO_WINDOW (parent), g_steal_pointer (&toast));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
help_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_help_failed (parent, error);
}
#else
static void
help_shown_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_help_failed (parent, error);
}
#endif

static void
drso_application_quit_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = NULL;

  /* Close the windows first so that each saves its state on the way out.
   * Closing one removes it from the application's list, so walk a copy.
   */
  for (const GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free_full (windows, g_object_unref);

  g_application_quit (G_APPLICATION (app));
}

static void
drso_application_about_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-name", _("DRS Orchestrator"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The DRS Orchestrator authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan, rehearse and run disaster recoveries with "
                                      "AWS Elastic Disaster Recovery."),
                        "copyright", _("© 2026 The DRS Orchestrator authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/drso/orchestrator",
                        "issue-url", "https://github.com/drso/orchestrator/issues",
                        /* TRANSLATORS: Replace this with your name(s), one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
drso_application_help_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (HELP_URI);

  gtk_uri_launcher_launch (launcher, parent, NULL, help_launched_cb,
                           parent != NULL ? g_object_ref (parent) : NULL);
#else
  gtk_show_uri_full (parent, HELP_URI, GDK_CURRENT_TIME, NULL, help_shown_cb,
                     parent != NULL ? g_object_ref (parent) : NULL);
#endif
}

static void
resumed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DrsoApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (drso_engine_request_finish (DRSO_ENGINE (source), result, &error))
    return;
  g_warning ("Could not resume the execution: %s", error->message);
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (DRSO_IS_WINDOW (window))
    drso_window_add_toast (DRSO_WINDOW (window), adw_toast_new (error->message));
}

/* From the notification's Resume button, or anywhere: the control reaches
 * whichever process drives the execution. */
static void
drso_application_resume_execution_action (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data)
{
  DrsoApplication *self = user_data;

  if (self->engine == NULL)
    return;
  drso_engine_request_async (self->engine, g_variant_get_string (parameter, NULL),
                             DRSO_ENGINE_CONTROL_RESUME, NULL, resumed_cb, g_object_ref (self));
}

static void
drso_application_show_execution_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  GApplication *application = user_data;
  GtkWindow *window;

  g_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (DRSO_IS_WINDOW (window))
    drso_window_show_execution (DRSO_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
drso_application_preferences_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *preferences =
    drso_preferences_window_new (gtk_application_get_active_window (app));

  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", drso_application_quit_action },
  { "preferences", drso_application_preferences_action },
  { "about", drso_application_about_action },
  { "help", drso_application_help_action },
  { "resume-execution", drso_application_resume_execution_action, "s" },
  { "show-execution", drso_application_show_execution_action, "s" },
};

/* Holds the application for each execution the engine drives. */
static void
track_running (DrsoApplication *self,
               const char      *execution_id)
{
  gboolean driving = drso_engine_is_driving (self->engine, execution_id);
  gboolean held = g_hash_table_contains (self->running, execution_id);

  if (driving && !held)
    {
      g_hash_table_add (self->running, g_strdup (execution_id));
      g_application_hold (G_APPLICATION (self));
    }
  else if (!driving && held)
    {
      g_hash_table_remove (self->running, execution_id);
      g_application_release (G_APPLICATION (self));
    }
}

static void
execution_changed_cb (DrsoEngine      *engine,
                      const char      *execution_id,
                      DrsoApplication *self)
{
  track_running (self, execution_id);
}

static void
execution_finished_cb (DrsoEngine          *engine,
                       const char          *execution_id,
                       DrsoExecutionStatus  status,
                       DrsoApplication     *self)
{
  track_running (self, execution_id);
}

/* The last window closed while executions run: say that they go on. */
static void
window_removed_cb (GtkApplication  *application,
                   GtkWindow       *window,
                   DrsoApplication *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  guint n = g_hash_table_size (self->running);

  if (n == 0 || gtk_application_get_windows (application) != NULL)
    return;
  notification = g_notification_new (_("DRS Orchestrator keeps running"));
  body = g_strdup_printf (g_dngettext (NULL,
                                       "%u execution is in progress. It goes on until it ends; "
                                       "open the app to watch it.",
                                       "%u executions are in progress. They go on until they "
                                       "end; open the app to watch them.", n), n);
  g_notification_set_body (notification, body);
  g_application_send_notification (G_APPLICATION (self), "background", notification);
}

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DrsoApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_discovery_run_finish (DRSO_DISCOVERY (source), result, NULL, &error))
    g_warning ("Could not discover the Sandbox's servers: %s", error->message);
}

/* A fresh store: discover the built-in Sandbox account's servers, so that
 * the demo estate is there to try. */
static void
discover_demo_estate (DrsoApplication *self)
{
  g_autoptr(DrsoAccount) account = drso_store_dup_default_account (self->store);
  g_autoptr(DrsoDiscovery) discovery = NULL;

  if (account == NULL || !drso_account_get_simulated (account) ||
      g_list_model_get_n_items (drso_store_get_source_servers (self->store)) > 0 ||
      drso_store_get_discovery_date (self->store, drso_account_get_account_id (account), NULL) > 0)
    return;
  discovery = drso_discovery_new (self->store, drso_account_get_account_id (account), NULL,
                                  self->client);
  drso_discovery_run_async (discovery, NULL, discovered_cb, g_object_ref (self));
}

static gboolean
adopt_cb (gpointer user_data)
{
  DrsoApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  /* Another process may have written since: read the store again first. */
  drso_store_refresh (self->store, NULL);
  if (drso_engine_adopt (self->engine, &error) > 0)
    {
      g_autoptr(GPtrArray) unfinished = drso_store_list_unfinished_executions (self->store, NULL);

      for (guint i = 0; unfinished != NULL && i < unfinished->len; i++)
        track_running (self, drso_execution_get_execution_id (g_ptr_array_index (unfinished, i)));
    }
  else if (error != NULL && error->domain != DRSO_PERMISSION_ERROR)
    g_warning ("Could not adopt the unfinished executions: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
has_simulated_account (DrsoStore *store)
{
  GListModel *accounts = drso_store_get_accounts (store);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (accounts, i);

      if (drso_account_get_simulated (account))
        return TRUE;
    }
  return FALSE;
}

static void
sandbox_faults_changed_cb (GSettings       *settings,
                           const char      *key,
                           DrsoApplication *self)
{
  g_autofree char *faults = g_settings_get_string (settings, key);
  g_autoptr(GError) error = NULL;

  if (self->sandbox != NULL &&
      !drso_sandbox_set_faults (self->sandbox, faults[0] != '\0' ? faults : NULL, &error))
    g_warning ("The Sandbox's faults “%s” were not taken: %s", faults, error->message);
}

/* Opens the store and starts what works on it. A store that cannot be
 * opened leaves the window to say why. */
static void
start_runtime (DrsoApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->store = drso_store_new (NULL, &self->store_error);
  if (self->store == NULL)
    {
      g_message ("The store could not be opened: %s", self->store_error->message);
      return;
    }
  self->client = g_object_ref (drso_aws_client_get_default ());

  if (has_simulated_account (self->store))
    {
      g_autofree char *data_dir = g_path_get_dirname (drso_store_get_path (self->store));
      g_autofree char *url =
        drso_sandbox_connect (data_dir, g_settings_get_double (self->settings,
                                                               "sandbox-time-scale"),
                              &self->sandbox, &error);

      if (url != NULL)
        drso_aws_client_set_sandbox_url (self->client, url);
      else
        g_message ("The Sandbox could not be started: %s", error->message);
      g_clear_error (&error);
      sandbox_faults_changed_cb (self->settings, "sandbox-faults", self);
      g_signal_connect (self->settings, "changed::sandbox-faults",
                        G_CALLBACK (sandbox_faults_changed_cb), self);
    }

  self->engine = drso_engine_new (self->store, self->client);
  g_settings_bind (self->settings, "poll-min-interval", self->engine, "poll-min-interval",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "poll-max-interval", self->engine, "poll-max-interval",
                   G_SETTINGS_BIND_GET);
  g_signal_connect (self->engine, "execution-changed", G_CALLBACK (execution_changed_cb), self);
  g_signal_connect (self->engine, "execution-finished", G_CALLBACK (execution_finished_cb), self);
  self->notifier = drso_notifier_new (G_APPLICATION (self), self->store, self->engine,
                                      self->settings);

  /* Go on with what a crashed or closed process left, now and whenever
   * another driver goes away. */
  adopt_cb (self);
  self->adopt_id = g_timeout_add_seconds (ADOPT_INTERVAL_SECONDS, adopt_cb, self);

  discover_demo_estate (self);
}

static void
drso_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (drso_application_parent_class)->startup (application);

  g_set_application_name (_("DRS Orchestrator"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  g_signal_connect (application, "window-removed", G_CALLBACK (window_removed_cb), application);
  start_runtime (DRSO_APPLICATION (application));
}

static void
drso_application_shutdown (GApplication *application)
{
  DrsoApplication *self = DRSO_APPLICATION (application);

  /* The engine lets go of its executions; the store keeps their state for
   * the next process. */
  g_clear_handle_id (&self->adopt_id, g_source_remove);
  g_clear_object (&self->notifier);
  g_clear_object (&self->engine);
  g_clear_object (&self->sandbox);

  G_APPLICATION_CLASS (drso_application_parent_class)->shutdown (application);
}

static void
drso_application_finalize (GObject *object)
{
  DrsoApplication *self = DRSO_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->engine);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->running, g_hash_table_unref);

  G_OBJECT_CLASS (drso_application_parent_class)->finalize (object);
}

static void
drso_application_activate (GApplication *application)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (drso_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
drso_application_class_init (DrsoApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_application_finalize;
  app_class->startup = drso_application_startup;
  app_class->shutdown = drso_application_shutdown;
  app_class->activate = drso_application_activate;
}

static void
drso_application_init (DrsoApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * drso_application_new:
 *
 * Creates the application object. Its identifier is the app id (with
 * `.Devel` in a development build), and its resources (window templates, style sheet, shortcuts window) are looked up
 * under `/io/github/drso/Orchestrator` whatever the identifier.
 *
 * Returns: (transfer full): a new #DrsoApplication
 */
DrsoApplication *
drso_application_new (void)
{
  return g_object_new (DRSO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/drso/Orchestrator",
                       NULL);
}

/**
 * drso_application_get_store:
 * @self: a #DrsoApplication
 *
 * Returns: (transfer none) (nullable): the store, or %NULL if it could not
 *   be opened (see drso_application_get_store_error())
 */
DrsoStore *
drso_application_get_store (DrsoApplication *self)
{
  g_return_val_if_fail (DRSO_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * drso_application_get_store_error:
 * @self: a #DrsoApplication
 *
 * Returns: (nullable): why the store could not be opened
 */
const GError *
drso_application_get_store_error (DrsoApplication *self)
{
  g_return_val_if_fail (DRSO_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * drso_application_get_engine:
 * @self: a #DrsoApplication
 *
 * Returns: (transfer none) (nullable): the engine, %NULL without a store
 */
DrsoEngine *
drso_application_get_engine (DrsoApplication *self)
{
  g_return_val_if_fail (DRSO_IS_APPLICATION (self), NULL);

  return self->engine;
}

/**
 * drso_application_get_client:
 * @self: a #DrsoApplication
 *
 * Returns: (transfer none) (nullable): the AWS client, %NULL without a store
 */
DrsoAwsClient *
drso_application_get_client (DrsoApplication *self)
{
  g_return_val_if_fail (DRSO_IS_APPLICATION (self), NULL);

  return self->client;
}

/**
 * drso_application_get_n_running:
 * @self: a #DrsoApplication
 *
 * Returns: how many executions this process drives now
 */
guint
drso_application_get_n_running (DrsoApplication *self)
{
  g_return_val_if_fail (DRSO_IS_APPLICATION (self), 0);

  return g_hash_table_size (self->running);
}
