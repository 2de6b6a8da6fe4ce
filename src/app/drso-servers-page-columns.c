/* drso-servers-page-columns.c
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

#include "drso-servers-page-private.h"

/* Past an hour, lag is worth a second look even without an RPO target. */
#define LAG_WARNING_SECONDS 3600

static const struct {
  const char       *state;
  const char       *label;
  DrsoServerHealth  health;
} states[] = {
  { "CONTINUOUS", NC_("replication state", "Healthy"), DRSO_SERVER_HEALTH_HEALTHY },
  { "INITIATING", NC_("replication state", "Initiating"), DRSO_SERVER_HEALTH_BUSY },
  { "INITIAL_SYNC", NC_("replication state", "Initial sync"), DRSO_SERVER_HEALTH_BUSY },
  { "CREATING_SNAPSHOT", NC_("replication state", "Creating snapshot"), DRSO_SERVER_HEALTH_BUSY },
  { "PENDING_SNAPSHOT_SHIPPING", NC_("replication state", "Snapshot waiting"),
    DRSO_SERVER_HEALTH_BUSY },
  { "SHIPPING_SNAPSHOT", NC_("replication state", "Shipping snapshot"), DRSO_SERVER_HEALTH_BUSY },
  { "RESCAN", NC_("replication state", "Rescanning"), DRSO_SERVER_HEALTH_BUSY },
  { "BACKLOG", NC_("replication state", "Backlog"), DRSO_SERVER_HEALTH_WARNING },
  { "PAUSED", NC_("replication state", "Paused"), DRSO_SERVER_HEALTH_WARNING },
  { "STALLED", NC_("replication state", "Stalled"), DRSO_SERVER_HEALTH_PROBLEM },
  { "DISCONNECTED", NC_("replication state", "Disconnected"), DRSO_SERVER_HEALTH_PROBLEM },
  { "STOPPED", NC_("replication state", "Stopped"), DRSO_SERVER_HEALTH_PROBLEM },
};

/* What the page remembers of a server: built on first use and kept with the
 * server. The store never changes a server it has handed out (a discovery
 * replaces it with a new object), so this never goes stale. */
typedef struct
{
  char *search_key;
  char *tags_text;
} ServerCache;

typedef struct
{
  DrsoServerColumn  column;
  GHashTable       *account_names;
} ColumnData;

/* Helpers */

static void
server_cache_free (gpointer data)
{
  ServerCache *cache = data;

  g_free (cache->search_key);
  g_free (cache->tags_text);
  g_free (cache);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
append_line (GString    *text,
             const char *line)
{
  if (line == NULL)
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static ServerCache *
get_server_cache (DrsoSourceServer *server)
{
  static GQuark quark;
  ServerCache *cache;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("drso-servers-page-cache");

  cache = g_object_get_qdata (G_OBJECT (server), quark);
  if (cache == NULL)
    {
      GHashTable *tags = drso_source_server_get_tags (server);
      g_autofree const char **keys = NULL;
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_keys = 0;

      if (tags != NULL)
        keys = (const char **) g_hash_table_get_keys_as_array (tags, &n_keys);
      if (keys != NULL)
        qsort (keys, n_keys, sizeof *keys, compare_keys);

      append_line (key, drso_source_server_get_hostname (server));
      append_line (key, drso_source_server_get_source_server_id (server));
      append_line (key, drso_source_server_get_private_ip (server));
      for (guint i = 0; i < n_keys; i++)
        {
          const char *value = g_hash_table_lookup (tags, keys[i]);

          append_line (key, value);
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append_printf (text, "%s=%s", keys[i], value ? value : "");
        }

      cache = g_new0 (ServerCache, 1);
      cache->search_key = g_utf8_casefold (key->str, key->len);
      cache->tags_text = g_string_free (g_steal_pointer (&text), FALSE);
      g_object_set_qdata_full (G_OBJECT (server), quark, cache, server_cache_free);
    }
  return cache;
}

/* "SOME_STATE" reads "Some state": for values newer than this table. */
static char *
humanize (const char *value)
{
  char *text = g_ascii_strdown (value, -1);

  g_strdelimit (text, "_", ' ');
  text[0] = g_ascii_toupper (text[0]);
  return text;
}

static char *
format_date (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (seconds);

  if (date == NULL)
    return g_strdup ("—");
  if (g_date_time_get_year (date) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (date) == g_date_time_get_day_of_year (now))
    /* TRANSLATORS: the time of a launch earlier today, as for strftime(3): "14:02". */
    return g_date_time_format (date, _("%H:%M"));
  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    /* TRANSLATORS: the day of a launch earlier this year, as for strftime(3): "12 Mar". */
    return g_date_time_format (date, _("%-d %b"));
  /* TRANSLATORS: the day of a launch in an earlier year, as for strftime(3): "12 Mar 2025". */
  return g_date_time_format (date, _("%-d %b %Y"));
}

static char *
dup_launch_result_label (const char *result)
{
  if (result == NULL)
    return NULL;
  if (g_str_equal (result, "SUCCEEDED"))
    return g_strdup (C_("launch result", "Succeeded"));
  if (g_str_equal (result, "FAILED"))
    return g_strdup (C_("launch result", "Failed"));
  if (g_str_equal (result, "PENDING"))
    return g_strdup (C_("launch result", "Pending"));
  if (g_str_equal (result, "NOT_STARTED"))
    return NULL;
  return humanize (result);
}

static const char *
get_account_name (GHashTable *account_names,
                  const char *account_id)
{
  const char *name = account_id ? g_hash_table_lookup (account_names, account_id) : NULL;

  return name ? name : account_id;
}

/* Shows @style_class (or nothing) among the classes a cell may wear. */
static void
set_cell_style (GtkWidget  *widget,
                const char *style_class)
{
  static const char * const classes[] = { "error", "warning", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (g_strcmp0 (classes[i], style_class) != 0)
        gtk_widget_remove_css_class (widget, classes[i]);
    }
  if (style_class != NULL)
    gtk_widget_add_css_class (widget, style_class);
}

static char *
dup_server_tooltip (DrsoSourceServer *server)
{
  GString *text = g_string_new (NULL);
  const char *value;

  /* TRANSLATORS: a line of a source server's tooltip; %s is its DRS id. */
  g_string_append_printf (text, _("ID: %s"), drso_source_server_get_source_server_id (server));
  if ((value = drso_source_server_get_private_ip (server)) != NULL)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a line of a source server's tooltip; %s is an IP address. */
      g_string_append_printf (text, _("IP address: %s"), value);
    }
  if ((value = drso_source_server_get_instance_type (server)) != NULL)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a line of a source server's tooltip; %s is an EC2 instance type. */
      g_string_append_printf (text, _("Instance type: %s"), value);
    }
  if ((value = drso_source_server_get_os (server)) != NULL)
    {
      g_string_append_c (text, '\n');
      /* TRANSLATORS: a line of a source server's tooltip; %s names its operating system. */
      g_string_append_printf (text, _("Operating system: %s"), value);
    }
  return g_string_free (text, FALSE);
}

/* Cells are inscriptions, not labels: their size does not depend on their
 * text, so binding a row measures no text, which keeps 10,000 rows quick. */
static GtkWidget *
new_cell_text (GtkInscriptionOverflow overflow)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), overflow);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (text), 1);
  /* One line, in the middle of the row: given more height, an inscription
   * would wrap its text over more lines. */
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (text), 1);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  return text;
}

/* Sorting */

static int
compare_strings (const char *a,
                 const char *b)
{
  /* Missing values last. */
  if ((a == NULL) != (b == NULL))
    return a == NULL ? 1 : -1;
  return a ? g_ascii_strcasecmp (a, b) : 0;
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_servers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  DrsoSourceServer *sa = (DrsoSourceServer *) a;
  DrsoSourceServer *sb = (DrsoSourceServer *) b;
  ColumnData *data = user_data;
  const char *state_a, *state_b;
  int cmp = 0;

  switch (data->column)
    {
    case DRSO_SERVER_COLUMN_HOSTNAME:
      cmp = compare_strings (drso_source_server_get_hostname (sa),
                             drso_source_server_get_hostname (sb));
      break;
    case DRSO_SERVER_COLUMN_ACCOUNT:
      /* Most comparisons are within one account: skip the names then. */
      if (g_strcmp0 (drso_source_server_get_account_id (sa),
                     drso_source_server_get_account_id (sb)) == 0)
        return 0;
      cmp = g_utf8_collate (get_account_name (data->account_names,
                                              drso_source_server_get_account_id (sa)),
                            get_account_name (data->account_names,
                                              drso_source_server_get_account_id (sb)));
      break;
    case DRSO_SERVER_COLUMN_REGION:
      cmp = compare_strings (drso_source_server_get_region (sa),
                             drso_source_server_get_region (sb));
      break;
    case DRSO_SERVER_COLUMN_STATE:
      /* Those that need attention first, then by name. */
      state_a = drso_source_server_get_replication_state (sa);
      state_b = drso_source_server_get_replication_state (sb);
      cmp = (int) _drso_servers_page_get_state_health (state_a) -
            (int) _drso_servers_page_get_state_health (state_b);
      if (cmp == 0)
        cmp = compare_strings (state_a, state_b);
      break;
    case DRSO_SERVER_COLUMN_LAG:
      cmp = compare_int64 (drso_source_server_get_lag_seconds (sa),
                           drso_source_server_get_lag_seconds (sb));
      break;
    case DRSO_SERVER_COLUMN_LAST_LAUNCH:
      cmp = compare_int64 (drso_source_server_get_last_launch_date (sa),
                           drso_source_server_get_last_launch_date (sb));
      break;
    case DRSO_SERVER_COLUMN_TAGS:
      cmp = g_strcmp0 (get_server_cache (sa)->tags_text, get_server_cache (sb)->tags_text);
      break;
    case DRSO_N_SERVER_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return cmp;
}

/* Callbacks */

static gboolean
query_cell_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       ColumnData *data)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (widget), "drso-list-item");
  DrsoSourceServer *server = item ? gtk_list_item_get_item (item) : NULL;
  g_autofree char *text = NULL;
  const char *tags;

  if (server == NULL)
    return FALSE;

  switch (data->column)
    {
    case DRSO_SERVER_COLUMN_HOSTNAME:
      text = dup_server_tooltip (server);
      break;
    case DRSO_SERVER_COLUMN_ACCOUNT:
      /* TRANSLATORS: the tooltip of a server's account: its name, then its id. */
      text = g_strdup_printf (_("%s\nAccount %s"),
                              get_account_name (data->account_names,
                                                drso_source_server_get_account_id (server)),
                              drso_source_server_get_account_id (server));
      break;
    case DRSO_SERVER_COLUMN_TAGS:
      tags = _drso_servers_page_get_tags_text (server);
      if (tags[0] != '\0')
        {
          g_auto(GStrv) lines = g_strsplit (tags, ", ", -1);

          text = g_strjoinv ("\n", lines);
        }
      break;
    case DRSO_SERVER_COLUMN_REGION:
    case DRSO_SERVER_COLUMN_STATE:
    case DRSO_SERVER_COLUMN_LAG:
    case DRSO_SERVER_COLUMN_LAST_LAUNCH:
    case DRSO_N_SERVER_COLUMNS:
    default:
      break;
    }

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *child;

  switch (data->column)
    {
    case DRSO_SERVER_COLUMN_HOSTNAME:
      {
        GtkWidget *subtitle = new_cell_text (GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);

        child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_box_append (GTK_BOX (child), new_cell_text (GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END));
        gtk_widget_add_css_class (subtitle, "caption");
        gtk_widget_add_css_class (subtitle, "dim-label");
        gtk_box_append (GTK_BOX (child), subtitle);
      }
      break;
    case DRSO_SERVER_COLUMN_LAG:
      child = new_cell_text (GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_widget_add_css_class (child, "numeric");
      break;
    case DRSO_SERVER_COLUMN_ACCOUNT:
      /* Account names of one company tend to differ at the end. */
      child = new_cell_text (GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
      break;
    case DRSO_SERVER_COLUMN_REGION:
    case DRSO_SERVER_COLUMN_STATE:
    case DRSO_SERVER_COLUMN_LAST_LAUNCH:
    case DRSO_SERVER_COLUMN_TAGS:
      child = new_cell_text (GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      break;
    case DRSO_N_SERVER_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  /* Tooltips are asked for when they show: setting one on every bind costs
   * a round trip to the display server each time. */
  if (data->column == DRSO_SERVER_COLUMN_HOSTNAME || data->column == DRSO_SERVER_COLUMN_ACCOUNT ||
      data->column == DRSO_SERVER_COLUMN_TAGS)
    {
      g_object_set_data (G_OBJECT (child), "drso-list-item", item);
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), data);
    }
  gtk_list_item_set_child (item, child);
}

static void
bind_hostname (GtkWidget        *box,
               DrsoSourceServer *server)
{
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *hostname = drso_source_server_get_hostname (server);
  const char *id = drso_source_server_get_source_server_id (server);
  const char *ip = drso_source_server_get_private_ip (server);

  gtk_inscription_set_text (GTK_INSCRIPTION (title), hostname ? hostname : id);
  if (hostname != NULL && ip != NULL)
    {
      /* TRANSLATORS: under a server's hostname: its IP address and DRS id. */
      g_autofree char *text = g_strdup_printf (_("%s · %s"), ip, id);

      gtk_inscription_set_text (GTK_INSCRIPTION (subtitle), text);
    }
  else
    gtk_inscription_set_text (GTK_INSCRIPTION (subtitle), hostname ? id : ip);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  DrsoSourceServer *server = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkInscription *cell;
  const char *text;
  g_autofree char *owned = NULL;
  const char *style_class = NULL;

  /* The hostname's cell is a box of two lines, every other one a line. */
  if (data->column == DRSO_SERVER_COLUMN_HOSTNAME)
    {
      bind_hostname (child, server);
      return;
    }

  cell = GTK_INSCRIPTION (child);
  switch (data->column)
    {
    case DRSO_SERVER_COLUMN_ACCOUNT:
      text = get_account_name (data->account_names, drso_source_server_get_account_id (server));
      gtk_inscription_set_text (cell, text);
      return;

    case DRSO_SERVER_COLUMN_REGION:
      gtk_inscription_set_text (cell, drso_source_server_get_region (server));
      return;

    case DRSO_SERVER_COLUMN_STATE:
      text = drso_source_server_get_replication_state (server);
      owned = _drso_servers_page_dup_state_label (text);
      switch (_drso_servers_page_get_state_health (text))
        {
        case DRSO_SERVER_HEALTH_PROBLEM:
          style_class = "error";
          break;
        case DRSO_SERVER_HEALTH_WARNING:
          style_class = "warning";
          break;
        case DRSO_SERVER_HEALTH_UNKNOWN:
          style_class = "dim-label";
          break;
        case DRSO_SERVER_HEALTH_BUSY:
        case DRSO_SERVER_HEALTH_HEALTHY:
        default:
          break;
        }
      gtk_inscription_set_text (cell, owned);
      set_cell_style (child, style_class);
      return;

    case DRSO_SERVER_COLUMN_LAG:
      {
        gint64 lag = drso_source_server_get_lag_seconds (server);

        owned = _drso_servers_page_format_lag (lag);
        gtk_inscription_set_text (cell, owned);
        set_cell_style (child, lag < 0 ? "dim-label" :
                               lag >= LAG_WARNING_SECONDS ? "warning" : NULL);
      }
      return;

    case DRSO_SERVER_COLUMN_LAST_LAUNCH:
      owned = _drso_servers_page_format_last_launch (server);
      gtk_inscription_set_text (cell, owned);
      if (g_strcmp0 (drso_source_server_get_last_launch_result (server), "FAILED") == 0)
        style_class = "error";
      else if (drso_source_server_get_last_launch_date (server) <= 0)
        style_class = "dim-label";
      set_cell_style (child, style_class);
      return;

    case DRSO_SERVER_COLUMN_TAGS:
      text = _drso_servers_page_get_tags_text (server);
      gtk_inscription_set_text (cell, text[0] != '\0' ? text : "—");
      set_cell_style (child, text[0] != '\0' ? NULL : "dim-label");
      return;

    case DRSO_SERVER_COLUMN_HOSTNAME:
    case DRSO_N_SERVER_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
column_data_free (gpointer data)
{
  ColumnData *column_data = data;

  g_clear_pointer (&column_data->account_names, g_hash_table_unref);
  g_free (column_data);
}

static void
column_data_closure_free (gpointer  data,
                          GClosure *closure)
{
  column_data_free (data);
}

static ColumnData *
column_data_new (DrsoServerColumn  column,
                 GHashTable       *account_names)
{
  ColumnData *data = g_new0 (ColumnData, 1);

  data->column = column;
  data->account_names = g_hash_table_ref (account_names);
  return data;
}

/* Internal API */

/**
 * _drso_servers_page_list_states:
 *
 * Returns: (transfer none): the replication states the page knows, in the
 *   order the state filter offers them
 */
const char * const *
_drso_servers_page_list_states (void)
{
  static const char * const list[] = {
    "CONTINUOUS", "INITIATING", "INITIAL_SYNC", "CREATING_SNAPSHOT",
    "PENDING_SNAPSHOT_SHIPPING", "SHIPPING_SNAPSHOT", "RESCAN", "BACKLOG", "PAUSED",
    "STALLED", "DISCONNECTED", "STOPPED", NULL,
  };

  return list;
}

/**
 * _drso_servers_page_dup_state_label:
 * @state: (nullable): a DRS data replication state, such as `CONTINUOUS`
 *
 * Returns: (transfer full): the state as a word for people
 */
char *
_drso_servers_page_dup_state_label (const char *state)
{
  if (state == NULL)
    return g_strdup (C_("replication state", "Unknown"));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (g_str_equal (states[i].state, state))
        return g_strdup (g_dpgettext2 (NULL, "replication state", states[i].label));
    }
  return humanize (state);
}

DrsoServerHealth
_drso_servers_page_get_state_health (const char *state)
{
  if (state == NULL)
    return DRSO_SERVER_HEALTH_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (g_str_equal (states[i].state, state))
        return states[i].health;
    }
  return DRSO_SERVER_HEALTH_UNKNOWN;
}

/**
 * _drso_servers_page_needs_attention:
 * @server: a #DrsoSourceServer
 *
 * Returns: whether the server's replication state or lag is shown as a
 *   warning or a problem
 */
gboolean
_drso_servers_page_needs_attention (DrsoSourceServer *server)
{
  switch (_drso_servers_page_get_state_health (drso_source_server_get_replication_state (server)))
    {
    case DRSO_SERVER_HEALTH_PROBLEM:
    case DRSO_SERVER_HEALTH_WARNING:
      return TRUE;
    case DRSO_SERVER_HEALTH_BUSY:
    case DRSO_SERVER_HEALTH_HEALTHY:
    case DRSO_SERVER_HEALTH_UNKNOWN:
    default:
      return drso_source_server_get_lag_seconds (server) >= LAG_WARNING_SECONDS;
    }
}

/**
 * _drso_servers_page_format_lag:
 * @seconds: replication lag in seconds, or -1 if unknown
 *
 * Returns: (transfer full): the lag as people read it: "40 s", "2 min",
 *   "1 h 5 min", "3 days"
 */
char *
_drso_servers_page_format_lag (gint64 seconds)
{
  gint64 days, hours, minutes;

  if (seconds < 0)
    return g_strdup ("—");
  if (seconds < 60)
    /* TRANSLATORS: replication lag under a minute, in seconds. */
    return g_strdup_printf (_("%d s"), (int) seconds);

  minutes = seconds / 60;
  if (minutes < 60)
    /* TRANSLATORS: replication lag under an hour, in minutes. */
    return g_strdup_printf (_("%d min"), (int) minutes);

  hours = minutes / 60;
  minutes %= 60;
  if (hours < 24)
    {
      if (minutes == 0)
        /* TRANSLATORS: replication lag of whole hours. */
        return g_strdup_printf (_("%d h"), (int) hours);
      /* TRANSLATORS: replication lag in hours and minutes. */
      return g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
    }

  days = hours / 24;
  /* TRANSLATORS: replication lag of a day or more, in whole days. */
  return g_strdup_printf (ngettext ("%d day", "%d days", (unsigned long) MIN (days, G_MAXINT)),
                          (int) MIN (days, G_MAXINT));
}

/**
 * _drso_servers_page_format_last_launch:
 * @server: a #DrsoSourceServer
 *
 * Returns: (transfer full): the result and date of the server's last
 *   launch, such as "Succeeded · 12 Mar", or "Never"
 */
char *
_drso_servers_page_format_last_launch (DrsoSourceServer *server)
{
  gint64 date = drso_source_server_get_last_launch_date (server);
  const char *result_value = drso_source_server_get_last_launch_result (server);
  g_autofree char *result = dup_launch_result_label (result_value);
  g_autofree char *date_text = NULL;

  if (date <= 0)
    return result ? g_steal_pointer (&result) : g_strdup (C_("last launch", "Never"));

  date_text = format_date (date);
  if (result == NULL)
    return g_steal_pointer (&date_text);
  /* TRANSLATORS: a server's last launch: its result and when, as in "Succeeded · 12 Mar". */
  return g_strdup_printf (_("%s · %s"), result, date_text);
}

/**
 * _drso_servers_page_get_tags_text:
 * @server: a #DrsoSourceServer
 *
 * Returns: the server's tags as "Key=Value, …", by key; "" without tags
 */
const char *
_drso_servers_page_get_tags_text (DrsoSourceServer *server)
{
  return get_server_cache (server)->tags_text;
}

/**
 * _drso_servers_page_split_search:
 * @text: (nullable): what was typed in the search entry
 *
 * Returns: (transfer full) (nullable): the words to look for, case-folded,
 *   or %NULL when there are none
 */
char **
_drso_servers_page_split_search (const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) words = NULL;
  gboolean any = FALSE;

  if (text == NULL)
    return NULL;

  folded = g_utf8_casefold (text, -1);
  words = g_strsplit_set (folded, " \t\n", -1);
  builder = g_strv_builder_new ();
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      g_strv_builder_add (builder, words[i]);
      any = TRUE;
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

/**
 * _drso_servers_page_match_search:
 * @server: a #DrsoSourceServer
 * @words: (nullable): words from _drso_servers_page_split_search()
 *
 * Returns: whether each of @words is part of the server's hostname, id,
 *   IP address or one of its tag values
 */
gboolean
_drso_servers_page_match_search (DrsoSourceServer   *server,
                                 const char * const *words)
{
  const char *key;

  if (words == NULL)
    return TRUE;

  key = get_server_cache (server)->search_key;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (key, words[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * _drso_servers_page_cell_factory_new:
 * @column: a column
 * @account_names: account ids to names, for the account column
 *
 * Returns: (transfer full): a factory of the column's cells
 */
GtkListItemFactory *
_drso_servers_page_cell_factory_new (DrsoServerColumn  column,
                                     GHashTable       *account_names)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnData *data = column_data_new (column, account_names);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), data);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cell_cb), data,
                         column_data_closure_free, 0);
  return factory;
}

/**
 * _drso_servers_page_sorter_new:
 * @column: a column
 * @account_names: account ids to names, for the account column
 *
 * Returns: (transfer full): a sorter by the column
 */
GtkSorter *
_drso_servers_page_sorter_new (DrsoServerColumn  column,
                               GHashTable       *account_names)
{
  ColumnData *data = column_data_new (column, account_names);

  return GTK_SORTER (gtk_custom_sorter_new (compare_servers, data, column_data_free));
}
