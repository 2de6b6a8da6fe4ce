/* drso-accounts-page.c
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

#include "drso-account-dialog.h"
#include "drso-accounts-page-private.h"

/**
 * DrsoAccountsPage:
 *
 * The accounts of the store, in a boxed list that follows it: each with its
 * id, regions, where its credentials come from, its role for a target
 * account, and a "Simulated" pill for the Sandbox's.
 *
 * Actions: `accounts.add` opens a #DrsoAccountDialog; `accounts.validate`,
 * `accounts.edit` and `accounts.remove` take an account id. Validating shows,
 * line by line in the account's row, what works with its credentials (see
 * #DrsoAccountCheck). Adding, changing and removing need
 * %DRSO_PERMISSION_MANAGE_ACCOUNTS; the actions are off without it.
 *
 * Confirmations and failures are told with #DrsoAccountsPage::toast.
 */

G_DEFINE_FINAL_TYPE (DrsoAccountsPage, drso_accounts_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
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
account_state_free (gpointer data)
{
  DrsoAccountState *state = data;

  g_clear_object (&state->check);
  g_free (state);
}

DrsoAccountState *
_drso_accounts_page_get_state (DrsoAccountsPage *self,
                               const char       *account_id)
{
  DrsoAccountState *state = g_hash_table_lookup (self->states, account_id);

  if (state == NULL)
    {
      state = g_new0 (DrsoAccountState, 1);
      state->has_keys = DRSO_KEYS_UNKNOWN;
      g_hash_table_insert (self->states, g_strdup (account_id), state);
    }
  return state;
}

void
_drso_accounts_page_emit_toast (DrsoAccountsPage *self,
                                const char       *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
update_view (DrsoAccountsPage *self)
{
  GListModel *accounts = drso_store_get_accounts (self->store);

  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (accounts) > 0
                                                 ? "accounts" : "empty");
}

static void
update_permissions (DrsoAccountsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean allowed = drso_store_check_permission (self->store, DRSO_PERMISSION_MANAGE_ACCOUNTS,
                                                  &error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", allowed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.edit", allowed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.remove", allowed);

  gtk_widget_set_visible (GTK_WIDGET (self->permission_label), !allowed);
  if (!allowed)
    {
      g_autofree char *text = NULL;

      /* TRANSLATORS: %s is the name of a role, such as “Operator” */
      text = g_strdup_printf (_("As %s you can validate accounts, but not add, change or remove "
                                "them: that needs the Administrator role."),
                              drso_role_get_name (drso_store_get_role (self->store)));
      gtk_label_set_text (self->permission_label, text);
    }
}

static DrsoAccount *
lookup_account (DrsoAccountsPage *self,
                const char       *account_id)
{
  GListModel *accounts = drso_store_get_accounts (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (accounts, i);

      if (g_strcmp0 (drso_account_get_account_id (account), account_id) == 0)
        return g_steal_pointer (&account);
    }
  return NULL;
}

/* Callbacks */

static void
accounts_changed_cb (GListModel       *accounts,
                     guint             position,
                     guint             removed,
                     guint             added,
                     DrsoAccountsPage *self)
{
  update_view (self);
}

static void
role_changed_cb (DrsoStore        *store,
                 GParamSpec       *pspec,
                 DrsoAccountsPage *self)
{
  update_permissions (self);
}

/* Keeps the outcome on the account, as `drso accounts validate` does. A
 * role that may not change accounts still sees the answer. */
static void
store_outcome (DrsoAccountsPage *self,
               DrsoAccountCheck *check)
{
  DrsoAccount *checked = drso_account_check_get_account (check);
  g_autoptr(DrsoAccount) stored = lookup_account (self, drso_account_get_account_id (checked));
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = drso_account_check_get_n_failed (check) == 0;

  if (stored == NULL || (!ok && !drso_account_get_validated (stored)))
    return;
  account = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (stored)));
  drso_account_set_validated (account, ok);
  if (ok)
    drso_account_set_last_validated (account, g_get_real_time () / G_USEC_PER_SEC);
  if (!drso_store_update_account (self->store, account, &error) &&
      !g_error_matches (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED))
    _drso_accounts_page_emit_toast (self, error->message);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DrsoAccountsPage) self = user_data;
  DrsoAccountCheck *check = DRSO_ACCOUNT_CHECK (source);
  DrsoAccount *account = drso_account_check_get_account (check);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_failed;

  if (!drso_account_check_run_finish (check, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _drso_accounts_page_emit_toast (self, error->message);
      return;
    }
  /* The page, or the account, went away meanwhile. */
  if (self->store == NULL ||
      drso_accounts_page_get_check (self, drso_account_get_account_id (account)) != check)
    return;

  store_outcome (self, check);
  n_failed = drso_account_check_get_n_failed (check);
  if (n_failed == 0)
    /* TRANSLATORS: a toast; %s is an account's name */
    message = g_strdup_printf (_("Everything works with the account “%s”"),
                               drso_account_get_account_name (account));
  else
    /* TRANSLATORS: a toast; %u is a number of checks, %s an account's name */
    message = g_strdup_printf (g_dngettext (NULL, "%u check failed for the account “%s”",
                                            "%u checks failed for the account “%s”", n_failed),
                               n_failed, drso_account_get_account_name (account));
  _drso_accounts_page_emit_toast (self, message);
}

static void
dialog_saved_cb (DrsoAccountDialog *dialog,
                 DrsoAccount       *account,
                 DrsoAccountsPage  *self)
{
  DrsoAccountState *state = _drso_accounts_page_get_state (self,
                                                           drso_account_get_account_id (account));
  g_autofree char *message = NULL;

  /* What was checked before may not hold for the new settings. */
  g_clear_object (&state->check);
  state->has_keys = DRSO_KEYS_UNKNOWN;
  state->expanded = FALSE;
  _drso_accounts_page_refresh_row (self, drso_account_get_account_id (account));

  if (drso_account_dialog_get_account (dialog) == NULL)
    /* TRANSLATORS: a toast; %s is an account's name */
    message = g_strdup_printf (_("Added the account “%s”"),
                               drso_account_get_account_name (account));
  else
    /* TRANSLATORS: a toast; %s is an account's name */
    message = g_strdup_printf (_("Saved the account “%s”"),
                               drso_account_get_account_name (account));
  _drso_accounts_page_emit_toast (self, message);
}

static void
keys_cleared_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(DrsoAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!drso_aws_keyring_clear_finish (result, &error) && self->store != NULL)
    _drso_accounts_page_emit_toast (self, error->message);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DrsoAccountsPage *self)
{
  const char *account_id = g_object_get_data (G_OBJECT (dialog), "drso-account-id");
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DrsoAccountState *state;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  account = lookup_account (self, account_id);
  if (account == NULL)
    return;
  if (!drso_store_remove_account (self->store, account_id, &error))
    {
      _drso_accounts_page_emit_toast (self, error->message);
      return;
    }

  /* Its keys would serve nobody. */
  state = _drso_accounts_page_get_state (self, account_id);
  if (state->has_keys == DRSO_KEYS_IN_KEYRING)
    drso_aws_keyring_clear_async (account_id, NULL, keys_cleared_cb, g_object_ref (self));
  g_hash_table_remove (self->states, account_id);

  /* TRANSLATORS: a toast; %s is an account's name */
  message = g_strdup_printf (_("Removed the account “%s”"),
                             drso_account_get_account_name (account));
  _drso_accounts_page_emit_toast (self, message);
}

/* Actions */

static GtkWindow *
get_parent_window (DrsoAccountsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_dialog (DrsoAccountsPage *self,
             DrsoAccount      *account)
{
  GtkWidget *dialog = drso_account_dialog_new (get_parent_window (self), self->store,
                                               self->client, account);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_dialog (DRSO_ACCOUNTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (widget);
  g_autoptr(DrsoAccount) account = lookup_account (self, g_variant_get_string (parameter, NULL));

  if (account != NULL)
    open_dialog (self, account);
}

static void
validate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (widget);
  const char *account_id = g_variant_get_string (parameter, NULL);
  g_autoptr(DrsoAccount) account = lookup_account (self, account_id);
  DrsoAccountState *state;

  if (account == NULL)
    return;
  state = _drso_accounts_page_get_state (self, account_id);
  if (state->check != NULL && drso_account_check_get_running (state->check))
    return;

  g_clear_object (&state->check);
  state->check = drso_account_check_new (self->client ? self->client
                                                      : drso_aws_client_get_default (),
                                         account, NULL, NULL);
  state->expanded = TRUE;
  drso_account_check_run_async (state->check, self->cancellable, check_done_cb,
                                g_object_ref (self));
  _drso_accounts_page_refresh_row (self, account_id);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (widget);
  const char *account_id = g_variant_get_string (parameter, NULL);
  g_autoptr(DrsoAccount) account = lookup_account (self, account_id);
  DrsoAccountState *state;
  g_autofree char *heading = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  if (account == NULL)
    return;
  state = _drso_accounts_page_get_state (self, account_id);

  /* TRANSLATORS: the heading of a confirmation; %s is an account's name */
  heading = g_strdup_printf (_("Remove “%s”?"), drso_account_get_account_name (account));
  body = g_string_new (_("DRS Orchestrator forgets the account and the source servers discovered "
                         "in it. Nothing changes in AWS: discover the servers again after "
                         "adding the account back."));
  if (state->has_keys == DRSO_KEYS_IN_KEYRING)
    {
      g_string_append_c (body, ' ');
      g_string_append (body, _("Its access keys are removed from the keyring."));
    }

  dialog = adw_message_dialog_new (get_parent_window (self), heading, body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "drso-account-id", g_strdup (account_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
drso_accounts_page_constructed (GObject *object)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (object);
  GListModel *accounts;

  G_OBJECT_CLASS (drso_accounts_page_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));

  accounts = drso_store_get_accounts (self->store);
  gtk_list_box_bind_model (self->account_list, accounts, _drso_accounts_page_create_row, self,
                           NULL);
  g_signal_connect_object (accounts, "items-changed", G_CALLBACK (accounts_changed_cb), self, 0);
  g_signal_connect_object (self->store, "notify::role", G_CALLBACK (role_changed_cb), self, 0);
  update_view (self);
  update_permissions (self);
}

static void
drso_accounts_page_dispose (GObject *object)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->account_list != NULL)
    gtk_list_box_bind_model (self->account_list, NULL, NULL, NULL, NULL);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->states, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (drso_accounts_page_parent_class)->dispose (object);
}

static void
drso_accounts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_accounts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_accounts_page_class_init (DrsoAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_accounts_page_constructed;
  object_class->dispose = drso_accounts_page_dispose;
  object_class->get_property = drso_accounts_page_get_property;
  object_class->set_property = drso_accounts_page_set_property;

  /**
   * DrsoAccountsPage:store:
   *
   * The store whose accounts the page shows.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoAccountsPage:client:
   *
   * The AWS client the checks call with, or %NULL for the default one.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DRSO_TYPE_AWS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoAccountsPage::toast:
   * @self: a #DrsoAccountsPage
   * @message: what to tell
   *
   * Emitted when something finished or failed that the user should hear
   * of: an account added, saved or removed, or the outcome of a validation.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/drso/Orchestrator/"
                                                             "ui/drso-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountsPage, account_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountsPage, permission_label);
  /* Without a field, for gtk_widget_get_template_child() in the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "empty_status", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "empty_add_button", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "accounts.validate", "s", validate_action);
  gtk_widget_class_install_action (widget_class, "accounts.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "accounts.remove", "s", remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "accounts.add", NULL);
}

static void
drso_accounts_page_init (DrsoAccountsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, account_state_free);
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * drso_accounts_page_new:
 * @store: the store whose accounts to show
 * @client: (nullable): the AWS client for the checks, or %NULL for the
 *   default one
 *
 * Returns: (transfer floating): a new #DrsoAccountsPage
 */
GtkWidget *
drso_accounts_page_new (DrsoStore     *store,
                        DrsoAwsClient *client)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || DRSO_IS_AWS_CLIENT (client), NULL);

  return g_object_new (DRSO_TYPE_ACCOUNTS_PAGE, "store", store, "client", client, NULL);
}

/**
 * drso_accounts_page_get_store:
 * @self: a #DrsoAccountsPage
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_accounts_page_get_store (DrsoAccountsPage *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNTS_PAGE (self), NULL);
  return self->store;
}

/**
 * drso_accounts_page_get_client:
 * @self: a #DrsoAccountsPage
 *
 * Returns: (transfer none) (nullable): the AWS client, or %NULL for the
 *   default one
 */
DrsoAwsClient *
drso_accounts_page_get_client (DrsoAccountsPage *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNTS_PAGE (self), NULL);
  return self->client;
}

/**
 * drso_accounts_page_get_check:
 * @self: a #DrsoAccountsPage
 * @account_id: an account id
 *
 * The last validation started on the page for the account.
 *
 * Returns: (transfer none) (nullable): the check, or %NULL if the account
 *   was not validated here
 */
DrsoAccountCheck *
drso_accounts_page_get_check (DrsoAccountsPage *self,
                              const char       *account_id)
{
  DrsoAccountState *state;

  g_return_val_if_fail (DRSO_IS_ACCOUNTS_PAGE (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  state = g_hash_table_lookup (self->states, account_id);
  return state != NULL ? state->check : NULL;
}
