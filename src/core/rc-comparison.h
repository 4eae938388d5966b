/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-assessment.h"
#include "rc-instrument.h"

G_BEGIN_DECLS

/* A change is "reliable" (larger than measurement noise) when the
 * Jacobson–Truax index exceeds this in size: 95 % of changes made of
 * noise alone stay within it. */
#define RC_RELIABLE_CHANGE_Z 1.96

/* Client and worker ratings this far apart or more are flagged. */
#define RC_RATER_DISAGREEMENT 2

typedef enum
{
  RC_CHANGE_NOT_COMPARABLE,  /* missing on either side */
  RC_CHANGE_UP,
  RC_CHANGE_DOWN,
  RC_CHANGE_SAME,
} RcChangeDirection;

/* One row of a comparison: a factor, or the total. Scores are NAN where
 * not assessed (or, for the total, where too few factors were). */
typedef struct
{
  const char        *key;        /* factor key; NULL for the total */
  const char        *title;      /* factor title, "Total" for the total */
  double             before;
  double             after;
  double             change;     /* after − before, NAN when not comparable */
  RcChangeDirection  direction;
  gboolean           has_rci;    /* figures known, one version and rater, both scored */
  double             rci;
  gboolean           reliable;   /* has_rci and |rci| > RC_RELIABLE_CHANGE_Z */
  gboolean           prorated;   /* the total: either side prorated from fewer factors */
} RcChange;

#define RC_TYPE_COMPARISON (rc_comparison_get_type ())

G_DECLARE_FINAL_TYPE (RcComparison, rc_comparison, RC, COMPARISON, GObject)

double          rc_reliable_change_index        (double        before,
                                                 double        after,
                                                 double        sd,
                                                 double        r);

const char     *rc_change_get_label             (const RcChange *change);

RcComparison   *rc_comparison_new               (RcAssessment *before,
                                                 RcInstrument *before_instrument,
                                                 RcAssessment *after,
                                                 RcInstrument *after_instrument,
                                                 GError      **error);
RcAssessment   *rc_comparison_get_before        (RcComparison *self);
RcAssessment   *rc_comparison_get_after         (RcComparison *self);
RcInstrument   *rc_comparison_get_instrument    (RcComparison *self);
RcInstrument   *rc_comparison_get_before_instrument (RcComparison *self);
guint           rc_comparison_get_n_changes     (RcComparison *self);
const RcChange *rc_comparison_get_change        (RcComparison *self,
                                                 guint         position);
const RcChange *rc_comparison_get_total         (RcComparison *self);
gboolean        rc_comparison_has_reliability   (RcComparison *self);
gboolean        rc_comparison_same_version      (RcComparison *self);
gboolean        rc_comparison_same_rater        (RcComparison *self);
const char * const *rc_comparison_get_unshared  (RcComparison *self);

GPtrArray      *rc_assessments_current_complete (GPtrArray    *assessments);
gboolean        rc_assessments_pick_default     (GPtrArray    *current,
                                                 RcAssessment **before,
                                                 RcAssessment **after);
RcAssessment   *rc_assessments_find_rater_pair  (GPtrArray    *current,
                                                 RcAssessment *assessment);

G_END_DECLS
