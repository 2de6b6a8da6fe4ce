/* drso-aws-config-private.h
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

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "drso-aws-credentials.h"

G_BEGIN_DECLS

/* The AWS shared configuration (~/.aws/config and ~/.aws/credentials), parsed
 * the way the AWS SDKs do, and the way to get credentials for one of its
 * profiles. Internal API: not introspected. */

#define DRSO_AWS_CONFIG_ERROR (drso_aws_config_error_quark ())

/* PARSE: a file does not parse; the message names the file and the line.
 * NO_PROFILE: a profile (or a source_profile) does not exist.
 * NO_CREDENTIALS: a profile exists but holds no way to get credentials.
 * LOOP: source_profile references make a loop; the message shows the chain.
 * INVALID: a setting or variable has a value it cannot have.
 * UNSUPPORTED: a setting asks for something this program does not do
 *   (MFA, SSO, web identity, EC2 or ECS credentials).
 * PROCESS: a credential_process failed or printed something unusable; the
 *   message never quotes its output. */
typedef enum
{
  DRSO_AWS_CONFIG_ERROR_PARSE,
  DRSO_AWS_CONFIG_ERROR_NO_PROFILE,
  DRSO_AWS_CONFIG_ERROR_NO_CREDENTIALS,
  DRSO_AWS_CONFIG_ERROR_LOOP,
  DRSO_AWS_CONFIG_ERROR_INVALID,
  DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
  DRSO_AWS_CONFIG_ERROR_PROCESS,
} DrsoAwsConfigError;

GQuark drso_aws_config_error_quark (void);

/* The time a credential_process may take, in seconds. */
#define DRSO_AWS_CREDENTIAL_PROCESS_TIMEOUT 60

/* Lowest and highest duration_seconds of an assumed role. */
#define DRSO_AWS_ROLE_DURATION_MIN 900
#define DRSO_AWS_ROLE_DURATION_MAX 43200

typedef struct _DrsoAwsConfig DrsoAwsConfig;

DrsoAwsConfig *drso_aws_config_new_from_data         (const char          *config_text,
                                                      const char          *credentials_text,
                                                      GError             **error);
DrsoAwsConfig *drso_aws_config_new_from_files        (const char          *config_path,
                                                      const char          *credentials_path,
                                                      GError             **error);
DrsoAwsConfig *drso_aws_config_load                  (GError             **error);
DrsoAwsConfig *drso_aws_config_ref                   (DrsoAwsConfig       *self);
void           drso_aws_config_unref                 (DrsoAwsConfig       *self);

void           drso_aws_config_locate                (const char * const  *envp,
                                                      char               **config_path,
                                                      char               **credentials_path);
char          *drso_aws_config_get_default_profile   (const char * const  *envp);

char         **drso_aws_config_get_profile_names     (DrsoAwsConfig       *self);
gboolean       drso_aws_config_has_profile           (DrsoAwsConfig       *self,
                                                      const char          *profile);
const char    *drso_aws_config_get_value             (DrsoAwsConfig       *self,
                                                      const char          *profile,
                                                      const char          *key);
char          *drso_aws_config_get_sub_value         (DrsoAwsConfig       *self,
                                                      const char          *profile,
                                                      const char          *key,
                                                      const char          *sub_key);
const char    *drso_aws_config_get_sso_session_value (DrsoAwsConfig       *self,
                                                      const char          *session,
                                                      const char          *key);
char          *drso_aws_config_get_services_value    (DrsoAwsConfig       *self,
                                                      const char          *services,
                                                      const char          *service_id,
                                                      const char          *key);
JsonNode      *drso_aws_config_to_json               (DrsoAwsConfig       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoAwsConfig, drso_aws_config_unref)

/* Where the first credentials of a plan come from. */
typedef enum
{
  DRSO_AWS_CREDENTIAL_SOURCE_STATIC,      /* keys written in a profile */
  DRSO_AWS_CREDENTIAL_SOURCE_PROCESS,     /* a profile's credential_process */
  DRSO_AWS_CREDENTIAL_SOURCE_ENVIRONMENT, /* AWS_ACCESS_KEY_ID and friends */
} DrsoAwsCredentialSource;

/* One AssumeRole call of a plan. */
typedef struct
{
  char  *profile;           /* the profile that names the role */
  char  *role_arn;
  char  *external_id;       /* nullable */
  char  *role_session_name;
  guint  duration_seconds;  /* 0 when not set: STS's default applies */
} DrsoAwsRoleStep;

typedef struct _DrsoAwsCredentialPlan DrsoAwsCredentialPlan;

/* A plan: where the first credentials come from (get_source, with
 * get_static_credentials or get_process_command), then the roles to assume
 * in order (get_role_step 0 first), and the region and endpoint_url of the
 * profile it was made for. */
DrsoAwsCredentialPlan *drso_aws_config_resolve (DrsoAwsConfig  *self,
                                                const char     *profile,
                                                GError        **error);

DrsoAwsCredentialPlan  *drso_aws_credential_plan_ref          (DrsoAwsCredentialPlan *self);
void                    drso_aws_credential_plan_unref        (DrsoAwsCredentialPlan *self);
const char             *drso_aws_credential_plan_get_profile  (DrsoAwsCredentialPlan *self);
DrsoAwsCredentialSource drso_aws_credential_plan_get_source   (DrsoAwsCredentialPlan *self);
const char             *drso_aws_credential_plan_get_source_profile
                                                              (DrsoAwsCredentialPlan *self);
DrsoAwsCredentials     *drso_aws_credential_plan_get_static_credentials
                                                              (DrsoAwsCredentialPlan *self);
const char             *drso_aws_credential_plan_get_process_command
                                                              (DrsoAwsCredentialPlan *self);
guint                   drso_aws_credential_plan_get_n_role_steps
                                                              (DrsoAwsCredentialPlan *self);
const DrsoAwsRoleStep  *drso_aws_credential_plan_get_role_step
                                                              (DrsoAwsCredentialPlan *self,
                                                               guint                  index);
const char             *drso_aws_credential_plan_get_region   (DrsoAwsCredentialPlan *self);
const char             *drso_aws_credential_plan_get_endpoint_url
                                                              (DrsoAwsCredentialPlan *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoAwsCredentialPlan, drso_aws_credential_plan_unref)

/* NULL without an error when neither key variable is set. */
DrsoAwsCredentials *drso_aws_credentials_from_environment      (const char * const   *envp,
                                                                GError              **error);

void                drso_aws_run_credential_process_async      (const char           *command,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
void                drso_aws_run_credential_process_full_async (const char           *command,
                                                                guint                 timeout_ms,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
DrsoAwsCredentials *drso_aws_run_credential_process_finish     (GAsyncResult         *result,
                                                                GError              **error);

G_END_DECLS
