/* drso-aws-keyring.c
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

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "drso-aws-error.h"
#include "drso-aws-keyring.h"

/* Access keys a user types in live in the keyring, through libsecret's
 * simple password API only (which Flatpak's secret portal serves too), one
 * item per account. They never reach the store, a log line or a message. */

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                             _("The keys could not be saved in the keyring: %s"), error->message);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * drso_aws_keyring_store_async:
 * @account_id: the account the keys belong to
 * @access_key_id: the access key id
 * @secret_access_key: the secret access key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keys are saved
 * @user_data: data for @callback
 *
 * Saves an account's access keys in the user's keyring, replacing any saved
 * before.
 */
void
drso_aws_keyring_store_async (const char          *account_id,
                              const char          *access_key_id,
                              const char          *secret_access_key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *label = NULL;
  g_autofree char *secret = NULL;
  GTask *task;

  g_return_if_fail (account_id != NULL);
  g_return_if_fail (access_key_id != NULL);
  g_return_if_fail (secret_access_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_aws_keyring_store_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accessKeyId");
  json_builder_add_string_value (builder, access_key_id);
  json_builder_set_member_name (builder, "secretAccessKey");
  json_builder_add_string_value (builder, secret_access_key);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  secret = json_to_string (node, FALSE);

  /* TRANSLATORS: the label of a keyring item; %s is an AWS account id */
  label = g_strdup_printf (_("DRS Orchestrator: AWS access keys of account %s"), account_id);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         store_cb, task, "account-id", account_id, NULL);

  /* Keep the secret out of freed memory. */
  memset (secret, 0, strlen (secret));
}

/**
 * drso_aws_keyring_store_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the keys were saved
 */
gboolean
drso_aws_keyring_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *account_id = g_task_get_task_data (task);
  char *secret;
  JsonObject *object;
  const char *key, *secret_key;

  secret = secret_password_lookup_finish (result, &error);
  if (secret == NULL)
    {
      if (error != NULL)
        g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                                 _("The keyring could not be read: %s"), error->message);
      else
        g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                                 _("The keyring holds no access keys for account %s: add them "
                                   "again in Accounts"),
                                 account_id);
      return;
    }

  node = json_from_string (secret, NULL);
  secret_password_free (secret);

  object = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  key = object ? json_object_get_string_member_with_default (object, "accessKeyId", NULL) : NULL;
  secret_key = object ? json_object_get_string_member_with_default (object, "secretAccessKey",
                                                                    NULL)
                      : NULL;
  if (key == NULL || secret_key == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                               _("The keyring item for account %s is damaged: add the access "
                                 "keys again in Accounts"),
                               account_id);
      return;
    }

  g_task_return_pointer (task, drso_aws_credentials_new (key, secret_key, NULL, 0),
                         (GDestroyNotify) drso_aws_credentials_unref);
}

/**
 * drso_aws_keyring_lookup_async:
 * @account_id: an account id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keys are read
 * @user_data: data for @callback
 *
 * Reads an account's access keys from the user's keyring.
 */
void
drso_aws_keyring_lookup_async (const char          *account_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (account_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_aws_keyring_lookup_async);
  g_task_set_task_data (task, g_strdup (account_id), g_free);
  secret_password_lookup (get_schema (), cancellable, lookup_cb, task,
                          "account-id", account_id, NULL);
}

/**
 * drso_aws_keyring_lookup_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the keys, or %NULL with an error that
 *   says why
 */
DrsoAwsCredentials *
drso_aws_keyring_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_CREDENTIALS,
                             _("The keys could not be removed from the keyring: %s"),
                             error->message);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * drso_aws_keyring_clear_async:
 * @account_id: an account id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the keys are removed
 * @user_data: data for @callback
 *
 * Removes an account's access keys from the user's keyring.
 */
void
drso_aws_keyring_clear_async (const char          *account_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (account_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_aws_keyring_clear_async);
  secret_password_clear (get_schema (), cancellable, clear_cb, task,
                         "account-id", account_id, NULL);
}

/**
 * drso_aws_keyring_clear_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless the keyring failed
 */
gboolean
drso_aws_keyring_clear_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
