/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-labels.h"
#include "rc-report.h"
#include "rc-test-util.h"

/* The one-page report: written as a PDF and read back with poppler's
 * tools, and drawn into images to look at. */

#define CODE        "RC-004217"
#define GIVEN_NAME  "Marguerite"
#define FAMILY_NAME "Oyelaran-Whitfield"
#define NS          "urn:recovery-capital:instrument:1"

typedef struct
{
  char         *tmpdir;
  RcStore      *store;
  RcClient     *client;
  RcComparison *comparison;
  RcAssessment *after;
} Fixture;

static RcAssessment *
save_assessment (Fixture            *fixture,
                 RcTimepoint         timepoint,
                 const char         *date,
                 const char         *assessor,
                 const int          *scores,
                 const char * const *goals)
{
  RcInstrument *instrument =
    rc_instrument_catalog_get_default (rc_store_get_catalog (fixture->store));
  RcAssessment *assessment = rc_assessment_new (rc_client_get_uuid (fixture->client), instrument);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  rc_assessment_set_timepoint (assessment, timepoint);
  rc_assessment_set_date (assessment, date);
  rc_assessment_set_assessor (assessment, assessor);
  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    {
      const char *key = rc_factor_get_key (rc_instrument_get_factor (instrument, i));

      rc_assessment_set_score (assessment, key, scores[i]);
      if (goals != NULL && goals[i] != NULL)
        rc_assessment_set_goal (assessment, key, goals[i]);
    }
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  saved = rc_store_save_assessment (fixture->store, assessment, &error);
  g_assert_no_error (error);
  g_assert_true (saved);
  return assessment;
}

/* A client with an intake and a discharge of the built-in instrument,
 * saved and read back, and the comparison the app would make of them. */
static void
fixture_set_up (Fixture            *fixture,
                const char         *assessor,
                const char * const *goals)
{
  static const int intake[] = { 2, 1, 2, RC_SCORE_NOT_ASSESSED, 3, 1, 2, 2 };
  static const int discharge[] = { 3, 3, 2, 3, 2, 2, RC_SCORE_NOT_ASSESSED, 4 };
  RcInstrument *instrument;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) current = NULL;
  RcAssessment *before;
  RcAssessment *after;

  fixture->tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (fixture->tmpdir);
  fixture->store = rc_test_open_store_in (fixture->tmpdir, "report.db");
  fixture->client = rc_test_make_client (CODE, GIVEN_NAME, FAMILY_NAME);
  rc_client_set_birth_date (fixture->client, "1979-06-30");
  g_assert_true (rc_store_save_client (fixture->store, fixture->client, &error));
  g_assert_no_error (error);

  g_object_unref (save_assessment (fixture, RC_TIMEPOINT_INTAKE, "2025-03-03", "K. Worker",
                                   intake, NULL));
  g_object_unref (save_assessment (fixture, RC_TIMEPOINT_DISCHARGE, "2025-06-02", assessor,
                                   discharge, goals));

  all = rc_store_list_assessments (fixture->store, rc_client_get_uuid (fixture->client), &error);
  g_assert_no_error (error);
  current = rc_assessments_current_complete (all);
  g_assert_true (rc_assessments_pick_default (current, &before, &after));
  instrument = rc_instrument_catalog_get_default (rc_store_get_catalog (fixture->store));
  fixture->comparison = rc_comparison_new (before, instrument, after, instrument, &error);
  g_assert_no_error (error);
  fixture->after = g_object_ref (after);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->after);
  g_clear_object (&fixture->comparison);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->store);
  rc_test_tmpdir_free (fixture->tmpdir);
}

static const char * const usual_goals[] = {
  "Phone my sister every Sunday",
  NULL,
  "Use the breathing exercise before difficult conversations",
  NULL,
  NULL,
  "Open a bank account and set up rent by standing order",
  NULL,
  "Move from the hostel into the flat offered by the housing association",
};

static void
set_up_usual (Fixture       *fixture,
              gconstpointer  data)
{
  fixture_set_up (fixture, "Sam Okafor", usual_goals);
}

/* Runs a poppler tool on @path; returns its output, or NULL when the tool
 * is not installed (then the test is skipped, never passed). */
static char *
run_poppler (const char *tool,
             const char *path)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { tool, path, NULL, NULL };
  char *output = NULL;
  int status;

  if (program == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed (package poppler-utils)",
                                                  tool);

      g_test_skip (message);
      return NULL;
    }
  if (g_str_equal (tool, "pdftotext"))
    argv[2] = "-";
  argv[0] = program;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return output;
}

/* The PDF's text with every run of white space made one space, so that a
 * sentence wrapped over lines is found whole. */
static char *
pdf_text (const char *path)
{
  g_autofree char *text = run_poppler ("pdftotext", path);
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return NULL;
  words = g_regex_split_simple ("\\s+", text, 0, 0);
  return g_strstrip (g_strjoinv (" ", words));
}

static void
assert_pdf_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *info = NULL;
  gsize length;

  rc_test_assert_mode (path, 0600);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  info = run_poppler ("pdfinfo", path);
  if (info == NULL)
    return;
  g_test_message ("%s", info);
  g_assert_true (g_regex_match_simple ("^Pages: +1$", info, G_REGEX_MULTILINE, 0));
  /* Window titles and file managers show the title: the code, not a name. */
  g_assert_true (g_regex_match_simple ("^Title: +" CODE "$", info, G_REGEX_MULTILINE, 0));
}

/* Fails unless the folder holds exactly the one file @name: no temporary
 * file is left beside it. */
static void
assert_only_file (const char *dir,
                  const char *name)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (folder);
  while ((entry = g_dir_read_name (folder)) != NULL)
    {
      if (g_str_has_prefix (entry, "report.db") || g_str_equal (entry, "data-home"))
        continue;
      g_assert_cmpstr (entry, ==, name);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

/* The page drawn at twice its size in points on white paper, as a reader
 * sees it; fails if anything is drawn in the outer margin. */
static void
render_png (RcReport   *report,
            const char *name)
{
  const double scale = 2.0;
  int width = (int) ceil (RC_REPORT_A4_WIDTH * scale);
  int height = (int) ceil (RC_REPORT_A4_HEIGHT * scale);
  int border = (int) (24 * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  const char *build_root = g_getenv ("RC_BUILD_ROOT");
  const guchar *pixels;
  int stride;
  guint marked = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  rc_report_draw (report, cr, RC_REPORT_A4_WIDTH, RC_REPORT_A4_HEIGHT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Saved before the checks, to look at when they fail. */
  if (build_root != NULL)
    {
      g_autofree char *dir = g_build_filename (build_root, "screenshots", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    }

  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (pixels + y * stride + x * 4) & 0xffffff;
        gboolean in_margin = x < border || x >= width - border ||
                             y < border || y >= height - border;

        if (pixel != 0xffffff)
          {
            marked++;
            g_assert_false (in_margin);
          }
      }
  g_assert_cmpuint (marked, >, width * height / 50);
  cairo_surface_destroy (surface);
}

static void
test_report_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RcReport) report = rc_report_new (fixture->client, fixture->comparison, NULL,
                                              fixture->after);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (rc_report_get_show_names (report));
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_only_file (fixture->tmpdir, "report.pdf");
  assert_pdf_file (path);

  text = pdf_text (path);
  if (text == NULL)
    return;
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Recovery capital profile"));
  g_assert_nonnull (strstr (text, CODE));
  g_assert_nonnull (strstr (text, GIVEN_NAME " " FAMILY_NAME));
  g_assert_nonnull (strstr (text, "30 June 1979"));
  g_assert_nonnull (strstr (text, "Intake, 3 March 2025"));
  g_assert_nonnull (strstr (text, "Discharge, 2 June 2025"));
  g_assert_nonnull (strstr (text, "Reliable change"));
  /* The default instrument carries no reliability figures: no verdicts,
   * and the reason why. */
  g_assert_nonnull (strstr (text, "Reliability figures are not established for this "
                                  "instrument: changes are shown as recorded, without a "
                                  "judgement of whether they exceed measurement error."));
  g_assert_null (strstr (text, " yes "));
  g_assert_nonnull (strstr (text, "Housing: Move from the hostel"));
  g_assert_nonnull (strstr (text, "Assessed by Sam Okafor on 2 June 2025"));
  g_assert_nonnull (strstr (text, "Generated by Recovery Capital " PACKAGE_VERSION));
  g_assert_nonnull (strstr (text, "they are not a diagnosis, and the scale has no clinical "
                                  "cut-offs."));
}

static void
test_report_codes_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RcReport) report = rc_report_new (fixture->client, fixture->comparison, NULL,
                                              fixture->after);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "codes.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  rc_report_set_show_names (report, FALSE);
  g_assert_false (rc_report_get_show_names (report));
  render_png (report, "report-codes.png");
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_pdf_file (path);

  /* Not in the file's bytes either, metadata included. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, GIVEN_NAME));
  g_assert_null (g_strstr_len (contents, length, FAMILY_NAME));

  text = pdf_text (path);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, CODE));
  g_assert_null (strstr (text, GIVEN_NAME));
  g_assert_null (strstr (text, FAMILY_NAME));
  g_assert_null (strstr (text, "1979"));
}

static void
test_report_missing_directory (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RcReport) report = rc_report_new (fixture->client, fixture->comparison, NULL,
                                              fixture->after);
  g_autofree char *dir = g_build_filename (fixture->tmpdir, "missing", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (rc_report_write_pdf (report, path, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (error->message, GIVEN_NAME));
  g_assert_null (strstr (error->message, FAMILY_NAME));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_report_replaces (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RcReport) report = rc_report_new (fixture->client, fixture->comparison, NULL,
                                              fixture->after);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  /* An older report of the same name, even one readable by others, is
   * replaced whole by a private one. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_only_file (fixture->tmpdir, "report.pdf");
  assert_pdf_file (path);
}

static void
test_report_png (Fixture       *fixture,
                 gconstpointer  data)
{
  RcReport *report = rc_report_new (fixture->client, fixture->comparison, NULL, fixture->after);

  render_png (report, "report.png");
  g_assert_finalize_object (report);
}

/* Every goal far too long, a long name and no assessor (as an imported
 * assessment may have): still one page, nothing past its margins. */
static void
test_report_long (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) long_goal = g_string_new (NULL);
  const char *goals[8];
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  RcReport *report;

  for (guint i = 0; i < 40; i++)
    g_string_append (long_goal, "Keep going to the Tuesday group and ask for a sponsor there. ");
  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    goals[i] = long_goal->str;
  fixture_set_up (fixture, "Sam Okafor", goals);
  rc_assessment_set_assessor (fixture->after, "");
  rc_client_set_given_name (fixture->client, "Anna-Karenina Margarethe Wilhelmina Josephine");

  report = rc_report_new (fixture->client, fixture->comparison, NULL, fixture->after);
  render_png (report, "report-long.png");

  path = g_build_filename (fixture->tmpdir, "long.pdf", NULL);
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_pdf_file (path);
  text = pdf_text (path);
  if (text != NULL)
    {
      /* The goals are cut short on the page, but the PDF keeps the whole
       * text behind the ellipsis for copying, so only the lines around
       * them are checked here. */
      g_assert_nonnull (strstr (text, "Assessed on 2 June 2025 · Assessor not recorded"));
      g_assert_nonnull (strstr (text, "has no clinical cut-offs."));
    }
  g_assert_finalize_object (report);
}

static void
test_report_no_goals (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcReport) report = NULL;

  fixture_set_up (fixture, "Sam Okafor", NULL);
  report = rc_report_new (fixture->client, fixture->comparison, NULL, fixture->after);
  path = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  if (text != NULL)
    g_assert_nonnull (strstr (text, "No goals recorded."));
}

/* A clinic's validated instrument: four factors on 1–5 with reliability
 * figures, so the report judges which changes are reliable. */
/* Two assessments rated with the instrument's texts in different
 * languages: the report says so; in one language, or unknown, it doesn't. */
static void
test_report_languages (Fixture       *fixture,
                       gconstpointer  data)
{
  RcAssessment *before = rc_comparison_get_before (fixture->comparison);
  RcAssessment *after = rc_comparison_get_after (fixture->comparison);
  g_autoptr(RcReport) report = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sentence = NULL;

  g_assert_null (rc_labels_describe_text_languages (fixture->comparison));
  rc_assessment_set_text_language (before, "en");
  g_assert_null (rc_labels_describe_text_languages (fixture->comparison));
  rc_assessment_set_text_language (after, "en");
  g_assert_null (rc_labels_describe_text_languages (fixture->comparison));
  rc_assessment_set_text_language (after, "fr");
  sentence = rc_labels_describe_text_languages (fixture->comparison);
  g_assert_nonnull (strstr (sentence, "different languages (en, then fr)"));

  report = rc_report_new (fixture->client, fixture->comparison, NULL, fixture->after);
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "different languages (en, then fr)"));
}

static RcInstrument *
validated_instrument (guint               version,
                      const char * const *keys)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  RcInstrument *instrument;

  g_string_append_printf (xml,
                          "<?xml version='1.0' encoding='UTF-8'?>\n"
                          "<instrument xmlns='" NS "' id='clinic-validated' version='%u'>\n"
                          "  <name>Clinic validated scale</name>\n"
                          "  <scale min='1' max='5' max-missing='1'/>\n"
                          "  <reliability r='0.9' sd='2.5'/>\n",
                          version);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_string_append_printf (xml,
                              "  <factor key='%s'><title>%c%s</title>\n"
                              "    <reliability r='0.8' sd='0.9'/>\n",
                              keys[i], g_ascii_toupper (keys[i][0]), keys[i] + 1);
      for (int score = 1; score <= 5; score++)
        g_string_append_printf (xml, "    <level score='%d' label='L%d'>Level %d.</level>\n",
                                score, score, score);
      g_string_append (xml, "  </factor>\n");
    }
  g_string_append (xml, "</instrument>\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&xml));
  instrument = rc_instrument_new_from_bytes (bytes, "clinic-validated.xml", &error);
  g_assert_no_error (error);
  return instrument;
}

static RcAssessment *
validated_assessment (RcInstrument *instrument,
                      RcTimepoint   timepoint,
                      const char   *date,
                      const int    *scores)
{
  RcAssessment *assessment =
    rc_assessment_new ("0b7e4c56-3f0a-4f7e-9a8d-1c2b3a4d5e6f", instrument);

  rc_assessment_set_timepoint (assessment, timepoint);
  rc_assessment_set_date (assessment, date);
  rc_assessment_set_assessor (assessment, "K. Worker");
  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    rc_assessment_set_score (assessment,
                             rc_factor_get_key (rc_instrument_get_factor (instrument, i)),
                             scores[i]);
  rc_assessment_set_goal (assessment, "work", "Ask the job centre about a work trial");
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  return assessment;
}

static void
test_report_reliable (void)
{
  static const char * const keys[] = { "work", "housing", "friends", "health", NULL };
  static const int intake[] = { 1, 2, 3, 2 };
  static const int review[] = { 2, 3, 3, 3 };
  static const int discharge[] = { 4, 2, 3, 5 };
  g_autoptr(RcInstrument) instrument = validated_instrument (1, keys);
  g_autoptr(RcAssessment) before = validated_assessment (instrument, RC_TIMEPOINT_INTAKE,
                                                         "2025-01-13", intake);
  g_autoptr(RcAssessment) middle = validated_assessment (instrument, RC_TIMEPOINT_REVIEW,
                                                         "2025-03-10", review);
  g_autoptr(RcAssessment) after = validated_assessment (instrument, RC_TIMEPOINT_DISCHARGE,
                                                        "2025-05-05", discharge);
  g_autoptr(RcClient) client = rc_test_make_client (CODE, GIVEN_NAME, FAMILY_NAME);
  g_autoptr(RcComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "reliable.pdf", NULL);
  g_autofree char *text = NULL;
  RcReport *report;

  comparison = rc_comparison_new (before, instrument, after, instrument, &error);
  g_assert_no_error (error);
  g_assert_true (rc_comparison_has_reliability (comparison));

  report = rc_report_new (client, comparison, middle, after);
  render_png (report, "report-reliable.png");
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_pdf_file (path);

  text = pdf_text (path);
  if (text != NULL)
    {
      g_test_message ("%s", text);
      /* Work rose by 3 and health by 3: reliable; housing's rise of 0 and
       * a fall of 1 are not. */
      g_assert_nonnull (strstr (text, " yes "));
      g_assert_nonnull (strstr (text, " no "));
      /* Each verdict shows the index it rests on. */
      g_assert_nonnull (strstr (text, "yes ("));
      g_assert_nonnull (strstr (text, "no ("));
      g_assert_nonnull (strstr (text, "Review, 10 March 2025"));
      g_assert_null (strstr (text, "Reliability figures are not established"));
      g_assert_nonnull (strstr (text, "Truax index beyond ±1.96."));
    }
  g_assert_finalize_object (report);
  rc_test_tmpdir_free (g_steal_pointer (&tmpdir));
}

static void
test_report_versions (void)
{
  static const char * const old_keys[] = { "work", "housing", "friends", "health", NULL };
  static const char * const new_keys[] = { "work", "housing", "health", "family", NULL };
  static const int intake[] = { 1, 2, 3, 2 };
  static const int discharge[] = { 4, 2, 5, 3 };
  g_autoptr(RcInstrument) old_instrument = validated_instrument (1, old_keys);
  g_autoptr(RcInstrument) new_instrument = validated_instrument (2, new_keys);
  g_autoptr(RcAssessment) before = validated_assessment (old_instrument, RC_TIMEPOINT_INTAKE,
                                                         "2025-01-13", intake);
  g_autoptr(RcAssessment) after = validated_assessment (new_instrument, RC_TIMEPOINT_DISCHARGE,
                                                        "2025-05-05", discharge);
  g_autoptr(RcClient) client = rc_test_make_client (CODE, GIVEN_NAME, FAMILY_NAME);
  g_autoptr(RcComparison) comparison = NULL;
  g_autoptr(RcReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "versions.pdf", NULL);
  g_autofree char *text = NULL;

  comparison = rc_comparison_new (before, old_instrument, after, new_instrument, &error);
  g_assert_no_error (error);
  g_assert_false (rc_comparison_same_version (comparison));

  report = rc_report_new (client, comparison, NULL, after);
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_pdf_file (path);

  text = pdf_text (path);
  if (text != NULL)
    {
      g_test_message ("%s", text);
      g_assert_nonnull (strstr (text, "different versions of the instrument (1 and 2)"));
      /* One factor is new, one gone: each by its title, from the
       * version that has it. */
      g_assert_nonnull (strstr (text, "Not compared: Family, Friends."));
    }
  rc_test_tmpdir_free (g_steal_pointer (&tmpdir));
}

/* An instrument far longer than the usual eight factors, every goal
 * set: the type shrinks and goals are counted rather than shown before
 * anything leaves the page. */
static void
test_report_many_factors (void)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr(RcInstrument) instrument = NULL;
  g_autoptr(RcAssessment) before = NULL;
  g_autoptr(RcAssessment) after = NULL;
  g_autoptr(RcClient) client = rc_test_make_client (CODE, GIVEN_NAME, FAMILY_NAME);
  g_autoptr(RcComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (tmpdir, "many.pdf", NULL);
  g_autofree char *text = NULL;
  int scores[30];
  RcReport *report;

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    {
      g_ptr_array_add (keys, g_strdup_printf ("area%02u", i));
      scores[i] = 1 + i % 5;
    }
  instrument = validated_instrument (1, (const char * const *) keys->pdata);
  before = validated_assessment (instrument, RC_TIMEPOINT_INTAKE, "2025-01-13", scores);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    scores[i] = 5 - i % 5;
  after = validated_assessment (instrument, RC_TIMEPOINT_DISCHARGE, "2025-05-05", scores);
  for (guint i = 0; i < keys->len; i++)
    rc_assessment_set_goal (after, g_ptr_array_index (keys, i),
                            "Keep going to the Tuesday group and ask for a sponsor there");
  comparison = rc_comparison_new (before, instrument, after, instrument, &error);
  g_assert_no_error (error);

  report = rc_report_new (client, comparison, NULL, after);
  render_png (report, "report-many.png");
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_pdf_file (path);
  text = pdf_text (path);
  if (text != NULL)
    {
      g_assert_true (g_regex_match_simple ("and [0-9]+ more goals, not shown", text, 0, 0));
      g_assert_nonnull (strstr (text, "has no clinical cut-offs."));
    }
  g_assert_finalize_object (report);
  rc_test_tmpdir_free (g_steal_pointer (&tmpdir));
}

/* Runs the test again in a process of its own, where the fixture's
 * folder is the first $XDG_DATA_HOME (GLib keeps the first it reads) and
 * where no thread has been made yet; FALSE in the parent. */
static gboolean
in_subprocess (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* The database, its journal, a link to it, or a backup: refused, nothing
 * written; a report beside them is written as usual. */
static void
test_report_refuses_database (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(RcReport) report = NULL;
  const char *db = rc_store_get_path (fixture->store);
  g_auto(GStrv) protected = rc_output_file_database_paths (db);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *link_path = g_build_filename (fixture->tmpdir, "link.pdf", NULL);
  g_autofree char *backups = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_autofree char *checksum = rc_test_file_checksum (db);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!in_subprocess ())
    return;
  report = rc_report_new (fixture->client, fixture->comparison, NULL, fixture->after);
  backups = g_build_filename (g_get_user_data_dir (), "recovery-capital", "backups", "test-id",
                              NULL);
  g_assert_true (g_str_has_prefix (backups, fixture->tmpdir));
  backup = g_build_filename (backups, "2025-01-01T00:00:00Z.db", NULL);

  const char *targets[] = { db, wal, link_path, backup };

  g_assert_cmpint (symlink (db, link_path), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (backups, 0700), ==, 0);
  g_assert_true (g_file_set_contents (backup, "a backup", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) refused = NULL;
      g_autofree char *expected =
        g_strdup_printf ("%s: is the database itself (or its journal, or a backup); nothing "
                         "was written", targets[i]);

      g_assert_false (rc_report_write_pdf_full (report, targets[i],
                                                (const char * const *) protected, &refused));
      g_assert_error (refused, RC_ERROR, RC_ERROR_PROTECTED_OUTPUT);
      g_assert_cmpstr (refused->message, ==, expected);
    }
  /* Without the database's files, backups are still refused. */
  g_assert_false (rc_report_write_pdf (report, backup, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_PROTECTED_OUTPUT);
  g_clear_error (&error);

  {
    g_autofree char *checksum_after = rc_test_file_checksum (db);

    g_assert_cmpstr (checksum_after, ==, checksum);
  }
  g_assert_true (g_file_get_contents (backup, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "a backup");
  g_assert_cmpint (g_unlink (link_path), ==, 0);
  g_assert_true (rc_report_write_pdf_full (report, path, (const char * const *) protected,
                                           &error));
  g_assert_no_error (error);
  assert_only_file (fixture->tmpdir, "report.pdf");
  assert_pdf_file (path);
}

/* Without O_TMPFILE, as on a FAT memory stick: the same private file,
 * nothing else left, and what a killed writer left swept. */
static void
test_report_fallback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RcReport) report = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_autofree char *stale = g_build_filename (fixture->tmpdir, ".report.pdf.rc-tmp-X1y2Z3", NULL);
  g_autoptr(GError) error = NULL;

  if (!in_subprocess ())
    return;
  g_setenv ("RC_TEST_NO_O_TMPFILE", "1", TRUE);
  report = rc_report_new (fixture->client, fixture->comparison, NULL, fixture->after);
  g_assert_true (g_file_set_contents (stale, "%PDF-1.5 left by a kill", -1, NULL));
  g_assert_true (rc_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  assert_only_file (fixture->tmpdir, "report.pdf");
  assert_pdf_file (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* First: each runs again in a subprocess, before other tests have made
   * threads in this one. */
  g_test_add ("/report/refuses-database", Fixture, NULL, set_up_usual,
              test_report_refuses_database, fixture_tear_down);
  g_test_add ("/report/fallback", Fixture, NULL, set_up_usual, test_report_fallback,
              fixture_tear_down);
  g_test_add ("/report/pdf", Fixture, NULL, set_up_usual, test_report_pdf, fixture_tear_down);
  g_test_add ("/report/languages", Fixture, NULL, set_up_usual, test_report_languages,
              fixture_tear_down);
  g_test_add ("/report/codes-only", Fixture, NULL, set_up_usual, test_report_codes_only,
              fixture_tear_down);
  g_test_add ("/report/missing-directory", Fixture, NULL, set_up_usual,
              test_report_missing_directory, fixture_tear_down);
  g_test_add ("/report/replaces", Fixture, NULL, set_up_usual, test_report_replaces,
              fixture_tear_down);
  g_test_add ("/report/png", Fixture, NULL, set_up_usual, test_report_png, fixture_tear_down);
  g_test_add ("/report/long", Fixture, NULL, NULL, test_report_long, fixture_tear_down);
  g_test_add ("/report/no-goals", Fixture, NULL, NULL, test_report_no_goals, fixture_tear_down);
  g_test_add_func ("/report/reliable", test_report_reliable);
  g_test_add_func ("/report/versions", test_report_versions);
  g_test_add_func ("/report/many-factors", test_report_many_factors);

  return g_test_run ();
}
