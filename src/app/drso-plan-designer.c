/* drso-plan-designer.c
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

/**
 * DrsoPlanDesigner:
 *
 * The visual designer of one recovery plan: its waves as columns, left to
 * right in recovery order, each holding protection-group cards; the gates
 * between waves where the plan pauses for approval; the groups not in the
 * plan; the plan's targets; and its readiness and start buttons.
 *
 * The designer edits a copy of the stored plan and saves it after every
 * change that leaves the plan valid (text edits after a short pause). When
 * a change makes the plan invalid, the problems are shown where they are
 * and the draft stays in the designer until it is fixed.
 *
 * A plan that is not stored yet (drso_plan_designer_new_plan()) is created
 * in the store as soon as it is valid: at least one wave, each with a group.
 */

G_DEFINE_FINAL_TYPE (DrsoPlanDesigner, drso_plan_designer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENGINE,
  PROP_PLAN_ID,
  PROP_HAS_UNSAVED_CHANGES,
  N_PROPS
};

enum {
  TOAST,
  EXECUTION_STARTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Internal API */

void
_drso_plan_designer_toast (DrsoPlanDesigner *self,
                           const char       *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* Callbacks */

static void
name_changed_cb (DrsoPlanDesigner *self)
{
  g_autofree char *name = NULL;

  if (self->loading || self->plan == NULL)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  drso_document_set_name (DRSO_DOCUMENT (self->plan), name);
  _drso_plan_designer_changed (self, FALSE);
}

static void
name_activate_cb (DrsoPlanDesigner *self)
{
  _drso_plan_designer_save_now (self);
}

static void
targets_changed_cb (DrsoPlanDesigner *self)
{
  guint rto = (guint) gtk_spin_button_get_value_as_int (self->rto_spin);
  guint rpo = (guint) gtk_spin_button_get_value_as_int (self->rpo_spin);

  if (self->loading || self->plan == NULL)
    return;
  drso_recovery_plan_set_rto_target (self->plan, rto * 60);
  drso_recovery_plan_set_rpo_target (self->plan, rpo * 60);
  _drso_plan_designer_changed (self, FALSE);
}

static void
role_changed_cb (DrsoPlanDesigner *self)
{
  _drso_plan_designer_update_sensitivity (self);
  _drso_plan_designer_queue_rebuild (self);
}

/* A group or a server changed in the store: the plan's problems may have
 * too (a group deleted), and the cards show names and sizes. */
static void
store_changed_cb (DrsoPlanDesigner *self)
{
  if (self->plan == NULL)
    return;
  _drso_plan_designer_validate (self);
  _drso_plan_designer_update_header (self);
  _drso_plan_designer_update_sensitivity (self);
  _drso_plan_designer_queue_rebuild (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  drso_plan_designer_save (DRSO_PLAN_DESIGNER (widget));
}

/* GObject */

static void
drso_plan_designer_constructed (GObject *object)
{
  DrsoPlanDesigner *self = (DrsoPlanDesigner *) object;

  G_OBJECT_CLASS (drso_plan_designer_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));
  g_assert (DRSO_IS_ENGINE (self->engine));

  g_signal_connect_object (self->store, "notify::role", G_CALLBACK (role_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Names, sizes and the strip of unused groups follow the store. */
  g_signal_connect_object (drso_store_get_protection_groups (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drso_store_get_source_servers (self->store), "items-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  _drso_plan_designer_update_sensitivity (self);
}

static void
drso_plan_designer_dispose (GObject *object)
{
  DrsoPlanDesigner *self = (DrsoPlanDesigner *) object;

  /* The last edits are kept when the window closes. */
  if (self->plan != NULL && self->store != NULL)
    _drso_plan_designer_save_now (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->columns != NULL)
    g_ptr_array_set_size (self->columns, 0);
  if (self->cards != NULL)
    g_ptr_array_set_size (self->cards, 0);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_PLAN_DESIGNER);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->plan);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drso_plan_designer_parent_class)->dispose (object);
}

static void
drso_plan_designer_finalize (GObject *object)
{
  DrsoPlanDesigner *self = (DrsoPlanDesigner *) object;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->server_groups, g_hash_table_unref);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_pointer (&self->focus_key, g_free);

  G_OBJECT_CLASS (drso_plan_designer_parent_class)->finalize (object);
}

static void
drso_plan_designer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_PLAN_ID:
      g_value_set_string (value, drso_plan_designer_get_plan_id (self));
      break;
    case PROP_HAS_UNSAVED_CHANGES:
      g_value_set_boolean (value, drso_plan_designer_get_has_unsaved_changes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_plan_designer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DrsoPlanDesigner *self = DRSO_PLAN_DESIGNER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_plan_designer_class_init (DrsoPlanDesignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_plan_designer_constructed;
  object_class->dispose = drso_plan_designer_dispose;
  object_class->finalize = drso_plan_designer_finalize;
  object_class->get_property = drso_plan_designer_get_property;
  object_class->set_property = drso_plan_designer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, DRSO_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DrsoPlanDesigner:plan-id:
   *
   * The id of the plan shown, %NULL while it is a new plan not stored yet.
   */
  properties[PROP_PLAN_ID] =
    g_param_spec_string ("plan-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DrsoPlanDesigner:has-unsaved-changes:
   *
   * Whether the designer shows edits the store does not have, because they
   * leave the plan invalid or are about to be saved.
   */
  properties[PROP_HAS_UNSAVED_CHANGES] =
    g_param_spec_boolean ("has-unsaved-changes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoPlanDesigner::toast:
   * @self: the designer
   * @message: a sentence to show in a toast
   *
   * Confirms what the designer did, or says why it failed.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * DrsoPlanDesigner::execution-started:
   * @self: the designer
   * @execution_id: the id of the new execution
   *
   * A drill or a recovery of the plan was started from the designer.
   */
  signals[EXECUTION_STARTED] =
    g_signal_new ("execution-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/"
                                               "drso-plan-designer.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, save_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, readiness_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, readiness_spinner);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, readiness_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, drill_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, rto_spin);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, rpo_spin);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, total_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, predicted_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, verdict_revealer);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, verdict_detail_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, findings_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, findings_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, problems_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, waves_box);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, add_wave_button);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, unused_strip);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, unused_flow);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlanDesigner, unused_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, targets_changed_cb);

  gtk_widget_class_install_action (widget_class, "designer.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "designer.save", NULL);
  _drso_plan_designer_class_edit_init (widget_class);
  _drso_plan_designer_class_run_init (widget_class);
}

static void
drso_plan_designer_init (DrsoPlanDesigner *self)
{
  _drso_plan_designer_ensure_css ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->problems = g_ptr_array_new_with_free_func (_drso_plan_problem_free);
  self->columns = g_ptr_array_new_with_free_func (_drso_plan_wave_column_free);
  self->cards = g_ptr_array_new_with_free_func (_drso_plan_group_card_free);
  self->server_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), FALSE);
  gtk_widget_add_css_class (self->unused_strip, "drso-plan-unused");
  _drso_plan_designer_add_drop_target (self, self->unused_strip, 0);
  _drso_plan_designer_update_header (self);
}

/* Public API */

/**
 * drso_plan_designer_new:
 * @store: the store the plans are in
 * @engine: the engine that starts drills and recoveries
 *
 * Returns: (transfer full): a new designer; give it a plan with
 *   drso_plan_designer_set_plan() or drso_plan_designer_new_plan()
 */
GtkWidget *
drso_plan_designer_new (DrsoStore  *store,
                        DrsoEngine *engine)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (DRSO_IS_ENGINE (engine), NULL);

  return g_object_new (DRSO_TYPE_PLAN_DESIGNER, "store", store, "engine", engine, NULL);
}

/**
 * drso_plan_designer_get_store:
 * @self: a #DrsoPlanDesigner
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_plan_designer_get_store (DrsoPlanDesigner *self)
{
  g_return_val_if_fail (DRSO_IS_PLAN_DESIGNER (self), NULL);
  return self->store;
}

/**
 * drso_plan_designer_get_engine:
 * @self: a #DrsoPlanDesigner
 *
 * Returns: (transfer none): the engine
 */
DrsoEngine *
drso_plan_designer_get_engine (DrsoPlanDesigner *self)
{
  g_return_val_if_fail (DRSO_IS_PLAN_DESIGNER (self), NULL);
  return self->engine;
}

/**
 * drso_plan_designer_set_plan:
 * @self: a #DrsoPlanDesigner
 * @plan_id: the id (or name) of a stored plan
 *
 * Shows a copy of the stored plan for editing. The edits of the plan shown
 * before are saved first when they are valid.
 *
 * Returns: %TRUE if the plan was found; otherwise the designer says why
 *   with #DrsoPlanDesigner::toast and keeps its plan
 */
gboolean
drso_plan_designer_set_plan (DrsoPlanDesigner *self,
                             const char       *plan_id)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DRSO_IS_PLAN_DESIGNER (self), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  /* The lookup returns a copy of its own: the live list's plan stays as the
   * store has it while the designer edits this one. */
  plan = drso_store_lookup_recovery_plan (self->store, plan_id, &error);
  if (plan == NULL)
    {
      _drso_plan_designer_toast (self, error->message);
      return FALSE;
    }

  _drso_plan_designer_leave_plan (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), TRUE);
  _drso_plan_designer_start_plan (self, plan, TRUE);
  return TRUE;
}

/**
 * drso_plan_designer_new_plan:
 * @self: a #DrsoPlanDesigner
 * @plan_name: (nullable): a name for the plan, %NULL for “New plan”
 *
 * Starts a new plan, not stored until it has a wave with a protection group.
 * A number is added to the name when another plan has it.
 */
void
drso_plan_designer_new_plan (DrsoPlanDesigner *self,
                             const char       *plan_name)
{
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autofree char *name = NULL;
  const char *base;

  g_return_if_fail (DRSO_IS_PLAN_DESIGNER (self));

  base = plan_name != NULL && plan_name[0] != '\0' ? plan_name : _("New plan");
  name = g_strdup (base);
  for (guint i = 2; ; i++)
    {
      g_autoptr(DrsoRecoveryPlan) other = drso_store_lookup_recovery_plan (self->store, name, NULL);

      if (other == NULL)
        break;
      g_free (name);
      /* TRANSLATORS: a new plan's name when another plan has it: “New plan 2”. */
      name = g_strdup_printf (_("%s %u"), base, i);
    }

  _drso_plan_designer_leave_plan (self);
  plan = drso_recovery_plan_new (name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), TRUE);
  _drso_plan_designer_start_plan (self, plan, FALSE);
}

/**
 * drso_plan_designer_close:
 * @self: a #DrsoPlanDesigner
 *
 * Leaves the plan shown without saving its pending edits (once the plan is
 * deleted, for instance). The designer is empty until it is given a plan.
 */
void
drso_plan_designer_close (DrsoPlanDesigner *self)
{
  GtkWidget *child;

  g_return_if_fail (DRSO_IS_PLAN_DESIGNER (self));

  if (self->plan == NULL)
    return;
  _drso_plan_designer_set_dirty (self, FALSE);
  _drso_plan_designer_leave_plan (self);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_object (&self->plan);
  self->stored = FALSE;
  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->columns, 0);
  g_ptr_array_set_size (self->cards, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->waves_box))) != NULL)
    gtk_box_remove (self->waves_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unused_flow))) != NULL)
    gtk_flow_box_remove (self->unused_flow, child);
  gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
  _drso_plan_designer_show_report (self);
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), FALSE);
  _drso_plan_designer_update_header (self);
  _drso_plan_designer_update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN_ID]);
}

/**
 * drso_plan_designer_get_plan_id:
 * @self: a #DrsoPlanDesigner
 *
 * Returns: (nullable): the id of the plan shown, %NULL when there is none
 *   or it is not stored yet
 */
const char *
drso_plan_designer_get_plan_id (DrsoPlanDesigner *self)
{
  g_return_val_if_fail (DRSO_IS_PLAN_DESIGNER (self), NULL);

  if (self->plan == NULL || !self->stored)
    return NULL;
  return drso_recovery_plan_get_plan_id (self->plan);
}

/**
 * drso_plan_designer_get_has_unsaved_changes:
 * @self: a #DrsoPlanDesigner
 *
 * Returns: whether the designer shows edits the store does not have
 */
gboolean
drso_plan_designer_get_has_unsaved_changes (DrsoPlanDesigner *self)
{
  g_return_val_if_fail (DRSO_IS_PLAN_DESIGNER (self), FALSE);
  return self->plan != NULL && self->dirty;
}

/**
 * drso_plan_designer_save:
 * @self: a #DrsoPlanDesigner
 *
 * Saves pending edits now (the `designer.save` action, Ctrl+S), rather than
 * after the pause that follows typing.
 *
 * Returns: %TRUE if the store now holds the plan as shown; %FALSE while
 *   the plan has problems, which the designer shows
 */
gboolean
drso_plan_designer_save (DrsoPlanDesigner *self)
{
  g_return_val_if_fail (DRSO_IS_PLAN_DESIGNER (self), FALSE);

  if (self->plan != NULL && self->dirty)
    {
      _drso_plan_designer_validate (self);
      _drso_plan_designer_show_problems (self);
    }
  return _drso_plan_designer_save_now (self);
}

/**
 * drso_plan_designer_focus_name:
 * @self: a #DrsoPlanDesigner
 *
 * Puts the keyboard focus on the plan's name, its text selected.
 */
void
drso_plan_designer_focus_name (DrsoPlanDesigner *self)
{
  g_return_if_fail (DRSO_IS_PLAN_DESIGNER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->name_entry), 0, -1);
}
