/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <limits.h>
#include <locale.h>

#include "rc-core.h"

/* Counts with their digits grouped as the locale groups them, in the
 * locales tests/make-locales.sh compiles for the tests. */

static void
test_group_digits (void)
{
  static const char no_more[] = { 3, CHAR_MAX, 0 };
  static const struct
  {
    guint64     count;
    const char *separator;
    const char *grouping;
    const char *expected;
  } cases[] = {
    { 0, " ", "\3", "0" },
    { 999, " ", "\3", "999" },
    { 1000, " ", "\3", "1 000" },
    { 20000, "\u202f", "\3", "20\u202f000" },
    { 1234567, ".", "\3\3", "1.234.567" },
    /* The last size repeats. */
    { 12345678901, ",", "\3", "12,345,678,901" },
    /* Sizes that differ, as in India. */
    { 10000000, ",", "\3\2", "1,00,00,000" },
    /* No grouping: C's empty grouping, or no separator. */
    { 20000, "", "\3", "20000" },
    { 20000, ",", "", "20000" },
    { G_MAXUINT64, "", "", "18446744073709551615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *grouped = rc_i18n_group_digits (cases[i].count, cases[i].separator,
                                                       cases[i].grouping);

      g_assert_cmpstr (grouped, ==, cases[i].expected);
    }
  /* CHAR_MAX: no group past the first. */
  {
    g_autofree char *grouped = rc_i18n_group_digits (1234567, " ", no_more);

    g_assert_cmpstr (grouped, ==, "1234 567");
  }
}

/* Sets LC_ALL to @locale from the tests' own folder; FALSE, the test
 * skipped, when make-locales.sh could not compile it. */
static gboolean
use_locale (const char *locale)
{
  g_autofree char *folder = g_build_filename (g_getenv ("RC_BUILD_ROOT"), "tests", "locales",
                                              NULL);

  g_setenv ("LOCPATH", folder, TRUE);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("%s is not compiled in %s (localedef and the "
                                              "locales package are needed)", locale, folder);

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  g_unsetenv ("LOCPATH");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static void
assert_count (guint64     count,
              const char *expected)
{
  g_autofree char *formatted = rc_i18n_format_count (count);

  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_count_c (void)
{
  assert_count (20000, "20000");
}

static void
test_count_french (void)
{
  g_autofree char *message = NULL;

  if (!use_locale ("fr_FR.UTF-8"))
    return;
  assert_count (999, "999");
  assert_count (20000, "20\u202f000");
  assert_count (1234567, "1\u202f234\u202f567");
  /* Untranslated here, but chosen by count and grouped all the same. */
  message = rc_i18n_count ("%s client", "%s clients", 100000);
  g_assert_cmpstr (message, ==, "100\u202f000 clients");
  restore_locale ();
}

static void
test_count_spanish (void)
{
  if (!use_locale ("es_ES.UTF-8"))
    return;
  assert_count (20000, "20.000");
  assert_count (1234567, "1.234.567");
  restore_locale ();
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/group-digits", test_group_digits);
  g_test_add_func ("/i18n/count/c", test_count_c);
  g_test_add_func ("/i18n/count/french", test_count_french);
  g_test_add_func ("/i18n/count/spanish", test_count_spanish);
  return g_test_run ();
}
