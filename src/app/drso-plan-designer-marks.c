/* drso-plan-designer-marks.c
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

/* What the board wears on top of its waves and cards: the designer's few
 * style classes, the warning badges, and the problems of the draft and the
 * readiness findings laid on the wave or card they concern. */

/* Our own classes only; colours come from libadwaita's palette. */
static const char designer_css[] =
  ".drso-plan-wave { padding: 10px 12px; }\n"
  ".drso-plan-wave:drop(active) { box-shadow: inset 0 0 0 2px @accent_color; }\n"
  ".drso-plan-group { padding: 8px 6px 8px 12px; }\n"
  ".drso-plan-group:focus-visible { outline: 2px solid alpha(@accent_color, 0.6);"
  " outline-offset: -2px; }\n"
  ".drso-plan-dropzone { border: 1px dashed alpha(currentColor, 0.3); border-radius: 8px;"
  " padding: 18px 8px; }\n"
  ".drso-plan-dropzone.error { border-color: alpha(@error_color, 0.8); }\n"
  ".drso-plan-gate { min-width: 28px; min-height: 28px; padding: 2px; }\n"
  ".drso-plan-chip { border-radius: 999px; padding: 2px 12px; }\n"
  ".drso-plan-unused:drop(active) { box-shadow: inset 0 0 0 2px @accent_color;"
  " border-radius: 8px; }\n"
  ".drso-plan-title { padding-left: 0; }\n"
  ".drso-plan-title > text { padding-left: 6px; }\n";

void
_drso_plan_designer_ensure_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, designer_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Badges: a small warning mark with a count, whose popover says what is
 * wrong. */

GtkWidget *
_drso_plan_badge_new (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *text = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_add_css_class (count, "caption-heading");
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), box);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (button), FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 48);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_margin_start (text, 6);
  gtk_widget_set_margin_end (text, 6);
  gtk_widget_set_margin_top (text, 6);
  gtk_widget_set_margin_bottom (text, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), text);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);

  g_object_set_data (G_OBJECT (button), "count", count);
  g_object_set_data (G_OBJECT (button), "text", text);
  gtk_widget_set_visible (button, FALSE);
  return button;
}

void
_drso_plan_badge_set (GtkWidget *badge,
                      GPtrArray *messages,
                      gboolean   is_error)
{
  GtkLabel *count = g_object_get_data (G_OBJECT (badge), "count");
  GtkLabel *text = g_object_get_data (G_OBJECT (badge), "text");
  g_autofree char *joined = NULL;
  g_autofree char *number = NULL;

  gtk_widget_set_visible (badge, messages->len > 0);
  if (messages->len == 0)
    return;

  g_ptr_array_add (messages, NULL);
  joined = g_strjoinv ("\n\n", (char **) messages->pdata);
  g_ptr_array_remove_index (messages, messages->len - 1);
  number = g_strdup_printf ("%u", messages->len);

  gtk_label_set_text (count, number);
  gtk_label_set_text (text, joined);
  gtk_widget_set_tooltip_text (badge, joined);
  gtk_widget_remove_css_class (badge, is_error ? "warning" : "error");
  gtk_widget_add_css_class (badge, is_error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  joined, -1);
}

/* Lays the validation problems and the readiness findings on the board,
 * and sums the problems up above it. */
void
_drso_plan_designer_show_problems (DrsoPlanDesigner *self)
{
  g_autoptr(GPtrArray) summary = g_ptr_array_new ();
  gboolean shown = self->dirty || self->stored;

  for (guint i = 0; i < self->columns->len; i++)
    {
      DrsoPlanWaveColumn *column = g_ptr_array_index (self->columns, i);
      g_autoptr(GPtrArray) errors = g_ptr_array_new ();
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      gboolean is_error = FALSE;

      for (guint j = 0; j < self->problems->len; j++)
        {
          DrsoPlanProblem *problem = g_ptr_array_index (self->problems, j);

          if (problem->wave_number == column->wave_number && problem->group_id == NULL)
            g_ptr_array_add (errors, problem->message);
        }
      g_ptr_array_add (errors, NULL);
      gtk_label_set_text (GTK_LABEL (column->problem_label),
                          errors->len > 1 ? g_ptr_array_index (errors, 0) : "");
      gtk_widget_set_visible (column->problem_label, errors->len > 1);
      gtk_widget_set_tooltip_text (column->column, errors->len > 1
                                   ? g_ptr_array_index (errors, 0) : NULL);
      if (errors->len > 1)
        gtk_widget_add_css_class (column->placeholder, "error");
      else
        gtk_widget_remove_css_class (column->placeholder, "error");

      _drso_plan_designer_collect_findings (self, column->wave_number, NULL, messages, &is_error);
      _drso_plan_badge_set (column->badge, messages, is_error);
    }

  for (guint i = 0; i < self->cards->len; i++)
    {
      DrsoPlanGroupCard *card = g_ptr_array_index (self->cards, i);
      g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
      gboolean is_error = FALSE;

      for (guint j = 0; j < self->problems->len; j++)
        {
          DrsoPlanProblem *problem = g_ptr_array_index (self->problems, j);

          if (problem->wave_number == card->wave_number &&
              g_strcmp0 (problem->group_id, card->group_id) == 0)
            {
              g_ptr_array_add (messages, g_strdup (problem->message));
              is_error = TRUE;
            }
        }
      _drso_plan_designer_collect_findings (self, card->wave_number, card->group_id, messages,
                                            &is_error);
      _drso_plan_badge_set (card->badge, messages, is_error);
    }

  for (guint i = 0; i < self->problems->len; i++)
    g_ptr_array_add (summary, ((DrsoPlanProblem *) g_ptr_array_index (self->problems, i))->message);

  gtk_revealer_set_reveal_child (self->problems_revealer, shown && summary->len > 0);
  if (summary->len > 0)
    {
      g_autofree char *text = NULL;

      if (summary->len == 1)
        text = g_strdup (g_ptr_array_index (summary, 0));
      else
        /* TRANSLATORS: the summary of a plan's problems: how many, then the first one. */
        text = g_strdup_printf (g_dngettext (NULL, "%u problem: %s", "%u problems. First: %s",
                                             summary->len),
                                summary->len, (char *) g_ptr_array_index (summary, 0));
      gtk_label_set_text (self->problems_label, text);
    }
}
