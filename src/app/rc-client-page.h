/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_CLIENT_PAGE (rc_client_page_get_type ())

G_DECLARE_FINAL_TYPE (RcClientPage, rc_client_page, RC, CLIENT_PAGE, GtkWidget)

GtkWidget *rc_client_page_new        (void);
gboolean   rc_client_page_show       (RcClientPage  *self,
                                      RcStore       *store,
                                      RcClient      *client,
                                      gboolean       show_codes_only,
                                      GError       **error);
RcClient  *rc_client_page_get_client (RcClientPage  *self);
RcAssessment *rc_client_page_get_amendment (RcClientPage *self,
                                            const char   *uuid);
RcAssessment *rc_client_page_get_latest (RcClientPage *self);
gboolean   rc_client_page_can_compare (RcClientPage  *self);
void       rc_client_page_focus_start (RcClientPage  *self);

G_END_DECLS
