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
#include "drso-run-private.h"

/**
 * DrsoServerRun:
 *
 * One server of one wave of an execution: its launch state, the DRS job and
 * recovery instance that carry it, and the last message about it. Its JSON
 * form is an entry of the seed's `waveStatus[].servers`.
 */
struct _DrsoServerRun
{
  GObject parent_instance;

  char             *server_id;
  char             *hostname;
  char             *private_ip;
  char             *instance_type;
  char             *job_id;
  char             *recovery_instance_id;
  char             *ec2_instance_id;
  char             *message;
  DrsoLaunchStatus  status;
};

G_DEFINE_FINAL_TYPE (DrsoServerRun, drso_server_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER_ID,
  PROP_HOSTNAME,
  PROP_PRIVATE_IP,
  PROP_INSTANCE_TYPE,
  PROP_STATUS,
  PROP_JOB_ID,
  PROP_RECOVERY_INSTANCE_ID,
  PROP_EC2_INSTANCE_ID,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
    default:
      return NULL;
    }
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
  else if (prop_id == PROP_STATUS)
    g_value_set_enum (value, self->status);
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
  else if (prop_id == PROP_STATUS)
    drso_server_run_set_status (self, g_value_get_enum (value));
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
  g_autofree char *server_id = NULL, *status = NULL;

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
      !_drso_json_get_string (object, path, "message", FALSE, &self->message, error))
    return NULL;

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

#undef DEFINE_STRING_ACCESSORS
