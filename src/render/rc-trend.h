/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* One score over time: a factor's or the total's, one point per
 * assessment. */
typedef struct
{
  guint                       n_points;
  const double               *days;          /* ascending GDate Julian day numbers
                                              * (g_date_get_julian()): points are placed by
                                              * real time, and ticks name those dates */
  const double               *values;        /* on the scale; NAN where there is no value */
  const char * const         *point_labels;  /* nullable, as are its items: small text above
                                              * each point, e.g. the timepoint */
  double                      min;           /* the scale's lowest score, at the bottom */
  double                      max;           /* the scale's highest score, at the top */
  const char                 *y_title;       /* nullable: what the scale measures */
  double                      ink_red, ink_green, ink_blue;           /* text and grid: the
                                                                       * theme's foreground */
  double                      accent_red, accent_green, accent_blue;  /* line and markers */
  const PangoFontDescription *font;          /* as in RcRadarSpec: a size in points is taken
                                              * at 96 dpi, so callers that know the screen's
                                              * resolution pass an absolute size */
} RcTrendSpec;

/* Draws axes, gridlines, date ticks, the line and its markers within
 * width × height. A missing value breaks the line rather than being
 * bridged; a point with no neighbour is a marker alone. With no points,
 * nothing is drawn, so the caller can show an empty state. */
void rc_trend_draw (cairo_t           *cr,
                    double             width,
                    double             height,
                    const RcTrendSpec *spec);

G_END_DECLS
