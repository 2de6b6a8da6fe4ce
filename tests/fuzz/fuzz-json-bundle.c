/* fuzz-json-bundle.c
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

/* An import bundle (what "drso plans import" and the window's Import read:
 * formatVersion, protectionGroups, recoveryPlans) from its bytes. A bundle
 * that reads must write itself out as data that reads again and writes the
 * same; each plan's groups are looked up in it as an import does. */

#include "config.h"

#include <string.h>

#include "drso-bundle.h"
#include "drso-fuzz.h"

static void
walk_bundle (DrsoBundle *bundle)
{
  GListModel *plans = drso_bundle_get_recovery_plans (bundle);
  GListModel *groups = drso_bundle_get_protection_groups (bundle);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (groups, i);
      const char *id = drso_protection_group_get_group_id (group);

      drso_fuzz_check (drso_bundle_find_protection_group (bundle, id) == group);
    }

  for (guint i = 0; i < g_list_model_get_n_items (plans); i++)
    {
      g_autoptr(DrsoRecoveryPlan) plan = g_list_model_get_item (plans, i);
      g_auto(GStrv) ids = drso_recovery_plan_dup_group_ids (plan);

      for (guint j = 0; ids[j] != NULL; j++)
        (void) drso_bundle_find_protection_group (bundle, ids[j]);
    }
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoBundle) bundle = NULL;
  g_autoptr(DrsoBundle) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  gsize length, relength;

  bundle = drso_bundle_new_from_data ((const char *) data, (gssize) size, &error);
  drso_fuzz_check ((bundle == NULL) == (error != NULL));
  if (bundle == NULL)
    return 0;

  walk_bundle (bundle);

  written = drso_bundle_to_data (bundle, &length);
  drso_fuzz_check (written != NULL && strlen (written) == length);
  again = drso_bundle_new_from_data (written, (gssize) length, &error);
  if (again == NULL)
    drso_fuzz_fail ("a bundle does not read what it wrote: %s\nIt wrote: %s",
                    error->message, written);
  rewritten = drso_bundle_to_data (again, &relength);
  if (relength != length || strcmp (written, rewritten) != 0)
    drso_fuzz_fail ("a bundle changed on a round trip:\nwritten:   %s\nrewritten: %s",
                    written, rewritten);

  return 0;
}
