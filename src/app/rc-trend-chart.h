/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RC_TYPE_TREND_CHART (rc_trend_chart_get_type ())

G_DECLARE_FINAL_TYPE (RcTrendChart, rc_trend_chart, RC, TREND_CHART, GtkWidget)

GtkWidget *rc_trend_chart_new        (void);
void       rc_trend_chart_set_points (RcTrendChart *self,
                                      guint         n_points,
                                      const double *days,
                                      const double *values,
                                      double        min,
                                      double        max,
                                      const char   *title);

G_END_DECLS
