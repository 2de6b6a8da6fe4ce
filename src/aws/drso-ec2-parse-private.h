/* drso-ec2-parse-private.h
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

#include <glib.h>

#include "drso-aws-xml-private.h"

G_BEGIN_DECLS

/* Reads EC2 answers into the result objects of drso-ec2.h. Each reader is
 * also a fuzz target: _drso_ec2_parse_page takes a whole answer's body.
 *
 * An item reader reads one item of an answer's list into @results (which
 * holds the objects, owned) and fails with a %DRSO_AWS_ERROR_MALFORMED error
 * that names @action. */
typedef gboolean (*DrsoEc2ParseItemFunc) (DrsoXmlNode  *item,
                                          const char   *action,
                                          GPtrArray    *results,
                                          GError      **error);

/* DescribeInstances: the DrsoEc2Instance items of one reservation. */
gboolean _drso_ec2_parse_reservation     (DrsoXmlNode           *item,
                                          const char            *action,
                                          GPtrArray             *results,
                                          GError               **error);
/* DescribeInstanceStatus: a DrsoEc2InstanceStatus. */
gboolean _drso_ec2_parse_instance_status (DrsoXmlNode           *item,
                                          const char            *action,
                                          GPtrArray             *results,
                                          GError               **error);
/* TerminateInstances: a DrsoEc2StateChange. */
gboolean _drso_ec2_parse_state_change    (DrsoXmlNode           *item,
                                          const char            *action,
                                          GPtrArray             *results,
                                          GError               **error);
/* DescribeSubnets: a DrsoEc2Subnet. */
gboolean _drso_ec2_parse_subnet          (DrsoXmlNode           *item,
                                          const char            *action,
                                          GPtrArray             *results,
                                          GError               **error);
/* DescribeSecurityGroups: a DrsoEc2SecurityGroup. */
gboolean _drso_ec2_parse_security_group  (DrsoXmlNode           *item,
                                          const char            *action,
                                          GPtrArray             *results,
                                          GError               **error);

gboolean _drso_ec2_parse_page            (GBytes                *body,
                                          const char            *action,
                                          const char            *list_path,
                                          DrsoEc2ParseItemFunc   parse_item,
                                          GPtrArray             *results,
                                          char                 **next_token,
                                          GError               **error);

G_END_DECLS
