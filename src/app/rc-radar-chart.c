/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-radar-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "rc-app-util.h"
#include "rc-radar.h"
#include "rc-radar-chart.h"

/* The profile's radar chart on screen. The drawing is rc_radar_draw()'s,
 * shared with the PDF report; this widget only keeps the data and hands
 * over the theme's colour and font. Screen readers get the scores as a
 * sentence, since the picture itself says nothing to them. */

#define MINIMUM_SIZE 240
#define NATURAL_SIZE 360

typedef struct
{
  char   *label;   /* for the legend, e.g. "3 March 2025 · Intake" */
  char   *name;    /* its part in an overlay, e.g. "Before"; the label when none */
  double *values;
  guint   style_index;
} Series;

struct _RcRadarChart
{
  GtkWidget  parent_instance;

  GStrv      labels;
  guint      n_axes;
  double     min;
  double     max;
  GPtrArray *series;
};

G_DEFINE_FINAL_TYPE (RcRadarChart, rc_radar_chart, GTK_TYPE_WIDGET)

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->label);
  g_free (series->name);
  g_free (series->values);
  g_free (series);
}

/* "Housing 3 of 5", or "Housing not assessed" without a score. */
static char *
describe_score (RcRadarChart *self,
                const char   *what,
                double        value)
{
  if (isfinite (value))
    /* Translators: a factor (or profile) and its score in the chart's
     * description, e.g. "Housing 3 of 5" */
    return g_strdup_printf (_("%s %g of %g"), what, value, self->max);
  /* Translators: a factor (or profile) without a score, e.g. "Housing not assessed" */
  return g_strdup_printf (_("%s not assessed"), what);
}

static char *
join_items (GPtrArray *items)
{
  g_ptr_array_add (items, NULL);
  /* Translators: the separator between the items of the chart's description */
  return g_strjoinv (_(", "), (char **) items->pdata);
}

/* One profile: its scores, factor by factor. */
static char *
describe_profile (RcRadarChart *self,
                  const Series *series)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (guint i = 0; i < self->n_axes; i++)
    g_ptr_array_add (items, describe_score (self, self->labels[i], series->values[i]));
  list = join_items (items);
  /* Translators: a profile in the chart's description: its name, then its
   * scores, e.g. "Intake: Housing 3 of 5, Finances not assessed." */
  return g_strdup_printf (_("%s: %s."), series->label, list);
}

/* Profiles overlaid: which is which, then each factor's scores side by
 * side, so that before and after are heard together. */
static char *
describe_overlay (RcRadarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *series = g_ptr_array_index (self->series, s);

      g_string_append_c (text, ' ');
      /* Translators: which profile is which, e.g. "Before: 3 March 2025 · Intake." */
      g_string_append_printf (text, C_("radar profile", "%s: %s."), series->name, series->label);
    }
  for (guint i = 0; i < self->n_axes; i++)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;

      for (guint s = 0; s < self->series->len; s++)
        {
          const Series *series = g_ptr_array_index (self->series, s);

          g_ptr_array_add (items, describe_score (self, series->name, series->values[i]));
        }
      list = join_items (items);
      g_string_append_c (text, ' ');
      /* Translators: a factor's scores in each profile, e.g.
       * "Housing: Before 2 of 5, After 4 of 5." */
      g_string_append_printf (text, C_("radar factor", "%s: %s."), self->labels[i], list);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible_label (RcRadarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: the start of the radar chart's
                                              * description, e.g. "Radar chart of 8 factors, each
                                              * scored 1 to 5." */
                                             "Radar chart of %u factor, scored %g to %g.",
                                             "Radar chart of %u factors, each scored %g to %g.",
                                             self->n_axes),
                          self->n_axes, self->min, self->max);
  if (self->series->len == 0)
    g_string_append_printf (text, " %s", _("No scores shown."));
  else if (self->series->len == 1)
    {
      g_autofree char *profile = describe_profile (self, g_ptr_array_index (self->series, 0));

      g_string_append_printf (text, " %s", profile);
    }
  else
    {
      g_autofree char *overlay = describe_overlay (self);

      g_string_append (text, overlay);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

static void
rc_radar_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  RcRadarChart *self = RC_RADAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree RcRadarSeries *series = NULL;
  RcRadarSpec spec = { 0 };
  GdkRGBA ink;
  cairo_t *cr;

  if (self->n_axes == 0 || width <= 0 || height <= 0)
    return;

  /* Deprecated only in GTK 4.10, and the widget's colour is what dark
   * mode and high contrast change. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  font = rc_app_dup_widget_font (widget);

  series = g_new0 (RcRadarSeries, MAX (self->series->len, 1));
  for (guint s = 0; s < self->series->len; s++)
    {
      const Series *data = g_ptr_array_index (self->series, s);

      rc_radar_series_set_style (&series[s], data->style_index);
      series[s].label = data->label;
      series[s].values = data->values;
    }

  spec.n_axes = self->n_axes;
  spec.axis_labels = (const char * const *) self->labels;
  spec.min = self->min;
  spec.max = self->max;
  spec.n_series = self->series->len;
  spec.series = series;
  spec.ink_red = ink.red;
  spec.ink_green = ink.green;
  spec.ink_blue = ink.blue;
  spec.font = font;
  spec.missing_label = _("Not assessed");

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  rc_radar_draw (cr, width, height, &spec);
  cairo_destroy (cr);
}

static void
rc_radar_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = MINIMUM_SIZE;
  *natural = NATURAL_SIZE;
}

static void
rc_radar_chart_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rc_radar_chart_parent_class)->css_changed (widget, change);

  /* Colour and font come from the style, as with dark mode. */
  gtk_widget_queue_draw (widget);
}

static void
rc_radar_chart_system_setting_changed (GtkWidget       *widget,
                                       GtkSystemSetting setting)
{
  GTK_WIDGET_CLASS (rc_radar_chart_parent_class)->system_setting_changed (widget, setting);

  /* Large text arrives as a new resolution. */
  if (setting == GTK_SYSTEM_SETTING_DPI ||
      setting == GTK_SYSTEM_SETTING_FONT_NAME ||
      setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    gtk_widget_queue_draw (widget);
}

static void
rc_radar_chart_finalize (GObject *object)
{
  RcRadarChart *self = RC_RADAR_CHART (object);

  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (rc_radar_chart_parent_class)->finalize (object);
}

static void
rc_radar_chart_class_init (RcRadarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rc_radar_chart_finalize;

  widget_class->snapshot = rc_radar_chart_snapshot;
  widget_class->measure = rc_radar_chart_measure;
  widget_class->css_changed = rc_radar_chart_css_changed;
  widget_class->system_setting_changed = rc_radar_chart_system_setting_changed;

  gtk_widget_class_set_css_name (widget_class, "radarchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rc_radar_chart_init (RcRadarChart *self)
{
  /* Reachable by keyboard, so a screen reader user gets to its description. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  self->min = 1;
  self->max = 5;
  self->series = g_ptr_array_new_with_free_func (series_free);

  update_accessible_label (self);
}

GtkWidget *
rc_radar_chart_new (void)
{
  return g_object_new (RC_TYPE_RADAR_CHART, NULL);
}

/* Replaces the axes, and with them the series: scores recorded against
 * the old factors would be misread against the new. */
void
rc_radar_chart_set_axes (RcRadarChart       *self,
                         const char * const *labels,
                         double              min,
                         double              max)
{
  g_return_if_fail (RC_IS_RADAR_CHART (self));
  g_return_if_fail (labels != NULL);
  g_return_if_fail (max > min);

  g_strfreev (self->labels);
  self->labels = g_strdupv ((char **) labels);
  self->n_axes = g_strv_length (self->labels);
  self->min = min;
  self->max = max;
  g_ptr_array_set_size (self->series, 0);

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rc_radar_chart_clear_series (RcRadarChart *self)
{
  g_return_if_fail (RC_IS_RADAR_CHART (self));

  if (self->series->len == 0)
    return;

  g_ptr_array_set_size (self->series, 0);
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
add_named_series (RcRadarChart *self,
                  const char   *label,
                  const char   *name,
                  const double *values,
                  guint         style_index)
{
  Series *series;

  series = g_new0 (Series, 1);
  series->label = g_strdup (label != NULL ? label : "");
  series->name = g_strdup (name != NULL ? name : series->label);
  series->values = g_new0 (double, MAX (self->n_axes, 1));
  if (self->n_axes > 0)
    memcpy (series->values, values, self->n_axes * sizeof (double));
  series->style_index = style_index;
  g_ptr_array_add (self->series, series);

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* values holds one score per axis, NAN where the factor was not assessed;
 * style_index picks colour, line and marker from the chart's palette. */
void
rc_radar_chart_add_series (RcRadarChart *self,
                           const char   *label,
                           const double *values,
                           guint         style_index)
{
  g_return_if_fail (RC_IS_RADAR_CHART (self));
  g_return_if_fail (self->n_axes == 0 || values != NULL);

  add_named_series (self, label, NULL, values, style_index);
}

/* Axes for the factors of @instrument, titled and scaled as it says. */
void
rc_radar_chart_set_instrument (RcRadarChart *self,
                               RcInstrument *instrument)
{
  guint n = rc_instrument_get_n_factors (instrument);
  g_autofree const char **labels = g_new0 (const char *, n + 1);

  for (guint i = 0; i < n; i++)
    labels[i] = rc_factor_get_title (rc_instrument_get_factor (instrument, i));
  rc_radar_chart_set_axes (self, labels, rc_instrument_get_min_score (instrument),
                           rc_instrument_get_max_score (instrument));
}

/**
 * rc_radar_chart_add_assessment:
 * @label: for the legend, e.g. "3 March 2025 · Intake"
 * @name: (nullable): its part among several, e.g. "Before", for the
 *   description a screen reader gives
 *
 * Adds @assessment's profile on axes set by rc_radar_chart_set_instrument()
 * with @instrument.
 */
void
rc_radar_chart_add_assessment (RcRadarChart *self,
                               const char   *label,
                               const char   *name,
                               RcAssessment *assessment,
                               RcInstrument *instrument,
                               guint         style_index)
{
  g_autofree double *values = g_new (double, MAX (rc_instrument_get_n_factors (instrument), 1));

  g_return_if_fail (RC_IS_RADAR_CHART (self));

  rc_score_values (assessment, instrument, values);
  add_named_series (self, label, name, values, style_index);
}
