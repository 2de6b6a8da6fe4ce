/* drso-group-editor.c
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

/**
 * DrsoGroupEditor:
 *
 * The editor of one protection group, new or stored: its name and
 * description, the account and region of its servers, tag criteria, and a
 * checklist of the discovered servers of that account and region.
 *
 * Beside the form, a live preview resolves the group as it stands with the
 * library's own resolution (drso_store_resolve_protection_group(), as
 * `drso groups resolve` does) and lists what it matches. A server that
 * another group already holds says so on its row. What the store refuses
 * on saving is shown next to the Save button; problems of the name on the
 * name field.
 *
 * The editor emits #DrsoGroupEditor::saved once the store took the group,
 * #DrsoGroupEditor::back when its back button is clicked, and
 * #DrsoGroupEditor::delete-requested for its Delete button.
 */

G_DEFINE_FINAL_TYPE (DrsoGroupEditor, drso_group_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_GROUP,
  N_PROPS
};

enum {
  SAVED,
  BACK,
  DELETE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static char *
dup_name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized ? normalized : stripped, -1);
}

static void
set_name_error (DrsoGroupEditor *self,
                const char      *message)
{
  _drso_group_editor_set_error_style (GTK_WIDGET (self->name_row), message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error_icon), message != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_error_icon), message);
  gtk_label_set_text (self->name_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), message != NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->name_row),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

void
_drso_group_editor_set_tags_error (DrsoGroupEditor *self,
                                   const char      *message)
{
  gtk_label_set_text (self->tags_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tags_error_label), message != NULL);
}

void
_drso_group_editor_set_save_error (DrsoGroupEditor *self,
                                   const char      *message)
{
  gtk_label_set_text (self->save_error_label, message ? message : "");
  gtk_widget_set_visible (self->save_error_box, message != NULL);
  gtk_widget_set_visible (self->save_spacer, message == NULL);
}

static void
update_title (DrsoGroupEditor *self)
{
  if (self->group == NULL)
    gtk_label_set_text (self->title_label, _("New Protection Group"));
  else
    gtk_label_set_text (self->title_label, drso_protection_group_get_group_name (self->group));
  gtk_widget_set_visible (self->delete_button, self->group != NULL);
}

/* Name checks: the library's rules, and no other group of the same name.
 * An empty name is only reported once the user can be expected to have
 * given one. */
static gboolean
check_name (DrsoGroupEditor *self,
            gboolean         report_empty)
{
  g_autofree char *name = _drso_group_editor_dup_stripped_text (GTK_EDITABLE (self->name_row));
  g_autoptr(GError) error = NULL;

  if (drso_validate_name (_("protection group"), name, &error))
    {
      GListModel *groups = drso_store_get_protection_groups (self->store);
      g_autofree char *key = dup_name_key (name);
      guint n = g_list_model_get_n_items (groups);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoProtectionGroup) other = g_list_model_get_item (groups, i);
          g_autofree char *other_key = NULL;

          if (g_strcmp0 (drso_protection_group_get_group_id (other),
                         _drso_group_editor_get_own_id (self)) == 0)
            continue;
          other_key = dup_name_key (drso_protection_group_get_group_name (other));
          if (g_str_equal (key, other_key))
            {
              g_set_error (&error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME,
                           _("A protection group named “%s” already exists: choose another name"),
                           drso_protection_group_get_group_name (other));
              break;
            }
        }
    }

  if (g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED) && !report_empty)
    g_clear_error (&error);

  set_name_error (self, error ? error->message : NULL);
  return error == NULL;
}

/* A text that changes whenever what would be saved changes. */
static char *
dup_form_state (DrsoGroupEditor *self)
{
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(GHashTable) tags = _drso_group_editor_collect_tags (self, FALSE, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GList) keys = NULL;

  g_string_append_printf (state, "%s\n%s\n%s\n%s\n",
                          gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->description_row)),
                          self->account_id ? self->account_id : "",
                          self->region ? self->region : "");
  for (guint i = 0; i < self->selected->len; i++)
    g_ptr_array_add (ids, g_ptr_array_index (self->selected, i));
  g_ptr_array_sort (ids, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (state, "%s ", (const char *) g_ptr_array_index (ids, i));
  keys = g_list_sort (g_hash_table_get_keys (tags), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (state, "\n%s=%s", (const char *) l->data,
                            (const char *) g_hash_table_lookup (tags, l->data));

  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* Accounts and regions */

static char *
dup_account_label (DrsoAccount *account)
{
  const char *name = drso_account_get_account_name (account);
  const char *id = drso_account_get_account_id (account);

  if (name == NULL || name[0] == '\0' || g_strcmp0 (name, id) == 0)
    return g_strdup (id);
  /* TRANSLATORS: an account in the list of accounts: its name and its 12-digit id. */
  return g_strdup_printf (_("%s · %s"), name, id);
}

/* The regions of the account. With @keep, the region stays even when the
 * account does not list it (a stored group's); otherwise it falls back to
 * the account's first. */
static void
fill_regions (DrsoGroupEditor *self,
              gboolean         keep)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(DrsoAccount) account = NULL;
  const char * const *regions = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = 0;

  if (self->account_id != NULL)
    account = drso_store_lookup_account (self->store, self->account_id, NULL);
  if (account != NULL)
    regions = drso_account_get_regions (account);

  if (self->region == NULL && account != NULL)
    self->region = g_strdup (drso_account_get_default_region (account));

  for (guint i = 0; regions != NULL && regions[i] != NULL; i++, n++)
    {
      gtk_string_list_append (model, regions[i]);
      if (g_strcmp0 (regions[i], self->region) == 0)
        selected = n;
    }
  if (selected == GTK_INVALID_LIST_POSITION && self->region != NULL && (keep || n == 0))
    {
      gtk_string_list_append (model, self->region);
      selected = n;
    }
  if (selected == GTK_INVALID_LIST_POSITION && n > 0)
    {
      selected = 0;
      g_free (self->region);
      self->region = g_strdup (regions[0]);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->region_row, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), selected != GTK_INVALID_LIST_POSITION);
}

static void
fill_accounts (DrsoGroupEditor *self)
{
  GListModel *accounts = drso_store_get_accounts (self->store);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = g_list_model_get_n_items (accounts);

  g_ptr_array_set_size (self->account_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *label = dup_account_label (account);
      const char *id = drso_account_get_account_id (account);

      if (g_strcmp0 (id, self->account_id) == 0)
        selected = self->account_ids->len;
      gtk_string_list_append (model, label);
      g_ptr_array_add (self->account_ids, g_strdup (id));
    }

  /* A group whose account is gone still shows where it was. */
  if (selected == GTK_INVALID_LIST_POSITION && self->account_id != NULL)
    {
      /* TRANSLATORS: an account the group names but that is not set up here. */
      g_autofree char *label = g_strdup_printf (_("%s (not set up)"), self->account_id);

      selected = self->account_ids->len;
      gtk_string_list_append (model, label);
      g_ptr_array_add (self->account_ids, g_strdup (self->account_id));
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->account_row, selected);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->account_row), self->account_ids->len > 0);
}

/* Callbacks */

static void
form_changed_cb (DrsoGroupEditor *self)
{
  if (self->updating)
    return;
  _drso_group_editor_set_save_error (self, NULL);
}

static void
name_changed_cb (DrsoGroupEditor *self)
{
  if (self->updating)
    return;
  if (gtk_editable_get_text (GTK_EDITABLE (self->name_row))[0] != '\0')
    self->had_name = TRUE;
  check_name (self, self->tried_save || self->had_name);
  _drso_group_editor_set_save_error (self, NULL);
}

static void
account_selected_cb (DrsoGroupEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->account_row);

  if (self->updating || selected >= self->account_ids->len)
    return;
  if (g_strcmp0 (g_ptr_array_index (self->account_ids, selected), self->account_id) == 0)
    return;

  g_free (self->account_id);
  self->account_id = g_strdup (g_ptr_array_index (self->account_ids, selected));
  /* The region stays when the new account has it too. */
  fill_regions (self, FALSE);
  _drso_group_editor_set_save_error (self, NULL);
  _drso_group_editor_place_changed (self);
}

static void
region_selected_cb (DrsoGroupEditor *self)
{
  GListModel *model = adw_combo_row_get_model (self->region_row);
  guint selected = adw_combo_row_get_selected (self->region_row);
  g_autoptr(GtkStringObject) item = NULL;

  if (self->updating || model == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  item = g_list_model_get_item (model, selected);
  if (item == NULL || g_strcmp0 (gtk_string_object_get_string (item), self->region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (gtk_string_object_get_string (item));
  _drso_group_editor_set_save_error (self, NULL);
  _drso_group_editor_place_changed (self);
}

static void
add_tag_clicked_cb (DrsoGroupEditor *self)
{
  gtk_widget_grab_focus (_drso_group_editor_append_tag_row (self, NULL, NULL));
}

static void
server_search_changed_cb (DrsoGroupEditor *self,
                          GtkSearchEntry  *entry)
{
  _drso_group_editor_search_servers (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
save_clicked_cb (DrsoGroupEditor *self)
{
  drso_group_editor_save (self);
}

static void
back_clicked_cb (DrsoGroupEditor *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
delete_clicked_cb (DrsoGroupEditor *self)
{
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

/* The store changed: discovery found servers, or a group was saved. */
static gboolean
refresh_cb (gpointer data)
{
  DrsoGroupEditor *self = data;

  self->refresh_id = 0;
  fill_accounts (self);
  fill_regions (self, TRUE);
  check_name (self, self->tried_save || self->had_name);
  _drso_group_editor_place_changed (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DrsoGroupEditor *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  drso_group_editor_save (DRSO_GROUP_EDITOR (widget));
  return TRUE;
}

static gboolean
back_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  g_signal_emit (widget, signals[BACK], 0);
  return TRUE;
}

/* GObject */

static void
load_group (DrsoGroupEditor *self)
{
  g_autoptr(DrsoAccount) account = NULL;
  const char *name = "";
  const char *description = "";

  if (self->group != NULL)
    {
      GHashTable *tags = drso_protection_group_get_tag_criteria (self->group);
      const char * const *ids = drso_protection_group_get_server_ids (self->group);
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (tags), (GCompareFunc) g_strcmp0);

      name = drso_protection_group_get_group_name (self->group);
      description = drso_protection_group_get_description (self->group);
      self->account_id = g_strdup (drso_protection_group_get_account_id (self->group));
      self->region = g_strdup (drso_protection_group_get_region (self->group));
      for (guint i = 0; ids[i] != NULL; i++)
        _drso_group_editor_select_server (self, ids[i], TRUE);
      for (GList *l = keys; l != NULL; l = l->next)
        _drso_group_editor_append_tag_row (self, l->data, g_hash_table_lookup (tags, l->data));
      self->had_name = TRUE;
    }
  else
    {
      GListModel *accounts = drso_store_get_accounts (self->store);

      /* The store's default account, or else the first. */
      account = drso_store_dup_default_account (self->store);
      if (account == NULL && g_list_model_get_n_items (accounts) > 0)
        account = g_list_model_get_item (accounts, 0);
      if (account != NULL)
        {
          self->account_id = g_strdup (drso_account_get_account_id (account));
          self->region = g_strdup (drso_account_get_default_region (account));
        }
    }

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description ? description : "");
  self->updating = FALSE;

  fill_accounts (self);
  fill_regions (self, TRUE);
  update_title (self);
  _drso_group_editor_place_changed (self);
  self->initial_state = dup_form_state (self);
}

static void
drso_group_editor_constructed (GObject *object)
{
  DrsoGroupEditor *self = DRSO_GROUP_EDITOR (object);

  G_OBJECT_CLASS (drso_group_editor_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));

  g_signal_connect_object (drso_store_get_protection_groups (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drso_store_get_source_servers (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drso_store_get_accounts (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  load_group (self);
}

static gboolean
drso_group_editor_grab_focus (GtkWidget *widget)
{
  DrsoGroupEditor *self = DRSO_GROUP_EDITOR (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
drso_group_editor_dispose (GObject *object)
{
  DrsoGroupEditor *self = DRSO_GROUP_EDITOR (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_GROUP_EDITOR);

  g_clear_object (&self->store);
  g_clear_object (&self->group);
  g_clear_object (&self->preview);
  g_clear_pointer (&self->matches, g_ptr_array_unref);

  G_OBJECT_CLASS (drso_group_editor_parent_class)->dispose (object);
}

static void
drso_group_editor_finalize (GObject *object)
{
  DrsoGroupEditor *self = DRSO_GROUP_EDITOR (object);

  g_clear_pointer (&self->account_ids, g_ptr_array_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->selected, g_ptr_array_unref);
  g_clear_pointer (&self->selected_set, g_hash_table_unref);
  g_clear_pointer (&self->owners, g_hash_table_unref);
  g_clear_pointer (&self->search_words, g_strfreev);
  g_clear_pointer (&self->initial_state, g_free);

  G_OBJECT_CLASS (drso_group_editor_parent_class)->finalize (object);
}

static void
drso_group_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DrsoGroupEditor *self = DRSO_GROUP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_GROUP:
      g_value_set_object (value, self->group);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_group_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DrsoGroupEditor *self = DRSO_GROUP_EDITOR (object);
  DrsoProtectionGroup *group;

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_GROUP:
      /* A copy: the store's live list holds the one given. */
      group = g_value_get_object (value);
      g_clear_object (&self->group);
      if (group != NULL)
        self->group = DRSO_PROTECTION_GROUP (drso_document_copy (DRSO_DOCUMENT (group)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_group_editor_class_init (DrsoGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_group_editor_constructed;
  object_class->dispose = drso_group_editor_dispose;
  object_class->finalize = drso_group_editor_finalize;
  object_class->get_property = drso_group_editor_get_property;
  object_class->set_property = drso_group_editor_set_property;

  widget_class->grab_focus = drso_group_editor_grab_focus;

  /**
   * DrsoGroupEditor:store:
   *
   * The store the group is read from and saved to.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoGroupEditor:group:
   *
   * The group as stored, or %NULL for a new group that was not saved yet.
   * The editor works on a copy of the group it is given.
   */
  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL, DRSO_TYPE_PROTECTION_GROUP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoGroupEditor::saved:
   * @self: a #DrsoGroupEditor
   * @group: the #DrsoProtectionGroup as the store now holds it
   *
   * Emitted when the store took the group.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DRSO_TYPE_PROTECTION_GROUP);

  /**
   * DrsoGroupEditor::back:
   * @self: a #DrsoGroupEditor
   *
   * Emitted when the user asks to leave the editor (its back button, or
   * Escape).
   */
  signals[BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * DrsoGroupEditor::delete-requested:
   * @self: a #DrsoGroupEditor
   *
   * Emitted when the user asks to delete the stored group.
   */
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/drso-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, preview_button_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, flap);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, name_error_icon);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, account_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, tags_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, tags_error_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, tags_hint_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, server_search_entry);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, servers_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, selected_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, preview_title_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, preview_detail_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, preview_conflict_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, preview_conflict_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, preview_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, save_error_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, save_spacer);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupEditor, save_button);
  /* Without a field, for gtk_widget_get_template_child() in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "add_tag_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "back_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "preview_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, account_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_tag_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, back_shortcut_cb, NULL);
}

static void
drso_group_editor_init (DrsoGroupEditor *self)
{
  self->account_ids = g_ptr_array_new_with_free_func (g_free);
  self->selected = g_ptr_array_new_with_free_func (g_free);
  self->selected_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  _drso_group_editor_init_members (self);
  _drso_group_editor_set_save_error (self, NULL);
}

/* Public API */

/**
 * drso_group_editor_new:
 * @store: a #DrsoStore
 * @group: (nullable): the stored group to edit, or %NULL for a new one
 *
 * Returns: (transfer floating): a new #DrsoGroupEditor
 */
GtkWidget *
drso_group_editor_new (DrsoStore           *store,
                       DrsoProtectionGroup *group)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (group == NULL || DRSO_IS_PROTECTION_GROUP (group), NULL);

  return g_object_new (DRSO_TYPE_GROUP_EDITOR, "store", store, "group", group, NULL);
}

DrsoStore *
drso_group_editor_get_store (DrsoGroupEditor *self)
{
  g_return_val_if_fail (DRSO_IS_GROUP_EDITOR (self), NULL);
  return self->store;
}

/**
 * drso_group_editor_get_group:
 * @self: a #DrsoGroupEditor
 *
 * Returns: (transfer none) (nullable): the group as last loaded or saved,
 *   or %NULL for a new group not saved yet
 */
DrsoProtectionGroup *
drso_group_editor_get_group (DrsoGroupEditor *self)
{
  g_return_val_if_fail (DRSO_IS_GROUP_EDITOR (self), NULL);
  return self->group;
}

/**
 * drso_group_editor_get_group_id:
 * @self: a #DrsoGroupEditor
 *
 * Returns: (nullable): the id of the stored group, or %NULL for a new one
 */
const char *
drso_group_editor_get_group_id (DrsoGroupEditor *self)
{
  g_return_val_if_fail (DRSO_IS_GROUP_EDITOR (self), NULL);
  return _drso_group_editor_get_own_id (self);
}

/**
 * drso_group_editor_get_modified:
 * @self: a #DrsoGroupEditor
 *
 * Returns: whether the form differs from the group as loaded or last saved
 */
gboolean
drso_group_editor_get_modified (DrsoGroupEditor *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (DRSO_IS_GROUP_EDITOR (self), FALSE);

  state = dup_form_state (self);
  return g_strcmp0 (state, self->initial_state) != 0;
}

/**
 * drso_group_editor_get_n_matches:
 * @self: a #DrsoGroupEditor
 *
 * Returns: how many discovered servers the group matches as the form
 *   stands, as the preview shows
 */
guint
drso_group_editor_get_n_matches (DrsoGroupEditor *self)
{
  g_return_val_if_fail (DRSO_IS_GROUP_EDITOR (self), 0);
  return self->matches != NULL ? self->matches->len : 0;
}

/* Where to show what the store refused. */
static void
show_save_error (DrsoGroupEditor *self,
                 const GError    *error)
{
  if (g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED) ||
      g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_TOO_LONG) ||
      g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME))
    {
      set_name_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
  else if (g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG))
    _drso_group_editor_set_tags_error (self, error->message);
  else
    _drso_group_editor_set_save_error (self, error->message);
}

/**
 * drso_group_editor_save:
 * @self: a #DrsoGroupEditor
 *
 * Saves the group as the form stands, as the Save button does: creates it
 * when new, updates it otherwise. What stops it is shown in the editor:
 * problems of the name on the name field, of the tags under the tags, and
 * anything else the store refuses (a server already in another group, a
 * group with no servers) next to the Save button.
 *
 * Returns: whether the store took the group
 */
gboolean
drso_group_editor_save (DrsoGroupEditor *self)
{
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GHashTable) tags = NULL;
  g_autoptr(GError) tags_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean name_ok;
  gboolean saved;

  g_return_val_if_fail (DRSO_IS_GROUP_EDITOR (self), FALSE);

  self->tried_save = TRUE;
  _drso_group_editor_set_save_error (self, NULL);

  name_ok = check_name (self, TRUE);
  tags = _drso_group_editor_collect_tags (self, TRUE, &tags_error);
  _drso_group_editor_set_tags_error (self, tags_error ? tags_error->message : NULL);
  if (!name_ok)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }
  if (tags == NULL)
    return FALSE;
  if (self->account_id == NULL || self->region == NULL)
    {
      _drso_group_editor_set_save_error (self,
                                         _("Choose the account and region of the group’s "
                                           "servers"));
      return FALSE;
    }

  name = _drso_group_editor_dup_stripped_text (GTK_EDITABLE (self->name_row));
  description = _drso_group_editor_dup_stripped_text (GTK_EDITABLE (self->description_row));
  if (self->group != NULL)
    group = DRSO_PROTECTION_GROUP (drso_document_copy (DRSO_DOCUMENT (self->group)));
  else
    group = drso_protection_group_new (name, self->account_id, self->region);

  drso_document_set_name (DRSO_DOCUMENT (group), name);
  drso_protection_group_set_description (group, description);
  drso_protection_group_set_account_id (group, self->account_id);
  drso_protection_group_set_region (group, self->region);
  ids = _drso_group_editor_dup_selected_ids (self);
  drso_protection_group_set_server_ids (group, (const char * const *) ids);
  drso_protection_group_set_tag_criteria (group, tags);

  if (self->group != NULL)
    saved = drso_store_update_protection_group (self->store, group, &error);
  else
    saved = drso_store_create_protection_group (self->store, group, &error);
  if (!saved)
    {
      g_debug ("The store refused the protection group: %s", error->message);
      show_save_error (self, error);
      return FALSE;
    }

  g_set_object (&self->group, group);
  g_clear_pointer (&self->initial_state, g_free);
  self->initial_state = dup_form_state (self);
  update_title (self);

  g_signal_emit (self, signals[SAVED], 0, group);
  return TRUE;
}
