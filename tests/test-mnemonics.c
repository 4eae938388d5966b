/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rc-backups-window.h"
#include "rc-client-page.h"
#include "rc-job-bar.h"
#include "rc-new-client-dialog.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* In each view, in the language of $LANGUAGE, no two labels on screen
 * share an access key: Alt and a letter must do one thing, not step
 * through buttons that happen to start alike. The views are shown as
 * crowded as they get: an unfinished assessment offered, long work under
 * way with its Cancel, and again on a database the window refuses to
 * write, with the bar offering its backups; then the main menu and the
 * dialogs. */

static char *tmpdir;

typedef struct
{
  GHashTable *labels;  /* keyval → the first label with it */
  guint       n_labels;
} Keys;

static void
collect_keys (GtkWidget *widget,
              Keys      *keys)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      guint keyval = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *first;

      if (keyval == GDK_KEY_VoidSymbol)
        return;
      keys->n_labels++;
      first = g_hash_table_lookup (keys->labels, GUINT_TO_POINTER (keyval));
      if (first != NULL)
        {
          /* Each one told: the test's result keeps only the last. */
          g_test_message ("“%s” and “%s” share the access key %s", first, text,
                          gdk_keyval_name (keyval));
          g_test_fail ();
        }
      else
        g_hash_table_insert (keys->labels, GUINT_TO_POINTER (keyval), (gpointer) text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_keys (child, keys);
}

/* Fails the test, and goes on, for each access key on screen in @window
 * that another label has too; @least is how many labels with one the
 * view must show, so that a view that failed to show passes for
 * nothing. */
static void
assert_distinct_keys (GtkWidget *window,
                      guint      least)
{
  Keys keys = { g_hash_table_new (NULL, NULL), 0 };

  /* Past the content's crossfade, during which the page left is still
   * mapped. */
  rc_test_ui_wait (600);
  collect_keys (window, &keys);
  g_test_message ("%u labels with an access key", keys.n_labels);
  g_assert_cmpuint (keys.n_labels, >=, least);
  g_hash_table_unref (keys.labels);
}

/* Work that goes on until it is cancelled: the job bar and its Cancel
 * stay up for as long as the test needs them. */
static gboolean
wait_for_cancel (RcStore     *store,
                 RcProgress  *progress,
                 gpointer     data,
                 GError     **error)
{
  while (rc_progress_check (progress, error))
    g_usleep (5000);
  return FALSE;
}

static void
job_done (gpointer      owner,
          const GError *error,
          gpointer      data)
{
}

static RcJobBar *
start_long_work (RcApplication *application,
                 RcWindow      *window)
{
  RcJobBar *bar = RC_JOB_BAR (rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_JOB_BAR,
                                                          0));
  GtkWidget *cancel = rc_test_ui_find_descendant (GTK_WIDGET (bar), GTK_TYPE_BUTTON, 0);

  rc_job_bar_run (bar, "Waiting", rc_application_get_store (application), wait_for_cancel,
                  job_done, window, NULL, NULL);
  g_assert_true (rc_job_bar_is_busy (bar));
  /* The bar shows once the work has lasted a moment. */
  for (guint i = 0; i < 200 && !gtk_widget_get_mapped (cancel); i++)
    rc_test_ui_wait (10);
  g_assert_true (gtk_widget_get_mapped (cancel));
  return bar;
}

static void
stop_long_work (RcJobBar *bar)
{
  rc_job_bar_cancel (bar);
  while (rc_job_bar_is_busy (bar))
    rc_test_ui_wait (10);
}

/* Whether a button for @action shows in @window. */
static gboolean
shows_button_for (RcWindow   *window,
                  const char *action)
{
  GtkWidget *button;

  for (guint i = 0;
       (button = rc_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_BUTTON, i)) != NULL;
       i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), action) == 0)
      return gtk_widget_get_mapped (button);
  return FALSE;
}

/* Whether the window offers to continue an unfinished assessment. */
static gboolean
offers_draft (RcWindow *window)
{
  return shows_button_for (window, "win.continue-draft");
}

static gboolean
offers_backups (RcWindow *window)
{
  return shows_button_for (window, "win.backups");
}

/* A window on a demo database of 30 clients, one of them with an
 * unfinished assessment, at a laptop's size; @tampered, with one of the
 * audit log's safeguards dropped, so that the window refuses to write
 * and its bar offers the backups. */
static RcWindow *
start_with_demo_data (const char      *name,
                      gboolean         tampered,
                      RcApplication  **application)
{
  g_autofree char *database = rc_test_make_demo_database (tmpdir, name, 30, 11);
  RcWindow *window;

  if (tampered)
    rc_test_sqlite_exec (database, "DROP TRIGGER audit_log_no_delete");
  window = rc_test_ui_start_at_laptop_size (database, application);
  g_assert_true (offers_draft (window));
  /* The check that finds it runs after the first frame. */
  for (guint i = 0; tampered && i < 50 && !offers_backups (window); i++)
    rc_test_ui_wait (100);
  g_assert_true (offers_backups (window) == tampered);
  return window;
}

static GtkWidget *
client_page (RcWindow *window)
{
  GtkWidget *page = rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_CLIENT_PAGE, 0);

  g_assert_nonnull (page);
  return page;
}

/* With long work under way: the client page and the compare view beside
 * the offer of the unfinished assessment, then that assessment in the
 * editor (read only where the window refuses to write) and an
 * assessment's profile; opening an assessment ends the offer. With
 * @data, on a database the window refuses to write, which adds the bar
 * offering the backups. */
static void
test_window_views (gconstpointer data)
{
  gboolean tampered = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("views-%d.db", tampered);
  RcApplication *application;
  RcWindow *window = start_with_demo_data (name, tampered, &application);
  g_autoptr(RcAssessment) latest = NULL;
  g_autoptr(RcClient) client = rc_test_ui_client_to_compare (window, &latest);
  RcJobBar *bar = start_long_work (application, window);

  g_assert_true (rc_window_open_client (window, client));
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  /* Resume, Export Profile, Compare, New Assessment, Cancel */
  assert_distinct_keys (GTK_WIDGET (window), 5);

  g_assert_true (gtk_widget_activate_action (client_page (window), "page.compare", NULL));
  rc_test_ui_wait (300);
  g_assert_cmpstr (rc_window_get_view (window), ==, "compare");
  g_assert_true (offers_draft (window));
  /* Resume, Before, After, Also Show, Save Report, Print, Cancel */
  assert_distinct_keys (GTK_WIDGET (window), 7);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.continue-draft", NULL));
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  /* Complete, Cancel */
  assert_distinct_keys (GTK_WIDGET (window), 2);

  g_assert_true (rc_window_open_assessment (window, latest));
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");
  /* Amend, Cancel and the client page's beside it */
  assert_distinct_keys (GTK_WIDGET (window), 2);

  stop_long_work (bar);
  rc_test_ui_stop (application);
}

/* The main menu, a scope of its own: Import, Export All, Export
 * De-identified, Backups, Show Codes, Keyboard Shortcuts, Help, About. */
static void
test_main_menu (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("menu.db", FALSE, &application);
  GtkMenuButton *button = GTK_MENU_BUTTON (rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                       GTK_TYPE_MENU_BUTTON, 0));

  g_assert_nonnull (gtk_menu_button_get_menu_model (button));
  gtk_menu_button_popup (button);
  assert_distinct_keys (GTK_WIDGET (gtk_menu_button_get_popover (button)), 8);
  gtk_menu_button_popdown (button);
  rc_test_ui_stop (application);
}

static void
test_new_client_dialog (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("new-client.db", FALSE, &application);
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL));
  dialog = rc_test_ui_wait_for_toplevel (RC_TYPE_NEW_CLIENT_DIALOG);
  g_assert_nonnull (dialog);
  /* Cancel and Register */
  assert_distinct_keys (dialog, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
  rc_test_ui_stop (application);
}

static void
test_backups_window (void)
{
  RcApplication *application;
  RcWindow *window = start_with_demo_data ("backups.db", FALSE, &application);
  g_autoptr(GPtrArray) backups = rc_test_ui_wait_for_backups (rc_application_get_store (application));
  GtkWidget *backups_window;

  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL));
  backups_window = rc_test_ui_wait_for_toplevel (RC_TYPE_BACKUPS_WINDOW);
  g_assert_nonnull (backups_window);
  assert_distinct_keys (backups_window, 1);
  gtk_window_destroy (GTK_WINDOW (backups_window));
  rc_test_ui_stop (application);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* As test-languages does: the data home before GTK starts, then the
   * locale and the catalogues as the app's main() takes them. */
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  rc_i18n_init ();
  rc_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/mnemonics/window-views", GINT_TO_POINTER (FALSE), test_window_views);
  g_test_add_data_func ("/mnemonics/window-views-refusing", GINT_TO_POINTER (TRUE),
                        test_window_views);
  g_test_add_func ("/mnemonics/main-menu", test_main_menu);
  g_test_add_func ("/mnemonics/new-client", test_new_client_dialog);
  g_test_add_func ("/mnemonics/backups", test_backups_window);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
