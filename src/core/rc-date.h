/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  rc_date_is_valid   (const char *date);
gboolean  rc_date_is_future  (const char *date);
char     *rc_date_today      (void);
char     *rc_timestamp_now   (void);
gboolean  rc_timestamp_is_valid (const char *timestamp);

G_END_DECLS
