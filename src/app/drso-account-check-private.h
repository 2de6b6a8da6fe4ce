/* drso-account-check-private.h
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

#include "drso-account-check.h"

G_BEGIN_DECLS

/* Only the check writes its lines. */
DrsoAccountCheckLine *_drso_account_check_line_new (const char           *name,
                                                    const char           *title);
void                  _drso_account_check_line_set (DrsoAccountCheckLine *self,
                                                    DrsoCheckState        state,
                                                    const char           *detail);

G_END_DECLS
