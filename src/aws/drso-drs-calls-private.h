/* drso-drs-calls-private.h
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

#include "drso-aws-context.h"

G_BEGIN_DECLS

/* Shared by the files that implement the DRS calls of drso-drs.h:
 * drso-drs-calls.c (jobs, recovery instances and snapshots, and the sending
 * and reading below) and drso-drs-config-calls.c (launch and replication
 * configurations, tags). */

typedef gpointer (*ItemParser) (JsonNode  *item,
                                GError   **error);

/* A DRS operation and how to read its answer. */
typedef struct
{
  const char *name;     /* DescribeJobs: also the path */
  const char *member;   /* the answer's member to read: the object, or the list of a list
                         * call; NULL when the answer itself is the object */
  ItemParser  parse;
} Operation;

/* Request building and local checks. */
G_GNUC_INTERNAL
void      _drso_drs_add_string      (JsonObject          *object,
                                     const char          *name,
                                     const char          *value);
G_GNUC_INTERNAL
gboolean  _drso_drs_check_server_id (GTask               *task,
                                     const char          *server_id);

/* Sending and reading: _drso_drs_call_new takes @request; the task holds
 * @op, which must outlive it. */
G_GNUC_INTERNAL
GTask    *_drso_drs_call_new        (DrsoAwsContext      *context,
                                     const Operation     *op,
                                     JsonObject          *request,
                                     gpointer             source_tag,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
G_GNUC_INTERNAL
void      _drso_drs_call_single     (GTask               *task);
G_GNUC_INTERNAL
gpointer  _drso_drs_call_finish     (DrsoAwsContext      *context,
                                     GAsyncResult        *result,
                                     gpointer             source_tag,
                                     GError             **error);

G_END_DECLS
