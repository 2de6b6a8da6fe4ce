/* drso-run-private.h
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

#include "drso-enums.h"
#include "drso-execution.h"
#include "drso-execution-event.h"

G_BEGIN_DECLS

DrsoServerRun *_drso_server_run_new_from_json_at (JsonNode    *node,
                                                  const char  *path,
                                                  GError     **error);
DrsoWaveRun   *_drso_wave_run_new_from_json_at   (JsonNode    *node,
                                                  const char  *path,
                                                  GError     **error);
void           _drso_execution_set_execution_id  (DrsoExecution *self,
                                                  const char    *execution_id);
void           _drso_execution_event_set_event_id (DrsoExecutionEvent *self,
                                                   gint64              event_id);

G_END_DECLS
