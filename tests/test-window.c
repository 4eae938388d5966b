/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "rc-assessment-editor.h"
#include "rc-backups-window.h"
#include "rc-new-client-dialog.h"
#include "rc-test-ui.h"
#include "rc-test-util.h"

/* The main window: its states (new database, read-only and damaged
 * databases, many clients), search, privacy mode, and a narrow screen. */

static char *tmpdir;

static RcApplication *
start_with_demo_data (const char *name,
                      guint       n_clients)
{
  g_autofree char *database = g_build_filename (tmpdir, name, NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(GError) error = NULL;

  if (n_clients > 0)
    rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                      n_clients, 11, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  return rc_test_ui_start (database);
}

static void
test_new_database (void)
{
  RcApplication *application = start_with_demo_data ("new.db", 0);
  RcWindow *window = rc_test_ui_get_window (application);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Recovery Capital");
  g_assert_cmpstr (rc_window_get_view (window), ==, "welcome");
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "No Clients Yet"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-new-database.png");
  rc_test_ui_stop (application);
}

static void
test_database_error (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;

  g_file_set_contents (database, "this is not a database, just some text\n"
                       "long enough that SQLite reads it as a header............\n", -1, &error);
  g_assert_no_error (error);
  before = rc_test_file_checksum (database);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "Could Not Be Opened"));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "damaged or is not a database"));
  /* Nothing can be added to a database that could not be opened. */
  g_assert_false (gtk_widget_get_sensitive (rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                        GTK_TYPE_SEARCH_ENTRY,
                                                                        0)) &&
                  gtk_widget_is_sensitive (rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                       GTK_TYPE_SEARCH_ENTRY,
                                                                       0)));
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-database-error.png");
  rc_test_ui_stop (application);

  after = rc_test_file_checksum (database);
  g_assert_cmpstr (after, ==, before);
}

static GListModel *
client_model (RcWindow *window)
{
  return rc_window_get_clients (window);
}

static void
test_search_filters_list (void)
{
  RcApplication *application = start_with_demo_data ("search.db", 300);
  RcWindow *window = rc_test_ui_get_window (application);
  GtkEditable *search = GTK_EDITABLE (rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                                  GTK_TYPE_SEARCH_ENTRY, 0));
  GListModel *model = client_model (window);
  RcStore *store = rc_application_get_store (application);
  g_autoptr(GArray) expected = rc_store_search_client_ids (store, "and", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-clients.png");

  gtk_editable_set_text (search, "and");
  rc_test_ui_wait (400);  /* the search entry waits for typing to pause */
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-search.png");

  gtk_editable_set_text (search, "zzzzqq");
  rc_test_ui_wait (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "No Matching Clients"));

  /* Enter opens the first match. */
  gtk_editable_set_text (search, "rc-000001");
  rc_test_ui_wait (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (rc_window_get_view (window), ==, "client");
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-client-page.png");
  rc_test_ui_stop (application);
}

static void
test_privacy_mode (void)
{
  RcApplication *application = start_with_demo_data ("privacy.db", 20);
  RcWindow *window = rc_test_ui_get_window (application);
  g_autoptr(RcClient) first = g_list_model_get_item (client_model (window), 0);
  g_autofree char *name = rc_client_dup_full_name (first);

  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), name));
  g_object_set (window, "show-codes-only", TRUE, NULL);
  rc_test_ui_wait (100);
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), name));
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window),
                                           rc_client_get_clinic_code (first)));
  /* Sorted by code, so the list no longer tells where a name falls, and
   * no birth date shows, in the list or on the page. */
  for (guint i = 1; i < g_list_model_get_n_items (client_model (window)); i++)
    {
      g_autoptr(RcClient) before = g_list_model_get_item (client_model (window), i - 1);
      g_autoptr(RcClient) after = g_list_model_get_item (client_model (window), i);

      g_assert_cmpint (g_ascii_strcasecmp (rc_client_get_clinic_code (before),
                                           rc_client_get_clinic_code (after)), <, 0);
    }
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), "born"));
  rc_window_open_client (window, first);
  rc_test_ui_wait (100);
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), name));
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), "Born"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-privacy.png");
  g_object_set (window, "show-codes-only", FALSE, NULL);
  rc_test_ui_stop (application);
}

static void
test_narrow_and_dark (void)
{
  RcApplication *application = start_with_demo_data ("narrow.db", 30);
  RcWindow *window = rc_test_ui_get_window (application);
  g_autoptr(RcClient) first = g_list_model_get_item (client_model (window), 0);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  rc_window_open_client (window, first);
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-client-dark.png");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  rc_test_ui_wait (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-narrow-dark.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  rc_test_ui_wait (300);
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-narrow-list-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  rc_test_ui_stop (application);
}

static void
test_import (void)
{
  g_autofree char *file = rc_test_export_demo (tmpdir, "import.xml", 5, 2);
  g_autofree char *broken = g_build_filename (tmpdir, "broken.xml", NULL);
  g_autofree char *target = g_build_filename (tmpdir, "import-target.db", NULL);
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;
  GtkWidget *dialog;

  g_file_set_contents (broken, "<profiles xmlns='urn:recovery-capital:profile:1'>\n<client",
                       -1, &error);
  g_assert_no_error (error);

  application = rc_test_ui_start (target);
  window = rc_test_ui_get_window (application);

  /* A summary first; nothing is imported until it is confirmed. */
  rc_window_import_file (window, file);
  dialog = rc_test_ui_wait_for_message_dialog ("Import");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "5 new clients"));
  g_assert_cmpuint (g_list_model_get_n_items (rc_window_get_clients (window)), ==, 0);
  rc_test_ui_screenshot (dialog, "import-summary.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  for (guint i = 0; i < 100 && g_list_model_get_n_items (rc_window_get_clients (window)) < 5; i++)
    rc_test_ui_wait (100);
  g_assert_cmpuint (g_list_model_get_n_items (rc_window_get_clients (window)), ==, 5);

  /* A broken file: a dialog naming the file and the line. */
  rc_window_import_file (window, broken);
  dialog = rc_test_ui_wait_for_message_dialog ("The File Could Not Be Imported");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), broken));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ":1:"));
  rc_test_ui_screenshot (dialog, "import-error.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  rc_test_ui_stop (application);
}

/* Export De-identified… in the main menu: through the real file chooser,
 * a file with pseudonyms and no names, mode 0600. */
static void
test_export_deidentified (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "recovery-capital-deidentified.xml", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmpdir);
  g_autoptr(RcClient) client = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;
  GtkWidget *chooser;

  if (rc_test_ui_skip_file_chooser ())
    return;
  application = start_with_demo_data ("deidentified.db", 3);
  window = rc_test_ui_get_window (application);
  client = g_list_model_get_item (rc_window_get_clients (window), 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-deidentified",
                                             NULL));
  rc_test_ui_wait (300);
  chooser = rc_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  /* The name it proposes, in the test's folder. */
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
  g_assert_no_error (error);
  rc_test_ui_wait (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  rc_test_ui_wait (300);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "deidentified"));
  g_assert_null (strstr (contents, rc_client_get_family_name (client)));
  g_assert_null (strstr (contents, rc_client_get_clinic_code (client)));
  rc_test_assert_mode (path, 0600);
  rc_test_ui_stop (application);
}

/* Once the window has drawn, a worker makes the day's backup: verified,
 * with what the database holds. */
static void
test_daily_backup (void)
{
  RcApplication *application = start_with_demo_data ("backed-up.db", 3);
  g_autofree char *database = g_build_filename (tmpdir, "backed-up.db", NULL);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  RcBackup *backup;

  backups = rc_test_ui_wait_for_backups (store);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpint (backup->kind, ==, RC_BACKUP_DAILY);
  g_assert_true (backup->verified);
  g_assert_cmpint (backup->n_clients, ==, 3);
  rc_test_ui_stop (application);

  /* Not again the same day. */
  application = rc_test_ui_start (database);
  rc_test_ui_wait (1000);
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = rc_store_list_backups (store, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  rc_test_ui_stop (application);
}

/* Makes @path unwritable, or writable again. Root writes through any
 * mode, but not through the immutable flag; others are held by the mode.
 * Returns FALSE where neither holds (a file system without the flag). */
static gboolean
set_writable (const char *path,
              gboolean    writable)
{
  int flags = 0;
  int fd;
  gboolean set;

  if (geteuid () != 0)
    return g_chmod (path, writable ? 0700 : 0500) == 0;
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  set = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  flags = writable ? flags & ~FS_IMMUTABLE_FL : flags | FS_IMMUTABLE_FL;
  set = set && ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
  close (fd);
  return set;
}

static RcAssessment *
find_completed (RcStore  *store,
                RcClient *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assessments = rc_store_list_assessments (store, rc_client_get_uuid (client),
                                                               &error);

  g_assert_no_error (error);
  for (guint i = 0; i < assessments->len; i++)
    if (rc_assessment_get_status (g_ptr_array_index (assessments, i)) == RC_ASSESSMENT_COMPLETE)
      return g_object_ref (g_ptr_array_index (assessments, i));
  return NULL;
}

/* A database in a folder that can't be written to: the bar says so from
 * the start, everything reads, nothing offers to write, and the file is
 * left as it was. */
static void
test_read_only (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "read-only", NULL);
  g_autofree char *database = g_build_filename (folder, "clinic.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RcClient) client = NULL;
  g_autoptr(RcAssessment) draft = NULL;
  g_autoptr(RcAssessment) completed = NULL;
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;
  GtkWidget *editor;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  {
    g_autoptr(RcStore) store = rc_test_open_store (database);
    g_autoptr(GArray) ids = NULL;

    rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)), 5,
                      11, &error);
    g_assert_no_error (error);
    ids = rc_store_list_client_ids (store, NULL, RC_CLIENT_ORDER_NAME, &error);
    g_assert_no_error (error);
    client = rc_store_load_client (store, g_array_index (ids, gint64, 0), &error);
    g_assert_no_error (error);
    completed = find_completed (store, client);
    g_assert_nonnull (completed);
    draft = rc_assessment_new (rc_client_get_uuid (client),
                               rc_instrument_catalog_get_default (rc_store_get_catalog (store)));
    g_assert_true (rc_store_save_assessment (store, draft, &error));
  }
  /* Immutable means no -wal: the data are all in the file. */
  rc_test_sqlite_exec (database, "PRAGMA journal_mode = DELETE");
  if (!set_writable (database, FALSE) || !set_writable (folder, FALSE))
    {
      set_writable (database, TRUE);
      g_test_skip ("this file system cannot make a file unwritable for root");
      return;
    }
  before = rc_test_file_checksum (database);

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  rc_test_ui_wait (500);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "read-only"));
  g_assert_cmpuint (g_list_model_get_n_items (rc_window_get_clients (window)), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  rc_test_ui_wait (200);
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));

  /* A completed assessment shows, with no amendment on offer. */
  g_assert_true (rc_window_open_client (window, client));
  g_assert_true (rc_window_open_assessment (window, completed));
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");
  g_assert_false (gtk_widget_is_sensitive (rc_test_ui_find_label (GTK_WIDGET (window), "Amend")));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-assessment", NULL);
  rc_test_ui_wait (200);
  g_assert_cmpstr (rc_window_get_view (window), ==, "profile");

  /* A draft shows, to be read. */
  g_assert_true (rc_window_open_assessment (window, draft));
  g_assert_cmpstr (rc_window_get_view (window), ==, "editor");
  editor = rc_window_get_editor (window);
  g_assert_false (gtk_widget_is_sensitive (
    GTK_WIDGET (rc_assessment_editor_get_factor_row (RC_ASSESSMENT_EDITOR (editor), 0))));
  g_assert_nonnull (rc_test_ui_find_label (editor, "can be read, not changed"));
  g_assert_null (rc_test_ui_find_label (editor, "saved as you go"));
  g_assert_false (gtk_widget_is_sensitive (rc_test_ui_find_label (editor, "Complete")));
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-read-only.png");
  rc_test_ui_stop (application);

  after = rc_test_file_checksum (database);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (set_writable (folder, TRUE));
  g_assert_true (set_writable (database, TRUE));
}

/* The triggers that keep completed assessments final dropped by hand:
 * found by the check after the start, and the bar says so. */
static void
test_tampered (void)
{
  g_autofree char *database = rc_test_make_demo_database (tmpdir, "tampered.db", 3, 11);
  RcApplication *application;
  RcWindow *window;

  rc_test_sqlite_exec (database, "DROP TRIGGER audit_log_no_delete");

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  for (guint i = 0; i < 50 && rc_test_ui_find_label (GTK_WIDGET (window), "safeguards") == NULL;
       i++)
    rc_test_ui_wait (100);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "safeguards"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  rc_test_ui_wait (200);
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));
  rc_test_ui_stop (application);
  g_assert_cmpint (rc_test_sqlite_query_int (database, "SELECT count(*) FROM sqlite_schema"
                                                       " WHERE name = 'audit_log_no_delete'"),
                   ==, 0);
}

/* A damaged database: found by the check after the start, only read from
 * then on, and the bar offers its backups; restoring one brings the data
 * back. The damage is a page of the audit log overwritten, so that the
 * list of clients still reads. */
static void
test_damaged_offers_backup (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  RcWindow *window;
  GtkWidget *backups, *button, *dialog;
  gint64 page;
  gsize length;

  {
    g_autoptr(RcStore) store = rc_test_open_store (database);
    g_autofree char *backup = NULL;

    rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)), 5,
                      11, &error);
    g_assert_no_error (error);
    backup = rc_store_make_backup (store, RC_BACKUP_MANUAL, &error);
    g_assert_no_error (error);
  }
  rc_test_sqlite_exec (database, "PRAGMA wal_checkpoint(TRUNCATE)");
  page = rc_test_sqlite_query_int (database,
                                   "SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'");
  g_assert_true (g_file_get_contents (database, &contents, &length, &error));
  memset (contents + 4096 * (page - 1), 0x5a, 4096);
  g_assert_true (g_file_set_contents (database, contents, length, &error));

  application = rc_test_ui_start (database);
  window = rc_test_ui_get_window (application);
  for (guint i = 0; i < 50 && rc_test_ui_find_label (GTK_WIDGET (window), "is damaged") == NULL;
       i++)
    rc_test_ui_wait (100);
  g_assert_nonnull (rc_test_ui_find_label (GTK_WIDGET (window), "is damaged"));
  rc_test_ui_screenshot (GTK_WIDGET (window), "window-damaged.png");
  /* Nothing new is written to it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  rc_test_ui_wait (200);
  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_NEW_CLIENT_DIALOG));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL));
  /* Read by a worker, then shown. */
  backups = rc_test_ui_wait_for_toplevel (RC_TYPE_BACKUPS_WINDOW);
  g_assert_nonnull (backups);
  rc_test_ui_screenshot (backups, "window-backups.png");
  for (guint i = 0; (button = rc_test_ui_find_descendant (backups, GTK_TYPE_BUTTON, i)) != NULL;
       i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Restore…") == 0)
      break;
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  rc_test_ui_wait (200);
  dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  rc_test_ui_screenshot (dialog, "window-restore-confirm.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  /* The Backups window closes, and the worker restores: longer on a
   * loaded machine. */
  for (guint i = 0; i < 100 && (rc_test_ui_find_toplevel (RC_TYPE_BACKUPS_WINDOW) != NULL ||
                                rc_test_ui_find_label (GTK_WIDGET (window), "is damaged") != NULL);
       i++)
    rc_test_ui_wait (100);
  /* And the bar sliding away. */
  rc_test_ui_wait (500);
  if (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (GTK_WINDOW (rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));

  g_assert_null (rc_test_ui_find_toplevel (RC_TYPE_BACKUPS_WINDOW));
  g_assert_null (rc_test_ui_find_label (GTK_WIDGET (window), "is damaged"));
  g_assert_cmpuint (g_list_model_get_n_items (rc_window_get_clients (window)), ==, 5);
  rc_test_ui_stop (application);
  {
    g_autoptr(RcStore) store = rc_test_open_store (database);

    g_assert_true (rc_store_quick_check (store, &error));
    g_assert_no_error (error);
  }
}

/* GTK's file chooser, shown on the database's folder, drops the app's
 * locks on the database's files (the count is reported: test-store's
 * /store/files/ show the harm); once it is answered, the store holds
 * them again. */
static void
test_file_chooser_keeps_locks (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "chooser", NULL);
  g_autofree char *database = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  RcApplication *application;
  GtkWidget *chooser;

  if (rc_test_ui_skip_file_chooser ())
    return;
  g_assert_no_errno (g_mkdir (folder, 0700));
  database = rc_test_make_demo_database (folder, "clients.db", 5, 11);
  application = rc_test_ui_start (database);
  /* No other connection of the app's open: the day's backup is done. */
  backups = rc_test_ui_wait_for_backups (rc_application_get_store (application));
  g_assert_cmpuint (rc_test_count_own_posix_locks (), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (rc_test_ui_get_window (application)),
                                             "win.import", NULL));
  chooser = rc_test_ui_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 50 && rc_test_count_own_posix_locks () > 0; i++)
    rc_test_ui_wait (100);
  g_test_message ("POSIX locks while the chooser shows the folder: %u",
                  rc_test_count_own_posix_locks ());
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  rc_test_ui_wait (300);
  g_assert_cmpuint (rc_test_count_own_posix_locks (), >, 0);
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

  g_test_add_func ("/window/new-database", test_new_database);
  g_test_add_func ("/window/database-error", test_database_error);
  g_test_add_func ("/window/search", test_search_filters_list);
  g_test_add_func ("/window/privacy", test_privacy_mode);
  g_test_add_func ("/window/narrow-and-dark", test_narrow_and_dark);
  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/export-deidentified", test_export_deidentified);
  g_test_add_func ("/window/daily-backup", test_daily_backup);
  g_test_add_func ("/window/read-only", test_read_only);
  g_test_add_func ("/window/tampered", test_tampered);
  g_test_add_func ("/window/damaged-offers-backup", test_damaged_offers_backup);
  g_test_add_func ("/window/file-chooser-keeps-locks", test_file_chooser_keeps_locks);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
