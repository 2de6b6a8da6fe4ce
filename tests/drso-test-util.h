/* drso-test-util.h
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

#include <string.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "drso-store.h"
#include "drso-sandbox.h"
#include "drso-aws-client.h"

G_BEGIN_DECLS

/* What several test programs share: a loopback server and the signature
 * check of a request it received, waiting for an async call, a store, a plan
 * in it and a dump of its database, and a few assertions. */

/* Loopback server */

SoupServer       *drso_test_server_new        (gboolean             raw_paths,
                                               SoupServerCallback   callback,
                                               gpointer             user_data,
                                               char               **url);
gboolean          drso_test_sigv4_verify      (SoupServerMessage   *msg,
                                               const char          *access_key_id,
                                               const char          *secret_access_key,
                                               const char          *region,
                                               const char          *service,
                                               GError             **error);

/* Async calls */

void              drso_test_done_cb           (GObject             *source,
                                               GAsyncResult        *result,
                                               gpointer             user_data);
GAsyncResult     *drso_test_wait_for          (GAsyncResult       **slot);

/* The store */

DrsoStore        *drso_test_open_store        (void);
void              drso_test_remove_tree       (const char          *path);

/* The in-process Sandbox, for tests that need a real AWS peer */
DrsoSandbox      *drso_test_sandbox_start     (double               time_scale,
                                               guint64              seed,
                                               guint                estate_size);
void              drso_test_add_sandbox_accounts (DrsoStore        *store,
                                                  DrsoSandbox      *sandbox);
guint             drso_test_discover          (DrsoStore           *store,
                                               DrsoAwsClient       *client,
                                               const char          *account_id);
void              drso_test_set_role          (DrsoStore           *store,
                                               DrsoRole             role);
DrsoRecoveryPlan *drso_test_new_plan          (const char          *name,
                                               const char          *group_id);
char             *drso_test_create_plan       (DrsoStore           *store,
                                               const char          *name,
                                               const char          *group_id);
char             *drso_test_dump_store        (DrsoStore           *store);

/* Assertions */

/* Checks the domain and code of @error, and that its message names @needle.
 * On a mismatch the message itself is printed next to @needle. */
#define drso_test_assert_error_names(error, domain, code, needle)               \
  G_STMT_START {                                                                \
    g_assert_error ((error), (domain), (code));                                 \
    g_assert_cmpstr (strstr ((error)->message, (needle)) != NULL ?              \
                     (needle) : (error)->message, ==, (needle));                \
  } G_STMT_END

void              drso_test_assert_strv       (const char * const  *actual,
                                               const char * const  *expected);
void              drso_test_assert_json_equal (JsonNode            *a,
                                               JsonNode            *b);

G_END_DECLS
