/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include "rc-window-private.h"

/* The window's long work goes through its job bar (RcJobBar): while a job
 * runs, the actions that would start another are off, and closing the
 * window cancels it and closes once it has stopped, so that no export is
 * left half-written and no import half-done. */

static void
busy_changed_cb (RcJobBar   *bar,
                 GParamSpec *pspec,
                 RcWindow   *self)
{
  rc_window_update_actions (self);
  if (rc_job_bar_is_busy (bar) || !self->close_after_job)
    return;
  /* Once: a close that then waits for a save, and is called off, must not
   * come back when the next job ends. */
  self->close_after_job = FALSE;
  gtk_window_close (GTK_WINDOW (self));
}

/* When the window is asked to close: whether no job holds it open. */
gboolean
rc_window_may_close_jobs (RcWindow *self)
{
  if (!rc_job_bar_is_busy (self->job_bar))
    return TRUE;
  self->close_after_job = TRUE;
  rc_job_bar_cancel (self->job_bar);
  return FALSE;
}

gboolean
rc_window_is_busy (RcWindow *self)
{
  return rc_job_bar_is_busy (self->job_bar);
}

void
rc_window_init_jobs (RcWindow *self)
{
  g_signal_connect_object (self->job_bar, "notify::busy", G_CALLBACK (busy_changed_cb), self, 0);
}

void
rc_window_class_add_jobs (GtkWidgetClass *widget_class)
{
  g_type_ensure (RC_TYPE_JOB_BAR);
  gtk_widget_class_bind_template_child_full (widget_class, "job_bar", FALSE,
                                             G_STRUCT_OFFSET (RcWindow, job_bar));
}
