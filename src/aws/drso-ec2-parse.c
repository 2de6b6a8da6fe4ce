/* drso-ec2-parse.c
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

#include <glib/gi18n-lib.h>

#include "drso-aws-error.h"
#include "drso-aws-xml-private.h"
#include "drso-ec2-parse-private.h"
#include "drso-ec2-types-private.h"

/* Reading the XML answers of the EC2 calls into their result objects. */

/* The text at @path, or NULL with a MALFORMED error naming it. */
static const char *
require_text (DrsoXmlNode  *item,
              const char   *path,
              const char   *action,
              GError      **error)
{
  const char *text = _drso_xml_text (item, path);

  if (text != NULL && *text != '\0')
    return text;
  g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
               _("EC2 answered %s with an item without %s"), action, path);
  return NULL;
}

/* Reads the decimal at @path strictly; an absent element reads as 0. */
static gboolean
read_unsigned (DrsoXmlNode  *item,
               const char   *path,
               guint64       max,
               const char   *action,
               guint64      *out,
               GError      **error)
{
  const char *text = _drso_xml_text (item, path);

  *out = 0;
  if (text == NULL ||
      g_ascii_string_to_unsigned (text, 10, 0, max, out, NULL))
    return TRUE;
  g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
               _("EC2 answered %s with %s “%s”, which is not a number up to %llu"),
               action, path, text, (unsigned long long) max);
  return FALSE;
}

static gboolean
parse_instance (DrsoXmlNode  *item,
                const char   *action,
                GPtrArray    *results,
                GError      **error)
{
  g_autoptr(DrsoEc2Instance) instance = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  const char *id, *state, *launch;
  guint64 code;

  if ((id = require_text (item, "instanceId", action, error)) == NULL ||
      (state = require_text (item, "instanceState/name", action, error)) == NULL ||
      require_text (item, "instanceState/code", action, error) == NULL ||
      !read_unsigned (item, "instanceState/code", G_MAXUINT16, action, &code, error))
    return FALSE;

  instance = g_object_new (DRSO_TYPE_EC2_INSTANCE, NULL);
  instance->instance_id = g_strdup (id);
  instance->state_name = g_strdup (state);
  instance->state_code = code & 0xff;
  instance->instance_type = g_strdup (_drso_xml_text (item, "instanceType"));
  instance->private_ip = g_strdup (_drso_xml_text (item, "privateIpAddress"));

  launch = _drso_xml_text (item, "launchTime");
  if (launch != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (launch, NULL);

      if (time == NULL)
        {
          g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                       _("EC2 answered %s with launchTime “%s”, which is not a time"),
                       action, launch);
          return FALSE;
        }
      instance->launch_time = MAX (g_date_time_to_unix (time), 0);
    }

  tags = _drso_xml_items (item, "tagSet");
  for (guint i = 0; i < tags->len; i++)
    {
      const char *key = _drso_xml_text (g_ptr_array_index (tags, i), "key");
      const char *value = _drso_xml_text (g_ptr_array_index (tags, i), "value");

      if (key != NULL)
        g_hash_table_replace (instance->tags, g_strdup (key), g_strdup (value ? value : ""));
    }

  g_ptr_array_add (results, g_steal_pointer (&instance));
  return TRUE;
}

/* A reservation holds the instances of one launch request. */
gboolean
_drso_ec2_parse_reservation (DrsoXmlNode  *item,
                             const char   *action,
                             GPtrArray    *results,
                             GError      **error)
{
  g_autoptr(GPtrArray) instances = _drso_xml_items (item, "instancesSet");

  for (guint i = 0; i < instances->len; i++)
    if (!parse_instance (g_ptr_array_index (instances, i), action, results, error))
      return FALSE;
  return TRUE;
}

gboolean
_drso_ec2_parse_instance_status (DrsoXmlNode  *item,
                                 const char   *action,
                                 GPtrArray    *results,
                                 GError      **error)
{
  DrsoEc2InstanceStatus *status;
  const char *id, *state;

  if ((id = require_text (item, "instanceId", action, error)) == NULL ||
      (state = require_text (item, "instanceState/name", action, error)) == NULL)
    return FALSE;

  status = g_object_new (DRSO_TYPE_EC2_INSTANCE_STATUS, NULL);
  status->instance_id = g_strdup (id);
  status->state_name = g_strdup (state);
  status->system_status = g_strdup (_drso_xml_text (item, "systemStatus/status"));
  status->instance_status = g_strdup (_drso_xml_text (item, "instanceStatus/status"));
  g_ptr_array_add (results, status);
  return TRUE;
}

gboolean
_drso_ec2_parse_state_change (DrsoXmlNode  *item,
                              const char   *action,
                              GPtrArray    *results,
                              GError      **error)
{
  DrsoEc2StateChange *change;
  const char *id, *previous, *current;

  if ((id = require_text (item, "instanceId", action, error)) == NULL ||
      (previous = require_text (item, "previousState/name", action, error)) == NULL ||
      (current = require_text (item, "currentState/name", action, error)) == NULL)
    return FALSE;

  change = g_object_new (DRSO_TYPE_EC2_STATE_CHANGE, NULL);
  change->instance_id = g_strdup (id);
  change->previous_state = g_strdup (previous);
  change->current_state = g_strdup (current);
  g_ptr_array_add (results, change);
  return TRUE;
}

gboolean
_drso_ec2_parse_subnet (DrsoXmlNode  *item,
                        const char   *action,
                        GPtrArray    *results,
                        GError      **error)
{
  DrsoEc2Subnet *subnet;
  const char *id;
  guint64 available;

  if ((id = require_text (item, "subnetId", action, error)) == NULL ||
      !read_unsigned (item, "availableIpAddressCount", G_MAXUINT, action, &available, error))
    return FALSE;

  subnet = g_object_new (DRSO_TYPE_EC2_SUBNET, NULL);
  subnet->subnet_id = g_strdup (id);
  subnet->vpc_id = g_strdup (_drso_xml_text (item, "vpcId"));
  subnet->cidr_block = g_strdup (_drso_xml_text (item, "cidrBlock"));
  subnet->availability_zone = g_strdup (_drso_xml_text (item, "availabilityZone"));
  subnet->available_ip_count = available;
  g_ptr_array_add (results, subnet);
  return TRUE;
}

gboolean
_drso_ec2_parse_security_group (DrsoXmlNode  *item,
                                const char   *action,
                                GPtrArray    *results,
                                GError      **error)
{
  DrsoEc2SecurityGroup *group;
  const char *id;

  if ((id = require_text (item, "groupId", action, error)) == NULL)
    return FALSE;

  group = g_object_new (DRSO_TYPE_EC2_SECURITY_GROUP, NULL);
  group->group_id = g_strdup (id);
  group->group_name = g_strdup (_drso_xml_text (item, "groupName"));
  group->vpc_id = g_strdup (_drso_xml_text (item, "vpcId"));
  group->description = g_strdup (_drso_xml_text (item, "groupDescription"));
  g_ptr_array_add (results, group);
  return TRUE;
}


/* Reads one page of the answer to @action: its root must be
 * @action + "Response"; each item of @list_path goes through @parse_item
 * into @results; @next_token gets the page's nextToken, or NULL when it has
 * none. */
gboolean
_drso_ec2_parse_page (GBytes                *body,
                      const char            *action,
                      const char            *list_path,
                      DrsoEc2ParseItemFunc   parse_item,
                      GPtrArray             *results,
                      char                 **next_token,
                      GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DrsoXmlNode) root = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *root_name = g_strconcat (action, "Response", NULL);
  const char *token;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  /* An empty GBytes has no data pointer, which GMarkup does not take. */
  if (length == 0)
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("EC2 answered %s with an empty body"), action);
      return FALSE;
    }
  root = _drso_xml_parse (data, length, &local_error);
  if (root == NULL)
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("EC2 answered %s with XML that could not be read: %s"), action,
                   local_error->message);
      return FALSE;
    }
  if (!g_str_equal (root->name, root_name))
    {
      g_set_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                   _("EC2 answered %s with %s instead of %s"), action, root->name, root_name);
      return FALSE;
    }

  items = _drso_xml_items (root, list_path);
  for (guint i = 0; i < items->len; i++)
    if (!parse_item (g_ptr_array_index (items, i), action, results, error))
      return FALSE;

  token = _drso_xml_text (root, "nextToken");
  *next_token = token != NULL && *token != '\0' ? g_strdup (token) : NULL;
  return TRUE;
}
