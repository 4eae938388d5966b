/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-radar"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "rc-render-text.h"
#include "rc-radar.h"

/* The radar (star) chart of one to three profiles. It draws on any cairo
 * context, so the window and the PDF report show the same picture; all
 * sizes are in the context's user units, one unit being a pixel on screen. */

#define LINE_WIDTH    2.5
#define FILL_ALPHA    0.15
#define GRID_ALPHA    0.14
#define RIM_ALPHA     0.28
#define NUMBER_ALPHA  0.60
#define TEXT_ALPHA    0.90
#define MARKER_RADIUS 4.0
/* The triangle's corners reach furthest, and a hollow marker's stroke
 * half its width beyond. */
#define MARKER_REACH  (MARKER_RADIUS * 1.35 + 0.75)

/* Where the lowest level sits, as a share of the radius. The centre is
 * below every level, so each level is a ring of its own (a profile of all
 * 1s is a polygon, not a point) and the centre can stand for "no level".
 * Wide enough that the hollow markers of neighbouring factors not assessed,
 * halfway in, stay apart at 360 px. */
#define LOWEST_LEVEL_FRACTION 0.3

/* Below this share of the chart's smaller side, the plot is too small to
 * read and the text gives way. */
#define MIN_RADIUS_FRACTION 0.15

/* Candidate widths, in ems, at which axis labels wrap onto their second
 * line (never narrower than their longest word); the layout tries them
 * and keeps the one that leaves the plot largest. */
static const double wrap_widths_em[] = { 16, 12, 10, 8, 6.5, 5 };
#define N_WRAP_WIDTHS G_N_ELEMENTS (wrap_widths_em)

static const struct
{
  double        red, green, blue;
  double        dash;
  RcRadarMarker marker;
} palette[] = {
  /* GNOME blue 3, orange 4 and a lighter purple: ≥ 3:1 against both
   * Adwaita's light and dark window backgrounds, and apart in the usual
   * colour blindnesses once the line style and marker help. */
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 0.0, RC_RADAR_MARKER_CIRCLE },
  { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0, 7.0, RC_RADAR_MARKER_SQUARE },
  { 0xb4 / 255.0, 0x52 / 255.0, 0xc8 / 255.0, 2.0, RC_RADAR_MARKER_TRIANGLE },
};

typedef struct
{
  PangoLayout    *layout;
  double          dx, dy;   /* the axis' direction from the centre */
  double          sx, sy;   /* box side of the anchor: -1 left/up, 0 centred, 1 right/down */
  gboolean        vertical; /* near 12 or 6 o'clock, where width is cheap and height dear */
  double          gap;      /* between the rim and the box */
  double          wrap[N_WRAP_WIDTHS];
  double          w[N_WRAP_WIDTHS];
  double          h[N_WRAP_WIDTHS];
  gboolean        ellipsized[N_WRAP_WIDTHS];
  PangoRectangle  rect;
  double          x, y;     /* the box's top left corner */
} AxisLabel;

typedef struct
{
  PangoLayout    *layout;
  PangoRectangle  rect;
  double          x, y;     /* the swatch's left end and the row's middle */
} LegendItem;

typedef struct
{
  PangoFontDescription *font;
  PangoFontDescription *number_font;
  double                number_height;
  double                em;
  double                margin;
  double                cx, cy, radius;
  gboolean              overlaps;
  guint                 n_axes;
  AxisLabel            *labels;
  guint                 n_legend;
  LegendItem           *legend;
  double                swatch_width;
} Layout;

void
rc_radar_series_set_style (RcRadarSeries *series,
                           guint          style_index)
{
  guint i = style_index % G_N_ELEMENTS (palette);

  g_return_if_fail (series != NULL);

  series->red = palette[i].red;
  series->green = palette[i].green;
  series->blue = palette[i].blue;
  series->dash = palette[i].dash;
  series->marker = palette[i].marker;
}

/* The top left corner of a label's box, relative to the centre, when the
 * plot has radius r: the box touches the point just outside the rim on its
 * axis and extends away from the centre. */
static void
label_origin (const AxisLabel *label,
              double           w,
              double           h,
              double           r,
              double          *x,
              double          *y)
{
  *x = (r + label->gap) * label->dx - w * (1.0 - label->sx) / 2.0;
  *y = (r + label->gap) * label->dy - h * (1.0 - label->sy) / 2.0;
}

/* The bounding box of plot and labels, relative to the centre. */
static void
plot_extents (const Layout *lo,
              const guint  *choice,
              double        r,
              double       *left,
              double       *top,
              double       *right,
              double       *bottom)
{
  double reach = r + MARKER_RADIUS + LINE_WIDTH;

  *left = *top = -reach;
  *right = *bottom = reach;

  for (guint i = 0; i < lo->n_axes; i++)
    {
      const AxisLabel *label = &lo->labels[i];
      guint c = choice[label->vertical ? 1 : 0];
      double x, y;

      label_origin (label, label->w[c], label->h[c], r, &x, &y);
      *left = MIN (*left, x);
      *top = MIN (*top, y);
      *right = MAX (*right, x + label->w[c]);
      *bottom = MAX (*bottom, y + label->h[c]);
    }
}

static gboolean
labels_overlap (const Layout *lo,
                const guint  *choice,
                double        r)
{
  double pad = 0.25 * lo->em;

  if (lo->n_axes < 2)
    return FALSE;

  for (guint i = 0; i < lo->n_axes; i++)
    {
      const AxisLabel *a = &lo->labels[i];
      const AxisLabel *b = &lo->labels[(i + 1) % lo->n_axes];
      guint ca = choice[a->vertical ? 1 : 0];
      guint cb = choice[b->vertical ? 1 : 0];
      double ax, ay, bx, by;

      label_origin (a, a->w[ca], a->h[ca], r, &ax, &ay);
      label_origin (b, b->w[cb], b->h[cb], r, &bx, &by);
      if (ax < bx + b->w[cb] + pad && bx < ax + a->w[ca] + pad &&
          ay < by + b->h[cb] + pad && by < ay + a->h[ca] + pad)
        return TRUE;
    }
  return FALSE;
}

/* The largest radius at which plot and labels fit avail_w × avail_h. The
 * extents grow with the radius, so a bisection finds it. */
static double
fit_radius (const Layout *lo,
            const guint  *choice,
            double        avail_w,
            double        avail_h)
{
  double low = 0.0;
  double high = MAX (avail_w, avail_h);
  double left, top, right, bottom;

  plot_extents (lo, choice, 0.0, &left, &top, &right, &bottom);
  if (right - left > avail_w || bottom - top > avail_h)
    return 0.0;

  for (guint i = 0; i < 40; i++)
    {
      double mid = (low + high) / 2.0;

      plot_extents (lo, choice, mid, &left, &top, &right, &bottom);
      if (right - left <= avail_w && bottom - top <= avail_h)
        low = mid;
      else
        high = mid;
    }
  return low;
}

/* Whether the legend says what a hollow marker means: only where one is
 * drawn. */
static gboolean
legend_has_key (const RcRadarSpec *spec)
{
  if (spec->missing_label == NULL)
    return FALSE;
  for (guint s = 0; s < spec->n_series; s++)
    for (guint i = 0; i < spec->n_axes; i++)
      if (!isfinite (spec->series[s].values[i]))
        return TRUE;
  return FALSE;
}

static void
layout_legend (Layout            *lo,
               cairo_t           *cr,
               double             width,
               const RcRadarSpec *spec,
               double            *legend_height)
{
  double avail = width - 2 * lo->margin;
  double item_gap = 1.5 * lo->em;
  double text_gap = 0.5 * lo->em;
  double row_spacing = 0.3 * lo->em;
  double row_height = 2 * MARKER_RADIUS + 4;
  double total = 0;
  double widest = 0;
  guint n_columns;
  guint n_rows;

  lo->n_legend = spec->n_series + (legend_has_key (spec) ? 1 : 0);
  lo->legend = g_new0 (LegendItem, lo->n_legend);
  lo->swatch_width = 2.4 * lo->em;

  for (guint i = 0; i < lo->n_legend; i++)
    {
      LegendItem *item = &lo->legend[i];
      const char *text = i < spec->n_series ? spec->series[i].label : spec->missing_label;
      double item_width;

      item->layout = rc_render_create_layout (cr, lo->font, text);
      pango_layout_set_ellipsize (item->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (item->layout,
                              (int) (MAX (avail - lo->swatch_width - text_gap, lo->em)
                                     * PANGO_SCALE));
      pango_layout_get_pixel_extents (item->layout, NULL, &item->rect);
      row_height = MAX (row_height, item->rect.height);

      item_width = lo->swatch_width + text_gap + item->rect.width;
      total += (i > 0 ? item_gap : 0) + item_width;
      widest = MAX (widest, item_width);
    }

  if (total <= avail)
    {
      /* One centred row, when it fits. */
      double x = lo->margin + (avail - total) / 2.0;

      for (guint i = 0; i < lo->n_legend; i++)
        {
          lo->legend[i].x = x;
          lo->legend[i].y = row_height / 2.0;
          x += lo->swatch_width + text_gap + lo->legend[i].rect.width + item_gap;
        }
      *legend_height = row_height;
      return;
    }

  /* Else a table of equal columns, so the swatches line up. */
  n_columns = (guint) CLAMP (floor ((avail + item_gap) / (widest + item_gap)), 1, lo->n_legend);
  n_rows = (lo->n_legend + n_columns - 1) / n_columns;
  widest = MIN (widest, avail);
  for (guint i = 0; i < lo->n_legend; i++)
    {
      double block = n_columns * widest + (n_columns - 1) * item_gap;

      lo->legend[i].x = lo->margin + (avail - block) / 2.0 + (i % n_columns) * (widest + item_gap);
      lo->legend[i].y = (i / n_columns) * (row_height + row_spacing) + row_height / 2.0;
    }
  *legend_height = n_rows * row_height + (n_rows - 1) * row_spacing;
}

static void
layout_clear (Layout *lo)
{
  for (guint i = 0; i < lo->n_axes; i++)
    g_clear_object (&lo->labels[i].layout);
  for (guint i = 0; i < lo->n_legend; i++)
    g_clear_object (&lo->legend[i].layout);
  g_clear_pointer (&lo->labels, g_free);
  g_clear_pointer (&lo->legend, g_free);
  g_clear_pointer (&lo->font, pango_font_description_free);
  g_clear_pointer (&lo->number_font, pango_font_description_free);
}

/* The narrowest a label may wrap: its longest word, so that words are only
 * broken when a single one is too long for any chart. */
static double
longest_word_width (cairo_t                    *cr,
                    const PangoFontDescription *font,
                    const char                 *text,
                    double                      cap)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);
  g_autoptr(PangoLayout) layout = rc_render_create_layout (cr, font, NULL);
  double longest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      PangoRectangle rect;

      pango_layout_set_text (layout, words[i], -1);
      pango_layout_get_pixel_extents (layout, NULL, &rect);
      longest = MAX (longest, rect.width);
    }
  return MIN (ceil (longest), cap);
}

static void
layout_compute_with_font (Layout                     *lo,
                          cairo_t                    *cr,
                          double                      width,
                          double                      height,
                          const RcRadarSpec          *spec,
                          const PangoFontDescription *font)
{
  guint best[2] = { 0, 0 };
  double best_radius = -1;
  guint best_flaws = G_MAXUINT;
  double plot_height;
  double legend_height = 0;
  double left, top, right, bottom;
  double gap;
  g_autoptr(PangoLayout) number = NULL;
  PangoRectangle number_rect;

  memset (lo, 0, sizeof *lo);

  lo->font = pango_font_description_copy (font);
  lo->em = rc_render_font_pixel_size (lo->font);
  lo->margin = ceil (0.5 * lo->em);
  gap = MARKER_RADIUS + LINE_WIDTH + 0.35 * lo->em;

  lo->number_font = pango_font_description_copy (font);
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (lo->number_font,
                                              0.8 * pango_font_description_get_size (font));
  else
    pango_font_description_set_size (lo->number_font,
                                     (int) (0.8 * pango_font_description_get_size (font)));
  number = rc_render_create_layout (cr, lo->number_font, "0");
  pango_layout_get_pixel_extents (number, NULL, &number_rect);
  lo->number_height = number_rect.height;

  plot_height = height - 2 * lo->margin;
  if (spec->n_series > 1 || legend_has_key (spec))
    {
      layout_legend (lo, cr, width, spec, &legend_height);
      plot_height -= legend_height + 0.8 * lo->em;
    }

  lo->n_axes = spec->n_axes;
  lo->labels = g_new0 (AxisLabel, lo->n_axes);
  for (guint i = 0; i < lo->n_axes; i++)
    {
      AxisLabel *label = &lo->labels[i];
      const char *text = spec->axis_labels != NULL ? spec->axis_labels[i] : NULL;
      double angle = -G_PI / 2.0 + 2.0 * G_PI * i / lo->n_axes;
      PangoAlignment alignment = PANGO_ALIGN_CENTER;
      double narrowest;

      label->dx = cos (angle);
      label->dy = sin (angle);
      /* Snap the tiny remainders of cos and sin, so that the axes at 12, 3,
       * 6 and 9 o'clock centre their labels exactly. */
      if (fabs (label->dx) < 1e-9)
        label->dx = 0;
      if (fabs (label->dy) < 1e-9)
        label->dy = 0;
      label->sx = CLAMP (3.0 * label->dx, -1.0, 1.0);
      label->sy = CLAMP (3.0 * label->dy, -1.0, 1.0);
      label->vertical = fabs (label->dx) < 0.3;
      /* The scale's top number stands above the rim beside the first axis. */
      label->gap = i == 0 ? MAX (gap, lo->number_height + 3.0) : gap;

      if (label->sx > 0.5)
        alignment = PANGO_ALIGN_LEFT;
      else if (label->sx < -0.5)
        alignment = PANGO_ALIGN_RIGHT;

      label->layout = rc_render_create_layout (cr, lo->font, text);
      pango_layout_set_alignment (label->layout, alignment);
      pango_layout_set_wrap (label->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (label->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (label->layout, -2);

      narrowest = longest_word_width (cr, lo->font, text, wrap_widths_em[0] * lo->em);
      for (guint c = 0; c < N_WRAP_WIDTHS; c++)
        {
          PangoRectangle rect;

          label->wrap[c] = MAX (wrap_widths_em[c] * lo->em, narrowest);
          pango_layout_set_width (label->layout, (int) (label->wrap[c] * PANGO_SCALE));
          pango_layout_get_pixel_extents (label->layout, NULL, &rect);
          label->w[c] = rect.width;
          label->h[c] = rect.height;
          label->ellipsized[c] = pango_layout_is_ellipsized (label->layout);
        }
    }

  /* Side labels and those at the top and bottom wrap separately: on a wide
   * chart the sides should wrap and the top stay on one line, on a tall
   * one the other way round. Overlapping labels are worse than cut ones,
   * and those worse than a smaller plot; wider wraps come first and win
   * ties. */
  for (guint side = 0; side < N_WRAP_WIDTHS; side++)
    for (guint vertical = 0; vertical < N_WRAP_WIDTHS; vertical++)
      {
        guint choice[2] = { side, vertical };
        double r = fit_radius (lo, choice, width - 2 * lo->margin, plot_height);
        guint flaws = labels_overlap (lo, choice, r) ? 2 : 0;

        for (guint i = 0; i < lo->n_axes; i++)
          if (lo->labels[i].ellipsized[choice[lo->labels[i].vertical ? 1 : 0]])
            {
              flaws |= 1;
              break;
            }

        if (flaws < best_flaws || (flaws == best_flaws && r > best_radius + 0.5))
          {
            best[0] = side;
            best[1] = vertical;
            best_radius = r;
            best_flaws = flaws;
          }
      }

  lo->radius = MAX (best_radius, 0.0);
  lo->overlaps = (best_flaws & 2) != 0;
  plot_extents (lo, best, lo->radius, &left, &top, &right, &bottom);
  lo->cx = lo->margin + (width - 2 * lo->margin - (right - left)) / 2.0 - left;
  lo->cy = lo->margin + (plot_height - (bottom - top)) / 2.0 - top;

  for (guint i = 0; i < lo->n_axes; i++)
    {
      AxisLabel *label = &lo->labels[i];
      guint c = best[label->vertical ? 1 : 0];

      pango_layout_set_width (label->layout, (int) (label->wrap[c] * PANGO_SCALE));
      pango_layout_get_pixel_extents (label->layout, NULL, &label->rect);
      label_origin (label, label->rect.width, label->rect.height, lo->radius,
                    &label->x, &label->y);
      label->x += lo->cx;
      label->y += lo->cy;
    }

  for (guint i = 0; i < lo->n_legend; i++)
    lo->legend[i].y += height - lo->margin - legend_height;
}

/* The theme's font where it leaves room for a plot; on charts too small
 * for it, a smaller one rather than overlapping labels or a dot of a plot. */
static void
layout_compute (Layout            *lo,
                cairo_t           *cr,
                double             width,
                double             height,
                const RcRadarSpec *spec)
{
  static const double scales[] = { 1.0, 0.85, 0.72, 0.6 };
  g_autoptr(PangoFontDescription) font = NULL;
  double size;
  gboolean absolute;

  if (spec->font != NULL)
    font = pango_font_description_copy (spec->font);
  else
    font = pango_font_description_from_string ("Sans 10");
  if (pango_font_description_get_size (font) <= 0)
    pango_font_description_set_size (font, 10 * PANGO_SCALE);
  size = pango_font_description_get_size (font);
  absolute = pango_font_description_get_size_is_absolute (font);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      if (i > 0)
        {
          layout_clear (lo);
          if (absolute)
            pango_font_description_set_absolute_size (font, scales[i] * size);
          else
            pango_font_description_set_size (font, (int) (scales[i] * size));
        }

      layout_compute_with_font (lo, cr, width, height, spec, font);
      if (!lo->overlaps && lo->radius >= MIN_RADIUS_FRACTION * MIN (width, height))
        break;
    }
}

/**
 * rc_radar_level_fraction:
 *
 * Returns: how far from the centre @value lies, as a share of the radius:
 *   %LOWEST_LEVEL_FRACTION for the scale's minimum, 1 for its maximum
 */
double
rc_radar_level_fraction (const RcRadarSpec *spec,
                         double             value)
{
  double t;

  g_return_val_if_fail (spec->max > spec->min, 1.0);

  t = CLAMP ((value - spec->min) / (spec->max - spec->min), 0.0, 1.0);

  return LOWEST_LEVEL_FRACTION + (1.0 - LOWEST_LEVEL_FRACTION) * t;
}

static void
axis_point_at (const Layout *lo,
               guint         axis,
               double        fraction,
               double       *x,
               double       *y)
{
  *x = lo->cx + lo->radius * fraction * lo->labels[axis].dx;
  *y = lo->cy + lo->radius * fraction * lo->labels[axis].dy;
}

static void
axis_point (const Layout      *lo,
            const RcRadarSpec *spec,
            guint              axis,
            double             value,
            double            *x,
            double            *y)
{
  axis_point_at (lo, axis, rc_radar_level_fraction (spec, value), x, y);
}

static void
set_ink (cairo_t           *cr,
         const RcRadarSpec *spec,
         double             alpha)
{
  cairo_set_source_rgba (cr, spec->ink_red, spec->ink_green, spec->ink_blue, alpha);
}

static void
ring_path (cairo_t      *cr,
           const Layout *lo,
           double        r)
{
  if (lo->n_axes < 3)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, lo->cx, lo->cy, r, 0, 2 * G_PI);
      return;
    }

  for (guint i = 0; i < lo->n_axes; i++)
    {
      double x = lo->cx + r * lo->labels[i].dx;
      double y = lo->cy + r * lo->labels[i].dy;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

/* The ring spacing: one score apart on the usual 1–5 scales, coarser on
 * long ones so the rings stay few. */
static double
ring_step (double span)
{
  static const double factors[] = { 2, 2.5, 2 };
  double step = 1;
  guint i = 0;

  while (span / step > 10)
    step *= factors[i++ % G_N_ELEMENTS (factors)];
  while (span / step < 2 && step > 1e-6)
    step /= 2;
  return step;
}

static void
draw_grid (cairo_t           *cr,
           const Layout      *lo,
           const RcRadarSpec *spec)
{
  double span = spec->max - spec->min;
  double step = ring_step (span);
  g_autoptr(PangoLayout) number = rc_render_create_layout (cr, lo->number_font, NULL);
  double first = ceil (spec->min / step - 1e-9) * step;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);

  /* The spokes start at the lowest level: inside it lies no score, only
   * the hollow markers of factors not assessed. */
  for (guint i = 0; i < lo->n_axes; i++)
    {
      double x, y;

      axis_point_at (lo, i, LOWEST_LEVEL_FRACTION, &x, &y);
      cairo_move_to (cr, x, y);
      axis_point_at (lo, i, 1.0, &x, &y);
      cairo_line_to (cr, x, y);
    }
  set_ink (cr, spec, GRID_ALPHA);
  cairo_stroke (cr);

  for (guint k = 0;; k++)
    {
      double value = first + k * step;
      double r = lo->radius * rc_radar_level_fraction (spec, value);
      gboolean rim = value >= spec->max - 1e-9;

      if (value > spec->max + 1e-9)
        break;

      ring_path (cr, lo, r);
      set_ink (cr, spec, rim ? RIM_ALPHA : GRID_ALPHA);
      cairo_stroke (cr);
    }

  /* The scale's numbers sit beside the first axis, each just above its
   * ring and clear of the markers on the axis: there profiles' outlines,
   * mostly near the rings' own slope, run below them. Where rings crowd,
   * only every few are numbered, counting from the rim. */
  if (lo->n_axes > 0)
    {
      guint n_rings = 0;
      double ring_gap = lo->radius * (1.0 - LOWEST_LEVEL_FRACTION) * step / span;
      guint every = (guint) ceil (1.1 * lo->number_height / MAX (ring_gap, 1e-6));

      while (first + n_rings * step <= spec->max + 1e-9)
        n_rings++;

      set_ink (cr, spec, NUMBER_ALPHA);
      for (guint k = 0; k < n_rings; k++)
        {
          double value = first + k * step;
          double r = lo->radius * rc_radar_level_fraction (spec, value);
          g_autofree char *text = NULL;
          PangoRectangle rect;

          if ((n_rings - 1 - k) % MAX (every, 1) != 0)
            continue;

          text = g_strdup_printf ("%g", value);
          pango_layout_set_text (number, text, -1);
          pango_layout_get_pixel_extents (number, NULL, &rect);
          cairo_move_to (cr,
                         lo->cx + MARKER_RADIUS * 1.35 + 2.0 - rect.x,
                         lo->cy - r - 1.0 - rect.height - rect.y);
          pango_cairo_show_layout (cr, number);
        }
    }

  cairo_restore (cr);
}

static void
draw_labels (cairo_t           *cr,
             const Layout      *lo,
             const RcRadarSpec *spec)
{
  set_ink (cr, spec, TEXT_ALPHA);
  for (guint i = 0; i < lo->n_axes; i++)
    {
      const AxisLabel *label = &lo->labels[i];

      cairo_move_to (cr, label->x - label->rect.x, label->y - label->rect.y);
      pango_cairo_show_layout (cr, label->layout);
    }
}

/* Closes a run of assessed axes, from @first up to the gap at @gap,
 * back along the lowest level's ring. */
static void
close_run_along_lowest_ring (cairo_t      *cr,
                             const Layout *lo,
                             guint         first,
                             guint         gap)
{
  guint n = lo->n_axes;

  for (guint i = (gap + n - 1) % n;; i = (i + n - 1) % n)
    {
      double x, y;

      axis_point_at (lo, i, LOWEST_LEVEL_FRACTION, &x, &y);
      cairo_line_to (cr, x, y);
      if (i == first)
        break;
    }
  cairo_close_path (cr);
}

/* The series' outline: one closed polygon when every axis is assessed,
 * else open runs between consecutive assessed axes, with a gap at each
 * axis not assessed. With as_fill, each run is closed back along the
 * lowest level's ring, never through the centre, so the shading covers
 * what was scored and does not spike inwards at a gap (a
 * profile without gaps is shaded to the centre, as one polygon). */
static void
series_path (cairo_t             *cr,
             const Layout        *lo,
             const RcRadarSpec   *spec,
             const RcRadarSeries *series,
             gboolean             as_fill)
{
  guint n = lo->n_axes;
  guint start = n;
  guint run_start = 0;
  gboolean in_run = FALSE;

  for (guint i = 0; i < n; i++)
    if (!isfinite (series->values[i]))
      {
        start = i;
        break;
      }

  if (start == n)
    {
      for (guint i = 0; i < n; i++)
        {
          double x, y;

          axis_point (lo, spec, i, series->values[i], &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
      return;
    }

  /* Start just after a gap, so every run is met from its beginning. */
  for (guint k = 1; k <= n; k++)
    {
      guint i = (start + k) % n;
      double x, y;

      if (!isfinite (series->values[i]))
        {
          if (in_run && as_fill)
            close_run_along_lowest_ring (cr, lo, run_start, i);
          in_run = FALSE;
          continue;
        }

      axis_point (lo, spec, i, series->values[i], &x, &y);
      if (!in_run)
        {
          cairo_move_to (cr, x, y);
          run_start = i;
          in_run = TRUE;
        }
      else
        {
          cairo_line_to (cr, x, y);
        }
    }
}

static void
set_line_style (cairo_t             *cr,
                const RcRadarSeries *series)
{
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (series->dash > 0)
    {
      /* Short dashes need relatively longer gaps to read as dots. */
      double gap = series->dash >= 4 ? 0.6 * series->dash : 2.0 * series->dash;
      double dashes[2] = { series->dash, gap };

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_dash (cr, dashes, 2, 0);
    }
  else
    {
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* The series' marker at x, y: filled for a score, hollow for an axis
 * not assessed. */
static void
draw_marker (cairo_t             *cr,
             const RcRadarSeries *series,
             guint                index,
             double               x,
             double               y,
             gboolean             hollow)
{
  RcRadarMarker marker = series->marker;

  if (marker == RC_RADAR_MARKER_AUTO)
    marker = palette[index % G_N_ELEMENTS (palette)].marker;

  switch (marker)
    {
    case RC_RADAR_MARKER_SQUARE:
      {
        /* Of about the circle's area, so no series looks heavier. */
        double half = MARKER_RADIUS * 0.886;

        cairo_rectangle (cr, x - half, y - half, 2 * half, 2 * half);
      }
      break;

    case RC_RADAR_MARKER_TRIANGLE:
      {
        double r = MARKER_RADIUS * 1.35;

        cairo_move_to (cr, x, y - r);
        cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
        cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
        cairo_close_path (cr);
      }
      break;

    case RC_RADAR_MARKER_AUTO:
    case RC_RADAR_MARKER_CIRCLE:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
      break;
    }
  if (hollow)
    {
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}

static void
draw_series (cairo_t           *cr,
             const Layout      *lo,
             const RcRadarSpec *spec)
{
  cairo_save (cr);

  /* Fills first, so no profile's shading covers another's outline. */
  for (guint s = 0; s < spec->n_series; s++)
    {
      const RcRadarSeries *series = &spec->series[s];

      series_path (cr, lo, spec, series, TRUE);
      cairo_set_source_rgba (cr, series->red, series->green, series->blue, FILL_ALPHA);
      cairo_fill (cr);
    }

  for (guint s = 0; s < spec->n_series; s++)
    {
      const RcRadarSeries *series = &spec->series[s];

      series_path (cr, lo, spec, series, FALSE);
      set_line_style (cr, series);
      cairo_set_source_rgb (cr, series->red, series->green, series->blue);
      cairo_stroke (cr);
    }

  for (guint s = 0; s < spec->n_series; s++)
    {
      const RcRadarSeries *series = &spec->series[s];

      cairo_set_source_rgb (cr, series->red, series->green, series->blue);
      for (guint i = 0; i < lo->n_axes; i++)
        {
          gboolean assessed = isfinite (series->values[i]);
          double x, y;

          /* Not assessed: a hollow marker below every level, where no
           * score can be, rather than a point that reads as the worst. */
          if (assessed)
            axis_point (lo, spec, i, series->values[i], &x, &y);
          else
            axis_point_at (lo, i, LOWEST_LEVEL_FRACTION / 2, &x, &y);
          draw_marker (cr, series, s, x, y, !assessed);
        }
    }

  cairo_restore (cr);
}

static void
draw_legend (cairo_t           *cr,
             const Layout      *lo,
             const RcRadarSpec *spec)
{
  cairo_save (cr);

  for (guint s = 0; s < lo->n_legend; s++)
    {
      const LegendItem *item = &lo->legend[s];

      if (s < spec->n_series)
        {
          const RcRadarSeries *series = &spec->series[s];

          cairo_set_source_rgb (cr, series->red, series->green, series->blue);
          set_line_style (cr, series);
          cairo_move_to (cr, item->x + LINE_WIDTH / 2, item->y);
          cairo_line_to (cr, item->x + lo->swatch_width - LINE_WIDTH / 2, item->y);
          cairo_stroke (cr);
          draw_marker (cr, series, s, item->x + lo->swatch_width / 2, item->y, FALSE);
        }
      else
        {
          /* The key: a hollow marker in the text's colour, whatever the
           * profile's shape. */
          const RcRadarSeries key = { .marker = RC_RADAR_MARKER_CIRCLE };

          set_ink (cr, spec, TEXT_ALPHA);
          draw_marker (cr, &key, s, item->x + lo->swatch_width / 2, item->y, TRUE);
        }

      set_ink (cr, spec, TEXT_ALPHA);
      cairo_move_to (cr,
                     item->x + lo->swatch_width + 0.5 * lo->em - item->rect.x,
                     item->y - item->rect.height / 2.0 - item->rect.y);
      pango_cairo_show_layout (cr, item->layout);
    }

  cairo_restore (cr);
}

static gboolean
spec_is_drawable (const RcRadarSpec *spec)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (spec->max > spec->min, FALSE);
  g_return_val_if_fail (spec->n_series == 0 || spec->series != NULL, FALSE);

  for (guint s = 0; s < spec->n_series; s++)
    g_return_val_if_fail (spec->n_axes == 0 || spec->series[s].values != NULL, FALSE);

  return TRUE;
}

void
rc_radar_draw (cairo_t           *cr,
               double             width,
               double             height,
               const RcRadarSpec *spec)
{
  Layout lo;

  g_return_if_fail (cr != NULL);

  if (!spec_is_drawable (spec) || width < 1 || height < 1)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);

  layout_compute (&lo, cr, width, height, spec);
  if (lo.n_axes > 0)
    {
      draw_grid (cr, &lo, spec);
      draw_labels (cr, &lo, spec);
      draw_series (cr, &lo, spec);
    }
  draw_legend (cr, &lo, spec);
  layout_clear (&lo);

  cairo_restore (cr);
}

/* Lays the chart out as rc_radar_draw() would, for the queries below;
 * FALSE when nothing would be drawn. */
static gboolean
layout_for_query (Layout            *lo,
                  cairo_t           *cr,
                  double             width,
                  double             height,
                  const RcRadarSpec *spec)
{
  if (!spec_is_drawable (spec) || width < 1 || height < 1)
    return FALSE;
  layout_compute (lo, cr, width, height, spec);
  return TRUE;
}

void
rc_radar_get_geometry (cairo_t           *cr,
                       double             width,
                       double             height,
                       const RcRadarSpec *spec,
                       RcRadarGeometry   *geometry)
{
  Layout lo;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  geometry->cx = width / 2.0;
  geometry->cy = height / 2.0;
  geometry->radius = 0;
  geometry->marker_reach = MARKER_REACH;

  if (!layout_for_query (&lo, cr, width, height, spec))
    return;
  geometry->cx = lo.cx;
  geometry->cy = lo.cy;
  geometry->radius = lo.radius;
  layout_clear (&lo);
}

guint
rc_radar_get_label_boxes (cairo_t           *cr,
                          double             width,
                          double             height,
                          const RcRadarSpec *spec,
                          cairo_rectangle_t *boxes)
{
  Layout lo;
  guint n;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (boxes != NULL, 0);

  if (!layout_for_query (&lo, cr, width, height, spec))
    return 0;
  n = lo.n_axes;
  for (guint i = 0; i < n; i++)
    {
      const AxisLabel *label = &lo.labels[i];

      boxes[i].x = label->x;
      boxes[i].y = label->y;
      boxes[i].width = label->rect.width;
      boxes[i].height = label->rect.height;
    }
  layout_clear (&lo);
  return n;
}
