/* drso-app-test-util.c
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

#include "config.h"

#include "drso-app-test-util.h"

/* What the window tests share. */

/* Saves what @window shows as $DRSO_SCREENSHOT_DIR/@file_name (or in the
 * test's build folder), drawn by the window's own renderer (cairo under
 * the tests' GSK_RENDERER). */
void
drso_app_test_save_png (GtkWidget  *window,
                        const char *file_name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("DRSO_SCREENSHOT_DIR");
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    dir = g_test_get_dir (G_TEST_BUILT);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  /* A few frames, so that what was just changed is drawn; then a frame
   * just drawn, whose render node the paintable shows (one queued since
   * leaves it empty: take the next frame then). */
  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (window);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (window);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      gtk_widget_queue_draw (window);
      gtk_test_widget_wait_for_draw (window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s (%d × %d)", path, width, height);
}

/**
 * drso_app_test_find_shortcut:
 * @widget: a widget
 * @trigger: a trigger as gtk_shortcut_trigger_parse_string() reads it,
 *   such as `<Control>n`
 *
 * Looks through the shortcut controllers of @widget (its class's key
 * bindings among them) for @trigger.
 *
 * Returns: (transfer full) (nullable): the shortcut, or %NULL if @widget
 *   has none with @trigger
 */
GtkShortcut *
drso_app_test_find_shortcut (GtkWidget  *widget,
                             const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (trigger);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

/**
 * drso_app_test_shortcut_action:
 * @widget: a widget
 * @trigger: a trigger such as `<Control>n`
 *
 * Returns: (transfer none) (nullable): the name of the action @trigger
 *   activates on @widget, or %NULL if it activates none
 */
const char *
drso_app_test_shortcut_action (GtkWidget  *widget,
                               const char *trigger)
{
  g_autoptr(GtkShortcut) shortcut = drso_app_test_find_shortcut (widget, trigger);
  GtkShortcutAction *action = shortcut != NULL ? gtk_shortcut_get_action (shortcut) : NULL;

  if (action == NULL || !GTK_IS_NAMED_ACTION (action))
    return NULL;
  /* The action lives as long as the widget's shortcut does. */
  return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
}

static gboolean
time_is_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * drso_app_test_iterate_for:
 * @ms: milliseconds
 *
 * Runs the main loop for @ms milliseconds: lets animations run their course.
 */
void
drso_app_test_iterate_for (guint ms)
{
  gboolean up = FALSE;

  g_timeout_add (ms, time_is_up_cb, &up);
  while (!up)
    g_main_context_iteration (NULL, TRUE);
}
