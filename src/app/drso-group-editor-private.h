/* drso-group-editor-private.h
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

#pragma once

#include "drso-group-editor.h"

G_BEGIN_DECLS

/* Shared by drso-group-editor.c (the form: name, place, saving) and
 * drso-group-editor-members.c (what the group gathers: servers picked one by
 * one, tag criteria, the other groups' servers, and the live preview). */

struct _DrsoGroupEditor
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkLabel            *preview_button_label;
  AdwFlap             *flap;
  AdwEntryRow         *name_row;
  GtkImage            *name_error_icon;
  GtkLabel            *name_error_label;
  AdwEntryRow         *description_row;
  AdwComboRow         *account_row;
  AdwComboRow         *region_row;
  GtkListBox          *tags_list;
  GtkLabel            *tags_error_label;
  GtkLabel            *tags_hint_label;
  GtkSearchEntry      *server_search_entry;
  GtkListBox          *servers_list;
  GtkLabel            *selected_label;
  GtkLabel            *preview_title_label;
  GtkLabel            *preview_detail_label;
  GtkWidget           *preview_conflict_box;
  GtkLabel            *preview_conflict_label;
  GtkListBox          *preview_list;
  GtkWidget           *delete_button;
  GtkWidget           *save_error_box;
  GtkLabel            *save_error_label;
  GtkWidget           *save_spacer;
  GtkWidget           *save_button;

  /* Owned references */
  DrsoStore           *store;
  DrsoProtectionGroup *group;           /* as stored; NULL until a new one is saved */
  GPtrArray           *account_ids;     /* of the account row's items */
  char                *account_id;
  char                *region;
  GPtrArray           *selected;        /* the chosen server ids, in order */
  GHashTable          *selected_set;    /* the same, to look up */
  GHashTable          *owners;          /* server id → name of the other group that has it */
  DrsoProtectionGroup *preview;         /* the form as a group, resolved */
  GPtrArray           *matches;         /* of DrsoSourceServer */
  char               **search_words;
  char                *initial_state;
  GtkWidget           *placeholder;

  guint                refresh_id;
  guint                updating : 1;
  guint                tried_save : 1;
  guint                had_name : 1;
};

/* drso-group-editor.c */
void        _drso_group_editor_set_save_error      (DrsoGroupEditor  *self,
                                                    const char       *message);
void        _drso_group_editor_set_tags_error      (DrsoGroupEditor  *self,
                                                    const char       *message);

/* drso-group-editor-members.c */
void        _drso_group_editor_init_members        (DrsoGroupEditor  *self);
char      **_drso_group_editor_dup_selected_ids    (DrsoGroupEditor  *self);
void        _drso_group_editor_select_server       (DrsoGroupEditor  *self,
                                                    const char       *server_id,
                                                    gboolean          selected);
GHashTable *_drso_group_editor_collect_tags        (DrsoGroupEditor  *self,
                                                    gboolean          strict,
                                                    GError          **error);
GtkWidget  *_drso_group_editor_append_tag_row      (DrsoGroupEditor  *self,
                                                    const char       *key,
                                                    const char       *value);
void        _drso_group_editor_search_servers      (DrsoGroupEditor  *self,
                                                    const char       *text);
void        _drso_group_editor_place_changed       (DrsoGroupEditor  *self);
void        _drso_group_editor_update_preview      (DrsoGroupEditor  *self);

static inline const char *
_drso_group_editor_get_own_id (DrsoGroupEditor *self)
{
  return self->group != NULL ? drso_protection_group_get_group_id (self->group) : NULL;
}

static inline char *
_drso_group_editor_dup_stripped_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static inline void
_drso_group_editor_set_error_style (GtkWidget *widget,
                                    gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

G_END_DECLS
