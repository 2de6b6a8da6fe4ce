/* drso-window.c
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
#include "drso-window-pages.h"

/**
 * DrsoWindow:
 *
 * The main window: a sidebar of sections (dashboard, source servers,
 * protection groups, recovery plans, executions, accounts) beside the page of
 * the current section, folding into a leaflet on narrow widths.
 */
struct _DrsoWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkWidget            *content_pane;
  AdwWindowTitle       *content_title;
  GtkStack             *stack;
  GtkWidget            *bins[DRSO_N_SECTIONS];
  GtkWidget            *account_box;
  GtkLabel             *account_label;
  GtkWidget            *simulated_label;
  GtkLabel             *region_label;

  /* Owned references */
  GSettings            *settings;
  GtkSelectionModel    *pages;
  DrsoStore            *store;        /* NULL until the application has one */

  /* Weak references: the pages of the sections, in their slots */
  GtkWidget            *section_pages[DRSO_N_SECTIONS];
  GtkWidget            *executions_badge;

  /* Weak references */
  AdwToast             *unavailable_toast;

  /* The toasts shown or queued, until they are dismissed */
  GPtrArray            *toasts;
};

G_DEFINE_FINAL_TYPE (DrsoWindow, drso_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The actions of the empty states, and what they say when the store could
 * not be opened (otherwise the sections' pages do them). */
static const struct {
  const char *action_name;
  const char *message;
} unavailable_actions[] = {
  { "win.run-drill", N_("Drills cannot be run: your plans could not be opened (the Dashboard "
                        "says why)") },
  { "win.discover-servers", N_("Servers cannot be discovered: your accounts could not be "
                               "opened (the Dashboard says why)") },
  { "win.new-group", N_("Protection groups cannot be created: your plans could not be opened "
                        "(the Dashboard says why)") },
  { "win.new-plan", N_("Recovery plans cannot be created: your plans could not be opened (the "
                       "Dashboard says why)") },
  { "win.add-account", N_("Accounts cannot be added: your accounts could not be opened (the "
                          "Dashboard says why)") },
};

/* The sections in sidebar order, for the Ctrl+1 … Ctrl+6 shortcuts. Keep it in
 * the order of the stack pages in drso-window.ui.
 */
static const char * const section_names[] = {
  "dashboard", "servers", "groups", "plans", "executions", "accounts",
};
G_STATIC_ASSERT (G_N_ELEMENTS (section_names) == DRSO_N_SECTIONS);

static GtkWidget *
get_page_child (DrsoWindow *self,
                guint       position)
{
  GtkStackPage *page;
  GtkWidget *child;

  g_assert (DRSO_IS_WINDOW (self));

  if (self->pages == NULL)
    return NULL;

  page = g_list_model_get_item (G_LIST_MODEL (self->pages), position);
  if (page == NULL)
    return NULL;

  /* The stack keeps its children alive, so a borrowed pointer is enough. */
  child = gtk_stack_page_get_child (page);
  g_object_unref (page);

  return child;
}

static int
find_page_position (DrsoWindow *self,
                    GtkWidget  *child)
{
  guint n_pages;

  g_assert (DRSO_IS_WINDOW (self));

  if (self->pages == NULL || child == NULL)
    return -1;

  n_pages = g_list_model_get_n_items (G_LIST_MODEL (self->pages));
  for (guint i = 0; i < n_pages; i++)
    {
      if (get_page_child (self, i) == child)
        return (int) i;
    }

  return -1;
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  GtkStackPage *page = GTK_STACK_PAGE (item);
  DrsoWindow *self = DRSO_WINDOW (user_data);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;
  GtkWidget *badge;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  image = gtk_image_new ();
  gtk_accessible_update_state (GTK_ACCESSIBLE (image),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                               -1);
  g_object_bind_property (page, "icon-name", image, "icon-name", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), image);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  g_object_bind_property (page, "title", label, "label", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), label);

  /* How many executions have not ended, on the Executions row. */
  if (g_strcmp0 (gtk_stack_page_get_name (page), "executions") == 0)
    {
      badge = gtk_label_new (NULL);
      gtk_widget_add_css_class (badge, "numeric");
      gtk_widget_add_css_class (badge, "dim-label");
      gtk_widget_set_visible (badge, FALSE);
      gtk_box_append (GTK_BOX (box), badge);
      g_set_weak_pointer (&self->executions_badge, badge);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  return row;
}

static void
show_content (DrsoWindow *self)
{
  g_assert (DRSO_IS_WINDOW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static void
stack_visible_child_changed_cb (DrsoWindow *self,
                                GParamSpec *pspec,
                                GtkStack   *stack)
{
  GtkWidget *child;
  GtkListBoxRow *row;
  int position;

  g_assert (DRSO_IS_WINDOW (self));

  /* Also called while the window is being torn down. */
  if (self->content_title == NULL || self->sidebar_list == NULL)
    return;

  child = gtk_stack_get_visible_child (stack);
  if (child == NULL)
    return;

  adw_window_title_set_title (self->content_title,
                              gtk_stack_page_get_title (gtk_stack_get_page (stack, child)));

  position = find_page_position (self, child);
  row = position >= 0 ? gtk_list_box_get_row_at_index (self->sidebar_list, position) : NULL;
  if (row != NULL && row != gtk_list_box_get_selected_row (self->sidebar_list))
    gtk_list_box_select_row (self->sidebar_list, row);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

static void
sidebar_row_selected_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         DrsoWindow    *self)
{
  GtkWidget *child;

  g_assert (DRSO_IS_WINDOW (self));

  if (row == NULL || self->stack == NULL)
    return;

  child = get_page_child (self, gtk_list_box_row_get_index (row));
  if (child != NULL)
    gtk_stack_set_visible_child (self->stack, child);
}

static void
sidebar_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          DrsoWindow    *self)
{
  g_assert (DRSO_IS_WINDOW (self));

  sidebar_row_selected_cb (list, row, self);
  show_content (self);
}

static void
back_button_clicked_cb (DrsoWindow *self,
                        GtkButton  *button)
{
  g_assert (DRSO_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
drso_window_show_section_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  DrsoWindow *self = DRSO_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_warning ("There is no section named “%s”", name);
      return;
    }

  drso_window_set_section (self, name);
  show_content (self);
}

static void
drso_window_unavailable_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  DrsoWindow *self = DRSO_WINDOW (widget);

  /* With the pages in place, the page of the action's section does it. */
  for (guint section = 0; section < DRSO_N_SECTIONS; section++)
    {
      GtkWidget *page = self->section_pages[section];

      if (page == NULL || !drso_window_pages_forward (page, section, action_name))
        continue;
      drso_window_set_section (self, section_names[section]);
      show_content (self);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (unavailable_actions); i++)
    {
      if (g_strcmp0 (unavailable_actions[i].action_name, action_name) == 0)
        {
          AdwToast *toast = adw_toast_new (_(unavailable_actions[i].message));

          /* Answer the latest click, rather than queueing one toast per click. */
          if (self->unavailable_toast != NULL)
            adw_toast_dismiss (self->unavailable_toast);
          g_set_weak_pointer (&self->unavailable_toast, toast);

          drso_window_add_toast (self, toast);
          return;
        }
    }

  g_assert_not_reached ();
}

static void
save_window_state (DrsoWindow *self)
{
  int width = 0;
  int height = 0;

  g_assert (DRSO_IS_WINDOW (self));

  /* The default size follows the user's resizes but not maximizing, so this
   * is the size to come back to when the window is unmaximized.
   */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static void
restore_window_state (DrsoWindow *self)
{
  g_assert (DRSO_IS_WINDOW (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
drso_window_close_request (GtkWindow *window)
{
  DrsoWindow *self = DRSO_WINDOW (window);

  save_window_state (self);

  if (GTK_WINDOW_CLASS (drso_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (drso_window_parent_class)->close_request (window);

  return FALSE;
}

static void
toast_dismissed_cb (DrsoWindow *self,
                    AdwToast   *toast)
{
  g_signal_handlers_disconnect_by_data (toast, self);
  g_ptr_array_remove (self->toasts, toast);
}

static void
drso_window_dispose (GObject *object)
{
  DrsoWindow *self = DRSO_WINDOW (object);

  if (self->sidebar_list != NULL)
    gtk_list_box_bind_model (self->sidebar_list, NULL, NULL, NULL, NULL);

  g_clear_object (&self->pages);
  g_clear_weak_pointer (&self->unavailable_toast);
  if (self->toasts != NULL)
    {
      for (guint i = 0; i < self->toasts->len; i++)
        g_signal_handlers_disconnect_by_data (self->toasts->pdata[i], self);
      g_clear_pointer (&self->toasts, g_ptr_array_unref);
    }
  for (guint i = 0; i < DRSO_N_SECTIONS; i++)
    g_clear_weak_pointer (&self->section_pages[i]);
  g_clear_weak_pointer (&self->executions_badge);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (drso_window_parent_class)->dispose (object);
}

static void
drso_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DrsoWindow *self = DRSO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_string (value, drso_window_get_section (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DrsoWindow *self = DRSO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      drso_window_set_section (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
page_toast_cb (GtkWidget  *page,
               const char *message,
               DrsoWindow *self)
{
  drso_window_add_toast (self, adw_toast_new (message));
}

static void
update_badge (DrsoWindow *self)
{
  g_autofree char *text = NULL;
  guint n;

  if (self->executions_badge == NULL || self->store == NULL)
    return;
  n = drso_window_pages_count_running (self->store);
  text = g_strdup_printf ("%u", n);
  gtk_label_set_label (GTK_LABEL (self->executions_badge), text);
  gtk_widget_set_visible (self->executions_badge, n > 0);
}

static void
executions_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       DrsoWindow *self)
{
  update_badge (self);
}

/* The sidebar's footer: the default account, and "Simulated" for the
 * Sandbox's, so that no one mistakes a drill there for one in AWS. */
static void
update_account (DrsoWindow *self)
{
  g_autoptr(DrsoAccount) account = self->store ? drso_store_dup_default_account (self->store)
                                               : NULL;
  const char * const *regions;
  g_autofree char *region_text = NULL;

  gtk_widget_set_visible (self->account_box, account != NULL);
  if (account == NULL)
    return;
  regions = drso_account_get_regions (account);
  gtk_label_set_label (self->account_label, drso_account_get_account_name (account) ?
                                            drso_account_get_account_name (account) :
                                            drso_account_get_account_id (account));
  gtk_widget_set_visible (self->simulated_label, drso_account_get_simulated (account));
  region_text = regions != NULL && regions[0] != NULL
    ? g_strjoinv (", ", (char **) regions) : g_strdup (drso_account_get_account_id (account));
  gtk_label_set_label (self->region_label, region_text);
}

static void
accounts_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     DrsoWindow *self)
{
  update_account (self);
}

/* A store that cannot be opened: the dashboard says why, and what to do. */
static void
show_store_error (DrsoWindow   *self,
                  const GError *error)
{
  GtkWidget *status = adw_status_page_new ();
  g_autofree char *description = NULL;

  /* TRANSLATORS: %s is the reason, as a sentence */
  description = g_strdup_printf (_("%s\n\nNothing was changed. Free some space or fix the "
                                   "folder’s permissions, then open the app again."),
                                 error->message);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Your Plans Could Not Be Opened"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  adw_bin_set_child (ADW_BIN (self->bins[DRSO_SECTION_DASHBOARD]), status);
}

/* Fills the sections' slots with their pages, once the window knows its
 * application (the "application" property is set after construction). */
static void
application_changed_cb (DrsoWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  DrsoApplication *app = DRSO_IS_APPLICATION (application) ? DRSO_APPLICATION (application)
                                                            : NULL;

  if (app == NULL || self->store != NULL)
    return;
  if (drso_application_get_store (app) == NULL)
    {
      if (drso_application_get_store_error (app) != NULL)
        show_store_error (self, drso_application_get_store_error (app));
      return;
    }

  self->store = g_object_ref (drso_application_get_store (app));
  for (guint section = 0; section < DRSO_N_SECTIONS; section++)
    {
      GtkWidget *page = drso_window_pages_create (section, app);

      g_signal_connect (page, "toast", G_CALLBACK (page_toast_cb), self);
      adw_bin_set_child (ADW_BIN (self->bins[section]), page);
      g_set_weak_pointer (&self->section_pages[section], page);
    }
  g_signal_connect_object (drso_store_get_executions (self->store), "items-changed",
                           G_CALLBACK (executions_changed_cb), self, 0);
  g_signal_connect_object (drso_store_get_accounts (self->store), "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, 0);
  update_badge (self);
  update_account (self);
}

static void
drso_window_class_init (DrsoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = drso_window_dispose;
  object_class->get_property = drso_window_get_property;
  object_class->set_property = drso_window_set_property;

  window_class->close_request = drso_window_close_request;

  /**
   * DrsoWindow:section:
   *
   * The name of the section shown: `dashboard`, `servers`, `groups`,
   * `plans`, `executions` or `accounts`.
   */
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/drso-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, account_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, simulated_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoWindow, region_label);
  for (guint i = 0; i < DRSO_N_SECTIONS; i++)
    {
      g_autofree char *bin_name = g_strdup_printf ("%s_bin", section_names[i]);

      gtk_widget_class_bind_template_child_full (widget_class, bin_name, FALSE,
                                                 G_STRUCT_OFFSET (DrsoWindow, bins) +
                                                 i * sizeof (GtkWidget *));
    }
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s",
                                   drso_window_show_section_action);
  for (guint i = 0; i < G_N_ELEMENTS (unavailable_actions); i++)
    gtk_widget_class_install_action (widget_class, unavailable_actions[i].action_name, NULL,
                                     drso_window_unavailable_action);

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-section", "s", section_names[i]);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
drso_window_init (DrsoWindow *self)
{
  g_autoptr(GSimpleAction) close_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = gtk_stack_get_pages (self->stack);
  gtk_list_box_bind_model (self->sidebar_list, G_LIST_MODEL (self->pages),
                           create_sidebar_row, self, NULL);

  /* A development build says so with the striped header bars of GNOME's
   * nightly apps. */
  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);

  /* "win.close" in the window's action group, which the application
   * exports on D-Bus with the window (the widget action "window.close" is
   * not). */
  close_action = g_simple_action_new ("close", NULL);
  g_signal_connect_object (close_action, "activate", G_CALLBACK (gtk_window_close), self,
                           G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (close_action));

  /* Show the first section and select its row. */
  stack_visible_child_changed_cb (self, NULL, self->stack);
}

/**
 * drso_window_new:
 * @application: (nullable): the application the window belongs to
 *
 * Creates the main window.
 *
 * Returns: (transfer full): a new #DrsoWindow
 */
DrsoWindow *
drso_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (DRSO_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * drso_window_get_section:
 * @self: a #DrsoWindow
 *
 * Returns: (nullable): the name of the section shown, such as `plans`
 */
const char *
drso_window_get_section (DrsoWindow *self)
{
  g_return_val_if_fail (DRSO_IS_WINDOW (self), NULL);

  if (self->stack == NULL)
    return NULL;

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * drso_window_set_section:
 * @self: a #DrsoWindow
 * @name: the name of a section: `dashboard`, `servers`, `groups`, `plans`,
 *   `executions` or `accounts`
 *
 * Shows the page of the section @name and selects its sidebar row. When the
 * window is folded, the leaflet stays where it is.
 */
void
drso_window_set_section (DrsoWindow *self,
                         const char *name)
{
  GtkWidget *child;

  g_return_if_fail (DRSO_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  child = gtk_stack_get_child_by_name (self->stack, name);
  if (child == NULL)
    {
      g_critical ("%s: there is no section named “%s”", G_STRFUNC, name);
      return;
    }

  gtk_stack_set_visible_child (self->stack, child);
}

/**
 * drso_window_get_section_title:
 * @self: a #DrsoWindow
 *
 * Returns: (nullable): the title the content header bar shows for the
 *   current section, such as “Recovery Plans”
 */
const char *
drso_window_get_section_title (DrsoWindow *self)
{
  g_return_val_if_fail (DRSO_IS_WINDOW (self), NULL);

  if (self->content_title == NULL)
    return NULL;

  return adw_window_title_get_title (self->content_title);
}

/**
 * drso_window_add_toast:
 * @self: a #DrsoWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast at the bottom of the window.
 */
void
drso_window_add_toast (DrsoWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (DRSO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * drso_window_dismiss_toasts:
 * @self: a #DrsoWindow
 *
 * Dismisses the toast on screen and the ones waiting for their turn, for
 * a view of the window that nothing covers (a screenshot, say).
 */
void
drso_window_dismiss_toasts (DrsoWindow *self)
{
  g_autoptr(GPtrArray) toasts = NULL;

  g_return_if_fail (DRSO_IS_WINDOW (self));

  toasts = g_ptr_array_copy (self->toasts, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (toasts, g_object_unref);
  /* The queued ones first, the one on screen last: libadwaita 1.2 does not
   * take well to the toast it shows next being dismissed while the one
   * before it leaves. */
  for (guint i = toasts->len; i > 0; i--)
    adw_toast_dismiss (toasts->pdata[i - 1]);
}

/**
 * drso_window_show_execution:
 * @self: a #DrsoWindow
 * @execution_id: an execution's id
 *
 * Shows the page of an execution: its wave canvas, or its RTO timeline
 * once it has ended.
 */
void
drso_window_show_execution (DrsoWindow *self,
                            const char *execution_id)
{
  g_return_if_fail (DRSO_IS_WINDOW (self));
  g_return_if_fail (execution_id != NULL);

  drso_window_set_section (self, "executions");
  show_content (self);
  if (self->section_pages[DRSO_SECTION_EXECUTIONS] != NULL)
    drso_window_pages_show_execution (self->section_pages[DRSO_SECTION_EXECUTIONS], execution_id);
}

/**
 * drso_window_get_page:
 * @self: a #DrsoWindow
 * @section: a section's name, such as `plans`
 *
 * Returns: (transfer none) (nullable): the page of @section, %NULL when the
 *   window has no store to show
 */
GtkWidget *
drso_window_get_page (DrsoWindow *self,
                      const char *section)
{
  g_return_val_if_fail (DRSO_IS_WINDOW (self), NULL);

  for (guint i = 0; i < DRSO_N_SECTIONS; i++)
    if (g_strcmp0 (section_names[i], section) == 0)
      return self->section_pages[i];
  return NULL;
}
