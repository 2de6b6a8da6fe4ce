/* drso-application.h
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

#include <adwaita.h>
#include <drso.h>

G_BEGIN_DECLS

#define DRSO_TYPE_APPLICATION (drso_application_get_type ())

G_DECLARE_FINAL_TYPE (DrsoApplication, drso_application, DRSO, APPLICATION, AdwApplication)

DrsoApplication *drso_application_new              (void);
DrsoStore       *drso_application_get_store        (DrsoApplication *self);
const GError    *drso_application_get_store_error  (DrsoApplication *self);
DrsoEngine      *drso_application_get_engine       (DrsoApplication *self);
DrsoAwsClient   *drso_application_get_client       (DrsoApplication *self);
guint            drso_application_get_n_running    (DrsoApplication *self);

G_END_DECLS
