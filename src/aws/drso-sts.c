/* drso-sts.c
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

#include "drso-aws-client-private.h"
#include "drso-aws-error-private.h"
#include "drso-aws-query-private.h"
#include "drso-aws-xml-private.h"
#include "drso-sts.h"

#define STS_VERSION "2011-06-15"

/**
 * DrsoCallerIdentity:
 *
 * Who the credentials are: STS GetCallerIdentity's account, ARN and user id.
 */
struct _DrsoCallerIdentity
{
  GObject  parent_instance;

  char    *account;
  char    *arn;
  char    *user_id;
};

G_DEFINE_FINAL_TYPE (DrsoCallerIdentity, drso_caller_identity, G_TYPE_OBJECT)

static void
drso_caller_identity_finalize (GObject *object)
{
  DrsoCallerIdentity *self = (DrsoCallerIdentity *) object;

  g_free (self->account);
  g_free (self->arn);
  g_free (self->user_id);

  G_OBJECT_CLASS (drso_caller_identity_parent_class)->finalize (object);
}

static void
drso_caller_identity_class_init (DrsoCallerIdentityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = drso_caller_identity_finalize;
}

static void
drso_caller_identity_init (DrsoCallerIdentity *self)
{
}

/**
 * drso_caller_identity_get_account:
 * @self: a #DrsoCallerIdentity
 *
 * Returns: the account id
 */
const char *
drso_caller_identity_get_account (DrsoCallerIdentity *self)
{
  g_return_val_if_fail (DRSO_IS_CALLER_IDENTITY (self), NULL);
  return self->account;
}

/**
 * drso_caller_identity_get_arn:
 * @self: a #DrsoCallerIdentity
 *
 * Returns: the caller's ARN
 */
const char *
drso_caller_identity_get_arn (DrsoCallerIdentity *self)
{
  g_return_val_if_fail (DRSO_IS_CALLER_IDENTITY (self), NULL);
  return self->arn;
}

/**
 * drso_caller_identity_get_user_id:
 * @self: a #DrsoCallerIdentity
 *
 * Returns: the caller's unique id
 */
const char *
drso_caller_identity_get_user_id (DrsoCallerIdentity *self)
{
  g_return_val_if_fail (DRSO_IS_CALLER_IDENTITY (self), NULL);
  return self->user_id;
}

/* Sends a query-protocol call; takes @body. */
static void
send_query (DrsoAwsContext      *context,
            GBytes              *body,
            GTask               *task,
            GAsyncReadyCallback  callback)
{
  g_autoptr(GBytes) owned = body;
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_QUERY,
    .service = "sts",
    .region = drso_aws_context_get_region (context),
    .account_endpoint = drso_aws_context_get_endpoint (context),
    .method = "POST",
    .path = "/",
    .body = body,
    .credentials = drso_aws_context_get_credentials (context),
  };

  _drso_aws_client_send_async (drso_aws_context_get_client (context), &call,
                               g_task_get_cancellable (task), callback, task);
}

/* Reads the XML answer; errors are MALFORMED. */
static DrsoXmlNode *
read_answer (GBytes     *body,
             const char *result_path,
             GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  DrsoXmlNode *root;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  root = _drso_xml_parse (data, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("STS answered with XML that could not be read: %s"), local_error->message);
      return NULL;
    }
  if (_drso_xml_child (root, result_path) == NULL)
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("STS answered without %s"), result_path);
      _drso_xml_free (root);
      return NULL;
    }
  return root;
}

static void
caller_identity_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(DrsoXmlNode) root = NULL;
  DrsoCallerIdentity *identity;
  DrsoXmlNode *answer;

  body = _drso_aws_client_send_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (body == NULL || (root = read_answer (body, "GetCallerIdentityResult", &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  answer = _drso_xml_child (root, "GetCallerIdentityResult");
  if (_drso_xml_text (answer, "Account") == NULL || _drso_xml_text (answer, "Arn") == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("STS answered GetCallerIdentity without an account or ARN"));
      return;
    }

  identity = g_object_new (DRSO_TYPE_CALLER_IDENTITY, NULL);
  identity->account = g_strdup (_drso_xml_text (answer, "Account"));
  identity->arn = g_strdup (_drso_xml_text (answer, "Arn"));
  identity->user_id = g_strdup (_drso_xml_text (answer, "UserId"));
  g_task_return_pointer (task, identity, g_object_unref);
}

/**
 * drso_sts_get_caller_identity_async:
 * @context: a #DrsoAwsContext
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Asks STS who the context's credentials are.
 */
void
drso_sts_get_caller_identity_async (DrsoAwsContext      *context,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_sts_get_caller_identity_async);
  send_query (context, _drso_query_builder_end (_drso_query_builder_new ("GetCallerIdentity",
                                                                         STS_VERSION)),
              task, caller_identity_cb);
}

/**
 * drso_sts_get_caller_identity_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the caller's identity, or %NULL on error
 */
DrsoCallerIdentity *
drso_sts_get_caller_identity_finish (DrsoAwsContext  *context,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
assume_role_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(DrsoXmlNode) root = NULL;
  g_autoptr(GDateTime) expiration = NULL;
  DrsoXmlNode *credentials;
  DrsoAwsCredentials *result_credentials;
  const char *key, *secret, *token, *expires, *arn;

  body = _drso_aws_client_send_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (body == NULL || (root = read_answer (body, "AssumeRoleResult/Credentials", &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  credentials = _drso_xml_child (root, "AssumeRoleResult/Credentials");
  key = _drso_xml_text (credentials, "AccessKeyId");
  secret = _drso_xml_text (credentials, "SecretAccessKey");
  token = _drso_xml_text (credentials, "SessionToken");
  expires = _drso_xml_text (credentials, "Expiration");
  if (expires != NULL)
    expiration = g_date_time_new_from_iso8601 (expires, NULL);

  if (key == NULL || secret == NULL || token == NULL || expiration == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                               _("STS answered AssumeRole without complete credentials"));
      return;
    }

  result_credentials = drso_aws_credentials_new (key, secret, token,
                                                 g_date_time_to_unix (expiration));
  arn = _drso_xml_text (root, "AssumeRoleResult/AssumedRoleUser/Arn");
  if (arn != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (arn, ":", 6);

      if (g_strv_length (parts) == 6)
        drso_aws_credentials_set_account_id (result_credentials, parts[4]);
    }
  g_task_return_pointer (task, result_credentials, (GDestroyNotify) drso_aws_credentials_unref);
}

/**
 * drso_sts_assume_role_async:
 * @context: a #DrsoAwsContext whose credentials may assume the role
 * @role_arn: the role to assume
 * @external_id: (nullable): the external id the role's trust policy asks for
 * @session_name: (nullable): the session name, or %NULL for `drs-orchestrator`
 * @duration_seconds: how long the credentials last (900 to 43200), or 0 for an hour
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is in
 * @user_data: data for @callback
 *
 * Asks STS for temporary credentials of @role_arn.
 */
void
drso_sts_assume_role_async (DrsoAwsContext      *context,
                            const char          *role_arn,
                            const char          *external_id,
                            const char          *session_name,
                            guint                duration_seconds,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  DrsoQueryBuilder *builder;
  GTask *task;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));
  g_return_if_fail (role_arn != NULL);

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_sts_assume_role_async);

  builder = _drso_query_builder_new ("AssumeRole", STS_VERSION);
  _drso_query_builder_add (builder, "RoleArn", role_arn);
  _drso_query_builder_add (builder, "RoleSessionName",
                           session_name ? session_name : "drs-orchestrator");
  if (external_id != NULL)
    _drso_query_builder_add (builder, "ExternalId", external_id);
  if (duration_seconds != 0)
    {
      g_autofree char *duration = g_strdup_printf ("%u", duration_seconds);
      _drso_query_builder_add (builder, "DurationSeconds", duration);
    }
  send_query (context, _drso_query_builder_end (builder), task, assume_role_cb);
}

/**
 * drso_sts_assume_role_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the role's temporary credentials, or
 *   %NULL on error
 */
DrsoAwsCredentials *
drso_sts_assume_role_finish (DrsoAwsContext  *context,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
