/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-new-client-dialog.h"
#include "rc-window-private.h"

/* The main window's actions for moving between views and acting on them,
 * and every shortcut of the window. The shortcuts work
 * wherever the focus is in the window — the search entry, a header
 * button, or nowhere after a dialog or a toast has gone — because they are
 * caught before the focused widget sees the key. Where an action does not
 * apply it is disabled, and its key is swallowed rather than passed on,
 * so that it never turns into typing or a click on whatever has the
 * focus. */

static void
client_created_cb (RcWindow *self,
                   RcClient *client)
{
  /* Listing everyone again takes in the new client. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rc_window_reload_clients (self);
  rc_window_open_client (self, client);
}

static void
new_client_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  RcNewClientDialog *dialog = rc_new_client_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_swapped (dialog, "client-created", G_CALLBACK (client_created_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rc_window_focus_search (RC_WINDOW (widget));
}

static void
go_back_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rc_window_go_back (RC_WINDOW (widget));
}

static void
continue_draft_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RcWindow *self = RC_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(RcAssessment) draft = rc_store_load_assessment (self->store, self->draft_uuid, &error);

  /* The store's message names a UUID, for the log; the worker is told
   * in plain words. */
  if (draft == NULL)
    {
      g_warning ("The draft offered could not be loaded: %s", error->message);
      rc_window_dismiss_draft (self);
      rc_window_show_toast (self, _("The unfinished assessment could not be opened."));
    }
  else
    rc_window_open_assessment (self, draft);
}

static void
dismiss_draft_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  rc_window_dismiss_draft (RC_WINDOW (widget));
}

/* The views' own actions, reachable from anywhere in the window. */
static const struct
{
  const char *window_action;
  const char *view_action;
  gsize       view_offset;
} view_actions[] = {
  { "win.new-assessment", "page.new-assessment", G_STRUCT_OFFSET (RcWindow, client_page) },
  { "win.compare", "page.compare", G_STRUCT_OFFSET (RcWindow, client_page) },
  { "win.save-report", "compare.save-report", G_STRUCT_OFFSET (RcWindow, compare_view) },
  { "win.print", "compare.print", G_STRUCT_OFFSET (RcWindow, compare_view) },
  { "win.complete", "editor.complete", G_STRUCT_OFFSET (RcWindow, editor) },
};

static void
view_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    {
      GtkWidget *view = G_STRUCT_MEMBER (GtkWidget *, widget, view_actions[i].view_offset);

      /* A view not built yet has nothing to act on. */
      if (view != NULL && g_str_equal (action_name, view_actions[i].window_action))
        gtk_widget_activate_action (view, view_actions[i].view_action, NULL);
    }
}

/**
 * rc_window_update_actions:
 *
 * Enables each action where it applies: the client's actions while a
 * client's views are what the worker sees, the report's in the comparison,
 * completing in the editor.
 */
void
rc_window_update_actions (RcWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *view = gtk_stack_get_visible_child_name (self->content_stack);
  gboolean has_store = self->store != NULL;
  /* A read-only, damaged or tampered database is only read. */
  gboolean writable = has_store && rc_store_get_write_refusal (self->store) == NULL;
  gboolean content_shown = !adw_leaflet_get_folded (self->leaflet) ||
                           adw_leaflet_get_visible_child (self->leaflet) == self->content;
  gboolean has_client = has_store && rc_client_page_get_client (self->client_page) != NULL;
  gboolean on_client = content_shown && has_client &&
                       (g_strcmp0 (view, "client") == 0 || g_strcmp0 (view, "profile") == 0);
  gboolean on_compare = content_shown && has_client && g_strcmp0 (view, "compare") == 0;
  gboolean on_editor = content_shown && has_client && g_strcmp0 (view, "editor") == 0;
  /* One long job at a time (rc-window-jobs.c). */
  gboolean idle = !rc_window_is_busy (self);

  gtk_widget_action_set_enabled (widget, "win.new-client", writable);
  gtk_widget_action_set_enabled (widget, "win.search", has_store);
  gtk_widget_action_set_enabled (widget, "win.import", writable && idle);
  gtk_widget_action_set_enabled (widget, "win.export-all", has_store && idle);
  gtk_widget_action_set_enabled (widget, "win.export-deidentified", has_store && idle);
  gtk_widget_action_set_enabled (widget, "win.export-client", has_client && idle);
  gtk_widget_action_set_enabled (widget, "win.new-assessment",
                                 writable && (on_client || on_compare));
  gtk_widget_action_set_enabled (widget, "win.compare",
                                 on_client && rc_client_page_can_compare (self->client_page));
  gtk_widget_action_set_enabled (widget, "win.save-report", on_compare && idle);
  gtk_widget_action_set_enabled (widget, "win.print", on_compare);
  gtk_widget_action_set_enabled (widget, "win.complete", writable && on_editor);
  gtk_widget_action_set_enabled (widget, "win.backups", has_store && idle);
  /* There is always a step back, down to the search. */
  gtk_widget_action_set_enabled (widget, "win.go-back", has_store);
  gtk_widget_action_set_enabled (widget, "win.continue-draft", self->draft_uuid != NULL);
  gtk_widget_action_set_enabled (widget, "win.dismiss-draft", self->draft_uuid != NULL);
}

void
rc_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_activated);
  gtk_widget_class_install_action (widget_class, "win.continue-draft", NULL,
                                   continue_draft_activated);
  gtk_widget_class_install_action (widget_class, "win.dismiss-draft", NULL,
                                   dismiss_draft_activated);
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_class_install_action (widget_class, view_actions[i].window_action, NULL,
                                     view_action_activated);

  /* Escape is the one key left to the focused widget first: a search
   * entry clears itself, a popover closes, before the window goes back. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  gtk_widget_activate_action (widget, user_data, NULL);
  return TRUE;
}

/**
 * rc_window_add_shortcuts:
 *
 * Catches the window's shortcuts before any widget inside it does.
 */
void
rc_window_add_shortcuts (RcWindow *self)
{
  static const struct
  {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "<Control>n", "win.new-client" },
    { "<Control>f", "win.search" },
    { "<Control><Shift>n", "win.new-assessment" },
    { "<Control><Shift>c", "win.compare" },
    { "<Control>s", "win.save-report" },
    { "<Control>p", "win.print" },
    { "<Control>Return", "win.complete" },
    { "<Control>KP_Enter", "win.complete" },
    { "<Alt>Left", "win.go-back" },
    { "<Control>w", "window.close" },
    { "<Control>q", "app.quit" },
    { "F1", "app.help" },
    { "<Control>question", "win.show-help-overlay" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                        gtk_callback_action_new (shortcut_cb, (gpointer) shortcuts[i].action,
                                                 NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
