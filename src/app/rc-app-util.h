/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rc-core.h"
#include "rc-labels.h"

G_BEGIN_DECLS

const char *rc_app_rater_label      (RcRater             rater);
const char *rc_app_status_label     (RcAssessmentStatus  status);
RcInstrument *rc_app_lookup_instrument (RcStore        *store,
                                       RcAssessment   *assessment,
                                       GError        **error);
char       *rc_app_format_summary   (RcAssessment       *assessment,
                                     RcInstrument       *instrument);

char       *rc_app_describe_amendment (RcAssessment     *amended_by);
void        rc_app_mark_field       (GtkWidget          *field,
                                     const char         *problem);

PangoFontDescription *rc_app_dup_widget_font (GtkWidget *widget);

void        rc_app_dispose_children (GtkWidget          *widget,
                                     GType               widget_type);
GtkFileChooserNative *rc_app_new_file_chooser (const char           *title,
                                              GtkWindow            *parent,
                                              GtkFileChooserAction  action,
                                              const char           *accept_label,
                                              RcStore              *store);

void        rc_app_wrap_combo_entries (AdwComboRow      *row);

G_END_DECLS
