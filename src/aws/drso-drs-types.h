/* drso-drs-types.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

#define DRSO_TYPE_DRS_PARTICIPATING_SERVER (drso_drs_participating_server_get_type ())

G_DECLARE_FINAL_TYPE (DrsoDrsParticipatingServer, drso_drs_participating_server,
                      DRSO, DRS_PARTICIPATING_SERVER, GObject)

const char *drso_drs_participating_server_get_source_server_id
                                                   (DrsoDrsParticipatingServer *self);
const char *drso_drs_participating_server_get_recovery_instance_id
                                                   (DrsoDrsParticipatingServer *self);
const char *drso_drs_participating_server_get_launch_status
                                                   (DrsoDrsParticipatingServer *self);

#define DRSO_TYPE_DRS_JOB (drso_drs_job_get_type ())

G_DECLARE_FINAL_TYPE (DrsoDrsJob, drso_drs_job, DRSO, DRS_JOB, GObject)

const char *drso_drs_job_get_job_id                (DrsoDrsJob *self);
const char *drso_drs_job_get_arn                   (DrsoDrsJob *self);
const char *drso_drs_job_get_job_type              (DrsoDrsJob *self);
const char *drso_drs_job_get_initiated_by          (DrsoDrsJob *self);
const char *drso_drs_job_get_status                (DrsoDrsJob *self);
gint64      drso_drs_job_get_creation_date         (DrsoDrsJob *self);
gint64      drso_drs_job_get_end_date              (DrsoDrsJob *self);
GHashTable *drso_drs_job_get_tags                  (DrsoDrsJob *self);
GListModel *drso_drs_job_get_participating_servers (DrsoDrsJob *self);

#define DRSO_TYPE_DRS_JOB_LOG_ITEM (drso_drs_job_log_item_get_type ())

G_DECLARE_FINAL_TYPE (DrsoDrsJobLogItem, drso_drs_job_log_item, DRSO, DRS_JOB_LOG_ITEM, GObject)

gint64      drso_drs_job_log_item_get_time                 (DrsoDrsJobLogItem *self);
const char *drso_drs_job_log_item_get_event                (DrsoDrsJobLogItem *self);
const char *drso_drs_job_log_item_get_source_server_id     (DrsoDrsJobLogItem *self);
const char *drso_drs_job_log_item_get_conversion_server_id (DrsoDrsJobLogItem *self);
const char *drso_drs_job_log_item_get_target_instance_id   (DrsoDrsJobLogItem *self);
const char *drso_drs_job_log_item_get_raw_error            (DrsoDrsJobLogItem *self);

#define DRSO_TYPE_RECOVERY_INSTANCE (drso_recovery_instance_get_type ())

G_DECLARE_FINAL_TYPE (DrsoRecoveryInstance, drso_recovery_instance, DRSO, RECOVERY_INSTANCE,
                      GObject)

const char *drso_recovery_instance_get_recovery_instance_id        (DrsoRecoveryInstance *self);
const char *drso_recovery_instance_get_ec2_instance_id             (DrsoRecoveryInstance *self);
const char *drso_recovery_instance_get_ec2_instance_state          (DrsoRecoveryInstance *self);
const char *drso_recovery_instance_get_job_id                      (DrsoRecoveryInstance *self);
const char *drso_recovery_instance_get_source_server_id            (DrsoRecoveryInstance *self);
gboolean    drso_recovery_instance_get_is_drill                    (DrsoRecoveryInstance *self);
gint64      drso_recovery_instance_get_point_in_time_snapshot_date (DrsoRecoveryInstance *self);
const char *drso_recovery_instance_get_private_ip                  (DrsoRecoveryInstance *self);

#define DRSO_TYPE_RECOVERY_SNAPSHOT (drso_recovery_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (DrsoRecoverySnapshot, drso_recovery_snapshot, DRSO, RECOVERY_SNAPSHOT,
                      GObject)

const char         *drso_recovery_snapshot_get_snapshot_id        (DrsoRecoverySnapshot *self);
const char         *drso_recovery_snapshot_get_source_server_id   (DrsoRecoverySnapshot *self);
gint64              drso_recovery_snapshot_get_expected_timestamp (DrsoRecoverySnapshot *self);
gint64              drso_recovery_snapshot_get_timestamp          (DrsoRecoverySnapshot *self);
const char * const *drso_recovery_snapshot_get_ebs_snapshot_ids   (DrsoRecoverySnapshot *self);

#define DRSO_TYPE_LAUNCH_CONFIGURATION (drso_launch_configuration_get_type ())

G_DECLARE_FINAL_TYPE (DrsoLaunchConfiguration, drso_launch_configuration, DRSO,
                      LAUNCH_CONFIGURATION, GObject)

DrsoLaunchConfiguration *drso_launch_configuration_new (const char *source_server_id);

const char *drso_launch_configuration_get_source_server_id       (DrsoLaunchConfiguration *self);
const char *drso_launch_configuration_get_ec2_launch_template_id (DrsoLaunchConfiguration *self);
const char *drso_launch_configuration_get_name                   (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_name                   (DrsoLaunchConfiguration *self,
                                                                  const char              *value);
const char *drso_launch_configuration_get_launch_disposition     (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_launch_disposition     (DrsoLaunchConfiguration *self,
                                                                  const char              *value);
gboolean    drso_launch_configuration_get_copy_private_ip        (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_copy_private_ip        (DrsoLaunchConfiguration *self,
                                                                  gboolean                 value);
gboolean    drso_launch_configuration_get_copy_tags              (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_copy_tags              (DrsoLaunchConfiguration *self,
                                                                  gboolean                 value);
gboolean    drso_launch_configuration_get_os_byol                (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_os_byol                (DrsoLaunchConfiguration *self,
                                                                  gboolean                 value);
gboolean    drso_launch_configuration_get_post_launch_enabled    (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_post_launch_enabled    (DrsoLaunchConfiguration *self,
                                                                  gboolean                 value);
const char *drso_launch_configuration_get_target_instance_type_right_sizing_method
                                                             (DrsoLaunchConfiguration *self);
void        drso_launch_configuration_set_target_instance_type_right_sizing_method
                                                             (DrsoLaunchConfiguration *self,
                                                              const char              *value);

#define DRSO_TYPE_REPLICATION_CONFIGURATION (drso_replication_configuration_get_type ())

G_DECLARE_FINAL_TYPE (DrsoReplicationConfiguration, drso_replication_configuration, DRSO,
                      REPLICATION_CONFIGURATION, GObject)

const char *drso_replication_configuration_get_source_server_id
                                                (DrsoReplicationConfiguration  *self);
const char *drso_replication_configuration_get_staging_area_subnet_id
                                                (DrsoReplicationConfiguration  *self);
const char *drso_replication_configuration_get_replication_server_instance_type
                                                (DrsoReplicationConfiguration  *self);
const char *drso_replication_configuration_get_ebs_encryption
                                                (DrsoReplicationConfiguration  *self);
const char *drso_replication_configuration_get_data_plane_routing
                                                (DrsoReplicationConfiguration  *self);
guint       drso_replication_configuration_get_n_pit_rules
                                                (DrsoReplicationConfiguration  *self);
gboolean    drso_replication_configuration_get_pit_rule
                                                (DrsoReplicationConfiguration  *self,
                                                 guint                          index,
                                                 const char                   **units,
                                                 guint                         *interval,
                                                 guint                         *retention,
                                                 gboolean                      *enabled);

G_END_DECLS
