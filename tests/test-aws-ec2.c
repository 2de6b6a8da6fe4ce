/* test-aws-ec2.c
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

/* The EC2 calls against a loopback server with canned EC2 answers: request
 * bodies (flattened 1-based lists), SigV4 signatures, every parsed field,
 * pagination, malformed answers, EC2 errors and retries. */

#include "config.h"

#include <libsoup/soup.h>

#include "drso.h"
#include "drso-ec2.h"
#include "drso-test-util.h"

#define KEY "AKIDEC2TEST"
#define SECRET "ec2-test-secret-7d3b9e"
#define XMLNS "xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\""
#define FORM_TYPE "application/x-www-form-urlencoded; charset=utf-8"

typedef struct
{
  guint       status;
  const char *body;
} Answer;

typedef struct
{
  SoupServer    *server;
  char          *url;
  GQueue         answers;      /* Answer*, borrowed; the last one repeats */
  GPtrArray     *bodies;       /* char*, the request bodies received */
  guint          requests;
  guint          bad_requests; /* bad signature, method, path or type */
  DrsoAwsClient *client;
  DrsoAwsContext *context;
  GMainLoop     *loop;
  GAsyncResult  *result;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const Answer *answer;

  fixture->requests++;
  g_ptr_array_add (fixture->bodies, g_strndup (g_bytes_get_data (body, NULL),
                                               g_bytes_get_size (body)));
  if (!drso_test_sigv4_verify (msg, KEY, SECRET, "us-east-1", "ec2", NULL) ||
      g_strcmp0 (soup_server_message_get_method (msg), "POST") != 0 ||
      g_strcmp0 (path, "/") != 0 ||
      g_strcmp0 (soup_message_headers_get_one (headers, "Content-Type"), FORM_TYPE) != 0)
    fixture->bad_requests++;

  answer = g_queue_get_length (&fixture->answers) > 1 ? g_queue_pop_head (&fixture->answers)
                                                      : g_queue_peek_head (&fixture->answers);
  g_assert_nonnull (answer);
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, "text/xml;charset=UTF-8", SOUP_MEMORY_STATIC,
                                    answer->body, strlen (answer->body));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(DrsoAwsCredentials) creds = drso_aws_credentials_new (KEY, SECRET, "token-1", 0);

  fixture->server = drso_test_server_new (FALSE, handler, fixture, &fixture->url);

  g_queue_init (&fixture->answers);
  fixture->bodies = g_ptr_array_new_with_free_func (g_free);
  fixture->client = drso_aws_client_new ();
  drso_aws_client_set_backoff_scale (fixture->client, 0.01);
  fixture->context = drso_aws_context_new (fixture->client, "123456789012", "us-east-1",
                                           fixture->url, creds);
  fixture->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_cmpuint (fixture->bad_requests, ==, 0);

  g_clear_object (&fixture->context);
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  /* Lets the closed connections and sockets go. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_free (fixture->url);
  g_queue_clear (&fixture->answers);
  g_ptr_array_unref (fixture->bodies);
  g_main_loop_unref (fixture->loop);
  g_clear_object (&fixture->result);
}

static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (source == G_OBJECT (fixture->context));
  g_clear_object (&fixture->result);
  fixture->result = g_object_ref (result);
  g_main_loop_quit (fixture->loop);
}

/* Runs the loop until the call started last has finished. */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  g_main_loop_run (fixture->loop);
  g_assert_nonnull (fixture->result);
  return fixture->result;
}

static void
push (Fixture      *fixture,
      const Answer *answer)
{
  g_queue_push_tail (&fixture->answers, (gpointer) answer);
}

static const char *
body_of (Fixture *fixture,
         guint    index)
{
  g_assert_cmpuint (index, <, fixture->bodies->len);
  return g_ptr_array_index (fixture->bodies, index);
}

/* DescribeInstances */

static const Answer instances_answer = {
  200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<DescribeInstancesResponse " XMLNS ">\n"
       "  <requestId>8f7724cf-496f-496e-8fe3-example</requestId>\n"
       "  <reservationSet>\n"
       "    <item>\n"
       "      <reservationId>r-1234567890abcdef0</reservationId>\n"
       "      <ownerId>123456789012</ownerId>\n"
       "      <groupSet/>\n"
       "      <instancesSet>\n"
       "        <item>\n"
       "          <instanceId>i-0abc</instanceId>\n"
       "          <imageId>ami-0abcdef1234567890</imageId>\n"
       "          <instanceState><code>16</code><name>running</name></instanceState>\n"
       "          <privateDnsName>ip-10-0-1-10.ec2.internal</privateDnsName>\n"
       "          <instanceType>t3.micro</instanceType>\n"
       "          <launchTime>2026-03-01T10:15:30.000Z</launchTime>\n"
       "          <placement><availabilityZone>us-east-1a</availabilityZone></placement>\n"
       "          <privateIpAddress>10.0.1.10</privateIpAddress>\n"
       "          <tagSet>\n"
       "            <item><key>Name</key><value>web-1</value></item>\n"
       "            <item><key>Tier</key><value>web</value></item>\n"
       "            <item><key>Empty</key><value/></item>\n"
       "          </tagSet>\n"
       "        </item>\n"
       "        <item>\n"
       "          <instanceId>i-0def</instanceId>\n"
       "          <instanceState><code>272</code><name>stopped</name></instanceState>\n"
       "          <instanceType>m5.large</instanceType>\n"
       "          <launchTime>2025-12-31T23:59:59.000Z</launchTime>\n"
       "          <privateIpAddress>10.0.1.11</privateIpAddress>\n"
       "          <tagSet/>\n"
       "        </item>\n"
       "      </instancesSet>\n"
       "    </item>\n"
       "    <item>\n"
       "      <reservationId>r-0fedcba0987654321</reservationId>\n"
       "      <instancesSet>\n"
       "        <item>\n"
       "          <instanceId>i-0123</instanceId>\n"
       "          <instanceState><code>48</code><name>terminated</name></instanceState>\n"
       "          <instanceType>c6g.xlarge</instanceType>\n"
       "        </item>\n"
       "      </instancesSet>\n"
       "    </item>\n"
       "  </reservationSet>\n"
       "</DescribeInstancesResponse>\n"
};

static void
test_describe_instances (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const ids[] = { "i-0abc", "i-0def", "i-0123", NULL };
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autofree char *instance_id = NULL, *state_name = NULL, *private_ip = NULL;
  g_autoptr(GHashTable) tags_property = NULL;
  DrsoEc2Instance *instance;
  GHashTable *tags;
  guint state_code;
  gint64 launch_time;

  g_hash_table_insert (filters, "tag:Tier", "web");
  g_hash_table_insert (filters, "instance-state-name", "running");
  push (fixture, &instances_answer);
  drso_ec2_describe_instances_async (fixture->context, ids, filters, NULL, got_result_cb,
                                     fixture);
  instances = drso_ec2_describe_instances_finish (fixture->context, wait_result (fixture),
                                                  &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeInstances&Version=2016-11-15"
                   "&InstanceId.1=i-0abc&InstanceId.2=i-0def&InstanceId.3=i-0123"
                   "&Filter.1.Name=instance-state-name&Filter.1.Value.1=running"
                   "&Filter.2.Name=tag%3ATier&Filter.2.Value.1=web");

  g_assert_nonnull (instances);
  g_assert_cmpuint (instances->len, ==, 3);

  instance = g_ptr_array_index (instances, 0);
  g_assert_cmpstr (drso_ec2_instance_get_instance_id (instance), ==, "i-0abc");
  g_assert_cmpstr (drso_ec2_instance_get_state_name (instance), ==, "running");
  g_assert_cmpuint (drso_ec2_instance_get_state_code (instance), ==, 16);
  g_assert_cmpstr (drso_ec2_instance_get_instance_type (instance), ==, "t3.micro");
  g_assert_cmpstr (drso_ec2_instance_get_private_ip (instance), ==, "10.0.1.10");
  g_assert_cmpint (drso_ec2_instance_get_launch_time (instance), ==, 1772360130);
  tags = drso_ec2_instance_get_tags (instance);
  g_assert_cmpuint (g_hash_table_size (tags), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (tags, "Name"), ==, "web-1");
  g_assert_cmpstr (g_hash_table_lookup (tags, "Tier"), ==, "web");
  g_assert_cmpstr (g_hash_table_lookup (tags, "Empty"), ==, "");

  /* The same through the read-only properties. */
  g_object_get (instance, "instance-id", &instance_id, "state-name", &state_name,
                "state-code", &state_code, "private-ip", &private_ip,
                "launch-time", &launch_time, "tags", &tags_property, NULL);
  g_assert_cmpstr (instance_id, ==, "i-0abc");
  g_assert_cmpstr (state_name, ==, "running");
  g_assert_cmpuint (state_code, ==, 16);
  g_assert_cmpstr (private_ip, ==, "10.0.1.10");
  g_assert_cmpint (launch_time, ==, 1772360130);
  g_assert_true (tags_property == tags);

  /* The high byte of the state code is AWS's own. */
  instance = g_ptr_array_index (instances, 1);
  g_assert_cmpstr (drso_ec2_instance_get_instance_id (instance), ==, "i-0def");
  g_assert_cmpstr (drso_ec2_instance_get_state_name (instance), ==, "stopped");
  g_assert_cmpuint (drso_ec2_instance_get_state_code (instance), ==, 16);
  g_assert_cmpstr (drso_ec2_instance_get_instance_type (instance), ==, "m5.large");
  g_assert_cmpstr (drso_ec2_instance_get_private_ip (instance), ==, "10.0.1.11");
  g_assert_cmpint (drso_ec2_instance_get_launch_time (instance), ==, 1767225599);
  g_assert_cmpuint (g_hash_table_size (drso_ec2_instance_get_tags (instance)), ==, 0);

  /* The second reservation; absent fields. */
  instance = g_ptr_array_index (instances, 2);
  g_assert_cmpstr (drso_ec2_instance_get_instance_id (instance), ==, "i-0123");
  g_assert_cmpstr (drso_ec2_instance_get_state_name (instance), ==, "terminated");
  g_assert_cmpuint (drso_ec2_instance_get_state_code (instance), ==, 48);
  g_assert_cmpstr (drso_ec2_instance_get_instance_type (instance), ==, "c6g.xlarge");
  g_assert_null (drso_ec2_instance_get_private_ip (instance));
  g_assert_cmpint (drso_ec2_instance_get_launch_time (instance), ==, 0);
  g_assert_cmpuint (g_hash_table_size (drso_ec2_instance_get_tags (instance)), ==, 0);
}

static const Answer instances_page_1 = {
  200, "<DescribeInstancesResponse " XMLNS "><requestId>p1</requestId><reservationSet>"
       "<item><reservationId>r-1</reservationId><instancesSet>"
       "<item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running</name>"
       "</instanceState></item>"
       "<item><instanceId>i-2</instanceId><instanceState><code>0</code><name>pending</name>"
       "</instanceState></item>"
       "</instancesSet></item></reservationSet>"
       "<nextToken>page+2/==</nextToken></DescribeInstancesResponse>"
};
static const Answer instances_page_2 = {
  200, "<DescribeInstancesResponse " XMLNS "><requestId>p2</requestId><reservationSet/>"
       "<nextToken>page3</nextToken></DescribeInstancesResponse>"
};
static const Answer instances_page_3 = {
  200, "<DescribeInstancesResponse " XMLNS "><requestId>p3</requestId><reservationSet>"
       "<item><reservationId>r-3</reservationId><instancesSet>"
       "<item><instanceId>i-3</instanceId><instanceState><code>80</code><name>stopped</name>"
       "</instanceState></item>"
       "</instancesSet></item></reservationSet>"
       "<nextToken/></DescribeInstancesResponse>"
};

static void
test_describe_instances_pages (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;

  push (fixture, &instances_page_1);
  push (fixture, &instances_page_2);
  push (fixture, &instances_page_3);
  drso_ec2_describe_instances_async (fixture->context, NULL, NULL, NULL, got_result_cb, fixture);
  instances = drso_ec2_describe_instances_finish (fixture->context, wait_result (fixture),
                                                  &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 3);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000");
  g_assert_cmpstr (body_of (fixture, 1), ==,
                   "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000"
                   "&NextToken=page%2B2%2F%3D%3D");
  g_assert_cmpstr (body_of (fixture, 2), ==,
                   "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000"
                   "&NextToken=page3");

  g_assert_cmpuint (instances->len, ==, 3);
  g_assert_cmpstr (drso_ec2_instance_get_instance_id (g_ptr_array_index (instances, 0)), ==,
                   "i-1");
  g_assert_cmpstr (drso_ec2_instance_get_state_name (g_ptr_array_index (instances, 1)), ==,
                   "pending");
  g_assert_cmpuint (drso_ec2_instance_get_state_code (g_ptr_array_index (instances, 1)), ==, 0);
  g_assert_cmpstr (drso_ec2_instance_get_instance_id (g_ptr_array_index (instances, 2)), ==,
                   "i-3");
  g_assert_cmpuint (drso_ec2_instance_get_state_code (g_ptr_array_index (instances, 2)), ==, 80);
}

/* A token EC2 already sent would loop for ever. */
static const Answer instances_page_again = {
  200, "<DescribeInstancesResponse " XMLNS "><reservationSet/>"
       "<nextToken>same</nextToken></DescribeInstancesResponse>"
};

static void
test_repeated_token (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;

  push (fixture, &instances_page_again);
  drso_ec2_describe_instances_async (fixture->context, NULL, NULL, NULL, got_result_cb, fixture);
  instances = drso_ec2_describe_instances_finish (fixture->context, wait_result (fixture),
                                                  &error);
  g_assert_null (instances);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED);
  g_assert_cmpuint (fixture->requests, ==, 2);
  g_assert_cmpstr (body_of (fixture, 1), ==,
                   "Action=DescribeInstances&Version=2016-11-15&MaxResults=1000"
                   "&NextToken=same");
}

/* DescribeInstanceStatus */

#define STATUS_ITEM(id, state, system, instance) \
  "<item><instanceId>" id "</instanceId><availabilityZone>us-east-1a</availabilityZone>" \
  "<instanceState><code>16</code><name>" state "</name></instanceState>" \
  "<systemStatus><status>" system "</status><details><item><name>reachability</name>" \
  "<status>passed</status></item></details></systemStatus>" \
  "<instanceStatus><status>" instance "</status><details><item><name>reachability</name>" \
  "<status>passed</status></item></details></instanceStatus></item>"

static const Answer status_answer = {
  200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<DescribeInstanceStatusResponse " XMLNS ">\n"
       "  <requestId>3be1508e-c444-4fef-89cc-example</requestId>\n"
       "  <instanceStatusSet>\n"
       "    " STATUS_ITEM ("i-0abc", "running", "ok", "ok") "\n"
       "    " STATUS_ITEM ("i-0def", "running", "ok", "initializing") "\n"
       "    " STATUS_ITEM ("i-0123", "stopped", "not-applicable", "not-applicable") "\n"
       "  </instanceStatusSet>\n"
       "</DescribeInstanceStatusResponse>\n"
};

static void
test_instance_status (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const ids[] = { "i-0abc", "i-0def", "i-0123", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autofree char *system_status = NULL, *instance_status = NULL;
  DrsoEc2InstanceStatus *status;

  push (fixture, &status_answer);
  drso_ec2_describe_instance_status_async (fixture->context, ids, NULL, got_result_cb, fixture);
  statuses = drso_ec2_describe_instance_status_finish (fixture->context, wait_result (fixture),
                                                       &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeInstanceStatus&Version=2016-11-15"
                   "&InstanceId.1=i-0abc&InstanceId.2=i-0def&InstanceId.3=i-0123"
                   "&IncludeAllInstances=true");
  g_assert_cmpuint (statuses->len, ==, 3);

  status = g_ptr_array_index (statuses, 0);
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_id (status), ==, "i-0abc");
  g_assert_cmpstr (drso_ec2_instance_status_get_state_name (status), ==, "running");
  g_assert_cmpstr (drso_ec2_instance_status_get_system_status (status), ==, "ok");
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_status (status), ==, "ok");
  g_assert_true (drso_ec2_instance_status_is_healthy (status));

  status = g_ptr_array_index (statuses, 1);
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_id (status), ==, "i-0def");
  g_assert_cmpstr (drso_ec2_instance_status_get_state_name (status), ==, "running");
  g_assert_cmpstr (drso_ec2_instance_status_get_system_status (status), ==, "ok");
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_status (status), ==, "initializing");
  g_assert_false (drso_ec2_instance_status_is_healthy (status));

  status = g_ptr_array_index (statuses, 2);
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_id (status), ==, "i-0123");
  g_assert_cmpstr (drso_ec2_instance_status_get_state_name (status), ==, "stopped");
  g_object_get (status, "system-status", &system_status, "instance-status", &instance_status,
                NULL);
  g_assert_cmpstr (system_status, ==, "not-applicable");
  g_assert_cmpstr (instance_status, ==, "not-applicable");
  g_assert_false (drso_ec2_instance_status_is_healthy (status));
}

static const Answer status_page_1 = {
  200, "<DescribeInstanceStatusResponse " XMLNS "><instanceStatusSet>"
       STATUS_ITEM ("i-1", "running", "ok", "ok")
       "</instanceStatusSet><nextToken>s2</nextToken></DescribeInstanceStatusResponse>"
};
static const Answer status_page_2 = {
  200, "<DescribeInstanceStatusResponse " XMLNS "><instanceStatusSet>"
       STATUS_ITEM ("i-2", "running", "impaired", "ok")
       "</instanceStatusSet><nextToken>s3</nextToken></DescribeInstanceStatusResponse>"
};
static const Answer status_page_3 = {
  200, "<DescribeInstanceStatusResponse " XMLNS "><instanceStatusSet>"
       STATUS_ITEM ("i-3", "pending", "initializing", "initializing")
       "</instanceStatusSet></DescribeInstanceStatusResponse>"
};

static void
test_instance_status_pages (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  DrsoEc2InstanceStatus *status;

  push (fixture, &status_page_1);
  push (fixture, &status_page_2);
  push (fixture, &status_page_3);
  drso_ec2_describe_instance_status_async (fixture->context, NULL, NULL, got_result_cb, fixture);
  statuses = drso_ec2_describe_instance_status_finish (fixture->context, wait_result (fixture),
                                                       &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 3);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeInstanceStatus&Version=2016-11-15"
                   "&IncludeAllInstances=true&MaxResults=1000");
  g_assert_cmpstr (body_of (fixture, 1), ==,
                   "Action=DescribeInstanceStatus&Version=2016-11-15"
                   "&IncludeAllInstances=true&MaxResults=1000&NextToken=s2");
  g_assert_cmpstr (body_of (fixture, 2), ==,
                   "Action=DescribeInstanceStatus&Version=2016-11-15"
                   "&IncludeAllInstances=true&MaxResults=1000&NextToken=s3");

  g_assert_cmpuint (statuses->len, ==, 3);
  status = g_ptr_array_index (statuses, 0);
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_id (status), ==, "i-1");
  g_assert_true (drso_ec2_instance_status_is_healthy (status));
  status = g_ptr_array_index (statuses, 1);
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_id (status), ==, "i-2");
  g_assert_cmpstr (drso_ec2_instance_status_get_system_status (status), ==, "impaired");
  g_assert_false (drso_ec2_instance_status_is_healthy (status));
  status = g_ptr_array_index (statuses, 2);
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_id (status), ==, "i-3");
  g_assert_cmpstr (drso_ec2_instance_status_get_state_name (status), ==, "pending");
  g_assert_cmpstr (drso_ec2_instance_status_get_instance_status (status), ==, "initializing");
  g_assert_false (drso_ec2_instance_status_is_healthy (status));
}

/* TerminateInstances */

static const Answer terminate_answer = {
  200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<TerminateInstancesResponse " XMLNS ">\n"
       "  <requestId>59dbff89-35bd-4eac-99ed-example</requestId>\n"
       "  <instancesSet>\n"
       "    <item>\n"
       "      <instanceId>i-0abc</instanceId>\n"
       "      <currentState><code>32</code><name>shutting-down</name></currentState>\n"
       "      <previousState><code>16</code><name>running</name></previousState>\n"
       "    </item>\n"
       "    <item>\n"
       "      <instanceId>i-0def</instanceId>\n"
       "      <currentState><code>48</code><name>terminated</name></currentState>\n"
       "      <previousState><code>80</code><name>stopped</name></previousState>\n"
       "    </item>\n"
       "  </instancesSet>\n"
       "</TerminateInstancesResponse>\n"
};

static void
test_terminate (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const ids[] = { "i-0abc", "i-0def", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *previous = NULL;
  DrsoEc2StateChange *change;

  push (fixture, &terminate_answer);
  drso_ec2_terminate_instances_async (fixture->context, ids, NULL, got_result_cb, fixture);
  changes = drso_ec2_terminate_instances_finish (fixture->context, wait_result (fixture), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=TerminateInstances&Version=2016-11-15"
                   "&InstanceId.1=i-0abc&InstanceId.2=i-0def");
  g_assert_cmpuint (changes->len, ==, 2);

  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (drso_ec2_state_change_get_instance_id (change), ==, "i-0abc");
  g_assert_cmpstr (drso_ec2_state_change_get_previous_state (change), ==, "running");
  g_assert_cmpstr (drso_ec2_state_change_get_current_state (change), ==, "shutting-down");

  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (drso_ec2_state_change_get_instance_id (change), ==, "i-0def");
  g_object_get (change, "previous-state", &previous, NULL);
  g_assert_cmpstr (previous, ==, "stopped");
  g_assert_cmpstr (drso_ec2_state_change_get_current_state (change), ==, "terminated");
}

/* Refused before any request: no ids, an empty id, more than 1000. */
static void
test_terminate_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  const char * const none[] = { NULL };
  const char * const blank[] = { "i-0abc", "", NULL };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  const char * const *cases[4] = { NULL, none, blank, NULL };

  for (guint i = 0; i < 1001; i++)
    g_ptr_array_add (many, g_strdup_printf ("i-%04u", i));
  g_ptr_array_add (many, NULL);
  cases[3] = (const char * const *) many->pdata;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) changes = NULL;

      drso_ec2_terminate_instances_async (fixture->context, cases[i], NULL, got_result_cb,
                                          fixture);
      changes = drso_ec2_terminate_instances_finish (fixture->context, wait_result (fixture),
                                                     &error);
      g_assert_null (changes);
      g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_VALIDATION);
    }
  g_assert_cmpuint (fixture->requests, ==, 0);
}

/* DescribeSubnets */

static const Answer subnets_answer = {
  200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<DescribeSubnetsResponse " XMLNS ">\n"
       "  <requestId>7a62c49f-347e-4fc4-9331-example</requestId>\n"
       "  <subnetSet>\n"
       "    <item>\n"
       "      <subnetId>subnet-0aaa</subnetId>\n"
       "      <subnetArn>arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0aaa</subnetArn>\n"
       "      <state>available</state>\n"
       "      <vpcId>vpc-0111</vpcId>\n"
       "      <cidrBlock>10.0.1.0/24</cidrBlock>\n"
       "      <availableIpAddressCount>251</availableIpAddressCount>\n"
       "      <availabilityZone>us-east-1a</availabilityZone>\n"
       "      <defaultForAz>false</defaultForAz>\n"
       "      <tagSet/>\n"
       "    </item>\n"
       "    <item>\n"
       "      <subnetId>subnet-0bbb</subnetId>\n"
       "      <vpcId>vpc-0111</vpcId>\n"
       "      <cidrBlock>10.0.128.0/17</cidrBlock>\n"
       "      <availableIpAddressCount>32763</availableIpAddressCount>\n"
       "      <availabilityZone>us-east-1b</availabilityZone>\n"
       "    </item>\n"
       "  </subnetSet>\n"
       "</DescribeSubnetsResponse>\n"
};

static void
test_subnets (Fixture       *fixture,
              gconstpointer  data)
{
  const char * const ids[] = { "subnet-0aaa", "subnet-0bbb", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subnets = NULL;
  DrsoEc2Subnet *subnet;
  guint available;

  push (fixture, &subnets_answer);
  drso_ec2_describe_subnets_async (fixture->context, ids, NULL, got_result_cb, fixture);
  subnets = drso_ec2_describe_subnets_finish (fixture->context, wait_result (fixture), &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeSubnets&Version=2016-11-15"
                   "&SubnetId.1=subnet-0aaa&SubnetId.2=subnet-0bbb");
  g_assert_cmpuint (subnets->len, ==, 2);

  subnet = g_ptr_array_index (subnets, 0);
  g_assert_cmpstr (drso_ec2_subnet_get_subnet_id (subnet), ==, "subnet-0aaa");
  g_assert_cmpstr (drso_ec2_subnet_get_vpc_id (subnet), ==, "vpc-0111");
  g_assert_cmpstr (drso_ec2_subnet_get_cidr_block (subnet), ==, "10.0.1.0/24");
  g_assert_cmpstr (drso_ec2_subnet_get_availability_zone (subnet), ==, "us-east-1a");
  g_assert_cmpuint (drso_ec2_subnet_get_available_ip_count (subnet), ==, 251);

  subnet = g_ptr_array_index (subnets, 1);
  g_assert_cmpstr (drso_ec2_subnet_get_subnet_id (subnet), ==, "subnet-0bbb");
  g_assert_cmpstr (drso_ec2_subnet_get_vpc_id (subnet), ==, "vpc-0111");
  g_assert_cmpstr (drso_ec2_subnet_get_cidr_block (subnet), ==, "10.0.128.0/17");
  g_assert_cmpstr (drso_ec2_subnet_get_availability_zone (subnet), ==, "us-east-1b");
  g_object_get (subnet, "available-ip-count", &available, NULL);
  g_assert_cmpuint (available, ==, 32763);
}

/* DescribeSecurityGroups */

static const Answer groups_answer = {
  200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<DescribeSecurityGroupsResponse " XMLNS ">\n"
       "  <requestId>edb7c570-be05-4192-bd1b-example</requestId>\n"
       "  <securityGroupInfo>\n"
       "    <item>\n"
       "      <ownerId>123456789012</ownerId>\n"
       "      <groupId>sg-0aaa</groupId>\n"
       "      <groupName>web &amp; api</groupName>\n"
       "      <groupDescription>Web tier &lt;public&gt;</groupDescription>\n"
       "      <vpcId>vpc-0111</vpcId>\n"
       "      <ipPermissions>\n"
       "        <item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>"
       "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item>\n"
       "      </ipPermissions>\n"
       "      <ipPermissionsEgress/>\n"
       "    </item>\n"
       "    <item>\n"
       "      <groupId>sg-0bbb</groupId>\n"
       "      <groupName>default</groupName>\n"
       "      <groupDescription>default VPC security group</groupDescription>\n"
       "      <vpcId>vpc-0222</vpcId>\n"
       "    </item>\n"
       "  </securityGroupInfo>\n"
       "</DescribeSecurityGroupsResponse>\n"
};

static void
test_security_groups (Fixture       *fixture,
                      gconstpointer  data)
{
  const char * const ids[] = { "sg-0aaa", "sg-0bbb", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *description = NULL;
  DrsoEc2SecurityGroup *group;

  push (fixture, &groups_answer);
  drso_ec2_describe_security_groups_async (fixture->context, ids, NULL, got_result_cb, fixture);
  groups = drso_ec2_describe_security_groups_finish (fixture->context, wait_result (fixture),
                                                     &error);
  g_assert_no_error (error);

  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeSecurityGroups&Version=2016-11-15"
                   "&GroupId.1=sg-0aaa&GroupId.2=sg-0bbb");
  g_assert_cmpuint (groups->len, ==, 2);

  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (drso_ec2_security_group_get_group_id (group), ==, "sg-0aaa");
  g_assert_cmpstr (drso_ec2_security_group_get_group_name (group), ==, "web & api");
  g_assert_cmpstr (drso_ec2_security_group_get_vpc_id (group), ==, "vpc-0111");
  g_assert_cmpstr (drso_ec2_security_group_get_description (group), ==, "Web tier <public>");

  group = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (drso_ec2_security_group_get_group_id (group), ==, "sg-0bbb");
  g_assert_cmpstr (drso_ec2_security_group_get_group_name (group), ==, "default");
  g_assert_cmpstr (drso_ec2_security_group_get_vpc_id (group), ==, "vpc-0222");
  g_object_get (group, "description", &description, NULL);
  g_assert_cmpstr (description, ==, "default VPC security group");
}

/* Malformed answers */

typedef struct
{
  const char *name;
  const char *call;         /* instances, subnets or groups */
  Answer      answer;
  const char *in_message;   /* what the error message must name */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  { "truncated", "instances",
    { 200, "<DescribeInstancesResponse " XMLNS "><reservationSet><item><instancesSet><item>"
           "<instanceId>i-1</instanceId><instanceSt" }, "could not be read" },
  { "not-xml", "instances", { 200, "{\"reservations\": []}" }, "could not be read" },
  { "empty", "instances", { 200, "" }, "empty body" },
  { "missing-instance-id", "instances",
    { 200, "<DescribeInstancesResponse " XMLNS "><reservationSet><item><instancesSet>"
           "<item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running"
           "</name></instanceState></item>"
           "<item><instanceState><code>16</code><name>running</name></instanceState></item>"
           "</instancesSet></item></reservationSet></DescribeInstancesResponse>" },
    "instanceId" },
  { "empty-instance-id", "instances",
    { 200, "<DescribeInstancesResponse " XMLNS "><reservationSet><item><instancesSet>"
           "<item><instanceId/><instanceState><code>16</code><name>running</name>"
           "</instanceState></item></instancesSet></item></reservationSet>"
           "</DescribeInstancesResponse>" },
    "instanceId" },
  { "missing-state", "instances",
    { 200, "<DescribeInstancesResponse " XMLNS "><reservationSet><item><instancesSet>"
           "<item><instanceId>i-1</instanceId></item></instancesSet></item></reservationSet>"
           "</DescribeInstancesResponse>" },
    "instanceState/name" },
  { "bad-state-code", "instances",
    { 200, "<DescribeInstancesResponse " XMLNS "><reservationSet><item><instancesSet>"
           "<item><instanceId>i-1</instanceId><instanceState><code>+16</code><name>running"
           "</name></instanceState></item></instancesSet></item></reservationSet>"
           "</DescribeInstancesResponse>" },
    "instanceState/code" },
  { "bad-launch-time", "instances",
    { 200, "<DescribeInstancesResponse " XMLNS "><reservationSet><item><instancesSet>"
           "<item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running"
           "</name></instanceState><launchTime>yesterday</launchTime></item></instancesSet>"
           "</item></reservationSet></DescribeInstancesResponse>" },
    "launchTime" },
  { "wrong-root", "instances",
    { 200, "<DescribeSubnetsResponse " XMLNS "><subnetSet/></DescribeSubnetsResponse>" },
    "DescribeSubnetsResponse" },
  { "missing-subnet-id", "subnets",
    { 200, "<DescribeSubnetsResponse " XMLNS "><subnetSet><item><vpcId>vpc-1</vpcId></item>"
           "</subnetSet></DescribeSubnetsResponse>" },
    "subnetId" },
  { "negative-ip-count", "subnets",
    { 200, "<DescribeSubnetsResponse " XMLNS "><subnetSet><item><subnetId>subnet-1</subnetId>"
           "<availableIpAddressCount>-1</availableIpAddressCount></item></subnetSet>"
           "</DescribeSubnetsResponse>" },
    "availableIpAddressCount" },
  { "huge-ip-count", "subnets",
    { 200, "<DescribeSubnetsResponse " XMLNS "><subnetSet><item><subnetId>subnet-1</subnetId>"
           "<availableIpAddressCount>99999999999</availableIpAddressCount></item></subnetSet>"
           "</DescribeSubnetsResponse>" },
    "availableIpAddressCount" },
  { "missing-group-id", "groups",
    { 200, "<DescribeSecurityGroupsResponse " XMLNS "><securityGroupInfo><item>"
           "<groupName>web</groupName></item></securityGroupInfo>"
           "</DescribeSecurityGroupsResponse>" },
    "groupId" },
};

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  const MalformedCase *malformed = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  push (fixture, &malformed->answer);
  if (g_str_equal (malformed->call, "instances"))
    {
      drso_ec2_describe_instances_async (fixture->context, NULL, NULL, NULL, got_result_cb,
                                         fixture);
      results = drso_ec2_describe_instances_finish (fixture->context, wait_result (fixture),
                                                    &error);
    }
  else if (g_str_equal (malformed->call, "subnets"))
    {
      drso_ec2_describe_subnets_async (fixture->context, NULL, NULL, got_result_cb, fixture);
      results = drso_ec2_describe_subnets_finish (fixture->context, wait_result (fixture), &error);
    }
  else
    {
      drso_ec2_describe_security_groups_async (fixture->context, NULL, NULL, got_result_cb,
                                               fixture);
      results = drso_ec2_describe_security_groups_finish (fixture->context,
                                                          wait_result (fixture), &error);
    }

  g_assert_null (results);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, malformed->in_message));
  g_assert_cmpuint (fixture->requests, ==, 1);
}

/* EC2 errors and retries */

static const Answer not_found_answer = {
  400, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
       "<Message>The instance ID 'i-0dead' does not exist</Message></Error></Errors>"
       "<RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>"
};

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const ids[] = { "i-0dead", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) instances = NULL;

  push (fixture, &not_found_answer);
  drso_ec2_describe_instances_async (fixture->context, ids, NULL, NULL, got_result_cb, fixture);
  instances = drso_ec2_describe_instances_finish (fixture->context, wait_result (fixture),
                                                  &error);
  g_assert_null (instances);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NOT_FOUND);
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "InvalidInstanceID.NotFound");
  g_assert_cmpstr (drso_aws_error_get_request_id (error), ==,
                   "ea966190-f9aa-478e-9ede-example");
  g_assert_cmpstr (drso_aws_error_get_aws_message (error), ==,
                   "The instance ID 'i-0dead' does not exist");
  g_assert_cmpuint (drso_aws_error_get_status (error), ==, 400);
  g_assert_cmpuint (fixture->requests, ==, 1);
  g_assert_cmpstr (body_of (fixture, 0), ==,
                   "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0dead");
}

static const Answer limit_exceeded_answer = {
  503, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
       "<Message>Request limit exceeded.</Message></Error></Errors>"
       "<RequestID>5f0b2a8e-example</RequestID></Response>"
};

static void
test_throttled_then_success (Fixture       *fixture,
                             gconstpointer  data)
{
  const char * const ids[] = { "i-0abc", "i-0def", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  push (fixture, &limit_exceeded_answer);
  push (fixture, &limit_exceeded_answer);
  push (fixture, &terminate_answer);
  drso_ec2_terminate_instances_async (fixture->context, ids, NULL, got_result_cb, fixture);
  changes = drso_ec2_terminate_instances_finish (fixture->context, wait_result (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (drso_ec2_state_change_get_current_state (g_ptr_array_index (changes, 1)), ==,
                   "terminated");

  /* Each attempt sends the same body, signed afresh. */
  g_assert_cmpuint (fixture->requests, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (body_of (fixture, i), ==,
                     "Action=TerminateInstances&Version=2016-11-15"
                     "&InstanceId.1=i-0abc&InstanceId.2=i-0def");
}

static void
test_throttled_out (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subnets = NULL;

  push (fixture, &limit_exceeded_answer);
  drso_ec2_describe_subnets_async (fixture->context, NULL, NULL, got_result_cb, fixture);
  subnets = drso_ec2_describe_subnets_finish (fixture->context, wait_result (fixture), &error);
  g_assert_null (subnets);
  g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_THROTTLED);
  g_assert_cmpstr (drso_aws_error_get_aws_code (error), ==, "RequestLimitExceeded");
  g_assert_cmpstr (drso_aws_error_get_request_id (error), ==, "5f0b2a8e-example");
  g_assert_cmpuint (fixture->requests, ==, drso_aws_client_get_max_attempts (fixture->client));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("AWS_MAX_ATTEMPTS");

#define ADD(name, func) g_test_add ("/aws/ec2/" name, Fixture, NULL, fixture_set_up, func, \
                                    fixture_tear_down)
  ADD ("describe-instances", test_describe_instances);
  ADD ("describe-instances-pages", test_describe_instances_pages);
  ADD ("repeated-token", test_repeated_token);
  ADD ("instance-status", test_instance_status);
  ADD ("instance-status-pages", test_instance_status_pages);
  ADD ("terminate", test_terminate);
  ADD ("terminate-refused", test_terminate_refused);
  ADD ("subnets", test_subnets);
  ADD ("security-groups", test_security_groups);
  ADD ("not-found", test_not_found);
  ADD ("throttled-then-success", test_throttled_then_success);
  ADD ("throttled-out", test_throttled_out);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/aws/ec2/malformed/%s", malformed_cases[i].name);

      g_test_add (path, Fixture, &malformed_cases[i], fixture_set_up, test_malformed,
                  fixture_tear_down);
    }

  return g_test_run ();
}
