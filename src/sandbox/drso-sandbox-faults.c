/* drso-sandbox-faults.c
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

#define G_LOG_DOMAIN "drso-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "drso-sandbox-private.h"

/* The fault spec of the Sandbox: comma-separated KEY=VALUE settings, read
 * from the command line (--faults) and the "faults" property. */

static gboolean
parse_rate (const char  *key,
            const char  *value,
            double      *out,
            GError     **error)
{
  char *end = NULL;
  double rate = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !(rate >= 0.0 && rate <= 1.0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The fault “%s” needs a rate between 0 and 1, not “%s”"), key, value);
      return FALSE;
    }
  *out = rate;
  return TRUE;
}

static gboolean
parse_ms (const char  *text,
          guint       *out)
{
  guint64 ms;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 600000, &ms, NULL))
    return FALSE;
  *out = (guint) ms;
  return TRUE;
}

static gboolean
parse_latency (const char         *value,
               DrsoSandboxFaults  *faults,
               GError            **error)
{
  g_auto(GStrv) bounds = g_strsplit (value, "-", 3);
  guint n = g_strv_length (bounds);

  if ((n == 1 && parse_ms (bounds[0], &faults->latency_min_ms)) ||
      (n == 2 && parse_ms (bounds[0], &faults->latency_min_ms) &&
       parse_ms (bounds[1], &faults->latency_max_ms)))
    {
      if (n == 1)
        faults->latency_max_ms = faults->latency_min_ms;
      if (faults->latency_min_ms <= faults->latency_max_ms)
        return TRUE;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The fault “latency” needs milliseconds as MIN-MAX or a single number "
                 "(at most 600000), not “%s”"), value);
  return FALSE;
}

static char **
parse_servers (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, ":", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

/**
 * drso_sandbox_faults_parse:
 * @spec: (nullable): the spec; %NULL or "" for none
 *
 * Reads @spec into @faults, which it resets first. On error @faults is left
 * cleared.
 */
gboolean
drso_sandbox_faults_parse (const char         *spec,
                           DrsoSandboxFaults  *faults,
                           GError            **error)
{
  g_auto(GStrv) items = NULL;

  drso_sandbox_faults_clear (faults);
  if (spec == NULL)
    return TRUE;

  items = g_strsplit (spec, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);
      char *eq = strchr (item, '=');
      const char *key = item, *value;
      gboolean ok;

      if (*item == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The fault “%s” needs a value (KEY=VALUE)"), item);
          drso_sandbox_faults_clear (faults);
          return FALSE;
        }
      *eq = '\0';
      value = eq + 1;

      if (g_str_equal (key, "throttle"))
        ok = parse_rate (key, value, &faults->throttle_rate, error);
      else if (g_str_equal (key, "5xx"))
        ok = parse_rate (key, value, &faults->error_rate, error);
      else if (g_str_equal (key, "drop"))
        ok = parse_rate (key, value, &faults->drop_rate, error);
      else if (g_str_equal (key, "latency"))
        ok = parse_latency (value, faults, error);
      else if (g_str_equal (key, "fail"))
        {
          g_strfreev (faults->failing_servers);
          faults->failing_servers = parse_servers (value);
          ok = TRUE;
        }
      else if (g_str_equal (key, "stall"))
        {
          g_strfreev (faults->stalling_servers);
          faults->stalling_servers = parse_servers (value);
          ok = TRUE;
        }
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Unknown fault “%s”: the faults are throttle, 5xx, drop, latency, "
                         "fail and stall"), key);
          ok = FALSE;
        }

      if (!ok)
        {
          drso_sandbox_faults_clear (faults);
          return FALSE;
        }
    }
  return TRUE;
}

static void
append_rate (GString    *str,
             const char *key,
             double      rate)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (rate <= 0.0)
    return;
  g_string_append_printf (str, "%s%s=%s", str->len ? "," : "", key,
                          g_ascii_formatd (buf, sizeof buf, "%g", rate));
}

static void
append_servers (GString            *str,
                const char         *key,
                const char * const *servers)
{
  g_autofree char *joined = NULL;

  if (servers == NULL || servers[0] == NULL)
    return;
  joined = g_strjoinv (":", (char **) servers);
  g_string_append_printf (str, "%s%s=%s", str->len ? "," : "", key, joined);
}

/* The spec of @faults in a canonical form ("" for none). */
char *
drso_sandbox_faults_to_string (const DrsoSandboxFaults *faults)
{
  GString *str = g_string_new (NULL);

  append_rate (str, "throttle", faults->throttle_rate);
  append_rate (str, "5xx", faults->error_rate);
  append_rate (str, "drop", faults->drop_rate);
  if (faults->latency_max_ms > 0)
    g_string_append_printf (str, "%slatency=%u-%u", str->len ? "," : "",
                            faults->latency_min_ms, faults->latency_max_ms);
  append_servers (str, "fail", (const char * const *) faults->failing_servers);
  append_servers (str, "stall", (const char * const *) faults->stalling_servers);

  return g_string_free (str, FALSE);
}

void
drso_sandbox_faults_clear (DrsoSandboxFaults *faults)
{
  g_clear_pointer (&faults->failing_servers, g_strfreev);
  g_clear_pointer (&faults->stalling_servers, g_strfreev);
  memset (faults, 0, sizeof *faults);
}
