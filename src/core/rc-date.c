/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-date"

#include "config.h"

#include <string.h>

#include "rc-date.h"

/* Dates are stored and exchanged as ISO 8601 text: calendar dates as
 * YYYY-MM-DD, moments as YYYY-MM-DDTHH:MM:SSZ in UTC. Text sorts in time
 * order and means the same on every laptop, whatever its time zone. */

static gboolean
parse_digits (const char *text,
              guint       n_digits,
              guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint) g_ascii_digit_value (text[i]);
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_date (const char *date,
            GDate      *out)
{
  guint year, month, day;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-' ||
      !parse_digits (date, 4, &year) || !parse_digits (date + 5, 2, &month) ||
      !parse_digits (date + 8, 2, &day))
    return FALSE;
  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * rc_date_is_valid:
 *
 * Returns: whether @date is a real calendar date written YYYY-MM-DD
 */
gboolean
rc_date_is_valid (const char *date)
{
  GDate parsed;

  return parse_date (date, &parsed);
}

/**
 * rc_date_is_future:
 *
 * Returns: whether the valid date @date is after today, in local time
 */
gboolean
rc_date_is_future (const char *date)
{
  g_autofree char *today = rc_date_today ();

  g_return_val_if_fail (rc_date_is_valid (date), FALSE);
  return strcmp (date, today) > 0;
}

/**
 * rc_date_today:
 *
 * Returns: (transfer full): today's local date as YYYY-MM-DD
 */
char *
rc_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * rc_timestamp_now:
 *
 * Returns: (transfer full): the current moment as YYYY-MM-DDTHH:MM:SSZ
 */
char *
rc_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * rc_timestamp_is_valid:
 *
 * Returns: whether @timestamp is written YYYY-MM-DDTHH:MM:SSZ
 */
gboolean
rc_timestamp_is_valid (const char *timestamp)
{
  g_autofree char *date_part = NULL;
  GDate date;
  guint hour, minute, second;

  if (timestamp == NULL || strlen (timestamp) != 20)
    return FALSE;
  date_part = g_strndup (timestamp, 10);
  return parse_date (date_part, &date) && timestamp[10] == 'T' &&
         parse_digits (timestamp + 11, 2, &hour) && hour < 24 && timestamp[13] == ':' &&
         parse_digits (timestamp + 14, 2, &minute) && minute < 60 && timestamp[16] == ':' &&
         parse_digits (timestamp + 17, 2, &second) && second < 60 && timestamp[19] == 'Z';
}
