/* drso-sandbox-ec2.c
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

/* The EC2 service of the Sandbox (protocol "ec2", version 2016-11-15): the
 * dispatch of its actions, and DescribeInstances, DescribeInstanceStatus
 * and TerminateInstances over the world's instances of the caller's
 * account, with EC2's filters, pages and error codes. The four describe
 * calls share one course (describe ()), each with a table of what differs;
 * those of DescribeSubnets and DescribeSecurityGroups are in
 * drso-sandbox-ec2-network.c. */

#define EC2_VERSION "2016-11-15"
#define EC2_XMLNS   "http://ec2.amazonaws.com/doc/2016-11-15/"

/* Answers with an error; returns FALSE. */
static gboolean G_GNUC_PRINTF (4, 5)
fail (DrsoSandboxEc2Call *call,
      guint               status,
      const char         *code,
      const char         *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  drso_sandbox_ec2_error_reply (call->reply, status, code, message, call->request_id);
  return FALSE;
}

/* Answers with the EC2 error of a parameter or world error. */
static gboolean
fail_error (DrsoSandboxEc2Call *call,
            const GError       *error)
{
  if (error->domain == DRSO_SANDBOX_QUERY_ERROR)
    {
      switch (error->code)
        {
        case DRSO_SANDBOX_QUERY_ERROR_MISSING_PARAMETER:
          return fail (call, 400, "MissingParameter", "%s", error->message);
        case DRSO_SANDBOX_QUERY_ERROR_UNKNOWN_PARAMETER:
          return fail (call, 400, "UnknownParameter", "%s", error->message);
        case DRSO_SANDBOX_QUERY_ERROR_INVALID_NEXT_TOKEN:
          return fail (call, 400, "InvalidNextToken", "%s", error->message);
        default:
          return fail (call, 400, "InvalidParameterValue", "%s", error->message);
        }
    }
  if (error->domain == DRSO_SANDBOX_ERROR)
    {
      switch (error->code)
        {
        case DRSO_SANDBOX_ERROR_VALIDATION:
          return fail (call, 400, "InvalidParameterValue", "%s", error->message);
        case DRSO_SANDBOX_ERROR_NOT_FOUND:
          return fail (call, 400, "InvalidInstanceID.NotFound", "%s", error->message);
        case DRSO_SANDBOX_ERROR_CONFLICT:
          return fail (call, 400, "IncorrectInstanceState", "%s", error->message);
        case DRSO_SANDBOX_ERROR_QUOTA:
          return fail (call, 400, "InstanceLimitExceeded", "%s", error->message);
        case DRSO_SANDBOX_ERROR_ACCESS_DENIED:
          return fail (call, 403, "UnauthorizedOperation",
                       "You are not authorized to perform this operation.");
        default:
          break;
        }
    }
  g_debug ("EC2 %s failed: %s", call->action, error->message);
  return fail (call, 500, "InternalError", "An internal error has occurred");
}

/* The IDs of @param.N, without repeats; NULL (answered) when one is not
 * an ID of @prefix. */
static GStrv
read_ids (DrsoSandboxEc2Call *call,
          const char         *param,
          const char         *prefix,
          const char         *malformed_code)
{
  g_auto(GStrv) values = drso_sandbox_query_get_list (call->params, param);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (!drso_sandbox_query_is_id (values[i], prefix))
        {
          fail (call, 400, malformed_code, "Invalid id: \"%s\" (expecting \"%s...\")",
                values[i], prefix);
          return NULL;
        }
      if (g_hash_table_add (seen, values[i]))
        g_strv_builder_add (ids, values[i]);
    }
  return g_strv_builder_end (ids);
}

/* Every name of @names must be a key of @by_key; answers with @code
 * naming the missing ones otherwise. */
gboolean
_drso_sandbox_ec2_check_found (DrsoSandboxEc2Call *call,
                               GStrv               names,
                               GHashTable         *by_key,
                               const char         *code,
                               const char         *what)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (!g_hash_table_contains (by_key, names[i]))
      g_ptr_array_add (missing, names[i]);
  if (missing->len == 0)
    return TRUE;

  g_ptr_array_add (missing, NULL);
  list = g_strjoinv (", ", (GStrv) missing->pdata);
  if (missing->len == 2)
    return fail (call, 400, code, "The %s '%s' does not exist", what, list);
  return fail (call, 400, code, "The %ss '%s' do not exist", what, list);
}

static gboolean
read_dry_run (DrsoSandboxEc2Call *call)
{
  g_autoptr(GError) error = NULL;
  gboolean dry_run;

  if (!drso_sandbox_query_get_bool (call->params, "DryRun", FALSE, &dry_run, &error))
    return fail_error (call, error);
  if (dry_run)
    return fail (call, 412, "DryRunOperation",
                 "Request would have succeeded, but DryRun flag is set.");
  return TRUE;
}

static DrsoSandboxXml *
begin_response (DrsoSandboxEc2Call *call)
{
  g_autofree char *root = g_strconcat (call->action, "Response", NULL);
  DrsoSandboxXml *xml = drso_sandbox_xml_new (root, EC2_XMLNS);

  drso_sandbox_xml_text (xml, "requestId", call->request_id);
  return xml;
}

static void
end_response (DrsoSandboxEc2Call *call,
              DrsoSandboxXml     *xml,
              const char         *next_token)
{
  drso_sandbox_xml_text (xml, "nextToken", next_token);
  drso_sandbox_query_reply_take (call->reply, 200, drso_sandbox_xml_end (xml));
}

void
_drso_sandbox_ec2_write_tags (DrsoSandboxXml *xml,
                              JsonObject     *tags)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  /* EC2 leaves tagSet out when there are no tags. */
  if (tags == NULL || json_object_get_size (tags) == 0)
    return;
  drso_sandbox_xml_open (xml, "tagSet");
  json_object_iter_init_ordered (&iter, tags);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    drso_sandbox_xml_leaves (xml, "item", "key", key, "value", JSON_NODE_HOLDS_VALUE (value)
                             ? json_node_get_string (value) : "", NULL);
  drso_sandbox_xml_close (xml);
}

static void
write_state (DrsoSandboxXml *xml,
             const char     *element,
             guint           code,
             const char     *name)
{
  g_autofree char *number = g_strdup_printf ("%u", code);

  drso_sandbox_xml_leaves (xml, element, "code", number, "name", name, NULL);
}

GPtrArray *
_drso_sandbox_ec2_account_groups (DrsoSandboxEc2Call *call)
{
  if (call->groups == NULL)
    call->groups = drso_sandbox_world_list_security_groups (call->world,
                                                            call->caller->account_id);
  if (call->groups == NULL)
    call->groups = g_ptr_array_new ();
  return call->groups;
}

/* Describe calls */

/* Checks the parameters, lists the account's items, picks those the IDs
 * name (or all), filters them and answers with the page asked for. */
static void
describe (DrsoSandboxEc2Call           *call,
          const DrsoSandboxEc2Describe *describe)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) filters = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) picked = g_ptr_array_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *next_token = NULL;
  gint64 max_results;
  gboolean present;
  DrsoSandboxXml *xml;

  if (!drso_sandbox_query_check_names (call->params, describe->names, &error) ||
      !drso_sandbox_query_get_bool (call->params, "IncludeAllInstances", FALSE,
                                    &call->include_all, &error) ||
      (filters = drso_sandbox_query_get_filters (call->params, &error)) == NULL ||
      !drso_sandbox_query_check_filters (describe->kind, filters, &error) ||
      !drso_sandbox_query_get_int (call->params, "MaxResults", 5, 1000, &max_results,
                                   &present, &error))
    {
      fail_error (call, error);
      return;
    }
  if ((ids = read_ids (call, describe->id_param, describe->id_prefix,
                       describe->malformed)) == NULL)
    return;
  if (present && describe->ids_exclude_max && ids[0] != NULL)
    {
      fail (call, 400, "InvalidParameterCombination",
            "The parameter instancesSet cannot be used with the parameter maxResults");
      return;
    }
  if (!read_dry_run (call))
    return;

  if ((items = describe->list (call, &error)) == NULL)
    {
      fail_error (call, error);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (by_id,
                         (gpointer) DRSO_SANDBOX_QUERY_ITEM_ID (describe->kind,
                                                                g_ptr_array_index (items, i)),
                         g_ptr_array_index (items, i));
  if (!_drso_sandbox_ec2_check_found (call, ids, by_id, describe->not_found, describe->what))
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (picked, g_hash_table_lookup (by_id, ids[i]));
  if (describe->named != NULL && !describe->named (call, items, picked))
    return;
  if (picked->len == 0 && ids[0] == NULL)
    g_ptr_array_extend (picked, items, NULL, NULL);
  for (guint i = picked->len; describe->shows != NULL && i > 0; i--)
    if (!describe->shows (call, g_ptr_array_index (picked, i - 1)))
      g_ptr_array_remove_index (picked, i - 1);

  page = drso_sandbox_query_select (describe->kind, picked, filters, call->action,
                                    drso_sandbox_query_get (call->params, "NextToken"),
                                    max_results, call, &next_token, &error);
  if (page == NULL)
    {
      fail_error (call, error);
      return;
    }

  xml = begin_response (call);
  drso_sandbox_xml_open (xml, describe->list_element);
  for (guint i = 0; i < page->len; i++)
    {
      drso_sandbox_xml_open (xml, "item");
      describe->write (call, xml, g_ptr_array_index (page, i));
      drso_sandbox_xml_close (xml);
    }
  drso_sandbox_xml_close (xml);
  end_response (call, xml, next_token);
}

/* Instances */

#define INSTANCE_FIELD(name, member) { name, G_STRUCT_OFFSET (DrsoSandboxInstance, member) }

/* One reservation per instance: DRS launches them one by one. */
static char *
reservation_id (const DrsoSandboxInstance *instance)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           instance->instance_id, -1);

  return g_strdup_printf ("r-%.17s", digest);
}

static char *
private_dns_name (DrsoSandboxEc2Call        *call,
                  const DrsoSandboxInstance *instance)
{
  const char *region = drso_sandbox_world_get_region (call->world);
  g_autofree char *host = NULL;

  if (instance->private_ip == NULL)
    return NULL;
  host = g_strdelimit (g_strconcat ("ip-", instance->private_ip, NULL), ".", '-');
  if (g_strcmp0 (region, "us-east-1") == 0)
    return g_strconcat (host, ".ec2.internal", NULL);
  return g_strconcat (host, ".", region, ".compute.internal", NULL);
}

/* The detail of a status check, "reachability": passed, initializing, …;
 * NULL when the check does not apply. */
static const char *
reachability (const char *status)
{
  if (g_strcmp0 (status, "ok") == 0)
    return "passed";
  if (g_strcmp0 (status, "impaired") == 0)
    return "failed";
  if (g_strcmp0 (status, "initializing") == 0 || g_strcmp0 (status, "insufficient-data") == 0)
    return status;
  return NULL;
}

/* The filters of instances and instance status that are not a member. */
static char *
instance_field (gconstpointer  item,
                const char    *filter,
                gpointer       user_data)
{
  const DrsoSandboxInstance *instance = item;

  if (g_str_equal (filter, "instance-state-code"))
    return g_strdup_printf ("%u", instance->state_code);
  if (g_str_equal (filter, "launch-time"))
    return drso_sandbox_query_format_time (instance->launch_time, TRUE);
  if (g_str_equal (filter, "private-dns-name"))
    return private_dns_name (user_data, instance);
  if (g_str_equal (filter, "reservation-id"))
    return reservation_id (instance);
  if (g_str_has_suffix (filter, "-status.reachability"))
    return g_strdup (reachability (instance->status));
  return NULL;
}

static const DrsoSandboxQueryField instance_fields[] = {
  INSTANCE_FIELD ("availability-zone", availability_zone),
  INSTANCE_FIELD ("image-id", image_id),
  INSTANCE_FIELD ("instance-id", instance_id),
  INSTANCE_FIELD ("instance-state-name", state),
  INSTANCE_FIELD ("instance-type", instance_type),
  INSTANCE_FIELD ("owner-id", account_id),
  INSTANCE_FIELD ("private-ip-address", private_ip),
  INSTANCE_FIELD ("subnet-id", subnet_id),
  INSTANCE_FIELD ("vpc-id", vpc_id),
  { "instance-state-code", -1 },
  { "launch-time", -1 },
  { "private-dns-name", -1 },
  { "reservation-id", -1 },
  { NULL, 0 },
};

static const DrsoSandboxQueryKind instance_kind = {
  G_STRUCT_OFFSET (DrsoSandboxInstance, instance_id),
  G_STRUCT_OFFSET (DrsoSandboxInstance, tags),
  instance_fields, instance_field,
};

static GPtrArray *
list_instances (DrsoSandboxEc2Call  *call,
                GError             **error)
{
  return drso_sandbox_world_list_instances (call->world, call->caller->account_id, NULL, error);
}

/* The group an instance shows: the first of its VPC's. */
static const DrsoSandboxSecurityGroup *
instance_group (DrsoSandboxEc2Call        *call,
                const DrsoSandboxInstance *instance)
{
  GPtrArray *groups = _drso_sandbox_ec2_account_groups (call);

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const DrsoSandboxSecurityGroup *group = g_ptr_array_index (groups, i);

      if (g_strcmp0 (group->vpc_id, instance->vpc_id) == 0)
        return group;
    }
  return NULL;
}

static void
write_instance (DrsoSandboxEc2Call        *call,
                DrsoSandboxXml            *xml,
                const DrsoSandboxInstance *instance)
{
  const DrsoSandboxSecurityGroup *group = instance_group (call, instance);
  g_autofree char *launch = drso_sandbox_query_format_time (instance->launch_time, TRUE);
  g_autofree char *dns = private_dns_name (call, instance);
  gboolean ending = g_strcmp0 (instance->state, "shutting-down") == 0 ||
                    g_strcmp0 (instance->state, "terminated") == 0;

  drso_sandbox_xml_text (xml, "instanceId", instance->instance_id);
  drso_sandbox_xml_text (xml, "imageId", instance->image_id);
  write_state (xml, "instanceState", instance->state_code, instance->state);
  drso_sandbox_xml_leaves (xml, NULL, "privateDnsName", dns ? dns : "", "dnsName", "",
                           "reason", ending ? "User initiated" : "", "amiLaunchIndex", "0",
                           "instanceType", instance->instance_type, "launchTime", launch, NULL);
  drso_sandbox_xml_leaves (xml, "placement", "availabilityZone", instance->availability_zone,
                           "groupName", "", "tenancy", "default", NULL);
  drso_sandbox_xml_leaves (xml, "monitoring", "state", "disabled", NULL);
  drso_sandbox_xml_leaves (xml, NULL, "subnetId", instance->subnet_id, "vpcId", instance->vpc_id,
                           "privateIpAddress", instance->private_ip, "sourceDestCheck", "true",
                           NULL);
  drso_sandbox_xml_open (xml, "groupSet");
  if (group != NULL)
    drso_sandbox_xml_leaves (xml, "item", "groupId", group->group_id,
                             "groupName", group->group_name, NULL);
  drso_sandbox_xml_close (xml);
  if (ending)
    drso_sandbox_xml_leaves (xml, "stateReason", "code", "Client.UserInitiatedShutdown",
                             "message", "Client.UserInitiatedShutdown: User initiated shutdown",
                             NULL);
  drso_sandbox_xml_leaves (xml, NULL, "architecture", "x86_64", "rootDeviceType", "ebs",
                           "rootDeviceName", "/dev/sda1", "virtualizationType", "hvm", NULL);
  _drso_sandbox_ec2_write_tags (xml, instance->tags);
  drso_sandbox_xml_leaves (xml, NULL, "hypervisor", "xen", "ebsOptimized", "false",
                           "enaSupport", "true", NULL);
}

/* A reservation of one instance. */
static void
write_reservation (DrsoSandboxEc2Call *call,
                   DrsoSandboxXml     *xml,
                   gconstpointer       item)
{
  const DrsoSandboxInstance *instance = item;
  g_autofree char *reservation = reservation_id (instance);

  drso_sandbox_xml_leaves (xml, NULL, "reservationId", reservation,
                           "ownerId", instance->account_id, NULL);
  drso_sandbox_xml_open (xml, "groupSet");
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_open (xml, "instancesSet");
  drso_sandbox_xml_open (xml, "item");
  write_instance (call, xml, instance);
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_close (xml);
}

static const char * const describe_instances_names[] = {
  "InstanceId.#", "Filter.#.Name", "Filter.#.Value.#", "MaxResults", "NextToken", "DryRun",
  NULL,
};

static const DrsoSandboxEc2Describe describe_instances = {
  describe_instances_names, &instance_kind, "InstanceId", "i-",
  "InvalidInstanceID.Malformed", "InvalidInstanceID.NotFound", "instance ID", TRUE,
  "reservationSet", list_instances, NULL, NULL, write_reservation,
};

/* Instance status */

static const DrsoSandboxQueryField status_fields[] = {
  INSTANCE_FIELD ("availability-zone", availability_zone),
  INSTANCE_FIELD ("instance-state-name", state),
  INSTANCE_FIELD ("instance-status.status", status),
  INSTANCE_FIELD ("system-status.status", status),
  { "instance-state-code", -1 },
  { "instance-status.reachability", -1 },
  { "system-status.reachability", -1 },
  { NULL, 0 },
};

static const DrsoSandboxQueryKind status_kind = {
  G_STRUCT_OFFSET (DrsoSandboxInstance, instance_id), -1, status_fields, instance_field,
};

/* Without IncludeAllInstances, EC2 reports running instances only, even
 * those the IDs name. */
static gboolean
status_shows (DrsoSandboxEc2Call *call,
              gconstpointer       item)
{
  return call->include_all ||
         g_strcmp0 (((const DrsoSandboxInstance *) item)->state, "running") == 0;
}

static void
write_check (DrsoSandboxXml *xml,
             const char     *element,
             const char     *status)
{
  const char *detail = reachability (status);

  drso_sandbox_xml_open (xml, element);
  drso_sandbox_xml_text (xml, "status", status);
  if (detail != NULL)
    {
      drso_sandbox_xml_open (xml, "details");
      drso_sandbox_xml_leaves (xml, "item", "name", "reachability", "status", detail, NULL);
      drso_sandbox_xml_close (xml);
    }
  drso_sandbox_xml_close (xml);
}

static void
write_status (DrsoSandboxEc2Call *call,
              DrsoSandboxXml     *xml,
              gconstpointer       item)
{
  const DrsoSandboxInstance *instance = item;

  drso_sandbox_xml_leaves (xml, NULL, "instanceId", instance->instance_id,
                           "availabilityZone", instance->availability_zone, NULL);
  write_state (xml, "instanceState", instance->state_code, instance->state);
  write_check (xml, "systemStatus", instance->status);
  write_check (xml, "instanceStatus", instance->status);
}

static const char * const describe_status_names[] = {
  "InstanceId.#", "Filter.#.Name", "Filter.#.Value.#", "MaxResults", "NextToken",
  "IncludeAllInstances", "DryRun", NULL,
};

static const DrsoSandboxEc2Describe describe_instance_status = {
  describe_status_names, &status_kind, "InstanceId", "i-",
  "InvalidInstanceID.Malformed", "InvalidInstanceID.NotFound", "instance ID", TRUE,
  "instanceStatusSet", list_instances, status_shows, NULL, write_status,
};

/* TerminateInstances */

static guint
state_code (const char *state)
{
  static const char * const states[] = {
    "pending", "running", "shutting-down", "terminated", "stopping", "stopped", NULL,
  };

  for (guint i = 0; states[i] != NULL; i++)
    if (g_strcmp0 (state, states[i]) == 0)
      return i * 16;
  return 0;
}

static void
terminate_instances (DrsoSandboxEc2Call *call)
{
  static const char * const names[] = {
    "InstanceId.#", "Force", "SkipOsShutdown", "DryRun", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) previous = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean flag;
  DrsoSandboxXml *xml;

  if (!drso_sandbox_query_check_names (call->params, names, &error) ||
      !drso_sandbox_query_get_bool (call->params, "Force", FALSE, &flag, &error) ||
      !drso_sandbox_query_get_bool (call->params, "SkipOsShutdown", FALSE, &flag, &error))
    {
      fail_error (call, error);
      return;
    }
  if ((ids = read_ids (call, "InstanceId", "i-", "InvalidInstanceID.Malformed")) == NULL)
    return;
  if (ids[0] == NULL)
    {
      fail (call, 400, "MissingParameter", "The request must contain the parameter InstanceId");
      return;
    }
  if (!read_dry_run (call))
    return;

  /* EC2 terminates all of them or none. */
  if ((instances = list_instances (call, &error)) == NULL)
    {
      fail_error (call, error);
      return;
    }
  for (guint i = 0; i < instances->len; i++)
    {
      DrsoSandboxInstance *instance = g_ptr_array_index (instances, i);

      g_hash_table_add (by_id, instance->instance_id);
    }
  if (!_drso_sandbox_ec2_check_found (call, ids, by_id, "InvalidInstanceID.NotFound",
                                      "instance ID"))
    return;

  changed = drso_sandbox_world_terminate_instances (call->world, call->caller->account_id,
                                                    (const char * const *) ids, &previous,
                                                    &error);
  if (changed == NULL)
    {
      fail_error (call, error);
      return;
    }

  xml = begin_response (call);
  drso_sandbox_xml_open (xml, "instancesSet");
  for (guint i = 0; i < changed->len; i++)
    {
      const DrsoSandboxInstance *instance = g_ptr_array_index (changed, i);
      const char *before = previous != NULL && i < previous->len
        ? g_ptr_array_index (previous, i) : instance->state;

      drso_sandbox_xml_open (xml, "item");
      drso_sandbox_xml_text (xml, "instanceId", instance->instance_id);
      write_state (xml, "currentState", instance->state_code, instance->state);
      write_state (xml, "previousState", state_code (before), before);
      drso_sandbox_xml_close (xml);
    }
  drso_sandbox_xml_close (xml);
  end_response (call, xml, NULL);
}

/* The service */

static const struct
{
  const char                   *name;
  const DrsoSandboxEc2Describe *describe;      /* a describe call, or: */
  void                        (*handle) (DrsoSandboxEc2Call *call);
} actions[] = {
  { "DescribeInstanceStatus", &describe_instance_status, NULL },
  { "DescribeInstances", &describe_instances, NULL },
  { "DescribeSecurityGroups", &_drso_sandbox_ec2_describe_security_groups, NULL },
  { "DescribeSubnets", &_drso_sandbox_ec2_describe_subnets, NULL },
  { "TerminateInstances", NULL, terminate_instances },
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
drso_sandbox_ec2_has_action (const char *action)
{
  return find_action (action) < G_N_ELEMENTS (actions);
}

/* Before the action: Action must be one EC2 has (MissingAction,
 * InvalidAction). Real EC2 still answers the older API versions it knows,
 * in their older shapes; the Sandbox speaks 2016-11-15 only and answers
 * any other Version with the NoSuchVersion of the AWS common errors, and
 * a request without one with MissingParameter. */
void
drso_sandbox_ec2_handle (DrsoSandboxWorld          *world,
                         const DrsoSandboxIdentity *caller,
                         GHashTable                *params,
                         const char                *request_id,
                         DrsoSandboxQueryReply     *reply)
{
  DrsoSandboxEc2Call call = { world, caller, params, NULL, NULL, reply, NULL, FALSE };
  const char *version = drso_sandbox_query_get (params, "Version");
  guint index;

  call.request_id = drso_sandbox_query_request_id (request_id);
  call.action = drso_sandbox_query_get (params, "Action");
  index = find_action (call.action);

  if (call.action == NULL || *call.action == '\0')
    fail (&call, 400, "MissingAction", "The request must contain the parameter Action");
  else if (index == G_N_ELEMENTS (actions))
    fail (&call, 400, "InvalidAction", "The action %s is not valid for this web service.",
          call.action);
  else if (version == NULL || *version == '\0')
    fail (&call, 400, "MissingParameter", "The request must contain the parameter Version");
  else if (!g_str_equal (version, EC2_VERSION))
    fail (&call, 400, "NoSuchVersion",
          "The requested version (%s) of service AmazonEC2 does not exist", version);
  else if (caller == NULL || caller->account_id == NULL)
    fail (&call, 401, "AuthFailure",
          "AWS was not able to validate the provided access credentials");
  else if (actions[index].describe != NULL)
    describe (&call, actions[index].describe);
  else
    actions[index].handle (&call);

  g_clear_pointer (&call.groups, g_ptr_array_unref);
  g_free (call.request_id);
}

void
drso_sandbox_ec2_error_reply (DrsoSandboxQueryReply *reply,
                              guint                  status,
                              const char            *code,
                              const char            *message,
                              const char            *request_id)
{
  g_autofree char *id = drso_sandbox_query_request_id (request_id);
  DrsoSandboxXml *xml = drso_sandbox_xml_new ("Response", NULL);

  drso_sandbox_xml_open (xml, "Errors");
  drso_sandbox_xml_leaves (xml, "Error", "Code", code, "Message", message, NULL);
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_text (xml, "RequestID", id);
  drso_sandbox_query_reply_take (reply, status, drso_sandbox_xml_end (xml));
}
