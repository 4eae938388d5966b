/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh temporary folder, removed again by rc_test_tmpdir_free(). */
char  *rc_test_tmpdir_new       (void);
void   rc_test_tmpdir_free      (char       *path);
char  *rc_test_file_checksum    (const char *path);
void   rc_test_isolate_data_home (const char *tmpdir);


G_END_DECLS
