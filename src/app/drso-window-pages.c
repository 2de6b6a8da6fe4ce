/* drso-window-pages.c
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

#include "drso-accounts-page.h"
#include "drso-dashboard-page.h"
#include "drso-executions-page.h"
#include "drso-groups-page.h"
#include "drso-plans-page.h"
#include "drso-servers-page.h"
#include "drso-window-pages.h"

/* The page of each section, made from what the application shares; and
 * the window's actions (the empty states' buttons, the shortcuts) handed to
 * the page that does them. */

GtkWidget *
drso_window_pages_create (DrsoSection      section,
                          DrsoApplication *application)
{
  DrsoStore *store = drso_application_get_store (application);
  DrsoEngine *engine = drso_application_get_engine (application);
  DrsoAwsClient *client = drso_application_get_client (application);

  switch (section)
    {
    case DRSO_SECTION_DASHBOARD:
      return drso_dashboard_page_new (store, engine);
    case DRSO_SECTION_SERVERS:
      return drso_servers_page_new (store, client);
    case DRSO_SECTION_GROUPS:
      return drso_groups_page_new (store);
    case DRSO_SECTION_PLANS:
      return drso_plans_page_new (store, engine);
    case DRSO_SECTION_EXECUTIONS:
      return drso_executions_page_new (store, engine);
    case DRSO_SECTION_ACCOUNTS:
      return drso_accounts_page_new (store, client);
    case DRSO_N_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Maps the window's actions to the pages' own. */
static const struct {
  DrsoSection  section;
  const char  *window_action;
  const char  *page_action;
} forwards[] = {
  { DRSO_SECTION_SERVERS, "win.discover-servers", "servers.refresh" },
  { DRSO_SECTION_GROUPS, "win.new-group", "groups.new" },
  { DRSO_SECTION_PLANS, "win.new-plan", "plans.new" },
  { DRSO_SECTION_PLANS, "win.run-drill", NULL },
  { DRSO_SECTION_ACCOUNTS, "win.add-account", "accounts.add" },
};

/* Does @window_action on @page, which is @section's. Returns FALSE if the
 * action is not that section's. */
gboolean
drso_window_pages_forward (GtkWidget   *page,
                           DrsoSection  section,
                           const char  *window_action)
{
  for (guint i = 0; i < G_N_ELEMENTS (forwards); i++)
    {
      if (forwards[i].section != section ||
          g_strcmp0 (forwards[i].window_action, window_action) != 0)
        continue;
      if (forwards[i].page_action != NULL)
        gtk_widget_activate_action (page, forwards[i].page_action, NULL);
      return TRUE;
    }
  return FALSE;
}

void
drso_window_pages_show_execution (GtkWidget  *page,
                                  const char *execution_id)
{
  if (DRSO_IS_EXECUTIONS_PAGE (page))
    drso_executions_page_show_execution (DRSO_EXECUTIONS_PAGE (page), execution_id);
}

/* How many executions have not ended, for the sidebar's badge. */
guint
drso_window_pages_count_running (DrsoStore *store)
{
  GListModel *executions = drso_store_get_executions (store);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (executions); i++)
    {
      g_autoptr(DrsoExecution) execution = g_list_model_get_item (executions, i);

      if (!drso_execution_status_is_final (drso_execution_get_status (execution)))
        n++;
    }
  return n;
}
