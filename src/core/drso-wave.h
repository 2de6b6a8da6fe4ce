/* drso-wave.h
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

#define DRSO_TYPE_WAVE (drso_wave_get_type ())

G_DECLARE_FINAL_TYPE (DrsoWave, drso_wave, DRSO, WAVE, GObject)

DrsoWave           *drso_wave_new                       (const char         *wave_name);
DrsoWave           *drso_wave_new_from_json             (JsonNode           *node,
                                                         GError            **error);
JsonNode           *drso_wave_to_json                   (DrsoWave           *self);
DrsoWave           *drso_wave_copy                      (DrsoWave           *self);
guint               drso_wave_get_wave_number           (DrsoWave           *self);
void                drso_wave_set_wave_number           (DrsoWave           *self,
                                                         guint               wave_number);
const char         *drso_wave_get_wave_name             (DrsoWave           *self);
void                drso_wave_set_wave_name             (DrsoWave           *self,
                                                         const char         *wave_name);
const char * const *drso_wave_get_protection_group_ids  (DrsoWave           *self);
void                drso_wave_set_protection_group_ids  (DrsoWave           *self,
                                                         const char * const *group_ids);
void                drso_wave_add_protection_group_id   (DrsoWave           *self,
                                                         const char         *group_id);
gboolean            drso_wave_remove_protection_group_id (DrsoWave          *self,
                                                          const char        *group_id);
gboolean            drso_wave_has_protection_group_id   (DrsoWave           *self,
                                                         const char         *group_id);
gboolean            drso_wave_get_pause_before_wave     (DrsoWave           *self);
void                drso_wave_set_pause_before_wave     (DrsoWave           *self,
                                                         gboolean            pause_before_wave);
guint               drso_wave_get_estimated_duration    (DrsoWave           *self);
void                drso_wave_set_estimated_duration    (DrsoWave           *self,
                                                         guint               seconds);

G_END_DECLS
