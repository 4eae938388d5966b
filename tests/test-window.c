/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rc-application.h"
#include "rc-window.h"
#include "rc-test-util.h"

/* Smoke tests of the main window: a real RcApplication run under Xvfb
 * with its own database, looked at once its window is on screen. */

typedef struct
{
  GApplication   *application;
  const char     *screenshot;
  AdwColorScheme  color_scheme;
  const char     *expected_text;
} Check;

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

/* Renders the window as the user sees it, into screenshots/ in the build
 * directory, for a person to look at. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *directory = g_build_filename (g_getenv ("RC_BUILD_ROOT"), "screenshots", NULL);
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (directory, 0755), ==, 0);
  path = g_build_filename (directory, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
check_window_cb (gpointer user_data)
{
  Check *check = user_data;
  GApplication *application = check->application;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_true (RC_IS_WINDOW (window));
  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Recovery Capital");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  collect_labels (GTK_WIDGET (window), text);
  g_test_message ("window text: %s", text->str);
  g_assert_nonnull (strstr (text->str, check->expected_text));

  save_screenshot (GTK_WIDGET (window), check->screenshot);
  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *application,
             Check        *check)
{
  check->application = application;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), check->color_scheme);
  /* Give the window time to be mapped and drawn before looking at it. */
  g_timeout_add (300, check_window_cb, check);
}

static void
run_application (const char *database,
                 Check      *check)
{
  g_autoptr(RcApplication) application = rc_application_new ();
  char *argv[] = { (char *) "recovery-capital", (char *) "--database", (char *) database, NULL };

  g_signal_connect_after (application, "activate", G_CALLBACK (activate_cb), check);
  g_assert_cmpint (g_application_run (G_APPLICATION (application), 3, argv), ==, 0);
  /* Let the closed window go before the next test makes another; a
   * bounded number of rounds, as some sources always have work. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
test_window_opens (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *database = g_build_filename (tmpdir, "new", "rc.db", NULL);
  Check light = { NULL, "window-light.png", ADW_COLOR_SCHEME_FORCE_LIGHT, "0 clients recorded" };
  Check dark = { NULL, "window-dark.png", ADW_COLOR_SCHEME_FORCE_DARK, "0 clients recorded" };

  run_application (database, &light);
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
  run_application (database, &dark);
  rc_test_tmpdir_free (tmpdir);
}

static void
test_window_shows_database_error (void)
{
  char *tmpdir = rc_test_tmpdir_new ();
  g_autofree char *database = g_build_filename (tmpdir, "garbage.db", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *after = NULL;
  Check check = { NULL, "window-database-error.png", ADW_COLOR_SCHEME_FORCE_LIGHT,
                  "damaged or is not a database" };
  g_autoptr(GError) error = NULL;

  g_file_set_contents (database, "this is not a database, just some text\n"
                       "long enough that SQLite reads it as a header............\n", -1, &error);
  g_assert_no_error (error);
  checksum = rc_test_file_checksum (database);

  run_application (database, &check);
  after = rc_test_file_checksum (database);
  g_assert_cmpstr (after, ==, checksum);
  rc_test_tmpdir_free (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  char *tmpdir;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);

  g_test_add_func ("/window/opens", test_window_opens);
  g_test_add_func ("/window/database-error", test_window_shows_database_error);

  status = g_test_run ();
  rc_test_tmpdir_free (tmpdir);
  return status;
}
