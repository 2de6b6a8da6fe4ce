/* drso-aws-credential-plan.c
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

#include "drso-aws-config-internal.h"

/* How to get credentials for a profile of the shared configuration
 * (drso_aws_config_resolve() and its DrsoAwsCredentialPlan), and the
 * credentials held in environment variables. */

struct _DrsoAwsCredentialPlan
{
  char                    *profile;
  DrsoAwsCredentialSource  source;
  char                    *source_profile;
  DrsoAwsCredentials      *static_credentials;
  char                    *process_command;
  GPtrArray               *role_steps;
  char                    *region;
  char                    *endpoint_url;
};

/* Resolution */

static void
role_step_free (gpointer data)
{
  DrsoAwsRoleStep *step = data;

  g_free (step->profile);
  g_free (step->role_arn);
  g_free (step->external_id);
  g_free (step->role_session_name);
  g_free (step);
}

static void
drso_aws_credential_plan_clear (gpointer data)
{
  DrsoAwsCredentialPlan *self = data;

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->source_profile, g_free);
  g_clear_pointer (&self->static_credentials, drso_aws_credentials_unref);
  g_clear_pointer (&self->process_command, g_free);
  g_clear_pointer (&self->role_steps, g_ptr_array_unref);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint_url, g_free);
}

static const char *
get_property (GHashTable *properties,
              const char *key)
{
  const char *value = g_hash_table_lookup (properties, key);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

static gboolean
has_static_keys (GHashTable *properties)
{
  return g_hash_table_contains (properties, "aws_access_key_id") ||
         g_hash_table_contains (properties, "aws_secret_access_key");
}

static gboolean
has_role (GHashTable *properties)
{
  /* role_arn with a web identity token is web identity, not AssumeRole. */
  return g_hash_table_contains (properties, "role_arn") &&
         !g_hash_table_contains (properties, "web_identity_token_file");
}

static gboolean
take_static_keys (DrsoAwsCredentialPlan  *plan,
                  const char             *profile,
                  GHashTable             *properties,
                  GError                **error)
{
  const char *access_key_id = get_property (properties, "aws_access_key_id");
  const char *secret_access_key = get_property (properties, "aws_secret_access_key");
  const char *session_token = get_property (properties, "aws_session_token");

  if (access_key_id == NULL || secret_access_key == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("The profile “%s” needs both aws_access_key_id and aws_secret_access_key"),
                   profile);
      return FALSE;
    }

  if (session_token == NULL)
    session_token = get_property (properties, "aws_security_token");

  plan->source = DRSO_AWS_CREDENTIAL_SOURCE_STATIC;
  plan->source_profile = g_strdup (profile);
  plan->static_credentials = drso_aws_credentials_new (access_key_id, secret_access_key,
                                                       session_token, 0);
  drso_aws_credentials_set_account_id (plan->static_credentials,
                                       get_property (properties, "aws_account_id"));
  return TRUE;
}

/* A profile without an assumed role: static keys, else credential_process. */
static gboolean
take_profile_credentials (DrsoAwsCredentialPlan  *plan,
                          const char             *profile,
                          GHashTable             *properties,
                          GError                **error)
{
  const char *process;

  if (g_hash_table_contains (properties, "web_identity_token_file"))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” uses a web identity token, which is not supported"),
                   profile);
      return FALSE;
    }

  if (has_static_keys (properties))
    return take_static_keys (plan, profile, properties, error);

  if ((process = get_property (properties, "credential_process")) != NULL)
    {
      plan->source = DRSO_AWS_CREDENTIAL_SOURCE_PROCESS;
      plan->source_profile = g_strdup (profile);
      plan->process_command = g_strdup (process);
      return TRUE;
    }

  if (g_hash_table_contains (properties, "sso_session") ||
      g_hash_table_contains (properties, "sso_start_url"))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” signs in with IAM Identity Center (SSO), "
                     "which is not supported"),
                   profile);
      return FALSE;
    }

  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_NO_CREDENTIALS,
               _("The profile “%s” has no credentials"), profile);
  return FALSE;
}

static gboolean
add_role_step (DrsoAwsCredentialPlan  *plan,
               const char             *profile,
               GHashTable             *properties,
               GError                **error)
{
  DrsoAwsRoleStep *step;
  const char *role_arn = get_property (properties, "role_arn");
  const char *duration = get_property (properties, "duration_seconds");
  const char *session_name = get_property (properties, "role_session_name");
  guint64 seconds = 0;

  if (role_arn == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("The role_arn of profile “%s” is empty"), profile);
      return FALSE;
    }

  if (g_hash_table_contains (properties, "mfa_serial"))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” asks for an MFA code (mfa_serial): MFA is not supported"),
                   profile);
      return FALSE;
    }

  if (duration != NULL &&
      !g_ascii_string_to_unsigned (duration, 10,
                                   DRSO_AWS_ROLE_DURATION_MIN, DRSO_AWS_ROLE_DURATION_MAX,
                                   &seconds, NULL))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("The duration_seconds of profile “%s” must be a number "
                     "from %u to %u, not “%s”"),
                   profile, DRSO_AWS_ROLE_DURATION_MIN, DRSO_AWS_ROLE_DURATION_MAX, duration);
      return FALSE;
    }

  step = g_new0 (DrsoAwsRoleStep, 1);
  step->profile = g_strdup (profile);
  step->role_arn = g_strdup (role_arn);
  step->external_id = g_strdup (get_property (properties, "external_id"));
  step->duration_seconds = (guint) seconds;
  if (session_name != NULL)
    step->role_session_name = g_strdup (session_name);
  else
    step->role_session_name = g_strdup_printf ("drso-session-%" G_GINT64_FORMAT,
                                               g_get_real_time () / G_USEC_PER_SEC);

  /* The deepest role is assumed first. */
  g_ptr_array_insert (plan->role_steps, 0, step);
  return TRUE;
}

static gboolean
take_credential_source (DrsoAwsCredentialPlan  *plan,
                        const char             *profile,
                        const char             *credential_source,
                        GError                **error)
{
  if (strcmp (credential_source, "Environment") == 0)
    {
      plan->source = DRSO_AWS_CREDENTIAL_SOURCE_ENVIRONMENT;
      return TRUE;
    }

  if (strcmp (credential_source, "Ec2InstanceMetadata") == 0 ||
      strcmp (credential_source, "EcsContainer") == 0)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                   _("The profile “%s” takes its credentials from %s, "
                     "which is not available on a desktop"),
                   profile, credential_source);
      return FALSE;
    }

  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
               _("The credential_source “%s” of profile “%s” is not one of "
                 "Environment, Ec2InstanceMetadata or EcsContainer"),
               credential_source, profile);
  return FALSE;
}

static void
set_loop_error (GPtrArray   *visited,
                const char  *source_profile,
                GError     **error)
{
  g_autoptr(GString) chain = g_string_new (NULL);

  for (guint i = 0; i < visited->len; i++)
    g_string_append_printf (chain, "%s → ", (const char *) g_ptr_array_index (visited, i));
  g_string_append (chain, source_profile);

  g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_LOOP,
               _("The source_profile settings make a loop: %s"), chain->str);
}

/**
 * drso_aws_config_resolve:
 * @self: a #DrsoAwsConfig
 * @profile: (nullable): a profile name, or %NULL for "default"
 * @error: return location for a #GError
 *
 * Works out how to get credentials for @profile, as botocore does: a profile
 * with a role_arn assumes it with credentials from its source_profile (a
 * chain ends at a profile with static keys) or its credential_source;
 * otherwise the profile's static keys, else its credential_process.
 *
 * Returns: (transfer full): the plan, or %NULL on error
 */
DrsoAwsCredentialPlan *
drso_aws_config_resolve (DrsoAwsConfig  *self,
                         const char     *profile,
                         GError        **error)
{
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GPtrArray) visited = NULL;
  GHashTable *properties;
  const char *current;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (profile == NULL)
    profile = "default";

  properties = g_hash_table_lookup (self->profiles, profile);
  if (properties == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_NO_PROFILE,
                   _("The profile “%s” does not exist"), profile);
      return NULL;
    }

  plan = g_atomic_rc_box_new0 (DrsoAwsCredentialPlan);
  plan->profile = g_strdup (profile);
  plan->role_steps = g_ptr_array_new_with_free_func (role_step_free);
  plan->region = g_strdup (get_property (properties, "region"));
  plan->endpoint_url = g_strdup (get_property (properties, "endpoint_url"));

  if (!has_role (properties))
    return take_profile_credentials (plan, profile, properties, error)
             ? g_steal_pointer (&plan) : NULL;

  visited = g_ptr_array_new ();
  g_ptr_array_add (visited, (gpointer) profile);

  for (current = profile; ; )
    {
      const char *source_profile;
      const char *credential_source;
      GHashTable *source;

      properties = g_hash_table_lookup (self->profiles, current);
      if (!add_role_step (plan, current, properties, error))
        return NULL;

      source_profile = get_property (properties, "source_profile");
      credential_source = get_property (properties, "credential_source");

      if (source_profile != NULL && credential_source != NULL)
        {
          g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                       _("The profile “%s” has both source_profile and credential_source"),
                       current);
          return NULL;
        }

      if (credential_source != NULL)
        return take_credential_source (plan, current, credential_source, error)
                 ? g_steal_pointer (&plan) : NULL;

      if (source_profile == NULL)
        {
          g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                       _("The profile “%s” has a role_arn but neither "
                         "source_profile nor credential_source"),
                       current);
          return NULL;
        }

      source = g_hash_table_lookup (self->profiles, source_profile);
      if (source == NULL)
        {
          g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_NO_PROFILE,
                       _("The source_profile “%s” of profile “%s” does not exist"),
                       source_profile, current);
          return NULL;
        }

      /* A profile may be its own source when it holds static keys. */
      if (g_ptr_array_find_with_equal_func (visited, source_profile, g_str_equal, NULL) &&
          (strcmp (source_profile, current) != 0 || !has_static_keys (source)))
        {
          set_loop_error (visited, source_profile, error);
          return NULL;
        }
      g_ptr_array_add (visited, (gpointer) source_profile);

      /* Static keys end the chain, even in a profile with a role. */
      if (has_static_keys (source))
        return take_static_keys (plan, source_profile, source, error)
                 ? g_steal_pointer (&plan) : NULL;

      if (!has_role (source))
        return take_profile_credentials (plan, source_profile, source, error)
                 ? g_steal_pointer (&plan) : NULL;

      current = source_profile;
    }
}

DrsoAwsCredentialPlan *
drso_aws_credential_plan_ref (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
drso_aws_credential_plan_unref (DrsoAwsCredentialPlan *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, drso_aws_credential_plan_clear);
}

/* The profile the plan was made for. */
const char *
drso_aws_credential_plan_get_profile (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->profile;
}

DrsoAwsCredentialSource
drso_aws_credential_plan_get_source (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, DRSO_AWS_CREDENTIAL_SOURCE_STATIC);
  return self->source;
}

/* The profile whose keys or credential_process start the chain; NULL for
 * the environment. */
const char *
drso_aws_credential_plan_get_source_profile (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source_profile;
}

/* The keys of a STATIC source; NULL for the others. */
DrsoAwsCredentials *
drso_aws_credential_plan_get_static_credentials (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->static_credentials;
}

/* The command of a PROCESS source; NULL for the others. */
const char *
drso_aws_credential_plan_get_process_command (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->process_command;
}

/* The roles to assume, in order, starting from the source's credentials. */
guint
drso_aws_credential_plan_get_n_role_steps (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->role_steps->len;
}

const DrsoAwsRoleStep *
drso_aws_credential_plan_get_role_step (DrsoAwsCredentialPlan *self,
                                        guint                  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->role_steps->len, NULL);
  return g_ptr_array_index (self->role_steps, index);
}

/* The region and endpoint_url of the profile the plan was made for. */
const char *
drso_aws_credential_plan_get_region (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->region;
}

const char *
drso_aws_credential_plan_get_endpoint_url (DrsoAwsCredentialPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->endpoint_url;
}

/* Environment */

/* Reads an ISO 8601 time into seconds since the epoch (UTC when the text
 * names no zone). */
gboolean
_drso_aws_parse_iso8601 (const char *text,
                         gint64     *seconds)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

  if (time == NULL)
    return FALSE;
  *seconds = g_date_time_to_unix (time);
  return TRUE;
}

/**
 * drso_aws_credentials_from_environment:
 * @envp: (nullable): an environment, or %NULL for this process's
 * @error: return location for a #GError
 *
 * Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (or
 * the legacy `AWS_SECURITY_TOKEN`), `AWS_CREDENTIAL_EXPIRATION` and
 * `AWS_ACCOUNT_ID`. Returns %NULL without an error when neither key is set;
 * one key without the other, or an expiration that is not ISO 8601, is
 * %DRSO_AWS_CONFIG_ERROR_INVALID.
 *
 * Returns: (transfer full) (nullable): the credentials
 */
DrsoAwsCredentials *
drso_aws_credentials_from_environment (const char * const  *envp,
                                       GError             **error)
{
  g_auto(GStrv) own_environ = NULL;
  DrsoAwsCredentials *credentials;
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token;
  const char *expiration;
  gint64 expires = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (envp == NULL)
    envp = (const char * const *) (own_environ = g_get_environ ());

  access_key_id = _drso_aws_environ_get (envp, "AWS_ACCESS_KEY_ID");
  secret_access_key = _drso_aws_environ_get (envp, "AWS_SECRET_ACCESS_KEY");
  if (access_key_id == NULL && secret_access_key == NULL)
    return NULL;

  if (access_key_id == NULL || secret_access_key == NULL)
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("%s is set but %s is not"),
                   access_key_id != NULL ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY",
                   access_key_id != NULL ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID");
      return NULL;
    }

  session_token = _drso_aws_environ_get (envp, "AWS_SESSION_TOKEN");
  if (session_token == NULL)
    session_token = _drso_aws_environ_get (envp, "AWS_SECURITY_TOKEN");

  expiration = _drso_aws_environ_get (envp, "AWS_CREDENTIAL_EXPIRATION");
  if (expiration != NULL && !_drso_aws_parse_iso8601 (expiration, &expires))
    {
      g_set_error (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                   _("AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 time"));
      return NULL;
    }

  credentials = drso_aws_credentials_new (access_key_id, secret_access_key,
                                          session_token, expires);
  drso_aws_credentials_set_account_id (credentials, _drso_aws_environ_get (envp, "AWS_ACCOUNT_ID"));
  return credentials;
}
