/* test-roles.c
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

#include <gio/gio.h>

#include "drso.h"

/* The seed's RBAC table, written out cell by cell: 1 where the role has the
 * permission. Columns follow DrsoPermission: CreatePG, UpdatePG, DeletePG,
 * CreatePlan, UpdatePlan, DeletePlan, Execute, ManageExecution, Terminate,
 * View, ManageAccounts. */
static const gboolean expected[DRSO_N_ROLES][DRSO_N_PERMISSIONS] = {
  [DRSO_ROLE_ADMINISTRATOR]    = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
  [DRSO_ROLE_RECOVERY_MANAGER] = { 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0 },
  [DRSO_ROLE_PLAN_MANAGER]     = { 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0 },
  [DRSO_ROLE_OPERATOR]         = { 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0 },
  [DRSO_ROLE_READ_ONLY]        = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 },
};

static const char * const group_names[DRSO_N_ROLES] = {
  "DRSOrchestrationAdmin", "DRSRecoveryManager", "DRSPlanManager", "DRSOperator", "DRSReadOnly",
};

static const char * const permission_names[DRSO_N_PERMISSIONS] = {
  "drs:CreateProtectionGroup", "drs:UpdateProtectionGroup", "drs:DeleteProtectionGroup",
  "drs:CreateRecoveryPlan", "drs:UpdateRecoveryPlan", "drs:DeleteRecoveryPlan",
  "drs:ExecuteRecovery", "drs:ManageExecution", "drs:TerminateInstances", "drs:ViewResources",
  "drs:ManageAccounts",
};

typedef struct
{
  DrsoRole       role;
  DrsoPermission permission;
} Pair;

static void
test_pair (gconstpointer data)
{
  const Pair *pair = data;
  gboolean granted = expected[pair->role][pair->permission];
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (drso_role_has_permission (pair->role, pair->permission), ==, granted);

  if (granted)
    {
      g_assert_true (drso_role_check (pair->role, pair->permission, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (drso_role_check (pair->role, pair->permission, &error));
      g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
      g_assert_nonnull (strstr (error->message, group_names[pair->role]));
      g_assert_nonnull (strstr (error->message, permission_names[pair->permission]));
      g_assert_nonnull (strstr (error->message, drso_role_get_name (pair->role)));
    }
}

static void
test_counts (void)
{
  guint granted = 0;

  /* 11 + 4 + 5 + 2 + 1 grants in the seed's table. */
  for (guint r = 0; r < DRSO_N_ROLES; r++)
    for (guint p = 0; p < DRSO_N_PERMISSIONS; p++)
      granted += drso_role_has_permission (r, p);
  g_assert_cmpuint (granted, ==, 23);
}

static void
test_names (void)
{
  for (guint r = 0; r < DRSO_N_ROLES; r++)
    {
      DrsoRole role = DRSO_ROLE_READ_ONLY + 1;

      g_assert_cmpstr (drso_role_get_group_name (r), ==, group_names[r]);
      g_assert_true (drso_role_from_string (group_names[r], &role));
      g_assert_cmpint (role, ==, r);
      g_assert_true (drso_role_from_string (drso_role_get_nick (r), &role));
      g_assert_cmpint (role, ==, r);
      g_assert_nonnull (drso_role_get_name (r));
    }
  g_assert_false (drso_role_from_string ("superuser", NULL));

  for (guint p = 0; p < DRSO_N_PERMISSIONS; p++)
    {
      DrsoPermission permission = DRSO_N_PERMISSIONS;

      g_assert_cmpstr (drso_permission_get_name (p), ==, permission_names[p]);
      g_assert_true (drso_permission_from_string (permission_names[p], &permission));
      g_assert_cmpint (permission, ==, p);
    }
  g_assert_false (drso_permission_from_string ("drs:Everything", NULL));
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The active role is the settings key, and the store follows it. */
static void
test_active_role (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DrsoStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_assert_cmpint (drso_role_get_active (), ==, DRSO_ROLE_ADMINISTRATOR);

  store = drso_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_store_get_role (store), ==, DRSO_ROLE_ADMINISTRATOR);
  g_signal_connect (store, "notify::role", G_CALLBACK (notify_count_cb), &notified);

  for (guint r = 0; r < DRSO_N_ROLES; r++)
    {
      g_assert_true (g_settings_set_string (settings, "role", drso_role_get_nick (r)));
      g_assert_cmpint (drso_role_get_active (), ==, r);
      g_assert_cmpint (drso_store_get_role (store), ==, r);

      for (guint p = 0; p < DRSO_N_PERMISSIONS; p++)
        {
          g_autoptr(GError) check_error = NULL;
          gboolean ok = drso_store_check_permission (store, p, &check_error);

          g_assert_cmpint (ok, ==, expected[r][p]);
          if (!ok)
            g_assert_error (check_error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
        }
    }
  /* administrator → … → read-only: four changes. */
  g_assert_cmpuint (notified, ==, 4);

  g_settings_reset (settings, "role");
  g_assert_cmpint (drso_store_get_role (store), ==, DRSO_ROLE_ADMINISTRATOR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint r = 0; r < DRSO_N_ROLES; r++)
    for (guint p = 0; p < DRSO_N_PERMISSIONS; p++)
      {
        Pair *pair = g_new (Pair, 1);
        g_autofree char *path = g_strdup_printf ("/roles/table/%s/%s", group_names[r],
                                                 permission_names[p] + strlen ("drs:"));

        pair->role = r;
        pair->permission = p;
        g_test_add_data_func_full (path, pair, test_pair, g_free);
      }

  g_test_add_func ("/roles/counts", test_counts);
  g_test_add_func ("/roles/names", test_names);
  g_test_add_func ("/roles/active", test_active_role);

  return g_test_run ();
}
