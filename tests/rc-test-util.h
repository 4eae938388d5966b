/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rc-core.h"

G_BEGIN_DECLS

/* A fresh temporary folder, removed again by rc_test_tmpdir_free(). */
char     *rc_test_tmpdir_new                (void);
void      rc_test_tmpdir_free               (char         *path);
char     *rc_test_file_checksum             (const char   *path);
void      rc_test_isolate_data_home         (const char   *tmpdir);
void      rc_test_assert_mode               (const char   *path,
                                             guint         expected);

/* Stores with the default instruments, opened or the test fails. */
RcStore  *rc_test_open_store                (const char   *path);
RcStore  *rc_test_open_store_in             (const char   *tmpdir,
                                             const char   *name);
/* The stored assessment @uuid, or the test fails. */
RcAssessment *rc_test_load_assessment       (RcStore      *store,
                                             const char   *uuid);

RcClient *rc_test_make_client               (const char   *code,
                                             const char   *given,
                                             const char   *family);
void      rc_test_assert_clients_equal      (RcClient     *a,
                                             RcClient     *b);
void      rc_test_assert_assessments_equal  (RcAssessment *a,
                                             RcAssessment *b);

/* The made-up instrument with reliability figures,
 * tests/data/instruments/test-validated.xml, copied into @data_home's
 * instruments folder as a clinic would add one; returns that folder. */
char     *rc_test_install_validated_instrument (const char   *data_home);
/* Sets each "key=score" pair of @scores on @assessment. */
void      rc_test_set_scores                (RcAssessment       *assessment,
                                             const char * const *scores);

/* SQLite on a database file, behind the store's back. */
guint     rc_test_time_scale                (void);
void      rc_test_downgrade_to_version_3    (const char   *path);
void      rc_test_leave_wal                 (const char   *path);
void      rc_test_sqlite_exec               (const char   *path,
                                             const char   *sql);
gint64    rc_test_sqlite_query_int          (const char   *path,
                                             const char   *sql);

void      rc_test_install_versioned_instrument (const char *folder,
                                                guint       version);

typedef struct
{
  const char *code;
  guint       versions[2];
  const char *languages[2];
  const char *note;  /* NULL: neither note */
} RcTestVersionCase;

#define RC_TEST_N_VERSION_CASES 4
extern const RcTestVersionCase rc_test_version_cases[RC_TEST_N_VERSION_CASES];

GPtrArray *rc_test_save_version_cases       (RcStore      *store);
char     *rc_test_make_demo_database        (const char   *folder,
                                             const char   *name,
                                             guint         n_clients,
                                             guint32       seed);
char     *rc_test_export_demo               (const char   *folder,
                                             const char   *name,
                                             guint         n_clients,
                                             guint32       seed);
char     *rc_test_list_folder               (const char   *folder);
guint     rc_test_count_own_posix_locks     (void);

G_END_DECLS
