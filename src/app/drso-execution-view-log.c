/* drso-execution-view-log.c
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

/* The event log of the page of one execution: the execution's events in
 * the order they happened, new ones appended as they come (the list follows
 * them while it is scrolled to its end), filtered by kind and by words. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-execution-format.h"
#include "drso-execution-view-private.h"

/* The choices of the kind filter, in the order of the .ui's string list. */
enum {
  KIND_ALL,
  KIND_PROBLEMS,
  KIND_WAVES,
  KIND_SERVERS,
};

static const char *
get_kind_icon (DrsoEventKind  kind,
               const char   **css_class)
{
  switch (kind)
    {
    case DRSO_EVENT_KIND_WARNING:
      *css_class = "warning";
      return "dialog-warning-symbolic";
    case DRSO_EVENT_KIND_ERROR:
    case DRSO_EVENT_KIND_WAVE_FAILED:
      *css_class = "error";
      return "dialog-error-symbolic";
    case DRSO_EVENT_KIND_EXECUTION_STARTED:
    case DRSO_EVENT_KIND_RESUMED:
      *css_class = "accent";
      return "media-playback-start-symbolic";
    case DRSO_EVENT_KIND_WAVE_STARTED:
      *css_class = "accent";
      return "media-skip-forward-symbolic";
    case DRSO_EVENT_KIND_JOB_STARTED:
      *css_class = "dim-label";
      return "system-run-symbolic";
    case DRSO_EVENT_KIND_SERVER_CHANGED:
      *css_class = "dim-label";
      return "network-server-symbolic";
    case DRSO_EVENT_KIND_WAVE_COMPLETED:
      *css_class = "success";
      return "object-select-symbolic";
    case DRSO_EVENT_KIND_PAUSED:
      *css_class = "warning";
      return "media-playback-pause-symbolic";
    case DRSO_EVENT_KIND_CANCELLED:
      *css_class = "dim-label";
      return "process-stop-symbolic";
    case DRSO_EVENT_KIND_EXECUTION_FINISHED:
      *css_class = NULL;
      return "emoji-flags-symbolic";
    case DRSO_EVENT_KIND_INFO:
    default:
      *css_class = "dim-label";
      return "dialog-information-symbolic";
    }
}

static const char *
get_kind_label (DrsoEventKind kind)
{
  switch (kind)
    {
    case DRSO_EVENT_KIND_WARNING:
      return _("Warning");
    case DRSO_EVENT_KIND_ERROR:
      return _("Error");
    case DRSO_EVENT_KIND_EXECUTION_STARTED:
      return _("Execution started");
    case DRSO_EVENT_KIND_WAVE_STARTED:
      return _("Wave started");
    case DRSO_EVENT_KIND_JOB_STARTED:
      return _("DRS job started");
    case DRSO_EVENT_KIND_SERVER_CHANGED:
      return _("Server changed");
    case DRSO_EVENT_KIND_WAVE_COMPLETED:
      return _("Wave completed");
    case DRSO_EVENT_KIND_WAVE_FAILED:
      return _("Wave failed");
    case DRSO_EVENT_KIND_PAUSED:
      return _("Paused");
    case DRSO_EVENT_KIND_RESUMED:
      return _("Resumed");
    case DRSO_EVENT_KIND_CANCELLED:
      return _("Cancelled");
    case DRSO_EVENT_KIND_EXECUTION_FINISHED:
      return _("Execution ended");
    case DRSO_EVENT_KIND_INFO:
    default:
      return _("Note");
    }
}

static gboolean
kind_in_choice (DrsoEventKind kind,
                guint         choice)
{
  switch (choice)
    {
    case KIND_PROBLEMS:
      return kind == DRSO_EVENT_KIND_WARNING || kind == DRSO_EVENT_KIND_ERROR ||
             kind == DRSO_EVENT_KIND_WAVE_FAILED;
    case KIND_WAVES:
      return kind == DRSO_EVENT_KIND_EXECUTION_STARTED || kind == DRSO_EVENT_KIND_WAVE_STARTED ||
             kind == DRSO_EVENT_KIND_WAVE_COMPLETED || kind == DRSO_EVENT_KIND_WAVE_FAILED ||
             kind == DRSO_EVENT_KIND_PAUSED || kind == DRSO_EVENT_KIND_RESUMED ||
             kind == DRSO_EVENT_KIND_CANCELLED || kind == DRSO_EVENT_KIND_EXECUTION_FINISHED;
    case KIND_SERVERS:
      return kind == DRSO_EVENT_KIND_SERVER_CHANGED || kind == DRSO_EVENT_KIND_JOB_STARTED;
    case KIND_ALL:
    default:
      return TRUE;
    }
}

static gboolean
contains_word (const char *text,
               const char *word)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, word) != NULL;
}

static gboolean
filter_event (gpointer item,
              gpointer user_data)
{
  DrsoExecutionView *self = user_data;
  DrsoExecutionEvent *event = item;

  if (!kind_in_choice (drso_execution_event_get_kind (event),
                       gtk_drop_down_get_selected (self->kind_dropdown)))
    return FALSE;

  for (guint i = 0; self->search_words != NULL && self->search_words[i] != NULL; i++)
    {
      const char *word = self->search_words[i];

      if (!contains_word (drso_execution_event_get_message (event), word) &&
          !contains_word (drso_execution_event_get_server_id (event), word) &&
          !contains_word (drso_execution_event_get_actor (event), word))
        return FALSE;
    }
  return TRUE;
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = gtk_label_new (NULL);
  GtkWidget *wave = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_xalign (GTK_LABEL (time), 0);
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_widget_add_css_class (time, "monospace");
  gtk_widget_add_css_class (time, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (wave), 0);
  gtk_label_set_width_chars (GTK_LABEL (wave), 7);
  gtk_widget_set_valign (wave, GTK_ALIGN_START);
  gtk_widget_add_css_class (wave, "dim-label");

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 1);

  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (message, TRUE);

  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), wave);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DrsoExecutionEvent *event = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *wave = gtk_widget_get_next_sibling (time);
  GtkWidget *icon = gtk_widget_get_next_sibling (wave);
  GtkWidget *message = gtk_widget_get_next_sibling (icon);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *wave_text = NULL;
  g_autofree char *tooltip = NULL;
  const char *css_class = NULL;
  const char *icon_name;
  const char *actor = drso_execution_event_get_actor (event);
  const char *server_id = drso_execution_event_get_server_id (event);

  when = g_date_time_new_from_unix_local (drso_execution_event_get_time (event) / G_USEC_PER_SEC);
  /* TRANSLATORS: the time of an event of the log, in strftime() form */
  time_text = g_date_time_format (when, _("%H:%M:%S"));
  gtk_label_set_label (GTK_LABEL (time), time_text);

  if (drso_execution_event_get_wave_number (event) > 0)
    /* TRANSLATORS: the wave an event of the log is about */
    wave_text = g_strdup_printf (_("Wave %u"), drso_execution_event_get_wave_number (event));
  gtk_label_set_label (GTK_LABEL (wave), wave_text ? wave_text : "");

  icon_name = get_kind_icon (drso_execution_event_get_kind (event), &css_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  drso_ui_set_state_class (icon, css_class);
  gtk_widget_set_tooltip_text (icon, get_kind_label (drso_execution_event_get_kind (event)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  get_kind_label (drso_execution_event_get_kind (event)), -1);

  gtk_label_set_label (GTK_LABEL (message), drso_execution_event_get_message (event));

  if (server_id != NULL && actor != NULL)
    /* TRANSLATORS: the tooltip of an event: the server it is about and who caused it */
    tooltip = g_strdup_printf (_("Server %s · by %s"), server_id, actor);
  else if (server_id != NULL)
    /* TRANSLATORS: the tooltip of an event: the server it is about */
    tooltip = g_strdup_printf (_("Server %s"), server_id);
  else if (actor != NULL)
    /* TRANSLATORS: the tooltip of an event: who caused it */
    tooltip = g_strdup_printf (_("By %s"), actor);
  gtk_widget_set_tooltip_text (message, tooltip);
}

/* Following the newest events */

/* The list follows the newest events while it is scrolled to its end (or
 * cannot scroll): a person reading older ones keeps their place. The list
 * view's heights are estimates, hence the tolerance of about a row. */
#define FOLLOW_TOLERANCE 48

static void
log_value_changed_cb (GtkAdjustment     *adjustment,
                      DrsoExecutionView *self)
{
  self->log_follow = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
                     >= gtk_adjustment_get_upper (adjustment) - FOLLOW_TOLERANCE;
}

static void
scroll_to_newest (DrsoExecutionView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events_filtered));

  if (n > 0 && self->log_follow)
    gtk_widget_activate_action (GTK_WIDGET (self->log_view), "list.scroll-to-item", "u", n - 1);
}

static void
update_log_stack (DrsoExecutionView *self)
{
  GListModel *filtered = G_LIST_MODEL (self->events_filtered);

  if (g_list_model_get_n_items (filtered) > 0)
    {
      gtk_stack_set_visible_child_name (self->log_stack, "list");
      return;
    }
  gtk_label_set_label (GTK_LABEL (gtk_stack_get_child_by_name (self->log_stack, "empty")),
                       g_list_model_get_n_items (G_LIST_MODEL (self->events)) == 0
                       ? _("No events yet")
                       : _("No events match the filter"));
  gtk_stack_set_visible_child_name (self->log_stack, "empty");
}

/* Internal API */

void
_drso_execution_view_init_log (DrsoExecutionView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkCustomFilter *filter;
  GtkAdjustment *adjustment;

  self->events = g_list_store_new (DRSO_TYPE_EXECUTION_EVENT);
  filter = gtk_custom_filter_new (filter_event, self, NULL);
  self->event_filter = filter;
  self->events_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->events)),
                                                     GTK_FILTER (filter));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->events_filtered)));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->log_view, factory);
  gtk_list_view_set_model (self->log_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_show_separators (self->log_view, TRUE);

  self->log_follow = TRUE;
  adjustment = gtk_scrolled_window_get_vadjustment (self->log_scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (log_value_changed_cb), self, 0);
  update_log_stack (self);
}

void
_drso_execution_view_dispose_log (DrsoExecutionView *self)
{
  /* The filter points at this view: someone may still hold the models. */
  if (self->event_filter != NULL)
    gtk_custom_filter_set_filter_func (self->event_filter, NULL, NULL, NULL);
  self->event_filter = NULL;
  if (self->log_view != NULL)
    gtk_list_view_set_model (self->log_view, NULL);
  g_clear_object (&self->events_filtered);
  g_clear_object (&self->events);
  g_clear_pointer (&self->search_words, g_strfreev);
}

void
_drso_execution_view_clear_log (DrsoExecutionView *self)
{
  g_list_store_remove_all (self->events);
  self->last_event_id = 0;
  self->log_follow = TRUE;
  update_log_stack (self);
}

/* Appends the events logged since the last call. */
void
_drso_execution_view_load_events (DrsoExecutionView *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->execution_id == NULL)
    return;

  events = drso_store_list_events (self->store, self->execution_id, self->last_event_id, &error);
  if (events == NULL)
    {
      g_warning ("Could not read the events of %s: %s", self->execution_id, error->message);
      return;
    }
  if (events->len == 0)
    return;

  for (guint i = 0; i < events->len; i++)
    self->last_event_id = MAX (self->last_event_id,
                               drso_execution_event_get_event_id (g_ptr_array_index (events, i)));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  g_list_store_splice (self->events, n, 0, events->pdata, events->len);
  update_log_stack (self);
  scroll_to_newest (self);
}

void
_drso_execution_view_update_log_filter (DrsoExecutionView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->log_search));
  g_autofree char *folded = g_utf8_casefold (text, -1);

  g_auto(GStrv) parts = g_strsplit_set (folded, " \t", -1);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        continue;
      g_strv_builder_add (words, parts[i]);
      any = TRUE;
    }
  g_clear_pointer (&self->search_words, g_strfreev);
  if (any)
    self->search_words = g_strv_builder_end (words);

  gtk_filter_changed (GTK_FILTER (self->event_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_log_stack (self);
  self->log_follow = TRUE;
  scroll_to_newest (self);
}
