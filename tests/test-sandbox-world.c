/* test-sandbox-world.c
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

/* The Sandbox's world: its estate, the DRS operations on it, job timelines
 * driven by the clock, limits, EC2 and AssumeRole, and its file. The
 * answers are read back with the app's own DRS parsers. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "drso-test-util.h"
#include "drso-drs-parse-private.h"
#include "drso-drs-types-private.h"
#include "drso-sandbox.h"
#include "drso-sandbox-world-private.h"

#define EAST  "444455556666"
#define VAULT "777788889999"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxInstance, drso_sandbox_instance_free)

/* Helpers */

static DrsoSandboxWorld *
open_world (const char *path,
            guint64     seed,
            guint       size)
{
  DrsoSandboxWorldOptions options = { DRSO_SANDBOX_REGION, seed, 1, size };
  g_autoptr(GError) error = NULL;
  DrsoSandboxWorld *world = drso_sandbox_world_open (path, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (world);
  return world;
}

static void
advance (DrsoSandboxWorld *world,
         double            seconds)
{
  drso_sandbox_world_advance (world, (gint64) (seconds * G_USEC_PER_SEC));
}

static JsonNode *
run_valist (DrsoSandboxWorld         *world,
            const char               *account,
            const char               *operation,
            GError                  **error,
            DrsoSandboxErrorDetails **details,
            const char               *format,
            va_list                   args) G_GNUC_PRINTF (6, 0);

static JsonNode *
run_valist (DrsoSandboxWorld         *world,
            const char               *account,
            const char               *operation,
            GError                  **error,
            DrsoSandboxErrorDetails **details,
            const char               *format,
            va_list                   args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);
  g_autoptr(JsonNode) input = json_from_string (text, NULL);
  DrsoSandboxDrsOperation run = drso_sandbox_drs_lookup (operation);

  g_assert_nonnull (run);
  g_assert_nonnull (input);
  return run (world, account, json_node_get_object (input), error, details);
}

/* Runs a DRS operation on the JSON input; it must succeed. */
static JsonNode *
call (DrsoSandboxWorld *world,
      const char       *account,
      const char       *operation,
      const char       *format,
      ...) G_GNUC_PRINTF (4, 5);

static JsonNode *
call (DrsoSandboxWorld *world,
      const char       *account,
      const char       *operation,
      const char       *format,
      ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxErrorDetails) details = NULL;
  JsonNode *answer;
  va_list args;

  va_start (args, format);
  answer = run_valist (world, account, operation, &error, &details, format, args);
  va_end (args);
  g_assert_no_error (error);
  g_assert_null (details);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer));
  return answer;
}

/* Runs a DRS operation that must fail with @code; returns the details. */
static DrsoSandboxErrorDetails *
call_fails (DrsoSandboxWorld *world,
            const char       *account,
            const char       *operation,
            DrsoSandboxError  code,
            const char       *format,
            ...) G_GNUC_PRINTF (5, 6);

static DrsoSandboxErrorDetails *
call_fails (DrsoSandboxWorld *world,
            const char       *account,
            const char       *operation,
            DrsoSandboxError  code,
            const char       *format,
            ...)
{
  g_autoptr(GError) error = NULL;
  DrsoSandboxErrorDetails *details = NULL;
  JsonNode *answer;
  va_list args;

  va_start (args, format);
  answer = run_valist (world, account, operation, &error, &details, format, args);
  va_end (args);
  g_assert_null (answer);
  g_assert_error (error, DRSO_SANDBOX_ERROR, (int) code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_nonnull (details);
  return details;
}

static JsonObject *
object_of (JsonNode *node)
{
  return json_node_get_object (node);
}

static JsonArray *
items_of (JsonNode *node)
{
  return json_object_get_array_member (json_node_get_object (node), "items");
}

/* The string member @name of the @index-th object of @list. */
static const char *
item_string (JsonArray  *list,
             guint       index,
             const char *name)
{
  return json_object_get_string_member (json_array_get_object_element (list, index), name);
}

static const char *
path_string (JsonObject *object,
             const char *first,
             ...)
{
  const char *name = first, *next;
  va_list args;

  va_start (args, first);
  while ((next = va_arg (args, const char *)) != NULL)
    {
      object = object && json_object_has_member (object, name) ?
               json_object_get_object_member (object, name) : NULL;
      name = next;
    }
  va_end (args);
  return object ? json_object_get_string_member_with_default (object, name, NULL) : NULL;
}

/* Every source server of @account, through all pages of @page_size. */
static JsonArray *
all_servers (DrsoSandboxWorld *world,
             const char       *account,
             guint             page_size,
             guint            *n_pages)
{
  JsonArray *all = json_array_new ();
  g_autofree char *token = NULL;

  *n_pages = 0;
  do
    {
      g_autoptr(JsonNode) page = NULL;
      JsonArray *items;

      page = token ?
        call (world, account, "DescribeSourceServers",
              "{\"maxResults\": %u, \"nextToken\": \"%s\"}", page_size, token) :
        call (world, account, "DescribeSourceServers", "{\"maxResults\": %u}", page_size);
      items = items_of (page);
      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (items, i)));
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (object_of (page),
                                                                    "nextToken", NULL));
      (*n_pages)++;
    }
  while (token != NULL);
  return all;
}

static JsonObject *
get_server (DrsoSandboxWorld *world,
            const char       *account,
            const char       *server_id)
{
  g_autoptr(JsonNode) answer = call (world, account, "DescribeSourceServers",
                                     "{\"filters\": {\"sourceServerIDs\": [\"%s\"]}}", server_id);

  g_assert_cmpuint (json_array_get_length (items_of (answer)), ==, 1);
  return json_object_ref (json_array_get_object_element (items_of (answer), 0));
}

/* A server of @account in @state whose lag is under a minute. */
static char *
pick_server (DrsoSandboxWorld *world,
             const char       *account,
             const char       *state,
             guint             skip)
{
  guint n_pages;
  g_autoptr(JsonArray) servers = all_servers (world, account, 1000, &n_pages);

  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonObject *server = json_array_get_object_element (servers, i);
      const char *lag = path_string (server, "dataReplicationInfo", "lagDuration", NULL);

      if (g_str_equal (path_string (server, "dataReplicationInfo", "dataReplicationState", NULL),
                       state) &&
          (!g_str_equal (state, "CONTINUOUS") || _drso_parse_iso8601_duration (lag) < 60) &&
          skip-- == 0)
        return g_strdup (json_object_get_string_member (server, "sourceServerID"));
    }
  g_assert_not_reached ();
}

static JsonObject *
get_job (DrsoSandboxWorld *world,
         const char       *account,
         const char       *job_id)
{
  g_autoptr(JsonNode) answer = call (world, account, "DescribeJobs",
                                     "{\"filters\": {\"jobIDs\": [\"%s\"]}}", job_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoDrsJob) parsed = NULL;

  g_assert_cmpuint (json_array_get_length (items_of (answer)), ==, 1);
  parsed = _drso_drs_parse_job (json_array_get_element (items_of (answer), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->job_id, ==, job_id);
  return json_object_ref (json_array_get_object_element (items_of (answer), 0));
}

static const char *
launch_status (JsonObject *job,
               guint       index)
{
  JsonArray *servers = json_object_get_array_member (job, "participatingServers");

  return json_object_get_string_member (json_array_get_object_element (servers, index),
                                        "launchStatus");
}

static JsonArray *
job_log (DrsoSandboxWorld *world,
         const char       *account,
         const char       *job_id)
{
  g_autoptr(JsonNode) answer = call (world, account, "DescribeJobLogItems",
                                     "{\"jobID\": \"%s\"}", job_id);
  JsonArray *items = items_of (answer);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoDrsJobLogItem) item = _drso_drs_parse_job_log_item (
        json_array_get_element (items, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (item);
    }
  return json_array_ref (items);
}

/* The events of the log, joined by spaces; only those of @server_id (and
 * the job's own) when it is not NULL. */
static char *
log_events (JsonArray  *log,
            const char *server_id)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *item = json_array_get_object_element (log, i);
      const char *source = path_string (item, "eventData", "sourceServerID", NULL);

      if (server_id == NULL || source == NULL || g_str_equal (source, server_id))
        g_string_append_printf (text, "%s%s", text->len ? " " : "",
                                json_object_get_string_member (item, "event"));
    }
  return g_string_free (text, FALSE);
}

static char *
start_recovery (DrsoSandboxWorld *world,
                const char       *account,
                const char       *servers_json,
                gboolean          drill)
{
  g_autoptr(JsonNode) answer = call (world, account, "StartRecovery",
                                     "{\"sourceServers\": %s, \"isDrill\": %s}", servers_json,
                                     drill ? "true" : "false");

  return g_strdup (path_string (object_of (answer), "job", "jobID", NULL));
}

static char *
start_one (DrsoSandboxWorld *world,
           const char       *server_id)
{
  g_autofree char *servers = g_strdup_printf ("[{\"sourceServerID\": \"%s\"}]", server_id);

  return start_recovery (world, DRSO_SANDBOX_ACCOUNT_ID, servers, TRUE);
}

/* Advances the clock by @step seconds until the job completes. */
static JsonObject *
run_job (DrsoSandboxWorld *world,
         const char       *account,
         const char       *job_id,
         double            step)
{
  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(JsonObject) job = get_job (world, account, job_id);

      if (g_str_equal (json_object_get_string_member (job, "status"), "COMPLETED"))
        return g_steal_pointer (&job);
      advance (world, step);
    }
  g_assert_not_reached ();
}

static DrsoSandboxInstance *
get_instance (DrsoSandboxWorld *world,
              const char       *account,
              const char       *instance_id)
{
  const char *ids[] = { instance_id, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = drso_sandbox_world_list_instances (world, account, ids,
                                                                      &error);

  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 1);
  return g_ptr_array_steal_index (instances, 0);
}

/* Estate */

static void
test_demo_estate (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 7, 0);
  g_autoptr(DrsoSandboxWorld) same = open_world (NULL, 7, 0);
  g_autoptr(DrsoSandboxWorld) other = open_world (NULL, 8, 0);
  g_autoptr(GHashTable) applications = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) accounts = drso_sandbox_world_list_accounts (world);
  g_autoptr(JsonArray) servers = NULL, same_servers = NULL, other_servers = NULL;
  g_autoptr(JsonArray) east = NULL, vault = NULL;
  guint n_pages, n_lagging = 0;

  g_assert_cmpuint (accounts->len, ==, 3);
  g_assert_true (((DrsoSandboxAccount *) accounts->pdata[0])->primary);
  g_assert_cmpstr (((DrsoSandboxAccount *) accounts->pdata[0])->account_id, ==,
                   DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_cmpstr (((DrsoSandboxAccount *) accounts->pdata[1])->role_arn, ==,
                   "arn:aws:iam::" EAST ":role/DrsoRecoveryRole");
  g_assert_cmpstr (((DrsoSandboxAccount *) accounts->pdata[1])->external_id, !=,
                   ((DrsoSandboxAccount *) accounts->pdata[2])->external_id);

  servers = all_servers (world, DRSO_SANDBOX_ACCOUNT_ID, 1000, &n_pages);
  east = all_servers (world, EAST, 1000, &n_pages);
  vault = all_servers (world, VAULT, 1000, &n_pages);
  g_assert_cmpuint (json_array_get_length (servers), ==, 40);
  g_assert_cmpuint (json_array_get_length (east), ==, 4);
  g_assert_cmpuint (json_array_get_length (vault), ==, 4);

  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonNode *node = json_array_get_element (servers, i);
      JsonObject *server = json_node_get_object (node);
      const char *state = path_string (server, "dataReplicationInfo", "dataReplicationState",
                                       NULL);
      const char *lag = path_string (server, "dataReplicationInfo", "lagDuration", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoSourceServer) parsed = _drso_drs_parse_source_server (
        node, DRSO_SANDBOX_ACCOUNT_ID, DRSO_SANDBOX_REGION, &error);
      g_autofree char *arn = NULL;

      g_assert_no_error (error);
      g_assert_true (g_regex_match_simple ("^s-[0-9a-f]{17}$",
                                           drso_source_server_get_source_server_id (parsed), 0, 0));
      arn = g_strdup_printf ("arn:aws:drs:us-east-1:111122223333:source-server/%s",
                             drso_source_server_get_source_server_id (parsed));
      g_assert_cmpstr (json_object_get_string_member (server, "arn"), ==, arn);
      g_assert_nonnull (drso_source_server_get_hostname (parsed));
      g_assert_nonnull (drso_source_server_get_os (parsed));
      g_assert_nonnull (drso_source_server_get_private_ip (parsed));
      g_assert_nonnull (drso_source_server_get_instance_type (parsed));
      g_assert_nonnull (path_string (server, "sourceProperties", "identificationHints", "fqdn",
                                     NULL));
      g_assert_cmpstr (json_object_get_string_member (server, "lastLaunchResult"), ==,
                       "NOT_STARTED");
      g_assert_cmpstr (path_string (server, "stagingArea", "status", NULL), ==, "NOT_EXTENDED");
      g_assert_true (g_regex_match_simple ("^(web|app|db)$",
                                           path_string (server, "tags", "Tier", NULL), 0, 0));
      g_assert_nonnull (path_string (server, "tags", "Environment", NULL));
      g_assert_nonnull (path_string (server, "tags", "CostCenter", NULL));
      g_assert_cmpint (_drso_parse_iso8601_duration (lag), >=, 0);
      g_hash_table_add (applications, (gpointer) path_string (server, "tags", "Application",
                                                              NULL));
      g_hash_table_insert (states, (gpointer) state,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (states,
                                                                                    state)) + 1));
      if (g_str_equal (state, "CONTINUOUS") && _drso_parse_iso8601_duration (lag) >= 20 * 60)
        n_lagging++;
    }
  g_assert_cmpuint (g_hash_table_size (applications), ==, 6);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (states, "CONTINUOUS")), ==, 36);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (states, "STALLED")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (states, "DISCONNECTED")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (states, "BACKLOG")), ==, 1);
  g_assert_cmpuint (n_lagging, ==, 2);

  /* The same seed draws the same estate; another, another. */
  same_servers = all_servers (same, DRSO_SANDBOX_ACCOUNT_ID, 1000, &n_pages);
  other_servers = all_servers (other, DRSO_SANDBOX_ACCOUNT_ID, 1000, &n_pages);
  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonObject *a = json_array_get_object_element (servers, i);
      JsonObject *b = json_array_get_object_element (same_servers, i);
      JsonObject *c = json_array_get_object_element (other_servers, i);

      g_assert_cmpstr (json_object_get_string_member (a, "sourceServerID"), ==,
                       json_object_get_string_member (b, "sourceServerID"));
      g_assert_cmpstr (json_object_get_string_member (a, "sourceServerID"), !=,
                       json_object_get_string_member (c, "sourceServerID"));
      drso_test_assert_json_equal (json_object_get_member (a, "tags"),
                                   json_object_get_member (b, "tags"));
      drso_test_assert_json_equal (json_object_get_member (a, "sourceProperties"),
                                   json_object_get_member (b, "sourceProperties"));
      g_assert_cmpstr (path_string (a, "dataReplicationInfo", "dataReplicationState", NULL), ==,
                       path_string (b, "dataReplicationInfo", "dataReplicationState", NULL));
    }
}

/* Pages through the account's servers, checking each ID comes once;
 * returns the number of pages. */
static guint
page_server_ids (DrsoSandboxWorld *world,
                 const char       *account,
                 guint             page_size,
                 guint            *n_servers)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *token = NULL;
  guint n_pages = 0;

  do
    {
      g_autoptr(JsonNode) page = NULL;
      JsonArray *items;

      page = token ?
        call (world, account, "DescribeSourceServers",
              "{\"maxResults\": %u, \"nextToken\": \"%s\"}", page_size, token) :
        call (world, account, "DescribeSourceServers", "{\"maxResults\": %u}", page_size);
      items = items_of (page);
      g_assert_cmpuint (json_array_get_length (items), <=, page_size);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (item_string (items, i,
                                                                          "sourceServerID"))));
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (object_of (page),
                                                                    "nextToken", NULL));
      n_pages++;
    }
  while (token != NULL);
  *n_servers = g_hash_table_size (seen);
  return n_pages;
}

static void
test_generated_estate (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 99, 10000);
  g_autoptr(DrsoSandboxWorld) twin = open_world (NULL, 1, 101);
  g_autoptr(DrsoSandboxWorld) other = open_world (NULL, 2, 101);
  g_autoptr(DrsoSandboxErrorDetails) details = NULL;
  g_autoptr(JsonNode) first = NULL, twin_first = NULL, other_first = NULL;
  guint n_servers;

  g_assert_cmpuint (page_server_ids (world, DRSO_SANDBOX_ACCOUNT_ID, 1000, &n_servers), ==, 10);
  g_assert_cmpuint (n_servers, ==, 10000);
  g_assert_cmpuint (page_server_ids (world, EAST, 1000, &n_servers), ==, 1);
  g_assert_cmpuint (n_servers, ==, 0);
  details = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeSourceServers",
                        DRSO_SANDBOX_ERROR_VALIDATION, "{\"nextToken\": \"bm90IGEgdG9rZW4=\"}");
  g_assert_cmpstr (details->reason, ==, "fieldValidationFailed");
  g_assert_nonnull (details->field_list);

  /* Any size, whatever the seed, in pages of any size. */
  for (guint64 seed = 1; seed <= 3; seed++)
    {
      const guint sizes[] = { 1, 2, 7, 13, 101 };

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autoptr(DrsoSandboxWorld) small = open_world (NULL, seed, sizes[i]);

          g_assert_cmpuint (page_server_ids (small, DRSO_SANDBOX_ACCOUNT_ID, 10, &n_servers), ==,
                            (sizes[i] + 9) / 10);
          g_assert_cmpuint (n_servers, ==, sizes[i]);
        }
    }

  /* The same seed generates the same servers, another seed others. */
  g_clear_pointer (&world, drso_sandbox_world_free);
  world = open_world (NULL, 1, 101);
  first = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeSourceServers", "{}");
  twin_first = call (twin, DRSO_SANDBOX_ACCOUNT_ID, "DescribeSourceServers", "{}");
  other_first = call (other, DRSO_SANDBOX_ACCOUNT_ID, "DescribeSourceServers", "{}");
  for (guint i = 0; i < 101; i++)
    {
      JsonObject *a = json_array_get_object_element (items_of (first), i);
      JsonObject *b = json_array_get_object_element (items_of (twin_first), i);

      g_assert_cmpstr (json_object_get_string_member (a, "sourceServerID"), ==,
                       json_object_get_string_member (b, "sourceServerID"));
      g_assert_cmpstr (json_object_get_string_member (a, "sourceServerID"), !=,
                       item_string (items_of (other_first), i, "sourceServerID"));
      drso_test_assert_json_equal (json_object_get_member (a, "tags"),
                                   json_object_get_member (b, "tags"));
      drso_test_assert_json_equal (json_object_get_member (a, "sourceProperties"),
                                   json_object_get_member (b, "sourceProperties"));
      g_assert_cmpstr (path_string (a, "dataReplicationInfo", "dataReplicationState", NULL), ==,
                       path_string (b, "dataReplicationInfo", "dataReplicationState", NULL));
    }
}

/* A drill, step by step */

static void
test_drill_timeline (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 11, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *servers = g_strdup_printf ("[{\"sourceServerID\": \"%s\"}]", server_id);
  g_autoptr(JsonNode) started = call (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                                      "{\"sourceServers\": %s, \"isDrill\": true, "
                                      "\"tags\": {\"Purpose\": \"quarterly drill\"}}", servers);
  JsonObject *job = json_object_get_object_member (object_of (started), "job");
  g_autofree char *job_id = g_strdup (json_object_get_string_member (job, "jobID"));
  g_autoptr(JsonObject) server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, server_id);
  g_autoptr(JsonArray) log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  g_autoptr(GString) ec2_states = g_string_new (NULL);
  g_autoptr(GString) statuses = g_string_new (NULL);
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonNode) recoveries = NULL;
  g_autoptr(DrsoSandboxInstance) instance = NULL;
  g_autofree char *events = NULL;
  const char *instance_id = NULL;
  JsonObject *recovery;
  gboolean in_progress = FALSE;

  g_assert_true (g_regex_match_simple ("^drsjob-[0-9a-f]{17}$", job_id, 0, 0));
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "PENDING");
  g_assert_cmpstr (json_object_get_string_member (job, "type"), ==, "LAUNCH");
  g_assert_cmpstr (json_object_get_string_member (job, "initiatedBy"), ==, "START_DRILL");
  g_assert_cmpstr (path_string (job, "tags", "Purpose", NULL), ==, "quarterly drill");
  g_assert_cmpstr (launch_status (job, 0), ==, "PENDING");
  g_assert_cmpuint (json_array_get_length (log), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (server, "lastLaunchResult"), ==, "PENDING");
  g_assert_cmpstr (path_string (server, "lifeCycle", "lastLaunch", "initiated", "jobID", NULL),
                   ==, job_id);
  g_assert_cmpstr (path_string (server, "lifeCycle", "lastLaunch", "initiated", "type", NULL),
                   ==, "DRILL");

  /* Every 5 simulated seconds, until the instance's checks pass. */
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(JsonObject) now = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
      const char *status = json_object_get_string_member (now, "status");
      JsonObject *participant = json_array_get_object_element (
        json_object_get_array_member (now, "participatingServers"), 0);

      if (!g_str_has_suffix (statuses->str, status))
        g_string_append_printf (statuses, "%s%s", statuses->len ? " " : "", status);
      in_progress |= g_str_equal (launch_status (now, 0), "IN_PROGRESS");
      if (instance_id == NULL && json_object_has_member (participant, "recoveryInstanceID"))
        instance_id = g_intern_string (json_object_get_string_member (participant,
                                                                      "recoveryInstanceID"));
      if (instance_id != NULL)
        {
          g_autoptr(DrsoSandboxInstance) current = get_instance (world, DRSO_SANDBOX_ACCOUNT_ID,
                                                                 instance_id);
          g_autofree char *state = g_strdup_printf ("%s/%s", current->state, current->status);

          if (!g_str_has_suffix (ec2_states->str, state))
            g_string_append_printf (ec2_states, "%s%s", ec2_states->len ? " " : "", state);
          if (g_str_equal (state, "running/ok") && g_str_equal (status, "COMPLETED"))
            break;
        }
      advance (world, 5);
    }
  g_assert_cmpstr (statuses->str, ==, "PENDING STARTED COMPLETED");
  g_assert_true (in_progress);
  g_assert_cmpstr (ec2_states->str, ==, "pending/not-applicable running/initializing running/ok");
  g_assert_true (g_regex_match_simple ("^i-[0-9a-f]{17}$", instance_id, 0, 0));

  done = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  g_assert_cmpstr (launch_status (done, 0), ==, "LAUNCHED");
  g_assert_true (json_object_has_member (done, "endDateTime"));
  g_assert_cmpstr (json_object_get_string_member (done, "endDateTime"), >,
                   json_object_get_string_member (done, "creationDateTime"));

  g_clear_pointer (&log, json_array_unref);
  log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  events = log_events (log, NULL);
  g_assert_cmpstr (events, ==, "JOB_START SNAPSHOT_START SNAPSHOT_END CONVERSION_START "
                               "CONVERSION_END LAUNCH_START JOB_END");
  for (guint i = 1; i < json_array_get_length (log); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (log, i - 1),
                                                    "logDateTime"), <=,
                     json_object_get_string_member (json_array_get_object_element (log, i),
                                                    "logDateTime"));
  g_assert_true (g_regex_match_simple (
    "^i-[0-9a-f]{17}$",
    path_string (json_array_get_object_element (log, 3), "eventData", "conversionServerID", NULL),
    0, 0));
  g_assert_cmpstr (path_string (json_array_get_object_element (log, 5), "eventData",
                                "targetInstanceID", NULL), ==, instance_id);
  g_assert_cmpstr (path_string (json_array_get_object_element (log, 5), "eventData",
                                "sourceServerID", NULL), ==, server_id);

  recoveries = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoveryInstances", "{}");
  g_assert_cmpuint (json_array_get_length (items_of (recoveries)), ==, 1);
  recovery = json_array_get_object_element (items_of (recoveries), 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DrsoRecoveryInstance) parsed = _drso_drs_parse_recovery_instance (
      json_array_get_element (items_of (recoveries), 0), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (parsed->recovery_instance_id, ==, instance_id);
    g_assert_cmpstr (parsed->ec2_instance_id, ==, instance_id);
    g_assert_cmpstr (parsed->ec2_instance_state, ==, "RUNNING");
    g_assert_cmpstr (parsed->job_id, ==, job_id);
    g_assert_true (parsed->is_drill);
    g_assert_cmpint (parsed->point_in_time_snapshot_date, >, 0);
  }
  g_assert_cmpstr (json_object_get_string_member (recovery, "originEnvironment"), ==,
                   "ON_PREMISES");

  instance = get_instance (world, DRSO_SANDBOX_ACCOUNT_ID, instance_id);
  g_clear_pointer (&server, json_object_unref);
  server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, server_id);
  g_assert_cmpstr (instance->source_server_id, ==, server_id);
  g_assert_cmpstr (instance->job_id, ==, job_id);
  g_assert_cmpstr (instance->instance_type, ==,
                   path_string (server, "sourceProperties", "recommendedInstanceType", NULL));
  g_assert_true (instance->is_drill);
  g_assert_cmpstr (json_object_get_string_member (instance->tags, "Name"), ==,
                   path_string (server, "sourceProperties", "identificationHints", "hostname",
                                NULL));
  g_assert_cmpstr (json_object_get_string_member (instance->tags,
                                                  "AWSElasticDisasterRecoveryManaged"), ==,
                   "drs.amazonaws.com");
  g_assert_cmpstr (json_object_get_string_member (instance->tags, "AWSDRS-Drill"), ==, "true");
  g_assert_cmpstr (json_object_get_string_member (instance->tags, "Application"), ==,
                   path_string (server, "tags", "Application", NULL));
  g_assert_cmpstr (json_object_get_string_member (server, "lastLaunchResult"), ==, "SUCCEEDED");
  g_assert_cmpstr (json_object_get_string_member (server, "recoveryInstanceId"), ==, instance_id);
}

static void
test_faults (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 12, 0);
  g_autofree char *failing = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *stalling = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 1);
  g_autofree char *healthy = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 2);
  g_autofree char *earlier = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 3);
  g_autoptr(JsonObject) failing_server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, failing);
  const char *failing_names[] = {
    path_string (failing_server, "sourceProperties", "identificationHints", "hostname", NULL),
    earlier, NULL,
  };
  const char *stalling_names[] = { stalling, NULL };
  DrsoSandboxServerFaults faults = { failing_names, stalling_names };
  g_autofree char *earlier_job = start_one (world, earlier);
  g_autofree char *servers = NULL, *job_id = NULL, *events = NULL;
  g_autoptr(JsonObject) job = NULL, earlier_done = NULL, server = NULL;
  g_autoptr(JsonArray) log = NULL;
  JsonObject *failed_item = NULL;

  drso_sandbox_world_set_server_faults (world, &faults);
  servers = g_strdup_printf ("[{\"sourceServerID\": \"%s\"}, {\"sourceServerID\": \"%s\"}, "
                             "{\"sourceServerID\": \"%s\"}]", failing, stalling, healthy);
  job_id = start_recovery (world, DRSO_SANDBOX_ACCOUNT_ID, servers, FALSE);
  advance (world, 3 * 3600);

  /* Faults set after a job was created leave it alone. */
  earlier_done = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, earlier_job);
  g_assert_cmpstr (json_object_get_string_member (earlier_done, "status"), ==, "COMPLETED");
  g_assert_cmpstr (launch_status (earlier_done, 0), ==, "LAUNCHED");

  job = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  g_assert_cmpstr (json_object_get_string_member (job, "initiatedBy"), ==, "START_RECOVERY");
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "STARTED");
  g_assert_cmpstr (launch_status (job, 0), ==, "FAILED");
  g_assert_cmpstr (launch_status (job, 1), ==, "IN_PROGRESS");
  g_assert_cmpstr (launch_status (job, 2), ==, "LAUNCHED");

  log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  events = log_events (log, failing);
  g_assert_cmpstr (events, ==, "JOB_START SNAPSHOT_START SNAPSHOT_END CONVERSION_START "
                               "CONVERSION_END LAUNCH_START LAUNCH_FAILED");
  g_clear_pointer (&events, g_free);
  events = log_events (log, stalling);
  g_assert_cmpstr (events, ==, "JOB_START SNAPSHOT_START SNAPSHOT_END CONVERSION_START");
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *item = json_array_get_object_element (log, i);

      if (g_str_equal (json_object_get_string_member (item, "event"), "LAUNCH_FAILED"))
        failed_item = item;
    }
  g_assert_nonnull (failed_item);
  g_assert_nonnull (path_string (failed_item, "eventData", "rawError", NULL));

  server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, failing);
  g_assert_cmpstr (json_object_get_string_member (server, "lastLaunchResult"), ==, "FAILED");
  g_assert_false (json_object_has_member (server, "recoveryInstanceId"));
  g_clear_pointer (&server, json_object_unref);
  server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, stalling);
  g_assert_cmpstr (json_object_get_string_member (server, "lastLaunchResult"), ==, "PENDING");
}

/* Snapshots */

static JsonArray *
snapshots (DrsoSandboxWorld *world,
           const char       *server_id,
           const char       *extra)
{
  g_autoptr(JsonNode) answer = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoverySnapshots",
                                     "{\"sourceServerID\": \"%s\"%s}", server_id, extra);
  JsonArray *items = items_of (answer);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoRecoverySnapshot) snapshot = _drso_drs_parse_recovery_snapshot (
        json_array_get_element (items, i), &error);

      g_assert_no_error (error);
      g_assert_true (g_regex_match_simple ("^pit-[0-9a-f]{17}$", snapshot->snapshot_id, 0, 0));
      g_assert_cmpstr (snapshot->source_server_id, ==, server_id);
      g_assert_cmpint (snapshot->timestamp, >=, snapshot->expected_timestamp);
      g_assert_cmpuint (g_strv_length (snapshot->ebs_snapshot_ids), >=, 1);
    }
  return json_array_ref (items);
}

static void
test_snapshots (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 13, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *stalled_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "STALLED", 0);
  g_autofree char *east_id = pick_server (world, EAST, "CONTINUOUS", 0);
  g_autoptr(JsonArray) ascending = snapshots (world, server_id, "");
  g_autoptr(JsonArray) descending = snapshots (world, server_id, ", \"order\": \"DESC\"");
  g_autoptr(JsonArray) stalled = snapshots (world, stalled_id, "");
  g_autoptr(JsonObject) stalled_server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, stalled_id);
  g_autoptr(JsonArray) window = NULL, page = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(DrsoSandboxErrorDetails) details = NULL, other = NULL;
  guint n = json_array_get_length (ascending);

  /* 10-minute snapshots for an hour, hourly for a day, daily for a week. */
  g_assert_cmpuint (n, >=, 34);
  g_assert_cmpuint (n, <=, 37);
  g_assert_cmpuint (json_array_get_length (descending), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (item_string (ascending, i, "snapshotID"), ==,
                       item_string (descending, n - 1 - i, "snapshotID"));
      if (i > 0)
        g_assert_cmpstr (item_string (ascending, i - 1, "timestamp"), <,
                         item_string (ascending, i, "timestamp"));
    }

  extra = g_strdup_printf (", \"filters\": {\"fromDateTime\": \"%s\", \"toDateTime\": \"%s\"}",
                           item_string (ascending, 2, "timestamp"),
                           item_string (ascending, 5, "timestamp"));
  window = snapshots (world, server_id, extra);
  g_assert_cmpuint (json_array_get_length (window), ==, 4);
  g_assert_cmpstr (item_string (window, 0, "snapshotID"), ==,
                   item_string (ascending, 2, "snapshotID"));

  /* Pages of five, newest first, give the same list. */
  g_clear_pointer (&extra, g_free);
  extra = g_strdup (", \"order\": \"DESC\", \"maxResults\": 5");
  for (guint i = 0; i < n; i += 5)
    {
      g_autoptr(JsonNode) answer = call (world, DRSO_SANDBOX_ACCOUNT_ID,
                                         "DescribeRecoverySnapshots",
                                         "{\"sourceServerID\": \"%s\"%s}", server_id, extra);
      JsonArray *items = items_of (answer);
      const char *token = json_object_get_string_member_with_default (object_of (answer),
                                                                      "nextToken", NULL);

      for (guint j = 0; j < json_array_get_length (items); j++)
        g_assert_cmpstr (item_string (items, j, "snapshotID"), ==,
                         item_string (descending, i + j, "snapshotID"));
      g_assert_true ((token == NULL) == (i + 5 >= n));
      g_free (extra);
      extra = g_strdup_printf (", \"order\": \"DESC\", \"maxResults\": 5, \"nextToken\": \"%s\"",
                               token ? token : "");
    }

  /* A stalled server's snapshots stop when it stopped. */
  g_assert_cmpuint (json_array_get_length (stalled), >, 20);
  g_assert_cmpstr (item_string (stalled, json_array_get_length (stalled) - 1, "timestamp"),
                   <=, path_string (stalled_server, "lifeCycle", "lastSeenByServiceDateTime",
                                    NULL));

  details = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoverySnapshots",
                        DRSO_SANDBOX_ERROR_NOT_FOUND,
                        "{\"sourceServerID\": \"s-0123456789abcdef0\"}");
  g_assert_cmpstr (details->resource_type, ==, "SOURCE_SERVER");
  other = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoverySnapshots",
                      DRSO_SANDBOX_ERROR_NOT_FOUND, "{\"sourceServerID\": \"%s\"}", east_id);
  g_assert_cmpstr (other->resource_id, ==, east_id);
}

static void
test_pinned_snapshot (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 14, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *disconnected = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "DISCONNECTED",
                                               0);
  g_autoptr(JsonArray) list = snapshots (world, server_id, "");
  g_autoptr(JsonArray) disconnected_list = snapshots (world, disconnected, "");
  g_autofree char *servers = g_strdup_printf (
    "[{\"sourceServerID\": \"%s\", \"recoverySnapshotID\": \"%s\"}, "
    "{\"sourceServerID\": \"%s\"}]",
    server_id, item_string (list, 1, "snapshotID"), disconnected);
  g_autofree char *wrong = g_strdup_printf (
    "[{\"sourceServerID\": \"%s\", \"recoverySnapshotID\": \"pit-0123456789abcdef0\"}]",
    server_id);
  g_autoptr(DrsoSandboxErrorDetails) details = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(JsonNode) recoveries = NULL;
  g_autofree char *job_id = NULL, *events = NULL;
  JsonArray *items;

  details = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                        DRSO_SANDBOX_ERROR_NOT_FOUND, "{\"sourceServers\": %s}", wrong);
  g_assert_cmpstr (details->resource_type, ==, "RECOVERY_SNAPSHOT");
  g_assert_cmpstr (details->resource_id, ==, "pit-0123456789abcdef0");

  job_id = start_recovery (world, DRSO_SANDBOX_ACCOUNT_ID, servers, TRUE);
  json_object_unref (run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 60));
  log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  events = log_events (log, server_id);
  g_assert_cmpstr (events, ==, "JOB_START USING_PREVIOUS_SNAPSHOT CONVERSION_START "
                               "CONVERSION_END LAUNCH_START JOB_END");
  g_clear_pointer (&events, g_free);

  /* A server that no longer replicates starts from its last snapshot. */
  events = log_events (log, disconnected);
  g_assert_cmpstr (events, ==, "JOB_START USING_PREVIOUS_SNAPSHOT CONVERSION_START "
                               "CONVERSION_END LAUNCH_START JOB_END");

  recoveries = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoveryInstances",
                     "{\"filters\": {\"sourceServerIDs\": [\"%s\"]}}", server_id);
  items = items_of (recoveries);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (item_string (items, 0, "pointInTimeSnapshotDateTime"), ==,
                   item_string (list, 1, "timestamp"));
  g_clear_pointer (&recoveries, json_node_unref);
  recoveries = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoveryInstances",
                     "{\"filters\": {\"sourceServerIDs\": [\"%s\"]}}", disconnected);
  g_assert_cmpstr (item_string (items_of (recoveries), 0, "pointInTimeSnapshotDateTime"), ==,
                   item_string (disconnected_list, json_array_get_length (disconnected_list) - 1,
                                    "timestamp"));
}


/* Limits */

static char *
servers_json (JsonArray *servers,
              guint      from,
              guint      n)
{
  GString *text = g_string_new ("[");

  for (guint i = from; i < from + n; i++)
    g_string_append_printf (text, "%s{\"sourceServerID\": \"%s\"}", i > from ? ", " : "",
                            json_object_get_string_member (
                              json_array_get_object_element (servers, i), "sourceServerID"));
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static void
test_limits (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 15, 600);
  g_autoptr(DrsoSandboxWorld) demo = open_world (NULL, 15, 0);
  g_autoptr(JsonArray) servers = NULL, demo_servers = NULL;
  g_autoptr(DrsoSandboxErrorDetails) too_many = NULL, unknown = NULL, twice = NULL;
  g_autoptr(DrsoSandboxErrorDetails) conflict = NULL, busy = NULL, concurrent = NULL;
  g_autofree char *list = NULL, *first_job = NULL, *after = NULL;
  guint n_pages;

  servers = all_servers (world, DRSO_SANDBOX_ACCOUNT_ID, 1000, &n_pages);
  list = servers_json (servers, 0, 101);
  too_many = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                         DRSO_SANDBOX_ERROR_QUOTA, "{\"sourceServers\": %s}", list);
  g_assert_cmpstr (too_many->quota_code, ==, "servers-per-job");
  g_assert_cmpstr (too_many->service_code, ==, "drs");

  unknown = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                        DRSO_SANDBOX_ERROR_NOT_FOUND,
                        "{\"sourceServers\": [{\"sourceServerID\": \"s-0123456789abcdef0\"}]}");
  g_assert_cmpstr (unknown->resource_id, ==, "s-0123456789abcdef0");
  g_assert_cmpstr (unknown->resource_type, ==, "SOURCE_SERVER");

  g_clear_pointer (&list, g_free);
  list = servers_json (servers, 0, 1);
  twice = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                      DRSO_SANDBOX_ERROR_VALIDATION,
                      "{\"sourceServers\": [%.*s, %.*s]}", (int) strlen (list) - 2, list + 1,
                      (int) strlen (list) - 2, list + 1);
  g_assert_cmpstr (twice->reason, ==, "fieldValidationFailed");

  /* Five jobs of 100 servers hold 500. */
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *job_id = NULL;

      g_clear_pointer (&list, g_free);
      list = servers_json (servers, 100 * i, 100);
      job_id = start_recovery (world, DRSO_SANDBOX_ACCOUNT_ID, list, TRUE);
      if (i == 0)
        first_job = g_steal_pointer (&job_id);
    }
  g_clear_pointer (&list, g_free);
  list = servers_json (servers, 500, 1);
  busy = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery", DRSO_SANDBOX_ERROR_QUOTA,
                     "{\"sourceServers\": %s}", list);
  g_assert_cmpstr (busy->quota_code, ==, "servers-in-jobs");

  g_clear_pointer (&list, g_free);
  list = servers_json (servers, 0, 1);
  conflict = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                         DRSO_SANDBOX_ERROR_CONFLICT, "{\"sourceServers\": %s}", list);
  g_assert_cmpstr (conflict->resource_type, ==, "SOURCE_SERVER");
  g_assert_cmpstr (conflict->resource_id, ==,
                   json_object_get_string_member (json_array_get_object_element (servers, 0),
                                                  "sourceServerID"));

  /* Once the jobs complete, the servers are free again. */
  json_object_unref (run_job (world, DRSO_SANDBOX_ACCOUNT_ID, first_job, 600));
  advance (world, 3600);
  after = start_recovery (world, DRSO_SANDBOX_ACCOUNT_ID, list, FALSE);
  g_assert_nonnull (after);

  /* Twenty jobs run at once, no more. */
  demo_servers = all_servers (demo, DRSO_SANDBOX_ACCOUNT_ID, 1000, &n_pages);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *one = servers_json (demo_servers, i, 1);
      g_autofree char *job_id = start_recovery (demo, DRSO_SANDBOX_ACCOUNT_ID, one, TRUE);

      g_assert_nonnull (job_id);
    }
  g_clear_pointer (&list, g_free);
  list = servers_json (demo_servers, 20, 1);
  concurrent = call_fails (demo, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                           DRSO_SANDBOX_ERROR_QUOTA, "{\"sourceServers\": %s}", list);
  g_assert_cmpstr (concurrent->quota_code, ==, "concurrent-jobs");
  g_assert_cmpstr (concurrent->resource_type, ==, "JOB");
}

/* Terminations */

static char *
recovery_instance_of (JsonObject *job)
{
  JsonArray *servers = json_object_get_array_member (job, "participatingServers");

  return g_strdup (json_object_get_string_member (json_array_get_object_element (servers, 0),
                                                  "recoveryInstanceID"));
}

static const char *
drs_instance_state (DrsoSandboxWorld *world,
                    const char       *instance_id)
{
  g_autoptr(JsonNode) answer = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoveryInstances",
                                     "{\"filters\": {\"recoveryInstanceIDs\": [\"%s\"]}}",
                                     instance_id);

  if (json_array_get_length (items_of (answer)) == 0)
    return NULL;
  return g_intern_string (item_string (items_of (answer), 0, "ec2InstanceState"));
}

static void
test_terminate_job (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 16, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *launch_id = start_one (world, server_id);
  g_autoptr(JsonObject) launched = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, launch_id, 30);
  g_autofree char *instance_id = recovery_instance_of (launched);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) done = NULL, launch_after = NULL, server = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autoptr(DrsoSandboxErrorDetails) conflict = NULL, unknown = NULL, gone = NULL;
  g_autoptr(DrsoSandboxInstance) instance = NULL;
  g_autofree char *events = NULL;
  JsonObject *job, *participant;
  const char *job_id;

  answer = call (world, DRSO_SANDBOX_ACCOUNT_ID, "TerminateRecoveryInstances",
                 "{\"recoveryInstanceIDs\": [\"%s\"]}", instance_id);
  job = json_object_get_object_member (object_of (answer), "job");
  job_id = json_object_get_string_member (job, "jobID");
  participant = json_array_get_object_element (json_object_get_array_member (
                                                 job, "participatingServers"), 0);
  g_assert_cmpstr (json_object_get_string_member (job, "type"), ==, "TERMINATE");
  g_assert_cmpstr (json_object_get_string_member (job, "initiatedBy"), ==,
                   "TERMINATE_RECOVERY_INSTANCES");
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "PENDING");
  g_assert_cmpstr (json_object_get_string_member (participant, "recoveryInstanceID"), ==,
                   instance_id);
  g_assert_cmpstr (json_object_get_string_member (participant, "sourceServerID"), ==, server_id);
  g_assert_cmpstr (json_object_get_string_member (participant, "launchStatus"), ==, "PENDING");

  conflict = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "TerminateRecoveryInstances",
                         DRSO_SANDBOX_ERROR_CONFLICT, "{\"recoveryInstanceIDs\": [\"%s\"]}",
                         instance_id);
  g_assert_cmpstr (conflict->resource_type, ==, "RECOVERY_INSTANCE");
  g_assert_cmpstr (conflict->resource_id, ==, instance_id);
  unknown = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "TerminateRecoveryInstances",
                        DRSO_SANDBOX_ERROR_NOT_FOUND,
                        "{\"recoveryInstanceIDs\": [\"i-0123456789abcdef0\"]}");
  g_assert_cmpstr (unknown->resource_type, ==, "RECOVERY_INSTANCE");

  /* It starts within 20 s, and its cleanup within 5 s more. */
  advance (world, 26);
  g_assert_cmpstr (drs_instance_state (world, instance_id), ==, "SHUTTING-DOWN");
  instance = get_instance (world, DRSO_SANDBOX_ACCOUNT_ID, instance_id);
  g_assert_cmpstr (instance->state, ==, "shutting-down");
  g_assert_cmpuint (instance->state_code, ==, 32);

  done = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 5);
  g_assert_cmpstr (launch_status (done, 0), ==, "TERMINATED");
  log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  events = log_events (log, NULL);
  g_assert_cmpstr (events, ==, "JOB_START CLEANUP_START CLEANUP_END JOB_END");
  g_assert_cmpstr (path_string (json_array_get_object_element (log, 1), "eventData",
                                "targetInstanceID", NULL), ==, instance_id);

  g_assert_null (drs_instance_state (world, instance_id));
  g_clear_pointer (&instance, drso_sandbox_instance_free);
  instance = get_instance (world, DRSO_SANDBOX_ACCOUNT_ID, instance_id);
  g_assert_cmpstr (instance->state, ==, "terminated");
  launch_after = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, launch_id);
  g_assert_cmpstr (launch_status (launch_after, 0), ==, "TERMINATED");
  server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, server_id);
  g_assert_false (json_object_has_member (server, "recoveryInstanceId"));
  g_assert_cmpstr (json_object_get_string_member (server, "lastLaunchResult"), ==, "SUCCEEDED");
  gone = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "TerminateRecoveryInstances",
                     DRSO_SANDBOX_ERROR_NOT_FOUND, "{\"recoveryInstanceIDs\": [\"%s\"]}",
                     instance_id);
}

static void
test_ec2 (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 17, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *job_id = start_one (world, server_id);
  g_autoptr(JsonObject) job = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 30);
  g_autofree char *instance_id = recovery_instance_of (job);
  const char *ids[] = { instance_id, NULL };
  const char *unknown_ids[] = { "i-0123456789abcdef0", NULL };
  g_autoptr(GPtrArray) previous = NULL, instances = NULL, again = NULL, all = NULL;
  g_autoptr(GPtrArray) subnets = NULL, groups = NULL, east = NULL;
  g_autoptr(GError) error = NULL;
  DrsoSandboxInstance *instance;
  gboolean in_subnet = FALSE;

  advance (world, 120);
  instances = drso_sandbox_world_terminate_instances (world, DRSO_SANDBOX_ACCOUNT_ID, ids,
                                                      &previous, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (previous, 0), ==, "running");
  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (instance->state, ==, "shutting-down");
  g_assert_cmpstr (drs_instance_state (world, instance_id), ==, "SHUTTING-DOWN");

  advance (world, 91);
  g_clear_pointer (&previous, g_ptr_array_unref);
  again = drso_sandbox_world_terminate_instances (world, DRSO_SANDBOX_ACCOUNT_ID, ids, &previous,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (previous, 0), ==, "terminated");
  g_assert_cmpuint (((DrsoSandboxInstance *) g_ptr_array_index (again, 0))->state_code, ==, 48);
  g_assert_cmpstr (drs_instance_state (world, instance_id), ==, "TERMINATED");

  g_assert_null (drso_sandbox_world_terminate_instances (world, DRSO_SANDBOX_ACCOUNT_ID,
                                                         unknown_ids, NULL, &error));
  g_assert_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (drso_sandbox_world_list_instances (world, EAST, ids, &error));
  g_assert_error (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  east = drso_sandbox_world_list_instances (world, EAST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (east->len, ==, 0);
  all = drso_sandbox_world_list_instances (world, DRSO_SANDBOX_ACCOUNT_ID, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);

  /* The instance sits in a recovery subnet of the account's VPC. */
  subnets = drso_sandbox_world_list_subnets (world, DRSO_SANDBOX_ACCOUNT_ID);
  groups = drso_sandbox_world_list_security_groups (world, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_cmpuint (subnets->len, ==, 4);
  g_assert_cmpuint (groups->len, ==, 4);
  instance = g_ptr_array_index (all, 0);
  for (guint i = 0; i < subnets->len; i++)
    {
      DrsoSandboxSubnet *subnet = g_ptr_array_index (subnets, i);

      g_assert_true (g_regex_match_simple ("^subnet-[0-9a-f]{17}$", subnet->subnet_id, 0, 0));
      g_assert_cmpstr (subnet->vpc_id, ==, instance->vpc_id);
      if (g_str_equal (subnet->subnet_id, instance->subnet_id))
        {
          g_assert_cmpuint (i, >, 0);
          g_assert_cmpstr (subnet->availability_zone, ==, instance->availability_zone);
          in_subnet = TRUE;
        }
    }
  g_assert_true (in_subnet);
  g_assert_cmpstr (((DrsoSandboxSecurityGroup *) g_ptr_array_index (groups, 0))->group_name, ==,
                   "default");
  g_assert_true (g_regex_match_simple (
    "^sg-[0-9a-f]{17}$", ((DrsoSandboxSecurityGroup *) g_ptr_array_index (groups, 1))->group_id,
    0, 0));
}

static void
test_replacement (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 18, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *first_id = start_one (world, server_id);
  g_autoptr(JsonObject) first = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, first_id, 30);
  g_autofree char *old_instance = recovery_instance_of (first);
  g_autofree char *second_id = start_one (world, server_id);
  g_autoptr(JsonObject) second = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, second_id, 5);
  g_autofree char *new_instance = recovery_instance_of (second);
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(JsonNode) listed = NULL;

  g_assert_cmpstr (old_instance, !=, new_instance);
  g_assert_cmpstr (drs_instance_state (world, old_instance), ==, "SHUTTING-DOWN");
  advance (world, 100);
  g_assert_null (drs_instance_state (world, old_instance));
  listed = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeRecoveryInstances", "{}");
  g_assert_cmpuint (json_array_get_length (items_of (listed)), ==, 1);
  g_assert_cmpstr (item_string (items_of (listed), 0, "recoveryInstanceID"), ==,
                   new_instance);
  server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, server_id);
  g_assert_cmpstr (json_object_get_string_member (server, "recoveryInstanceId"), ==,
                   new_instance);
}

/* Keys and sessions */

static char *
world_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "sandbox", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
assume_fails (DrsoSandboxWorld          *world,
              const DrsoSandboxIdentity *caller,
              const char                *role_arn,
              const char                *external_id,
              guint                      duration,
              DrsoSandboxError           code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxIdentity) session = drso_sandbox_world_assume_role (world, caller,
                                                                           role_arn, external_id,
                                                                           "drill", duration,
                                                                           &error);

  g_assert_null (session);
  g_assert_error (error, DRSO_SANDBOX_ERROR, (int) code);
}

static void
test_assume_role (void)
{
  g_autofree char *path = world_path ("sessions.db");
  g_autoptr(DrsoSandboxWorld) world = open_world (path, 19, 0);
  g_autoptr(GPtrArray) accounts = drso_sandbox_world_list_accounts (world);
  DrsoSandboxAccount *east = g_ptr_array_index (accounts, 1);
  DrsoSandboxAccount *vault = g_ptr_array_index (accounts, 2);
  g_autoptr(DrsoSandboxIdentity) operator = drso_sandbox_world_lookup_key (
    world, DRSO_SANDBOX_ACCESS_KEY_ID);
  g_autoptr(DrsoSandboxIdentity) session = NULL, found = NULL, reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_id = NULL, *secret = NULL;
  gint64 now = drso_sandbox_world_now (world);

  g_assert_nonnull (operator);
  g_assert_cmpstr (operator->secret_access_key, ==, DRSO_SANDBOX_SECRET_ACCESS_KEY);
  g_assert_cmpstr (operator->account_id, ==, DRSO_SANDBOX_ACCOUNT_ID);
  g_assert_cmpstr (operator->arn, ==, "arn:aws:iam::111122223333:user/sandbox-operator");
  g_assert_null (operator->session_token);
  g_assert_null (drso_sandbox_world_lookup_key (world, "AKIAUNKNOWNKEY000000"));

  session = drso_sandbox_world_assume_role (world, operator, east->role_arn, east->external_id,
                                            "drill-session", 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match_simple ("^ASIA[A-Z0-9]{16}$", session->access_key_id, 0, 0));
  g_assert_cmpuint (strlen (session->secret_access_key), ==, 40);
  g_assert_cmpuint (strlen (session->session_token), >, 100);
  g_assert_cmpstr (session->account_id, ==, EAST);
  g_assert_cmpstr (session->arn, ==,
                   "arn:aws:sts::" EAST ":assumed-role/DrsoRecoveryRole/drill-session");
  g_assert_true (g_regex_match_simple ("^AROA[A-Z0-9]{17}:drill-session$", session->user_id, 0,
                                       0));
  g_assert_cmpint (session->expiration - now, >=, G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);
  g_assert_cmpint (session->expiration - now, <, G_GINT64_CONSTANT (3601) * G_USEC_PER_SEC);

  assume_fails (world, operator, east->role_arn, vault->external_id, 0,
                DRSO_SANDBOX_ERROR_ACCESS_DENIED);
  assume_fails (world, operator, east->role_arn, NULL, 0, DRSO_SANDBOX_ERROR_ACCESS_DENIED);
  assume_fails (world, operator, "arn:aws:iam::" EAST ":role/SomeOtherRole", east->external_id,
                0, DRSO_SANDBOX_ERROR_ACCESS_DENIED);
  assume_fails (world, operator, "arn:aws:iam::111122223333:role/DrsoRecoveryRole", NULL, 0,
                DRSO_SANDBOX_ERROR_ACCESS_DENIED);
  assume_fails (world, session, vault->role_arn, vault->external_id, 0,
                DRSO_SANDBOX_ERROR_ACCESS_DENIED);
  assume_fails (world, operator, east->role_arn, east->external_id, 899,
                DRSO_SANDBOX_ERROR_VALIDATION);
  assume_fails (world, operator, east->role_arn, east->external_id, 43201,
                DRSO_SANDBOX_ERROR_VALIDATION);

  /* The world keeps its own copy of the session. */
  key_id = g_strdup (session->access_key_id);
  secret = g_strdup (session->secret_access_key);
  g_clear_pointer (&session, drso_sandbox_identity_free);
  found = drso_sandbox_world_lookup_key (world, key_id);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->secret_access_key, ==, secret);
  g_assert_cmpstr (found->account_id, ==, EAST);

  /* A restarted Sandbox still accepts it, until it expires. */
  g_clear_pointer (&world, drso_sandbox_world_free);
  world = open_world (path, 0, 0);
  reopened = drso_sandbox_world_lookup_key (world, key_id);
  g_assert_nonnull (reopened);
  g_assert_cmpstr (reopened->arn, ==, found->arn);
  g_assert_cmpstr (reopened->session_token, ==, found->session_token);
  advance (world, 3601);
  g_assert_null (drso_sandbox_world_lookup_key (world, key_id));
}

/* Configurations */

static JsonObject *
launch_configuration (DrsoSandboxWorld *world,
                      const char       *server_id)
{
  g_autoptr(JsonNode) answer = call (world, DRSO_SANDBOX_ACCOUNT_ID, "GetLaunchConfiguration",
                                     "{\"sourceServerID\": \"%s\"}", server_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoLaunchConfiguration) parsed = _drso_drs_parse_launch_configuration (answer,
                                                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parsed->source_server_id, ==, server_id);
  return json_object_ref (object_of (answer));
}

static void
test_launch_configuration (void)
{
  g_autofree char *path = world_path ("launch.db");
  g_autoptr(DrsoSandboxWorld) world = open_world (path, 20, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autoptr(JsonObject) server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, server_id);
  g_autoptr(JsonObject) config = launch_configuration (world, server_id);
  g_autoptr(JsonNode) updated = NULL;
  g_autoptr(DrsoSandboxErrorDetails) unknown = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(DrsoSandboxInstance) instance = NULL;
  g_autofree char *template_id = NULL, *job_id = NULL, *instance_id = NULL;
  const char *source_ip;

  g_assert_cmpstr (json_object_get_string_member (config, "name"), ==,
                   path_string (server, "sourceProperties", "identificationHints", "hostname",
                                NULL));
  g_assert_true (g_regex_match_simple ("^lt-[0-9a-f]{17}$",
                                       json_object_get_string_member (config,
                                                                      "ec2LaunchTemplateID"),
                                       0, 0));
  g_assert_cmpstr (json_object_get_string_member (config, "launchDisposition"), ==, "STARTED");
  g_assert_cmpstr (json_object_get_string_member (config, "targetInstanceTypeRightSizingMethod"),
                   ==, "BASIC");
  g_assert_false (json_object_get_boolean_member (config, "copyPrivateIp"));
  g_assert_true (json_object_get_boolean_member (config, "copyTags"));
  g_assert_false (json_object_get_boolean_member (
    json_object_get_object_member (config, "licensing"), "osByol"));
  template_id = g_strdup (json_object_get_string_member (config, "ec2LaunchTemplateID"));

  updated = call (world, DRSO_SANDBOX_ACCOUNT_ID, "UpdateLaunchConfiguration",
                  "{\"sourceServerID\": \"%s\", \"name\": \"dr-renamed\", "
                  "\"copyPrivateIp\": true, \"copyTags\": false, "
                  "\"launchDisposition\": \"STOPPED\"}", server_id);
  g_assert_cmpstr (path_string (object_of (updated), "name", NULL), ==, "dr-renamed");
  g_assert_cmpstr (path_string (object_of (updated), "ec2LaunchTemplateID", NULL), ==,
                   template_id);
  g_assert_cmpstr (path_string (object_of (updated), "targetInstanceTypeRightSizingMethod",
                                NULL), ==, "BASIC");
  unknown = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "UpdateLaunchConfiguration",
                        DRSO_SANDBOX_ERROR_NOT_FOUND,
                        "{\"sourceServerID\": \"s-0123456789abcdef0\", \"name\": \"x\"}");

  /* It is kept across a restart, and later updates merge with it. */
  g_clear_pointer (&world, drso_sandbox_world_free);
  world = open_world (path, 0, 0);
  g_clear_pointer (&updated, json_node_unref);
  updated = call (world, DRSO_SANDBOX_ACCOUNT_ID, "UpdateLaunchConfiguration",
                  "{\"sourceServerID\": \"%s\", \"licensing\": {\"osByol\": true}}", server_id);
  g_clear_pointer (&config, json_object_unref);
  config = launch_configuration (world, server_id);
  g_assert_cmpstr (json_object_get_string_member (config, "name"), ==, "dr-renamed");
  g_assert_true (json_object_get_boolean_member (config, "copyPrivateIp"));
  g_assert_cmpstr (json_object_get_string_member (config, "launchDisposition"), ==, "STOPPED");
  g_assert_true (json_object_get_boolean_member (
    json_object_get_object_member (config, "licensing"), "osByol"));

  /* A launch follows it. */
  job_id = start_one (world, server_id);
  job = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 30);
  instance_id = recovery_instance_of (job);
  advance (world, 120);
  instance = get_instance (world, DRSO_SANDBOX_ACCOUNT_ID, instance_id);
  source_ip = json_array_get_string_element (
    json_object_get_array_member (json_array_get_object_element (
      json_object_get_array_member (json_object_get_object_member (server, "sourceProperties"),
                                    "networkInterfaces"), 0), "ips"), 0);
  g_assert_cmpstr (instance->private_ip, ==, source_ip);
  g_assert_cmpstr (instance->state, ==, "stopped");
  g_assert_cmpstr (drs_instance_state (world, instance_id), ==, "STOPPED");
  g_assert_cmpstr (json_object_get_string_member (instance->tags, "Name"), ==, "dr-renamed");
  g_assert_false (json_object_has_member (instance->tags, "Application"));
}

static void
test_replication_configuration (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 21, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autoptr(JsonObject) server = get_server (world, DRSO_SANDBOX_ACCOUNT_ID, server_id);
  g_autoptr(JsonNode) answer = call (world, DRSO_SANDBOX_ACCOUNT_ID,
                                     "GetReplicationConfiguration",
                                     "{\"sourceServerID\": \"%s\"}", server_id);
  g_autoptr(GPtrArray) subnets = drso_sandbox_world_list_subnets (world, DRSO_SANDBOX_ACCOUNT_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoReplicationConfiguration) config = _drso_drs_parse_replication_configuration (
    answer, &error);
  DrsoDrsPitRule *rules;

  g_assert_no_error (error);
  g_assert_cmpstr (config->staging_area_subnet_id, ==,
                   ((DrsoSandboxSubnet *) g_ptr_array_index (subnets, 0))->subnet_id);
  g_assert_cmpstr (config->replication_server_instance_type, ==, "t3.small");
  g_assert_cmpstr (config->ebs_encryption, ==, "DEFAULT");
  g_assert_cmpstr (config->data_plane_routing, ==, "PRIVATE_IP");
  g_assert_cmpuint (config->pit_rules->len, ==, 3);
  rules = (DrsoDrsPitRule *) config->pit_rules->data;
  g_assert_cmpstr (rules[0].units, ==, "MINUTE");
  g_assert_cmpuint (rules[0].interval, ==, 10);
  g_assert_cmpuint (rules[0].retention, ==, 60);
  g_assert_cmpstr (rules[1].units, ==, "HOUR");
  g_assert_cmpuint (rules[1].retention, ==, 24);
  g_assert_cmpstr (rules[2].units, ==, "DAY");
  g_assert_cmpuint (rules[2].retention, ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (answer),
                                                                         "replicatedDisks")),
                    ==,
                    json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (server, "sourceProperties"), "disks")));
}

/* The file */

static GArray *
log_offsets (DrsoSandboxWorld *world,
             const char       *job_id)
{
  g_autoptr(JsonObject) job = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  g_autoptr(JsonArray) log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);
  g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (
    json_object_get_string_member (job, "creationDateTime"), NULL);
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (GTimeSpan));

  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (
        item_string (log, i, "logDateTime"), NULL);
      GTimeSpan offset = g_date_time_difference (time, created);

      g_array_append_val (offsets, offset);
    }
  return offsets;
}

static void
test_reopen (void)
{
  g_autofree char *path = world_path ("reopen.db");
  g_autoptr(DrsoSandboxWorld) world = open_world (path, 22, 0);
  g_autoptr(DrsoSandboxWorld) twin = open_world (NULL, 22, 0);
  g_autofree char *first = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *second = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 1);
  g_autofree char *job1 = start_one (world, first);
  g_autofree char *twin1 = start_one (twin, first);
  g_autofree char *job2 = NULL, *twin2 = NULL;
  g_autoptr(JsonObject) job = NULL, done1 = NULL, done2 = NULL, twin_done1 = NULL;
  g_autoptr(JsonObject) twin_done2 = NULL;
  g_autoptr(GArray) offsets = NULL, twin_offsets = NULL;
  DrsoSandboxWorldOptions ignored = { "eu-west-1", 5, 1, 5 };
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_assert_cmpstr (job1, ==, twin1);

  advance (world, 60);
  advance (twin, 60);
  job = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job1);
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "STARTED");

  /* The reopened world keeps its seed, estate and clock, not the options'. */
  g_clear_pointer (&world, drso_sandbox_world_free);
  world = drso_sandbox_world_open (path, &ignored, NULL);
  g_assert_nonnull (world);
  g_assert_cmpuint (drso_sandbox_world_get_seed (world), ==, 22);
  g_assert_cmpstr (drso_sandbox_world_get_region (world), ==, DRSO_SANDBOX_REGION);
  g_clear_pointer (&job, json_object_unref);
  job = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job1);
  g_assert_cmpstr (json_object_get_string_member (job, "status"), ==, "STARTED");
  g_assert_cmpstr (launch_status (job, 0), ==, "IN_PROGRESS");

  /* IDs and durations go on as in a world that was never closed. */
  job2 = start_one (world, second);
  twin2 = start_one (twin, second);
  g_assert_cmpstr (job2, ==, twin2);
  done1 = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job1, 30);
  done2 = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job2, 30);
  twin_done1 = run_job (twin, DRSO_SANDBOX_ACCOUNT_ID, twin1, 30);
  twin_done2 = run_job (twin, DRSO_SANDBOX_ACCOUNT_ID, twin2, 30);
  g_assert_cmpstr (launch_status (done1, 0), ==, "LAUNCHED");
  drso_test_assert_json_equal (
    json_object_get_member (done2, "participatingServers"),
    json_object_get_member (twin_done2, "participatingServers"));
  offsets = log_offsets (world, job1);
  twin_offsets = log_offsets (twin, twin1);
  g_assert_cmpuint (offsets->len, ==, 7);
  g_assert_cmpmem (offsets->data, offsets->len * sizeof (GTimeSpan),
                   twin_offsets->data, twin_offsets->len * sizeof (GTimeSpan));
}

/* Durations are drawn in simulated seconds and divided by the time scale. */
static void
test_time_scale (void)
{
  DrsoSandboxWorldOptions options = { DRSO_SANDBOX_REGION, 26, 10, 0 };
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 26, 0);
  g_autoptr(DrsoSandboxWorld) fast = drso_sandbox_world_open (NULL, &options, NULL);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *job_id = start_one (world, server_id);
  g_autofree char *fast_id = start_one (fast, server_id);
  g_autoptr(GArray) offsets = NULL, fast_offsets = NULL;

  g_assert_cmpfloat (drso_sandbox_world_get_time_scale (fast), ==, 10);
  g_assert_cmpstr (job_id, ==, fast_id);
  json_object_unref (run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 60));
  json_object_unref (run_job (fast, DRSO_SANDBOX_ACCOUNT_ID, fast_id, 6));
  offsets = log_offsets (world, job_id);
  fast_offsets = log_offsets (fast, fast_id);
  g_assert_cmpuint (offsets->len, ==, fast_offsets->len);
  for (guint i = 0; i < offsets->len; i++)
    {
      GTimeSpan slow = g_array_index (offsets, GTimeSpan, i);
      GTimeSpan quick = g_array_index (fast_offsets, GTimeSpan, i);

      g_assert_cmpint (ABS (slow - 10 * quick), <=, 10 * (gint64) i + 10);
    }

  /* Less than 1 means real time. */
  drso_sandbox_world_set_time_scale (fast, 0.5);
  g_assert_cmpfloat (drso_sandbox_world_get_time_scale (fast), ==, 1);
}

static void
test_refused_files (void)
{
  g_autofree char *newer = world_path ("newer.db");
  g_autofree char *foreign = world_path ("foreign.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  drso_sandbox_world_free (open_world (newer, 1, 0));
  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (drso_sandbox_world_open (newer, NULL, &error));
  drso_test_assert_error_names (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL, "newer");
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE notes (text TEXT)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (drso_sandbox_world_open (foreign, NULL, &error));
  drso_test_assert_error_names (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_INTERNAL,
                                "not a Sandbox state file");
}

/* Listing and tags */

static void
test_describe_jobs (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 23, 0);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) from = NULL, to = NULL, some = NULL;
  g_autoptr(JsonArray) log = NULL;
  g_autofree char *token = NULL;
  g_autoptr(DrsoSandboxErrorDetails) bad = NULL;
  guint n_paged_log = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", i);
      char *job_id = start_one (world, server_id);
      g_autoptr(JsonObject) job = get_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id);

      g_ptr_array_add (jobs, job_id);
      g_ptr_array_add (created, g_strdup (json_object_get_string_member (job,
                                                                         "creationDateTime")));
      advance (world, 10);
    }

  /* One per page, in the order they were created. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) page = token ?
        call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs",
              "{\"maxResults\": 1, \"nextToken\": \"%s\"}", token) :
        call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs", "{\"maxResults\": 1}");

      g_assert_cmpuint (json_array_get_length (items_of (page)), ==, 1);
      g_assert_cmpstr (item_string (items_of (page), 0, "jobID"), ==,
                       g_ptr_array_index (jobs, i));
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (object_of (page),
                                                                    "nextToken", NULL));
    }
  g_assert_null (token);

  from = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs",
               "{\"filters\": {\"fromDate\": \"%s\"}}", (char *) g_ptr_array_index (created, 1));
  to = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs",
             "{\"filters\": {\"toDate\": \"%s\"}}", (char *) g_ptr_array_index (created, 1));
  some = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs",
               "{\"filters\": {\"jobIDs\": [\"%s\", \"%s\"]}}",
               (char *) g_ptr_array_index (jobs, 0), (char *) g_ptr_array_index (jobs, 2));
  g_assert_cmpuint (json_array_get_length (items_of (from)), ==, 2);
  g_assert_cmpstr (item_string (items_of (from), 0, "jobID"), ==, g_ptr_array_index (jobs, 1));
  g_assert_cmpuint (json_array_get_length (items_of (to)), ==, 2);
  g_assert_cmpstr (item_string (items_of (to), 1, "jobID"), ==, g_ptr_array_index (jobs, 1));
  g_assert_cmpuint (json_array_get_length (items_of (some)), ==, 2);

  bad = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs", DRSO_SANDBOX_ERROR_VALIDATION,
                    "{\"nextToken\": \"%%%%%%\"}");

  /* The log in pages of two is the whole log. */
  json_object_unref (run_job (world, DRSO_SANDBOX_ACCOUNT_ID, g_ptr_array_index (jobs, 0), 60));
  log = job_log (world, DRSO_SANDBOX_ACCOUNT_ID, g_ptr_array_index (jobs, 0));
  do
    {
      g_autoptr(JsonNode) page = token ?
        call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobLogItems",
              "{\"jobID\": \"%s\", \"maxResults\": 2, \"nextToken\": \"%s\"}",
              (char *) g_ptr_array_index (jobs, 0), token) :
        call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobLogItems",
              "{\"jobID\": \"%s\", \"maxResults\": 2}", (char *) g_ptr_array_index (jobs, 0));

      for (guint i = 0; i < json_array_get_length (items_of (page)); i++)
        drso_test_assert_json_equal (json_array_get_element (items_of (page), i),
                                     json_array_get_element (log, n_paged_log++));
      g_clear_pointer (&token, g_free);
      token = g_strdup (json_object_get_string_member_with_default (object_of (page),
                                                                    "nextToken", NULL));
    }
  while (token != NULL);
  g_assert_cmpuint (n_paged_log, ==, json_array_get_length (log));
}

static GHashTable *
tags_of (DrsoSandboxWorld *world,
         const char       *account,
         const char       *arn)
{
  g_autoptr(JsonNode) answer = call (world, account, "ListTagsForResource",
                                     "{\"resourceArn\": \"%s\"}", arn);
  g_autoptr(GError) error = NULL;
  GHashTable *tags = _drso_drs_parse_tags (answer, &error);

  g_assert_no_error (error);
  return tags;
}

static void
test_tags (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 24, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *east_id = pick_server (world, EAST, "CONTINUOUS", 0);
  g_autofree char *servers = g_strdup_printf ("[{\"sourceServerID\": \"%s\"}]", server_id);
  g_autoptr(JsonNode) started = call (world, DRSO_SANDBOX_ACCOUNT_ID, "StartRecovery",
                                      "{\"sourceServers\": %s, \"tags\": {\"Team\": \"dr\"}}",
                                      servers);
  const char *job_id = path_string (object_of (started), "job", "jobID", NULL);
  const char *job_arn = path_string (object_of (started), "job", "arn", NULL);
  g_autoptr(JsonObject) job = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 30);
  g_autofree char *instance_id = recovery_instance_of (job);
  g_autofree char *server_arn = g_strdup_printf (
    "arn:aws:drs:us-east-1:111122223333:source-server/%s", server_id);
  g_autofree char *instance_arn = g_strdup_printf (
    "arn:aws:drs:us-east-1:111122223333:recovery-instance/%s", instance_id);
  g_autofree char *east_arn = g_strdup_printf ("arn:aws:drs:us-east-1:" EAST ":source-server/%s",
                                               east_id);
  g_autoptr(GHashTable) server_tags = tags_of (world, DRSO_SANDBOX_ACCOUNT_ID, server_arn);
  g_autoptr(GHashTable) job_tags = tags_of (world, DRSO_SANDBOX_ACCOUNT_ID, job_arn);
  g_autoptr(GHashTable) instance_tags = tags_of (world, DRSO_SANDBOX_ACCOUNT_ID, instance_arn);
  g_autoptr(GHashTable) east_tags = tags_of (world, EAST, east_arn);
  const char *unknown[] = {
    "arn:aws:drs:us-east-1:111122223333:source-server/s-0123456789abcdef0",
    "arn:aws:drs:us-east-1:111122223333:job/drsjob-0123456789abcdef0",
    "arn:aws:drs:us-east-1:111122223333:recovery-instance/i-0123456789abcdef0",
    "arn:aws:drs:eu-west-1:111122223333:source-server/s-0123456789abcdef0",
    "arn:aws:drs:us-east-1:999999999999:source-server/s-0123456789abcdef0",
  };
  g_autoptr(DrsoSandboxErrorDetails) denied = NULL;

  g_assert_cmpuint (g_hash_table_size (server_tags), ==, 4);
  g_assert_nonnull (g_hash_table_lookup (server_tags, "Application"));
  g_assert_cmpuint (g_hash_table_size (job_tags), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (job_tags, "Team"), ==, "dr");
  g_assert_cmpstr (g_hash_table_lookup (instance_tags, "AWSElasticDisasterRecoveryManaged"), ==,
                   "drs.amazonaws.com");
  g_assert_null (g_hash_table_lookup (instance_tags, "AWSDRS-Drill"));
  g_assert_nonnull (g_hash_table_lookup (east_tags, "Application"));

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(DrsoSandboxErrorDetails) details = call_fails (
        world, DRSO_SANDBOX_ACCOUNT_ID, "ListTagsForResource", DRSO_SANDBOX_ERROR_NOT_FOUND,
        "{\"resourceArn\": \"%s\"}", unknown[i]);

      g_assert_cmpstr (details->resource_id, ==, unknown[i]);
    }

  /* Another account's resources are out of bounds. */
  denied = call_fails (world, DRSO_SANDBOX_ACCOUNT_ID, "ListTagsForResource",
                       DRSO_SANDBOX_ERROR_ACCESS_DENIED, "{\"resourceArn\": \"%s\"}", east_arn);
}

static void
test_isolation (void)
{
  g_autoptr(DrsoSandboxWorld) world = open_world (NULL, 25, 0);
  g_autofree char *server_id = pick_server (world, DRSO_SANDBOX_ACCOUNT_ID, "CONTINUOUS", 0);
  g_autofree char *east_id = pick_server (world, EAST, "CONTINUOUS", 0);
  g_autofree char *job_id = start_one (world, server_id);
  g_autoptr(JsonObject) job = run_job (world, DRSO_SANDBOX_ACCOUNT_ID, job_id, 30);
  g_autofree char *instance_id = recovery_instance_of (job);
  g_autofree char *east_servers = g_strdup_printf ("[{\"sourceServerID\": \"%s\"}]", east_id);
  g_autofree char *east_job = NULL;
  g_autoptr(JsonNode) jobs = NULL, recoveries = NULL, primary_jobs = NULL;
  g_autoptr(DrsoSandboxErrorDetails) log = NULL, config = NULL, start = NULL, terminate = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;

  jobs = call (world, EAST, "DescribeJobs", "{}");
  g_assert_cmpuint (json_array_get_length (items_of (jobs)), ==, 0);
  recoveries = call (world, EAST, "DescribeRecoveryInstances", "{}");
  g_assert_cmpuint (json_array_get_length (items_of (recoveries)), ==, 0);
  log = call_fails (world, EAST, "DescribeJobLogItems", DRSO_SANDBOX_ERROR_NOT_FOUND,
                    "{\"jobID\": \"%s\"}", job_id);
  g_assert_cmpstr (log->resource_type, ==, "JOB");
  config = call_fails (world, EAST, "GetLaunchConfiguration", DRSO_SANDBOX_ERROR_NOT_FOUND,
                       "{\"sourceServerID\": \"%s\"}", server_id);
  start = call_fails (world, EAST, "StartRecovery", DRSO_SANDBOX_ERROR_NOT_FOUND,
                      "{\"sourceServers\": [{\"sourceServerID\": \"%s\"}]}", server_id);
  terminate = call_fails (world, EAST, "TerminateRecoveryInstances",
                          DRSO_SANDBOX_ERROR_NOT_FOUND, "{\"recoveryInstanceIDs\": [\"%s\"]}",
                          instance_id);
  instances = drso_sandbox_world_list_instances (world, EAST, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (instances->len, ==, 0);

  /* A recovery account recovers its own servers, out of the primary's sight. */
  east_job = start_recovery (world, EAST, east_servers, TRUE);
  primary_jobs = call (world, DRSO_SANDBOX_ACCOUNT_ID, "DescribeJobs", "{}");
  g_assert_cmpuint (json_array_get_length (items_of (primary_jobs)), ==, 1);
  g_assert_cmpstr (item_string (items_of (primary_jobs), 0, "jobID"), ==, job_id);
  g_assert_cmpstr (east_job, !=, job_id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sandbox-world/estate/demo", test_demo_estate);
  g_test_add_func ("/sandbox-world/estate/generated", test_generated_estate);
  g_test_add_func ("/sandbox-world/launch/drill-timeline", test_drill_timeline);
  g_test_add_func ("/sandbox-world/launch/faults", test_faults);
  g_test_add_func ("/sandbox-world/launch/pinned-snapshot", test_pinned_snapshot);
  g_test_add_func ("/sandbox-world/launch/limits", test_limits);
  g_test_add_func ("/sandbox-world/launch/replacement", test_replacement);
  g_test_add_func ("/sandbox-world/launch/time-scale", test_time_scale);
  g_test_add_func ("/sandbox-world/snapshots", test_snapshots);
  g_test_add_func ("/sandbox-world/terminate/job", test_terminate_job);
  g_test_add_func ("/sandbox-world/terminate/ec2", test_ec2);
  g_test_add_func ("/sandbox-world/keys/assume-role", test_assume_role);
  g_test_add_func ("/sandbox-world/configuration/launch", test_launch_configuration);
  g_test_add_func ("/sandbox-world/configuration/replication", test_replication_configuration);
  g_test_add_func ("/sandbox-world/file/reopen", test_reopen);
  g_test_add_func ("/sandbox-world/file/refused", test_refused_files);
  g_test_add_func ("/sandbox-world/list/jobs", test_describe_jobs);
  g_test_add_func ("/sandbox-world/list/tags", test_tags);
  g_test_add_func ("/sandbox-world/list/isolation", test_isolation);

  return g_test_run ();
}
