/* drso-engine-private.h
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

/* Shared by drso-engine.c (the object and its controls), drso-engine-run.c
 * (the state machine of one execution), drso-engine-launch.c (batches,
 * StartRecovery, reconciliation) and drso-engine-monitor.c (DescribeJobs,
 * log items, health checks). */

#pragma once

#include "drso-aws-context.h"
#include "drso-engine.h"

G_BEGIN_DECLS

/* DRS's limits (per account and region). */
#define DRSO_ENGINE_MAX_SERVERS_PER_JOB 100
#define DRSO_ENGINE_MAX_ACTIVE_JOBS     20
#define DRSO_ENGINE_MAX_ACTIVE_SERVERS  500
#define DRSO_ENGINE_HEARTBEAT_SECONDS   10
/* How far before an intent a job may have been created, clocks differing. */
#define DRSO_ENGINE_RECONCILE_SLACK     (2 * 60 * G_USEC_PER_SEC)

struct _DrsoEngine
{
  GObject        parent_instance;

  /* Owned references */
  DrsoStore     *store;
  DrsoAwsClient *client;
  char          *owner;
  GHashTable    *runs;        /* execution id → DrsoEngineRun */
  GHashTable    *providers;   /* account id → DrsoAwsCredentialsProvider */
  guint          requests_id; /* polls for controls asked by other processes */

  double         poll_min_interval;
  double         poll_max_interval;
  double         poll_factor;
  guint          health_timeout;
  gboolean       check_readiness;
  guint          discovery_max_age;  /* seconds; 0: rediscover before every start */
};

typedef enum
{
  RUN_PHASE_WAVE,      /* launching, monitoring, checking health */
  RUN_PHASE_PAUSED,
  RUN_PHASE_DONE,
} RunPhase;

/* One DRS job of the current wave. */
typedef struct
{
  char     *job_id;
  char     *account_id;
  char     *region;
  guint     n_servers;
  gboolean  completed;
  gboolean  log_read;     /* its log was read after it completed */
} RunJob;

/* The driver of one execution, while this engine holds its lease. */
typedef struct
{
  DrsoEngine       *engine;       /* borrowed: the engine owns the run */
  DrsoExecution    *execution;
  DrsoRecoveryPlan *plan;
  GCancellable     *cancellable;
  RunPhase          phase;
  guint             tick_id;
  guint             heartbeat_id;
  gboolean          busy;         /* a tick's calls are under way */
  gboolean          progress;     /* the current tick saw something change */
  gboolean          waiting_logged;
  double            interval;
  gint64            wave_started; /* monotonic, for the health timeout */
  GHashTable       *locations;    /* server id → "account\nregion" */
  GHashTable       *failures;     /* server id → failed launch tries in a row */
  guint             n_errors;     /* polls in a row that failed */
  GPtrArray        *jobs;         /* RunJob of the current wave */
  GQueue            work;         /* RunWork of the current tick */
  GPtrArray        *told;         /* events to store with the next save */
} DrsoEngineRun;

typedef enum
{
  WORK_RECONCILE,
  WORK_LAUNCH,
  WORK_DESCRIBE,
  WORK_LOG,
  WORK_HEALTH,
} RunWorkKind;

typedef struct
{
  RunWorkKind  kind;
  char        *account_id;
  char        *region;
  GPtrArray   *servers;    /* DrsoServerRun, for LAUNCH / RECONCILE / HEALTH */
  char        *job_id;     /* for LOG */
  GPtrArray   *ids;        /* job ids, for DESCRIBE */
} RunWork;

/* One AWS call of a run. The run may be gone when it answers: the callback
 * checks the cancellable (cancelled when the run is freed) first. */
typedef struct
{
  DrsoEngineRun  *run;
  GCancellable   *cancellable;
  RunWork        *work;
  DrsoAwsContext *context;
} RunCall;

/* drso-engine.c */
void            _drso_engine_emit_execution_changed (DrsoEngine          *self,
                                                     const char          *execution_id);
void            _drso_engine_emit_wave_started      (DrsoEngine          *self,
                                                     const char          *execution_id,
                                                     guint                wave_number);
void            _drso_engine_emit_wave_completed    (DrsoEngine          *self,
                                                     const char          *execution_id,
                                                     guint                wave_number,
                                                     DrsoWaveStatus       status);
void            _drso_engine_emit_paused            (DrsoEngine          *self,
                                                     const char          *execution_id,
                                                     guint                wave_number);
void            _drso_engine_emit_server_changed    (DrsoEngine          *self,
                                                     const char          *execution_id,
                                                     guint                wave_number,
                                                     const char          *server_id);
void            _drso_engine_emit_execution_finished (DrsoEngine         *self,
                                                      const char         *execution_id,
                                                      DrsoExecutionStatus status);
void            _drso_engine_emit_stalled           (DrsoEngine          *self,
                                                     const char          *execution_id,
                                                     const char          *message);
void            _drso_engine_get_context_async      (DrsoEngine          *self,
                                                     const char          *account_id,
                                                     const char          *region,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
DrsoAwsContext *_drso_engine_get_context_finish     (GAsyncResult        *result,
                                                     GError             **error);
void            _drso_engine_capacity               (DrsoEngine          *self,
                                                     const char          *account_id,
                                                     const char          *region,
                                                     guint               *n_jobs,
                                                     guint               *n_servers);

/* drso-engine-run.c */
DrsoEngineRun  *_drso_engine_run_new                (DrsoEngine          *engine,
                                                     DrsoExecution       *execution,
                                                     DrsoRecoveryPlan    *plan);
void            _drso_engine_run_free               (DrsoEngineRun       *run);
void            _drso_engine_run_start              (DrsoEngineRun       *run);
void            _drso_engine_watch_requests         (DrsoEngine          *self);
void            _drso_engine_run_tell_wave_started  (DrsoEngineRun       *run,
                                                     DrsoWaveRun         *wave_run);
gboolean        _drso_engine_run_save               (DrsoEngineRun       *run);
gboolean        _drso_engine_run_save_checked       (DrsoEngineRun       *run,
                                                     GError             **error);
void            _drso_engine_run_event              (DrsoEngineRun       *run,
                                                     DrsoEventKind        kind,
                                                     guint                wave_number,
                                                     const char          *server_id,
                                                     const char          *format,
                                                     ...) G_GNUC_PRINTF (5, 6);
void            _drso_engine_run_tell               (DrsoEngineRun       *run,
                                                     DrsoEventKind        kind,
                                                     guint                wave_number,
                                                     const char          *server_id,
                                                     const char          *format,
                                                     ...) G_GNUC_PRINTF (5, 6);
void            _drso_engine_run_aws_error          (DrsoEngineRun       *run,
                                                     guint                wave_number,
                                                     const char          *what,
                                                     const GError        *error);
void            _drso_engine_run_schedule           (DrsoEngineRun       *run,
                                                     double               seconds);
void            _drso_engine_run_next_work          (DrsoEngineRun       *run);
void            _drso_engine_run_fail_wave          (DrsoEngineRun       *run,
                                                     const char          *message);
void            _drso_engine_run_finish             (DrsoEngineRun       *run,
                                                     DrsoExecutionStatus  status,
                                                     const char          *message);
void            _drso_engine_run_enter_wave         (DrsoEngineRun       *run);
void            _drso_engine_run_complete_wave      (DrsoEngineRun       *run);
RunCall        *_drso_engine_run_call_new           (DrsoEngineRun       *run,
                                                     RunWork             *work);
gboolean        _drso_engine_run_call_gone          (RunCall             *call);
void            _drso_engine_run_call_free          (RunCall             *call);
char           *_drso_engine_format_time            (gint64               time_us);
DrsoWaveRun    *_drso_engine_run_current_wave       (DrsoEngineRun       *run);
void            _drso_engine_run_locate             (DrsoEngineRun       *run,
                                                     const char          *server_id,
                                                     char               **account_id,
                                                     char               **region);
void            _drso_engine_run_server_changed     (DrsoEngineRun       *run,
                                                     DrsoServerRun       *server);
RunWork        *_drso_engine_run_work_new           (RunWorkKind          kind,
                                                     const char          *account_id,
                                                     const char          *region);
void            _drso_engine_run_work_free          (RunWork             *work);
RunJob         *_drso_engine_run_find_job           (DrsoEngineRun       *run,
                                                     const char          *job_id);
RunJob         *_drso_engine_run_add_job            (DrsoEngineRun       *run,
                                                     const char          *job_id,
                                                     const char          *account_id,
                                                     const char          *region,
                                                     guint                n_servers);

/* drso-engine-launch.c */
void            _drso_engine_launch_plan            (DrsoEngineRun       *run);
void            _drso_engine_launch_dispatch        (DrsoEngineRun       *run,
                                                     RunWork             *work);

/* drso-engine-monitor.c */
void            _drso_engine_monitor_plan           (DrsoEngineRun       *run);
void            _drso_engine_monitor_dispatch       (DrsoEngineRun       *run,
                                                     RunWork             *work);
void            _drso_engine_monitor_evaluate       (DrsoEngineRun       *run);

G_END_DECLS
