/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <string.h>

#include "rc-error.h"
#include "rc-store-private.h"

/* Damage and tampering: SQLite's own checks of the file, and what keeps
 * the records final — the triggers that make completed assessments and
 * the audit log append-only, and the completed assessments the audit log
 * knows. Messages name tables, triggers and UUIDs, never a value. */

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
                     "%s: the database is damaged; nothing is written to it", self->path);
      else
        check_triggers (self, problems, &refusal);
    }
  if (refusal == NULL && problems->len > 0)
    g_set_error (&refusal, RC_ERROR, RC_ERROR_TAMPERED,
                 "%s: the safeguards that keep records final were removed or changed; "
                 "nothing is written to it", self->path);
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

      if (g_strcmp0 (row, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf ("%s: damaged: %s", self->path, row));
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

        g_ptr_array_add (problems,
                         g_strdup_printf ("%s: trigger %s is missing or was changed", self->path,
                                          name));
      }
  g_hash_table_iter_init (&iter, present);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    if (!g_hash_table_contains (expected, row))
      {
        g_autofree char *name = g_strndup (row, strcspn (row, "\t"));

        g_ptr_array_add (problems, g_strdup_printf ("%s: trigger %s is not this program's",
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
    g_ptr_array_add (problems,
                     g_strdup_printf ("%s: assessment %s was completed, and is no longer stored",
                                      self->path, (const char *) uuid));
}

/**
 * rc_store_check:
 * @problems: (out) (transfer full) (element-type utf8): one line for each
 *   problem found; empty when there is none
 *
 * Runs SQLite's integrity check and looks for tampering: the triggers
 * that keep completed assessments and the audit log final, present and
 * unchanged, and every completed assessment the audit log knows still
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
  check_completed_kept (self, found);
  if (found->len > 0)
    {
      g_autoptr(GError) refusal = g_error_new (RC_ERROR, RC_ERROR_DATABASE,
                                               "%s: the check found problems; nothing is "
                                               "written to it", self->path);

      rc_store_refuse_writes (self, refusal);
    }
  *problems = g_steal_pointer (&found);
  return TRUE;
}
