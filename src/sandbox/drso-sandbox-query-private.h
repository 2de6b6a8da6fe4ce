/* drso-sandbox-query-private.h
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

#include "drso-sandbox-world-private.h"

G_BEGIN_DECLS

/* The query services of the Sandbox: EC2 (protocol "ec2", version
 * 2016-11-15) and STS (protocol "query", version 2011-06-15). They take the
 * decoded form parameters of a POST / ("Action", "Version",
 * "InstanceId.1", …) and answer in XML. */

typedef struct
{
  guint   status;
  char   *content_type;
  GBytes *body;
} DrsoSandboxQueryReply;

void     drso_sandbox_query_reply_clear  (DrsoSandboxQueryReply     *reply);

/* Whether @action is one the service answers. */
gboolean drso_sandbox_ec2_has_action     (const char                *action);
gboolean drso_sandbox_sts_has_action     (const char                *action);

/* Answers one request. @params holds the decoded form (string → string).
 * Bad parameters, unknown ids and failures of the world become the
 * service's XML errors with the codes AWS uses (InvalidInstanceID.NotFound,
 * InvalidParameterValue, MissingParameter, AccessDenied, …). */
void     drso_sandbox_ec2_handle         (DrsoSandboxWorld          *world,
                                          const DrsoSandboxIdentity *caller,
                                          GHashTable                *params,
                                          const char                *request_id,
                                          DrsoSandboxQueryReply     *reply);
void     drso_sandbox_sts_handle         (DrsoSandboxWorld          *world,
                                          const DrsoSandboxIdentity *caller,
                                          GHashTable                *params,
                                          const char                *request_id,
                                          DrsoSandboxQueryReply     *reply);

/* An error in the service's XML: EC2's <Response><Errors><Error>… with
 * <RequestID>, STS's <ErrorResponse><Error><Type>Sender|Receiver</Type>…
 * with <RequestId> (Receiver when @status >= 500). Used by the server too,
 * for signature errors, throttling and injected failures. */
void     drso_sandbox_ec2_error_reply    (DrsoSandboxQueryReply     *reply,
                                          guint                      status,
                                          const char                *code,
                                          const char                *message,
                                          const char                *request_id);
void     drso_sandbox_sts_error_reply    (DrsoSandboxQueryReply     *reply,
                                          guint                      status,
                                          const char                *code,
                                          const char                *message,
                                          const char                *request_id);

/* Shared parts (drso-sandbox-query.c): replies, an XML writer, the
 * flattened parameters of the query protocols; the filters and pages of
 * lists are in drso-sandbox-query-filters.c. */

#define DRSO_SANDBOX_QUERY_CONTENT_TYPE "text/xml;charset=UTF-8"

#define DRSO_SANDBOX_QUERY_ERROR (drso_sandbox_query_error_quark ())

/* Faults in the parameters, found before a service names them in its own
 * codes. */
typedef enum
{
  DRSO_SANDBOX_QUERY_ERROR_MISSING_PARAMETER,        /* MissingParameter */
  DRSO_SANDBOX_QUERY_ERROR_INVALID_PARAMETER_VALUE,  /* InvalidParameterValue / ValidationError */
  DRSO_SANDBOX_QUERY_ERROR_UNKNOWN_PARAMETER,        /* UnknownParameter */
  DRSO_SANDBOX_QUERY_ERROR_INVALID_NEXT_TOKEN,       /* InvalidNextToken */
} DrsoSandboxQueryError;

/* A Filter.N of EC2: its name and its values (Filter.N.Value.M, M in
 * order). */
typedef struct
{
  char  *name;
  GStrv  values;
} DrsoSandboxQueryFilter;

/* A filter a kind of resource knows, and the item's string member it
 * reads (an offset), or -1 for one the kind's field () computes. */
typedef struct
{
  const char *name;
  gssize      offset;
} DrsoSandboxQueryField;

/* A kind of resource the describe calls list: where an item keeps its ID
 * (char *) and tags (JsonObject *; -1: no tag filters), and its filters. */
typedef struct
{
  gsize                        id_offset;
  gssize                       tags_offset;
  const DrsoSandboxQueryField *fields;    /* up to a NULL name */
  char                      *(*field) (gconstpointer  item,
                                       const char    *filter,
                                       gpointer       user_data);
} DrsoSandboxQueryKind;

#define DRSO_SANDBOX_QUERY_ITEM_ID(kind, item) \
  G_STRUCT_MEMBER (const char *, (item), (kind)->id_offset)

typedef struct _DrsoSandboxXml DrsoSandboxXml;

GQuark   drso_sandbox_query_error_quark  (void);

/* Replaces what @reply held with @body (taken) as text/xml. */
void     drso_sandbox_query_reply_take   (DrsoSandboxQueryReply     *reply,
                                          guint                      status,
                                          GBytes                    *body);
/* @request_id, or a new one (a random UUID) when it is NULL or empty. */
char    *drso_sandbox_query_request_id   (const char                *request_id);
/* ISO 8601 in UTC with a Z: 2026-01-02T03:04:05.678Z, or without the
 * fraction when @milliseconds is FALSE. */
char    *drso_sandbox_query_format_time  (gint64                     microseconds,
                                          gboolean                   milliseconds);

/* XML. Text is escaped (the five XML specials, CR as &#13;); characters XML
 * cannot carry (controls, U+FFFE, U+FFFF, bad UTF-8) become U+FFFD. */
char           *drso_sandbox_xml_escape  (const char                *text);
DrsoSandboxXml *drso_sandbox_xml_new     (const char                *root,
                                          const char                *xmlns);
void            drso_sandbox_xml_open    (DrsoSandboxXml            *xml,
                                          const char                *name);
void            drso_sandbox_xml_close   (DrsoSandboxXml            *xml);
/* <name>text</name>; nothing when @text is NULL, <name/> when it is "". */
void            drso_sandbox_xml_text    (DrsoSandboxXml            *xml,
                                          const char                *name,
                                          const char                *text);
/* <element> (when not NULL), then <name>value</name> for each pair of
 * the NULL-terminated list, then </element>. */
void            drso_sandbox_xml_leaves  (DrsoSandboxXml            *xml,
                                          const char                *element,
                                          ...) G_GNUC_NULL_TERMINATED;
/* Closes what is open and returns the document; frees @xml. */
GBytes         *drso_sandbox_xml_end     (DrsoSandboxXml            *xml);
void            drso_sandbox_xml_free    (DrsoSandboxXml            *xml);

/* Parameters. Names follow the query protocols: lists are flattened and
 * 1-based (InstanceId.1, InstanceId.2, …). */
const char *drso_sandbox_query_get       (GHashTable                *params,
                                          const char                *name);
/* Fails with UNKNOWN_PARAMETER on a parameter that matches none of
 * @patterns, where '#' stands for an index (1, 2, …). Action, Version and
 * the parameters of query-string signatures are always known. */
gboolean  drso_sandbox_query_check_names (GHashTable                *params,
                                          const char * const        *patterns,
                                          GError                   **error);
/* The values of @prefix.1, @prefix.2, … in index order (gaps allowed);
 * an empty vector when there are none. */
GStrv     drso_sandbox_query_get_list    (GHashTable                *params,
                                          const char                *prefix);
/* Filter.N.Name and Filter.N.Value.M (element-type DrsoSandboxQueryFilter),
 * in index order. A filter without a name is MISSING_PARAMETER; one
 * without values INVALID_PARAMETER_VALUE. */
GPtrArray *drso_sandbox_query_get_filters (GHashTable               *params,
                                          GError                   **error);
void      drso_sandbox_query_filter_free (DrsoSandboxQueryFilter    *filter);
/* "true" or "false"; @fallback when absent. */
gboolean  drso_sandbox_query_get_bool    (GHashTable                *params,
                                          const char                *name,
                                          gboolean                   fallback,
                                          gboolean                  *value,
                                          GError                   **error);
/* A decimal from @min to @max; @present FALSE (and @value 0) when absent. */
gboolean  drso_sandbox_query_get_int     (GHashTable                *params,
                                          const char                *name,
                                          gint64                     min,
                                          gint64                     max,
                                          gint64                    *value,
                                          gboolean                  *present,
                                          GError                   **error);
/* EC2's filter wildcards: '*' any run, '?' one character, '\' quotes the
 * next one. */
gboolean  drso_sandbox_query_match       (const char                *pattern,
                                          const char                *text);

/* Lists. An unknown filter name is INVALID_PARAMETER_VALUE. */
gboolean   drso_sandbox_query_check_filters (const DrsoSandboxQueryKind *kind,
                                             GPtrArray                  *filters,
                                             GError                    **error);
/* The items of @items that pass @filters (ANDed; the values of one ORed),
 * sorted by ID, from after the one @token names up to @max_results of
 * them (0: all). @next_token gets the token of the next page, or NULL
 * after the last. A token is good only for the @scope that made it
 * (INVALID_NEXT_TOKEN otherwise). Returns the page (items not owned). */
GPtrArray *drso_sandbox_query_select       (const DrsoSandboxQueryKind *kind,
                                             GPtrArray                  *items,
                                             GPtrArray                  *filters,
                                             const char                 *scope,
                                             const char                 *token,
                                             gint64                      max_results,
                                             gpointer                    user_data,
                                             char                      **next_token,
                                             GError                    **error);
/* Whether @id is @prefix and 8 or 17 lower-case hex digits (i-…, sg-…). */
gboolean   drso_sandbox_query_is_id        (const char                 *id,
                                             const char                 *prefix);

/* EC2's own parts, shared by its instances and dispatch
 * (drso-sandbox-ec2.c) and its subnets and security groups
 * (drso-sandbox-ec2-network.c). */

/* One EC2 request being answered. */
typedef struct
{
  DrsoSandboxWorld          *world;
  const DrsoSandboxIdentity *caller;
  GHashTable                *params;
  const char                *action;
  char                      *request_id;
  DrsoSandboxQueryReply     *reply;
  GPtrArray                 *groups;       /* the account's, once asked for */
  gboolean                   include_all;  /* IncludeAllInstances */
} DrsoSandboxEc2Call;

/* What differs between the describe calls of EC2. */
typedef struct
{
  const char * const         *names;         /* the parameters it takes */
  const DrsoSandboxQueryKind *kind;
  const char                 *id_param;      /* InstanceId: InstanceId.N */
  const char                 *id_prefix;     /* i- */
  const char                 *malformed;     /* the codes of bad and unknown IDs */
  const char                 *not_found;
  const char                 *what;          /* "instance ID", in NotFound messages */
  gboolean                    ids_exclude_max;  /* IDs and MaxResults do not mix */
  const char                 *list_element;  /* reservationSet */
  /* The account's items, or NULL with @error. */
  GPtrArray                *(*list)  (DrsoSandboxEc2Call  *call,
                                      GError             **error);
  /* Whether the reply shows @item when no IDs name it (nullable). */
  gboolean                  (*shows) (DrsoSandboxEc2Call  *call,
                                      gconstpointer        item);
  /* Adds the items that other parameters name (nullable); FALSE when it
   * has answered. */
  gboolean                  (*named) (DrsoSandboxEc2Call  *call,
                                      GPtrArray           *items,
                                      GPtrArray           *picked);
  /* Writes one item's elements inside its <item>. */
  void                      (*write) (DrsoSandboxEc2Call  *call,
                                      DrsoSandboxXml      *xml,
                                      gconstpointer        item);
} DrsoSandboxEc2Describe;

/* DescribeSubnets and DescribeSecurityGroups (drso-sandbox-ec2-network.c). */
extern const DrsoSandboxEc2Describe _drso_sandbox_ec2_describe_subnets;
extern const DrsoSandboxEc2Describe _drso_sandbox_ec2_describe_security_groups;

/* Helpers of drso-sandbox-ec2.c. Every name of @names must be a key of
 * @by_key; answers with @code naming the missing ones otherwise. */
gboolean   _drso_sandbox_ec2_check_found    (DrsoSandboxEc2Call *call,
                                             GStrv               names,
                                             GHashTable         *by_key,
                                             const char         *code,
                                             const char         *what);
/* <tagSet>, left out when @tags is NULL or empty. */
void       _drso_sandbox_ec2_write_tags     (DrsoSandboxXml     *xml,
                                             JsonObject         *tags);
/* The security groups of the caller's account, listed once per call. */
GPtrArray *_drso_sandbox_ec2_account_groups (DrsoSandboxEc2Call *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxXml, drso_sandbox_xml_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoSandboxQueryFilter, drso_sandbox_query_filter_free)

G_END_DECLS
