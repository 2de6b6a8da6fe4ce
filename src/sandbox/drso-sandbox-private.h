/* drso-sandbox-private.h
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

#include "drso-sandbox.h"
#include "drso-sandbox-world-private.h"

G_BEGIN_DECLS

/* Faults the Sandbox injects, from a spec such as
 * "throttle=0.3,5xx=0.1,drop=0.02,latency=20-200,fail=web-1:db-2,stall=s-…". */
typedef struct
{
  double   throttle_rate;     /* answered ThrottlingException / Throttling */
  double   error_rate;        /* answered InternalServerException / InternalError */
  double   drop_rate;         /* connection closed with no answer */
  guint    latency_min_ms;
  guint    latency_max_ms;
  char   **failing_servers;   /* launches fail (IDs or hostnames) */
  char   **stalling_servers;  /* launches never finish */
} DrsoSandboxFaults;

gboolean  drso_sandbox_faults_parse     (const char               *spec,
                                         DrsoSandboxFaults        *faults,
                                         GError                  **error);
char     *drso_sandbox_faults_to_string (const DrsoSandboxFaults  *faults);
void      drso_sandbox_faults_clear     (DrsoSandboxFaults        *faults);

/* The HTTP side: a SoupServer on 127.0.0.1 that authenticates each request
 * (SigV4 against the world's keys), injects faults and hands it to the
 * service it is for. */
typedef struct _DrsoSandboxHttp DrsoSandboxHttp;

DrsoSandboxHttp *drso_sandbox_http_new        (DrsoSandboxWorld         *world,
                                               guint64                   seed);
gboolean         drso_sandbox_http_listen     (DrsoSandboxHttp          *http,
                                               guint                     port,
                                               char                    **url,
                                               GError                  **error);
void             drso_sandbox_http_set_faults (DrsoSandboxHttp          *http,
                                               const DrsoSandboxFaults  *faults);
guint64          drso_sandbox_http_get_n_requests (DrsoSandboxHttp      *http);
void             drso_sandbox_http_free       (DrsoSandboxHttp          *http);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxHttp, drso_sandbox_http_free)

G_END_DECLS
