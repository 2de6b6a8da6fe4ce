/* drso-plan-designer-edit.c
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

/* The changes of waves and groups, each an action of the designer so that
 * menus, the keyboard and drag and drop share them:
 *
 *   designer.add-wave                       a wave at the end
 *   designer.delete-wave (u)                its groups go back to the strip
 *   designer.move-wave-left (u), designer.move-wave-right (u)
 *   designer.move-group-previous (s), designer.move-group-next (s)
 *                                           a group to the wave before or after
 *                                           (Alt+Left, Alt+Right on its card)
 *   designer.add-group ((su))               a group into wave N (N = waves + 1:
 *                                           into a new wave)
 *   designer.remove-group (s)               a group out of the plan
 *
 * and the gates between waves, toggles of the wave's pauseBeforeWave.
 *
 * Drags carry a string: a group id, or `wave:N` for a wave's header. */

#define WAVE_PREFIX "wave:"

static void
focus_after_rebuild (DrsoPlanDesigner *self,
                     char             *key)
{
  g_free (self->focus_key);
  self->focus_key = key;
}

/* Moves @group_id (in the plan or not) into wave @wave_number, before the
 * group at @position of that wave (-1: at its end). Wave number n + 1, for
 * a plan of n waves, adds a wave. Returns FALSE if nothing changed. */
gboolean
_drso_plan_designer_move_group (DrsoPlanDesigner *self,
                                const char       *group_id,
                                guint             wave_number,
                                int               position)
{
  guint n = drso_recovery_plan_get_n_waves (self->plan);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const char * const *current;
  DrsoWave *source, *target;

  if (wave_number == 0 || wave_number > n + 1)
    return FALSE;

  source = drso_recovery_plan_find_group (self->plan, group_id);
  if (wave_number == n + 1)
    {
      g_autoptr(DrsoWave) wave = drso_wave_new (NULL);

      drso_recovery_plan_append_wave (self->plan, wave);
    }
  target = drso_recovery_plan_get_wave (self->plan, wave_number);

  if (source == target)
    {
      current = drso_wave_get_protection_group_ids (target);
      for (int i = 0; current[i] != NULL; i++)
        {
          if (g_strcmp0 (current[i], group_id) != 0)
            continue;
          if (position < 0 && current[i + 1] == NULL)
            return FALSE;
          if (position > i)
            position--;
          if (position == i)
            return FALSE;
          break;
        }
    }
  if (source != NULL)
    drso_wave_remove_protection_group_id (source, group_id);

  current = drso_wave_get_protection_group_ids (target);
  for (guint i = 0; current[i] != NULL; i++)
    g_ptr_array_add (ids, (gpointer) current[i]);
  if (position < 0 || (guint) position > ids->len)
    position = ids->len;
  g_ptr_array_insert (ids, position, (gpointer) group_id);
  g_ptr_array_add (ids, NULL);
  drso_wave_set_protection_group_ids (target, (const char * const *) ids->pdata);

  focus_after_rebuild (self, g_strdup_printf ("group-%s", group_id));
  _drso_plan_designer_changed (self, TRUE);
  return TRUE;
}

static void
move_wave (DrsoPlanDesigner *self,
           guint             from,
           guint             to)
{
  if (from == to || !drso_recovery_plan_move_wave (self->plan, from, to))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  focus_after_rebuild (self, g_strdup_printf ("wave-menu-%u", to));
  _drso_plan_designer_changed (self, TRUE);
}

static void
gate_toggled_cb (GtkToggleButton  *button,
                 DrsoPlanDesigner *self)
{
  DrsoWave *wave = g_object_get_data (G_OBJECT (button), "wave");

  if (drso_wave_get_pause_before_wave (wave) == gtk_toggle_button_get_active (button))
    return;
  drso_wave_set_pause_before_wave (wave, gtk_toggle_button_get_active (button));
  _drso_plan_designer_changed (self, TRUE);
}

/* The gate before @wave: a toggle, drawn as a pause mark when the plan
 * pauses there for approval. */
GtkWidget *
_drso_plan_designer_gate_new (DrsoPlanDesigner *self,
                              DrsoWave         *wave,
                              gboolean          can_edit)
{
  guint number = drso_wave_get_wave_number (wave);
  gboolean closed = drso_wave_get_pause_before_wave (wave);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *button = gtk_toggle_button_new ();
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *line = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

      gtk_widget_set_vexpand (line, TRUE);
      gtk_widget_set_halign (line, GTK_ALIGN_CENTER);
      gtk_widget_set_opacity (line, closed ? 1.0 : 0.4);
      if (i == 1)
        gtk_box_append (GTK_BOX (box), button);
      gtk_box_append (GTK_BOX (box), line);
    }

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            closed ? "media-playback-pause-symbolic" : "go-next-symbolic");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), closed);
  gtk_widget_add_css_class (button, "drso-plan-gate");
  gtk_widget_add_css_class (button, "circular");
  if (!closed)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "dim-label");
    }
  gtk_widget_set_sensitive (button, can_edit);
  /* TRANSLATORS: the accessible name of the gate before a wave (a toggle). */
  label = g_strdup_printf (_("Pause before wave %u"), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  tooltip = closed
    /* TRANSLATORS: the tooltip of a closed gate in the plan designer. */
    ? g_strdup_printf (_("The plan pauses here for approval before wave %u; click to run on "
                         "without a pause"), number)
    /* TRANSLATORS: the tooltip of an open gate in the plan designer. */
    : g_strdup_printf (_("Wave %u follows at once; click to pause for approval before it"),
                       number);
  gtk_widget_set_tooltip_text (button, tooltip);
  _drso_plan_designer_set_focus_key (button, "gate-%u", number);
  g_object_set_data_full (G_OBJECT (button), "wave", g_object_ref (wave), g_object_unref);
  g_signal_connect (button, "toggled", G_CALLBACK (gate_toggled_cb), self);
  return box;
}

/* Actions */

static void
add_wave_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (widget);
  g_autoptr(DrsoWave) wave = drso_wave_new (NULL);

  drso_recovery_plan_append_wave (self->plan, wave);
  focus_after_rebuild (self, g_strdup_printf ("wave-name-%u", drso_wave_get_wave_number (wave)));
  _drso_plan_designer_changed (self, TRUE);
}

static void
delete_wave_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (widget);
  guint number = g_variant_get_uint32 (parameter);

  if (!drso_recovery_plan_remove_wave (self->plan, number))
    return;
  if (drso_recovery_plan_get_n_waves (self->plan) > 0)
    focus_after_rebuild (self, g_strdup_printf ("wave-menu-%u", MAX (number, 2) - 1));
  _drso_plan_designer_changed (self, TRUE);
}

static void
move_wave_left_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  guint number = g_variant_get_uint32 (parameter);

  move_wave (DRSO_PLAN_DESIGNER (widget), number, number > 1 ? number - 1 : number);
}

static void
move_wave_right_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  guint number = g_variant_get_uint32 (parameter);

  move_wave (DRSO_PLAN_DESIGNER (widget), number, number + 1);
}

static void
step_group (DrsoPlanDesigner *self,
            const char       *group_id,
            int               step)
{
  DrsoWave *wave = drso_recovery_plan_find_group (self->plan, group_id);
  guint number = wave != NULL ? drso_wave_get_wave_number (wave) : 0;
  guint n = drso_recovery_plan_get_n_waves (self->plan);

  if (wave == NULL || (step < 0 && number == 1) || (step > 0 && number == n))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  _drso_plan_designer_move_group (self, group_id, number + step, -1);
}

static void
move_group_previous_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  step_group (DRSO_PLAN_DESIGNER (widget), g_variant_get_string (parameter, NULL), -1);
}

static void
move_group_next_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_group (DRSO_PLAN_DESIGNER (widget), g_variant_get_string (parameter, NULL), 1);
}

static void
add_group_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (widget);
  const char *group_id;
  guint number;

  g_variant_get (parameter, "(&su)", &group_id, &number);
  if (!_drso_plan_designer_move_group (self, group_id, number, -1))
    gtk_widget_error_bell (widget);
}

static void
remove_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (widget);
  const char *group_id = g_variant_get_string (parameter, NULL);
  DrsoWave *wave = drso_recovery_plan_find_group (self->plan, group_id);

  if (wave == NULL)
    return;
  drso_wave_remove_protection_group_id (wave, group_id);
  focus_after_rebuild (self, g_strdup_printf ("unused-%s", group_id));
  _drso_plan_designer_changed (self, TRUE);
}

/* Drag and drop */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  const char *value = g_object_get_data (G_OBJECT (source), "value");

  g_object_set_data (G_OBJECT (source), "x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (source), "y", GINT_TO_POINTER ((int) y));
  return gdk_content_provider_new_typed (G_TYPE_STRING, value);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               gpointer       user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  const char *value = g_object_get_data (G_OBJECT (source), "value");
  g_autoptr(GdkPaintable) paintable = NULL;

  /* A wave is dragged by its header, and looks like its whole column. */
  if (g_str_has_prefix (value, WAVE_PREFIX))
    widget = gtk_widget_get_parent (widget);
  paintable = gtk_widget_paintable_new (widget);
  gtk_drag_source_set_icon (source, paintable,
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "x")),
                            GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "y")));
}

void
_drso_plan_designer_add_drag_source (DrsoPlanDesigner *self,
                                     GtkWidget        *widget,
                                     const char       *value)
{
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  /* Ahead of the buttons' own clicks, so that a chip can be dragged too. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (source), GTK_PHASE_CAPTURE);
  g_object_set_data_full (G_OBJECT (source), "value", g_strdup (value), g_free);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));
}

/* Where in wave @number a group dropped at @y (in @column's coordinates)
 * goes: before the first card whose middle is below it. */
static int
drop_position (DrsoPlanDesigner *self,
               GtkWidget        *column_widget,
               guint             number,
               double            y)
{
  DrsoPlanWaveColumn *column;
  int position = 0;

  if (number == 0 || number > self->columns->len)
    return -1;
  column = g_ptr_array_index (self->columns, number - 1);
  for (GtkWidget *child = gtk_widget_get_first_child (column->cards_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (child == column->placeholder ||
          !gtk_widget_compute_bounds (child, column_widget, &bounds))
        continue;
      if (y < bounds.origin.y + bounds.size.height / 2)
        return position;
      position++;
    }
  return -1;
}

static gboolean
drop_cb (GtkDropTarget    *target,
         const GValue     *value,
         double            x,
         double            y,
         DrsoPlanDesigner *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  guint number = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (target), "wave-number"));
  const char *text = g_value_get_string (value);

  if (text == NULL || self->plan == NULL || !_drso_plan_designer_can_edit (self))
    return FALSE;

  if (g_str_has_prefix (text, WAVE_PREFIX))
    {
      guint64 from = g_ascii_strtoull (text + strlen (WAVE_PREFIX), NULL, 10);

      if (number == 0 || from == 0 || from == number)
        return FALSE;
      move_wave (self, (guint) from, number);
      return TRUE;
    }

  if (number == 0)
    {
      g_autoptr(GVariant) parameter = g_variant_ref_sink (g_variant_new_string (text));

      remove_group_action (GTK_WIDGET (self), "designer.remove-group", parameter);
      return TRUE;
    }
  return _drso_plan_designer_move_group (self, text, number,
                                         drop_position (self, widget, number, y));
}

/* Makes @widget take drops for wave @wave_number; 0 is the strip of groups
 * not in the plan, where a dropped group leaves the plan. */
void
_drso_plan_designer_add_drop_target (DrsoPlanDesigner *self,
                                     GtkWidget        *widget,
                                     guint             wave_number)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  g_object_set_data (G_OBJECT (target), "wave-number", GUINT_TO_POINTER (wave_number));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

/* The keyboard on a card */

static gboolean
open_card_menu_cb (GtkWidget *card,
                   GVariant  *args,
                   gpointer   user_data)
{
  for (GtkWidget *row = gtk_widget_get_first_child (card); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (GTK_IS_MENU_BUTTON (child) && gtk_widget_get_sensitive (child) &&
              gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL)
            {
              gtk_menu_button_popup (GTK_MENU_BUTTON (child));
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              GtkShortcutAction     *action,
              const char            *group_id)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers), action);

  if (group_id != NULL)
    gtk_shortcut_set_arguments (shortcut, g_variant_new_string (group_id));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
card_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 gpointer         user_data)
{
  gtk_widget_grab_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
}

/* Alt+Left and Alt+Right move the card's group to the wave on that side
 * (mirrored right to left); Menu and Shift+F10 open its menu. */
void
_drso_plan_designer_add_card_shortcuts (DrsoPlanDesigner *self,
                                        GtkWidget        *card,
                                        const char       *group_id)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  GtkGesture *click = gtk_gesture_click_new ();

  add_shortcut (shortcuts, rtl ? GDK_KEY_Right : GDK_KEY_Left, GDK_ALT_MASK,
                gtk_named_action_new ("designer.move-group-previous"), group_id);
  add_shortcut (shortcuts, rtl ? GDK_KEY_Left : GDK_KEY_Right, GDK_ALT_MASK,
                gtk_named_action_new ("designer.move-group-next"), group_id);
  add_shortcut (shortcuts, GDK_KEY_Menu, 0,
                gtk_callback_action_new (open_card_menu_cb, NULL, NULL), NULL);
  add_shortcut (shortcuts, GDK_KEY_F10, GDK_SHIFT_MASK,
                gtk_callback_action_new (open_card_menu_cb, NULL, NULL), NULL);
  gtk_widget_add_controller (card, controller);

  g_signal_connect (click, "pressed", G_CALLBACK (card_pressed_cb), NULL);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));
}

void
_drso_plan_designer_class_edit_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "designer.add-wave", NULL, add_wave_action);
  gtk_widget_class_install_action (widget_class, "designer.delete-wave", "u",
                                   delete_wave_action);
  gtk_widget_class_install_action (widget_class, "designer.move-wave-left", "u",
                                   move_wave_left_action);
  gtk_widget_class_install_action (widget_class, "designer.move-wave-right", "u",
                                   move_wave_right_action);
  gtk_widget_class_install_action (widget_class, "designer.move-group-previous", "s",
                                   move_group_previous_action);
  gtk_widget_class_install_action (widget_class, "designer.move-group-next", "s",
                                   move_group_next_action);
  gtk_widget_class_install_action (widget_class, "designer.add-group", "(su)",
                                   add_group_action);
  gtk_widget_class_install_action (widget_class, "designer.remove-group", "s",
                                   remove_group_action);
}
