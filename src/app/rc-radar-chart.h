/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_RADAR_CHART (rc_radar_chart_get_type ())

G_DECLARE_FINAL_TYPE (RcRadarChart, rc_radar_chart, RC, RADAR_CHART, GtkWidget)

GtkWidget *rc_radar_chart_new          (void);
void       rc_radar_chart_set_axes     (RcRadarChart       *self,
                                        const char * const *labels,
                                        double              min,
                                        double              max);
void       rc_radar_chart_set_instrument (RcRadarChart     *self,
                                          RcInstrument     *instrument);
void       rc_radar_chart_clear_series (RcRadarChart       *self);
void       rc_radar_chart_add_series   (RcRadarChart       *self,
                                        const char         *label,
                                        const double       *values,
                                        guint               style_index);
void       rc_radar_chart_add_assessment (RcRadarChart     *self,
                                          const char       *label,
                                          const char       *name,
                                          RcAssessment     *assessment,
                                          RcInstrument     *instrument,
                                          guint             style_index);

G_END_DECLS
