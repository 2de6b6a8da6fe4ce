/* drso-cli-drs.c
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

#define G_LOG_DOMAIN "drso-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-cli.h"

/* drso drs quotas|jobs|job-log: what DRS itself says, straight from its API. */

/* The limits of DRS (its default quotas, per account and region) that the
 * orchestrator keeps to when it launches waves, as the engine and the
 * readiness check count them. */
#define MAX_REPLICATING_SERVERS  300
#define MAX_ACTIVE_JOBS          20
#define MAX_SERVERS_PER_JOB      100
#define MAX_SERVERS_IN_JOBS      500

static gboolean
is_replicating (const char *state)
{
  return state != NULL && *state != '\0' && g_strcmp0 (state, "STOPPED") != 0 &&
         g_strcmp0 (state, "DISCONNECTED") != 0;
}

static gboolean
is_active (DrsoDrsJob *job)
{
  return g_strcmp0 (drso_drs_job_get_status (job), "PENDING") == 0 ||
         g_strcmp0 (drso_drs_job_get_status (job), "STARTED") == 0;
}

static GPtrArray *
describe_jobs (DrsoAwsContext  *context,
               const char      *from_date,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_drs_describe_jobs_async (context, NULL, from_date, NULL, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  return drso_drs_describe_jobs_finish (context, result, error);
}

static GPtrArray *
describe_servers (DrsoAwsContext  *context,
                  GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  drso_drs_describe_source_servers_async (context, NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  return drso_drs_describe_source_servers_finish (context, result, error);
}

/* The counts of one account and region, into @object. */
static gboolean
count_region (DrsoCli      *cli,
              DrsoAccount  *account,
              const char   *region,
              JsonObject   *object,
              GError      **error)
{
  g_autoptr(DrsoAwsContext) context = drso_cli_dup_context (cli, account, region, error);
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  guint replicating = 0, active = 0, in_jobs = 0;

  if (context == NULL || (servers = describe_servers (context, error)) == NULL ||
      (jobs = describe_jobs (context, NULL, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < servers->len; i++)
    if (is_replicating (drso_source_server_get_replication_state (g_ptr_array_index (servers, i))))
      replicating++;
  for (guint i = 0; i < jobs->len; i++)
    {
      DrsoDrsJob *job = g_ptr_array_index (jobs, i);

      if (!is_active (job))
        continue;
      active++;
      in_jobs += g_list_model_get_n_items (drso_drs_job_get_participating_servers (job));
    }

  json_object_set_int_member (object, "sourceServers", servers->len);
  json_object_set_int_member (object, "replicatingServers", replicating);
  json_object_set_int_member (object, "activeJobs", active);
  json_object_set_int_member (object, "serversInActiveJobs", in_jobs);
  return TRUE;
}

static char *
cell (JsonObject *object,
      const char *member,
      guint       limit)
{
  if (!json_object_has_member (object, member))
    return g_strdup ("—");
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%u", json_object_get_int_member (object, member),
                          limit);
}

int
drso_cli_drs_quotas (DrsoCli  *cli,
                     int       argc,
                     char    **argv)
{
  g_autofree char *account_name = NULL, *region = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name,
      N_("Only this account, by id or name (every account if left out)"), N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("Only this region (each region of the account if left out)"), N_("REGION") },
    { NULL }
  };
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_error = NULL;
  JsonObject *root = json_object_new ();
  JsonObject *limits = json_object_new ();
  JsonArray *counts = json_array_new ();
  DrsoStore *store;
  guint n_failed = 0;
  int status;

  json_node_take_object (node, root);
  json_object_set_int_member (limits, "replicatingServers", MAX_REPLICATING_SERVERS);
  json_object_set_int_member (limits, "activeJobs", MAX_ACTIVE_JOBS);
  json_object_set_int_member (limits, "serversPerJob", MAX_SERVERS_PER_JOB);
  json_object_set_int_member (limits, "serversInActiveJobs", MAX_SERVERS_IN_JOBS);
  json_object_set_object_member (root, "limits", limits);
  json_object_set_array_member (root, "regions", counts);

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso drs quotas takes options only"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  if (account_name != NULL)
    {
      DrsoAccount *account = drso_store_lookup_account (store, account_name, &error);

      if (account == NULL)
        return drso_cli_fail (error);
      g_ptr_array_add (accounts, account);
    }
  else
    for (guint i = 0; i < g_list_model_get_n_items (drso_store_get_accounts (store)); i++)
      g_ptr_array_add (accounts, g_list_model_get_item (drso_store_get_accounts (store), i));

  for (guint i = 0; i < accounts->len; i++)
    {
      DrsoAccount *account = g_ptr_array_index (accounts, i);
      const char * const *regions = drso_account_get_regions (account);
      const char *fallback[] = { drso_cli_account_region (account, region),
                                 NULL };

      if (region != NULL || regions == NULL || regions[0] == NULL)
        regions = (const char * const *) fallback;
      for (guint j = 0; regions[j] != NULL; j++)
        {
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "accountId",
                                         drso_account_get_account_id (account));
          json_object_set_string_member (object, "accountName",
                                         drso_account_get_account_name (account));
          json_object_set_string_member (object, "region", regions[j]);
          if (!count_region (cli, account, regions[j], object, &error))
            {
              json_object_set_string_member (object, "error", error->message);
              if (n_failed++ == 0)
                first_error = g_strdup_printf ("%s (%s): %s",
                                               drso_account_get_account_id (account),
                                               regions[j], error->message);
              g_clear_error (&error);
            }
          json_array_add_object_element (counts, object);
        }
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      g_print (_("DRS limits per account and region: %u replicating servers, %u active jobs, "
                 "%u servers per job, %u servers in active jobs.\n"),
               MAX_REPLICATING_SERVERS, MAX_ACTIVE_JOBS, MAX_SERVERS_PER_JOB,
               MAX_SERVERS_IN_JOBS);
      if (cli->output == DRSO_OUTPUT_TABLE)
        drso_cli_add_row (rows, _("ACCOUNT"), _("REGION"), _("REPLICATING"), _("ACTIVE JOBS"),
                          _("SERVERS IN JOBS"), NULL);
      for (guint i = 0; i < json_array_get_length (counts); i++)
        {
          JsonObject *object = json_array_get_object_element (counts, i);
          g_autofree char *replicating = cell (object, "replicatingServers",
                                               MAX_REPLICATING_SERVERS);
          g_autofree char *jobs = cell (object, "activeJobs", MAX_ACTIVE_JOBS);
          g_autofree char *in_jobs = cell (object, "serversInActiveJobs", MAX_SERVERS_IN_JOBS);

          drso_cli_add_row (rows, json_object_get_string_member (object, "accountId"),
                            json_object_get_string_member (object, "region"), replicating, jobs,
                            in_jobs, NULL);
        }
      drso_cli_print_table (rows);
    }

  if (n_failed > 0)
    {
      g_printerr (g_dngettext (NULL, "drso: %u region could not be counted: %s\n",
                               "drso: %u regions could not be counted; the first: %s\n",
                               n_failed), n_failed, first_error);
      return DRSO_EXIT_FAILED;
    }
  return DRSO_EXIT_OK;
}

/* The account of a command: the one named, or the default one. */
DrsoAccount *
drso_cli_pick_account (DrsoCli     *cli,
                       const char  *name,
                       int         *status)
{
  g_autoptr(GError) error = NULL;
  DrsoStore *store = drso_cli_get_store (cli, &error);
  DrsoAccount *account;

  if (store == NULL)
    {
      *status = drso_cli_fail (error);
      return NULL;
    }
  if (name == NULL)
    {
      account = drso_store_dup_default_account (store);
      if (account == NULL)
        *status = drso_cli_usage (_("Name the account with --account"));
      return account;
    }
  account = drso_store_lookup_account (store, name, &error);
  if (account == NULL)
    *status = drso_cli_fail (error);
  return account;
}

/* "90s", "30m", "12h", "7d" (a bare number is seconds). */
static gboolean
parse_duration (const char *text,
                gint64     *seconds)
{
  guint64 n;
  char *end = NULL;
  gint64 unit = 1;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  n = g_ascii_strtoull (text, &end, 10);
  if (g_str_equal (end, "") || g_str_equal (end, "s"))
    unit = 1;
  else if (g_str_equal (end, "m"))
    unit = 60;
  else if (g_str_equal (end, "h"))
    unit = 3600;
  else if (g_str_equal (end, "d"))
    unit = 86400;
  else
    return FALSE;
  if (n > (guint64) (G_MAXINT64 / unit / 1000))
    return FALSE;
  *seconds = (gint64) n * unit;
  return TRUE;
}

static void
set_time (JsonObject *object,
          const char *member,
          gint64      seconds)
{
  g_autofree char *text = drso_cli_format_time (seconds);

  if (text != NULL)
    json_object_set_string_member (object, member, text);
}

/* A job in the shape of DRS's own answer. */
static JsonNode *
job_to_json (DrsoDrsJob *job)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *tags = json_object_new ();
  JsonArray *servers = json_array_new ();
  GListModel *participants = drso_drs_job_get_participating_servers (job);
  GHashTableIter iter;
  gpointer key, value;

  json_node_take_object (node, object);
  json_object_set_string_member (object, "jobID", drso_drs_job_get_job_id (job));
  if (drso_drs_job_get_arn (job) != NULL)
    json_object_set_string_member (object, "arn", drso_drs_job_get_arn (job));
  json_object_set_string_member (object, "type", drso_drs_job_get_job_type (job));
  json_object_set_string_member (object, "initiatedBy", drso_drs_job_get_initiated_by (job));
  json_object_set_string_member (object, "status", drso_drs_job_get_status (job));
  set_time (object, "creationDateTime", drso_drs_job_get_creation_date (job));
  set_time (object, "endDateTime", drso_drs_job_get_end_date (job));
  if (drso_drs_job_get_tags (job) != NULL)
    {
      g_hash_table_iter_init (&iter, drso_drs_job_get_tags (job));
      while (g_hash_table_iter_next (&iter, &key, &value))
        json_object_set_string_member (tags, key, value);
    }
  json_object_set_object_member (object, "tags", tags);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(DrsoDrsParticipatingServer) server = g_list_model_get_item (participants, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "sourceServerID",
                                     drso_drs_participating_server_get_source_server_id (server));
      if (drso_drs_participating_server_get_recovery_instance_id (server) != NULL)
        json_object_set_string_member (
          item, "recoveryInstanceID",
          drso_drs_participating_server_get_recovery_instance_id (server));
      json_object_set_string_member (item, "launchStatus",
                                     drso_drs_participating_server_get_launch_status (server));
      json_array_add_object_element (servers, item);
    }
  json_object_set_array_member (object, "participatingServers", servers);
  return node;
}

int
drso_cli_drs_jobs (DrsoCli  *cli,
                   int       argc,
                   char    **argv)
{
  g_autofree char *account_name = NULL, *region = NULL, *since = NULL, *from_date = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name,
      N_("The account, by id or name (the only one if left out)"), N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region (the account's first if left out)"), N_("REGION") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("Only jobs created in this time before now: 90s, 30m, 12h, 7d"), N_("DURATION") },
    { NULL }
  };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!drso_cli_parse (entries, "", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return drso_cli_usage (_("drso drs jobs takes options only"));
  if (since != NULL)
    {
      gint64 seconds;

      if (!parse_duration (since, &seconds))
        return drso_cli_usage (_("--since takes a duration such as 90s, 30m, 12h or 7d, "
                                 "not “%s”"), since);
      from_date = drso_cli_format_time (g_get_real_time () / G_USEC_PER_SEC - seconds);
    }
  if ((account = drso_cli_pick_account (cli, account_name, &status)) == NULL)
    return status;

  context = drso_cli_dup_context (cli, account, region, &error);
  if (context == NULL || (jobs = describe_jobs (context, from_date, &error)) == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      json_node_take_array (node, array);
      for (guint i = 0; i < jobs->len; i++)
        json_array_add_element (array, job_to_json (g_ptr_array_index (jobs, i)));
      drso_cli_print_json (node);
    }
  else
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

      if (cli->output == DRSO_OUTPUT_TABLE)
        drso_cli_add_row (rows, _("JOB"), _("TYPE"), _("STATUS"), _("CREATED"), _("SERVERS"),
                          NULL);
      for (guint i = 0; i < jobs->len; i++)
        {
          DrsoDrsJob *job = g_ptr_array_index (jobs, i);
          g_autofree char *created = drso_cli_format_time (drso_drs_job_get_creation_date (job));
          g_autofree char *n = g_strdup_printf (
            "%u", g_list_model_get_n_items (drso_drs_job_get_participating_servers (job)));

          drso_cli_add_row (rows, drso_drs_job_get_job_id (job),
                            drso_drs_job_get_job_type (job) ? drso_drs_job_get_job_type (job) : "—",
                            drso_drs_job_get_status (job) ? drso_drs_job_get_status (job) : "—",
                            created ? created : "—", n, NULL);
        }
      drso_cli_print_table (rows);
    }
  return DRSO_EXIT_OK;
}

int
drso_cli_drs_job_log (DrsoCli  *cli,
                      int       argc,
                      char    **argv)
{
  g_autofree char *account_name = NULL, *region = NULL;
  GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &account_name,
      N_("The account of the job, by id or name (the only one if left out)"), N_("ACCOUNT") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region of the job (the account's first if left out)"), N_("REGION") },
    { NULL }
  };
  g_autoptr(DrsoAccount) account = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  JsonArray *array = json_array_new ();
  int status;

  json_node_take_array (node, array);
  if (!drso_cli_parse (entries, "JOB", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one DRS job by its id (drsjob-…)"));
  if ((account = drso_cli_pick_account (cli, account_name, &status)) == NULL)
    return status;

  context = drso_cli_dup_context (cli, account, region, &error);
  if (context == NULL)
    return drso_cli_fail (error);
  drso_drs_describe_job_log_items_async (context, argv[1], NULL, drso_cli_done_cb, &result);
  drso_cli_wait (&result);
  items = drso_drs_describe_job_log_items_finish (context, result, &error);
  if (items == NULL)
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_TABLE)
    drso_cli_add_row (rows, _("TIME"), _("EVENT"), _("SERVER"), _("INSTANCE"), _("ERROR"), NULL);
  for (guint i = 0; i < items->len; i++)
    {
      DrsoDrsJobLogItem *item = g_ptr_array_index (items, i);
      g_autofree char *time = drso_cli_format_time (drso_drs_job_log_item_get_time (item));
      const char *server = drso_drs_job_log_item_get_source_server_id (item);
      const char *conversion = drso_drs_job_log_item_get_conversion_server_id (item);
      const char *instance = drso_drs_job_log_item_get_target_instance_id (item);
      const char *raw_error = drso_drs_job_log_item_get_raw_error (item);
      JsonObject *object = json_object_new ();
      JsonObject *data = json_object_new ();

      if (time != NULL)
        json_object_set_string_member (object, "logDateTime", time);
      json_object_set_string_member (object, "event", drso_drs_job_log_item_get_event (item));
      if (server != NULL)
        json_object_set_string_member (data, "sourceServerID", server);
      if (conversion != NULL)
        json_object_set_string_member (data, "conversionServerID", conversion);
      if (instance != NULL)
        json_object_set_string_member (data, "targetInstanceID", instance);
      if (raw_error != NULL)
        json_object_set_string_member (data, "rawError", raw_error);
      json_object_set_object_member (object, "eventData", data);
      json_array_add_object_element (array, object);

      drso_cli_add_row (rows, time ? time : "—", drso_drs_job_log_item_get_event (item),
                        server ? server : "—", instance ? instance : "—",
                        raw_error ? raw_error : "", NULL);
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_json (node);
  else
    drso_cli_print_table (rows);
  return DRSO_EXIT_OK;
}
