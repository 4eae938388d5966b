/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-window-private.h"

/* The daily backup: once the window has drawn its first frame, a worker
 * with a connection of its own makes one if the newest is over a day old
 * (rc_store_make_daily_backup()), so that neither the start nor typing
 * waits for it. Quitting while it runs leaves a hidden file that the
 * next backup deletes. */

typedef struct
{
  char                *path;
  RcInstrumentCatalog *catalog;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->path);
  g_clear_object (&job->catalog);
  g_free (job);
}

static void
back_up_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcStore) store = rc_store_open (job->path, job->catalog, &error);
  char *made = NULL;

  if (store == NULL || !rc_store_make_daily_backup (store, &made, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, made, g_free);
}

static void
backed_up_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  RcWindow *self = RC_WINDOW (source_object);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = g_task_propagate_pointer (G_TASK (result), &error);

  /* Nothing to tell once the window is gone, or when all went well. */
  if (error == NULL || self->store == NULL)
    return;
  /* The message names the database file or its folder, never a person. */
  g_message ("No daily backup: %s", error->message);
  if (g_error_matches (error, RC_ERROR, RC_ERROR_FULL))
    rc_window_show_toast (self, _("No backup was made today: the disk has too little free "
                                  "space."));
  else
    rc_window_show_toast (self, _("The daily backup could not be made."));
}

static gboolean
start_backup_cb (gpointer user_data)
{
  RcWindow *self = user_data;
  g_autoptr(GTask) task = g_task_new (self, NULL, backed_up_cb, NULL);
  BackupJob *job = g_new0 (BackupJob, 1);

  job->path = g_strdup (rc_store_get_path (self->store));
  job->catalog = g_object_ref (rc_store_get_catalog (self->store));
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_set_name (task, "daily backup");
  g_task_run_in_thread (task, back_up_in_thread);
  return G_SOURCE_REMOVE;
}

/* At the first frame; the idle at low priority runs once it is drawn. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  g_idle_add_full (G_PRIORITY_LOW, start_backup_cb, g_object_ref (widget), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* Called once the window has its database. */
void
rc_window_schedule_backup (RcWindow *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);
}
