/* test-groups-page.c
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

#include <stdio.h>
#include <glib/gstdio.h>

#include "drso-groups-page.h"
#include "../drso-test-util.h"
#include "drso-app-test-util.h"

/* The protection groups page and its editor over a real store, with the
 * Sandbox's accounts and the 40 servers a real discovery finds in its
 * production account. The editor is driven through its widgets: typing,
 * ticking, clicking. What it shows is checked against the library's own
 * resolution of a group. */

#define PRIMARY_SERVERS 40
#define PRIMARY_REGION  "us-east-1"
#define WAIT_SECONDS    30

typedef struct
{
  DrsoSandbox    *sandbox;
  DrsoAwsClient  *client;
  DrsoStore      *store;
  GtkWidget      *window;
  DrsoGroupsPage *page;
  GPtrArray      *toasts;
  int             width;
  int             height;
} Fixture;

/* Helpers */

static GObject *
get_page_child (Fixture    *fixture,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                  DRSO_TYPE_GROUPS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static DrsoGroupEditor *
get_editor (Fixture *fixture)
{
  DrsoGroupEditor *editor = drso_groups_page_get_editor (fixture->page);

  g_assert_nonnull (editor);
  return editor;
}

static GObject *
get_editor_child (Fixture    *fixture,
                  const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (get_editor (fixture)),
                                                  DRSO_TYPE_GROUP_EDITOR, name);

  g_assert_nonnull (child);
  return child;
}

static const char *
get_list_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (get_page_child (fixture, "list_stack")));
}

static const char *
get_label_text (GObject *label)
{
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
toast_cb (DrsoGroupsPage *page,
          const char     *message,
          Fixture        *fixture)
{
  g_test_message ("Toast: %s", message);
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static const char *
get_last_toast (Fixture *fixture)
{
  g_assert_cmpuint (fixture->toasts->len, >, 0);
  return g_ptr_array_index (fixture->toasts, fixture->toasts->len - 1);
}

/* Without a compositor, the default size counts the frame's solid border:
 * make the window itself @width × @height. */
static void
resize_window (Fixture *fixture,
               int      width,
               int      height)
{
  int dx, dy;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_test_widget_wait_for_draw (fixture->window);
  dx = width - gtk_widget_get_width (fixture->window);
  dy = height - gtk_widget_get_height (fixture->window);
  if (dx == 0 && dy == 0)
    return;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width + dx, height + dy);
  while (gtk_widget_get_width (fixture->window) != width ||
         gtk_widget_get_height (fixture->window) != height)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
show_page (Fixture *fixture)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  fixture->page = DRSO_GROUPS_PAGE (drso_groups_page_new (fixture->store));
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  g_signal_connect (fixture->page, "toast", G_CALLBACK (toast_cb), fixture);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Protection Groups", NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));

  fixture->window = adw_window_new ();
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), fixture->width, fixture->height);
  adw_window_set_content (ADW_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
  resize_window (fixture, fixture->width, fixture->height);
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);

  iterate ();
  drso_app_test_save_png (fixture->window, file_name);
}

static void
discover (Fixture    *fixture,
          const char *account_id)
{
  g_autoptr(DrsoDiscovery) discovery = drso_discovery_new (fixture->store, account_id, NULL,
                                                           fixture->client);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_servers = 0;

  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), &n_servers,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_servers, ==, PRIMARY_SERVERS);
}

/* The production account's servers, by hostname. */
static GPtrArray *
list_primary_servers (Fixture *fixture)
{
  GListModel *servers = drso_store_get_source_servers (fixture->store);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_str_equal (drso_source_server_get_account_id (server), DRSO_SANDBOX_ACCOUNT_ID))
        g_ptr_array_add (found, g_steal_pointer (&server));
    }
  g_assert_cmpuint (found->len, ==, PRIMARY_SERVERS);
  return found;
}

static DrsoSourceServer *
find_server (Fixture    *fixture,
             const char *hostname)
{
  GListModel *servers = drso_store_get_source_servers (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (g_strcmp0 (drso_source_server_get_hostname (server), hostname) == 0)
        return server;  /* the store's model keeps it */
    }
  g_error ("No server is named %s", hostname);
  return NULL;
}

static const char *
get_server_id (Fixture    *fixture,
               const char *hostname)
{
  return drso_source_server_get_source_server_id (find_server (fixture, hostname));
}

/* What the library resolves a group of these tags to, in the production account. */
static GPtrArray *
resolve_tags (Fixture    *fixture,
              const char *first_key,
              ...)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Probe",
                                                                    DRSO_SANDBOX_ACCOUNT_ID,
                                                                    PRIMARY_REGION);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      drso_protection_group_set_tag (group, key, va_arg (args, const char *));
      key = va_arg (args, const char *);
    }
  va_end (args);

  return drso_store_resolve_protection_group (fixture->store, group);
}

/* Stores a group of the production account with @tags ("Key=Value,Key=Value",
 * or NULL) and the servers of the hostnames that follow, up to a NULL. */
static char *
create_group (Fixture    *fixture,
              const char *name,
              const char *tags,
              ...)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (name, DRSO_SANDBOX_ACCOUNT_ID,
                                                                    PRIMARY_REGION);
  g_auto(GStrv) pairs = g_strsplit (tags ? tags : "", ",", -1);
  g_autoptr(GError) error = NULL;
  const char *hostname;
  va_list args;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);

      g_assert_cmpuint (g_strv_length (pair), ==, 2);
      drso_protection_group_set_tag (group, pair[0], pair[1]);
    }
  va_start (args, tags);
  while ((hostname = va_arg (args, const char *)) != NULL)
    drso_protection_group_add_server_id (group, get_server_id (fixture, hostname));
  va_end (args);

  g_assert_true (drso_store_create_protection_group (fixture->store, group, &error));
  g_assert_no_error (error);
  iterate ();
  return g_strdup (drso_protection_group_get_group_id (group));
}

static gboolean
group_exists (Fixture    *fixture,
              const char *group_id)
{
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  group = drso_store_lookup_protection_group (fixture->store, group_id, &error);
  if (group == NULL)
    g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  return group != NULL;
}

/* The editor's checklist row of a server. */
static GtkWidget *
find_server_row (Fixture    *fixture,
                 const char *server_id)
{
  GtkWidget *list = GTK_WIDGET (get_editor_child (fixture, "servers_list"));

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "server-id"), server_id) == 0)
        return row;
    }
  g_error ("The checklist has no row for %s", server_id);
  return NULL;
}

static guint
count_server_rows (Fixture *fixture)
{
  GtkWidget *list = GTK_WIDGET (get_editor_child (fixture, "servers_list"));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += g_object_get_data (G_OBJECT (row), "server-id") != NULL;
  return n;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The label of @root's visible descendants whose text starts with @prefix. */
static GtkWidget *
find_visible_label (GtkWidget  *root,
                    const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_visible_label (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

static void
tick_server (Fixture    *fixture,
             const char *server_id)
{
  GtkWidget *row = find_server_row (fixture, server_id);
  GtkWidget *check = find_descendant (row, GTK_TYPE_CHECK_BUTTON);

  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  /* As a click on the row, or Enter on it, does. */
  g_signal_emit_by_name (row, "activate");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

typedef struct
{
  const char *text;
  gboolean    done;
} Search;

/* Setting the text empties the entry first, which the entry reports at once:
 * wait for the search of the whole text. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   Search         *search)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), search->text) == 0)
    search->done = TRUE;
}

/* Types into the search entry and waits for the search, which the entry
 * starts after a pause. */
static void
type_search (Fixture    *fixture,
             const char *text)
{
  GObject *entry = get_page_child (fixture, "search_entry");
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  Search search = { text, FALSE };
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (search_changed_cb),
                                     &search);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  while (!search.done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_signal_handler_disconnect (entry, handler);
  iterate ();
}

static void
type_text (GObject    *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  iterate ();
}

/* Adds a row to the tag criteria with the editor's button and types into it. */
static void
add_tag (Fixture    *fixture,
         const char *key,
         const char *value)
{
  GtkWidget *list = GTK_WIDGET (get_editor_child (fixture, "tags_list"));
  GtkWidget *row;
  GtkWidget *key_entry, *value_entry;
  GtkWidget *focus;

  g_signal_emit_by_name (get_editor_child (fixture, "add_tag_button"), "clicked");
  row = gtk_widget_get_last_child (list);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (list));
  key_entry = find_descendant (row, GTK_TYPE_ENTRY);
  g_assert_nonnull (key_entry);
  /* The new row's key entry has the focus, ready to type. */
  focus = gtk_root_get_focus (gtk_widget_get_root (row));
  g_assert_nonnull (focus);
  g_assert_true (focus == key_entry || gtk_widget_is_ancestor (focus, key_entry));
  for (value_entry = gtk_widget_get_next_sibling (key_entry);
       value_entry != NULL && !GTK_IS_ENTRY (value_entry);
       value_entry = gtk_widget_get_next_sibling (value_entry))
    ;
  g_assert_nonnull (value_entry);

  type_text (G_OBJECT (key_entry), key);
  type_text (G_OBJECT (value_entry), value);
}

static GtkEditable *
get_tag_value_entry (Fixture *fixture,
                     guint    index)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (get_editor_child (fixture,
                                                                             "tags_list")));
  GtkWidget *entry;

  for (guint i = 0; i < index; i++)
    row = gtk_widget_get_next_sibling (row);
  entry = find_descendant (row, GTK_TYPE_ENTRY);
  for (entry = gtk_widget_get_next_sibling (entry);
       !GTK_IS_ENTRY (entry);
       entry = gtk_widget_get_next_sibling (entry))
    ;
  return GTK_EDITABLE (entry);
}

static void
click (GObject *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  /* Not gtk_widget_activate(): a button's activation clicks it only after
   * showing it pressed for a while. */
  g_signal_emit_by_name (button, "clicked");
  iterate ();
}

static guint
count_rows (Fixture *fixture)
{
  GtkWidget *list = GTK_WIDGET (get_page_child (fixture, "list_box"));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += ADW_IS_ACTION_ROW (row) && gtk_widget_get_child_visible (row);
  return n;
}

static AdwActionRow *
find_group_row (Fixture    *fixture,
                const char *name)
{
  GtkWidget *list = GTK_WIDGET (get_page_child (fixture, "list_box"));

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_ACTION_ROW (row) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
        return ADW_ACTION_ROW (row);
    }
  return NULL;
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* Answers the dialog as its buttons do: the response, then it closes. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  iterate ();
  g_assert_null (find_message_dialog ());
}

/* Fixtures */

static void
set_up (Fixture *fixture)
{
  fixture->store = drso_test_open_store ();
  g_object_add_weak_pointer (G_OBJECT (fixture->store), (gpointer *) &fixture->store);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.001);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);
  if (fixture->width == 0)
    {
      fixture->width = 1000;
      fixture->height = 700;
    }
}

/* A store with no account at all. */
static void
fixture_set_up_bare (Fixture       *fixture,
                     gconstpointer  data)
{
  set_up (fixture);
  show_page (fixture);
}

/* The Sandbox's three accounts, and the production account's 40 servers
 * found by a real discovery. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  set_up (fixture);
  fixture->sandbox = g_object_new (DRSO_TYPE_SANDBOX, "time-scale", 60.0, "seed", (guint64) 7,
                                   NULL);
  g_assert_true (drso_sandbox_start (fixture->sandbox, &error));
  g_assert_no_error (error);
  drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));

  accounts = drso_sandbox_list_accounts (fixture->sandbox);
  g_assert_cmpuint (accounts->len, ==, 3);
  for (guint i = 0; i < accounts->len; i++)
    {
      g_assert_true (drso_store_add_account (fixture->store, g_ptr_array_index (accounts, i),
                                             &error));
      g_assert_no_error (error);
    }
  discover (fixture, DRSO_SANDBOX_ACCOUNT_ID);
  show_page (fixture);
}


/* The same in a larger window, for the editor's screenshot. */
static void
fixture_set_up_large (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture->width = 1100;
  fixture->height = 860;
  fixture_set_up (fixture, data);
}

/* As narrow as the page is beside the window's sidebar on a small screen. */
static void
fixture_set_up_narrow (Fixture       *fixture,
                       gconstpointer  data)
{
  fixture->width = 560;
  fixture->height = 700;
  fixture_set_up (fixture, data);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *store_dir = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, NULL);
  GtkWidget *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  /* Nothing else holds the page, its editor, the store or the window: no leaks. */
  g_assert_null (fixture->window);
  g_assert_null (fixture->page);

  if (fixture->sandbox != NULL)
    drso_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_object_unref (fixture->store);
  g_assert_null (fixture->store);

  /* The next test starts with a fresh store. */
  drso_test_remove_tree (store_dir);
}

/* Tests */

static void
test_groups_page_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  GObject *button = get_page_child (fixture, "empty_new_button");

  g_assert_cmpstr (get_list_page (fixture), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "groups.new");
  g_assert_cmpuint (count_rows (fixture), ==, 0);

  /* The empty state's button opens the editor on a new group, in the
   * default account and its region, with nothing picked yet. */
  click (button);
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  g_assert_null (drso_group_editor_get_group (get_editor (fixture)));
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "title_label")), ==,
                   "New Protection Group");
  g_assert_cmpuint (drso_group_editor_get_n_matches (get_editor (fixture)), ==, 0);
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "preview_title_label")), ==,
                   "Matches no servers");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                        "delete_button"))));
  g_assert_false (drso_group_editor_get_modified (get_editor (fixture)));

  /* The checklist holds the 40 servers of the production account. */
  g_assert_cmpuint (count_server_rows (fixture), ==, PRIMARY_SERVERS);

  /* Another account: its servers were not discovered, and a server picked
   * in the first stays listed, said to be elsewhere. */
  {
    AdwComboRow *account_row = ADW_COMBO_ROW (get_editor_child (fixture, "account_row"));
    GListModel *accounts = adw_combo_row_get_model (account_row);
    guint first = adw_combo_row_get_selected (account_row);
    const char *picked = get_server_id (fixture, "cpt-web01");
    g_autofree char *subtitle = NULL;
    GtkWidget *row;
    guint other = GTK_INVALID_LIST_POSITION;

    g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (accounts, i);

        if (g_str_has_prefix (gtk_string_object_get_string (item),
                              "Quillfeather Logistics Recovery East"))
          other = i;
      }
    g_assert_cmpuint (other, !=, GTK_INVALID_LIST_POSITION);

    tick_server (fixture, picked);
    adw_combo_row_set_selected (account_row, other);
    iterate ();
    row = find_server_row (fixture, picked);
    subtitle = g_strconcat (picked, " · in another account or region", NULL);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);
    g_assert_cmpuint (count_server_rows (fixture), ==, 1);
    g_assert_cmpuint (drso_group_editor_get_n_matches (get_editor (fixture)), ==, 1);

    /* Unpicked there, and back: the account's 40 again, none picked. */
    g_signal_emit_by_name (row, "activate");
    adw_combo_row_set_selected (account_row, first);
    iterate ();
    g_assert_cmpuint (drso_group_editor_get_n_matches (get_editor (fixture)), ==, 0);
    g_assert_cmpuint (count_server_rows (fixture), ==, PRIMARY_SERVERS);
    g_assert_false (drso_group_editor_get_modified (get_editor (fixture)));
  }

  /* Nothing changed: back goes straight back, with no question. */
  click (get_editor_child (fixture, "back_button"));
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (get_list_page (fixture), ==, "empty");
}

static void
test_groups_page_no_account (Fixture       *fixture,
                             gconstpointer  data)
{
  g_assert_cmpstr (get_list_page (fixture), ==, "empty");
  click (get_page_child (fixture, "new_button"));
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  g_assert_cmpstr (get_last_toast (fixture), ==,
                   "Add an account first: a protection group gathers servers of one account");
}

static void
test_groups_page_create (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) servers = list_primary_servers (fixture);
  g_autoptr(DrsoProtectionGroup) stored = NULL;
  g_autoptr(GError) error = NULL;
  DrsoSourceServer *first = find_server (fixture, "bil-db01");
  DrsoSourceServer *second = find_server (fixture, "bil-db02");
  const char *ids[] = {
    drso_source_server_get_source_server_id (first),
    drso_source_server_get_source_server_id (second),
    NULL
  };
  AdwActionRow *row;

  click (get_page_child (fixture, "new_button"));
  g_assert_true (drso_groups_page_get_editing (fixture->page));

  type_text (get_editor_child (fixture, "name_row"), "Billing databases");
  type_text (get_editor_child (fixture, "description_row"), "The two billing database servers");
  tick_server (fixture, ids[0]);
  tick_server (fixture, ids[1]);
  g_assert_true (drso_group_editor_get_modified (get_editor (fixture)));

  /* The preview lists what the group would hold. */
  g_assert_cmpuint (drso_group_editor_get_n_matches (get_editor (fixture)), ==, 2);
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "preview_title_label")), ==,
                   "Matches 2 servers");
  g_assert_nonnull (find_visible_label (GTK_WIDGET (get_editor_child (fixture, "preview_list")),
                                        "bil-db01"));
  g_assert_nonnull (find_visible_label (GTK_WIDGET (get_editor_child (fixture, "preview_list")),
                                        "bil-db02"));
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "selected_label")), ==,
                   "2 servers picked");

  click (get_editor_child (fixture, "save_button"));

  /* Saved: a toast, back to the list, and the store has the two servers. */
  g_assert_cmpstr (get_last_toast (fixture), ==, "Protection group “Billing databases” saved");
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  stored = drso_store_lookup_protection_group (fixture->store, "Billing databases", &error);
  g_assert_no_error (error);
  drso_test_assert_strv (drso_protection_group_get_server_ids (stored), ids);
  g_assert_cmpstr (drso_protection_group_get_description (stored), ==,
                   "The two billing database servers");
  g_assert_cmpstr (drso_protection_group_get_account_id (stored), ==, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_cmpstr (drso_protection_group_get_region (stored), ==, PRIMARY_REGION);
  g_assert_false (drso_protection_group_is_tag_based (stored));

  g_assert_cmpstr (get_list_page (fixture), ==, "list");
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  row = find_group_row (fixture, "Billing databases");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "2 servers");
  g_assert_nonnull (find_visible_label (GTK_WIDGET (row), "Not in a plan"));
  g_assert_nonnull (find_visible_label (GTK_WIDGET (row), "Quillfeather Logistics Production"));
  g_assert_cmpstr (get_label_text (get_page_child (fixture, "count_label")), ==,
                   "1 protection group");

  /* Activating the row opens the group again, as stored. */
  g_signal_emit_by_name (get_page_child (fixture, "list_box"), "row-activated", row);
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  g_assert_cmpstr (drso_group_editor_get_group_id (get_editor (fixture)), ==,
                   drso_protection_group_get_group_id (stored));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_editor_child (fixture, "name_row"))),
                   ==, "Billing databases");
  g_assert_cmpuint (drso_group_editor_get_n_matches (get_editor (fixture)), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "delete_button"))));
  g_assert_false (drso_group_editor_get_modified (get_editor (fixture)));

  /* Renamed and saved again: an update of the same group. */
  type_text (get_editor_child (fixture, "name_row"), "Billing DB");
  g_assert_true (drso_group_editor_save (get_editor (fixture)));
  g_assert_cmpstr (get_last_toast (fixture), ==, "Protection group “Billing DB” saved");
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (fixture->store)),
                    ==, 1);
  g_assert_nonnull (find_group_row (fixture, "Billing DB"));
}

static void
test_groups_page_validation (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *web_id = create_group (fixture, "Web", "Tier=web", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GObject *name_row, *name_error;

  drso_groups_page_new_group (fixture->page);
  name_row = get_editor_child (fixture, "name_row");
  name_error = get_editor_child (fixture, "name_error_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (name_error)));

  /* Saving with no name: said on the name field, not saved. */
  tick_server (fixture, get_server_id (fixture, "ord-db01"));
  before = drso_test_dump_store (fixture->store);
  g_assert_false (drso_group_editor_save (get_editor (fixture)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (name_error)));
  g_assert_cmpstr (get_label_text (name_error), ==, "The protection group needs a name");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                        "save_error_box"))));

  /* A name taken by another group, in another case: said as it is typed. */
  type_text (name_row, "WEB");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (name_error)));
  g_assert_cmpstr (get_label_text (name_error), ==,
                   "A protection group named “Web” already exists: choose another name");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  g_assert_false (drso_group_editor_save (get_editor (fixture)));
  g_assert_true (drso_groups_page_get_editing (fixture->page));

  /* A free name clears it. */
  type_text (name_row, "Order database");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (name_error)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));

  /* A tag with a value and no key: said under the tags. */
  add_tag (fixture, "", "db");
  g_assert_false (drso_group_editor_save (get_editor (fixture)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "tags_error_label"))));
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "tags_error_label")), ==,
                   "Give the tag with the value “db” a key");
  after = drso_test_dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  /* A new group asked for meanwhile (Ctrl+N) asks first too, then opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "groups.new", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_editor_child (fixture, "name_row"))),
                   ==, "Order database");
  respond (find_message_dialog (), "discard");
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_editor_child (fixture, "name_row"))),
                   ==, "");
  g_assert_false (drso_group_editor_get_modified (get_editor (fixture)));
  type_text (get_editor_child (fixture, "name_row"), "Order database");

  /* Changes are not lost by a slip: back asks first. */
  click (get_editor_child (fixture, "back_button"));
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  g_assert_nonnull (find_message_dialog ());
  respond (find_message_dialog (), "cancel");
  iterate ();
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  click (get_editor_child (fixture, "back_button"));
  respond (find_message_dialog (), "discard");
  iterate ();
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (fixture->store)),
                    ==, 1);
}

static void
assert_preview_follows (Fixture   *fixture,
                        GPtrArray *expected)
{
  DrsoGroupEditor *editor = get_editor (fixture);
  GtkWidget *preview = GTK_WIDGET (get_editor_child (fixture, "preview_list"));
  g_autofree char *title = NULL;

  g_assert_cmpuint (drso_group_editor_get_n_matches (editor), ==, expected->len);
  title = g_strdup_printf ("Matches %u server%s", expected->len, expected->len == 1 ? "" : "s");
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "preview_title_label")), ==, title);
  for (guint i = 0; i < expected->len; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (expected, i);
      const char *id = drso_source_server_get_source_server_id (server);

      g_assert_nonnull (find_visible_label (preview, drso_source_server_get_hostname (server)));
      /* The checklist marks the server as one the tags match. */
      g_assert_nonnull (find_visible_label (find_server_row (fixture, id), "Matches tags"));
    }
}

static void
test_groups_page_tags (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) web = resolve_tags (fixture, "Tier", "web", NULL);
  g_autoptr(GPtrArray) db = resolve_tags (fixture, "Tier", "db", NULL);
  g_autoptr(GPtrArray) order_db = resolve_tags (fixture, "Tier", "db",
                                                "Application", "Order Portal", NULL);
  g_autoptr(DrsoProtectionGroup) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *summary = NULL;

  /* The estate has servers of each tier, and fewer of both. */
  g_assert_cmpuint (web->len, >, 0);
  g_assert_cmpuint (web->len, <, PRIMARY_SERVERS);
  g_assert_cmpuint (db->len, >, 0);
  g_assert_cmpuint (db->len, !=, web->len);
  g_assert_cmpuint (order_db->len, >, 0);
  g_assert_cmpuint (order_db->len, <, db->len);

  drso_groups_page_new_group (fixture->page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "tags_hint_label"))));
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "tags_hint_label")), ==,
                   "Tags on these servers: Application, CostCenter, Environment, Tier");

  add_tag (fixture, "Tier", "web");
  assert_preview_follows (fixture, web);

  type_text (G_OBJECT (get_tag_value_entry (fixture, 0)), "db");
  assert_preview_follows (fixture, db);

  add_tag (fixture, "Application", "Order Portal");
  assert_preview_follows (fixture, order_db);

  /* Picked servers add to what the tags match. */
  tick_server (fixture, get_server_id (fixture, "flt-web01"));
  g_assert_cmpuint (drso_group_editor_get_n_matches (get_editor (fixture)), ==,
                    order_db->len + 1);
  detail = g_strdup_printf ("1 picked · %u by tags", order_db->len);
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "preview_detail_label")), ==,
                   detail);

  type_text (get_editor_child (fixture, "name_row"), "Order Portal databases");
  click (get_editor_child (fixture, "save_button"));
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  stored = drso_store_lookup_protection_group (fixture->store, "Order Portal databases", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_protection_group_get_tag (stored, "Tier"), ==, "db");
  g_assert_cmpstr (drso_protection_group_get_tag (stored, "Application"), ==, "Order Portal");
  g_assert_cmpuint (drso_protection_group_get_server_count (stored), ==, 1);

  /* The list says what the group gathers. */
  summary = g_strdup_printf ("Application = Order Portal, Tier = db and 1 picked · %u servers",
                             order_db->len + 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (find_group_row (fixture,
                                                                "Order Portal databases")), ==,
                   summary);
}

static void
test_groups_page_conflict (Fixture       *fixture,
                           gconstpointer  data)
{
  DrsoSourceServer *taken = find_server (fixture, "bil-db01");
  const char *taken_id = drso_source_server_get_source_server_id (taken);
  g_autofree char *first_id = create_group (fixture, "Billing databases", NULL,
                                            "bil-db01", "bil-db02", NULL);
  g_autofree char *web_id = create_group (fixture, "Web front ends", "Tier=web", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *row;
  GtkWidget *label;

  /* In the first group's own editor, its servers are no conflict. */
  g_assert_true (drso_groups_page_edit_group (fixture->page, first_id));
  g_assert_null (find_visible_label (find_server_row (fixture, taken_id), "In “"));
  /* But the web servers are the other group's. */
  g_assert_nonnull (find_visible_label (find_server_row (fixture,
                                                         get_server_id (fixture, "ord-web01")),
                                        "In “Web front ends”"));
  click (get_editor_child (fixture, "back_button"));

  /* A second group: the server shows whose it is. */
  drso_groups_page_new_group (fixture->page);
  row = find_server_row (fixture, taken_id);
  label = find_visible_label (row, "In “");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "In “Billing databases”");

  type_text (get_editor_child (fixture, "name_row"), "Billing all tiers");
  add_tag (fixture, "Application", "Billing");
  tick_server (fixture, taken_id);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "preview_conflict_box"))));

  /* Saving is refused by the store; the reason shows next to Save, and
   * the store is as it was. */
  before = drso_test_dump_store (fixture->store);
  click (get_editor_child (fixture, "save_button"));
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "save_error_box"))));
  g_assert_true (g_str_has_prefix (get_label_text (get_editor_child (fixture,
                                                                     "save_error_label")),
                                   "The server "));
  g_assert_nonnull (strstr (get_label_text (get_editor_child (fixture, "save_error_label")),
                            "is already in the protection group “Billing databases”"));
  after = drso_test_dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (g_list_model_get_n_items (drso_store_get_protection_groups (fixture->store)),
                    ==, 2);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  /* From the top of the form. */
  gtk_widget_grab_focus (GTK_WIDGET (get_editor (fixture)));
  save_screenshot (fixture, "group-editor");

  /* Another application's servers, and the billing one left out: the
   * error goes as the form changes, but Route Planner's web servers are the
   * web group's... */
  type_text (G_OBJECT (get_tag_value_entry (fixture, 0)), "Route Planner");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                        "save_error_box"))));
  g_signal_emit_by_name (find_server_row (fixture, taken_id), "activate");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "preview_conflict_box"))));
  /* ...so only its application tier: no conflict, and it saves. */
  type_text (get_editor_child (fixture, "name_row"), "Route Planner back end");
  add_tag (fixture, "Tier", "app");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                        "preview_conflict_box"))));
  click (get_editor_child (fixture, "save_button"));
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  g_assert_cmpstr (get_last_toast (fixture), ==, "Protection group “Route Planner back end” saved");
}

static void
test_groups_page_delete (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *used_id = create_group (fixture, "Web front ends", "Tier=web", NULL);
  g_autofree char *unused_id = create_group (fixture, "Billing databases", NULL,
                                             "bil-db01", "bil-db02", NULL);
  g_autofree char *app_id = create_group (fixture, "Fleet Tracking app tier",
                                          "Application=Fleet Tracking,Tier=app", NULL);
  g_autofree char *plan_id = drso_test_create_plan (fixture->store, "Production 3-tier", used_id);
  g_autoptr(DrsoStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_plan = NULL;
  GtkWidget *dialog;

  iterate ();
  g_assert_cmpuint (count_rows (fixture), ==, 3);
  g_assert_nonnull (find_visible_label (GTK_WIDGET (find_group_row (fixture, "Web front ends")),
                                        "In “Production 3-tier”"));
  g_assert_nonnull (find_visible_label (GTK_WIDGET (find_group_row (fixture,
                                                                    "Billing databases")),
                                        "Not in a plan"));
  g_assert_cmpstr (get_label_text (get_page_child (fixture, "count_label")), ==,
                   "3 protection groups");
  save_screenshot (fixture, "groups");

  /* The search narrows the list by name. */
  type_search (fixture, "billing");
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  g_assert_cmpstr (get_label_text (get_page_child (fixture, "count_label")), ==,
                   "1 of 3 protection groups");
  type_search (fixture, "nothing like it");
  g_assert_cmpstr (get_list_page (fixture), ==, "no-match");
  type_search (fixture, "");
  g_assert_cmpuint (count_rows (fixture), ==, 3);

  /* A group a plan uses: refused, with the plan named, and kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "groups.delete", "s",
                                             used_id));
  iterate ();
  g_assert_null (find_message_dialog ());
  g_assert_cmpstr (get_last_toast (fixture), ==,
                   "“Web front ends” is used by the recovery plan “Production 3-tier”: remove it "
                   "from the plan’s waves before deleting it");
  g_assert_true (group_exists (fixture, used_id));

  /* An unused one: asked, then gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "groups.delete", "s",
                                             unused_id));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Delete “Billing databases”?");
  respond (dialog, "cancel");
  iterate ();
  g_assert_true (group_exists (fixture, unused_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "groups.delete", "s",
                                             unused_id));
  respond (find_message_dialog (), "delete");
  iterate ();
  g_assert_false (group_exists (fixture, unused_id));
  g_assert_cmpstr (get_last_toast (fixture), ==, "Protection group “Billing databases” deleted");
  g_assert_cmpuint (count_rows (fixture), ==, 2);
  g_assert_null (find_group_row (fixture, "Billing databases"));

  /* A plan made meanwhile by another process, which this one has not seen:
   * the page asks, and the store's refusal comes back as a toast. */
  other = drso_store_new (drso_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  other_plan = drso_test_create_plan (other, "Fleet Tracking drill", app_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "groups.delete", "s",
                                             app_id));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  respond (dialog, "delete");
  iterate ();
  g_assert_cmpstr (get_last_toast (fixture), ==,
                   "“Fleet Tracking app tier” was not deleted. The protection group is used by "
                   "the recovery plans “Fleet Tracking drill”: remove it from their waves first");
  g_assert_true (group_exists (fixture, app_id));
  g_assert_cmpuint (count_rows (fixture), ==, 2);

  /* From the editor's own button, too. */
  g_assert_true (drso_groups_page_edit_group (fixture->page, used_id));
  click (get_editor_child (fixture, "delete_button"));
  g_assert_true (drso_groups_page_get_editing (fixture->page));
  g_assert_cmpstr (get_last_toast (fixture), ==,
                   "“Web front ends” is used by the recovery plan “Production 3-tier”: remove it "
                   "from the plan’s waves before deleting it");
}

static void
test_groups_page_read_only (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *group_id = create_group (fixture, "Billing databases", NULL,
                                            "bil-db01", "bil-db02", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  drso_test_set_role (fixture->store, DRSO_ROLE_READ_ONLY);
  before = drso_test_dump_store (fixture->store);

  /* No new group: the toast says why. */
  click (get_page_child (fixture, "new_button"));
  g_assert_false (drso_groups_page_get_editing (fixture->page));
  g_assert_true (g_str_has_suffix (get_last_toast (fixture),
                                   "does not have the permission drs:CreateProtectionGroup"));

  /* A group opens, but saving it is refused next to the Save button. */
  g_assert_true (drso_groups_page_edit_group (fixture->page, group_id));
  type_text (get_editor_child (fixture, "description_row"), "Both of them");
  g_assert_false (drso_group_editor_save (get_editor (fixture)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_editor_child (fixture,
                                                                       "save_error_box"))));
  g_assert_true (g_str_has_suffix (get_label_text (get_editor_child (fixture,
                                                                     "save_error_label")),
                                   "does not have the permission drs:UpdateProtectionGroup"));

  /* Nor deleted: said at once, with no question first. */
  click (get_editor_child (fixture, "delete_button"));
  g_assert_null (find_message_dialog ());
  g_assert_true (g_str_has_prefix (get_last_toast (fixture),
                                   "Could not delete “Billing databases”: The role "));
  g_assert_true (g_str_has_suffix (get_last_toast (fixture),
                                   "does not have the permission drs:DeleteProtectionGroup"));
  g_assert_true (group_exists (fixture, group_id));

  after = drso_test_dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after);
  drso_test_set_role (fixture->store, DRSO_ROLE_ADMINISTRATOR);
}

static void
test_groups_page_narrow (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) web = resolve_tags (fixture, "Tier", "web", NULL);
  g_autofree char *count = g_strdup_printf ("%u", web->len);
  AdwFlap *flap;

  drso_groups_page_new_group (fixture->page);
  flap = ADW_FLAP (get_editor_child (fixture, "flap"));
  type_text (get_editor_child (fixture, "name_row"), "Web front ends");
  add_tag (fixture, "Tier", "web");
  gtk_test_widget_wait_for_draw (fixture->window);

  /* The preview folds away behind a button that says how many match. */
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (get_editor_child (fixture,
                                                                      "preview_button"))));
  g_assert_cmpstr (get_label_text (get_editor_child (fixture, "preview_button_label")), ==, count);
  save_screenshot (fixture, "group-editor-narrow");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (get_editor_child (fixture, "preview_button")),
                                TRUE);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  save_screenshot (fixture, "group-editor-narrow-preview");
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

  /* A home of its own, so that the store starts empty, but the system's data
   * folders stay for the icons and GSettings schemas. */
  home = g_dir_make_tmp ("drso-groups-page-XXXXXX", &error);
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

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, set_up, test) \
  g_test_add ("/app/groups-page/" path, Fixture, NULL, set_up, test, fixture_tear_down)
  ADD ("empty", fixture_set_up, test_groups_page_empty);
  ADD ("no-account", fixture_set_up_bare, test_groups_page_no_account);
  ADD ("create", fixture_set_up, test_groups_page_create);
  ADD ("validation", fixture_set_up, test_groups_page_validation);
  ADD ("tags", fixture_set_up, test_groups_page_tags);
  ADD ("conflict", fixture_set_up_large, test_groups_page_conflict);
  ADD ("delete", fixture_set_up, test_groups_page_delete);
  ADD ("read-only", fixture_set_up, test_groups_page_read_only);
  ADD ("narrow", fixture_set_up_narrow, test_groups_page_narrow);
#undef ADD

  ret = g_test_run ();
  drso_test_remove_tree (home);
  return ret;
}
