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
#include "drso-window.h"

#define HELP_URI "help:drs-orchestrator"

/**
 * DrsoApplication:
 *
 * The GTK application: a single instance that owns the application actions
 * (quit, about, help) and opens one #DrsoWindow when activated.
 */
struct _DrsoApplication
{
  AdwApplication parent_instance;
};

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
                        "application-icon", APP_ID,
                        "developer-name", _("The DRS Orchestrator authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan, rehearse and run disaster recoveries with "
                                      "AWS Elastic Disaster Recovery."),
                        "copyright", _("© 2026 The DRS Orchestrator authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
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

static const GActionEntry app_actions[] = {
  { "quit", drso_application_quit_action },
  { "about", drso_application_about_action },
  { "help", drso_application_help_action },
};

static void
drso_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };

  G_APPLICATION_CLASS (drso_application_parent_class)->startup (application);

  g_set_application_name (_("DRS Orchestrator"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.help", help_accels);
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

  app_class->startup = drso_application_startup;
  app_class->activate = drso_application_activate;
}

static void
drso_application_init (DrsoApplication *self)
{
}

/**
 * drso_application_new:
 *
 * Creates the application object. Its identifier is the app id, and its
 * resources (window templates, style sheet, shortcuts window) are looked up
 * under `/io/github/drso/Orchestrator` whatever the identifier.
 *
 * Returns: (transfer full): a new #DrsoApplication
 */
DrsoApplication *
drso_application_new (void)
{
  return g_object_new (DRSO_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/drso/Orchestrator",
                       NULL);
}
