/* drso-sandbox-drs-config.c
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

/* The configurations of source servers in the Sandbox: launch
 * configurations (DRS's defaults, with what UpdateLaunchConfiguration
 * changed over them, kept in the world's file) and replication
 * configurations, and their DRS operations. */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include "drso-sandbox-world-internal.h"

gboolean
_drso_sandbox_launch_configurations_load (DrsoSandboxWorld  *world,
                                          GError           **error)
{
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
    world, "SELECT server_id, overrides FROM launch_configurations", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                                   NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        g_hash_table_replace (world->launch_configurations,
                              g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                              json_object_ref (json_node_get_object (node)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_sandbox_world_storage_error (world, error);
  return TRUE;
}

/* Launch configurations: the defaults of a server, with what
 * UpdateLaunchConfiguration changed over them. */

JsonObject *
_drso_sandbox_launch_configuration (DrsoSandboxWorld        *world,
                                    const DrsoSandboxServer *server)
{
  JsonObject *config = json_object_new ();
  JsonObject *licensing = json_object_new ();
  JsonObject *overrides = g_hash_table_lookup (world->launch_configurations, server->server_id);
  g_autofree char *template_id = _drso_sandbox_hash_id ("lt-", world->seed, "template/%s",
                                                        server->server_id);

  json_object_set_string_member (config, "sourceServerID", server->server_id);
  json_object_set_string_member (config, "name", server->hostname);
  json_object_set_string_member (config, "ec2LaunchTemplateID", template_id);
  json_object_set_string_member (config, "launchDisposition", "STARTED");
  json_object_set_string_member (config, "targetInstanceTypeRightSizingMethod", "BASIC");
  json_object_set_boolean_member (config, "copyPrivateIp", FALSE);
  json_object_set_boolean_member (config, "copyTags", TRUE);
  json_object_set_boolean_member (licensing, "osByol", FALSE);
  json_object_set_object_member (config, "licensing", licensing);

  if (overrides != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, overrides);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (config, name, json_node_copy (value));
    }
  return config;
}

static gboolean
save_launch_configuration (DrsoSandboxWorld  *world,
                           const char        *server_id,
                           JsonObject        *overrides,
                           GError           **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), overrides);
  g_autofree char *text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt;

  if (!_drso_sandbox_world_begin (world, error))
    return FALSE;
  stmt = _drso_sandbox_world_prepare (
    world, "INSERT OR REPLACE INTO launch_configurations (server_id, overrides) VALUES (?, ?)",
    error);
  if (stmt == NULL)
    {
      _drso_sandbox_world_rollback (world);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, server_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (!_drso_sandbox_world_step_done (world, stmt, error))
    {
      _drso_sandbox_world_rollback (world);
      return FALSE;
    }
  if (!_drso_sandbox_world_commit (world, error))
    return FALSE;

  g_hash_table_replace (world->launch_configurations, g_strdup (server_id),
                        json_object_ref (overrides));
  return TRUE;
}

/* Operations */

JsonNode *
_drso_sandbox_drs_get_launch_configuration (DrsoSandboxWorld          *world,
                                            const char                *account_id,
                                            JsonObject                *input,
                                            GError                   **error,
                                            DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  DrsoSandboxServer *server = _drso_sandbox_input_server (world, account_id, input, error, details);

  if (server == NULL)
    return NULL;
  return _drso_sandbox_object_node (_drso_sandbox_launch_configuration (world, server));
}

JsonNode *
_drso_sandbox_drs_update_launch_configuration (DrsoSandboxWorld          *world,
                                               const char                *account_id,
                                               JsonObject                *input,
                                               GError                   **error,
                                               DrsoSandboxErrorDetails  **details)
{
  static const char * const members[] = {
    "name", "launchDisposition", "targetInstanceTypeRightSizingMethod", "copyPrivateIp",
    "copyTags", "licensing",
  };
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  g_autoptr(JsonObject) overrides = NULL;
  DrsoSandboxServer *server = _drso_sandbox_input_server (world, account_id, input, error, details);
  JsonObject *stored;

  if (server == NULL)
    return NULL;

  stored = g_hash_table_lookup (world->launch_configurations, server->server_id);
  overrides = stored ? _drso_sandbox_copy_object (stored) : json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *value = json_object_get_member (input, members[i]);

      if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
        json_object_set_member (overrides, members[i], json_node_copy (value));
    }
  if (!save_launch_configuration (world, server->server_id, overrides, error))
    return NULL;
  return _drso_sandbox_object_node (_drso_sandbox_launch_configuration (world, server));
}

static JsonObject *
pit_rule (guint       id,
          const char *units,
          gint64      interval,
          gint64      retention)
{
  JsonObject *rule = json_object_new ();

  json_object_set_int_member (rule, "ruleID", id);
  json_object_set_string_member (rule, "units", units);
  json_object_set_int_member (rule, "interval", interval);
  json_object_set_int_member (rule, "retentionDuration", retention);
  json_object_set_boolean_member (rule, "enabled", TRUE);
  return rule;
}

JsonNode *
_drso_sandbox_drs_get_replication_configuration (DrsoSandboxWorld          *world,
                                                 const char                *account_id,
                                                 JsonObject                *input,
                                                 GError                   **error,
                                                 DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  DrsoSandboxServer *server = _drso_sandbox_input_server (world, account_id, input, error, details);
  JsonObject *config, *staging_tags;
  JsonArray *disks, *policy;

  if (server == NULL)
    return NULL;

  config = json_object_new ();
  json_object_set_string_member (config, "sourceServerID", server->server_id);
  json_object_set_string_member (config, "name", server->hostname);
  _drso_sandbox_take_string_member (config, "stagingAreaSubnetId",
                                    _drso_sandbox_subnet_id (world, account_id, -1));
  json_object_set_boolean_member (config, "associateDefaultSecurityGroup", TRUE);
  json_object_set_array_member (config, "replicationServersSecurityGroupsIDs", json_array_new ());
  json_object_set_string_member (config, "replicationServerInstanceType", "t3.small");
  json_object_set_boolean_member (config, "useDedicatedReplicationServer", FALSE);
  json_object_set_string_member (config, "defaultLargeStagingDiskType", "GP3");
  json_object_set_string_member (config, "ebsEncryption", "DEFAULT");
  json_object_set_int_member (config, "bandwidthThrottling", 0);
  json_object_set_string_member (config, "dataPlaneRouting", "PRIVATE_IP");
  json_object_set_boolean_member (config, "createPublicIP", FALSE);
  staging_tags = json_object_new ();
  json_object_set_string_member (staging_tags, "Application",
                                 json_object_get_string_member (server->tags, "Application"));
  json_object_set_object_member (config, "stagingAreaTags", staging_tags);

  disks = json_array_new ();
  for (guint i = 0; i < server->n_disks; i++)
    {
      JsonObject *disk = json_object_new ();

      json_object_set_string_member (disk, "deviceName", server->disks[i].device_name);
      json_object_set_boolean_member (disk, "isBootDisk", i == 0);
      json_object_set_string_member (disk, "stagingDiskType", "AUTO");
      json_object_set_string_member (disk, "optimizedStagingDiskType", "GP3");
      json_object_set_int_member (disk, "iops", 3000);
      json_object_set_int_member (disk, "throughput", 125);
      json_array_add_object_element (disks, disk);
    }
  json_object_set_array_member (config, "replicatedDisks", disks);

  policy = json_array_new ();
  json_array_add_object_element (policy, pit_rule (1, "MINUTE", 10, 60));
  json_array_add_object_element (policy, pit_rule (2, "HOUR", 1, 24));
  json_array_add_object_element (policy, pit_rule (3, "DAY", 1, 7));
  json_object_set_array_member (config, "pitPolicy", policy);
  return _drso_sandbox_object_node (config);
}
