/* drso-engine-terminate.c
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

/* Cleaning up after a drill: TerminateRecoveryInstances for the recovery
 * instances it launched, per account and region in calls of at most 200,
 * each job watched with DescribeJobs to its end; then the execution's
 * instancesTerminated is set. The execution's lease is held meanwhile. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-aws-error.h"
#include "drso-drs.h"
#include "drso-engine-private.h"
#include "drso-error.h"

#define MAX_INSTANCES_PER_JOB 200

typedef struct
{
  char      *account_id;
  char      *region;
  GPtrArray *servers;   /* DrsoServerRun */
} Batch;

typedef struct
{
  DrsoExecution  *execution;
  GPtrArray      *batches;
  guint           next;
  DrsoAwsContext *context;
  char           *job_id;
  double          interval;
  guint           n_terminated;
} Terminate;

static void
batch_free (Batch *batch)
{
  g_free (batch->account_id);
  g_free (batch->region);
  g_ptr_array_unref (batch->servers);
  g_free (batch);
}

static void
terminate_free (Terminate *terminate)
{
  g_clear_object (&terminate->execution);
  g_clear_pointer (&terminate->batches, g_ptr_array_unref);
  g_clear_object (&terminate->context);
  g_free (terminate->job_id);
  g_free (terminate);
}

static void
log_event (DrsoEngine    *self,
           DrsoExecution *execution,
           DrsoEventKind  kind,
           const char    *message)
{
  g_autoptr(DrsoExecutionEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  event = drso_execution_event_new (drso_execution_get_execution_id (execution), kind, message);
  if (!drso_store_append_event (self->store, event, &error))
    g_warning ("Could not log “%s”: %s", message, error->message);
}

/* Saves the execution with the event that tells of the change, together. */
static gboolean
save_telling (DrsoEngine     *self,
              DrsoExecution  *execution,
              const char     *message,
              GError        **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (events, drso_execution_event_new (drso_execution_get_execution_id (execution),
                                                     DRSO_EVENT_KIND_INFO, message));
  if (!drso_store_save_execution_with_events (self->store, execution, events, error))
    return FALSE;
  _drso_engine_emit_execution_changed (self, drso_execution_get_execution_id (execution));
  return TRUE;
}

/* Ends the task: the lease given back, an ERROR event for a failure. */
static void
terminate_return (GTask  *task,
                  GError *error)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Terminate *terminate = g_task_get_task_data (task);
  const char *id = drso_execution_get_execution_id (terminate->execution);

  drso_store_release_lease (self->store, id, self->owner, NULL);
  if (error != NULL)
    {
      const char *code = error->domain == DRSO_AWS_ERROR ? drso_aws_error_get_aws_code (error)
                                                         : NULL;
      const char *request = error->domain == DRSO_AWS_ERROR ?
                            drso_aws_error_get_request_id (error) : NULL;
      /* TRANSLATORS: the error, then an AWS error code and request id */
      g_autofree char *message = g_strdup_printf (_("Terminating the drill’s instances failed: "
                                                    "%s (code %s, request %s)"), error->message,
                                                  code ? code : _("none"),
                                                  request ? request : _("none"));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        log_event (self, terminate->execution, DRSO_EVENT_KIND_ERROR, message);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, terminate->n_terminated);
}

static void next_batch (GTask *task);
static void poll_job (GTask *task);

static gboolean
poll_again_cb (gpointer user_data)
{
  poll_job (user_data);
  return G_SOURCE_REMOVE;
}

static void
polled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  DrsoEngine *self = g_task_get_source_object (task);
  Terminate *terminate = g_task_get_task_data (task);
  Batch *batch = g_ptr_array_index (terminate->batches, terminate->next - 1);
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DrsoDrsJob *job;
  GListModel *participants;

  jobs = drso_drs_describe_jobs_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (jobs == NULL)
    {
      terminate_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (jobs->len != 1)
    {
      terminate_return (task, g_error_new (DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                                           _("DRS did not describe the job %s"),
                                           terminate->job_id));
      g_object_unref (task);
      return;
    }
  job = g_ptr_array_index (jobs, 0);
  if (g_strcmp0 (drso_drs_job_get_status (job), "COMPLETED") != 0)
    {
      terminate->interval = MIN (terminate->interval * self->poll_factor, self->poll_max_interval);
      g_timeout_add ((guint) (terminate->interval * 1000), poll_again_cb, task);
      return;
    }

  participants = drso_drs_job_get_participating_servers (job);
  for (guint i = 0; i < batch->servers->len; i++)
    {
      DrsoServerRun *server = g_ptr_array_index (batch->servers, i);

      for (guint j = 0; j < g_list_model_get_n_items (participants); j++)
        {
          g_autoptr(DrsoDrsParticipatingServer) p = g_list_model_get_item (participants, j);

          if (g_strcmp0 (drso_drs_participating_server_get_source_server_id (p),
                         drso_server_run_get_server_id (server)) == 0 &&
              g_strcmp0 (drso_drs_participating_server_get_launch_status (p), "FAILED") != 0)
            {
              drso_server_run_set_status (server, DRSO_LAUNCH_STATUS_TERMINATED);
              terminate->n_terminated++;
            }
        }
    }
  /* TRANSLATORS: a DRS job id */
  message = g_strdup_printf (_("The termination job %s ended"), terminate->job_id);
  if (!save_telling (self, terminate->execution, message, &error))
    {
      terminate_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  next_batch (task);
}

static void
poll_job (GTask *task)
{
  Terminate *terminate = g_task_get_task_data (task);
  const char *ids[] = { terminate->job_id, NULL };
  GCancellable *cancellable = g_task_get_cancellable (task);

  drso_drs_describe_jobs_async (terminate->context, ids, NULL, NULL, cancellable, polled_cb, task);
}

static void
terminated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  DrsoEngine *self = g_task_get_source_object (task);
  Terminate *terminate = g_task_get_task_data (task);
  Batch *batch = g_ptr_array_index (terminate->batches, terminate->next - 1);
  g_autoptr(DrsoDrsJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  job = drso_drs_terminate_recovery_instances_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (job == NULL)
    {
      terminate_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_free (terminate->job_id);
  terminate->job_id = g_strdup (drso_drs_job_get_job_id (job));
  /* TRANSLATORS: a number of instances, a DRS job id */
  message = g_strdup_printf (_("Terminating %u recovery instances of the drill (DRS job %s)"),
                             batch->servers->len, terminate->job_id);
  log_event (self, terminate->execution, DRSO_EVENT_KIND_INFO, message);
  terminate->interval = self->poll_min_interval;
  g_timeout_add ((guint) (terminate->interval * 1000), poll_again_cb, task);
}

static void
context_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Terminate *terminate = g_task_get_task_data (task);
  Batch *batch = g_ptr_array_index (terminate->batches, terminate->next - 1);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_clear_object (&terminate->context);
  terminate->context = _drso_engine_get_context_finish (result, &error);
  if (terminate->context == NULL)
    {
      terminate_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < batch->servers->len; i++)
    g_ptr_array_add (ids, (gpointer) drso_server_run_get_recovery_instance_id (
                            g_ptr_array_index (batch->servers, i)));
  g_ptr_array_add (ids, NULL);
  drso_drs_terminate_recovery_instances_async (terminate->context,
                                               (const char * const *) ids->pdata, cancellable,
                                               terminated_cb, task);
}

/* Takes the reference the caller holds on @task. */
static void
next_batch (GTask *task)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Terminate *terminate = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Batch *batch;

  if (terminate->next < terminate->batches->len)
    {
      batch = g_ptr_array_index (terminate->batches, terminate->next++);
      _drso_engine_get_context_async (self, batch->account_id, batch->region,
                                      g_task_get_cancellable (task), context_cb, task);
      return;
    }

  drso_execution_set_instances_terminated (terminate->execution, TRUE);
  /* TRANSLATORS: a number of instances */
  message = g_strdup_printf (_("%u recovery instances of the drill were terminated"),
                             terminate->n_terminated);
  if (!save_telling (self, terminate->execution, message, &error))
    {
      terminate_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  terminate_return (task, NULL);
  g_object_unref (task);
}

/* The drill's launched instances, by account and region, in batches. */
static GPtrArray *
collect_batches (DrsoEngine    *self,
                 DrsoExecution *execution)
{
  GPtrArray *batches = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  GListModel *waves = drso_execution_get_wave_runs (execution);

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWaveRun) wave = g_list_model_get_item (waves, i);
      GListModel *servers = drso_wave_run_get_servers (wave);

      for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);
          g_autoptr(DrsoSourceServer) source = NULL;
          const char *account_id, *region;
          Batch *batch = NULL;

          if (drso_server_run_get_status (server) != DRSO_LAUNCH_STATUS_LAUNCHED ||
              drso_server_run_get_recovery_instance_id (server) == NULL)
            continue;
          source = drso_store_lookup_source_server (self->store,
                                                    drso_server_run_get_server_id (server), NULL);
          if (source == NULL)
            continue;
          account_id = drso_source_server_get_account_id (source);
          region = drso_source_server_get_region (source);
          for (guint k = 0; k < batches->len && batch == NULL; k++)
            {
              Batch *other = g_ptr_array_index (batches, k);

              if (g_str_equal (other->account_id, account_id) &&
                  g_str_equal (other->region, region) &&
                  other->servers->len < MAX_INSTANCES_PER_JOB)
                batch = other;
            }
          if (batch == NULL)
            {
              batch = g_new0 (Batch, 1);
              batch->account_id = g_strdup (account_id);
              batch->region = g_strdup (region);
              batch->servers = g_ptr_array_new_with_free_func (g_object_unref);
              g_ptr_array_add (batches, batch);
            }
          g_ptr_array_add (batch->servers, g_object_ref (server));
        }
    }
  return batches;
}

/**
 * drso_engine_terminate_instances_async:
 * @self: a #DrsoEngine
 * @execution_id: a drill that has ended
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every termination job has ended
 * @user_data: data for @callback
 *
 * Terminates the recovery instances the drill launched
 * (TerminateRecoveryInstances), follows each job to its end, and records
 * that the drill's instances are terminated. Needs drs:TerminateInstances.
 */
void
drso_engine_terminate_instances_async (DrsoEngine          *self,
                                       const char          *execution_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  Terminate *terminate;
  GTask *task;

  g_return_if_fail (DRSO_IS_ENGINE (self));
  g_return_if_fail (execution_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_engine_terminate_instances_async);
  terminate = g_new0 (Terminate, 1);
  g_task_set_task_data (task, terminate, (GDestroyNotify) terminate_free);

  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_TERMINATE_INSTANCES, &error) ||
      (terminate->execution = drso_store_lookup_execution (self->store, execution_id,
                                                           &error)) == NULL)
    goto fail;
  if (drso_execution_get_execution_type (terminate->execution) != DRSO_EXECUTION_TYPE_DRILL)
    {
      g_set_error (&error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE,
                   _("Only a drill’s instances are terminated here: a recovery’s instances "
                     "are the ones in service"));
      goto fail;
    }
  if (!drso_execution_status_is_final (drso_execution_get_status (terminate->execution)) ||
      g_hash_table_contains (self->runs, execution_id))
    {
      g_set_error (&error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE,
                   _("The drill is still running: cancel it or let it end first"));
      goto fail;
    }
  if (!drso_store_acquire_lease (self->store, execution_id, self->owner, &error))
    goto fail;

  terminate->batches = collect_batches (self, terminate->execution);
  next_batch (task);
  return;

fail:
  g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

/**
 * drso_engine_terminate_instances_finish:
 * @self: a #DrsoEngine
 * @result: the #GAsyncResult
 * @n_terminated: (out) (optional): how many instances were terminated
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every instance of the drill was terminated
 */
gboolean
drso_engine_terminate_instances_finish (DrsoEngine    *self,
                                        GAsyncResult  *result,
                                        guint         *n_terminated,
                                        GError       **error)
{
  gssize count;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  count = g_task_propagate_int (G_TASK (result), error);
  if (count < 0)
    return FALSE;
  if (n_terminated != NULL)
    *n_terminated = (guint) count;
  return TRUE;
}
