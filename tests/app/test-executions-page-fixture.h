/* test-executions-page-fixture.h
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

/* What test-executions-page.c stands on: the fixture (the store, the
 * in-process Sandbox and its discovered servers, the engine, and a window
 * holding the dashboard and the executions page), waiting on the main
 * loop, finding widgets, the dialogs, screenshots, and the plans and drills
 * of the tests. Only that file includes it. */

#pragma once

#include <string.h>
#include <glib/gstdio.h>

#include "drso-dashboard-page.h"
#include "drso-execution-view.h"
#include "drso-executions-page.h"
#include "drso-rto-timeline.h"
#include "drso-wave-canvas.h"
#include "../drso-test-util.h"
#include "drso-app-test-util.h"

#define TIME_SCALE   1500.0
#define WAIT_SECONDS 90
#define RTO_TARGET   (15 * 60)

typedef struct
{
  DrsoSandbox        *sandbox;
  DrsoAwsClient      *client;
  DrsoStore          *store;
  DrsoEngine         *engine;
  GPtrArray          *servers;    /* DrsoSourceServer of the simulated account, healthy first */
  GPtrArray          *toasts;
  GPtrArray          *activated;  /* "section:NAME" and "execution:ID" the pages asked for */
  GtkWidget          *window;
  GtkStack           *stack;
  DrsoDashboardPage  *dashboard;
  DrsoExecutionsPage *page;
} Fixture;

/* Helpers */

typedef gboolean (*Condition) (Fixture       *fixture,
                               gconstpointer  data);

static void
wait_until (Fixture       *fixture,
            Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () >= deadline)
        g_error ("Waited %d s in vain for %s", WAIT_SECONDS, what);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static gpointer
get_child (gpointer    widget,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  return get_child (drso_executions_page_get_view (fixture->page), DRSO_TYPE_EXECUTION_VIEW, name);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static DrsoExecutionStatus
stored_status (Fixture    *fixture,
               const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (fixture->store, id, &error);

  g_assert_no_error (error);
  return drso_execution_get_status (execution);
}

static gboolean
has_toast (Fixture    *fixture,
           const char *needle)
{
  for (guint i = 0; i < fixture->toasts->len; i++)
    if (strstr (g_ptr_array_index (fixture->toasts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static void
toast_cb (GtkWidget  *page,
          const char *message,
          Fixture    *fixture)
{
  g_test_message ("Toast: %s", message);
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

/* The window's and the application's actions the pages use. */
static void
show_section_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 Fixture       *fixture)
{
  g_ptr_array_add (fixture->activated,
                   g_strdup_printf ("section:%s", g_variant_get_string (parameter, NULL)));
}

static void
show_execution_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   Fixture       *fixture)
{
  g_ptr_array_add (fixture->activated,
                   g_strdup_printf ("execution:%s", g_variant_get_string (parameter, NULL)));
}

static void
add_action (GtkWidget  *widget,
            const char *prefix,
            const char *name,
            GCallback   callback,
            Fixture    *fixture)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new (name, G_VARIANT_TYPE_STRING);

  g_signal_connect (action, "activate", callback, fixture);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (widget, prefix, G_ACTION_GROUP (group));
}

static gboolean
was_activated (Fixture    *fixture,
               const char *what)
{
  for (guint i = 0; i < fixture->activated->len; i++)
    if (g_str_equal (g_ptr_array_index (fixture->activated, i), what))
      return TRUE;
  return FALSE;
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);

  /* A few frames, so that the canvas and the lists have settled. */
  run_for (150);
  drso_app_test_save_png (GTK_WIDGET (fixture->window), file_name);
}

/* Without a compositor, the default size counts the frame's border: make
 * the window itself @width × @height. */
static void
resize_window (Fixture *fixture,
               int      width,
               int      height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  int dx, dy;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_test_widget_wait_for_draw (fixture->window);
  dx = width - gtk_widget_get_width (fixture->window);
  dy = height - gtk_widget_get_height (fixture->window);
  if (dx == 0 && dy == 0)
    return;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width + dx, height + dy);
  while ((gtk_widget_get_width (fixture->window) != width ||
          gtk_widget_get_height (fixture->window) != height) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (fixture->window);
}

/* The message dialog the view presented; NULL when none shows. */
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

/* Answers the dialog the view presents. A button's activation clicks it
 * once its pressed look has shown: wait for the dialog. */
static void
respond (const char *response)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (dialog == NULL)
    g_error ("No dialog to answer “%s”", response);
  g_test_message ("Dialog: %s", adw_message_dialog_get_heading (dialog));
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  /* The dialog closes itself once it has answered. */
  if (find_dialog () == dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Fixtures */



static gboolean
is_healthy (DrsoSourceServer *server)
{
  return g_strcmp0 (drso_source_server_get_replication_state (server), "CONTINUOUS") == 0 &&
         drso_source_server_get_lag_seconds (server) <= 60;
}

static void
discover (Fixture *fixture)
{
  g_autoptr(DrsoDiscovery) discovery = NULL;
  g_autoptr(GPtrArray) accounts = drso_sandbox_list_accounts (fixture->sandbox);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *servers;

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

  /* Healthy servers first, so that the plan passes the readiness check. */
  servers = drso_store_get_source_servers (fixture->store);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
      {
        g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

        if (g_strcmp0 (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID) != 0 ||
            is_healthy (server) != (pass == 0))
          continue;
        g_ptr_array_add (fixture->servers, g_steal_pointer (&server));
      }
}

static void
set_up (Fixture  *fixture,
        gboolean  with_sandbox)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dashboard, *page;

  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->activated = g_ptr_array_new_with_free_func (g_free);
  fixture->servers = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.001);
  fixture->store = drso_test_open_store ();
  if (with_sandbox)
    {
      fixture->sandbox = g_object_new (DRSO_TYPE_SANDBOX, "time-scale", TIME_SCALE,
                                       "seed", (guint64) 11, NULL);
      g_assert_true (drso_sandbox_start (fixture->sandbox, &error));
      g_assert_no_error (error);
      drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));
      discover (fixture);
    }
  fixture->engine = drso_engine_new (fixture->store, fixture->client);
  g_object_set (fixture->engine, "poll-min-interval", 0.02, "poll-max-interval", 0.2, NULL);

  dashboard = g_object_new (DRSO_TYPE_DASHBOARD_PAGE, "store", fixture->store,
                            "engine", fixture->engine, "client", fixture->client, NULL);
  page = drso_executions_page_new (fixture->store, fixture->engine);
  fixture->dashboard = DRSO_DASHBOARD_PAGE (dashboard);
  fixture->page = DRSO_EXECUTIONS_PAGE (page);
  g_signal_connect (dashboard, "toast", G_CALLBACK (toast_cb), fixture);
  g_signal_connect (page, "toast", G_CALLBACK (toast_cb), fixture);

  fixture->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (fixture->stack, dashboard, "dashboard");
  gtk_stack_add_named (fixture->stack, page, "executions");
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->stack));
  add_action (fixture->window, "win", "show-section", G_CALLBACK (show_section_cb), fixture);
  add_action (fixture->window, "app", "show-execution", G_CALLBACK (show_execution_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  set_up (fixture, FALSE);
}

static void
fixture_set_up_sandbox (Fixture       *fixture,
                        gconstpointer  data)
{
  set_up (fixture, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *store_dir = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, NULL);
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  /* Lets the widgets go before the engine and the store. */
  run_for (50);
  g_clear_object (&fixture->engine);
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  g_clear_pointer (&fixture->servers, g_ptr_array_unref);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_pointer (&fixture->activated, g_ptr_array_unref);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);

  /* The next test starts with an empty store. */
  drso_test_remove_tree (store_dir);
}

/* A protection group of the servers @first to @first + @n - 1. */
static char *
create_group (Fixture *fixture,
              guint    first,
              guint    n)
{
  g_autofree char *name = g_strdup_printf ("Tier %u", first);
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID,
                                                                    DRSO_SANDBOX_REGION);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (first + n, <=, fixture->servers->len);
  for (guint i = first; i < first + n; i++)
    drso_protection_group_add_server_id (group, drso_source_server_get_source_server_id (
                                                  g_ptr_array_index (fixture->servers, i)));
  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

/* "Production 2-tier": 2 database servers, then, after approval, 3
 * application servers; a 15 min RTO target. */
static DrsoRecoveryPlan *
create_plan (Fixture *fixture)
{
  static const struct { const char *name; guint size; guint estimate; } waves[] = {
    { "Database tier", 2, 5 * 60 },
    { "Application tier", 3, 8 * 60 },
  };
  DrsoRecoveryPlan *plan = drso_recovery_plan_new ("Production 2-tier");
  g_autoptr(GError) error = NULL;
  guint next = 0;

  for (guint i = 0; i < G_N_ELEMENTS (waves); i++)
    {
      g_autofree char *group_id = create_group (fixture, next, waves[i].size);
      g_autoptr(DrsoWave) wave = drso_wave_new (waves[i].name);

      drso_wave_add_protection_group_id (wave, group_id);
      drso_wave_set_pause_before_wave (wave, i == 1);
      drso_wave_set_estimated_duration (wave, waves[i].estimate);
      drso_recovery_plan_append_wave (plan, wave);
      next += waves[i].size;
    }
  drso_recovery_plan_set_rto_target (plan, RTO_TARGET);
  g_assert_true (drso_store_create_recovery_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  return plan;
}

/* "Legacy billing": a group of the servers that do not replicate well, so
 * that its readiness check finds problems. */
static void
create_shaky_plan (Fixture *fixture)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Legacy billing");
  g_autoptr(DrsoWave) wave = drso_wave_new ("Everything");
  g_autofree char *group_id = NULL;
  g_autoptr(GError) error = NULL;
  guint first = fixture->servers->len;

  while (first > 0 && !is_healthy (g_ptr_array_index (fixture->servers, first - 1)))
    first--;
  g_assert_cmpuint (first, <, fixture->servers->len);
  group_id = create_group (fixture, first, MIN (2, fixture->servers->len - first));
  drso_wave_add_protection_group_id (wave, group_id);
  drso_recovery_plan_append_wave (plan, wave);
  g_assert_true (drso_store_create_recovery_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
}

static char *
start_drill (Fixture          *fixture,
             DrsoRecoveryPlan *plan)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(GError) error = NULL;

  drso_engine_start_execution_async (fixture->engine, drso_recovery_plan_get_plan_id (plan),
                                     DRSO_EXECUTION_TYPE_DRILL, NULL, drso_test_done_cb, &result);
  execution = drso_engine_start_execution_finish (fixture->engine, drso_test_wait_for (&result),
                                                  &error);
  g_assert_no_error (error);
  return g_strdup (drso_execution_get_execution_id (execution));
}

