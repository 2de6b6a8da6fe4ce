/* drso-servers-page-discovery.c
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

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-servers-page-private.h"

/* Discovery from the source servers page: every account of the store, in
 * each of its regions, one after the other, with progress and a toast. */

typedef struct
{
  char  *account_id;
  char  *account_name;
  char  *region;          /* NULL: the account's default */
  guint  account_number;  /* from 1 */
} DiscoveryJob;

static void run_next_job (DrsoServersPage *self);

/* Helpers */

static void
discovery_job_free (gpointer data)
{
  DiscoveryJob *job = data;

  g_free (job->account_id);
  g_free (job->account_name);
  g_free (job->region);
  g_free (job);
}

static void
update_progress (DrsoServersPage *self)
{
  DiscoveryJob *job = g_ptr_array_index (self->jobs, self->job_index);
  DiscoveryJob *last = g_ptr_array_index (self->jobs, self->jobs->len - 1);
  guint found = self->discovery ? drso_discovery_get_servers_found (self->discovery) : 0;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *where = NULL;

  /* TRANSLATORS: while discovering source servers: the account being asked, of how many. */
  label = g_strdup_printf (_("Discovering… account %u of %u"), job->account_number,
                           last->account_number);
  if (job->region != NULL)
    /* TRANSLATORS: the account and region being discovered, as in "Production · us-east-1". */
    where = g_strdup_printf (_("%s · %s"), job->account_name, job->region);
  else
    where = g_strdup (job->account_name);
  if (found > 0)
    /* TRANSLATORS: the account and region being discovered, then how many servers
     * its pages held so far, as in "Production · us-east-1 · 1000 found". */
    detail = g_strdup_printf (ngettext ("%s · %u found", "%s · %u found", found), where, found);
  else
    detail = g_steal_pointer (&where);

  gtk_label_set_text (self->progress_label, label);
  gtk_label_set_text (self->progress_detail_label, detail);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (double) self->job_index / (double) self->jobs->len);
}

static void
servers_found_cb (DrsoServersPage *self)
{
  if (self->stack != NULL && self->jobs != NULL && self->job_index < self->jobs->len)
    update_progress (self);
}

static void
finish_discovery (DrsoServersPage *self,
                  gboolean         cancelled)
{
  guint n_succeeded = self->n_succeeded;
  guint n_found = self->n_found;

  g_clear_object (&self->discovery);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  _drso_servers_page_set_discovering (self, FALSE);

  if (!cancelled && n_succeeded > 0 && self->stack != NULL)
    {
      /* TRANSLATORS: a toast when discovery is over: how many source servers it found. */
      g_autofree char *message = g_strdup_printf (ngettext ("Found %u server",
                                                            "Found %u servers", n_found),
                                                  n_found);

      _drso_servers_page_emit_toast (self, message);
    }
}

static void
discovery_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DrsoServersPage) self = user_data;
  DrsoDiscovery *discovery = DRSO_DISCOVERY (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_servers = 0;
  DiscoveryJob *job;

  if (!drso_discovery_run_finish (discovery, result, &n_servers, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
        {
          finish_discovery (self, TRUE);
          return;
        }

      job = g_ptr_array_index (self->jobs, self->job_index);
      if (job->region != NULL)
        /* TRANSLATORS: a toast: the account, its region, and why discovery failed there. */
        message = g_strdup_printf (_("Could not discover the servers of %s in %s: %s"),
                                   job->account_name, job->region, error->message);
      else
        /* TRANSLATORS: a toast: the account, and why discovery failed there. */
        message = g_strdup_printf (_("Could not discover the servers of %s: %s"),
                                   job->account_name, error->message);
      _drso_servers_page_emit_toast (self, message);
    }
  else
    {
      self->n_found += n_servers;
      self->n_succeeded++;
    }

  g_clear_object (&self->discovery);
  self->job_index++;
  run_next_job (self);
}

static void
run_next_job (DrsoServersPage *self)
{
  DiscoveryJob *job;

  if (self->job_index >= self->jobs->len || self->stack == NULL)
    {
      finish_discovery (self, self->stack == NULL);
      return;
    }

  job = g_ptr_array_index (self->jobs, self->job_index);
  self->discovery = drso_discovery_new (self->store, job->account_id, job->region, self->client);
  g_signal_connect_object (self->discovery, "notify::servers-found",
                           G_CALLBACK (servers_found_cb), self, G_CONNECT_SWAPPED);
  update_progress (self);
  drso_discovery_run_async (self->discovery, self->cancellable, discovery_done_cb,
                            g_object_ref (self));
}

/* One job per account and region; an account without regions is discovered
 * in its default region. */
static GPtrArray *
list_jobs (DrsoServersPage *self)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func (discovery_job_free);
  guint n = g_list_model_get_n_items (self->accounts);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoAccount) account = g_list_model_get_item (self->accounts, i);
      const char * const *regions = drso_account_get_regions (account);
      const char *name = drso_account_get_account_name (account);
      guint n_regions = regions ? g_strv_length ((char **) regions) : 0;

      for (guint j = 0; j < MAX (n_regions, 1); j++)
        {
          DiscoveryJob *job = g_new0 (DiscoveryJob, 1);

          job->account_id = g_strdup (drso_account_get_account_id (account));
          job->account_name = g_strdup (name && name[0] ? name : job->account_id);
          job->region = g_strdup (n_regions > 0 ? regions[j]
                                                : drso_account_get_default_region (account));
          job->account_number = i + 1;
          g_ptr_array_add (jobs, job);
        }
    }
  return jobs;
}

/* Internal API */

void
_drso_servers_page_set_discovering (DrsoServersPage *self,
                                    gboolean         discovering)
{
  if (self->stack != NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "servers.refresh",
                                     !discovering && self->store != NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "servers.cancel", discovering);
      gtk_revealer_set_reveal_child (self->progress_revealer, discovering);
      gtk_spinner_set_spinning (self->progress_spinner, discovering);
    }
  _drso_servers_page_notify_discovering (self);
}

void
_drso_servers_page_start_discovery (DrsoServersPage *self)
{
  g_autoptr(GPtrArray) jobs = NULL;

  if (self->store == NULL || self->jobs != NULL)
    return;

  jobs = list_jobs (self);
  if (jobs->len == 0)
    {
      _drso_servers_page_emit_toast (self, _("Add an account first: discovery looks for "
                                             "servers in your accounts"));
      return;
    }

  self->jobs = g_steal_pointer (&jobs);
  self->job_index = 0;
  self->n_found = 0;
  self->n_succeeded = 0;
  self->cancellable = g_cancellable_new ();
  _drso_servers_page_set_discovering (self, TRUE);
  run_next_job (self);
}

void
_drso_servers_page_cancel_discovery (DrsoServersPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
