/* drso-servers-page-filters.c
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

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-servers-page-private.h"

/* The search and the filters of the source servers page: what each lets
 * through, how a change of one tells the filter model which rows to look at
 * again, and the choices of the account, region and state dropdowns. */

/* The state filter's choice of every state that needs someone. */
#define STATE_NEEDS_ATTENTION "@attention"

/* Helpers */

/* Whether @word is part of one of @words. */
static gboolean
word_implied (const char         *word,
              const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (words[i], word) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
words_implied (const char * const *words,
               const char * const *by)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (!word_implied (words[i], by))
        return FALSE;
    }
  return TRUE;
}

/* How the search changed from @before to @after, so that the filter model
 * looks again only at the rows that may change. */
static GtkFilterChange
get_search_change (const char * const *before,
                   const char * const *after)
{
  if (before == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (after == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  /* Every row that matches each word of @after matches each of @before. */
  if (words_implied (before, after))
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (words_implied (after, before))
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static GtkFilterChange
get_value_change (const char *before,
                  const char *after)
{
  if (before == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (after == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
match_search (gpointer item,
              gpointer user_data)
{
  DrsoServersPage *self = user_data;

  return _drso_servers_page_match_search (item, (const char * const *) self->search_words);
}

static gboolean
match_account (gpointer item,
               gpointer user_data)
{
  DrsoServersPage *self = user_data;

  return self->account_value == NULL ||
         g_strcmp0 (drso_source_server_get_account_id (item), self->account_value) == 0;
}

static gboolean
match_region (gpointer item,
              gpointer user_data)
{
  DrsoServersPage *self = user_data;

  return self->region_value == NULL ||
         g_strcmp0 (drso_source_server_get_region (item), self->region_value) == 0;
}

static gboolean
match_state (gpointer item,
             gpointer user_data)
{
  DrsoServersPage *self = user_data;

  if (self->state_value == NULL)
    return TRUE;
  if (g_str_equal (self->state_value, STATE_NEEDS_ATTENTION))
    return _drso_servers_page_needs_attention (item);
  return g_strcmp0 (drso_source_server_get_replication_state (item), self->state_value) == 0;
}

static guint
find_value (GPtrArray  *values,
            const char *value)
{
  for (guint i = 1; value != NULL && i < values->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (values, i), value) == 0)
        return i;
    }
  return 0;
}

/* The value a filter dropdown's choice stands for. */
static GPtrArray *
get_dropdown_values (DrsoServersPage  *self,
                     GtkDropDown      *dropdown,
                     char           ***value,
                     GtkCustomFilter **filter)
{
  if (dropdown == self->account_dropdown)
    {
      *value = &self->account_value;
      *filter = self->account_filter;
      return self->account_values;
    }
  if (dropdown == self->region_dropdown)
    {
      *value = &self->region_value;
      *filter = self->region_filter;
      return self->region_values;
    }
  *value = &self->state_value;
  *filter = self->state_filter;
  return self->state_values;
}

static gboolean
values_equal (GPtrArray *a,
              GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
new_choices (const char *all_label)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (array, g_strdup (all_label));
  return array;
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Gives a filter dropdown new choices (@labels, standing for @values), and
 * keeps the current choice if it is still there. Takes both arrays. */
static void
set_dropdown_choices (DrsoServersPage *self,
                      GtkDropDown     *dropdown,
                      GPtrArray       *labels,
                      GPtrArray       *values)
{
  g_autoptr(GtkStringList) strings = NULL;
  GtkCustomFilter *filter;
  GPtrArray *old_values;
  char **value;

  old_values = get_dropdown_values (self, dropdown, &value, &filter);
  g_ptr_array_add (labels, NULL);
  strings = gtk_string_list_new ((const char * const *) labels->pdata);
  g_ptr_array_unref (labels);

  if (dropdown == self->account_dropdown)
    self->account_values = values;
  else if (dropdown == self->region_dropdown)
    self->region_values = values;
  else
    self->state_values = values;
  g_clear_pointer (&old_values, g_ptr_array_unref);

  self->rebuilding_filters = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, find_value (values, *value));
  self->rebuilding_filters = FALSE;

  _drso_servers_page_apply_dropdown (self, dropdown);
}

/* Filter dropdowns: the button shows the choice, shortened if need be; the
 * list shows every choice in full, with a check mark on the current one. */

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (string));
}

static void
setup_list_choice_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
update_check_cb (GtkDropDown *dropdown,
                 GParamSpec  *pspec,
                 GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  gpointer chosen = gtk_drop_down_get_selected_item (dropdown);

  gtk_widget_set_opacity (check, chosen != NULL && chosen == gtk_list_item_get_item (item));
}

static void
bind_list_choice_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GtkDropDown              *dropdown)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  g_signal_connect (dropdown, "notify::selected-item", G_CALLBACK (update_check_cb), item);
  update_check_cb (dropdown, NULL, item);
}

static void
unbind_list_choice_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       GtkDropDown              *dropdown)
{
  g_signal_handlers_disconnect_by_func (dropdown, update_check_cb, item);
}

/* Internal API */

/* Takes the dropdown's choice into its filter. */
void
_drso_servers_page_apply_dropdown (DrsoServersPage *self,
                                   GtkDropDown     *dropdown)
{
  GtkCustomFilter *filter;
  GPtrArray *values;
  const char *chosen;
  char **value;
  guint selected;
  GtkFilterChange change;

  values = get_dropdown_values (self, dropdown, &value, &filter);
  selected = gtk_drop_down_get_selected (dropdown);
  chosen = selected < values->len ? g_ptr_array_index (values, selected) : NULL;
  if (g_strcmp0 (chosen, *value) == 0)
    return;

  change = get_value_change (*value, chosen);
  g_free (*value);
  *value = g_strdup (chosen);
  if (filter != NULL)
    {
      gtk_filter_changed (GTK_FILTER (filter), change);
      _drso_servers_page_scroll_to_top (self);
      _drso_servers_page_update_view (self);
    }
}

void
_drso_servers_page_rebuild_account_filter (DrsoServersPage *self)
{
  GPtrArray *labels = new_choices (_("All Accounts"));
  GPtrArray *values = new_choices (NULL);
  gboolean names_changed = FALSE;
  guint n = self->accounts ? g_list_model_get_n_items (self->accounts) : 0;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, name;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (self->accounts, i);
      const char *id = drso_account_get_account_id (account);
      const char *account_name = drso_account_get_account_name (account);

      if (account_name == NULL || account_name[0] == '\0')
        account_name = id;
      g_hash_table_insert (names, g_strdup (id), g_strdup (account_name));
      g_ptr_array_add (labels, g_strdup (account_name));
      g_ptr_array_add (values, g_strdup (id));
    }

  /* The table is shared with the cells and sorters: change it in place. */
  names_changed = g_hash_table_size (names) != g_hash_table_size (self->account_names);
  g_hash_table_iter_init (&iter, names);
  while (!names_changed && g_hash_table_iter_next (&iter, &key, &name))
    names_changed = g_strcmp0 (g_hash_table_lookup (self->account_names, key), name) != 0;
  if (names_changed)
    {
      g_hash_table_remove_all (self->account_names);
      g_hash_table_iter_init (&iter, names);
      while (g_hash_table_iter_next (&iter, &key, &name))
        g_hash_table_insert (self->account_names, g_strdup (key), g_strdup (name));
    }

  if (values_equal (values, self->account_values))
    {
      g_ptr_array_unref (labels);
      g_ptr_array_unref (values);
    }
  else
    set_dropdown_choices (self, self->account_dropdown, labels, values);

  if (names_changed && gtk_column_view_get_model (self->column_view) != NULL)
    {
      GtkSelectionModel *shown = gtk_column_view_get_model (self->column_view);
      g_autoptr(GtkSelectionModel) model = g_object_ref (shown);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (self->account_column);

      /* Show the new names in the rows on screen, and sort by them. */
      gtk_column_view_set_model (self->column_view, NULL);
      gtk_column_view_set_model (self->column_view, model);
      if (sorter != NULL)
        gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
    }
}

/* The regions of the servers and of the accounts. */
void
_drso_servers_page_rebuild_region_filter (DrsoServersPage *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  guint n_servers = self->servers ? g_list_model_get_n_items (self->servers) : 0;
  guint n_accounts = self->accounts ? g_list_model_get_n_items (self->accounts) : 0;
  g_autoptr(GPtrArray) holders = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *labels;
  GPtrArray *values;

  for (guint i = 0; i < n_servers; i++)
    {
      DrsoSourceServer *server = g_list_model_get_item (self->servers, i);
      const char *region = drso_source_server_get_region (server);

      /* The store keeps the server, and with it the string, alive. */
      g_object_unref (server);
      if (region != NULL && g_hash_table_add (seen, (gpointer) region))
        g_ptr_array_add (regions, (gpointer) region);
    }
  for (guint i = 0; i < n_accounts; i++)
    {
      DrsoAccount *account = g_list_model_get_item (self->accounts, i);
      const char * const *account_regions = drso_account_get_regions (account);

      g_ptr_array_add (holders, account);
      for (guint j = 0; account_regions != NULL && account_regions[j] != NULL; j++)
        {
          if (g_hash_table_add (seen, (gpointer) account_regions[j]))
            g_ptr_array_add (regions, (gpointer) account_regions[j]);
        }
    }
  g_ptr_array_sort (regions, compare_regions);

  values = new_choices (NULL);
  for (guint i = 0; i < regions->len; i++)
    g_ptr_array_add (values, g_strdup (g_ptr_array_index (regions, i)));
  if (values_equal (values, self->region_values))
    {
      g_ptr_array_unref (values);
      return;
    }

  labels = new_choices (_("All Regions"));
  for (guint i = 0; i < regions->len; i++)
    g_ptr_array_add (labels, g_strdup (g_ptr_array_index (regions, i)));
  set_dropdown_choices (self, self->region_dropdown, labels, values);
}

void
_drso_servers_page_set_up_state_filter (DrsoServersPage *self)
{
  const char * const *states = _drso_servers_page_list_states ();
  GPtrArray *labels = new_choices (_("All States"));
  GPtrArray *values = new_choices (NULL);

  g_ptr_array_add (labels, g_strdup (_("Needs Attention")));
  g_ptr_array_add (values, g_strdup (STATE_NEEDS_ATTENTION));
  for (guint i = 0; states[i] != NULL; i++)
    {
      g_ptr_array_add (labels, _drso_servers_page_dup_state_label (states[i]));
      g_ptr_array_add (values, g_strdup (states[i]));
    }
  set_dropdown_choices (self, self->state_dropdown, labels, values);
}

void
_drso_servers_page_set_up_dropdown (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_choice_cb), NULL);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_list_choice_cb), dropdown);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_list_choice_cb), dropdown);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
}

void
_drso_servers_page_apply_search (DrsoServersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) words = _drso_servers_page_split_search (text);
  GtkFilterChange change;

  if (strv_equal0 (words, self->search_words))
    return;

  change = get_search_change ((const char * const *) self->search_words,
                              (const char * const *) words);
  g_strfreev (self->search_words);
  self->search_words = g_steal_pointer (&words);
  if (self->search_filter != NULL)
    {
      gtk_filter_changed (GTK_FILTER (self->search_filter), change);
      _drso_servers_page_scroll_to_top (self);
      _drso_servers_page_update_view (self);
    }
}

/* Every filter of the page, in one: the search, and the account, region
 * and state dropdowns. */
GtkFilter *
_drso_servers_page_create_filter (DrsoServersPage *self)
{
  GtkEveryFilter *filter = gtk_every_filter_new ();

  self->search_filter = gtk_custom_filter_new (match_search, self, NULL);
  self->account_filter = gtk_custom_filter_new (match_account, self, NULL);
  self->region_filter = gtk_custom_filter_new (match_region, self, NULL);
  self->state_filter = gtk_custom_filter_new (match_state, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->search_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->account_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->region_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->state_filter));
  return GTK_FILTER (filter);
}

/* The filters point at the page: someone may still hold the models. */
void
_drso_servers_page_clear_filter (DrsoServersPage *self)
{
  GtkCustomFilter *filters[] = {
    self->search_filter, self->account_filter, self->region_filter, self->state_filter,
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      if (filters[i] != NULL)
        gtk_custom_filter_set_filter_func (filters[i], NULL, NULL, NULL);
    }
  self->search_filter = self->account_filter = self->region_filter = self->state_filter = NULL;
}
