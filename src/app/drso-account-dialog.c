/* drso-account-dialog.c
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

/* The shared-config parser of the library: internal API, not introspected,
 * but exported; the same that `drso accounts add --profile` relies on. */
#include "drso-aws-config-private.h"

#include "drso-account-dialog-private.h"

/**
 * DrsoAccountDialog:
 *
 * A modal window that adds an account, or changes one: its id (12 digits,
 * checked as it is typed), name and regions, and how to sign in to it: a
 * profile of the AWS shared config files, access keys kept in the keyring
 * (never in the store), a role assumed with another account's credentials
 * (a target account), or the environment.
 *
 * Saving validates first, with the same checks as the Accounts page's
 * Validate (see #DrsoAccountCheck), and shows them; when some fail, the
 * Save button becomes "Save Anyway", for an account set up before it can
 * be reached. #DrsoAccountDialog::saved tells when the account is stored;
 * the window then closes.
 */

G_DEFINE_FINAL_TYPE (DrsoAccountDialog, drso_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLIENT,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Callbacks */

static void
form_changed_cb (DrsoAccountDialog *self)
{
  if (self->filling)
    return;

  /* A validation says nothing of what changed since. */
  self->save_anyway = FALSE;
  self->save_after_check = FALSE;
  self->check_current = FALSE;
  self->changes++;
  if (self->check != NULL && !drso_account_check_get_running (self->check))
    {
      gtk_label_set_text (self->validation_label,
                          _("Changed since the last validation: validate again to see what "
                            "works now."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (self->validation_label), TRUE);
    }
  _drso_account_dialog_update (self);
}

static void
validate_clicked_cb (DrsoAccountDialog *self)
{
  _drso_account_dialog_start_check (self, FALSE);
}

/* GObject */

static void
drso_account_dialog_constructed (GObject *object)
{
  DrsoAccountDialog *self = DRSO_ACCOUNT_DIALOG (object);

  G_OBJECT_CLASS (drso_account_dialog_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));
  if (self->client == NULL)
    self->client = g_object_ref (drso_aws_client_get_default ());

  self->filling = TRUE;
  _drso_account_dialog_fill (self);
  self->filling = FALSE;
  _drso_account_dialog_update (self);
}

static void
drso_account_dialog_dispose (GObject *object)
{
  DrsoAccountDialog *self = DRSO_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->check_list != NULL)
    gtk_list_box_bind_model (self->check_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_ACCOUNT_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->check);
  g_clear_object (&self->pending);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->saved_keys, drso_aws_credentials_unref);

  G_OBJECT_CLASS (drso_account_dialog_parent_class)->dispose (object);
}

static void
drso_account_dialog_finalize (GObject *object)
{
  DrsoAccountDialog *self = DRSO_ACCOUNT_DIALOG (object);

  g_free (self->config_path);
  g_free (self->config_error);

  G_OBJECT_CLASS (drso_account_dialog_parent_class)->finalize (object);
}

static void
drso_account_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DrsoAccountDialog *self = DRSO_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_account_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DrsoAccountDialog *self = DRSO_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_CLIENT:
      g_set_object (&self->client, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      /* A copy: the store's own object is not changed in place. */
      g_clear_object (&self->account);
      if (g_value_get_object (value) != NULL)
        self->account = DRSO_ACCOUNT (drso_document_copy (g_value_get_object (value)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_account_dialog_class_init (DrsoAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_account_dialog_constructed;
  object_class->dispose = drso_account_dialog_dispose;
  object_class->finalize = drso_account_dialog_finalize;
  object_class->get_property = drso_account_dialog_get_property;
  object_class->set_property = drso_account_dialog_set_property;

  /**
   * DrsoAccountDialog:store:
   *
   * The store the account is saved in.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoAccountDialog:client:
   *
   * The AWS client the validation calls with; the default one if %NULL is
   * given.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, DRSO_TYPE_AWS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoAccountDialog:account:
   *
   * A copy of the account to change, or %NULL to add one.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, DRSO_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoAccountDialog::saved:
   * @self: a #DrsoAccountDialog
   * @account: the #DrsoAccount as stored
   *
   * Emitted when the account is in the store (and its keys, if typed, in
   * the keyring), just before the window closes.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DRSO_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/drso/Orchestrator/"
                                                             "ui/drso-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, account_id_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, regions_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, account_error_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, role_arn_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, external_id_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, method_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, credentials_error_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, advanced_group);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, validate_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, check_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoAccountDialog, validation_label);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, _drso_account_dialog_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
drso_account_dialog_init (DrsoAccountDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
}

void
_drso_account_dialog_emit_saved (DrsoAccountDialog *self,
                                 DrsoAccount       *account)
{
  g_signal_emit (self, signals[SAVED], 0, account);
}

/* Public API */

/**
 * drso_account_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: the store to save the account in
 * @client: (nullable): the AWS client to validate with, or %NULL for the
 *   default one
 * @account: (nullable): the account to change, or %NULL to add one
 *
 * Returns: (transfer none): a new #DrsoAccountDialog, not shown yet
 */
GtkWidget *
drso_account_dialog_new (GtkWindow     *parent,
                         DrsoStore     *store,
                         DrsoAwsClient *client,
                         DrsoAccount   *account)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || DRSO_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (account == NULL || DRSO_IS_ACCOUNT (account), NULL);

  return g_object_new (DRSO_TYPE_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "client", client,
                       "account", account,
                       NULL);
}

/**
 * drso_account_dialog_get_account:
 * @self: a #DrsoAccountDialog
 *
 * Returns: (transfer none) (nullable): the account as it was when the
 *   dialog opened, or %NULL when the dialog adds one
 */
DrsoAccount *
drso_account_dialog_get_account (DrsoAccountDialog *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_DIALOG (self), NULL);
  return self->account;
}

/**
 * drso_account_dialog_get_check:
 * @self: a #DrsoAccountDialog
 *
 * Returns: (transfer none) (nullable): the last validation, or %NULL
 */
DrsoAccountCheck *
drso_account_dialog_get_check (DrsoAccountDialog *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_DIALOG (self), NULL);
  return self->check;
}
