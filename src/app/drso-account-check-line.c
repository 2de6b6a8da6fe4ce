/* drso-account-check-line.c
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

#include "drso-account-check-private.h"

/**
 * DrsoAccountCheckLine:
 *
 * One step of a #DrsoAccountCheck: its name (`sts`, `role`, `drs` or
 * `ec2`), a title to show, where it stands, and the sentence that says what
 * works or why not.
 */

struct _DrsoAccountCheckLine
{
  GObject         parent_instance;

  char           *name;
  char           *title;
  char           *detail;
  DrsoCheckState  state;
};

G_DEFINE_FINAL_TYPE (DrsoAccountCheckLine, drso_account_check_line, G_TYPE_OBJECT)

enum {
  LINE_PROP_0,
  LINE_PROP_NAME,
  LINE_PROP_TITLE,
  LINE_PROP_STATE,
  LINE_PROP_DETAIL,
  LINE_N_PROPS
};

static GParamSpec *line_properties[LINE_N_PROPS];

static void
drso_account_check_line_finalize (GObject *object)
{
  DrsoAccountCheckLine *self = DRSO_ACCOUNT_CHECK_LINE (object);

  g_free (self->name);
  g_free (self->title);
  g_free (self->detail);

  G_OBJECT_CLASS (drso_account_check_line_parent_class)->finalize (object);
}

static void
drso_account_check_line_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DrsoAccountCheckLine *self = DRSO_ACCOUNT_CHECK_LINE (object);

  switch (prop_id)
    {
    case LINE_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case LINE_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case LINE_PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case LINE_PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_account_check_line_class_init (DrsoAccountCheckLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_account_check_line_finalize;
  object_class->get_property = drso_account_check_line_get_property;

  line_properties[LINE_PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  line_properties[LINE_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  line_properties[LINE_PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, DRSO_CHECK_STATE_PENDING, DRSO_CHECK_STATE_SKIPPED,
                       DRSO_CHECK_STATE_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  line_properties[LINE_PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, LINE_N_PROPS, line_properties);
}

static void
drso_account_check_line_init (DrsoAccountCheckLine *self)
{
}

DrsoAccountCheckLine *
_drso_account_check_line_new (const char *name,
                              const char *title)
{
  DrsoAccountCheckLine *self = g_object_new (DRSO_TYPE_ACCOUNT_CHECK_LINE, NULL);

  self->name = g_strdup (name);
  self->title = g_strdup (title);
  return self;
}

void
_drso_account_check_line_set (DrsoAccountCheckLine *self,
                              DrsoCheckState        state,
                              const char           *detail)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), line_properties[LINE_PROP_STATE]);
    }
  if (g_strcmp0 (self->detail, detail) != 0)
    {
      g_free (self->detail);
      self->detail = g_strdup (detail);
      g_object_notify_by_pspec (G_OBJECT (self), line_properties[LINE_PROP_DETAIL]);
    }
}

/* A row that shows a line: a mark for its state, its title, and the sentence
 * that says what works or why not. */

static void
update_row (AdwActionRow         *row,
            DrsoAccountCheckLine *line)
{
  GtkWidget *image = g_object_get_data (G_OBJECT (row), "drso-check-image");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (row), "drso-check-spinner");
  g_autofree char *escaped = g_markup_escape_text (line->detail ? line->detail : "", -1);
  const char *icon_name = NULL;
  const char *style = NULL;
  const char *description = NULL;

  switch (line->state)
    {
    case DRSO_CHECK_STATE_OK:
      icon_name = "emblem-ok-symbolic";
      style = "success";
      description = _("Works");
      break;
    case DRSO_CHECK_STATE_FAILED:
      icon_name = "dialog-error-symbolic";
      style = "error";
      description = _("Failed");
      break;
    case DRSO_CHECK_STATE_SKIPPED:
      icon_name = "action-unavailable-symbolic";
      style = "dim-label";
      description = _("Not tried");
      break;
    case DRSO_CHECK_STATE_RUNNING:
      description = _("Checking…");
      break;
    case DRSO_CHECK_STATE_PENDING:
    default:
      icon_name = "content-loading-symbolic";
      style = "dim-label";
      description = _("Waiting");
      break;
    }

  gtk_widget_remove_css_class (image, "success");
  gtk_widget_remove_css_class (image, "error");
  gtk_widget_remove_css_class (image, "dim-label");
  if (style != NULL)
    gtk_widget_add_css_class (image, style);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (GTK_IMAGE (image), icon_name);
  gtk_widget_set_visible (image, icon_name != NULL);
  gtk_widget_set_visible (spinner, icon_name == NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), icon_name == NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);

  if (line->detail != NULL)
    adw_action_row_set_subtitle (row, escaped);
  else if (line->state == DRSO_CHECK_STATE_RUNNING)
    adw_action_row_set_subtitle (row, _("Checking…"));
  else
    adw_action_row_set_subtitle (row, "");
}

static void
line_notify_cb (DrsoAccountCheckLine *line,
                GParamSpec           *pspec,
                AdwActionRow         *row)
{
  update_row (row, line);
}

/**
 * drso_account_check_line_row_new:
 * @self: a #DrsoAccountCheckLine
 *
 * A row that shows @self and follows its changes. Its widget name is
 * `check-` followed by the line's name.
 *
 * Returns: (transfer floating): a new #AdwActionRow
 */
GtkWidget *
drso_account_check_line_row_new (DrsoAccountCheckLine *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  g_autofree char *widget_name = g_strconcat ("check-", self->name, NULL);

  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK_LINE (self), NULL);

  gtk_widget_set_name (row, widget_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), spinner);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "drso-check-image", image);
  g_object_set_data (G_OBJECT (row), "drso-check-spinner", spinner);

  update_row (ADW_ACTION_ROW (row), self);
  g_signal_connect_object (self, "notify", G_CALLBACK (line_notify_cb), row, 0);
  return row;
}

const char *
drso_account_check_line_get_name (DrsoAccountCheckLine *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK_LINE (self), NULL);
  return self->name;
}

const char *
drso_account_check_line_get_title (DrsoAccountCheckLine *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK_LINE (self), NULL);
  return self->title;
}

DrsoCheckState
drso_account_check_line_get_state (DrsoAccountCheckLine *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK_LINE (self), DRSO_CHECK_STATE_PENDING);
  return self->state;
}

const char *
drso_account_check_line_get_detail (DrsoAccountCheckLine *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK_LINE (self), NULL);
  return self->detail;
}

