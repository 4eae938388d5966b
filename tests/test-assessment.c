/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rc-app-util.h"
#include "rc-assessment-editor.h"
#include "rc-factor-row.h"
#include "rc-new-client-dialog.h"
#include "rc-profile-view.h"
#include "rc-client-page.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* The intake worker's flow, as a user goes through it: register a client,
 * rate the eight factors from the keyboard, complete, reopen; autosave
 * when the window goes away mid-edit; amendments that need a reason. */

static char *tmpdir;

static char *
database_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
set_entry_row (GtkWidget  *dialog,
               guint       nth,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (rc_test_ui_find_descendant (dialog, ADW_TYPE_ENTRY_ROW,
                                                                   nth)), text);
}

/* Registers a client through the New Client dialog, as a user would. */
static void
register_client (RcWindow   *window,
                 const char *code)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  rc_test_ui_wait (100);
  dialog = rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG);
  g_assert_nonnull (dialog);
  set_entry_row (dialog, 0, "Zoë");
  set_entry_row (dialog, 1, "Ångström");
  set_entry_row (dialog, 2, code);
  set_entry_row (dialog, 3, "1984-02-29");
  rc_test_ui_screenshot (dialog, "new-client-dialog.png");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.add", NULL));
  rc_test_ui_wait (100);
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
}

static RcFactorRow *
factor_row (RcWindow *window,
            guint     position)
{
  return RC_FACTOR_ROW (rc_assessment_editor_get_factor_row (
    RC_ASSESSMENT_EDITOR (rc_window_get_editor (window)), position));
}

static void
start_assessment (RcWindow *window)
{
  GtkWidget *page = rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_CLIENT_PAGE, 0);

  g_assert_true (gtk_widget_activate_action (page, "page.new-assessment", NULL));
  rc_test_ui_wait (100);
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
}

/* Rates every factor with the digit keys, moving down with the arrow key
 * from the focused level button, as a worker would. */
static void
rate_by_keyboard (RcWindow  *window,
                  const int *scores)
{
  RcAssessmentEditor *editor = RC_ASSESSMENT_EDITOR (rc_window_get_editor (window));
  guint n = rc_assessment_editor_get_n_factor_rows (editor);

  g_assert_true (rc_factor_row_focus_levels (factor_row (window, 0)));
  for (guint i = 0; i < n; i++)
    {
      RcFactorRow *row = factor_row (window, i);
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));
      g_assert_true (rc_test_ui_press_key (GTK_WIDGET (row), scores[i] < 0 ? GDK_KEY_n
                                                                        : GDK_KEY_0 + scores[i]));
      g_assert_cmpint (rc_factor_row_get_score (row), ==, scores[i]);
      if (i + 1 < n)
        g_assert_true (rc_test_ui_press_key (GTK_WIDGET (row), GDK_KEY_Down));
    }
}

static void
test_keyboard_flow (void)
{
  g_autofree char *database = database_path ("flow.db");
  const int scores[8] = { 3, 4, 2, 5, -1, 1, 3, 4 };
  RcApplication *application = rc_test_ui_start (database);
  RcWindow *window = rc_test_ui_get_window (application);
  RcAssessmentEditor *editor;
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GError) error = NULL;
  RcAssessment *stored;

  register_client (window, "RC-100001");
  start_assessment (window);
  editor = RC_ASSESSMENT_EDITOR (rc_window_get_editor (window));
  g_assert_cmpuint (rc_assessment_editor_get_n_factor_rows (editor), ==, 8);
  rate_by_keyboard (window, scores);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Total 25.1 of 40 (prorated)"));
  gtk_editable_set_text (GTK_EDITABLE (rc_test_ui_find_descendant (GTK_WIDGET (editor),
                                                                   ADW_TYPE_ENTRY_ROW, 1)),
                         "Sam Okafor");
  rc_test_ui_screenshot (GTK_WIDGET (window), "editor.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  rc_test_ui_wait (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  rc_test_ui_screenshot (GTK_WIDGET (window), "editor-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  rc_test_ui_wait (300);

  /* Every factor rated or deliberately not assessed: Ctrl+Enter
   * completes at once, without a question. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.complete", NULL));
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  rc_test_ui_wait (100);
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");
  rc_test_ui_screenshot (GTK_WIDGET (window), "profile.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  rc_test_ui_screenshot (GTK_WIDGET (window), "profile-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  rc_test_ui_stop (application);

  /* Reopened, the scores are there, complete. */
  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  client = rc_store_find_client (rc_application_get_store (application), "RC-100001", &error);
  g_assert_no_error (error);
  assessments = rc_store_list_assessments (rc_application_get_store (application),
                                           rc_client_get_uuid (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, 1);
  stored = g_ptr_array_index (assessments, 0);
  g_assert_cmpint (rc_assessment_get_status (stored), ==, RC_ASSESSMENT_COMPLETE);
  g_assert_cmpstr (rc_assessment_get_assessor (stored), ==, "Sam Okafor");
  g_assert_cmpint (rc_assessment_get_score (stored, "family"), ==, 3);
  g_assert_cmpint (rc_assessment_get_score (stored, "self-esteem"), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_cmpint (rc_assessment_get_score (stored, "housing"), ==, 4);

  g_assert_true (rc_window_open_client (window, client));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Complete"));
  g_assert_true (rc_window_open_assessment (window, stored));
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "4 · Good"));
  rc_test_ui_stop (application);
}

/* Closing the window in the middle of rating loses nothing, and the next
 * start offers to go on with the draft. */
static void
test_autosave_on_close (void)
{
  g_autofree char *database = database_path ("autosave.db");
  const int scores[3] = { 2, 5, 1 };
  RcApplication *application = rc_test_ui_start (database);
  RcWindow *window = rc_test_ui_get_window (application);
  g_autoptr(RcAssessment) draft = NULL;
  g_autoptr(GError) error = NULL;
  RcFactorRow *row;

  register_client (window, "RC-100002");
  start_assessment (window);
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_true (rc_test_ui_press_key (GTK_WIDGET (factor_row (window, i)),
                                         GDK_KEY_0 + scores[i]));
  gtk_editable_set_text (GTK_EDITABLE (rc_test_ui_find_descendant (
                           GTK_WIDGET (factor_row (window, 7)), GTK_TYPE_ENTRY, 0)),
                         "Sofa surfing at a friend’s");
  /* Destroyed at once: no time for the autosave timer. */
  rc_test_ui_stop (application);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  draft = rc_store_load_latest_draft (rc_application_get_store (application), &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpint (rc_assessment_get_score (draft, "family"), ==, 2);
  g_assert_cmpint (rc_assessment_get_score (draft, "physical-health"), ==, 5);
  g_assert_cmpint (rc_assessment_get_score (draft, "coping"), ==, 1);
  g_assert_cmpstr (rc_assessment_get_note (draft, "housing"), ==, "Sofa surfing at a friend’s");

  /* A bar offers the draft; its button continues it. */
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Unfinished assessment for RC-100002"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "draft-offered.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.continue-draft", NULL));
  rc_test_ui_wait (100);
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  /* The list shows whose draft it is. */
  {
    GtkListView *list = GTK_LIST_VIEW (rc_test_ui_find_client_list (window));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));

    g_assert_cmpstr (rc_client_get_clinic_code (gtk_single_selection_get_selected_item (selection)),
                     ==, "RC-100002");
  }
  row = factor_row (window, 1);
  g_assert_cmpint (rc_factor_row_get_score (row), ==, 5);

  /* Within a second of a change, without closing, it is in the file. */
  g_assert_true (rc_test_ui_press_key (GTK_WIDGET (row), GDK_KEY_3));
  rc_test_ui_wait (900);
  {
    g_autoptr(RcStore) other = rc_test_open_store (database);
    g_autoptr(RcAssessment) saved = rc_store_load_assessment (other, rc_assessment_get_uuid (draft),
                                                              &error);

    g_assert_no_error (error);
    g_assert_cmpint (rc_assessment_get_score (saved, "physical-health"), ==, 3);
    /* Rated with the instrument's texts in the tests' language. */
    g_assert_cmpstr (rc_assessment_get_text_language (saved), ==, "en");
  }
  rc_test_ui_stop (application);
}

static GtkWidget *
amend_dialog (void)
{
  return rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* Completes with factors left unrated: the editor asks, the user agrees. */
static void
complete_confirmed (GtkWidget *editor)
{
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (editor, "editor.complete", NULL));
  rc_test_ui_wait (100);
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "complete");
  /* A response given in code leaves the dialog to its caller to close. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  rc_test_ui_wait (100);
}

static void
test_amendment_needs_reason (void)
{
  g_autofree char *database = database_path ("amend.db");
  RcApplication *application = rc_test_ui_start (database);
  RcWindow *window = rc_test_ui_get_window (application);
  GtkWidget *editor = rc_window_get_editor (window);
  GtkWidget *profile;
  GtkWidget *dialog;
  GtkEditable *reason;
  RcAssessment *amendment;
  g_autoptr(GPtrArray) history = NULL;

  register_client (window, "RC-100003");
  start_assessment (window);
  g_assert_true (rc_test_ui_press_key (GTK_WIDGET (factor_row (window, 0)), GDK_KEY_2));
  gtk_editable_set_text (GTK_EDITABLE (rc_test_ui_find_descendant (editor, ADW_TYPE_ENTRY_ROW, 1)),
                         "Sam Okafor");
  complete_confirmed (editor);
  profile = rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_PROFILE_VIEW, 0);

  g_assert_true (gtk_widget_activate_action (profile, "profile.amend", NULL));
  rc_test_ui_wait (100);
  dialog = amend_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "amend"));
  reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
  gtk_editable_set_text (reason, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "amend"));
  gtk_editable_set_text (reason, "Family score was entered for the wrong person");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "amend"));
  rc_test_ui_screenshot (dialog, "amend-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "amend");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rc_test_ui_wait (200);

  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  amendment = rc_assessment_editor_get_assessment (RC_ASSESSMENT_EDITOR (editor));
  g_assert_cmpuint (rc_assessment_get_version (amendment), ==, 2);
  g_assert_cmpint (rc_assessment_get_score (amendment, "family"), ==, 2);
  g_assert_true (rc_test_ui_press_key (GTK_WIDGET (factor_row (window, 0)), GDK_KEY_4));
  /* Seven factors not assessed: it asks again, as there is no total. */
  complete_confirmed (editor);

  /* The history shows both versions: the original, amended, and the new. */
  history = rc_store_list_assessments (rc_application_get_store (application),
                                       rc_assessment_get_client_uuid (amendment), NULL);
  g_assert_cmpuint (history->len, ==, 2);
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpint (rc_assessment_get_status (g_ptr_array_index (history, i)), ==,
                     RC_ASSESSMENT_COMPLETE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  rc_test_ui_wait (100);
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Amended"));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "version 2"));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window),
                                           "— Family score was entered for the wrong person"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "history-amended.png");

  /* The replaced version says when and why, and offers no amendment. */
  for (guint i = 0; i < history->len; i++)
    if (rc_assessment_get_version (g_ptr_array_index (history, i)) == 1)
      g_assert_true (rc_window_open_assessment (window, g_ptr_array_index (history, i)));
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Amended on "));
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), "Amend…"));
  rc_test_ui_stop (application);
}

static void
test_duplicate_code_refused (void)
{
  g_autofree char *database = database_path ("duplicate.db");
  RcApplication *application = rc_test_ui_start (database);
  RcWindow *window = rc_test_ui_get_window (application);
  GtkWidget *dialog;

  register_client (window, "RC-100004");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  rc_test_ui_wait (100);
  dialog = rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG);
  set_entry_row (dialog, 0, "Ana");
  set_entry_row (dialog, 1, "Cruz");
  set_entry_row (dialog, 2, "RC-100004");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.add", NULL));
  rc_test_ui_wait (100);
  /* Still open, with the reason shown. */
  g_assert_true (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG) == dialog);
  g_assert_nonnull (rc_test_ui_find_label (dialog, "already has the clinic code RC-100004"));

  set_entry_row (dialog, 2, "RC-100005");
  set_entry_row (dialog, 3, "2999-01-01");
  g_assert_true (gtk_widget_activate_action (dialog, "dialog.add", NULL));
  rc_test_ui_wait (100);
  g_assert_nonnull (rc_test_ui_find_label (dialog, "in the future"));
  rc_test_ui_screenshot (dialog, "new-client-error.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rc_test_ui_stop (application);
}

/* Completing fails (here a trigger refuses it): the draft stays a draft
 * and its unrated factors stay unrated, not silently "not assessed". */
static void
test_failed_completion_keeps_unrated (void)
{
  g_autofree char *database = database_path ("refused.db");
  RcApplication *application = rc_test_ui_start (database);
  RcWindow *window = rc_test_ui_get_window (application);
  GtkWidget *editor = rc_window_get_editor (window);
  RcAssessment *draft;

  register_client (window, "RC-100006");
  start_assessment (window);
  g_assert_true (rc_test_ui_press_key (GTK_WIDGET (factor_row (window, 0)), GDK_KEY_3));
  gtk_editable_set_text (GTK_EDITABLE (rc_test_ui_find_descendant (editor, ADW_TYPE_ENTRY_ROW, 1)),
                         "Sam Okafor");
  rc_test_ui_wait (700);
  rc_test_sqlite_exec (database, "CREATE TRIGGER refuse BEFORE UPDATE OF status ON assessment"
                                 " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END;");

  complete_confirmed (editor);
  rc_test_ui_wait (600);

  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  draft = rc_assessment_editor_get_assessment (RC_ASSESSMENT_EDITOR (editor));
  g_assert_cmpint (rc_assessment_get_status (draft), ==, RC_ASSESSMENT_DRAFT);
  g_assert_cmpint (rc_assessment_get_score (draft, "family"), ==, 3);
  g_assert_cmpint (rc_assessment_get_score (draft, "housing"), ==, RC_SCORE_UNRATED);
  g_assert_cmpint (rc_factor_row_get_score (factor_row (window, 7)), ==, RC_SCORE_UNRATED);
  rc_test_ui_stop (application);
}

/* The summary of a complete assessment counts the factors; an
 * instrument of one factor is not "its 1 factor". */
static void
test_summary_counts_factors (void)
{
  for (guint n_factors = 1; n_factors <= 2; n_factors++)
    {
      g_autoptr(GString) xml = g_string_new ("<instrument xmlns='urn:recovery-capital:instrument:1'"
                                             " id='test-count' version='1'><name>Count</name>"
                                             "<scale min='1' max='2' max-missing='0'/>");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(RcInstrument) instrument = NULL;
      g_autoptr(RcAssessment) assessment = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *summary = NULL;

      for (guint i = 0; i < n_factors; i++)
        g_string_append_printf (xml, "<factor key='f%u'><title>F%u</title>"
                                "<level score='1' label='Low'>Low.</level>"
                                "<level score='2' label='High'>High.</level></factor>", i, i);
      g_string_append (xml, "</instrument>");
      bytes = g_bytes_new (xml->str, xml->len);
      instrument = rc_instrument_new_from_bytes (bytes, "test", &error);
      g_assert_no_error (error);
      assessment = rc_assessment_new ("00000000-0000-4000-8000-000000000001", instrument);
      for (guint i = 0; i < n_factors; i++)
        {
          g_autofree char *key = g_strdup_printf ("f%u", i);

          g_assert_true (rc_assessment_set_score (assessment, key, 2));
        }
      summary = rc_app_format_summary (assessment, instrument);
      g_assert_cmpstr (summary, ==, n_factors == 1 ? "Total 2 of 2 · its one factor assessed"
                                                   : "Total 4 of 4 · all 2 factors assessed");
    }
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

  g_test_add_func ("/assessment/summary", test_summary_counts_factors);
  g_test_add_func ("/assessment/keyboard-flow", test_keyboard_flow);
  g_test_add_func ("/assessment/autosave", test_autosave_on_close);
  g_test_add_func ("/assessment/amendment", test_amendment_needs_reason);
  g_test_add_func ("/assessment/duplicate-code", test_duplicate_code_refused);
  g_test_add_func ("/assessment/failed-completion", test_failed_completion_keeps_unrated);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
