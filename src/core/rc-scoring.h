/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-assessment.h"
#include "rc-instrument.h"

G_BEGIN_DECLS

/* The summary of one assessment. The total is prorated: the mean of the
 * assessed factors times the number of factors, which equals the plain sum
 * when every factor is assessed. It is given only while no more than the
 * instrument's max-missing factors (2 of 8 for the default) are "not
 * assessed"; with more missing, a total would say more than the data do. */
typedef struct
{
  guint    n_factors;
  guint    n_assessed;
  guint    n_missing;
  int      sum;
  double   mean;
  gboolean has_total;
  double   total;
  int      max_total;
} RcScoreSummary;

void        rc_score_assessment  (RcAssessment   *assessment,
                                  RcInstrument   *instrument,
                                  RcScoreSummary *summary);
const char *rc_score_level_label (RcFactor       *factor,
                                  int             score);
void        rc_score_values      (RcAssessment   *assessment,
                                  RcInstrument   *instrument,
                                  double         *values);

G_END_DECLS
