/* drso-execution.h
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

#include "drso-wave-run.h"

G_BEGIN_DECLS

#define DRSO_TYPE_EXECUTION (drso_execution_get_type ())

G_DECLARE_FINAL_TYPE (DrsoExecution, drso_execution, DRSO, EXECUTION, GObject)

DrsoExecution      *drso_execution_new                      (const char          *plan_id,
                                                             const char          *plan_name,
                                                             DrsoExecutionType    execution_type);
DrsoExecution      *drso_execution_new_from_json            (JsonNode            *node,
                                                             GError             **error);
JsonNode           *drso_execution_to_json                  (DrsoExecution       *self);
DrsoExecution      *drso_execution_copy                     (DrsoExecution       *self);
const char         *drso_execution_get_execution_id         (DrsoExecution       *self);
const char         *drso_execution_get_plan_id              (DrsoExecution       *self);
const char         *drso_execution_get_plan_name            (DrsoExecution       *self);
DrsoExecutionType   drso_execution_get_execution_type       (DrsoExecution       *self);
DrsoExecutionStatus drso_execution_get_status               (DrsoExecution       *self);
void                drso_execution_set_status               (DrsoExecution       *self,
                                                             DrsoExecutionStatus  status);
guint               drso_execution_get_current_wave         (DrsoExecution       *self);
void                drso_execution_set_current_wave         (DrsoExecution       *self,
                                                             guint                wave_number);
guint               drso_execution_get_total_waves          (DrsoExecution       *self);
void                drso_execution_set_total_waves          (DrsoExecution       *self,
                                                             guint                total_waves);
gint64              drso_execution_get_start_time           (DrsoExecution       *self);
void                drso_execution_set_start_time           (DrsoExecution       *self,
                                                             gint64               start_time);
gint64              drso_execution_get_end_time             (DrsoExecution       *self);
void                drso_execution_set_end_time             (DrsoExecution       *self,
                                                             gint64               end_time);
gint64              drso_execution_get_duration             (DrsoExecution       *self);
const char         *drso_execution_get_initiated_by         (DrsoExecution       *self);
void                drso_execution_set_initiated_by         (DrsoExecution       *self,
                                                             const char          *initiated_by);
const char         *drso_execution_get_initiated_by_arn     (DrsoExecution       *self);
void                drso_execution_set_initiated_by_arn     (DrsoExecution       *self,
                                                             const char          *arn);
const char * const *drso_execution_get_warnings             (DrsoExecution       *self);
void                drso_execution_add_warning              (DrsoExecution       *self,
                                                             const char          *message);
const char * const *drso_execution_get_errors               (DrsoExecution       *self);
void                drso_execution_add_error                (DrsoExecution       *self,
                                                             const char          *message);
gboolean            drso_execution_get_instances_terminated (DrsoExecution       *self);
void                drso_execution_set_instances_terminated (DrsoExecution       *self,
                                                             gboolean             terminated);
GListModel         *drso_execution_get_wave_runs            (DrsoExecution       *self);
void                drso_execution_add_wave_run             (DrsoExecution       *self,
                                                             DrsoWaveRun         *wave_run);
DrsoWaveRun        *drso_execution_get_wave_run             (DrsoExecution       *self,
                                                             guint                wave_number);

G_END_DECLS
