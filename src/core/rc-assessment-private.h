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

G_END_DECLS
