/* drso-engine.h
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

#include "drso-aws-client.h"
#include "drso-store.h"

G_BEGIN_DECLS

/**
 * DRSO_ENGINE_ERROR:
 *
 * The error domain of #DrsoEngine.
 */
#define DRSO_ENGINE_ERROR (drso_engine_error_quark ())

/**
 * DrsoEngineError:
 * @DRSO_ENGINE_ERROR_NO_SERVERS: the plan's protection groups match no
 *   discovered server
 * @DRSO_ENGINE_ERROR_WRONG_STATE: the execution is not in a state that
 *   allows the control (resuming one that is not paused, …)
 * @DRSO_ENGINE_ERROR_NOT_READY: the readiness check of the plan found
 *   blockers (its verdict is %DRSO_READINESS_VERDICT_NO_GO), so the
 *   execution was not started; see #DrsoEngine:check-readiness
 *
 * Errors of the engine's own; the store, AWS and permission errors keep
 * their domains.
 */
typedef enum
{
  DRSO_ENGINE_ERROR_NO_SERVERS,
  DRSO_ENGINE_ERROR_WRONG_STATE,
  DRSO_ENGINE_ERROR_NOT_READY,
} DrsoEngineError;

GQuark drso_engine_error_quark (void);

/**
 * DrsoEngineControl:
 * @DRSO_ENGINE_CONTROL_PAUSE: drso_engine_pause()
 * @DRSO_ENGINE_CONTROL_RESUME: drso_engine_resume()
 * @DRSO_ENGINE_CONTROL_CANCEL: drso_engine_cancel()
 * @DRSO_ENGINE_CONTROL_RETRY_WAVE: drso_engine_retry_wave()
 * @DRSO_ENGINE_CONTROL_SKIP_WAVE: drso_engine_skip_wave()
 *
 * The controls of a running execution, for drso_engine_control() and
 * drso_engine_request_async().
 */
typedef enum
{
  DRSO_ENGINE_CONTROL_PAUSE,
  DRSO_ENGINE_CONTROL_RESUME,
  DRSO_ENGINE_CONTROL_CANCEL,
  DRSO_ENGINE_CONTROL_RETRY_WAVE,
  DRSO_ENGINE_CONTROL_SKIP_WAVE,
} DrsoEngineControl;

/**
 * DRSO_ENGINE_REQUEST_TIMEOUT_SECONDS:
 *
 * How long drso_engine_request_async() waits for the process that drives
 * an execution to take a control before it gives up.
 */
#define DRSO_ENGINE_REQUEST_TIMEOUT_SECONDS 20

#define DRSO_TYPE_ENGINE (drso_engine_get_type ())

G_DECLARE_FINAL_TYPE (DrsoEngine, drso_engine, DRSO, ENGINE, GObject)

DrsoEngine    *drso_engine_new                     (DrsoStore           *store,
                                                    DrsoAwsClient       *client);
const char    *drso_engine_get_owner               (DrsoEngine          *self);
gboolean       drso_engine_is_driving              (DrsoEngine          *self,
                                                    const char          *execution_id);
void           drso_engine_start_execution_async   (DrsoEngine          *self,
                                                    const char          *plan,
                                                    DrsoExecutionType    execution_type,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
DrsoExecution *drso_engine_start_execution_finish  (DrsoEngine          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
guint          drso_engine_adopt                   (DrsoEngine          *self,
                                                    GError             **error);
gboolean       drso_engine_drive                   (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    GError             **error);
gboolean       drso_engine_control                 (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    DrsoEngineControl    control,
                                                    GError             **error);
void           drso_engine_request_async           (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    DrsoEngineControl    control,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       drso_engine_request_finish          (DrsoEngine          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean       drso_engine_pause                   (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    GError             **error);
gboolean       drso_engine_resume                  (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    GError             **error);
gboolean       drso_engine_cancel                  (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    GError             **error);
gboolean       drso_engine_retry_wave              (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    GError             **error);
gboolean       drso_engine_skip_wave               (DrsoEngine          *self,
                                                    const char          *execution_id,
                                                    GError             **error);
void           drso_engine_terminate_instances_async (DrsoEngine          *self,
                                                      const char          *execution_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       drso_engine_terminate_instances_finish (DrsoEngine        *self,
                                                       GAsyncResult      *result,
                                                       guint             *n_terminated,
                                                       GError           **error);

G_END_DECLS
