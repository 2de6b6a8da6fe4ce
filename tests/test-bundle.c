/* test-bundle.c
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

/* Plan import and export: bundles read from files, written from a store and
 * imported into another, and every way an import can be refused, each of
 * which must leave the database exactly as it was. */

#include <string.h>

#include <gio/gio.h>

#include "drso-bundle.h"
#include "drso-error.h"
#include "drso-role.h"
#include "drso-store.h"
#include "drso-test-util.h"

#define SETTINGS_SCHEMA "io.github.drso.Orchestrator"
#define ACCOUNT_ID      "123456789012"
#define OTHER_ACCOUNT   "210987654321"
#define REGION          "us-east-1"

/* Source server ids: s- and 17 letters or digits. */
#define S_STORED "s-99999999999999999"
#define S1       "s-10000000000000001"
#define S2       "s-20000000000000002"
#define S3       "s-30000000000000003"
#define S4       "s-40000000000000004"

/* Pieces of bundle text for the table of refused imports. */
#define Q(s) "\"" s "\""
#define GROUP_AT(id, name, account, region, servers)                                   \
  "{\"groupId\": " Q (id) ", \"groupName\": " Q (name) ", \"accountId\": " Q (account) \
  ", \"region\": " Q (region) ", \"serverIds\": [" servers "]}"
#define GROUP(id, name, servers) GROUP_AT (id, name, ACCOUNT_ID, REGION, servers)
#define PLAN_WAVES(id, name, waves) \
  "{\"planId\": " Q (id) ", \"planName\": " Q (name) ", \"waves\": [" waves "]}"
#define WAVE(number, groups) \
  "{\"waveNumber\": " #number ", \"protectionGroupIds\": [" groups "]}"
#define PLAN(id, name, groups) PLAN_WAVES (id, name, WAVE (1, groups))
#define BUNDLE(groups, plans) \
  "{\"formatVersion\": 1, \"protectionGroups\": [" groups "], \"recoveryPlans\": [" plans "]}"

/* Helpers */

static void
set_role (DrsoStore  *store,
          const char *nick)
{
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA);
  DrsoRole expected;

  g_assert_true (drso_role_from_string (nick, &expected));
  g_assert_true (g_settings_set_string (settings, "role", nick));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (store != NULL)
    g_assert_cmpint (drso_store_get_role (store), ==, expected);
}

static DrsoStore *
open_store_at (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT_ID, "Production");
  DrsoStore *store;

  store = drso_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (drso_store_get_role (store), ==, DRSO_ROLE_ADMINISTRATOR);

  g_assert_true (drso_store_add_account (store, account, &error));
  g_assert_no_error (error);
  return store;
}

/* A fresh store (the test's own data folder) with the production account. */
static DrsoStore *
open_store (void)
{
  return open_store_at (NULL);
}

/* A second store beside the first one. */
static DrsoStore *
open_other_store (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "store.db", NULL);

  return open_store_at (path);
}

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bundles", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static DrsoBundle *
load_fixture_bundle (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DrsoBundle *bundle;
  gsize length;

  text = load_fixture (name, &length);
  bundle = drso_bundle_new_from_data (text, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  return bundle;
}

/* Reads @text as a file and imports it; returns FALSE with @error when
 * either step refuses it. */
static gboolean
import_text (DrsoStore   *store,
             const char  *text,
             gssize       length,
             guint       *n_changed,
             GError     **error)
{
  g_autoptr(DrsoBundle) bundle = drso_bundle_new_from_data (text, length, error);

  if (bundle == NULL)
    return FALSE;
  return drso_store_import_bundle (store, bundle, n_changed, error);
}

static void
import_ok (DrsoStore  *store,
           DrsoBundle *bundle,
           guint       expected_changes)
{
  g_autoptr(GError) error = NULL;
  guint n_changed = G_MAXUINT;

  g_assert_true (drso_store_import_bundle (store, bundle, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, expected_changes);
}

/* A bundle written out and read back, as a file would carry it. */
static DrsoBundle *
reread_bundle (DrsoBundle *bundle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DrsoBundle *copy;
  gsize length;

  text = drso_bundle_to_data (bundle, &length);
  copy = drso_bundle_new_from_data (text, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  return copy;
}

static DrsoProtectionGroup *
make_group (const char *group_id,
            const char *name,
            const char *server_id)
{
  DrsoProtectionGroup *group = drso_protection_group_new (name, ACCOUNT_ID, REGION);

  if (group_id != NULL)
    drso_document_set_id (DRSO_DOCUMENT (group), group_id);
  if (server_id != NULL)
    drso_protection_group_add_server_id (group, server_id);
  return group;
}

static DrsoProtectionGroup *
create_group (DrsoStore  *store,
              const char *group_id,
              const char *name,
              const char *server_id)
{
  g_autoptr(GError) error = NULL;
  DrsoProtectionGroup *group = make_group (group_id, name, server_id);

  g_assert_true (drso_store_create_protection_group (store, group, &error));
  g_assert_no_error (error);
  return group;
}

static DrsoWave *
make_wave (const char *name,
           const char *group_id,
           gboolean    pause,
           guint       duration)
{
  DrsoWave *wave = drso_wave_new (name);

  if (group_id != NULL)
    drso_wave_add_protection_group_id (wave, group_id);
  drso_wave_set_pause_before_wave (wave, pause);
  drso_wave_set_estimated_duration (wave, duration);
  return wave;
}

static DrsoRecoveryPlan * G_GNUC_NULL_TERMINATED
create_plan (DrsoStore  *store,
             const char *plan_id,
             const char *name,
             ...)
{
  g_autoptr(GError) error = NULL;
  DrsoRecoveryPlan *plan = drso_recovery_plan_new (name);
  const char *group_id;
  va_list args;

  if (plan_id != NULL)
    drso_document_set_id (DRSO_DOCUMENT (plan), plan_id);

  /* One wave per group id, in order, up to NULL. */
  va_start (args, name);
  while ((group_id = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *wave_name = g_strdup_printf ("Wave of %s", group_id);
      g_autoptr(DrsoWave) wave = make_wave (wave_name, group_id, FALSE, 60);

      drso_recovery_plan_append_wave (plan, wave);
    }
  va_end (args);

  g_assert_true (drso_store_create_recovery_plan (store, plan, &error));
  g_assert_no_error (error);
  return plan;
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
assert_document_ids (GListModel         *model,
                     const char * const *expected)
{
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoDocument) document = g_list_model_get_item (model, i);

      g_assert_true (g_strv_contains (expected, drso_document_get_id (document)));
    }
}

/* 1. The seed's documents */

static void
assert_wave (DrsoRecoveryPlan *plan,
             guint             number,
             const char       *name,
             const char       *group_id,
             gboolean          pause,
             guint             duration)
{
  DrsoWave *wave = drso_recovery_plan_get_wave (plan, number);
  const char * const ids[] = { group_id, NULL };

  g_assert_nonnull (wave);
  g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, number);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, name);
  drso_test_assert_strv (drso_wave_get_protection_group_ids (wave), ids);
  g_assert_cmpint (drso_wave_get_pause_before_wave (wave), ==, pause);
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, duration);
}

static void
assert_seed_group (DrsoStore          *store,
                   const char         *group_id,
                   const char         *name,
                   const char * const *server_ids,
                   gint64              created_date,
                   gint64              modified_date,
                   const char         *modified_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoProtectionGroup) group = NULL;
  DrsoDocument *document;

  group = drso_store_lookup_protection_group (store, group_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (group);
  document = DRSO_DOCUMENT (group);

  g_assert_cmpstr (drso_protection_group_get_group_id (group), ==, group_id);
  g_assert_cmpstr (drso_protection_group_get_group_name (group), ==, name);
  g_assert_cmpstr (drso_protection_group_get_account_id (group), ==, ACCOUNT_ID);
  g_assert_cmpstr (drso_protection_group_get_region (group), ==, REGION);
  drso_test_assert_strv (drso_protection_group_get_server_ids (group), server_ids);
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 2);

  /* The file's audit fields are kept, not restamped. */
  g_assert_cmpint (drso_document_get_created_date (document), ==, created_date);
  g_assert_cmpint (drso_document_get_last_modified_date (document), ==, modified_date);
  g_assert_cmpstr (drso_document_get_created_by (document), ==, "user@example.com");
  g_assert_cmpstr (drso_document_get_last_modified_by (document), ==, modified_by);
}

static void
test_import_seed_example (void)
{
  const char * const db_servers[] = { "s-1234567890abcdef0", "s-0987654321fedcba0", NULL };
  const char * const app_servers[] = { "s-0a1b2c3d4e5f60718", "s-0a1b2c3d4e5f60729", NULL };
  const char * const web_servers[] = { "s-0fedcba9876543210", "s-00112233445566778", NULL };
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoBundle) bundle = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoRecoveryPlan) file_plan = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoProtectionGroup) web = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  DrsoDocument *document;
  GHashTable *tags;

  g_assert_cmpuint (g_list_model_get_n_items (drso_bundle_get_protection_groups (bundle)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (drso_bundle_get_recovery_plans (bundle)), ==, 1);

  /* The file does say when the plan last ran elsewhere. */
  file_plan = g_list_model_get_item (drso_bundle_get_recovery_plans (bundle), 0);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (file_plan), ==, "exec-uuid");

  import_ok (store, bundle, 4);

  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (store)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_recovery_plans (store)), ==, 1);

  assert_seed_group (store, "pg-uuid-1", "Database Tier", db_servers, 1700000000, 1700000100,
                     "user@example.com");
  assert_seed_group (store, "pg-uuid-2", "App Tier", app_servers, 1700000010, 1700000110,
                     "admin@example.com");
  assert_seed_group (store, "pg-uuid-3", "Web Tier", web_servers, 1700000020, 1700000120,
                     "user@example.com");

  web = drso_store_lookup_protection_group (store, "Web Tier", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_description (web), ==, "Production web servers");
  tags = drso_protection_group_get_tag_criteria (web);
  g_assert_cmpuint (g_hash_table_size (tags), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (tags, "Environment"), ==, "production");
  g_assert_cmpstr (g_hash_table_lookup (tags, "Tier"), ==, "web");

  plan = drso_store_lookup_recovery_plan (store, "plan-uuid", &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  document = DRSO_DOCUMENT (plan);
  g_assert_cmpstr (drso_recovery_plan_get_plan_name (plan), ==, "Production 3-Tier Application");
  g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==,
                   "Complete production stack recovery");
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  assert_wave (plan, 1, "Database Tier", "pg-uuid-1", FALSE, 600);
  assert_wave (plan, 2, "Application Tier", "pg-uuid-2", TRUE, 300);
  assert_wave (plan, 3, "Web Tier", "pg-uuid-3", FALSE, 300);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 1200);

  g_assert_cmpint (drso_document_get_created_date (document), ==, 1700000000);
  g_assert_cmpint (drso_document_get_last_modified_date (document), ==, 1700000100);
  g_assert_cmpstr (drso_document_get_created_by (document), ==, "user@example.com");
  g_assert_cmpstr (drso_document_get_last_modified_by (document), ==, "user@example.com");

  /* The latest execution is this store's history, and it has none. */
  g_assert_null (drso_recovery_plan_get_last_execution_id (plan));
  g_assert_null (drso_recovery_plan_get_last_execution_status (plan));
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), ==, 0);

  /* In the database itself: the rows, with no execution of the plan. */
  dump = drso_test_dump_store (store);
  if (g_test_verbose ())
    g_test_message ("%s", dump);
  g_assert_nonnull (strstr (dump, "TABLE recovery_plans (plan_id, name, name_key, description, "
                                  "last_execution_id, last_execution_status, "
                                  "last_execution_date, created_date"));
  g_assert_nonnull (strstr (dump, "  'plan-uuid' | 'Production 3-Tier Application' | "
                                  "'production 3-tier application' | "
                                  "'Complete production stack recovery' | NULL | NULL | 0 | "
                                  "1700000000 | 1700000100 | "));
  g_assert_nonnull (strstr (dump, "  'plan-uuid' | 2 | 'Application Tier' | 1 | 300\n"));
  g_assert_null (strstr (dump, "exec-uuid"));

  /* Importing works on copies: the caller's bundle is as it was read. */
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (file_plan), ==, "exec-uuid");
}

/* 2. Export and import round trips */

typedef struct
{
  DrsoProtectionGroup *groups[4];
  DrsoRecoveryPlan    *plans[2];
} RoundTripData;

static void
round_trip_data_clear (RoundTripData *data)
{
  for (guint i = 0; i < G_N_ELEMENTS (data->groups); i++)
    g_clear_object (&data->groups[i]);
  for (guint i = 0; i < G_N_ELEMENTS (data->plans); i++)
    g_clear_object (&data->plans[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RoundTripData, round_trip_data_clear)

/* Two plans over three groups, and a fourth group no plan uses; all of it
 * built through the API. */
static void
populate_store (DrsoStore     *store,
                RoundTripData *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoWave) first = NULL;
  g_autoptr(DrsoWave) second = NULL;
  g_autoptr(DrsoWave) only = NULL;
  DrsoProtectionGroup *alpha, *beta;

  alpha = data->groups[0] = make_group (NULL, "Alpha", S1);
  drso_protection_group_add_server_id (alpha, S2);
  drso_protection_group_set_description (alpha, "Two explicit servers");
  g_assert_true (drso_store_create_protection_group (store, alpha, &error));
  g_assert_no_error (error);

  beta = data->groups[1] = make_group (NULL, "Beta", NULL);
  drso_protection_group_set_tag (beta, "Tier", "app");
  drso_protection_group_set_tag (beta, "Environment", "production");
  g_assert_true (drso_store_create_protection_group (store, beta, &error));
  g_assert_no_error (error);

  data->groups[2] = create_group (store, NULL, "Gamma", S3);
  data->groups[3] = create_group (store, NULL, "Unused", S4);

  first = make_wave ("First", drso_protection_group_get_group_id (alpha), FALSE, 120);
  second = make_wave ("Second", drso_protection_group_get_group_id (beta), TRUE, 240);
  only = make_wave (NULL, drso_protection_group_get_group_id (data->groups[2]), FALSE, 0);

  data->plans[0] = drso_recovery_plan_new ("Plan One");
  drso_recovery_plan_set_description (data->plans[0], "Alpha, then Beta");
  drso_recovery_plan_append_wave (data->plans[0], first);
  drso_recovery_plan_append_wave (data->plans[0], second);
  g_assert_true (drso_store_create_recovery_plan (store, data->plans[0], &error));
  g_assert_no_error (error);

  data->plans[1] = drso_recovery_plan_new ("Plan Two");
  drso_recovery_plan_append_wave (data->plans[1], only);
  g_assert_true (drso_store_create_recovery_plan (store, data->plans[1], &error));
  g_assert_no_error (error);
}

static char *
export_text (DrsoStore          *store,
             const char * const *selection,
             DrsoBundle        **out_bundle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoBundle) bundle = drso_store_export_plans (store, selection, &error);
  char *text;

  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  text = drso_bundle_to_data (bundle, NULL);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  if (out_bundle != NULL)
    *out_bundle = g_steal_pointer (&bundle);
  return text;
}

static void
check_round_trip (DrsoStore          *store_a,
                  const char         *store_b_name,
                  const char * const *selection,
                  const char * const *group_ids,
                  const char * const *plan_ids)
{
  g_autoptr(DrsoStore) store_b = open_other_store (store_b_name);
  g_autoptr(DrsoBundle) exported = NULL;
  g_autoptr(DrsoBundle) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *dump = NULL;
  g_autofree char *dump_again = NULL;
  guint n_groups = g_strv_length ((char **) group_ids);
  guint n_plans = g_strv_length ((char **) plan_ids);

  /* Exactly the selected plans, and exactly the groups they use. */
  text_a = export_text (store_a, selection, &exported);
  assert_document_ids (drso_bundle_get_protection_groups (exported), group_ids);
  assert_document_ids (drso_bundle_get_recovery_plans (exported), plan_ids);

  read = drso_bundle_new_from_data (text_a, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  import_ok (store_b, read, n_groups + n_plans);

  text_b = export_text (store_b, selection, NULL);
  g_assert_cmpstr (text_b, ==, text_a);

  /* Once more changes nothing. */
  dump = drso_test_dump_store (store_b);
  import_ok (store_b, read, 0);
  dump_again = drso_test_dump_store (store_b);
  g_assert_cmpstr (dump_again, ==, dump);
}

static void
test_export_round_trip (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_auto(RoundTripData) data = { { NULL } };
  const char *alpha, *beta, *gamma, *unused, *one, *two;

  populate_store (store, &data);
  alpha = drso_protection_group_get_group_id (data.groups[0]);
  beta = drso_protection_group_get_group_id (data.groups[1]);
  gamma = drso_protection_group_get_group_id (data.groups[2]);
  unused = drso_protection_group_get_group_id (data.groups[3]);
  one = drso_recovery_plan_get_plan_id (data.plans[0]);
  two = drso_recovery_plan_get_plan_id (data.plans[1]);
  g_assert_true (g_str_has_prefix (alpha, "pg-"));
  g_assert_true (g_str_has_prefix (one, "plan-"));

  /* By id */
  {
    const char * const selection[] = { one, NULL };
    const char * const groups[] = { alpha, beta, NULL };
    const char * const plans[] = { one, NULL };

    check_round_trip (store, "by-id", selection, groups, plans);
  }

  /* By name */
  {
    const char * const selection[] = { "Plan Two", NULL };
    const char * const groups[] = { gamma, NULL };
    const char * const plans[] = { two, NULL };

    check_round_trip (store, "by-name", selection, groups, plans);
  }

  /* Everything: each group a plan uses, never the unused one. */
  {
    const char * const groups[] = { alpha, beta, gamma, NULL };
    const char * const plans[] = { one, two, NULL };
    g_autoptr(DrsoBundle) bundle = NULL;
    g_autofree char *text = NULL;

    check_round_trip (store, "all", NULL, groups, plans);

    text = export_text (store, NULL, &bundle);
    g_assert_null (drso_bundle_find_protection_group (bundle, unused));
    g_assert_null (strstr (text, "Unused"));
  }
}

static void
test_export_details (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_auto(RoundTripData) data = { { NULL } };
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autoptr(DrsoProtectionGroup) beta = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char * const selection[] = { "Plan One", NULL };
  const char * const missing[] = { "Plan One", "No Such Plan", NULL };
  const char * const alpha_servers[] = { S1, S2, NULL };
  g_autoptr(DrsoProtectionGroup) alpha = NULL;

  populate_store (store, &data);

  text = export_text (store, selection, &bundle);
  g_assert_nonnull (strstr (text, "\"formatVersion\" : 1"));

  /* The documents carry what the store has, tags and servers included. */
  alpha = g_object_ref (drso_bundle_find_protection_group (
    bundle, drso_protection_group_get_group_id (data.groups[0])));
  drso_test_assert_strv (drso_protection_group_get_server_ids (alpha), alpha_servers);
  g_assert_cmpstr (drso_protection_group_get_description (alpha), ==, "Two explicit servers");
  beta = g_object_ref (drso_bundle_find_protection_group (
    bundle, drso_protection_group_get_group_id (data.groups[1])));
  g_assert_cmpstr (drso_protection_group_get_tag (beta, "Tier"), ==, "app");

  plan = g_list_model_get_item (drso_bundle_get_recovery_plans (bundle), 0);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 2);
  assert_wave (plan, 1, "First", drso_protection_group_get_group_id (alpha), FALSE, 120);
  assert_wave (plan, 2, "Second", drso_protection_group_get_group_id (beta), TRUE, 240);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (plan)), >, 0);

  /* A plan that is not there names itself. */
  g_clear_object (&bundle);
  bundle = drso_store_export_plans (store, missing, &error);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No Such Plan"));
  g_assert_null (bundle);
}

/* Naming one plan twice (by id and by name) exports it once: the file must
 * stay importable, here and elsewhere. */
static void
test_export_repeated_selection (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoStore) other = open_other_store ("other");
  g_auto(RoundTripData) data = { { NULL } };
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autoptr(DrsoBundle) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *selection[] = { NULL, "Plan One", NULL };

  populate_store (store, &data);
  selection[0] = drso_recovery_plan_get_plan_id (data.plans[0]);

  text = export_text (store, selection, &bundle);
  read = drso_bundle_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  import_ok (other, read, 2 + 1);

  g_assert_cmpuint (g_list_model_get_n_items (drso_bundle_get_recovery_plans (bundle)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (drso_bundle_get_protection_groups (bundle)), ==, 2);
}

/* 3. Importing twice */

static void
test_import_idempotent (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoBundle) bundle = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoBundle) modified = NULL;
  g_autoptr(DrsoBundle) file = NULL;
  g_autoptr(DrsoProtectionGroup) app = NULL;
  g_autoptr(DrsoProtectionGroup) cache = NULL;
  g_autoptr(DrsoProtectionGroup) stored = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoWave) wave = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;

  import_ok (store, bundle, 4);
  first = drso_test_dump_store (store);

  import_ok (store, bundle, 0);
  second = drso_test_dump_store (store);
  g_assert_cmpstr (second, ==, first);

  /* The same text read again is the same bundle. */
  g_clear_object (&bundle);
  bundle = load_fixture_bundle ("seed-example.json");
  import_ok (store, bundle, 0);
  g_free (second);
  second = drso_test_dump_store (store);
  g_assert_cmpstr (second, ==, first);

  /* A renamed group, a new group and a wave for it. */
  modified = load_fixture_bundle ("seed-example.json");
  app = g_list_model_get_item (drso_bundle_get_protection_groups (modified), 1);
  g_assert_cmpstr (drso_protection_group_get_group_id (app), ==, "pg-uuid-2");
  drso_document_set_name (DRSO_DOCUMENT (app), "Application Tier Servers");

  cache = make_group ("pg-uuid-4", "Cache Tier", "s-0c0c0c0c0c0c0c0c0");
  drso_bundle_add_protection_group (modified, cache);

  plan = g_list_model_get_item (drso_bundle_get_recovery_plans (modified), 0);
  wave = make_wave ("Cache Tier", "pg-uuid-4", TRUE, 120);
  drso_recovery_plan_append_wave (plan, wave);

  file = reread_bundle (modified);
  import_ok (store, file, 3);
  third = drso_test_dump_store (store);
  g_assert_cmpstr (third, !=, first);

  /* Updated in place: the ids are the file's. */
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (store)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_recovery_plans (store)), ==, 1);
  stored = drso_store_lookup_protection_group (store, "pg-uuid-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_group_name (stored), ==, "Application Tier Servers");
  g_clear_object (&stored);
  stored = drso_store_lookup_protection_group (store, "App Tier", &error);
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_null (stored);
  g_clear_error (&error);

  g_clear_object (&plan);
  plan = drso_store_lookup_recovery_plan (store, "Production 3-Tier Application", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_plan_id (plan), ==, "plan-uuid");
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 4);
  assert_wave (plan, 3, "Web Tier", "pg-uuid-3", FALSE, 300);
  assert_wave (plan, 4, "Cache Tier", "pg-uuid-4", TRUE, 120);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 1320);

  /* The groups the file did not change are as they were. */
  stored = drso_store_lookup_protection_group (store, "pg-uuid-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_document_get_last_modified_date (DRSO_DOCUMENT (stored)), ==, 1700000100);

  /* And the changed file, again, changes nothing. */
  import_ok (store, file, 0);
  fourth = drso_test_dump_store (store);
  g_assert_cmpstr (fourth, ==, third);
}

/* The latest execution of a plan is this store's history: a file neither
 * brings its own nor wipes the store's. */
static void
test_import_keeps_last_execution (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoBundle) bundle = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoBundle) changed = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoExecution) execution = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *execution_id = NULL;

  import_ok (store, bundle, 1 + 3);

  execution = drso_execution_new ("plan-uuid", "Production 3-Tier Application",
                                  DRSO_EXECUTION_TYPE_DRILL);
  g_assert_true (drso_store_create_execution (store, execution, &error));
  g_assert_no_error (error);
  execution_id = g_strdup (drso_execution_get_execution_id (execution));
  g_assert_cmpstr (execution_id, !=, "exec-uuid");

  plan = drso_store_lookup_recovery_plan (store, "plan-uuid", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (plan), ==, execution_id);
  g_clear_object (&plan);

  /* The file's lastExecution* differ from the store's: that is no change. */
  before = drso_test_dump_store (store);
  import_ok (store, bundle, 0);
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);

  /* A real change to the plan keeps the store's latest execution. */
  plan = g_list_model_get_item (drso_bundle_get_recovery_plans (changed), 0);
  drso_recovery_plan_set_description (plan, "Complete production stack recovery, revised");
  g_clear_object (&plan);
  import_ok (store, changed, 1);

  plan = drso_store_lookup_recovery_plan (store, "plan-uuid", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==,
                   "Complete production stack recovery, revised");
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (plan), ==, execution_id);
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), ==,
                   drso_execution_get_start_time (execution));
  g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), !=, 1700000500);
}

/* 4. Refused imports */

typedef struct
{
  const char *name;
  const char *json;
  GQuark    (*domain) (void);
  int         code;
  const char *needle;
  const char *needle2;
} BadImport;

static const BadImport bad_imports[] = {
  /* Not a bundle at all */
  { "empty-file", "",
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_JSON, "empty", NULL },
  { "blank-file", " \n\t\n",
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_JSON, "empty", NULL },
  { "syntax-error", "{\"formatVersion\": 1, \"protectionGroups\": [],}",
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_JSON, "not valid JSON", NULL },
  { "top-level-array", "[" BUNDLE ("", "") "]",
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "JSON object", "an array" },
  { "top-level-string", "\"bundle\"",
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "JSON object", "a string" },

  /* The format version */
  { "version-missing", "{\"protectionGroups\": [], \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_FIELD, "formatVersion", NULL },
  { "version-null", "{\"formatVersion\": null, \"protectionGroups\": [], \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_FIELD, "formatVersion", NULL },
  { "version-2", "{\"formatVersion\": 2, \"protectionGroups\": [], \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_UNSUPPORTED_VERSION, "version 2", "version 1" },
  { "version-0", "{\"formatVersion\": 0, \"protectionGroups\": [], \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_UNSUPPORTED_VERSION, "version 0", "version 1" },
  { "version-string", "{\"formatVersion\": \"1\", \"protectionGroups\": [], \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "formatVersion", "a string" },
  { "version-fraction", "{\"formatVersion\": 1.5, \"protectionGroups\": [], \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "formatVersion", "whole number" },

  /* The arrays */
  { "groups-not-array", "{\"formatVersion\": 1, \"protectionGroups\": {}, \"recoveryPlans\": []}",
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "protectionGroups", "an array" },
  { "plans-not-array", "{\"formatVersion\": 1, \"protectionGroups\": [], \"recoveryPlans\": 3}",
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "recoveryPlans", "an array" },
  { "group-not-object", BUNDLE ("42", ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "protectionGroups[0]", "a number" },

  /* Groups of the wrong shape */
  { "group-server-ids-string",
    BUNDLE ("{\"groupId\": \"pg-a\", \"groupName\": \"A\", \"accountId\": \"" ACCOUNT_ID "\", "
            "\"region\": \"" REGION "\", \"serverIds\": \"" S1 "\"}", ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "protectionGroups[0].serverIds",
    "a string" },
  { "group-server-ids-numbers",
    BUNDLE ("{\"groupId\": \"pg-a\", \"groupName\": \"A\", \"accountId\": \"" ACCOUNT_ID "\", "
            "\"region\": \"" REGION "\", \"serverIds\": [17]}", ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "protectionGroups[0].serverIds[0]",
    NULL },
  { "group-tag-criteria-list",
    BUNDLE ("{\"groupId\": \"pg-a\", \"groupName\": \"A\", \"accountId\": \"" ACCOUNT_ID "\", "
            "\"region\": \"" REGION "\", \"tagCriteria\": [\"Tier\", \"web\"]}", ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE, "protectionGroups[0].tagCriteria",
    "an array" },
  { "group-name-missing",
    BUNDLE ("{\"groupId\": \"pg-a\", \"accountId\": \"" ACCOUNT_ID "\", \"region\": \"" REGION
            "\", \"serverIds\": [\"" S1 "\"]}", ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_FIELD, "protectionGroups[0]", "groupName" },
  { "group-id-invalid", BUNDLE (GROUP ("pg a/b", "A", Q (S1)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_ID, "pg a/b", NULL },

  /* Groups that fail validation */
  { "group-bad-region", BUNDLE (GROUP_AT ("pg-a", "Group A", ACCOUNT_ID, "us-east", Q (S1)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_REGION, "us-east", "Group A" },
  { "group-bad-account-id", BUNDLE (GROUP_AT ("pg-a", "Group A", "1234", REGION, Q (S1)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID, "1234", NULL },
  { "group-bad-server-id", BUNDLE (GROUP ("pg-a", "Group A", Q (S1) ", " Q ("s-123")), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_INVALID_SERVER_ID, "s-123", "Group A" },
  { "group-empty-selection", BUNDLE (GROUP ("pg-a", "Group A", ""), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_EMPTY_GROUP, "Group A", NULL },
  { "group-blank-name", BUNDLE (GROUP ("pg-a", "  ", Q (S1)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_NAME_REQUIRED, "protectionGroups[0]", NULL },

  /* Plans of the wrong shape, or failing validation */
  { "plan-wave-group-ids-missing",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
            PLAN_WAVES ("plan-a", "Plan A", "{\"waveNumber\": 1, \"waveName\": \"One\"}")),
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_FIELD, "recoveryPlans[0].waves[0]",
    "protectionGroupIds" },
  { "plan-second-wave-group-ids-missing",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)) ", " GROUP ("pg-b", "Group B", Q (S2)),
            PLAN ("plan-a", "Plan A", Q ("pg-a")) ", "
            PLAN_WAVES ("plan-b", "Plan B", WAVE (1, Q ("pg-b")) ", {\"waveNumber\": 2}")),
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_FIELD, "recoveryPlans[1].waves[1]",
    "protectionGroupIds" },
  { "plan-waves-missing",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)), "{\"planId\": \"plan-a\", \"planName\": \"P\"}"),
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_FIELD, "recoveryPlans[0]", "waves" },
  { "plan-pause-not-boolean",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
            PLAN_WAVES ("plan-a", "Plan A",
                        "{\"waveNumber\": 1, \"protectionGroupIds\": [\"pg-a\"], "
                        "\"pauseBeforeWave\": \"yes\"}")),
    drso_model_error_quark, DRSO_MODEL_ERROR_WRONG_TYPE,
    "recoveryPlans[0].waves[0].pauseBeforeWave", "true or false" },
  { "plan-no-waves", BUNDLE (GROUP ("pg-a", "Group A", Q (S1)), PLAN_WAVES ("plan-a", "Plan A", "")),
    drso_model_error_quark, DRSO_MODEL_ERROR_NO_WAVES, "Plan A", NULL },
  { "plan-wave-without-groups",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)), PLAN ("plan-a", "Plan A", "")),
    drso_model_error_quark, DRSO_MODEL_ERROR_WAVE_WITHOUT_GROUPS, "Plan A", NULL },
  { "plan-group-in-two-waves",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
            PLAN_WAVES ("plan-a", "Plan A", WAVE (1, Q ("pg-a")) ", " WAVE (2, Q ("pg-a")))),
    drso_model_error_quark, DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES, "pg-a", NULL },
  { "plan-duplicate-wave-number",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)) ", " GROUP ("pg-b", "Group B", Q (S2)),
            PLAN_WAVES ("plan-a", "Plan A", WAVE (1, Q ("pg-a")) ", " WAVE (1, Q ("pg-b")))),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER, "Plan A", NULL },

  /* Repeats inside the file */
  { "duplicate-group-ids",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)) ", " GROUP ("pg-a", "Group B", Q (S2)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_ID, "pg-a", NULL },
  { "duplicate-plan-ids",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
            PLAN ("plan-a", "Plan A", Q ("pg-a")) ", " PLAN ("plan-a", "Plan B", Q ("pg-a"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_ID, "plan-a", NULL },
  { "duplicate-group-names",
    BUNDLE (GROUP ("pg-a", "Web", Q (S1)) ", " GROUP ("pg-b", "WEB", Q (S2)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_NAME, "WEB", NULL },
  { "duplicate-group-names-spacing",
    BUNDLE (GROUP ("pg-a", "Gamma", Q (S1)) ", " GROUP ("pg-b", "Gamma ", Q (S2)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_NAME, "Gamma", NULL },
  { "duplicate-plan-names",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
            PLAN ("plan-a", "Plan A", Q ("pg-a")) ", " PLAN ("plan-b", "Plan A", Q ("pg-a"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_NAME, "Plan A", NULL },

  /* Conflicts with the store */
  { "dangling-group",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)), PLAN ("plan-a", "Plan A", Q ("pg-nowhere"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_GROUP, "pg-nowhere", "Plan A" },
  { "server-in-stored-group", BUNDLE (GROUP ("pg-a", "Group A", Q (S_STORED)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP, "Stored Group", S_STORED },
  { "server-in-unchanged-file-group",
    BUNDLE (GROUP ("pg-stored", "Stored Group", Q (S_STORED)) ", "
            GROUP ("pg-a", "Group A", Q (S_STORED)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP, "Stored Group", S_STORED },
  { "server-in-two-file-groups",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)) ", " GROUP ("pg-b", "Group B", Q (S2) ", " Q (S1)),
            ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP, "Group A", S1 },
  { "group-name-taken", BUNDLE (GROUP ("pg-a", "stored GROUP", Q (S1)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_NAME, "Stored Group", NULL },
  { "plan-name-taken",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)), PLAN ("plan-a", "Stored Plan", Q ("pg-a"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_NAME, "Stored Plan", NULL },
  { "account-not-set-up", BUNDLE (GROUP_AT ("pg-a", "Group A", OTHER_ACCOUNT, REGION, Q (S1)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE, OTHER_ACCOUNT, "Group A" },

  /* Partial failures: what came before the bad entry is not kept either. */
  { "partial-last-plan-dangling",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)) ", " GROUP ("pg-b", "Group B", Q (S2)),
            PLAN ("plan-a", "Plan A", Q ("pg-a")) ", "
            PLAN ("plan-b", "Plan B", Q ("pg-b") ", " Q ("pg-gone"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_MISSING_GROUP, "pg-gone", "Plan B" },
  { "partial-last-plan-name-taken",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
            PLAN ("plan-a", "Plan A", Q ("pg-a")) ", "
            PLAN ("plan-b", "STORED PLAN", Q ("pg-stored"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_DUPLICATE_NAME, "Stored Plan", NULL },
  { "partial-last-group-conflict",
    BUNDLE (GROUP ("pg-a", "Group A", Q (S1)) ", " GROUP ("pg-b", "Group B", Q (S_STORED)),
            PLAN ("plan-a", "Plan A", Q ("pg-a"))),
    drso_model_error_quark, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP, "Stored Group", S_STORED },
  { "partial-stored-group-update-then-conflict",
    BUNDLE (GROUP ("pg-stored", "Stored Group Renamed", Q (S_STORED) ", " Q (S3)) ", "
            GROUP ("pg-a", "Group A", Q (S3)), ""),
    drso_model_error_quark, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP, "Stored Group", S3 },
};

/* The store the refused imports run against: the account, a group and a
 * plan. */
static void
add_stored_documents (DrsoStore *store)
{
  g_autoptr(DrsoProtectionGroup) group = create_group (store, "pg-stored", "Stored Group",
                                                       S_STORED);
  g_autoptr(DrsoRecoveryPlan) plan = create_plan (store, "plan-stored", "Stored Plan",
                                                  "pg-stored", NULL);

  g_assert_cmpstr (drso_recovery_plan_get_plan_id (plan), ==, "plan-stored");
}

typedef struct
{
  guint groups_changed;
  guint plans_changed;
  guint n_groups;
  guint n_plans;
} ModelWatch;

static void
watch_models (DrsoStore  *store,
              ModelWatch *watch)
{
  GListModel *groups = drso_store_get_protection_groups (store);
  GListModel *plans = drso_store_get_recovery_plans (store);

  watch->groups_changed = watch->plans_changed = 0;
  watch->n_groups = g_list_model_get_n_items (groups);
  watch->n_plans = g_list_model_get_n_items (plans);
  g_signal_connect (groups, "items-changed", G_CALLBACK (count_items_changed),
                    &watch->groups_changed);
  g_signal_connect (plans, "items-changed", G_CALLBACK (count_items_changed),
                    &watch->plans_changed);
}

static void
unwatch_models (DrsoStore  *store,
                ModelWatch *watch)
{
  g_signal_handlers_disconnect_by_data (drso_store_get_protection_groups (store),
                                        &watch->groups_changed);
  g_signal_handlers_disconnect_by_data (drso_store_get_recovery_plans (store),
                                        &watch->plans_changed);
}

static void
assert_models_untouched (DrsoStore  *store,
                         ModelWatch *watch)
{
  g_assert_cmpuint (watch->groups_changed, ==, 0);
  g_assert_cmpuint (watch->plans_changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (store)), ==,
                    watch->n_groups);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_recovery_plans (store)), ==,
                    watch->n_plans);
}

/* Imports @text and expects it refused with @domain and @code, the message
 * naming @needle and @needle2, and nothing changed. */
static void
assert_import_refused (DrsoStore  *store,
                       const char *text,
                       gssize      length,
                       GQuark      domain,
                       int         code,
                       const char *needle,
                       const char *needle2)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = drso_test_dump_store (store);
  g_autofree char *after = NULL;
  ModelWatch watch;
  guint n_changed = 4242;

  watch_models (store, &watch);

  g_assert_false (import_text (store, text, length, &n_changed, &error));
  g_assert_error (error, domain, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
  if (needle2 != NULL && strstr (error->message, needle2) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle2);
  g_assert_cmpuint (n_changed, ==, 4242);

  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  assert_models_untouched (store, &watch);
  unwatch_models (store, &watch);
}

static void
test_import_refused (gconstpointer user_data)
{
  const BadImport *row = user_data;
  g_autoptr(DrsoStore) store = open_store ();

  add_stored_documents (store);
  if (g_test_verbose ())
    g_test_message ("%s", row->json);
  assert_import_refused (store, row->json, -1, row->domain (), row->code, row->needle,
                         row->needle2);
}

/* Cut anywhere, the fixture is refused as JSON, never half taken. */
static void
test_import_truncated (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autofree char *text = NULL;
  g_autofree char *trimmed = NULL;
  gsize length;
  guint n_cuts = 0;

  add_stored_documents (store);
  text = load_fixture ("seed-example.json", &length);
  trimmed = g_strstrip (g_strdup (text));
  g_assert_cmpuint (length, >, 1000);

  for (gsize cut = 0; cut < strlen (trimmed); cut += 37)
    {
      /* A copy of just the cut bytes, so reading past them is an error. */
      g_autofree char *piece = g_memdup2 (text, MAX (cut, 1));

      assert_import_refused (store, piece, cut, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_JSON,
                             NULL, NULL);
      n_cuts++;
    }

  /* The last byte of the object, too. */
  assert_import_refused (store, trimmed, strlen (trimmed) - 1, DRSO_MODEL_ERROR,
                         DRSO_MODEL_ERROR_INVALID_JSON, "not valid JSON", NULL);
  g_assert_cmpuint (n_cuts, >, 20);
}

/* A plan may use a group the store has and the file does not. */
static void
test_import_stored_group_reference (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char * const ids[] = { "pg-stored", NULL };
  const char *text = BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
                             PLAN_WAVES ("plan-a", "Plan A",
                                         WAVE (1, Q ("pg-stored")) ", " WAVE (2, Q ("pg-a"))));
  guint n_changed = 0;

  add_stored_documents (store);
  g_assert_true (import_text (store, text, -1, &n_changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);

  plan = drso_store_lookup_recovery_plan (store, "plan-a", &error);
  g_assert_no_error (error);
  drso_test_assert_strv (drso_wave_get_protection_group_ids (drso_recovery_plan_get_wave (plan, 1)),
                         ids);

  /* Without audit fields in the file, the import stamps them. */
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (plan)), >, 1700000000);
  g_assert_cmpstr (drso_document_get_created_by (DRSO_DOCUMENT (plan)), ==, g_get_user_name ());
}

/* 5. Servers moving between the groups of one file */

static void
test_import_servers_move (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoProtectionGroup) a = create_group (store, "pg-a", "Group A", S1);
  g_autoptr(DrsoProtectionGroup) b = create_group (store, "pg-b", "Group B", S2);
  g_autoptr(DrsoProtectionGroup) new_a = NULL;
  g_autoptr(DrsoProtectionGroup) new_b = NULL;
  g_autoptr(DrsoProtectionGroup) c = NULL;
  g_autoptr(DrsoBundle) bundle = drso_bundle_new ();
  g_autoptr(DrsoBundle) file = NULL;
  g_autoptr(DrsoBundle) second = drso_bundle_new ();
  g_autoptr(DrsoBundle) second_file = NULL;
  g_autoptr(GError) error = NULL;
  const char * const only_s1[] = { S1, NULL };
  const char * const only_s2[] = { S2, NULL };
  const char * const s2_s3[] = { S2, S3, NULL };

  /* A swap: each group takes the other's server. */
  new_a = DRSO_PROTECTION_GROUP (drso_document_copy (DRSO_DOCUMENT (a)));
  new_b = DRSO_PROTECTION_GROUP (drso_document_copy (DRSO_DOCUMENT (b)));
  drso_protection_group_set_server_ids (new_a, only_s2);
  drso_protection_group_set_server_ids (new_b, only_s1);
  drso_bundle_add_protection_group (bundle, new_a);
  drso_bundle_add_protection_group (bundle, new_b);
  file = reread_bundle (bundle);
  import_ok (store, file, 2);

  g_clear_object (&a);
  g_clear_object (&b);
  a = drso_store_lookup_protection_group (store, "pg-a", &error);
  g_assert_no_error (error);
  b = drso_store_lookup_protection_group (store, "pg-b", &error);
  g_assert_no_error (error);
  drso_test_assert_strv (drso_protection_group_get_server_ids (a), only_s2);
  drso_test_assert_strv (drso_protection_group_get_server_ids (b), only_s1);

  /* A new group takes a server that a changed group of the file gives up. */
  drso_protection_group_set_server_ids (new_a, s2_s3);
  drso_protection_group_set_server_ids (new_b, NULL);
  drso_protection_group_set_tag (new_b, "Tier", "spare");
  c = make_group ("pg-c", "Group C", S1);
  drso_bundle_add_protection_group (second, c);
  drso_bundle_add_protection_group (second, new_a);
  drso_bundle_add_protection_group (second, new_b);
  second_file = reread_bundle (second);
  import_ok (store, second_file, 3);

  g_clear_object (&a);
  g_clear_object (&b);
  a = drso_store_lookup_protection_group (store, "pg-a", &error);
  g_assert_no_error (error);
  b = drso_store_lookup_protection_group (store, "pg-b", &error);
  g_assert_no_error (error);
  g_clear_object (&c);
  c = drso_store_lookup_protection_group (store, "pg-c", &error);
  g_assert_no_error (error);
  drso_test_assert_strv (drso_protection_group_get_server_ids (a), s2_s3);
  g_assert_cmpuint (drso_protection_group_get_server_count (b), ==, 0);
  g_assert_true (drso_protection_group_is_tag_based (b));
  drso_test_assert_strv (drso_protection_group_get_server_ids (c), only_s1);
}

/* 6. Permissions */

static void
test_import_permissions (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoBundle) bundle = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoBundle) renamed = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoBundle) plan_only = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_changed = 99;

  /* An operator runs recoveries; it neither creates nor changes plans. */
  set_role (store, "operator");
  before = drso_test_dump_store (store);
  g_assert_false (drso_store_import_bundle (store, bundle, &n_changed, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "drs:CreateProtectionGroup"));
  g_clear_error (&error);
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_changed, ==, 99);

  set_role (store, "plan-manager");
  import_ok (store, bundle, 4);

  /* Nothing to change needs no permission. */
  set_role (store, "read-only");
  g_free (before);
  before = drso_test_dump_store (store);
  import_ok (store, bundle, 0);
  g_free (after);
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);

  /* A change does: a group's, then a plan's. */
  group = g_list_model_get_item (drso_bundle_get_protection_groups (renamed), 0);
  drso_document_set_name (DRSO_DOCUMENT (group), "Database Tier (primary)");
  g_assert_false (drso_store_import_bundle (store, renamed, NULL, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "drs:UpdateProtectionGroup"));
  g_clear_error (&error);

  plan = g_list_model_get_item (drso_bundle_get_recovery_plans (plan_only), 0);
  drso_recovery_plan_set_description (plan, "Changed by a read-only desk");
  set_role (store, "operator");
  g_assert_false (drso_store_import_bundle (store, plan_only, NULL, &error));
  g_assert_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED);
  g_assert_nonnull (strstr (error->message, "drs:UpdateRecoveryPlan"));
  g_clear_error (&error);

  g_free (after);
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);

  set_role (store, "plan-manager");
  import_ok (store, renamed, 1);
  import_ok (store, plan_only, 2);

  set_role (store, "administrator");
}

/* 7. Live models */

static void
test_import_live_models (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoStore) other = NULL;
  g_autoptr(DrsoBundle) bundle = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *groups = drso_store_get_protection_groups (store);
  GListModel *plans = drso_store_get_recovery_plans (store);
  const char * const by_name[] = { "App Tier", "Database Tier", "Web Tier" };
  const char *dangling = BUNDLE (GROUP ("pg-a", "Group A", Q (S1)),
                                 PLAN ("plan-a", "Plan A", Q ("pg-nowhere")));
  ModelWatch watch;

  watch_models (store, &watch);
  g_assert_cmpuint (watch.n_groups, ==, 0);
  g_assert_cmpuint (watch.n_plans, ==, 0);

  import_ok (store, bundle, 4);
  g_assert_cmpuint (watch.groups_changed, >, 0);
  g_assert_cmpuint (watch.plans_changed, >, 0);

  /* The items are the stored documents, by name. */
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (groups, i);

      g_assert_cmpstr (drso_protection_group_get_group_name (group), ==, by_name[i]);
      g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 2);
    }
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  plan = g_list_model_get_item (plans, 0);
  g_assert_cmpstr (drso_recovery_plan_get_plan_id (plan), ==, "plan-uuid");
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  g_assert_null (drso_recovery_plan_get_last_execution_id (plan));

  /* A refused import leaves them alone. */
  unwatch_models (store, &watch);
  watch_models (store, &watch);
  g_assert_false (import_text (store, dangling, -1, NULL, &error));
  g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_MISSING_GROUP);
  g_clear_error (&error);
  assert_models_untouched (store, &watch);

  /* An import that changes nothing does not stir them either. */
  import_ok (store, bundle, 0);
  assert_models_untouched (store, &watch);
  unwatch_models (store, &watch);

  /* Another store on the same file sees what was committed. */
  other = drso_store_new (drso_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (other)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_recovery_plans (other)), ==, 1);
}

/* Plan objectives and server settings travel in bundles. */
static void
test_engine_settings (void)
{
  g_autoptr(DrsoStore) store = open_store ();
  g_autoptr(DrsoStore) other = NULL;
  g_autoptr(DrsoBundle) bundle = load_fixture_bundle ("engine-settings.json");
  g_autoptr(DrsoBundle) seed = load_fixture_bundle ("seed-example.json");
  g_autoptr(DrsoBundle) exported = NULL;
  g_autoptr(DrsoBundle) file = NULL;
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(DrsoRecoveryPlan) copy = NULL;
  g_autoptr(DrsoRecoveryPlan) old = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) configured = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;

  import_ok (store, bundle, 2);
  plan = drso_store_lookup_recovery_plan (store, "plan-engine-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (plan), ==, 300);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (plan), ==, 1800);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (plan, "s-0b0b0b0b0b0b0b0b0"), ==,
                   DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (plan, "s-0a0a0a0a0a0a0a0a0"), ==,
                   DRSO_SERVER_CRITICALITY_CRITICAL);
  /* A server outside the plan's groups keeps its setting. */
  g_assert_cmpstr (drso_recovery_plan_get_server_snapshot (plan, "s-0c0c0c0c0c0c0c0c0"), ==,
                   "pit-fedcba98765432100");
  configured = drso_recovery_plan_dup_configured_servers (plan);
  g_assert_cmpuint (g_strv_length (configured), ==, 2);

  /* The same file again changes nothing. */
  before = drso_test_dump_store (store);
  import_ok (store, bundle, 0);
  after = drso_test_dump_store (store);
  g_assert_cmpstr (after, ==, before);

  /* Exported, written out, imported elsewhere: the same plan. */
  exported = drso_store_export_plans (store, (const char * const[]) { "plan-engine-1", NULL },
                                      &error);
  g_assert_no_error (error);
  text = drso_bundle_to_data (exported, &length);
  g_assert_nonnull (strstr (text, "\"rpoTargetSeconds\""));
  g_assert_nonnull (strstr (text, "\"serverSettings\""));
  file = reread_bundle (exported);
  other = open_other_store ("other");
  import_ok (other, file, 2);
  copy = drso_store_lookup_recovery_plan (other, "Payments recovery", &error);
  g_assert_no_error (error);
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (copy), DRSO_DOCUMENT (plan)));

  /* A changed setting is a change to import. */
  {
    g_autoptr(DrsoRecoveryPlan) in_file = g_list_model_get_item (
      drso_bundle_get_recovery_plans (file), 0);

    drso_recovery_plan_set_server_criticality (in_file, "s-0b0b0b0b0b0b0b0b0",
                                               DRSO_SERVER_CRITICALITY_CRITICAL);
    drso_recovery_plan_set_rpo_target (in_file, 0);
  }
  import_ok (other, file, 1);
  g_clear_object (&copy);
  copy = drso_store_lookup_recovery_plan (other, "plan-engine-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drso_recovery_plan_get_rpo_target (copy), ==, 0);
  g_assert_cmpint (drso_recovery_plan_get_server_criticality (copy, "s-0b0b0b0b0b0b0b0b0"), ==,
                   DRSO_SERVER_CRITICALITY_CRITICAL);
  g_assert_cmpstr (drso_recovery_plan_get_server_snapshot (copy, "s-0b0b0b0b0b0b0b0b0"), ==,
                   "pit-0123456789abcdef0");

  /* A file without the new members (the seed's) imports with the defaults. */
  import_ok (store, seed, 4);
  old = drso_store_lookup_recovery_plan (store, "plan-uuid", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (old), ==, 0);
  g_clear_pointer (&configured, g_strfreev);
  configured = drso_recovery_plan_dup_configured_servers (old);
  g_assert_cmpuint (g_strv_length (configured), ==, 0);

  /* A bad snapshot id in a file is refused whole. */
  {
    g_autoptr(DrsoRecoveryPlan) in_file = g_list_model_get_item (
      drso_bundle_get_recovery_plans (file), 0);

    drso_recovery_plan_set_server_snapshot (in_file, "s-0a0a0a0a0a0a0a0a0", "pit-x");
    g_assert_false (drso_store_import_bundle (other, file, NULL, &error));
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID,
                                  "serverSettings.s-0a0a0a0a0a0a0a0a0.recoverySnapshotId");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Every test starts as an administrator. */
  set_role (NULL, "administrator");

  g_test_add_func ("/bundle/import/seed-example", test_import_seed_example);
  g_test_add_func ("/bundle/export/round-trip", test_export_round_trip);
  g_test_add_func ("/bundle/export/details", test_export_details);
  g_test_add_func ("/bundle/export/repeated-selection", test_export_repeated_selection);
  g_test_add_func ("/bundle/import/idempotent", test_import_idempotent);
  g_test_add_func ("/bundle/import/keeps-last-execution", test_import_keeps_last_execution);
  g_test_add_func ("/bundle/import/refused/truncated", test_import_truncated);
  for (guint i = 0; i < G_N_ELEMENTS (bad_imports); i++)
    {
      g_autofree char *path = g_strconcat ("/bundle/import/refused/", bad_imports[i].name, NULL);

      g_test_add_data_func (path, &bad_imports[i], test_import_refused);
    }
  g_test_add_func ("/bundle/import/stored-group-reference", test_import_stored_group_reference);
  g_test_add_func ("/bundle/import/servers-move", test_import_servers_move);
  g_test_add_func ("/bundle/import/permissions", test_import_permissions);
  g_test_add_func ("/bundle/import/live-models", test_import_live_models);
  g_test_add_func ("/bundle/engine-settings", test_engine_settings);

  return g_test_run ();
}
