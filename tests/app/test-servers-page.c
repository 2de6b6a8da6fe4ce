/* test-servers-page.c
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

#include "drso-paced-list-model.h"
#include "drso-servers-page.h"
#include "../drso-test-util.h"
#include "drso-app-test-util.h"

/* The source servers page over a real store, filled by a real discovery
 * against the in-process Sandbox and its demo estate: 40 servers in the
 * production account, 4 in each of the two recovery accounts. */

#define PRIMARY_SERVERS 40
#define ALL_SERVERS     48
#define WAIT_SECONDS    30

typedef struct
{
  DrsoSandbox     *sandbox;
  DrsoAwsClient   *client;
  DrsoStore       *store;
  GtkWidget       *window;
  DrsoServersPage *page;
  GPtrArray       *toasts;
  GPtrArray       *activated;
  const char      *typed;
  gboolean         search_changed;
} Fixture;

/* Helpers */

static GObject *
get_child (Fixture    *fixture,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                  DRSO_TYPE_SERVERS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

static GtkColumnView *
get_column_view (Fixture *fixture)
{
  return GTK_COLUMN_VIEW (get_child (fixture, "column_view"));
}

/* What the view shows: the selection, over the rows on screen, over the
 * filtered, over the sorted servers. */
static GListModel *
get_shown (Fixture *fixture)
{
  return G_LIST_MODEL (gtk_column_view_get_model (get_column_view (fixture)));
}

static DrsoPacedListModel *
get_paced_model (Fixture *fixture)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (get_shown (fixture));

  return DRSO_PACED_LIST_MODEL (gtk_single_selection_get_model (selection));
}

static GtkFilterListModel *
get_filter_model (Fixture *fixture)
{
  return GTK_FILTER_LIST_MODEL (drso_paced_list_model_get_model (get_paced_model (fixture)));
}

static const char *
get_visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (get_child (fixture, "stack")));
}

static const char *
get_count_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (get_child (fixture, "count_label")));
}

typedef gboolean (*Condition) (Fixture *fixture);

static void
wait_until (Fixture   *fixture,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The filter has looked at every row, and the view shows what it found. */
static gboolean
filter_done (Fixture *fixture)
{
  return gtk_filter_list_model_get_pending (get_filter_model (fixture)) == 0 &&
         !drso_paced_list_model_get_pending (get_paced_model (fixture));
}

static gboolean
search_applied (Fixture *fixture)
{
  return fixture->search_changed && filter_done (fixture);
}

static gboolean
discovery_over (Fixture *fixture)
{
  return !drso_servers_page_get_discovering (fixture->page);
}

static void
toast_cb (DrsoServersPage *page,
          const char      *message,
          Fixture         *fixture)
{
  g_test_message ("Toast: %s", message);
  g_ptr_array_add (fixture->toasts, g_strdup (message));
}

static void
server_activated_cb (DrsoServersPage  *page,
                     DrsoSourceServer *server,
                     Fixture          *fixture)
{
  g_ptr_array_add (fixture->activated, g_object_ref (server));
}

/* Setting the text empties the entry first, which the entry reports at once:
 * wait for the search of the whole text. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   Fixture        *fixture)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), fixture->typed) == 0)
    fixture->search_changed = TRUE;
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

  fixture->page = DRSO_SERVERS_PAGE (drso_servers_page_new (fixture->store, fixture->client));
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  g_signal_connect (fixture->page, "toast", G_CALLBACK (toast_cb), fixture);
  g_signal_connect (fixture->page, "server-activated", G_CALLBACK (server_activated_cb), fixture);
  g_signal_connect (get_child (fixture, "search_entry"), "search-changed",
                    G_CALLBACK (search_changed_cb), fixture);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new ("Source Servers", NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));

  fixture->window = adw_window_new ();
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  adw_window_set_content (ADW_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (fixture->window);
  resize_window (fixture, 1000, 700);
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);

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

static void
type_search (Fixture    *fixture,
             const char *text)
{
  fixture->search_changed = FALSE;
  fixture->typed = text;
  gtk_editable_set_text (GTK_EDITABLE (get_child (fixture, "search_entry")), text);
  wait_until (fixture, search_applied);
}

/* Picks the choice labelled @label in a filter dropdown. */
static void
choose (Fixture    *fixture,
        const char *dropdown_name,
        const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (get_child (fixture, dropdown_name));
  GListModel *choices = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) choice = g_list_model_get_item (choices, i);

      if (g_strcmp0 (gtk_string_object_get_string (choice), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          wait_until (fixture, filter_done);
          return;
        }
    }
  g_error ("The dropdown %s offers no “%s”", dropdown_name, label);
}

/* The test's own reading of what the search looks at. */
static gboolean
server_matches (DrsoSourceServer *server,
                const char       *word)
{
  const char *fields[] = {
    drso_source_server_get_hostname (server),
    drso_source_server_get_source_server_id (server),
    drso_source_server_get_private_ip (server),
  };
  g_autofree char *folded_word = g_utf8_casefold (word, -1);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fields[i] ? g_utf8_casefold (fields[i], -1) : NULL;

      if (folded != NULL && strstr (folded, folded_word) != NULL)
        return TRUE;
    }
  g_hash_table_iter_init (&iter, drso_source_server_get_tags (server));
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *folded = g_utf8_casefold (value, -1);

      if (strstr (folded, folded_word) != NULL)
        return TRUE;
    }
  return FALSE;
}

static guint
count_matching_servers (Fixture    *fixture,
                        const char *word)
{
  GListModel *servers = drso_store_get_source_servers (fixture->store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      n += server_matches (server, word);
    }
  return n;
}

static void
assert_every_row_matches (Fixture    *fixture,
                          const char *word)
{
  GListModel *shown = get_shown (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (shown, i);

      if (!server_matches (server, word))
        g_error ("The row %s does not match “%s”",
                 drso_source_server_get_source_server_id (server), word);
    }
}

static void
assert_search (Fixture    *fixture,
               const char *word)
{
  guint expected = count_matching_servers (fixture, word);
  guint total = g_list_model_get_n_items (drso_store_get_source_servers (fixture->store));
  g_autofree char *count = NULL;

  type_search (fixture, word);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_filter_model (fixture))), ==,
                    expected);
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, expected);
  assert_every_row_matches (fixture, word);

  count = g_strdup_printf ("%u of %u servers", expected, total);
  if (expected == total)
    g_assert_cmpstr (get_count_text (fixture), ==, "40 servers");
  else
    g_assert_cmpstr (get_count_text (fixture), ==, count);
  g_assert_cmpstr (get_visible_page (fixture), ==, expected > 0 ? "list" : "no-match");
}

/* A label or inscription on screen that reads @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  const char *shown = NULL;

  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (g_strcmp0 (shown, text) == 0 && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The header button of a column, as the column view draws it. */
static GtkWidget *
find_column_title (GtkWidget  *root,
                   const char *title)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkColumnViewTitle") &&
      find_label (root, title) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_title (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Sorts as a click on a column's header does: the click's handler reads the
 * pointer button of a real event, so the test asks the column view for the
 * same, and checks that the header shows it. */
static void
click_column_title (Fixture    *fixture,
                    const char *title)
{
  GtkColumnView *view = get_column_view (fixture);
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkSorter *sorter = gtk_column_view_get_sorter (view);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GtkSortType order = GTK_SORT_ASCENDING;
  GtkWidget *header;
  GtkWidget *arrow;

  for (guint i = 0; column == NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) candidate = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (candidate), title) == 0)
        column = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (column);

  /* A second click on the column sorting the rows reverses them. */
  if (g_object_get_data (G_OBJECT (sorter), "test-column") == column)
    order = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sorter), "test-order")) ==
            GTK_SORT_ASCENDING ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
  g_object_set_data (G_OBJECT (sorter), "test-column", column);
  g_object_set_data (G_OBJECT (sorter), "test-order", GINT_TO_POINTER (order));
  gtk_column_view_sort_by_column (view, column, order);
  wait_until (fixture, filter_done);
  gtk_test_widget_wait_for_draw (fixture->window);

  header = find_column_title (GTK_WIDGET (view), title);
  g_assert_nonnull (header);
  /* GTK 4.8 draws the arrow as a "sort-indicator" of class "ascending" or
   * "descending"; later versions as an image. */
  arrow = gtk_widget_get_last_child (gtk_widget_get_first_child (header));
  if (GTK_IS_IMAGE (arrow))
    g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (arrow)), ==,
                     order == GTK_SORT_ASCENDING ? "pan-up-symbolic" : "pan-down-symbolic");
  else
    g_assert_true (gtk_widget_has_css_class (arrow, order == GTK_SORT_ASCENDING ? "ascending"
                                                                                : "descending"));
}

static GStrv
list_hostnames (Fixture *fixture)
{
  GListModel *shown = get_shown (fixture);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (shown, i);

      g_strv_builder_add (builder, drso_source_server_get_hostname (server));
    }
  return g_strv_builder_end (builder);
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
  fixture->activated = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  set_up (fixture);
  show_page (fixture);
}

/* The Sandbox and its accounts; the page shows before anything is found. */
static void
fixture_set_up_sandbox (Fixture       *fixture,
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
  show_page (fixture);
}

/* The same, once the production account's 40 servers are discovered. */
static void
fixture_set_up_discovered (Fixture       *fixture,
                           gconstpointer  data)
{
  fixture_set_up_sandbox (fixture, data);
  discover (fixture, DRSO_SANDBOX_ACCOUNT_ID);
  wait_until (fixture, filter_done);
  gtk_test_widget_wait_for_draw (fixture->window);
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *store_dir = g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, NULL);

  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Nothing else holds the page, the store or the window: no leaks. */
  g_assert_null (fixture->window);
  g_assert_null (fixture->page);

  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
  g_clear_pointer (&fixture->activated, g_ptr_array_unref);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
  g_object_unref (fixture->store);
  g_assert_null (fixture->store);

  /* The next test starts with a fresh store. */
  drso_test_remove_tree (store_dir);
}

/* Tests */

static void
test_servers_page_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *status = GTK_WIDGET (get_child (fixture, "empty_status"));
  GtkWidget *button = GTK_WIDGET (get_child (fixture, "discover_button"));

  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, 0);
  g_assert_cmpstr (get_visible_page (fixture), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "No Source Servers Yet");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_has_css_class (button, "suggested-action"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "servers.refresh");
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Nothing to filter: the search and filters wait for servers. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_child (fixture, "toolbar"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_child (fixture, "footer"))));

  save_screenshot (fixture, "servers-empty");

  /* Without an account, discovery has nowhere to look, and says so. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (drso_servers_page_get_discovering (fixture->page));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->toasts, 0), "Add an account"));
}

static void
test_servers_page_discovered (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *shown = get_shown (fixture);
  GtkColumnView *view = get_column_view (fixture);
  g_autoptr(DrsoSourceServer) first = NULL;
  GtkDropDown *accounts;

  g_assert_cmpstr (get_visible_page (fixture), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, PRIMARY_SERVERS);
  g_assert_cmpstr (get_count_text (fixture), ==, "40 servers");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_child (fixture, "toolbar"))));

  for (guint i = 0; i < PRIMARY_SERVERS; i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (shown, i);

      g_assert_cmpstr (drso_source_server_get_account_id (server), ==, DRSO_SANDBOX_ACCOUNT_ID);
    }

  /* The rows are on screen: the first server's hostname, account and state. */
  first = g_list_model_get_item (shown, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (view), drso_source_server_get_hostname (first)));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Quillfeather Logistics Production"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Healthy"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "us-east-1"));

  /* Every column sorts. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (view)); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = NULL;

      column = g_list_model_get_item (gtk_column_view_get_columns (view), i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  /* The account filter offers the store's accounts. */
  accounts = GTK_DROP_DOWN (get_child (fixture, "account_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (accounts)), ==, 4);
  g_assert_cmpuint (gtk_drop_down_get_selected (accounts), ==, 0);

  /* Activating a row names its server. */
  g_signal_emit_by_name (view, "activate", 3);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  {
    g_autoptr(DrsoSourceServer) fourth = g_list_model_get_item (shown, 3);

    g_assert_true (g_ptr_array_index (fixture->activated, 0) == fourth);
  }
}

static void
test_servers_page_search (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DrsoSourceServer) server = g_list_model_get_item (get_shown (fixture), 7);
  g_autofree char *id_part = g_ascii_strup (drso_source_server_get_source_server_id (server), 12);

  /* Hostnames, in any case. */
  assert_search (fixture, "ord");
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, 8);
  assert_search (fixture, "ORD-WEB");
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, 3);
  /* Back to a looser search. */
  assert_search (fixture, "ord");
  /* An id, typed in capitals, and an IP address. */
  assert_search (fixture, id_part);
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), >=, 1);
  assert_search (fixture, drso_source_server_get_private_ip (server));
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), >=, 1);
  /* A tag value. */
  assert_search (fixture, "Billing");
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, 6);

  /* Words narrow each other down. */
  type_search (fixture, "billing db");
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, 2);
  assert_every_row_matches (fixture, "billing");
  assert_every_row_matches (fixture, "db");

  /* Nothing matches: the page says so, and offers to clear the filters. */
  assert_search (fixture, "no-such-server");
  g_assert_cmpstr (get_visible_page (fixture), ==, "no-match");
  g_assert_cmpstr (get_count_text (fixture), ==, "0 of 40 servers");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (get_child (fixture, "no_match_status"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "servers.clear-filters", NULL));
  wait_until (fixture, filter_done);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_child (fixture, "search_entry"))),
                   ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, PRIMARY_SERVERS);
  g_assert_cmpstr (get_visible_page (fixture), ==, "list");
}

static void
test_servers_page_filters (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *servers = drso_store_get_source_servers (fixture->store);
  GListModel *shown = get_shown (fixture);
  guint n_attention = 0;

  /* The demo estate's production account: two stalled servers. */
  choose (fixture, "state_dropdown", "Stalled");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (shown, i);

      g_assert_cmpstr (drso_source_server_get_replication_state (server), ==, "STALLED");
    }
  g_assert_cmpstr (get_count_text (fixture), ==, "2 of 40 servers");

  choose (fixture, "state_dropdown", "Disconnected");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  /* Those that need someone: a state other than healthy or on its way, or an
   * hour's lag. */
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);
      const char *state = drso_source_server_get_replication_state (server);

      if (g_strcmp0 (state, "CONTINUOUS") != 0 ||
          drso_source_server_get_lag_seconds (server) >= 3600)
        n_attention++;
    }
  choose (fixture, "state_dropdown", "Needs Attention");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_attention);
  g_assert_cmpuint (n_attention, >=, 4);

  /* With a search as well. */
  choose (fixture, "state_dropdown", "Healthy");
  type_search (fixture, "web");
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (shown, i);

      g_assert_cmpstr (drso_source_server_get_replication_state (server), ==, "CONTINUOUS");
      g_assert_true (server_matches (server, "web"));
    }
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  type_search (fixture, "");
  choose (fixture, "state_dropdown", "All States");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, PRIMARY_SERVERS);

  /* The region the servers are in, and an account without any discovered. */
  choose (fixture, "region_dropdown", "us-east-1");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, PRIMARY_SERVERS);
  choose (fixture, "account_dropdown", "Quillfeather Logistics Recovery East");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpstr (get_visible_page (fixture), ==, "no-match");
  choose (fixture, "account_dropdown", "Quillfeather Logistics Production");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, PRIMARY_SERVERS);
  g_assert_cmpstr (get_visible_page (fixture), ==, "list");
}

static void
test_servers_page_sort (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *shown = get_shown (fixture);
  g_auto(GStrv) by_store = list_hostnames (fixture);
  g_auto(GStrv) ascending = NULL;
  g_auto(GStrv) descending = NULL;
  gint64 previous = G_MAXINT64;

  /* The store's order is by hostname already: a click keeps it, a second
   * reverses it. */
  click_column_title (fixture, "Hostname");
  ascending = list_hostnames (fixture);
  g_assert_true (g_strv_equal ((const char * const *) ascending,
                               (const char * const *) by_store));
  click_column_title (fixture, "Hostname");
  descending = list_hostnames (fixture);
  g_assert_cmpuint (g_strv_length (descending), ==, PRIMARY_SERVERS);
  for (guint i = 0; i < PRIMARY_SERVERS; i++)
    g_assert_cmpstr (descending[i], ==, ascending[PRIMARY_SERVERS - 1 - i]);
  g_assert_cmpstr (descending[0], ==, "wms-web02");
  g_assert_cmpstr (descending[1], ==, "wms-web01");

  /* Lag: the longest first after two clicks. */
  click_column_title (fixture, "Lag");
  click_column_title (fixture, "Lag");
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (shown, i);
      gint64 lag = drso_source_server_get_lag_seconds (server);

      g_assert_cmpint (lag, <=, previous);
      previous = lag;
    }
  {
    g_autoptr(DrsoSourceServer) top = g_list_model_get_item (shown, 0);

    g_assert_cmpint (drso_source_server_get_lag_seconds (top), >=, 20 * 60);
  }

  /* Replication: the servers that need someone first. */
  click_column_title (fixture, "Replication");
  {
    g_autoptr(DrsoSourceServer) top = g_list_model_get_item (shown, 0);
    g_autoptr(DrsoSourceServer) bottom = g_list_model_get_item (shown, PRIMARY_SERVERS - 1);

    g_assert_cmpstr (drso_source_server_get_replication_state (top), ==, "DISCONNECTED");
    g_assert_cmpstr (drso_source_server_get_replication_state (bottom), ==, "CONTINUOUS");
  }

  /* Sorting holds through a search. */
  type_search (fixture, "db");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, count_matching_servers (fixture, "db"));
  assert_every_row_matches (fixture, "db");
}

static void
test_servers_page_refresh (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkRevealer *progress = GTK_REVEALER (get_child (fixture, "progress_revealer"));
  GtkLabel *progress_label = GTK_LABEL (get_child (fixture, "progress_label"));
  GtkDropDown *accounts = GTK_DROP_DOWN (get_child (fixture, "account_dropdown"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "servers.refresh",
                                             NULL));
  g_assert_true (drso_servers_page_get_discovering (fixture->page));
  g_assert_true (gtk_revealer_get_reveal_child (progress));
  g_assert_cmpstr (gtk_label_get_text (progress_label), ==, "Discovering… account 1 of 3");

  /* A second refresh while the first runs starts nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "servers.refresh", NULL);

  wait_until (fixture, discovery_over);
  g_assert_false (gtk_revealer_get_reveal_child (progress));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, "Found 48 servers");

  wait_until (fixture, filter_done);
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, ALL_SERVERS);
  g_assert_cmpstr (get_count_text (fixture), ==, "48 servers");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (accounts)), ==, 4);
  choose (fixture, "account_dropdown", "Quillfeather Logistics Recovery East");
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, 4);
  g_assert_cmpstr (get_count_text (fixture), ==, "4 of 48 servers");
  choose (fixture, "account_dropdown", "All Accounts");

  save_screenshot (fixture, "servers");

  /* Filtered to the problems, for a second look. */
  choose (fixture, "state_dropdown", "Needs Attention");
  save_screenshot (fixture, "servers-attention");

  /* As wide as the page is beside the window's sidebar. */
  choose (fixture, "state_dropdown", "All States");
  resize_window (fixture, 760, 600);
  save_screenshot (fixture, "servers-narrow");
}

static void
test_servers_page_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Slow answers, so that the discovery is still running when stopped. */
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "latency=200", &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "servers.refresh",
                                             NULL));
  g_assert_true (drso_servers_page_get_discovering (fixture->page));
  save_screenshot (fixture, "servers-discovering");
  g_assert_true (drso_servers_page_get_discovering (fixture->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "servers.cancel", NULL));
  wait_until (fixture, discovery_over);

  /* Stopping is no failure: nothing to tell. */
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (get_child (fixture,
                                                                          "progress_revealer"))));
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, PRIMARY_SERVERS);
}

static void
test_servers_page_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  drso_aws_client_set_max_attempts (fixture->client, 1);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, "5xx=1.0", &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "servers.refresh",
                                             NULL));
  wait_until (fixture, discovery_over);

  /* One toast per account, naming it and its region; none of success. */
  g_assert_cmpuint (fixture->toasts->len, ==, 3);
  for (guint i = 0; i < fixture->toasts->len; i++)
    {
      const char *message = g_ptr_array_index (fixture->toasts, i);

      g_assert_true (g_str_has_prefix (message, "Could not discover the servers of Quillfeather"));
      g_assert_nonnull (strstr (message, " in us-east-1: "));
    }

  /* What was found before stays. */
  g_assert_cmpuint (g_list_model_get_n_items (get_shown (fixture)), ==, PRIMARY_SERVERS);
  g_assert_true (drso_sandbox_set_faults (fixture->sandbox, NULL, &error));
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
  home = g_dir_make_tmp ("drso-servers-page-XXXXXX", &error);
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
  g_test_add ("/app/servers-page/" path, Fixture, NULL, set_up, test, fixture_tear_down)
  ADD ("empty", fixture_set_up_empty, test_servers_page_empty);
  ADD ("discovered", fixture_set_up_discovered, test_servers_page_discovered);
  ADD ("search", fixture_set_up_discovered, test_servers_page_search);
  ADD ("filters", fixture_set_up_discovered, test_servers_page_filters);
  ADD ("sort", fixture_set_up_discovered, test_servers_page_sort);
  ADD ("refresh", fixture_set_up_sandbox, test_servers_page_refresh);
  ADD ("cancel", fixture_set_up_discovered, test_servers_page_cancel);
  ADD ("errors", fixture_set_up_discovered, test_servers_page_errors);
#undef ADD

  ret = g_test_run ();
  drso_test_remove_tree (home);
  return ret;
}
