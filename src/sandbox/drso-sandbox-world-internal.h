/* drso-sandbox-world-internal.h
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

#include <sqlite3.h>

#include "drso-sandbox-world-private.h"

G_BEGIN_DECLS

/* What the files of the world share: drso-sandbox-world.c (opening,
 * storage, clock, errors), drso-sandbox-keys.c (accounts, keys, sessions),
 * drso-sandbox-estate.c (draws and IDs, source servers, snapshots,
 * networks), drso-sandbox-jobs.c (job timelines), drso-sandbox-instances.c
 * (recovery and EC2 instances), and the DRS operations:
 * drso-sandbox-drs.c (table, wire helpers, servers, snapshots, tags),
 * drso-sandbox-drs-jobs.c and drso-sandbox-drs-config.c.
 *
 * Every instant is in µs on the world clock. The source servers are not
 * stored: they are generated again from the seed and the estate size each
 * time the world opens, with their times relative to the world's creation.
 * Only what calls change is stored: jobs, EC2 terminations, launch
 * configurations and sessions. */

#define DRSO_SANDBOX_USEC_PER_MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
#define DRSO_SANDBOX_USEC_PER_HOUR   (60 * DRSO_SANDBOX_USEC_PER_MINUTE)
#define DRSO_SANDBOX_USEC_PER_DAY    (24 * DRSO_SANDBOX_USEC_PER_HOUR)

/* The end of a phase that never ends. */
#define DRSO_SANDBOX_NEVER G_MAXINT64

/* Accounts */

typedef struct
{
  const char *account_id;
  const char *name;
  const char *external_id;   /* NULL for the primary account */
  guint       network;       /* second octet of the VPC's 10.x.0.0/16 */
} DrsoSandboxAccountInfo;

extern const DrsoSandboxAccountInfo _drso_sandbox_accounts[];
extern const guint _drso_sandbox_n_accounts;

#define DRSO_SANDBOX_ROLE_NAME "DrsoRecoveryRole"
#define DRSO_SANDBOX_N_ZONES   3

const DrsoSandboxAccountInfo *_drso_sandbox_find_account (const char *account_id);

/* Source servers */

typedef struct
{
  const char *device_name;
  gint64      bytes;
} DrsoSandboxDisk;

typedef struct
{
  char       *server_id;
  const char *account_id;
  char       *hostname;
  char       *fqdn;
  char       *hardware_id;        /* vmWareUuid, or the EC2 instance of an AWS source */
  char       *private_ip;
  char       *mac_address;
  JsonObject *tags;
  const char *os;
  const char *cpu_model;
  const char *instance_type;      /* the recommended one */
  const char *replication_state;  /* CONTINUOUS, BACKLOG, STALLED, DISCONNECTED */
  gboolean    windows;
  gboolean    aws_origin;
  guint       zone;               /* its availability zone and recovery subnet */
  guint       cores;
  gint64      ram_bytes;
  guint       n_disks;
  DrsoSandboxDisk disks[3];
  gint64      lag;                /* of a server that replicates */
  /* Relative to the world's creation (all negative): */
  gint64      added;
  gint64      first_byte;
  gint64      stopped;            /* when replication stopped; 0 while it goes on */
} DrsoSandboxServer;

typedef struct
{
  char   snapshot_id[22];
  gint64 expected;                /* the policy's instant */
  gint64 taken;                   /* when it completed */
} DrsoSandboxSnapshot;

GPtrArray        *_drso_sandbox_estate_new         (guint64                  seed,
                                                    guint                    size);
void              _drso_sandbox_server_free        (DrsoSandboxServer       *server);
/* The server's point-in-time snapshots at @now (element-type
 * DrsoSandboxSnapshot), oldest first. */
GArray           *_drso_sandbox_server_snapshots   (DrsoSandboxWorld        *world,
                                                    const DrsoSandboxServer *server,
                                                    gint64                   now);
gboolean          _drso_sandbox_server_replicates  (const DrsoSandboxServer *server);

/* Networks: a VPC per account with a staging subnet, a recovery subnet per
 * availability zone and four security groups. */
char             *_drso_sandbox_vpc_id             (DrsoSandboxWorld        *world,
                                                    const char              *account_id);
/* @zone -1 is the staging subnet. */
char             *_drso_sandbox_subnet_id          (DrsoSandboxWorld        *world,
                                                    const char              *account_id,
                                                    int                      zone);
char             *_drso_sandbox_zone_name          (DrsoSandboxWorld        *world,
                                                    guint                    zone);

/* Jobs */

typedef enum
{
  DRSO_SANDBOX_JOB_LAUNCH,
  DRSO_SANDBOX_JOB_TERMINATE,
} DrsoSandboxJobType;

typedef enum
{
  DRSO_SANDBOX_OUTCOME_LAUNCHED,
  DRSO_SANDBOX_OUTCOME_FAILED,
  DRSO_SANDBOX_OUTCOME_STALLED,
} DrsoSandboxOutcome;

typedef enum
{
  DRSO_SANDBOX_LAUNCH_PENDING,
  DRSO_SANDBOX_LAUNCH_IN_PROGRESS,
  DRSO_SANDBOX_LAUNCH_LAUNCHED,
  DRSO_SANDBOX_LAUNCH_FAILED,
  DRSO_SANDBOX_LAUNCH_TERMINATED,
} DrsoSandboxLaunchStatus;

typedef struct _DrsoSandboxJob DrsoSandboxJob;
typedef struct _DrsoSandboxRecovery DrsoSandboxRecovery;

/* One server of a job, with the durations drawn for it (real µs). In a
 * LAUNCH job, @instance_id is the recovery instance it creates and
 * @cleanup how long the instance it replaces takes to terminate; in a
 * TERMINATE job, @instance_id is the instance it terminates and @cleanup
 * how long that takes. */
typedef struct
{
  DrsoSandboxJob    *job;
  DrsoSandboxServer *server;
  char              *instance_id;
  char              *conversion_server_id;
  char              *snapshot_id;       /* an earlier snapshot to launch from, or NULL */
  gint64             point_in_time;     /* that snapshot's time */
  gint64             begin;             /* after the job starts */
  gint64             snapshot;
  gint64             conversion;
  gint64             launch;
  gint64             boot;
  gint64             checks;
  gint64             cleanup;
  DrsoSandboxOutcome outcome;
  /* The launch configuration when the job was created: */
  char              *name;
  char              *private_ip;
  gboolean           copy_tags;
  gboolean           stopped;
} DrsoSandboxJobServer;

struct _DrsoSandboxJob
{
  char              *job_id;
  char              *account_id;
  DrsoSandboxJobType type;
  gboolean           is_drill;
  gint64             sequence;
  gint64             created;
  gint64             pending;           /* until it starts */
  gint64             finish;            /* from its last server to its end */
  JsonObject        *tags;
  GPtrArray         *servers;           /* DrsoSandboxJobServer */
};

typedef struct
{
  gint64                time;
  const char           *event;
  DrsoSandboxJobServer *server;         /* NULL for JOB_START and JOB_END */
} DrsoSandboxLogEvent;

void              _drso_sandbox_job_free           (DrsoSandboxJob          *job);
gint64            _drso_sandbox_job_start          (const DrsoSandboxJob    *job);
gint64            _drso_sandbox_job_end            (const DrsoSandboxJob    *job);
const char       *_drso_sandbox_job_status         (const DrsoSandboxJob    *job,
                                                    gint64                   now);
/* When the server's part ends (DRSO_SANDBOX_NEVER if it stalls). */
gint64            _drso_sandbox_job_server_end     (const DrsoSandboxJobServer *js);
/* When a launch's conversion starts. */
gint64            _drso_sandbox_job_server_conversion (const DrsoSandboxJobServer *js);
/* The point in time a launch recovers (its own snapshot or the earlier one). */
gint64            _drso_sandbox_job_server_point_in_time (const DrsoSandboxJobServer *js);
DrsoSandboxLaunchStatus _drso_sandbox_job_server_status (DrsoSandboxWorld   *world,
                                                    const DrsoSandboxJobServer *js,
                                                    gint64                   now);
const char       *_drso_sandbox_launch_status_name (DrsoSandboxLaunchStatus  status);
/* The job's log up to @now (element-type DrsoSandboxLogEvent), in time order. */
GArray           *_drso_sandbox_job_log            (const DrsoSandboxJob    *job,
                                                    gint64                   now);
char             *_drso_sandbox_job_raw_error      (const DrsoSandboxJobServer *js);

/* Creating jobs: the checks of DRS, then one transaction. */
typedef struct
{
  const char *server_id;
  const char *snapshot_id;             /* nullable */
} DrsoSandboxLaunchRequest;

DrsoSandboxJob   *_drso_sandbox_start_recovery     (DrsoSandboxWorld         *world,
                                                    const char               *account_id,
                                                    const DrsoSandboxLaunchRequest *requests,
                                                    guint                     n_requests,
                                                    gboolean                  is_drill,
                                                    JsonObject               *tags,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
DrsoSandboxJob   *_drso_sandbox_terminate_recoveries (DrsoSandboxWorld       *world,
                                                    const char               *account_id,
                                                    const char * const       *instance_ids,
                                                    guint                     n_ids,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
/* Reads the stored jobs into the world's indexes. */
gboolean          _drso_sandbox_jobs_load          (DrsoSandboxWorld        *world,
                                                    GError                 **error);
/* The latest LAUNCH job server of @server_id, or NULL. */
DrsoSandboxJobServer *_drso_sandbox_last_launch    (DrsoSandboxWorld        *world,
                                                    const char              *server_id);

/* Recovery instances: one per successful launch, in the order of the
 * launches. Each ends (terminates) by the earliest of: an EC2
 * TerminateInstances, a TERMINATE job, the next successful launch of its
 * server. */
typedef enum
{
  DRSO_SANDBOX_INSTANCE_ABSENT,
  DRSO_SANDBOX_INSTANCE_PENDING,
  DRSO_SANDBOX_INSTANCE_RUNNING,
  DRSO_SANDBOX_INSTANCE_STOPPED,
  DRSO_SANDBOX_INSTANCE_SHUTTING_DOWN,
  DRSO_SANDBOX_INSTANCE_TERMINATED,
} DrsoSandboxInstanceState;

struct _DrsoSandboxRecovery
{
  DrsoSandboxJobServer *launch;
  DrsoSandboxJobServer *cleanup;         /* the TERMINATE job's server, or NULL */
  DrsoSandboxJobServer *successor;       /* the next successful launch, or NULL */
  gint64                ec2_start;       /* EC2 TerminateInstances; 0 */
  gint64                ec2_duration;
};

void              _drso_sandbox_index_job          (DrsoSandboxWorld        *world,
                                                    DrsoSandboxJob          *job);
gint64            _drso_sandbox_recovery_launched  (const DrsoSandboxRecovery *recovery);
DrsoSandboxInstanceState _drso_sandbox_recovery_state (const DrsoSandboxRecovery *recovery,
                                                    gint64                   now);
/* Whether DRS lists it at @now: launched, and not yet removed by a
 * TERMINATE job or a later launch. */
gboolean          _drso_sandbox_recovery_listed    (const DrsoSandboxRecovery *recovery,
                                                    gint64                   now);
/* The recovery instance of @server_id that DRS lists at @now, or NULL. */
DrsoSandboxRecovery *_drso_sandbox_current_recovery (DrsoSandboxWorld       *world,
                                                    const char              *server_id,
                                                    gint64                   now);
const char       *_drso_sandbox_instance_state_drs_name (DrsoSandboxInstanceState state);
/* The tags of the EC2 instance. */
JsonObject       *_drso_sandbox_recovery_tags      (const DrsoSandboxRecovery *recovery);
gboolean          _drso_sandbox_load_terminations  (DrsoSandboxWorld        *world,
                                                    GError                 **error);

/* The world */

struct _DrsoSandboxWorld
{
  GRecMutex   lock;
  sqlite3    *db;
  GHashTable *statements;               /* SQL → sqlite3_stmt */
  char       *path;

  /* Fixed when the world was created */
  char       *region;
  guint64     seed;
  guint       estate_size;
  gint64      created;

  double      time_scale;
  gint64      clock_offset;
  gint64      id_counter;
  GStrv       failing_servers;
  GStrv       stalling_servers;

  /* The estate */
  GPtrArray  *servers;                  /* DrsoSandboxServer, by ID */
  GHashTable *servers_by_id;

  /* What changed, as stored */
  GPtrArray  *jobs;                     /* DrsoSandboxJob, by creation */
  GHashTable *jobs_by_id;
  GHashTable *launches;                 /* server ID → GPtrArray of its DrsoSandboxJobServer
                                         * in LAUNCH jobs */
  GPtrArray  *recoveries;               /* DrsoSandboxRecovery, by launch */
  GHashTable *recoveries_by_id;         /* instance ID → DrsoSandboxRecovery */
  GHashTable *latest_recovery;          /* server ID → DrsoSandboxRecovery */
  GHashTable *launch_configurations;    /* server ID → JsonObject of overrides */
  GHashTable *sessions;                 /* access key ID → DrsoSandboxIdentity */

  /* Parts of answers that never change, shared */
  JsonArray  *initiation_steps;
};

/* Storage (drso-sandbox-world.c). Errors are INTERNAL with SQLite's message. */
sqlite3_stmt     *_drso_sandbox_world_prepare      (DrsoSandboxWorld        *world,
                                                    const char              *sql,
                                                    GError                 **error);
gboolean          _drso_sandbox_world_step_done    (DrsoSandboxWorld        *world,
                                                    sqlite3_stmt            *stmt,
                                                    GError                 **error);
gboolean          _drso_sandbox_world_storage_error (DrsoSandboxWorld       *world,
                                                    GError                 **error);
gboolean          _drso_sandbox_world_begin        (DrsoSandboxWorld        *world,
                                                    GError                 **error);
gboolean          _drso_sandbox_world_commit       (DrsoSandboxWorld        *world,
                                                    GError                 **error);
void              _drso_sandbox_world_rollback     (DrsoSandboxWorld        *world);
/* Mints the next ID of the world's sequence; save_counter stores it. */
char             *_drso_sandbox_world_next_id      (DrsoSandboxWorld        *world,
                                                    const char              *prefix);
gboolean          _drso_sandbox_world_save_counter (DrsoSandboxWorld        *world,
                                                    GError                 **error);
/* Real µs of a simulated duration, at the current time scale. */
gint64            _drso_sandbox_world_scale        (DrsoSandboxWorld        *world,
                                                    double                   seconds);
gboolean          _drso_sandbox_world_server_matches (const char * const    *names,
                                                    const DrsoSandboxServer *server);
DrsoSandboxServer *_drso_sandbox_world_find_server (DrsoSandboxWorld        *world,
                                                    const char              *account_id,
                                                    const char              *server_id);

/* Sessions (drso-sandbox-keys.c). */
gboolean          _drso_sandbox_keys_load          (DrsoSandboxWorld        *world,
                                                    GError                 **error);

/* Launch configurations (drso-sandbox-drs-config.c): the server's, with
 * the stored overrides. */
JsonObject       *_drso_sandbox_launch_configuration (DrsoSandboxWorld      *world,
                                                    const DrsoSandboxServer *server);
gboolean          _drso_sandbox_launch_configurations_load (DrsoSandboxWorld *world,
                                                    GError                 **error);

/* Draws and IDs derived from the seed (drso-sandbox-estate.c). */
char             *_drso_sandbox_hash_id            (const char              *prefix,
                                                    guint64                  seed,
                                                    const char              *format,
                                                    ...) G_GNUC_PRINTF (3, 4);
GRand            *_drso_sandbox_rand_new           (guint64                  seed,
                                                    const char              *format,
                                                    ...) G_GNUC_PRINTF (2, 3);
/* A draw in [low, high], most often in the lower third. */
double            _drso_sandbox_draw               (GRand                   *rand,
                                                    double                   low,
                                                    double                   high);

/* The DRS wire (drso-sandbox-drs.c): times, ARNs, input members and
 * pages. Items of a list are sorted by a unique key; a nextToken holds the
 * key of the last item given. */
typedef struct
{
  guint  start;
  guint  end;
  char  *next_token;                    /* NULL on the last page */
} DrsoSandboxPage;

char             *_drso_sandbox_format_time        (gint64                   time);
void              _drso_sandbox_take_string_member (JsonObject              *object,
                                                    const char              *name,
                                                    char                    *value);
void              _drso_sandbox_set_time_member    (JsonObject              *object,
                                                    const char              *name,
                                                    gint64                   time);
char             *_drso_sandbox_arn                (DrsoSandboxWorld        *world,
                                                    const char              *account_id,
                                                    const char              *kind,
                                                    const char              *id);
const char       *_drso_sandbox_input_string       (JsonObject              *input,
                                                    const char              *name);
JsonArray        *_drso_sandbox_input_array        (JsonObject              *input,
                                                    const char              *name);
JsonObject       *_drso_sandbox_input_object       (JsonObject              *input,
                                                    const char              *name);
/* Whether @array (of strings, nullable) is empty or holds @value. */
gboolean          _drso_sandbox_filter_matches     (JsonArray               *array,
                                                    const char              *value);
gboolean          _drso_sandbox_input_time         (JsonObject              *filters,
                                                    const char              *name,
                                                    gint64                  *time,
                                                    GError                 **error,
                                                    DrsoSandboxErrorDetails **details);
/* @keys: the sorted items' keys (element-type utf8). */
gboolean          _drso_sandbox_page               (JsonObject              *input,
                                                    const char              *kind,
                                                    GPtrArray               *keys,
                                                    gboolean                 descending,
                                                    DrsoSandboxPage         *page,
                                                    GError                 **error,
                                                    DrsoSandboxErrorDetails **details);
/* A node that takes @object. */
JsonNode         *_drso_sandbox_object_node        (JsonObject              *object);
/* {items, nextToken}; frees the page's token. */
JsonNode         *_drso_sandbox_page_answer        (JsonArray               *items,
                                                    DrsoSandboxPage         *page);
/* A deep copy. */
JsonObject       *_drso_sandbox_copy_object        (JsonObject              *object);
/* The server that @input's sourceServerID names, or NOT_FOUND. */
DrsoSandboxServer *_drso_sandbox_input_server      (DrsoSandboxWorld         *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);

/* The operations on jobs and recovery instances (drso-sandbox-drs-jobs.c). */
JsonNode         *_drso_sandbox_drs_start_recovery (DrsoSandboxWorld         *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
JsonNode         *_drso_sandbox_drs_describe_jobs  (DrsoSandboxWorld         *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
JsonNode         *_drso_sandbox_drs_describe_job_log_items (DrsoSandboxWorld *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
JsonNode         *_drso_sandbox_drs_describe_recovery_instances (DrsoSandboxWorld *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
JsonNode         *_drso_sandbox_drs_terminate_recovery_instances (DrsoSandboxWorld *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
/* The operations on configurations (drso-sandbox-drs-config.c). */
JsonNode         *_drso_sandbox_drs_get_launch_configuration (DrsoSandboxWorld *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
JsonNode         *_drso_sandbox_drs_update_launch_configuration (DrsoSandboxWorld *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
JsonNode         *_drso_sandbox_drs_get_replication_configuration (DrsoSandboxWorld *world,
                                                    const char               *account_id,
                                                    JsonObject               *input,
                                                    GError                  **error,
                                                    DrsoSandboxErrorDetails **details);
/* The tags of a job or recovery instance the account can see, or NULL. */
JsonObject       *_drso_sandbox_drs_resource_tags  (DrsoSandboxWorld         *world,
                                                    const char               *account_id,
                                                    const char               *kind,
                                                    const char               *id);

/* Errors with details. */
void              _drso_sandbox_set_quota_error    (GError                 **error,
                                                    DrsoSandboxErrorDetails **details,
                                                    const char              *quota_code,
                                                    const char              *resource_type,
                                                    const char              *format,
                                                    ...) G_GNUC_PRINTF (5, 6);
void              _drso_sandbox_set_validation_error (GError               **error,
                                                    DrsoSandboxErrorDetails **details,
                                                    const char              *field,
                                                    const char              *format,
                                                    ...) G_GNUC_PRINTF (4, 5);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxInstance, drso_sandbox_instance_free)

G_END_DECLS
