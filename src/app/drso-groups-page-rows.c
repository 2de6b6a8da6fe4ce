/* drso-groups-page-rows.c
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

#include "drso-groups-page-private.h"

/* The row of one protection group in the list of the groups page. */

/* “Plan A”, “Plan B” */
char *
_drso_groups_page_dup_quoted_list (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s”", (const char *) g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What a group gathers: its tag criteria, if any, and how many servers it
 * resolves to now, as the library resolves it. */
static char *
dup_group_summary (DrsoStore           *store,
                   DrsoProtectionGroup *group)
{
  g_autoptr(GPtrArray) servers = drso_store_resolve_protection_group (store, group);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *tags = drso_protection_group_get_tag_criteria (group);
  const char * const *ids = drso_protection_group_get_server_ids (group);
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (tags), (GCompareFunc) g_strcmp0);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_missing = 0;

  for (guint i = 0; i < servers->len; i++)
    g_hash_table_add (found, (gpointer) drso_source_server_get_source_server_id (
                        g_ptr_array_index (servers, i)));
  for (guint i = 0; ids[i] != NULL; i++)
    n_missing += !g_hash_table_contains (found, ids[i]);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      /* TRANSLATORS: a tag criterion of a protection group: “Tier = web”. */
      g_string_append_printf (text, _("%s = %s"), (const char *) l->data,
                              (const char *) g_hash_table_lookup (tags, l->data));
    }
  if (keys != NULL && ids[0] != NULL)
    {
      guint n_ids = drso_protection_group_get_server_count (group);

      g_string_append (text, " ");
      /* TRANSLATORS: after a group's tag criteria: the servers also picked one by one. */
      g_string_append_printf (text, g_dngettext (NULL, "and %u picked", "and %u picked", n_ids),
                              n_ids);
    }
  if (text->len > 0)
    g_string_append (text, " · ");

  if (servers->len == 0)
    g_string_append (text, _("no servers"));
  else
    g_string_append_printf (text, g_dngettext (NULL, "%u server", "%u servers", servers->len),
                            servers->len);
  if (n_missing > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (NULL, "%u not discovered", "%u not discovered",
                                                 n_missing),
                              n_missing);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * _drso_groups_page_update_row:
 * @row: a row made by _drso_groups_page_create_row()
 * @store: the store of the group
 * @users: (nullable): the names of the recovery plans that use the group
 *
 * Says again what the row's group gathers, where, and who uses it: the
 * servers discovered, the accounts and the plans may have changed.
 */
void
_drso_groups_page_update_row (GtkWidget *row,
                              DrsoStore *store,
                              GPtrArray *users)
{
  DrsoProtectionGroup *group = g_object_get_data (G_OBJECT (row), "group");
  GtkLabel *account_label = g_object_get_data (G_OBJECT (row), "account-label");
  GtkLabel *place_label = g_object_get_data (G_OBJECT (row), "place-label");
  GtkLabel *plan_label = g_object_get_data (G_OBJECT (row), "plan-label");
  const char *account_id = drso_protection_group_get_account_id (group);
  g_autoptr(DrsoAccount) account = drso_store_lookup_account (store, account_id, NULL);
  g_autofree char *summary = dup_group_summary (store, group);
  g_autofree char *place = NULL;
  const char *account_name = account ? drso_account_get_account_name (account) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 drso_protection_group_get_group_name (group));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);

  gtk_label_set_text (account_label, account_name && account_name[0] ? account_name : account_id);
  /* TRANSLATORS: under an account's name: its 12-digit id and a region. */
  place = g_strdup_printf (_("%s · %s"), account_id, drso_protection_group_get_region (group));
  gtk_label_set_text (place_label, place);

  gtk_widget_remove_css_class (GTK_WIDGET (plan_label), "accent");
  gtk_widget_remove_css_class (GTK_WIDGET (plan_label), "dim-label");
  if (users == NULL || users->len == 0)
    {
      gtk_label_set_text (plan_label, _("Not in a plan"));
      gtk_widget_add_css_class (GTK_WIDGET (plan_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (plan_label),
                                   _("No recovery plan uses this group"));
    }
  else
    {
      g_autofree char *list = _drso_groups_page_dup_quoted_list (users);
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;

      if (users->len == 1)
        /* TRANSLATORS: the recovery plan that uses a protection group. */
        text = g_strdup_printf (_("In %s"), list);
      else
        text = g_strdup_printf (g_dngettext (NULL, "In %u plan", "In %u plans", users->len),
                                users->len);
      tooltip = g_strdup_printf (g_dngettext (NULL, "Used by the recovery plan %s",
                                              "Used by the recovery plans %s", users->len),
                                 list);
      gtk_label_set_text (plan_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (plan_label), "accent");
      gtk_widget_set_tooltip_text (GTK_WIDGET (plan_label), tooltip);
    }

  gtk_widget_set_tooltip_text (row, drso_protection_group_get_description (group) &&
                                    drso_protection_group_get_description (group)[0] ?
                                    drso_protection_group_get_description (group) : NULL);
}

/**
 * _drso_groups_page_create_row:
 * @store: the store of the group
 * @group: a protection group of the store's live list
 * @users: (nullable): the names of the recovery plans that use the group
 *
 * Returns: (transfer floating): the row of @group: its name, what it
 *   gathers, its account and region, the plans that use it, and a menu
 */
GtkWidget *
_drso_groups_page_create_row (DrsoStore           *store,
                              DrsoProtectionGroup *group,
                              GPtrArray           *users)
{
  const char *group_id = drso_protection_group_get_group_id (group);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit_item = g_menu_item_new (_("_Edit"), NULL);
  g_autoptr(GMenuItem) delete_item = g_menu_item_new (_("_Delete…"), NULL);
  g_autofree char *menu_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *place_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *account_label = gtk_label_new (NULL);
  GtkWidget *place_label = gtk_label_new (NULL);
  GtkWidget *plan_label = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_label_set_xalign (GTK_LABEL (account_label), 1.0f);
  gtk_label_set_ellipsize (GTK_LABEL (account_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (account_label), 28);
  gtk_widget_add_css_class (account_label, "caption");
  gtk_label_set_xalign (GTK_LABEL (place_label), 1.0f);
  gtk_widget_add_css_class (place_label, "caption");
  gtk_widget_add_css_class (place_label, "dim-label");
  gtk_box_append (GTK_BOX (place_box), account_label);
  gtk_box_append (GTK_BOX (place_box), place_label);
  gtk_widget_set_valign (place_box, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), place_box);

  /* A column of its own, as wide on every row. */
  gtk_label_set_ellipsize (GTK_LABEL (plan_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (plan_label), 22);
  gtk_label_set_width_chars (GTK_LABEL (plan_label), 22);
  gtk_label_set_xalign (GTK_LABEL (plan_label), 0.0f);
  gtk_widget_set_margin_start (plan_label, 12);
  gtk_widget_add_css_class (plan_label, "caption-heading");
  gtk_widget_set_valign (plan_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), plan_label);

  g_menu_item_set_action_and_target_value (edit_item, "groups.edit",
                                           g_variant_new_string (group_id));
  g_menu_item_set_action_and_target_value (delete_item, "groups.delete",
                                           g_variant_new_string (group_id));
  g_menu_append_item (menu, edit_item);
  g_menu_append_item (menu, delete_item);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("More Actions"));
  /* TRANSLATORS: the accessible name of a protection group's menu button. */
  menu_label = g_strdup_printf (_("Actions of “%s”"), drso_protection_group_get_group_name (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);

  g_object_set_data_full (G_OBJECT (row), "group", g_object_ref (group), g_object_unref);
  g_object_set_data (G_OBJECT (row), "account-label", account_label);
  g_object_set_data (G_OBJECT (row), "place-label", place_label);
  g_object_set_data (G_OBJECT (row), "plan-label", plan_label);
  g_object_set_data (G_OBJECT (row), "menu-button", menu_button);

  _drso_groups_page_update_row (row, store, users);
  return row;
}

DrsoProtectionGroup *
_drso_groups_page_get_row_group (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "group");
}
