/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_CLIENT_ROW (rc_client_row_get_type ())

G_DECLARE_FINAL_TYPE (RcClientRow, rc_client_row, RC, CLIENT_ROW, GtkWidget)

GtkWidget *rc_client_row_new        (void);
void       rc_client_row_set_client (RcClientRow *self,
                                     RcClient    *client,
                                     gboolean     show_codes_only);

G_END_DECLS
