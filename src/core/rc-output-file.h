/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file written whole or not at all: exports and reports. */
typedef struct _RcOutputFile RcOutputFile;

char         **rc_output_file_database_paths (const char          *database);

RcOutputFile  *rc_output_file_new            (const char          *path,
                                              const char * const  *protected_paths,
                                              GError             **error);
const char    *rc_output_file_get_path       (RcOutputFile        *self);
gboolean       rc_output_file_write          (RcOutputFile        *self,
                                              const void          *data,
                                              gsize                length);
gboolean       rc_output_file_write_failed   (RcOutputFile        *self,
                                              GError             **error);
gboolean       rc_output_file_commit         (RcOutputFile        *self,
                                              GError             **error);
void           rc_output_file_free           (RcOutputFile        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcOutputFile, rc_output_file_free)

G_END_DECLS
