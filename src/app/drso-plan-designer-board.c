/* drso-plan-designer-board.c
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

/* The board: a column per wave, a gate between two waves, a card per
 * protection group, and the strip of groups not in the plan. It is rebuilt
 * from the draft after each structural change; problems and readiness
 * findings are then laid on it (_drso_plan_designer_show_problems()).
 *
 * Widgets that the keyboard focus (or a test) needs to find again carry a
 * key, the string object data "drso-focus-key": `wave-N`, `wave-name-N`,
 * `wave-duration-N`, `wave-menu-N`, `wave-servers-N`, `wave-badge-N`,
 * `gate-N` (the gate before wave N), `group-ID`, `group-menu-ID`,
 * `group-badge-ID`, `unused-ID`. */

#define FOCUS_KEY "drso-focus-key"

/* Names @widget so that the focus comes back to it after a rebuild. */
void
_drso_plan_designer_set_focus_key (GtkWidget  *widget,
                                   const char *format,
                                   ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  /* Object data rather than the widget's name: names become quarks, which
   * live as long as the process, and these hold ids. */
  g_object_set_data_full (G_OBJECT (widget), FOCUS_KEY, g_steal_pointer (&key), g_free);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (root), FOCUS_KEY), name) == 0)
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

/* The focus key of the widget that has the focus, if it is on the board,
 * and where the cursor is when that widget is a text field. */
static char *
dup_focused_key (DrsoPlanDesigner *self,
                 int              *cursor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  *cursor = -1;
  for (; focus != NULL && focus != GTK_WIDGET (self); focus = gtk_widget_get_parent (focus))
    {
      const char *key = g_object_get_data (G_OBJECT (focus), FOCUS_KEY);

      if (key == NULL)
        continue;
      if (GTK_IS_EDITABLE (focus))
        *cursor = gtk_editable_get_position (GTK_EDITABLE (focus));
      return g_strdup (key);
    }
  return NULL;
}

static void
collect_servers (DrsoPlanDesigner    *self,
                 DrsoProtectionGroup *group,
                 guint                wave_number,
                 guint               *n_servers)
{
  g_autoptr(GPtrArray) resolved = drso_store_resolve_protection_group (self->store, group);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *ids = drso_protection_group_get_server_ids (group);
  const char *group_id = drso_protection_group_get_group_id (group);

  for (guint i = 0; i < resolved->len; i++)
    {
      const char *id = drso_source_server_get_source_server_id (g_ptr_array_index (resolved, i));

      g_hash_table_add (found, (gpointer) id);
      g_hash_table_insert (self->server_groups, g_strdup_printf ("%u/%s", wave_number, id),
                           g_strdup (group_id));
    }
  /* Ids discovery has not seen yet still count: the run will try them. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_hash_table_add (found, (gpointer) ids[i]))
        g_hash_table_insert (self->server_groups, g_strdup_printf ("%u/%s", wave_number, ids[i]),
                             g_strdup (group_id));
    }
  *n_servers = g_hash_table_size (found);
}

static char *
dup_tags_text (DrsoProtectionGroup *group)
{
  GHashTable *criteria = drso_protection_group_get_tag_criteria (group);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) keys = NULL;

  if (criteria == NULL)
    return NULL;
  keys = g_list_sort (g_hash_table_get_keys (criteria), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    /* TRANSLATORS: a tag criterion of a protection group: key = value. */
    g_ptr_array_add (parts, g_strdup_printf (_("%s = %s"), (char *) l->data,
                                             (char *) g_hash_table_lookup (criteria, l->data)));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}

static GMenuModel *
card_menu_new (const char *group_id,
               guint       wave_number,
               guint       n_waves)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();

  if (wave_number > 1)
    append_item (moves, _("Move to _Previous Wave"), "designer.move-group-previous",
                 g_variant_new_string (group_id));
  if (wave_number < n_waves)
    append_item (moves, _("Move to _Next Wave"), "designer.move-group-next",
                 g_variant_new_string (group_id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  append_item (removal, _("_Remove from Plan"), "designer.remove-group",
               g_variant_new_string (group_id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
card_new (DrsoPlanDesigner *self,
          const char       *group_id,
          guint             wave_number,
          guint             n_waves,
          gboolean          can_edit)
{
  g_autoptr(DrsoProtectionGroup) group =
    drso_store_lookup_protection_group (self->store, group_id, NULL);
  g_autoptr(GMenuModel) menu_model = NULL;
  g_autofree char *servers_text = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *accessible = NULL;
  DrsoPlanGroupCard *card = g_new0 (DrsoPlanGroupCard, 1);
  GtkWidget *box, *row, *name, *menu, *detail;
  const char *group_name = group != NULL ? drso_protection_group_get_group_name (group) : group_id;
  guint n_servers = 0;

  if (group != NULL)
    collect_servers (self, group, wave_number, &n_servers);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "drso-plan-group");
  gtk_widget_set_focusable (box, TRUE);
  _drso_plan_designer_set_focus_key (box, "group-%s", group_id);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  name = gtk_label_new (group_name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (row), name);
  card->badge = _drso_plan_badge_new ();
  _drso_plan_designer_set_focus_key (card->badge, "group-badge-%s", group_id);
  gtk_box_append (GTK_BOX (row), card->badge);

  menu_model = card_menu_new (group_id, wave_number, n_waves);
  menu = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), menu_model);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (menu), FALSE);
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (menu, can_edit);
  /* TRANSLATORS: the tooltip of a protection group's menu button in the plan designer. */
  gtk_widget_set_tooltip_text (menu, _("Move or Remove (Alt+← / Alt+→)"));
  _drso_plan_designer_set_focus_key (menu, "group-menu-%s", group_id);
  gtk_box_append (GTK_BOX (row), menu);
  gtk_box_append (GTK_BOX (box), row);

  /* TRANSLATORS: the size of a protection group on its card. */
  servers_text = g_strdup_printf (g_dngettext (NULL, "%u server", "%u servers", n_servers),
                                  n_servers);
  tags = group != NULL && drso_protection_group_is_tag_based (group) ? dup_tags_text (group)
                                                                      : NULL;
  if (tags != NULL)
    {
      /* TRANSLATORS: a card's detail: its size, then the tags that select its servers. */
      g_autofree char *text = g_strdup_printf (_("%s · tags %s"), servers_text, tags);

      detail = gtk_label_new (text);
      gtk_widget_set_tooltip_text (detail, _("Tag-based: servers with these tags join the group "
                                             "when discovery finds them"));
    }
  else
    detail = gtk_label_new (servers_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), detail);

  /* TRANSLATORS: what a screen reader says of a protection group's card. */
  accessible = g_strdup_printf (_("%s, %s, wave %u"), group_name, servers_text, wave_number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Alt+Left and Alt+Right move it to the previous or next wave"),
                                  -1);

  if (can_edit)
    {
      _drso_plan_designer_add_drag_source (self, box, group_id);
      _drso_plan_designer_add_card_shortcuts (self, box, group_id);
    }

  card->group_id = g_strdup (group_id);
  card->wave_number = wave_number;
  card->card = box;
  g_ptr_array_add (self->cards, card);
  return box;
}

static void
wave_name_changed_cb (GtkEditable      *entry,
                      DrsoPlanDesigner *self)
{
  DrsoWave *wave = g_object_get_data (G_OBJECT (entry), "wave");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  drso_wave_set_wave_name (wave, name[0] != '\0' ? name : NULL);
  _drso_plan_designer_changed (self, FALSE);
}

static void
wave_duration_changed_cb (GtkSpinButton    *spin,
                          DrsoPlanDesigner *self)
{
  DrsoWave *wave = g_object_get_data (G_OBJECT (spin), "wave");

  drso_wave_set_estimated_duration (wave, (guint) gtk_spin_button_get_value_as_int (spin) * 60);
  _drso_plan_designer_changed (self, FALSE);
}

static GMenuModel *
wave_menu_new (guint wave_number,
               guint n_waves)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();

  if (wave_number > 1)
    append_item (moves, _("Move Wave _Left"), "designer.move-wave-left",
                 g_variant_new_uint32 (wave_number));
  if (wave_number < n_waves)
    append_item (moves, _("Move Wave _Right"), "designer.move-wave-right",
                 g_variant_new_uint32 (wave_number));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
  append_item (removal, _("_Delete Wave"), "designer.delete-wave",
               g_variant_new_uint32 (wave_number));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
column_new (DrsoPlanDesigner *self,
            DrsoWave         *wave,
            guint             n_waves,
            gboolean          can_edit,
            GtkSizeGroup     *widths)
{
  DrsoPlanWaveColumn *column = g_new0 (DrsoPlanWaveColumn, 1);
  guint number = drso_wave_get_wave_number (wave);
  const char * const *group_ids = drso_wave_get_protection_group_ids (wave);
  g_autofree char *title = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GMenuModel) menu_model = NULL;
  GtkWidget *box, *header, *handle, *label, *menu, *entry, *footer, *spin, *servers;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "drso-plan-wave");
  gtk_widget_set_size_request (box, 240, -1);
  gtk_size_group_add_widget (widths, box);
  _drso_plan_designer_set_focus_key (box, "wave-%u", number);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder the waves"));
  gtk_box_append (GTK_BOX (header), handle);
  /* TRANSLATORS: the title of a wave's column in the plan designer. */
  title = g_strdup_printf (_("Wave %u"), number);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (header), label);
  column->badge = _drso_plan_badge_new ();
  _drso_plan_designer_set_focus_key (column->badge, "wave-badge-%u", number);
  gtk_box_append (GTK_BOX (header), column->badge);
  menu_model = wave_menu_new (number, n_waves);
  menu = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), menu_model);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (menu), FALSE);
  gtk_widget_set_sensitive (menu, can_edit);
  gtk_widget_set_tooltip_text (menu, _("Wave Menu"));
  _drso_plan_designer_set_focus_key (menu, "wave-menu-%u", number);
  gtk_box_append (GTK_BOX (header), menu);
  gtk_box_append (GTK_BOX (box), header);
  if (can_edit)
    {
      g_autofree char *value = g_strdup_printf ("wave:%u", number);

      _drso_plan_designer_add_drag_source (self, header, value);
    }

  entry = gtk_entry_new ();
  gtk_entry_set_has_frame (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 256);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name this wave"));
  gtk_editable_set_text (GTK_EDITABLE (entry), drso_wave_get_wave_name (wave) != NULL ?
                                               drso_wave_get_wave_name (wave) : "");
  gtk_editable_set_editable (GTK_EDITABLE (entry), can_edit);
  gtk_widget_add_css_class (entry, "heading");
  /* TRANSLATORS: the accessible name of a wave's name field. */
  accessible = g_strdup_printf (_("Name of wave %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  _drso_plan_designer_set_focus_key (entry, "wave-name-%u", number);
  g_object_set_data_full (G_OBJECT (entry), "wave", g_object_ref (wave), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (wave_name_changed_cb), self);
  gtk_box_append (GTK_BOX (box), entry);

  column->cards_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_vexpand (column->cards_box, TRUE);
  for (guint i = 0; group_ids[i] != NULL; i++)
    gtk_box_append (GTK_BOX (column->cards_box),
                    card_new (self, group_ids[i], number, n_waves, can_edit));
  column->placeholder = gtk_label_new (_("Drag protection groups here"));
  gtk_label_set_wrap (GTK_LABEL (column->placeholder), TRUE);
  gtk_widget_add_css_class (column->placeholder, "drso-plan-dropzone");
  gtk_widget_add_css_class (column->placeholder, "dim-label");
  gtk_widget_set_visible (column->placeholder, group_ids[0] == NULL);
  gtk_box_append (GTK_BOX (column->cards_box), column->placeholder);
  gtk_box_append (GTK_BOX (box), column->cards_box);

  column->problem_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (column->problem_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (column->problem_label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (column->problem_label), 28);
  gtk_widget_add_css_class (column->problem_label, "caption");
  gtk_widget_add_css_class (column->problem_label, "error");
  gtk_widget_set_visible (column->problem_label, FALSE);
  gtk_box_append (GTK_BOX (box), column->problem_label);

  servers = _drso_plan_designer_servers_button_new (self, wave);
  gtk_widget_set_halign (servers, GTK_ALIGN_START);
  _drso_plan_designer_set_focus_key (servers, "wave-servers-%u", number);
  gtk_box_append (GTK_BOX (box), servers);

  footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (footer), gtk_label_new ("≈"));
  spin = gtk_spin_button_new_with_range (0, 1440, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             (drso_wave_get_estimated_duration (wave) + 59) / 60);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_widget_set_sensitive (spin, can_edit);
  gtk_widget_set_tooltip_text (spin, _("How long the wave should take, in minutes"));
  /* TRANSLATORS: the accessible name of a wave's estimated duration field. */
  g_free (accessible);
  accessible = g_strdup_printf (_("Estimated duration of wave %u, in minutes"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  _drso_plan_designer_set_focus_key (spin, "wave-duration-%u", number);
  g_object_set_data_full (G_OBJECT (spin), "wave", g_object_ref (wave), g_object_unref);
  g_signal_connect (spin, "value-changed", G_CALLBACK (wave_duration_changed_cb), self);
  gtk_box_append (GTK_BOX (footer), spin);
  /* TRANSLATORS: after a wave's estimated duration. */
  label = gtk_label_new (_("min estimated"));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (footer), label);
  gtk_box_append (GTK_BOX (box), footer);

  if (can_edit)
    _drso_plan_designer_add_drop_target (self, box, number);

  column->wave_number = number;
  column->column = box;
  g_ptr_array_add (self->columns, column);
  return box;
}

static GMenuModel *
unused_menu_new (const char *group_id,
                 guint       n_waves)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 1; i <= n_waves; i++)
    {
      /* TRANSLATORS: a menu item of a protection group not in the plan. */
      g_autofree char *label = g_strdup_printf (_("Add to Wave %u"), i);

      append_item (menu, label, "designer.add-group", g_variant_new ("(su)", group_id, i));
    }
  append_item (menu, _("Add to a _New Wave"), "designer.add-group",
               g_variant_new ("(su)", group_id, n_waves + 1));
  return G_MENU_MODEL (menu);
}

static void
rebuild_unused (DrsoPlanDesigner *self,
                gboolean          can_edit)
{
  GListModel *groups = drso_store_get_protection_groups (self->store);
  guint n_waves = drso_recovery_plan_get_n_waves (self->plan);
  guint n_unused = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unused_flow))) != NULL)
    gtk_flow_box_remove (self->unused_flow, child);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (groups, i);
      const char *group_id = drso_protection_group_get_group_id (group);
      g_autoptr(GMenuModel) menu_model = NULL;
      g_autofree char *label = NULL;
      GtkWidget *chip;
      guint n_servers = 0;

      if (drso_recovery_plan_find_group (self->plan, group_id) != NULL)
        continue;
      collect_servers (self, group, 0, &n_servers);
      /* TRANSLATORS: a protection group not in the plan: its name · its number of servers. */
      label = g_strdup_printf (_("%s · %u"), drso_protection_group_get_group_name (group),
                               n_servers);
      menu_model = unused_menu_new (group_id, n_waves);
      chip = gtk_menu_button_new ();
      gtk_menu_button_set_label (GTK_MENU_BUTTON (chip), label);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (chip), menu_model);
      gtk_widget_add_css_class (chip, "drso-plan-chip");
      gtk_widget_set_sensitive (chip, can_edit);
      gtk_widget_set_tooltip_text (chip, _("Drag into a wave, or choose one from this menu"));
      _drso_plan_designer_set_focus_key (chip, "unused-%s", group_id);
      if (can_edit)
        _drso_plan_designer_add_drag_source (self, chip, group_id);
      gtk_flow_box_append (self->unused_flow, chip);
      /* The chip takes the focus, not the flow box's child around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
      n_unused++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->unused_flow), n_unused > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->unused_empty_label), n_unused == 0);
  gtk_label_set_text (self->unused_empty_label,
                      g_list_model_get_n_items (groups) == 0
                        ? _("There are no protection groups yet: create them in Protection Groups.")
                        : _("Every protection group is in this plan."));
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  DrsoPlanDesigner *self = user_data;

  self->rebuild_source = 0;
  _drso_plan_designer_rebuild_board (self);
  return G_SOURCE_REMOVE;
}

void
_drso_plan_designer_queue_rebuild (DrsoPlanDesigner *self)
{
  if (self->rebuild_source == 0 && self->plan != NULL)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_idle_cb, self, NULL);
}

void
_drso_plan_designer_rebuild_board (DrsoPlanDesigner *self)
{
  g_autofree char *focus_key = NULL;
  /* Every column as wide as the widest, so that the board reads as a grid. */
  g_autoptr(GtkSizeGroup) widths = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  GListModel *waves;
  gboolean can_edit;
  int cursor;
  guint n;
  GtkWidget *child;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->plan == NULL)
    return;

  focus_key = dup_focused_key (self, &cursor);
  if (self->focus_key != NULL)
    {
      g_free (focus_key);
      focus_key = g_steal_pointer (&self->focus_key);
      cursor = -1;
    }
  can_edit = _drso_plan_designer_can_edit (self);
  waves = drso_recovery_plan_get_waves (self->plan);
  n = g_list_model_get_n_items (waves);

  g_ptr_array_set_size (self->columns, 0);
  g_ptr_array_set_size (self->cards, 0);
  g_hash_table_remove_all (self->server_groups);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->waves_box))) != NULL)
    gtk_box_remove (self->waves_box, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);

      /* A gate before the first wave only when it pauses there, so that the
       * pause stays visible (and can be removed). */
      if (i > 0 || drso_wave_get_pause_before_wave (wave))
        gtk_box_append (self->waves_box, _drso_plan_designer_gate_new (self, wave, can_edit));
      gtk_box_append (self->waves_box, column_new (self, wave, n, can_edit, widths));
    }
  gtk_widget_set_margin_start (GTK_WIDGET (self->add_wave_button), n > 0 ? 12 : 0);
  rebuild_unused (self, can_edit);
  _drso_plan_designer_show_problems (self);

  if (focus_key != NULL)
    {
      GtkWidget *target = find_named (GTK_WIDGET (self), focus_key);

      if (target != NULL)
        gtk_widget_grab_focus (target);
      /* Typing goes on where it was, rather than over a selected text. */
      if (target != NULL && cursor >= 0 && GTK_IS_EDITABLE (target))
        gtk_editable_set_position (GTK_EDITABLE (target), cursor);
    }
}
