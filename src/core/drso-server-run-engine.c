/* drso-server-run-engine.c
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

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include "drso-server-run-private.h"

/* What the engine records about a server run beyond the seed's members: its
 * criticality, its launch attempts and the times of its phases. The object
 * itself and its JSON form are in drso-server-run.c. */

/**
 * drso_server_run_get_criticality:
 * @self: a #DrsoServerRun
 *
 * Returns: how much the server matters to its wave, copied from the plan when
 *   the execution started
 */
DrsoServerCriticality
drso_server_run_get_criticality (DrsoServerRun *self)
{
  g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), DRSO_SERVER_CRITICALITY_CRITICAL);
  return self->criticality;
}

/**
 * drso_server_run_set_criticality:
 * @self: a #DrsoServerRun
 * @criticality: how much the server matters to its wave
 */
void
drso_server_run_set_criticality (DrsoServerRun         *self,
                                 DrsoServerCriticality  criticality)
{
  g_return_if_fail (DRSO_IS_SERVER_RUN (self));
  if (self->criticality == criticality)
    return;
  self->criticality = criticality;
  _drso_server_run_notify (self, PROP_CRITICALITY);
}

/**
 * drso_server_run_get_launch_attempt:
 * @self: a #DrsoServerRun
 *
 * Returns: how many times the engine asked DRS to launch the server (1 for
 *   the first launch, more after a retry), or 0 if never
 */
guint
drso_server_run_get_launch_attempt (DrsoServerRun *self)
{
  g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), 0);
  return self->launch_attempt;
}

/**
 * drso_server_run_set_launch_attempt:
 * @self: a #DrsoServerRun
 * @attempt: the number of launch requests, 0 for none
 */
void
drso_server_run_set_launch_attempt (DrsoServerRun *self,
                                    guint          attempt)
{
  g_return_if_fail (DRSO_IS_SERVER_RUN (self));
  if (self->launch_attempt == attempt)
    return;
  self->launch_attempt = attempt;
  _drso_server_run_notify (self, PROP_LAUNCH_ATTEMPT);
}

#define DEFINE_TIME_ACCESSORS(field, PROP)                                   \
  gint64                                                                    \
  drso_server_run_get_##field (DrsoServerRun *self)                         \
  {                                                                         \
    g_return_val_if_fail (DRSO_IS_SERVER_RUN (self), 0);                    \
    return self->field;                                                     \
  }                                                                         \
  void                                                                      \
  drso_server_run_set_##field (DrsoServerRun *self,                         \
                               gint64         time_us)                      \
  {                                                                         \
    g_return_if_fail (DRSO_IS_SERVER_RUN (self));                           \
    _drso_server_run_set_time (self, PROP, time_us);                        \
  }

/**
 * drso_server_run_get_launch_requested:
 * @self: a #DrsoServerRun
 *
 * Returns: when the engine stored its intent to launch the server, before it
 *   called StartRecovery, in microseconds since 1970; 0 if never
 */
/**
 * drso_server_run_set_launch_requested:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (launch_requested, PROP_LAUNCH_REQUESTED)
/**
 * drso_server_run_get_snapshot_start:
 * @self: a #DrsoServerRun
 *
 * Returns: when DRS started taking the recovery snapshot, in microseconds
 *   since 1970; 0 if unknown
 */
/**
 * drso_server_run_set_snapshot_start:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (snapshot_start, PROP_SNAPSHOT_START)
/**
 * drso_server_run_get_snapshot_end:
 * @self: a #DrsoServerRun
 *
 * Returns: when the recovery snapshot was taken, in microseconds since 1970;
 *   0 if unknown
 */
/**
 * drso_server_run_set_snapshot_end:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (snapshot_end, PROP_SNAPSHOT_END)
/**
 * drso_server_run_get_conversion_start:
 * @self: a #DrsoServerRun
 *
 * Returns: when DRS started converting the server, in microseconds since
 *   1970; 0 if unknown
 */
/**
 * drso_server_run_set_conversion_start:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (conversion_start, PROP_CONVERSION_START)
/**
 * drso_server_run_get_conversion_end:
 * @self: a #DrsoServerRun
 *
 * Returns: when the conversion ended, in microseconds since 1970; 0 if unknown
 */
/**
 * drso_server_run_set_conversion_end:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (conversion_end, PROP_CONVERSION_END)
/**
 * drso_server_run_get_launch_start:
 * @self: a #DrsoServerRun
 *
 * Returns: when DRS started launching the recovery instance, in microseconds
 *   since 1970; 0 if unknown
 */
/**
 * drso_server_run_set_launch_start:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (launch_start, PROP_LAUNCH_START)
/**
 * drso_server_run_get_launch_end:
 * @self: a #DrsoServerRun
 *
 * Returns: when the recovery instance was launched, in microseconds since
 *   1970; 0 if unknown
 */
/**
 * drso_server_run_set_launch_end:
 * @self: a #DrsoServerRun
 * @time_us: microseconds since 1970, or 0
 */
DEFINE_TIME_ACCESSORS (launch_end, PROP_LAUNCH_END)

#undef DEFINE_TIME_ACCESSORS
