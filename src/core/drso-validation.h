/* drso-validation.h
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

#include <glib.h>

G_BEGIN_DECLS

gboolean drso_validate_account_id       (const char  *account_id,
                                         GError     **error);
gboolean drso_validate_role_arn         (const char  *role_arn,
                                         GError     **error);
gboolean drso_validate_external_id      (const char  *external_id,
                                         GError     **error);
gboolean drso_validate_region           (const char  *region,
                                         GError     **error);
gboolean drso_validate_source_server_id (const char  *server_id,
                                         GError     **error);
gboolean drso_validate_recovery_snapshot_id (const char  *snapshot_id,
                                             GError     **error);
gboolean drso_validate_name             (const char  *what,
                                         const char  *name,
                                         GError     **error);
gboolean drso_validate_id               (const char  *what,
                                         const char  *id,
                                         GError     **error);
gboolean drso_validate_tag              (const char  *key,
                                         const char  *value,
                                         GError     **error);
char    *drso_role_arn_dup_account_id   (const char  *role_arn);

G_END_DECLS
