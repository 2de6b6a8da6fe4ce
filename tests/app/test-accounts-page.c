/* test-accounts-page.c
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

#include <signal.h>
#include <stdio.h>
#include <glib/gstdio.h>

#include "drso-account-dialog.h"
#include "drso-accounts-page.h"
#include "drso-preferences-window.h"
#include "../drso-test-util.h"
#include "drso-app-test-util.h"

/* The Accounts page, its dialog and the preferences, over a real store and
 * the in-process Sandbox: its production account (simulated), and its
 * target account 444455556666 reached by a role. Keys go to a real
 * gnome-keyring on the test's session bus, started unlocked when none runs;
 * a second process checks what happens when no keyring can be reached. */

#define WAIT_SECONDS   30
#define TARGET_ID      "444455556666"
#define TARGET_ROLE    "arn:aws:iam::444455556666:role/DrsoRecoveryRole"
#define TARGET_EXT_ID  "qfl-recovery-east-7Q2M"
#define KEYS_ID        "123456789012"
#define KEYS_KEY       "AKIAKEYSTEST00000001"
#define KEYS_SECRET    "kEyS-SeCrEt-planted-0123456789-abcdef"

typedef struct
{
  DrsoSandbox      *sandbox;
  DrsoAwsClient    *client;
  DrsoStore        *store;
  GtkWidget        *window;
  DrsoAccountsPage *page;
  GPtrArray        *toasts;
} Fixture;

static GPid keyring_pid;
static DrsoSandbox *sandbox;

/* Helpers */

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
check_done (gpointer check)
{
  return !drso_account_check_get_running (check);
}

static gboolean
is_null (gpointer slot)
{
  return *(gpointer *) slot == NULL;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
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
find_account_row (Fixture    *fixture,
                  const char *account_id)
{
  g_autofree char *name = g_strconcat ("account-", account_id, NULL);

  return find_named (GTK_WIDGET (fixture->page), name);
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

#define DIALOG_CHILD(dialog, name) child_of ((dialog), DRSO_TYPE_ACCOUNT_DIALOG, (name))

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

static void
type_text (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);

  drso_app_test_save_png (window, file_name);
}

static void
toast_cb (DrsoAccountsPage *page,
          const char       *message,
          Fixture          *fixture)
{
  g_test_message ("Toast: %s", message);
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static gboolean
has_toast (Fixture    *fixture,
           const char *needle)
{
  for (guint i = 0; i < fixture->toasts->len; i++)
    {
      if (strstr (g_ptr_array_index (fixture->toasts, i), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
assert_line (DrsoAccountCheck *check,
             const char       *name,
             DrsoCheckState    state,
             const char       *needle)
{
  DrsoAccountCheckLine *line = drso_account_check_find_line (check, name);

  g_assert_nonnull (line);
  g_test_message ("%s: %s", name, drso_account_check_line_get_detail (line));
  g_assert_cmpuint (drso_account_check_line_get_state (line), ==, state);
  g_assert_nonnull (strstr (drso_account_check_line_get_detail (line), needle));
}

/* Validates an account from its row's button and waits for every line. */
static DrsoAccountCheck *
validate (Fixture    *fixture,
          const char *account_id)
{
  GtkWidget *button = find_named (find_account_row (fixture, account_id), "validate-button");
  DrsoAccountCheck *check;

  g_assert_nonnull (button);
  click (button);
  check = drso_accounts_page_get_check (fixture->page, account_id);
  g_assert_nonnull (check);
  g_assert_true (drso_account_check_get_running (check));
  wait_until (check_done, check);
  iterate ();
  return check;
}

static DrsoAccountDialog *
open_add_dialog (Fixture *fixture)
{
  DrsoAccountDialog *dialog;

  g_assert_null (find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.add", NULL));
  dialog = find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_null (drso_account_dialog_get_account (dialog));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

/* Fills in the keys of a new account whose calls go to the Sandbox, which
 * does not know them: every check fails, fast. */
static DrsoAccountDialog *
fill_keys_dialog (Fixture *fixture)
{
  DrsoAccountDialog *dialog = open_add_dialog (fixture);

  type_text (DIALOG_CHILD (dialog, "account_id_row"), KEYS_ID);
  type_text (DIALOG_CHILD (dialog, "name_row"), "Keys Account");
  adw_combo_row_set_selected (DIALOG_CHILD (dialog, "method_row"), 1);
  type_text (DIALOG_CHILD (dialog, "access_key_row"), KEYS_KEY);
  type_text (DIALOG_CHILD (dialog, "secret_row"), KEYS_SECRET);
  type_text (DIALOG_CHILD (dialog, "endpoint_row"), drso_sandbox_get_url (fixture->sandbox));
  g_assert_true (gtk_widget_get_sensitive (DIALOG_CHILD (dialog, "save_button")));

  /* Saving validates first; the failures make it "Save Anyway". */
  click (DIALOG_CHILD (dialog, "save_button"));
  wait_until (check_done, drso_account_dialog_get_check (dialog));
  iterate ();
  assert_line (drso_account_dialog_get_check (dialog), "sts", DRSO_CHECK_STATE_FAILED, "");
  g_assert_cmpstr (gtk_button_get_label (DIALOG_CHILD (dialog, "save_button")), ==,
                   "Save _Anyway");
  g_assert_nonnull (strstr (gtk_label_get_text (DIALOG_CHILD (dialog, "validation_label")),
                            "save the account anyway"));
  if (!g_test_subprocess ())
    {
      gtk_window_set_default_size (GTK_WINDOW (dialog), 620, 1000);
      save_screenshot (GTK_WIDGET (dialog), "account-dialog-keys");
    }
  click (DIALOG_CHILD (dialog, "save_button"));
  return dialog;
}

static char *
read_store_files (Fixture *fixture)
{
  GString *bytes = g_string_new (NULL);
  const char *suffixes[] = { "", "-wal", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (drso_store_get_path (fixture->store), suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_string_append_len (bytes, contents, length);
    }
  g_assert_cmpuint (bytes->len, >, 0);
  return g_string_free (bytes, FALSE);
}

static DrsoAwsCredentials *
keyring_lookup (const char  *account_id,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_aws_keyring_lookup_async (account_id, NULL, drso_test_done_cb, &result);
  return drso_aws_keyring_lookup_finish (drso_test_wait_for (&result), error);
}

/* Fixture */

static void
show_page (Fixture *fixture)
{
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  fixture->page = DRSO_ACCOUNTS_PAGE (drso_accounts_page_new (fixture->store, fixture->client));
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  g_signal_connect (fixture->page, "toast", G_CALLBACK (toast_cb), fixture);

  fixture->window = adw_window_new ();
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 750);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  /* One Sandbox serves every test: none changes what it simulates. */
  if (sandbox == NULL)
    {
      sandbox = g_object_new (DRSO_TYPE_SANDBOX, "time-scale", 1500.0, "seed", (guint64) 11,
                              NULL);
      g_assert_true (drso_sandbox_start (sandbox, &error));
      g_assert_no_error (error);
    }
  fixture->sandbox = g_object_ref (sandbox);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.001);
  drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));
  fixture->store = drso_test_open_store ();
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *) &fixture->store);

  /* The Sandbox's own account, simulated, as a new store has it. */
  if (data == NULL)
    {
      accounts = drso_sandbox_list_accounts (fixture->sandbox);
      g_assert_true (drso_store_add_account (fixture->store, g_ptr_array_index (accounts, 0),
                                             &error));
      g_assert_no_error (error);
    }
  show_page (fixture);
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *store_dir = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, NULL);
  GtkWindow *dialog;

  while ((dialog = find_toplevel (GTK_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (dialog);
  iterate ();
  /* Nothing else holds the page, the store or the window: no leaks. */
  g_assert_null (fixture->window);
  g_assert_null (fixture->page);

  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
  g_object_unref (fixture->store);
  g_assert_null (fixture->store);
  drso_test_remove_tree (store_dir);
}

/* Tests */

/* An 11-digit id: an inline error, and no saving. */
static void
check_invalid_id (DrsoAccountDialog *dialog)
{
  GtkLabel *error_label = DIALOG_CHILD (dialog, "account_error_label");

  adw_combo_row_set_selected (DIALOG_CHILD (dialog, "method_row"), 3);
  type_text (DIALOG_CHILD (dialog, "account_id_row"), "12345678901");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "12 digits"));
  g_assert_true (gtk_widget_has_css_class (DIALOG_CHILD (dialog, "account_id_row"), "error"));
  g_assert_false (gtk_widget_get_sensitive (DIALOG_CHILD (dialog, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (DIALOG_CHILD (dialog, "validate_button")));

  type_text (DIALOG_CHILD (dialog, "account_id_row"), "123456789012");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (gtk_widget_get_sensitive (DIALOG_CHILD (dialog, "save_button")));

  /* A region that is none. */
  type_text (DIALOG_CHILD (dialog, "regions_row"), "us-east-1, mars-north-1");
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "mars-north-1"));
  g_assert_false (gtk_widget_get_sensitive (DIALOG_CHILD (dialog, "save_button")));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkStack *stack = child_of (fixture->page, DRSO_TYPE_ACCOUNTS_PAGE, "stack");
  DrsoAccountDialog *dialog;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  click (child_of (fixture->page, DRSO_TYPE_ACCOUNTS_PAGE, "empty_add_button"));
  dialog = find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_null (drso_account_dialog_get_account (dialog));
  check_invalid_id (dialog);

  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
  g_assert_null (find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG));
}

static void
test_list_and_validate (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *row = find_account_row (fixture, DRSO_SANDBOX_ACCOUNT_ID);
  g_autoptr(DrsoAccount) stored = NULL;
  DrsoAccountCheck *check;
  GtkWidget *line_row;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (fixture->page,
                                                                DRSO_TYPE_ACCOUNTS_PAGE,
                                                                "stack")), ==, "accounts");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Quillfeather Logistics Production");
  g_assert_nonnull (find_named (row, "simulated-pill"));
  g_assert_true (gtk_widget_get_mapped (find_named (row, "simulated-pill")));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "111122223333 · us-east-1"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "simulated by the Sandbox"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "Not validated yet"));

  check = validate (fixture, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_cmpuint (drso_account_check_get_n_failed (check), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (drso_account_check_get_lines (check)), ==, 3);
  assert_line (check, "sts", DRSO_CHECK_STATE_OK, "Signed in as arn:aws:");
  assert_line (check, "drs", DRSO_CHECK_STATE_OK, "DescribeSourceServers works: 40 source");
  assert_line (check, "ec2", DRSO_CHECK_STATE_OK, "DescribeInstances works");
  g_assert_null (drso_account_check_find_line (check, "role"));
  g_assert_true (has_toast (fixture, "Everything works with the account"));

  /* The store keeps the outcome; the new row shows the lines, expanded. */
  stored = drso_store_lookup_account (fixture->store, DRSO_SANDBOX_ACCOUNT_ID, NULL);
  g_assert_true (drso_account_get_validated (stored));
  g_assert_cmpint (drso_account_get_last_validated (stored), >, 0);
  row = find_account_row (fixture, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                            "Validated on "));
  line_row = find_named (row, "check-sts");
  g_assert_nonnull (line_row);
  g_assert_true (gtk_widget_get_mapped (line_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (line_row)),
                            "Signed in as"));
  g_assert_nonnull (find_named (row, "check-ec2"));
}

static void
test_add_target (Fixture       *fixture,
                 gconstpointer  data)
{
  DrsoAccountDialog *dialog = open_add_dialog (fixture);
  g_autoptr(DrsoAccount) stored = NULL;
  g_autoptr(DrsoAccount) wrong = NULL;
  g_autoptr(GError) error = NULL;
  DrsoAccountCheck *check;
  GtkWidget *line_row;

  type_text (DIALOG_CHILD (dialog, "account_id_row"), TARGET_ID);
  type_text (DIALOG_CHILD (dialog, "name_row"), "Recovery East");
  adw_combo_row_set_selected (DIALOG_CHILD (dialog, "method_row"), 2);
  g_assert_true (gtk_widget_get_visible (DIALOG_CHILD (dialog, "role_arn_row")));
  g_assert_false (gtk_widget_get_visible (DIALOG_CHILD (dialog, "access_key_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (DIALOG_CHILD (dialog, "source_row")), ==, 0);
  type_text (DIALOG_CHILD (dialog, "role_arn_row"), TARGET_ROLE);

  /* A wrong external id: the role line says why, the rest is not tried. */
  type_text (DIALOG_CHILD (dialog, "external_id_row"), "wrong-external-id");
  click (DIALOG_CHILD (dialog, "validate_button"));
  check = drso_account_dialog_get_check (dialog);
  wait_until (check_done, check);
  assert_line (check, "sts", DRSO_CHECK_STATE_OK, "Signed in as");
  assert_line (check, "role", DRSO_CHECK_STATE_FAILED,
               "is not authorized to perform: sts:AssumeRole");
  assert_line (check, "drs", DRSO_CHECK_STATE_SKIPPED, "Not tried");
  g_assert_cmpstr (gtk_button_get_label (DIALOG_CHILD (dialog, "save_button")), ==,
                   "Save _Anyway");

  /* The right one: every line works, and the dialog shows them. */
  type_text (DIALOG_CHILD (dialog, "external_id_row"), TARGET_EXT_ID);
  g_assert_cmpstr (gtk_button_get_label (DIALOG_CHILD (dialog, "save_button")), ==, "_Save");
  click (DIALOG_CHILD (dialog, "validate_button"));
  check = drso_account_dialog_get_check (dialog);
  wait_until (check_done, check);
  iterate ();
  assert_line (check, "role", DRSO_CHECK_STATE_OK, "Assumed the role " TARGET_ROLE);
  assert_line (check, "drs", DRSO_CHECK_STATE_OK, "works");
  g_assert_true (gtk_widget_get_mapped (find_named (DIALOG_CHILD (dialog, "check_list"),
                                                    "check-role")));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 620, 1000);
  save_screenshot (GTK_WIDGET (dialog), "account-dialog");

  /* Saving right after a validation that passed stores and closes. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (DIALOG_CHILD (dialog, "save_button"));
  wait_until (is_null, &dialog);
  g_assert_true (has_toast (fixture, "Added the account “Recovery East”"));

  stored = drso_store_lookup_account (fixture->store, TARGET_ID, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (drso_account_get_role_arn (stored), ==, TARGET_ROLE);
  g_assert_cmpstr (drso_account_get_external_id (stored), ==, TARGET_EXT_ID);
  g_assert_true (drso_account_get_simulated (stored));
  g_assert_null (drso_account_get_profile (stored));

  /* The page lists it with its role, and its validation assumes the role. */
  iterate ();
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find_account_row (
                              fixture, TARGET_ID))), "reached by the role " TARGET_ROLE));
  check = validate (fixture, TARGET_ID);
  assert_line (check, "role", DRSO_CHECK_STATE_OK, "Assumed the role");
  assert_line (check, "ec2", DRSO_CHECK_STATE_OK, "works");
  g_assert_cmpuint (drso_account_check_get_n_failed (check), ==, 0);
  g_assert_nonnull (find_named (find_account_row (fixture, TARGET_ID), "check-role"));
  save_screenshot (fixture->window, "accounts");

  /* A wrong external id in the store: the page's role line says why. */
  wrong = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (stored)));
  drso_account_set_external_id (wrong, "not-the-external-id");
  g_assert_true (drso_store_update_account (fixture->store, wrong, &error));
  g_assert_no_error (error);
  iterate ();
  check = validate (fixture, TARGET_ID);
  assert_line (check, "sts", DRSO_CHECK_STATE_OK, "Signed in as");
  assert_line (check, "role", DRSO_CHECK_STATE_FAILED, "not authorized");
  assert_line (check, "ec2", DRSO_CHECK_STATE_SKIPPED, "the role could not be assumed");
  line_row = find_named (find_account_row (fixture, TARGET_ID), "check-role");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (line_row)),
                            "is not authorized to perform: sts:AssumeRole"));
  g_assert_true (has_toast (fixture, "3 checks failed for the account “Recovery East”"));
}

static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("drso-aws-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *credentials = g_build_filename (dir, "credentials", NULL);
  DrsoAccountDialog *dialog;
  GListModel *profiles;
  g_autoptr(GtkStringObject) first = NULL, second = NULL;
  g_autoptr(DrsoAccountCheck) check = NULL;
  g_autoptr(DrsoAccount) stored = NULL;

  g_assert_true (g_file_set_contents (config,
                                      "[profile prod-admin]\nregion = eu-west-1\n"
                                      "aws_access_key_id = " DRSO_SANDBOX_ACCESS_KEY_ID "\n"
                                      "aws_secret_access_key = " DRSO_SANDBOX_SECRET_ACCESS_KEY
                                      "\n\n"
                                      "[profile dr-target]\nrole_arn = " TARGET_ROLE "\n"
                                      "source_profile = prod-admin\n", -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);

  dialog = open_add_dialog (fixture);
  profiles = adw_combo_row_get_model (DIALOG_CHILD (dialog, "method_row"));
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 4);
  g_assert_cmpuint (adw_combo_row_get_selected (DIALOG_CHILD (dialog, "method_row")), ==, 0);
  g_assert_true (gtk_widget_get_visible (DIALOG_CHILD (dialog, "profile_row")));

  profiles = adw_combo_row_get_model (DIALOG_CHILD (dialog, "profile_row"));
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
  first = g_list_model_get_item (profiles, 0);
  second = g_list_model_get_item (profiles, 1);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "dr-target");
  g_assert_cmpstr (gtk_string_object_get_string (second), ==, "prod-admin");

  /* Checked with the profile's keys against the Sandbox, then kept. */
  type_text (DIALOG_CHILD (dialog, "account_id_row"), "210987654321");
  adw_combo_row_set_selected (DIALOG_CHILD (dialog, "profile_row"), 1);
  type_text (DIALOG_CHILD (dialog, "endpoint_row"), drso_sandbox_get_url (fixture->sandbox));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (DIALOG_CHILD (dialog, "save_button"));
  check = g_object_ref (drso_account_dialog_get_check (dialog));
  wait_until (is_null, &dialog);
  assert_line (check, "sts", DRSO_CHECK_STATE_OK, "Signed in as arn:aws:iam::111122223333:");
  g_assert_cmpuint (drso_account_check_get_n_failed (check), ==, 0);
  stored = drso_store_lookup_account (fixture->store, "210987654321", NULL);
  g_assert_cmpstr (drso_account_get_profile (stored), ==, "prod-admin");
  g_assert_cmpstr (drso_account_get_endpoint_url (stored), ==,
                   drso_sandbox_get_url (fixture->sandbox));
  g_assert_true (has_toast (fixture, "Added the account “210987654321”"));

  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  drso_test_remove_tree (dir);
}

static gboolean
keys_known (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *row = find_account_row (fixture, KEYS_ID);

  return row != NULL && strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                                "access keys in the keyring") != NULL;
}

static gboolean
keys_selected (gpointer dialog)
{
  return adw_combo_row_get_selected (DIALOG_CHILD (dialog, "method_row")) == 1;
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  DrsoAccountDialog *dialog;
  g_autoptr(DrsoAccount) stored = NULL;
  g_autoptr(DrsoAwsCredentials) keys = NULL;
  g_autoptr(DrsoAwsCredentials) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  AdwMessageDialog *confirm;

  if (keyring_pid == 0 && g_getenv ("DRSO_TEST_KEYRING_RUNNING") == NULL)
    {
      g_test_skip ("No keyring on the session bus (run under dbus-run-session with "
                   "gnome-keyring-daemon installed)");
      return;
    }

  dialog = fill_keys_dialog (fixture);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_until (is_null, &dialog);

  /* The account is stored without the keys; they are in the keyring. */
  stored = drso_store_lookup_account (fixture->store, KEYS_ID, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (drso_account_get_endpoint_url (stored), ==,
                   drso_sandbox_get_url (fixture->sandbox));
  keys = keyring_lookup (KEYS_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (keys), ==, KEYS_KEY);
  g_assert_cmpstr (drso_aws_credentials_get_secret_access_key (keys), ==, KEYS_SECRET);
  bytes = read_store_files (fixture);
  g_assert_null (strstr (bytes, KEYS_SECRET));

  /* The page says where the credentials are. Changing the account without
   * typing the secret again keeps the keys. */
  wait_until (keys_known, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.edit", "s",
                                             KEYS_ID));
  dialog = find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_until (keys_selected, dialog);
  g_assert_cmpstr (gtk_editable_get_text (DIALOG_CHILD (dialog, "access_key_row")), ==, KEYS_KEY);
  g_assert_cmpstr (gtk_editable_get_text (DIALOG_CHILD (dialog, "secret_row")), ==, "");
  type_text (DIALOG_CHILD (dialog, "name_row"), "Keys Account");
  click (DIALOG_CHILD (dialog, "save_button"));
  wait_until (check_done, drso_account_dialog_get_check (dialog));
  iterate ();
  click (DIALOG_CHILD (dialog, "save_button"));
  wait_until (is_null, &dialog);
  g_clear_pointer (&keys, drso_aws_credentials_unref);
  keys = keyring_lookup (KEYS_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_secret_access_key (keys), ==, KEYS_SECRET);

  /* Removing the account says it removes its servers and its keys, and
   * does. */
  wait_until (keys_known, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.remove", "s",
                                             KEYS_ID));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "source servers"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), "keyring"));
  adw_message_dialog_response (confirm, "remove");
  g_assert_null (drso_store_lookup_account (fixture->store, KEYS_ID, NULL));
  g_assert_true (has_toast (fixture, "Removed the account “Keys Account”"));
  iterate ();
  gone = keyring_lookup (KEYS_ID, &error);
  g_assert_null (gone);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS);
}

static void
test_no_keyring_subprocess (Fixture       *fixture,
                            gconstpointer  data)
{
  DrsoAccountDialog *dialog;
  GtkLabel *label;

  if (!g_test_subprocess ())
    {
      g_test_skip ("Runs in its own process, from /app/accounts-page/no-keyring");
      return;
    }

  dialog = fill_keys_dialog (fixture);
  label = DIALOG_CHILD (dialog, "validation_label");
  while (g_strcmp0 (gtk_label_get_text (label), "Saving the keys in the keyring…") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%s", gtk_label_get_text (label));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "The keys could not be saved in the "
                                                        "keyring"));
  g_assert_nonnull (strstr (gtk_label_get_text (label), "The account is not saved"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_true (find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG) == dialog);
  g_assert_null (drso_store_lookup_account (fixture->store, KEYS_ID, NULL));
}

static void
test_no_keyring (void)
{
  g_setenv ("DRSO_TEST_NO_KEYRING", "1", TRUE);
  g_test_trap_subprocess ("/app/accounts-page/no-keyring/subprocess", 60 * G_USEC_PER_SEC, 0);
  g_unsetenv ("DRSO_TEST_NO_KEYRING");
  g_test_trap_assert_passed ();
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DrsoDiscovery) discovery = drso_discovery_new (fixture->store, DRSO_SANDBOX_ACCOUNT_ID,
                                                           NULL, fixture->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *servers = drso_store_get_source_servers (fixture->store);
  AdwMessageDialog *confirm;

  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), NULL,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 40);

  /* Cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.remove", "s",
                                             DRSO_SANDBOX_ACCOUNT_ID));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_cmpstr (adw_message_dialog_get_heading (confirm), ==,
                   "Remove “Quillfeather Logistics Production”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm),
                            "the source servers discovered in it"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (confirm, "remove"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (confirm, "cancel");
  iterate ();
  g_assert_nonnull (find_account_row (fixture, DRSO_SANDBOX_ACCOUNT_ID));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.remove", "s",
                                             DRSO_SANDBOX_ACCOUNT_ID));
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (confirm, "remove");
  iterate ();
  g_assert_null (drso_store_lookup_account (fixture->store, DRSO_SANDBOX_ACCOUNT_ID, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 0);
  g_assert_null (find_account_row (fixture, DRSO_SANDBOX_ACCOUNT_ID));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (fixture->page,
                                                                DRSO_TYPE_ACCOUNTS_PAGE,
                                                                "stack")), ==, "empty");
  g_assert_true (has_toast (fixture, "Removed the account"));
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  DrsoAccountDialog *dialog;
  g_autoptr(DrsoAccount) stored = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.edit", "s",
                                             DRSO_SANDBOX_ACCOUNT_ID));
  dialog = find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (drso_account_dialog_get_account (dialog));
  g_assert_false (gtk_editable_get_editable (DIALOG_CHILD (dialog, "account_id_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (DIALOG_CHILD (dialog, "method_row")), ==, 4);
  g_assert_false (gtk_widget_get_sensitive (DIALOG_CHILD (dialog, "method_row")));

  type_text (DIALOG_CHILD (dialog, "name_row"), "Production (Sandbox)");
  type_text (DIALOG_CHILD (dialog, "regions_row"), "us-east-1, us-west-2");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (DIALOG_CHILD (dialog, "save_button"));
  wait_until (is_null, &dialog);

  stored = drso_store_lookup_account (fixture->store, DRSO_SANDBOX_ACCOUNT_ID, NULL);
  g_assert_cmpstr (drso_account_get_account_name (stored), ==, "Production (Sandbox)");
  g_assert_cmpstr (drso_account_get_regions (stored)[1], ==, "us-west-2");
  g_assert_true (drso_account_get_simulated (stored));
  g_assert_true (has_toast (fixture, "Saved the account “Production (Sandbox)”"));
}

static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *add_button = child_of (fixture->page, DRSO_TYPE_ACCOUNTS_PAGE, "add_button");
  GtkWidget *label = child_of (fixture->page, DRSO_TYPE_ACCOUNTS_PAGE, "permission_label");
  DrsoAccountCheck *check;

  g_assert_true (gtk_widget_get_sensitive (add_button));
  g_assert_false (gtk_widget_get_visible (label));

  drso_test_set_role (fixture->store, DRSO_ROLE_OPERATOR);
  iterate ();
  g_assert_false (gtk_widget_get_sensitive (add_button));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "As Operator"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "accounts.add", NULL));
  g_assert_null (find_toplevel (DRSO_TYPE_ACCOUNT_DIALOG));

  /* Validating is still allowed; the outcome is not kept. */
  check = validate (fixture, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_cmpuint (drso_account_check_get_n_failed (check), ==, 0);
  g_assert_false (has_toast (fixture, "denied"));
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

#define PREFS_CHILD(window, name) child_of ((window), DRSO_TYPE_PREFERENCES_WINDOW, (name))

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window = drso_preferences_window_new (NULL);
  GtkLabel *faults_error;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  g_assert_cmpfloat (gtk_spin_button_get_value (PREFS_CHILD (window, "poll_min_spin")), ==,
                     g_settings_get_double (settings, "poll-min-interval"));
  gtk_spin_button_set_value (PREFS_CHILD (window, "poll_min_spin"), 2.5);
  g_assert_cmpfloat (g_settings_get_double (settings, "poll-min-interval"), ==, 2.5);
  gtk_spin_button_set_value (PREFS_CHILD (window, "poll_max_spin"), 90);
  g_assert_cmpfloat (g_settings_get_double (settings, "poll-max-interval"), ==, 90);
  gtk_spin_button_set_value (PREFS_CHILD (window, "time_scale_spin"), 300);
  g_assert_cmpfloat (g_settings_get_double (settings, "sandbox-time-scale"), ==, 300);

  g_assert_true (g_settings_get_boolean (settings, "notify-paused"));
  gtk_widget_activate (PREFS_CHILD (window, "notify_paused_switch"));
  g_assert_false (g_settings_get_boolean (settings, "notify-paused"));
  g_assert_false (gtk_switch_get_active (PREFS_CHILD (window, "notify_paused_switch")));
  g_settings_set_boolean (settings, "notify-finished", FALSE);
  g_assert_false (gtk_switch_get_active (PREFS_CHILD (window, "notify_finished_switch")));

  /* The role, by name, with what it may do. */
  adw_combo_row_set_selected (PREFS_CHILD (window, "role_row"), DRSO_ROLE_PLAN_MANAGER);
  assert_setting (settings, "role", "plan-manager");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (PREFS_CHILD (window, "role_row")),
                            "protection groups and recovery plans"));
  g_settings_set_string (settings, "role", "administrator");

  /* Text is written when applied, and only when it is valid. */
  type_text (PREFS_CHILD (window, "region_row"), "eu-nowhere");
  g_signal_emit_by_name (PREFS_CHILD (window, "region_row"), "apply");
  g_assert_true (gtk_widget_get_visible (PREFS_CHILD (window, "region_error_label")));
  assert_setting (settings, "default-region", "us-east-1");
  type_text (PREFS_CHILD (window, "region_row"), "eu-west-1");
  g_signal_emit_by_name (PREFS_CHILD (window, "region_row"), "apply");
  assert_setting (settings, "default-region", "eu-west-1");

  faults_error = PREFS_CHILD (window, "faults_error_label");
  type_text (PREFS_CHILD (window, "faults_row"), "throttle=1.5");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (faults_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (faults_error), "between 0 and 1"));
  g_signal_emit_by_name (PREFS_CHILD (window, "faults_row"), "apply");
  assert_setting (settings, "sandbox-faults", "");
  type_text (PREFS_CHILD (window, "faults_row"), "throttle=0.3,5xx=0.1,drop=0.02,latency=200");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (faults_error)));
  g_signal_emit_by_name (PREFS_CHILD (window, "faults_row"), "apply");
  assert_setting (settings, "sandbox-faults", "throttle=0.3,5xx=0.1,drop=0.02,latency=200");

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 1000);
  save_screenshot (window, "preferences");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_null (window);
  g_settings_reset (settings, "poll-min-interval");
  g_settings_reset (settings, "poll-max-interval");
  g_settings_reset (settings, "sandbox-time-scale");
  g_settings_reset (settings, "notify-paused");
  g_settings_reset (settings, "notify-finished");
  g_settings_reset (settings, "default-region");
  g_settings_reset (settings, "sandbox-faults");
}

/* The keyring */

static gboolean
secrets_owned (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Starts gnome-keyring unlocked on the session bus, as build-aux/dev does,
 * unless a keyring answers there already. Returns whether one answers. */
static gboolean
start_keyring (void)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  guint32 pid = 0;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL ||
      (bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL)) == NULL)
    return FALSE;
  if (secrets_owned (bus))
    {
      g_setenv ("DRSO_TEST_KEYRING_RUNNING", "1", TRUE);
      return TRUE;
    }

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                             G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "gnome-keyring-daemon", "--unlock", "--components=secrets", NULL);
  if (daemon == NULL || !g_subprocess_communicate_utf8 (daemon, "ci", NULL, NULL, NULL, &error))
    {
      g_printerr ("# gnome-keyring-daemon could not start: %s\n", error->message);
      return FALSE;
    }

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!secrets_owned (bus) && g_get_monotonic_time () < deadline)
    g_usleep (50000);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(u)", &pid);
  keyring_pid = pid;
  return TRUE;
}

static gboolean
is_subprocess (int    argc,
               char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--GTestSubprocess"))
        return TRUE;
    }
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP this test needs a display (run it under xvfb-run)\n");
      return 0;
    }

  /* A process that must find no keyring looks on a bus that does not exist. */
  if (g_getenv ("DRSO_TEST_NO_KEYRING") != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/drso-test-no-bus", TRUE);

  /* A home of its own, so that the store starts empty and the keyring is
   * the test's; the system's data folders stay for icons and schemas. */
  home = g_dir_make_tmp ("drso-accounts-page-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, names[i] + strlen ("XDG_"), NULL);

      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");

  /* Before GTK starts: the desktop portal it wakes would start a keyring of
   * its own, with no unlocked collection to store in. */
  if (g_getenv ("DRSO_TEST_NO_KEYRING") == NULL && !is_subprocess (argc, argv))
    start_keyring ();

  gtk_test_init (&argc, &argv, NULL);
  /* Without a session bus, GTK warns that it found none: that is the point. */
  if (g_getenv ("DRSO_TEST_NO_KEYRING") != NULL)
    g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, data, test) \
  g_test_add ("/app/accounts-page/" path, Fixture, data, fixture_set_up, test, fixture_tear_down)
  ADD ("empty", "empty", test_empty);
  ADD ("list-and-validate", NULL, test_list_and_validate);
  ADD ("add-target", NULL, test_add_target);
  ADD ("profiles", NULL, test_profiles);
  ADD ("keys", NULL, test_keys);
  ADD ("no-keyring/subprocess", NULL, test_no_keyring_subprocess);
  ADD ("remove", NULL, test_remove);
  ADD ("edit", NULL, test_edit);
  ADD ("permissions", NULL, test_permissions);
#undef ADD
  g_test_add_func ("/app/accounts-page/no-keyring", test_no_keyring);
  g_test_add_func ("/app/preferences", test_preferences);

  ret = g_test_run ();
  g_clear_object (&sandbox);

  /* The keyring this test started ends with it. */
  if (keyring_pid != 0)
    kill (keyring_pid, SIGTERM);
  drso_test_remove_tree (home);
  return ret;
}
