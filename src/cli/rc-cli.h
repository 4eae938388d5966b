/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses, as documented in the README. */
typedef enum
{
  RC_EXIT_OK = 0,
  RC_EXIT_USAGE = 1,
  RC_EXIT_INVALID_INPUT = 2,
  RC_EXIT_DATABASE = 3,
} RcExitStatus;

int rc_cli_run (int    argc,
                char **argv);

G_END_DECLS
