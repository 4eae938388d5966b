/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"

/* libFuzzer harness for the instrument loader (see README.md).
 *
 * Each input is written as the one file of a temporary instruments folder
 * and loaded the way the app loads a clinic's folder: by
 * rc_instrument_catalog_load_directory(), which reads it with
 * rc_instrument_new_from_file(). Every input must end up either as one
 * instrument or as one problem naming the file. An instrument that loads
 * is then held to what the rest of the program takes for granted (a
 * scale, a label and an anchor for every level, unique factor keys,
 * sensible reliability figures) and used for an assessment, validated and
 * scored; reaching a g_return_if_fail() there means the loader let
 * through something it should have refused. Criticals and warnings abort,
 * so a failed precondition counts as a crash. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *tmpdir;
static char *input_path;
static GFile *directory;

static void
remove_tmpdir (void)
{
  g_clear_object (&directory);
  if (input_path != NULL)
    g_unlink (input_path);
  if (tmpdir != NULL)
    g_rmdir (tmpdir);
}

static void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "fuzz-instrument: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcInstrumentCatalog) builtin = rc_instrument_catalog_new ();

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* Warms up the type system, the resources and libxml2, so that one-time
   * allocations are not taken for leaks of the first input. */
  rc_instrument_catalog_load_builtin (builtin);

  tmpdir = g_dir_make_tmp ("rc-fuzz-instrument-XXXXXX", &error);
  if (tmpdir == NULL)
    fail ("temporary folder", error);
  atexit (remove_tmpdir);
  input_path = g_build_filename (tmpdir, "input.xml", NULL);
  directory = g_file_new_for_path (tmpdir);
  return 0;
}

static void
check_factor (RcInstrument *instrument,
              RcFactor     *factor)
{
  int min = rc_instrument_get_min_score (instrument);
  int max = rc_instrument_get_max_score (instrument);
  const char *key = rc_factor_get_key (factor);
  double r, sd;

  g_assert_nonnull (key);
  g_assert_true (rc_instrument_lookup_factor (instrument, key) == factor);
  g_assert_nonnull (rc_factor_get_title (factor));
  rc_factor_get_description (factor);

  for (int score = min; score <= max; score++)
    {
      g_assert_nonnull (rc_factor_get_level_label (factor, score));
      g_assert_nonnull (rc_factor_get_level_anchor (factor, score));
      g_assert_nonnull (rc_score_level_label (factor, score));
    }
  /* Scores outside the scale have no level, and asking is not an error. */
  rc_factor_get_level_label (factor, min - 1);
  rc_factor_get_level_anchor (factor, max + 1);

  if (rc_factor_get_reliability (factor, &r, &sd))
    {
      g_assert_cmpfloat (r, >=, 0.0);
      g_assert_cmpfloat (r, <, 1.0);
      g_assert_cmpfloat (sd, >, 0.0);
    }
}

/* Takes an assessment with every factor rated, then with as many not
 * assessed as the instrument allows plus one, and scores both. */
static void
check_assessment (RcInstrument *instrument)
{
  g_autoptr(RcAssessment) assessment = rc_assessment_new ("fuzz-client", instrument);
  g_autoptr(GError) error = NULL;
  g_autofree double *values = NULL;
  guint n_factors = rc_instrument_get_n_factors (instrument);
  int min = rc_instrument_get_min_score (instrument);
  int max = rc_instrument_get_max_score (instrument);
  RcScoreSummary summary;

  for (guint i = 0; i < n_factors; i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, i));

      rc_assessment_set_score (assessment, key, min + (int) (i % (guint) (max - min + 1)));
    }
  if (!rc_assessment_validate (assessment, instrument, &error))
    g_error ("a complete assessment with scores on the scale is refused: %s", error->message);

  rc_score_assessment (assessment, instrument, &summary);
  g_assert_cmpuint (summary.n_factors, ==, n_factors);
  g_assert_cmpuint (summary.n_assessed, ==, n_factors);
  g_assert_true (summary.has_total);
  g_assert_cmpfloat (summary.total, <=, (double) summary.max_total + 1e-9);

  for (guint i = 0; i <= rc_instrument_get_max_missing (instrument) && i < n_factors; i++)
    rc_assessment_set_score (assessment,
                             rc_factor_get_key (rc_instrument_get_factor (instrument, i)),
                             RC_SCORE_NOT_ASSESSED);
  rc_score_assessment (assessment, instrument, &summary);
  g_assert_false (summary.has_total);

  values = g_new (double, n_factors);
  rc_score_values (assessment, instrument, values);
  g_assert_true (isnan (values[0]));
}

static void
check_instrument (RcInstrument *instrument)
{
  guint n_factors = rc_instrument_get_n_factors (instrument);
  double r, sd;

  g_assert_nonnull (rc_instrument_get_id (instrument));
  g_assert_cmpuint (rc_instrument_get_version (instrument), >=, 1);
  g_assert_nonnull (rc_instrument_get_name (instrument));
  g_assert_cmpstr (rc_instrument_get_name (instrument), !=, "");
  rc_instrument_get_description (instrument);
  g_assert_cmpint (rc_instrument_get_min_score (instrument), >=, 0);
  g_assert_cmpint (rc_instrument_get_min_score (instrument), <,
                   rc_instrument_get_max_score (instrument));
  g_assert_cmpint (rc_instrument_get_max_score (instrument), <=, RC_SCORE_MAX);
  g_assert_cmpuint (n_factors, >=, 1);
  g_assert_cmpuint (rc_instrument_get_max_missing (instrument), <, n_factors);
  g_assert_null (rc_instrument_lookup_factor (instrument, "no such factor"));
  if (rc_instrument_get_total_reliability (instrument, &r, &sd))
    {
      g_assert_cmpfloat (r, >=, 0.0);
      g_assert_cmpfloat (r, <, 1.0);
      g_assert_cmpfloat (sd, >, 0.0);
    }

  for (guint i = 0; i < n_factors; i++)
    check_factor (instrument, rc_instrument_get_factor (instrument, i));
  check_assessment (instrument);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  const GPtrArray *problems;
  guint n_instruments;

  if (!g_file_set_contents_full (input_path, (const char *) data, (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    fail (input_path, error);

  rc_instrument_catalog_load_directory (catalog, directory);
  problems = rc_instrument_catalog_get_problems (catalog);
  n_instruments = rc_instrument_catalog_get_n_instruments (catalog);
  g_assert_cmpuint (n_instruments + problems->len, ==, 1);

  if (n_instruments == 1)
    {
      RcInstrument *instrument = rc_instrument_catalog_get_instrument (catalog, 0);

      g_assert_true (rc_instrument_catalog_lookup (catalog, rc_instrument_get_id (instrument),
                                                   rc_instrument_get_version (instrument))
                     == instrument);
      rc_instrument_catalog_get_default (catalog);
      check_instrument (instrument);
    }
  else
    {
      /* "FILE:LINE: what is wrong", or "FILE: what is wrong". */
      g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), input_path));
    }
  return 0;
}
