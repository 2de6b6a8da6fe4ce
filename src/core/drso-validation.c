/* drso-validation.c
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

#include <string.h>
#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-validation-private.h"

#define MAX_NAME_CHARS 256
#define MAX_ID_CHARS 128

static gboolean
all_chars (const char *str,
           gsize       len,
           const char *extra)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (str[i]) && strchr (extra, str[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_digits (const char *str,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_control_chars (const char *str)
{
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }
  return FALSE;
}

/**
 * drso_validate_account_id:
 * @account_id: (nullable): an AWS account id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @account_id is 12 digits
 */
gboolean
drso_validate_account_id (const char  *account_id,
                          GError     **error)
{
  if (account_id != NULL && strlen (account_id) == 12 && is_digits (account_id, 12))
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID,
               _("“%s” is not an AWS account id: an account id is 12 digits"),
               account_id ? account_id : "");
  return FALSE;
}

/* Splits arn:PARTITION:iam::ACCOUNT:role/NAME; returns the account part or NULL. */
static char *
parse_role_arn (const char *role_arn)
{
  g_auto(GStrv) parts = NULL;
  const char *name;
  gsize name_len;

  if (role_arn == NULL || strlen (role_arn) < 20 || strlen (role_arn) > 2048)
    return NULL;

  parts = g_strsplit (role_arn, ":", 6);
  if (g_strv_length (parts) != 6)
    return NULL;

  if (strcmp (parts[0], "arn") != 0 ||
      !g_str_has_prefix (parts[1], "aws") ||
      !all_chars (parts[1], strlen (parts[1]), "-") ||
      strcmp (parts[2], "iam") != 0 ||
      parts[3][0] != '\0' ||
      strlen (parts[4]) != 12 || !is_digits (parts[4], 12) ||
      !g_str_has_prefix (parts[5], "role/"))
    return NULL;

  name = parts[5] + strlen ("role/");
  name_len = strlen (name);
  if (name_len == 0 || name_len > 512 || name[name_len - 1] == '/' ||
      !all_chars (name, name_len, "_+=,.@/-"))
    return NULL;

  return g_strdup (parts[4]);
}

/**
 * drso_validate_role_arn:
 * @role_arn: (nullable): an IAM role ARN
 * @error: return location for a #GError
 *
 * Checks that @role_arn has the form `arn:aws:iam::123456789012:role/Name`.
 *
 * Returns: %TRUE if @role_arn parses
 */
gboolean
drso_validate_role_arn (const char  *role_arn,
                        GError     **error)
{
  g_autofree char *account_id = parse_role_arn (role_arn);

  if (account_id != NULL)
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
               _("“%s” is not an IAM role ARN: it should look like "
                 "arn:aws:iam::123456789012:role/RoleName"),
               role_arn ? role_arn : "");
  return FALSE;
}

/**
 * drso_role_arn_dup_account_id:
 * @role_arn: an IAM role ARN
 *
 * Returns: (transfer full) (nullable): the account id in @role_arn, or %NULL if
 *   it does not parse
 */
char *
drso_role_arn_dup_account_id (const char *role_arn)
{
  return parse_role_arn (role_arn);
}

/**
 * drso_validate_external_id:
 * @external_id: (nullable): an STS external id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @external_id has 2 to 1224 of the characters STS allows
 */
gboolean
drso_validate_external_id (const char  *external_id,
                           GError     **error)
{
  gsize len = external_id ? strlen (external_id) : 0;

  if (len >= 2 && len <= 1224 && all_chars (external_id, len, "_+=,.@:/-"))
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_EXTERNAL_ID,
               _("The external id must be 2 to 1224 letters, digits or the characters _+=,.@:/-"));
  return FALSE;
}

/**
 * drso_validate_region:
 * @region: (nullable): an AWS region name
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @region has the form of a region name such as `eu-west-1`
 */
gboolean
drso_validate_region (const char  *region,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  gboolean ok = FALSE;

  if (region != NULL && strlen (region) <= 32)
    {
      parts = g_strsplit (region, "-", -1);
      n = g_strv_length (parts);
      ok = n >= 3 && strlen (parts[0]) == 2 && all_chars (parts[0], 2, "") &&
           strlen (parts[n - 1]) > 0 && is_digits (parts[n - 1], strlen (parts[n - 1]));
      for (guint i = 0; ok && i < n - 1; i++)
        {
          ok = parts[i][0] != '\0';
          for (const char *p = parts[i]; ok && *p; p++)
            ok = g_ascii_islower (*p);
        }
    }

  if (ok)
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
               _("“%s” is not an AWS region name such as eu-west-1"), region ? region : "");
  return FALSE;
}

/**
 * drso_validate_source_server_id:
 * @server_id: (nullable): a DRS source server id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @server_id is `s-` followed by 17 letters or digits
 */
gboolean
drso_validate_source_server_id (const char  *server_id,
                                GError     **error)
{
  if (server_id != NULL && strlen (server_id) == 19 && g_str_has_prefix (server_id, "s-") &&
      all_chars (server_id + 2, 17, ""))
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID,
               _("“%s” is not a DRS source server id: it should be s- followed by 17 letters "
                 "or digits"),
               server_id ? server_id : "");
  return FALSE;
}

/**
 * drso_validate_recovery_snapshot_id:
 * @snapshot_id: (nullable): a DRS recovery snapshot id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @snapshot_id is `pit-` followed by 17 letters or digits
 */
gboolean
drso_validate_recovery_snapshot_id (const char  *snapshot_id,
                                    GError     **error)
{
  if (snapshot_id != NULL && strlen (snapshot_id) == 21 && g_str_has_prefix (snapshot_id, "pit-") &&
      all_chars (snapshot_id + 4, 17, ""))
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID,
               _("“%s” is not a DRS recovery snapshot id: it should be pit- followed by 17 "
                 "letters or digits"),
               snapshot_id ? snapshot_id : "");
  return FALSE;
}

/**
 * drso_validate_name:
 * @what: what is named, for the message, such as “protection group”
 * @name: (nullable): the name
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @name is non-empty, at most 256 characters and free of
 *   control characters
 */
gboolean
drso_validate_name (const char  *what,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED,
                   _("The %s needs a name"), what);
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (name));
  if (trimmed[0] == '\0')
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED,
                   _("The %s needs a name"), what);
      return FALSE;
    }

  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_TOO_LONG,
                   _("The name of the %s is longer than %d characters"), what, MAX_NAME_CHARS);
      return FALSE;
    }

  if (has_control_chars (name))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("The name of the %s contains a control character"), what);
      return FALSE;
    }

  return TRUE;
}

/**
 * drso_validate_id:
 * @what: what the id belongs to, for the message, such as “protection group”
 * @id: (nullable): the id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @id is 1 to 128 letters, digits or the characters `._:-`
 */
gboolean
drso_validate_id (const char  *what,
                  const char  *id,
                  GError     **error)
{
  gsize len = id ? strlen (id) : 0;

  if (len > 0 && len <= MAX_ID_CHARS && all_chars (id, len, "._:-"))
    return TRUE;

  g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID,
               _("“%s” is not a valid %s id: ids are 1 to %d letters, digits or the "
                 "characters . _ : -"),
               id ? id : "", what, MAX_ID_CHARS);
  return FALSE;
}

/**
 * drso_validate_tag:
 * @key: (nullable): a tag key
 * @value: (nullable): a tag value
 * @error: return location for a #GError
 *
 * Checks a tag against the limits AWS sets: a key of 1 to 128 characters and a
 * value of at most 256, without control characters.
 *
 * Returns: %TRUE if the tag is valid
 */
gboolean
drso_validate_tag (const char  *key,
                   const char  *value,
                   GError     **error)
{
  if (key == NULL || key[0] == '\0' || !g_utf8_validate (key, -1, NULL) ||
      g_utf8_strlen (key, -1) > 128 || has_control_chars (key))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                   _("“%s” is not a valid tag key: a key is 1 to 128 characters"),
                   key && g_utf8_validate (key, -1, NULL) ? key : "");
      return FALSE;
    }

  if (value == NULL || !g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > 256 ||
      has_control_chars (value))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                   _("The value of the tag “%s” is not valid: a value is at most 256 characters"),
                   key);
      return FALSE;
    }

  return TRUE;
}

/* The form of a name that decides whether two names are the same: trimmed,
 * normalised and case-folded. */
char *
_drso_name_key (const char *name)
{
  g_autofree char *normalized = NULL;
  g_autofree char *stripped = NULL;

  if (name == NULL)
    return g_strdup ("");
  stripped = g_strstrip (g_strdup (name));
  normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (normalized ? normalized : stripped, -1);
}
