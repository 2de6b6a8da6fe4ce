/* drso-sandbox-sts.c
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

#include "drso-sandbox-query-private.h"

/* The STS service of the Sandbox (protocol "query", version 2011-06-15):
 * GetCallerIdentity and AssumeRole. The parameters are checked as STS
 * checks them, with its ValidationError messages ("1 validation error
 * detected: Value … at 'roleSessionName' failed to satisfy constraint:
 * …"); the world decides who may assume which role. */

#define STS_VERSION "2011-06-15"
#define STS_XMLNS   "https://sts.amazonaws.com/doc/2011-06-15/"

/* What AssumeRole takes when it is not told (seconds). */
#define DEFAULT_DURATION  3600
/* A session may assume a role for an hour at most ("role chaining"). */
#define CHAINED_DURATION  3600

typedef struct
{
  DrsoSandboxWorld          *world;
  const DrsoSandboxIdentity *caller;
  GHashTable                *params;
  const char                *action;
  char                      *request_id;
  DrsoSandboxQueryReply     *reply;
} Call;

static void G_GNUC_PRINTF (4, 5)
fail (Call       *call,
      guint       status,
      const char *code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  drso_sandbox_sts_error_reply (call->reply, status, code, message, call->request_id);
}

static DrsoSandboxXml *
begin_response (Call *call)
{
  g_autofree char *root = g_strconcat (call->action, "Response", NULL);
  g_autofree char *result = g_strconcat (call->action, "Result", NULL);
  DrsoSandboxXml *xml = drso_sandbox_xml_new (root, STS_XMLNS);

  drso_sandbox_xml_open (xml, result);
  return xml;
}

static void
end_response (Call           *call,
              DrsoSandboxXml *xml)
{
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_leaves (xml, "ResponseMetadata", "RequestId", call->request_id, NULL);
  drso_sandbox_query_reply_take (call->reply, 200, drso_sandbox_xml_end (xml));
}

static void
get_caller_identity (Call *call)
{
  DrsoSandboxXml *xml = begin_response (call);

  drso_sandbox_xml_leaves (xml, NULL, "UserId", call->caller->user_id,
                           "Account", call->caller->account_id,
                           "Arn", call->caller->arn, NULL);
  end_response (call, xml);
}

/* Checks */

/* Whether every character of @text is a word character or one of
 * @others: the [\w…]* patterns of the STS model. */
static gboolean
is_word_text (const char *text,
              const char *others)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && strchr (others, *p) == NULL)
      return FALSE;
  return TRUE;
}

/* Characters of the model's pattern for ARNs and policies: tab, LF, CR
 * and the printable ones, ASCII or not. */
static gboolean
is_printable_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\t' && c != '\n' && c != '\r' && (c < 0x20 || c == 0x7F ||
                                                  (c >= 0x80 && c < 0xA0 && c != 0x85)))
        return FALSE;
    }
  return TRUE;
}

/* Adds a constraint failure of @member, in STS's words. */
static void
violation (GPtrArray  *violations,
           const char *value,
           const char *member,
           const char *constraint)
{
  if (value == NULL)
    g_ptr_array_add (violations,
                     g_strdup_printf ("Value null at '%s' failed to satisfy constraint: %s",
                                      member, constraint));
  else
    g_ptr_array_add (violations,
                     g_strdup_printf ("Value '%s' at '%s' failed to satisfy constraint: %s",
                                      value, member, constraint));
}

/* Checks the length (in characters) and the characters of a string
 * member; @pattern names the pattern in messages. */
static void
check_string (GPtrArray   *violations,
              const char  *value,
              const char  *member,
              gboolean     required,
              glong        min,
              glong        max,
              gboolean     valid,
              const char  *pattern)
{
  glong length;

  if (value == NULL)
    {
      if (required)
        violation (violations, NULL, member, "Member must not be null");
      return;
    }
  length = g_utf8_validate (value, -1, NULL) ? g_utf8_strlen (value, -1) : (glong) strlen (value);
  if (length < min)
    {
      g_autofree char *constraint =
        g_strdup_printf ("Member must have length greater than or equal to %ld", min);
      violation (violations, value, member, constraint);
    }
  else if (length > max)
    {
      g_autofree char *constraint =
        g_strdup_printf ("Member must have length less than or equal to %ld", max);
      violation (violations, value, member, constraint);
    }
  else if (!valid)
    {
      g_autofree char *constraint =
        g_strdup_printf ("Member must satisfy regular expression pattern: %s", pattern);
      violation (violations, value, member, constraint);
    }
}

static void
assume_role (Call *call)
{
  const char *role_arn = drso_sandbox_query_get (call->params, "RoleArn");
  const char *session_name = drso_sandbox_query_get (call->params, "RoleSessionName");
  const char *external_id = drso_sandbox_query_get (call->params, "ExternalId");
  const char *duration_text = drso_sandbox_query_get (call->params, "DurationSeconds");
  const char *source_identity = drso_sandbox_query_get (call->params, "SourceIdentity");
  g_autoptr(GPtrArray) violations = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSandboxIdentity) session = NULL;
  g_autofree char *expiration = NULL;
  gint64 duration = DEFAULT_DURATION;
  DrsoSandboxXml *xml;

  check_string (violations, role_arn, "roleArn", TRUE, 20, 2048,
                role_arn != NULL && is_printable_text (role_arn),
                "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD"
                "\\u10000-\\u10FFFF]+");
  check_string (violations, session_name, "roleSessionName", TRUE, 2, 64,
                session_name != NULL && is_word_text (session_name, "+=,.@-"),
                "[\\w+=,.@-]*");
  if (duration_text != NULL)
    {
      if (!g_ascii_string_to_signed (duration_text, 10, G_MININT32, G_MAXINT32, &duration, NULL))
        violation (violations, duration_text, "durationSeconds", "Member must be a number");
      else if (duration < 900)
        violation (violations, duration_text, "durationSeconds",
                   "Member must have value greater than or equal to 900");
      else if (duration > 43200)
        violation (violations, duration_text, "durationSeconds",
                   "Member must have value less than or equal to 43200");
    }
  check_string (violations, external_id, "externalId", FALSE, 2, 1224,
                external_id != NULL && is_word_text (external_id, "+=,.@:/-"),
                "[\\w+=,.@:/-]*");
  check_string (violations, source_identity, "sourceIdentity", FALSE, 2, 64,
                source_identity != NULL && is_word_text (source_identity, "+=,.@-"),
                "[\\w+=,.@-]*");

  if (violations->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (violations, NULL);
      list = g_strjoinv ("; ", (GStrv) violations->pdata);
      fail (call, 400, "ValidationError", "%u validation error%s detected: %s",
            violations->len - 1, violations->len == 2 ? "" : "s", list);
      return;
    }

  if (!g_str_has_prefix (role_arn, "arn:") || strchr (role_arn, '/') == NULL)
    {
      fail (call, 400, "ValidationError", "%s is invalid", role_arn);
      return;
    }
  if (call->caller->session_token != NULL && duration > CHAINED_DURATION)
    {
      fail (call, 400, "ValidationError",
            "The requested DurationSeconds exceeds the 1 hour session limit for roles "
            "assumed by role chaining.");
      return;
    }

  session = drso_sandbox_world_assume_role (call->world, call->caller, role_arn, external_id,
                                            session_name, (guint) duration, &error);
  if (session == NULL)
    {
      if (g_error_matches (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_ACCESS_DENIED) ||
          g_error_matches (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_NOT_FOUND))
        fail (call, 403, "AccessDenied",
              "User: %s is not authorized to perform: sts:AssumeRole on resource: %s",
              call->caller->arn, role_arn);
      else if (g_error_matches (error, DRSO_SANDBOX_ERROR, DRSO_SANDBOX_ERROR_VALIDATION))
        fail (call, 400, "ValidationError", "%s", error->message);
      else
        {
          g_debug ("AssumeRole failed: %s", error ? error->message : "(no error)");
          fail (call, 500, "InternalFailure", "An internal error occurred.");
        }
      return;
    }

  expiration = drso_sandbox_query_format_time (session->expiration, FALSE);
  xml = begin_response (call);
  drso_sandbox_xml_leaves (xml, "Credentials", "AccessKeyId", session->access_key_id,
                           "SecretAccessKey", session->secret_access_key,
                           "SessionToken", session->session_token,
                           "Expiration", expiration, NULL);
  drso_sandbox_xml_leaves (xml, "AssumedRoleUser", "AssumedRoleId", session->user_id,
                           "Arn", session->arn, NULL);
  drso_sandbox_xml_text (xml, "SourceIdentity", source_identity);
  end_response (call, xml);
}

/* The service */

static const struct
{
  const char *name;
  void      (*handle) (Call *call);
} actions[] = {
  { "AssumeRole", assume_role },
  { "GetCallerIdentity", get_caller_identity },
};

static guint
find_action (const char *action)
{
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, action))
      return i;
  return G_N_ELEMENTS (actions);
}

gboolean
drso_sandbox_sts_has_action (const char *action)
{
  return find_action (action) < G_N_ELEMENTS (actions);
}

/* STS finds an operation by action and version together: an unknown
 * Version, or none, is an InvalidAction ("Could not find operation
 * GetCallerIdentity for version NO_VERSION_SPECIFIED"). Parameters it does
 * not know (Policy, PolicyArns, Tags, …) are taken and ignored. */
void
drso_sandbox_sts_handle (DrsoSandboxWorld          *world,
                         const DrsoSandboxIdentity *caller,
                         GHashTable                *params,
                         const char                *request_id,
                         DrsoSandboxQueryReply     *reply)
{
  Call call = { world, caller, params, NULL, NULL, reply };
  const char *version = drso_sandbox_query_get (params, "Version");
  guint index;

  call.request_id = drso_sandbox_query_request_id (request_id);
  call.action = drso_sandbox_query_get (params, "Action");
  index = find_action (call.action);

  if (call.action == NULL || *call.action == '\0')
    fail (&call, 400, "MissingAction", "Missing Action");
  else if (index == G_N_ELEMENTS (actions) || version == NULL ||
           !g_str_equal (version, STS_VERSION))
    fail (&call, 400, "InvalidAction", "Could not find operation %s for version %s",
          call.action, version != NULL && *version != '\0' ? version : "NO_VERSION_SPECIFIED");
  else if (caller == NULL || caller->account_id == NULL)
    fail (&call, 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
  else
    actions[index].handle (&call);

  g_free (call.request_id);
}

void
drso_sandbox_sts_error_reply (DrsoSandboxQueryReply *reply,
                              guint                  status,
                              const char            *code,
                              const char            *message,
                              const char            *request_id)
{
  g_autofree char *id = drso_sandbox_query_request_id (request_id);
  DrsoSandboxXml *xml = drso_sandbox_xml_new ("ErrorResponse", STS_XMLNS);

  drso_sandbox_xml_leaves (xml, "Error", "Type", status >= 500 ? "Receiver" : "Sender",
                           "Code", code, "Message", message, NULL);
  drso_sandbox_xml_text (xml, "RequestId", id);
  drso_sandbox_query_reply_take (reply, status, drso_sandbox_xml_end (xml));
}
