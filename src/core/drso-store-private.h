/* drso-store-private.h
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

#include <sqlite3.h>

#include "drso-live-list-private.h"
#include "drso-store.h"
#include "drso-validation-private.h"

G_BEGIN_DECLS

struct _DrsoStore
{
  GObject       parent_instance;

  sqlite3      *db;
  char         *path;
  GHashTable   *statements;   /* const char *sql -> sqlite3_stmt */
  GSettings    *settings;     /* NULL when the schema is not installed */
  DrsoRole      role;
  gint64        data_version;

  /* Live lists, each created when first asked for. */
  DrsoLiveList *accounts;
  DrsoLiveList *servers;
  DrsoLiveList *groups;
  DrsoLiveList *plans;
  DrsoLiveList *executions;
};

/* SQL helpers (drso-store.c). Statements are cached and reset by the helpers. */
sqlite3_stmt *_drso_store_prepare       (DrsoStore     *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      _drso_store_exec          (DrsoStore     *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      _drso_store_step_done     (DrsoStore     *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);
gboolean      _drso_store_begin         (DrsoStore     *self,
                                         GError       **error);
gboolean      _drso_store_commit        (DrsoStore     *self,
                                         GError       **error);
void          _drso_store_rollback      (DrsoStore     *self);
gboolean      _drso_store_set_error     (DrsoStore     *self,
                                         GError       **error);
gboolean      _drso_store_check         (DrsoStore     *self,
                                         DrsoPermission permission,
                                         GError       **error);
void          _drso_store_bind_text     (sqlite3_stmt  *stmt,
                                         int            index,
                                         const char    *text);
char         *_drso_store_column_dup    (sqlite3_stmt  *stmt,
                                         int            column);
const char   *_drso_store_column_text   (sqlite3_stmt  *stmt,
                                         int            column);
const char   *_drso_store_actor         (void);
gint64        _drso_store_now           (void);
void          _drso_store_stamp         (DrsoDocument  *document,
                                         gboolean       created);
gboolean      _drso_store_check_name    (DrsoStore     *self,
                                         const char    *sql,
                                         const char    *name,
                                         const char    *id,
                                         const char    *what,
                                         GError       **error);
gboolean      _drso_store_not_found     (GError       **error,
                                         const char    *what,
                                         const char    *id);

const char   *_drso_store_document_get_id   (gpointer       item);
int           _drso_store_compare_documents (gconstpointer  a,
                                             gconstpointer  b,
                                             gpointer       user_data);
gboolean      _drso_store_documents_equal   (gpointer       a,
                                             gpointer       b);

/* Events (drso-store-events.c) */
gboolean      _drso_store_insert_event  (DrsoStore           *self,
                                         DrsoExecutionEvent  *event,
                                         GError             **error);

/* Schema (drso-store-schema.c) */
gboolean      _drso_store_add_sandbox_account (DrsoStore *self,
                                              GError   **error);
gboolean      _drso_store_migrate       (DrsoStore     *self,
                                         GError       **error);
const char   *_drso_store_get_migration (guint          from_version);

/* Loading (each drso-store-*.c) */
GPtrArray    *_drso_store_load_accounts   (DrsoStore   *self,
                                           GError     **error);
GPtrArray    *_drso_store_load_servers    (DrsoStore   *self,
                                           GError     **error);
GPtrArray    *_drso_store_load_groups     (DrsoStore   *self,
                                           GError     **error);
GPtrArray    *_drso_store_load_plans      (DrsoStore   *self,
                                           GError     **error);
GPtrArray    *_drso_store_load_executions (DrsoStore   *self,
                                           GError     **error);
DrsoProtectionGroup *_drso_store_read_group (DrsoStore   *self,
                                             const char  *group_id,
                                             GError     **error);
DrsoRecoveryPlan    *_drso_store_read_plan  (DrsoStore   *self,
                                             const char  *plan_id,
                                             GError     **error);
DrsoExecution       *_drso_store_read_execution (DrsoStore   *self,
                                                 const char  *execution_id,
                                                 GError     **error);

/* Writing inside a transaction the caller holds (for import) */
gboolean      _drso_store_write_group   (DrsoStore           *self,
                                         DrsoProtectionGroup *group,
                                         gboolean             exists,
                                         GError             **error);
gboolean      _drso_store_check_group   (DrsoStore           *self,
                                         DrsoProtectionGroup *group,
                                         GError             **error);
gboolean      _drso_store_write_plan    (DrsoStore           *self,
                                         DrsoRecoveryPlan    *plan,
                                         gboolean             exists,
                                         GError             **error);
gboolean      _drso_store_check_plan    (DrsoStore           *self,
                                         DrsoRecoveryPlan    *plan,
                                         GError             **error);
gboolean      _drso_store_row_exists    (DrsoStore           *self,
                                         const char          *sql,
                                         const char          *id,
                                         GError             **error);

/* Live-list upkeep after a commit */
void          _drso_store_put_group      (DrsoStore        *self,
                                          const char       *group_id);
void          _drso_store_put_plan       (DrsoStore        *self,
                                          const char       *plan_id);

G_END_DECLS
