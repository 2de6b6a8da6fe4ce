/* drso-plan-designer-servers.c
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

#include "drso-plan-designer-private.h"

/* The servers of a wave, at the foot of its column: a button that counts
 * them, whose popover lists them with a Critical switch each (a critical
 * server that fails fails its wave; an optional one is left behind with a
 * warning) and the snapshot pinned for it, if any. */

static guint
count_servers (DrsoPlanDesigner *self,
               guint             wave_number,
               guint            *n_optional)
{
  g_autofree char *prefix = g_strdup_printf ("%u/", wave_number);
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  *n_optional = 0;
  g_hash_table_iter_init (&iter, self->server_groups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_str_has_prefix (key, prefix))
        continue;
      n++;
      if (drso_recovery_plan_get_server_criticality (self->plan, (char *) key + strlen (prefix)) ==
          DRSO_SERVER_CRITICALITY_OPTIONAL)
        (*n_optional)++;
    }
  return n;
}

static void
update_button_label (DrsoPlanDesigner *self,
                     GtkMenuButton    *button,
                     guint             wave_number)
{
  g_autofree char *label = NULL;
  guint n_optional;
  guint n = count_servers (self, wave_number, &n_optional);

  if (n_optional > 0)
    /* TRANSLATORS: the servers of a wave: how many, and how many of them are optional. */
    label = g_strdup_printf (g_dngettext (NULL, "%u server · %u optional",
                                          "%u servers · %u optional", n), n, n_optional);
  else
    /* TRANSLATORS: how many servers a wave recovers. */
    label = g_strdup_printf (g_dngettext (NULL, "%u server", "%u servers", n), n);
  gtk_menu_button_set_label (button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (button), n > 0);
}

static char *
dup_subtitle (DrsoPlanDesigner *self,
              const char       *group_name,
              const char       *server_id)
{
  const char *snapshot = drso_recovery_plan_get_server_snapshot (self->plan, server_id);

  if (snapshot != NULL)
    /* TRANSLATORS: a server in a wave's popover: its group, its id, the snapshot pinned for it. */
    return g_strdup_printf (_("%s · %s · pinned to snapshot %s"), group_name, server_id,
                            snapshot);
  /* TRANSLATORS: a server in a wave's popover: its group and its id. */
  return g_strdup_printf (_("%s · %s"), group_name, server_id);
}

static void
critical_changed_cb (GtkSwitch        *sw,
                     GParamSpec       *pspec,
                     DrsoPlanDesigner *self)
{
  const char *server_id = g_object_get_data (G_OBJECT (sw), "server-id");
  GtkLabel *state = g_object_get_data (G_OBJECT (sw), "state");
  GtkMenuButton *button = g_object_get_data (G_OBJECT (sw), "button");
  gboolean critical = gtk_switch_get_active (sw);

  drso_recovery_plan_set_server_criticality (self->plan, server_id,
                                             critical ? DRSO_SERVER_CRITICALITY_CRITICAL
                                                      : DRSO_SERVER_CRITICALITY_OPTIONAL);
  gtk_label_set_text (state, critical ? _("Critical") : _("Optional"));
  update_button_label (self, button,
                       GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sw), "wave-number")));
  _drso_plan_designer_changed (self, FALSE);
}

static void
unpin_clicked_cb (GtkButton        *unpin,
                  DrsoPlanDesigner *self)
{
  const char *server_id = g_object_get_data (G_OBJECT (unpin), "server-id");
  AdwActionRow *row = g_object_get_data (G_OBJECT (unpin), "row");
  const char *group_name = g_object_get_data (G_OBJECT (unpin), "group-name");
  g_autofree char *subtitle = NULL;

  drso_recovery_plan_set_server_snapshot (self->plan, server_id, NULL);
  subtitle = dup_subtitle (self, group_name, server_id);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (unpin), FALSE);
  _drso_plan_designer_changed (self, FALSE);
}

static GtkWidget *
server_row_new (DrsoPlanDesigner *self,
                GtkMenuButton    *button,
                guint             wave_number,
                const char       *group_name,
                const char       *server_id,
                gboolean          can_edit)
{
  g_autoptr(DrsoSourceServer) server =
    drso_store_lookup_source_server (self->store, server_id, NULL);
  const char *hostname = server != NULL ? drso_source_server_get_hostname (server) : NULL;
  gboolean critical = drso_recovery_plan_get_server_criticality (self->plan, server_id) ==
                      DRSO_SERVER_CRITICALITY_CRITICAL;
  g_autofree char *subtitle = dup_subtitle (self, group_name, server_id);
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (critical ? _("Critical") : _("Optional"));
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 hostname != NULL && hostname[0] != '\0' ? hostname : server_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (drso_recovery_plan_get_server_snapshot (self->plan, server_id) != NULL)
    {
      GtkWidget *unpin = gtk_button_new_from_icon_name ("edit-clear-symbolic");

      gtk_widget_add_css_class (unpin, "flat");
      gtk_widget_set_valign (unpin, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (unpin, can_edit);
      gtk_widget_set_tooltip_text (unpin, _("Unpin the snapshot: recover from the latest one"));
      g_object_set_data_full (G_OBJECT (unpin), "server-id", g_strdup (server_id), g_free);
      g_object_set_data_full (G_OBJECT (unpin), "group-name", g_strdup (group_name), g_free);
      g_object_set_data (G_OBJECT (unpin), "row", row);
      g_signal_connect (unpin, "clicked", G_CALLBACK (unpin_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), unpin);
    }

  gtk_widget_add_css_class (state, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  gtk_switch_set_active (GTK_SWITCH (sw), critical);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (sw, can_edit);
  /* TRANSLATORS: the accessible name of a server's Critical switch. */
  accessible = g_strdup_printf (_("%s is critical"),
                                hostname != NULL && hostname[0] != '\0' ? hostname : server_id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (sw), "server-id", g_strdup (server_id), g_free);
  g_object_set_data (G_OBJECT (sw), "state", state);
  g_object_set_data (G_OBJECT (sw), "button", button);
  g_object_set_data (G_OBJECT (sw), "wave-number", GUINT_TO_POINTER (wave_number));
  g_signal_connect (sw, "notify::active", G_CALLBACK (critical_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  return row;
}

/* Fills the popover each time it opens, so that it shows what the store
 * knows now. */
static void
popover_show_cb (GtkPopover       *popover,
                 DrsoPlanDesigner *self)
{
  DrsoWave *wave = g_object_get_data (G_OBJECT (popover), "wave");
  GtkMenuButton *button = g_object_get_data (G_OBJECT (popover), "button");
  guint number = drso_wave_get_wave_number (wave);
  const char * const *group_ids = drso_wave_get_protection_group_ids (wave);
  gboolean can_edit = _drso_plan_designer_can_edit (self);
  g_autofree char *title = NULL;
  GtkWidget *box, *label, *scroller, *list;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  /* TRANSLATORS: the title of the popover listing a wave's servers. */
  title = g_strdup_printf (_("Servers of Wave %u"), number);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (_("A critical server that fails to launch fails its wave; an optional "
                           "one is left behind with a warning."));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; group_ids[i] != NULL; i++)
    {
      g_autoptr(DrsoProtectionGroup) group =
        drso_store_lookup_protection_group (self->store, group_ids[i], NULL);
      g_autoptr(GPtrArray) resolved = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      const char * const *explicit_ids;
      const char *group_name;

      if (group == NULL)
        continue;
      group_name = drso_protection_group_get_group_name (group);
      resolved = drso_store_resolve_protection_group (self->store, group);
      for (guint j = 0; j < resolved->len; j++)
        {
          const char *id =
            drso_source_server_get_source_server_id (g_ptr_array_index (resolved, j));

          g_hash_table_add (seen, (gpointer) id);
          gtk_list_box_append (GTK_LIST_BOX (list),
                               server_row_new (self, button, number, group_name, id, can_edit));
        }
      explicit_ids = drso_protection_group_get_server_ids (group);
      for (guint j = 0; explicit_ids[j] != NULL; j++)
        {
          if (g_hash_table_add (seen, (gpointer) explicit_ids[j]))
            gtk_list_box_append (GTK_LIST_BOX (list),
                                 server_row_new (self, button, number, group_name,
                                                 explicit_ids[j], can_edit));
        }
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 380);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (popover, box);
}

GtkWidget *
_drso_plan_designer_servers_button_new (DrsoPlanDesigner *self,
                                        DrsoWave         *wave)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_tooltip_text (button, _("Which of the wave’s servers are critical"));
  g_object_set_data_full (G_OBJECT (popover), "wave", g_object_ref (wave), g_object_unref);
  g_object_set_data (G_OBJECT (popover), "button", button);
  g_signal_connect (popover, "show", G_CALLBACK (popover_show_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  update_button_label (self, GTK_MENU_BUTTON (button), drso_wave_get_wave_number (wave));
  return button;
}
