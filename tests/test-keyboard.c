/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rc-assessment-editor.h"
#include "rc-client-page.h"
#include "rc-factor-row.h"
#include "rc-new-client-dialog.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* The intake worker's keyboard, for real: key events go through the X
 * server (xdotool, under a window manager) at a typist's pace, so focus,
 * search delays and dialogs behave as they do for a person. Each test then
 * checks what the store holds, not what the window says. */

static char *tmpdir;
static RcApplication *application;

static GtkWidget *
focus_of (RcWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Whether the focus is on @widget or inside it. */
static gboolean
focus_within (RcWindow  *window,
              GtkWidget *widget)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static RcClient *
shown_client (RcWindow *window)
{
  GtkWidget *page = rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_CLIENT_PAGE, 0);

  return rc_client_page_get_client (RC_CLIENT_PAGE (page));
}

static RcAssessmentEditor *
editor_of (RcWindow *window)
{
  return RC_ASSESSMENT_EDITOR (rc_window_get_editor (window));
}

static RcFactorRow *
factor_row (RcWindow *window,
            guint     position)
{
  return RC_FACTOR_ROW (rc_assessment_editor_get_factor_row (editor_of (window), position));
}

/* Enter right after typing a clinic code opens that client, never the
 * first of the list as it was before the search caught up. */
static void
test_search_enter_at_once (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "search.db", &database);
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  window = rc_test_ui_start_at_keyboard (database, &application);
  rc_test_ui_keys ("ctrl+f");
  g_assert_true (focus_within (window,
                                         rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                     GTK_TYPE_SEARCH_ENTRY, 0)));
  /* Typed and entered in one go: the search delay has not passed. */
  rc_test_ui_type ("RC-000300\n");
  rc_test_ui_screenshot (GTK_WIDGET (window), "keyboard-search.png");
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  g_assert_cmpstr (rc_client_get_clinic_code (shown_client (window)), ==, "RC-000300");

  /* Down into the list and Enter, as quickly: the match of what was
   * typed, not the row that was first before. */
  rc_test_ui_keys ("ctrl+f y o u n g Down Return");
  g_assert_cmpstr (rc_client_get_clinic_code (shown_client (window)), ==, "RC-000300");

  /* A name, too, and Escape clears the search before it goes back. */
  rc_test_ui_keys ("ctrl+f");
  rc_test_ui_type ("bea\n");
  g_assert_cmpstr (rc_client_get_clinic_code (shown_client (window)), ==, "RC-000200");
  rc_test_ui_keys ("ctrl+f Escape");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rc_test_ui_find_descendant (
                     GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, 0))), ==, "");
  rc_test_ui_stop (application);
}

/* The window opens ready for the search, even with an unfinished
 * assessment offered above it (whose button GTK focused first), and
 * typing in the list goes on with the search. */
static void
test_type_at_start (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "start.db", &database);
  g_autoptr(RcClient) young = rc_store_find_client (store, "RC-000300", NULL);
  RcInstrument *instrument = rc_instrument_catalog_get_default (rc_store_get_catalog (store));
  g_autoptr(RcAssessment) draft = rc_assessment_new (rc_client_get_uuid (young), instrument);
  g_autoptr(GError) error = NULL;
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  rc_store_save_assessment (store, draft, &error);
  g_assert_no_error (error);
  window = rc_test_ui_start_at_keyboard (database, &application);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Unfinished assessment"));
  rc_test_ui_type ("bea\n");
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  g_assert_cmpstr (rc_client_get_clinic_code (shown_client (window)), ==, "RC-000200");

  rc_test_ui_keys ("Escape");
  g_assert_true (focus_within (window, rc_test_ui_find_client_list (window)));
  rc_test_ui_type ("ada\n");
  g_assert_cmpstr (rc_client_get_clinic_code (shown_client (window)), ==, "RC-000100");
  rc_test_ui_stop (application);
}

/* The window's shortcuts, from the search entry, from a header button
 * and right after a dialog closes: they act, and never type or click. */
static void
test_shortcuts_anywhere (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "shortcuts.db", &database);
  g_autoptr(GPtrArray) assessments = NULL;
  RcWindow *window;
  GtkWidget *add_button;

  if (!rc_test_ui_can_type ())
    return;
  window = rc_test_ui_start_at_keyboard (database, &application);

  /* Nothing shown yet: Ctrl+Shift+N has nothing to act on, and is not
   * typed into the search. */
  rc_test_ui_keys ("ctrl+f ctrl+shift+n");
  g_assert_cmpstr (rc_window_get_view (window), ==, "welcome");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rc_test_ui_find_descendant (
                     GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, 0))), ==, "");
  g_assert_cmpint (rc_test_sqlite_query_int (database, "SELECT count(*) FROM assessment"), ==,
                   0);
  /* With no client open, back from the list is the search. */
  rc_test_ui_keys ("Down");
  g_assert_true (focus_within (window, rc_test_ui_find_client_list (window)));
  rc_test_ui_keys ("Escape");
  g_assert_true (focus_within (window, rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                  GTK_TYPE_SEARCH_ENTRY, 0)));

  /* From the search entry, with a client shown. */
  rc_test_ui_type ("abbott\n");
  rc_test_ui_keys ("ctrl+f ctrl+shift+n");
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  rc_test_ui_keys ("Escape");
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");

  /* From a header button: the key acts, the button is not pressed. */
  for (guint i = 0; (add_button = rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                              GTK_TYPE_BUTTON, i)) != NULL; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (add_button)),
                   "win.new-client") == 0 && gtk_widget_get_mapped (add_button))
      break;
  g_assert_true (gtk_widget_grab_focus (add_button));
  rc_test_ui_keys ("alt+Left");
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  g_assert_true (focus_within (window, rc_test_ui_find_client_list (window)));
  /* And from the list, back is the search. */
  rc_test_ui_keys ("Escape");
  g_assert_true (focus_within (window, rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                  GTK_TYPE_SEARCH_ENTRY, 0)));

  /* Right after a dialog closes. */
  rc_test_ui_keys ("ctrl+n");
  g_assert_nonnull (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));
  rc_test_ui_keys ("Escape");
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));
  rc_test_ui_keys ("ctrl+shift+n");
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  rc_test_ui_keys ("alt+Left");

  /* Two drafts, one from each Ctrl+Shift+N that applied. */
  assessments = rc_test_ui_stored_assessments (store, "RC-000100");
  g_assert_cmpuint (assessments->len, ==, 2);

  /* Ctrl+? shows the shortcuts (F1 is help: tests/test-help.c); Ctrl+W closes. */
  rc_test_ui_keys ("ctrl+question");
  g_assert_nonnull (rc_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  rc_test_ui_keys ("Escape");
  g_assert_null (rc_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  rc_test_ui_keys ("ctrl+w");
  g_assert_null (rc_test_ui_get_window (application));
  rc_test_ui_stop (application);
}

/* Ctrl+N, the fields in order by Tab, Enter: the client is stored and
 * shown. The first key typed lands in the first field. */
static void
test_new_client_by_keyboard (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "new-client.db", NULL);
  g_autoptr(RcStore) store = NULL;
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  window = rc_test_ui_start_at_keyboard (database, &application);
  /* A search that the new client does not match is cleared for it. */
  rc_test_ui_keys ("ctrl+f");
  rc_test_ui_type ("zzz");
  rc_test_ui_keys ("ctrl+n");
  dialog = rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG);
  g_assert_nonnull (dialog);
  rc_test_ui_activate (GTK_WINDOW (dialog));

  /* A future birth date is refused on its field, and nothing is stored. */
  rc_test_ui_type ("Noor\tHaddad\tRC-000400\t2999-01-01\n");
  rc_test_ui_screenshot (dialog, "keyboard-new-client-error.png");
  g_assert_true (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG) == dialog);
  g_assert_nonnull (rc_test_ui_find_label (dialog, "The birth date is in the future"));

  rc_test_ui_keys ("ctrl+a");
  rc_test_ui_type ("1990-05-17\n");
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  {
    GtkSelectionModel *model =
      gtk_list_view_get_model (GTK_LIST_VIEW (rc_test_ui_find_client_list (window)));
    RcClient *selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));

    g_assert_nonnull (selected);
    g_assert_cmpstr (rc_client_get_clinic_code (selected), ==, "RC-000400");
  }

  store = rc_test_open_store (database);
  client = rc_store_find_client (store, "RC-000400", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rc_client_get_given_name (client), ==, "Noor");
  g_assert_cmpstr (rc_client_get_family_name (client), ==, "Haddad");
  g_assert_cmpstr (rc_client_get_birth_date (client), ==, "1990-05-17");
  rc_test_ui_stop (application);
}

/* The editor opens on the first factor's levels; Tab goes levels → note →
 * goal → next factor; Left and Right move without rating; a digit rates
 * and stays; Up and Down move between factors. */
static void
test_editor_focus_order (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "editor.db", &database);
  RcWindow *window;
  RcFactorRow *first, *second;

  if (!rc_test_ui_can_type ())
    return;
  window = rc_test_ui_start_at_keyboard (database, &application);
  rc_test_ui_keys ("ctrl+f");
  rc_test_ui_type ("RC-000200\n");
  rc_test_ui_keys ("ctrl+shift+n");
  first = factor_row (window, 0);
  second = factor_row (window, 1);
  g_assert_true (focus_of (window) == rc_factor_row_get_level_button (first, 1));

  rc_test_ui_keys ("Right Right");
  g_assert_true (focus_of (window) == rc_factor_row_get_level_button (first, 3));
  g_assert_cmpint (rc_factor_row_get_score (first), ==, RC_SCORE_UNRATED);
  rc_test_ui_keys ("4");
  g_assert_cmpint (rc_factor_row_get_score (first), ==, 4);
  g_assert_true (focus_of (window) == rc_factor_row_get_level_button (first, 4));

  rc_test_ui_keys ("Tab");
  g_assert_true (focus_within (window,
                                         rc_test_ui_find_descendant (GTK_WIDGET (first),
                                                                     GTK_TYPE_ENTRY, 0)));
  rc_test_ui_type ("Sees a sister weekly");
  rc_test_ui_keys ("Tab");
  g_assert_true (focus_within (window,
                                         rc_test_ui_find_descendant (GTK_WIDGET (first),
                                                                     GTK_TYPE_ENTRY, 1)));
  rc_test_ui_keys ("Tab");
  g_assert_true (focus_of (window) == rc_factor_row_get_level_button (second, 1));
  rc_test_ui_keys ("Up");
  g_assert_true (focus_of (window) == rc_factor_row_get_level_button (first, 4));
  rc_test_ui_keys ("Down n");
  g_assert_cmpint (rc_factor_row_get_score (second), ==, RC_SCORE_NOT_ASSESSED);
  g_assert_true (focus_of (window) ==
                 rc_factor_row_get_level_button (second, RC_SCORE_NOT_ASSESSED));
  g_assert_cmpstr (rc_factor_row_get_note (first), ==, "Sees a sister weekly");
  rc_test_ui_screenshot (GTK_WIDGET (window), "keyboard-editor.png");
  rc_test_ui_stop (application);
}

/* Ctrl+Enter with factors not rated asks first, naming them; Escape goes
 * back to rating, and so does Enter when there would be no total;
 * confirming stores them as not assessed. */
static void
test_complete_with_unrated (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "unrated.db", &database);
  g_autoptr(GPtrArray) assessments = NULL;
  RcAssessment *stored;
  GtkWidget *dialog;
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  window = rc_test_ui_start_at_keyboard (database, &application);
  rc_test_ui_keys ("ctrl+f");
  rc_test_ui_type ("RC-000100\n");
  rc_test_ui_keys ("ctrl+shift+n");
  rc_test_ui_keys ("3 Down 4 Down 2 Down 5 ctrl+Return");
  /* No assessor yet: completing says so and goes there. */
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Enter who assessed the client"));
  g_assert_true (focus_within (window, rc_test_ui_find_descendant (
                                 GTK_WIDGET (editor_of (window)), ADW_TYPE_ENTRY_ROW, 1)));
  rc_test_ui_type ("Sam Okafor");
  rc_test_ui_keys ("ctrl+Return");
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (rc_test_ui_find_label (dialog, "Not rated yet: Self-esteem, Finances, "
                                                   "Support groups, Housing"));
  g_assert_nonnull (rc_test_ui_find_label (dialog, "no total"));
  rc_test_ui_screenshot (dialog, "keyboard-complete-unrated.png");
  rc_test_ui_keys ("Escape");
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  g_assert_true (focus_of (window) == rc_factor_row_get_level_button (factor_row (window, 4), 1));

  /* With no total to come, Enter keeps rating; completing takes a
   * choice. */
  rc_test_ui_keys ("ctrl+Return");
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  rc_test_ui_keys ("Return");
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  rc_test_ui_keys ("ctrl+Return");
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  rc_test_ui_keys ("Tab Return");
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");

  assessments = rc_test_ui_stored_assessments (store, "RC-000100");
  g_assert_cmpuint (assessments->len, ==, 1);
  stored = g_ptr_array_index (assessments, 0);
  g_assert_cmpint (rc_assessment_get_status (stored), ==, RC_ASSESSMENT_COMPLETE);
  g_assert_cmpint (rc_assessment_get_score (stored, "coping"), ==, 2);
  g_assert_cmpint (rc_assessment_get_score (stored, "housing"), ==, RC_SCORE_NOT_ASSESSED);
  rc_test_ui_stop (application);
}

/* Every factor rated: Ctrl+Enter completes at once. A wrong date blocks
 * it with the reason, and the stored date is not replaced. */
static void
test_complete_rated_and_date (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "rated.db", &database);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autofree char *today = NULL;
  GtkWidget *date_row;
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  window = rc_test_ui_start_at_keyboard (database, &application);
  rc_test_ui_keys ("ctrl+f");
  rc_test_ui_type ("RC-000300\n");
  rc_test_ui_keys ("ctrl+shift+n");
  rc_test_ui_keys ("1 Down 2 Down 3 Down 4 Down 5 Down 4 Down 3 Down 2");
  gtk_widget_grab_focus (rc_test_ui_find_descendant (GTK_WIDGET (editor_of (window)),
                                                     ADW_TYPE_ENTRY_ROW, 1));
  rc_test_ui_type ("Sam Okafor");

  date_row = rc_test_ui_find_descendant (GTK_WIDGET (editor_of (window)), ADW_TYPE_ENTRY_ROW, 0);
  today = g_strdup (gtk_editable_get_text (GTK_EDITABLE (date_row)));
  gtk_widget_grab_focus (date_row);
  rc_test_ui_keys ("ctrl+a");
  rc_test_ui_type ("2025-02-30");
  rc_test_ui_keys ("ctrl+Return");
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "must be a real date"));
  rc_test_ui_wait (700);
  drafts = rc_test_ui_stored_assessments (store, "RC-000300");
  g_assert_cmpstr (rc_assessment_get_date (g_ptr_array_index (drafts, 0)), ==, today);
  g_assert_cmpint (rc_assessment_get_status (g_ptr_array_index (drafts, 0)), ==,
                   RC_ASSESSMENT_DRAFT);

  rc_test_ui_keys ("ctrl+a");
  rc_test_ui_type ("2025-02-28");
  rc_test_ui_keys ("ctrl+Return");
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");
  assessments = rc_test_ui_stored_assessments (store, "RC-000300");
  g_assert_cmpint (rc_assessment_get_status (g_ptr_array_index (assessments, 0)), ==,
                   RC_ASSESSMENT_COMPLETE);
  g_assert_cmpstr (rc_assessment_get_date (g_ptr_array_index (assessments, 0)), ==,
                   "2025-02-28");
  g_assert_cmpint (rc_assessment_get_score (g_ptr_array_index (assessments, 0), "housing"), ==,
                   2);

  /* The next one is a review, not another intake. */
  rc_test_ui_keys ("ctrl+shift+n");
  g_assert_cmpint (rc_assessment_get_timepoint (
                     rc_assessment_editor_get_assessment (editor_of (window))), ==,
                   RC_TIMEPOINT_REVIEW);
  rc_test_ui_stop (application);
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  rc_test_ui_init (&argc, &argv);

  g_test_add_func ("/keyboard/search-enter", test_search_enter_at_once);
  g_test_add_func ("/keyboard/type-at-start", test_type_at_start);
  g_test_add_func ("/keyboard/shortcuts", test_shortcuts_anywhere);
  g_test_add_func ("/keyboard/new-client", test_new_client_by_keyboard);
  g_test_add_func ("/keyboard/editor-focus", test_editor_focus_order);
  g_test_add_func ("/keyboard/complete-unrated", test_complete_with_unrated);
  g_test_add_func ("/keyboard/complete-rated", test_complete_rated_and_date);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
