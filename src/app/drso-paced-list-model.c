/* drso-paced-list-model.c
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

#include <string.h>

#include "drso-paced-list-model.h"

/**
 * DrsoPacedListModel:
 *
 * Shows another list model, passing on its changes a few rows at a time.
 *
 * A list view keeps a widget for each of about 200 rows around the top of
 * what it shows, and makes them all at once when a change of its model
 * replaces them: with a table of seven columns that takes many frames' time.
 * This model follows its model in steps instead: among the first rows (the
 * "hot" ones, which the view has widgets for) a step adds, removes or
 * replaces at most a few rows; past them, where the view keeps no widgets,
 * one step passes on the rest. Each frame of the view's widget (or, while
 * it is not on screen, each turn of the main loop) takes steps for a few
 * milliseconds, so that the frame that shows them has time to style and
 * measure the new rows, and a view over 10,000 rows keeps its frames short.
 *
 * Small changes while it is up to date pass on at once.
 */
struct _DrsoPacedListModel
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *items;     /* what this model shows: owned references */
  guint       agreed;    /* items[0, agreed) are the model's first items */
  guint       hot_rows;
  guint       idle_id;
  guint       tick_id;
  GtkWidget  *widget;    /* weak */
  gboolean    pending;
};

/* Rows a step changes among the hot ones, how far a step looks ahead for a
 * row that moved, and how long a frame (or a turn of the main loop) takes
 * steps. A frame after rows changed costs GTK about the same whatever their
 * number, so a frame takes a few milliseconds of steps rather than one. */
#define STEP_ROWS        8
#define LOOKAHEAD        64
#define BUDGET_USEC      5000
#define DEFAULT_HOT_ROWS 260

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void drso_paced_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DrsoPacedListModel, drso_paced_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      drso_paced_list_model_list_model_init))

/* Helpers */

static void
set_pending (DrsoPacedListModel *self,
             gboolean            pending)
{
  if (self->pending == pending)
    return;
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static gpointer
get_target (DrsoPacedListModel *self,
            guint               position)
{
  return g_list_model_get_item (self->model, position);
}

/* Replaces @n_removed rows at @position by the model's rows from
 * @target_position on, @n_added of them, and says so. */
static void
splice (DrsoPacedListModel *self,
        guint               position,
        guint               n_removed,
        guint               target_position,
        guint               n_added)
{
  guint n_after;

  if (n_removed > 0)
    g_ptr_array_remove_range (self->items, position, n_removed);

  if (n_added > 0)
    {
      n_after = self->items->len - position;
      g_ptr_array_set_size (self->items, self->items->len + n_added);
      memmove (&self->items->pdata[position + n_added], &self->items->pdata[position],
               n_after * sizeof (gpointer));
      for (guint i = 0; i < n_added; i++)
        self->items->pdata[position + i] = get_target (self, target_position + i);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}

static int
find_shown (DrsoPacedListModel *self,
            gpointer            item,
            guint               from,
            guint               to)
{
  for (guint i = from; i < to; i++)
    {
      if (g_ptr_array_index (self->items, i) == item)
        return (int) i;
    }
  return -1;
}

static int
find_target (DrsoPacedListModel *self,
             gpointer            item,
             guint               from,
             guint               to)
{
  for (guint i = from; i < to; i++)
    {
      g_autoptr(GObject) target = get_target (self, i);

      if ((gpointer) target == item)
        return (int) i;
    }
  return -1;
}

/* Past the hot rows: the rest in one change, as small as the rows that
 * differ allow. */
static void
replace_tail (DrsoPacedListModel *self,
              guint               start,
              guint               n_shown,
              guint               n_target)
{
  guint first = start;
  guint suffix = 0;

  while (first < n_shown && first < n_target)
    {
      g_autoptr(GObject) target = get_target (self, first);

      if ((gpointer) target != g_ptr_array_index (self->items, first))
        break;
      first++;
    }
  if (first == n_shown && first == n_target)
    return;

  while (suffix < n_shown - first && suffix < n_target - first)
    {
      g_autoptr(GObject) target = get_target (self, n_target - 1 - suffix);

      if ((gpointer) target != g_ptr_array_index (self->items, n_shown - 1 - suffix))
        break;
      suffix++;
    }

  splice (self, first, n_shown - suffix - first, first, n_target - suffix - first);
}

/* One step towards the model. Returns whether there is more to do. */
static gboolean
step (DrsoPacedListModel *self)
{
  guint n_shown = self->items->len;
  guint n_target = g_list_model_get_n_items (self->model);
  guint i = self->agreed;
  g_autoptr(GObject) target = NULL;
  gpointer shown;
  int j;

  for (; i < n_shown && i < n_target && i < self->hot_rows; i++)
    {
      g_autoptr(GObject) item = get_target (self, i);

      if ((gpointer) item != g_ptr_array_index (self->items, i))
        break;
    }
  self->agreed = i;

  if (i >= self->hot_rows)
    {
      replace_tail (self, i, n_shown, n_target);
      return FALSE;
    }

  if (i >= n_target)
    {
      guint n_removed;

      if (n_shown == i)
        return FALSE;
      /* The rows past the hot ones at once, then from the end: no row moves
       * up into the view meanwhile. */
      if (n_shown > self->hot_rows)
        {
          splice (self, self->hot_rows, n_shown - self->hot_rows, 0, 0);
          return TRUE;
        }
      n_removed = MIN (STEP_ROWS, n_shown - i);
      splice (self, n_shown - n_removed, n_removed, 0, 0);
      return TRUE;
    }

  if (i >= n_shown)
    {
      splice (self, i, 0, i, MIN (STEP_ROWS, n_target - i));
      return TRUE;
    }

  /* Rows that went: the model's row comes further down here. */
  target = get_target (self, i);
  j = find_shown (self, target, i + 1, MIN (n_shown, i + LOOKAHEAD));
  if (j > 0)
    {
      splice (self, i, MIN ((guint) j - i, STEP_ROWS), 0, 0);
      return TRUE;
    }

  /* Rows that came: this row comes further down in the model. */
  shown = g_ptr_array_index (self->items, i);
  j = find_target (self, shown, i + 1, MIN (n_target, i + LOOKAHEAD));
  if (j > 0)
    {
      splice (self, i, 0, i, MIN ((guint) j - i, STEP_ROWS));
      return TRUE;
    }

  splice (self, i, MIN (STEP_ROWS, n_shown - i), i, MIN (STEP_ROWS, n_target - i));
  return TRUE;
}

/* Steps for a while. Returns whether there is more to do. */
static gboolean
follow (DrsoPacedListModel *self)
{
  gint64 deadline = g_get_monotonic_time () + BUDGET_USEC;

  while (step (self))
    {
      if (g_get_monotonic_time () >= deadline)
        return TRUE;
    }
  set_pending (self, FALSE);
  return FALSE;
}

static gboolean
follow_cb (gpointer user_data)
{
  DrsoPacedListModel *self = user_data;

  if (follow (self))
    return G_SOURCE_CONTINUE;
  self->idle_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  DrsoPacedListModel *self = user_data;

  if (follow (self))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
schedule (DrsoPacedListModel *self)
{
  if (self->idle_id != 0 || self->tick_id != 0)
    return;

  if (self->widget != NULL && gtk_widget_get_mapped (self->widget))
    {
      self->tick_id = gtk_widget_add_tick_callback (self->widget, tick_cb, self, NULL);
    }
  else
    {
      self->idle_id = g_idle_add (follow_cb, self);
      g_source_set_name_by_id (self->idle_id, "[drso] paced list model");
    }
}

static void
items_changed_cb (GListModel         *model,
                  guint               position,
                  guint               removed,
                  guint               added,
                  DrsoPacedListModel *self)
{
  /* Up to date, the rows are ours as they were before this change. */
  if (!self->pending && removed <= STEP_ROWS && added <= STEP_ROWS)
    {
      splice (self, position, removed, position, added);
      self->agreed = MIN (self->agreed, position);
      return;
    }

  self->agreed = MIN (self->agreed, position);
  schedule (self);
  set_pending (self, TRUE);
}

/* GListModel */

static GType
drso_paced_list_model_get_item_type (GListModel *list)
{
  DrsoPacedListModel *self = DRSO_PACED_LIST_MODEL (list);

  return g_list_model_get_item_type (self->model);
}

static guint
drso_paced_list_model_get_n_items (GListModel *list)
{
  DrsoPacedListModel *self = DRSO_PACED_LIST_MODEL (list);

  return self->items->len;
}

static gpointer
drso_paced_list_model_get_item (GListModel *list,
                                guint       position)
{
  DrsoPacedListModel *self = DRSO_PACED_LIST_MODEL (list);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
drso_paced_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = drso_paced_list_model_get_item_type;
  iface->get_n_items = drso_paced_list_model_get_n_items;
  iface->get_item = drso_paced_list_model_get_item;
}

/* GObject */

static void
drso_paced_list_model_dispose (GObject *object)
{
  DrsoPacedListModel *self = DRSO_PACED_LIST_MODEL (object);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  g_clear_weak_pointer (&self->widget);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (drso_paced_list_model_parent_class)->dispose (object);
}

static void
drso_paced_list_model_finalize (GObject *object)
{
  DrsoPacedListModel *self = DRSO_PACED_LIST_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (drso_paced_list_model_parent_class)->finalize (object);
}

static void
drso_paced_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DrsoPacedListModel *self = DRSO_PACED_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
drso_paced_list_model_class_init (DrsoPacedListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = drso_paced_list_model_dispose;
  object_class->finalize = drso_paced_list_model_finalize;
  object_class->get_property = drso_paced_list_model_get_property;

  /**
   * DrsoPacedListModel:pending:
   *
   * Whether some of the model's changes are still to be passed on.
   */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
drso_paced_list_model_init (DrsoPacedListModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->hot_rows = DEFAULT_HOT_ROWS;
}

/* Public API */

/**
 * drso_paced_list_model_new:
 * @model: (transfer none): the model to follow
 *
 * The new model starts empty and takes the rows of @model in steps, as it
 * does for any change.
 *
 * Returns: (transfer full): a new #DrsoPacedListModel
 */
DrsoPacedListModel *
drso_paced_list_model_new (GListModel *model)
{
  DrsoPacedListModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (DRSO_TYPE_PACED_LIST_MODEL, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  if (g_list_model_get_n_items (model) > 0)
    items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
  return self;
}

/**
 * drso_paced_list_model_get_model:
 * @self: a #DrsoPacedListModel
 *
 * Returns: (transfer none): the model it follows
 */
GListModel *
drso_paced_list_model_get_model (DrsoPacedListModel *self)
{
  g_return_val_if_fail (DRSO_IS_PACED_LIST_MODEL (self), NULL);
  return self->model;
}

/**
 * drso_paced_list_model_get_pending:
 * @self: a #DrsoPacedListModel
 *
 * Returns: whether some of the model's changes are still to be passed on
 */
gboolean
drso_paced_list_model_get_pending (DrsoPacedListModel *self)
{
  g_return_val_if_fail (DRSO_IS_PACED_LIST_MODEL (self), FALSE);
  return self->pending;
}

/**
 * drso_paced_list_model_set_hot_rows:
 * @self: a #DrsoPacedListModel
 * @hot_rows: how many rows from the top a view keeps widgets for
 *
 * Tells how far down changes are passed on a few rows at a time: the view's
 * first visible row and the 200 or so after it.
 */
void
drso_paced_list_model_set_hot_rows (DrsoPacedListModel *self,
                                    guint               hot_rows)
{
  g_return_if_fail (DRSO_IS_PACED_LIST_MODEL (self));
  self->hot_rows = MAX (hot_rows, DEFAULT_HOT_ROWS);
}

/**
 * drso_paced_list_model_set_widget:
 * @self: a #DrsoPacedListModel
 * @widget: (nullable): the view that shows the model
 *
 * Paces the changes by the frames of @widget while it is on screen: a few
 * milliseconds of them at the start of each frame.
 */
void
drso_paced_list_model_set_widget (DrsoPacedListModel *self,
                                  GtkWidget          *widget)
{
  g_return_if_fail (DRSO_IS_PACED_LIST_MODEL (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  g_set_weak_pointer (&self->widget, widget);
  if (self->pending && self->idle_id == 0)
    schedule (self);
}
