/* drso-drs-parse-private.h
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

#include <json-glib/json-glib.h>

#include "drso-source-server.h"
#include "drso-drs-types.h"

G_BEGIN_DECLS

/* Reads DRS answers into the model. Each is also a fuzz target. */
DrsoSourceServer *_drso_drs_parse_source_server (JsonNode    *item,
                                                 const char  *account_id,
                                                 const char  *region,
                                                 GError     **error);
gint64            _drso_parse_iso8601_duration  (const char  *text);
gint64            _drso_parse_iso8601_time      (const char  *text);

/* The instance structs of drso-drs-types.h: drso-drs-types.c holds their
 * GObject parts and getters, the parsers below fill them in. */

struct _DrsoDrsParticipatingServer
{
  GObject  parent_instance;

  char    *source_server_id;
  char    *recovery_instance_id;
  char    *launch_status;
};

struct _DrsoDrsJob
{
  GObject     parent_instance;

  char       *job_id;
  char       *arn;
  char       *job_type;
  char       *initiated_by;
  char       *status;
  GHashTable *tags;                  /* utf8 → utf8 */
  GListStore *participating_servers; /* DrsoDrsParticipatingServer */
  gint64      creation_date;
  gint64      end_date;
};

struct _DrsoDrsJobLogItem
{
  GObject  parent_instance;

  char    *event;
  char    *source_server_id;
  char    *conversion_server_id;
  char    *target_instance_id;
  char    *raw_error;
  gint64   time;
};

struct _DrsoRecoveryInstance
{
  GObject   parent_instance;

  char     *recovery_instance_id;
  char     *ec2_instance_id;
  char     *ec2_instance_state;
  char     *job_id;
  char     *source_server_id;
  char     *private_ip;
  gint64    point_in_time_snapshot_date;
  gboolean  is_drill;
};

struct _DrsoRecoverySnapshot
{
  GObject   parent_instance;

  char     *snapshot_id;
  char     *source_server_id;
  char    **ebs_snapshot_ids;
  gint64    expected_timestamp;
  gint64    timestamp;
};

/* Which boolean members of a launch configuration are known: read from DRS
 * or set. Only known members are sent by UpdateLaunchConfiguration. */
typedef enum
{
  DRSO_LAUNCH_KNOWN_COPY_PRIVATE_IP     = 1 << 0,
  DRSO_LAUNCH_KNOWN_COPY_TAGS           = 1 << 1,
  DRSO_LAUNCH_KNOWN_OS_BYOL             = 1 << 2,
  DRSO_LAUNCH_KNOWN_POST_LAUNCH_ENABLED = 1 << 3,
} DrsoLaunchKnown;

struct _DrsoLaunchConfiguration
{
  GObject          parent_instance;

  char            *source_server_id;
  char            *name;
  char            *ec2_launch_template_id;
  char            *launch_disposition;
  char            *target_instance_type_right_sizing_method;
  DrsoLaunchKnown  known;
  gboolean         copy_private_ip;
  gboolean         copy_tags;
  gboolean         os_byol;
  gboolean         post_launch_enabled;
};

/* One rule of a point-in-time policy: keep a snapshot every @interval
 * @units for @retention @units. */
typedef struct
{
  char     *units;      /* MINUTE, HOUR or DAY */
  guint     interval;
  guint     retention;
  gboolean  enabled;
} DrsoDrsPitRule;

struct _DrsoReplicationConfiguration
{
  GObject  parent_instance;

  char    *source_server_id;
  char    *staging_area_subnet_id;
  char    *replication_server_instance_type;
  char    *ebs_encryption;
  char    *data_plane_routing;
  GArray  *pit_rules;   /* DrsoDrsPitRule */
};

DrsoDrsJob                   *_drso_drs_parse_job                       (JsonNode  *item,
                                                                         GError   **error);
DrsoDrsJobLogItem            *_drso_drs_parse_job_log_item              (JsonNode  *item,
                                                                         GError   **error);
DrsoRecoveryInstance         *_drso_drs_parse_recovery_instance         (JsonNode  *item,
                                                                         GError   **error);
DrsoRecoverySnapshot         *_drso_drs_parse_recovery_snapshot         (JsonNode  *item,
                                                                         GError   **error);
DrsoLaunchConfiguration      *_drso_drs_parse_launch_configuration      (JsonNode  *item,
                                                                         GError   **error);
DrsoReplicationConfiguration *_drso_drs_parse_replication_configuration (JsonNode  *item,
                                                                         GError   **error);
GHashTable                   *_drso_drs_parse_tags                      (JsonNode  *answer,
                                                                         GError   **error);

G_END_DECLS
