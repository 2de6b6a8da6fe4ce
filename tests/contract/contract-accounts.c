/* contract-accounts.c
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

/* The accounts of the Sandbox's simulated organisation, as its world lists
 * them: one line per account, "ACCOUNT-ID<TAB>ROLE-ARN<TAB>EXTERNAL-ID"
 * ("-" for the primary account's missing role and external ID).
 *
 * The external IDs of the recovery accounts go nowhere on the wire (an
 * operator is told them, as with a real role's trust policy): the contract
 * tests learn them here, from the Sandbox's own code, rather than copying
 * them or reading its sources. */

#include "config.h"

#include "drso-sandbox-world-private.h"

int
main (int   argc,
      char *argv[])
{
  DrsoSandboxWorldOptions options = {
    .region = "us-east-1",
    .seed = 1,
    .time_scale = 1.0,
    .estate_size = 0,
  };
  g_autoptr(DrsoSandboxWorld) world = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;

  world = drso_sandbox_world_open (NULL, &options, &error);
  if (world == NULL)
    {
      g_printerr ("contract-accounts: %s\n", error->message);
      return 1;
    }

  accounts = drso_sandbox_world_list_accounts (world);
  for (guint i = 0; i < accounts->len; i++)
    {
      DrsoSandboxAccount *account = g_ptr_array_index (accounts, i);

      g_print ("%s\t%s\t%s\n", account->account_id,
               account->role_arn ? account->role_arn : "-",
               account->external_id ? account->external_id : "-");
    }

  return 0;
}
