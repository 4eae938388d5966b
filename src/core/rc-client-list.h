/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rc-store.h"

G_BEGIN_DECLS

#define RC_TYPE_CLIENT_LIST (rc_client_list_get_type ())

G_DECLARE_FINAL_TYPE (RcClientList, rc_client_list, RC, CLIENT_LIST, GObject)

RcClientList *rc_client_list_new        (RcStore       *store);
RcClientList *rc_client_list_new_first_rows (RcStore       *store,
                                             RcClientOrder  order,
                                             guint          n_rows);
RcStore      *rc_client_list_get_store  (RcClientList  *self);
const char   *rc_client_list_get_search (RcClientList  *self);
gboolean      rc_client_list_set_search (RcClientList  *self,
                                         const char    *text,
                                         GError       **error);
RcClientOrder rc_client_list_get_order  (RcClientList  *self);
gboolean      rc_client_list_set_order  (RcClientList  *self,
                                         RcClientOrder  order,
                                         GError       **error);
gboolean      rc_client_list_reload     (RcClientList  *self,
                                         GError       **error);
gboolean      rc_client_list_is_complete (RcClientList *self);
gboolean      rc_client_list_complete   (RcClientList  *self,
                                         GError       **error);
gint64        rc_client_list_get_id     (RcClientList  *self,
                                         guint          position);
guint         rc_client_list_find       (RcClientList  *self,
                                         const char    *uuid_or_code);

G_END_DECLS
