/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void                rc_i18n_init               (void);
const char * const *rc_i18n_get_language_names (void);
char               *rc_i18n_format_count       (guint64     count);
char               *rc_i18n_group_digits       (guint64     count,
                                                const char *separator,
                                                const char *grouping);
char               *rc_i18n_count              (const char *singular,
                                                const char *plural,
                                                guint64     count);

G_END_DECLS
