/* drso-account-dialog-form.c
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

/* The form of the account dialog: its choices (profiles, source accounts,
 * ways to sign in), filling it from an account, and checking it as it is
 * typed in. */

static char *
dup_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

static char **
parse_regions (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text, ", \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
show_error (GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
set_row_error (gpointer row,
               gboolean error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static guint
find_string (GListModel *strings,
             const char *value)
{
  for (guint i = 0; value != NULL && i < g_list_model_get_n_items (strings); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (strings, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The profiles of the shared config files, where the AWS SDKs find them. */
static void
fill_profiles (DrsoAccountDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(DrsoAwsConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *credentials_path = NULL;
  g_autofree char *wanted = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  guint position;

  drso_aws_config_locate (NULL, &self->config_path, &credentials_path);
  config = drso_aws_config_load (&error);
  if (config != NULL)
    {
      g_auto(GStrv) profiles = drso_aws_config_get_profile_names (config);

      for (guint i = 0; profiles[i] != NULL; i++)
        gtk_string_list_append (names, profiles[i]);
    }
  else
    {
      /* Shown when the form asks for a profile. */
      g_free (self->config_error);
      self->config_error = g_strdup (error->message);
    }

  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));
  wanted = drso_aws_config_get_default_profile ((const char * const *) envp);
  position = find_string (G_LIST_MODEL (names), wanted);
  adw_combo_row_set_selected (self->profile_row, position != GTK_INVALID_LIST_POSITION
                                                 ? position : 0);
}

/* The accounts whose credentials may reach a target account: every other
 * one that is not itself reached by a role. */
static void
fill_sources (DrsoAccountDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GListModel *accounts = drso_store_get_accounts (self->store);

  g_ptr_array_set_size (self->sources, 0);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (accounts, i);

      if (drso_account_get_role_arn (account) != NULL ||
          (self->account != NULL &&
           g_strcmp0 (drso_account_get_account_id (account),
                      drso_account_get_account_id (self->account)) == 0))
        continue;

      gtk_string_list_append (labels, drso_account_get_account_name (account));
      g_ptr_array_add (self->sources, g_steal_pointer (&account));
    }
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (labels));
}

static void
fill_methods (DrsoAccountDialog *self)
{
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);

  gtk_string_list_append (methods, _("AWS Profile"));
  gtk_string_list_append (methods, _("Access Keys"));
  gtk_string_list_append (methods, _("Assumed Role"));
  gtk_string_list_append (methods, _("Environment"));
  if (self->account != NULL && drso_account_get_simulated (self->account) &&
      drso_account_get_role_arn (self->account) == NULL)
    gtk_string_list_append (methods, _("The Sandbox (Simulated)"));
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (methods));
}

/* The source whose credentials an edited target account uses now: the first
 * that reaches AWS the same way. */
static guint
find_source (DrsoAccountDialog *self,
             DrsoAccount       *target)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      DrsoAccount *source = g_ptr_array_index (self->sources, i);

      if (drso_account_get_simulated (source) == drso_account_get_simulated (target) &&
          g_strcmp0 (drso_account_get_profile (source), drso_account_get_profile (target)) == 0)
        return i;
    }
  return 0;
}

static void
keys_found_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DrsoAccountDialog) self = user_data;
  g_autoptr(DrsoAwsCredentials) keys = NULL;

  keys = drso_aws_keyring_lookup_finish (result, NULL);
  if (keys == NULL || self->cancellable == NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  self->saved_keys = g_steal_pointer (&keys);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->access_key_row),
                         drso_aws_credentials_get_access_key_id (self->saved_keys));
  adw_combo_row_set_selected (self->method_row, DRSO_SIGN_IN_KEYS);
  self->filling = FALSE;
  _drso_account_dialog_update (self);
}

static void
fill_from_account (DrsoAccountDialog *self)
{
  DrsoAccount *account = self->account;
  const char * const *regions = drso_account_get_regions (account);
  g_autofree char *joined = g_strjoinv (", ", (char **) regions);
  const char *profile = drso_account_get_profile (account);
  DrsoSignIn sign_in;

  gtk_editable_set_text (GTK_EDITABLE (self->account_id_row),
                         drso_account_get_account_id (account));
  gtk_editable_set_editable (GTK_EDITABLE (self->account_id_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), drso_account_get_account_name (account));
  gtk_editable_set_text (GTK_EDITABLE (self->regions_row), joined);
  if (drso_account_get_endpoint_url (account) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->endpoint_row),
                           drso_account_get_endpoint_url (account));
  if (drso_account_get_role_arn (account) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->role_arn_row),
                           drso_account_get_role_arn (account));
  if (drso_account_get_external_id (account) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->external_id_row),
                           drso_account_get_external_id (account));

  if (drso_account_get_role_arn (account) != NULL)
    {
      sign_in = DRSO_SIGN_IN_ROLE;
      adw_combo_row_set_selected (self->source_row, find_source (self, account));
    }
  else if (drso_account_get_simulated (account))
    sign_in = DRSO_SIGN_IN_SIMULATED;
  else if (profile != NULL)
    {
      GtkStringList *names = GTK_STRING_LIST (adw_combo_row_get_model (self->profile_row));
      guint position = find_string (G_LIST_MODEL (names), profile);

      /* Keep a profile the files lost, so that saving does not change it. */
      if (position == GTK_INVALID_LIST_POSITION)
        {
          gtk_string_list_append (names, profile);
          position = g_list_model_get_n_items (G_LIST_MODEL (names)) - 1;
        }
      adw_combo_row_set_selected (self->profile_row, position);
      sign_in = DRSO_SIGN_IN_PROFILE;
    }
  else
    {
      sign_in = DRSO_SIGN_IN_ENVIRONMENT;
      drso_aws_keyring_lookup_async (drso_account_get_account_id (account), self->cancellable,
                                     keys_found_cb, g_object_ref (self));
    }
  adw_combo_row_set_selected (self->method_row, sign_in);
}

static const char *
describe_sign_in (DrsoAccountDialog *self,
                  DrsoSignIn         sign_in)
{
  switch (sign_in)
    {
    case DRSO_SIGN_IN_PROFILE:
      return _("The profile’s credentials, found as the AWS command line finds them: its keys, "
               "its credential_process, or a role of its own.");
    case DRSO_SIGN_IN_KEYS:
      if (self->saved_keys != NULL)
        return _("The keys are kept in your keyring, never in DRS Orchestrator’s files. Leave "
                 "the secret empty to keep the one saved.");
      return _("The keys are kept in your keyring, never in DRS Orchestrator’s files. Use the "
               "keys of an IAM user that may call DRS, EC2 and STS.");
    case DRSO_SIGN_IN_ROLE:
      return _("For a target account: DRS Orchestrator assumes the role with the credentials of "
               "the account chosen, giving the external ID the role’s trust policy asks for.");
    case DRSO_SIGN_IN_ENVIRONMENT:
      return _("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY when they are set, else the "
               "default profile of the AWS config files.");
    case DRSO_SIGN_IN_SIMULATED:
    default:
      return _("The Sandbox simulates this account: it signs with the Sandbox’s own key, and "
               "nothing reaches AWS.");
    }
}

/* Checks the account's fields; says what is wrong with the first that is,
 * unless it is merely empty. */
static gboolean
check_account_fields (DrsoAccountDialog  *self,
                      char              **message)
{
  g_autofree char *account_id = dup_text (self->account_id_row);
  g_autofree char *regions_text = dup_text (self->regions_row);
  g_auto(GStrv) regions = parse_regions (regions_text);
  g_autoptr(GError) error = NULL;
  gboolean id_ok = TRUE;

  if (account_id[0] == '\0')
    id_ok = FALSE;
  else if (!drso_validate_account_id (account_id, &error))
    {
      id_ok = FALSE;
      *message = g_strdup (error->message);
    }
  set_row_error (self->account_id_row, !id_ok && *message != NULL);

  for (guint i = 0; regions[i] != NULL; i++)
    {
      g_clear_error (&error);
      if (!drso_validate_region (regions[i], &error))
        {
          set_row_error (self->regions_row, TRUE);
          if (*message == NULL)
            *message = g_strdup (error->message);
          return FALSE;
        }
    }
  set_row_error (self->regions_row, FALSE);
  return id_ok;
}

static gboolean
check_credential_fields (DrsoAccountDialog  *self,
                         DrsoSignIn          sign_in,
                         char              **message)
{
  g_autofree char *account_id = dup_text (self->account_id_row);
  g_autofree char *role_arn = dup_text (self->role_arn_row);
  g_autofree char *external_id = dup_text (self->external_id_row);
  g_autofree char *endpoint = dup_text (self->endpoint_row);
  g_autoptr(GError) error = NULL;

  set_row_error (self->role_arn_row, FALSE);
  set_row_error (self->external_id_row, FALSE);
  set_row_error (self->endpoint_row, FALSE);

  switch (sign_in)
    {
    case DRSO_SIGN_IN_PROFILE:
      if (adw_combo_row_get_selected_item (self->profile_row) == NULL && self->config_error)
        {
          *message = g_strdup (self->config_error);
          return FALSE;
        }
      if (adw_combo_row_get_selected_item (self->profile_row) == NULL)
        {
          /* TRANSLATORS: %s is the path of the AWS config file */
          *message = g_strdup_printf (_("There is no profile in %s. Add one with “aws configure "
                                        "--profile NAME”, or sign in another way."),
                                      self->config_path);
          return FALSE;
        }
      break;

    case DRSO_SIGN_IN_KEYS:
      if (gtk_editable_get_text (GTK_EDITABLE (self->access_key_row))[0] == '\0' ||
          (gtk_editable_get_text (GTK_EDITABLE (self->secret_row))[0] == '\0' &&
           self->saved_keys == NULL))
        return FALSE;
      break;

    case DRSO_SIGN_IN_ROLE:
      if (self->sources->len == 0)
        {
          *message = g_strdup (_("Add the account whose credentials reach this one first."));
          return FALSE;
        }
      if (role_arn[0] == '\0')
        return FALSE;
      if (!drso_validate_role_arn (role_arn, &error))
        {
          set_row_error (self->role_arn_row, TRUE);
          *message = g_strdup (error->message);
          return FALSE;
        }
      if (external_id[0] != '\0' && !drso_validate_external_id (external_id, &error))
        {
          set_row_error (self->external_id_row, TRUE);
          *message = g_strdup (error->message);
          return FALSE;
        }
      break;

    case DRSO_SIGN_IN_ENVIRONMENT:
    case DRSO_SIGN_IN_SIMULATED:
    default:
      break;
    }

  if (sign_in != DRSO_SIGN_IN_ROLE && sign_in != DRSO_SIGN_IN_SIMULATED && endpoint[0] != '\0' &&
      !(g_uri_is_valid (endpoint, G_URI_FLAGS_NONE, NULL) &&
        (g_str_has_prefix (endpoint, "https://") || g_str_has_prefix (endpoint, "http://"))))
    {
      set_row_error (self->endpoint_row, TRUE);
      /* TRANSLATORS: %s is what was typed as an endpoint URL */
      *message = g_strdup_printf (_("“%s” is not an http:// or https:// URL"), endpoint);
      return FALSE;
    }

  /* Whatever else the model refuses, such as a role of another account. */
  if (account_id[0] != '\0')
    {
      g_autoptr(DrsoAccount) account = _drso_account_dialog_build_account (self);

      if (!drso_document_validate (DRSO_DOCUMENT (account), &error))
        {
          *message = g_strdup (error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * _drso_account_dialog_fill:
 * @self: a #DrsoAccountDialog
 *
 * Fills the choices in, then the fields: from the edited account, or with
 * the defaults of a new one.
 */
void
_drso_account_dialog_fill (DrsoAccountDialog *self)
{
  fill_methods (self);
  fill_profiles (self);
  fill_sources (self);

  if (self->account != NULL)
    {
      adw_window_title_set_title (self->window_title, _("Edit Account"));
      adw_window_title_set_subtitle (self->window_title,
                                     drso_account_get_account_name (self->account));
      fill_from_account (self);
    }
  else
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *region = g_settings_get_string (settings, "default-region");
      GListModel *profiles = adw_combo_row_get_model (self->profile_row);

      adw_window_title_set_title (self->window_title, _("Add Account"));
      gtk_editable_set_text (GTK_EDITABLE (self->regions_row), region);
      adw_combo_row_set_selected (self->method_row,
                                  g_list_model_get_n_items (profiles) > 0 ? DRSO_SIGN_IN_PROFILE
                                                                          : DRSO_SIGN_IN_KEYS);
    }
}

DrsoSignIn
_drso_account_dialog_get_sign_in (DrsoAccountDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->method_row);

  return selected == GTK_INVALID_LIST_POSITION ? DRSO_SIGN_IN_PROFILE : (DrsoSignIn) selected;
}

/* The account chosen to reach a target account with, or NULL. */
DrsoAccount *
_drso_account_dialog_get_source (DrsoAccountDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);

  return selected < self->sources->len ? g_ptr_array_index (self->sources, selected) : NULL;
}

/* Shows what fits the way of signing in, and what is wrong with the form. */
void
_drso_account_dialog_update (DrsoAccountDialog *self)
{
  DrsoSignIn sign_in = _drso_account_dialog_get_sign_in (self);
  g_autofree char *account_message = NULL;
  g_autofree char *credentials_message = NULL;
  gboolean busy = self->saving || (self->check && drso_account_check_get_running (self->check));
  gboolean account_ok, credentials_ok;

  gtk_widget_set_visible (GTK_WIDGET (self->profile_row), sign_in == DRSO_SIGN_IN_PROFILE);
  gtk_widget_set_visible (GTK_WIDGET (self->access_key_row), sign_in == DRSO_SIGN_IN_KEYS);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), sign_in == DRSO_SIGN_IN_KEYS);
  gtk_widget_set_visible (GTK_WIDGET (self->source_row), sign_in == DRSO_SIGN_IN_ROLE);
  gtk_widget_set_visible (GTK_WIDGET (self->role_arn_row), sign_in == DRSO_SIGN_IN_ROLE);
  gtk_widget_set_visible (GTK_WIDGET (self->external_id_row), sign_in == DRSO_SIGN_IN_ROLE);
  gtk_widget_set_visible (GTK_WIDGET (self->advanced_group),
                          sign_in != DRSO_SIGN_IN_ROLE && sign_in != DRSO_SIGN_IN_SIMULATED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_row), sign_in != DRSO_SIGN_IN_SIMULATED);
  gtk_label_set_text (self->method_label, describe_sign_in (self, sign_in));

  account_ok = check_account_fields (self, &account_message);
  credentials_ok = check_credential_fields (self, sign_in, &credentials_message);
  show_error (self->account_error_label, account_message);
  show_error (self->credentials_error_label, account_ok ? credentials_message : NULL);
  self->form_valid = account_ok && credentials_ok;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->form_valid && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->validate_button), self->form_valid && !busy);
  gtk_button_set_label (self->save_button, self->save_anyway ? _("Save _Anyway") : _("_Save"));
}

