/* drso-store-requests-private.h
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

#include "drso-store.h"

G_BEGIN_DECLS

/* A control asked of the process that drives an execution. */
typedef struct
{
  gint64  request_id;
  char   *execution_id;
  char   *control;       /* "pause", "resume", … */
  char   *requested_by;  /* the asking process */
} DrsoStoreRequest;

void       _drso_store_request_free     (DrsoStoreRequest  *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoStoreRequest, _drso_store_request_free)

gint64     _drso_store_post_request     (DrsoStore         *self,
                                         const char        *execution_id,
                                         const char        *control,
                                         const char        *requested_by,
                                         GError           **error);
GPtrArray *_drso_store_pending_requests (DrsoStore         *self,
                                         const char        *execution_id,
                                         GError           **error);
gboolean   _drso_store_take_request     (DrsoStore         *self,
                                         gint64             request_id,
                                         const char        *taken_by,
                                         GError           **error);
gboolean   _drso_store_answer_request   (DrsoStore         *self,
                                         gint64             request_id,
                                         const GError      *outcome,
                                         GError           **error);
gboolean   _drso_store_withdraw_request (DrsoStore         *self,
                                         gint64             request_id,
                                         GError           **error);
gboolean   _drso_store_read_answer      (DrsoStore         *self,
                                         gint64             request_id,
                                         gboolean          *answered,
                                         GError           **outcome,
                                         GError           **error);

G_END_DECLS
