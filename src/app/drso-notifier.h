/* drso-notifier.h
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

#pragma once

#include <gio/gio.h>
#include <drso.h>

G_BEGIN_DECLS

#define DRSO_TYPE_NOTIFIER (drso_notifier_get_type ())

G_DECLARE_FINAL_TYPE (DrsoNotifier, drso_notifier, DRSO, NOTIFIER, GObject)

DrsoNotifier *drso_notifier_new (GApplication *application,
                                 DrsoStore    *store,
                                 DrsoEngine   *engine,
                                 GSettings    *settings);

G_END_DECLS
