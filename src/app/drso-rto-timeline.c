/* drso-rto-timeline.c
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

#include "drso-rto-timeline-private.h"

/**
 * DrsoRtoTimeline:
 *
 * Where the time of a finished execution went: a bar per server, split into
 * its snapshot, conversion and launch phases, grouped by wave, on a time
 * axis that starts with the execution, with the plan's target RTO as a
 * vertical line.
 *
 * Its accessible description says, a sentence per wave, how many servers
 * the wave had and when they were all up.
 */

G_DEFINE_FINAL_TYPE (DrsoRtoTimeline, drso_rto_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EXECUTION,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

const char *
_drso_rto_timeline_get_phase_name (guint phase)
{
  switch (phase)
    {
    case 0:
      return _("Snapshot");
    case 1:
      return _("Conversion");
    case 2:
    default:
      return _("Launch");
    }
}

static void
row_clear (gpointer data)
{
  g_clear_object (&((DrsoTimelineRow *) data)->server);
}

static void
wave_free (gpointer data)
{
  DrsoTimelineWave *wave = data;

  g_clear_pointer (&wave->rows, g_array_unref);
  g_free (wave->name);
  g_free (wave);
}

static void
read_row (DrsoTimelineRow   *row,
          DrsoServerRun *server,
          gint64         execution_end)
{
  row->server = g_object_ref (server);
  row->start[0] = drso_server_run_get_snapshot_start (server);
  row->end[0] = drso_server_run_get_snapshot_end (server);
  row->start[1] = drso_server_run_get_conversion_start (server);
  row->end[1] = drso_server_run_get_conversion_end (server);
  row->start[2] = drso_server_run_get_launch_start (server);
  row->end[2] = drso_server_run_get_launch_end (server);

  /* A phase without an end ran until the next one began, or until the
   * execution ended. */
  for (guint p = 0; p < DRSO_RTO_N_PHASES; p++)
    {
      if (row->start[p] <= 0 || row->end[p] >= row->start[p])
        continue;
      row->end[p] = 0;
      for (guint q = p + 1; q < DRSO_RTO_N_PHASES && row->end[p] == 0; q++)
        if (row->start[q] > row->start[p])
          row->end[p] = row->start[q];
      if (row->end[p] == 0 && execution_end > row->start[p])
        row->end[p] = execution_end;
      if (row->end[p] == 0)
        row->start[p] = 0;
    }

  for (guint p = 0; p < DRSO_RTO_N_PHASES; p++)
    row->ready = MAX (row->ready, row->end[p]);
}

static void
read_execution (DrsoRtoTimeline *self)
{
  GListModel *wave_runs;
  gint64 execution_end, first = G_MAXINT64;
  guint n;

  g_ptr_array_set_size (self->waves, 0);
  self->origin = self->ready = self->last_end = 0;
  if (self->execution == NULL)
    return;

  execution_end = drso_execution_get_end_time (self->execution) * G_USEC_PER_SEC;
  wave_runs = drso_execution_get_wave_runs (self->execution);
  n = g_list_model_get_n_items (wave_runs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWaveRun) wave_run = g_list_model_get_item (wave_runs, i);
      GListModel *servers = drso_wave_run_get_servers (wave_run);
      guint n_servers = g_list_model_get_n_items (servers);
      DrsoTimelineWave *wave = g_new0 (DrsoTimelineWave, 1);

      wave->number = drso_wave_run_get_wave_number (wave_run);
      wave->name = g_strdup (drso_wave_run_get_wave_name (wave_run));
      wave->rows = g_array_sized_new (FALSE, TRUE, sizeof (DrsoTimelineRow), n_servers);
      g_array_set_clear_func (wave->rows, row_clear);

      for (guint j = 0; j < n_servers; j++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, j);
          DrsoTimelineRow row = { 0 };

          read_row (&row, server, execution_end);
          for (guint p = 0; p < DRSO_RTO_N_PHASES; p++)
            if (row.start[p] > 0)
              first = MIN (first, row.start[p]);
          self->last_end = MAX (self->last_end, row.ready);

          /* A wave is recovered when its last launched server is up; a
           * server that failed does not count. */
          if (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_LAUNCHED ||
              drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_TERMINATED)
            wave->ready = MAX (wave->ready, row.ready);
          g_array_append_val (wave->rows, row);
        }

      self->ready = MAX (self->ready, wave->ready);
      g_ptr_array_add (self->waves, wave);
    }

  self->origin = drso_execution_get_start_time (self->execution) * G_USEC_PER_SEC;
  if (self->origin <= 0 || (first != G_MAXINT64 && first < self->origin))
    self->origin = first != G_MAXINT64 ? first : 0;
}

static void
update_summary (DrsoRtoTimeline *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < self->waves->len; i++)
    {
      DrsoTimelineWave *wave = g_ptr_array_index (self->waves, i);
      g_autofree char *servers = NULL;
      g_autofree char *duration = NULL;

      if (summary->len > 0)
        g_string_append_c (summary, ' ');

      /* TRANSLATORS: part of "Wave 1: 4 servers, recovered in 9 min 40 s." */
      servers = g_strdup_printf (ngettext ("%u server", "%u servers", wave->rows->len),
                                 wave->rows->len);
      if (wave->ready > 0)
        {
          duration = drso_chart_format_duration ((wave->ready - self->origin) / G_USEC_PER_SEC);
          /* TRANSLATORS: a sentence about one wave of a finished execution,
           * for screen readers: its number, its servers and how long after
           * the start of the execution its last server was up */
          g_string_append_printf (summary, _("Wave %u: %s, recovered in %s."),
                                  wave->number, servers, duration);
        }
      else
        {
          /* TRANSLATORS: the same sentence for a wave none of whose servers
           * was recovered */
          g_string_append_printf (summary, _("Wave %u: %s, not recovered."),
                                  wave->number, servers);
        }
    }

  if (self->ready > 0 && self->target > 0)
    {
      g_autofree char *measured = drso_chart_format_duration ((self->ready - self->origin)
                                                              / G_USEC_PER_SEC);
      g_autofree char *target = drso_chart_format_duration (self->target);

      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      /* TRANSLATORS: the end of the timeline's description: the measured
       * recovery time and the plan's target */
      g_string_append_printf (summary, _("Measured RTO %s against a target of %s."),
                              measured, target);
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

static void
reload (DrsoRtoTimeline *self)
{
  read_execution (self);
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Tooltips */

static gboolean
drso_rto_timeline_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (widget);
  graphene_point_t point = GRAPHENE_POINT_INIT (x, y);

  _drso_rto_timeline_compute_layout (self, gtk_widget_get_width (widget), TRUE);
  for (guint i = 0; i < self->waves->len; i++)
    {
      DrsoTimelineWave *wave = g_ptr_array_index (self->waves, i);

      for (guint j = 0; j < wave->rows->len; j++)
        {
          DrsoTimelineRow *row = &g_array_index (wave->rows, DrsoTimelineRow, j);
          const char *name = drso_server_run_get_hostname (row->server);
          g_autoptr(GString) text = NULL;

          if (!graphene_rect_contains_point (&row->bounds, &point))
            continue;

          text = g_string_new (name != NULL && *name != '\0'
                               ? name : drso_server_run_get_server_id (row->server));
          for (guint p = 0; p < DRSO_RTO_N_PHASES; p++)
            {
              g_autofree char *duration = NULL;

              if (row->start[p] <= 0)
                continue;
              duration = drso_chart_format_duration ((row->end[p] - row->start[p])
                                                     / G_USEC_PER_SEC);
              g_string_append_c (text, '\n');
              /* TRANSLATORS: a phase of a server's recovery and how long it
               * took, "Conversion: 4 min 2 s" */
              g_string_append_printf (text, _("%s: %s"),
                                      _drso_rto_timeline_get_phase_name (p), duration);
            }
          if (row->ready > 0)
            {
              g_autofree char *duration = drso_chart_format_duration ((row->ready - self->origin)
                                                                      / G_USEC_PER_SEC);
              g_string_append_c (text, '\n');
              if (drso_server_run_get_status (row->server) == DRSO_LAUNCH_STATUS_FAILED)
                /* TRANSLATORS: when the launch of a server failed, counted
                 * from the start of the execution */
                g_string_append_printf (text, _("Failed after %s"), duration);
              else
                /* TRANSLATORS: when a server was up, counted from the start
                 * of the execution */
                g_string_append_printf (text, _("Up after %s"), duration);
            }
          gtk_tooltip_set_text (tooltip, text->str);
          gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                      0, (int) row->bounds.origin.y,
                                      gtk_widget_get_width (widget), DRSO_RTO_ROW_HEIGHT });
          return TRUE;
        }
    }

  return FALSE;
}

/* GtkWidget overrides */

static void
drso_rto_timeline_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (drso_rto_timeline_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

/* GObject overrides */

static void
drso_rto_timeline_dispose (GObject *object)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (object);

  if (self->execution != NULL)
    g_signal_handlers_disconnect_by_data (self->execution, self);
  g_clear_object (&self->execution);
  g_ptr_array_set_size (self->waves, 0);
  drso_chart_palette_clear (&self->palette);

  G_OBJECT_CLASS (drso_rto_timeline_parent_class)->dispose (object);
}

static void
drso_rto_timeline_finalize (GObject *object)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (object);

  g_clear_pointer (&self->waves, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (drso_rto_timeline_parent_class)->finalize (object);
}

static void
drso_rto_timeline_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_EXECUTION:
      g_value_set_object (value, self->execution);
      break;
    case PROP_TARGET:
      g_value_set_int64 (value, self->target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_rto_timeline_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DrsoRtoTimeline *self = DRSO_RTO_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_EXECUTION:
      drso_rto_timeline_set_execution (self, g_value_get_object (value));
      break;
    case PROP_TARGET:
      drso_rto_timeline_set_target (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_rto_timeline_class_init (DrsoRtoTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = drso_rto_timeline_dispose;
  object_class->finalize = drso_rto_timeline_finalize;
  object_class->get_property = drso_rto_timeline_get_property;
  object_class->set_property = drso_rto_timeline_set_property;

  widget_class->measure = _drso_rto_timeline_measure;
  widget_class->snapshot = _drso_rto_timeline_snapshot;
  widget_class->query_tooltip = drso_rto_timeline_query_tooltip;
  widget_class->css_changed = drso_rto_timeline_css_changed;

  /**
   * DrsoRtoTimeline:execution:
   *
   * The finished execution the timeline shows.
   */
  properties[PROP_EXECUTION] =
    g_param_spec_object ("execution", NULL, NULL, DRSO_TYPE_EXECUTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DrsoRtoTimeline:target:
   *
   * The plan's target RTO in seconds, or 0 for none.
   */
  properties[PROP_TARGET] =
    g_param_spec_int64 ("target", NULL, NULL, 0, G_MAXINT64 / G_USEC_PER_SEC, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "rtotimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
drso_rto_timeline_init (DrsoRtoTimeline *self)
{
  self->waves = g_ptr_array_new_with_free_func (wave_free);
  self->summary = g_strdup ("");
  drso_chart_palette_init (&self->palette, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recovery time by server"),
                                  -1);
}

/* Public API */

/**
 * drso_rto_timeline_new:
 *
 * Returns: (transfer full): a new, empty #DrsoRtoTimeline
 */
GtkWidget *
drso_rto_timeline_new (void)
{
  return g_object_new (DRSO_TYPE_RTO_TIMELINE, NULL);
}

/**
 * drso_rto_timeline_get_execution:
 * @self: a #DrsoRtoTimeline
 *
 * Returns: (transfer none) (nullable): the execution shown
 */
DrsoExecution *
drso_rto_timeline_get_execution (DrsoRtoTimeline *self)
{
  g_return_val_if_fail (DRSO_IS_RTO_TIMELINE (self), NULL);
  return self->execution;
}

/**
 * drso_rto_timeline_set_execution:
 * @self: a #DrsoRtoTimeline
 * @execution: (nullable): a finished execution
 *
 * Shows the phases of @execution's servers. The timeline reads the
 * execution again when it notifies a change.
 */
void
drso_rto_timeline_set_execution (DrsoRtoTimeline *self,
                                 DrsoExecution   *execution)
{
  g_return_if_fail (DRSO_IS_RTO_TIMELINE (self));
  g_return_if_fail (execution == NULL || DRSO_IS_EXECUTION (execution));

  if (self->execution == execution)
    return;

  if (self->execution != NULL)
    g_signal_handlers_disconnect_by_data (self->execution, self);
  g_set_object (&self->execution, execution);
  if (execution != NULL)
    g_signal_connect_object (execution, "notify", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXECUTION]);
}

/**
 * drso_rto_timeline_get_target:
 * @self: a #DrsoRtoTimeline
 *
 * Returns: the target RTO in seconds, or 0 for none
 */
gint64
drso_rto_timeline_get_target (DrsoRtoTimeline *self)
{
  g_return_val_if_fail (DRSO_IS_RTO_TIMELINE (self), 0);
  return self->target;
}

/**
 * drso_rto_timeline_set_target:
 * @self: a #DrsoRtoTimeline
 * @seconds: the plan's target RTO in seconds, or 0 for none
 */
void
drso_rto_timeline_set_target (DrsoRtoTimeline *self,
                              gint64           seconds)
{
  g_return_if_fail (DRSO_IS_RTO_TIMELINE (self));
  g_return_if_fail (seconds >= 0);

  if (self->target == seconds)
    return;
  self->target = seconds;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

/**
 * drso_rto_timeline_dup_summary:
 * @self: a #DrsoRtoTimeline
 *
 * Returns: (transfer full): the timeline's accessible description: a
 *   sentence per wave with its servers and when they were all up
 */
char *
drso_rto_timeline_dup_summary (DrsoRtoTimeline *self)
{
  g_return_val_if_fail (DRSO_IS_RTO_TIMELINE (self), NULL);
  return g_strdup (self->summary);
}
