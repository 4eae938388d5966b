/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "rc-cli.h"

int
main (int    argc,
      char **argv)
{
  /* Past a file size limit a write then fails with EFBIG, which is said
   * in words, instead of the signal ending the program mid-write. */
  signal (SIGXFSZ, SIG_IGN);
  setlocale (LC_ALL, "");
  g_set_prgname ("recovery-capital-cli");
  return rc_cli_run (argc, argv);
}
