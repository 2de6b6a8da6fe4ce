/* test-window.c
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

#define G_LOG_DOMAIN "drso-test"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "drso-application.h"
#include "drso-window.h"
#include "drso-app-test-util.h"

static const struct {
  const char *name;
  const char *title;
} sections[] = {
  { "dashboard", "Dashboard" },
  { "servers", "Source Servers" },
  { "groups", "Protection Groups" },
  { "plans", "Recovery Plans" },
  { "executions", "Executions" },
  { "accounts", "Accounts" },
};

static GtkApplication *app;

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_back_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "go-previous-symbolic") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_back_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkListBox *
get_sidebar (DrsoWindow *window)
{
  GtkWidget *list = find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, "navigation-sidebar");

  g_assert_nonnull (list);

  return GTK_LIST_BOX (list);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;

  return n;
}

static DrsoWindow *
create_window (int width,
               int height)
{
  DrsoWindow *window = drso_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
save_screenshot (DrsoWindow *window,
                 const char *name)
{
  g_autofree char *file_name = g_strdup_printf ("window-%s.png", name);

  drso_app_test_save_png (GTK_WIDGET (window), file_name);
}

static void
test_window_sections (void)
{
  DrsoWindow *window = create_window (1100, 720);
  GtkListBox *sidebar = get_sidebar (window);

  /* The window opens on the dashboard. */
  g_assert_cmpstr (drso_window_get_section (window), ==, "dashboard");
  g_assert_cmpstr (drso_window_get_section_title (window), ==, "Dashboard");
  g_assert_cmpuint (count_rows (sidebar), ==, G_N_ELEMENTS (sections));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkListBoxRow *selected;
      g_autofree char *section = NULL;

      drso_window_set_section (window, sections[i].name);

      g_assert_cmpstr (drso_window_get_section (window), ==, sections[i].name);
      g_assert_cmpstr (drso_window_get_section_title (window), ==, sections[i].title);

      g_object_get (window, "section", &section, NULL);
      g_assert_cmpstr (section, ==, sections[i].name);

      selected = gtk_list_box_get_selected_row (sidebar);
      g_assert_nonnull (selected);
      g_assert_cmpint (gtk_list_box_row_get_index (selected), ==, (int) i);

      save_screenshot (window, sections[i].name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_pages_are_empty_states (void)
{
  DrsoWindow *window = create_window (1100, 720);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *stack;
      GtkWidget *page;
      GtkWidget *button;

      drso_window_set_section (window, sections[i].name);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

      stack = find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, NULL);
      g_assert_nonnull (stack);
      /* Without the application's store, the dashboard says why, and each
       * other section keeps its empty state. */
      page = gtk_stack_get_visible_child (GTK_STACK (stack));
      g_assert_true (ADW_IS_BIN (page));
      page = adw_bin_get_child (ADW_BIN (page));
      g_assert_true (ADW_IS_STATUS_PAGE (page));
      g_assert_nonnull (adw_status_page_get_title (ADW_STATUS_PAGE (page)));
      g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (page)));
      if (i == 0)
        {
          g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                           "Your Plans Could Not Be Opened");
          g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                                    "Nothing was changed"));
          save_screenshot (window, "store-error");
          continue;
        }

      /* Each empty state offers the one action that fills the page. */
      button = find_widget (page, GTK_TYPE_BUTTON, "suggested-action");
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_has_css_class (button, "pill"));
      g_assert_nonnull (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)));
      g_assert_true (gtk_widget_is_sensitive (button));

      /* Until then it explains itself with a toast instead of doing nothing. */
      g_signal_emit_by_name (button, "clicked");
      if (i == 1)
        save_screenshot (window, "toast");
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_sidebar_and_shortcuts (void)
{
  DrsoWindow *window = create_window (1100, 720);
  GtkListBox *sidebar = get_sidebar (window);

  /* Activating a row switches to its section. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (sidebar, 3), "activate");
  g_assert_cmpstr (drso_window_get_section (window), ==, "plans");
  g_assert_cmpstr (drso_window_get_section_title (window), ==, "Recovery Plans");

  /* The action behind Ctrl+1 … Ctrl+6. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section",
                                             "s", "executions"));
  g_assert_cmpstr (drso_window_get_section (window), ==, "executions");
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (sidebar)), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_folded (void)
{
  DrsoWindow *window = create_window (360, 640);
  GtkWidget *leaflet = find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  GtkListBox *sidebar = get_sidebar (window);
  GtkWidget *sidebar_pane;
  GtkWidget *back_button;
  GtkWidget *content_pane;

  g_assert_nonnull (leaflet);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));

  /* Narrow, the window opens on the sidebar. */
  sidebar_pane = adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (sidebar), sidebar_pane));
  save_screenshot (window, "narrow-sidebar");

  /* Picking a section slides its page in, with a way back. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (sidebar, 1), "activate");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (drso_window_get_section (window), ==, "servers");
  content_pane = adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet));
  g_assert_true (content_pane != sidebar_pane);

  back_button = find_back_button (content_pane);
  g_assert_nonnull (back_button);
  g_assert_true (gtk_widget_get_visible (back_button));
  save_screenshot (window, "narrow-servers");

  g_signal_emit_by_name (back_button, "clicked");
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) == sidebar_pane);

  /* The keyboard shortcuts show the page too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section",
                                             "s", "accounts"));
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) == content_pane);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_wide_back_button_hidden (void)
{
  DrsoWindow *window = create_window (1100, 720);
  GtkWidget *leaflet = find_widget (GTK_WIDGET (window), ADW_TYPE_LEAFLET, NULL);
  GtkWidget *stack = find_widget (GTK_WIDGET (window), GTK_TYPE_STACK, NULL);
  GtkWidget *back_button;

  g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));

  back_button = find_back_button (gtk_widget_get_parent (stack));
  g_assert_nonnull (back_button);
  g_assert_false (gtk_widget_get_visible (back_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *data = NULL;
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP this test needs a display (run it under xvfb-run)\n");
      return 0;
    }

  /* A data folder that cannot be made (a file stands where a folder
   * should): the store cannot be opened, and the window says so. */
  home = g_dir_make_tmp ("drso-window-XXXXXX", NULL);
  blocker = g_build_filename (home, "not-a-folder", NULL);
  data = g_build_filename (blocker, "data", NULL);
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Page changes should not be caught half-way in the screenshots. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* Non-unique, so that it neither meets nor becomes a running instance. */
  app = GTK_APPLICATION (drso_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

  g_test_add_func ("/app/window/sections", test_window_sections);
  g_test_add_func ("/app/window/empty-states", test_window_pages_are_empty_states);
  g_test_add_func ("/app/window/sidebar-and-shortcuts", test_window_sidebar_and_shortcuts);
  g_test_add_func ("/app/window/folded", test_window_folded);
  g_test_add_func ("/app/window/wide-back-button-hidden", test_window_wide_back_button_hidden);

  ret = g_test_run ();

  g_clear_object (&app);
  g_unlink (blocker);
  g_rmdir (home);

  return ret;
}
