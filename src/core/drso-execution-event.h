/* drso-execution-event.h
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

#include "drso-types.h"

G_BEGIN_DECLS

#define DRSO_TYPE_EXECUTION_EVENT (drso_execution_event_get_type ())

G_DECLARE_FINAL_TYPE (DrsoExecutionEvent, drso_execution_event, DRSO, EXECUTION_EVENT, GObject)

DrsoExecutionEvent *drso_execution_event_new               (const char         *execution_id,
                                                            DrsoEventKind       kind,
                                                            const char         *message);
DrsoExecutionEvent *drso_execution_event_new_from_json     (JsonNode           *node,
                                                            GError            **error);
JsonNode           *drso_execution_event_to_json           (DrsoExecutionEvent *self);
gint64              drso_execution_event_get_event_id      (DrsoExecutionEvent *self);
const char         *drso_execution_event_get_execution_id  (DrsoExecutionEvent *self);
gint64              drso_execution_event_get_time          (DrsoExecutionEvent *self);
void                drso_execution_event_set_time          (DrsoExecutionEvent *self,
                                                            gint64              time_us);
guint               drso_execution_event_get_wave_number   (DrsoExecutionEvent *self);
void                drso_execution_event_set_wave_number   (DrsoExecutionEvent *self,
                                                            guint               wave_number);
const char         *drso_execution_event_get_server_id     (DrsoExecutionEvent *self);
void                drso_execution_event_set_server_id     (DrsoExecutionEvent *self,
                                                            const char         *server_id);
DrsoEventKind       drso_execution_event_get_kind          (DrsoExecutionEvent *self);
const char         *drso_execution_event_get_message       (DrsoExecutionEvent *self);
const char         *drso_execution_event_get_actor         (DrsoExecutionEvent *self);
void                drso_execution_event_set_actor         (DrsoExecutionEvent *self,
                                                            const char         *actor);

G_END_DECLS
