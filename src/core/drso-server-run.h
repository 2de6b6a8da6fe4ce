/* drso-server-run.h
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

#define DRSO_TYPE_SERVER_RUN (drso_server_run_get_type ())

G_DECLARE_FINAL_TYPE (DrsoServerRun, drso_server_run, DRSO, SERVER_RUN, GObject)

DrsoServerRun    *drso_server_run_new                      (const char       *server_id);
DrsoServerRun    *drso_server_run_new_from_json            (JsonNode         *node,
                                                            GError          **error);
JsonNode         *drso_server_run_to_json                  (DrsoServerRun    *self);
DrsoServerRun    *drso_server_run_copy                     (DrsoServerRun    *self);
const char       *drso_server_run_get_server_id            (DrsoServerRun    *self);
const char       *drso_server_run_get_hostname             (DrsoServerRun    *self);
void              drso_server_run_set_hostname             (DrsoServerRun    *self,
                                                            const char       *value);
const char       *drso_server_run_get_private_ip           (DrsoServerRun    *self);
void              drso_server_run_set_private_ip           (DrsoServerRun    *self,
                                                            const char       *value);
const char       *drso_server_run_get_instance_type        (DrsoServerRun    *self);
void              drso_server_run_set_instance_type        (DrsoServerRun    *self,
                                                            const char       *value);
DrsoLaunchStatus  drso_server_run_get_status               (DrsoServerRun    *self);
void              drso_server_run_set_status               (DrsoServerRun    *self,
                                                            DrsoLaunchStatus  status);
const char       *drso_server_run_get_job_id               (DrsoServerRun    *self);
void              drso_server_run_set_job_id               (DrsoServerRun    *self,
                                                            const char       *value);
const char       *drso_server_run_get_recovery_instance_id (DrsoServerRun    *self);
void              drso_server_run_set_recovery_instance_id (DrsoServerRun    *self,
                                                            const char       *value);
const char       *drso_server_run_get_ec2_instance_id      (DrsoServerRun    *self);
void              drso_server_run_set_ec2_instance_id      (DrsoServerRun    *self,
                                                            const char       *value);
const char       *drso_server_run_get_message              (DrsoServerRun    *self);
void              drso_server_run_set_message              (DrsoServerRun    *self,
                                                            const char       *value);
const char       *drso_server_run_get_health               (DrsoServerRun    *self);
void              drso_server_run_set_health               (DrsoServerRun    *self,
                                                            const char       *value);
DrsoServerCriticality drso_server_run_get_criticality      (DrsoServerRun         *self);
void              drso_server_run_set_criticality          (DrsoServerRun         *self,
                                                            DrsoServerCriticality  criticality);
guint             drso_server_run_get_launch_attempt       (DrsoServerRun    *self);
void              drso_server_run_set_launch_attempt       (DrsoServerRun    *self,
                                                            guint             attempt);
gint64            drso_server_run_get_launch_requested     (DrsoServerRun    *self);
void              drso_server_run_set_launch_requested     (DrsoServerRun    *self,
                                                            gint64            time_us);
gint64            drso_server_run_get_snapshot_start       (DrsoServerRun    *self);
void              drso_server_run_set_snapshot_start       (DrsoServerRun    *self,
                                                            gint64            time_us);
gint64            drso_server_run_get_snapshot_end         (DrsoServerRun    *self);
void              drso_server_run_set_snapshot_end         (DrsoServerRun    *self,
                                                            gint64            time_us);
gint64            drso_server_run_get_conversion_start     (DrsoServerRun    *self);
void              drso_server_run_set_conversion_start     (DrsoServerRun    *self,
                                                            gint64            time_us);
gint64            drso_server_run_get_conversion_end       (DrsoServerRun    *self);
void              drso_server_run_set_conversion_end       (DrsoServerRun    *self,
                                                            gint64            time_us);
gint64            drso_server_run_get_launch_start         (DrsoServerRun    *self);
void              drso_server_run_set_launch_start         (DrsoServerRun    *self,
                                                            gint64            time_us);
gint64            drso_server_run_get_launch_end           (DrsoServerRun    *self);
void              drso_server_run_set_launch_end           (DrsoServerRun    *self,
                                                            gint64            time_us);

G_END_DECLS
