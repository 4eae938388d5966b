/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The shape marking a series' points, so that overlaid profiles stay apart
 * in greyscale print and for readers who do not tell the colours apart. */
typedef enum
{
  RC_RADAR_MARKER_AUTO = 0,  /* by the series' index: circle, square, triangle */
  RC_RADAR_MARKER_CIRCLE,
  RC_RADAR_MARKER_SQUARE,
  RC_RADAR_MARKER_TRIANGLE,
} RcRadarMarker;

/* One profile on a radar chart. */
typedef struct
{
  const char   *label;     /* for the legend, e.g. "Intake, 3 March 2025" */
  double        red, green, blue;
  double        dash;      /* 0 for a solid line, else the dash length in pixels */
  const double *values;    /* n_axes values on the scale; NAN where not assessed */
  RcRadarMarker marker;
} RcRadarSeries;

typedef struct
{
  guint                 n_axes;
  const char * const   *axis_labels;
  double                min;         /* the scale's lowest score, on the innermost ring */
  double                max;         /* the scale's highest score, at the rim */
  guint                 n_series;
  const RcRadarSeries  *series;
  double                ink_red, ink_green, ink_blue;  /* text and grid: the theme's foreground */
  const PangoFontDescription *font;  /* the theme's font, so large text is honoured; a size in
                                      * points is taken at 96 dpi, so callers that know the
                                      * screen's resolution pass an absolute size */
  const char           *missing_label;  /* nullable: the legend's words for the hollow marker,
                                         * e.g. "Not assessed", shown when a value is missing */
} RcRadarSpec;

/* Where the plot landed inside width × height: the score s on axis i
 * (0 at 12 o'clock, then clockwise) is drawn at angle -π/2 + 2πi/n_axes,
 * radius × rc_radar_level_fraction (spec, s) from the centre. The centre
 * lies below the lowest level; an axis not assessed shows a hollow marker
 * there, halfway to the lowest ring, and a gap in the outline. */
typedef struct
{
  double cx, cy;
  double radius;
  double marker_reach;  /* how far a marker extends from its point, any shape */
} RcRadarGeometry;

/* The app's and the reports' palette: colour, line style and marker for the
 * style_index-th profile (before, after, follow-up), all three readable on
 * light and dark backgrounds. Leaves label and values alone. */
void rc_radar_series_set_style (RcRadarSeries     *series,
                                guint              style_index);

void rc_radar_draw             (cairo_t           *cr,
                                double             width,
                                double             height,
                                const RcRadarSpec *spec);

double rc_radar_level_fraction (const RcRadarSpec *spec,
                                double             value);

/* Measures text on cr, for hit-testing and tests; draws nothing. */
void rc_radar_get_geometry     (cairo_t           *cr,
                                double             width,
                                double             height,
                                const RcRadarSpec *spec,
                                RcRadarGeometry   *geometry);

/* The boxes of the axes' labels, as drawn at width × height: @boxes
 * holds spec->n_axes. Returns how many it filled, 0 when nothing would be
 * drawn. Measures text on cr, for tests; draws nothing. */
guint  rc_radar_get_label_boxes (cairo_t           *cr,
                                 double             width,
                                 double             height,
                                 const RcRadarSpec *spec,
                                 cairo_rectangle_t *boxes);

G_END_DECLS
