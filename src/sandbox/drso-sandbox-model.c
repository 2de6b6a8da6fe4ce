/* drso-sandbox-model.c
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

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "drso-sandbox-model-internal.h"
#include "drso-sandbox-resources.h"
#include "drso-json-private.h"

/* A botocore service model, compiled once into linked shapes and
 * operations: loading (the shapes with their constraints, the operations
 * with their HTTP bindings), the compiled-in DRS model, metadata and the
 * questions asked of operations. The router that maps a method and a raw
 * path to an operation and its URI labels is in drso-sandbox-model-route.c,
 * the input validator in drso-sandbox-model-validate.c. */

#define DRS_MODEL_RESOURCE "/io/github/drso/Orchestrator/sandbox/drs-service-2.json"

static void
model_free (DrsoSandboxModel *model)
{
  for (guint i = 0; i < model->n_shapes; i++)
    {
      DrsoShape *shape = &model->shapes[i];

      g_clear_pointer (&shape->pattern, g_regex_unref);
      g_free (shape->enum_values);
      g_free (shape->members);
    }
  g_free (model->shapes);
  for (guint i = 0; i < model->n_operations; i++)
    g_free (model->operations[i].segments);
  g_free (model->operations);
  g_clear_pointer (&model->metadata, g_hash_table_unref);
  g_clear_pointer (&model->shapes_by_name, g_hash_table_unref);
  g_clear_pointer (&model->operations_by_name, g_hash_table_unref);
  g_clear_pointer (&model->literal_routes, g_hash_table_unref);
  g_clear_pointer (&model->label_routes, g_ptr_array_unref);
  g_clear_pointer (&model->strings, g_string_chunk_free);
  g_free (model);
}

DrsoSandboxModel *
drso_sandbox_model_ref (DrsoSandboxModel *model)
{
  g_return_val_if_fail (model != NULL, NULL);

  g_atomic_ref_count_inc (&model->ref_count);
  return model;
}

void
drso_sandbox_model_unref (DrsoSandboxModel *model)
{
  g_return_if_fail (model != NULL);

  if (g_atomic_ref_count_dec (&model->ref_count))
    model_free (model);
}

/* Loading */

gboolean
_drso_sandbox_model_invalid (GError     **error,
                             const char  *format,
                             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

const char *
_drso_sandbox_model_intern (DrsoSandboxModel *model,
                            const char       *text)
{
  return text ? g_string_chunk_insert_const (model->strings, text) : NULL;
}

static const char *
get_string_element (JsonArray *array,
                    guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

/* A reference to a shape, {"shape": "Name"}: @reference itself, or the
 * object under @key of @object. */
static gboolean
resolve (DrsoSandboxModel  *model,
         JsonObject        *reference,
         const char        *key,
         const char        *owner,
         DrsoShape        **shape,
         GError           **error)
{
  const char *name;

  if (key != NULL)
    reference = _drso_json_lookup_object (reference, key);
  name = _drso_json_lookup_string (reference, "shape");
  if (name == NULL)
    return _drso_sandbox_model_invalid (error, "%s does not name a shape%s%s", owner,
                                        key ? " as its " : "", key ? key : "");
  *shape = g_hash_table_lookup (model->shapes_by_name, name);
  if (*shape == NULL)
    return _drso_sandbox_model_invalid (error,
                                        "%s refers to the shape “%s”, which is not defined",
                                        owner, name);
  return TRUE;
}

static DrsoShapeType
shape_type (const char *name)
{
  static const struct
  {
    const char    *name;
    DrsoShapeType  type;
  } types[] = {
    { "structure", DRSO_SHAPE_STRUCTURE },
    { "list", DRSO_SHAPE_LIST },
    { "map", DRSO_SHAPE_MAP },
    { "string", DRSO_SHAPE_STRING },
    { "integer", DRSO_SHAPE_INTEGER },
    { "long", DRSO_SHAPE_LONG },
    { "boolean", DRSO_SHAPE_BOOLEAN },
    { "timestamp", DRSO_SHAPE_TIMESTAMP },
    { "double", DRSO_SHAPE_DOUBLE },
    { "float", DRSO_SHAPE_FLOAT },
    { "blob", DRSO_SHAPE_BLOB },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_strcmp0 (name, types[i].name) == 0)
        return types[i].type;
    }
  return DRSO_SHAPE_ANY;
}

static DrsoSandboxLocation
member_location (const char *name)
{
  if (name == NULL)
    return DRSO_SANDBOX_LOCATION_BODY;
  if (strcmp (name, "uri") == 0)
    return DRSO_SANDBOX_LOCATION_URI;
  if (strcmp (name, "querystring") == 0)
    return DRSO_SANDBOX_LOCATION_QUERY;
  if (strcmp (name, "header") == 0 || strcmp (name, "headers") == 0)
    return DRSO_SANDBOX_LOCATION_HEADER;
  g_debug ("Member location “%s” read as the body", name);
  return DRSO_SANDBOX_LOCATION_BODY;
}

static gboolean
load_members (DrsoSandboxModel  *model,
              DrsoShape         *shape,
              JsonObject        *definition,
              GError           **error)
{
  JsonObject *members = _drso_json_lookup_object (definition, "members");
  JsonNode *required = json_object_get_member (definition, "required");
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint i = 0;

  if (members == NULL)
    return _drso_sandbox_model_invalid (error, "The structure “%s” has no members object",
                                        shape->name);

  shape->n_members = json_object_get_size (members);
  shape->members = g_new0 (DrsoShapeMember, shape->n_members);
  json_object_iter_init_ordered (&iter, members);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      DrsoShapeMember *member = &shape->members[i++];
      g_autofree char *owner = g_strdup_printf ("The member “%s” of “%s”", name, shape->name);
      JsonObject *reference;
      const char *location_name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _drso_sandbox_model_invalid (error, "%s is not an object", owner);
      reference = json_node_get_object (node);
      member->name = _drso_sandbox_model_intern (model, name);
      member->location = member_location (_drso_json_lookup_string (reference, "location"));
      location_name = _drso_json_lookup_string (reference, "locationName");
      member->location_name = _drso_sandbox_model_intern (model,
                                                          location_name ? location_name : name);
      /* Body members are keyed by their locationName; the caller merges
       * labels, query parameters and headers under the member's name. */
      member->key = member->location == DRSO_SANDBOX_LOCATION_BODY ? member->location_name
                                                                   : member->name;
      if (!resolve (model, reference, NULL, owner, &member->shape, error))
        return FALSE;
    }

  if (required != NULL && !JSON_NODE_HOLDS_NULL (required))
    {
      JsonArray *names;

      if (!JSON_NODE_HOLDS_ARRAY (required))
        return _drso_sandbox_model_invalid (error,
                                            "The required members of “%s” are not a list",
                                            shape->name);
      names = json_node_get_array (required);
      for (guint r = 0; r < json_array_get_length (names); r++)
        {
          const char *wanted = get_string_element (names, r);
          gboolean found = FALSE;

          for (guint m = 0; wanted != NULL && m < shape->n_members; m++)
            {
              if (strcmp (shape->members[m].name, wanted) == 0)
                {
                  shape->members[m].required = TRUE;
                  found = TRUE;
                }
            }
          if (!found)
            g_debug ("“%s” requires “%s”, which is not one of its members",
                     shape->name, wanted ? wanted : "(not a string)");
        }
    }
  return TRUE;
}

static void
load_enum (DrsoSandboxModel *model,
           DrsoShape        *shape,
           JsonArray        *values)
{
  guint n = json_array_get_length (values);
  g_autoptr(GString) text = g_string_new ("[");
  guint count = 0;

  shape->enum_values = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *value = get_string_element (values, i);

      if (value == NULL)
        continue;
      shape->enum_values[count++] = _drso_sandbox_model_intern (model, value);
      if (count > 1)
        g_string_append (text, ", ");
      g_string_append (text, value);
    }
  g_string_append_c (text, ']');
  shape->enum_text = _drso_sandbox_model_intern (model, text->str);
}

static void
load_pattern (DrsoSandboxModel *model,
              DrsoShape        *shape,
              const char       *pattern)
{
  g_autoptr(GError) local_error = NULL;

  /* The models' patterns are Java-style; PCRE reads them alike. Matching
   * searches, as Smithy's patterns are not implicitly anchored. */
  shape->pattern = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &local_error);
  if (shape->pattern == NULL)
    {
      g_debug ("The pattern of “%s” (%s) is not checked: %s",
               shape->name, pattern, local_error->message);
      return;
    }
  shape->pattern_source = _drso_sandbox_model_intern (model, pattern);
}

static gboolean
load_shape (DrsoSandboxModel  *model,
            DrsoShape         *shape,
            JsonObject        *definition,
            GError           **error)
{
  g_autofree char *owner = g_strdup_printf ("The shape “%s”", shape->name);
  const char *pattern = _drso_json_lookup_string (definition, "pattern");
  JsonNode *values = json_object_get_member (definition, "enum");

  shape->has_min = get_number (definition, "min", &shape->min);
  shape->has_max = get_number (definition, "max", &shape->max);
  if (pattern != NULL)
    load_pattern (model, shape, pattern);
  if (values != NULL && JSON_NODE_HOLDS_ARRAY (values))
    load_enum (model, shape, json_node_get_array (values));

  switch (shape->type)
    {
    case DRSO_SHAPE_STRUCTURE:
      return load_members (model, shape, definition, error);
    case DRSO_SHAPE_LIST:
      return resolve (model, definition, "member", owner, &shape->member, error);
    case DRSO_SHAPE_MAP:
      return resolve (model, definition, "key", owner, &shape->key, error) &&
             resolve (model, definition, "value", owner, &shape->value, error);
    case DRSO_SHAPE_ANY:
    case DRSO_SHAPE_STRING:
    case DRSO_SHAPE_INTEGER:
    case DRSO_SHAPE_LONG:
    case DRSO_SHAPE_BOOLEAN:
    case DRSO_SHAPE_TIMESTAMP:
    case DRSO_SHAPE_DOUBLE:
    case DRSO_SHAPE_FLOAT:
    case DRSO_SHAPE_BLOB:
    default:
      return TRUE;
    }
}

static gboolean
load_shapes (DrsoSandboxModel  *model,
             JsonObject        *shapes,
             GError           **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint i = 0;

  /* Name them all first: shapes refer to each other in any order, and to
   * themselves. */
  model->n_shapes = json_object_get_size (shapes);
  model->shapes = g_new0 (DrsoShape, model->n_shapes);
  json_object_iter_init_ordered (&iter, shapes);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      DrsoShape *shape = &model->shapes[i++];
      const char *type;

      shape->name = _drso_sandbox_model_intern (model, name);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _drso_sandbox_model_invalid (error, "The shape “%s” is not an object", name);
      type = _drso_json_lookup_string (json_node_get_object (node), "type");
      shape->type = shape_type (type);
      if (shape->type == DRSO_SHAPE_ANY)
        g_debug ("The shape “%s” has the type “%s”, which is not checked",
                 name, type ? type : "(none)");
      g_hash_table_insert (model->shapes_by_name, (gpointer) shape->name, shape);
    }

  i = 0;
  json_object_iter_init_ordered (&iter, shapes);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (!load_shape (model, &model->shapes[i++], json_node_get_object (node), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_operation (DrsoSandboxModel  *model,
                DrsoOperation     *operation,
                const char        *name,
                JsonNode          *node,
                GError           **error)
{
  JsonObject *definition, *http;
  const char *method, *request_uri;
  double code;

  operation->name = _drso_sandbox_model_intern (model, name);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return _drso_sandbox_model_invalid (error, "The operation “%s” is not an object", name);
  definition = json_node_get_object (node);
  http = _drso_json_lookup_object (definition, "http");
  method = _drso_json_lookup_string (http, "method");
  request_uri = _drso_json_lookup_string (http, "requestUri");
  if (method == NULL || request_uri == NULL)
    return _drso_sandbox_model_invalid (error,
                                        "The operation “%s” has no http.method and http.requestUri",
                                        name);
  operation->method = _drso_sandbox_model_intern (model, method);

  operation->response_code = 200;
  if (get_number (http, "responseCode", &code))
    {
      if (code < 100 || code > 599)
        return _drso_sandbox_model_invalid (error, "The operation “%s” has the responseCode %g",
                                            name, code);
      operation->response_code = (guint) code;
    }

  if (json_object_has_member (definition, "input"))
    {
      g_autofree char *owner = g_strdup_printf ("The operation “%s”", name);

      if (!resolve (model, definition, "input", owner, &operation->input, error))
        return FALSE;
    }

  if (!_drso_sandbox_model_load_route (model, operation, request_uri, error))
    return FALSE;
  g_hash_table_insert (model->operations_by_name, (gpointer) operation->name, operation);
  return TRUE;
}

static gboolean
load_model (DrsoSandboxModel  *model,
            JsonObject        *root,
            GError           **error)
{
  JsonObject *metadata = _drso_json_lookup_object (root, "metadata");
  JsonObject *operations = _drso_json_lookup_object (root, "operations");
  JsonObject *shapes = _drso_json_lookup_object (root, "shapes");
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint i = 0;

  if (metadata == NULL || operations == NULL || shapes == NULL)
    return _drso_sandbox_model_invalid (error, "The service model lacks a “%s” object",
                                        metadata == NULL ? "metadata"
                                        : operations == NULL ? "operations" : "shapes");

  json_object_iter_init_ordered (&iter, metadata);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_insert (model->metadata,
                             (gpointer) _drso_sandbox_model_intern (model, name),
                             (gpointer) _drso_sandbox_model_intern (model,
                                                                    json_node_get_string (node)));
    }

  if (!load_shapes (model, shapes, error))
    return FALSE;

  model->n_operations = json_object_get_size (operations);
  model->operations = g_new0 (DrsoOperation, model->n_operations);
  json_object_iter_init_ordered (&iter, operations);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (!load_operation (model, &model->operations[i++], name, node, error))
        return FALSE;
    }
  return TRUE;
}

DrsoSandboxModel *
drso_sandbox_model_new_from_bytes (GBytes  *json,
                                   GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(DrsoSandboxModel) model = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &size);
  if (!drso_sandbox_json_within_depth (data, size, 64))
    {
      _drso_sandbox_model_invalid (error, "The service model nests deeper than 64 levels");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      _drso_sandbox_model_invalid (error, "The service model is not valid JSON: %s",
                                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _drso_sandbox_model_invalid (error, "The service model is not a JSON object");
      return NULL;
    }

  model = g_new0 (DrsoSandboxModel, 1);
  g_atomic_ref_count_init (&model->ref_count);
  model->strings = g_string_chunk_new (4096);
  model->metadata = g_hash_table_new (g_str_hash, g_str_equal);
  model->shapes_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  model->operations_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  model->literal_routes = g_hash_table_new (g_str_hash, g_str_equal);
  model->label_routes = g_ptr_array_new ();

  if (!load_model (model, json_node_get_object (root), error))
    return NULL;
  return g_steal_pointer (&model);
}

static gpointer
load_drs_model (gpointer data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  DrsoSandboxModel *model;

  (void) data;
  bytes = g_resource_lookup_data (drso_sandbox_get_resource (), DRS_MODEL_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  model = bytes ? drso_sandbox_model_new_from_bytes (bytes, &error) : NULL;
  if (model == NULL)
    g_critical ("The DRS service model compiled into the library is unusable: %s",
                error->message);
  return model;
}

DrsoSandboxModel *
drso_sandbox_model_get_drs (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_drs_model, NULL);
}

/* Questions */

const char *
drso_sandbox_model_get_metadata (DrsoSandboxModel *model,
                                 const char       *key)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (model->metadata, key);
}

gboolean
drso_sandbox_model_has_operation (DrsoSandboxModel *model,
                                  const char       *operation)
{
  g_return_val_if_fail (model != NULL, FALSE);

  return operation != NULL && g_hash_table_contains (model->operations_by_name, operation);
}

guint
drso_sandbox_model_get_response_code (DrsoSandboxModel *model,
                                      const char       *operation)
{
  DrsoOperation *found;

  g_return_val_if_fail (model != NULL, 0);

  found = operation ? g_hash_table_lookup (model->operations_by_name, operation) : NULL;
  return found ? found->response_code : 0;
}

const char *
drso_sandbox_model_find_bound_member (DrsoSandboxModel    *model,
                                      const char          *operation,
                                      DrsoSandboxLocation  location,
                                      const char          *location_name)
{
  DrsoOperation *found;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (location_name != NULL, NULL);

  found = operation ? g_hash_table_lookup (model->operations_by_name, operation) : NULL;
  for (guint i = 0; found != NULL && found->input != NULL && i < found->input->n_members; i++)
    {
      DrsoShapeMember *member = &found->input->members[i];

      if (member->location != location)
        continue;
      if (location == DRSO_SANDBOX_LOCATION_HEADER
          ? g_ascii_strcasecmp (member->location_name, location_name) == 0
          : strcmp (member->location_name, location_name) == 0)
        return member->name;
    }
  return NULL;
}

DrsoShape *
_drso_sandbox_model_get_input (DrsoSandboxModel *model,
                               const char       *operation,
                               gboolean         *found)
{
  DrsoOperation *op = operation ? g_hash_table_lookup (model->operations_by_name, operation)
                               : NULL;

  *found = op != NULL;
  return op ? op->input : NULL;
}

/* Nesting */

gboolean
drso_sandbox_json_within_depth (const char *data,
                                gsize       length,
                                guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}
