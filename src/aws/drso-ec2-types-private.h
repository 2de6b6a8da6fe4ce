/* drso-ec2-types-private.h
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

#include "drso-ec2.h"

G_BEGIN_DECLS

/* The instance structs of the EC2 result classes: drso-ec2-types.c
 * implements the classes, drso-ec2-parse.c fills the fields in from the
 * answers. */

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

struct _DrsoEc2InstanceStatus
{
  GObject  parent_instance;

  char    *instance_id;
  char    *state_name;
  char    *system_status;
  char    *instance_status;
};

struct _DrsoEc2StateChange
{
  GObject  parent_instance;

  char    *instance_id;
  char    *previous_state;
  char    *current_state;
};

struct _DrsoEc2Subnet
{
  GObject  parent_instance;

  char    *subnet_id;
  char    *vpc_id;
  char    *cidr_block;
  char    *availability_zone;
  guint    available_ip_count;
};

struct _DrsoEc2SecurityGroup
{
  GObject  parent_instance;

  char    *group_id;
  char    *group_name;
  char    *vpc_id;
  char    *description;
};

G_END_DECLS
