/* drso-recovery-plan.c
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
#include "drso-recovery-plan-private.h"
#include "drso-validation.h"
#include "drso-wave-private.h"

/**
 * DrsoRecoveryPlan:
 *
 * An ordered list of waves, each launching some protection groups. Its JSON
 * form is the seed's recovery-plan document. The plan numbers its waves 1, 2,
 * ... in order; adding, removing or moving a wave renumbers the rest.
 *
 * A plan also carries what the engine needs to judge and steer a run: its
 * recovery point and recovery time objectives, and per-server settings
 * (criticality, a pinned recovery snapshot); see
 * drso_recovery_plan_set_server_criticality().
 */

G_DEFINE_FINAL_TYPE (DrsoRecoveryPlan, drso_recovery_plan, DRSO_TYPE_DOCUMENT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_WAVES,
  PROP_N_WAVES,
  PROP_ESTIMATED_TOTAL_DURATION,
  PROP_LAST_EXECUTION_ID,
  PROP_LAST_EXECUTION_STATUS,
  PROP_LAST_EXECUTION_DATE,
  PROP_RPO_TARGET,
  PROP_RTO_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
renumber_waves (DrsoRecoveryPlan *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (G_LIST_MODEL (self->waves), i);
      drso_wave_set_wave_number (wave, i + 1);
    }
}

static void
wave_duration_cb (DrsoRecoveryPlan *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_TOTAL_DURATION]);
}

static void
waves_changed_cb (DrsoRecoveryPlan *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (model, i);

      /* Once per wave, even when a move adds it again. */
      g_signal_handlers_disconnect_by_data (wave, self);
      g_signal_connect_object (wave, "notify::estimated-duration", G_CALLBACK (wave_duration_cb),
                               self, G_CONNECT_SWAPPED);
    }

  renumber_waves (self);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAVES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_TOTAL_DURATION]);
}

static void
drso_recovery_plan_serialize (DrsoDocument *document,
                              JsonObject   *object)
{
  DrsoRecoveryPlan *self = DRSO_RECOVERY_PLAN (document);
  JsonArray *waves = json_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));

  json_object_set_string_member (object, "description", self->description ? self->description : "");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (G_LIST_MODEL (self->waves), i);
      json_array_add_element (waves, drso_wave_to_json (wave));
    }
  json_object_set_array_member (object, "waves", waves);
  json_object_set_int_member (object, "totalWaves", n);
  json_object_set_int_member (object, "estimatedTotalDuration",
                              drso_recovery_plan_get_estimated_total_duration (self));
  _drso_json_set_string (object, "lastExecutionId", self->last_execution_id);
  _drso_json_set_string (object, "lastExecutionStatus", self->last_execution_status);
  _drso_json_set_time (object, "lastExecutionDate", self->last_execution_date);
  _drso_recovery_plan_serialize_settings (self, object);
}

static int
compare_wave_numbers (gconstpointer a,
                      gconstpointer b)
{
  guint na = drso_wave_get_wave_number (*(DrsoWave **) a);
  guint nb = drso_wave_get_wave_number (*(DrsoWave **) b);

  return (na > nb) - (na < nb);
}

static gboolean
drso_recovery_plan_deserialize (DrsoDocument  *document,
                                JsonObject    *object,
                                const char    *path,
                                GError       **error)
{
  DrsoRecoveryPlan *self = DRSO_RECOVERY_PLAN (document);
  g_autoptr(GPtrArray) waves = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = NULL;
  guint n;

  if (!_drso_json_get_string (object, path, "description", FALSE, &self->description, error) ||
      !_drso_json_get_array (object, path, "waves", TRUE, &array, error) ||
      !_drso_json_get_string (object, path, "lastExecutionId", FALSE, &self->last_execution_id,
                              error) ||
      !_drso_json_get_string (object, path, "lastExecutionStatus", FALSE,
                              &self->last_execution_status, error) ||
      !_drso_json_get_int (object, path, "lastExecutionDate", FALSE, 0, G_MAXINT64,
                           &self->last_execution_date, error) ||
      !_drso_recovery_plan_deserialize_settings (self, object, path, error))
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *index = g_strdup_printf ("[%u]", i);
      g_autofree char *waves_path = _drso_json_path (path, "waves");
      g_autofree char *wave_path = _drso_json_path (waves_path, index);
      DrsoWave *wave = _drso_wave_new_from_json_at (json_array_get_element (array, i), wave_path,
                                                    error);

      if (wave == NULL)
        return FALSE;

      for (guint j = 0; j < waves->len; j++)
        {
          if (drso_wave_get_wave_number (g_ptr_array_index (waves, j)) ==
              drso_wave_get_wave_number (wave))
            {
              g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_WAVE_NUMBER,
                           _("The recovery plan “%s” has two waves numbered %u"),
                           drso_document_get_name (document), drso_wave_get_wave_number (wave));
              g_object_unref (wave);
              return FALSE;
            }
        }
      g_ptr_array_add (waves, wave);
    }

  /* Waves run in the order of their numbers; the plan numbers them 1..n. */
  g_ptr_array_sort (waves, compare_wave_numbers);
  g_list_store_splice (self->waves, 0, g_list_model_get_n_items (G_LIST_MODEL (self->waves)),
                       waves->pdata, waves->len);
  return TRUE;
}

static gboolean
drso_recovery_plan_validate (DrsoDocument  *document,
                             GError       **error)
{
  DrsoRecoveryPlan *self = DRSO_RECOVERY_PLAN (document);
  const char *name = drso_document_get_name (document);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (!drso_validate_name (_("recovery plan"), name, error))
    return FALSE;

  if (n == 0)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NO_WAVES,
                   _("The recovery plan “%s” has no waves: add at least one wave"), name);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (G_LIST_MODEL (self->waves), i);
      const char * const *group_ids = drso_wave_get_protection_group_ids (wave);
      const char *wave_name = drso_wave_get_wave_name (wave);

      if (wave_name != NULL && wave_name[0] != '\0' &&
          !drso_validate_name (_("wave"), wave_name, error))
        return FALSE;

      if (group_ids[0] == NULL)
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WAVE_WITHOUT_GROUPS,
                       _("Wave %u of the recovery plan “%s” has no protection group: add a "
                         "group to it or remove the wave"),
                       i + 1, name);
          return FALSE;
        }

      for (guint j = 0; group_ids[j] != NULL; j++)
        {
          gpointer other_wave;

          if (!drso_validate_id (_("protection group"), group_ids[j], error))
            return FALSE;

          if (g_hash_table_lookup_extended (seen, group_ids[j], NULL, &other_wave))
            {
              g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES,
                           _("The protection group %s is in waves %u and %u of the recovery "
                             "plan “%s”: a group can be in one wave only"),
                           group_ids[j], GPOINTER_TO_UINT (other_wave), i + 1, name);
              return FALSE;
            }
          g_hash_table_insert (seen, (gpointer) group_ids[j], GUINT_TO_POINTER (i + 1));
        }
    }

  return _drso_recovery_plan_validate_settings (self, error);
}

static void
drso_recovery_plan_finalize (GObject *object)
{
  DrsoRecoveryPlan *self = (DrsoRecoveryPlan *) object;

  g_clear_pointer (&self->description, g_free);
  g_clear_object (&self->waves);
  g_clear_pointer (&self->last_execution_id, g_free);
  g_clear_pointer (&self->last_execution_status, g_free);
  g_clear_pointer (&self->server_settings, g_hash_table_unref);

  G_OBJECT_CLASS (drso_recovery_plan_parent_class)->finalize (object);
}

static void
drso_recovery_plan_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DrsoRecoveryPlan *self = DRSO_RECOVERY_PLAN (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_WAVES:
      g_value_set_object (value, self->waves);
      break;
    case PROP_N_WAVES:
      g_value_set_uint (value, drso_recovery_plan_get_n_waves (self));
      break;
    case PROP_ESTIMATED_TOTAL_DURATION:
      g_value_set_uint (value, drso_recovery_plan_get_estimated_total_duration (self));
      break;
    case PROP_LAST_EXECUTION_ID:
      g_value_set_string (value, self->last_execution_id);
      break;
    case PROP_LAST_EXECUTION_STATUS:
      g_value_set_string (value, self->last_execution_status);
      break;
    case PROP_LAST_EXECUTION_DATE:
      g_value_set_int64 (value, self->last_execution_date);
      break;
    case PROP_RPO_TARGET:
      g_value_set_uint (value, self->rpo_target);
      break;
    case PROP_RTO_TARGET:
      g_value_set_uint (value, self->rto_target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_recovery_plan_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DrsoRecoveryPlan *self = DRSO_RECOVERY_PLAN (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      drso_recovery_plan_set_description (self, g_value_get_string (value));
      break;
    case PROP_RPO_TARGET:
      drso_recovery_plan_set_rpo_target (self, g_value_get_uint (value));
      break;
    case PROP_RTO_TARGET:
      drso_recovery_plan_set_rto_target (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_recovery_plan_class_init (DrsoRecoveryPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DrsoDocumentClass *document_class = DRSO_DOCUMENT_CLASS (klass);

  object_class->finalize = drso_recovery_plan_finalize;
  object_class->get_property = drso_recovery_plan_get_property;
  object_class->set_property = drso_recovery_plan_set_property;

  document_class->id_key = "planId";
  document_class->name_key = "planName";
  document_class->id_prefix = "plan-";
  document_class->serialize = drso_recovery_plan_serialize;
  document_class->deserialize = drso_recovery_plan_deserialize;
  document_class->validate = drso_recovery_plan_validate;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAVES] =
    g_param_spec_object ("waves", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WAVES] =
    g_param_spec_uint ("n-waves", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ESTIMATED_TOTAL_DURATION] =
    g_param_spec_uint ("estimated-total-duration", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_EXECUTION_ID] =
    g_param_spec_string ("last-execution-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_EXECUTION_STATUS] =
    g_param_spec_string ("last-execution-status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_EXECUTION_DATE] =
    g_param_spec_int64 ("last-execution-date", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * DrsoRecoveryPlan:rpo-target:
   *
   * The recovery point objective in seconds (`rpoTargetSeconds`), 0 for none.
   */
  properties[PROP_RPO_TARGET] =
    g_param_spec_uint ("rpo-target", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DrsoRecoveryPlan:rto-target:
   *
   * The recovery time objective in seconds (`rtoTargetSeconds`), 0 for none.
   */
  properties[PROP_RTO_TARGET] =
    g_param_spec_uint ("rto-target", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_recovery_plan_init (DrsoRecoveryPlan *self)
{
  self->waves = g_list_store_new (DRSO_TYPE_WAVE);
  self->server_settings = _drso_recovery_plan_settings_new ();
  g_signal_connect_object (self->waves, "items-changed", G_CALLBACK (waves_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * drso_recovery_plan_new:
 * @plan_name: the plan's name
 *
 * Creates a plan with a new id and no waves yet.
 *
 * Returns: (transfer full): a new #DrsoRecoveryPlan
 */
DrsoRecoveryPlan *
drso_recovery_plan_new (const char *plan_name)
{
  DrsoRecoveryPlan *self = g_object_new (DRSO_TYPE_RECOVERY_PLAN, "name", plan_name, NULL);

  drso_document_ensure_id (DRSO_DOCUMENT (self));
  return self;
}

/**
 * drso_recovery_plan_new_from_json:
 * @node: a JSON object in the seed's recovery-plan shape
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL on error
 */
DrsoRecoveryPlan *
drso_recovery_plan_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  return DRSO_RECOVERY_PLAN (drso_document_new_from_json (DRSO_TYPE_RECOVERY_PLAN, node, error));
}

/**
 * drso_recovery_plan_get_plan_id:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (nullable): the plan's id
 */
const char *
drso_recovery_plan_get_plan_id (DrsoRecoveryPlan *self)
{
  return drso_document_get_id (DRSO_DOCUMENT (self));
}

/**
 * drso_recovery_plan_get_plan_name:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (nullable): the plan's name
 */
const char *
drso_recovery_plan_get_plan_name (DrsoRecoveryPlan *self)
{
  return drso_document_get_name (DRSO_DOCUMENT (self));
}

/**
 * drso_recovery_plan_get_description:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (nullable): the description
 */
const char *
drso_recovery_plan_get_description (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);
  return self->description;
}

/**
 * drso_recovery_plan_set_description:
 * @self: a #DrsoRecoveryPlan
 * @description: (nullable): a description
 */
void
drso_recovery_plan_set_description (DrsoRecoveryPlan *self,
                                    const char       *description)
{
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  if (g_strcmp0 (self->description, description) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * drso_recovery_plan_get_waves:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (transfer none): a list model of the plan's #DrsoWave objects, in order
 */
GListModel *
drso_recovery_plan_get_waves (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);
  return G_LIST_MODEL (self->waves);
}

/**
 * drso_recovery_plan_get_n_waves:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: the number of waves (the seed's `totalWaves`)
 */
guint
drso_recovery_plan_get_n_waves (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->waves));
}

/**
 * drso_recovery_plan_get_wave:
 * @self: a #DrsoRecoveryPlan
 * @wave_number: a wave number, from 1
 *
 * Returns: (transfer none) (nullable): the wave, or %NULL if there is no such wave
 */
DrsoWave *
drso_recovery_plan_get_wave (DrsoRecoveryPlan *self,
                             guint             wave_number)
{
  g_autoptr(DrsoWave) wave = NULL;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);

  if (wave_number == 0)
    return NULL;
  wave = g_list_model_get_item (G_LIST_MODEL (self->waves), wave_number - 1);
  /* The store holds the reference that is returned. */
  return wave;
}

/**
 * drso_recovery_plan_append_wave:
 * @self: a #DrsoRecoveryPlan
 * @wave: a #DrsoWave
 *
 * Adds @wave after the last wave and numbers it.
 */
void
drso_recovery_plan_append_wave (DrsoRecoveryPlan *self,
                                DrsoWave         *wave)
{
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  g_return_if_fail (DRSO_IS_WAVE (wave));

  g_list_store_append (self->waves, wave);
}

/**
 * drso_recovery_plan_insert_wave:
 * @self: a #DrsoRecoveryPlan
 * @position: where to insert, from 0; past the end appends
 * @wave: a #DrsoWave
 *
 * Inserts @wave and renumbers the waves.
 */
void
drso_recovery_plan_insert_wave (DrsoRecoveryPlan *self,
                                guint             position,
                                DrsoWave         *wave)
{
  guint n;

  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  g_return_if_fail (DRSO_IS_WAVE (wave));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));
  g_list_store_insert (self->waves, MIN (position, n), wave);
}

/**
 * drso_recovery_plan_remove_wave:
 * @self: a #DrsoRecoveryPlan
 * @wave_number: a wave number, from 1
 *
 * Returns: %TRUE if the wave existed and was removed
 */
gboolean
drso_recovery_plan_remove_wave (DrsoRecoveryPlan *self,
                                guint             wave_number)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), FALSE);

  if (wave_number == 0 || wave_number > g_list_model_get_n_items (G_LIST_MODEL (self->waves)))
    return FALSE;
  g_list_store_remove (self->waves, wave_number - 1);
  return TRUE;
}

/**
 * drso_recovery_plan_move_wave:
 * @self: a #DrsoRecoveryPlan
 * @from_number: the number of the wave to move
 * @to_number: the number it should have afterwards
 *
 * Returns: %TRUE if both numbers name waves of the plan
 */
gboolean
drso_recovery_plan_move_wave (DrsoRecoveryPlan *self,
                              guint             from_number,
                              guint             to_number)
{
  guint n;
  g_autoptr(DrsoWave) wave = NULL;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));
  if (from_number == 0 || to_number == 0 || from_number > n || to_number > n)
    return FALSE;
  if (from_number == to_number)
    return TRUE;

  {
    guint first = MIN (from_number, to_number) - 1;
    guint count = MAX (from_number, to_number) - first;
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    /* One splice over the affected range: the number of waves never changes. */
    for (guint i = 0; i < count; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->waves), first + i));
    wave = g_ptr_array_steal_index (items, from_number - 1 - first);
    g_ptr_array_insert (items, to_number - 1 - first, wave);
    g_list_store_splice (self->waves, first, count, items->pdata, count);
    g_steal_pointer (&wave);
  }
  return TRUE;
}

/**
 * drso_recovery_plan_find_group:
 * @self: a #DrsoRecoveryPlan
 * @group_id: a protection group id
 *
 * Returns: (transfer none) (nullable): the wave that holds @group_id, or %NULL
 */
DrsoWave *
drso_recovery_plan_find_group (DrsoRecoveryPlan *self,
                               const char       *group_id)
{
  guint n;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (G_LIST_MODEL (self->waves), i);

      if (drso_wave_has_protection_group_id (wave, group_id))
        return wave;
    }
  return NULL;
}

/**
 * drso_recovery_plan_dup_group_ids:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of every group of
 *   every wave, in wave order
 */
char **
drso_recovery_plan_dup_group_ids (DrsoRecoveryPlan *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (G_LIST_MODEL (self->waves), i);
      g_strv_builder_addv (builder, (const char **) drso_wave_get_protection_group_ids (wave));
    }
  return g_strv_builder_end (builder);
}

/**
 * drso_recovery_plan_get_estimated_total_duration:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: the sum of the waves' estimated durations, in seconds
 */
guint
drso_recovery_plan_get_estimated_total_duration (DrsoRecoveryPlan *self)
{
  guint total = 0, n;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->waves));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (G_LIST_MODEL (self->waves), i);
      total += drso_wave_get_estimated_duration (wave);
    }
  return total;
}

/**
 * drso_recovery_plan_get_last_execution_id:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (nullable): the id of the plan's latest execution
 */
const char *
drso_recovery_plan_get_last_execution_id (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);
  return self->last_execution_id;
}

/**
 * drso_recovery_plan_get_last_execution_status:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (nullable): the status of the plan's latest execution
 */
const char *
drso_recovery_plan_get_last_execution_status (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);
  return self->last_execution_status;
}

/**
 * drso_recovery_plan_get_last_execution_date:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: when the plan's latest execution started, in seconds since 1970, or 0
 */
gint64
drso_recovery_plan_get_last_execution_date (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), 0);
  return self->last_execution_date;
}

/**
 * drso_recovery_plan_set_last_execution:
 * @self: a #DrsoRecoveryPlan
 * @execution_id: (nullable): the latest execution's id
 * @status: (nullable): its status
 * @date: when it started, in seconds since 1970
 */
void
drso_recovery_plan_set_last_execution (DrsoRecoveryPlan *self,
                                       const char       *execution_id,
                                       const char       *status,
                                       gint64            date)
{
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->last_execution_id, execution_id) != 0)
    {
      g_free (self->last_execution_id);
      self->last_execution_id = g_strdup (execution_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EXECUTION_ID]);
    }
  if (g_strcmp0 (self->last_execution_status, status) != 0)
    {
      g_free (self->last_execution_status);
      self->last_execution_status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EXECUTION_STATUS]);
    }
  if (self->last_execution_date != date)
    {
      self->last_execution_date = date;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EXECUTION_DATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
