/* drso-sandbox-drs-jobs.c
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

/* The DRS operations of the Sandbox on jobs and recovery instances:
 * StartRecovery, DescribeJobs, DescribeJobLogItems,
 * DescribeRecoveryInstances and TerminateRecoveryInstances, and the JSON of
 * a Job, a JobLog and a RecoveryInstance at an instant. */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include "drso-sandbox-world-internal.h"

static const char * const volume_devices[] = { "/dev/xvda", "/dev/xvdb", "/dev/xvdc" };

static JsonNode *
job_answer (JsonObject *job)
{
  JsonObject *answer = json_object_new ();

  json_object_set_object_member (answer, "job", job);
  return _drso_sandbox_object_node (answer);
}

static JsonObject *
job_json (DrsoSandboxWorld     *world,
          const DrsoSandboxJob *job,
          gint64                now)
{
  JsonObject *object = json_object_new ();
  JsonArray *servers = json_array_new ();
  const char *status = _drso_sandbox_job_status (job, now);
  gboolean launch = job->type == DRSO_SANDBOX_JOB_LAUNCH;

  json_object_set_string_member (object, "jobID", job->job_id);
  _drso_sandbox_take_string_member (object, "arn", _drso_sandbox_arn (world, job->account_id,
                                                                      "job", job->job_id));
  json_object_set_string_member (object, "type", launch ? "LAUNCH" : "TERMINATE");
  json_object_set_string_member (object, "initiatedBy",
                                 !launch ? "TERMINATE_RECOVERY_INSTANCES" :
                                 job->is_drill ? "START_DRILL" : "START_RECOVERY");
  _drso_sandbox_set_time_member (object, "creationDateTime", job->created);
  if (g_str_equal (status, "COMPLETED"))
    _drso_sandbox_set_time_member (object, "endDateTime", _drso_sandbox_job_end (job));
  json_object_set_string_member (object, "status", status);

  for (guint i = 0; i < job->servers->len; i++)
    {
      const DrsoSandboxJobServer *js = g_ptr_array_index (job->servers, i);
      DrsoSandboxLaunchStatus launch_status = _drso_sandbox_job_server_status (world, js, now);
      JsonObject *server = json_object_new ();

      json_object_set_string_member (server, "sourceServerID", js->server->server_id);
      if (!launch || launch_status == DRSO_SANDBOX_LAUNCH_LAUNCHED ||
          launch_status == DRSO_SANDBOX_LAUNCH_TERMINATED)
        json_object_set_string_member (server, "recoveryInstanceID", js->instance_id);
      json_object_set_string_member (server, "launchStatus",
                                     _drso_sandbox_launch_status_name (launch_status));
      json_array_add_object_element (servers, server);
    }
  json_object_set_array_member (object, "participatingServers", servers);
  json_object_set_object_member (object, "tags", _drso_sandbox_copy_object (job->tags));
  return object;
}

JsonNode *
_drso_sandbox_drs_start_recovery (DrsoSandboxWorld          *world,
                                  const char                *account_id,
                                  JsonObject                *input,
                                  GError                   **error,
                                  DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  JsonArray *list = _drso_sandbox_input_array (input, "sourceServers");
  JsonNode *drill = json_object_get_member (input, "isDrill");
  guint n = list ? json_array_get_length (list) : 0;
  g_autofree DrsoSandboxLaunchRequest *requests = g_new0 (DrsoSandboxLaunchRequest, MAX (n, 1));
  g_autoptr(JsonObject) tags = NULL;
  DrsoSandboxJob *job;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (list, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) :
                                                              NULL;

      requests[i].server_id = _drso_sandbox_input_string (object, "sourceServerID");
      requests[i].snapshot_id = _drso_sandbox_input_string (object, "recoverySnapshotID");
      if (requests[i].server_id == NULL)
        {
          g_autofree char *field = g_strdup_printf ("sourceServers[%u].sourceServerID", i);

          _drso_sandbox_set_validation_error (error, details, field,
                                              "Each source server needs its sourceServerID");
          return NULL;
        }
    }
  if (n == 0)
    {
      _drso_sandbox_set_validation_error (error, details, "sourceServers",
                                          "A recovery needs at least one source server");
      return NULL;
    }
  if (_drso_sandbox_input_object (input, "tags") != NULL)
    tags = _drso_sandbox_copy_object (_drso_sandbox_input_object (input, "tags"));

  job = _drso_sandbox_start_recovery (world, account_id, requests, n,
                                      drill != NULL && JSON_NODE_HOLDS_VALUE (drill) &&
                                      json_node_get_value_type (drill) == G_TYPE_BOOLEAN &&
                                      json_node_get_boolean (drill),
                                      tags, error, details);
  if (job == NULL)
    return NULL;
  /* As AWS answers: the job as it was created, however long storing it took. */
  return job_answer (job_json (world, job, job->created));
}

JsonNode *
_drso_sandbox_drs_describe_jobs (DrsoSandboxWorld          *world,
                                 const char                *account_id,
                                 JsonObject                *input,
                                 GError                   **error,
                                 DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  JsonObject *filters = _drso_sandbox_input_object (input, "filters");
  JsonArray *ids = _drso_sandbox_input_array (filters, "jobIDs");
  gint64 from = 0, to = G_MAXINT64, now;
  DrsoSandboxPage page;
  JsonArray *items;

  if (!_drso_sandbox_input_time (filters, "fromDate", &from, error, details) ||
      !_drso_sandbox_input_time (filters, "toDate", &to, error, details))
    return NULL;

  for (guint i = 0; i < world->jobs->len; i++)
    {
      DrsoSandboxJob *job = g_ptr_array_index (world->jobs, i);

      if (!g_str_equal (job->account_id, account_id) ||
          !_drso_sandbox_filter_matches (ids, job->job_id) ||
          job->created < from || job->created > to)
        continue;
      g_ptr_array_add (matches, job);
      g_ptr_array_add (keys, g_strdup_printf ("%020" G_GINT64_FORMAT, job->sequence));
    }

  if (!_drso_sandbox_page (input, "jobs", keys, FALSE, &page, error, details))
    return NULL;
  now = drso_sandbox_world_now (world);
  items = json_array_new ();
  for (guint i = page.start; i < page.end; i++)
    json_array_add_object_element (items, job_json (world, g_ptr_array_index (matches, i), now));
  return _drso_sandbox_page_answer (items, &page);
}

static JsonObject *
log_item_json (const DrsoSandboxLogEvent *event)
{
  JsonObject *item = json_object_new ();
  const DrsoSandboxJobServer *js = event->server;

  _drso_sandbox_set_time_member (item, "logDateTime", event->time);
  json_object_set_string_member (item, "event", event->event);
  if (js != NULL)
    {
      JsonObject *data = json_object_new ();

      json_object_set_string_member (data, "sourceServerID", js->server->server_id);
      if (g_str_has_prefix (event->event, "CONVERSION_"))
        json_object_set_string_member (data, "conversionServerID", js->conversion_server_id);
      if (g_str_has_prefix (event->event, "LAUNCH_") || g_str_has_prefix (event->event, "CLEANUP_"))
        json_object_set_string_member (data, "targetInstanceID", js->instance_id);
      if (g_str_equal (event->event, "LAUNCH_FAILED"))
        _drso_sandbox_take_string_member (data, "rawError", _drso_sandbox_job_raw_error (js));
      json_object_set_object_member (item, "eventData", data);
    }
  return item;
}

JsonNode *
_drso_sandbox_drs_describe_job_log_items (DrsoSandboxWorld          *world,
                                          const char                *account_id,
                                          JsonObject                *input,
                                          GError                   **error,
                                          DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) log = NULL;
  const char *job_id = _drso_sandbox_input_string (input, "jobID");
  DrsoSandboxJob *job = job_id ? g_hash_table_lookup (world->jobs_by_id, job_id) : NULL;
  DrsoSandboxPage page;
  JsonArray *items;

  if (job == NULL || !g_str_equal (job->account_id, account_id))
    {
      drso_sandbox_set_error (error, details, DRSO_SANDBOX_ERROR_NOT_FOUND, job_id, "JOB",
                              "There is no job %s in account %s", job_id ? job_id : "(none)",
                              account_id);
      return NULL;
    }

  log = _drso_sandbox_job_log (job, drso_sandbox_world_now (world));
  for (guint i = 0; i < log->len; i++)
    g_ptr_array_add (keys, g_strdup_printf ("%010u", i));
  if (!_drso_sandbox_page (input, "log", keys, FALSE, &page, error, details))
    return NULL;
  items = json_array_new ();
  for (guint i = page.start; i < page.end; i++)
    json_array_add_object_element (items,
                                   log_item_json (&g_array_index (log, DrsoSandboxLogEvent, i)));
  return _drso_sandbox_page_answer (items, &page);
}

static JsonObject *
recovery_properties_json (DrsoSandboxWorld          *world,
                          const DrsoSandboxRecovery *recovery)
{
  const DrsoSandboxJobServer *js = recovery->launch;
  const DrsoSandboxServer *server = js->server;
  JsonObject *properties = json_object_new ();
  JsonObject *hints = json_object_new ();
  JsonObject *os = json_object_new ();
  JsonObject *cpu = json_object_new ();
  JsonArray *cpus = json_array_new ();
  JsonArray *disks = json_array_new ();
  JsonObject *interface = json_object_new ();
  JsonArray *interfaces = json_array_new ();
  JsonArray *ips = json_array_new ();
  g_autofree char *mac = _drso_sandbox_hash_id ("", world->seed, "mac/%s", js->instance_id);

  json_object_set_int_member (cpu, "cores", server->cores);
  json_object_set_string_member (cpu, "modelName", server->cpu_model);
  json_array_add_object_element (cpus, cpu);
  json_object_set_array_member (properties, "cpus", cpus);

  for (guint i = 0; i < server->n_disks; i++)
    {
      JsonObject *disk = json_object_new ();
      g_autofree char *volume = _drso_sandbox_hash_id ("vol-", world->seed, "volume/%s/%u",
                                                       js->instance_id, i);

      /* The model allows 19 characters: the short form of volume IDs. */
      volume[12] = '\0';
      json_object_set_string_member (disk, "internalDeviceName", volume_devices[i]);
      json_object_set_int_member (disk, "bytes", server->disks[i].bytes);
      json_object_set_string_member (disk, "ebsVolumeID", volume);
      json_array_add_object_element (disks, disk);
    }
  json_object_set_array_member (properties, "disks", disks);
  json_object_set_int_member (properties, "ramBytes", server->ram_bytes);

  json_object_set_string_member (os, "fullString", server->os);
  json_object_set_object_member (properties, "os", os);

  json_object_set_string_member (hints, "hostname", js->name);
  json_object_set_string_member (hints, "fqdn", server->fqdn);
  json_object_set_string_member (hints, "awsInstanceID", js->instance_id);
  json_object_set_object_member (properties, "identificationHints", hints);

  json_array_add_string_element (ips, js->private_ip);
  json_object_set_array_member (interface, "ips", ips);
  json_object_set_boolean_member (interface, "isPrimary", TRUE);
  _drso_sandbox_take_string_member (interface, "macAddress",
                                    g_strdup_printf ("0e:%.2s:%.2s:%.2s:%.2s:%.2s", mac, mac + 2,
                                                     mac + 4, mac + 6, mac + 8));
  json_array_add_object_element (interfaces, interface);
  json_object_set_array_member (properties, "networkInterfaces", interfaces);

  _drso_sandbox_set_time_member (properties, "lastUpdatedDateTime",
                                 _drso_sandbox_recovery_launched (recovery));
  return properties;
}

static JsonObject *
recovery_json (DrsoSandboxWorld          *world,
               const DrsoSandboxRecovery *recovery,
               gint64                     now)
{
  const DrsoSandboxJobServer *js = recovery->launch;
  JsonObject *object = json_object_new ();
  DrsoSandboxInstanceState state = _drso_sandbox_recovery_state (recovery, now);

  json_object_set_string_member (object, "recoveryInstanceID", js->instance_id);
  json_object_set_string_member (object, "ec2InstanceID", js->instance_id);
  json_object_set_string_member (object, "ec2InstanceState",
                                 _drso_sandbox_instance_state_drs_name (state));
  json_object_set_string_member (object, "jobID", js->job->job_id);
  json_object_set_string_member (object, "sourceServerID", js->server->server_id);
  json_object_set_boolean_member (object, "isDrill", js->job->is_drill);
  _drso_sandbox_set_time_member (object, "pointInTimeSnapshotDateTime",
                                 _drso_sandbox_job_server_point_in_time (js));
  _drso_sandbox_take_string_member (object, "arn",
                                    _drso_sandbox_arn (world, js->job->account_id,
                                                       "recovery-instance", js->instance_id));
  json_object_set_object_member (object, "tags", _drso_sandbox_recovery_tags (recovery));
  json_object_set_string_member (object, "originEnvironment",
                                 js->server->aws_origin ? "AWS" : "ON_PREMISES");
  json_object_set_object_member (object, "recoveryInstanceProperties",
                                 recovery_properties_json (world, recovery));
  return object;
}

static int
compare_recoveries (gconstpointer a,
                    gconstpointer b)
{
  const DrsoSandboxRecovery *ra = *(const DrsoSandboxRecovery **) a;
  const DrsoSandboxRecovery *rb = *(const DrsoSandboxRecovery **) b;

  return strcmp (ra->launch->instance_id, rb->launch->instance_id);
}

JsonNode *
_drso_sandbox_drs_describe_recovery_instances (DrsoSandboxWorld          *world,
                                               const char                *account_id,
                                               JsonObject                *input,
                                               GError                   **error,
                                               DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObject *filters = _drso_sandbox_input_object (input, "filters");
  JsonArray *ids = _drso_sandbox_input_array (filters, "recoveryInstanceIDs");
  JsonArray *server_ids = _drso_sandbox_input_array (filters, "sourceServerIDs");
  gint64 now = drso_sandbox_world_now (world);
  DrsoSandboxPage page;
  JsonArray *items;

  for (guint i = 0; i < world->recoveries->len; i++)
    {
      DrsoSandboxRecovery *recovery = g_ptr_array_index (world->recoveries, i);
      const DrsoSandboxJobServer *js = recovery->launch;

      if (g_str_equal (js->job->account_id, account_id) &&
          _drso_sandbox_recovery_listed (recovery, now) &&
          _drso_sandbox_filter_matches (ids, js->instance_id) &&
          _drso_sandbox_filter_matches (server_ids, js->server->server_id))
        g_ptr_array_add (matches, recovery);
    }
  g_ptr_array_sort (matches, compare_recoveries);
  for (guint i = 0; i < matches->len; i++)
    g_ptr_array_add (keys, ((DrsoSandboxRecovery *) g_ptr_array_index (matches, i))->launch->
                     instance_id);

  if (!_drso_sandbox_page (input, "instances", keys, FALSE, &page, error, details))
    return NULL;
  items = json_array_new ();
  for (guint i = page.start; i < page.end; i++)
    json_array_add_object_element (items,
                                   recovery_json (world, g_ptr_array_index (matches, i), now));
  return _drso_sandbox_page_answer (items, &page);
}

JsonNode *
_drso_sandbox_drs_terminate_recovery_instances (DrsoSandboxWorld          *world,
                                                const char                *account_id,
                                                JsonObject                *input,
                                                GError                   **error,
                                                DrsoSandboxErrorDetails  **details)
{
  g_autoptr(GRecMutexLocker) locker = g_rec_mutex_locker_new (&world->lock);
  JsonArray *list = _drso_sandbox_input_array (input, "recoveryInstanceIDs");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  DrsoSandboxJob *job;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *element = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (ids, (gpointer) json_node_get_string (element));
    }
  if (ids->len == 0)
    {
      _drso_sandbox_set_validation_error (error, details, "recoveryInstanceIDs",
                                          "Name at least one recovery instance to terminate");
      return NULL;
    }
  g_ptr_array_add (ids, NULL);

  job = _drso_sandbox_terminate_recoveries (world, account_id,
                                            (const char * const *) ids->pdata, ids->len - 1,
                                            error, details);
  if (job == NULL)
    return NULL;
  /* As AWS answers: the job as it was created, however long storing it took. */
  return job_answer (job_json (world, job, job->created));
}

JsonObject *
_drso_sandbox_drs_resource_tags (DrsoSandboxWorld *world,
                                 const char       *account_id,
                                 const char       *kind,
                                 const char       *id)
{
  if (g_str_equal (kind, "job"))
    {
      DrsoSandboxJob *job = g_hash_table_lookup (world->jobs_by_id, id);

      if (job != NULL && g_str_equal (job->account_id, account_id))
        return _drso_sandbox_copy_object (job->tags);
    }
  else if (g_str_equal (kind, "recovery-instance"))
    {
      DrsoSandboxRecovery *recovery = g_hash_table_lookup (world->recoveries_by_id, id);

      if (recovery != NULL && g_str_equal (recovery->launch->job->account_id, account_id) &&
          _drso_sandbox_recovery_listed (recovery, drso_sandbox_world_now (world)))
        return _drso_sandbox_recovery_tags (recovery);
    }
  return NULL;
}
