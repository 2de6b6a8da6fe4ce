/* drso-recovery-plan-private.h
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

#include "drso-recovery-plan.h"

G_BEGIN_DECLS

/* Shared by drso-recovery-plan.c (waves, the document) and
 * drso-recovery-plan-settings.c (targets and per-server settings). */
struct _DrsoRecoveryPlan
{
  DrsoDocument parent_instance;

  char       *description;
  GListStore *waves;
  char       *last_execution_id;
  char       *last_execution_status;
  gint64      last_execution_date;

  /* What the engine needs (drso-recovery-plan-settings.c) */
  GHashTable *server_settings;   /* server id -> DrsoServerSettings, never default */
  guint       rpo_target;
  guint       rto_target;
};

GHashTable *_drso_recovery_plan_settings_new         (void);
void        _drso_recovery_plan_serialize_settings   (DrsoRecoveryPlan  *self,
                                                      JsonObject        *object);
gboolean    _drso_recovery_plan_deserialize_settings (DrsoRecoveryPlan  *self,
                                                      JsonObject        *object,
                                                      const char        *path,
                                                      GError           **error);
gboolean    _drso_recovery_plan_validate_settings    (DrsoRecoveryPlan  *self,
                                                      GError           **error);

G_END_DECLS
