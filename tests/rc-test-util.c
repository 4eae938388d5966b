/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

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

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) enumerator =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

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
