/* drso-sandbox-model-validate.c
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

#include <math.h>
#include <string.h>

#include "drso-sandbox-model-internal.h"

/* The input validator: walks a request's JSON against its operation's input
 * shape and lists every problem the way DRS's ValidationException does.
 * The walk keeps the member path as a stack of borrowed names and indexes,
 * so valid input costs no allocation; text is made only for problems. */

#define MAX_DEPTH    64
#define MAX_PROBLEMS 100

typedef enum
{
  STEP_MEMBER,
  STEP_INDEX,
  STEP_KEY,
} StepKind;

typedef struct
{
  StepKind    kind;
  guint       index;
  const char *name;
} Step;

typedef struct
{
  char *name;
  char *message;
} Problem;

typedef struct
{
  Step     steps[MAX_DEPTH + 1];
  guint    depth;
  GArray  *problems;     /* of Problem, made with the first one */
  char    *first_path;   /* the first problem's path, in AWS's wording */
  gboolean full;         /* more than MAX_PROBLEMS: the walk stops */
} Walk;

static void
problem_clear (gpointer data)
{
  Problem *problem = data;

  g_free (problem->name);
  g_free (problem->message);
}

static void
push (Walk       *walk,
      StepKind    kind,
      const char *name,
      guint       index)
{
  Step *step = &walk->steps[walk->depth++];

  g_assert (walk->depth <= MAX_DEPTH + 1);
  step->kind = kind;
  step->name = name;
  step->index = index;
}

static inline void
pop (Walk *walk)
{
  walk->depth--;
}

/* The path of the current member: "sourceServers[0].sourceServerID", or
 * the way AWS's messages write it, "sourceServers.1.member.sourceServerID". */
static char *
format_path (Walk     *walk,
             gboolean  aws)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < walk->depth; i++)
    {
      Step *step = &walk->steps[i];

      switch (step->kind)
        {
        case STEP_INDEX:
          if (aws)
            g_string_append_printf (path, ".%u.member", step->index + 1);
          else
            g_string_append_printf (path, "[%u]", step->index);
          break;
        case STEP_MEMBER:
        case STEP_KEY:
        default:
          if (i > 0)
            g_string_append_c (path, '.');
          g_string_append (path, step->name);
          break;
        }
    }
  return g_string_free (path, FALSE);
}

static void
problem (Walk       *walk,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static void
problem (Walk       *walk,
         const char *format,
         ...)
{
  Problem added;
  va_list args;

  if (walk->full)
    return;
  if (walk->problems == NULL)
    {
      walk->problems = g_array_new (FALSE, FALSE, sizeof (Problem));
      g_array_set_clear_func (walk->problems, problem_clear);
      walk->first_path = format_path (walk, TRUE);
    }
  else if (walk->problems->len == MAX_PROBLEMS)
    {
      walk->full = TRUE;
      return;
    }

  va_start (args, format);
  added.message = g_strdup_vprintf (format, args);
  va_end (args);
  added.name = format_path (walk, FALSE);
  g_array_append_val (walk->problems, added);
}

/* Whether @value is a whole number that a gint64 holds (no libm needed). */
static inline gboolean
is_integral (double value)
{
  return value >= -9223372036854775808.0 && value < 9223372036854775808.0 &&
         value == (double) (gint64) value;
}

static void
format_bound (double value,
              char   buffer[G_ASCII_DTOSTR_BUF_SIZE])
{
  if (is_integral (value) && value > -9007199254740992.0 && value < 9007199254740992.0)
    g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, value);
}

/* @what is "length" (strings, blobs, lists, maps) or "value" (numbers). */
static void
check_bounds (Walk       *walk,
              const char *subject,
              const char *what,
              gboolean    has_min,
              double      min,
              gboolean    has_max,
              double      max,
              double      value)
{
  char bound[G_ASCII_DTOSTR_BUF_SIZE];

  if (has_min && value < min)
    {
      format_bound (min, bound);
      problem (walk, "%s must have %s greater than or equal to %s", subject, what, bound);
    }
  if (has_max && value > max)
    {
      format_bound (max, bound);
      problem (walk, "%s must have %s less than or equal to %s", subject, what, bound);
    }
}

/* The number of characters in @text, valid UTF-8: the bytes that do not
 * continue a sequence. Several times faster than g_utf8_strlen(). */
static gsize
count_characters (const char *text)
{
  gsize count = 0;

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    count += (*p & 0xc0) != 0x80;
  return count;
}

static void
check_text (Walk       *walk,
            DrsoShape  *shape,
            const char *subject,
            const char *text)
{
  if (shape->has_min || shape->has_max)
    check_bounds (walk, subject, "length", shape->has_min, shape->min, shape->has_max,
                  shape->max, count_characters (text));

  if (shape->pattern != NULL && !g_regex_match_full (shape->pattern, text, -1, 0, 0, NULL, NULL))
    problem (walk, "%s must satisfy regular expression pattern: %s", subject,
             shape->pattern_source);

  if (shape->enum_values != NULL)
    {
      const char * const *value;

      for (value = shape->enum_values; *value != NULL; value++)
        {
          if (strcmp (*value, text) == 0)
            break;
        }
      if (*value == NULL)
        problem (walk, "%s must satisfy enum value set: %s", subject, shape->enum_text);
    }
}

static GType
value_type (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
}

static const char *
type_problem (DrsoShapeType type)
{
  switch (type)
    {
    case DRSO_SHAPE_STRUCTURE:
      return "Member must be a structure";
    case DRSO_SHAPE_LIST:
      return "Member must be a list";
    case DRSO_SHAPE_MAP:
      return "Member must be a map";
    case DRSO_SHAPE_INTEGER:
    case DRSO_SHAPE_LONG:
      return "Member must be an integer";
    case DRSO_SHAPE_BOOLEAN:
      return "Member must be a boolean";
    case DRSO_SHAPE_TIMESTAMP:
      return "Member must be a timestamp (seconds since 1970, or an ISO 8601 string)";
    case DRSO_SHAPE_DOUBLE:
    case DRSO_SHAPE_FLOAT:
      return "Member must be a number";
    case DRSO_SHAPE_BLOB:
      return "Member must be a base64-encoded string";
    case DRSO_SHAPE_STRING:
    case DRSO_SHAPE_ANY:
    default:
      return "Member must be a string";
    }
}

static void
check_integer (Walk      *walk,
               DrsoShape *shape,
               JsonNode  *node,
               gboolean   from_text)
{
  GType type = value_type (node);
  gboolean has_min = shape->has_min, has_max = shape->has_max;
  double min = shape->min, max = shape->max;
  gint64 value;

  if (type == G_TYPE_INT64)
    {
      value = json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double number = json_node_get_double (node);

      /* 1.0 and 1e3 are integers; 1.5 is not. */
      if (!is_integral (number))
        {
          problem (walk, "%s", type_problem (shape->type));
          return;
        }
      value = (gint64) number;
    }
  else if (type == G_TYPE_STRING && from_text &&
           g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                     &value, NULL))
    {
    }
  else
    {
      problem (walk, "%s", type_problem (shape->type));
      return;
    }

  /* An integer is 32 bits wide: narrow the model's range to that. */
  if (shape->type == DRSO_SHAPE_INTEGER)
    {
      if (!has_min || min < G_MININT32)
        min = G_MININT32;
      if (!has_max || max > G_MAXINT32)
        max = G_MAXINT32;
      has_min = has_max = TRUE;
    }
  check_bounds (walk, "Member", "value", has_min, min, has_max, max, (double) value);
}

static void
check_number (Walk      *walk,
              DrsoShape *shape,
              JsonNode  *node,
              gboolean   from_text)
{
  GType type = value_type (node);
  double value;

  if (type == G_TYPE_INT64)
    {
      value = (double) json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      value = json_node_get_double (node);
    }
  else if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      /* JSON has no literals for these: AWS protocols send them as strings. */
      if (strcmp (text, "NaN") == 0 || strcmp (text, "Infinity") == 0 ||
          strcmp (text, "-Infinity") == 0)
        return;
      value = from_text && text[0] != '\0' ? g_ascii_strtod (text, &end) : 0;
      if (end == NULL || *end != '\0' || !isfinite (value))
        {
          problem (walk, "%s", type_problem (shape->type));
          return;
        }
    }
  else
    {
      problem (walk, "%s", type_problem (shape->type));
      return;
    }
  check_bounds (walk, "Member", "value", shape->has_min, shape->min, shape->has_max, shape->max,
                value);
}

static void
check_timestamp (Walk     *walk,
                 JsonNode *node)
{
  GType type = value_type (node);

  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return;
  if (type == G_TYPE_STRING)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (node), utc);

      if (time == NULL)
        problem (walk, "Member must be a timestamp in ISO 8601 form");
      return;
    }
  problem (walk, "%s", type_problem (DRSO_SHAPE_TIMESTAMP));
}

/* The size of the data @text encodes in base64, or -1 when it is not base64. */
static gssize
base64_size (const char *text)
{
  gsize length = strlen (text), padding = 0;

  if (length % 4 != 0)
    return -1;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=' && i + 2 >= length && (i + 1 == length || text[i + 1] == '='))
        padding++;
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return -1;
    }
  return length / 4 * 3 - padding;
}

static void check_value (Walk      *walk,
                         DrsoShape *shape,
                         JsonNode  *node,
                         gboolean   from_text);

static void
check_structure (Walk       *walk,
                 DrsoShape  *shape,
                 JsonObject *object)
{
  for (guint i = 0; i < shape->n_members && !walk->full; i++)
    {
      DrsoShapeMember *member = &shape->members[i];
      JsonNode *node = json_object_get_member (object, member->key);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        {
          if (member->required)
            {
              push (walk, STEP_MEMBER, member->key, 0);
              problem (walk, "Member must not be null");
              pop (walk);
            }
          continue;
        }
      push (walk, STEP_MEMBER, member->key, 0);
      check_value (walk, member->shape, node,
                   member->location != DRSO_SANDBOX_LOCATION_BODY);
      pop (walk);
    }
}

static void
check_list (Walk      *walk,
            DrsoShape *shape,
            JsonArray *array,
            gboolean   from_text)
{
  guint length = json_array_get_length (array);

  check_bounds (walk, "Member", "length", shape->has_min, shape->min, shape->has_max, shape->max,
                length);
  for (guint i = 0; i < length && !walk->full; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      push (walk, STEP_INDEX, NULL, i);
      if (JSON_NODE_HOLDS_NULL (element))
        problem (walk, "Member must not be null");
      else
        check_value (walk, shape->member, element, from_text);
      pop (walk);
    }
}

static void
check_map (Walk       *walk,
           DrsoShape  *shape,
           JsonObject *object)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  check_bounds (walk, "Member", "length", shape->has_min, shape->min, shape->has_max, shape->max,
                json_object_get_size (object));
  json_object_iter_init_ordered (&iter, object);
  while (!walk->full && json_object_iter_next_ordered (&iter, &key, &value))
    {
      push (walk, STEP_KEY, key, 0);
      if (shape->key->type == DRSO_SHAPE_STRING)
        check_text (walk, shape->key, "Map key", key);
      if (JSON_NODE_HOLDS_NULL (value))
        problem (walk, "Member must not be null");
      else
        check_value (walk, shape->value, value, FALSE);
      pop (walk);
    }
}

static gboolean
deep_enough (Walk *walk)
{
  if (walk->depth < MAX_DEPTH)
    return FALSE;
  problem (walk, "Member must not be nested more than %d levels deep", MAX_DEPTH);
  return TRUE;
}

/* @from_text: the member comes from the URI, the query string or a header,
 * where every scalar is text. */
static void
check_value (Walk      *walk,
             DrsoShape *shape,
             JsonNode  *node,
             gboolean   from_text)
{
  GType type;

  switch (shape->type)
    {
    case DRSO_SHAPE_STRUCTURE:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        problem (walk, "%s", type_problem (shape->type));
      else if (!deep_enough (walk))
        check_structure (walk, shape, json_node_get_object (node));
      break;

    case DRSO_SHAPE_LIST:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        problem (walk, "%s", type_problem (shape->type));
      else if (!deep_enough (walk))
        check_list (walk, shape, json_node_get_array (node), from_text);
      break;

    case DRSO_SHAPE_MAP:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        problem (walk, "%s", type_problem (shape->type));
      else if (!deep_enough (walk))
        check_map (walk, shape, json_node_get_object (node));
      break;

    case DRSO_SHAPE_STRING:
      if (value_type (node) != G_TYPE_STRING)
        problem (walk, "%s", type_problem (shape->type));
      else
        check_text (walk, shape, "Member", json_node_get_string (node));
      break;

    case DRSO_SHAPE_INTEGER:
    case DRSO_SHAPE_LONG:
      check_integer (walk, shape, node, from_text);
      break;

    case DRSO_SHAPE_DOUBLE:
    case DRSO_SHAPE_FLOAT:
      check_number (walk, shape, node, from_text);
      break;

    case DRSO_SHAPE_BOOLEAN:
      type = value_type (node);
      if (type != G_TYPE_BOOLEAN &&
          !(type == G_TYPE_STRING && from_text &&
            (strcmp (json_node_get_string (node), "true") == 0 ||
             strcmp (json_node_get_string (node), "false") == 0)))
        problem (walk, "%s", type_problem (shape->type));
      break;

    case DRSO_SHAPE_TIMESTAMP:
      check_timestamp (walk, node);
      break;

    case DRSO_SHAPE_BLOB:
      {
        gssize size = value_type (node) == G_TYPE_STRING
                      ? base64_size (json_node_get_string (node)) : -1;

        if (size < 0)
          problem (walk, "%s", type_problem (shape->type));
        else
          check_bounds (walk, "Member", "length", shape->has_min, shape->min, shape->has_max,
                        shape->max, size);
      }
      break;

    case DRSO_SHAPE_ANY:
    default:
      break;
    }
}

/* "2 validation errors detected: Value at 'sourceServers.1.member.sourceServerID'
 * failed to satisfy constraint: Member must satisfy regular expression
 * pattern: ^s-[0-9a-zA-Z]{17}$" */
static char *
summary (Walk *walk)
{
  Problem *first = &g_array_index (walk->problems, Problem, 0);
  g_autofree char *count = NULL;

  if (walk->full)
    count = g_strdup_printf ("More than %d validation errors detected", MAX_PROBLEMS);
  else
    count = g_strdup_printf ("%u validation error%s detected", walk->problems->len,
                             walk->problems->len == 1 ? "" : "s");
  if (first->name[0] == '\0')
    return g_strdup_printf ("%s: %s", count, first->message);
  return g_strdup_printf ("%s: Value at '%s' failed to satisfy constraint: %s",
                          count, walk->first_path, first->message);
}

static JsonNode *
build_field_list (Walk *walk)
{
  JsonArray *array = json_array_sized_new (walk->problems->len);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < walk->problems->len; i++)
    {
      Problem *problem = &g_array_index (walk->problems, Problem, i);
      JsonObject *field = json_object_new ();

      json_object_set_string_member (field, "name", problem->name);
      json_object_set_string_member (field, "message", problem->message);
      json_array_add_object_element (array, field);
    }
  json_node_take_array (node, array);
  return node;
}

gboolean
drso_sandbox_model_validate (DrsoSandboxModel  *model,
                             const char        *operation,
                             JsonNode          *input,
                             char             **message,
                             JsonNode         **field_list)
{
  g_autoptr(JsonNode) empty = NULL;
  Walk walk = { .depth = 0, };
  gboolean found;
  DrsoShape *shape;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);

  if (message != NULL)
    *message = NULL;
  if (field_list != NULL)
    *field_list = NULL;

  if (input == NULL)
    {
      /* No body at all reads as {}. */
      input = empty = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (empty, json_object_new ());
    }

  shape = _drso_sandbox_model_get_input (model, operation, &found);
  if (!found)
    {
      g_critical ("%s: the model has no operation “%s”", G_STRFUNC, operation);
      problem (&walk, "The service has no operation %s", operation);
    }
  else if (!JSON_NODE_HOLDS_OBJECT (input))
    {
      problem (&walk, "Input must be a JSON object");
    }
  else if (shape != NULL)
    {
      check_value (&walk, shape, input, FALSE);
    }

  if (walk.problems == NULL)
    return TRUE;

  if (message != NULL)
    *message = summary (&walk);
  if (field_list != NULL)
    *field_list = build_field_list (&walk);
  g_array_unref (walk.problems);
  g_free (walk.first_path);
  return FALSE;
}
