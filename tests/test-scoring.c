/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib.h>

#include "rc-core.h"
#include "rc-test-util.h"

static RcInstrument *
default_instrument (RcInstrumentCatalog **catalog)
{
  *catalog = rc_instrument_catalog_new ();
  rc_instrument_catalog_load_builtin (*catalog);
  return rc_instrument_catalog_get_default (*catalog);
}

/* Rates the eight default factors in order; -1 leaves one not assessed,
 * -2 not rated yet. */
static RcAssessment *
rated (RcInstrument *instrument,
       const int     scores[8])
{
  RcAssessment *assessment = rc_assessment_new ("00000000-0000-4000-8000-000000000001",
                                                instrument);

  for (guint i = 0; i < 8; i++)
    rc_assessment_set_score (assessment,
                             rc_factor_get_key (rc_instrument_get_factor (instrument, i)),
                             scores[i]);
  return assessment;
}

static void
test_all_assessed (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  RcInstrument *instrument = default_instrument (&catalog);
  const int scores[8] = { 1, 2, 3, 4, 5, 1, 2, 3 };
  g_autoptr(RcAssessment) assessment = rated (instrument, scores);
  RcScoreSummary summary;

  rc_score_assessment (assessment, instrument, &summary);
  g_assert_cmpuint (summary.n_factors, ==, 8);
  g_assert_cmpuint (summary.n_assessed, ==, 8);
  g_assert_cmpuint (summary.n_missing, ==, 0);
  g_assert_cmpint (summary.sum, ==, 21);
  g_assert_cmpfloat_with_epsilon (summary.mean, 21.0 / 8, 1e-9);
  g_assert_true (summary.has_total);
  g_assert_cmpfloat_with_epsilon (summary.total, 21.0, 1e-9);
  g_assert_cmpint (summary.max_total, ==, 40);
}

static void
test_missing_prorated (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  RcInstrument *instrument = default_instrument (&catalog);
  /* Not rated yet counts as missing, exactly like not assessed. */
  const int scores[8] = { 4, -1, 3, 4, -2, 2, 3, 4 };
  g_autoptr(RcAssessment) assessment = rated (instrument, scores);
  RcScoreSummary summary;
  double values[8];

  rc_score_values (assessment, instrument, values);
  g_assert_true (isnan (values[1]));
  g_assert_true (isnan (values[4]));
  g_assert_cmpfloat (values[0], ==, 4);
  rc_score_assessment (assessment, instrument, &summary);
  g_assert_cmpuint (summary.n_assessed, ==, 6);
  g_assert_cmpuint (summary.n_missing, ==, 2);
  g_assert_cmpint (summary.sum, ==, 20);
  g_assert_cmpfloat_with_epsilon (summary.mean, 20.0 / 6, 1e-9);
  /* Two missing is the most the default instrument allows for a total. */
  g_assert_true (summary.has_total);
  g_assert_cmpfloat_with_epsilon (summary.total, 20.0 / 6 * 8, 1e-9);
}

static void
test_too_many_missing (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  RcInstrument *instrument = default_instrument (&catalog);
  const int scores[8] = { 4, -1, 3, -2, -1, 2, 3, 4 };
  g_autoptr(RcAssessment) assessment = rated (instrument, scores);
  RcScoreSummary summary;

  rc_score_assessment (assessment, instrument, &summary);
  g_assert_cmpuint (summary.n_missing, ==, 3);
  g_assert_false (summary.has_total);
  g_assert_cmpfloat_with_epsilon (summary.mean, 16.0 / 5, 1e-9);
}

static void
test_nothing_assessed (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  RcInstrument *instrument = default_instrument (&catalog);
  g_autoptr(RcAssessment) assessment =
    rc_assessment_new ("00000000-0000-4000-8000-000000000001", instrument);
  RcScoreSummary summary;

  rc_score_assessment (assessment, instrument, &summary);
  g_assert_cmpuint (summary.n_assessed, ==, 0);
  g_assert_cmpuint (summary.n_missing, ==, 8);
  g_assert_true (isnan (summary.mean));
  g_assert_false (summary.has_total);
}

/* Ratings of factors the instrument does not have are not counted. */
static void
test_foreign_factor_ignored (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  RcInstrument *instrument = default_instrument (&catalog);
  const int scores[8] = { 5, 5, 5, 5, 5, 5, 5, 5 };
  g_autoptr(RcAssessment) assessment = rated (instrument, scores);
  RcScoreSummary summary;

  rc_assessment_set_score (assessment, "employment", 1);
  rc_score_assessment (assessment, instrument, &summary);
  g_assert_cmpuint (summary.n_assessed, ==, 8);
  g_assert_cmpint (summary.sum, ==, 40);
}

static void
test_level_labels (void)
{
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  RcInstrument *instrument = default_instrument (&catalog);
  RcFactor *housing = rc_instrument_lookup_factor (instrument, "housing");

  g_assert_cmpstr (rc_score_level_label (housing, 1), ==, "Severe lack");
  g_assert_cmpstr (rc_score_level_label (housing, 5), ==, "Strong");
  g_assert_cmpstr (rc_score_level_label (housing, RC_SCORE_NOT_ASSESSED), ==, "Not assessed");
  g_assert_cmpstr (rc_score_level_label (housing, RC_SCORE_UNRATED), ==, "Not rated yet");
  /* No level needs no factor: the CLI shows ratings of unknown instruments. */
  g_assert_cmpstr (rc_score_level_label (NULL, RC_SCORE_UNRATED), ==, "Not rated yet");
  g_assert_cmpstr (rc_score_level_label (housing, 9), ==, "Off the scale");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/all-assessed", test_all_assessed);
  g_test_add_func ("/scoring/missing/prorated", test_missing_prorated);
  g_test_add_func ("/scoring/missing/too-many", test_too_many_missing);
  g_test_add_func ("/scoring/missing/all", test_nothing_assessed);
  g_test_add_func ("/scoring/foreign-factor", test_foreign_factor_ignored);
  g_test_add_func ("/scoring/level-labels", test_level_labels);

  return g_test_run ();
}
