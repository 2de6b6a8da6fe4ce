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

      value = g_ascii_strtod (p, &end);
      if (end == p || value < 0)
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

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
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
  id = string_member (object, "sourceServerID");
  if (id == NULL || !drso_validate_source_server_id (id, NULL))
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("DRS listed a source server without a valid sourceServerID"));
      return NULL;
    }

  server = drso_source_server_new (id, account_id, region);
  properties = object_member (object, "sourceProperties");
  replication = object_member (object, "dataReplicationInfo");
  hints = object_member (properties, "identificationHints");
  life_cycle = object_member (object, "lifeCycle");
  tags = object_member (object, "tags");

  drso_source_server_set_arn (server, string_member (object, "arn"));
  drso_source_server_set_hostname (server, string_member (hints, "hostname"));
  if (drso_source_server_get_hostname (server) == NULL)
    drso_source_server_set_hostname (server, string_member (hints, "fqdn"));
  drso_source_server_set_replication_state (server,
                                            string_member (replication, "dataReplicationState"));
  drso_source_server_set_lag_seconds (
    server, _drso_parse_iso8601_duration (string_member (replication, "lagDuration")));
  drso_source_server_set_last_launch_result (server, string_member (object, "lastLaunchResult"));
  drso_source_server_set_last_launch_date (
    server, _drso_parse_iso8601_time (string_member (object_member (object_member (life_cycle,
                                                                                   "lastLaunch"),
                                                                    "initiated"),
                                                     "apiCallDateTime")));
  drso_source_server_set_recovery_instance_id (server, string_member (object, "recoveryInstanceId"));
  drso_source_server_set_private_ip (server, first_ip (properties));
  drso_source_server_set_instance_type (server,
                                        string_member (properties, "recommendedInstanceType"));
  drso_source_server_set_os (server, string_member (object_member (properties, "os"),
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
