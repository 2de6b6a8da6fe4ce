/* drso-types.c
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

#include "drso-types.h"

static gboolean
lookup_value (const char * const *names,
              guint               n_names,
              const char         *str,
              int                *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], str) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char * const execution_type_names[] = { "DRILL", "RECOVERY" };

static const char * const execution_status_names[] = {
  "PENDING", "RUNNING", "PAUSED", "COMPLETED", "FAILED", "CANCELLED",
};

static const char * const wave_status_names[] = {
  "PENDING", "PAUSED", "IN_PROGRESS", "COMPLETED", "FAILED", "SKIPPED", "CANCELLED",
};

static const char * const launch_status_names[] = {
  "PENDING", "IN_PROGRESS", "LAUNCHED", "FAILED", "TERMINATED",
};

static const char * const event_kind_names[] = {
  "INFO", "WARNING", "ERROR", "EXECUTION_STARTED", "WAVE_STARTED", "JOB_STARTED",
  "SERVER_CHANGED", "WAVE_COMPLETED", "WAVE_FAILED", "PAUSED", "RESUMED", "CANCELLED",
  "EXECUTION_FINISHED",
};

static const char * const server_criticality_names[] = { "CRITICAL", "OPTIONAL" };

#define DEFINE_ENUM_STRINGS(prefix, Type, names)                                  \
  const char *                                                                    \
  prefix##_to_string (Type value)                                                 \
  {                                                                               \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);            \
    return names[value];                                                          \
  }                                                                               \
                                                                                  \
  gboolean                                                                        \
  prefix##_from_string (const char *str,                                          \
                        Type       *value)                                        \
  {                                                                               \
    int v;                                                                        \
                                                                                  \
    if (!lookup_value (names, G_N_ELEMENTS (names), str, &v))                     \
      return FALSE;                                                               \
    if (value != NULL)                                                            \
      *value = (Type) v;                                                          \
    return TRUE;                                                                  \
  }

/**
 * drso_execution_type_to_string:
 * @type: a #DrsoExecutionType
 *
 * Returns: the JSON name of @type, `DRILL` or `RECOVERY`
 */
/**
 * drso_execution_type_from_string:
 * @str: (nullable): a JSON name
 * @type: (out) (optional): where to store the value
 *
 * Returns: %TRUE if @str names an execution type
 */
DEFINE_ENUM_STRINGS (drso_execution_type, DrsoExecutionType, execution_type_names)

/**
 * drso_execution_status_to_string:
 * @status: a #DrsoExecutionStatus
 *
 * Returns: the JSON name of @status
 */
const char *
drso_execution_status_to_string (DrsoExecutionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (execution_status_names), NULL);
  return execution_status_names[status];
}

/**
 * drso_execution_status_from_string:
 * @str: (nullable): a JSON name
 * @status: (out) (optional): where to store the value
 *
 * Reads an execution status. The seed's `POLLING` and `IN_PROGRESS` read as
 * %DRSO_EXECUTION_STATUS_RUNNING.
 *
 * Returns: %TRUE if @str names an execution status
 */
gboolean
drso_execution_status_from_string (const char          *str,
                                   DrsoExecutionStatus *status)
{
  int v;

  if (g_strcmp0 (str, "POLLING") == 0 || g_strcmp0 (str, "IN_PROGRESS") == 0)
    v = DRSO_EXECUTION_STATUS_RUNNING;
  else if (!lookup_value (execution_status_names, G_N_ELEMENTS (execution_status_names), str, &v))
    return FALSE;

  if (status != NULL)
    *status = (DrsoExecutionStatus) v;
  return TRUE;
}

/**
 * drso_execution_status_is_final:
 * @status: a #DrsoExecutionStatus
 *
 * Returns: %TRUE if an execution with @status has ended
 */
gboolean
drso_execution_status_is_final (DrsoExecutionStatus status)
{
  return status == DRSO_EXECUTION_STATUS_COMPLETED ||
         status == DRSO_EXECUTION_STATUS_FAILED ||
         status == DRSO_EXECUTION_STATUS_CANCELLED;
}

/**
 * drso_wave_status_to_string:
 * @status: a #DrsoWaveStatus
 *
 * Returns: the JSON name of @status
 */
/**
 * drso_wave_status_from_string:
 * @str: (nullable): a JSON name
 * @status: (out) (optional): where to store the value
 *
 * Returns: %TRUE if @str names a wave status
 */
DEFINE_ENUM_STRINGS (drso_wave_status, DrsoWaveStatus, wave_status_names)

/**
 * drso_launch_status_to_string:
 * @status: a #DrsoLaunchStatus
 *
 * Returns: the DRS name of @status
 */
/**
 * drso_launch_status_from_string:
 * @str: (nullable): a DRS `LaunchStatus` name
 * @status: (out) (optional): where to store the value
 *
 * Returns: %TRUE if @str names a launch status
 */
DEFINE_ENUM_STRINGS (drso_launch_status, DrsoLaunchStatus, launch_status_names)

/**
 * drso_event_kind_to_string:
 * @kind: a #DrsoEventKind
 *
 * Returns: the JSON name of @kind
 */
/**
 * drso_event_kind_from_string:
 * @str: (nullable): a JSON name
 * @kind: (out) (optional): where to store the value
 *
 * Returns: %TRUE if @str names an event kind
 */
DEFINE_ENUM_STRINGS (drso_event_kind, DrsoEventKind, event_kind_names)

/**
 * drso_server_criticality_to_string:
 * @criticality: a #DrsoServerCriticality
 *
 * Returns: the JSON name of @criticality, `CRITICAL` or `OPTIONAL`
 */
/**
 * drso_server_criticality_from_string:
 * @str: (nullable): a JSON name
 * @criticality: (out) (optional): where to store the value
 *
 * Returns: %TRUE if @str names a server criticality
 */
DEFINE_ENUM_STRINGS (drso_server_criticality, DrsoServerCriticality, server_criticality_names)
