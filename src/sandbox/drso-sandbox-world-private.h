/* drso-sandbox-world-private.h
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

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The simulated region's state: accounts and their keys, source servers,
 * recovery jobs, recovery instances and EC2 instances, kept in one SQLite
 * file (or in memory).
 *
 * Time: every instant is in microseconds on the world clock, which is the
 * wall clock plus an offset that tests may advance. A job is stored as its
 * creation time and the durations drawn for it; its state at any instant
 * is computed from those, so a world reopened later finds each job where
 * time says it is. Durations are drawn in simulated seconds and divided by
 * the time scale when the job is created.
 *
 * The DRS operations answer in the service's JSON shapes (rest-json). The
 * EC2 and STS operations use the plain structures below, which the query
 * services write as XML. */

#define DRSO_SANDBOX_ERROR (drso_sandbox_error_quark ())

/* Errors of the simulated services. Each names an AWS error; the services
 * choose the exact code for their protocol. */
typedef enum
{
  DRSO_SANDBOX_ERROR_VALIDATION,     /* DRS ValidationException (400); EC2 InvalidParameterValue */
  DRSO_SANDBOX_ERROR_NOT_FOUND,      /* ResourceNotFoundException (404); EC2 Invalid*.NotFound */
  DRSO_SANDBOX_ERROR_CONFLICT,       /* ConflictException (409) */
  DRSO_SANDBOX_ERROR_QUOTA,          /* ServiceQuotaExceededException (402) */
  DRSO_SANDBOX_ERROR_ACCESS_DENIED,  /* AccessDeniedException / AccessDenied (403) */
  DRSO_SANDBOX_ERROR_INTERNAL,       /* InternalServerException (500): storage failed */
} DrsoSandboxError;

/* Details an AWS error carries beside its message (all nullable). */
typedef struct
{
  char *resource_id;
  char *resource_type;     /* "SOURCE_SERVER", "JOB", "RECOVERY_INSTANCE", "RECOVERY_SNAPSHOT", … */
  char *quota_code;        /* ServiceQuotaExceededException */
  char *service_code;      /* "drs" */
  char *reason;            /* ValidationException: "fieldValidationFailed", "other", … */
  JsonNode *field_list;    /* ValidationException: [{name, message}] */
} DrsoSandboxErrorDetails;

typedef struct _DrsoSandboxWorld DrsoSandboxWorld;

/* Settings fixed when the world opens. */
typedef struct
{
  const char *region;          /* "us-east-1" */
  guint64     seed;            /* draws of the estate, ids and durations */
  double      time_scale;      /* >= 1: simulated seconds per real second */
  guint       estate_size;     /* 0: the demo estate; else N generated servers */
} DrsoSandboxWorldOptions;

/* Faults about particular servers, by source server ID or hostname. They
 * apply to jobs created after they are set. */
typedef struct
{
  const char * const *failing_servers;  /* LAUNCH_FAILED after the launch phase */
  const char * const *stalling_servers; /* stay IN_PROGRESS (conversion never ends) */
} DrsoSandboxServerFaults;

/* An account of the simulated organisation. The primary account holds the
 * DRS estate and the Sandbox's own keys; the recovery targets are reached
 * through AssumeRole with role_arn and external_id. */
typedef struct
{
  char    *account_id;
  char    *name;
  char    *role_arn;       /* nullable: the role others assume into it */
  char    *external_id;    /* nullable */
  gboolean primary;
} DrsoSandboxAccount;

/* Who signed a request: a configured key or an AssumeRole session. */
typedef struct
{
  char   *access_key_id;
  char   *secret_access_key;
  char   *session_token;   /* NULL for long-term keys */
  char   *account_id;
  char   *arn;             /* arn:aws:iam::A:user/… or arn:aws:sts::A:assumed-role/R/S */
  char   *user_id;         /* AIDA… or AROA…:session */
  gint64  expiration;      /* µs; 0 for long-term keys */
} DrsoSandboxIdentity;

/* An EC2 instance launched by a recovery, at the instant it is read. */
typedef struct
{
  char       *instance_id;         /* equals the recovery instance ID */
  char       *account_id;
  char       *source_server_id;
  char       *job_id;
  char       *instance_type;
  char       *availability_zone;
  char       *subnet_id;
  char       *vpc_id;
  char       *private_ip;
  char       *image_id;
  gboolean    is_drill;
  gint64      launch_time;         /* µs */
  const char *state;               /* pending, running, shutting-down, terminated */
  guint       state_code;          /* 0, 16, 32, 48 */
  const char *status;              /* instance and system status: initializing, ok, not-applicable */
  JsonObject *tags;                /* string → string */
} DrsoSandboxInstance;

typedef struct
{
  char    *subnet_id;
  char    *vpc_id;
  char    *account_id;
  char    *availability_zone;
  char    *cidr_block;
  guint    available_ips;
  gboolean default_for_az;
  JsonObject *tags;
} DrsoSandboxSubnet;

typedef struct
{
  char       *group_id;
  char       *group_name;
  char       *description;
  char       *vpc_id;
  char       *account_id;
  JsonObject *tags;
} DrsoSandboxSecurityGroup;

GQuark            drso_sandbox_error_quark            (void);
void              drso_sandbox_error_details_free     (DrsoSandboxErrorDetails *details);

/* Sets @error (if not NULL) and @details (if not NULL, freshly allocated). */
void              drso_sandbox_set_error              (GError                 **error,
                                                       DrsoSandboxErrorDetails **details,
                                                       DrsoSandboxError         code,
                                                       const char              *resource_id,
                                                       const char              *resource_type,
                                                       const char              *format,
                                                       ...) G_GNUC_PRINTF (6, 7);

/* Opening. @path NULL keeps the world in memory. A new file is filled with
 * the estate of @options; an existing one keeps its own estate, seed and
 * clock offset and ignores those of @options (its time scale applies to
 * jobs created from now on). */
DrsoSandboxWorld *drso_sandbox_world_open             (const char                     *path,
                                                       const DrsoSandboxWorldOptions  *options,
                                                       GError                        **error);
void              drso_sandbox_world_free             (DrsoSandboxWorld               *world);
const char       *drso_sandbox_world_get_region       (DrsoSandboxWorld               *world);
guint64           drso_sandbox_world_get_seed         (DrsoSandboxWorld               *world);
double            drso_sandbox_world_get_time_scale   (DrsoSandboxWorld               *world);
void              drso_sandbox_world_set_time_scale   (DrsoSandboxWorld               *world,
                                                       double                          time_scale);
void              drso_sandbox_world_set_server_faults (DrsoSandboxWorld              *world,
                                                       const DrsoSandboxServerFaults  *faults);

/* The clock: g_get_real_time () plus the stored offset. */
gint64            drso_sandbox_world_now              (DrsoSandboxWorld               *world);
void              drso_sandbox_world_advance          (DrsoSandboxWorld               *world,
                                                       gint64                          microseconds);

/* Accounts (element-type DrsoSandboxAccount, primary first). */
GPtrArray        *drso_sandbox_world_list_accounts    (DrsoSandboxWorld               *world);
void              drso_sandbox_account_free           (DrsoSandboxAccount             *account);

/* Keys and sessions. The world has one long-term key of the primary
 * account from the start: DRSO_SANDBOX_ACCESS_KEY_ID and
 * DRSO_SANDBOX_SECRET_ACCESS_KEY (drso-sandbox.h). */
DrsoSandboxIdentity *drso_sandbox_world_lookup_key    (DrsoSandboxWorld               *world,
                                                       const char                     *access_key_id);
void              drso_sandbox_identity_free          (DrsoSandboxIdentity            *identity);
/* AssumeRole: @role_arn must be a target account's role and @external_id
 * its external ID (ACCESS_DENIED otherwise). Returns a new session. */
DrsoSandboxIdentity *drso_sandbox_world_assume_role   (DrsoSandboxWorld               *world,
                                                       const DrsoSandboxIdentity      *caller,
                                                       const char                     *role_arn,
                                                       const char                     *external_id,
                                                       const char                     *session_name,
                                                       guint                           duration_seconds,
                                                       GError                        **error);

/* DRS. Each takes the caller's account and the request's JSON members (as
 * the service model names them, already checked against the model; URI
 * labels merged in) and returns the response's JSON object, or NULL with
 * @error and @details set. */
typedef JsonNode *(*DrsoSandboxDrsOperation) (DrsoSandboxWorld         *world,
                                              const char               *account_id,
                                              JsonObject               *input,
                                              GError                  **error,
                                              DrsoSandboxErrorDetails **details);

/* The operation called @name ("DescribeSourceServers", …), or NULL. */
DrsoSandboxDrsOperation drso_sandbox_drs_lookup       (const char                     *name);

/* EC2 (element-type DrsoSandboxInstance etc.). @instance_ids NULL or empty
 * lists all of the account's instances; an unknown ID is NOT_FOUND. */
GPtrArray        *drso_sandbox_world_list_instances   (DrsoSandboxWorld               *world,
                                                       const char                     *account_id,
                                                       const char * const             *instance_ids,
                                                       GError                        **error);
/* Starts terminating the instances; returns them in their new state, with
 * their previous state in @previous_states (element-type utf8). */
GPtrArray        *drso_sandbox_world_terminate_instances (DrsoSandboxWorld             *world,
                                                       const char                     *account_id,
                                                       const char * const             *instance_ids,
                                                       GPtrArray                     **previous_states,
                                                       GError                        **error);
GPtrArray        *drso_sandbox_world_list_subnets     (DrsoSandboxWorld               *world,
                                                       const char                     *account_id);
GPtrArray        *drso_sandbox_world_list_security_groups (DrsoSandboxWorld           *world,
                                                       const char                     *account_id);
void              drso_sandbox_instance_free          (DrsoSandboxInstance            *instance);
void              drso_sandbox_subnet_free            (DrsoSandboxSubnet              *subnet);
void              drso_sandbox_security_group_free    (DrsoSandboxSecurityGroup       *group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxWorld, drso_sandbox_world_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxIdentity, drso_sandbox_identity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxErrorDetails, drso_sandbox_error_details_free)

G_END_DECLS
