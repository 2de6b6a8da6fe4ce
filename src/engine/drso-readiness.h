/* drso-readiness.h
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

#include <json-glib/json-glib.h>

#include "drso-aws-client.h"
#include "drso-store.h"

G_BEGIN_DECLS

/**
 * DrsoReadinessVerdict:
 * @DRSO_READINESS_VERDICT_GO: nothing stands in the way of a run
 * @DRSO_READINESS_VERDICT_GO_WITH_WARNINGS: a run can start, but some servers
 *   would be recovered with old data, or the run would wait for capacity
 * @DRSO_READINESS_VERDICT_NO_GO: a run would fail: fix the blockers first
 *
 * What a readiness check concludes. The JSON form is the upper-case name
 * (`GO`, `GO_WITH_WARNINGS`, `NO_GO`).
 */
typedef enum
{
  DRSO_READINESS_VERDICT_GO,
  DRSO_READINESS_VERDICT_GO_WITH_WARNINGS,
  DRSO_READINESS_VERDICT_NO_GO,
} DrsoReadinessVerdict;

/**
 * DrsoReadinessSeverity:
 * @DRSO_READINESS_SEVERITY_INFO: worth knowing, changes nothing
 * @DRSO_READINESS_SEVERITY_WARNING: a run can start, with less than the plan promises
 * @DRSO_READINESS_SEVERITY_BLOCKER: a run would fail
 *
 * How much one finding of a readiness check weighs. The JSON form is the
 * upper-case name (`INFO`, `WARNING`, `BLOCKER`).
 */
typedef enum
{
  DRSO_READINESS_SEVERITY_INFO,
  DRSO_READINESS_SEVERITY_WARNING,
  DRSO_READINESS_SEVERITY_BLOCKER,
} DrsoReadinessSeverity;

#define DRSO_TYPE_READINESS_VERDICT (drso_readiness_verdict_get_type ())
GType drso_readiness_verdict_get_type (void) G_GNUC_CONST;

#define DRSO_TYPE_READINESS_SEVERITY (drso_readiness_severity_get_type ())
GType drso_readiness_severity_get_type (void) G_GNUC_CONST;

const char *drso_readiness_verdict_to_string  (DrsoReadinessVerdict  verdict);
const char *drso_readiness_severity_to_string (DrsoReadinessSeverity severity);

#define DRSO_TYPE_READINESS_FINDING (drso_readiness_finding_get_type ())

G_DECLARE_FINAL_TYPE (DrsoReadinessFinding, drso_readiness_finding, DRSO, READINESS_FINDING,
                      GObject)

DrsoReadinessSeverity drso_readiness_finding_get_severity    (DrsoReadinessFinding *self);
const char           *drso_readiness_finding_get_rule        (DrsoReadinessFinding *self);
guint                 drso_readiness_finding_get_wave_number (DrsoReadinessFinding *self);
const char           *drso_readiness_finding_get_server_id   (DrsoReadinessFinding *self);
const char           *drso_readiness_finding_get_message     (DrsoReadinessFinding *self);

#define DRSO_TYPE_READINESS_REPORT (drso_readiness_report_get_type ())

G_DECLARE_FINAL_TYPE (DrsoReadinessReport, drso_readiness_report, DRSO, READINESS_REPORT,
                      GObject)

DrsoReadinessVerdict drso_readiness_report_get_verdict       (DrsoReadinessReport *self);
GListModel          *drso_readiness_report_get_findings      (DrsoReadinessReport *self);
guint                drso_readiness_report_count             (DrsoReadinessReport   *self,
                                                              DrsoReadinessSeverity  severity);
guint64              drso_readiness_report_get_predicted_rto (DrsoReadinessReport *self);
JsonNode            *drso_readiness_report_to_json           (DrsoReadinessReport *self);

#define DRSO_TYPE_READINESS (drso_readiness_get_type ())

G_DECLARE_FINAL_TYPE (DrsoReadiness, drso_readiness, DRSO, READINESS, GObject)

DrsoReadiness       *drso_readiness_new                (DrsoStore           *store,
                                                        const char          *plan_id,
                                                        DrsoAwsClient       *client);
DrsoExecutionType    drso_readiness_get_execution_type (DrsoReadiness       *self);
void                 drso_readiness_set_execution_type (DrsoReadiness       *self,
                                                        DrsoExecutionType    execution_type);
void                 drso_readiness_check_async        (DrsoReadiness       *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
DrsoReadinessReport *drso_readiness_check_finish       (DrsoReadiness       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
