/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* The test instrument with reliability figures lives in the user's
 * instruments folder, as a clinic's validated instrument would. */
static char *tmpdir;
static RcInstrumentCatalog *catalog;

#define NS "urn:recovery-capital:instrument:1"

/* Version 2 of the test instrument: "friends" gone, "family" new. */
static const char *validated_v2 =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<instrument xmlns='" NS "' id='test-validated' version='2'>\n"
  "  <name>Test validated scale</name>\n"
  "  <scale min='0' max='2' max-missing='0'/>\n"
  "  <reliability r='0.9' sd='2'/>\n"
  "  <factor key='housing'><title>Housing</title><reliability r='0.8' sd='1'/>\n"
  "    <level score='0' label='a'>a</level><level score='1' label='b'>b</level>\n"
  "    <level score='2' label='c'>c</level></factor>\n"
  "  <factor key='work'><title>Work</title>\n"
  "    <level score='0' label='a'>a</level><level score='1' label='b'>b</level>\n"
  "    <level score='2' label='c'>c</level></factor>\n"
  "  <factor key='family'><title>Family</title>\n"
  "    <level score='0' label='a'>a</level><level score='1' label='b'>b</level>\n"
  "    <level score='2' label='c'>c</level></factor>\n"
  "</instrument>\n";

static RcInstrument *
instrument (const char *id,
            guint       version)
{
  RcInstrument *found = rc_instrument_catalog_lookup (catalog, id, version);

  g_assert_nonnull (found);
  return found;
}

/* An assessment of @instrument_id with the scores in @scores, given as
 * "key=score" pairs; keys left out are not assessed. */
static RcAssessment *
make_assessment (const char         *instrument_id,
                 guint               version,
                 const char         *date,
                 RcRater             rater,
                 const char * const *scores)
{
  RcAssessment *assessment =
    rc_assessment_new ("0b7e4c56-3f0a-4f7e-9a8d-1c2b3a4d5e6f", instrument (instrument_id, version));

  rc_assessment_set_date (assessment, date);
  rc_assessment_set_rater (assessment, rater);
  rc_assessment_set_assessor (assessment, "K. Worker");
  rc_test_set_scores (assessment, scores);
  return assessment;
}

static RcAssessment *
make_complete (const char         *date,
               RcRater             rater,
               const char * const *scores)
{
  RcAssessment *assessment = make_assessment (RC_DEFAULT_INSTRUMENT_ID, 1, date, rater, scores);

  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  return assessment;
}

static RcComparison *
compare (RcAssessment *before,
         RcAssessment *after)
{
  g_autoptr(GError) error = NULL;
  RcComparison *comparison =
    rc_comparison_new (before,
                       instrument (rc_assessment_get_instrument_id (before),
                                   rc_assessment_get_instrument_version (before)),
                       after,
                       instrument (rc_assessment_get_instrument_id (after),
                                   rc_assessment_get_instrument_version (after)),
                       &error);

  g_assert_no_error (error);
  return comparison;
}

static const RcChange *
change_of (RcComparison *comparison,
           const char   *key)
{
  for (guint i = 0; i < rc_comparison_get_n_changes (comparison); i++)
    {
      const RcChange *change = rc_comparison_get_change (comparison, i);

      if (g_str_equal (change->key, key))
        return change;
    }
  g_assert_not_reached ();
}

/* Worked by hand: sd·√2·√(1 − r) is the standard error of a difference. */
static void
test_reliable_change_index (void)
{
  /* 5·√2·√0.1 = 2.236068; 6 / 2.236068 = 2.683282 */
  g_assert_cmpfloat_with_epsilon (rc_reliable_change_index (10, 16, 5, 0.9), 2.683282, 1e-6);
  /* 1·√2·√0.2 = 0.632456; 2 / 0.632456 = 3.162278 */
  g_assert_cmpfloat_with_epsilon (rc_reliable_change_index (1, 3, 1, 0.8), 3.162278, 1e-6);
  /* 1.2·√2·√0.25 = 0.848528; −2 / 0.848528 = −2.357023 */
  g_assert_cmpfloat_with_epsilon (rc_reliable_change_index (3, 1, 1.2, 0.75), -2.357023, 1e-6);
  g_assert_cmpfloat (rc_reliable_change_index (4, 4, 2, 0.5), ==, 0.0);
}

static void
test_plain_change (void)
{
  const char * const before_scores[] = {
    "family=2", "physical-health=3", "coping=4", "spirituality=3",
    "self-esteem=2", "finances=1", "housing=5", NULL,  /* support-groups missing */
  };
  const char * const after_scores[] = {
    "family=4", "physical-health=3", "coping=2", "spirituality=3",
    "self-esteem=3", "support-groups=4", "housing=5", NULL,  /* finances missing */
  };
  g_autoptr(RcAssessment) before = make_complete ("2025-01-10", RC_RATER_WORKER, before_scores);
  g_autoptr(RcAssessment) after = make_complete ("2025-06-10", RC_RATER_WORKER, after_scores);
  g_autoptr(RcComparison) comparison = compare (before, after);
  const RcChange *change;

  /* The default instrument is not validated: no verdicts at all. */
  g_assert_false (rc_comparison_has_reliability (comparison));
  g_assert_true (rc_comparison_same_version (comparison));
  g_assert_null (rc_comparison_get_unshared (comparison)[0]);
  g_assert_cmpuint (rc_comparison_get_n_changes (comparison), ==, 8);
  g_assert_cmpstr (rc_comparison_get_change (comparison, 0)->key, ==, "family");

  change = change_of (comparison, "family");
  g_assert_cmpint (change->direction, ==, RC_CHANGE_UP);
  g_assert_cmpfloat (change->change, ==, 2);
  g_assert_false (change->has_rci);
  g_assert_false (change->reliable);
  g_assert_cmpint (change_of (comparison, "coping")->direction, ==, RC_CHANGE_DOWN);
  g_assert_cmpfloat (change_of (comparison, "coping")->change, ==, -2);
  g_assert_cmpint (change_of (comparison, "housing")->direction, ==, RC_CHANGE_SAME);

  /* Missing on either side: nothing to compare, and no zero made up. */
  change = change_of (comparison, "support-groups");
  g_assert_cmpint (change->direction, ==, RC_CHANGE_NOT_COMPARABLE);
  g_assert_true (isnan (change->before));
  g_assert_cmpfloat (change->after, ==, 4);
  g_assert_true (isnan (change->change));
  change = change_of (comparison, "finances");
  g_assert_cmpint (change->direction, ==, RC_CHANGE_NOT_COMPARABLE);
  g_assert_cmpfloat (change->before, ==, 1);
  g_assert_true (isnan (change->after));

  /* Totals are prorated over the seven assessed: 20 / 7 · 8 and 24 / 7 · 8. */
  change = rc_comparison_get_total (comparison);
  g_assert_null (change->key);
  g_assert_cmpfloat_with_epsilon (change->before, 20.0 / 7 * 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (change->after, 24.0 / 7 * 8, 1e-9);
  g_assert_cmpint (change->direction, ==, RC_CHANGE_UP);
  g_assert_false (change->has_rci);
  /* And the table says so. */
  g_assert_true (change->prorated);
  g_assert_cmpstr (rc_change_get_label (change), ==, "Total (prorated)");
  g_assert_cmpstr (rc_change_get_label (change_of (comparison, "family")), ==,
                   "Family involvement");
}

static void
test_total_missing (void)
{
  const char * const sparse[] = { "family=2", "coping=3", "housing=4", NULL };
  const char * const full[] = {
    "family=3", "physical-health=3", "coping=3", "spirituality=3",
    "self-esteem=3", "finances=3", "support-groups=3", "housing=3", NULL,
  };
  g_autoptr(RcAssessment) before = make_complete ("2025-01-10", RC_RATER_WORKER, sparse);
  g_autoptr(RcAssessment) after = make_complete ("2025-06-10", RC_RATER_WORKER, full);
  g_autoptr(RcComparison) comparison = compare (before, after);
  const RcChange *total = rc_comparison_get_total (comparison);

  /* Five of eight missing is more than max-missing allows. */
  g_assert_true (isnan (total->before));
  g_assert_cmpfloat (total->after, ==, 24);
  g_assert_cmpint (total->direction, ==, RC_CHANGE_NOT_COMPARABLE);
  g_assert_cmpfloat (change_of (comparison, "family")->change, ==, 1);
  /* Only a total there is can be prorated. */
  g_assert_false (total->prorated);
  g_assert_cmpstr (rc_change_get_label (total), ==, "Total");
}

static void
test_reliable_change (void)
{
  const char * const before_scores[] = { "housing=1", "work=3", "friends=2", NULL };
  const char * const after_scores[] = { "housing=3", "work=1", "friends=4", NULL };
  const char * const small_scores[] = { "housing=2", "work=3", "friends=2", NULL };
  g_autoptr(RcAssessment) before =
    make_assessment ("test-validated", 1, "2025-01-10", RC_RATER_WORKER, before_scores);
  g_autoptr(RcAssessment) after =
    make_assessment ("test-validated", 1, "2025-06-10", RC_RATER_WORKER, after_scores);
  g_autoptr(RcAssessment) small =
    make_assessment ("test-validated", 1, "2025-06-10", RC_RATER_WORKER, small_scores);
  g_autoptr(RcComparison) comparison = compare (before, after);
  g_autoptr(RcComparison) small_comparison = compare (before, small);
  const RcChange *change;

  g_assert_true (rc_comparison_has_reliability (comparison));

  change = change_of (comparison, "housing");
  g_assert_true (change->has_rci);
  g_assert_cmpfloat_with_epsilon (change->rci, 3.162278, 1e-6);
  g_assert_true (change->reliable);

  change = change_of (comparison, "work");
  g_assert_cmpfloat_with_epsilon (change->rci, -2.357023, 1e-6);
  g_assert_true (change->reliable);
  g_assert_cmpint (change->direction, ==, RC_CHANGE_DOWN);

  /* A factor without figures: plain change, no verdict. */
  change = change_of (comparison, "friends");
  g_assert_cmpfloat (change->change, ==, 2);
  g_assert_false (change->has_rci);
  g_assert_false (change->reliable);

  /* Total 6 → 8 with r = 0.9, sd = 2: 2 / (2·√2·√0.1) = 2.236068. */
  change = rc_comparison_get_total (comparison);
  g_assert_cmpfloat (change->change, ==, 2);
  g_assert_cmpfloat_with_epsilon (change->rci, 2.236068, 1e-6);
  g_assert_true (change->reliable);

  /* The client's own rating against the worker's is another view, not
   * change over time: no verdicts. */
  rc_assessment_set_rater (after, RC_RATER_CLIENT);
  {
    g_autoptr(RcComparison) views = compare (before, after);

    g_assert_false (rc_comparison_same_rater (views));
    g_assert_false (rc_comparison_has_reliability (views));
    g_assert_false (change_of (views, "housing")->has_rci);
    g_assert_cmpfloat (change_of (views, "housing")->change, ==, 2);
    g_assert_false (rc_comparison_get_total (views)->has_rci);
  }

  /* One point on housing is within the noise: 1 / 0.632456 = 1.58. */
  change = change_of (small_comparison, "housing");
  g_assert_cmpfloat_with_epsilon (change->rci, 1.581139, 1e-6);
  g_assert_false (change->reliable);
  g_assert_false (rc_comparison_get_total (small_comparison)->reliable);
}

static void
test_versions_differ (void)
{
  const char * const v1_scores[] = { "housing=1", "work=3", "friends=2", NULL };
  const char * const v2_scores[] = { "housing=2", "work=1", "family=2", NULL };
  g_autoptr(RcAssessment) before =
    make_assessment ("test-validated", 1, "2025-01-10", RC_RATER_WORKER, v1_scores);
  g_autoptr(RcAssessment) after =
    make_assessment ("test-validated", 2, "2025-06-10", RC_RATER_WORKER, v2_scores);
  g_autoptr(RcComparison) comparison = compare (before, after);
  const char * const *unshared = rc_comparison_get_unshared (comparison);

  g_assert_false (rc_comparison_same_version (comparison));
  g_assert_cmpuint (rc_comparison_get_n_changes (comparison), ==, 2);
  g_assert_cmpstr (rc_comparison_get_change (comparison, 0)->key, ==, "housing");
  g_assert_cmpstr (rc_comparison_get_change (comparison, 1)->key, ==, "work");
  g_assert_cmpfloat (change_of (comparison, "housing")->change, ==, 1);
  g_assert_cmpuint (g_strv_length ((char **) unshared), ==, 2);
  g_assert_true (g_strv_contains (unshared, "family"));
  g_assert_true (g_strv_contains (unshared, "friends"));

  /* Across versions neither the totals nor the noise are comparable. */
  g_assert_false (rc_comparison_has_reliability (comparison));
  g_assert_false (change_of (comparison, "housing")->has_rci);
  g_assert_cmpint (rc_comparison_get_total (comparison)->direction, ==,
                   RC_CHANGE_NOT_COMPARABLE);
}

static void
test_different_instruments (void)
{
  const char * const scores[] = { "housing=1", NULL };
  g_autoptr(RcAssessment) before = make_complete ("2025-01-10", RC_RATER_WORKER, scores);
  g_autoptr(RcAssessment) after =
    make_assessment ("test-validated", 1, "2025-06-10", RC_RATER_WORKER, scores);
  g_autoptr(GError) error = NULL;
  RcComparison *comparison =
    rc_comparison_new (before, instrument (RC_DEFAULT_INSTRUMENT_ID, 1), after,
                       instrument ("test-validated", 1), &error);

  g_assert_null (comparison);
  g_assert_error (error, RC_ERROR, RC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "different instruments"));
}

static void
test_current_and_default_pair (void)
{
  const char * const scores[] = { "family=3", NULL };
  g_autoptr(RcAssessment) intake = make_complete ("2025-01-10", RC_RATER_WORKER, scores);
  g_autoptr(RcAssessment) intake_client = make_complete ("2025-01-10", RC_RATER_CLIENT, scores);
  g_autoptr(RcAssessment) review = make_complete ("2025-03-10", RC_RATER_WORKER, scores);
  g_autoptr(RcAssessment) amended = rc_assessment_new_amendment (review, "Wrong date");
  g_autoptr(RcAssessment) draft = make_assessment (RC_DEFAULT_INSTRUMENT_ID, 1, "2025-09-01",
                                                   RC_RATER_WORKER, scores);
  g_autoptr(RcAssessment) late_client = make_complete ("2025-08-01", RC_RATER_CLIENT, scores);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) current = NULL;
  RcAssessment *before = NULL, *after = NULL;

  rc_assessment_set_timepoint (intake, RC_TIMEPOINT_INTAKE);
  rc_assessment_set_timepoint (intake_client, RC_TIMEPOINT_INTAKE);
  rc_assessment_set_date (amended, "2025-04-10");
  /* Listed out of order: the result is by date. */
  g_ptr_array_add (all, late_client);
  g_ptr_array_add (all, review);
  g_ptr_array_add (all, amended);
  g_ptr_array_add (all, intake);
  g_ptr_array_add (all, draft);
  g_ptr_array_add (all, intake_client);

  /* An amendment still in draft does not replace what it amends. */
  current = rc_assessments_current_complete (all);
  g_assert_cmpuint (current->len, ==, 4);
  g_assert_true (g_ptr_array_index (current, 2) == review);
  g_clear_pointer (&current, g_ptr_array_unref);

  rc_assessment_set_status (amended, RC_ASSESSMENT_COMPLETE);
  current = rc_assessments_current_complete (all);
  g_assert_cmpuint (current->len, ==, 4);
  g_assert_true (g_ptr_array_index (current, 2) == amended);
  g_assert_cmpstr (rc_assessment_get_date (g_ptr_array_index (current, 0)), ==, "2025-01-10");
  g_assert_true (g_ptr_array_index (current, 3) == late_client);

  /* The worker's ratings, earliest and latest, when there are two. */
  g_assert_true (rc_assessments_pick_default (current, &before, &after));
  g_assert_true (before == intake);
  g_assert_true (after == amended);

  g_assert_true (rc_assessments_find_rater_pair (current, intake) == intake_client);
  g_assert_true (rc_assessments_find_rater_pair (current, intake_client) == intake);
  g_assert_null (rc_assessments_find_rater_pair (current, amended));
  g_assert_null (rc_assessments_find_rater_pair (current, late_client));

  /* Fewer than two worker ratings: the client's own, never a mix; a
   * rater with one rating alone has nothing to compare. */
  g_ptr_array_remove (current, amended);
  g_assert_true (rc_assessments_pick_default (current, &before, &after));
  g_assert_true (before == intake_client);
  g_assert_true (after == late_client);
  g_ptr_array_remove (current, late_client);
  g_assert_false (rc_assessments_pick_default (current, &before, &after));
}

static void
install_test_instruments (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *v2 = NULL;

  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  folder = rc_test_install_validated_instrument (g_get_user_data_dir ());
  v2 = g_build_filename (folder, "test-validated-2.xml", NULL);
  g_assert_true (g_file_set_contents (v2, validated_v2, -1, NULL));

  catalog = rc_instrument_catalog_new_default ();
  g_assert_cmpuint (rc_instrument_catalog_get_problems (catalog)->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  install_test_instruments ();

  g_test_add_func ("/comparison/reliable-change-index", test_reliable_change_index);
  g_test_add_func ("/comparison/plain-change", test_plain_change);
  g_test_add_func ("/comparison/total-missing", test_total_missing);
  g_test_add_func ("/comparison/reliable-change", test_reliable_change);
  g_test_add_func ("/comparison/versions-differ", test_versions_differ);
  g_test_add_func ("/comparison/different-instruments", test_different_instruments);
  g_test_add_func ("/comparison/current-and-default-pair", test_current_and_default_pair);

  status = g_test_run ();
  g_clear_object (&catalog);
  rc_test_tmpdir_free (tmpdir);
  return status;
}
