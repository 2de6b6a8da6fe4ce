/* drso-error.c
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

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include "drso-error.h"

G_DEFINE_QUARK (drso-model-error-quark, drso_model_error)
G_DEFINE_QUARK (drso-store-error-quark, drso_store_error)
G_DEFINE_QUARK (drso-permission-error-quark, drso_permission_error)

/**
 * drso_error_is_conflict:
 * @error: (nullable): a #GError
 *
 * Tells whether @error reports a conflict with objects that already exist: a
 * duplicate name or id, a server already in another protection group, or an object
 * still in use.
 *
 * Returns: %TRUE if @error is a conflict
 */
gboolean
drso_error_is_conflict (const GError *error)
{
  return g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME) ||
         g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID) ||
         g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP) ||
         g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_IN_USE);
}

/**
 * drso_error_is_not_found:
 * @error: (nullable): a #GError
 *
 * Returns: %TRUE if @error says that an object does not exist
 */
gboolean
drso_error_is_not_found (const GError *error)
{
  return g_error_matches (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
}
