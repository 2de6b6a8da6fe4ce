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
gboolean   drso_cli_attach_plan  (DrsoCli          *cli,
                                  DrsoRecoveryPlan *plan,
                                  GError          **error);
void       drso_cli_print_json   (JsonNode      *node);
void       drso_cli_print_table  (GPtrArray     *rows);
void       drso_cli_add_row      (GPtrArray     *rows,
                                  ...) G_GNUC_NULL_TERMINATED;
void       drso_cli_print_fields (DrsoCli       *cli,
                                  JsonNode      *node);
void       drso_cli_print_document (DrsoCli     *cli,
                                    DrsoDocument *document);
void       drso_cli_print_gone   (DrsoCli       *cli,
                                  const char    *id_key,
                                  const char    *id,
                                  const char    *flag,
                                  const char    *message);
void       drso_cli_done_cb      (GObject       *source,
                                  GAsyncResult  *result,
                                  gpointer       user_data);
void       drso_cli_wait         (GAsyncResult **result);
gboolean   drso_cli_split_tag    (const char    *text,
                                  char         **key,
                                  char         **value);
char      *drso_cli_format_time  (gint64         seconds);
char      *drso_cli_resolve_server (DrsoStore   *store,
                                    const char  *text,
                                    GError     **error);
DrsoAccount *drso_cli_lookup_account (DrsoCli     *cli,
                                      const char  *id_or_name,
                                      GError     **error);
const char *drso_cli_account_region (DrsoAccount *account,
                                     const char  *region);
DrsoAwsContext *drso_cli_dup_context (DrsoCli     *cli,
                                      DrsoAccount *account,
                                      const char  *region,
                                      GError     **error);

/* Commands (drso-cli-plans.c) */
int        drso_cli_plans_list   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_show   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_export (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_import (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_readiness (DrsoCli *cli, int argc, char **argv);
int        drso_cli_groups_list  (DrsoCli *cli, int argc, char **argv);

/* drso-cli-plans-edit.c */
int        drso_cli_plans_create   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_update   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_delete   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_plans_validate (DrsoCli *cli, int argc, char **argv);

/* drso-cli-groups.c */
int        drso_cli_groups_create  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_groups_show    (DrsoCli *cli, int argc, char **argv);
int        drso_cli_groups_update  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_groups_delete  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_groups_resolve (DrsoCli *cli, int argc, char **argv);

/* drso-cli-accounts.c, drso-cli-validate.c, drso-cli-servers.c */
int        drso_cli_accounts_add     (DrsoCli *cli, int argc, char **argv);
int        drso_cli_accounts_list    (DrsoCli *cli, int argc, char **argv);
int        drso_cli_accounts_show    (DrsoCli *cli, int argc, char **argv);
int        drso_cli_accounts_update  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_accounts_remove  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_accounts_validate (DrsoCli *cli, int argc, char **argv);
int        drso_cli_servers_discover (DrsoCli *cli, int argc, char **argv);
int        drso_cli_servers_list     (DrsoCli *cli, int argc, char **argv);
int        drso_cli_servers_show     (DrsoCli *cli, int argc, char **argv);

/* drso-cli-drs.c */
int        drso_cli_drs_quotas       (DrsoCli *cli, int argc, char **argv);
int        drso_cli_drs_jobs         (DrsoCli *cli, int argc, char **argv);
int        drso_cli_drs_job_log      (DrsoCli *cli, int argc, char **argv);
DrsoAccount *drso_cli_pick_account   (DrsoCli     *cli,
                                      const char  *name,
                                      int         *status);

/* drso-cli-drs-instances.c */
int        drso_cli_drs_instances    (DrsoCli *cli, int argc, char **argv);
int        drso_cli_drs_launch_configuration (DrsoCli *cli, int argc, char **argv);

/* drso-cli-config.c */
int        drso_cli_config_show      (DrsoCli *cli, int argc, char **argv);
int        drso_cli_config_set       (DrsoCli *cli, int argc, char **argv);

/* drso-cli-executions.c */
int        drso_cli_executions_list   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_show   (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_events (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_delete (DrsoCli *cli, int argc, char **argv);
char      *drso_cli_resolve_execution (DrsoStore   *store,
                                       const char  *text,
                                       GError     **error);
void       drso_cli_print_execution   (DrsoCli       *cli,
                                       DrsoExecution *execution);

/* drso-cli-run.c */
int        drso_cli_executions_start  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_drive  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_pause  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_resume (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_cancel (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_retry  (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_skip_wave (DrsoCli *cli, int argc, char **argv);
int        drso_cli_executions_terminate (DrsoCli *cli, int argc, char **argv);

/* drso-cli-progress.c: what --wait shows while an execution runs */
typedef struct _DrsoCliProgress DrsoCliProgress;

DrsoCliProgress *drso_cli_progress_new    (DrsoStore        *store,
                                           DrsoEngine       *engine,
                                           const char       *execution_id,
                                           gboolean          auto_resume);
void             drso_cli_progress_set_quiet (DrsoCliProgress *self,
                                              gboolean         quiet);
DrsoExecutionStatus drso_cli_progress_run (DrsoCliProgress  *self);
const char      *drso_cli_progress_get_stall (DrsoCliProgress *self);
void             drso_cli_progress_free   (DrsoCliProgress  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DrsoCliProgress, drso_cli_progress_free)

/* drso-cli-sandbox.c */
int        drso_cli_sandbox          (DrsoCli *cli, int argc, char **argv);

G_END_DECLS
