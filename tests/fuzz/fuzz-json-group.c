/* fuzz-json-group.c
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

/* A protection group from JSON (the seed's protection-group document), and
 * the other documents of that shape: a target account and a source server
 * as the store keeps them. Each that reads must validate without a crash
 * and survive a round trip; a group's tag criteria then match its own tags
 * and a source server's. */

#include "config.h"

#include "drso-account.h"
#include "drso-fuzz.h"
#include "drso-json-private.h"
#include "drso-protection-group.h"
#include "drso-source-server.h"

#define document_to_json(document) drso_document_to_json (DRSO_DOCUMENT (document))

static void
check_validate (gpointer document)
{
  g_autoptr(GError) error = NULL;
  gboolean valid = drso_document_validate (DRSO_DOCUMENT (document), &error);

  drso_fuzz_check (valid == (error == NULL));
}

static void
walk_group (DrsoProtectionGroup *group,
            DrsoSourceServer    *server)
{
  const char * const *ids = drso_protection_group_get_server_ids (group);
  GHashTable *criteria = drso_protection_group_get_tag_criteria (group);

  check_validate (group);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    drso_fuzz_check (drso_protection_group_has_server_id (group, ids[i]));
  (void) drso_protection_group_get_server_count (group);

  /* A group's criteria match a server that has exactly those tags. */
  if (criteria != NULL && drso_protection_group_is_tag_based (group))
    drso_fuzz_check (drso_protection_group_matches_tags (group, criteria));
  if (server != NULL && drso_source_server_get_tags (server) != NULL)
    (void) drso_protection_group_matches_tags (group, drso_source_server_get_tags (server));
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_autoptr(JsonNode) node = _drso_json_parse ((const char *) data, (gssize) size, NULL);

  if (node == NULL)
    return 0;

  {
    DRSO_FUZZ_ROUND_TRIP (DrsoSourceServer, server, node, drso_source_server_new_from_json,
                          drso_source_server_to_json);
    DRSO_FUZZ_ROUND_TRIP (DrsoProtectionGroup, group, node,
                          drso_protection_group_new_from_json, document_to_json);

    if (group != NULL)
      walk_group (group, server);
    if (server != NULL)
      {
        g_autoptr(DrsoSourceServer) copy = drso_source_server_copy (server);
        g_autoptr(JsonNode) a = drso_source_server_to_json (server);
        g_autoptr(JsonNode) b = drso_source_server_to_json (copy);

        drso_fuzz_check_same_json ("DrsoSourceServer copy", a, b);
      }
  }

  {
    DRSO_FUZZ_ROUND_TRIP (DrsoAccount, account, node, drso_account_new_from_json,
                          document_to_json);

    if (account != NULL)
      {
        check_validate (account);
        (void) drso_account_get_default_region (account);
      }
  }

  return 0;
}
