/* drso-aws-config-internal.h
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

#include "drso-aws-config-private.h"

G_BEGIN_DECLS

/* Shared by the files that implement drso-aws-config-private.h:
 * drso-aws-config.c (the parser and the file location),
 * drso-aws-credential-plan.c (profile resolution and environment
 * credentials) and drso-aws-credential-process.c (credential_process).
 * Other code includes drso-aws-config-private.h. */

struct _DrsoAwsConfig
{
  /* Name → (key → value) tables. */
  GHashTable *profiles;
  GHashTable *sso_sessions;
  GHashTable *services;
};

const char *_drso_aws_environ_get   (const char * const *envp,
                                     const char         *name);
gboolean    _drso_aws_parse_iso8601 (const char         *text,
                                     gint64             *seconds);

G_END_DECLS
