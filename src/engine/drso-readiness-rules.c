/* drso-readiness-rules.c
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

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-readiness-private.h"

/* What DRS's answers mean for a run: the rules of the readiness check, each
 * finding a sentence, and the predicted RTO. */

/* DRS's limits (default quotas): servers in one recovery job, servers
 * launching at once, jobs running at once, replicating servers. */
#define SERVERS_PER_JOB        100
#define SERVERS_AT_ONCE        500
#define JOBS_AT_ONCE           20
#define REPLICATING_SERVERS    300

/* Without an RPO target, lag and snapshot age are noted past an hour. */
#define NO_TARGET_NOTE_SECONDS 3600

void
_drso_readiness_server_free (ReadinessServer *server)
{
  g_free (server->server_id);
  g_free (server->name);
  g_free (server->account_id);
  g_free (server->region);
  g_free (server->pinned_snapshot);
  g_clear_object (&server->live);
  g_free (server->snapshot_error);
  g_free (server->launch_error);
  g_free (server->instance_id);
  g_free (server);
}

void
_drso_readiness_target_free (ReadinessTarget *target)
{
  g_free (target->account_id);
  g_free (target->region);
  g_clear_object (&target->account);
  g_ptr_array_unref (target->servers);
  g_free (target->credentials_error);
  g_free (target->describe_error);
  g_free (target->instances_error);
  g_free (target);
}

/* What DRS counts against its quota of replicating servers. */
gboolean
_drso_readiness_is_replicating (const char *state)
{
  return state != NULL && *state != '\0' && g_strcmp0 (state, "STOPPED") != 0 &&
         g_strcmp0 (state, "DISCONNECTED") != 0;
}

static char *
format_duration (gint64 seconds)
{
  guint64 s = (guint64) MAX (seconds, 0);

  if (s < 60)
    /* TRANSLATORS: a duration in seconds */
    return g_strdup_printf (_("%u s"), (guint) s);
  if (s < 3600)
    /* TRANSLATORS: a duration in minutes */
    return g_strdup_printf (_("%u min"), (guint) (s / 60));
  if (s < 86400)
    {
      if (s % 3600 / 60 == 0)
        /* TRANSLATORS: a duration in hours */
        return g_strdup_printf (_("%u h"), (guint) (s / 3600));
      /* TRANSLATORS: a duration in hours and minutes */
      return g_strdup_printf (_("%u h %u min"), (guint) (s / 3600), (guint) (s % 3600 / 60));
    }
  /* TRANSLATORS: a duration in days and hours */
  return g_strdup_printf (_("%u d %u h"), (guint) (s / 86400), (guint) (s % 86400 / 3600));
}

typedef struct
{
  ReadinessInput *input;
  GPtrArray      *findings;
  guint           rpo;          /* seconds, 0 for none */
} Rules;

static void
add (Rules                 *rules,
     DrsoReadinessSeverity  severity,
     const char            *rule,
     guint                  wave_number,
     const char            *server_id,
     char                  *message)
{
  g_ptr_array_add (rules->findings,
                   _drso_readiness_finding_new (severity, rule, wave_number, server_id, message));
}

/* An optional server never blocks a run: its failure does not fail the wave. */
static DrsoReadinessSeverity
weigh (ReadinessServer       *server,
       DrsoReadinessSeverity  severity)
{
  if (server->criticality == DRSO_SERVER_CRITICALITY_OPTIONAL &&
      severity == DRSO_READINESS_SEVERITY_BLOCKER)
    return DRSO_READINESS_SEVERITY_WARNING;
  return severity;
}

/* Per server */

static const char * const settled_states[] = { "CONTINUOUS", NULL };
static const char * const behind_states[] = { "BACKLOG", "CREATING_SNAPSHOT", "RESCAN", NULL };

static gboolean
check_state (Rules           *rules,
             ReadinessServer *server)
{
  const char *state = drso_source_server_get_replication_state (server->live);

  if (state != NULL && g_strv_contains (settled_states, state))
    return TRUE;
  if (state != NULL && g_strv_contains (behind_states, state))
    {
      add (rules, DRSO_READINESS_SEVERITY_WARNING, "replication-state", server->wave_number,
           server->server_id,
           g_strdup_printf (_("%s replicates in state %s: a launch now uses its last recovery "
                              "snapshot"), server->name, state));
      return TRUE;
    }

  /* STOPPED, INITIATING, INITIAL_SYNC, PAUSED, STALLED, DISCONNECTED, or unknown. */
  if (server->criticality == DRSO_SERVER_CRITICALITY_OPTIONAL)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "replication-state", server->wave_number,
         server->server_id,
         g_strdup_printf (_("Replication of %s is %s: this optional server would be recovered "
                            "with old data, or not at all"), server->name,
                          state ? state : _("unknown")));
  else
    add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "replication-state", server->wave_number,
         server->server_id,
         g_strdup_printf (_("Replication of %s is %s: this critical server cannot be recovered "
                            "with current data"), server->name, state ? state : _("unknown")));
  return FALSE;
}

static void
check_lag (Rules           *rules,
           ReadinessServer *server)
{
  gint64 lag = drso_source_server_get_lag_seconds (server->live);
  g_autofree char *lag_text = format_duration (lag);
  g_autofree char *rpo_text = format_duration (rules->rpo);

  if (lag < 0)
    return;
  if (rules->rpo == 0)
    {
      if (lag > NO_TARGET_NOTE_SECONDS)
        add (rules, DRSO_READINESS_SEVERITY_INFO, "rpo-lag", server->wave_number,
             server->server_id,
             g_strdup_printf (_("%s lags %s behind (the plan has no RPO target)"), server->name,
                              lag_text));
      return;
    }
  if (lag > 2 * (gint64) rules->rpo)
    add (rules, weigh (server, DRSO_READINESS_SEVERITY_BLOCKER), "rpo-lag", server->wave_number,
         server->server_id,
         g_strdup_printf (_("%s lags %s behind, more than twice the plan’s RPO target of %s"),
                          server->name, lag_text, rpo_text));
  else if (lag > (gint64) rules->rpo)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "rpo-lag", server->wave_number,
         server->server_id,
         g_strdup_printf (_("%s lags %s behind, more than the plan’s RPO target of %s"),
                          server->name, lag_text, rpo_text));
}

static void
check_snapshot (Rules           *rules,
                ReadinessServer *server,
                gint64           now)
{
  g_autofree char *rpo_text = format_duration (rules->rpo);
  g_autofree char *age_text = NULL;
  gint64 age;

  if (server->snapshot_error != NULL)
    {
      add (rules, DRSO_READINESS_SEVERITY_WARNING, "rpo-snapshot", server->wave_number,
           server->server_id,
           g_strdup_printf (_("The recovery snapshots of %s could not be listed: %s"),
                            server->name, server->snapshot_error));
      return;
    }
  if (!server->snapshots_checked)
    return;

  if (server->pinned_snapshot != NULL && !server->pinned_found)
    add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "pinned-snapshot", server->wave_number,
         server->server_id,
         g_strdup_printf (_("The plan pins the recovery snapshot %s for %s, which DRS does not "
                            "have: a launch would fail"), server->pinned_snapshot, server->name));

  if (server->latest_snapshot == 0)
    {
      if (rules->rpo > 0)
        add (rules, weigh (server, DRSO_READINESS_SEVERITY_BLOCKER), "rpo-snapshot",
             server->wave_number, server->server_id,
             g_strdup_printf (_("%s has no recovery snapshot, so none meets the plan’s RPO "
                                "target of %s"), server->name, rpo_text));
      else
        add (rules, DRSO_READINESS_SEVERITY_WARNING, "rpo-snapshot", server->wave_number,
             server->server_id,
             g_strdup_printf (_("%s has no recovery snapshot yet"), server->name));
      return;
    }

  age = MAX (now - server->latest_snapshot, 0);
  age_text = format_duration (age);
  if (rules->rpo == 0)
    {
      if (age > NO_TARGET_NOTE_SECONDS)
        add (rules, DRSO_READINESS_SEVERITY_INFO, "rpo-snapshot", server->wave_number,
             server->server_id,
             g_strdup_printf (_("The newest recovery snapshot of %s is %s old (the plan has no "
                                "RPO target)"), server->name, age_text));
      return;
    }
  if (age > 2 * (gint64) rules->rpo)
    add (rules, weigh (server, DRSO_READINESS_SEVERITY_BLOCKER), "rpo-snapshot",
         server->wave_number, server->server_id,
         g_strdup_printf (_("The newest recovery snapshot of %s is %s old, more than twice the "
                            "plan’s RPO target of %s"), server->name, age_text, rpo_text));
  else if (age > (gint64) rules->rpo)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "rpo-snapshot", server->wave_number,
         server->server_id,
         g_strdup_printf (_("The newest recovery snapshot of %s is %s old, more than the plan’s "
                            "RPO target of %s"), server->name, age_text, rpo_text));
}

static void
check_instance (Rules           *rules,
                ReadinessServer *server)
{
  if (server->instance_id == NULL)
    return;
  if (rules->input->execution_type == DRSO_EXECUTION_TYPE_RECOVERY)
    add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "existing-instance", server->wave_number,
         server->server_id,
         g_strdup_printf (_("%s already has a recovery instance, %s: terminate it, or use it, "
                            "before a recovery"), server->name, server->instance_id));
  else
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "existing-instance", server->wave_number,
         server->server_id,
         g_strdup_printf (_("%s already has a recovery instance, %s: a drill’s launch replaces "
                            "it"), server->name, server->instance_id));
}

static void
check_launch (Rules           *rules,
              ReadinessServer *server)
{
  if (server->launch == READINESS_LAUNCH_MISSING)
    add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "launch-configuration", server->wave_number,
         server->server_id,
         g_strdup_printf (_("%s has no launch configuration: DRS cannot launch it"),
                          server->name));
  else if (server->launch_error != NULL)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "launch-configuration", server->wave_number,
         server->server_id,
         g_strdup_printf (_("The launch configuration of %s could not be read: %s"),
                          server->name, server->launch_error));
}

static void
check_server (Rules           *rules,
              ReadinessServer *server,
              gint64           now)
{
  if (!server->described)
    return;
  if (server->live == NULL)
    {
      add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "replication-state", server->wave_number,
           server->server_id,
           g_strdup_printf (_("%s (%s) is not a DRS source server of account %s in %s: a launch "
                              "would fail"), server->name, server->server_id, server->account_id,
                            server->region));
      return;
    }

  /* The lag of a server that stopped replicating says nothing new. */
  if (check_state (rules, server))
    check_lag (rules, server);
  check_snapshot (rules, server, now);
  check_instance (rules, server);
  check_launch (rules, server);
}

/* Per account and region */

static guint
count_replicating (Rules           *rules,
                   ReadinessTarget *target)
{
  GListModel *cached = drso_store_get_source_servers (rules->input->store);
  g_autoptr(GHashTable) live = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (guint i = 0; i < target->servers->len; i++)
    {
      ReadinessServer *server = g_ptr_array_index (target->servers, i);

      if (server->live != NULL)
        g_hash_table_insert (live, server->server_id, server->live);
    }

  for (guint i = 0; i < g_list_model_get_n_items (cached); i++)
    {
      g_autoptr(DrsoSourceServer) server = g_list_model_get_item (cached, i);
      const char *id = drso_source_server_get_source_server_id (server);
      DrsoSourceServer *fresh = g_hash_table_lookup (live, id);

      if (g_strcmp0 (drso_source_server_get_account_id (server), target->account_id) != 0 ||
          g_strcmp0 (drso_source_server_get_region (server), target->region) != 0)
        continue;
      n += _drso_readiness_is_replicating (
        drso_source_server_get_replication_state (fresh != NULL ? fresh : server));
      g_hash_table_remove (live, id);
    }

  /* The plan's servers discovery has not seen yet. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, live);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      n += _drso_readiness_is_replicating (drso_source_server_get_replication_state (value));
  }
  return n;
}

static void
check_target (Rules           *rules,
              ReadinessTarget *target,
              gint64           now)
{
  guint n = target->servers->len;
  guint replicating;

  if (target->credentials_error != NULL)
    {
      const char *role = target->account ? drso_account_get_role_arn (target->account) : NULL;

      if (role != NULL)
        add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "role-assumable", 0, NULL,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The role %s of account %s could not be assumed, so "
                                           "its %u server can be neither checked nor recovered: "
                                           "%s",
                                           "The role %s of account %s could not be assumed, so "
                                           "its %u servers can be neither checked nor recovered: "
                                           "%s", n),
                              role, target->account_id, n, target->credentials_error));
      else
        add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "role-assumable", 0, NULL,
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "No credentials for account %s, so its %u server can "
                                           "be neither checked nor recovered: %s",
                                           "No credentials for account %s, so its %u servers "
                                           "can be neither checked nor recovered: %s", n),
                              target->account_id, n, target->credentials_error));
      return;
    }

  if (target->describe_error != NULL)
    add (rules, DRSO_READINESS_SEVERITY_BLOCKER, "replication-state", 0, NULL,
         g_strdup_printf (_("DRS could not be asked about the servers of account %s in %s: %s"),
                          target->account_id, target->region, target->describe_error));
  if (target->instances_error != NULL)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "existing-instance", 0, NULL,
         g_strdup_printf (_("The recovery instances of account %s in %s could not be listed: %s"),
                          target->account_id, target->region, target->instances_error));

  /* A snapshot cannot be newer than DRS's clock: when one seems to be,
   * this computer's clock is behind, and the newest snapshot is "now". */
  for (guint i = 0; i < n; i++)
    {
      ReadinessServer *server = g_ptr_array_index (target->servers, i);

      now = MAX (now, server->latest_snapshot);
    }
  for (guint i = 0; i < n; i++)
    check_server (rules, g_ptr_array_index (target->servers, i), now);

  replicating = count_replicating (rules, target);
  if (replicating > REPLICATING_SERVERS)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "replicating-servers", 0, NULL,
         g_strdup_printf (_("Account %s replicates %u servers in %s, more than DRS’s default "
                            "quota of %u: check the account’s quota"),
                          target->account_id, replicating, target->region, REPLICATING_SERVERS));
}

/* Per wave: the recovery jobs it takes */

static void
check_wave_limits (Rules *rules,
                   guint  wave_number)
{
  g_autoptr(GHashTable) per_target = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer value;
  guint n_servers = 0, n_jobs = 0;

  for (guint i = 0; i < rules->input->targets->len; i++)
    {
      ReadinessTarget *target = g_ptr_array_index (rules->input->targets, i);

      for (guint j = 0; j < target->servers->len; j++)
        {
          ReadinessServer *server = g_ptr_array_index (target->servers, j);
          guint count;

          if (server->wave_number != wave_number)
            continue;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (per_target, target));
          g_hash_table_insert (per_target, target, GUINT_TO_POINTER (count + 1));
          n_servers++;
        }
    }

  g_hash_table_iter_init (&iter, per_target);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n_jobs += (GPOINTER_TO_UINT (value) + SERVERS_PER_JOB - 1) / SERVERS_PER_JOB;

  if (n_jobs > g_hash_table_size (per_target))
    add (rules, DRSO_READINESS_SEVERITY_INFO, "job-limits", wave_number, NULL,
         g_strdup_printf (_("Wave %u launches its %u servers in %u recovery jobs: DRS takes at "
                            "most %u servers a job"),
                          wave_number, n_servers, n_jobs, SERVERS_PER_JOB));
  if (n_servers > SERVERS_AT_ONCE)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "job-limits", wave_number, NULL,
         g_strdup_printf (_("Wave %u has %u servers, more than the %u DRS launches at once: the "
                            "run waits for capacity"),
                          wave_number, n_servers, SERVERS_AT_ONCE));
  if (n_jobs > JOBS_AT_ONCE)
    add (rules, DRSO_READINESS_SEVERITY_WARNING, "job-limits", wave_number, NULL,
         g_strdup_printf (_("Wave %u needs %u recovery jobs, more than the %u DRS runs at once: "
                            "the run waits for capacity"),
                          wave_number, n_jobs, JOBS_AT_ONCE));
}

/* The predicted RTO */

static DrsoExecution *
dup_last_completed (DrsoStore  *store,
                    const char *plan_id)
{
  GListModel *executions = drso_store_get_executions (store);
  DrsoExecution *best = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);

      if (g_strcmp0 (drso_execution_get_plan_id (execution), plan_id) != 0 ||
          drso_execution_get_status (execution) != DRSO_EXECUTION_STATUS_COMPLETED)
        continue;
      if (best == NULL || drso_execution_get_end_time (execution) >
                          drso_execution_get_end_time (best))
        g_set_object (&best, execution);
    }
  return best;
}

static guint64
predict_rto (Rules *rules)
{
  DrsoRecoveryPlan *plan = rules->input->plan;
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  g_autoptr(DrsoExecution) last = NULL;
  guint64 total = 0;

  last = dup_last_completed (rules->input->store, drso_recovery_plan_get_plan_id (plan));
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      DrsoWaveRun *run = last ? drso_execution_get_wave_run (last,
                                                             drso_wave_get_wave_number (wave))
                              : NULL;

      if (run != NULL && drso_wave_run_get_status (run) == DRSO_WAVE_STATUS_COMPLETED &&
          drso_wave_run_get_duration (run) > 0)
        total += (guint64) drso_wave_run_get_duration (run);
      else
        total += drso_wave_get_estimated_duration (wave);
    }
  return total;
}

DrsoReadinessReport *
_drso_readiness_evaluate (ReadinessInput *input)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *waves = drso_recovery_plan_get_waves (input->plan);
  Rules rules = { input, findings, drso_recovery_plan_get_rpo_target (input->plan) };
  guint rto_target = drso_recovery_plan_get_rto_target (input->plan);
  guint64 rto;

  for (guint i = 0; i < input->targets->len; i++)
    check_target (&rules, g_ptr_array_index (input->targets, i), input->now);

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);

      check_wave_limits (&rules, drso_wave_get_wave_number (wave));
    }

  rto = predict_rto (&rules);
  if (rto_target > 0 && rto > rto_target)
    {
      g_autofree char *rto_text = format_duration ((gint64) MIN (rto, G_MAXINT64));
      g_autofree char *target_text = format_duration (rto_target);

      add (&rules, DRSO_READINESS_SEVERITY_WARNING, "rto-target", 0, NULL,
           g_strdup_printf (_("The predicted RTO of %s is longer than the plan’s RTO target of "
                              "%s"), rto_text, target_text));
    }

  return _drso_readiness_report_new (findings, rto);
}
