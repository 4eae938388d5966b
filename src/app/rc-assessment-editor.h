/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_ASSESSMENT_EDITOR (rc_assessment_editor_get_type ())

G_DECLARE_FINAL_TYPE (RcAssessmentEditor, rc_assessment_editor, RC, ASSESSMENT_EDITOR, GtkWidget)

GtkWidget    *rc_assessment_editor_new            (void);
gboolean      rc_assessment_editor_edit           (RcAssessmentEditor  *self,
                                                   RcStore             *store,
                                                   RcAssessment        *assessment,
                                                   GError             **error);
RcAssessment *rc_assessment_editor_get_assessment (RcAssessmentEditor  *self);
gboolean      rc_assessment_editor_save_now       (RcAssessmentEditor  *self,
                                                   GError             **error);
gboolean      rc_assessment_editor_has_unsaved_changes (RcAssessmentEditor *self);
void          rc_assessment_editor_focus_start    (RcAssessmentEditor  *self);
guint         rc_assessment_editor_get_n_factor_rows (RcAssessmentEditor *self);
GtkWidget    *rc_assessment_editor_get_factor_row (RcAssessmentEditor  *self,
                                                   guint                position);

G_END_DECLS
