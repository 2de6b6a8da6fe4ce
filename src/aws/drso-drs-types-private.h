/* drso-drs-types-private.h
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

#include <glib-object.h>

G_BEGIN_DECLS

/* Shared by the files that implement drso-drs-types.h: drso-drs-types.c (jobs,
 * log items, recovery instances and snapshots) and drso-drs-config-types.c
 * (launch and replication configurations).
 *
 * These are records: each type describes its members once, in a table of
 * fields, from which its properties are made and read and its members freed.
 * Property ids are the table's indices plus one. */

typedef enum
{
  FIELD_STRING,      /* char * */
  FIELD_INT64,       /* gint64 */
  FIELD_BOOLEAN,     /* gboolean */
  FIELD_STRV,        /* char ** */
  FIELD_TAGS,        /* GHashTable *, utf8 → utf8 */
  FIELD_LIST_MODEL,  /* GListStore * */
} FieldKind;

typedef struct
{
  const char *name;
  FieldKind   kind;
  gsize       offset;
  gboolean    writable;
} Field;

#define FIELD(Type, member, name, kind) { name, kind, G_STRUCT_OFFSET (Type, member), FALSE }

G_GNUC_INTERNAL
void _drso_drs_install_fields (GObjectClass *object_class,
                               const Field  *fields,
                               guint         n_fields,
                               GParamSpec  **pspecs);
G_GNUC_INTERNAL
void _drso_drs_get_field      (GObject      *object,
                               const Field  *fields,
                               guint         n_fields,
                               guint         prop_id,
                               GValue       *value,
                               GParamSpec   *pspec);
G_GNUC_INTERNAL
void _drso_drs_clear_fields   (GObject      *object,
                               const Field  *fields,
                               guint         n_fields);

/* Defines the get_property and finalize of a type from its fields. */
#define DEFINE_FIELD_VFUNCS(type, fields)                                               \
  static void                                                                           \
  type##_get_property (GObject    *object,                                              \
                       guint       prop_id,                                             \
                       GValue     *value,                                               \
                       GParamSpec *pspec)                                               \
  {                                                                                     \
    _drso_drs_get_field (object, fields, G_N_ELEMENTS (fields), prop_id, value, pspec); \
  }                                                                                     \
  static void                                                                           \
  type##_finalize (GObject *object)                                                     \
  {                                                                                     \
    _drso_drs_clear_fields (object, fields, G_N_ELEMENTS (fields));                     \
    G_OBJECT_CLASS (type##_parent_class)->finalize (object);                            \
  }

#define DEFINE_GETTER(Type, type, TYPE, RType, field, fallback) \
  RType                                                         \
  type##_get_##field (Type *self)                               \
  {                                                             \
    g_return_val_if_fail (DRSO_IS_##TYPE (self), fallback);     \
    return self->field;                                         \
  }

G_END_DECLS
