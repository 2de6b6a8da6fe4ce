/* drso-document.h
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

#pragma once

#include <json-glib/json-glib.h>

#include "drso-types.h"

G_BEGIN_DECLS

#define DRSO_TYPE_DOCUMENT (drso_document_get_type ())

G_DECLARE_DERIVABLE_TYPE (DrsoDocument, drso_document, DRSO, DOCUMENT, GObject)

/**
 * DrsoDocumentClass:
 * @parent_class: the parent class
 * @id_key: the JSON member that holds the id (for example `groupId`)
 * @name_key: the JSON member that holds the name (for example `groupName`)
 * @id_prefix: the prefix of generated ids (for example `pg-`), or %NULL when ids are not
 *   generated
 * @serialize: adds the members of the subclass to a JSON object
 * @deserialize: reads the members of the subclass from a JSON object
 * @validate: checks the rules of the subclass that need no other object
 *
 * A named, stored object with an id, a name and an audit trail, written as a
 * JSON document in the seed's camelCase shape.
 */
struct _DrsoDocumentClass
{
  GObjectClass parent_class;

  const char *id_key;
  const char *name_key;
  const char *id_prefix;

  void       (*serialize)   (DrsoDocument  *self,
                             JsonObject    *object);
  gboolean   (*deserialize) (DrsoDocument  *self,
                             JsonObject    *object,
                             const char    *path,
                             GError       **error);
  gboolean   (*validate)    (DrsoDocument  *self,
                             GError       **error);

  /*< private >*/
  gpointer padding[8];
};

const char   *drso_document_get_id                 (DrsoDocument  *self);
void          drso_document_set_id                 (DrsoDocument  *self,
                                                    const char    *id);
const char   *drso_document_get_name               (DrsoDocument  *self);
void          drso_document_set_name               (DrsoDocument  *self,
                                                    const char    *name);
gint64        drso_document_get_created_date       (DrsoDocument  *self);
void          drso_document_set_created_date       (DrsoDocument  *self,
                                                    gint64         created_date);
gint64        drso_document_get_last_modified_date (DrsoDocument  *self);
void          drso_document_set_last_modified_date (DrsoDocument  *self,
                                                    gint64         last_modified_date);
const char   *drso_document_get_created_by         (DrsoDocument  *self);
void          drso_document_set_created_by         (DrsoDocument  *self,
                                                    const char    *created_by);
const char   *drso_document_get_last_modified_by   (DrsoDocument  *self);
void          drso_document_set_last_modified_by   (DrsoDocument  *self,
                                                    const char    *last_modified_by);
const char   *drso_document_get_id_key             (DrsoDocument  *self);
void          drso_document_ensure_id              (DrsoDocument  *self);
gboolean      drso_document_validate               (DrsoDocument  *self,
                                                    GError       **error);
JsonNode     *drso_document_to_json                (DrsoDocument  *self);
char         *drso_document_to_string              (DrsoDocument  *self,
                                                    gboolean       pretty);
DrsoDocument *drso_document_new_from_json          (GType          type,
                                                    JsonNode      *node,
                                                    GError       **error);
DrsoDocument *drso_document_new_from_string        (GType          type,
                                                    const char    *text,
                                                    gssize         length,
                                                    GError       **error);
DrsoDocument *drso_document_copy                   (DrsoDocument  *self);
gboolean      drso_document_equal                  (DrsoDocument  *a,
                                                    DrsoDocument  *b);

G_END_DECLS
