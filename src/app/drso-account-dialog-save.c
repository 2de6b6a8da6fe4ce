/* drso-account-dialog-save.c
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

#include "drso-account-dialog-private.h"

/* The account the dialog's form describes, its validation, and saving it:
 * typed keys go to the keyring first (and nowhere else), then the account
 * to the store. */

static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static gboolean
uses_default_chain (DrsoAccount *account)
{
  return !drso_account_get_simulated (account) && drso_account_get_profile (account) == NULL;
}

static gboolean
same_access (DrsoAccount *a,
             DrsoAccount *b)
{
  return drso_account_get_simulated (a) == drso_account_get_simulated (b) &&
         g_strcmp0 (drso_account_get_profile (a), drso_account_get_profile (b)) == 0 &&
         g_strcmp0 (drso_account_get_endpoint_url (a), drso_account_get_endpoint_url (b)) == 0 &&
         g_strcmp0 (drso_account_get_role_arn (a), drso_account_get_role_arn (b)) == 0 &&
         g_strcmp0 (drso_account_get_external_id (a), drso_account_get_external_id (b)) == 0;
}

/* Whether the window was closed while a call ran. */
static gboolean
closed (DrsoAccountDialog *self)
{
  return self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable);
}

/* The keys typed, or else those saved for the edited account. */
static DrsoAwsCredentials *
dup_keys (DrsoAccountDialog *self)
{
  const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  g_autofree char *key = dup_text (self->access_key_row);

  if (secret[0] != '\0')
    return drso_aws_credentials_new (key, secret, NULL, 0);
  return self->saved_keys ? drso_aws_credentials_ref (self->saved_keys) : NULL;
}

/* Scrolls down to the validation over a few frames, as the layout makes
 * room for its lines. */
#define SCROLL_FRAMES "drso-scroll-frames"

static gboolean
scroll_to_end_cb (GtkWidget     *widget,
                  GdkFrameClock *frame_clock,
                  gpointer       user_data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), SCROLL_FRAMES));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  g_object_set_data (G_OBJECT (widget), SCROLL_FRAMES, GUINT_TO_POINTER (frames - 1));
  return frames > 1 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
scroll_to_validation (DrsoAccountDialog *self)
{
  GObject *scrolled = G_OBJECT (self->scrolled_window);

  if (g_object_get_data (scrolled, SCROLL_FRAMES) == NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (scrolled), scroll_to_end_cb, NULL, NULL);
  g_object_set_data (scrolled, SCROLL_FRAMES, GUINT_TO_POINTER (3));
}

static void
show_validation (DrsoAccountDialog *self,
                 const char        *message,
                 gboolean           error)
{
  gtk_label_set_text (self->validation_label, message);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->validation_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->validation_label), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->validation_label), TRUE);
}

/**
 * _drso_account_dialog_build_account:
 * @self: a #DrsoAccountDialog
 *
 * Returns: (transfer full): the account as the form describes it
 */
DrsoAccount *
_drso_account_dialog_build_account (DrsoAccountDialog *self)
{
  g_autofree char *account_id = dup_text (self->account_id_row);
  g_autofree char *name = dup_text (self->name_row);
  g_autofree char *regions_text = dup_text (self->regions_row);
  g_autofree char *endpoint = dup_text (self->endpoint_row);
  g_autofree char *role_arn = dup_text (self->role_arn_row);
  g_autofree char *external_id = dup_text (self->external_id_row);
  g_auto(GStrv) regions = g_strsplit_set (regions_text, ", \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) region_list = NULL;
  DrsoSignIn sign_in = _drso_account_dialog_get_sign_in (self);
  DrsoAccount *account;

  for (guint i = 0; regions[i] != NULL; i++)
    {
      if (regions[i][0] != '\0')
        g_strv_builder_add (builder, regions[i]);
    }
  region_list = g_strv_builder_end (builder);

  if (self->account != NULL)
    {
      account = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (self->account)));
      drso_document_set_name (DRSO_DOCUMENT (account), name[0] ? name : account_id);
    }
  else
    account = drso_account_new (account_id, name[0] ? name : account_id);
  drso_account_set_regions (account, (const char * const *) region_list);

  drso_account_set_simulated (account, FALSE);
  drso_account_set_profile (account, NULL);
  drso_account_set_endpoint_url (account, NULL);
  drso_account_set_role_arn (account, NULL);
  drso_account_set_external_id (account, NULL);

  switch (sign_in)
    {
    case DRSO_SIGN_IN_PROFILE:
      {
        GtkStringObject *item = adw_combo_row_get_selected_item (self->profile_row);

        drso_account_set_profile (account, item ? gtk_string_object_get_string (item) : NULL);
        drso_account_set_endpoint_url (account, endpoint);
      }
      break;

    case DRSO_SIGN_IN_ROLE:
      {
        DrsoAccount *source = _drso_account_dialog_get_source (self);

        /* The target signs in as its source does, then assumes its role. */
        if (source != NULL)
          {
            drso_account_set_simulated (account, drso_account_get_simulated (source));
            drso_account_set_profile (account, drso_account_get_profile (source));
            drso_account_set_endpoint_url (account, drso_account_get_endpoint_url (source));
          }
        drso_account_set_role_arn (account, role_arn);
        drso_account_set_external_id (account, external_id);
      }
      break;

    case DRSO_SIGN_IN_SIMULATED:
      drso_account_set_simulated (account, TRUE);
      break;

    case DRSO_SIGN_IN_KEYS:
    case DRSO_SIGN_IN_ENVIRONMENT:
    default:
      drso_account_set_endpoint_url (account, endpoint);
      break;
    }

  /* What worked before may not work now. */
  if (self->account != NULL && !same_access (self->account, account))
    drso_account_set_validated (account, FALSE);
  return account;
}

/* Saving */

static void
stop_saving (DrsoAccountDialog *self,
             const char        *message)
{
  self->saving = FALSE;
  g_clear_object (&self->pending);
  if (message != NULL)
    show_validation (self, message, TRUE);
  _drso_account_dialog_update (self);
}

static void
keys_cleared_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!drso_aws_keyring_clear_finish (result, &error))
    g_debug ("The old keys stay in the keyring: %s", error->message);
}

static void
store_account (DrsoAccountDialog *self)
{
  g_autoptr(DrsoAccount) account = g_steal_pointer (&self->pending);
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (self->account != NULL)
    stored = drso_store_update_account (self->store, account, &error);
  else
    stored = drso_store_add_account (self->store, account, &error);
  if (!stored)
    {
      stop_saving (self, error->message);
      return;
    }

  /* Keys the account no longer signs in with would serve nobody. */
  if (self->saved_keys != NULL && !self->keys_written &&
      _drso_account_dialog_get_sign_in (self) != DRSO_SIGN_IN_KEYS)
    drso_aws_keyring_clear_async (drso_account_get_account_id (account), NULL, keys_cleared_cb,
                                  NULL);

  self->saving = FALSE;
  _drso_account_dialog_emit_saved (self, account);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
keys_stored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DrsoAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!drso_aws_keyring_store_finish (result, &error))
    {
      if (closed (self))
        return;
      /* TRANSLATORS: %s says why the keyring refused the keys */
      message = g_strdup_printf (_("%s. The account is not saved: DRS Orchestrator keeps access "
                                   "keys only in the keyring. Make sure a keyring service (such "
                                   "as GNOME Keyring) runs and is unlocked, then save again, or "
                                   "sign in with an AWS profile instead."),
                                 error->message);
      stop_saving (self, message);
      return;
    }
  if (closed (self))
    return;

  /* The secret has no more use here. */
  self->keys_written = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->secret_row), "");
  store_account (self);
}

static void
store_keys (DrsoAccountDialog  *self,
            DrsoAwsCredentials *keys)
{
  show_validation (self, _("Saving the keys in the keyring…"), FALSE);
  drso_aws_keyring_store_async (drso_account_get_account_id (self->pending),
                                drso_aws_credentials_get_access_key_id (keys),
                                drso_aws_credentials_get_secret_access_key (keys),
                                self->cancellable, keys_stored_cb, g_object_ref (self));
}

static void
source_keys_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DrsoAccountDialog) self = user_data;
  g_autoptr(DrsoAwsCredentials) keys = drso_aws_keyring_lookup_finish (result, NULL);

  if (closed (self))
    return;
  if (keys != NULL)
    store_keys (self, keys);
  else
    store_account (self);
}

static void
start_save (DrsoAccountDialog *self)
{
  DrsoSignIn sign_in = _drso_account_dialog_get_sign_in (self);
  DrsoAccount *source = _drso_account_dialog_get_source (self);

  self->saving = TRUE;
  self->keys_written = FALSE;
  g_clear_object (&self->pending);
  self->pending = _drso_account_dialog_build_account (self);
  _drso_account_dialog_update (self);

  if (sign_in == DRSO_SIGN_IN_KEYS &&
      gtk_editable_get_text (GTK_EDITABLE (self->secret_row))[0] != '\0')
    {
      g_autoptr(DrsoAwsCredentials) keys = dup_keys (self);

      store_keys (self, keys);
    }
  /* The keyring holds keys by account: a target account reached with the
   * keys of its source gets a copy of them. */
  else if (sign_in == DRSO_SIGN_IN_ROLE && source != NULL && uses_default_chain (source))
    drso_aws_keyring_lookup_async (drso_account_get_account_id (source), self->cancellable,
                                   source_keys_cb, g_object_ref (self));
  else
    store_account (self);
}

/* Validating */

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  return drso_account_check_line_row_new (DRSO_ACCOUNT_CHECK_LINE (item));
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DrsoAccountDialog) self = user_data;
  DrsoAccountCheck *check = DRSO_ACCOUNT_CHECK (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_failed;

  if (!drso_account_check_run_finish (check, result, &error) || check != self->check)
    return;

  self->check_current = self->changes == self->checked_changes;
  n_failed = drso_account_check_get_n_failed (check);
  if (n_failed == 0)
    {
      show_validation (self, _("Everything works with these credentials."), FALSE);
      if (self->save_after_check)
        {
          start_save (self);
          return;
        }
    }
  else
    {
      /* TRANSLATORS: %u is a number of failed checks */
      message = g_strdup_printf (g_dngettext (NULL,
                                              "%u check failed. You can save the account anyway, "
                                              "for instance to set it up before it can be "
                                              "reached, but discovery, drills and recoveries in "
                                              "it fail until the checks pass.",
                                              "%u checks failed. You can save the account anyway, "
                                              "for instance to set it up before it can be "
                                              "reached, but discovery, drills and recoveries in "
                                              "it fail until the checks pass.",
                                              n_failed),
                                 n_failed);
      show_validation (self, message, TRUE);
      self->save_anyway = self->check_current;
      scroll_to_validation (self);
    }
  _drso_account_dialog_update (self);
}

/**
 * _drso_account_dialog_start_check:
 * @self: a #DrsoAccountDialog
 * @then_save: whether to save when every check passes
 *
 * Validates the account as the form describes it, showing the lines.
 */
void
_drso_account_dialog_start_check (DrsoAccountDialog *self,
                                  gboolean           then_save)
{
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoAwsCredentials) keys = NULL;
  DrsoSignIn sign_in = _drso_account_dialog_get_sign_in (self);
  DrsoAccount *base = NULL;

  if (!self->form_valid || (self->check && drso_account_check_get_running (self->check)))
    return;

  account = _drso_account_dialog_build_account (self);
  if (sign_in == DRSO_SIGN_IN_KEYS)
    keys = dup_keys (self);
  else if (sign_in == DRSO_SIGN_IN_ROLE)
    base = _drso_account_dialog_get_source (self);

  g_clear_object (&self->check);
  self->check = drso_account_check_new (self->client, account, base, keys);
  self->check_current = FALSE;
  self->checked_changes = self->changes;
  self->save_after_check = then_save;
  self->save_anyway = FALSE;
  gtk_list_box_bind_model (self->check_list, drso_account_check_get_lines (self->check),
                           create_line_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->check_list), TRUE);
  show_validation (self, _("Checking what works with these credentials…"), FALSE);
  scroll_to_validation (self);

  drso_account_check_run_async (self->check, self->cancellable, check_done_cb,
                                g_object_ref (self));
  _drso_account_dialog_update (self);
}

void
_drso_account_dialog_save_clicked_cb (DrsoAccountDialog *self)
{
  if (!self->form_valid || self->saving)
    return;
  /* A validation of the form as it is, that passed, need not run again. */
  if (self->save_anyway ||
      (self->check_current && drso_account_check_get_n_failed (self->check) == 0))
    start_save (self);
  else
    _drso_account_dialog_start_check (self, TRUE);
}
