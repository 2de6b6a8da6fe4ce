/* drso-aws-error-private.h
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

#include "drso-aws-error.h"

G_BEGIN_DECLS

/* Sets an error from an AWS answer: the code is chosen from the AWS error
 * code and the HTTP status. */
void         _drso_aws_set_error        (GError     **error,
                                         const char  *aws_code,
                                         const char  *aws_message,
                                         guint        status,
                                         const char  *request_id,
                                         guint        attempts);
void         _drso_aws_set_error_literal (GError    **error,
                                          DrsoAwsError code,
                                          const char  *message,
                                          guint        attempts);
DrsoAwsError _drso_aws_classify         (const char  *aws_code,
                                         guint        status);
void         _drso_aws_error_set_attempts (GError    *error,
                                           guint      attempts);

G_END_DECLS
