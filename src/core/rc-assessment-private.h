/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-assessment.h"

G_BEGIN_DECLS

void rc_assessment_load_rating (RcAssessment *self,
                                guint         position,
                                const char   *factor_key,
                                int           score,
                                const char   *note,
                                const char   *goal);

/* The revision of the stored row this copy was read or last written as;
 * 0 when it was never stored. Only the store sets it. */
gint64 rc_assessment_get_revision (RcAssessment *self);
void   rc_assessment_set_revision (RcAssessment *self,
                                   gint64        revision);

G_END_DECLS
