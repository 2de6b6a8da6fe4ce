/* drso-server-run.c
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
#include "drso-server-run-private.h"

/**
 * DrsoServerRun:
 *
 * One server of one wave of an execution: its launch state, the DRS job and
 * recovery instance that carry it, and the last message about it. Its JSON
 * form is an entry of the seed's `waveStatus[].servers`.
 *
 * For the engine it also records the server's criticality in its plan, its
 * launch attempts (the intent to launch is stored before StartRecovery is
 * called, so a restarted engine finds the job rather than starting a second
 * one), the times of its snapshot, conversion and launch phases (the RTO
 * breakdown) and the EC2 status-check result of its recovery instance. These
 * members are left out of the JSON form while they have their defaults. Their
 * times are microseconds since 1970 in the model and ISO 8601 strings with
 * microseconds in JSON, as an event's time.
 */

G_DEFINE_FINAL_TYPE (DrsoServerRun, drso_server_run, G_TYPE_OBJECT)


static GParamSpec *properties[N_PROPS];

void
_drso_server_run_notify (DrsoServerRun *self,
                         guint          prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static char **
string_field (DrsoServerRun *self,
              guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_SERVER_ID:
      return &self->server_id;
    case PROP_HOSTNAME:
      return &self->hostname;
    case PROP_PRIVATE_IP:
      return &self->private_ip;
    case PROP_INSTANCE_TYPE:
      return &self->instance_type;
    case PROP_JOB_ID:
      return &self->job_id;
    case PROP_RECOVERY_INSTANCE_ID:
      return &self->recovery_instance_id;
    case PROP_EC2_INSTANCE_ID:
      return &self->ec2_instance_id;
    case PROP_MESSAGE:
      return &self->message;
    case PROP_HEALTH:
      return &self->health;
    default:
      return NULL;
    }
}

static gint64 *
time_field (DrsoServerRun *self,
            guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_LAUNCH_REQUESTED:
      return &self->launch_requested;
    case PROP_SNAPSHOT_START:
      return &self->snapshot_start;
    case PROP_SNAPSHOT_END:
      return &self->snapshot_end;
    case PROP_CONVERSION_START:
      return &self->conversion_start;
    case PROP_CONVERSION_END:
      return &self->conversion_end;
    case PROP_LAUNCH_START:
      return &self->launch_start;
    case PROP_LAUNCH_END:
      return &self->launch_end;
    default:
      return NULL;
    }
}

/* The JSON members of the times, in the order they are written: ISO 8601
 * with microseconds, as an event's time, and left out while unknown. */
static const struct {
  guint       prop_id;
  const char *key;
} time_members[] = {
  { PROP_LAUNCH_REQUESTED, "launchRequested" },
  { PROP_SNAPSHOT_START, "snapshotStart" },
  { PROP_SNAPSHOT_END, "snapshotEnd" },
  { PROP_CONVERSION_START, "conversionStart" },
  { PROP_CONVERSION_END, "conversionEnd" },
  { PROP_LAUNCH_START, "launchStart" },
  { PROP_LAUNCH_END, "launchEnd" },
};

void
_drso_server_run_set_time (DrsoServerRun *self,
                           guint          prop_id,
                           gint64         value)
{
  gint64 *field = time_field (self, prop_id);

  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_string_prop (DrsoServerRun *self,
                 guint          prop_id,
                 const char    *value)
{
  char **field = string_field (self, prop_id);

  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
drso_server_run_finalize (GObject *object)
{
  DrsoServerRun *self = (DrsoServerRun *) object;

  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    {
      char **field = string_field (self, prop_id);

      if (field != NULL)
        g_clear_pointer (field, g_free);
    }

  G_OBJECT_CLASS (drso_server_run_parent_class)->finalize (object);
}

static void
drso_server_run_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DrsoServerRun *self = DRSO_SERVER_RUN (object);

  if (string_field (self, prop_id) != NULL)
    g_value_set_string (value, *string_field (self, prop_id));
  else if (time_field (self, prop_id) != NULL)
    g_value_set_int64 (value, *time_field (self, prop_id));
  else if (prop_id == PROP_STATUS)
    g_value_set_enum (value, self->status);
  else if (prop_id == PROP_CRITICALITY)
    g_value_set_enum (value, self->criticality);
  else if (prop_id == PROP_LAUNCH_ATTEMPT)
    g_value_set_uint (value, self->launch_attempt);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
drso_server_run_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DrsoServerRun *self = DRSO_SERVER_RUN (object);

  if (string_field (self, prop_id) != NULL)
    set_string_prop (self, prop_id, g_value_get_string (value));
  else if (time_field (self, prop_id) != NULL)
    _drso_server_run_set_time (self, prop_id, g_value_get_int64 (value));
  else if (prop_id == PROP_STATUS)
    drso_server_run_set_status (self, g_value_get_enum (value));
  else if (prop_id == PROP_CRITICALITY)
    drso_server_run_set_criticality (self, g_value_get_enum (value));
  else if (prop_id == PROP_LAUNCH_ATTEMPT)
    drso_server_run_set_launch_attempt (self, g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
drso_server_run_class_init (DrsoServerRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = drso_server_run_finalize;
  object_class->get_property = drso_server_run_get_property;
  object_class->set_property = drso_server_run_set_property;

  properties[PROP_SERVER_ID] = g_param_spec_string ("server-id", NULL, NULL, NULL,
                                                    flags | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_HOSTNAME] = g_param_spec_string ("hostname", NULL, NULL, NULL, flags);
  properties[PROP_PRIVATE_IP] = g_param_spec_string ("private-ip", NULL, NULL, NULL, flags);
  properties[PROP_INSTANCE_TYPE] = g_param_spec_string ("instance-type", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, DRSO_TYPE_LAUNCH_STATUS,
                                               DRSO_LAUNCH_STATUS_PENDING, flags);
  properties[PROP_JOB_ID] = g_param_spec_string ("job-id", NULL, NULL, NULL, flags);
  properties[PROP_RECOVERY_INSTANCE_ID] = g_param_spec_string ("recovery-instance-id", NULL, NULL,
                                                               NULL, flags);
  properties[PROP_EC2_INSTANCE_ID] = g_param_spec_string ("ec2-instance-id", NULL, NULL, NULL,
                                                          flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_HEALTH] = g_param_spec_string ("health", NULL, NULL, NULL, flags);
  properties[PROP_CRITICALITY] =
    g_param_spec_enum ("criticality", NULL, NULL, DRSO_TYPE_SERVER_CRITICALITY,
                       DRSO_SERVER_CRITICALITY_CRITICAL, flags);
  properties[PROP_LAUNCH_ATTEMPT] = g_param_spec_uint ("launch-attempt", NULL, NULL, 0, G_MAXUINT,
                                                       0, flags);
  properties[PROP_LAUNCH_REQUESTED] = g_param_spec_int64 ("launch-requested", NULL, NULL, 0,
                                                          G_MAXINT64, 0, flags);
  properties[PROP_SNAPSHOT_START] = g_param_spec_int64 ("snapshot-start", NULL, NULL, 0,
                                                        G_MAXINT64, 0, flags);
  properties[PROP_SNAPSHOT_END] = g_param_spec_int64 ("snapshot-end", NULL, NULL, 0, G_MAXINT64,
                                                      0, flags);
  properties[PROP_CONVERSION_START] = g_param_spec_int64 ("conversion-start", NULL, NULL, 0,
                                                          G_MAXINT64, 0, flags);
  properties[PROP_CONVERSION_END] = g_param_spec_int64 ("conversion-end", NULL, NULL, 0,
                                                        G_MAXINT64, 0, flags);
  properties[PROP_LAUNCH_START] = g_param_spec_int64 ("launch-start", NULL, NULL, 0, G_MAXINT64,
                                                      0, flags);
  properties[PROP_LAUNCH_END] = g_param_spec_int64 ("launch-end", NULL, NULL, 0, G_MAXINT64, 0,
                                                    flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_server_run_init (DrsoServerRun *self)
{
}

/**
 * drso_server_run_new:
 * @server_id: the DRS source server id
 *
 * Returns: (transfer full): a new #DrsoServerRun, pending
 */
DrsoServerRun *
drso_server_run_new (const char *server_id)
{
  return g_object_new (DRSO_TYPE_SERVER_RUN, "server-id", server_id, NULL);
}

DrsoServerRun *
_drso_server_run_new_from_json_at (JsonNode    *node,
                                   const char  *path,
                                   GError     **error)
{
  JsonObject *object = _drso_json_node_get_object (node, path, error);
  g_autoptr(DrsoServerRun) self = NULL;
  g_autofree char *server_id = NULL, *status = NULL, *criticality = NULL;
  gint64 attempt = 0;

  if (object == NULL ||
      !_drso_json_get_string (object, path, "serverId", TRUE, &server_id, error))
    return NULL;

  self = drso_server_run_new (server_id);
  if (!_drso_json_get_string (object, path, "hostname", FALSE, &self->hostname, error) ||
      !_drso_json_get_string (object, path, "privateIp", FALSE, &self->private_ip, error) ||
      !_drso_json_get_string (object, path, "instanceType", FALSE, &self->instance_type, error) ||
      !_drso_json_get_string (object, path, "status", FALSE, &status, error) ||
      !_drso_json_get_string (object, path, "jobId", FALSE, &self->job_id, error) ||
      !_drso_json_get_string (object, path, "recoveryInstanceId", FALSE,
                              &self->recovery_instance_id, error) ||
      !_drso_json_get_string (object, path, "ec2InstanceId", FALSE, &self->ec2_instance_id,
                              error) ||
      !_drso_json_get_string (object, path, "message", FALSE, &self->message, error) ||
      !_drso_json_get_string (object, path, "health", FALSE, &self->health, error) ||
      !_drso_json_get_string (object, path, "criticality", FALSE, &criticality, error) ||
      !_drso_json_get_int (object, path, "launchAttempt", FALSE, 0, G_MAXUINT, &attempt, error))
    return NULL;

  self->launch_attempt = (guint) attempt;
  for (guint i = 0; i < G_N_ELEMENTS (time_members); i++)
    {
      if (!_drso_json_get_timestamp_us (object, path, time_members[i].key, FALSE,
                                        time_field (self, time_members[i].prop_id), error))
        return NULL;
    }

  if (criticality != NULL && !drso_server_criticality_from_string (criticality,
                                                                   &self->criticality))
    {
      g_autofree char *full = _drso_json_path (path, "criticality");

      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("%s is “%s”, not CRITICAL or OPTIONAL"), full, criticality);
      return NULL;
    }

  if (status != NULL && !drso_launch_status_from_string (status, &self->status))
    {
      g_autofree char *full = _drso_json_path (path, "status");

      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("%s is “%s”, not a launch status"), full, status);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * drso_server_run_new_from_json:
 * @node: a JSON object: an entry of a wave's `servers`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the server run, or %NULL on error
 */
DrsoServerRun *
drso_server_run_new_from_json (JsonNode  *node,
                               GError   **error)
{
  return _drso_server_run_new_from_json_at (node, NULL, error);
}

/**
 * drso_server_run_to_json:
 * @self: a #DrsoServerRun
 *
 * Members with their defaults (no criticality other than `CRITICAL`, no
 * launch attempt, no time) are left out. Times are ISO 8601 strings with
 * microseconds ("2026-11-28T07:00:00.250000Z").
 *
 * Returns: (transfer full): the server run as a JSON object
 */
JsonNode *
drso_server_run_to_json (DrsoServerRun *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), NULL);

  object = json_object_new ();
  _drso_json_set_string (object, "serverId", self->server_id);
  _drso_json_set_string (object, "hostname", self->hostname);
  _drso_json_set_string (object, "privateIp", self->private_ip);
  _drso_json_set_string (object, "instanceType", self->instance_type);
  json_object_set_string_member (object, "status", drso_launch_status_to_string (self->status));
  _drso_json_set_string (object, "jobId", self->job_id);
  _drso_json_set_string (object, "recoveryInstanceId", self->recovery_instance_id);
  _drso_json_set_string (object, "ec2InstanceId", self->ec2_instance_id);
  _drso_json_set_string (object, "message", self->message);
  _drso_json_set_string (object, "health", self->health);
  if (self->criticality != DRSO_SERVER_CRITICALITY_CRITICAL)
    json_object_set_string_member (object, "criticality",
                                   drso_server_criticality_to_string (self->criticality));
  if (self->launch_attempt != 0)
    json_object_set_int_member (object, "launchAttempt", self->launch_attempt);
  for (guint i = 0; i < G_N_ELEMENTS (time_members); i++)
    if (*time_field (self, time_members[i].prop_id) > 0)
      _drso_json_set_timestamp_us (object, time_members[i].key,
                                   *time_field (self, time_members[i].prop_id));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_server_run_copy:
 * @self: a #DrsoServerRun
 *
 * Returns: (transfer full): a copy of @self
 */
DrsoServerRun *
drso_server_run_copy (DrsoServerRun *self)
{
  g_autoptr(JsonNode) node = drso_server_run_to_json (self);

  return drso_server_run_new_from_json (node, NULL);
}

/**
 * drso_server_run_get_server_id:
 * @self: a #DrsoServerRun
 *
 * Returns: the DRS source server id
 */
const char *
drso_server_run_get_server_id (DrsoServerRun *self)
{
  g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), NULL);
  return self->server_id;
}

/**
 * drso_server_run_get_status:
 * @self: a #DrsoServerRun
 *
 * Returns: the server's launch state
 */
DrsoLaunchStatus
drso_server_run_get_status (DrsoServerRun *self)
{
  g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), DRSO_LAUNCH_STATUS_PENDING);
  return self->status;
}

/**
 * drso_server_run_set_status:
 * @self: a #DrsoServerRun
 * @status: the server's launch state
 */
void
drso_server_run_set_status (DrsoServerRun    *self,
                            DrsoLaunchStatus  status)
{
  g_return_if_fail (DRSO_IS_SERVER_RUN (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                 \
  const char *                                                              \
  drso_server_run_get_##field (DrsoServerRun *self)                         \
  {                                                                         \
    g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), NULL);                 \
    return self->field;                                                     \
  }                                                                         \
  void                                                                      \
  drso_server_run_set_##field (DrsoServerRun *self,                         \
                               const char    *value)                        \
  {                                                                         \
    g_return_if_fail (DRSO_IS_SERVER_RUN (self));                           \
    set_string_prop (self, PROP, value);                                    \
  }

/**
 * drso_server_run_get_hostname:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the server's hostname
 */
/**
 * drso_server_run_set_hostname:
 * @self: a #DrsoServerRun
 * @value: (nullable): the hostname
 */
DEFINE_STRING_ACCESSORS (hostname, PROP_HOSTNAME)
/**
 * drso_server_run_get_private_ip:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the recovery instance's private IP address
 */
/**
 * drso_server_run_set_private_ip:
 * @self: a #DrsoServerRun
 * @value: (nullable): an IP address
 */
DEFINE_STRING_ACCESSORS (private_ip, PROP_PRIVATE_IP)
/**
 * drso_server_run_get_instance_type:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the recovery instance's EC2 type
 */
/**
 * drso_server_run_set_instance_type:
 * @self: a #DrsoServerRun
 * @value: (nullable): an instance type
 */
DEFINE_STRING_ACCESSORS (instance_type, PROP_INSTANCE_TYPE)
/**
 * drso_server_run_get_job_id:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the DRS job that launches the server
 */
/**
 * drso_server_run_set_job_id:
 * @self: a #DrsoServerRun
 * @value: (nullable): a DRS job id
 */
DEFINE_STRING_ACCESSORS (job_id, PROP_JOB_ID)
/**
 * drso_server_run_get_recovery_instance_id:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the DRS recovery instance id
 */
/**
 * drso_server_run_set_recovery_instance_id:
 * @self: a #DrsoServerRun
 * @value: (nullable): a recovery instance id
 */
DEFINE_STRING_ACCESSORS (recovery_instance_id, PROP_RECOVERY_INSTANCE_ID)
/**
 * drso_server_run_get_ec2_instance_id:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the EC2 instance id of the recovery instance
 */
/**
 * drso_server_run_set_ec2_instance_id:
 * @self: a #DrsoServerRun
 * @value: (nullable): an EC2 instance id
 */
DEFINE_STRING_ACCESSORS (ec2_instance_id, PROP_EC2_INSTANCE_ID)
/**
 * drso_server_run_get_message:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the last message about the server, such as why it failed
 */
/**
 * drso_server_run_set_message:
 * @self: a #DrsoServerRun
 * @value: (nullable): a message
 */
DEFINE_STRING_ACCESSORS (message, PROP_MESSAGE)

/**
 * drso_server_run_get_health:
 * @self: a #DrsoServerRun
 *
 * Returns: (nullable): the EC2 status-check result of the recovery instance,
 *   such as `initializing`, `ok` or `impaired`, or %NULL before it was checked
 */
/**
 * drso_server_run_set_health:
 * @self: a #DrsoServerRun
 * @value: (nullable): an EC2 status-check result
 */
DEFINE_STRING_ACCESSORS (health, PROP_HEALTH)

#undef DEFINE_STRING_ACCESSORS
