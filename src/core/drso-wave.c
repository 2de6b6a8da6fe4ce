/* drso-wave.c
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
#include "drso-wave-private.h"

/**
 * DrsoWave:
 *
 * One step of a recovery plan: the protection groups launched together, whether
 * the plan pauses for approval before it, and how long it is expected to take.
 * Its JSON form is an entry of the seed's `waves` array.
 */
struct _DrsoWave
{
  GObject parent_instance;

  char   *wave_name;
  char  **group_ids;
  guint   wave_number;
  guint   estimated_duration;
  guint   pause_before_wave : 1;
};

G_DEFINE_FINAL_TYPE (DrsoWave, drso_wave, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WAVE_NUMBER,
  PROP_WAVE_NAME,
  PROP_PROTECTION_GROUP_IDS,
  PROP_PAUSE_BEFORE_WAVE,
  PROP_ESTIMATED_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drso_wave_finalize (GObject *object)
{
  DrsoWave *self = (DrsoWave *) object;

  g_clear_pointer (&self->wave_name, g_free);
  g_clear_pointer (&self->group_ids, g_strfreev);

  G_OBJECT_CLASS (drso_wave_parent_class)->finalize (object);
}

static void
drso_wave_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DrsoWave *self = DRSO_WAVE (object);

  switch (prop_id)
    {
    case PROP_WAVE_NUMBER:
      g_value_set_uint (value, self->wave_number);
      break;
    case PROP_WAVE_NAME:
      g_value_set_string (value, self->wave_name);
      break;
    case PROP_PROTECTION_GROUP_IDS:
      g_value_set_boxed (value, self->group_ids);
      break;
    case PROP_PAUSE_BEFORE_WAVE:
      g_value_set_boolean (value, self->pause_before_wave);
      break;
    case PROP_ESTIMATED_DURATION:
      g_value_set_uint (value, self->estimated_duration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_wave_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DrsoWave *self = DRSO_WAVE (object);

  switch (prop_id)
    {
    case PROP_WAVE_NUMBER:
      drso_wave_set_wave_number (self, g_value_get_uint (value));
      break;
    case PROP_WAVE_NAME:
      drso_wave_set_wave_name (self, g_value_get_string (value));
      break;
    case PROP_PROTECTION_GROUP_IDS:
      drso_wave_set_protection_group_ids (self, g_value_get_boxed (value));
      break;
    case PROP_PAUSE_BEFORE_WAVE:
      drso_wave_set_pause_before_wave (self, g_value_get_boolean (value));
      break;
    case PROP_ESTIMATED_DURATION:
      drso_wave_set_estimated_duration (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_wave_class_init (DrsoWaveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_wave_finalize;
  object_class->get_property = drso_wave_get_property;
  object_class->set_property = drso_wave_set_property;

  properties[PROP_WAVE_NUMBER] =
    g_param_spec_uint ("wave-number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAVE_NAME] =
    g_param_spec_string ("wave-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTECTION_GROUP_IDS] =
    g_param_spec_boxed ("protection-group-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAUSE_BEFORE_WAVE] =
    g_param_spec_boolean ("pause-before-wave", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ESTIMATED_DURATION] =
    g_param_spec_uint ("estimated-duration", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_wave_init (DrsoWave *self)
{
  self->group_ids = g_new0 (char *, 1);
}

/**
 * drso_wave_new:
 * @wave_name: (nullable): the wave's name
 *
 * Returns: (transfer full): a new wave with no groups; its number is given
 *   when it is added to a plan
 */
DrsoWave *
drso_wave_new (const char *wave_name)
{
  return g_object_new (DRSO_TYPE_WAVE, "wave-name", wave_name, NULL);
}

DrsoWave *
_drso_wave_new_from_json_at (JsonNode    *node,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(DrsoWave) self = g_object_new (DRSO_TYPE_WAVE, NULL);
  JsonObject *object = _drso_json_node_get_object (node, path, error);
  g_auto(GStrv) group_ids = NULL;
  gint64 number = 0, duration = 0;
  gboolean pause = FALSE;

  if (object == NULL)
    return NULL;

  if (!_drso_json_get_int (object, path, "waveNumber", TRUE, 1, 10000, &number, error) ||
      !_drso_json_get_string (object, path, "waveName", FALSE, &self->wave_name, error) ||
      !_drso_json_get_strv (object, path, "protectionGroupIds", TRUE, &group_ids, error) ||
      !_drso_json_get_bool (object, path, "pauseBeforeWave", FALSE, &pause, error) ||
      !_drso_json_get_int (object, path, "estimatedDuration", FALSE, 0, G_MAXINT32, &duration,
                           error))
    return NULL;

  self->wave_number = (guint) number;
  self->estimated_duration = (guint) duration;
  self->pause_before_wave = pause;
  drso_wave_set_protection_group_ids (self, (const char * const *) group_ids);
  return g_steal_pointer (&self);
}

/**
 * drso_wave_new_from_json:
 * @node: a JSON object: an entry of a plan's `waves`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the wave, or %NULL on error
 */
DrsoWave *
drso_wave_new_from_json (JsonNode  *node,
                         GError   **error)
{
  return _drso_wave_new_from_json_at (node, NULL, error);
}

/**
 * drso_wave_to_json:
 * @self: a #DrsoWave
 *
 * Returns: (transfer full): the wave as a JSON object
 */
JsonNode *
drso_wave_to_json (DrsoWave *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (DRSO_IS_WAVE (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "waveNumber", self->wave_number);
  json_object_set_string_member (object, "waveName", self->wave_name ? self->wave_name : "");
  _drso_json_set_strv (object, "protectionGroupIds", (const char * const *) self->group_ids);
  json_object_set_boolean_member (object, "pauseBeforeWave", self->pause_before_wave);
  json_object_set_int_member (object, "estimatedDuration", self->estimated_duration);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_wave_copy:
 * @self: a #DrsoWave
 *
 * Returns: (transfer full): a copy of @self
 */
DrsoWave *
drso_wave_copy (DrsoWave *self)
{
  DrsoWave *copy;

  g_return_val_if_fail (DRSO_IS_WAVE (self), NULL);

  copy = drso_wave_new (self->wave_name);
  copy->wave_number = self->wave_number;
  copy->estimated_duration = self->estimated_duration;
  copy->pause_before_wave = self->pause_before_wave;
  g_strfreev (copy->group_ids);
  copy->group_ids = g_strdupv (self->group_ids);
  return copy;
}

/**
 * drso_wave_get_wave_number:
 * @self: a #DrsoWave
 *
 * Returns: the wave's place in its plan, from 1
 */
guint
drso_wave_get_wave_number (DrsoWave *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE (self), 0);
  return self->wave_number;
}

/**
 * drso_wave_set_wave_number:
 * @self: a #DrsoWave
 * @wave_number: the wave's place in its plan, from 1
 */
void
drso_wave_set_wave_number (DrsoWave *self,
                           guint     wave_number)
{
  g_return_if_fail (DRSO_IS_WAVE (self));
  if (self->wave_number == wave_number)
    return;
  self->wave_number = wave_number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAVE_NUMBER]);
}

/**
 * drso_wave_get_wave_name:
 * @self: a #DrsoWave
 *
 * Returns: (nullable): the wave's name
 */
const char *
drso_wave_get_wave_name (DrsoWave *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE (self), NULL);
  return self->wave_name;
}

/**
 * drso_wave_set_wave_name:
 * @self: a #DrsoWave
 * @wave_name: (nullable): the wave's name
 */
void
drso_wave_set_wave_name (DrsoWave   *self,
                         const char *wave_name)
{
  g_return_if_fail (DRSO_IS_WAVE (self));
  if (g_strcmp0 (self->wave_name, wave_name) == 0)
    return;
  g_free (self->wave_name);
  self->wave_name = g_strdup (wave_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAVE_NAME]);
}

/**
 * drso_wave_get_protection_group_ids:
 * @self: a #DrsoWave
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the wave's groups
 */
const char * const *
drso_wave_get_protection_group_ids (DrsoWave *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE (self), NULL);
  return (const char * const *) self->group_ids;
}

/**
 * drso_wave_set_protection_group_ids:
 * @self: a #DrsoWave
 * @group_ids: (nullable) (array zero-terminated=1): protection group ids; repeats are dropped
 */
void
drso_wave_set_protection_group_ids (DrsoWave           *self,
                                    const char * const *group_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) unique = NULL;

  g_return_if_fail (DRSO_IS_WAVE (self));

  for (guint i = 0; group_ids != NULL && group_ids[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (group_ids[i], group_ids[j]);
      if (!seen)
        g_strv_builder_add (builder, group_ids[i]);
    }
  unique = g_strv_builder_end (builder);

  if (g_strv_equal ((const char * const *) self->group_ids, (const char * const *) unique))
    return;
  g_strfreev (self->group_ids);
  self->group_ids = g_steal_pointer (&unique);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTECTION_GROUP_IDS]);
}

/**
 * drso_wave_add_protection_group_id:
 * @self: a #DrsoWave
 * @group_id: a protection group id
 *
 * Adds @group_id at the end, unless the wave already has it.
 */
void
drso_wave_add_protection_group_id (DrsoWave   *self,
                                   const char *group_id)
{
  guint n;

  g_return_if_fail (DRSO_IS_WAVE (self));
  g_return_if_fail (group_id != NULL);

  if (drso_wave_has_protection_group_id (self, group_id))
    return;

  n = g_strv_length (self->group_ids);
  self->group_ids = g_renew (char *, self->group_ids, n + 2);
  self->group_ids[n] = g_strdup (group_id);
  self->group_ids[n + 1] = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTECTION_GROUP_IDS]);
}

/**
 * drso_wave_remove_protection_group_id:
 * @self: a #DrsoWave
 * @group_id: a protection group id
 *
 * Returns: %TRUE if the wave had @group_id
 */
gboolean
drso_wave_remove_protection_group_id (DrsoWave   *self,
                                      const char *group_id)
{
  guint n, j = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (DRSO_IS_WAVE (self), FALSE);

  n = g_strv_length (self->group_ids);
  for (guint i = 0; i < n; i++)
    {
      if (!found && g_strcmp0 (self->group_ids[i], group_id) == 0)
        {
          g_free (self->group_ids[i]);
          found = TRUE;
          continue;
        }
      self->group_ids[j++] = self->group_ids[i];
    }
  self->group_ids[j] = NULL;

  if (found)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTECTION_GROUP_IDS]);
  return found;
}

/**
 * drso_wave_has_protection_group_id:
 * @self: a #DrsoWave
 * @group_id: a protection group id
 *
 * Returns: %TRUE if @group_id is in this wave
 */
gboolean
drso_wave_has_protection_group_id (DrsoWave   *self,
                                   const char *group_id)
{
  g_return_val_if_fail (DRSO_IS_WAVE (self), FALSE);
  return _drso_strv_contains ((const char * const *) self->group_ids, group_id);
}

/**
 * drso_wave_get_pause_before_wave:
 * @self: a #DrsoWave
 *
 * Returns: %TRUE if the plan waits for approval before this wave
 */
gboolean
drso_wave_get_pause_before_wave (DrsoWave *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE (self), FALSE);
  return self->pause_before_wave;
}

/**
 * drso_wave_set_pause_before_wave:
 * @self: a #DrsoWave
 * @pause_before_wave: whether to wait for approval before this wave
 */
void
drso_wave_set_pause_before_wave (DrsoWave *self,
                                 gboolean  pause_before_wave)
{
  g_return_if_fail (DRSO_IS_WAVE (self));
  if (self->pause_before_wave == !!pause_before_wave)
    return;
  self->pause_before_wave = !!pause_before_wave;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE_BEFORE_WAVE]);
}

/**
 * drso_wave_get_estimated_duration:
 * @self: a #DrsoWave
 *
 * Returns: the expected duration, in seconds
 */
guint
drso_wave_get_estimated_duration (DrsoWave *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE (self), 0);
  return self->estimated_duration;
}

/**
 * drso_wave_set_estimated_duration:
 * @self: a #DrsoWave
 * @seconds: the expected duration, in seconds
 */
void
drso_wave_set_estimated_duration (DrsoWave *self,
                                  guint     seconds)
{
  g_return_if_fail (DRSO_IS_WAVE (self));
  if (self->estimated_duration == seconds)
    return;
  self->estimated_duration = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_DURATION]);
}
