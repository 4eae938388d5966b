/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-progress.h"
#include "rc-store.h"

G_BEGIN_DECLS

#define RC_PROFILE_NAMESPACE "urn:recovery-capital:profile:1"
#define RC_PROFILE_FORMAT_VERSION "1"

typedef enum
{
  RC_EXPORT_NONE       = 0,
  RC_EXPORT_DEIDENTIFY = 1 << 0,
} RcExportFlags;

gboolean rc_export_profiles (RcStore             *store,
                             const char * const  *clients,
                             RcExportFlags        flags,
                             const char          *path,
                             RcProgress          *progress,
                             GError             **error);

gboolean rc_export_draft    (RcStore             *store,
                             RcClient            *client,
                             RcAssessment        *draft,
                             const char          *path,
                             GError             **error);

G_END_DECLS
