/* drso-aws-retry-private.h
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

/* The AWS SDKs' "standard" retry mode, as botocore's retries/standard.py and
 * retries/quota.py define it. Pure functions, so tests can check each rule. */

#define DRSO_RETRY_DEFAULT_MAX_ATTEMPTS 3
#define DRSO_RETRY_QUOTA_CAPACITY      500
#define DRSO_RETRY_COST                5
#define DRSO_RETRY_TIMEOUT_COST        10
#define DRSO_RETRY_NO_RETRY_INCREMENT  1
#define DRSO_RETRY_MAX_BACKOFF         20.0

typedef enum
{
  DRSO_RETRY_NO,         /* not retryable */
  DRSO_RETRY_TRANSIENT,  /* 5xx, transient codes, no response */
  DRSO_RETRY_THROTTLE,   /* a throttling code */
  DRSO_RETRY_TIMEOUT,    /* connect or read timeout: costs more of the quota */
} DrsoRetryKind;

typedef struct
{
  guint available;
} DrsoRetryQuota;

gboolean      _drso_retry_is_throttling   (const char      *aws_code);
DrsoRetryKind _drso_retry_classify        (guint            status,
                                           const char      *aws_code,
                                           gboolean         no_response,
                                           gboolean         timed_out);
void          _drso_retry_quota_init      (DrsoRetryQuota  *quota);
gboolean      _drso_retry_quota_acquire   (DrsoRetryQuota  *quota,
                                           DrsoRetryKind    kind,
                                           guint           *taken);
void          _drso_retry_quota_release   (DrsoRetryQuota  *quota,
                                           guint            taken);
double        _drso_retry_delay           (guint            attempt,
                                           double           random01,
                                           double           retry_after);
guint         _drso_retry_max_attempts    (const char      *env_value);

G_END_DECLS
