/* drso-sandbox-instances.c
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

/* Recovery instances and the EC2 side of the Sandbox: the instance each
 * successful launch creates and how it boots and terminates, EC2's
 * TerminateInstances, and the views the EC2 service answers with
 * (instances, subnets, security groups). */

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include "drso-sandbox-world-internal.h"

/* How long EC2 still shows an instance after it terminated. */
#define TERMINATED_VISIBLE DRSO_SANDBOX_USEC_PER_HOUR

/* Recovery instances */

void
_drso_sandbox_index_job (DrsoSandboxWorld *world,
                         DrsoSandboxJob   *job)
{
  for (guint i = 0; i < job->servers->len; i++)
    {
      DrsoSandboxJobServer *js = g_ptr_array_index (job->servers, i);
      const char *server_id = js->server->server_id;
      DrsoSandboxRecovery *recovery, *previous;
      GPtrArray *launches;

      if (job->type == DRSO_SANDBOX_JOB_TERMINATE)
        {
          recovery = g_hash_table_lookup (world->recoveries_by_id, js->instance_id);
          if (recovery != NULL && recovery->cleanup == NULL)
            recovery->cleanup = js;
          continue;
        }

      launches = g_hash_table_lookup (world->launches, server_id);
      if (launches == NULL)
        {
          launches = g_ptr_array_new ();
          g_hash_table_insert (world->launches, (gpointer) server_id, launches);
        }
      g_ptr_array_add (launches, js);

      if (js->outcome != DRSO_SANDBOX_OUTCOME_LAUNCHED)
        continue;

      recovery = g_new0 (DrsoSandboxRecovery, 1);
      recovery->launch = js;
      previous = g_hash_table_lookup (world->latest_recovery, server_id);
      if (previous != NULL)
        previous->successor = js;
      g_ptr_array_add (world->recoveries, recovery);
      g_hash_table_insert (world->recoveries_by_id, js->instance_id, recovery);
      g_hash_table_insert (world->latest_recovery, (gpointer) server_id, recovery);
    }
}

gint64
_drso_sandbox_recovery_launched (const DrsoSandboxRecovery *recovery)
{
  return _drso_sandbox_job_server_end (recovery->launch);
}

/* The termination in effect at @now: the earliest that has begun. Returns
 * its start (or DRSO_SANDBOX_NEVER) and sets @end. */
static gint64
termination (const DrsoSandboxRecovery *recovery,
             gint64                     now,
             gint64                    *end)
{
  gint64 start = DRSO_SANDBOX_NEVER;

  *end = DRSO_SANDBOX_NEVER;
  if (recovery->ec2_start != 0 && recovery->ec2_start <= now)
    {
      start = recovery->ec2_start;
      *end = start + recovery->ec2_duration;
    }
  if (recovery->cleanup != NULL)
    {
      gint64 cleanup_start = _drso_sandbox_job_start (recovery->cleanup->job) +
                             recovery->cleanup->begin;

      if (cleanup_start <= now && cleanup_start < start)
        {
          start = cleanup_start;
          *end = start + recovery->cleanup->cleanup;
        }
    }
  if (recovery->successor != NULL)
    {
      gint64 replaced = _drso_sandbox_job_server_end (recovery->successor);

      if (replaced <= now && replaced < start)
        {
          start = replaced;
          *end = start + recovery->successor->cleanup;
        }
    }
  return start;
}

DrsoSandboxInstanceState
_drso_sandbox_recovery_state (const DrsoSandboxRecovery *recovery,
                              gint64                     now)
{
  gint64 launched = _drso_sandbox_recovery_launched (recovery);
  gint64 end;

  if (now < launched)
    return DRSO_SANDBOX_INSTANCE_ABSENT;
  if (termination (recovery, now, &end) != DRSO_SANDBOX_NEVER)
    return now < end ? DRSO_SANDBOX_INSTANCE_SHUTTING_DOWN : DRSO_SANDBOX_INSTANCE_TERMINATED;
  if (now < launched + recovery->launch->boot)
    return DRSO_SANDBOX_INSTANCE_PENDING;
  return recovery->launch->stopped ? DRSO_SANDBOX_INSTANCE_STOPPED :
                                     DRSO_SANDBOX_INSTANCE_RUNNING;
}

gboolean
_drso_sandbox_recovery_listed (const DrsoSandboxRecovery *recovery,
                               gint64                     now)
{
  if (now < _drso_sandbox_recovery_launched (recovery))
    return FALSE;
  if (recovery->cleanup != NULL && now >= _drso_sandbox_job_server_end (recovery->cleanup))
    return FALSE;
  if (recovery->successor != NULL)
    {
      gint64 replaced = _drso_sandbox_job_server_end (recovery->successor);

      if (replaced != DRSO_SANDBOX_NEVER && now >= replaced + recovery->successor->cleanup)
        return FALSE;
    }
  return TRUE;
}

DrsoSandboxRecovery *
_drso_sandbox_current_recovery (DrsoSandboxWorld *world,
                                const char       *server_id,
                                gint64            now)
{
  GPtrArray *launches = g_hash_table_lookup (world->launches, server_id);

  for (guint i = launches ? launches->len : 0; i > 0; i--)
    {
      DrsoSandboxJobServer *js = g_ptr_array_index (launches, i - 1);
      DrsoSandboxRecovery *recovery = g_hash_table_lookup (world->recoveries_by_id,
                                                           js->instance_id);

      if (recovery != NULL && _drso_sandbox_recovery_listed (recovery, now))
        return recovery;
    }
  return NULL;
}

const char *
_drso_sandbox_instance_state_drs_name (DrsoSandboxInstanceState state)
{
  static const char * const names[] = {
    "NOT_FOUND", "PENDING", "RUNNING", "STOPPED", "SHUTTING-DOWN", "TERMINATED",
  };

  return names[state];
}

JsonObject *
_drso_sandbox_recovery_tags (const DrsoSandboxRecovery *recovery)
{
  const DrsoSandboxJobServer *js = recovery->launch;
  JsonObject *tags = json_object_new ();

  if (js->copy_tags)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, js->server->tags);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (tags, name, json_node_copy (value));
    }
  json_object_set_string_member (tags, "Name", js->name);
  json_object_set_string_member (tags, "AWSElasticDisasterRecoveryManaged", "drs.amazonaws.com");
  if (js->job->is_drill)
    json_object_set_string_member (tags, "AWSDRS-Drill", "true");
  return tags;
}

gboolean
_drso_sandbox_load_terminations (DrsoSandboxWorld  *world,
                                 GError           **error)
{
  sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
    world, "SELECT instance_id, start, duration FROM ec2_terminations", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DrsoSandboxRecovery *recovery = g_hash_table_lookup (world->recoveries_by_id,
                                                           sqlite3_column_text (stmt, 0));

      if (recovery != NULL)
        {
          recovery->ec2_start = sqlite3_column_int64 (stmt, 1);
          recovery->ec2_duration = sqlite3_column_int64 (stmt, 2);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _drso_sandbox_world_storage_error (world, error);
  return TRUE;
}

/* EC2 */

void
drso_sandbox_instance_free (DrsoSandboxInstance *instance)
{
  if (instance == NULL)
    return;
  g_free (instance->instance_id);
  g_free (instance->account_id);
  g_free (instance->source_server_id);
  g_free (instance->job_id);
  g_free (instance->instance_type);
  g_free (instance->availability_zone);
  g_free (instance->subnet_id);
  g_free (instance->vpc_id);
  g_free (instance->private_ip);
  g_free (instance->image_id);
  g_clear_pointer (&instance->tags, json_object_unref);
  g_free (instance);
}

/* Whether EC2 shows the instance at @now. */
static gboolean
ec2_visible (const DrsoSandboxRecovery *recovery,
             gint64                     now)
{
  gint64 end;

  if (now < _drso_sandbox_recovery_launched (recovery))
    return FALSE;
  return termination (recovery, now, &end) == DRSO_SANDBOX_NEVER ||
         now < end + TERMINATED_VISIBLE;
}

static DrsoSandboxInstance *
describe_instance (DrsoSandboxWorld          *world,
                   const DrsoSandboxRecovery *recovery,
                   gint64                     now)
{
  static const char * const states[] = {
    NULL, "pending", "running", "stopped", "shutting-down", "terminated",
  };
  static const guint codes[] = { 0, 0, 16, 80, 32, 48 };
  const DrsoSandboxJobServer *js = recovery->launch;
  DrsoSandboxInstanceState state = _drso_sandbox_recovery_state (recovery, now);
  DrsoSandboxInstance *instance = g_new0 (DrsoSandboxInstance, 1);
  gint64 launched = _drso_sandbox_recovery_launched (recovery);

  instance->instance_id = g_strdup (js->instance_id);
  instance->account_id = g_strdup (js->job->account_id);
  instance->source_server_id = g_strdup (js->server->server_id);
  instance->job_id = g_strdup (js->job->job_id);
  instance->instance_type = g_strdup (js->server->instance_type);
  instance->availability_zone = _drso_sandbox_zone_name (world, js->server->zone);
  instance->subnet_id = _drso_sandbox_subnet_id (world, js->job->account_id, js->server->zone);
  instance->vpc_id = _drso_sandbox_vpc_id (world, js->job->account_id);
  instance->private_ip = g_strdup (js->private_ip);
  instance->image_id = _drso_sandbox_hash_id ("ami-", world->seed, "image/%s", js->instance_id);
  instance->is_drill = js->job->is_drill;
  instance->launch_time = launched;
  instance->state = states[state];
  instance->state_code = codes[state];
  if (state == DRSO_SANDBOX_INSTANCE_RUNNING)
    instance->status = now < launched + js->boot + js->checks ? "initializing" : "ok";
  else
    instance->status = "not-applicable";
  instance->tags = _drso_sandbox_recovery_tags (recovery);
  return instance;
}

static DrsoSandboxRecovery *
find_instance (DrsoSandboxWorld  *world,
               const char        *account_id,
               const char        *instance_id,
               gint64             now,
               GError           **error)
{
  DrsoSandboxRecovery *recovery = g_hash_table_lookup (world->recoveries_by_id, instance_id);

  if (recovery == NULL || !g_str_equal (recovery->launch->job->account_id, account_id) ||
      !ec2_visible (recovery, now))
    {
      g_set_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_NOT_FOUND,
                   "The instance ID '%s' does not exist", instance_id);
      return NULL;
    }
  return recovery;
}

GPtrArray *
drso_sandbox_world_list_instances (DrsoSandboxWorld    *world,
                                   const char          *account_id,
                                   const char * const  *instance_ids,
                                   GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  gint64 now;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  locker = g_rec_mutex_locker_new (&world->lock);
  now = drso_sandbox_world_now (world);
  instances = g_ptr_array_new_with_free_func ((GDestroyNotify) drso_sandbox_instance_free);

  if (instance_ids == NULL || instance_ids[0] == NULL)
    {
      for (guint i = 0; i < world->recoveries->len; i++)
        {
          DrsoSandboxRecovery *recovery = g_ptr_array_index (world->recoveries, i);

          if (g_str_equal (recovery->launch->job->account_id, account_id) &&
              ec2_visible (recovery, now))
            g_ptr_array_add (instances, describe_instance (world, recovery, now));
        }
      return g_steal_pointer (&instances);
    }

  for (guint i = 0; instance_ids[i] != NULL; i++)
    {
      DrsoSandboxRecovery *recovery = find_instance (world, account_id, instance_ids[i], now,
                                                     error);

      if (recovery == NULL)
        return NULL;
      g_ptr_array_add (instances, describe_instance (world, recovery, now));
    }
  return g_steal_pointer (&instances);
}

GPtrArray *
drso_sandbox_world_terminate_instances (DrsoSandboxWorld    *world,
                                        const char          *account_id,
                                        const char * const  *instance_ids,
                                        GPtrArray          **previous_states,
                                        GError             **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GPtrArray) recoveries = g_ptr_array_new ();
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now;

  g_return_val_if_fail (world != NULL, NULL);
  g_return_val_if_fail (account_id != NULL, NULL);
  g_return_val_if_fail (instance_ids != NULL, NULL);

  locker = g_rec_mutex_locker_new (&world->lock);
  now = drso_sandbox_world_now (world);

  for (guint i = 0; instance_ids[i] != NULL; i++)
    {
      DrsoSandboxRecovery *recovery = find_instance (world, account_id, instance_ids[i], now,
                                                     error);

      if (recovery == NULL)
        return NULL;
      g_ptr_array_add (recoveries, recovery);
    }

  if (!_drso_sandbox_world_begin (world, error))
    return NULL;
  for (guint i = 0; i < recoveries->len; i++)
    {
      DrsoSandboxRecovery *recovery = g_ptr_array_index (recoveries, i);
      g_autoptr(GRand) rand = _drso_sandbox_rand_new (world->seed, "terminate/%s",
                                                      recovery->launch->instance_id);
      gint64 duration = _drso_sandbox_world_scale (world, _drso_sandbox_draw (rand, 30, 90));
      sqlite3_stmt *stmt = _drso_sandbox_world_prepare (
        world,
        "INSERT OR IGNORE INTO ec2_terminations (instance_id, start, duration) VALUES (?, ?, ?)",
        error);

      g_array_append_val (durations, duration);
      if (recovery->ec2_start != 0)
        continue;
      if (stmt == NULL)
        {
          _drso_sandbox_world_rollback (world);
          return NULL;
        }
      sqlite3_bind_text (stmt, 1, recovery->launch->instance_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, duration);
      if (!_drso_sandbox_world_step_done (world, stmt, error))
        {
          _drso_sandbox_world_rollback (world);
          return NULL;
        }
    }
  if (!_drso_sandbox_world_commit (world, error))
    return NULL;

  instances = g_ptr_array_new_with_free_func ((GDestroyNotify) drso_sandbox_instance_free);
  previous = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < recoveries->len; i++)
    {
      DrsoSandboxRecovery *recovery = g_ptr_array_index (recoveries, i);
      g_autoptr(DrsoSandboxInstance) before = describe_instance (world, recovery, now);

      g_ptr_array_add (previous, g_strdup (before->state));
      if (recovery->ec2_start == 0)
        {
          recovery->ec2_start = now;
          recovery->ec2_duration = g_array_index (durations, gint64, i);
        }
      g_ptr_array_add (instances, describe_instance (world, recovery, now));
    }

  if (previous_states != NULL)
    *previous_states = g_steal_pointer (&previous);
  return g_steal_pointer (&instances);
}

/* Networks */

void
drso_sandbox_subnet_free (DrsoSandboxSubnet *subnet)
{
  if (subnet == NULL)
    return;
  g_free (subnet->subnet_id);
  g_free (subnet->vpc_id);
  g_free (subnet->account_id);
  g_free (subnet->availability_zone);
  g_free (subnet->cidr_block);
  g_clear_pointer (&subnet->tags, json_object_unref);
  g_free (subnet);
}

void
drso_sandbox_security_group_free (DrsoSandboxSecurityGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->group_id);
  g_free (group->group_name);
  g_free (group->description);
  g_free (group->vpc_id);
  g_free (group->account_id);
  g_clear_pointer (&group->tags, json_object_unref);
  g_free (group);
}

static JsonObject *
name_tags (const char *name)
{
  JsonObject *tags = json_object_new ();

  json_object_set_string_member (tags, "Name", name);
  return tags;
}

/* The staging subnet, 10.x.240.0/20, then a recovery subnet per zone,
 * 10.x.(64 zone).0/18, which holds the addresses of the source servers. */
GPtrArray *
drso_sandbox_world_list_subnets (DrsoSandboxWorld *world,
                                 const char       *account_id)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  const DrsoSandboxAccountInfo *account;
  GPtrArray *subnets = g_ptr_array_new_with_free_func ((GDestroyNotify) drso_sandbox_subnet_free);
  guint used[DRSO_SANDBOX_N_ZONES] = { 0 };
  gint64 now;

  g_return_val_if_fail (world != NULL, subnets);

  account = _drso_sandbox_find_account (account_id);
  if (account == NULL)
    return subnets;

  locker = g_rec_mutex_locker_new (&world->lock);
  now = drso_sandbox_world_now (world);
  for (guint i = 0; i < world->recoveries->len; i++)
    {
      DrsoSandboxRecovery *recovery = g_ptr_array_index (world->recoveries, i);
      DrsoSandboxInstanceState state = _drso_sandbox_recovery_state (recovery, now);

      if (g_str_equal (recovery->launch->job->account_id, account_id) &&
          state != DRSO_SANDBOX_INSTANCE_ABSENT && state != DRSO_SANDBOX_INSTANCE_TERMINATED)
        used[recovery->launch->server->zone]++;
    }

  for (int zone = -1; zone < DRSO_SANDBOX_N_ZONES; zone++)
    {
      DrsoSandboxSubnet *subnet = g_new0 (DrsoSandboxSubnet, 1);
      g_autofree char *name = NULL;

      subnet->subnet_id = _drso_sandbox_subnet_id (world, account_id, zone);
      subnet->vpc_id = _drso_sandbox_vpc_id (world, account_id);
      subnet->account_id = g_strdup (account_id);
      subnet->availability_zone = _drso_sandbox_zone_name (world, MAX (zone, 0));
      if (zone < 0)
        {
          subnet->cidr_block = g_strdup_printf ("10.%u.240.0/20", account->network);
          subnet->available_ips = 4096 - 5;
          name = g_strdup ("quillfeather-drs-staging");
        }
      else
        {
          subnet->cidr_block = g_strdup_printf ("10.%u.%d.0/18", account->network, 64 * zone);
          subnet->available_ips = 16384 - 5 - used[zone];
          name = g_strdup_printf ("quillfeather-recovery-%s", subnet->availability_zone);
        }
      subnet->tags = name_tags (name);
      g_ptr_array_add (subnets, subnet);
    }
  return subnets;
}

GPtrArray *
drso_sandbox_world_list_security_groups (DrsoSandboxWorld *world,
                                         const char       *account_id)
{
  static const char * const groups[][2] = {
    { "default", "default VPC security group" },
    { "quillfeather-web", "Recovered web tier: HTTP and HTTPS from anywhere" },
    { "quillfeather-app", "Recovered application tier: traffic from the web tier" },
    { "quillfeather-db", "Recovered database tier: traffic from the application tier" },
  };
  GPtrArray *list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) drso_sandbox_security_group_free);

  g_return_val_if_fail (world != NULL, list);

  if (_drso_sandbox_find_account (account_id) == NULL)
    return list;

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      DrsoSandboxSecurityGroup *group = g_new0 (DrsoSandboxSecurityGroup, 1);

      group->group_id = _drso_sandbox_hash_id ("sg-", world->seed, "group/%s/%s", account_id,
                                               groups[i][0]);
      group->group_name = g_strdup (groups[i][0]);
      group->description = g_strdup (groups[i][1]);
      group->vpc_id = _drso_sandbox_vpc_id (world, account_id);
      group->account_id = g_strdup (account_id);
      group->tags = i == 0 ? json_object_new () : name_tags (groups[i][0]);
      g_ptr_array_add (list, group);
    }
  return list;
}
