/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "rc-test-util.h"

/* One application a desktop session, for real: the built binary is
 * started, then launched again, and each later launch must hand its
 * command line to the first one and end. The session bus is this
 * program's own (GTestDBus), so that the applications of the other UI
 * tests, which run non-unique, never meet this one. Windows are counted
 * through the X server with xdotool, as a person would see them. */

#define WINDOW_TITLE "Recovery Capital"
/* Far more than a launch takes, far less than meson's timeout: a launch
 * that hangs fails here, saying which one. */
#define TIMEOUT_SECONDS 10

static char *tmpdir;
static char *database_a;
static char *database_b;
static GTestDBus *bus;
static GDBusConnection *connection;
/* The first launch, which owns the application id, and its exit. */
static GSubprocess *first_app;
static gboolean first_app_exited;

/* Whether the test can run at all; otherwise it is marked skipped, and
 * GTest reports it so. */
static gboolean
can_run (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (g_getenv ("DISPLAY") == NULL || xdotool == NULL)
    {
      g_test_skip ("needs an X display and xdotool (build-aux/test)");
      return FALSE;
    }
  return TRUE;
}

/* Turns the main loop until *@flag is set or @milliseconds have passed,
 * so that the asynchronous waits on the launched programs complete. */
static gboolean
wait_for_flag (const gboolean *flag,
               guint           milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (!*flag && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10 * 1000);
    }
  return *flag;
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  /* No accessibility bus on this session bus: without these GTK would
   * look for one and complain, and G_DEBUG makes complaints fatal. */
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  return launcher;
}

static gboolean
app_id_has_owner (void)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* The visible windows of the first launch whose title says it is ours:
 * by process, since other programs may share the display. */
static guint
count_windows (void)
{
  g_autoptr(GSubprocess) xdotool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  xdotool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "xdotool", "search", "--all", "--onlyvisible",
                              "--pid", g_subprocess_get_identifier (first_app),
                              "--name", WINDOW_TITLE, NULL);
  g_assert_no_error (error);
  /* Its exit status only says whether it found any: not checked. */
  g_subprocess_communicate_utf8 (xdotool, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      n++;
  return n;
}

static void
first_app_exited_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  first_app_exited = TRUE;
}

/* Launches the application on @database, as a person would the first
 * time, and waits until it owns the application id and shows its window. */
static void
start_first_app (const char *database)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end = g_get_monotonic_time () + TIMEOUT_SECONDS * G_USEC_PER_SEC;

  g_assert_null (first_app);
  /* Its standard output would land in the TAP stream; its errors go to
   * the test's log. */
  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, "/");
  first_app = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RC_APP"),
                                           "--database", database, NULL);
  g_assert_no_error (error);
  first_app_exited = FALSE;
  g_subprocess_wait_async (first_app, NULL, first_app_exited_cb, NULL);

  while (!first_app_exited && g_get_monotonic_time () < end &&
         !(app_id_has_owner () && count_windows () == 1))
    wait_for_flag (&first_app_exited, 50);
  if (first_app_exited)
    g_error ("the application on %s ended at once, status %d", database,
             g_subprocess_get_status (first_app));
  g_assert_true (app_id_has_owner ());
  g_assert_cmpuint (count_windows (), ==, 1);
}

static void
ensure_first_app (void)
{
  if (first_app == NULL)
    start_first_app (database_a);
}

/* Ends the first launch through its app.quit action, as Ctrl+Q does, and
 * waits for it to exit; SIGTERM if it does not, and the test fails. */
static void
quit_first_app (void)
{
  g_autofree char *object_path = g_strconcat ("/", APP_ID, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_strdelimit (object_path, ".", '/');
  reply = g_dbus_connection_call_sync (connection, APP_ID, object_path, "org.gtk.Actions",
                                       "Activate",
                                       g_variant_new_parsed ("('quit', @av [], @a{sv} {})"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  if (!wait_for_flag (&first_app_exited, TIMEOUT_SECONDS * 1000))
    {
      g_subprocess_send_signal (first_app, SIGTERM);
      wait_for_flag (&first_app_exited, TIMEOUT_SECONDS * 1000);
      g_test_fail_printf ("app.quit did not end the application within %d s", TIMEOUT_SECONDS);
    }
  else
    {
      g_assert_true (g_subprocess_get_if_exited (first_app));
      g_assert_cmpint (g_subprocess_get_exit_status (first_app), ==, 0);
    }
  g_clear_object (&first_app);
}

typedef struct
{
  gboolean  done;
  char     *err;
  GError   *error;
} Communication;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *communication = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL,
                                        &communication->err, &communication->error);
  communication->done = TRUE;
}

/* Launches the application again from the folder @cwd with @args
 * (NULL-terminated) and waits for it to end; returns its exit status and
 * in @err what it wrote to its standard error. */
static int
launch_again (const char         *cwd,
              const char * const *args,
              char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    new_launcher (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  Communication communication = { FALSE, NULL, NULL };
  gint64 start = g_get_monotonic_time ();

  g_ptr_array_add (argv, (gpointer) g_getenv ("RC_APP"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  command = g_strjoinv (" ", (char **) argv->pdata);

  g_subprocess_launcher_set_cwd (launcher, cwd);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &communication);
  if (!wait_for_flag (&communication.done, TIMEOUT_SECONDS * 1000))
    {
      /* A launch that stays is a second application, and its own window. */
      g_subprocess_force_exit (process);
      wait_for_flag (&communication.done, TIMEOUT_SECONDS * 1000);
      g_error ("'%s' in %s did not end within %d s", command, cwd, TIMEOUT_SECONDS);
    }
  g_assert_no_error (communication.error);
  g_test_message ("'%s' in %s: status %d in %d ms, stderr: %s", command, cwd,
                  g_subprocess_get_exit_status (process),
                  (int) ((g_get_monotonic_time () - start) / 1000), communication.err);
  g_assert_true (g_subprocess_get_if_exited (process));
  *err = communication.err;
  return g_subprocess_get_exit_status (process);
}

/* A launch that must only present the running window: it ends at once,
 * successfully and silently, and there is still one window. */
static void
assert_presents (const char         *cwd,
                 const char * const *args)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (launch_again (cwd, args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (count_windows (), ==, 1);
  g_assert_false (first_app_exited);
}

/* The same database again, by its path, by a path relative to another
 * folder, through a link, or no database at all: the launch presents the
 * running window and ends successfully. */
static void
test_same_database (void)
{
  g_autofree char *link = g_build_filename (tmpdir, "link-to-a.db", NULL);
  g_autofree char *subdir = g_build_filename (tmpdir, "elsewhere", NULL);
  g_autofree char *default_path = NULL;

  if (!can_run ())
    return;
  ensure_first_app ();
  g_assert_true (g_file_test (database_a, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_mkdir_with_parents (subdir, 0700), ==, 0);
  g_assert_cmpint (symlink ("a.db", link), ==, 0);

  assert_presents ("/", (const char * const []) { "--database", database_a, NULL });
  /* Relative to the launch's folder, not the running application's. */
  assert_presents (subdir, (const char * const []) { "--database", "../a.db", NULL });
  assert_presents ("/", (const char * const []) { "--database", link, NULL });
  /* As from the desktop's launcher: the open database stays, and the
   * default one is not made. */
  assert_presents ("/", (const char * const []) { NULL });
  default_path = rc_store_get_default_path ();
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
}

/* Another database: refused with a message and status 1, the file not
 * made, the running window kept, so that no two windows write at once. */
static void
test_other_database (void)
{
  g_autofree char *err = NULL;

  if (!can_run ())
    return;
  ensure_first_app ();

  g_assert_cmpint (launch_again ("/", (const char * const []) { "--database", database_b, NULL },
                                 &err), ==, 1);
  g_assert_nonnull (strstr (err, "one database at a time"));
  /* It says which one is open. */
  g_assert_nonnull (strstr (err, "a.db"));
  g_assert_false (g_file_test (database_b, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_windows (), ==, 1);
  g_assert_false (first_app_exited);
  g_assert_true (app_id_has_owner ());
}

/* Once the first application has quit, the id is free again and the next
 * launch is the first one, on the database it names. */
static void
test_quit_frees_the_id (void)
{
  if (!can_run ())
    return;
  ensure_first_app ();

  quit_first_app ();
  /* The bus may see the process gone a moment after we do. */
  for (guint i = 0; i < 100 && app_id_has_owner (); i++)
    g_usleep (20 * 1000);
  g_assert_false (app_id_has_owner ());

  start_first_app (database_b);
  g_assert_true (g_file_test (database_b, G_FILE_TEST_IS_REGULAR));
  quit_first_app ();
}

/* A window that could not open its database (here a folder) holds
 * nothing: a launch on another database replaces it. */
static void
test_failed_window_replaced (void)
{
  g_autofree char *folder = g_build_filename (tmpdir, "folder.db", NULL);
  g_autofree char *database_c = g_build_filename (tmpdir, "c.db", NULL);
  g_autofree char *err = NULL;

  if (!can_run ())
    return;
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  start_first_app (folder);
  g_assert_cmpint (launch_again ("/", (const char * const []) { "--database", database_c, NULL },
                                 &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_test (database_c, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_windows (), ==, 1);
  quit_first_app ();
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything reads it: GLib reads $XDG_DATA_HOME once, and the
   * launched programs inherit it. */
  tmpdir = rc_test_tmpdir_new ();
  rc_test_isolate_data_home (tmpdir);
  database_a = g_build_filename (tmpdir, "a.db", NULL);
  database_b = g_build_filename (tmpdir, "b.db", NULL);
  g_test_init (&argc, &argv, NULL);

  if (display != NULL)
    {
      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);
      /* g_test_dbus_up() unsets these along with the session bus's
       * address; the launched programs need the display, and GLib its
       * runtime folder. The bus's address, set again, comes first. */
      g_setenv ("DISPLAY", display, TRUE);
      if (runtime_dir != NULL)
        g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
      connection = g_dbus_connection_new_for_address_sync (
        g_test_dbus_get_bus_address (bus),
        G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/single-instance/same-database", test_same_database);
  g_test_add_func ("/single-instance/other-database", test_other_database);
  g_test_add_func ("/single-instance/quit-frees-the-id", test_quit_frees_the_id);
  g_test_add_func ("/single-instance/failed-window-replaced", test_failed_window_replaced);

  status = g_test_run ();

  if (first_app != NULL)
    quit_first_app ();
  if (connection != NULL)
    {
      g_dbus_connection_close_sync (connection, NULL, NULL);
      g_clear_object (&connection);
    }
  if (bus != NULL)
    {
      g_test_dbus_down (bus);
      g_clear_object (&bus);
    }
  g_free (database_a);
  g_free (database_b);
  rc_test_tmpdir_free (tmpdir);
  return status;
}
