/* drso-role.c
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

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-role-private.h"

typedef struct
{
  const char *nick;        /* GSettings nick */
  const char *group_name;  /* the seed's Cognito group */
  const char *name;        /* shown to the user */
} RoleInfo;

static const RoleInfo roles[DRSO_N_ROLES] = {
  [DRSO_ROLE_ADMINISTRATOR] = { "administrator", "DRSOrchestrationAdmin", N_("Administrator") },
  [DRSO_ROLE_RECOVERY_MANAGER] = { "recovery-manager", "DRSRecoveryManager", N_("Recovery manager") },
  [DRSO_ROLE_PLAN_MANAGER] = { "plan-manager", "DRSPlanManager", N_("Plan manager") },
  [DRSO_ROLE_OPERATOR] = { "operator", "DRSOperator", N_("Operator") },
  [DRSO_ROLE_READ_ONLY] = { "read-only", "DRSReadOnly", N_("Read-only") },
};

static const char * const permission_names[DRSO_N_PERMISSIONS] = {
  [DRSO_PERMISSION_CREATE_PROTECTION_GROUP] = "drs:CreateProtectionGroup",
  [DRSO_PERMISSION_UPDATE_PROTECTION_GROUP] = "drs:UpdateProtectionGroup",
  [DRSO_PERMISSION_DELETE_PROTECTION_GROUP] = "drs:DeleteProtectionGroup",
  [DRSO_PERMISSION_CREATE_RECOVERY_PLAN] = "drs:CreateRecoveryPlan",
  [DRSO_PERMISSION_UPDATE_RECOVERY_PLAN] = "drs:UpdateRecoveryPlan",
  [DRSO_PERMISSION_DELETE_RECOVERY_PLAN] = "drs:DeleteRecoveryPlan",
  [DRSO_PERMISSION_EXECUTE_RECOVERY] = "drs:ExecuteRecovery",
  [DRSO_PERMISSION_MANAGE_EXECUTION] = "drs:ManageExecution",
  [DRSO_PERMISSION_TERMINATE_INSTANCES] = "drs:TerminateInstances",
  [DRSO_PERMISSION_VIEW_RESOURCES] = "drs:ViewResources",
  [DRSO_PERMISSION_MANAGE_ACCOUNTS] = "drs:ManageAccounts",
};

#define P(perm) (1u << (DRSO_PERMISSION_##perm))

/* The seed's RBAC table, one bit per permission. */
static const guint role_permissions[DRSO_N_ROLES] = {
  [DRSO_ROLE_ADMINISTRATOR] = (1u << DRSO_N_PERMISSIONS) - 1,
  [DRSO_ROLE_RECOVERY_MANAGER] = P (EXECUTE_RECOVERY) | P (MANAGE_EXECUTION) |
                                 P (TERMINATE_INSTANCES) | P (VIEW_RESOURCES),
  [DRSO_ROLE_PLAN_MANAGER] = P (CREATE_PROTECTION_GROUP) | P (UPDATE_PROTECTION_GROUP) |
                             P (CREATE_RECOVERY_PLAN) | P (UPDATE_RECOVERY_PLAN) |
                             P (VIEW_RESOURCES),
  [DRSO_ROLE_OPERATOR] = P (EXECUTE_RECOVERY) | P (VIEW_RESOURCES),
  [DRSO_ROLE_READ_ONLY] = P (VIEW_RESOURCES),
};

#undef P

/**
 * drso_role_get_name:
 * @role: a #DrsoRole
 *
 * Returns: the translated name of @role, such as “Plan manager”
 */
const char *
drso_role_get_name (DrsoRole role)
{
  g_return_val_if_fail ((guint) role < DRSO_N_ROLES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, roles[role].name);
}

/**
 * drso_role_get_group_name:
 * @role: a #DrsoRole
 *
 * Returns: the role's group name in the seed's RBAC table, such as `DRSPlanManager`
 */
const char *
drso_role_get_group_name (DrsoRole role)
{
  g_return_val_if_fail ((guint) role < DRSO_N_ROLES, NULL);
  return roles[role].group_name;
}

/**
 * drso_role_get_nick:
 * @role: a #DrsoRole
 *
 * Returns: the value of @role in the `role` settings key, such as `plan-manager`
 */
const char *
drso_role_get_nick (DrsoRole role)
{
  g_return_val_if_fail ((guint) role < DRSO_N_ROLES, NULL);
  return roles[role].nick;
}

/**
 * drso_role_from_string:
 * @str: a settings nick (`plan-manager`) or a group name (`DRSPlanManager`)
 * @role: (out) (optional): where to store the role
 *
 * Returns: %TRUE if @str names a role
 */
gboolean
drso_role_from_string (const char *str,
                       DrsoRole   *role)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < DRSO_N_ROLES; i++)
    {
      if (g_ascii_strcasecmp (str, roles[i].nick) == 0 ||
          g_ascii_strcasecmp (str, roles[i].group_name) == 0)
        {
          if (role != NULL)
            *role = (DrsoRole) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * drso_permission_get_name:
 * @permission: a #DrsoPermission
 *
 * Returns: the permission's name, such as `drs:ExecuteRecovery`
 */
const char *
drso_permission_get_name (DrsoPermission permission)
{
  g_return_val_if_fail ((guint) permission < DRSO_N_PERMISSIONS, NULL);
  return permission_names[permission];
}

/**
 * drso_permission_from_string:
 * @str: a permission name such as `drs:ExecuteRecovery`
 * @permission: (out) (optional): where to store the permission
 *
 * Returns: %TRUE if @str names a permission
 */
gboolean
drso_permission_from_string (const char     *str,
                             DrsoPermission *permission)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < DRSO_N_PERMISSIONS; i++)
    {
      if (g_strcmp0 (str, permission_names[i]) == 0)
        {
          if (permission != NULL)
            *permission = (DrsoPermission) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * drso_role_has_permission:
 * @role: a #DrsoRole
 * @permission: a #DrsoPermission
 *
 * Looks @permission up in the role table.
 *
 * Returns: %TRUE if @role grants @permission
 */
gboolean
drso_role_has_permission (DrsoRole       role,
                          DrsoPermission permission)
{
  g_return_val_if_fail ((guint) role < DRSO_N_ROLES, FALSE);
  g_return_val_if_fail ((guint) permission < DRSO_N_PERMISSIONS, FALSE);

  return (role_permissions[role] & (1u << permission)) != 0;
}

/**
 * drso_role_check:
 * @role: a #DrsoRole
 * @permission: the #DrsoPermission an action needs
 * @error: return location for a #GError
 *
 * The one check every action goes through: it fails with
 * %DRSO_PERMISSION_ERROR_DENIED, naming the role and the permission, when
 * @role does not grant @permission.
 *
 * Returns: %TRUE if @role grants @permission
 */
gboolean
drso_role_check (DrsoRole        role,
                 DrsoPermission  permission,
                 GError        **error)
{
  if (drso_role_has_permission (role, permission))
    return TRUE;

  g_set_error (error, DRSO_PERMISSION_ERROR, DRSO_PERMISSION_ERROR_DENIED,
               /* TRANSLATORS: the first %s is a role such as “Operator (DRSOperator)”,
                * the second a permission such as drs:DeleteRecoveryPlan */
               _("The role %s (%s) does not have the permission %s"),
               drso_role_get_name (role), drso_role_get_group_name (role),
               drso_permission_get_name (permission));
  return FALSE;
}

/* The program's settings, or NULL when its schema is not installed (a library
 * used from a script without the app, say). */
GSettings *
_drso_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Settings schema %s is not installed; the administrator role is active", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * drso_role_get_active:
 *
 * Reads the active role from the `role` key of the `io.github.drso.Orchestrator`
 * settings. When the schema is not installed, the default role (administrator)
 * is active.
 *
 * Returns: the active #DrsoRole
 */
DrsoRole
drso_role_get_active (void)
{
  g_autoptr(GSettings) settings = _drso_settings_new ();

  if (settings == NULL)
    return DRSO_ROLE_ADMINISTRATOR;
  return (DrsoRole) g_settings_get_enum (settings, "role");
}
