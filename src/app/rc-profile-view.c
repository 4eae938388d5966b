/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-profile-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-radar-chart.h"
#include "rc-profile-view.h"

/* One assessment as a profile: the radar chart of its factors and the
 * table of scores, notes and goals. A completed assessment can be
 * amended from here; the original stays as it was. */

struct _RcProfileView
{
  GtkWidget            parent_instance;

  RcAssessment        *assessment;
  GPtrArray           *rows;

  GtkScrolledWindow   *scrolled_window;
  AdwPreferencesGroup *header_group;
  GtkWidget           *amend_button;
  RcRadarChart        *chart;
  AdwPreferencesGroup *scores_group;
};

G_DEFINE_FINAL_TYPE (RcProfileView, rc_profile_view, GTK_TYPE_WIDGET)

enum {
  AMEND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
amend_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcProfileView *self = RC_PROFILE_VIEW (widget);

  if (self->assessment != NULL)
    g_signal_emit (self, signals[AMEND], 0, self->assessment);
}

static void
rc_profile_view_dispose (GObject *object)
{
  RcProfileView *self = RC_PROFILE_VIEW (object);

  rc_app_dispose_children (GTK_WIDGET (self), RC_TYPE_PROFILE_VIEW);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->assessment);

  G_OBJECT_CLASS (rc_profile_view_parent_class)->dispose (object);
}

static void
rc_profile_view_class_init (RcProfileViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_profile_view_dispose;

  /**
   * RcProfileView::amend:
   * @assessment: the completed assessment to amend
   */
  signals[AMEND] = g_signal_new ("amend", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, RC_TYPE_ASSESSMENT);

  g_type_ensure (RC_TYPE_RADAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-profile-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RcProfileView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RcProfileView, header_group);
  gtk_widget_class_bind_template_child (widget_class, RcProfileView, amend_button);
  gtk_widget_class_bind_template_child (widget_class, RcProfileView, chart);
  gtk_widget_class_bind_template_child (widget_class, RcProfileView, scores_group);

  gtk_widget_class_install_action (widget_class, "profile.amend", NULL, amend_activated);
}

static void
rc_profile_view_init (RcProfileView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
rc_profile_view_new (void)
{
  return g_object_new (RC_TYPE_PROFILE_VIEW, NULL);
}

static void
show_header (RcProfileView *self,
             RcInstrument  *instrument,
             RcAssessment  *amended_by)
{
  RcAssessment *assessment = self->assessment;
  g_autofree char *date = rc_labels_format_date (rc_assessment_get_date (assessment));
  g_autofree char *title = g_strdup_printf (_("%s · %s"), date,
                                            rc_labels_timepoint (rc_assessment_get_timepoint (assessment)));
  g_autofree char *summary = rc_app_format_summary (assessment, instrument);
  g_autofree char *description = NULL;

  /* Translators: assessor · who rated · status \n total */
  description = g_strdup_printf (_("%s · %s · %s\n%s"), rc_assessment_get_assessor (assessment),
                                 rc_app_rater_label (rc_assessment_get_rater (assessment)),
                                 rc_app_status_label (rc_assessment_get_status (assessment)),
                                 summary);
  if (amended_by != NULL)
    {
      g_autofree char *amendment = rc_app_describe_amendment (amended_by);
      char *text = g_strdup_printf ("%s\n%s", description, amendment);

      g_free (description);
      description = text;
    }
  adw_preferences_group_set_title (self->header_group, title);
  adw_preferences_group_set_description (self->header_group, description);
}

static void
show_chart (RcProfileView *self,
            RcInstrument  *instrument)
{
  g_autofree char *date = rc_labels_format_date (rc_assessment_get_date (self->assessment));

  rc_radar_chart_set_instrument (self->chart, instrument);
  rc_radar_chart_add_assessment (self->chart, date, NULL, self->assessment, instrument, 0);
}

static GtkWidget *
make_score_row (RcAssessment *assessment,
                RcFactor     *factor)
{
  const char *key = rc_factor_get_key (factor);
  int score = rc_assessment_get_score (assessment, key);
  /* Isolated, so that a note cannot reorder the label before it or the
   * goal after it; the editor shows them as typed. */
  g_autofree char *note = rc_text_isolate (rc_assessment_get_note (assessment, key));
  g_autofree char *goal = rc_text_isolate (rc_assessment_get_goal (assessment, key));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *level = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *level_label;

  if (*note != '\0')
    g_string_append_printf (subtitle, _("Note: %s"), note);
  if (*note != '\0' && *goal != '\0')
    g_string_append_c (subtitle, '\n');
  if (*goal != '\0')
    g_string_append_printf (subtitle, _("Goal: %s"), goal);

  if (rc_score_is_missing (score))
    level = g_strdup (_("Not assessed"));
  else
    level = g_strdup_printf (_("%d · %s"), score, rc_factor_get_level_label (factor, score));
  level_label = gtk_label_new (level);
  if (rc_score_is_missing (score))
    gtk_widget_add_css_class (level_label, "dim-label");
  else
    gtk_widget_add_css_class (level_label, "heading");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rc_factor_get_title (factor));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), level_label);
  return row;
}

static void
show_scores (RcProfileView *self,
             RcInstrument  *instrument)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->scores_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < rc_instrument_get_n_factors (instrument); i++)
    {
      GtkWidget *row = make_score_row (self->assessment, rc_instrument_get_factor (instrument, i));

      adw_preferences_group_add (self->scores_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/**
 * rc_profile_view_show:
 * @amended_by: (nullable): the amendment that replaced @assessment; an
 *   amendment is offered only for a current version
 *
 * Shows @assessment. Fails when its instrument is not installed.
 */
gboolean
rc_profile_view_show (RcProfileView  *self,
                      RcStore        *store,
                      RcAssessment   *assessment,
                      RcAssessment   *amended_by,
                      GError        **error)
{
  RcInstrument *instrument;
  gboolean writable;

  g_return_val_if_fail (RC_IS_PROFILE_VIEW (self), FALSE);
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), FALSE);

  instrument = rc_app_lookup_instrument (store, assessment, error);
  if (instrument == NULL)
    return FALSE;

  g_set_object (&self->assessment, assessment);
  /* Only a current version can be amended, else the history would fork;
   * and none in a database that is only read (the window's bar says why). */
  writable = rc_store_get_write_refusal (store) == NULL;
  gtk_widget_set_visible (self->amend_button, amended_by == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.amend",
                                 amended_by == NULL && writable);
  show_header (self, instrument, amended_by);
  show_chart (self, instrument);
  show_scores (self, instrument);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return TRUE;
}

/**
 * rc_profile_view_get_assessment:
 *
 * Returns: (transfer none) (nullable): the assessment shown
 */
RcAssessment *
rc_profile_view_get_assessment (RcProfileView *self)
{
  g_return_val_if_fail (RC_IS_PROFILE_VIEW (self), NULL);
  return self->assessment;
}

/**
 * rc_profile_view_focus_start:
 *
 * Puts the focus on the first control of the profile.
 */
void
rc_profile_view_focus_start (RcProfileView *self)
{
  g_return_if_fail (RC_IS_PROFILE_VIEW (self));
  gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}
