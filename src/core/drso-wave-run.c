/* drso-wave-run.c
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

/**
 * DrsoWaveRun:
 *
 * One wave of an execution: its status, times, DRS jobs and servers. Its JSON
 * form is an entry of the seed's `waveStatus`.
 */
struct _DrsoWaveRun
{
  GObject parent_instance;

  char           *wave_name;
  char          **job_ids;
  GListStore     *servers;
  gint64          start_time;
  gint64          end_time;
  guint           wave_number;
  DrsoWaveStatus  status;
};

G_DEFINE_FINAL_TYPE (DrsoWaveRun, drso_wave_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WAVE_NUMBER,
  PROP_WAVE_NAME,
  PROP_STATUS,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_JOB_IDS,
  PROP_SERVERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drso_wave_run_finalize (GObject *object)
{
  DrsoWaveRun *self = (DrsoWaveRun *) object;

  g_clear_pointer (&self->wave_name, g_free);
  g_clear_pointer (&self->job_ids, g_strfreev);
  g_clear_object (&self->servers);

  G_OBJECT_CLASS (drso_wave_run_parent_class)->finalize (object);
}

static void
drso_wave_run_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DrsoWaveRun *self = DRSO_WAVE_RUN (object);

  switch (prop_id)
    {
    case PROP_WAVE_NUMBER:
      g_value_set_uint (value, self->wave_number);
      break;
    case PROP_WAVE_NAME:
      g_value_set_string (value, self->wave_name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;
    case PROP_END_TIME:
      g_value_set_int64 (value, self->end_time);
      break;
    case PROP_JOB_IDS:
      g_value_set_boxed (value, self->job_ids);
      break;
    case PROP_SERVERS:
      g_value_set_object (value, self->servers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_wave_run_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DrsoWaveRun *self = DRSO_WAVE_RUN (object);

  switch (prop_id)
    {
    case PROP_WAVE_NUMBER:
      self->wave_number = g_value_get_uint (value);
      break;
    case PROP_WAVE_NAME:
      self->wave_name = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      drso_wave_run_set_status (self, g_value_get_enum (value));
      break;
    case PROP_START_TIME:
      drso_wave_run_set_start_time (self, g_value_get_int64 (value));
      break;
    case PROP_END_TIME:
      drso_wave_run_set_end_time (self, g_value_get_int64 (value));
      break;
    case PROP_JOB_IDS:
      drso_wave_run_set_job_ids (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_wave_run_class_init (DrsoWaveRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = drso_wave_run_finalize;
  object_class->get_property = drso_wave_run_get_property;
  object_class->set_property = drso_wave_run_set_property;

  properties[PROP_WAVE_NUMBER] =
    g_param_spec_uint ("wave-number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WAVE_NAME] =
    g_param_spec_string ("wave-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, DRSO_TYPE_WAVE_STATUS, DRSO_WAVE_STATUS_PENDING,
                       flags);
  properties[PROP_START_TIME] = g_param_spec_int64 ("start-time", NULL, NULL, 0, G_MAXINT64, 0,
                                                    flags);
  properties[PROP_END_TIME] = g_param_spec_int64 ("end-time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_JOB_IDS] = g_param_spec_boxed ("job-ids", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SERVERS] =
    g_param_spec_object ("servers", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_wave_run_init (DrsoWaveRun *self)
{
  self->job_ids = g_new0 (char *, 1);
  self->servers = g_list_store_new (DRSO_TYPE_SERVER_RUN);
}

/**
 * drso_wave_run_new:
 * @wave_number: the wave's number in its plan
 * @wave_name: (nullable): the wave's name
 *
 * Returns: (transfer full): a new, pending #DrsoWaveRun
 */
DrsoWaveRun *
drso_wave_run_new (guint       wave_number,
                   const char *wave_name)
{
  return g_object_new (DRSO_TYPE_WAVE_RUN,
                       "wave-number", wave_number,
                       "wave-name", wave_name,
                       NULL);
}

DrsoWaveRun *
_drso_wave_run_new_from_json_at (JsonNode    *node,
                                 const char  *path,
                                 GError     **error)
{
  JsonObject *object = _drso_json_node_get_object (node, path, error);
  g_autoptr(DrsoWaveRun) self = NULL;
  g_autofree char *name = NULL, *status = NULL;
  g_autofree char *servers_path = NULL;
  gint64 number = 0;
  JsonArray *servers = NULL;

  if (object == NULL ||
      !_drso_json_get_int (object, path, "waveNumber", TRUE, 1, 10000, &number, error) ||
      !_drso_json_get_string (object, path, "waveName", FALSE, &name, error))
    return NULL;

  self = drso_wave_run_new ((guint) number, name);
  if (!_drso_json_get_string (object, path, "status", FALSE, &status, error) ||
      !_drso_json_get_int (object, path, "startTime", FALSE, 0, G_MAXINT64, &self->start_time,
                           error) ||
      !_drso_json_get_int (object, path, "endTime", FALSE, 0, G_MAXINT64, &self->end_time,
                           error) ||
      !_drso_json_get_strv (object, path, "jobIds", FALSE, &self->job_ids, error) ||
      !_drso_json_get_array (object, path, "servers", FALSE, &servers, error))
    return NULL;

  if (status != NULL && !drso_wave_status_from_string (status, &self->status))
    {
      g_autofree char *full = _drso_json_path (path, "status");

      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("%s is “%s”, not a wave status"), full, status);
      return NULL;
    }

  servers_path = _drso_json_path (path, "servers");
  for (guint i = 0; servers != NULL && i < json_array_get_length (servers); i++)
    {
      g_autofree char *index = g_strdup_printf ("[%u]", i);
      g_autofree char *server_path = _drso_json_path (servers_path, index);
      g_autoptr(DrsoServerRun) server = NULL;

      server = _drso_server_run_new_from_json_at (json_array_get_element (servers, i),
                                                  server_path, error);
      if (server == NULL)
        return NULL;
      g_list_store_append (self->servers, server);
    }

  return g_steal_pointer (&self);
}

/**
 * drso_wave_run_new_from_json:
 * @node: a JSON object: an entry of an execution's `waveStatus`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the wave run, or %NULL on error
 */
DrsoWaveRun *
drso_wave_run_new_from_json (JsonNode  *node,
                             GError   **error)
{
  return _drso_wave_run_new_from_json_at (node, NULL, error);
}

/**
 * drso_wave_run_to_json:
 * @self: a #DrsoWaveRun
 *
 * Returns: (transfer full): the wave run as a JSON object
 */
JsonNode *
drso_wave_run_to_json (DrsoWaveRun *self)
{
  JsonObject *object;
  JsonArray *servers;
  JsonNode *node;
  guint n;

  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "waveNumber", self->wave_number);
  json_object_set_string_member (object, "waveName", self->wave_name ? self->wave_name : "");
  json_object_set_string_member (object, "status", drso_wave_status_to_string (self->status));
  _drso_json_set_time (object, "startTime", self->start_time);
  _drso_json_set_time (object, "endTime", self->end_time);
  if (self->end_time != 0)
    json_object_set_int_member (object, "duration", drso_wave_run_get_duration (self));
  json_object_set_int_member (object, "serversRecovered", drso_wave_run_get_servers_recovered (self));
  _drso_json_set_strv (object, "jobIds", (const char * const *) self->job_ids);

  servers = json_array_new ();
  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      json_array_add_element (servers, drso_server_run_to_json (server));
    }
  json_object_set_array_member (object, "servers", servers);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_wave_run_copy:
 * @self: a #DrsoWaveRun
 *
 * Returns: (transfer full): a deep copy of @self
 */
DrsoWaveRun *
drso_wave_run_copy (DrsoWaveRun *self)
{
  g_autoptr(JsonNode) node = drso_wave_run_to_json (self);

  return drso_wave_run_new_from_json (node, NULL);
}

/**
 * drso_wave_run_get_wave_number:
 * @self: a #DrsoWaveRun
 *
 * Returns: the wave's number
 */
guint
drso_wave_run_get_wave_number (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), 0);
  return self->wave_number;
}

/**
 * drso_wave_run_get_wave_name:
 * @self: a #DrsoWaveRun
 *
 * Returns: (nullable): the wave's name
 */
const char *
drso_wave_run_get_wave_name (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), NULL);
  return self->wave_name;
}

/**
 * drso_wave_run_get_status:
 * @self: a #DrsoWaveRun
 *
 * Returns: the wave's status
 */
DrsoWaveStatus
drso_wave_run_get_status (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), DRSO_WAVE_STATUS_PENDING);
  return self->status;
}

/**
 * drso_wave_run_set_status:
 * @self: a #DrsoWaveRun
 * @status: the wave's status
 */
void
drso_wave_run_set_status (DrsoWaveRun    *self,
                          DrsoWaveStatus  status)
{
  g_return_if_fail (DRSO_IS_WAVE_RUN (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/**
 * drso_wave_run_get_start_time:
 * @self: a #DrsoWaveRun
 *
 * Returns: when the wave started, in seconds since 1970, or 0
 */
gint64
drso_wave_run_get_start_time (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), 0);
  return self->start_time;
}

/**
 * drso_wave_run_set_start_time:
 * @self: a #DrsoWaveRun
 * @start_time: seconds since 1970
 */
void
drso_wave_run_set_start_time (DrsoWaveRun *self,
                              gint64       start_time)
{
  g_return_if_fail (DRSO_IS_WAVE_RUN (self));
  if (self->start_time == start_time)
    return;
  self->start_time = start_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_TIME]);
}

/**
 * drso_wave_run_get_end_time:
 * @self: a #DrsoWaveRun
 *
 * Returns: when the wave ended, in seconds since 1970, or 0
 */
gint64
drso_wave_run_get_end_time (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), 0);
  return self->end_time;
}

/**
 * drso_wave_run_set_end_time:
 * @self: a #DrsoWaveRun
 * @end_time: seconds since 1970
 */
void
drso_wave_run_set_end_time (DrsoWaveRun *self,
                            gint64       end_time)
{
  g_return_if_fail (DRSO_IS_WAVE_RUN (self));
  if (self->end_time == end_time)
    return;
  self->end_time = end_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_TIME]);
}

/**
 * drso_wave_run_get_duration:
 * @self: a #DrsoWaveRun
 *
 * Returns: the wave's duration in seconds, or 0 while it has not ended
 */
gint64
drso_wave_run_get_duration (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), 0);
  if (self->start_time == 0 || self->end_time < self->start_time)
    return 0;
  return self->end_time - self->start_time;
}

/**
 * drso_wave_run_get_job_ids:
 * @self: a #DrsoWaveRun
 *
 * Returns: (transfer none) (array zero-terminated=1): the DRS jobs of the wave
 */
const char * const *
drso_wave_run_get_job_ids (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), NULL);
  return (const char * const *) self->job_ids;
}

/**
 * drso_wave_run_set_job_ids:
 * @self: a #DrsoWaveRun
 * @job_ids: (nullable) (array zero-terminated=1): DRS job ids
 */
void
drso_wave_run_set_job_ids (DrsoWaveRun        *self,
                           const char * const *job_ids)
{
  g_return_if_fail (DRSO_IS_WAVE_RUN (self));

  static const char * const empty[] = { NULL };

  if (job_ids == NULL)
    job_ids = empty;
  if (g_strv_equal ((const char * const *) self->job_ids, job_ids))
    return;
  g_strfreev (self->job_ids);
  self->job_ids = g_strdupv ((char **) job_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_IDS]);
}

/**
 * drso_wave_run_add_job_id:
 * @self: a #DrsoWaveRun
 * @job_id: a DRS job id
 */
void
drso_wave_run_add_job_id (DrsoWaveRun *self,
                          const char  *job_id)
{
  guint n;

  g_return_if_fail (DRSO_IS_WAVE_RUN (self));
  g_return_if_fail (job_id != NULL);

  if (g_strv_contains ((const char * const *) self->job_ids, job_id))
    return;
  n = g_strv_length (self->job_ids);
  self->job_ids = g_renew (char *, self->job_ids, n + 2);
  self->job_ids[n] = g_strdup (job_id);
  self->job_ids[n + 1] = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_IDS]);
}

/**
 * drso_wave_run_get_servers:
 * @self: a #DrsoWaveRun
 *
 * Returns: (transfer none): a list model of the wave's #DrsoServerRun objects
 */
GListModel *
drso_wave_run_get_servers (DrsoWaveRun *self)
{
  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), NULL);
  return G_LIST_MODEL (self->servers);
}

/**
 * drso_wave_run_add_server:
 * @self: a #DrsoWaveRun
 * @server: a #DrsoServerRun
 */
void
drso_wave_run_add_server (DrsoWaveRun   *self,
                          DrsoServerRun *server)
{
  g_return_if_fail (DRSO_IS_WAVE_RUN (self));
  g_return_if_fail (DRSO_IS_SERVER_RUN (server));

  g_list_store_append (self->servers, server);
}

/**
 * drso_wave_run_find_server:
 * @self: a #DrsoWaveRun
 * @server_id: a DRS source server id
 *
 * Returns: (transfer none) (nullable): the server run of @server_id, or %NULL
 */
DrsoServerRun *
drso_wave_run_find_server (DrsoWaveRun *self,
                           const char  *server_id)
{
  guint n;

  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      if (g_strcmp0 (drso_server_run_get_server_id (server), server_id) == 0)
        return server;
    }
  return NULL;
}

/**
 * drso_wave_run_get_servers_recovered:
 * @self: a #DrsoWaveRun
 *
 * Returns: how many of the wave's servers have launched
 */
guint
drso_wave_run_get_servers_recovered (DrsoWaveRun *self)
{
  guint n, count = 0;

  g_return_val_if_fail (DRSO_IS_WAVE_RUN (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      if (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_LAUNCHED)
        count++;
    }
  return count;
}
