/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-window-private.h"

/* Closing the window, quitting and the end of the desktop session never
 * drop a change: what is pending is written first. While it can't be
 * (another program holds the database, the disk is full), the window
 * stays open and says so, keeps trying, and offers to save the draft to
 * a profile file that can be imported later. */

static void
release_logout (RcWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->logout_cookie != 0 && application != NULL)
    gtk_application_uninhibit (application, self->logout_cookie);
  self->logout_cookie = 0;
}

static const char *
describe_unsaved (const GError *error)
{
  if (g_error_matches (error, RC_ERROR, RC_ERROR_BUSY))
    return _("Another program is using the database, so the latest changes to this assessment "
             "are not saved yet. Recovery Capital keeps trying.");
  if (g_error_matches (error, RC_ERROR, RC_ERROR_FULL))
    return _("The disk is full, so the latest changes to this assessment are not saved yet. "
             "Recovery Capital keeps trying; freeing some space lets it save them.");
  return _("The database could not be written, so the latest changes to this assessment are "
           "not saved yet. Recovery Capital keeps trying.");
}

static void
draft_saved_to_file (RcWindow   *self,
                     const char *path)
{
  g_autoptr(GError) error = NULL;
  RcAssessment *draft = rc_assessment_editor_get_assessment (self->editor);
  g_autoptr(RcClient) client =
    rc_store_find_client (self->store, rc_assessment_get_client_uuid (draft), &error);

  if (client == NULL || !rc_export_draft (self->store, client, draft, path, &error))
    {
      rc_window_show_toast (self, _("The draft could not be saved to that file."));
      return;
    }
  /* The file holds it now, to be imported once the database can be
   * written: the window closes, as it was asked to or as the session
   * ending will make it, before another change could miss the file. */
  self->draft_in_file = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_to_file_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          RcWindow        *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (response == GTK_RESPONSE_ACCEPT && path != NULL)
    draft_saved_to_file (self, path);
  else if (response == GTK_RESPONSE_ACCEPT)
    rc_window_show_toast (self, _("Drafts can only be saved to local folders"));
  g_object_unref (chooser);
}

static void
choose_draft_file (RcWindow *self)
{
  RcAssessment *draft = rc_assessment_editor_get_assessment (self->editor);
  g_autoptr(RcClient) client =
    rc_store_find_client (self->store, rc_assessment_get_client_uuid (draft), NULL);
  GtkFileChooserNative *chooser =
    rc_window_new_profile_chooser (self, _("Save Draft"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                   _("_Save"));
  /* The clinic code, never the name, in a file name others may see. */
  g_autofree char *name = g_strdup_printf ("%s-draft.xml", client != NULL
                                           ? rc_client_get_clinic_code (client) : "assessment");
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_home_dir ());

  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_to_file_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RcWindow         *self)
{
  if (g_str_equal (response, "keep-working"))
    self->close_when_saved = FALSE;
  else if (g_str_equal (response, "file"))
    choose_draft_file (self);
}

/* Says why the changes are not saved, and what can be done. */
static void
tell_unsaved (RcWindow     *self,
              const GError *error)
{
  AdwMessageDialog *dialog;

  if (self->unsaved_dialog != NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Changes Not Saved Yet"),
                                                       describe_unsaved (error)));
  adw_message_dialog_add_responses (dialog,
                                    "keep-working", _("_Keep Working"),
                                    "file", _("Save Draft to _File…"),
                                    "wait", self->close_when_saved ? _("Close When _Saved")
                                                                   : _("Keep _Trying"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "wait", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "wait");
  adw_message_dialog_set_close_response (dialog, "keep-working");
  g_signal_connect (dialog, "response", G_CALLBACK (unsaved_response_cb), self);
  self->unsaved_dialog = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->unsaved_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unsaved_changed_cb (RcAssessmentEditor *editor,
                    GParamSpec         *pspec,
                    RcWindow           *self)
{
  if (rc_assessment_editor_has_unsaved_changes (editor))
    return;
  release_logout (self);
  if (self->unsaved_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->unsaved_dialog));
  if (self->close_when_saved)
    gtk_window_close (GTK_WINDOW (self));
}

/* When the window is about to close: whether it may. */
gboolean
rc_window_may_close (RcWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rc_window_may_close_jobs (self))
    return FALSE;
  if (self->editor == NULL || self->draft_in_file ||
      rc_assessment_editor_save_now (self->editor, &error))
    return TRUE;
  self->close_when_saved = TRUE;
  tell_unsaved (self, error);
  return FALSE;
}

/**
 * rc_window_prepare_for_session_end:
 *
 * Writes what is pending before the desktop session ends; while that
 * fails, holds the logout back and tells the worker.
 */
void
rc_window_prepare_for_session_end (RcWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RC_IS_WINDOW (self));

  if (self->editor == NULL || self->draft_in_file ||
      rc_assessment_editor_save_now (self->editor, &error))
    return;
  if (self->logout_cookie == 0)
    self->logout_cookie =
      gtk_application_inhibit (gtk_window_get_application (GTK_WINDOW (self)), GTK_WINDOW (self),
                               GTK_APPLICATION_INHIBIT_LOGOUT,
                               _("Changes to an assessment are not saved yet"));
  gtk_window_present (GTK_WINDOW (self));
  tell_unsaved (self, error);
}

/**
 * rc_window_has_unsaved_changes:
 *
 * Returns: whether a change is neither in the database nor in a file
 */
gboolean
rc_window_has_unsaved_changes (RcWindow *self)
{
  g_return_val_if_fail (RC_IS_WINDOW (self), FALSE);
  return self->editor != NULL && !self->draft_in_file &&
         rc_assessment_editor_has_unsaved_changes (self->editor);
}

static void
kept_apart_cb (RcWindow *self)
{
  AdwToast *toast = adw_toast_new (_("This assessment was changed elsewhere after it was opened "
                                     "here. Both versions are kept: your changes go on as a "
                                     "separate draft."));

  /* Until the worker has read it. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Once the editor is built: what it has not saved holds the window. */
void
rc_window_watch_editor (RcWindow *self)
{
  g_signal_connect_object (self->editor, "notify::has-unsaved-changes",
                           G_CALLBACK (unsaved_changed_cb), self, 0);
  g_signal_connect_object (self->editor, "kept-apart", G_CALLBACK (kept_apart_cb), self,
                           G_CONNECT_SWAPPED);
}

void
rc_window_dispose_closing (RcWindow *self)
{
  release_logout (self);
}
