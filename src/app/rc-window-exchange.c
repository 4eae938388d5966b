/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

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
    gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = profile_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

typedef struct
{
  RcWindow      *window;
  char          *client_uuid;  /* NULL: every client */
  RcExportFlags  flags;
} ExportRequest;

static void
export_request_free (ExportRequest *request)
{
  g_object_unref (request->window);
  g_free (request->client_uuid);
  g_free (request);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    ExportRequest   *request)
{
  RcWindow *self = request->window;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  const char *clients[] = { request->client_uuid, NULL };

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      name = g_file_get_basename (file);
      if (!rc_export_profiles (self->store, request->client_uuid != NULL ? clients : NULL,
                               request->flags, path, &error))
        show_error_dialog (self, _("The Profiles Could Not Be Exported"), error->message);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

          rc_window_show_toast (self, message);
        }
    }
  export_request_free (request);
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
  ExportRequest *request = g_new0 (ExportRequest, 1);

  request->window = g_object_ref (self);
  request->client_uuid = g_strdup (client_uuid);
  request->flags = flags;
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), request);
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

static void
import_with_policy (RcWindow         *self,
                    const char       *path,
                    RcConflictPolicy  policy)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RcImportSummary summary;

  rc_import_summary_init (&summary);
  if (!rc_import_profiles (self->store, path, policy, RC_IMPORT_NONE, &summary, &error))
    show_error_dialog (self, _("The File Could Not Be Imported"), error->message);
  else
    {
      message = g_strdup_printf (_("Imported %u new clients and %u new assessments"),
                                 summary.new_clients, summary.new_assessments);
      rc_window_show_toast (self, message);
      rc_window_reload_clients (self);
    }
  rc_import_summary_clear (&summary);
}

static void
import_confirm_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RcWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (g_str_equal (response, "import") || g_str_equal (response, "skip"))
    import_with_policy (self, path, RC_CONFLICT_SKIP);
  else if (g_str_equal (response, "newer"))
    import_with_policy (self, path, RC_CONFLICT_NEWER);
}

/* What an import would do, from a dry run, for the user to confirm. */
static char *
describe_import (const RcImportSummary *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("%u new clients, %u new assessments, %u unchanged."),
                          summary->new_clients, summary->new_assessments,
                          summary->unchanged_clients + summary->unchanged_assessments);
  if (summary->conflicts->len > 0)
    {
      g_string_append_printf (text, "\n\n");
      g_string_append_printf (text, _("%u records differ from what is stored here:"),
                              summary->conflicts->len);
      for (guint i = 0; i < MIN (summary->conflicts->len, 5); i++)
        g_string_append_printf (text, "\n• %s",
                                (const char *) g_ptr_array_index (summary->conflicts, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
confirm_import (RcWindow   *self,
                const char *path,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = g_strdup_printf (_("Import %s?"), name);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  RcImportSummary summary;

  rc_import_summary_init (&summary);
  if (!rc_import_profiles (self->store, path, RC_CONFLICT_SKIP, RC_IMPORT_DRY_RUN, &summary,
                           &error))
    {
      show_error_dialog (self, _("The File Could Not Be Imported"), error->message);
      rc_import_summary_clear (&summary);
      return;
    }
  body = describe_import (&summary);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (summary.conflicts->len > 0)
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
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (import_confirm_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  rc_import_summary_clear (&summary);
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

      confirm_import (self, path, name);
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
