/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rc-application.h"

G_BEGIN_DECLS

#define RC_TYPE_WINDOW (rc_window_get_type ())

G_DECLARE_FINAL_TYPE (RcWindow, rc_window, RC, WINDOW, AdwApplicationWindow)

RcWindow   *rc_window_new               (RcApplication *application,
                                         const GError  *store_error);
const char *rc_window_get_view          (RcWindow      *self);
gboolean    rc_window_open_client       (RcWindow      *self,
                                         RcClient      *client);
gboolean    rc_window_open_assessment   (RcWindow      *self,
                                         RcAssessment  *assessment);
GtkWidget  *rc_window_get_editor        (RcWindow      *self);
void        rc_window_show_toast        (RcWindow      *self,
                                         const char    *message);
gboolean    rc_window_has_unsaved_changes (RcWindow    *self);
void        rc_window_prepare_for_session_end (RcWindow *self);
GListModel *rc_window_get_clients       (RcWindow      *self);
void        rc_window_import_file       (RcWindow      *self,
                                         const char    *path);

G_END_DECLS
