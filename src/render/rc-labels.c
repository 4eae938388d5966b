/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-labels"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "rc-date.h"
#include "rc-labels.h"

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
  return g_date_time_format (date, _("%-d %B %Y"));
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
