/* drso-protection-group.c
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
#include "drso-protection-group.h"
#include "drso-validation.h"

/**
 * DrsoProtectionGroup:
 *
 * A named set of DRS source servers in one account and region, recovered
 * together: explicit server ids, tag criteria (every tag must match), or both.
 * Its JSON form is the seed's protection-group document.
 */
struct _DrsoProtectionGroup
{
  DrsoDocument parent_instance;

  char       *description;
  char       *account_id;
  char       *region;
  GPtrArray  *server_ids;   /* char*, null-terminated, in order, unique */
  GHashTable *tag_criteria; /* char* -> char* */
};

G_DEFINE_FINAL_TYPE (DrsoProtectionGroup, drso_protection_group, DRSO_TYPE_DOCUMENT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_ACCOUNT_ID,
  PROP_REGION,
  PROP_SERVER_IDS,
  PROP_SERVER_COUNT,
  PROP_TAG_CRITERIA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
notify_servers (DrsoProtectionGroup *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_IDS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_COUNT]);
}

static void
reset_server_ids (DrsoProtectionGroup *self,
                  const char * const  *server_ids)
{
  g_ptr_array_set_size (self->server_ids, 0);
  for (guint i = 0; server_ids != NULL && server_ids[i] != NULL; i++)
    {
      if (!g_ptr_array_find_with_equal_func (self->server_ids, server_ids[i], g_str_equal, NULL))
        g_ptr_array_add (self->server_ids, g_strdup (server_ids[i]));
    }
}

static const char * const *
server_ids_strv (DrsoProtectionGroup *self)
{
  static const char * const empty[] = { NULL };

  /* A null-terminated GPtrArray keeps a NULL just past its end, but has no
   * storage at all while it has never held anything. */
  if (self->server_ids->pdata == NULL)
    return empty;
  return (const char * const *) self->server_ids->pdata;
}

static void
drso_protection_group_serialize (DrsoDocument *document,
                                 JsonObject   *object)
{
  DrsoProtectionGroup *self = DRSO_PROTECTION_GROUP (document);

  json_object_set_string_member (object, "description", self->description ? self->description : "");
  _drso_json_set_string (object, "region", self->region);
  _drso_json_set_string (object, "accountId", self->account_id);
  _drso_json_set_strv (object, "serverIds", server_ids_strv (self));
  json_object_set_int_member (object, "serverCount", self->server_ids->len);
  _drso_json_set_string_map (object, "tagCriteria", self->tag_criteria);
}

static gboolean
drso_protection_group_deserialize (DrsoDocument  *document,
                                   JsonObject    *object,
                                   const char    *path,
                                   GError       **error)
{
  DrsoProtectionGroup *self = DRSO_PROTECTION_GROUP (document);
  g_auto(GStrv) server_ids = NULL;

  if (!_drso_json_get_string (object, path, "description", FALSE, &self->description, error) ||
      !_drso_json_get_string (object, path, "region", TRUE, &self->region, error) ||
      !_drso_json_get_string (object, path, "accountId", TRUE, &self->account_id, error) ||
      !_drso_json_get_strv (object, path, "serverIds", FALSE, &server_ids, error) ||
      !_drso_json_get_string_map (object, path, "tagCriteria", FALSE, &self->tag_criteria, error))
    return FALSE;

  reset_server_ids (self, (const char * const *) server_ids);
  return TRUE;
}

static gboolean
drso_protection_group_validate (DrsoDocument  *document,
                                GError       **error)
{
  DrsoProtectionGroup *self = DRSO_PROTECTION_GROUP (document);
  const char *name = drso_document_get_name (document);
  GHashTableIter iter;
  gpointer key, value;

  if (!drso_validate_name (_("protection group"), name, error))
    return FALSE;

  if (!drso_validate_account_id (self->account_id, error) ||
      !drso_validate_region (self->region, error))
    {
      g_prefix_error (error, _("Protection group “%s”: "), name);
      return FALSE;
    }

  for (guint i = 0; i < self->server_ids->len; i++)
    {
      if (!drso_validate_source_server_id (g_ptr_array_index (self->server_ids, i), error))
        {
          g_prefix_error (error, _("Protection group “%s”: "), name);
          return FALSE;
        }
    }

  g_hash_table_iter_init (&iter, self->tag_criteria);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!drso_validate_tag (key, value, error))
        {
          g_prefix_error (error, _("Protection group “%s”: "), name);
          return FALSE;
        }
    }

  if (self->server_ids->len == 0 && g_hash_table_size (self->tag_criteria) == 0)
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_EMPTY_GROUP,
                   _("The protection group “%s” selects no servers: choose servers, or tags "
                     "that servers must have"),
                   name);
      return FALSE;
    }

  return TRUE;
}

static void
drso_protection_group_finalize (GObject *object)
{
  DrsoProtectionGroup *self = (DrsoProtectionGroup *) object;

  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->server_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tag_criteria, g_hash_table_unref);

  G_OBJECT_CLASS (drso_protection_group_parent_class)->finalize (object);
}

static void
drso_protection_group_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DrsoProtectionGroup *self = DRSO_PROTECTION_GROUP (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_SERVER_IDS:
      g_value_set_boxed (value, server_ids_strv (self));
      break;
    case PROP_SERVER_COUNT:
      g_value_set_uint (value, self->server_ids->len);
      break;
    case PROP_TAG_CRITERIA:
      g_value_set_boxed (value, self->tag_criteria);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_protection_group_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  DrsoProtectionGroup *self = DRSO_PROTECTION_GROUP (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      drso_protection_group_set_description (self, g_value_get_string (value));
      break;
    case PROP_ACCOUNT_ID:
      drso_protection_group_set_account_id (self, g_value_get_string (value));
      break;
    case PROP_REGION:
      drso_protection_group_set_region (self, g_value_get_string (value));
      break;
    case PROP_SERVER_IDS:
      drso_protection_group_set_server_ids (self, g_value_get_boxed (value));
      break;
    case PROP_TAG_CRITERIA:
      drso_protection_group_set_tag_criteria (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_protection_group_class_init (DrsoProtectionGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  DrsoDocumentClass *document_class = DRSO_DOCUMENT_CLASS (klass);

  object_class->finalize = drso_protection_group_finalize;
  object_class->get_property = drso_protection_group_get_property;
  object_class->set_property = drso_protection_group_set_property;

  document_class->id_key = "groupId";
  document_class->name_key = "groupName";
  document_class->id_prefix = "pg-";
  document_class->serialize = drso_protection_group_serialize;
  document_class->deserialize = drso_protection_group_deserialize;
  document_class->validate = drso_protection_group_validate;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_IDS] =
    g_param_spec_boxed ("server-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_COUNT] =
    g_param_spec_uint ("server-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAG_CRITERIA] =
    g_param_spec_boxed ("tag-criteria", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_protection_group_init (DrsoProtectionGroup *self)
{
  self->server_ids = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->tag_criteria = _drso_string_map_new ();
}

/**
 * drso_protection_group_new:
 * @group_name: the group's name
 * @account_id: the 12-digit id of the account its servers are in
 * @region: the region its servers replicate to, such as `eu-west-1`
 *
 * Creates a group with a new id and no servers yet.
 *
 * Returns: (transfer full): a new #DrsoProtectionGroup
 */
DrsoProtectionGroup *
drso_protection_group_new (const char *group_name,
                           const char *account_id,
                           const char *region)
{
  DrsoProtectionGroup *self;

  self = g_object_new (DRSO_TYPE_PROTECTION_GROUP,
                       "name", group_name,
                       "account-id", account_id,
                       "region", region,
                       NULL);
  drso_document_ensure_id (DRSO_DOCUMENT (self));
  return self;
}

/**
 * drso_protection_group_new_from_json:
 * @node: a JSON object in the seed's protection-group shape
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the group, or %NULL on error
 */
DrsoProtectionGroup *
drso_protection_group_new_from_json (JsonNode  *node,
                                     GError   **error)
{
  return DRSO_PROTECTION_GROUP (drso_document_new_from_json (DRSO_TYPE_PROTECTION_GROUP, node,
                                                             error));
}

/**
 * drso_protection_group_get_group_id:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (nullable): the group's id
 */
const char *
drso_protection_group_get_group_id (DrsoProtectionGroup *self)
{
  return drso_document_get_id (DRSO_DOCUMENT (self));
}

/**
 * drso_protection_group_get_group_name:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (nullable): the group's name
 */
const char *
drso_protection_group_get_group_name (DrsoProtectionGroup *self)
{
  return drso_document_get_name (DRSO_DOCUMENT (self));
}

/**
 * drso_protection_group_get_description:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (nullable): the description
 */
const char *
drso_protection_group_get_description (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), NULL);
  return self->description;
}

/**
 * drso_protection_group_set_description:
 * @self: a #DrsoProtectionGroup
 * @description: (nullable): a description
 */
void
drso_protection_group_set_description (DrsoProtectionGroup *self,
                                       const char          *description)
{
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));
  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * drso_protection_group_get_account_id:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (nullable): the id of the account the servers are in
 */
const char *
drso_protection_group_get_account_id (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), NULL);
  return self->account_id;
}

/**
 * drso_protection_group_set_account_id:
 * @self: a #DrsoProtectionGroup
 * @account_id: (nullable): a 12-digit account id
 */
void
drso_protection_group_set_account_id (DrsoProtectionGroup *self,
                                      const char          *account_id)
{
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));
  if (replace_string (&self->account_id, account_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

/**
 * drso_protection_group_get_region:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (nullable): the region
 */
const char *
drso_protection_group_get_region (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), NULL);
  return self->region;
}

/**
 * drso_protection_group_set_region:
 * @self: a #DrsoProtectionGroup
 * @region: (nullable): a region name
 */
void
drso_protection_group_set_region (DrsoProtectionGroup *self,
                                  const char          *region)
{
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));
  if (replace_string (&self->region, region))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

/**
 * drso_protection_group_get_server_ids:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (transfer none) (array zero-terminated=1): the explicitly chosen server ids
 */
const char * const *
drso_protection_group_get_server_ids (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), NULL);
  return server_ids_strv (self);
}

/**
 * drso_protection_group_set_server_ids:
 * @self: a #DrsoProtectionGroup
 * @server_ids: (nullable) (array zero-terminated=1): server ids; repeats are dropped
 */
void
drso_protection_group_set_server_ids (DrsoProtectionGroup *self,
                                      const char * const  *server_ids)
{
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) wanted = NULL;

  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));

  /* Copy first: @server_ids may be this group's own list. Compare after
   * dropping repeats, as the group stores them. */
  wanted = g_strdupv ((char **) server_ids);
  before = g_strdupv ((char **) server_ids_strv (self));
  reset_server_ids (self, (const char * const *) wanted);
  if (!g_strv_equal ((const char * const *) before, server_ids_strv (self)))
    notify_servers (self);
}

/**
 * drso_protection_group_add_server_id:
 * @self: a #DrsoProtectionGroup
 * @server_id: a source server id
 *
 * Adds @server_id at the end, unless the group already has it.
 */
void
drso_protection_group_add_server_id (DrsoProtectionGroup *self,
                                     const char          *server_id)
{
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));
  g_return_if_fail (server_id != NULL);

  if (drso_protection_group_has_server_id (self, server_id))
    return;
  g_ptr_array_add (self->server_ids, g_strdup (server_id));
  notify_servers (self);
}

/**
 * drso_protection_group_remove_server_id:
 * @self: a #DrsoProtectionGroup
 * @server_id: a source server id
 *
 * Returns: %TRUE if the group had @server_id
 */
gboolean
drso_protection_group_remove_server_id (DrsoProtectionGroup *self,
                                        const char          *server_id)
{
  guint index;

  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), FALSE);
  g_return_val_if_fail (server_id != NULL, FALSE);

  if (!g_ptr_array_find_with_equal_func (self->server_ids, server_id, g_str_equal, &index))
    return FALSE;
  g_ptr_array_remove_index (self->server_ids, index);
  notify_servers (self);
  return TRUE;
}

/**
 * drso_protection_group_has_server_id:
 * @self: a #DrsoProtectionGroup
 * @server_id: a source server id
 *
 * Returns: %TRUE if @server_id is among the explicitly chosen servers
 */
gboolean
drso_protection_group_has_server_id (DrsoProtectionGroup *self,
                                     const char          *server_id)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), FALSE);
  return g_ptr_array_find_with_equal_func (self->server_ids, server_id, g_str_equal, NULL);
}

/**
 * drso_protection_group_get_server_count:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: the number of explicitly chosen servers (the seed's `serverCount`)
 */
guint
drso_protection_group_get_server_count (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), 0);
  return self->server_ids->len;
}

/**
 * drso_protection_group_get_tag_criteria:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: (transfer none) (element-type utf8 utf8): the tags a server must all have
 */
GHashTable *
drso_protection_group_get_tag_criteria (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), NULL);
  return self->tag_criteria;
}

/**
 * drso_protection_group_set_tag_criteria:
 * @self: a #DrsoProtectionGroup
 * @tag_criteria: (nullable) (element-type utf8 utf8): tag keys and values
 */
void
drso_protection_group_set_tag_criteria (DrsoProtectionGroup *self,
                                        GHashTable          *tag_criteria)
{
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));

  if (_drso_string_map_equal (self->tag_criteria, tag_criteria))
    return;
  g_hash_table_unref (self->tag_criteria);
  self->tag_criteria = _drso_string_map_copy (tag_criteria);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_CRITERIA]);
}

/**
 * drso_protection_group_set_tag:
 * @self: a #DrsoProtectionGroup
 * @key: a tag key
 * @value: the value a server's tag must have
 */
void
drso_protection_group_set_tag (DrsoProtectionGroup *self,
                               const char          *key,
                               const char          *value)
{
  g_return_if_fail (DRSO_IS_PROTECTION_GROUP (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->tag_criteria, key), value) == 0)
    return;
  g_hash_table_insert (self->tag_criteria, g_strdup (key), g_strdup (value));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_CRITERIA]);
}

/**
 * drso_protection_group_remove_tag:
 * @self: a #DrsoProtectionGroup
 * @key: a tag key
 *
 * Returns: %TRUE if the criteria had @key
 */
gboolean
drso_protection_group_remove_tag (DrsoProtectionGroup *self,
                                  const char          *key)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), FALSE);

  if (!g_hash_table_remove (self->tag_criteria, key))
    return FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_CRITERIA]);
  return TRUE;
}

/**
 * drso_protection_group_get_tag:
 * @self: a #DrsoProtectionGroup
 * @key: a tag key
 *
 * Returns: (nullable): the value the criteria ask for @key
 */
const char *
drso_protection_group_get_tag (DrsoProtectionGroup *self,
                               const char          *key)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), NULL);
  return g_hash_table_lookup (self->tag_criteria, key);
}

/**
 * drso_protection_group_is_tag_based:
 * @self: a #DrsoProtectionGroup
 *
 * Returns: %TRUE if the group selects servers by tags
 */
gboolean
drso_protection_group_is_tag_based (DrsoProtectionGroup *self)
{
  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), FALSE);
  return g_hash_table_size (self->tag_criteria) > 0;
}

/**
 * drso_protection_group_matches_tags:
 * @self: a #DrsoProtectionGroup
 * @tags: (nullable) (element-type utf8 utf8): a server's tags
 *
 * Returns: %TRUE if the group has tag criteria and @tags has every one of them
 */
gboolean
drso_protection_group_matches_tags (DrsoProtectionGroup *self,
                                    GHashTable          *tags)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (DRSO_IS_PROTECTION_GROUP (self), FALSE);

  if (g_hash_table_size (self->tag_criteria) == 0 || tags == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, self->tag_criteria);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (g_hash_table_lookup (tags, key), value) != 0)
        return FALSE;
    }
  return TRUE;
}
