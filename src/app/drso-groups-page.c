/* drso-groups-page.c
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

/**
 * DrsoGroupsPage:
 *
 * The protection groups of the store: a searchable list that says, for each
 * group, where its servers are, what it gathers ("Tier = web · 6 servers")
 * and whether a recovery plan uses it; and the editor of one group, shown
 * in place of the list.
 *
 * Actions: `groups.new`, `groups.edit` and `groups.delete` (both with a
 * group id). What the user should hear of (a group saved or deleted, a
 * delete refused) is emitted as #DrsoGroupsPage::toast; the window shows
 * these as toasts.
 */
struct _DrsoGroupsPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkSearchEntry      *search_entry;
  GtkStack            *list_stack;
  GtkLabel            *count_label;
  GtkListBox          *list_box;
  AdwBin              *editor_bin;

  /* Owned references */
  DrsoStore           *store;
  GtkFilterListModel  *filter_model;
  GHashTable          *users;           /* group id → GPtrArray of plan names */
  char               **search_words;
  DrsoProtectionGroup *pending_group;   /* to open once changes are discarded */

  /* Borrowed references */
  GtkCustomFilter     *filter;          /* the filter model's */
  DrsoGroupEditor     *editor;          /* the editor_bin's child, while editing */
  GtkWidget           *discard_dialog;  /* weak */

  guint                refresh_id;
  guint                pending_new : 1; /* a new group, once changes are discarded */
};

G_DEFINE_FINAL_TYPE (DrsoGroupsPage, drso_groups_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EDITING,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
emit_toast (DrsoGroupsPage *self,
            const char     *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static GPtrArray *
get_users (DrsoGroupsPage *self,
           const char     *group_id)
{
  return g_hash_table_lookup (self->users, group_id);
}

/* Which plans use which group, from the store's plans. */
static void
index_users (DrsoGroupsPage *self)
{
  GListModel *plans = drso_store_get_recovery_plans (self->store);
  guint n = g_list_model_get_n_items (plans);

  g_hash_table_remove_all (self->users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (plans, i);
      g_auto(GStrv) ids = drso_recovery_plan_dup_group_ids (plan);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          GPtrArray *names = g_hash_table_lookup (self->users, ids[j]);
          const char *name = drso_recovery_plan_get_plan_name (plan);

          if (names == NULL)
            {
              names = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (self->users, g_strdup (ids[j]), names);
            }
          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, g_strdup (name));
        }
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  DrsoGroupsPage *self = user_data;

  return _drso_groups_page_create_row (self->store, item,
                                       get_users (self, drso_protection_group_get_group_id (item)));
}

static void
update_view (DrsoGroupsPage *self)
{
  guint n_total = g_list_model_get_n_items (drso_store_get_protection_groups (self->store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *count = NULL;

  if (n_total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  if (n_shown == n_total)
    count = g_strdup_printf (g_dngettext (NULL, "%u protection group", "%u protection groups",
                                          n_total),
                             n_total);
  else
    /* TRANSLATORS: how many protection groups match the search, of how many. */
    count = g_strdup_printf (g_dngettext (NULL, "%u of %u protection group",
                                          "%u of %u protection groups", n_total),
                             n_shown, n_total);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_total > 0);
}

static gboolean
filter_group_cb (gpointer item,
                 gpointer user_data)
{
  DrsoGroupsPage *self = user_data;
  g_autofree char *name = NULL;

  if (self->search_words == NULL)
    return TRUE;

  name = g_utf8_casefold (drso_protection_group_get_group_name (item), -1);
  for (guint i = 0; self->search_words[i] != NULL; i++)
    {
      if (strstr (name, self->search_words[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Editor */

static void
drop_editor_cb (DrsoGroupsPage *self)
{
  GtkWidget *child = adw_bin_get_child (self->editor_bin);

  /* Only once the list slid back in, and if no other editor came since. */
  if (gtk_stack_get_transition_running (self->stack) || child == NULL ||
      child == GTK_WIDGET (self->editor))
    return;
  adw_bin_set_child (self->editor_bin, NULL);
}

static void
focus_group_row (DrsoGroupsPage *self,
                 const char     *group_id)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (shown, i);

      if (g_strcmp0 (drso_protection_group_get_group_id (group), group_id) == 0)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

          if (row != NULL)
            gtk_widget_grab_focus (GTK_WIDGET (row));
          return;
        }
    }
}

static void
close_editor (DrsoGroupsPage *self)
{
  g_autofree char *group_id = NULL;

  if (self->editor == NULL)
    return;

  group_id = g_strdup (drso_group_editor_get_group_id (self->editor));
  g_signal_handlers_disconnect_by_data (self->editor, self);
  self->editor = NULL;
  if (self->discard_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->discard_dialog));
  g_clear_object (&self->pending_group);
  self->pending_new = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "list");
  drop_editor_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);

  /* Back where the user was: on the group's row. */
  if (group_id != NULL)
    focus_group_row (self, group_id);
}

static void editor_saved_cb            (DrsoGroupsPage      *self,
                                        DrsoProtectionGroup *group,
                                        DrsoGroupEditor     *editor);
static void editor_back_cb             (DrsoGroupsPage      *self,
                                        DrsoGroupEditor     *editor);
static void editor_delete_requested_cb (DrsoGroupsPage      *self,
                                        DrsoGroupEditor     *editor);

static void
open_editor (DrsoGroupsPage      *self,
             DrsoProtectionGroup *group)
{
  GtkWidget *editor = drso_group_editor_new (self->store, group);

  g_assert (self->editor == NULL);

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "back", G_CALLBACK (editor_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (editor_delete_requested_cb),
                           self, G_CONNECT_SWAPPED);

  self->editor = DRSO_GROUP_EDITOR (editor);
  adw_bin_set_child (self->editor_bin, editor);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (editor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

/* Shows what was asked for while the editor was open: a new group, another
 * group, or the list. */
static void
show_pending (DrsoGroupsPage      *self,
              gboolean             new_group,
              DrsoProtectionGroup *group)
{
  close_editor (self);
  if (new_group || group != NULL)
    open_editor (self, group);
}

static void
discard_response_cb (DrsoGroupsPage   *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_autoptr(DrsoProtectionGroup) group = g_steal_pointer (&self->pending_group);
  gboolean new_group = self->pending_new;

  /* The dialog closes itself once it answered. */
  g_clear_weak_pointer (&self->discard_dialog);
  self->pending_new = FALSE;
  if (g_strcmp0 (response, "discard") == 0)
    show_pending (self, new_group, group);
}

/* Leaves the editor, asking first when it holds changes not saved, and then
 * shows a new group (@new_group), @group, or else the list. */
static void
leave_editor (DrsoGroupsPage      *self,
              gboolean             new_group,
              DrsoProtectionGroup *group)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->editor == NULL || !drso_group_editor_get_modified (self->editor) ||
      !GTK_IS_WINDOW (root))
    {
      show_pending (self, new_group, group);
      return;
    }

  /* Asked already: the latest request wins. */
  self->pending_new = new_group;
  g_set_object (&self->pending_group, group);
  if (self->discard_dialog != NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Discard Changes?"),
                                   _("The changes to this protection group are not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->discard_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
editor_saved_cb (DrsoGroupsPage      *self,
                 DrsoProtectionGroup *group,
                 DrsoGroupEditor     *editor)
{
  /* TRANSLATORS: a toast once a protection group is stored. */
  g_autofree char *message = g_strdup_printf (_("Protection group “%s” saved"),
                                              drso_protection_group_get_group_name (group));

  emit_toast (self, message);
  close_editor (self);
}

static void
editor_back_cb (DrsoGroupsPage  *self,
                DrsoGroupEditor *editor)
{
  leave_editor (self, FALSE, NULL);
}

static void
editor_delete_requested_cb (DrsoGroupsPage  *self,
                            DrsoGroupEditor *editor)
{
  const char *group_id = drso_group_editor_get_group_id (editor);

  if (group_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "groups.delete", "s", group_id);
}

/* Deleting */

static void
delete_group (DrsoGroupsPage *self,
              const char     *group_id,
              const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!drso_store_delete_protection_group (self->store, group_id, &error))
    {
      if (g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE))
        /* TRANSLATORS: a toast: the group, and the store's reason (the plans that use it). */
        message = g_strdup_printf (_("“%s” was not deleted. %s"), name, error->message);
      else
        message = g_strdup_printf (_("Could not delete “%s”: %s"), name, error->message);
      emit_toast (self, message);
      return;
    }

  if (self->editor != NULL &&
      g_strcmp0 (drso_group_editor_get_group_id (self->editor), group_id) == 0)
    close_editor (self);

  /* TRANSLATORS: a toast once a protection group is deleted. */
  message = g_strdup_printf (_("Protection group “%s” deleted"), name);
  emit_toast (self, message);
}

static void
delete_response_cb (DrsoGroupsPage   *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "delete") != 0)
    return;

  delete_group (self, g_object_get_data (G_OBJECT (dialog), "group-id"),
                g_object_get_data (G_OBJECT (dialog), "group-name"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (widget);
  const char *group_id = g_variant_get_string (parameter, NULL);
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;
  GPtrArray *users;
  GtkRoot *root;
  GtkWidget *dialog;

  group = drso_store_lookup_protection_group (self->store, group_id, &error);
  if (group == NULL)
    {
      emit_toast (self, error->message);
      return;
    }
  name = drso_protection_group_get_group_name (group);

  /* What cannot be done is said rather than asked: the role forbids it... */
  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_DELETE_PROTECTION_GROUP,
                                    &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete “%s”: %s"), name,
                                                  error->message);

      emit_toast (self, message);
      return;
    }

  /* ...or a plan uses the group. */
  users = get_users (self, group_id);
  if (users != NULL && users->len > 0)
    {
      g_autofree char *list = _drso_groups_page_dup_quoted_list (users);
      g_autofree char *message = NULL;

      message = g_strdup_printf (g_dngettext (NULL,
                                              "“%s” is used by the recovery plan %s: remove it "
                                              "from the plan’s waves before deleting it",
                                              "“%s” is used by the recovery plans %s: remove it "
                                              "from their waves before deleting it",
                                              users->len),
                                 name, list);
      emit_toast (self, message);
      return;
    }

  root = gtk_widget_get_root (widget);
  /* TRANSLATORS: the heading of the dialog that asks before deleting a group. */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  body = g_strdup (_("The group goes, its servers stay: they keep replicating in Elastic "
                     "Disaster Recovery and can join another group."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "group-id", g_strdup (group_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "group-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Callbacks */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  drso_groups_page_new_group (DRSO_GROUPS_PAGE (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  drso_groups_page_edit_group (DRSO_GROUPS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
row_activated_cb (DrsoGroupsPage *self,
                  GtkListBoxRow  *row)
{
  DrsoProtectionGroup *group = _drso_groups_page_get_row_group (GTK_WIDGET (row));

  if (group != NULL)
    drso_groups_page_edit_group (self, drso_protection_group_get_group_id (group));
}

static void
search_changed_cb (DrsoGroupsPage *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);

  g_clear_pointer (&self->search_words, g_strfreev);
  self->search_words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  if (self->search_words[0] == NULL || self->search_words[0][0] == '\0')
    g_clear_pointer (&self->search_words, g_strfreev);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_view (self);
}

static void
stop_search_cb (DrsoGroupsPage *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (widget);

  if (self->editor != NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

/* Plans, servers or accounts changed: what the rows say may have too. */
static gboolean
refresh_cb (gpointer data)
{
  DrsoGroupsPage *self = data;

  self->refresh_id = 0;
  index_users (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DrsoProtectionGroup *group = _drso_groups_page_get_row_group (row);

      if (group != NULL)
        _drso_groups_page_update_row (row, self->store,
                                      get_users (self, drso_protection_group_get_group_id (group)));
    }
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DrsoGroupsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

static void
plans_changed_cb (DrsoGroupsPage *self)
{
  /* At once: a delete decides on this. The rows follow at idle. */
  index_users (self);
  store_changed_cb (self);
}

static void
stack_transition_cb (DrsoGroupsPage *self)
{
  drop_editor_cb (self);
}

/* GObject */

static void
drso_groups_page_constructed (GObject *object)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (object);
  GListModel *groups;

  G_OBJECT_CLASS (drso_groups_page_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));

  index_users (self);

  groups = drso_store_get_protection_groups (self->store);
  self->filter = gtk_custom_filter_new (filter_group_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (groups),
                                                  GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->filter_model),
                           create_row_cb, self, NULL);

  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (drso_store_get_recovery_plans (self->store), "items-changed",
                           G_CALLBACK (plans_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drso_store_get_source_servers (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drso_store_get_accounts (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Other groups' servers change the count of tag-based ones. */
  g_signal_connect_object (groups, "items-changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_view (self);
}

static void
drso_groups_page_dispose (GObject *object)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->discard_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->discard_dialog));
  g_clear_weak_pointer (&self->discard_dialog);

  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  self->editor = NULL;

  /* The filter points at this page: someone may still hold the model. */
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  self->filter = NULL;
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_GROUPS_PAGE);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->pending_group);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drso_groups_page_parent_class)->dispose (object);
}

static void
drso_groups_page_finalize (GObject *object)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (object);

  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->search_words, g_strfreev);

  G_OBJECT_CLASS (drso_groups_page_parent_class)->finalize (object);
}

static void
drso_groups_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EDITING:
      g_value_set_boolean (value, drso_groups_page_get_editing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_groups_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DrsoGroupsPage *self = DRSO_GROUPS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_groups_page_class_init (DrsoGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_groups_page_constructed;
  object_class->dispose = drso_groups_page_dispose;
  object_class->finalize = drso_groups_page_finalize;
  object_class->get_property = drso_groups_page_get_property;
  object_class->set_property = drso_groups_page_set_property;

  /**
   * DrsoGroupsPage:store:
   *
   * The store whose protection groups the page shows and edits.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoGroupsPage:editing:
   *
   * Whether the page shows the editor of a group rather than the list.
   */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoGroupsPage::toast:
   * @self: a #DrsoGroupsPage
   * @message: what to tell
   *
   * Emitted when something finished or was refused that the user should
   * hear of: "Protection group “Web” saved".
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (DRSO_TYPE_GROUP_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/drso-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoGroupsPage, editor_bin);
  /* Without a field, for gtk_widget_get_template_child() in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_new_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  gtk_widget_class_install_action (widget_class, "groups.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "groups.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "groups.delete", "s", delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "groups.new", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
}

static void
drso_groups_page_init (DrsoGroupsPage *self)
{
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->stack, "notify::transition-running",
                           G_CALLBACK (stack_transition_cb), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * drso_groups_page_new:
 * @store: a #DrsoStore
 *
 * Returns: (transfer floating): a new #DrsoGroupsPage
 */
GtkWidget *
drso_groups_page_new (DrsoStore *store)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);

  return g_object_new (DRSO_TYPE_GROUPS_PAGE, "store", store, NULL);
}

DrsoStore *
drso_groups_page_get_store (DrsoGroupsPage *self)
{
  g_return_val_if_fail (DRSO_IS_GROUPS_PAGE (self), NULL);
  return self->store;
}

/**
 * drso_groups_page_new_group:
 * @self: a #DrsoGroupsPage
 *
 * Opens the editor on a new group, as `groups.new` does. Says instead, as a
 * toast, why no group can be made: no account, or a role that may not.
 */
void
drso_groups_page_new_group (DrsoGroupsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DRSO_IS_GROUPS_PAGE (self));

  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_CREATE_PROTECTION_GROUP,
                                    &error))
    {
      emit_toast (self, error->message);
      return;
    }
  if (g_list_model_get_n_items (drso_store_get_accounts (self->store)) == 0)
    {
      emit_toast (self, _("Add an account first: a protection group gathers servers of one "
                          "account"));
      return;
    }

  leave_editor (self, TRUE, NULL);
}

/**
 * drso_groups_page_edit_group:
 * @self: a #DrsoGroupsPage
 * @group_id: the id (or name) of a stored group
 *
 * Opens the editor on the group, as activating its row does.
 *
 * Returns: %FALSE, with a toast, when there is no such group
 */
gboolean
drso_groups_page_edit_group (DrsoGroupsPage *self,
                             const char     *group_id)
{
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DRSO_IS_GROUPS_PAGE (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  group = drso_store_lookup_protection_group (self->store, group_id, &error);
  if (group == NULL)
    {
      emit_toast (self, error->message);
      return FALSE;
    }

  leave_editor (self, FALSE, group);
  return TRUE;
}

gboolean
drso_groups_page_get_editing (DrsoGroupsPage *self)
{
  g_return_val_if_fail (DRSO_IS_GROUPS_PAGE (self), FALSE);
  return self->editor != NULL;
}

/**
 * drso_groups_page_get_editor:
 * @self: a #DrsoGroupsPage
 *
 * Returns: (transfer none) (nullable): the editor shown, or %NULL when the
 *   page shows the list
 */
DrsoGroupEditor *
drso_groups_page_get_editor (DrsoGroupsPage *self)
{
  g_return_val_if_fail (DRSO_IS_GROUPS_PAGE (self), NULL);
  return self->editor;
}
