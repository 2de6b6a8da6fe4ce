/* drso-drs.h
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

#include "drso-aws-context.h"

G_BEGIN_DECLS

void       drso_drs_describe_source_servers_async  (DrsoAwsContext      *context,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *drso_drs_describe_source_servers_finish (DrsoAwsContext      *context,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
