/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "rc-core.h"
#include "bench-util.h"

/* The migration that chains the audit log (schema 3 → 4), on a large log.
 *
 * Builds a version-3 database holding N audit entries (default 500,000)
 * of the shape the program writes, then, in each run, opens a fresh copy
 * of it: rc_store_open() makes the pre-migration backup and migrates. The
 * baseline, measured in the same run, is that backup alone (a verified
 * backup of the migrated copy, the same size give or take the hashes),
 * so that the migration's own share shows. Also timed: opening the
 * migrated copy again (no migration) and rc_store_check() on it, which
 * follows the chain entry by entry. Like the tests, this crafts the old
 * file with SQLite itself: no program of ours writes version 3 any more. */

static int n_entries = 500000;
static int n_runs = 3;

static const GOptionEntry entries[] = {
  { "entries", 0, 0, G_OPTION_ARG_INT, &n_entries, "Audit entries (default 500000)", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs; the median is reported (default 3)", "N" },
  G_OPTION_ENTRY_NULL
};

static double
elapsed_s (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A database of the current schema with @n entries, made one of version
 * 3 as tests/test-migrations.c does: without the hash column and meta's
 * record of the chain. */
static void
make_version_3 (const char          *path,
                RcInstrumentCatalog *catalog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fill = NULL;
  sqlite3 *db = NULL;

  {
    g_autoptr(RcStore) store = rc_store_open (path, catalog, &error);

    g_assert_no_error (error);
  }
  /* What the program writes: a timestamp, a user name, an action, a
   * type, a UUID, and mostly no detail; no completions, which the check
   * would look for among the assessments. */
  fill = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                          "  WHERE i < %d)"
                          " INSERT INTO audit_log (at, actor, action, object_type, object_uuid,"
                          "  detail)"
                          " SELECT strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', 1700000000 + i * 60,"
                          "  'unixepoch'), 'kworker',"
                          "  CASE i %% 3 WHEN 0 THEN 'create' WHEN 1 THEN 'update'"
                          "  ELSE 'import' END,"
                          "  CASE i %% 2 WHEN 0 THEN 'client' ELSE 'assessment' END,"
                          "  lower (hex (randomblob (18))), '' FROM n", n_entries);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  exec_or_die (db, fill);
  exec_or_die (db, "ALTER TABLE audit_log DROP COLUMN hash;"
                   "DELETE FROM meta WHERE key IN ('audit_count', 'audit_last_hash');"
                   "PRAGMA user_version = 3;"
                   "PRAGMA wal_checkpoint (TRUNCATE)");
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the audit log's migration");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcInstrumentCatalog) catalog = NULL;
  g_autofree double *migrate_s = NULL;
  g_autofree double *backup_s = NULL;
  g_autofree double *reopen_s = NULL;
  g_autofree double *check_s = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *template = NULL;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (n_entries < 1 || n_runs < 1)
    {
      g_printerr ("--entries and --runs must be at least 1\n");
      return 1;
    }

  tmpdir = g_dir_make_tmp ("rc-bench-audit-XXXXXX", &error);
  g_assert_no_error (error);
  /* The pre-migration backups go under the data folder: keep them here. */
  g_setenv ("XDG_DATA_HOME", tmpdir, TRUE);
  catalog = rc_instrument_catalog_new ();
  rc_instrument_catalog_load_builtin (catalog);
  migrate_s = g_new0 (double, n_runs);
  backup_s = g_new0 (double, n_runs);
  reopen_s = g_new0 (double, n_runs);
  check_s = g_new0 (double, n_runs);

  template = g_build_filename (tmpdir, "version-3.db", NULL);
  start = g_get_monotonic_time ();
  make_version_3 (template, catalog);
  g_print ("version-3 database: %d audit entries, made in %.1f s\n", n_entries,
           elapsed_s (start));

  for (int run = 0; run < n_runs; run++)
    {
      g_autofree char *name = g_strdup_printf ("run-%d.db", run);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autofree char *copy = g_strconcat (path, ".backup", NULL);
      g_autoptr(GPtrArray) problems = NULL;

      copy_file (template, path);
      {
        g_autoptr(RcStore) store = NULL;

        start = g_get_monotonic_time ();
        store = rc_store_open (path, catalog, &error);
        migrate_s[run] = elapsed_s (start);
        g_assert_no_error (error);
        g_assert_cmpint (rc_store_get_schema_version (store), ==, RC_STORE_SCHEMA_VERSION);

        start = g_get_monotonic_time ();
        rc_store_backup_to_file (store, copy, &error);
        backup_s[run] = elapsed_s (start);
        g_assert_no_error (error);
      }
      {
        g_autoptr(RcStore) store = NULL;

        start = g_get_monotonic_time ();
        store = rc_store_open (path, catalog, &error);
        reopen_s[run] = elapsed_s (start);
        g_assert_no_error (error);

        start = g_get_monotonic_time ();
        rc_store_check (store, &problems, &error);
        check_s[run] = elapsed_s (start);
        g_assert_no_error (error);
        if (problems->len > 0)
          g_error ("the migrated database has problems: %s",
                   (const char *) g_ptr_array_index (problems, 0));
      }
    }

  {
    double migrate = bench_median (migrate_s, n_runs);
    double backup = bench_median (backup_s, n_runs);

    g_print ("%-44s %7.2f s\n", "open with migration (backup + migrate)", migrate);
    g_print ("%-44s %7.2f s\n", "baseline: a verified backup of the same file", backup);
    g_print ("%-44s %7.2f s\n", "migration alone (difference)", migrate - backup);
    g_print ("%-44s %7.2f s\n", "open again, no migration", bench_median (reopen_s, n_runs));
    g_print ("%-44s %7.2f s\n", "check (integrity, triggers, chain)",
             bench_median (check_s, n_runs));
    g_print ("ratio: open with migration / baseline = %.2f   (median of %d runs)\n",
             migrate / backup, n_runs);
  }

  remove_tree (tmpdir);
  return 0;
}
