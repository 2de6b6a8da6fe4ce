/* test-endpoints.c
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

/* Where calls may go, through the library: an https endpoint whose
 * certificate is self-signed (made now with openssl, and served by openssl
 * s_server) is refused with an error that says so, at once and without a
 * retry, whatever the environment says; a plain http:// endpoint is refused unless its host is this
 * computer, both when an account is saved and when a call is sent (an
 * account's endpoint, AWS_ENDPOINT_URL), and no connection is even tried;
 * a redirection is not followed; a region is a region name, not a host;
 * the Sandbox, on loopback, is reached. */

#include "config.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "drso.h"
#include "drso-aws-credentials.h"
#include "drso-sts.h"
#include "drso-test-util.h"

/* In the server's process, before exec: it ends with the test. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* An https server with a key and a certificate for 127.0.0.1 and localhost,
 * signed by nobody and made now: `openssl s_server`, in a process of its
 * own (TLS in this process would be the client's only, as in drso). Returns
 * its port, or 0 without openssl. */
static guint16
start_self_signed_server (char    **dir,
                          GPid     *pid)
{
  g_autofree char *key = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *accept = NULL;
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  gint64 deadline;
  guint16 port;
  int status = -1;
  const char *make[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", NULL, "-out", NULL,
    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
    "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL
  };
  const char *serve[] = {
    "openssl", "s_server", "-quiet", "-www", "-accept", NULL, "-cert", NULL, "-key", NULL, NULL
  };

  *dir = g_dir_make_tmp ("drso-tls-XXXXXX", NULL);
  key = g_build_filename (*dir, "server.key", NULL);
  cert = g_build_filename (*dir, "server.crt", NULL);
  make[7] = key;
  make[9] = cert;
  if (!g_spawn_sync (NULL, (char **) make, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return 0;

  /* A free port: bound, then let go for the server. */
  probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (probe, any, TRUE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (probe, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (probe, NULL);

  accept = g_strdup_printf ("127.0.0.1:%u", port);
  serve[5] = accept;
  serve[7] = cert;
  serve[9] = key;
  g_assert_true (g_spawn_async (NULL, (char **) serve, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDIN_FROM_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL,
                                die_with_parent, NULL, pid, &error));
  g_assert_no_error (error);

  /* Until it listens. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, accept, 0, NULL, NULL);

      if (connection != NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  return port;
}

static DrsoAwsCredentials *
test_credentials (void)
{
  return drso_aws_credentials_new ("AKIDENDPOINTTEST", "endpoint-test-secret", NULL, 0);
}

/* GetCallerIdentity at @endpoint; returns its error. */
static GError *
call_sts (DrsoAwsClient *client,
          const char    *endpoint)
{
  g_autoptr(DrsoAwsCredentials) credentials = test_credentials ();
  g_autoptr(DrsoAwsContext) context = drso_aws_context_new (client, NULL, "us-east-1", endpoint,
                                                            credentials);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(DrsoCallerIdentity) identity = NULL;
  GError *error = NULL;

  drso_sts_get_caller_identity_async (context, NULL, drso_test_done_cb, &result);
  identity = drso_sts_get_caller_identity_finish (context, drso_test_wait_for (&result), &error);
  g_assert_true ((identity == NULL) == (error != NULL));
  return error;
}

static void
test_self_signed_here (void)
{
  /* What other tools read to turn certificate checks off: none of it
   * counts here. */
  static const char * const loosen[][2] = {
    { "NODE_TLS_REJECT_UNAUTHORIZED", "0" }, { "PYTHONHTTPSVERIFY", "0" },
    { "CURL_CA_BUNDLE", "" }, { "AWS_CA_BUNDLE", "" }, { "GIT_SSL_NO_VERIFY", "1" },
    { "SOUP_SSL_STRICT", "0" },
  };
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *host = NULL;
  GPid pid = 0;
  guint16 port = start_self_signed_server (&dir, &pid);

  if (port == 0)
    {
      drso_test_remove_tree (dir);
      g_test_skip ("openssl is needed to make a self-signed certificate and serve it");
      return;
    }
  host = g_strdup_printf ("127.0.0.1:%u", port);
  endpoint = g_strdup_printf ("https://%s", host);

  for (guint i = 0; i < G_N_ELEMENTS (loosen); i++)
    g_setenv (loosen[i][0], loosen[i][1], TRUE);
  drso_aws_client_set_backoff_scale (client, 0.001);

  error = call_sts (client, endpoint);
  drso_test_assert_error_names (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK, "TLS certificate");
  g_assert_nonnull (strstr (error->message, host));
  g_assert_nonnull (strstr (error->message, "not signed by a known certificate authority"));
  /* The same certificate would come back: not retried. */
  g_assert_cmpuint (drso_aws_error_get_attempts (error), ==, 1);
  g_clear_error (&error);

  /* The same through an account's endpoint: it is valid (https), the call
   * is not. */
  {
    g_autoptr(DrsoAccount) account = drso_account_new ("210987654321", "Self-signed");

    drso_account_set_endpoint_url (account, endpoint);
    g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), &error));
    g_assert_no_error (error);
    error = call_sts (client, drso_aws_client_get_account_endpoint (client, account));
    drso_test_assert_error_names (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_NETWORK,
                                  "TLS certificate");
  }

  for (guint i = 0; i < G_N_ELEMENTS (loosen); i++)
    g_unsetenv (loosen[i][0]);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  drso_test_remove_tree (dir);
}

/* In a process of its own, which leaves with _exit() once its checks
 * passed: in a sanitizer build, LeakSanitizer's exit-time scan crashes on
 * the thread-local storage the TLS module (GnuTLS, loaded by GIO) sets up
 * in GLib's worker threads, whatever this test does. */
static void
test_self_signed (void)
{
  if (g_test_subprocess ())
    {
      test_self_signed_here ();
      if (g_test_failed ())
        exit (1);
      fflush (stdout);
      _exit (0);
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT);
  g_test_trap_assert_passed ();
}

/* Account endpoints: https anywhere, plain http on this computer only. */
static void
test_account_endpoints (void)
{
  static const char * const accepted[] = {
    "https://drs.us-east-1.amazonaws.com", "https://drs.example.com:8443/base",
    "https://10.0.0.1", "http://127.0.0.1:8080", "http://127.3.2.1", "http://localhost:1",
    "http://LOCALHOST", "http://[::1]:9",
  };
  static const char * const refused_http[] = {
    "http://drs.us-east-1.amazonaws.com", "http://example.com:80", "http://10.0.0.1",
    "http://192.168.1.20:4566", "http://[::ffff:127.0.0.1]", "http://127.0.0.1.example.com",
    "http://localhost.example.com", "http://[2001:db8::1]", "http://0.0.0.0:80",
  };
  static const char * const not_urls[] = {
    "ftp://example.com", "drs.example.com", "https://", "file:///etc/passwd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(DrsoAccount) account = drso_account_new ("210987654321", "Endpoint");
      g_autoptr(GError) error = NULL;

      drso_account_set_endpoint_url (account, accepted[i]);
      g_test_message ("%s", accepted[i]);
      g_assert_true (drso_document_validate (DRSO_DOCUMENT (account), &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused_http); i++)
    {
      g_autoptr(DrsoAccount) account = drso_account_new ("210987654321", "Endpoint");
      g_autoptr(GError) error = NULL;

      drso_account_set_endpoint_url (account, refused_http[i]);
      g_test_message ("%s", refused_http[i]);
      g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                    refused_http[i]);
      g_assert_nonnull (strstr (error->message, "plain http://"));
      g_assert_nonnull (strstr (error->message, "https://"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_urls); i++)
    {
      g_autoptr(DrsoAccount) account = drso_account_new ("210987654321", "Endpoint");
      g_autoptr(GError) error = NULL;

      drso_account_set_endpoint_url (account, not_urls[i]);
      g_test_message ("%s", not_urls[i]);
      g_assert_false (drso_document_validate (DRSO_DOCUMENT (account), &error));
      drso_test_assert_error_names (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_VALUE,
                                    not_urls[i]);
    }
}

/* A listener on every address of this computer, counting connections. */
typedef struct
{
  GSocketListener *listener;
  guint            connections;
  guint16          port;
} Listener;

static void
accepted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Listener *listener = user_data;
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, NULL);
  if (connection == NULL)
    return;
  listener->connections++;
  g_socket_listener_accept_async (G_SOCKET_LISTENER (source), NULL, accepted_cb, listener);
}

/* The first address of this computer that is not loopback, or NULL. */
static char *
dup_network_address (void)
{
  struct ifaddrs *addresses = NULL, *a;
  char *found = NULL;

  if (getifaddrs (&addresses) != 0)
    return NULL;
  for (a = addresses; a != NULL && found == NULL; a = a->ifa_next)
    {
      g_autoptr(GInetAddress) address = NULL;

      if (a->ifa_addr == NULL || a->ifa_addr->sa_family != AF_INET)
        continue;
      address = g_inet_address_new_from_bytes (
        (const guint8 *) &((struct sockaddr_in *) a->ifa_addr)->sin_addr, G_SOCKET_FAMILY_IPV4);
      if (!g_inet_address_get_is_loopback (address))
        found = g_inet_address_to_string (address);
    }
  freeifaddrs (addresses);
  return found;
}

static void
assert_http_refused (DrsoAwsClient *client,
                     const char    *account_endpoint,
                     const char    *url)
{
  g_autoptr(GError) error = call_sts (client, account_endpoint);

  drso_test_assert_error_names (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_FAILED, url);
  g_assert_nonnull (strstr (error->message, "plain http://"));
}

/* Plain http:// to a host of the network: refused before any connection,
 * whether the account names it or AWS_ENDPOINT_URL does. */
static void
test_http_refused_before_connecting (void)
{
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = dup_network_address ();
  g_autofree char *url = NULL;
  Listener listener = { 0 };

  listener.listener = g_socket_listener_new ();
  listener.port = g_socket_listener_add_any_inet_port (listener.listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (listener.listener, NULL, accepted_cb, &listener);
  if (address == NULL)
    {
      /* No network here: an address of the documentation range stands in,
       * which nothing could answer anyway. */
      g_test_message ("No address but loopback: the refusal alone is checked");
      address = g_strdup ("192.0.2.1");
    }
  url = g_strdup_printf ("http://%s:%u", address, listener.port);

  assert_http_refused (client, url, url);

  g_setenv ("AWS_ENDPOINT_URL", url, TRUE);
  assert_http_refused (client, NULL, url);
  g_unsetenv ("AWS_ENDPOINT_URL");

  g_setenv ("AWS_ENDPOINT_URL_STS", url, TRUE);
  assert_http_refused (client, NULL, url);
  g_unsetenv ("AWS_ENDPOINT_URL_STS");

  /* The same listener over loopback is reached (it answers no HTTP, which
   * fails the call later, but a connection is made). */
  {
    g_autofree char *loopback = g_strdup_printf ("http://127.0.0.1:%u", listener.port);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(DrsoAwsCredentials) credentials = test_credentials ();
    g_autoptr(DrsoAwsContext) context = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    context = drso_aws_context_new (client, NULL, "us-east-1", loopback, credentials);
    drso_sts_get_caller_identity_async (context, cancellable, drso_test_done_cb, &result);
    while (listener.connections == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (listener.connections, ==, 1);
    g_cancellable_cancel (cancellable);
    drso_test_wait_for (&result);
  }

  g_socket_listener_close (listener.listener);
  g_clear_object (&listener.listener);
}

typedef struct
{
  guint  status;
  char  *location;
} Redirect;

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Redirect *redirect = user_data;

  soup_server_message_set_redirect (msg, redirect->status, redirect->location);
}

/* A server that answers with a redirection is not followed: the signed
 * request (a session token with it) goes nowhere else, over http or not. */
static void
test_redirect_not_followed (void)
{
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *address = dup_network_address ();
  g_autofree char *url = NULL;
  g_autofree char *elsewhere = NULL;
  static const guint statuses[] = { 301, 302, 303, 307, 308 };
  Listener listener = { 0 };
  Redirect redirect = { 0 };

  listener.listener = g_socket_listener_new ();
  listener.port = g_socket_listener_add_any_inet_port (listener.listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (listener.listener, NULL, accepted_cb, &listener);
  elsewhere = g_strdup_printf ("http://%s:%u/", address ? address : "127.0.0.1", listener.port);
  redirect.location = elsewhere;
  server = drso_test_server_new (FALSE, redirect_cb, &redirect, &url);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      gint64 until;

      redirect.status = statuses[i];
      g_test_message ("HTTP %u", statuses[i]);
      error = call_sts (client, url);
      g_assert_error (error, DRSO_AWS_ERROR, DRSO_AWS_ERROR_FAILED);
      g_assert_cmpuint (drso_aws_error_get_status (error), ==, statuses[i]);
      g_clear_error (&error);
      until = g_get_monotonic_time () + 100 * 1000;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (listener.connections, ==, 0);
    }

  g_socket_listener_close (listener.listener);
  g_clear_object (&listener.listener);
}

/* The region goes into AWS's host name: only a region name will do. */
static void
test_region_is_a_region (void)
{
  static const char * const regions[] = {
    "evil.example.com#", "us-east-1.evil.example.com/", "us-east-1@evil", "../us-east-1", "",
  };
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autoptr(DrsoAwsCredentials) credentials = test_credentials ();
      g_autoptr(DrsoAwsContext) context = drso_aws_context_new (client, NULL, regions[i], NULL,
                                                                credentials);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(DrsoCallerIdentity) identity = NULL;
      g_autoptr(GError) error = NULL;

      drso_sts_get_caller_identity_async (context, NULL, drso_test_done_cb, &result);
      identity = drso_sts_get_caller_identity_finish (context, drso_test_wait_for (&result),
                                                      &error);
      g_assert_null (identity);
      g_assert_error (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_INVALID_REGION);
    }
}

/* The Sandbox answers over plain http on loopback: allowed. */
static void
test_sandbox_on_loopback (void)
{
  g_autoptr(DrsoSandbox) sandbox = drso_test_sandbox_start (60.0, 3, 4);
  g_autoptr(DrsoAwsClient) client = drso_aws_client_new ();
  g_autoptr(DrsoStore) store = drso_test_open_store ();
  const char *url = drso_sandbox_get_url (sandbox);

  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  drso_aws_client_set_sandbox_url (client, url);
  drso_test_add_sandbox_accounts (store, sandbox);
  g_assert_cmpuint (drso_test_discover (store, client, DRSO_SANDBOX_ACCOUNT_ID), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_STS");
  g_unsetenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  g_setenv ("AWS_MAX_ATTEMPTS", "3", TRUE);

  g_test_add_func ("/security/endpoints/self-signed", test_self_signed);
  g_test_add_func ("/security/endpoints/account-endpoints", test_account_endpoints);
  g_test_add_func ("/security/endpoints/http-refused-before-connecting",
                   test_http_refused_before_connecting);
  g_test_add_func ("/security/endpoints/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/security/endpoints/region-is-a-region", test_region_is_a_region);
  g_test_add_func ("/security/endpoints/sandbox-on-loopback", test_sandbox_on_loopback);

  return g_test_run ();
}
