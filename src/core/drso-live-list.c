/* drso-live-list.c
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

#define G_LOG_DOMAIN "drso-core"

#include "config.h"

#include "drso-live-list-private.h"

DrsoLiveList *
_drso_live_list_new (GType              item_type,
                     DrsoLiveListGetId  get_id,
                     GCompareDataFunc   compare,
                     DrsoLiveListEqual  equal)
{
  DrsoLiveList *self = g_new0 (DrsoLiveList, 1);

  self->store = g_list_store_new (item_type);
  self->get_id = get_id;
  self->compare = compare;
  self->equal = equal;
  return self;
}

void
_drso_live_list_free (DrsoLiveList *self)
{
  g_clear_object (&self->store);
  g_free (self);
}

static gboolean
same_item (DrsoLiveList *self,
           gpointer      a,
           gpointer      b)
{
  return g_strcmp0 (self->get_id (a), self->get_id (b)) == 0 && self->equal (a, b);
}

/* g_ptr_array_sort_with_data passes pointers to the elements. */
static int
compare_elements (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  DrsoLiveList *self = user_data;

  return self->compare (*(gpointer *) a, *(gpointer *) b, NULL);
}

/* Replaces the whole content with @items (sorted here), emitting one
 * items-changed for the part between the unchanged head and tail. */
void
_drso_live_list_reset (DrsoLiveList *self,
                       GPtrArray    *items)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = items->len;
  guint head = 0, tail = 0;

  g_ptr_array_sort_with_data (items, compare_elements, self);

  while (head < n_old && head < n_new)
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, head);

      if (!same_item (self, old, g_ptr_array_index (items, head)))
        break;
      head++;
    }

  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, n_old - 1 - tail);

      if (!same_item (self, old, g_ptr_array_index (items, n_new - 1 - tail)))
        break;
      tail++;
    }

  if (head == n_old && head == n_new)
    return;

  g_list_store_splice (self->store, head, n_old - head - tail,
                       items->pdata + head, n_new - head - tail);
}

gpointer
_drso_live_list_find (DrsoLiveList *self,
                      const char   *id,
                      guint        *position)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (self->get_id (item), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }
  return NULL;
}

/* Inserts @item, or replaces the item with its id, keeping the order. */
void
_drso_live_list_put (DrsoLiveList *self,
                     gpointer      item)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint old_position, new_position, n;
  gpointer old;

  old = _drso_live_list_find (self, self->get_id (item), &old_position);
  if (old != NULL && self->equal (old, item))
    return;

  n = g_list_model_get_n_items (model);
  for (new_position = 0; new_position < n; new_position++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, new_position);

      if (other != old && self->compare (item, other, NULL) < 0)
        break;
    }

  if (old == NULL)
    {
      g_list_store_insert (self->store, new_position, item);
      return;
    }

  /* new_position counts the old item if it stands before it. */
  if (new_position > old_position)
    new_position--;

  if (new_position == old_position)
    {
      g_list_store_splice (self->store, old_position, 1, &item, 1);
      return;
    }

  g_list_store_remove (self->store, old_position);
  g_list_store_insert (self->store, new_position, item);
}

void
_drso_live_list_remove (DrsoLiveList *self,
                        const char   *id)
{
  guint position;

  if (_drso_live_list_find (self, id, &position) != NULL)
    g_list_store_remove (self->store, position);
}
