/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "bench-util.h"

/* How long the importer takes to refuse each hostile or broken file of
 * tests/data/bad-xml/ (the goal: under 5 s each), against a baseline
 * measured in the same run: importing good.xml, the valid file they are
 * all made from. Each figure is the median of RUNS imports into a fresh
 * database. The peak RSS of the whole run is printed last (the tests
 * assert it stays under 200 MB). */

#define RUNS 5
#define GOAL_S 5.0

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The median time to import @path into a new database in @tmpdir;
 * @refused tells whether the importer refused it. */
static double
time_import (const char *tmpdir,
             const char *path,
             gboolean   *refused)
{
  double seconds[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autofree char *db_path = g_strdup_printf ("%s/run-%u.db", tmpdir, i);
      g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
      g_autoptr(RcStore) store = NULL;
      g_autoptr(GError) error = NULL;
      RcImportSummary summary;
      gint64 start;

      rc_instrument_catalog_load_builtin (catalog);
      store = rc_store_open (db_path, catalog, &error);
      if (store == NULL)
        {
          g_printerr ("%s: %s\n", db_path, error->message);
          exit (3);
        }
      rc_import_summary_init (&summary);
      start = g_get_monotonic_time ();
      *refused = !rc_import_profiles (store, path, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary,
                                      NULL, &error);
      seconds[i] = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      rc_import_summary_clear (&summary);
      g_clear_object (&store);
      g_unlink (db_path);
    }
  return bench_median (seconds, RUNS);
}

int
main (int    argc,
      char **argv)
{
  const char *corpus = argc > 1 ? argv[1] : BAD_XML_DIR;
  g_autofree char *good = g_build_filename (corpus, "good.xml", NULL);
  g_autofree char *tmpdir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (corpus, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  double baseline_s, slowest_s = 0;
  gboolean refused;
  struct rusage usage;
  const char *name;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  tmpdir = g_dir_make_tmp ("rc-bench-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  baseline_s = time_import (tmpdir, good, &refused);
  if (refused)
    {
      g_printerr ("%s: the baseline file was refused\n", good);
      return 3;
    }
  g_print ("%-36s %8.2f ms  (baseline: a valid file, imported)\n", "good.xml", baseline_s * 1e3);

  while ((name = g_dir_read_name (dir)) != NULL)
    if ((g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".bin")) &&
        !g_str_equal (name, "good.xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (corpus, g_ptr_array_index (names, i), NULL);
      double seconds = time_import (tmpdir, path, &refused);

      g_print ("%-36s %8.2f ms  %5.2f x baseline  %s\n", (char *) g_ptr_array_index (names, i),
               seconds * 1e3, seconds / baseline_s, refused ? "refused" : "ACCEPTED");
      slowest_s = MAX (slowest_s, seconds);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("ratio: slowest refusal / %.0f s goal = %.4f; peak RSS of the run %.1f MiB\n", GOAL_S,
           slowest_s / GOAL_S, usage.ru_maxrss / 1024.0);
  g_rmdir (tmpdir);
  return 0;
}
