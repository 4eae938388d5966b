/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rc-core.h"
#include "rc-test-util.h"

/* Damage and tampering found, and never written to: a damaged page, the
 * triggers that keep records final dropped or changed, a completed
 * assessment deleted behind the program's back, the audit log's chain
 * broken. The files are damaged and tampered with by SQLite and by hand,
 * as a person with the file could. */

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
  return rc_test_make_demo_database (tmpdir, name, 40, 5);
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

/* Runs @sql on @path with the audit log's triggers out of the way, then
 * puts them back as they were, so that the check sees only the change. */
static void
tamper_with_audit_log (const char *path,
                       const char *sql)
{
  static const char *triggers_sql =
    "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log'";
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, triggers_sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s",
                                               (const char *) sqlite3_column_text (statement, 0));

      g_ptr_array_add (creates, g_strdup ((const char *) sqlite3_column_text (statement, 1)));
      g_ptr_array_add (creates, g_steal_pointer (&drop));
    }
  sqlite3_finalize (statement);
  g_assert_cmpuint (creates->len, ==, 4);

  for (guint i = 1; i < creates->len; i += 2)
    g_assert_cmpint (sqlite3_exec (db, g_ptr_array_index (creates, i), NULL, NULL, NULL), ==,
                     SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  for (guint i = 0; i < creates->len; i += 2)
    g_assert_cmpint (sqlite3_exec (db, g_ptr_array_index (creates, i), NULL, NULL, NULL), ==,
                     SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
newest_audit_id (const char *path)
{
  return rc_test_sqlite_query_int (path, "SELECT max (id) FROM audit_log");
}

/* The check of @path finds one problem, that names @entry ("audit entry
 * 5") and none of @secret, a value the tampering wrote. */
static void
assert_one_audit_problem (const char *path,
                          const char *entry,
                          const char *secret)
{
  g_autoptr(GPtrArray) problems = NULL;
  gboolean quick_ok;
  const char *line;

  problems = check (path, &quick_ok);
  g_assert_cmpuint (problems->len, ==, 1);
  line = g_ptr_array_index (problems, 0);
  g_assert_true (g_str_has_prefix (line, path));
  g_assert_nonnull (strstr (line, entry));
  /* "audit entry 5" is not "audit entry 50". */
  g_assert_false (g_ascii_isdigit (strstr (line, entry)[strlen (entry)]));
  if (secret != NULL)
    g_assert_null (strstr (line, secret));
}

/* Each field of an entry, or its hash, changed by hand: one line, naming
 * the entry and not what it now says. The entry is one of a creation,
 * not of a completion, which the check of completed assessments would
 * also look at. */
static void
test_audit_altered (void)
{
  const char *changes[] = {
    "id = id",
    "at = 'Relapsed in March'",
    "actor = 'Relapsed in March'",
    "action = 'Relapsed in March'",
    "object_type = 'Relapsed in March'",
    "object_uuid = 'Relapsed in March'",
    "detail = 'Relapsed in March'",
    "hash = 'Relapsed in March'",
    "hash = NULL",
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *name = g_strdup_printf ("altered-%u.db", i);
      g_autofree char *path = database_with_demo (name);
      gint64 id = rc_test_sqlite_query_int (path, "SELECT min (id) FROM audit_log"
                                                  " WHERE id > 3 AND action = 'create'");
      g_autofree char *entry = g_strdup_printf ("audit entry %" G_GINT64_FORMAT, id);
      g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET %s"
                                              " WHERE id = %" G_GINT64_FORMAT, changes[i], id);
      g_autoptr(GPtrArray) problems = NULL;
      gboolean quick_ok;

      g_test_message ("%s", sql);
      tamper_with_audit_log (path, sql);
      /* The first changes nothing: the triggers came back as they were. */
      if (i == 0)
        {
          problems = check (path, &quick_ok);
          g_assert_true (quick_ok);
          g_assert_cmpuint (problems->len, ==, 0);
        }
      else
        assert_one_audit_problem (path, entry, "Relapsed");
    }

  /* The newest, which no later entry vouches for, too. */
  {
    g_autofree char *path = database_with_demo ("altered-newest.db");
    gint64 newest = newest_audit_id (path);
    g_autofree char *entry = g_strdup_printf ("audit entry %" G_GINT64_FORMAT, newest);
    g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET detail = 'Relapsed'"
                                            " WHERE id = %" G_GINT64_FORMAT, newest);

    tamper_with_audit_log (path, sql);
    assert_one_audit_problem (path, entry, "Relapsed");
  }
}

/* An entry removed from the middle, or several, or the first. */
static void
test_audit_removed (void)
{
  const char *removals[] = { "id = 5", "id BETWEEN 5 AND 7", "id = 1" };
  const char *entries[] = { "audit entry 5", "audit entries 5 to 7", "audit entry 1" };

  for (guint i = 0; i < G_N_ELEMENTS (removals); i++)
    {
      g_autofree char *name = g_strdup_printf ("removed-%u.db", i);
      g_autofree char *path = database_with_demo (name);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM audit_log WHERE %s", removals[i]);

      g_test_message ("%s", sql);
      tamper_with_audit_log (path, sql);
      assert_one_audit_problem (path, entries[i], NULL);
    }
}

/* An entry made up and added: at the end, with no hash, with one copied
 * from another entry, or with an id before the first. */
static void
test_audit_forged (void)
{
  const char *forgeries[] = {
    "INSERT INTO audit_log (at, actor, action, object_type, object_uuid, detail)"
    " VALUES ('2026-01-01T00:00:00Z', 'Mallory', 'create', 'client', 'x', 'Relapsed')",
    "INSERT INTO audit_log (at, actor, action, object_type, object_uuid, detail, hash)"
    " SELECT '2026-01-01T00:00:00Z', 'Mallory', 'create', 'client', 'x', 'Relapsed', hash"
    " FROM audit_log ORDER BY id DESC LIMIT 1",
    "INSERT INTO audit_log (id, at, actor, action, object_type, object_uuid, detail, hash)"
    " SELECT 0, '2026-01-01T00:00:00Z', 'Mallory', 'create', 'client', 'x', 'Relapsed', hash"
    " FROM audit_log WHERE id = 1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forgeries); i++)
    {
      g_autofree char *name = g_strdup_printf ("forged-%u.db", i);
      g_autofree char *path = database_with_demo (name);
      gint64 forged = i < 2 ? newest_audit_id (path) + 1 : 0;
      g_autofree char *entry = g_strdup_printf ("audit entry %" G_GINT64_FORMAT, forged);

      g_test_message ("%s", forgeries[i]);
      tamper_with_audit_log (path, forgeries[i]);
      assert_one_audit_problem (path, entry, "Mallory");
    }
}

/* A completion forged into the log, naming a person where a UUID goes:
 * the check says so without repeating it. */
static void
test_audit_forged_completion (void)
{
  g_autofree char *path = database_with_demo ("forged-completion.db");
  g_autoptr(GPtrArray) problems = NULL;
  gboolean quick_ok;

  tamper_with_audit_log (path,
                         "INSERT INTO audit_log (at, actor, action, object_type, object_uuid)"
                         " VALUES ('2026-01-01T00:00:00Z', 'x', 'complete', 'assessment',"
                         " 'Jane Mallory')");
  problems = check (path, &quick_ok);
  g_assert_true (problems_mention (problems, "not a UUID"));
  g_assert_false (problems_mention (problems, "Mallory"));
}

/* meta's record of the chain's end changed or removed, or the newest
 * entry removed without it: one line naming the newest entry. */
static void
test_audit_record (void)
{
  const char *tampering[] = {
    "UPDATE meta SET value = value + 1 WHERE key = 'audit_count'",
    "UPDATE meta SET value = value - 1 WHERE key = 'audit_count'",
    "UPDATE meta SET value = (SELECT hash FROM audit_log WHERE id = 1)"
    " WHERE key = 'audit_last_hash'",
    "DELETE FROM meta WHERE key = 'audit_last_hash'",
    "UPDATE meta SET value = 'many' WHERE key = 'audit_count'",
    "DELETE FROM audit_log WHERE id = (SELECT max (id) FROM audit_log)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tampering); i++)
    {
      g_autofree char *name = g_strdup_printf ("record-%u.db", i);
      g_autofree char *path = database_with_demo (name);
      g_autofree char *entry = NULL;

      tamper_with_audit_log (path, tampering[i]);
      entry = g_strdup_printf ("entry %" G_GINT64_FORMAT, newest_audit_id (path));
      g_test_message ("%s", tampering[i]);
      assert_one_audit_problem (path, entry, NULL);
    }
}

/* Every entry removed: the record's count alone says so, without an
 * "entry 0" that never was. */
static void
test_audit_emptied (void)
{
  g_autofree char *path = database_with_demo ("emptied.db");
  g_autoptr(GPtrArray) problems = NULL;
  gboolean quick_ok;
  const char *line;

  tamper_with_audit_log (path, "DELETE FROM audit_log");
  problems = check (path, &quick_ok);
  g_assert_cmpuint (problems->len, ==, 1);
  line = g_ptr_array_index (problems, 0);
  g_assert_true (g_str_has_prefix (line, path));
  g_assert_nonnull (strstr (line, "has no entries left"));
  g_assert_null (strstr (line, "entry 0"));
}

/* The documented limit: the newest entries removed together with meta's
 * record made to match go unseen, as nothing after them vouches for them.
 * Whoever has the file and this program's source can do that, or rewrite
 * the whole chain; the README says so. This test pins the limit down: if
 * the check ever finds this, the README must change with it. */
static void
test_audit_known_limit (void)
{
  g_autofree char *path = database_with_demo ("limit.db");
  g_autoptr(GPtrArray) problems = NULL;
  gint64 newest = newest_audit_id (path);
  gboolean quick_ok;

  tamper_with_audit_log (path,
                         "DELETE FROM audit_log WHERE id > (SELECT max (id) - 3 FROM audit_log);"
                         "UPDATE meta SET value = (SELECT max (id) FROM audit_log)"
                         " WHERE key = 'audit_count';"
                         "UPDATE meta SET value = (SELECT hash FROM audit_log"
                         " ORDER BY id DESC LIMIT 1) WHERE key = 'audit_last_hash'");
  g_assert_cmpint (newest_audit_id (path), ==, newest - 3);

  problems = check (path, &quick_ok);
  g_assert_true (quick_ok);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Entries of writes undone, and of writes refused, leave the chain and its
 * record as they were; later ones carry on from there. */
static void
test_audit_rolled_back (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "rolled-back.db", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  gboolean quick_ok;

  {
    g_autoptr(RcStore) store = rc_test_open_store (path);
    g_autoptr(RcClient) first = rc_test_make_client ("RC-1", "Ana", "Alves");
    g_autoptr(RcClient) undone = rc_test_make_client ("RC-2", "Ben", "Brook");
    g_autoptr(RcClient) twin = rc_test_make_client ("rc-1", "Cai", "Chen");
    g_autoptr(RcClient) last = rc_test_make_client ("RC-3", "Dee", "Dunn");
    g_autoptr(GError) error = NULL;

    g_assert_true (rc_store_save_client (store, first, &error));
    g_assert_true (rc_store_begin (store, &error));
    g_assert_true (rc_store_save_client (store, undone, &error));
    rc_store_rollback (store);
    g_assert_false (rc_store_save_client (store, twin, &error));
    g_assert_error (error, RC_ERROR, RC_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_true (rc_store_save_client (store, last, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (newest_audit_id (path), ==, 2);
  g_assert_cmpint (rc_test_sqlite_query_int (path, "SELECT value FROM meta"
                                                   " WHERE key = 'audit_count'"), ==, 2);
  problems = check (path, &quick_ok);
  g_assert_true (quick_ok);
  g_assert_cmpuint (problems->len, ==, 0);
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
  g_test_add_func ("/check/audit/altered", test_audit_altered);
  g_test_add_func ("/check/audit/removed", test_audit_removed);
  g_test_add_func ("/check/audit/forged", test_audit_forged);
  g_test_add_func ("/check/audit/forged-completion", test_audit_forged_completion);
  g_test_add_func ("/check/audit/record", test_audit_record);
  g_test_add_func ("/check/audit/emptied", test_audit_emptied);
  g_test_add_func ("/check/audit/known-limit", test_audit_known_limit);
  g_test_add_func ("/check/audit/rolled-back", test_audit_rolled_back);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
