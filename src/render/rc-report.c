/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-report"

#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-output-file.h"
#include "rc-radar.h"
#include "rc-scoring.h"
#include "rc-text.h"
#include "rc-labels.h"
#include "rc-report.h"

/* The one-page summary a clinician files or hands over: who, with which
 * instrument, the profiles overlaid, the change per factor, the goals and
 * who assessed. The same drawing goes to the PDF file and to the printer,
 * so it never assumes a PDF surface; everything is laid out on an A4 page
 * in points and scaled to the width it is given. */

struct _RcReport
{
  GObject       parent_instance;

  RcClient     *client;
  RcComparison *comparison;
  RcAssessment *middle;
  RcAssessment *latest;
  gboolean      show_names;
};

G_DEFINE_FINAL_TYPE (RcReport, rc_report, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SHOW_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sizes in points. */
#define MARGIN_SIDE     48.0
#define MARGIN_TOP      44.0
#define MARGIN_BOTTOM   36.0
#define TITLE_SIZE      18.0
#define NAME_SIZE       13.0
#define HEADING_SIZE    11.5
#define BODY_SIZE       10.0
#define TABLE_SIZE       9.5
#define NOTE_SIZE        8.5
#define CHART_SIZE       8.5
#define FOOTER_SIZE      7.5
#define CELL_PADDING     3.5
#define SECTION_GAP     14.0
#define CHART_MIN      190.0
#define CHART_GOOD     240.0
#define CHART_MAX      280.0

/* Goals may run to this many lines each while the chart keeps its good
 * size; fewer when the page is short of room. */
#define GOAL_LINES_MAX 3

#define INK            0.11
#define MUTED_ALPHA    0.72
#define RULE_ALPHA     0.55
#define HAIRLINE_ALPHA 0.16

/* Dark enough on paper to read as text, and told apart in greyscale by
 * their arrows. */
static const double up_colour[] = { 0x1b / 255.0, 0x7a / 255.0, 0x3e / 255.0 };
static const double down_colour[] = { 0xb0 / 255.0, 0x1c / 255.0, 0x24 / 255.0 };

/* The table's columns, as shares of the text width. */
static const double column_shares[] = { 0.36, 0.12, 0.12, 0.17, 0.23 };
#define N_COLUMNS G_N_ELEMENTS (column_shares)

typedef struct
{
  RcReport     *report;
  cairo_t      *cr;
  PangoContext *context;
  gboolean      paint;         /* FALSE while measuring */
  double        width, height; /* the page in points */
  double        text_width;
  double        type_scale;    /* below 1 when the content must shrink to fit */
} Page;

static void
rc_report_dispose (GObject *object)
{
  RcReport *self = RC_REPORT (object);

  g_clear_object (&self->client);
  g_clear_object (&self->comparison);
  g_clear_object (&self->middle);
  g_clear_object (&self->latest);

  G_OBJECT_CLASS (rc_report_parent_class)->dispose (object);
}

static void
rc_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RcReport *self = RC_REPORT (object);

  switch (prop_id)
    {
    case PROP_SHOW_NAMES:
      g_value_set_boolean (value, self->show_names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RcReport *self = RC_REPORT (object);

  switch (prop_id)
    {
    case PROP_SHOW_NAMES:
      rc_report_set_show_names (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_report_class_init (RcReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rc_report_dispose;
  object_class->get_property = rc_report_get_property;
  object_class->set_property = rc_report_set_property;

  /**
   * RcReport:show-names:
   *
   * Whether the client's name and birth date are printed; without them
   * the clinic code alone says whose page it is.
   */
  properties[PROP_SHOW_NAMES] =
    g_param_spec_boolean ("show-names", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rc_report_init (RcReport *self)
{
  self->show_names = TRUE;
}

/**
 * rc_report_new:
 * @client: whose report it is
 * @comparison: the two assessments compared
 * @middle: (nullable): a third assessment, between the two, drawn on the
 *   chart only
 * @latest: the client's latest complete assessment, whose goals are
 *   listed; usually the comparison's later one
 *
 * Returns: (transfer full): the report
 */
RcReport *
rc_report_new (RcClient     *client,
               RcComparison *comparison,
               RcAssessment *middle,
               RcAssessment *latest)
{
  RcReport *self;

  g_return_val_if_fail (RC_IS_CLIENT (client), NULL);
  g_return_val_if_fail (RC_IS_COMPARISON (comparison), NULL);
  g_return_val_if_fail (middle == NULL || RC_IS_ASSESSMENT (middle), NULL);
  g_return_val_if_fail (RC_IS_ASSESSMENT (latest), NULL);

  self = g_object_new (RC_TYPE_REPORT, NULL);
  self->client = g_object_ref (client);
  self->comparison = g_object_ref (comparison);
  self->middle = middle != NULL ? g_object_ref (middle) : NULL;
  self->latest = g_object_ref (latest);
  return self;
}

void
rc_report_set_show_names (RcReport *self,
                          gboolean  show_names)
{
  g_return_if_fail (RC_IS_REPORT (self));

  show_names = !!show_names;
  if (self->show_names == show_names)
    return;
  self->show_names = show_names;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NAMES]);
}

gboolean
rc_report_get_show_names (RcReport *self)
{
  g_return_val_if_fail (RC_IS_REPORT (self), FALSE);
  return self->show_names;
}

/* "Intake, 3 March 2025": names an assessment in the legend and beside
 * the goals. */
static char *
assessment_label (RcAssessment *assessment)
{
  g_autofree char *date = rc_labels_format_date (rc_assessment_get_date (assessment));

  if (rc_assessment_get_rater (assessment) == RC_RATER_CLIENT)
    /* Translators: an assessment the client rated themselves, e.g.
     * "Intake, 3 March 2025, client’s own rating" */
    return g_strdup_printf (_("%s, %s, client’s own rating"),
                            rc_labels_timepoint (rc_assessment_get_timepoint (assessment)),
                            date);
  /* Translators: an assessment's timepoint and date, e.g. "Intake, 3 March 2025" */
  return g_strdup_printf (_("%s, %s"),
                          rc_labels_timepoint (rc_assessment_get_timepoint (assessment)),
                          date);
}

static const char *
factor_title (RcInstrument *instrument,
              const char   *key)
{
  RcFactor *factor = rc_instrument_lookup_factor (instrument, key);

  return factor != NULL ? rc_factor_get_title (factor) : key;
}

static PangoLayout *
text_layout (Page        *page,
             const char  *text,
             double       size,
             gboolean     bold,
             double       width)
{
  PangoLayout *layout = pango_layout_new (page->context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  /* Absolute sizes are in user units, here points, whatever the surface's
   * resolution. */
  pango_font_description_set_absolute_size (font, size * page->type_scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return height / (double) PANGO_SCALE;
}

static void
set_ink (Page   *page,
         double  alpha)
{
  cairo_set_source_rgba (page->cr, INK, INK, INK, alpha);
}

/* Draws @layout with its top left at (x, y) in the current source when
 * painting; returns its height either way. */
static double
show_layout (Page        *page,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (page->paint)
    {
      cairo_move_to (page->cr, x, y);
      pango_cairo_show_layout (page->cr, layout);
    }
  return layout_height (layout);
}

/* One paragraph across the text width; returns the y below it. */
static double
show_paragraph (Page       *page,
                const char *text,
                double      size,
                gboolean    bold,
                double      alpha,
                double      y)
{
  g_autoptr(PangoLayout) layout = text_layout (page, text, size, bold, page->text_width);

  if (page->paint)
    set_ink (page, alpha);
  return y + show_layout (page, layout, MARGIN_SIDE, y);
}

static void
rule (Page   *page,
      double  y,
      double  line_width,
      double  alpha)
{
  if (!page->paint)
    return;
  cairo_set_line_width (page->cr, line_width);
  cairo_move_to (page->cr, MARGIN_SIDE, y);
  cairo_line_to (page->cr, MARGIN_SIDE + page->text_width, y);
  set_ink (page, alpha);
  cairo_stroke (page->cr);
}

static double
draw_header (Page   *page,
             double  y)
{
  RcReport *self = page->report;
  RcClient *client = self->client;
  RcInstrument *instrument = rc_comparison_get_instrument (self->comparison);
  const char *code = rc_client_get_clinic_code (client);
  g_autofree char *instrument_line = NULL;

  y = show_paragraph (page, _("Recovery capital profile"), TITLE_SIZE, TRUE, 1.0, y);
  y += 6 * page->type_scale;

  if (self->show_names)
    {
      g_autofree char *name = rc_client_dup_full_name (client);
      g_autofree char *details = NULL;

      y = show_paragraph (page, name, NAME_SIZE, TRUE, 1.0, y);
      if (rc_client_get_birth_date (client) != NULL && *rc_client_get_birth_date (client) != '\0')
        {
          g_autofree char *born = rc_labels_format_date (rc_client_get_birth_date (client));

          /* Translators: a clinic code and a birth date */
          details = g_strdup_printf (_("Clinic code %s · born %s"), code, born);
        }
      else
        {
          details = g_strdup_printf (_("Clinic code %s"), code);
        }
      y = show_paragraph (page, details, BODY_SIZE, FALSE, MUTED_ALPHA, y);
    }
  else
    {
      g_autofree char *line = g_strdup_printf (_("Clinic code %s"), code);

      y = show_paragraph (page, line, NAME_SIZE, TRUE, 1.0, y);
    }

  /* Translators: an instrument's name and version number */
  instrument_line = g_strdup_printf (_("Instrument: %s, version %u"),
                                     rc_instrument_get_name (instrument),
                                     rc_instrument_get_version (instrument));
  y = show_paragraph (page, instrument_line, BODY_SIZE, FALSE, MUTED_ALPHA, y);

  y += 8 * page->type_scale;
  rule (page, y, 1.0, RULE_ALPHA);
  return y + SECTION_GAP * page->type_scale;
}

static double
draw_heading (Page       *page,
              const char *text,
              double      y)
{
  y = show_paragraph (page, text, HEADING_SIZE, TRUE, 1.0, y);
  return y + 4 * page->type_scale;
}

/* The profiles overlaid, oldest first, in the app's styles. */
static double
draw_chart (Page   *page,
            double  y,
            double  height)
{
  RcReport *self = page->report;
  RcInstrument *instrument = rc_comparison_get_instrument (self->comparison);
  guint n_axes = rc_instrument_get_n_factors (instrument);
  RcAssessment *profiles[3];
  RcRadarSeries series[3] = { { 0 } };
  char *labels[3] = { NULL };
  g_autofree const char **titles = NULL;
  g_autofree double *values = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  RcRadarSpec spec = { 0 };
  guint n = 0;

  if (!page->paint)
    return y + height;

  profiles[n++] = rc_comparison_get_before (self->comparison);
  if (self->middle != NULL)
    profiles[n++] = self->middle;
  profiles[n++] = rc_comparison_get_after (self->comparison);

  titles = g_new0 (const char *, n_axes + 1);
  for (guint i = 0; i < n_axes; i++)
    titles[i] = rc_factor_get_title (rc_instrument_get_factor (instrument, i));

  values = g_new (double, n * MAX (n_axes, 1));
  for (guint s = 0; s < n; s++)
    {
      labels[s] = assessment_label (profiles[s]);
      rc_score_values (profiles[s], instrument, values + s * n_axes);
      series[s].label = labels[s];
      series[s].values = values + s * n_axes;
      /* Before, after and the third keep the app's styles (0, 1, 2). */
      rc_radar_series_set_style (&series[s], s == 0 ? 0 : s == n - 1 ? 1 : 2);
    }

  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, CHART_SIZE * page->type_scale * PANGO_SCALE);

  spec.n_axes = n_axes;
  spec.axis_labels = titles;
  spec.min = rc_instrument_get_min_score (instrument);
  spec.max = rc_instrument_get_max_score (instrument);
  spec.n_series = n;
  spec.series = series;
  spec.ink_red = spec.ink_green = spec.ink_blue = INK;
  spec.font = font;
  spec.missing_label = _("Not assessed");

  cairo_save (page->cr);
  cairo_translate (page->cr, MARGIN_SIDE, y);
  rc_radar_draw (page->cr, page->text_width, height, &spec);
  cairo_restore (page->cr);

  for (guint s = 0; s < n; s++)
    g_free (labels[s]);
  return y + height;
}

static char *
format_score (double value,
              int    digits)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", digits, value);
}

static char *
format_change (const RcChange *change,
               int             digits)
{
  switch (change->direction)
    {
    case RC_CHANGE_UP:
      /* Translators: a rise in score; keep the arrow, it carries the meaning in greyscale */
      return g_strdup_printf (_("▲ +%.*f"), digits, change->change);
    case RC_CHANGE_DOWN:
      /* Translators: a fall in score; keep the arrow, it carries the meaning in greyscale */
      return g_strdup_printf (_("▼ −%.*f"), digits, fabs (change->change));
    case RC_CHANGE_SAME:
      /* Translators: no change in score */
      return g_strdup_printf (_("= %.*f"), digits, 0.0);
    case RC_CHANGE_NOT_COMPARABLE:
    default:
      return g_strdup ("—");
    }
}

/* One row of the table; the factor's title wraps onto two lines at most,
 * the other cells are centred. */
static double
draw_row (Page               *page,
          const char * const *cells,
          const double       *change_colour,
          gboolean            bold,
          double              y)
{
  PangoLayout *layouts[N_COLUMNS];
  double padding = CELL_PADDING * page->type_scale;
  double height = 0;
  double x = MARGIN_SIDE;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      double width = column_shares[c] * page->text_width - 2 * padding;

      layouts[c] = text_layout (page, cells[c], TABLE_SIZE, bold, width);
      if (c == 0)
        {
          pango_layout_set_height (layouts[c], -2);
          pango_layout_set_ellipsize (layouts[c], PANGO_ELLIPSIZE_END);
        }
      else
        {
          pango_layout_set_alignment (layouts[c], PANGO_ALIGN_CENTER);
        }
      height = MAX (height, layout_height (layouts[c]));
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (page->paint)
        {
          if (c == 3 && change_colour != NULL)
            cairo_set_source_rgb (page->cr, change_colour[0], change_colour[1], change_colour[2]);
          else
            set_ink (page, 1.0);
        }
      show_layout (page, layouts[c], x + padding, y + padding);
      x += column_shares[c] * page->text_width;
      g_object_unref (layouts[c]);
    }
  return y + height + 2 * padding;
}

static double
draw_change_row (Page           *page,
                 const RcChange *change,
                 int             digits,
                 gboolean        bold,
                 double          y)
{
  g_autofree char *before = format_score (change->before, digits);
  g_autofree char *after = format_score (change->after, digits);
  g_autofree char *difference = format_change (change, digits);
  g_autofree char *reliable = NULL;
  const char *cells[N_COLUMNS] = { rc_change_get_label (change), before, after, difference, NULL };

  /* The verdict with the index it rests on. */
  if (!change->has_rci)
    reliable = g_strdup ("—");
  else
    /* Translators: the reliable-change verdict and index, e.g. "yes (3.16)" */
    reliable = g_strdup_printf (change->reliable ? _("yes (%.2f)") : _("no (%.2f)"), change->rci);
  cells[N_COLUMNS - 1] = reliable;
  const double *colour = change->direction == RC_CHANGE_UP ? up_colour
                         : change->direction == RC_CHANGE_DOWN ? down_colour : NULL;

  return draw_row (page, cells, colour, bold, y);
}

static double
draw_table (Page   *page,
            double  y)
{
  RcComparison *comparison = page->report->comparison;
  const char *header[N_COLUMNS] = {
    _("Factor"), _("Before"), _("After"), _("Change"), _("Reliable change"),
  };

  y = draw_row (page, header, NULL, TRUE, y);
  rule (page, y, 1.0, RULE_ALPHA);

  for (guint i = 0; i < rc_comparison_get_n_changes (comparison); i++)
    {
      const RcChange *change = rc_comparison_get_change (comparison, i);

      if (i > 0)
        rule (page, y, 0.5, HAIRLINE_ALPHA);
      y = draw_change_row (page, change, 0, FALSE, y);
    }

  rule (page, y, 1.0, RULE_ALPHA);
  y = draw_change_row (page, rc_comparison_get_total (comparison), 1, TRUE, y);
  rule (page, y, 1.0, RULE_ALPHA);
  return y + 6 * page->type_scale;
}

/* What the table cannot judge, said beneath it. */
static double
draw_table_notes (Page   *page,
                  double  y)
{
  RcComparison *comparison = page->report->comparison;
  g_autofree char *languages = NULL;

  if (rc_comparison_has_reliability (comparison))
    {
      g_autofree char *text =
        g_strdup_printf (_("A change is reliable when measurement error alone would give one "
                           "as large less than 5 times in 100: a Jacobson–Truax index beyond "
                           "±%.2f."),
                         RC_RELIABLE_CHANGE_Z);

      y = show_paragraph (page, text, NOTE_SIZE, FALSE, MUTED_ALPHA, y);
    }
  else if (!rc_comparison_same_rater (comparison))
    {
      y = show_paragraph (page,
                          _("The two were rated by different people, the worker and the client: "
                            "the differences are two views, without a judgement of whether they "
                            "exceed measurement error."),
                          NOTE_SIZE, FALSE, MUTED_ALPHA, y);
    }
  else
    {
      y = show_paragraph (page,
                          _("Reliability figures are not established for this instrument: "
                            "changes are shown as recorded, without a judgement of whether they "
                            "exceed measurement error."),
                          NOTE_SIZE, FALSE, MUTED_ALPHA, y);
    }

  if (!rc_comparison_same_version (comparison))
    {
      const char * const *unshared = rc_comparison_get_unshared (comparison);
      guint before = rc_assessment_get_instrument_version (rc_comparison_get_before (comparison));
      guint after = rc_assessment_get_instrument_version (rc_comparison_get_after (comparison));
      g_autofree char *text = NULL;

      if (unshared[0] != NULL)
        {
          g_autofree char *list = rc_labels_list_unshared_factors (comparison);

          text = g_strdup_printf (_("The two assessments used different versions of the "
                                    "instrument (%u and %u), so only the factors both share are "
                                    "compared. Not compared: %s."),
                                  before, after, list);
        }
      else
        {
          text = g_strdup_printf (_("The two assessments used different versions of the "
                                    "instrument (%u and %u), so only the factors both share are "
                                    "compared."),
                                  before, after);
        }
      y = show_paragraph (page, text, NOTE_SIZE, FALSE, MUTED_ALPHA, y + 2 * page->type_scale);
    }
  languages = rc_labels_describe_text_languages (comparison);
  if (languages != NULL)
    y = show_paragraph (page, languages, NOTE_SIZE, FALSE, MUTED_ALPHA, y + 2 * page->type_scale);
  return y;
}

/* The goals of the latest assessment, each cut to @max_lines with an
 * ellipsis; with @max_goals below their number, the rest are counted
 * instead of shown. */
static double
draw_goals (Page   *page,
            double  y,
            int     max_lines,
            guint   max_goals)
{
  RcReport *self = page->report;
  RcInstrument *instrument = rc_comparison_get_instrument (self->comparison);
  RcAssessment *latest = self->latest;
  g_autofree char *heading = NULL;
  guint n_shown = 0;
  guint n_goals = 0;

  if (latest == rc_comparison_get_after (self->comparison))
    {
      heading = g_strdup (_("Goals"));
    }
  else
    {
      g_autofree char *label = assessment_label (latest);

      /* Translators: the heading of the goals set at an assessment, e.g. "Follow-up, 1 May 2025" */
      heading = g_strdup_printf (_("Goals, as set at %s"), label);
    }
  y = draw_heading (page, heading, y);

  for (guint i = 0; i < rc_assessment_get_n_ratings (latest); i++)
    {
      const char *key = rc_assessment_get_rating_key (latest, i);
      const char *goal = rc_assessment_get_goal (latest, key);
      g_autofree char *title = NULL;
      g_autofree char *flat = NULL;
      g_autofree char *isolated = NULL;
      g_autofree char *markup = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      if (goal == NULL || *goal == '\0')
        continue;
      if (n_goals++ >= max_goals)
        continue;

      /* One paragraph, so the line limit holds for the whole goal, and
       * isolated, so that it cannot reorder the title before it. */
      flat = g_strstrip (g_strdelimit (g_strdup (goal), "\r\n\t", ' '));
      isolated = rc_text_isolate (flat);
      /* Translators: a factor's title before its goal, e.g. "Housing: find a flat" */
      title = g_strdup_printf (_("%s:"), factor_title (instrument, key));
      markup = g_markup_printf_escaped ("<b>%s</b> %s", title, isolated);
      layout = text_layout (page, "", BODY_SIZE, FALSE, page->text_width);
      pango_layout_set_markup (layout, markup, -1);
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      if (page->paint)
        set_ink (page, 1.0);
      y += show_layout (page, layout, MARGIN_SIDE, y) + 3 * page->type_scale;
      n_shown++;
    }

  if (n_goals == 0)
    y = show_paragraph (page, _("No goals recorded."), BODY_SIZE, FALSE, MUTED_ALPHA, y);
  else if (n_shown < n_goals)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more goal, not shown",
                                                            "and %u more goals, not shown",
                                                            n_goals - n_shown),
                                               n_goals - n_shown);

      y = show_paragraph (page, more, BODY_SIZE, FALSE, MUTED_ALPHA, y);
    }
  return y;
}

static guint
count_goals (RcAssessment *assessment)
{
  guint n = 0;

  for (guint i = 0; i < rc_assessment_get_n_ratings (assessment); i++)
    {
      const char *goal = rc_assessment_get_goal (assessment,
                                                 rc_assessment_get_rating_key (assessment, i));

      n += goal != NULL && *goal != '\0';
    }
  return n;
}

static double
draw_assessed_by (Page   *page,
                  double  y)
{
  RcAssessment *after = rc_comparison_get_after (page->report->comparison);
  const char *assessor = rc_assessment_get_assessor (after);
  g_autofree char *date = rc_labels_format_date (rc_assessment_get_date (after));
  g_autofree char *text = NULL;

  if (assessor != NULL && *assessor != '\0')
    /* Translators: who made the later assessment, and when */
    text = g_strdup_printf (_("Assessed by %s on %s"), assessor, date);
  else
    text = g_strdup_printf (_("Assessed on %s · Assessor not recorded"), date);
  return show_paragraph (page, text, BODY_SIZE, FALSE, 1.0, y);
}

/* The page from the title to the assessor's line; returns where it ends. */
static double
draw_body (Page   *page,
           double  chart_height,
           int     goal_lines,
           guint   max_goals)
{
  double y = MARGIN_TOP;

  y = draw_header (page, y);
  y = draw_heading (page, _("Profiles"), y);
  y = draw_chart (page, y, chart_height) + SECTION_GAP * page->type_scale;
  y = draw_heading (page, _("Change by factor"), y);
  y = draw_table (page, y);
  y = draw_table_notes (page, y) + SECTION_GAP * page->type_scale;
  y = draw_goals (page, y, goal_lines, max_goals) + SECTION_GAP * page->type_scale;
  return draw_assessed_by (page, y);
}

/* The footer, its last line on the bottom margin; returns its top. */
static double
draw_footer (Page *page)
{
  g_autofree char *today = rc_date_today ();
  g_autofree char *date = rc_labels_format_date (today);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double top;

  text = g_strdup_printf (_("Generated by Recovery Capital %s on %s. The scores describe the "
                            "resources a person can draw on, as rated at each assessment; they "
                            "are not a diagnosis, and the scale has no clinical cut-offs."),
                          PACKAGE_VERSION, date);
  layout = text_layout (page, text, FOOTER_SIZE, FALSE, page->text_width);
  top = page->height - MARGIN_BOTTOM - layout_height (layout);
  rule (page, top - 5 * page->type_scale, 0.5, HAIRLINE_ALPHA);
  if (page->paint)
    set_ink (page, MUTED_ALPHA);
  show_layout (page, layout, MARGIN_SIDE, top);
  return top - 5 * page->type_scale;
}

/* Fits the page: the chart at a good size with goals of up to three lines
 * where there is room; else goals cut shorter, then a smaller chart, then
 * smaller type, and last of all goals counted rather than shown. */
static void
draw_page (RcReport *self,
           cairo_t  *cr,
           double    width,
           double    height)
{
  static const double type_scales[] = { 1.0, 0.92, 0.85, 0.78, 0.7, 0.62, 0.55 };
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  guint n_goals = count_goals (self->latest);
  Page page = {
    .report = self,
    .cr = cr,
    .context = context,
    .width = width,
    .height = height,
    .text_width = width - 2 * MARGIN_SIDE,
  };
  double chart_height = CHART_MIN;
  double bottom = height;
  int goal_lines = 1;
  guint max_goals = n_goals;

  /* Unhinted metrics, so that the page breaks its lines alike on paper,
   * in a PDF and in a preview at any zoom. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (type_scales); i++)
    {
      double room = 0;

      page.type_scale = type_scales[i];
      bottom = draw_footer (&page) - SECTION_GAP * page.type_scale;
      for (goal_lines = GOAL_LINES_MAX; goal_lines >= 1; goal_lines--)
        {
          room = bottom - draw_body (&page, 0, goal_lines, n_goals);
          if (room >= CHART_GOOD || goal_lines == 1)
            break;
        }
      chart_height = MIN (room, CHART_MAX);
      if (chart_height >= CHART_MIN)
        break;
      chart_height = CHART_MIN;
    }

  /* Only a very long instrument gets here short of room. */
  while (max_goals > 0 && draw_body (&page, chart_height, goal_lines, max_goals) > bottom)
    max_goals--;

  page.paint = TRUE;
  draw_footer (&page);
  draw_body (&page, chart_height, goal_lines, max_goals);
  g_object_unref (context);
}

/**
 * rc_report_draw:
 * @cr: any cairo context: a PDF page, a printer's, an image
 *
 * Draws the page into width × height of @cr's user units; the content is
 * laid out for an A4 page in points and scaled to @width.
 */
void
rc_report_draw (RcReport *self,
                cairo_t  *cr,
                double    width,
                double    height)
{
  double unit;

  g_return_if_fail (RC_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  if (width < 1 || height < 1)
    return;

  unit = width / RC_REPORT_A4_WIDTH;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_new_path (cr);
  cairo_scale (cr, unit, unit);
  draw_page (self, cr, RC_REPORT_A4_WIDTH, height / unit);
  cairo_restore (cr);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return rc_output_file_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * rc_report_write_pdf_full:
 * @path: the PDF file to write or replace
 * @protected_paths: (nullable) (array zero-terminated=1): files never to
 *   replace, the database's: see rc_output_file_database_paths()
 *
 * Writes the report as a one-page A4 PDF, readable by its owner only,
 * through an RcOutputFile: a failure or an interruption never leaves part
 * of a report, under that name or any other, and a @path that is one of
 * @protected_paths or a backup is refused before anything is written.
 *
 * Returns: whether the file was written; else %FALSE with %RC_ERROR_IO,
 *   %RC_ERROR_FULL, or %RC_ERROR_INVALID for a protected file
 */
gboolean
rc_report_write_pdf_full (RcReport            *self,
                          const char          *path,
                          const char * const  *protected_paths,
                          GError             **error)
{
  g_autoptr(RcOutputFile) output = NULL;
  const char *code;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (RC_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  output = rc_output_file_new (path, protected_paths, error);
  if (output == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_cb, output,
                                                 RC_REPORT_A4_WIDTH, RC_REPORT_A4_HEIGHT);
  /* The title shows in viewers' windows and file managers: the code, as
   * on a screen anyone may see, never the name. */
  code = rc_client_get_clinic_code (self->client);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, code != NULL ? code : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Recovery Capital " PACKAGE_VERSION);
  cr = cairo_create (surface);
  rc_report_draw (self, cr, RC_REPORT_A4_WIDTH, RC_REPORT_A4_HEIGHT);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* A write error is told by the file, with its cause; any other failure
   * in cairo's own words. */
  if (rc_output_file_write_failed (output, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_IO, "%s: cannot be written: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return rc_output_file_commit (output, error);
}

/**
 * rc_report_write_pdf:
 * @path: the PDF file to write or replace
 *
 * rc_report_write_pdf_full() protecting backups only: callers that know
 * the database should protect it too.
 *
 * Returns: whether the file was written
 */
gboolean
rc_report_write_pdf (RcReport    *self,
                     const char  *path,
                     GError     **error)
{
  return rc_report_write_pdf_full (self, path, NULL, error);
}
