/* drso-sandbox.h
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

#include "drso-account.h"

G_BEGIN_DECLS

/**
 * DRSO_SANDBOX_SHARED_TIME_SCALE:
 *
 * The time scale of a data folder's Sandbox (drso_sandbox_connect()) as the
 * app and the command line start it: a drill's wave takes seconds to
 * minutes instead of a quarter of an hour.
 */
#define DRSO_SANDBOX_SHARED_TIME_SCALE 60.0

#define DRSO_TYPE_SANDBOX (drso_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (DrsoSandbox, drso_sandbox, DRSO, SANDBOX, GObject)

DrsoSandbox  *drso_sandbox_new                (const char   *state_file);
gboolean      drso_sandbox_start              (DrsoSandbox  *self,
                                               GError      **error);
void          drso_sandbox_stop               (DrsoSandbox  *self);
gboolean      drso_sandbox_get_running        (DrsoSandbox  *self);
const char   *drso_sandbox_get_url            (DrsoSandbox  *self);
const char   *drso_sandbox_get_region         (DrsoSandbox  *self);
const char   *drso_sandbox_get_state_file     (DrsoSandbox  *self);
double        drso_sandbox_get_time_scale     (DrsoSandbox  *self);
void          drso_sandbox_set_time_scale     (DrsoSandbox  *self,
                                               double        time_scale);
gboolean      drso_sandbox_set_faults         (DrsoSandbox  *self,
                                               const char   *spec,
                                               GError      **error);
char         *drso_sandbox_dup_faults         (DrsoSandbox  *self);
void          drso_sandbox_advance            (DrsoSandbox  *self,
                                               double        seconds);
guint64       drso_sandbox_get_n_requests     (DrsoSandbox  *self);
GPtrArray    *drso_sandbox_list_accounts      (DrsoSandbox  *self);

char         *drso_sandbox_connect            (const char   *data_dir,
                                               double        time_scale,
                                               DrsoSandbox **started,
                                               GError      **error);

G_END_DECLS
