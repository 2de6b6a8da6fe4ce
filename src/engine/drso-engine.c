/* drso-engine.c
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

#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "drso-aws-credentials-provider.h"
#include "drso-engine-private.h"
#include "drso-enums.h"
#include "drso-error.h"
#include "drso-sts.h"

/**
 * DrsoEngine:
 *
 * Runs executions of recovery plans: one state machine per execution on
 * the main loop, each step saved in the store before it is sent to AWS.
 * Waves are launched through DRS StartRecovery in batches within DRS's
 * limits, watched with DescribeJobs at an adaptive interval, and their
 * instances' EC2 status checks awaited. Executions can be paused before a
 * wave, resumed, cancelled, a failed wave retried or skipped, and a drill's
 * instances terminated.
 *
 * One process drives an execution at a time: the engine holds the
 * execution's lease in the store while it drives it, and drso_engine_adopt()
 * takes over the executions no live process drives, such as those of a
 * program that stopped.
 */

G_DEFINE_FINAL_TYPE (DrsoEngine, drso_engine, G_TYPE_OBJECT)

G_DEFINE_QUARK (drso-engine-error-quark, drso_engine_error)

enum {
  PROP_0,
  PROP_OWNER,
  PROP_POLL_MIN_INTERVAL,
  PROP_POLL_MAX_INTERVAL,
  PROP_POLL_FACTOR,
  PROP_HEALTH_TIMEOUT,
  N_PROPS
};

enum {
  EXECUTION_CHANGED,
  WAVE_STARTED,
  WAVE_COMPLETED,
  PAUSED,
  SERVER_CHANGED,
  EXECUTION_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Signals */

void
_drso_engine_emit_execution_changed (DrsoEngine *self,
                                     const char *execution_id)
{
  g_signal_emit (self, signals[EXECUTION_CHANGED], 0, execution_id);
}

void
_drso_engine_emit_wave_started (DrsoEngine *self,
                                const char *execution_id,
                                guint       wave_number)
{
  g_signal_emit (self, signals[WAVE_STARTED], 0, execution_id, wave_number);
}

void
_drso_engine_emit_wave_completed (DrsoEngine     *self,
                                  const char     *execution_id,
                                  guint           wave_number,
                                  DrsoWaveStatus  status)
{
  g_signal_emit (self, signals[WAVE_COMPLETED], 0, execution_id, wave_number, status);
}

void
_drso_engine_emit_paused (DrsoEngine *self,
                          const char *execution_id,
                          guint       wave_number)
{
  g_signal_emit (self, signals[PAUSED], 0, execution_id, wave_number);
}

void
_drso_engine_emit_server_changed (DrsoEngine *self,
                                  const char *execution_id,
                                  guint       wave_number,
                                  const char *server_id)
{
  g_signal_emit (self, signals[SERVER_CHANGED], 0, execution_id, wave_number, server_id);
}

void
_drso_engine_emit_execution_finished (DrsoEngine          *self,
                                      const char          *execution_id,
                                      DrsoExecutionStatus  status)
{
  g_signal_emit (self, signals[EXECUTION_FINISHED], 0, execution_id, status);
}

/* Credentials and contexts */

typedef struct
{
  DrsoAccount *account;
  char        *region;
} ContextRequest;

static void
context_request_free (ContextRequest *request)
{
  g_clear_object (&request->account);
  g_free (request->region);
  g_free (request);
}

static void
credentials_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DrsoEngine *self = g_task_get_source_object (task);
  ContextRequest *request = g_task_get_task_data (task);
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = drso_aws_credentials_provider_get_finish (DRSO_AWS_CREDENTIALS_PROVIDER (source),
                                                          result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task,
                         drso_aws_context_new (self->client,
                                               drso_account_get_account_id (request->account),
                                               request->region,
                                               drso_aws_client_get_account_endpoint (self->client,
                                                                                     request->account),
                                               credentials),
                         g_object_unref);
}

/* A context for an account and region, with credentials that are fresh (a
 * target account's through AssumeRole: the provider caches them). */
void
_drso_engine_get_context_async (DrsoEngine          *self,
                                const char          *account_id,
                                const char          *region,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  DrsoAwsCredentialsProvider *provider;
  ContextRequest *request;

  g_task_set_source_tag (task, _drso_engine_get_context_async);
  request = g_new0 (ContextRequest, 1);
  request->region = g_strdup (region);
  g_task_set_task_data (task, request, (GDestroyNotify) context_request_free);

  if (account_id == NULL ||
      (request->account = drso_store_lookup_account (self->store, account_id, &error)) == NULL)
    {
      if (error == NULL)
        g_set_error (&error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND,
                     _("A server's account is unknown: run discovery again"));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  provider = g_hash_table_lookup (self->providers, account_id);
  if (provider == NULL)
    {
      provider = drso_aws_credentials_provider_new (request->account, self->client);
      g_hash_table_insert (self->providers, g_strdup (account_id), provider);
    }
  drso_aws_credentials_provider_get_async (provider, cancellable, credentials_cb,
                                           g_steal_pointer (&task));
}

DrsoAwsContext *
_drso_engine_get_context_finish (DrsoEngine    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The unfinished jobs this engine knows of in an account and region, and
 * their servers. */
void
_drso_engine_capacity (DrsoEngine *self,
                       const char *account_id,
                       const char *region,
                       guint      *n_jobs,
                       guint      *n_servers)
{
  GHashTableIter iter;
  gpointer value;

  *n_jobs = *n_servers = 0;
  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DrsoEngineRun *run = value;

      for (guint i = 0; i < run->jobs->len; i++)
        {
          RunJob *job = g_ptr_array_index (run->jobs, i);

          if (job->completed || g_strcmp0 (job->account_id, account_id) != 0 ||
              g_strcmp0 (job->region, region) != 0)
            continue;
          (*n_jobs)++;
          *n_servers += job->n_servers;
        }
    }
}

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
              drso_server_run_set_criticality (server,
                                               drso_recovery_plan_get_server_criticality (plan, id));
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

  context = _drso_engine_get_context_finish (DRSO_ENGINE (source), result, &error);
  if (context == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  drso_sts_get_caller_identity_async (context, cancellable, identity_cb, g_steal_pointer (&task));
}

/* Adopting and controls */

/* Marks an execution whose plan is gone as failed, without driving it. */
static void
fail_orphan (DrsoEngine    *self,
             DrsoExecution *execution,
             const GError  *error)
{
  g_autoptr(DrsoExecutionEvent) event = NULL;
  const char *id = drso_execution_get_execution_id (execution);

  drso_execution_add_error (execution, error->message);
  drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_FAILED);
  drso_execution_set_end_time (execution, g_get_real_time () / G_USEC_PER_SEC);
  if (drso_store_save_execution (self->store, execution, NULL))
    {
      event = drso_execution_event_new (id, DRSO_EVENT_KIND_EXECUTION_FINISHED, error->message);
      drso_store_append_event (self->store, event, NULL);
      _drso_engine_emit_execution_finished (self, id, DRSO_EXECUTION_STATUS_FAILED);
    }
  drso_store_release_lease (self->store, id, self->owner, NULL);
}

/* Takes the lease of a stored execution and makes a run for it, not started.
 * Returns NULL on error (DRSO_STORE_ERROR_LEASED if another process drives
 * it). */
static DrsoEngineRun *
claim (DrsoEngine     *self,
       DrsoExecution  *execution,
       GError        **error)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id = drso_execution_get_execution_id (execution);
  DrsoEngineRun *run;

  if (!drso_store_acquire_lease (self->store, id, self->owner, error))
    return NULL;
  plan = drso_store_lookup_recovery_plan (self->store, drso_execution_get_plan_id (execution),
                                          &local_error);
  if (plan == NULL)
    {
      g_prefix_error (&local_error, _("The execution’s plan is gone: "));
      fail_orphan (self, execution, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  run = _drso_engine_run_new (self, execution, plan);
  g_hash_table_insert (self->runs, g_strdup (id), run);
  return run;
}

/* Lets go of a run claimed for a control that was then refused. */
static void
unclaim (DrsoEngine    *self,
         DrsoEngineRun *run)
{
  g_autofree char *id = g_strdup (drso_execution_get_execution_id (run->execution));

  drso_store_release_lease (self->store, id, self->owner, NULL);
  g_hash_table_remove (self->runs, id);
}

/* The run of @execution_id for a control: this engine's, or claimed now
 * (*claimed set) if no live process drives it. */
static DrsoEngineRun *
control_run (DrsoEngine  *self,
             const char  *execution_id,
             gboolean    *claimed,
             GError     **error)
{
  g_autoptr(DrsoExecution) execution = NULL;
  DrsoEngineRun *run;

  *claimed = FALSE;
  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_MANAGE_EXECUTION, error))
    return NULL;
  run = g_hash_table_lookup (self->runs, execution_id);
  if (run != NULL)
    return run;

  execution = drso_store_lookup_execution (self->store, execution_id, error);
  if (execution == NULL)
    return NULL;
  if (drso_execution_status_is_final (drso_execution_get_status (execution)) &&
      drso_execution_get_status (execution) != DRSO_EXECUTION_STATUS_FAILED)
    {
      /* TRANSLATORS: %s is an execution id, then a status such as COMPLETED */
      g_set_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE,
                   _("The execution %s has ended (%s)"), execution_id,
                   drso_execution_status_to_string (drso_execution_get_status (execution)));
      return NULL;
    }
  run = claim (self, execution, error);
  *claimed = run != NULL;
  return run;
}

static gboolean
refuse (DrsoEngine     *self,
        DrsoEngineRun  *run,
        gboolean        claimed,
        GError        **error,
        const char     *message)
{
  if (claimed)
    unclaim (self, run);
  g_set_error_literal (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE, message);
  return FALSE;
}

/* GObject */

static void
drso_engine_dispose (GObject *object)
{
  DrsoEngine *self = (DrsoEngine *) object;

  /* Stops driving and lets go of the leases; what the store holds stays as
   * it is, for the next engine to adopt. */
  if (self->runs != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->runs);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        drso_store_release_lease (self->store, key, self->owner, NULL);
      g_clear_pointer (&self->runs, g_hash_table_unref);
    }
  g_clear_pointer (&self->providers, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (drso_engine_parent_class)->dispose (object);
}

static void
drso_engine_finalize (GObject *object)
{
  DrsoEngine *self = (DrsoEngine *) object;

  g_free (self->owner);

  G_OBJECT_CLASS (drso_engine_parent_class)->finalize (object);
}

static void
drso_engine_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DrsoEngine *self = DRSO_ENGINE (object);

  switch (prop_id)
    {
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_POLL_MIN_INTERVAL:
      g_value_set_double (value, self->poll_min_interval);
      break;
    case PROP_POLL_MAX_INTERVAL:
      g_value_set_double (value, self->poll_max_interval);
      break;
    case PROP_POLL_FACTOR:
      g_value_set_double (value, self->poll_factor);
      break;
    case PROP_HEALTH_TIMEOUT:
      g_value_set_uint (value, self->health_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_double (DrsoEngine *self,
            double     *field,
            double      value,
            guint       prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
drso_engine_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DrsoEngine *self = DRSO_ENGINE (object);

  switch (prop_id)
    {
    case PROP_POLL_MIN_INTERVAL:
      set_double (self, &self->poll_min_interval, g_value_get_double (value), prop_id);
      break;
    case PROP_POLL_MAX_INTERVAL:
      set_double (self, &self->poll_max_interval, g_value_get_double (value), prop_id);
      break;
    case PROP_POLL_FACTOR:
      set_double (self, &self->poll_factor, g_value_get_double (value), prop_id);
      break;
    case PROP_HEALTH_TIMEOUT:
      if (self->health_timeout != g_value_get_uint (value))
        {
          self->health_timeout = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_engine_class_init (DrsoEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drso_engine_dispose;
  object_class->finalize = drso_engine_finalize;
  object_class->get_property = drso_engine_get_property;
  object_class->set_property = drso_engine_set_property;

  /**
   * DrsoEngine:owner:
   *
   * Who this engine is in the store's leases: `drso-PID@HOST:RANDOM`.
   */
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoEngine:poll-min-interval:
   *
   * The shortest wait between two polls of a wave, in seconds: the
   * interval comes back to it whenever a poll sees progress.
   */
  properties[PROP_POLL_MIN_INTERVAL] =
    g_param_spec_double ("poll-min-interval", NULL, NULL, 0.0, 3600.0, 2.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoEngine:poll-max-interval:
   *
   * The longest wait between two polls of a wave, in seconds.
   */
  properties[PROP_POLL_MAX_INTERVAL] =
    g_param_spec_double ("poll-max-interval", NULL, NULL, 0.0, 3600.0, 30.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoEngine:poll-factor:
   *
   * How much the interval grows after a poll that saw no progress.
   */
  properties[PROP_POLL_FACTOR] =
    g_param_spec_double ("poll-factor", NULL, NULL, 1.0, 10.0, 1.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoEngine:health-timeout:
   *
   * How long, in seconds, a launched instance has to pass its EC2 status
   * checks before it counts as failed.
   */
  properties[PROP_HEALTH_TIMEOUT] =
    g_param_spec_uint ("health-timeout", NULL, NULL, 0, G_MAXUINT, 900,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoEngine::execution-changed:
   * @self: the engine
   * @execution_id: the execution whose stored record changed
   */
  signals[EXECUTION_CHANGED] =
    g_signal_new ("execution-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * DrsoEngine::wave-started:
   * @self: the engine
   * @execution_id: the execution
   * @wave_number: the wave that started
   */
  signals[WAVE_STARTED] =
    g_signal_new ("wave-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * DrsoEngine::wave-completed:
   * @self: the engine
   * @execution_id: the execution
   * @wave_number: the wave that ended
   * @status: how it ended: %DRSO_WAVE_STATUS_COMPLETED or %DRSO_WAVE_STATUS_FAILED
   */
  signals[WAVE_COMPLETED] =
    g_signal_new ("wave-completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT,
                  DRSO_TYPE_WAVE_STATUS);

  /**
   * DrsoEngine::paused:
   * @self: the engine
   * @execution_id: the execution
   * @wave_number: the wave it waits before
   */
  signals[PAUSED] =
    g_signal_new ("paused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * DrsoEngine::server-changed:
   * @self: the engine
   * @execution_id: the execution
   * @wave_number: the wave of the server
   * @server_id: the source server whose run changed
   */
  signals[SERVER_CHANGED] =
    g_signal_new ("server-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * DrsoEngine::execution-finished:
   * @self: the engine
   * @execution_id: the execution
   * @status: how it ended
   */
  signals[EXECUTION_FINISHED] =
    g_signal_new ("execution-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, DRSO_TYPE_EXECUTION_STATUS);
}

static void
drso_engine_init (DrsoEngine *self)
{
  g_autofree char *random = g_uuid_string_random ();

  self->poll_min_interval = 2.0;
  self->poll_max_interval = 30.0;
  self->poll_factor = 1.5;
  self->health_timeout = 900;
  self->owner = g_strdup_printf ("drso-%d@%s:%.8s", (int) getpid (), g_get_host_name (), random);
  self->runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) _drso_engine_run_free);
  self->providers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* Public API */

/**
 * drso_engine_new:
 * @store: a #DrsoStore
 * @client: (nullable): the client to send with, or %NULL for the default one
 *
 * Returns: (transfer full): an engine that drives executions of @store's plans
 */
DrsoEngine *
drso_engine_new (DrsoStore     *store,
                 DrsoAwsClient *client)
{
  DrsoEngine *self;

  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (client == NULL || DRSO_IS_AWS_CLIENT (client), NULL);

  self = g_object_new (DRSO_TYPE_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client ? client : drso_aws_client_get_default ());
  return self;
}

/**
 * drso_engine_get_owner:
 * @self: a #DrsoEngine
 *
 * Returns: who this engine is in the store's leases
 */
const char *
drso_engine_get_owner (DrsoEngine *self)
{
  g_return_val_if_fail (DRSO_IS_ENGINE (self), NULL);
  return self->owner;
}

/**
 * drso_engine_is_driving:
 * @self: a #DrsoEngine
 * @execution_id: an execution id
 *
 * Returns: whether this engine drives the execution now
 */
gboolean
drso_engine_is_driving (DrsoEngine *self,
                        const char *execution_id)
{
  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);
  return g_hash_table_contains (self->runs, execution_id);
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

/**
 * drso_engine_adopt:
 * @self: a #DrsoEngine
 * @error: return location for a #GError
 *
 * Takes over every unfinished execution that no live process drives (by
 * taking its lease) and goes on from where the store says it was: a launch
 * asked for but never answered is matched with DRS's jobs by their tags
 * before anything is launched again. Executions another live process holds
 * are left alone. Needs drs:ExecuteRecovery.
 *
 * Returns: how many executions this engine now drives that it did not,
 *   or 0 with @error set
 */
guint
drso_engine_adopt (DrsoEngine  *self,
                   GError     **error)
{
  g_autoptr(GPtrArray) executions = NULL;
  g_autoptr(GPtrArray) adopted = g_ptr_array_new ();

  g_return_val_if_fail (DRSO_IS_ENGINE (self), 0);

  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_EXECUTE_RECOVERY, error) ||
      (executions = drso_store_list_unfinished_executions (self->store, error)) == NULL)
    return 0;

  for (guint i = 0; i < executions->len; i++)
    {
      DrsoExecution *execution = g_ptr_array_index (executions, i);
      const char *id = drso_execution_get_execution_id (execution);
      g_autoptr(GError) local_error = NULL;
      DrsoEngineRun *run;

      if (g_hash_table_contains (self->runs, id))
        continue;
      run = claim (self, execution, &local_error);
      if (run == NULL)
        {
          if (!g_error_matches (local_error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED))
            g_warning ("Could not adopt the execution %s: %s", id, local_error->message);
          continue;
        }
      /* TRANSLATORS: %s is who took the execution over */
      _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO, drso_execution_get_current_wave (execution),
                              NULL, _("Adopted by %s: going on from the stored state"),
                              self->owner);
      g_ptr_array_add (adopted, g_strdup (id));
    }

  /* Started once all are claimed, so capacity counts every adopted job. */
  for (guint i = 0; i < adopted->len; i++)
    {
      g_autofree char *id = g_ptr_array_index (adopted, i);
      DrsoEngineRun *run = g_hash_table_lookup (self->runs, id);

      if (run != NULL)
        _drso_engine_run_start (run);
    }
  return adopted->len;
}

/**
 * drso_engine_pause:
 * @self: a #DrsoEngine
 * @execution_id: a running execution
 * @error: return location for a #GError
 *
 * Pauses the execution before its next wave: the wave under way goes on to
 * its end. Needs drs:ManageExecution.
 *
 * Returns: %TRUE if the pause is recorded
 */
gboolean
drso_engine_pause (DrsoEngine  *self,
                   const char  *execution_id,
                   GError     **error)
{
  DrsoEngineRun *run;
  GListModel *wave_runs;
  gboolean claimed;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if (drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_RUNNING &&
      drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_PENDING)
    return refuse (self, run, claimed, error, _("Only a running execution can be paused"));

  wave_runs = drso_execution_get_wave_runs (run->execution);
  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);
      guint number = drso_wave_run_get_wave_number (wave_run);

      if (drso_wave_run_get_status (wave_run) != DRSO_WAVE_STATUS_PENDING)
        continue;
      /* The next wave waits: durable, as the pause is in its status. */
      drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_PAUSED);
      if (!_drso_engine_run_save_checked (run, error))
        return FALSE;
      /* TRANSLATORS: %u is a wave number */
      _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO, number, NULL,
                              _("Pause asked for: the execution pauses before wave %u"), number);
      if (claimed)
        _drso_engine_run_start (run);
      return TRUE;
    }
  return refuse (self, run, claimed, error,
                 _("The execution is in its last wave: there is no wave left to pause before"));
}

/**
 * drso_engine_resume:
 * @self: a #DrsoEngine
 * @execution_id: a paused execution
 * @error: return location for a #GError
 *
 * Starts the wave a paused execution waits before. Needs
 * drs:ManageExecution.
 *
 * Returns: %TRUE if the execution goes on
 */
gboolean
drso_engine_resume (DrsoEngine  *self,
                    const char  *execution_id,
                    GError     **error)
{
  DrsoEngineRun *run;
  DrsoWaveRun *wave_run;
  gboolean claimed;
  guint number;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  wave_run = _drso_engine_run_current_wave (run);
  if (drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_PAUSED ||
      wave_run == NULL || drso_wave_run_get_status (wave_run) != DRSO_WAVE_STATUS_PAUSED)
    return refuse (self, run, claimed, error, _("Only a paused execution can be resumed"));

  number = drso_wave_run_get_wave_number (wave_run);
  drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_IN_PROGRESS);
  drso_wave_run_set_start_time (wave_run, g_get_real_time () / G_USEC_PER_SEC);
  drso_execution_set_status (run->execution, DRSO_EXECUTION_STATUS_RUNNING);
  if (!_drso_engine_run_save_checked (run, error))
    return FALSE;
  /* TRANSLATORS: %u is a wave number */
  _drso_engine_run_event (run, DRSO_EVENT_KIND_RESUMED, number, NULL,
                          _("Resumed: wave %u starts"), number);
  _drso_engine_run_event (run, DRSO_EVENT_KIND_WAVE_STARTED, number, NULL,
                          _("Wave %u (%s) started with %u servers"), number,
                          drso_wave_run_get_wave_name (wave_run),
                          g_list_model_get_n_items (drso_wave_run_get_servers (wave_run)));
  _drso_engine_emit_wave_started (self, execution_id, number);
  _drso_engine_run_start (run);
  return TRUE;
}

/**
 * drso_engine_cancel:
 * @self: a #DrsoEngine
 * @execution_id: an execution that has not ended
 * @error: return location for a #GError
 *
 * Cancels the execution: no further wave starts. DRS jobs already running
 * cannot be stopped; the event log says which go on. Needs
 * drs:ManageExecution.
 *
 * Returns: %TRUE if the execution is cancelled
 */
gboolean
drso_engine_cancel (DrsoEngine  *self,
                    const char  *execution_id,
                    GError     **error)
{
  DrsoEngineRun *run;
  GListModel *wave_runs;
  gboolean claimed;
  guint n_running = 0, running_wave = 0;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if (drso_execution_status_is_final (drso_execution_get_status (run->execution)))
    return refuse (self, run, claimed, error, _("The execution has ended already"));

  g_clear_handle_id (&run->tick_id, g_source_remove);
  run->phase = RUN_PHASE_DONE;
  wave_runs = drso_execution_get_wave_runs (run->execution);
  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);

      switch (drso_wave_run_get_status (wave_run))
        {
        case DRSO_WAVE_STATUS_IN_PROGRESS:
          for (guint j = 0; j < g_list_model_get_n_items (servers); j++)
            {
              g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);

              /* Launched, or asked for with the answer not in yet. */
              if ((drso_server_run_get_job_id (server) != NULL ||
                   drso_server_run_get_launch_requested (server) != 0) &&
                  (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_PENDING ||
                   drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_IN_PROGRESS))
                {
                  n_running++;
                  running_wave = drso_wave_run_get_wave_number (wave_run);
                }
            }
          G_GNUC_FALLTHROUGH;
        case DRSO_WAVE_STATUS_PENDING:
        case DRSO_WAVE_STATUS_PAUSED:
          drso_wave_run_set_status (wave_run, DRSO_WAVE_STATUS_CANCELLED);
          break;
        case DRSO_WAVE_STATUS_COMPLETED:
        case DRSO_WAVE_STATUS_FAILED:
        case DRSO_WAVE_STATUS_SKIPPED:
        case DRSO_WAVE_STATUS_CANCELLED:
        default:
          break;
        }
    }

  if (n_running > 0)
    /* TRANSLATORS: %u are a number of servers and a wave number */
    _drso_engine_run_event (run, DRSO_EVENT_KIND_CANCELLED, running_wave, NULL,
                            _("Cancelled: no further wave starts. DRS jobs already running cannot "
                              "be stopped: %u servers of wave %u go on launching"),
                            n_running, running_wave);
  else
    _drso_engine_run_event (run, DRSO_EVENT_KIND_CANCELLED, 0, NULL,
                            _("Cancelled: no further wave starts. No DRS job was running"));
  _drso_engine_run_finish (run, DRSO_EXECUTION_STATUS_CANCELLED, _("The execution was cancelled"));
  return TRUE;
}

/* The first failed wave of a failed execution this engine claimed. */
static DrsoWaveRun *
failed_wave (DrsoEngineRun *run)
{
  GListModel *wave_runs = drso_execution_get_wave_runs (run->execution);

  if (drso_execution_get_status (run->execution) != DRSO_EXECUTION_STATUS_FAILED)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (wave_runs); i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);

      if (drso_wave_run_get_status (wave_run) == DRSO_WAVE_STATUS_FAILED)
        return wave_run;
    }
  return NULL;
}

static void
reopen (DrsoEngineRun *run,
        DrsoWaveRun   *wave_run,
        DrsoWaveStatus status)
{
  drso_wave_run_set_status (wave_run, status);
  if (status == DRSO_WAVE_STATUS_IN_PROGRESS)
    drso_wave_run_set_end_time (wave_run, 0);
  drso_execution_set_status (run->execution, DRSO_EXECUTION_STATUS_RUNNING);
  drso_execution_set_end_time (run->execution, 0);
}

/**
 * drso_engine_retry_wave:
 * @self: a #DrsoEngine
 * @execution_id: a failed execution
 * @error: return location for a #GError
 *
 * Launches the servers of the failed wave that did not recover again, as a
 * new attempt, and goes on with the execution. Needs drs:ManageExecution.
 *
 * Returns: %TRUE if the wave is retried
 */
gboolean
drso_engine_retry_wave (DrsoEngine  *self,
                        const char  *execution_id,
                        GError     **error)
{
  DrsoEngineRun *run;
  DrsoWaveRun *wave_run;
  GListModel *servers;
  gboolean claimed;
  guint n_retried = 0, attempt = 0;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if ((wave_run = failed_wave (run)) == NULL)
    return refuse (self, run, claimed, error, _("Only a failed wave of a failed execution can be "
                                                "retried"));

  servers = drso_wave_run_get_servers (wave_run);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

      if (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_LAUNCHED &&
          g_strcmp0 (drso_server_run_get_health (server), "ok") == 0)
        continue;
      if (drso_server_run_get_job_id (server) == NULL &&
          drso_server_run_get_launch_requested (server) != 0 &&
          drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_PENDING)
        continue;   /* an intent to reconcile first, in the same attempt */
      attempt = drso_server_run_get_launch_attempt (server) + 1;
      drso_server_run_set_launch_attempt (server, attempt);
      drso_server_run_set_status (server, DRSO_LAUNCH_STATUS_PENDING);
      drso_server_run_set_job_id (server, NULL);
      drso_server_run_set_recovery_instance_id (server, NULL);
      drso_server_run_set_ec2_instance_id (server, NULL);
      drso_server_run_set_message (server, NULL);
      drso_server_run_set_health (server, NULL);
      drso_server_run_set_launch_requested (server, 0);
      drso_server_run_set_snapshot_start (server, 0);
      drso_server_run_set_snapshot_end (server, 0);
      drso_server_run_set_conversion_start (server, 0);
      drso_server_run_set_conversion_end (server, 0);
      drso_server_run_set_launch_start (server, 0);
      drso_server_run_set_launch_end (server, 0);
      n_retried++;
    }

  reopen (run, wave_run, DRSO_WAVE_STATUS_IN_PROGRESS);
  if (!_drso_engine_run_save_checked (run, error))
    return FALSE;
  /* TRANSLATORS: a number of servers, a wave number, an attempt number */
  _drso_engine_run_event (run, DRSO_EVENT_KIND_INFO, drso_wave_run_get_wave_number (wave_run),
                          NULL, _("Retrying %u servers of wave %u (attempt %u)"), n_retried,
                          drso_wave_run_get_wave_number (wave_run), attempt);
  _drso_engine_run_start (run);
  return TRUE;
}

/**
 * drso_engine_skip_wave:
 * @self: a #DrsoEngine
 * @execution_id: a failed execution
 * @error: return location for a #GError
 *
 * Records the failed wave as skipped and goes on with the next one. Needs
 * drs:ManageExecution.
 *
 * Returns: %TRUE if the execution goes on
 */
gboolean
drso_engine_skip_wave (DrsoEngine  *self,
                       const char  *execution_id,
                       GError     **error)
{
  DrsoEngineRun *run;
  DrsoWaveRun *wave_run;
  gboolean claimed;

  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  run = control_run (self, execution_id, &claimed, error);
  if (run == NULL)
    return FALSE;
  if ((wave_run = failed_wave (run)) == NULL)
    return refuse (self, run, claimed, error, _("Only a failed wave of a failed execution can be "
                                                "skipped"));

  reopen (run, wave_run, DRSO_WAVE_STATUS_SKIPPED);
  if (!_drso_engine_run_save_checked (run, error))
    return FALSE;
  /* TRANSLATORS: %u is a wave number */
  _drso_engine_run_event (run, DRSO_EVENT_KIND_WARNING, drso_wave_run_get_wave_number (wave_run),
                          NULL, _("Wave %u skipped: its failed servers stay unrecovered and the "
                                  "execution goes on"),
                          drso_wave_run_get_wave_number (wave_run));
  _drso_engine_run_start (run);
  return TRUE;
}
