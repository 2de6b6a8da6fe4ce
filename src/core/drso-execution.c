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

#include "drso-execution-private.h"

/**
 * DrsoExecution:
 *
 * One run of a recovery plan, a drill or a real recovery: its status, its
 * place in the plan, who started it and the runs of its waves. Its JSON form
 * is the seed's execution-history document (drso-execution-json.c).
 */

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
  PROP_INITIATED_BY_ARN,
  PROP_ERRORS,
  PROP_WARNINGS,
  PROP_INSTANCES_TERMINATED,
  PROP_WAVE_RUNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
append_sentence (char       ***strv,
                 const char   *message)
{
  guint n = g_strv_length (*strv);

  *strv = g_renew (char *, *strv, n + 2);
  (*strv)[n] = g_strdup (message);
  (*strv)[n + 1] = NULL;
}

static void
drso_execution_finalize (GObject *object)
{
  DrsoExecution *self = (DrsoExecution *) object;

  g_clear_pointer (&self->execution_id, g_free);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_pointer (&self->plan_name, g_free);
  g_clear_pointer (&self->initiated_by, g_free);
  g_clear_pointer (&self->initiated_by_arn, g_free);
  g_clear_pointer (&self->errors, g_strfreev);
  g_clear_pointer (&self->warnings, g_strfreev);
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
    case PROP_INITIATED_BY_ARN:
      g_value_set_string (value, self->initiated_by_arn);
      break;
    case PROP_ERRORS:
      g_value_set_boxed (value, self->errors);
      break;
    case PROP_WARNINGS:
      g_value_set_boxed (value, self->warnings);
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
    case PROP_INITIATED_BY_ARN:
      drso_execution_set_initiated_by_arn (self, g_value_get_string (value));
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
  properties[PROP_INITIATED_BY_ARN] = g_param_spec_string ("initiated-by-arn", NULL, NULL, NULL,
                                                          flags);
  properties[PROP_ERRORS] = g_param_spec_boxed ("errors", NULL, NULL, G_TYPE_STRV,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WARNINGS] = g_param_spec_boxed ("warnings", NULL, NULL, G_TYPE_STRV,
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
  self->warnings = g_new0 (char *, 1);
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
 * drso_execution_get_initiated_by_arn:
 * @self: a #DrsoExecution
 *
 * Returns: (nullable): the ARN of the AWS identity that started the
 *   execution, as STS GetCallerIdentity gave it
 */
const char *
drso_execution_get_initiated_by_arn (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return self->initiated_by_arn;
}

/**
 * drso_execution_set_initiated_by_arn:
 * @self: a #DrsoExecution
 * @arn: (nullable): the caller's ARN
 */
void
drso_execution_set_initiated_by_arn (DrsoExecution *self,
                                     const char    *arn)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  if (g_strcmp0 (self->initiated_by_arn, arn) == 0)
    return;
  g_free (self->initiated_by_arn);
  self->initiated_by_arn = g_strdup (arn);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIATED_BY_ARN]);
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
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  g_return_if_fail (message != NULL);

  append_sentence (&self->errors, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERRORS]);
}

/**
 * drso_execution_get_warnings:
 * @self: a #DrsoExecution
 *
 * Returns: (transfer none) (array zero-terminated=1): what went wrong without
 *   stopping the execution (an optional server that failed, a missed
 *   objective), as sentences
 */
const char * const *
drso_execution_get_warnings (DrsoExecution *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION (self), NULL);
  return (const char * const *) self->warnings;
}

/**
 * drso_execution_add_warning:
 * @self: a #DrsoExecution
 * @message: a sentence describing the warning
 */
void
drso_execution_add_warning (DrsoExecution *self,
                            const char    *message)
{
  g_return_if_fail (DRSO_IS_EXECUTION (self));
  g_return_if_fail (message != NULL);

  append_sentence (&self->warnings, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNINGS]);
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
