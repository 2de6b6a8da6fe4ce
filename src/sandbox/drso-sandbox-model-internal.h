/* drso-sandbox-model-internal.h
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

#include "drso-sandbox-model-private.h"

G_BEGIN_DECLS

/* The compiled form of a service model, shared by the loader
 * (drso-sandbox-model.c), the router (drso-sandbox-model-route.c) and the
 * validator (drso-sandbox-model-validate.c). Everything is built once and
 * never changed afterwards, so a model can be read from any number of
 * threads. All strings live in the model's string chunk; shapes point at
 * each other directly. */

typedef enum
{
  DRSO_SHAPE_ANY,               /* a type this code does not know: unchecked */
  DRSO_SHAPE_STRUCTURE,
  DRSO_SHAPE_LIST,
  DRSO_SHAPE_MAP,
  DRSO_SHAPE_STRING,
  DRSO_SHAPE_INTEGER,
  DRSO_SHAPE_LONG,
  DRSO_SHAPE_BOOLEAN,
  DRSO_SHAPE_TIMESTAMP,
  DRSO_SHAPE_DOUBLE,
  DRSO_SHAPE_FLOAT,
  DRSO_SHAPE_BLOB,
} DrsoShapeType;

typedef struct _DrsoShape DrsoShape;

typedef struct
{
  const char          *name;           /* the member's name in the model */
  const char          *key;            /* its key in the input object */
  const char          *location_name;  /* label, query parameter or header */
  DrsoShape           *shape;
  DrsoSandboxLocation  location;
  gboolean             required;
} DrsoShapeMember;

struct _DrsoShape
{
  const char      *name;
  DrsoShapeType    type;

  /* Length (strings, blobs, lists, maps) or value (numbers). */
  gboolean         has_min;
  gboolean         has_max;
  double           min;
  double           max;

  GRegex          *pattern;            /* NULL when absent or not compilable */
  const char      *pattern_source;
  const char     **enum_values;        /* NULL-terminated, or NULL */
  const char      *enum_text;          /* "[ASC, DESC]" */

  DrsoShapeMember *members;            /* structures */
  guint            n_members;
  DrsoShape       *member;             /* lists */
  DrsoShape       *key;                /* maps */
  DrsoShape       *value;
};

/* A segment of an operation's http.requestUri. */
typedef struct
{
  const char *text;     /* the literal text, or the member a label fills */
  gsize       length;   /* of a literal */
  gboolean    label;
  gboolean    greedy;   /* {name+}: may span several segments */
} DrsoSegment;

typedef struct _DrsoOperation DrsoOperation;

struct _DrsoOperation
{
  const char    *name;
  const char    *method;
  const char    *path;             /* http.requestUri without its query part */
  DrsoSegment   *segments;         /* of @path, after its leading '/' */
  guint          n_segments;
  gboolean       has_labels;
  DrsoShape     *input;
  guint          response_code;
  DrsoOperation *next_same_path;   /* the next literal route with this path */
};

struct _DrsoSandboxModel
{
  gatomicrefcount  ref_count;
  GStringChunk    *strings;
  GHashTable      *metadata;        /* key → string value */
  DrsoShape       *shapes;
  guint            n_shapes;
  GHashTable      *shapes_by_name;  /* name → DrsoShape */
  DrsoOperation   *operations;
  guint            n_operations;
  GHashTable      *operations_by_name;
  GHashTable      *literal_routes;  /* path → DrsoOperation (chained by next_same_path) */
  GPtrArray       *label_routes;    /* DrsoOperation, in model order */
};

/* Loading (drso-sandbox-model.c). Sets @error (G_IO_ERROR_INVALID_DATA)
 * to the message; returns FALSE. */
gboolean    _drso_sandbox_model_invalid    (GError           **error,
                                            const char        *format,
                                            ...) G_GNUC_PRINTF (2, 3);
/* @text, kept in the model's string chunk; NULL for NULL. */
const char *_drso_sandbox_model_intern     (DrsoSandboxModel  *model,
                                            const char        *text);

/* The input shape of @operation, or NULL when it has none; sets @found to
 * whether the model has the operation at all. */
DrsoShape *_drso_sandbox_model_get_input (DrsoSandboxModel *model,
                                          const char       *operation,
                                          gboolean         *found);

/* Routing (drso-sandbox-model-route.c): compiles the requestUri of
 * @operation (its input resolved) into its segments and adds it to the
 * model's literal or label routes. */
gboolean    _drso_sandbox_model_load_route (DrsoSandboxModel  *model,
                                            DrsoOperation     *operation,
                                            const char        *request_uri,
                                            GError           **error);

G_END_DECLS
