/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rc-core.h"
#include "rc-assessment-private.h"
#include "rc-test-util.h"

#include "crash-content.h"

/* The reliability suite: programs that write to the database are killed
 * with SIGKILL at random moments — mid-transaction, mid-checkpoint, while
 * opening and recovering the WAL the last kill left — and the database
 * must be sound afterwards and hold everything a program had been told
 * was committed. crash-writer saves drafts as the autosave does, into one
 * database that grows across the kills; `recovery-capital-cli import` is
 * killed while it stores a profile file, which must land all or nothing.
 *
 * The moments come from a GRand whose seed is printed; RC_CRASH_SEED=N
 * draws the same ones again (the writer's own pace still varies).
 * Between kills the database is left as the kill left it, WAL and all,
 * as the next start of the app finds it: the checks read it through
 * SQLite without a checkpoint on closing, and open the store on a copy,
 * since the store checkpoints what it closes. */

#define WRITER_KILLS 200
#define IMPORT_KILLS 50
#define SANITIZED_WRITER_KILLS 20
#define SANITIZED_IMPORT_KILLS 10
/* A kill lands up to this long after the writer says it is ready. */
#define WRITER_RUN_LONGEST_US (50 * 1000)
/* One kill in EARLY_KILL_EVERY lands this soon after the start instead,
 * while the writer starts and the store opens and recovers the WAL. */
#define EARLY_KILL_LONGEST_US (10 * 1000)
#define EARLY_KILL_EVERY 8
/* Enough for the import's transaction to spill out of SQLite's page
 * cache into the WAL before its commit; fewer under the sanitizers,
 * where an import of that many takes seconds. */
#define IMPORT_CLIENTS 600
#define SANITIZED_IMPORT_CLIENTS 150

static RcInstrumentCatalog *catalog;
static GRand *moments;

static gboolean
is_sanitized (void)
{
  return g_getenv ("RC_TEST_SANITIZED") != NULL;
}

/* Process control */

static GSubprocess *
spawn (GSubprocessFlags    flags,
       const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_newv (argv, flags, &error);

  g_assert_no_error (error);
  return process;
}

/* Kills @process and waits for it. Returns: whether the kill ended it,
 * rather than the process ending first, with success. */
static gboolean
kill_and_wait (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return TRUE;
    }
  g_assert_true (g_subprocess_get_successful (process));
  return FALSE;
}

/* The database, behind the store's back */

static void
remove_database (const char *path)
{
  const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* Copies @path with its WAL, but not the -shm index, which SQLite builds
 * again from the WAL as after a crash. */
static void
snapshot (const char *path,
          const char *copy)
{
  const char * const suffixes[] = { "", "-wal" };

  remove_database (copy);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (to);
      g_autoptr(GError) error = NULL;

      if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &error) &&
          !(i > 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)))
        g_assert_no_error (error);
    }
}

/* SQLite's PRAGMA integrity_check of @path as it is: "ok", or its
 * findings. The connection does not checkpoint on closing, so the WAL
 * stays for the next run to recover from and carry on. */
static char *
integrity_check (const char *path)
{
  g_autoptr(GString) found = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  int status;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_string_append_printf (found, "cannot open: %s", sqlite3_errmsg (db));
  else
    {
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL),
                       ==, SQLITE_OK);
      while ((status = sqlite3_step (statement)) == SQLITE_ROW)
        g_string_append_printf (found, "%s%s", found->len > 0 ? "; " : "",
                                (const char *) sqlite3_column_text (statement, 0));
      if (status != SQLITE_DONE)
        g_string_append_printf (found, "; %s", sqlite3_errmsg (db));
      sqlite3_finalize (statement);
    }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return g_string_free (g_steal_pointer (&found), FALSE);
}

/* The checkpoint sequence number in the WAL's header (big-endian, at
 * byte 12): SQLite counts up each time a writer starts the WAL over
 * after a checkpoint copied all of it into the database. */
static guint32
wal_checkpoints (const char *path)
{
  g_autofree char *name = g_strconcat (path, "-wal", NULL);
  g_autoptr(GFile) wal = g_file_new_for_path (name);
  g_autoptr(GFileInputStream) stream = g_file_read (wal, NULL, NULL);
  guint8 header[16];
  gsize length = 0;
  guint32 sequence;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &length, NULL,
                                NULL) ||
      length < sizeof header)
    return 0;
  memcpy (&sequence, header + 12, sizeof sequence);
  return GUINT32_FROM_BE (sequence);
}

/* When the WAL beside @path was last written to, in nanoseconds; 0 when
 * there is none. */
static gint64
wal_written_at (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf file;

  if (g_stat (wal, &file) != 0 || file.st_size == 0)
    return 0;
  return (gint64) file.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + file.st_mtim.tv_nsec;
}

/* The store's own look for damage and tampering, on a copy of @path.
 * Returns: (transfer full) (nullable): the store, or %NULL when it did
 *   not open or found problems, which are then in @findings */
static RcStore *
open_checked (const char *path,
              const char *copy,
              GString    *findings)
{
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  snapshot (path, copy);
  store = rc_store_open (copy, catalog, &error);
  if (store == NULL)
    {
      g_string_append_printf (findings, "the store refuses it: %s", error->message);
      return NULL;
    }
  g_assert_true (rc_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (findings, "%s%s", findings->len > 0 ? "; " : "",
                            (const char *) g_ptr_array_index (problems, i));
  return problems->len == 0 ? g_steal_pointer (&store) : NULL;
}

/* PRAGMA integrity_check of @path itself, then the store's checks on a
 * copy; FALSE, saying why, when either found a problem. *@store: the
 * store on the copy, while the checks pass. */
static gboolean
check_soundness (const char *path,
                 const char *copy,
                 guint       kill,
                 RcStore   **store)
{
  g_autofree char *integrity = integrity_check (path);
  g_autoptr(GString) findings = g_string_new (NULL);

  *store = NULL;
  if (g_strcmp0 (integrity, "ok") != 0)
    {
      g_test_message ("kill %u: integrity_check: %s", kill, integrity);
      return FALSE;
    }
  *store = open_checked (path, copy, findings);
  if (*store == NULL)
    g_test_message ("kill %u: %s", kill, findings->str);
  return *store != NULL;
}

/* The writer, killed while it saves */

typedef struct
{
  char   *client_uuid;
  gint64  revision;  /* the last one the writer reported */
} Draft;

static void
draft_free (Draft *draft)
{
  g_free (draft->client_uuid);
  g_free (draft);
}

typedef struct
{
  char       *tmpdir;
  char       *database;
  char       *copy;
  GHashTable *clients;      /* UUID → clinic code, as reported */
  GHashTable *drafts;       /* assessment UUID → Draft */
  GHashTable *touched;      /* the UUIDs of clients and drafts the last run reported */
  guint       kills;
  guint       early_kills;
  guint       commits;
  guint       unreported;   /* saves found stored that the writer had not reported */
  guint       lost;
  guint       differing;
  guint       unsound;
  guint32     checkpoints;
} WriterRun;

static WriterRun *
writer_run_new (void)
{
  WriterRun *run = g_new0 (WriterRun, 1);

  run->tmpdir = rc_test_tmpdir_new ();
  run->database = g_build_filename (run->tmpdir, "autosave.db", NULL);
  run->copy = g_build_filename (run->tmpdir, "copy.db", NULL);
  run->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) draft_free);
  run->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return run;
}

static void
writer_run_free (WriterRun *run)
{
  rc_test_tmpdir_free (run->tmpdir);
  g_free (run->database);
  g_free (run->copy);
  g_hash_table_unref (run->clients);
  g_hash_table_unref (run->drafts);
  g_hash_table_unref (run->touched);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriterRun, writer_run_free)

/* A draft the writer saved, or found stored as it started: that too
 * must be no older than what it reported before. */
static void
note_draft (WriterRun  *run,
            const char *uuid,
            const char *client_uuid,
            const char *revision)
{
  Draft *known = g_hash_table_lookup (run->drafts, uuid);
  Draft *draft = g_new0 (Draft, 1);

  draft->client_uuid = g_strdup (client_uuid);
  draft->revision = g_ascii_strtoll (revision, NULL, 10);
  if (known != NULL && draft->revision < known->revision)
    {
      g_test_message ("kill %u: the writer found assessment %s at revision %" G_GINT64_FORMAT
                      ", its save %" G_GINT64_FORMAT " is lost",
                      run->kills, uuid, draft->revision, known->revision);
      run->lost++;
    }
  g_hash_table_replace (run->drafts, g_strdup (uuid), draft);
  g_hash_table_add (run->touched, g_strdup (uuid));
}

/* One line of the writer's report (see crash-writer.c). A resumed draft
 * is not a commit, but it is what the store holds: its revision counts
 * from there. */
static void
note_line (WriterRun  *run,
           const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);
  guint n_words = g_strv_length (words);

  if (g_str_equal (line, "ready"))
    return;
  if (n_words == 3 && g_str_equal (words[0], "client"))
    {
      g_hash_table_replace (run->clients, g_strdup (words[1]), g_strdup (words[2]));
      g_hash_table_add (run->touched, g_strdup (words[1]));
      run->commits++;
      return;
    }
  if (n_words == 4 && (g_str_equal (words[0], "save") || g_str_equal (words[0], "resume")))
    {
      note_draft (run, words[1], words[2], words[3]);
      run->commits += g_str_equal (words[0], "save");
      return;
    }
  g_error ("the writer reported “%s”", line);
}

static void
read_report (WriterRun        *run,
             GDataInputStream *report)
{
  g_autoptr(GError) error = NULL;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (report, NULL, NULL, &error)) != NULL)
    {
      note_line (run, line);
      g_free (line);
    }
  g_assert_no_error (error);
}

static char *
writer_path (void)
{
  const char *build_root = g_getenv ("RC_BUILD_ROOT");

  g_assert_nonnull (build_root);
  return g_build_filename (build_root, "tests", "crash", "crash-writer", NULL);
}

/* Starts the writer and kills it, most times a random while after it
 * said it was ready; what it reported goes into @run. */
static void
run_writer_once (WriterRun *run)
{
  g_autofree char *writer = writer_path ();
  const char * const argv[] = { writer, run->database, NULL };
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, argv);
  g_autoptr(GDataInputStream) report =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr(GError) error = NULL;
  /* Slower programs (the sanitizers) get as many saves and checkpoints in. */
  gint32 scale = (gint32) rc_test_time_scale ();

  if (g_rand_int_range (moments, 0, EARLY_KILL_EVERY) == 0)
    {
      g_usleep (g_rand_int_range (moments, 0, EARLY_KILL_LONGEST_US * scale + 1));
      run->early_kills++;
    }
  else
    {
      g_autofree char *ready = g_data_input_stream_read_line_utf8 (report, NULL, NULL, &error);

      g_assert_no_error (error);
      /* No line: the writer failed, and said why on stderr. */
      g_assert_cmpstr (ready, ==, "ready");
      g_usleep (g_rand_int_range (moments, 0, WRITER_RUN_LONGEST_US * scale + 1));
    }
  g_assert_true (kill_and_wait (process));
  run->kills++;
  read_report (run, report);
}

static gboolean
check_client (WriterRun  *run,
              RcStore    *store,
              const char *uuid,
              const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = rc_store_find_client (store, uuid, &error);

  if (client == NULL)
    {
      g_test_message ("kill %u: client %s (%s) is lost: %s", run->kills, uuid, code,
                      error->message);
      run->lost++;
      return FALSE;
    }
  if (g_strcmp0 (rc_client_get_clinic_code (client), code) != 0 ||
      g_strcmp0 (rc_client_get_family_name (client), code) != 0)
    {
      g_test_message ("kill %u: client %s is not %s", run->kills, uuid, code);
      run->differing++;
      return FALSE;
    }
  return TRUE;
}

/* The stored draft must be the last save reported, or at most one
 * later that the kill kept the writer from reporting, and hold exactly
 * what crash_content_apply() gives at its revision. *@ahead: whether it
 * was that one later. */
static gboolean
check_draft (WriterRun   *run,
             RcStore     *store,
             const char  *uuid,
             const Draft *draft,
             gboolean    *ahead)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcAssessment) stored = rc_store_load_assessment (store, uuid, &error);
  g_autofree char *problem = NULL;
  gint64 revision;

  *ahead = FALSE;
  if (stored == NULL)
    {
      g_test_message ("kill %u: assessment %s is lost: %s", run->kills, uuid, error->message);
      run->lost++;
      return FALSE;
    }
  revision = rc_assessment_get_revision (stored);
  if (revision < draft->revision)
    {
      g_test_message ("kill %u: assessment %s is at revision %" G_GINT64_FORMAT
                      ", its save %" G_GINT64_FORMAT " is lost",
                      run->kills, uuid, revision, draft->revision);
      run->lost++;
      return FALSE;
    }
  if (revision > draft->revision + 1)
    problem = g_strdup_printf ("revision %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT
                               " reported", revision, draft->revision);
  else if (g_strcmp0 (rc_assessment_get_client_uuid (stored), draft->client_uuid) != 0)
    problem = g_strdup ("another client");
  else
    problem = crash_content_dup_problem (stored, rc_instrument_catalog_lookup_for (catalog, stored),
                                         revision);
  if (problem != NULL)
    {
      g_test_message ("kill %u: assessment %s: %s", run->kills, uuid, problem);
      run->differing++;
      return FALSE;
    }
  *ahead = revision > draft->revision;
  return TRUE;
}

/* Checks the clients and drafts in @uuids, or all when it is NULL.
 * Returns: how many drafts were one save ahead of the report */
static guint
check_reported (WriterRun  *run,
                RcStore    *store,
                GHashTable *uuids)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n_ahead = 0;

  g_hash_table_iter_init (&iter, run->clients);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (uuids == NULL || g_hash_table_contains (uuids, key))
      check_client (run, store, key, value);
  g_hash_table_iter_init (&iter, run->drafts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (uuids == NULL || g_hash_table_contains (uuids, key))
      {
        gboolean ahead;

        if (check_draft (run, store, key, value, &ahead))
          n_ahead += ahead;
      }
  return n_ahead;
}

/* After a kill: FALSE when the database is unsound, which ends the run. */
static gboolean
check_after_kill (WriterRun  *run,
                  GHashTable *uuids)
{
  g_autoptr(RcStore) store = NULL;
  guint32 checkpoints = wal_checkpoints (run->database);
  guint n_ahead;

  run->checkpoints = MAX (run->checkpoints, checkpoints);
  if (!check_soundness (run->database, run->copy, run->kills, &store))
    {
      run->unsound++;
      return FALSE;
    }
  n_ahead = check_reported (run, store, uuids);
  if (uuids != NULL)
    run->unreported += n_ahead;
  return TRUE;
}

static void
test_autosave_killed (void)
{
  g_autoptr(WriterRun) run = writer_run_new ();
  guint n_kills = is_sanitized () ? SANITIZED_WRITER_KILLS : WRITER_KILLS;
  gint64 started = g_get_monotonic_time ();
  GStatBuf file;

  while (run->kills < n_kills)
    {
      g_hash_table_remove_all (run->touched);
      run_writer_once (run);
      if (!check_after_kill (run, run->touched))
        break;
    }
  /* Each draft and client again, since later runs wrote beside them. */
  if (run->unsound == 0)
    check_after_kill (run, NULL);

  g_assert_cmpint (g_stat (run->database, &file), ==, 0);
  g_test_message ("writer: %u kills (%u while starting), %u commits reported, "
                  "%u saves stored but not yet reported, %u commits lost, %u differing, "
                  "%u integrity failures; %u clients, %u assessments, %" G_GINT64_FORMAT
                  " KiB, the WAL started over %u times after checkpoints; %.1f s",
                  run->kills, run->early_kills, run->commits, run->unreported, run->lost,
                  run->differing, run->unsound, g_hash_table_size (run->clients),
                  g_hash_table_size (run->drafts), (gint64) file.st_size / 1024,
                  run->checkpoints, (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (run->unsound, ==, 0);
  g_assert_cmpuint (run->lost, ==, 0);
  g_assert_cmpuint (run->differing, ==, 0);
  /* Else the kills missed what they are there for. */
  g_assert_cmpuint (run->commits, >, run->kills);
  g_assert_cmpuint (run->checkpoints, >, 0);
}

/* The import, killed while it stores a profile file */

typedef struct
{
  gint64 clients;
  gint64 assessments;
} Counts;

static gint64
import_clients (void)
{
  return is_sanitized () ? SANITIZED_IMPORT_CLIENTS : IMPORT_CLIENTS;
}

static Counts
count_records (RcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (rc_store_get_path (store));
  Counts counts = { rc_store_count_clients (store, &error), 0 };

  g_assert_no_error (error);
  counts.assessments = rc_test_sqlite_query_int (path, "SELECT count(*) FROM assessment");
  return counts;
}

static void
run_cli (const char *database,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

/* Runs $RC_CLI --database @database and the arguments; it must succeed. */
static void
run_cli (const char *database,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("RC_CLI"));
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) database);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));

  process = spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                   (const char * const *) argv->pdata);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

static GSubprocess *
start_import (const char *database,
              const char *profile)
{
  const char * const argv[] = {
    g_getenv ("RC_CLI"), "--database", database, "import", profile, NULL
  };

  g_assert_nonnull (argv[0]);
  return spawn (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, argv);
}

/* An empty database of the current schema, with no WAL: anything in
 * one after the import is the import's. */
static void
make_empty (const char *database)
{
  g_autoptr(RcStore) store = NULL;

  remove_database (database);
  store = rc_test_open_store (database);
  g_clear_object (&store);
  g_assert_cmpint (wal_written_at (database), ==, 0);
}

/* The whole import, not killed: how long it takes, and what it stores. */
static gint64
time_import (const char *tmpdir,
             const char *profile,
             Counts     *all)
{
  g_autofree char *database = g_build_filename (tmpdir, "calibration.db", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started, duration;

  make_empty (database);
  started = g_get_monotonic_time ();
  process = start_import (database, profile);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  duration = g_get_monotonic_time () - started;
  store = rc_test_open_store (database);
  *all = count_records (store);
  g_assert_cmpint (all->clients, ==, import_clients ());
  return duration;
}

typedef struct
{
  guint kills;
  guint none;          /* killed before its commit */
  guint none_written;  /* of those, killed after it began writing into the WAL */
  guint all_killed;    /* killed after its commit, before it ended */
  guint finished;      /* ended before the kill */
  guint partial;
  guint unsound;
} ImportRun;

/* What one import, killed or not, left in @database. Returns: whether it
 * stored everything, so that the next begins afresh. */
static gboolean
check_import (ImportRun  *run,
              const char *database,
              const char *copy,
              gboolean    killed,
              gboolean    wrote,
              Counts      all)
{
  g_autoptr(RcStore) store = NULL;
  Counts found;

  if (!check_soundness (database, copy, run->kills, &store))
    {
      run->unsound++;
      return TRUE;
    }
  found = count_records (store);
  if (found.clients == 0 && found.assessments == 0)
    {
      g_assert_true (killed);
      run->none++;
      run->none_written += wrote;
      return FALSE;
    }
  if (found.clients == all.clients && found.assessments == all.assessments)
    {
      run->all_killed += killed;
      run->finished += !killed;
      return TRUE;
    }
  g_test_message ("import %u: %" G_GINT64_FORMAT " clients and %" G_GINT64_FORMAT
                  " assessments stored, of %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                  run->kills, found.clients, found.assessments, all.clients, all.assessments);
  run->partial++;
  return TRUE;
}

/* Each import is killed a random while after its start, up to a little
 * longer than a whole one takes, so that some land while it parses the
 * file, most while it writes, a few after. After one that stored
 * nothing, the next runs into the WAL it left, as a second try would. */
static void
test_import_killed (void)
{
  g_autofree char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *source = g_build_filename (tmpdir, "source.db", NULL);
  g_autofree char *profile = g_build_filename (tmpdir, "profile.xml", NULL);
  g_autofree char *database = g_build_filename (tmpdir, "import.db", NULL);
  g_autofree char *copy = g_build_filename (tmpdir, "copy.db", NULL);
  g_autofree char *n_clients = g_strdup_printf ("%" G_GINT64_FORMAT, import_clients ());
  guint n_kills = is_sanitized () ? SANITIZED_IMPORT_KILLS : IMPORT_KILLS;
  ImportRun run = { 0 };
  gboolean afresh = TRUE;
  gint64 duration, started;
  Counts all;

  run_cli (source, "demo-data", "--clients", n_clients, "--seed", "13", NULL);
  run_cli (source, "export", "--output", profile, NULL);
  duration = time_import (tmpdir, profile, &all);

  started = g_get_monotonic_time ();
  for (; run.kills < n_kills && run.unsound == 0; run.kills++)
    {
      g_autoptr(GSubprocess) process = NULL;
      gint64 written_at;
      gboolean killed;

      if (afresh)
        make_empty (database);
      written_at = wal_written_at (database);
      process = start_import (database, profile);
      g_usleep (g_rand_int_range (moments, 0, (gint32) (duration * 6 / 5) + 1));
      killed = kill_and_wait (process);
      afresh = check_import (&run, database, copy, killed,
                             wal_written_at (database) != written_at, all);
    }

  g_test_message ("import of %" G_GINT64_FORMAT " clients and %" G_GINT64_FORMAT
                  " assessments (%.0f ms whole): %u kills, %u stored nothing (%u of them after "
                  "it began writing into the WAL), %u stored all "
                  "and were killed before they ended, %u ended first, %u partial, "
                  "%u integrity failures; %.1f s",
                  all.clients, all.assessments, duration / 1e3, run.kills, run.none,
                  run.none_written, run.all_killed, run.finished, run.partial, run.unsound,
                  (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpuint (run.unsound, ==, 0);
  g_assert_cmpuint (run.partial, ==, 0);
  /* Else every kill came too late to matter. */
  g_assert_cmpuint (run.none, >, 0);
  rc_test_tmpdir_free (g_steal_pointer (&tmpdir));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  const char *seed_text = g_getenv ("RC_CRASH_SEED");
  guint32 seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10)
                                   : g_random_int ();
  int status;

  g_test_init (&argc, &argv, NULL);
  data_home = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (data_home);
  catalog = rc_instrument_catalog_new_default ();
  moments = g_rand_new_with_seed (seed);
  g_test_message ("seed %u (RC_CRASH_SEED=%u draws the same kill moments)", seed, seed);

  g_test_add_func ("/crash/autosave-killed", test_autosave_killed);
  g_test_add_func ("/crash/import-killed", test_import_killed);
  status = g_test_run ();

  g_rand_free (moments);
  g_clear_object (&catalog);
  rc_test_tmpdir_free (g_steal_pointer (&data_home));
  return status;
}
