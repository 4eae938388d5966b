/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RC_TYPE_PROGRESS (rc_progress_get_type ())

G_DECLARE_FINAL_TYPE (RcProgress, rc_progress, RC, PROGRESS, GObject)

RcProgress   *rc_progress_new             (void);
GCancellable *rc_progress_get_cancellable (RcProgress  *self);
void          rc_progress_set_total       (RcProgress  *self,
                                           gsize        total);
void          rc_progress_set_done        (RcProgress  *self,
                                           gsize        done);
void          rc_progress_add_done        (RcProgress  *self,
                                           gsize        done);
double        rc_progress_get_fraction    (RcProgress  *self);
gboolean      rc_progress_check           (RcProgress  *self,
                                           GError     **error);

G_END_DECLS
