/* test-imports.c
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

/* What a crafted bundle can make the library do, through reading and
 * importing it: nothing outside the store. Per field:
 *
 *  - account settings (accounts, roleArn, externalId, profile, endpointUrl,
 *    credential_process, keys, config file paths), at the top level, in a
 *    group, a plan or a wave: the bundle is refused, with an error naming
 *    the member, and nothing changes;
 *  - a group in an account that is not set up here: refused ("add the
 *    account first"); accounts are never created by an import;
 *  - ids that are paths (../, /): refused;
 *  - a group in an account that is set up: imported, and inert: nothing is
 *    contacted until someone runs discovery, readiness or an execution;
 *  - anything else the format does not know (a database path, a Sandbox
 *    URL) and names, descriptions and tags that look like paths, commands
 *    or URLs: plain data, kept or ignored, never used as a path, a command
 *    or an endpoint.
 *
 * Checked every time: the store's dump, no marker file from a command, no
 * connection to a listener the bundle names, no request to the Sandbox. */

#include "config.h"

#include <glib/gstdio.h>

#include "drso.h"
#include "drso-test-util.h"

#define ACCOUNT "210987654321"
#define SERVER "s-0000000000000000a"

typedef struct
{
  DrsoSandbox     *sandbox;
  DrsoAwsClient   *client;
  DrsoStore       *store;
  GSocketListener *listener;
  guint            connections;
  guint16          port;
  char            *dir;
  char            *marker;
  char            *listener_url;
} Fixture;

static void
accepted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, NULL);
  if (connection == NULL)
    return;
  fixture->connections++;
  g_socket_listener_accept_async (G_SOCKET_LISTENER (source), NULL, accepted_cb, fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT, "Production");
  g_autoptr(GError) error = NULL;

  fixture->sandbox = drso_test_sandbox_start (60.0, 5, 6);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_sandbox_url (fixture->client, drso_sandbox_get_url (fixture->sandbox));
  fixture->store = drso_test_open_store ();
  drso_test_add_sandbox_accounts (fixture->store, fixture->sandbox);

  fixture->listener = g_socket_listener_new ();
  fixture->port = g_socket_listener_add_any_inet_port (fixture->listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (fixture->listener, NULL, accepted_cb, fixture);
  fixture->listener_url = g_strdup_printf ("http://127.0.0.1:%u", fixture->port);

  /* A real account whose own endpoint is the listener: an import that
   * contacted it would show. */
  drso_account_set_regions (account, (const char * const[]) { "us-east-1", NULL });
  drso_account_set_endpoint_url (account, fixture->listener_url);
  g_assert_true (drso_store_add_account (fixture->store, account, &error));
  g_assert_no_error (error);

  fixture->dir = g_dir_make_tmp ("drso-imports-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->marker = g_build_filename (fixture->dir, "marker", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_socket_listener_close (fixture->listener);
  g_clear_object (&fixture->listener);
  drso_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->marker);
  g_free (fixture->listener_url);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->sandbox);
}

/* Lets the listener see a connection, had anything made one. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 100 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
assert_untouched (Fixture *fixture,
                  guint64  sandbox_requests)
{
  settle ();
  g_assert_false (g_file_test (fixture->marker, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (fixture->connections, ==, 0);
  g_assert_cmpuint (drso_sandbox_get_n_requests (fixture->sandbox), ==, sandbox_requests);
}

/* A group of @account with @extra members, and a plan of it with @plan_extra
 * members and a wave with @wave_extra members; @top_extra at the top. */
static char *
bundle_text (const char *account,
             const char *group_id,
             const char *extra,
             const char *plan_extra,
             const char *wave_extra,
             const char *top_extra)
{
  return g_strdup_printf (
    "{\"formatVersion\": 1, %s"
    " \"protectionGroups\": [{\"groupId\": \"%s\", \"groupName\": \"Crafted\", %s"
    "   \"description\": \"\", \"region\": \"us-east-1\", \"accountId\": \"%s\","
    "   \"serverIds\": [\"" SERVER "\"], \"tagCriteria\": {}}],"
    " \"recoveryPlans\": [{\"planId\": \"plan-crafted\", \"planName\": \"Crafted\", %s"
    "   \"description\": \"\", \"waves\": [{\"waveNumber\": 1, \"waveName\": \"One\", %s"
    "   \"protectionGroupIds\": [\"%s\"], \"pauseBeforeWave\": false,"
    "   \"estimatedDuration\": 300}]}]}",
    top_extra, group_id, extra, account, plan_extra, wave_extra, group_id);
}

/* Reads and imports @text; it must fail with @domain and @code, its message
 * naming @needle and never @secret, and change nothing. */
static void
assert_refused (Fixture    *fixture,
                const char *text,
                GQuark      domain,
                int         code,
                const char *needle,
                const char *secret)
{
  g_autofree char *before = drso_test_dump_store (fixture->store);
  g_autofree char *after = NULL;
  guint64 requests = drso_sandbox_get_n_requests (fixture->sandbox);
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autoptr(GError) error = NULL;

  bundle = drso_bundle_new_from_data (text, -1, &error);
  if (bundle != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (drso_store_import_bundle (fixture->store, bundle, NULL, &error));
    }
  g_test_message ("%s", error->message);
  drso_test_assert_error_names (error, domain, code, needle);
  if (secret != NULL)
    g_assert_null (strstr (error->message, secret));
  after = drso_test_dump_store (fixture->store);
  g_assert_cmpstr (before, ==, after);
  assert_untouched (fixture, requests);
}

static void
test_account_settings_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *touch = g_strdup_printf ("\"credential_process\": \"touch %s\",",
                                            fixture->marker);
  g_autofree char *endpoint = g_strdup_printf ("\"endpointUrl\": \"%s\",", fixture->listener_url);
  g_autofree char *accounts = g_strdup_printf (
    "\"accounts\": [{\"accountId\": \"999988887777\", \"accountName\": \"Evil\","
    " \"endpointUrl\": \"%s\", \"roleArn\": \"arn:aws:iam::999988887777:role/Evil\","
    " \"profile\": \"evil\"}],", fixture->listener_url);
  struct
  {
    const char *group, *plan, *wave, *top, *needle, *secret;
  } cases[] = {
    { "", "", "", accounts, "(accounts)", NULL },
    { endpoint, "", "", "", "protectionGroups[0].endpointUrl", NULL },
    { touch, "", "", "", "protectionGroups[0].credential_process", NULL },
    { "\"credentialProcess\": \"/bin/sh -c id\",", "", "", "", "credentialProcess", NULL },
    { "", "\"roleArn\": \"arn:aws:iam::210987654321:role/Evil\",", "", "",
      "recoveryPlans[0].roleArn", NULL },
    { "", "", "\"profile\": \"evil\",", "", "recoveryPlans[0].waves[0].profile", NULL },
    { "\"Role_Arn\": \"arn:aws:iam::210987654321:role/Evil\",", "", "", "", "Role_Arn", NULL },
    { "\"externalId\": \"abc-123\",", "", "", "", "externalId", NULL },
    { "\"aws_secret_access_key\": \"bundle/PLANTED+secret0000000000000000001\",", "", "", "",
      "aws_secret_access_key", "bundle/PLANTED+secret0000000000000000001" },
    { "", "", "", "\"sessionToken\": \"IQoJbundlePLANTEDtoken==\",", "sessionToken",
      "IQoJbundlePLANTEDtoken==" },
    { "", "", "", "\"config_file\": \"/etc/passwd\",", "config_file", NULL },
    { "", "", "", "\"AWS_SHARED_CREDENTIALS_FILE\": \"../../.aws/credentials\",",
      "AWS_SHARED_CREDENTIALS_FILE", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = bundle_text (ACCOUNT, "pg-crafted", cases[i].group, cases[i].plan,
                                           cases[i].wave, cases[i].top);

      g_test_message ("case %u", i);
      assert_refused (fixture, text, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                      cases[i].needle, cases[i].secret);
    }
}

/* Accounts come from nowhere but the user: a group of an account not set up
 * here is refused, and no account appears. */
static void
test_unknown_account_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *text = bundle_text ("999988887777", "pg-crafted", "", "", "", "");

  assert_refused (fixture, text, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE,
                  "add the account first", NULL);
  g_assert_null (drso_store_lookup_account (fixture->store, "999988887777", NULL));
}

static void
test_path_ids_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const ids[] = { "../../etc/passwd", "/tmp/pg", "pg/../../x" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = bundle_text (ACCOUNT, ids[i], "", "", "", "");

      assert_refused (fixture, text, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID, ids[i], NULL);
    }
}

/* What may come in, comes in inert: names, descriptions and tags that look
 * like paths, commands or URLs are text; members the format does not know
 * (a database path, a Sandbox URL, an endpoint) are ignored and never
 * stored or exported; the group's account is set up, and nothing contacts
 * it or the Sandbox. */
static void
test_inert (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (fixture->dir, "evil.db", NULL);
  g_autofree char *text = NULL;
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autoptr(DrsoBundle) exported = NULL;
  g_autoptr(DrsoProtectionGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported_text = NULL;
  guint64 requests = drso_sandbox_get_n_requests (fixture->sandbox);
  guint changed = 0;

  text = g_strdup_printf (
    "{\"formatVersion\": 1, \"dbPath\": \"%s\", \"sandboxUrl\": \"%s\", \"store\": \"%s\","
    " \"protectionGroups\": ["
    "  {\"groupId\": \"pg-paths\", \"groupName\": \"../../../tmp/evil; $(touch %s)\","
    "   \"description\": \"`touch %s` %s file:///etc/shadow\", \"region\": \"us-east-1\","
    "   \"accountId\": \"" ACCOUNT "\", \"serverIds\": [\"" SERVER "\"],"
    "   \"tagCriteria\": {}, \"databasePath\": \"%s\"},"
    "  {\"groupId\": \"pg-tags\", \"groupName\": \"Tags\", \"description\": \"\","
    "   \"region\": \"us-east-1\", \"accountId\": \"" DRSO_SANDBOX_ACCOUNT_ID "\","
    "   \"tagCriteria\": {\"profile\": \"evil\", \"endpointUrl\": \"%s\","
    "                     \"credential_process\": \"touch %s\"}}],"
    " \"recoveryPlans\": [{\"planId\": \"plan-inert\", \"planName\": \"$(touch %s)\","
    "   \"description\": \"%s\", \"logFile\": \"%s\","
    "   \"waves\": [{\"waveNumber\": 1, \"waveName\": \"../wave\","
    "     \"protectionGroupIds\": [\"pg-paths\", \"pg-tags\"], \"pauseBeforeWave\": false,"
    "     \"estimatedDuration\": 300}]}]}",
    db_path, fixture->listener_url, db_path, fixture->marker, fixture->marker,
    fixture->listener_url, db_path, fixture->listener_url, fixture->marker, fixture->marker,
    fixture->listener_url, db_path);

  bundle = drso_bundle_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (drso_store_import_bundle (fixture->store, bundle, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);
  assert_untouched (fixture, requests);
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  group = drso_store_lookup_protection_group (fixture->store, "pg-tags", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (drso_protection_group_get_tag_criteria (group), "profile"),
                   ==, "evil");

  /* What went in is what comes out, the unknown members left behind. */
  exported = drso_store_export_plans (fixture->store, NULL, &error);
  g_assert_no_error (error);
  exported_text = drso_bundle_to_data (exported, NULL);
  g_assert_nonnull (strstr (exported_text, "../../../tmp/evil; $(touch "));
  g_assert_null (strstr (exported_text, "dbPath"));
  g_assert_null (strstr (exported_text, "databasePath"));
  g_assert_null (strstr (exported_text, "sandboxUrl"));
  g_assert_null (strstr (exported_text, "logFile"));
  assert_untouched (fixture, requests);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/security/imports/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("account-settings-refused", test_account_settings_refused);
  ADD ("unknown-account-refused", test_unknown_account_refused);
  ADD ("path-ids-refused", test_path_ids_refused);
  ADD ("inert", test_inert);
#undef ADD

  return g_test_run ();
}
