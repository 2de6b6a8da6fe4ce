/* drso-accounts-page-row.c
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

#include "drso-accounts-page-private.h"

/* The row of one account: an expander row whose title is the account's
 * name and whose subtitle says its id, regions, credentials, role and when
 * it was last validated. Its actions are a Validate button and a menu with
 * Edit and Remove; its expanded part shows the lines of the last validation
 * made on the page. The row is named `account-` followed by the id. */

#define ROW_ACCOUNT  "drso-account"
#define ROW_BUTTON   "drso-validate-button"
#define ROW_CHILDREN "drso-check-rows"

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (unix_time);

  /* TRANSLATORS: how the date of the last validation is shown; see
   * g_date_time_format() for the codes */
  return date ? g_date_time_format (date, _("%-d %B %Y, %H:%M")) : NULL;
}

static gboolean
uses_default_chain (DrsoAccount *account)
{
  return !drso_account_get_simulated (account) && drso_account_get_profile (account) == NULL;
}

static char *
describe_credentials (DrsoAccount      *account,
                      DrsoAccountState *state)
{
  if (drso_account_get_simulated (account))
    return g_strdup (_("Credentials: simulated by the Sandbox"));
  if (drso_account_get_profile (account) != NULL)
    /* TRANSLATORS: %s is the name of a profile in ~/.aws/config */
    return g_strdup_printf (_("Credentials: the AWS profile “%s”"),
                            drso_account_get_profile (account));

  switch (state->has_keys)
    {
    case DRSO_KEYS_IN_KEYRING:
      return g_strdup (_("Credentials: access keys in the keyring"));
    case DRSO_KEYS_NONE:
      return g_strdup (_("Credentials: the environment (AWS_ACCESS_KEY_ID) or the default "
                         "AWS profile"));
    case DRSO_KEYS_UNKNOWN:
    case DRSO_KEYS_LOOKING:
    default:
      return g_strdup (_("Credentials: access keys in the keyring, or the environment"));
    }
}

static char *
describe_account (DrsoAccount      *account,
                  DrsoAccountState *state)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *regions = drso_account_get_regions (account);
  g_autofree char *joined = g_strjoinv (", ", (char **) regions);
  g_autofree char *credentials = describe_credentials (account, state);
  g_autofree char *date = NULL;

  /* TRANSLATORS: the first line under an account's name: its id and regions */
  g_string_append_printf (text, _("%s · %s"), drso_account_get_account_id (account),
                          regions != NULL && regions[0] != NULL ? joined : _("no region set"));
  g_string_append_printf (text, "\n%s", credentials);
  if (drso_account_get_role_arn (account) != NULL)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: %s is the ARN of the IAM role a target account is reached by */
      g_string_append_printf (text, _("Target account, reached by the role %s"),
                              drso_account_get_role_arn (account));
    }

  g_string_append_c (text, '\n');
  if (drso_account_get_validated (account) &&
      (date = format_date (drso_account_get_last_validated (account))) != NULL)
    /* TRANSLATORS: %s is a date and time */
    g_string_append_printf (text, _("Validated on %s"), date);
  else
    g_string_append (text, _("Not validated yet"));

  return g_markup_escape_text (text->str, -1);
}

static GtkWidget *
find_row (DrsoAccountsPage *self,
          const char       *account_id)
{
  g_autofree char *name = g_strconcat ("account-", account_id, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->account_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
    }
  return NULL;
}

static void
update_validate_button (GtkWidget        *button,
                        DrsoAccountCheck *check)
{
  gboolean running = check != NULL && drso_account_check_get_running (check);

  gtk_widget_set_sensitive (button, !running);
  gtk_button_set_label (GTK_BUTTON (button), running ? _("Validating…") : _("_Validate"));
}

static void
check_running_cb (DrsoAccountCheck *check,
                  GParamSpec       *pspec,
                  GtkWidget        *button)
{
  update_validate_button (button, check);
}

/* Fills the row in from the account and what the page knows of it. */
static void
fill_row (DrsoAccountsPage *self,
          AdwExpanderRow   *row)
{
  DrsoAccount *account = g_object_get_data (G_OBJECT (row), ROW_ACCOUNT);
  GtkWidget *button = g_object_get_data (G_OBJECT (row), ROW_BUTTON);
  GPtrArray *children = g_object_get_data (G_OBJECT (row), ROW_CHILDREN);
  DrsoAccountState *state = _drso_accounts_page_get_state (self,
                                                           drso_account_get_account_id (account));
  g_autofree char *subtitle = describe_account (account, state);

  adw_expander_row_set_subtitle (row, subtitle);

  for (guint i = 0; i < children->len; i++)
    adw_expander_row_remove (row, g_ptr_array_index (children, i));
  g_ptr_array_set_size (children, 0);

  if (state->check != NULL)
    {
      GListModel *lines = drso_account_check_get_lines (state->check);

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(DrsoAccountCheckLine) line = g_list_model_get_item (lines, i);

          g_ptr_array_add (children, drso_account_check_line_row_new (line));
        }
      if (g_object_get_data (G_OBJECT (button), "drso-check") != state->check)
        {
          g_object_set_data (G_OBJECT (button), "drso-check", state->check);
          g_signal_connect_object (state->check, "notify::running",
                                   G_CALLBACK (check_running_cb), button, 0);
        }
    }
  else
    {
      GtkWidget *placeholder = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (placeholder),
                                     _("Not validated in this session"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (placeholder),
                                   _("Validate to see what works with the account’s credentials: "
                                     "who they are, its role if it has one, DRS and EC2."));
      gtk_widget_add_css_class (placeholder, "dim-label");
      g_ptr_array_add (children, placeholder);
    }

  for (guint i = 0; i < children->len; i++)
    adw_expander_row_add_row (row, g_ptr_array_index (children, i));

  update_validate_button (button, state->check);
  adw_expander_row_set_expanded (row, state->expanded);
}

typedef struct
{
  DrsoAccountsPage *page;
  char             *account_id;
} KeysLookup;

static void
keys_looked_up_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KeysLookup *lookup = user_data;
  g_autoptr(DrsoAccountsPage) self = lookup->page;
  g_autofree char *account_id = lookup->account_id;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_free (lookup);
  credentials = drso_aws_keyring_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->states == NULL)
    return;
  if (error != NULL)
    g_debug ("No keys in the keyring for %s: %s", account_id, error->message);

  _drso_accounts_page_get_state (self, account_id)->has_keys =
    credentials != NULL ? DRSO_KEYS_IN_KEYRING : DRSO_KEYS_NONE;
  _drso_accounts_page_refresh_row (self, account_id);
}

/* Finds out whether the keyring holds the keys of an account that has no
 * profile, to tell them from the environment's. */
static void
look_up_keys (DrsoAccountsPage *self,
              DrsoAccount      *account)
{
  const char *account_id = drso_account_get_account_id (account);
  DrsoAccountState *state = _drso_accounts_page_get_state (self, account_id);
  KeysLookup *lookup;

  if (!uses_default_chain (account) || state->has_keys != DRSO_KEYS_UNKNOWN)
    return;

  state->has_keys = DRSO_KEYS_LOOKING;
  lookup = g_new0 (KeysLookup, 1);
  lookup->page = g_object_ref (self);
  lookup->account_id = g_strdup (account_id);
  drso_aws_keyring_lookup_async (account_id, self->cancellable, keys_looked_up_cb, lookup);
}

static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             DrsoAccountsPage *self)
{
  DrsoAccount *account = g_object_get_data (G_OBJECT (row), ROW_ACCOUNT);

  if (self->states != NULL)
    _drso_accounts_page_get_state (self, drso_account_get_account_id (account))->expanded =
      adw_expander_row_get_expanded (row);
}

/* A label in a rounded, accent-coloured box, built from a button that takes
 * no input, since libadwaita has no such style for labels. */
static GtkWidget *
simulated_pill_new (void)
{
  GtkWidget *label = gtk_label_new (_("Simulated"));
  GtkWidget *pill = g_object_new (GTK_TYPE_BUTTON,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_LABEL,
                                  "child", label,
                                  "can-focus", FALSE,
                                  "can-target", FALSE,
                                  "focus-on-click", FALSE,
                                  "valign", GTK_ALIGN_CENTER,
                                  "tooltip-text", _("An account of the built-in Sandbox, which "
                                                    "simulates AWS: nothing it does reaches AWS"),
                                  NULL);

  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (pill, "circular");
  gtk_widget_add_css_class (pill, "suggested-action");
  gtk_widget_set_name (pill, "simulated-pill");
  return pill;
}

static GtkWidget *
menu_button_new (const char *account_id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target (edit, "accounts.edit", "s", account_id);
  g_menu_item_set_action_and_target (remove, "accounts.remove", "s", account_id);
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, remove);

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("More Actions"));
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/**
 * _drso_accounts_page_create_row:
 * @item: a #DrsoAccount of the store
 * @user_data: the #DrsoAccountsPage
 *
 * Returns: (transfer floating): the account's row, for gtk_list_box_bind_model()
 */
GtkWidget *
_drso_accounts_page_create_row (gpointer item,
                                gpointer user_data)
{
  DrsoAccountsPage *self = DRSO_ACCOUNTS_PAGE (user_data);
  DrsoAccount *account = DRSO_ACCOUNT (item);
  const char *account_id = drso_account_get_account_id (account);
  g_autofree char *name = g_strconcat ("account-", account_id, NULL);
  g_autofree char *title = g_markup_escape_text (drso_account_get_account_name (account), -1);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Validate"));

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), ROW_ACCOUNT, g_object_ref (account), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), ROW_CHILDREN, g_ptr_array_new (),
                          (GDestroyNotify) g_ptr_array_unref);

  /* Each action goes before the ones added earlier. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), menu_button_new (account_id));

  gtk_widget_set_name (button, "validate-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "accounts.validate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", account_id);
  gtk_widget_set_tooltip_text (button, _("Check what works with the account’s credentials"));
  g_object_set_data (G_OBJECT (row), ROW_BUTTON, button);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  if (drso_account_get_simulated (account))
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), simulated_pill_new ());

  fill_row (self, ADW_EXPANDER_ROW (row));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);
  look_up_keys (self, account);
  return row;
}

/**
 * _drso_accounts_page_refresh_row:
 * @self: a #DrsoAccountsPage
 * @account_id: an account id
 *
 * Shows in the account's row, if it has one, what the page knows now.
 */
void
_drso_accounts_page_refresh_row (DrsoAccountsPage *self,
                                 const char       *account_id)
{
  GtkWidget *row = find_row (self, account_id);

  if (row != NULL)
    {
      DrsoAccount *account = g_object_get_data (G_OBJECT (row), ROW_ACCOUNT);

      fill_row (self, ADW_EXPANDER_ROW (row));
      look_up_keys (self, account);
    }
}
