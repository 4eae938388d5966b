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

/* Roles a screen reader announces by name: without one it says the
 * widget's type ("GtkImage", "toggle button"). */
static gboolean
needs_name (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_IMG:
      return TRUE;
    default:
      return FALSE;
    }
}

/* A visible text inside @widget, which GTK 4.8 reads as its name. */
static gboolean
has_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         (!GTK_IS_TEXT (widget) && has_text (widget));
}

/* Whether @widget is drawn only as a part of a control named as a whole:
 * the icon of a button, the text of an entry row, the parts of a combo row. */
static gboolean
is_part_of_named (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_IMAGE (widget) || GTK_IS_TEXT (widget))
    for (GtkWidget *ancestor = parent; ancestor != NULL;
         ancestor = gtk_widget_get_parent (ancestor))
      if ((GTK_IS_BUTTON (ancestor) || ADW_IS_PREFERENCES_ROW (ancestor) ||
           GTK_IS_ENTRY (ancestor) || GTK_IS_SEARCH_ENTRY (ancestor)) && is_named (ancestor))
        return TRUE;
  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (needs_name (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))) &&
      !is_named (widget) && !is_part_of_named (widget))
    g_string_append_printf (unnamed, " %s (in %s)", G_OBJECT_TYPE_NAME (widget),
                            G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
assert_every_control_named (RcWindow   *window,
                            const char *view)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  rc_test_ui_wait (400);
  g_assert_cmpstr (rc_window_get_view (window), ==, view);
  collect_unnamed (GTK_WIDGET (window), unnamed);
  if (unnamed->len > 0)
    g_error ("%s view: controls without an accessible name:%s", view, unnamed->str);
}

static RcAssessment *
store_completed (RcStore     *store,
                 RcClient    *client,
                 const char  *date,
                 const char **scores)
{
  RcInstrument *instrument = rc_instrument_catalog_get_default (rc_store_get_catalog (store));
  RcAssessment *assessment = rc_assessment_new (rc_client_get_uuid (client), instrument);
  g_autoptr(GError) error = NULL;

  rc_assessment_set_date (assessment, date);
  rc_assessment_set_assessor (assessment, "M. Osei");
  rc_test_set_scores (assessment, scores);
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  return assessment;
}

/* Every view the worker reaches, walked whole: each control a screen
 * reader announces has a name. */
static void
test_every_control_named (void)
{
  const char *before[] = { "family=2", "physical-health=3", "coping=2", "spirituality=1",
                           "self-esteem=2", "finances=1", "support-groups=3", "housing=2",
                           NULL };
  const char *after[] = { "family=3", "physical-health=4", "coping=3", "spirituality=-1",
                          "self-esteem=3", "finances=2", "support-groups=4", "housing=4",
                          NULL };
  g_autofree char *database = g_build_filename (tmpdir, "every.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(RcClient) client = rc_test_make_client ("RC-300001", "Ines", "Moreau");
  g_autoptr(RcAssessment) intake = NULL;
  g_autoptr(RcAssessment) review = NULL;
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;

  g_assert_true (rc_store_save_client (store, client, &error));
  intake = store_completed (store, client, "2025-01-10", before);
  review = store_completed (store, client, "2025-04-10", after);
  g_clear_object (&store);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  assert_every_control_named (window, "welcome");
  g_assert_true (rc_window_open_client (window, client));
  assert_every_control_named (window, "client");
  g_assert_true (rc_window_open_assessment (window, review));
  assert_every_control_named (window, "profile");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare", NULL));
  assert_every_control_named (window, "compare");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-assessment", NULL));
  assert_every_control_named (window, "editor");
  rc_test_ui_stop (application);
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
  g_test_add_func ("/accessibility/every-control", test_every_control_named);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
