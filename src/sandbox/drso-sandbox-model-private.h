/* drso-sandbox-model-private.h
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

/* A service model in botocore's form (service-2.json): the operations with
 * their HTTP bindings, and the shapes with the constraints input must meet
 * (required members, types, lengths, patterns, ranges, enums). The Sandbox
 * routes rest-json requests and checks their input with it. */

typedef struct _DrsoSandboxModel DrsoSandboxModel;

/* Where an input member is bound in an HTTP request. */
typedef enum
{
  DRSO_SANDBOX_LOCATION_BODY,
  DRSO_SANDBOX_LOCATION_URI,
  DRSO_SANDBOX_LOCATION_QUERY,
  DRSO_SANDBOX_LOCATION_HEADER,
} DrsoSandboxLocation;

DrsoSandboxModel *drso_sandbox_model_new_from_bytes  (GBytes             *json,
                                                      GError            **error);
/* The DRS model compiled into the library (from the resource
 * /io/github/drso/Orchestrator/sandbox/drs-service-2.json). */
DrsoSandboxModel *drso_sandbox_model_get_drs          (void);
DrsoSandboxModel *drso_sandbox_model_ref              (DrsoSandboxModel   *model);
void              drso_sandbox_model_unref            (DrsoSandboxModel   *model);

/* metadata.apiVersion, metadata.signingName, … */
const char       *drso_sandbox_model_get_metadata     (DrsoSandboxModel   *model,
                                                       const char         *key);
gboolean          drso_sandbox_model_has_operation    (DrsoSandboxModel   *model,
                                                       const char         *operation);

/* Finds the operation whose http.method and http.requestUri match @method
 * and @path (raw, percent-encoded; the query string is not part of it).
 * URI labels ("/tags/{resourceArn}") are decoded and added to @labels
 * (member name → value), which the caller owns. Returns the operation name,
 * or NULL when nothing matches. @labels may be NULL; otherwise it must free
 * its keys and values with g_free(): g_hash_table_new_full (g_str_hash,
 * g_str_equal, g_free, g_free). A label that does not decode to UTF-8 text
 * (bad escapes, %00) makes the route not match. */
const char       *drso_sandbox_model_match_request    (DrsoSandboxModel   *model,
                                                       const char         *method,
                                                       const char         *path,
                                                       GHashTable         *labels);

/* Checks @input (a JSON object: the body's members with the URI labels
 * merged in) against the input shape of @operation. On failure returns
 * FALSE, sets @message to one sentence naming the first problem and
 * @field_list to a JSON array of {"name": member path, "message": …}, one
 * per problem, the way DRS's ValidationException (reason
 * "fieldValidationFailed") carries them. Unknown members are ignored, as
 * AWS does. Member paths are dotted, with indexes:
 * "sourceServers[0].sourceServerID"; map values are named by their key
 * ("tags.Owner"), a problem with the input itself (not an object) by "".
 * JSON null counts as absent. At most 100 problems are listed. Members
 * bound to the URI, a query parameter or a header may be given as strings
 * ("10", "true"). A NULL @input reads as {}. On success @message and
 * @field_list are set to NULL; either may be NULL. */
gboolean          drso_sandbox_model_validate         (DrsoSandboxModel   *model,
                                                       const char         *operation,
                                                       JsonNode           *input,
                                                       char              **message,
                                                       JsonNode          **field_list);

/* The HTTP status of a successful answer to @operation (http.responseCode,
 * 200 when the model does not say), or 0 when there is no such operation. */
guint             drso_sandbox_model_get_response_code (DrsoSandboxModel  *model,
                                                        const char        *operation);

/* The input member of @operation that @location binds under @location_name
 * (a URI label, a query parameter, or a header, matched without regard to
 * case), or NULL. For @location BODY, @location_name is the JSON key. */
const char       *drso_sandbox_model_find_bound_member (DrsoSandboxModel    *model,
                                                        const char          *operation,
                                                        DrsoSandboxLocation  location,
                                                        const char          *location_name);

/* Whether the JSON text @data nests objects and arrays no deeper than
 * @max_depth. A cheap scan, to run before a parser that recurses (json-glib
 * 1.6 overflows the stack on a few tens of thousands of levels). */
gboolean          drso_sandbox_json_within_depth      (const char         *data,
                                                       gsize               length,
                                                       guint               max_depth);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxModel, drso_sandbox_model_unref)

G_END_DECLS
