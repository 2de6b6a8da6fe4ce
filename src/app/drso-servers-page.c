/* drso-servers-page.c
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

#include "config.h"

#include "drso-servers-page.h"

struct _DrsoServersPage
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (DrsoServersPage, drso_servers_page, GTK_TYPE_WIDGET)

static void
drso_servers_page_class_init (DrsoServersPageClass *klass)
{
}

static void
drso_servers_page_init (DrsoServersPage *self)
{
}

GtkWidget *
drso_servers_page_new (void)
{
  return g_object_new (DRSO_TYPE_SERVERS_PAGE, NULL);
}
