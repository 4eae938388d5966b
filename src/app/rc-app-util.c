/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-app-util"

#include "config.h"


#include <adwaita.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "rc-app-util.h"

/* How the app words what the core stores: the translated names of
 * raters and statuses (dates and timepoints are in src/render/rc-labels.c,
 * shared with the report). */

const char *
rc_app_rater_label (RcRater rater)
{
  return rater == RC_RATER_CLIENT ? _("Rated by the client") : _("Rated by the worker");
}

const char *
rc_app_status_label (RcAssessmentStatus status)
{
  return status == RC_ASSESSMENT_COMPLETE ? _("Complete") : _("Draft");
}

/**
 * rc_app_lookup_instrument:
 *
 * Returns: (transfer none) (nullable): the instrument @assessment was taken
 *   with, or %NULL with @error set when it is not installed here
 */
RcInstrument *
rc_app_lookup_instrument (RcStore       *store,
                          RcAssessment  *assessment,
                          GError       **error)
{
  RcInstrument *instrument =
    rc_instrument_catalog_lookup_for (rc_store_get_catalog (store), assessment);

  if (instrument == NULL)
    g_set_error (error, RC_ERROR, RC_ERROR_INVALID,
                 _("assessment %s: its instrument %s, version %u, is not installed"),
                 rc_assessment_get_uuid (assessment), rc_assessment_get_instrument_id (assessment),
                 rc_assessment_get_instrument_version (assessment));
  return instrument;
}

/**
 * rc_app_format_summary:
 * @instrument: (nullable): the assessment's instrument, if installed
 *
 * Returns: (transfer full): the total, or why there is none, and how many
 *   factors are assessed, e.g. "Total 27 of 40 · all 8 factors assessed"
 */
char *
rc_app_format_summary (RcAssessment *assessment,
                       RcInstrument *instrument)
{
  RcScoreSummary summary;
  g_autofree char *assessed = NULL;
  g_autofree char *at_least = NULL;
  guint needed;

  if (instrument == NULL)
    return g_strdup (_("Instrument not installed"));

  rc_score_assessment (assessment, instrument, &summary);
  if (summary.has_total && summary.n_missing == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the singular is for an instrument
                                          * of one factor, and may leave out its count. */
                                         "Total %.0f of %d · its one factor assessed",
                                         "Total %.0f of %d · all %u factors assessed",
                                         summary.n_factors),
                            summary.total, summary.max_total, summary.n_factors);
  /* Translators: the plural follows the second number, of the factors;
   * word it so that the first one changes nothing else. */
  assessed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u assessed",
                                           "%u of %u assessed", summary.n_factors),
                              summary.n_assessed, summary.n_factors);
  if (summary.has_total)
    /* Translators: the total, the highest total there could be, and "6 of 8 assessed" */
    return g_strdup_printf (_("Total %.1f of %d (prorated) · %s"), summary.total,
                            summary.max_total, assessed);
  needed = summary.n_factors - rc_instrument_get_max_missing (instrument);
  /* Translators: the number of factors that must be assessed for a total */
  at_least = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at least %u needed",
                                           "at least %u needed", needed), needed);
  /* Translators: "6 of 8 assessed", then "at least 7 needed" */
  return g_strdup_printf (_("No total yet · %s, %s"), assessed, at_least);
}

/**
 * rc_app_dispose_children:
 *
 * For the dispose() of a widget with a template: clears the template and
 * unparents every child, bound or not, as GTK requires before finalizing.
 */
void
rc_app_dispose_children (GtkWidget *widget,
                         GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/**
 * rc_app_dup_widget_font:
 *
 * Returns: (transfer full): @widget's font at the screen's resolution, so
 *   that the text scaling of the accessibility settings reaches charts
 *   drawn with cairo, which otherwise measure points at 96 dpi
 */
PangoFontDescription *
rc_app_dup_widget_font (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  PangoFontDescription *font;
  double dpi = pango_cairo_context_get_resolution (context);

  font = pango_font_description_copy (pango_context_get_font_description (context));
  if (!pango_font_description_get_size_is_absolute (font) && dpi > 0)
    pango_font_description_set_absolute_size (font,
                                              pango_font_description_get_size (font) * dpi / 72.0);
  return font;
}

/**
 * rc_app_mark_field:
 * @problem: (nullable): what is wrong with @field, or %NULL when nothing is
 *
 * Shows @field as wrong (the error style) and gives screen readers the
 * reason as its description, or clears both.
 */
void
rc_app_mark_field (GtkWidget  *field,
                   const char *problem)
{
  if (problem == NULL)
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  gtk_widget_add_css_class (field, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem, -1);
}

/**
 * rc_app_describe_amendment:
 * @amended_by: the amendment that replaced a version
 *
 * Returns: (transfer full): "Amended on 2 December 2026 — reason", for the
 *   version it replaced
 */
char *
rc_app_describe_amendment (RcAssessment *amended_by)
{
  g_autoptr(GDateTime) created =
    g_date_time_new_from_iso8601 (rc_assessment_get_created_at (amended_by), NULL);
  g_autoptr(GDateTime) local = created != NULL ? g_date_time_to_local (created) : NULL;
  /* The day it was amended where the worker is, not in UTC. */
  g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;
  g_autofree char *date = rc_labels_format_date (day);

  /* Translators: the date of the amendment — the reason given for it */
  return g_strdup_printf (_("Amended on %s — %s"), date,
                          rc_assessment_get_amendment_reason (amended_by));
}

static void
reconnect_cb (GtkNativeDialog *chooser,
              int              response,
              RcStore         *store)
{
  g_autoptr(GError) error = NULL;

  /* The store now refuses writes, and a save says why. */
  if (!rc_store_reconnect (store, &error))
    g_warning ("The database could not be opened again after a file chooser: %s",
               error->message);
}

/**
 * rc_app_new_file_chooser:
 * @store: the window's store
 *
 * A modal file chooser. GTK's own, in this process where no portal
 * shows one, reads the files of the folder it shows to tell their type,
 * the database's among them when it shows that folder, and so drops
 * this process's locks on them: @store takes a new connection once the
 * chooser is answered, before the handlers connected after this call
 * run (rc_store_reconnect()).
 *
 * Returns: (transfer full): the chooser
 */
GtkFileChooserNative *
rc_app_new_file_chooser (const char           *title,
                         GtkWindow            *parent,
                         GtkFileChooserAction  action,
                         const char           *accept_label,
                         RcStore              *store)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_data (chooser, "response", G_CALLBACK (reconnect_cb), g_object_ref (store),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return chooser;
}

/* The checkmark of the entry chosen, as AdwComboRow's own list shows. */
static void
mark_selected_entry (AdwComboRow *row,
                     GParamSpec  *pspec,
                     GtkListItem *item)
{
  GtkWidget *mark = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (mark, adw_combo_row_get_selected_item (row) ==
                                  gtk_list_item_get_item (item) ? 1.0 : 0.0);
}

static void
setup_wrapped_entry (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_list_item_set_child (item, box);
}

static void
bind_wrapped_entry (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (mark_selected_entry), item);
  mark_selected_entry (row, NULL, item);
}

static void
unbind_wrapped_entry (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_data (row, item);
}

/**
 * rc_app_wrap_combo_entries:
 * @row: a combo row whose model is a #GtkStringList
 *
 * Lets the entries of @row's list wrap: AdwComboRow cuts them after 20
 * characters, which left "16 December 2022 · In…" of a date and
 * timepoint, and nothing of the timepoint in Spanish.
 */
void
rc_app_wrap_combo_entries (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_wrapped_entry), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_wrapped_entry), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_wrapped_entry), row);
  adw_combo_row_set_list_factory (row, factory);
}
