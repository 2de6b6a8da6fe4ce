/* drso-preferences-window.c
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

#include "drso-preferences-window.h"

/**
 * DrsoPreferencesWindow:
 *
 * The settings of io.github.drso.Orchestrator, bound both ways: how often
 * the engine looks at DRS, the default region and the active role, the
 * notifications, and the Sandbox's clock and faults. The two text settings
 * are written when applied, and only when valid; the others as they change.
 * A key an administrator locked shows, insensitive.
 */

struct _DrsoPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkSpinButton        *poll_min_spin;
  GtkSpinButton        *poll_max_spin;
  AdwEntryRow          *region_row;
  AdwComboRow          *role_row;
  GtkLabel             *region_error_label;
  GtkSwitch            *notify_wave_switch;
  GtkSwitch            *notify_paused_switch;
  GtkSwitch            *notify_finished_switch;
  GtkSpinButton        *time_scale_spin;
  AdwEntryRow          *faults_row;
  GtkLabel             *faults_error_label;

  /* Owned references */
  GSettings            *settings;
  DrsoSandbox          *fault_checker;   /* never started: it only reads fault specs */
};

G_DEFINE_FINAL_TYPE (DrsoPreferencesWindow, drso_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Helpers */

static char *
dup_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static const char *
describe_role (DrsoRole role)
{
  switch (role)
    {
    case DRSO_ROLE_ADMINISTRATOR:
      return _("Every permission, including adding and removing accounts");
    case DRSO_ROLE_RECOVERY_MANAGER:
      return _("Runs drills and recoveries, manages executions and terminates recovery "
               "instances; sees everything");
    case DRSO_ROLE_PLAN_MANAGER:
      return _("Creates and changes protection groups and recovery plans; sees everything");
    case DRSO_ROLE_OPERATOR:
      return _("Runs drills and recoveries; sees everything");
    case DRSO_ROLE_READ_ONLY:
    default:
      return _("Sees everything and changes nothing");
    }
}

static void
show_error (GtkWidget  *row,
            GtkLabel   *label,
            const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static gboolean
check_region (DrsoPreferencesWindow  *self,
              const char             *region)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = drso_validate_region (region, &error);

  show_error (GTK_WIDGET (self->region_row), self->region_error_label,
              ok ? NULL : error->message);
  return ok;
}

static gboolean
check_faults (DrsoPreferencesWindow *self,
              const char            *spec)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = drso_sandbox_set_faults (self->fault_checker, spec, &error);

  show_error (GTK_WIDGET (self->faults_row), self->faults_error_label, ok ? NULL : error->message);
  return ok;
}

/* The role key holds a nick; the combo row, a position. */
static gboolean
role_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  DrsoRole role;

  if (!drso_role_from_string (g_variant_get_string (variant, NULL), &role))
    return FALSE;
  g_value_set_uint (value, role);
  return TRUE;
}

static GVariant *
role_to_setting (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= DRSO_N_ROLES)
    return NULL;
  return g_variant_new_string (drso_role_get_nick ((DrsoRole) position));
}

/* Callbacks */

static void
region_changed_cb (DrsoPreferencesWindow *self)
{
  g_autofree char *region = dup_text (self->region_row);

  check_region (self, region);
}

static void
region_apply_cb (DrsoPreferencesWindow *self)
{
  g_autofree char *region = dup_text (self->region_row);

  if (check_region (self, region))
    g_settings_set_string (self->settings, "default-region", region);
}

static void
faults_changed_cb (DrsoPreferencesWindow *self)
{
  check_faults (self, gtk_editable_get_text (GTK_EDITABLE (self->faults_row)));
}

static void
faults_apply_cb (DrsoPreferencesWindow *self)
{
  g_autofree char *spec = dup_text (self->faults_row);

  if (check_faults (self, spec))
    g_settings_set_string (self->settings, "sandbox-faults", spec);
}

static void
role_selected_cb (DrsoPreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->role_row);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->role_row),
                               position < DRSO_N_ROLES ? describe_role ((DrsoRole) position) : "");
}

/* GObject */

static void
drso_preferences_window_dispose (GObject *object)
{
  DrsoPreferencesWindow *self = DRSO_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->fault_checker);

  G_OBJECT_CLASS (drso_preferences_window_parent_class)->dispose (object);
}

static void
drso_preferences_window_class_init (DrsoPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drso_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/drso/Orchestrator/"
                                                             "ui/drso-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, poll_min_spin);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, poll_max_spin);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, region_error_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, notify_wave_switch);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, notify_paused_switch);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow,
                                        notify_finished_switch);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, time_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, faults_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoPreferencesWindow, faults_error_label);
  gtk_widget_class_bind_template_callback (widget_class, region_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, faults_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, faults_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
drso_preferences_window_init (DrsoPreferencesWindow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->fault_checker = g_object_new (DRSO_TYPE_SANDBOX, NULL);

  g_settings_bind (self->settings, "poll-min-interval", self->poll_min_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "poll-max-interval", self->poll_max_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-wave-completed", self->notify_wave_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-paused", self->notify_paused_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-finished", self->notify_finished_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sandbox-time-scale", self->time_scale_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* The text settings change when applied, below; only what the key holds
   * comes in by itself. */
  g_settings_bind (self->settings, "default-region", self->region_row, "text",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sandbox-faults", self->faults_row, "text",
                   G_SETTINGS_BIND_GET);

  for (guint i = 0; i < DRSO_N_ROLES; i++)
    gtk_string_list_append (roles, drso_role_get_name ((DrsoRole) i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  g_settings_bind_with_mapping (self->settings, "role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, role_from_setting, role_to_setting,
                                NULL, NULL);
  role_selected_cb (self);
}

/* Public API */

/**
 * drso_preferences_window_new:
 * @parent: (nullable): the window the preferences belong to
 *
 * Returns: (transfer none): a new #DrsoPreferencesWindow, not shown yet
 */
GtkWidget *
drso_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (DRSO_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
