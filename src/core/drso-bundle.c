/* drso-bundle.c
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

#include <string.h>
#include <glib/gi18n-lib.h>

#include "drso-bundle.h"
#include "drso-document-private.h"
#include "drso-error.h"
#include "drso-json-private.h"
#include "drso-validation-private.h"

/**
 * DrsoBundle:
 *
 * What `drso plans export` writes and `drso plans import` reads: one JSON
 * object `{"formatVersion": 1, "protectionGroups": [...], "recoveryPlans":
 * [...]}` whose entries are the seed's documents. A bundle read from JSON has
 * passed every rule a document checks alone, and has no two entries with one
 * id or one name.
 *
 * A bundle never sets up an account: a file that carries account settings
 * (`accounts`, `roleArn`, `externalId`, `profile`, `endpointUrl`,
 * `credential_process`, keys, config file paths) is refused whole. Its
 * protection groups name accounts that must already be set up here, and
 * reading or importing one contacts nothing and runs nothing.
 */
struct _DrsoBundle
{
  GObject parent_instance;

  GListStore *groups;
  GListStore *plans;
};

G_DEFINE_FINAL_TYPE (DrsoBundle, drso_bundle, G_TYPE_OBJECT)

static void
drso_bundle_finalize (GObject *object)
{
  DrsoBundle *self = (DrsoBundle *) object;

  g_clear_object (&self->groups);
  g_clear_object (&self->plans);

  G_OBJECT_CLASS (drso_bundle_parent_class)->finalize (object);
}

static void
drso_bundle_class_init (DrsoBundleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_bundle_finalize;
}

static void
drso_bundle_init (DrsoBundle *self)
{
  self->groups = g_list_store_new (DRSO_TYPE_PROTECTION_GROUP);
  self->plans = g_list_store_new (DRSO_TYPE_RECOVERY_PLAN);
}

/**
 * drso_bundle_new:
 *
 * Returns: (transfer full): an empty bundle
 */
DrsoBundle *
drso_bundle_new (void)
{
  return g_object_new (DRSO_TYPE_BUNDLE, NULL);
}

/* Members that set up an account: where its calls go, as whom, with which
 * keys or command. A bundle never carries them; one that does was not
 * written by this program, and is refused rather than read with them left
 * out, so nobody takes them for imported. Compared without case, '_' or
 * '-' (roleArn, role_arn and RoleArn alike). */
static const char * const account_settings[] = {
  "accounts", "targetaccounts", "rolearn", "externalid", "profile", "sourceprofile",
  "credentialsource", "credentialprocess", "endpoint", "endpointurl", "accesskeyid",
  "awsaccesskeyid", "secretaccesskey", "awssecretaccesskey", "sessiontoken",
  "awssessiontoken", "securitytoken", "awssecuritytoken", "configfile", "awsconfigfile",
  "credentialsfile", "sharedcredentialsfile", "awssharedcredentialsfile",
};

static gboolean
is_account_setting (const char *member)
{
  g_autoptr(GString) folded = g_string_new (NULL);

  for (const char *p = member; *p != '\0'; p++)
    {
      if (*p != '_' && *p != '-')
        g_string_append_c (folded, g_ascii_tolower (*p));
    }
  return g_strv_contains (account_settings, folded->str);
}

/* Refuses @object (at @path, NULL for the top level) if it carries an
 * account setting; a plan's waves are looked at too. */
static gboolean
check_no_account_settings (JsonObject  *object,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);
  JsonNode *waves;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      g_autofree char *where = NULL;

      if (!is_account_setting (member))
        continue;
      where = path != NULL ? g_strdup_printf ("%s.%s", path, member) : g_strdup (member);
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   /* TRANSLATORS: %s is where in the file, such as
                    * protectionGroups[0].endpointUrl */
                   _("The file carries account settings (%s), which are never imported: a "
                     "bundle holds protection groups and recovery plans only, and accounts, "
                     "their credentials and endpoints are set up here"),
                   where);
      return FALSE;
    }

  waves = path != NULL ? json_object_get_member (object, "waves") : NULL;
  if (waves != NULL && JSON_NODE_HOLDS_ARRAY (waves))
    {
      JsonArray *array = json_node_get_array (waves);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *wave = json_array_get_element (array, i);
          g_autofree char *wave_path = g_strdup_printf ("%s.waves[%u]", path, i);

          if (JSON_NODE_HOLDS_OBJECT (wave) &&
              !check_no_account_settings (json_node_get_object (wave), wave_path, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Reads the documents of one array, refusing repeated ids and names. */
static gboolean
read_documents (JsonObject  *object,
                const char  *key,
                GType        type,
                const char  *what,
                GListStore  *store,
                GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array = NULL;

  if (!_drso_json_get_array (object, NULL, key, FALSE, &array, error))
    return FALSE;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", key, i);
      g_autoptr(DrsoDocument) document = NULL;
      g_autofree char *folded = NULL;
      JsonNode *element = json_array_get_element (array, i);
      const char *id;

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          !check_no_account_settings (json_node_get_object (element), path, error))
        return FALSE;

      document = _drso_document_new_from_json_at (type, element, path, error);
      if (document == NULL)
        return FALSE;

      if (!drso_document_validate (document, error))
        {
          g_prefix_error (error, "%s: ", path);
          return FALSE;
        }

      id = drso_document_get_id (document);
      if (g_hash_table_contains (ids, id))
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_ID,
                       /* TRANSLATORS: “The file has two protection groups with the id pg-1” */
                       _("The file has two %s with the id %s"), what, id);
          return FALSE;
        }

      folded = _drso_name_key (drso_document_get_name (document));
      if (g_hash_table_contains (names, folded))
        {
          g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME,
                       _("The file has two %s named “%s”"), what,
                       drso_document_get_name (document));
          return FALSE;
        }

      g_hash_table_add (ids, (gpointer) id);
      g_hash_table_add (names, g_steal_pointer (&folded));
      g_list_store_append (store, document);
    }

  return TRUE;
}

/**
 * drso_bundle_new_from_json:
 * @node: the bundle's JSON object
 * @error: return location for a #GError
 *
 * Reads a bundle. The format version must be 1; each document must pass the
 * rules it can check alone; ids and names must not repeat.
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL on error
 */
DrsoBundle *
drso_bundle_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(DrsoBundle) self = drso_bundle_new ();
  JsonObject *object = _drso_json_node_get_object (node, NULL, error);
  gint64 version = 0;

  if (object == NULL ||
      !_drso_json_get_int (object, NULL, "formatVersion", TRUE, G_MININT64, G_MAXINT64, &version,
                           error))
    return NULL;

  if (version != DRSO_BUNDLE_FORMAT_VERSION)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_UNSUPPORTED_VERSION,
                   _("The file has format version %lld; this version of "
                     "DRS Orchestrator reads version %d only"),
                   (long long) version, DRSO_BUNDLE_FORMAT_VERSION);
      return NULL;
    }

  if (!check_no_account_settings (object, NULL, error))
    return NULL;

  if (!read_documents (object, "protectionGroups", DRSO_TYPE_PROTECTION_GROUP,
                       _("protection groups"), self->groups, error) ||
      !read_documents (object, "recoveryPlans", DRSO_TYPE_RECOVERY_PLAN,
                       _("recovery plans"), self->plans, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * drso_bundle_new_from_data:
 * @data: JSON text
 * @length: the length of @data, or -1 if it ends with a nul byte
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL on error
 */
DrsoBundle *
drso_bundle_new_from_data (const char  *data,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonNode) node = _drso_json_parse (data, length, error);

  if (node == NULL)
    return NULL;
  return drso_bundle_new_from_json (node, error);
}

/**
 * drso_bundle_new_from_file:
 * @file: a JSON file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the bundle, or %NULL on error
 */
DrsoBundle *
drso_bundle_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  return drso_bundle_new_from_data (contents, length, error);
}

/**
 * drso_bundle_get_protection_groups:
 * @self: a #DrsoBundle
 *
 * Returns: (transfer none): a list model of #DrsoProtectionGroup
 */
GListModel *
drso_bundle_get_protection_groups (DrsoBundle *self)
{
  g_return_val_if_fail (DRSO_IS_BUNDLE (self), NULL);
  return G_LIST_MODEL (self->groups);
}

/**
 * drso_bundle_get_recovery_plans:
 * @self: a #DrsoBundle
 *
 * Returns: (transfer none): a list model of #DrsoRecoveryPlan
 */
GListModel *
drso_bundle_get_recovery_plans (DrsoBundle *self)
{
  g_return_val_if_fail (DRSO_IS_BUNDLE (self), NULL);
  return G_LIST_MODEL (self->plans);
}

/**
 * drso_bundle_add_protection_group:
 * @self: a #DrsoBundle
 * @group: a #DrsoProtectionGroup
 *
 * Adds @group, unless the bundle has a group with its id already.
 */
void
drso_bundle_add_protection_group (DrsoBundle          *self,
                                  DrsoProtectionGroup *group)
{
  g_return_if_fail (DRSO_IS_BUNDLE (self));
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (group));

  if (drso_bundle_find_protection_group (self, drso_protection_group_get_group_id (group)))
    return;
  g_list_store_append (self->groups, group);
}

/**
 * drso_bundle_add_recovery_plan:
 * @self: a #DrsoBundle
 * @plan: a #DrsoRecoveryPlan
 *
 * Adds @plan, unless the bundle has a plan with its id already.
 */
void
drso_bundle_add_recovery_plan (DrsoBundle       *self,
                               DrsoRecoveryPlan *plan)
{
  guint n;

  g_return_if_fail (DRSO_IS_BUNDLE (self));
  g_return_if_fail (DRSO_IS_RECOVERY_PLAN (plan));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->plans));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoRecoveryPlan) other = g_list_model_get_item (G_LIST_MODEL (self->plans), i);

      if (g_strcmp0 (drso_recovery_plan_get_plan_id (other),
                     drso_recovery_plan_get_plan_id (plan)) == 0)
        return;
    }
  g_list_store_append (self->plans, plan);
}

/**
 * drso_bundle_find_protection_group:
 * @self: a #DrsoBundle
 * @group_id: a protection group id
 *
 * Returns: (transfer none) (nullable): the bundle's group with @group_id
 */
DrsoProtectionGroup *
drso_bundle_find_protection_group (DrsoBundle *self,
                                   const char *group_id)
{
  guint n;

  g_return_val_if_fail (DRSO_IS_BUNDLE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->groups));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoProtectionGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (g_strcmp0 (drso_protection_group_get_group_id (group), group_id) == 0)
        return group;
    }
  return NULL;
}

static JsonArray *
documents_to_json (GListModel *model)
{
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoDocument) document = g_list_model_get_item (model, i);
      json_array_add_element (array, drso_document_to_json (document));
    }
  return array;
}

/**
 * drso_bundle_to_json:
 * @self: a #DrsoBundle
 *
 * Returns: (transfer full): the bundle as a JSON object
 */
JsonNode *
drso_bundle_to_json (DrsoBundle *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (DRSO_IS_BUNDLE (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "formatVersion", DRSO_BUNDLE_FORMAT_VERSION);
  json_object_set_array_member (object, "protectionGroups",
                                documents_to_json (G_LIST_MODEL (self->groups)));
  json_object_set_array_member (object, "recoveryPlans",
                                documents_to_json (G_LIST_MODEL (self->plans)));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_bundle_to_data:
 * @self: a #DrsoBundle
 * @length: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the bundle as indented JSON text, ending in a newline
 */
char *
drso_bundle_to_data (DrsoBundle *self,
                     gsize      *length)
{
  g_autoptr(JsonNode) node = drso_bundle_to_json (self);
  g_autofree char *text = _drso_json_to_string (node, TRUE);
  char *data = g_strconcat (text, "\n", NULL);

  if (length != NULL)
    *length = strlen (data);
  return data;
}
