/* drso-engine-requests.c
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

/* Controls across processes. drso_engine_request_async() applies a control
 * here when it can: this engine drives the execution, or no live process
 * does. When another process drives it (its lease), the control is written
 * to the store as a request; that process's engine, which looks for
 * requests twice a second while it drives anything, takes it, applies it
 * and writes the outcome, which the asker reads. So `drso executions pause`
 * works while the app drives the execution, and the other way round. */

#define G_LOG_DOMAIN "drso-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "drso-engine-private.h"
#include "drso-error.h"
#include "drso-store-requests-private.h"

#define WATCH_INTERVAL_MS  500
#define ANSWER_INTERVAL_MS 100

static const char * const control_names[] = {
  [DRSO_ENGINE_CONTROL_PAUSE] = "pause",
  [DRSO_ENGINE_CONTROL_RESUME] = "resume",
  [DRSO_ENGINE_CONTROL_CANCEL] = "cancel",
  [DRSO_ENGINE_CONTROL_RETRY_WAVE] = "retry-wave",
  [DRSO_ENGINE_CONTROL_SKIP_WAVE] = "skip-wave",
};

static gboolean
parse_control (const char        *name,
               DrsoEngineControl *control)
{
  for (guint i = 0; i < G_N_ELEMENTS (control_names); i++)
    {
      if (g_strcmp0 (name, control_names[i]) == 0)
        {
          *control = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * drso_engine_control:
 * @self: a #DrsoEngine
 * @execution_id: an execution
 * @control: what to do
 * @error: return location for a #GError
 *
 * Applies @control in this process: drso_engine_pause(),
 * drso_engine_resume() and so on. It fails with %DRSO_STORE_ERROR_LEASED
 * if another live process drives the execution; drso_engine_request_async()
 * asks that process instead.
 *
 * Returns: %TRUE if the control is applied
 */
gboolean
drso_engine_control (DrsoEngine         *self,
                     const char         *execution_id,
                     DrsoEngineControl   control,
                     GError            **error)
{
  g_return_val_if_fail (DRSO_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (execution_id != NULL, FALSE);

  switch (control)
    {
    case DRSO_ENGINE_CONTROL_PAUSE:
      return drso_engine_pause (self, execution_id, error);
    case DRSO_ENGINE_CONTROL_RESUME:
      return drso_engine_resume (self, execution_id, error);
    case DRSO_ENGINE_CONTROL_CANCEL:
      return drso_engine_cancel (self, execution_id, error);
    case DRSO_ENGINE_CONTROL_RETRY_WAVE:
      return drso_engine_retry_wave (self, execution_id, error);
    case DRSO_ENGINE_CONTROL_SKIP_WAVE:
      return drso_engine_skip_wave (self, execution_id, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The driver's side */

static void
answer_requests (DrsoEngine *self,
                 const char *execution_id)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;

  requests = _drso_store_pending_requests (self->store, execution_id, &error);
  if (requests == NULL)
    {
      g_debug ("Could not read the requests for %s: %s", execution_id, error->message);
      return;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      DrsoStoreRequest *request = g_ptr_array_index (requests, i);
      g_autoptr(GError) outcome = NULL;
      DrsoEngineControl control;

      if (!_drso_store_take_request (self->store, request->request_id, self->owner, &error))
        {
          if (error != NULL)
            g_debug ("Could not take request %" G_GINT64_FORMAT ": %s", request->request_id,
                     error->message);
          g_clear_error (&error);
          continue;
        }
      g_debug ("%s asks %s to %s %s", request->requested_by, self->owner, request->control,
               execution_id);
      if (!parse_control (request->control, &control))
        /* TRANSLATORS: %s is a control’s name, such as “pause” */
        g_set_error (&outcome, DRSO_ENGINE_ERROR, DRSO_ENGINE_ERROR_WRONG_STATE,
                     _("The process driving the execution does not know the control “%s”"),
                     request->control);
      else
        drso_engine_control (self, execution_id, control, &outcome);
      if (!_drso_store_answer_request (self->store, request->request_id, outcome, &error))
        {
          g_warning ("Could not answer request %" G_GINT64_FORMAT ": %s", request->request_id,
                     error->message);
          g_clear_error (&error);
        }
    }
}

static gboolean
watch_cb (gpointer user_data)
{
  DrsoEngine *self = user_data;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->runs) == 0)
    {
      self->requests_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Applying a control may add or remove runs: walk a copy of the ids. */
  g_hash_table_iter_init (&iter, self->runs);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (self->runs, g_ptr_array_index (ids, i)))
      answer_requests (self, g_ptr_array_index (ids, i));
  return G_SOURCE_CONTINUE;
}

/* Looks for requests while this engine drives executions: called when a
 * run starts; the watch ends by itself once there is none. */
void
_drso_engine_watch_requests (DrsoEngine *self)
{
  if (self->requests_id == 0)
    self->requests_id = g_timeout_add (WATCH_INTERVAL_MS, watch_cb, self);
}

/* The asker's side */

typedef struct
{
  char              *execution_id;
  DrsoEngineControl  control;
  gint64             request_id;
  gint64             deadline;   /* monotonic µs */
  guint              poll_id;
} Request;

static void
request_free (Request *request)
{
  g_clear_handle_id (&request->poll_id, g_source_remove);
  g_free (request->execution_id);
  g_free (request);
}

static void
request_return (GTask  *task,
                GError *error)
{
  Request *request = g_task_get_task_data (task);

  g_clear_handle_id (&request->poll_id, g_source_remove);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  DrsoEngine *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) outcome = NULL;
  gboolean answered = FALSE;

  if (!_drso_store_read_answer (self->store, request->request_id, &answered, &outcome, &error))
    {
      request->poll_id = 0;
      request_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  if (answered)
    {
      request->poll_id = 0;
      request_return (task, g_steal_pointer (&outcome));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  /* Cancelled: withdrawn, unless the driver took it already (then its
   * answer is awaited, as the control is being applied). */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)) &&
      _drso_store_withdraw_request (self->store, request->request_id, NULL))
    {
      request->poll_id = 0;
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  /* Not taken in time: withdraw it, unless the driver takes it now. */
  if (g_get_monotonic_time () >= request->deadline &&
      _drso_store_withdraw_request (self->store, request->request_id, NULL))
    {
      g_autofree char *owner = drso_store_dup_lease_owner (self->store, request->execution_id,
                                                           NULL);

      request->poll_id = 0;
      request_return (task, g_error_new (DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED,
                                         /* TRANSLATORS: an execution id, a process, seconds */
                                         _("The execution %s is driven by %s, which did not take "
                                           "the request within %d seconds. Is it stopped? If "
                                           "that process has ended, try again in 30 seconds"),
                                         request->execution_id, owner ? owner : "?",
                                         DRSO_ENGINE_REQUEST_TIMEOUT_SECONDS));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/**
 * drso_engine_request_async:
 * @self: a #DrsoEngine
 * @execution_id: an execution
 * @control: what to do
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the control is applied or refused
 * @user_data: data for @callback
 *
 * Applies @control to the execution wherever it is driven: in this engine,
 * by this engine if no live process drives it (then this engine drives it
 * from now on), or by the process that does, which is asked through the
 * store. That process must take the request within
 * %DRSO_ENGINE_REQUEST_TIMEOUT_SECONDS. The errors are those of the control
 * (the permission, %DRSO_ENGINE_ERROR_WRONG_STATE, …), wherever it ran.
 */
void
drso_engine_request_async (DrsoEngine          *self,
                           const char          *execution_id,
                           DrsoEngineControl    control,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Request *request;

  g_return_if_fail (DRSO_IS_ENGINE (self));
  g_return_if_fail (execution_id != NULL);
  g_return_if_fail ((guint) control < G_N_ELEMENTS (control_names));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_engine_request_async);

  if (drso_engine_control (self, execution_id, control, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!g_error_matches (error, DRSO_STORE_ERROR, DRSO_STORE_ERROR_LEASED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);

  request = g_new0 (Request, 1);
  request->execution_id = g_strdup (execution_id);
  request->control = control;
  request->deadline = g_get_monotonic_time () +
                      (gint64) DRSO_ENGINE_REQUEST_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->request_id = _drso_store_post_request (self->store, execution_id,
                                                  control_names[control], self->owner, &error);
  if (request->request_id == 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  request->poll_id = g_timeout_add (ANSWER_INTERVAL_MS, poll_cb, g_object_ref (task));
}

/**
 * drso_engine_request_finish:
 * @self: a #DrsoEngine
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the control was applied
 */
gboolean
drso_engine_request_finish (DrsoEngine    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
