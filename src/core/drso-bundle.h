/* drso-bundle.h
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
#include <json-glib/json-glib.h>

#include "drso-protection-group.h"
#include "drso-recovery-plan.h"

G_BEGIN_DECLS

/**
 * DRSO_BUNDLE_FORMAT_VERSION:
 *
 * The `formatVersion` this program writes and reads.
 */
#define DRSO_BUNDLE_FORMAT_VERSION 1

#define DRSO_TYPE_BUNDLE (drso_bundle_get_type ())

G_DECLARE_FINAL_TYPE (DrsoBundle, drso_bundle, DRSO, BUNDLE, GObject)

DrsoBundle *drso_bundle_new                    (void);
DrsoBundle *drso_bundle_new_from_json          (JsonNode            *node,
                                                GError             **error);
DrsoBundle *drso_bundle_new_from_data          (const char          *data,
                                                gssize               length,
                                                GError             **error);
DrsoBundle *drso_bundle_new_from_file          (GFile               *file,
                                                GCancellable        *cancellable,
                                                GError             **error);
GListModel *drso_bundle_get_protection_groups  (DrsoBundle          *self);
GListModel *drso_bundle_get_recovery_plans     (DrsoBundle          *self);
void        drso_bundle_add_protection_group   (DrsoBundle          *self,
                                                DrsoProtectionGroup *group);
void        drso_bundle_add_recovery_plan      (DrsoBundle          *self,
                                                DrsoRecoveryPlan    *plan);
DrsoProtectionGroup *drso_bundle_find_protection_group (DrsoBundle *self,
                                                        const char *group_id);
JsonNode   *drso_bundle_to_json                (DrsoBundle          *self);
char       *drso_bundle_to_data                (DrsoBundle          *self,
                                                gsize               *length);

G_END_DECLS
