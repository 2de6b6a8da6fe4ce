/* test-executions-page.c
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

#include "test-executions-page-fixture.h"

/* The executions page, the page of one execution and the dashboard, in a
 * window, against the real store, the in-process Sandbox and the engine: a
 * drill of two waves that waits for approval before wave 2 is followed
 * from its start to its end and driven through the buttons: resume at the
 * gate, terminate the drill's instances, cancel a second drill, resume a
 * third from the dashboard; the controls follow the role; the dashboard
 * shows the paused drill with its Resume button and, after, the drill's
 * measured RTO; the history's filters and search. A drill whose launch
 * fails offers Retry Wave and Skip Wave, and completes when retried. The
 * empty states come first. */

/* Conditions */

static gboolean
list_has_rows (Fixture       *fixture,
               gconstpointer  data)
{
  GtkListBox *list = get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "list_box");

  return count_rows (list) >= GPOINTER_TO_UINT (data);
}

static gboolean
stored_status_is (Fixture       *fixture,
                  gconstpointer  data)
{
  const struct { const char *id; DrsoExecutionStatus status; } *want = data;

  return stored_status (fixture, want->id) == want->status;
}

static gboolean
view_status_is (Fixture       *fixture,
                gconstpointer  data)
{
  DrsoExecution *shown = drso_execution_view_get_execution (drso_executions_page_get_view (fixture->page));

  return shown != NULL && (int) drso_execution_get_status (shown) == GPOINTER_TO_INT (data);
}

static gboolean
not_driving (Fixture       *fixture,
             gconstpointer  data)
{
  return !drso_engine_is_driving (fixture->engine, data);
}

static gboolean
instances_terminated (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (fixture->store, data, NULL);

  return drso_execution_get_instances_terminated (execution) && has_toast (fixture, "terminated");
}

static gboolean
list_has_exactly (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkListBox *list = get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "list_box");

  return count_rows (list) == GPOINTER_TO_UINT (data);
}

static gboolean
first_row_paused (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkListBox *list = get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "list_box");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);
  DrsoExecution *execution = row ? g_object_get_data (G_OBJECT (row), "drso-execution") : NULL;

  return execution != NULL && drso_execution_get_status (execution) == DRSO_EXECUTION_STATUS_PAUSED;
}

static gboolean
list_shows (Fixture       *fixture,
            gconstpointer  data)
{
  return drso_executions_page_get_execution_id (fixture->page) == NULL;
}

static gboolean
content_is (Fixture       *fixture,
            gconstpointer  data)
{
  GtkOrientable *box = GTK_ORIENTABLE (view_child (fixture, "content_box"));

  return (int) gtk_orientable_get_orientation (box) == GPOINTER_TO_INT (data);
}

static gboolean
section_shown (Fixture       *fixture,
               gconstpointer  data)
{
  return was_activated (fixture, data);
}

static gboolean
toast_seen (Fixture       *fixture,
            gconstpointer  data)
{
  return has_toast (fixture, data);
}

static gboolean
dashboard_has_resume (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkListBox *list = get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "running_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

  return row != NULL && find_descendant (GTK_WIDGET (row), GTK_TYPE_BUTTON) != NULL;
}

static gboolean
dashboard_running_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  return count_rows (get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "running_list")) == 0;
}

static gboolean
dashboard_has_drill (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkListBox *list = get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "drills_list");

  return count_rows (list) == 1;
}

/* The attention list has a row titled @data. */
static gboolean
dashboard_has_attention (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkListBox *list = get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "attention_list");
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) == 0)
      return TRUE;
  return FALSE;
}

static void
wait_for_status (Fixture             *fixture,
                 const char          *id,
                 DrsoExecutionStatus  status)
{
  struct { const char *id; DrsoExecutionStatus status; } want = { id, status };
  g_autofree char *what = g_strdup_printf ("%s to be %s", id,
                                           drso_execution_status_to_string (status));

  wait_until (fixture, stored_status_is, &want, what);
  wait_until (fixture, view_status_is, GINT_TO_POINTER (status), "the view to follow");
}

/* The kinds of the events the view's log holds. */
static gboolean
log_has_kind (Fixture       *fixture,
              DrsoEventKind  kind)
{
  GtkListView *log = GTK_LIST_VIEW (view_child (fixture, "log_view"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (log));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(DrsoExecutionEvent) event = g_list_model_get_item (model, i);

      if (drso_execution_event_get_kind (event) == kind)
        return TRUE;
    }
  return FALSE;
}

static void
assert_sensitive (Fixture    *fixture,
                  const char *button,
                  gboolean    sensitive)
{
  GtkWidget *widget = view_child (fixture, button);

  if (gtk_widget_is_sensitive (widget) != sensitive)
    g_error ("%s is %s", button, sensitive ? "insensitive" : "sensitive");
}

/* Clicks the button @name of the view, which must be sensitive. */
static void
click (Fixture    *fixture,
       const char *name)
{
  GtkWidget *button = view_child (fixture, name);

  if (!gtk_widget_is_sensitive (button) || !gtk_widget_is_visible (button))
    g_error ("%s cannot be clicked: it is %s and %s", name,
             gtk_widget_is_sensitive (button) ? "sensitive" : "insensitive",
             gtk_widget_is_visible (button) ? "visible" : "hidden");
  g_assert_true (gtk_widget_activate (button));
}

/* Tests */

static void
test_executions_page_empty (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkStack *list_stack = get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "list_stack");
  GtkStack *dashboard_stack = get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "stack");
  GtkWidget *plans_button = get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "plans_button");
  GtkWidget *design_button = get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE,
                                        "design_button");
  DrsoExecutionView *view = drso_executions_page_get_view (fixture->page);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (plans_button)), ==,
                   "win.show-section");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (
                                           GTK_ACTIONABLE (plans_button)), NULL), ==, "plans");
  g_assert_false (gtk_widget_get_visible (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE,
                                                     "toolbar")));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dashboard_stack), ==, "empty");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (design_button)), ==,
                   "win.show-section");
  save_screenshot (fixture, "dashboard-empty");
  g_assert_true (gtk_widget_is_sensitive (design_button));
  gtk_widget_activate (design_button);
  wait_until (fixture, section_shown, "section:plans", "the plans section");
  g_assert_null (drso_executions_page_get_execution_id (fixture->page));

  /* An execution that does not exist says so. */
  gtk_stack_set_visible_child_name (fixture->stack, "executions");
  drso_executions_page_show_execution (fixture->page, "no-such-execution");
  g_assert_cmpstr (drso_executions_page_get_execution_id (fixture->page), ==,
                   "no-such-execution");
  g_assert_null (drso_execution_view_get_execution (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (view_child (fixture, "stack"))),
                   ==, "none");
  g_assert_false (gtk_widget_is_visible (view_child (fixture, "pause_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "executions.back", NULL);
  g_assert_null (drso_executions_page_get_execution_id (fixture->page));
  save_screenshot (fixture, "executions-empty");
}

static void
test_executions_page_drill (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(DrsoRecoveryPlan) plan = create_plan (fixture);
  g_autofree char *id = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(DrsoExecution) stored = NULL;
  GtkListBox *list = get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "list_box");
  GtkListBox *drills;
  DrsoExecutionView *view = drso_executions_page_get_view (fixture->page);
  DrsoWaveCanvas *canvas;
  DrsoRtoTimeline *timeline;
  GtkListBoxRow *row;
  GtkWidget *button;
  const char *rto_text;

  /* The drill starts; its row appears in the history. */
  create_shaky_plan (fixture);
  gtk_stack_set_visible_child_name (fixture->stack, "executions");
  id = start_drill (fixture, plan);
  wait_until (fixture, list_has_rows, GUINT_TO_POINTER (1), "the execution's row");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Production 2-tier");

  /* Its page opens from the row, and follows it to the gate. */
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpstr (drso_executions_page_get_execution_id (fixture->page), ==, id);
  g_assert_cmpstr (drso_execution_view_get_execution_id (view), ==, id);
  wait_for_status (fixture, id, DRSO_EXECUTION_STATUS_PAUSED);
  assert_sensitive (fixture, "resume_button", TRUE);
  assert_sensitive (fixture, "pause_button", FALSE);
  assert_sensitive (fixture, "cancel_button", TRUE);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "resume_button")));
  canvas = DRSO_WAVE_CANVAS (view_child (fixture, "canvas"));
  g_assert_nonnull (drso_wave_canvas_get_execution (canvas));
  g_assert_cmpstr (drso_execution_get_execution_id (drso_wave_canvas_get_execution (canvas)), ==,
                   id);
  g_assert_cmpint (drso_execution_get_status (drso_wave_canvas_get_execution (canvas)), ==,
                   DRSO_EXECUTION_STATUS_PAUSED);
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "subtitle_label"))),
                         "before wave 2") != NULL);
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "rto_box")));
  g_assert_true (log_has_kind (fixture, DRSO_EVENT_KIND_PAUSED));

  /* "Show as List" lists both waves and their five servers. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (view_child (fixture, "list_toggle")), TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (view_child (fixture, "waves_stack"))),
                   ==, "list");
  g_assert_cmpuint (count_rows (GTK_LIST_BOX (view_child (fixture, "waves_list"))), ==, 2);
  save_screenshot (fixture, "execution-list");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (view_child (fixture, "list_toggle")), FALSE);
  save_screenshot (fixture, "execution-running");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (fixture, "execution-running-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* The dashboard shows the paused drill with its Resume button. */
  gtk_stack_set_visible_child_name (fixture->stack, "dashboard");
  wait_until (fixture, dashboard_has_resume, NULL, "the dashboard's Resume button");
  wait_until (fixture, dashboard_has_attention, "Legacy billing", "the shaky plan's readiness");
  save_screenshot (fixture, "dashboard");

  /* A read-only role may look, not touch. */
  gtk_stack_set_visible_child_name (fixture->stack, "executions");
  drso_test_set_role (fixture->store, DRSO_ROLE_READ_ONLY);
  assert_sensitive (fixture, "resume_button", FALSE);
  assert_sensitive (fixture, "pause_button", FALSE);
  assert_sensitive (fixture, "cancel_button", FALSE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (view_child (fixture, "resume_button")), !=,
                   "Approve the next wave and go on");
  drso_dashboard_page_refresh (fixture->dashboard);
  button = find_descendant (GTK_WIDGET (gtk_list_box_get_row_at_index (
             get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "running_list"), 0)),
           GTK_TYPE_BUTTON);
  g_assert_false (gtk_widget_get_sensitive (button));
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  assert_sensitive (fixture, "resume_button", TRUE);
  assert_sensitive (fixture, "cancel_button", TRUE);

  /* Resume: the drill goes through wave 2 to its end. */
  click (fixture, "resume_button");
  wait_for_status (fixture, id, DRSO_EXECUTION_STATUS_COMPLETED);
  wait_until (fixture, not_driving, id, "the engine to let go");
  drso_execution_view_refresh (view);
  wait_until (fixture, toast_seen, "Resumed", "the toast");
  g_assert_true (log_has_kind (fixture, DRSO_EVENT_KIND_PAUSED));
  g_assert_true (log_has_kind (fixture, DRSO_EVENT_KIND_RESUMED));
  g_assert_true (log_has_kind (fixture, DRSO_EVENT_KIND_EXECUTION_FINISHED));

  /* The RTO timeline, against the plan's target. */
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "rto_box")));
  timeline = DRSO_RTO_TIMELINE (view_child (fixture, "rto_timeline"));
  g_assert_cmpint (drso_rto_timeline_get_target (timeline), ==, RTO_TARGET);
  g_assert_nonnull (drso_rto_timeline_get_execution (timeline));
  rto_text = gtk_label_get_text (GTK_LABEL (view_child (fixture, "rto_label")));
  g_test_message ("RTO: %s", rto_text);
  g_assert_true (g_str_has_prefix (rto_text, "Recovered in "));
  g_assert_true (strstr (rto_text, "under the 15 min target") != NULL);
  g_assert_true (gtk_widget_has_css_class (view_child (fixture, "rto_label"), "success"));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "pause_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "cancel_button")));
  assert_sensitive (fixture, "terminate_button", TRUE);
  save_screenshot (fixture, "execution-finished");

  /* On a wide window the event log stands beside the waves. */
  resize_window (fixture, 1280, 960);
  wait_until (fixture, content_is, GINT_TO_POINTER (GTK_ORIENTATION_HORIZONTAL), "a wide layout");
  save_screenshot (fixture, "execution-wide");
  resize_window (fixture, 1200, 800);
  wait_until (fixture, content_is, GINT_TO_POINTER (GTK_ORIENTATION_VERTICAL), "a narrow layout");

  /* Terminate the drill's instances, confirmed in the dialog. */
  click (fixture, "terminate_button");
  respond ("terminate");
  wait_until (fixture, instances_terminated, id, "the instances to be terminated");
  stored = drso_store_lookup_execution (fixture->store, id, NULL);
  g_assert_true (drso_execution_get_instances_terminated (stored));
  drso_execution_view_refresh (view);
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "terminate_button")));

  /* The dashboard: nothing runs; the drill's measured RTO. */
  gtk_stack_set_visible_child_name (fixture->stack, "dashboard");
  wait_until (fixture, dashboard_has_drill, NULL, "the dashboard's last drill");
  drills = get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "drills_list");
  row = gtk_list_box_get_row_at_index (drills, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Production 2-tier");
  g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Drill completed")
                 != NULL);
  g_assert_nonnull (find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL));
  {
    g_autofree char *wanted = g_strdup_printf ("execution:%s", id);

    g_signal_emit_by_name (drills, "row-activated", row);
    g_assert_true (was_activated (fixture, wanted));
  }
  g_assert_cmpuint (count_rows (get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE,
                                           "running_list")), ==, 0);
  save_screenshot (fixture, "dashboard-drills");

  /* A second drill, cancelled at the gate after a confirmation. */
  gtk_stack_set_visible_child_name (fixture->stack, "executions");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "executions.back", NULL);
  second = start_drill (fixture, plan);
  wait_until (fixture, list_has_rows, GUINT_TO_POINTER (2), "the second execution's row");
  drso_executions_page_show_execution (fixture->page, second);
  wait_for_status (fixture, second, DRSO_EXECUTION_STATUS_PAUSED);
  click (fixture, "cancel_button");
  respond ("cancel-execution");
  wait_for_status (fixture, second, DRSO_EXECUTION_STATUS_CANCELLED);
  wait_until (fixture, toast_seen, "Execution cancelled", "the toast");
  g_assert_true (log_has_kind (fixture, DRSO_EVENT_KIND_CANCELLED));

  /* The history: newest first; the state filter. */
  gtk_widget_activate (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "back_button"));
  wait_until (fixture, list_shows, NULL, "the list of executions");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_true (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Drill") != NULL);

  /* A third drill waits at the gate: its row has a progress bar. */
  third = start_drill (fixture, plan);
  wait_until (fixture, list_has_rows, GUINT_TO_POINTER (3), "the third execution's row");
  {
    struct { const char *id; DrsoExecutionStatus status; } want = {
      third, DRSO_EXECUTION_STATUS_PAUSED
    };

    wait_until (fixture, stored_status_is, &want, "the third drill to pause");
  }
  wait_until (fixture, first_row_paused, NULL, "the third drill's row to say so");
  g_assert_nonnull (find_descendant (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                     GTK_TYPE_PROGRESS_BAR));
  g_assert_null (find_descendant (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)),
                                  GTK_TYPE_PROGRESS_BAR));
  save_screenshot (fixture, "executions");

  /* The filters. */
  gtk_drop_down_set_selected (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE,
                                         "status_dropdown"), 3 /* Completed */);
  g_assert_cmpuint (count_rows (list), ==, 1);
  gtk_drop_down_set_selected (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE,
                                         "status_dropdown"), 1 /* Unfinished */);
  g_assert_cmpuint (count_rows (list), ==, 1);
  gtk_drop_down_set_selected (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE,
                                         "type_dropdown"), 2 /* Recoveries */);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "list_stack")), ==,
                   "no-match");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "executions.clear-filters", NULL);
  g_assert_cmpuint (count_rows (list), ==, 3);
  gtk_editable_set_text (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "search_entry"),
                         "legacy");
  wait_until (fixture, list_has_exactly, GUINT_TO_POINTER (0), "the search");
  gtk_editable_set_text (get_child (fixture->page, DRSO_TYPE_EXECUTIONS_PAGE, "search_entry"),
                         "production cancelled");
  wait_until (fixture, list_has_exactly, GUINT_TO_POINTER (1), "the search");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (row), "drso-execution") != NULL
                   ? drso_execution_get_execution_id (g_object_get_data (G_OBJECT (row),
                                                                         "drso-execution"))
                   : NULL, ==, second);

  /* The dashboard's Resume button lets the third drill go on. */
  gtk_stack_set_visible_child_name (fixture->stack, "dashboard");
  wait_until (fixture, dashboard_has_resume, NULL, "the dashboard's Resume button");
  button = find_descendant (GTK_WIDGET (gtk_list_box_get_row_at_index (
             get_child (fixture->dashboard, DRSO_TYPE_DASHBOARD_PAGE, "running_list"), 0)),
           GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  {
    struct { const char *id; DrsoExecutionStatus status; } want = {
      third, DRSO_EXECUTION_STATUS_COMPLETED
    };

    wait_until (fixture, stored_status_is, &want, "the third drill to complete");
  }
  wait_until (fixture, dashboard_running_empty, NULL, "the dashboard's running list to empty");
}

/* A launch fails: the drill fails in its only wave; Retry Wave and Skip
 * Wave are offered (to a role that may), and Retry, once the fault is gone,
 * completes it. */
static void
test_executions_page_failed_wave (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Web front ends");
  g_autoptr(DrsoWave) wave = drso_wave_new ("Web tier");
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = create_group (fixture, 0, 2);
  g_autofree char *spec = NULL;
  g_autofree char *id = NULL;
  const char *hostname = drso_source_server_get_hostname (g_ptr_array_index (fixture->servers, 0));
  GtkWidget *problems;

  drso_wave_add_protection_group_id (wave, group_id);
  drso_recovery_plan_append_wave (plan, wave);
  g_assert_true (drso_store_create_recovery_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  spec = g_strdup_printf ("fail=%s", hostname);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, spec, &error));
  g_assert_no_error (error);

  gtk_stack_set_visible_child_name (fixture->stack, "executions");
  id = start_drill (fixture, plan);
  drso_executions_page_show_execution (fixture->page, id);
  wait_for_status (fixture, id, DRSO_EXECUTION_STATUS_FAILED);
  wait_until (fixture, not_driving, id, "the engine to let go");
  drso_execution_view_refresh (drso_executions_page_get_view (fixture->page));

  problems = view_child (fixture, "problems_label");
  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), hostname));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "retry_button")));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "skip_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "pause_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "resume_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "cancel_button")));
  assert_sensitive (fixture, "retry_button", TRUE);
  assert_sensitive (fixture, "skip_button", TRUE);
  /* One server of the drill did come up: its instance can go. */
  assert_sensitive (fixture, "terminate_button", TRUE);
  g_assert_true (log_has_kind (fixture, DRSO_EVENT_KIND_WAVE_FAILED));
  /* Half the servers are up: the recovery time says so, as a warning. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (view_child (fixture,
                                                                              "rto_label"))),
                                   "Only 1 of 2 servers recovered"));
  g_assert_true (gtk_widget_has_css_class (view_child (fixture, "rto_label"), "warning"));
  save_screenshot (fixture, "execution-failed");

  drso_test_set_role (fixture->store, DRSO_ROLE_READ_ONLY);
  assert_sensitive (fixture, "retry_button", FALSE);
  assert_sensitive (fixture, "skip_button", FALSE);
  assert_sensitive (fixture, "terminate_button", FALSE);
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  assert_sensitive (fixture, "retry_button", TRUE);

  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, NULL, &error));
  g_assert_no_error (error);
  click (fixture, "retry_button");
  wait_for_status (fixture, id, DRSO_EXECUTION_STATUS_COMPLETED);
  wait_until (fixture, toast_seen, "Retrying", "the toast");
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "retry_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "skip_button")));
  /* Every server is up now; the plan sets no target, so no colour. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "rto_label"))),
                            "no RTO target"));
  g_assert_false (gtk_widget_has_css_class (view_child (fixture, "rto_label"), "warning"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autofree char *home = NULL;
  const char * const names[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
  };
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP this test needs a display (run it under xvfb-run)\n");
      return 0;
    }

  /* A home of its own, so that every test starts with an empty store, while
   * the system's data folders stay for the icons and the GSettings schemas. */
  home = g_dir_make_tmp ("drso-executions-page-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (home, names[i] + strlen ("XDG_"), NULL);

      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application loads its style sheet by itself; these windows do not
   * belong to it. The canvas and the timeline take their colours from it. */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/drso/Orchestrator/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* The canvas pulses its tiles in progress: still pictures are steadier. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/executions-page/empty", Fixture, NULL,
              fixture_set_up_empty, test_executions_page_empty, fixture_tear_down);
  g_test_add ("/executions-page/drill", Fixture, NULL,
              fixture_set_up_sandbox, test_executions_page_drill, fixture_tear_down);
  g_test_add ("/executions-page/failed-wave", Fixture, NULL,
              fixture_set_up_sandbox, test_executions_page_failed_wave, fixture_tear_down);

  ret = g_test_run ();
  drso_test_remove_tree (home);
  return ret;
}
