/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-output-file"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "rc-error.h"
#include "rc-output-file.h"

/* Exports and reports hold client data, so an interrupted one must leave
 * nothing behind, and none may replace the database it was read from.
 *
 * On Linux the file is written as an O_TMPFILE, which has no name until
 * it is complete: then it is linked to a hidden name beside the target
 * and renamed over it. A process killed before that leaves nothing.
 * Where O_TMPFILE is missing (FAT and exFAT memory sticks, NFS), the file
 * is written under a hidden name, .NAME.rc-tmp-XXXXXX, that SIGINT,
 * SIGTERM and SIGHUP remove before the process dies of them; a SIGKILL or
 * a power loss can still leave one, which the next output into that
 * folder removes. A writer holds a lock on its file so that another
 * process's sweep leaves it alone.
 *
 * Tests set RC_TEST_NO_O_TMPFILE (to anything) to take the second way on
 * file systems that have O_TMPFILE. */

#define TEMPORARY_INFIX ".rc-tmp-"
/* Room for the dot, the infix and the suffix within NAME_MAX. */
#define MAX_BASE_BYTES 200
#define MAX_ATTEMPTS 100

struct _RcOutputFile
{
  char      *path;             /* as given, for messages */
  char      *base;             /* the target's name in its folder */
  char     **protected_paths;
  int        dir_fd;
  int        fd;
  char      *temporary;        /* the file's name in the folder while it has one */
  int        slot;             /* in the signal handler's table, or -1 */
  int        write_errno;
  gboolean   committed;
};

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
      g_set_error (error, RC_ERROR, RC_ERROR_FULL, _("%s: cannot be written: the disk is full"),
                   path);
      break;
    case EDQUOT:
      g_set_error (error, RC_ERROR, RC_ERROR_FULL, _("%s: cannot be written: %s"), path,
                   g_strerror (saved_errno));
      break;
    case EFBIG:
      g_set_error (error, RC_ERROR, RC_ERROR_FULL,
                   _("%s: cannot be written: the file size limit is reached"), path);
      break;
    default:
      g_set_error (error, RC_ERROR, RC_ERROR_IO, _("%s: cannot be written: %s"), path,
                   g_strerror (saved_errno));
      break;
    }
}

/* Temporary files to remove on a signal. The handler reads this table
 * without locks: a slot's path is written before it is marked ready, and
 * the slot is freed before its path is changed. */

#define N_SLOTS 8

enum
{
  SLOT_FREE,
  SLOT_CLAIMED,
  SLOT_READY,
};

typedef struct
{
  int  state;
  char path[PATH_MAX];
} Slot;

static Slot slots[N_SLOTS];

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction previous_actions[G_N_ELEMENTS (cleanup_signals)];
static gboolean installed[G_N_ELEMENTS (cleanup_signals)];
static guint n_registered;
G_LOCK_DEFINE_STATIC (handlers);

/* Async-signal-safe: unlink(), sigaction() and raise() only. */
static void
remove_temporary_files (int signum)
{
  struct sigaction action;
  int saved_errno = errno;

  for (guint i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_get (&slots[i].state) == SLOT_READY)
      unlink (slots[i].path);

  /* Then die of the signal, as without this handler. */
  memset (&action, 0, sizeof action);
  action.sa_handler = SIG_DFL;
  sigemptyset (&action.sa_mask);
  sigaction (signum, &action, NULL);
  raise (signum);
  errno = saved_errno;
}

/* Only where a signal would kill the process: one it ignores or handles
 * leaves the writer running to its end, which removes the file itself. */
static void
install_handlers (void)
{
  G_LOCK (handlers);
  if (n_registered++ == 0)
    for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
      {
        struct sigaction action;

        if (sigaction (cleanup_signals[i], NULL, &previous_actions[i]) != 0 ||
            (previous_actions[i].sa_flags & SA_SIGINFO) != 0 ||
            previous_actions[i].sa_handler != SIG_DFL)
          continue;
        memset (&action, 0, sizeof action);
        action.sa_handler = remove_temporary_files;
        sigemptyset (&action.sa_mask);
        for (guint j = 0; j < G_N_ELEMENTS (cleanup_signals); j++)
          sigaddset (&action.sa_mask, cleanup_signals[j]);
        installed[i] = sigaction (cleanup_signals[i], &action, NULL) == 0;
      }
  G_UNLOCK (handlers);
}

static void
remove_handlers (void)
{
  G_LOCK (handlers);
  if (--n_registered == 0)
    for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
      {
        struct sigaction current;

        /* Unless someone else has put a handler of their own since. */
        if (installed[i] && sigaction (cleanup_signals[i], NULL, &current) == 0 &&
            (current.sa_flags & SA_SIGINFO) == 0 && current.sa_handler == remove_temporary_files)
          sigaction (cleanup_signals[i], &previous_actions[i], NULL);
        installed[i] = FALSE;
      }
  G_UNLOCK (handlers);
}

/* The slot now holding @path, or -1 when there is none (the next sweep
 * then removes a file a signal left). */
static int
register_temporary (const char *path)
{
  if (strlen (path) >= PATH_MAX)
    return -1;
  for (int i = 0; i < N_SLOTS; i++)
    if (g_atomic_int_compare_and_exchange (&slots[i].state, SLOT_FREE, SLOT_CLAIMED))
      {
        strcpy (slots[i].path, path);
        g_atomic_int_set (&slots[i].state, SLOT_READY);
        install_handlers ();
        return i;
      }
  return -1;
}

static void
unregister_temporary (int slot)
{
  if (slot < 0)
    return;
  g_atomic_int_set (&slots[slot].state, SLOT_FREE);
  remove_handlers ();
}

static gboolean
same_file (const struct stat *a,
           const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether the target, @base in the folder @folder, is @protected_path:
 * the same file under any name when @target exists, else the same name
 * in the same folder (a journal the database has not made yet). */
static gboolean
is_protected (const char        *protected_path,
              const struct stat *folder,
              const char        *base,
              const struct stat *target)
{
  g_autofree char *protected_folder = NULL;
  g_autofree char *protected_base = NULL;
  struct stat st;

  if (stat (protected_path, &st) == 0 && target != NULL)
    return same_file (&st, target);
  protected_base = g_path_get_basename (protected_path);
  protected_folder = g_path_get_dirname (protected_path);
  return strcmp (base, protected_base) == 0 && stat (protected_folder, &st) == 0 &&
         same_file (&st, folder);
}

/* Whether @folder or a folder in it, @depth levels down at most, has
 * @target under any name (a hard link): symbolic links are not followed. */
static gboolean
folder_holds (const char        *folder,
              const struct stat *target,
              guint              depth)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);
      struct stat st;

      if (lstat (child, &st) != 0)
        continue;
      if (S_ISREG (st.st_mode) && same_file (&st, target))
        return TRUE;
      if (S_ISDIR (st.st_mode) && depth > 0 && folder_holds (child, target, depth - 1))
        return TRUE;
    }
  return FALSE;
}

/* Whether the existing file @path is a backup: inside the backups folder,
 * whatever the links on the way, or a hard link to a file there. Backups
 * are backups/<id>/<time>.db. */
static gboolean
is_backup (const char        *path,
           const struct stat *target)
{
  g_autofree char *backups = g_build_filename (g_get_user_data_dir (), "recovery-capital",
                                               "backups", NULL);
  struct stat backups_st;
  char *resolved;

  if (stat (backups, &backups_st) != 0)
    return FALSE;
  resolved = realpath (path, NULL);
  if (resolved != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (resolved);
      struct stat st;

      free (resolved);
      for (;;)
        {
          g_autofree char *parent = NULL;

          if (stat (folder, &st) == 0 && same_file (&st, &backups_st))
            return TRUE;
          parent = g_path_get_dirname (folder);
          if (strcmp (parent, folder) == 0)
            break;
          g_free (folder);
          folder = g_steal_pointer (&parent);
        }
    }
  return folder_holds (backups, target, 1);
}

/* Refuses a folder as the target, and the database, its journal or a
 * backup under any name. */
static gboolean
check_target (RcOutputFile  *self,
              GError       **error)
{
  struct stat folder, target_st;
  const struct stat *target = NULL;

  if (fstat (self->dir_fd, &folder) != 0)
    {
      set_io_error (error, self->path, errno);
      return FALSE;
    }
  /* A name that does not lead to a file (not there, a dangling link) is
   * replaced by the rename, and nothing with it. */
  if (fstatat (self->dir_fd, self->base, &target_st, 0) == 0)
    target = &target_st;
  if (target != NULL && S_ISDIR (target->st_mode))
    {
      set_io_error (error, self->path, EISDIR);
      return FALSE;
    }

  for (guint i = 0; self->protected_paths[i] != NULL; i++)
    if (is_protected (self->protected_paths[i], &folder, self->base, target))
      goto refused;
  if (target != NULL && is_backup (self->path, target))
    goto refused;
  return TRUE;

refused:
  g_set_error (error, RC_ERROR, RC_ERROR_PROTECTED_OUTPUT,
               _("%s: is the database itself (or its journal, or a backup); nothing was written"),
               self->path);
  return FALSE;
}

/* Removes what interrupted outputs left in the folder: this user's
 * hidden temporary files that no running writer holds. */
static void
sweep (int dir_fd)
{
  int fd = openat (dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *dir = fd >= 0 ? fdopendir (fd) : NULL;
  uid_t uid = geteuid ();
  struct dirent *entry;

  if (dir == NULL)
    {
      if (fd >= 0)
        close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat st, held;
      int stale;

      if (entry->d_name[0] != '.' || strstr (entry->d_name + 1, TEMPORARY_INFIX) == NULL ||
          fstatat (dir_fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
          !S_ISREG (st.st_mode) || st.st_uid != uid)
        continue;
      stale = openat (dir_fd, entry->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (stale < 0)
        continue;
      if (flock (stale, LOCK_EX | LOCK_NB) == 0 && fstat (stale, &held) == 0 &&
          same_file (&held, &st))
        {
          g_debug ("removing %s, left by an interrupted output", entry->d_name);
          unlinkat (dir_fd, entry->d_name, 0);
        }
      close (stale);
    }
  closedir (dir);
}

/* .NAME.rc-tmp-XXXXXX, NAME shortened if need be. */
static char *
temporary_name (const char *base)
{
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  gsize length = strlen (base);
  GString *name = g_string_new (".");

  if (length > MAX_BASE_BYTES)
    {
      /* Cut between characters where the name is UTF-8: a vfat stick
       * refuses names that are not. */
      if (g_utf8_validate (base, -1, NULL))
        length = (gsize) (g_utf8_find_prev_char (base, base + MAX_BASE_BYTES + 1) - base);
      else
        length = MAX_BASE_BYTES;
    }
  g_string_append_len (name, base, (gssize) length);
  g_string_append (name, TEMPORARY_INFIX);
  for (guint i = 0; i < 6; i++)
    g_string_append_c (name, letters[g_random_int_range (0, sizeof letters - 1)]);
  return g_string_free (name, FALSE);
}

/* Locks the file just made as @name; FALSE when another process's sweep
 * took it first and removed it. */
static gboolean
lock_new_file (int         dir_fd,
               int         fd,
               const char *name)
{
  struct stat st, named;

  /* A file system without locks has no sweeps of other writers to fear
   * either: those run where the lock does. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    return errno != EWOULDBLOCK;
  return fstat (fd, &st) == 0 && fstatat (dir_fd, name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
         same_file (&st, &named);
}

static gboolean
open_temporary (RcOutputFile  *self,
                const char    *directory,
                GError       **error)
{
  int saved_errno = EEXIST;

#ifdef O_TMPFILE
  if (g_getenv ("RC_TEST_NO_O_TMPFILE") == NULL &&
      g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      self->fd = openat (self->dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
      if (self->fd >= 0)
        {
          /* Held for the moment it has a hidden name, in rc_output_file_commit(). */
          flock (self->fd, LOCK_EX | LOCK_NB);
          return TRUE;
        }
      /* What kernels and file systems without O_TMPFILE answer. */
      if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
        {
          set_io_error (error, self->path, errno);
          return FALSE;
        }
    }
#endif

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autofree char *name = temporary_name (self->base);
      g_autofree char *absolute = NULL;
      g_autofree char *full = NULL;
      int fd = openat (self->dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                       0600);

      if (fd < 0)
        {
          saved_errno = errno;
          if (saved_errno == EEXIST)
            continue;
          break;
        }
      if (!lock_new_file (self->dir_fd, fd, name))
        {
          close (fd);
          continue;
        }
      /* Absolute: the handler must find it whatever the current folder. */
      absolute = g_canonicalize_filename (directory, NULL);
      full = g_build_filename (absolute, name, NULL);
      self->slot = register_temporary (full);
      self->fd = fd;
      self->temporary = g_steal_pointer (&name);
      return TRUE;
    }
  set_io_error (error, self->path, saved_errno);
  return FALSE;
}

/**
 * rc_output_file_database_paths:
 * @database: (nullable): a database file
 *
 * Returns: (transfer full): @database and its journal's files, for
 *   rc_output_file_new()'s @protected_paths; empty for %NULL
 */
char **
rc_output_file_database_paths (const char *database)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **paths;

  if (database != NULL)
    {
      g_autofree char *wal = g_strconcat (database, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database, "-shm", NULL);

      g_strv_builder_add_many (builder, database, wal, shm, NULL);
    }
  paths = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return paths;
}

/**
 * rc_output_file_new:
 * @path: the file to write or replace
 * @protected_paths: (nullable) (array zero-terminated=1): files @path must
 *   not be under any name, such as rc_output_file_database_paths()
 *
 * Starts writing @path, readable by its owner only. Nothing is under that
 * name or any other until rc_output_file_commit(); rc_output_file_free()
 * before then leaves the folder as it was. A @path that is one of
 * @protected_paths, or an existing backup (in the backups folder of
 * g_get_user_data_dir()), is refused before anything is written, with
 * %RC_ERROR_PROTECTED_OUTPUT. Temporary files interrupted outputs left in the
 * folder are removed first.
 *
 * Returns: (transfer full): the file being written, or %NULL with
 *   %RC_ERROR_PROTECTED_OUTPUT, %RC_ERROR_IO or %RC_ERROR_FULL
 */
RcOutputFile *
rc_output_file_new (const char          *path,
                    const char * const  *protected_paths,
                    GError             **error)
{
  g_autoptr(RcOutputFile) self = NULL;
  g_autofree char *directory = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (RcOutputFile, 1);
  self->path = g_strdup (path);
  self->base = g_path_get_basename (path);
  self->protected_paths = protected_paths != NULL ? g_strdupv ((char **) protected_paths)
                                                  : g_new0 (char *, 1);
  self->dir_fd = -1;
  self->fd = -1;
  self->slot = -1;

  if (*path == '\0' || g_str_has_suffix (path, G_DIR_SEPARATOR_S) ||
      strcmp (self->base, ".") == 0 || strcmp (self->base, "..") == 0)
    {
      set_io_error (error, path, *path == '\0' ? ENOENT : EISDIR);
      return NULL;
    }
  directory = g_path_get_dirname (path);
  self->dir_fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->dir_fd < 0)
    {
      set_io_error (error, path, errno);
      return NULL;
    }
  if (!check_target (self, error))
    return NULL;
  sweep (self->dir_fd);
  if (!open_temporary (self, directory, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rc_output_file_get_path (RcOutputFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

/**
 * rc_output_file_write:
 *
 * Writes all of @data. A failure is kept for rc_output_file_write_failed()
 * and rc_output_file_commit() to tell; later writes do nothing.
 *
 * Returns: whether every byte was written
 */
gboolean
rc_output_file_write (RcOutputFile *self,
                      const void   *data,
                      gsize         length)
{
  const char *bytes = data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);

  if (self->write_errno != 0)
    return FALSE;
  while (length > 0)
    {
      ssize_t written = write (self->fd, bytes, MIN (length, (gsize) G_MAXSSIZE));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          self->write_errno = written < 0 ? errno : EIO;
          return FALSE;
        }
      bytes += written;
      length -= (gsize) written;
    }
  return TRUE;
}

/**
 * rc_output_file_write_failed:
 *
 * Returns: whether a write failed; then with @error saying how
 */
gboolean
rc_output_file_write_failed (RcOutputFile  *self,
                             GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->write_errno == 0)
    return FALSE;
  set_io_error (error, self->path, self->write_errno);
  return TRUE;
}

#ifdef O_TMPFILE
/* Gives the nameless file a hidden name beside the target. Through /proc:
 * linkat()'s AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH. Returns 0 or
 * an errno. */
static int
name_tmpfile (RcOutputFile *self)
{
  char proc_path[64];

  g_snprintf (proc_path, sizeof proc_path, "/proc/self/fd/%d", self->fd);
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      char *name = temporary_name (self->base);
      int saved_errno;

      if (linkat (AT_FDCWD, proc_path, self->dir_fd, name, AT_SYMLINK_FOLLOW) == 0)
        {
          self->temporary = name;
          return 0;
        }
      saved_errno = errno;
      g_free (name);
      if (saved_errno != EEXIST)
        return saved_errno;
    }
  return EEXIST;
}
#endif

/**
 * rc_output_file_commit:
 *
 * Puts the file in place of the target, whole, once it is on the disk.
 * On failure the target is left as it was (and rc_output_file_free()
 * removes what was written).
 *
 * Returns: whether the file is in place; else %FALSE with %RC_ERROR_IO,
 *   %RC_ERROR_FULL or, if the target became a protected file meanwhile,
 *   %RC_ERROR_PROTECTED_OUTPUT
 */
gboolean
rc_output_file_commit (RcOutputFile  *self,
                       GError       **error)
{
  int saved_errno = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->committed, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rc_output_file_write_failed (self, error))
    return FALSE;
  if (fsync (self->fd) != 0)
    saved_errno = errno;
#ifdef O_TMPFILE
  else if (self->temporary == NULL)
    saved_errno = name_tmpfile (self);
#endif
  if (saved_errno != 0)
    {
      set_io_error (error, self->path, saved_errno);
      return FALSE;
    }
  /* Checked again: the target may have become another file since. */
  if (!check_target (self, error))
    return FALSE;
  if (renameat (self->dir_fd, self->temporary, self->dir_fd, self->base) != 0)
    {
      set_io_error (error, self->path, errno);
      return FALSE;
    }
  self->committed = TRUE;
  g_clear_pointer (&self->temporary, g_free);
  unregister_temporary (self->slot);
  self->slot = -1;
  /* Its data are on the disk (fsync above): closing has nothing to add. */
  close (self->fd);
  self->fd = -1;
  /* The rename itself, so that the name survives a power loss. Some file
   * systems cannot sync a folder and say EINVAL. */
  if (fsync (self->dir_fd) != 0 && errno != EINVAL)
    {
      set_io_error (error, self->path, errno);
      return FALSE;
    }
  return TRUE;
}

/**
 * rc_output_file_free:
 *
 * Frees @self. An output not committed is discarded: whatever was
 * written is removed, and the target is left as it was.
 */
void
rc_output_file_free (RcOutputFile *self)
{
  if (self == NULL)
    return;
  if (!self->committed && self->temporary != NULL)
    unlinkat (self->dir_fd, self->temporary, 0);
  unregister_temporary (self->slot);
  if (self->fd >= 0)
    close (self->fd);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_free (self->temporary);
  g_strfreev (self->protected_paths);
  g_free (self->base);
  g_free (self->path);
  g_free (self);
}
