/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "rc-assessment.h"
#include "rc-client.h"
#include "rc-comparison.h"

G_BEGIN_DECLS

/* A4 in points, the PDF's page size. */
#define RC_REPORT_A4_WIDTH  595.276
#define RC_REPORT_A4_HEIGHT 841.890

#define RC_TYPE_REPORT (rc_report_get_type ())

G_DECLARE_FINAL_TYPE (RcReport, rc_report, RC, REPORT, GObject)

RcReport *rc_report_new            (RcClient      *client,
                                    RcComparison  *comparison,
                                    RcAssessment  *middle,
                                    RcAssessment  *latest);
void      rc_report_set_show_names (RcReport      *self,
                                    gboolean       show_names);
gboolean  rc_report_get_show_names (RcReport      *self);
void      rc_report_draw           (RcReport      *self,
                                    cairo_t       *cr,
                                    double         width,
                                    double         height);
gboolean  rc_report_write_pdf      (RcReport      *self,
                                    const char    *path,
                                    GError       **error);
gboolean  rc_report_write_pdf_full (RcReport      *self,
                                    const char    *path,
                                    const char * const *protected_paths,
                                    GError       **error);

G_END_DECLS
