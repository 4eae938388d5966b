/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-labels"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "rc-date.h"
#include "rc-labels.h"

/* Month names from our own catalogue: g_date_time_format() takes them
 * from LC_TIME, which need not be the language of the messages — under
 * LANG=C.UTF-8 LANGUAGE=fr, the one locale a fresh Debian has, the months
 * would be English in a French sentence. */
static const char *
month_name (int      month,
            gboolean abbreviated)
{
  static const char * const names[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  static const char * const short_names[] = {
    NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"),
    NC_("abbreviated month", "Mar"), NC_("abbreviated month", "Apr"),
    NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
    NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"),
    NC_("abbreviated month", "Sep"), NC_("abbreviated month", "Oct"),
    NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return abbreviated ? g_dpgettext2 (GETTEXT_PACKAGE, "abbreviated month", short_names[month - 1])
                     : g_dpgettext2 (GETTEXT_PACKAGE, "month", names[month - 1]);
}

/**
 * rc_labels_format_time:
 * @format: as for g_date_time_format()
 *
 * Returns: (transfer full): @time formatted like g_date_time_format()
 *   does, with %B and %b in the language of the messages
 */
char *
rc_labels_format_time (GDateTime  *time,
                       const char *format)
{
  g_autoptr(GString) expanded = g_string_new (NULL);

  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && (p[1] == 'B' || p[1] == 'b'))
        {
          g_autofree char *name = g_strdup (month_name (g_date_time_get_month (time),
                                                        p[1] == 'b'));

          /* The name is text for g_date_time_format(), not directives. */
          for (const char *c = name; *c != '\0'; c++)
            {
              if (*c == '%')
                g_string_append_c (expanded, '%');
              g_string_append_c (expanded, *c);
            }
          p++;
        }
      else if (p[0] == '%' && p[1] != '\0')
        {
          g_string_append_len (expanded, p, 2);
          p++;
        }
      else
        g_string_append_c (expanded, *p);
    }
  return g_date_time_format (time, expanded->str);
}

/**
 * rc_labels_format_date:
 * @iso_date: (nullable): YYYY-MM-DD
 *
 * Returns: (transfer full): the date in the user's language, e.g.
 *   "3 March 2025", or "unknown"
 */
char *
rc_labels_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  if (iso_date == NULL || !rc_date_is_valid (iso_date) ||
      sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (_("unknown"));
  /* A calendar date, not an instant: no time zone may move it. */
  date = g_date_time_new_utc (year, month, day, 0, 0, 0);
  /* Translators: a date, see g_date_time_format(); %-d is the day */
  return rc_labels_format_time (date, _("%-d %B %Y"));
}

const char *
rc_labels_timepoint (RcTimepoint timepoint)
{
  switch (timepoint)
    {
    case RC_TIMEPOINT_INTAKE:
      return _("Intake");
    case RC_TIMEPOINT_REVIEW:
      return _("Review");
    case RC_TIMEPOINT_DISCHARGE:
      return _("Discharge");
    case RC_TIMEPOINT_FOLLOW_UP:
      return _("Follow-up");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rc_labels_describe_text_languages:
 *
 * Returns: (transfer full) (nullable): a sentence saying that the two
 *   assessments compared were rated with the instrument's texts in
 *   different languages, or %NULL when they were not (or one's is not
 *   recorded)
 */
char *
rc_labels_describe_text_languages (RcComparison *comparison)
{
  const char *before = rc_assessment_get_text_language (rc_comparison_get_before (comparison));
  const char *after = rc_assessment_get_text_language (rc_comparison_get_after (comparison));

  if (before == NULL || after == NULL || g_ascii_strcasecmp (before, after) == 0)
    return NULL;
  /* Translators: the two are language codes, such as "en" and "fr" */
  return g_strdup_printf (_("The two were rated with the instrument’s texts in different "
                            "languages (%s, then %s): the same level may have read differently."),
                          before, after);
}

/**
 * rc_labels_list_unshared_factors:
 *
 * Returns: (transfer full): the titles of the factors only one of the
 *   compared versions has (rc_comparison_get_unshared()), each from the
 *   version that has it, as a list in the user's language
 */
char *
rc_labels_list_unshared_factors (RcComparison *comparison)
{
  const char * const *keys = rc_comparison_get_unshared (comparison);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      RcFactor *factor = rc_instrument_lookup_factor (rc_comparison_get_instrument (comparison),
                                                      keys[i]);

      if (factor == NULL)
        factor = rc_instrument_lookup_factor (rc_comparison_get_before_instrument (comparison),
                                              keys[i]);
      if (i > 0)
        /* Translators: between the items of a list */
        g_string_append (list, _(", "));
      g_string_append (list, factor != NULL ? rc_factor_get_title (factor) : keys[i]);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}
