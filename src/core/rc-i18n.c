/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
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
