/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-scoring"

#include "config.h"

#include <math.h>

#include "rc-scoring.h"

/**
 * rc_score_assessment:
 * @summary: (out caller-allocates): the result
 *
 * Scores @assessment over the factors of @instrument. Ratings of factors
 * the instrument does not have are not counted. @summary->mean is NAN when
 * nothing is assessed; @summary->total is meaningful only with
 * @summary->has_total.
 */
void
rc_score_assessment (RcAssessment   *assessment,
                     RcInstrument   *instrument,
                     RcScoreSummary *summary)
{
  g_return_if_fail (RC_IS_ASSESSMENT (assessment));
  g_return_if_fail (RC_IS_INSTRUMENT (instrument));
  g_return_if_fail (summary != NULL);

  *summary = (RcScoreSummary) { 0 };
  summary->n_factors = rc_instrument_get_n_factors (instrument);
  summary->max_total = (int) summary->n_factors * rc_instrument_get_max_score (instrument);

  for (guint i = 0; i < summary->n_factors; i++)
    {
      RcFactor *factor = rc_instrument_get_factor (instrument, i);
      int score = rc_assessment_get_score (assessment, rc_factor_get_key (factor));

      if (rc_score_is_missing (score))
        continue;
      summary->n_assessed++;
      summary->sum += score;
    }

  summary->n_missing = summary->n_factors - summary->n_assessed;
  summary->mean = summary->n_assessed > 0 ? (double) summary->sum / summary->n_assessed : NAN;
  summary->has_total = summary->n_assessed > 0 &&
                       summary->n_missing <= rc_instrument_get_max_missing (instrument);
  if (summary->has_total)
    summary->total = summary->mean * summary->n_factors;
}

/**
 * rc_score_level_label:
 * @factor: (nullable): the factor rated; may be %NULL when @score gives
 *   no level
 *
 * Returns: the short name of the anchor for @score on @factor, such as
 *   "Partial", or "Not assessed" or "Not rated yet"
 */
const char *
rc_score_level_label (RcFactor *factor,
                      int       score)
{
  const char *label;

  if (score == RC_SCORE_UNRATED)
    return "Not rated yet";
  if (score == RC_SCORE_NOT_ASSESSED)
    return "Not assessed";
  g_return_val_if_fail (RC_IS_FACTOR (factor), NULL);
  label = rc_factor_get_level_label (factor, score);
  return label != NULL ? label : "Off the scale";
}

/**
 * rc_score_values:
 * @values: (out caller-allocates) (array): room for one value per factor
 *   of @instrument
 *
 * Fills @values with @assessment's scores on @instrument's factors, in
 * its order, NAN where not assessed or not rated yet: what a chart plots.
 */
void
rc_score_values (RcAssessment *assessment,
                 RcInstrument *instrument,
                 double       *values)
{
  g_return_if_fail (RC_IS_ASSESSMENT (assessment));
  g_return_if_fail (RC_IS_INSTRUMENT (instrument));

  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, i));
      int score = rc_assessment_get_score (assessment, key);

      values[i] = rc_score_is_missing (score) ? NAN : score;
    }
}
