/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-render"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "rc-labels.h"
#include "rc-radar.h"
#include "rc-trend.h"

/* The radar and trend charts drawn into image surfaces and checked pixel
 * by pixel: the same functions draw the window's charts and the PDF
 * report's. */

static const char * const factor_titles[] = {
  "Family involvement",
  "Physical health",
  "Coping skills",
  "Spirituality",
  "Self-esteem",
  "Finances",
  "Support groups",
  "Housing",
  NULL,
};

#define N_AXES 8

static const double intake[N_AXES] = { 2, 1, 2, NAN, 3, 1, 2, 2 };
static const double discharge[N_AXES] = { 3, 3, 4, 3, 4, 2, NAN, 3 };
static const double follow_up[N_AXES] = { 4, 4, 4, 3, 5, 3, 4, 4 };

typedef struct
{
  RcRadarSeries series[3];
  RcRadarSpec   spec;
} Chart;

static void
chart_init (Chart        *chart,
            guint         n_series,
            const double *first_values)
{
  const char *names[] = { "Intake, 3 March 2025", "Discharge, 2 June 2025",
                          "Follow-up, 1 September 2025" };
  const double *values[] = { first_values, discharge, follow_up };

  memset (chart, 0, sizeof *chart);
  g_assert_cmpuint (n_series, <=, G_N_ELEMENTS (chart->series));

  for (guint i = 0; i < n_series; i++)
    {
      chart->series[i].label = names[i];
      chart->series[i].values = values[i];
      rc_radar_series_set_style (&chart->series[i], i);
    }

  chart->spec.n_axes = N_AXES;
  chart->spec.axis_labels = factor_titles;
  chart->spec.min = 1;
  chart->spec.max = 5;
  chart->spec.n_series = n_series;
  chart->spec.series = chart->series;
  chart->spec.ink_red = chart->spec.ink_green = chart->spec.ink_blue = 0.18;
  /* As the app and the report have it. */
  chart->spec.missing_label = "Not assessed";
}

static cairo_surface_t *
draw_chart (const RcRadarSpec *spec,
            int                width,
            int                height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  rc_radar_draw (cr, width, height, spec);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + y * stride + x * 4);
}

/* Only opaque pixels count: there premultiplied ARGB holds the colour
 * itself, and the translucent fill or antialiased edges cannot pass for a
 * line or marker. */
static gboolean
pixel_is_colour (guint32 pixel,
                 double  red,
                 double  green,
                 double  blue)
{
  int r = (pixel >> 16) & 0xff;
  int g = (pixel >> 8) & 0xff;
  int b = pixel & 0xff;

  return (pixel >> 24) == 0xff &&
         ABS (r - (int) round (red * 255)) <= 6 &&
         ABS (g - (int) round (green * 255)) <= 6 &&
         ABS (b - (int) round (blue * 255)) <= 6;
}

static gboolean
pixel_matches (guint32              pixel,
               const RcRadarSeries *series)
{
  return pixel_is_colour (pixel, series->red, series->green, series->blue);
}

static guint
count_series_pixels (cairo_surface_t     *surface,
                     const RcRadarSeries *series)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint count = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      count += pixel_matches (pixel_at (surface, x, y), series);
  return count;
}

static guint
count_drawn_pixels (cairo_surface_t *surface,
                    int              x0,
                    int              y0,
                    int              x1,
                    int              y1)
{
  guint count = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      count += (pixel_at (surface, x, y) >> 24) != 0;
  return count;
}

static gboolean
series_near (cairo_surface_t     *surface,
             const RcRadarSeries *series,
             double               cx,
             double               cy,
             int                  reach)
{
  for (int y = (int) cy - reach; y <= (int) cy + reach; y++)
    for (int x = (int) cx - reach; x <= (int) cx + reach; x++)
      if (pixel_matches (pixel_at (surface, x, y), series))
        return TRUE;
  return FALSE;
}

static void
get_geometry (const RcRadarSpec *spec,
              int                width,
              int                height,
              RcRadarGeometry   *geometry)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  rc_radar_get_geometry (cr, width, height, spec, geometry);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Where the score sits: axis 0 at 12 o'clock, then clockwise. */
static void
fraction_point (const RcRadarGeometry *geometry,
                guint                  axis,
                double                 fraction,
                double                *x,
                double                *y)
{
  double angle = -G_PI / 2 + 2 * G_PI * axis / N_AXES;
  double r = geometry->radius * fraction;

  *x = geometry->cx + r * cos (angle);
  *y = geometry->cy + r * sin (angle);
}

static void
score_point (const RcRadarGeometry *geometry,
             guint                  axis,
             double                 score,
             double                *x,
             double                *y)
{
  const RcRadarSpec spec = { .min = 1, .max = 5 };

  fraction_point (geometry, axis, rc_radar_level_fraction (&spec, score), x, y);
}

static void
save_screenshot (cairo_surface_t *chart,
                 const char      *name,
                 double           shade)
{
  const char *build_root = g_getenv ("RC_BUILD_ROOT");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (build_root == NULL)
    return;

  dir = g_build_filename (build_root, "screenshots", NULL);
  path = g_build_filename (dir, name, NULL);
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));

  /* On the window's background, as a person would see it. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        cairo_image_surface_get_width (chart),
                                        cairo_image_surface_get_height (chart));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, shade, shade, shade);
  cairo_paint (cr);
  cairo_set_source_surface (cr, chart, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
assert_margins_clear (cairo_surface_t *surface,
                      int              border)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  /* Labels that did not fit would be cut off at the edges. */
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, width, border), ==, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, 0, height - border, width, height), ==, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, border, height), ==, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, width - border, 0, width, height), ==, 0);
}

static void
test_radar_single (void)
{
  const int sizes[][2] = { { 360, 360 }, { 800, 600 }, { 240, 240 } };
  Chart chart;

  chart_init (&chart, 1, intake);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int width = sizes[i][0];
      int height = sizes[i][1];
      cairo_surface_t *surface = draw_chart (&chart.spec, width, height);

      g_test_message ("%d×%d", width, height);
      g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, width, height), >, width * height / 50);
      g_assert_cmpuint (count_series_pixels (surface, &chart.series[0]), >, 100);
      assert_margins_clear (surface, 3);

      if (i == 0)
        save_screenshot (surface, "radar-render-360.png", 0.98);
      cairo_surface_destroy (surface);
    }
}

static void
test_radar_overlay (void)
{
  const int sizes[][2] = { { 800, 600 }, { 360, 360 } };
  Chart chart;

  chart_init (&chart, 3, intake);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      int width = sizes[i][0];
      int height = sizes[i][1];
      cairo_surface_t *surface = draw_chart (&chart.spec, width, height);

      g_test_message ("%d×%d", width, height);
      g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, width, height), >, width * height / 50);
      for (guint s = 0; s < 3; s++)
        g_assert_cmpuint (count_series_pixels (surface, &chart.series[s]), >, 100);
      assert_margins_clear (surface, 3);

      if (i == 0)
        save_screenshot (surface, "radar-render.png", 0.98);
      else
        save_screenshot (surface, "radar-render-overlay-360.png", 0.98);
      cairo_surface_destroy (surface);
    }
}

static void
test_radar_dark (void)
{
  Chart chart;
  cairo_surface_t *surface;

  chart_init (&chart, 3, intake);
  chart.spec.ink_red = chart.spec.ink_green = chart.spec.ink_blue = 1.0;
  surface = draw_chart (&chart.spec, 800, 600);

  for (guint s = 0; s < 3; s++)
    g_assert_cmpuint (count_series_pixels (surface, &chart.series[s]), >, 100);
  save_screenshot (surface, "radar-render-dark.png", 0.14);
  cairo_surface_destroy (surface);
}

static void
test_radar_large_text (void)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans 15");
  const int sizes[][2] = { { 360, 360 }, { 240, 240 } };
  Chart chart;

  chart_init (&chart, 3, intake);
  chart.spec.font = font;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = draw_chart (&chart.spec, sizes[i][0], sizes[i][1]);
      RcRadarGeometry geometry;

      g_test_message ("%d×%d", sizes[i][0], sizes[i][1]);
      assert_margins_clear (surface, 3);
      get_geometry (&chart.spec, sizes[i][0], sizes[i][1], &geometry);
      /* The labels take room, but a plot remains. */
      g_assert_cmpfloat (geometry.radius, >, MIN (sizes[i][0], sizes[i][1]) / 8.0);

      if (i == 0)
        save_screenshot (surface, "radar-render-large-text.png", 0.98);
      cairo_surface_destroy (surface);
    }

  pango_font_description_free (font);
}

static void
test_radar_all_missing (void)
{
  const double nothing[N_AXES] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN };
  RcRadarGeometry geometry;
  Chart chart;
  cairo_surface_t *surface;

  chart_init (&chart, 1, nothing);
  surface = draw_chart (&chart.spec, 360, 360);

  /* Grid, labels and a hollow marker inside the lowest ring on each axis:
   * no pretended value anywhere, not even the lowest. */
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, 360, 360), >, 360 * 360 / 100);
  get_geometry (&chart.spec, 360, 360, &geometry);
  for (guint axis = 0; axis < N_AXES; axis++)
    {
      double x, y, next_x, next_y;

      /* Apart from their neighbours', whatever their shape. */
      fraction_point (&geometry, (axis + 1) % N_AXES,
                      rc_radar_level_fraction (&chart.spec, 1) / 2, &next_x, &next_y);
      fraction_point (&geometry, axis, rc_radar_level_fraction (&chart.spec, 1) / 2, &x, &y);
      g_assert_cmpfloat (hypot (next_x - x, next_y - y), >, 2 * geometry.marker_reach);
      g_assert_true (series_near (surface, &chart.series[0], x, y, 6));
      score_point (&geometry, axis, 1, &x, &y);
      g_assert_false (series_near (surface, &chart.series[0], x, y, 1));
    }
  cairo_surface_destroy (surface);
}

static void
test_radar_orientation (void)
{
  /* 5 at 12 o'clock, 3 at 3 o'clock, nothing at 9 o'clock. */
  const double values[N_AXES] = { 5, 4, 3, 4, 4, 4, NAN, 4 };
  RcRadarGeometry geometry;
  Chart chart;
  cairo_surface_t *surface;
  double x, y;

  chart_init (&chart, 1, values);
  get_geometry (&chart.spec, 360, 360, &geometry);
  g_assert_cmpfloat (geometry.radius, >, 60);
  surface = draw_chart (&chart.spec, 360, 360);

  x = geometry.cx;
  y = geometry.cy - geometry.radius;
  g_assert_true (series_near (surface, &chart.series[0], x, y, 2));

  score_point (&geometry, 2, 3, &x, &y);
  g_assert_cmpfloat (fabs (y - geometry.cy), <, 0.01);
  g_assert_true (series_near (surface, &chart.series[0], x, y, 2));

  /* The missing axis gets neither point nor line along it. */
  for (double score = 1.5; score <= 5; score += 0.25)
    {
      score_point (&geometry, 6, score, &x, &y);
      g_assert_false (series_near (surface, &chart.series[0], x, y, 2));
    }

  cairo_surface_destroy (surface);
}

static void
test_radar_gap (void)
{
  const double full[N_AXES] = { 4, 4, 4, 4, 4, 4, 4, 4 };
  const double gap[N_AXES] = { 4, 4, NAN, 4, 4, 4, 4, 4 };
  RcRadarGeometry geometry;
  Chart chart;
  cairo_surface_t *surface;
  double x, y;
  guint full_count;

  chart_init (&chart, 1, full);
  get_geometry (&chart.spec, 360, 360, &geometry);
  surface = draw_chart (&chart.spec, 360, 360);
  score_point (&geometry, 2, 4, &x, &y);
  g_assert_true (series_near (surface, &chart.series[0], x, y, 2));
  full_count = count_series_pixels (surface, &chart.series[0]);
  cairo_surface_destroy (surface);

  /* Without axis 2 the outline breaks: no point there, and no line
   * joining its neighbours across the gap either. */
  chart.series[0].values = gap;
  /* The legend's key to the hollow marker moves the plot. */
  get_geometry (&chart.spec, 360, 360, &geometry);
  surface = draw_chart (&chart.spec, 360, 360);
  score_point (&geometry, 2, 4, &x, &y);
  g_assert_false (series_near (surface, &chart.series[0], x, y, 6));
  score_point (&geometry, 2, 3, &x, &y);
  g_assert_false (series_near (surface, &chart.series[0], x, y, 6));
  score_point (&geometry, 1, 4, &x, &y);
  g_assert_true (series_near (surface, &chart.series[0], x, y, 2));
  score_point (&geometry, 3, 4, &x, &y);
  g_assert_true (series_near (surface, &chart.series[0], x, y, 2));
  g_assert_cmpuint (count_series_pixels (surface, &chart.series[0]), <, full_count);
  cairo_surface_destroy (surface);
}

/* Every level is a ring of its own, the centre below the lowest: a
 * profile of all 1s is a polygon, never a point at the centre. */
static void
test_radar_levels_distinct (void)
{
  const double lowest[N_AXES] = { 1, 1, 1, 1, 1, 1, 1, 1 };
  RcRadarGeometry geometry;
  Chart chart;
  cairo_surface_t *surface;
  double previous = 0;
  double x, y;

  chart_init (&chart, 1, lowest);
  for (int level = 1; level <= 5; level++)
    {
      double fraction = rc_radar_level_fraction (&chart.spec, level);

      g_assert_cmpfloat (fraction, >, previous + 0.1);
      previous = fraction;
    }
  g_assert_cmpfloat (previous, ==, 1.0);

  get_geometry (&chart.spec, 360, 360, &geometry);
  surface = draw_chart (&chart.spec, 360, 360);
  for (guint axis = 0; axis < N_AXES; axis++)
    {
      score_point (&geometry, axis, 1, &x, &y);
      g_assert_true (series_near (surface, &chart.series[0], x, y, 2));
    }
  /* The centre itself stays clear of the profile's outline and markers. */
  g_assert_false (series_near (surface, &chart.series[0], geometry.cx, geometry.cy, 2));
  cairo_surface_destroy (surface);
}

/* A factor not assessed is a gap with a hollow marker below every level;
 * the shading between its neighbours never reaches the centre. */
static void
test_radar_not_assessed_marker (void)
{
  const double values[N_AXES] = { 3, 3, NAN, 3, 3, 3, 3, 3 };
  RcRadarGeometry geometry;
  Chart chart;
  cairo_surface_t *surface;
  double x, y;

  chart_init (&chart, 1, values);
  get_geometry (&chart.spec, 360, 360, &geometry);
  surface = draw_chart (&chart.spec, 360, 360);
  fraction_point (&geometry, 2, rc_radar_level_fraction (&chart.spec, 1) / 2, &x, &y);
  g_assert_true (series_near (surface, &chart.series[0], x, y, 6));
  /* Around the centre, nothing at all: no vertex, no line, no shading. */
  g_assert_cmpuint (count_drawn_pixels (surface, (int) geometry.cx - 2, (int) geometry.cy - 2,
                                        (int) geometry.cx + 3, (int) geometry.cy + 3), ==, 0);
  cairo_surface_destroy (surface);
}

/* The legend says what a hollow marker means, once one is drawn, even
 * for one profile; a complete profile needs no legend. */
static void
test_radar_missing_key (void)
{
  static const double complete[N_AXES] = { 3, 3, 3, 3, 3, 3, 3, 3 };
  RcRadarGeometry plain, keyed;
  cairo_surface_t *surface;
  Chart chart;

  /* Wider than high, so the legend's row takes from the plot. */
  chart_init (&chart, 1, intake);
  get_geometry (&chart.spec, 480, 320, &keyed);
  chart.spec.missing_label = NULL;
  get_geometry (&chart.spec, 480, 320, &plain);
  chart.spec.missing_label = "Not assessed";
  g_assert_cmpfloat (keyed.radius, <, plain.radius);
  surface = draw_chart (&chart.spec, 480, 320);
  g_assert_cmpuint (count_drawn_pixels (surface, 0, (int) (keyed.cy + keyed.radius) + 30,
                                        480, 320), >, 20);
  cairo_surface_destroy (surface);

  chart.series[0].values = complete;
  get_geometry (&chart.spec, 480, 320, &keyed);
  chart.spec.missing_label = NULL;
  get_geometry (&chart.spec, 480, 320, &plain);
  g_assert_cmpfloat (keyed.radius, ==, plain.radius);
}

static gboolean
boxes_intersect (const cairo_rectangle_t *a,
                 const cairo_rectangle_t *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* No series' pixel inside a label's box: markers and outlines, drawn
 * after the labels, would cover their text. */
static void
assert_labels_uncovered (cairo_surface_t         *surface,
                         const Chart             *chart,
                         const cairo_rectangle_t *box)
{
  for (int y = (int) ceil (box->y); y < (int) floor (box->y + box->height); y++)
    for (int x = (int) ceil (box->x); x < (int) floor (box->x + box->width); x++)
      for (guint s = 0; s < chart->spec.n_series; s++)
        g_assert_false (pixel_matches (pixel_at (surface, x, y), &chart->series[s]));
}

/* Labels clear of each other and of every marker, filled or hollow, at
 * the app's sizes, at 360 px, with large text and in the PDF's. */
static void
test_radar_labels_clear (void)
{
  static const double rim[N_AXES] = { 5, 5, 5, 5, 5, 5, 5, 5 };
  static const struct
  {
    int         width, height;
    const char *font;
  } sizes[] = {
    { 736, 360, "Sans 11px" },   /* the comparison, wide */
    { 736, 320, "Sans 11px" },   /* the profile */
    { 336, 360, "Sans 11px" },   /* 360 px wide */
    { 336, 320, "Sans 15px" },   /* 360 px with large text */
    { 240, 240, "Sans 11px" },   /* the smallest the app allows */
    { 499, 190, "Sans 8.5px" },  /* the PDF's page, at its smallest */
  };
  const double *firsts[] = { rim, intake };

  for (guint f = 0; f < G_N_ELEMENTS (firsts); f++)
    for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
      {
        g_autoptr(PangoFontDescription) font = pango_font_description_from_string (sizes[k].font);
        cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
        cairo_t *cr = cairo_create (probe);
        cairo_rectangle_t boxes[N_AXES];
        RcRadarGeometry geometry;
        cairo_surface_t *surface;
        Chart chart;

        chart_init (&chart, 3, firsts[f]);
        chart.spec.font = font;
        g_assert_cmpuint (rc_radar_get_label_boxes (cr, sizes[k].width, sizes[k].height,
                                                    &chart.spec, boxes), ==, N_AXES);
        rc_radar_get_geometry (cr, sizes[k].width, sizes[k].height, &chart.spec, &geometry);
        cairo_destroy (cr);
        cairo_surface_destroy (probe);
        g_assert_cmpfloat (geometry.radius, >, 0.15 * MIN (sizes[k].width, sizes[k].height));

        surface = draw_chart (&chart.spec, sizes[k].width, sizes[k].height);
        for (guint i = 0; i < N_AXES; i++)
          {
            for (guint j = i + 1; j < N_AXES; j++)
              g_assert_false (boxes_intersect (&boxes[i], &boxes[j]));

            for (guint s = 0; s < chart.spec.n_series; s++)
              for (guint axis = 0; axis < N_AXES; axis++)
                {
                  double value = chart.series[s].values[axis];
                  double fraction = isfinite (value)
                                    ? rc_radar_level_fraction (&chart.spec, value)
                                    : rc_radar_level_fraction (&chart.spec, 1) / 2;
                  cairo_rectangle_t marker;
                  double x, y;

                  fraction_point (&geometry, axis, fraction, &x, &y);
                  marker.x = x - geometry.marker_reach;
                  marker.y = y - geometry.marker_reach;
                  marker.width = marker.height = 2 * geometry.marker_reach;
                  g_assert_false (boxes_intersect (&boxes[i], &marker));
                }
            assert_labels_uncovered (surface, &chart, &boxes[i]);
          }
        cairo_surface_destroy (surface);
      }
}

static void
test_radar_clipped (void)
{
  Chart chart;
  cairo_surface_t *surface;
  cairo_t *cr;

  chart_init (&chart, 3, intake);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 460, 460);
  cr = cairo_create (surface);
  cairo_translate (cr, 50, 50);

  /* Even on a chart too small for its labels, nothing leaves its box. */
  rc_radar_draw (cr, 360, 360, &chart.spec);
  rc_radar_draw (cr, 100, 80, &chart.spec);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_assert_cmpuint (count_drawn_pixels (surface, 50, 50, 410, 410), >, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, 460, 50), ==, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 410, 460, 460), ==, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, 50, 460), ==, 0);
  g_assert_cmpuint (count_drawn_pixels (surface, 410, 0, 460, 460), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_radar_deterministic (void)
{
  Chart chart;
  cairo_surface_t *a;
  cairo_surface_t *b;

  chart_init (&chart, 3, intake);
  a = draw_chart (&chart.spec, 800, 600);
  b = draw_chart (&chart.spec, 800, 600);

  g_assert_cmpint (cairo_image_surface_get_stride (a), ==, cairo_image_surface_get_stride (b));
  g_assert_cmpmem (cairo_image_surface_get_data (a),
                   cairo_image_surface_get_stride (a) * 600,
                   cairo_image_surface_get_data (b),
                   cairo_image_surface_get_stride (b) * 600);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_radar_styles (void)
{
  RcRadarSeries styles[4] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    rc_radar_series_set_style (&styles[i], i);

  /* Three apart, in line and marker as well as colour, then round again. */
  g_assert_cmpfloat (styles[0].dash, ==, 0);
  g_assert_cmpfloat (styles[1].dash, >, 0);
  g_assert_cmpfloat (styles[2].dash, >, 0);
  g_assert_cmpfloat (styles[1].dash, !=, styles[2].dash);
  g_assert_cmpint (styles[0].marker, !=, styles[1].marker);
  g_assert_cmpint (styles[1].marker, !=, styles[2].marker);
  g_assert_cmpint (styles[0].marker, !=, styles[2].marker);
  g_assert_cmpmem (&styles[3], sizeof styles[3], &styles[0], sizeof styles[0]);
}

/* Trend charts: a colour no text or grid has, to find line and markers. */
#define ACCENT_RED   0.80
#define ACCENT_GREEN 0.10
#define ACCENT_BLUE  0.45

/* 3 March 2025, so that ticks name real dates. */
#define DAY_ZERO 739313.0

static void
trend_init (RcTrendSpec  *spec,
            guint         n_points,
            const double *days,
            const double *values)
{
  memset (spec, 0, sizeof *spec);
  spec->n_points = n_points;
  spec->days = days;
  spec->values = values;
  spec->min = 1;
  spec->max = 5;
  spec->y_title = "Housing";
  spec->ink_red = spec->ink_green = spec->ink_blue = 0.18;
  spec->accent_red = ACCENT_RED;
  spec->accent_green = ACCENT_GREEN;
  spec->accent_blue = ACCENT_BLUE;
}

static cairo_surface_t *
draw_trend (const RcTrendSpec *spec,
            int                width,
            int                height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  rc_trend_draw (cr, width, height, spec);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint
count_accent_in_column (cairo_surface_t *surface,
                        int              x)
{
  guint count = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    count += pixel_is_colour (pixel_at (surface, x, y), ACCENT_RED, ACCENT_GREEN, ACCENT_BLUE);
  return count;
}

/* The centres of the markers, left to right: on a level line, the
 * columns where the accent stands taller than the line is wide. */
static GArray *
find_markers (cairo_surface_t *surface)
{
  GArray *centres = g_array_new (FALSE, FALSE, sizeof (double));
  int start = -1;

  for (int x = 0; x <= cairo_image_surface_get_width (surface); x++)
    {
      gboolean tall = x < cairo_image_surface_get_width (surface) &&
                      count_accent_in_column (surface, x) >= 5;

      if (tall && start < 0)
        start = x;
      else if (!tall && start >= 0)
        {
          double centre = (start + x - 1) / 2.0;

          g_array_append_val (centres, centre);
          start = -1;
        }
    }
  return centres;
}

static void
test_trend_time_scale (void)
{
  const double days[] = { DAY_ZERO, DAY_ZERO + 10, DAY_ZERO + 100 };
  const double values[] = { 3, 3, 3 };
  RcTrendSpec spec;
  cairo_surface_t *surface;
  g_autoptr(GArray) markers = NULL;
  double first, second, third;

  trend_init (&spec, 3, days, values);
  surface = draw_trend (&spec, 800, 300);
  markers = find_markers (surface);

  /* Ten days are a tenth of a hundred, not half of the way. */
  g_assert_cmpuint (markers->len, ==, 3);
  first = g_array_index (markers, double, 0);
  second = g_array_index (markers, double, 1);
  third = g_array_index (markers, double, 2);
  g_assert_cmpfloat (third - first, >, 500);
  g_assert_cmpfloat_with_epsilon ((second - first) / (third - first), 0.1, 0.01);

  /* The line joins them. */
  g_assert_cmpuint (count_accent_in_column (surface, (int) ((first + second) / 2)), >, 0);
  g_assert_cmpuint (count_accent_in_column (surface, (int) ((second + third) / 2)), >, 0);
  assert_margins_clear (surface, 3);
  cairo_surface_destroy (surface);
}

static void
test_trend_gap (void)
{
  const double days[] = { DAY_ZERO, DAY_ZERO + 10, DAY_ZERO + 20, DAY_ZERO + 30, DAY_ZERO + 40 };
  const double values[] = { 3, 3, NAN, 3, 3 };
  RcTrendSpec spec;
  cairo_surface_t *surface;
  g_autoptr(GArray) markers = NULL;
  double a, b, c, d;

  trend_init (&spec, G_N_ELEMENTS (days), days, values);
  surface = draw_trend (&spec, 600, 300);
  markers = find_markers (surface);

  /* No point for the missing value, and no line bridging it: its column
   * has no accent at all, while the scored neighbours are joined. */
  g_assert_cmpuint (markers->len, ==, 4);
  a = g_array_index (markers, double, 0);
  b = g_array_index (markers, double, 1);
  c = g_array_index (markers, double, 2);
  d = g_array_index (markers, double, 3);
  g_assert_cmpfloat_with_epsilon ((c - b) / (d - a), 0.5, 0.02);
  g_assert_cmpuint (count_accent_in_column (surface, (int) ((a + b) / 2)), >, 0);
  g_assert_cmpuint (count_accent_in_column (surface, (int) ((c + d) / 2)), >, 0);
  for (int x = (int) b + 8; x <= (int) c - 8; x++)
    g_assert_cmpuint (count_accent_in_column (surface, x), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_trend_single (void)
{
  const double days[] = { DAY_ZERO };
  const double values[] = { 4 };
  RcTrendSpec spec;
  cairo_surface_t *surface;
  g_autoptr(GArray) markers = NULL;
  guint accent = 0;

  trend_init (&spec, 1, days, values);
  surface = draw_trend (&spec, 400, 240);
  markers = find_markers (surface);

  /* A marker alone, with no line leading anywhere. */
  g_assert_cmpuint (markers->len, ==, 1);
  for (int x = 0; x < 400; x++)
    accent += count_accent_in_column (surface, x);
  g_assert_cmpuint (accent, >, 10);
  g_assert_cmpuint (accent, <, 80);
  assert_margins_clear (surface, 3);
  cairo_surface_destroy (surface);
}

static void
test_trend_empty (void)
{
  RcTrendSpec spec;
  cairo_surface_t *surface;

  trend_init (&spec, 0, NULL, NULL);
  surface = draw_trend (&spec, 400, 240);

  /* Not even axes: the caller shows its own empty state. */
  g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, 400, 240), ==, 0);
  cairo_surface_destroy (surface);
}

/* Spans of a day to decades, each with ticks that fit: nothing is drawn
 * outside the chart, and every point is there. */
static void
test_trend_spans (void)
{
  const double spans[] = { 1, 5, 20, 60, 240, 700, 2000, 9000, 40000 };
  const double values[] = { 2, 3, 4 };
  RcTrendSpec spec;

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      const double days[] = { DAY_ZERO, DAY_ZERO + spans[i] / 3, DAY_ZERO + spans[i] };
      const int sizes[][2] = { { 800, 300 }, { 320, 200 } };

      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          cairo_surface_t *surface;

          g_test_message ("%g days, %d×%d", spans[i], sizes[k][0], sizes[k][1]);
          trend_init (&spec, 3, days, values);
          surface = draw_trend (&spec, sizes[k][0], sizes[k][1]);
          assert_margins_clear (surface, 3);
          g_assert_cmpuint (count_drawn_pixels (surface, 0, 0, sizes[k][0], sizes[k][1]), >,
                            1000);
          cairo_surface_destroy (surface);
        }
    }
}

static void
test_trend_sample (void)
{
  const double days[] = { DAY_ZERO, DAY_ZERO + 42, DAY_ZERO + 91, DAY_ZERO + 150,
                          DAY_ZERO + 273, DAY_ZERO + 365 };
  const double values[] = { 21, 24.5, NAN, 29, 31, 33 };
  const char * const labels[] = { "Intake", "Review", "Review", "Discharge", "Follow-up",
                                  "Follow-up" };
  RcTrendSpec spec;
  cairo_surface_t *surface;

  trend_init (&spec, G_N_ELEMENTS (days), days, values);
  spec.point_labels = labels;
  spec.min = 8;
  spec.max = 40;
  spec.y_title = "Total";
  surface = draw_trend (&spec, 720, 320);
  assert_margins_clear (surface, 3);
  save_screenshot (surface, "trend.png", 0.98);
  cairo_surface_destroy (surface);
}

/* Months are named in the language of the messages, even where LC_TIME
 * has none of its own (LANGUAGE=fr under C.UTF-8, as on a fresh Debian). */
static void
test_dates_in_message_language (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2024, 7, 18, 0, 0, 0);
  g_autofree char *localedir = g_build_filename (g_getenv ("RC_BUILD_ROOT"), "po", NULL);
  g_autofree char *english = rc_labels_format_time (time, "%-d %B %Y, %b %%B");
  g_autofree char *french = NULL;
  g_autofree char *spanish = NULL;

  g_assert_cmpstr (english, ==, "18 July 2024, Jul %B");
  /* The tests' C.UTF-8: gettext ignores LANGUAGE under plain C. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  g_setenv ("LANGUAGE", "fr", TRUE);
  french = rc_labels_format_time (time, "%-d %B %Y, %b");
  g_setenv ("LANGUAGE", "es", TRUE);
  /* gettext caches what it found until the locale is set again. */
  setlocale (LC_ALL, "");
  spanish = rc_labels_format_date ("2024-07-18");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  g_assert_cmpstr (french, ==, "18 juillet 2024, juil.");
  g_assert_cmpstr (spanish, ==, "18 de julio de 2024");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/dates-in-message-language", test_dates_in_message_language);
  g_test_add_func ("/render/radar/single", test_radar_single);
  g_test_add_func ("/render/radar/overlay", test_radar_overlay);
  g_test_add_func ("/render/radar/dark", test_radar_dark);
  g_test_add_func ("/render/radar/large-text", test_radar_large_text);
  g_test_add_func ("/render/radar/all-missing", test_radar_all_missing);
  g_test_add_func ("/render/radar/orientation", test_radar_orientation);
  g_test_add_func ("/render/radar/gap", test_radar_gap);
  g_test_add_func ("/render/radar/levels-distinct", test_radar_levels_distinct);
  g_test_add_func ("/render/radar/not-assessed-marker", test_radar_not_assessed_marker);
  g_test_add_func ("/render/radar/labels-clear", test_radar_labels_clear);
  g_test_add_func ("/render/radar/missing-key", test_radar_missing_key);
  g_test_add_func ("/render/radar/clipped", test_radar_clipped);
  g_test_add_func ("/render/radar/deterministic", test_radar_deterministic);
  g_test_add_func ("/render/radar/styles", test_radar_styles);
  g_test_add_func ("/render/trend/time-scale", test_trend_time_scale);
  g_test_add_func ("/render/trend/gap", test_trend_gap);
  g_test_add_func ("/render/trend/single", test_trend_single);
  g_test_add_func ("/render/trend/empty", test_trend_empty);
  g_test_add_func ("/render/trend/spans", test_trend_spans);
  g_test_add_func ("/render/trend/sample", test_trend_sample);

  return g_test_run ();
}
