/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "rc-error.h"
#include "rc-i18n.h"
#include "rc-store-private.h"

/* Damage and tampering: SQLite's own checks of the file, and what keeps
 * the records final — the triggers that make completed assessments and
 * the audit log append-only, the audit log's hash chain, and the
 * completed assessments the audit log knows. Messages name tables,
 * triggers, entry ids and UUIDs, never a value; they are for people, so
 * translated, with those names as arguments. Entry ids are printed with
 * %lld, not G_GINT64_FORMAT: gettext cannot see through a macro. */

#define MAX_INTEGRITY_ROWS 100

static void check_triggers (RcStore   *self,
                            GPtrArray *problems,
                            GError   **error);

/**
 * rc_store_quick_check:
 *
 * SQLite's quick check of the whole file, and that the triggers that
 * keep records final are there, for before a write.
 *
 * Returns: %FALSE with %RC_ERROR_DATABASE when the file is damaged, or
 *   %RC_ERROR_TAMPERED when its triggers were removed or changed; the
 *   store then refuses writes and leaves the file as it is on closing
 */
gboolean
rc_store_quick_check (RcStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) refusal = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean sound;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &statement, NULL) != SQLITE_OK)
    rc_store_set_sqlite_error (self, &refusal);
  else
    {
      sound = sqlite3_step (statement) == SQLITE_ROW &&
              g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
      sqlite3_finalize (statement);
      if (!sound)
        g_set_error (&refusal, RC_ERROR, RC_ERROR_DATABASE,
                     _("%s: the database is damaged; nothing is written to it"), self->path);
      else
        check_triggers (self, problems, &refusal);
    }
  if (refusal == NULL && problems->len > 0)
    g_set_error (&refusal, RC_ERROR, RC_ERROR_TAMPERED,
                 _("%s: the safeguards that keep records final were removed or changed; "
                 "nothing is written to it"), self->path);
  if (refusal == NULL)
    return TRUE;
  rc_store_refuse_writes (self, refusal);
  g_propagate_error (error, g_steal_pointer (&refusal));
  return FALSE;
}

/* Each row of @sql on @db, its columns joined by tabs, as a set. */
static GHashTable *
collect_rows (sqlite3    *db,
              const char *sql)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) == SQLITE_OK)
    while (sqlite3_step (statement) == SQLITE_ROW)
      {
        g_autoptr(GString) row = g_string_new (NULL);

        for (int i = 0; i < sqlite3_column_count (statement); i++)
          g_string_append_printf (row, "%s%s", i > 0 ? "\t" : "",
                                  (const char *) sqlite3_column_text (statement, i));
        g_hash_table_add (rows, g_string_free (g_steal_pointer (&row), FALSE));
      }
  sqlite3_finalize (statement);
  return rows;
}

static void
check_integrity (RcStore   *self,
                 GPtrArray *problems)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA integrity_check (%d)", MAX_INTEGRITY_ROWS);
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: %s", self->path,
                                                  sqlite3_errmsg (self->db)));
      return;
    }
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (statement, 0);
      g_auto(GStrv) lines = NULL;

      if (row == NULL || strcmp (row, "ok") == 0)
        continue;
      /* One row can hold several problems under a heading of its own:
       * each becomes a line of its own that names the file. */
      lines = g_strsplit (row, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "*** "))
          /* Translators: the file, then SQLite's own words for the damage, in English */
          g_ptr_array_add (problems, g_strdup_printf (_("%s: damaged: %s"), self->path,
                                                      lines[i]));
    }
  sqlite3_finalize (statement);
}

/* The triggers this program's schema has, each as it creates it. */
static void
check_triggers (RcStore   *self,
                GPtrArray *problems,
                GError   **error)
{
  static const char *sql = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'";
  sqlite3 *reference = rc_store_open_reference (error);
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) present = NULL;
  GHashTableIter iter;
  gpointer row;

  if (reference == NULL)
    return;
  expected = collect_rows (reference, sql);
  sqlite3_close (reference);
  present = collect_rows (self->db, sql);

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!g_hash_table_contains (present, row))
      {
        g_autofree char *name = g_strndup (row, strcspn (row, "\t"));

        /* Translators: the file, then the trigger's name in the database */
        g_ptr_array_add (problems,
                         g_strdup_printf (_("%s: trigger %s is missing or was changed"),
                                          self->path, name));
      }
  g_hash_table_iter_init (&iter, present);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!g_hash_table_contains (expected, row))
      {
        g_autofree char *name = g_strndup (row, strcspn (row, "\t"));

        /* Translators: the file, then the trigger's name in the database */
        g_ptr_array_add (problems, g_strdup_printf (_("%s: trigger %s is not this program’s"),
                                                    self->path, name));
      }
}

/* A completed assessment is never deleted: one the audit log saw
 * completed must still be there. */
static void
check_completed_kept (RcStore   *self,
                      GPtrArray *problems)
{
  g_autoptr(GHashTable) missing =
    collect_rows (self->db,
                  "SELECT DISTINCT object_uuid FROM audit_log"
                  " WHERE object_type = 'assessment' AND action IN ('complete', 'amend')"
                  " AND object_uuid NOT IN (SELECT uuid FROM assessment)");
  GHashTableIter iter;
  gpointer uuid;

  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    /* What an edited log names may be anything, a name too: only a UUID
     * is repeated. */
    if (g_uuid_string_is_valid (uuid))
      g_ptr_array_add (problems,
                       g_strdup_printf (_("%s: assessment %s was completed, and is no longer "
                                          "stored"), self->path, (const char *) uuid));
    else
      g_ptr_array_add (problems,
                       g_strdup_printf (_("%s: the audit log names a completed assessment by "
                                          "something that is not a UUID"), self->path));
}

/* Walking the audit log in id order: the entry before the current one,
 * and the last entry a problem was reported for. */
typedef struct
{
  gint64  id;        /* 0 before the first */
  char   *hash;      /* as stored; RC_AUDIT_SEED before the first, NULL if none */
  char   *computed;  /* from its fields, when that is not what is stored */
  gint64  reported;  /* 0 while none was */
} ChainWalk;

/* The hash of the entry @statement is on, chained from @previous_hash. */
static char *
hash_entry (sqlite3_stmt *statement,
            gint64        id,
            const char   *previous_hash)
{
  RcAuditField fields[RC_AUDIT_N_FIELDS];

  rc_store_audit_fields_read (statement, 1, fields);
  return rc_store_audit_hash (id, fields, previous_hash);
}

/* One entry of the chain; at most one line for it. An entry's hash covers
 * its id, so an entry removed shows as a gap in the ids; one added with
 * an id before the first breaks no one else's link and is left out. */
static void
check_audit_entry (RcStore      *self,
                   sqlite3_stmt *statement,
                   ChainWalk    *walk,
                   GPtrArray    *problems)
{
  gint64 id = sqlite3_column_int64 (statement, 0);
  const char *stored = (const char *) sqlite3_column_text (statement, 1 + RC_AUDIT_N_FIELDS);
  g_autofree char *computed_before = NULL;

  if (id <= walk->id)
    {
      g_ptr_array_add (problems,
                       g_strdup_printf (_("%s: audit entry %lld is out of sequence: it was "
                                          "added outside the program"),
                                        self->path, (long long) id));
      walk->reported = id;
      return;
    }
  computed_before = g_steal_pointer (&walk->computed);
  if (id != walk->id + 1)
    {
      /* A range, not a count: one entry, or the first and the last. */
      if (walk->id + 1 == id - 1)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("%s: audit entry %lld is missing, before entry %lld"),
                                          self->path, (long long) (walk->id + 1), (long long) id));
      else
        g_ptr_array_add (problems,
                         g_strdup_printf (_("%s: audit entries %lld to %lld are missing, before "
                                            "entry %lld"), self->path, (long long) (walk->id + 1),
                                          (long long) (id - 1), (long long) id));
      walk->reported = id;
    }
  else
    {
      g_autofree char *expected = hash_entry (statement, id, walk->hash);
      gboolean links = g_strcmp0 (stored, expected) == 0;

      /* After a broken entry either link will do: its stored hash (its
       * fields were changed) or its fields' hash (its hash was changed),
       * so that one change is one line; the broken one is reported. */
      if (!links && computed_before != NULL)
        {
          g_autofree char *other = hash_entry (statement, id, computed_before);

          links = g_strcmp0 (stored, other) == 0;
        }
      if (!links)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_("%s: audit entry %lld does not match its hash: "
                                              "it, or the entry before it, was changed, or it "
                                              "was added outside the program"),
                                            self->path, (long long) id));
          walk->reported = id;
          walk->computed = g_steal_pointer (&expected);
        }
    }
  walk->id = id;
  g_free (walk->hash);
  walk->hash = g_strdup (stored);
}

/* The value of @key in meta, or %NULL when there is none. */
static char *
read_meta (sqlite3    *db,
           const char *key)
{
  sqlite3_stmt *statement = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = ?1", -1, &statement,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (statement, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  return value;
}

/* No entry vouches for the newest, so meta records the chain's length
 * and newest hash; the ids run from 1, so the length is the newest id.
 * What the walk already reported of the newest entries is not repeated.
 * Entries removed from the end together with this record go unseen. */
static void
check_audit_record (RcStore         *self,
                    const ChainWalk *walk,
                    GPtrArray       *problems)
{
  g_autofree char *count_text = read_meta (self->db, RC_AUDIT_COUNT_KEY);
  g_autofree char *last_hash = read_meta (self->db, RC_AUDIT_LAST_HASH_KEY);
  guint64 count;

  if (count_text == NULL || last_hash == NULL ||
      !g_ascii_string_to_unsigned (count_text, 10, 0, G_MAXINT64, &count, NULL))
    g_ptr_array_add (problems,
                     g_strdup_printf (_("%s: the audit log’s record of its newest entry is "
                                        "missing or damaged; the newest is entry %lld"),
                                      self->path, (long long) walk->id));
  else if (walk->id == 0 && count > 0)
    {
      g_autofree char *counted = rc_i18n_format_count (count);

      g_ptr_array_add (problems,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     /* Translators: the file, then how many
                                                      * entries the log's record says there are */
                                                     "%s: the audit log has no entries left, "
                                                     "though its record counts %s entry",
                                                     "%s: the audit log has no entries left, "
                                                     "though its record counts %s entries",
                                                     (gulong) count),
                                        self->path, counted));
    }
  else if ((gint64) count > walk->id)
    g_ptr_array_add (problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   /* Translators: the file, the newest entry there
                                                    * is, and how many entries the log's record
                                                    * says there are */
                                                   "%s: audit entries after entry %lld are "
                                                   "missing, or the log’s record of %llu entry "
                                                   "was changed",
                                                   "%s: audit entries after entry %lld are "
                                                   "missing, or the log’s record of %llu "
                                                   "entries was changed", (gulong) count),
                                      self->path, (long long) walk->id,
                                      (unsigned long long) count));
  else if (walk->reported == walk->id && walk->id > 0)
    return;
  else if ((gint64) count < walk->id)
    {
      /* A range, not a count: one entry, or the first and the last. */
      if ((gint64) count + 1 == walk->id)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("%s: audit entry %lld is past the end of the log’s "
                                            "record: added, or the record changed, outside the "
                                            "program"), self->path, (long long) walk->id));
      else
        g_ptr_array_add (problems,
                         g_strdup_printf (_("%s: audit entries %lld to %lld are past the end of "
                                            "the log’s record: added, or the record changed, "
                                            "outside the program"), self->path,
                                          (long long) count + 1, (long long) walk->id));
    }
  else if (g_strcmp0 (last_hash, walk->hash) != 0)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("%s: audit entry %lld does not match the log’s record "
                                        "of its newest entry: the entry or the record was "
                                        "changed outside the program"),
                                      self->path, (long long) walk->id));
}

/* The audit log's hash chain, streamed entry by entry, and meta's record
 * of its end, all in one read transaction so that a write elsewhere
 * meanwhile cannot look like a gap. */
static void
check_audit_chain (RcStore   *self,
                   GPtrArray *problems)
{
  ChainWalk walk = { .hash = g_strdup (RC_AUDIT_SEED) };
  sqlite3_stmt *statement = NULL;
  gboolean began = sqlite3_get_autocommit (self->db) != 0;
  int ret = SQLITE_ERROR;

  if ((!began || sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK) &&
      sqlite3_prepare_v2 (self->db,
                          "SELECT id, " RC_AUDIT_COLUMNS ", hash FROM audit_log ORDER BY id",
                          -1, &statement, NULL) == SQLITE_OK)
    while ((ret = sqlite3_step (statement)) == SQLITE_ROW)
      check_audit_entry (self, statement, &walk, problems);
  /* A damaged table is reported by the integrity check; here only that
   * the chain could not be followed to its end. */
  if (ret != SQLITE_DONE)
    /* Translators: the file, then SQLite's own words, in English */
    g_ptr_array_add (problems, g_strdup_printf (_("%s: the audit log cannot be read to its "
                                                  "end: %s"),
                                                self->path, sqlite3_errmsg (self->db)));
  else
    check_audit_record (self, &walk, problems);
  sqlite3_finalize (statement);
  if (began && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  g_free (walk.hash);
  g_free (walk.computed);
}

/**
 * rc_store_check:
 * @problems: (out) (transfer full) (element-type utf8): one line for each
 *   problem found; empty when there is none
 *
 * Runs SQLite's integrity check and looks for tampering: the triggers
 * that keep completed assessments and the audit log final, present and
 * unchanged, the audit log's hash chain whole and ending where meta's
 * record says, and every completed assessment the audit log knows still
 * stored. A database with problems is left as it is on closing.
 *
 * Returns: %FALSE with @error set when the checks could not run
 */
gboolean
rc_store_check (RcStore    *self,
                GPtrArray **problems,
                GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  check_integrity (self, found);
  check_triggers (self, found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (rc_store_get_schema_version (self) >= RC_STORE_AUDIT_CHAIN_VERSION)
    check_audit_chain (self, found);
  check_completed_kept (self, found);
  if (found->len > 0)
    {
      g_autoptr(GError) refusal = g_error_new (RC_ERROR, RC_ERROR_DATABASE,
                                               _("%s: the check found problems; nothing is "
                                               "written to it"), self->path);

      rc_store_refuse_writes (self, refusal);
    }
  *problems = g_steal_pointer (&found);
  return TRUE;
}
