/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-comparison"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "rc-error.h"
#include "rc-scoring.h"
#include "rc-comparison.h"

/* The change from one assessment to a later one, factor by factor and in
 * total, with the Jacobson–Truax reliable change index where the
 * instrument carries reliability figures. Starting levels differ from
 * person to person, so change is always per person and per factor; the
 * default instrument carries no figures, and then only plain change is
 * given, never a verdict. */

struct _RcComparison
{
  GObject       parent_instance;

  RcAssessment *before;
  RcAssessment *after;
  RcInstrument *instrument;  /* the later assessment's */
  RcInstrument *before_instrument;
  gboolean      same_version;
  gboolean      same_rater;
  gboolean      may_judge;     /* same version and rater: figures apply */
  gboolean      has_reliability;
  GArray       *changes;     /* RcChange */
  RcChange      total;
  GPtrArray    *unshared;    /* factor keys only one side's version has */
};

G_DEFINE_FINAL_TYPE (RcComparison, rc_comparison, G_TYPE_OBJECT)

static void
rc_comparison_finalize (GObject *object)
{
  RcComparison *self = RC_COMPARISON (object);

  g_clear_object (&self->before);
  g_clear_object (&self->after);
  g_clear_object (&self->instrument);
  g_clear_object (&self->before_instrument);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->unshared, g_ptr_array_unref);

  G_OBJECT_CLASS (rc_comparison_parent_class)->finalize (object);
}

static void
rc_comparison_class_init (RcComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_comparison_finalize;
}

static void
rc_comparison_init (RcComparison *self)
{
  self->changes = g_array_new (FALSE, TRUE, sizeof (RcChange));
  self->unshared = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * rc_reliable_change_index:
 * @sd: the reference standard deviation of the score
 * @r: its reliability coefficient (test–retest or internal consistency)
 *
 * Returns: the Jacobson–Truax index (after − before) / (sd·√2·√(1 − r)):
 *   the change in units of the spread that measurement error alone would
 *   give a difference of two scores
 */
double
rc_reliable_change_index (double before,
                          double after,
                          double sd,
                          double r)
{
  g_return_val_if_fail (sd > 0 && r >= 0 && r < 1, NAN);

  return (after - before) / (sd * G_SQRT2 * sqrt (1 - r));
}

static double
factor_value (RcAssessment *assessment,
              const char   *key)
{
  int score = rc_assessment_get_score (assessment, key);

  return rc_score_is_missing (score) ? NAN : score;
}

static double
total_value (RcAssessment *assessment,
             RcInstrument *instrument,
             gboolean     *prorated)
{
  RcScoreSummary summary;

  rc_score_assessment (assessment, instrument, &summary);
  *prorated |= summary.has_total && summary.n_missing > 0;
  return summary.has_total ? summary.total : NAN;
}

/* Fills in change, direction and reliability from before and after;
 * @has_figures says whether @r and @sd apply. */
static void
compute_change (RcChange *change,
                gboolean  has_figures,
                double    r,
                double    sd)
{
  if (isnan (change->before) || isnan (change->after))
    {
      change->change = NAN;
      change->direction = RC_CHANGE_NOT_COMPARABLE;
      return;
    }
  change->change = change->after - change->before;
  change->direction = change->change > 0 ? RC_CHANGE_UP
                      : change->change < 0 ? RC_CHANGE_DOWN : RC_CHANGE_SAME;
  if (!has_figures)
    return;
  change->has_rci = TRUE;
  change->rci = rc_reliable_change_index (change->before, change->after, sd, r);
  change->reliable = fabs (change->rci) > RC_RELIABLE_CHANGE_Z;
}

static void
add_factor_changes (RcComparison *self,
                    RcInstrument *before_instrument)
{
  for (guint i = 0; i < rc_instrument_get_n_factors (self->instrument); i++)
    {
      RcFactor *factor = rc_instrument_get_factor (self->instrument, i);
      const char *key = rc_factor_get_key (factor);
      RcChange change = { key, rc_factor_get_title (factor), 0 };
      gboolean has_figures;
      double r = 0, sd = 0;

      if (rc_instrument_lookup_factor (before_instrument, key) == NULL)
        {
          g_ptr_array_add (self->unshared, g_strdup (key));
          continue;
        }
      /* Figures belong to one version of the scale and to repeated
       * ratings by one kind of rater: across versions, or between the
       * client's own view and the worker's, the noise is unknown. */
      has_figures = self->may_judge && rc_factor_get_reliability (factor, &r, &sd);
      self->has_reliability |= has_figures;
      change.before = factor_value (self->before, key);
      change.after = factor_value (self->after, key);
      compute_change (&change, has_figures, r, sd);
      g_array_append_val (self->changes, change);
    }
  for (guint i = 0; i < rc_instrument_get_n_factors (before_instrument); i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (before_instrument, i));

      if (rc_instrument_lookup_factor (self->instrument, key) == NULL)
        g_ptr_array_add (self->unshared, g_strdup (key));
    }
}

/* Totals of different versions sum different things: only within one
 * version are they compared. */
static void
compute_total (RcComparison *self,
               RcInstrument *before_instrument)
{
  gboolean has_figures;
  double r = 0, sd = 0;

  self->total = (RcChange) { NULL, "Total", NAN, NAN, NAN, RC_CHANGE_NOT_COMPARABLE, 0 };
  if (!self->same_version)
    return;
  has_figures = self->may_judge &&
                rc_instrument_get_total_reliability (self->instrument, &r, &sd);
  self->has_reliability |= has_figures;
  self->total.before = total_value (self->before, before_instrument, &self->total.prorated);
  self->total.after = total_value (self->after, self->instrument, &self->total.prorated);
  compute_change (&self->total, has_figures, r, sd);
}

/**
 * rc_change_get_label:
 *
 * Returns: what a table calls the row: the factor's title, or the total,
 *   saying when either side of it is prorated
 */
const char *
rc_change_get_label (const RcChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  if (change->key != NULL)
    return change->title;
  return change->prorated ? _("Total (prorated)") : _("Total");
}

/**
 * rc_comparison_new:
 * @before_instrument: the instrument @before was taken with
 * @after_instrument: the instrument @after was taken with
 *
 * Compares two assessments of one instrument, possibly of different
 * versions: then only the factors both versions have are compared (the
 * others are listed by rc_comparison_get_unshared()), and neither totals
 * nor reliable change are given.
 *
 * Returns: (transfer full): the comparison, or %NULL with
 *   %RC_ERROR_INVALID when the instruments differ
 */
RcComparison *
rc_comparison_new (RcAssessment *before,
                   RcInstrument *before_instrument,
                   RcAssessment *after,
                   RcInstrument *after_instrument,
                   GError      **error)
{
  g_autoptr(RcComparison) self = NULL;

  g_return_val_if_fail (RC_IS_ASSESSMENT (before), NULL);
  g_return_val_if_fail (RC_IS_INSTRUMENT (before_instrument), NULL);
  g_return_val_if_fail (RC_IS_ASSESSMENT (after), NULL);
  g_return_val_if_fail (RC_IS_INSTRUMENT (after_instrument), NULL);

  if (!g_str_equal (rc_instrument_get_id (before_instrument),
                    rc_instrument_get_id (after_instrument)))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID,
                   _("assessments %s and %s use different instruments (%s and %s)"),
                   rc_assessment_get_uuid (before), rc_assessment_get_uuid (after),
                   rc_instrument_get_id (before_instrument),
                   rc_instrument_get_id (after_instrument));
      return NULL;
    }

  self = g_object_new (RC_TYPE_COMPARISON, NULL);
  self->before = g_object_ref (before);
  self->after = g_object_ref (after);
  self->instrument = g_object_ref (after_instrument);
  self->before_instrument = g_object_ref (before_instrument);
  self->same_version = rc_instrument_get_version (before_instrument) ==
                       rc_instrument_get_version (after_instrument);
  self->same_rater = rc_assessment_get_rater (before) == rc_assessment_get_rater (after);
  self->may_judge = self->same_version && self->same_rater;
  add_factor_changes (self, before_instrument);
  compute_total (self, before_instrument);
  return g_steal_pointer (&self);
}

RcAssessment *
rc_comparison_get_before (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  return self->before;
}

RcAssessment *
rc_comparison_get_after (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  return self->after;
}

/**
 * rc_comparison_get_instrument:
 *
 * Returns: (transfer none): the later assessment's instrument, whose
 *   factor order and titles the changes follow
 */
RcInstrument *
rc_comparison_get_instrument (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  return self->instrument;
}

/**
 * rc_comparison_get_before_instrument:
 *
 * Returns: (transfer none): the earlier assessment's instrument, which
 *   has the titles of the factors only its version has
 */
RcInstrument *
rc_comparison_get_before_instrument (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  return self->before_instrument;
}

guint
rc_comparison_get_n_changes (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), 0);
  return self->changes->len;
}

/**
 * rc_comparison_get_change:
 *
 * Returns: (transfer none): the change of the @position-th shared factor,
 *   in the later instrument's order
 */
const RcChange *
rc_comparison_get_change (RcComparison *self,
                          guint         position)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (position < self->changes->len, NULL);
  return &g_array_index (self->changes, RcChange, position);
}

/**
 * rc_comparison_get_total:
 *
 * Returns: (transfer none): the change of the total; not comparable when
 *   either total is missing or the versions differ
 */
const RcChange *
rc_comparison_get_total (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  return &self->total;
}

/**
 * rc_comparison_has_reliability:
 *
 * Returns: whether reliable change could be judged for any row: the
 *   instrument carries reliability figures, and both sides share a version
 *   and a kind of rater
 */
gboolean
rc_comparison_has_reliability (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), FALSE);
  return self->has_reliability;
}

gboolean
rc_comparison_same_version (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), FALSE);
  return self->same_version;
}

/**
 * rc_comparison_same_rater:
 *
 * Returns: whether both sides were rated by the same kind of rater; a
 *   client's own rating against the worker's is a difference of views,
 *   not change, and gets no reliable-change verdict
 */
gboolean
rc_comparison_same_rater (RcComparison *self)
{
  g_return_val_if_fail (RC_IS_COMPARISON (self), FALSE);
  return self->same_rater;
}

/**
 * rc_comparison_get_unshared:
 *
 * Returns: (transfer none) (array zero-terminated=1): keys of factors only
 *   one of the two instrument versions has, left out of the comparison
 */
const char * const *
rc_comparison_get_unshared (RcComparison *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (RC_IS_COMPARISON (self), NULL);
  /* An empty array may have no storage at all. */
  return self->unshared->len > 0 ? (const char * const *) self->unshared->pdata : none;
}

static int
compare_by_date (gconstpointer a,
                 gconstpointer b)
{
  RcAssessment *first = *(RcAssessment **) a;
  RcAssessment *second = *(RcAssessment **) b;
  int order = g_strcmp0 (rc_assessment_get_date (first), rc_assessment_get_date (second));

  /* On one day, the worker's rating before the client's own, then the
   * order they were made in; the UUID settles the rest, so that the
   * order never depends on the sort. */
  if (order == 0)
    order = (rc_assessment_get_rater (first) == RC_RATER_CLIENT) -
            (rc_assessment_get_rater (second) == RC_RATER_CLIENT);
  if (order == 0)
    order = g_strcmp0 (rc_assessment_get_created_at (first), rc_assessment_get_created_at (second));
  if (order == 0)
    order = g_strcmp0 (rc_assessment_get_uuid (first), rc_assessment_get_uuid (second));
  return order;
}

/**
 * rc_assessments_current_complete:
 * @assessments: (element-type RcAssessment): a client's assessments
 *
 * Returns: (transfer container) (element-type RcAssessment): the complete
 *   ones that no complete amendment replaces, oldest first
 */
GPtrArray *
rc_assessments_current_complete (GPtrArray *assessments)
{
  g_autoptr(GHashTable) superseded = NULL;
  GPtrArray *current;

  g_return_val_if_fail (assessments != NULL, NULL);

  superseded = g_hash_table_new (g_str_hash, g_str_equal);
  current = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < assessments->len; i++)
    {
      RcAssessment *assessment = g_ptr_array_index (assessments, i);

      if (rc_assessment_get_status (assessment) == RC_ASSESSMENT_COMPLETE &&
          rc_assessment_get_supersedes (assessment) != NULL)
        g_hash_table_add (superseded, (gpointer) rc_assessment_get_supersedes (assessment));
    }
  for (guint i = 0; i < assessments->len; i++)
    {
      RcAssessment *assessment = g_ptr_array_index (assessments, i);

      if (rc_assessment_get_status (assessment) == RC_ASSESSMENT_COMPLETE &&
          !g_hash_table_contains (superseded, rc_assessment_get_uuid (assessment)))
        g_ptr_array_add (current, g_object_ref (assessment));
    }
  g_ptr_array_sort (current, compare_by_date);
  return current;
}

/* The earliest and the latest of @rater's assessments of the instrument
 * the latest of them used. */
static gboolean
pick_by_rater (GPtrArray     *current,
               RcRater        rater,
               RcAssessment **before,
               RcAssessment **after)
{
  RcAssessment *latest = NULL;

  for (guint i = current->len; i > 0 && latest == NULL; i--)
    if (rc_assessment_get_rater (g_ptr_array_index (current, i - 1)) == rater)
      latest = g_ptr_array_index (current, i - 1);
  if (latest == NULL)
    return FALSE;
  for (guint i = 0; i < current->len; i++)
    {
      RcAssessment *assessment = g_ptr_array_index (current, i);

      if (assessment != latest && rc_assessment_get_rater (assessment) == rater &&
          g_strcmp0 (rc_assessment_get_instrument_id (assessment),
                     rc_assessment_get_instrument_id (latest)) == 0)
        {
          *before = assessment;
          *after = latest;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * rc_assessments_pick_default:
 * @current: (element-type RcAssessment): from
 *   rc_assessments_current_complete()
 * @before: (out) (transfer none): the earliest
 * @after: (out) (transfer none): the latest
 *
 * Picks the pair to compare when nobody chose: the earliest and the latest
 * assessment by one kind of rater on one instrument — the worker's when
 * there are two, else the client's own — so that a client's own rating
 * never stands in for the worker's. Before and after may be different
 * versions of the instrument.
 *
 * Returns: whether there are two assessments to compare
 */
gboolean
rc_assessments_pick_default (GPtrArray     *current,
                             RcAssessment **before,
                             RcAssessment **after)
{
  g_return_val_if_fail (current != NULL, FALSE);

  return pick_by_rater (current, RC_RATER_WORKER, before, after) ||
         pick_by_rater (current, RC_RATER_CLIENT, before, after);
}

/**
 * rc_assessments_find_rater_pair:
 * @current: (element-type RcAssessment): from
 *   rc_assessments_current_complete()
 *
 * A client-rated and a worker-rated assessment of one instrument on the
 * same date and timepoint form a pair: two views of the same moment.
 *
 * Returns: (transfer none) (nullable): the other half of @assessment's
 *   pair
 */
RcAssessment *
rc_assessments_find_rater_pair (GPtrArray    *current,
                                RcAssessment *assessment)
{
  g_return_val_if_fail (current != NULL, NULL);
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), NULL);

  for (guint i = 0; i < current->len; i++)
    {
      RcAssessment *other = g_ptr_array_index (current, i);

      if (rc_assessment_get_rater (other) != rc_assessment_get_rater (assessment) &&
          rc_assessment_get_timepoint (other) == rc_assessment_get_timepoint (assessment) &&
          g_strcmp0 (rc_assessment_get_date (other), rc_assessment_get_date (assessment)) == 0 &&
          g_strcmp0 (rc_assessment_get_instrument_id (other),
                     rc_assessment_get_instrument_id (assessment)) == 0)
        return other;
    }
  return NULL;
}
