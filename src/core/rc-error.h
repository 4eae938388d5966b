/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RC_ERROR (rc_error_quark ())

/* The CLI maps these to its exit statuses: the first group to 2 (invalid
 * input data), the second to 3 (database error). BUSY (another program
 * holds the database) and FULL (the disk or the file size limit is
 * reached) pass once the cause does: the app tries again. CHANGED: the
 * stored record changed after it was read. PROTECTED_OUTPUT: an output
 * file named the database, its journal or a backup, and NOT_A_PATH: a
 * database named as SQLite's ":memory:" or a "file:" URI (usage errors,
 * 1). READ_ONLY: the file or its folder cannot be written to, and
 * TAMPERED: the safeguards that keep records final were removed or
 * changed; either way the database is only read (3). */
typedef enum
{
  RC_ERROR_INVALID,
  RC_ERROR_NOT_FOUND,
  RC_ERROR_CONFLICT,
  RC_ERROR_LOCKED,
  RC_ERROR_CHANGED,
  RC_ERROR_DATABASE,
  RC_ERROR_NEWER_DATABASE,
  RC_ERROR_IO,
  RC_ERROR_BUSY,
  RC_ERROR_FULL,
  RC_ERROR_PROTECTED_OUTPUT,
  RC_ERROR_NOT_A_PATH,
  RC_ERROR_READ_ONLY,
  RC_ERROR_TAMPERED,
} RcError;

GQuark rc_error_quark (void);

G_END_DECLS

G_BEGIN_DECLS

gboolean rc_set_invalid (GError     **error,
                         const char  *format,
                         ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
