/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void                rc_i18n_init               (void);
const char * const *rc_i18n_get_language_names (void);

G_END_DECLS
