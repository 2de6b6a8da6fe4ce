/* drso-types.h
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

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DrsoAccount         DrsoAccount;
typedef struct _DrsoSourceServer    DrsoSourceServer;
typedef struct _DrsoProtectionGroup DrsoProtectionGroup;
typedef struct _DrsoWave            DrsoWave;
typedef struct _DrsoRecoveryPlan    DrsoRecoveryPlan;
typedef struct _DrsoExecution       DrsoExecution;
typedef struct _DrsoWaveRun         DrsoWaveRun;
typedef struct _DrsoServerRun       DrsoServerRun;
typedef struct _DrsoExecutionEvent  DrsoExecutionEvent;
typedef struct _DrsoStore           DrsoStore;

/**
 * DrsoExecutionType:
 * @DRSO_EXECUTION_TYPE_DRILL: a drill: recovery instances are launched for a test and
 *   terminated afterwards
 * @DRSO_EXECUTION_TYPE_RECOVERY: a real recovery
 *
 * What an execution is for. The JSON form is `DRILL` or `RECOVERY`.
 */
typedef enum
{
  DRSO_EXECUTION_TYPE_DRILL,
  DRSO_EXECUTION_TYPE_RECOVERY,
} DrsoExecutionType;

/**
 * DrsoExecutionStatus:
 * @DRSO_EXECUTION_STATUS_PENDING: created, not started yet
 * @DRSO_EXECUTION_STATUS_RUNNING: launching or watching a wave (the seed calls it `POLLING`)
 * @DRSO_EXECUTION_STATUS_PAUSED: waiting for a person to resume it
 * @DRSO_EXECUTION_STATUS_COMPLETED: every wave completed
 * @DRSO_EXECUTION_STATUS_FAILED: a wave failed
 * @DRSO_EXECUTION_STATUS_CANCELLED: cancelled by a person
 *
 * The status of an execution. The JSON form is the upper-case name.
 */
typedef enum
{
  DRSO_EXECUTION_STATUS_PENDING,
  DRSO_EXECUTION_STATUS_RUNNING,
  DRSO_EXECUTION_STATUS_PAUSED,
  DRSO_EXECUTION_STATUS_COMPLETED,
  DRSO_EXECUTION_STATUS_FAILED,
  DRSO_EXECUTION_STATUS_CANCELLED,
} DrsoExecutionStatus;

/**
 * DrsoWaveStatus:
 * @DRSO_WAVE_STATUS_PENDING: not reached yet
 * @DRSO_WAVE_STATUS_PAUSED: waiting for approval before it starts
 * @DRSO_WAVE_STATUS_IN_PROGRESS: its recovery jobs are running
 * @DRSO_WAVE_STATUS_COMPLETED: every critical server launched and passed its checks
 * @DRSO_WAVE_STATUS_FAILED: a critical server failed
 * @DRSO_WAVE_STATUS_SKIPPED: skipped on purpose after a failure
 * @DRSO_WAVE_STATUS_CANCELLED: not run because the execution was cancelled
 *
 * The status of one wave of an execution. The JSON form is the upper-case name.
 */
typedef enum
{
  DRSO_WAVE_STATUS_PENDING,
  DRSO_WAVE_STATUS_PAUSED,
  DRSO_WAVE_STATUS_IN_PROGRESS,
  DRSO_WAVE_STATUS_COMPLETED,
  DRSO_WAVE_STATUS_FAILED,
  DRSO_WAVE_STATUS_SKIPPED,
  DRSO_WAVE_STATUS_CANCELLED,
} DrsoWaveStatus;

/**
 * DrsoLaunchStatus:
 * @DRSO_LAUNCH_STATUS_PENDING: waiting for its recovery job
 * @DRSO_LAUNCH_STATUS_IN_PROGRESS: being launched
 * @DRSO_LAUNCH_STATUS_LAUNCHED: its recovery instance is up
 * @DRSO_LAUNCH_STATUS_FAILED: the launch failed
 * @DRSO_LAUNCH_STATUS_TERMINATED: its recovery instance was terminated
 *
 * The launch state of one server, as DRS reports it (`LaunchStatus`).
 */
typedef enum
{
  DRSO_LAUNCH_STATUS_PENDING,
  DRSO_LAUNCH_STATUS_IN_PROGRESS,
  DRSO_LAUNCH_STATUS_LAUNCHED,
  DRSO_LAUNCH_STATUS_FAILED,
  DRSO_LAUNCH_STATUS_TERMINATED,
} DrsoLaunchStatus;

/**
 * DrsoEventKind:
 * @DRSO_EVENT_KIND_INFO: a plain note
 * @DRSO_EVENT_KIND_WARNING: something went wrong that did not stop the execution
 * @DRSO_EVENT_KIND_ERROR: something went wrong that stopped a wave or the execution
 * @DRSO_EVENT_KIND_EXECUTION_STARTED: the execution started
 * @DRSO_EVENT_KIND_WAVE_STARTED: a wave started
 * @DRSO_EVENT_KIND_JOB_STARTED: a DRS recovery job was started
 * @DRSO_EVENT_KIND_SERVER_CHANGED: a server changed its launch state
 * @DRSO_EVENT_KIND_WAVE_COMPLETED: a wave completed
 * @DRSO_EVENT_KIND_WAVE_FAILED: a wave failed
 * @DRSO_EVENT_KIND_PAUSED: the execution paused
 * @DRSO_EVENT_KIND_RESUMED: the execution was resumed
 * @DRSO_EVENT_KIND_CANCELLED: the execution was cancelled
 * @DRSO_EVENT_KIND_EXECUTION_FINISHED: the execution ended
 *
 * What an execution event records. The JSON form is the upper-case name.
 */
typedef enum
{
  DRSO_EVENT_KIND_INFO,
  DRSO_EVENT_KIND_WARNING,
  DRSO_EVENT_KIND_ERROR,
  DRSO_EVENT_KIND_EXECUTION_STARTED,
  DRSO_EVENT_KIND_WAVE_STARTED,
  DRSO_EVENT_KIND_JOB_STARTED,
  DRSO_EVENT_KIND_SERVER_CHANGED,
  DRSO_EVENT_KIND_WAVE_COMPLETED,
  DRSO_EVENT_KIND_WAVE_FAILED,
  DRSO_EVENT_KIND_PAUSED,
  DRSO_EVENT_KIND_RESUMED,
  DRSO_EVENT_KIND_CANCELLED,
  DRSO_EVENT_KIND_EXECUTION_FINISHED,
} DrsoEventKind;

/**
 * DrsoServerCriticality:
 * @DRSO_SERVER_CRITICALITY_CRITICAL: the wave fails when the server fails to launch or
 *   to pass its checks (the default)
 * @DRSO_SERVER_CRITICALITY_OPTIONAL: a failure of the server is a warning: the wave
 *   goes on without it
 *
 * How much a server of a recovery plan matters to its wave. The JSON form is
 * `CRITICAL` or `OPTIONAL`.
 */
typedef enum
{
  DRSO_SERVER_CRITICALITY_CRITICAL,
  DRSO_SERVER_CRITICALITY_OPTIONAL,
} DrsoServerCriticality;

const char          *drso_execution_type_to_string    (DrsoExecutionType    type);
gboolean             drso_execution_type_from_string  (const char          *str,
                                                       DrsoExecutionType   *type);
const char          *drso_execution_status_to_string  (DrsoExecutionStatus  status);
gboolean             drso_execution_status_from_string (const char          *str,
                                                        DrsoExecutionStatus *status);
gboolean             drso_execution_status_is_final   (DrsoExecutionStatus  status);
const char          *drso_wave_status_to_string       (DrsoWaveStatus       status);
gboolean             drso_wave_status_from_string     (const char          *str,
                                                       DrsoWaveStatus      *status);
const char          *drso_launch_status_to_string     (DrsoLaunchStatus     status);
gboolean             drso_launch_status_from_string   (const char          *str,
                                                       DrsoLaunchStatus    *status);
const char          *drso_event_kind_to_string        (DrsoEventKind        kind);
gboolean             drso_event_kind_from_string      (const char          *str,
                                                       DrsoEventKind       *kind);
const char          *drso_server_criticality_to_string   (DrsoServerCriticality  criticality);
gboolean             drso_server_criticality_from_string (const char            *str,
                                                          DrsoServerCriticality *criticality);

G_END_DECLS
