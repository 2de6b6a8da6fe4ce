/* drso-aws-error.c
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

#include <string.h>
#include <glib/gi18n-lib.h>

#include "drso-aws-error-private.h"
#include "drso-aws-retry-private.h"

typedef struct
{
  char  *aws_code;
  char  *aws_message;
  char  *request_id;
  guint  status;
  guint  attempts;
} DrsoAwsErrorPrivate;

static void
drso_aws_error_private_init (DrsoAwsErrorPrivate *priv)
{
}

static void
drso_aws_error_private_copy (const DrsoAwsErrorPrivate *src,
                             DrsoAwsErrorPrivate       *dest)
{
  dest->aws_code = g_strdup (src->aws_code);
  dest->aws_message = g_strdup (src->aws_message);
  dest->request_id = g_strdup (src->request_id);
  dest->status = src->status;
  dest->attempts = src->attempts;
}

static void
drso_aws_error_private_clear (DrsoAwsErrorPrivate *priv)
{
  g_clear_pointer (&priv->aws_code, g_free);
  g_clear_pointer (&priv->aws_message, g_free);
  g_clear_pointer (&priv->request_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (DrsoAwsError, drso_aws_error)

DrsoAwsError
_drso_aws_classify (const char *aws_code,
                    guint       status)
{
  if (aws_code != NULL)
    {
      if (_drso_retry_is_throttling (aws_code))
        return DRSO_AWS_ERROR_THROTTLED;
      if (g_str_has_prefix (aws_code, "AccessDenied") ||
          g_str_equal (aws_code, "UnrecognizedClientException") ||
          g_str_equal (aws_code, "InvalidSignatureException") ||
          g_str_equal (aws_code, "SignatureDoesNotMatch") ||
          g_str_equal (aws_code, "IncompleteSignatureException") ||
          g_str_equal (aws_code, "IncompleteSignature") ||
          g_str_equal (aws_code, "InvalidClientTokenId") ||
          g_str_equal (aws_code, "ExpiredToken") ||
          g_str_equal (aws_code, "ExpiredTokenException") ||
          g_str_equal (aws_code, "AuthFailure") ||
          g_str_equal (aws_code, "UnauthorizedOperation") ||
          g_str_equal (aws_code, "UninitializedAccountException"))
        return DRSO_AWS_ERROR_ACCESS_DENIED;
      if (strstr (aws_code, "NotFound") != NULL)
        return DRSO_AWS_ERROR_NOT_FOUND;
      if (g_str_equal (aws_code, "ValidationException") ||
          g_str_equal (aws_code, "ValidationError") ||
          g_str_equal (aws_code, "InvalidParameterValue") ||
          g_str_equal (aws_code, "InvalidParameterCombination") ||
          g_str_equal (aws_code, "MissingParameter") ||
          g_str_has_suffix (aws_code, ".Malformed"))
        return DRSO_AWS_ERROR_VALIDATION;
      if (g_str_equal (aws_code, "ConflictException"))
        return DRSO_AWS_ERROR_CONFLICT;
      if (g_str_equal (aws_code, "ServiceQuotaExceededException"))
        return DRSO_AWS_ERROR_QUOTA;
    }

  if (status == 429)
    return DRSO_AWS_ERROR_THROTTLED;
  if (status == 401 || status == 403)
    return DRSO_AWS_ERROR_ACCESS_DENIED;
  if (status == 404)
    return DRSO_AWS_ERROR_NOT_FOUND;
  if (status == 409)
    return DRSO_AWS_ERROR_CONFLICT;
  if (status >= 500)
    return DRSO_AWS_ERROR_SERVER;
  if (status == 400)
    return DRSO_AWS_ERROR_VALIDATION;
  return DRSO_AWS_ERROR_FAILED;
}

void
_drso_aws_set_error (GError     **error,
                     const char  *aws_code,
                     const char  *aws_message,
                     guint        status,
                     const char  *request_id,
                     guint        attempts)
{
  DrsoAwsErrorPrivate *priv;
  g_autoptr(GString) details = g_string_new (NULL);
  const char *text = aws_message && *aws_message ? aws_message : NULL;

  if (error == NULL)
    return;

  if (aws_code != NULL)
    g_string_append (details, aws_code);
  if (status != 0)
    g_string_append_printf (details, "%sHTTP %u", details->len ? ", " : "", status);
  if (request_id != NULL)
    /* TRANSLATORS: part of the details after an AWS error, e.g. “request 1a2b” */
    g_string_append_printf (details, "%s%s %s", details->len ? ", " : "", _("request"),
                            request_id);

  g_set_error (error, DRSO_AWS_ERROR, _drso_aws_classify (aws_code, status), "%s (%s)",
               text ? text : _("AWS refused the request"), details->str);

  priv = drso_aws_error_get_private (*error);
  priv->aws_code = g_strdup (aws_code);
  priv->aws_message = g_strdup (aws_message);
  priv->request_id = g_strdup (request_id);
  priv->status = status;
  priv->attempts = attempts;
}

void
_drso_aws_set_error_literal (GError       **error,
                             DrsoAwsError   code,
                             const char    *message,
                             guint          attempts)
{
  if (error == NULL)
    return;
  g_set_error_literal (error, DRSO_AWS_ERROR, code, message);
  drso_aws_error_get_private (*error)->attempts = attempts;
}

void
_drso_aws_error_set_attempts (GError *error,
                              guint   attempts)
{
  DrsoAwsErrorPrivate *priv = drso_aws_error_get_private (error);

  if (priv != NULL)
    priv->attempts = attempts;
}

/* Errors that crossed a language binding keep their message only: read the
 * details back from the parenthesis at its end. */
static char *
detail_from_message (const GError *error,
                     guint         index)
{
  const char *open, *close;
  g_auto(GStrv) parts = NULL;
  g_autofree char *inner = NULL;

  if (error == NULL || error->domain != DRSO_AWS_ERROR || error->message == NULL)
    return NULL;
  close = strrchr (error->message, ')');
  open = strrchr (error->message, '(');
  if (open == NULL || close == NULL || close < open || close[1] != '\0')
    return NULL;

  inner = g_strndup (open + 1, close - open - 1);
  parts = g_strsplit (inner, ", ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean is_status = g_str_has_prefix (parts[i], "HTTP ");
      gboolean is_request = strchr (parts[i], ' ') != NULL && !is_status;

      if ((index == 0 && !is_status && !is_request) ||
          (index == 1 && is_status) ||
          (index == 2 && is_request))
        {
          const char *space = strrchr (parts[i], ' ');
          return g_strdup (index == 0 ? parts[i] : space + 1);
        }
    }
  return NULL;
}

static const char *
intern_detail (const GError *error,
               guint         index)
{
  g_autofree char *detail = detail_from_message (error, index);

  return detail ? g_intern_string (detail) : NULL;
}

/**
 * drso_aws_error_get_aws_code:
 * @error: a #GError in the %DRSO_AWS_ERROR domain
 *
 * Returns: (nullable): the error code AWS gave, such as `ThrottlingException`
 */
const char *
drso_aws_error_get_aws_code (const GError *error)
{
  DrsoAwsErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);
  if (error->domain != DRSO_AWS_ERROR)
    return NULL;
  priv = drso_aws_error_get_private (error);
  if (priv != NULL && priv->aws_code != NULL)
    return priv->aws_code;
  return intern_detail (error, 0);
}

/**
 * drso_aws_error_get_status:
 * @error: a #GError in the %DRSO_AWS_ERROR domain
 *
 * Returns: the HTTP status of AWS's answer, or 0 when there was none
 */
guint
drso_aws_error_get_status (const GError *error)
{
  DrsoAwsErrorPrivate *priv;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (error != NULL, 0);
  if (error->domain != DRSO_AWS_ERROR)
    return 0;
  priv = drso_aws_error_get_private (error);
  if (priv != NULL && priv->status != 0)
    return priv->status;
  detail = detail_from_message (error, 1);
  return detail ? (guint) g_ascii_strtoull (detail, NULL, 10) : 0;
}

/**
 * drso_aws_error_get_request_id:
 * @error: a #GError in the %DRSO_AWS_ERROR domain
 *
 * Returns: (nullable): the request id AWS gave, to quote to AWS support
 */
const char *
drso_aws_error_get_request_id (const GError *error)
{
  DrsoAwsErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);
  if (error->domain != DRSO_AWS_ERROR)
    return NULL;
  priv = drso_aws_error_get_private (error);
  if (priv != NULL && priv->request_id != NULL)
    return priv->request_id;
  return intern_detail (error, 2);
}

/**
 * drso_aws_error_get_aws_message:
 * @error: a #GError in the %DRSO_AWS_ERROR domain
 *
 * Returns: (nullable): the message AWS gave, without the details
 */
const char *
drso_aws_error_get_aws_message (const GError *error)
{
  DrsoAwsErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);
  if (error->domain != DRSO_AWS_ERROR)
    return NULL;
  priv = drso_aws_error_get_private (error);
  return priv ? priv->aws_message : NULL;
}

/**
 * drso_aws_error_get_attempts:
 * @error: a #GError in the %DRSO_AWS_ERROR domain
 *
 * Returns: how many times the request was sent before giving up, or 0 if unknown
 */
guint
drso_aws_error_get_attempts (const GError *error)
{
  DrsoAwsErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);
  if (error->domain != DRSO_AWS_ERROR)
    return 0;
  priv = drso_aws_error_get_private (error);
  return priv ? priv->attempts : 0;
}
