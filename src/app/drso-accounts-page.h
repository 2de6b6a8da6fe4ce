/* drso-accounts-page.h
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

#include <adwaita.h>
#include <drso.h>

#include "drso-account-check.h"

G_BEGIN_DECLS

#define DRSO_TYPE_ACCOUNTS_PAGE (drso_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAccountsPage, drso_accounts_page, DRSO, ACCOUNTS_PAGE, AdwBin)

GtkWidget        *drso_accounts_page_new        (DrsoStore        *store,
                                                 DrsoAwsClient    *client);
DrsoStore        *drso_accounts_page_get_store  (DrsoAccountsPage *self);
DrsoAwsClient    *drso_accounts_page_get_client (DrsoAccountsPage *self);
DrsoAccountCheck *drso_accounts_page_get_check  (DrsoAccountsPage *self,
                                                 const char       *account_id);

G_END_DECLS
