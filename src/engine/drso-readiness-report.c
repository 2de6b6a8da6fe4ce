/* drso-readiness-report.c
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

#include "drso-readiness-private.h"

/* The result of a readiness check: its findings, the verdict they make and
 * the predicted RTO, and their JSON form for the command line. */

G_DEFINE_ENUM_TYPE (DrsoReadinessVerdict, drso_readiness_verdict,
                    G_DEFINE_ENUM_VALUE (DRSO_READINESS_VERDICT_GO, "go"),
                    G_DEFINE_ENUM_VALUE (DRSO_READINESS_VERDICT_GO_WITH_WARNINGS,
                                         "go-with-warnings"),
                    G_DEFINE_ENUM_VALUE (DRSO_READINESS_VERDICT_NO_GO, "no-go"))

G_DEFINE_ENUM_TYPE (DrsoReadinessSeverity, drso_readiness_severity,
                    G_DEFINE_ENUM_VALUE (DRSO_READINESS_SEVERITY_INFO, "info"),
                    G_DEFINE_ENUM_VALUE (DRSO_READINESS_SEVERITY_WARNING, "warning"),
                    G_DEFINE_ENUM_VALUE (DRSO_READINESS_SEVERITY_BLOCKER, "blocker"))

/**
 * drso_readiness_verdict_to_string:
 * @verdict: a #DrsoReadinessVerdict
 *
 * Returns: the JSON form of @verdict: `GO`, `GO_WITH_WARNINGS` or `NO_GO`
 */
const char *
drso_readiness_verdict_to_string (DrsoReadinessVerdict verdict)
{
  switch (verdict)
    {
    case DRSO_READINESS_VERDICT_GO:
      return "GO";
    case DRSO_READINESS_VERDICT_GO_WITH_WARNINGS:
      return "GO_WITH_WARNINGS";
    case DRSO_READINESS_VERDICT_NO_GO:
      return "NO_GO";
    default:
      g_return_val_if_reached ("NO_GO");
    }
}

/**
 * drso_readiness_severity_to_string:
 * @severity: a #DrsoReadinessSeverity
 *
 * Returns: the JSON form of @severity: `INFO`, `WARNING` or `BLOCKER`
 */
const char *
drso_readiness_severity_to_string (DrsoReadinessSeverity severity)
{
  switch (severity)
    {
    case DRSO_READINESS_SEVERITY_INFO:
      return "INFO";
    case DRSO_READINESS_SEVERITY_WARNING:
      return "WARNING";
    case DRSO_READINESS_SEVERITY_BLOCKER:
      return "BLOCKER";
    default:
      g_return_val_if_reached ("BLOCKER");
    }
}

/* Findings */

/**
 * DrsoReadinessFinding:
 *
 * One finding of a readiness check: how much it weighs, the rule that made
 * it (such as `rpo-lag`), the wave it concerns (0 for the whole plan), the
 * server (if one) and a sentence for people.
 */
struct _DrsoReadinessFinding
{
  GObject                parent_instance;

  DrsoReadinessSeverity  severity;
  char                  *rule;
  guint                  wave_number;
  char                  *server_id;
  char                  *message;
};

G_DEFINE_FINAL_TYPE (DrsoReadinessFinding, drso_readiness_finding, G_TYPE_OBJECT)

enum {
  FINDING_PROP_0,
  FINDING_PROP_SEVERITY,
  FINDING_PROP_RULE,
  FINDING_PROP_WAVE_NUMBER,
  FINDING_PROP_SERVER_ID,
  FINDING_PROP_MESSAGE,
  N_FINDING_PROPS
};

static GParamSpec *finding_properties[N_FINDING_PROPS];

static void
drso_readiness_finding_finalize (GObject *object)
{
  DrsoReadinessFinding *self = (DrsoReadinessFinding *) object;

  g_free (self->rule);
  g_free (self->server_id);
  g_free (self->message);

  G_OBJECT_CLASS (drso_readiness_finding_parent_class)->finalize (object);
}

static void
drso_readiness_finding_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  DrsoReadinessFinding *self = DRSO_READINESS_FINDING (object);

  switch (prop_id)
    {
    case FINDING_PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case FINDING_PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case FINDING_PROP_WAVE_NUMBER:
      g_value_set_uint (value, self->wave_number);
      break;
    case FINDING_PROP_SERVER_ID:
      g_value_set_string (value, self->server_id);
      break;
    case FINDING_PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_readiness_finding_class_init (DrsoReadinessFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = drso_readiness_finding_finalize;
  object_class->get_property = drso_readiness_finding_get_property;

  finding_properties[FINDING_PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, DRSO_TYPE_READINESS_SEVERITY,
                       DRSO_READINESS_SEVERITY_INFO, flags);
  finding_properties[FINDING_PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, flags);
  finding_properties[FINDING_PROP_WAVE_NUMBER] =
    g_param_spec_uint ("wave-number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  finding_properties[FINDING_PROP_SERVER_ID] =
    g_param_spec_string ("server-id", NULL, NULL, NULL, flags);
  finding_properties[FINDING_PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_FINDING_PROPS, finding_properties);
}

static void
drso_readiness_finding_init (DrsoReadinessFinding *self)
{
}

/* Takes @message. */
DrsoReadinessFinding *
_drso_readiness_finding_new (DrsoReadinessSeverity  severity,
                             const char            *rule,
                             guint                  wave_number,
                             const char            *server_id,
                             char                  *message)
{
  DrsoReadinessFinding *self = g_object_new (DRSO_TYPE_READINESS_FINDING, NULL);

  self->severity = severity;
  self->rule = g_strdup (rule);
  self->wave_number = wave_number;
  self->server_id = g_strdup (server_id);
  self->message = message;
  return self;
}

/**
 * drso_readiness_finding_get_severity:
 * @self: a #DrsoReadinessFinding
 *
 * Returns: how much the finding weighs
 */
DrsoReadinessSeverity
drso_readiness_finding_get_severity (DrsoReadinessFinding *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_FINDING (self), DRSO_READINESS_SEVERITY_INFO);
  return self->severity;
}

/**
 * drso_readiness_finding_get_rule:
 * @self: a #DrsoReadinessFinding
 *
 * The rule that made the finding: `replication-state`, `rpo-lag`,
 * `rpo-snapshot`, `pinned-snapshot`, `existing-instance`,
 * `launch-configuration`, `role-assumable`, `job-limits`,
 * `replicating-servers` or `rto-target`.
 *
 * Returns: (transfer none): the rule's id
 */
const char *
drso_readiness_finding_get_rule (DrsoReadinessFinding *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_FINDING (self), NULL);
  return self->rule;
}

/**
 * drso_readiness_finding_get_wave_number:
 * @self: a #DrsoReadinessFinding
 *
 * Returns: the wave the finding concerns, or 0 for the whole plan
 */
guint
drso_readiness_finding_get_wave_number (DrsoReadinessFinding *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_FINDING (self), 0);
  return self->wave_number;
}

/**
 * drso_readiness_finding_get_server_id:
 * @self: a #DrsoReadinessFinding
 *
 * Returns: (transfer none) (nullable): the source server the finding
 *   concerns, or %NULL for a wave, an account or the plan
 */
const char *
drso_readiness_finding_get_server_id (DrsoReadinessFinding *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_FINDING (self), NULL);
  return self->server_id;
}

/**
 * drso_readiness_finding_get_message:
 * @self: a #DrsoReadinessFinding
 *
 * Returns: (transfer none): the finding as a sentence, in the user's language
 */
const char *
drso_readiness_finding_get_message (DrsoReadinessFinding *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_FINDING (self), NULL);
  return self->message;
}

/* Reports */

/**
 * DrsoReadinessReport:
 *
 * What a readiness check found: the verdict, the findings (blockers first)
 * and the RTO predicted from the plan's last completed execution, or from
 * its waves' estimated durations.
 */
struct _DrsoReadinessReport
{
  GObject               parent_instance;

  DrsoReadinessVerdict  verdict;
  GListStore           *findings;
  guint64               predicted_rto;
};

G_DEFINE_FINAL_TYPE (DrsoReadinessReport, drso_readiness_report, G_TYPE_OBJECT)

enum {
  REPORT_PROP_0,
  REPORT_PROP_VERDICT,
  REPORT_PROP_FINDINGS,
  REPORT_PROP_PREDICTED_RTO,
  N_REPORT_PROPS
};

static GParamSpec *report_properties[N_REPORT_PROPS];

static void
drso_readiness_report_dispose (GObject *object)
{
  DrsoReadinessReport *self = (DrsoReadinessReport *) object;

  g_clear_object (&self->findings);

  G_OBJECT_CLASS (drso_readiness_report_parent_class)->dispose (object);
}

static void
drso_readiness_report_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DrsoReadinessReport *self = DRSO_READINESS_REPORT (object);

  switch (prop_id)
    {
    case REPORT_PROP_VERDICT:
      g_value_set_enum (value, self->verdict);
      break;
    case REPORT_PROP_FINDINGS:
      g_value_set_object (value, self->findings);
      break;
    case REPORT_PROP_PREDICTED_RTO:
      g_value_set_uint64 (value, self->predicted_rto);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_readiness_report_class_init (DrsoReadinessReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = drso_readiness_report_dispose;
  object_class->get_property = drso_readiness_report_get_property;

  report_properties[REPORT_PROP_VERDICT] =
    g_param_spec_enum ("verdict", NULL, NULL, DRSO_TYPE_READINESS_VERDICT,
                       DRSO_READINESS_VERDICT_GO, flags);
  report_properties[REPORT_PROP_FINDINGS] =
    g_param_spec_object ("findings", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  report_properties[REPORT_PROP_PREDICTED_RTO] =
    g_param_spec_uint64 ("predicted-rto", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  g_object_class_install_properties (object_class, N_REPORT_PROPS, report_properties);
}

static void
drso_readiness_report_init (DrsoReadinessReport *self)
{
  self->findings = g_list_store_new (DRSO_TYPE_READINESS_FINDING);
}

/* Blockers first, then by wave (the plan's own findings before the
 * waves'), then by rule and server, so a report reads the same each time. */
static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const DrsoReadinessFinding *fa = *(DrsoReadinessFinding * const *) a;
  const DrsoReadinessFinding *fb = *(DrsoReadinessFinding * const *) b;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->wave_number != fb->wave_number)
    return fa->wave_number < fb->wave_number ? -1 : 1;
  if (g_strcmp0 (fa->rule, fb->rule) != 0)
    return g_strcmp0 (fa->rule, fb->rule);
  return g_strcmp0 (fa->message, fb->message);
}

/* Sorts @findings (of DrsoReadinessFinding) and keeps them. */
DrsoReadinessReport *
_drso_readiness_report_new (GPtrArray *findings,
                            guint64    predicted_rto)
{
  DrsoReadinessReport *self = g_object_new (DRSO_TYPE_READINESS_REPORT, NULL);

  g_ptr_array_sort (findings, compare_findings);
  self->verdict = DRSO_READINESS_VERDICT_GO;
  for (guint i = 0; i < findings->len; i++)
    {
      DrsoReadinessFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == DRSO_READINESS_SEVERITY_BLOCKER)
        self->verdict = DRSO_READINESS_VERDICT_NO_GO;
      else if (finding->severity == DRSO_READINESS_SEVERITY_WARNING &&
               self->verdict == DRSO_READINESS_VERDICT_GO)
        self->verdict = DRSO_READINESS_VERDICT_GO_WITH_WARNINGS;
    }
  g_list_store_splice (self->findings, 0, 0, findings->pdata, findings->len);
  self->predicted_rto = predicted_rto;
  return self;
}

/**
 * drso_readiness_report_get_verdict:
 * @self: a #DrsoReadinessReport
 *
 * Any blocker makes %DRSO_READINESS_VERDICT_NO_GO; else any warning makes
 * %DRSO_READINESS_VERDICT_GO_WITH_WARNINGS; else it is
 * %DRSO_READINESS_VERDICT_GO.
 *
 * Returns: the verdict
 */
DrsoReadinessVerdict
drso_readiness_report_get_verdict (DrsoReadinessReport *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_REPORT (self), DRSO_READINESS_VERDICT_NO_GO);
  return self->verdict;
}

/**
 * drso_readiness_report_get_findings:
 * @self: a #DrsoReadinessReport
 *
 * Returns: (transfer none): a list model of #DrsoReadinessFinding, blockers
 *   first, then by wave
 */
GListModel *
drso_readiness_report_get_findings (DrsoReadinessReport *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_REPORT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/**
 * drso_readiness_report_count:
 * @self: a #DrsoReadinessReport
 * @severity: a #DrsoReadinessSeverity
 *
 * Returns: how many findings of @severity the report holds
 */
guint
drso_readiness_report_count (DrsoReadinessReport   *self,
                             DrsoReadinessSeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (DRSO_IS_READINESS_REPORT (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->findings)); i++)
    {
      g_autoptr(DrsoReadinessFinding) finding =
        g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      n += finding->severity == severity;
    }
  return n;
}

/**
 * drso_readiness_report_get_predicted_rto:
 * @self: a #DrsoReadinessReport
 *
 * The sum over the plan's waves of each wave's duration in the plan's last
 * completed execution, or of its estimated duration where that execution
 * did not measure it.
 *
 * Returns: the predicted RTO, in seconds
 */
guint64
drso_readiness_report_get_predicted_rto (DrsoReadinessReport *self)
{
  g_return_val_if_fail (DRSO_IS_READINESS_REPORT (self), 0);
  return self->predicted_rto;
}

/**
 * drso_readiness_report_to_json:
 * @self: a #DrsoReadinessReport
 *
 * The report as `{"verdict": "GO_WITH_WARNINGS", "predictedRtoSeconds": N,
 * "findings": [{"severity", "rule", "wave", "serverId", "message"}]}`;
 * `serverId` is null for findings about a wave, an account or the plan.
 *
 * Returns: (transfer full): the report as a JSON object
 */
JsonNode *
drso_readiness_report_to_json (DrsoReadinessReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *findings;

  g_return_val_if_fail (DRSO_IS_READINESS_REPORT (self), NULL);

  findings = G_LIST_MODEL (self->findings);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, drso_readiness_verdict_to_string (self->verdict));
  json_builder_set_member_name (builder, "predictedRtoSeconds");
  json_builder_add_int_value (builder, (gint64) MIN (self->predicted_rto, G_MAXINT64));
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DrsoReadinessFinding) finding = g_list_model_get_item (findings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder,
                                     drso_readiness_severity_to_string (finding->severity));
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, finding->rule);
      json_builder_set_member_name (builder, "wave");
      json_builder_add_int_value (builder, finding->wave_number);
      json_builder_set_member_name (builder, "serverId");
      if (finding->server_id != NULL)
        json_builder_add_string_value (builder, finding->server_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, finding->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
