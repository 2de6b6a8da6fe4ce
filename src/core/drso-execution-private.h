/* drso-execution-private.h
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

#include "drso-run-private.h"

G_BEGIN_DECLS

/* Shared by drso-execution.c (the object) and drso-execution-json.c (its
 * JSON form). */
struct _DrsoExecution
{
  GObject parent_instance;

  char                *execution_id;
  char                *plan_id;
  char                *plan_name;
  char                *initiated_by;
  char                *initiated_by_arn;
  char               **errors;
  char               **warnings;
  GListStore          *wave_runs;
  gint64               start_time;
  gint64               end_time;
  guint                current_wave;
  guint                total_waves;
  DrsoExecutionType    execution_type;
  DrsoExecutionStatus  status;
  guint                instances_terminated : 1;
};

G_END_DECLS
