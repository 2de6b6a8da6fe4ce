/* drso-aws-error.h
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
 * DRSO_AWS_ERROR:
 *
 * Error domain for calls to AWS. Besides a #DrsoAwsError code, each error
 * carries what AWS said: its error code (such as `ThrottlingException`), the
 * HTTP status and the request id, read with drso_aws_error_get_aws_code() and
 * its siblings. The message ends with them in parentheses, so they survive
 * language bindings that keep only the message.
 */
#define DRSO_AWS_ERROR (drso_aws_error_quark ())

/**
 * DrsoAwsError:
 * @DRSO_AWS_ERROR_FAILED: AWS answered with an error not listed below
 * @DRSO_AWS_ERROR_THROTTLED: AWS kept throttling the calls until the retries ran out
 * @DRSO_AWS_ERROR_ACCESS_DENIED: the credentials were refused or lack a permission
 * @DRSO_AWS_ERROR_NOT_FOUND: the resource does not exist
 * @DRSO_AWS_ERROR_VALIDATION: AWS rejected the request's input
 * @DRSO_AWS_ERROR_CONFLICT: the resource is busy (a server already in a recovery job, say)
 * @DRSO_AWS_ERROR_QUOTA: a service quota would be exceeded
 * @DRSO_AWS_ERROR_SERVER: AWS failed (HTTP 5xx) until the retries ran out
 * @DRSO_AWS_ERROR_NETWORK: no answer: the connection failed or dropped
 * @DRSO_AWS_ERROR_TIMEOUT: no answer in time
 * @DRSO_AWS_ERROR_MALFORMED: the answer could not be read
 * @DRSO_AWS_ERROR_CREDENTIALS: no credentials could be found or obtained
 *
 * Error codes of %DRSO_AWS_ERROR.
 */
typedef enum
{
  DRSO_AWS_ERROR_FAILED,
  DRSO_AWS_ERROR_THROTTLED,
  DRSO_AWS_ERROR_ACCESS_DENIED,
  DRSO_AWS_ERROR_NOT_FOUND,
  DRSO_AWS_ERROR_VALIDATION,
  DRSO_AWS_ERROR_CONFLICT,
  DRSO_AWS_ERROR_QUOTA,
  DRSO_AWS_ERROR_SERVER,
  DRSO_AWS_ERROR_NETWORK,
  DRSO_AWS_ERROR_TIMEOUT,
  DRSO_AWS_ERROR_MALFORMED,
  DRSO_AWS_ERROR_CREDENTIALS,
} DrsoAwsError;

GQuark      drso_aws_error_quark          (void);
const char *drso_aws_error_get_aws_code   (const GError *error);
guint       drso_aws_error_get_status     (const GError *error);
const char *drso_aws_error_get_request_id (const GError *error);
const char *drso_aws_error_get_aws_message (const GError *error);
guint       drso_aws_error_get_attempts   (const GError *error);

G_END_DECLS
