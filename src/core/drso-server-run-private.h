/* drso-server-run-private.h
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

#pragma once

#include "drso-run-private.h"

G_BEGIN_DECLS

/* Shared by drso-server-run.c (the object, its JSON form) and
 * drso-server-run-engine.c (the engine's bookkeeping). */
struct _DrsoServerRun
{
  GObject parent_instance;

  char             *server_id;
  char             *hostname;
  char             *private_ip;
  char             *instance_type;
  char             *job_id;
  char             *recovery_instance_id;
  char             *ec2_instance_id;
  char             *message;
  char             *health;
  DrsoLaunchStatus  status;

  /* Engine bookkeeping; times in microseconds since 1970, 0 when unknown */
  DrsoServerCriticality criticality;
  guint                 launch_attempt;
  gint64                launch_requested;
  gint64                snapshot_start;
  gint64                snapshot_end;
  gint64                conversion_start;
  gint64                conversion_end;
  gint64                launch_start;
  gint64                launch_end;
};

enum {
  PROP_0,
  PROP_SERVER_ID,
  PROP_HOSTNAME,
  PROP_PRIVATE_IP,
  PROP_INSTANCE_TYPE,
  PROP_STATUS,
  PROP_JOB_ID,
  PROP_RECOVERY_INSTANCE_ID,
  PROP_EC2_INSTANCE_ID,
  PROP_MESSAGE,
  PROP_HEALTH,
  PROP_CRITICALITY,
  PROP_LAUNCH_ATTEMPT,
  PROP_LAUNCH_REQUESTED,
  PROP_SNAPSHOT_START,
  PROP_SNAPSHOT_END,
  PROP_CONVERSION_START,
  PROP_CONVERSION_END,
  PROP_LAUNCH_START,
  PROP_LAUNCH_END,
  N_PROPS
};

void _drso_server_run_notify   (DrsoServerRun *self,
                                guint          prop_id);
void _drso_server_run_set_time (DrsoServerRun *self,
                                guint          prop_id,
                                gint64         value);

G_END_DECLS
