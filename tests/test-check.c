/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* Damage and tampering found, and never written to: a damaged page, the
 * triggers that keep records final dropped or changed, a completed
 * assessment deleted behind the program's back. The files are damaged
 * and tampered with by SQLite and by hand, as a person with the file
 * could. */

static char *tmpdir;

static const char *
empty_checksum (void)
{
  /* SHA-256 of nothing. */
  return "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
}

static char *
database_with_demo (const char *name)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (rc_demo_generate (store,
                                   rc_instrument_catalog_get_default (rc_store_get_catalog (store)),
                                   40, 5, &error));
  g_assert_no_error (error);
  return path;
}

/* Opens @path and runs both checks; returns the problems found. */
static GPtrArray *
check (const char *path,
       gboolean   *quick_ok)
{
  g_autoptr(RcStore) store = rc_test_open_store (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *problems = NULL;

  *quick_ok = rc_store_quick_check (store, &error);
  if (!*quick_ok)
    {
      g_assert_true (g_error_matches (error, RC_ERROR, RC_ERROR_DATABASE) ||
                     g_error_matches (error, RC_ERROR, RC_ERROR_TAMPERED));
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_true (rc_store_get_write_refusal (store)->code == error->code);
      g_clear_error (&error);
    }
  g_assert_true (rc_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  return problems;
}

static gboolean
problems_mention (GPtrArray  *problems,
                  const char *text)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_healthy (void)
{
  g_autofree char *path = database_with_demo ("healthy.db");
  g_autoptr(GPtrArray) problems = NULL;
  gboolean quick_ok;

  problems = check (path, &quick_ok);
  g_assert_true (quick_ok);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A page of table data overwritten: found, and the file and its WAL
 * are left byte for byte as they were. */
static void
test_damaged_page (void)
{
  g_autofree char *path = database_with_demo ("damaged.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *wal_before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal_after = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean quick_ok;
  gsize length;

  /* Everything in the main file first, then a page in its middle. */
  rc_test_sqlite_exec (path, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4096 * 8);
  memset (contents + 4096 * (length / 4096 / 2), 0x5a, 4096);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  before = rc_test_file_checksum (path);
  wal_before = g_file_test (wal, G_FILE_TEST_EXISTS) ? rc_test_file_checksum (wal) : NULL;

  problems = check (path, &quick_ok);
  g_assert_false (quick_ok);
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_true (problems_mention (problems, "damaged"));

  after = rc_test_file_checksum (path);
  g_assert_cmpstr (after, ==, before);
  /* Opening may leave an empty WAL where there was none: nothing in it. */
  wal_after = g_file_test (wal, G_FILE_TEST_EXISTS) ? rc_test_file_checksum (wal) : NULL;
  if (wal_before == NULL && wal_after != NULL)
    g_assert_cmpstr (wal_after, ==, empty_checksum ());
  else
    g_assert_cmpstr (wal_after, ==, wal_before);
}

/* The triggers that keep the audit log and completed assessments final,
 * dropped or weakened: found, and writes are refused. */
static void
test_triggers_tampered (void)
{
  const char *tampering[] = {
    "DROP TRIGGER audit_log_no_delete",
    "DROP TRIGGER assessment_complete_is_final;"
    "CREATE TRIGGER assessment_complete_is_final BEFORE UPDATE ON assessment"
    "  WHEN 0 BEGIN SELECT 1; END",
    "CREATE TRIGGER extra AFTER INSERT ON client BEGIN SELECT 1; END",
  };
  const char *names[] = { "audit_log_no_delete", "assessment_complete_is_final", "extra" };

  for (guint i = 0; i < G_N_ELEMENTS (tampering); i++)
    {
      g_autofree char *name = g_strdup_printf ("triggers-%u.db", i);
      g_autofree char *path = database_with_demo (name);
      g_autoptr(GPtrArray) problems = NULL;
      gboolean quick_ok;

      rc_test_sqlite_exec (path, tampering[i]);
      problems = check (path, &quick_ok);
      g_assert_false (quick_ok);
      g_assert_true (problems_mention (problems, names[i]));
    }
}

/* A completed assessment deleted with its triggers out of the way. */
static void
test_completed_deleted (void)
{
  g_autofree char *path = database_with_demo ("deleted.db");
  g_autoptr(GPtrArray) problems = NULL;
  gboolean quick_ok;
  g_autofree char *uuid = NULL;

  {
    g_autoptr(RcStore) store = rc_test_open_store (path);
    g_autoptr(GPtrArray) clients = rc_store_search_clients (store, NULL, NULL);

    for (guint i = 0; uuid == NULL && i < clients->len; i++)
      {
        g_autoptr(GPtrArray) assessments =
          rc_store_list_assessments (store, rc_client_get_uuid (g_ptr_array_index (clients, i)),
                                     NULL);

        for (guint j = 0; uuid == NULL && j < assessments->len; j++)
          if (rc_assessment_get_status (g_ptr_array_index (assessments, j)) ==
              RC_ASSESSMENT_COMPLETE)
            uuid = g_strdup (rc_assessment_get_uuid (g_ptr_array_index (assessments, j)));
      }
  }
  g_assert_nonnull (uuid);
  {
    g_autofree char *sql =
      g_strdup_printf ("PRAGMA foreign_keys = OFF;"
                       "DROP TRIGGER rating_complete_no_delete;"
                       "DELETE FROM rating WHERE assessment_id ="
                       " (SELECT id FROM assessment WHERE uuid = '%s');"
                       "DELETE FROM assessment WHERE uuid = '%s'", uuid, uuid);

    rc_test_sqlite_exec (path, sql);
  }
  problems = check (path, &quick_ok);
  g_assert_true (problems_mention (problems, uuid));
  g_assert_true (problems_mention (problems, "rating_complete_no_delete"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check/healthy", test_healthy);
  g_test_add_func ("/check/damaged-page", test_damaged_page);
  g_test_add_func ("/check/triggers-tampered", test_triggers_tampered);
  g_test_add_func ("/check/completed-deleted", test_completed_deleted);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
