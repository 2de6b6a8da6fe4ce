/* drso-protection-group.h
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

#include "drso-document.h"

G_BEGIN_DECLS

#define DRSO_TYPE_PROTECTION_GROUP (drso_protection_group_get_type ())

G_DECLARE_FINAL_TYPE (DrsoProtectionGroup, drso_protection_group, DRSO, PROTECTION_GROUP, DrsoDocument)

DrsoProtectionGroup *drso_protection_group_new                (const char          *group_name,
                                                               const char          *account_id,
                                                               const char          *region);
DrsoProtectionGroup *drso_protection_group_new_from_json      (JsonNode            *node,
                                                               GError             **error);
const char          *drso_protection_group_get_group_id       (DrsoProtectionGroup *self);
const char          *drso_protection_group_get_group_name     (DrsoProtectionGroup *self);
const char          *drso_protection_group_get_description    (DrsoProtectionGroup *self);
void                 drso_protection_group_set_description    (DrsoProtectionGroup *self,
                                                               const char          *description);
const char          *drso_protection_group_get_account_id     (DrsoProtectionGroup *self);
void                 drso_protection_group_set_account_id     (DrsoProtectionGroup *self,
                                                               const char          *account_id);
const char          *drso_protection_group_get_region         (DrsoProtectionGroup *self);
void                 drso_protection_group_set_region         (DrsoProtectionGroup *self,
                                                               const char          *region);
const char * const  *drso_protection_group_get_server_ids     (DrsoProtectionGroup *self);
void                 drso_protection_group_set_server_ids     (DrsoProtectionGroup *self,
                                                               const char * const  *server_ids);
void                 drso_protection_group_add_server_id      (DrsoProtectionGroup *self,
                                                               const char          *server_id);
gboolean             drso_protection_group_remove_server_id   (DrsoProtectionGroup *self,
                                                               const char          *server_id);
gboolean             drso_protection_group_has_server_id      (DrsoProtectionGroup *self,
                                                               const char          *server_id);
guint                drso_protection_group_get_server_count   (DrsoProtectionGroup *self);
GHashTable          *drso_protection_group_get_tag_criteria   (DrsoProtectionGroup *self);
void                 drso_protection_group_set_tag_criteria   (DrsoProtectionGroup *self,
                                                               GHashTable          *tag_criteria);
void                 drso_protection_group_set_tag            (DrsoProtectionGroup *self,
                                                               const char          *key,
                                                               const char          *value);
gboolean             drso_protection_group_remove_tag         (DrsoProtectionGroup *self,
                                                               const char          *key);
const char          *drso_protection_group_get_tag            (DrsoProtectionGroup *self,
                                                               const char          *key);
gboolean             drso_protection_group_is_tag_based       (DrsoProtectionGroup *self);
gboolean             drso_protection_group_matches_tags       (DrsoProtectionGroup *self,
                                                               GHashTable          *tags);

G_END_DECLS
