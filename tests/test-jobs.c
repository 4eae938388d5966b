/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rc-job-bar.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* Long work in the window — export, import, reading backups — runs on a
 * worker with a progress bar and Cancel: the window keeps turning while
 * 20,000 clients are exported, a cancelled export leaves no file and a
 * cancelled import changes nothing. */

#define MANY_CLIENTS 20000

static char *tmpdir;
static char *many_path;  /* a database of MANY_CLIENTS, made once */

static RcJobBar *
job_bar (RcWindow *window)
{
  RcJobBar *bar = RC_JOB_BAR (rc_test_ui_find_descendant (GTK_WIDGET (window), RC_TYPE_JOB_BAR,
                                                          0));

  g_assert_nonnull (bar);
  return bar;
}

static GtkProgressBar *
progress_bar (RcJobBar *bar)
{
  return GTK_PROGRESS_BAR (rc_test_ui_find_descendant (GTK_WIDGET (bar), GTK_TYPE_PROGRESS_BAR,
                                                       0));
}

static GtkWidget *
cancel_button (RcJobBar *bar)
{
  return rc_test_ui_find_descendant (GTK_WIDGET (bar), GTK_TYPE_BUTTON, 0);
}

/* Through the real file chooser, as the user would: Export All… into
 * @folder, under the name it proposes. */
static void
export_all_into (RcWindow   *window,
                 const char *folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-all", NULL));
  rc_test_ui_wait (300);
  chooser = rc_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  rc_test_ui_wait (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  /* The native dialog passes the response on from an idle. */
  for (guint i = 0; i < 50 && !rc_job_bar_is_busy (job_bar (window)); i++)
    rc_test_ui_wait (10);
}

/* A window on the database of many clients, exporting them all into
 * @folder, made empty for it. */
static RcWindow *
start_export (const char     *folder,
              RcApplication **application)
{
  RcWindow *window;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  *application = rc_test_ui_start (many_path);
  window = rc_test_ui_get_window (*application);
  export_all_into (window, folder);
  g_assert_true (rc_job_bar_is_busy (job_bar (window)));
  return window;
}

typedef struct
{
  RcJobBar *bar;
  guint     ticks_while_busy;
  gboolean  saw_part_done;   /* the bar between empty and full */
  gboolean  saw_bar;
} Watch;

static gboolean
watch_cb (gpointer user_data)
{
  Watch *watch = user_data;
  double fraction;

  if (!rc_job_bar_is_busy (watch->bar))
    return G_SOURCE_CONTINUE;
  fraction = gtk_progress_bar_get_fraction (progress_bar (watch->bar));
  watch->ticks_while_busy++;
  watch->saw_part_done = watch->saw_part_done || (fraction > 0 && fraction < 1);
  watch->saw_bar = watch->saw_bar ||
                   gtk_widget_get_child_visible (GTK_WIDGET (progress_bar (watch->bar)));
  return G_SOURCE_CONTINUE;
}

static void
wait_until_idle (RcJobBar *bar)
{
  while (rc_job_bar_is_busy (bar))
    g_main_context_iteration (NULL, TRUE);
}

/* The file holds every client, whole. */
static void
assert_complete_export (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint clients = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  for (const char *at = contents; (at = strstr (at, "<client ")) != NULL; at++)
    clients++;
  g_assert_cmpuint (clients, ==, MANY_CLIENTS);
  g_assert_true (g_str_has_suffix (contents, "</profiles>\n"));
  rc_test_assert_mode (path, 0600);
}

static void
test_export_keeps_window_turning (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "turning", NULL);
  g_autofree char *path = g_build_filename (folder, "recovery-capital-profiles.xml", NULL);
  RcApplication *application;
  RcWindow *window;
  Watch watch = { 0 };
  guint watch_id;

  if (rc_test_ui_skip_file_chooser ())
    return;
  window = start_export (folder, &application);
  watch.bar = job_bar (window);
  watch_id = g_timeout_add (20, watch_cb, &watch);
  while (rc_job_bar_is_busy (watch.bar))
    {
      g_main_context_iteration (NULL, TRUE);
      if (watch.saw_part_done && watch.saw_bar)
        rc_test_ui_screenshot (GTK_WIDGET (window), "window-export-progress.png");
    }
  g_source_remove (watch_id);

  /* The window's own loop went on drawing the bar as it filled. */
  g_assert_cmpuint (watch.ticks_while_busy, >=, 5);
  g_assert_true (watch.saw_part_done);
  g_assert_true (watch.saw_bar);
  assert_complete_export (path);
  rc_test_ui_stop (application);
}

static void
cancel_when_part_done (RcJobBar *bar)
{
  while (rc_job_bar_is_busy (bar) && gtk_progress_bar_get_fraction (progress_bar (bar)) <= 0.05)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (rc_job_bar_is_busy (bar));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cancel_button (bar))), ==, "_Cancel");
  g_signal_emit_by_name (cancel_button (bar), "clicked");
  wait_until_idle (bar);
}

static void
test_export_cancelled (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "cancelled", NULL);
  g_autofree char *listed = NULL;
  RcApplication *application;
  RcWindow *window;
  RcJobBar *bar;

  if (rc_test_ui_skip_file_chooser ())
    return;
  window = start_export (folder, &application);
  bar = job_bar (window);
  cancel_when_part_done (bar);
  /* Neither the file nor the hidden one it was written to. */
  listed = rc_test_list_folder (folder);
  g_assert_cmpstr (listed, ==, "");
  /* And the next export can start. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (bar)));
  g_assert_false (rc_job_bar_is_busy (bar));
  rc_test_ui_stop (application);
}

static gint64
count_rows (const char *database,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return rc_test_sqlite_query_int (database, sql);
}

/* Cancelled while it writes, an import leaves the database as it was. */
static void
test_import_cancelled (void)
{
  g_autofree char *file = rc_test_export_demo (tmpdir, "import.xml", 3000, 5);
  g_autofree char *target = rc_test_make_demo_database (tmpdir, "import-target.db", 3, 7);
  const char *tables[] = { "client", "assessment", "rating", "audit_log" };
  gint64 before[G_N_ELEMENTS (tables)];
  RcApplication *application;
  RcWindow *window;
  GtkWidget *dialog;
  RcJobBar *bar;

  application = rc_test_ui_start (target);
  window = rc_test_ui_get_window (application);
  bar = job_bar (window);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    before[i] = count_rows (target, tables[i]);

  /* The file is read and checked on the worker, then the summary asks. */
  rc_window_import_file (window, file);
  g_assert_true (rc_job_bar_is_busy (bar));
  dialog = rc_test_ui_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* The demo's first three codes are taken here already. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "2997 new clients"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  g_assert_true (rc_job_bar_is_busy (bar));
  cancel_when_part_done (bar);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (count_rows (target, tables[i]), ==, before[i]);
  g_assert_cmpuint (g_list_model_get_n_items (rc_window_get_clients (window)), ==, 3);
  rc_test_ui_stop (application);
}

/* Closes @window while its job runs, and gives @response to the
 * question that asks whether to stop the job. */
static void
close_and_answer (RcWindow   *window,
                  const char *response)
{
  GtkWidget *dialog;

  gtk_window_close (GTK_WINDOW (window));
  dialog = rc_test_ui_wait_for_message_dialog ("Stop the Work Under Way?");
  g_assert_true (rc_job_bar_is_busy (job_bar (window)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
}

/* Closing the window while a job runs asks first: keeping on working
 * leaves the job to finish and the window open. */
static void
test_close_asks (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "kept", NULL);
  g_autofree char *listed = NULL;
  RcApplication *application;
  RcWindow *window;
  RcJobBar *bar;

  if (rc_test_ui_skip_file_chooser ())
    return;
  window = start_export (folder, &application);
  bar = job_bar (window);
  close_and_answer (window, "cancel");
  wait_until_idle (bar);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  listed = rc_test_list_folder (folder);
  g_assert_cmpstr (listed, ==, "recovery-capital-profiles.xml");
  rc_test_ui_stop (application);
}

/* Told to stop, closing cancels the job, and the window closes once it
 * has stopped. */
static void
test_close_cancels (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "closed", NULL);
  g_autofree char *listed = NULL;
  RcApplication *application;
  RcWindow *window;
  RcJobBar *bar;

  if (rc_test_ui_skip_file_chooser ())
    return;
  window = start_export (folder, &application);
  bar = g_object_ref (job_bar (window));
  close_and_answer (window, "stop");
  wait_until_idle (bar);
  for (guint i = 0; i < 50 && gtk_application_get_windows (GTK_APPLICATION (application)); i++)
    rc_test_ui_wait (100);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  listed = rc_test_list_folder (folder);
  g_assert_cmpstr (listed, ==, "");
  g_object_unref (bar);
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

  many_path = rc_test_make_demo_database (tmpdir, "many.db", MANY_CLIENTS, 3);

  g_test_add_func ("/jobs/export-keeps-window-turning", test_export_keeps_window_turning);
  g_test_add_func ("/jobs/export-cancelled", test_export_cancelled);
  g_test_add_func ("/jobs/import-cancelled", test_import_cancelled);
  g_test_add_func ("/jobs/close-asks", test_close_asks);
  g_test_add_func ("/jobs/close-cancels", test_close_cancels);

  status = g_test_run ();
  g_free (many_path);
  rc_test_tmpdir_free (tmpdir);
  return status;
}
