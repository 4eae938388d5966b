/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-trend-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-radar.h"
#include "rc-trend.h"
#include "rc-trend-chart.h"

/* One score over time on screen, drawn by rc_trend_draw(). Screen readers
 * get the points as a sentence. */

struct _RcTrendChart
{
  GtkWidget  parent_instance;

  guint      n_points;
  double    *days;    /* Julian day numbers, ascending */
  double    *values;  /* NAN where there is no score */
  double     min;
  double     max;
  char      *title;
};

G_DEFINE_FINAL_TYPE (RcTrendChart, rc_trend_chart, GTK_TYPE_WIDGET)

/* A point's date as the report and the pickers write it, "3 March 2025". */
static char *
format_day (double day)
{
  g_autoptr(GDate) date = g_date_new_julian ((guint32) day);
  char iso[16];

  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", date);
  return rc_labels_format_date (iso);
}

/* What is plotted, over which dates, then every point. */
static void
append_points (RcTrendChart *self,
               GString      *text)
{
  g_autofree char *first = format_day (self->days[0]);
  g_autofree char *last = format_day (self->days[self->n_points - 1]);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: the start of the trend chart's
                                              * description, e.g. "Line chart of Housing, scored 1
                                              * to 5, over 3 assessments from 3 March 2025 to 9
                                              * June 2025:" */
                                             "Line chart of %s, scored %g to %g, over %u "
                                             "assessment from %s to %s:",
                                             "Line chart of %s, scored %g to %g, over %u "
                                             "assessments from %s to %s:",
                                             self->n_points),
                          self->title, self->min, self->max, self->n_points, first, last);
  for (guint i = 0; i < self->n_points; i++)
    {
      g_autofree char *when = format_day (self->days[i]);

      if (isnan (self->values[i]))
        /* Translators: a point of the trend without a score, e.g. " 3 March 2025, no score" */
        g_string_append_printf (text, _(" %s, no score"), when);
      else
        /* Translators: a point of the trend, e.g. " 3 March 2025, 3" */
        g_string_append_printf (text, _(" %s, %g"), when, self->values[i]);
      g_string_append (text, i + 1 < self->n_points ? ";" : ".");
    }
}

static void
update_accessible_label (RcTrendChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->n_points == 0)
    /* Translators: the trend chart's description when it is empty, e.g.
     * "Line chart of Housing. No assessments to show." */
    g_string_append_printf (text, _("Line chart of %s. No assessments to show."), self->title);
  else
    append_points (self, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

static void
rc_trend_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RcTrendChart *self = RC_TREND_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoFontDescription) font = NULL;
  RcRadarSeries palette = { 0 };
  RcTrendSpec spec = { 0 };
  GdkRGBA ink;
  cairo_t *cr;

  if (self->n_points == 0 || width <= 0 || height <= 0)
    return;

  /* Deprecated only in GTK 4.10; the colour follows dark mode. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  font = rc_app_dup_widget_font (widget);
  /* The line takes the "after" profile's colour from the charts' palette. */
  rc_radar_series_set_style (&palette, 1);

  spec.n_points = self->n_points;
  spec.days = self->days;
  spec.values = self->values;
  spec.min = self->min;
  spec.max = self->max;
  spec.y_title = self->title;
  spec.ink_red = ink.red;
  spec.ink_green = ink.green;
  spec.ink_blue = ink.blue;
  spec.accent_red = palette.red;
  spec.accent_green = palette.green;
  spec.accent_blue = palette.blue;
  spec.font = font;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rc_trend_draw (cr, width, height, &spec);
  cairo_destroy (cr);
}

static void
rc_trend_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rc_trend_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
rc_trend_chart_finalize (GObject *object)
{
  RcTrendChart *self = RC_TREND_CHART (object);

  g_free (self->days);
  g_free (self->values);
  g_free (self->title);

  G_OBJECT_CLASS (rc_trend_chart_parent_class)->finalize (object);
}

static void
rc_trend_chart_class_init (RcTrendChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rc_trend_chart_finalize;
  widget_class->snapshot = rc_trend_chart_snapshot;
  widget_class->css_changed = rc_trend_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "trendchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rc_trend_chart_init (RcTrendChart *self)
{
  self->title = g_strdup ("");
  /* Reachable by keyboard, so a screen reader user gets to its description. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  update_accessible_label (self);
}

GtkWidget *
rc_trend_chart_new (void)
{
  return g_object_new (RC_TYPE_TREND_CHART, NULL);
}

/**
 * rc_trend_chart_set_points:
 * @days: (array length=n_points): Julian day numbers, ascending
 * @values: (array length=n_points): scores, NAN where there is none
 * @title: what is plotted, e.g. a factor's title
 */
void
rc_trend_chart_set_points (RcTrendChart *self,
                           guint         n_points,
                           const double *days,
                           const double *values,
                           double        min,
                           double        max,
                           const char   *title)
{
  g_return_if_fail (RC_IS_TREND_CHART (self));
  g_return_if_fail (n_points == 0 || (days != NULL && values != NULL));
  g_return_if_fail (max > min);

  g_free (self->days);
  g_free (self->values);
  self->days = g_memdup2 (days, n_points * sizeof (double));
  self->values = g_memdup2 (values, n_points * sizeof (double));
  self->n_points = n_points;
  self->min = min;
  self->max = max;
  g_free (self->title);
  self->title = g_strdup (title != NULL ? title : "");

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
