/* drso-store-accounts.c
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

#define G_LOG_DOMAIN "drso-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-json-private.h"
#include "drso-store-private.h"

#define ACCOUNT_COLUMNS                                                              \
  "account_id, name, role_arn, external_id, regions, profile, endpoint_url, "        \
  "simulated, validated, last_validated, created_date, last_modified_date, "         \
  "created_by, last_modified_by"

static DrsoAccount *
account_from_row (sqlite3_stmt *stmt)
{
  DrsoAccount *account;
  g_auto(GStrv) regions = _drso_strv_from_json (_drso_store_column_text (stmt, 4));

  account = drso_account_new (_drso_store_column_text (stmt, 0),
                              _drso_store_column_text (stmt, 1));
  drso_account_set_role_arn (account, _drso_store_column_text (stmt, 2));
  drso_account_set_external_id (account, _drso_store_column_text (stmt, 3));
  drso_account_set_regions (account, (const char * const *) regions);
  drso_account_set_profile (account, _drso_store_column_text (stmt, 5));
  drso_account_set_endpoint_url (account, _drso_store_column_text (stmt, 6));
  drso_account_set_simulated (account, sqlite3_column_int (stmt, 7));
  drso_account_set_validated (account, sqlite3_column_int (stmt, 8));
  drso_account_set_last_validated (account, sqlite3_column_int64 (stmt, 9));
  drso_document_set_created_date (DRSO_DOCUMENT (account), sqlite3_column_int64 (stmt, 10));
  drso_document_set_last_modified_date (DRSO_DOCUMENT (account), sqlite3_column_int64 (stmt, 11));
  drso_document_set_created_by (DRSO_DOCUMENT (account), _drso_store_column_text (stmt, 12));
  drso_document_set_last_modified_by (DRSO_DOCUMENT (account), _drso_store_column_text (stmt, 13));
  return account;
}

GPtrArray *
_drso_store_load_accounts (DrsoStore  *self,
                           GError    **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _drso_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (accounts, account_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

static DrsoAccount *
read_account (DrsoStore   *self,
              const char  *sql,
              const char  *key,
              GError     **error)
{
  sqlite3_stmt *stmt = _drso_store_prepare (self, sql, error);
  DrsoAccount *account = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  _drso_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    account = account_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _drso_store_set_error (self, error);
  return account;
}

/**
 * drso_store_get_accounts:
 * @self: a #DrsoStore
 *
 * Returns: (transfer none): a live list model of #DrsoAccount, by name
 */
GListModel *
drso_store_get_accounts (DrsoStore *self)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  if (self->accounts == NULL)
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) error = NULL;

      self->accounts = _drso_live_list_new (DRSO_TYPE_ACCOUNT, _drso_store_document_get_id,
                                            _drso_store_compare_documents,
                                            _drso_store_documents_equal);
      items = _drso_store_load_accounts (self, &error);
      if (items == NULL)
        g_warning ("Could not load the accounts: %s", error->message);
      else
        _drso_live_list_reset (self->accounts, items);
    }
  return G_LIST_MODEL (self->accounts->store);
}

/**
 * drso_store_lookup_account:
 * @self: a #DrsoStore
 * @id_or_name: an account id, or an account's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new copy of the account, or %NULL
 *   with %DRSO_STORE_ERROR_NOT_FOUND
 */
DrsoAccount *
drso_store_lookup_account (DrsoStore   *self,
                           const char  *id_or_name,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  DrsoAccount *account;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  account = read_account (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE account_id = ?",
                          id_or_name, &local_error);
  if (account == NULL && local_error == NULL)
    {
      key = _drso_name_key (id_or_name);
      account = read_account (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE name_key = ?",
                              key, &local_error);
    }

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (account == NULL)
    _drso_store_not_found (error, _("account"), id_or_name);
  return account;
}

static gboolean
write_account (DrsoStore    *self,
               DrsoAccount  *account,
               const char   *sql,
               GError      **error)
{
  DrsoDocument *document = DRSO_DOCUMENT (account);
  g_autofree char *name_key = _drso_name_key (drso_document_get_name (document));
  g_autofree char *regions = _drso_strv_to_json (drso_account_get_regions (account));
  sqlite3_stmt *stmt = _drso_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  _drso_store_bind_text (stmt, 1, drso_document_get_id (document));
  _drso_store_bind_text (stmt, 2, drso_document_get_name (document));
  _drso_store_bind_text (stmt, 3, name_key);
  _drso_store_bind_text (stmt, 4, drso_account_get_role_arn (account));
  _drso_store_bind_text (stmt, 5, drso_account_get_external_id (account));
  _drso_store_bind_text (stmt, 6, regions);
  _drso_store_bind_text (stmt, 7, drso_account_get_profile (account));
  _drso_store_bind_text (stmt, 8, drso_account_get_endpoint_url (account));
  sqlite3_bind_int (stmt, 9, drso_account_get_simulated (account));
  sqlite3_bind_int (stmt, 10, drso_account_get_validated (account));
  sqlite3_bind_int64 (stmt, 11, drso_account_get_last_validated (account));
  sqlite3_bind_int64 (stmt, 12, drso_document_get_created_date (document));
  sqlite3_bind_int64 (stmt, 13, drso_document_get_last_modified_date (document));
  _drso_store_bind_text (stmt, 14, drso_document_get_created_by (document));
  _drso_store_bind_text (stmt, 15, drso_document_get_last_modified_by (document));
  return _drso_store_step_done (self, stmt, error);
}

static void
put_account (DrsoStore   *self,
             DrsoAccount *account)
{
  g_autoptr(DrsoDocument) copy = NULL;

  if (self->accounts == NULL)
    return;
  copy = drso_document_copy (DRSO_DOCUMENT (account));
  _drso_live_list_put (self->accounts, copy);
}

static gboolean
save_account (DrsoStore    *self,
              DrsoAccount  *account,
              gboolean      create,
              GError      **error)
{
  const char *account_id = drso_account_get_account_id (account);
  gboolean exists;
  g_autoptr(GError) local_error = NULL;

  if (!_drso_store_check (self, DRSO_PERMISSION_MANAGE_ACCOUNTS, error) ||
      !drso_document_validate (DRSO_DOCUMENT (account), error))
    return FALSE;

  if (!_drso_store_begin (self, error))
    return FALSE;

  exists = _drso_store_row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?",
                                   account_id, &local_error);
  if (local_error != NULL)
    goto fail;

  if (create && exists)
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID,
                   _("The account %s is already set up"), account_id);
      goto fail;
    }
  if (!create && !exists)
    {
      _drso_store_not_found (&local_error, _("account"), account_id);
      goto fail;
    }

  if (!_drso_store_check_name (self,
                               "SELECT name FROM accounts WHERE name_key = ? AND account_id != ?",
                               drso_document_get_name (DRSO_DOCUMENT (account)), account_id,
                               _("account"), &local_error))
    goto fail;

  _drso_store_stamp (DRSO_DOCUMENT (account), create);
  if (!write_account (self, account,
                      "INSERT INTO accounts (" ACCOUNT_COLUMNS ", name_key) "
                      "VALUES (?1, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?3) "
                      "ON CONFLICT (account_id) DO UPDATE SET "
                      "name = excluded.name, name_key = excluded.name_key, "
                      "role_arn = excluded.role_arn, external_id = excluded.external_id, "
                      "regions = excluded.regions, profile = excluded.profile, "
                      "endpoint_url = excluded.endpoint_url, simulated = excluded.simulated, "
                      "validated = excluded.validated, last_validated = excluded.last_validated, "
                      "last_modified_date = excluded.last_modified_date, "
                      "last_modified_by = excluded.last_modified_by",
                      &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  put_account (self, account);
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * drso_store_dup_default_account:
 * @self: a #DrsoStore
 *
 * The account to use when none is named: the only real (not simulated)
 * account, or the Sandbox's while no real account exists.
 *
 * Returns: (transfer full) (nullable): the default account, or %NULL when
 *   there is no account or several real ones
 */
DrsoAccount *
drso_store_dup_default_account (DrsoStore *self)
{
  GListModel *accounts;
  g_autoptr(DrsoAccount) real = NULL;
  g_autoptr(DrsoAccount) simulated = NULL;
  guint n_real = 0;

  g_return_val_if_fail (DRSO_IS_STORE (self), NULL);

  accounts = drso_store_get_accounts (self);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (accounts, i);

      if (drso_account_get_simulated (account))
        {
          if (simulated == NULL)
            simulated = g_steal_pointer (&account);
        }
      else if (n_real++ == 0)
        real = g_steal_pointer (&account);
    }

  if (n_real == 1)
    return g_steal_pointer (&real);
  if (n_real == 0)
    return g_steal_pointer (&simulated);
  return NULL;
}

/* The built-in account of the Sandbox, which a new database starts with so
 * that everything works on a fresh machine with no AWS set-up. Called inside
 * the transaction that creates the schema. */
gboolean
_drso_store_add_sandbox_account (DrsoStore  *self,
                                 GError    **error)
{
  g_autoptr(DrsoAccount) account = drso_account_new (DRSO_SANDBOX_ACCOUNT_ID,
                                                     _("Sandbox (simulated)"));
  const char * const regions[] = { DRSO_SANDBOX_REGION, NULL };

  drso_account_set_simulated (account, TRUE);
  drso_account_set_regions (account, regions);
  _drso_store_stamp (DRSO_DOCUMENT (account), TRUE);

  return write_account (self, account,
                        "INSERT INTO accounts (" ACCOUNT_COLUMNS ", name_key) "
                        "VALUES (?1, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?3)",
                        error);
}

/**
 * drso_store_add_account:
 * @self: a #DrsoStore
 * @account: a new account
 * @error: return location for a #GError
 *
 * Adds @account. Needs drs:ManageAccounts. Fails if the id is set up already
 * or the name is taken (conflicts), or if the account breaks a rule.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_add_account (DrsoStore    *self,
                        DrsoAccount  *account,
                        GError      **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_ACCOUNT (account), FALSE);

  return save_account (self, account, TRUE, error);
}

/**
 * drso_store_update_account:
 * @self: a #DrsoStore
 * @account: an account with the id of a stored one
 * @error: return location for a #GError
 *
 * Replaces the stored account with @account. Needs drs:ManageAccounts.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_update_account (DrsoStore    *self,
                           DrsoAccount  *account,
                           GError      **error)
{
  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (DRSO_IS_ACCOUNT (account), FALSE);

  return save_account (self, account, FALSE, error);
}

/**
 * drso_store_remove_account:
 * @self: a #DrsoStore
 * @account_id: an account id
 * @error: return location for a #GError
 *
 * Removes the account and its discovered servers. Needs drs:ManageAccounts.
 * Refused while protection groups use the account.
 *
 * Returns: %TRUE on success
 */
gboolean
drso_store_remove_account (DrsoStore   *self,
                           const char  *account_id,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) users = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DRSO_IS_STORE (self), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if (!_drso_store_check (self, DRSO_PERMISSION_MANAGE_ACCOUNTS, error) ||
      !_drso_store_begin (self, error))
    return FALSE;

  if (!_drso_store_row_exists (self, "SELECT 1 FROM accounts WHERE account_id = ?", account_id,
                               &local_error))
    {
      if (local_error == NULL)
        _drso_store_not_found (&local_error, _("account"), account_id);
      goto fail;
    }

  stmt = _drso_store_prepare (self, "SELECT name FROM protection_groups WHERE account_id = ? "
                                    "ORDER BY name_key",
                              &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, account_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (users, "%s“%s”", users->len ? ", " : "",
                            _drso_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _drso_store_set_error (self, &local_error);
      goto fail;
    }
  if (users->len > 0)
    {
      g_set_error (&local_error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE,
                   _("The account %s is used by the protection groups %s: delete or move them "
                     "first"),
                   account_id, users->str);
      goto fail;
    }

  stmt = _drso_store_prepare (self, "DELETE FROM accounts WHERE account_id = ?", &local_error);
  if (stmt == NULL)
    goto fail;
  _drso_store_bind_text (stmt, 1, account_id);
  if (!_drso_store_step_done (self, stmt, &local_error) ||
      !_drso_store_commit (self, &local_error))
    goto fail;

  if (self->accounts != NULL)
    _drso_live_list_remove (self->accounts, account_id);
  if (self->servers != NULL)
    {
      g_autoptr(GPtrArray) servers = _drso_store_load_servers (self, NULL);

      if (servers != NULL)
        _drso_live_list_reset (self->servers, servers);
    }
  return TRUE;

fail:
  _drso_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
