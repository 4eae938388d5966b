/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>

#include "rc-cli.h"
#include "rc-i18n.h"

int
main (int    argc,
      char **argv)
{
  /* Past a file size limit a write then fails with EFBIG, which is said
   * in words, instead of the signal ending the program mid-write. */
  signal (SIGXFSZ, SIG_IGN);
  rc_i18n_init ();
  g_set_prgname ("recovery-capital-cli");
  return rc_cli_run (argc, argv);
}
