/* fuzz-aws-xml.c
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

/* The XML answers of EC2 and STS (the query protocols), read with the
 * element tree of drso-aws-xml.c:
 *
 * - an EC2 page (DescribeInstances, DescribeInstanceStatus,
 *   TerminateInstances, DescribeSubnets, DescribeSecurityGroups), chosen by
 *   the root element's name, through _drso_ec2_parse_page() and the item
 *   reader of that call, into the result objects of drso-ec2.h;
 * - an STS answer (GetCallerIdentity, AssumeRole), read the way the
 *   callbacks of drso-sts.c read it (they are static and need a client: the
 *   same lookups are made here on the same tree), into credentials;
 * - an error answer of either protocol, through _drso_aws_parse_xml_error()
 *   and on to a GError, as the client does. */

#include "config.h"

#include "drso-aws-client-private.h"
#include "drso-aws-credentials.h"
#include "drso-aws-error-private.h"
#include "drso-aws-xml-private.h"
#include "drso-ec2-parse-private.h"
#include "drso-fuzz.h"

typedef struct
{
  const char           *action;
  const char           *list_path;
  DrsoEc2ParseItemFunc  parse_item;
} Ec2Page;

/* As drso-ec2.c lists them. */
static const Ec2Page ec2_pages[] = {
  { "DescribeInstances", "reservationSet", _drso_ec2_parse_reservation },
  { "DescribeInstanceStatus", "instanceStatusSet", _drso_ec2_parse_instance_status },
  { "TerminateInstances", "instancesSet", _drso_ec2_parse_state_change },
  { "DescribeSubnets", "subnetSet", _drso_ec2_parse_subnet },
  { "DescribeSecurityGroups", "securityGroupInfo", _drso_ec2_parse_security_group },
};

static void
read_ec2_page (GBytes     *body,
               const char *root_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (ec2_pages); i++)
    {
      const Ec2Page *page = &ec2_pages[i];
      g_autofree char *expected = g_strconcat (page->action, "Response", NULL);
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *next_token = NULL;
      gboolean ok;

      if (!g_str_equal (root_name, expected))
        continue;

      results = g_ptr_array_new_with_free_func (g_object_unref);
      ok = _drso_ec2_parse_page (body, page->action, page->list_path, page->parse_item,
                                 results, &next_token, &error);
      drso_fuzz_check (ok == (error == NULL));
      drso_fuzz_check (ok || next_token == NULL);
      for (guint j = 0; j < results->len; j++)
        drso_fuzz_check (G_IS_OBJECT (g_ptr_array_index (results, j)));
    }
}

/* drso-sts.c, caller_identity_cb(). */
static void
read_caller_identity (DrsoXmlNode *root)
{
  DrsoXmlNode *answer = _drso_xml_child (root, "GetCallerIdentityResult");

  if (answer == NULL)
    return;
  (void) _drso_xml_text (answer, "Account");
  (void) _drso_xml_text (answer, "Arn");
  (void) _drso_xml_text (answer, "UserId");
}

/* drso-sts.c, assume_role_cb(). */
static void
read_assume_role (DrsoXmlNode *root)
{
  g_autoptr(GDateTime) expiration = NULL;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  DrsoXmlNode *node = _drso_xml_child (root, "AssumeRoleResult/Credentials");
  const char *key, *secret, *token, *expires, *arn;

  if (node == NULL)
    return;
  key = _drso_xml_text (node, "AccessKeyId");
  secret = _drso_xml_text (node, "SecretAccessKey");
  token = _drso_xml_text (node, "SessionToken");
  expires = _drso_xml_text (node, "Expiration");
  if (expires != NULL)
    expiration = g_date_time_new_from_iso8601 (expires, NULL);
  if (key == NULL || secret == NULL || token == NULL || expiration == NULL)
    return;

  credentials = drso_aws_credentials_new (key, secret, token, g_date_time_to_unix (expiration));
  arn = _drso_xml_text (root, "AssumeRoleResult/AssumedRoleUser/Arn");
  if (arn != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (arn, ":", 6);

      if (g_strv_length (parts) == 6)
        drso_aws_credentials_set_account_id (credentials, parts[4]);
    }
}

static void
read_error (GBytes *body)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *request_id = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;

  found = _drso_aws_parse_xml_error (body, &code, &message, &request_id);
  drso_fuzz_check (found == (code != NULL));
  _drso_aws_set_error (&error, code, message, 400, request_id, 1);
  drso_fuzz_check (error != NULL && error->message != NULL);
}

int
drso_fuzz_one (const guint8 *data,
               gsize         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(DrsoXmlNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = _drso_xml_parse ((const char *) data, size, &error);
  drso_fuzz_check ((root == NULL) == (error != NULL));
  if (root != NULL)
    {
      drso_fuzz_check (root->name != NULL && root->parent == NULL);
      read_ec2_page (body, root->name);
      read_caller_identity (root);
      read_assume_role (root);
    }
  read_error (body);

  return 0;
}
