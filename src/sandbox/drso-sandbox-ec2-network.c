/* drso-sandbox-ec2-network.c
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

#include "drso-sandbox-query-private.h"

/* DescribeSubnets and DescribeSecurityGroups of the Sandbox's EC2 service:
 * the subnets and security groups of the caller's account, with their
 * filters and their XML. Each is a table for the describe course of
 * drso-sandbox-ec2.c, which answers them. */

/* Subnets */

#define SUBNET_FIELD(name, member) { name, G_STRUCT_OFFSET (DrsoSandboxSubnet, member) }

static char *
subnet_arn (DrsoSandboxEc2Call      *call,
            const DrsoSandboxSubnet *subnet)
{
  return g_strdup_printf ("arn:aws:ec2:%s:%s:subnet/%s",
                          drso_sandbox_world_get_region (call->world), subnet->account_id,
                          subnet->subnet_id);
}

static char *
subnet_field (gconstpointer  item,
              const char    *filter,
              gpointer       user_data)
{
  const DrsoSandboxSubnet *subnet = item;

  if (g_str_equal (filter, "available-ip-address-count"))
    return g_strdup_printf ("%u", subnet->available_ips);
  if (g_str_has_prefix (filter, "default"))
    return g_strdup (subnet->default_for_az ? "true" : "false");
  if (g_str_equal (filter, "state"))
    return g_strdup ("available");
  if (g_str_equal (filter, "subnet-arn"))
    return subnet_arn (user_data, subnet);
  return NULL;
}

/* With the older names EC2 still takes (availabilityZone, cidr, …). */
static const DrsoSandboxQueryField subnet_fields[] = {
  SUBNET_FIELD ("availability-zone", availability_zone),
  SUBNET_FIELD ("availabilityZone", availability_zone),
  SUBNET_FIELD ("cidr", cidr_block),
  SUBNET_FIELD ("cidr-block", cidr_block),
  SUBNET_FIELD ("cidrBlock", cidr_block),
  SUBNET_FIELD ("owner-id", account_id),
  SUBNET_FIELD ("subnet-id", subnet_id),
  SUBNET_FIELD ("vpc-id", vpc_id),
  { "available-ip-address-count", -1 },
  { "default-for-az", -1 },
  { "defaultForAz", -1 },
  { "state", -1 },
  { "subnet-arn", -1 },
  { NULL, 0 },
};

static const DrsoSandboxQueryKind subnet_kind = {
  G_STRUCT_OFFSET (DrsoSandboxSubnet, subnet_id), G_STRUCT_OFFSET (DrsoSandboxSubnet, tags),
  subnet_fields, subnet_field,
};

static GPtrArray *
list_subnets (DrsoSandboxEc2Call  *call,
              GError             **error)
{
  return drso_sandbox_world_list_subnets (call->world, call->caller->account_id);
}

static void
write_subnet (DrsoSandboxEc2Call *call,
              DrsoSandboxXml     *xml,
              gconstpointer       item)
{
  const DrsoSandboxSubnet *subnet = item;
  g_autofree char *arn = subnet_arn (call, subnet);
  g_autofree char *available = g_strdup_printf ("%u", subnet->available_ips);

  drso_sandbox_xml_leaves (xml, NULL, "subnetId", subnet->subnet_id, "subnetArn", arn,
                           "state", "available", "ownerId", subnet->account_id,
                           "vpcId", subnet->vpc_id, "cidrBlock", subnet->cidr_block,
                           "availableIpAddressCount", available,
                           "availabilityZone", subnet->availability_zone,
                           "defaultForAz", subnet->default_for_az ? "true" : "false",
                           "mapPublicIpOnLaunch", "false",
                           "assignIpv6AddressOnCreation", "false", NULL);
  _drso_sandbox_ec2_write_tags (xml, subnet->tags);
}

static const char * const describe_subnets_names[] = {
  "SubnetId.#", "Filter.#.Name", "Filter.#.Value.#", "MaxResults", "NextToken", "DryRun", NULL,
};

const DrsoSandboxEc2Describe _drso_sandbox_ec2_describe_subnets = {
  describe_subnets_names, &subnet_kind, "SubnetId", "subnet-",
  "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet ID", FALSE,
  "subnetSet", list_subnets, NULL, NULL, write_subnet,
};

/* Security groups */

#define GROUP_FIELD(name, member) { name, G_STRUCT_OFFSET (DrsoSandboxSecurityGroup, member) }

static const DrsoSandboxQueryField group_fields[] = {
  GROUP_FIELD ("description", description),
  GROUP_FIELD ("group-id", group_id),
  GROUP_FIELD ("group-name", group_name),
  GROUP_FIELD ("owner-id", account_id),
  GROUP_FIELD ("vpc-id", vpc_id),
  { NULL, 0 },
};

static const DrsoSandboxQueryKind group_kind = {
  G_STRUCT_OFFSET (DrsoSandboxSecurityGroup, group_id),
  G_STRUCT_OFFSET (DrsoSandboxSecurityGroup, tags),
  group_fields, NULL,
};

static GPtrArray *
list_groups (DrsoSandboxEc2Call  *call,
             GError             **error)
{
  return g_ptr_array_ref (_drso_sandbox_ec2_account_groups (call));
}

/* GroupName.N: the groups of those names (in any VPC of the account). */
static gboolean
named_groups (DrsoSandboxEc2Call *call,
              GPtrArray          *groups,
              GPtrArray          *picked)
{
  g_auto(GStrv) names = drso_sandbox_query_get_list (call->params, "GroupName");
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < groups->len; i++)
    {
      DrsoSandboxSecurityGroup *group = g_ptr_array_index (groups, i);

      if (group->group_name != NULL)
        g_hash_table_insert (by_name, group->group_name, group);
    }
  if (!_drso_sandbox_ec2_check_found (call, names, by_name, "InvalidGroup.NotFound",
                                      "security group"))
    return FALSE;

  for (guint i = 0; i < groups->len; i++)
    {
      DrsoSandboxSecurityGroup *group = g_ptr_array_index (groups, i);

      if (group->group_name != NULL &&
          g_strv_contains ((const char * const *) names, group->group_name) &&
          !g_ptr_array_find (picked, group, NULL))
        g_ptr_array_add (picked, group);
    }
  return TRUE;
}

static void
write_group (DrsoSandboxEc2Call *call,
             DrsoSandboxXml     *xml,
             gconstpointer       item)
{
  const DrsoSandboxSecurityGroup *group = item;
  g_autofree char *arn = g_strdup_printf ("arn:aws:ec2:%s:%s:security-group/%s",
                                          drso_sandbox_world_get_region (call->world),
                                          group->account_id, group->group_id);

  drso_sandbox_xml_leaves (xml, NULL, "ownerId", group->account_id, "groupId", group->group_id,
                           "groupName", group->group_name,
                           "groupDescription", group->description ? group->description : "",
                           "vpcId", group->vpc_id, "securityGroupArn", arn, NULL);
  drso_sandbox_xml_open (xml, "ipPermissions");
  drso_sandbox_xml_close (xml);
  /* A new group's one rule: all traffic out. */
  drso_sandbox_xml_open (xml, "ipPermissionsEgress");
  drso_sandbox_xml_open (xml, "item");
  drso_sandbox_xml_text (xml, "ipProtocol", "-1");
  drso_sandbox_xml_leaves (xml, "groups", NULL);
  drso_sandbox_xml_open (xml, "ipRanges");
  drso_sandbox_xml_leaves (xml, "item", "cidrIp", "0.0.0.0/0", NULL);
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_close (xml);
  drso_sandbox_xml_close (xml);
  _drso_sandbox_ec2_write_tags (xml, group->tags);
}

static const char * const describe_groups_names[] = {
  "GroupId.#", "GroupName.#", "Filter.#.Name", "Filter.#.Value.#", "MaxResults", "NextToken",
  "DryRun", NULL,
};

const DrsoSandboxEc2Describe _drso_sandbox_ec2_describe_security_groups = {
  describe_groups_names, &group_kind, "GroupId", "sg-",
  "InvalidGroupId.Malformed", "InvalidGroup.NotFound", "security group", FALSE,
  "securityGroupInfo", list_groups, NULL, named_groups, write_group,
};
