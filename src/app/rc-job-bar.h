/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rc-core.h"

G_BEGIN_DECLS

/* Runs in the worker's thread, on a store of its own. */
typedef gboolean (*RcJobFunc)     (RcStore       *store,
                                   RcProgress    *progress,
                                   gpointer       data,
                                   GError       **error);
/* Runs in the main thread once the job is over: @error is %NULL when it
 * went well, %G_IO_ERROR_CANCELLED when it was cancelled. */
typedef void     (*RcJobDoneFunc) (gpointer       owner,
                                   const GError  *error,
                                   gpointer       data);

#define RC_TYPE_JOB_BAR (rc_job_bar_get_type ())

G_DECLARE_FINAL_TYPE (RcJobBar, rc_job_bar, RC, JOB_BAR, AdwBin)

void     rc_job_bar_run     (RcJobBar       *self,
                             const char     *title,
                             RcStore        *store,
                             RcJobFunc       func,
                             RcJobDoneFunc   done,
                             gpointer        owner,
                             gpointer        data,
                             GDestroyNotify  data_free);
gboolean rc_job_bar_is_busy (RcJobBar       *self);
void     rc_job_bar_cancel  (RcJobBar       *self);

G_END_DECLS
