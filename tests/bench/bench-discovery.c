/* bench-discovery.c
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

/* Discovery of a large estate by our DRS client: every page of
 * DescribeSourceServers from a running Sandbox, parsed into DrsoSourceServer
 * objects, as the app's discovery does. bench-sandbox-boto3.py runs it after
 * boto3's paginator over the same Sandbox, so both figures print together.
 *
 * Usage: bench-discovery [ENDPOINT [ROUNDS]]
 *
 * ENDPOINT defaults to $AWS_ENDPOINT_URL; the keys come from
 * $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY, else the Sandbox's own.
 * Prints the best of ROUNDS (default 3): pages, servers, seconds, servers
 * per second, and the peak RSS of this process. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drso-drs.h"
#include "drso-sandbox.h"

typedef struct
{
  GMainLoop *loop;
  GPtrArray *servers;
  GError    *error;
  guint      pages;
} Round;

static void
page_received_cb (DrsoAwsContext *context,
                  guint           n_items,
                  gpointer        user_data)
{
  Round *round = user_data;

  round->pages++;
}

static void
described_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Round *round = user_data;

  round->servers = drso_drs_describe_source_servers_finish (DRSO_AWS_CONTEXT (source), result,
                                                            &round->error);
  g_main_loop_quit (round->loop);
}

/* The peak RSS of this process image: VmHWM, which exec resets. Not
 * getrusage's ru_maxrss: Linux carries that over from the parent this
 * process was forked from (here a Python interpreter full of boto3). */
static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nVmHWM:")) != NULL)
    return g_ascii_strtod (line + strlen ("\nVmHWM:"), NULL) / 1024.0;   /* kB */
  return 0;
}

static const char *
env_or (const char *name,
        const char *fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' ? value : fallback;
}

int
main (int   argc,
      char *argv[])
{
  const char *endpoint = argc > 1 ? argv[1] : g_getenv ("AWS_ENDPOINT_URL");
  guint rounds = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 3;
  g_autoptr(DrsoAwsCredentials) credentials = NULL;
  g_autoptr(DrsoAwsClient) client = NULL;
  g_autoptr(DrsoAwsContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  double best = 0;
  guint pages = 0, servers = 0;

  if (endpoint == NULL || endpoint[0] == '\0' || rounds == 0)
    {
      g_printerr ("Usage: bench-discovery [ENDPOINT [ROUNDS]] (or set AWS_ENDPOINT_URL)\n");
      return 2;
    }

  credentials = drso_aws_credentials_new (env_or ("AWS_ACCESS_KEY_ID", DRSO_SANDBOX_ACCESS_KEY_ID),
                                          env_or ("AWS_SECRET_ACCESS_KEY",
                                                  DRSO_SANDBOX_SECRET_ACCESS_KEY),
                                          NULL, 0);
  /* One client for every round, as one boto3 client serves every round of
   * the Python side: its connections are reused. */
  client = drso_aws_client_new ();
  context = drso_aws_context_new (client, DRSO_SANDBOX_ACCOUNT_ID,
                                  env_or ("AWS_REGION", DRSO_SANDBOX_REGION), endpoint,
                                  credentials);
  loop = g_main_loop_new (NULL, FALSE);

  for (guint i = 0; i < rounds; i++)
    {
      Round round = { .loop = loop };
      gulong handler;
      gint64 start;
      double seconds;

      handler = g_signal_connect (context, "page-received", G_CALLBACK (page_received_cb), &round);
      start = g_get_monotonic_time ();
      drso_drs_describe_source_servers_async (context, NULL, described_cb, &round);
      g_main_loop_run (loop);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_signal_handler_disconnect (context, handler);

      if (round.servers == NULL)
        {
          g_printerr ("bench-discovery: DescribeSourceServers failed: %s\n", round.error->message);
          g_error_free (round.error);
          return 1;
        }
      if (best == 0 || seconds < best)
        best = seconds;
      pages = round.pages;
      servers = round.servers->len;
      g_ptr_array_unref (round.servers);
    }

  g_print ("%-24s pages %4u  servers %6u  seconds %7.3f  servers/s %8.0f  peak RSS %6.1f MiB\n",
           "drso DrsoAwsClient", pages, servers, best, servers / best, peak_rss_mib ());

  return 0;
}
