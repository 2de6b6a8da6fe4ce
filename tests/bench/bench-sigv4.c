/* bench-sigv4.c
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

/* Signatures per second of our SigV4 signer on a DescribeSourceServers call.
 * Compare with bench-sigv4-botocore.py, which does the same with botocore.
 *
 * Usage: bench-sigv4 [ITERATIONS] */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "drso-sigv4-private.h"

#define BODY  "{\"maxResults\":100}"
#define TOKEN "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

static const DrsoSigv4Credentials creds = {
  "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", TOKEN,
};

static DrsoSigv4Request *
new_request (void)
{
  DrsoSigv4Request *req = drso_sigv4_request_new ("POST", "/DescribeSourceServers", NULL);

  drso_sigv4_request_add_header (req, "Host", "drs.us-east-1.amazonaws.com");
  drso_sigv4_request_add_header (req, "Content-Type", "application/json");
  drso_sigv4_request_set_payload (req, BODY, strlen (BODY));

  return req;
}

static void
sign_now (DrsoSigv4Request *req)
{
  DrsoSigv4Options opts;

  drso_sigv4_options_init (&opts, "us-east-1", "drs", g_get_real_time () / G_USEC_PER_SEC);
  drso_sigv4_sign (req, &creds, &opts);
}

static double
run (guint    iterations,
     gboolean build_each_time)
{
  g_autoptr(DrsoSigv4Request) reused = new_request ();
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < iterations; i++)
    {
      if (build_each_time)
        {
          g_autoptr(DrsoSigv4Request) req = new_request ();

          sign_now (req);
        }
      else
        {
          sign_now (reused);
        }
    }

  return iterations / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  guint iterations = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 300000;
  double best_build = 0, best_resign = 0;

  run (iterations / 10, TRUE);   /* warm up */
  for (guint round = 0; round < 3; round++)
    {
      best_build = MAX (best_build, run (iterations, TRUE));
      best_resign = MAX (best_resign, run (iterations, FALSE));
    }

  g_print ("drso SigV4, POST /DescribeSourceServers with a session token, best of 3 x %u:\n",
           iterations);
  g_print ("  new request + sign: %.0f signatures/s\n", best_build);
  g_print ("  sign again:         %.0f signatures/s\n", best_resign);

  drso_sigv4_clear_key_cache ();

  return 0;
}
