/* drso-aws-query-private.h
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

#include <glib.h>

G_BEGIN_DECLS

/* Builds the form body of the query protocols (EC2, STS): Action=...&... */
typedef struct _DrsoQueryBuilder DrsoQueryBuilder;

DrsoQueryBuilder *_drso_query_builder_new   (const char       *action,
                                             const char       *version);
void              _drso_query_builder_add   (DrsoQueryBuilder *builder,
                                             const char       *name,
                                             const char       *value);
GBytes           *_drso_query_builder_end   (DrsoQueryBuilder *builder);
char             *_drso_uri_encode          (const char       *text);

G_END_DECLS
