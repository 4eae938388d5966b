/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rc-error.h"

G_DEFINE_QUARK (rc-error-quark, rc_error)

/* Sets an RC_ERROR_INVALID error; returns FALSE so that a check can end
 * with `return rc_set_invalid (...)`. */
gboolean
rc_set_invalid (GError     **error,
                const char  *format,
                ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (RC_ERROR, RC_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}
