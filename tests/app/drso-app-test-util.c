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
