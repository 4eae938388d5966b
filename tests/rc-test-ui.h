/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rc-application.h"
#include "rc-window.h"

G_BEGIN_DECLS

void           rc_test_ui_init            (int          *argc,
                                           char       ***argv);
RcApplication *rc_test_ui_start           (const char   *database);
void           rc_test_ui_stop            (RcApplication *application);
RcWindow      *rc_test_ui_get_window      (RcApplication *application);
RcWindow      *rc_test_ui_start_at_laptop_size (const char *database,
                                           RcApplication **application_out);
RcClient      *rc_test_ui_client_to_compare (RcWindow    *window,
                                           RcAssessment **latest);
RcWindow      *rc_test_ui_start_at_keyboard (const char   *database,
                                           RcApplication **application_out);
RcStore       *rc_test_ui_store_with_clients (const char  *folder,
                                           const char   *name,
                                           char        **path);
GPtrArray     *rc_test_ui_stored_assessments (RcStore     *store,
                                           const char   *code);
void           rc_test_ui_wait            (guint         milliseconds);
gboolean       rc_test_ui_press_key       (GtkWidget    *widget,
                                           guint         keyval);
GtkWidget     *rc_test_ui_find_toplevel   (GType         type);
GtkWidget     *rc_test_ui_find_descendant (GtkWidget    *widget,
                                           GType         type,
                                           guint         nth);
GtkWidget     *rc_test_ui_find_client_list (RcWindow    *window);
GtkWidget     *rc_test_ui_find_label      (GtkWidget    *widget,
                                           const char   *text);
void           rc_test_ui_screenshot      (GtkWidget    *widget,
                                           const char   *name);
gboolean       rc_test_ui_can_type        (void);
void           rc_test_ui_activate        (GtkWindow    *window);
void           rc_test_ui_type            (const char   *text);
void           rc_test_ui_keys            (const char   *keys);
gboolean       rc_test_ui_skip_file_chooser (void);
GtkWidget     *rc_test_ui_wait_for_toplevel (GType        type);
GtkWidget     *rc_test_ui_wait_for_message_dialog (const char *heading);
GPtrArray     *rc_test_ui_wait_for_backups (RcStore     *store);

G_END_DECLS
