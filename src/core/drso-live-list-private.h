/* drso-live-list-private.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

/* Helpers that keep a GListStore sorted and in step with the database, so
 * that views see items-changed for what changed and nothing else. Every item
 * has an id (get_id) and a place (compare); equal reports whether two items
 * with one id show the same data. */

typedef const char *(*DrsoLiveListGetId) (gpointer item);
typedef gboolean    (*DrsoLiveListEqual) (gpointer a,
                                          gpointer b);

typedef struct
{
  GListStore        *store;
  DrsoLiveListGetId  get_id;
  GCompareDataFunc   compare;
  DrsoLiveListEqual  equal;
} DrsoLiveList;

DrsoLiveList *_drso_live_list_new    (GType              item_type,
                                      DrsoLiveListGetId  get_id,
                                      GCompareDataFunc   compare,
                                      DrsoLiveListEqual  equal);
void          _drso_live_list_free   (DrsoLiveList      *self);
void          _drso_live_list_reset  (DrsoLiveList      *self,
                                      GPtrArray         *items);
void          _drso_live_list_put    (DrsoLiveList      *self,
                                      gpointer           item);
void          _drso_live_list_remove (DrsoLiveList      *self,
                                      const char        *id);
gpointer      _drso_live_list_find   (DrsoLiveList      *self,
                                      const char        *id,
                                      guint             *position);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoLiveList, _drso_live_list_free)

G_END_DECLS
