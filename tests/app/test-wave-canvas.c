/* test-wave-canvas.c
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

#include <string.h>
#include <adwaita.h>

#include "drso-rto-timeline.h"
#include "drso-wave-canvas.h"
#include "drso-app-test-util.h"

/* The wave canvas and the RTO timeline, shown in windows with executions
 * built in memory: what they tell assistive technologies, where their tiles
 * are, the pause gate's Resume button, the animation of a change, and a
 * screenshot of each for a person to look at. */

#define MINUTE (60 * G_USEC_PER_SEC)

/* A fixed start, so that the screenshots do not change from run to run. */
static const gint64 start_time = 1795849200;  /* 2026-11-28 07:00 UTC */

/* Building executions */

static DrsoServerRun *
add_server (DrsoWaveRun      *wave,
            const char       *hostname,
            const char       *ip,
            DrsoLaunchStatus  status)
{
  g_autofree char *id = g_strdup_printf ("s-%s", hostname);
  g_autoptr(DrsoServerRun) server = drso_server_run_new (id);

  drso_server_run_set_hostname (server, hostname);
  drso_server_run_set_private_ip (server, ip);
  drso_server_run_set_instance_type (server, "m6i.large");
  drso_server_run_set_status (server, status);
  drso_wave_run_add_server (wave, server);
  return server;
}

static DrsoWaveRun *
add_wave (DrsoExecution  *execution,
          guint           number,
          const char     *name,
          DrsoWaveStatus  status)
{
  g_autoptr(DrsoWaveRun) wave = drso_wave_run_new (number, name);

  drso_wave_run_set_status (wave, status);
  drso_execution_add_wave_run (execution, wave);
  return wave;
}

/* A drill of three waves that waits for approval before wave 2. */
static DrsoExecution *
new_paused_drill (void)
{
  DrsoExecution *execution = drso_execution_new ("plan-1", "Production 3-tier",
                                                 DRSO_EXECUTION_TYPE_DRILL);
  DrsoWaveRun *wave;

  drso_execution_set_start_time (execution, start_time);
  drso_execution_set_total_waves (execution, 3);

  wave = add_wave (execution, 1, "Database tier", DRSO_WAVE_STATUS_COMPLETED);
  drso_wave_run_set_start_time (wave, start_time);
  drso_wave_run_set_end_time (wave, start_time + 9 * 60 + 41);
  add_server (wave, "db-primary", "10.0.1.10", DRSO_LAUNCH_STATUS_LAUNCHED);
  add_server (wave, "db-replica", "10.0.1.11", DRSO_LAUNCH_STATUS_LAUNCHED);

  wave = add_wave (execution, 2, "Application tier", DRSO_WAVE_STATUS_PAUSED);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *host = g_strdup_printf ("app-%u", i);
      g_autofree char *ip = g_strdup_printf ("10.0.2.%u", 10 + i);

      add_server (wave, host, ip, DRSO_LAUNCH_STATUS_PENDING);
    }

  wave = add_wave (execution, 3, "Web tier", DRSO_WAVE_STATUS_PENDING);
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *host = g_strdup_printf ("web-%u", i);
      g_autofree char *ip = g_strdup_printf ("10.0.3.%u", 10 + i);

      add_server (wave, host, ip, DRSO_LAUNCH_STATUS_PENDING);
    }

  drso_execution_set_current_wave (execution, 2);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_PAUSED);
  return execution;
}

/* A running execution whose first wave has a server of every state. */
static DrsoExecution *
new_mixed_run (void)
{
  DrsoExecution *execution = drso_execution_new ("plan-2", "Payments",
                                                 DRSO_EXECUTION_TYPE_RECOVERY);
  DrsoWaveRun *wave;
  DrsoServerRun *server;

  /* Started 4 min 12 s ago, so that the clock of the running wave reads so. */
  gint64 started = g_get_real_time () / G_USEC_PER_SEC - 4 * 60 - 12;

  drso_execution_set_start_time (execution, started);
  wave = add_wave (execution, 1, "Core services", DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_wave_run_set_start_time (wave, started);
  server = add_server (wave, "pay-api-1", "10.1.0.10", DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_server_run_set_ec2_instance_id (server, "i-0c3a5e7f9b1d2e4f6");
  drso_server_run_set_health (server, "healthy");
  server = add_server (wave, "pay-api-2", "10.1.0.11", DRSO_LAUNCH_STATUS_IN_PROGRESS);
  drso_server_run_set_snapshot_start (server, start_time * G_USEC_PER_SEC);
  drso_server_run_set_snapshot_end (server, start_time * G_USEC_PER_SEC + 2 * MINUTE);
  drso_server_run_set_conversion_start (server, start_time * G_USEC_PER_SEC + 2 * MINUTE);
  server = add_server (wave, "pay-ledger", "10.1.0.12", DRSO_LAUNCH_STATUS_FAILED);
  drso_server_run_set_message (server, "The launch template's subnet does not exist");
  server = add_server (wave, "pay-metrics", "10.1.0.13", DRSO_LAUNCH_STATUS_FAILED);
  drso_server_run_set_criticality (server, DRSO_SERVER_CRITICALITY_OPTIONAL);
  wave = add_wave (execution, 2, "Edge", DRSO_WAVE_STATUS_PENDING);
  add_server (wave, "pay-edge-1", "10.1.1.10", DRSO_LAUNCH_STATUS_PENDING);
  add_server (wave, "pay-edge-2", "10.1.1.11", DRSO_LAUNCH_STATUS_PENDING);

  drso_execution_set_current_wave (execution, 1);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_RUNNING);
  return execution;
}

static void
set_phases (DrsoServerRun *server,
            double         snapshot_at,
            double         snapshot_min,
            double         conversion_min,
            double         launch_min)
{
  gint64 t = start_time * G_USEC_PER_SEC + (gint64) (snapshot_at * MINUTE);

  drso_server_run_set_snapshot_start (server, t);
  t += (gint64) (snapshot_min * MINUTE);
  drso_server_run_set_snapshot_end (server, t);
  drso_server_run_set_conversion_start (server, t);
  t += (gint64) (conversion_min * MINUTE);
  drso_server_run_set_conversion_end (server, t);
  drso_server_run_set_launch_start (server, t);
  t += (gint64) (launch_min * MINUTE);
  drso_server_run_set_launch_end (server, t);
}

/* A finished drill with the phase times of every server. Wave 1 is up after
 * 9 min 40 s, wave 2 after 21 min, wave 3 after 27 min 30 s. */
static DrsoExecution *
new_finished_drill (void)
{
  DrsoExecution *execution = drso_execution_new ("plan-1", "Production 3-tier",
                                                 DRSO_EXECUTION_TYPE_DRILL);
  DrsoWaveRun *wave;
  DrsoServerRun *server;

  drso_execution_set_start_time (execution, start_time);

  wave = add_wave (execution, 1, "Database tier", DRSO_WAVE_STATUS_COMPLETED);
  set_phases (add_server (wave, "db-primary", "10.0.1.10", DRSO_LAUNCH_STATUS_LAUNCHED),
              0, 1.5, 5, 3 + 1.0 / 6);
  set_phases (add_server (wave, "db-replica", "10.0.1.11", DRSO_LAUNCH_STATUS_LAUNCHED),
              0.2, 1.2, 4.5, 2.5);

  wave = add_wave (execution, 2, "Application tier", DRSO_WAVE_STATUS_COMPLETED);
  set_phases (add_server (wave, "app-1", "10.0.2.11", DRSO_LAUNCH_STATUS_LAUNCHED),
              10, 1, 6, 3);
  set_phases (add_server (wave, "app-2", "10.0.2.12", DRSO_LAUNCH_STATUS_LAUNCHED),
              10, 1.5, 6.5, 3);
  set_phases (add_server (wave, "app-3", "10.0.2.13", DRSO_LAUNCH_STATUS_LAUNCHED),
              10, 1, 7, 3);
  server = add_server (wave, "app-batch", "10.0.2.14", DRSO_LAUNCH_STATUS_FAILED);
  drso_server_run_set_criticality (server, DRSO_SERVER_CRITICALITY_OPTIONAL);
  set_phases (server, 10, 1, 5, 1);

  wave = add_wave (execution, 3, "Web tier", DRSO_WAVE_STATUS_COMPLETED);
  set_phases (add_server (wave, "web-1", "10.0.3.11", DRSO_LAUNCH_STATUS_LAUNCHED),
              21.5, 0.5, 3.5, 2);
  set_phases (add_server (wave, "web-2", "10.0.3.12", DRSO_LAUNCH_STATUS_LAUNCHED),
              21.5, 0.5, 3, 2);

  drso_execution_set_end_time (execution, start_time + 28 * 60);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_COMPLETED);
  return execution;
}

/* Windows and the main loop */

/* Iterates the main loop until @cond holds, for at most @ms milliseconds. */
#define wait_until(cond, ms)                                                    \
  G_STMT_START {                                                                \
    gint64 deadline_ = g_get_monotonic_time () + (ms) * G_TIME_SPAN_MILLISECOND; \
    while (!(cond) && g_get_monotonic_time () < deadline_)                      \
      drso_app_test_iterate_for (10);                                           \
    g_assert_true (cond);                                                       \
  } G_STMT_END

static GtkWidget *
show_in_window (GtkWidget  *child,
                const char *title,
                int         width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), width, -1);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_box_append (GTK_BOX (box), child);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));

  wait_until (gtk_widget_get_mapped (child), 5000);
  gtk_test_widget_wait_for_draw (window);
  return window;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  drso_app_test_save_png (window, name);
}

static GtkWidget *
find_button (GtkWidget *parent)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      return child;
  return NULL;
}

static void
count_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not say “%s”", haystack, needle);
}

static gboolean
summary_says (DrsoWaveCanvas *canvas,
              const char     *needle)
{
  g_autofree char *summary = drso_wave_canvas_dup_summary (canvas);

  return strstr (summary, needle) != NULL;
}

/* Checks that the tile of each server is where get_tile_at() finds it, that
 * the tiles are inside the canvas, right of the wave labels, and that no two
 * overlap. */
static void
assert_tiles (DrsoWaveCanvas *canvas,
              DrsoExecution  *execution)
{
  GListModel *waves = drso_execution_get_wave_runs (execution);
  int width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int height = gtk_widget_get_height (GTK_WIDGET (canvas));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      guint number = drso_wave_run_get_wave_number (wave);
      guint n = g_list_model_get_n_items (drso_wave_run_get_servers (wave));
      graphene_rect_t bounds;

      for (guint j = 0; j < n; j++)
        {
          graphene_point_t centre;
          guint found_wave = 0, found_index = G_MAXUINT;

          g_assert_true (drso_wave_canvas_get_tile_bounds (canvas, number, j, &bounds));
          graphene_rect_get_center (&bounds, &centre);
          g_assert_true (drso_wave_canvas_get_tile_at (canvas, centre.x, centre.y,
                                                       &found_wave, &found_index));
          g_assert_cmpuint (found_wave, ==, number);
          g_assert_cmpuint (found_index, ==, j);

          g_assert_cmpfloat (bounds.size.width, >=, 16);
          g_assert_cmpfloat (bounds.origin.x, >=, 96);
          g_assert_cmpfloat (bounds.origin.y, >=, 0);
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
          g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
          for (guint k = 0; k < seen->len; k++)
            g_assert_false (graphene_rect_intersection (&bounds,
                                                        &g_array_index (seen, graphene_rect_t, k),
                                                        NULL));
          g_array_append_val (seen, bounds);

          /* Left of the tile, over the wave's label, there is none. */
          g_assert_false (drso_wave_canvas_get_tile_at (canvas, 4, centre.y, NULL, NULL));
        }

      g_assert_false (drso_wave_canvas_get_tile_bounds (canvas, number, n, &bounds));
    }
}

/* Tests */

static void
test_canvas_paused (void)
{
  g_autoptr(DrsoExecution) execution = new_paused_drill ();
  GtkWidget *canvas = drso_wave_canvas_new ();
  const gint64 estimates[] = { 10 * 60, 5 * 60, 5 * 60 };
  g_autofree char *summary = NULL;
  graphene_rect_t wave1, wave2, button_bounds;
  GtkWidget *window, *button;
  guint resumed = 0;
  GtkWidget *picked;
  int min_width, narrow_height;

  drso_wave_canvas_set_execution (DRSO_WAVE_CANVAS (canvas), execution);
  drso_wave_canvas_set_estimates (DRSO_WAVE_CANVAS (canvas), estimates, G_N_ELEMENTS (estimates));
  g_assert_true (drso_wave_canvas_get_execution (DRSO_WAVE_CANVAS (canvas)) == execution);
  g_signal_connect_swapped (canvas, "resume-requested", G_CALLBACK (count_cb), &resumed);
  window = show_in_window (canvas, "Production 3-tier", 860);

  /* What it tells a screen reader */
  summary = drso_wave_canvas_dup_summary (DRSO_WAVE_CANVAS (canvas));
  g_assert_cmpstr (summary, ==,
                   "Wave 1, Database tier: 2 of 2 servers launched; completed. "
                   "Wave 2, Application tier: 0 of 4 servers launched; paused before this wave. "
                   "Wave 3, Web tier: 0 of 6 servers launched; not started.");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (canvas),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Waves of Production 3-tier");

  /* Where the tiles are */
  assert_tiles (DRSO_WAVE_CANVAS (canvas), execution);
  gtk_widget_measure (canvas, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (canvas, GTK_ORIENTATION_VERTICAL, min_width, &narrow_height,
                      NULL, NULL, NULL);
  g_assert_cmpint (narrow_height, >, gtk_widget_get_height (canvas));  /* the tiles wrap */

  /* The Resume button stands in the gate, between waves 1 and 2. */
  button = find_button (canvas);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Resume");
  g_assert_true (gtk_widget_compute_bounds (button, canvas, &button_bounds));
  g_assert_true (drso_wave_canvas_get_tile_bounds (DRSO_WAVE_CANVAS (canvas), 1, 0, &wave1));
  g_assert_true (drso_wave_canvas_get_tile_bounds (DRSO_WAVE_CANVAS (canvas), 2, 0, &wave2));
  g_assert_cmpfloat (button_bounds.origin.y, >, wave1.origin.y + wave1.size.height);
  g_assert_cmpfloat (button_bounds.origin.y + button_bounds.size.height, <, wave2.origin.y);
  g_assert_cmpfloat (button_bounds.origin.x + button_bounds.size.width, <=,
                     gtk_widget_get_width (canvas));
  g_assert_cmpfloat (button_bounds.size.width, >, 40);
  picked = gtk_widget_pick (canvas, button_bounds.origin.x + button_bounds.size.width / 2,
                            button_bounds.origin.y + button_bounds.size.height / 2,
                            GTK_PICK_DEFAULT);
  g_assert_true (picked == button || gtk_widget_is_ancestor (picked, button));

  save_screenshot (window, "wave-canvas-paused.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  drso_app_test_iterate_for (100);
  save_screenshot (window, "wave-canvas-paused-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* A button shows itself pressed for a moment before it says it was clicked. */
  g_assert_true (gtk_widget_activate (button));
  wait_until (resumed == 1, 2000);
  drso_app_test_iterate_for (50);
  g_assert_cmpuint (resumed, ==, 1);

  /* Once the execution goes on, the gate and its button go away. */
  drso_wave_run_set_status (drso_execution_get_wave_run (execution, 2),
                            DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_RUNNING);
  drso_wave_canvas_refresh (DRSO_WAVE_CANVAS (canvas));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (find_button (canvas) == button);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas_animation (void)
{
  DrsoExecution *execution = new_paused_drill ();
  GtkWidget *canvas = drso_wave_canvas_new ();
  DrsoWaveCanvas *wave_canvas = DRSO_WAVE_CANVAS (canvas);
  g_autofree char *before = NULL;
  g_autofree char *running = NULL;
  g_autofree char *launched = NULL;
  g_autofree char *notified = NULL;
  DrsoServerRun *app1, *app2;
  GListModel *servers;
  GtkWidget *window;
  guint frames = 0;

  drso_wave_canvas_set_execution (wave_canvas, execution);
  window = show_in_window (canvas, "Production 3-tier", 860);
  servers = drso_wave_run_get_servers (drso_execution_get_wave_run (execution, 2));
  app1 = g_list_model_get_item (servers, 0);
  app2 = g_list_model_get_item (servers, 1);
  g_object_unref (app1);  /* the wave keeps them */
  g_object_unref (app2);

  /* Nothing moves while the execution waits. */
  g_assert_false (drso_wave_canvas_is_animating (wave_canvas));
  before = drso_wave_canvas_dup_summary (wave_canvas);

  /* A server in progress pulses, for as long as it is in progress. */
  g_signal_connect_swapped (gtk_widget_get_frame_clock (canvas), "after-paint",
                            G_CALLBACK (count_cb), &frames);
  drso_wave_run_set_status (drso_execution_get_wave_run (execution, 2),
                            DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_RUNNING);
  drso_server_run_set_status (app1, DRSO_LAUNCH_STATUS_IN_PROGRESS);
  drso_wave_canvas_refresh (wave_canvas);
  running = drso_wave_canvas_dup_summary (wave_canvas);
  g_assert_cmpstr (running, !=, before);
  assert_contains (running, "Wave 2, Application tier: 0 of 4 servers launched, 1 in progress; "
                            "in progress.");
  g_assert_true (drso_wave_canvas_is_animating (wave_canvas));
  wait_until (frames > 2, 5000);
  g_assert_true (drso_wave_canvas_is_animating (wave_canvas));

  /* It fades to the launched colours, and then the tick callback goes. */
  drso_server_run_set_status (app1, DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_wave_canvas_refresh (wave_canvas);
  launched = drso_wave_canvas_dup_summary (wave_canvas);
  assert_contains (launched, "Wave 2, Application tier: 1 of 4 servers launched; in progress.");
  g_assert_true (drso_wave_canvas_is_animating (wave_canvas));
  frames = 0;
  wait_until (!drso_wave_canvas_is_animating (wave_canvas), 3000);
  g_assert_cmpuint (frames, >, 0);
  frames = 0;
  drso_app_test_iterate_for (100);
  g_assert_false (drso_wave_canvas_is_animating (wave_canvas));
  g_assert_cmpuint (frames, ==, 0);

  /* Without a call to refresh, a change the server notifies shows too. */
  drso_server_run_set_status (app2, DRSO_LAUNCH_STATUS_FAILED);
  wait_until (summary_says (wave_canvas, "1 failed"), 2000);
  notified = drso_wave_canvas_dup_summary (wave_canvas);
  assert_contains (notified, "Wave 2, Application tier: 1 of 4 servers launched, 1 failed; "
                             "in progress.");
  wait_until (!drso_wave_canvas_is_animating (wave_canvas), 3000);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (canvas), &frames);

  /* The canvas goes with its window, and lets go of the execution. */
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &canvas);
  g_object_add_weak_pointer (G_OBJECT (execution), (gpointer *) &execution);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (canvas == NULL, 2000);
  g_object_unref (execution);
  g_assert_null (execution);
}

static void
test_canvas_mixed (void)
{
  g_autoptr(DrsoExecution) execution = new_mixed_run ();
  GtkWidget *canvas = drso_wave_canvas_new ();
  const gint64 estimates[] = { 3 * 60, 5 * 60 };  /* wave 1 is late */
  g_autofree char *summary = NULL;
  GtkWidget *window;

  drso_wave_canvas_set_execution (DRSO_WAVE_CANVAS (canvas), execution);
  drso_wave_canvas_set_estimates (DRSO_WAVE_CANVAS (canvas), estimates, G_N_ELEMENTS (estimates));
  window = show_in_window (canvas, "Payments", 860);

  summary = drso_wave_canvas_dup_summary (DRSO_WAVE_CANVAS (canvas));
  g_assert_cmpstr (summary, ==,
                   "Wave 1, Core services: 1 of 4 servers launched, 1 failed, "
                   "1 optional server failed, 1 in progress; in progress. "
                   "Wave 2, Edge: 0 of 2 servers launched; not started.");
  assert_tiles (DRSO_WAVE_CANVAS (canvas), execution);

  /* No gate: the execution does not wait. */
  g_assert_false (gtk_widget_get_visible (find_button (canvas)));
  g_assert_true (drso_wave_canvas_is_animating (DRSO_WAVE_CANVAS (canvas)));

  save_screenshot (window, "wave-canvas-mixed.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  drso_app_test_iterate_for (100);
  save_screenshot (window, "wave-canvas-mixed-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Without an execution the canvas is empty and still. */
  drso_wave_canvas_set_execution (DRSO_WAVE_CANVAS (canvas), NULL);
  g_clear_pointer (&summary, g_free);
  summary = drso_wave_canvas_dup_summary (DRSO_WAVE_CANVAS (canvas));
  g_assert_cmpstr (summary, ==, "");
  g_assert_false (drso_wave_canvas_is_animating (DRSO_WAVE_CANVAS (canvas)));
  g_assert_false (drso_wave_canvas_get_tile_at (DRSO_WAVE_CANVAS (canvas), 200, 20, NULL, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* In a narrow window the tiles of a long wave wrap onto more rows, and the
 * gate still holds its button. */
static void
test_canvas_narrow (void)
{
  g_autoptr(DrsoExecution) execution = new_paused_drill ();
  DrsoWaveRun *web = drso_execution_get_wave_run (execution, 3);
  GtkWidget *canvas = drso_wave_canvas_new ();
  graphene_rect_t first, last, button_bounds;
  GtkWidget *window;

  for (guint i = 7; i <= 16; i++)
    {
      g_autofree char *host = g_strdup_printf ("web-%u", i);

      add_server (web, host, "10.0.3.99", DRSO_LAUNCH_STATUS_PENDING);
    }
  drso_wave_canvas_set_execution (DRSO_WAVE_CANVAS (canvas), execution);
  window = show_in_window (canvas, "Production 3-tier", 520);

  assert_tiles (DRSO_WAVE_CANVAS (canvas), execution);
  g_assert_true (drso_wave_canvas_get_tile_bounds (DRSO_WAVE_CANVAS (canvas), 3, 0, &first));
  g_assert_true (drso_wave_canvas_get_tile_bounds (DRSO_WAVE_CANVAS (canvas), 3, 15, &last));
  g_assert_cmpfloat (last.origin.y, >, first.origin.y);

  g_assert_true (gtk_widget_compute_bounds (find_button (canvas), canvas, &button_bounds));
  g_assert_cmpfloat (button_bounds.origin.x, >, 0);
  g_assert_cmpfloat (button_bounds.origin.x + button_bounds.size.width, <=,
                     gtk_widget_get_width (canvas));

  save_screenshot (window, "wave-canvas-narrow.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_timeline (void)
{
  g_autoptr(DrsoExecution) execution = new_finished_drill ();
  GtkWidget *timeline = drso_rto_timeline_new ();
  g_autofree char *summary = NULL;
  GtkWidget *window;
  int height_before, height_after;

  drso_rto_timeline_set_execution (DRSO_RTO_TIMELINE (timeline), execution);
  drso_rto_timeline_set_target (DRSO_RTO_TIMELINE (timeline), 45 * 60);
  g_assert_cmpint (drso_rto_timeline_get_target (DRSO_RTO_TIMELINE (timeline)), ==, 45 * 60);
  g_assert_true (drso_rto_timeline_get_execution (DRSO_RTO_TIMELINE (timeline)) == execution);
  window = show_in_window (timeline, "Production 3-tier", 860);

  summary = drso_rto_timeline_dup_summary (DRSO_RTO_TIMELINE (timeline));
  g_assert_cmpstr (summary, ==,
                   "Wave 1: 2 servers, recovered in 9 min 40 s. "
                   "Wave 2: 4 servers, recovered in 21 min. "
                   "Wave 3: 2 servers, recovered in 27 min 30 s. "
                   "Measured RTO 27 min 30 s against a target of 45 min.");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_ROLE_IMG);

  save_screenshot (window, "rto-timeline.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  drso_app_test_iterate_for (100);
  save_screenshot (window, "rto-timeline-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* The height follows the number of servers. */
  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, 800, &height_before, NULL, NULL, NULL);
  add_server (drso_execution_get_wave_run (execution, 3), "web-3", "10.0.3.13",
              DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_execution_set_end_time (execution, start_time + 29 * 60);  /* notifies: read again */
  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, 800, &height_after, NULL, NULL, NULL);
  g_assert_cmpint (height_after, >, height_before);

  /* Without a target there is no line and no comparison. */
  drso_rto_timeline_set_target (DRSO_RTO_TIMELINE (timeline), 0);
  g_clear_pointer (&summary, g_free);
  summary = drso_rto_timeline_dup_summary (DRSO_RTO_TIMELINE (timeline));
  g_assert_null (strstr (summary, "Measured RTO"));
  assert_contains (summary, "Wave 3: 3 servers, recovered in 27 min 30 s.");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The application loads its style sheet by itself; these windows do not
   * belong to it. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/drso/Orchestrator/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/wave-canvas/paused", test_canvas_paused);
  g_test_add_func ("/wave-canvas/animation", test_canvas_animation);
  g_test_add_func ("/wave-canvas/mixed", test_canvas_mixed);
  g_test_add_func ("/wave-canvas/narrow", test_canvas_narrow);
  g_test_add_func ("/rto-timeline/finished", test_timeline);

  return g_test_run ();
}
