/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-assessment-editor.h"
#include "rc-client-page.h"
#include "rc-client-row.h"
#include "rc-new-client-dialog.h"
#include "rc-compare-view.h"
#include "rc-profile-view.h"
#include "rc-window.h"

/* The main window: the clients in a searchable sidebar, and beside it the
 * client's page, the assessment editor or a profile. On a narrow screen
 * the two fold into one column. The window never runs SQL: it asks the
 * store and shows what comes back. */

struct _RcWindow
{
  AdwApplicationWindow  parent_instance;

  RcStore              *store;
  RcClientList         *clients;
  GSettings            *settings;
  AdwToast             *draft_toast;
  gboolean              show_codes_only;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *client_list_view;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkStack             *content_stack;
  AdwStatusPage        *welcome_page;
  RcClientPage         *client_page;
  RcAssessmentEditor   *editor;
  RcProfileView        *profile_view;
  RcCompareView        *compare_view;
};

G_DEFINE_FINAL_TYPE (RcWindow, rc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_CODES_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (RcWindow   *self,
            const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
update_list_page (RcWindow *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0)
    page = *rc_client_list_get_search (self->clients) != '\0' ? "no-results" : "empty";
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

/* Pages below a client's page, which Back returns to. */
static gboolean
is_client_subpage (const char *page)
{
  return g_strcmp0 (page, "editor") == 0 || g_strcmp0 (page, "profile") == 0 ||
         g_strcmp0 (page, "compare") == 0;
}

static const char *
view_title (RcWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  RcClient *client = rc_client_page_get_client (self->client_page);

  if (g_strcmp0 (page, "editor") == 0)
    return _("Assessment");
  if (g_strcmp0 (page, "profile") == 0)
    return _("Profile");
  if (g_strcmp0 (page, "compare") == 0)
    return _("Compare");
  if (g_strcmp0 (page, "client") == 0 && client != NULL)
    return _("Client");
  return NULL;
}

/* The window title stays "Recovery Capital"; the view goes in the
 * subtitle, with the clinic code rather than a name, since the header is
 * what a client across the desk sees first. */
static void
update_navigation_cb (RcWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  const char *view = view_title (self);
  RcClient *client = rc_client_page_get_client (self->client_page);
  g_autofree char *subtitle = NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (view != NULL && client != NULL)
    subtitle = g_strdup_printf (_("%s · %s"), view, rc_client_get_clinic_code (client));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (self->back_button,
                          folded || is_client_subpage (page));
}

static void
show_content (RcWindow   *self,
              const char *page)
{
  gtk_stack_set_visible_child_name (self->content_stack, page);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_navigation_cb (self);
}

static void
show_error (RcWindow     *self,
            const GError *error)
{
  show_toast (self, error->message);
}

static gboolean
show_client (RcWindow *self,
             RcClient *client)
{
  g_autoptr(GError) error = NULL;

  if (!rc_client_page_show (self->client_page, self->store, client, self->show_codes_only,
                            &error))
    {
      show_error (self, error);
      return FALSE;
    }
  show_content (self, "client");
  return TRUE;
}

/**
 * rc_window_open_client:
 *
 * Shows @client's page, selecting the client in the list when shown.
 */
gboolean
rc_window_open_client (RcWindow *self,
                       RcClient *client)
{
  GtkSelectionModel *selection;
  guint position;

  g_return_val_if_fail (RC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);

  selection = gtk_list_view_get_model (self->client_list_view);
  position = rc_client_list_find (self->clients, rc_client_get_uuid (client));
  if (position != G_MAXUINT)
    gtk_selection_model_select_item (selection, position, TRUE);
  return show_client (self, client);
}

static void
client_activated_cb (RcWindow *self,
                     guint     position)
{
  g_autoptr(RcClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);

  if (client != NULL)
    show_client (self, client);
}

static void
search_changed_cb (RcWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* No list without a database. */
  if (self->clients == NULL)
    return;
  if (!rc_client_list_set_search (self->clients,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                  &error))
    show_error (self, error);
  update_list_page (self);
}

/* Enter in the search opens the first match, so a worker can find and
 * open a client without leaving the keyboard. */
static void
search_activate_cb (RcWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) > 0)
    {
      gtk_selection_model_select_item (gtk_list_view_get_model (self->client_list_view), 0, TRUE);
      client_activated_cb (self, 0);
    }
}

/**
 * rc_window_open_assessment:
 *
 * Opens a draft in the editor, a completed assessment as a profile.
 */
gboolean
rc_window_open_assessment (RcWindow     *self,
                           RcAssessment *assessment)
{
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_return_val_if_fail (RC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), FALSE);

  /* The header names the client whose assessment it is. */
  client = rc_store_find_client (self->store, rc_assessment_get_client_uuid (assessment), &error);
  if (client == NULL || !rc_client_page_show (self->client_page, self->store, client,
                                              self->show_codes_only, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  if (rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT)
    ok = rc_assessment_editor_edit (self->editor, self->store, assessment, &error);
  else
    /* The page was just shown with this client's assessments. */
    ok = rc_profile_view_show (self->profile_view, self->store, assessment,
                               !rc_client_page_is_superseded (self->client_page,
                                                              rc_assessment_get_uuid (assessment)),
                               &error);
  if (!ok)
    {
      show_error (self, error);
      return FALSE;
    }
  /* Whichever assessment opens, the offer to continue a draft is done. */
  if (self->draft_toast != NULL)
    adw_toast_dismiss (self->draft_toast);
  show_content (self, rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT
                      ? "editor" : "profile");
  if (rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT)
    rc_assessment_editor_focus_start (self->editor);
  return TRUE;
}

static void
open_assessment_cb (RcWindow     *self,
                    RcAssessment *assessment)
{
  rc_window_open_assessment (self, assessment);
}

static void
compare_cb (RcWindow *self,
            RcClient *client)
{
  g_autoptr(GError) error = NULL;

  if (!rc_compare_view_show (self->compare_view, self->store, client, self->show_codes_only,
                             &error))
    {
      show_error (self, error);
      return;
    }
  show_content (self, "compare");
  rc_compare_view_focus_start (self->compare_view);
}

static void
new_assessment_cb (RcWindow *self,
                   RcClient *client)
{
  RcInstrument *instrument = rc_instrument_catalog_get_default (rc_store_get_catalog (self->store));
  g_autoptr(RcAssessment) assessment = rc_assessment_new (rc_client_get_uuid (client), instrument);
  g_autofree char *assessor = rc_store_dup_last_assessor (self->store, NULL);
  g_autoptr(GError) error = NULL;

  rc_assessment_set_assessor (assessment, assessor != NULL ? assessor : "");
  /* Stored at once, so that the draft is on the timeline from the start. */
  if (!rc_store_save_assessment (self->store, assessment, &error))
    {
      show_error (self, error);
      return;
    }
  rc_window_open_assessment (self, assessment);
}

static void
assessment_completed_cb (RcWindow     *self,
                         RcAssessment *assessment)
{
  rc_window_open_assessment (self, assessment);
  show_toast (self, _("Assessment completed"));
}

static void
save_failed_cb (RcWindow   *self,
                const char *message)
{
  show_toast (self, message);
}

static void
amend_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   RcWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  RcAssessment *completed = g_object_get_data (G_OBJECT (dialog), "assessment");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(RcAssessment) amendment = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "amend") != 0)
    return;
  amendment = rc_assessment_new_amendment (completed, reason);
  if (!rc_store_save_assessment (self->store, amendment, &error))
    {
      show_error (self, error);
      return;
    }
  rc_window_open_assessment (self, amendment);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "amend", *reason != '\0');
}

/* A completed assessment is never changed: an amendment copies it as a
 * new version, which needs a reason. */
static void
amend_cb (RcWindow     *self,
          RcAssessment *assessment)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Amend Assessment?"),
                                                _("The completed assessment stays in the history "
                                                  "as it is. Say why it needs changing.")));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason for the amendment"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the amendment"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "amend", _("_Amend"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "amend", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "amend");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "amend", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "assessment", g_object_ref (assessment),
                          g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (amend_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
client_created_cb (RcWindow *self,
                   RcClient *client)
{
  g_autoptr(GError) error = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* Listing everyone again takes in the new client. */
  if (!rc_client_list_set_search (self->clients, "", &error))
    show_error (self, error);
  update_list_page (self);
  rc_window_open_client (self, client);
}

static void
new_client_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  RcNewClientDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = rc_new_client_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_swapped (dialog, "client-created", G_CALLBACK (client_created_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
go_back_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  RcClient *client = rc_client_page_get_client (self->client_page);

  if (is_client_subpage (page) && client != NULL)
    {
      g_autoptr(RcClient) current = g_object_ref (client);

      show_client (self, current);
    }
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
continue_draft_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcAssessment) draft =
    rc_store_load_assessment (self->store, g_variant_get_string (parameter, NULL), &error);

  if (draft == NULL)
    show_error (self, error);
  else
    rc_window_open_assessment (self, draft);
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
static GtkFileChooserNative *
new_profile_chooser (RcWindow             *self,
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

static void
show_error_dialog (RcWindow   *self,
                   const char *heading,
                   const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  RcWindow *window;
  char     *client_uuid;  /* NULL: every client */
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
                               RC_EXPORT_NONE, path, &error))
        show_error_dialog (self, _("The Profiles Could Not Be Exported"), error->message);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

          show_toast (self, message);
        }
    }
  export_request_free (request);
  g_object_unref (chooser);
}

static void
choose_export_file (RcWindow   *self,
                    const char *client_uuid,
                    const char *suggested_name)
{
  GtkFileChooserNative *chooser =
    new_profile_chooser (self, _("Export Profiles"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  ExportRequest *request = g_new0 (ExportRequest, 1);

  request->window = g_object_ref (self);
  request->client_uuid = g_strdup (client_uuid);
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
    choose_export_file (self, NULL, "recovery-capital-profiles.xml");
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
  choose_export_file (self, rc_client_get_uuid (client), name);
}

static void
refresh_after_import (RcWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rc_client_list_reload (self->clients, &error))
    show_error (self, error);
  update_list_page (self);
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
      show_toast (self, message);
      refresh_after_import (self);
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
  chooser = new_profile_chooser (self, _("Import Profiles"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                 _("_Open"));
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
set_show_codes_only (RcWindow *self,
                     gboolean  show_codes_only)
{
  RcClient *client = rc_client_page_get_client (self->client_page);

  if (self->show_codes_only == show_codes_only)
    return;
  self->show_codes_only = show_codes_only;
  /* Rebind every visible row, and the page's heading. */
  if (self->clients != NULL)
    {
      g_autoptr(GtkListItemFactory) factory =
        g_object_ref (gtk_list_view_get_factory (self->client_list_view));

      gtk_list_view_set_factory (self->client_list_view, NULL);
      gtk_list_view_set_factory (self->client_list_view, factory);
    }
  if (client != NULL)
    rc_client_page_show (self->client_page, self->store, client, show_codes_only, NULL);
  rc_compare_view_set_show_codes_only (self->compare_view, show_codes_only);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CODES_ONLY]);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RcWindow                 *self)
{
  gtk_list_item_set_child (item, rc_client_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RcWindow                 *self)
{
  rc_client_row_set_client (RC_CLIENT_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item), self->show_codes_only);
}

static void
rc_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RcWindow *self = RC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CODES_ONLY:
      g_value_set_boolean (value, self->show_codes_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RcWindow *self = RC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_CODES_ONLY:
      set_show_codes_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_window_dispose (GObject *object)
{
  RcWindow *self = RC_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RC_TYPE_WINDOW);
  g_clear_weak_pointer (&self->draft_toast);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_window_parent_class)->dispose (object);
}

static void
rc_window_class_init (RcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rc_window_dispose;
  object_class->get_property = rc_window_get_property;
  object_class->set_property = rc_window_set_property;

  properties[PROP_SHOW_CODES_ONLY] =
    g_param_spec_boolean ("show-codes-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RC_TYPE_CLIENT_PAGE);
  g_type_ensure (RC_TYPE_ASSESSMENT_EDITOR);
  g_type_ensure (RC_TYPE_PROFILE_VIEW);
  g_type_ensure (RC_TYPE_COMPARE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, client_list_view);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, client_page);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, profile_view);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, compare_view);
  gtk_widget_class_bind_template_callback (widget_class, update_navigation_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_assessment_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_assessment_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_cb);
  gtk_widget_class_bind_template_callback (widget_class, assessment_completed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, amend_cb);

  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_activated);
  gtk_widget_class_install_action (widget_class, "win.continue-draft", "s",
                                   continue_draft_activated);
  gtk_widget_class_install_property_action (widget_class, "win.show-codes-only",
                                            "show-codes-only");
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, export_all_activated);
  gtk_widget_class_install_action (widget_class, "win.export-client", NULL,
                                   export_client_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
}

static void
rc_window_init (RcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
bind_settings (RcWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema =
    source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  /* Without its schema (an uninstalled build), the app still runs, with
   * the defaults: names shown, the default window size. */
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "show-codes-instead-of-names", self, "show-codes-only",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
set_up_client_list (RcWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  self->clients = rc_client_list_new (self->store);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->clients)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->client_list_view, factory);
  gtk_list_view_set_model (self->client_list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
  update_list_page (self);
}

/* Once the window is up and idle, before anyone types a search. */
static gboolean
prepare_search_cb (gpointer user_data)
{
  RcWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  /* The window may have closed in the meantime. */
  if (self->store != NULL && !rc_store_prepare_search (self->store, &error))
    show_error (self, error);
  return G_SOURCE_REMOVE;
}

/* After a crash or a closed window, an unfinished assessment waits in the
 * store: offer to go on with the latest. */
static void
offer_drafts (RcWindow *self)
{
  g_autoptr(RcAssessment) draft = rc_store_load_latest_draft (self->store, NULL);
  g_autoptr(RcClient) client = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (draft == NULL)
    return;
  client = rc_store_find_client (self->store, rc_assessment_get_client_uuid (draft), NULL);
  if (client == NULL)
    return;

  title = g_strdup_printf (_("Unfinished assessment for %s"), rc_client_get_clinic_code (client));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Continue"));
  adw_toast_set_action_name (toast, "win.continue-draft");
  adw_toast_set_action_target_value (toast, g_variant_new_string (rc_assessment_get_uuid (draft)));
  adw_toast_set_timeout (toast, 0);
  /* Weak: the overlay owns the toast and drops it once dismissed. */
  g_set_weak_pointer (&self->draft_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_store_error (RcWindow     *self,
                  const GError *store_error)
{
  adw_status_page_set_icon_name (self->welcome_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->welcome_page, _("The Database Could Not Be Opened"));
  adw_status_page_set_description (self->welcome_page, store_error->message);
  gtk_widget_set_sensitive (self->sidebar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client", FALSE);
  show_content (self, "welcome");
}

RcWindow *
rc_window_new (RcApplication *application,
               const GError  *store_error)
{
  RcWindow *self = g_object_new (RC_TYPE_WINDOW, "application", application, NULL);
  RcStore *store = rc_application_get_store (application);

  bind_settings (self);
  if (store == NULL)
    {
      show_store_error (self, store_error);
      return self;
    }
  self->store = g_object_ref (store);
  set_up_client_list (self);
  offer_drafts (self);
  g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, g_object_ref (self), g_object_unref);
  update_navigation_cb (self);
  return self;
}

/**
 * rc_window_get_view:
 *
 * Returns: the name of the view shown: "welcome", "client", "editor" or
 *   "profile"
 */
const char *
rc_window_get_view (RcWindow *self)
{
  g_return_val_if_fail (RC_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * rc_window_get_editor:
 *
 * Returns: (transfer none): the assessment editor
 */
GtkWidget *
rc_window_get_editor (RcWindow *self)
{
  g_return_val_if_fail (RC_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->editor);
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

/**
 * rc_window_get_clients:
 *
 * Returns: (transfer none) (nullable): the clients listed in the sidebar,
 *   or %NULL when the database could not be opened
 */
GListModel *
rc_window_get_clients (RcWindow *self)
{
  g_return_val_if_fail (RC_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->clients);
}
