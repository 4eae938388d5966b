/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* Backups through SQLite's online backup API: where they go, that each
 * is verified and owner-only, what is kept, and that a restore brings
 * the data back and keeps what it replaced. */

static char *tmpdir;

static RcStore *
store_with_demo (const char *name,
                 guint       n_clients)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  RcStore *store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_demo_generate (store,
                                   rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                                   n_clients, 7, &error));
  g_assert_no_error (error);
  return store;
}

static char *
make_backup (RcStore      *store,
             RcBackupKind  kind)
{
  g_autoptr(GError) error = NULL;
  char *path = rc_store_make_backup (store, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static void
test_make_and_list (void)
{
  g_autoptr(RcStore) store = store_with_demo ("list.db", 20);
  g_autofree char *folder = NULL;
  g_autofree char *path = make_backup (store, RC_BACKUP_MANUAL);
  g_autofree char *id = NULL;
  g_autofree char *outside = g_build_filename (tmpdir, "outside.db", NULL);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  RcBackup *backup;

  id = rc_store_dup_database_id (store, &error);
  g_assert_no_error (error);
  folder = rc_store_dup_backup_folder (store, &error);
  g_assert_true (g_str_has_prefix (path, folder));
  g_assert_nonnull (strstr (folder, id));
  g_assert_true (g_str_has_suffix (path, "-manual.db"));
  rc_test_assert_mode (path, 0600);
  rc_test_assert_mode (folder, 0700);

  /* --output: one file, not among the database's backups. */
  g_assert_true (rc_store_backup_to_file (store, outside, &error));
  g_assert_no_error (error);
  rc_test_assert_mode (outside, 0600);
  g_assert_false (rc_store_backup_to_file (store, outside, &error));
  g_assert_error (error, RC_ERROR, RC_ERROR_IO);
  g_clear_error (&error);

  backups = rc_store_list_backups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (backup->path, ==, path);
  g_assert_cmpint (backup->n_clients, ==, 20);
  g_assert_cmpint (backup->n_assessments, ==, rc_test_sqlite_query_int (
                     rc_store_get_path (store), "SELECT count(*) FROM assessment"));
  g_assert_true (backup->verified);
  g_assert_true (rc_timestamp_is_valid (backup->made_at));
  /* One file, no journal beside it. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* A backup cut short leaves only a hidden file; the next one deletes it,
 * but not the hidden file of a backup still being written beside it,
 * which holds its lock. */
static void
test_partial_swept (void)
{
  g_autoptr(RcStore) store = store_with_demo ("partial.db", 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = rc_store_dup_backup_folder (store, &error);
  g_autofree char *partial = g_build_filename (folder, ".20260101T000000Z-daily.db.partial",
                                               NULL);
  g_autofree char *writing = g_build_filename (folder, ".20260102T000000Z-manual.db.partial",
                                               NULL);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (partial, "half a backup", -1, &error));
  g_assert_true (g_file_set_contents (writing, "a backup being written", -1, &error));
  fd = g_open (writing, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  path = make_backup (store, RC_BACKUP_DAILY);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (writing, G_FILE_TEST_EXISTS));
  backups = rc_store_list_backups (store, &error);
  g_assert_cmpuint (backups->len, ==, 1);

  /* Once its writer is gone, it is one cut short. */
  g_close (fd, NULL);
  g_free (make_backup (store, RC_BACKUP_MANUAL));
  g_assert_false (g_file_test (writing, G_FILE_TEST_EXISTS));
}

/* The newest of each of the last 7 days and 4 weeks, 3 before a
 * migration; the one just made always. */
static void
test_retention (void)
{
  g_autoptr(RcStore) store = store_with_demo ("retention.db", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = rc_store_dup_backup_folder (store, &error);
  g_autofree char *template = make_backup (store, RC_BACKUP_MANUAL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize length;
  /* 2026-11-01 is a Sunday: days 1..30 of November, two a day. */
  const char *hours[] = { "080000", "170000" };

  g_assert_true (g_file_get_contents (template, &contents, &length, &error));
  g_unlink (template);
  for (guint day = 1; day <= 30; day++)
    for (guint h = 0; h < G_N_ELEMENTS (hours); h++)
      {
        g_autofree char *name = g_strdup_printf ("202611%02uT%sZ-daily.db", day, hours[h]);
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_assert_true (g_file_set_contents (path, contents, length, &error));
      }
  for (guint day = 1; day <= 5; day++)
    {
      g_autofree char *name = g_strdup_printf ("202610%02uT120000Z-pre-migration.db", day);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_true (g_file_set_contents (path, contents, length, &error));
    }
  g_free (make_backup (store, RC_BACKUP_DAILY));

  backups = rc_store_list_backups (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    g_hash_table_add (kept, g_path_get_basename (((RcBackup *) g_ptr_array_index (backups, i))->path));
  /* Today's, then November 30 to 25 (7 days), then the newest of the
   * weeks before: W48 is in the 7 days, so W47, W46 (4 weeks). */
  g_assert_cmpuint (g_hash_table_size (kept), ==, 1 + 6 + 2 + 3);
  g_assert_true (g_hash_table_contains (kept, "20261130T170000Z-daily.db"));
  g_assert_false (g_hash_table_contains (kept, "20261130T080000Z-daily.db"));
  g_assert_true (g_hash_table_contains (kept, "20261125T170000Z-daily.db"));
  g_assert_false (g_hash_table_contains (kept, "20261124T170000Z-daily.db"));
  g_assert_true (g_hash_table_contains (kept, "20261122T170000Z-daily.db"));
  g_assert_true (g_hash_table_contains (kept, "20261115T170000Z-daily.db"));
  g_assert_false (g_hash_table_contains (kept, "20261108T170000Z-daily.db"));
  g_assert_true (g_hash_table_contains (kept, "20261005T120000Z-pre-migration.db"));
  g_assert_true (g_hash_table_contains (kept, "20261003T120000Z-pre-migration.db"));
  g_assert_false (g_hash_table_contains (kept, "20261002T120000Z-pre-migration.db"));
}

static void
test_daily_once_a_day (void)
{
  g_autoptr(RcStore) store = store_with_demo ("daily.db", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (rc_store_make_daily_backup (store, &first, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (rc_store_make_daily_backup (store, &second, &error));
  g_assert_no_error (error);
  g_assert_null (second);
}

/* Backup, change, restore: the data as it was, and what the restore
 * replaced kept as a backup of its own. */
static void
test_restore (void)
{
  g_autoptr(RcStore) store = store_with_demo ("restore.db", 10);
  g_autofree char *backup = make_backup (store, RC_BACKUP_MANUAL);
  g_autofree char *kept = NULL;
  g_autoptr(RcClient) added = rc_test_make_client ("RC-900001", "Late", "Arrival");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_store_save_client (store, added, &error));
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 11);

  g_assert_true (rc_store_restore (store, backup, &kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 10);
  g_assert_null (rc_store_find_client (store, "RC-900001", NULL));
  g_assert_true (g_str_has_suffix (kept, "-pre-restore.db"));

  backups = rc_store_list_backups (store, &error);
  for (guint i = 0; i < backups->len; i++)
    {
      RcBackup *listed = g_ptr_array_index (backups, i);

      if (g_str_equal (listed->path, kept))
        g_assert_cmpint (listed->n_clients, ==, 11);
    }
  /* And back again, from the one the restore kept. */
  g_assert_true (rc_store_restore (store, kept, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 11);
}

typedef struct
{
  RcStore    *store;
  const char *backup;
  RcProgress *progress;
  GError     *error;
  gboolean    done;
} Restore;

static gpointer
restore_thread (gpointer data)
{
  Restore *restore = data;

  rc_store_restore (restore->store, restore->backup, NULL, restore->progress, &restore->error);
  g_atomic_int_set (&restore->done, TRUE);
  return NULL;
}

/* Cancelled part-way through the copy, as the window's Cancel does from
 * another thread, a restore leaves the database as it was. */
static void
test_restore_cancelled (void)
{
  g_autoptr(RcStore) store = store_with_demo ("cancelled.db", 4000);
  g_autofree char *backup = make_backup (store, RC_BACKUP_MANUAL);
  g_autoptr(RcClient) added = rc_test_make_client ("RC-900001", "Late", "Arrival");
  g_autoptr(RcProgress) progress = rc_progress_new ();
  g_autoptr(GError) error = NULL;
  Restore restore = { store, backup, progress };
  gboolean part_done = FALSE;
  GThread *thread;

  g_assert_true (rc_store_save_client (store, added, &error));
  thread = g_thread_new ("restore", restore_thread, &restore);
  while (!g_atomic_int_get (&restore.done))
    {
      double fraction = rc_progress_get_fraction (progress);

      if (fraction > 0 && fraction < 1)
        {
          part_done = TRUE;
          g_cancellable_cancel (rc_progress_get_cancellable (progress));
        }
      g_thread_yield ();
    }
  g_thread_join (thread);

  g_assert_true (part_done);
  g_assert_error (restore.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&restore.error);
  g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 4001);
  g_assert_nonnull (rc_store_find_client (store, "RC-900001", NULL));
  g_assert_true (rc_store_quick_check (store, &error));
  g_assert_no_error (error);
}

/* A file that is not a sound database of ours changes nothing. */
static void
test_restore_refused (void)
{
  g_autoptr(RcStore) store = store_with_demo ("refused.db", 3);
  g_autofree char *text = g_build_filename (tmpdir, "not-a-database.db", NULL);
  g_autofree char *damaged = g_build_filename (tmpdir, "damaged.db", NULL);
  g_autofree char *backup = make_backup (store, RC_BACKUP_MANUAL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *files[2];

  g_assert_true (g_file_set_contents (text, "Dear diary", -1, &error));
  g_assert_true (g_file_get_contents (backup, &contents, &length, &error));
  /* A page of the table data overwritten: the header stays sound. */
  memset (contents + 4096 * 3, 0x5a, 4096);
  g_assert_true (g_file_set_contents (damaged, contents, length, &error));
  files[0] = text;
  files[1] = damaged;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_assert_false (rc_store_restore (store, files[i], NULL, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, files[i]));
      g_clear_error (&error);
      g_assert_cmpint (rc_store_count_clients (store, NULL), ==, 3);
    }
}

/* Before a migration, the database as it was. */
static void
test_before_migration (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "v1.db", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                               "schema-1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  RcBackup *backup;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  rc_test_sqlite_exec (path, sql);
  store = rc_test_open_store (path);
  backups = rc_store_list_backups (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpint (backup->kind, ==, RC_BACKUP_PRE_MIGRATION);
  g_assert_cmpint (rc_test_sqlite_query_int (backup->path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (backup->n_clients, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/make-and-list", test_make_and_list);
  g_test_add_func ("/backup/partial-swept", test_partial_swept);
  g_test_add_func ("/backup/retention", test_retention);
  g_test_add_func ("/backup/daily-once-a-day", test_daily_once_a_day);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-cancelled", test_restore_cancelled);
  g_test_add_func ("/backup/restore-refused", test_restore_refused);
  g_test_add_func ("/backup/before-migration", test_before_migration);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
