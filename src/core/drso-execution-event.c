/* drso-execution-event.c
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
#include "drso-run-private.h"

/**
 * DrsoExecutionEvent:
 *
 * One line of an execution's log: when, which wave and server, what kind of
 * step, a sentence, and who or what acted. Times are in microseconds since
 * 1970; their JSON form is an ISO 8601 date with microseconds.
 */
struct _DrsoExecutionEvent
{
  GObject parent_instance;

  char          *execution_id;
  char          *server_id;
  char          *message;
  char          *actor;
  gint64         event_id;
  gint64         time;
  guint          wave_number;
  DrsoEventKind  kind;
};

G_DEFINE_FINAL_TYPE (DrsoExecutionEvent, drso_execution_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_EXECUTION_ID,
  PROP_TIME,
  PROP_WAVE_NUMBER,
  PROP_SERVER_ID,
  PROP_KIND,
  PROP_MESSAGE,
  PROP_ACTOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drso_execution_event_finalize (GObject *object)
{
  DrsoExecutionEvent *self = (DrsoExecutionEvent *) object;

  g_clear_pointer (&self->execution_id, g_free);
  g_clear_pointer (&self->server_id, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->actor, g_free);

  G_OBJECT_CLASS (drso_execution_event_parent_class)->finalize (object);
}

static void
drso_execution_event_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DrsoExecutionEvent *self = DRSO_EXECUTION_EVENT (object);

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;
    case PROP_EXECUTION_ID:
      g_value_set_string (value, self->execution_id);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_WAVE_NUMBER:
      g_value_set_uint (value, self->wave_number);
      break;
    case PROP_SERVER_ID:
      g_value_set_string (value, self->server_id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_execution_event_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  DrsoExecutionEvent *self = DRSO_EXECUTION_EVENT (object);

  switch (prop_id)
    {
    case PROP_EXECUTION_ID:
      self->execution_id = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_MESSAGE:
      self->message = g_value_dup_string (value);
      break;
    case PROP_TIME:
      drso_execution_event_set_time (self, g_value_get_int64 (value));
      break;
    case PROP_WAVE_NUMBER:
      drso_execution_event_set_wave_number (self, g_value_get_uint (value));
      break;
    case PROP_SERVER_ID:
      drso_execution_event_set_server_id (self, g_value_get_string (value));
      break;
    case PROP_ACTOR:
      drso_execution_event_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_execution_event_class_init (DrsoExecutionEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = drso_execution_event_finalize;
  object_class->get_property = drso_execution_event_get_property;
  object_class->set_property = drso_execution_event_set_property;

  properties[PROP_EVENT_ID] = g_param_spec_int64 ("event-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXECUTION_ID] = g_param_spec_string ("execution-id", NULL, NULL, NULL,
                                                       construct);
  properties[PROP_TIME] = g_param_spec_int64 ("time", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_WAVE_NUMBER] = g_param_spec_uint ("wave-number", NULL, NULL, 0, G_MAXUINT, 0,
                                                    flags);
  properties[PROP_SERVER_ID] = g_param_spec_string ("server-id", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, DRSO_TYPE_EVENT_KIND,
                                             DRSO_EVENT_KIND_INFO, construct);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, construct);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_execution_event_init (DrsoExecutionEvent *self)
{
}

/**
 * drso_execution_event_new:
 * @execution_id: the execution the event belongs to
 * @kind: what the event records
 * @message: a sentence for the log
 *
 * Creates an event timed now.
 *
 * Returns: (transfer full): a new #DrsoExecutionEvent
 */
DrsoExecutionEvent *
drso_execution_event_new (const char    *execution_id,
                          DrsoEventKind  kind,
                          const char    *message)
{
  DrsoExecutionEvent *self = g_object_new (DRSO_TYPE_EXECUTION_EVENT,
                                           "execution-id", execution_id,
                                           "kind", kind,
                                           "message", message,
                                           NULL);
  self->time = g_get_real_time ();
  return self;
}

void
_drso_execution_event_set_event_id (DrsoExecutionEvent *self,
                                    gint64              event_id)
{
  self->event_id = event_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_ID]);
}

/**
 * drso_execution_event_new_from_json:
 * @node: a JSON object as drso_execution_event_to_json() writes it
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the event, or %NULL on error
 */
DrsoExecutionEvent *
drso_execution_event_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  JsonObject *object = _drso_json_node_get_object (node, NULL, error);
  g_autoptr(DrsoExecutionEvent) self = NULL;
  g_autofree char *execution_id = NULL, *kind = NULL, *message = NULL;
  DrsoEventKind event_kind;
  gint64 wave = 0;

  if (object == NULL ||
      !_drso_json_get_string (object, NULL, "executionId", TRUE, &execution_id, error) ||
      !_drso_json_get_string (object, NULL, "kind", TRUE, &kind, error) ||
      !_drso_json_get_string (object, NULL, "message", TRUE, &message, error))
    return NULL;

  if (!drso_event_kind_from_string (kind, &event_kind))
    {
      g_set_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                   _("kind is “%s”, not an event kind"), kind);
      return NULL;
    }

  self = drso_execution_event_new (execution_id, event_kind, message);
  if (!_drso_json_get_int (object, NULL, "eventId", FALSE, 0, G_MAXINT64, &self->event_id,
                           error) ||
      !_drso_json_get_timestamp_us (object, NULL, "time", TRUE, &self->time, error) ||
      !_drso_json_get_int (object, NULL, "waveNumber", FALSE, 0, 10000, &wave, error) ||
      !_drso_json_get_string (object, NULL, "serverId", FALSE, &self->server_id, error) ||
      !_drso_json_get_string (object, NULL, "actor", FALSE, &self->actor, error))
    return NULL;

  self->wave_number = (guint) wave;
  return g_steal_pointer (&self);
}

/**
 * drso_execution_event_to_json:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: (transfer full): the event as a JSON object
 */
JsonNode *
drso_execution_event_to_json (DrsoExecutionEvent *self)
{
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), NULL);

  object = json_object_new ();
  if (self->event_id != 0)
    json_object_set_int_member (object, "eventId", self->event_id);
  _drso_json_set_string (object, "executionId", self->execution_id);
  _drso_json_set_timestamp_us (object, "time", self->time);
  if (self->wave_number != 0)
    json_object_set_int_member (object, "waveNumber", self->wave_number);
  _drso_json_set_string (object, "serverId", self->server_id);
  json_object_set_string_member (object, "kind", drso_event_kind_to_string (self->kind));
  _drso_json_set_string (object, "message", self->message);
  _drso_json_set_string (object, "actor", self->actor);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * drso_execution_event_get_event_id:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: the event's place in the log, or 0 before it is stored
 */
gint64
drso_execution_event_get_event_id (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), 0);
  return self->event_id;
}

/**
 * drso_execution_event_get_execution_id:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: the id of the execution
 */
const char *
drso_execution_event_get_execution_id (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), NULL);
  return self->execution_id;
}

/**
 * drso_execution_event_get_time:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: when the event happened, in microseconds since 1970
 */
gint64
drso_execution_event_get_time (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), 0);
  return self->time;
}

/**
 * drso_execution_event_set_time:
 * @self: a #DrsoExecutionEvent
 * @time_us: microseconds since 1970
 */
void
drso_execution_event_set_time (DrsoExecutionEvent *self,
                               gint64              time_us)
{
  g_return_if_fail (DRSO_IS_EXECUTION_EVENT (self));
  if (self->time == time_us)
    return;
  self->time = time_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/**
 * drso_execution_event_get_wave_number:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: the wave the event concerns, or 0 for the whole execution
 */
guint
drso_execution_event_get_wave_number (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), 0);
  return self->wave_number;
}

/**
 * drso_execution_event_set_wave_number:
 * @self: a #DrsoExecutionEvent
 * @wave_number: a wave number, or 0
 */
void
drso_execution_event_set_wave_number (DrsoExecutionEvent *self,
                                      guint               wave_number)
{
  g_return_if_fail (DRSO_IS_EXECUTION_EVENT (self));
  if (self->wave_number == wave_number)
    return;
  self->wave_number = wave_number;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAVE_NUMBER]);
}

/**
 * drso_execution_event_get_server_id:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: (nullable): the server the event concerns
 */
const char *
drso_execution_event_get_server_id (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), NULL);
  return self->server_id;
}

/**
 * drso_execution_event_set_server_id:
 * @self: a #DrsoExecutionEvent
 * @server_id: (nullable): a source server id
 */
void
drso_execution_event_set_server_id (DrsoExecutionEvent *self,
                                    const char         *server_id)
{
  g_return_if_fail (DRSO_IS_EXECUTION_EVENT (self));
  if (g_strcmp0 (self->server_id, server_id) == 0)
    return;
  g_free (self->server_id);
  self->server_id = g_strdup (server_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_ID]);
}

/**
 * drso_execution_event_get_kind:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: what the event records
 */
DrsoEventKind
drso_execution_event_get_kind (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), DRSO_EVENT_KIND_INFO);
  return self->kind;
}

/**
 * drso_execution_event_get_message:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: the event's sentence
 */
const char *
drso_execution_event_get_message (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), NULL);
  return self->message;
}

/**
 * drso_execution_event_get_actor:
 * @self: a #DrsoExecutionEvent
 *
 * Returns: (nullable): who or what acted: a user, or `engine`
 */
const char *
drso_execution_event_get_actor (DrsoExecutionEvent *self)
{
  g_return_val_if_fail (DRSO_IS_EXECUTION_EVENT (self), NULL);
  return self->actor;
}

/**
 * drso_execution_event_set_actor:
 * @self: a #DrsoExecutionEvent
 * @actor: (nullable): who or what acted
 */
void
drso_execution_event_set_actor (DrsoExecutionEvent *self,
                                const char         *actor)
{
  g_return_if_fail (DRSO_IS_EXECUTION_EVENT (self));
  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}
