/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* Runs the real recovery-capital-cli ($RC_CLI) as scripts do, each test in
 * its own folder with its own $XDG_DATA_HOME, and checks exit statuses,
 * output and the one-line error messages. */

typedef struct
{
  char     *tmpdir;
  char     *data_home;
  char     *db;
  gboolean  as_reader;  /* see env_make_read_only() */
  /* LC_ALL for the programs, from tests/make-locales.sh; NULL: C.UTF-8 */
  const char *locale;
} Env;

static Env *
env_new (void)
{
  Env *env = g_new0 (Env, 1);

  env->tmpdir = rc_test_tmpdir_new ();
  env->data_home = g_build_filename (env->tmpdir, "xdg-data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (env->data_home, 0700), ==, 0);
  env->db = g_build_filename (env->tmpdir, "rc.db", NULL);
  return env;
}

static void
env_free (Env *env)
{
  if (env == NULL)
    return;
  rc_test_tmpdir_free (env->tmpdir);
  g_free (env->data_home);
  g_free (env->db);
  g_free (env);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Env, env_free)

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_free (Result *result)
{
  if (result == NULL)
    return;
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static char *
bytes_to_string (GBytes *bytes)
{
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  return g_strndup (data != NULL ? data : "", length);
}

static char *
test_locales_folder (void)
{
  return g_build_filename (g_getenv ("RC_BUILD_ROOT"), "tests", "locales", NULL);
}

/* The user "nobody", whom the CLI runs as when the tests run as root. */
#define READER_ID "65534"

/* Runs the program named by the environment variable @program ($RC_CLI
 * or $RC_APP) with @args (NULL-terminated), with $XDG_DATA_HOME pointing
 * into the test's folder and no display, as on a server or in a script;
 * with @database, "--database PATH" comes first. */
static Result *
run_valist (Env        *env,
            const char *program,
            const char *database,
            const char *first,
            va_list     args)
{
  const char *path = g_getenv (program);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);

  g_assert_nonnull (path);
  if (env->as_reader && getuid () == 0)
    {
      g_ptr_array_add (argv, (gpointer) "setpriv");
      g_ptr_array_add (argv, (gpointer) "--reuid=" READER_ID);
      g_ptr_array_add (argv, (gpointer) "--regid=" READER_ID);
      g_ptr_array_add (argv, (gpointer) "--clear-groups");
    }
  g_ptr_array_add (argv, (gpointer) path);
  if (database != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--database");
      g_ptr_array_add (argv, (gpointer) database);
    }
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", env->data_home, TRUE);
  if (env->locale != NULL)
    {
      g_autofree char *locales = test_locales_folder ();
      g_autofree char *catalogues = g_build_filename (g_getenv ("RC_BUILD_ROOT"), "po", NULL);

      g_subprocess_launcher_setenv (launcher, "LC_ALL", env->locale, TRUE);
      g_subprocess_launcher_setenv (launcher, "LOCPATH", locales, TRUE);
      g_subprocess_launcher_setenv (launcher, "RC_LOCALEDIR", catalogues, TRUE);
    }
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  result->status = g_subprocess_get_exit_status (process);
  result->out = bytes_to_string (out);
  result->err = bytes_to_string (err);
  return result;
}

/* The CLI with --database pointing at the test's database. */
static Result *
run_db (Env        *env,
        const char *first,
        ...) G_GNUC_NULL_TERMINATED;

static Result *
run_db (Env        *env,
        const char *first,
        ...)
{
  va_list args;
  Result *result;

  va_start (args, first);
  result = run_valist (env, "RC_CLI", env->db, first, args);
  va_end (args);
  return result;
}

/* The CLI with exactly the arguments given. */
static Result *
run_raw (Env        *env,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static Result *
run_raw (Env        *env,
         const char *first,
         ...)
{
  va_list args;
  Result *result;

  va_start (args, first);
  result = run_valist (env, "RC_CLI", NULL, first, args);
  va_end (args);
  return result;
}

/* The app, recovery-capital, with exactly the arguments given. */
static Result *
run_app (Env        *env,
         const char *first,
         ...) G_GNUC_NULL_TERMINATED;

static Result *
run_app (Env        *env,
         const char *first,
         ...)
{
  va_list args;
  Result *result;

  va_start (args, first);
  result = run_valist (env, "RC_APP", NULL, first, args);
  va_end (args);
  return result;
}

static void
assert_one_line (const char *text)
{
  const char *newline = strchr (text, '\n');

  g_assert_cmpuint (strlen (text), >, 1);
  g_assert_nonnull (newline);
  /* The only newline ends the text. */
  g_assert_cmpstr (newline + 1, ==, "");
}

/* A failure: @status, nothing on stdout and exactly one line on stderr. */
static void
assert_failure (Result *result,
                int     status)
{
  if (result->status != status || *result->out != '\0')
    g_printerr ("expected status %d, got %d; stdout “%s”, stderr “%s”\n", status,
                result->status, result->out, result->err);
  g_assert_cmpint (result->status, ==, status);
  g_assert_cmpstr (result->out, ==, "");
  assert_one_line (result->err);
}

static void
assert_success (Result *result)
{
  if (result->status != 0)
    g_printerr ("expected success, got status %d; stderr “%s”\n", result->status, result->err);
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* The lines of @text, each without its newline; @text must end in one. */
static GStrv
split_lines (const char *text)
{
  g_autofree char *copy = g_strdup (text);

  if (*copy != '\0')
    {
      g_assert_true (g_str_has_suffix (copy, "\n"));
      copy[strlen (copy) - 1] = '\0';
      return g_strsplit (copy, "\n", -1);
    }
  return g_new0 (char *, 1);
}

static void
make_demo_database (Env        *env,
                    const char *path,
                    const char *n_clients,
                    const char *seed)
{
  g_autoptr(Result) result = run_raw (env, "--database", path, "demo-data", "--clients",
                                      n_clients, "--seed", seed, NULL);
  assert_success (result);
  g_assert_cmpstr (result->out, ==, "");
}

static char *
list_database (Env        *env,
               const char *path)
{
  g_autoptr(Result) result = run_raw (env, "--database", path, "list", NULL);

  assert_success (result);
  return g_steal_pointer (&result->out);
}

/* --help, --version */

static void
test_help (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = run_raw (env, "--help", NULL);
  const char * const commands[] = { "init", "demo-data", "list", "show" };

  assert_success (result);
  g_assert_true (g_str_has_prefix (result->out, "Usage:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *entry = g_strdup_printf ("\n  %s ", commands[i]);

      if (strstr (result->out, entry) == NULL)
        g_error ("--help does not list the command “%s”:\n%s", commands[i], result->out);
    }
  g_assert_nonnull (strstr (result->out, "--database"));
  g_assert_nonnull (strstr (result->out, "--version"));
  g_assert_nonnull (strstr (result->out, "Exit status"));
}

static void
test_version (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = run_raw (env, "--version", NULL);
  g_autofree char *expected = g_strdup_printf ("recovery-capital-cli %s\n", PACKAGE_VERSION);

  assert_success (result);
  g_assert_cmpstr (result->out, ==, expected);
}

/* The app answers --version and --help before GTK starts: with no display
 * at all, and without touching a database. */
static void
test_app_version_and_help (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) version = run_app (env, "--version", NULL);
  g_autoptr(Result) version_with_database =
    run_app (env, "--database", env->db, "--version", NULL);
  g_autoptr(Result) help = run_app (env, "--help", NULL);
  g_autofree char *expected = g_strdup_printf ("recovery-capital %s\n", PACKAGE_VERSION);
  g_autofree char *data_dir = g_build_filename (env->data_home, PACKAGE_NAME, NULL);

  assert_success (version);
  g_assert_cmpstr (version->out, ==, expected);
  assert_success (version_with_database);
  g_assert_cmpstr (version_with_database->out, ==, expected);

  assert_success (help);
  g_assert_true (g_str_has_prefix (help->out, "Usage:"));
  g_assert_nonnull (strstr (help->out, "--database=PATH"));
  g_assert_nonnull (strstr (help->out, "--version"));
  g_assert_nonnull (strstr (help->out, "--help"));

  g_assert_false (g_file_test (env->db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
}

/* Usage errors: status 1, one line, nothing done. */

static void
assert_usage_error (Env    *env,
                    Result *result)
{
  assert_failure (result, 1);
  g_assert_true (g_str_has_prefix (result->err, "recovery-capital-cli: "));
  /* A usage error is found before the database is touched. */
  g_assert_false (g_file_test (env->db, G_FILE_TEST_EXISTS));
}

static void
test_no_command (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) bare = run_raw (env, NULL, NULL);
  g_autoptr(Result) only_database = run_db (env, NULL, NULL);

  assert_usage_error (env, bare);
  assert_usage_error (env, only_database);
}

static void
test_unknown_command (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = run_db (env, "frobnicate", NULL);

  assert_usage_error (env, result);
  g_assert_nonnull (strstr (result->err, "frobnicate"));
}

static void
test_unknown_option (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) before = run_raw (env, "--frobnicate", "--database", env->db, "list", NULL);
  g_autoptr(Result) after = run_db (env, "-x", "list", NULL);

  assert_usage_error (env, before);
  g_assert_nonnull (strstr (before->err, "--frobnicate"));
  assert_usage_error (env, after);
}

static void
test_database_without_value (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) missing = run_raw (env, "--database", NULL);
  g_autoptr(Result) empty = run_raw (env, "--database", "", "list", NULL);
  g_autoptr(Result) empty_equals = run_raw (env, "--database=", "list", NULL);
  g_autofree char *default_db =
    g_build_filename (env->data_home, "recovery-capital", "recovery-capital.db", NULL);

  assert_usage_error (env, missing);
  assert_usage_error (env, empty);
  assert_usage_error (env, empty_equals);
  /* Not silently taken as the default database either. */
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
}

static void
test_demo_data_without_clients (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = run_db (env, "demo-data", NULL);
  g_autoptr(Result) seed_only = run_db (env, "demo-data", "--seed", "3", NULL);

  assert_usage_error (env, result);
  assert_usage_error (env, seed_only);
}

static void
test_demo_data_zero_clients (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) zero = run_db (env, "demo-data", "--clients", "0", NULL);
  g_autoptr(Result) negative = run_db (env, "demo-data", "--clients", "-5", NULL);
  g_autoptr(Result) too_many = run_db (env, "demo-data", "--clients", "1000001", NULL);

  assert_usage_error (env, zero);
  assert_usage_error (env, negative);
  assert_usage_error (env, too_many);
}

static void
test_demo_data_clients_not_a_number (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) word = run_db (env, "demo-data", "--clients", "abc", NULL);
  g_autoptr(Result) trailing = run_db (env, "demo-data", "--clients", "5x", NULL);
  g_autoptr(Result) no_value = run_db (env, "demo-data", "--clients", NULL);

  assert_usage_error (env, word);
  assert_usage_error (env, trailing);
  assert_usage_error (env, no_value);
}

static void
test_demo_data_negative_seed (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) negative = run_db (env, "demo-data", "--clients", "2", "--seed", "-1", NULL);
  g_autoptr(Result) too_big =
    run_db (env, "demo-data", "--clients", "2", "--seed", "4294967296", NULL);
  g_autoptr(Result) word = run_db (env, "demo-data", "--clients", "2", "--seed", "abc", NULL);

  assert_usage_error (env, negative);
  assert_usage_error (env, too_big);
  assert_usage_error (env, word);
}

static void
test_extra_arguments (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) list = run_db (env, "list", "extra", NULL);
  g_autoptr(Result) list_search = run_db (env, "list", "--search", "an", "extra", NULL);
  g_autoptr(Result) init = run_db (env, "init", "extra", NULL);
  g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "2", "extra", NULL);
  g_autoptr(Result) show = run_db (env, "show", "RC-000001", "RC-000002", NULL);
  g_autoptr(Result) option = run_db (env, "list", "--bogus", NULL);

  assert_usage_error (env, list);
  g_assert_nonnull (strstr (list->err, "extra"));
  assert_usage_error (env, list_search);
  assert_usage_error (env, init);
  g_assert_nonnull (strstr (init->err, "extra"));
  assert_usage_error (env, demo);
  assert_usage_error (env, show);
  assert_usage_error (env, option);
}

static void
test_show_without_client (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = run_db (env, "show", NULL);

  assert_usage_error (env, result);
}

/* init and a missing database */

static void
test_init_creates_database (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *top = g_build_filename (env->tmpdir, "new", NULL);
  g_autofree char *middle = g_build_filename (top, "nested", NULL);
  g_autofree char *db = g_build_filename (middle, "records.db", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: schema version %d\n", db,
                                               RC_STORE_SCHEMA_VERSION);
  g_autoptr(Result) first = run_raw (env, "--database", db, "init", NULL);
  g_autoptr(Result) again = NULL;
  g_autoptr(RcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  assert_success (first);
  g_assert_cmpstr (first->out, ==, expected);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  rc_test_assert_mode (top, 0700);
  rc_test_assert_mode (middle, 0700);
  rc_test_assert_mode (db, 0600);

  /* Running it again changes nothing and succeeds. */
  again = run_raw (env, "--database", db, "init", NULL);
  assert_success (again);
  g_assert_cmpstr (again->out, ==, expected);
  rc_test_assert_mode (db, 0600);

  store = rc_test_open_store (db);
  g_assert_cmpint (rc_store_get_schema_version (store), ==, RC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (rc_store_count_clients (store, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_init_default_path (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *folder = g_build_filename (env->data_home, "recovery-capital", NULL);
  g_autofree char *db = g_build_filename (folder, "recovery-capital.db", NULL);
  g_autoptr(Result) result = run_raw (env, "init", NULL);

  assert_success (result);
  g_assert_true (g_str_has_prefix (result->out, db));
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  rc_test_assert_mode (folder, 0700);
  rc_test_assert_mode (db, 0600);
}

static void
test_list_missing_database (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *db = g_build_filename (env->tmpdir, "sub", "list.db", NULL);
  g_autoptr(Result) result = run_raw (env, "--database", db, "list", NULL);
  g_autoptr(RcStore) store = NULL;

  assert_success (result);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  rc_test_assert_mode (db, 0600);
  store = rc_test_open_store (db);
  g_assert_cmpint (rc_store_get_schema_version (store), ==, RC_STORE_SCHEMA_VERSION);
}

/* demo-data and list */

static void
test_demo_data_list (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *listed = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(RcStore) store = NULL;
  g_autofree char *previous_family = NULL;
  g_autofree char *previous_given = NULL;
  g_autofree char *previous_code = NULL;

  make_demo_database (env, env->db, "50", "7");
  listed = list_database (env, env->db);
  g_assert_cmpuint (count_lines (listed), ==, 50);
  lines = split_lines (listed);
  g_assert_cmpuint (g_strv_length (lines), ==, 50);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      guint64 count;

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_true (g_uuid_string_is_valid (fields[0]));
      g_assert_true (g_regex_match_simple ("^RC-[0-9]{6}$", fields[1], 0, 0));
      g_assert_cmpstr (fields[2], !=, "");
      g_assert_true (g_utf8_validate (fields[2], -1, NULL));
      g_assert_true (g_ascii_string_to_unsigned (fields[3], 10, 1, 6, &count, NULL));
      g_assert_true (g_hash_table_add (uuids, g_strdup (fields[0])));
      g_assert_true (g_hash_table_add (codes, g_strdup (fields[1])));
    }
  /* Every code from RC-000001 to RC-000050, once. */
  g_assert_cmpuint (g_hash_table_size (codes), ==, 50);
  g_assert_cmpuint (g_hash_table_size (uuids), ==, 50);
  for (guint n = 1; n <= 50; n++)
    {
      g_autofree char *code = g_strdup_printf ("RC-%06u", n);

      g_assert_true (g_hash_table_contains (codes, code));
    }

  store = rc_test_open_store (env->db);
  /* Check the order against the stored names, folded as the design says:
   * by family name, then given name, then clinic code. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(RcClient) client = rc_store_find_client (store, fields[0], &error);
      g_autofree char *full_name = NULL;
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      g_autofree char *count = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (client);
      full_name = rc_client_dup_full_name (client);
      g_assert_cmpstr (fields[1], ==, rc_client_get_clinic_code (client));
      g_assert_cmpstr (fields[2], ==, full_name);
      count = g_strdup_printf ("%u", rc_client_get_n_assessments (client));
      g_assert_cmpstr (fields[3], ==, count);

      family = rc_text_fold (rc_client_get_family_name (client));
      given = rc_text_fold (rc_client_get_given_name (client));
      if (previous_family != NULL)
        {
          int by_family = strcmp (previous_family, family);
          int by_given = strcmp (previous_given, given);

          if (by_family > 0 || (by_family == 0 && by_given > 0) ||
              (by_family == 0 && by_given == 0 && strcmp (previous_code, fields[1]) > 0))
            g_error ("list is not ordered by family name, given name, code at line %u:\n%s",
                     i + 1, listed);
        }
      g_free (previous_family);
      g_free (previous_given);
      g_free (previous_code);
      previous_family = g_steal_pointer (&family);
      previous_given = g_steal_pointer (&given);
      previous_code = g_strdup (fields[1]);
    }
}

static void
test_demo_data_same_seed (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *db_a = g_build_filename (env->tmpdir, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (env->tmpdir, "b.db", NULL);
  g_autofree char *db_c = g_build_filename (env->tmpdir, "c.db", NULL);
  g_autofree char *list_a = NULL;
  g_autofree char *list_b = NULL;
  g_autofree char *list_c = NULL;

  make_demo_database (env, db_a, "50", "7");
  make_demo_database (env, db_b, "50", "7");
  make_demo_database (env, db_c, "50", "8");
  list_a = list_database (env, db_a);
  list_b = list_database (env, db_b);
  list_c = list_database (env, db_c);

  g_assert_cmpuint (count_lines (list_a), ==, 50);
  g_assert_cmpstr (list_a, ==, list_b);
  g_assert_cmpuint (count_lines (list_c), ==, 50);
  g_assert_cmpstr (list_a, !=, list_c);
}

/* Running demo-data again, with the default seed both times as people do,
 * adds as many clients again. */
static void
test_demo_data_twice (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) first = run_db (env, "demo-data", "--clients", "5", NULL);
  g_autoptr(Result) second = run_db (env, "demo-data", "--clients", "5", NULL);
  g_autofree char *listed = NULL;

  assert_success (first);
  assert_success (second);
  listed = list_database (env, env->db);
  g_assert_cmpuint (count_lines (listed), ==, 10);
  g_assert_nonnull (strstr (listed, "\tRC-000010\t"));
}

/* The lines of @listed whose client has a name word or code that starts
 * with @prefix, ignoring case and accents, computed here from the store. */
static char *
expected_search (RcStore    *store,
                 const char *listed,
                 const char *prefix)
{
  g_auto(GStrv) lines = split_lines (listed);
  g_autofree char *folded_prefix = rc_text_fold (prefix);
  GString *expected = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);
      g_autoptr(GError) error = NULL;
      g_autoptr(RcClient) client = rc_store_find_client (store, fields[0], &error);
      g_autofree char *indexed = NULL;
      g_autoptr(GPtrArray) terms = NULL;
      gboolean match = FALSE;

      g_assert_no_error (error);
      indexed = g_strjoin (" ", rc_client_get_given_name (client),
                           rc_client_get_family_name (client),
                           rc_client_get_clinic_code (client), NULL);
      terms = rc_text_search_terms (indexed);
      for (guint t = 0; t < terms->len && !match; t++)
        match = g_str_has_prefix (g_ptr_array_index (terms, t), folded_prefix);
      if (match)
        g_string_append_printf (expected, "%s\n", lines[i]);
    }
  return g_string_free (expected, FALSE);
}

static void
test_list_search (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *listed = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(RcStore) store = NULL;
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) by_upper = NULL;
  g_autoptr(Result) by_folded = NULL;
  g_autoptr(Result) nothing = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) fields = NULL;
  guint pick = 0;

  make_demo_database (env, env->db, "50", "7");
  listed = list_database (env, env->db);
  lines = split_lines (listed);
  g_assert_cmpuint (g_strv_length (lines), ==, 50);
  store = rc_test_open_store (env->db);

  /* Prefer a client whose family name has a non-ASCII letter, to cover
   * accent folding; any client will do otherwise. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) line_fields = g_strsplit (lines[i], "\t", 2);
      g_autoptr(RcClient) candidate = rc_store_find_client (store, line_fields[0], &error);
      const char *family;

      g_assert_no_error (error);
      family = rc_client_get_family_name (candidate);
      if (!g_str_is_ascii (family))
        {
          pick = i;
          break;
        }
    }
  fields = g_strsplit (lines[pick], "\t", -1);
  client = rc_store_find_client (store, fields[0], &error);
  g_assert_no_error (error);
  prefix = g_utf8_substring (rc_client_get_family_name (client), 0, 3);
  upper = g_utf8_strup (prefix, -1);
  folded = rc_text_fold (prefix);
  g_test_message ("searching for “%s” (from %s)", prefix, rc_client_get_clinic_code (client));

  result = run_db (env, "list", "--search", prefix, NULL);
  assert_success (result);
  found = split_lines (result->out);
  g_assert_cmpuint (g_strv_length (found), >=, 1);
  g_assert_cmpuint (g_strv_length (found), <=, 50);
  g_assert_true (g_strv_contains ((const char * const *) found, lines[pick]));
  for (guint i = 0; found[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) lines, found[i]));

  /* Exactly the clients with a word starting so, in list order. */
  expected = expected_search (store, listed, prefix);
  g_assert_cmpstr (result->out, ==, expected);

  /* Case and accents do not matter. */
  by_upper = run_db (env, "list", "--search", upper, NULL);
  assert_success (by_upper);
  g_assert_cmpstr (by_upper->out, ==, result->out);
  by_folded = run_db (env, "list", "--search", folded, NULL);
  assert_success (by_folded);
  g_assert_cmpstr (by_folded->out, ==, result->out);

  /* Nobody's name starts like this. */
  nothing = run_db (env, "list", "--search", "qqqxz", NULL);
  assert_success (nothing);
  g_assert_cmpstr (nothing->out, ==, "");
}

/* show */

static void
assert_shows (Result     *result,
              const char *code,
              const char *uuid)
{
  assert_success (result);
  g_assert_true (g_str_has_prefix (result->out, code));
  g_assert_nonnull (strstr (result->out, uuid));
  g_assert_true (strstr (result->out, "Total") != NULL ||
                 strstr (result->out, "No total") != NULL);
}

static void
test_show (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *listed = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(Result) by_code = NULL;
  g_autoptr(Result) by_uuid = NULL;
  g_autoptr(Result) by_upper_uuid = NULL;
  g_autofree char *upper_uuid = NULL;
  g_autofree char *count_line = NULL;
  guint64 count;

  make_demo_database (env, env->db, "10", "7");
  listed = list_database (env, env->db);
  lines = split_lines (listed);
  g_assert_cmpuint (g_strv_length (lines), ==, 10);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 4);

  by_code = run_db (env, "show", fields[1], NULL);
  assert_shows (by_code, fields[1], fields[0]);
  g_assert_nonnull (strstr (by_code->out, fields[2]));

  by_uuid = run_db (env, "show", fields[0], NULL);
  assert_shows (by_uuid, fields[1], fields[0]);
  g_assert_cmpstr (by_uuid->out, ==, by_code->out);

  upper_uuid = g_ascii_strup (fields[0], -1);
  by_upper_uuid = run_db (env, "show", upper_uuid, NULL);
  assert_shows (by_upper_uuid, fields[1], fields[0]);

  /* The number of assessments agrees with list (no amendments in demo data). */
  g_assert_true (g_ascii_string_to_unsigned (fields[3], 10, 1, 6, &count, NULL));
  count_line = g_strdup_printf ("\n  %u assessment%s\n", (guint) count, count == 1 ? "" : "s");
  g_assert_nonnull (strstr (by_code->out, count_line));
}

/* The first line of @text that starts with @start, or NULL. */
static char *
line_starting (const char *text,
               const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return g_strdup (lines[i]);
  return NULL;
}

/* What scripts read of @database: list, then show --tsv of its first
 * client, whose clinic code goes into @code. */
static char *
script_outputs (Env        *env,
                const char *database,
                char      **code)
{
  g_autofree char *listed = list_database (env, database);
  g_auto(GStrv) lines = split_lines (listed);
  g_auto(GStrv) fields = g_strsplit (lines[0], "\t", -1);
  g_autoptr(Result) tsv = run_raw (env, "--database", database, "show", "--tsv", fields[1], NULL);

  assert_success (tsv);
  *code = g_strdup (fields[1]);
  return g_strconcat (listed, tsv->out, NULL);
}

/* In French, the words for people group a count's digits and put a
 * comma in a decimal; what scripts read, list, show --tsv and the XML,
 * is the same as under C. */
static void
test_french_numbers (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Env) french = env_new ();
  g_autofree char *locales = test_locales_folder ();
  g_autofree char *locale = g_build_filename (locales, "fr_FR.UTF-8", NULL);
  g_autofree char *file = g_build_filename (env->tmpdir, "profiles.xml", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *code = NULL;
  g_autofree char *in_c = NULL;
  g_autofree char *in_french = NULL;
  g_autofree char *total = NULL;
  g_autoptr(Result) exported = NULL;
  g_autoptr(Result) imported = NULL;
  g_autoptr(Result) shown = NULL;

  if (!g_file_test (locale, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("fr_FR.UTF-8 was not compiled (tests/make-locales.sh)");
      return;
    }
  make_demo_database (env, env->db, "1200", "7");
  french->locale = "fr_FR.UTF-8";

  exported = run_raw (french, "--database", env->db, "export", "--output", file, NULL);
  assert_success (exported);
  g_assert_true (g_file_get_contents (file, &xml, NULL, NULL));
  g_assert_true (g_regex_match_simple ("value=\"[0-9]+\\.[0-9]\"", xml, 0, 0));
  g_assert_false (g_regex_match_simple ("=\"[0-9]+,[0-9]", xml, 0, 0));

  imported = run_db (french, "import", file, NULL);
  assert_success (imported);
  /* A narrow space between the groups, a no-break space before the noun. */
  g_assert_nonnull (strstr (imported->out, "1\u202f200\u00a0nouvelles personnes accompagnées"));

  in_c = script_outputs (env, env->db, &code);
  g_clear_pointer (&code, g_free);
  in_french = script_outputs (french, env->db, &code);
  g_assert_cmpstr (in_french, ==, in_c);

  shown = run_raw (french, "--database", env->db, "show", code, NULL);
  assert_success (shown);
  total = line_starting (shown->out, "  Total ");
  g_assert_nonnull (total);
  g_assert_true (g_regex_match_simple ("^  Total [0-9]+,[0-9] sur [0-9]+.*moyenne [0-9],[0-9]{2}",
                                       total, 0, 0));
}

#define UNKNOWN_CLIENT "CLIENT: no client has this UUID or clinic code\n"

/* Every command that takes a CLIENT says the same when none matches, and
 * never repeats the argument: it may be a person's name. */
static void
test_show_unknown_client (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *pdf = g_build_filename (env->tmpdir, "report.pdf", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) clients = NULL;

  make_demo_database (env, env->db, "30", "7");
  {
    g_autoptr(RcStore) store = rc_test_open_store (env->db);

    clients = rc_store_search_clients (store, NULL, NULL);
    name = rc_client_dup_full_name (g_ptr_array_index (clients, 0));
  }

  {
    const char * const arguments[] = { "RC-999999", uuid, name, "Zzyzx Testperson" };

    for (guint i = 0; i < G_N_ELEMENTS (arguments); i++)
      {
        g_autoptr(Result) show = run_db (env, "show", arguments[i], NULL);
        g_autoptr(Result) tsv = run_db (env, "show", arguments[i], "--tsv", NULL);
        g_autoptr(Result) compare = run_db (env, "compare", arguments[i], NULL);
        g_autoptr(Result) report = run_db (env, "report", arguments[i], "--output", pdf, NULL);
        g_autoptr(Result) export = run_db (env, "export", "--client", "RC-000001", "--client",
                                           arguments[i], "--output", "-", NULL);
        Result *results[] = { show, tsv, compare, report, export };

        for (guint r = 0; r < G_N_ELEMENTS (results); r++)
          {
            assert_failure (results[r], 2);
            g_assert_cmpstr (results[r]->err, ==, UNKNOWN_CLIENT);
          }
        g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
      }
  }
}

/* A failed demo-data run is refused as a whole and names no one. */
static void
test_conflict_names_no_one (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *probe_db = g_build_filename (env->tmpdir, "probe.db", NULL);
  g_autoptr(RcClient) mine = rc_client_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(Result) result = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) demo_clients = NULL;
  g_autoptr(GError) error = NULL;

  /* The client demo-data would make first with this seed. */
  make_demo_database (env, probe_db, "3", "11");
  {
    g_autoptr(RcStore) probe = rc_test_open_store (probe_db);

    demo_clients = rc_store_search_clients (probe, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (demo_clients->len, ==, 3);
  }

  /* One stored client holding the code the demo's first client gets. */
  {
    g_autoptr(RcStore) store = rc_test_open_store (env->db);

    rc_client_set_uuid (mine, uuid);
    rc_client_set_clinic_code (mine, "RC-000002");
    rc_client_set_given_name (mine, "Quirinus");
    rc_client_set_family_name (mine, "Zzyzx-Testperson");
    g_assert_true (rc_store_save_client (store, mine, &error));
    g_assert_no_error (error);
  }

  result = run_db (env, "demo-data", "--clients", "3", "--seed", "11", NULL);
  assert_failure (result, 2);
  g_test_message ("conflict: %s", result->err);
  g_assert_null (strstr (result->err, "Quirinus"));
  g_assert_null (strstr (result->err, "Zzyzx"));
  for (guint i = 0; i < demo_clients->len; i++)
    {
      RcClient *client = g_ptr_array_index (demo_clients, i);

      g_assert_null (strstr (result->err, rc_client_get_given_name (client)));
      g_assert_null (strstr (result->err, rc_client_get_family_name (client)));
    }

  /* All or nothing: only the client that was there is left. */
  after = list_database (env, env->db);
  g_assert_cmpuint (count_lines (after), ==, 1);
  g_assert_nonnull (strstr (after, "\tRC-000002\tQuirinus Zzyzx-Testperson\t0\n"));
}

/* compare */

/* With the made-up validated instrument in the user's instruments folder. */
static RcStore *
open_store_with_user_instruments (Env *env)
{
  g_autoptr(RcInstrumentCatalog) catalog = rc_instrument_catalog_new ();
  g_autofree char *folder = rc_test_install_validated_instrument (env->data_home);
  g_autoptr(GFile) directory = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  RcStore *store;

  rc_instrument_catalog_load_builtin (catalog);
  rc_instrument_catalog_load_directory (catalog, directory);
  store = rc_store_open (env->db, catalog, &error);
  g_assert_no_error (error);
  return store;
}

/* Saves a complete assessment with "key=score" pairs, the other factors
 * not assessed; returns its UUID. */
static char *
save_complete (RcStore            *store,
               RcClient           *client,
               const char         *instrument_id,
               const char         *date,
               RcRater             rater,
               const char * const *scores)
{
  RcInstrument *instrument =
    rc_instrument_catalog_lookup (rc_store_get_catalog (store), instrument_id, 1);
  g_autoptr(RcAssessment) assessment = rc_assessment_new (rc_client_get_uuid (client), instrument);
  g_autoptr(GError) error = NULL;

  rc_assessment_set_date (assessment, date);
  rc_assessment_set_rater (assessment, rater);
  rc_assessment_set_assessor (assessment, "K. Worker");
  rc_test_set_scores (assessment, scores);
  rc_assessment_mark_unrated_not_assessed (assessment);
  rc_assessment_set_status (assessment, RC_ASSESSMENT_COMPLETE);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
  return g_strdup (rc_assessment_get_uuid (assessment));
}

/* Runs of spaces made one, so that table rows compare whatever the widths. */
static char *
squeeze (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new (" +", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

/* Client RC-000001 with a completed assessment (coping not assessed), and
 * a later draft whose ratings were set out of the instrument's order:
 * family, housing, coping rated or not assessed, the rest not rated yet
 * or never set. Returns the two UUIDs. */
static void
make_draft_database (Env   *env,
                     char **complete,
                     char **draft)
{
  g_autoptr(RcStore) store = rc_test_open_store (env->db);
  g_autoptr(RcClient) client = rc_test_make_client ("RC-000001", "Ottilie", "Zzyzx");
  g_autoptr(RcAssessment) assessment = rc_assessment_new_empty ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_no_error (error);
  *complete = save_complete (store, client, RC_DEFAULT_INSTRUMENT_ID, "2024-01-10",
                             RC_RATER_WORKER,
                             (const char * const []) { "family=2", "physical-health=3",
                                                       "spirituality=1", "self-esteem=2",
                                                       "finances=5", "support-groups=4",
                                                       "housing=3", NULL });

  *draft = g_uuid_string_random ();
  rc_assessment_set_uuid (assessment, *draft);
  rc_assessment_set_client_uuid (assessment, rc_client_get_uuid (client));
  rc_assessment_set_instrument (assessment, RC_DEFAULT_INSTRUMENT_ID, 1);
  rc_assessment_set_date (assessment, "2024-03-01");
  rc_test_set_scores (assessment, (const char * const []) { "housing=4", "family=3", NULL });
  rc_assessment_set_score (assessment, "coping", RC_SCORE_NOT_ASSESSED);
  rc_assessment_set_score (assessment, "self-esteem", RC_SCORE_UNRATED);
  rc_assessment_set_score (assessment, "finances", RC_SCORE_UNRATED);
  g_assert_true (rc_store_save_assessment (store, assessment, &error));
  g_assert_no_error (error);
}

/* Appends the show --tsv lines of assessment @uuid: @date_status, then
 * kind score and each of @values ("key\tvalue"). */
static void
append_tsv (GString            *text,
            const char         *uuid,
            const char         *date_status,
            const char * const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    g_string_append_printf (text, "%s\t%s\tscore\t%s\n", uuid, date_status, values[i]);
}

static void
test_show_tsv (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *complete = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(Result) by_code = NULL;
  g_autoptr(Result) by_uuid = NULL;
  g_autoptr(Result) nothing = NULL;
  g_autoptr(Result) extra = NULL;
  g_autofree char *client_uuid = NULL;

  make_draft_database (env, &complete, &draft);
  /* Oldest first, as show lists them; the instrument's factor order. */
  append_tsv (expected, complete, "2024-01-10\tcomplete",
              (const char * const []) { "family\t2", "physical-health\t3", "coping\t",
                                        "spirituality\t1", "self-esteem\t2", "finances\t5",
                                        "support-groups\t4", "housing\t3", NULL });
  append_tsv (expected, draft, "2024-03-01\tdraft",
              (const char * const []) { "family\t3", "physical-health\t", "coping\t",
                                        "spirituality\t", "self-esteem\t", "finances\t",
                                        "support-groups\t", "housing\t4", NULL });
  by_code = run_db (env, "show", "RC-000001", "--tsv", NULL);
  assert_success (by_code);
  g_assert_cmpstr (by_code->out, ==, expected->str);
  g_assert_null (strstr (by_code->out, "Zzyzx"));

  {
    g_autoptr(RcStore) store = rc_test_open_store (env->db);
    g_autoptr(RcClient) client = rc_store_find_client (store, "RC-000001", NULL);

    client_uuid = g_strdup (rc_client_get_uuid (client));
  }
  by_uuid = run_db (env, "show", "--tsv", client_uuid, NULL);
  assert_success (by_uuid);
  g_assert_cmpstr (by_uuid->out, ==, expected->str);

  /* A client with no assessment has no lines. */
  {
    g_autoptr(RcStore) store = rc_test_open_store (env->db);
    g_autoptr(RcClient) other = rc_test_make_client ("RC-000002", "Other", "Person");

    g_assert_true (rc_store_save_client (store, other, NULL));
  }
  nothing = run_db (env, "show", "RC-000002", "--tsv", NULL);
  assert_success (nothing);
  g_assert_cmpstr (nothing->out, ==, "");

  extra = run_db (env, "show", "RC-000001", "RC-000002", "--tsv", NULL);
  assert_failure (extra, 1);
}

/* The person-readable show tells "not rated yet" from "not assessed". */
static void
test_show_unrated (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *complete = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(Result) result = NULL;
  g_autofree char *squeezed = NULL;
  const char *draft_part;

  make_draft_database (env, &complete, &draft);
  result = run_db (env, "show", "RC-000001", NULL);
  assert_success (result);
  squeezed = squeeze (result->out);
  draft_part = strstr (squeezed, draft);
  g_assert_nonnull (draft_part);
  /* The completed assessment has no factor not rated yet. */
  g_assert_null (g_strstr_len (squeezed, draft_part - squeezed, "Not rated yet"));
  g_assert_nonnull (g_strstr_len (squeezed, draft_part - squeezed,
                                 " Coping skills - Not assessed\n"));
  g_assert_nonnull (strstr (draft_part, " Coping skills - Not assessed\n"));
  g_assert_nonnull (strstr (draft_part, " Self-esteem - Not rated yet\n"));
  g_assert_nonnull (strstr (draft_part, " Finances - Not rated yet\n"));
}

typedef struct
{
  char *intake;
  char *intake_client;
  char *discharge;
} Validated;

/* RC-000001 with a worker- and a client-rated intake and a discharge on
 * the validated instrument; RC-000002 with one default assessment. */
static void
make_compare_database (Env       *env,
                       Validated *uuids)
{
  const char * const intake[] = { "housing=1", "work=3", "friends=2", NULL };
  const char * const own_view[] = { "housing=3", "work=3", "friends=0", NULL };
  const char * const discharge[] = { "housing=3", "work=1", "friends=4", NULL };
  const char * const one[] = { "family=3", NULL };
  g_autoptr(RcStore) store = NULL;
  g_autoptr(RcClient) client = rc_test_make_client ("RC-000001", "Quirinus", "Zzyzx");
  g_autoptr(RcClient) other = rc_test_make_client ("RC-000002", "Ottilie", "Yarrow");
  g_autoptr(GError) error = NULL;
  g_autofree char *single = NULL;

  store = open_store_with_user_instruments (env);
  g_assert_true (rc_store_save_client (store, client, &error));
  g_assert_true (rc_store_save_client (store, other, &error));
  g_assert_no_error (error);
  uuids->intake = save_complete (store, client, "test-validated", "2025-01-10", RC_RATER_WORKER,
                                 intake);
  uuids->intake_client = save_complete (store, client, "test-validated", "2025-01-10",
                                        RC_RATER_CLIENT, own_view);
  uuids->discharge = save_complete (store, client, "test-validated", "2025-06-10",
                                    RC_RATER_WORKER, discharge);
  single = save_complete (store, other, RC_DEFAULT_INSTRUMENT_ID, "2025-02-01", RC_RATER_WORKER,
                          one);
}

static void
validated_clear (Validated *uuids)
{
  g_free (uuids->intake);
  g_free (uuids->intake_client);
  g_free (uuids->discharge);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Validated, validated_clear)

static void
test_compare_reliable_change (void)
{
  g_autoptr(Env) env = env_new ();
  g_auto(Validated) uuids = { 0 };
  g_autoptr(Result) result = NULL;
  g_autofree char *out = NULL;

  make_compare_database (env, &uuids);
  result = run_db (env, "compare", "RC-000001", NULL);
  assert_success (result);
  g_test_message ("%s", result->out);
  out = squeeze (result->out);

  /* The default pair: the worker's intake and discharge. */
  g_assert_true (g_str_has_prefix (out, "RC-000001\n"));
  g_assert_nonnull (strstr (out, uuids.intake));
  g_assert_nonnull (strstr (out, uuids.discharge));
  g_assert_null (strstr (out, uuids.intake_client));
  g_assert_nonnull (strstr (out, "\nFactor Before After Change RCI Reliable\n"));
  /* 1 → 3 with r = 0.8, sd = 1: RCI 3.16; 3 → 1 with r = 0.75, sd = 1.2:
   * RCI −2.36; friends carries no figures; total 6 → 8, RCI 2.24. */
  g_assert_nonnull (strstr (out, "\nHousing 1 3 +2 3.16 yes\n"));
  g_assert_nonnull (strstr (out, "\nWork and study 3 1 -2 -2.36 yes\n"));
  g_assert_nonnull (strstr (out, "\nFriends 2 4 +2 - -\n"));
  g_assert_nonnull (strstr (out, "\nTotal 6.0 8.0 +2.0 2.24 yes\n"));
  g_assert_nonnull (strstr (out, "Jacobson-Truax"));
  g_assert_null (strstr (out, "Quirinus"));
  /* One version, and no languages recorded: neither note. */
  g_assert_null (strstr (out, "different versions"));
  g_assert_null (strstr (out, "different languages"));
}

static void
test_compare_chosen_pair (void)
{
  g_autoptr(Env) env = env_new ();
  g_auto(Validated) uuids = { 0 };
  g_autoptr(Result) views = NULL;
  g_autoptr(Result) backwards = NULL;
  g_autoptr(Result) forwards = NULL;
  g_autoptr(Result) same = NULL;
  g_autofree char *out = NULL;

  make_compare_database (env, &uuids);

  /* The client's own view against the worker's: differences, no verdicts. */
  views = run_db (env, "compare", "RC-000001", "--from", uuids.intake, "--to",
                  uuids.intake_client, NULL);
  assert_success (views);
  out = squeeze (views->out);
  g_assert_nonnull (strstr (out, "\nFactor Before After Change\n"));
  g_assert_nonnull (strstr (out, "\nHousing 1 3 +2\n"));
  g_assert_nonnull (strstr (out, "\nWork and study 3 3 0\n"));
  g_assert_nonnull (strstr (out, "\nFriends 2 0 -2\n"));
  g_assert_nonnull (strstr (out, "rated by different people"));
  g_assert_null (strstr (out, "yes"));

  /* Given the wrong way round, the table still reads forwards in time. */
  backwards = run_db (env, "compare", "RC-000001", "--from", uuids.discharge, "--to",
                      uuids.intake, NULL);
  forwards = run_db (env, "compare", "RC-000001", NULL);
  assert_success (backwards);
  g_assert_cmpstr (backwards->out, ==, forwards->out);

  same = run_db (env, "compare", "RC-000001", "--from", uuids.intake, "--to", uuids.intake,
                 NULL);
  assert_failure (same, 2);
  g_assert_nonnull (strstr (same->err, "two different assessments"));
}

static void
test_compare_unreliable_scale (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GError) error = NULL;
  RcClient *client = NULL;

  make_demo_database (env, env->db, "20", "3");
  {
    g_autoptr(RcStore) store = rc_test_open_store (env->db);

    clients = rc_store_search_clients (store, NULL, &error);
    g_assert_no_error (error);
    /* A demo client with at least two complete assessments. */
    for (guint i = 0; i < clients->len && client == NULL; i++)
      {
        RcClient *candidate = g_ptr_array_index (clients, i);
        g_autoptr(GPtrArray) all =
          rc_store_list_assessments (store, rc_client_get_uuid (candidate), &error);
        g_autoptr(GPtrArray) current = rc_assessments_current_complete (all);

        if (current->len >= 2)
          client = candidate;
      }
  }
  g_assert_nonnull (client);

  result = run_db (env, "compare", rc_client_get_clinic_code (client), NULL);
  assert_success (result);
  g_assert_null (strstr (result->out, "Reliable"));
  g_assert_null (strstr (result->out, "yes"));
  g_assert_nonnull (strstr (result->out, "Reliability is not established"));
  g_assert_nonnull (strstr (result->out, "Family involvement"));
  g_assert_null (strstr (result->out, rc_client_get_family_name (client)));
}

/* compare says when the two were rated with different versions of the
 * instrument, or with its texts in different languages, and says
 * neither when they were not. */
static void
test_compare_versions_and_languages (void)
{
  const RcTestVersionCase *cases = rc_test_version_cases;
  g_autoptr(Env) env = env_new ();
  g_autofree char *folder = rc_test_install_validated_instrument (env->data_home);

  for (guint version = 1; version <= 3; version++)
    rc_test_install_versioned_instrument (folder, version);
  {
    g_autoptr(RcStore) store = open_store_with_user_instruments (env);

    g_ptr_array_unref (rc_test_save_version_cases (store));
  }

  for (guint i = 0; i < RC_TEST_N_VERSION_CASES; i++)
    {
      g_autoptr(Result) result = run_db (env, "compare", cases[i].code, NULL);
      gboolean versions_differ = cases[i].versions[0] != cases[i].versions[1];
      gboolean languages_differ = g_strcmp0 (cases[i].languages[0], cases[i].languages[1]) != 0;

      g_test_message ("%s:\n%s", cases[i].code, result->out);
      assert_success (result);
      g_assert_true ((strstr (result->out, "different versions of the instrument") != NULL) ==
                     versions_differ);
      g_assert_true ((strstr (result->out, "different languages") != NULL) == languages_differ);
      if (cases[i].note != NULL)
        g_assert_nonnull (strstr (result->out, cases[i].note));
    }

  /* The factors left out are named by their titles, each from the
   * version that has it. */
  {
    g_autoptr(Result) result = run_db (env, "compare", "RC-000001", NULL);

    g_assert_nonnull (strstr (result->out, "left out: "));
    g_assert_nonnull (strstr (result->out, "Friends"));
    g_assert_nonnull (strstr (result->out, "Family"));
    g_assert_null (strstr (result->out, "family"));
  }
}

static void
test_compare_bad_input (void)
{
  g_autoptr(Env) env = env_new ();
  g_auto(Validated) uuids = { 0 };
  g_autofree char *stranger = g_uuid_string_random ();
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) one = NULL;
  g_autoptr(Result) not_theirs = NULL;
  g_autoptr(Result) half = NULL;
  g_autoptr(Result) no_client = NULL;

  make_compare_database (env, &uuids);

  unknown = run_db (env, "compare", "RC-999999", NULL);
  assert_failure (unknown, 2);
  g_assert_cmpstr (unknown->err, ==, UNKNOWN_CLIENT);

  one = run_db (env, "compare", "RC-000002", NULL);
  assert_failure (one, 2);
  g_assert_cmpstr (one->err, ==,
                   "client RC-000002: fewer than two complete assessments to compare\n");

  not_theirs = run_db (env, "compare", "RC-000002", "--from", uuids.intake, "--to", stranger,
                       NULL);
  assert_failure (not_theirs, 2);
  g_assert_nonnull (strstr (not_theirs->err, uuids.intake));
  g_assert_null (strstr (not_theirs->err, "Ottilie"));

  half = run_db (env, "compare", "RC-000001", "--from", uuids.intake, NULL);
  assert_failure (half, 1);
  no_client = run_db (env, "compare", NULL);
  assert_failure (no_client, 1);
}

/* report */

/* The text of a PDF by poppler's pdftotext, or NULL (the test skipped)
 * where poppler-utils is missing. */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int wait_status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return g_steal_pointer (&out);
}

static void
test_report (void)
{
  g_autoptr(Env) env = env_new ();
  g_auto(Validated) uuids = { 0 };
  g_autofree char *pdf = g_build_filename (env->tmpdir, "report.pdf", NULL);
  g_autofree char *coded = g_build_filename (env->tmpdir, "coded.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *coded_text = NULL;
  g_autoptr(Result) result = NULL;
  g_autoptr(Result) codes_only = NULL;
  g_autoptr(Result) views = NULL;
  g_autofree char *views_pdf = g_build_filename (env->tmpdir, "views.pdf", NULL);
  g_autofree char *views_text = NULL;
  gsize length;

  make_compare_database (env, &uuids);
  result = run_db (env, "report", "RC-000001", "--output", pdf, NULL);
  assert_success (result);
  g_assert_cmpstr (result->out, ==, "");
  rc_test_assert_mode (pdf, 0600);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  text = pdf_text (pdf);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "RC-000001"));
  g_assert_nonnull (strstr (text, "Zzyzx"));
  g_assert_nonnull (strstr (text, "Housing"));
  g_assert_nonnull (strstr (text, "not a diagnosis"));

  codes_only = run_db (env, "report", "RC-000001", "--codes-only", "--output", coded, NULL);
  assert_success (codes_only);
  coded_text = pdf_text (coded);
  g_assert_nonnull (strstr (coded_text, "RC-000001"));
  g_assert_null (strstr (coded_text, "Zzyzx"));
  g_assert_null (strstr (coded_text, "Quirinus"));

  /* The client's own view against the worker's says so, without verdicts. */
  views = run_db (env, "report", "RC-000001", "--from", uuids.intake, "--to",
                  uuids.intake_client, "--output", views_pdf, NULL);
  assert_success (views);
  views_text = pdf_text (views_pdf);
  g_assert_nonnull (strstr (views_text, "client’s own rating"));
  g_assert_nonnull (strstr (views_text, "rated by different people"));
}

static void
test_report_bad_input (void)
{
  g_autoptr(Env) env = env_new ();
  g_auto(Validated) uuids = { 0 };
  g_autofree char *pdf = g_build_filename (env->tmpdir, "report.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (env->tmpdir, "missing", "report.pdf", NULL);
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) one = NULL;
  g_autoptr(Result) no_output = NULL;
  g_autoptr(Result) no_folder = NULL;

  make_compare_database (env, &uuids);

  unknown = run_db (env, "report", "RC-999999", "--output", pdf, NULL);
  assert_failure (unknown, 2);
  g_assert_cmpstr (unknown->err, ==, UNKNOWN_CLIENT);
  one = run_db (env, "report", "RC-000002", "--output", pdf, NULL);
  assert_failure (one, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  no_output = run_db (env, "report", "RC-000001", NULL);
  assert_failure (no_output, 1);

  /* The error names the file, never the client. */
  no_folder = run_db (env, "report", "RC-000001", "--output", unwritable, NULL);
  assert_failure (no_folder, 3);
  assert_one_line (no_folder->err);
  g_assert_true (g_str_has_prefix (no_folder->err, unwritable));
  g_assert_null (strstr (no_folder->err, "Zzyzx"));
  g_assert_false (g_file_test (unwritable, G_FILE_TEST_EXISTS));
}

/* Database errors */

static void
test_folder_cannot_be_created (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *blocker = g_build_filename (env->tmpdir, "plain-file", NULL);
  g_autofree char *db = g_build_filename (blocker, "sub", "rc.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) init = NULL;
  g_autoptr(Result) list = NULL;

  g_file_set_contents (blocker, "not a folder\n", -1, &error);
  g_assert_no_error (error);

  init = run_raw (env, "--database", db, "init", NULL);
  assert_failure (init, 3);
  g_assert_true (g_str_has_prefix (init->err, db));
  list = run_raw (env, "--database", db, "list", NULL);
  assert_failure (list, 3);
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
}

static void
test_not_a_database (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  guint8 noise[8192];
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char * const commands[] = { "init", "list", "show" };

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (env->db, (const char *) noise, sizeof noise, &error);
  g_assert_no_error (error);
  before = rc_test_file_checksum (env->db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result =
        g_str_equal (commands[i], "show") ? run_db (env, "show", "RC-000001", NULL)
                                          : run_db (env, commands[i], NULL);

      assert_failure (result, 3);
      g_assert_true (g_str_has_prefix (result->err, env->db));
    }
  {
    g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "2", NULL);

    assert_failure (demo, 3);
  }

  after = rc_test_file_checksum (env->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_newer_database (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) init = run_db (env, "init", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  assert_success (init);

  rc_test_sqlite_exec (env->db, "PRAGMA user_version = 99");
  before = rc_test_file_checksum (env->db);

  {
    g_autoptr(Result) list = run_db (env, "list", NULL);
    g_autoptr(Result) again = run_db (env, "init", NULL);
    g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "2", NULL);

    assert_failure (list, 3);
    g_assert_true (g_str_has_prefix (list->err, env->db));
    g_assert_nonnull (strstr (list->err, "newer"));
    assert_failure (again, 3);
    g_assert_nonnull (strstr (again->err, "newer"));
    assert_failure (demo, 3);
    g_assert_nonnull (strstr (demo->err, "newer"));
  }

  after = rc_test_file_checksum (env->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_other_programs_database (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  rc_test_sqlite_exec (env->db, "CREATE TABLE notes (body TEXT); "
                                "INSERT INTO notes VALUES ('mine')");
  before = rc_test_file_checksum (env->db);

  {
    g_autoptr(Result) init = run_db (env, "init", NULL);
    g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "2", NULL);

    assert_failure (init, 3);
    g_assert_true (g_str_has_prefix (init->err, env->db));
    assert_failure (demo, 3);
  }

  after = rc_test_file_checksum (env->db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_database_is_a_folder (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) result = NULL;

  g_assert_cmpint (g_mkdir (env->db, 0700), ==, 0);
  result = run_db (env, "list", NULL);
  assert_failure (result, 3);
  g_assert_true (g_str_has_prefix (result->err, env->db));
  g_assert_true (g_file_test (env->db, G_FILE_TEST_IS_DIR));
}

typedef struct
{
  const char *path;
  void      (*func) (void);
} Test;

/* export, import, validate: the exchange commands and their statuses. */
static void
test_exchange_commands (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *file = g_build_filename (env->tmpdir, "out.xml", NULL);
  g_autofree char *other_db = g_build_filename (env->tmpdir, "other.db", NULL);
  g_autofree char *deidentified = g_build_filename (env->tmpdir, "deid.xml", NULL);
  g_autofree char *broken = g_build_filename (env->tmpdir, "broken.xml", NULL);
  g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "5", "--seed", "3", NULL);
  g_autoptr(Result) exported = run_db (env, "export", "--output", file, NULL);
  g_autoptr(Result) one = run_db (env, "export", "--client", "RC-000002", "--output", "-", NULL);
  g_autoptr(Result) valid = run_db (env, "validate", file, NULL);
  g_autoptr(Result) imported = NULL;
  g_autoptr(Result) again = NULL;
  g_autoptr(Result) no_output = run_db (env, "export", NULL);
  g_autoptr(Result) unknown = run_db (env, "export", "--client", "RC-999999", "--output", "-",
                                      NULL);
  g_autoptr(Result) bad_policy = run_db (env, "import", "--on-conflict=maybe", file, NULL);
  g_autoptr(Result) deid = run_db (env, "export", "--deidentify", "--output", deidentified, NULL);
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) invalid = NULL;
  g_autoptr(GError) error = NULL;

  assert_success (demo);
  assert_success (exported);
  assert_success (one);
  g_assert_nonnull (strstr (one->out, "RC-000002"));
  g_assert_null (strstr (one->out, "RC-000003"));
  assert_success (valid);

  imported = run_raw (env, "--database", other_db, "import", file, NULL);
  assert_success (imported);
  g_assert_nonnull (strstr (imported->out, "5 new clients"));
  again = run_raw (env, "--database", other_db, "import", file, NULL);
  assert_success (again);
  g_assert_nonnull (strstr (again->out, "0 new clients"));

  assert_failure (no_output, 1);
  assert_failure (unknown, 2);
  g_assert_cmpstr (unknown->err, ==, UNKNOWN_CLIENT);
  assert_failure (bad_policy, 1);
  assert_success (deid);
  refused = run_raw (env, "--database", other_db, "import", deidentified, NULL);
  assert_failure (refused, 2);
  g_assert_nonnull (strstr (refused->err, "de-identified"));

  g_file_set_contents (broken, "<profiles", -1, &error);
  g_assert_no_error (error);
  invalid = run_db (env, "validate", broken, NULL);
  g_assert_cmpint (invalid->status, ==, 2);
  g_assert_true (g_str_has_prefix (invalid->err, broken));
}

/* import names a conflicting record by its stored clinic code and the
 * field in words, never the names on either side. */
static void
test_import_conflict (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *file = g_build_filename (env->tmpdir, "out.xml", NULL);
  g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "2", "--seed", "3", NULL);
  g_autoptr(Result) exported = run_db (env, "export", "--output", file, NULL);
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) skipped = NULL;
  g_autofree char *old_name = NULL;
  const char *conflict = "client RC-000001: the given name and the time it was last changed "
                         "differ\n";

  assert_success (demo);
  assert_success (exported);
  {
    g_autoptr(RcStore) store = rc_test_open_store (env->db);
    g_autoptr(RcClient) client = rc_store_find_client (store, "RC-000001", NULL);

    old_name = g_strdup (rc_client_get_given_name (client));
    rc_client_set_given_name (client, "Quirinus");
    g_assert_true (rc_store_save_client (store, client, NULL));
  }

  refused = run_db (env, "import", file, NULL);
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_cmpstr (refused->out, ==, "");
  g_test_message ("%s", refused->err);
  g_assert_true (g_str_has_suffix (refused->err, conflict));
  g_assert_nonnull (strstr (refused->err, "\nconflict: client RC-000001: "));
  g_assert_null (strstr (refused->err, "Quirinus"));
  g_assert_null (strstr (refused->err, old_name));

  skipped = run_db (env, "import", "--on-conflict=skip", file, NULL);
  g_assert_cmpint (skipped->status, ==, 0);
  g_assert_true (g_str_has_prefix (skipped->err, "conflict (kept what was stored): "));
  g_assert_true (g_str_has_suffix (skipped->err, conflict));
  g_assert_null (strstr (skipped->err, "Quirinus"));
}

/* import refuses a profile with an invisible character in a name, with
 * status 2, naming the field and not the value; nothing is stored. */
static void
test_import_invisible (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *good = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                            "bad-xml", "good.xml", NULL);
  g_autofree char *file = g_build_filename (env->tmpdir, "tab.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) init = run_db (env, "init", NULL);
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) list = NULL;

  assert_success (init);
  g_file_get_contents (good, &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, "<given-name>Noor<", "<given-name>No\tor<", 1),
                    ==, 1);
  g_file_set_contents (file, changed->str, -1, &error);
  g_assert_no_error (error);

  refused = run_db (env, "import", file, NULL);
  g_test_message ("%s", refused->err);
  assert_failure (refused, 2);
  g_assert_cmpstr (refused->out, ==, "");
  g_assert_nonnull (strstr (refused->err, "client RC-000501: the given name contains a control "
                                          "or invisible formatting character"));
  g_assert_null (strstr (refused->err, "No\tor"));
  g_assert_null (strstr (refused->err, "Haddad"));
  list = run_db (env, "list", NULL);
  assert_success (list);
  g_assert_null (strstr (list->out, "RC-000501"));
}

/* A database from before codes were compared without case keeps clients
 * that share one: `init` names them as a warning and succeeds; a CLIENT
 * argument of that code names them all and is refused; a UUID works. */
static void
test_code_twins (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *fixture = g_build_filename (g_getenv ("RC_SOURCE_ROOT"), "tests", "data",
                                               "schema-1.sql", NULL);
  g_autofree char *sql = NULL;
  const char *twin_a = "00000000-0000-4000-8000-00000000000a";
  const char *twin_b = "00000000-0000-4000-8000-00000000000b";

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, NULL));
  rc_test_sqlite_exec (env->db, sql);
  rc_test_sqlite_exec (env->db,
                       "INSERT INTO client (uuid, clinic_code, given_name, family_name,"
                       " family_key, given_key, created_at, updated_at) VALUES"
                       " ('00000000-0000-4000-8000-00000000000a', 'RC-100', 'Ana', 'Alves',"
                       "  'alves', 'ana', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),"
                       " ('00000000-0000-4000-8000-00000000000b', 'rc-100', 'Ben', 'Brook',"
                       "  'brook', 'ben', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')");

  {
    g_autoptr(Result) init = run_db (env, "init", NULL);
    g_autoptr(Result) by_code = run_db (env, "show", "Rc-100", NULL);
    g_autoptr(Result) by_uuid = run_db (env, "show", twin_b, "--tsv", NULL);

    g_assert_cmpint (init->status, ==, 0);
    g_assert_true (g_str_has_prefix (init->err, "warning: "));
    assert_one_line (init->err);
    g_assert_nonnull (strstr (init->err, twin_a));
    g_assert_nonnull (strstr (init->err, twin_b));
    g_assert_null (strstr (init->err, "Alves"));
    assert_failure (by_code, 2);
    g_assert_nonnull (strstr (by_code->err, twin_a));
    g_assert_nonnull (strstr (by_code->err, twin_b));
    g_assert_null (strstr (by_code->err, "Brook"));
    assert_success (by_uuid);
  }
}

/* backup, backups, restore: the round trip a clinic makes after a bad
 * day, with what each prints and its exit statuses. */
static void
test_backup_commands (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "3", NULL);
  g_autoptr(Result) backup = run_db (env, "backup", NULL);
  g_autofree char *outside = g_build_filename (env->tmpdir, "copy.db", NULL);
  g_autofree char *text = g_build_filename (env->tmpdir, "notes.db", NULL);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *path = NULL;

  assert_success (demo);
  assert_success (backup);
  path = g_strstrip (g_strdup (backup->out));
  g_assert_true (g_str_has_prefix (path, env->data_home));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  {
    g_autoptr(Result) listed = run_db (env, "backups", NULL);
    g_autoptr(Result) to_file = run_db (env, "backup", "--output", outside, NULL);
    g_autoptr(Result) again = run_db (env, "backup", "--output", outside, NULL);
    g_autoptr(Result) listed_after = run_db (env, "backups", NULL);

    assert_success (listed);
    lines = split_lines (listed->out);
    g_assert_cmpuint (g_strv_length (lines), ==, 1);
    fields = g_strsplit (lines[0], "\t", -1);
    g_assert_cmpuint (g_strv_length (fields), ==, 5);
    g_assert_cmpstr (fields[0], ==, path);
    g_assert_true (rc_timestamp_is_valid (fields[1]));
    g_assert_cmpstr (fields[2], ==, "3");
    g_assert_cmpstr (fields[4], ==, "verified");
    assert_success (to_file);
    g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
    assert_failure (again, 1);
    /* --output is not among the database's backups. */
    g_assert_cmpstr (listed_after->out, ==, listed->out);
  }

  {
    g_autoptr(Result) more = run_db (env, "demo-data", "--clients", "2", "--seed", "9", NULL);
    g_autoptr(Result) restore = run_db (env, "restore", path, NULL);
    g_autoptr(Result) list = run_db (env, "list", NULL);
    g_auto(GStrv) clients = NULL;

    assert_success (more);
    assert_success (restore);
    g_assert_nonnull (strstr (restore->out, "pre-restore"));
    clients = split_lines (list->out);
    g_assert_cmpuint (g_strv_length (clients), ==, 3);
  }

  /* Not a database: refused, and nothing changes. */
  g_assert_true (g_file_set_contents (text, "Dear diary", -1, NULL));
  {
    g_autoptr(Result) refused = run_db (env, "restore", text, NULL);
    g_autoptr(Result) list = run_db (env, "list", NULL);
    g_auto(GStrv) clients = split_lines (list->out);

    assert_failure (refused, 3);
    g_assert_true (g_str_has_prefix (refused->err, text));
    g_assert_cmpuint (g_strv_length (clients), ==, 3);
  }

  /* While the app holds the database, a restore waits for it to close. */
  {
    g_autoptr(RcStore) app_store = rc_test_open_store (env->db);
    g_autoptr(GError) error = NULL;
    g_autoptr(Result) held = NULL;

    g_assert_true (rc_store_hold_lock (app_store, &error));
    g_assert_no_error (error);
    held = run_db (env, "restore", path, NULL);
    assert_failure (held, 3);
    g_assert_nonnull (strstr (held->err, "open in Recovery Capital"));
  }
}

/* Commands that look after a database say so when there is none, and
 * create nothing. */
static void
test_backup_missing_database (void)
{
  g_autoptr(Env) env = env_new ();
  const char *commands[][3] = {
    { "backup", NULL, NULL },
    { "backups", NULL, NULL },
    { "restore", "elsewhere.db", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(Result) result = run_db (env, commands[i][0], commands[i][1], NULL);

      assert_failure (result, 3);
      g_assert_nonnull (strstr (result->err, "there is no database here"));
      g_assert_false (g_file_test (env->db, G_FILE_TEST_EXISTS));
    }
}

/* check: "PATH: ok" on a sound database; on a tampered one each problem
 * on stderr and exit 3, writes refused (exit 3), reads still work with
 * a warning, and the file left as it was. */
static void
test_check_command (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "4", NULL);
  g_autoptr(Result) sound = run_db (env, "check", NULL);
  g_autofree char *expected = g_strdup_printf ("%s: ok\n", env->db);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  assert_success (demo);
  assert_success (sound);
  g_assert_cmpstr (sound->out, ==, expected);

  rc_test_sqlite_exec (env->db, "DROP TRIGGER audit_log_no_update");
  before = rc_test_file_checksum (env->db);
  {
    g_autoptr(Result) tampered = run_db (env, "check", NULL);
    g_autoptr(Result) write = run_db (env, "demo-data", "--clients", "1", NULL);
    g_autoptr(Result) read = run_db (env, "list", NULL);
    g_auto(GStrv) clients = split_lines (read->out);

    assert_failure (tampered, 3);
    g_assert_nonnull (strstr (tampered->err, "audit_log_no_update"));
    assert_failure (write, 3);
    g_assert_nonnull (strstr (write->err, "nothing is written"));
    g_assert_cmpint (read->status, ==, 0);
    g_assert_true (g_str_has_prefix (read->err, "warning: "));
    g_assert_cmpuint (g_strv_length (clients), ==, 4);
  }
  after = rc_test_file_checksum (env->db);
  g_assert_cmpstr (after, ==, before);
}

/* Read-only files and folders. */

/* From now on the CLI runs as someone who cannot write to the database
 * file, nor to its folder with @folder_too. Root may write anywhere, so
 * as root the test's folder goes to "nobody", who then runs the CLI. */
static void
env_make_read_only (Env      *env,
                    gboolean  folder_too)
{
  if (getuid () == 0)
    {
      const char *argv[] = { "chown", "-R", READER_ID ":" READER_ID, env->tmpdir, NULL };
      int wait_status = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &wait_status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    }
  env->as_reader = TRUE;
  g_assert_cmpint (g_chmod (env->db, 0400), ==, 0);
  g_assert_cmpint (g_chmod (env->tmpdir, folder_too ? 0500 : 0700), ==, 0);
}

/* What can be done with a database that cannot be written: everything
 * but changing it, which is refused with one line saying so, exit 3. */
static void
assert_only_read (Env        *env,
                  const char *profile)
{
  g_autofree char *before = rc_test_file_checksum (env->db);
  g_autofree char *exported = g_build_filename (env->data_home, "out.xml", NULL);
  g_autofree char *pdf = g_build_filename (env->data_home, "report.pdf", NULL);
  g_autofree char *after = NULL;
  const char * const writes[][4] = {
    { "init", NULL },
    { "demo-data", "--clients", "1", NULL },
    { "import", profile, NULL },
    { "restore", profile, NULL },
  };

  {
    g_autoptr(Result) list = run_db (env, "list", NULL);
    g_autoptr(Result) show = run_db (env, "show", "RC-000001", NULL);
    g_autoptr(Result) compare = run_db (env, "compare", "RC-000001", NULL);
    g_autoptr(Result) export = run_db (env, "export", "--output", exported, NULL);
    g_autoptr(Result) report = run_db (env, "report", "RC-000001", "--output", pdf, NULL);
    g_autoptr(Result) check = run_db (env, "check", NULL);
    g_autoptr(Result) backup = run_db (env, "backup", NULL);

    assert_success (list);
    g_assert_cmpuint (count_lines (list->out), ==, 6);
    assert_success (show);
    assert_success (compare);
    assert_success (export);
    g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
    assert_success (report);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    assert_success (check);
    assert_success (backup);
  }
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      g_autoptr(Result) write = run_db (env, writes[i][0], writes[i][1], writes[i][2],
                                        writes[i][3], NULL);

      assert_failure (write, 3);
      g_assert_nonnull (strstr (write->err, "read-only"));
    }
  after = rc_test_file_checksum (env->db);
  g_assert_cmpstr (after, ==, before);
}

static char *
export_profile (Env *env)
{
  g_autofree char *profile = g_build_filename (env->data_home, "profile.xml", NULL);
  g_autoptr(Result) export = run_db (env, "export", "--output", profile, NULL);

  assert_success (export);
  return g_steal_pointer (&profile);
}

static void
test_read_only_file (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *profile = NULL;

  make_demo_database (env, env->db, "6", "1");
  profile = export_profile (env);
  env_make_read_only (env, FALSE);
  assert_only_read (env, profile);
}

/* SQLite can read a WAL database in a folder it cannot write to only as
 * an immutable file: nothing appears beside it. */
static void
test_read_only_folder (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *profile = NULL;
  g_autofree char *wal = g_strconcat (env->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (env->db, "-shm", NULL);

  make_demo_database (env, env->db, "6", "1");
  profile = export_profile (env);
  env_make_read_only (env, TRUE);
  assert_only_read (env, profile);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (env->tmpdir, 0700), ==, 0);
}

/* One page of the audit log overwritten: what it holds can still be
 * read, with a warning, for what can be rescued; nothing is written, and
 * the file is left as it was. */
static void
test_damaged_page (void)
{
  g_autoptr(Env) env = env_new ();
  g_autoptr(Result) demo = run_db (env, "demo-data", "--clients", "4", NULL);
  g_autofree char *exported = g_build_filename (env->data_home, "rescued.xml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 page;
  gsize length;

  assert_success (demo);
  rc_test_sqlite_exec (env->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  page = rc_test_sqlite_query_int (env->db,
                                   "SELECT rootpage FROM sqlite_schema WHERE name = 'audit_log'");
  g_assert_true (g_file_get_contents (env->db, &contents, &length, &error));
  memset (contents + 4096 * (page - 1), 0x5a, 4096);
  g_assert_true (g_file_set_contents (env->db, contents, (gssize) length, &error));
  before = rc_test_file_checksum (env->db);
  {
    g_autoptr(Result) check = run_db (env, "check", NULL);
    g_autoptr(Result) write = run_db (env, "demo-data", "--clients", "1", NULL);
    g_autoptr(Result) list = run_db (env, "list", NULL);
    g_autoptr(Result) export = run_db (env, "export", "--output", exported, NULL);

    g_auto(GStrv) problems = NULL;

    /* Each problem a line of its own, naming the file. */
    g_assert_cmpint (check->status, ==, 3);
    g_assert_cmpstr (check->out, ==, "");
    problems = split_lines (check->err);
    g_assert_cmpuint (g_strv_length (problems), >, 1);
    for (guint i = 0; problems[i] != NULL; i++)
      g_assert_true (g_str_has_prefix (problems[i], env->db));
    assert_failure (write, 3);
    g_assert_nonnull (strstr (write->err, "damaged"));
    g_assert_cmpint (count_lines (write->err), ==, 1);
    g_assert_cmpint (list->status, ==, 0);
    g_assert_true (g_str_has_prefix (list->err, "warning: "));
    g_assert_cmpuint (count_lines (list->out), ==, 4);
    g_assert_cmpint (export->status, ==, 0);
    g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
  }
  after = rc_test_file_checksum (env->db);
  g_assert_cmpstr (after, ==, before);
}

/* A database of the schema before, which can't be brought up to date
 * where it can't be written, is read as it is: version 4 only chains the
 * audit log. */
static void
test_read_only_older_schema (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *profile = NULL;

  make_demo_database (env, env->db, "6", "1");
  profile = export_profile (env);
  rc_test_downgrade_to_version_3 (env->db);
  env_make_read_only (env, TRUE);
  assert_only_read (env, profile);
  g_assert_cmpint (rc_test_sqlite_query_int (env->db, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (g_chmod (env->tmpdir, 0700), ==, 0);
}

/* A WAL left by a crash in a folder that can't be written: its commits
 * can't be read (SQLite must make the -shm index), and are not ignored
 * either: refused, saying what to do. */
static void
test_read_only_folder_stale_wal (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *wal = g_strconcat (env->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (env->db, "-shm", NULL);
  g_autofree char *wal_before = NULL;
  g_autofree char *wal_after = NULL;

  make_demo_database (env, env->db, "6", "1");
  rc_test_leave_wal (env->db);
  g_assert_cmpint (g_unlink (shm), ==, 0);
  wal_before = rc_test_file_checksum (wal);
  env_make_read_only (env, TRUE);
  g_assert_cmpint (g_chmod (wal, 0400), ==, 0);
  {
    g_autoptr(Result) list = run_db (env, "list", NULL);

    assert_failure (list, 3);
    g_assert_nonnull (strstr (list->err, "-wal"));
  }
  wal_after = rc_test_file_checksum (wal);
  g_assert_cmpstr (wal_after, ==, wal_before);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (env->tmpdir, 0700), ==, 0);
}

/* Output files: never over the database, nothing left by a kill. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder, sorted, separated by spaces; without the
 * database's journal files, which come and go with each command. */
static char *
folder_names (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_equal (name, "rc.db-wal") && !g_str_equal (name, "rc.db-shm"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* An output that is the database is refused with one line and exit
 * status 1. */
static void
assert_output_refused (Result     *result,
                       const char *path)
{
  g_autofree char *expected =
    g_strdup_printf ("%s: is the database itself (or its journal, or a backup); nothing was "
                     "written\n", path);

  g_assert_cmpint (result->status, ==, 1);
  g_assert_cmpstr (result->out, ==, "");
  g_assert_cmpstr (result->err, ==, expected);
}

/* --output naming the database, its journal or a link to it: refused,
 * the database byte for byte as it was. */
static void
check_refuses_database (const char *command)
{
  g_autoptr(Env) env = env_new ();
  g_auto(Validated) uuids = { 0 };
  g_autofree char *wal = g_strconcat (env->db, "-wal", NULL);
  g_autofree char *link_path = g_build_filename (env->tmpdir, "link.out", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *names = NULL;
  g_autoptr(Result) list = NULL;
  const char *targets[] = { env->db, wal, link_path };

  make_compare_database (env, &uuids);
  g_assert_cmpint (symlink ("rc.db", link_path), ==, 0);
  checksum = rc_test_file_checksum (env->db);
  names = folder_names (env->tmpdir);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(Result) result = NULL;
      g_autofree char *now = NULL;

      if (g_str_equal (command, "export"))
        result = run_db (env, "export", "--output", targets[i], NULL);
      else
        result = run_db (env, "report", "RC-000001", "--output", targets[i], NULL);
      assert_output_refused (result, targets[i]);
      now = rc_test_file_checksum (env->db);
      g_assert_cmpstr (now, ==, checksum);
      g_free (now);
      now = folder_names (env->tmpdir);
      g_assert_cmpstr (now, ==, names);
    }
  list = run_db (env, "list", NULL);
  assert_success (list);
  g_assert_cmpuint (count_lines (list->out), ==, 2);
}

static void
test_export_refuses_database (void)
{
  check_refuses_database ("export");
}

static void
test_report_refuses_database (void)
{
  check_refuses_database ("report");
}

/* `export --output @output` running, its output thrown away; without
 * O_TMPFILE with @fallback. */
static GSubprocess *
spawn_export (Env        *env,
              const char *output,
              gboolean    fallback)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", env->data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  if (fallback)
    g_subprocess_launcher_setenv (launcher, "RC_TEST_NO_O_TMPFILE", "1", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RC_CLI"), "--database",
                                         env->db, "export", "--output", output, NULL);
  g_assert_no_error (error);
  return process;
}

/* Whether @process has a file open that it is writing into @folder: a
 * nameless O_TMPFILE ("FOLDER/#INODE (deleted)" in /proc), or with
 * @fallback a hidden name there. */
static gboolean
is_writing (GSubprocess *process,
            const char  *folder,
            gboolean     fallback)
{
  g_autofree char *fds = NULL;
  g_autofree char *tmpfile = g_strconcat (folder, "/#", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fallback)
    {
      g_autofree char *names = folder_names (folder);

      return g_str_has_prefix (names, ".profiles.xml.rc-tmp-");
    }
  fds = g_strdup_printf ("/proc/%s/fd", g_subprocess_get_identifier (process));
  dir = g_dir_open (fds, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *fd = g_build_filename (fds, name, NULL);
      g_autofree char *target = g_file_read_link (fd, NULL);

      if (target != NULL && g_str_has_prefix (target, tmpfile) &&
          g_str_has_suffix (target, " (deleted)"))
        return TRUE;
    }
  return FALSE;
}

static void
wait_until_writing (GSubprocess *process,
                    const char  *folder,
                    gboolean     fallback)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!is_writing (process, folder, fallback))
    {
      g_assert_nonnull (g_subprocess_get_identifier (process));
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (1000);
    }
}

/* Sends @signum to the export while it writes; returns whether that
 * killed it (else it had finished: a fast machine). */
static gboolean
interrupt_export (GSubprocess *process,
                  const char  *folder,
                  gboolean     fallback,
                  int          signum,
                  guint        delay_ms)
{
  g_autoptr(GError) error = NULL;

  wait_until_writing (process, folder, fallback);
  g_usleep (delay_ms * 1000);
  g_subprocess_send_signal (process, signum);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_if_signaled (process))
    {
      g_assert_true (g_subprocess_get_successful (process));
      g_test_message ("the export finished before signal %d", signum);
      return FALSE;
    }
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, signum);
  return TRUE;
}

/* An export killed part way, with SIGKILL or anything else, leaves no
 * file. Without O_TMPFILE (FAT sticks), SIGINT, SIGTERM and SIGHUP leave
 * none either; a SIGKILL leaves the hidden file, which the next export
 * removes. */
static void
test_interrupted_export (void)
{
  static const guint delays_ms[] = { 0, 10, 25, 50, 100 };
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  g_autoptr(Env) env = env_new ();
  g_autofree char *folder = g_build_filename (env->tmpdir, "out", NULL);
  g_autofree char *output = g_build_filename (folder, "profiles.xml", NULL);
  g_autofree char *checksum = NULL;
  g_autoptr(Result) swept = NULL;
  g_autoptr(GSubprocess) killed_process = NULL;
  guint n_killed = 0;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  make_demo_database (env, env->db, "3000", "7");

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr(GSubprocess) process = spawn_export (env, output, FALSE);
      g_autofree char *names = NULL;

      if (interrupt_export (process, folder, FALSE, SIGKILL, delays_ms[i]))
        {
          n_killed++;
          names = folder_names (folder);
          g_assert_cmpstr (names, ==, "");
        }
      else
        g_assert_cmpint (g_unlink (output), ==, 0);
    }
  g_test_message ("%u exports killed part way", n_killed);
  g_assert_cmpuint (n_killed, >, 0);

  /* Without O_TMPFILE, a SIGKILL leaves the hidden file... */
  killed_process = spawn_export (env, output, TRUE);
  if (interrupt_export (killed_process, folder, TRUE, SIGKILL, 0))
    {
      g_autofree char *names = folder_names (folder);

      g_assert_true (g_str_has_prefix (names, ".profiles.xml.rc-tmp-"));
      g_assert_null (strchr (names, ' '));
    }
  /* ...which the next export removes. */
  swept = run_db (env, "export", "--output", output, NULL);
  assert_success (swept);
  {
    g_autofree char *names = folder_names (folder);

    g_assert_cmpstr (names, ==, "profiles.xml");
  }

  /* The other signals remove it, and leave the earlier file as it was. */
  checksum = rc_test_file_checksum (output);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      g_autoptr(GSubprocess) process = spawn_export (env, output, TRUE);
      g_autofree char *names = NULL;
      g_autofree char *now = NULL;

      interrupt_export (process, folder, TRUE, signals[i], 0);
      names = folder_names (folder);
      g_assert_cmpstr (names, ==, "profiles.xml");
      now = rc_test_file_checksum (output);
      if (g_subprocess_get_if_signaled (process))
        g_assert_cmpstr (now, ==, checksum);
      else
        {
          g_free (checksum);
          checksum = g_steal_pointer (&now);
        }
    }
}

/* --database naming what is no database file: a clear line, and nothing
 * created beside it. */
static void
test_database_not_a_file (void)
{
  g_autoptr(Env) env = env_new ();
  g_autofree char *fifo = g_build_filename (env->tmpdir, "pipe", NULL);
  g_autofree char *loop_a = g_build_filename (env->tmpdir, "loop-a", NULL);
  g_autofree char *loop_b = g_build_filename (env->tmpdir, "loop-b", NULL);
  g_autofree char *names = NULL;
  struct {
    const char *database;
    int         status;
    const char *says;
  } cases[] = {
    { fifo, 3, "is not a regular file" },
    { loop_a, 3, "loop of symbolic links" },
    { ":memory:", 1, "not a file name" },
    { "file:rc.db?mode=memory", 1, "not a file name" },
  };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (loop_b, loop_a), ==, 0);
  g_assert_cmpint (symlink (loop_a, loop_b), ==, 0);
  names = folder_names (env->tmpdir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) result = run_raw (env, "--database", cases[i].database, "list", NULL);
      g_autofree char *now = NULL;

      assert_failure (result, cases[i].status);
      g_assert_nonnull (strstr (result->err, cases[i].says));
      now = folder_names (env->tmpdir);
      g_assert_cmpstr (now, ==, names);
    }
}

static const Test tests[] = {
  { "/cli/exchange", test_exchange_commands },
  { "/cli/import/conflict", test_import_conflict },
  { "/cli/import/invisible-character", test_import_invisible },
  { "/cli/help", test_help },
  { "/cli/version", test_version },
  { "/cli/app/version-and-help", test_app_version_and_help },
  { "/cli/exit-status/no-command", test_no_command },
  { "/cli/exit-status/unknown-command", test_unknown_command },
  { "/cli/exit-status/unknown-option", test_unknown_option },
  { "/cli/exit-status/database-without-value", test_database_without_value },
  { "/cli/exit-status/demo-data-without-clients", test_demo_data_without_clients },
  { "/cli/exit-status/demo-data-zero-clients", test_demo_data_zero_clients },
  { "/cli/exit-status/demo-data-clients-not-a-number", test_demo_data_clients_not_a_number },
  { "/cli/exit-status/demo-data-negative-seed", test_demo_data_negative_seed },
  { "/cli/exit-status/extra-arguments", test_extra_arguments },
  { "/cli/exit-status/show-without-client", test_show_without_client },
  { "/cli/init/creates-database", test_init_creates_database },
  { "/cli/init/default-path", test_init_default_path },
  { "/cli/init/code-twins", test_code_twins },
  { "/cli/backup/commands", test_backup_commands },
  { "/cli/check/tampered", test_check_command },
  { "/cli/check/damaged-page", test_damaged_page },
  { "/cli/backup/missing-database", test_backup_missing_database },
  { "/cli/read-only/file", test_read_only_file },
  { "/cli/read-only/folder", test_read_only_folder },
  { "/cli/read-only/folder-stale-wal", test_read_only_folder_stale_wal },
  { "/cli/read-only/older-schema", test_read_only_older_schema },
  { "/cli/list/missing-database", test_list_missing_database },
  { "/cli/demo-data/list", test_demo_data_list },
  { "/cli/demo-data/same-seed", test_demo_data_same_seed },
  { "/cli/demo-data/twice", test_demo_data_twice },
  { "/cli/list/search", test_list_search },
  { "/cli/show/code-and-uuid", test_show },
  { "/cli/show/unknown-client", test_show_unknown_client },
  { "/cli/show/tsv", test_show_tsv },
  { "/cli/locale/french-numbers", test_french_numbers },
  { "/cli/show/unrated", test_show_unrated },
  { "/cli/errors/conflict-names-no-one", test_conflict_names_no_one },
  { "/cli/compare/reliable-change", test_compare_reliable_change },
  { "/cli/compare/chosen-pair", test_compare_chosen_pair },
  { "/cli/compare/unreliable-scale", test_compare_unreliable_scale },
  { "/cli/compare/bad-input", test_compare_bad_input },
  { "/cli/compare/versions-and-languages", test_compare_versions_and_languages },
  { "/cli/report/pdf", test_report },
  { "/cli/report/bad-input", test_report_bad_input },
  { "/cli/errors/folder-cannot-be-created", test_folder_cannot_be_created },
  { "/cli/errors/not-a-database", test_not_a_database },
  { "/cli/errors/newer-database", test_newer_database },
  { "/cli/errors/other-programs-database", test_other_programs_database },
  { "/cli/errors/database-is-a-folder", test_database_is_a_folder },
  { "/cli/errors/database-not-a-file", test_database_not_a_file },
  { "/cli/output/export-refuses-database", test_export_refuses_database },
  { "/cli/output/report-refuses-database", test_report_refuses_database },
  { "/cli/output/interrupted-export", test_interrupted_export },
};

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmpdir = rc_test_tmpdir_new ();
  int status;

  rc_test_isolate_data_home (tmpdir);
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_func (tests[i].path, tests[i].func);

  status = g_test_run ();
  rc_test_tmpdir_free (g_steal_pointer (&tmpdir));
  return status;
}
