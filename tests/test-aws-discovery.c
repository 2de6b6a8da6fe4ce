/* test-aws-discovery.c
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

/* Credentials for accounts (profiles, role chains, target-account roles,
 * the cache) and discovery into the store, against a loopback server that
 * plays STS and DRS. */

#include "config.h"

#include <libsoup/soup.h>

#include "drso.h"
#include "drso-test-util.h"

#define ACCOUNT "123456789012"
#define TARGET "210987654321"

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *sts_bodies;    /* char*, AssumeRole request bodies */
  GPtrArray  *auth_keys;     /* char*, the access key of each request */
  guint       drs_requests;
  gint64      expiration;    /* of the credentials AssumeRole hands out */
  char       *config_dir;
} Fixture;

static char *
access_key_of (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *start = auth ? strstr (auth, "Credential=") : NULL;
  const char *end = start ? strchr (start, '/') : NULL;

  return end ? g_strndup (start + strlen ("Credential="), end - start - strlen ("Credential="))
             : g_strdup ("");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autofree char *answer = NULL;

  g_ptr_array_add (fixture->auth_keys, access_key_of (msg));

  if (g_str_equal (path, "/") && g_str_has_prefix (text, "Action=AssumeRole"))
    {
      g_autoptr(GDateTime) expires = g_date_time_new_from_unix_utc (fixture->expiration);
      g_autofree char *iso = g_date_time_format_iso8601 (expires);
      const char *account = strstr (text, TARGET) ? TARGET : ACCOUNT;
      guint n = fixture->sts_bodies->len + 1;

      g_ptr_array_add (fixture->sts_bodies, g_steal_pointer (&text));
      answer = g_strdup_printf ("<AssumeRoleResponse><AssumeRoleResult><Credentials>"
                                "<AccessKeyId>ASIAROLE%u</AccessKeyId><SecretAccessKey>role-secret"
                                "</SecretAccessKey><SessionToken>token</SessionToken><Expiration>"
                                "%s</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::"
                                "%s:assumed-role/R/s</Arn></AssumedRoleUser></AssumeRoleResult>"
                                "</AssumeRoleResponse>", n, iso, account);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, answer,
                                        strlen (answer));
      return;
    }

  if (g_str_equal (path, "/DescribeSourceServers"))
    {
      fixture->drs_requests++;
      answer = g_strdup ("{\"items\":[{\"sourceServerID\":\"s-aaaaaaaaaaaaaaaa1\",\"sourceProperties\":"
                         "{\"identificationHints\":{\"hostname\":\"web-1\"}},\"tags\":{\"Tier\":"
                         "\"web\"}},{\"sourceServerID\":\"s-aaaaaaaaaaaaaaaa2\",\"sourceProperties\":"
                         "{\"identificationHints\":{\"hostname\":\"db-1\"}}}]}");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer,
                                        strlen (answer));
      return;
    }

  soup_server_message_set_status (msg, 404, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = drso_test_server_new (FALSE, handler, fixture, &fixture->url);
  fixture->sts_bodies = g_ptr_array_new_with_free_func (g_free);
  fixture->auth_keys = g_ptr_array_new_with_free_func (g_free);
  fixture->expiration = g_get_real_time () / G_USEC_PER_SEC + 3600;

  /* Shared config files of this test only. */
  fixture->config_dir = g_build_filename (g_get_user_config_dir (), "aws", NULL);
  g_mkdir_with_parents (fixture->config_dir, 0700);
  {
    g_autofree char *config = g_build_filename (fixture->config_dir, "config", NULL);
    g_autofree char *credentials = g_build_filename (fixture->config_dir, "credentials", NULL);
    g_autofree char *config_text = g_strdup_printf (
      "[profile base]\nregion = us-east-1\n\n"
      "[profile hub]\nrole_arn = arn:aws:iam::" ACCOUNT ":role/Hub\nsource_profile = base\n"
      "external_id = hub-external\nendpoint_url = %s\n", fixture->url);

    g_assert_true (g_file_set_contents (config, config_text, -1, NULL));
    g_assert_true (g_file_set_contents (credentials,
                                        "[base]\naws_access_key_id = AKIDBASE\n"
                                        "aws_secret_access_key = base-secret\n", -1, NULL));
    g_setenv ("AWS_CONFIG_FILE", config, TRUE);
    g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  }
  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_DEFAULT_PROFILE");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
  g_ptr_array_unref (fixture->sts_bodies);
  g_ptr_array_unref (fixture->auth_keys);
  g_free (fixture->config_dir);
}

static DrsoAwsCredentials *
get_credentials (DrsoAwsCredentialsProvider  *provider,
                 GError                     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_aws_credentials_provider_get_async (provider, NULL, drso_test_done_cb, &result);
  return drso_aws_credentials_provider_get_finish (provider, drso_test_wait_for (&result), error);
}

/* A profile with a role chain: static keys of "base", then the hub role. */
static void
test_profile_chain (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT, "Hub");
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(DrsoAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  drso_account_set_profile (account, "hub");
  provider = drso_aws_credentials_provider_new (account, NULL);
  creds = get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (creds), ==, "ASIAROLE1");
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 1);
  /* The base keys signed the AssumeRole call for the hub role. */
  g_assert_cmpstr (g_ptr_array_index (fixture->auth_keys, 0), ==, "AKIDBASE");
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->sts_bodies, 0), "role%2FHub"));
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->sts_bodies, 0),
                            "ExternalId=hub-external"));
}

/* A target account: the hub's credentials, then the account's own role with
 * its external id. */
static void
test_target_account (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DrsoAccount) account = drso_account_new (TARGET, "Recovery");
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(DrsoAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  drso_account_set_profile (account, "hub");
  drso_account_set_role_arn (account, "arn:aws:iam::" TARGET ":role/DRS-Orchestration");
  drso_account_set_external_id (account, "target-external");
  drso_account_set_endpoint_url (account, fixture->url);
  provider = drso_aws_credentials_provider_new (account, NULL);
  creds = get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->sts_bodies, 1),
                            "ExternalId=target-external"));
  /* The hub role's credentials signed the second call. */
  g_assert_cmpstr (g_ptr_array_index (fixture->auth_keys, 1), ==, "ASIAROLE1");
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (creds), ==, "ASIAROLE2");
  g_assert_cmpstr (drso_aws_credentials_get_account_id (creds), ==, TARGET);
}

/* Concurrent calls share one refresh; the cache serves until five minutes
 * before expiry, then refreshes. */
static void
test_cache_and_coalescing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT, "Hub");
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  GAsyncResult *results[5] = { NULL };
  g_autoptr(DrsoAwsCredentials) later = NULL;
  g_autoptr(GError) error = NULL;

  drso_account_set_profile (account, "hub");
  provider = drso_aws_credentials_provider_new (account, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    drso_aws_credentials_provider_get_async (provider, NULL, drso_test_done_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(DrsoAwsCredentials) creds =
        drso_aws_credentials_provider_get_finish (provider, drso_test_wait_for (&results[i]),
                                                  &error);

      g_assert_no_error (error);
      g_assert_cmpstr (drso_aws_credentials_get_access_key_id (creds), ==, "ASIAROLE1");
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 1);
  g_assert_cmpuint (drso_aws_credentials_provider_get_refresh_count (provider), ==, 1);

  /* Still cached. */
  later = get_credentials (provider, &error);
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 1);
  g_clear_pointer (&later, drso_aws_credentials_unref);

  /* Credentials that expire within five minutes are refreshed. */
  fixture->expiration = g_get_real_time () / G_USEC_PER_SEC + 200;
  drso_aws_credentials_provider_invalidate (provider);
  later = get_credentials (provider, &error);
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 2);
  g_clear_pointer (&later, drso_aws_credentials_unref);
  later = get_credentials (provider, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 3);
  g_assert_cmpuint (drso_aws_credentials_provider_get_refresh_count (provider), ==, 3);
}

static void
test_missing_profile (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT, "Nowhere");
  g_autoptr(DrsoAwsCredentialsProvider) provider = NULL;
  g_autoptr(DrsoAwsCredentials) creds = NULL;
  g_autoptr(GError) error = NULL;

  drso_account_set_profile (account, "no-such-profile");
  provider = drso_aws_credentials_provider_new (account, NULL);
  creds = get_credentials (provider, &error);
  g_assert_null (creds);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-profile"));
  g_assert_cmpuint (fixture->sts_bodies->len, ==, 0);
}

static void
count_notify_cb (guint *count)
{
  (*count)++;
}

/* Discovery puts every server of the account and region in the store. */
static void
test_discovery (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DrsoStore) store = drso_store_new (NULL, NULL);
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT, "Production");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSourceServer) web = NULL;
  g_autoptr(DrsoDiscovery) discovery = NULL;
  GListModel *servers;
  guint notified = 0;
  guint n = 0;

  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "environment-secret", TRUE);
  drso_account_set_regions (account, (const char *[]) { "eu-west-1", NULL });
  drso_account_set_endpoint_url (account, fixture->url);
  g_assert_true (drso_store_add_account (store, account, &error));
  servers = drso_store_get_source_servers (store);

  discovery = drso_discovery_new (store, "Production", NULL, NULL);
  g_signal_connect_swapped (discovery, "notify::servers-found", G_CALLBACK (count_notify_cb),
                            &notified);
  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_true (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), &n, &error));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (drso_discovery_get_servers_found (discovery), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->auth_keys, 0), ==, "AKIDENVIRONMENT");

  web = drso_store_lookup_source_server (store, "s-aaaaaaaaaaaaaaaa1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_source_server_get_hostname (web), ==, "web-1");
  g_assert_cmpstr (drso_source_server_get_region (web), ==, "eu-west-1");
  g_assert_cmpstr (drso_source_server_get_tag (web, "Tier"), ==, "web");
  g_assert_cmpint (drso_store_get_discovery_date (store, ACCOUNT, "eu-west-1"), >, 0);

  /* An unknown account: nothing sent. */
  g_clear_object (&result);
  g_clear_object (&discovery);
  discovery = drso_discovery_new (store, "999999999999", NULL, NULL);
  drso_discovery_run_async (discovery, NULL, drso_test_done_cb, &result);
  g_assert_false (drso_discovery_run_finish (discovery, drso_test_wait_for (&result), NULL,
                                             &error));
  g_assert_error (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->drs_requests, ==, 1);

  g_unsetenv ("AWS_ACCESS_KEY_ID");
  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) g_test_add ("/aws/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("credentials/profile-chain", test_profile_chain);
  ADD ("credentials/target-account", test_target_account);
  ADD ("credentials/cache-and-coalescing", test_cache_and_coalescing);
  ADD ("credentials/missing-profile", test_missing_profile);
  ADD ("discovery/into-store", test_discovery);
#undef ADD

  return g_test_run ();
}
