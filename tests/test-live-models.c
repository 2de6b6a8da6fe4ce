/* test-live-models.c
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

#include <string.h>

#include "drso.h"
#include "drso-test-util.h"

#define ACCOUNT_A "111111111111"
#define ACCOUNT_B "222222222222"
#define EAST "us-east-1"
#define WEST "us-west-2"

/* Records every items-changed of a model as "(position,removed,added)". */

typedef struct
{
  GListModel *model;
  GString    *changes;
  gulong      handler;
  guint       count;
} Recorder;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *self)
{
  /* The model already shows the change. */
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (model));

  g_string_append_printf (self->changes, "%s(%u,%u,%u)", self->changes->len > 0 ? " " : "",
                          position, removed, added);
  self->count++;
}

static Recorder *
recorder_new (GListModel *model)
{
  Recorder *self = g_new0 (Recorder, 1);

  self->model = g_object_ref (model);
  self->changes = g_string_new (NULL);
  self->handler = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

static void
recorder_free (Recorder *self)
{
  g_signal_handler_disconnect (self->model, self->handler);
  g_object_unref (self->model);
  g_string_free (self->changes, TRUE);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Recorder, recorder_free)

/* Checks the signals since the last check, and forgets them. */
static void
assert_changes (Recorder   *self,
                const char *expected)
{
  g_assert_cmpstr (self->changes->str, ==, expected);
  g_string_truncate (self->changes, 0);
  self->count = 0;
}

/* Helpers: the store and its objects */

static void
add_account (DrsoStore  *store,
             const char *account_id,
             const char *name)
{
  g_autoptr(DrsoAccount) account = drso_account_new (account_id, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);
}

static void
rename_account (DrsoStore  *store,
                const char *account_id,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAccount) account = drso_store_lookup_account (store, account_id, &error);

  g_assert_no_error (error);
  drso_document_set_name (DRSO_DOCUMENT (account), name);
  g_assert_true (drso_store_update_account (store, account, &error));
  g_assert_no_error (error);
}

static char *
create_group (DrsoStore  *store,
              const char *name)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, ACCOUNT_A, EAST);
  g_autoptr(GError) error = NULL;

  drso_protection_group_set_tag (group, "Group", name);
  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  return g_strdup (drso_protection_group_get_group_id (group));
}

static char *
create_execution (DrsoStore  *store,
                  const char *plan_id,
                  gint64      start_time)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new (plan_id, "Plan", DRSO_EXECUTION_TYPE_DRILL);
  g_autoptr(GError) error = NULL;

  drso_execution_set_start_time (execution, start_time);
  g_assert_true (drso_store_create_execution (store, execution, &error));
  g_assert_no_error (error);
  return g_strdup (drso_execution_get_execution_id (execution));
}

static void
set_execution_status (DrsoStore           *store,
                      const char          *execution_id,
                      DrsoExecutionStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (store, execution_id, &error);

  g_assert_no_error (error);
  drso_execution_set_status (execution, status);
  g_assert_true (drso_store_save_execution (store, execution, &error));
  g_assert_no_error (error);
}

/* The names of the documents in @model, joined by commas. */
static char *
dup_names (GListModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoDocument) document = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", drso_document_get_name (document));
    }
  return g_strdup (names->str);
}

static void
assert_names (GListModel *model,
              const char *expected)
{
  g_autofree char *names = dup_names (model);

  g_assert_cmpstr (names, ==, expected);
}

/* Accounts, groups and plans are sorted by name, whatever the case. */
static void
assert_sorted_by_name (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(DrsoDocument) a = g_list_model_get_item (model, i - 1);
      g_autoptr(DrsoDocument) b = g_list_model_get_item (model, i);
      g_autofree char *ka = g_utf8_casefold (drso_document_get_name (a), -1);
      g_autofree char *kb = g_utf8_casefold (drso_document_get_name (b), -1);

      g_assert_cmpint (g_utf8_collate (ka, kb), <=, 0);
    }
}

/* Accounts */

static void
test_accounts (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  GListModel *model = drso_store_get_accounts (store);
  g_autoptr(Recorder) recorder = recorder_new (model);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_list_model_get_item_type (model) == DRSO_TYPE_ACCOUNT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Each creation is one insertion, at its place by name. */
  add_account (store, "100000000003", "Charlie");
  assert_changes (recorder, "(0,0,1)");
  add_account (store, "100000000001", "alpha");
  assert_changes (recorder, "(0,0,1)");
  add_account (store, "100000000002", "Bravo");
  assert_changes (recorder, "(1,0,1)");
  add_account (store, "100000000004", "delta");
  assert_changes (recorder, "(3,0,1)");
  assert_names (model, "alpha,Bravo,Charlie,delta");

  /* An update that keeps the place replaces the item where it is. */
  {
    g_autoptr(DrsoAccount) bravo = drso_store_lookup_account (store, "Bravo", &error);
    g_autoptr(DrsoAccount) item = NULL;
    const char * const regions[] = { WEST, NULL };

    drso_account_set_regions (bravo, regions);
    g_assert_true (drso_store_update_account (store, bravo, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "(1,1,1)");
    item = g_list_model_get_item (model, 1);
    g_assert_cmpstr (drso_account_get_default_region (item), ==, WEST);
  }
  /* Only the case changes: the place does not. */
  rename_account (store, "100000000003", "CHARLIE");
  assert_changes (recorder, "(2,1,1)");
  assert_names (model, "alpha,Bravo,CHARLIE,delta");

  /* A rename that moves: out of the old place, into the new one. */
  rename_account (store, "100000000001", "Echo");
  assert_changes (recorder, "(0,1,0) (3,0,1)");
  assert_names (model, "Bravo,CHARLIE,delta,Echo");
  rename_account (store, "100000000004", "Able");
  assert_changes (recorder, "(2,1,0) (0,0,1)");
  assert_names (model, "Able,Bravo,CHARLIE,Echo");
  rename_account (store, "100000000002", "Dog");
  assert_changes (recorder, "(1,1,0) (2,0,1)");
  assert_names (model, "Able,CHARLIE,Dog,Echo");
  assert_sorted_by_name (model);

  /* Failures change nothing. */
  {
    g_autoptr(DrsoAccount) same = drso_account_new (ACCOUNT_B, "dog");
    g_autoptr(DrsoAccount) unknown = drso_account_new (ACCOUNT_B, "Unknown");
    g_autoptr(DrsoAccount) again = drso_account_new ("100000000004", "Again");

    g_assert_false (drso_store_add_account (store, same, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_clear_error (&error);
    g_assert_false (drso_store_add_account (store, again, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID);
    g_clear_error (&error);
    g_assert_false (drso_store_update_account (store, unknown, &error));
    g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    drso_test_set_role (store, DRSO_ROLE_READ_ONLY);
    g_assert_false (drso_store_add_account (store, unknown, &error));
    g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_false (drso_store_remove_account (store, "100000000004", &error));
    g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);
    assert_changes (recorder, "");
    assert_names (model, "Able,CHARLIE,Dog,Echo");
  }

  /* Removal. */
  g_assert_true (drso_store_remove_account (store, "100000000003", &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(1,1,0)");
  g_assert_true (drso_store_remove_account (store, "100000000001", &error));
  assert_changes (recorder, "(2,1,0)");
  assert_names (model, "Able,Dog");

  /* The same model every time. */
  g_assert_true (drso_store_get_accounts (store) == model);
}

/* Protection groups */

static void
test_groups (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  GListModel *model = drso_store_get_protection_groups (store);
  g_autoptr(Recorder) recorder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *web = NULL;
  g_autofree char *apps = NULL;
  g_autofree char *db = NULL;

  add_account (store, ACCOUNT_A, "Production");
  recorder = recorder_new (model);

  web = create_group (store, "Web");
  assert_changes (recorder, "(0,0,1)");
  db = create_group (store, "databases");
  assert_changes (recorder, "(0,0,1)");
  apps = create_group (store, "Apps");
  assert_changes (recorder, "(0,0,1)");
  assert_names (model, "Apps,databases,Web");

  /* Update in place. */
  {
    g_autoptr(DrsoProtectionGroup) group = drso_store_lookup_protection_group (store, db, &error);
    g_autoptr(DrsoProtectionGroup) item = NULL;

    drso_protection_group_set_description (group, "All the databases");
    g_assert_true (drso_store_update_protection_group (store, group, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "(1,1,1)");
    item = g_list_model_get_item (model, 1);
    g_assert_cmpstr (drso_protection_group_get_description (item), ==, "All the databases");
  }

  /* A rename that moves. */
  {
    g_autoptr(DrsoProtectionGroup) group = drso_store_lookup_protection_group (store, apps, &error);

    drso_document_set_name (DRSO_DOCUMENT (group), "Zeta apps");
    g_assert_true (drso_store_update_protection_group (store, group, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "(0,1,0) (2,0,1)");
    assert_names (model, "databases,Web,Zeta apps");
  }

  /* Failures change nothing. */
  {
    g_autoptr(DrsoProtectionGroup) same = drso_protection_group_new ("WEB", ACCOUNT_A, WEST);
    g_autoptr(DrsoProtectionGroup) nowhere = drso_protection_group_new ("Nowhere", ACCOUNT_B,
                                                                        EAST);
    g_autoptr(DrsoProtectionGroup) explicit = drso_protection_group_new ("Explicit", ACCOUNT_A,
                                                                         EAST);
    g_autoptr(DrsoProtectionGroup) thief = drso_protection_group_new ("Thief", ACCOUNT_A, EAST);
    g_autofree char *plan_id = drso_test_create_plan (store, "Uses web", web);

    drso_protection_group_set_tag (same, "k", "v");
    drso_protection_group_set_tag (nowhere, "k", "v");
    drso_protection_group_add_server_id (explicit, "s-00000000000000001");
    drso_protection_group_add_server_id (thief, "s-00000000000000001");
    g_assert_true (drso_store_create_protection_group (store, explicit, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "(1,0,1)");
    assert_names (model, "databases,Explicit,Web,Zeta apps");

    g_assert_false (drso_store_create_protection_group (store, same, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_clear_error (&error);
    g_assert_false (drso_store_create_protection_group (store, nowhere, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE);
    g_clear_error (&error);
    g_assert_false (drso_store_create_protection_group (store, thief, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP);
    g_clear_error (&error);
    g_assert_false (drso_store_delete_protection_group (store, web, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
    g_clear_error (&error);
    assert_changes (recorder, "");

    g_assert_true (drso_store_delete_recovery_plan (store, plan_id, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "");
  }

  /* Deletion. */
  g_assert_true (drso_store_delete_protection_group (store, web, &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(2,1,0)");
  assert_names (model, "databases,Explicit,Zeta apps");
  assert_sorted_by_name (model);
}

/* Recovery plans */

static void
test_plans (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  GListModel *model = drso_store_get_recovery_plans (store);
  g_autoptr(Recorder) recorder = recorder_new (model);
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *nightly = NULL;
  g_autofree char *weekly = NULL;
  g_autofree char *adhoc = NULL;
  g_autofree char *execution_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  group_id = create_group (store, "Web");
  assert_changes (recorder, "");

  weekly = drso_test_create_plan (store, "Weekly", group_id);
  assert_changes (recorder, "(0,0,1)");
  nightly = drso_test_create_plan (store, "nightly", group_id);
  assert_changes (recorder, "(0,0,1)");
  adhoc = drso_test_create_plan (store, "Ad hoc", group_id);
  assert_changes (recorder, "(0,0,1)");
  assert_names (model, "Ad hoc,nightly,Weekly");

  /* Update in place. */
  {
    g_autoptr(DrsoRecoveryPlan) plan = drso_store_lookup_recovery_plan (store, nightly, &error);
    g_autoptr(DrsoRecoveryPlan) item = NULL;

    drso_recovery_plan_set_description (plan, "Every night");
    drso_wave_set_estimated_duration (drso_recovery_plan_get_wave (plan, 1), 900);
    g_assert_true (drso_store_update_recovery_plan (store, plan, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "(1,1,1)");
    item = g_list_model_get_item (model, 1);
    g_assert_cmpstr (drso_recovery_plan_get_description (item), ==, "Every night");
    g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (item), ==, 900);
  }

  /* An execution changes its plan's last execution: an update in place. */
  execution_id = create_execution (store, weekly, 1700000000);
  assert_changes (recorder, "(2,1,1)");
  {
    g_autoptr(DrsoRecoveryPlan) item = g_list_model_get_item (model, 2);

    g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (item), ==, execution_id);
    g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (item), ==, "PENDING");
  }
  set_execution_status (store, execution_id, DRSO_EXECUTION_STATUS_COMPLETED);
  assert_changes (recorder, "(2,1,1)");

  /* A rename that moves. */
  {
    g_autoptr(DrsoRecoveryPlan) plan = drso_store_lookup_recovery_plan (store, adhoc, &error);

    drso_document_set_name (DRSO_DOCUMENT (plan), "On demand");
    g_assert_true (drso_store_update_recovery_plan (store, plan, &error));
    g_assert_no_error (error);
    assert_changes (recorder, "(0,1,0) (1,0,1)");
    assert_names (model, "nightly,On demand,Weekly");
  }

  /* Failures change nothing. */
  {
    g_autoptr(DrsoRecoveryPlan) same = drso_test_new_plan ("WEEKLY", group_id);
    g_autoptr(DrsoRecoveryPlan) broken = drso_test_new_plan ("Broken", "pg-missing");

    g_assert_false (drso_store_create_recovery_plan (store, same, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
    g_clear_error (&error);
    g_assert_false (drso_store_create_recovery_plan (store, broken, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_GROUP);
    g_clear_error (&error);
    drso_test_set_role (store, DRSO_ROLE_PLAN_MANAGER);
    g_assert_false (drso_store_delete_recovery_plan (store, weekly, &error));
    g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
    g_clear_error (&error);
    drso_test_set_role (store, DRSO_ROLE_ADMINISTRATOR);
    assert_changes (recorder, "");
  }

  /* Deletion. */
  g_assert_true (drso_store_delete_recovery_plan (store, weekly, &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(2,1,0)");
  g_assert_true (drso_store_delete_recovery_plan (store, nightly, &error));
  assert_changes (recorder, "(0,1,0)");
  assert_names (model, "On demand");
}

/* Executions */

static void
assert_newest_first (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(DrsoExecution) a = g_list_model_get_item (model, i - 1);
      g_autoptr(DrsoExecution) b = g_list_model_get_item (model, i);

      g_assert_cmpint (drso_execution_get_start_time (a), >=, drso_execution_get_start_time (b));
    }
}

static void
assert_execution_at (GListModel *model,
                     guint       position,
                     const char *execution_id)
{
  g_autoptr(DrsoExecution) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  g_assert_cmpstr (drso_execution_get_execution_id (item), ==, execution_id);
}

static void
test_executions (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  GListModel *model = drso_store_get_executions (store);
  g_autoptr(Recorder) recorder = recorder_new (model);
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *middle = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *now = NULL;

  g_assert_true (g_list_model_get_item_type (model) == DRSO_TYPE_EXECUTION);
  add_account (store, ACCOUNT_A, "Production");
  group_id = create_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);

  middle = create_execution (store, plan_id, 1700002000);
  assert_changes (recorder, "(0,0,1)");
  oldest = create_execution (store, plan_id, 1700001000);
  assert_changes (recorder, "(1,0,1)");
  newest = create_execution (store, plan_id, 1700003000);
  assert_changes (recorder, "(0,0,1)");
  assert_execution_at (model, 0, newest);
  assert_execution_at (model, 1, middle);
  assert_execution_at (model, 2, oldest);

  /* One started now (the store stamps it) is the newest of all. */
  now = create_execution (store, plan_id, 0);
  assert_changes (recorder, "(0,0,1)");
  assert_execution_at (model, 0, now);
  assert_newest_first (model);

  /* Saving replaces the item where it is. */
  set_execution_status (store, middle, DRSO_EXECUTION_STATUS_RUNNING);
  assert_changes (recorder, "(2,1,1)");
  {
    g_autoptr(DrsoExecution) item = g_list_model_get_item (model, 2);

    g_assert_cmpint (drso_execution_get_status (item), ==, DRSO_EXECUTION_STATUS_RUNNING);
  }

  /* Failures change nothing. */
  {
    g_autoptr(DrsoExecution) orphan = drso_execution_new ("plan-missing", "Gone",
                                                          DRSO_EXECUTION_TYPE_DRILL);
    g_autoptr(DrsoExecution) unsaved = drso_execution_new (plan_id, "Nightly",
                                                           DRSO_EXECUTION_TYPE_DRILL);

    g_assert_false (drso_store_create_execution (store, orphan, &error));
    g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (drso_store_save_execution (store, unsaved, &error));
    g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (drso_store_delete_execution (store, middle, &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
    g_clear_error (&error);
    assert_changes (recorder, "");
  }

  /* Deletion of ended executions. */
  set_execution_status (store, middle, DRSO_EXECUTION_STATUS_FAILED);
  assert_changes (recorder, "(2,1,1)");
  g_assert_true (drso_store_delete_execution (store, middle, &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(2,1,0)");
  set_execution_status (store, now, DRSO_EXECUTION_STATUS_CANCELLED);
  g_assert_true (drso_store_delete_execution (store, now, &error));
  assert_changes (recorder, "(0,1,1) (0,1,0)");
  assert_execution_at (model, 0, newest);
  assert_execution_at (model, 1, oldest);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
}

/* Source servers */

/* @count servers named PREFIX-NNNN, a third of them in capitals, where NNNN
 * is their place in the sorted list; their ids follow another order. */
static GPtrArray *
many_servers (const char *account_id,
              const char *region,
              guint       first_id,
              const char *prefix,
              guint       count)
{
  GPtrArray *servers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < count; i++)
    {
      guint j = (i * 7919) % count;
      g_autofree char *id = g_strdup_printf ("s-%017x", first_id + i);
      g_autofree char *upper = g_ascii_strup (prefix, -1);
      g_autofree char *hostname = g_strdup_printf ("%s-%04u", j % 3 == 0 ? upper : prefix, j);
      DrsoSourceServer *server = drso_source_server_new (id, account_id, region);

      drso_source_server_set_hostname (server, hostname);
      drso_source_server_set_tag (server, "Index", hostname);
      g_ptr_array_add (servers, server);
    }
  return servers;
}

static void
assert_hostnames_sorted (GListModel *model,
                         guint       first,
                         guint       count,
                         const char *prefix)
{
  for (guint k = 0; k < count; k++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (model, first + k);
      g_autofree char *expected = g_strdup_printf ("%s-%04u", prefix, k);

      g_assert_cmpint (g_ascii_strcasecmp (drso_source_server_get_hostname (server), expected), ==,
                       0);
    }
}

static void
test_servers_bulk (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  GListModel *model = drso_store_get_source_servers (store);
  g_autoptr(Recorder) recorder = recorder_new (model);
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_date, second_date;

  g_assert_true (g_list_model_get_item_type (model) == DRSO_TYPE_SOURCE_SERVER);
  add_account (store, ACCOUNT_A, "Production");
  add_account (store, ACCOUNT_B, "Staging");

  /* 1,000 servers: one signal, and the list by hostname, whatever the case. */
  servers = many_servers (ACCOUNT_A, EAST, 0x1000, "app", 1000);
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(0,0,1000)");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
  assert_hostnames_sorted (model, 0, 1000, "app");
  first_date = drso_store_get_discovery_date (store, ACCOUNT_A, EAST);
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* The same servers again. Discovery stamps each with the second it ran
   * (discoveredDate), so the items only stay equal within one second: then
   * nothing is emitted; in a later second every item changed and the whole
   * list is replaced in one signal. Never more than one. */
  servers = many_servers (ACCOUNT_A, EAST, 0x1000, "app", 1000);
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error));
  g_assert_no_error (error);
  second_date = drso_store_get_discovery_date (store, ACCOUNT_A, EAST);
  g_assert_cmpuint (recorder->count, <=, 1);
  if (second_date == first_date)
    assert_changes (recorder, "");
  else
    assert_changes (recorder, "(0,1000,1000)");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
  assert_hostnames_sorted (model, 0, 1000, "app");
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* Another account's servers leave these untouched: one insertion after them. */
  servers = many_servers (ACCOUNT_B, WEST, 0x9000, "zz", 5);
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_B, WEST, servers, &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(1000,0,5)");
  assert_hostnames_sorted (model, 1000, 5, "zz");
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* Fewer servers: the ones that went disappear, in one signal. */
  servers = many_servers (ACCOUNT_B, WEST, 0x9000, "zz", 5);
  g_ptr_array_remove_range (servers, 2, 3);
  g_assert_true (drso_store_replace_source_servers (store, ACCOUNT_B, WEST, servers, &error));
  g_assert_cmpuint (recorder->count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1002);
  g_string_truncate (recorder->changes, 0);
  recorder->count = 0;
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* A failed replacement changes nothing. */
  servers = many_servers (ACCOUNT_A, EAST, 0x1000, "app", 1000);
  g_ptr_array_add (servers, drso_source_server_new ("not-a-server", ACCOUNT_A, EAST));
  g_assert_false (drso_store_replace_source_servers (store, ACCOUNT_A, EAST, servers, &error));
  g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID);
  g_clear_error (&error);
  assert_changes (recorder, "");
  g_clear_pointer (&servers, g_ptr_array_unref);

  /* Removing an account takes its servers out of the list. */
  g_assert_true (drso_store_remove_account (store, ACCOUNT_B, &error));
  g_assert_no_error (error);
  assert_changes (recorder, "(1000,2,0)");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
}

/* Snapshots */

static void
test_snapshots (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  GListModel *accounts = drso_store_get_accounts (store);
  GListModel *groups = drso_store_get_protection_groups (store);
  GListModel *executions = drso_store_get_executions (store);
  g_autoptr(DrsoAccount) before = NULL;
  g_autoptr(DrsoAccount) after = NULL;
  g_autoptr(DrsoAccount) copy = NULL;
  g_autoptr(DrsoProtectionGroup) group_before = NULL;
  g_autoptr(DrsoProtectionGroup) group_after = NULL;
  g_autoptr(DrsoExecution) execution_before = NULL;
  g_autoptr(DrsoExecution) execution_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;

  add_account (store, ACCOUNT_A, "Production");
  before = g_list_model_get_item (accounts, 0);

  /* A copy is the caller's: changing it leaves the list alone. */
  copy = drso_store_lookup_account (store, ACCOUNT_A, &error);
  g_assert_no_error (error);
  g_assert_true (copy != before);
  drso_document_set_name (DRSO_DOCUMENT (copy), "Production (renamed)");
  g_assert_cmpstr (drso_account_get_account_name (before), ==, "Production");

  /* Saving puts a new object in the list; the old one is as it was. */
  g_assert_true (drso_store_update_account (store, copy, &error));
  g_assert_no_error (error);
  after = g_list_model_get_item (accounts, 0);
  g_assert_true (after != before);
  g_assert_true (after != copy);
  g_assert_cmpstr (drso_account_get_account_name (before), ==, "Production");
  g_assert_cmpstr (drso_account_get_account_name (after), ==, "Production (renamed)");

  /* Nor is the list's object the one that was saved. */
  drso_document_set_name (DRSO_DOCUMENT (copy), "Changed after saving");
  g_assert_cmpstr (drso_account_get_account_name (after), ==, "Production (renamed)");

  /* Groups. */
  group_id = create_group (store, "Web");
  group_before = g_list_model_get_item (groups, 0);
  {
    g_autoptr(DrsoProtectionGroup) group = drso_store_lookup_protection_group (store, group_id,
                                                                              &error);

    drso_protection_group_set_tag (group, "Extra", "yes");
    g_assert_true (drso_store_update_protection_group (store, group, &error));
    g_assert_no_error (error);
  }
  group_after = g_list_model_get_item (groups, 0);
  g_assert_true (group_after != group_before);
  g_assert_null (drso_protection_group_get_tag (group_before, "Extra"));
  g_assert_cmpstr (drso_protection_group_get_tag (group_after, "Extra"), ==, "yes");

  /* Executions. */
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  execution_id = create_execution (store, plan_id, 0);
  execution_before = g_list_model_get_item (executions, 0);
  set_execution_status (store, execution_id, DRSO_EXECUTION_STATUS_RUNNING);
  execution_after = g_list_model_get_item (executions, 0);
  g_assert_true (execution_after != execution_before);
  g_assert_cmpint (drso_execution_get_status (execution_before), ==, DRSO_EXECUTION_STATUS_PENDING);
  g_assert_cmpint (drso_execution_get_status (execution_after), ==, DRSO_EXECUTION_STATUS_RUNNING);
}

/* Refresh */

typedef struct
{
  Recorder *accounts;
  Recorder *servers;
  Recorder *groups;
  Recorder *plans;
  Recorder *executions;
} Recorders;

static void
recorders_init (Recorders *r,
                DrsoStore *store)
{
  r->accounts = recorder_new (drso_store_get_accounts (store));
  r->servers = recorder_new (drso_store_get_source_servers (store));
  r->groups = recorder_new (drso_store_get_protection_groups (store));
  r->plans = recorder_new (drso_store_get_recovery_plans (store));
  r->executions = recorder_new (drso_store_get_executions (store));
}

static void
recorders_clear (Recorders *r)
{
  g_clear_pointer (&r->accounts, recorder_free);
  g_clear_pointer (&r->servers, recorder_free);
  g_clear_pointer (&r->groups, recorder_free);
  g_clear_pointer (&r->plans, recorder_free);
  g_clear_pointer (&r->executions, recorder_free);
}

static void
assert_no_changes (Recorders *r)
{
  assert_changes (r->accounts, "");
  assert_changes (r->servers, "");
  assert_changes (r->groups, "");
  assert_changes (r->plans, "");
  assert_changes (r->executions, "");
}

static void
forget_changes (Recorders *r)
{
  Recorder *all[] = { r->accounts, r->servers, r->groups, r->plans, r->executions };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_string_truncate (all[i]->changes, 0);
      all[i]->count = 0;
    }
}

static void
discover (DrsoStore  *store,
          const char *account_id,
          const char *region,
          guint       first,
          guint       count)
{
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *id = g_strdup_printf ("s-%017x", i);
      g_autofree char *hostname = g_strdup_printf ("host-%04u", i);
      DrsoSourceServer *server = drso_source_server_new (id, account_id, region);

      drso_source_server_set_hostname (server, hostname);
      g_ptr_array_add (servers, server);
    }
  g_assert_true (drso_store_replace_source_servers (store, account_id, region, servers, &error));
  g_assert_no_error (error);
}

static void
test_refresh_without_change (void)
{
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;
  Recorders r;

  recorders_init (&r, store);

  /* Refreshing an empty store. */
  g_assert_true (drso_store_refresh (store, &error));
  g_assert_no_error (error);
  assert_no_changes (&r);

  /* The store's own changes are in its lists already: a refresh adds none. */
  add_account (store, ACCOUNT_A, "Production");
  discover (store, ACCOUNT_A, EAST, 1, 10);
  group_id = create_group (store, "Web");
  plan_id = drso_test_create_plan (store, "Nightly", group_id);
  execution_id = create_execution (store, plan_id, 0);
  assert_changes (r.accounts, "(0,0,1)");
  assert_changes (r.servers, "(0,0,10)");
  assert_changes (r.groups, "(0,0,1)");
  assert_changes (r.executions, "(0,0,1)");
  forget_changes (&r);

  g_assert_true (drso_store_refresh (store, &error));
  g_assert_no_error (error);
  assert_no_changes (&r);
  g_assert_true (drso_store_refresh (store, &error));
  assert_no_changes (&r);

  /* Another store that only reads changes nothing either. */
  {
    g_autoptr(DrsoStore) reader = drso_test_open_store ();
    g_autoptr(DrsoAccount) account = drso_store_lookup_account (reader, ACCOUNT_A, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_source_servers (reader)), ==, 10);
    g_assert_true (drso_store_refresh (store, &error));
    assert_no_changes (&r);
  }

  recorders_clear (&r);
}

static void
test_refresh_external_change (void)
{
  g_autoptr(DrsoStore) window = drso_test_open_store ();
  g_autoptr(DrsoStore) cli = drso_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *group_id = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *execution_id = NULL;
  GListModel *accounts = drso_store_get_accounts (window);
  Recorders r;

  add_account (window, "100000000001", "Alpha");
  add_account (window, "100000000003", "Charlie");
  add_account (window, "100000000005", "Echo");
  recorders_init (&r, window);

  /* Another process adds an account between two. */
  add_account (cli, "100000000002", "Bravo");
  assert_no_changes (&r);
  g_assert_true (drso_store_refresh (window, &error));
  g_assert_no_error (error);
  assert_changes (r.accounts, "(1,0,1)");
  assert_names (accounts, "Alpha,Bravo,Charlie,Echo");
  assert_no_changes (&r);

  /* Updates one in place. */
  {
    g_autoptr(DrsoAccount) account = drso_store_lookup_account (cli, "Charlie", &error);

    drso_account_set_validated (account, TRUE);
    g_assert_true (drso_store_update_account (cli, account, &error));
    g_assert_no_error (error);
  }
  g_assert_true (drso_store_refresh (window, &error));
  assert_changes (r.accounts, "(2,1,1)");
  {
    g_autoptr(DrsoAccount) item = g_list_model_get_item (accounts, 2);

    g_assert_true (drso_account_get_validated (item));
  }

  /* Renames one to the end: the span between the unchanged ends is replaced. */
  rename_account (cli, "100000000002", "Foxtrot");
  g_assert_true (drso_store_refresh (window, &error));
  assert_changes (r.accounts, "(1,3,3)");
  assert_names (accounts, "Alpha,Charlie,Echo,Foxtrot");

  /* Removes one. */
  g_assert_true (drso_store_remove_account (cli, "100000000003", &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_refresh (window, &error));
  assert_changes (r.accounts, "(1,1,0)");
  assert_names (accounts, "Alpha,Echo,Foxtrot");
  assert_no_changes (&r);

  /* Every other list too. */
  discover (cli, "100000000001", EAST, 1, 3);
  g_clear_pointer (&group_id, g_free);
  {
    g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web", "100000000001", EAST);

    drso_protection_group_set_tag (group, "Role", "web");
    g_assert_true (drso_store_create_protection_group (cli, group, &error));
    g_assert_no_error (error);
    group_id = g_strdup (drso_protection_group_get_group_id (group));
  }
  plan_id = drso_test_create_plan (cli, "Nightly", group_id);
  execution_id = create_execution (cli, plan_id, 0);
  g_assert_true (drso_store_refresh (window, &error));
  g_assert_no_error (error);
  assert_changes (r.accounts, "");
  assert_changes (r.servers, "(0,0,3)");
  assert_changes (r.groups, "(0,0,1)");
  assert_changes (r.plans, "(0,0,1)");
  assert_changes (r.executions, "(0,0,1)");

  /* The window's lists hold what the command line's do. */
  {
    g_autoptr(DrsoRecoveryPlan) mine = g_list_model_get_item (drso_store_get_recovery_plans (window),
                                                              0);
    g_autoptr(DrsoRecoveryPlan) theirs = drso_store_lookup_recovery_plan (cli, plan_id, &error);

    g_assert_true (drso_document_equal (DRSO_DOCUMENT (mine), DRSO_DOCUMENT (theirs)));
    g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (mine), ==, execution_id);
  }

  set_execution_status (cli, execution_id, DRSO_EXECUTION_STATUS_COMPLETED);
  g_assert_true (drso_store_refresh (window, &error));
  assert_changes (r.executions, "(0,1,1)");
  assert_changes (r.plans, "(0,1,1)");
  assert_no_changes (&r);

  g_assert_true (drso_store_delete_execution (cli, execution_id, &error));
  g_assert_no_error (error);
  g_assert_true (drso_store_refresh (window, &error));
  assert_changes (r.executions, "(0,1,0)");
  assert_no_changes (&r);

  recorders_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/live/accounts", test_accounts);
  g_test_add_func ("/live/groups", test_groups);
  g_test_add_func ("/live/plans", test_plans);
  g_test_add_func ("/live/executions", test_executions);
  g_test_add_func ("/live/servers/bulk", test_servers_bulk);
  g_test_add_func ("/live/snapshots", test_snapshots);
  g_test_add_func ("/live/refresh/without-change", test_refresh_without_change);
  g_test_add_func ("/live/refresh/external-change", test_refresh_external_change);

  return g_test_run ();
}
