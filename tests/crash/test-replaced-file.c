/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* A crash leaves a WAL beside the database; then someone copies another
 * database over the file by hand, from a backup or another laptop. SQLite
 * would lay the old WAL's pages over the new file: every program must
 * refuse it as damaged and leave both files byte for byte as they were
 * (once, the check itself truncated such a file from 21 MB to 1 MB). */

static char *tmpdir;

static void
make_database (const char *path,
               guint       n_clients,
               guint       seed)
{
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_demo_generate (store,
                                   rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                                   n_clients, seed, &error));
  g_assert_no_error (error);
}

/* Runs the CLI on @database; returns its exit status and its stderr. */
static int
run_cli (const char  *database,
         const char **arguments,
         char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static void
test_stale_wal_beside_replaced_file (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "clinic.db", NULL);
  g_autofree char *wal = g_strconcat (database, "-wal", NULL);
  g_autofree char *other = g_build_filename (tmpdir, "other.db", NULL);
  g_autofree char *backup = g_build_filename (tmpdir, "backup.db", NULL);
  g_autofree char *exported = g_build_filename (tmpdir, "out.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *database_before = NULL;
  g_autofree char *wal_before = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *commands[][5] = {
    { "list", NULL },
    { "show", "RC-000001", NULL },
    { "check", NULL },
    { "export", "--output", exported, NULL },
    { "backup", NULL },
    { "demo-data", "--clients", "1", NULL },
    { "init", NULL },
    { "restore", backup, NULL },
  };

  make_database (database, 20, 1);
  make_database (other, 200, 2);
  {
    g_autoptr(RcStore) store = rc_test_open_store (other);

    g_assert_true (rc_store_backup_to_file (store, backup, &error));
    g_assert_no_error (error);
  }
  rc_test_sqlite_exec (other, "PRAGMA wal_checkpoint(TRUNCATE)");
  rc_test_leave_wal (database);
  g_assert_true (g_file_get_contents (other, &contents, &length, &error));
  g_assert_true (g_file_set_contents (database, contents, (gssize) length, &error));
  g_assert_no_error (error);
  database_before = rc_test_file_checksum (database);
  wal_before = rc_test_file_checksum (wal);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *database_after = NULL;
      g_autofree char *wal_after = NULL;
      int status = run_cli (database, commands[i], &err);

      g_test_message ("%s: exit %d, %s", commands[i][0], status, err);
      g_assert_cmpint (status, ==, 3);
      /* One line, naming the file. */
      g_assert_true (g_str_has_prefix (err, database));
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
      database_after = rc_test_file_checksum (database);
      wal_after = rc_test_file_checksum (wal);
      g_assert_cmpstr (database_after, ==, database_before);
      g_assert_cmpstr (wal_after, ==, wal_before);
    }
  g_assert_false (g_file_test (exported, G_FILE_TEST_EXISTS));

  /* The store, as the app opens it. */
  {
    g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new_default ();
    g_autoptr(RcStore) store = rc_store_open (database, catalog, &error);
    g_autofree char *database_after = rc_test_file_checksum (database);
    g_autofree char *wal_after = rc_test_file_checksum (wal);

    g_assert_null (store);
    g_assert_error (error, RC_ERROR, RC_ERROR_DATABASE);
    g_assert_cmpstr (database_after, ==, database_before);
    g_assert_cmpstr (wal_after, ==, wal_before);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reliability/stale-wal-beside-replaced-file",
                   test_stale_wal_beside_replaced_file);
  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
