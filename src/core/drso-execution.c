/* drso-execution.c
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
#include "drso-json-private.h"
#include "drso-run-private.h"
#include "drso-validation.h"

/**
 * DrsoExecution:
 *
 * One run of a recovery plan, a drill or a real recovery: its status, its
 * place in the plan, who started it and the runs of its waves. Its JSON form
 * is the seed's execution-history document.
 */
struct _DrsoExecution
{
  GObject parent_instance;

  char                *execution_id;
  char                *plan_id;
  char                *plan_name;
  char                *initiated_by;
  char               **errors;
  GListStore          *wave_runs;
  gint64               start_time;
  gint64               end_time;
  guint                current_wave;
  guint                total_waves;
  DrsoExecutionType    execution_type;
  DrsoExecutionStatus  status;
  guint                instances_terminated : 1;
};

G_DEFINE_FINAL_TYPE (DrsoExecution, drso_execution, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXECUTION_ID,
  PROP_PLAN_ID,
  PROP_PLAN_NAME,
  PROP_EXECUTION_TYPE,
  PROP_STATUS,
  PROP_CURRENT_WAVE,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_INITIATED_BY,
  PROP_ERRORS,
  PROP_INSTANCES_TERMINATED,
  PROP_WAVE_RUNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drso_execution_finalize (GObject *object)
{
  DrsoExecution *self = (DrsoExecution *) object;

  g_clear_pointer (&self->execution_id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->plan_name, g_free);
  g_clear_pointer (&self->initiated_by, g_free);
  g_clear_pointer (&self->errors, g_strfreev);
  g_clear_object (&self->wave_runs);

  G_OBJECT_CLASS (drso_execution_parent_class)->finalize (object);
}

static void
drso_execution_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DrsoExecution *self = DRSO_EXECUTION (object);

  switch (prop_id)
    {
    case PROP_EXECUTION_ID:
      g_value_set_string (value, self->execution_id);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, self->plan_id);
      break;
    case PROP_PLAN_NAME:
      g_value_set_string (value, self->plan_name);
      break;
    case PROP_EXECUTION_TYPE:
      g_value_set_enum (value, self->execution_type);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_CURRENT_WAVE:
      g_value_set_uint (value, self->current_wave);
      break;
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;
    case PROP_END_TIME:
      g_value_set_int64 (value, self->end_time);
      break;
    case PROP_INITIATED_BY:
      g_value_set_string (value, self->initiated_by);
      break;
    case PROP_ERRORS:
      g_value_set_boxed (value, self->errors);
      break;
    case PROP_INSTANCES_TERMINATED:
      g_value_set_boolean (value, self->instances_terminated);
      break;
    case PROP_WAVE_RUNS:
      g_value_set_object (value, self->wave_runs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_execution_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DrsoExecution *self = DRSO_EXECUTION (object);

  switch (prop_id)
    {
    case PROP_PLAN_ID:
      self->plan_id = g_value_dup_string (value);
      break;
    case PROP_PLAN_NAME:
      self->plan_name = g_value_dup_string (value);
      break;
    case PROP_EXECUTION_TYPE:
      self->execution_type = g_value_get_enum (value);
      break;
    case PROP_STATUS:
      drso_execution_set_status (self, g_value_get_enum (value));
      break;
    case PROP_CURRENT_WAVE:
      drso_execution_set_current_wave (self, g_value_get_uint (value));
      break;
    case PROP_START_TIME:
      drso_execution_set_start_time (self, g_value_get_int64 (value));
      break;
    case PROP_END_TIME:
      drso_execution_set_end_time (self, g_value_get_int64 (value));
      break;
    case PROP_INITIATED_BY:
      drso_execution_set_initiated_by (self, g_value_get_string (value));
      break;
    case PROP_INSTANCES_TERMINATED:
      drso_execution_set_instances_terminated (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_execution_class_init (DrsoExecutionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = drso_execution_finalize;
  object_class->get_property = drso_execution_get_property;
  object_class->set_property = drso_execution_set_property;

  properties[PROP_EXECUTION_ID] =
    g_param_spec_string ("execution-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAN_ID] = g_param_spec_string ("plan-id", NULL, NULL, NULL, construct);
  properties[PROP_PLAN_NAME] = g_param_spec_string ("plan-name", NULL, NULL, NULL, construct);
  properties[PROP_EXECUTION_TYPE] =
    g_param_spec_enum ("execution-type", NULL, NULL, DRSO_TYPE_EXECUTION_TYPE,
                       DRSO_EXECUTION_TYPE_DRILL, construct);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DRSO_TYPE_EXECUTION_STATUS,
                       DRSO_EXECUTION_STATUS_PENDING, flags);
  properties[PROP_CURRENT_WAVE] = g_param_spec_uint ("current-wave", NULL, NULL, 0, G_MAXUINT, 0,
                                                     flags);
  properties[PROP_START_TIME] = g_param_spec_int64 ("start-time", NULL, NULL, 0, G_MAXINT64, 0,
                                                    flags);
  properties[PROP_END_TIME] = g_param_spec_int64 ("end-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_INITIATED_BY] = g_param_spec_string ("initiated-by", NULL, NULL, NULL, flags);
  properties[PROP_ERRORS] = g_param_spec_boxed ("errors", NULL, NULL, G_TYPE_STRV,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INSTANCES_TERMINATED] =
    g_param_spec_boolean ("instances-terminated", NULL, NULL, FALSE, flags);
  properties[PROP_WAVE_RUNS] =
    g_param_spec_object ("wave-runs", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_execution_init (DrsoExecution *self)
{
  self->errors = g_new0 (char *, 1);
  self->wave_runs = g_list_store_new (DRSO_TYPE_WAVE_RUN);
}

/**
 * drso_execution_new:
 * @plan_id: the id of the plan to run
 * @plan_name: the plan's name when the execution starts
 * @execution_type: a drill or a real recovery
 *
 * Creates a pending execution with a new id.
 *
 * Returns: (transfer full): a new #DrsoExecution
 */
DrsoExecution *
drso_execution_new (const char        *plan_id,
                    const char        *plan_name,
                    DrsoExecutionType  execution_type)
{
  DrsoExecution *self;
  g_autofree char *uuid = g_uuid_string_random ();

  self = g_object_new (DRSO_TYPE_EXECUTION,
                       "plan-id", plan_id,
                       "plan-name", plan_name,
                       "execution-type", execution_type,
                       NULL);
  self->execution_id = g_strconcat ("exec-", uuid, NULL);
  return self;
}

void
_drso_execution_set_execution_id (DrsoExecution *self,
                                  const char    *execution_id)
{
  g_free (self->execution_id);
  self->execution_id = g_strdup (execution_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION_ID]);
}

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
      !_drso_json_get_strv (object, NULL, "errors", FALSE, &self->errors, error) ||
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

  waves = json_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->wave_runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWaveRun) run = g_list_model_get_item (G_LIST_MODEL (self->wave_runs), i);
      json_array_add_element (waves, drso_wave_run_to_json (run));
    }
  json_object_set_array_member (object, "waveStatus", waves);
  _drso_json_set_strv (object, "errors", (const char * const *) self->errors);
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

/**
 * drso_execution_get_execution_id:
 * @self: a #DrsoExecution
 *
 * Returns: the execution's id
 */
const char *
drso_execution_get_execution_id (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return self->execution_id;
}

/**
 * drso_execution_get_plan_id:
 * @self: a #DrsoExecution
 *
 * Returns: the id of the plan it runs
 */
const char *
drso_execution_get_plan_id (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return self->plan_id;
}

/**
 * drso_execution_get_plan_name:
 * @self: a #DrsoExecution
 *
 * Returns: (nullable): the plan's name when the execution started
 */
const char *
drso_execution_get_plan_name (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return self->plan_name;
}

/**
 * drso_execution_get_execution_type:
 * @self: a #DrsoExecution
 *
 * Returns: whether this is a drill or a real recovery
 */
DrsoExecutionType
drso_execution_get_execution_type (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), DRSO_EXECUTION_TYPE_DRILL);
  return self->execution_type;
}

/**
 * drso_execution_get_status:
 * @self: a #DrsoExecution
 *
 * Returns: the execution's status
 */
DrsoExecutionStatus
drso_execution_get_status (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), DRSO_EXECUTION_STATUS_PENDING);
  return self->status;
}

/**
 * drso_execution_set_status:
 * @self: a #DrsoExecution
 * @status: the execution's status
 */
void
drso_execution_set_status (DrsoExecution       *self,
                           DrsoExecutionStatus  status)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * drso_execution_get_current_wave:
 * @self: a #DrsoExecution
 *
 * Returns: the number of the wave being run or waited for, or 0 before the first
 */
guint
drso_execution_get_current_wave (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), 0);
  return self->current_wave;
}

/**
 * drso_execution_set_current_wave:
 * @self: a #DrsoExecution
 * @wave_number: the number of the current wave
 */
void
drso_execution_set_current_wave (DrsoExecution *self,
                                 guint          wave_number)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (self->current_wave == wave_number)
    return;
  self->current_wave = wave_number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_WAVE]);
}

/**
 * drso_execution_get_total_waves:
 * @self: a #DrsoExecution
 *
 * Returns: the number of waves of the plan being run: the value given with
 *   drso_execution_set_total_waves(), or else the number of wave runs
 */
guint
drso_execution_get_total_waves (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), 0);
  return MAX (self->total_waves, g_list_model_get_n_items (G_LIST_MODEL (self->wave_runs)));
}

/**
 * drso_execution_set_total_waves:
 * @self: a #DrsoExecution
 * @total_waves: the number of waves of the plan being run
 */
void
drso_execution_set_total_waves (DrsoExecution *self,
                                guint          total_waves)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  self->total_waves = total_waves;
}

/**
 * drso_execution_get_start_time:
 * @self: a #DrsoExecution
 *
 * Returns: when the execution started, in seconds since 1970, or 0
 */
gint64
drso_execution_get_start_time (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), 0);
  return self->start_time;
}

/**
 * drso_execution_set_start_time:
 * @self: a #DrsoExecution
 * @start_time: seconds since 1970
 */
void
drso_execution_set_start_time (DrsoExecution *self,
                               gint64         start_time)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (self->start_time == start_time)
    return;
  self->start_time = start_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

/**
 * drso_execution_get_end_time:
 * @self: a #DrsoExecution
 *
 * Returns: when the execution ended, in seconds since 1970, or 0
 */
gint64
drso_execution_get_end_time (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), 0);
  return self->end_time;
}

/**
 * drso_execution_set_end_time:
 * @self: a #DrsoExecution
 * @end_time: seconds since 1970
 */
void
drso_execution_set_end_time (DrsoExecution *self,
                             gint64         end_time)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (self->end_time == end_time)
    return;
  self->end_time = end_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

/**
 * drso_execution_get_duration:
 * @self: a #DrsoExecution
 *
 * Returns: the execution's duration in seconds, or 0 while it runs
 */
gint64
drso_execution_get_duration (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), 0);
  if (self->start_time == 0 || self->end_time < self->start_time)
    return 0;
  return self->end_time - self->start_time;
}

/**
 * drso_execution_get_initiated_by:
 * @self: a #DrsoExecution
 *
 * Returns: (nullable): who started the execution
 */
const char *
drso_execution_get_initiated_by (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return self->initiated_by;
}

/**
 * drso_execution_set_initiated_by:
 * @self: a #DrsoExecution
 * @initiated_by: (nullable): who started the execution
 */
void
drso_execution_set_initiated_by (DrsoExecution *self,
                                 const char    *initiated_by)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (g_strcmp0 (self->initiated_by, initiated_by) == 0)
    return;
  g_free (self->initiated_by);
  self->initiated_by = g_strdup (initiated_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIATED_BY]);
}

/**
 * drso_execution_get_errors:
 * @self: a #DrsoExecution
 *
 * Returns: (transfer none) (array zero-terminated=1): the errors met, as sentences
 */
const char * const *
drso_execution_get_errors (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return (const char * const *) self->errors;
}

/**
 * drso_execution_add_error:
 * @self: a #DrsoExecution
 * @message: a sentence describing the error
 */
void
drso_execution_add_error (DrsoExecution *self,
                          const char    *message)
{
  guint n;

  g_return_if_fail (DRSO_IS_EXECUTION (self));
  g_return_if_fail (message != NULL);

  n = g_strv_length (self->errors);
  self->errors = g_renew (char *, self->errors, n + 2);
  self->errors[n] = g_strdup (message);
  self->errors[n + 1] = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERRORS]);
}

/**
 * drso_execution_get_instances_terminated:
 * @self: a #DrsoExecution
 *
 * Returns: %TRUE once the recovery instances a drill launched were terminated
 */
gboolean
drso_execution_get_instances_terminated (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), FALSE);
  return self->instances_terminated;
}

/**
 * drso_execution_set_instances_terminated:
 * @self: a #DrsoExecution
 * @terminated: whether the recovery instances were terminated
 */
void
drso_execution_set_instances_terminated (DrsoExecution *self,
                                         gboolean       terminated)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (self->instances_terminated == !!terminated)
    return;
  self->instances_terminated = !!terminated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTANCES_TERMINATED]);
}

/**
 * drso_execution_get_wave_runs:
 * @self: a #DrsoExecution
 *
 * Returns: (transfer none): a list model of the #DrsoWaveRun objects, in wave order
 */
GListModel *
drso_execution_get_wave_runs (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return G_LIST_MODEL (self->wave_runs);
}

/**
 * drso_execution_add_wave_run:
 * @self: a #DrsoExecution
 * @wave_run: a #DrsoWaveRun
 */
void
drso_execution_add_wave_run (DrsoExecution *self,
                             DrsoWaveRun   *wave_run)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  g_return_if_fail (DRSO_IS_WAVE_RUN (wave_run));

  g_list_store_append (self->wave_runs, wave_run);
}

/**
 * drso_execution_get_wave_run:
 * @self: a #DrsoExecution
 * @wave_number: a wave number, from 1
 *
 * Returns: (transfer none) (nullable): the run of that wave, or %NULL
 */
DrsoWaveRun *
drso_execution_get_wave_run (DrsoExecution *self,
                             guint          wave_number)
{
  guint n;

  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->wave_runs));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWaveRun) run = g_list_model_get_item (G_LIST_MODEL (self->wave_runs), i);

      if (drso_wave_run_get_wave_number (run) == wave_number)
        return run;
    }
  return NULL;
}
