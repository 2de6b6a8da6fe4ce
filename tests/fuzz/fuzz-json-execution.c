/* fuzz-json-execution.c
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

/* An execution from JSON (the seed's execution-history document: its waves'
 * status, each with its servers' launches), and the other run records of
 * that family: a wave run, a server run and an event of the execution's
 * log, each read alone. Whatever reads must survive a round trip and a
 * copy; the accessors the wave canvas and the engine use run over it. */

#include "config.h"

#include "drso-execution.h"
#include "drso-execution-event.h"
#include "drso-fuzz.h"
#include "drso-json-private.h"
#include "drso-server-run.h"
#include "drso-wave-run.h"

static void
walk_wave_run (DrsoWaveRun *run)
{
  GListModel *servers = drso_wave_run_get_servers (run);
  guint n = g_list_model_get_n_items (servers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoServerRun) server = g_list_model_get_item (servers, i);

      drso_fuzz_check (server != NULL);
      drso_fuzz_check (drso_wave_run_find_server (run, drso_server_run_get_server_id (server))
                       != NULL);
    }
  drso_fuzz_check (drso_wave_run_get_servers_recovered (run) <= n);
  (void) drso_wave_run_get_duration (run);
}

static void
walk_execution (DrsoExecution *execution)
{
  GListModel *runs = drso_execution_get_wave_runs (execution);
  guint n = g_list_model_get_n_items (runs);
  g_autoptr(DrsoExecution) copy = drso_execution_copy (execution);
  g_autoptr(JsonNode) a = drso_execution_to_json (execution);
  g_autoptr(JsonNode) b = NULL;

  drso_fuzz_check (copy != NULL);
  b = drso_execution_to_json (copy);
  drso_fuzz_check_same_json ("DrsoExecution copy", a, b);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWaveRun) run = g_list_model_get_item (runs, i);

      drso_fuzz_check (run != NULL);
      drso_fuzz_check (drso_execution_get_wave_run (execution, drso_wave_run_get_wave_number (run))
                       == run);
      walk_wave_run (run);
    }
  (void) drso_execution_get_duration (execution);
  (void) drso_execution_get_total_waves (execution);
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_autoptr(JsonNode) node = _drso_json_parse ((const char *) data, (gssize) size, NULL);

  if (node == NULL)
    return 0;

  {
    DRSO_FUZZ_ROUND_TRIP (DrsoExecution, execution, node, drso_execution_new_from_json,
                          drso_execution_to_json);
    if (execution != NULL)
      walk_execution (execution);
  }
  {
    DRSO_FUZZ_ROUND_TRIP (DrsoWaveRun, run, node, drso_wave_run_new_from_json,
                          drso_wave_run_to_json);
    if (run != NULL)
      walk_wave_run (run);
  }
  {
    DRSO_FUZZ_ROUND_TRIP (DrsoServerRun, server, node, drso_server_run_new_from_json,
                          drso_server_run_to_json);
  }
  {
    DRSO_FUZZ_ROUND_TRIP (DrsoExecutionEvent, event, node, drso_execution_event_new_from_json,
                          drso_execution_event_to_json);
  }

  return 0;
}
