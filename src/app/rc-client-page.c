/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-client-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-client-page.h"

/* One client: who they are, and every assessment on a timeline, newest
 * first, each opening the editor (a draft) or the profile (complete). */

struct _RcClientPage
{
  GtkWidget            parent_instance;

  RcClient            *client;
  RcStore             *store;
  GPtrArray           *rows;
  GHashTable          *superseded;  /* UUID of an amended version → its amendment */
  gboolean             can_compare;

  AdwPreferencesGroup *identity_group;
  AdwActionRow        *code_row;
  AdwActionRow        *birth_row;
  AdwPreferencesGroup *timeline_group;
  AdwStatusPage       *empty_page;
  GtkWidget           *new_button;
  GtkWidget           *compare_button;
};

G_DEFINE_FINAL_TYPE (RcClientPage, rc_client_page, GTK_TYPE_WIDGET)

enum {
  OPEN_ASSESSMENT,
  NEW_ASSESSMENT,
  COMPARE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
new_assessment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RcClientPage *self = RC_CLIENT_PAGE (widget);

  if (self->client != NULL)
    g_signal_emit (self, signals[NEW_ASSESSMENT], 0, self->client);
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RcClientPage *self = RC_CLIENT_PAGE (widget);

  if (self->client != NULL)
    g_signal_emit (self, signals[COMPARE], 0, self->client);
}

static void
row_activated_cb (AdwActionRow *row,
                  RcClientPage *self)
{
  g_signal_emit (self, signals[OPEN_ASSESSMENT], 0,
                 g_object_get_data (G_OBJECT (row), "assessment"));
}

static void
clear_rows (RcClientPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->timeline_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* Which versions an amendment has replaced: only the latest of each is
 * current, the others stay in the history, marked as amended. */
static void
find_superseded (RcClientPage *self,
                 GPtrArray    *assessments)
{
  g_hash_table_remove_all (self->superseded);
  for (guint i = 0; i < assessments->len; i++)
    {
      RcAssessment *assessment = g_ptr_array_index (assessments, i);
      const char *uuid = rc_assessment_get_supersedes (assessment);

      if (uuid != NULL)
        g_hash_table_insert (self->superseded, g_strdup (uuid), g_object_ref (assessment));
    }
}

static GtkWidget *
make_row (RcClientPage *self,
          RcAssessment *assessment,
          RcAssessment *amended_by)
{
  RcInstrument *instrument = rc_app_lookup_instrument (self->store, assessment, NULL);
  g_autofree char *date = rc_labels_format_date (rc_assessment_get_date (assessment));
  g_autofree char *summary = rc_app_format_summary (assessment, instrument);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *status = amended_by != NULL ? _("Amended")
                       : rc_app_status_label (rc_assessment_get_status (assessment));
  const char *assessor = rc_assessment_get_assessor (assessment);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status_label = gtk_label_new (status);

  /* Translators: date · timepoint, e.g. "3 March 2025 · Intake" */
  title = g_strdup_printf (_("%s · %s"), date,
                           rc_labels_timepoint (rc_assessment_get_timepoint (assessment)));
  if (rc_assessment_get_version (assessment) > 1)
    subtitle = g_strdup_printf (_("%s · %s · version %u\n%s"),
                                assessor != NULL && *assessor != '\0' ? assessor : _("No assessor yet"),
                                rc_app_rater_label (rc_assessment_get_rater (assessment)),
                                rc_assessment_get_version (assessment), summary);
  else
    subtitle = g_strdup_printf (_("%s · %s\n%s"),
                                assessor != NULL && *assessor != '\0' ? assessor : _("No assessor yet"),
                                rc_app_rater_label (rc_assessment_get_rater (assessment)), summary);
  if (amended_by != NULL)
    {
      g_autofree char *amendment = rc_app_describe_amendment (amended_by);
      char *text = g_strdup_printf ("%s\n%s", subtitle, amendment);

      g_free (subtitle);
      subtitle = text;
    }

  /* Assessor names are typed text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (status_label, rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT
                                          ? "accent" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "assessment", g_object_ref (assessment), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  return row;
}

static void
rc_client_page_dispose (GObject *object)
{
  RcClientPage *self = RC_CLIENT_PAGE (object);

  rc_app_dispose_children (GTK_WIDGET (self), RC_TYPE_CLIENT_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->superseded, g_hash_table_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_client_page_parent_class)->dispose (object);
}

static void
rc_client_page_class_init (RcClientPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_client_page_dispose;

  /**
   * RcClientPage::open-assessment:
   * @assessment: the assessment the user chose
   */
  signals[OPEN_ASSESSMENT] = g_signal_new ("open-assessment", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, RC_TYPE_ASSESSMENT);
  /**
   * RcClientPage::new-assessment:
   * @client: the client to assess
   */
  signals[NEW_ASSESSMENT] = g_signal_new ("new-assessment", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, RC_TYPE_CLIENT);

  /**
   * RcClientPage::compare:
   * @client: the client whose profiles to compare
   */
  signals[COMPARE] = g_signal_new ("compare", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, RC_TYPE_CLIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, birth_row);
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, RcClientPage, compare_button);

  /* Their shortcuts belong to the window, so that they work wherever the
   * focus is. */
  gtk_widget_class_install_action (widget_class, "page.new-assessment", NULL,
                                   new_assessment_activated);
  gtk_widget_class_install_action (widget_class, "page.compare", NULL, compare_activated);
}

static void
rc_client_page_init (RcClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->superseded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

GtkWidget *
rc_client_page_new (void)
{
  return g_object_new (RC_TYPE_CLIENT_PAGE, NULL);
}

static void
show_identity (RcClientPage *self,
               gboolean      show_codes_only)
{
  g_autofree char *name = rc_client_dup_full_name (self->client);
  g_autofree char *born = rc_labels_format_date (rc_client_get_birth_date (self->client));

  adw_preferences_group_set_title (self->identity_group,
                                   show_codes_only ? rc_client_get_clinic_code (self->client)
                                                   : name);
  adw_action_row_set_subtitle (self->code_row, rc_client_get_clinic_code (self->client));
  adw_action_row_set_subtitle (self->birth_row, born);
  /* A birth date identifies a person nearly as well as a name does. */
  gtk_widget_set_visible (GTK_WIDGET (self->birth_row), !show_codes_only);
}

/* A comparison needs two current, completed assessments. */
static void
update_compare_action (RcClientPage *self,
                       GPtrArray    *assessments)
{
  g_autoptr(GPtrArray) current = rc_assessments_current_complete (assessments);

  self->can_compare = current->len >= 2;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.compare", self->can_compare);
}

/**
 * rc_client_page_show:
 * @show_codes_only: privacy mode: the clinic code stands in for the name
 *
 * Shows @client with every assessment, as stored now.
 */
gboolean
rc_client_page_show (RcClientPage  *self,
                     RcStore       *store,
                     RcClient      *client,
                     gboolean       show_codes_only,
                     GError       **error)
{
  g_autoptr(GPtrArray) assessments = NULL;

  g_return_val_if_fail (RC_IS_CLIENT_PAGE (self), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);

  assessments = rc_store_list_assessments (store, rc_client_get_uuid (client), error);
  if (assessments == NULL)
    return FALSE;

  g_set_object (&self->store, store);
  g_set_object (&self->client, client);
  show_identity (self, show_codes_only);

  clear_rows (self);
  find_superseded (self, assessments);
  for (guint i = assessments->len; i > 0; i--)
    {
      RcAssessment *assessment = g_ptr_array_index (assessments, i - 1);
      GtkWidget *row = make_row (self, assessment,
                                 g_hash_table_lookup (self->superseded,
                                                      rc_assessment_get_uuid (assessment)));

      adw_preferences_group_add (self->timeline_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), assessments->len == 0);
  /* Below an empty list it would stand above "No Assessments Yet". */
  gtk_widget_set_visible (self->compare_button, assessments->len > 0);
  update_compare_action (self, assessments);
  return TRUE;
}

/**
 * rc_client_page_get_client:
 *
 * Returns: (transfer none) (nullable): the client shown
 */
RcClient *
rc_client_page_get_client (RcClientPage *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_PAGE (self), NULL);
  return self->client;
}

/**
 * rc_client_page_get_amendment:
 *
 * Returns: (transfer none) (nullable): the amendment of the client shown
 *   that replaces the assessment @uuid, or %NULL for a current version
 */
RcAssessment *
rc_client_page_get_amendment (RcClientPage *self,
                              const char   *uuid)
{
  g_return_val_if_fail (RC_IS_CLIENT_PAGE (self), NULL);
  return g_hash_table_lookup (self->superseded, uuid);
}

/**
 * rc_client_page_get_latest:
 *
 * Returns: (transfer none) (nullable): the client's latest assessment, as
 *   shown
 */
RcAssessment *
rc_client_page_get_latest (RcClientPage *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_PAGE (self), NULL);

  if (self->rows->len == 0)
    return NULL;
  return g_object_get_data (g_ptr_array_index (self->rows, 0), "assessment");
}

/**
 * rc_client_page_can_compare:
 *
 * Returns: whether the client shown has two current, completed
 *   assessments to compare
 */
gboolean
rc_client_page_can_compare (RcClientPage *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_PAGE (self), FALSE);
  return self->can_compare;
}

/**
 * rc_client_page_focus_start:
 *
 * Puts the focus on the newest assessment, or on New Assessment when
 * there is none yet.
 */
void
rc_client_page_focus_start (RcClientPage *self)
{
  g_return_if_fail (RC_IS_CLIENT_PAGE (self));

  if (self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
  else
    gtk_widget_grab_focus (self->new_button);
}
