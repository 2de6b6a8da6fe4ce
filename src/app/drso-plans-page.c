/* drso-plans-page.c
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

#include "drso-plans-page-private.h"

/**
 * DrsoPlansPage:
 *
 * The "Recovery plans" section: the stored plans in a list (waves, estimated
 * duration, targets, how the last run went), and the plan designer in
 * their place when one is opened or created.
 *
 * Actions: `plans.new` (a new plan, in the designer), `plans.open` (s: a
 * plan id), `plans.delete` (s: a plan id; asks first), `plans.back` (from
 * the designer to the list; Alt+Left) and `plans.start-drill` (a drill of
 * the plan in the designer).
 */

struct _DrsoPlansPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkLabel         *count_label;
  GtkListBox       *plans_list;
  GtkWidget        *designer_box;

  /* Owned references */
  DrsoStore        *store;
  DrsoEngine       *engine;

  /* Borrowed references */
  DrsoPlanDesigner *designer;
  GListModel       *plans;
};

G_DEFINE_FINAL_TYPE (DrsoPlansPage, drso_plans_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENGINE,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
emit_toast (DrsoPlansPage *self,
            const char    *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
show_page (DrsoPlansPage *self,
           const char    *name)
{
  gboolean designer = g_str_equal (name, "designer");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plans.back", designer);
}

static void
update_stack (DrsoPlansPage *self)
{
  guint n = g_list_model_get_n_items (self->plans);
  g_autofree char *count = NULL;

  /* TRANSLATORS: above the list of recovery plans. */
  count = g_strdup_printf (g_dngettext (NULL, "%u recovery plan", "%u recovery plans", n), n);
  gtk_label_set_text (self->count_label, count);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "designer") != 0)
    show_page (self, n > 0 ? "list" : "empty");
}

static void
update_actions (DrsoPlansPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plans.new",
                                 drso_store_check_permission (
                                   self->store, DRSO_PERMISSION_CREATE_RECOVERY_PLAN, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plans.delete",
                                 drso_store_check_permission (
                                   self->store, DRSO_PERMISSION_DELETE_RECOVERY_PLAN, NULL));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  DrsoPlansPage *self = user_data;

  return _drso_plans_page_row_new (self->store, item);
}

/* Callbacks */

static void
row_activated_cb (DrsoPlansPage *self,
                  GtkListBoxRow *row)
{
  drso_plans_page_open_plan (self, g_object_get_data (G_OBJECT (row), "plan-id"));
}

static void
plans_changed_cb (DrsoPlansPage *self)
{
  const char *plan_id = drso_plan_designer_get_plan_id (self->designer);

  update_stack (self);

  /* The plan in the designer was deleted elsewhere (the command line). */
  if (plan_id != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "designer") == 0 &&
      !drso_plan_designer_get_has_unsaved_changes (self->designer))
    {
      g_autoptr(DrsoRecoveryPlan) plan =
        drso_store_lookup_recovery_plan (self->store, plan_id, NULL);

      if (plan == NULL)
        {
          drso_plan_designer_close (self->designer);
          drso_plans_page_show_list (self);
          emit_toast (self, _("The plan was deleted"));
        }
    }
}

static void
designer_toast_cb (DrsoPlansPage *self,
                   const char    *message)
{
  emit_toast (self, message);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DrsoPlansPage    *self)
{
  const char *plan_id = g_object_get_data (G_OBJECT (dialog), "plan-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "plan-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!drso_store_delete_recovery_plan (self->store, plan_id, &error))
    {
      emit_toast (self, error->message);
      return;
    }
  if (g_strcmp0 (drso_plan_designer_get_plan_id (self->designer), plan_id) == 0)
    {
      drso_plan_designer_close (self->designer);
      drso_plans_page_show_list (self);
    }
  /* TRANSLATORS: a toast once a recovery plan is deleted. */
  message = g_strdup_printf (_("“%s” deleted"), name);
  emit_toast (self, message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DrsoPlansPage *self = DRSO_PLANS_PAGE (widget);
  const char *plan_id = g_variant_get_string (parameter, NULL);
  g_autoptr(DrsoRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  plan = drso_store_lookup_recovery_plan (self->store, plan_id, &error);
  if (plan == NULL)
    {
      emit_toast (self, error->message);
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL);
  /* TRANSLATORS: the heading of the dialog that confirms deleting a recovery plan. */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"),
                                     drso_recovery_plan_get_plan_name (plan));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The plan’s past executions stay in the history. Deleting the "
                                 "plan cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "plan-id", g_strdup (plan_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "plan-name",
                          g_strdup (drso_recovery_plan_get_plan_name (plan)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  drso_plans_page_new_plan (DRSO_PLANS_PAGE (widget));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  drso_plans_page_open_plan (DRSO_PLANS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
start_drill_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DrsoPlansPage *self = DRSO_PLANS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "designer") != 0 ||
      !gtk_widget_activate_action (GTK_WIDGET (self->designer), "designer.start-drill", NULL))
    emit_toast (self, _("Open a recovery plan to start a drill of it"));
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   DrsoPlansPage    *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    drso_plans_page_show_list (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DrsoPlansPage *self = DRSO_PLANS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  /* Edits that leave the plan valid are saved on the way out; the others
   * would be lost, so ask. */
  if (drso_plan_designer_save (self->designer) ||
      !drso_plan_designer_get_has_unsaved_changes (self->designer) || !GTK_IS_WINDOW (root))
    {
      drso_plans_page_show_list (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Discard Unsaved Changes?"),
                                   _("The last changes leave the plan with problems, so they "
                                     "are not saved. Keep editing to fix them, or discard "
                                     "them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
drso_plans_page_constructed (GObject *object)
{
  DrsoPlansPage *self = (DrsoPlansPage *) object;

  G_OBJECT_CLASS (drso_plans_page_parent_class)->constructed (object);

  g_assert (DRSO_IS_STORE (self->store));
  g_assert (DRSO_IS_ENGINE (self->engine));

  self->designer = DRSO_PLAN_DESIGNER (drso_plan_designer_new (self->store, self->engine));
  gtk_widget_set_vexpand (GTK_WIDGET (self->designer), TRUE);
  gtk_box_append (GTK_BOX (self->designer_box), GTK_WIDGET (self->designer));
  g_signal_connect_object (self->designer, "toast", G_CALLBACK (designer_toast_cb), self,
                           G_CONNECT_SWAPPED);

  self->plans = drso_store_get_recovery_plans (self->store);
  gtk_list_box_bind_model (self->plans_list, self->plans, create_row_cb, self, NULL);
  g_signal_connect_object (self->plans, "items-changed", G_CALLBACK (plans_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::role", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  update_stack (self);
}

static void
drso_plans_page_dispose (GObject *object)
{
  DrsoPlansPage *self = (DrsoPlansPage *) object;

  if (self->plans_list != NULL)
    gtk_list_box_bind_model (self->plans_list, NULL, NULL, NULL, NULL);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DRSO_TYPE_PLANS_PAGE);
  self->designer = NULL;
  self->plans = NULL;
  g_clear_object (&self->engine);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (drso_plans_page_parent_class)->dispose (object);
}

static void
drso_plans_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DrsoPlansPage *self = DRSO_PLANS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_plans_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DrsoPlansPage *self = DRSO_PLANS_PAGE (object);

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
drso_plans_page_class_init (DrsoPlansPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = drso_plans_page_constructed;
  object_class->dispose = drso_plans_page_dispose;
  object_class->get_property = drso_plans_page_get_property;
  object_class->set_property = drso_plans_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DRSO_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, DRSO_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DrsoPlansPage::toast:
   * @self: the page
   * @message: a sentence to show in a toast
   *
   * Confirms what the page (or its designer) did, or says why it failed.
   */
  signals[TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/drso/Orchestrator/ui/"
                                               "drso-plans-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DrsoPlansPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlansPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlansPage, plans_list);
  gtk_widget_class_bind_template_child (widget_class, DrsoPlansPage, designer_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "plans.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "plans.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "plans.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "plans.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "plans.start-drill", NULL, start_drill_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "plans.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "plans.new",
                                       NULL);
}

static void
drso_plans_page_init (DrsoPlansPage *self)
{
  g_type_ensure (DRSO_TYPE_PLAN_DESIGNER);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * drso_plans_page_new:
 * @store: the store the plans are in
 * @engine: the engine that starts drills and recoveries
 *
 * Returns: (transfer full): a new page of recovery plans
 */
GtkWidget *
drso_plans_page_new (DrsoStore  *store,
                     DrsoEngine *engine)
{
  g_return_val_if_fail (DRSO_IS_STORE (store), NULL);
  g_return_val_if_fail (DRSO_IS_ENGINE (engine), NULL);

  return g_object_new (DRSO_TYPE_PLANS_PAGE, "store", store, "engine", engine, NULL);
}

/**
 * drso_plans_page_get_store:
 * @self: a #DrsoPlansPage
 *
 * Returns: (transfer none): the store
 */
DrsoStore *
drso_plans_page_get_store (DrsoPlansPage *self)
{
  g_return_val_if_fail (DRSO_IS_PLANS_PAGE (self), NULL);
  return self->store;
}

/**
 * drso_plans_page_get_engine:
 * @self: a #DrsoPlansPage
 *
 * Returns: (transfer none): the engine
 */
DrsoEngine *
drso_plans_page_get_engine (DrsoPlansPage *self)
{
  g_return_val_if_fail (DRSO_IS_PLANS_PAGE (self), NULL);
  return self->engine;
}

/**
 * drso_plans_page_open_plan:
 * @self: a #DrsoPlansPage
 * @plan_id: the id (or name) of a stored plan
 *
 * Shows the plan in the designer.
 *
 * Returns: %TRUE if the plan was found; otherwise the page says why with
 *   #DrsoPlansPage::toast
 */
gboolean
drso_plans_page_open_plan (DrsoPlansPage *self,
                           const char    *plan_id)
{
  g_return_val_if_fail (DRSO_IS_PLANS_PAGE (self), FALSE);
  g_return_val_if_fail (plan_id != NULL, FALSE);

  if (!drso_plan_designer_set_plan (self->designer, plan_id))
    return FALSE;
  show_page (self, "designer");
  return TRUE;
}

/**
 * drso_plans_page_new_plan:
 * @self: a #DrsoPlansPage
 *
 * Starts a new plan in the designer, its name selected for typing (the
 * `plans.new` action). It is stored once it has a wave with a group.
 */
void
drso_plans_page_new_plan (DrsoPlansPage *self)
{
  g_return_if_fail (DRSO_IS_PLANS_PAGE (self));

  drso_plan_designer_new_plan (self->designer, NULL);
  show_page (self, "designer");
  drso_plan_designer_focus_name (self->designer);
}

/**
 * drso_plans_page_show_list:
 * @self: a #DrsoPlansPage
 *
 * Shows the list of plans (or the empty state) in place of the designer.
 */
void
drso_plans_page_show_list (DrsoPlansPage *self)
{
  g_return_if_fail (DRSO_IS_PLANS_PAGE (self));

  show_page (self, "list");
  update_stack (self);
}

/**
 * drso_plans_page_get_designer:
 * @self: a #DrsoPlansPage
 *
 * Returns: (transfer none): the page's plan designer
 */
DrsoPlanDesigner *
drso_plans_page_get_designer (DrsoPlansPage *self)
{
  g_return_val_if_fail (DRSO_IS_PLANS_PAGE (self), NULL);
  return self->designer;
}
