/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"
#include "rc-job-bar.h"

G_BEGIN_DECLS

#define RC_TYPE_COMPARE_VIEW (rc_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (RcCompareView, rc_compare_view, RC, COMPARE_VIEW, GtkWidget)

GtkWidget    *rc_compare_view_new                   (void);
gboolean      rc_compare_view_show                  (RcCompareView  *self,
                                                     RcStore        *store,
                                                     RcClient       *client,
                                                     gboolean        show_codes_only,
                                                     GError        **error);
void          rc_compare_view_focus_start           (RcCompareView  *self);
void          rc_compare_view_set_show_codes_only   (RcCompareView  *self,
                                                     gboolean        show_codes_only);
RcComparison *rc_compare_view_get_comparison        (RcCompareView  *self);
GPtrArray    *rc_compare_view_get_change_rows       (RcCompareView  *self);
GPtrArray    *rc_compare_view_get_disagreement_rows (RcCompareView  *self);
void          rc_compare_view_set_job_bar           (RcCompareView  *self,
                                                     RcJobBar       *bar);

G_END_DECLS
