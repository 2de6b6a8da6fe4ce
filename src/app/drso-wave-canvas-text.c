/* drso-wave-canvas-text.c
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

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-wave-canvas-private.h"

/* The words of the wave canvas: the text of its lanes and gate, the
 * sentences of its accessible description, and its tooltips. */

/* The accessible description */

char *
_drso_wave_canvas_dup_gate_text (DrsoCanvasLane *lane)
{
  /* TRANSLATORS: drawn across the wave canvas where a paused execution
   * waits; %u is the number of the wave that waits */
  return g_strdup_printf (_("Waiting for approval before wave %u"), lane->number);
}

static const char *
describe_wave_status (DrsoWaveStatus status)
{
  switch (status)
    {
    case DRSO_WAVE_STATUS_PAUSED:
      return _("paused before this wave");
    case DRSO_WAVE_STATUS_IN_PROGRESS:
      return _("in progress");
    case DRSO_WAVE_STATUS_COMPLETED:
      return _("completed");
    case DRSO_WAVE_STATUS_FAILED:
      return _("failed");
    case DRSO_WAVE_STATUS_SKIPPED:
      return _("skipped");
    case DRSO_WAVE_STATUS_CANCELLED:
      return _("cancelled");
    case DRSO_WAVE_STATUS_PENDING:
    default:
      return _("not started");
    }
}

static char *
dup_lane_sentence (DrsoCanvasLane *lane)
{
  g_autoptr(GString) counts = g_string_new (NULL);
  const char *name = drso_wave_run_get_wave_name (lane->wave);
  guint total = lane->tiles->len;

  /* TRANSLATORS: part of a sentence about one wave, for screen readers:
   * "3 of 4 servers launched" */
  g_string_append_printf (counts, ngettext ("%u of %u server launched",
                                            "%u of %u servers launched", total),
                          lane->n_launched, total);
  if (lane->n_failed > 0)
    /* TRANSLATORS: appended to "3 of 4 servers launched" */
    g_string_append_printf (counts, ngettext (", %u failed", ", %u failed", lane->n_failed),
                            lane->n_failed);
  if (lane->n_optional_failed > 0)
    /* TRANSLATORS: appended to "3 of 4 servers launched"; the failure of
     * an optional server does not stop its wave */
    g_string_append_printf (counts, ngettext (", %u optional server failed",
                                              ", %u optional servers failed",
                                              lane->n_optional_failed),
                            lane->n_optional_failed);
  if (lane->n_in_progress > 0)
    /* TRANSLATORS: appended to "3 of 4 servers launched" */
    g_string_append_printf (counts, ngettext (", %u in progress", ", %u in progress",
                                              lane->n_in_progress),
                            lane->n_in_progress);

  if (name != NULL && *name != '\0')
    /* TRANSLATORS: a sentence about one wave for screen readers: the wave's
     * number, its name, its counts and its state, as in "Wave 2, Application
     * tier: 3 of 4 servers launched, 1 failed; paused before this wave." */
    return g_strdup_printf (_("Wave %u, %s: %s; %s."), lane->number, name, counts->str,
                            describe_wave_status (lane->status));

  /* TRANSLATORS: the same sentence for a wave without a name */
  return g_strdup_printf (_("Wave %u: %s; %s."), lane->number, counts->str,
                          describe_wave_status (lane->status));
}

void
_drso_wave_canvas_update_summary (DrsoWaveCanvas *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *label = NULL;
  const char *plan_name = NULL;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      g_autofree char *sentence = dup_lane_sentence (g_ptr_array_index (self->lanes, i));

      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append (summary, sentence);
    }

  if (self->execution != NULL)
    plan_name = drso_execution_get_plan_name (self->execution);
  if (plan_name != NULL && *plan_name != '\0')
    /* TRANSLATORS: the accessible name of the wave canvas; %s is a plan */
    label = g_strdup_printf (_("Waves of %s"), plan_name);
  else
    label = g_strdup (_("Waves"));

  /* Assistive technologies hear of a change only when there is one. */
  if (g_strcmp0 (self->summary, summary->str) == 0 &&
      g_strcmp0 (self->accessible_label, label) == 0)
    return;

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  g_free (self->accessible_label);
  self->accessible_label = g_steal_pointer (&label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

/* The text of a lane */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
_drso_wave_canvas_dup_wave_title (DrsoCanvasLane *lane)
{
  /* TRANSLATORS: the title of a lane of the wave canvas */
  return g_strdup_printf (_("Wave %u"), lane->number);
}

char *
_drso_wave_canvas_dup_counts_text (DrsoCanvasLane *lane)
{
  /* TRANSLATORS: servers launched of the servers of a wave, "2/4 launched" */
  return g_strdup_printf (_("%u/%u launched"), lane->n_launched, lane->tiles->len);
}

char *
_drso_wave_canvas_dup_failed_text (DrsoCanvasLane *lane)
{
  guint failed = lane->n_failed + lane->n_optional_failed;

  if (failed == 0)
    return NULL;
  /* TRANSLATORS: drawn after "2/4 launched" in a lane of the wave canvas */
  return g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed);
}

char *
_drso_wave_canvas_format_time_text (gint64   elapsed,
                                    gint64   estimate,
                                    gboolean started)
{
  g_autofree char *clock = drso_chart_format_clock (elapsed);
  g_autofree char *estimate_clock = estimate > 0 ? drso_chart_format_clock (estimate) : NULL;

  if (started && estimate_clock != NULL)
    /* TRANSLATORS: the time a wave has taken against its estimate, "9:41 of ≈10:00" */
    return g_strdup_printf (_("%s of ≈%s"), clock, estimate_clock);
  if (started)
    return g_steal_pointer (&clock);
  if (estimate_clock != NULL)
    /* TRANSLATORS: the estimated duration of a wave that has not started, "≈10:00" */
    return g_strdup_printf (_("≈%s"), estimate_clock);
  return NULL;
}

char *
_drso_wave_canvas_dup_time_text (DrsoCanvasLane *lane)
{
  gint64 start = drso_wave_run_get_start_time (lane->wave);
  gint64 end = drso_wave_run_get_end_time (lane->wave);

  if (start <= 0)
    return _drso_wave_canvas_format_time_text (0, lane->estimate, FALSE);
  return _drso_wave_canvas_format_time_text ((end >= start ? end : now_seconds ()) - start,
                                             lane->estimate, TRUE);
}

gboolean
_drso_wave_canvas_is_over_estimate (DrsoCanvasLane *lane)
{
  gint64 start = drso_wave_run_get_start_time (lane->wave);
  gint64 end = drso_wave_run_get_end_time (lane->wave);

  if (start <= 0 || lane->estimate <= 0)
    return FALSE;
  return (end >= start ? end : now_seconds ()) - start > lane->estimate;
}

/* Tooltips */

static const char *
describe_server_state (DrsoServerRun *server)
{
  switch (drso_server_run_get_status (server))
    {
    case DRSO_LAUNCH_STATUS_IN_PROGRESS:
      return _("Launching");
    case DRSO_LAUNCH_STATUS_LAUNCHED:
      return _("Launched");
    case DRSO_LAUNCH_STATUS_FAILED:
      return _("Failed to launch");
    case DRSO_LAUNCH_STATUS_TERMINATED:
      return _("Launched, since terminated");
    case DRSO_LAUNCH_STATUS_PENDING:
    default:
      return _("Waiting to launch");
    }
}

static void
append_phase (GString    *text,
              const char *name,
              gint64      start,
              gint64      end)
{
  g_autofree char *duration = NULL;

  if (start <= 0)
    return;
  if (end >= start)
    {
      duration = drso_chart_format_duration ((end - start) / G_USEC_PER_SEC);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a phase of a server's recovery and how long it took,
       * "Conversion: 4 min 2 s" */
      g_string_append_printf (text, _("%s: %s"), name, duration);
    }
  else
    {
      duration = drso_chart_format_duration ((g_get_real_time () - start) / G_USEC_PER_SEC);
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a phase of a server's recovery that is still running,
       * "Conversion: 2 min 10 s so far" */
      g_string_append_printf (text, _("%s: %s so far"), name, duration);
    }
}

static void
append_escaped (GString    *markup,
                const char *prefix,
                const char *text,
                const char *suffix)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (markup, "%s%s%s", prefix, escaped, suffix);
}

static char *
dup_tooltip_markup (DrsoServerRun *server)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  const char *hostname = drso_server_run_get_hostname (server);
  const char *ip = drso_server_run_get_private_ip (server);
  const char *type = drso_server_run_get_instance_type (server);
  const char *instance = drso_server_run_get_ec2_instance_id (server);
  const char *health = drso_server_run_get_health (server);
  const char *message = drso_server_run_get_message (server);
  g_autoptr(GString) line = g_string_new (NULL);

  append_escaped (markup, "<b>", hostname != NULL && *hostname != '\0'
                  ? hostname : drso_server_run_get_server_id (server), "</b>");

  if (ip != NULL && *ip != '\0')
    g_string_append (line, ip);
  if (type != NULL && *type != '\0')
    g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", type);
  if (line->len > 0)
    g_string_append_printf (body, "\n%s", line->str);

  g_string_append_c (body, '\n');
  if (drso_server_run_get_criticality (server) == DRSO_SERVER_CRITICALITY_OPTIONAL)
    /* TRANSLATORS: a server's launch state, for a server whose failure does
     * not stop its wave: "Failed to launch (optional server)" */
    g_string_append_printf (body, _("%s (optional server)"), describe_server_state (server));
  else
    g_string_append (body, describe_server_state (server));

  append_phase (body, _("Snapshot"), drso_server_run_get_snapshot_start (server),
                drso_server_run_get_snapshot_end (server));
  append_phase (body, _("Conversion"), drso_server_run_get_conversion_start (server),
                drso_server_run_get_conversion_end (server));
  append_phase (body, _("Launch"), drso_server_run_get_launch_start (server),
                drso_server_run_get_launch_end (server));

  g_string_truncate (line, 0);
  if (instance != NULL && *instance != '\0')
    g_string_append (line, instance);
  if (health != NULL && *health != '\0')
    g_string_append_printf (line, "%s%s", line->len > 0 ? " · " : "", health);
  if (line->len > 0)
    g_string_append_printf (body, "\n%s", line->str);

  append_escaped (markup, "", body->str, "");
  if (message != NULL && *message != '\0')
    append_escaped (markup, "\n<i>", message, "</i>");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

gboolean
_drso_wave_canvas_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  DrsoWaveCanvas *self = DRSO_WAVE_CANVAS (widget);
  g_autofree char *markup = NULL;
  guint wave_number, index;
  graphene_rect_t bounds;

  if (!drso_wave_canvas_get_tile_at (self, x, y, &wave_number, &index) ||
      !drso_wave_canvas_get_tile_bounds (self, wave_number, index, &bounds))
    return FALSE;

  for (guint i = 0; i < self->lanes->len; i++)
    {
      DrsoCanvasLane *lane = g_ptr_array_index (self->lanes, i);

      if (lane->number == wave_number)
        markup = dup_tooltip_markup (g_array_index (lane->tiles, DrsoCanvasTile, index).server);
    }
  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) bounds.origin.x, (int) bounds.origin.y,
                              (int) bounds.size.width, (int) bounds.size.height });
  return TRUE;
}
