/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <errno.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "rc-window-private.h"

/* Backups in the window. Once it has drawn its first frame, a worker
 * with a connection of its own checks the database (rc_store_quick_check())
 * and makes the day's backup if the newest is over a day old, so that
 * neither the start nor typing waits for either. Quitting while it runs
 * leaves a hidden file that the next backup deletes. A damaged database
 * is only read from then on, and a bar says why and offers its backups,
 * as it says why for one that is read-only; *Backups…* lists them and
 * restores one after asking. Listing (which counts what each holds) and
 * restoring run on the window's job bar (rc-job-bar.c), with a
 * connection of their own and Cancel. */

#include "rc-backups-window.h"

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

static gpointer
back_up_in_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  BackupJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcStore) store = NULL;
  char *made = NULL;

  /* Below the window's own work (on Linux the nice value is the calling
   * thread's, which ends with the backup). */
  if (setpriority (PRIO_PROCESS, 0, 10) != 0)
    g_debug ("The daily backup runs at normal priority: %s", g_strerror (errno));
  store = rc_store_open (job->path, job->catalog, &error);

  /* A damaged database is not copied over a sound backup. */
  if (store == NULL || !rc_store_quick_check (store, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  /* One that can't be written can't change, and has no id of its own
   * to keep its backups under: none is made. */
  else if (rc_store_get_write_refusal (store) != NULL)
    g_task_return_pointer (task, NULL, NULL);
  else if (!rc_store_make_daily_backup (store, &made, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, made, g_free);
  return NULL;
}

/* An assessment open when the check found damage is shown again, as
 * only to be read. */
static void
reopen_shown_assessment (RcWindow *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->content_stack);
  g_autoptr(RcAssessment) shown = NULL;

  /* Held: opening it again replaces the view's own reference. */
  if (g_strcmp0 (view, "editor") == 0)
    shown = g_object_ref (rc_assessment_editor_get_assessment (self->editor));
  else if (g_strcmp0 (view, "profile") == 0)
    shown = g_object_ref (rc_profile_view_get_assessment (self->profile_view));
  if (shown != NULL)
    rc_window_open_assessment (self, shown);
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
  if (g_error_matches (error, RC_ERROR, RC_ERROR_DATABASE) ||
      g_error_matches (error, RC_ERROR, RC_ERROR_TAMPERED))
    {
      rc_store_refuse_writes (self->store, error);
      rc_window_show_refusal (self);
      reopen_shown_assessment (self);
    }
  else if (g_error_matches (error, RC_ERROR, RC_ERROR_FULL))
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
  /* A thread of its own rather than GTask's pool, whose threads would keep
   * the lowered priority for whatever work they did next. */
  g_thread_unref (g_thread_new ("daily backup", back_up_in_thread, g_steal_pointer (&task)));
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

/**
 * rc_window_show_refusal:
 *
 * Shows, above every view, why nothing is written to the database when
 * that is so — read-only, damaged, or its safeguards changed — with its
 * backups where one can cure it, and enables only what reads.
 */
void
rc_window_show_refusal (RcWindow *self)
{
  const GError *refusal = rc_store_get_write_refusal (self->store);
  gboolean read_only = g_error_matches (refusal, RC_ERROR, RC_ERROR_READ_ONLY);
  /* Damaged or tampered: a backup cures it. */
  gboolean curable = refusal != NULL && !read_only;

  if (read_only)
    gtk_label_set_text (self->refusal_label,
                        _("This database is read-only: its file or its folder cannot be "
                          "written to. Clients and assessments can be looked at, compared and "
                          "exported, not changed."));
  else if (g_error_matches (refusal, RC_ERROR, RC_ERROR_TAMPERED))
    gtk_label_set_text (self->refusal_label,
                        _("The safeguards that keep completed assessments final were removed or "
                          "changed outside Recovery Capital. Nothing more is written to this "
                          "database; what it holds can still be read and exported. Restore a "
                          "backup to go on working."));
  else if (refusal != NULL)
    gtk_label_set_text (self->refusal_label,
                        _("This database is damaged. Nothing more is written to it; what it "
                          "holds can still be read and exported. Restore a backup to go on "
                          "working."));
  adw_status_page_set_description (self->welcome_page,
                                   refusal != NULL
                                   ? _("Choose a client.")
                                   : _("Choose a client, or register a new one with Ctrl+N."));
  gtk_widget_set_visible (self->refusal_backups_button, curable);
  if (curable)
    gtk_widget_add_css_class (self->refusal_bar, "damaged");
  else
    gtk_widget_remove_css_class (self->refusal_bar, "damaged");
  gtk_revealer_set_reveal_child (self->refusal_revealer, refusal != NULL);
  rc_window_update_actions (self);
}

/* Once the dialog asking has finished closing itself. */
static gboolean
close_backups_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Replacing the database reads the backup and writes every page: the
 * worker's, on a connection of its own. */
static gboolean
restore_in_thread (RcStore     *store,
                   RcProgress  *progress,
                   gpointer     data,
                   GError     **error)
{
  return rc_store_restore (store, data, NULL, progress, error);
}

static void
restored_cb (gpointer      owner,
             const GError *error,
             gpointer      data)
{
  RcWindow *self = owner;

  if (self->store == NULL)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rc_window_show_toast (self, _("Restore cancelled: the database is as it was"));
  else if (error != NULL)
    rc_window_show_error (self, error);
  else
    {
      rc_store_accept_restore (self->store);
      rc_window_show_refusal (self);
      rc_window_reload_clients (self);
      /* Short, for a toast: the dialog before said where the earlier data went. */
      rc_window_show_toast (self, _("Backup restored. The earlier data is kept."));
    }
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RcWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  GtkWindow *backups = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore") || rc_window_is_busy (self))
    return;
  /* What is typed now goes into what is kept, not lost. */
  if (self->editor != NULL && !rc_assessment_editor_save_now (self->editor, &error))
    {
      rc_window_show_error (self, error);
      return;
    }
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_backups_cb, g_object_ref (backups),
                   g_object_unref);
  /* No assessment stays open on a database being replaced. */
  rc_window_show_welcome (self);
  rc_job_bar_run (self->job_bar, _("Restoring the backup…"), self->store, restore_in_thread,
                  restored_cb, self, g_strdup (path), g_free);
}

static void
restore_requested_cb (RcBackupsWindow *backups,
                      const char      *path,
                      RcWindow        *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (backups), _("Restore This Backup?"),
    _("Everything in the database is replaced with what this backup holds: clients, "
      "assessments and drafts made since are no longer shown. What the database holds now is "
      "kept as a backup of its own, so this can be undone by restoring that one.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Counting what each backup holds reads every one of them: the worker's. */
static gboolean
list_backups_in_thread (RcStore     *store,
                        RcProgress  *progress,
                        gpointer     data,
                        GError     **error)
{
  GPtrArray **backups = data;

  *backups = rc_store_list_backups (store, error);
  return *backups != NULL && rc_progress_check (progress, error);
}

static void
backups_listed_cb (gpointer      owner,
                   const GError *error,
                   gpointer      data)
{
  RcWindow *self = owner;
  GPtrArray *backups = *(GPtrArray **) data;
  GtkWidget *window;

  if (self->store == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      rc_window_show_error (self, error);
      return;
    }
  window = rc_backups_window_new (GTK_WINDOW (self), backups);
  g_signal_connect_object (window, "restore", G_CALLBACK (restore_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

static void
free_backup_list (gpointer data)
{
  GPtrArray **backups = data;

  g_clear_pointer (backups, g_ptr_array_unref);
  g_free (backups);
}

static void
backups_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);

  if (self->store == NULL || rc_window_is_busy (self))
    return;
  rc_job_bar_run (self->job_bar, _("Reading the backups…"), self->store, list_backups_in_thread,
                  backups_listed_cb, self, g_new0 (GPtrArray *, 1), free_backup_list);
}

void
rc_window_class_add_backups (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_activated);
}
