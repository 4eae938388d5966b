/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-assessment-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-factor-row.h"
#include "rc-assessment-editor.h"

/* Rates one draft assessment. There is no Save button: every change goes
 * to the draft in the store within AUTOSAVE_DELAY_MS of the first unsaved
 * keystroke, and whatever is pending is written when the editor goes away,
 * so closing the window, quitting or a crash loses at most that much.
 * Completing (Ctrl+Enter) stores the assessment and locks it. */

#define AUTOSAVE_DELAY_MS 500

struct _RcAssessmentEditor
{
  GtkWidget       parent_instance;

  RcStore        *store;
  RcAssessment   *assessment;
  RcInstrument   *instrument;
  GPtrArray      *factor_rows;
  guint           autosave_id;
  gboolean        loading;

  GtkScrolledWindow *scrolled_window;
  AdwPreferencesGroup *header_group;
  AdwEntryRow    *date_row;
  AdwComboRow    *timepoint_row;
  AdwEntryRow    *assessor_row;
  AdwComboRow    *rater_row;
  GtkBox         *factors_box;
  GtkLabel       *summary_label;
  GtkLabel       *save_label;
};

G_DEFINE_FINAL_TYPE (RcAssessmentEditor, rc_assessment_editor, GTK_TYPE_WIDGET)

enum {
  COMPLETED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_summary (RcAssessmentEditor *self)
{
  g_autofree char *summary = rc_app_format_summary (self->assessment, self->instrument);

  gtk_label_set_text (self->summary_label, summary);
}

/**
 * rc_assessment_editor_save_now:
 *
 * Writes any pending change to the store at once.
 */
gboolean
rc_assessment_editor_save_now (RcAssessmentEditor  *self,
                               GError             **error)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), FALSE);

  if (self->autosave_id == 0)
    return TRUE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!rc_store_save_assessment (self->store, self->assessment, error))
    {
      gtk_label_set_text (self->save_label, _("Not saved"));
      return FALSE;
    }
  gtk_label_set_text (self->save_label, _("All changes saved"));
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  RcAssessmentEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rc_assessment_editor_save_now (self, &error))
    g_signal_emit (self, signals[SAVE_FAILED], 0, error->message);
  return G_SOURCE_REMOVE;
}

/* The first unsaved change starts the clock; later ones within the delay
 * ride along, so steady typing still saves every AUTOSAVE_DELAY_MS. */
static void
schedule_save (RcAssessmentEditor *self)
{
  update_summary (self);
  if (self->autosave_id != 0)
    return;
  gtk_label_set_text (self->save_label, _("Saving…"));
  self->autosave_id = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
factor_changed_cb (RcFactorRow        *row,
                   RcAssessmentEditor *self)
{
  const char *key = rc_factor_get_key (rc_factor_row_get_factor (row));

  rc_assessment_set_score (self->assessment, key, rc_factor_row_get_score (row));
  rc_assessment_set_note (self->assessment, key, rc_factor_row_get_note (row));
  rc_assessment_set_goal (self->assessment, key, rc_factor_row_get_goal (row));
  schedule_save (self);
}

static void
header_changed_cb (RcAssessmentEditor *self)
{
  if (self->loading || self->assessment == NULL)
    return;
  rc_assessment_set_timepoint (self->assessment,
                               (RcTimepoint) adw_combo_row_get_selected (self->timepoint_row));
  rc_assessment_set_rater (self->assessment,
                           (RcRater) adw_combo_row_get_selected (self->rater_row));
  rc_assessment_set_assessor (self->assessment,
                              gtk_editable_get_text (GTK_EDITABLE (self->assessor_row)));
  schedule_save (self);
}

/* Only a real date reaches the draft; while one is being typed the row
 * shows the error and the draft keeps the last good date. */
static void
date_changed_cb (RcAssessmentEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  gboolean valid = rc_date_is_valid (text) && !rc_date_is_future (text);

  if (self->loading || self->assessment == NULL)
    return;
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  if (!valid)
    return;
  rc_assessment_set_date (self->assessment, text);
  schedule_save (self);
}

static void
complete_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcAssessmentEditor *self = RC_ASSESSMENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->assessment == NULL)
    return;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  rc_assessment_set_status (self->assessment, RC_ASSESSMENT_COMPLETE);
  if (!rc_store_save_assessment (self->store, self->assessment, &error))
    {
      rc_assessment_set_status (self->assessment, RC_ASSESSMENT_DRAFT);
      schedule_save (self);
      g_signal_emit (self, signals[SAVE_FAILED], 0, error->message);
      return;
    }
  g_signal_emit (self, signals[COMPLETED], 0, self->assessment);
}

static void
clear_factor_rows (RcAssessmentEditor *self)
{
  for (guint i = 0; i < self->factor_rows->len; i++)
    gtk_box_remove (self->factors_box, g_ptr_array_index (self->factor_rows, i));
  g_ptr_array_set_size (self->factor_rows, 0);
}

static void
rc_assessment_editor_dispose (GObject *object)
{
  RcAssessmentEditor *self = RC_ASSESSMENT_EDITOR (object);
  g_autoptr(GError) error = NULL;

  /* The window is closing: what is pending must not be lost. */
  if (self->assessment != NULL && !rc_assessment_editor_save_now (self, &error))
    g_warning ("A draft could not be saved on closing: %s", error->message);

  rc_app_dispose_children (GTK_WIDGET (self), RC_TYPE_ASSESSMENT_EDITOR);
  g_clear_pointer (&self->factor_rows, g_ptr_array_unref);
  g_clear_object (&self->assessment);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_assessment_editor_parent_class)->dispose (object);
}

static void
rc_assessment_editor_class_init (RcAssessmentEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_assessment_editor_dispose;

  /**
   * RcAssessmentEditor::completed:
   * @assessment: the assessment, stored complete
   */
  signals[COMPLETED] = g_signal_new ("completed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, RC_TYPE_ASSESSMENT);
  /**
   * RcAssessmentEditor::save-failed:
   * @message: what went wrong, naming no client
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-assessment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, header_group);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, timepoint_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, assessor_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, rater_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, factors_box);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, save_label);
  gtk_widget_class_bind_template_callback (widget_class, header_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.complete", NULL, complete_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.complete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.complete", NULL);
}

static void
rc_assessment_editor_init (RcAssessmentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->factor_rows = g_ptr_array_new ();
}

GtkWidget *
rc_assessment_editor_new (void)
{
  return g_object_new (RC_TYPE_ASSESSMENT_EDITOR, NULL);
}

static void
show_header (RcAssessmentEditor *self)
{
  g_autofree char *description = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), rc_assessment_get_date (self->assessment));
  adw_combo_row_set_selected (self->timepoint_row, rc_assessment_get_timepoint (self->assessment));
  adw_combo_row_set_selected (self->rater_row, rc_assessment_get_rater (self->assessment));
  gtk_editable_set_text (GTK_EDITABLE (self->assessor_row),
                         rc_assessment_get_assessor (self->assessment) != NULL
                         ? rc_assessment_get_assessor (self->assessment) : "");

  if (rc_assessment_get_supersedes (self->assessment) != NULL)
    description = g_strdup_printf (_("Amendment, version %u. Reason: %s"),
                                   rc_assessment_get_version (self->assessment),
                                   rc_assessment_get_amendment_reason (self->assessment));
  else
    /* Translators: the instrument's name */
    description = g_strdup_printf (_("%s. Changes are saved as you go."),
                                   rc_instrument_get_name (self->instrument));
  adw_preferences_group_set_description (self->header_group, description);
}

static void
add_factor_rows (RcAssessmentEditor *self)
{
  int min = rc_instrument_get_min_score (self->instrument);
  int max = rc_instrument_get_max_score (self->instrument);

  for (guint i = 0; i < rc_instrument_get_n_factors (self->instrument); i++)
    {
      RcFactor *factor = rc_instrument_get_factor (self->instrument, i);
      const char *key = rc_factor_get_key (factor);
      GtkWidget *row = rc_factor_row_new (factor, min, max);

      rc_factor_row_set_rating (RC_FACTOR_ROW (row), rc_assessment_get_score (self->assessment, key),
                                rc_assessment_get_note (self->assessment, key),
                                rc_assessment_get_goal (self->assessment, key));
      g_signal_connect (row, "changed", G_CALLBACK (factor_changed_cb), self);
      gtk_box_append (self->factors_box, row);
      g_ptr_array_add (self->factor_rows, row);
    }
}

/**
 * rc_assessment_editor_edit:
 * @assessment: a draft
 *
 * Shows @assessment for rating, saving what was pending for the one shown
 * before. Fails when its instrument is not installed.
 */
gboolean
rc_assessment_editor_edit (RcAssessmentEditor  *self,
                           RcStore             *store,
                           RcAssessment        *assessment,
                           GError             **error)
{
  RcInstrument *instrument;

  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), FALSE);
  g_return_val_if_fail (RC_IS_STORE (store), FALSE);
  g_return_val_if_fail (RC_IS_ASSESSMENT (assessment), FALSE);
  g_return_val_if_fail (rc_assessment_get_status (assessment) == RC_ASSESSMENT_DRAFT, FALSE);

  instrument = rc_app_lookup_instrument (store, assessment, error);
  if (instrument == NULL)
    return FALSE;
  if (self->assessment != NULL && !rc_assessment_editor_save_now (self, error))
    return FALSE;

  g_set_object (&self->store, store);
  g_set_object (&self->assessment, assessment);
  self->instrument = instrument;

  self->loading = TRUE;
  clear_factor_rows (self);
  show_header (self);
  add_factor_rows (self);
  self->loading = FALSE;

  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_label_set_text (self->save_label, _("Changes are saved as you go"));
  update_summary (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return TRUE;
}

/**
 * rc_assessment_editor_get_assessment:
 *
 * Returns: (transfer none) (nullable): the assessment being edited
 */
RcAssessment *
rc_assessment_editor_get_assessment (RcAssessmentEditor *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), NULL);
  return self->assessment;
}

guint
rc_assessment_editor_get_n_factor_rows (RcAssessmentEditor *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), 0);
  return self->factor_rows->len;
}

/**
 * rc_assessment_editor_get_factor_row:
 *
 * Returns: (transfer none): the #RcFactorRow at @position
 */
/**
 * rc_assessment_editor_focus_start:
 *
 * Puts the focus where the worker starts: the assessor when it is still
 * empty, else the first factor, ready for a digit key.
 */
void
rc_assessment_editor_focus_start (RcAssessmentEditor *self)
{
  RcFactorRow *first;

  g_return_if_fail (RC_IS_ASSESSMENT_EDITOR (self));

  if (rc_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->assessor_row))) ||
      self->factor_rows->len == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->assessor_row));
      return;
    }
  first = g_ptr_array_index (self->factor_rows, 0);
  gtk_widget_grab_focus (rc_factor_row_get_level_button (first, rc_factor_row_get_score (first)));
}

GtkWidget *
rc_assessment_editor_get_factor_row (RcAssessmentEditor *self,
                                     guint               position)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), NULL);
  g_return_val_if_fail (position < self->factor_rows->len, NULL);
  return g_ptr_array_index (self->factor_rows, position);
}
