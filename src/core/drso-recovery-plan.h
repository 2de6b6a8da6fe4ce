/* drso-recovery-plan.h
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

#include "drso-document.h"
#include "drso-wave.h"

G_BEGIN_DECLS

#define DRSO_TYPE_RECOVERY_PLAN (drso_recovery_plan_get_type ())

G_DECLARE_FINAL_TYPE (DrsoRecoveryPlan, drso_recovery_plan, DRSO, RECOVERY_PLAN, DrsoDocument)

DrsoRecoveryPlan *drso_recovery_plan_new                      (const char       *plan_name);
DrsoRecoveryPlan *drso_recovery_plan_new_from_json            (JsonNode         *node,
                                                               GError          **error);
const char       *drso_recovery_plan_get_plan_id              (DrsoRecoveryPlan *self);
const char       *drso_recovery_plan_get_plan_name            (DrsoRecoveryPlan *self);
const char       *drso_recovery_plan_get_description          (DrsoRecoveryPlan *self);
void              drso_recovery_plan_set_description          (DrsoRecoveryPlan *self,
                                                               const char       *description);
GListModel       *drso_recovery_plan_get_waves                (DrsoRecoveryPlan *self);
guint             drso_recovery_plan_get_n_waves              (DrsoRecoveryPlan *self);
DrsoWave         *drso_recovery_plan_get_wave                 (DrsoRecoveryPlan *self,
                                                               guint             wave_number);
void              drso_recovery_plan_append_wave              (DrsoRecoveryPlan *self,
                                                               DrsoWave         *wave);
void              drso_recovery_plan_insert_wave              (DrsoRecoveryPlan *self,
                                                               guint             position,
                                                               DrsoWave         *wave);
gboolean          drso_recovery_plan_remove_wave              (DrsoRecoveryPlan *self,
                                                               guint             wave_number);
gboolean          drso_recovery_plan_move_wave                (DrsoRecoveryPlan *self,
                                                               guint             from_number,
                                                               guint             to_number);
DrsoWave         *drso_recovery_plan_find_group               (DrsoRecoveryPlan *self,
                                                               const char       *group_id);
char            **drso_recovery_plan_dup_group_ids            (DrsoRecoveryPlan *self);
guint             drso_recovery_plan_get_estimated_total_duration (DrsoRecoveryPlan *self);
const char       *drso_recovery_plan_get_last_execution_id    (DrsoRecoveryPlan *self);
const char       *drso_recovery_plan_get_last_execution_status (DrsoRecoveryPlan *self);
gint64            drso_recovery_plan_get_last_execution_date  (DrsoRecoveryPlan *self);
void              drso_recovery_plan_set_last_execution       (DrsoRecoveryPlan *self,
                                                               const char       *execution_id,
                                                               const char       *status,
                                                               gint64            date);
guint             drso_recovery_plan_get_rpo_target           (DrsoRecoveryPlan *self);
void              drso_recovery_plan_set_rpo_target           (DrsoRecoveryPlan *self,
                                                               guint             seconds);
guint             drso_recovery_plan_get_rto_target           (DrsoRecoveryPlan *self);
void              drso_recovery_plan_set_rto_target           (DrsoRecoveryPlan *self,
                                                               guint             seconds);
DrsoServerCriticality drso_recovery_plan_get_server_criticality (DrsoRecoveryPlan      *self,
                                                                 const char            *server_id);
void              drso_recovery_plan_set_server_criticality   (DrsoRecoveryPlan      *self,
                                                               const char            *server_id,
                                                               DrsoServerCriticality  criticality);
const char       *drso_recovery_plan_get_server_snapshot      (DrsoRecoveryPlan *self,
                                                               const char       *server_id);
void              drso_recovery_plan_set_server_snapshot      (DrsoRecoveryPlan *self,
                                                               const char       *server_id,
                                                               const char       *snapshot_id);
char            **drso_recovery_plan_dup_configured_servers   (DrsoRecoveryPlan *self);

G_END_DECLS
