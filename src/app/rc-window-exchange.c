/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-i18n.h"
#include "rc-window-private.h"

/* Import and export: file choosers, a dry run shown before an import,
 * and the message after. */

static void
show_error_dialog (RcWindow   *self,
                   const char *heading,
                   const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
profile_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Recovery Capital profiles"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  return filter;
}

/* A modal file chooser for profile files. */
GtkFileChooserNative *
rc_window_new_profile_chooser (RcWindow             *self,
                               const char           *title,
                               GtkFileChooserAction  action,
                               const char           *accept_label)
{
  GtkFileChooserNative *chooser =
    rc_app_new_file_chooser (title, GTK_WINDOW (self), action, accept_label, self->store);
  g_autoptr(GtkFileFilter) filter = profile_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

typedef struct
{
  char          *client_uuid;  /* NULL: every client */
  RcExportFlags  flags;
  char          *path;
  char          *name;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->client_uuid);
  g_free (job->path);
  g_free (job->name);
  g_free (job);
}

static gboolean
export_in_thread (RcStore     *store,
                  RcProgress  *progress,
                  gpointer     data,
                  GError     **error)
{
  ExportJob *job = data;
  const char *clients[] = { job->client_uuid, NULL };

  return rc_export_profiles (store, job->client_uuid != NULL ? clients : NULL, job->flags,
                             job->path, progress, error);
}

static void
exported_cb (gpointer      owner,
             const GError *error,
             gpointer      data)
{
  RcWindow *self = owner;
  ExportJob *job = data;
  g_autofree char *message = NULL;

  if (self->store == NULL)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rc_window_show_toast (self, _("Export cancelled: no file was written"));
  else if (error != NULL)
    show_error_dialog (self, _("The Profiles Could Not Be Exported"), error->message);
  else
    {
      message = g_strdup_printf (_("Exported to %s"), job->name);
      rc_window_show_toast (self, message);
    }
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ExportJob       *job)
{
  RcWindow *self = RC_WINDOW (gtk_native_dialog_get_transient_for (chooser));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL && !rc_window_is_busy (self))
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      job->path = g_file_get_path (file);
      job->name = g_file_get_basename (file);
    }
  if (job->path != NULL)
    rc_job_bar_run (self->job_bar, _("Exporting profiles…"), self->store, export_in_thread,
                    exported_cb, self, job, (GDestroyNotify) export_job_free);
  else
    {
      if (file != NULL)
        rc_window_show_toast (self, _("Profiles can only be exported to local folders"));
      export_job_free (job);
    }
  g_object_unref (chooser);
}

static void
choose_export_file (RcWindow      *self,
                    const char    *client_uuid,
                    RcExportFlags  flags,
                    const char    *suggested_name)
{
  GtkFileChooserNative *chooser =
    rc_window_new_profile_chooser (self, _("Export Profiles"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                   _("_Export"));
  ExportJob *job = g_new0 (ExportJob, 1);

  job->client_uuid = g_strdup (client_uuid);
  job->flags = flags;
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_all_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);

  if (self->store != NULL)
    choose_export_file (self, NULL, RC_EXPORT_NONE, "recovery-capital-profiles.xml");
}

/* For service evaluation: no names, notes or goals, pseudonyms for codes
 * (see rc_export_profiles()). */
static void
export_deidentified_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);

  if (self->store != NULL)
    choose_export_file (self, NULL, RC_EXPORT_DEIDENTIFY,
                        "recovery-capital-deidentified.xml");
}

/* The file is named after the clinic code, never the person. */
static void
export_client_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  RcClient *client = rc_client_page_get_client (self->client_page);
  g_autofree char *name = NULL;

  if (client == NULL)
    return;
  name = g_strdup_printf ("%s.xml", rc_client_get_clinic_code (client));
  choose_export_file (self, rc_client_get_uuid (client), RC_EXPORT_NONE, name);
}

typedef struct
{
  char             *path;
  char             *name;
  RcConflictPolicy  policy;
  RcImportFlags     flags;
  RcImportSummary   summary;
} ImportJob;

static ImportJob *
import_job_new (const char       *path,
                const char       *name,
                RcConflictPolicy  policy,
                RcImportFlags     flags)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->path = g_strdup (path);
  job->name = g_strdup (name);
  job->policy = policy;
  job->flags = flags;
  rc_import_summary_init (&job->summary);
  return job;
}

static void
import_job_free (ImportJob *job)
{
  rc_import_summary_clear (&job->summary);
  g_free (job->path);
  g_free (job->name);
  g_free (job);
}

static gboolean
import_in_thread (RcStore     *store,
                  RcProgress  *progress,
                  gpointer     data,
                  GError     **error)
{
  ImportJob *job = data;

  return rc_import_profiles (store, job->path, job->policy, job->flags, &job->summary, progress,
                             error);
}

static void
start_import (RcWindow      *self,
              ImportJob     *job,
              RcJobDoneFunc  done);

/* Whether the import's outcome is for the window to show further. */
static gboolean
import_went_well (RcWindow     *self,
                  const GError *error)
{
  if (self->store == NULL)
    return FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rc_window_show_toast (self, _("Import cancelled: nothing was changed"));
  else if (error != NULL)
    show_error_dialog (self, _("The File Could Not Be Imported"), error->message);
  return error == NULL;
}

static char *
count_new_clients (guint count)
{
  return rc_i18n_count ("%s new client", "%s new clients", count);
}

static char *
count_new_assessments (guint count)
{
  return rc_i18n_count ("%s new assessment", "%s new assessments", count);
}

static void
imported_cb (gpointer      owner,
             const GError *error,
             gpointer      data)
{
  RcWindow *self = owner;
  ImportJob *job = data;
  g_autofree char *clients = NULL;
  g_autofree char *assessments = NULL;
  g_autofree char *message = NULL;

  if (!import_went_well (self, error))
    return;
  clients = count_new_clients (job->summary.new_clients);
  assessments = count_new_assessments (job->summary.new_assessments);
  /* Translators: "Imported 3 new clients and 5 new assessments" */
  message = g_strdup_printf (_("Imported %s and %s"), clients, assessments);
  rc_window_show_toast (self, message);
  rc_window_reload_clients (self);
}

static void
import_confirm_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RcWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  RcConflictPolicy policy;

  if (g_str_equal (response, "import") || g_str_equal (response, "skip"))
    policy = RC_CONFLICT_SKIP;
  else if (g_str_equal (response, "newer"))
    policy = RC_CONFLICT_NEWER;
  else
    return;
  start_import (self, import_job_new (path, name, policy, RC_IMPORT_NONE), imported_cb);
}

/* What an import would do, from a dry run, for the user to confirm. */
static char *
describe_import (const RcImportSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *clients = count_new_clients (summary->new_clients);
  g_autofree char *assessments = count_new_assessments (summary->new_assessments);
  guint unchanged = summary->unchanged_clients + summary->unchanged_assessments;
  g_autofree char *unchanged_text = rc_i18n_count ("%s unchanged", "%s unchanged", unchanged);

  /* Translators: "3 new clients, 5 new assessments, 2 unchanged." */
  g_string_append_printf (text, _("%s, %s, %s."), clients, assessments, unchanged_text);
  if (summary->conflicts->len > 0)
    {
      g_autofree char *differing = rc_i18n_count ("%s record differs from what is stored here:",
                                                  "%s records differ from what is stored here:",
                                                  summary->conflicts->len);

      g_string_append_printf (text, "\n\n%s", differing);
      for (guint i = 0; i < MIN (summary->conflicts->len, 5); i++)
        g_string_append_printf (text, "\n• %s",
                                (const char *) g_ptr_array_index (summary->conflicts, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* After the dry run: what the import would do, to confirm. */
static void
checked_cb (gpointer      owner,
            const GError *error,
            gpointer      data)
{
  RcWindow *self = owner;
  ImportJob *job = data;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!import_went_well (self, error))
    return;
  heading = g_strdup_printf (_("Import %s?"), job->name);
  body = describe_import (&job->summary);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (job->summary.conflicts->len > 0)
    {
      adw_message_dialog_add_responses (dialog, "skip", _("_Keep What Is Stored"),
                                        "newer", _("Take the _Newer"), NULL);
      adw_message_dialog_set_default_response (dialog, "skip");
    }
  else
    {
      adw_message_dialog_add_response (dialog, "import", _("_Import"));
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "import");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (job->path), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (job->name), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (import_confirm_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_import (RcWindow      *self,
              ImportJob     *job,
              RcJobDoneFunc  done)
{
  g_autofree char *title = NULL;

  if (rc_window_is_busy (self))
    {
      rc_window_show_toast (self, _("Another task is under way: try again once it has ended"));
      import_job_free (job);
      return;
    }
  title = g_strdup_printf ((job->flags & RC_IMPORT_DRY_RUN) ? _("Checking %s…")
                                                            : _("Importing %s…"), job->name);
  rc_job_bar_run (self->job_bar, title, self->store, import_in_thread, done, self, job,
                  (GDestroyNotify) import_job_free);
}

/* Reads and checks the file first (a dry run), then asks. */
static void
confirm_import (RcWindow   *self,
                const char *path,
                const char *name)
{
  start_import (self, import_job_new (path, name, RC_CONFLICT_SKIP, RC_IMPORT_DRY_RUN),
                checked_cb);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    RcWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);

      if (path != NULL)
        confirm_import (self, path, name);
      else
        rc_window_show_toast (self, _("Profiles can only be imported from local folders"));
    }
  g_object_unref (chooser);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;
  chooser = rc_window_new_profile_chooser (self, _("Import Profiles"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"));
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * rc_window_import_file:
 *
 * Asks whether to import @path, as after choosing it in "Import…".
 */
void
rc_window_import_file (RcWindow   *self,
                       const char *path)
{
  g_autofree char *name = NULL;

  g_return_if_fail (RC_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  name = g_path_get_basename (path);
  confirm_import (self, path, name);
}

void
rc_window_class_add_exchange (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_activated);
  gtk_widget_class_install_action (widget_class, "win.export-deidentified", NULL,
                                   export_deidentified_activated);
  gtk_widget_class_install_action (widget_class, "win.export-client", NULL,
                                   export_client_activated);
}
