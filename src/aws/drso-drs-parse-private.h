/* drso-drs-parse-private.h
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

#include <json-glib/json-glib.h>

#include "drso-source-server.h"

G_BEGIN_DECLS

/* Reads DRS answers into the model. Each is also a fuzz target. */
DrsoSourceServer *_drso_drs_parse_source_server (JsonNode    *item,
                                                 const char  *account_id,
                                                 const char  *region,
                                                 GError     **error);
gint64            _drso_parse_iso8601_duration  (const char  *text);
gint64            _drso_parse_iso8601_time      (const char  *text);

G_END_DECLS
