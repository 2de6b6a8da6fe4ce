/* drso-recovery-plan-settings.c
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

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-error.h"
#include "drso-json-private.h"
#include "drso-recovery-plan-private.h"
#include "drso-validation.h"

/* What a recovery plan tells the engine beyond its waves: its recovery point
 * and recovery time objectives, and for some servers a criticality and a
 * pinned recovery snapshot. In JSON:
 *
 *   "rpoTargetSeconds": 900,
 *   "rtoTargetSeconds": 3600,
 *   "serverSettings": {
 *     "s-0123456789abcdef0": { "criticality": "OPTIONAL",
 *                              "recoverySnapshotId": "pit-0123456789abcdef0" }
 *   }
 *
 * Every member is left out when it has its default (no target, CRITICAL, no
 * snapshot), so documents written before these settings existed read and
 * write back unchanged. Settings are keyed by server id alone: they stay when
 * the server leaves the plan's protection groups, and apply again if it comes
 * back. */

typedef struct
{
  DrsoServerCriticality  criticality;
  char                  *snapshot_id;
} DrsoServerSettings;

static void
server_settings_free (gpointer data)
{
  DrsoServerSettings *settings = data;

  g_free (settings->snapshot_id);
  g_free (settings);
}

GHashTable *
_drso_recovery_plan_settings_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, server_settings_free);
}

static gboolean
settings_are_default (DrsoServerSettings *settings)
{
  return settings->criticality == DRSO_SERVER_CRITICALITY_CRITICAL &&
         settings->snapshot_id == NULL;
}

/* Returns the settings of @server_id, added with defaults if it had none. */
static DrsoServerSettings *
ensure_settings (DrsoRecoveryPlan *self,
                 const char       *server_id)
{
  DrsoServerSettings *settings = g_hash_table_lookup (self->server_settings, server_id);

  if (settings == NULL)
    {
      settings = g_new0 (DrsoServerSettings, 1);
      settings->criticality = DRSO_SERVER_CRITICALITY_CRITICAL;
      g_hash_table_insert (self->server_settings, g_strdup (server_id), settings);
    }
  return settings;
}

/* A server back to its defaults is not listed. */
static void
drop_if_default (DrsoRecoveryPlan *self,
                 const char       *server_id)
{
  DrsoServerSettings *settings = g_hash_table_lookup (self->server_settings, server_id);

  if (settings != NULL && settings_are_default (settings))
    g_hash_table_remove (self->server_settings, server_id);
}

void
_drso_recovery_plan_serialize_settings (DrsoRecoveryPlan *self,
                                        JsonObject       *object)
{
  g_auto(GStrv) server_ids = NULL;
  JsonObject *all;

  if (self->rpo_target != 0)
    json_object_set_int_member (object, "rpoTargetSeconds", self->rpo_target);
  if (self->rto_target != 0)
    json_object_set_int_member (object, "rtoTargetSeconds", self->rto_target);

  server_ids = drso_recovery_plan_dup_configured_servers (self);
  if (server_ids[0] == NULL)
    return;

  all = json_object_new ();
  for (guint i = 0; server_ids[i] != NULL; i++)
    {
      DrsoServerSettings *settings = g_hash_table_lookup (self->server_settings, server_ids[i]);
      JsonObject *entry = json_object_new ();

      if (settings->criticality != DRSO_SERVER_CRITICALITY_CRITICAL)
        json_object_set_string_member (entry, "criticality",
                                       drso_server_criticality_to_string (settings->criticality));
      _drso_json_set_string (entry, "recoverySnapshotId", settings->snapshot_id);
      json_object_set_object_member (all, server_ids[i], entry);
    }
  json_object_set_object_member (object, "serverSettings", all);
}

gboolean
_drso_recovery_plan_deserialize_settings (DrsoRecoveryPlan  *self,
                                          JsonObject        *object,
                                          const char        *path,
                                          GError           **error)
{
  g_autofree char *all_path = _drso_json_path (path, "serverSettings");
  g_autoptr(GList) members = NULL;
  JsonObject *all = NULL;
  gint64 rpo = 0, rto = 0;

  if (!_drso_json_get_int (object, path, "rpoTargetSeconds", FALSE, 0, G_MAXUINT, &rpo, error) ||
      !_drso_json_get_int (object, path, "rtoTargetSeconds", FALSE, 0, G_MAXUINT, &rto, error) ||
      !_drso_json_get_object (object, path, "serverSettings", FALSE, &all, error))
    return FALSE;

  self->rpo_target = (guint) rpo;
  self->rto_target = (guint) rto;
  g_hash_table_remove_all (self->server_settings);
  if (all == NULL)
    return TRUE;

  members = json_object_get_members (all);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *server_id = l->data;
      g_autofree char *entry_path = _drso_json_path (all_path, server_id);
      g_autofree char *criticality = NULL;
      g_autofree char *snapshot_id = NULL;
      DrsoServerSettings *settings;
      JsonObject *entry;

      entry = _drso_json_node_get_object (json_object_get_member (all, server_id), entry_path,
                                          error);
      if (entry == NULL ||
          !_drso_json_get_string (entry, entry_path, "criticality", FALSE, &criticality, error) ||
          !_drso_json_get_string (entry, entry_path, "recoverySnapshotId", FALSE, &snapshot_id,
                                  error))
        return FALSE;

      settings = ensure_settings (self, server_id);
      if (criticality != NULL &&
          !drso_server_criticality_from_string (criticality, &settings->criticality))
        {
          g_autofree char *full = _drso_json_path (entry_path, "criticality");

          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                       /* TRANSLATORS: “serverSettings.s-….criticality is “LOW”, not CRITICAL
                        * or OPTIONAL” */
                       _("%s is “%s”, not CRITICAL or OPTIONAL"), full, criticality);
          return FALSE;
        }
      /* The id's form is checked by drso_document_validate(), like every rule
       * a plan built through the API can break too. */
      settings->snapshot_id = g_steal_pointer (&snapshot_id);
      drop_if_default (self, server_id);
    }

  return TRUE;
}

gboolean
_drso_recovery_plan_validate_settings (DrsoRecoveryPlan  *self,
                                       GError           **error)
{
  g_auto(GStrv) server_ids = drso_recovery_plan_dup_configured_servers (self);

  for (guint i = 0; server_ids[i] != NULL; i++)
    {
      DrsoServerSettings *settings = g_hash_table_lookup (self->server_settings, server_ids[i]);
      g_autofree char *entry_path = _drso_json_path ("serverSettings", server_ids[i]);

      if (!drso_validate_source_server_id (server_ids[i], error))
        {
          g_prefix_error (error, "serverSettings: ");
          return FALSE;
        }
      if (settings->snapshot_id != NULL &&
          !drso_validate_recovery_snapshot_id (settings->snapshot_id, NULL))
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_SNAPSHOT_ID,
                       _("%s.recoverySnapshotId is “%s”, not a DRS recovery snapshot id: it "
                         "should be pit- followed by 17 letters or digits"),
                       entry_path, settings->snapshot_id);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * drso_recovery_plan_get_rpo_target:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: the recovery point objective in seconds (`rpoTargetSeconds`): how
 *   old the data a recovery launches from may be; 0 for no target
 */
guint
drso_recovery_plan_get_rpo_target (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), 0);
  return self->rpo_target;
}

/**
 * drso_recovery_plan_set_rpo_target:
 * @self: a #DrsoRecoveryPlan
 * @seconds: the recovery point objective in seconds, or 0 for none
 */
void
drso_recovery_plan_set_rpo_target (DrsoRecoveryPlan *self,
                                   guint             seconds)
{
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  if (self->rpo_target == seconds)
    return;
  self->rpo_target = seconds;
  g_object_notify (G_OBJECT (self), "rpo-target");
}

/**
 * drso_recovery_plan_get_rto_target:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: the recovery time objective in seconds (`rtoTargetSeconds`): how
 *   long a recovery may take from its start to its last healthy server; 0 for
 *   no target
 */
guint
drso_recovery_plan_get_rto_target (DrsoRecoveryPlan *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), 0);
  return self->rto_target;
}

/**
 * drso_recovery_plan_set_rto_target:
 * @self: a #DrsoRecoveryPlan
 * @seconds: the recovery time objective in seconds, or 0 for none
 */
void
drso_recovery_plan_set_rto_target (DrsoRecoveryPlan *self,
                                   guint             seconds)
{
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  if (self->rto_target == seconds)
    return;
  self->rto_target = seconds;
  g_object_notify (G_OBJECT (self), "rto-target");
}

/**
 * drso_recovery_plan_get_server_criticality:
 * @self: a #DrsoRecoveryPlan
 * @server_id: a DRS source server id
 *
 * Returns: how much @server_id matters to its wave;
 *   %DRSO_SERVER_CRITICALITY_CRITICAL unless set otherwise
 */
DrsoServerCriticality
drso_recovery_plan_get_server_criticality (DrsoRecoveryPlan *self,
                                           const char       *server_id)
{
  DrsoServerSettings *settings;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), DRSO_SERVER_CRITICALITY_CRITICAL);
  g_return_val_if_fail (server_id != NULL, DRSO_SERVER_CRITICALITY_CRITICAL);

  settings = g_hash_table_lookup (self->server_settings, server_id);
  return settings ? settings->criticality : DRSO_SERVER_CRITICALITY_CRITICAL;
}

/**
 * drso_recovery_plan_set_server_criticality:
 * @self: a #DrsoRecoveryPlan
 * @server_id: a DRS source server id
 * @criticality: how much the server matters to its wave
 *
 * Sets the criticality of @server_id in this plan. Settings are kept by
 * server id, whether or not the server is in one of the plan's protection
 * groups: they outlive a change of the groups and apply again if the server
 * comes back.
 */
void
drso_recovery_plan_set_server_criticality (DrsoRecoveryPlan      *self,
                                           const char            *server_id,
                                           DrsoServerCriticality  criticality)
{
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  g_return_if_fail (server_id != NULL);
  g_return_if_fail (criticality == DRSO_SERVER_CRITICALITY_CRITICAL ||
                    criticality == DRSO_SERVER_CRITICALITY_OPTIONAL);

  ensure_settings (self, server_id)->criticality = criticality;
  drop_if_default (self, server_id);
}

/**
 * drso_recovery_plan_get_server_snapshot:
 * @self: a #DrsoRecoveryPlan
 * @server_id: a DRS source server id
 *
 * Returns: (nullable): the recovery snapshot (`pit-…`) pinned for
 *   @server_id, or %NULL to launch from the latest data
 */
const char *
drso_recovery_plan_get_server_snapshot (DrsoRecoveryPlan *self,
                                        const char       *server_id)
{
  DrsoServerSettings *settings;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);
  g_return_val_if_fail (server_id != NULL, NULL);

  settings = g_hash_table_lookup (self->server_settings, server_id);
  return settings ? settings->snapshot_id : NULL;
}

/**
 * drso_recovery_plan_set_server_snapshot:
 * @self: a #DrsoRecoveryPlan
 * @server_id: a DRS source server id
 * @snapshot_id: (nullable): a DRS recovery snapshot id (`pit-` and 17 letters
 *   or digits), or %NULL to launch from the latest data
 *
 * Pins the recovery snapshot @server_id launches from. The id's form is
 * checked by drso_document_validate(). Kept like the criticality (see
 * drso_recovery_plan_set_server_criticality()).
 */
void
drso_recovery_plan_set_server_snapshot (DrsoRecoveryPlan *self,
                                        const char       *server_id,
                                        const char       *snapshot_id)
{
  DrsoServerSettings *settings;

  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (self));
  g_return_if_fail (server_id != NULL);

  settings = ensure_settings (self, server_id);
  if (settings->snapshot_id != snapshot_id)
    {
      g_free (settings->snapshot_id);
      settings->snapshot_id = g_strdup (snapshot_id);
    }
  drop_if_default (self, server_id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * drso_recovery_plan_dup_configured_servers:
 * @self: a #DrsoRecoveryPlan
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the servers
 *   with a setting other than the default (a criticality other than
 *   %DRSO_SERVER_CRITICALITY_CRITICAL, or a pinned snapshot), sorted
 */
char **
drso_recovery_plan_dup_configured_servers (DrsoRecoveryPlan *self)
{
  g_autoptr(GPtrArray) ids = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (DRSO_IS_RECOVERY_PLAN (self), NULL);

  ids = g_ptr_array_new_full (g_hash_table_size (self->server_settings) + 1, g_free);
  g_hash_table_iter_init (&iter, self->server_settings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}
