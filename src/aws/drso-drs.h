/* drso-drs.h
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
#include "drso-drs-types.h"

G_BEGIN_DECLS

void       drso_drs_describe_source_servers_async  (DrsoAwsContext      *context,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *drso_drs_describe_source_servers_finish (DrsoAwsContext      *context,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void        drso_drs_start_recovery_async                (DrsoAwsContext      *context,
                                                          const char * const  *source_server_ids,
                                                          const char * const  *snapshot_ids,
                                                          guint                n_servers,
                                                          gboolean             is_drill,
                                                          GHashTable          *tags,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
DrsoDrsJob *drso_drs_start_recovery_finish               (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_terminate_recovery_instances_async  (DrsoAwsContext      *context,
                                                          const char * const  *instance_ids,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
DrsoDrsJob *drso_drs_terminate_recovery_instances_finish (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_describe_jobs_async                 (DrsoAwsContext      *context,
                                                          const char * const  *job_ids,
                                                          const char          *from_date,
                                                          const char          *to_date,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray  *drso_drs_describe_jobs_finish                (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_describe_job_log_items_async        (DrsoAwsContext      *context,
                                                          const char          *job_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray  *drso_drs_describe_job_log_items_finish       (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_describe_recovery_instances_async   (DrsoAwsContext      *context,
                                                          const char * const  *instance_ids,
                                                          const char * const  *source_server_ids,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray  *drso_drs_describe_recovery_instances_finish  (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_describe_recovery_snapshots_async   (DrsoAwsContext      *context,
                                                          const char          *source_server_id,
                                                          const char          *from_date_time,
                                                          const char          *to_date_time,
                                                          const char          *order,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray  *drso_drs_describe_recovery_snapshots_finish  (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_get_launch_configuration_async      (DrsoAwsContext      *context,
                                                          const char          *source_server_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
DrsoLaunchConfiguration *
            drso_drs_get_launch_configuration_finish     (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void        drso_drs_update_launch_configuration_async   (DrsoAwsContext           *context,
                                                          DrsoLaunchConfiguration  *configuration,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);
DrsoLaunchConfiguration *
            drso_drs_update_launch_configuration_finish  (DrsoAwsContext           *context,
                                                          GAsyncResult             *result,
                                                          GError                  **error);

void        drso_drs_get_replication_configuration_async (DrsoAwsContext      *context,
                                                          const char          *source_server_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
DrsoReplicationConfiguration *
            drso_drs_get_replication_configuration_finish (DrsoAwsContext      *context,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void        drso_drs_list_tags_for_resource_async        (DrsoAwsContext      *context,
                                                          const char          *resource_arn,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GHashTable *drso_drs_list_tags_for_resource_finish       (DrsoAwsContext      *context,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_END_DECLS
