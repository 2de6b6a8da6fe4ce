/* fuzz-aws-config.c
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

/* The AWS shared configuration: ~/.aws/config and ~/.aws/credentials as
 * drso-aws-config.c parses them, then every profile resolved into a
 * credential plan (role chains, source_profile loops, credential_source,
 * credential_process) as "drso accounts add --profile" does.
 *
 * Input: CONFIG [NUL CREDENTIALS [NUL ENVIRONMENT]], where ENVIRONMENT is
 * NAME=VALUE lines that stand for the process's environment (AWS_PROFILE,
 * AWS_CONFIG_FILE, AWS_ACCESS_KEY_ID, …). The files are C strings to the
 * parser, so a NUL can only be a separator. */

#include "config.h"

#include <string.h>

#include "drso-aws-config-private.h"
#include "drso-fuzz.h"

static const char * const keys[] = {
  "region", "endpoint_url", "role_arn", "source_profile", "credential_source",
  "credential_process", "external_id", "role_session_name", "duration_seconds",
  "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "sso_session",
  "services", "s3", "mfa_serial",
};

static void
walk_plan (DrsoAwsCredentialPlan *plan)
{
  guint n = drso_aws_credential_plan_get_n_role_steps (plan);

  for (guint i = 0; i < n; i++)
    {
      const DrsoAwsRoleStep *step = drso_aws_credential_plan_get_role_step (plan, i);

      drso_fuzz_check (step != NULL && step->profile != NULL && step->role_arn != NULL &&
                       step->role_session_name != NULL);
    }

  switch (drso_aws_credential_plan_get_source (plan))
    {
    case DRSO_AWS_CREDENTIAL_SOURCE_STATIC:
      {
        DrsoAwsCredentials *credentials = drso_aws_credential_plan_get_static_credentials (plan);

        drso_fuzz_check (credentials != NULL);
      }
      break;
    case DRSO_AWS_CREDENTIAL_SOURCE_PROCESS:
      drso_fuzz_check (drso_aws_credential_plan_get_process_command (plan) != NULL);
      break;
    case DRSO_AWS_CREDENTIAL_SOURCE_ENVIRONMENT:
    default:
      break;
    }
  (void) drso_aws_credential_plan_get_profile (plan);
  (void) drso_aws_credential_plan_get_source_profile (plan);
  (void) drso_aws_credential_plan_get_region (plan);
  (void) drso_aws_credential_plan_get_endpoint_url (plan);
}

static void
resolve (DrsoAwsConfig *config,
         const char    *profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAwsCredentialPlan) plan = drso_aws_config_resolve (config, profile, &error);

  drso_fuzz_check ((plan == NULL) == (error != NULL));
  if (plan != NULL)
    walk_plan (plan);
}

static void
walk_profile (DrsoAwsConfig *config,
              const char    *profile)
{
  const char *services, *session;

  drso_fuzz_check (drso_aws_config_has_profile (config, profile));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      (void) drso_aws_config_get_value (config, profile, keys[i]);
      g_free (drso_aws_config_get_sub_value (config, profile, keys[i], "endpoint_url"));
    }

  services = drso_aws_config_get_value (config, profile, "services");
  if (services != NULL)
    g_free (drso_aws_config_get_services_value (config, services, "drs", "endpoint_url"));
  session = drso_aws_config_get_value (config, profile, "sso_session");
  if (session != NULL)
    (void) drso_aws_config_get_sso_session_value (config, session, "sso_region");

  resolve (config, profile);
}

static void
use_environment (DrsoAwsConfig      *config,
                 const char * const *envp)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;
  g_autofree char *profile = NULL;

  credentials = drso_aws_credentials_from_environment (envp, &error);
  drso_fuzz_check (credentials == NULL || error == NULL);

  drso_aws_config_locate (envp, &config_path, &credentials_path);
  drso_fuzz_check (config_path != NULL && credentials_path != NULL);

  profile = drso_aws_config_get_default_profile (envp);
  drso_fuzz_check (profile != NULL);
  resolve (config, profile);
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  DrsoFuzzReader reader;
  g_autofree char *config_text = NULL;
  g_autofree char *credentials_text = NULL;
  g_autofree char *environment = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAwsConfig) config = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *json_text = NULL;
  g_auto(GStrv) names = NULL;

  drso_fuzz_reader_init (&reader, data, size);
  config_text = drso_fuzz_reader_next (&reader, '\0');
  credentials_text = drso_fuzz_reader_next (&reader, '\0');
  environment = drso_fuzz_reader_next (&reader, '\0');
  /* Only NAME=VALUE lines make an environment: others would be dropped
   * by a real one. */
  envp = g_strsplit (environment != NULL ? environment : "", "\n", -1);
  {
    guint kept = 0;

    for (guint i = 0; envp[i] != NULL; i++)
      {
        if (strchr (envp[i], '=') != NULL && envp[i][0] != '=')
          envp[kept++] = envp[i];
        else
          g_free (envp[i]);
      }
    envp[kept] = NULL;
  }

  config = drso_aws_config_new_from_data (config_text, credentials_text, &error);
  drso_fuzz_check ((config == NULL) == (error != NULL));
  if (config == NULL)
    return 0;

  names = drso_aws_config_get_profile_names (config);
  for (guint i = 0; names[i] != NULL; i++)
    walk_profile (config, names[i]);
  resolve (config, NULL);
  use_environment (config, (const char * const *) envp);

  json = drso_aws_config_to_json (config);
  json_text = json_to_string (json, FALSE);
  drso_fuzz_check (json_text != NULL);

  return 0;
}
