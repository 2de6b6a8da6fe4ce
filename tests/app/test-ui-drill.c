/* test-ui-drill.c
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

/* The running application, driven through its window as a user would: on a
 * fresh data folder it opens on the Sandbox's demo estate; three protection
 * groups are made in the groups page's editor; a three-wave plan is built in
 * the designer (a group moved between waves and back, a gate closed before
 * wave 2), checked for readiness and started as a drill; the drill is
 * resumed at the gate from the execution's page, completes, and its
 * instances are terminated. The store and the widgets are checked at each
 * step, and each page of the window is saved as a PNG. */

#include "config.h"

#include <adwaita.h>

#include "../drso-test-util.h"
#include "drso-app-test-util.h"
#include "drso-application.h"
#include "drso-execution-view.h"
#include "drso-executions-page.h"
#include "drso-group-editor.h"
#include "drso-groups-page.h"
#include "drso-plan-designer.h"
#include "drso-plans-page.h"
#include "drso-window.h"

#define GUARD_SECONDS 120

static DrsoApplication *app;
static DrsoWindow *window;

static void
settle (void)
{
  for (guint i = 0; i < 3; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Runs the main loop until @done says so; a guard against hanging, not a
 * timed assertion. */
static void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 guard = g_get_monotonic_time () + GUARD_SECONDS * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* A widget by its name (the templates' fixed widgets) or its key on the
 * plan designer's board (object data "drso-focus-key": wave-N, group-ID,
 * unused-ID, gate-N). */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 ||
      g_strcmp0 (g_object_get_data (G_OBJECT (root), "drso-focus-key"), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (const char *format,
       ...) G_GNUC_PRINTF (1, 2);

static GtkWidget *
named (const char *format,
       ...)
{
  g_autofree char *name = NULL;
  GtkWidget *widget;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  widget = find_named (GTK_WIDGET (window), name);
  if (widget == NULL)
    g_error ("The window has no widget named %s", name);
  return widget;
}

static void
click (GtkWidget *widget)
{
  if (ADW_IS_SPLIT_BUTTON (widget))
    widget = gtk_widget_get_first_child (widget);
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_get_mapped (widget));
  g_signal_emit_by_name (widget, "clicked");
  settle ();
}

static void
save_screenshot (const char *name)
{
  g_autofree char *file_name = g_strdup_printf ("ui-%s.png", name);

  /* These pictures become the help's figures and the store's screenshots:
   * nothing of an earlier step covers them, and what moves has arrived
   * (a toast leaves and a wave's tile changes colour in 300 ms). */
  settle ();
  drso_window_dismiss_toasts (DRSO_WINDOW (window));
  drso_app_test_iterate_for (600);
  settle ();
  drso_app_test_save_png (GTK_WIDGET (window), file_name);
}

static DrsoStore *
store (void)
{
  return drso_application_get_store (app);
}

static gboolean
demo_discovered (gpointer data)
{
  return g_list_model_get_n_items (drso_store_get_source_servers (store ())) >= 40;
}

/* Servers that replicate without lag: the drill's readiness check passes. */
static GPtrArray *
healthy_servers (void)
{
  GListModel *servers = drso_store_get_source_servers (store ());
  GPtrArray *healthy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) == 0 &&
          g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") == 0 &&
          drso_source_server_get_lag_seconds (server) <= 60)
        g_ptr_array_add (healthy, g_steal_pointer (&server));
    }
  return healthy;
}

static GObject *
editor_child (DrsoGroupsPage *page,
              const char     *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (drso_groups_page_get_editor (page)),
                                                  DRSO_TYPE_GROUP_EDITOR, name);

  g_assert_nonnull (child);
  return child;
}

/* Ticks a server in the editor's checklist, as a click on its row does. */
static void
tick_server (DrsoGroupsPage *page,
             const char     *server_id)
{
  GtkWidget *list = GTK_WIDGET (editor_child (page, "servers_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "server-id"), server_id) == 0)
        {
          g_signal_emit_by_name (row, "activate");
          settle ();
          return;
        }
    }
  g_error ("The editor's checklist has no row for %s", server_id);
}

/* A protection group of one server, made in the editor. */
static char *
create_group (DrsoGroupsPage   *page,
              const char       *name,
              DrsoSourceServer *server)
{
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "groups.new", NULL));
  settle ();
  gtk_editable_set_text (GTK_EDITABLE (editor_child (page, "name_row")), name);
  settle ();
  tick_server (page, drso_source_server_get_source_server_id (server));
  g_assert_cmpuint (drso_group_editor_get_n_matches (drso_groups_page_get_editor (page)), ==, 1);
  click (GTK_WIDGET (editor_child (page, "save_button")));

  group = drso_store_lookup_protection_group (store (), name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) drso_protection_group_get_server_ids (group)), ==, 1);
  g_assert_cmpstr (drso_protection_group_get_server_ids (group)[0], ==,
                   drso_source_server_get_source_server_id (server));
  return g_strdup (drso_protection_group_get_group_id (group));
}

static gboolean
verdict_shown (gpointer data)
{
  /* Revealed to the end, not half-way down its slide. */
  return gtk_revealer_get_child_revealed (GTK_REVEALER (named ("verdict-revealer"))) &&
         gtk_widget_get_sensitive (named ("check-readiness-button"));
}

typedef struct
{
  const char          *id;
  DrsoExecutionStatus  status;
} Awaited;

static gboolean
execution_in (gpointer data)
{
  Awaited *awaited = data;
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (store (), awaited->id, NULL);

  return execution != NULL && drso_execution_get_status (execution) == awaited->status;
}

static gboolean
view_shows (gpointer data)
{
  Awaited *awaited = data;
  DrsoExecutionsPage *page = DRSO_EXECUTIONS_PAGE (drso_window_get_page (window, "executions"));
  DrsoExecution *shown = drso_execution_view_get_execution (drso_executions_page_get_view (page));

  return shown != NULL && drso_execution_get_status (shown) == awaited->status;
}

static void
execution_started_cb (DrsoPlanDesigner *designer,
                      const char       *execution_id,
                      char            **slot)
{
  g_free (*slot);
  *slot = g_strdup (execution_id);
}

static void start_app (void);
static void stop_app (void);

static void
test_drill_through_the_window (void)
{
  g_autoptr(GPtrArray) servers = NULL;
  char *group_ids[3] = { NULL, NULL, NULL };
  g_autofree char *execution_id = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoExecution) done = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const names[] = { "Databases", "Applications", "Web front ends" };
  DrsoGroupsPage *groups;
  DrsoPlansPage *plans;
  DrsoPlanDesigner *designer;
  DrsoExecutionView *view;
  GtkWidget *card, *verdict;
  Awaited awaited;

  /* A fresh data folder: the Sandbox's account, its demo estate discovered. */
  start_app ();
  g_assert_nonnull (store ());
  wait_until (demo_discovered, NULL);
  g_assert_cmpstr (drso_window_get_section (window), ==, "dashboard");
  save_screenshot ("dashboard-empty");
  drso_window_set_section (window, "servers");
  save_screenshot ("servers");

  /* Three groups, made in the editor. */
  servers = healthy_servers ();
  g_assert_cmpuint (servers->len, >=, 3);
  drso_window_set_section (window, "groups");
  groups = DRSO_GROUPS_PAGE (drso_window_get_page (window, "groups"));
  for (guint i = 0; i < 3; i++)
    group_ids[i] = create_group (groups, names[i], g_ptr_array_index (servers, i));
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (store ())), ==, 3);
  save_screenshot ("groups");

  /* A three-wave plan in the designer. */
  drso_window_set_section (window, "plans");
  plans = DRSO_PLANS_PAGE (drso_window_get_page (window, "plans"));
  designer = drso_plans_page_get_designer (plans);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (plans), "plans.new", NULL));
  settle ();
  gtk_editable_set_text (GTK_EDITABLE (named ("plan-name")), "Shop");
  for (guint i = 0; i < 3; i++)
    click (named ("add-wave-button"));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (named ("unused-%s", group_ids[i]),
                                                 "designer.add-group", "(su)", group_ids[i],
                                                 i + 1));
      settle ();
    }

  /* A move between waves, with the keyboard's action, and back. */
  card = named ("group-%s", group_ids[1]);
  g_assert_true (gtk_widget_activate_action (card, "designer.move-group-next", "s",
                                             group_ids[1]));
  settle ();
  g_assert_true (gtk_widget_is_ancestor (named ("group-%s", group_ids[1]), named ("wave-3")));
  g_assert_true (gtk_widget_activate_action (named ("group-%s", group_ids[1]),
                                             "designer.move-group-previous", "s", group_ids[1]));
  settle ();
  g_assert_true (gtk_widget_is_ancestor (named ("group-%s", group_ids[1]), named ("wave-2")));

  /* The gate before wave 2. */
  click (named ("gate-2"));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named ("gate-2"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL));
  settle ();
  g_assert_false (drso_plan_designer_get_has_unsaved_changes (designer));

  plan = drso_store_lookup_recovery_plan (store (), "Shop", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (plan, i + 1);

      g_assert_cmpstr (drso_wave_get_protection_group_ids (wave)[0], ==, group_ids[i]);
      g_assert_cmpint (drso_wave_get_pause_before_wave (wave), ==, i == 1);
    }

  /* Readiness, in place. */
  click (named ("check-readiness-button"));
  wait_until (verdict_shown, NULL);
  verdict = named ("verdict");
  g_assert_true (g_str_equal (gtk_label_get_text (GTK_LABEL (verdict)), "GO") ||
                 g_str_equal (gtk_label_get_text (GTK_LABEL (verdict)), "GO WITH WARNINGS"));
  save_screenshot ("designer");

  /* The drill, from the designer; the window opens its page. */
  g_signal_connect (designer, "execution-started", G_CALLBACK (execution_started_cb),
                    &execution_id);
  click (named ("start-drill-button"));
  awaited.id = NULL;
  while (execution_id == NULL)
    g_main_context_iteration (NULL, TRUE);
  awaited.id = execution_id;
  g_assert_cmpstr (drso_window_get_section (window), ==, "executions");
  g_assert_cmpstr (drso_executions_page_get_execution_id (
                     DRSO_EXECUTIONS_PAGE (drso_window_get_page (window, "executions"))), ==,
                   execution_id);
  g_assert_cmpuint (drso_application_get_n_running (app), ==, 1);

  /* At the gate: the page offers Resume, and the dashboard too. */
  awaited.status = DRSO_EXECUTION_STATUS_PAUSED;
  wait_until (execution_in, &awaited);
  wait_until (view_shows, &awaited);
  view = drso_executions_page_get_view (
    DRSO_EXECUTIONS_PAGE (drso_window_get_page (window, "executions")));
  save_screenshot ("execution-running");
  drso_window_set_section (window, "dashboard");
  save_screenshot ("dashboard");
  drso_window_show_execution (window, execution_id);
  settle ();
  click (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), DRSO_TYPE_EXECUTION_VIEW,
                                                    "resume_button")));

  awaited.status = DRSO_EXECUTION_STATUS_COMPLETED;
  wait_until (execution_in, &awaited);
  wait_until (view_shows, &awaited);
  g_assert_cmpuint (drso_application_get_n_running (app), ==, 0);
  save_screenshot ("execution-finished");

  /* Every wave recovered its server. */
  done = drso_store_lookup_execution (store (), execution_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_execution_get_execution_type (done), ==, DRSO_EXECUTION_TYPE_DRILL);
  for (guint i = 0; i < 3; i++)
    {
      DrsoWaveRun *wave = drso_execution_get_wave_run (done, i + 1);

      g_assert_cmpint (drso_wave_run_get_status (wave), ==, DRSO_WAVE_STATUS_COMPLETED);
      g_assert_cmpuint (drso_wave_run_get_servers_recovered (wave), ==, 1);
    }

  /* Clean-up after the drill. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "view.terminate-confirmed", NULL));
  while (TRUE)
    {
      g_autoptr(DrsoExecution) now = drso_store_lookup_execution (store (), execution_id, NULL);

      if (drso_execution_get_instances_terminated (now))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; i < 3; i++)
    g_free (group_ids[i]);

  /* The page offers no second clean-up. */
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    GTK_WIDGET (view), DRSO_TYPE_EXECUTION_VIEW, "terminate_button"))));
  stop_app ();
}

/* Starts the application on the test's own data folder, as
 * `drs-orchestrator` does, with its settings in memory: the Sandbox's clock
 * fast, the engine's polls short. */
static void
start_app (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.drso.Orchestrator");
  g_autoptr(GError) error = NULL;

  g_settings_set_double (settings, "sandbox-time-scale", 1500.0);
  g_settings_set_double (settings, "poll-min-interval", 0.1);
  g_settings_set_double (settings, "poll-max-interval", 1.0);
  g_settings_set_boolean (settings, "notify-wave-completed", FALSE);
  g_settings_set_boolean (settings, "notify-paused", FALSE);
  g_settings_set_boolean (settings, "notify-finished", FALSE);
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 860);

  app = drso_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = DRSO_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static void
stop_app (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("drso-ui-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);
  int status;

  /* A data folder of its own, so that the app starts as on a new machine;
   * the system's folders stay (GTK needs their MIME database for its
   * icons). */
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/app/ui/drill-through-the-window", test_drill_through_the_window);
  status = g_test_run ();
  drso_test_remove_tree (home);
  return status;
}
