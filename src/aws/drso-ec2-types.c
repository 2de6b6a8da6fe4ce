/* drso-ec2-types.c
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

#include "drso-ec2.h"
#include "drso-ec2-types-private.h"

/* The result classes of the EC2 calls: DrsoEc2Instance, DrsoEc2InstanceStatus,
 * DrsoEc2StateChange, DrsoEc2Subnet and DrsoEc2SecurityGroup. Read-only
 * objects: drso-ec2-parse.c fills them in. */

#define READABLE (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

/* DrsoEc2Instance */

/**
 * DrsoEc2Instance:
 *
 * An EC2 instance as DescribeInstances reports it: its id, state, type,
 * private address, launch time and tags.
 */
G_DEFINE_FINAL_TYPE (DrsoEc2Instance, drso_ec2_instance, G_TYPE_OBJECT)

enum {
  INSTANCE_PROP_0,
  INSTANCE_PROP_INSTANCE_ID,
  INSTANCE_PROP_STATE_NAME,
  INSTANCE_PROP_STATE_CODE,
  INSTANCE_PROP_INSTANCE_TYPE,
  INSTANCE_PROP_PRIVATE_IP,
  INSTANCE_PROP_LAUNCH_TIME,
  INSTANCE_PROP_TAGS,
  INSTANCE_N_PROPS
};

static GParamSpec *instance_props[INSTANCE_N_PROPS];

static void
drso_ec2_instance_finalize (GObject *object)
{
  DrsoEc2Instance *self = (DrsoEc2Instance *) object;

  g_free (self->instance_id);
  g_free (self->state_name);
  g_free (self->instance_type);
  g_free (self->private_ip);
  g_hash_table_unref (self->tags);

  G_OBJECT_CLASS (drso_ec2_instance_parent_class)->finalize (object);
}

static void
drso_ec2_instance_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DrsoEc2Instance *self = DRSO_EC2_INSTANCE (object);

  switch (prop_id)
    {
    case INSTANCE_PROP_INSTANCE_ID:
      g_value_set_string (value, self->instance_id);
      break;
    case INSTANCE_PROP_STATE_NAME:
      g_value_set_string (value, self->state_name);
      break;
    case INSTANCE_PROP_STATE_CODE:
      g_value_set_uint (value, self->state_code);
      break;
    case INSTANCE_PROP_INSTANCE_TYPE:
      g_value_set_string (value, self->instance_type);
      break;
    case INSTANCE_PROP_PRIVATE_IP:
      g_value_set_string (value, self->private_ip);
      break;
    case INSTANCE_PROP_LAUNCH_TIME:
      g_value_set_int64 (value, self->launch_time);
      break;
    case INSTANCE_PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_ec2_instance_class_init (DrsoEc2InstanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_ec2_instance_finalize;
  object_class->get_property = drso_ec2_instance_get_property;

  instance_props[INSTANCE_PROP_INSTANCE_ID] =
    g_param_spec_string ("instance-id", NULL, NULL, NULL, READABLE);
  instance_props[INSTANCE_PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL, NULL, READABLE);
  instance_props[INSTANCE_PROP_STATE_CODE] =
    g_param_spec_uint ("state-code", NULL, NULL, 0, 255, 0, READABLE);
  instance_props[INSTANCE_PROP_INSTANCE_TYPE] =
    g_param_spec_string ("instance-type", NULL, NULL, NULL, READABLE);
  instance_props[INSTANCE_PROP_PRIVATE_IP] =
    g_param_spec_string ("private-ip", NULL, NULL, NULL, READABLE);
  instance_props[INSTANCE_PROP_LAUNCH_TIME] =
    g_param_spec_int64 ("launch-time", NULL, NULL, 0, G_MAXINT64, 0, READABLE);
  instance_props[INSTANCE_PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_HASH_TABLE, READABLE);

  g_object_class_install_properties (object_class, INSTANCE_N_PROPS, instance_props);
}

static void
drso_ec2_instance_init (DrsoEc2Instance *self)
{
  self->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * drso_ec2_instance_get_instance_id:
 * @self: a #DrsoEc2Instance
 *
 * Returns: the instance id, such as `i-0abc1234def567890`
 */
const char *
drso_ec2_instance_get_instance_id (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), NULL);
  return self->instance_id;
}

/**
 * drso_ec2_instance_get_state_name:
 * @self: a #DrsoEc2Instance
 *
 * Returns: the state: `pending`, `running`, `shutting-down`, `terminated`,
 *   `stopping` or `stopped`
 */
const char *
drso_ec2_instance_get_state_name (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), NULL);
  return self->state_name;
}

/**
 * drso_ec2_instance_get_state_code:
 * @self: a #DrsoEc2Instance
 *
 * The state's code, without the high byte AWS uses internally: 0 pending,
 * 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped.
 *
 * Returns: the state code
 */
guint
drso_ec2_instance_get_state_code (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), 0);
  return self->state_code;
}

/**
 * drso_ec2_instance_get_instance_type:
 * @self: a #DrsoEc2Instance
 *
 * Returns: (nullable): the instance type, such as `t3.micro`
 */
const char *
drso_ec2_instance_get_instance_type (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), NULL);
  return self->instance_type;
}

/**
 * drso_ec2_instance_get_private_ip:
 * @self: a #DrsoEc2Instance
 *
 * Returns: (nullable): the private IPv4 address, or %NULL if it has none
 */
const char *
drso_ec2_instance_get_private_ip (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), NULL);
  return self->private_ip;
}

/**
 * drso_ec2_instance_get_launch_time:
 * @self: a #DrsoEc2Instance
 *
 * Returns: when the instance was launched, in seconds since the Unix epoch,
 *   or 0 if EC2 did not say
 */
gint64
drso_ec2_instance_get_launch_time (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), 0);
  return self->launch_time;
}

/**
 * drso_ec2_instance_get_tags:
 * @self: a #DrsoEc2Instance
 *
 * Returns: (transfer none) (element-type utf8 utf8): the instance's tags
 */
GHashTable *
drso_ec2_instance_get_tags (DrsoEc2Instance *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE (self), NULL);
  return self->tags;
}

/* DrsoEc2InstanceStatus */

/**
 * DrsoEc2InstanceStatus:
 *
 * An instance's state and status checks as DescribeInstanceStatus reports
 * them.
 */
G_DEFINE_FINAL_TYPE (DrsoEc2InstanceStatus, drso_ec2_instance_status, G_TYPE_OBJECT)

enum {
  STATUS_PROP_0,
  STATUS_PROP_INSTANCE_ID,
  STATUS_PROP_STATE_NAME,
  STATUS_PROP_SYSTEM_STATUS,
  STATUS_PROP_INSTANCE_STATUS,
  STATUS_N_PROPS
};

static GParamSpec *status_props[STATUS_N_PROPS];

static void
drso_ec2_instance_status_finalize (GObject *object)
{
  DrsoEc2InstanceStatus *self = (DrsoEc2InstanceStatus *) object;

  g_free (self->instance_id);
  g_free (self->state_name);
  g_free (self->system_status);
  g_free (self->instance_status);

  G_OBJECT_CLASS (drso_ec2_instance_status_parent_class)->finalize (object);
}

static void
drso_ec2_instance_status_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  DrsoEc2InstanceStatus *self = DRSO_EC2_INSTANCE_STATUS (object);

  switch (prop_id)
    {
    case STATUS_PROP_INSTANCE_ID:
      g_value_set_string (value, self->instance_id);
      break;
    case STATUS_PROP_STATE_NAME:
      g_value_set_string (value, self->state_name);
      break;
    case STATUS_PROP_SYSTEM_STATUS:
      g_value_set_string (value, self->system_status);
      break;
    case STATUS_PROP_INSTANCE_STATUS:
      g_value_set_string (value, self->instance_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_ec2_instance_status_class_init (DrsoEc2InstanceStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_ec2_instance_status_finalize;
  object_class->get_property = drso_ec2_instance_status_get_property;

  status_props[STATUS_PROP_INSTANCE_ID] =
    g_param_spec_string ("instance-id", NULL, NULL, NULL, READABLE);
  status_props[STATUS_PROP_STATE_NAME] =
    g_param_spec_string ("state-name", NULL, NULL, NULL, READABLE);
  status_props[STATUS_PROP_SYSTEM_STATUS] =
    g_param_spec_string ("system-status", NULL, NULL, NULL, READABLE);
  status_props[STATUS_PROP_INSTANCE_STATUS] =
    g_param_spec_string ("instance-status", NULL, NULL, NULL, READABLE);

  g_object_class_install_properties (object_class, STATUS_N_PROPS, status_props);
}

static void
drso_ec2_instance_status_init (DrsoEc2InstanceStatus *self)
{
}

/**
 * drso_ec2_instance_status_get_instance_id:
 * @self: a #DrsoEc2InstanceStatus
 *
 * Returns: the instance id
 */
const char *
drso_ec2_instance_status_get_instance_id (DrsoEc2InstanceStatus *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE_STATUS (self), NULL);
  return self->instance_id;
}

/**
 * drso_ec2_instance_status_get_state_name:
 * @self: a #DrsoEc2InstanceStatus
 *
 * Returns: the instance's state, such as `running`
 */
const char *
drso_ec2_instance_status_get_state_name (DrsoEc2InstanceStatus *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE_STATUS (self), NULL);
  return self->state_name;
}

/**
 * drso_ec2_instance_status_get_system_status:
 * @self: a #DrsoEc2InstanceStatus
 *
 * Returns: (nullable): the system status check: `ok`, `impaired`,
 *   `insufficient-data`, `not-applicable` or `initializing`
 */
const char *
drso_ec2_instance_status_get_system_status (DrsoEc2InstanceStatus *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE_STATUS (self), NULL);
  return self->system_status;
}

/**
 * drso_ec2_instance_status_get_instance_status:
 * @self: a #DrsoEc2InstanceStatus
 *
 * Returns: (nullable): the instance status check, with the same values as
 *   drso_ec2_instance_status_get_system_status()
 */
const char *
drso_ec2_instance_status_get_instance_status (DrsoEc2InstanceStatus *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE_STATUS (self), NULL);
  return self->instance_status;
}

/**
 * drso_ec2_instance_status_is_healthy:
 * @self: a #DrsoEc2InstanceStatus
 *
 * Returns: whether both status checks are `ok`
 */
gboolean
drso_ec2_instance_status_is_healthy (DrsoEc2InstanceStatus *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_INSTANCE_STATUS (self), FALSE);
  return g_strcmp0 (self->system_status, "ok") == 0 &&
         g_strcmp0 (self->instance_status, "ok") == 0;
}

/* DrsoEc2StateChange */

/**
 * DrsoEc2StateChange:
 *
 * An instance's state before and after TerminateInstances.
 */
G_DEFINE_FINAL_TYPE (DrsoEc2StateChange, drso_ec2_state_change, G_TYPE_OBJECT)

enum {
  CHANGE_PROP_0,
  CHANGE_PROP_INSTANCE_ID,
  CHANGE_PROP_PREVIOUS_STATE,
  CHANGE_PROP_CURRENT_STATE,
  CHANGE_N_PROPS
};

static GParamSpec *change_props[CHANGE_N_PROPS];

static void
drso_ec2_state_change_finalize (GObject *object)
{
  DrsoEc2StateChange *self = (DrsoEc2StateChange *) object;

  g_free (self->instance_id);
  g_free (self->previous_state);
  g_free (self->current_state);

  G_OBJECT_CLASS (drso_ec2_state_change_parent_class)->finalize (object);
}

static void
drso_ec2_state_change_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DrsoEc2StateChange *self = DRSO_EC2_STATE_CHANGE (object);

  switch (prop_id)
    {
    case CHANGE_PROP_INSTANCE_ID:
      g_value_set_string (value, self->instance_id);
      break;
    case CHANGE_PROP_PREVIOUS_STATE:
      g_value_set_string (value, self->previous_state);
      break;
    case CHANGE_PROP_CURRENT_STATE:
      g_value_set_string (value, self->current_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_ec2_state_change_class_init (DrsoEc2StateChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_ec2_state_change_finalize;
  object_class->get_property = drso_ec2_state_change_get_property;

  change_props[CHANGE_PROP_INSTANCE_ID] =
    g_param_spec_string ("instance-id", NULL, NULL, NULL, READABLE);
  change_props[CHANGE_PROP_PREVIOUS_STATE] =
    g_param_spec_string ("previous-state", NULL, NULL, NULL, READABLE);
  change_props[CHANGE_PROP_CURRENT_STATE] =
    g_param_spec_string ("current-state", NULL, NULL, NULL, READABLE);

  g_object_class_install_properties (object_class, CHANGE_N_PROPS, change_props);
}

static void
drso_ec2_state_change_init (DrsoEc2StateChange *self)
{
}

/**
 * drso_ec2_state_change_get_instance_id:
 * @self: a #DrsoEc2StateChange
 *
 * Returns: the instance id
 */
const char *
drso_ec2_state_change_get_instance_id (DrsoEc2StateChange *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_STATE_CHANGE (self), NULL);
  return self->instance_id;
}

/**
 * drso_ec2_state_change_get_previous_state:
 * @self: a #DrsoEc2StateChange
 *
 * Returns: the state before the call, such as `running`
 */
const char *
drso_ec2_state_change_get_previous_state (DrsoEc2StateChange *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_STATE_CHANGE (self), NULL);
  return self->previous_state;
}

/**
 * drso_ec2_state_change_get_current_state:
 * @self: a #DrsoEc2StateChange
 *
 * Returns: the state after the call, such as `shutting-down`
 */
const char *
drso_ec2_state_change_get_current_state (DrsoEc2StateChange *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_STATE_CHANGE (self), NULL);
  return self->current_state;
}

/* DrsoEc2Subnet */

/**
 * DrsoEc2Subnet:
 *
 * A VPC subnet as DescribeSubnets reports it.
 */
G_DEFINE_FINAL_TYPE (DrsoEc2Subnet, drso_ec2_subnet, G_TYPE_OBJECT)

enum {
  SUBNET_PROP_0,
  SUBNET_PROP_SUBNET_ID,
  SUBNET_PROP_VPC_ID,
  SUBNET_PROP_CIDR_BLOCK,
  SUBNET_PROP_AVAILABILITY_ZONE,
  SUBNET_PROP_AVAILABLE_IP_COUNT,
  SUBNET_N_PROPS
};

static GParamSpec *subnet_props[SUBNET_N_PROPS];

static void
drso_ec2_subnet_finalize (GObject *object)
{
  DrsoEc2Subnet *self = (DrsoEc2Subnet *) object;

  g_free (self->subnet_id);
  g_free (self->vpc_id);
  g_free (self->cidr_block);
  g_free (self->availability_zone);

  G_OBJECT_CLASS (drso_ec2_subnet_parent_class)->finalize (object);
}

static void
drso_ec2_subnet_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DrsoEc2Subnet *self = DRSO_EC2_SUBNET (object);

  switch (prop_id)
    {
    case SUBNET_PROP_SUBNET_ID:
      g_value_set_string (value, self->subnet_id);
      break;
    case SUBNET_PROP_VPC_ID:
      g_value_set_string (value, self->vpc_id);
      break;
    case SUBNET_PROP_CIDR_BLOCK:
      g_value_set_string (value, self->cidr_block);
      break;
    case SUBNET_PROP_AVAILABILITY_ZONE:
      g_value_set_string (value, self->availability_zone);
      break;
    case SUBNET_PROP_AVAILABLE_IP_COUNT:
      g_value_set_uint (value, self->available_ip_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_ec2_subnet_class_init (DrsoEc2SubnetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_ec2_subnet_finalize;
  object_class->get_property = drso_ec2_subnet_get_property;

  subnet_props[SUBNET_PROP_SUBNET_ID] =
    g_param_spec_string ("subnet-id", NULL, NULL, NULL, READABLE);
  subnet_props[SUBNET_PROP_VPC_ID] = g_param_spec_string ("vpc-id", NULL, NULL, NULL, READABLE);
  subnet_props[SUBNET_PROP_CIDR_BLOCK] =
    g_param_spec_string ("cidr-block", NULL, NULL, NULL, READABLE);
  subnet_props[SUBNET_PROP_AVAILABILITY_ZONE] =
    g_param_spec_string ("availability-zone", NULL, NULL, NULL, READABLE);
  subnet_props[SUBNET_PROP_AVAILABLE_IP_COUNT] =
    g_param_spec_uint ("available-ip-count", NULL, NULL, 0, G_MAXUINT, 0, READABLE);

  g_object_class_install_properties (object_class, SUBNET_N_PROPS, subnet_props);
}

static void
drso_ec2_subnet_init (DrsoEc2Subnet *self)
{
}

/**
 * drso_ec2_subnet_get_subnet_id:
 * @self: a #DrsoEc2Subnet
 *
 * Returns: the subnet id, such as `subnet-0abc1234`
 */
const char *
drso_ec2_subnet_get_subnet_id (DrsoEc2Subnet *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SUBNET (self), NULL);
  return self->subnet_id;
}

/**
 * drso_ec2_subnet_get_vpc_id:
 * @self: a #DrsoEc2Subnet
 *
 * Returns: (nullable): the id of the subnet's VPC
 */
const char *
drso_ec2_subnet_get_vpc_id (DrsoEc2Subnet *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SUBNET (self), NULL);
  return self->vpc_id;
}

/**
 * drso_ec2_subnet_get_cidr_block:
 * @self: a #DrsoEc2Subnet
 *
 * Returns: (nullable): the subnet's IPv4 CIDR block, such as `10.0.1.0/24`
 */
const char *
drso_ec2_subnet_get_cidr_block (DrsoEc2Subnet *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SUBNET (self), NULL);
  return self->cidr_block;
}

/**
 * drso_ec2_subnet_get_availability_zone:
 * @self: a #DrsoEc2Subnet
 *
 * Returns: (nullable): the subnet's Availability Zone, such as `us-east-1a`
 */
const char *
drso_ec2_subnet_get_availability_zone (DrsoEc2Subnet *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SUBNET (self), NULL);
  return self->availability_zone;
}

/**
 * drso_ec2_subnet_get_available_ip_count:
 * @self: a #DrsoEc2Subnet
 *
 * Returns: how many private IPv4 addresses of the subnet are unused
 */
guint
drso_ec2_subnet_get_available_ip_count (DrsoEc2Subnet *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SUBNET (self), 0);
  return self->available_ip_count;
}

/* DrsoEc2SecurityGroup */

/**
 * DrsoEc2SecurityGroup:
 *
 * A security group as DescribeSecurityGroups reports it.
 */
G_DEFINE_FINAL_TYPE (DrsoEc2SecurityGroup, drso_ec2_security_group, G_TYPE_OBJECT)

enum {
  GROUP_PROP_0,
  GROUP_PROP_GROUP_ID,
  GROUP_PROP_GROUP_NAME,
  GROUP_PROP_VPC_ID,
  GROUP_PROP_DESCRIPTION,
  GROUP_N_PROPS
};

static GParamSpec *group_props[GROUP_N_PROPS];

static void
drso_ec2_security_group_finalize (GObject *object)
{
  DrsoEc2SecurityGroup *self = (DrsoEc2SecurityGroup *) object;

  g_free (self->group_id);
  g_free (self->group_name);
  g_free (self->vpc_id);
  g_free (self->description);

  G_OBJECT_CLASS (drso_ec2_security_group_parent_class)->finalize (object);
}

static void
drso_ec2_security_group_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DrsoEc2SecurityGroup *self = DRSO_EC2_SECURITY_GROUP (object);

  switch (prop_id)
    {
    case GROUP_PROP_GROUP_ID:
      g_value_set_string (value, self->group_id);
      break;
    case GROUP_PROP_GROUP_NAME:
      g_value_set_string (value, self->group_name);
      break;
    case GROUP_PROP_VPC_ID:
      g_value_set_string (value, self->vpc_id);
      break;
    case GROUP_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_ec2_security_group_class_init (DrsoEc2SecurityGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_ec2_security_group_finalize;
  object_class->get_property = drso_ec2_security_group_get_property;

  group_props[GROUP_PROP_GROUP_ID] = g_param_spec_string ("group-id", NULL, NULL, NULL, READABLE);
  group_props[GROUP_PROP_GROUP_NAME] =
    g_param_spec_string ("group-name", NULL, NULL, NULL, READABLE);
  group_props[GROUP_PROP_VPC_ID] = g_param_spec_string ("vpc-id", NULL, NULL, NULL, READABLE);
  group_props[GROUP_PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, READABLE);

  g_object_class_install_properties (object_class, GROUP_N_PROPS, group_props);
}

static void
drso_ec2_security_group_init (DrsoEc2SecurityGroup *self)
{
}

/**
 * drso_ec2_security_group_get_group_id:
 * @self: a #DrsoEc2SecurityGroup
 *
 * Returns: the group id, such as `sg-0abc1234`
 */
const char *
drso_ec2_security_group_get_group_id (DrsoEc2SecurityGroup *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SECURITY_GROUP (self), NULL);
  return self->group_id;
}

/**
 * drso_ec2_security_group_get_group_name:
 * @self: a #DrsoEc2SecurityGroup
 *
 * Returns: (nullable): the group's name
 */
const char *
drso_ec2_security_group_get_group_name (DrsoEc2SecurityGroup *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SECURITY_GROUP (self), NULL);
  return self->group_name;
}

/**
 * drso_ec2_security_group_get_vpc_id:
 * @self: a #DrsoEc2SecurityGroup
 *
 * Returns: (nullable): the id of the group's VPC
 */
const char *
drso_ec2_security_group_get_vpc_id (DrsoEc2SecurityGroup *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SECURITY_GROUP (self), NULL);
  return self->vpc_id;
}

/**
 * drso_ec2_security_group_get_description:
 * @self: a #DrsoEc2SecurityGroup
 *
 * Returns: (nullable): the group's description
 */
const char *
drso_ec2_security_group_get_description (DrsoEc2SecurityGroup *self)
{
  g_return_val_if_fail (DRSO_IS_EC2_SECURITY_GROUP (self), NULL);
  return self->description;
}
