/* drso-dashboard-readiness.c
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

/* The readiness of the plans, for the dashboard's "Needs attention": each
 * plan is checked (#DrsoReadiness) at most once a minute while the
 * dashboard shows, one plan at a time, and what the check found is kept. */

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include "drso-dashboard-page-private.h"

#define READINESS_MAX_AGE (60 * G_USEC_PER_SEC)

void
_drso_dashboard_plan_readiness_free (gpointer data)
{
  DrsoPlanReadiness *readiness = data;

  g_free (readiness->message);
  g_free (readiness);
}

static void
readiness_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DrsoDashboardPage) self = user_data;
  g_autoptr(DrsoReadinessReport) report = NULL;
  g_autoptr(GError) error = NULL;
  DrsoPlanReadiness *readiness;

  report = drso_readiness_check_finish (DRSO_READINESS (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->readiness == NULL)
    return;

  readiness = g_new0 (DrsoPlanReadiness, 1);
  readiness->checked = g_get_monotonic_time ();
  if (report == NULL)
    {
      g_debug ("Could not check the readiness of %s: %s", self->checking_plan_id, error->message);
      readiness->verdict = DRSO_READINESS_VERDICT_GO_WITH_WARNINGS;
      readiness->failed = TRUE;
      readiness->message = g_strdup (error->message);
    }
  else
    {
      GListModel *findings = drso_readiness_report_get_findings (report);

      readiness->verdict = drso_readiness_report_get_verdict (report);
      readiness->n_blockers = drso_readiness_report_count (report, DRSO_READINESS_SEVERITY_BLOCKER);
      readiness->n_warnings = drso_readiness_report_count (report, DRSO_READINESS_SEVERITY_WARNING);
      for (guint pass = 0; pass < 2 && readiness->message == NULL; pass++)
        for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
          {
            g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);
            DrsoReadinessSeverity wanted = pass == 0 ? DRSO_READINESS_SEVERITY_BLOCKER
                                                     : DRSO_READINESS_SEVERITY_WARNING;

            if (drso_readiness_finding_get_severity (finding) != wanted)
              continue;
            readiness->message = g_strdup (drso_readiness_finding_get_message (finding));
            break;
          }
    }
  g_hash_table_replace (self->readiness, g_strdup (self->checking_plan_id), readiness);

  g_clear_object (&self->checking);
  g_clear_pointer (&self->checking_plan_id, g_free);
  _drso_dashboard_page_queue_rebuild (self);
  _drso_dashboard_check_next_plan (self);
}

/* Starts the check of the first plan not checked in the last minute. */
void
_drso_dashboard_check_next_plan (DrsoDashboardPage *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->checking != NULL || self->plans == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (self->plans); i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (self->plans, i);
      const char *plan_id = drso_recovery_plan_get_plan_id (plan);
      DrsoPlanReadiness *readiness = g_hash_table_lookup (self->readiness, plan_id);

      if (readiness != NULL && now - readiness->checked < READINESS_MAX_AGE)
        continue;
      self->checking_plan_id = g_strdup (plan_id);
      self->checking = drso_readiness_new (self->store, plan_id, self->client);
      drso_readiness_check_async (self->checking, self->cancellable, readiness_cb,
                                  g_object_ref (self));
      return;
    }
}

