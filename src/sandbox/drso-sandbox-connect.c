/* drso-sandbox-connect.c
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

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "drso-sandbox-private.h"

/* One Sandbox per data folder. The process that serves it holds an
 * exclusive lock on "sandbox.lock" and writes its URL there; any other
 * process finds the lock taken and reads the URL. The lock goes with the
 * process, so a Sandbox that died leaves the next caller free to start
 * one, which continues from "sandbox.db". */

#define LOCK_NAME  "sandbox.lock"
#define STATE_NAME "sandbox.db"

static void
close_lock (gpointer data)
{
  close (GPOINTER_TO_INT (data));
}

static char *
read_url (int      fd,
          GError **error)
{
  /* The server writes its URL right after taking the lock: wait for it. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      char buf[256];
      ssize_t n = pread (fd, buf, sizeof buf - 1, 0);

      if (n > 0)
        {
          buf[n] = '\0';
          g_strstrip (buf);
          if (g_str_has_prefix (buf, "http://127.0.0.1:"))
            return g_strdup (buf);
        }
      g_usleep (20 * 1000);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               _("Another program serves this data folder’s Sandbox but has not said where"));
  return NULL;
}

static gboolean
write_url (int          fd,
           const char  *url,
           GError     **error)
{
  g_autofree char *line = g_strconcat (url, "\n", NULL);
  gsize length = strlen (line);

  if (ftruncate (fd, 0) != 0 || pwrite (fd, line, length, 0) != (ssize_t) length ||
      fsync (fd) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot record the Sandbox’s address: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * drso_sandbox_connect:
 * @data_dir: the data folder whose Sandbox is wanted (the store's)
 * @time_scale: the time scale, if this call has to start the Sandbox
 * @started: (out) (transfer full) (nullable): the Sandbox this
 *   call started, which must be kept alive for as long as it should
 *   answer; %NULL when another process (or an earlier call) serves it
 * @error: return location for an error
 *
 * Finds the Sandbox of @data_dir, or starts it in this process (state in
 * @data_dir/sandbox.db, on a free port): programs that share a data folder
 * see one simulated region.
 *
 * Returns: (transfer full) (nullable): where the Sandbox answers
 */
char *
drso_sandbox_connect (const char   *data_dir,
                      double        time_scale,
                      DrsoSandbox **started,
                      GError      **error)
{
  g_autofree char *lock_path = NULL, *state_path = NULL;
  g_autoptr(DrsoSandbox) sandbox = NULL;
  int fd;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (time_scale >= 1.0, NULL);
  g_return_val_if_fail (started != NULL, NULL);

  *started = NULL;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the data folder %s: %s"), data_dir, g_strerror (saved));
      return NULL;
    }

  lock_path = g_build_filename (data_dir, LOCK_NAME, NULL);
  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot open %s: %s"), lock_path, g_strerror (saved));
      return NULL;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      char *url = read_url (fd, error);

      close (fd);
      return url;
    }

  state_path = g_build_filename (data_dir, STATE_NAME, NULL);
  sandbox = g_object_new (DRSO_TYPE_SANDBOX,
                          "state-file", state_path,
                          "time-scale", time_scale,
                          NULL);
  if (!drso_sandbox_start (sandbox, error) ||
      !write_url (fd, drso_sandbox_get_url (sandbox), error))
    {
      close (fd);
      return NULL;
    }

  /* The lock lives as long as the Sandbox. */
  g_object_set_data_full (G_OBJECT (sandbox), "drso-sandbox-lock", GINT_TO_POINTER (fd),
                          close_lock);
  *started = g_object_ref (sandbox);

  return g_strdup (drso_sandbox_get_url (sandbox));
}
