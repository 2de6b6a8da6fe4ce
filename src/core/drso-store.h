/* drso-store.h
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

#include "drso-account.h"
#include "drso-bundle.h"
#include "drso-execution.h"
#include "drso-execution-event.h"
#include "drso-protection-group.h"
#include "drso-recovery-plan.h"
#include "drso-role.h"
#include "drso-source-server.h"

G_BEGIN_DECLS

/**
 * DRSO_STORE_SCHEMA_VERSION:
 *
 * The schema version (`PRAGMA user_version`) this program writes.
 */
#define DRSO_STORE_SCHEMA_VERSION 3

/**
 * DRSO_STORE_LEASE_TIMEOUT_SECONDS:
 *
 * How long the holder of an execution's lease may go without renewing it
 * before another process may take the lease over.
 */
#define DRSO_STORE_LEASE_TIMEOUT_SECONDS 30

#define DRSO_TYPE_STORE (drso_store_get_type ())

G_DECLARE_FINAL_TYPE (DrsoStore, drso_store, DRSO, STORE, GObject)

char                *drso_store_dup_default_path          (void);
DrsoStore           *drso_store_new                       (const char          *path,
                                                           GError             **error);
const char          *drso_store_get_path                  (DrsoStore           *self);
DrsoRole             drso_store_get_role                  (DrsoStore           *self);
gboolean             drso_store_check_permission          (DrsoStore           *self,
                                                           DrsoPermission       permission,
                                                           GError             **error);
gboolean             drso_store_refresh                   (DrsoStore           *self,
                                                           GError             **error);

/* Accounts */
GListModel          *drso_store_get_accounts              (DrsoStore           *self);
DrsoAccount         *drso_store_dup_default_account       (DrsoStore           *self);
DrsoAccount         *drso_store_lookup_account            (DrsoStore           *self,
                                                           const char          *id_or_name,
                                                           GError             **error);
gboolean             drso_store_add_account               (DrsoStore           *self,
                                                           DrsoAccount         *account,
                                                           GError             **error);
gboolean             drso_store_update_account            (DrsoStore           *self,
                                                           DrsoAccount         *account,
                                                           GError             **error);
gboolean             drso_store_remove_account            (DrsoStore           *self,
                                                           const char          *account_id,
                                                           GError             **error);

/* Source servers (the discovery cache) */
GListModel          *drso_store_get_source_servers        (DrsoStore           *self);
DrsoSourceServer    *drso_store_lookup_source_server      (DrsoStore           *self,
                                                           const char          *server_id,
                                                           GError             **error);
gboolean             drso_store_replace_source_servers    (DrsoStore           *self,
                                                           const char          *account_id,
                                                           const char          *region,
                                                           GPtrArray           *servers,
                                                           GError             **error);
gint64               drso_store_get_discovery_date        (DrsoStore           *self,
                                                           const char          *account_id,
                                                           const char          *region);

/* Protection groups */
GListModel          *drso_store_get_protection_groups     (DrsoStore           *self);
DrsoProtectionGroup *drso_store_lookup_protection_group   (DrsoStore           *self,
                                                           const char          *id_or_name,
                                                           GError             **error);
gboolean             drso_store_create_protection_group   (DrsoStore           *self,
                                                           DrsoProtectionGroup *group,
                                                           GError             **error);
gboolean             drso_store_update_protection_group   (DrsoStore           *self,
                                                           DrsoProtectionGroup *group,
                                                           GError             **error);
gboolean             drso_store_delete_protection_group   (DrsoStore           *self,
                                                           const char          *group_id,
                                                           GError             **error);
GPtrArray           *drso_store_resolve_protection_group  (DrsoStore           *self,
                                                           DrsoProtectionGroup *group);

/* Recovery plans */
GListModel          *drso_store_get_recovery_plans        (DrsoStore           *self);
DrsoRecoveryPlan    *drso_store_lookup_recovery_plan      (DrsoStore           *self,
                                                           const char          *id_or_name,
                                                           GError             **error);
gboolean             drso_store_validate_recovery_plan    (DrsoStore           *self,
                                                           DrsoRecoveryPlan    *plan,
                                                           GError             **error);
gboolean             drso_store_create_recovery_plan      (DrsoStore           *self,
                                                           DrsoRecoveryPlan    *plan,
                                                           GError             **error);
gboolean             drso_store_update_recovery_plan      (DrsoStore           *self,
                                                           DrsoRecoveryPlan    *plan,
                                                           GError             **error);
gboolean             drso_store_delete_recovery_plan      (DrsoStore           *self,
                                                           const char          *plan_id,
                                                           GError             **error);

/* Executions */
GListModel          *drso_store_get_executions            (DrsoStore           *self);
DrsoExecution       *drso_store_lookup_execution          (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           GError             **error);
gboolean             drso_store_create_execution          (DrsoStore           *self,
                                                           DrsoExecution       *execution,
                                                           GError             **error);
gboolean             drso_store_create_execution_with_events (DrsoStore        *self,
                                                             DrsoExecution    *execution,
                                                             GPtrArray        *events,
                                                             GError          **error);
gboolean             drso_store_save_execution            (DrsoStore           *self,
                                                           DrsoExecution       *execution,
                                                           GError             **error);
gboolean             drso_store_save_execution_with_events (DrsoStore          *self,
                                                           DrsoExecution      *execution,
                                                           GPtrArray          *events,
                                                           GError            **error);
gboolean             drso_store_delete_execution          (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           GError             **error);
gboolean             drso_store_append_event              (DrsoStore           *self,
                                                           DrsoExecutionEvent  *event,
                                                           GError             **error);
GPtrArray           *drso_store_list_events               (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           gint64               after_event_id,
                                                           GError             **error);

/* Leases: one process drives an execution at a time */
gboolean             drso_store_acquire_lease             (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           const char          *owner,
                                                           GError             **error);
gboolean             drso_store_renew_lease               (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           const char          *owner,
                                                           GError             **error);
gboolean             drso_store_release_lease             (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           const char          *owner,
                                                           GError             **error);
char                *drso_store_dup_lease_owner           (DrsoStore           *self,
                                                           const char          *execution_id,
                                                           gint64              *heartbeat);
GPtrArray           *drso_store_list_unfinished_executions (DrsoStore          *self,
                                                            GError            **error);

/* Import and export */
DrsoBundle          *drso_store_export_plans              (DrsoStore           *self,
                                                           const char * const  *plan_ids,
                                                           GError             **error);
gboolean             drso_store_import_bundle             (DrsoStore           *self,
                                                           DrsoBundle          *bundle,
                                                           guint               *n_changed,
                                                           GError             **error);

G_END_DECLS
