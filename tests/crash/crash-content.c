/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crash-content.h"

#define ASSESSOR "Crash Writer"

static int
expected_score (RcInstrument *instrument,
                gint64        revision,
                guint         position)
{
  int min = rc_instrument_get_min_score (instrument);
  int range = rc_instrument_get_max_score (instrument) - min + 1;

  return min + (int) ((revision + position) % range);
}

/* One factor's note is long, and longer or shorter at each revision, so
 * that saves spill into overflow pages and the WAL fills up to its
 * checkpoints within the run. */
static char *
expected_note (gint64 revision,
               guint  position,
               guint  n_factors)
{
  g_autoptr(GString) note = g_string_new (NULL);

  g_string_printf (note, "revision %" G_GINT64_FORMAT ", factor %u", revision, position);
  if (position == revision % n_factors)
    for (gint64 i = 0, length = 64 + revision * 389 % 4000; i < length; i++)
      g_string_append_c (note, (char) ('a' + (revision + i) % 26));
  return g_string_free (g_steal_pointer (&note), FALSE);
}

static char *
expected_goal (gint64 revision,
               guint  position)
{
  return g_strdup_printf ("goal %u of revision %" G_GINT64_FORMAT, position, revision);
}

static gboolean
is_complete (gint64 revision)
{
  return revision >= CRASH_CONTENT_COMPLETE_AT;
}

void
crash_content_apply (RcAssessment *assessment,
                     RcInstrument *instrument,
                     gint64        revision)
{
  guint n_factors = rc_instrument_get_n_factors (instrument);

  for (guint i = 0; i < n_factors; i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, i));
      g_autofree char *note = expected_note (revision, i, n_factors);
      g_autofree char *goal = expected_goal (revision, i);

      rc_assessment_set_score (assessment, key, expected_score (instrument, revision, i));
      rc_assessment_set_note (assessment, key, note);
      rc_assessment_set_goal (assessment, key, goal);
    }
  rc_assessment_set_assessor (assessment, ASSESSOR);
  rc_assessment_set_status (assessment, is_complete (revision) ? RC_ASSESSMENT_COMPLETE
                                                               : RC_ASSESSMENT_DRAFT);
}

/**
 * crash_content_dup_problem:
 *
 * Returns: (transfer full) (nullable): how @assessment differs from what
 *   crash_content_apply() gives at @revision, or %NULL when it does not
 */
char *
crash_content_dup_problem (RcAssessment *assessment,
                           RcInstrument *instrument,
                           gint64        revision)
{
  guint n_factors = rc_instrument_get_n_factors (instrument);

  if (rc_assessment_get_n_ratings (assessment) != n_factors)
    return g_strdup_printf ("%u ratings, not %u", rc_assessment_get_n_ratings (assessment),
                            n_factors);
  if (g_strcmp0 (rc_assessment_get_assessor (assessment), ASSESSOR) != 0)
    return g_strdup ("another assessor");
  if ((rc_assessment_get_status (assessment) == RC_ASSESSMENT_COMPLETE) != is_complete (revision))
    return g_strdup ("another status");
  for (guint i = 0; i < n_factors; i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, i));
      g_autofree char *note = expected_note (revision, i, n_factors);
      g_autofree char *goal = expected_goal (revision, i);

      if (rc_assessment_get_score (assessment, key) != expected_score (instrument, revision, i))
        return g_strdup_printf ("factor %s: another score", key);
      if (g_strcmp0 (rc_assessment_get_note (assessment, key), note) != 0)
        return g_strdup_printf ("factor %s: another note", key);
      if (g_strcmp0 (rc_assessment_get_goal (assessment, key), goal) != 0)
        return g_strdup_printf ("factor %s: another goal", key);
    }
  return NULL;
}
