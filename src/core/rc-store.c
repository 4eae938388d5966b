/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-search-index.h"
#include "rc-text.h"
#include "rc-store-private.h"

/* Everything the program keeps lives in one SQLite file, and this is the
 * only code that speaks SQL. Every statement is prepared with bound
 * parameters; every write runs in a transaction; WAL with synchronous=FULL
 * means a committed change survives a crash or a pulled plug. Messages
 * name the database file, a clinic code or a UUID, never a person. */

/* "RCap": marks the file as ours, so another program's SQLite database is
 * refused rather than filled with our tables. */
#define APPLICATION_ID 0x52436170
#define BUSY_TIMEOUT_MS 5000

/* Version 1 makes it, and version 4 makes it again byte for byte after
 * chaining the entries there: rc_store_check() compares a file's triggers,
 * as text, with those the migrations make in memory. */
#define AUDIT_LOG_NO_UPDATE \
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log" \
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"

/* Forward-only migrations: step i takes a database from version i to
 * version i + 1, and sets that version itself, inside the transaction. */
static const char * const migrations[] = {
  /* 0 → 1: the first schema. */
  "PRAGMA application_id = 1380147568;"
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE client ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  clinic_code TEXT NOT NULL CHECK (clinic_code <> ''),"
  "  given_name TEXT NOT NULL CHECK (given_name <> ''),"
  "  family_name TEXT NOT NULL CHECK (family_name <> ''),"
  "  birth_date TEXT CHECK (birth_date IS NULL OR birth_date = date (birth_date)),"
  "  family_key TEXT NOT NULL,"
  "  given_key TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  deleted_at TEXT"
  ");"
  "CREATE UNIQUE INDEX client_clinic_code ON client (clinic_code) WHERE deleted_at IS NULL;"
  "CREATE INDEX client_order ON client (family_key, given_key, clinic_code)"
  "  WHERE deleted_at IS NULL;"
  "CREATE TABLE client_term ("
  "  term TEXT NOT NULL,"
  "  client_id INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (term, client_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX client_term_client ON client_term (client_id, term);"
  "CREATE TABLE assessment ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE CHECK (length (uuid) = 36),"
  "  client_id INTEGER NOT NULL REFERENCES client (id),"
  "  instrument_id TEXT NOT NULL,"
  "  instrument_version INTEGER NOT NULL CHECK (instrument_version >= 1),"
  "  timepoint TEXT NOT NULL CHECK (timepoint IN ('intake', 'review', 'discharge', 'follow-up')),"
  "  assessed_on TEXT NOT NULL CHECK (assessed_on = date (assessed_on)),"
  "  assessor TEXT NOT NULL,"
  "  rater TEXT NOT NULL CHECK (rater IN ('worker', 'client')),"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'complete')),"
  "  version INTEGER NOT NULL CHECK (version >= 1),"
  "  supersedes_id INTEGER UNIQUE REFERENCES assessment (id),"
  "  amendment_reason TEXT CHECK ((supersedes_id IS NULL) = (amendment_reason IS NULL)),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  deleted_at TEXT,"
  "  CHECK (status = 'draft' OR assessor <> '')"
  ");"
  "CREATE INDEX assessment_client ON assessment (client_id, assessed_on);"
  "CREATE INDEX assessment_draft ON assessment (updated_at) WHERE status = 'draft';"
  "CREATE TABLE rating ("
  "  assessment_id INTEGER NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  factor_key TEXT NOT NULL,"
  "  score INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  goal TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (assessment_id, factor_key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  object_type TEXT NOT NULL,"
  "  object_uuid TEXT NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX audit_log_object ON audit_log (object_uuid);"
  AUDIT_LOG_NO_UPDATE
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;"
  "CREATE TRIGGER assessment_complete_is_final BEFORE UPDATE ON assessment"
  "  WHEN OLD.status = 'complete'"
  "  BEGIN SELECT RAISE (ABORT, 'a completed assessment cannot be changed'); END;"
  "CREATE TRIGGER rating_complete_no_insert BEFORE INSERT ON rating"
  "  WHEN (SELECT status FROM assessment WHERE id = NEW.assessment_id) = 'complete'"
  "  BEGIN SELECT RAISE (ABORT, 'a completed assessment cannot be changed'); END;"
  "CREATE TRIGGER rating_complete_no_update BEFORE UPDATE ON rating"
  "  WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'complete'"
  "  BEGIN SELECT RAISE (ABORT, 'a completed assessment cannot be changed'); END;"
  "CREATE TRIGGER rating_complete_no_delete BEFORE DELETE ON rating"
  "  WHEN (SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'complete'"
  "  BEGIN SELECT RAISE (ABORT, 'a completed assessment cannot be changed'); END;"
  "PRAGMA user_version = 1;",

  /* 1 → 2: a draft's factor can be "not rated yet" (rated = 0, no score),
   * apart from one deliberately not assessed (rated = 1, no score). The
   * version-1 app started every factor without a score and could not
   * record the difference, so a draft's missing scores become not rated
   * yet (completing asks about them again); a completed assessment's stay
   * not assessed. The triggers of version 1 already keep any rating from
   * being added to, or changed in, a completed assessment. */
  "ALTER TABLE rating ADD COLUMN rated INTEGER NOT NULL DEFAULT 1"
  "  CHECK (rated IN (0, 1) AND (rated = 1 OR score IS NULL));"
  "UPDATE rating SET rated = 0 WHERE score IS NULL AND assessment_id IN"
  "  (SELECT id FROM assessment WHERE status = 'draft');"
  "CREATE TRIGGER assessment_complete_all_rated BEFORE UPDATE OF status ON assessment"
  "  WHEN NEW.status = 'complete'"
  "   AND EXISTS (SELECT 1 FROM rating WHERE assessment_id = NEW.id AND rated = 0)"
  "  BEGIN SELECT RAISE (ABORT, 'a completed assessment cannot have a factor not rated yet'); END;"
  "PRAGMA user_version = 2;",

  /* 2 → 3: clinic codes are compared as rc_text_code_key() folds them,
   * "rc-100" as "RC-100", through a column this program fills (SQL cannot
   * fold Unicode; the migration calls the program's own function). Twins
   * stored before stay, and `init` lists them. A draft's revision counts
   * its saves, so that a save sees a change made elsewhere since it was
   * read, which a timestamp to the second could miss. */
  "ALTER TABLE client ADD COLUMN code_key TEXT NOT NULL DEFAULT '';"
  "UPDATE client SET code_key = rc_code_key (clinic_code);"
  "CREATE INDEX client_code_key ON client (code_key) WHERE deleted_at IS NULL;"
  "ALTER TABLE assessment ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;"
  "PRAGMA user_version = 3;",

  /* 3 → 4: the audit log is a hash chain (rc-store-audit.c), so that
   * rc_store_check() finds an entry changed, removed or added behind the
   * program's back; meta records the chain's length and newest hash,
   * since no later entry vouches for the newest. The entries there are
   * chained in id order by the program's own window function (in a plain
   * UPDATE one row's new hash cannot reach the next row's); the trigger
   * that refuses updates steps aside for that and comes back as it was. */
  "ALTER TABLE audit_log ADD COLUMN hash TEXT;"
  "DROP TRIGGER audit_log_no_update;"
  "UPDATE audit_log SET hash = chain.hash FROM"
  "  (SELECT id, rc_audit_chain (id, " RC_AUDIT_COLUMNS ")"
  "     OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash"
  "   FROM audit_log) AS chain"
  "  WHERE audit_log.id = chain.id;"
  AUDIT_LOG_NO_UPDATE
  "INSERT INTO meta (key, value)"
  "  SELECT '" RC_AUDIT_COUNT_KEY "', count(*) FROM audit_log;"
  "INSERT INTO meta (key, value) VALUES ('" RC_AUDIT_LAST_HASH_KEY "',"
  "  ifnull ((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '" RC_AUDIT_SEED "'));"
  "PRAGMA user_version = 4;",

  /* 4 → 5: the language of the instrument's texts each assessment was
   * rated with, for comparisons across languages to say so; unknown for
   * those rated before. */
  "ALTER TABLE assessment ADD COLUMN text_language TEXT;"
  "PRAGMA user_version = 5;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RC_STORE_SCHEMA_VERSION);


G_DEFINE_FINAL_TYPE (RcStore, rc_store, G_TYPE_OBJECT)

void
rc_audit_entry_free (RcAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->object_type);
  g_free (entry->object_uuid);
  g_free (entry->detail);
  g_free (entry);
}

static void
rc_store_finalize (GObject *object)
{
  RcStore *self = RC_STORE (object);

  g_clear_pointer (&self->search_index, rc_search_index_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  /* Only after SQLite's own descriptor: closing any descriptor of the
   * file drops every POSIX lock the process holds on it, SQLite's too. */
  if (self->lock_fd >= 0)
    g_close (self->lock_fd, NULL);
  g_clear_object (&self->catalog);
  g_free (self->path);
  g_free (self->actor);
  g_clear_error (&self->write_refusal);

  G_OBJECT_CLASS (rc_store_parent_class)->finalize (object);
}

static void
rc_store_class_init (RcStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_store_finalize;
}

static void
finalize_statement (gpointer statement)
{
  sqlite3_finalize (statement);
}

static void
rc_store_init (RcStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->actor = g_strdup (g_get_user_name ());
  self->lock_fd = -1;
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
}

/* Maps an SQLite result code, and the system's errno behind it, to our
 * error codes. */
static RcError
error_code_for (int sqlite_code,
                int system_errno)
{
  switch (sqlite_code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return RC_ERROR_CONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return RC_ERROR_BUSY;
    case SQLITE_FULL:
      return RC_ERROR_FULL;
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EFBIG)
        return RC_ERROR_FULL;
      return RC_ERROR_IO;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return RC_ERROR_IO;
    default:
      return RC_ERROR_DATABASE;
    }
}

/* Less room than this counts as none: a write needs pages. */
#define ROOM_NEEDED (64 * 1024)

/* SQLite reports a write cut short by a full disk or by the file size
 * limit (RLIMIT_FSIZE) as a plain I/O error with no errno; the file
 * system tells which it was. */
static int
errno_behind_failed_write (const char *path)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct statvfs disk;
  struct rlimit limit;
  GStatBuf file;

  if (statvfs (directory, &disk) == 0 && (guint64) disk.f_bavail * disk.f_frsize < ROOM_NEEDED)
    return ENOSPC;
  if (getrlimit (RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      ((g_stat (wal, &file) == 0 && (rlim_t) file.st_size + ROOM_NEEDED > limit.rlim_cur) ||
       (g_stat (path, &file) == 0 && (rlim_t) file.st_size + ROOM_NEEDED > limit.rlim_cur)))
    return EFBIG;
  return 0;
}

/* The last error of @db, a connection to the file @path, in our words. */
gboolean
rc_store_set_connection_error (sqlite3     *db,
                               const char  *path,
                               GError     **error)
{
  int code = sqlite3_extended_errcode (db);
  int system_errno = sqlite3_system_errno (db);
  const char *message = sqlite3_errmsg (db);
  RcError our_code;

  if (system_errno == 0 && ((code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_FULL))
    system_errno = errno_behind_failed_write (path);
  our_code = error_code_for (code, system_errno);

  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
    message = "the file is damaged or is not a database";
  else if (our_code == RC_ERROR_BUSY)
    message = "the database is busy: another program is writing to it";
  else if (our_code == RC_ERROR_FULL)
    message = system_errno == EFBIG ? "the file size limit is reached" : "the disk is full";
  g_set_error (error, RC_ERROR, our_code, "%s: %s", path, message);
  return FALSE;
}

gboolean
rc_store_set_sqlite_error (RcStore  *self,
                           GError  **error)
{
  return rc_store_set_connection_error (self->db, self->path, error);
}

/* Statements are prepared once and kept; the key is the address of the
 * SQL text, which is always a string literal. */
sqlite3_stmt *
rc_store_prepare (RcStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK)
    {
      rc_store_set_sqlite_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, statement);
  return statement;
}

/* Runs a statement that returns no rows. */
gboolean
rc_store_run (RcStore      *self,
              sqlite3_stmt *statement,
              GError      **error)
{
  int ret = sqlite3_step (statement);

  sqlite3_reset (statement);
  if (ret != SQLITE_DONE && ret != SQLITE_ROW)
    return rc_store_set_sqlite_error (self, error);
  return TRUE;
}

/* Steps a query. At the end or on an error (set), the statement is reset. */
RcStoreStep
rc_store_step (RcStore      *self,
               sqlite3_stmt *statement,
               GError      **error)
{
  int ret = sqlite3_step (statement);

  if (ret == SQLITE_ROW)
    return RC_STORE_STEP_ROW;
  sqlite3_reset (statement);
  if (ret != SQLITE_DONE)
    {
      rc_store_set_sqlite_error (self, error);
      return RC_STORE_STEP_ERROR;
    }
  return RC_STORE_STEP_DONE;
}

void
rc_store_bind_text (sqlite3_stmt *statement,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
}

/* Valid until the statement steps or resets: setters copy it. */
const char *
rc_store_column_string (sqlite3_stmt *statement,
                        int           column)
{
  return (const char *) sqlite3_column_text (statement, column);
}

char *
rc_store_column_text (sqlite3_stmt *statement,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (statement, column));
}

static gboolean
exec_script (RcStore     *self,
             const char  *sql,
             GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return rc_store_set_sqlite_error (self, error);
  return TRUE;
}

/**
 * rc_store_begin:
 *
 * Starts a transaction, or a savepoint inside the current one, so that a
 * caller can make several writes all or nothing. Pair with
 * rc_store_commit() or rc_store_rollback().
 */
gboolean
rc_store_begin (RcStore  *self,
                GError  **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), FALSE);

  if (self->write_refusal != NULL)
    {
      g_propagate_error (error, g_error_copy (self->write_refusal));
      return FALSE;
    }
  /* IMMEDIATE takes the write lock now, so a second program waits for it
   * instead of failing halfway through. */
  if (!exec_script (self, self->transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
                    error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
rc_store_commit (RcStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!exec_script (self, self->transaction_depth == 1 ? "COMMIT" : "RELEASE nested", error))
    {
      rc_store_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
rc_store_rollback (RcStore *self)
{
  g_return_if_fail (RC_IS_STORE (self));
  g_return_if_fail (self->transaction_depth > 0);

  /* The index may hold what was just undone. */
  g_clear_pointer (&self->search_index, rc_search_index_free);
  if (self->transaction_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
  self->transaction_depth--;
}

/* A read transaction sees one state of the database throughout, and
 * takes its locks once rather than for every statement. Inside another
 * transaction there is nothing to begin; *@began says whether this did. */
gboolean
rc_store_begin_read (RcStore   *self,
                     gboolean  *began,
                     GError   **error)
{
  *began = sqlite3_get_autocommit (self->db) != 0;
  return !*began || exec_script (self, "BEGIN", error);
}

void
rc_store_end_read (RcStore  *self,
                   gboolean  began)
{
  if (began)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

/* Ends a transaction begun by the caller: commits when @ok, else rolls back. */
gboolean
rc_store_finish (RcStore  *self,
                 gboolean  ok,
                 GError  **error)
{
  if (!ok)
    {
      rc_store_rollback (self);
      return FALSE;
    }
  return rc_store_commit (self, error);
}

gboolean
rc_store_query_int (RcStore     *self,
                    const char  *sql,
                    gint64      *out,
                    GError     **error)
{
  sqlite3_stmt *statement = rc_store_prepare (self, sql, error);

  if (statement == NULL)
    return FALSE;
  if (rc_store_step (self, statement, error) != RC_STORE_STEP_ROW)
    return FALSE;
  *out = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return TRUE;
}

/**
 * rc_store_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/recovery-capital/recovery-capital.db`
 */
char *
rc_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, PACKAGE_NAME ".db", NULL);
}

/* What SQLite would take for something else than a file, and what is
 * there but is no file to open as a database, refused before anything
 * is created. */
static gboolean
check_path (const char  *path,
            GError     **error)
{
  GStatBuf file;

  if (g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:") || *path == '\0')
    {
      g_set_error (error, RC_ERROR, RC_ERROR_NOT_A_PATH,
                   _("%s: not a file name; give the path of a database file"), path);
      return FALSE;
    }
  if (g_lstat (path, &file) != 0)
    return TRUE;
  if (S_ISLNK (file.st_mode))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO,
                   g_stat (path, &file) != 0 && errno == ELOOP
                   ? "%s: is a loop of symbolic links, not a database"
                   : "%s: is a symbolic link; give the database file itself", path);
      return FALSE;
    }
  if (S_ISDIR (file.st_mode))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: is a folder, not a database"), path);
      return FALSE;
    }
  if (!S_ISREG (file.st_mode))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO,
                   _("%s: is not a regular file (a pipe or a device), not a database"), path);
      return FALSE;
    }
  return TRUE;
}

/* Creates the folders and the empty file with owner-only permissions, so
 * that SQLite, which gives its -wal and -shm files the database's
 * permissions, never makes a health record readable by others. */
static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: cannot create the folder: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: cannot create the database: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    g_close (fd, NULL);
  return TRUE;
}

/* Refuses, before anything is written, a file that is not a database of
 * ours or that a newer program has made. */
static gboolean
check_version (RcStore  *self,
               gint64   *version,
               GError  **error)
{
  gint64 application_id, n_objects;

  if (!rc_store_query_int (self, "PRAGMA user_version", version, error) ||
      !rc_store_query_int (self, "PRAGMA application_id", &application_id, error) ||
      !rc_store_query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  /* An id of 0 is a new file, or a database that never set one; ours has
   * set it since the first schema, so tables or a version mean another's. */
  if (application_id != APPLICATION_ID &&
      (application_id != 0 || n_objects > 0 || *version != 0))
    {
      g_set_error (error, RC_ERROR, RC_ERROR_DATABASE,
                   _("%s: the file is another program's database; it was not changed"), self->path);
      return FALSE;
    }
  if (*version > RC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_NEWER_DATABASE,
                   _("%s: made by a newer version of Recovery Capital (schema %d, this "
                     "program knows up to %d); it was not changed"),
                   self->path, (int) *version, RC_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* WAL lets the app's saves and another program's reads go on side by
 * side, and makes a commit durable with one write. */
static gboolean
use_write_ahead_log (RcStore  *self,
                     GError  **error)
{
  sqlite3_stmt *statement;
  gboolean is_wal;

  statement = rc_store_prepare (self, "PRAGMA journal_mode = WAL", error);
  if (statement == NULL || rc_store_step (self, statement, error) != RC_STORE_STEP_ROW)
    return FALSE;
  is_wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (statement, 0), "wal") == 0;
  sqlite3_reset (statement);
  if (!is_wal)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO,
                   _("%s: cannot use a write-ahead log in this folder"), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
configure_connection (RcStore  *self,
                      GError  **error)
{
  /* secure_delete overwrites what is deleted: free pages of a health
   * record file should not keep old notes. */
  return exec_script (self,
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA secure_delete = ON;"
                      "PRAGMA trusted_schema = OFF;",
                      error);
}

static gboolean
migrate (RcStore  *self,
         gint64    from_version,
         GError  **error)
{
  for (gint64 version = from_version; version < RC_STORE_SCHEMA_VERSION; version++)
    {
      if (!rc_store_begin (self, error))
        return FALSE;
      if (!rc_store_finish (self, exec_script (self, migrations[version], error), error))
        return FALSE;
    }
  return TRUE;
}

/* rc_code_key (code): for the migration that fills client.code_key. */
static void
code_key_function (sqlite3_context  *context,
                   int               n_arguments,
                   sqlite3_value   **arguments)
{
  const char *code = (const char *) sqlite3_value_text (arguments[0]);
  g_autofree char *key = NULL;

  g_assert (n_arguments == 1);
  if (code == NULL || !g_utf8_validate (code, -1, NULL))
    {
      sqlite3_result_text (context, code != NULL ? code : "", -1, SQLITE_TRANSIENT);
      return;
    }
  key = rc_text_code_key (code);
  sqlite3_result_text (context, key, -1, SQLITE_TRANSIENT);
}

/* After a restore: the restored file may be of an older schema. */
gboolean
rc_store_upgrade (RcStore  *self,
                  GError  **error)
{
  gint64 version;

  g_clear_pointer (&self->search_index, rc_search_index_free);
  return check_version (self, &version, error) && migrate (self, version, error);
}

/* The program's own functions the migrations call. */
static void
add_functions (sqlite3 *db)
{
  /* DIRECTONLY: never run from the schema, whatever a file holds. */
  sqlite3_create_function (db, "rc_code_key", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                           code_key_function, NULL, NULL);
  rc_store_add_audit_functions (db);
}

/* A database in memory with this program's schema, to compare a file's
 * with (rc_store_check()). */
sqlite3 *
rc_store_open_reference (GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("out of memory"));
      sqlite3_close (db);
      return NULL;
    }
  add_functions (db);
  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    if (sqlite3_exec (db, migrations[i], NULL, NULL, NULL) != SQLITE_OK)
      {
        rc_store_set_connection_error (db, ":memory:", error);
        sqlite3_close (db);
        return NULL;
      }
  return db;
}

typedef enum
{
  OPEN_WRITABLE,
  OPEN_READ_ONLY,
  OPEN_IMMUTABLE,
} OpenMode;

static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf file;

  return g_stat (wal, &file) == 0 && file.st_size > 0;
}

/* A file or a folder this process cannot write to is only read. SQLite
 * reads a WAL database in a folder where it cannot make its -shm index
 * only when told that the file never changes (immutable), which is true
 * only when no one can write to the file or the folder — and it would
 * not see what a WAL left by a crash holds, so never then. */
static OpenMode
choose_open_mode (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  gboolean file_writable = g_access (path, W_OK) == 0;
  gboolean folder_writable = g_access (folder, W_OK | X_OK) == 0;

  if (file_writable && folder_writable)
    return OPEN_WRITABLE;
  if (!file_writable && !folder_writable && !has_wal_content (path))
    return OPEN_IMMUTABLE;
  return OPEN_READ_ONLY;
}

static gboolean
open_connection (RcStore   *self,
                 OpenMode   mode,
                 gboolean   exclusive,
                 GError   **error)
{
  g_autofree char *uri = NULL;
  int flags = SQLITE_OPEN_NOFOLLOW |
              (mode == OPEN_WRITABLE ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);

  if (mode == OPEN_IMMUTABLE)
    {
      g_autofree char *absolute = g_canonicalize_filename (self->path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, error);

      if (file_uri == NULL)
        return FALSE;
      uri = g_strconcat (file_uri, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_URI;
    }
  /* Again after a first try: the statements go with the connection. */
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->db, sqlite3_close);
  if (sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, flags, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        {
          g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: out of memory"), self->path);
          return FALSE;
        }
      return rc_store_set_sqlite_error (self, error);
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* A database refused on the way in is left as it was: no checkpoint
   * of a WAL, even a stale one beside a replaced file, on closing. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  add_functions (self->db);
  /* On a full disk SQLite cannot make the WAL's -shm index, and so
   * cannot even read; in exclusive locking mode the index lives in this
   * process's memory, and no other program uses the file meanwhile. */
  return !exclusive || exec_script (self, "PRAGMA locking_mode = EXCLUSIVE", error);
}

/* The first read, for which SQLite makes the -shm index of the WAL. */
static gboolean
open_and_check_version (RcStore   *self,
                        OpenMode   mode,
                        gint64    *version,
                        GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!open_connection (self, mode, FALSE, error))
    return FALSE;
  if (check_version (self, version, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, RC_ERROR, RC_ERROR_FULL))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return open_connection (self, mode, TRUE, error) && check_version (self, version, error);
}

static gboolean
open_read_only (RcStore  *self,
                gint64    version,
                GError  **error)
{
  if (version < RC_STORE_OLDEST_READABLE_VERSION)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_READ_ONLY,
                   _("%s: made by an older version of Recovery Capital, and read-only here; "
                   "open it once where it can be written to, to bring it up to date"),
                   self->path);
      return FALSE;
    }
  g_set_error (&self->write_refusal, RC_ERROR, RC_ERROR_READ_ONLY,
               _("%s: the database is read-only (the file or its folder cannot be written "
               "to); nothing is written to it"), self->path);
  if (!configure_connection (self, error))
    return FALSE;
  /* Read as the current schema: a view in the connection's own temporary
   * schema, which names resolve to first, stands in for the table. */
  return version >= RC_STORE_TEXT_LANGUAGE_VERSION ||
         exec_script (self, "CREATE TEMP VIEW assessment AS"
                            " SELECT *, NULL AS text_language FROM main.assessment", error);
}

/* Which file is open, so that a reconnection finds the same one. */
static gboolean
remember_file (RcStore  *self,
               GError  **error)
{
  GStatBuf file;

  if (g_stat (self->path, &file) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: %s", self->path, g_strerror (saved_errno));
      return FALSE;
    }
  self->device = file.st_dev;
  self->inode = file.st_ino;
  return TRUE;
}

static gboolean
is_same_file (RcStore *self)
{
  GStatBuf file;

  return g_stat (self->path, &file) == 0 && file.st_dev == self->device &&
         file.st_ino == self->inode;
}

/**
 * rc_store_open:
 * @path: the database file; created, with its folders, when missing
 * @catalog: the instruments assessments are checked against
 *
 * Opens the database and brings its schema up to date. A database made by
 * a newer program, or that is not ours, is refused and left untouched. A
 * file or folder that cannot be written to is opened to be read only
 * (rc_store_get_write_refusal()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
RcStore *
rc_store_open (const char           *path,
               RcInstrumentCatalog  *catalog,
               GError              **error)
{
  g_autoptr(RcStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  OpenMode mode;
  gint64 version;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (RC_IS_INSTRUMENT_CATALOG (catalog), NULL);

  if (!check_path (path, error) || !ensure_file (path, error))
    return NULL;

  self = g_object_new (RC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->catalog = g_object_ref (catalog);

  mode = choose_open_mode (path);
  if (!open_and_check_version (self, mode, &version, &local_error))
    {
      /* SQLite needs to make the -shm index to read what a WAL holds. */
      if (mode == OPEN_READ_ONLY && has_wal_content (path) &&
          g_error_matches (local_error, RC_ERROR, RC_ERROR_IO))
        g_set_error (error, RC_ERROR, RC_ERROR_READ_ONLY,
                     _("%s: its latest changes, in %s-wal, can be read only where the folder "
                     "can be written to; copy the folder with both files somewhere else"),
                     path, path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!remember_file (self, error))
    return NULL;
  /* SQLite falls back to reading where it cannot write, without a word. */
  if (mode != OPEN_WRITABLE || sqlite3_db_readonly (self->db, "main") == 1)
    return open_read_only (self, version, error) ? g_steal_pointer (&self) : NULL;

  if (!use_write_ahead_log (self, error) || !configure_connection (self, error))
    return NULL;
  /* A migration rewrites tables: the data as it was is kept first. */
  if (version > 0 && version < RC_STORE_SCHEMA_VERSION)
    {
      g_autofree char *backup = rc_store_make_backup (self, RC_BACKUP_PRE_MIGRATION, error);

      if (backup == NULL)
        return NULL;
    }
  if (!migrate (self, version, error))
    return NULL;
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  return g_steal_pointer (&self);
}

/**
 * rc_store_reconnect:
 *
 * Replaces the connection with a new one to the same file, for after
 * something else in this process opened and closed one of the
 * database's files: GTK's file chooser does, reading the files of the
 * folder it shows to tell their type. Closing any descriptor of a file
 * drops every POSIX lock (fcntl(2)) the process holds on it, SQLite's
 * too; another program could then take the database for unused on
 * closing, and delete the write-ahead log this connection would go on
 * writing to. SQLite takes its locks again only for a file no
 * connection of this process has open: call it while no other store of
 * this process is open on the file.
 *
 * Returns: %FALSE with @error set when the file was replaced or cannot
 *   be opened again; then nothing more is written through this store
 */
gboolean
rc_store_reconnect (RcStore  *self,
                    GError  **error)
{
  g_autoptr(RcStore) fresh = NULL;
  g_autoptr(GError) local_error = NULL;
  GHashTable *statements;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  if (is_same_file (self))
    {
      /* Closed first, so that the new connection takes the locks. */
      g_hash_table_remove_all (self->statements);
      g_clear_pointer (&self->db, sqlite3_close);
      g_clear_pointer (&self->search_index, rc_search_index_free);
      fresh = rc_store_open (self->path, self->catalog, &local_error);
      /* Replaced between the look and the opening. */
      if (fresh != NULL && (fresh->device != self->device || fresh->inode != self->inode))
        g_clear_object (&fresh);
      /* Nothing to read rather than a connection that is gone; the
       * refusal says why. */
      if (fresh == NULL)
        sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READONLY, NULL);
    }
  if (fresh == NULL)
    {
      if (local_error == NULL)
        g_set_error (&local_error, RC_ERROR, RC_ERROR_DATABASE,
                     _("%s: the file was replaced or removed while it was open; nothing more "
                       "is written to it"), self->path);
      rc_store_refuse_writes (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Its statements were prepared on its connection, and come along. */
  statements = self->statements;
  self->statements = fresh->statements;
  fresh->statements = statements;
  self->db = g_steal_pointer (&fresh->db);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
  if (self->write_refusal != NULL)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  else if (fresh->write_refusal != NULL)
    self->write_refusal = g_error_copy (fresh->write_refusal);
  return TRUE;
}

/**
 * rc_store_get_write_refusal:
 *
 * Returns: (nullable) (transfer none): why nothing is written to the
 *   database — %RC_ERROR_READ_ONLY, %RC_ERROR_DATABASE for damage found,
 *   %RC_ERROR_TAMPERED — or %NULL while writes go ahead
 */
const GError *
rc_store_get_write_refusal (RcStore *self)
{
  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  return self->write_refusal;
}

/**
 * rc_store_refuse_writes:
 * @reason: what is wrong with the database
 *
 * From now on every write fails with @reason, and the database is left
 * as it is on closing: for damage or tampering found, by this store or
 * by another connection's check.
 */
void
rc_store_refuse_writes (RcStore      *self,
                        const GError *reason)
{
  g_return_if_fail (RC_IS_STORE (self));
  g_return_if_fail (reason != NULL);

  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  /* Read-only stays the reason: a restore could not lift it. */
  if (self->write_refusal == NULL ||
      !g_error_matches (self->write_refusal, RC_ERROR, RC_ERROR_READ_ONLY))
    {
      g_clear_error (&self->write_refusal);
      self->write_refusal = g_error_copy (reason);
    }
}

/**
 * rc_store_set_busy_timeout:
 * @milliseconds: how long a write waits for another program's to end
 *
 * A store waits up to 5 s by default, as a command-line program may; a
 * window must not freeze that long, so it waits briefly and tries again
 * later when the write fails with %RC_ERROR_BUSY.
 */
void
rc_store_set_busy_timeout (RcStore *self,
                           guint    milliseconds)
{
  g_return_if_fail (RC_IS_STORE (self));
  self->busy_timeout_ms = (int) MIN (milliseconds, G_MAXINT);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
}

/**
 * rc_store_hold_lock:
 *
 * Takes an advisory lock (flock(2)) on the database file, held until the
 * store is finalized: the app holds it while a window is open on the
 * database, so that a second app or a restore can tell. SQLite's own
 * locks are separate, so other programs can still read and write.
 *
 * Returns: %FALSE with %RC_ERROR_BUSY when another program holds it
 */
gboolean
rc_store_hold_lock (RcStore  *self,
                    GError  **error)
{
  int fd;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);

  if (self->lock_fd >= 0)
    return TRUE;
  fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: %s", self->path, g_strerror (saved_errno));
      return FALSE;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      /* Not closed: that would drop SQLite's locks (see finalize). */
      self->lock_fd = fd;
      if (saved_errno == EWOULDBLOCK)
        g_set_error (error, RC_ERROR, RC_ERROR_BUSY,
                     _("%s: the database is open in Recovery Capital elsewhere"), self->path);
      else
        g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: cannot be locked: %s"), self->path,
                     g_strerror (saved_errno));
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

/**
 * rc_store_path_is_held:
 * @path: a database file
 *
 * Never call it on a file this process has open as a store: closing the
 * descriptor it opens would drop SQLite's locks on the file.
 *
 * Returns: whether a program holds rc_store_hold_lock() on @path
 */
gboolean
rc_store_path_is_held (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean held;

  g_return_val_if_fail (path != NULL, FALSE);

  if (fd < 0)
    return FALSE;
  held = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  g_close (fd, NULL);
  return held;
}

const char *
rc_store_get_path (RcStore *self)
{
  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  return self->path;
}

/**
 * rc_store_get_catalog:
 *
 * Returns: (transfer none): the instruments the store checks against
 */
RcInstrumentCatalog *
rc_store_get_catalog (RcStore *self)
{
  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  return self->catalog;
}

int
rc_store_get_schema_version (RcStore *self)
{
  gint64 version = 0;

  g_return_val_if_fail (RC_IS_STORE (self), 0);

  if (!rc_store_query_int (self, "PRAGMA user_version", &version, NULL))
    return -1;
  return (int) version;
}

/* The id and hash of the newest audit entry: 0 and the seed when the log
 * is empty. */
static gboolean
read_newest_audit_entry (RcStore  *self,
                         gint64   *id,
                         char    **hash,
                         GError  **error)
{
  sqlite3_stmt *statement =
    rc_store_prepare (self, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", error);

  if (statement == NULL)
    return FALSE;
  switch (rc_store_step (self, statement, error))
    {
    case RC_STORE_STEP_ROW:
      *id = sqlite3_column_int64 (statement, 0);
      *hash = rc_store_column_text (statement, 1);
      sqlite3_reset (statement);
      return TRUE;
    case RC_STORE_STEP_DONE:
      *id = 0;
      *hash = g_strdup (RC_AUDIT_SEED);
      return TRUE;
    case RC_STORE_STEP_ERROR:
    default:
      return FALSE;
    }
}

/* Keeps meta's record of the chain's length and newest hash, for the
 * newest entries, which no later entry vouches for. Missing keys are
 * not made again: a record removed by hand stays a finding of the check. */
static gboolean
record_audit_entry (RcStore     *self,
                    const char  *hash,
                    GError     **error)
{
  sqlite3_stmt *statement =
    rc_store_prepare (self,
                      "UPDATE meta SET value = value + 1 WHERE key = '" RC_AUDIT_COUNT_KEY "'",
                      error);

  if (statement == NULL || !rc_store_run (self, statement, error))
    return FALSE;
  statement =
    rc_store_prepare (self, "UPDATE meta SET value = ?1 WHERE key = '" RC_AUDIT_LAST_HASH_KEY "'",
                      error);
  if (statement == NULL)
    return FALSE;
  rc_store_bind_text (statement, 1, hash);
  return rc_store_run (self, statement, error);
}

/* Appends an entry to the audit log, chained to the one before it, in
 * the caller's transaction, which the write it records is in too. */
gboolean
rc_store_audit (RcStore     *self,
                const char  *action,
                const char  *object_type,
                const char  *object_uuid,
                const char  *detail,
                GError     **error)
{
  g_autofree char *now = rc_timestamp_now ();
  g_autofree char *previous_hash = NULL;
  g_autofree char *hash = NULL;
  const char *texts[RC_AUDIT_N_FIELDS] = {
    [RC_AUDIT_AT] = now,
    [RC_AUDIT_ACTOR] = self->actor,
    [RC_AUDIT_ACTION] = action,
    [RC_AUDIT_OBJECT_TYPE] = object_type,
    [RC_AUDIT_OBJECT_UUID] = object_uuid,
    [RC_AUDIT_DETAIL] = detail,
  };
  RcAuditField fields[RC_AUDIT_N_FIELDS];
  sqlite3_stmt *statement;
  gint64 id;

  g_assert (self->transaction_depth > 0);

  if (!read_newest_audit_entry (self, &id, &previous_hash, error))
    return FALSE;
  /* The id SQLite would choose, chosen here because the hash covers it. */
  id++;
  for (guint i = 0; i < RC_AUDIT_N_FIELDS; i++)
    rc_store_audit_field_set (&fields[i], texts[i]);
  hash = rc_store_audit_hash (id, fields, previous_hash);

  statement = rc_store_prepare (self,
                                "INSERT INTO audit_log (id, " RC_AUDIT_COLUMNS ", hash)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  for (guint i = 0; i < RC_AUDIT_N_FIELDS; i++)
    rc_store_bind_text (statement, 2 + (int) i, texts[i]);
  rc_store_bind_text (statement, 8, hash);
  return rc_store_run (self, statement, error) && record_audit_entry (self, hash, error);
}

#define SECRET_KEY "pseudonym-secret"
#define SECRET_BYTES 32

static GBytes *
read_secret (RcStore  *self,
             gboolean *found,
             GError  **error)
{
  sqlite3_stmt *statement = rc_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", error);
  g_autofree guchar *bytes = NULL;
  gsize length = 0;

  *found = FALSE;
  if (statement == NULL)
    return NULL;
  rc_store_bind_text (statement, 1, SECRET_KEY);
  switch (rc_store_step (self, statement, error))
    {
    case RC_STORE_STEP_ROW:
      bytes = g_base64_decode ((const char *) sqlite3_column_text (statement, 0), &length);
      sqlite3_reset (statement);
      *found = TRUE;
      return g_bytes_new_take (g_steal_pointer (&bytes), length);
    case RC_STORE_STEP_DONE:
      return NULL;
    case RC_STORE_STEP_ERROR:
    default:
      return NULL;
    }
}

static gboolean
read_random (guint8  *bytes,
             gsize    length,
             GError **error)
{
  g_autoptr(GFile) urandom = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) input = g_file_read (urandom, NULL, error);
  gsize n_read = 0;

  if (input == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (input), bytes, length, &n_read, NULL, error))
    return FALSE;
  if (n_read != length)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "/dev/urandom: short read");
      return FALSE;
    }
  return TRUE;
}

#define DATABASE_ID_KEY "database-id"

/* A value kept in the meta table for good, in its own transaction. */
static gboolean
insert_meta (RcStore     *self,
             const char  *key,
             const char  *value,
             GError     **error)
{
  sqlite3_stmt *statement;

  if (!rc_store_begin (self, error))
    return FALSE;
  statement = rc_store_prepare (self, "INSERT INTO meta (key, value) VALUES (?1, ?2)", error);
  if (statement != NULL)
    {
      rc_store_bind_text (statement, 1, key);
      rc_store_bind_text (statement, 2, value);
    }
  return rc_store_finish (self, statement != NULL && rc_store_run (self, statement, error), error);
}

/**
 * rc_store_dup_database_id:
 *
 * The database's own id, made the first time it is asked for and kept
 * in its meta table (and so in its backups): the name of the folder its
 * backups go to. One that refuses writes and has none gets a new one
 * each time.
 *
 * Returns: (transfer full): a UUID, or %NULL with @error set
 */
char *
rc_store_dup_database_id (RcStore  *self,
                          GError  **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *statement;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  statement = rc_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", error);
  if (statement == NULL)
    return NULL;
  rc_store_bind_text (statement, 1, DATABASE_ID_KEY);
  switch (rc_store_step (self, statement, error))
    {
    case RC_STORE_STEP_ROW:
      id = rc_store_column_text (statement, 0);
      sqlite3_reset (statement);
      return g_steal_pointer (&id);
    case RC_STORE_STEP_ERROR:
      return NULL;
    case RC_STORE_STEP_DONE:
    default:
      break;
    }

  id = g_uuid_string_random ();
  /* A database nothing is written to gets one for this run only, so that
   * what it holds can still be backed up, or kept before a restore. */
  if (self->write_refusal != NULL)
    return g_steal_pointer (&id);
  if (!insert_meta (self, DATABASE_ID_KEY, id, error))
    return NULL;
  return g_steal_pointer (&id);
}

/**
 * rc_store_dup_secret:
 *
 * The key for this database's pseudonyms, made at random on first use and
 * kept in the database: the same client gets the same pseudonym in every
 * de-identified export, and no one without the database can reverse it.
 *
 * Returns: (transfer full): 32 random bytes
 */
GBytes *
rc_store_dup_secret (RcStore  *self,
                     GError  **error)
{
  GBytes *secret;
  gboolean found;
  guint8 bytes[SECRET_BYTES];
  g_autofree char *encoded = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  secret = read_secret (self, &found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (found)
    return secret;

  /* GLib's random numbers are not for keys: read the kernel's. */
  if (!read_random (bytes, sizeof bytes, error))
    return NULL;
  encoded = g_base64_encode (bytes, sizeof bytes);

  if (!insert_meta (self, SECRET_KEY, encoded, error))
    return NULL;
  return g_bytes_new (bytes, sizeof bytes);
}

/**
 * rc_store_list_audit_entries:
 *
 * Returns: (transfer full) (element-type RcAuditEntry): what was done to
 *   the object with @object_uuid, oldest first
 */
GPtrArray *
rc_store_list_audit_entries (RcStore     *self,
                             const char  *object_uuid,
                             GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) rc_audit_entry_free);
  sqlite3_stmt *statement;
  RcStoreStep result;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  statement = rc_store_prepare (self,
                                "SELECT at, actor, action, object_type, object_uuid, detail"
                                " FROM audit_log WHERE object_uuid = ?1 ORDER BY id",
                                error);
  if (statement == NULL)
    return NULL;
  rc_store_bind_text (statement, 1, object_uuid);
  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      RcAuditEntry *entry = g_new0 (RcAuditEntry, 1);

      entry->at = rc_store_column_text (statement, 0);
      entry->actor = rc_store_column_text (statement, 1);
      entry->action = rc_store_column_text (statement, 2);
      entry->object_type = rc_store_column_text (statement, 3);
      entry->object_uuid = rc_store_column_text (statement, 4);
      entry->detail = rc_store_column_text (statement, 5);
      g_ptr_array_add (entries, entry);
    }
  if (result == RC_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&entries);
}
