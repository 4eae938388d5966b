/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-assessment-editor.h"
#include "rc-client-page.h"
#include "rc-compare-view.h"
#include "rc-job-bar.h"
#include "rc-profile-view.h"
#include "rc-window.h"

G_BEGIN_DECLS

/* RcWindow is one class split by concern: rc-window.c builds it and moves
 * between its views, rc-window-actions.c holds the navigation actions and
 * every shortcut, rc-window-exchange.c the import and export dialogs,
 * rc-window-closing.c what keeps a change from being lost on closing,
 * rc-window-backup.c the daily backup, rc-window-jobs.c how long work
 * (rc-job-bar.c) holds the window. */

struct _RcWindow
{
  AdwApplicationWindow  parent_instance;

  RcStore              *store;
  RcClientList         *clients;
  GSettings            *settings;
  char                 *draft_uuid;  /* the unfinished draft offered, if any */
  gboolean              show_codes_only;
  gboolean              close_when_saved;  /* closing waits for a save */
  gboolean              draft_in_file;     /* the unsaved draft went to a file */
  gboolean              close_after_job;   /* closing waits for a job to stop */
  GtkWidget            *stop_dialog;       /* asks before a close stops a job */
  guint                 logout_cookie;
  GtkWidget            *unsaved_dialog;

  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *draft_revealer;
  GtkRevealer          *refusal_revealer;  /* why nothing is written, when so */
  GtkWidget            *refusal_bar;
  GtkLabel             *refusal_label;
  GtkWidget            *refusal_backups_button;
  GtkLabel             *draft_label;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkStack             *list_stack;
  GtkListView          *client_list_view;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkStack             *content_stack;
  AdwStatusPage        *welcome_page;
  RcClientPage         *client_page;
  /* Built when first shown (rc_window_ensure_editor()), NULL until then. */
  RcAssessmentEditor   *editor;
  RcProfileView        *profile_view;
  RcCompareView        *compare_view;
  RcJobBar             *job_bar;
};

void     rc_window_show_error        (RcWindow     *self,
                                      const GError *error);
void     rc_window_reload_clients    (RcWindow     *self);
gboolean rc_window_show_client       (RcWindow     *self,
                                      RcClient     *client);
void     rc_window_go_back           (RcWindow     *self);
void     rc_window_show_welcome      (RcWindow     *self);
void     rc_window_focus_search      (RcWindow     *self);
void     rc_window_dismiss_draft     (RcWindow     *self);
void     rc_window_update_actions    (RcWindow     *self);
RcAssessmentEditor *rc_window_ensure_editor (RcWindow *self);

void     rc_window_class_add_actions  (GtkWidgetClass *widget_class);
void     rc_window_add_shortcuts      (RcWindow       *self);
void     rc_window_class_add_exchange (GtkWidgetClass *widget_class);
GtkFileChooserNative *rc_window_new_profile_chooser (RcWindow             *self,
                                                     const char           *title,
                                                     GtkFileChooserAction  action,
                                                     const char           *accept_label);

gboolean rc_window_may_close          (RcWindow       *self);
void     rc_window_watch_editor       (RcWindow       *self);
void     rc_window_dispose_closing    (RcWindow       *self);
void     rc_window_schedule_backup    (RcWindow       *self);
void     rc_window_show_refusal       (RcWindow       *self);
void     rc_window_class_add_backups  (GtkWidgetClass *widget_class);
gboolean rc_window_may_close_jobs     (RcWindow       *self);
gboolean rc_window_is_busy            (RcWindow       *self);
void     rc_window_init_jobs          (RcWindow       *self);
void     rc_window_class_add_jobs     (GtkWidgetClass *widget_class);

G_END_DECLS
