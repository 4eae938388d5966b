/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

char       *rc_app_format_date      (const char         *iso_date);
const char *rc_app_timepoint_label  (RcTimepoint         timepoint);
const char *rc_app_rater_label      (RcRater             rater);
const char *rc_app_status_label     (RcAssessmentStatus  status);
RcInstrument *rc_app_lookup_instrument (RcStore        *store,
                                       RcAssessment   *assessment,
                                       GError        **error);
char       *rc_app_format_summary   (RcAssessment       *assessment,
                                     RcInstrument       *instrument);

void        rc_app_dispose_children (GtkWidget          *widget,
                                     GType               widget_type);

G_END_DECLS
