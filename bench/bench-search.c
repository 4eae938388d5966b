/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "bench-util.h"

/* Client search latency per keystroke on a large demo database.
 *
 * Builds (or reuses) a database of N demo clients, then types 1,000
 * prefixes of real names and clinic codes, one keystroke at a time, and
 * times rc_store_search_client_ids() — what the client list runs on each
 * keystroke — and the first screenful of rows loaded after it. The
 * baseline, measured in the same run, is listing every client in order:
 * the most a search can ever have to return. */

static int n_clients = 100000;
static int n_queries = 1000;
static guint32 seed = 2026;
static char *database;

static const GOptionEntry entries[] = {
  { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Demo clients to generate", "N" },
  { "queries", 0, 0, G_OPTION_ARG_INT, &n_queries, "Keystrokes to time", "N" },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
    "Reuse (or create) this database instead of a temporary one", "PATH" },
  G_OPTION_ENTRY_NULL
};

#define SCREENFUL 30

static double
percentile (GArray *samples,
            double  fraction)
{
  guint index = (guint) (fraction * (samples->len - 1) + 0.5);

  return g_array_index (samples, double, index);
}

static void
report (const char *what,
        GArray     *samples)
{
  bench_sort ((double *) samples->data, samples->len);
  g_print ("%-34s median %7.2f ms   p95 %7.2f ms   max %7.2f ms   (n=%u)\n", what,
           percentile (samples, 0.5), percentile (samples, 0.95),
           g_array_index (samples, double, samples->len - 1), samples->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The prefixes someone types to find @text: "a", "an", "and", … */
static void
add_keystrokes (GPtrArray  *queries,
                const char *text)
{
  for (const char *end = g_utf8_next_char (text); queries->len < (guint) n_queries;
       end = g_utf8_next_char (end))
    {
      g_ptr_array_add (queries, g_strndup (text, (gsize) (end - text)));
      if (*end == '\0')
        break;
    }
}

static GPtrArray *
make_queries (RcStore *store)
{
  g_autoptr(GArray) ids = rc_store_search_client_ids (store, NULL, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  while (queries->len < (guint) n_queries)
    {
      gint64 id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, (gint32) ids->len));
      g_autoptr(RcClient) client = rc_store_load_client (store, id, NULL);
      double what = g_rand_double (rand);

      add_keystrokes (queries, what < 0.5 ? rc_client_get_family_name (client)
                               : what < 0.85 ? rc_client_get_given_name (client)
                               : rc_client_get_clinic_code (client));
    }
  return queries;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— client search latency");
  g_autoptr(GError) error = NULL;
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) search_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screenful_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmpdir = NULL;
  gint64 existing, start;
  guint64 n_matches = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  rc_instrument_catalog_load_builtin (catalog);
  if (database == NULL)
    {
      tmpdir = g_dir_make_tmp ("rc-bench-XXXXXX", &error);
      g_assert_no_error (error);
      database = g_build_filename (tmpdir, "bench.db", NULL);
    }
  store = rc_store_open (database, catalog, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }

  existing = rc_store_count_clients (store, NULL);
  if (existing < n_clients)
    {
      start = g_get_monotonic_time ();
      if (!rc_demo_generate (store, rc_instrument_catalog_get_default (catalog),
                             (guint) (n_clients - existing), seed, &error))
        {
          g_printerr ("%s\n", error->message);
          return 3;
        }
      g_print ("demo-data: %d clients in %.1f s\n", (int) (n_clients - existing),
               elapsed_ms (start) / 1000.0);
    }
  g_print ("database: %" G_GINT64_FORMAT " clients\n", rc_store_count_clients (store, NULL));

  queries = make_queries (store);

  /* The first search reads the index; later ones use it. */
  {
    g_autoptr(GArray) warm = NULL;

    start = g_get_monotonic_time ();
    warm = rc_store_search_client_ids (store, "a", &error);
    g_assert_no_error (error);
    g_print ("%-34s %7.2f ms (once, at the first search)\n", "search index read",
             elapsed_ms (start));
  }

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GArray) all = NULL;

      start = g_get_monotonic_time ();
      all = rc_store_search_client_ids (store, NULL, NULL);
      g_array_append_vals (baseline_times, (double[]) { elapsed_ms (start) }, 1);
    }

  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GArray) ids = NULL;
      double search_ms;

      start = g_get_monotonic_time ();
      ids = rc_store_search_client_ids (store, g_ptr_array_index (queries, i), &error);
      g_assert_no_error (error);
      search_ms = elapsed_ms (start);
      for (guint row = 0; row < MIN (ids->len, SCREENFUL); row++)
        g_object_unref (rc_store_load_client (store, g_array_index (ids, gint64, row), NULL));
      g_array_append_val (search_times, search_ms);
      g_array_append_vals (screenful_times, (double[]) { elapsed_ms (start) }, 1);
      n_matches += ids->len;
    }

  /* What the client list does per keystroke: the search, the model's
   * items-changed, and the rows a list view then asks for. */
  {
    g_autoptr(RcClientList) list = rc_client_list_new (store);

    for (guint i = 0; i < queries->len; i++)
      {
        start = g_get_monotonic_time ();
        rc_client_list_set_search (list, g_ptr_array_index (queries, i), &error);
        g_assert_no_error (error);
        for (guint row = 0; row < MIN (g_list_model_get_n_items (G_LIST_MODEL (list)), SCREENFUL);
             row++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), row));
        g_array_append_vals (list_times, (double[]) { elapsed_ms (start) }, 1);
      }
  }

  g_print ("queries: %u keystrokes, %.0f matches on average\n", queries->len,
           (double) n_matches / queries->len);
  report ("baseline: list every client", baseline_times);
  report ("search (ids, per keystroke)", search_times);
  report ("search + first 30 rows loaded", screenful_times);
  report ("client list model, per keystroke", list_times);
  g_print ("ratio: search median / baseline median = %.3f\n",
           percentile (search_times, 0.5) / percentile (baseline_times, 0.5));

  g_clear_object (&store);
  if (tmpdir != NULL)
    {
      g_autofree char *wal = g_strconcat (database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database, "-shm", NULL);

      g_unlink (database);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmpdir);
    }
  g_free (database);
  return 0;
}
