/* drso-group-editor-members.c
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

#include "drso-group-editor-private.h"
#include "drso-servers-page-private.h"

/* What the group in the editor gathers: the servers picked one by one in the
 * checklist, the tag criteria, which servers other groups already hold, and
 * the live preview of the group as the library resolves it. */

/* How many matched servers the preview lists before it only counts. */
#define MAX_PREVIEW_ROWS 200
/* How many tag keys the hint under the criteria names. */
#define MAX_HINT_KEYS 8

/* The tag criteria of the form. With @strict, a row with a value but no
 * key, an invalid tag or a key given twice is an error, marked on its
 * entry; otherwise such rows are left out (for the preview). Rows left
 * empty never count. */
GHashTable *
_drso_group_editor_collect_tags (DrsoGroupEditor  *self,
                                 gboolean          strict,
                                 GError          **error)
{
  g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tags_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *key_entry = g_object_get_data (G_OBJECT (row), "key-entry");
      GtkWidget *value_entry = g_object_get_data (G_OBJECT (row), "value-entry");
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) local_error = NULL;
      GtkWidget *culprit = NULL;

      if (key_entry == NULL)
        continue;
      key = _drso_group_editor_dup_stripped_text (GTK_EDITABLE (key_entry));
      value = _drso_group_editor_dup_stripped_text (GTK_EDITABLE (value_entry));
      _drso_group_editor_set_error_style (key_entry, FALSE);
      _drso_group_editor_set_error_style (value_entry, FALSE);

      if (key[0] == '\0' && value[0] == '\0')
        continue;

      if (key[0] == '\0')
        {
          g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                       _("Give the tag with the value “%s” a key"), value);
          culprit = key_entry;
        }
      else if (!drso_validate_tag (key, value, &local_error))
        {
          culprit = g_utf8_strlen (key, -1) > 128 ? key_entry : value_entry;
        }
      else if (g_hash_table_contains (tags, key))
        {
          g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                       _("The tag key “%s” is there twice: a server has one value for each key"),
                       key);
          culprit = key_entry;
        }

      if (local_error == NULL)
        {
          g_hash_table_insert (tags, g_steal_pointer (&key), g_steal_pointer (&value));
          continue;
        }
      if (!strict)
        continue;

      _drso_group_editor_set_error_style (culprit, TRUE);
      if (error != NULL && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }

  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&tags);
}

/* Selection */

static gboolean
is_selected (DrsoGroupEditor *self,
             const char      *server_id)
{
  return g_hash_table_contains (self->selected_set, server_id);
}

void
_drso_group_editor_select_server (DrsoGroupEditor *self,
                                  const char      *server_id,
                                  gboolean         selected)
{
  if (selected == is_selected (self, server_id))
    return;

  if (selected)
    {
      g_ptr_array_add (self->selected, g_strdup (server_id));
      g_hash_table_add (self->selected_set, g_strdup (server_id));
    }
  else
    {
      guint index;

      if (g_ptr_array_find_with_equal_func (self->selected, server_id, g_str_equal, &index))
        g_ptr_array_remove_index (self->selected, index);
      g_hash_table_remove (self->selected_set, server_id);
    }
}

char **
_drso_group_editor_dup_selected_ids (DrsoGroupEditor *self)
{
  char **ids = g_new0 (char *, self->selected->len + 1);

  for (guint i = 0; i < self->selected->len; i++)
    ids[i] = g_strdup (g_ptr_array_index (self->selected, i));
  return ids;
}

/* The servers the other groups hold: their chosen ones anywhere, and what
 * their tags match in this account and region, as the store checks them. */
static void
compute_owners (DrsoGroupEditor *self)
{
  GListModel *groups = drso_store_get_protection_groups (self->store);
  guint n = g_list_model_get_n_items (groups);

  g_hash_table_remove_all (self->owners);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoProtectionGroup) other = g_list_model_get_item (groups, i);
      const char *name = drso_protection_group_get_group_name (other);
      const char * const *ids = drso_protection_group_get_server_ids (other);

      if (g_strcmp0 (drso_protection_group_get_group_id (other),
                     _drso_group_editor_get_own_id (self)) == 0)
        continue;

      for (guint j = 0; ids[j] != NULL; j++)
        {
          if (!g_hash_table_contains (self->owners, ids[j]))
            g_hash_table_insert (self->owners, g_strdup (ids[j]), g_strdup (name));
        }

      if (drso_protection_group_is_tag_based (other) &&
          g_strcmp0 (drso_protection_group_get_account_id (other), self->account_id) == 0 &&
          g_strcmp0 (drso_protection_group_get_region (other), self->region) == 0)
        {
          g_autoptr(GPtrArray) servers = drso_store_resolve_protection_group (self->store, other);

          for (guint j = 0; j < servers->len; j++)
            {
              const char *id = drso_source_server_get_source_server_id (g_ptr_array_index (servers,
                                                                                           j));

              if (!g_hash_table_contains (self->owners, id))
                g_hash_table_insert (self->owners, g_strdup (id), g_strdup (name));
            }
        }
    }
}

/* Server rows */

static gboolean
server_in_place (DrsoGroupEditor  *self,
                 DrsoSourceServer *server)
{
  return g_strcmp0 (drso_source_server_get_account_id (server), self->account_id) == 0 &&
         g_strcmp0 (drso_source_server_get_region (server), self->region) == 0;
}

static int
compare_servers (gconstpointer a,
                 gconstpointer b)
{
  DrsoSourceServer *sa = *(DrsoSourceServer **) a;
  DrsoSourceServer *sb = *(DrsoSourceServer **) b;
  int cmp = g_strcmp0 (drso_source_server_get_hostname (sa), drso_source_server_get_hostname (sb));

  if (cmp != 0)
    return cmp;
  return g_strcmp0 (drso_source_server_get_source_server_id (sa),
                    drso_source_server_get_source_server_id (sb));
}

static void
server_toggled_cb (DrsoGroupEditor *self,
                   GtkCheckButton  *check)
{
  if (self->updating)
    return;

  _drso_group_editor_select_server (self, g_object_get_data (G_OBJECT (check), "server-id"),
                                    gtk_check_button_get_active (check));
  _drso_group_editor_set_save_error (self, NULL);
  _drso_group_editor_update_preview (self);
}

static GtkWidget *
create_server_row (DrsoGroupEditor  *self,
                   const char       *server_id,
                   DrsoSourceServer *server)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *match_label = gtk_label_new (_("Matches tags"));
  GtkWidget *conflict_label = gtk_label_new (NULL);
  const char *hostname = server ? drso_source_server_get_hostname (server) : NULL;
  const char *ip = server ? drso_source_server_get_private_ip (server) : NULL;
  g_autofree char *search = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hostname ? hostname : server_id);
  if (server == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Not found in this account and region by the last discovery"));
  else if (!server_in_place (self, server))
    {
      /* TRANSLATORS: a picked server's id, and why it is not with the others. */
      g_autofree char *subtitle = g_strdup_printf (_("%s · in another account or region"),
                                                   server_id);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else if (hostname != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), server_id);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hostname ? hostname : server_id, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  gtk_widget_add_css_class (match_label, "caption");
  gtk_widget_add_css_class (match_label, "accent");
  gtk_widget_set_visible (match_label, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), match_label);

  gtk_widget_add_css_class (conflict_label, "warning");
  gtk_label_set_ellipsize (GTK_LABEL (conflict_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (conflict_label), 24);
  gtk_widget_set_visible (conflict_label, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), conflict_label);

  if (server != NULL)
    {
      const char *state = drso_source_server_get_replication_state (server);
      g_autofree char *text = _drso_servers_page_dup_state_label (state);
      GtkWidget *state_label = gtk_label_new (text);

      gtk_widget_add_css_class (state_label, "caption");
      switch (_drso_servers_page_get_state_health (state))
        {
        case DRSO_SERVER_HEALTH_PROBLEM:
          gtk_widget_add_css_class (state_label, "error");
          break;
        case DRSO_SERVER_HEALTH_WARNING:
          gtk_widget_add_css_class (state_label, "warning");
          break;
        case DRSO_SERVER_HEALTH_BUSY:
        case DRSO_SERVER_HEALTH_HEALTHY:
        case DRSO_SERVER_HEALTH_UNKNOWN:
        default:
          gtk_widget_add_css_class (state_label, "dim-label");
          break;
        }
      gtk_label_set_width_chars (GTK_LABEL (state_label), 10);
      gtk_label_set_xalign (GTK_LABEL (state_label), 1.0f);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);
    }

  search = g_strjoin (" ", hostname ? hostname : "", server_id, ip ? ip : "", NULL);
  g_object_set_data_full (G_OBJECT (row), "search-text", g_utf8_casefold (search, -1), g_free);
  g_object_set_data_full (G_OBJECT (row), "server-id", g_strdup (server_id), g_free);
  if (server != NULL)
    g_object_set_data_full (G_OBJECT (row), "server", g_object_ref (server), g_object_unref);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "match-label", match_label);
  g_object_set_data (G_OBJECT (row), "conflict-label", conflict_label);
  g_object_set_data (G_OBJECT (check), "server-id", g_object_get_data (G_OBJECT (row),
                                                                       "server-id"));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_selected (self, server_id));
  g_signal_connect_object (check, "toggled", G_CALLBACK (server_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* Brings every row in line with the selection, the other groups and the
 * tag criteria. */
static void
update_server_rows (DrsoGroupEditor *self)
{
  gboolean tag_based = self->preview != NULL && drso_protection_group_is_tag_based (self->preview);

  self->updating = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->servers_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *id = g_object_get_data (G_OBJECT (row), "server-id");
      DrsoSourceServer *server = g_object_get_data (G_OBJECT (row), "server");
      GtkWidget *conflict_label = g_object_get_data (G_OBJECT (row), "conflict-label");
      gboolean matches;
      const char *owner;

      if (id == NULL)
        continue;

      gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "check"),
                                   is_selected (self, id));

      owner = g_hash_table_lookup (self->owners, id);
      if (owner != NULL)
        {
          /* TRANSLATORS: on a server's row: the protection group that already has it. */
          g_autofree char *text = g_strdup_printf (_("In “%s”"), owner);
          g_autofree char *tooltip = g_strdup_printf (_("Already in the protection group “%s”: "
                                                        "a server can be in one group only"),
                                                      owner);

          gtk_label_set_text (GTK_LABEL (conflict_label), text);
          gtk_widget_set_tooltip_text (conflict_label, tooltip);
        }
      gtk_widget_set_visible (conflict_label, owner != NULL);

      matches = tag_based && server != NULL && server_in_place (self, server) &&
                drso_protection_group_matches_tags (self->preview,
                                                    drso_source_server_get_tags (server));
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "match-label"), matches);
    }
  self->updating = FALSE;
}

static void
update_selected_label (DrsoGroupEditor *self)
{
  g_autofree char *text = NULL;

  if (self->selected->len == 0)
    text = g_strdup (_("No servers picked"));
  else
    text = g_strdup_printf (g_dngettext (NULL, "%u server picked", "%u servers picked",
                                         self->selected->len),
                            self->selected->len);
  gtk_label_set_text (self->selected_label, text);
}

static void
update_tags_hint (DrsoGroupEditor *self)
{
  GListModel *servers = drso_store_get_source_servers (self->store);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) sorted = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (servers);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);
      GHashTable *tags = drso_source_server_get_tags (server);
      GHashTableIter iter;
      gpointer key;

      if (!server_in_place (self, server) || tags == NULL)
        continue;
      g_hash_table_iter_init (&iter, tags);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          /* The servers' tables outlive this function: the model holds them. */
          g_hash_table_add (keys, key);
        }
    }

  sorted = g_list_sort (g_hash_table_get_keys (keys), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l != NULL && shown < MAX_HINT_KEYS; l = l->next, shown++)
    g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", (const char *) l->data);
  if (g_list_length (sorted) > MAX_HINT_KEYS)
    g_string_append (text, ", …");

  if (text->len > 0)
    {
      /* TRANSLATORS: under the tag criteria: the tag keys the account's servers have. */
      g_autofree char *hint = g_strdup_printf (_("Tags on these servers: %s"), text->str);

      gtk_label_set_text (self->tags_hint_label, hint);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_hint_label), text->len > 0);
}

static gboolean
filter_server_row (GtkListBoxRow *row,
                   gpointer       user_data)
{
  DrsoGroupEditor *self = user_data;
  const char *text = g_object_get_data (G_OBJECT (row), "search-text");

  if (self->search_words == NULL || text == NULL)
    return TRUE;
  for (guint i = 0; self->search_words[i] != NULL; i++)
    {
      if (strstr (text, self->search_words[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_placeholder (DrsoGroupEditor *self)
{
  const char *text;

  if (self->search_words != NULL)
    text = _("No server matches the search");
  else if (self->account_id == NULL)
    text = _("Add an account first: a group gathers servers of one account");
  else
    text = _("No servers discovered in this account and region yet. Discover them on the "
             "Source Servers page, or add tag criteria that servers discovered later will "
             "match.");
  gtk_label_set_text (GTK_LABEL (self->placeholder), text);
}

static void
rebuild_server_rows (DrsoGroupEditor *self)
{
  GListModel *servers = drso_store_get_source_servers (self->store);
  g_autoptr(GPtrArray) here = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (servers);
  GtkListBoxRow *row;

  /* Row by row: the list's placeholder is a child too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (self->servers_list, 0)) != NULL)
    gtk_list_box_remove (self->servers_list, GTK_WIDGET (row));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (servers, i);

      if (server_in_place (self, server))
        g_ptr_array_add (here, g_steal_pointer (&server));
    }
  g_ptr_array_sort (here, compare_servers);

  for (guint i = 0; i < here->len; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (here, i);
      const char *id = drso_source_server_get_source_server_id (server);

      gtk_list_box_append (self->servers_list, create_server_row (self, id, server));
      g_hash_table_add (shown, (gpointer) id);
    }

  /* Chosen servers that discovery does not list here stay visible, so that
   * nothing is saved that cannot be seen and unchecked. */
  for (guint i = 0; i < self->selected->len; i++)
    {
      const char *id = g_ptr_array_index (self->selected, i);
      g_autoptr(DrsoSourceServer) server = NULL;

      if (g_hash_table_contains (shown, id))
        continue;
      server = drso_store_lookup_source_server (self->store, id, NULL);
      gtk_list_box_append (self->servers_list, create_server_row (self, id, server));
    }

  update_placeholder (self);
  update_server_rows (self);
}

/* Preview */

static GtkWidget *
create_preview_row (DrsoGroupEditor  *self,
                    DrsoSourceServer *server)
{
  const char *id = drso_source_server_get_source_server_id (server);
  const char *hostname = drso_source_server_get_hostname (server);
  const char *owner = g_hash_table_lookup (self->owners, id);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (hostname ? hostname : id);
  GtkWidget *icon = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (names), label);
  if (hostname != NULL)
    {
      label = gtk_label_new (id);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (names), label);
    }
  if (owner != NULL)
    {
      /* TRANSLATORS: in the preview, under a server: the group that already has it. */
      g_autofree char *text = g_strdup_printf (_("Already in “%s”"), owner);

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (GTK_BOX (names), label);

      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (box), names);
  if (icon != NULL)
    gtk_box_append (GTK_BOX (box), icon);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* Resolves the form as the library resolves a stored group, and shows it. */
void
_drso_group_editor_update_preview (DrsoGroupEditor *self)
{
  g_autoptr(GHashTable) tags = _drso_group_editor_collect_tags (self, FALSE, NULL);
  g_auto(GStrv) ids = _drso_group_editor_dup_selected_ids (self);
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  guint n_picked = 0;
  guint n_conflicts = 0;
  g_autoptr(GPtrArray) shown = NULL;
  GtkListBoxRow *row;

  g_clear_object (&self->preview);
  self->preview = drso_protection_group_new (NULL, self->account_id, self->region);
  drso_protection_group_set_server_ids (self->preview, (const char * const *) ids);
  drso_protection_group_set_tag_criteria (self->preview, tags);

  g_clear_pointer (&self->matches, g_ptr_array_unref);
  self->matches = drso_store_resolve_protection_group (self->store, self->preview);

  for (guint i = 0; i < self->matches->len; i++)
    {
      DrsoSourceServer *server = g_ptr_array_index (self->matches, i);
      const char *id = drso_source_server_get_source_server_id (server);

      n_picked += is_selected (self, id);
      n_conflicts += g_hash_table_contains (self->owners, id);
    }

  if (self->matches->len == 0)
    title = g_strdup (_("Matches no servers"));
  else
    title = g_strdup_printf (g_dngettext (NULL, "Matches %u server", "Matches %u servers",
                                          self->matches->len),
                             self->matches->len);
  gtk_label_set_text (self->preview_title_label, title);
  count = g_strdup_printf ("%u", self->matches->len);
  gtk_label_set_text (self->preview_button_label, count);

  if (self->matches->len == 0 && self->selected->len == 0 && g_hash_table_size (tags) == 0)
    g_string_append (detail, _("Pick servers or add tag criteria to see what the group holds."));
  else
    {
      /* TRANSLATORS: in the preview: how many of the matched servers were picked one by one. */
      g_string_append_printf (detail, g_dngettext (NULL, "%u picked", "%u picked", n_picked),
                              n_picked);
      if (g_hash_table_size (tags) > 0)
        {
          guint n_tagged = self->matches->len - n_picked;

          g_string_append (detail, " · ");
          /* TRANSLATORS: in the preview: how many servers the tag criteria add. */
          g_string_append_printf (detail, g_dngettext (NULL, "%u by tags", "%u by tags",
                                                       n_tagged),
                                  n_tagged);
        }
      if (self->selected->len > n_picked)
        {
          guint n_missing = self->selected->len - n_picked;

          g_string_append (detail, " · ");
          g_string_append_printf (detail, g_dngettext (NULL, "%u not discovered",
                                                       "%u not discovered", n_missing),
                                  n_missing);
        }
    }
  gtk_label_set_text (self->preview_detail_label, detail->str);

  if (n_conflicts > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (NULL,
                                      "%u of them is already in another group: leave it out "
                                      "before saving",
                                      "%u of them are already in other groups: leave them out "
                                      "before saving",
                                      n_conflicts),
                         n_conflicts);

      gtk_label_set_text (self->preview_conflict_label, text);
    }
  gtk_widget_set_visible (self->preview_conflict_box, n_conflicts > 0);

  while ((row = gtk_list_box_get_row_at_index (self->preview_list, 0)) != NULL)
    gtk_list_box_remove (self->preview_list, GTK_WIDGET (row));
  /* Borrowed: the copy keeps the free function of what it copies. */
  shown = g_ptr_array_copy (self->matches, NULL, NULL);
  g_ptr_array_set_free_func (shown, NULL);
  g_ptr_array_sort (shown, compare_servers);
  for (guint i = 0; i < shown->len && i < MAX_PREVIEW_ROWS; i++)
    gtk_list_box_append (self->preview_list,
                         create_preview_row (self, g_ptr_array_index (shown, i)));
  if (self->matches->len > MAX_PREVIEW_ROWS)
    {
      guint more = self->matches->len - MAX_PREVIEW_ROWS;
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "and %u more", "and %u more",
                                                            more),
                                               more);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->preview_list, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), self->matches->len > 0);

  update_selected_label (self);
  update_server_rows (self);
}

/* What depends on the account and region: the servers, who owns them, the
 * tag keys there, and the preview. */
void
_drso_group_editor_place_changed (DrsoGroupEditor *self)
{
  compute_owners (self);
  rebuild_server_rows (self);
  update_tags_hint (self);
  _drso_group_editor_update_preview (self);
}

static void
tags_changed_cb (DrsoGroupEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;

  /* Once a save was refused, say at once what is still wrong. */
  if (self->tried_save)
    {
      g_autoptr(GHashTable) tags = _drso_group_editor_collect_tags (self, TRUE, &error);

      _drso_group_editor_set_tags_error (self, error ? error->message : NULL);
    }
  _drso_group_editor_set_save_error (self, NULL);
  _drso_group_editor_update_preview (self);
}

static void
remove_tag_clicked_cb (DrsoGroupEditor *self,
                       GtkButton       *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->tags_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->tags_list)) != NULL);
  tags_changed_cb (self);
}

GtkWidget *
_drso_group_editor_append_tag_row (DrsoGroupEditor *self,
                                   const char      *key,
                                   const char      *value)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key_entry = gtk_entry_new ();
  GtkWidget *equals = gtk_label_new ("=");
  GtkWidget *value_entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);

  gtk_entry_set_placeholder_text (GTK_ENTRY (key_entry), _("Key, such as Tier"));
  gtk_editable_set_text (GTK_EDITABLE (key_entry), key ? key : "");
  gtk_widget_set_hexpand (key_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tag key"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (value_entry), _("Value, such as web"));
  gtk_editable_set_text (GTK_EDITABLE (value_entry), value ? value : "");
  gtk_widget_set_hexpand (value_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tag value"), -1);
  gtk_widget_add_css_class (equals, "dim-label");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the tag"), -1);

  gtk_box_append (GTK_BOX (box), key_entry);
  gtk_box_append (GTK_BOX (box), equals);
  gtk_box_append (GTK_BOX (box), value_entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "key-entry", key_entry);
  g_object_set_data (G_OBJECT (row), "value-entry", value_entry);
  g_signal_connect_object (key_entry, "changed", G_CALLBACK (tags_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (value_entry, "changed", G_CALLBACK (tags_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_tag_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_list_box_append (self->tags_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_list), TRUE);
  return key_entry;
}

/* Filters the checklist by words of the hostname, id or address. */
void
_drso_group_editor_search_servers (DrsoGroupEditor *self,
                                   const char      *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  g_clear_pointer (&self->search_words, g_strfreev);
  self->search_words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  if (self->search_words[0] == NULL || self->search_words[0][0] == '\0')
    g_clear_pointer (&self->search_words, g_strfreev);

  update_placeholder (self);
  gtk_list_box_invalidate_filter (self->servers_list);
}

void
_drso_group_editor_init_members (DrsoGroupEditor *self)
{
  self->placeholder = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (self->placeholder, 18);
  gtk_widget_set_margin_bottom (self->placeholder, 18);
  gtk_widget_set_margin_start (self->placeholder, 18);
  gtk_widget_set_margin_end (self->placeholder, 18);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->servers_list, self->placeholder);
  gtk_list_box_set_filter_func (self->servers_list, filter_server_row, self, NULL);
}
