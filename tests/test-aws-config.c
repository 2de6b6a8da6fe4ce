/* test-aws-config.c
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

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "drso-aws-config-private.h"
#include "drso-test-util.h"

/* Every secret a test hands to the code under test; no error message may
 * ever contain it. */
#define PLANTED_SECRET "PLANTED-SECRET-wJalrXUtnFEMI-K7MDENG"

/* Checks that no error message gives the planted secret away. Every error
 * this program produces goes through here. */
static void
assert_clean_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, PLANTED_SECRET));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Checks that @error is clean, its domain and code, and that its message
 * names @needle. */
#define assert_error_names(error, domain, code, needle)                         \
  G_STMT_START {                                                                \
    assert_clean_error (error);                                                 \
    drso_test_assert_error_names ((error), (domain), (code), (needle));         \
  } G_STMT_END

/* Public test data, read in place */

static JsonNode *
load_testdata (const char *name)
{
  const char *dir = g_getenv ("DRSO_TESTDATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (dir == NULL || dir[0] == '\0')
    return NULL;

  path = g_build_filename (dir, "aws-config", name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* A test path from a case name: "/…/07-profile-names-should-be-trimmed". */
static char *
case_path (const char *prefix,
           guint       index,
           const char *name)
{
  GString *path = g_string_new (NULL);
  gboolean dash = FALSE;

  g_string_append_printf (path, "%s/%02u-", prefix, index);
  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash)
            g_string_append_c (path, '-');
          g_string_append_c (path, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = path->str[path->len - 1] != '-';
    }

  return g_string_free (path, FALSE);
}

static void
test_testdata_missing (void)
{
  g_test_skip ("The public AWS test data (aws-config/*.json) is not in DRSO_TESTDATA_DIR "
               "(the meson option testdata_dir, by default ../shared/testdata): its cases are "
               "not run");
}

static void
test_parser_case (gconstpointer data)
{
  JsonObject *test = json_node_get_object ((JsonNode *) data);
  JsonObject *input = json_object_get_object_member (test, "input");
  JsonObject *output = json_object_get_object_member (test, "output");
  const char *config_text = NULL;
  const char *credentials_text = NULL;
  g_autoptr(DrsoAwsConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  if (json_object_has_member (input, "configFile"))
    config_text = json_object_get_string_member (input, "configFile");
  if (json_object_has_member (input, "credentialsFile"))
    credentials_text = json_object_get_string_member (input, "credentialsFile");

  config = drso_aws_config_new_from_data (config_text, credentials_text, &error);

  if (json_object_has_member (output, "errorContaining"))
    {
      const char *needle = json_object_get_string_member (output, "errorContaining");

      g_assert_null (config);
      assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PARSE, needle);
      g_assert_nonnull (strstr (error->message, "line "));
    }
  else
    {
      g_autoptr(JsonNode) expected = json_node_copy (json_object_get_member (output, "config"));
      g_autoptr(JsonNode) actual = NULL;
      JsonObject *object = json_node_get_object (expected);

      g_assert_no_error (error);
      g_assert_nonnull (config);

      /* Some expected outputs leave out an empty "sso_sessions". */
      if (!json_object_has_member (object, "sso_sessions"))
        json_object_set_object_member (object, "sso_sessions", json_object_new ());

      actual = drso_aws_config_to_json (config);
      if (!json_node_equal (expected, actual))
        {
          g_autofree char *want = json_to_string (expected, TRUE);
          g_autofree char *got = json_to_string (actual, TRUE);

          g_assert_cmpstr (got, ==, want);
        }
    }
}

static void
test_location_case (gconstpointer data)
{
  JsonObject *test = json_node_get_object ((JsonNode *) data);
  JsonObject *environment = json_object_get_object_member (test, "environment");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) names = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;

  if (g_strcmp0 (json_object_get_string_member (test, "platform"), "windows") == 0)
    {
      g_test_skip ("Windows rules (%USERPROFILE%, %HOMEDRIVE%%HOMEPATH%, backslashes) "
                   "do not apply to this Linux program");
      return;
    }

  names = json_object_get_members (environment);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *entry =
        g_strdup_printf ("%s=%s", (const char *) l->data,
                         json_object_get_string_member (environment, l->data));
      g_strv_builder_add (builder, entry);
    }
  envp = g_strv_builder_end (builder);

  drso_aws_config_locate ((const char * const *) envp, &config_path, &credentials_path);
  g_assert_cmpstr (config_path, ==, json_object_get_string_member (test, "configLocation"));
  g_assert_cmpstr (credentials_path, ==,
                   json_object_get_string_member (test, "credentialsLocation"));

  if (json_object_has_member (test, "profile"))
    {
      g_autofree char *profile =
        drso_aws_config_get_default_profile ((const char * const *) envp);

      g_assert_cmpstr (profile, ==, json_object_get_string_member (test, "profile"));
    }
}

static void
add_testdata_cases (const char      *file,
                    const char      *prefix,
                    GTestDataFunc    func)
{
  g_autoptr(JsonNode) root = load_testdata (file);
  JsonArray *tests;

  if (root == NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s/testdata-missing", prefix);

      g_test_add_func (path, test_testdata_missing);
      return;
    }

  tests = json_object_get_array_member (json_node_get_object (root), "tests");
  for (guint i = 0; i < json_array_get_length (tests); i++)
    {
      JsonNode *test = json_array_get_element (tests, i);
      const char *name = json_object_get_string_member (json_node_get_object (test), "name");
      g_autofree char *path = case_path (prefix, i + 1, name);

      g_test_add_data_func_full (path, json_node_copy (test), func,
                                 (GDestroyNotify) json_node_unref);
    }
}

/* Own parser and location cases */

static void
test_parser_line_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoAwsConfig) config = NULL;

  config = drso_aws_config_new_from_data ("[profile a]\nx = 1\n", "[b]\n\n\n= " PLANTED_SECRET "\n",
                                          &error);
  g_assert_null (config);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PARSE,
                      "credentials file, line 4: Property did not have a name");
  g_clear_error (&error);

  config = drso_aws_config_new_from_data ("[profile a]\r\nx = 1\r\n[profile b\r\n", NULL, &error);
  g_assert_null (config);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PARSE,
                      "config file, line 3:");
  g_clear_error (&error);

  config = drso_aws_config_new_from_data ("[profile a]\nx = \xff\n", NULL, &error);
  g_assert_null (config);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PARSE,
                      "config file, line 2:");
}

static void
test_parser_accessors (void)
{
  g_autoptr(DrsoAwsConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *endpoint = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *services;

  config = drso_aws_config_new_from_data ("[profile b]\n"
                                          "Region = eu-west-3\n"
                                          "s3 =\n"
                                          "  max_concurrent_requests = 10\n"
                                          "  Addressing_Style = path\n"
                                          "services = local\n"
                                          "[default]\n"
                                          "region = us-west-2\n"
                                          "[services local]\n"
                                          "drs =\n"
                                          "  endpoint_url = http://localhost:4566\n"
                                          "[services in valid]\n"
                                          "x = 1\n"
                                          "[sso-session corp]\n"
                                          "sso_region = us-east-1\n",
                                          "[a]\nregion = ca-central-1\n",
                                          &error);
  g_assert_no_error (error);

  names = drso_aws_config_get_profile_names (config);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "a");
  g_assert_cmpstr (names[1], ==, "b");
  g_assert_cmpstr (names[2], ==, "default");
  g_assert_true (drso_aws_config_has_profile (config, "default"));
  g_assert_false (drso_aws_config_has_profile (config, "local"));

  g_assert_cmpstr (drso_aws_config_get_value (config, "b", "region"), ==, "eu-west-3");
  g_assert_cmpstr (drso_aws_config_get_value (config, "b", "REGION"), ==, "eu-west-3");
  g_assert_cmpstr (drso_aws_config_get_value (config, "a", "region"), ==, "ca-central-1");
  g_assert_null (drso_aws_config_get_value (config, "nobody", "region"));
  g_assert_cmpstr (drso_aws_config_get_value (config, "b", "s3"), ==,
                   "\nmax_concurrent_requests = 10\nAddressing_Style = path");

  sub = drso_aws_config_get_sub_value (config, "b", "s3", "max_concurrent_requests");
  g_assert_cmpstr (sub, ==, "10");
  g_clear_pointer (&sub, g_free);
  sub = drso_aws_config_get_sub_value (config, "b", "s3", "addressing_style");
  g_assert_cmpstr (sub, ==, "path");
  g_clear_pointer (&sub, g_free);
  g_assert_null (drso_aws_config_get_sub_value (config, "b", "region", "x"));

  endpoint = drso_aws_config_get_services_value (config, "local", "drs", "endpoint_url");
  g_assert_cmpstr (endpoint, ==, "http://localhost:4566");
  g_assert_cmpstr (drso_aws_config_get_sso_session_value (config, "corp", "sso_region"), ==,
                   "us-east-1");

  json = drso_aws_config_to_json (config);
  services = json_object_get_object_member (json_node_get_object (json), "services");
  g_assert_nonnull (services);
  g_assert_cmpuint (json_object_get_size (services), ==, 1);
  g_assert_true (json_object_has_member (services, "local"));
}

static void
test_locate_own (void)
{
  const char *tilde[] = { "HOME=/home/someone",
                          "AWS_CONFIG_FILE=~/conf/aws",
                          "AWS_SHARED_CREDENTIALS_FILE=~",
                          "AWS_DEFAULT_PROFILE=first",
                          "AWS_PROFILE=second",
                          NULL };
  const char *empty[] = { "HOME=/h", "AWS_CONFIG_FILE=", "AWS_PROFILE=", NULL };
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;
  g_autofree char *profile = NULL;

  drso_aws_config_locate (tilde, &config_path, &credentials_path);
  g_assert_cmpstr (config_path, ==, "/home/someone/conf/aws");
  g_assert_cmpstr (credentials_path, ==, "/home/someone");
  profile = drso_aws_config_get_default_profile (tilde);
  g_assert_cmpstr (profile, ==, "first");
  g_clear_pointer (&config_path, g_free);
  g_clear_pointer (&credentials_path, g_free);
  g_clear_pointer (&profile, g_free);

  /* Empty variables count as unset. */
  drso_aws_config_locate (empty, &config_path, &credentials_path);
  g_assert_cmpstr (config_path, ==, "/h/.aws/config");
  g_assert_cmpstr (credentials_path, ==, "/h/.aws/credentials");
  profile = drso_aws_config_get_default_profile (empty);
  g_assert_cmpstr (profile, ==, "default");
}

static void
test_load (void)
{
  g_autofree char *aws_dir = g_build_filename (g_get_home_dir (), ".aws", NULL);
  g_autofree char *config_path = g_build_filename (aws_dir, "config", NULL);
  g_autofree char *fixture = NULL;
  g_autoptr(DrsoAwsConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  /* The isolated home is the test's own; GLib points $HOME at /dev/null. */
  g_setenv ("HOME", g_get_home_dir (), TRUE);
  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");

  /* Neither file exists: an empty configuration. */
  config = drso_aws_config_load (&error);
  g_assert_no_error (error);
  names = drso_aws_config_get_profile_names (config);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);
  g_clear_pointer (&config, drso_aws_config_unref);

  /* $HOME/.aws/config */
  g_assert_cmpint (g_mkdir_with_parents (aws_dir, 0700), ==, 0);
  g_file_set_contents (config_path, "[profile home]\nregion = eu-north-1\n", -1, &error);
  g_assert_no_error (error);
  config = drso_aws_config_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_config_get_value (config, "home", "region"), ==, "eu-north-1");
  g_clear_pointer (&config, drso_aws_config_unref);

  /* AWS_CONFIG_FILE wins; a missing credentials file is empty. */
  fixture = g_test_build_filename (G_TEST_DIST, "data", "aws-config", "chains.config", NULL);
  g_setenv ("AWS_CONFIG_FILE", fixture, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/nothing-here", TRUE);
  config = drso_aws_config_load (&error);
  g_assert_no_error (error);
  g_assert_false (drso_aws_config_has_profile (config, "home"));
  g_assert_true (drso_aws_config_has_profile (config, "chain-a"));
  g_assert_null (drso_aws_config_get_value (config, "base", "aws_access_key_id"));
  g_clear_pointer (&config, drso_aws_config_unref);

  /* Like botocore, what is not a regular file counts as empty. */
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", aws_dir, TRUE);
  config = drso_aws_config_load (&error);
  g_assert_no_error (error);
  g_assert_true (drso_aws_config_has_profile (config, "chain-a"));
  g_clear_pointer (&config, drso_aws_config_unref);

  /* A file that cannot be read is an error. */
  if (getuid () != 0)
    {
      g_assert_cmpint (g_chmod (config_path, 0), ==, 0);
      g_setenv ("AWS_CONFIG_FILE", config_path, TRUE);
      config = drso_aws_config_load (&error);
      g_assert_null (config);
      assert_clean_error (error);
      g_clear_error (&error);
    }

  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
}

/* Resolution */

static DrsoAwsConfig *
load_chains (void)
{
  g_autofree char *config_path = NULL;
  g_autofree char *credentials_path = NULL;
  g_autoptr(GError) error = NULL;
  DrsoAwsConfig *config;

  config_path = g_test_build_filename (G_TEST_DIST, "data", "aws-config", "chains.config", NULL);
  credentials_path = g_test_build_filename (G_TEST_DIST, "data", "aws-config",
                                            "chains.credentials", NULL);
  config = drso_aws_config_new_from_files (config_path, credentials_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (config);
  return config;
}

static void
assert_resolve_fails (DrsoAwsConfig *config,
                      const char    *profile,
                      gint           code,
                      const char    *needle)
{
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = drso_aws_config_resolve (config, profile, &error);
  g_assert_null (plan);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, code, needle);
}

static void
test_resolve_static (void)
{
  g_autoptr(DrsoAwsConfig) config = load_chains ();
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DrsoAwsCredentials *credentials;

  plan = drso_aws_config_resolve (config, "static", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credential_plan_get_profile (plan), ==, "static");
  g_assert_cmpint (drso_aws_credential_plan_get_source (plan), ==,
                   DRSO_AWS_CREDENTIAL_SOURCE_STATIC);
  g_assert_cmpstr (drso_aws_credential_plan_get_source_profile (plan), ==, "static");
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 0);
  g_assert_null (drso_aws_credential_plan_get_process_command (plan));
  g_assert_cmpstr (drso_aws_credential_plan_get_region (plan), ==, "us-east-2");
  g_assert_cmpstr (drso_aws_credential_plan_get_endpoint_url (plan), ==, "http://localhost:4566");

  credentials = drso_aws_credential_plan_get_static_credentials (plan);
  g_assert_nonnull (credentials);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (credentials), ==, "AKIDSTATIC");
  g_assert_cmpstr (drso_aws_credentials_get_secret_access_key (credentials), ==, "static-secret");
  g_assert_cmpstr (drso_aws_credentials_get_session_token (credentials), ==, "static-token");
  g_assert_cmpstr (drso_aws_credentials_get_account_id (credentials), ==, "210987654321");
  g_assert_cmpint (drso_aws_credentials_get_expiration (credentials), ==, 0);
  g_clear_pointer (&plan, drso_aws_credential_plan_unref);

  /* The legacy aws_security_token name. */
  plan = drso_aws_config_resolve (config, "legacy", &error);
  g_assert_no_error (error);
  credentials = drso_aws_credential_plan_get_static_credentials (plan);
  g_assert_cmpstr (drso_aws_credentials_get_session_token (credentials), ==, "legacy-token");
  g_assert_null (drso_aws_credential_plan_get_region (plan));
}

static void
test_resolve_chain (void)
{
  g_autoptr(DrsoAwsConfig) config = load_chains ();
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const DrsoAwsRoleStep *step;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 stamp;

  plan = drso_aws_config_resolve (config, "chain-a", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_aws_credential_plan_get_source (plan), ==,
                   DRSO_AWS_CREDENTIAL_SOURCE_STATIC);
  g_assert_cmpstr (drso_aws_credential_plan_get_source_profile (plan), ==, "base");
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (
                     drso_aws_credential_plan_get_static_credentials (plan)), ==, "AKIDBASE");
  g_assert_cmpstr (drso_aws_credential_plan_get_region (plan), ==, "eu-central-1");
  g_assert_cmpstr (drso_aws_credential_plan_get_endpoint_url (plan), ==,
                   "https://drs.example.test");

  /* Roles in the order they are assumed: the source's first. */
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 3);

  step = drso_aws_credential_plan_get_role_step (plan, 0);
  g_assert_cmpstr (step->profile, ==, "chain-c");
  g_assert_cmpstr (step->role_arn, ==, "arn:aws:iam::333333333333:role/C");
  g_assert_null (step->external_id);
  g_assert_cmpuint (step->duration_seconds, ==, 900);
  g_assert_true (g_str_has_prefix (step->role_session_name, "drso-session-"));
  g_assert_true (g_ascii_string_to_signed (step->role_session_name + strlen ("drso-session-"),
                                           10, now - 60, now + 60, &stamp, NULL));

  step = drso_aws_credential_plan_get_role_step (plan, 1);
  g_assert_cmpstr (step->profile, ==, "chain-b");
  g_assert_cmpstr (step->role_arn, ==, "arn:aws:iam::222222222222:role/B");
  g_assert_cmpstr (step->role_session_name, ==, "session-b");
  g_assert_cmpuint (step->duration_seconds, ==, 0);

  step = drso_aws_credential_plan_get_role_step (plan, 2);
  g_assert_cmpstr (step->profile, ==, "chain-a");
  g_assert_cmpstr (step->role_arn, ==, "arn:aws:iam::111111111111:role/A");
  g_assert_cmpstr (step->external_id, ==, "ext-a");
  g_assert_cmpuint (step->duration_seconds, ==, 3600);
  g_clear_pointer (&plan, drso_aws_credential_plan_unref);

  /* A source profile with keys stops the chain, even with a role of its own. */
  plan = drso_aws_config_resolve (config, "stop", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credential_plan_get_source_profile (plan), ==, "keyed");
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 1);
  g_assert_cmpstr (drso_aws_credential_plan_get_role_step (plan, 0)->role_arn, ==,
                   "arn:aws:iam::444444444444:role/Stop");
  g_clear_pointer (&plan, drso_aws_credential_plan_unref);

  /* A source profile with a credential_process. */
  plan = drso_aws_config_resolve (config, "process-role", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_aws_credential_plan_get_source (plan), ==,
                   DRSO_AWS_CREDENTIAL_SOURCE_PROCESS);
  g_assert_cmpstr (drso_aws_credential_plan_get_source_profile (plan), ==, "process");
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 1);
}

static void
test_resolve_sources (void)
{
  g_autoptr(DrsoAwsConfig) config = load_chains ();
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = drso_aws_config_resolve (config, "env-role", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_aws_credential_plan_get_source (plan), ==,
                   DRSO_AWS_CREDENTIAL_SOURCE_ENVIRONMENT);
  g_assert_null (drso_aws_credential_plan_get_source_profile (plan));
  g_assert_null (drso_aws_credential_plan_get_static_credentials (plan));
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 1);
  g_assert_cmpstr (drso_aws_credential_plan_get_role_step (plan, 0)->role_arn, ==,
                   "arn:aws:iam::666666666666:role/Env");
  g_clear_pointer (&plan, drso_aws_credential_plan_unref);

  plan = drso_aws_config_resolve (config, "process", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_aws_credential_plan_get_source (plan), ==,
                   DRSO_AWS_CREDENTIAL_SOURCE_PROCESS);
  g_assert_cmpstr (drso_aws_credential_plan_get_process_command (plan), ==,
                   "/usr/bin/example-helper --profile \"with space\"");
  g_assert_cmpstr (drso_aws_credential_plan_get_region (plan), ==, "ap-southeast-2");
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 0);
  g_clear_pointer (&plan, drso_aws_credential_plan_unref);

  /* NULL is the default profile, which has a region but no credentials. */
  assert_resolve_fails (config, NULL, DRSO_AWS_CONFIG_ERROR_NO_CREDENTIALS,
                        "profile “default” has no credentials");
}

static void
test_resolve_self_reference (void)
{
  g_autoptr(DrsoAwsConfig) config = load_chains ();
  g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = drso_aws_config_resolve (config, "self-keys", &error);
  g_assert_no_error (error);
  g_assert_cmpint (drso_aws_credential_plan_get_source (plan), ==,
                   DRSO_AWS_CREDENTIAL_SOURCE_STATIC);
  g_assert_cmpstr (drso_aws_credential_plan_get_source_profile (plan), ==, "self-keys");
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (
                     drso_aws_credential_plan_get_static_credentials (plan)), ==, "AKIDSELF");
  g_assert_cmpuint (drso_aws_credential_plan_get_n_role_steps (plan), ==, 1);
  g_assert_cmpstr (drso_aws_credential_plan_get_role_step (plan, 0)->role_arn, ==,
                   "arn:aws:iam::999999999999:role/Self");

  assert_resolve_fails (config, "self-nokeys", DRSO_AWS_CONFIG_ERROR_LOOP,
                        "self-nokeys → self-nokeys");
}

static void
test_resolve_errors (void)
{
  g_autoptr(DrsoAwsConfig) config = load_chains ();

  assert_resolve_fails (config, "nobody", DRSO_AWS_CONFIG_ERROR_NO_PROFILE, "“nobody”");
  assert_resolve_fails (config, "both", DRSO_AWS_CONFIG_ERROR_INVALID,
                        "both source_profile and credential_source");
  assert_resolve_fails (config, "neither", DRSO_AWS_CONFIG_ERROR_INVALID,
                        "neither source_profile nor credential_source");
  assert_resolve_fails (config, "missing-source", DRSO_AWS_CONFIG_ERROR_NO_PROFILE,
                        "“nowhere”");
  assert_resolve_fails (config, "loop-a", DRSO_AWS_CONFIG_ERROR_LOOP,
                        "loop-a → loop-b → loop-a");
  assert_resolve_fails (config, "loop-b", DRSO_AWS_CONFIG_ERROR_LOOP,
                        "loop-b → loop-a → loop-b");
  assert_resolve_fails (config, "mfa", DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                        "MFA is not supported");
  assert_resolve_fails (config, "short", DRSO_AWS_CONFIG_ERROR_INVALID, "not “100”");
  assert_resolve_fails (config, "ec2-role", DRSO_AWS_CONFIG_ERROR_UNSUPPORTED,
                        "not available on a desktop");
  assert_resolve_fails (config, "odd-source", DRSO_AWS_CONFIG_ERROR_INVALID, "“Somewhere”");
  assert_resolve_fails (config, "half", DRSO_AWS_CONFIG_ERROR_INVALID, "aws_secret_access_key");
  assert_resolve_fails (config, "empty", DRSO_AWS_CONFIG_ERROR_NO_CREDENTIALS,
                        "profile “empty” has no credentials");
  assert_resolve_fails (config, "sso", DRSO_AWS_CONFIG_ERROR_UNSUPPORTED, "SSO");
}

static void
test_resolve_duration_bounds (void)
{
  static const struct { const char *value; gboolean ok; } cases[] = {
    { "900", TRUE }, { "43200", TRUE }, { "899", FALSE }, { "43201", FALSE },
    { "100", FALSE }, { "1h", FALSE }, { "-900", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("[profile r]\nrole_arn = arn:aws:iam::1:role/R\n"
                                               "source_profile = r\nduration_seconds = %s\n",
                                               cases[i].value);
      g_autoptr(DrsoAwsConfig) config = NULL;
      g_autoptr(DrsoAwsCredentialPlan) plan = NULL;
      g_autoptr(GError) error = NULL;

      config = drso_aws_config_new_from_data (text, "[r]\naws_access_key_id = A\n"
                                              "aws_secret_access_key = " PLANTED_SECRET "\n",
                                              &error);
      g_assert_no_error (error);
      plan = drso_aws_config_resolve (config, "r", &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (drso_aws_credential_plan_get_role_step (plan, 0)->duration_seconds,
                            ==, atoi (cases[i].value));
        }
      else
        assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                            "duration_seconds");
    }
}

/* Environment */

static void
test_environment (void)
{
  const char *none[] = { "HOME=/h", "AWS_ACCESS_KEY_ID=", NULL };
  const char *full[] = { "AWS_ACCESS_KEY_ID=AKIDENV",
                         "AWS_SECRET_ACCESS_KEY=" PLANTED_SECRET,
                         "AWS_SESSION_TOKEN=env-token",
                         "AWS_SECURITY_TOKEN=legacy-token",
                         "AWS_CREDENTIAL_EXPIRATION=2030-01-02T03:04:05Z",
                         "AWS_ACCOUNT_ID=123456789012",
                         NULL };
  const char *legacy[] = { "AWS_ACCESS_KEY_ID=AKIDENV",
                           "AWS_SECRET_ACCESS_KEY=" PLANTED_SECRET,
                           "AWS_SECURITY_TOKEN=legacy-token",
                           NULL };
  const char *no_id[] = { "AWS_SECRET_ACCESS_KEY=" PLANTED_SECRET, NULL };
  const char *no_secret[] = { "AWS_ACCESS_KEY_ID=AKIDENV", NULL };
  const char *bad_time[] = { "AWS_ACCESS_KEY_ID=AKIDENV",
                             "AWS_SECRET_ACCESS_KEY=" PLANTED_SECRET,
                             "AWS_CREDENTIAL_EXPIRATION=" PLANTED_SECRET,
                             NULL };
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2030, 1, 2, 3, 4, 5);

  credentials = drso_aws_credentials_from_environment (none, &error);
  g_assert_no_error (error);
  g_assert_null (credentials);

  credentials = drso_aws_credentials_from_environment (full, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (credentials), ==, "AKIDENV");
  g_assert_cmpstr (drso_aws_credentials_get_secret_access_key (credentials), ==, PLANTED_SECRET);
  g_assert_cmpstr (drso_aws_credentials_get_session_token (credentials), ==, "env-token");
  g_assert_cmpint (drso_aws_credentials_get_expiration (credentials), ==,
                   g_date_time_to_unix (expected));
  g_assert_cmpstr (drso_aws_credentials_get_account_id (credentials), ==, "123456789012");
  g_clear_pointer (&credentials, drso_aws_credentials_unref);

  credentials = drso_aws_credentials_from_environment (legacy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_session_token (credentials), ==, "legacy-token");
  g_assert_cmpint (drso_aws_credentials_get_expiration (credentials), ==, 0);
  g_assert_null (drso_aws_credentials_get_account_id (credentials));
  g_clear_pointer (&credentials, drso_aws_credentials_unref);

  credentials = drso_aws_credentials_from_environment (no_id, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                      "AWS_ACCESS_KEY_ID is not");
  g_clear_error (&error);

  credentials = drso_aws_credentials_from_environment (no_secret, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                      "AWS_SECRET_ACCESS_KEY is not");
  g_clear_error (&error);

  credentials = drso_aws_credentials_from_environment (bad_time, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                      "AWS_CREDENTIAL_EXPIRATION");
}

/* credential_process */

/* Writes an executable shell script into the test's own folder. */
static char *
write_script (const char *name,
              const char *body)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "scripts", NULL);
  g_autofree char *text = g_strconcat ("#!/bin/sh\n", body, NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static void
process_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static DrsoAwsCredentials *
run_process (const char    *command,
             guint          timeout_ms,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  DrsoAwsCredentials *credentials;

  if (timeout_ms == 0)
    drso_aws_run_credential_process_async (command, cancellable, process_done_cb, &result);
  else
    drso_aws_run_credential_process_full_async (command, timeout_ms, cancellable,
                                                process_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  credentials = drso_aws_run_credential_process_finish (result, error);
  if (credentials == NULL)
    assert_clean_error (*error);
  return credentials;
}

static void
assert_process_fails (const char *script_name,
                      const char *body,
                      const char *needle)
{
  g_autofree char *script = write_script (script_name, body);
  g_autofree char *command = g_shell_quote (script);
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = run_process (command, 0, NULL, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS, needle);
  g_assert_null (strstr (error->message, "{"));
}

static void
test_process_good (void)
{
  g_autofree char *script = NULL;
  g_autofree char *command = NULL;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2030, 1, 2, 3, 4, 5);

  /* Arguments are split like a shell's, but no shell expands them. */
  script = write_script ("good",
                         "printf '{\"Version\": 1, \"AccessKeyId\": \"%s|%s\", "
                         "\"SecretAccessKey\": \"" PLANTED_SECRET "\", "
                         "\"SessionToken\": \"process-token\", "
                         "\"Expiration\": \"2030-01-02T03:04:05Z\", "
                         "\"AccountId\": \"123456789012\"}\\n' \"$1\" \"$2\"\n"
                         "echo 'a warning' >&2\n");
  command = g_strdup_printf ("%s 'with space' $HOME", script);
  credentials = run_process (command, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (credentials), ==, "with space|$HOME");
  g_assert_cmpstr (drso_aws_credentials_get_secret_access_key (credentials), ==, PLANTED_SECRET);
  g_assert_cmpstr (drso_aws_credentials_get_session_token (credentials), ==, "process-token");
  g_assert_cmpint (drso_aws_credentials_get_expiration (credentials), ==,
                   g_date_time_to_unix (expected));
  g_assert_cmpstr (drso_aws_credentials_get_account_id (credentials), ==, "123456789012");
  g_clear_pointer (&credentials, drso_aws_credentials_unref);
  g_clear_pointer (&script, g_free);
  g_clear_pointer (&command, g_free);

  /* Long-term keys: no token, no expiration. */
  script = write_script ("minimal",
                         "echo '{\"Version\":1,\"AccessKeyId\":\"AKIDMIN\","
                         "\"SecretAccessKey\":\"" PLANTED_SECRET "\"}'\n");
  command = g_shell_quote (script);
  credentials = run_process (command, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (drso_aws_credentials_get_access_key_id (credentials), ==, "AKIDMIN");
  g_assert_null (drso_aws_credentials_get_session_token (credentials));
  g_assert_cmpint (drso_aws_credentials_get_expiration (credentials), ==, 0);
  g_assert_null (drso_aws_credentials_get_account_id (credentials));
}

static void
test_process_errors (void)
{
  assert_process_fails ("version2",
                        "echo '{\"Version\":2,\"AccessKeyId\":\"AKID\","
                        "\"SecretAccessKey\":\"" PLANTED_SECRET "\"}'\n",
                        "Version other than 1");
  assert_process_fails ("no-version",
                        "echo '{\"AccessKeyId\":\"AKID\","
                        "\"SecretAccessKey\":\"" PLANTED_SECRET "\"}'\n",
                        "printed no Version");
  assert_process_fails ("not-json",
                        "echo 'AccessKeyId=AKID SecretAccessKey=" PLANTED_SECRET " {'\n",
                        "did not print a JSON object");
  assert_process_fails ("json-array",
                        "echo '[\"" PLANTED_SECRET "\"]'\n",
                        "did not print a JSON object");
  assert_process_fails ("silent", "exit 0\n", "printed nothing");
  assert_process_fails ("no-access-key",
                        "echo '{\"Version\":1,\"SecretAccessKey\":\"" PLANTED_SECRET "\"}'\n",
                        "printed no AccessKeyId");
  assert_process_fails ("no-secret",
                        "echo '{\"Version\":1,\"AccessKeyId\":\"AKID\","
                        "\"SessionToken\":\"" PLANTED_SECRET "\"}'\n",
                        "printed no SecretAccessKey");
  assert_process_fails ("bad-expiration",
                        "echo '{\"Version\":1,\"AccessKeyId\":\"AKID\","
                        "\"SecretAccessKey\":\"x\",\"Expiration\":\"" PLANTED_SECRET "\"}'\n",
                        "Expiration that is not an ISO 8601 time");

  /* The exit status, with the first line of standard error. */
  assert_process_fails ("exit3",
                        "echo '{\"Version\":1,\"AccessKeyId\":\"AKID\","
                        "\"SecretAccessKey\":\"" PLANTED_SECRET "\"}'\n"
                        "printf 'token expired, run login\\nsecond line\\n' >&2\n"
                        "exit 3\n",
                        "exited with status 3: token expired, run login");

  /* A standard error that repeats a secret or the output is left out. */
  assert_process_fails ("exit3-echo-secret",
                        "echo '{\"Version\":1,\"AccessKeyId\":\"AKID\","
                        "\"SecretAccessKey\":\"" PLANTED_SECRET "\"}'\n"
                        "echo 'the secret is " PLANTED_SECRET " (oops)' >&2\n"
                        "exit 3\n",
                        "exited with status 3");
  assert_process_fails ("exit4-echo-output",
                        "echo 'raw " PLANTED_SECRET " output'\n"
                        "echo 'raw " PLANTED_SECRET " output' >&2\n"
                        "exit 4\n",
                        "exited with status 4");
  assert_process_fails ("killed", "kill -9 $$\n", "killed by signal 9");
}

static void
test_process_start_failures (void)
{
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = run_process ("/nonexistent/credential-helper --flag", 0, NULL, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                      "could not start");
  g_clear_error (&error);

  credentials = run_process ("helper 'unterminated", 0, NULL, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                      "cannot be read");
  g_clear_error (&error);

  credentials = run_process ("   ", 0, NULL, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                      "cannot be read");
}

static void
test_process_timeout (void)
{
  g_autofree char *script = write_script ("slow", "exec sleep 30\n");
  g_autofree char *command = g_shell_quote (script);
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  credentials = run_process (command, 300, NULL, &error);
  g_assert_null (credentials);
  assert_error_names (error, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                      "did not finish within 1 second");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_process_cancel (void)
{
  g_autofree char *script = write_script ("slow", "exec sleep 30\n");
  g_autofree char *command = g_shell_quote (script);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_timeout_add (100, cancel_cb, cancellable);
  credentials = run_process (command, 0, cancellable, &error);
  g_assert_null (credentials);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_testdata_cases ("profile-parser-tests.json", "/aws-config/parser", test_parser_case);
  add_testdata_cases ("file-location-tests.json", "/aws-config/location", test_location_case);

  g_test_add_func ("/aws-config/parser/own/line-numbers", test_parser_line_numbers);
  g_test_add_func ("/aws-config/parser/own/accessors", test_parser_accessors);
  g_test_add_func ("/aws-config/location/own", test_locate_own);
  g_test_add_func ("/aws-config/load", test_load);

  g_test_add_func ("/aws-config/resolve/static", test_resolve_static);
  g_test_add_func ("/aws-config/resolve/chain", test_resolve_chain);
  g_test_add_func ("/aws-config/resolve/sources", test_resolve_sources);
  g_test_add_func ("/aws-config/resolve/self-reference", test_resolve_self_reference);
  g_test_add_func ("/aws-config/resolve/errors", test_resolve_errors);
  g_test_add_func ("/aws-config/resolve/duration-bounds", test_resolve_duration_bounds);

  g_test_add_func ("/aws-config/environment", test_environment);

  g_test_add_func ("/aws-config/process/good", test_process_good);
  g_test_add_func ("/aws-config/process/errors", test_process_errors);
  g_test_add_func ("/aws-config/process/start-failures", test_process_start_failures);
  g_test_add_func ("/aws-config/process/timeout", test_process_timeout);
  g_test_add_func ("/aws-config/process/cancel", test_process_cancel);

  return g_test_run ();
}
