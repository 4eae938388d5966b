/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"

/* libFuzzer harness for the profile importer (see README.md).
 *
 * Each input is written to one temporary file per process (the importer
 * reads from a path), then checked twice: by rc_validate_profiles(), which
 * needs no database, and by a dry-run rc_import_profiles() into a store
 * opened once in LLVMFuzzerInitialize(). The store already holds
 * docs/example-profile.xml, so inputs mutated from that file also reach
 * the conflict and "unchanged" paths; the dry run rolls back, so every
 * input sees the same database. Criticals and warnings abort, so a failed
 * g_return_if_fail() counts as a crash. */

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static RcInstrumentCatalog *catalog;
static RcStore *store;
static char *tmpdir;
static char *input_path;

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&store);
  if (input_path != NULL)
    g_unlink (input_path);
  if (tmpdir == NULL)
    return;
  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmpdir);
}

static void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "fuzz-import: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *example = g_build_filename (RC_FUZZ_SOURCE_ROOT, "docs",
                                               "example-profile.xml", NULL);
  RcImportSummary summary;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  /* Built-in instruments only: the user's folder must not change results. */
  catalog = rc_instrument_catalog_new ();
  rc_instrument_catalog_load_builtin (catalog);

  tmpdir = g_dir_make_tmp ("rc-fuzz-XXXXXX", &error);
  if (tmpdir == NULL)
    fail ("temporary folder", error);
  atexit (remove_tmpdir);
  input_path = g_strdup_printf ("%s/rc-fuzz-%d.xml", g_get_tmp_dir (), (int) getpid ());

  db_path = g_build_filename (tmpdir, "fuzz.db", NULL);
  store = rc_store_open (db_path, catalog, &error);
  if (store == NULL)
    fail ("store", error);

  /* Commits the example, and warms up the schema and the type system, so
   * that one-time allocations are not taken for leaks of the first input. */
  rc_import_summary_init (&summary);
  if (!rc_import_profiles (store, example, RC_CONFLICT_FAIL, RC_IMPORT_NONE, &summary, NULL, &error))
    fail (example, error);
  rc_import_summary_clear (&summary);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  RcImportSummary summary;

  if (!g_file_set_contents_full (input_path, (const char *) data, (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    fail (input_path, error);

  rc_import_summary_init (&summary);
  rc_validate_profiles (catalog, input_path, &summary, &error);
  rc_import_summary_clear (&summary);
  g_clear_error (&error);

  /* The length picks the policy, so each is tried without tripling the
   * time per input. */
  rc_import_summary_init (&summary);
  rc_import_profiles (store, input_path, (RcConflictPolicy) (size % 3), RC_IMPORT_DRY_RUN,
                      &summary, NULL, &error);
  rc_import_summary_clear (&summary);
  return 0;
}
