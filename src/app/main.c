/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <stdlib.h>

#include "rc-application.h"
#include "rc-i18n.h"

/* --version is answered while GApplication handles the command line
 * locally, like --help: before the application registers or GTK starts,
 * so both work without a display. GLib 2.74 has no
 * g_application_set_version() to do it for us. The handler runs before
 * the application's own, which it skips by returning an exit status. */
static int
handle_local_options_cb (GApplication *application,
                         GVariantDict *options,
                         gpointer      user_data)
{
  if (!g_variant_dict_contains (options, "version"))
    return -1;
  g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(RcApplication) application = NULL;

  /* Past a file size limit a save then fails with EFBIG and is tried
   * again, instead of the signal ending the app with the change unsaved. */
  signal (SIGXFSZ, SIG_IGN);
  rc_i18n_init ();

  application = rc_application_new (NULL);
  g_application_add_main_option (G_APPLICATION (application), "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Print the program’s version and exit"),
                                 NULL);
  g_signal_connect (application, "handle-local-options", G_CALLBACK (handle_local_options_cb),
                    NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
