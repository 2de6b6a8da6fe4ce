/* drso-ec2.c
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

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "drso-aws-client-private.h"
#include "drso-aws-error.h"
#include "drso-aws-query-private.h"
#include "drso-aws-xml-private.h"
#include "drso-ec2.h"

#define EC2_VERSION "2016-11-15"
#define PAGE_SIZE "1000"
#define MAX_PAGES 10000
#define MAX_TERMINATE 1000

#define READABLE (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

/* DrsoEc2Instance */

/**
 * DrsoEc2Instance:
 *
 * An EC2 instance as DescribeInstances reports it: its id, state, type,
 * private address, launch time and tags.
 */
struct _DrsoEc2Instance
{
  GObject     parent_instance;

  char       *instance_id;
  char       *state_name;
  char       *instance_type;
  char       *private_ip;
  GHashTable *tags;
  gint64      launch_time;
  guint       state_code;
};

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
struct _DrsoEc2InstanceStatus
{
  GObject  parent_instance;

  char    *instance_id;
  char    *state_name;
  char    *system_status;
  char    *instance_status;
};

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
struct _DrsoEc2StateChange
{
  GObject  parent_instance;

  char    *instance_id;
  char    *previous_state;
  char    *current_state;
};

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
struct _DrsoEc2Subnet
{
  GObject  parent_instance;

  char    *subnet_id;
  char    *vpc_id;
  char    *cidr_block;
  char    *availability_zone;
  guint    available_ip_count;
};

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
struct _DrsoEc2SecurityGroup
{
  GObject  parent_instance;

  char    *group_id;
  char    *group_name;
  char    *vpc_id;
  char    *description;
};

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

/* Reading the answers */

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
               _("EC2 answered %s with %s “%s”, which is not a number up to %"
                 G_GUINT64_FORMAT), action, path, text, max);
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
static gboolean
parse_reservation (DrsoXmlNode  *item,
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

static gboolean
parse_instance_status (DrsoXmlNode  *item,
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

static gboolean
parse_state_change (DrsoXmlNode  *item,
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

static gboolean
parse_subnet (DrsoXmlNode  *item,
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

static gboolean
parse_security_group (DrsoXmlNode  *item,
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

/* Calls */

typedef gboolean (*ParseItemFunc) (DrsoXmlNode  *item,
                                   const char   *action,
                                   GPtrArray    *results,
                                   GError      **error);

/* What differs between the calls: the action, how ids are sent, where the
 * answer's list is and how to read one of its items. */
typedef struct
{
  const char    *action;
  const char    *id_name;
  const char    *list_path;
  ParseItemFunc  parse_item;
  gboolean       paginated;
} Operation;

static const Operation describe_instances = {
  "DescribeInstances", "InstanceId", "reservationSet", parse_reservation, TRUE,
};
static const Operation describe_instance_status = {
  "DescribeInstanceStatus", "InstanceId", "instanceStatusSet", parse_instance_status, TRUE,
};
static const Operation terminate_instances = {
  "TerminateInstances", "InstanceId", "instancesSet", parse_state_change, FALSE,
};
static const Operation describe_subnets = {
  "DescribeSubnets", "SubnetId", "subnetSet", parse_subnet, TRUE,
};
static const Operation describe_security_groups = {
  "DescribeSecurityGroups", "GroupId", "securityGroupInfo", parse_security_group, TRUE,
};

typedef struct
{
  const Operation *operation;
  GStrv            ids;
  GStrv            filter_names;   /* sorted, so requests are reproducible */
  GStrv            filter_values;
  gboolean         include_all;
  GPtrArray       *results;
  char            *next_token;
  GHashTable      *seen_tokens;
  guint            pages;
} CallState;

static void
call_state_free (CallState *state)
{
  g_strfreev (state->ids);
  g_strfreev (state->filter_names);
  g_strfreev (state->filter_values);
  g_ptr_array_unref (state->results);
  g_free (state->next_token);
  g_hash_table_unref (state->seen_tokens);
  g_free (state);
}

/* Adds a member of a flattened list: @prefix.@index@suffix=@value. */
static void
add_indexed (DrsoQueryBuilder *builder,
             const char       *prefix,
             guint             index,
             const char       *suffix,
             const char       *value)
{
  g_autofree char *name = g_strdup_printf ("%s.%u%s", prefix, index, suffix);

  _drso_query_builder_add (builder, name, value);
}

/* The form body of the next page's request. */
static GBytes *
build_body (CallState *state)
{
  DrsoQueryBuilder *builder = _drso_query_builder_new (state->operation->action, EC2_VERSION);

  for (guint i = 0; state->ids != NULL && state->ids[i] != NULL; i++)
    add_indexed (builder, state->operation->id_name, i + 1, "", state->ids[i]);
  for (guint i = 0; state->filter_names != NULL && state->filter_names[i] != NULL; i++)
    {
      add_indexed (builder, "Filter", i + 1, ".Name", state->filter_names[i]);
      add_indexed (builder, "Filter", i + 1, ".Value.1", state->filter_values[i]);
    }
  if (state->include_all)
    _drso_query_builder_add (builder, "IncludeAllInstances", "true");
  /* EC2 refuses MaxResults together with ids; with ids it answers all of them. */
  if (state->operation->paginated && state->ids == NULL)
    _drso_query_builder_add (builder, "MaxResults", PAGE_SIZE);
  if (state->next_token != NULL)
    _drso_query_builder_add (builder, "NextToken", state->next_token);
  return _drso_query_builder_end (builder);
}

/* Reads one page: its items into @state, and its next token. */
static gboolean
read_page (CallState    *state,
           GBytes       *body,
           char        **next_token,
           GError      **error)
{
  const char *action = state->operation->action;
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

  items = _drso_xml_items (root, state->operation->list_path);
  for (guint i = 0; i < items->len; i++)
    if (!state->operation->parse_item (g_ptr_array_index (items, i), action, state->results,
                                       error))
      return FALSE;

  token = _drso_xml_text (root, "nextToken");
  *next_token = state->operation->paginated && token != NULL && *token != '\0'
                ? g_strdup (token) : NULL;
  return TRUE;
}

static void send_page (GTask *task);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *next_token = NULL;

  body = _drso_aws_client_send_finish (DRSO_AWS_CLIENT (source), result, &error);
  if (body == NULL || !read_page (state, body, &next_token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (next_token != NULL)
    {
      if (!g_hash_table_add (state->seen_tokens, g_strdup (next_token)) ||
          ++state->pages >= MAX_PAGES)
        {
          g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED,
                                   _("EC2 kept answering %s with pages it had already sent"),
                                   state->operation->action);
          return;
        }
      g_free (state->next_token);
      state->next_token = g_steal_pointer (&next_token);
      send_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (state->results),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
send_page (GTask *task)
{
  DrsoAwsContext *context = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GBytes) body = build_body (state);
  DrsoAwsCall call = {
    .protocol = DRSO_AWS_PROTOCOL_EC2,
    .service = "ec2",
    .region = drso_aws_context_get_region (context),
    .account_endpoint = drso_aws_context_get_endpoint (context),
    .method = "POST",
    .path = "/",
    .body = body,
    .credentials = drso_aws_context_get_credentials (context),
  };

  _drso_aws_client_send_async (drso_aws_context_get_client (context), &call,
                               g_task_get_cancellable (task), page_cb, task);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Starts @operation; an empty @ids is the same as none. */
static void
start_call (DrsoAwsContext      *context,
            const Operation     *operation,
            const char * const  *ids,
            GHashTable          *filters,
            gboolean             include_all,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (context, cancellable, callback, user_data);
  CallState *state = g_new0 (CallState, 1);

  g_task_set_source_tag (task, source_tag);
  state->operation = operation;
  state->ids = ids != NULL && ids[0] != NULL ? g_strdupv ((char **) ids) : NULL;
  state->include_all = include_all;
  state->results = g_ptr_array_new_with_free_func (g_object_unref);
  state->seen_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (filters != NULL && g_hash_table_size (filters) > 0)
    {
      guint n_filters;
      g_autofree const char **names = (const char **) g_hash_table_get_keys_as_array (filters,
                                                                                    &n_filters);

      qsort (names, n_filters, sizeof (char *), compare_names);
      state->filter_names = g_strdupv ((char **) names);
      state->filter_values = g_new0 (char *, n_filters + 1);
      for (guint i = 0; i < n_filters; i++)
        state->filter_values[i] = g_strdup (g_hash_table_lookup (filters, names[i]));
    }
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);
  send_page (task);
}

/**
 * drso_ec2_describe_instances_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1) (nullable): the instances to
 *   describe, or %NULL for all of them
 * @filters: (element-type utf8 utf8) (nullable): EC2 filter names, such as
 *   `tag:Tier` or `instance-state-name`, each with the one value to match
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Describes the context's EC2 instances, following `NextToken` to the last
 * page.
 */
void
drso_ec2_describe_instances_async (DrsoAwsContext      *context,
                                   const char * const  *instance_ids,
                                   GHashTable          *filters,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_instances, instance_ids, filters, FALSE,
              drso_ec2_describe_instances_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_instances_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DrsoEc2Instance) (nullable): the
 *   instances of every reservation, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_instances_finish (DrsoAwsContext  *context,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_instances_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_describe_instance_status_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1) (nullable): the instances, or
 *   %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Asks for the state and status checks of instances, whatever their state
 * (`IncludeAllInstances`), following `NextToken` to the last page.
 */
void
drso_ec2_describe_instance_status_async (DrsoAwsContext      *context,
                                         const char * const  *instance_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_instance_status, instance_ids, NULL, TRUE,
              drso_ec2_describe_instance_status_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_instance_status_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DrsoEc2InstanceStatus) (nullable):
 *   the statuses, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_instance_status_finish (DrsoAwsContext  *context,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_instance_status_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_terminate_instances_async:
 * @context: a #DrsoAwsContext
 * @instance_ids: (array zero-terminated=1): the instances to terminate, 1 to
 *   1000 of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when EC2 has answered
 * @user_data: data for @callback
 *
 * Terminates instances. An empty list, an empty id or more than 1000 ids
 * fail with %DRSO_AWS_ERROR_VALIDATION without calling EC2.
 */
void
drso_ec2_terminate_instances_async (DrsoAwsContext      *context,
                                    const char * const  *instance_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  guint n_ids = instance_ids != NULL ? g_strv_length ((char **) instance_ids) : 0;
  g_autofree char *refusal = NULL;

  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  if (n_ids == 0)
    refusal = g_strdup (_("TerminateInstances needs at least one instance id"));
  else if (n_ids > MAX_TERMINATE)
    refusal = g_strdup_printf (_("TerminateInstances takes at most %u instance ids, not %u"),
                               MAX_TERMINATE, n_ids);
  for (guint i = 0; refusal == NULL && i < n_ids; i++)
    if (*instance_ids[i] == '\0')
      refusal = g_strdup (_("TerminateInstances was given an empty instance id"));

  if (refusal != NULL)
    {
      g_autoptr(GTask) task = g_task_new (context, cancellable, callback, user_data);

      g_task_set_source_tag (task, drso_ec2_terminate_instances_async);
      g_task_return_new_error (task, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION, "%s", refusal);
      return;
    }

  start_call (context, &terminate_instances, instance_ids, NULL, FALSE,
              drso_ec2_terminate_instances_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_terminate_instances_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DrsoEc2StateChange) (nullable): the
 *   state changes, or %NULL on error
 */
GPtrArray *
drso_ec2_terminate_instances_finish (DrsoAwsContext  *context,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_terminate_instances_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_describe_subnets_async:
 * @context: a #DrsoAwsContext
 * @subnet_ids: (array zero-terminated=1) (nullable): the subnets, or %NULL
 *   for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Describes VPC subnets, following `NextToken` to the last page.
 */
void
drso_ec2_describe_subnets_async (DrsoAwsContext      *context,
                                 const char * const  *subnet_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_subnets, subnet_ids, NULL, FALSE,
              drso_ec2_describe_subnets_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_subnets_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DrsoEc2Subnet) (nullable): the
 *   subnets, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_subnets_finish (DrsoAwsContext  *context,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_subnets_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * drso_ec2_describe_security_groups_async:
 * @context: a #DrsoAwsContext
 * @group_ids: (array zero-terminated=1) (nullable): the security groups, or
 *   %NULL for all of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when every page is in
 * @user_data: data for @callback
 *
 * Describes security groups, following `NextToken` to the last page.
 */
void
drso_ec2_describe_security_groups_async (DrsoAwsContext      *context,
                                         const char * const  *group_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (DRSO_IS_AWS_CONTEXT (context));

  start_call (context, &describe_security_groups, group_ids, NULL, FALSE,
              drso_ec2_describe_security_groups_async, cancellable, callback, user_data);
}

/**
 * drso_ec2_describe_security_groups_finish:
 * @context: a #DrsoAwsContext
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DrsoEc2SecurityGroup) (nullable):
 *   the security groups, or %NULL on error
 */
GPtrArray *
drso_ec2_describe_security_groups_finish (DrsoAwsContext  *context,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, drso_ec2_describe_security_groups_async),
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
