/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-store-private.h"

/* Backups: always through SQLite's online backup API, which copies a
 * consistent state of a live database, never the file. Each is written
 * under a hidden name, verified (integrity check, ours, a schema this
 * program knows), marked verified inside and only then given its name,
 * `<UTC time>-<kind>.db`, in `$XDG_DATA_HOME/recovery-capital/backups/<id>/`
 * (folders 0700, files 0600). A backup cut short leaves only the hidden
 * file, which the next backup deletes unless its writer still holds it. */

#define APPLICATION_ID 0x52436170
#define VERIFIED_KEY "backup-verified"
#define PARTIAL_SUFFIX ".partial"
#define KEEP_DAILY 7
#define KEEP_WEEKLY 4
#define KEEP_PRE_MIGRATION 3
#define KEEP_PRE_RESTORE 3

static const char * const kind_names[] = {
  [RC_BACKUP_DAILY] = "daily",
  [RC_BACKUP_MANUAL] = "manual",
  [RC_BACKUP_PRE_MIGRATION] = "pre-migration",
  [RC_BACKUP_PRE_RESTORE] = "pre-restore",
};

void
rc_backup_free (RcBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->made_at);
  g_free (backup);
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              const char  *what)
{
  int saved_errno = errno;

  g_set_error (error, RC_ERROR, saved_errno == ENOSPC ? RC_ERROR_FULL : RC_ERROR_IO,
               "%s: %s: %s", path, what, g_strerror (saved_errno));
  return FALSE;
}

/**
 * rc_store_dup_backup_folder:
 *
 * Returns: (transfer full): where this database's backups go, or %NULL
 *   with @error set
 */
char *
rc_store_dup_backup_folder (RcStore  *self,
                            GError  **error)
{
  g_autofree char *id = rc_store_dup_database_id (self, error);

  if (id == NULL)
    return NULL;
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "backups", id, NULL);
}

static gboolean
query_int (sqlite3    *db,
           const char *sql,
           gint64     *value)
{
  sqlite3_stmt *statement = NULL;
  gboolean ok = sqlite3_prepare_v2 (db, sql, -1, &statement, NULL) == SQLITE_OK &&
                sqlite3_step (statement) == SQLITE_ROW;

  if (ok)
    *value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  return ok;
}

/* Whether the file @db has open is sound and ours, of a schema this
 * program can open: what a backup must be, and a file to restore. */
static gboolean
check_copy (sqlite3     *db,
            const char  *path,
            GError     **error)
{
  sqlite3_stmt *statement = NULL;
  gint64 application_id = 0, version = 0;
  gboolean sound;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL) != SQLITE_OK)
    return rc_store_set_connection_error (db, path, error);
  sound = sqlite3_step (statement) == SQLITE_ROW &&
          g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
  sqlite3_finalize (statement);
  if (!sound)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_DATABASE, _("%s: the file is damaged"), path);
      return FALSE;
    }
  if (!query_int (db, "PRAGMA application_id", &application_id) ||
      !query_int (db, "PRAGMA user_version", &version) ||
      application_id != APPLICATION_ID || version < 1 || version > RC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_DATABASE,
                   _("%s: not a database of this version of Recovery Capital"), path);
      return FALSE;
    }
  return TRUE;
}

static sqlite3 *
open_copy (const char  *path,
           int          flags,
           GError     **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK)
    {
      if (db != NULL)
        rc_store_set_connection_error (db, path, error);
      else
        g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: out of memory"), path);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  return db;
}

/* Creates @path, owner-only so that SQLite finds it so, and locks it
 * (flock, apart from SQLite's own locks) so that a backup starting beside
 * this one does not take it for one cut short. Returns its descriptor,
 * which holds the lock, or -1. */
static int
create_locked (const char  *path,
               GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  GStatBuf created, named;

  if (fd < 0)
    {
      set_io_error (error, path, "cannot be written");
      return -1;
    }
  /* Swept in the instant before the lock: then the name is no longer this
   * file's, and SQLite would create another, not owner-only. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0 || fstat (fd, &created) != 0 ||
      g_lstat (path, &named) != 0 || created.st_ino != named.st_ino ||
      created.st_dev != named.st_dev)
    {
      set_io_error (error, path, "cannot be written");
      g_close (fd, NULL);
      return -1;
    }
  return fd;
}

/* Deletes the hidden file of a backup cut short, unless a backup beside
 * this one is writing it and holds its lock. */
static void
sweep_partial (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0);

  if (fd < 0)
    return;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    g_unlink (path);
  g_close (fd, NULL);
}

/* Copies the database into @path, a new file, as one file that needs no
 * journal beside it, verifies it and marks it so. Unless @must_verify,
 * a copy that fails verification is kept, unmarked: the content a
 * restore replaces is kept even when it is damaged, for what can be
 * rescued from it. */
static gboolean
write_copy (RcStore     *self,
            const char  *path,
            gboolean     must_verify,
            GError     **error)
{
  g_autoptr(GError) check_error = NULL;
  g_autofree char *now = rc_timestamp_now ();
  sqlite3_backup *backup;
  sqlite3_stmt *statement = NULL;
  sqlite3 *target;
  gboolean ok;

  target = open_copy (path, SQLITE_OPEN_READWRITE, error);
  if (target == NULL)
    return FALSE;
  backup = sqlite3_backup_init (target, "main", self->db, "main");
  ok = backup != NULL && sqlite3_backup_step (backup, -1) == SQLITE_DONE;
  if (sqlite3_backup_finish (backup) != SQLITE_OK || !ok)
    ok = rc_store_set_connection_error (target, path, error);
  else if (sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    ok = rc_store_set_connection_error (target, path, error);
  else if (!check_copy (target, path, &check_error))
    {
      ok = !must_verify;
      if (must_verify)
        g_propagate_error (error, g_steal_pointer (&check_error));
    }
  if (ok && check_error == NULL)
    {
      ok = sqlite3_prepare_v2 (target, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                               -1, &statement, NULL) == SQLITE_OK;
      if (ok)
        {
          sqlite3_bind_text (statement, 1, VERIFIED_KEY, -1, SQLITE_STATIC);
          sqlite3_bind_text (statement, 2, now, -1, SQLITE_STATIC);
          ok = sqlite3_step (statement) == SQLITE_DONE;
        }
      sqlite3_finalize (statement);
      if (!ok)
        rc_store_set_connection_error (target, path, error);
    }
  if (sqlite3_close (target) != SQLITE_OK && ok)
    ok = rc_store_set_connection_error (target, path, error);
  return ok;
}

/**
 * rc_store_backup_to_file:
 * @path: a file that does not exist yet
 *
 * Writes a verified backup of the database to @path alone: it is not
 * one of the database's backups (rc_store_list_backups()).
 */
/* Writes the copy into @path, created here, then renames it to
 * @final_path if given; on failure nothing is left. The lock is held
 * until then. */
static gboolean
write_copy_or_nothing (RcStore     *self,
                       const char  *path,
                       const char  *final_path,
                       gboolean     must_verify,
                       GError     **error)
{
  int fd = create_locked (path, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write_copy (self, path, must_verify, error);
  if (ok && final_path != NULL && g_rename (path, final_path) != 0)
    ok = set_io_error (error, final_path, "cannot be written");
  if (!ok)
    g_unlink (path);
  g_close (fd, NULL);
  return ok;
}

gboolean
rc_store_backup_to_file (RcStore     *self,
                         const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_copy_or_nothing (self, path, NULL, TRUE, error);
}

/* "20261202T172000Z-daily.db": its time as YYYY-MM-DDTHH:MM:SSZ, and kind. */
static gboolean
parse_name (const char    *name,
            char         **made_at,
            RcBackupKind  *kind)
{
  int year, month, day, hour, minute, second, end = 0;
  char kind_name[16];

  if (sscanf (name, "%4d%2d%2dT%2d%2d%2dZ-%15[a-z-]%n", &year, &month, &day, &hour, &minute,
              &second, kind_name, &end) != 7)
    return FALSE;
  /* A same-second twin has a number before ".db". */
  if (!g_str_has_suffix (name, ".db"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_has_prefix (kind_name, kind_names[i]) &&
        (kind_name[strlen (kind_names[i])] == '\0' || kind_name[strlen (kind_names[i])] == '-'))
      {
        *kind = i;
        *made_at = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour,
                                    minute, second);
        return TRUE;
      }
  return FALSE;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const RcBackup *first = *(RcBackup * const *) a;
  const RcBackup *second = *(RcBackup * const *) b;

  int by_time = g_strcmp0 (second->made_at, first->made_at);

  return by_time != 0 ? by_time : g_strcmp0 (second->path, first->path);
}

/* The backups in @folder by their names alone, newest first; hidden
 * files of backups cut short are deleted when @sweep. */
static GPtrArray *
scan_folder (const char  *folder,
             gboolean     sweep,
             GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) rc_backup_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: %s", folder, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      RcBackup *backup;
      char *made_at;
      RcBackupKind kind;

      if (sweep && name[0] == '.' && g_str_has_suffix (name, PARTIAL_SUFFIX))
        {
          sweep_partial (path);
          continue;
        }
      if (!parse_name (name, &made_at, &kind))
        continue;
      backup = g_new0 (RcBackup, 1);
      backup->path = g_steal_pointer (&path);
      backup->made_at = made_at;
      backup->kind = kind;
      g_ptr_array_add (backups, backup);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/* "2026-12-02", or the ISO week "2026-W49", of a backup's time. */
static char *
period_of (const RcBackup *backup,
           gboolean        week)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (backup->made_at, NULL);

  if (time == NULL)
    return g_strdup (backup->made_at);
  return g_date_time_format (time, week ? "%G-W%V" : "%Y-%m-%d");
}

/* Keeps the newest daily or manual backup of each of the last
 * KEEP_DAILY days and KEEP_WEEKLY weeks that have one, the last
 * KEEP_PRE_MIGRATION made before a migration and KEEP_PRE_RESTORE before
 * a restore, and @made, just made; deletes the others. */
static void
prune (const char *folder,
       const char *made)
{
  g_autoptr(GPtrArray) backups = scan_folder (folder, FALSE, NULL);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_pre_migration = 0;
  guint n_pre_restore = 0;

  if (backups == NULL)
    return;
  for (guint i = 0; i < backups->len; i++)
    {
      RcBackup *backup = g_ptr_array_index (backups, i);
      g_autofree char *day = period_of (backup, FALSE);
      g_autofree char *week = period_of (backup, TRUE);
      gboolean keep = FALSE;

      if (g_str_equal (backup->path, made))
        keep = TRUE;
      if (backup->kind == RC_BACKUP_PRE_MIGRATION)
        keep = ++n_pre_migration <= KEEP_PRE_MIGRATION || keep;
      else if (backup->kind == RC_BACKUP_PRE_RESTORE)
        keep = ++n_pre_restore <= KEEP_PRE_RESTORE || keep;
      else
        {
          if (!g_hash_table_contains (days, day) && g_hash_table_size (days) < KEEP_DAILY)
            {
              g_hash_table_add (days, g_steal_pointer (&day));
              keep = TRUE;
            }
          if (!g_hash_table_contains (weeks, week) && g_hash_table_size (weeks) < KEEP_WEEKLY)
            {
              g_hash_table_add (weeks, g_steal_pointer (&week));
              keep = TRUE;
            }
        }
      if (!keep)
        g_unlink (backup->path);
    }
}

/* A backup needs room for itself, with a margin: twice the database. */
static gboolean
check_room (RcStore     *self,
            const char  *folder,
            GError     **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf file;
  struct statvfs disk;
  guint64 size = 0;

  if (g_stat (self->path, &file) == 0)
    size += file.st_size;
  if (g_stat (wal, &file) == 0)
    size += file.st_size;
  if (statvfs (folder, &disk) == 0 && (guint64) disk.f_bavail * disk.f_frsize < 2 * size)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_FULL,
                   _("%s: no backup was made: it needs free space of twice the database's size"),
                   folder);
      return FALSE;
    }
  return TRUE;
}

/* A name in @folder for a backup of @kind made now, not taken yet. */
static char *
new_backup_name (const char   *folder,
                 RcBackupKind  kind)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *name = g_strdup_printf ("%s-%s.db", stamp, kind_names[kind]);

  for (guint n = 2; ; n++)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return name;
      g_free (name);
      name = g_strdup_printf ("%s-%s-%u.db", stamp, kind_names[kind], n);
    }
}

/**
 * rc_store_make_backup:
 * @kind: why it is made
 *
 * Makes a verified backup in the database's backup folder and prunes the
 * older ones. One made before a restore is kept even if it fails
 * verification (it is then listed as unverified). Refused with %RC_ERROR_FULL when free space is under twice
 * the database's size.
 *
 * Returns: (transfer full): its path, or %NULL with @error set
 */
char *
rc_store_make_backup (RcStore       *self,
                      RcBackupKind   kind,
                      GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) swept = NULL;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  folder = rc_store_dup_backup_folder (self, error);
  if (folder == NULL)
    return NULL;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      set_io_error (error, folder, "cannot create the folder");
      return NULL;
    }
  swept = scan_folder (folder, TRUE, error);
  if (swept == NULL || !check_room (self, folder, error))
    return NULL;

  name = new_backup_name (folder, kind);
  hidden = g_strconcat (".", name, PARTIAL_SUFFIX, NULL);
  partial = g_build_filename (folder, hidden, NULL);
  path = g_build_filename (folder, name, NULL);
  if (!write_copy_or_nothing (self, partial, path, kind != RC_BACKUP_PRE_RESTORE, error))
    return NULL;
  prune (folder, path);
  return g_steal_pointer (&path);
}

/**
 * rc_store_make_daily_backup:
 * @path: (out) (optional) (nullable): the backup made, or %NULL if none
 *   was due
 *
 * Makes a backup when the newest one is over a day old, or there is none.
 */
gboolean
rc_store_make_daily_backup (RcStore  *self,
                            char    **path,
                            GError  **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  char *made = NULL;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);

  if (path != NULL)
    *path = NULL;
  folder = rc_store_dup_backup_folder (self, error);
  if (folder == NULL)
    return FALSE;
  backups = scan_folder (folder, FALSE, error);
  if (backups == NULL)
    return FALSE;
  if (backups->len > 0)
    {
      RcBackup *newest = g_ptr_array_index (backups, 0);
      g_autoptr(GDateTime) made_at = g_date_time_new_from_iso8601 (newest->made_at, NULL);

      if (made_at != NULL && g_date_time_difference (now, made_at) < G_TIME_SPAN_DAY &&
          g_date_time_difference (now, made_at) >= 0)
        return TRUE;
    }
  made = rc_store_make_backup (self, RC_BACKUP_DAILY, error);
  if (made == NULL)
    return FALSE;
  if (path != NULL)
    *path = made;
  else
    g_free (made);
  return TRUE;
}

/* Counts what @backup holds, and whether it was verified when made. */
static void
read_backup (RcBackup *backup)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_copy (backup->path, SQLITE_OPEN_READONLY, &error);
  sqlite3_stmt *statement = NULL;

  if (db == NULL)
    return;
  query_int (db, "SELECT count(*) FROM client WHERE deleted_at IS NULL", &backup->n_clients);
  query_int (db, "SELECT count(*) FROM assessment WHERE deleted_at IS NULL",
             &backup->n_assessments);
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM meta WHERE key = '" VERIFIED_KEY "'", -1,
                          &statement, NULL) == SQLITE_OK)
    backup->verified = sqlite3_step (statement) == SQLITE_ROW;
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

/**
 * rc_store_accept_restore:
 *
 * For a store open on a database that another connection restored
 * (rc_store_restore()): the damage or tampering this one found is gone
 * with what the file held, and writes go ahead again. A read-only
 * database stays read-only.
 */
void
rc_store_accept_restore (RcStore *self)
{
  g_return_if_fail (RC_IS_STORE (self));

  if (g_error_matches (self->write_refusal, RC_ERROR, RC_ERROR_READ_ONLY))
    return;
  g_clear_error (&self->write_refusal);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
}

/**
 * rc_store_list_backups:
 *
 * Returns: (transfer full) (element-type RcBackup): the database's
 *   backups, newest first, or %NULL with @error set
 */
GPtrArray *
rc_store_list_backups (RcStore  *self,
                       GError  **error)
{
  g_autofree char *folder = NULL;
  GPtrArray *backups;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  folder = rc_store_dup_backup_folder (self, error);
  if (folder == NULL)
    return NULL;
  backups = scan_folder (folder, FALSE, error);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    read_backup (g_ptr_array_index (backups, i));
  return backups;
}

/* Pages copied per step of a restore: a few MiB, so that Cancel is felt
 * within a moment. */
#define RESTORE_STEP_PAGES 1024

/* Copies in steps, telling @progress how far and stopping when it is
 * cancelled; a backup finished before its end rolls the destination back,
 * which is then as it was. */
static gboolean
step_restore (sqlite3_backup  *backup,
              RcProgress      *progress,
              gboolean        *cancelled)
{
  int status;

  do
    {
      *cancelled = !rc_progress_check (progress, NULL);
      if (*cancelled)
        return FALSE;
      status = sqlite3_backup_step (backup, RESTORE_STEP_PAGES);
      if (progress != NULL)
        {
          int total = sqlite3_backup_pagecount (backup);

          rc_progress_set_total (progress, (gsize) total);
          rc_progress_set_done (progress, (gsize) (total - sqlite3_backup_remaining (backup)));
        }
    }
  while (status == SQLITE_OK);
  return status == SQLITE_DONE;
}

/**
 * rc_store_restore:
 * @path: a backup, or another copy of a database of ours
 * @kept: (out) (optional): the backup of the content replaced
 * @progress: (nullable): counts the pages copied; once cancelled, the
 *   restore stops with %G_IO_ERROR_CANCELLED and the database is as it
 *   was (the backup of it made first stays)
 *
 * Replaces the database's content with @path's, after checking @path
 * and keeping the current content as a backup. An older schema is
 * brought up to date.
 */
gboolean
rc_store_restore (RcStore     *self,
                  const char  *path,
                  char       **kept_path,
                  RcProgress  *progress,
                  GError     **error)
{
  g_autofree char *kept = NULL;
  sqlite3_backup *backup;
  sqlite3 *source;
  gboolean cancelled = FALSE;
  gboolean ok;

  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  if (g_error_matches (self->write_refusal, RC_ERROR, RC_ERROR_READ_ONLY))
    {
      g_propagate_error (error, g_error_copy (self->write_refusal));
      return FALSE;
    }
  source = open_copy (path, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;
  if (!check_copy (source, path, error))
    {
      sqlite3_close (source);
      return FALSE;
    }
  kept = rc_store_make_backup (self, RC_BACKUP_PRE_RESTORE, error);
  if (kept == NULL)
    {
      sqlite3_close (source);
      return FALSE;
    }
  backup = sqlite3_backup_init (self->db, "main", source, "main");
  ok = backup != NULL && step_restore (backup, progress, &cancelled);
  if ((sqlite3_backup_finish (backup) != SQLITE_OK || !ok) && !cancelled)
    ok = rc_store_set_sqlite_error (self, error);
  sqlite3_close (source);
  if (cancelled)
    return rc_progress_check (progress, error);
  if (!ok)
    return FALSE;
  /* Damage or tampering found is gone with what the file held. */
  g_clear_error (&self->write_refusal);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  if (!rc_store_upgrade (self, error))
    return FALSE;
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}
