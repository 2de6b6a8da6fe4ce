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
  PROP_CHECK_READINESS,
  PROP_DISCOVERY_MAX_AGE,
  N_PROPS
};

enum {
  EXECUTION_CHANGED,
  WAVE_STARTED,
  WAVE_COMPLETED,
  PAUSED,
  SERVER_CHANGED,
  EXECUTION_FINISHED,
  STALLED,
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

void
_drso_engine_emit_stalled (DrsoEngine *self,
                           const char *execution_id,
                           const char *message)
{
  g_signal_emit (self, signals[STALLED], 0, execution_id, message);
}

/* Credentials and contexts */

typedef struct
{
  DrsoAwsClient *client;
  DrsoAccount   *account;
  char          *region;
} ContextRequest;

static void
context_request_free (ContextRequest *request)
{
  g_clear_object (&request->client);
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
  ContextRequest *request = g_task_get_task_data (task);
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  const char *endpoint;

  credentials = drso_aws_credentials_provider_get_finish (DRSO_AWS_CREDENTIALS_PROVIDER (source),
                                                          result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  endpoint = drso_aws_client_get_account_endpoint (request->client, request->account);
  g_task_return_pointer (task,
                         drso_aws_context_new (request->client,
                                               drso_account_get_account_id (request->account),
                                               request->region, endpoint, credentials),
                         g_object_unref);
}

/* A context for an account and region, with credentials that are fresh (a
 * target account's through AssumeRole: the provider caches them). The task
 * does not hold the engine, so that dropping the engine stops its runs at
 * once; @callback gets a %NULL source object. */
void
_drso_engine_get_context_async (DrsoEngine          *self,
                                const char          *account_id,
                                const char          *region,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  DrsoAwsCredentialsProvider *provider;
  ContextRequest *request;

  g_task_set_source_tag (task, _drso_engine_get_context_async);
  request = g_new0 (ContextRequest, 1);
  request->client = g_object_ref (self->client);
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
_drso_engine_get_context_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
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
  g_clear_handle_id (&self->requests_id, g_source_remove);
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
    case PROP_CHECK_READINESS:
      g_value_set_boolean (value, self->check_readiness);
      break;
    case PROP_DISCOVERY_MAX_AGE:
      g_value_set_uint (value, self->discovery_max_age);
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
    case PROP_CHECK_READINESS:
      if (self->check_readiness != g_value_get_boolean (value))
        {
          self->check_readiness = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_DISCOVERY_MAX_AGE:
      if (self->discovery_max_age != g_value_get_uint (value))
        {
          self->discovery_max_age = g_value_get_uint (value);
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
    g_param_spec_double ("poll-min-interval", NULL, NULL, 0.0, 3600.0, 1.0,
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

  /**
   * DrsoEngine:check-readiness:
   *
   * Whether drso_engine_start_execution_async() runs the plan's readiness
   * check (see #DrsoReadiness) before it starts an execution: a verdict of
   * %DRSO_READINESS_VERDICT_NO_GO refuses the start with
   * %DRSO_ENGINE_ERROR_NOT_READY, and the warnings of a start that goes
   * ahead are logged as the execution's events.
   *
   * Turn it off for a caller that has just checked the plan itself, or for
   * a real recovery that must go ahead regardless: on a bad day, a stalled
   * replication or an old snapshot may be the best there is, and a recovery
   * with old data beats none. The start then logs that it was not checked.
   */
  properties[PROP_CHECK_READINESS] =
    g_param_spec_boolean ("check-readiness", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoEngine:discovery-max-age:
   *
   * How old, in seconds, the discovery of an account and region may be
   * when an execution starts. Before the plan's protection groups are
   * resolved to servers, each account and region they use whose last
   * discovery is older, or that was never discovered, is discovered again
   * (see #DrsoDiscovery), so that tag criteria match the servers DRS has
   * now. 0 discovers before every start.
   */
  properties[PROP_DISCOVERY_MAX_AGE] =
    g_param_spec_uint ("discovery-max-age", NULL, NULL, 0, G_MAXUINT, 900,
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

  /**
   * DrsoEngine::stalled:
   * @self: the engine
   * @execution_id: the execution
   * @message: why, such as a full disk
   *
   * The engine stopped driving @execution_id without ending it: the store
   * refused to save a step (a full disk, a read-only file) or another
   * process took the execution over. The store keeps the last step it
   * saved; drso_engine_adopt() or drso_engine_drive() (of this engine or any
   * other) goes on from there once the cause is gone.
   */
  signals[STALLED] =
    g_signal_new ("stalled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
drso_engine_init (DrsoEngine *self)
{
  g_autofree char *random = g_uuid_string_random ();

  self->poll_min_interval = 1.0;
  self->poll_max_interval = 30.0;
  self->poll_factor = 1.5;
  self->health_timeout = 900;
  self->check_readiness = TRUE;
  self->discovery_max_age = 900;
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
