/* drso-ec2.h
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

#include "drso-aws-context.h"

G_BEGIN_DECLS

#define DRSO_TYPE_EC2_INSTANCE (drso_ec2_instance_get_type ())
#define DRSO_TYPE_EC2_INSTANCE_STATUS (drso_ec2_instance_status_get_type ())
#define DRSO_TYPE_EC2_STATE_CHANGE (drso_ec2_state_change_get_type ())
#define DRSO_TYPE_EC2_SUBNET (drso_ec2_subnet_get_type ())
#define DRSO_TYPE_EC2_SECURITY_GROUP (drso_ec2_security_group_get_type ())

G_DECLARE_FINAL_TYPE (DrsoEc2Instance, drso_ec2_instance, DRSO, EC2_INSTANCE, GObject)
G_DECLARE_FINAL_TYPE (DrsoEc2InstanceStatus, drso_ec2_instance_status, DRSO, EC2_INSTANCE_STATUS,
                      GObject)
G_DECLARE_FINAL_TYPE (DrsoEc2StateChange, drso_ec2_state_change, DRSO, EC2_STATE_CHANGE, GObject)
G_DECLARE_FINAL_TYPE (DrsoEc2Subnet, drso_ec2_subnet, DRSO, EC2_SUBNET, GObject)
G_DECLARE_FINAL_TYPE (DrsoEc2SecurityGroup, drso_ec2_security_group, DRSO, EC2_SECURITY_GROUP,
                      GObject)

const char *drso_ec2_instance_get_instance_id             (DrsoEc2Instance       *self);
const char *drso_ec2_instance_get_state_name              (DrsoEc2Instance       *self);
guint       drso_ec2_instance_get_state_code              (DrsoEc2Instance       *self);
const char *drso_ec2_instance_get_instance_type           (DrsoEc2Instance       *self);
const char *drso_ec2_instance_get_private_ip              (DrsoEc2Instance       *self);
gint64      drso_ec2_instance_get_launch_time             (DrsoEc2Instance       *self);
GHashTable *drso_ec2_instance_get_tags                    (DrsoEc2Instance       *self);

const char *drso_ec2_instance_status_get_instance_id      (DrsoEc2InstanceStatus *self);
const char *drso_ec2_instance_status_get_state_name       (DrsoEc2InstanceStatus *self);
const char *drso_ec2_instance_status_get_system_status    (DrsoEc2InstanceStatus *self);
const char *drso_ec2_instance_status_get_instance_status  (DrsoEc2InstanceStatus *self);
gboolean    drso_ec2_instance_status_is_healthy           (DrsoEc2InstanceStatus *self);

const char *drso_ec2_state_change_get_instance_id         (DrsoEc2StateChange    *self);
const char *drso_ec2_state_change_get_previous_state      (DrsoEc2StateChange    *self);
const char *drso_ec2_state_change_get_current_state       (DrsoEc2StateChange    *self);

const char *drso_ec2_subnet_get_subnet_id                 (DrsoEc2Subnet         *self);
const char *drso_ec2_subnet_get_vpc_id                    (DrsoEc2Subnet         *self);
const char *drso_ec2_subnet_get_cidr_block                (DrsoEc2Subnet         *self);
const char *drso_ec2_subnet_get_availability_zone         (DrsoEc2Subnet         *self);
guint       drso_ec2_subnet_get_available_ip_count        (DrsoEc2Subnet         *self);

const char *drso_ec2_security_group_get_group_id          (DrsoEc2SecurityGroup  *self);
const char *drso_ec2_security_group_get_group_name        (DrsoEc2SecurityGroup  *self);
const char *drso_ec2_security_group_get_vpc_id            (DrsoEc2SecurityGroup  *self);
const char *drso_ec2_security_group_get_description       (DrsoEc2SecurityGroup  *self);

void        drso_ec2_describe_instances_async             (DrsoAwsContext        *context,
                                                           const char * const    *instance_ids,
                                                           GHashTable            *filters,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
GPtrArray  *drso_ec2_describe_instances_finish            (DrsoAwsContext        *context,
                                                           GAsyncResult          *result,
                                                           GError               **error);
void        drso_ec2_describe_instance_status_async       (DrsoAwsContext        *context,
                                                           const char * const    *instance_ids,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
GPtrArray  *drso_ec2_describe_instance_status_finish      (DrsoAwsContext        *context,
                                                           GAsyncResult          *result,
                                                           GError               **error);
void        drso_ec2_terminate_instances_async            (DrsoAwsContext        *context,
                                                           const char * const    *instance_ids,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
GPtrArray  *drso_ec2_terminate_instances_finish           (DrsoAwsContext        *context,
                                                           GAsyncResult          *result,
                                                           GError               **error);
void        drso_ec2_describe_subnets_async               (DrsoAwsContext        *context,
                                                           const char * const    *subnet_ids,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
GPtrArray  *drso_ec2_describe_subnets_finish              (DrsoAwsContext        *context,
                                                           GAsyncResult          *result,
                                                           GError               **error);
void        drso_ec2_describe_security_groups_async       (DrsoAwsContext        *context,
                                                           const char * const    *group_ids,
                                                           GCancellable          *cancellable,
                                                           GAsyncReadyCallback    callback,
                                                           gpointer               user_data);
GPtrArray  *drso_ec2_describe_security_groups_finish      (DrsoAwsContext        *context,
                                                           GAsyncResult          *result,
                                                           GError               **error);

G_END_DECLS
