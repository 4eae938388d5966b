/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rc-test-ui.h"
#include "rc-test-util.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* For the UI tests: the real application and window under Xvfb, driven
 * the way a user would drive them, through actions, key handlers and
 * widgets, with no mock of the toolkit. */

/* One application for the whole test program: D-Bus lets a process
 * register an application id only once. */
static RcApplication *application;

void
rc_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* A blinking cursor redraws every frame, and the keyboard tests wait
   * for GTK to fall quiet after each key. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* Light unless a test asks for dark, whatever the desktop prefers. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  application = rc_application_new (NULL);
  /* Side by side with the other test programs, each on its own database;
   * the second-launch test has a D-Bus session of its own. */
  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) |
                           G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
}

/* Runs the main loop for @milliseconds, so that timeouts, redraws and
 * autosaves happen as they would for a user; longer where everything is
 * slower (rc_test_time_scale()). */
void
rc_test_ui_wait (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000 * rc_test_time_scale ();

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/**
 * rc_test_ui_start:
 * @database: the database file
 *
 * Opens a window on @database and waits until it shows.
 *
 * Returns: (transfer none): the application
 */
RcApplication *
rc_test_ui_start (const char *database)
{
  g_object_set (application, "database-path", database, NULL);
  g_application_activate (G_APPLICATION (application));
  rc_test_ui_wait (200);
  g_assert_nonnull (rc_test_ui_get_window (application));
  return application;
}

/* Closes every window as the user would, which saves what is pending,
 * and closes the database. */
void
rc_test_ui_stop (RcApplication *self)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
  rc_test_ui_wait (50);
  g_object_set (self, "database-path", NULL, NULL);
}

/**
 * rc_test_ui_start_at_keyboard:
 * @database: the database file
 * @application_out: (out): the application
 *
 * Opens a window on @database at a laptop's size and gives it the
 * keyboard focus, ready for rc_test_ui_keys().
 */
RcWindow *
rc_test_ui_start_at_keyboard (const char     *database,
                              RcApplication **application_out)
{
  RcWindow *window;

  *application_out = rc_test_ui_start (database);
  window = rc_test_ui_get_window (*application_out);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  rc_test_ui_activate (GTK_WINDOW (window));
  return window;
}

/**
 * rc_test_ui_store_with_clients:
 * @folder: where the database goes
 * @name: its file name
 * @path: (out): its path
 *
 * Returns: (transfer full): a store holding RC-000100 Ada Abbott,
 *   RC-000200 Bea Brown and RC-000300 Cas Young
 */
RcStore *
rc_test_ui_store_with_clients (const char  *folder,
                               const char  *name,
                               char       **path)
{
  const char *clients[][3] = {
    { "RC-000100", "Ada", "Abbott" },
    { "RC-000200", "Bea", "Brown" },
    { "RC-000300", "Cas", "Young" },
  };
  RcStore *store;

  *path = g_build_filename (folder, name, NULL);
  store = rc_test_open_store (*path);
  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autoptr(RcClient) client = rc_test_make_client (clients[i][0], clients[i][1],
                                                        clients[i][2]);
      g_autoptr(GError) error = NULL;

      g_assert_true (rc_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  return store;
}

/**
 * rc_test_ui_stored_assessments:
 *
 * Returns: (transfer full): the assessments @store holds for the client
 *   with @code, newest last
 */
GPtrArray *
rc_test_ui_stored_assessments (RcStore    *store,
                               const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcClient) client = rc_store_find_client (store, code, &error);
  GPtrArray *assessments;

  g_assert_no_error (error);
  assessments = rc_store_list_assessments (store, rc_client_get_uuid (client), &error);
  g_assert_no_error (error);
  return assessments;
}

RcWindow *
rc_test_ui_get_window (RcApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (RC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/**
 * rc_test_ui_start_at_laptop_size:
 *
 * Returns: (transfer none): the window on @database, 1100 by 760 and
 *   drawn
 */
RcWindow *
rc_test_ui_start_at_laptop_size (const char      *database,
                                 RcApplication  **application_out)
{
  RcWindow *window;

  *application_out = rc_test_ui_start (database);
  window = rc_test_ui_get_window (*application_out);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  rc_test_ui_wait (300);
  return window;
}

/**
 * rc_test_ui_client_to_compare:
 * @latest: (out) (optional): the latest of the client's complete
 *   assessments
 *
 * Returns: (transfer full): the first client in @window's list with two
 *   complete assessments or more, something to compare
 */
RcClient *
rc_test_ui_client_to_compare (RcWindow      *window,
                              RcAssessment **latest)
{
  GtkApplication *owner = gtk_window_get_application (GTK_WINDOW (window));
  RcStore *store = rc_application_get_store (RC_APPLICATION (owner));
  GListModel *clients = rc_window_get_clients (window);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(RcClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) all = rc_store_list_assessments (store, rc_client_get_uuid (client),
                                                            &error);
      g_autoptr(GPtrArray) current = NULL;

      g_assert_no_error (error);
      current = rc_assessments_current_complete (all);
      if (current->len < 2)
        continue;
      if (latest != NULL)
        *latest = g_object_ref (g_ptr_array_index (current, current->len - 1));
      return g_steal_pointer (&client);
    }
  g_assert_not_reached ();
}

/* Delivers a key press to @widget's key controllers, as GTK does with
 * the focus inside @widget. GTK 4.8 has no public way to synthesize the
 * event itself. */
gboolean
rc_test_ui_press_key (GtkWidget *widget,
                      guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

GtkWidget *
rc_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 guint     *nth)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*nth == 0)
        return widget;
      (*nth)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, nth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * rc_test_ui_find_descendant:
 *
 * Returns: (transfer none) (nullable): the @nth widget of @type inside
 *   @widget, depth first
 */
GtkWidget *
rc_test_ui_find_descendant (GtkWidget *widget,
                            GType      type,
                            guint      nth)
{
  return find_descendant (widget, type, &nth);
}

/**
 * rc_test_ui_find_client_list:
 *
 * Returns: (transfer none): the sidebar's list of clients (combo rows
 *   have list views too)
 */
GtkWidget *
rc_test_ui_find_client_list (RcWindow *window)
{
  GtkWidget *view;

  for (guint i = 0; (view = rc_test_ui_find_descendant (GTK_WIDGET (window),
                                                        GTK_TYPE_LIST_VIEW, i)) != NULL; i++)
    {
      GtkSelectionModel *model = gtk_list_view_get_model (GTK_LIST_VIEW (view));

      if (GTK_IS_SINGLE_SELECTION (model) &&
          gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)) ==
          rc_window_get_clients (window))
        return view;
    }
  g_assert_not_reached ();
}

/**
 * rc_test_ui_find_label:
 *
 * Returns: (transfer none) (nullable): a mapped label inside @widget whose
 *   text contains @text
 */
GtkWidget *
rc_test_ui_find_label (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rc_test_ui_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Renders @widget as the user sees it into screenshots/ in the build
 * directory, for a person to look at. */
void
rc_test_ui_screenshot (GtkWidget  *widget,
                       const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *directory = g_build_filename (g_getenv ("RC_BUILD_ROOT"), "screenshots", NULL);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  int width = 0;
  int height = 0;

  /* Past the stacks' crossfade, and until a window just shown has been
   * laid out and drawn, which a loaded machine can take a while to do. */
  rc_test_ui_wait (400);
  for (guint tries = 0; node == NULL && tries < 30; tries++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (tries > 0)
        rc_test_ui_wait (100);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (directory, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/**
 * rc_test_ui_can_type:
 *
 * Whether real key events can be sent: an X display with a window manager
 * (build-aux/with-wm) and xdotool. Otherwise the test is marked skipped,
 * and GTest reports it so.
 */
gboolean
rc_test_ui_can_type (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  if (xdotool != NULL && g_getenv ("RC_TEST_WM") != NULL &&
      GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    return TRUE;
#endif
  g_test_skip ("real key events need X11, xdotool and a window manager (build-aux/with-wm)");
  return FALSE;
}

static void
subprocess_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, NULL));
  *done = TRUE;
}

/* Lets GTK handle what the X server still holds and what that set off,
 * however busy the machine: until nothing has been ready to run for
 * 150 ms (a transition or a spinner can keep it busy: at most 3 s). */
static void
settle (void)
{
  gint64 quiet_since = g_get_monotonic_time ();
  gint64 give_up = quiet_since + 3 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () - quiet_since < 150 * 1000 &&
         g_get_monotonic_time () < give_up)
    {
      if (g_main_context_iteration (NULL, FALSE))
        quiet_since = g_get_monotonic_time ();
      else
        g_usleep (2000);
    }
}

/* Runs xdotool with @args while the main loop turns, so that GTK handles
 * each key as it arrives, at the pace xdotool sends them. */
static void
run_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, subprocess_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  settle ();
}

/**
 * rc_test_ui_activate:
 *
 * Presents @window and gives it the keyboard focus through the window
 * manager, as a click on it would.
 */
void
rc_test_ui_activate (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  g_autofree char *xid = NULL;

  gtk_window_present (window);
  rc_test_ui_wait (200);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                           gtk_native_get_surface (GTK_NATIVE (window))));
  run_xdotool ((const char * const []) { "windowactivate", "--sync", xid, NULL });
  for (guint i = 0; i < 50 && !gtk_window_is_active (window); i++)
    rc_test_ui_wait (20);
#endif
  g_assert_true (gtk_window_is_active (window));
}

/* The X keysym name that types @c, for the ASCII a test types. */
static const char *
keysym_name (char c)
{
  static char single[2];
  static const struct
  {
    char        c;
    const char *name;
  } names[] = {
    { ' ', "space" }, { '-', "minus" }, { '\'', "apostrophe" }, { '.', "period" },
    { ',', "comma" }, { '/', "slash" }, { '\t', "Tab" }, { '\n', "Return" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].c == c)
      return names[i].name;
  g_assert_true (g_ascii_isalnum (c));
  single[0] = c;
  return single;
}

/**
 * rc_test_ui_type:
 * @text: ASCII; a tab presses Tab, a newline Return
 *
 * Types @text into whatever has the keyboard focus, 60 ms a key, as a
 * person at a normal pace — a Return just as quickly as a letter.
 */
void
rc_test_ui_type (const char *text)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (const char *c = text; *c != '\0'; c++)
    g_string_append_printf (keys, "%s%s", c == text ? "" : " ", keysym_name (*c));
  rc_test_ui_keys (keys->str);
}

/**
 * rc_test_ui_keys:
 * @keys: xdotool key names, such as "ctrl+shift+n" or "Tab Tab Return"
 *
 * Presses @keys one after the other, 60 ms apart.
 */
void
rc_test_ui_keys (const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "key");
  g_ptr_array_add (args, (gpointer) "--delay");
  g_ptr_array_add (args, (gpointer) "60");
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (args, names[i]);
  g_ptr_array_add (args, NULL);
  run_xdotool ((const char * const *) args->pdata);
}

/**
 * rc_test_ui_skip_file_chooser:
 *
 * Under AddressSanitizer, marks the test skipped and returns %TRUE: the
 * file chooser of GTK 4.8 leaks the file information its path bar asks
 * for, in callbacks of its own (libgtk-4.so.1, gtkpathbar.c) that have no
 * symbol a suppression could name without also hiding leaks of ours.
 */
gboolean
rc_test_ui_skip_file_chooser (void)
{
#if defined (__SANITIZE_ADDRESS__)
  g_test_skip ("GTK 4.8's file chooser leaks in its path bar, which no suppression can name");
  return TRUE;
#else
  return FALSE;
#endif
}

/**
 * rc_test_ui_wait_for_toplevel:
 *
 * Waits up to 10 s (longer where everything is slower) for a visible
 * window of @type, such as one a worker's result opens.
 *
 * Returns: (transfer none) (nullable): the window
 */
GtkWidget *
rc_test_ui_wait_for_toplevel (GType type)
{
  GtkWidget *window = NULL;

  for (guint tries = 0; tries < 100 && window == NULL; tries++)
    {
      rc_test_ui_wait (100);
      window = rc_test_ui_find_toplevel (type);
    }
  return window;
}

/**
 * rc_test_ui_wait_for_message_dialog:
 *
 * Waits up to 10 s (longer where everything is slower) for a visible
 * message dialog whose heading starts with @heading, such as the one an
 * import shows once its worker has read the file.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
rc_test_ui_wait_for_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint tries = 0; tries < 100; tries++)
    {
      rc_test_ui_wait (100);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
              g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                                heading))
            return window;
        }
    }
  return NULL;
}

/**
 * rc_test_ui_wait_for_backups:
 *
 * Waits up to 10 s (longer where everything is slower) for @store to
 * have a backup, such as the one the window's worker makes once it has
 * drawn.
 *
 * Returns: (transfer full) (element-type RcBackup): the backups listed
 *   last, empty when none came
 */
GPtrArray *
rc_test_ui_wait_for_backups (RcStore *store)
{
  GPtrArray *backups = NULL;

  for (guint tries = 0; tries < 100; tries++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&backups, g_ptr_array_unref);
      backups = rc_store_list_backups (store, &error);
      g_assert_no_error (error);
      if (backups->len > 0)
        break;
      rc_test_ui_wait (100);
    }
  return backups;
}
