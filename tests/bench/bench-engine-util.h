/* bench-engine-util.h
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

#include "drso-aws-client.h"
#include "drso-engine.h"
#include "drso-store.h"

G_BEGIN_DECLS

/* What bench-engine and bench-engine-many share: a Sandbox run as a
 * separate "drso sandbox" process (so that the CPU this process uses is the
 * orchestrator's alone), a store of its own in a temporary folder, the
 * discovered estate, groups and plans, the Sandbox's own record of a job's
 * timeline, and CPU and memory figures. */

typedef struct
{
  GSubprocess   *process;      /* drso sandbox */
  char          *url;
  char          *dir;          /* temporary: the store and the Sandbox's state */
  char          *state_file;
  DrsoAwsClient *client;
  DrsoStore     *store;
  GPtrArray     *servers;      /* DrsoSourceServer that replicate (CONTINUOUS) */
  guint          next;         /* the first server no group holds yet */
} BenchEstate;

/* The Sandbox's timeline of one job, in µs of real time (the Sandbox's clock
 * is never moved here): when DescribeJobs says it was created and ended, and
 * when the last of its instances passes its EC2 status checks. */
typedef struct
{
  gint64 created;
  gint64 ended;
  gint64 healthy;
  guint  n_servers;
  guint  n_launched;
} BenchJobTimes;

void         bench_setup_environment  (void);
const char  *bench_default_drso       (void);
BenchEstate *bench_estate_new         (const char        *drso,
                                       double             time_scale,
                                       guint              estate_size,
                                       guint64            seed,
                                       GError           **error);
void         bench_estate_free        (BenchEstate       *estate);
DrsoRecoveryPlan *bench_estate_add_plan (BenchEstate     *estate,
                                       const char        *name,
                                       const guint       *sizes,
                                       guint              n_waves,
                                       GError           **error);
gboolean     bench_estate_job_times   (BenchEstate       *estate,
                                       const char        *job_id,
                                       BenchJobTimes     *times,
                                       GError           **error);
DrsoEngine  *bench_engine_new         (BenchEstate       *estate,
                                       double             poll_min,
                                       double             poll_max,
                                       double             poll_factor);
void         bench_print_poll_settings (DrsoEngine       *engine);

double       bench_self_cpu_seconds   (void);
double       bench_process_cpu_seconds (GSubprocess      *process);
double       bench_peak_rss_mib       (void);
double       bench_seconds            (gint64             from,
                                       gint64             to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchEstate, bench_estate_free)

G_END_DECLS
