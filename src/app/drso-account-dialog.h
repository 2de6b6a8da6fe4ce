/* drso-account-dialog.h
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

#define DRSO_TYPE_ACCOUNT_DIALOG (drso_account_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAccountDialog, drso_account_dialog, DRSO, ACCOUNT_DIALOG, AdwWindow)

GtkWidget        *drso_account_dialog_new         (GtkWindow         *parent,
                                                   DrsoStore         *store,
                                                   DrsoAwsClient     *client,
                                                   DrsoAccount       *account);
DrsoAccount      *drso_account_dialog_get_account (DrsoAccountDialog *self);
DrsoAccountCheck *drso_account_dialog_get_check   (DrsoAccountDialog *self);

G_END_DECLS
