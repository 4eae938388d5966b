/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "rc-progress.h"

/* How far long work has gone, and whether to stop it: set by the thread
 * doing the work, read by the one showing it. Counts are atomic, so the
 * window reads them at its own pace without a lock or a message per
 * step; cancelling goes through a GCancellable, which is thread-safe. */

struct _RcProgress
{
  GObject       parent_instance;

  GCancellable *cancellable;
  gsize         total;  /* 0: not known yet */
  gsize         done;
};

G_DEFINE_FINAL_TYPE (RcProgress, rc_progress, G_TYPE_OBJECT)

static void
rc_progress_finalize (GObject *object)
{
  RcProgress *self = RC_PROGRESS (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (rc_progress_parent_class)->finalize (object);
}

static void
rc_progress_class_init (RcProgressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rc_progress_finalize;
}

static void
rc_progress_init (RcProgress *self)
{
  self->cancellable = g_cancellable_new ();
}

RcProgress *
rc_progress_new (void)
{
  return g_object_new (RC_TYPE_PROGRESS, NULL);
}

/**
 * rc_progress_get_cancellable:
 *
 * Returns: (transfer none): cancelled to ask the work to stop
 */
GCancellable *
rc_progress_get_cancellable (RcProgress *self)
{
  g_return_val_if_fail (RC_IS_PROGRESS (self), NULL);
  return self->cancellable;
}

/**
 * rc_progress_set_total:
 * @total: how many steps the work takes: clients, bytes…
 */
void
rc_progress_set_total (RcProgress *self,
                       gsize       total)
{
  g_return_if_fail (RC_IS_PROGRESS (self));
  g_atomic_pointer_set (&self->total, total);
}

void
rc_progress_set_done (RcProgress *self,
                      gsize       done)
{
  g_return_if_fail (RC_IS_PROGRESS (self));
  g_atomic_pointer_set (&self->done, done);
}

void
rc_progress_add_done (RcProgress *self,
                      gsize       done)
{
  g_return_if_fail (RC_IS_PROGRESS (self));
  g_atomic_pointer_add (&self->done, done);
}

/**
 * rc_progress_get_fraction:
 *
 * Returns: the part done, from 0 to 1, or -1 while the total is unknown
 */
double
rc_progress_get_fraction (RcProgress *self)
{
  gsize total, done;

  g_return_val_if_fail (RC_IS_PROGRESS (self), -1);

  total = g_atomic_pointer_get (&self->total);
  done = g_atomic_pointer_get (&self->done);
  if (total == 0)
    return -1;
  return MIN ((double) done / (double) total, 1.0);
}

/**
 * rc_progress_check:
 * @self: (nullable): the work's progress, or %NULL for work that can't be
 *   cancelled
 *
 * For the working thread, between steps.
 *
 * Returns: %FALSE with %G_IO_ERROR_CANCELLED once the work was cancelled
 */
gboolean
rc_progress_check (RcProgress  *self,
                   GError     **error)
{
  if (self == NULL || !g_cancellable_is_cancelled (self->cancellable))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("cancelled"));
  return FALSE;
}
