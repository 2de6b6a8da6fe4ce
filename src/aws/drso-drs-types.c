/* drso-drs-types.c
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

#include "drso-drs-parse-private.h"
#include "drso-drs-types.h"
#include "drso-drs-types-private.h"

/* What the DRS calls of drso-drs.h answer with. The instance structs live in
 * drso-drs-parse-private.h, where the parsers fill them in. Times are seconds
 * since 1970, 0 when DRS gave none. DrsoLaunchConfiguration and
 * DrsoReplicationConfiguration are in drso-drs-config-types.c.
 *
 * These are records: each type describes its members once, in a table of
 * fields (drso-drs-types-private.h), from which the functions below make and
 * read its properties and free its members. */

void
_drso_drs_install_fields (GObjectClass *object_class,
                          const Field  *fields,
                          guint         n_fields,
                          GParamSpec  **pspecs)
{
  for (guint i = 0; i < n_fields; i++)
    {
      GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
      const char *name = fields[i].name;
      GParamSpec *pspec = NULL;

      if (fields[i].writable)
        flags |= G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY;
      switch (fields[i].kind)
        {
        case FIELD_STRING:
          pspec = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case FIELD_INT64:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case FIELD_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case FIELD_STRV:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, flags);
          break;
        case FIELD_TAGS:
          pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_HASH_TABLE, flags);
          break;
        case FIELD_LIST_MODEL:
          pspec = g_param_spec_object (name, NULL, NULL, G_TYPE_LIST_MODEL, flags);
          break;
        default:
          g_assert_not_reached ();
        }
      if (pspecs != NULL)
        pspecs[i + 1] = pspec;
      g_object_class_install_property (object_class, i + 1, pspec);
    }
}

void
_drso_drs_get_field (GObject     *object,
                     const Field *fields,
                     guint        n_fields,
                     guint        prop_id,
                     GValue      *value,
                     GParamSpec  *pspec)
{
  gpointer member;

  if (prop_id == 0 || prop_id > n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  member = G_STRUCT_MEMBER_P (object, fields[prop_id - 1].offset);
  switch (fields[prop_id - 1].kind)
    {
    case FIELD_STRING:
      g_value_set_string (value, *(char **) member);
      break;
    case FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) member);
      break;
    case FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) member);
      break;
    case FIELD_STRV:
    case FIELD_TAGS:
      g_value_set_boxed (value, *(gpointer *) member);
      break;
    case FIELD_LIST_MODEL:
      g_value_set_object (value, *(gpointer *) member);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
_drso_drs_clear_fields (GObject     *object,
                        const Field *fields,
                        guint        n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      gpointer *member = G_STRUCT_MEMBER_P (object, fields[i].offset);

      switch (fields[i].kind)
        {
        case FIELD_STRING:
          g_clear_pointer ((char **) member, g_free);
          break;
        case FIELD_STRV:
          g_clear_pointer ((char ***) member, g_strfreev);
          break;
        case FIELD_TAGS:
          g_clear_pointer ((GHashTable **) member, g_hash_table_unref);
          break;
        case FIELD_LIST_MODEL:
          g_clear_object ((GObject **) member);
          break;
        case FIELD_INT64:
        case FIELD_BOOLEAN:
        default:
          break;
        }
    }
}


/* DrsoDrsParticipatingServer */

/**
 * DrsoDrsParticipatingServer:
 *
 * One source server of a DRS job, and how far its launch got.
 */
G_DEFINE_FINAL_TYPE (DrsoDrsParticipatingServer, drso_drs_participating_server, G_TYPE_OBJECT)

static const Field participating_server_fields[] = {
  FIELD (DrsoDrsParticipatingServer, source_server_id, "source-server-id", FIELD_STRING),
  FIELD (DrsoDrsParticipatingServer, recovery_instance_id, "recovery-instance-id", FIELD_STRING),
  FIELD (DrsoDrsParticipatingServer, launch_status, "launch-status", FIELD_STRING),
};

DEFINE_FIELD_VFUNCS (drso_drs_participating_server, participating_server_fields)

static void
drso_drs_participating_server_class_init (DrsoDrsParticipatingServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_drs_participating_server_finalize;
  object_class->get_property = drso_drs_participating_server_get_property;
  _drso_drs_install_fields (object_class, participating_server_fields,
                            G_N_ELEMENTS (participating_server_fields), NULL);
}

static void
drso_drs_participating_server_init (DrsoDrsParticipatingServer *self)
{
}

#define PARTICIPATING_SERVER_GETTER(RType, field, fallback)                             \
  DEFINE_GETTER (DrsoDrsParticipatingServer, drso_drs_participating_server,             \
                 DRS_PARTICIPATING_SERVER, RType, field, fallback)

/**
 * drso_drs_participating_server_get_source_server_id:
 * @self: a #DrsoDrsParticipatingServer
 *
 * Returns: (nullable): the source server's id
 */
PARTICIPATING_SERVER_GETTER (const char *, source_server_id, NULL)
/**
 * drso_drs_participating_server_get_recovery_instance_id:
 * @self: a #DrsoDrsParticipatingServer
 *
 * Returns: (nullable): the recovery instance launched for the server, if any
 */
PARTICIPATING_SERVER_GETTER (const char *, recovery_instance_id, NULL)
/**
 * drso_drs_participating_server_get_launch_status:
 * @self: a #DrsoDrsParticipatingServer
 *
 * Returns: (nullable): the DRS `launchStatus`: `PENDING`, `IN_PROGRESS`,
 *   `LAUNCHED`, `FAILED` or `TERMINATED`
 */
PARTICIPATING_SERVER_GETTER (const char *, launch_status, NULL)

/* DrsoDrsJob */

/**
 * DrsoDrsJob:
 *
 * A DRS job: a recovery, a drill or a termination, with its status and the
 * source servers taking part. Its `job-type` property is the job's DRS `type`.
 */
G_DEFINE_FINAL_TYPE (DrsoDrsJob, drso_drs_job, G_TYPE_OBJECT)

static const Field job_fields[] = {
  FIELD (DrsoDrsJob, job_id, "job-id", FIELD_STRING),
  FIELD (DrsoDrsJob, arn, "arn", FIELD_STRING),
  FIELD (DrsoDrsJob, job_type, "job-type", FIELD_STRING),
  FIELD (DrsoDrsJob, initiated_by, "initiated-by", FIELD_STRING),
  FIELD (DrsoDrsJob, status, "status", FIELD_STRING),
  FIELD (DrsoDrsJob, creation_date, "creation-date", FIELD_INT64),
  FIELD (DrsoDrsJob, end_date, "end-date", FIELD_INT64),
  FIELD (DrsoDrsJob, tags, "tags", FIELD_TAGS),
  FIELD (DrsoDrsJob, participating_servers, "participating-servers", FIELD_LIST_MODEL),
};

DEFINE_FIELD_VFUNCS (drso_drs_job, job_fields)

static void
drso_drs_job_class_init (DrsoDrsJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_drs_job_finalize;
  object_class->get_property = drso_drs_job_get_property;
  _drso_drs_install_fields (object_class, job_fields, G_N_ELEMENTS (job_fields), NULL);
}

static void
drso_drs_job_init (DrsoDrsJob *self)
{
  self->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->participating_servers = g_list_store_new (DRSO_TYPE_DRS_PARTICIPATING_SERVER);
}

#define JOB_GETTER(RType, field, fallback) \
  DEFINE_GETTER (DrsoDrsJob, drso_drs_job, DRS_JOB, RType, field, fallback)

/**
 * drso_drs_job_get_job_id:
 * @self: a #DrsoDrsJob
 *
 * Returns: the job's id, `drsjob-` and 17 letters or digits
 */
JOB_GETTER (const char *, job_id, NULL)
/**
 * drso_drs_job_get_arn:
 * @self: a #DrsoDrsJob
 *
 * Returns: (nullable): the job's ARN
 */
JOB_GETTER (const char *, arn, NULL)
/**
 * drso_drs_job_get_job_type:
 * @self: a #DrsoDrsJob
 *
 * Returns: (nullable): the DRS job `type`: `LAUNCH`, `TERMINATE` or
 *   `CREATE_CONVERTED_SNAPSHOT`
 */
JOB_GETTER (const char *, job_type, NULL)
/**
 * drso_drs_job_get_initiated_by:
 * @self: a #DrsoDrsJob
 *
 * Returns: (nullable): what started the job, such as `START_RECOVERY` or
 *   `START_DRILL`
 */
JOB_GETTER (const char *, initiated_by, NULL)
/**
 * drso_drs_job_get_status:
 * @self: a #DrsoDrsJob
 *
 * Returns: (nullable): the job's status: `PENDING`, `STARTED` or `COMPLETED`
 */
JOB_GETTER (const char *, status, NULL)
/**
 * drso_drs_job_get_creation_date:
 * @self: a #DrsoDrsJob
 *
 * Returns: when the job was created, in seconds since 1970, or 0
 */
JOB_GETTER (gint64, creation_date, 0)
/**
 * drso_drs_job_get_end_date:
 * @self: a #DrsoDrsJob
 *
 * Returns: when the job ended, in seconds since 1970, or 0 while it runs
 */
JOB_GETTER (gint64, end_date, 0)
/**
 * drso_drs_job_get_tags:
 * @self: a #DrsoDrsJob
 *
 * Returns: (transfer none) (element-type utf8 utf8): the job's tags
 */
JOB_GETTER (GHashTable *, tags, NULL)

/**
 * drso_drs_job_get_participating_servers:
 * @self: a #DrsoDrsJob
 *
 * Returns: (transfer none): a list model of #DrsoDrsParticipatingServer
 */
GListModel *
drso_drs_job_get_participating_servers (DrsoDrsJob *self)
{
  g_return_val_if_fail (DRSO_IS_DRS_JOB (self), NULL);
  return G_LIST_MODEL (self->participating_servers);
}

/* DrsoDrsJobLogItem */

/**
 * DrsoDrsJobLogItem:
 *
 * One line of a DRS job's log: when, which event, and for which servers.
 */
G_DEFINE_FINAL_TYPE (DrsoDrsJobLogItem, drso_drs_job_log_item, G_TYPE_OBJECT)

static const Field log_item_fields[] = {
  FIELD (DrsoDrsJobLogItem, time, "time", FIELD_INT64),
  FIELD (DrsoDrsJobLogItem, event, "event", FIELD_STRING),
  FIELD (DrsoDrsJobLogItem, source_server_id, "source-server-id", FIELD_STRING),
  FIELD (DrsoDrsJobLogItem, conversion_server_id, "conversion-server-id", FIELD_STRING),
  FIELD (DrsoDrsJobLogItem, target_instance_id, "target-instance-id", FIELD_STRING),
  FIELD (DrsoDrsJobLogItem, raw_error, "raw-error", FIELD_STRING),
};

DEFINE_FIELD_VFUNCS (drso_drs_job_log_item, log_item_fields)

static void
drso_drs_job_log_item_class_init (DrsoDrsJobLogItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_drs_job_log_item_finalize;
  object_class->get_property = drso_drs_job_log_item_get_property;
  _drso_drs_install_fields (object_class, log_item_fields, G_N_ELEMENTS (log_item_fields),
                            NULL);
}

static void
drso_drs_job_log_item_init (DrsoDrsJobLogItem *self)
{
}

#define LOG_ITEM_GETTER(RType, field, fallback) \
  DEFINE_GETTER (DrsoDrsJobLogItem, drso_drs_job_log_item, DRS_JOB_LOG_ITEM, RType, field, fallback)

/**
 * drso_drs_job_log_item_get_time:
 * @self: a #DrsoDrsJobLogItem
 *
 * Returns: when it happened, in seconds since 1970, or 0
 */
LOG_ITEM_GETTER (gint64, time, 0)
/**
 * drso_drs_job_log_item_get_event:
 * @self: a #DrsoDrsJobLogItem
 *
 * Returns: (nullable): the DRS event, such as `JOB_START`, `LAUNCH_FAILED`
 *   or `JOB_END`
 */
LOG_ITEM_GETTER (const char *, event, NULL)
/**
 * drso_drs_job_log_item_get_source_server_id:
 * @self: a #DrsoDrsJobLogItem
 *
 * Returns: (nullable): the source server the event is about
 */
LOG_ITEM_GETTER (const char *, source_server_id, NULL)
/**
 * drso_drs_job_log_item_get_conversion_server_id:
 * @self: a #DrsoDrsJobLogItem
 *
 * Returns: (nullable): the EC2 instance that converted the server's disks
 */
LOG_ITEM_GETTER (const char *, conversion_server_id, NULL)
/**
 * drso_drs_job_log_item_get_target_instance_id:
 * @self: a #DrsoDrsJobLogItem
 *
 * Returns: (nullable): the EC2 instance launched for the server
 */
LOG_ITEM_GETTER (const char *, target_instance_id, NULL)
/**
 * drso_drs_job_log_item_get_raw_error:
 * @self: a #DrsoDrsJobLogItem
 *
 * Returns: (nullable): the error DRS reported, as it wrote it
 */
LOG_ITEM_GETTER (const char *, raw_error, NULL)

/* DrsoRecoveryInstance */

/**
 * DrsoRecoveryInstance:
 *
 * An EC2 instance DRS launched for a source server, by a recovery or a drill.
 */
G_DEFINE_FINAL_TYPE (DrsoRecoveryInstance, drso_recovery_instance, G_TYPE_OBJECT)

static const Field recovery_instance_fields[] = {
  FIELD (DrsoRecoveryInstance, recovery_instance_id, "recovery-instance-id", FIELD_STRING),
  FIELD (DrsoRecoveryInstance, ec2_instance_id, "ec2-instance-id", FIELD_STRING),
  FIELD (DrsoRecoveryInstance, ec2_instance_state, "ec2-instance-state", FIELD_STRING),
  FIELD (DrsoRecoveryInstance, job_id, "job-id", FIELD_STRING),
  FIELD (DrsoRecoveryInstance, source_server_id, "source-server-id", FIELD_STRING),
  FIELD (DrsoRecoveryInstance, is_drill, "is-drill", FIELD_BOOLEAN),
  FIELD (DrsoRecoveryInstance, point_in_time_snapshot_date, "point-in-time-snapshot-date",
         FIELD_INT64),
  FIELD (DrsoRecoveryInstance, private_ip, "private-ip", FIELD_STRING),
};

DEFINE_FIELD_VFUNCS (drso_recovery_instance, recovery_instance_fields)

static void
drso_recovery_instance_class_init (DrsoRecoveryInstanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_recovery_instance_finalize;
  object_class->get_property = drso_recovery_instance_get_property;
  _drso_drs_install_fields (object_class, recovery_instance_fields,
                            G_N_ELEMENTS (recovery_instance_fields), NULL);
}

static void
drso_recovery_instance_init (DrsoRecoveryInstance *self)
{
}

#define RECOVERY_INSTANCE_GETTER(RType, field, fallback) \
  DEFINE_GETTER (DrsoRecoveryInstance, drso_recovery_instance, RECOVERY_INSTANCE, RType, field, \
                 fallback)

/**
 * drso_recovery_instance_get_recovery_instance_id:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: the recovery instance's id
 */
RECOVERY_INSTANCE_GETTER (const char *, recovery_instance_id, NULL)
/**
 * drso_recovery_instance_get_ec2_instance_id:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: (nullable): the EC2 instance's id
 */
RECOVERY_INSTANCE_GETTER (const char *, ec2_instance_id, NULL)
/**
 * drso_recovery_instance_get_ec2_instance_state:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: (nullable): the EC2 instance's state as DRS writes it, such as
 *   `RUNNING` or `TERMINATED`
 */
RECOVERY_INSTANCE_GETTER (const char *, ec2_instance_state, NULL)
/**
 * drso_recovery_instance_get_job_id:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: (nullable): the job that launched the instance
 */
RECOVERY_INSTANCE_GETTER (const char *, job_id, NULL)
/**
 * drso_recovery_instance_get_source_server_id:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: (nullable): the source server the instance recovers
 */
RECOVERY_INSTANCE_GETTER (const char *, source_server_id, NULL)
/**
 * drso_recovery_instance_get_is_drill:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: whether a drill launched the instance
 */
RECOVERY_INSTANCE_GETTER (gboolean, is_drill, FALSE)
/**
 * drso_recovery_instance_get_point_in_time_snapshot_date:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: the time of the snapshot the instance was launched from, in
 *   seconds since 1970, or 0
 */
RECOVERY_INSTANCE_GETTER (gint64, point_in_time_snapshot_date, 0)
/**
 * drso_recovery_instance_get_private_ip:
 * @self: a #DrsoRecoveryInstance
 *
 * Returns: (nullable): the instance's first private IP address, if DRS
 *   reported one
 */
RECOVERY_INSTANCE_GETTER (const char *, private_ip, NULL)

/* DrsoRecoverySnapshot */

/**
 * DrsoRecoverySnapshot:
 *
 * A point-in-time snapshot of a source server that a recovery can launch from.
 */
G_DEFINE_FINAL_TYPE (DrsoRecoverySnapshot, drso_recovery_snapshot, G_TYPE_OBJECT)

static const Field recovery_snapshot_fields[] = {
  FIELD (DrsoRecoverySnapshot, snapshot_id, "snapshot-id", FIELD_STRING),
  FIELD (DrsoRecoverySnapshot, source_server_id, "source-server-id", FIELD_STRING),
  FIELD (DrsoRecoverySnapshot, expected_timestamp, "expected-timestamp", FIELD_INT64),
  FIELD (DrsoRecoverySnapshot, timestamp, "timestamp", FIELD_INT64),
  FIELD (DrsoRecoverySnapshot, ebs_snapshot_ids, "ebs-snapshot-ids", FIELD_STRV),
};

DEFINE_FIELD_VFUNCS (drso_recovery_snapshot, recovery_snapshot_fields)

static void
drso_recovery_snapshot_class_init (DrsoRecoverySnapshotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_recovery_snapshot_finalize;
  object_class->get_property = drso_recovery_snapshot_get_property;
  _drso_drs_install_fields (object_class, recovery_snapshot_fields,
                            G_N_ELEMENTS (recovery_snapshot_fields), NULL);
}

static void
drso_recovery_snapshot_init (DrsoRecoverySnapshot *self)
{
  self->ebs_snapshot_ids = g_new0 (char *, 1);
}

#define RECOVERY_SNAPSHOT_GETTER(RType, field, fallback) \
  DEFINE_GETTER (DrsoRecoverySnapshot, drso_recovery_snapshot, RECOVERY_SNAPSHOT, RType, field, \
                 fallback)

/**
 * drso_recovery_snapshot_get_snapshot_id:
 * @self: a #DrsoRecoverySnapshot
 *
 * Returns: the snapshot's id, `pit-` and 17 letters or digits
 */
RECOVERY_SNAPSHOT_GETTER (const char *, snapshot_id, NULL)
/**
 * drso_recovery_snapshot_get_source_server_id:
 * @self: a #DrsoRecoverySnapshot
 *
 * Returns: the source server the snapshot is of
 */
RECOVERY_SNAPSHOT_GETTER (const char *, source_server_id, NULL)
/**
 * drso_recovery_snapshot_get_expected_timestamp:
 * @self: a #DrsoRecoverySnapshot
 *
 * Returns: when the snapshot was due, in seconds since 1970
 */
RECOVERY_SNAPSHOT_GETTER (gint64, expected_timestamp, 0)
/**
 * drso_recovery_snapshot_get_timestamp:
 * @self: a #DrsoRecoverySnapshot
 *
 * Returns: when the snapshot was taken, in seconds since 1970, or 0
 */
RECOVERY_SNAPSHOT_GETTER (gint64, timestamp, 0)

/**
 * drso_recovery_snapshot_get_ebs_snapshot_ids:
 * @self: a #DrsoRecoverySnapshot
 *
 * Returns: (transfer none) (array zero-terminated=1): the EBS snapshots the
 *   snapshot is made of
 */
const char * const *
drso_recovery_snapshot_get_ebs_snapshot_ids (DrsoRecoverySnapshot *self)
{
  g_return_val_if_fail (DRSO_IS_RECOVERY_SNAPSHOT (self), NULL);
  return (const char * const *) self->ebs_snapshot_ids;
}
