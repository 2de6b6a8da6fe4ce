/* drso-sandbox.c
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

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-sandbox-private.h"

/**
 * DrsoSandbox:
 *
 * A simulated AWS region on 127.0.0.1: DRS, EC2 and STS over their real
 * wire protocols, signed with SigV4, with an estate of source servers whose
 * recovery jobs move on with time.
 *
 * Set its properties, then call drso_sandbox_start(); #DrsoSandbox:url is
 * where it answers, with the key %DRSO_SANDBOX_ACCESS_KEY_ID and the region
 * #DrsoSandbox:region. It runs on the thread-default main context of the
 * thread that started it.
 */

struct _DrsoSandbox
{
  GObject            parent_instance;

  char              *state_file;
  char              *region;
  guint64            seed;
  guint              estate_size;
  guint              port;
  double             time_scale;
  DrsoSandboxFaults  faults;

  DrsoSandboxWorld  *world;
  DrsoSandboxHttp   *http;
  char              *url;
};

G_DEFINE_FINAL_TYPE (DrsoSandbox, drso_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE_FILE,
  PROP_REGION,
  PROP_SEED,
  PROP_ESTATE_SIZE,
  PROP_PORT,
  PROP_TIME_SCALE,
  PROP_FAULTS,
  PROP_URL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply_server_faults (DrsoSandbox *self)
{
  DrsoSandboxServerFaults server_faults = {
    (const char * const *) self->faults.failing_servers,
    (const char * const *) self->faults.stalling_servers,
  };

  if (self->world != NULL)
    drso_sandbox_world_set_server_faults (self->world, &server_faults);
  if (self->http != NULL)
    drso_sandbox_http_set_faults (self->http, &self->faults);
}

static void
drso_sandbox_finalize (GObject *object)
{
  DrsoSandbox *self = (DrsoSandbox *) object;

  drso_sandbox_stop (self);
  g_free (self->state_file);
  g_free (self->region);
  drso_sandbox_faults_clear (&self->faults);

  G_OBJECT_CLASS (drso_sandbox_parent_class)->finalize (object);
}

static void
drso_sandbox_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DrsoSandbox *self = DRSO_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_STATE_FILE:
      g_value_set_string (value, self->state_file);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_ESTATE_SIZE:
      g_value_set_uint (value, self->estate_size);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_TIME_SCALE:
      g_value_set_double (value, self->time_scale);
      break;
    case PROP_FAULTS:
      g_value_take_string (value, drso_sandbox_dup_faults (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, drso_sandbox_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_sandbox_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DrsoSandbox *self = DRSO_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_STATE_FILE:
      self->state_file = g_value_dup_string (value);
      break;
    case PROP_REGION:
      g_free (self->region);
      self->region = g_value_dup_string (value);
      if (self->region == NULL || self->region[0] == '\0')
        {
          g_free (self->region);
          self->region = g_strdup (DRSO_SANDBOX_REGION);
        }
      break;
    case PROP_SEED:
      self->seed = g_value_get_uint64 (value);
      break;
    case PROP_ESTATE_SIZE:
      self->estate_size = g_value_get_uint (value);
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_TIME_SCALE:
      drso_sandbox_set_time_scale (self, g_value_get_double (value));
      break;
    case PROP_FAULTS:
      {
        g_autoptr(GError) error = NULL;

        if (!drso_sandbox_set_faults (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_sandbox_class_init (DrsoSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_sandbox_finalize;
  object_class->get_property = drso_sandbox_get_property;
  object_class->set_property = drso_sandbox_set_property;

  /**
   * DrsoSandbox:state-file:
   *
   * The SQLite file that keeps the simulated region, or %NULL to keep it
   * in memory. An existing file keeps its own estate and seed.
   */
  properties[PROP_STATE_FILE] =
    g_param_spec_string ("state-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:region:
   *
   * The region simulated: requests must be signed for it.
   */
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, DRSO_SANDBOX_REGION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:seed:
   *
   * The seed of everything drawn: the estate, ids, durations, faults.
   */
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 1,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:estate-size:
   *
   * 0 for the demo estate, else the number of source servers to generate.
   */
  properties[PROP_ESTATE_SIZE] =
    g_param_spec_uint ("estate-size", NULL, NULL, 0, 1000000, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:port:
   *
   * The TCP port to listen on, 0 for any free one.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:time-scale:
   *
   * Simulated seconds per real second: at 60 a recovery job that takes
   * ten minutes in AWS takes ten seconds. Applies to jobs started later.
   */
  properties[PROP_TIME_SCALE] =
    g_param_spec_double ("time-scale", NULL, NULL, 1.0, 1e6, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:faults:
   *
   * The faults injected, as drso_sandbox_set_faults() reads them.
   */
  properties[PROP_FAULTS] =
    g_param_spec_string ("faults", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:url:
   *
   * Where the Sandbox answers (http://127.0.0.1:PORT) while it runs.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoSandbox:running:
   *
   * Whether the Sandbox answers requests.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_sandbox_init (DrsoSandbox *self)
{
  self->region = g_strdup (DRSO_SANDBOX_REGION);
  self->seed = 1;
  self->time_scale = 1.0;
}

/**
 * drso_sandbox_new:
 * @state_file: (nullable): the SQLite file that keeps the region, or %NULL
 *   to keep it in memory
 *
 * Creates a Sandbox with the demo estate, the default region, seed and
 * time scale, on any free port. Set other properties with g_object_new().
 *
 * Returns: (transfer full): a new #DrsoSandbox, not running yet
 */
DrsoSandbox *
drso_sandbox_new (const char *state_file)
{
  return g_object_new (DRSO_TYPE_SANDBOX, "state-file", state_file, NULL);
}

/**
 * drso_sandbox_start:
 * @self: a #DrsoSandbox
 * @error: return location for an error
 *
 * Opens the simulated region (creating its estate on first use) and starts
 * answering on 127.0.0.1.
 *
 * Returns: %TRUE if the Sandbox runs
 */
gboolean
drso_sandbox_start (DrsoSandbox  *self,
                    GError      **error)
{
  DrsoSandboxWorldOptions options = {
    self->region, self->seed, self->time_scale, self->estate_size,
  };
  g_autoptr(DrsoSandboxWorld) world = NULL;
  g_autoptr(DrsoSandboxHttp) http = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (DRSO_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->http != NULL)
    return TRUE;

  world = drso_sandbox_world_open (self->state_file, &options, error);
  if (world == NULL)
    return FALSE;
  drso_sandbox_world_set_time_scale (world, self->time_scale);

  http = drso_sandbox_http_new (world, drso_sandbox_world_get_seed (world));
  if (!drso_sandbox_http_listen (http, self->port, &url, error))
    {
      g_prefix_error (error, _("The Sandbox cannot listen on port %u: "), self->port);
      return FALSE;
    }

  self->world = g_steal_pointer (&world);
  self->http = g_steal_pointer (&http);
  self->url = g_steal_pointer (&url);
  g_free (self->region);
  self->region = g_strdup (drso_sandbox_world_get_region (self->world));
  apply_server_faults (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  return TRUE;
}

/**
 * drso_sandbox_stop:
 * @self: a #DrsoSandbox
 *
 * Stops answering and closes the simulated region. Its state file keeps
 * everything; a later start continues where time says each job is.
 */
void
drso_sandbox_stop (DrsoSandbox *self)
{
  g_return_if_fail (DRSO_IS_SANDBOX (self));

  if (self->http == NULL)
    return;

  g_clear_pointer (&self->http, drso_sandbox_http_free);
  g_clear_pointer (&self->world, drso_sandbox_world_free);
  g_clear_pointer (&self->url, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * drso_sandbox_get_running:
 * @self: a #DrsoSandbox
 *
 * Returns: whether the Sandbox answers requests
 */
gboolean
drso_sandbox_get_running (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), FALSE);

  return self->http != NULL;
}

/**
 * drso_sandbox_get_url:
 * @self: a #DrsoSandbox
 *
 * Returns: (nullable): where the Sandbox answers, or %NULL when it is stopped
 */
const char *
drso_sandbox_get_url (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), NULL);

  return self->url;
}

/**
 * drso_sandbox_get_region:
 * @self: a #DrsoSandbox
 *
 * Returns: the region simulated
 */
const char *
drso_sandbox_get_region (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), NULL);

  return self->region;
}

/**
 * drso_sandbox_get_state_file:
 * @self: a #DrsoSandbox
 *
 * Returns: (nullable): the file that keeps the region, or %NULL
 */
const char *
drso_sandbox_get_state_file (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), NULL);

  return self->state_file;
}

/**
 * drso_sandbox_get_time_scale:
 * @self: a #DrsoSandbox
 *
 * Returns: simulated seconds per real second
 */
double
drso_sandbox_get_time_scale (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), 1.0);

  return self->time_scale;
}

/**
 * drso_sandbox_set_time_scale:
 * @self: a #DrsoSandbox
 * @time_scale: simulated seconds per real second, at least 1
 *
 * Sets how fast simulated time runs for the jobs started from now on.
 */
void
drso_sandbox_set_time_scale (DrsoSandbox *self,
                             double       time_scale)
{
  g_return_if_fail (DRSO_IS_SANDBOX (self));
  g_return_if_fail (time_scale >= 1.0);

  if (self->time_scale == time_scale)
    return;

  self->time_scale = time_scale;
  if (self->world != NULL)
    drso_sandbox_world_set_time_scale (self->world, time_scale);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_SCALE]);
}

/**
 * drso_sandbox_set_faults:
 * @self: a #DrsoSandbox
 * @spec: (nullable): comma-separated faults, %NULL or "" for none
 * @error: return location for an error
 *
 * Sets the faults the Sandbox injects: `throttle=R` (the fraction of
 * requests answered with a throttling error), `5xx=R` (an internal error),
 * `drop=R` (the connection closed with no answer, before or after the
 * request took effect), `latency=MIN-MAX` (milliseconds added to every
 * answer), `fail=S[:S…]` (source servers, by ID or hostname, whose launch
 * fails) and `stall=S[:S…]` (servers whose launch never ends). Rates are
 * between 0 and 1. On error the faults are left as they were.
 *
 * Returns: %TRUE if @spec was read
 */
gboolean
drso_sandbox_set_faults (DrsoSandbox  *self,
                         const char   *spec,
                         GError      **error)
{
  DrsoSandboxFaults faults = { 0, };

  g_return_val_if_fail (DRSO_IS_SANDBOX (self), FALSE);

  if (!drso_sandbox_faults_parse (spec, &faults, error))
    return FALSE;

  drso_sandbox_faults_clear (&self->faults);
  self->faults = faults;
  apply_server_faults (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAULTS]);

  return TRUE;
}

/**
 * drso_sandbox_dup_faults:
 * @self: a #DrsoSandbox
 *
 * Returns: (transfer full): the faults set, in the form
 *   drso_sandbox_set_faults() reads ("" for none)
 */
char *
drso_sandbox_dup_faults (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), NULL);

  return drso_sandbox_faults_to_string (&self->faults);
}

/**
 * drso_sandbox_advance:
 * @self: a running #DrsoSandbox
 * @seconds: real seconds to move the Sandbox's clock forward by
 *
 * Moves the simulated region's clock on, as if @seconds had passed: jobs
 * progress, instances boot. Signatures are still checked against the real
 * time. The shift is kept in the state file.
 */
void
drso_sandbox_advance (DrsoSandbox *self,
                      double       seconds)
{
  g_return_if_fail (DRSO_IS_SANDBOX (self));
  g_return_if_fail (self->world != NULL);
  g_return_if_fail (seconds >= 0);

  drso_sandbox_world_advance (self->world, (gint64) (seconds * G_USEC_PER_SEC));
}

/**
 * drso_sandbox_get_n_requests:
 * @self: a #DrsoSandbox
 *
 * Returns: how many requests the Sandbox has received since it started
 */
guint64
drso_sandbox_get_n_requests (DrsoSandbox *self)
{
  g_return_val_if_fail (DRSO_IS_SANDBOX (self), 0);

  return self->http ? drso_sandbox_http_get_n_requests (self->http) : 0;
}

/**
 * drso_sandbox_list_accounts:
 * @self: a running #DrsoSandbox
 *
 * The simulated organisation: the account that holds the source servers
 * (%DRSO_SANDBOX_ACCOUNT_ID) first, then the recovery targets, each with
 * the role ARN and external ID that AssumeRole wants. They are marked
 * simulated, ready to add to a store.
 *
 * Returns: (transfer container) (element-type DrsoAccount): the accounts
 */
GPtrArray *
drso_sandbox_list_accounts (DrsoSandbox *self)
{
  g_autoptr(GPtrArray) accounts = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  const char * const regions[] = { self->region, NULL };

  g_return_val_if_fail (DRSO_IS_SANDBOX (self), result);
  g_return_val_if_fail (self->world != NULL, result);

  accounts = drso_sandbox_world_list_accounts (self->world);
  for (guint i = 0; i < accounts->len; i++)
    {
      DrsoSandboxAccount *info = g_ptr_array_index (accounts, i);
      DrsoAccount *account = drso_account_new (info->account_id, info->name);

      drso_account_set_role_arn (account, info->role_arn);
      drso_account_set_external_id (account, info->external_id);
      drso_account_set_regions (account, regions);
      drso_account_set_simulated (account, TRUE);
      g_ptr_array_add (result, account);
    }
  return result;
}
