/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-client-row.h"
#include "rc-window-private.h"

/* The main window: the clients in a searchable sidebar, and beside it the
 * client's page, the assessment editor, a profile or a comparison. On a
 * narrow screen the two fold into one column. The views form one stack —
 * client list → client page → editor, profile or compare — and after each
 * move the focus goes to the new view's main control. The window never
 * runs SQL: it asks the store and shows what comes back. */

G_DEFINE_FINAL_TYPE (RcWindow, rc_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_CODES_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
rc_window_show_toast (RcWindow   *self,
                      const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* What could not be done because of the database, in a worker's words;
 * other messages name the record or field, never a person. */
void
rc_window_show_error (RcWindow     *self,
                      const GError *error)
{
  if (g_error_matches (error, RC_ERROR, RC_ERROR_BUSY))
    rc_window_show_toast (self, _("Another program is using the database; try again in a "
                                  "moment."));
  else if (g_error_matches (error, RC_ERROR, RC_ERROR_FULL))
    rc_window_show_toast (self, _("The disk is full; free some space and try again."));
  else
    rc_window_show_toast (self, error->message);
}

/* The pages of the window's stacks but the first are hidden until they
 * are first shown: GTK styles and measures every visible page of a
 * stack, shown or not, and the window's first frame needs only the list
 * and the welcome. */
static void
hide_later_pages (GtkStack *stack)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (stack));

  for (GtkWidget *page = gtk_widget_get_next_sibling (first); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    gtk_widget_set_visible (page, FALSE);
}

/* A stack shows only a visible page. */
static void
show_page (GtkStack   *stack,
           const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (stack, name);

  gtk_widget_set_visible (page, TRUE);
  gtk_stack_set_visible_child (stack, page);
}

static void
update_list_page (RcWindow *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0)
    page = *rc_client_list_get_search (self->clients) != '\0' ? "no-results" : "empty";
  show_page (self->list_stack, page);
}

/* Lists the clients again, after an import or a new client. */
void
rc_window_reload_clients (RcWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!rc_client_list_reload (self->clients, &error))
    rc_window_show_error (self, error);
  update_list_page (self);
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
 * what a client across the desk sees first. The code comes first: it is
 * what a narrow header must not cut off. */
static void
update_navigation_cb (RcWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  const char *view = view_title (self);
  RcClient *client = rc_client_page_get_client (self->client_page);
  g_autofree char *subtitle = NULL;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (view != NULL && client != NULL)
    subtitle = g_strdup_printf (_("%s · %s"), rc_client_get_clinic_code (client), view);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (self->back_button,
                          folded || is_client_subpage (page));
  rc_window_update_actions (self);
}

static void
show_content (RcWindow   *self,
              const char *page)
{
  show_page (self->content_stack, page);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_navigation_cb (self);
}

/* After the database's content changed as a whole (a restore). */
void
rc_window_show_welcome (RcWindow *self)
{
  show_content (self, "welcome");
}

/**
 * rc_window_show_client:
 *
 * Shows @client's page as stored now, with the focus on its assessments.
 */
gboolean
rc_window_show_client (RcWindow *self,
                       RcClient *client)
{
  g_autoptr(GError) error = NULL;

  if (!rc_client_page_show (self->client_page, self->store, client, self->show_codes_only,
                            &error))
    {
      rc_window_show_error (self, error);
      return FALSE;
    }
  show_content (self, "client");
  rc_client_page_focus_start (self->client_page);
  return TRUE;
}

/* Selects @client_uuid in the list, when it is listed, and makes that row
 * the one the list's focus returns to. */
static void
select_in_list (RcWindow   *self,
                const char *client_uuid)
{
  guint position = rc_client_list_find (self->clients, client_uuid);

  if (position == G_MAXUINT)
    {
      gtk_selection_model_unselect_all (gtk_list_view_get_model (self->client_list_view));
      return;
    }
  gtk_selection_model_select_item (gtk_list_view_get_model (self->client_list_view), position,
                                   TRUE);
  /* GTK 4.8 moves the list's focus tracker to the item it scrolls to. */
  gtk_widget_activate_action (GTK_WIDGET (self->client_list_view), "list.scroll-to-item", "u",
                              position);
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
  g_return_val_if_fail (RC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);

  select_in_list (self, rc_client_get_uuid (client));
  return rc_window_show_client (self, client);
}

/* GtkSearchEntry waits a moment after each keystroke before it says the
 * text changed. Whatever acts on the list runs the search for the text in
 * the entry first, so that a quick Enter never opens a client of the list
 * as it was before the last keystrokes. Returns whether it had to. */
static gboolean
flush_search (RcWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;

  /* No list without a database. */
  if (self->clients == NULL || g_strcmp0 (rc_client_list_get_search (self->clients), text) == 0)
    return FALSE;
  if (!rc_client_list_set_search (self->clients, text, &error))
    rc_window_show_error (self, error);
  update_list_page (self);
  return TRUE;
}

static void
search_changed_cb (RcWindow *self)
{
  flush_search (self);
}

static void
open_listed_client (RcWindow *self,
                    guint     position)
{
  g_autoptr(RcClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);

  if (client != NULL)
    rc_window_open_client (self, client);
}

/* Enter in the search opens the first match, so a worker can find and
 * open a client without leaving the keyboard. */
static void
search_activate_cb (RcWindow *self)
{
  flush_search (self);
  open_listed_client (self, 0);
}

/* Escape in the search clears it first; on an empty search it goes back
 * like anywhere else. */
static void
search_stop_cb (RcWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);
}

/* A row activated before the list caught up with the typing stood for
 * another search: open the first match of the text typed instead. */
static void
client_activated_cb (RcWindow *self,
                     guint     position)
{
  open_listed_client (self, flush_search (self) ? 0 : position);
}

/* Leaving the search by keyboard right after typing lands on the matches
 * of what was typed: the search runs before the focus moves. */
static gboolean
search_key_pressed_cb (RcWindow        *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      flush_search (self);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* The text is selected, so that what is typed next replaces it. */
void
rc_window_focus_search (RcWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* From a client's page, back is the list, with the client still shown
 * beside it when the window is wide. */
static void
focus_client_list (RcWindow *self)
{
  RcClient *client = rc_client_page_get_client (self->client_page);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (client != NULL)
    select_in_list (self, rc_client_get_uuid (client));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->client_list_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * rc_window_go_back:
 *
 * One step back in the stack of views: from the editor, a profile or a
 * comparison to the client's page, from there to the client list, and
 * from the list to the search.
 */
void
rc_window_go_back (RcWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);
  RcClient *client = rc_client_page_get_client (self->client_page);
  GtkWidget *list = GTK_WIDGET (self->client_list_view);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean in_list = focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list));
  gboolean sidebar_shown = adw_leaflet_get_folded (self->leaflet) &&
                           adw_leaflet_get_visible_child (self->leaflet) == self->sidebar;

  if (in_list || sidebar_shown || client == NULL)
    rc_window_focus_search (self);
  else if (is_client_subpage (page))
    {
      g_autoptr(RcClient) current = g_object_ref (client);

      rc_window_show_client (self, current);
    }
  else
    focus_client_list (self);
}

static RcProfileView *ensure_profile_view (RcWindow *self);
static RcCompareView *ensure_compare_view (RcWindow *self);

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
  gboolean draft;
  gboolean ok;

  g_return_val_if_fail (RC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), FALSE);

  /* The header names the client whose assessment it is. */
  client = rc_store_find_client (self->store, rc_assessment_get_client_uuid (assessment), &error);
  if (client == NULL || !rc_client_page_show (self->client_page, self->store, client,
                                              self->show_codes_only, &error))
    {
      rc_window_show_error (self, error);
      return FALSE;
    }

  draft = rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT;
  if (draft)
    ok = rc_assessment_editor_edit (rc_window_ensure_editor (self), self->store, assessment,
                                    &error);
  else
    /* The page was just shown with this client's assessments. */
    ok = rc_profile_view_show (ensure_profile_view (self), self->store, assessment,
                               rc_client_page_get_amendment (self->client_page,
                                                             rc_assessment_get_uuid (assessment)),
                               &error);
  if (!ok)
    {
      rc_window_show_error (self, error);
      return FALSE;
    }
  /* Whichever assessment opens, the offer to continue a draft is done. */
  rc_window_dismiss_draft (self);
  select_in_list (self, rc_client_get_uuid (client));
  show_content (self, draft ? "editor" : "profile");
  if (draft)
    rc_assessment_editor_focus_start (self->editor);
  else
    rc_profile_view_focus_start (self->profile_view);
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

  if (!rc_compare_view_show (ensure_compare_view (self), self->store, client,
                             self->show_codes_only, &error))
    {
      rc_window_show_error (self, error);
      return;
    }
  show_content (self, "compare");
  rc_compare_view_focus_start (self->compare_view);
}

/* The timepoint a client's next assessment most likely is: the one after
 * @latest, a review after an intake, a follow-up after discharge. */
static RcTimepoint
propose_timepoint (RcAssessment *latest)
{
  if (latest == NULL)
    return RC_TIMEPOINT_INTAKE;
  switch (rc_assessment_get_timepoint (latest))
    {
    case RC_TIMEPOINT_INTAKE:
    case RC_TIMEPOINT_REVIEW:
      return RC_TIMEPOINT_REVIEW;
    case RC_TIMEPOINT_DISCHARGE:
    case RC_TIMEPOINT_FOLLOW_UP:
    default:
      return RC_TIMEPOINT_FOLLOW_UP;
    }
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
  rc_assessment_set_text_language (assessment, rc_instrument_get_language (instrument));
  /* The page asking for it shows this client's assessments. */
  rc_assessment_set_timepoint (assessment,
                               propose_timepoint (rc_client_page_get_latest (self->client_page)));
  /* Stored at once, so that the draft is on the timeline from the start. */
  if (!rc_store_save_assessment (self->store, assessment, &error))
    {
      rc_window_show_error (self, error);
      return;
    }
  rc_window_open_assessment (self, assessment);
}

static void
assessment_completed_cb (RcWindow     *self,
                         RcAssessment *assessment)
{
  rc_window_open_assessment (self, assessment);
  rc_window_show_toast (self, _("Assessment completed"));
}

static void
save_failed_cb (RcWindow   *self,
                const char *message)
{
  rc_window_show_toast (self, message);
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
      rc_window_show_error (self, error);
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
  /* The reason is all the dialog asks for: typing goes there at once. */
  gtk_widget_grab_focus (entry);
}

/* The views beside the list but the client's page are built when first
 * shown: the window's first frame needs only the list and the welcome,
 * and building them took a tenth of it (bench/bench-window). */
static GtkWidget *
add_view (RcWindow   *self,
          GtkWidget  *view,
          const char *name)
{
  gtk_stack_add_named (self->content_stack, view, name);
  return view;
}

/**
 * rc_window_ensure_editor:
 *
 * Returns: (transfer none): the assessment editor, built at the first call
 */
RcAssessmentEditor *
rc_window_ensure_editor (RcWindow *self)
{
  if (self->editor != NULL)
    return self->editor;
  self->editor = RC_ASSESSMENT_EDITOR (add_view (self, rc_assessment_editor_new (), "editor"));
  g_signal_connect_object (self->editor, "completed", G_CALLBACK (assessment_completed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "save-failed", G_CALLBACK (save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  rc_window_watch_editor (self);
  return self->editor;
}

static RcProfileView *
ensure_profile_view (RcWindow *self)
{
  if (self->profile_view != NULL)
    return self->profile_view;
  self->profile_view = RC_PROFILE_VIEW (add_view (self, rc_profile_view_new (), "profile"));
  g_signal_connect_object (self->profile_view, "amend", G_CALLBACK (amend_cb), self,
                           G_CONNECT_SWAPPED);
  return self->profile_view;
}

static RcCompareView *
ensure_compare_view (RcWindow *self)
{
  if (self->compare_view != NULL)
    return self->compare_view;
  self->compare_view = RC_COMPARE_VIEW (add_view (self, rc_compare_view_new (), "compare"));
  rc_compare_view_set_job_bar (self->compare_view, self->job_bar);
  return self->compare_view;
}

static RcClientOrder
list_order (RcWindow *self)
{
  return self->show_codes_only ? RC_CLIENT_ORDER_CODE : RC_CLIENT_ORDER_NAME;
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
      g_autoptr(GError) error = NULL;
      g_autoptr(GtkListItemFactory) factory =
        g_object_ref (gtk_list_view_get_factory (self->client_list_view));

      gtk_list_view_set_factory (self->client_list_view, NULL);
      gtk_list_view_set_factory (self->client_list_view, factory);
      /* Sorted by name, the list would still tell where each name falls. */
      if (!rc_client_list_set_order (self->clients, list_order (self), &error))
        rc_window_show_error (self, error);
    }
  if (client != NULL)
    rc_client_page_show (self->client_page, self->store, client, show_codes_only, NULL);
  if (self->compare_view != NULL)
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

  rc_window_dispose_closing (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), RC_TYPE_WINDOW);
  /* Gone with the stack they were added to. */
  self->editor = NULL;
  self->profile_view = NULL;
  self->compare_view = NULL;
  g_clear_pointer (&self->draft_uuid, g_free);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_window_parent_class)->dispose (object);
}

static gboolean
rc_window_close_request (GtkWindow *window)
{
  if (!rc_window_may_close (RC_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (rc_window_parent_class)->close_request (window);
}

static void
rc_window_class_init (RcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rc_window_dispose;
  object_class->get_property = rc_window_get_property;
  object_class->set_property = rc_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = rc_window_close_request;

  properties[PROP_SHOW_CODES_ONLY] =
    g_param_spec_boolean ("show-codes-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RC_TYPE_CLIENT_PAGE);

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
  gtk_widget_class_bind_template_child (widget_class, RcWindow, draft_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, refusal_revealer);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, refusal_bar);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, refusal_backups_button);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, draft_label);
  gtk_widget_class_bind_template_callback (widget_class, update_navigation_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_assessment_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_assessment_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_cb);

  gtk_widget_class_install_property_action (widget_class, "win.show-codes-only",
                                            "show-codes-only");
  rc_window_class_add_actions (widget_class);
  rc_window_class_add_exchange (widget_class);
  rc_window_class_add_backups (widget_class);
  rc_window_class_add_jobs (widget_class);
}

static void
rc_window_init (RcWindow *self)
{
  GtkEventController *search_keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hide_later_pages (self->list_stack);
  hide_later_pages (self->content_stack);
  gtk_event_controller_set_propagation_phase (search_keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (search_keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), search_keys);
  /* Typing in the list goes on with the search, as in GNOME's own lists. */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           GTK_WIDGET (self->client_list_view));
  rc_window_add_shortcuts (self);
  rc_window_init_jobs (self);
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

/* A row of the client list is at least this tall: two lines of text. */
#define MIN_ROW_HEIGHT 40

/* Enough rows to fill the list however tall the window is made, up to
 * the tallest screen, before it is first drawn. */
static guint
first_screen_rows (RcWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int width, height;

  /* GTK 4.8 wants both. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }
  return MAX (height, MIN_ROW_HEIGHT) / MIN_ROW_HEIGHT + 1;
}

/* Only the first screen's rows are listed before the first frame: on a
 * large database, listing every client and the list view taking them in
 * would keep the window from showing for as long as the rest of its
 * start-up. after_first_frame_cb() lists the others just after. */
static void
set_up_client_list (RcWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  self->clients = rc_client_list_new_first_rows (self->store, list_order (self),
                                                 first_screen_rows (self));
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
    rc_window_show_error (self, error);
  return G_SOURCE_REMOVE;
}

/* The keyboard shortcuts window (Ctrl+?). */
static void
add_help_overlay (RcWindow *self)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");

  gtk_application_window_set_help_overlay (
    GTK_APPLICATION_WINDOW (self),
    GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* Right after the first frame, what it did not need: the shortcuts
 * window, the rest of the clients, then, when nothing else waits, the
 * search index. */
static gboolean
after_first_frame_cb (gpointer user_data)
{
  RcWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  /* The window may have been closed in the meantime: disposing of it
   * cleared its template's widgets. */
  if (self->toast_overlay == NULL)
    return G_SOURCE_REMOVE;
  add_help_overlay (self);
  /* No list without a database. */
  if (self->clients == NULL)
    return G_SOURCE_REMOVE;
  if (!rc_client_list_complete (self->clients, &error))
    rc_window_show_error (self, error);
  update_list_page (self);
  g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* A tick callback runs as a frame begins; the idle, once it is drawn. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_first_frame_cb, g_object_ref (widget),
                   g_object_unref);
  return G_SOURCE_REMOVE;
}

/* After a crash or a closed window, an unfinished assessment waits in the
 * store: a bar above everything offers to go on with the latest, without
 * covering what the worker is looking at. */
static void
offer_drafts (RcWindow *self)
{
  g_autoptr(RcAssessment) draft = rc_store_load_latest_draft (self->store, NULL);
  g_autoptr(RcClient) client = NULL;
  g_autofree char *title = NULL;

  if (draft == NULL)
    return;
  client = rc_store_find_client (self->store, rc_assessment_get_client_uuid (draft), NULL);
  if (client == NULL)
    return;

  title = g_strdup_printf (_("Unfinished assessment for %s"), rc_client_get_clinic_code (client));
  gtk_label_set_text (self->draft_label, title);
  g_free (self->draft_uuid);
  self->draft_uuid = g_strdup (rc_assessment_get_uuid (draft));
  gtk_revealer_set_reveal_child (self->draft_revealer, TRUE);
  rc_window_update_actions (self);
}

void
rc_window_dismiss_draft (RcWindow *self)
{
  g_clear_pointer (&self->draft_uuid, g_free);
  gtk_revealer_set_reveal_child (self->draft_revealer, FALSE);
  rc_window_update_actions (self);
}

static void
show_store_error (RcWindow     *self,
                  const GError *store_error)
{
  adw_status_page_set_icon_name (self->welcome_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->welcome_page, _("The Database Could Not Be Opened"));
  adw_status_page_set_description (self->welcome_page, store_error->message);
  gtk_widget_set_sensitive (self->sidebar, FALSE);
  show_content (self, "welcome");
}

RcWindow *
rc_window_new (RcApplication *application,
               const GError  *store_error)
{
  RcWindow *self = g_object_new (RC_TYPE_WINDOW, "application", application, NULL);
  RcStore *store = rc_application_get_store (application);

  bind_settings (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);
  if (store == NULL)
    {
      show_store_error (self, store_error);
      return self;
    }
  self->store = g_object_ref (store);
  rc_window_show_refusal (self);
  set_up_client_list (self);
  /* The worker's first move is finding the client: left to itself, GTK
   * would focus the first button, the draft bar's, and typing went
   * nowhere. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
  offer_drafts (self);
  rc_window_schedule_backup (self);
  update_navigation_cb (self);
  return self;
}

/**
 * rc_window_get_view:
 *
 * Returns: the name of the view shown: "welcome", "client", "editor",
 *   "profile" or "compare"
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
  return GTK_WIDGET (rc_window_ensure_editor (self));
}

/**
 * rc_window_get_clients:
 *
 * Until just after the window's first frame, the list holds only the
 * rows of its first screen (see set_up_client_list()).
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
