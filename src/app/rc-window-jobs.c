/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-window-private.h"

/* The window's long work goes through its job bar (RcJobBar): while a job
 * runs, the actions that would start another are off, and closing the
 * window asks first, then cancels it and closes once it has stopped, so
 * that no export is left half-written and no import half-done. An
 * import of a large file takes minutes: a slip of Ctrl+Q must not throw
 * that away unasked. */

static void
busy_changed_cb (RcJobBar   *bar,
                 GParamSpec *pspec,
                 RcWindow   *self)
{
  rc_window_update_actions (self);
  if (rc_job_bar_is_busy (bar))
    return;
  /* The job ended while the worker was asked whether to stop it: nothing
   * is lost by closing now, as they asked to. */
  if (self->stop_dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self->stop_dialog));
      self->close_after_job = TRUE;
    }
  if (!self->close_after_job)
    return;
  /* Once: a close that then waits for a save, and is called off, must not
   * come back when the next job ends. */
  self->close_after_job = FALSE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
stop_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  RcWindow         *self)
{
  /* Answered, it must not count as still asking (busy_changed_cb()). */
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!g_str_equal (response, "stop"))
    return;
  if (!rc_job_bar_is_busy (self->job_bar))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  self->close_after_job = TRUE;
  rc_job_bar_cancel (self->job_bar);
}

static void
ask_to_stop (RcWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->stop_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->stop_dialog));
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), _("Stop the Work Under Way?"),
    _("Closing now stops what the bar at the foot of the window shows and undoes what it has "
      "done so far: the database and your files stay as they were.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Working"),
                                    "stop", _("_Stop and Close"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (stop_response_cb), self);
  self->stop_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->stop_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* When the window is asked to close: whether no job holds it open. Once
 * the worker said to stop, the close waits for the job to end. */
gboolean
rc_window_may_close_jobs (RcWindow *self)
{
  if (!rc_job_bar_is_busy (self->job_bar))
    return TRUE;
  if (!self->close_after_job)
    ask_to_stop (self);
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
