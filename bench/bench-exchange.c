/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

#include "rc-core.h"
#include "bench-util.h"

/* Throughput and memory of the XML export and import.
 *
 * Builds (or reuses) a database of N demo clients, exports every client,
 * imports that file into an empty database, and compares the export with
 * a baseline measured in the same run: bare xmlTextWriter writing a file
 * of the same shape (the same elements, attributes and amounts of text,
 * counted from the real export) with no database behind it.
 *
 * Each export and import runs in a child process (this program re-run
 * with --measure-export or --measure-import), so that its peak RSS is its
 * own; the export is also run on 10,000 clients to show whether the peak
 * grows with the database. Exports, the baseline and the store's walk
 * alone (--measure-read, what feeds the export, without XML) are run
 * three times each and the median is reported. */

#define SMALL_CLIENTS 10000
#define MIB (1024.0 * 1024.0)

static int n_clients = 100000;
static guint32 seed = 2026;
static char *database;

static const GOptionEntry entries[] = {
  { "clients", 0, 0, G_OPTION_ARG_INT, &n_clients, "Demo clients to export (default 100000)", "N" },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, &database,
    "Reuse (or create) this database instead of a temporary one", "PATH" },
  G_OPTION_ENTRY_NULL
};

/* What a child process reports. */
typedef struct
{
  double  seconds;
  gint64  rss_before_kib;  /* just before the work, after opening the store */
  gint64  hwm_kib;         /* peak during the work */
  gint64  maxrss_kib;      /* the child's lifetime peak, from wait4() */
  gint64  n_clients;       /* clients in the database (export) */
} Measurement;

static double
elapsed_s (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static gint64
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

/* Starts the peak RSS (VmHWM) again from the current RSS, where the kernel
 * allows it, so that the peak seen afterwards is the work's own. */
static void
reset_peak_rss (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);

  if (fd < 0)
    return;
  if (write (fd, "5", 1) != 1)
    g_printerr ("cannot reset the peak RSS: %s\n", g_strerror (errno));
  close (fd);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : -1;
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static RcStore *
open_store (const char *path)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  g_autoptr(GError) error = NULL;
  RcStore *store;

  rc_instrument_catalog_load_builtin (catalog);
  store = rc_store_open (path, catalog, &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      exit (3);
    }
  return store;
}

static gboolean
skip_profile_cb (RcClient   *client,
                 GPtrArray  *assessments,
                 gpointer    user_data,
                 GError    **error)
{
  return TRUE;
}

/* Child: --measure-export DATABASE OUTPUT, or --measure-read DATABASE -
 * (the store's walk that the export is fed by, without XML). */
static int
measure_export (const char *db_path,
                const char *output)
{
  g_autoptr(RcStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  gint64 rss_before, start;
  double seconds;
  gboolean ok;

  reset_peak_rss ();
  rss_before = status_kib ("VmRSS:");
  start = g_get_monotonic_time ();
  ok = output != NULL
         ? rc_export_profiles (store, NULL, RC_EXPORT_NONE, output, NULL, &error)
         : rc_store_foreach_profile (store, NULL, skip_profile_cb, NULL, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 3;
    }
  seconds = elapsed_s (start);
  /* Counted after, so that it does not fill SQLite's cache beforehand. */
  g_print ("%.6f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", seconds,
           rss_before, status_kib ("VmHWM:"), rc_store_count_clients (store, NULL));
  return 0;
}

/* Child: --measure-import FILE DATABASE (a new, empty one) */
static int
measure_import (const char *input,
                const char *db_path)
{
  g_autoptr(RcStore) store = open_store (db_path);
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;
  gint64 rss_before, start;
  gboolean ok;

  rc_import_summary_init (&summary);
  reset_peak_rss ();
  rss_before = status_kib ("VmRSS:");
  start = g_get_monotonic_time ();
  ok = rc_import_profiles (store, input, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary, NULL, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      rc_import_summary_clear (&summary);
      return 3;
    }
  g_print ("%.6f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u\n", elapsed_s (start), rss_before,
           status_kib ("VmHWM:"), summary.new_clients);
  rc_import_summary_clear (&summary);
  return 0;
}

/* Runs this program again in @mode and reads back what it measured. */
static gboolean
run_child (const char   *mode,
           const char   *first,
           const char   *second,
           Measurement  *out)
{
  /* Still this program even if the file was rebuilt meanwhile. */
  const char *argv[] = { "/proc/self/exe", mode, first, second, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  struct rusage usage;
  char buffer[256];
  GPid pid;
  int out_fd, status;
  ssize_t n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("cannot run %s: %s\n", mode, error->message);
      return FALSE;
    }
  while ((n = read (out_fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (text, buffer, n);
  close (out_fd);
  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  g_spawn_close_pid (pid);

  *out = (Measurement) { 0 };
  out->maxrss_kib = usage.ru_maxrss;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 ||
      sscanf (text->str, "%lf %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
              &out->seconds, &out->rss_before_kib, &out->hwm_kib, &out->n_clients) != 4)
    {
      g_printerr ("%s %s failed\n", mode, first);
      return FALSE;
    }
  return TRUE;
}

#define RUNS 3

static int
compare_seconds (gconstpointer a,
                 gconstpointer b)
{
  const Measurement *x = a, *y = b;

  return (x->seconds > y->seconds) - (x->seconds < y->seconds);
}

/* The run of median time out of RUNS: one run on a shared machine can be
 * off by half. */
static gboolean
run_child_median (const char  *mode,
                  const char  *first,
                  const char  *second,
                  Measurement *out)
{
  Measurement runs[RUNS];

  for (guint i = 0; i < RUNS; i++)
    if (!run_child (mode, first, second, &runs[i]))
      return FALSE;
  qsort (runs, RUNS, sizeof runs[0], compare_seconds);
  *out = runs[RUNS / 2];
  return TRUE;
}

/* A database with at least @n demo clients, generated as needed. */
static gint64
fill_database (const char *path,
               gint64      n)
{
  g_autoptr(RcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  gint64 existing = rc_store_count_clients (store, NULL);
  gint64 start;

  if (existing >= n)
    return existing;
  start = g_get_monotonic_time ();
  if (!rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                         (guint) (n - existing), seed, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (3);
    }
  g_print ("demo-data: %" G_GINT64_FORMAT " clients in %.1f s (%s)\n", n - existing,
           elapsed_s (start), path);
  return rc_store_count_clients (store, NULL);
}

/* The shape of an exported file: per element name, how many there are,
 * under which parent, with which attributes and how much text. Each name
 * has one parent in the profile format. */
typedef struct
{
  char    *name;
  guint64  count;
  guint64  bytes;
  guint64  written;
} AttributeShape;

typedef struct ElementShape ElementShape;
struct ElementShape
{
  char         *name;
  char         *ns;           /* the namespace the root declares, else NULL */
  guint64       count;
  guint64       text_bytes;
  GPtrArray    *attributes;   /* AttributeShape */
  GPtrArray    *children;     /* ElementShape, in order of first appearance */
  guint64       written;
};

typedef struct
{
  GHashTable   *elements;     /* name → ElementShape */
  ElementShape *root;
  guint64       n_elements;
  guint64       n_attributes;
  guint64       text_bytes;
} Shape;

static void
attribute_shape_free (AttributeShape *attribute)
{
  g_free (attribute->name);
  g_free (attribute);
}

static void
element_shape_free (ElementShape *element)
{
  g_free (element->name);
  g_free (element->ns);
  g_ptr_array_unref (element->attributes);
  g_ptr_array_unref (element->children);
  g_free (element);
}

static void
shape_clear (Shape *shape)
{
  g_clear_pointer (&shape->elements, g_hash_table_unref);
}

static ElementShape *
shape_element (Shape        *shape,
               const char   *name,
               ElementShape *parent)
{
  ElementShape *element = g_hash_table_lookup (shape->elements, name);

  if (element != NULL)
    return element;
  element = g_new0 (ElementShape, 1);
  element->name = g_strdup (name);
  element->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) attribute_shape_free);
  element->children = g_ptr_array_new ();
  g_hash_table_insert (shape->elements, element->name, element);
  if (parent != NULL)
    g_ptr_array_add (parent->children, element);
  else if (shape->root == NULL)
    shape->root = element;
  return element;
}

static void
count_attribute (ElementShape *element,
                 const char   *name,
                 gsize         bytes)
{
  AttributeShape *attribute = NULL;

  for (guint i = 0; i < element->attributes->len && attribute == NULL; i++)
    if (g_str_equal (((AttributeShape *) g_ptr_array_index (element->attributes, i))->name, name))
      attribute = g_ptr_array_index (element->attributes, i);
  if (attribute == NULL)
    {
      attribute = g_new0 (AttributeShape, 1);
      attribute->name = g_strdup (name);
      g_ptr_array_add (element->attributes, attribute);
    }
  attribute->count++;
  attribute->bytes += bytes;
}

static void
count_element (Shape            *shape,
               xmlTextReaderPtr  reader,
               GPtrArray        *stack)
{
  guint depth = (guint) xmlTextReaderDepth (reader);
  ElementShape *parent = depth > 0 && depth <= stack->len ? g_ptr_array_index (stack, depth - 1)
                                                          : NULL;
  ElementShape *element =
    shape_element (shape, (const char *) xmlTextReaderConstLocalName (reader), parent);

  element->count++;
  shape->n_elements++;
  g_ptr_array_set_size (stack, depth);
  g_ptr_array_add (stack, element);

  while (xmlTextReaderMoveToNextAttribute (reader) == 1)
    {
      const char *value = (const char *) xmlTextReaderConstValue (reader);

      if (xmlTextReaderIsNamespaceDecl (reader) == 1)
        {
          if (element == shape->root && element->ns == NULL)
            element->ns = g_strdup (value);
          continue;
        }
      count_attribute (element, (const char *) xmlTextReaderConstLocalName (reader),
                       strlen (value));
      shape->n_attributes++;
    }
  xmlTextReaderMoveToElement (reader);
}

static gboolean
count_shape (const char *path,
             Shape      *shape)
{
  xmlTextReaderPtr reader = xmlReaderForFile (path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  int ret;

  *shape = (Shape) { 0 };
  shape->elements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) element_shape_free);
  if (reader == NULL)
    return FALSE;
  while ((ret = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      guint depth = (guint) xmlTextReaderDepth (reader);

      if (type == XML_READER_TYPE_ELEMENT)
        count_element (shape, reader, stack);
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) && depth > 0 &&
               depth <= stack->len)
        {
          gsize bytes = strlen ((const char *) xmlTextReaderConstValue (reader));
          ElementShape *element = g_ptr_array_index (stack, depth - 1);

          element->text_bytes += bytes;
          shape->text_bytes += bytes;
        }
    }
  xmlFreeTextReader (reader);
  return ret == 0 && shape->root != NULL;
}

/* How many of @total fall to the @index-th of @n: spread evenly, summing
 * to @total exactly. */
static guint64
share (guint64 total,
       guint64 n,
       guint64 index)
{
  return total * (index + 1) / n - total * index / n;
}

/* Text to write: letters and spaces, like names and notes. */
#define FILLER_BYTES 65536
static char filler[FILLER_BYTES + 1];
static char scratch[FILLER_BYTES + 1];

static void
init_filler (void)
{
  static const char words[] = "Sees her sister weekly and calls mum on Sundays ";

  for (gsize i = 0; i < FILLER_BYTES; i++)
    filler[i] = words[i % (sizeof words - 1)];
  filler[FILLER_BYTES] = '\0';
}

static const xmlChar *
filler_text (guint64 bytes)
{
  gsize n = (gsize) MIN (bytes, FILLER_BYTES);

  memcpy (scratch, filler, n);
  scratch[n] = '\0';
  return (const xmlChar *) scratch;
}

static gboolean
write_shape_element (xmlTextWriterPtr  writer,
                     ElementShape     *element)
{
  guint64 index = element->written++;
  guint64 text_bytes = share (element->text_bytes, element->count, index);
  int ret;

  ret = element->ns != NULL
          ? xmlTextWriterStartElementNS (writer, NULL, (const xmlChar *) element->name,
                                         (const xmlChar *) element->ns)
          : xmlTextWriterStartElement (writer, (const xmlChar *) element->name);
  if (ret < 0)
    return FALSE;

  for (guint i = 0; i < element->attributes->len; i++)
    {
      AttributeShape *attribute = g_ptr_array_index (element->attributes, i);

      if (share (attribute->count, element->count, index) == 0)
        continue;
      if (xmlTextWriterWriteAttribute (writer, (const xmlChar *) attribute->name,
                                       filler_text (share (attribute->bytes, attribute->count,
                                                           attribute->written++))) < 0)
        return FALSE;
    }
  if (text_bytes > 0 && xmlTextWriterWriteString (writer, filler_text (text_bytes)) < 0)
    return FALSE;

  for (guint i = 0; i < element->children->len; i++)
    {
      ElementShape *child = g_ptr_array_index (element->children, i);

      for (guint64 n = share (child->count, element->count, index); n > 0; n--)
        if (!write_shape_element (writer, child))
          return FALSE;
    }
  return xmlTextWriterEndElement (writer) >= 0;
}

/* The baseline: the same document shape with bare xmlTextWriter, written
 * and synced like the export (same indentation, fd output, fsync). */
static gboolean
write_baseline (Shape      *shape,
                const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  xmlOutputBufferPtr output;
  xmlTextWriterPtr writer;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  output = xmlOutputBufferCreateFd (fd, NULL);
  writer = xmlNewTextWriter (output);
  ok = xmlTextWriterSetIndent (writer, 1) >= 0 &&
       xmlTextWriterSetIndentString (writer, (const xmlChar *) "  ") >= 0 &&
       xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL) >= 0 &&
       write_shape_element (writer, shape->root) &&
       xmlTextWriterEndDocument (writer) >= 0 &&
       xmlTextWriterFlush (writer) >= 0;
  xmlFreeTextWriter (writer);
  ok = ok && fsync (fd) == 0;
  return close (fd) == 0 && ok;
}

/* Counters back to zero, so that the shape can be written again. */
static void
rewind_shape (Shape *shape)
{
  GHashTableIter iter;
  ElementShape *element;

  g_hash_table_iter_init (&iter, shape->elements);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &element))
    {
      element->written = 0;
      for (guint i = 0; i < element->attributes->len; i++)
        ((AttributeShape *) g_ptr_array_index (element->attributes, i))->written = 0;
    }
}

/* The median time of RUNS baseline writes, or a negative time. */
static double
time_baseline (Shape      *shape,
               const char *path)
{
  double seconds[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      rewind_shape (shape);
      if (!write_baseline (shape, path))
        return -1;
      seconds[i] = elapsed_s (start);
    }
  return bench_median (seconds, RUNS);
}

static double
rate_mib_s (gint64 bytes,
            double seconds)
{
  return seconds > 0 ? bytes / MIB / seconds : 0;
}

static void
report_export (const char        *label,
               const Measurement *m,
               gint64             bytes)
{
  g_print ("%-22s %7" G_GINT64_FORMAT " clients  %7.2f s  %7.1f MiB  %6.1f MiB/s  "
           "%6.1f us/client  peak RSS +%.1f MiB (process %.1f MiB)\n",
           label, m->n_clients, m->seconds, bytes / MIB, rate_mib_s (bytes, m->seconds),
           m->seconds * 1e6 / MAX (m->n_clients, 1), (m->hwm_kib - m->rss_before_kib) / 1024.0,
           m->maxrss_kib / 1024.0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *small_db = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *small_export_path = NULL;
  g_autofree char *baseline_path = NULL;
  g_autofree char *import_db = NULL;
  Measurement large = { 0 }, small = { 0 }, read = { 0 }, import = { 0 };
  gint64 export_bytes, small_bytes, baseline_bytes;
  double baseline_s;
  Shape shape;

  if (argc == 4 && g_str_equal (argv[1], "--measure-export"))
    return measure_export (argv[2], argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--measure-read"))
    return measure_export (argv[2], NULL);
  if (argc == 4 && g_str_equal (argv[1], "--measure-import"))
    return measure_import (argv[2], argv[3]);

  context = g_option_context_new ("— XML export and import throughput");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (n_clients < 1)
    {
      g_printerr ("--clients must be at least 1\n");
      return 1;
    }

  tmpdir = g_dir_make_tmp ("rc-bench-exchange-XXXXXX", &error);
  g_assert_no_error (error);
  if (database == NULL)
    database = g_build_filename (tmpdir, "bench.db", NULL);
  export_path = g_build_filename (tmpdir, "export.xml", NULL);
  small_export_path = g_build_filename (tmpdir, "export-small.xml", NULL);
  baseline_path = g_build_filename (tmpdir, "baseline.xml", NULL);
  import_db = g_build_filename (tmpdir, "import.db", NULL);

  g_print ("database: %" G_GINT64_FORMAT " clients (%s)\n", fill_database (database, n_clients),
           database);
  if (n_clients > SMALL_CLIENTS)
    {
      small_db = g_build_filename (tmpdir, "small.db", NULL);
      fill_database (small_db, SMALL_CLIENTS);
    }

  /* Export: the whole database, and a small one for the memory ratio. */
  if (!run_child_median ("--measure-export", database, export_path, &large))
    return 3;
  export_bytes = file_size (export_path);
  if (small_db != NULL)
    {
      if (!run_child_median ("--measure-export", small_db, small_export_path, &small))
        return 3;
      small_bytes = file_size (small_export_path);
    }
  else
    {
      small = large;
      small_bytes = export_bytes;
    }

  if (!run_child_median ("--measure-read", database, "-", &read))
    return 3;

  /* Baseline: a file of the same shape, without a database. */
  if (!count_shape (export_path, &shape))
    {
      g_printerr ("%s: cannot be read back\n", export_path);
      return 3;
    }
  init_filler ();
  baseline_s = time_baseline (&shape, baseline_path);
  if (baseline_s < 0)
    {
      g_printerr ("%s: cannot be written\n", baseline_path);
      return 3;
    }
  baseline_bytes = file_size (baseline_path);

  g_print ("file: %" G_GUINT64_FORMAT " elements, %" G_GUINT64_FORMAT " attributes, "
           "%.1f MiB of text; per client %.1f elements, %.1f attributes\n",
           shape.n_elements, shape.n_attributes, shape.text_bytes / MIB,
           (double) shape.n_elements / MAX (large.n_clients, 1),
           (double) shape.n_attributes / MAX (large.n_clients, 1));
  if (small_db != NULL)
    report_export ("export (small)", &small, small_bytes);
  report_export ("export", &large, export_bytes);
  g_print ("%-22s %7" G_GINT64_FORMAT " clients  %7.2f s  %7.1f MiB  %6.1f MiB/s  "
           "(same elements, attributes and text sizes; no database)\n",
           "baseline: xmlTextWriter", large.n_clients, baseline_s, baseline_bytes / MIB,
           rate_mib_s (baseline_bytes, baseline_s));
  g_print ("ratio: export throughput = %.1f %% of baseline (MiB/s; file sizes %.4f)\n",
           100.0 * rate_mib_s (export_bytes, large.seconds) / rate_mib_s (baseline_bytes, baseline_s),
           (double) export_bytes / MAX (baseline_bytes, 1));
  /* Reading the clients in UUID order, one at a time, is random access to
   * the database file; the export reads on one thread while it writes on
   * another, so its time is bounded below by the longer of the two. */
  g_print ("%-22s %7" G_GINT64_FORMAT " clients  %7.2f s  (rc_store_foreach_profile, no XML)\n",
           "store walk alone", read.n_clients, read.seconds);
  g_print ("ratio: export time = %.2f x (walk + baseline) = %.2f x the longer of the two "
           "(reading and writing overlap on two threads)\n",
           large.seconds / (read.seconds + baseline_s), large.seconds / MAX (read.seconds, baseline_s));
  if (small_db != NULL)
    {
      g_print ("ratio: export peak RSS delta at %" G_GINT64_FORMAT " / %d clients = %.2f "
               "(%.1f / %.1f MiB; 1.00 = independent of database size)\n",
               large.n_clients, SMALL_CLIENTS,
               (double) MAX (large.hwm_kib - large.rss_before_kib, 1) /
                 MAX (small.hwm_kib - small.rss_before_kib, 1),
               (large.hwm_kib - large.rss_before_kib) / 1024.0,
               (small.hwm_kib - small.rss_before_kib) / 1024.0);
      g_print ("ratio: export process peak RSS at %" G_GINT64_FORMAT " / %d clients = %.2f\n",
               large.n_clients, SMALL_CLIENTS, (double) large.maxrss_kib / MAX (small.maxrss_kib, 1));
      g_print ("ratio: export time per client at %" G_GINT64_FORMAT " / %d clients = %.2f\n",
               large.n_clients, SMALL_CLIENTS,
               (large.seconds / large.n_clients) / (small.seconds / MAX (small.n_clients, 1)));
    }

  /* Import of the export into an empty database: last, as the slowest. */
  if (!run_child ("--measure-import", export_path, import_db, &import))
    return 3;
  g_print ("%-22s %7" G_GINT64_FORMAT " clients  %7.2f s  %7.1f MiB  %6.1f MiB/s  "
           "%6.1f us/client  peak RSS +%.1f MiB (process %.1f MiB)\n",
           "import (empty db)", import.n_clients, import.seconds, export_bytes / MIB,
           rate_mib_s (export_bytes, import.seconds), import.seconds * 1e6 / MAX (import.n_clients, 1),
           (import.hwm_kib - import.rss_before_kib) / 1024.0, import.maxrss_kib / 1024.0);
  g_print ("ratio: import throughput = %.1f %% of export (MiB/s)\n",
           100.0 * rate_mib_s (export_bytes, import.seconds) / rate_mib_s (export_bytes, large.seconds));

  shape_clear (&shape);
  g_unlink (export_path);
  g_unlink (small_export_path);
  g_unlink (baseline_path);
  remove_database (import_db);
  if (small_db != NULL)
    remove_database (small_db);
  if (g_str_has_prefix (database, tmpdir))
    remove_database (database);
  g_rmdir (tmpdir);
  g_free (database);
  return 0;
}
