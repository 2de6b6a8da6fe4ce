/* drso-drs-parse.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-error.h"
#include "drso-drs-parse-private.h"
#include "drso-validation.h"
#include "drso-json-private.h"

/* ISO 8601 durations as DRS writes lagDuration (PT1H2M3S, P1DT2H, PT0.5S);
 * returns seconds, or -1 when @text is not one. */
gint64
_drso_parse_iso8601_duration (const char *text)
{
  gboolean in_time = FALSE;
  double total = 0;
  const char *p;

  if (text == NULL || text[0] != 'P' || text[1] == '\0')
    return -1;

  for (p = text + 1; *p != '\0';)
    {
      char *end;
      double value;

      if (*p == 'T')
        {
          if (in_time)
            return -1;
          in_time = TRUE;
          p++;
          continue;
        }

      /* g_ascii_strtod() reads "nan" too, which no comparison catches later. */
      value = g_ascii_strtod (p, &end);
      if (end == p || !(value >= 0))
        return -1;
      switch (*end)
        {
        case 'W':
          total += value * 7 * 86400;
          break;
        case 'D':
          total += value * 86400;
          break;
        case 'H':
          total += value * 3600;
          break;
        case 'M':
          total += in_time ? value * 60 : value * 30 * 86400;
          break;
        case 'S':
          total += value;
          break;
        case 'Y':
          total += value * 365 * 86400;
          break;
        default:
          return -1;
        }
      p = end + 1;
    }

  if (total > (double) G_MAXINT64 / 2)
    return -1;
  return (gint64) total;
}

/* Returns seconds since 1970, or 0 when @text is not an ISO 8601 time. */
gint64
_drso_parse_iso8601_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      /* DRS sometimes leaves out the zone: read it as UTC. */
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      dt = g_date_time_new_from_iso8601 (text, utc);
    }
  return dt ? g_date_time_to_unix (dt) : 0;
}

static const char *
first_ip (JsonObject *properties)
{
  JsonNode *node = properties ? json_object_get_member (properties, "networkInterfaces") : NULL;
  JsonArray *interfaces;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  interfaces = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (interfaces); i++)
    {
      JsonNode *interface = json_array_get_element (interfaces, i);
      JsonNode *ips;

      if (!JSON_NODE_HOLDS_OBJECT (interface))
        continue;
      ips = json_object_get_member (json_node_get_object (interface), "ips");
      if (ips != NULL && JSON_NODE_HOLDS_ARRAY (ips) &&
          json_array_get_length (json_node_get_array (ips)) > 0)
        {
          JsonNode *ip = json_array_get_element (json_node_get_array (ips), 0);

          if (JSON_NODE_HOLDS_VALUE (ip) && json_node_get_value_type (ip) == G_TYPE_STRING)
            return json_node_get_string (ip);
        }
    }
  return NULL;
}

/* A DRS SourceServer object, as DescribeSourceServers lists it. */
DrsoSourceServer *
_drso_drs_parse_source_server (JsonNode    *item,
                               const char  *account_id,
                               const char  *region,
                               GError     **error)
{
  g_autoptr(DrsoSourceServer) server = NULL;
  JsonObject *object, *properties, *replication, *hints, *life_cycle, *tags;
  const char *id;

  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("DRS listed a source server that is not an object"));
      return NULL;
    }
  object = json_node_get_object (item);
  id = _drso_json_lookup_string (object, "sourceServerID");
  if (id == NULL || !drso_validate_source_server_id (id, NULL))
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("DRS listed a source server without a valid sourceServerID"));
      return NULL;
    }

  server = drso_source_server_new (id, account_id, region);
  properties = _drso_json_lookup_object (object, "sourceProperties");
  replication = _drso_json_lookup_object (object, "dataReplicationInfo");
  hints = _drso_json_lookup_object (properties, "identificationHints");
  life_cycle = _drso_json_lookup_object (object, "lifeCycle");
  tags = _drso_json_lookup_object (object, "tags");

  drso_source_server_set_arn (server, _drso_json_lookup_string (object, "arn"));
  drso_source_server_set_hostname (server, _drso_json_lookup_string (hints, "hostname"));
  if (drso_source_server_get_hostname (server) == NULL)
    drso_source_server_set_hostname (server, _drso_json_lookup_string (hints, "fqdn"));
  drso_source_server_set_replication_state (server,
                                            _drso_json_lookup_string (replication, "dataReplicationState"));
  drso_source_server_set_lag_seconds (
    server, _drso_parse_iso8601_duration (_drso_json_lookup_string (replication, "lagDuration")));
  drso_source_server_set_last_launch_result (server, _drso_json_lookup_string (object, "lastLaunchResult"));
  /* A time before 1970 reads as none: the store keeps no negative date. */
  drso_source_server_set_last_launch_date (
    server, MAX (_drso_parse_iso8601_time (_drso_json_lookup_string (_drso_json_lookup_object (_drso_json_lookup_object (life_cycle,
                                                                                   "lastLaunch"),
                                                                    "initiated"),
                                                     "apiCallDateTime")), 0));
  drso_source_server_set_recovery_instance_id (server, _drso_json_lookup_string (object, "recoveryInstanceId"));
  drso_source_server_set_private_ip (server, first_ip (properties));
  drso_source_server_set_instance_type (server,
                                        _drso_json_lookup_string (properties, "recommendedInstanceType"));
  drso_source_server_set_os (server, _drso_json_lookup_string (_drso_json_lookup_object (properties, "os"),
                                                    "fullString"));

  if (tags != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, tags);
      while (json_object_iter_next (&iter, &key, &value))
        {
          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            drso_source_server_set_tag (server, key, json_node_get_string (value));
        }
    }

  return g_steal_pointer (&server);
}

/* Strict readers for the answers of drso-drs-calls.c. An absent or null
 * member is left as it is, unless it is required; a member of the wrong type
 * makes the answer MALFORMED, and the message names it. @shape is the DRS
 * model's name for the object being read, such as `Job`. */

static gboolean
missing_member (const char  *shape,
                const char  *name,
                GError     **error)
{
  g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
               _("DRS answered with a %s without “%s”"), shape, name);
  return FALSE;
}

static gboolean
wrong_member (const char  *shape,
              const char  *name,
              const char  *expected,
              GError     **error)
{
  /* TRANSLATORS: the last %s is a JSON type such as "a string" or "a list". */
  g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
               _("DRS answered with a %s whose “%s” is not %s"), shape, name, expected);
  return FALSE;
}

static JsonNode *
present_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
read_string (JsonObject  *object,
             const char  *shape,
             const char  *name,
             gboolean     required,
             char       **value,
             GError     **error)
{
  JsonNode *node = present_member (object, name);

  if (node == NULL)
    return required ? missing_member (shape, name, error) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_member (shape, name, _("a string"), error);
  if (required && *json_node_get_string (node) == '\0')
    return missing_member (shape, name, error);
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *shape,
              const char  *name,
              gboolean    *value,
              gboolean    *present,
              GError     **error)
{
  JsonNode *node = present_member (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_member (shape, name, _("true or false"), error);
  *value = json_node_get_boolean (node);
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_count (JsonObject  *object,
            const char  *shape,
            const char  *name,
            guint       *value,
            GError     **error)
{
  JsonNode *node = present_member (object, name);

  if (node == NULL)
    return missing_member (shape, name, error);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > G_MAXUINT)
    return wrong_member (shape, name, _("a count"), error);
  *value = (guint) json_node_get_int (node);
  return TRUE;
}

/* ISO 8601 times, read into seconds since 1970. */
static gboolean
read_time (JsonObject  *object,
           const char  *shape,
           const char  *name,
           gboolean     required,
           gint64      *value,
           GError     **error)
{
  g_autofree char *text = NULL;
  gint64 time;

  if (!read_string (object, shape, name, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  time = _drso_parse_iso8601_time (text);
  if (time == 0)
    return wrong_member (shape, name, _("an ISO 8601 time"), error);
  *value = time;
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *shape,
             const char  *name,
             JsonObject **value,
             GError     **error)
{
  JsonNode *node = present_member (object, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_member (shape, name, _("an object"), error);
  *value = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *shape,
            const char  *name,
            JsonArray  **value,
            GError     **error)
{
  JsonNode *node = present_member (object, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_member (shape, name, _("a list"), error);
  *value = json_node_get_array (node);
  return TRUE;
}

/* A list of strings, into a NULL-terminated array. */
static gboolean
read_strv (JsonObject   *object,
           const char   *shape,
           const char   *name,
           char       ***value,
           GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (!read_array (object, shape, name, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return wrong_member (shape, name, _("a list of strings"), error);
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  g_strfreev (*value);
  *value = g_strv_builder_end (builder);
  return TRUE;
}

/* A TagsMap, into @tags. */
static gboolean
read_tags (JsonObject  *object,
           const char  *shape,
           const char  *name,
           GHashTable  *tags,
           GError     **error)
{
  JsonObject *map;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!read_object (object, shape, name, &map, error))
    return FALSE;
  if (map == NULL)
    return TRUE;

  json_object_iter_init (&iter, map);
  while (json_object_iter_next (&iter, &key, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return wrong_member (shape, name, _("a map of strings"), error);
      g_hash_table_replace (tags, g_strdup (key), g_strdup (json_node_get_string (value)));
    }
  return TRUE;
}

static JsonObject *
item_object (JsonNode    *item,
             const char  *shape,
             GError     **error)
{
  if (item == NULL || !JSON_NODE_HOLDS_OBJECT (item))
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("DRS answered with a %s that is not an object"), shape);
      return NULL;
    }
  return json_node_get_object (item);
}

static DrsoDrsParticipatingServer *
parse_participating_server (JsonNode  *item,
                            GError   **error)
{
  g_autoptr(DrsoDrsParticipatingServer) server = NULL;
  JsonObject *object;

  if ((object = item_object (item, "ParticipatingServer", error)) == NULL)
    return NULL;

  server = g_object_new (DRSO_TYPE_DRS_PARTICIPATING_SERVER, NULL);
  if (!read_string (object, "ParticipatingServer", "sourceServerID", FALSE,
                    &server->source_server_id, error) ||
      !read_string (object, "ParticipatingServer", "recoveryInstanceID", FALSE,
                    &server->recovery_instance_id, error) ||
      !read_string (object, "ParticipatingServer", "launchStatus", FALSE, &server->launch_status,
                    error))
    return NULL;
  return g_steal_pointer (&server);
}

/* A DRS Job, as StartRecovery, TerminateRecoveryInstances and DescribeJobs
 * answer it. */
DrsoDrsJob *
_drso_drs_parse_job (JsonNode  *item,
                     GError   **error)
{
  g_autoptr(DrsoDrsJob) job = NULL;
  JsonObject *object;
  JsonArray *servers;

  if ((object = item_object (item, "Job", error)) == NULL)
    return NULL;

  job = g_object_new (DRSO_TYPE_DRS_JOB, NULL);
  if (!read_string (object, "Job", "jobID", TRUE, &job->job_id, error) ||
      !read_string (object, "Job", "arn", FALSE, &job->arn, error) ||
      !read_string (object, "Job", "type", FALSE, &job->job_type, error) ||
      !read_string (object, "Job", "initiatedBy", FALSE, &job->initiated_by, error) ||
      !read_string (object, "Job", "status", FALSE, &job->status, error) ||
      !read_time (object, "Job", "creationDateTime", FALSE, &job->creation_date, error) ||
      !read_time (object, "Job", "endDateTime", FALSE, &job->end_date, error) ||
      !read_tags (object, "Job", "tags", job->tags, error) ||
      !read_array (object, "Job", "participatingServers", &servers, error))
    return NULL;

  for (guint i = 0; servers != NULL && i < json_array_get_length (servers); i++)
    {
      g_autoptr(DrsoDrsParticipatingServer) server = NULL;

      server = parse_participating_server (json_array_get_element (servers, i), error);
      if (server == NULL)
        return NULL;
      g_list_store_append (job->participating_servers, server);
    }

  return g_steal_pointer (&job);
}

/* A JobLog of DescribeJobLogItems. */
DrsoDrsJobLogItem *
_drso_drs_parse_job_log_item (JsonNode  *item,
                              GError   **error)
{
  g_autoptr(DrsoDrsJobLogItem) log_item = NULL;
  JsonObject *object, *data;

  if ((object = item_object (item, "JobLog", error)) == NULL)
    return NULL;

  log_item = g_object_new (DRSO_TYPE_DRS_JOB_LOG_ITEM, NULL);
  if (!read_time (object, "JobLog", "logDateTime", FALSE, &log_item->time, error) ||
      !read_string (object, "JobLog", "event", FALSE, &log_item->event, error) ||
      !read_object (object, "JobLog", "eventData", &data, error))
    return NULL;

  if (data != NULL &&
      (!read_string (data, "JobLogEventData", "sourceServerID", FALSE,
                     &log_item->source_server_id, error) ||
       !read_string (data, "JobLogEventData", "conversionServerID", FALSE,
                     &log_item->conversion_server_id, error) ||
       !read_string (data, "JobLogEventData", "targetInstanceID", FALSE,
                     &log_item->target_instance_id, error) ||
       !read_string (data, "JobLogEventData", "rawError", FALSE, &log_item->raw_error, error)))
    return NULL;

  return g_steal_pointer (&log_item);
}

/* A RecoveryInstance of DescribeRecoveryInstances. */
DrsoRecoveryInstance *
_drso_drs_parse_recovery_instance (JsonNode  *item,
                                   GError   **error)
{
  g_autoptr(DrsoRecoveryInstance) instance = NULL;
  JsonObject *object, *properties;
  const char *shape = "RecoveryInstance";

  if ((object = item_object (item, shape, error)) == NULL)
    return NULL;

  instance = g_object_new (DRSO_TYPE_RECOVERY_INSTANCE, NULL);
  if (!read_string (object, shape, "recoveryInstanceID", TRUE, &instance->recovery_instance_id,
                    error) ||
      !read_string (object, shape, "ec2InstanceID", FALSE, &instance->ec2_instance_id, error) ||
      !read_string (object, shape, "ec2InstanceState", FALSE, &instance->ec2_instance_state,
                    error) ||
      !read_string (object, shape, "jobID", FALSE, &instance->job_id, error) ||
      !read_string (object, shape, "sourceServerID", FALSE, &instance->source_server_id, error) ||
      !read_boolean (object, shape, "isDrill", &instance->is_drill, NULL, error) ||
      !read_time (object, shape, "pointInTimeSnapshotDateTime", FALSE,
                  &instance->point_in_time_snapshot_date, error) ||
      !read_object (object, shape, "recoveryInstanceProperties", &properties, error))
    return NULL;

  instance->private_ip = g_strdup (first_ip (properties));
  return g_steal_pointer (&instance);
}

/* A RecoverySnapshot of DescribeRecoverySnapshots. */
DrsoRecoverySnapshot *
_drso_drs_parse_recovery_snapshot (JsonNode  *item,
                                   GError   **error)
{
  g_autoptr(DrsoRecoverySnapshot) snapshot = NULL;
  JsonObject *object;
  const char *shape = "RecoverySnapshot";

  if ((object = item_object (item, shape, error)) == NULL)
    return NULL;

  snapshot = g_object_new (DRSO_TYPE_RECOVERY_SNAPSHOT, NULL);
  if (!read_string (object, shape, "snapshotID", TRUE, &snapshot->snapshot_id, error) ||
      !read_string (object, shape, "sourceServerID", TRUE, &snapshot->source_server_id, error) ||
      !read_time (object, shape, "expectedTimestamp", TRUE, &snapshot->expected_timestamp,
                  error) ||
      !read_time (object, shape, "timestamp", FALSE, &snapshot->timestamp, error) ||
      !read_strv (object, shape, "ebsSnapshots", &snapshot->ebs_snapshot_ids, error))
    return NULL;
  return g_steal_pointer (&snapshot);
}

/* The LaunchConfiguration that GetLaunchConfiguration and
 * UpdateLaunchConfiguration answer with. */
DrsoLaunchConfiguration *
_drso_drs_parse_launch_configuration (JsonNode  *item,
                                      GError   **error)
{
  g_autoptr(DrsoLaunchConfiguration) config = NULL;
  JsonObject *object, *licensing;
  const char *shape = "LaunchConfiguration";
  gboolean copy_ip = FALSE, copy_tags = FALSE, byol = FALSE, post_launch = FALSE;

  if ((object = item_object (item, shape, error)) == NULL)
    return NULL;

  config = g_object_new (DRSO_TYPE_LAUNCH_CONFIGURATION, NULL);
  if (!read_string (object, shape, "sourceServerID", TRUE, &config->source_server_id, error) ||
      !read_string (object, shape, "name", FALSE, &config->name, error) ||
      !read_string (object, shape, "ec2LaunchTemplateID", FALSE, &config->ec2_launch_template_id,
                    error) ||
      !read_string (object, shape, "launchDisposition", FALSE, &config->launch_disposition,
                    error) ||
      !read_string (object, shape, "targetInstanceTypeRightSizingMethod", FALSE,
                    &config->target_instance_type_right_sizing_method, error) ||
      !read_boolean (object, shape, "copyPrivateIp", &config->copy_private_ip, &copy_ip, error) ||
      !read_boolean (object, shape, "copyTags", &config->copy_tags, &copy_tags, error) ||
      !read_boolean (object, shape, "postLaunchEnabled", &config->post_launch_enabled,
                     &post_launch, error) ||
      !read_object (object, shape, "licensing", &licensing, error) ||
      (licensing != NULL &&
       !read_boolean (licensing, "Licensing", "osByol", &config->os_byol, &byol, error)))
    return NULL;

  config->known = (copy_ip ? DRSO_LAUNCH_KNOWN_COPY_PRIVATE_IP : 0) |
                  (copy_tags ? DRSO_LAUNCH_KNOWN_COPY_TAGS : 0) |
                  (byol ? DRSO_LAUNCH_KNOWN_OS_BYOL : 0) |
                  (post_launch ? DRSO_LAUNCH_KNOWN_POST_LAUNCH_ENABLED : 0);
  return g_steal_pointer (&config);
}

/* The ReplicationConfiguration of GetReplicationConfiguration. */
DrsoReplicationConfiguration *
_drso_drs_parse_replication_configuration (JsonNode  *item,
                                           GError   **error)
{
  g_autoptr(DrsoReplicationConfiguration) config = NULL;
  JsonObject *object;
  JsonArray *rules;
  const char *shape = "ReplicationConfiguration";

  if ((object = item_object (item, shape, error)) == NULL)
    return NULL;

  config = g_object_new (DRSO_TYPE_REPLICATION_CONFIGURATION, NULL);
  if (!read_string (object, shape, "sourceServerID", TRUE, &config->source_server_id, error) ||
      !read_string (object, shape, "stagingAreaSubnetId", FALSE, &config->staging_area_subnet_id,
                    error) ||
      !read_string (object, shape, "replicationServerInstanceType", FALSE,
                    &config->replication_server_instance_type, error) ||
      !read_string (object, shape, "ebsEncryption", FALSE, &config->ebs_encryption, error) ||
      !read_string (object, shape, "dataPlaneRouting", FALSE, &config->data_plane_routing,
                    error) ||
      !read_array (object, shape, "pitPolicy", &rules, error))
    return NULL;

  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *rule_object = item_object (json_array_get_element (rules, i), "PITPolicyRule",
                                             error);
      DrsoDrsPitRule rule = { NULL, 0, 0, TRUE };

      if (rule_object == NULL ||
          !read_string (rule_object, "PITPolicyRule", "units", TRUE, &rule.units, error) ||
          !read_count (rule_object, "PITPolicyRule", "interval", &rule.interval, error) ||
          !read_count (rule_object, "PITPolicyRule", "retentionDuration", &rule.retention,
                       error) ||
          !read_boolean (rule_object, "PITPolicyRule", "enabled", &rule.enabled, NULL, error))
        {
          g_free (rule.units);
          return NULL;
        }
      g_array_append_val (config->pit_rules, rule);
    }

  return g_steal_pointer (&config);
}

/* The answer of ListTagsForResource: a TagsMap in `tags`. */
GHashTable *
_drso_drs_parse_tags (JsonNode  *answer,
                      GError   **error)
{
  g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *object;

  if ((object = item_object (answer, "ListTagsForResourceResponse", error)) == NULL ||
      !read_tags (object, "ListTagsForResourceResponse", "tags", tags, error))
    return NULL;
  return g_steal_pointer (&tags);
}
