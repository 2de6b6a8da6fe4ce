/* drso-json-private.h
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

G_BEGIN_DECLS

/* Readers: each reads the member @key of @object, whose place in the document
 * is @path (NULL for the top). A missing or null member is an error when
 * @required, and leaves the default otherwise. Errors are DRSO_MODEL_ERROR and
 * name the member's full path. */

/* Lenient lookups for documents of others (AWS answers, service models):
 * NULL when the member is missing or of another type. */
JsonObject *_drso_json_lookup_object      (JsonObject  *object,
                                           const char  *key);
const char *_drso_json_lookup_string      (JsonObject  *object,
                                           const char  *key);

/* The deepest nesting _drso_json_parse() reads. */
#define DRSO_JSON_MAX_DEPTH 128

char       *_drso_json_path               (const char  *path,
                                           const char  *key);
/* Whether json-glib may be given @data (@length bytes, or up to a nul byte
 * when -1): at most one JSON value, nested at most @max_depth deep, with no
 * half of a surrogate pair in its strings (json-glib 1.6 leaks, or
 * overflows the stack, on the others). An INVALID_JSON error if not. */
gboolean    _drso_json_check_text         (const char  *data,
                                           gssize       length,
                                           guint        max_depth,
                                           GError     **error);
JsonNode   *_drso_json_parse              (const char  *data,
                                           gssize       length,
                                           GError     **error);
char       *_drso_json_to_string          (JsonNode    *node,
                                           gboolean     pretty);
JsonObject *_drso_json_node_get_object    (JsonNode    *node,
                                           const char  *path,
                                           GError     **error);
gboolean    _drso_json_get_string         (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           char       **out,
                                           GError     **error);
gboolean    _drso_json_get_int            (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           gint64       min,
                                           gint64       max,
                                           gint64      *out,
                                           GError     **error);
gboolean    _drso_json_get_bool           (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           gboolean    *out,
                                           GError     **error);
gboolean    _drso_json_get_strv           (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           char      ***out,
                                           GError     **error);
gboolean    _drso_json_get_string_map     (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           GHashTable **out,
                                           GError     **error);
gboolean    _drso_json_get_array          (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           JsonArray  **out,
                                           GError     **error);
gboolean    _drso_json_get_object         (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           JsonObject **out,
                                           GError     **error);
gboolean    _drso_json_get_timestamp_us   (JsonObject  *object,
                                           const char  *path,
                                           const char  *key,
                                           gboolean     required,
                                           gint64      *out,
                                           GError     **error);

void        _drso_json_set_string         (JsonObject  *object,
                                           const char  *key,
                                           const char  *value);
void        _drso_json_set_strv           (JsonObject  *object,
                                           const char  *key,
                                           const char * const *value);
void        _drso_json_set_string_map     (JsonObject  *object,
                                           const char  *key,
                                           GHashTable  *map);
void        _drso_json_set_time           (JsonObject  *object,
                                           const char  *key,
                                           gint64       seconds);
void        _drso_json_set_timestamp_us   (JsonObject  *object,
                                           const char  *key,
                                           gint64       time_us);

GHashTable *_drso_string_map_new          (void);
GHashTable *_drso_string_map_copy         (GHashTable  *map);
gboolean    _drso_string_map_equal        (GHashTable  *a,
                                           GHashTable  *b);
char       *_drso_string_map_to_json      (GHashTable  *map);
GHashTable *_drso_string_map_from_json    (const char  *text);
char       *_drso_strv_to_json            (const char * const *strv);
char      **_drso_strv_from_json          (const char  *text);
gboolean    _drso_strv_contains           (const char * const *strv,
                                           const char  *str);

G_END_DECLS
