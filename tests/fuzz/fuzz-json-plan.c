/* fuzz-json-plan.c
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

/* A recovery plan from JSON (the seed's recovery-plan document with its
 * waves and the plan's settings), as an import or the store reads it. A
 * plan that reads must validate without a crash and survive a round trip.
 * Then every accessor the designer and the engine use runs over it. */

#include "config.h"

#include "drso-fuzz.h"
#include "drso-json-private.h"
#include "drso-recovery-plan.h"
#include "drso-wave.h"

#define plan_to_json(plan) drso_document_to_json (DRSO_DOCUMENT (plan))

static void
walk_plan (DrsoRecoveryPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) group_ids = drso_recovery_plan_dup_group_ids (plan);
  g_auto(GStrv) servers = drso_recovery_plan_dup_configured_servers (plan);
  guint n = drso_recovery_plan_get_n_waves (plan);
  gboolean valid;

  valid = drso_document_validate (DRSO_DOCUMENT (plan), &error);
  drso_fuzz_check (valid == (error == NULL));

  drso_fuzz_check (g_list_model_get_n_items (drso_recovery_plan_get_waves (plan)) == n);
  /* Waves go by their numbers, from 1. */
  drso_fuzz_check (drso_recovery_plan_get_wave (plan, 0) == NULL);
  for (guint i = 1; i <= n; i++)
    {
      DrsoWave *wave = drso_recovery_plan_get_wave (plan, i);
      g_autoptr(JsonNode) wave_node = NULL;

      drso_fuzz_check (wave != NULL);
      wave_node = drso_wave_to_json (wave);
      DRSO_FUZZ_ROUND_TRIP (DrsoWave, again, wave_node, drso_wave_new_from_json,
                            drso_wave_to_json);
      (void) drso_wave_get_estimated_duration (wave);
    }
  drso_fuzz_check (drso_recovery_plan_get_wave (plan, n + 1) == NULL);

  for (guint i = 0; group_ids[i] != NULL; i++)
    drso_fuzz_check (drso_recovery_plan_find_group (plan, group_ids[i]) != NULL);
  for (guint i = 0; servers[i] != NULL; i++)
    {
      (void) drso_recovery_plan_get_server_criticality (plan, servers[i]);
      (void) drso_recovery_plan_get_server_snapshot (plan, servers[i]);
    }

  (void) drso_recovery_plan_get_estimated_total_duration (plan);
  (void) drso_recovery_plan_get_rpo_target (plan);
  (void) drso_recovery_plan_get_rto_target (plan);
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_autoptr(JsonNode) node = _drso_json_parse ((const char *) data, (gssize) size, NULL);

  if (node == NULL)
    return 0;

  {
    DRSO_FUZZ_ROUND_TRIP (DrsoRecoveryPlan, plan, node, drso_recovery_plan_new_from_json,
                          plan_to_json);
    if (plan != NULL)
      walk_plan (plan);
  }

  /* A wave alone: drso_wave_new_from_json() is public API. */
  {
    DRSO_FUZZ_ROUND_TRIP (DrsoWave, wave, node, drso_wave_new_from_json, drso_wave_to_json);
  }

  return 0;
}
