/* drso-account-check.h
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

/**
 * DrsoCheckState:
 * @DRSO_CHECK_STATE_PENDING: not started yet
 * @DRSO_CHECK_STATE_RUNNING: waiting for AWS's answer
 * @DRSO_CHECK_STATE_OK: it works
 * @DRSO_CHECK_STATE_FAILED: it does not work; the detail says why
 * @DRSO_CHECK_STATE_SKIPPED: not tried, because an earlier step failed
 *
 * Where one line of an account check stands.
 */
typedef enum
{
  DRSO_CHECK_STATE_PENDING,
  DRSO_CHECK_STATE_RUNNING,
  DRSO_CHECK_STATE_OK,
  DRSO_CHECK_STATE_FAILED,
  DRSO_CHECK_STATE_SKIPPED,
} DrsoCheckState;

#define DRSO_TYPE_ACCOUNT_CHECK_LINE (drso_account_check_line_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAccountCheckLine, drso_account_check_line, DRSO, ACCOUNT_CHECK_LINE,
                      GObject)

const char     *drso_account_check_line_get_name   (DrsoAccountCheckLine *self);
const char     *drso_account_check_line_get_title  (DrsoAccountCheckLine *self);
DrsoCheckState  drso_account_check_line_get_state  (DrsoAccountCheckLine *self);
const char     *drso_account_check_line_get_detail (DrsoAccountCheckLine *self);
GtkWidget      *drso_account_check_line_row_new    (DrsoAccountCheckLine *self);

#define DRSO_TYPE_ACCOUNT_CHECK (drso_account_check_get_type ())

G_DECLARE_FINAL_TYPE (DrsoAccountCheck, drso_account_check, DRSO, ACCOUNT_CHECK, GObject)

DrsoAccountCheck *drso_account_check_new         (DrsoAwsClient       *client,
                                                  DrsoAccount         *account,
                                                  DrsoAccount         *base_account,
                                                  DrsoAwsCredentials  *base_credentials);
DrsoAccount      *drso_account_check_get_account (DrsoAccountCheck    *self);
GListModel       *drso_account_check_get_lines   (DrsoAccountCheck    *self);
DrsoAccountCheckLine *drso_account_check_find_line (DrsoAccountCheck  *self,
                                                    const char        *name);
gboolean          drso_account_check_get_running (DrsoAccountCheck    *self);
guint             drso_account_check_get_n_failed (DrsoAccountCheck   *self);
void              drso_account_check_run_async   (DrsoAccountCheck    *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean          drso_account_check_run_finish  (DrsoAccountCheck    *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
