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
 * keystroke, so a crash loses at most that much; the window writes what
 * is pending before it closes (rc_assessment_editor_save_now()). A save
 * that fails (another program holds the database, the disk is full) is
 * tried again, waiting longer each time up to RETRY_LONGEST_MS, and the
 * footer says so; the store waits only briefly for a lock, so typing
 * never freezes. A draft changed elsewhere since it was opened (another
 * window, an import) is never written over: this one's version goes on
 * as a new draft and the worker is told.
 * Completing (Ctrl+Enter) stores the assessment and locks it: at once when
 * every factor is rated or deliberately not assessed, after a question
 * when some are not rated yet or too few are assessed for a total, never
 * while a field is wrong. */

#define AUTOSAVE_DELAY_MS 500
#define RETRY_FIRST_MS 1000
#define RETRY_LONGEST_MS 8000

struct _RcAssessmentEditor
{
  GtkWidget       parent_instance;

  RcStore        *store;
  RcAssessment   *assessment;
  RcInstrument   *instrument;
  GPtrArray      *factor_rows;
  guint           save_id;         /* the autosave, or the next try after a failure */
  guint           retry_delay_ms;  /* 0 while saves succeed */
  gboolean        has_unsaved_changes;
  gboolean        loading;
  gboolean        writable;        /* the store takes writes (the window says why not) */

  GtkScrolledWindow *scrolled_window;
  AdwPreferencesGroup *header_group;
  AdwEntryRow    *date_row;
  AdwComboRow    *timepoint_row;
  AdwEntryRow    *assessor_row;
  AdwComboRow    *rater_row;
  GtkLabel       *field_error_label;
  GtkBox         *factors_box;
  GtkLabel       *summary_label;
  GtkLabel       *save_label;
};

G_DEFINE_FINAL_TYPE (RcAssessmentEditor, rc_assessment_editor, GTK_TYPE_WIDGET)

enum {
  COMPLETED,
  SAVE_FAILED,
  KEPT_APART,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_HAS_UNSAVED_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_summary (RcAssessmentEditor *self)
{
  g_autofree char *summary = rc_app_format_summary (self->assessment, self->instrument);

  gtk_label_set_text (self->summary_label, summary);
}

static void
set_has_unsaved_changes (RcAssessmentEditor *self,
                         gboolean            has_unsaved_changes)
{
  if (self->has_unsaved_changes == has_unsaved_changes)
    return;
  self->has_unsaved_changes = has_unsaved_changes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNSAVED_CHANGES]);
}

/* In the footer while a save fails: the cause in a worker's words. */
static const char *
describe_not_saved (const GError *error)
{
  if (g_error_matches (error, RC_ERROR, RC_ERROR_BUSY))
    return _("Not saved yet — the database is busy; trying again");
  if (g_error_matches (error, RC_ERROR, RC_ERROR_FULL))
    return _("Not saved yet — the disk is full; trying again");
  return _("Not saved yet — trying again");
}

/* Writes the assessment; if the stored draft changed since it was read
 * (or was completed), keeps both: the stored one as it is, this one as a
 * new draft. */
static gboolean
write_assessment (RcAssessmentEditor  *self,
                  GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RcAssessment) copy = NULL;

  if (rc_store_save_assessment (self->store, self->assessment, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, RC_ERROR, RC_ERROR_CHANGED) &&
      !g_error_matches (local_error, RC_ERROR, RC_ERROR_LOCKED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  copy = rc_assessment_new_copy (self->assessment);
  rc_assessment_set_status (copy, rc_assessment_get_status (self->assessment));
  g_set_object (&self->assessment, copy);
  g_signal_emit (self, signals[KEPT_APART], 0, self->assessment);
  return rc_store_save_assessment (self->store, self->assessment, error);
}

static gboolean try_again_cb (gpointer user_data);

/* The change stays pending and is tried again, later each time. */
static void
retry_later (RcAssessmentEditor *self,
             const GError       *error)
{
  set_has_unsaved_changes (self, TRUE);
  gtk_label_set_text (self->save_label, describe_not_saved (error));
  self->retry_delay_ms = self->retry_delay_ms == 0
                         ? RETRY_FIRST_MS : MIN (self->retry_delay_ms * 2, RETRY_LONGEST_MS);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (self->retry_delay_ms, try_again_cb, self);
}

static void
saved (RcAssessmentEditor *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->retry_delay_ms = 0;
  gtk_label_set_text (self->save_label, _("All changes saved"));
  set_has_unsaved_changes (self, FALSE);
}

/**
 * rc_assessment_editor_save_now:
 *
 * Writes any pending change to the store at once. When that fails, the
 * change stays pending and is tried again later.
 */
gboolean
rc_assessment_editor_save_now (RcAssessmentEditor  *self,
                               GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), FALSE);

  if (!self->has_unsaved_changes)
    return TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!write_assessment (self, &local_error))
    {
      retry_later (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  saved (self);
  return TRUE;
}

/**
 * rc_assessment_editor_has_unsaved_changes:
 *
 * Returns: whether a change is not in the store yet
 */
gboolean
rc_assessment_editor_has_unsaved_changes (RcAssessmentEditor *self)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), FALSE);
  return self->has_unsaved_changes;
}

static gboolean
try_again_cb (gpointer user_data)
{
  RcAssessmentEditor *self = user_data;

  self->save_id = 0;
  rc_assessment_editor_save_now (self, NULL);
  return G_SOURCE_REMOVE;
}

/* The first unsaved change starts the clock; later ones within the delay
 * ride along, so steady typing still saves every AUTOSAVE_DELAY_MS. While
 * saves fail, changes ride along with the next try. */
static void
schedule_save (RcAssessmentEditor *self)
{
  update_summary (self);
  set_has_unsaved_changes (self, TRUE);
  if (self->save_id != 0)
    return;
  gtk_label_set_text (self->save_label, _("Saving…"));
  self->save_id = g_timeout_add (AUTOSAVE_DELAY_MS, try_again_cb, self);
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

/* Says what is wrong with a header field, on the field, or clears it.
 * The assessor is checked only when completing: a draft may lack one. */
static gboolean
check_fields (RcAssessmentEditor  *self,
              gboolean             completing,
              GtkWidget          **wrong_field)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *assessor = gtk_editable_get_text (GTK_EDITABLE (self->assessor_row));
  GtkWidget *field = GTK_WIDGET (self->date_row);
  const char *problem = NULL;

  if (!rc_date_is_valid (date))
    problem = _("The date must be a real date, written as YYYY-MM-DD.");
  else if (rc_date_is_future (date))
    problem = _("The date is in the future.");
  else if (completing && rc_text_is_blank (assessor))
    {
      field = GTK_WIDGET (self->assessor_row);
      problem = _("Enter who assessed the client.");
    }

  rc_app_mark_field (GTK_WIDGET (self->date_row), NULL);
  rc_app_mark_field (GTK_WIDGET (self->assessor_row), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->field_error_label), problem != NULL);
  if (problem == NULL)
    return TRUE;
  if (wrong_field != NULL)
    *wrong_field = field;
  gtk_label_set_text (self->field_error_label, problem);
  rc_app_mark_field (field, problem);
  return FALSE;
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
  /* A problem said on completing goes once it is put right. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->field_error_label)))
    check_fields (self, TRUE, NULL);
  schedule_save (self);
}

/* Only a real date reaches the draft; while one is being typed the row
 * says what is wrong and the draft keeps the last good date, which
 * completing then refuses to take in its place. */
static void
date_changed_cb (RcAssessmentEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  if (self->loading || self->assessment == NULL)
    return;
  if (!check_fields (self, FALSE, NULL))
    return;
  rc_assessment_set_date (self->assessment, text);
  schedule_save (self);
}

static const char *
describe_not_completed (const GError *error)
{
  if (g_error_matches (error, RC_ERROR, RC_ERROR_BUSY))
    return _("Not completed: the database is busy. The ratings are kept as a draft; try again "
             "in a moment.");
  if (g_error_matches (error, RC_ERROR, RC_ERROR_FULL))
    return _("Not completed: the disk is full. The ratings are kept as a draft; free some space "
             "and try again.");
  return _("Not completed: the database could not be written. The ratings are kept as a draft.");
}

/* Returns whether it was stored complete; if not, it stays a draft and
 * the worker is told. */
static gboolean
complete_now (RcAssessmentEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  rc_assessment_set_status (self->assessment, RC_ASSESSMENT_COMPLETE);
  if (!write_assessment (self, &error))
    {
      rc_assessment_set_status (self->assessment, RC_ASSESSMENT_DRAFT);
      retry_later (self, error);
      g_signal_emit (self, signals[SAVE_FAILED], 0, describe_not_completed (error));
      return FALSE;
    }
  saved (self);
  g_signal_emit (self, signals[COMPLETED], 0, self->assessment);
  return TRUE;
}

static void
show_ratings (RcAssessmentEditor *self)
{
  for (guint i = 0; i < self->factor_rows->len; i++)
    {
      RcFactorRow *row = g_ptr_array_index (self->factor_rows, i);
      const char *key = rc_factor_get_key (rc_factor_row_get_factor (row));

      rc_factor_row_set_rating (row, rc_assessment_get_score (self->assessment, key),
                                rc_assessment_get_note (self->assessment, key),
                                rc_assessment_get_goal (self->assessment, key));
    }
}

static void
focus_first_unrated (RcAssessmentEditor *self)
{
  for (guint i = 0; i < self->factor_rows->len; i++)
    {
      RcFactorRow *row = g_ptr_array_index (self->factor_rows, i);

      if (rc_factor_row_get_score (row) == RC_SCORE_UNRATED)
        {
          rc_factor_row_focus_levels (row);
          return;
        }
    }
  rc_assessment_editor_focus_start (self);
}

static void
confirm_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     RcAssessmentEditor *self)
{
  g_autoptr(GPtrArray) unrated = NULL;

  if (!g_str_equal (response, "complete"))
    {
      focus_first_unrated (self);
      return;
    }
  /* "Not rated yet" exists only in drafts; should completing fail, the
   * draft keeps telling the unrated factors from the ones left out. */
  unrated = rc_assessment_dup_unrated_keys (self->assessment);
  rc_assessment_mark_unrated_not_assessed (self->assessment);
  if (complete_now (self))
    return;
  for (guint i = 0; i < unrated->len; i++)
    rc_assessment_set_score (self->assessment, g_ptr_array_index (unrated, i), RC_SCORE_UNRATED);
  show_ratings (self);
}

/* "Spirituality, Finances": the titles of @keys. */
static char *
join_factor_titles (RcAssessmentEditor *self,
                    GPtrArray          *keys)
{
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      RcFactor *factor = rc_instrument_lookup_factor (self->instrument, g_ptr_array_index (keys, i));

      if (i > 0)
        /* Translators: between the names of factors in a list */
        g_string_append (titles, _(", "));
      g_string_append (titles, rc_factor_get_title (factor));
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static char *
describe_incomplete (RcAssessmentEditor *self,
                     GPtrArray          *unrated,
                     RcScoreSummary     *summary)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (unrated->len > 0)
    {
      g_autofree char *titles = join_factor_titles (self, unrated);

      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Not rated yet: %s. It will be stored as not "
                                                 "assessed.",
                                                 "Not rated yet: %s. They will be stored as not "
                                                 "assessed.", unrated->len), titles);
    }
  if (!summary->has_total)
    {
      guint needed = summary->n_factors - rc_instrument_get_max_missing (self->instrument);

      if (text->len > 0)
        g_string_append (text, "\n\n");
      /* Two sentences, so that each count takes its own plural. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "With %u factor not assessed, the assessment "
                                                 "will have no total.",
                                                 "With %u factors not assessed, the assessment "
                                                 "will have no total.", summary->n_missing),
                              summary->n_missing);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "A total needs at least %u factor assessed.",
                                                 "A total needs at least %u factors assessed.",
                                                 needed),
                              needed);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
ask_before_completing (RcAssessmentEditor *self,
                       GPtrArray          *unrated,
                       RcScoreSummary     *summary)
{
  g_autofree char *body = describe_incomplete (self, unrated, summary);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                            _("Complete the Assessment?"), body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Rating"),
                                    "complete", _("_Complete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "complete", ADW_RESPONSE_SUGGESTED);
  /* An assessment left without a total is final all the same: Enter
   * alone does not make it so. */
  adw_message_dialog_set_default_response (dialog, summary->has_total ? "complete" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
complete_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RcAssessmentEditor *self = RC_ASSESSMENT_EDITOR (widget);
  g_autoptr(GPtrArray) unrated = NULL;
  GtkWidget *wrong_field;
  RcScoreSummary summary;

  if (self->assessment == NULL)
    return;
  if (!check_fields (self, TRUE, &wrong_field))
    {
      gtk_widget_grab_focus (wrong_field);
      return;
    }
  unrated = rc_assessment_dup_unrated_keys (self->assessment);
  rc_score_assessment (self->assessment, self->instrument, &summary);
  if (unrated->len == 0 && summary.has_total)
    complete_now (self);
  else
    ask_before_completing (self, unrated, &summary);
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

  /* The last chance: the window tried before closing, and stays open
   * while it fails, unless the worker saved the draft to a file. */
  if (self->assessment != NULL && !rc_assessment_editor_save_now (self, &error))
    g_message ("A draft could not be saved on closing: %s", error->message);
  g_clear_handle_id (&self->save_id, g_source_remove);

  rc_app_dispose_children (GTK_WIDGET (self), RC_TYPE_ASSESSMENT_EDITOR);
  g_clear_pointer (&self->factor_rows, g_ptr_array_unref);
  g_clear_object (&self->assessment);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_assessment_editor_parent_class)->dispose (object);
}

static void
rc_assessment_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RcAssessmentEditor *self = RC_ASSESSMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_HAS_UNSAVED_CHANGES:
      g_value_set_boolean (value, self->has_unsaved_changes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_assessment_editor_class_init (RcAssessmentEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_assessment_editor_dispose;
  G_OBJECT_CLASS (klass)->get_property = rc_assessment_editor_get_property;

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
  /**
   * RcAssessmentEditor::kept-apart:
   * @assessment: the new draft that now holds this editor's version
   *
   * The draft was changed elsewhere since it was opened; both versions
   * are kept, and the editor goes on with its own as a new draft.
   */
  signals[KEPT_APART] = g_signal_new ("kept-apart", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, RC_TYPE_ASSESSMENT);

  /**
   * RcAssessmentEditor:has-unsaved-changes:
   *
   * Whether a change is not in the store yet.
   */
  properties[PROP_HAS_UNSAVED_CHANGES] =
    g_param_spec_boolean ("has-unsaved-changes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-assessment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, header_group);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, timepoint_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, assessor_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, rater_row);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, field_error_label);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, factors_box);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, RcAssessmentEditor, save_label);
  gtk_widget_class_bind_template_callback (widget_class, header_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);

  /* Ctrl+Enter is the window's, so that it works wherever the focus is. */
  gtk_widget_class_install_action (widget_class, "editor.complete", NULL, complete_activated);
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
  else if (self->writable)
    /* Translators: the instrument's name */
    description = g_strdup_printf (_("%s. Changes are saved as you go."),
                                   rc_instrument_get_name (self->instrument));
  else
    description = g_strdup (rc_instrument_get_name (self->instrument));
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
  self->writable = rc_store_get_write_refusal (store) == NULL;
  /* Rated with the texts shown now: saved with the next change. */
  if (self->writable)
    rc_assessment_set_text_language (assessment, rc_instrument_get_language (instrument));

  self->loading = TRUE;
  clear_factor_rows (self);
  show_header (self);
  add_factor_rows (self);
  self->loading = FALSE;

  check_fields (self, FALSE, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->header_group), self->writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->factors_box), self->writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.complete", self->writable);
  gtk_label_set_text (self->save_label, self->writable ? _("Changes are saved as you go")
                                                       : _("This draft can be read, not changed"));
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
 * rc_assessment_editor_focus_start:
 *
 * Puts the focus where the worker starts: the first factor's levels,
 * ready for a digit key.
 */
void
rc_assessment_editor_focus_start (RcAssessmentEditor *self)
{
  g_return_if_fail (RC_IS_ASSESSMENT_EDITOR (self));

  if (self->factor_rows->len > 0)
    rc_factor_row_focus_levels (g_ptr_array_index (self->factor_rows, 0));
}

/**
 * rc_assessment_editor_get_factor_row:
 *
 * Returns: (transfer none): the #RcFactorRow at @position
 */
GtkWidget *
rc_assessment_editor_get_factor_row (RcAssessmentEditor *self,
                                     guint               position)
{
  g_return_val_if_fail (RC_IS_ASSESSMENT_EDITOR (self), NULL);
  g_return_val_if_fail (position < self->factor_rows->len, NULL);
  return g_ptr_array_index (self->factor_rows, position);
}
