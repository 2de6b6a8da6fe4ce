/* drso-readiness.c
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

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-credentials-provider.h"
#include "drso-enums.h"
#include "drso-readiness-private.h"

/**
 * DrsoReadiness:
 *
 * Checks, before a run or on its own, whether a recovery plan can run:
 * per server the replication state, the lag and the latest recovery
 * snapshot against the plan's RPO target, recovery instances already up,
 * the launch configuration and the target account's role; per plan the
 * DRS limits on jobs and replicating servers. It reads the store (the
 * VIEW permission is enough) and never writes it.
 */
struct _DrsoReadiness
{
  GObject            parent_instance;

  DrsoStore         *store;
  char              *plan_id;
  DrsoAwsClient     *client;
  DrsoExecutionType  execution_type;
};

G_DEFINE_FINAL_TYPE (DrsoReadiness, drso_readiness, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EXECUTION_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the plan holds: its servers by wave, grouped by account and region */

static ReadinessTarget *
target_for (ReadinessCheck *check,
            GHashTable     *targets,
            const char     *account_id,
            const char     *region)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", account_id, region);
  ReadinessTarget *target = g_hash_table_lookup (targets, key);

  if (target != NULL)
    return target;

  target = g_new0 (ReadinessTarget, 1);
  target->account_id = g_strdup (account_id);
  target->region = g_strdup (region);
  target->account = drso_store_lookup_account (check->input.store, account_id, NULL);
  target->servers = g_ptr_array_new ();
  g_ptr_array_add (check->input.targets, target);
  g_hash_table_insert (targets, g_steal_pointer (&key), target);
  return target;
}

static void
add_server (ReadinessCheck *check,
            GHashTable     *targets,
            GHashTable     *seen,
            guint           wave_number,
            const char     *server_id,
            const char     *hostname,
            const char     *account_id,
            const char     *region)
{
  DrsoRecoveryPlan *plan = check->input.plan;
  ReadinessServer *server;
  ReadinessTarget *target;

  if (!g_hash_table_add (seen, g_strdup (server_id)))
    return;

  server = g_new0 (ReadinessServer, 1);
  server->server_id = g_strdup (server_id);
  server->name = g_strdup (hostname != NULL && *hostname != '\0' ? hostname : server_id);
  server->account_id = g_strdup (account_id);
  server->region = g_strdup (region);
  server->wave_number = wave_number;
  server->criticality = drso_recovery_plan_get_server_criticality (plan, server_id);
  server->pinned_snapshot = g_strdup (drso_recovery_plan_get_server_snapshot (plan, server_id));
  g_ptr_array_add (check->input.servers, server);

  target = target_for (check, targets, account_id, region);
  g_ptr_array_add (target->servers, server);
}

static void
collect_wave (ReadinessCheck *check,
              GHashTable     *targets,
              GHashTable     *seen,
              DrsoWave       *wave)
{
  DrsoStore *store = check->input.store;
  const char * const *group_ids = drso_wave_get_protection_group_ids (wave);
  guint wave_number = drso_wave_get_wave_number (wave);

  for (guint i = 0; group_ids != NULL && group_ids[i] != NULL; i++)
    {
      g_autoptr(DrsoProtectionGroup) group = NULL;
      g_autoptr(GPtrArray) resolved = NULL;
      g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
      const char * const *explicit_ids;
      const char *account_id, *region;

      group = drso_store_lookup_protection_group (store, group_ids[i], NULL);
      if (group == NULL)
        continue;
      account_id = drso_protection_group_get_account_id (group);
      region = drso_protection_group_get_region (group);

      resolved = drso_store_resolve_protection_group (store, group);
      for (guint j = 0; j < resolved->len; j++)
        {
          DrsoSourceServer *server = g_ptr_array_index (resolved, j);
          const char *id = drso_source_server_get_source_server_id (server);
          const char *server_account = drso_source_server_get_account_id (server);
          const char *server_region = drso_source_server_get_region (server);

          g_hash_table_add (found, (gpointer) id);
          add_server (check, targets, seen, wave_number, id,
                      drso_source_server_get_hostname (server),
                      server_account != NULL ? server_account : account_id,
                      server_region != NULL ? server_region : region);
        }

      /* Ids discovery has not seen: DRS may still know them, or not. */
      explicit_ids = drso_protection_group_get_server_ids (group);
      for (guint j = 0; explicit_ids != NULL && explicit_ids[j] != NULL; j++)
        {
          if (!g_hash_table_contains (found, explicit_ids[j]))
            add_server (check, targets, seen, wave_number, explicit_ids[j], NULL, account_id,
                        region);
        }
    }
}

static void
collect_plan (ReadinessCheck *check)
{
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *waves = drso_recovery_plan_get_waves (check->input.plan);

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);

      collect_wave (check, targets, seen, wave);
    }

  check->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < check->input.targets->len; i++)
    {
      ReadinessTarget *target = g_ptr_array_index (check->input.targets, i);

      if (target->account == NULL)
        {
          target->credentials_error =
            g_strdup_printf (_("The account %s is not set up in the orchestrator"),
                             target->account_id);
          continue;
        }
      if (!g_hash_table_contains (check->providers, target->account_id))
        g_hash_table_insert (check->providers, g_strdup (target->account_id),
                             drso_aws_credentials_provider_new (target->account, check->client));
    }
}

/* GObject */

static void
drso_readiness_finalize (GObject *object)
{
  DrsoReadiness *self = (DrsoReadiness *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->plan_id, g_free);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (drso_readiness_parent_class)->finalize (object);
}

static void
drso_readiness_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DrsoReadiness *self = DRSO_READINESS (object);

  switch (prop_id)
    {
    case PROP_EXECUTION_TYPE:
      g_value_set_enum (value, self->execution_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_readiness_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DrsoReadiness *self = DRSO_READINESS (object);

  switch (prop_id)
    {
    case PROP_EXECUTION_TYPE:
      drso_readiness_set_execution_type (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_readiness_class_init (DrsoReadinessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_readiness_finalize;
  object_class->get_property = drso_readiness_get_property;
  object_class->set_property = drso_readiness_set_property;

  /**
   * DrsoReadiness:execution-type:
   *
   * The run the check prepares for: a recovery instance already up is a
   * warning before a drill (the new launch replaces it), a blocker before
   * a recovery.
   */
  properties[PROP_EXECUTION_TYPE] =
    g_param_spec_enum ("execution-type", NULL, NULL, DRSO_TYPE_EXECUTION_TYPE,
                       DRSO_EXECUTION_TYPE_DRILL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_readiness_init (DrsoReadiness *self)
{
  self->execution_type = DRSO_EXECUTION_TYPE_DRILL;
}

/**
 * drso_readiness_new:
 * @store: a #DrsoStore
 * @plan_id: a stored recovery plan's id or name
 * @client: (nullable): the client to send with, or %NULL for the default one
 *
 * Returns: (transfer full): a readiness check of the plan
 */
DrsoReadiness *
drso_readiness_new (DrsoStore     *store,
                    const char    *plan_id,
                    DrsoAwsClient *client)
{
  DrsoReadiness *self;

  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (client == NULL || DRSO_IS_AWS_CLIENT (client), NULL);

  self = g_object_new (DRSO_TYPE_READINESS, NULL);
  self->store = g_object_ref (store);
  self->plan_id = g_strdup (plan_id);
  self->client = g_object_ref (client ? client : drso_aws_client_get_default ());
  return self;
}

/**
 * drso_readiness_get_execution_type:
 * @self: a #DrsoReadiness
 *
 * Returns: the run the check prepares for
 */
DrsoExecutionType
drso_readiness_get_execution_type (DrsoReadiness *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS (self), DRSO_EXECUTION_TYPE_DRILL);
  return self->execution_type;
}

/**
 * drso_readiness_set_execution_type:
 * @self: a #DrsoReadiness
 * @execution_type: the run the check prepares for (a drill by default)
 */
void
drso_readiness_set_execution_type (DrsoReadiness     *self,
                                   DrsoExecutionType  execution_type)
{
  g_return_if_fail (DRSO_IS_READINESS (self));

  if (self->execution_type == execution_type)
    return;
  self->execution_type = execution_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION_TYPE]);
}

/**
 * drso_readiness_check_async:
 * @self: a #DrsoReadiness
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Checks the plan: resolves its waves' protection groups to servers, gets
 * the credentials of each account (assuming target accounts' roles), then
 * asks DRS, eight calls at a time, about the servers (DescribeSourceServers
 * and DescribeRecoveryInstances, 200 servers a call), their newest recovery
 * snapshot and their launch configuration. What AWS answers, errors
 * included, becomes findings; the check itself fails only when the plan
 * cannot be read, the role lacks the VIEW permission, or it is cancelled.
 */
void
drso_readiness_check_async (DrsoReadiness       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ReadinessCheck *check;

  g_return_if_fail (DRSO_IS_READINESS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_readiness_check_async);

  check = g_new0 (ReadinessCheck, 1);
  check->client = g_object_ref (self->client);
  g_queue_init (&check->pending);
  check->input.store = g_object_ref (self->store);
  check->input.execution_type = self->execution_type;
  check->input.now = g_get_real_time () / G_USEC_PER_SEC;
  check->input.servers =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _drso_readiness_server_free);
  check->input.targets =
    g_ptr_array_new_with_free_func ((GDestroyNotify) _drso_readiness_target_free);
  g_task_set_task_data (task, check, (GDestroyNotify) _drso_readiness_check_free);

  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_VIEW_RESOURCES, &error) ||
      (check->input.plan = drso_store_lookup_recovery_plan (self->store, self->plan_id,
                                                            &error)) == NULL)
    {
      check->returned = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  collect_plan (check);
  _drso_readiness_start_calls (task);
}

/**
 * drso_readiness_check_finish:
 * @self: a #DrsoReadiness
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the report, or %NULL on error
 */
DrsoReadinessReport *
drso_readiness_check_finish (DrsoReadiness  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (DRSO_IS_READINESS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == drso_readiness_check_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
