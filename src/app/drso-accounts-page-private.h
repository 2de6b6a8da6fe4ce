/* drso-accounts-page-private.h
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

#include "drso-accounts-page.h"

G_BEGIN_DECLS

/* Shared by drso-accounts-page.c (the page and its actions) and
 * drso-accounts-page-row.c (the row of one account). */

typedef enum
{
  DRSO_KEYS_UNKNOWN,
  DRSO_KEYS_LOOKING,
  DRSO_KEYS_IN_KEYRING,
  DRSO_KEYS_NONE,
} DrsoKeysState;

/* What the page knows of an account beyond the store: it outlives the
 * account's row, which the list box makes anew whenever the store changes
 * the account. */
typedef struct
{
  DrsoAccountCheck *check;      /* nullable: not validated on this page */
  DrsoKeysState     has_keys;
  gboolean          expanded;
} DrsoAccountState;

struct _DrsoAccountsPage
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  GtkListBox    *account_list;
  GtkLabel      *permission_label;

  /* Owned references */
  DrsoStore     *store;
  DrsoAwsClient *client;
  GCancellable  *cancellable;
  GHashTable    *states;   /* account id → DrsoAccountState */

  /* Borrowed references */
  GHashTable    *rows;     /* account id → its AdwExpanderRow, while it exists */
};

DrsoAccountState *_drso_accounts_page_get_state   (DrsoAccountsPage *self,
                                                   const char       *account_id);
void              _drso_accounts_page_emit_toast  (DrsoAccountsPage *self,
                                                   const char       *message);
GtkWidget        *_drso_accounts_page_create_row  (gpointer          item,
                                                   gpointer          user_data);
void              _drso_accounts_page_refresh_row (DrsoAccountsPage *self,
                                                   const char       *account_id);

G_END_DECLS
