/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-progress.h"
#include "rc-store.h"

G_BEGIN_DECLS

/* What to do with an incoming record that differs from the stored one
 * with the same UUID (docs/xml-format.md). */
typedef enum
{
  RC_CONFLICT_FAIL,
  RC_CONFLICT_SKIP,
  RC_CONFLICT_NEWER,
} RcConflictPolicy;

typedef enum
{
  RC_IMPORT_NONE    = 0,
  RC_IMPORT_DRY_RUN = 1 << 0,  /* count and check, then roll back */
} RcImportFlags;

typedef struct
{
  guint      new_clients;
  guint      updated_clients;
  guint      unchanged_clients;
  guint      new_assessments;
  guint      updated_assessments;
  guint      unchanged_assessments;
  GPtrArray *conflicts;  /* "client UUID: given-name, updated differ" */
  GPtrArray *problems;   /* "FILE:LINE: what is wrong" */
} RcImportSummary;

void     rc_import_summary_init   (RcImportSummary      *summary);
void     rc_import_summary_clear  (RcImportSummary      *summary);
gboolean rc_conflict_policy_from_string (const char     *text,
                                         RcConflictPolicy *policy);

gboolean rc_import_profiles       (RcStore              *store,
                                   const char           *path,
                                   RcConflictPolicy      policy,
                                   RcImportFlags         flags,
                                   RcImportSummary      *summary,
                                   RcProgress           *progress,
                                   GError              **error);
gboolean rc_validate_profiles     (RcInstrumentCatalog  *catalog,
                                   const char           *path,
                                   RcImportSummary      *summary,
                                   GError              **error);

G_END_DECLS
