/* test-plan-designer.c
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

#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "drso-plans-page.h"
#include "drso-plan-designer.h"
#include "../drso-test-util.h"
#include "drso-app-test-util.h"

/* The "Recovery plans" page and its plan designer, driven through their
 * widgets and actions in a window, against a real store and an in-process
 * Sandbox: a plan is designed wave by wave, saved as it goes, checked for
 * readiness and started as a drill. */

#define TIME_SCALE 1500.0

typedef struct
{
  DrsoSandbox   *sandbox;
  DrsoAwsClient *client;
  DrsoStore     *store;
  DrsoEngine    *engine;
  GPtrArray     *servers;    /* healthy DrsoSourceServer of the simulated account */
  GPtrArray     *unhealthy;  /* the others: stalled, lagging, ... */
  GPtrArray     *toasts;     /* of char*, from the page */
  GtkWindow     *window;
  DrsoPlansPage *page;
} Fixture;

/* Widgets */

/* Finds a widget by its name (the templates' fixed widgets), its key on
 * the designer's board (object data "drso-focus-key") or the plan id of a
 * row of the list (object data "plan-id"). */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0 ||
      g_strcmp0 (g_object_get_data (G_OBJECT (root), "drso-focus-key"), name) == 0 ||
      (GTK_IS_LIST_BOX_ROW (root) &&
       g_strcmp0 (g_object_get_data (G_OBJECT (root), "plan-id"), name) == 0))
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
get_named (Fixture    *fixture,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static GtkWidget *
get_named (Fixture    *fixture,
           const char *format,
           ...)
{
  g_autofree char *name = NULL;
  GtkWidget *widget;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);
  widget = find_named (GTK_WIDGET (fixture->window), name);
  if (widget == NULL)
    g_error ("No widget is named %s", name);
  return widget;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the main loop until nothing is pending. */
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
wait_until (gboolean (*done) (Fixture *fixture),
            Fixture   *fixture)
{
  gint64 guard = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, guard);
      g_main_context_iteration (NULL, TRUE);
    }
  settle ();
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);

  settle ();
  drso_app_test_save_png (GTK_WIDGET (fixture->window), file_name);
}

/* The fixture */

static char *test_home;

/* A real store of the test's own: drso_test_open_store() opens the default
 * path, which GLib fixes for the whole process, and each test here needs an
 * empty store. Like that function, it drops the built-in simulated account,
 * which the Sandbox's own list brings back. */
static DrsoStore *
open_store (void)
{
  static guint n_stores;
  g_autofree char *file = g_strdup_printf ("store-%u.db", ++n_stores);
  g_autofree char *path = g_build_filename (test_home, file, NULL);
  g_autoptr(DrsoAccount) builtin = NULL;
  g_autoptr(GError) error = NULL;
  DrsoStore *store = drso_store_new (path, &error);

  g_assert_no_error (error);
  builtin = drso_store_lookup_account (store, DRSO_SANDBOX_ACCOUNT_ID, NULL);
  if (builtin != NULL && drso_account_get_simulated (builtin))
    {
      g_assert_true (drso_store_remove_account (store, DRSO_SANDBOX_ACCOUNT_ID, &error));
      g_assert_no_error (error);
    }
  return store;
}

static gboolean
is_healthy (DrsoSourceServer *server)
{
  return g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") == 0 &&
         drso_source_server_get_lag_seconds (server) <= 60;
}

static void
page_toast_cb (DrsoPlansPage *page,
               const char    *message,
               Fixture       *fixture)
{
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *servers;

  fixture->sandbox = g_object_new (DRSO_TYPE_SANDBOX, "time-scale", TIME_SCALE,
                                   "seed", (guint64) 11, NULL);
  g_assert_true (drso_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);

  /* The designer's readiness check uses the default client, as the
   * application does. */
  fixture->client = g_object_ref (drso_aws_client_get_default ());
  drso_aws_client_set_backoff_scale (fixture->client, 0.001);
  drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));

  fixture->store = open_store ();
  accounts = drso_sandbox_list_accounts (fixture->sandbox);
  for (guint i = 0; i < accounts->len; i++)
    {
      g_assert_true (drso_store_add_account (fixture->store, g_ptr_array_index (accounts, i),
                                             &error));
      g_assert_no_error (error);
    }

  discovery = drso_discovery_new (fixture->store, DRSO_SANDBOX_ACCOUNT_ID, NULL, fixture->client);
  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), NULL,
                                            &error));
  g_assert_no_error (error);

  fixture->servers = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->unhealthy = g_ptr_array_new_with_free_func (g_object_unref);
  servers = drso_store_get_source_servers (fixture->store);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);
      gboolean healthy;

      if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) != 0)
        continue;
      healthy = is_healthy (server);
      g_ptr_array_add (healthy ? fixture->servers : fixture->unhealthy, g_steal_pointer (&server));
    }
  g_assert_cmpuint (fixture->servers->len, >=, 5);

  fixture->engine = drso_engine_new (fixture->store, fixture->client);
  g_object_set (fixture->engine, "poll-min-interval", 0.02, "poll-max-interval", 0.2, NULL);

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 800);
  fixture->page = DRSO_PLANS_PAGE (drso_plans_page_new (fixture->store, fixture->engine));
  g_signal_connect (fixture->page, "toast", G_CALLBACK (page_toast_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  settle ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  settle ();
  g_clear_object (&fixture->engine);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_pointer (&fixture->servers, g_ptr_array_unref);
  g_clear_pointer (&fixture->unhealthy, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  drso_aws_client_set_sandbox_url (fixture->client, NULL);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
}

/* A protection group of the healthy servers @first to @first + @n - 1. */
static char *
create_group (Fixture    *fixture,
              const char *name,
              guint       first,
              guint       n)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID,
                                                                    DRSO_SANDBOX_REGION);
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + n; i++)
    drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                  g_ptr_array_index (fixture->servers, i)));
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

static DrsoRecoveryPlan *
lookup_plan (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  DrsoRecoveryPlan *plan = drso_store_lookup_recovery_plan (fixture->store, name, &error);

  g_assert_no_error (error);
  return plan;
}

static const char *
visible_page (Fixture *fixture)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (fixture->page)));

  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
has_toast (Fixture    *fixture,
           const char *message)
{
  for (guint i = 0; i < fixture->toasts->len; i++)
    if (g_str_equal (g_ptr_array_index (fixture->toasts, i), message))
      return TRUE;
  return FALSE;
}

static void
assert_label_contains (GtkWidget  *widget,
                       const char *needle)
{
  const char *text = gtk_label_get_text (GTK_LABEL (widget));

  if (strstr (text, needle) == NULL)
    g_error ("“%s” does not contain “%s”", text, needle);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}


static void
assert_wave (DrsoRecoveryPlan *plan,
             guint             number,
             const char       *group_id,
             gboolean          pause_before)
{
  DrsoWave *wave = drso_recovery_plan_get_wave (plan, number);
  const char *expected[] = { group_id, NULL };

  g_assert_nonnull (wave);
  drso_test_assert_strv (drso_wave_get_protection_group_ids (wave), expected);
  g_assert_cmpint (drso_wave_get_pause_before_wave (wave), ==, pause_before);
}

/* Checks that @card has @trigger (such as <Alt>Right) for @action_name on
 * @group_id: the keyboard way to do what a drag does. */
static void
assert_card_shortcut (GtkWidget  *card,
                      const char *trigger,
                      const char *action_name,
                      const char *group_id)
{
  g_autoptr(GtkShortcut) shortcut = drso_app_test_find_shortcut (card, trigger);
  GtkShortcutAction *action = shortcut != NULL ? gtk_shortcut_get_action (shortcut) : NULL;
  GVariant *arguments = shortcut != NULL ? gtk_shortcut_get_arguments (shortcut) : NULL;

  if (action != NULL && GTK_IS_NAMED_ACTION (action) &&
      g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) &&
      arguments != NULL && g_str_equal (g_variant_get_string (arguments, NULL), group_id))
    return;
  g_error ("The card of %s has no %s shortcut for %s", group_id, trigger, action_name);
}

/* Clicks a button (the main part of a split button), as a pointer would. */
static void
click (GtkWidget *widget)
{
  if (ADW_IS_SPLIT_BUTTON (widget))
    widget = gtk_widget_get_first_child (widget);
  g_assert_true (GTK_IS_BUTTON (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_signal_emit_by_name (widget, "clicked");
  settle ();
}

/* The drill button is a split button: its main part follows the action. */
static gboolean
drill_enabled (Fixture *fixture)
{
  GtkWidget *split = get_named (fixture, "start-drill-button");
  GtkWidget *button = gtk_widget_get_first_child (split);

  g_assert_true (GTK_IS_BUTTON (button));
  return gtk_widget_is_sensitive (button);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  DrsoPlanDesigner *designer = drso_plans_page_get_designer (fixture->page);
  AdwStatusPage *status;
  GtkWidget *name_entry, *focus;

  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  status = ADW_STATUS_PAGE (find_type (GTK_WIDGET (fixture->page), ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Recovery Plans");
  save_screenshot (fixture, "plans-empty");

  /* A new plan opens in the designer, its name ready to be typed over. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plans.new", NULL));
  settle ();
  g_assert_cmpstr (visible_page (fixture), ==, "designer");
  name_entry = get_named (fixture, "plan-name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_entry)), ==, "New plan");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == name_entry || gtk_widget_is_ancestor (focus, name_entry));
  g_assert_null (drso_plan_designer_get_plan_id (designer));
  assert_label_contains (get_named (fixture, "save-status"), "Not saved yet");
  g_assert_false (drill_enabled (fixture));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "check-readiness-button")));
  save_screenshot (fixture, "designer-new");

  /* Nothing to keep: back to the empty state, and the store has no plan. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plans.back", NULL));
  settle ();
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_recovery_plans (fixture->store)),
                    ==, 0);
}

static gboolean
readiness_done (Fixture *fixture)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (get_named (fixture, "verdict-revealer"))) &&
         gtk_widget_get_sensitive (get_named (fixture, "check-readiness-button"));
}

static void
execution_started_cb (DrsoPlanDesigner *designer,
                      const char       *execution_id,
                      char            **slot)
{
  g_assert_null (*slot);
  *slot = g_strdup (execution_id);
}

static char *started_id;

static gboolean
started (Fixture *fixture)
{
  if (started_id == NULL && fixture->toasts->len > 0 &&
      !has_toast (fixture, "Drill started"))
    g_error ("The drill did not start: %s",
             (char *) g_ptr_array_index (fixture->toasts, fixture->toasts->len - 1));
  return started_id != NULL && has_toast (fixture, "Drill started");
}

static gboolean
execution_ended (Fixture *fixture)
{
  g_autoptr(DrsoExecution) execution =
    drso_store_lookup_execution (fixture->store, started_id, NULL);

  return execution != NULL &&
         drso_execution_status_is_final (drso_execution_get_status (execution));
}

static void
test_design (Fixture       *fixture,
             gconstpointer  data)
{
  DrsoPlanDesigner *designer = drso_plans_page_get_designer (fixture->page);
  g_autofree char *db = create_group (fixture, "Database tier", 0, 1);
  g_autofree char *app = create_group (fixture, "Application tier", 1, 1);
  g_autofree char *web = create_group (fixture, "Web tier", 2, 1);
  g_autofree char *batch = create_group (fixture, "Batch jobs", 3, 2);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  const char *group_ids[] = { db, app, web };
  const char *wave_names[] = { "Databases", "Applications", "Web front ends" };
  const guint minutes[] = { 10, 5, 5 };
  const char *server_id = drso_source_server_get_source_server_id (
                            g_ptr_array_index (fixture->servers, 0));
  GtkWidget *card, *gate, *popover, *sw, *verdict;
  GtkMenuButton *servers;
  AdwMessageDialog *dialog;
  GtkEditable *confirm;
  GListModel *executions;
  gboolean found = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plans.new", NULL));
  settle ();
  gtk_editable_set_text (GTK_EDITABLE (get_named (fixture, "plan-name")), "Production 3-tier");

  /* Three waves through the "+ Wave" button; empty, they keep the plan
   * from being saved, and say so. */
  for (guint i = 0; i < 3; i++)
    {
      click (get_named (fixture, "add-wave-button"));
      settle ();
    }
  get_named (fixture, "wave-3");
  g_assert_null (drso_plan_designer_get_plan_id (designer));
  g_assert_true (drso_plan_designer_get_has_unsaved_changes (designer));
  assert_label_contains (get_named (fixture, "save-status"), "Not saved");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (get_named (fixture,
                                                                         "problems-revealer"))));
  assert_label_contains (get_named (fixture, "problems"), "Wave 1 has no protection group");

  /* A group into each wave, through the actions of the chips of the "Not in
   * this plan" strip (their menus' items); the plan is stored once valid. */
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *chip = get_named (fixture, "unused-%s", group_ids[i]);

      g_assert_true (gtk_widget_activate_action (chip, "designer.add-group", "(su)",
                                                 group_ids[i], i + 1));
      settle ();
      card = get_named (fixture, "group-%s", group_ids[i]);
      g_assert_true (gtk_widget_is_ancestor (card, get_named (fixture, "wave-%u", i + 1)));
    }
  g_assert_nonnull (drso_plan_designer_get_plan_id (designer));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (get_named (fixture,
                                                                          "problems-revealer"))));
  get_named (fixture, "unused-%s", batch);
  plan = lookup_plan (fixture, "Production 3-tier");
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  g_clear_object (&plan);

  /* Names, durations and targets, typed into their fields. */
  for (guint i = 0; i < 3; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (get_named (fixture, "wave-name-%u", i + 1)),
                             wave_names[i]);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_named (fixture, "wave-duration-%u", i + 1)),
                                 minutes[i]);
    }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_named (fixture, "rto-target")), 45);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (get_named (fixture, "rpo-target")), 15);

  /* The keyboard way to move a card: Alt+Right and Alt+Left on it, which
   * activate these actions. Wave 1 is empty meanwhile: not saved. */
  card = get_named (fixture, "group-%s", db);
  assert_card_shortcut (card, "<Alt>Right", "designer.move-group-next", db);
  assert_card_shortcut (card, "<Alt>Left", "designer.move-group-previous", db);
  gtk_widget_grab_focus (card);
  g_assert_true (gtk_widget_activate_action (card, "designer.move-group-next", "s", db));
  settle ();
  card = get_named (fixture, "group-%s", db);
  g_assert_true (gtk_widget_is_ancestor (card, get_named (fixture, "wave-2")));
  /* The window's focus widget: other tests' windows may hold the X focus. */
  g_assert_true (gtk_widget_is_focus (card));
  g_assert_true (drso_plan_designer_get_has_unsaved_changes (designer));
  assert_label_contains (get_named (fixture, "problems"), "Wave 1 has no protection group");
  plan = lookup_plan (fixture, "Production 3-tier");
  assert_wave (plan, 1, db, FALSE);
  g_clear_object (&plan);

  g_assert_true (gtk_widget_activate_action (card, "designer.move-group-previous", "s", db));
  settle ();
  card = get_named (fixture, "group-%s", db);
  g_assert_true (gtk_widget_is_ancestor (card, get_named (fixture, "wave-1")));
  /* The window's focus widget: other tests' windows may hold the X focus. */
  g_assert_true (gtk_widget_is_focus (card));

  /* The gate before wave 2, drawn as a pause mark once closed. */
  gate = get_named (fixture, "gate-2");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gate)));
  click (gate);
  settle ();
  gate = get_named (fixture, "gate-2");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (gate)));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (gate)), ==,
                   "media-playback-pause-symbolic");

  /* The database server is made optional in the popover of wave 1's
   * servers. */
  servers = GTK_MENU_BUTTON (get_named (fixture, "wave-servers-1"));
  g_assert_cmpstr (gtk_menu_button_get_label (servers), ==, "1 server");
  gtk_menu_button_popup (servers);
  settle ();
  popover = GTK_WIDGET (gtk_menu_button_get_popover (servers));
  sw = find_type (popover, GTK_TYPE_SWITCH);
  g_assert_nonnull (sw);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
  gtk_popover_popdown (GTK_POPOVER (popover));
  settle ();
  g_assert_cmpstr (gtk_menu_button_get_label (servers), ==, "1 server · 1 optional");

  /* Saved (Ctrl+S): the store has what the designer shows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL));
  settle ();
  g_assert_false (drso_plan_designer_get_has_unsaved_changes (designer));
  assert_label_contains (get_named (fixture, "save-status"), "All changes saved");
  plan = lookup_plan (fixture, drso_plan_designer_get_plan_id (designer));
  g_assert_cmpstr (drso_recovery_plan_get_plan_name (plan), ==, "Production 3-tier");
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (plan, i + 1);

      assert_wave (plan, i + 1, group_ids[i], i == 1);
      g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, wave_names[i]);
      g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, minutes[i] * 60);
    }
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (plan), ==, 45 * 60);
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (plan), ==, 15 * 60);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (plan, server_id), ==,
                   DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_clear_object (&plan);

  /* An empty wave is a problem shown on that wave, and is not saved. */
  click (get_named (fixture, "add-wave-button"));
  settle ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_named (fixture, "wave-4")), ==,
                   "Wave 4 has no protection group: drag a group into it, or delete the wave");
  {
    GtkWidget *column = get_named (fixture, "wave-4");
    gboolean shown = FALSE;

    for (GtkWidget *child = gtk_widget_get_first_child (column); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error") &&
          gtk_widget_get_visible (child) &&
          strstr (gtk_label_get_text (GTK_LABEL (child)), "no protection group") != NULL)
        shown = TRUE;
    g_assert_true (shown);
  }
  assert_label_contains (get_named (fixture, "problems"), "Wave 4 has no protection group");
  save_screenshot (fixture, "designer-problem");
  g_assert_false (drill_enabled (fixture));
  plan = lookup_plan (fixture, "Production 3-tier");
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  g_clear_object (&plan);
  g_assert_true (gtk_widget_activate_action (get_named (fixture, "wave-menu-4"),
                                             "designer.delete-wave", "u", 4));
  settle ();
  g_assert_null (find_named (GTK_WIDGET (fixture->window), "wave-4"));
  g_assert_false (drso_plan_designer_get_has_unsaved_changes (designer));

  /* Readiness, in place: the verdict, and the predicted RTO in the header. */
  click (get_named (fixture, "check-readiness-button"));
  wait_until (readiness_done, fixture);
  verdict = get_named (fixture, "verdict");
  if (!g_str_equal (gtk_label_get_text (GTK_LABEL (verdict)), "GO") &&
      !g_str_equal (gtk_label_get_text (GTK_LABEL (verdict)), "GO WITH WARNINGS"))
    g_error ("The verdict is %s", gtk_label_get_text (GTK_LABEL (verdict)));
  g_assert_true (gtk_widget_get_visible (get_named (fixture, "predicted-rto")));
  assert_label_contains (get_named (fixture, "predicted-rto"), "Predicted RTO ");
  save_screenshot (fixture, "designer");

  /* A real recovery asks for the plan's name first; it is not started. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.start-recovery",
                                             NULL));
  settle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "recover"));
  confirm = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (confirm, "Production");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "recover"));
  gtk_editable_set_text (confirm, "Production 3-tier");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "recover"));
  adw_message_dialog_response (dialog, "cancel");
  settle ();

  /* A drill, through its button: the execution is stored, and announced. */
  g_signal_connect (designer, "execution-started", G_CALLBACK (execution_started_cb),
                    &started_id);
  g_ptr_array_set_size (fixture->toasts, 0);
  click (get_named (fixture, "start-drill-button"));
  wait_until (started, fixture);
  executions = drso_store_get_executions (fixture->store);
  for (guint i = 0; i < g_list_model_get_n_items (executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);

      if (g_strcmp0 (drso_execution_get_execution_id (execution), started_id) != 0)
        continue;
      found = TRUE;
      g_assert_cmpint (drso_execution_get_execution_type (execution), ==,
                       DRSO_EXECUTION_TYPE_DRILL);
      g_assert_cmpstr (drso_execution_get_plan_id (execution), ==,
                       drso_plan_designer_get_plan_id (designer));
    }
  g_assert_true (found);

  g_assert_true (drso_engine_cancel (fixture->engine, started_id, NULL));
  wait_until (execution_ended, fixture);
  g_signal_handlers_disconnect_by_func (designer, execution_started_cb, &started_id);
  g_clear_pointer (&started_id, g_free);
}

static void
store_plan (Fixture    *fixture,
            const char *name,
            const char *group_a,
            const char *group_b,
            const char *last_status)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new (name);
  const char *groups[] = { group_a, group_b };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (groups) && groups[i] != NULL; i++)
    {
      g_autoptr(DrsoWave) wave = drso_wave_new (NULL);

      drso_wave_add_protection_group_id (wave, groups[i]);
      drso_wave_set_estimated_duration (wave, 600);
      drso_wave_set_pause_before_wave (wave, i == 1);
      drso_recovery_plan_append_wave (plan, wave);
    }
  drso_recovery_plan_set_rto_target (plan, 30 * 60);
  if (last_status != NULL)
    {
      drso_recovery_plan_set_rpo_target (plan, 15 * 60);
      drso_recovery_plan_set_last_execution (plan, "exec-0123456789abcdef", last_status,
                                             g_get_real_time () / G_USEC_PER_SEC - 3600);
    }
  g_assert_true (drso_store_create_recovery_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
}

static GtkWidget *
row_of (Fixture    *fixture,
        const char *name)
{
  g_autoptr(DrsoRecoveryPlan) plan = lookup_plan (fixture, name);

  return get_named (fixture, "%s", drso_recovery_plan_get_plan_id (plan));
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_last_run (GtkWidget  *row,
                 const char *text,
                 const char *css)
{
  GtkWidget *label = find_label (row, text);

  if (label == NULL)
    g_error ("The row says nothing of “%s”", text);
  g_assert_true (gtk_widget_has_css_class (label, css));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *db = create_group (fixture, "Database tier", 0, 1);
  g_autofree char *app = create_group (fixture, "Application tier", 1, 2);
  g_autofree char *batch = create_group (fixture, "Batch jobs", 3, 1);
  g_autofree char *reports = create_group (fixture, "Reporting", 4, 1);
  AdwMessageDialog *dialog;
  GtkWidget *row;

  store_plan (fixture, "Production 3-tier", db, app, "COMPLETED");
  store_plan (fixture, "Nightly batch", batch, NULL, "FAILED");
  store_plan (fixture, "Reporting", reports, NULL, NULL);
  settle ();

  g_assert_cmpstr (visible_page (fixture), ==, "list");
  assert_label_contains (get_named (fixture, "plans-count"), "3 recovery plans");
  row = row_of (fixture, "Production 3-tier");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "2 waves · ≈ 20 min · RTO 30 min · RPO 15 min");
  assert_last_run (row, "Last drill completed", "success");
  assert_last_run (row_of (fixture, "Nightly batch"), "Last drill failed", "error");
  assert_last_run (row_of (fixture, "Reporting"), "Never run", "dim-label");
  save_screenshot (fixture, "plans");

  /* Ctrl+N designs a new plan, as the button's tooltip says. */
  g_assert_cmpstr (drso_app_test_shortcut_action (GTK_WIDGET (fixture->page), "<Control>n"), ==,
                   "plans.new");

  /* Activating a row opens its plan in the designer. */
  gtk_widget_activate (row);
  settle ();
  g_assert_cmpstr (visible_page (fixture), ==, "designer");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (fixture, "plan-name"))), ==,
                   "Production 3-tier");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (get_named (fixture,
                                                                             "gate-2"))));
  get_named (fixture, "group-%s", app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "plans.back", NULL));
  settle ();
  g_assert_cmpstr (visible_page (fixture), ==, "list");

  /* Deleting asks first, through the row's button. */
  click (find_type (row_of (fixture, "Nightly batch"), GTK_TYPE_BUTTON));
  settle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete “Nightly batch”?");
  adw_message_dialog_response (dialog, "delete");
  settle ();
  g_assert_true (has_toast (fixture, "“Nightly batch” deleted"));
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_recovery_plans (fixture->store)),
                    ==, 2);
  assert_label_contains (get_named (fixture, "plans-count"), "2 recovery plans");
}

/* Readiness findings about a server show on its group's card; a drill of
 * a plan that is not ready says why and starts nothing. */
static void
test_findings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DrsoProtectionGroup) group =
    drso_protection_group_new ("Legacy", DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION);
  g_autofree char *db = create_group (fixture, "Database tier", 0, 1);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char *legacy, *verdict;
  GtkWidget *card, *badge = NULL;
  guint n_executions;

  g_assert_cmpuint (fixture->unhealthy->len, >=, 2);
  for (guint i = 0; i < 2; i++)
    drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                  g_ptr_array_index (fixture->unhealthy, i)));
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  legacy = drso_protection_group_get_group_id (group);
  store_plan (fixture, "Legacy apps", db, legacy, NULL);
  plan = lookup_plan (fixture, "Legacy apps");
  g_assert_true (drso_plans_page_open_plan (fixture->page, drso_recovery_plan_get_plan_id (plan)));
  settle ();

  click (get_named (fixture, "check-readiness-button"));
  wait_until (readiness_done, fixture);
  verdict = gtk_label_get_text (GTK_LABEL (get_named (fixture, "verdict")));
  g_test_message ("Verdict: %s", verdict);
  g_assert_cmpstr (verdict, !=, "GO");
  g_assert_true (gtk_widget_get_visible (get_named (fixture, "findings-button")));

  /* The badge of the Legacy card, next to its name, says what is wrong;
   * the healthy database's card has none. */
  card = get_named (fixture, "group-%s", legacy);
  badge = get_named (fixture, "group-badge-%s", legacy);
  g_assert_true (gtk_widget_is_ancestor (badge, card));
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_nonnull (gtk_widget_get_tooltip_text (badge));
  g_test_message ("Badge: %s", gtk_widget_get_tooltip_text (badge));
  g_assert_true (gtk_widget_has_css_class (badge, "warning") ||
                 gtk_widget_has_css_class (badge, "error"));
  g_assert_false (gtk_widget_get_visible (get_named (fixture, "group-badge-%s", db)));
  save_screenshot (fixture, "designer-findings");

  if (g_str_equal (verdict, "NO-GO"))
    {
      n_executions = g_list_model_get_n_items (drso_store_get_executions (fixture->store));
      gtk_widget_activate_action (GTK_WIDGET (drso_plans_page_get_designer (fixture->page)),
                                  "designer.start-drill", NULL);
      while (fixture->toasts->len == 0)
        g_main_context_iteration (NULL, TRUE);
      g_test_message ("Toast: %s", (char *) g_ptr_array_index (fixture->toasts, 0));
      g_assert_nonnull (strstr (g_ptr_array_index (fixture->toasts, 0), "not ready"));
      g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_executions (fixture->store)),
                        ==, n_executions);
      wait_until (readiness_done, fixture);
    }
}

/* Drops on @widget what a drag of @text (a group id, or wave:N) carries,
 * at @y in its coordinates: what GTK does at the end of a drag. */
static void
drop_on (GtkWidget  *widget,
         const char *text,
         double      y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_DROP_TARGET (controller))
        continue;
      g_signal_emit_by_name (controller, "drop", &value, 10.0, y, &handled);
      g_assert_true (handled);
      settle ();
      return;
    }
  g_error ("Nothing can be dropped there");
}

static void
test_drop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *db = create_group (fixture, "Database tier", 0, 1);
  g_autofree char *app = create_group (fixture, "Application tier", 1, 1);
  g_autofree char *batch = create_group (fixture, "Batch jobs", 2, 1);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autofree char *wave_2 = g_strdup ("wave:2");
  const char *first[] = { batch, db, NULL };
  const char *second[] = { app, NULL };

  store_plan (fixture, "Production", db, app, NULL);
  plan = lookup_plan (fixture, "Production");
  g_assert_true (drso_plans_page_open_plan (fixture->page, drso_recovery_plan_get_plan_id (plan)));
  settle ();
  g_clear_object (&plan);

  /* A group from the strip, dropped above the first card of wave 1. */
  drop_on (get_named (fixture, "wave-1"), batch, 0.0);
  plan = lookup_plan (fixture, "Production");
  drso_test_assert_strv (drso_wave_get_protection_group_ids (drso_recovery_plan_get_wave (plan, 1)),
                         first);
  g_clear_object (&plan);

  /* Wave 2's header dropped on wave 1: the waves swap, gate included. */
  drop_on (get_named (fixture, "wave-1"), wave_2, 0.0);
  plan = lookup_plan (fixture, "Production");
  drso_test_assert_strv (drso_wave_get_protection_group_ids (drso_recovery_plan_get_wave (plan, 1)),
                         second);
  g_assert_true (drso_wave_get_pause_before_wave (drso_recovery_plan_get_wave (plan, 1)));
  drso_test_assert_strv (drso_wave_get_protection_group_ids (drso_recovery_plan_get_wave (plan, 2)),
                         first);
  g_clear_object (&plan);
  /* The pause of the first wave stays in sight, as a gate before it. */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (get_named (fixture,
                                                                             "gate-1"))));

  /* A card dropped on the strip leaves the plan. */
  drop_on (get_named (fixture, "unused-strip"), batch, 0.0);
  plan = lookup_plan (fixture, "Production");
  g_assert_null (drso_recovery_plan_find_group (plan, batch));
  get_named (fixture, "unused-%s", batch);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *db = create_group (fixture, "Database tier", 0, 1);
  g_autofree char *app = create_group (fixture, "Application tier", 1, 1);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;

  store_plan (fixture, "Production", db, app, NULL);
  plan = lookup_plan (fixture, "Production");
  drso_test_set_role (fixture->store, DRSO_ROLE_READ_ONLY);
  g_assert_true (drso_plans_page_open_plan (fixture->page,
                                            drso_recovery_plan_get_plan_id (plan)));
  settle ();

  /* Looking is allowed, and checking readiness; changing and running not. */
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (get_named (fixture, "plan-name"))));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "add-wave-button")));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "gate-2")));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "wave-menu-1")));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "group-menu-%s", db)));
  g_assert_false (gtk_widget_get_sensitive (get_named (fixture, "rto-target")));
  g_assert_false (drill_enabled (fixture));
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "check-readiness-button")));
  gtk_widget_activate_action (get_named (fixture, "group-%s", db), "designer.move-group-next",
                              "s", db);
  settle ();
  g_assert_true (gtk_widget_is_ancestor (get_named (fixture, "group-%s", db),
                                         get_named (fixture, "wave-1")));

  /* Back to a role that may edit, the controls come back. */
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  settle ();
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "add-wave-button")));
  g_assert_true (gtk_widget_get_sensitive (get_named (fixture, "gate-2")));
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (get_named (fixture, "plan-name"))));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                          "XDG_STATE_HOME" };
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP this test needs a display (run it under xvfb-run)\n");
      return 0;
    }

  /* A home of its own, so that the store starts empty; the system's data
   * folders stay, for the icons and the GSettings schemas. */
  home = g_dir_make_tmp ("drso-plan-designer-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (home, names[i] + strlen ("XDG_"), NULL);

      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  test_home = home;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/app/plan-designer/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);
  g_test_add ("/app/plan-designer/design", Fixture, NULL, fixture_set_up, test_design,
              fixture_tear_down);
  g_test_add ("/app/plan-designer/list", Fixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/app/plan-designer/drop", Fixture, NULL, fixture_set_up, test_drop,
              fixture_tear_down);
  g_test_add ("/app/plan-designer/findings", Fixture, NULL, fixture_set_up, test_findings,
              fixture_tear_down);
  g_test_add ("/app/plan-designer/read-only", Fixture, NULL, fixture_set_up, test_read_only,
              fixture_tear_down);

  ret = g_test_run ();
  drso_test_remove_tree (home);
  return ret;
}
