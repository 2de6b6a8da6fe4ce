/* drso-engine-start.c
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

/* Starting an execution: VALIDATE (permission, plan, its rules, its
 * protection groups resolved to servers, the caller's ARN from STS), then
 * INITIALIZE (the execution stored as running, its lease taken, its first
 * event logged), then the run is driven in the background. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-engine-private.h"
#include "drso-error.h"
#include "drso-sts.h"

/* Builds the execution of @plan: a wave run per wave, holding a server run
 * per server its protection groups resolve to. */
static DrsoExecution *
build_execution (DrsoEngine         *self,
                 DrsoRecoveryPlan   *plan,
                 DrsoExecutionType   execution_type,
                 char              **first_account,
                 char              **first_region,
                 GError            **error)
{
  g_autoptr(DrsoExecution) execution = NULL;
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  guint n_servers = 0;

  execution = drso_execution_new (drso_recovery_plan_get_plan_id (plan),
                                  drso_recovery_plan_get_plan_name (plan), execution_type);
  drso_execution_set_total_waves (execution, g_list_model_get_n_items (waves));

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      g_autoptr(DrsoWaveRun) wave_run = drso_wave_run_new (drso_wave_get_wave_number (wave),
                                                           drso_wave_get_wave_name (wave));
      const char * const *group_ids = drso_wave_get_protection_group_ids (wave);

      for (guint g = 0; group_ids[g] != NULL; g++)
        {
          g_autoptr(DrsoProtectionGroup) group = NULL;
          g_autoptr(GPtrArray) servers = NULL;

          group = drso_store_lookup_protection_group (self->store, group_ids[g], error);
          if (group == NULL)
            return NULL;
          servers = drso_store_resolve_protection_group (self->store, group);
          for (guint s = 0; s < servers->len; s++)
            {
              DrsoSourceServer *source = g_ptr_array_index (servers, s);
              const char *id = drso_source_server_get_source_server_id (source);
              g_autoptr(DrsoServerRun) server = NULL;

              if (drso_wave_run_find_server (wave_run, id) != NULL)
                continue;
              server = drso_server_run_new (id);
              drso_server_run_set_hostname (server, drso_source_server_get_hostname (source));
              drso_server_run_set_criticality (
                server, drso_recovery_plan_get_server_criticality (plan, id));
              drso_server_run_set_launch_attempt (server, 1);
              drso_wave_run_add_server (wave_run, server);
              if (*first_account == NULL)
                {
                  *first_account = g_strdup (drso_source_server_get_account_id (source));
                  *first_region = g_strdup (drso_source_server_get_region (source));
                }
              n_servers++;
            }
        }
      drso_execution_add_wave_run (execution, wave_run);
    }

  if (n_servers == 0)
    {
      /* TRANSLATORS: %s is a recovery plan's name */
      g_set_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_NO_SERVERS,
                   _("The plan “%s” has no servers to recover: its protection groups match no "
                     "discovered server (run discovery first)"),
                   drso_recovery_plan_get_plan_name (plan));
      return NULL;
    }
  return g_steal_pointer (&execution);
}

/* Starting */

typedef struct
{
  DrsoRecoveryPlan *plan;
  DrsoExecution    *execution;
  char             *account_id;
  char             *region;
} Start;

static void
start_free (Start *start)
{
  g_clear_object (&start->plan);
  g_clear_object (&start->execution);
  g_free (start->account_id);
  g_free (start->region);
  g_free (start);
}

/* INITIALIZE: the execution stored, running, leased; then driven. */
static void
initialize (GTask *task)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  g_autoptr(DrsoExecutionEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) copy = NULL;
  g_autofree char *message = NULL;
  const char *id = drso_execution_get_execution_id (start->execution);
  DrsoEngineRun *run;

  drso_execution_set_status (start->execution, DRSO_EXECUTION_STATUS_RUNNING);
  if (!drso_store_create_execution (self->store, start->execution, &error) ||
      !drso_store_acquire_lease (self->store, id, self->owner, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* TRANSLATORS: "Drill of “plan” started by user (ARN)" */
  message = g_strdup_printf (_("%s of “%s” started by %s (%s)"),
                             drso_execution_get_execution_type (start->execution) ==
                             DRSO_EXECUTION_TYPE_DRILL ? _("Drill") : _("Recovery"),
                             drso_recovery_plan_get_plan_name (start->plan),
                             drso_execution_get_initiated_by (start->execution),
                             drso_execution_get_initiated_by_arn (start->execution));
  event = drso_execution_event_new (id, DRSO_EVENT_KIND_EXECUTION_STARTED, message);
  if (!drso_store_append_event (self->store, event, &error))
    g_warning ("Could not log the start of %s: %s", id, error->message);

  copy = drso_execution_copy (start->execution);
  run = _drso_engine_run_new (self, start->execution, start->plan);
  g_hash_table_insert (self->runs, g_strdup (id), run);
  _drso_engine_emit_execution_changed (self, id);
  g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
  _drso_engine_run_start (run);
}

static void
identity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Start *start = g_task_get_task_data (task);
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;

  identity = drso_sts_get_caller_identity_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (identity == NULL)
    {
      g_prefix_error (&error, _("Could not tell who is calling AWS (STS GetCallerIdentity): "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  drso_execution_set_initiated_by_arn (start->execution, drso_caller_identity_get_arn (identity));
  initialize (task);
}

static void
start_context_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  context = _drso_engine_get_context_finish (result, &error);
  if (context == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  drso_sts_get_caller_identity_async (context, cancellable, identity_cb, g_steal_pointer (&task));
}

/**
 * drso_engine_start_execution_async:
 * @self: a #DrsoEngine
 * @plan: a stored plan's id or name
 * @execution_type: a drill or a recovery
 * @cancellable: (nullable): a #GCancellable, for the start only
 * @callback: called once the execution is stored and running
 * @user_data: data for @callback
 *
 * Validates the plan, resolves its protection groups to servers, asks STS
 * who the caller is, stores the execution and starts driving it; the
 * execution goes on in the background. Needs drs:ExecuteRecovery.
 */
void
drso_engine_start_execution_async (DrsoEngine          *self,
                                   const char          *plan,
                                   DrsoExecutionType    execution_type,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Start *start;

  g_return_if_fail (DRSO_IS_ENGINE (self));
  g_return_if_fail (plan != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_engine_start_execution_async);
  start = g_new0 (Start, 1);
  g_task_set_task_data (task, start, (GDestroyNotify) start_free);

  /* VALIDATE */
  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_EXECUTE_RECOVERY, &error) ||
      (start->plan = drso_store_lookup_recovery_plan (self->store, plan, &error)) == NULL ||
      !drso_store_validate_recovery_plan (self->store, start->plan, &error) ||
      (start->execution = build_execution (self, start->plan, execution_type, &start->account_id,
                                           &start->region, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _drso_engine_get_context_async (self, start->account_id, start->region, cancellable,
                                  start_context_cb, g_steal_pointer (&task));
}

/**
 * drso_engine_start_execution_finish:
 * @self: a #DrsoEngine
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a copy of the execution as it was
 *   stored when it started, or %NULL on error
 */
DrsoExecution *
drso_engine_start_execution_finish (DrsoEngine    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
