/* drso-plan-designer-draft.c
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

#define G_LOG_DOMAIN "drso-app"

#include "config.h"

#include <glib/gi18n.h>

#include "drso-plan-designer-private.h"

/* The draft the designer edits: what is wrong with it, the header that sums
 * it up, and saving it to the store after each change that leaves it valid
 * (text edits after a short pause). */

/* How long typing in a name or a target may go on before the draft is
 * saved; structural changes (a wave, a group, a gate) are saved at once. */
#define SAVE_DELAY_MS 600

/* The actions that change the plan (see drso-plan-designer-edit.c). */
static const char * const edit_actions[] = {
  "designer.add-wave", "designer.delete-wave", "designer.move-wave-left",
  "designer.move-wave-right", "designer.move-group-previous", "designer.move-group-next",
  "designer.add-group", "designer.remove-group",
};

/* Helpers */

void
_drso_plan_problem_free (gpointer data)
{
  DrsoPlanProblem *problem = data;

  g_free (problem->group_id);
  g_free (problem->message);
  g_free (problem);
}

void
_drso_plan_wave_column_free (gpointer data)
{
  g_free (data);
}

void
_drso_plan_group_card_free (gpointer data)
{
  DrsoPlanGroupCard *card = data;

  g_free (card->group_id);
  g_free (card);
}

static DrsoPlanProblem *
add_problem (DrsoPlanDesigner *self,
             guint             wave_number,
             const char       *group_id,
             char             *message)
{
  DrsoPlanProblem *problem = g_new0 (DrsoPlanProblem, 1);

  problem->wave_number = wave_number;
  problem->group_id = g_strdup (group_id);
  problem->message = message;
  g_ptr_array_add (self->problems, problem);
  return problem;
}

static gboolean
has_problem_message (DrsoPlanDesigner *self,
                     const char       *message)
{
  for (guint i = 0; i < self->problems->len; i++)
    {
      DrsoPlanProblem *problem = g_ptr_array_index (self->problems, i);

      if (g_strcmp0 (problem->message, message) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Finds what is wrong with the draft, placed on the wave or the group it
 * concerns where it can be; the store's own check comes last, for what the
 * designer does not check itself (a name another plan has). */
void
_drso_plan_designer_validate (DrsoPlanDesigner *self)
{
  GListModel *waves = drso_recovery_plan_get_waves (self->plan);
  guint n = g_list_model_get_n_items (waves);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (self->problems, 0);

  if (!drso_validate_name (_("recovery plan"), drso_recovery_plan_get_plan_name (self->plan),
                           &error))
    add_problem (self, 0, NULL, g_strdup (error->message))->about_name = TRUE;
  g_clear_error (&error);

  if (n == 0)
    add_problem (self, 0, NULL,
                 g_strdup (_("The plan has no waves: add a wave and put protection groups in it")));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DrsoWave) wave = g_list_model_get_item (waves, i);
      const char * const *group_ids = drso_wave_get_protection_group_ids (wave);
      const char *wave_name = drso_wave_get_wave_name (wave);

      if (wave_name != NULL && wave_name[0] != '\0' &&
          !drso_validate_name (_("wave"), wave_name, &error))
        add_problem (self, i + 1, NULL, g_strdup (error->message));
      g_clear_error (&error);

      if (group_ids[0] == NULL)
        add_problem (self, i + 1, NULL,
                     /* TRANSLATORS: a problem of a wave of a recovery plan; %u is its number. */
                     g_strdup_printf (_("Wave %u has no protection group: drag a group into it, "
                                        "or delete the wave"), i + 1));

      for (guint j = 0; group_ids[j] != NULL; j++)
        {
          g_autoptr(DrsoProtectionGroup) group =
            drso_store_lookup_protection_group (self->store, group_ids[j], NULL);

          if (group == NULL)
            add_problem (self, i + 1, group_ids[j],
                         /* TRANSLATORS: a problem of a recovery plan: %s is a group's id. */
                         g_strdup_printf (_("The protection group %s no longer exists: remove it "
                                            "from the plan"), group_ids[j]));
          else if (!g_hash_table_add (seen, (gpointer) group_ids[j]))
            add_problem (self, i + 1, group_ids[j],
                         /* TRANSLATORS: a problem of a recovery plan: %s is a group's name. */
                         g_strdup_printf (_("“%s” is in two waves: a group can be in one wave "
                                            "only"),
                                          drso_protection_group_get_group_name (group)));
        }
    }

  if (self->problems->len == 0 &&
      !drso_store_validate_recovery_plan (self->store, self->plan, &error) &&
      !has_problem_message (self, error->message))
    add_problem (self, 0, NULL, g_strdup (error->message))->about_name =
      g_error_matches (error, DRSO_MODEL_ERROR, DRSO_MODEL_ERROR_DUPLICATE_NAME);
}

static void
update_save_label (DrsoPlanDesigner *self)
{
  const char *text;
  gboolean alarming = FALSE;

  if (self->save_error != NULL)
    {
      text = self->save_error;
      alarming = TRUE;
    }
  else if (!self->dirty)
    text = self->stored ? _("All changes saved")
                        : _("Not saved yet: add a wave with a protection group");
  else if (self->problems->len > 0)
    {
      text = _("Not saved: fix the problems below");
      alarming = TRUE;
    }
  else
    text = _("Unsaved changes");

  gtk_label_set_text (self->save_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), text);
  if (alarming)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "dim-label");
    }
}

void
_drso_plan_designer_update_header (DrsoPlanDesigner *self)
{
  guint total = self->plan != NULL ? drso_recovery_plan_get_estimated_total_duration (self->plan)
                                    : 0;
  g_autofree char *text = NULL;
  gboolean name_ok = TRUE;

  /* TRANSLATORS: the sum of the waves' estimated durations, in minutes. */
  text = g_strdup_printf (_("≈ %u min planned"), (total + 59) / 60);
  gtk_label_set_text (self->total_label, text);

  for (guint i = 0; i < self->problems->len; i++)
    {
      DrsoPlanProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->about_name)
        {
          name_ok = FALSE;
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_entry), problem->message);
        }
    }
  if (name_ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_entry), _("Rename the plan"));
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");

  update_save_label (self);
}

void
_drso_plan_designer_set_dirty (DrsoPlanDesigner *self,
                               gboolean          dirty)
{
  if (self->dirty == dirty)
    return;
  self->dirty = dirty;
  g_object_notify (G_OBJECT (self), "has-unsaved-changes");
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  DrsoPlanDesigner *self = user_data;

  self->save_source = 0;
  _drso_plan_designer_save_now (self);
  return G_SOURCE_REMOVE;
}

/* Stores the draft if it has changes and is valid. Returns TRUE when the
 * store holds what the designer shows. */
gboolean
_drso_plan_designer_save_now (DrsoPlanDesigner *self)
{
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->plan == NULL || !self->dirty)
    return self->plan != NULL && self->stored;

  _drso_plan_designer_validate (self);
  if (self->problems->len > 0)
    {
      _drso_plan_designer_update_header (self);
      return FALSE;
    }

  if (self->stored)
    drso_store_update_recovery_plan (self->store, self->plan, &error);
  else if (drso_store_create_recovery_plan (self->store, self->plan, &error))
    created = TRUE;

  g_clear_pointer (&self->save_error, g_free);
  if (error != NULL)
    {
      /* TRANSLATORS: shown beside the plan's name when saving failed; %s says why. */
      self->save_error = g_strdup_printf (_("Not saved: %s"), error->message);
      _drso_plan_designer_toast (self, self->save_error);
      _drso_plan_designer_update_header (self);
      return FALSE;
    }

  self->stored = TRUE;
  _drso_plan_designer_set_dirty (self, FALSE);
  if (created)
    g_object_notify (G_OBJECT (self), "plan-id");
  _drso_plan_designer_update_header (self);
  _drso_plan_designer_update_sensitivity (self);
  return TRUE;
}

static void
load_widgets (DrsoPlanDesigner *self)
{
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry),
                         drso_recovery_plan_get_plan_name (self->plan));
  gtk_spin_button_set_value (self->rto_spin, drso_recovery_plan_get_rto_target (self->plan) / 60);
  gtk_spin_button_set_value (self->rpo_spin, drso_recovery_plan_get_rpo_target (self->plan) / 60);
  self->loading = FALSE;
}

/* Leaves the previous plan: its last edits are saved, and what was running
 * for it is let go. */
void
_drso_plan_designer_leave_plan (DrsoPlanDesigner *self)
{
  if (self->plan != NULL)
    _drso_plan_designer_save_now (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->checking = FALSE;
  self->starting = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_spinner), FALSE);
  gtk_spinner_stop (self->readiness_spinner);
  gtk_label_set_text_with_mnemonic (self->readiness_label, _("Check _Readiness"));
  g_clear_object (&self->report);
  g_clear_pointer (&self->save_error, g_free);
  self->report_stale = FALSE;
}

void
_drso_plan_designer_start_plan (DrsoPlanDesigner *self,
                                DrsoRecoveryPlan *plan,
                                gboolean          stored)
{
  g_set_object (&self->plan, plan);
  self->stored = stored;
  _drso_plan_designer_set_dirty (self, FALSE);
  load_widgets (self);
  _drso_plan_designer_validate (self);
  _drso_plan_designer_show_report (self);
  _drso_plan_designer_rebuild_board (self);
  _drso_plan_designer_update_header (self);
  _drso_plan_designer_update_sensitivity (self);
  g_object_notify (G_OBJECT (self), "plan-id");
}

gboolean
_drso_plan_designer_can_edit (DrsoPlanDesigner *self)
{
  return self->plan != NULL &&
         drso_store_check_permission (self->store,
                                      self->stored ? DRSO_PERMISSION_UPDATE_RECOVERY_PLAN
                                                   : DRSO_PERMISSION_CREATE_RECOVERY_PLAN,
                                      NULL);
}

void
_drso_plan_designer_update_sensitivity (DrsoPlanDesigner *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_edit = _drso_plan_designer_can_edit (self);
  /* Checking and starting save the draft first: a valid one is enough. */
  gboolean saved = self->plan != NULL && (self->stored || self->dirty) &&
                   self->problems->len == 0;
  gboolean can_run = saved && !self->starting &&
                     drso_store_check_permission (self->store, DRSO_PERMISSION_EXECUTE_RECOVERY,
                                                  NULL);

  gtk_editable_set_editable (GTK_EDITABLE (self->name_entry), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rto_spin), can_edit);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rpo_spin), can_edit);
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    gtk_widget_action_set_enabled (widget, edit_actions[i], can_edit);
  gtk_widget_action_set_enabled (widget, "designer.save", self->plan != NULL);
  gtk_widget_action_set_enabled (widget, "designer.check-readiness",
                                 saved && !self->checking &&
                                 drso_store_check_permission (self->store,
                                                              DRSO_PERMISSION_VIEW_RESOURCES,
                                                              NULL));
  gtk_widget_action_set_enabled (widget, "designer.start-drill", can_run);
  gtk_widget_action_set_enabled (widget, "designer.start-recovery", can_run);
}

/* Call after each change of the draft: shows its problems, and saves it if
 * it is valid (at once for a @structural change, which also rebuilds the
 * board; after a short pause for typing). */
void
_drso_plan_designer_changed (DrsoPlanDesigner *self,
                             gboolean          structural)
{
  _drso_plan_designer_set_dirty (self, TRUE);
  g_clear_pointer (&self->save_error, g_free);
  if (self->report != NULL && !self->report_stale)
    {
      self->report_stale = TRUE;
      _drso_plan_designer_show_report (self);
    }

  _drso_plan_designer_validate (self);
  if (structural)
    {
      /* Rebuilt from an idle: the change may come from a widget the
       * rebuild replaces. */
      _drso_plan_designer_queue_rebuild (self);
      _drso_plan_designer_save_now (self);
    }
  else
    {
      _drso_plan_designer_show_problems (self);
      g_clear_handle_id (&self->save_source, g_source_remove);
      self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
    }
  _drso_plan_designer_update_header (self);
  _drso_plan_designer_update_sensitivity (self);
}
