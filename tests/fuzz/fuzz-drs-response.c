/* fuzz-drs-response.c
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

/* The answers of DRS (rest-json) as the client reads them: the body goes
 * through every reader of drso-drs-parse.c: as a whole answer (a launch or
 * replication configuration, the tags of ListTagsForResource), through its
 * "items" (as the Describe* pages hold them: source servers, jobs, job log
 * items, recovery instances and snapshots) and its "job" (StartRecovery,
 * TerminateRecoveryInstances). Whatever reads is freed; a source server
 * must survive the store's round trip. The body is also read as an error
 * answer (with and without X-Amzn-Errortype), mapped to a GError and a
 * retry decision as the client does, and its text as an ISO 8601 time and
 * duration. */

#include "config.h"

#include "drso-aws-client-private.h"
#include "drso-aws-error-private.h"
#include "drso-aws-retry-private.h"
#include "drso-drs-parse-private.h"
#include "drso-fuzz.h"
#include "drso-json-private.h"

/* Runs one reader; an object and an error never come together. */
#define READ(parse, item)                                           \
  G_STMT_START {                                                    \
    g_autoptr(GError) read_error_ = NULL;                           \
    gpointer read_object_ = parse ((item), &read_error_);           \
                                                                    \
    drso_fuzz_check ((read_object_ == NULL) == (read_error_ != NULL)); \
    g_clear_object (&read_object_);                                 \
  } G_STMT_END

static void
read_source_server (JsonNode *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DrsoSourceServer) server = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(DrsoSourceServer) again = NULL;
  g_autoptr(JsonNode) rewritten = NULL;

  server = _drso_drs_parse_source_server (item, "123456789012", "us-east-1", &error);
  drso_fuzz_check ((server == NULL) == (error != NULL));
  if (server == NULL)
    return;

  /* Discovery stores what it read; the store reads it back. */
  written = drso_source_server_to_json (server);
  again = drso_source_server_new_from_json (written, &error);
  drso_fuzz_check_read_back ("DrsoSourceServer", written, again, error);
  rewritten = drso_source_server_to_json (again);
  drso_fuzz_check_same_json ("DrsoSourceServer", written, rewritten);
}

static void
read_item (JsonNode *item)
{
  read_source_server (item);
  READ (_drso_drs_parse_job, item);
  READ (_drso_drs_parse_job_log_item, item);
  READ (_drso_drs_parse_recovery_instance, item);
  READ (_drso_drs_parse_recovery_snapshot, item);
}

static void
read_answer (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) tags = NULL;
  JsonObject *object;
  JsonNode *member;

  READ (_drso_drs_parse_launch_configuration, root);
  READ (_drso_drs_parse_replication_configuration, root);
  tags = _drso_drs_parse_tags (root, &error);
  drso_fuzz_check ((tags == NULL) == (error != NULL));

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  member = json_object_get_member (object, "items");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    {
      JsonArray *items = json_node_get_array (member);

      for (guint i = 0; i < json_array_get_length (items); i++)
        read_item (json_array_get_element (items, i));
    }

  member = json_object_get_member (object, "job");
  if (member != NULL)
    READ (_drso_drs_parse_job, member);
}

static void
read_error (const char *error_type,
            GBytes     *body)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;

  found = _drso_aws_parse_json_error (error_type, body, &code, &message);
  drso_fuzz_check (found == (code != NULL || message != NULL));
  for (guint status = 400; status <= 500; status += 100)
    {
      g_clear_error (&error);
      _drso_aws_set_error (&error, code, message, status, "request-id", 1);
      drso_fuzz_check (error != NULL && error->message != NULL);
      (void) _drso_retry_classify (status, code, FALSE, FALSE);
    }
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(JsonNode) root = _drso_json_parse ((const char *) data, (gssize) size, NULL);
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (root != NULL)
    {
      read_answer (root);
      read_item (root);
    }

  read_error (NULL, body);
  read_error ("ValidationException:http://internal.amazon.com/coral/com.amazonaws.drs/", body);

  (void) _drso_parse_iso8601_duration (text);
  (void) _drso_parse_iso8601_time (text);

  return 0;
}
