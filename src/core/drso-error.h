/* drso-error.h
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

/**
 * DRSO_MODEL_ERROR:
 *
 * Error domain for documents and objects that break a rule of the model.
 * Errors in this domain use the codes of #DrsoModelError; their message is a
 * sentence meant for the user.
 */
#define DRSO_MODEL_ERROR (drso_model_error_quark ())

/**
 * DrsoModelError:
 * @DRSO_MODEL_ERROR_INVALID_JSON: the text is not JSON, or is cut short
 * @DRSO_MODEL_ERROR_WRONG_TYPE: a member has the wrong JSON type
 * @DRSO_MODEL_ERROR_MISSING_FIELD: a required member is missing
 * @DRSO_MODEL_ERROR_INVALID_VALUE: a member has a value outside its range or set
 * @DRSO_MODEL_ERROR_UNSUPPORTED_VERSION: a bundle has a format version this program does not read
 * @DRSO_MODEL_ERROR_DUPLICATE_ID: two documents share an id
 * @DRSO_MODEL_ERROR_INVALID_ID: an id is empty, too long or has characters ids cannot have
 * @DRSO_MODEL_ERROR_NAME_REQUIRED: a name is empty
 * @DRSO_MODEL_ERROR_NAME_TOO_LONG: a name is longer than 256 characters
 * @DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID: an AWS account id is not 12 digits
 * @DRSO_MODEL_ERROR_INVALID_ROLE_ARN: a role ARN does not parse
 * @DRSO_MODEL_ERROR_INVALID_EXTERNAL_ID: an external id is not 2–1224 allowed characters
 * @DRSO_MODEL_ERROR_INVALID_REGION: a region name is not of the form us-east-1
 * @DRSO_MODEL_ERROR_INVALID_SERVER_ID: a DRS source server id is not s- and 17 letters or digits
 * @DRSO_MODEL_ERROR_INVALID_TAG: a tag key or value is empty or too long
 * @DRSO_MODEL_ERROR_EMPTY_GROUP: a protection group names neither servers nor tags
 * @DRSO_MODEL_ERROR_NO_WAVES: a recovery plan has no wave
 * @DRSO_MODEL_ERROR_WAVE_WITHOUT_GROUPS: a wave has no protection group
 * @DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES: a protection group is in two waves of one plan
 * @DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER: two waves of one plan share a number
 * @DRSO_MODEL_ERROR_MISSING_GROUP: a plan names a protection group that does not exist
 * @DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE: a protection group belongs to an account that is not set up
 * @DRSO_MODEL_ERROR_DUPLICATE_NAME: another object of the same kind has this name (a conflict)
 * @DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP: a server already belongs to another protection group (a conflict)
 * @DRSO_MODEL_ERROR_IN_USE: the object cannot be removed or changed while others use it (a conflict)
 * @DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID: a DRS recovery snapshot id is not pit- and 17 letters or digits
 *
 * Error codes of %DRSO_MODEL_ERROR.
 */
typedef enum
{
  DRSO_MODEL_ERROR_INVALID_JSON,
  DRSO_MODEL_ERROR_WRONG_TYPE,
  DRSO_MODEL_ERROR_MISSING_FIELD,
  DRSO_MODEL_ERROR_INVALID_VALUE,
  DRSO_MODEL_ERROR_UNSUPPORTED_VERSION,
  DRSO_MODEL_ERROR_DUPLICATE_ID,
  DRSO_MODEL_ERROR_INVALID_ID,
  DRSO_MODEL_ERROR_NAME_REQUIRED,
  DRSO_MODEL_ERROR_NAME_TOO_LONG,
  DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID,
  DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
  DRSO_MODEL_ERROR_INVALID_EXTERNAL_ID,
  DRSO_MODEL_ERROR_INVALID_REGION,
  DRSO_MODEL_ERROR_INVALID_SERVER_ID,
  DRSO_MODEL_ERROR_INVALID_TAG,
  DRSO_MODEL_ERROR_EMPTY_GROUP,
  DRSO_MODEL_ERROR_NO_WAVES,
  DRSO_MODEL_ERROR_WAVE_WITHOUT_GROUPS,
  DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES,
  DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER,
  DRSO_MODEL_ERROR_MISSING_GROUP,
  DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE,
  DRSO_MODEL_ERROR_DUPLICATE_NAME,
  DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP,
  DRSO_MODEL_ERROR_IN_USE,
  DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID,
} DrsoModelError;

/**
 * DRSO_STORE_ERROR:
 *
 * Error domain for the store. Errors use the codes of #DrsoStoreError.
 */
#define DRSO_STORE_ERROR (drso_store_error_quark ())

/**
 * DrsoStoreError:
 * @DRSO_STORE_ERROR_OPEN: the database could not be opened or created
 * @DRSO_STORE_ERROR_CORRUPT: the database file is damaged or not a database
 * @DRSO_STORE_ERROR_NEWER_SCHEMA: the database was written by a newer version of the program
 * @DRSO_STORE_ERROR_NOT_FOUND: no object has this id or name
 * @DRSO_STORE_ERROR_READ_ONLY: the database cannot be written
 * @DRSO_STORE_ERROR_FULL: the disk is full
 * @DRSO_STORE_ERROR_BUSY: another process held the database for too long
 * @DRSO_STORE_ERROR_FAILED: any other failure of the database
 * @DRSO_STORE_ERROR_LEASED: another process holds the lease of the execution and was seen
 *   recently: it drives the execution
 *
 * Error codes of %DRSO_STORE_ERROR.
 */
typedef enum
{
  DRSO_STORE_ERROR_OPEN,
  DRSO_STORE_ERROR_CORRUPT,
  DRSO_STORE_ERROR_NEWER_SCHEMA,
  DRSO_STORE_ERROR_NOT_FOUND,
  DRSO_STORE_ERROR_READ_ONLY,
  DRSO_STORE_ERROR_FULL,
  DRSO_STORE_ERROR_BUSY,
  DRSO_STORE_ERROR_FAILED,
  DRSO_STORE_ERROR_LEASED,
} DrsoStoreError;

/**
 * DRSO_PERMISSION_ERROR:
 *
 * Error domain for actions the active role does not permit.
 */
#define DRSO_PERMISSION_ERROR (drso_permission_error_quark ())

/**
 * DrsoPermissionError:
 * @DRSO_PERMISSION_ERROR_DENIED: the active role lacks the permission the action needs
 *
 * Error codes of %DRSO_PERMISSION_ERROR.
 */
typedef enum
{
  DRSO_PERMISSION_ERROR_DENIED,
} DrsoPermissionError;

GQuark   drso_model_error_quark      (void);
GQuark   drso_store_error_quark      (void);
GQuark   drso_permission_error_quark (void);

gboolean drso_error_is_conflict      (const GError *error);
gboolean drso_error_is_not_found     (const GError *error);

G_END_DECLS
