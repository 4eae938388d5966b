/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rc-i18n.h"

/**
 * rc_i18n_init:
 *
 * Takes the locale from the environment and binds the program's
 * translations: those in $RC_LOCALEDIR when it is set (`meson devenv`
 * points it at the build's compiled catalogues, so that an uninstalled
 * program speaks the chosen language), else the installed ones. Called
 * first thing by the app and the CLI.
 */
void
rc_i18n_init (void)
{
  const char *localedir = g_getenv ("RC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * rc_i18n_get_language_names:
 *
 * The languages to show texts of our own in, such as an instrument's,
 * by the rule gettext follows for the messages, so that the two agree:
 * under a "C" or "POSIX" locale of messages gettext ignores $LANGUAGE
 * (LANG=C LANGUAGE=fr is English), and so only untranslated texts;
 * else the user's, as g_get_language_names() reads them.
 *
 * Returns: (transfer none) (array zero-terminated=1): the languages, the
 *   most wanted first, "C" last
 */
const char * const *
rc_i18n_get_language_names (void)
{
  static const char * const untranslated[] = { "C", NULL };
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0)
    return untranslated;
  return g_get_language_names ();
}

/**
 * rc_i18n_group_digits:
 * @separator: what goes between two groups, in UTF-8
 * @grouping: the sizes of the groups from the right, as struct lconv
 *   has them: the last size repeats, CHAR_MAX ends the grouping, an empty
 *   string groups nothing
 *
 * Returns: (transfer full): @count in digits, grouped
 */
char *
rc_i18n_group_digits (guint64     count,
                      const char *separator,
                      const char *grouping)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) grouped = g_string_new (NULL);
  size_t end = strlen (digits);
  int size = 0;

  while (*separator != '\0')
    {
      if (*grouping != '\0')
        size = *grouping++;
      if (size <= 0 || size == CHAR_MAX || (size_t) size >= end)
        break;
      g_ptr_array_add (groups, g_strndup (digits + end - size, size));
      end -= size;
    }
  g_string_append_len (grouped, digits, end);
  for (guint i = groups->len; i > 0; i--)
    {
      g_string_append (grouped, separator);
      g_string_append (grouped, g_ptr_array_index (groups, i - 1));
    }
  return g_string_free (g_steal_pointer (&grouped), FALSE);
}

/**
 * rc_i18n_format_count:
 *
 * printf's ' flag would do this, but it is not ISO C.
 *
 * Returns: (transfer full): @count with its digits grouped as LC_NUMERIC
 *   groups them: "20 000" in French, "20.000" in Spanish, "20000" under C
 */
char *
rc_i18n_format_count (guint64 count)
{
  G_LOCK_DEFINE_STATIC (conventions);
  g_autofree char *separator = NULL;
  g_autofree char *grouping = NULL;
  const struct lconv *conventions;

  /* localeconv() fills one static structure: workers format counts too. */
  G_LOCK (conventions);
  conventions = localeconv ();
  separator = g_locale_to_utf8 (conventions->thousands_sep, -1, NULL, NULL, NULL);
  grouping = g_strdup (conventions->grouping);
  G_UNLOCK (conventions);
  return rc_i18n_group_digits (count, separator != NULL ? separator : "", grouping);
}

/* A format that is a parameter, which the compiler cannot check
 * (-Wformat-nonliteral) through a va_list: msgfmt --check sees instead
 * that each translation keeps its one %s. */
static char *
put_count (const char *format,
           ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return message;
}

/**
 * rc_i18n_count:
 * @singular: a message with one %s, for the count
 * @plural: the same in the plural
 *
 * Translates a counted message, like g_dngettext(), and puts the count
 * in it with its digits grouped (rc_i18n_format_count()). xgettext finds
 * the messages by this function's name (po/meson.build).
 *
 * Returns: (transfer full): the message
 */
char *
rc_i18n_count (const char *singular,
               const char *plural,
               guint64     count)
{
  g_autofree char *digits = rc_i18n_format_count (count);

  return put_count (g_dngettext (GETTEXT_PACKAGE, singular, plural, count), digits);
}
