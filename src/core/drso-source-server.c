/* drso-source-server.c
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

#include "drso-json-private.h"
#include "drso-source-server.h"

/**
 * DrsoSourceServer:
 *
 * A DRS source server as discovery last saw it: its id, account and region,
 * hostname, replication state and lag, last launch, and tags.
 */
struct _DrsoSourceServer
{
  GObject parent_instance;

  char       *source_server_id;
  char       *account_id;
  char       *region;
  char       *arn;
  char       *hostname;
  char       *replication_state;
  char       *last_launch_result;
  char       *recovery_instance_id;
  char       *private_ip;
  char       *instance_type;
  char       *os;
  GHashTable *tags;
  gint64      lag_seconds;
  gint64      last_launch_date;
  gint64      discovered_date;
};

G_DEFINE_FINAL_TYPE (DrsoSourceServer, drso_source_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE_SERVER_ID,
  PROP_ACCOUNT_ID,
  PROP_REGION,
  PROP_ARN,
  PROP_HOSTNAME,
  PROP_REPLICATION_STATE,
  PROP_LAG_SECONDS,
  PROP_LAST_LAUNCH_RESULT,
  PROP_LAST_LAUNCH_DATE,
  PROP_RECOVERY_INSTANCE_ID,
  PROP_PRIVATE_IP,
  PROP_INSTANCE_TYPE,
  PROP_OS,
  PROP_TAGS,
  PROP_DISCOVERED_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Maps string properties to their fields, so one setter serves them all. */
static char **
string_field (DrsoSourceServer *self,
              guint             prop_id)
{
  switch (prop_id)
    {
    case PROP_SOURCE_SERVER_ID:
      return &self->source_server_id;
    case PROP_ACCOUNT_ID:
      return &self->account_id;
    case PROP_REGION:
      return &self->region;
    case PROP_ARN:
      return &self->arn;
    case PROP_HOSTNAME:
      return &self->hostname;
    case PROP_REPLICATION_STATE:
      return &self->replication_state;
    case PROP_LAST_LAUNCH_RESULT:
      return &self->last_launch_result;
    case PROP_RECOVERY_INSTANCE_ID:
      return &self->recovery_instance_id;
    case PROP_PRIVATE_IP:
      return &self->private_ip;
    case PROP_INSTANCE_TYPE:
      return &self->instance_type;
    case PROP_OS:
      return &self->os;
    default:
      return NULL;
    }
}

static gint64 *
int_field (DrsoSourceServer *self,
           guint             prop_id)
{
  switch (prop_id)
    {
    case PROP_LAG_SECONDS:
      return &self->lag_seconds;
    case PROP_LAST_LAUNCH_DATE:
      return &self->last_launch_date;
    case PROP_DISCOVERED_DATE:
      return &self->discovered_date;
    default:
      return NULL;
    }
}

static void
set_string_prop (DrsoSourceServer *self,
                 guint             prop_id,
                 const char       *value)
{
  char **field = string_field (self, prop_id);

  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_int_prop (DrsoSourceServer *self,
              guint             prop_id,
              gint64            value)
{
  gint64 *field = int_field (self, prop_id);

  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
drso_source_server_finalize (GObject *object)
{
  DrsoSourceServer *self = (DrsoSourceServer *) object;

  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    {
      char **field = string_field (self, prop_id);

      if (field != NULL)
        g_clear_pointer (field, g_free);
    }
  g_clear_pointer (&self->tags, g_hash_table_unref);

  G_OBJECT_CLASS (drso_source_server_parent_class)->finalize (object);
}

static void
drso_source_server_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DrsoSourceServer *self = DRSO_SOURCE_SERVER (object);

  if (string_field (self, prop_id) != NULL)
    g_value_set_string (value, *string_field (self, prop_id));
  else if (int_field (self, prop_id) != NULL)
    g_value_set_int64 (value, *int_field (self, prop_id));
  else if (prop_id == PROP_TAGS)
    g_value_set_boxed (value, self->tags);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
drso_source_server_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DrsoSourceServer *self = DRSO_SOURCE_SERVER (object);

  if (string_field (self, prop_id) != NULL)
    set_string_prop (self, prop_id, g_value_get_string (value));
  else if (int_field (self, prop_id) != NULL)
    set_int_prop (self, prop_id, g_value_get_int64 (value));
  else if (prop_id == PROP_TAGS)
    drso_source_server_set_tags (self, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
drso_source_server_class_init (DrsoSourceServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = drso_source_server_finalize;
  object_class->get_property = drso_source_server_get_property;
  object_class->set_property = drso_source_server_set_property;

  properties[PROP_SOURCE_SERVER_ID] = g_param_spec_string ("source-server-id", NULL, NULL, NULL,
                                                           flags | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_ACCOUNT_ID] = g_param_spec_string ("account-id", NULL, NULL, NULL,
                                                     flags | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL,
                                                 flags | G_PARAM_CONSTRUCT_ONLY);
  properties[PROP_ARN] = g_param_spec_string ("arn", NULL, NULL, NULL, flags);
  properties[PROP_HOSTNAME] = g_param_spec_string ("hostname", NULL, NULL, NULL, flags);
  properties[PROP_REPLICATION_STATE] = g_param_spec_string ("replication-state", NULL, NULL,
                                                            NULL, flags);
  properties[PROP_LAG_SECONDS] = g_param_spec_int64 ("lag-seconds", NULL, NULL, -1, G_MAXINT64,
                                                     -1, flags);
  properties[PROP_LAST_LAUNCH_RESULT] = g_param_spec_string ("last-launch-result", NULL, NULL,
                                                             NULL, flags);
  properties[PROP_LAST_LAUNCH_DATE] = g_param_spec_int64 ("last-launch-date", NULL, NULL, 0,
                                                          G_MAXINT64, 0, flags);
  properties[PROP_RECOVERY_INSTANCE_ID] = g_param_spec_string ("recovery-instance-id", NULL,
                                                               NULL, NULL, flags);
  properties[PROP_PRIVATE_IP] = g_param_spec_string ("private-ip", NULL, NULL, NULL, flags);
  properties[PROP_INSTANCE_TYPE] = g_param_spec_string ("instance-type", NULL, NULL, NULL, flags);
  properties[PROP_OS] = g_param_spec_string ("os", NULL, NULL, NULL, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_HASH_TABLE, flags);
  properties[PROP_DISCOVERED_DATE] = g_param_spec_int64 ("discovered-date", NULL, NULL, 0,
                                                         G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_source_server_init (DrsoSourceServer *self)
{
  self->tags = _drso_string_map_new ();
  self->lag_seconds = -1;
}

/**
 * drso_source_server_new:
 * @source_server_id: the DRS source server id
 * @account_id: the id of the account it replicates into
 * @region: the region it replicates into
 *
 * Returns: (transfer full): a new #DrsoSourceServer
 */
DrsoSourceServer *
drso_source_server_new (const char *source_server_id,
                        const char *account_id,
                        const char *region)
{
  return g_object_new (DRSO_TYPE_SOURCE_SERVER,
                       "source-server-id", source_server_id,
                       "account-id", account_id,
                       "region", region,
                       NULL);
}

/**
 * drso_source_server_new_from_json:
 * @node: a JSON object as drso_source_server_to_json() writes it
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the server, or %NULL on error
 */
DrsoSourceServer *
drso_source_server_new_from_json (JsonNode  *node,
                                  GError   **error)
{
  JsonObject *object = _drso_json_node_get_object (node, NULL, error);
  g_autoptr(DrsoSourceServer) self = NULL;
  g_autofree char *id = NULL, *account = NULL, *region = NULL;

  if (object == NULL ||
      !_drso_json_get_string (object, NULL, "sourceServerID", TRUE, &id, error) ||
      !_drso_json_get_string (object, NULL, "accountId", TRUE, &account, error) ||
      !_drso_json_get_string (object, NULL, "region", TRUE, &region, error))
    return NULL;

  self = drso_source_server_new (id, account, region);
  if (!_drso_json_get_string (object, NULL, "arn", FALSE, &self->arn, error) ||
      !_drso_json_get_string (object, NULL, "hostname", FALSE, &self->hostname, error) ||
      !_drso_json_get_string (object, NULL, "replicationState", FALSE, &self->replication_state,
                              error) ||
      !_drso_json_get_int (object, NULL, "lagSeconds", FALSE, -1, G_MAXINT64, &self->lag_seconds,
                           error) ||
      !_drso_json_get_string (object, NULL, "lastLaunchResult", FALSE, &self->last_launch_result,
                              error) ||
      !_drso_json_get_int (object, NULL, "lastLaunchDate", FALSE, 0, G_MAXINT64,
                           &self->last_launch_date, error) ||
      !_drso_json_get_string (object, NULL, "recoveryInstanceId", FALSE,
                              &self->recovery_instance_id, error) ||
      !_drso_json_get_string (object, NULL, "privateIp", FALSE, &self->private_ip, error) ||
      !_drso_json_get_string (object, NULL, "instanceType", FALSE, &self->instance_type, error) ||
      !_drso_json_get_string (object, NULL, "os", FALSE, &self->os, error) ||
      !_drso_json_get_string_map (object, NULL, "tags", FALSE, &self->tags, error) ||
      !_drso_json_get_int (object, NULL, "discoveredDate", FALSE, 0, G_MAXINT64,
                           &self->discovered_date, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * drso_source_server_to_json:
 * @self: a #DrsoSourceServer
 *
 * Returns: (transfer full): the server as a JSON object
 */
JsonNode *
drso_source_server_to_json (DrsoSourceServer *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);

  object = json_object_new ();
  _drso_json_set_string (object, "sourceServerID", self->source_server_id);
  _drso_json_set_string (object, "accountId", self->account_id);
  _drso_json_set_string (object, "region", self->region);
  _drso_json_set_string (object, "arn", self->arn);
  _drso_json_set_string (object, "hostname", self->hostname);
  _drso_json_set_string (object, "replicationState", self->replication_state);
  if (self->lag_seconds >= 0)
    json_object_set_int_member (object, "lagSeconds", self->lag_seconds);
  _drso_json_set_string (object, "lastLaunchResult", self->last_launch_result);
  _drso_json_set_time (object, "lastLaunchDate", self->last_launch_date);
  _drso_json_set_string (object, "recoveryInstanceId", self->recovery_instance_id);
  _drso_json_set_string (object, "privateIp", self->private_ip);
  _drso_json_set_string (object, "instanceType", self->instance_type);
  _drso_json_set_string (object, "os", self->os);
  _drso_json_set_string_map (object, "tags", self->tags);
  _drso_json_set_time (object, "discoveredDate", self->discovered_date);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_source_server_copy:
 * @self: a #DrsoSourceServer
 *
 * Returns: (transfer full): a copy of @self
 */
DrsoSourceServer *
drso_source_server_copy (DrsoSourceServer *self)
{
  g_autoptr(JsonNode) node = drso_source_server_to_json (self);

  return drso_source_server_new_from_json (node, NULL);
}

/**
 * drso_source_server_get_source_server_id:
 * @self: a #DrsoSourceServer
 *
 * Returns: the DRS source server id
 */
const char *
drso_source_server_get_source_server_id (DrsoSourceServer *self)
{
  g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);
  return self->source_server_id;
}

/**
 * drso_source_server_get_account_id:
 * @self: a #DrsoSourceServer
 *
 * Returns: the id of the account the server replicates into
 */
const char *
drso_source_server_get_account_id (DrsoSourceServer *self)
{
  g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);
  return self->account_id;
}

/**
 * drso_source_server_get_region:
 * @self: a #DrsoSourceServer
 *
 * Returns: the region the server replicates into
 */
const char *
drso_source_server_get_region (DrsoSourceServer *self)
{
  g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);
  return self->region;
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                 \
  const char *                                                              \
  drso_source_server_get_##field (DrsoSourceServer *self)                   \
  {                                                                         \
    g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);              \
    return self->field;                                                     \
  }                                                                         \
  void                                                                      \
  drso_source_server_set_##field (DrsoSourceServer *self,                   \
                                  const char       *value)                  \
  {                                                                         \
    g_return_if_fail (DRSO_IS_SOURCE_SERVER (self));                        \
    set_string_prop (self, PROP, value);                                    \
  }

#define DEFINE_INT_ACCESSORS(field, PROP)                                    \
  gint64                                                                    \
  drso_source_server_get_##field (DrsoSourceServer *self)                   \
  {                                                                         \
    g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), 0);                 \
    return self->field;                                                     \
  }                                                                         \
  void                                                                      \
  drso_source_server_set_##field (DrsoSourceServer *self,                   \
                                  gint64            value)                  \
  {                                                                         \
    g_return_if_fail (DRSO_IS_SOURCE_SERVER (self));                        \
    set_int_prop (self, PROP, value);                                       \
  }

/**
 * drso_source_server_get_arn:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the server's ARN
 */
/**
 * drso_source_server_set_arn:
 * @self: a #DrsoSourceServer
 * @value: (nullable): the server's ARN
 */
DEFINE_STRING_ACCESSORS (arn, PROP_ARN)
/**
 * drso_source_server_get_hostname:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the hostname DRS reports
 */
/**
 * drso_source_server_set_hostname:
 * @self: a #DrsoSourceServer
 * @value: (nullable): the hostname
 */
DEFINE_STRING_ACCESSORS (hostname, PROP_HOSTNAME)
/**
 * drso_source_server_get_replication_state:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the DRS `dataReplicationState`, such as `CONTINUOUS`
 */
/**
 * drso_source_server_set_replication_state:
 * @self: a #DrsoSourceServer
 * @value: (nullable): the replication state
 */
DEFINE_STRING_ACCESSORS (replication_state, PROP_REPLICATION_STATE)
/**
 * drso_source_server_get_last_launch_result:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the DRS `lastLaunchResult`, such as `SUCCEEDED`
 */
/**
 * drso_source_server_set_last_launch_result:
 * @self: a #DrsoSourceServer
 * @value: (nullable): the last launch result
 */
DEFINE_STRING_ACCESSORS (last_launch_result, PROP_LAST_LAUNCH_RESULT)
/**
 * drso_source_server_get_recovery_instance_id:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the id of the server's current recovery instance
 */
/**
 * drso_source_server_set_recovery_instance_id:
 * @self: a #DrsoSourceServer
 * @value: (nullable): a recovery instance id
 */
DEFINE_STRING_ACCESSORS (recovery_instance_id, PROP_RECOVERY_INSTANCE_ID)
/**
 * drso_source_server_get_private_ip:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the server's private IP address
 */
/**
 * drso_source_server_set_private_ip:
 * @self: a #DrsoSourceServer
 * @value: (nullable): an IP address
 */
DEFINE_STRING_ACCESSORS (private_ip, PROP_PRIVATE_IP)
/**
 * drso_source_server_get_instance_type:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the recommended EC2 instance type
 */
/**
 * drso_source_server_set_instance_type:
 * @self: a #DrsoSourceServer
 * @value: (nullable): an instance type such as `r5.xlarge`
 */
DEFINE_STRING_ACCESSORS (instance_type, PROP_INSTANCE_TYPE)
/**
 * drso_source_server_get_os:
 * @self: a #DrsoSourceServer
 *
 * Returns: (nullable): the operating system DRS reports
 */
/**
 * drso_source_server_set_os:
 * @self: a #DrsoSourceServer
 * @value: (nullable): an operating system name
 */
DEFINE_STRING_ACCESSORS (os, PROP_OS)
/**
 * drso_source_server_get_lag_seconds:
 * @self: a #DrsoSourceServer
 *
 * Returns: the replication lag in seconds, or -1 when unknown
 */
/**
 * drso_source_server_set_lag_seconds:
 * @self: a #DrsoSourceServer
 * @value: the replication lag in seconds, or -1
 */
DEFINE_INT_ACCESSORS (lag_seconds, PROP_LAG_SECONDS)
/**
 * drso_source_server_get_last_launch_date:
 * @self: a #DrsoSourceServer
 *
 * Returns: when the server was last launched, in seconds since 1970, or 0
 */
/**
 * drso_source_server_set_last_launch_date:
 * @self: a #DrsoSourceServer
 * @value: seconds since 1970, or 0
 */
DEFINE_INT_ACCESSORS (last_launch_date, PROP_LAST_LAUNCH_DATE)
/**
 * drso_source_server_get_discovered_date:
 * @self: a #DrsoSourceServer
 *
 * Returns: when discovery last saw the server, in seconds since 1970
 */
/**
 * drso_source_server_set_discovered_date:
 * @self: a #DrsoSourceServer
 * @value: seconds since 1970
 */
DEFINE_INT_ACCESSORS (discovered_date, PROP_DISCOVERED_DATE)

#undef DEFINE_STRING_ACCESSORS
#undef DEFINE_INT_ACCESSORS

/**
 * drso_source_server_get_tags:
 * @self: a #DrsoSourceServer
 *
 * Returns: (transfer none) (element-type utf8 utf8): the server's tags
 */
GHashTable *
drso_source_server_get_tags (DrsoSourceServer *self)
{
  g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);
  return self->tags;
}

/**
 * drso_source_server_set_tags:
 * @self: a #DrsoSourceServer
 * @tags: (nullable) (element-type utf8 utf8): tag keys and values
 */
void
drso_source_server_set_tags (DrsoSourceServer *self,
                             GHashTable       *tags)
{
  g_return_if_fail (DRSO_IS_SOURCE_SERVER (self));

  if (_drso_string_map_equal (self->tags, tags))
    return;
  g_hash_table_unref (self->tags);
  self->tags = _drso_string_map_copy (tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * drso_source_server_set_tag:
 * @self: a #DrsoSourceServer
 * @key: a tag key
 * @value: its value
 */
void
drso_source_server_set_tag (DrsoSourceServer *self,
                            const char       *key,
                            const char       *value)
{
  g_return_if_fail (DRSO_IS_SOURCE_SERVER (self));
  g_return_if_fail (key != NULL && value != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->tags, key), value) == 0)
    return;
  g_hash_table_insert (self->tags, g_strdup (key), g_strdup (value));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * drso_source_server_get_tag:
 * @self: a #DrsoSourceServer
 * @key: a tag key
 *
 * Returns: (nullable): the tag's value
 */
const char *
drso_source_server_get_tag (DrsoSourceServer *self,
                            const char       *key)
{
  g_return_val_if_fail (DRSO_IS_SOURCE_SERVER (self), NULL);
  return g_hash_table_lookup (self->tags, key);
}
