/* drso-cli.h
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

#include <drso.h>

G_BEGIN_DECLS

/* Exit codes, as drso(1) documents them. */
typedef enum
{
  DRSO_EXIT_OK = 0,
  DRSO_EXIT_FAILED = 1,
  DRSO_EXIT_USAGE = 2,
  DRSO_EXIT_NOT_PERMITTED = 3,
  DRSO_EXIT_NOT_FOUND = 4,
  DRSO_EXIT_CONFLICT = 5,
} DrsoExit;

typedef enum
{
  DRSO_OUTPUT_TEXT,
  DRSO_OUTPUT_TABLE,
  DRSO_OUTPUT_JSON,
} DrsoOutput;

typedef struct
{
  DrsoOutput  output;
  DrsoStore   *store;    /* opened on first use */
  DrsoSandbox *sandbox;  /* the data folder's, when this process serves it */
} DrsoCli;

typedef int (*DrsoCommandFunc) (DrsoCli  *cli,
                                int       argc,
                                char    **argv);

typedef struct
{
  const char      *noun;
  const char      *verb;
  const char      *args;
  const char      *summary;
  DrsoCommandFunc  func;
} DrsoCommand;

DrsoStore *drso_cli_get_store    (DrsoCli       *cli,
                                  GError       **error);
int        drso_cli_fail         (const GError  *error);
int        drso_cli_usage        (const char    *format,
                                  ...) G_GNUC_PRINTF (1, 2);
gboolean   drso_cli_parse        (GOptionEntry  *entries,
                                  const char    *usage,
                                  int           *argc,
                                  char        ***argv,
                                  int           *exit_code);
gboolean   drso_cli_attach_sandbox (DrsoCli     *cli,
                                    const char  *account_id,
                                    GError     **error);
void       drso_cli_print_json   (JsonNode      *node);
void       drso_cli_print_table  (GPtrArray     *rows);

/* Commands (drso-cli-plans.c) */
int        drso_cli_plans_list   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_show   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_export (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_import (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_readiness (DrsoCli *cli, int argc, char **argv);
int        drso_cli_groups_list  (DrsoCli *cli, int argc, char **argv);

/* drso-cli-accounts.c, drso-cli-servers.c */
int        drso_cli_accounts_add     (DrsoCli *cli, int argc, char **argv);
int        drso_cli_accounts_list    (DrsoCli *cli, int argc, char **argv);
int        drso_cli_servers_discover (DrsoCli *cli, int argc, char **argv);
int        drso_cli_servers_list     (DrsoCli *cli, int argc, char **argv);

/* drso-cli-sandbox.c */
int        drso_cli_sandbox          (DrsoCli *cli, int argc, char **argv);

G_END_DECLS
