/* drso-aws-credential-process.c
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

#define G_LOG_DOMAIN "drso-aws"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "drso-aws-config-internal.h"
#include "drso-json-private.h"

/* Runs a profile's credential_process and reads the credentials it prints.
 * Its standard output holds secrets: no error message quotes it. */

typedef struct
{
  GCancellable *cancellable;
  GSource      *timeout_source;
  GSource      *cancel_source;
  guint         timeout_ms;
  gboolean      timed_out;
} ProcessData;

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
process_data_free (gpointer user_data)
{
  ProcessData *data = user_data;

  destroy_source (&data->timeout_source);
  destroy_source (&data->cancel_source);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
process_timeout_cb (gpointer user_data)
{
  ProcessData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  ProcessData *data = user_data;

  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
process_error (GTask      *task,
               const char *message)
{
  g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                           "%s", message);
  return FALSE;
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  const char *value = _drso_json_lookup_string (object, name);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* The first line of the process's standard error, unless it might give away
 * a secret: it is left out when it holds a secret value or a part of the
 * standard output. */
static char *
describe_stderr (GBytes     *err,
                 const char *out,
                 JsonObject *object)
{
  static const char * const secret_members[] = { "SecretAccessKey", "SessionToken" };
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  const char *start;
  gsize len;

  if (err == NULL || g_bytes_get_size (err) == 0)
    return NULL;

  text = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  for (start = text; g_ascii_isspace (*start); start++)
    ;
  len = MIN (strcspn (start, "\r\n"), 200);
  line = g_utf8_make_valid (start, len);
  g_strstrip (line);
  for (char *p = line; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        *p = ' ';
    }

  if (line[0] == '\0' || strstr (out, line) != NULL)
    return NULL;

  for (guint i = 0; object != NULL && i < G_N_ELEMENTS (secret_members); i++)
    {
      const char *secret = get_string_member (object, secret_members[i]);

      if (secret != NULL && strstr (line, secret) != NULL)
        return NULL;
    }

  return g_steal_pointer (&line);
}

static gboolean
check_exit_status (GTask       *task,
                   GSubprocess *process,
                   GBytes      *err,
                   const char  *out,
                   JsonObject  *object)
{
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (g_subprocess_get_if_exited (process))
    {
      if (g_subprocess_get_exit_status (process) == 0)
        return TRUE;
      message = g_strdup_printf (_("The credential process exited with status %d"),
                                 g_subprocess_get_exit_status (process));
    }
  else
    {
      message = g_strdup_printf (_("The credential process was killed by signal %d"),
                                 g_subprocess_get_term_sig (process));
    }

  detail = describe_stderr (err, out, object);
  if (detail != NULL)
    {
      char *full = g_strdup_printf ("%s: %s", message, detail);

      g_free (message);
      message = full;
    }

  return process_error (task, message);
}

static gboolean
parse_process_output (GTask       *task,
                      JsonObject  *object)
{
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  JsonNode *version;
  const char *access_key_id;
  const char *secret_access_key;
  const char *expiration;
  gint64 expires = 0;

  if (object == NULL)
    return process_error (task, _("The credential process did not print a JSON object"));

  version = json_object_get_member (object, "Version");
  if (version == NULL)
    return process_error (task, _("The credential process printed no Version"));
  if (!JSON_NODE_HOLDS_VALUE (version) ||
      !((json_node_get_value_type (version) == G_TYPE_INT64 &&
         json_node_get_int (version) == 1) ||
        (json_node_get_value_type (version) == G_TYPE_DOUBLE &&
         json_node_get_double (version) == 1.0)))
    return process_error (task, _("The credential process printed a Version other than 1, "
                                  "the only version supported"));

  if ((access_key_id = get_string_member (object, "AccessKeyId")) == NULL)
    return process_error (task, _("The credential process printed no AccessKeyId"));
  if ((secret_access_key = get_string_member (object, "SecretAccessKey")) == NULL)
    return process_error (task, _("The credential process printed no SecretAccessKey"));

  if (json_object_has_member (object, "Expiration") &&
      !json_object_get_null_member (object, "Expiration"))
    {
      expiration = get_string_member (object, "Expiration");
      if (expiration == NULL || !_drso_aws_parse_iso8601 (expiration, &expires))
        return process_error (task, _("The credential process printed an Expiration "
                                      "that is not an ISO 8601 time"));
    }

  credentials = drso_aws_credentials_new (access_key_id, secret_access_key,
                                          get_string_member (object, "SessionToken"),
                                          expires);
  drso_aws_credentials_set_account_id (credentials, get_string_member (object, "AccountId"));
  g_task_return_pointer (task, g_steal_pointer (&credentials),
                         (GDestroyNotify) drso_aws_credentials_unref);
  return TRUE;
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr(GTask) task = user_data;
  ProcessData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *out_text = NULL;
  JsonNode *root;
  JsonObject *json = NULL;

  destroy_source (&data->timeout_source);
  destroy_source (&data->cancel_source);

  if (!g_subprocess_communicate_finish (process, result, &out, &err, &error))
    {
      g_subprocess_force_exit (process);
      if (data->timed_out)
        {
          guint seconds = MAX (1, (data->timeout_ms + 999) / 1000);

          g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "The credential process did not finish "
                                                "within %u second",
                                                "The credential process did not finish "
                                                "within %u seconds",
                                                seconds),
                                   seconds);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                                 _("Could not read the output of the credential process: %s"),
                                 error->message);
      return;
    }

  /* The output holds secrets: it never goes into a message. */
  out_text = g_bytes_get_size (out) > 0
               ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out))
               : g_strdup ("");
  parser = json_parser_new ();
  if (_drso_json_check_text (out_text, -1, DRSO_JSON_MAX_DEPTH, NULL) &&
      json_parser_load_from_data (parser, out_text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (root))
    json = json_node_get_object (root);

  if (check_exit_status (task, process, err, out_text, json))
    {
      if (json == NULL && g_bytes_get_size (out) == 0)
        process_error (task, _("The credential process printed nothing"));
      else
        parse_process_output (task, json);
    }

  memset (out_text, 0, strlen (out_text));
}

/**
 * drso_aws_run_credential_process_full_async:
 * @command: the credential_process command line
 * @timeout_ms: how long the process may take, in milliseconds
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the process has finished
 * @user_data: data for @callback
 *
 * Splits @command like a shell and runs it without one. It must exit with
 * status 0 and print credentials as JSON (Version 1). Errors are
 * %DRSO_AWS_CONFIG_ERROR_PROCESS; their messages never quote the output.
 */
void
drso_aws_run_credential_process_full_async (const char          *command,
                                            guint                timeout_ms,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  ProcessData *data;

  g_return_if_fail (command != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, drso_aws_run_credential_process_full_async);

  data = g_new0 (ProcessData, 1);
  data->cancellable = g_cancellable_new ();
  data->timeout_ms = timeout_ms;
  g_task_set_task_data (task, data, process_data_free);

  if (!g_shell_parse_argv (command, NULL, &argv, &error))
    {
      g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_INVALID,
                               _("The credential_process command cannot be read: %s"),
                               error->message);
      return;
    }

  process = g_subprocess_newv ((const char * const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  if (process == NULL)
    {
      g_task_return_new_error (task, DRSO_AWS_CONFIG_ERROR, DRSO_AWS_CONFIG_ERROR_PROCESS,
                               _("The credential process could not start: %s"),
                               error->message);
      return;
    }

  if (cancellable != NULL)
    {
      /* The task returns the caller's cancellation itself; this only stops
       * the process. */
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (caller_cancelled_cb), data, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }

  data->timeout_source = g_timeout_source_new (timeout_ms);
  g_source_set_callback (data->timeout_source, process_timeout_cb, data, NULL);
  g_source_attach (data->timeout_source, g_task_get_context (task));

  g_subprocess_communicate_async (process, NULL, data->cancellable,
                                  communicate_cb, g_steal_pointer (&task));
}

/**
 * drso_aws_run_credential_process_async:
 * @command: the credential_process command line
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the process has finished
 * @user_data: data for @callback
 *
 * Runs @command with a timeout of %DRSO_AWS_CREDENTIAL_PROCESS_TIMEOUT
 * seconds: see drso_aws_run_credential_process_full_async().
 */
void
drso_aws_run_credential_process_async (const char          *command,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  drso_aws_run_credential_process_full_async (command,
                                              DRSO_AWS_CREDENTIAL_PROCESS_TIMEOUT * 1000,
                                              cancellable, callback, user_data);
}

/**
 * drso_aws_run_credential_process_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the credentials, or %NULL on error
 */
DrsoAwsCredentials *
drso_aws_run_credential_process_finish (GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        drso_aws_run_credential_process_full_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
