/* drso-engine-start.c
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

/* Starting an execution: VALIDATE (permission, plan, its rules), the
 * discovery of each account and region of its protection groups whose
 * cache is too old, the readiness check (a NO_GO refuses the start), its
 * protection groups resolved to servers, the caller's ARN from STS; then
 * INITIALIZE (the execution stored as running, its lease taken, its first
 * events logged), then the run is driven in the background. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-discovery.h"
#include "drso-engine-private.h"
#include "drso-error.h"
#include "drso-readiness.h"
#include "drso-sts.h"

/* How many blockers the error of a refused start names. */
#define NOT_READY_SHOWN 3

/* Builds the execution of @plan: a wave run per wave, holding a server run
 * per server its protection groups resolve to. */
static DrsoExecution *
build_execution (DrsoEngine         *self,
                 DrsoRecoveryPlan   *plan,
                 DrsoExecutionType   execution_type,
                 char              **first_account,
                 char              **first_region,
                 GError            **error)
{
  g_autoptr(DrsoExecution) execution = NULL;
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  guint n_servers = 0;

  execution = drso_execution_new (drso_recovery_plan_get_plan_id (plan),
                                  drso_recovery_plan_get_plan_name (plan), execution_type);
  drso_execution_set_total_waves (execution, g_list_model_get_n_items (waves));

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      g_autoptr(DrsoWaveRun) wave_run = drso_wave_run_new (drso_wave_get_wave_number (wave),
                                                           drso_wave_get_wave_name (wave));
      const char * const *group_ids = drso_wave_get_protection_group_ids (wave);

      for (guint g = 0; group_ids[g] != NULL; g++)
        {
          g_autoptr(DrsoProtectionGroup) group = NULL;
          g_autoptr(GPtrArray) servers = NULL;

          group = drso_store_lookup_protection_group (self->store, group_ids[g], error);
          if (group == NULL)
            return NULL;
          servers = drso_store_resolve_protection_group (self->store, group);
          for (guint s = 0; s < servers->len; s++)
            {
              DrsoSourceServer *source = g_ptr_array_index (servers, s);
              const char *id = drso_source_server_get_source_server_id (source);
              g_autoptr(DrsoServerRun) server = NULL;

              if (drso_wave_run_find_server (wave_run, id) != NULL)
                continue;
              server = drso_server_run_new (id);
              drso_server_run_set_hostname (server, drso_source_server_get_hostname (source));
              drso_server_run_set_criticality (
                server, drso_recovery_plan_get_server_criticality (plan, id));
              drso_server_run_set_launch_attempt (server, 1);
              drso_wave_run_add_server (wave_run, server);
              if (*first_account == NULL)
                {
                  *first_account = g_strdup (drso_source_server_get_account_id (source));
                  *first_region = g_strdup (drso_source_server_get_region (source));
                }
              n_servers++;
            }
        }
      drso_execution_add_wave_run (execution, wave_run);
    }

  if (n_servers == 0)
    {
      /* TRANSLATORS: %s is a recovery plan's name */
      g_set_error (error, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_NO_SERVERS,
                   _("The plan “%s” has no servers to recover: its protection groups match no "
                     "discovered server (run discovery first)"),
                   drso_recovery_plan_get_plan_name (plan));
      return NULL;
    }
  return g_steal_pointer (&execution);
}

/* Starting */

typedef struct
{
  DrsoRecoveryPlan    *plan;
  DrsoExecutionType    execution_type;
  gboolean             check_readiness;  /* the engine's, when the start began */
  DrsoExecution       *execution;
  char                *account_id;
  char                *region;
  GPtrArray           *stale;            /* { account, region } strv to discover */
  guint                next_stale;
  GPtrArray           *notes;            /* INFO messages, logged once the execution exists */
  DrsoReadinessReport *report;           /* NULL when not checked */
} Start;

static void
start_free (Start *start)
{
  g_clear_object (&start->plan);
  g_clear_object (&start->execution);
  g_free (start->account_id);
  g_free (start->region);
  g_clear_pointer (&start->stale, g_ptr_array_unref);
  g_clear_pointer (&start->notes, g_ptr_array_unref);
  g_clear_object (&start->report);
  g_free (start);
}

static void
log_event (DrsoEngine    *self,
           const char    *execution_id,
           DrsoEventKind  kind,
           guint          wave_number,
           const char    *server_id,
           const char    *message)
{
  g_autoptr(DrsoExecutionEvent) event = drso_execution_event_new (execution_id, kind, message);
  g_autoptr(GError) error = NULL;

  drso_execution_event_set_wave_number (event, wave_number);
  drso_execution_event_set_server_id (event, server_id);
  if (!drso_store_append_event (self->store, event, &error))
    g_warning ("Could not log “%s” for %s: %s", message, execution_id, error->message);
}

/* What was done and found before the execution existed, as its events:
 * the discoveries, the readiness check's warnings and notes, or that there
 * was no check. */
static void
log_preparation (DrsoEngine *self,
                 Start      *start,
                 const char *execution_id)
{
  GListModel *findings;
  guint n_warnings;

  for (guint i = 0; i < start->notes->len; i++)
    log_event (self, execution_id, DRSO_EVENT_KIND_INFO, 0, NULL,
               g_ptr_array_index (start->notes, i));

  if (start->report == NULL)
    {
      if (!start->check_readiness)
        log_event (self, execution_id, DRSO_EVENT_KIND_WARNING, 0, NULL,
                   _("Started without a readiness check: it was turned off for this run"));
      return;
    }

  n_warnings = drso_readiness_report_count (start->report, DRSO_READINESS_SEVERITY_WARNING);
  if (n_warnings == 0)
    log_event (self, execution_id, DRSO_EVENT_KIND_INFO, 0, NULL,
               _("Readiness check: nothing stands in the way of the run"));
  else
    {
      g_autofree char *summary = NULL;

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Readiness check: the run starts with %u warning",
                                              "Readiness check: the run starts with %u warnings",
                                              n_warnings), n_warnings);
      log_event (self, execution_id, DRSO_EVENT_KIND_INFO, 0, NULL, summary);
    }

  findings = drso_readiness_report_get_findings (start->report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);
      DrsoReadinessSeverity severity = drso_readiness_finding_get_severity (finding);

      if (severity == DRSO_READINESS_SEVERITY_BLOCKER)
        continue;
      log_event (self, execution_id,
                 severity == DRSO_READINESS_SEVERITY_WARNING ? DRSO_EVENT_KIND_WARNING
                                                             : DRSO_EVENT_KIND_INFO,
                 drso_readiness_finding_get_wave_number (finding),
                 drso_readiness_finding_get_server_id (finding),
                 drso_readiness_finding_get_message (finding));
    }
}

/* INITIALIZE: the execution stored, running, leased; then driven. */
static void
initialize (GTask *task)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoExecution) copy = NULL;
  g_autofree char *message = NULL;
  const char *id = drso_execution_get_execution_id (start->execution);
  DrsoEngineRun *run;

  /* The store's actor, set here so that the start's event can name it. */
  if (drso_execution_get_initiated_by (start->execution) == NULL)
    drso_execution_set_initiated_by (start->execution, g_get_user_name ());
  /* TRANSLATORS: "Drill of “plan” started by user (ARN)" */
  message = g_strdup_printf (_("%s of “%s” started by %s (%s)"),
                             drso_execution_get_execution_type (start->execution) ==
                             DRSO_EXECUTION_TYPE_DRILL ? _("Drill") : _("Recovery"),
                             drso_recovery_plan_get_plan_name (start->plan),
                             drso_execution_get_initiated_by (start->execution),
                             drso_execution_get_initiated_by_arn (start->execution));
  g_ptr_array_add (events, drso_execution_event_new (id, DRSO_EVENT_KIND_EXECUTION_STARTED,
                                                     message));

  /* The execution and the event of its start in one transaction: a kill
   * in between must not leave one without the other. */
  drso_execution_set_status (start->execution, DRSO_EXECUTION_STATUS_RUNNING);
  if (!drso_store_create_execution_with_events (self->store, start->execution, events,
                                                &error) ||
      !drso_store_acquire_lease (self->store, id, self->owner, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  log_preparation (self, start, id);

  copy = drso_execution_copy (start->execution);
  run = _drso_engine_run_new (self, start->execution, start->plan);
  g_hash_table_insert (self->runs, g_strdup (id), run);
  _drso_engine_emit_execution_changed (self, id);
  g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
  _drso_engine_run_start (run);
}

static void
identity_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Start *start = g_task_get_task_data (task);
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  g_autoptr(GError) error = NULL;

  identity = drso_sts_get_caller_identity_finish (DRSO_AWS_CONTEXT (source), result, &error);
  if (identity == NULL)
    {
      g_prefix_error (&error, _("Could not tell who is calling AWS (STS GetCallerIdentity): "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  drso_execution_set_initiated_by_arn (start->execution, drso_caller_identity_get_arn (identity));
  initialize (task);
}

static void
start_context_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  context = _drso_engine_get_context_finish (result, &error);
  if (context == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cancellable = g_task_get_cancellable (task);
  drso_sts_get_caller_identity_async (context, cancellable, identity_cb, g_steal_pointer (&task));
}

/* RESOLVE: the plan's protection groups to servers, then who calls AWS. */
static void
resolve (GTask *task)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  start->execution = build_execution (self, start->plan, start->execution_type,
                                      &start->account_id, &start->region, &error);
  if (start->execution == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  _drso_engine_get_context_async (self, start->account_id, start->region,
                                  g_task_get_cancellable (task), start_context_cb, task);
}

/* The blockers of a NO_GO report, as the error of the refused start: the
 * first few, then how many more. */
static GError *
not_ready_error (DrsoRecoveryPlan    *plan,
                 DrsoReadinessReport *report)
{
  GListModel *findings = drso_readiness_report_get_findings (report);
  guint n_blockers = drso_readiness_report_count (report, DRSO_READINESS_SEVERITY_BLOCKER);
  g_autoptr(GString) blockers = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings) && shown < NOT_READY_SHOWN; i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);

      if (drso_readiness_finding_get_severity (finding) != DRSO_READINESS_SEVERITY_BLOCKER)
        continue;
      if (shown++ > 0)
        g_string_append (blockers, "; ");
      g_string_append (blockers, drso_readiness_finding_get_message (finding));
    }
  if (n_blockers > shown)
    {
      g_string_append (blockers, "; ");
      /* TRANSLATORS: ends a list of the blockers of a readiness check */
      g_string_append_printf (blockers, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                     "and %u more", n_blockers - shown),
                              n_blockers - shown);
    }

  /* TRANSLATORS: %s is a recovery plan's name, then a list of what stands in
   * the way of its run */
  return g_error_new (DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_NOT_READY,
                      _("The plan “%s” is not ready to run: %s"),
                      drso_recovery_plan_get_plan_name (plan), blockers->str);
}

static void
readiness_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Start *start = g_task_get_task_data (task);
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = drso_readiness_check_finish (DRSO_READINESS (source), result, &error);
  if (report == NULL)
    {
      /* TRANSLATORS: %s is a recovery plan's name */
      g_prefix_error (&error, _("Could not check whether the plan “%s” is ready to run: "),
                      drso_recovery_plan_get_plan_name (start->plan));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (drso_readiness_report_get_verdict (report) == DRSO_READINESS_VERDICT_NO_GO)
    {
      g_task_return_error (task, not_ready_error (start->plan, report));
      return;
    }
  start->report = g_steal_pointer (&report);
  resolve (g_steal_pointer (&task));
}

/* READINESS: a NO_GO refuses the start; warnings are logged once it runs. */
static void
check_readiness (GTask *task)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  g_autoptr(DrsoReadiness) readiness = NULL;

  if (!start->check_readiness)
    {
      resolve (task);
      return;
    }
  readiness = drso_readiness_new (self->store, drso_recovery_plan_get_plan_id (start->plan),
                                  self->client);
  drso_readiness_set_execution_type (readiness, start->execution_type);
  drso_readiness_check_async (readiness, g_task_get_cancellable (task), readiness_cb, task);
}

static void discover_next (GTask *task);

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Start *start = g_task_get_task_data (task);
  char **target = g_ptr_array_index (start->stale, start->next_stale);
  g_autoptr(GError) error = NULL;
  guint n_servers = 0;

  if (!drso_discovery_run_finish (DRSO_DISCOVERY (source), result, &n_servers, &error))
    {
      /* TRANSLATORS: "… of ACCOUNT in REGION before the run: error" */
      g_prefix_error (&error, _("Could not discover the servers of %s in %s before the run: "),
                      target[0], target[1]);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  /* TRANSLATORS: "Discovered 12 source servers of ACCOUNT in REGION" */
  g_ptr_array_add (start->notes,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Discovered %u source server of %s in %s",
                                                 "Discovered %u source servers of %s in %s",
                                                 n_servers),
                                    n_servers, target[0], target[1]));
  start->next_stale++;
  discover_next (task);
}

/* DISCOVER: the stale accounts and regions, one after the other. */
static void
discover_next (GTask *task)
{
  DrsoEngine *self = g_task_get_source_object (task);
  Start *start = g_task_get_task_data (task);
  g_autoptr(DrsoDiscovery) discovery = NULL;
  char **target;

  if (start->next_stale >= start->stale->len)
    {
      check_readiness (task);
      return;
    }
  target = g_ptr_array_index (start->stale, start->next_stale);
  discovery = drso_discovery_new (self->store, target[0], target[1], self->client);
  drso_discovery_run_async (discovery, g_task_get_cancellable (task), discovered_cb, task);
}

/* The accounts and regions of the plan's protection groups whose discovery
 * is older than the engine's maximum age, or missing. */
static GPtrArray *
collect_stale (DrsoEngine       *self,
               DrsoRecoveryPlan *plan)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *stale = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GListModel *waves = drso_recovery_plan_get_waves (plan);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      const char * const *group_ids = drso_wave_get_protection_group_ids (wave);

      for (guint g = 0; group_ids != NULL && group_ids[g] != NULL; g++)
        {
          g_autoptr(DrsoProtectionGroup) group = NULL;
          const char *account_id, *region;
          gint64 date;

          /* A group that is gone fails the start when the plan is resolved. */
          group = drso_store_lookup_protection_group (self->store, group_ids[g], NULL);
          if (group == NULL)
            continue;
          account_id = drso_protection_group_get_account_id (group);
          region = drso_protection_group_get_region (group);
          if (account_id == NULL || region == NULL ||
              !g_hash_table_add (seen, g_strdup_printf ("%s\n%s", account_id, region)))
            continue;

          date = drso_store_get_discovery_date (self->store, account_id, region);
          if (self->discovery_max_age == 0 || date <= 0 ||
              now - date > (gint64) self->discovery_max_age)
            {
              char **target = g_new0 (char *, 3);

              target[0] = g_strdup (account_id);
              target[1] = g_strdup (region);
              g_ptr_array_add (stale, target);
            }
        }
    }
  return stale;
}

/**
 * drso_engine_start_execution_async:
 * @self: a #DrsoEngine
 * @plan: a stored plan's id or name
 * @execution_type: a drill or a recovery
 * @cancellable: (nullable): a #GCancellable, for the start only
 * @callback: called once the execution is stored and running
 * @user_data: data for @callback
 *
 * Validates the plan; discovers again each account and region of its
 * protection groups whose last discovery is older than
 * #DrsoEngine:discovery-max-age (an INFO event of the execution says so);
 * runs the plan's readiness check for @execution_type unless
 * #DrsoEngine:check-readiness is off; resolves its protection groups to
 * servers, asks STS who the caller is, stores the execution and starts
 * driving it; the execution goes on in the background. Needs
 * drs:ExecuteRecovery.
 *
 * A readiness verdict of %DRSO_READINESS_VERDICT_NO_GO refuses the start
 * with %DRSO_ENGINE_ERROR_NOT_READY, naming the blockers, and nothing is
 * stored; the warnings of a start that goes ahead become WARNING events of
 * the execution. A discovery or a readiness check that fails (or is
 * cancelled) fails the start.
 */
void
drso_engine_start_execution_async (DrsoEngine          *self,
                                   const char          *plan,
                                   DrsoExecutionType    execution_type,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Start *start;

  g_return_if_fail (DRSO_IS_ENGINE (self));
  g_return_if_fail (plan != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_engine_start_execution_async);
  start = g_new0 (Start, 1);
  start->execution_type = execution_type;
  start->check_readiness = self->check_readiness;
  start->notes = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, start, (GDestroyNotify) start_free);

  /* VALIDATE */
  if (!drso_store_check_permission (self->store, DRSO_PERMISSION_EXECUTE_RECOVERY, &error) ||
      (start->plan = drso_store_lookup_recovery_plan (self->store, plan, &error)) == NULL ||
      !drso_store_validate_recovery_plan (self->store, start->plan, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* DISCOVER, then READINESS, then RESOLVE */
  start->stale = collect_stale (self, start->plan);
  discover_next (g_steal_pointer (&task));
}

/**
 * drso_engine_start_execution_finish:
 * @self: a #DrsoEngine
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a copy of the execution as it was
 *   stored when it started, or %NULL on error
 */
DrsoExecution *
drso_engine_start_execution_finish (DrsoEngine    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
