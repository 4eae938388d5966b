/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rc-compare-view.h"
#include "rc-radar-chart.h"
#include "rc-trend-chart.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* The compare view as a clinician meets it: from a client's page to the
 * change table, whose rows a screen reader can name, with reliable change
 * for an instrument that carries reliability figures and a plain
 * statement for the default one; the client's and the worker's views of
 * one day side by side. */

static char *tmpdir;

static void
save_complete (RcStore            *store,
               RcClient           *client,
               const char         *instrument_id,
               const char         *date,
               RcTimepoint         timepoint,
               RcRater             rater,
               const char * const *scores)
{
  RcInstrument *instrument =
    rc_instrument_catalog_lookup (rc_store_get_catalog (store), instrument_id, 1);
  g_autoptr(RcAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (instrument);
  assessment = rc_assessment_new (rc_client_get_uuid (client), instrument);
  rc_assessment_set_date (assessment, date);
  rc_assessment_set_timepoint (assessment, timepoint);
  rc_assessment_set_rater (assessment, rater);
  rc_assessment_set_assessor (assessment, "K. Worker");
  rc_test_set_scores (assessment, scores);
  for (guint i = 0; i < rc_assessment_get_n_ratings (assessment); i++)
    rc_assessment_set_goal (assessment, rc_assessment_get_rating_key (assessment, i), "Keep going");
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
}

static GtkWidget *
compare_button (RcWindow *window)
{
  GtkWidget *label = rc_test_ui_find_label (GTK_WIDGET (window), "Compare");

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON);
}

static RcCompareView *
open_compare (RcWindow *window,
              RcClient *client)
{
  g_assert_true (rc_window_open_client (window, client));
  rc_test_ui_wait (100);
  g_assert_true (gtk_widget_is_sensitive (compare_button (window)));
  g_assert_true (gtk_widget_activate_action (compare_button (window), "page.compare", NULL));
  rc_test_ui_wait (100);
  g_assert_cmpstr (rc_window_get_view (window), ==, "compare");
  return RC_COMPARE_VIEW (rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                      RC_TYPE_COMPARE_VIEW, 0));
}

/* The n-th picker: 0 before, 1 after, 2 also show. */
static AdwComboRow *
picker (RcCompareView *view,
        guint          n)
{
  return ADW_COMBO_ROW (rc_test_ui_find_descendant (GTK_WIDGET (view), ADW_TYPE_COMBO_ROW, n));
}

/* For the screenshots of what lies below the change table. */
static void
scroll_to_end (RcCompareView *view)
{
  GtkWidget *scrolled = rc_test_ui_find_descendant (GTK_WIDGET (view),
                                                    GTK_TYPE_SCROLLED_WINDOW, 0);
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  rc_test_ui_wait (100);
}

static void
assert_row (GPtrArray  *rows,
            guint       index,
            const char *expected)
{
  g_assert_cmpuint (index, <, rows->len);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (rows, index)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
}

/* The @nth chart of @type in @view describes itself as @expected. */
static void
assert_chart (RcCompareView *view,
              GType          type,
              guint          nth,
              const char    *expected)
{
  GtkWidget *chart = rc_test_ui_find_descendant (GTK_WIDGET (view), type, nth);

  g_assert_nonnull (chart);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       expected);
}

static void
test_reliable_change (void)
{
  const char * const intake[] = { "housing=1", "work=3", "friends=2", NULL };
  const char * const own_view[] = { "housing=3", "work=3", "friends=0", NULL };
  const char * const discharge[] = { "housing=3", "work=1", "friends=4", NULL };
  g_autofree char *database = g_build_filename (tmpdir, "validated.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(RcClient) client = rc_test_make_client ("RC-000001", "Quirinus", "Zzyzx");
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;
  RcCompareView *view;
  GPtrArray *rows;

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  save_complete (store, client, "test-validated", "2025-01-10", RC_TIMEPOINT_INTAKE,
                 RC_RATER_WORKER, intake);
  save_complete (store, client, "test-validated", "2025-01-10", RC_TIMEPOINT_INTAKE,
                 RC_RATER_CLIENT, own_view);
  save_complete (store, client, "test-validated", "2025-06-10", RC_TIMEPOINT_DISCHARGE,
                 RC_RATER_WORKER, discharge);
  g_clear_object (&store);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 2400);
  view = open_compare (window, client);

  /* The worker's intake against the discharge, factor by factor, then
   * the total; each row a sentence for a screen reader. */
  g_assert_nonnull (rc_compare_view_get_comparison (view));
  /* The view has the focus, so its keys (Ctrl+S, Ctrl+P) work at once. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (view)));
  rows = rc_compare_view_get_change_rows (view);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, "Housing: Up 2, from 1 to 3 · reliable change (RCI 3.16)");
  assert_row (rows, 1, "Work and study: Down 2, from 3 to 1 · reliable change (RCI -2.36)");
  assert_row (rows, 2, "Friends: Up 2, from 2 to 4");
  assert_row (rows, 3, "Total: Up 2.0, from 6.0 to 8.0 · reliable change (RCI 2.24)");
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "|RCI| > 1.96"));
  /* One version, and no languages recorded: neither note. */
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (view), "different versions"));
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (view), "different languages"));

  /* Client and worker on the intake day: housing and friends 2 apart. */
  rows = rc_compare_view_get_disagreement_rows (view);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "Worker 1, client 3: 2 apart"));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "Worker 2, client 0: 2 apart"));
  assert_row (rows, 0, "Housing: Worker 1, client 3: 2 apart");
  /* Their icons repeat the words, and screen readers skip them. */
  gtk_test_accessible_assert_role (
    GTK_ACCESSIBLE (rc_test_ui_find_descendant (g_ptr_array_index (rows, 0), GTK_TYPE_IMAGE, 0)),
    GTK_ACCESSIBLE_ROLE_PRESENTATION);

  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "The worker’s ratings, 2 over time"));

  /* Each chart says what it shows: before and after side by side, the
   * two views of one day, the trend's dates and values. */
  assert_chart (view, RC_TYPE_RADAR_CHART, 0,
                "Radar chart of 3 factors, each scored 0 to 4. "
                "Before: 10 January 2025 · Intake. After: 10 June 2025 · Discharge. "
                "Housing: Before 1 of 4, After 3 of 4. "
                "Work and study: Before 3 of 4, After 1 of 4. "
                "Friends: Before 2 of 4, After 4 of 4.");
  assert_chart (view, RC_TYPE_RADAR_CHART, 1,
                "Radar chart of 3 factors, each scored 0 to 4. "
                "Worker: 10 January 2025 · Intake. "
                "Client: 10 January 2025 · Intake · client’s view. "
                "Housing: Worker 1 of 4, Client 3 of 4. "
                "Work and study: Worker 3 of 4, Client 3 of 4. "
                "Friends: Worker 2 of 4, Client 0 of 4.");
  assert_chart (view, RC_TYPE_TREND_CHART, 0,
                "Line chart of Total, scored 0 to 12, over 2 assessments from 10 January 2025 "
                "to 10 June 2025: 10 January 2025, 6; 10 June 2025, 8.");
  adw_combo_row_set_selected (picker (view, 3), 1);
  assert_chart (view, RC_TYPE_TREND_CHART, 0,
                "Line chart of Housing, scored 0 to 4, over 2 assessments from 10 January 2025 "
                "to 10 June 2025: 10 January 2025, 1; 10 June 2025, 3.");
  rc_test_ui_screenshot (GTK_WIDGET (window), "compare-reliable.png");
  scroll_to_end (view);
  rc_test_ui_screenshot (GTK_WIDGET (window), "compare-reliable-end.png");

  /* Chosen the wrong way round, the table still reads forwards in time,
   * and the pickers swap to say so; one assessment against itself is no
   * comparison. */
  adw_combo_row_set_selected (picker (view, 0), 2);
  adw_combo_row_set_selected (picker (view, 1), 0);
  assert_row (rc_compare_view_get_change_rows (view), 0,
              "Housing: Up 2, from 1 to 3 · reliable change (RCI 3.16)");
  g_assert_cmpuint (adw_combo_row_get_selected (picker (view, 0)), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (picker (view, 1)), ==, 2);
  adw_combo_row_set_selected (picker (view, 0), 2);
  g_assert_null (rc_compare_view_get_comparison (view));
  g_assert_cmpuint (rc_compare_view_get_change_rows (view)->len, ==, 0);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "Choose two different"));
  g_assert_false (gtk_widget_is_sensitive (
    gtk_widget_get_ancestor (rc_test_ui_find_label (GTK_WIDGET (view), "Save Report"),
                             GTK_TYPE_BUTTON)));

  /* Back returns to the client's page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  rc_test_ui_stop (application);
}

static void
test_default_instrument (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "demo.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  RcClient *compared = NULL, *single = NULL;
  RcApplication *application;
  RcWindow *window;
  RcCompareView *view;
  GPtrArray *rows;

  rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)), 40,
                    7, &error);
  g_assert_no_error (error);
  clients = rc_store_search_clients (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) all = rc_store_list_assessments (store, rc_client_get_uuid (client),
                                                            &error);
      g_autoptr(GPtrArray) current = rc_assessments_current_complete (all);

      if (current->len >= 2 && compared == NULL)
        compared = client;
      if (current->len < 2 && single == NULL)
        single = client;
    }
  g_assert_nonnull (compared);
  g_assert_nonnull (single);
  g_clear_object (&store);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 2400);

  /* One completed assessment is nothing to compare. */
  g_assert_true (rc_window_open_client (window, single));
  rc_test_ui_wait (100);
  g_assert_false (gtk_widget_is_sensitive (compare_button (window)));

  view = open_compare (window, compared);
  rows = rc_compare_view_get_change_rows (view);
  g_assert_cmpuint (rows->len, ==, 9);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (GTK_IS_LIST_BOX_ROW (g_ptr_array_index (rows, i)));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "Reliability is not established"));
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (view), "reliable change"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "compare-default.png");
  scroll_to_end (view);
  rc_test_ui_screenshot (GTK_WIDGET (window), "compare-default-end.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 1400);
  rc_test_ui_wait (300);
  rc_test_ui_screenshot (GTK_WIDGET (window), "compare-narrow-dark.png");
  /* The chart with the keyboard focus, to see its ring. */
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  g_assert_true (gtk_widget_grab_focus (rc_test_ui_find_descendant (GTK_WIDGET (view),
                                                                    RC_TYPE_RADAR_CHART, 0)));
  rc_test_ui_wait (300);
  rc_test_ui_screenshot (GTK_WIDGET (window), "compare-narrow-dark-focus.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* The latest profile alone, at 360 px. */
  g_assert_true (rc_window_open_assessment (window,
                                            rc_comparison_get_after (
                                              rc_compare_view_get_comparison (view))));
  rc_test_ui_wait (300);
  rc_test_ui_screenshot (GTK_WIDGET (window), "profile-narrow.png");
  rc_test_ui_stop (application);
}

/* Below the change table the view says when the two were rated with
 * different versions of the instrument, or with its texts in different
 * languages, and says neither when they were not. */
static void
test_versions_and_languages (void)
{
  const RcTestVersionCase *cases = rc_test_version_cases;
  g_autofree char *database = g_build_filename (tmpdir, "versions.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(GPtrArray) clients = rc_test_save_version_cases (store);
  RcApplication *application;
  RcWindow *window;

  g_clear_object (&store);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 2400);
  for (guint i = 0; i < RC_TEST_N_VERSION_CASES; i++)
    {
      RcCompareView *view = open_compare (window, g_ptr_array_index (clients, i));
      gboolean versions_differ = cases[i].versions[0] != cases[i].versions[1];
      gboolean languages_differ = g_strcmp0 (cases[i].languages[0], cases[i].languages[1]) != 0;

      g_test_message ("%s", cases[i].code);
      g_assert_nonnull (rc_compare_view_get_comparison (view));
      g_assert_true ((rc_test_ui_find_label (GTK_WIDGET (view),
                                             "different versions of the instrument") != NULL) ==
                     versions_differ);
      g_assert_true ((rc_test_ui_find_label (GTK_WIDGET (view), "different languages") != NULL) ==
                     languages_differ);
      if (cases[i].note != NULL)
        g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), cases[i].note));
      if (i == 0)
        {
          /* Only the factors both versions have are rows, without a total. */
          g_assert_cmpuint (rc_compare_view_get_change_rows (view)->len, ==, 1);
          g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (view), "left out: "));
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
      rc_test_ui_wait (100);
    }
  rc_test_ui_stop (application);
}

/* What the toolkit writes for the app, as Print to File does, is
 * readable by its owner only. */
static void
test_printed_file_mode (void)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autofree char *path = g_build_filename (tmpdir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  rc_test_assert_mode (path, 0600);
}

static RcClient *
client_to_compare (RcStore *store)
{
  g_autoptr(GPtrArray) clients = rc_store_search_clients (store, NULL, NULL);

  for (guint i = 0; i < clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (clients, i);
      g_autoptr(GPtrArray) all = rc_store_list_assessments (store, rc_client_get_uuid (client),
                                                            NULL);
      g_autoptr(GPtrArray) current = rc_assessments_current_complete (all);

      if (current->len >= 2)
        return g_object_ref (client);
    }
  g_assert_not_reached ();
}

/* Starts the app on a demo database of @n_clients and opens the
 * comparison of the first client with two completed assessments. */
static RcCompareView *
open_demo_compare (const char     *name,
                   guint           n_clients,
                   RcApplication **application,
                   RcClient      **client)
{
  g_autofree char *database = g_build_filename (tmpdir, name, NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(GError) error = NULL;
  RcWindow *window;

  rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                    n_clients, 5, &error);
  g_assert_no_error (error);
  *client = client_to_compare (store);
  g_clear_object (&store);
  *application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (*application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  return open_compare (window, *client);
}

/* Chooses each printer of the print dialog in turn, as a user would, until
 * one prints to a file, then reads the file it proposes and cancels. The
 * printers arrive a moment after the dialog shows. */
static gboolean
read_print_to_file_cb (gpointer user_data)
{
  char **proposed = user_data;
  /* By name: the unix-print header is not on the tests' include path. */
  GtkWidget *dialog = rc_test_ui_find_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
  GtkSelectionModel *printers;

  if (dialog == NULL)
    return G_SOURCE_CONTINUE;
  printers = gtk_column_view_get_model (
    GTK_COLUMN_VIEW (rc_test_ui_find_descendant (dialog, GTK_TYPE_COLUMN_VIEW, 0)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (printers)); i++)
    {
      g_autoptr(GtkPrintSettings) settings = NULL;
      const char *uri;

      gtk_selection_model_select_item (printers, i, TRUE);
      g_object_get (dialog, "print-settings", &settings, NULL);
      uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);
      if (uri != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);

          *proposed = g_file_get_basename (file);
          gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

/* Print to File proposes the name Save Report… does: the clinic code. */
static void
test_print_to_file_name (void)
{
  g_autoptr(RcClient) client = NULL;
  g_autofree char *proposed = NULL;
  g_autofree char *expected = NULL;
  RcApplication *application;
  RcCompareView *view = open_demo_compare ("print.db", 5, &application, &client);

  g_timeout_add (100, read_print_to_file_cb, &proposed);
  /* The print operation runs its dialog in a loop of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "compare.print", NULL));
  while (proposed == NULL)
    g_main_context_iteration (NULL, TRUE);
  expected = g_strdup_printf ("%s-report.pdf", rc_client_get_clinic_code (client));
  g_assert_cmpstr (proposed, ==, expected);
  rc_test_ui_stop (application);
}

/* The last widget inside @widget that takes the focus, depth first; an
 * empty list takes none. */
static GtkWidget *
last_focusable (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget) || gtk_widget_get_height (widget) == 0)
    return NULL;
  for (GtkWidget *child = gtk_widget_get_last_child (widget); child != NULL;
       child = gtk_widget_get_prev_sibling (child))
    {
      GtkWidget *found = last_focusable (child);

      if (found != NULL)
        return found;
    }
  return gtk_widget_get_focusable (widget) ? widget : NULL;
}

static void
assert_in_view (GtkWidget *widget,
                GtkWidget *scrolled)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, -1);
  g_assert_cmpfloat (bounds.origin.y, <, gtk_widget_get_height (scrolled));
}

/* By keyboard: Page Down and Page Up scroll the page from a picker, whose
 * list would keep them; Tab reaches both charts and the page scrolls to
 * follow the focus, to the last control. */
static void
test_keyboard_reach (void)
{
  g_autoptr(RcClient) client = NULL;
  gboolean reached_radar = FALSE, reached_trend = FALSE;
  GtkWidget *scrolled, *last;
  GtkAdjustment *scroll;
  RcApplication *application;
  RcCompareView *view = open_demo_compare ("keyboard.db", 20, &application, &client);
  RcWindow *window = rc_test_ui_get_window (application);

  rc_compare_view_focus_start (view);
  rc_test_ui_wait (100);
  scrolled = rc_test_ui_find_descendant (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW, 0);
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);

  /* The scrolled window glides to its new place. */
  g_assert_true (rc_test_ui_press_key (GTK_WIDGET (view), GDK_KEY_Page_Down));
  rc_test_ui_wait (400);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >,
                     0.5 * gtk_adjustment_get_page_size (scroll));
  g_assert_true (rc_test_ui_press_key (GTK_WIDGET (view), GDK_KEY_Page_Up));
  rc_test_ui_wait (400);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);

  for (guint i = 0; i < 80 && !reached_trend; i++)
    {
      GtkWidget *focus;

      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      rc_test_ui_wait (20);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      reached_radar |= RC_IS_RADAR_CHART (focus);
      reached_trend |= RC_IS_TREND_CHART (focus);
      if (reached_trend)
        {
          rc_test_ui_wait (300);
          assert_in_view (focus, scrolled);
        }
    }
  g_assert_true (reached_radar);
  g_assert_true (reached_trend);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, 0);

  last = last_focusable (GTK_WIDGET (view));
  g_assert_nonnull (last);
  g_assert_true (gtk_widget_grab_focus (last));
  rc_test_ui_wait (300);
  assert_in_view (last, scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >,
                     gtk_adjustment_get_upper (scroll) - 2 * gtk_adjustment_get_page_size (scroll));
  rc_test_ui_stop (application);
}

/* Page Down and Page Up as typed, from a picker: the view takes them
 * before the pickers' list does. */
static void
test_page_keys_typed (void)
{
  g_autoptr(RcClient) client = NULL;
  RcApplication *application;
  RcCompareView *view;
  GtkAdjustment *scroll;

  if (!rc_test_ui_can_type ())
    return;
  view = open_demo_compare ("typed.db", 5, &application, &client);
  rc_test_ui_activate (GTK_WINDOW (rc_test_ui_get_window (application)));
  rc_compare_view_focus_start (view);
  scroll = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (rc_test_ui_find_descendant (GTK_WIDGET (view),
                                                     GTK_TYPE_SCROLLED_WINDOW, 0)));
  rc_test_ui_keys ("Page_Down");
  rc_test_ui_wait (400);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >,
                     0.5 * gtk_adjustment_get_page_size (scroll));
  rc_test_ui_keys ("Page_Up");
  rc_test_ui_wait (400);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);
  rc_test_ui_stop (application);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *folder = NULL;
  int status;

  /* Before GTK starts: GLib reads $XDG_DATA_HOME once, and the
   * application reads its instruments folder at start-up. */
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  /* Where the application looks for a clinic's instruments. */
  folder = rc_test_install_validated_instrument (g_get_user_data_dir ());
  for (guint version = 1; version <= 3; version++)
    rc_test_install_versioned_instrument (folder, version);
  rc_test_ui_init (&argc, &argv);

  g_test_add_func ("/compare/reliable-change", test_reliable_change);
  g_test_add_func ("/compare/default-instrument", test_default_instrument);
  g_test_add_func ("/compare/versions-and-languages", test_versions_and_languages);
  g_test_add_func ("/compare/printed-file-mode", test_printed_file_mode);
  g_test_add_func ("/compare/keyboard", test_keyboard_reach);
  g_test_add_func ("/compare/print-to-file-name", test_print_to_file_name);
  g_test_add_func ("/compare/page-keys-typed", test_page_keys_typed);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
