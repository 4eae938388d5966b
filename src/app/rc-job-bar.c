/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-job-bar"

#include "config.h"

#include "rc-job-bar.h"

/* Long work — exports, imports, reports, reading backups — runs in a
 * GTask's thread on a connection of its own, so the window keeps drawing
 * and saving while it goes; this bar, at the foot of the window, shows
 * how far it is and offers Cancel. One job runs at a time. The
 * application is held while it runs, so that it ends before the process
 * does. */

/* Short jobs finish before the bar would show: it appears only after. */
#define SHOW_AFTER_MS 300
#define UPDATE_MS 100

struct _RcJobBar
{
  AdwBin          parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *title_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *cancel_button;

  RcProgress     *progress;  /* while a job runs */
  gint64          started;
  guint           update_id;
};

G_DEFINE_FINAL_TYPE (RcJobBar, rc_job_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  RcJobBar            *bar;
  GObject             *owner;
  char                *path;
  RcInstrumentCatalog *catalog;
  GError              *refusal;  /* the window's store's, passed on */
  RcProgress          *progress;
  RcJobFunc            func;
  RcJobDoneFunc        done;
  gpointer             data;
  GDestroyNotify       data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_error (&job->refusal);
  g_object_unref (job->progress);
  g_object_unref (job->catalog);
  g_free (job->path);
  g_object_unref (job->owner);
  g_object_unref (job->bar);
  g_free (job);
}

static void
run_job_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcStore) store = rc_store_open (job->path, job->catalog, &error);

  if (store != NULL && job->refusal != NULL)
    rc_store_refuse_writes (store, job->refusal);
  if (store == NULL || !job->func (store, job->progress, job->data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
update_cb (gpointer user_data)
{
  RcJobBar *self = user_data;
  double fraction = rc_progress_get_fraction (self->progress);

  if (g_get_monotonic_time () - self->started >= SHOW_AFTER_MS * G_TIME_SPAN_MILLISECOND)
    gtk_revealer_set_reveal_child (self->revealer, TRUE);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  return G_SOURCE_CONTINUE;
}

static void
job_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RcJobBar *self = RC_JOB_BAR (source_object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_object (&self->progress);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  /* Free for the next job, which the owner may start; then told of the
   * change, so that a window waiting to close finds the owner's work
   * done. */
  job->done (job->owner, error, job->data);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_application_release (g_application_get_default ());
}

/**
 * rc_job_bar_run:
 * @title: what is being done, e.g. "Exporting profiles…"
 * @store: the window's store: @func gets one of its own on the same file,
 *   refusing writes as this one does
 * @func: the work, in a worker thread; it checks @progress for Cancel
 * @done: told the outcome, in the main thread, before @data is freed
 * @owner: kept alive until @done has run
 *
 * Starts a job; none may be running (rc_job_bar_is_busy()).
 */
void
rc_job_bar_run (RcJobBar       *self,
                const char     *title,
                RcStore        *store,
                RcJobFunc       func,
                RcJobDoneFunc   done,
                gpointer        owner,
                gpointer        data,
                GDestroyNotify  data_free)
{
  g_autoptr(GTask) task = NULL;
  const GError *refusal;
  Job *job;

  g_return_if_fail (RC_IS_JOB_BAR (self));
  g_return_if_fail (RC_IS_STORE (store));
  g_return_if_fail (self->progress == NULL);

  job = g_new0 (Job, 1);
  job->bar = g_object_ref (self);
  job->owner = g_object_ref (owner);
  job->path = g_strdup (rc_store_get_path (store));
  job->catalog = g_object_ref (rc_store_get_catalog (store));
  refusal = rc_store_get_write_refusal (store);
  job->refusal = refusal != NULL ? g_error_copy (refusal) : NULL;
  job->progress = rc_progress_new ();
  job->func = func;
  job->done = done;
  job->data = data;
  job->data_free = data_free;

  self->progress = g_object_ref (job->progress);
  self->started = g_get_monotonic_time ();
  gtk_label_set_text (self->title_label, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  self->update_id = g_timeout_add (UPDATE_MS, update_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  g_application_hold (g_application_get_default ());
  task = g_task_new (self, NULL, job_done_cb, NULL);
  g_task_set_name (task, title);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job_thread);
}

gboolean
rc_job_bar_is_busy (RcJobBar *self)
{
  g_return_val_if_fail (RC_IS_JOB_BAR (self), FALSE);
  return self->progress != NULL;
}

/**
 * rc_job_bar_cancel:
 *
 * Asks the running job, if any, to stop; its done function still runs,
 * with %G_IO_ERROR_CANCELLED unless it had finished.
 */
void
rc_job_bar_cancel (RcJobBar *self)
{
  g_return_if_fail (RC_IS_JOB_BAR (self));

  if (self->progress == NULL)
    return;
  g_cancellable_cancel (rc_progress_get_cancellable (self->progress));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

static void
rc_job_bar_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RcJobBar *self = RC_JOB_BAR (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, rc_job_bar_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_job_bar_dispose (GObject *object)
{
  RcJobBar *self = RC_JOB_BAR (object);

  /* A job still running keeps the bar alive: this is after it ended.
   * AdwBin unparents its child itself. */
  g_clear_handle_id (&self->update_id, g_source_remove);
  G_OBJECT_CLASS (rc_job_bar_parent_class)->dispose (object);
}

static void
rc_job_bar_class_init (RcJobBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = rc_job_bar_get_property;
  object_class->dispose = rc_job_bar_dispose;

  /**
   * RcJobBar:busy:
   *
   * Whether a job is running.
   */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/recoverycapital/RecoveryCapital/"
                                               "ui/rc-job-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RcJobBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, RcJobBar, title_label);
  gtk_widget_class_bind_template_child (widget_class, RcJobBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RcJobBar, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, rc_job_bar_cancel);
}

static void
rc_job_bar_init (RcJobBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
