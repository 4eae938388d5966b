/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-trend"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "rc-labels.h"
#include "rc-render-text.h"
#include "rc-trend.h"

/* A score over time, for the window and the report alike: all sizes are
 * in the context's user units, one unit being a pixel on screen. Points
 * sit where their dates fall, so a year between two assessments looks
 * longer than a week. */

#define LINE_WIDTH    2.5
#define MARKER_RADIUS 4.0
#define TICK_LENGTH   4.0
#define GRID_ALPHA    0.14
#define AXIS_ALPHA    0.40
#define NUMBER_ALPHA  0.65
#define TEXT_ALPHA    0.90

typedef enum
{
  UNIT_DAY,
  UNIT_MONTH,
  UNIT_YEAR,
} TickUnit;

/* Tick spacings from fine to coarse; the finest whose labels do not
 * collide wins. Weeks start on Mondays, quarters in January. */
static const struct
{
  TickUnit unit;
  guint    step;
} tick_steps[] = {
  { UNIT_DAY, 1 }, { UNIT_DAY, 2 }, { UNIT_DAY, 7 }, { UNIT_DAY, 14 },
  { UNIT_MONTH, 1 }, { UNIT_MONTH, 2 }, { UNIT_MONTH, 3 }, { UNIT_MONTH, 6 },
  { UNIT_YEAR, 1 }, { UNIT_YEAR, 2 }, { UNIT_YEAR, 5 }, { UNIT_YEAR, 10 },
  { UNIT_YEAR, 20 }, { UNIT_YEAR, 50 }, { UNIT_YEAR, 100 },
};

typedef struct
{
  double          x;
  PangoLayout    *layout;
  PangoRectangle  rect;
} Tick;

typedef struct
{
  PangoFontDescription *font;
  PangoFontDescription *small_font;
  double                em;
  double                margin;
  double                left, top, right, bottom;  /* the plot's frame */
  double                inset;                     /* between the frame's sides and the first
                                                    * and last points */
  double                value_step;                /* between gridlines */
  double                day0, day1;
  GArray               *ticks;                     /* Tick */
} Layout;

static void
clear_tick (gpointer data)
{
  g_clear_object (&((Tick *) data)->layout);
}

static void
layout_clear (Layout *lo)
{
  g_clear_pointer (&lo->ticks, g_array_unref);
  g_clear_pointer (&lo->font, pango_font_description_free);
  g_clear_pointer (&lo->small_font, pango_font_description_free);
}

static double
day_to_x (const Layout *lo,
          double        day)
{
  double span = lo->day1 - lo->day0;

  if (span <= 0)
    return (lo->left + lo->right) / 2.0;
  return lo->left + lo->inset + (day - lo->day0) / span * (lo->right - lo->left - 2 * lo->inset);
}

static double
value_to_y (const Layout      *lo,
            const RcTrendSpec *spec,
            double             value)
{
  double t = CLAMP ((value - spec->min) / (spec->max - spec->min), 0.0, 1.0);

  return lo->bottom - t * (lo->bottom - lo->top);
}

/* The spacing of the scale's gridlines: whole scores, 1, 2, 5, 10, 20…
 * apart, the closest that leaves each label room. */
static double
choose_value_step (double span,
                   double max_lines)
{
  static const double factors[] = { 2, 2.5, 2 };
  double step = 1;
  guint i = 0;

  while (span / step > MAX (max_lines, 1))
    step *= factors[i++ % G_N_ELEMENTS (factors)];
  return step;
}

static double
first_value (const Layout      *lo,
             const RcTrendSpec *spec)
{
  return ceil (spec->min / lo->value_step - 1e-9) * lo->value_step;
}

static double
approximate_days (TickUnit unit,
                  guint    step)
{
  switch (unit)
    {
    case UNIT_DAY:
      return step;
    case UNIT_MONTH:
      return 30.44 * step;
    case UNIT_YEAR:
    default:
      return 365.25 * step;
    }
}

static gboolean
julian_is_valid (double day)
{
  return day >= 1 && day <= G_MAXUINT32 && g_date_valid_julian ((guint32) day);
}

/* Ticks on the first of every @step-th month, counting months as
 * year × 12 + month − 1 from @first, within [day0, day1]. */
static void
append_month_ticks (GArray *days,
                    int     first,
                    int     step,
                    double  day0,
                    double  day1)
{
  GDate date;

  g_date_clear (&date, 1);
  for (int months = first;; months += step)
    {
      int year = months / 12;
      int month = months % 12 + 1;
      guint32 day;

      if (!g_date_valid_dmy (1, month, year))
        break;
      g_date_set_dmy (&date, 1, month, year);
      day = g_date_get_julian (&date);
      if (day > day1)
        break;
      if (day >= day0)
        g_array_append_val (days, day);
    }
}

/* The Julian days of the ticks of one spacing within [day0, day1]. */
static GArray *
tick_days (TickUnit unit,
           guint    step,
           double   day0,
           double   day1)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (guint32));
  int istep = (int) step;
  GDate date;
  int year, month;

  day0 = MAX (ceil (day0), 1);
  if (!julian_is_valid (day0) || !julian_is_valid (floor (day1)))
    return days;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) day0);
  year = g_date_get_year (&date);
  month = g_date_get_month (&date);

  switch (unit)
    {
    case UNIT_DAY:
      {
        /* Julian day 1 is a Monday, so weeks counted from it start on one. */
        guint32 first = (guint32) day0 + (step - ((guint32) day0 - 1) % step) % step;

        for (guint32 day = first; day <= day1; day += step)
          g_array_append_val (days, day);
      }
      break;

    case UNIT_MONTH:
      append_month_ticks (days, year * 12 + month - 1 - (month - 1) % istep, istep, day0, day1);
      break;

    case UNIT_YEAR:
    default:
      append_month_ticks (days, (year - year % istep) * 12, istep * 12, day0, day1);
      break;
    }
  return days;
}

static char *
format_day (guint32     day,
            const char *format)
{
  g_autoptr(GDateTime) time = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  return time != NULL ? rc_labels_format_time (time, format) : NULL;
}

static const char *
unit_format (TickUnit unit)
{
  switch (unit)
    {
    case UNIT_DAY:
      /* Translators: a tick on a chart's time axis, see g_date_time_format() */
      return _("%-d %b");
    case UNIT_MONTH:
      /* Translators: a tick on a chart's time axis, see g_date_time_format() */
      return _("%b %Y");
    case UNIT_YEAR:
    default:
      return "%Y";
    }
}

static GArray *
make_ticks (const Layout *lo,
            cairo_t      *cr,
            GArray       *days,
            const char   *format)
{
  GArray *ticks = g_array_sized_new (FALSE, TRUE, sizeof (Tick), days->len);

  g_array_set_clear_func (ticks, clear_tick);
  for (guint i = 0; i < days->len; i++)
    {
      guint32 day = g_array_index (days, guint32, i);
      g_autofree char *text = format_day (day, format);
      Tick tick = { day_to_x (lo, day), rc_render_create_layout (cr, lo->small_font, text), { 0 } };

      pango_layout_get_pixel_extents (tick.layout, NULL, &tick.rect);
      g_array_append_val (ticks, tick);
    }
  return ticks;
}

static gboolean
ticks_collide (const Layout *lo,
               GArray       *ticks)
{
  for (guint i = 1; i < ticks->len; i++)
    {
      const Tick *a = &g_array_index (ticks, Tick, i - 1);
      const Tick *b = &g_array_index (ticks, Tick, i);

      if (b->x - a->x < (a->rect.width + b->rect.width) / 2.0 + 0.8 * lo->em)
        return TRUE;
    }
  return FALSE;
}

/* The finest spacing whose labels stand apart; a single day, when all
 * points share one, is named in full. */
static void
choose_ticks (Layout  *lo,
              cairo_t *cr)
{
  double plot_width = lo->right - lo->left - 2 * lo->inset;

  if (lo->day1 - lo->day0 < 1)
    {
      g_autoptr(GArray) days = tick_days (UNIT_DAY, 1, floor (lo->day0), floor (lo->day0));

      /* Translators: a date on a chart's time axis, see g_date_time_format() */
      lo->ticks = make_ticks (lo, cr, days, _("%-d %b %Y"));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tick_steps); i++)
    {
      TickUnit unit = tick_steps[i].unit;
      guint step = tick_steps[i].step;
      g_autoptr(GArray) days = NULL;
      GArray *ticks;

      /* Far too many to fit even as narrow labels: skip the measuring. */
      if (i + 1 < G_N_ELEMENTS (tick_steps) &&
          (lo->day1 - lo->day0) / approximate_days (unit, step) > plot_width / (2 * lo->em))
        continue;

      days = tick_days (unit, step, lo->day0, lo->day1);
      ticks = make_ticks (lo, cr, days, unit_format (unit));
      if (!ticks_collide (lo, ticks) || i == G_N_ELEMENTS (tick_steps) - 1)
        {
          lo->ticks = ticks;
          return;
        }
      g_array_unref (ticks);
    }
}

/* Fills @lo; returns whether a plot fits in width × height at all. */

/* A gridline's number; steps add up to a hair below zero, never "-0". */
static char *
value_label (double value)
{
  return g_strdup_printf ("%.0f", fabs (value) < 1e-9 ? 0.0 : value);
}

static gboolean
layout_compute (Layout            *lo,
                cairo_t           *cr,
                double             width,
                double             height,
                const RcTrendSpec *spec)
{
  g_autoptr(PangoLayout) sample = NULL;
  PangoRectangle rect;
  double label_width = 0;

  *lo = (Layout) { 0 };

  if (spec->font != NULL)
    lo->font = pango_font_description_copy (spec->font);
  else
    lo->font = pango_font_description_from_string ("Sans 10");
  if (pango_font_description_get_size (lo->font) <= 0)
    pango_font_description_set_size (lo->font, 10 * PANGO_SCALE);
  lo->small_font = pango_font_description_copy (lo->font);
  if (pango_font_description_get_size_is_absolute (lo->font))
    pango_font_description_set_absolute_size (lo->small_font,
                                              0.85 * pango_font_description_get_size (lo->font));
  else
    pango_font_description_set_size (lo->small_font,
                                     (int) (0.85 * pango_font_description_get_size (lo->font)));

  lo->em = rc_render_font_pixel_size (lo->font);
  lo->margin = ceil (0.5 * lo->em);
  lo->inset = MARKER_RADIUS + LINE_WIDTH + 0.5 * lo->em;

  lo->top = lo->margin;
  if (spec->y_title != NULL && *spec->y_title != '\0')
    {
      sample = rc_render_create_layout (cr, lo->font, spec->y_title);
      pango_layout_get_pixel_extents (sample, NULL, &rect);
      lo->top += rect.height + 0.5 * lo->em;
      g_clear_object (&sample);
    }

  /* Room for the top label's upper half, and for a marker at the top. */
  sample = rc_render_create_layout (cr, lo->small_font, "0123456789");
  pango_layout_get_pixel_extents (sample, NULL, &rect);
  lo->top += MAX (rect.height / 2.0, MARKER_RADIUS + LINE_WIDTH);
  lo->bottom = height - lo->margin - rect.height - TICK_LENGTH - 0.3 * lo->em;

  lo->value_step = choose_value_step (spec->max - spec->min,
                                      (lo->bottom - lo->top) / (1.8 * rect.height));
  for (double value = first_value (lo, spec); value <= spec->max + 1e-9; value += lo->value_step)
    {
      g_autofree char *text = value_label (value);

      pango_layout_set_text (sample, text, -1);
      pango_layout_get_pixel_extents (sample, NULL, &rect);
      label_width = MAX (label_width, rect.width);
    }
  lo->left = lo->margin + label_width + 0.5 * lo->em;
  lo->right = width - lo->margin;

  if (lo->right - lo->left < 2 * lo->inset + 1 || lo->bottom - lo->top < 1)
    return FALSE;

  lo->day0 = lo->day1 = spec->days[0];
  for (guint i = 1; i < spec->n_points; i++)
    {
      lo->day0 = MIN (lo->day0, spec->days[i]);
      lo->day1 = MAX (lo->day1, spec->days[i]);
    }
  choose_ticks (lo, cr);
  return TRUE;
}

static void
set_ink (cairo_t           *cr,
         const RcTrendSpec *spec,
         double             alpha)
{
  cairo_set_source_rgba (cr, spec->ink_red, spec->ink_green, spec->ink_blue, alpha);
}

static void
draw_title (cairo_t           *cr,
            const Layout      *lo,
            const RcTrendSpec *spec,
            double             width)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle rect;

  if (spec->y_title == NULL || *spec->y_title == '\0')
    return;

  layout = rc_render_create_layout (cr, lo->font, spec->y_title);
  pango_layout_set_width (layout, (int) ((width - 2 * lo->margin) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_extents (layout, NULL, &rect);
  set_ink (cr, spec, TEXT_ALPHA);
  cairo_move_to (cr, lo->margin - rect.x, lo->margin - rect.y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (cairo_t           *cr,
           const Layout      *lo,
           const RcTrendSpec *spec,
           double             width)
{
  g_autoptr(PangoLayout) number = rc_render_create_layout (cr, lo->small_font, NULL);
  PangoRectangle rect;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  for (double value = first_value (lo, spec); value <= spec->max + 1e-9; value += lo->value_step)
    {
      g_autofree char *text = value_label (value);
      double y = value_to_y (lo, spec, value);

      cairo_move_to (cr, lo->left, y);
      cairo_line_to (cr, lo->right, y);
      set_ink (cr, spec, GRID_ALPHA);
      cairo_stroke (cr);

      pango_layout_set_text (number, text, -1);
      pango_layout_get_pixel_extents (number, NULL, &rect);
      set_ink (cr, spec, NUMBER_ALPHA);
      cairo_move_to (cr, lo->left - 0.5 * lo->em - rect.width - rect.x,
                     y - rect.height / 2.0 - rect.y);
      pango_cairo_show_layout (cr, number);
    }

  cairo_move_to (cr, lo->left, lo->top);
  cairo_line_to (cr, lo->left, lo->bottom);
  cairo_line_to (cr, lo->right, lo->bottom);
  for (guint i = 0; i < lo->ticks->len; i++)
    {
      const Tick *tick = &g_array_index (lo->ticks, Tick, i);

      cairo_move_to (cr, tick->x, lo->bottom);
      cairo_line_to (cr, tick->x, lo->bottom + TICK_LENGTH);
    }
  set_ink (cr, spec, AXIS_ALPHA);
  cairo_stroke (cr);

  /* Labels centred under their ticks, kept inside the chart at its ends. */
  set_ink (cr, spec, NUMBER_ALPHA);
  for (guint i = 0; i < lo->ticks->len; i++)
    {
      const Tick *tick = &g_array_index (lo->ticks, Tick, i);
      double x = CLAMP (tick->x - tick->rect.width / 2.0,
                        lo->margin, width - lo->margin - tick->rect.width);

      cairo_move_to (cr, x - tick->rect.x, lo->bottom + TICK_LENGTH + 0.3 * lo->em - tick->rect.y);
      pango_cairo_show_layout (cr, tick->layout);
    }

  cairo_restore (cr);
}

static void
draw_series (cairo_t           *cr,
             const Layout      *lo,
             const RcTrendSpec *spec)
{
  gboolean in_run = FALSE;

  cairo_save (cr);
  cairo_set_source_rgb (cr, spec->accent_red, spec->accent_green, spec->accent_blue);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Only neighbours both scored are joined: a missing value is a gap, not
   * a guess. */
  for (guint i = 0; i < spec->n_points; i++)
    {
      double x = day_to_x (lo, spec->days[i]);

      if (!isfinite (spec->values[i]))
        {
          in_run = FALSE;
          continue;
        }
      if (in_run)
        cairo_line_to (cr, x, value_to_y (lo, spec, spec->values[i]));
      else
        cairo_move_to (cr, x, value_to_y (lo, spec, spec->values[i]));
      in_run = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < spec->n_points; i++)
    {
      if (!isfinite (spec->values[i]))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, day_to_x (lo, spec->days[i]), value_to_y (lo, spec, spec->values[i]),
                 MARKER_RADIUS, 0, 2 * G_PI);
    }
  cairo_fill (cr);

  cairo_restore (cr);
}

/* Above each point, or below it where the frame's top is near; a label
 * that would cover an earlier one is left out. */
static void
draw_point_labels (cairo_t           *cr,
                   const Layout      *lo,
                   const RcTrendSpec *spec,
                   double             width)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) placed = NULL;
  double gap = MARKER_RADIUS + 0.25 * lo->em;

  if (spec->point_labels == NULL)
    return;

  layout = rc_render_create_layout (cr, lo->small_font, NULL);
  placed = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  set_ink (cr, spec, TEXT_ALPHA);

  for (guint i = 0; i < spec->n_points; i++)
    {
      cairo_rectangle_t box;
      PangoRectangle rect;
      gboolean clear = TRUE;
      double x, y;

      if (spec->point_labels[i] == NULL || !isfinite (spec->values[i]))
        continue;

      pango_layout_set_text (layout, spec->point_labels[i], -1);
      pango_layout_get_pixel_extents (layout, NULL, &rect);
      x = day_to_x (lo, spec->days[i]);
      y = value_to_y (lo, spec, spec->values[i]);
      box.width = rect.width;
      box.height = rect.height;
      box.x = CLAMP (x - rect.width / 2.0, lo->margin, width - lo->margin - rect.width);
      box.y = y - gap - rect.height;
      if (box.y < lo->top - MARKER_RADIUS)
        box.y = y + gap;

      for (guint k = 0; k < placed->len && clear; k++)
        {
          const cairo_rectangle_t *other = &g_array_index (placed, cairo_rectangle_t, k);

          clear = box.x >= other->x + other->width || other->x >= box.x + box.width ||
                  box.y >= other->y + other->height || other->y >= box.y + box.height;
        }
      if (!clear)
        continue;

      g_array_append_val (placed, box);
      cairo_move_to (cr, box.x - rect.x, box.y - rect.y);
      pango_cairo_show_layout (cr, layout);
    }
}

void
rc_trend_draw (cairo_t           *cr,
               double             width,
               double             height,
               const RcTrendSpec *spec)
{
  Layout lo;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (spec != NULL);
  g_return_if_fail (spec->max > spec->min);
  g_return_if_fail (spec->n_points == 0 || (spec->days != NULL && spec->values != NULL));

  if (spec->n_points == 0 || width < 1 || height < 1)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);

  if (layout_compute (&lo, cr, width, height, spec))
    {
      draw_title (cr, &lo, spec, width);
      draw_axes (cr, &lo, spec, width);
      draw_series (cr, &lo, spec);
      draw_point_labels (cr, &lo, spec, width);
    }
  layout_clear (&lo);

  cairo_restore (cr);
}
