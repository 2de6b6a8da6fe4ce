/* drso-source-server.h
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

#define DRSO_TYPE_SOURCE_SERVER (drso_source_server_get_type ())

G_DECLARE_FINAL_TYPE (DrsoSourceServer, drso_source_server, DRSO, SOURCE_SERVER, GObject)

DrsoSourceServer *drso_source_server_new                     (const char       *source_server_id,
                                                              const char       *account_id,
                                                              const char       *region);
DrsoSourceServer *drso_source_server_new_from_json           (JsonNode         *node,
                                                              GError          **error);
JsonNode         *drso_source_server_to_json                 (DrsoSourceServer *self);
DrsoSourceServer *drso_source_server_copy                    (DrsoSourceServer *self);
const char       *drso_source_server_get_source_server_id    (DrsoSourceServer *self);
const char       *drso_source_server_get_account_id          (DrsoSourceServer *self);
const char       *drso_source_server_get_region              (DrsoSourceServer *self);
const char       *drso_source_server_get_arn                 (DrsoSourceServer *self);
void              drso_source_server_set_arn                 (DrsoSourceServer *self,
                                                              const char       *value);
const char       *drso_source_server_get_hostname            (DrsoSourceServer *self);
void              drso_source_server_set_hostname            (DrsoSourceServer *self,
                                                              const char       *value);
const char       *drso_source_server_get_replication_state   (DrsoSourceServer *self);
void              drso_source_server_set_replication_state   (DrsoSourceServer *self,
                                                              const char       *value);
gint64            drso_source_server_get_lag_seconds         (DrsoSourceServer *self);
void              drso_source_server_set_lag_seconds         (DrsoSourceServer *self,
                                                              gint64             value);
const char       *drso_source_server_get_last_launch_result  (DrsoSourceServer *self);
void              drso_source_server_set_last_launch_result  (DrsoSourceServer *self,
                                                              const char       *value);
gint64            drso_source_server_get_last_launch_date    (DrsoSourceServer *self);
void              drso_source_server_set_last_launch_date    (DrsoSourceServer *self,
                                                              gint64             value);
const char       *drso_source_server_get_recovery_instance_id (DrsoSourceServer *self);
void              drso_source_server_set_recovery_instance_id (DrsoSourceServer *self,
                                                               const char      *value);
const char       *drso_source_server_get_private_ip          (DrsoSourceServer *self);
void              drso_source_server_set_private_ip          (DrsoSourceServer *self,
                                                              const char       *value);
const char       *drso_source_server_get_instance_type       (DrsoSourceServer *self);
void              drso_source_server_set_instance_type       (DrsoSourceServer *self,
                                                              const char       *value);
const char       *drso_source_server_get_os                  (DrsoSourceServer *self);
void              drso_source_server_set_os                  (DrsoSourceServer *self,
                                                              const char       *value);
GHashTable       *drso_source_server_get_tags                (DrsoSourceServer *self);
void              drso_source_server_set_tags                (DrsoSourceServer *self,
                                                              GHashTable       *tags);
void              drso_source_server_set_tag                 (DrsoSourceServer *self,
                                                              const char       *key,
                                                              const char       *value);
const char       *drso_source_server_get_tag                 (DrsoSourceServer *self,
                                                              const char       *key);
gint64            drso_source_server_get_discovered_date     (DrsoSourceServer *self);
void              drso_source_server_set_discovered_date     (DrsoSourceServer *self,
                                                              gint64             value);

G_END_DECLS
