/* drso-aws-retry.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <math.h>

#include "drso-aws-retry-private.h"

static const char * const transient_codes[] = {
  "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", NULL,
};

static const char * const throttling_codes[] = {
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
  "TooManyRequestsException", "ProvisionedThroughputExceededException",
  "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
  "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
  "EC2ThrottledException", NULL,
};

/* Whether @aws_code is one of the codes the SDKs treat as throttling. */
gboolean
_drso_retry_is_throttling (const char *aws_code)
{
  return aws_code != NULL && g_strv_contains (throttling_codes, aws_code);
}

/* Whether and how a failed attempt may be retried. */
DrsoRetryKind
_drso_retry_classify (guint       status,
                      const char *aws_code,
                      gboolean    no_response,
                      gboolean    timed_out)
{
  if (timed_out)
    return DRSO_RETRY_TIMEOUT;
  if (no_response)
    return DRSO_RETRY_TRANSIENT;
  if (_drso_retry_is_throttling (aws_code))
    return DRSO_RETRY_THROTTLE;
  if (aws_code != NULL && g_strv_contains (transient_codes, aws_code))
    return DRSO_RETRY_TRANSIENT;
  if (status == 500 || status == 502 || status == 503 || status == 504)
    return DRSO_RETRY_TRANSIENT;
  return DRSO_RETRY_NO;
}

void
_drso_retry_quota_init (DrsoRetryQuota *quota)
{
  quota->available = DRSO_RETRY_QUOTA_CAPACITY;
}

/* Takes the cost of one retry from the quota; FALSE when it cannot pay. */
gboolean
_drso_retry_quota_acquire (DrsoRetryQuota *quota,
                           DrsoRetryKind   kind,
                           guint          *taken)
{
  guint cost = kind == DRSO_RETRY_TIMEOUT ? DRSO_RETRY_TIMEOUT_COST : DRSO_RETRY_COST;

  if (quota->available < cost)
    return FALSE;
  quota->available -= cost;
  *taken += cost;
  return TRUE;
}

/* After a success: give back what the request's retries took, or one token
 * when it needed none; never beyond the capacity. */
void
_drso_retry_quota_release (DrsoRetryQuota *quota,
                           guint           taken)
{
  guint amount = taken > 0 ? taken : DRSO_RETRY_NO_RETRY_INCREMENT;

  quota->available = MIN (quota->available + amount, DRSO_RETRY_QUOTA_CAPACITY);
}

/* Full jitter: rand * min (2^(attempt-1), 20) seconds after the attempt-th
 * failure; a server's Retry-After is honoured up to the same cap. */
double
_drso_retry_delay (guint  attempt,
                   double random01,
                   double retry_after)
{
  double base = MIN (ldexp (1.0, (int) MIN (attempt, 32) - 1), DRSO_RETRY_MAX_BACKOFF);
  double delay = CLAMP (random01, 0.0, 1.0) * base;

  if (retry_after > 0)
    delay = MAX (delay, MIN (retry_after, DRSO_RETRY_MAX_BACKOFF));
  return delay;
}

/* AWS_MAX_ATTEMPTS counts the first request; anything not a positive number
 * means the default. */
guint
_drso_retry_max_attempts (const char *env_value)
{
  guint64 value;

  if (env_value == NULL || !g_ascii_string_to_unsigned (env_value, 10, 1, 100, &value, NULL))
    return DRSO_RETRY_DEFAULT_MAX_ATTEMPTS;
  return (guint) value;
}
