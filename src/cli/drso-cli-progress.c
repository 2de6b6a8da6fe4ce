/* drso-cli-progress.c
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
#include <stdio.h>
#include <unistd.h>

#include "drso-cli.h"

/* What `executions start --wait` and `executions drive` show on stderr while
 * this process drives an execution: each event of its log as a line, and on
 * a terminal a status line below them (wave, servers launched, elapsed)
 * that is redrawn in place. A pause is waited out (another process may
 * resume it: the engine takes such requests), or resumed at once with
 * --auto-resume. */

#define REFRESH_MS 250

struct _DrsoCliProgress
{
  DrsoStore           *store;
  DrsoEngine          *engine;
  char                *execution_id;
  gboolean             auto_resume;
  gboolean             live;        /* stderr is a terminal */
  gboolean             quiet;
  gboolean             line_shown;
  gboolean             finished;
  DrsoExecutionStatus  status;
  gint64               last_event;
  guint                refresh_id;
  gulong               paused_id;
  gulong               finished_id;
  gulong               stalled_id;
  char                *stall;
};

static void
clear_line (DrsoCliProgress *self)
{
  if (self->line_shown)
    fputs ("\r\033[K", stderr);
  self->line_shown = FALSE;
}

static void
print_new_events (DrsoCliProgress *self)
{
  g_autoptr(GPtrArray) events = drso_store_list_events (self->store, self->execution_id,
                                                        self->last_event, NULL);

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      DrsoExecutionEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) time =
        g_date_time_new_from_unix_local (drso_execution_event_get_time (event) / G_USEC_PER_SEC);
      g_autofree char *clock = time ? g_date_time_format (time, "%H:%M:%S") : g_strdup ("");
      guint wave = drso_execution_event_get_wave_number (event);

      self->last_event = drso_execution_event_get_event_id (event);
      if (self->quiet)
        continue;
      clear_line (self);
      if (wave > 0)
        /* TRANSLATORS: an event line: time, wave number, kind, message */
        fprintf (stderr, _("%s  wave %u  %s  %s\n"), clock, wave,
                 drso_event_kind_to_string (drso_execution_event_get_kind (event)),
                 drso_execution_event_get_message (event));
      else
        fprintf (stderr, "%s  %s  %s\n", clock,
                 drso_event_kind_to_string (drso_execution_event_get_kind (event)),
                 drso_execution_event_get_message (event));
    }
}

/* "Wave 2/3 Application tier · 3/4 launched · 1 failed · 2:13" */
static void
draw_line (DrsoCliProgress *self)
{
  g_autoptr(DrsoExecution) execution = drso_store_lookup_execution (self->store,
                                                                    self->execution_id, NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  DrsoWaveRun *wave;
  gint64 start, seconds;

  if (execution == NULL || self->quiet || !self->live)
    return;
  wave = drso_execution_get_wave_run (execution, MAX (drso_execution_get_current_wave (execution), 1));
  start = drso_execution_get_start_time (execution);
  seconds = start > 0 ? g_get_real_time () / G_USEC_PER_SEC - start : 0;

  if (wave != NULL)
    {
      GListModel *servers = drso_wave_run_get_servers (wave);
      guint n = g_list_model_get_n_items (servers), launched = 0, failed = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

          if (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_LAUNCHED)
            launched++;
          else if (drso_server_run_get_status (server) == DRSO_LAUNCH_STATUS_FAILED)
            failed++;
        }
      /* TRANSLATORS: wave number, number of waves, wave name, servers launched, servers */
      g_string_append_printf (line, _("Wave %u/%u %s · %u/%u launched"),
                              drso_wave_run_get_wave_number (wave),
                              drso_execution_get_total_waves (execution),
                              drso_wave_run_get_wave_name (wave), launched, n);
      if (failed > 0)
        /* TRANSLATORS: a number of servers */
        g_string_append_printf (line, _(" · %u failed"), failed);
    }
  if (drso_execution_get_status (execution) == DRSO_EXECUTION_STATUS_PAUSED)
    g_string_append_printf (line, " · %s", _("paused: waiting for drso executions resume"));
  g_string_append_printf (line, " · %" G_GINT64_FORMAT ":%02d", seconds / 60,
                          (int) (seconds % 60));

  clear_line (self);
  fputs (line->str, stderr);
  fflush (stderr);
  self->line_shown = TRUE;
}

static gboolean
refresh_cb (gpointer user_data)
{
  DrsoCliProgress *self = user_data;

  print_new_events (self);
  draw_line (self);
  return G_SOURCE_CONTINUE;
}

static void
paused_cb (DrsoEngine      *engine,
           const char      *execution_id,
           guint            wave_number,
           DrsoCliProgress *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (execution_id, self->execution_id) != 0)
    return;
  print_new_events (self);
  if (!self->auto_resume)
    {
      if (!self->quiet)
        {
          clear_line (self);
          /* TRANSLATORS: a wave number, then the execution id */
          fprintf (stderr, _("Paused before wave %u. To go on: drso executions resume %s\n"),
                   wave_number, execution_id);
        }
      return;
    }
  if (!drso_engine_resume (engine, execution_id, &error))
    g_warning ("Could not resume %s: %s", execution_id, error->message);
}

static void
finished_cb (DrsoEngine          *engine,
             const char          *execution_id,
             DrsoExecutionStatus  status,
             DrsoCliProgress     *self)
{
  if (g_strcmp0 (execution_id, self->execution_id) != 0)
    return;
  self->finished = TRUE;
  self->status = status;
}

static void
stalled_cb (DrsoEngine      *engine,
            const char      *execution_id,
            const char      *message,
            DrsoCliProgress *self)
{
  if (g_strcmp0 (execution_id, self->execution_id) != 0)
    return;
  self->finished = TRUE;
  g_free (self->stall);
  /* TRANSLATORS: the execution id, then why (a full disk, say) */
  self->stall = g_strdup_printf (_("Stopped driving the execution %s: %s. It resumes from its "
                                   "last saved step with: drso executions drive %s"),
                                 execution_id, message, execution_id);
}

DrsoCliProgress *
drso_cli_progress_new (DrsoStore  *store,
                       DrsoEngine *engine,
                       const char *execution_id,
                       gboolean    auto_resume)
{
  DrsoCliProgress *self = g_new0 (DrsoCliProgress, 1);

  self->store = g_object_ref (store);
  self->engine = g_object_ref (engine);
  self->execution_id = g_strdup (execution_id);
  self->auto_resume = auto_resume;
  self->live = isatty (STDERR_FILENO);
  self->paused_id = g_signal_connect (engine, "paused", G_CALLBACK (paused_cb), self);
  self->finished_id = g_signal_connect (engine, "execution-finished", G_CALLBACK (finished_cb),
                                        self);
  self->stalled_id = g_signal_connect (engine, "stalled", G_CALLBACK (stalled_cb), self);
  return self;
}

void
drso_cli_progress_set_quiet (DrsoCliProgress *self,
                             gboolean         quiet)
{
  self->quiet = quiet;
}

/* Why the engine stopped driving the execution before its end, or NULL. */
const char *
drso_cli_progress_get_stall (DrsoCliProgress *self)
{
  return self->stall;
}

/* Runs the main loop until the execution ends or the engine stops driving
 * it (see drso_cli_progress_get_stall()); returns its status then. */
DrsoExecutionStatus
drso_cli_progress_run (DrsoCliProgress *self)
{
  g_autoptr(DrsoExecution) execution = NULL;

  /* The engine may have ended it already (a resume of a last wave that
   * had completed, an adopted execution with nothing left to do). */
  execution = drso_store_lookup_execution (self->store, self->execution_id, NULL);
  if (execution != NULL && drso_execution_status_is_final (drso_execution_get_status (execution)) &&
      !drso_engine_is_driving (self->engine, self->execution_id))
    {
      self->finished = TRUE;
      self->status = drso_execution_get_status (execution);
    }

  self->refresh_id = g_timeout_add (REFRESH_MS, refresh_cb, self);
  refresh_cb (self);
  while (!self->finished)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  print_new_events (self);
  clear_line (self);
  return self->status;
}

void
drso_cli_progress_free (DrsoCliProgress *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_signal_handler (&self->paused_id, self->engine);
  g_clear_signal_handler (&self->finished_id, self->engine);
  g_clear_signal_handler (&self->stalled_id, self->engine);
  g_free (self->stall);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_free (self->execution_id);
  g_free (self);
}
