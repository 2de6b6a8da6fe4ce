/* drso-document.c
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

#include "drso-document-private.h"
#include "drso-error.h"
#include "drso-json-private.h"
#include "drso-validation.h"

typedef struct
{
  char   *id;
  char   *name;
  char   *created_by;
  char   *last_modified_by;
  gint64  created_date;
  gint64  last_modified_date;
} DrsoDocumentPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DrsoDocument, drso_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CREATED_DATE,
  PROP_LAST_MODIFIED_DATE,
  PROP_CREATED_BY,
  PROP_LAST_MODIFIED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drso_document_finalize (GObject *object)
{
  DrsoDocument *self = (DrsoDocument *) object;
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->created_by, g_free);
  g_clear_pointer (&priv->last_modified_by, g_free);

  G_OBJECT_CLASS (drso_document_parent_class)->finalize (object);
}

static void
drso_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DrsoDocument *self = DRSO_DOCUMENT (object);
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, priv->name);
      break;
    case PROP_CREATED_DATE:
      g_value_set_int64 (value, priv->created_date);
      break;
    case PROP_LAST_MODIFIED_DATE:
      g_value_set_int64 (value, priv->last_modified_date);
      break;
    case PROP_CREATED_BY:
      g_value_set_string (value, priv->created_by);
      break;
    case PROP_LAST_MODIFIED_BY:
      g_value_set_string (value, priv->last_modified_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_document_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DrsoDocument *self = DRSO_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      drso_document_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      drso_document_set_name (self, g_value_get_string (value));
      break;
    case PROP_CREATED_DATE:
      drso_document_set_created_date (self, g_value_get_int64 (value));
      break;
    case PROP_LAST_MODIFIED_DATE:
      drso_document_set_last_modified_date (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_BY:
      drso_document_set_created_by (self, g_value_get_string (value));
      break;
    case PROP_LAST_MODIFIED_BY:
      drso_document_set_last_modified_by (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_document_class_init (DrsoDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_document_finalize;
  object_class->get_property = drso_document_get_property;
  object_class->set_property = drso_document_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_DATE] =
    g_param_spec_int64 ("created-date", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_MODIFIED_DATE] =
    g_param_spec_int64 ("last-modified-date", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_BY] =
    g_param_spec_string ("created-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_MODIFIED_BY] =
    g_param_spec_string ("last-modified-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_document_init (DrsoDocument *self)
{
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * drso_document_get_id:
 * @self: a #DrsoDocument
 *
 * Returns: (nullable): the id, or %NULL before one is given
 */
const char *
drso_document_get_id (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);
  return priv->id;
}

/**
 * drso_document_set_id:
 * @self: a #DrsoDocument
 * @id: (nullable): the id
 */
void
drso_document_set_id (DrsoDocument *self,
                      const char   *id)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_if_fail (DRSO_IS_DOCUMENT (self));
  if (set_string (&priv->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * drso_document_ensure_id:
 * @self: a #DrsoDocument
 *
 * Gives @self a new random id (the class's prefix and a UUID) if it has none.
 */
void
drso_document_ensure_id (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);
  DrsoDocumentClass *klass = DRSO_DOCUMENT_GET_CLASS (self);
  g_autofree char *uuid = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (DRSO_IS_DOCUMENT (self));

  if (priv->id != NULL || klass->id_prefix == NULL)
    return;

  uuid = g_uuid_string_random ();
  id = g_strconcat (klass->id_prefix, uuid, NULL);
  drso_document_set_id (self, id);
}

/**
 * drso_document_get_name:
 * @self: a #DrsoDocument
 *
 * Returns: (nullable): the name
 */
const char *
drso_document_get_name (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);
  return priv->name;
}

/**
 * drso_document_set_name:
 * @self: a #DrsoDocument
 * @name: (nullable): the name
 */
void
drso_document_set_name (DrsoDocument *self,
                        const char   *name)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_if_fail (DRSO_IS_DOCUMENT (self));
  if (set_string (&priv->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * drso_document_get_created_date:
 * @self: a #DrsoDocument
 *
 * Returns: when @self was created, in seconds since 1970, or 0 if not yet stored
 */
gint64
drso_document_get_created_date (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), 0);
  return priv->created_date;
}

/**
 * drso_document_set_created_date:
 * @self: a #DrsoDocument
 * @created_date: seconds since 1970
 */
void
drso_document_set_created_date (DrsoDocument *self,
                                gint64        created_date)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_if_fail (DRSO_IS_DOCUMENT (self));
  if (priv->created_date == created_date)
    return;
  priv->created_date = created_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_DATE]);
}

/**
 * drso_document_get_last_modified_date:
 * @self: a #DrsoDocument
 *
 * Returns: when @self was last changed, in seconds since 1970
 */
gint64
drso_document_get_last_modified_date (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), 0);
  return priv->last_modified_date;
}

/**
 * drso_document_set_last_modified_date:
 * @self: a #DrsoDocument
 * @last_modified_date: seconds since 1970
 */
void
drso_document_set_last_modified_date (DrsoDocument *self,
                                      gint64        last_modified_date)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_if_fail (DRSO_IS_DOCUMENT (self));
  if (priv->last_modified_date == last_modified_date)
    return;
  priv->last_modified_date = last_modified_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MODIFIED_DATE]);
}

/**
 * drso_document_get_created_by:
 * @self: a #DrsoDocument
 *
 * Returns: (nullable): who created @self
 */
const char *
drso_document_get_created_by (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);
  return priv->created_by;
}

/**
 * drso_document_set_created_by:
 * @self: a #DrsoDocument
 * @created_by: (nullable): who created @self
 */
void
drso_document_set_created_by (DrsoDocument *self,
                              const char   *created_by)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_if_fail (DRSO_IS_DOCUMENT (self));
  if (set_string (&priv->created_by, created_by))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_BY]);
}

/**
 * drso_document_get_last_modified_by:
 * @self: a #DrsoDocument
 *
 * Returns: (nullable): who last changed @self
 */
const char *
drso_document_get_last_modified_by (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);
  return priv->last_modified_by;
}

/**
 * drso_document_set_last_modified_by:
 * @self: a #DrsoDocument
 * @last_modified_by: (nullable): who last changed @self
 */
void
drso_document_set_last_modified_by (DrsoDocument *self,
                                    const char   *last_modified_by)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);

  g_return_if_fail (DRSO_IS_DOCUMENT (self));
  if (set_string (&priv->last_modified_by, last_modified_by))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MODIFIED_BY]);
}

/**
 * drso_document_get_id_key:
 * @self: a #DrsoDocument
 *
 * Returns: the JSON member that holds the id, such as `planId`
 */
const char *
drso_document_get_id_key (DrsoDocument *self)
{
  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);
  return DRSO_DOCUMENT_GET_CLASS (self)->id_key;
}

/**
 * drso_document_validate:
 * @self: a #DrsoDocument
 * @error: return location for a #GError
 *
 * Checks the rules that @self can check alone: its id, its name and the rules
 * of its kind. Rules that need other objects (unique names, a server in one
 * group only, groups that exist) are checked by the store.
 *
 * Returns: %TRUE if @self breaks no rule
 */
gboolean
drso_document_validate (DrsoDocument  *self,
                        GError       **error)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);
  DrsoDocumentClass *klass;

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = DRSO_DOCUMENT_GET_CLASS (self);
  if (klass->validate != NULL && !klass->validate (self, error))
    return FALSE;

  /* Accounts check their id as an account id in their own validate. */
  if (klass->id_prefix != NULL && priv->id != NULL &&
      !drso_validate_id (klass->id_key, priv->id, error))
    return FALSE;

  return TRUE;
}

/**
 * drso_document_to_json:
 * @self: a #DrsoDocument
 *
 * Writes @self as a JSON object in the seed's camelCase shape.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
drso_document_to_json (DrsoDocument *self)
{
  DrsoDocumentPrivate *priv = drso_document_get_instance_private (self);
  DrsoDocumentClass *klass;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);

  klass = DRSO_DOCUMENT_GET_CLASS (self);
  object = json_object_new ();
  _drso_json_set_string (object, klass->id_key, priv->id);
  _drso_json_set_string (object, klass->name_key, priv->name);
  if (klass->serialize != NULL)
    klass->serialize (self, object);
  _drso_json_set_time (object, "createdDate", priv->created_date);
  _drso_json_set_time (object, "lastModifiedDate", priv->last_modified_date);
  _drso_json_set_string (object, "createdBy", priv->created_by);
  _drso_json_set_string (object, "lastModifiedBy", priv->last_modified_by);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_document_to_string:
 * @self: a #DrsoDocument
 * @pretty: whether to indent the text
 *
 * Returns: (transfer full): @self as JSON text
 */
char *
drso_document_to_string (DrsoDocument *self,
                         gboolean      pretty)
{
  g_autoptr(JsonNode) node = drso_document_to_json (self);

  return _drso_json_to_string (node, pretty);
}

static DrsoDocument *
read_document (GType        type,
               JsonNode    *node,
               const char  *path,
               gboolean     strict,
               GError     **error)
{
  g_autoptr(DrsoDocument) self = NULL;
  DrsoDocumentPrivate *priv;
  DrsoDocumentClass *klass;
  JsonObject *object;
  gint64 created = 0, modified = 0;

  g_return_val_if_fail (g_type_is_a (type, DRSO_TYPE_DOCUMENT), NULL);

  object = _drso_json_node_get_object (node, path, error);
  if (object == NULL)
    return NULL;

  self = g_object_new (type, NULL);
  priv = drso_document_get_instance_private (self);
  klass = DRSO_DOCUMENT_GET_CLASS (self);

  if (!_drso_json_get_string (object, path, klass->id_key, strict, &priv->id, error) ||
      !_drso_json_get_string (object, path, klass->name_key, strict, &priv->name, error) ||
      !_drso_json_get_int (object, path, "createdDate", FALSE, 0, G_MAXINT64, &created, error) ||
      !_drso_json_get_int (object, path, "lastModifiedDate", FALSE, 0, G_MAXINT64, &modified,
                           error) ||
      !_drso_json_get_string (object, path, "createdBy", FALSE, &priv->created_by, error) ||
      !_drso_json_get_string (object, path, "lastModifiedBy", FALSE, &priv->last_modified_by,
                              error))
    return NULL;

  priv->created_date = created;
  priv->last_modified_date = modified;

  if (klass->deserialize != NULL && !klass->deserialize (self, object, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

DrsoDocument *
_drso_document_new_from_json_at (GType        type,
                                 JsonNode    *node,
                                 const char  *path,
                                 GError     **error)
{
  return read_document (type, node, path, TRUE, error);
}

/**
 * drso_document_new_from_json:
 * @type: a subtype of #DrsoDocument
 * @node: a JSON object node in the seed's shape
 * @error: return location for a #GError
 *
 * Reads a document. Members this program does not know are ignored; members
 * of the wrong type are errors that name the member. The document is not
 * validated: call drso_document_validate() for that.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL on error
 */
DrsoDocument *
drso_document_new_from_json (GType        type,
                             JsonNode    *node,
                             GError     **error)
{
  return _drso_document_new_from_json_at (type, node, NULL, error);
}

/**
 * drso_document_new_from_string:
 * @type: a subtype of #DrsoDocument
 * @text: JSON text
 * @length: the length of @text, or -1 if it ends with a nul byte
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the document, or %NULL on error
 */
DrsoDocument *
drso_document_new_from_string (GType        type,
                               const char  *text,
                               gssize       length,
                               GError     **error)
{
  g_autoptr(JsonNode) node = _drso_json_parse (text, length, error);

  if (node == NULL)
    return NULL;
  return drso_document_new_from_json (type, node, error);
}

/**
 * drso_document_copy:
 * @self: a #DrsoDocument
 *
 * Returns: (transfer full): a deep copy of @self
 */
DrsoDocument *
drso_document_copy (DrsoDocument *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  DrsoDocument *copy;

  g_return_val_if_fail (DRSO_IS_DOCUMENT (self), NULL);

  /* Objects built through the API may still lack an id or a name. */
  node = drso_document_to_json (self);
  copy = read_document (G_OBJECT_TYPE (self), node, NULL, FALSE, &error);
  if (copy == NULL)
    g_error ("A document could not read what it wrote: %s", error->message);
  return copy;
}

/**
 * drso_document_equal:
 * @a: a #DrsoDocument
 * @b: a #DrsoDocument
 *
 * Returns: %TRUE if @a and @b are of one type and write the same JSON
 */
gboolean
drso_document_equal (DrsoDocument *a,
                     DrsoDocument *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  g_return_val_if_fail (DRSO_IS_DOCUMENT (a), FALSE);
  g_return_val_if_fail (DRSO_IS_DOCUMENT (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  na = drso_document_to_json (a);
  nb = drso_document_to_json (b);
  return json_node_equal (na, nb);
}
