/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rc-assessment-editor.h"
#include "rc-factor-row.h"
#include "rc-radar-chart.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* A screen reader must hear "Housing, level 3 of 5: Partial", not
 * "toggle button": every factor control carries a label naming its
 * factor. GTK 4.8 cannot read a computed name, so the labels set on the
 * widgets are checked. */

static char *tmpdir;

static void
assert_label (GtkWidget  *widget,
              const char *expected)
{
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       expected);
}

static void
check_factor_row (RcFactorRow *row)
{
  RcFactor *factor = rc_factor_row_get_factor (row);
  const char *title = rc_factor_get_title (factor);
  g_autofree char *not_assessed = g_strdup_printf ("%s: not assessed", title);
  g_autofree char *note = g_strdup_printf ("%s: note", title);
  g_autofree char *goal = g_strdup_printf ("%s: the client’s goal", title);

  assert_label (GTK_WIDGET (row), title);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_GROUP);
  for (int score = 1; score <= 5; score++)
    {
      g_autofree char *expected = g_strdup_printf ("%s, level %d of 5: %s. %s", title, score,
                                                   rc_factor_get_level_label (factor, score),
                                                   rc_factor_get_level_anchor (factor, score));

      assert_label (rc_factor_row_get_level_button (row, score), expected);
    }
  assert_label (rc_factor_row_get_level_button (row, RC_SCORE_NOT_ASSESSED), not_assessed);
  assert_label (rc_test_ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_ENTRY, 0), note);
  assert_label (rc_test_ui_find_descendant (GTK_WIDGET (row), GTK_TYPE_ENTRY, 1), goal);
}

static void
test_factor_controls_named (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "a11y.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(RcClient) client = rc_test_make_client ("RC-200001", "Noor", "Haddad");
  RcInstrument *instrument = rc_instrument_catalog_get_default (rc_store_get_catalog (store));
  g_autoptr(RcAssessment) draft = rc_assessment_new (rc_client_get_uuid (client), instrument);
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;
  RcAssessmentEditor *editor;

  rc_store_save_client (store, client, &error);
  g_assert_no_error (error);
  rc_store_save_assessment (store, draft, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  g_assert_true (rc_window_open_assessment (window, draft));
  editor = RC_ASSESSMENT_EDITOR (rc_window_get_editor (window));
  g_assert_cmpuint (rc_assessment_editor_get_n_factor_rows (editor), ==, 8);
  for (guint i = 0; i < 8; i++)
    check_factor_row (RC_FACTOR_ROW (rc_assessment_editor_get_factor_row (editor, i)));

  assert_label (rc_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, 0),
                "Search clients by name or clinic code");
  rc_test_ui_stop (application);
}

static void
test_chart_described (void)
{
  GtkWidget *chart = rc_radar_chart_new ();
  const char *labels[] = { "Family involvement", "Housing", "Finances", NULL };
  const double values[] = { 3, NAN, 5 };
  g_autofree char *label = NULL;

  g_object_ref_sink (chart);
  rc_radar_chart_set_axes (RC_RADAR_CHART (chart), labels, 1, 5);
  rc_radar_chart_add_series (RC_RADAR_CHART (chart), "Intake", values, 0);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));
  label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  g_assert_nonnull (label);
  g_test_message ("chart label: %s", label);
  g_assert_nonnull (strstr (label, "Family involvement 3 of 5"));
  g_assert_nonnull (strstr (label, "Housing not assessed"));
  g_assert_nonnull (strstr (label, "Finances 5 of 5"));
  g_object_unref (chart);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Before GTK starts: GLib reads $XDG_DATA_HOME once, and the
   * application reads its instruments folder at start-up. */
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  rc_test_ui_init (&argc, &argv);

  g_test_add_func ("/accessibility/factor-controls", test_factor_controls_named);
  g_test_add_func ("/accessibility/chart", test_chart_described);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
