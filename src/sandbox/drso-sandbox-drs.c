/* drso-sandbox-drs.c
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

/* The DRS operations of the Sandbox, in the service's JSON: the table of
 * operations, the wire helpers (times, ARNs, pages), and the operations on
 * source servers, their snapshots and tags. The operations on jobs and
 * recovery instances are in drso-sandbox-drs-jobs.c, those on
 * configurations in drso-sandbox-drs-config.c. */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <string.h>

#include "drso-sandbox-world-internal.h"

#define MAX_PAGE 1000

/* Wire helpers */

char *
_drso_sandbox_format_time (gint64 time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
  int usec = (int) (time % G_USEC_PER_SEC);

  return usec ? g_strdup_printf ("%s.%06dZ", text, usec) : g_strconcat (text, "Z", NULL);
}

void
_drso_sandbox_take_string_member (JsonObject *object,
                                  const char *name,
                                  char       *value)
{
  json_object_set_string_member (object, name, value);
  g_free (value);
}

void
_drso_sandbox_set_time_member (JsonObject *object,
                               const char *name,
                               gint64      time)
{
  _drso_sandbox_take_string_member (object, name, _drso_sandbox_format_time (time));
}

/* ISO 8601 durations: PT0S, PT25M, P3DT4H. */
static char *
format_duration (gint64 duration)
{
  gint64 seconds = duration / G_USEC_PER_SEC;
  GString *text = g_string_new ("P");

  if (seconds >= 86400)
    g_string_append_printf (text, "%" G_GINT64_FORMAT "D", seconds / 86400);
  if (seconds % 86400 != 0 || seconds == 0)
    {
      g_string_append_c (text, 'T');
      if (seconds % 86400 >= 3600)
        g_string_append_printf (text, "%" G_GINT64_FORMAT "H", seconds % 86400 / 3600);
      if (seconds % 3600 >= 60)
        g_string_append_printf (text, "%" G_GINT64_FORMAT "M", seconds % 3600 / 60);
      if (seconds % 60 != 0 || seconds == 0)
        g_string_append_printf (text, "%" G_GINT64_FORMAT "S", seconds % 60);
    }
  return g_string_free (text, FALSE);
}

char *
_drso_sandbox_arn (DrsoSandboxWorld *world,
                   const char       *account_id,
                   const char       *kind,
                   const char       *id)
{
  return g_strdup_printf ("arn:aws:drs:%s:%s:%s/%s", world->region, account_id, kind, id);
}

static JsonNode *
input_member (JsonObject   *input,
              const char   *name,
              JsonNodeType  type)
{
  JsonNode *node = input ? json_object_get_member (input, name) : NULL;

  return node != NULL && JSON_NODE_TYPE (node) == type ? node : NULL;
}

const char *
_drso_sandbox_input_string (JsonObject *input,
                            const char *name)
{
  JsonNode *node = input_member (input, name, JSON_NODE_VALUE);

  return node && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) :
                                                                     NULL;
}

JsonArray *
_drso_sandbox_input_array (JsonObject *input,
                           const char *name)
{
  JsonNode *node = input_member (input, name, JSON_NODE_ARRAY);

  return node ? json_node_get_array (node) : NULL;
}

JsonObject *
_drso_sandbox_input_object (JsonObject *input,
                            const char *name)
{
  JsonNode *node = input_member (input, name, JSON_NODE_OBJECT);

  return node ? json_node_get_object (node) : NULL;
}

gboolean
_drso_sandbox_filter_matches (JsonArray  *array,
                              const char *value)
{
  guint length = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < length; i++)
    {
      if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
        return TRUE;
    }
  return length == 0;
}

gboolean
_drso_sandbox_input_time (JsonObject               *filters,
                          const char               *name,
                          gint64                   *time,
                          GError                  **error,
                          DrsoSandboxErrorDetails **details)
{
  const char *text = _drso_sandbox_input_string (filters, name);
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL)
    return TRUE;
  date = g_date_time_new_from_iso8601 (text, NULL);
  if (date == NULL)
    {
      g_autofree char *field = g_strconcat ("filters.", name, NULL);

      _drso_sandbox_set_validation_error (error, details, field,
                                          "“%s” is not an ISO 8601 time", text);
      return FALSE;
    }
  *time = g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
  return TRUE;
}

gboolean
_drso_sandbox_page (JsonObject               *input,
                    const char               *kind,
                    GPtrArray                *keys,
                    gboolean                  descending,
                    DrsoSandboxPage          *page,
                    GError                  **error,
                    DrsoSandboxErrorDetails **details)
{
  const char *token = _drso_sandbox_input_string (input, "nextToken");
  JsonNode *max_node = input_member (input, "maxResults", JSON_NODE_VALUE);
  gint64 max = max_node ? json_node_get_int (max_node) : MAX_PAGE;
  g_autofree char *prefix = g_strconcat (kind, ":", NULL);

  page->start = 0;
  page->next_token = NULL;
  if (max < 1)
    {
      _drso_sandbox_set_validation_error (error, details, "maxResults",
                                          "maxResults must be at least 1");
      return FALSE;
    }

  if (token != NULL && *token != '\0')
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (token, &length);
      g_autofree char *text = g_strndup ((const char *) decoded, length);
      const char *last;

      if (strlen (text) != length || !g_str_has_prefix (text, prefix) ||
          !g_utf8_validate (text, -1, NULL))
        {
          _drso_sandbox_set_validation_error (error, details, "nextToken",
                                              "The nextToken is not one this operation gave");
          return FALSE;
        }
      last = text + strlen (prefix);
      while (page->start < keys->len)
        {
          int cmp = strcmp (g_ptr_array_index (keys, page->start), last);

          if (descending ? cmp < 0 : cmp > 0)
            break;
          page->start++;
        }
    }

  page->end = page->start + (guint) MIN (max, MAX_PAGE);
  if (page->end < keys->len)
    {
      g_autofree char *text = g_strconcat (prefix, g_ptr_array_index (keys, page->end - 1), NULL);

      page->next_token = g_base64_encode ((const guchar *) text, strlen (text));
    }
  else
    page->end = keys->len;
  return TRUE;
}

JsonNode *
_drso_sandbox_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

JsonNode *
_drso_sandbox_page_answer (JsonArray       *items,
                           DrsoSandboxPage *page)
{
  JsonObject *answer = json_object_new ();

  json_object_set_array_member (answer, "items", items);
  if (page->next_token != NULL)
    json_object_set_string_member (answer, "nextToken", page->next_token);
  g_clear_pointer (&page->next_token, g_free);
  return _drso_sandbox_object_node (answer);
}

/* json_node_copy () shares objects and arrays: this copies them too. */
static JsonNode *
copy_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _drso_sandbox_object_node (_drso_sandbox_copy_object (json_node_get_object (node)));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      JsonArray *copy = json_array_sized_new (json_array_get_length (source));
      JsonNode *result = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (copy, copy_node (json_array_get_element (source, i)));
      json_node_take_array (result, copy);
      return result;
    }
  return json_node_copy (node);
}

JsonObject *
_drso_sandbox_copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (copy, name, copy_node (value));
  return copy;
}

DrsoSandboxServer *
_drso_sandbox_input_server (DrsoSandboxWorld          *world,
                            const char                *account_id,
                            JsonObject                *input,
                            GError                   **error,
                            DrsoSandboxErrorDetails  **details)
{
  const char *id = _drso_sandbox_input_string (input, "sourceServerID");
  DrsoSandboxServer *server = id ? _drso_sandbox_world_find_server (world, account_id, id) : NULL;

  if (server == NULL)
    drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_NOT_FOUND, id, "SOURCE_SERVER",
                            "There is no source server %s in account %s", id ? id : "(none)",
                            account_id);
  return server;
}

/* Source servers */

static JsonArray *
disks_json (const DrsoSandboxServer *server,
            gboolean                 replication,
            gboolean                 backlog)
{
  JsonArray *disks = json_array_new ();

  for (guint i = 0; i < server->n_disks; i++)
    {
      JsonObject *disk = json_object_new ();

      json_object_set_string_member (disk, "deviceName", server->disks[i].device_name);
      if (!replication)
        json_object_set_int_member (disk, "bytes", server->disks[i].bytes);
      else
        {
          gint64 behind = backlog ? server->disks[i].bytes / 40 : 0;

          json_object_set_int_member (disk, "totalStorageBytes", server->disks[i].bytes);
          json_object_set_int_member (disk, "replicatedStorageBytes",
                                      server->disks[i].bytes - behind);
          json_object_set_int_member (disk, "backloggedStorageBytes", behind);
          json_object_set_int_member (disk, "rescannedStorageBytes", 0);
        }
      json_array_add_object_element (disks, disk);
    }
  return disks;
}

/* The steps of a replication's initiation, all done: one sealed list that
 * every answer shares. */
static JsonArray *
initiation_steps (DrsoSandboxWorld *world)
{
  static const char * const steps[] = {
    "WAIT", "CREATE_SECURITY_GROUP", "LAUNCH_REPLICATION_SERVER", "BOOT_REPLICATION_SERVER",
    "AUTHENTICATE_WITH_SERVICE", "DOWNLOAD_REPLICATION_SOFTWARE", "CREATE_STAGING_DISKS",
    "ATTACH_STAGING_DISKS", "PAIR_REPLICATION_SERVER_WITH_AGENT",
    "CONNECT_AGENT_TO_REPLICATION_SERVER", "START_DATA_TRANSFER",
  };

  if (world->initiation_steps == NULL)
    {
      world->initiation_steps = json_array_new ();
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          JsonObject *step = json_object_new ();

          json_object_set_string_member (step, "name", steps[i]);
          json_object_set_string_member (step, "status", "SUCCEEDED");
          json_array_add_object_element (world->initiation_steps, step);
        }
      json_array_seal (world->initiation_steps);
    }
  return json_array_ref (world->initiation_steps);
}

static JsonObject *
replication_json (DrsoSandboxWorld        *world,
                  const DrsoSandboxServer *server,
                  gint64                   now)
{
  JsonObject *info = json_object_new ();
  JsonObject *initiation = json_object_new ();
  gboolean backlog = g_str_equal (server->replication_state, "BACKLOG");
  gint64 lag = server->stopped ? now - (world->created + server->stopped) : server->lag;

  json_object_set_string_member (info, "dataReplicationState", server->replication_state);
  _drso_sandbox_take_string_member (info, "lagDuration", format_duration (lag));
  json_object_set_array_member (info, "replicatedDisks", disks_json (server, TRUE, backlog));
  if (backlog)
    _drso_sandbox_set_time_member (info, "etaDateTime", now + server->lag);
  if (server->stopped)
    {
      JsonObject *failure = json_object_new ();
      gboolean disconnected = g_str_equal (server->replication_state, "DISCONNECTED");

      json_object_set_string_member (failure, "error", disconnected ? "AGENT_NOT_SEEN" :
                                                                      "NOT_CONVERGING");
      json_object_set_string_member (failure, "rawError",
                                     disconnected ?
                                     "The replication agent has not been seen since it lost its "
                                     "connection" :
                                     "Replication stopped making progress: the source writes "
                                     "faster than the link carries");
      json_object_set_object_member (info, "dataReplicationError", failure);
    }

  _drso_sandbox_set_time_member (initiation, "startDateTime", world->created + server->added);
  json_object_set_array_member (initiation, "steps", initiation_steps (world));
  json_object_set_object_member (info, "dataReplicationInitiation", initiation);
  return info;
}

static JsonObject *
life_cycle_json (DrsoSandboxWorld        *world,
                 const DrsoSandboxServer *server,
                 gint64                   now)
{
  JsonObject *life_cycle = json_object_new ();
  DrsoSandboxJobServer *last = _drso_sandbox_last_launch (world, server->server_id);
  gint64 seen = server->stopped ? world->created + server->stopped : now;
  gint64 first_byte = world->created + server->first_byte;

  _drso_sandbox_set_time_member (life_cycle, "addedToServiceDateTime",
                                 world->created + server->added);
  _drso_sandbox_set_time_member (life_cycle, "firstByteDateTime", first_byte);
  _drso_sandbox_set_time_member (life_cycle, "lastSeenByServiceDateTime", seen);
  _drso_sandbox_take_string_member (life_cycle, "elapsedReplicationDuration",
                                    format_duration (seen - first_byte));
  if (last != NULL)
    {
      JsonObject *launch = json_object_new ();
      JsonObject *initiated = json_object_new ();

      _drso_sandbox_set_time_member (initiated, "apiCallDateTime", last->job->created);
      json_object_set_string_member (initiated, "jobID", last->job->job_id);
      json_object_set_string_member (initiated, "type", last->job->is_drill ? "DRILL" :
                                                                              "RECOVERY");
      json_object_set_object_member (launch, "initiated", initiated);
      json_object_set_object_member (life_cycle, "lastLaunch", launch);
    }
  return life_cycle;
}

static JsonObject *
properties_json (const DrsoSandboxServer *server,
                 gint64                   updated)
{
  JsonObject *properties = json_object_new ();
  JsonObject *hints = json_object_new ();
  JsonObject *os = json_object_new ();
  JsonObject *cpu = json_object_new ();
  JsonArray *cpus = json_array_new ();
  JsonObject *interface = json_object_new ();
  JsonArray *interfaces = json_array_new ();
  JsonArray *ips = json_array_new ();

  json_object_set_string_member (hints, "hostname", server->hostname);
  json_object_set_string_member (hints, "fqdn", server->fqdn);
  json_object_set_string_member (hints, server->aws_origin ? "awsInstanceID" : "vmWareUuid",
                                 server->hardware_id);
  json_object_set_object_member (properties, "identificationHints", hints);

  json_object_set_string_member (os, "fullString", server->os);
  json_object_set_object_member (properties, "os", os);

  json_object_set_int_member (cpu, "cores", server->cores);
  json_object_set_string_member (cpu, "modelName", server->cpu_model);
  json_array_add_object_element (cpus, cpu);
  json_object_set_array_member (properties, "cpus", cpus);

  json_object_set_array_member (properties, "disks", disks_json (server, FALSE, FALSE));
  json_object_set_int_member (properties, "ramBytes", server->ram_bytes);
  json_object_set_string_member (properties, "recommendedInstanceType", server->instance_type);

  json_array_add_string_element (ips, server->private_ip);
  json_object_set_array_member (interface, "ips", ips);
  json_object_set_boolean_member (interface, "isPrimary", TRUE);
  json_object_set_string_member (interface, "macAddress", server->mac_address);
  json_array_add_object_element (interfaces, interface);
  json_object_set_array_member (properties, "networkInterfaces", interfaces);

  _drso_sandbox_set_time_member (properties, "lastUpdatedDateTime", updated);
  return properties;
}

static JsonObject *
source_server_json (DrsoSandboxWorld        *world,
                    const DrsoSandboxServer *server,
                    gint64                   now)
{
  JsonObject *object = json_object_new ();
  JsonObject *staging = json_object_new ();
  DrsoSandboxJobServer *last = _drso_sandbox_last_launch (world, server->server_id);
  DrsoSandboxRecovery *recovery = _drso_sandbox_current_recovery (world, server->server_id, now);
  gint64 seen = server->stopped ? world->created + server->stopped : now;
  const char *result = "NOT_STARTED";

  json_object_set_string_member (object, "sourceServerID", server->server_id);
  _drso_sandbox_take_string_member (object, "arn",
                                    _drso_sandbox_arn (world, server->account_id, "source-server",
                                                       server->server_id));
  json_object_set_object_member (object, "tags", _drso_sandbox_copy_object (server->tags));
  if (recovery != NULL)
    json_object_set_string_member (object, "recoveryInstanceId", recovery->launch->instance_id);

  if (last != NULL)
    {
      switch (_drso_sandbox_job_server_status (world, last, now))
        {
        case DRSO_SANDBOX_LAUNCH_LAUNCHED:
        case DRSO_SANDBOX_LAUNCH_TERMINATED:
          result = "SUCCEEDED";
          break;
        case DRSO_SANDBOX_LAUNCH_FAILED:
          result = "FAILED";
          break;
        case DRSO_SANDBOX_LAUNCH_PENDING:
        case DRSO_SANDBOX_LAUNCH_IN_PROGRESS:
        default:
          result = "PENDING";
          break;
        }
    }
  json_object_set_string_member (object, "lastLaunchResult", result);

  json_object_set_object_member (object, "dataReplicationInfo",
                                 replication_json (world, server, now));
  json_object_set_object_member (object, "lifeCycle", life_cycle_json (world, server, now));
  json_object_set_object_member (object, "sourceProperties",
                                 properties_json (server, seen / DRSO_SANDBOX_USEC_PER_HOUR *
                                                  DRSO_SANDBOX_USEC_PER_HOUR));
  json_object_set_string_member (staging, "status", "NOT_EXTENDED");
  json_object_set_object_member (object, "stagingArea", staging);
  json_object_set_string_member (object, "replicationDirection", "FAILOVER");

  if (server->aws_origin)
    {
      JsonObject *cloud = json_object_new ();
      const char *origin = g_str_equal (world->region, "us-west-2") ? "us-east-2" : "us-west-2";

      json_object_set_string_member (cloud, "originAccountID", server->account_id);
      json_object_set_string_member (cloud, "originRegion", origin);
      _drso_sandbox_take_string_member (cloud, "originAvailabilityZone",
                                        g_strdup_printf ("%s%c", origin, 'a' + server->zone));
      json_object_set_object_member (object, "sourceCloudProperties", cloud);
    }
  return object;
}

static JsonNode *
describe_source_servers (DrsoSandboxWorld          *world,
                         const char                *account_id,
                         JsonObject                *input,
                         GError                   **error,
                         DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObject *filters = _drso_sandbox_input_object (input, "filters");
  JsonArray *ids = _drso_sandbox_input_array (filters, "sourceServerIDs");
  JsonArray *staging = _drso_sandbox_input_array (filters, "stagingAccountIDs");
  const char *hardware_id = _drso_sandbox_input_string (filters, "hardwareId");
  gint64 now = drso_sandbox_world_now (world);
  DrsoSandboxPage page;
  JsonArray *items;

  for (guint i = 0; i < world->servers->len; i++)
    {
      DrsoSandboxServer *server = g_ptr_array_index (world->servers, i);

      /* No server is extended from a staging account. */
      if (!g_str_equal (server->account_id, account_id) ||
          !_drso_sandbox_filter_matches (ids, server->server_id) ||
          (staging != NULL && json_array_get_length (staging) > 0) ||
          (hardware_id != NULL && g_ascii_strcasecmp (hardware_id, server->hardware_id) != 0))
        continue;
      g_ptr_array_add (matches, server);
      g_ptr_array_add (keys, server->server_id);
    }

  if (!_drso_sandbox_page (input, "servers", keys, FALSE, &page, error, details))
    return NULL;
  items = json_array_sized_new (page.end - page.start);
  for (guint i = page.start; i < page.end; i++)
    json_array_add_object_element (items,
                                   source_server_json (world, g_ptr_array_index (matches, i), now));
  return _drso_sandbox_page_answer (items, &page);
}

/* Snapshots */

static JsonNode *
describe_recovery_snapshots (DrsoSandboxWorld          *world,
                             const char                *account_id,
                             JsonObject                *input,
                             GError                   **error,
                             DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  g_autoptr(GArray) snapshots = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  JsonObject *filters = _drso_sandbox_input_object (input, "filters");
  gboolean descending = g_strcmp0 (_drso_sandbox_input_string (input, "order"), "DESC") == 0;
  gint64 from = 0, to = G_MAXINT64;
  DrsoSandboxServer *server;
  DrsoSandboxPage page;
  JsonArray *items;

  if ((server = _drso_sandbox_input_server (world, account_id, input, error, details)) == NULL ||
      !_drso_sandbox_input_time (filters, "fromDateTime", &from, error, details) ||
      !_drso_sandbox_input_time (filters, "toDateTime", &to, error, details))
    return NULL;

  snapshots = _drso_sandbox_server_snapshots (world, server, drso_sandbox_world_now (world));
  for (guint n = 0; n < snapshots->len; n++)
    {
      guint i = descending ? snapshots->len - 1 - n : n;
      DrsoSandboxSnapshot *snapshot = &g_array_index (snapshots, DrsoSandboxSnapshot, i);

      if (snapshot->taken < from || snapshot->taken > to)
        continue;
      g_ptr_array_add (matches, snapshot);
      g_ptr_array_add (keys, g_strdup_printf ("%020" G_GINT64_FORMAT, snapshot->expected));
    }

  if (!_drso_sandbox_page (input, "snapshots", keys, descending, &page, error, details))
    return NULL;
  items = json_array_new ();
  for (guint i = page.start; i < page.end; i++)
    {
      DrsoSandboxSnapshot *snapshot = g_ptr_array_index (matches, i);
      JsonObject *item = json_object_new ();
      JsonArray *ebs = json_array_new ();

      json_object_set_string_member (item, "snapshotID", snapshot->snapshot_id);
      json_object_set_string_member (item, "sourceServerID", server->server_id);
      _drso_sandbox_set_time_member (item, "expectedTimestamp", snapshot->expected);
      _drso_sandbox_set_time_member (item, "timestamp", snapshot->taken);
      for (guint d = 0; d < server->n_disks; d++)
        {
          g_autofree char *ebs_id = _drso_sandbox_hash_id ("snap-", world->seed, "ebs/%s/%u",
                                                           snapshot->snapshot_id, d);

          json_array_add_string_element (ebs, ebs_id);
        }
      json_object_set_array_member (item, "ebsSnapshots", ebs);
      json_array_add_object_element (items, item);
    }
  return _drso_sandbox_page_answer (items, &page);
}

/* Tags */

static JsonNode *
list_tags_for_resource (DrsoSandboxWorld          *world,
                        const char                *account_id,
                        JsonObject                *input,
                        GError                   **error,
                        DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  const char *arn = _drso_sandbox_input_string (input, "resourceArn");
  g_auto(GStrv) fields = arn ? g_strsplit (arn, ":", 6) : NULL;
  g_auto(GStrv) resource = NULL;
  JsonObject *tags = NULL;
  JsonObject *answer;

  /* arn:aws:drs:REGION:ACCOUNT:KIND/ID */
  if (fields != NULL && g_strv_length (fields) == 6 && g_str_equal (fields[0], "arn") &&
      g_str_equal (fields[1], "aws") && g_str_equal (fields[2], "drs") &&
      g_str_equal (fields[3], world->region))
    {
      if (!g_str_equal (fields[4], account_id) && _drso_sandbox_find_account (fields[4]))
        {
          drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_ACCESS_DENIED, arn, NULL,
                                  "Account %s may not read the tags of %s, which belongs to "
                                  "account %s", account_id, arn, fields[4]);
          return NULL;
        }
      resource = g_strsplit (fields[5], "/", 2);
    }
  if (resource != NULL && resource[0] != NULL && resource[1] != NULL &&
      g_str_equal (fields[4], account_id))
    {
      if (g_str_equal (resource[0], "source-server"))
        {
          DrsoSandboxServer *server = _drso_sandbox_world_find_server (world, account_id,
                                                                       resource[1]);

          tags = server ? _drso_sandbox_copy_object (server->tags) : NULL;
        }
      else
        tags = _drso_sandbox_drs_resource_tags (world, account_id, resource[0], resource[1]);
    }

  if (tags == NULL)
    {
      drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_NOT_FOUND, arn, NULL,
                              "There is no DRS resource %s in account %s",
                              arn ? arn : "(none)", account_id);
      return NULL;
    }
  answer = json_object_new ();
  json_object_set_object_member (answer, "tags", tags);
  return _drso_sandbox_object_node (answer);
}

/* The table */

static const struct
{
  const char              *name;
  DrsoSandboxDrsOperation  run;
} operations[] = {
  { "DescribeJobLogItems", _drso_sandbox_drs_describe_job_log_items },
  { "DescribeJobs", _drso_sandbox_drs_describe_jobs },
  { "DescribeRecoveryInstances", _drso_sandbox_drs_describe_recovery_instances },
  { "DescribeRecoverySnapshots", describe_recovery_snapshots },
  { "DescribeSourceServers", describe_source_servers },
  { "GetLaunchConfiguration", _drso_sandbox_drs_get_launch_configuration },
  { "GetReplicationConfiguration", _drso_sandbox_drs_get_replication_configuration },
  { "ListTagsForResource", list_tags_for_resource },
  { "StartRecovery", _drso_sandbox_drs_start_recovery },
  { "TerminateRecoveryInstances", _drso_sandbox_drs_terminate_recovery_instances },
  { "UpdateLaunchConfiguration", _drso_sandbox_drs_update_launch_configuration },
};

DrsoSandboxDrsOperation
drso_sandbox_drs_lookup (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (operations); i++)
    {
      if (g_str_equal (operations[i].name, name))
        return operations[i].run;
    }
  return NULL;
}
