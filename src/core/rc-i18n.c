/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

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
