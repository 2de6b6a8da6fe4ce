/* drso-account-dialog-private.h
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

#include "drso-account-dialog.h"

G_BEGIN_DECLS

/* Shared by drso-account-dialog.c (the window), drso-account-dialog-form.c
 * (the fields) and drso-account-dialog-save.c (validating and saving). */

/* The choices of the "Sign In With" row, in its order. */
typedef enum
{
  DRSO_SIGN_IN_PROFILE,
  DRSO_SIGN_IN_KEYS,
  DRSO_SIGN_IN_ROLE,
  DRSO_SIGN_IN_ENVIRONMENT,
  DRSO_SIGN_IN_SIMULATED,   /* only offered for a simulated account */
} DrsoSignIn;

struct _DrsoAccountDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkScrolledWindow   *scrolled_window;
  AdwEntryRow         *account_id_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *regions_row;
  GtkLabel            *account_error_label;
  AdwComboRow         *method_row;
  AdwComboRow         *profile_row;
  AdwEntryRow         *access_key_row;
  AdwPasswordEntryRow *secret_row;
  AdwComboRow         *source_row;
  AdwEntryRow         *role_arn_row;
  AdwEntryRow         *external_id_row;
  GtkLabel            *method_label;
  GtkLabel            *credentials_error_label;
  AdwPreferencesGroup *advanced_group;
  AdwEntryRow         *endpoint_row;
  GtkButton           *validate_button;
  GtkListBox          *check_list;
  GtkLabel            *validation_label;

  /* Owned references */
  DrsoStore           *store;
  DrsoAwsClient       *client;
  DrsoAccount         *account;        /* the account edited; NULL to add one */
  GPtrArray           *sources;        /* DrsoAccount, the choices of source_row */
  DrsoAccountCheck    *check;
  DrsoAwsCredentials  *saved_keys;     /* the edited account's keys in the keyring */
  DrsoAccount         *pending;        /* the account being saved */
  GCancellable        *cancellable;
  char                *config_path;
  char                *config_error;   /* why the AWS config files could not be read */

  guint                changes;          /* counts the edits of the form */
  guint                checked_changes;  /* the count when the last check started */

  guint                form_valid : 1;
  guint                check_current : 1;   /* the last check is of the form as it is */
  guint                save_after_check : 1;
  guint                save_anyway : 1;
  guint                saving : 1;
  guint                keys_written : 1;    /* this save put keys in the keyring */
  guint                filling : 1;
};

void         _drso_account_dialog_fill             (DrsoAccountDialog *self);
DrsoSignIn   _drso_account_dialog_get_sign_in      (DrsoAccountDialog *self);
DrsoAccount *_drso_account_dialog_get_source       (DrsoAccountDialog *self);
DrsoAccount *_drso_account_dialog_build_account    (DrsoAccountDialog *self);
void         _drso_account_dialog_update           (DrsoAccountDialog *self);
void         _drso_account_dialog_start_check      (DrsoAccountDialog *self,
                                                    gboolean           then_save);
void         _drso_account_dialog_save_clicked_cb  (DrsoAccountDialog *self);
void         _drso_account_dialog_emit_saved       (DrsoAccountDialog *self,
                                                    DrsoAccount       *account);

G_END_DECLS
