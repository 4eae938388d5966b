/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rc-test-ui.h"
#include "rc-test-util.h"

/* The way into the user guide: app.help, from the main menu and F1, opens
 * help:recovery-capital with the desktop's viewer for help: URIs, or says
 * plainly that there is none. The desktop's viewers are hidden from this
 * program (hide_installed_viewers()), so that whether Yelp is installed on
 * the machine never changes the result; a stand-in viewer records the URI
 * it is asked to open. */

#define HELP_URI "help:" PACKAGE_NAME

static char *tmpdir;
static char *viewer_desktop_file;
static char *mime_cache_file;
static char *opened_uri_file;
static char *system_opened_uri_file;

/* A viewer that writes the URI it is asked to open into @opened_file,
 * whole or not at all; its desktop file goes into @applications. */
static void
write_viewer (const char *applications,
              const char *desktop_id,
              const char *opened_file)
{
  g_autofree char *script_name = g_strconcat (desktop_id, ".sh", NULL);
  g_autofree char *script = g_build_filename (tmpdir, script_name, NULL);
  g_autofree char *desktop_file = g_build_filename (applications, desktop_id, NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;
  g_autoptr(GError) error = NULL;

  script_text = g_strdup_printf ("#!/bin/sh\n"
                                 "printf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                                 opened_file, opened_file, opened_file);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\n"
                                  "Type=Application\n"
                                  "Name=Stand-in Help Viewer\n"
                                  "Exec=%s %%u\n"
                                  "MimeType=x-scheme-handler/help;\n"
                                  "NoDisplay=true\n", script);
  g_file_set_contents (desktop_file, desktop_text, -1, &error);
  g_assert_no_error (error);
}

/* GIO finds the handlers of a folder through this cache, as
 * update-desktop-database writes it when a package installs one. */
static void
write_mime_cache (const char *applications,
                  const char *desktop_id)
{
  g_autofree char *path = g_build_filename (applications, "mimeinfo.cache", NULL);
  g_autofree char *text = g_strdup_printf ("[MIME Cache]\nx-scheme-handler/help=%s;\n",
                                           desktop_id);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* As if Yelp were installed: a system folder of our own, in front of the
 * real ones (which are only read), with a viewer named like Yelp. */
static void
install_system_viewer (void)
{
  g_autofree char *system_data = g_build_filename (tmpdir, "system-data", NULL);
  g_autofree char *applications = g_build_filename (system_data, "applications", NULL);
  const char *dirs = g_getenv ("XDG_DATA_DIRS");
  g_autofree char *search_path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  system_opened_uri_file = g_build_filename (tmpdir, "system-viewer-opened-uri", NULL);
  write_viewer (applications, "yelp.desktop", system_opened_uri_file);
  write_mime_cache (applications, "yelp.desktop");
  search_path = g_strconcat (system_data, ":",
                             dirs != NULL && *dirs != '\0' ? dirs : "/usr/local/share:/usr/share",
                             NULL);
  g_setenv ("XDG_DATA_DIRS", search_path, TRUE);
}

/* Hides the desktop's viewers for help: URIs (Yelp, on Debian) from this
 * program, whatever the machine has installed: a desktop file of the same
 * id in $XDG_DATA_HOME/applications comes first, and Hidden=true means
 * "deleted" to GIO. The system's folders themselves are never touched. */
static void
hide_installed_viewers (void)
{
  g_autofree char *config_home = g_build_filename (tmpdir, "config-home", NULL);
  g_autofree char *applications = g_build_filename (g_getenv ("XDG_DATA_HOME"), "applications",
                                                    NULL);
  GList *viewers;

  /* Nor does a mimeapps.list of the user's name a default. */
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  /* There from the start, so that GIO watches it for the stand-in. */
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);

  viewers = g_app_info_get_all_for_type ("x-scheme-handler/help");
  for (GList *l = viewers; l != NULL; l = l->next)
    {
      g_autofree char *path = g_build_filename (applications, g_app_info_get_id (l->data), NULL);
      g_autoptr(GError) error = NULL;

      g_test_message ("hiding the installed help viewer %s", g_app_info_get_id (l->data));
      g_file_set_contents (path, "[Desktop Entry]\nType=Application\nName=Hidden\nHidden=true\n",
                           -1, &error);
      g_assert_no_error (error);
    }
  /* At least the stand-in of install_system_viewer(). */
  g_assert_nonnull (viewers);
  g_list_free_full (viewers, g_object_unref);

  viewer_desktop_file = g_build_filename (applications, "rc-test-help-viewer.desktop", NULL);
  mime_cache_file = g_build_filename (applications, "mimeinfo.cache", NULL);
  opened_uri_file = g_build_filename (tmpdir, "opened-uri", NULL);
}

/* GIO notices a desktop file come or go through a file monitor, a moment
 * later. */
static void
wait_for_viewer (gboolean installed)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");

      if ((viewer != NULL) == installed)
        return;
      rc_test_ui_wait (50);
    }
  g_error ("GIO did not see the help viewer %s", installed ? "installed" : "removed");
}

static void
install_viewer (void)
{
  g_autofree char *applications = g_path_get_dirname (viewer_desktop_file);

  write_viewer (applications, "rc-test-help-viewer.desktop", opened_uri_file);
  write_mime_cache (applications, "rc-test-help-viewer.desktop");
  wait_for_viewer (TRUE);
}

static void
remove_viewer (void)
{
  g_remove (mime_cache_file);
  g_remove (viewer_desktop_file);
  wait_for_viewer (FALSE);
}

static RcApplication *
start (const char *name)
{
  g_autofree char *database = g_build_filename (tmpdir, name, NULL);

  return rc_test_ui_start (database);
}

static AdwMessageDialog *
find_help_unavailable (void)
{
  GtkWidget *dialog = rc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog == NULL ||
      g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                 "Help Is Not Available") != 0)
    return NULL;
  return ADW_MESSAGE_DIALOG (dialog);
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action,
                 char      **label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i,
                                                                  G_MENU_LINK_SECTION);
      g_autofree char *name = NULL;

      if (section != NULL && menu_has_action (section, action, label))
        return TRUE;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", label);
    }
  return FALSE;
}

/* Help is in the main menu, beside Keyboard Shortcuts and About. */
static void
test_menu_item (void)
{
  RcApplication *application = start ("menu.db");
  RcWindow *window = rc_test_ui_get_window (application);
  GtkWidget *button = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; (button = rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                          GTK_TYPE_MENU_BUTTON, i)) != NULL; i++)
    if (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)))
      break;
  g_assert_nonnull (button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                                  "app.help", &label));
  g_assert_cmpstr (label, ==, "_Help");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "help"));
  rc_test_ui_stop (application);
}

/* F1 is the application's accelerator for help, and the shortcuts window
 * says so; Ctrl+? stays the shortcuts window's own. */
static void
test_shortcuts_window (void)
{
  RcApplication *application = start ("shortcuts.db");
  RcWindow *window = rc_test_ui_get_window (application);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                "app.help");
  GtkShortcutsWindow *overlay =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  GtkWidget *shortcut;
  gboolean listed = FALSE;

  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "F1");
  g_assert_nonnull (overlay);
  for (guint i = 0; (shortcut = rc_test_ui_find_descendant (GTK_WIDGET (overlay),
                                                            GTK_TYPE_SHORTCUTS_SHORTCUT, i));
       i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      g_object_get (shortcut, "action-name", &action, "accelerator", &accelerator, "title",
                    &title, NULL);
      if (g_strcmp0 (action, "app.help") == 0)
        {
          g_assert_cmpstr (title, ==, "Help");
          listed = TRUE;
        }
      /* F1 is not listed a second time, for something else. */
      else if (accelerator != NULL)
        g_assert_null (strstr (accelerator, "F1"));
    }
  g_assert_true (listed);
  rc_test_ui_stop (application);
}

/* Without a viewer for help: URIs (no Yelp), the window says why and
 * names the package, instead of doing nothing. */
static void
test_no_viewer (void)
{
  RcApplication *application = start ("no-viewer.db");
  RcWindow *window = rc_test_ui_get_window (application);
  AdwMessageDialog *dialog;

  remove_viewer ();
  g_action_group_activate_action (G_ACTION_GROUP (application), "help", NULL);
  rc_test_ui_wait (100);
  dialog = find_help_unavailable ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“yelp” package"));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  rc_test_ui_screenshot (GTK_WIDGET (dialog), "help-not-available.png");
  g_assert_false (g_file_test (opened_uri_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (system_opened_uri_file, G_FILE_TEST_EXISTS));

  /* As Escape does: the close response, and the dialog goes. */
  gtk_window_close (GTK_WINDOW (dialog));
  rc_test_ui_wait (100);
  g_assert_null (find_help_unavailable ());
  rc_test_ui_stop (application);
}

/* With a viewer, it is given the guide's URI, and nothing else shows. */
static void
test_viewer (void)
{
  RcApplication *application = start ("viewer.db");
  g_autofree char *opened = NULL;
  g_autoptr(GError) error = NULL;

  install_viewer ();
  g_action_group_activate_action (G_ACTION_GROUP (application), "help", NULL);
  for (guint i = 0; i < 100 && !g_file_test (opened_uri_file, G_FILE_TEST_EXISTS); i++)
    rc_test_ui_wait (50);
  g_file_get_contents (opened_uri_file, &opened, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, HELP_URI);
  g_assert_null (find_help_unavailable ());

  g_remove (opened_uri_file);
  remove_viewer ();
  g_assert_false (g_file_test (system_opened_uri_file, G_FILE_TEST_EXISTS));
  rc_test_ui_stop (application);
}

/* The key itself, typed for real: it must reach app.help (here, with no
 * viewer, the message saying so) wherever the focus is. */
static void
test_f1_key (void)
{
  g_autofree char *database = g_build_filename (tmpdir, "f1.db", NULL);
  RcApplication *application;
  AdwMessageDialog *dialog;

  if (!rc_test_ui_can_type ())
    return;
  remove_viewer ();
  rc_test_ui_start_at_keyboard (database, &application);
  rc_test_ui_keys ("ctrl+f F1");
  dialog = find_help_unavailable ();
  g_assert_null (rc_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_nonnull (dialog);
  rc_test_ui_keys ("Escape");
  g_assert_null (find_help_unavailable ());
  rc_test_ui_stop (application);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Before GTK starts: GLib reads the XDG folders once. */
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  install_system_viewer ();
  hide_installed_viewers ();
  rc_test_ui_init (&argc, &argv);

  g_test_add_func ("/help/menu-item", test_menu_item);
  g_test_add_func ("/help/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/help/no-viewer", test_no_viewer);
  g_test_add_func ("/help/viewer", test_viewer);
  g_test_add_func ("/help/f1-key", test_f1_key);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  g_free (viewer_desktop_file);
  g_free (mime_cache_file);
  g_free (opened_uri_file);
  g_free (system_opened_uri_file);
  return status;
}
