/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_PROFILE_VIEW (rc_profile_view_get_type ())

G_DECLARE_FINAL_TYPE (RcProfileView, rc_profile_view, RC, PROFILE_VIEW, GtkWidget)

GtkWidget    *rc_profile_view_new            (void);
gboolean      rc_profile_view_show           (RcProfileView  *self,
                                              RcStore        *store,
                                              RcAssessment   *assessment,
                                              RcAssessment   *amended_by,
                                              GError        **error);
RcAssessment *rc_profile_view_get_assessment (RcProfileView  *self);
void          rc_profile_view_focus_start    (RcProfileView  *self);

G_END_DECLS
