/* drso-account-check.c
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

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-account-check-private.h"

/**
 * DrsoAccountCheck:
 *
 * What works with an account, one AWS call at a time, as `drso accounts
 * validate` checks it: who the credentials are (STS GetCallerIdentity), the
 * role of a target account (STS AssumeRole), then DRS (DescribeSourceServers)
 * and EC2 (DescribeInstances) with the account's own credentials.
 *
 * Each step is a #DrsoAccountCheckLine in drso_account_check_get_lines(),
 * filled in as its answer comes, so that a view can show the lines while
 * the later ones still run.
 *
 * The credentials the check starts from are, in order: the ones given, else
 * those of the base account, else the account's own; without their role in
 * either case, since the check assumes the role itself.
 */

#define ROLE_SESSION_NAME "drs-orchestrator"

struct _DrsoAccountCheck
{
  GObject                     parent_instance;

  /* Owned references */
  DrsoAwsClient              *client;
  DrsoAccount                *account;
  DrsoAccount                *base_account;
  DrsoAwsCredentials         *base_credentials;
  DrsoAwsCredentialsProvider *provider;
  DrsoAwsCredentials         *credentials;
  GListStore                 *lines;
  GTask                      *task;

  guint                       n_failed;
};

G_DEFINE_FINAL_TYPE (DrsoAccountCheck, drso_account_check, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The check */

static void
add_line (DrsoAccountCheck *self,
          const char       *name,
          const char       *title)
{
  g_autoptr(DrsoAccountCheckLine) line = _drso_account_check_line_new (name, title);

  g_list_store_append (self->lines, line);
}

static const char *
region_of (DrsoAccount *account)
{
  const char *region = drso_account_get_default_region (account);

  if (region == NULL)
    region = g_getenv ("AWS_REGION");
  if (region == NULL)
    region = g_getenv ("AWS_DEFAULT_REGION");
  return region != NULL ? region : DRSO_SANDBOX_REGION;
}

static DrsoAwsContext *
new_context (DrsoAccountCheck   *self,
             DrsoAwsCredentials *credentials)
{
  return drso_aws_context_new (self->client, drso_account_get_account_id (self->account),
                               region_of (self->account),
                               drso_aws_client_get_account_endpoint (self->client, self->account),
                               credentials);
}

static void
set_line (DrsoAccountCheck *self,
          const char       *name,
          DrsoCheckState    state,
          const char       *detail)
{
  _drso_account_check_line_set (drso_account_check_find_line (self, name), state, detail);
}

static void
fail_line (DrsoAccountCheck *self,
           const char       *name,
           const char       *detail)
{
  set_line (self, name, DRSO_CHECK_STATE_FAILED, detail);
  self->n_failed++;
}

/* Marks every line still to come as not tried, saying why. */
static void
skip_rest (DrsoAccountCheck *self,
           const char       *reason)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lines)); i++)
    {
      g_autoptr(DrsoAccountCheckLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (drso_account_check_line_get_state (line) == DRSO_CHECK_STATE_PENDING ||
          drso_account_check_line_get_state (line) == DRSO_CHECK_STATE_RUNNING)
        {
          _drso_account_check_line_set (line, DRSO_CHECK_STATE_SKIPPED, reason);
          self->n_failed++;
        }
    }
}

/* Ends the run; @task keeps @self alive until then. */
static void
finish (DrsoAccountCheck *self,
        GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_clear_object (&self->provider);
  g_clear_pointer (&self->credentials, drso_aws_credentials_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Stops quietly when the run was cancelled. */
static gboolean
check_cancelled (DrsoAccountCheck *self,
                 GError          **error)
{
  if (error != NULL && *error != NULL &&
      g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      skip_rest (self, _("Stopped"));
      finish (self, g_steal_pointer (error));
      return TRUE;
    }
  return FALSE;
}

static void
ec2_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  DrsoAccountCheck *self = user_data;
  DrsoAwsContext *context = DRSO_AWS_CONTEXT (source);
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  instances = drso_ec2_describe_instances_finish (context, result, &error);
  if (check_cancelled (self, &error))
    return;
  if (instances == NULL)
    fail_line (self, "ec2", error->message);
  else
    {
      /* TRANSLATORS: what the EC2 check found: a number of instances and a region */
      detail = g_strdup_printf (g_dngettext (NULL, "DescribeInstances works: %u instance in %s",
                                             "DescribeInstances works: %u instances in %s",
                                             instances->len),
                                instances->len, drso_aws_context_get_region (context));
      set_line (self, "ec2", DRSO_CHECK_STATE_OK, detail);
    }
  finish (self, NULL);
}

static void
drs_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  DrsoAccountCheck *self = user_data;
  DrsoAwsContext *context = DRSO_AWS_CONTEXT (source);
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  servers = drso_drs_describe_source_servers_finish (context, result, &error);
  if (check_cancelled (self, &error))
    return;
  if (servers == NULL)
    fail_line (self, "drs", error->message);
  else
    {
      /* TRANSLATORS: what the DRS check found: a number of source servers and a region */
      detail = g_strdup_printf (g_dngettext (NULL, "DescribeSourceServers works: %u source server "
                                             "in %s", "DescribeSourceServers works: %u source "
                                             "servers in %s", servers->len),
                                servers->len, drso_aws_context_get_region (context));
      set_line (self, "drs", DRSO_CHECK_STATE_OK, detail);
    }

  set_line (self, "ec2", DRSO_CHECK_STATE_RUNNING, NULL);
  drso_ec2_describe_instances_async (context, NULL, NULL, g_task_get_cancellable (self->task),
                                     ec2_cb, self);
}

/* DRS and EC2, with the account's own credentials. */
static void
check_services (DrsoAccountCheck *self)
{
  g_autoptr(DrsoAwsContext) context = new_context (self, self->credentials);

  set_line (self, "drs", DRSO_CHECK_STATE_RUNNING, NULL);
  drso_drs_describe_source_servers_async (context, g_task_get_cancellable (self->task), drs_cb,
                                          self);
}

static void
role_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  DrsoAccountCheck *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;

  self->credentials = drso_sts_assume_role_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (check_cancelled (self, &error))
    return;
  if (self->credentials == NULL)
    {
      fail_line (self, "role", error->message);
      skip_rest (self, _("Not tried: the role could not be assumed"));
      finish (self, NULL);
      return;
    }

  /* TRANSLATORS: %s is the ARN of an IAM role */
  detail = g_strdup_printf (_("Assumed the role %s"), drso_account_get_role_arn (self->account));
  set_line (self, "role", DRSO_CHECK_STATE_OK, detail);
  check_services (self);
}

static void
identity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  DrsoAccountCheck *self = user_data;
  DrsoAwsContext *context = DRSO_AWS_CONTEXT (source);
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  const char *role_arn = drso_account_get_role_arn (self->account);

  identity = drso_sts_get_caller_identity_finish (context, result, &error);
  if (check_cancelled (self, &error))
    return;
  if (identity == NULL)
    fail_line (self, "sts", error->message);
  else
    {
      /* TRANSLATORS: the first %s is the caller's ARN, the second an account id */
      detail = g_strdup_printf (_("Signed in as %s (account %s)"),
                                drso_caller_identity_get_arn (identity),
                                drso_caller_identity_get_account (identity));
      set_line (self, "sts", DRSO_CHECK_STATE_OK, detail);
    }

  /* A target account works with the role's credentials. */
  if (role_arn == NULL)
    {
      self->credentials = drso_aws_credentials_ref (drso_aws_context_get_credentials (context));
      check_services (self);
      return;
    }

  set_line (self, "role", DRSO_CHECK_STATE_RUNNING, NULL);
  drso_sts_assume_role_async (context, role_arn, drso_account_get_external_id (self->account),
                              ROLE_SESSION_NAME, 0, g_task_get_cancellable (self->task), role_cb,
                              self);
}

static void
check_identity (DrsoAccountCheck   *self,
                DrsoAwsCredentials *credentials)
{
  g_autoptr(DrsoAwsContext) context = new_context (self, credentials);

  set_line (self, "sts", DRSO_CHECK_STATE_RUNNING, NULL);
  drso_sts_get_caller_identity_async (context, g_task_get_cancellable (self->task), identity_cb,
                                      self);
}

static void
base_credentials_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DrsoAccountCheck *self = user_data;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = drso_aws_credentials_provider_get_finish (DRSO_AWS_CREDENTIALS_PROVIDER (source),
                                                          result, &error);
  if (check_cancelled (self, &error))
    return;
  if (credentials == NULL)
    {
      fail_line (self, "sts", error->message);
      if (drso_account_get_role_arn (self->account) != NULL)
        set_line (self, "role", DRSO_CHECK_STATE_SKIPPED,
                  _("Not tried: no credentials to assume it with"));
      skip_rest (self, _("Not tried: no credentials for the account"));
      finish (self, NULL);
      return;
    }
  check_identity (self, credentials);
}

/* GObject */

static void
drso_account_check_dispose (GObject *object)
{
  DrsoAccountCheck *self = DRSO_ACCOUNT_CHECK (object);

  g_clear_object (&self->provider);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->base_account);
  g_clear_object (&self->lines);
  g_clear_pointer (&self->base_credentials, drso_aws_credentials_unref);
  g_clear_pointer (&self->credentials, drso_aws_credentials_unref);

  G_OBJECT_CLASS (drso_account_check_parent_class)->dispose (object);
}

static void
drso_account_check_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DrsoAccountCheck *self = DRSO_ACCOUNT_CHECK (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->task != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_account_check_class_init (DrsoAccountCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drso_account_check_dispose;
  object_class->get_property = drso_account_check_get_property;

  /**
   * DrsoAccountCheck:running:
   *
   * Whether a run is under way.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_account_check_init (DrsoAccountCheck *self)
{
  self->lines = g_list_store_new (DRSO_TYPE_ACCOUNT_CHECK_LINE);
}

/* Public API */

/**
 * drso_account_check_new:
 * @client: the AWS client to call with
 * @account: the account to check
 * @base_account: (nullable): the account whose credentials to start from,
 *   or %NULL for @account's own
 * @base_credentials: (nullable): the credentials to start from, such as keys
 *   not saved yet; they win over @base_account
 *
 * Returns: (transfer full): a new #DrsoAccountCheck
 */
DrsoAccountCheck *
drso_account_check_new (DrsoAwsClient      *client,
                        DrsoAccount        *account,
                        DrsoAccount        *base_account,
                        DrsoAwsCredentials *base_credentials)
{
  DrsoAccountCheck *self;

  g_return_val_if_fail (DRSO_IS_AWS_CLIENT (client), NULL);
  g_return_val_if_fail (DRSO_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (base_account == NULL || DRSO_IS_ACCOUNT (base_account), NULL);

  self = g_object_new (DRSO_TYPE_ACCOUNT_CHECK, NULL);
  self->client = g_object_ref (client);
  self->account = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (account)));
  if (base_account != NULL)
    self->base_account = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (base_account)));
  if (base_credentials != NULL)
    self->base_credentials = drso_aws_credentials_ref (base_credentials);

  add_line (self, "sts", _("Identity (STS)"));
  if (drso_account_get_role_arn (account) != NULL)
    add_line (self, "role", _("Role Assumption"));
  add_line (self, "drs", _("Elastic Disaster Recovery"));
  add_line (self, "ec2", _("EC2"));
  return self;
}

/**
 * drso_account_check_get_account:
 * @self: a #DrsoAccountCheck
 *
 * Returns: (transfer none): the account checked, as it was when the check
 *   was made
 */
DrsoAccount *
drso_account_check_get_account (DrsoAccountCheck *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK (self), NULL);
  return self->account;
}

/**
 * drso_account_check_get_lines:
 * @self: a #DrsoAccountCheck
 *
 * The steps, in order: `sts`, `role` (for an account with a role ARN),
 * `drs` and `ec2`.
 *
 * Returns: (transfer none): a list of #DrsoAccountCheckLine
 */
GListModel *
drso_account_check_get_lines (DrsoAccountCheck *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK (self), NULL);
  return G_LIST_MODEL (self->lines);
}

/**
 * drso_account_check_find_line:
 * @self: a #DrsoAccountCheck
 * @name: `sts`, `role`, `drs` or `ec2`
 *
 * Returns: (transfer none) (nullable): the line, or %NULL if the check has
 *   no such step
 */
DrsoAccountCheckLine *
drso_account_check_find_line (DrsoAccountCheck *self,
                              const char       *name)
{
  GListModel *lines;

  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK (self), NULL);

  lines = G_LIST_MODEL (self->lines);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(DrsoAccountCheckLine) line = g_list_model_get_item (lines, i);

      if (g_strcmp0 (drso_account_check_line_get_name (line), name) == 0)
        return line;
    }
  return NULL;
}

/**
 * drso_account_check_get_running:
 * @self: a #DrsoAccountCheck
 *
 * Returns: whether a run is under way
 */
gboolean
drso_account_check_get_running (DrsoAccountCheck *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK (self), FALSE);
  return self->task != NULL;
}

/**
 * drso_account_check_get_n_failed:
 * @self: a #DrsoAccountCheck
 *
 * Returns: how many steps of the last run failed or were not tried
 */
guint
drso_account_check_get_n_failed (DrsoAccountCheck *self)
{
  g_return_val_if_fail (DRSO_IS_ACCOUNT_CHECK (self), 0);
  return self->n_failed;
}

/**
 * drso_account_check_run_async:
 * @self: a #DrsoAccountCheck
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every step has its answer
 * @user_data: data for @callback
 *
 * Runs the steps one after the other, filling in the lines as they go.
 * Nothing runs twice at once: a call while a run is under way fails.
 */
void
drso_account_check_run_async (DrsoAccountCheck    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DrsoAccount) base = NULL;
  GListModel *lines;

  g_return_if_fail (DRSO_IS_ACCOUNT_CHECK (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_account_check_run_async);
  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The account is being checked already"));
      return;
    }

  self->task = g_steal_pointer (&task);
  self->n_failed = 0;
  lines = G_LIST_MODEL (self->lines);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(DrsoAccountCheckLine) line = g_list_model_get_item (lines, i);

      _drso_account_check_line_set (line, DRSO_CHECK_STATE_PENDING, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (self->base_credentials != NULL)
    {
      check_identity (self, self->base_credentials);
      return;
    }

  /* The credentials before the role, which the check assumes itself. */
  base = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (self->base_account ? self->base_account
                                                                             : self->account)));
  drso_account_set_role_arn (base, NULL);
  drso_account_set_external_id (base, NULL);
  self->provider = drso_aws_credentials_provider_new (base, self->client);
  set_line (self, "sts", DRSO_CHECK_STATE_RUNNING, NULL);
  drso_aws_credentials_provider_get_async (self->provider, g_task_get_cancellable (self->task),
                                           base_credentials_cb, self);
}

/**
 * drso_account_check_run_finish:
 * @self: a #DrsoAccountCheck
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * A run fails only when it was cancelled or already under way; the steps
 * that failed are in the lines and drso_account_check_get_n_failed().
 *
 * Returns: %TRUE if the run went through
 */
gboolean
drso_account_check_run_finish (DrsoAccountCheck  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
