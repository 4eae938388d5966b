/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-compare-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-labels.h"
#include "rc-radar-chart.h"
#include "rc-report.h"
#include "rc-trend-chart.h"
#include "rc-compare-view.h"

/* A client's profiles over time: two or three current assessments on one
 * radar chart, the change per factor (with reliable change where the
 * instrument carries the figures, and a plain statement where it does
 * not), a trend of any factor or the total, and the client's own view
 * beside the worker's on days both rated. The one-page report is drawn
 * by src/render, for the PDF and the printer alike. */

struct _RcCompareView
{
  GtkWidget            parent_instance;

  RcStore             *store;
  RcClient            *client;
  GPtrArray           *current;      /* current complete assessments, oldest first */
  GPtrArray           *pairs;        /* worker ratings that have a client rating beside */
  RcComparison        *comparison;   /* NULL when the two cannot be compared */
  RcAssessment        *also;         /* the third profile, or NULL */
  gboolean             show_codes_only;
  gboolean             filling;      /* pickers being refilled: no updates */
  GPtrArray           *change_rows;
  GPtrArray           *disagreement_rows;
  RcJobBar            *job_bar;      /* the window's, for the report */

  GtkScrolledWindow   *scrolled_window;
  AdwComboRow         *before_row;
  AdwComboRow         *after_row;
  AdwComboRow         *also_row;
  RcRadarChart        *chart;
  AdwPreferencesGroup *changes_group;
  AdwPreferencesGroup *trend_group;
  AdwComboRow         *trend_row;
  RcTrendChart        *trend_chart;
  AdwPreferencesGroup *pair_group;
  AdwComboRow         *pair_row;
  RcRadarChart        *pair_chart;
  AdwPreferencesGroup *disagreement_group;
};

G_DEFINE_FINAL_TYPE (RcCompareView, rc_compare_view, GTK_TYPE_WIDGET)

static void
show_toast (RcCompareView *self,
            const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* "3 March 2025 · Intake", with the rater when it is the client. */
static char *
assessment_label (RcAssessment *assessment)
{
  g_autofree char *date = rc_labels_format_date (rc_assessment_get_date (assessment));
  const char *timepoint = rc_labels_timepoint (rc_assessment_get_timepoint (assessment));

  if (rc_assessment_get_rater (assessment) == RC_RATER_CLIENT)
    /* Translators: date · timepoint · who rated, e.g. "3 March 2025 · Intake · client's view" */
    return g_strdup_printf (_("%s · %s · client’s view"), date, timepoint);
  /* Translators: date · timepoint, e.g. "3 March 2025 · Intake" */
  return g_strdup_printf (_("%s · %s"), date, timepoint);
}

static RcReport *
make_report (RcCompareView *self)
{
  RcReport *report;

  if (self->comparison == NULL)
    return NULL;
  report = rc_report_new (self->client, self->comparison, self->also,
                          rc_comparison_get_after (self->comparison));
  rc_report_set_show_names (report, !self->show_codes_only);
  return report;
}

/* What the worker needs to write the report: the compared assessments,
 * which no longer change, and the client's UUID, read again on the
 * worker's own connection rather than shared with the window. */
typedef struct
{
  char         *client_uuid;
  RcComparison *comparison;
  RcAssessment *also;
  gboolean      show_names;
  char         *path;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->client_uuid);
  g_clear_object (&job->comparison);
  g_clear_object (&job->also);
  g_free (job->path);
  g_free (job);
}

static gboolean
write_report_in_thread (RcStore     *store,
                        RcProgress  *progress,
                        gpointer     data,
                        GError     **error)
{
  ReportJob *job = data;
  /* Never written over the database or its journal. */
  g_auto(GStrv) database = rc_output_file_database_paths (rc_store_get_path (store));
  g_autoptr(RcClient) client = rc_store_find_client (store, job->client_uuid, error);
  g_autoptr(RcReport) report = NULL;

  if (client == NULL || !rc_progress_check (progress, error))
    return FALSE;
  report = rc_report_new (client, job->comparison, job->also,
                          rc_comparison_get_after (job->comparison));
  rc_report_set_show_names (report, job->show_names);
  return rc_report_write_pdf_full (report, job->path, (const char * const *) database, error);
}

static void
report_written_cb (gpointer      owner,
                   const GError *error,
                   gpointer      data)
{
  RcCompareView *self = owner;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Report cancelled: no file was written"));
  else if (error != NULL)
    show_toast (self, error->message);
  else
    show_toast (self, _("Report saved"));
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  RcCompareView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  ReportJob *job;

  if (response == GTK_RESPONSE_ACCEPT && self->comparison != NULL && self->job_bar != NULL &&
      !rc_job_bar_is_busy (self->job_bar))
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (path == NULL)
        show_toast (self, _("Reports can only be saved to local folders"));
      else
        {
          job = g_new0 (ReportJob, 1);
          job->client_uuid = g_strdup (rc_client_get_uuid (self->client));
          job->comparison = g_object_ref (self->comparison);
          job->also = self->also != NULL ? g_object_ref (self->also) : NULL;
          job->show_names = !self->show_codes_only;
          job->path = g_steal_pointer (&path);
          rc_job_bar_run (self->job_bar, _("Saving the report…"), self->store,
                          write_report_in_thread, report_written_cb, self, job,
                          (GDestroyNotify) report_job_free);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* The code, never the name: file names travel further than the file. */
static char *
report_basename (RcCompareView *self)
{
  /* Translators: the name proposed for a client's report file, before
   * ".pdf"; %s is the clinic code. No spaces or slashes. */
  return g_strdup_printf (_("%s-report"), rc_client_get_clinic_code (self->client));
}

static void
save_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RcCompareView *self = RC_COMPARE_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->comparison == NULL)
    return;
  chooser = rc_app_new_file_chooser (_("Save Report"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), self->store);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  basename = report_basename (self);
  name = g_strconcat (basename, ".pdf", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              RcReport          *report)
{
  rc_report_draw (report, gtk_print_context_get_cairo_context (context),
                  gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RcCompareView *self = RC_COMPARE_VIEW (widget);
  g_autoptr(RcReport) report = make_report (self);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *basename = NULL;
  g_autoptr(GError) error = NULL;

  if (report == NULL)
    return;
  operation = gtk_print_operation_new ();
  /* Print to File proposes the name Save Report… does. */
  basename = report_basename (self);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, basename);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  /* The report lays out its own margins, in points. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, rc_client_get_clinic_code (self->client));
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), report);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);
}

static void
update_actions (RcCompareView *self)
{
  gboolean idle = self->job_bar == NULL || !rc_job_bar_is_busy (self->job_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.save-report",
                                 self->comparison != NULL && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.print", self->comparison != NULL);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
format_score (double   score,
              gboolean is_total)
{
  if (isnan (score))
    return g_strdup (_("not assessed"));
  return g_strdup_printf (is_total ? "%.1f" : "%.0f", score);
}

/* The change in words, for the subtitle and for screen readers, e.g.
 * "Up 2, from 2 to 4 · reliable change". */
static char *
describe_change (const RcChange *change)
{
  gboolean is_total = change->key == NULL;
  g_autofree char *before = format_score (change->before, is_total);
  g_autofree char *after = format_score (change->after, is_total);
  g_autofree char *size = g_strdup_printf (is_total ? "%.1f" : "%.0f", fabs (change->change));
  g_autofree char *what = NULL;

  switch (change->direction)
    {
    case RC_CHANGE_UP:
      /* Translators: e.g. "Up 2, from 2 to 4" */
      what = g_strdup_printf (_("Up %s, from %s to %s"), size, before, after);
      break;
    case RC_CHANGE_DOWN:
      what = g_strdup_printf (_("Down %s, from %s to %s"), size, before, after);
      break;
    case RC_CHANGE_SAME:
      what = g_strdup_printf (_("No change, %s both times"), before);
      break;
    case RC_CHANGE_NOT_COMPARABLE:
    default:
      /* Translators: before and after, one of them "not assessed" */
      what = g_strdup_printf (_("Not comparable: %s before, %s after"), before, after);
      break;
    }
  if (!change->has_rci)
    return g_steal_pointer (&what);
  /* Translators: the change, then the reliable change index, e.g.
   * "Up 2, from 1 to 3 · reliable change (RCI 3.16)" */
  return g_strdup_printf (change->reliable ? _("%s · reliable change (RCI %.2f)")
                                           : _("%s · no reliable change (RCI %.2f)"),
                          what, change->rci);
}

/* An icon repeating what its row's accessible name says in words, so
 * screen readers skip it. */
static GtkWidget *
make_decorative_icon (const char *icon_name)
{
  return g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", icon_name,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
}

static GtkWidget *
make_change_badge (const RcChange *change)
{
  gboolean is_total = change->key == NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  const char *icon = NULL;
  const char *style = "dim-label";
  g_autofree char *text = NULL;
  GtkWidget *label;

  switch (change->direction)
    {
    case RC_CHANGE_UP:
      icon = "go-up-symbolic";
      style = "success";
      text = g_strdup_printf (is_total ? "+%.1f" : "+%.0f", change->change);
      break;
    case RC_CHANGE_DOWN:
      icon = "go-down-symbolic";
      style = "error";
      /* A real minus sign, as in the report. */
      text = g_strdup_printf (is_total ? "−%.1f" : "−%.0f", -change->change);
      break;
    case RC_CHANGE_SAME:
      text = g_strdup ("0");
      break;
    case RC_CHANGE_NOT_COMPARABLE:
    default:
      text = g_strdup ("—");
      break;
    }
  if (icon != NULL)
    gtk_box_append (GTK_BOX (box), make_decorative_icon (icon));
  label = gtk_label_new (text);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, style);
  gtk_widget_add_css_class (box, "heading");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

/* A change beyond measurement error, at a glance. */
static GtkWidget *
make_reliability_label (void)
{
  GtkWidget *label = gtk_label_new (_("Reliable"));

  gtk_widget_add_css_class (label, "accent");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
make_change_row (const RcChange *change,
                 RcAssessment   *also)
{
  GtkWidget *row = adw_action_row_new ();
  const char *title = rc_change_get_label (change);
  g_autofree char *description = describe_change (change);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  if (also != NULL && change->key != NULL)
    {
      int score = rc_assessment_get_score (also, change->key);
      g_autofree char *also_score = format_score (rc_score_is_missing (score) ? NAN : score,
                                                  FALSE);

      /* Translators: the change, then the third profile's score */
      subtitle = g_strdup_printf (_("%s · also shown: %s"), description, also_score);
    }
  else
    subtitle = g_strdup (description);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (change->reliable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_reliability_label ());
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_change_badge (change));
  /* Translators: a row of the change table for screen readers, e.g.
   * "Housing: Up 2, from 2 to 4" */
  accessible = g_strdup_printf (_("%s: %s"), title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static char *
describe_limits (RcComparison *comparison)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char * const *unshared = rc_comparison_get_unshared (comparison);
  g_autofree char *languages = NULL;

  if (rc_comparison_has_reliability (comparison))
    g_string_append_printf (text, _("A change is called reliable when measurement error alone "
                                    "would give one as large less than 5 times in 100 "
                                    "(|RCI| > %.2f, from the instrument’s reliability figures)."),
                            RC_RELIABLE_CHANGE_Z);
  else if (!rc_comparison_same_rater (comparison))
    g_string_append (text, _("The two were rated by different people, the worker and the "
                             "client: the differences are two views, not judged against "
                             "measurement error."));
  else
    g_string_append (text, _("Reliability is not established for this instrument: changes are "
                             "shown as recorded, not judged against measurement error."));
  if (unshared[0] != NULL)
    {
      g_autofree char *keys =
        rc_labels_list_unshared_factors (comparison);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The two use different versions of the instrument: only "
                                      "the factors both have are compared, without totals "
                                      "(left out: %s)."), keys);
    }
  else if (!rc_comparison_same_version (comparison))
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("The two use different versions of the instrument: totals are "
                               "not compared."));
    }
  languages = rc_labels_describe_text_languages (comparison);
  if (languages != NULL)
    g_string_append_printf (text, "\n%s", languages);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_changes (RcCompareView *self)
{
  g_autofree char *limits = NULL;

  clear_rows (self->changes_group, self->change_rows);
  if (self->comparison == NULL)
    return;
  for (guint i = 0; i < rc_comparison_get_n_changes (self->comparison); i++)
    {
      GtkWidget *row = make_change_row (rc_comparison_get_change (self->comparison, i), self->also);

      adw_preferences_group_add (self->changes_group, row);
      g_ptr_array_add (self->change_rows, row);
    }
  if (rc_comparison_same_version (self->comparison))
    {
      GtkWidget *row = make_change_row (rc_comparison_get_total (self->comparison), NULL);

      adw_preferences_group_add (self->changes_group, row);
      g_ptr_array_add (self->change_rows, row);
    }
  limits = describe_limits (self->comparison);
  adw_preferences_group_set_description (self->changes_group, limits);
}

/* @name is the profile's part in the chart, for its description. */
static void
add_chart_series (RcRadarChart *chart,
                  RcAssessment *assessment,
                  const char   *name,
                  RcInstrument *instrument,
                  guint         style_index)
{
  g_autofree char *label = assessment_label (assessment);

  rc_radar_chart_add_assessment (chart, label, name, assessment, instrument, style_index);
}

/* Before, after and the third profile keep their styles (0, 1, 2) whatever
 * is shown, so "after" looks the same with or without a third. */
static void
show_chart (RcCompareView *self)
{
  RcInstrument *instrument;

  if (self->comparison == NULL)
    {
      rc_radar_chart_clear_series (self->chart);
      return;
    }
  instrument = rc_comparison_get_instrument (self->comparison);
  rc_radar_chart_set_instrument (self->chart, instrument);
  add_chart_series (self->chart, rc_comparison_get_before (self->comparison), _("Before"),
                    instrument, 0);
  if (self->also != NULL)
    add_chart_series (self->chart, self->also, _("Also shown"), instrument, 2);
  add_chart_series (self->chart, rc_comparison_get_after (self->comparison), _("After"),
                    instrument, 1);
}

static RcAssessment *
selected_assessment (AdwComboRow *row,
                     GPtrArray   *assessments,
                     guint        offset)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected < offset ||
      selected - offset >= assessments->len)
    return NULL;
  return g_ptr_array_index (assessments, selected - offset);
}

static void
update_comparison (RcCompareView *self)
{
  RcAssessment *before = selected_assessment (self->before_row, self->current, 0);
  RcAssessment *after = selected_assessment (self->after_row, self->current, 0);
  RcInstrument *before_instrument, *after_instrument;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->comparison);
  self->also = selected_assessment (self->also_row, self->current, 1);
  if (before == NULL || after == NULL)
    return;
  if (before == after)
    {
      adw_preferences_group_set_description (self->changes_group,
                                             _("Choose two different assessments to compare."));
      return;
    }
  /* The table always reads from the earlier to the later (the pickers
   * list self->current, oldest first), and the pickers say so too rather
   * than name the other way round. */
  if (adw_combo_row_get_selected (self->before_row) > adw_combo_row_get_selected (self->after_row))
    {
      guint earlier = adw_combo_row_get_selected (self->after_row);
      guint later = adw_combo_row_get_selected (self->before_row);
      RcAssessment *earlier_assessment = after;

      self->filling = TRUE;
      adw_combo_row_set_selected (self->before_row, earlier);
      adw_combo_row_set_selected (self->after_row, later);
      self->filling = FALSE;
      after = before;
      before = earlier_assessment;
    }
  before_instrument = rc_app_lookup_instrument (self->store, before, &error);
  after_instrument = before_instrument != NULL
                     ? rc_app_lookup_instrument (self->store, after, &error) : NULL;
  if (after_instrument != NULL)
    self->comparison = rc_comparison_new (before, before_instrument, after, after_instrument,
                                          &error);
  /* A third profile of another version has no place on this chart. */
  if (self->also != NULL && self->comparison != NULL &&
      rc_app_lookup_instrument (self->store, self->also, NULL) != after_instrument)
    self->also = NULL;
  if (error != NULL)
    adw_preferences_group_set_description (self->changes_group, error->message);
}

static void
selection_changed_cb (RcCompareView *self)
{
  if (self->filling)
    return;
  update_comparison (self);
  show_chart (self);
  show_changes (self);
  update_actions (self);
}

/* Trend */

/* The trend follows the default comparison's later assessment: its rater
 * (the worker's and the client's views of one day would zigzag) and its
 * instrument version (totals of other versions sum other factors). */
static RcAssessment *
trend_reference (RcCompareView *self)
{
  RcAssessment *before = NULL, *after = NULL;

  if (rc_assessments_pick_default (self->current, &before, &after))
    return after;
  return g_ptr_array_index (self->current, self->current->len - 1);
}

static void
trend_changed_cb (RcCompareView *self)
{
  RcAssessment *reference;
  RcInstrument *instrument;
  guint selected = adw_combo_row_get_selected (self->trend_row);
  const char *key = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *description = NULL;

  if (self->filling || self->current == NULL || self->current->len == 0)
    return;
  reference = trend_reference (self);
  instrument = rc_app_lookup_instrument (self->store, reference, NULL);
  if (instrument == NULL)
    {
      rc_trend_chart_set_points (self->trend_chart, 0, NULL, NULL, 0, 1, NULL);
      return;
    }
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    key = rc_factor_get_key (rc_instrument_get_factor (instrument, selected - 1));

  for (guint i = 0; i < self->current->len; i++)
    {
      RcAssessment *assessment = g_ptr_array_index (self->current, i);
      RcInstrument *own = rc_app_lookup_instrument (self->store, assessment, NULL);
      g_autoptr(GDate) date = g_date_new ();
      double day, value;

      if (own != instrument ||
          rc_assessment_get_rater (assessment) != rc_assessment_get_rater (reference))
        continue;
      g_date_set_parse (date, rc_assessment_get_date (assessment));
      if (!g_date_valid (date))
        continue;
      day = g_date_get_julian (date);
      if (key != NULL)
        {
          int score = rc_assessment_get_score (assessment, key);

          value = rc_score_is_missing (score) ? NAN : score;
        }
      else
        {
          RcScoreSummary summary;

          rc_score_assessment (assessment, own, &summary);
          value = summary.has_total ? summary.total : NAN;
        }
      g_array_append_val (days, day);
      g_array_append_val (values, value);
    }

  if (key != NULL)
    rc_trend_chart_set_points (self->trend_chart, days->len, (double *) days->data,
                               (double *) values->data, rc_instrument_get_min_score (instrument),
                               rc_instrument_get_max_score (instrument),
                               rc_factor_get_title (rc_instrument_get_factor (instrument,
                                                                              selected - 1)));
  else
    rc_trend_chart_set_points (self->trend_chart, days->len, (double *) days->data,
                               (double *) values->data,
                               rc_instrument_get_min_score (instrument) *
                               (int) rc_instrument_get_n_factors (instrument),
                               rc_instrument_get_max_score (instrument) *
                               (int) rc_instrument_get_n_factors (instrument),
                               _("Total"));
  if (rc_assessment_get_rater (reference) == RC_RATER_CLIENT)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: the number is of assessments */
                                                "The client’s own ratings, %u so far",
                                                "The client’s own ratings, %u over time",
                                                days->len), days->len);
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: the number is of assessments */
                                                "The worker’s ratings, %u so far",
                                                "The worker’s ratings, %u over time",
                                                days->len), days->len);
  adw_preferences_group_set_description (self->trend_group, description);
}

static void
fill_trend_choices (RcCompareView *self)
{
  RcInstrument *instrument = rc_app_lookup_instrument (self->store, trend_reference (self), NULL);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Total"));
  for (guint i = 0; instrument != NULL && i < rc_instrument_get_n_factors (instrument); i++)
    {
      RcFactor *factor = rc_instrument_get_factor (instrument, i);

      gtk_string_list_append (choices, rc_factor_get_title (factor));
    }
  adw_combo_row_set_model (self->trend_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->trend_row, 0);
}

/* Client and worker */

static GtkWidget *
make_disagreement_row (const RcChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: the worker's and the client's scores of one factor */
  subtitle = g_strdup_printf (_("Worker %.0f, client %.0f: %.0f apart"), change->before,
                              change->after, fabs (change->change));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             make_decorative_icon ("dialog-warning-symbolic"));
  /* Translators: a flagged factor for screen readers, e.g.
   * "Housing: Worker 1, client 3: 2 apart" */
  accessible = g_strdup_printf (_("%s: %s"), change->title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return row;
}

static void
show_pair (RcCompareView *self,
           RcAssessment  *worker)
{
  RcAssessment *client = rc_assessments_find_rater_pair (self->current, worker);
  RcInstrument *instrument = rc_app_lookup_instrument (self->store, worker, NULL);
  RcInstrument *client_instrument = rc_app_lookup_instrument (self->store, client, NULL);
  g_autoptr(RcComparison) views = NULL;
  g_autofree char *title = NULL;
  g_autofree char *none = NULL;
  guint n_flagged = 0;

  clear_rows (self->disagreement_group, self->disagreement_rows);
  rc_radar_chart_clear_series (self->pair_chart);
  if (instrument == NULL || client_instrument == NULL)
    return;
  rc_radar_chart_set_instrument (self->pair_chart, instrument);
  add_chart_series (self->pair_chart, worker, _("Worker"), instrument, 0);
  add_chart_series (self->pair_chart, client, _("Client"), instrument, 1);

  views = rc_comparison_new (worker, instrument, client, client_instrument, NULL);
  for (guint i = 0; views != NULL && i < rc_comparison_get_n_changes (views); i++)
    {
      const RcChange *change = rc_comparison_get_change (views, i);
      GtkWidget *row;

      if (change->direction == RC_CHANGE_NOT_COMPARABLE ||
          fabs (change->change) < RC_RATER_DISAGREEMENT)
        continue;
      row = make_disagreement_row (change);
      adw_preferences_group_add (self->disagreement_group, row);
      g_ptr_array_add (self->disagreement_rows, row);
      n_flagged++;
    }
  /* Translators: %d is a number of levels on the scale */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rated %d or More Apart",
                                        "Rated %d or More Apart", RC_RATER_DISAGREEMENT),
                           RC_RATER_DISAGREEMENT);
  none = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No factor was rated %d or more apart.",
                                       "No factor was rated %d or more apart.",
                                       RC_RATER_DISAGREEMENT),
                          RC_RATER_DISAGREEMENT);
  adw_preferences_group_set_title (self->disagreement_group, n_flagged > 0 ? title : NULL);
  adw_preferences_group_set_description (self->disagreement_group, n_flagged > 0 ? NULL : none);
}

static void
pair_changed_cb (RcCompareView *self)
{
  guint selected = adw_combo_row_get_selected (self->pair_row);

  if (self->filling || self->pairs == NULL || selected >= self->pairs->len)
    return;
  show_pair (self, g_ptr_array_index (self->pairs, selected));
}

static void
fill_pairs (RcCompareView *self)
{
  g_autoptr(GtkStringList) days = gtk_string_list_new (NULL);
  gboolean any;

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  self->pairs = g_ptr_array_new ();
  for (guint i = 0; i < self->current->len; i++)
    {
      RcAssessment *assessment = g_ptr_array_index (self->current, i);

      if (rc_assessment_get_rater (assessment) == RC_RATER_WORKER &&
          rc_assessments_find_rater_pair (self->current, assessment) != NULL)
        {
          g_autofree char *label = assessment_label (assessment);

          g_ptr_array_add (self->pairs, assessment);
          gtk_string_list_append (days, label);
        }
    }
  any = self->pairs->len > 0;
  adw_combo_row_set_model (self->pair_row, G_LIST_MODEL (days));
  /* The latest pair first: usually the one being discussed. */
  adw_combo_row_set_selected (self->pair_row, any ? self->pairs->len - 1 : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->pair_row), any);
  gtk_widget_set_visible (GTK_WIDGET (self->pair_chart), any);
  gtk_widget_set_visible (GTK_WIDGET (self->disagreement_group), any);
  adw_preferences_group_set_description (self->pair_group,
                                         any ? _("The client’s own ratings beside the worker’s "
                                                 "on the same day")
                                         : _("No day has both a client’s own rating and a "
                                             "worker’s rating."));
}

/* Setup */

static void
fill_pickers (RcCompareView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) also_labels = gtk_string_list_new (NULL);
  RcAssessment *before = NULL, *after = NULL;

  gtk_string_list_append (also_labels, _("None"));
  for (guint i = 0; i < self->current->len; i++)
    {
      g_autofree char *label = assessment_label (g_ptr_array_index (self->current, i));

      gtk_string_list_append (labels, label);
      gtk_string_list_append (also_labels, label);
    }
  adw_combo_row_set_model (self->before_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->after_row, G_LIST_MODEL (labels));
  adw_combo_row_set_model (self->also_row, G_LIST_MODEL (also_labels));

  if (rc_assessments_pick_default (self->current, &before, &after))
    {
      guint before_index = 0, after_index = 0;

      g_ptr_array_find (self->current, before, &before_index);
      g_ptr_array_find (self->current, after, &after_index);
      adw_combo_row_set_selected (self->before_row, before_index);
      adw_combo_row_set_selected (self->after_row, after_index);
    }
  adw_combo_row_set_selected (self->also_row, 0);
}

/* Page Up and Page Down scroll the page wherever the focus is in it: the
 * lists would otherwise keep them to move within themselves, and a
 * keyboard user could not page past the pickers. A combo row's open
 * list keeps them. */
static gboolean
page_key_pressed_cb (RcCompareView   *self,
                     guint            keyval,
                     guint            keycode,
                     GdkModifierType  state)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkScrollType scroll;
  gboolean handled;

  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return FALSE;
  if (keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_KP_Page_Down)
    scroll = GTK_SCROLL_PAGE_FORWARD;
  else if (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up)
    scroll = GTK_SCROLL_PAGE_BACKWARD;
  else
    return FALSE;
  g_signal_emit_by_name (self->scrolled_window, "scroll-child", scroll, FALSE, &handled);
  return TRUE;
}

static void
rc_compare_view_dispose (GObject *object)
{
  RcCompareView *self = RC_COMPARE_VIEW (object);

  rc_app_dispose_children (GTK_WIDGET (self), RC_TYPE_COMPARE_VIEW);
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);
  g_clear_pointer (&self->disagreement_rows, g_ptr_array_unref);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_ptr_array_unref);
  g_clear_object (&self->comparison);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->job_bar);

  G_OBJECT_CLASS (rc_compare_view_parent_class)->dispose (object);
}

static void
rc_compare_view_class_init (RcCompareViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_compare_view_dispose;

  g_type_ensure (RC_TYPE_RADAR_CHART);
  g_type_ensure (RC_TYPE_TREND_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, before_row);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, after_row);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, also_row);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, chart);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, changes_group);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, trend_group);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, trend_row);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, pair_group);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, pair_row);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, pair_chart);
  gtk_widget_class_bind_template_child (widget_class, RcCompareView, disagreement_group);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, trend_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pair_changed_cb);

  gtk_widget_class_install_action (widget_class, "compare.save-report", NULL,
                                   save_report_activated);
  gtk_widget_class_install_action (widget_class, "compare.print", NULL, print_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "compare.save-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "compare.print", NULL);
}

static void
rc_compare_view_init (RcCompareView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rc_app_wrap_combo_entries (self->before_row);
  rc_app_wrap_combo_entries (self->after_row);
  rc_app_wrap_combo_entries (self->also_row);
  rc_app_wrap_combo_entries (self->trend_row);
  rc_app_wrap_combo_entries (self->pair_row);
  /* Before the lists inside see the keys. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (page_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  self->change_rows = g_ptr_array_new ();
  self->disagreement_rows = g_ptr_array_new ();
}

GtkWidget *
rc_compare_view_new (void)
{
  return g_object_new (RC_TYPE_COMPARE_VIEW, NULL);
}

/**
 * rc_compare_view_show:
 * @show_codes_only: privacy mode: reports carry the clinic code only
 *
 * Shows @client's current complete assessments, comparing the default
 * pair (see rc_assessments_pick_default()).
 *
 * Returns: %FALSE with @error set when there are fewer than two
 */
gboolean
rc_compare_view_show (RcCompareView  *self,
                      RcStore        *store,
                      RcClient       *client,
                      gboolean        show_codes_only,
                      GError        **error)
{
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GPtrArray) current = NULL;

  g_return_val_if_fail (RC_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);

  assessments = rc_store_list_assessments (store, rc_client_get_uuid (client), error);
  if (assessments == NULL)
    return FALSE;
  current = rc_assessments_current_complete (assessments);
  if (current->len < 2)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_INVALID,
                   _("Two completed assessments are needed for a comparison"));
      return FALSE;
    }

  g_set_object (&self->store, store);
  g_set_object (&self->client, client);
  g_clear_pointer (&self->current, g_ptr_array_unref);
  self->current = g_steal_pointer (&current);
  self->show_codes_only = show_codes_only;

  self->filling = TRUE;
  fill_pickers (self);
  fill_trend_choices (self);
  fill_pairs (self);
  self->filling = FALSE;

  selection_changed_cb (self);
  trend_changed_cb (self);
  pair_changed_cb (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return TRUE;
}

/**
 * rc_compare_view_focus_start:
 *
 * Puts the keyboard focus on the first picker, so that the view's keys
 * (Ctrl+S, Ctrl+P) work at once.
 */
void
rc_compare_view_focus_start (RcCompareView *self)
{
  g_return_if_fail (RC_IS_COMPARE_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->before_row));
}

/**
 * rc_compare_view_set_show_codes_only:
 *
 * Privacy mode: reports saved or printed from now on show the clinic code
 * instead of the name.
 */
void
rc_compare_view_set_show_codes_only (RcCompareView *self,
                                     gboolean       show_codes_only)
{
  g_return_if_fail (RC_IS_COMPARE_VIEW (self));
  self->show_codes_only = show_codes_only;
}

/**
 * rc_compare_view_get_comparison:
 *
 * Returns: (transfer none) (nullable): the comparison shown, or %NULL when
 *   the chosen two cannot be compared
 */
RcComparison *
rc_compare_view_get_comparison (RcCompareView *self)
{
  g_return_val_if_fail (RC_IS_COMPARE_VIEW (self), NULL);
  return self->comparison;
}

/**
 * rc_compare_view_get_change_rows:
 *
 * Returns: (transfer none) (element-type GtkWidget): the rows of the
 *   change table, factors in the instrument's order, then the total
 */
GPtrArray *
rc_compare_view_get_change_rows (RcCompareView *self)
{
  g_return_val_if_fail (RC_IS_COMPARE_VIEW (self), NULL);
  return self->change_rows;
}

/**
 * rc_compare_view_get_disagreement_rows:
 *
 * Returns: (transfer none) (element-type GtkWidget): the factors the client
 *   and the worker rated 2 or more apart on the day chosen
 */
GPtrArray *
rc_compare_view_get_disagreement_rows (RcCompareView *self)
{
  g_return_val_if_fail (RC_IS_COMPARE_VIEW (self), NULL);
  return self->disagreement_rows;
}

/**
 * rc_compare_view_set_job_bar:
 * @bar: where the report is written, as the window's other long work
 */
void
rc_compare_view_set_job_bar (RcCompareView *self,
                             RcJobBar      *bar)
{
  g_return_if_fail (RC_IS_COMPARE_VIEW (self));
  g_return_if_fail (RC_IS_JOB_BAR (bar));

  g_set_object (&self->job_bar, bar);
  g_signal_connect_object (bar, "notify::busy", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}
