/* drso-chart-util.c
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

#include "drso-chart-util.h"

/* A swatch is a child widget that is never shown: it only gives the style a
 * node to colour ("swatch.success" and so on in style.css), whose colour the
 * drawing widgets read back. */
#define DRSO_TYPE_CHART_SWATCH (drso_chart_swatch_get_type ())
G_DECLARE_FINAL_TYPE (DrsoChartSwatch, drso_chart_swatch, DRSO, CHART_SWATCH, GtkWidget)

struct _DrsoChartSwatch
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (DrsoChartSwatch, drso_chart_swatch, GTK_TYPE_WIDGET)

static void
drso_chart_swatch_class_init (DrsoChartSwatchClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "swatch");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
drso_chart_swatch_init (DrsoChartSwatch *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static const char * const swatch_classes[DRSO_CHART_N_COLORS] = {
  [DRSO_CHART_COLOR_ACCENT] = "accent",
  [DRSO_CHART_COLOR_ACCENT_BG] = "accent-bg",
  [DRSO_CHART_COLOR_ACCENT_FG] = "accent-fg",
  [DRSO_CHART_COLOR_SUCCESS] = "success",
  [DRSO_CHART_COLOR_SUCCESS_BG] = "success-bg",
  [DRSO_CHART_COLOR_SUCCESS_FG] = "success-fg",
  [DRSO_CHART_COLOR_WARNING] = "warning",
  [DRSO_CHART_COLOR_WARNING_BG] = "warning-bg",
  [DRSO_CHART_COLOR_WARNING_FG] = "warning-fg",
  [DRSO_CHART_COLOR_ERROR] = "error",
  [DRSO_CHART_COLOR_ERROR_BG] = "error-bg",
  [DRSO_CHART_COLOR_ERROR_FG] = "error-fg",
  [DRSO_CHART_COLOR_SNAPSHOT] = "snapshot",
  [DRSO_CHART_COLOR_CONVERSION] = "conversion",
  [DRSO_CHART_COLOR_LAUNCH] = "launch",
};

/**
 * drso_chart_palette_init:
 * @palette: a #DrsoChartPalette to fill
 * @parent: the drawing widget
 *
 * Adds the hidden swatch children to @parent. Call drso_chart_palette_clear()
 * from its dispose.
 */
void
drso_chart_palette_init (DrsoChartPalette *palette,
                         GtkWidget        *parent)
{
  for (guint i = 0; i < DRSO_CHART_N_COLORS; i++)
    {
      palette->swatches[i] = g_object_new (DRSO_TYPE_CHART_SWATCH, NULL);
      gtk_widget_add_css_class (palette->swatches[i], swatch_classes[i]);
      gtk_widget_set_parent (palette->swatches[i], parent);
    }
}

void
drso_chart_palette_clear (DrsoChartPalette *palette)
{
  for (guint i = 0; i < DRSO_CHART_N_COLORS; i++)
    g_clear_pointer (&palette->swatches[i], gtk_widget_unparent);
}

void
drso_chart_palette_get (DrsoChartPalette *palette,
                        DrsoChartColor    color,
                        GdkRGBA          *rgba)
{
  g_assert (color < DRSO_CHART_N_COLORS);
  g_assert (palette->swatches[color] != NULL);

  drso_chart_get_fg (palette->swatches[color], rgba);
}

/**
 * drso_chart_get_fg:
 * @widget: a widget
 * @rgba: (out): its foreground colour
 */
void
drso_chart_get_fg (GtkWidget *widget,
                   GdkRGBA   *rgba)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, rgba);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
#endif
}

GdkRGBA
drso_chart_with_alpha (const GdkRGBA *rgba,
                       float          alpha)
{
  GdkRGBA result = *rgba;

  result.alpha *= alpha;
  return result;
}

GdkRGBA
drso_chart_mix (const GdkRGBA *from,
                const GdkRGBA *to,
                double         progress)
{
  float t = CLAMP (progress, 0.0, 1.0);
  GdkRGBA result;
  float alpha = from->alpha + (to->alpha - from->alpha) * t;

  /* Mix premultiplied, so that a fade from a transparent colour does not
   * pass through the transparent colour's (meaningless) hue. */
  if (alpha <= 0.f)
    return (GdkRGBA) { 0, 0, 0, 0 };
  result.red = (from->red * from->alpha * (1 - t) + to->red * to->alpha * t) / alpha;
  result.green = (from->green * from->alpha * (1 - t) + to->green * to->alpha * t) / alpha;
  result.blue = (from->blue * from->alpha * (1 - t) + to->blue * to->alpha * t) / alpha;
  result.alpha = alpha;
  return result;
}

/**
 * drso_chart_layout_new:
 * @widget: the drawing widget, whose font the layout takes
 * @text: the text
 * @bold: whether to set it bold
 * @scale: a font scale (1 for the widget's own size)
 *
 * Returns: (transfer full): a layout of @text with tabular figures
 */
PangoLayout *
drso_chart_layout_new (GtkWidget  *widget,
                       const char *text,
                       gboolean    bold,
                       float       scale)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale != 1.f)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

void
drso_chart_layout_size (PangoLayout *layout,
                        int         *width,
                        int         *height)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width;
  if (height != NULL)
    *height = logical.height;
}

void
drso_chart_append_layout (GtkSnapshot   *snapshot,
                          PangoLayout   *layout,
                          float          x,
                          float          y,
                          const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (drso_chart_round (x), drso_chart_round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/**
 * drso_chart_append_icon:
 * @snapshot: a snapshot
 * @widget: the drawing widget
 * @icon_name: a symbolic icon name
 * @x: left edge
 * @y: top edge
 * @size: the icon's size
 * @color: the colour to draw it in
 *
 * Draws a symbolic icon of the icon theme recoloured with @color.
 */
void
drso_chart_append_icon (GtkSnapshot   *snapshot,
                        GtkWidget     *widget,
                        const char    *icon_name,
                        float          x,
                        float          y,
                        float          size,
                        const GdkRGBA *color)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = NULL;
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  icon = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, (int) size,
                                     gtk_widget_get_scale_factor (widget),
                                     gtk_widget_get_direction (widget), 0);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (drso_chart_round (x), drso_chart_round (y)));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            size, size, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

void
drso_chart_append_line (GtkSnapshot   *snapshot,
                        float          x,
                        float          y,
                        float          width,
                        float          height,
                        const GdkRGBA *color)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

/* Whole pixels, without libm. */
float
drso_chart_round (float value)
{
  return (float) (gint64) (value >= 0 ? value + 0.5f : value - 0.5f);
}

int
drso_chart_ceil (float value)
{
  int truncated = (int) value;

  return (float) truncated < value ? truncated + 1 : truncated;
}

/**
 * drso_chart_animations_enabled:
 * @widget: a widget
 *
 * Returns: whether the system lets widgets animate (`gtk-enable-animations`)
 */
gboolean
drso_chart_animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

/**
 * drso_chart_format_clock:
 * @seconds: a duration
 *
 * Returns: (transfer full): @seconds as a clock reading, "9:41" or "1:02:03"
 */
char *
drso_chart_format_clock (gint64 seconds)
{
  seconds = MAX (seconds, 0);
  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/**
 * drso_chart_format_duration:
 * @seconds: a duration
 *
 * Returns: (transfer full): @seconds in words, "40 s", "9 min 40 s" or "1 h 5 min"
 */
char *
drso_chart_format_duration (gint64 seconds)
{
  int h, min, s;

  seconds = MAX (seconds, 0);
  h = (int) (seconds / 3600);
  min = (int) (seconds / 60 % 60);
  s = (int) (seconds % 60);

  if (h > 0 && min > 0)
    /* TRANSLATORS: a duration in hours and minutes */
    return g_strdup_printf (_("%d h %d min"), h, min);
  if (h > 0)
    /* TRANSLATORS: a duration in whole hours */
    return g_strdup_printf (_("%d h"), h);
  if (min > 0 && s > 0)
    /* TRANSLATORS: a duration in minutes and seconds */
    return g_strdup_printf (_("%d min %d s"), min, s);
  if (min > 0)
    /* TRANSLATORS: a duration in whole minutes */
    return g_strdup_printf (_("%d min"), min);
  /* TRANSLATORS: a duration in seconds */
  return g_strdup_printf (_("%d s"), s);
}
