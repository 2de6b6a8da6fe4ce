/* drso-role.h
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

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * DrsoRole:
 * @DRSO_ROLE_ADMINISTRATOR: DRSOrchestrationAdmin: every permission
 * @DRSO_ROLE_RECOVERY_MANAGER: DRSRecoveryManager: run and manage executions, terminate
 *   instances, view
 * @DRSO_ROLE_PLAN_MANAGER: DRSPlanManager: create and change protection groups and recovery
 *   plans, view
 * @DRSO_ROLE_OPERATOR: DRSOperator: run recoveries, view
 * @DRSO_ROLE_READ_ONLY: DRSReadOnly: view only
 *
 * The five roles of the orchestrator. The active one is the `role` key of the
 * `io.github.drso.Orchestrator` settings.
 */
typedef enum
{
  DRSO_ROLE_ADMINISTRATOR,
  DRSO_ROLE_RECOVERY_MANAGER,
  DRSO_ROLE_PLAN_MANAGER,
  DRSO_ROLE_OPERATOR,
  DRSO_ROLE_READ_ONLY,
} DrsoRole;

#define DRSO_N_ROLES 5

/**
 * DrsoPermission:
 * @DRSO_PERMISSION_CREATE_PROTECTION_GROUP: drs:CreateProtectionGroup
 * @DRSO_PERMISSION_UPDATE_PROTECTION_GROUP: drs:UpdateProtectionGroup
 * @DRSO_PERMISSION_DELETE_PROTECTION_GROUP: drs:DeleteProtectionGroup
 * @DRSO_PERMISSION_CREATE_RECOVERY_PLAN: drs:CreateRecoveryPlan
 * @DRSO_PERMISSION_UPDATE_RECOVERY_PLAN: drs:UpdateRecoveryPlan
 * @DRSO_PERMISSION_DELETE_RECOVERY_PLAN: drs:DeleteRecoveryPlan
 * @DRSO_PERMISSION_EXECUTE_RECOVERY: drs:ExecuteRecovery
 * @DRSO_PERMISSION_MANAGE_EXECUTION: drs:ManageExecution
 * @DRSO_PERMISSION_TERMINATE_INSTANCES: drs:TerminateInstances
 * @DRSO_PERMISSION_VIEW_RESOURCES: drs:ViewResources
 * @DRSO_PERMISSION_MANAGE_ACCOUNTS: drs:ManageAccounts
 *
 * The eleven permissions an action can need.
 */
typedef enum
{
  DRSO_PERMISSION_CREATE_PROTECTION_GROUP,
  DRSO_PERMISSION_UPDATE_PROTECTION_GROUP,
  DRSO_PERMISSION_DELETE_PROTECTION_GROUP,
  DRSO_PERMISSION_CREATE_RECOVERY_PLAN,
  DRSO_PERMISSION_UPDATE_RECOVERY_PLAN,
  DRSO_PERMISSION_DELETE_RECOVERY_PLAN,
  DRSO_PERMISSION_EXECUTE_RECOVERY,
  DRSO_PERMISSION_MANAGE_EXECUTION,
  DRSO_PERMISSION_TERMINATE_INSTANCES,
  DRSO_PERMISSION_VIEW_RESOURCES,
  DRSO_PERMISSION_MANAGE_ACCOUNTS,
} DrsoPermission;

#define DRSO_N_PERMISSIONS 11

const char *drso_role_get_name           (DrsoRole        role);
const char *drso_role_get_group_name     (DrsoRole        role);
const char *drso_role_get_nick           (DrsoRole        role);
gboolean    drso_role_from_string        (const char     *str,
                                          DrsoRole       *role);
const char *drso_permission_get_name     (DrsoPermission  permission);
gboolean    drso_permission_from_string  (const char     *str,
                                          DrsoPermission *permission);
gboolean    drso_role_has_permission     (DrsoRole        role,
                                          DrsoPermission  permission);
gboolean    drso_role_check              (DrsoRole        role,
                                          DrsoPermission  permission,
                                          GError        **error);
DrsoRole    drso_role_get_active         (void);

G_END_DECLS
