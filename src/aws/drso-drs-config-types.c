/* drso-drs-config-types.c
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

/* The configurations of a source server that the DRS calls of drso-drs.h read
 * and change: DrsoLaunchConfiguration and DrsoReplicationConfiguration. The
 * instance structs live in drso-drs-parse-private.h, where the parsers fill
 * them in; the field tables are those of drso-drs-types-private.h. */

/* DrsoLaunchConfiguration */

/**
 * DrsoLaunchConfiguration:
 *
 * How DRS launches a source server's recovery instance. Get one with
 * drso_drs_get_launch_configuration_async(), change it with the setters and
 * send it back with drso_drs_update_launch_configuration_async(), which sends
 * only the members DRS gave or that were set.
 */
G_DEFINE_FINAL_TYPE (DrsoLaunchConfiguration, drso_launch_configuration, G_TYPE_OBJECT)

enum {
  PROP_LC_0,
  PROP_LC_SOURCE_SERVER_ID,
  PROP_LC_EC2_LAUNCH_TEMPLATE_ID,
  PROP_LC_NAME,
  PROP_LC_LAUNCH_DISPOSITION,
  PROP_LC_RIGHT_SIZING_METHOD,
  PROP_LC_COPY_PRIVATE_IP,
  PROP_LC_COPY_TAGS,
  PROP_LC_OS_BYOL,
  PROP_LC_POST_LAUNCH_ENABLED,
  N_LC_PROPS
};

static GParamSpec *lc_properties[N_LC_PROPS];

/* The settable members: in property order, after the two read-only ones. */
#define LC_FIELD(PROP, member, name, kind) \
  [PROP - 1] = { name, kind, G_STRUCT_OFFSET (DrsoLaunchConfiguration, member), TRUE }

static const Field launch_configuration_fields[] = {
  FIELD (DrsoLaunchConfiguration, source_server_id, "source-server-id", FIELD_STRING),
  FIELD (DrsoLaunchConfiguration, ec2_launch_template_id, "ec2-launch-template-id", FIELD_STRING),
  LC_FIELD (PROP_LC_NAME, name, "name", FIELD_STRING),
  LC_FIELD (PROP_LC_LAUNCH_DISPOSITION, launch_disposition, "launch-disposition", FIELD_STRING),
  LC_FIELD (PROP_LC_RIGHT_SIZING_METHOD, target_instance_type_right_sizing_method,
            "target-instance-type-right-sizing-method", FIELD_STRING),
  LC_FIELD (PROP_LC_COPY_PRIVATE_IP, copy_private_ip, "copy-private-ip", FIELD_BOOLEAN),
  LC_FIELD (PROP_LC_COPY_TAGS, copy_tags, "copy-tags", FIELD_BOOLEAN),
  LC_FIELD (PROP_LC_OS_BYOL, os_byol, "os-byol", FIELD_BOOLEAN),
  LC_FIELD (PROP_LC_POST_LAUNCH_ENABLED, post_launch_enabled, "post-launch-enabled",
            FIELD_BOOLEAN),
};

G_STATIC_ASSERT (G_N_ELEMENTS (launch_configuration_fields) == N_LC_PROPS - 1);

DEFINE_FIELD_VFUNCS (drso_launch_configuration, launch_configuration_fields)

static void
drso_launch_configuration_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  DrsoLaunchConfiguration *self = DRSO_LAUNCH_CONFIGURATION (object);

  switch (prop_id)
    {
    case PROP_LC_NAME:
      drso_launch_configuration_set_name (self, g_value_get_string (value));
      break;
    case PROP_LC_LAUNCH_DISPOSITION:
      drso_launch_configuration_set_launch_disposition (self, g_value_get_string (value));
      break;
    case PROP_LC_RIGHT_SIZING_METHOD:
      drso_launch_configuration_set_target_instance_type_right_sizing_method (
        self, g_value_get_string (value));
      break;
    case PROP_LC_COPY_PRIVATE_IP:
      drso_launch_configuration_set_copy_private_ip (self, g_value_get_boolean (value));
      break;
    case PROP_LC_COPY_TAGS:
      drso_launch_configuration_set_copy_tags (self, g_value_get_boolean (value));
      break;
    case PROP_LC_OS_BYOL:
      drso_launch_configuration_set_os_byol (self, g_value_get_boolean (value));
      break;
    case PROP_LC_POST_LAUNCH_ENABLED:
      drso_launch_configuration_set_post_launch_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_launch_configuration_class_init (DrsoLaunchConfigurationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_launch_configuration_finalize;
  object_class->get_property = drso_launch_configuration_get_property;
  object_class->set_property = drso_launch_configuration_set_property;
  _drso_drs_install_fields (object_class, launch_configuration_fields,
                            G_N_ELEMENTS (launch_configuration_fields), lc_properties);
}

static void
drso_launch_configuration_init (DrsoLaunchConfiguration *self)
{
}

static void
set_string_member (DrsoLaunchConfiguration  *self,
                   char                    **member,
                   const char               *value,
                   guint                     prop_id)
{
  if (g_strcmp0 (*member, value) == 0)
    return;
  g_free (*member);
  *member = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), lc_properties[prop_id]);
}

static void
set_boolean_member (DrsoLaunchConfiguration *self,
                    gboolean                *member,
                    DrsoLaunchKnown          known,
                    gboolean                 value,
                    guint                    prop_id)
{
  value = !!value;
  if ((self->known & known) != 0 && *member == value)
    return;
  self->known |= known;
  if (*member == value)
    return;
  *member = value;
  g_object_notify_by_pspec (G_OBJECT (self), lc_properties[prop_id]);
}

/**
 * drso_launch_configuration_new:
 * @source_server_id: the source server the configuration is for
 *
 * Creates an empty launch configuration: sent to DRS, it changes only the
 * members set on it.
 *
 * Returns: (transfer full): a new #DrsoLaunchConfiguration
 */
DrsoLaunchConfiguration *
drso_launch_configuration_new (const char *source_server_id)
{
  DrsoLaunchConfiguration *self;

  g_return_val_if_fail (source_server_id != NULL, NULL);

  self = g_object_new (DRSO_TYPE_LAUNCH_CONFIGURATION, NULL);
  self->source_server_id = g_strdup (source_server_id);
  return self;
}

#define LAUNCH_GETTER(RType, field, fallback) \
  DEFINE_GETTER (DrsoLaunchConfiguration, drso_launch_configuration, LAUNCH_CONFIGURATION, RType, \
                 field, fallback)

#define LAUNCH_STRING_SETTER(field, PROP)                                       \
  void                                                                          \
  drso_launch_configuration_set_##field (DrsoLaunchConfiguration *self,         \
                                         const char              *value)        \
  {                                                                             \
    g_return_if_fail (DRSO_IS_LAUNCH_CONFIGURATION (self));                     \
    set_string_member (self, &self->field, value, PROP);                        \
  }

#define LAUNCH_BOOLEAN_SETTER(field, KNOWN, PROP)                               \
  void                                                                          \
  drso_launch_configuration_set_##field (DrsoLaunchConfiguration *self,         \
                                         gboolean                 value)        \
  {                                                                             \
    g_return_if_fail (DRSO_IS_LAUNCH_CONFIGURATION (self));                     \
    set_boolean_member (self, &self->field, KNOWN, value, PROP);                \
  }

/**
 * drso_launch_configuration_get_source_server_id:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: the source server the configuration is for
 */
LAUNCH_GETTER (const char *, source_server_id, NULL)
/**
 * drso_launch_configuration_get_ec2_launch_template_id:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: (nullable): the EC2 launch template DRS keeps for the server
 */
LAUNCH_GETTER (const char *, ec2_launch_template_id, NULL)
/**
 * drso_launch_configuration_get_name:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: (nullable): the configuration's name
 */
LAUNCH_GETTER (const char *, name, NULL)
/**
 * drso_launch_configuration_set_name:
 * @self: a #DrsoLaunchConfiguration
 * @value: (nullable): the name, or %NULL to leave it as DRS has it
 */
LAUNCH_STRING_SETTER (name, PROP_LC_NAME)
/**
 * drso_launch_configuration_get_launch_disposition:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: (nullable): `STOPPED` or `STARTED`: the instance's state after launch
 */
LAUNCH_GETTER (const char *, launch_disposition, NULL)
/**
 * drso_launch_configuration_set_launch_disposition:
 * @self: a #DrsoLaunchConfiguration
 * @value: (nullable): `STOPPED` or `STARTED`, or %NULL to leave it as DRS has it
 */
LAUNCH_STRING_SETTER (launch_disposition, PROP_LC_LAUNCH_DISPOSITION)
/**
 * drso_launch_configuration_get_target_instance_type_right_sizing_method:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: (nullable): how DRS picks the instance type: `NONE`, `BASIC` or
 *   `IN_AWS`
 */
LAUNCH_GETTER (const char *, target_instance_type_right_sizing_method, NULL)
/**
 * drso_launch_configuration_set_target_instance_type_right_sizing_method:
 * @self: a #DrsoLaunchConfiguration
 * @value: (nullable): `NONE`, `BASIC` or `IN_AWS`, or %NULL to leave it as DRS
 *   has it
 */
LAUNCH_STRING_SETTER (target_instance_type_right_sizing_method, PROP_LC_RIGHT_SIZING_METHOD)
/**
 * drso_launch_configuration_get_copy_private_ip:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: whether the instance gets the source server's private IP address
 */
LAUNCH_GETTER (gboolean, copy_private_ip, FALSE)
/**
 * drso_launch_configuration_set_copy_private_ip:
 * @self: a #DrsoLaunchConfiguration
 * @value: whether the instance gets the source server's private IP address
 */
LAUNCH_BOOLEAN_SETTER (copy_private_ip, DRSO_LAUNCH_KNOWN_COPY_PRIVATE_IP, PROP_LC_COPY_PRIVATE_IP)
/**
 * drso_launch_configuration_get_copy_tags:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: whether the instance gets the source server's tags
 */
LAUNCH_GETTER (gboolean, copy_tags, FALSE)
/**
 * drso_launch_configuration_set_copy_tags:
 * @self: a #DrsoLaunchConfiguration
 * @value: whether the instance gets the source server's tags
 */
LAUNCH_BOOLEAN_SETTER (copy_tags, DRSO_LAUNCH_KNOWN_COPY_TAGS, PROP_LC_COPY_TAGS)
/**
 * drso_launch_configuration_get_os_byol:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: whether the instance brings its own operating system licence
 */
LAUNCH_GETTER (gboolean, os_byol, FALSE)
/**
 * drso_launch_configuration_set_os_byol:
 * @self: a #DrsoLaunchConfiguration
 * @value: whether the instance brings its own operating system licence
 */
LAUNCH_BOOLEAN_SETTER (os_byol, DRSO_LAUNCH_KNOWN_OS_BYOL, PROP_LC_OS_BYOL)
/**
 * drso_launch_configuration_get_post_launch_enabled:
 * @self: a #DrsoLaunchConfiguration
 *
 * Returns: whether DRS runs the post-launch actions
 */
LAUNCH_GETTER (gboolean, post_launch_enabled, FALSE)
/**
 * drso_launch_configuration_set_post_launch_enabled:
 * @self: a #DrsoLaunchConfiguration
 * @value: whether DRS runs the post-launch actions
 */
LAUNCH_BOOLEAN_SETTER (post_launch_enabled, DRSO_LAUNCH_KNOWN_POST_LAUNCH_ENABLED,
                       PROP_LC_POST_LAUNCH_ENABLED)

/* DrsoReplicationConfiguration */

/**
 * DrsoReplicationConfiguration:
 *
 * How DRS replicates a source server: where the staging area is, which
 * replication server, encryption and routing, and the point-in-time policy
 * that decides which snapshots are kept.
 */
G_DEFINE_FINAL_TYPE (DrsoReplicationConfiguration, drso_replication_configuration, G_TYPE_OBJECT)

static const Field replication_configuration_fields[] = {
  FIELD (DrsoReplicationConfiguration, source_server_id, "source-server-id", FIELD_STRING),
  FIELD (DrsoReplicationConfiguration, staging_area_subnet_id, "staging-area-subnet-id",
         FIELD_STRING),
  FIELD (DrsoReplicationConfiguration, replication_server_instance_type,
         "replication-server-instance-type", FIELD_STRING),
  FIELD (DrsoReplicationConfiguration, ebs_encryption, "ebs-encryption", FIELD_STRING),
  FIELD (DrsoReplicationConfiguration, data_plane_routing, "data-plane-routing", FIELD_STRING),
};

#define PROP_RC_N_PIT_RULES (G_N_ELEMENTS (replication_configuration_fields) + 1)

static void
drso_replication_configuration_finalize (GObject *object)
{
  DrsoReplicationConfiguration *self = (DrsoReplicationConfiguration *) object;

  _drso_drs_clear_fields (object, replication_configuration_fields,
                          G_N_ELEMENTS (replication_configuration_fields));
  g_clear_pointer (&self->pit_rules, g_array_unref);

  G_OBJECT_CLASS (drso_replication_configuration_parent_class)->finalize (object);
}

static void
drso_replication_configuration_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  DrsoReplicationConfiguration *self = DRSO_REPLICATION_CONFIGURATION (object);

  if (prop_id == PROP_RC_N_PIT_RULES)
    g_value_set_uint (value, self->pit_rules->len);
  else
    _drso_drs_get_field (object, replication_configuration_fields,
                         G_N_ELEMENTS (replication_configuration_fields), prop_id, value, pspec);
}

static void
drso_replication_configuration_class_init (DrsoReplicationConfigurationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = drso_replication_configuration_finalize;
  object_class->get_property = drso_replication_configuration_get_property;
  _drso_drs_install_fields (object_class, replication_configuration_fields,
                            G_N_ELEMENTS (replication_configuration_fields), NULL);
  g_object_class_install_property (object_class, PROP_RC_N_PIT_RULES,
                                   g_param_spec_uint ("n-pit-rules", NULL, NULL, 0, G_MAXUINT, 0,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
clear_pit_rule (gpointer data)
{
  DrsoDrsPitRule *rule = data;

  g_free (rule->units);
}

static void
drso_replication_configuration_init (DrsoReplicationConfiguration *self)
{
  self->pit_rules = g_array_new (FALSE, TRUE, sizeof (DrsoDrsPitRule));
  g_array_set_clear_func (self->pit_rules, clear_pit_rule);
}

#define REPLICATION_GETTER(RType, field, fallback) \
  DEFINE_GETTER (DrsoReplicationConfiguration, drso_replication_configuration, \
                 REPLICATION_CONFIGURATION, RType, field, fallback)

/**
 * drso_replication_configuration_get_source_server_id:
 * @self: a #DrsoReplicationConfiguration
 *
 * Returns: the source server the configuration is for
 */
REPLICATION_GETTER (const char *, source_server_id, NULL)
/**
 * drso_replication_configuration_get_staging_area_subnet_id:
 * @self: a #DrsoReplicationConfiguration
 *
 * Returns: (nullable): the subnet of the staging area
 */
REPLICATION_GETTER (const char *, staging_area_subnet_id, NULL)
/**
 * drso_replication_configuration_get_replication_server_instance_type:
 * @self: a #DrsoReplicationConfiguration
 *
 * Returns: (nullable): the EC2 instance type of the replication server
 */
REPLICATION_GETTER (const char *, replication_server_instance_type, NULL)
/**
 * drso_replication_configuration_get_ebs_encryption:
 * @self: a #DrsoReplicationConfiguration
 *
 * Returns: (nullable): `DEFAULT`, `CUSTOM` or `NONE`
 */
REPLICATION_GETTER (const char *, ebs_encryption, NULL)
/**
 * drso_replication_configuration_get_data_plane_routing:
 * @self: a #DrsoReplicationConfiguration
 *
 * Returns: (nullable): `PRIVATE_IP` or `PUBLIC_IP`: how data reaches the
 *   staging area
 */
REPLICATION_GETTER (const char *, data_plane_routing, NULL)

/**
 * drso_replication_configuration_get_n_pit_rules:
 * @self: a #DrsoReplicationConfiguration
 *
 * Returns: the number of rules of the point-in-time policy (DRS has 3)
 */
guint
drso_replication_configuration_get_n_pit_rules (DrsoReplicationConfiguration *self)
{
  g_return_val_if_fail (DRSO_IS_REPLICATION_CONFIGURATION (self), 0);
  return self->pit_rules->len;
}

/**
 * drso_replication_configuration_get_pit_rule:
 * @self: a #DrsoReplicationConfiguration
 * @index: the rule's position, below drso_replication_configuration_get_n_pit_rules()
 * @units: (out) (optional) (transfer none): `MINUTE`, `HOUR` or `DAY`
 * @interval: (out) (optional): a snapshot is taken every @interval @units
 * @retention: (out) (optional): and kept for @retention @units
 * @enabled: (out) (optional): whether the rule is in force
 *
 * Reads one rule of the point-in-time policy.
 *
 * Returns: %TRUE, or %FALSE if there is no rule at @index
 */
gboolean
drso_replication_configuration_get_pit_rule (DrsoReplicationConfiguration  *self,
                                             guint                          index,
                                             const char                   **units,
                                             guint                         *interval,
                                             guint                         *retention,
                                             gboolean                      *enabled)
{
  const DrsoDrsPitRule *rule;

  g_return_val_if_fail (DRSO_IS_REPLICATION_CONFIGURATION (self), FALSE);

  if (index >= self->pit_rules->len)
    return FALSE;
  rule = &g_array_index (self->pit_rules, DrsoDrsPitRule, index);
  if (units != NULL)
    *units = rule->units;
  if (interval != NULL)
    *interval = rule->interval;
  if (retention != NULL)
    *retention = rule->retention;
  if (enabled != NULL)
    *enabled = rule->enabled;
  return TRUE;
}
