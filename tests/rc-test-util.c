/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rc-test-util.h"

/**
 * rc_test_tmpdir_new:
 *
 * Returns: (transfer full): the path of a new, empty, private folder
 */
char *
rc_test_tmpdir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("rc-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

/* A symbolic link is deleted, never followed: one to a system folder
 * must not empty it. */
static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFile *child;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) ==
      G_FILE_TYPE_DIRECTORY)
    enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL &&
         g_file_enumerator_iterate (enumerator, NULL, &child, NULL, NULL) && child != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

/* Removes the folder and everything in it; even folders a test made
 * read-only are removed, since the tests run as their owner. */
void
rc_test_tmpdir_free (char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  remove_tree (file);
  g_free (path);
}

/**
 * rc_test_file_checksum:
 *
 * Returns: (transfer full): the SHA-256 of the file's bytes
 */
char *
rc_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Points $XDG_DATA_HOME into @tmpdir, so that no test reads or writes the
 * user's own instruments or database. Call before anything else. */
void
rc_test_isolate_data_home (const char *tmpdir)
{
  g_autofree char *data_home = g_build_filename (tmpdir, "data-home", NULL);

  g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
}

/* Fails unless the permission bits of @path (set-id and sticky bits
 * included) are exactly @expected. */
void
rc_test_assert_mode (const char *path,
                     guint       expected)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_test_message ("%s: %o", path, (guint) (buf.st_mode & 07777));
  g_assert_cmpuint (buf.st_mode & 07777, ==, expected);
}

/**
 * rc_test_open_store:
 *
 * Returns: (transfer full): the store at @path, with the default catalog
 */
RcStore *
rc_test_open_store (const char *path)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new_default ();
  g_autoptr(GError) error = NULL;
  RcStore *store = rc_store_open (path, catalog, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/**
 * rc_test_open_store_in:
 *
 * Returns: (transfer full): the store in the file @name of the folder @tmpdir
 */
RcStore *
rc_test_open_store_in (const char *tmpdir,
                       const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return rc_test_open_store (path);
}

RcAssessment *
rc_test_load_assessment (RcStore    *store,
                         const char *uuid)
{
  g_autoptr(GError) error = NULL;
  RcAssessment *assessment = rc_store_load_assessment (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (assessment);
  return assessment;
}

/**
 * rc_test_make_client:
 *
 * Returns: (transfer full): a new, unsaved client with a clinic code and names
 */
RcClient *
rc_test_make_client (const char *code,
                     const char *given,
                     const char *family)
{
  RcClient *client = rc_client_new ();

  rc_client_set_clinic_code (client, code);
  rc_client_set_given_name (client, given);
  rc_client_set_family_name (client, family);
  return client;
}

/* Fails unless @a and @b have the same fields and times. The number of
 * assessments is not compared: a client built in the test has none until
 * it is loaded again. */
void
rc_test_assert_clients_equal (RcClient *a,
                              RcClient *b)
{
  g_assert_cmpstr (rc_client_get_uuid (a), ==, rc_client_get_uuid (b));
  g_assert_cmpstr (rc_client_get_clinic_code (a), ==, rc_client_get_clinic_code (b));
  g_assert_cmpstr (rc_client_get_given_name (a), ==, rc_client_get_given_name (b));
  g_assert_cmpstr (rc_client_get_family_name (a), ==, rc_client_get_family_name (b));
  g_assert_cmpstr (rc_client_get_birth_date (a), ==, rc_client_get_birth_date (b));
  g_assert_cmpstr (rc_client_get_created_at (a), ==, rc_client_get_created_at (b));
  g_assert_cmpstr (rc_client_get_updated_at (a), ==, rc_client_get_updated_at (b));
}

/* Fails unless @a and @b have the same fields, times and ratings, the
 * ratings in the same order. */
void
rc_test_assert_assessments_equal (RcAssessment *a,
                                  RcAssessment *b)
{
  g_assert_cmpstr (rc_assessment_get_uuid (a), ==, rc_assessment_get_uuid (b));
  g_assert_cmpstr (rc_assessment_get_client_uuid (a), ==, rc_assessment_get_client_uuid (b));
  g_assert_cmpstr (rc_assessment_get_instrument_id (a), ==, rc_assessment_get_instrument_id (b));
  g_assert_cmpuint (rc_assessment_get_instrument_version (a), ==,
                    rc_assessment_get_instrument_version (b));
  g_assert_cmpint (rc_assessment_get_timepoint (a), ==, rc_assessment_get_timepoint (b));
  g_assert_cmpstr (rc_assessment_get_date (a), ==, rc_assessment_get_date (b));
  g_assert_cmpstr (rc_assessment_get_assessor (a), ==, rc_assessment_get_assessor (b));
  g_assert_cmpint (rc_assessment_get_rater (a), ==, rc_assessment_get_rater (b));
  g_assert_cmpint (rc_assessment_get_status (a), ==, rc_assessment_get_status (b));
  g_assert_cmpuint (rc_assessment_get_version (a), ==, rc_assessment_get_version (b));
  g_assert_cmpstr (rc_assessment_get_supersedes (a), ==, rc_assessment_get_supersedes (b));
  g_assert_cmpstr (rc_assessment_get_amendment_reason (a), ==,
                   rc_assessment_get_amendment_reason (b));
  g_assert_cmpstr (rc_assessment_get_created_at (a), ==, rc_assessment_get_created_at (b));
  g_assert_cmpstr (rc_assessment_get_updated_at (a), ==, rc_assessment_get_updated_at (b));

  g_assert_cmpuint (rc_assessment_get_n_ratings (a), ==, rc_assessment_get_n_ratings (b));
  for (guint i = 0; i < rc_assessment_get_n_ratings (a); i++)
    {
      const char *key = rc_assessment_get_rating_key (a, i);

      g_assert_cmpstr (key, ==, rc_assessment_get_rating_key (b, i));
      g_assert_cmpint (rc_assessment_get_score (a, key), ==, rc_assessment_get_score (b, key));
      g_assert_cmpstr (rc_assessment_get_note (a, key), ==, rc_assessment_get_note (b, key));
      g_assert_cmpstr (rc_assessment_get_goal (a, key), ==, rc_assessment_get_goal (b, key));
    }
}

/* Runs @sql on the database file @path (made if missing) through SQLite
 * itself, outside the store; any error ends the test. */
void
rc_test_sqlite_exec (const char *path,
                     const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Writes a row into @path's meta table in a child process that then ends
 * without closing the database, as a crash would: the -wal, and the
 * -shm, stay beside the file and hold the change. */
void
rc_test_leave_wal (const char *path)
{
  int wait_status = 0;
  pid_t child = fork ();

  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                            "INSERT INTO meta (key, value) VALUES ('left-in-wal', 'yes')",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (child, &wait_status, 0), ==, child);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
}

/**
 * rc_test_sqlite_query_int:
 *
 * Returns: the first column of the first row @sql gives, read from the
 *   database file @path through SQLite itself
 */
gint64
rc_test_sqlite_query_int (const char *path,
                          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return value;
}

char *
rc_test_install_validated_instrument (const char *data_home)
{
  g_autofree char *source = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                              "instruments", "test-validated.xml", NULL);
  char *folder = g_build_filename (data_home, PACKAGE_NAME, "instruments", NULL);
  g_autofree char *target = g_build_filename (folder, "test-validated.xml", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
  return folder;
}

void
rc_test_set_scores (RcAssessment       *assessment,
                    const char * const *scores)
{
  for (guint i = 0; scores[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (scores[i], "=", 2);

      rc_assessment_set_score (assessment, pair[0], (int) g_ascii_strtoll (pair[1], NULL, 10));
    }
}

/**
 * rc_test_time_scale:
 *
 * Returns: how many times slower than usual the programs run, from 1:
 *   build-aux/test-sanitized sets RC_TEST_WAIT_SCALE, since everything is
 *   several times slower under the sanitizers
 */
guint
rc_test_time_scale (void)
{
  const char *value = g_getenv ("RC_TEST_WAIT_SCALE");

  return value != NULL ? (guint) CLAMP (g_ascii_strtoll (value, NULL, 10), 1, 20) : 1;
}

/* Makes @path, a database of the current schema, one of version 3: the
 * audit log without its hashes, and meta without its record of them, as
 * version 4 found them, and assessments without their text language. */
void
rc_test_downgrade_to_version_3 (const char *path)
{
  rc_test_sqlite_exec (path,
                       "ALTER TABLE assessment DROP COLUMN text_language;"
                       "ALTER TABLE audit_log DROP COLUMN hash;"
                       "DELETE FROM meta WHERE key IN ('audit_count', 'audit_last_hash');"
                       "PRAGMA user_version = 3");
}

/* An instrument in three versions: version 2 has "friends" where 1 and 3
 * have "family". */
void
rc_test_install_versioned_instrument (const char *folder,
                                      guint       version)
{
  g_autofree char *name = g_strdup_printf ("test-versioned-%u.xml", version);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *xml =
    g_strdup_printf ("<?xml version='1.0' encoding='UTF-8'?>\n"
                     "<instrument xmlns='urn:recovery-capital:instrument:1' id='test-versioned'"
                     " version='%u'><name>Test versioned scale</name>"
                     "<scale min='1' max='2' max-missing='0'/>"
                     "<factor key='housing'><title>Housing</title>"
                     "<level score='1' label='Low'>Low.</level>"
                     "<level score='2' label='High'>High.</level></factor>"
                     "<factor key='%s'><title>%s</title>"
                     "<level score='1' label='Low'>Low.</level>"
                     "<level score='2' label='High'>High.</level></factor>"
                     "</instrument>\n",
                     version, version == 2 ? "friends" : "family",
                     version == 2 ? "Friends" : "Family");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
}

/* A complete assessment of @version of the versioned instrument, every
 * factor at @score, rated with its texts in @language. */
static void
save_versioned (RcStore    *store,
                        RcClient   *client,
                        guint       version,
                        const char *date,
                        int         score,
                        const char *language)
{
  RcInstrument *instrument =
    rc_instrument_catalog_lookup (rc_store_get_catalog (store), "test-versioned", version);
  g_autoptr(RcAssessment) assessment = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (instrument);
  assessment = rc_assessment_new (rc_client_get_uuid (client), instrument);
  rc_assessment_set_date (assessment, date);
  rc_assessment_set_rater (assessment, RC_RATER_WORKER);
  rc_assessment_set_assessor (assessment, "K. Worker");
  rc_assessment_set_text_language (assessment, language);
  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    rc_assessment_set_score (assessment,
                             rc_factor_get_key (rc_instrument_get_factor (instrument, i)), score);
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
}

/**
 * rc_test_make_demo_database:
 * @folder: where the database goes
 * @name: its file name
 *
 * Returns: (transfer full): the path of a new database of @n_clients
 *   demo clients, made from @seed, closed
 */
char *
rc_test_make_demo_database (const char *folder,
                            const char *name,
                            guint       n_clients,
                            guint32     seed)
{
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;

  rc_demo_generate (store, rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                    n_clients, seed, &error);
  g_assert_no_error (error);
  return path;
}

/**
 * rc_test_export_demo:
 * @folder: where the file and the database it comes from are made
 * @name: the file's name, which names the database too
 *
 * Returns: (transfer full): the path of a profile file of @n_clients
 *   demo clients, to import
 */
char *
rc_test_export_demo (const char *folder,
                     const char *name,
                     guint       n_clients,
                     guint32     seed)
{
  g_autofree char *database_name = g_strconcat (name, ".db", NULL);
  g_autofree char *database = rc_test_make_demo_database (folder, database_name, n_clients, seed);
  g_autoptr(RcStore) store = rc_test_open_store (database);
  char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_export_profiles (store, NULL, RC_EXPORT_NONE, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, separated by spaces. */
char *
rc_test_list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Pairs of assessments rated with different versions of the versioned
 * instrument, or in different languages, or neither; and what the notes
 * on comparing them say. */
const RcTestVersionCase rc_test_version_cases[RC_TEST_N_VERSION_CASES] = {
  { "RC-000001", { 1, 2 }, { "en", "en" }, "only the factors both have are compared" },
  { "RC-000002", { 1, 3 }, { "en", "en" }, "totals are not compared" },
  { "RC-000003", { 1, 1 }, { "en", "fr" }, "in different languages (en, then fr)" },
  { "RC-000004", { 1, 1 }, { "fr", "fr" }, NULL },
};

/**
 * rc_test_save_version_cases:
 *
 * Stores a client for each of rc_test_version_cases, with its two
 * assessments, into a store that has the versioned instrument
 * (rc_test_install_versioned_instrument()).
 *
 * Returns: (transfer full) (element-type RcClient): the clients, in the
 *   cases' order
 */
GPtrArray *
rc_test_save_version_cases (RcStore *store)
{
  GPtrArray *clients = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < RC_TEST_N_VERSION_CASES; i++)
    {
      const RcTestVersionCase *test = &rc_test_version_cases[i];
      RcClient *client = rc_test_make_client (test->code, "Quirinus", "Zzyzx");
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (clients, client);
      g_assert_true (rc_store_save_client (store, client, &error));
      g_assert_no_error (error);
      save_versioned (store, client, test->versions[0], "2025-01-10", 1, test->languages[0]);
      save_versioned (store, client, test->versions[1], "2025-06-10", 2, test->languages[1]);
    }
  return clients;
}

/* The POSIX locks (fcntl) this process holds, from /proc/locks, whose
 * lines read "1: POSIX  ADVISORY  READ PID DEVICE:INODE START END". */
guint
rc_test_count_own_posix_locks (void)
{
  g_autofree char *locks = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents ("/proc/locks", &locks, NULL, NULL));
  lines = g_strsplit (locks, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_regex_split_simple ("\\s+", lines[i], 0, 0);

      if (g_strv_length (fields) > 4 && g_str_equal (fields[1], "POSIX") &&
          g_ascii_strtoll (fields[4], NULL, 10) == getpid ())
        n++;
    }
  return n;
}
