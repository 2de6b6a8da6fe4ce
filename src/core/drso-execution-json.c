/* drso-execution-json.c
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

#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-execution-private.h"
#include "drso-json-private.h"
#include "drso-validation.h"

/* The JSON form of an execution: the seed's execution-history document, with
 * initiatedByArn and warnings added (both optional when read). Times of the
 * execution and its waves are seconds since 1970; the per-server times
 * (launchRequested, snapshotStart, ...) are microseconds since 1970, see
 * drso_server_run_to_json(). */

/**
 * drso_execution_new_from_json:
 * @node: a JSON object in the seed's execution-history shape
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the execution, or %NULL on error
 */
DrsoExecution *
drso_execution_new_from_json (JsonNode  *node,
                              GError   **error)
{
  JsonObject *object = _drso_json_node_get_object (node, NULL, error);
  g_autoptr(DrsoExecution) self = NULL;
  g_autofree char *id = NULL, *plan_id = NULL, *plan_name = NULL, *type = NULL, *status = NULL;
  DrsoExecutionType execution_type;
  JsonArray *waves = NULL;
  gint64 current_wave = 0, total_waves = 0;
  gboolean terminated = FALSE;

  if (object == NULL ||
      !_drso_json_get_string (object, NULL, "executionId", TRUE, &id, error) ||
      !_drso_json_get_string (object, NULL, "planId", TRUE, &plan_id, error) ||
      !_drso_json_get_string (object, NULL, "planName", FALSE, &plan_name, error) ||
      !_drso_json_get_string (object, NULL, "executionType", TRUE, &type, error) ||
      !_drso_json_get_string (object, NULL, "status", TRUE, &status, error))
    return NULL;

  if (!drso_validate_id (_("execution"), id, error))
    return NULL;

  if (!drso_execution_type_from_string (type, &execution_type))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("executionType is “%s”, not DRILL or RECOVERY"), type);
      return NULL;
    }

  self = drso_execution_new (plan_id, plan_name, execution_type);
  g_free (self->execution_id);
  self->execution_id = g_steal_pointer (&id);

  if (!drso_execution_status_from_string (status, &self->status))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("status is “%s”, not an execution status"), status);
      return NULL;
    }

  if (!_drso_json_get_int (object, NULL, "currentWave", FALSE, 0, 10000, &current_wave, error) ||
      !_drso_json_get_int (object, NULL, "totalWaves", FALSE, 0, 10000, &total_waves, error) ||
      !_drso_json_get_int (object, NULL, "startTime", FALSE, 0, G_MAXINT64, &self->start_time,
                           error) ||
      !_drso_json_get_int (object, NULL, "endTime", FALSE, 0, G_MAXINT64, &self->end_time,
                           error) ||
      !_drso_json_get_string (object, NULL, "initiatedBy", FALSE, &self->initiated_by, error) ||
      !_drso_json_get_string (object, NULL, "initiatedByArn", FALSE, &self->initiated_by_arn,
                              error) ||
      !_drso_json_get_strv (object, NULL, "errors", FALSE, &self->errors, error) ||
      !_drso_json_get_strv (object, NULL, "warnings", FALSE, &self->warnings, error) ||
      !_drso_json_get_bool (object, NULL, "instancesTerminated", FALSE, &terminated, error) ||
      !_drso_json_get_array (object, NULL, "waveStatus", FALSE, &waves, error))
    return NULL;

  self->current_wave = (guint) current_wave;
  self->total_waves = (guint) total_waves;
  self->instances_terminated = terminated;

  for (guint i = 0; waves != NULL && i < json_array_get_length (waves); i++)
    {
      g_autofree char *path = g_strdup_printf ("waveStatus[%u]", i);
      g_autoptr(DrsoWaveRun) run = NULL;

      run = _drso_wave_run_new_from_json_at (json_array_get_element (waves, i), path, error);
      if (run == NULL)
        return NULL;
      if (drso_execution_get_wave_run (self, drso_wave_run_get_wave_number (run)) != NULL)
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER,
                       _("waveStatus has two entries for wave %u"),
                       drso_wave_run_get_wave_number (run));
          return NULL;
        }
      g_list_store_append (self->wave_runs, run);
    }

  return g_steal_pointer (&self);
}

/**
 * drso_execution_to_json:
 * @self: a #DrsoExecution
 *
 * Returns: (transfer full): the execution as a JSON object
 */
JsonNode *
drso_execution_to_json (DrsoExecution *self)
{
  JsonObject *object;
  JsonArray *waves;
  JsonNode *node;
  guint n;

  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "executionId", self->execution_id);
  _drso_json_set_string (object, "planId", self->plan_id);
  _drso_json_set_string (object, "planName", self->plan_name);
  json_object_set_string_member (object, "executionType",
                                 drso_execution_type_to_string (self->execution_type));
  json_object_set_string_member (object, "status", drso_execution_status_to_string (self->status));
  json_object_set_int_member (object, "currentWave", self->current_wave);
  json_object_set_int_member (object, "totalWaves", drso_execution_get_total_waves (self));
  _drso_json_set_time (object, "startTime", self->start_time);
  _drso_json_set_time (object, "endTime", self->end_time);
  if (self->end_time != 0)
    json_object_set_int_member (object, "duration", drso_execution_get_duration (self));
  _drso_json_set_string (object, "initiatedBy", self->initiated_by);
  _drso_json_set_string (object, "initiatedByArn", self->initiated_by_arn);

  waves = json_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->wave_runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWaveRun) run = g_list_model_get_item (G_LIST_MODEL (self->wave_runs), i);
      json_array_add_element (waves, drso_wave_run_to_json (run));
    }
  json_object_set_array_member (object, "waveStatus", waves);
  _drso_json_set_strv (object, "errors", (const char * const *) self->errors);
  _drso_json_set_strv (object, "warnings", (const char * const *) self->warnings);
  json_object_set_boolean_member (object, "instancesTerminated", self->instances_terminated);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_execution_copy:
 * @self: a #DrsoExecution
 *
 * Returns: (transfer full): a deep copy of @self
 */
DrsoExecution *
drso_execution_copy (DrsoExecution *self)
{
  g_autoptr(JsonNode) node = drso_execution_to_json (self);

  return drso_execution_new_from_json (node, NULL);
}
