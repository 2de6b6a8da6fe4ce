/* drso-aws-client-private.h
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

#include "drso-aws-client.h"
#include "drso-aws-context.h"

G_BEGIN_DECLS

typedef enum
{
  DRSO_AWS_PROTOCOL_REST_JSON,  /* DRS */
  DRSO_AWS_PROTOCOL_QUERY,      /* STS: XML answers, <ErrorResponse> errors */
  DRSO_AWS_PROTOCOL_EC2,        /* EC2: XML answers, <Response><Errors> errors */
} DrsoAwsProtocol;

/* One call: where it goes, what it sends, with which credentials. Strings
 * are copied by _drso_aws_client_send_async. */
typedef struct
{
  DrsoAwsProtocol     protocol;
  const char         *service;           /* signing name and endpoint prefix */
  const char         *region;
  const char         *account_endpoint;  /* nullable: the account's own endpoint */
  const char         *method;
  const char         *path;              /* percent-encoded */
  const char         *query;             /* percent-encoded, nullable */
  GBytes             *body;              /* nullable */
  DrsoAwsCredentials *credentials;
} DrsoAwsCall;

void      _drso_aws_client_send_async   (DrsoAwsClient        *self,
                                         const DrsoAwsCall    *call,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GBytes   *_drso_aws_client_send_finish  (DrsoAwsClient        *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Convenience for the rest-json protocol: POSTs @request (a JSON object) to
 * @path and returns the answer's JSON. */
void      _drso_aws_client_json_async   (DrsoAwsClient        *self,
                                         const DrsoAwsCall    *call,
                                         JsonNode             *request,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
JsonNode *_drso_aws_client_json_finish  (DrsoAwsClient        *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Error parsing, exposed for the tests and the fuzzers. */
gboolean  _drso_aws_parse_json_error    (const char           *error_type_header,
                                         GBytes               *body,
                                         char                **code,
                                         char                **message);
gboolean  _drso_aws_parse_xml_error     (GBytes               *body,
                                         char                **code,
                                         char                **message,
                                         char                **request_id);

/* Paged calls report each page through DrsoAwsContext::page-received. */
void      _drso_aws_context_page_received (DrsoAwsContext     *self,
                                           guint               n_items);

G_END_DECLS
