/* test-model.c
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

#include <string.h>

#include "drso.h"
#include "drso-test-util.h"

#define ACCOUNT_ID  "123456789012"
#define OTHER_ID    "210987654321"
#define SERVER_A    "s-1234567890abcdef0"
#define SERVER_B    "s-0987654321fedcba0"
#define SERVER_C    "s-00000000000000001"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static gulong
watch_notify (gpointer    object,
              const char *property,
              guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property));
  *count = 0;
  return g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), count);
}

/* Runs @set twice: the first call must notify @property exactly once, the
 * second (the same value again) not at all. */
#define assert_notifies_once(object, property, set)                              \
  G_STMT_START {                                                                \
    guint count_ = 0;                                                           \
    gulong id_ = watch_notify ((object), (property), &count_);                  \
    set;                                                                        \
    g_assert_cmpuint (count_, ==, 1);                                           \
    set;                                                                        \
    g_assert_cmpuint (count_, ==, 1);                                           \
    g_signal_handler_disconnect ((object), id_);                                \
  } G_STMT_END

static char *
repeat_char (char  c,
             gsize n)
{
  char *str = g_malloc (n + 1);

  memset (str, c, n);
  str[n] = '\0';
  return str;
}

static char *
repeat_string (const char *s,
               guint       n)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (str, s);
  return g_string_free (str, FALSE);
}

static GHashTable *
new_tags (const char *first_key,
          ...)
{
  GHashTable *tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (tags, g_strdup (key), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return tags;
}

static DrsoWave *
new_wave (const char *name,
          const char *first_group,
          ...)
{
  DrsoWave *wave = drso_wave_new (name);
  va_list args;

  va_start (args, first_group);
  for (const char *g = first_group; g != NULL; g = va_arg (args, const char *))
    drso_wave_add_protection_group_id (wave, g);
  va_end (args);
  return wave;
}

static void
append_wave (DrsoRecoveryPlan *plan,
             const char       *name,
             const char       *group_id,
             guint             duration)
{
  g_autoptr(DrsoWave) wave = new_wave (name, group_id, NULL);

  drso_wave_set_estimated_duration (wave, duration);
  drso_recovery_plan_append_wave (plan, wave);
}

/* Checks that the plan's waves are named @names (NULL-terminated) in order
 * and numbered 1..n. */
static void
assert_waves (DrsoRecoveryPlan   *plan,
              const char * const *names)
{
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  guint n = g_strv_length ((char **) names);

  g_assert_cmpuint (g_list_model_get_n_items (waves), ==, n);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);

      g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, names[i]);
      g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, i + 1);
      g_assert_true (drso_recovery_plan_get_wave (plan, i + 1) == wave);
    }
  g_assert_null (drso_recovery_plan_get_wave (plan, 0));
  g_assert_null (drso_recovery_plan_get_wave (plan, n + 1));
}

static DrsoAccount *
new_valid_account (void)
{
  DrsoAccount *account = drso_account_new (ACCOUNT_ID, "Production");
  const char *regions[] = { "us-east-1", "eu-west-1", NULL };

  drso_account_set_role_arn (account, "arn:aws:iam::" ACCOUNT_ID ":role/DRS-Orchestrator");
  drso_account_set_external_id (account, "drs-orchestration-external-id");
  drso_account_set_regions (account, regions);
  return account;
}

static DrsoProtectionGroup *
new_valid_group (void)
{
  DrsoProtectionGroup *group = drso_protection_group_new ("Web", ACCOUNT_ID, "us-east-1");

  drso_protection_group_add_server_id (group, SERVER_A);
  return group;
}

/* Validation functions */

static void
test_validate_account_id (void)
{
  static const struct { const char *id; const char *needle; } bad[] = {
    { "12345678901", "12345678901" },
    { "1234567890123", "1234567890123" },
    { "12345678901a", "12345678901a" },
    { "abcdefghijkl", "abcdefghijkl" },
    { " 23456789012", " 23456789012" },
    { "", "12 digits" },
    { NULL, "12 digits" },
  };

  g_assert_true (drso_validate_account_id (ACCOUNT_ID, NULL));
  g_assert_true (drso_validate_account_id ("000000000000", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_account_id (bad[i].id, &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID,
                                    bad[i].needle);
    }
}

static void
test_validate_role_arn (void)
{
  static const char * const good[] = {
    "arn:aws:iam::123456789012:role/DRS-Orchestration-CrossAccount-Role",
    "arn:aws:iam::123456789012:role/path/Name",
    "arn:aws:iam::123456789012:role/service-role/deep/path/Name",
    "arn:aws-us-gov:iam::123456789012:role/Name",
    "arn:aws-cn:iam::123456789012:role/Name",
    "arn:aws:iam::123456789012:role/a_b+c=d,e.f@g-h",
    "arn:aws:iam::123456789012:role/X",
  };
  static const char * const bad[] = {
    "arn:aws:s3::123456789012:role/Name",         /* wrong service */
    "arn:aws:sts::123456789012:role/Name",        /* wrong service */
    "arn:aws:iam:::role/Name",                    /* missing account */
    "arn:aws:iam::12345678901:role/Name",         /* 11 digits */
    "arn:aws:iam::1234567890123:role/Name",       /* 13 digits */
    "arn:aws:iam::12345678901x:role/Name",        /* not digits */
    "arn:aws:iam:us-east-1:123456789012:role/Name", /* region not empty */
    "arn:aws:iam::123456789012:user/Name",        /* not a role */
    "arn:aws:iam::123456789012:Name",             /* missing role/ */
    "arn:aws:iam::123456789012:role/Name/",       /* trailing slash */
    "arn:aws:iam::123456789012:role/",            /* empty name */
    "arn:aws:iam::123456789012:role/Bad Name",    /* space */
    "arn:aws:iam::123456789012:role/Bad#Name",    /* # */
    "arn:aws:iam::123456789012:role/Bad:Name",    /* : */
    "arn:azure:iam::123456789012:role/Name",      /* not an AWS partition */
    "arn:aws_x:iam::123456789012:role/Name",      /* bad partition character */
    "arm:aws:iam::123456789012:role/Name",        /* not arn: */
    "arn:aws:iam::123456789012",                  /* too few parts */
    "not-an-arn-at-all-really",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (drso_validate_role_arn (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("role ARN %s", bad[i]);
      g_assert_false (drso_validate_role_arn (bad[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
                                    bad[i]);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (drso_validate_role_arn (NULL, &error));
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
                                  "arn:aws:iam::123456789012:role/RoleName");
  }
}

static void
test_role_arn_account_id (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *with_path = NULL;
  g_autofree char *gov = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *user = NULL;

  plain = drso_role_arn_dup_account_id ("arn:aws:iam::123456789012:role/Name");
  with_path = drso_role_arn_dup_account_id ("arn:aws:iam::210987654321:role/path/Name");
  gov = drso_role_arn_dup_account_id ("arn:aws-us-gov:iam::000000000001:role/Name");
  bad = drso_role_arn_dup_account_id ("arn:aws:iam::12345:role/Name");
  user = drso_role_arn_dup_account_id ("arn:aws:iam::123456789012:user/Name");

  g_assert_cmpstr (plain, ==, "123456789012");
  g_assert_cmpstr (with_path, ==, "210987654321");
  g_assert_cmpstr (gov, ==, "000000000001");
  g_assert_null (bad);
  g_assert_null (user);
  g_assert_null (drso_role_arn_dup_account_id (NULL));
}

static void
test_validate_external_id (void)
{
  g_autofree char *longest = repeat_char ('x', 1224);
  g_autofree char *too_long = repeat_char ('x', 1225);
  const char *bad[] = { "a", "", NULL, too_long, "has space", "semi;colon", "caf\xc3\xa9" };

  g_assert_true (drso_validate_external_id ("ab", NULL));
  g_assert_true (drso_validate_external_id ("drs-orchestration-external-id", NULL));
  g_assert_true (drso_validate_external_id ("a_b+c=d,e.f@g:h/i-j", NULL));
  g_assert_true (drso_validate_external_id (longest, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_external_id (bad[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_EXTERNAL_ID,
                                    "1224");
    }
}

static void
test_validate_region (void)
{
  static const char * const good[] = {
    "eu-west-1", "us-east-1", "us-gov-west-1", "ap-southeast-2", "cn-north-1", "me-central-1",
  };
  static const char * const bad[] = {
    "US-EAST-1", "us-east", "useast1", "us-east-1a", "u1-east-1", "usa-east-1", "us--1",
    "-east-1", "us-east-", "us_east_1", "us-east-1 ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (drso_validate_region (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("region %s", bad[i]);
      g_assert_false (drso_validate_region (bad[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                                    bad[i]);
    }

  {
    g_autoptr(GError) empty = NULL;
    g_autoptr(GError) null = NULL;

    g_assert_false (drso_validate_region ("", &empty));
    drso_test_assert_error_names (empty, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                                  "eu-west-1");
    g_assert_false (drso_validate_region (NULL, &null));
    drso_test_assert_error_names (null, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                                  "eu-west-1");
  }
}

static void
test_validate_source_server_id (void)
{
  static const char * const bad[] = {
    "s-1234567890abcdef",      /* 16 */
    "s-1234567890abcdef01",    /* 18 */
    "s-1234567890abcde_0",     /* bad character */
    "s-1234567890abcde-0",     /* bad character */
    "x-1234567890abcdef0",     /* wrong prefix */
    "1234567890abcdef012",     /* no prefix */
    "S-1234567890abcdef0",     /* upper-case prefix */
  };

  g_assert_true (drso_validate_source_server_id (SERVER_A, NULL));
  g_assert_true (drso_validate_source_server_id (SERVER_B, NULL));
  g_assert_true (drso_validate_source_server_id ("s-ABCDEFGHIJ0123456", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_source_server_id (bad[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID,
                                    bad[i]);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (drso_validate_source_server_id (NULL, &error));
    drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID,
                                  "17");
  }
}

static void
test_validate_name (void)
{
  g_autofree char *ascii_256 = repeat_char ('n', 256);
  g_autofree char *ascii_257 = repeat_char ('n', 257);
  g_autofree char *utf8_256 = repeat_string ("\xc3\xa9", 256);   /* é, 2 bytes each */
  g_autofree char *utf8_257 = repeat_string ("\xc3\xa9", 257);
  const char *required[] = { "", " ", "   \t  ", NULL };
  const char *too_long[] = { ascii_257, utf8_257 };
  const char *control[] = { "Web\tTier", "Web\nTier", "Web\x7fTier", "Web\xc2\x85Tier" };

  g_assert_true (drso_validate_name ("protection group", "Web Tier Servers", NULL));
  g_assert_true (drso_validate_name ("protection group", "x", NULL));
  g_assert_true (drso_validate_name ("protection group", ascii_256, NULL));
  g_assert_true (drso_validate_name ("protection group", utf8_256, NULL));
  g_assert_true (drso_validate_name ("recovery plan", "Plan \xe2\x80\x94 production", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_name ("protection group", required[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED,
                                    "protection group");
    }

  for (guint i = 0; i < G_N_ELEMENTS (too_long); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_name ("recovery plan", too_long[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_TOO_LONG, "256");
      g_assert_nonnull (strstr (error->message, "recovery plan"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (control); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_name ("wave", control[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                    "control character");
      g_assert_nonnull (strstr (error->message, "wave"));
    }
}

static void
test_validate_id (void)
{
  g_autofree char *longest = repeat_char ('a', 128);
  g_autofree char *too_long = repeat_char ('a', 129);
  const char *good[] = { "pg-uuid", "plan-3f1c.v2", "a_b:c-d.e", "7", longest };
  const char *bad[] = { "has space", "slash/id", "caf\xc3\xa9", "semi;", too_long };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (drso_validate_id ("protection group", good[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_validate_id ("protection group", bad[i], &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID, bad[i]);
      g_assert_nonnull (strstr (error->message, "protection group"));
    }

  {
    g_autoptr(GError) empty = NULL;
    g_autoptr(GError) null = NULL;

    g_assert_false (drso_validate_id ("recovery plan", "", &empty));
    drso_test_assert_error_names (empty, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID,
                                  "recovery plan");
    g_assert_false (drso_validate_id ("recovery plan", NULL, &null));
    drso_test_assert_error_names (null, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID, "128");
  }
}

static void
test_validate_tag (void)
{
  g_autofree char *key_128 = repeat_char ('k', 128);
  g_autofree char *key_129 = repeat_char ('k', 129);
  g_autofree char *value_256 = repeat_char ('v', 256);
  g_autofree char *value_257 = repeat_char ('v', 257);
  g_autofree char *utf8_value_256 = repeat_string ("\xc3\xa9", 256);
  g_autoptr(GError) key_long = NULL;
  g_autoptr(GError) key_empty = NULL;
  g_autoptr(GError) key_null = NULL;
  g_autoptr(GError) key_control = NULL;
  g_autoptr(GError) value_long = NULL;
  g_autoptr(GError) value_null = NULL;
  g_autoptr(GError) value_control = NULL;

  g_assert_true (drso_validate_tag ("Environment", "production", NULL));
  g_assert_true (drso_validate_tag ("Environment", "", NULL));
  g_assert_true (drso_validate_tag (key_128, value_256, NULL));
  g_assert_true (drso_validate_tag ("aws:cloudformation:stack-name", utf8_value_256, NULL));

  g_assert_false (drso_validate_tag (key_129, "x", &key_long));
  drso_test_assert_error_names (key_long, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG, key_129);
  g_assert_false (drso_validate_tag ("", "x", &key_empty));
  drso_test_assert_error_names (key_empty, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG, "128");
  g_assert_false (drso_validate_tag (NULL, "x", &key_null));
  drso_test_assert_error_names (key_null, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                                "tag key");
  g_assert_false (drso_validate_tag ("Bad\nKey", "x", &key_control));
  g_assert_error (key_control, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG);

  g_assert_false (drso_validate_tag ("Tier", value_257, &value_long));
  drso_test_assert_error_names (value_long, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG, "Tier");
  g_assert_nonnull (strstr (value_long->message, "256"));
  g_assert_false (drso_validate_tag ("Owner", NULL, &value_null));
  drso_test_assert_error_names (value_null, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                                "Owner");
  g_assert_false (drso_validate_tag ("Owner", "a\tb", &value_control));
  drso_test_assert_error_names (value_control, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG,
                                "Owner");
}

/* drso_document_validate () */

static void
test_account_validate (void)
{
  g_autoptr(DrsoAccount) account = new_valid_account ();
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), &error));
  g_assert_no_error (error);

  /* Optional members may be absent. */
  {
    g_autoptr(DrsoAccount) bare = drso_account_new (ACCOUNT_ID, "Bare");

    g_assert_true (drso_document_validate (DRSO_DOCUMENT (bare), &error));
    g_assert_no_error (error);
  }

  /* http and https endpoints (the Sandbox listens on loopback). */
  drso_account_set_endpoint_url (account, "http://127.0.0.1:4566");
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), NULL));
  drso_account_set_endpoint_url (account, "https://drs.eu-west-1.amazonaws.com/");
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), NULL));
}

static void
test_account_validate_id (void)
{
  static const char * const bad[] = { "12345678901", "1234567890123", "12345678901x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DrsoAccount) account = drso_account_new (bad[i], "Production");
      g_autoptr(GError) error = NULL;

      g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID,
                                    bad[i]);
    }

  {
    g_autoptr(DrsoAccount) account = drso_account_new (NULL, "Production");
    g_autoptr(GError) error = NULL;

    g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &error));
    g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID);
  }
}

static void
test_account_validate_name (void)
{
  g_autofree char *long_name = repeat_char ('a', 257);
  g_autoptr(DrsoAccount) empty = drso_account_new (ACCOUNT_ID, "  ");
  g_autoptr(DrsoAccount) unnamed = drso_account_new (ACCOUNT_ID, NULL);
  g_autoptr(DrsoAccount) too_long = drso_account_new (ACCOUNT_ID, long_name);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;

  g_assert_false (drso_document_validate (DRSO_DOCUMENT (empty), &e1));
  drso_test_assert_error_names (e1, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED, "account");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (unnamed), &e2));
  drso_test_assert_error_names (e2, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED, "account");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (too_long), &e3));
  drso_test_assert_error_names (e3, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_TOO_LONG, "account");
}

static void
test_account_validate_role_arn (void)
{
  g_autoptr(DrsoAccount) account = new_valid_account ();
  g_autoptr(GError) bad = NULL;
  g_autoptr(GError) other = NULL;
  const char *other_arn = "arn:aws:iam::" OTHER_ID ":role/DRS-Orchestrator";

  drso_account_set_role_arn (account, "arn:aws:iam::" ACCOUNT_ID ":user/Someone");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &bad));
  drso_test_assert_error_names (bad, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
                                "arn:aws:iam::" ACCOUNT_ID ":user/Someone");

  /* A well-formed ARN of another account. */
  drso_account_set_role_arn (account, other_arn);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &other));
  drso_test_assert_error_names (other, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ROLE_ARN,
                                ACCOUNT_ID);
  g_assert_nonnull (strstr (other->message, OTHER_ID));

  /* A role path is fine as long as the account matches. */
  drso_account_set_role_arn (account, "arn:aws:iam::" ACCOUNT_ID ":role/dr/Orchestrator");
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), NULL));
}

static void
test_account_validate_external_id (void)
{
  g_autoptr(DrsoAccount) account = new_valid_account ();
  g_autoptr(GError) short_id = NULL;
  g_autoptr(GError) bad_char = NULL;

  drso_account_set_external_id (account, "x");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &short_id));
  drso_test_assert_error_names (short_id, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_EXTERNAL_ID,
                                "1224");

  drso_account_set_external_id (account, "bad external id");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &bad_char));
  drso_test_assert_error_names (bad_char, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_EXTERNAL_ID,
                                "1224");
}

static void
test_account_validate_region (void)
{
  g_autoptr(DrsoAccount) account = new_valid_account ();
  g_autoptr(GError) error = NULL;
  const char *regions[] = { "us-east-1", "EU-WEST-1", NULL };

  drso_account_set_regions (account, regions);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                                "EU-WEST-1");
}

static void
test_account_validate_endpoint (void)
{
  static const char * const bad[] = { "ftp://x", "not a url", "localhost:4566", "file:///tmp/x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(DrsoAccount) account = new_valid_account ();
      g_autoptr(GError) error = NULL;

      drso_account_set_endpoint_url (account, bad[i]);
      g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                    bad[i]);
    }
}

static void
test_group_validate (void)
{
  g_autoptr(DrsoProtectionGroup) by_server = new_valid_group ();
  g_autoptr(DrsoProtectionGroup) by_tag = drso_protection_group_new ("Tagged", ACCOUNT_ID,
                                                                     "eu-west-1");
  g_autoptr(GError) error = NULL;

  g_assert_true (drso_document_validate (DRSO_DOCUMENT (by_server), &error));
  g_assert_no_error (error);

  drso_protection_group_set_tag (by_tag, "Tier", "web");
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (by_tag), &error));
  g_assert_no_error (error);
}

static void
test_group_validate_empty (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web Tier", ACCOUNT_ID,
                                                                    "us-east-1");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;

  g_assert_false (drso_document_validate (DRSO_DOCUMENT (group), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_EMPTY_GROUP, "Web Tier");

  /* Emptied again after it had a server and a tag. */
  drso_protection_group_add_server_id (group, SERVER_A);
  drso_protection_group_set_tag (group, "Tier", "web");
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (group), NULL));
  drso_protection_group_remove_server_id (group, SERVER_A);
  drso_protection_group_remove_tag (group, "Tier");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (group), &again));
  drso_test_assert_error_names (again, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_EMPTY_GROUP, "Web Tier");
}

static void
test_group_validate_server_id (void)
{
  g_autoptr(DrsoProtectionGroup) group = new_valid_group ();
  g_autoptr(GError) error = NULL;

  drso_protection_group_add_server_id (group, "s-tooshort");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (group), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SERVER_ID,
                                "s-tooshort");
  g_assert_nonnull (strstr (error->message, "Web"));
}

static void
test_group_validate_region (void)
{
  g_autoptr(DrsoProtectionGroup) group = new_valid_group ();
  g_autoptr(DrsoProtectionGroup) no_region = drso_protection_group_new ("Nowhere", ACCOUNT_ID,
                                                                        NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing = NULL;

  drso_protection_group_set_region (group, "US-EAST-1");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (group), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                                "US-EAST-1");
  g_assert_nonnull (strstr (error->message, "Web"));

  drso_protection_group_add_server_id (no_region, SERVER_A);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (no_region), &missing));
  drso_test_assert_error_names (missing, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION,
                                "Nowhere");
}

static void
test_group_validate_account (void)
{
  g_autoptr(DrsoProtectionGroup) group = new_valid_group ();
  g_autoptr(GError) error = NULL;

  drso_protection_group_set_account_id (group, "1234");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (group), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID,
                                "1234");
  g_assert_nonnull (strstr (error->message, "Web"));
}

static void
test_group_validate_tag (void)
{
  g_autofree char *long_value = repeat_char ('v', 257);
  g_autoptr(DrsoProtectionGroup) empty_key = new_valid_group ();
  g_autoptr(DrsoProtectionGroup) long_tag = new_valid_group ();
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  drso_protection_group_set_tag (empty_key, "", "web");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (empty_key), &e1));
  drso_test_assert_error_names (e1, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG, "Web");

  drso_protection_group_set_tag (long_tag, "Owner", long_value);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (long_tag), &e2));
  drso_test_assert_error_names (e2, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_TAG, "Owner");
  g_assert_nonnull (strstr (e2->message, "Web"));
}

static void
test_group_validate_name_and_id (void)
{
  g_autoptr(DrsoProtectionGroup) unnamed = drso_protection_group_new ("", ACCOUNT_ID, "us-east-1");
  g_autoptr(DrsoProtectionGroup) bad_id = new_valid_group ();
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  drso_protection_group_add_server_id (unnamed, SERVER_A);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (unnamed), &e1));
  drso_test_assert_error_names (e1, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED,
                                "protection group");

  drso_document_set_id (DRSO_DOCUMENT (bad_id), "pg id with spaces");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (bad_id), &e2));
  drso_test_assert_error_names (e2, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID,
                                "pg id with spaces");
}

static void
test_plan_validate (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(GError) error = NULL;

  append_wave (plan, "Database", "pg-db", 600);
  append_wave (plan, "Application", "pg-app", 300);
  append_wave (plan, NULL, "pg-web", 300);
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  g_assert_no_error (error);
}

static void
test_plan_validate_no_waves (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Empty Plan");
  g_autoptr(GError) error = NULL;

  g_assert_false (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NO_WAVES, "Empty Plan");
}

static void
test_plan_validate_wave_without_groups (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoWave) empty = drso_wave_new ("Nothing here");
  g_autoptr(GError) error = NULL;

  append_wave (plan, "Database", "pg-db", 600);
  drso_recovery_plan_append_wave (plan, empty);
  append_wave (plan, "Web", "pg-web", 300);

  g_assert_false (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_WAVE_WITHOUT_GROUPS,
                                "Wave 2");
  g_assert_nonnull (strstr (error->message, "Production"));
}

static void
test_plan_validate_group_in_two_waves (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoWave) wave = new_wave ("Web", "pg-web", "pg-db", NULL);
  g_autoptr(GError) error = NULL;

  append_wave (plan, "Database", "pg-db", 600);
  append_wave (plan, "Application", "pg-app", 300);
  drso_recovery_plan_append_wave (plan, wave);

  g_assert_false (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES,
                                "pg-db");
  g_assert_nonnull (strstr (error->message, "1 and 3"));
}

static void
test_plan_validate_members (void)
{
  g_autoptr(DrsoRecoveryPlan) bad_group = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoRecoveryPlan) bad_wave_name = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoRecoveryPlan) unnamed = drso_recovery_plan_new (NULL);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;

  append_wave (bad_group, "Database", "pg db", 600);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (bad_group), &e1));
  drso_test_assert_error_names (e1, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_ID, "pg db");

  append_wave (bad_wave_name, "Data\tbase", "pg-db", 600);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (bad_wave_name), &e2));
  drso_test_assert_error_names (e2, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE, "wave");

  append_wave (unnamed, "Database", "pg-db", 600);
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (unnamed), &e3));
  drso_test_assert_error_names (e3, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_NAME_REQUIRED,
                                "recovery plan");
}

/* Properties and notify */

static void
test_document_notify (void)
{
  g_autoptr(DrsoProtectionGroup) group = new_valid_group ();
  DrsoDocument *doc = DRSO_DOCUMENT (group);

  assert_notifies_once (doc, "name", drso_document_set_name (doc, "Renamed"));
  g_assert_cmpstr (drso_document_get_name (doc), ==, "Renamed");
  g_assert_cmpstr (drso_protection_group_get_group_name (group), ==, "Renamed");
  assert_notifies_once (doc, "id", drso_document_set_id (doc, "pg-fixed"));
  g_assert_cmpstr (drso_protection_group_get_group_id (group), ==, "pg-fixed");
  assert_notifies_once (doc, "created-date", drso_document_set_created_date (doc, 1700000000));
  g_assert_cmpint (drso_document_get_created_date (doc), ==, 1700000000);
  assert_notifies_once (doc, "last-modified-date",
                        drso_document_set_last_modified_date (doc, 1700000100));
  g_assert_cmpint (drso_document_get_last_modified_date (doc), ==, 1700000100);
  assert_notifies_once (doc, "created-by", drso_document_set_created_by (doc, "a@example.com"));
  g_assert_cmpstr (drso_document_get_created_by (doc), ==, "a@example.com");
  assert_notifies_once (doc, "last-modified-by",
                        drso_document_set_last_modified_by (doc, "b@example.com"));
  g_assert_cmpstr (drso_document_get_last_modified_by (doc), ==, "b@example.com");

  /* Back to NULL is a change too. */
  assert_notifies_once (doc, "created-by", drso_document_set_created_by (doc, NULL));
  g_assert_null (drso_document_get_created_by (doc));

  /* Through GObject properties as well. */
  assert_notifies_once (doc, "name", g_object_set (doc, "name", "Through GObject", NULL));
  g_assert_cmpstr (drso_document_get_name (doc), ==, "Through GObject");
}

static void
test_document_ids (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("G", ACCOUNT_ID, "us-east-1");
  g_autoptr(DrsoProtectionGroup) other = drso_protection_group_new ("G", ACCOUNT_ID, "us-east-1");
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("P");
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT_ID, "A");
  g_autoptr(DrsoAccount) no_id = drso_account_new (NULL, "A");
  g_autofree char *kept = NULL;

  g_assert_true (g_str_has_prefix (drso_protection_group_get_group_id (group), "pg-"));
  g_assert_true (g_str_has_prefix (drso_recovery_plan_get_plan_id (plan), "plan-"));
  g_assert_cmpstr (drso_protection_group_get_group_id (group), !=,
                   drso_protection_group_get_group_id (other));
  g_assert_true (drso_validate_id ("protection group", drso_protection_group_get_group_id (group),
                                   NULL));

  /* ensure_id keeps an id it has; accounts never make one up. */
  kept = g_strdup (drso_document_get_id (DRSO_DOCUMENT (group)));
  drso_document_ensure_id (DRSO_DOCUMENT (group));
  g_assert_cmpstr (drso_document_get_id (DRSO_DOCUMENT (group)), ==, kept);
  drso_document_ensure_id (DRSO_DOCUMENT (no_id));
  g_assert_null (drso_document_get_id (DRSO_DOCUMENT (no_id)));
  g_assert_cmpstr (drso_account_get_account_id (account), ==, ACCOUNT_ID);
  g_assert_cmpstr (drso_account_get_account_name (account), ==, "A");

  g_assert_cmpstr (drso_document_get_id_key (DRSO_DOCUMENT (group)), ==, "groupId");
  g_assert_cmpstr (drso_document_get_id_key (DRSO_DOCUMENT (plan)), ==, "planId");
  g_assert_cmpstr (drso_document_get_id_key (DRSO_DOCUMENT (account)), ==, "accountId");
}

static void
test_account_notify (void)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT_ID, "Production");
  const char *regions[] = { "us-east-1", "us-west-2", NULL };
  const char *same_regions[] = { "us-east-1", "us-west-2", NULL };
  const char *reordered[] = { "us-west-2", "us-east-1", NULL };

  g_assert_nonnull (drso_account_get_regions (account));
  g_assert_null (drso_account_get_regions (account)[0]);
  g_assert_null (drso_account_get_default_region (account));

  assert_notifies_once (account, "role-arn",
                        drso_account_set_role_arn (account,
                                                   "arn:aws:iam::" ACCOUNT_ID ":role/R"));
  g_assert_cmpstr (drso_account_get_role_arn (account), ==, "arn:aws:iam::" ACCOUNT_ID ":role/R");
  assert_notifies_once (account, "external-id",
                        drso_account_set_external_id (account, "ext-id"));
  g_assert_cmpstr (drso_account_get_external_id (account), ==, "ext-id");
  assert_notifies_once (account, "regions", drso_account_set_regions (account, regions));
  drso_test_assert_strv (drso_account_get_regions (account), regions);
  g_assert_cmpstr (drso_account_get_default_region (account), ==, "us-east-1");
  {
    /* Equal contents in another array are no change. */
    guint count = 0;
    gulong id = watch_notify (account, "regions", &count);

    drso_account_set_regions (account, same_regions);
    g_assert_cmpuint (count, ==, 0);
    g_signal_handler_disconnect (account, id);
  }
  assert_notifies_once (account, "regions", drso_account_set_regions (account, reordered));
  g_assert_cmpstr (drso_account_get_default_region (account), ==, "us-west-2");
  assert_notifies_once (account, "regions", drso_account_set_regions (account, NULL));
  g_assert_null (drso_account_get_regions (account)[0]);
  assert_notifies_once (account, "profile", drso_account_set_profile (account, "prod"));
  g_assert_cmpstr (drso_account_get_profile (account), ==, "prod");
  assert_notifies_once (account, "endpoint-url",
                        drso_account_set_endpoint_url (account, "http://127.0.0.1:4566"));
  g_assert_cmpstr (drso_account_get_endpoint_url (account), ==, "http://127.0.0.1:4566");
  assert_notifies_once (account, "simulated", drso_account_set_simulated (account, TRUE));
  g_assert_true (drso_account_get_simulated (account));
  /* Any true value is the same as TRUE. */
  assert_notifies_once (account, "simulated", drso_account_set_simulated (account, FALSE));
  assert_notifies_once (account, "simulated", drso_account_set_simulated (account, 2));
  g_assert_true (drso_account_get_simulated (account));
  assert_notifies_once (account, "validated", drso_account_set_validated (account, TRUE));
  g_assert_true (drso_account_get_validated (account));
  assert_notifies_once (account, "last-validated",
                        drso_account_set_last_validated (account, 1700000000));
  g_assert_cmpint (drso_account_get_last_validated (account), ==, 1700000000);
}

/* Clearing an optional string of an account with "" means "none": when it
 * was already none nothing changed, so nothing may be notified. */
static void
test_account_notify_empty_string (void)
{
  g_autoptr(DrsoAccount) account = drso_account_new (ACCOUNT_ID, "Production");
  guint count = 0;
  gulong id = watch_notify (account, "external-id", &count);

  drso_account_set_external_id (account, "");
  g_assert_null (drso_account_get_external_id (account));
  drso_account_set_external_id (account, "");
  g_assert_null (drso_account_get_external_id (account));
  g_assert_cmpuint (count, ==, 0);

  drso_account_set_external_id (account, "ext-id");
  g_assert_cmpuint (count, ==, 1);
  drso_account_set_external_id (account, "");
  g_assert_null (drso_account_get_external_id (account));
  g_assert_cmpuint (count, ==, 2);
  g_signal_handler_disconnect (account, id);
}

static void
test_source_server_notify (void)
{
  g_autoptr(DrsoSourceServer) server = drso_source_server_new (SERVER_A, ACCOUNT_ID, "us-east-1");
  g_autoptr(GHashTable) tags = new_tags ("Tier", "db", "Environment", "production", NULL);
  g_autoptr(GHashTable) same_tags = new_tags ("Environment", "production", "Tier", "db", NULL);

  g_assert_cmpstr (drso_source_server_get_source_server_id (server), ==, SERVER_A);
  g_assert_cmpstr (drso_source_server_get_account_id (server), ==, ACCOUNT_ID);
  g_assert_cmpstr (drso_source_server_get_region (server), ==, "us-east-1");
  g_assert_cmpint (drso_source_server_get_lag_seconds (server), ==, -1);
  g_assert_cmpuint (g_hash_table_size (drso_source_server_get_tags (server)), ==, 0);

  assert_notifies_once (server, "hostname", drso_source_server_set_hostname (server, "db-1"));
  g_assert_cmpstr (drso_source_server_get_hostname (server), ==, "db-1");
  assert_notifies_once (server, "arn", drso_source_server_set_arn (server, "arn:aws:drs:x"));
  g_assert_cmpstr (drso_source_server_get_arn (server), ==, "arn:aws:drs:x");
  assert_notifies_once (server, "replication-state",
                        drso_source_server_set_replication_state (server, "CONTINUOUS"));
  g_assert_cmpstr (drso_source_server_get_replication_state (server), ==, "CONTINUOUS");
  assert_notifies_once (server, "lag-seconds", drso_source_server_set_lag_seconds (server, 0));
  g_assert_cmpint (drso_source_server_get_lag_seconds (server), ==, 0);
  assert_notifies_once (server, "last-launch-result",
                        drso_source_server_set_last_launch_result (server, "SUCCEEDED"));
  g_assert_cmpstr (drso_source_server_get_last_launch_result (server), ==, "SUCCEEDED");
  assert_notifies_once (server, "last-launch-date",
                        drso_source_server_set_last_launch_date (server, 1700000000));
  g_assert_cmpint (drso_source_server_get_last_launch_date (server), ==, 1700000000);
  assert_notifies_once (server, "recovery-instance-id",
                        drso_source_server_set_recovery_instance_id (server, "i-0abc"));
  g_assert_cmpstr (drso_source_server_get_recovery_instance_id (server), ==, "i-0abc");
  assert_notifies_once (server, "private-ip",
                        drso_source_server_set_private_ip (server, "10.0.1.10"));
  g_assert_cmpstr (drso_source_server_get_private_ip (server), ==, "10.0.1.10");
  assert_notifies_once (server, "instance-type",
                        drso_source_server_set_instance_type (server, "r5.xlarge"));
  g_assert_cmpstr (drso_source_server_get_instance_type (server), ==, "r5.xlarge");
  assert_notifies_once (server, "os", drso_source_server_set_os (server, "Linux"));
  g_assert_cmpstr (drso_source_server_get_os (server), ==, "Linux");
  assert_notifies_once (server, "discovered-date",
                        drso_source_server_set_discovered_date (server, 1700000200));
  g_assert_cmpint (drso_source_server_get_discovered_date (server), ==, 1700000200);

  assert_notifies_once (server, "tags", drso_source_server_set_tags (server, tags));
  {
    /* Equal tags in another table are no change. */
    guint count = 0;
    gulong id = watch_notify (server, "tags", &count);

    drso_source_server_set_tags (server, same_tags);
    g_assert_cmpuint (count, ==, 0);
    g_signal_handler_disconnect (server, id);
  }
  g_assert_cmpstr (drso_source_server_get_tag (server, "Tier"), ==, "db");
  /* The server keeps its own copy. */
  g_hash_table_remove_all (tags);
  g_assert_cmpstr (drso_source_server_get_tag (server, "Tier"), ==, "db");
  assert_notifies_once (server, "tags", drso_source_server_set_tag (server, "Tier", "web"));
  g_assert_cmpstr (drso_source_server_get_tag (server, "Tier"), ==, "web");
  g_assert_cmpstr (drso_source_server_get_tag (server, "Environment"), ==, "production");
  g_assert_null (drso_source_server_get_tag (server, "Owner"));
}

static void
test_group_notify (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web", ACCOUNT_ID,
                                                                    "us-east-1");
  const char *ids[] = { SERVER_A, SERVER_B, NULL };
  g_autoptr(GHashTable) criteria = new_tags ("Environment", "production", "Tier", "web", NULL);
  guint count_ids = 0, count_count = 0;
  gulong id_ids, id_count;

  assert_notifies_once (group, "description",
                        drso_protection_group_set_description (group, "Web servers"));
  g_assert_cmpstr (drso_protection_group_get_description (group), ==, "Web servers");
  assert_notifies_once (group, "account-id",
                        drso_protection_group_set_account_id (group, OTHER_ID));
  g_assert_cmpstr (drso_protection_group_get_account_id (group), ==, OTHER_ID);
  assert_notifies_once (group, "region", drso_protection_group_set_region (group, "eu-west-1"));
  g_assert_cmpstr (drso_protection_group_get_region (group), ==, "eu-west-1");

  /* server-ids and server-count change together. */
  id_ids = watch_notify (group, "server-ids", &count_ids);
  id_count = watch_notify (group, "server-count", &count_count);
  drso_protection_group_set_server_ids (group, ids);
  g_assert_cmpuint (count_ids, ==, 1);
  g_assert_cmpuint (count_count, ==, 1);
  drso_protection_group_set_server_ids (group, ids);
  g_assert_cmpuint (count_ids, ==, 1);
  g_assert_cmpuint (count_count, ==, 1);
  drso_protection_group_add_server_id (group, SERVER_C);
  g_assert_cmpuint (count_ids, ==, 2);
  g_assert_cmpuint (count_count, ==, 2);
  drso_protection_group_add_server_id (group, SERVER_C);
  g_assert_cmpuint (count_ids, ==, 2);
  drso_protection_group_remove_server_id (group, SERVER_A);
  g_assert_cmpuint (count_ids, ==, 3);
  g_assert_cmpuint (count_count, ==, 3);
  g_assert_false (drso_protection_group_remove_server_id (group, SERVER_A));
  g_assert_cmpuint (count_ids, ==, 3);
  g_signal_handler_disconnect (group, id_ids);
  g_signal_handler_disconnect (group, id_count);

  {
    guint server_count = 0;

    g_object_get (group, "server-count", &server_count, NULL);
    g_assert_cmpuint (server_count, ==, 2);
  }

  assert_notifies_once (group, "tag-criteria",
                        drso_protection_group_set_tag_criteria (group, criteria));
  assert_notifies_once (group, "tag-criteria",
                        drso_protection_group_set_tag (group, "Tier", "app"));
  assert_notifies_once (group, "tag-criteria",
                        drso_protection_group_remove_tag (group, "Tier"));
  assert_notifies_once (group, "tag-criteria",
                        drso_protection_group_set_tag_criteria (group, NULL));
  g_assert_cmpuint (g_hash_table_size (drso_protection_group_get_tag_criteria (group)), ==, 0);
}

static void
test_wave_notify (void)
{
  g_autoptr(DrsoWave) wave = drso_wave_new ("Database");
  const char *ids[] = { "pg-a", "pg-b", NULL };

  g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, 0);
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "Database");
  g_assert_null (drso_wave_get_protection_group_ids (wave)[0]);

  assert_notifies_once (wave, "wave-number", drso_wave_set_wave_number (wave, 4));
  g_assert_cmpuint (drso_wave_get_wave_number (wave), ==, 4);
  assert_notifies_once (wave, "wave-name", drso_wave_set_wave_name (wave, "DB tier"));
  g_assert_cmpstr (drso_wave_get_wave_name (wave), ==, "DB tier");
  assert_notifies_once (wave, "protection-group-ids",
                        drso_wave_set_protection_group_ids (wave, ids));
  drso_test_assert_strv (drso_wave_get_protection_group_ids (wave), ids);
  assert_notifies_once (wave, "protection-group-ids",
                        drso_wave_add_protection_group_id (wave, "pg-c"));
  assert_notifies_once (wave, "protection-group-ids",
                        drso_wave_remove_protection_group_id (wave, "pg-a"));
  assert_notifies_once (wave, "pause-before-wave", drso_wave_set_pause_before_wave (wave, TRUE));
  g_assert_true (drso_wave_get_pause_before_wave (wave));
  assert_notifies_once (wave, "estimated-duration",
                        drso_wave_set_estimated_duration (wave, 900));
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave), ==, 900);
}

static void
test_plan_notify (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoWave) first = new_wave ("One", "pg-1", NULL);
  g_autoptr(DrsoWave) second = new_wave ("Two", "pg-2", NULL);
  g_autoptr(GListModel) waves = NULL;
  guint n_waves = 0, duration = 0;
  guint count_n = 0, count_total = 0;
  gulong id_n, id_total;

  assert_notifies_once (plan, "description",
                        drso_recovery_plan_set_description (plan, "Whole stack"));
  g_assert_cmpstr (drso_recovery_plan_get_description (plan), ==, "Whole stack");

  g_object_get (plan, "waves", &waves, NULL);
  g_assert_true (waves == drso_recovery_plan_get_waves (plan));

  drso_wave_set_estimated_duration (first, 600);
  drso_wave_set_estimated_duration (second, 300);
  id_n = watch_notify (plan, "n-waves", &count_n);
  id_total = watch_notify (plan, "estimated-total-duration", &count_total);

  drso_recovery_plan_append_wave (plan, first);
  g_assert_cmpuint (count_n, ==, 1);
  g_assert_cmpuint (count_total, ==, 1);
  drso_recovery_plan_insert_wave (plan, 0, second);
  g_assert_cmpuint (count_n, ==, 2);
  g_assert_cmpuint (count_total, ==, 2);
  g_object_get (plan, "n-waves", &n_waves, "estimated-total-duration", &duration, NULL);
  g_assert_cmpuint (n_waves, ==, 2);
  g_assert_cmpuint (duration, ==, 900);

  g_assert_true (drso_recovery_plan_remove_wave (plan, 1));
  g_assert_cmpuint (count_n, ==, 3);
  g_assert_cmpuint (count_total, ==, 3);
  g_assert_false (drso_recovery_plan_remove_wave (plan, 5));
  g_assert_cmpuint (count_n, ==, 3);
  g_object_get (plan, "n-waves", &n_waves, "estimated-total-duration", &duration, NULL);
  g_assert_cmpuint (n_waves, ==, 1);
  g_assert_cmpuint (duration, ==, 600);

  g_signal_handler_disconnect (plan, id_n);
  g_signal_handler_disconnect (plan, id_total);

  {
    guint c_id = 0, c_status = 0, c_date = 0;
    gulong i1 = watch_notify (plan, "last-execution-id", &c_id);
    gulong i2 = watch_notify (plan, "last-execution-status", &c_status);
    gulong i3 = watch_notify (plan, "last-execution-date", &c_date);

    drso_recovery_plan_set_last_execution (plan, "exec-1", "RUNNING", 1700000000);
    drso_recovery_plan_set_last_execution (plan, "exec-1", "RUNNING", 1700000000);
    g_assert_cmpuint (c_id, ==, 1);
    g_assert_cmpuint (c_status, ==, 1);
    g_assert_cmpuint (c_date, ==, 1);
    drso_recovery_plan_set_last_execution (plan, "exec-1", "COMPLETED", 1700000000);
    g_assert_cmpuint (c_id, ==, 1);
    g_assert_cmpuint (c_status, ==, 2);
    g_assert_cmpuint (c_date, ==, 1);
    g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (plan), ==, "exec-1");
    g_assert_cmpstr (drso_recovery_plan_get_last_execution_status (plan), ==, "COMPLETED");
    g_assert_cmpint (drso_recovery_plan_get_last_execution_date (plan), ==, 1700000000);
    g_signal_handler_disconnect (plan, i1);
    g_signal_handler_disconnect (plan, i2);
    g_signal_handler_disconnect (plan, i3);
  }
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* Moving a wave keeps the number of waves: n-waves must not be notified,
 * though the list reports the move. */
static void
test_plan_notify_move (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  guint count_n = 0, count_items = 0;
  gulong id_n, id_items;

  append_wave (plan, "One", "pg-1", 60);
  append_wave (plan, "Two", "pg-2", 60);
  append_wave (plan, "Three", "pg-3", 60);

  id_n = watch_notify (plan, "n-waves", &count_n);
  id_items = g_signal_connect (waves, "items-changed", G_CALLBACK (count_items_changed_cb),
                               &count_items);
  g_assert_true (drso_recovery_plan_move_wave (plan, 1, 3));
  g_assert_cmpuint (count_items, >, 0);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 3);
  g_assert_cmpuint (count_n, ==, 0);
  g_signal_handler_disconnect (plan, id_n);
  g_signal_handler_disconnect (waves, id_items);
}

/* The plan's total follows the durations of its waves. */
static void
test_plan_notify_wave_duration (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  guint count = 0;
  gulong id;

  append_wave (plan, "One", "pg-1", 600);
  append_wave (plan, "Two", "pg-2", 300);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 900);

  id = watch_notify (plan, "estimated-total-duration", &count);
  drso_wave_set_estimated_duration (drso_recovery_plan_get_wave (plan, 2), 400);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 1000);
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (plan, id);
}

static void
test_execution_notify (void)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", "Production",
                                                           DRSO_EXECUTION_TYPE_RECOVERY);
  guint count = 0;
  gulong id;

  g_assert_true (g_str_has_prefix (drso_execution_get_execution_id (execution), "exec-"));
  g_assert_cmpstr (drso_execution_get_plan_id (execution), ==, "plan-1");
  g_assert_cmpstr (drso_execution_get_plan_name (execution), ==, "Production");
  g_assert_cmpint (drso_execution_get_execution_type (execution), ==,
                   DRSO_EXECUTION_TYPE_RECOVERY);
  g_assert_cmpint (drso_execution_get_status (execution), ==, DRSO_EXECUTION_STATUS_PENDING);

  assert_notifies_once (execution, "status",
                        drso_execution_set_status (execution, DRSO_EXECUTION_STATUS_RUNNING));
  g_assert_cmpint (drso_execution_get_status (execution), ==, DRSO_EXECUTION_STATUS_RUNNING);
  assert_notifies_once (execution, "current-wave",
                        drso_execution_set_current_wave (execution, 2));
  g_assert_cmpuint (drso_execution_get_current_wave (execution), ==, 2);
  assert_notifies_once (execution, "start-time",
                        drso_execution_set_start_time (execution, 1700000000));
  assert_notifies_once (execution, "end-time",
                        drso_execution_set_end_time (execution, 1700000100));
  assert_notifies_once (execution, "initiated-by",
                        drso_execution_set_initiated_by (execution, "alice"));
  g_assert_cmpstr (drso_execution_get_initiated_by (execution), ==, "alice");
  assert_notifies_once (execution, "instances-terminated",
                        drso_execution_set_instances_terminated (execution, TRUE));
  g_assert_true (drso_execution_get_instances_terminated (execution));

  /* Every error added is a change. */
  id = watch_notify (execution, "errors", &count);
  drso_execution_add_error (execution, "Wave 1 failed");
  drso_execution_add_error (execution, "Wave 1 failed");
  g_assert_cmpuint (count, ==, 2);
  g_signal_handler_disconnect (execution, id);
}

static void
test_wave_run_notify (void)
{
  g_autoptr(DrsoWaveRun) run = drso_wave_run_new (2, "Application");
  const char *jobs[] = { "drsjob-1", "drsjob-2", NULL };

  g_assert_cmpuint (drso_wave_run_get_wave_number (run), ==, 2);
  g_assert_cmpstr (drso_wave_run_get_wave_name (run), ==, "Application");
  g_assert_cmpint (drso_wave_run_get_status (run), ==, DRSO_WAVE_STATUS_PENDING);

  assert_notifies_once (run, "status",
                        drso_wave_run_set_status (run, DRSO_WAVE_STATUS_IN_PROGRESS));
  g_assert_cmpint (drso_wave_run_get_status (run), ==, DRSO_WAVE_STATUS_IN_PROGRESS);
  assert_notifies_once (run, "start-time", drso_wave_run_set_start_time (run, 1700000000));
  assert_notifies_once (run, "end-time", drso_wave_run_set_end_time (run, 1700000600));
  assert_notifies_once (run, "job-ids", drso_wave_run_set_job_ids (run, jobs));
  drso_test_assert_strv (drso_wave_run_get_job_ids (run), jobs);
  assert_notifies_once (run, "job-ids", drso_wave_run_add_job_id (run, "drsjob-3"));
  assert_notifies_once (run, "job-ids", drso_wave_run_add_job_id (run, "drsjob-4"));
  {
    /* A job already known is not added twice. */
    guint count = 0;
    gulong id = watch_notify (run, "job-ids", &count);

    drso_wave_run_add_job_id (run, "drsjob-1");
    g_assert_cmpuint (count, ==, 0);
    g_signal_handler_disconnect (run, id);
  }
  {
    const char *expected[] = { "drsjob-1", "drsjob-2", "drsjob-3", "drsjob-4", NULL };

    drso_test_assert_strv (drso_wave_run_get_job_ids (run), expected);
  }
  assert_notifies_once (run, "job-ids", drso_wave_run_set_job_ids (run, NULL));
  g_assert_null (drso_wave_run_get_job_ids (run)[0]);
}

static void
test_server_run_notify (void)
{
  g_autoptr(DrsoServerRun) run = drso_server_run_new (SERVER_A);

  g_assert_cmpstr (drso_server_run_get_server_id (run), ==, SERVER_A);
  g_assert_cmpint (drso_server_run_get_status (run), ==, DRSO_LAUNCH_STATUS_PENDING);

  assert_notifies_once (run, "status",
                        drso_server_run_set_status (run, DRSO_LAUNCH_STATUS_LAUNCHED));
  g_assert_cmpint (drso_server_run_get_status (run), ==, DRSO_LAUNCH_STATUS_LAUNCHED);
  assert_notifies_once (run, "hostname", drso_server_run_set_hostname (run, "db-primary"));
  g_assert_cmpstr (drso_server_run_get_hostname (run), ==, "db-primary");
  assert_notifies_once (run, "private-ip", drso_server_run_set_private_ip (run, "10.0.1.10"));
  g_assert_cmpstr (drso_server_run_get_private_ip (run), ==, "10.0.1.10");
  assert_notifies_once (run, "instance-type",
                        drso_server_run_set_instance_type (run, "r5.xlarge"));
  g_assert_cmpstr (drso_server_run_get_instance_type (run), ==, "r5.xlarge");
  assert_notifies_once (run, "job-id", drso_server_run_set_job_id (run, "drsjob-1"));
  g_assert_cmpstr (drso_server_run_get_job_id (run), ==, "drsjob-1");
  assert_notifies_once (run, "recovery-instance-id",
                        drso_server_run_set_recovery_instance_id (run, "i-recovery"));
  g_assert_cmpstr (drso_server_run_get_recovery_instance_id (run), ==, "i-recovery");
  assert_notifies_once (run, "ec2-instance-id",
                        drso_server_run_set_ec2_instance_id (run, "i-0123456789"));
  g_assert_cmpstr (drso_server_run_get_ec2_instance_id (run), ==, "i-0123456789");
  assert_notifies_once (run, "message", drso_server_run_set_message (run, "Launched"));
  g_assert_cmpstr (drso_server_run_get_message (run), ==, "Launched");
}

static void
test_event_notify (void)
{
  const gint64 when = G_GINT64_CONSTANT (1700000000123456);
  gint64 before = g_get_real_time ();
  g_autoptr(DrsoExecutionEvent) event = drso_execution_event_new ("exec-1",
                                                                  DRSO_EVENT_KIND_WAVE_STARTED,
                                                                  "Wave 1 started");
  gint64 after = g_get_real_time ();

  g_assert_cmpstr (drso_execution_event_get_execution_id (event), ==, "exec-1");
  g_assert_cmpint (drso_execution_event_get_kind (event), ==, DRSO_EVENT_KIND_WAVE_STARTED);
  g_assert_cmpstr (drso_execution_event_get_message (event), ==, "Wave 1 started");
  g_assert_cmpint (drso_execution_event_get_event_id (event), ==, 0);
  g_assert_cmpint (drso_execution_event_get_time (event), >=, before);
  g_assert_cmpint (drso_execution_event_get_time (event), <=, after);

  assert_notifies_once (event, "actor", drso_execution_event_set_actor (event, "engine"));
  g_assert_cmpstr (drso_execution_event_get_actor (event), ==, "engine");
  assert_notifies_once (event, "time", drso_execution_event_set_time (event, when));
  g_assert_cmpint (drso_execution_event_get_time (event), ==, when);
  assert_notifies_once (event, "wave-number", drso_execution_event_set_wave_number (event, 1));
  g_assert_cmpuint (drso_execution_event_get_wave_number (event), ==, 1);
  assert_notifies_once (event, "server-id", drso_execution_event_set_server_id (event, SERVER_A));
  g_assert_cmpstr (drso_execution_event_get_server_id (event), ==, SERVER_A);
}

/* Behaviour */

static void
test_group_server_ids (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web", ACCOUNT_ID,
                                                                    "us-east-1");
  const char *with_repeats[] = { SERVER_B, SERVER_A, SERVER_B, SERVER_A, NULL };
  const char *unique[] = { SERVER_B, SERVER_A, NULL };

  g_assert_nonnull (drso_protection_group_get_server_ids (group));
  g_assert_null (drso_protection_group_get_server_ids (group)[0]);
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 0);
  g_assert_false (drso_protection_group_has_server_id (group, SERVER_A));

  drso_protection_group_add_server_id (group, SERVER_B);
  drso_protection_group_add_server_id (group, SERVER_A);
  drso_protection_group_add_server_id (group, SERVER_B);
  drso_protection_group_add_server_id (group, SERVER_C);
  {
    const char *expected[] = { SERVER_B, SERVER_A, SERVER_C, NULL };

    drso_test_assert_strv (drso_protection_group_get_server_ids (group), expected);
  }
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 3);
  g_assert_true (drso_protection_group_has_server_id (group, SERVER_A));
  g_assert_true (drso_protection_group_has_server_id (group, SERVER_C));

  /* Removing from the middle keeps the order of the rest. */
  g_assert_true (drso_protection_group_remove_server_id (group, SERVER_A));
  g_assert_false (drso_protection_group_remove_server_id (group, SERVER_A));
  g_assert_false (drso_protection_group_has_server_id (group, SERVER_A));
  {
    const char *expected[] = { SERVER_B, SERVER_C, NULL };

    drso_test_assert_strv (drso_protection_group_get_server_ids (group), expected);
  }

  /* Setting the list drops repeats but keeps the first order. */
  drso_protection_group_set_server_ids (group, with_repeats);
  drso_test_assert_strv (drso_protection_group_get_server_ids (group), unique);
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 2);

  g_assert_true (drso_protection_group_remove_server_id (group, SERVER_B));
  g_assert_true (drso_protection_group_remove_server_id (group, SERVER_A));
  g_assert_null (drso_protection_group_get_server_ids (group)[0]);
  g_assert_cmpuint (drso_protection_group_get_server_count (group), ==, 0);
}

/* A list that differs from the current one only by repeats is the same list:
 * setting it changes nothing and notifies nothing. */
static void
test_group_server_ids_repeats_notify (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web", ACCOUNT_ID,
                                                                    "us-east-1");
  const char *ids[] = { SERVER_A, SERVER_B, NULL };
  const char *with_repeats[] = { SERVER_A, SERVER_B, SERVER_A, NULL };
  guint count = 0;
  gulong id;

  drso_protection_group_set_server_ids (group, ids);
  id = watch_notify (group, "server-ids", &count);
  drso_protection_group_set_server_ids (group, with_repeats);
  drso_test_assert_strv (drso_protection_group_get_server_ids (group), ids);
  g_assert_cmpuint (count, ==, 0);
  g_signal_handler_disconnect (group, id);
}

static void
test_group_tags (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web", ACCOUNT_ID,
                                                                    "us-east-1");
  g_autoptr(GHashTable) criteria = new_tags ("Environment", "production", NULL);

  g_assert_false (drso_protection_group_is_tag_based (group));
  g_assert_null (drso_protection_group_get_tag (group, "Tier"));

  drso_protection_group_set_tag (group, "Tier", "web");
  drso_protection_group_set_tag (group, "Environment", "production");
  g_assert_true (drso_protection_group_is_tag_based (group));
  g_assert_cmpstr (drso_protection_group_get_tag (group, "Tier"), ==, "web");
  g_assert_cmpuint (g_hash_table_size (drso_protection_group_get_tag_criteria (group)), ==, 2);

  /* Replacing a value keeps one criterion per key. */
  drso_protection_group_set_tag (group, "Tier", "app");
  g_assert_cmpstr (drso_protection_group_get_tag (group, "Tier"), ==, "app");
  g_assert_cmpuint (g_hash_table_size (drso_protection_group_get_tag_criteria (group)), ==, 2);

  g_assert_true (drso_protection_group_remove_tag (group, "Tier"));
  g_assert_false (drso_protection_group_remove_tag (group, "Tier"));
  g_assert_null (drso_protection_group_get_tag (group, "Tier"));
  g_assert_true (drso_protection_group_is_tag_based (group));

  /* set_tag_criteria copies the table. */
  drso_protection_group_set_tag_criteria (group, criteria);
  g_hash_table_insert (criteria, g_strdup ("Owner"), g_strdup ("ops"));
  g_assert_null (drso_protection_group_get_tag (group, "Owner"));
  g_assert_cmpuint (g_hash_table_size (drso_protection_group_get_tag_criteria (group)), ==, 1);

  g_assert_true (drso_protection_group_remove_tag (group, "Environment"));
  g_assert_false (drso_protection_group_is_tag_based (group));
}

static void
test_group_matches_tags (void)
{
  g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new ("Web", ACCOUNT_ID,
                                                                    "us-east-1");
  g_autoptr(GHashTable) all = new_tags ("Environment", "production", "Tier", "web",
                                        "Owner", "ops", NULL);
  g_autoptr(GHashTable) exact = new_tags ("Environment", "production", "Tier", "web", NULL);
  g_autoptr(GHashTable) missing = new_tags ("Environment", "production", NULL);
  g_autoptr(GHashTable) wrong = new_tags ("Environment", "production", "Tier", "app", NULL);
  g_autoptr(GHashTable) wrong_case = new_tags ("Environment", "Production", "Tier", "web", NULL);
  g_autoptr(GHashTable) empty = new_tags (NULL);

  /* No criteria match nothing, not everything. */
  g_assert_false (drso_protection_group_matches_tags (group, all));
  g_assert_false (drso_protection_group_matches_tags (group, empty));
  g_assert_false (drso_protection_group_matches_tags (group, NULL));

  drso_protection_group_set_tag (group, "Environment", "production");
  drso_protection_group_set_tag (group, "Tier", "web");

  g_assert_true (drso_protection_group_matches_tags (group, all));
  g_assert_true (drso_protection_group_matches_tags (group, exact));
  g_assert_false (drso_protection_group_matches_tags (group, missing));
  g_assert_false (drso_protection_group_matches_tags (group, wrong));
  g_assert_false (drso_protection_group_matches_tags (group, wrong_case));
  g_assert_false (drso_protection_group_matches_tags (group, empty));
  g_assert_false (drso_protection_group_matches_tags (group, NULL));

  /* A source server's tags work the same way. */
  {
    g_autoptr(DrsoSourceServer) server = drso_source_server_new (SERVER_A, ACCOUNT_ID,
                                                                 "us-east-1");

    drso_source_server_set_tag (server, "Tier", "web");
    g_assert_false (drso_protection_group_matches_tags (group,
                                                        drso_source_server_get_tags (server)));
    drso_source_server_set_tag (server, "Environment", "production");
    g_assert_true (drso_protection_group_matches_tags (group,
                                                       drso_source_server_get_tags (server)));
  }
}

static void
test_wave_group_ids (void)
{
  g_autoptr(DrsoWave) wave = drso_wave_new ("Web");
  const char *with_repeats[] = { "pg-b", "pg-a", "pg-b", "pg-c", "pg-a", NULL };
  const char *unique[] = { "pg-b", "pg-a", "pg-c", NULL };
  guint count = 0;
  gulong id;

  g_assert_false (drso_wave_has_protection_group_id (wave, "pg-a"));

  drso_wave_add_protection_group_id (wave, "pg-a");
  drso_wave_add_protection_group_id (wave, "pg-b");
  drso_wave_add_protection_group_id (wave, "pg-a");
  {
    const char *expected[] = { "pg-a", "pg-b", NULL };

    drso_test_assert_strv (drso_wave_get_protection_group_ids (wave), expected);
  }
  g_assert_true (drso_wave_has_protection_group_id (wave, "pg-b"));
  g_assert_false (drso_wave_has_protection_group_id (wave, "pg-z"));

  g_assert_true (drso_wave_remove_protection_group_id (wave, "pg-a"));
  g_assert_false (drso_wave_remove_protection_group_id (wave, "pg-a"));
  g_assert_false (drso_wave_has_protection_group_id (wave, "pg-a"));
  {
    const char *expected[] = { "pg-b", NULL };

    drso_test_assert_strv (drso_wave_get_protection_group_ids (wave), expected);
  }

  drso_wave_set_protection_group_ids (wave, with_repeats);
  drso_test_assert_strv (drso_wave_get_protection_group_ids (wave), unique);

  /* The same ids with repeats again is no change. */
  id = watch_notify (wave, "protection-group-ids", &count);
  drso_wave_set_protection_group_ids (wave, with_repeats);
  g_assert_cmpuint (count, ==, 0);
  g_signal_handler_disconnect (wave, id);

  g_assert_true (drso_wave_remove_protection_group_id (wave, "pg-c"));
  g_assert_true (drso_wave_remove_protection_group_id (wave, "pg-b"));
  g_assert_true (drso_wave_remove_protection_group_id (wave, "pg-a"));
  g_assert_null (drso_wave_get_protection_group_ids (wave)[0]);

  drso_wave_set_protection_group_ids (wave, unique);
  drso_wave_set_protection_group_ids (wave, NULL);
  g_assert_null (drso_wave_get_protection_group_ids (wave)[0]);
}

static void
test_plan_wave_order (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoWave) inserted = new_wave ("B", "pg-b", NULL);
  g_autoptr(DrsoWave) first = new_wave ("First", "pg-0", NULL);
  g_autoptr(DrsoWave) last = new_wave ("Last", "pg-z", NULL);

  assert_waves (plan, (const char * const[]) { NULL });

  append_wave (plan, "A", "pg-a", 60);
  append_wave (plan, "C", "pg-c", 60);
  assert_waves (plan, (const char * const[]) { "A", "C", NULL });

  drso_recovery_plan_insert_wave (plan, 1, inserted);
  assert_waves (plan, (const char * const[]) { "A", "B", "C", NULL });

  drso_recovery_plan_insert_wave (plan, 0, first);
  assert_waves (plan, (const char * const[]) { "First", "A", "B", "C", NULL });

  /* A position past the end appends. */
  drso_recovery_plan_insert_wave (plan, 100, last);
  assert_waves (plan, (const char * const[]) { "First", "A", "B", "C", "Last", NULL });

  g_assert_true (drso_recovery_plan_remove_wave (plan, 1));
  assert_waves (plan, (const char * const[]) { "A", "B", "C", "Last", NULL });
  g_assert_true (drso_recovery_plan_remove_wave (plan, 3));
  assert_waves (plan, (const char * const[]) { "A", "B", "Last", NULL });
  g_assert_false (drso_recovery_plan_remove_wave (plan, 0));
  g_assert_false (drso_recovery_plan_remove_wave (plan, 4));
  assert_waves (plan, (const char * const[]) { "A", "B", "Last", NULL });

  /* Moving forward and back. */
  g_assert_true (drso_recovery_plan_move_wave (plan, 1, 3));
  assert_waves (plan, (const char * const[]) { "B", "Last", "A", NULL });
  g_assert_true (drso_recovery_plan_move_wave (plan, 3, 1));
  assert_waves (plan, (const char * const[]) { "A", "B", "Last", NULL });
  g_assert_true (drso_recovery_plan_move_wave (plan, 2, 3));
  assert_waves (plan, (const char * const[]) { "A", "Last", "B", NULL });
  g_assert_true (drso_recovery_plan_move_wave (plan, 2, 2));
  assert_waves (plan, (const char * const[]) { "A", "Last", "B", NULL });
  g_assert_false (drso_recovery_plan_move_wave (plan, 0, 1));
  g_assert_false (drso_recovery_plan_move_wave (plan, 1, 0));
  g_assert_false (drso_recovery_plan_move_wave (plan, 4, 1));
  g_assert_false (drso_recovery_plan_move_wave (plan, 1, 4));
  assert_waves (plan, (const char * const[]) { "A", "Last", "B", NULL });

  /* The wave objects are the ones given. */
  g_assert_true (drso_recovery_plan_get_wave (plan, 2) == last);
  g_assert_true (drso_recovery_plan_get_wave (plan, 3) == inserted);
  g_assert_cmpuint (drso_wave_get_wave_number (inserted), ==, 3);

  g_assert_true (drso_recovery_plan_remove_wave (plan, 3));
  g_assert_true (drso_recovery_plan_remove_wave (plan, 2));
  g_assert_true (drso_recovery_plan_remove_wave (plan, 1));
  assert_waves (plan, (const char * const[]) { NULL });
}

static void
test_plan_groups (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoWave) app = new_wave ("App", "pg-app-1", "pg-app-2", NULL);
  g_auto(GStrv) none = drso_recovery_plan_dup_group_ids (plan);
  g_auto(GStrv) ids = NULL;

  g_assert_nonnull (none);
  g_assert_null (none[0]);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 0);
  g_assert_null (drso_recovery_plan_find_group (plan, "pg-db"));

  append_wave (plan, "DB", "pg-db", 600);
  drso_wave_set_estimated_duration (app, 300);
  drso_recovery_plan_append_wave (plan, app);
  append_wave (plan, "Web", "pg-web", 250);

  g_assert_true (drso_recovery_plan_find_group (plan, "pg-db") ==
                 drso_recovery_plan_get_wave (plan, 1));
  g_assert_true (drso_recovery_plan_find_group (plan, "pg-app-2") == app);
  g_assert_true (drso_recovery_plan_find_group (plan, "pg-web") ==
                 drso_recovery_plan_get_wave (plan, 3));
  g_assert_null (drso_recovery_plan_find_group (plan, "pg-missing"));

  ids = drso_recovery_plan_dup_group_ids (plan);
  drso_test_assert_strv ((const char * const *) ids,
                         (const char * const[]) { "pg-db", "pg-app-1", "pg-app-2", "pg-web",
                                                  NULL });

  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 1150);
  drso_recovery_plan_move_wave (plan, 3, 1);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 1150);
  g_clear_pointer (&ids, g_strfreev);
  ids = drso_recovery_plan_dup_group_ids (plan);
  drso_test_assert_strv ((const char * const *) ids,
                         (const char * const[]) { "pg-web", "pg-db", "pg-app-1", "pg-app-2",
                                                  NULL });

  drso_recovery_plan_remove_wave (plan, 3);
  g_assert_cmpuint (drso_recovery_plan_get_estimated_total_duration (plan), ==, 850);
  g_assert_null (drso_recovery_plan_find_group (plan, "pg-app-1"));
}

static void
test_wave_run_servers (void)
{
  g_autoptr(DrsoWaveRun) run = drso_wave_run_new (1, "Database");
  static const DrsoLaunchStatus statuses[] = {
    DRSO_LAUNCH_STATUS_PENDING, DRSO_LAUNCH_STATUS_IN_PROGRESS, DRSO_LAUNCH_STATUS_LAUNCHED,
    DRSO_LAUNCH_STATUS_FAILED, DRSO_LAUNCH_STATUS_TERMINATED, DRSO_LAUNCH_STATUS_LAUNCHED,
  };
  static const char * const ids[] = {
    "s-00000000000000001", "s-00000000000000002", "s-00000000000000003",
    "s-00000000000000004", "s-00000000000000005", "s-00000000000000006",
  };

  g_assert_cmpuint (drso_wave_run_get_servers_recovered (run), ==, 0);
  g_assert_null (drso_wave_run_find_server (run, ids[0]));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(DrsoServerRun) server = drso_server_run_new (ids[i]);

      drso_server_run_set_status (server, statuses[i]);
      drso_wave_run_add_server (run, server);
    }

  g_assert_cmpuint (g_list_model_get_n_items (drso_wave_run_get_servers (run)), ==, 6);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (run), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      DrsoServerRun *server = drso_wave_run_find_server (run, ids[i]);

      g_assert_nonnull (server);
      g_assert_cmpstr (drso_server_run_get_server_id (server), ==, ids[i]);
      g_assert_cmpint (drso_server_run_get_status (server), ==, statuses[i]);
    }
  g_assert_null (drso_wave_run_find_server (run, SERVER_A));

  /* The count follows the servers' states. */
  drso_server_run_set_status (drso_wave_run_find_server (run, ids[0]),
                              DRSO_LAUNCH_STATUS_LAUNCHED);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (run), ==, 3);
  drso_server_run_set_status (drso_wave_run_find_server (run, ids[2]),
                              DRSO_LAUNCH_STATUS_TERMINATED);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (run), ==, 2);

  /* Duration only once the wave has ended. */
  g_assert_cmpint (drso_wave_run_get_duration (run), ==, 0);
  drso_wave_run_set_start_time (run, 1700000000);
  g_assert_cmpint (drso_wave_run_get_duration (run), ==, 0);
  drso_wave_run_set_end_time (run, 1700000600);
  g_assert_cmpint (drso_wave_run_get_duration (run), ==, 600);
}

static void
test_execution_wave_runs (void)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", "Production",
                                                           DRSO_EXECUTION_TYPE_DRILL);
  GListModel *runs = drso_execution_get_wave_runs (execution);

  g_assert_cmpuint (drso_execution_get_total_waves (execution), ==, 0);
  g_assert_null (drso_execution_get_wave_run (execution, 1));

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Wave %u", i);
      g_autoptr(DrsoWaveRun) run = drso_wave_run_new (i, name);

      drso_execution_add_wave_run (execution, run);
    }

  g_assert_cmpuint (g_list_model_get_n_items (runs), ==, 3);
  g_assert_cmpuint (drso_execution_get_total_waves (execution), ==, 3);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Wave %u", i);
      DrsoWaveRun *run = drso_execution_get_wave_run (execution, i);

      g_assert_nonnull (run);
      g_assert_cmpuint (drso_wave_run_get_wave_number (run), ==, i);
      g_assert_cmpstr (drso_wave_run_get_wave_name (run), ==, name);
    }
  g_assert_null (drso_execution_get_wave_run (execution, 0));
  g_assert_null (drso_execution_get_wave_run (execution, 4));
}

static void
test_execution_errors (void)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", NULL,
                                                           DRSO_EXECUTION_TYPE_DRILL);

  g_assert_nonnull (drso_execution_get_errors (execution));
  g_assert_null (drso_execution_get_errors (execution)[0]);

  drso_execution_add_error (execution, "Wave 1: server s-1 failed to launch");
  drso_execution_add_error (execution, "Wave 2 was skipped");
  drso_test_assert_strv (drso_execution_get_errors (execution),
                         (const char * const[]) { "Wave 1: server s-1 failed to launch",
                                        "Wave 2 was skipped", NULL });
}

static void
test_execution_duration (void)
{
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", "Production",
                                                           DRSO_EXECUTION_TYPE_DRILL);

  g_assert_cmpint (drso_execution_get_duration (execution), ==, 0);

  /* Running: no end yet. */
  drso_execution_set_start_time (execution, 1700000000);
  g_assert_cmpint (drso_execution_get_duration (execution), ==, 0);

  drso_execution_set_end_time (execution, 1700001200);
  g_assert_cmpint (drso_execution_get_start_time (execution), ==, 1700000000);
  g_assert_cmpint (drso_execution_get_end_time (execution), ==, 1700001200);
  g_assert_cmpint (drso_execution_get_duration (execution), ==, 1200);

  /* An end before the start is not a negative duration. */
  drso_execution_set_end_time (execution, 1600000000);
  g_assert_cmpint (drso_execution_get_duration (execution), ==, 0);

  /* No start, no duration. */
  drso_execution_set_start_time (execution, 0);
  drso_execution_set_end_time (execution, 1700001200);
  g_assert_cmpint (drso_execution_get_duration (execution), ==, 0);
}

/* Enums */

static void
test_enum_execution_type (void)
{
  static const char * const names[] = { "DRILL", "RECOVERY" };
  DrsoExecutionType type;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (drso_execution_type_to_string (i), ==, names[i]);
      type = 99;
      g_assert_true (drso_execution_type_from_string (names[i], &type));
      g_assert_cmpint (type, ==, i);
      g_assert_true (drso_execution_type_from_string (names[i], NULL));
    }
  g_assert_cmpint (DRSO_EXECUTION_TYPE_DRILL, ==, 0);
  g_assert_cmpint (DRSO_EXECUTION_TYPE_RECOVERY, ==, 1);

  type = DRSO_EXECUTION_TYPE_RECOVERY;
  g_assert_false (drso_execution_type_from_string ("drill", &type));
  g_assert_false (drso_execution_type_from_string ("TEST", &type));
  g_assert_false (drso_execution_type_from_string ("", &type));
  g_assert_false (drso_execution_type_from_string (NULL, &type));
  g_assert_cmpint (type, ==, DRSO_EXECUTION_TYPE_RECOVERY);
}

static void
test_enum_execution_status (void)
{
  static const struct { DrsoExecutionStatus value; const char *name; gboolean final; } all[] = {
    { DRSO_EXECUTION_STATUS_PENDING, "PENDING", FALSE },
    { DRSO_EXECUTION_STATUS_RUNNING, "RUNNING", FALSE },
    { DRSO_EXECUTION_STATUS_PAUSED, "PAUSED", FALSE },
    { DRSO_EXECUTION_STATUS_COMPLETED, "COMPLETED", TRUE },
    { DRSO_EXECUTION_STATUS_FAILED, "FAILED", TRUE },
    { DRSO_EXECUTION_STATUS_CANCELLED, "CANCELLED", TRUE },
  };
  DrsoExecutionStatus status;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpstr (drso_execution_status_to_string (all[i].value), ==, all[i].name);
      status = 99;
      g_assert_true (drso_execution_status_from_string (all[i].name, &status));
      g_assert_cmpint (status, ==, all[i].value);
      g_assert_cmpint (drso_execution_status_is_final (all[i].value), ==, all[i].final);
    }

  /* The seed's names for a running execution. */
  status = DRSO_EXECUTION_STATUS_PENDING;
  g_assert_true (drso_execution_status_from_string ("POLLING", &status));
  g_assert_cmpint (status, ==, DRSO_EXECUTION_STATUS_RUNNING);
  status = DRSO_EXECUTION_STATUS_PENDING;
  g_assert_true (drso_execution_status_from_string ("IN_PROGRESS", &status));
  g_assert_cmpint (status, ==, DRSO_EXECUTION_STATUS_RUNNING);
  g_assert_true (drso_execution_status_from_string ("POLLING", NULL));
  /* ... but they are read only: RUNNING is what is written. */
  g_assert_cmpstr (drso_execution_status_to_string (DRSO_EXECUTION_STATUS_RUNNING), ==,
                   "RUNNING");

  status = DRSO_EXECUTION_STATUS_PAUSED;
  g_assert_false (drso_execution_status_from_string ("running", &status));
  g_assert_false (drso_execution_status_from_string ("DONE", &status));
  g_assert_false (drso_execution_status_from_string ("SKIPPED", &status));
  g_assert_false (drso_execution_status_from_string ("", &status));
  g_assert_false (drso_execution_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, DRSO_EXECUTION_STATUS_PAUSED);
}

static void
test_enum_wave_status (void)
{
  static const char * const names[] = {
    "PENDING", "PAUSED", "IN_PROGRESS", "COMPLETED", "FAILED", "SKIPPED", "CANCELLED",
  };
  static const DrsoWaveStatus values[] = {
    DRSO_WAVE_STATUS_PENDING, DRSO_WAVE_STATUS_PAUSED, DRSO_WAVE_STATUS_IN_PROGRESS,
    DRSO_WAVE_STATUS_COMPLETED, DRSO_WAVE_STATUS_FAILED, DRSO_WAVE_STATUS_SKIPPED,
    DRSO_WAVE_STATUS_CANCELLED,
  };
  DrsoWaveStatus status;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (drso_wave_status_to_string (values[i]), ==, names[i]);
      status = 99;
      g_assert_true (drso_wave_status_from_string (names[i], &status));
      g_assert_cmpint (status, ==, values[i]);
    }

  status = DRSO_WAVE_STATUS_SKIPPED;
  g_assert_false (drso_wave_status_from_string ("RUNNING", &status));
  g_assert_false (drso_wave_status_from_string ("in_progress", &status));
  g_assert_false (drso_wave_status_from_string ("", &status));
  g_assert_false (drso_wave_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, DRSO_WAVE_STATUS_SKIPPED);
}

static void
test_enum_launch_status (void)
{
  static const char * const names[] = {
    "PENDING", "IN_PROGRESS", "LAUNCHED", "FAILED", "TERMINATED",
  };
  static const DrsoLaunchStatus values[] = {
    DRSO_LAUNCH_STATUS_PENDING, DRSO_LAUNCH_STATUS_IN_PROGRESS, DRSO_LAUNCH_STATUS_LAUNCHED,
    DRSO_LAUNCH_STATUS_FAILED, DRSO_LAUNCH_STATUS_TERMINATED,
  };
  DrsoLaunchStatus status;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (drso_launch_status_to_string (values[i]), ==, names[i]);
      status = 99;
      g_assert_true (drso_launch_status_from_string (names[i], &status));
      g_assert_cmpint (status, ==, values[i]);
    }

  status = DRSO_LAUNCH_STATUS_FAILED;
  g_assert_false (drso_launch_status_from_string ("COMPLETED", &status));
  g_assert_false (drso_launch_status_from_string ("launched", &status));
  g_assert_false (drso_launch_status_from_string ("", &status));
  g_assert_false (drso_launch_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, DRSO_LAUNCH_STATUS_FAILED);
}

static void
test_enum_event_kind (void)
{
  static const char * const names[] = {
    "INFO", "WARNING", "ERROR", "EXECUTION_STARTED", "WAVE_STARTED", "JOB_STARTED",
    "SERVER_CHANGED", "WAVE_COMPLETED", "WAVE_FAILED", "PAUSED", "RESUMED", "CANCELLED",
    "EXECUTION_FINISHED",
  };
  static const DrsoEventKind values[] = {
    DRSO_EVENT_KIND_INFO, DRSO_EVENT_KIND_WARNING, DRSO_EVENT_KIND_ERROR,
    DRSO_EVENT_KIND_EXECUTION_STARTED, DRSO_EVENT_KIND_WAVE_STARTED,
    DRSO_EVENT_KIND_JOB_STARTED, DRSO_EVENT_KIND_SERVER_CHANGED,
    DRSO_EVENT_KIND_WAVE_COMPLETED, DRSO_EVENT_KIND_WAVE_FAILED, DRSO_EVENT_KIND_PAUSED,
    DRSO_EVENT_KIND_RESUMED, DRSO_EVENT_KIND_CANCELLED, DRSO_EVENT_KIND_EXECUTION_FINISHED,
  };
  DrsoEventKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (drso_event_kind_to_string (values[i]), ==, names[i]);
      kind = 99;
      g_assert_true (drso_event_kind_from_string (names[i], &kind));
      g_assert_cmpint (kind, ==, values[i]);
    }

  kind = DRSO_EVENT_KIND_RESUMED;
  g_assert_false (drso_event_kind_from_string ("DEBUG", &kind));
  g_assert_false (drso_event_kind_from_string ("info", &kind));
  g_assert_false (drso_event_kind_from_string ("", &kind));
  g_assert_false (drso_event_kind_from_string (NULL, &kind));
  g_assert_cmpint (kind, ==, DRSO_EVENT_KIND_RESUMED);
}

/* Errors */

static void
test_error_classification (void)
{
  static const DrsoModelError conflicts[] = {
    DRSO_MODEL_ERROR_DUPLICATE_NAME, DRSO_MODEL_ERROR_DUPLICATE_ID,
    DRSO_MODEL_ERROR_SERVER_IN_OTHER_GROUP, DRSO_MODEL_ERROR_IN_USE,
  };
  static const DrsoModelError others[] = {
    DRSO_MODEL_ERROR_INVALID_JSON, DRSO_MODEL_ERROR_WRONG_TYPE, DRSO_MODEL_ERROR_MISSING_FIELD,
    DRSO_MODEL_ERROR_INVALID_VALUE, DRSO_MODEL_ERROR_NAME_REQUIRED,
    DRSO_MODEL_ERROR_INVALID_ACCOUNT_ID, DRSO_MODEL_ERROR_EMPTY_GROUP,
    DRSO_MODEL_ERROR_GROUP_IN_TWO_WAVES, DRSO_MODEL_ERROR_MISSING_GROUP,
    DRSO_MODEL_ERROR_ACCOUNT_NOT_ACCESSIBLE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (conflicts); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (DRSO_MODEL_ERROR, conflicts[i], "x");

      g_assert_true (drso_error_is_conflict (error));
      g_assert_false (drso_error_is_not_found (error));
    }

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (DRSO_MODEL_ERROR, others[i], "x");

      g_assert_false (drso_error_is_conflict (error));
      g_assert_false (drso_error_is_not_found (error));
    }

  {
    g_autoptr(GError) not_found = g_error_new_literal (DRSO_STORE_ERROR,
                                                       DRSO_STORE_ERROR_NOT_FOUND, "x");
    g_autoptr(GError) busy = g_error_new_literal (DRSO_STORE_ERROR, DRSO_STORE_ERROR_BUSY, "x");
    g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "x");
    /* Same code number as DUPLICATE_NAME, other domain. */
    g_autoptr(GError) foreign = g_error_new_literal (DRSO_STORE_ERROR,
                                                     DRSO_MODEL_ERROR_DUPLICATE_NAME, "x");
    g_autoptr(GError) denied = g_error_new_literal (DRSO_PERMISSION_ERROR,
                                                    DRSO_PERMISSION_ERROR_DENIED, "x");

    g_assert_true (drso_error_is_not_found (not_found));
    g_assert_false (drso_error_is_conflict (not_found));
    g_assert_false (drso_error_is_not_found (busy));
    g_assert_false (drso_error_is_not_found (io));
    g_assert_false (drso_error_is_conflict (io));
    g_assert_false (drso_error_is_conflict (foreign));
    g_assert_false (drso_error_is_conflict (denied));
    g_assert_false (drso_error_is_not_found (denied));
    g_assert_false (drso_error_is_conflict (NULL));
    g_assert_false (drso_error_is_not_found (NULL));
  }

  g_assert_cmpuint (DRSO_MODEL_ERROR, !=, DRSO_STORE_ERROR);
  g_assert_cmpuint (DRSO_MODEL_ERROR, !=, DRSO_PERMISSION_ERROR);
  g_assert_cmpstr (g_quark_to_string (DRSO_MODEL_ERROR), ==, "drso-model-error-quark");
}

/* Copies */

static void
test_document_copy (void)
{
  g_autoptr(DrsoProtectionGroup) group = new_valid_group ();
  g_autoptr(DrsoProtectionGroup) copy = NULL;
  g_autofree char *original_json = NULL;
  g_autofree char *after_json = NULL;

  drso_protection_group_add_server_id (group, SERVER_B);
  drso_protection_group_set_tag (group, "Tier", "web");
  drso_protection_group_set_description (group, "Web servers");
  drso_document_set_created_date (DRSO_DOCUMENT (group), 1700000000);
  drso_document_set_last_modified_date (DRSO_DOCUMENT (group), 1700000100);
  drso_document_set_created_by (DRSO_DOCUMENT (group), "alice");
  drso_document_set_last_modified_by (DRSO_DOCUMENT (group), "bob");
  original_json = drso_document_to_string (DRSO_DOCUMENT (group), FALSE);

  copy = DRSO_PROTECTION_GROUP (drso_document_copy (DRSO_DOCUMENT (group)));
  g_assert_true (DRSO_IS_PROTECTION_GROUP (copy));
  g_assert_true (copy != group);
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (group), DRSO_DOCUMENT (copy)));
  g_assert_cmpstr (drso_protection_group_get_group_id (copy), ==,
                   drso_protection_group_get_group_id (group));
  g_assert_cmpstr (drso_protection_group_get_group_name (copy), ==, "Web");
  g_assert_cmpstr (drso_protection_group_get_description (copy), ==, "Web servers");
  g_assert_cmpstr (drso_protection_group_get_tag (copy, "Tier"), ==, "web");
  g_assert_cmpuint (drso_protection_group_get_server_count (copy), ==, 2);
  g_assert_cmpint (drso_document_get_created_date (DRSO_DOCUMENT (copy)), ==, 1700000000);
  g_assert_cmpstr (drso_document_get_last_modified_by (DRSO_DOCUMENT (copy)), ==, "bob");
  /* Not the same containers either. */
  g_assert_true (drso_protection_group_get_tag_criteria (copy) !=
                 drso_protection_group_get_tag_criteria (group));
  g_assert_true (drso_protection_group_get_server_ids (copy) !=
                 drso_protection_group_get_server_ids (group));

  /* Changing the copy leaves the original alone. */
  drso_protection_group_add_server_id (copy, SERVER_C);
  g_assert_false (drso_document_equal (DRSO_DOCUMENT (group), DRSO_DOCUMENT (copy)));
  drso_protection_group_set_tag (copy, "Tier", "app");
  drso_protection_group_remove_server_id (copy, SERVER_A);
  drso_document_set_name (DRSO_DOCUMENT (copy), "Copy");
  drso_protection_group_set_region (copy, "eu-west-1");

  after_json = drso_document_to_string (DRSO_DOCUMENT (group), FALSE);
  g_assert_cmpstr (after_json, ==, original_json);
  g_assert_true (drso_protection_group_has_server_id (group, SERVER_A));
  g_assert_false (drso_protection_group_has_server_id (group, SERVER_C));
  g_assert_cmpstr (drso_protection_group_get_tag (group, "Tier"), ==, "web");
  g_assert_cmpstr (drso_protection_group_get_group_name (group), ==, "Web");
}

static void
test_document_copy_plan (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Production");
  g_autoptr(DrsoRecoveryPlan) copy = NULL;
  DrsoWave *wave;

  drso_recovery_plan_set_description (plan, "Whole stack");
  append_wave (plan, "DB", "pg-db", 600);
  append_wave (plan, "Web", "pg-web", 300);
  drso_wave_set_pause_before_wave (drso_recovery_plan_get_wave (plan, 2), TRUE);
  drso_recovery_plan_set_last_execution (plan, "exec-1", "COMPLETED", 1700000500);

  copy = DRSO_RECOVERY_PLAN (drso_document_copy (DRSO_DOCUMENT (plan)));
  g_assert_true (copy != plan);
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (plan), DRSO_DOCUMENT (copy)));
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (copy), ==, 2);
  g_assert_true (drso_recovery_plan_get_waves (copy) != drso_recovery_plan_get_waves (plan));
  g_assert_true (drso_wave_get_pause_before_wave (drso_recovery_plan_get_wave (copy, 2)));
  g_assert_cmpstr (drso_recovery_plan_get_last_execution_id (copy), ==, "exec-1");

  /* The waves are copies too. */
  wave = drso_recovery_plan_get_wave (copy, 1);
  g_assert_true (wave != drso_recovery_plan_get_wave (plan, 1));
  drso_wave_add_protection_group_id (wave, "pg-extra");
  drso_wave_set_estimated_duration (wave, 1);
  g_assert_false (drso_wave_has_protection_group_id (drso_recovery_plan_get_wave (plan, 1),
                                                     "pg-extra"));
  g_assert_cmpuint (drso_wave_get_estimated_duration (drso_recovery_plan_get_wave (plan, 1)), ==,
                    600);
  drso_recovery_plan_remove_wave (copy, 2);
  g_assert_cmpuint (drso_recovery_plan_get_n_waves (plan), ==, 2);
  g_assert_false (drso_document_equal (DRSO_DOCUMENT (plan), DRSO_DOCUMENT (copy)));
}

static void
test_document_copy_account (void)
{
  g_autoptr(DrsoAccount) account = new_valid_account ();
  g_autoptr(DrsoAccount) copy = NULL;
  g_autoptr(DrsoAccount) bare = drso_account_new (NULL, NULL);
  g_autoptr(DrsoAccount) bare_copy = NULL;
  const char *one_region[] = { "ap-southeast-2", NULL };

  drso_account_set_simulated (account, TRUE);
  drso_account_set_profile (account, "prod");
  copy = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (account)));
  g_assert_true (copy != account);
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (account), DRSO_DOCUMENT (copy)));
  g_assert_true (drso_account_get_simulated (copy));
  g_assert_cmpstr (drso_account_get_profile (copy), ==, "prod");

  drso_account_set_regions (copy, one_region);
  drso_account_set_simulated (copy, FALSE);
  g_assert_cmpstr (drso_account_get_default_region (account), ==, "us-east-1");
  g_assert_true (drso_account_get_simulated (account));
  g_assert_false (drso_document_equal (DRSO_DOCUMENT (account), DRSO_DOCUMENT (copy)));

  /* Objects still being built, without id or name, copy as well. */
  bare_copy = DRSO_ACCOUNT (drso_document_copy (DRSO_DOCUMENT (bare)));
  g_assert_nonnull (bare_copy);
  g_assert_null (drso_account_get_account_id (bare_copy));
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (bare), DRSO_DOCUMENT (bare_copy)));

  /* Documents of different kinds are never equal. */
  {
    g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new (NULL);
    g_autoptr(DrsoProtectionGroup) group = drso_protection_group_new (NULL, NULL, NULL);

    drso_document_set_id (DRSO_DOCUMENT (plan), "x");
    drso_document_set_id (DRSO_DOCUMENT (group), "x");
    g_assert_false (drso_document_equal (DRSO_DOCUMENT (plan), DRSO_DOCUMENT (group)));
  }
}

static void
test_object_copies (void)
{
  g_autoptr(DrsoWave) wave = new_wave ("DB", "pg-a", "pg-b", NULL);
  g_autoptr(DrsoWave) wave_copy = NULL;
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", "Production",
                                                           DRSO_EXECUTION_TYPE_DRILL);
  g_autoptr(DrsoExecution) execution_copy = NULL;
  g_autoptr(DrsoWaveRun) run = drso_wave_run_new (1, "DB");
  g_autoptr(DrsoServerRun) server = drso_server_run_new (SERVER_A);
  DrsoWaveRun *run_copy;

  drso_wave_set_wave_number (wave, 2);
  drso_wave_set_estimated_duration (wave, 60);
  drso_wave_set_pause_before_wave (wave, TRUE);
  wave_copy = drso_wave_copy (wave);
  g_assert_true (wave_copy != wave);
  g_assert_cmpuint (drso_wave_get_wave_number (wave_copy), ==, 2);
  g_assert_cmpuint (drso_wave_get_estimated_duration (wave_copy), ==, 60);
  g_assert_true (drso_wave_get_pause_before_wave (wave_copy));
  g_assert_cmpstr (drso_wave_get_wave_name (wave_copy), ==, "DB");
  drso_wave_add_protection_group_id (wave_copy, "pg-c");
  g_assert_false (drso_wave_has_protection_group_id (wave, "pg-c"));
  g_assert_true (drso_wave_get_protection_group_ids (wave_copy) !=
                 drso_wave_get_protection_group_ids (wave));

  drso_server_run_set_status (server, DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_wave_run_add_server (run, server);
  drso_wave_run_add_job_id (run, "drsjob-1");
  drso_execution_add_wave_run (execution, run);
  drso_execution_add_error (execution, "oops");
  execution_copy = drso_execution_copy (execution);
  g_assert_nonnull (execution_copy);
  g_assert_true (execution_copy != execution);
  g_assert_cmpstr (drso_execution_get_execution_id (execution_copy), ==,
                   drso_execution_get_execution_id (execution));
  run_copy = drso_execution_get_wave_run (execution_copy, 1);
  g_assert_nonnull (run_copy);
  g_assert_true (run_copy != run);
  g_assert_cmpuint (drso_wave_run_get_servers_recovered (run_copy), ==, 1);
  drso_server_run_set_status (drso_wave_run_find_server (run_copy, SERVER_A),
                              DRSO_LAUNCH_STATUS_FAILED);
  g_assert_cmpint (drso_server_run_get_status (server), ==, DRSO_LAUNCH_STATUS_LAUNCHED);
  drso_execution_add_error (execution_copy, "second");
  g_assert_cmpuint (g_strv_length ((char **) drso_execution_get_errors (execution)), ==, 1);
}

/* Plan targets and server settings */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_plan_server_settings (void)
{
  g_autoptr(DrsoRecoveryPlan) plan = drso_recovery_plan_new ("Targets");
  g_autoptr(DrsoRecoveryPlan) copy = NULL;
  g_autoptr(DrsoWave) wave = drso_wave_new ("Only");
  g_auto(GStrv) configured = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  guint rpo = 0;

  drso_wave_add_protection_group_id (wave, "pg-1");
  drso_recovery_plan_append_wave (plan, wave);

  /* Targets are properties that notify once per change. */
  g_signal_connect (plan, "notify::rpo-target", G_CALLBACK (count_notify), &notified);
  drso_recovery_plan_set_rpo_target (plan, 300);
  drso_recovery_plan_set_rpo_target (plan, 300);
  g_object_set (plan, "rto-target", 1800, NULL);
  g_object_get (plan, "rpo-target", &rpo, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (rpo, ==, 300);
  g_assert_cmpuint (drso_recovery_plan_get_rto_target (plan), ==, 1800);

  /* Settings are kept sorted by server id; defaults are not listed. */
  drso_recovery_plan_set_server_criticality (plan, SERVER_B, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_recovery_plan_set_server_snapshot (plan, SERVER_C, "pit-0123456789abcdef0");
  drso_recovery_plan_set_server_criticality (plan, SERVER_A, DRSO_SERVER_CRITICALITY_CRITICAL);
  configured = drso_recovery_plan_dup_configured_servers (plan);
  drso_test_assert_strv ((const char * const *) configured,
                         (const char * const[]) { SERVER_C, SERVER_B, NULL });
  g_clear_pointer (&configured, g_strfreev);

  /* Servers need not be in the plan's groups: the settings are kept. */
  g_assert_true (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  g_assert_no_error (error);

  /* Copy and equality see the settings. */
  copy = DRSO_RECOVERY_PLAN (drso_document_copy (DRSO_DOCUMENT (plan)));
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (copy), DRSO_DOCUMENT (plan)));
  g_assert_cmpstr (drso_recovery_plan_get_server_snapshot (copy, SERVER_C), ==,
                   "pit-0123456789abcdef0");
  drso_recovery_plan_set_server_snapshot (copy, SERVER_C, "pit-0123456789abcdef1");
  g_assert_false (drso_document_equal (DRSO_DOCUMENT (copy), DRSO_DOCUMENT (plan)));
  g_assert_cmpstr (drso_recovery_plan_get_server_snapshot (plan, SERVER_C), ==,
                   "pit-0123456789abcdef0");
  drso_recovery_plan_set_server_snapshot (copy, SERVER_C, "pit-0123456789abcdef0");
  g_assert_true (drso_document_equal (DRSO_DOCUMENT (copy), DRSO_DOCUMENT (plan)));
  drso_recovery_plan_set_rto_target (copy, 0);
  g_assert_false (drso_document_equal (DRSO_DOCUMENT (copy), DRSO_DOCUMENT (plan)));

  /* Back to the defaults, a server is no longer listed. */
  drso_recovery_plan_set_server_snapshot (plan, SERVER_C, NULL);
  drso_recovery_plan_set_server_criticality (plan, SERVER_B, DRSO_SERVER_CRITICALITY_CRITICAL);
  configured = drso_recovery_plan_dup_configured_servers (plan);
  g_assert_cmpuint (g_strv_length (configured), ==, 0);

  /* An id of the wrong form is refused by validation, naming the member. */
  drso_recovery_plan_set_server_snapshot (plan, SERVER_A, "pit-short");
  g_assert_false (drso_document_validate (DRSO_DOCUMENT (plan), &error));
  drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID,
                                "serverSettings." SERVER_A ".recoverySnapshotId");
}

static void
test_server_criticality_strings (void)
{
  DrsoServerCriticality value = DRSO_SERVER_CRITICALITY_CRITICAL;

  g_assert_cmpstr (drso_server_criticality_to_string (DRSO_SERVER_CRITICALITY_CRITICAL), ==,
                   "CRITICAL");
  g_assert_cmpstr (drso_server_criticality_to_string (DRSO_SERVER_CRITICALITY_OPTIONAL), ==,
                   "OPTIONAL");
  g_assert_true (drso_server_criticality_from_string ("OPTIONAL", &value));
  g_assert_cmpint (value, ==, DRSO_SERVER_CRITICALITY_OPTIONAL);
  g_assert_false (drso_server_criticality_from_string ("optional", &value));
  g_assert_false (drso_server_criticality_from_string (NULL, NULL));
  g_assert_cmpint (value, ==, DRSO_SERVER_CRITICALITY_OPTIONAL);

  g_assert_true (drso_validate_recovery_snapshot_id ("pit-0123456789abcdefA", NULL));
  g_assert_false (drso_validate_recovery_snapshot_id ("pit-0123456789abcdef", NULL));
  g_assert_false (drso_validate_recovery_snapshot_id ("pit-0123456789abcdef-_", NULL));
  g_assert_false (drso_validate_recovery_snapshot_id ("snap-0123456789abcdef", NULL));
  g_assert_false (drso_validate_recovery_snapshot_id (NULL, NULL));
}

static void
test_run_engine_notify (void)
{
  g_autoptr(DrsoServerRun) run = drso_server_run_new (SERVER_A);
  g_autoptr(DrsoExecution) execution = drso_execution_new ("plan-1", "Plan",
                                                          DRSO_EXECUTION_TYPE_DRILL);
  guint notified = 0;
  gint64 requested = 0;
  g_auto(GStrv) warnings = NULL;

  g_signal_connect (run, "notify", G_CALLBACK (count_notify), &notified);
  drso_server_run_set_launch_requested (run, 42);
  drso_server_run_set_launch_requested (run, 42);
  drso_server_run_set_launch_attempt (run, 1);
  drso_server_run_set_criticality (run, DRSO_SERVER_CRITICALITY_OPTIONAL);
  drso_server_run_set_health (run, "ok");
  g_object_set (run, "launch-end", (gint64) 99, NULL);
  g_object_get (run, "launch-requested", &requested, NULL);
  g_assert_cmpuint (notified, ==, 5);
  g_assert_cmpint (requested, ==, 42);
  g_assert_cmpint (drso_server_run_get_launch_end (run), ==, 99);

  notified = 0;
  g_signal_connect (execution, "notify", G_CALLBACK (count_notify), &notified);
  drso_execution_add_warning (execution, "One");
  drso_execution_set_initiated_by_arn (execution, "arn:aws:iam::123456789012:user/bob");
  drso_execution_set_initiated_by_arn (execution, "arn:aws:iam::123456789012:user/bob");
  g_object_get (execution, "warnings", &warnings, NULL);
  g_assert_cmpuint (notified, ==, 2);
  drso_test_assert_strv ((const char * const *) warnings, (const char * const[]) { "One", NULL });
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/validate/account-id", test_validate_account_id);
  g_test_add_func ("/model/validate/role-arn", test_validate_role_arn);
  g_test_add_func ("/model/validate/role-arn-account-id", test_role_arn_account_id);
  g_test_add_func ("/model/validate/external-id", test_validate_external_id);
  g_test_add_func ("/model/validate/region", test_validate_region);
  g_test_add_func ("/model/validate/source-server-id", test_validate_source_server_id);
  g_test_add_func ("/model/validate/name", test_validate_name);
  g_test_add_func ("/model/validate/id", test_validate_id);
  g_test_add_func ("/model/validate/tag", test_validate_tag);

  g_test_add_func ("/model/account/validate", test_account_validate);
  g_test_add_func ("/model/account/validate-id", test_account_validate_id);
  g_test_add_func ("/model/account/validate-name", test_account_validate_name);
  g_test_add_func ("/model/account/validate-role-arn", test_account_validate_role_arn);
  g_test_add_func ("/model/account/validate-external-id", test_account_validate_external_id);
  g_test_add_func ("/model/account/validate-region", test_account_validate_region);
  g_test_add_func ("/model/account/validate-endpoint", test_account_validate_endpoint);
  g_test_add_func ("/model/group/validate", test_group_validate);
  g_test_add_func ("/model/group/validate-empty", test_group_validate_empty);
  g_test_add_func ("/model/group/validate-server-id", test_group_validate_server_id);
  g_test_add_func ("/model/group/validate-region", test_group_validate_region);
  g_test_add_func ("/model/group/validate-account", test_group_validate_account);
  g_test_add_func ("/model/group/validate-tag", test_group_validate_tag);
  g_test_add_func ("/model/group/validate-name-and-id", test_group_validate_name_and_id);
  g_test_add_func ("/model/plan/validate", test_plan_validate);
  g_test_add_func ("/model/plan/validate-no-waves", test_plan_validate_no_waves);
  g_test_add_func ("/model/plan/validate-wave-without-groups",
                   test_plan_validate_wave_without_groups);
  g_test_add_func ("/model/plan/validate-group-in-two-waves",
                   test_plan_validate_group_in_two_waves);
  g_test_add_func ("/model/plan/validate-members", test_plan_validate_members);

  g_test_add_func ("/model/document/notify", test_document_notify);
  g_test_add_func ("/model/document/ids", test_document_ids);
  g_test_add_func ("/model/account/notify", test_account_notify);
  g_test_add_func ("/model/account/notify-empty-string", test_account_notify_empty_string);
  g_test_add_func ("/model/source-server/notify", test_source_server_notify);
  g_test_add_func ("/model/group/notify", test_group_notify);
  g_test_add_func ("/model/wave/notify", test_wave_notify);
  g_test_add_func ("/model/plan/notify", test_plan_notify);
  g_test_add_func ("/model/plan/notify-move", test_plan_notify_move);
  g_test_add_func ("/model/plan/notify-wave-duration", test_plan_notify_wave_duration);
  g_test_add_func ("/model/execution/notify", test_execution_notify);
  g_test_add_func ("/model/wave-run/notify", test_wave_run_notify);
  g_test_add_func ("/model/server-run/notify", test_server_run_notify);
  g_test_add_func ("/model/event/notify", test_event_notify);

  g_test_add_func ("/model/group/server-ids", test_group_server_ids);
  g_test_add_func ("/model/group/server-ids-repeats-notify",
                   test_group_server_ids_repeats_notify);
  g_test_add_func ("/model/group/tags", test_group_tags);
  g_test_add_func ("/model/group/matches-tags", test_group_matches_tags);
  g_test_add_func ("/model/wave/group-ids", test_wave_group_ids);
  g_test_add_func ("/model/plan/wave-order", test_plan_wave_order);
  g_test_add_func ("/model/plan/groups", test_plan_groups);
  g_test_add_func ("/model/wave-run/servers", test_wave_run_servers);
  g_test_add_func ("/model/execution/wave-runs", test_execution_wave_runs);
  g_test_add_func ("/model/execution/errors", test_execution_errors);
  g_test_add_func ("/model/execution/duration", test_execution_duration);

  g_test_add_func ("/model/enum/execution-type", test_enum_execution_type);
  g_test_add_func ("/model/enum/execution-status", test_enum_execution_status);
  g_test_add_func ("/model/enum/wave-status", test_enum_wave_status);
  g_test_add_func ("/model/enum/launch-status", test_enum_launch_status);
  g_test_add_func ("/model/enum/event-kind", test_enum_event_kind);
  g_test_add_func ("/model/error/classification", test_error_classification);

  g_test_add_func ("/model/copy/group", test_document_copy);
  g_test_add_func ("/model/copy/plan", test_document_copy_plan);
  g_test_add_func ("/model/copy/account", test_document_copy_account);
  g_test_add_func ("/model/copy/objects", test_object_copies);
  g_test_add_func ("/model/engine/plan-server-settings", test_plan_server_settings);
  g_test_add_func ("/model/engine/criticality-strings", test_server_criticality_strings);
  g_test_add_func ("/model/engine/run-notify", test_run_engine_notify);

  return g_test_run ();
}
