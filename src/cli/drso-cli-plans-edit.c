/* drso-cli-plans-edit.c
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

#define G_LOG_DOMAIN "drso-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-cli.h"

/* drso plans create|update|delete|validate. */

typedef struct
{
  char    *name;
  char    *description;
  char   **waves;
  gint64   rpo;
  gint64   rto;
  char   **optional;
  char   **critical;
  char   **pins;
  char   **unpins;
} PlanOptions;

static void
plan_options_clear (PlanOptions *options)
{
  g_free (options->name);
  g_free (options->description);
  g_strfreev (options->waves);
  g_strfreev (options->optional);
  g_strfreev (options->critical);
  g_strfreev (options->pins);
  g_strfreev (options->unpins);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanOptions, plan_options_clear)

/* "NAME:GROUP[,GROUP…][:pause]", groups by name or id. */
static DrsoWave *
parse_wave (DrsoStore   *store,
            const char  *spec,
            int         *status)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", -1);
  g_auto(GStrv) groups = NULL;
  g_autoptr(DrsoWave) wave = NULL;
  guint n = g_strv_length (parts);

  if (n < 2 || n > 3 || (n == 3 && !g_str_equal (parts[2], "pause")) || *parts[1] == '\0')
    {
      *status = drso_cli_usage (_("--wave takes NAME:GROUP[,GROUP…][:pause], not “%s”"), spec);
      return NULL;
    }

  wave = drso_wave_new (parts[0]);
  drso_wave_set_pause_before_wave (wave, n == 3);
  groups = g_strsplit (parts[1], ",", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DrsoProtectionGroup) group =
        drso_store_lookup_protection_group (store, g_strstrip (groups[i]), &error);

      if (group == NULL)
        {
          *status = drso_cli_fail (error);
          return NULL;
        }
      drso_wave_add_protection_group_id (wave, drso_protection_group_get_group_id (group));
    }
  return g_steal_pointer (&wave);
}

static gboolean
set_criticality (DrsoStore             *store,
                 DrsoRecoveryPlan      *plan,
                 char                 **servers,
                 DrsoServerCriticality  criticality,
                 int                   *status)
{
  for (guint i = 0; servers != NULL && servers[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = drso_cli_resolve_server (store, servers[i], &error);

      if (id == NULL)
        {
          *status = drso_cli_fail (error);
          return FALSE;
        }
      drso_recovery_plan_set_server_criticality (plan, id, criticality);
    }
  return TRUE;
}

static gboolean
apply_options (DrsoStore        *store,
               DrsoRecoveryPlan *plan,
               PlanOptions      *options,
               int              *status)
{
  if (options->name != NULL)
    drso_document_set_name (DRSO_DOCUMENT (plan), options->name);
  if (options->description != NULL)
    drso_recovery_plan_set_description (plan, options->description);
  if (options->rpo >= 0)
    drso_recovery_plan_set_rpo_target (plan, (guint) options->rpo);
  if (options->rto >= 0)
    drso_recovery_plan_set_rto_target (plan, (guint) options->rto);

  if (options->waves != NULL)
    {
      g_autoptr(GPtrArray) waves = g_ptr_array_new_with_free_func (g_object_unref);

      /* Read them all before the old ones go. */
      for (guint i = 0; options->waves[i] != NULL; i++)
        {
          DrsoWave *wave = parse_wave (store, options->waves[i], status);

          if (wave == NULL)
            return FALSE;
          g_ptr_array_add (waves, wave);
        }
      for (guint n = drso_recovery_plan_get_n_waves (plan); n > 0; n--)
        drso_recovery_plan_remove_wave (plan, n);
      for (guint i = 0; i < waves->len; i++)
        drso_recovery_plan_append_wave (plan, g_ptr_array_index (waves, i));
    }

  if (!set_criticality (store, plan, options->optional, DRSO_SERVER_CRITICALITY_OPTIONAL,
                        status) ||
      !set_criticality (store, plan, options->critical, DRSO_SERVER_CRITICALITY_CRITICAL,
                        status))
    return FALSE;

  for (guint i = 0; options->pins != NULL && options->pins[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *server = NULL, *snapshot = NULL, *id = NULL;

      if (!drso_cli_split_tag (options->pins[i], &server, &snapshot) || *snapshot == '\0')
        {
          *status = drso_cli_usage (_("--pin takes SERVER=pit-…, not “%s”"), options->pins[i]);
          return FALSE;
        }
      if (!drso_validate_recovery_snapshot_id (snapshot, &error) ||
          (id = drso_cli_resolve_server (store, server, &error)) == NULL)
        {
          *status = drso_cli_fail (error);
          return FALSE;
        }
      drso_recovery_plan_set_server_snapshot (plan, id, snapshot);
    }
  for (guint i = 0; options->unpins != NULL && options->unpins[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = drso_cli_resolve_server (store, options->unpins[i], &error);

      if (id == NULL)
        {
          *status = drso_cli_fail (error);
          return FALSE;
        }
      drso_recovery_plan_set_server_snapshot (plan, id, NULL);
    }
  return TRUE;
}

static int
create_or_update (DrsoCli  *cli,
                  int       argc,
                  char    **argv,
                  gboolean  create)
{
  g_auto(PlanOptions) options = { .rpo = -1, .rto = -1 };
  GOptionEntry entries[] = {
    { "name", 0, create ? G_OPTION_FLAG_HIDDEN : 0, G_OPTION_ARG_STRING, &options.name,
      N_("A new name"), N_("NAME") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &options.description,
      N_("What the plan is for"), N_("TEXT") },
    { "wave", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.waves,
      N_("A wave: its name, its protection groups, and “pause” to wait for approval before "
         "it (repeat in order; they replace the plan's waves)"),
      N_("NAME:GROUP[,GROUP…][:pause]") },
    { "rpo", 0, 0, G_OPTION_ARG_INT64, &options.rpo,
      N_("The recovery point objective in seconds (0 for none)"), N_("SECONDS") },
    { "rto", 0, 0, G_OPTION_ARG_INT64, &options.rto,
      N_("The recovery time objective in seconds (0 for none)"), N_("SECONDS") },
    { "optional", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.optional,
      N_("A server whose failure does not fail its wave (repeat for more)"), N_("SERVER") },
    { "critical", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.critical,
      N_("A server whose failure fails its wave, the default (repeat for more)"),
      N_("SERVER") },
    { "pin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.pins,
      N_("Recover a server from this point-in-time snapshot (repeat for more)"),
      N_("SERVER=pit-…") },
    { "unpin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.unpins,
      N_("Recover a server from its latest snapshot again (repeat for more)"), N_("SERVER") },
    { NULL }
  };
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, create ? "NAME" : "PLAN", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (create ? _("Give the name of the new recovery plan")
                                  : _("Name one recovery plan, by name or id"));
  if (create && options.name != NULL)
    return drso_cli_usage (_("The name of a new plan comes after “create”, not in --name"));
  if (options.rpo < -1 || options.rpo > G_MAXUINT || options.rto < -1 || options.rto > G_MAXUINT)
    return drso_cli_usage (_("--rpo and --rto take a number of seconds, 0 or more"));
  if (!create && options.name == NULL && options.description == NULL && options.waves == NULL &&
      options.rpo < 0 && options.rto < 0 && options.optional == NULL &&
      options.critical == NULL && options.pins == NULL && options.unpins == NULL)
    return drso_cli_usage (_("Say what to change: --name, --description, --wave, --rpo, --rto, "
                             "--optional, --critical, --pin or --unpin"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL)
    return drso_cli_fail (error);
  if (create)
    plan = drso_recovery_plan_new (argv[1]);
  else if ((plan = drso_store_lookup_recovery_plan (store, argv[1], &error)) == NULL)
    return drso_cli_fail (error);

  if (!apply_options (store, plan, &options, &status))
    return status;
  if (create ? !drso_store_create_recovery_plan (store, plan, &error)
             : !drso_store_update_recovery_plan (store, plan, &error))
    return drso_cli_fail (error);

  if (cli->output == DRSO_OUTPUT_JSON)
    drso_cli_print_document (cli, DRSO_DOCUMENT (plan));
  else
    g_print (create ? _("Created the recovery plan %s (%s)\n")
                    : _("Updated the recovery plan %s (%s)\n"),
             drso_recovery_plan_get_plan_name (plan), drso_recovery_plan_get_plan_id (plan));
  return DRSO_EXIT_OK;
}

int
drso_cli_plans_create (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  return create_or_update (cli, argc, argv, TRUE);
}

int
drso_cli_plans_update (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  return create_or_update (cli, argc, argv, FALSE);
}

int
drso_cli_plans_delete (DrsoCli  *cli,
                       int       argc,
                       char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "PLAN", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one recovery plan, by name or id"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL ||
      (plan = drso_store_lookup_recovery_plan (store, argv[1], &error)) == NULL ||
      !drso_store_delete_recovery_plan (store, drso_recovery_plan_get_plan_id (plan), &error))
    return drso_cli_fail (error);

  message = g_strdup_printf (_("Deleted the recovery plan %s (%s)"),
                             drso_recovery_plan_get_plan_name (plan),
                             drso_recovery_plan_get_plan_id (plan));
  drso_cli_print_gone (cli, "planId", drso_recovery_plan_get_plan_id (plan), "deleted", message);
  return DRSO_EXIT_OK;
}

static void
add_problem (GPtrArray  *problems,
             const char *message)
{
  if (!g_ptr_array_find_with_equal_func (problems, message, g_str_equal, NULL))
    g_ptr_array_add (problems, g_strdup (message));
}

int
drso_cli_plans_validate (DrsoCli  *cli,
                         int       argc,
                         char    **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GListModel *waves;
  DrsoStore *store;
  int status;

  if (!drso_cli_parse (entries, "PLAN", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return drso_cli_usage (_("Name one recovery plan, by name or id"));

  store = drso_cli_get_store (cli, &error);
  if (store == NULL || (plan = drso_store_lookup_recovery_plan (store, argv[1], &error)) == NULL)
    return drso_cli_fail (error);

  /* The store's verdict names the first problem; the groups of each wave
   * name the others it would find once that one is fixed. */
  if (!drso_store_validate_recovery_plan (store, plan, &error))
    {
      add_problem (problems, error->message);
      g_clear_error (&error);
    }
  waves = drso_recovery_plan_get_waves (plan);
  for (guint i = 0; i < g_list_model_get_n_items (waves); i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      const char * const *ids = drso_wave_get_protection_group_ids (wave);

      for (guint j = 0; ids[j] != NULL; j++)
        {
          g_autoptr(DrsoProtectionGroup) group =
            drso_store_lookup_protection_group (store, ids[j], &error);

          if (group == NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("Wave %u names the protection group %s, which does not "
                                   "exist"), drso_wave_get_wave_number (wave), ids[j]);
              add_problem (problems, message);
              g_clear_error (&error);
            }
        }
    }

  if (cli->output == DRSO_OUTPUT_JSON)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();

      json_node_take_object (node, object);
      json_object_set_string_member (object, "planId", drso_recovery_plan_get_plan_id (plan));
      json_object_set_string_member (object, "planName", drso_recovery_plan_get_plan_name (plan));
      json_object_set_boolean_member (object, "valid", problems->len == 0);
      for (guint i = 0; i < problems->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (problems, i));
      json_object_set_array_member (object, "problems", array);
      drso_cli_print_json (node);
    }
  else if (problems->len == 0)
    g_print (_("%s is valid\n"), drso_recovery_plan_get_plan_name (plan));
  else
    for (guint i = 0; i < problems->len; i++)
      g_print ("✗ %s\n", (char *) g_ptr_array_index (problems, i));

  if (problems->len > 0)
    {
      g_printerr (g_dngettext (NULL, "drso: %s is not valid: %u problem\n",
                               "drso: %s is not valid: %u problems\n", problems->len),
                  drso_recovery_plan_get_plan_name (plan), problems->len);
      return DRSO_EXIT_FAILED;
    }
  return DRSO_EXIT_OK;
}
