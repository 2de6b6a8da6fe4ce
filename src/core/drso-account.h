/* drso-account.h
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

#include "drso-document.h"

G_BEGIN_DECLS

/**
 * DRSO_SANDBOX_ACCESS_KEY_ID:
 *
 * The access key every Sandbox accepts. It opens nothing outside the
 * Sandbox; it is documented so that any AWS client can talk to one.
 */
#define DRSO_SANDBOX_ACCESS_KEY_ID     "AKIASANDBOXDRSO00001"
/**
 * DRSO_SANDBOX_SECRET_ACCESS_KEY:
 *
 * The secret of %DRSO_SANDBOX_ACCESS_KEY_ID.
 */
#define DRSO_SANDBOX_SECRET_ACCESS_KEY "sandbox/drso/not-a-secret/0000000000000"
/**
 * DRSO_SANDBOX_REGION:
 *
 * The region a Sandbox simulates unless told otherwise.
 */
#define DRSO_SANDBOX_REGION            "us-east-1"
/**
 * DRSO_SANDBOX_ACCOUNT_ID:
 *
 * The simulated account that holds the Sandbox's source servers: the
 * built-in account "Sandbox (simulated)" that the store creates.
 */
#define DRSO_SANDBOX_ACCOUNT_ID        "111122223333"

#define DRSO_TYPE_ACCOUNT (drso_account_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAccount, drso_account, DRSO, ACCOUNT, DrsoDocument)

DrsoAccount        *drso_account_new                  (const char         *account_id,
                                                       const char         *account_name);
DrsoAccount        *drso_account_new_from_json        (JsonNode           *node,
                                                       GError            **error);
const char         *drso_account_get_account_id       (DrsoAccount        *self);
const char         *drso_account_get_account_name     (DrsoAccount        *self);
const char         *drso_account_get_role_arn         (DrsoAccount        *self);
void                drso_account_set_role_arn         (DrsoAccount        *self,
                                                       const char         *value);
const char         *drso_account_get_external_id      (DrsoAccount        *self);
void                drso_account_set_external_id      (DrsoAccount        *self,
                                                       const char         *value);
const char * const *drso_account_get_regions          (DrsoAccount        *self);
void                drso_account_set_regions          (DrsoAccount        *self,
                                                       const char * const *regions);
const char         *drso_account_get_default_region   (DrsoAccount        *self);
const char         *drso_account_get_profile          (DrsoAccount        *self);
void                drso_account_set_profile          (DrsoAccount        *self,
                                                       const char         *value);
const char         *drso_account_get_endpoint_url     (DrsoAccount        *self);
void                drso_account_set_endpoint_url     (DrsoAccount        *self,
                                                       const char         *value);
gboolean            drso_account_get_simulated        (DrsoAccount        *self);
void                drso_account_set_simulated        (DrsoAccount        *self,
                                                       gboolean            simulated);
gboolean            drso_account_get_validated        (DrsoAccount        *self);
void                drso_account_set_validated        (DrsoAccount        *self,
                                                       gboolean            validated);
gint64              drso_account_get_last_validated   (DrsoAccount        *self);
void                drso_account_set_last_validated   (DrsoAccount        *self,
                                                       gint64              last_validated);

G_END_DECLS
