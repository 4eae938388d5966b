/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rc-assessment-editor.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* The unlucky intake: another program holds the database, the disk
 * fills, the draft changes underneath, the session ends. Ratings are
 * typed as a person types them (xdotool under a window manager), and the
 * test reads back what the database holds through a connection of its
 * own, never what the window says. */

static char *tmpdir;
static RcApplication *application;

#define BUSY_FOOTER "Not saved yet — the database is busy; trying again"
#define FULL_FOOTER "Not saved yet — the disk is full; trying again"

/* Another program's write transaction, as `sqlite3 DB 'BEGIN EXCLUSIVE;'`
 * holds it, until let_go(). */
static sqlite3 *
hold_database (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
let_go (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Opens a window and a new assessment for RC-000100 by keyboard. */
static RcWindow *
start_rating (const char *database)
{
  RcWindow *window = rc_test_ui_start_at_keyboard (database, &application);

  rc_test_ui_keys ("ctrl+f");
  rc_test_ui_type ("RC-000100\n");
  rc_test_ui_keys ("ctrl+shift+n");
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  return window;
}

static gboolean
window_is_open (void)
{
  return rc_test_ui_get_window (application) != NULL;
}

/* Waits up to @seconds for the window to close by itself. */
static void
wait_until_closed (guint seconds)
{
  for (guint i = 0; i < seconds * 10 && window_is_open (); i++)
    rc_test_ui_wait (100);
  g_assert_false (window_is_open ());
  /* The application's connection too, as quitting would. */
  rc_test_ui_stop (application);
}

/* The one draft of RC-000100 as stored, with its scores as "1 2 3 …"
 * in factor order ("-" for none). */
static char *
stored_scores (RcStore *store)
{
  g_autoptr(GPtrArray) assessments = rc_test_ui_stored_assessments (store, "RC-000100");
  g_autoptr(GString) scores = g_string_new (NULL);
  RcAssessment *stored;

  g_assert_cmpuint (assessments->len, ==, 1);
  stored = g_ptr_array_index (assessments, 0);
  for (guint i = 0; i < rc_assessment_get_n_ratings (stored); i++)
    {
      int score;

      rc_assessment_get_rating (stored, i, &score, NULL, NULL);
      if (rc_score_is_missing (score))
        g_string_append (scores, i > 0 ? " -" : "-");
      else
        g_string_append_printf (scores, i > 0 ? " %d" : "%d", score);
    }
  return g_string_free (g_steal_pointer (&scores), FALSE);
}

/* Ratings typed while another program holds the database for seconds:
 * the window never freezes, the footer says why nothing is saved, and
 * once the database is free every rating lands, the last one too,
 * typed right before Ctrl+Q. */
static void
test_busy_then_quit (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "busy.db", &database);
  g_autofree char *scores = NULL;
  RcWindow *window;
  sqlite3 *holder;
  gint64 started;

  if (!rc_test_ui_can_type ())
    return;
  window = start_rating (database);
  holder = hold_database (database);

  started = g_get_monotonic_time ();
  rc_test_ui_keys ("1 Down 2 Down 3 Down 4 Down 5 Down 4 Down 3");
  rc_test_ui_wait (700);
  /* A freeze of the old 5 s busy timeout per save would show here. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), BUSY_FOOTER));
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), "All changes saved"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "saving-busy.png");
  rc_test_ui_wait (2000);

  let_go (holder);
  rc_test_ui_keys ("Down 2 ctrl+q");
  wait_until_closed (3);
  scores = stored_scores (store);
  g_assert_cmpstr (scores, ==, "1 2 3 4 5 4 3 2");
}

/* Ctrl+Q while the database is held: the window stays and says so;
 * "Close When Saved" closes it once the database is free. */
static void
test_quit_while_busy (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "quit-busy.db", &database);
  g_autofree char *scores = NULL;
  GtkWidget *dialog;
  sqlite3 *holder;

  if (!rc_test_ui_can_type ())
    return;
  start_rating (database);
  holder = hold_database (database);
  rc_test_ui_keys ("4 Down 3 ctrl+q");
  g_assert_true (window_is_open ());
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (rc_test_ui_find_label (dialog, "Another program is using the database"));
  rc_test_ui_screenshot (dialog, "saving-quit-busy.png");
  rc_test_ui_keys ("Return");
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  rc_test_ui_wait (1500);
  g_assert_true (window_is_open ());

  let_go (holder);
  wait_until_closed (10);
  scores = stored_scores (store);
  g_assert_true (g_str_has_prefix (scores, "4 3 -"));
}

/* The desktop session ending while the database is held: the logout
 * waits (an inhibitor, where a session manager listens), the window
 * says why, and the change lands once the database is free. */
static void
test_session_end (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "session.db", &database);
  g_autofree char *scores = NULL;
  RcWindow *window;
  sqlite3 *holder;

  if (!rc_test_ui_can_type ())
    return;
  window = start_rating (database);
  holder = hold_database (database);
  rc_test_ui_keys ("5");
  g_signal_emit_by_name (application, "query-end");
  g_assert_nonnull (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (rc_window_has_unsaved_changes (window));

  let_go (holder);
  for (guint i = 0; i < 100 && rc_window_has_unsaved_changes (window); i++)
    rc_test_ui_wait (100);
  g_assert_false (rc_window_has_unsaved_changes (window));
  g_assert_null (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (window_is_open ());
  scores = stored_scores (store);
  g_assert_true (g_str_has_prefix (scores, "5 -"));
  rc_test_ui_stop (application);
}

/* While the database stays held, the draft can go to a profile file
 * instead: owner-only, and a fresh database imports it. */
static void
test_save_draft_to_file (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "to-file.db", &database);
  g_autofree char *path = g_build_filename (tmpdir, "RC-000100-draft.xml", NULL);
  g_autofree char *other_path = g_build_filename (tmpdir, "imported.db", NULL);
  g_autoptr(RcStore) other = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  g_autoptr(GError) error = NULL;
  g_autofree char *scores = NULL;
  GtkWidget *dialog, *chooser;
  RcImportSummary summary;
  sqlite3 *holder;

  if (rc_test_ui_skip_file_chooser ())
    return;

  if (!rc_test_ui_can_type ())
    return;
  start_rating (database);
  holder = hold_database (database);
  rc_test_ui_keys ("2 Down 1 Tab");
  rc_test_ui_type ("Walks to the clinic");
  rc_test_ui_keys ("ctrl+w");
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "file");
  gtk_window_destroy (GTK_WINDOW (dialog));
  rc_test_ui_wait (300);
  chooser = rc_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
  g_assert_no_error (error);
  rc_test_ui_wait (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_until_closed (3);
  let_go (holder);

  rc_test_assert_mode (path, 0600);
  other = rc_test_open_store (other_path);
  rc_import_summary_init (&summary);
  g_assert_true (rc_import_profiles (other, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                     NULL, &error));
  g_assert_no_error (error);
  rc_import_summary_clear (&summary);
  scores = stored_scores (other);
  g_assert_true (g_str_has_prefix (scores, "2 1 -"));
  {
    g_autoptr(GPtrArray) assessments = rc_test_ui_stored_assessments (other, "RC-000100");

    g_assert_cmpstr (rc_assessment_get_note (g_ptr_array_index (assessments, 0), "physical-health"),
                     ==, "Walks to the clinic");
  }
}

/* A full disk, then space again. As root, a small tmpfs filled with
 * another file; otherwise a file size limit, which stands for it. */
typedef struct
{
  char *mount_point;  /* NULL: the size limit */
  char *filler;
  struct rlimit saved_limit;
} FullDisk;

static gboolean
mount_small_disk (FullDisk *disk)
{
  disk->mount_point = g_build_filename (tmpdir, "small-disk", NULL);
  g_assert_cmpint (g_mkdir_with_parents (disk->mount_point, 0700), ==, 0);
  if (geteuid () == 0 &&
      mount ("tmpfs", disk->mount_point, "tmpfs", 0, "size=4m,mode=0700") == 0)
    return TRUE;
  g_test_message ("no tmpfs (%s): a file size limit stands for the full disk",
                  g_strerror (errno));
  g_clear_pointer (&disk->mount_point, g_free);
  return FALSE;
}

static void
fill_disk (FullDisk   *disk,
           const char *database)
{
  if (disk->mount_point != NULL)
    {
      static const char block[64 * 1024];
      int fd;

      disk->filler = g_build_filename (disk->mount_point, "filler", NULL);
      fd = g_open (disk->filler, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
      g_assert_cmpint (fd, >=, 0);
      while (write (fd, block, sizeof block) > 0)
        ;
      g_assert_cmpint (errno, ==, ENOSPC);
      g_close (fd, NULL);
      return;
    }
  {
    g_autofree char *wal = g_strconcat (database, "-wal", NULL);
    GStatBuf wal_stat, db_stat;
    struct rlimit limit;

    g_assert_cmpint (g_stat (wal, &wal_stat), ==, 0);
    g_assert_cmpint (g_stat (database, &db_stat), ==, 0);
    /* Writing past the limit fails with EFBIG instead of a signal. */
    signal (SIGXFSZ, SIG_IGN);
    g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &disk->saved_limit), ==, 0);
    limit = disk->saved_limit;
    limit.rlim_cur = (rlim_t) MAX (wal_stat.st_size, db_stat.st_size);
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  }
}

static void
free_disk (FullDisk *disk)
{
  if (disk->mount_point != NULL)
    g_assert_cmpint (g_unlink (disk->filler), ==, 0);
  else
    g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &disk->saved_limit), ==, 0);
}

static void
test_full_disk (void)
{
  FullDisk disk = { 0 };
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = NULL;
  g_autofree char *scores = NULL;
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  mount_small_disk (&disk);
  store = rc_test_ui_store_with_clients (disk.mount_point != NULL ? disk.mount_point : tmpdir,
                                         "full.db", &database);
  window = start_rating (database);
  fill_disk (&disk, database);
  rc_test_ui_keys ("3 Down 3 Down 3");
  rc_test_ui_wait (700);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), FULL_FOOTER));
  g_assert_true (rc_window_has_unsaved_changes (window));

  free_disk (&disk);
  for (guint i = 0; i < 100 && rc_window_has_unsaved_changes (window); i++)
    rc_test_ui_wait (100);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "All changes saved"));
  scores = stored_scores (store);
  g_assert_true (g_str_has_prefix (scores, "3 3 3 -"));
  rc_test_ui_stop (application);

  g_clear_object (&store);
  if (disk.mount_point != NULL)
    g_assert_cmpint (umount2 (disk.mount_point, MNT_DETACH), ==, 0);
  g_free (disk.mount_point);
  g_free (disk.filler);
}

/* Another program saves the draft while it is open here: nothing of
 * either is written over. The other version stays as it was stored; this
 * one's goes on as a new draft, and the worker is told. */
static void
test_changed_underneath (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "underneath.db", &database);
  g_autoptr(RcAssessment) theirs = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GError) error = NULL;
  RcAssessment *mine;
  RcWindow *window;

  if (!rc_test_ui_can_type ())
    return;
  window = start_rating (database);
  rc_test_ui_keys ("1");
  rc_test_ui_wait (700);
  mine = rc_assessment_editor_get_assessment (RC_ASSESSMENT_EDITOR (rc_window_get_editor (window)));
  theirs = rc_store_load_assessment (store, rc_assessment_get_uuid (mine), &error);
  g_assert_no_error (error);
  rc_assessment_set_score (theirs, "housing", 5);
  g_assert_true (rc_store_save_assessment (store, theirs, &error));
  g_assert_no_error (error);

  rc_test_ui_keys ("Down 4");
  rc_test_ui_wait (700);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Both versions are kept"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "saving-kept-apart.png");
  rc_test_ui_stop (application);

  assessments = rc_test_ui_stored_assessments (store, "RC-000100");
  g_assert_cmpuint (assessments->len, ==, 2);
  for (guint i = 0; i < assessments->len; i++)
    {
      RcAssessment *stored = g_ptr_array_index (assessments, i);
      gboolean is_theirs = g_str_equal (rc_assessment_get_uuid (stored),
                                        rc_assessment_get_uuid (theirs));

      g_assert_cmpint (rc_assessment_get_score (stored, "family"), ==, 1);
      g_assert_cmpint (rc_assessment_get_score (stored, "housing"), ==,
                       is_theirs ? 5 : RC_SCORE_UNRATED);
      g_assert_cmpint (rc_assessment_get_score (stored, "physical-health"), ==,
                       is_theirs ? RC_SCORE_UNRATED : 4);
    }
}

/* Completed elsewhere while open here: the completed one stays final,
 * this one's ratings go on as a new draft. */
static void
test_completed_underneath (void)
{
  g_autofree char *database = NULL;
  g_autoptr(RcStore) store = rc_test_ui_store_with_clients (tmpdir, "completed.db", &database);
  g_autoptr(RcAssessment) theirs = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GError) error = NULL;
  RcAssessment *mine;
  RcWindow *window;
  guint n_complete = 0;

  if (!rc_test_ui_can_type ())
    return;
  window = start_rating (database);
  rc_test_ui_keys ("2");
  rc_test_ui_wait (700);
  mine = rc_assessment_editor_get_assessment (RC_ASSESSMENT_EDITOR (rc_window_get_editor (window)));
  theirs = rc_store_load_assessment (store, rc_assessment_get_uuid (mine), &error);
  g_assert_no_error (error);
  rc_assessment_set_assessor (theirs, "Sam Okafor");
  rc_assessment_mark_unrated_not_assessed (theirs);
  rc_assessment_set_status (theirs, RC_ASSESSMENT_COMPLETE);
  g_assert_true (rc_store_save_assessment (store, theirs, &error));
  g_assert_no_error (error);

  rc_test_ui_keys ("Down 3");
  rc_test_ui_wait (700);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Both versions are kept"));
  g_assert_false (rc_window_has_unsaved_changes (window));
  rc_test_ui_stop (application);

  assessments = rc_test_ui_stored_assessments (store, "RC-000100");
  g_assert_cmpuint (assessments->len, ==, 2);
  for (guint i = 0; i < assessments->len; i++)
    {
      RcAssessment *stored = g_ptr_array_index (assessments, i);

      if (rc_assessment_get_status (stored) == RC_ASSESSMENT_COMPLETE)
        {
          n_complete++;
          g_assert_cmpint (rc_assessment_get_score (stored, "physical-health"), ==,
                           RC_SCORE_NOT_ASSESSED);
        }
      else
        g_assert_cmpint (rc_assessment_get_score (stored, "physical-health"), ==, 3);
    }
  g_assert_cmpuint (n_complete, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  rc_test_ui_init (&argc, &argv);

  g_test_add_func ("/saving/busy-then-quit", test_busy_then_quit);
  g_test_add_func ("/saving/quit-while-busy", test_quit_while_busy);
  g_test_add_func ("/saving/session-end", test_session_end);
  g_test_add_func ("/saving/draft-to-file", test_save_draft_to_file);
  g_test_add_func ("/saving/full-disk", test_full_disk);
  g_test_add_func ("/saving/changed-underneath", test_changed_underneath);
  g_test_add_func ("/saving/completed-underneath", test_completed_underneath);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
