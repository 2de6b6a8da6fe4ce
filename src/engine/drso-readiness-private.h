/* drso-readiness-private.h
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

#include "drso-readiness.h"

G_BEGIN_DECLS

/* Shared by drso-readiness.c (the plan's servers), drso-readiness-calls.c
 * (what DRS is asked), drso-readiness-rules.c (what the answers mean) and
 * drso-readiness-report.c (the result). */

typedef enum
{
  READINESS_LAUNCH_UNKNOWN,   /* not asked, or the call failed */
  READINESS_LAUNCH_PRESENT,
  READINESS_LAUNCH_MISSING,   /* ResourceNotFoundException */
} ReadinessLaunch;

/* One server of the plan, and what DRS said of it. */
typedef struct
{
  char                  *server_id;
  char                  *name;              /* the hostname, else the id: for sentences */
  char                  *account_id;
  char                  *region;
  guint                  wave_number;
  DrsoServerCriticality  criticality;
  char                  *pinned_snapshot;   /* nullable */

  gboolean               described;         /* DescribeSourceServers answered for it */
  DrsoSourceServer      *live;              /* NULL when DRS does not know it */
  gboolean               snapshots_checked;
  gint64                 latest_snapshot;   /* seconds since 1970, 0 for none */
  gboolean               pinned_found;
  char                  *snapshot_error;
  ReadinessLaunch        launch;
  char                  *launch_error;
  char                  *instance_id;       /* a recovery instance that is up */
  gboolean               instance_is_drill;
} ReadinessServer;

/* One account and region of the plan. */
typedef struct
{
  char        *account_id;
  char        *region;
  DrsoAccount *account;                     /* nullable: not in the store */
  GPtrArray   *servers;                     /* ReadinessServer, borrowed */
  char        *credentials_error;           /* the role (or keys) could not be had */
  char        *describe_error;              /* DescribeSourceServers failed */
  char        *instances_error;             /* DescribeRecoveryInstances failed */
} ReadinessTarget;

/* Everything the rules read. */
typedef struct
{
  DrsoStore         *store;
  DrsoRecoveryPlan  *plan;
  DrsoExecutionType  execution_type;
  gint64             now;                   /* seconds since 1970 */
  GPtrArray         *servers;               /* ReadinessServer, owned */
  GPtrArray         *targets;               /* ReadinessTarget, owned */
} ReadinessInput;

/* One check under way: the task data of drso_readiness_check_async(). */
typedef struct
{
  ReadinessInput  input;
  DrsoAwsClient  *client;
  GHashTable     *providers;                /* account id → DrsoAwsCredentialsProvider */
  GQueue          pending;                  /* calls waiting for a slot */
  guint           in_flight;
  gboolean        returned;
} ReadinessCheck;

G_GNUC_INTERNAL
void                  _drso_readiness_check_free   (ReadinessCheck        *check);
G_GNUC_INTERNAL
void                  _drso_readiness_start_calls  (GTask                 *task);

G_GNUC_INTERNAL
void                  _drso_readiness_server_free  (ReadinessServer       *server);
G_GNUC_INTERNAL
void                  _drso_readiness_target_free  (ReadinessTarget       *target);
G_GNUC_INTERNAL
gboolean              _drso_readiness_is_replicating (const char          *state);

G_GNUC_INTERNAL
DrsoReadinessReport  *_drso_readiness_evaluate     (ReadinessInput        *input);

G_GNUC_INTERNAL
DrsoReadinessFinding *_drso_readiness_finding_new  (DrsoReadinessSeverity  severity,
                                                    const char            *rule,
                                                    guint                  wave_number,
                                                    const char            *server_id,
                                                    char                  *message);
G_GNUC_INTERNAL
DrsoReadinessReport  *_drso_readiness_report_new   (GPtrArray             *findings,
                                                    guint64                predicted_rto);

G_END_DECLS
