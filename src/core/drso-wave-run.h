/* drso-wave-run.h
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

#include "drso-server-run.h"

G_BEGIN_DECLS

#define DRSO_TYPE_WAVE_RUN (drso_wave_run_get_type ())

G_DECLARE_FINAL_TYPE (DrsoWaveRun, drso_wave_run, DRSO, WAVE_RUN, GObject)

DrsoWaveRun        *drso_wave_run_new                   (guint               wave_number,
                                                         const char         *wave_name);
DrsoWaveRun        *drso_wave_run_new_from_json         (JsonNode           *node,
                                                         GError            **error);
JsonNode           *drso_wave_run_to_json               (DrsoWaveRun        *self);
DrsoWaveRun        *drso_wave_run_copy                  (DrsoWaveRun        *self);
guint               drso_wave_run_get_wave_number       (DrsoWaveRun        *self);
const char         *drso_wave_run_get_wave_name         (DrsoWaveRun        *self);
DrsoWaveStatus      drso_wave_run_get_status            (DrsoWaveRun        *self);
void                drso_wave_run_set_status            (DrsoWaveRun        *self,
                                                         DrsoWaveStatus      status);
gint64              drso_wave_run_get_start_time        (DrsoWaveRun        *self);
void                drso_wave_run_set_start_time        (DrsoWaveRun        *self,
                                                         gint64              start_time);
gint64              drso_wave_run_get_end_time          (DrsoWaveRun        *self);
void                drso_wave_run_set_end_time          (DrsoWaveRun        *self,
                                                         gint64              end_time);
gint64              drso_wave_run_get_duration          (DrsoWaveRun        *self);
const char * const *drso_wave_run_get_job_ids           (DrsoWaveRun        *self);
void                drso_wave_run_set_job_ids           (DrsoWaveRun        *self,
                                                         const char * const *job_ids);
void                drso_wave_run_add_job_id            (DrsoWaveRun        *self,
                                                         const char         *job_id);
GListModel         *drso_wave_run_get_servers           (DrsoWaveRun        *self);
void                drso_wave_run_add_server            (DrsoWaveRun        *self,
                                                         DrsoServerRun      *server);
DrsoServerRun      *drso_wave_run_find_server           (DrsoWaveRun        *self,
                                                         const char         *server_id);
guint               drso_wave_run_get_servers_recovered (DrsoWaveRun        *self);

G_END_DECLS
