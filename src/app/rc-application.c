/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-application"

#include "config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>

#include "rc-application.h"
#include "rc-window.h"

struct _RcApplication
{
  AdwApplication       parent_instance;

  char                *database_path;
  RcInstrumentCatalog *catalog;
  RcStore             *store;
  GError              *store_error;
};

G_DEFINE_FINAL_TYPE (RcApplication, rc_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in PATH instead of the default one"), N_("PATH") },
  G_OPTION_ENTRY_NULL
};

/* A window waits this long for another program's write, then tries
 * again later, so that it never freezes for seconds. */
#define BUSY_TIMEOUT_MS 50

/* The user guide's id: help/meson.build installs its pages in
 * share/help/LANG/HELP_ID, and the desktop's help viewer finds them there
 * through help:HELP_ID. */
#define HELP_ID PACKAGE_NAME

static char *
dup_database_path (RcApplication *self)
{
  if (self->store != NULL)
    return g_strdup (rc_store_get_path (self->store));
  if (self->database_path != NULL)
    return g_strdup (self->database_path);
  return rc_store_get_default_path ();
}

/* The same file, also through another name or link. */
static gboolean
is_same_file (const char *a,
              const char *b)
{
  GStatBuf stat_a, stat_b;

  if (g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0)
    return stat_a.st_dev == stat_b.st_dev && stat_a.st_ino == stat_b.st_ino;
  return g_str_equal (a, b);
}

static GtkWindow *
find_main_window (RcApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (RC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Every launch in the desktop session arrives here, in the first one:
 * one window, on one database, so that no two write the same draft. */
static int
rc_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  RcApplication *self = RC_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  GtkWindow *window = find_main_window (self);
  g_autofree char *argument = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &argument))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              argument);

      path = g_file_get_path (file);
    }
  /* A window that could not open its database holds nothing: another
   * database replaces it. */
  if (window != NULL && path != NULL && self->store == NULL)
    {
      gtk_window_destroy (window);
      window = NULL;
    }
  if (window != NULL && path != NULL)
    {
      g_autofree char *open_path = dup_database_path (self);

      if (!is_same_file (path, open_path))
        {
          g_application_command_line_printerr (command_line,
                                               _("%s is open: Recovery Capital opens one "
                                                 "database at a time. Close its window to open "
                                                 "another.\n"), open_path);
          gtk_window_present (window);
          rc_window_show_toast (RC_WINDOW (window),
                                _("One database is open at a time. Close this window to open "
                                  "another."));
          return EXIT_FAILURE;
        }
    }
  else if (path != NULL)
    g_object_set (self, "database-path", path, NULL);
  g_application_activate (application);
  return EXIT_SUCCESS;
}

static void
query_end_cb (GtkApplication *application)
{
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (RC_IS_WINDOW (l->data))
      rc_window_prepare_for_session_end (l->data);
}

static void
rc_application_startup (GApplication *application)
{
  RcApplication *self = RC_APPLICATION (application);

  G_APPLICATION_CLASS (rc_application_parent_class)->startup (application);

  /* Health records: what the toolkit writes for us too (Print to File,
   * files it saves) is readable by its owner only, like our own files. */
  umask (S_IRWXG | S_IRWXO);
  /* Nor does the desktop's list of recent files name the exports and
   * reports GTK's own file chooser saves. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);
  self->catalog = rc_instrument_catalog_new_default ();
  g_signal_connect (self, "query-end", G_CALLBACK (query_end_cb), NULL);
}

/* Opened at the first activation rather than at start-up, so that a
 * changed database-path takes effect at the next window. */
static void
ensure_store (RcApplication *self)
{
  g_autofree char *default_path = rc_store_get_default_path ();

  if (self->store != NULL || self->store_error != NULL)
    return;
  self->store = rc_store_open (self->database_path ? self->database_path : default_path,
                               self->catalog, &self->store_error);
  if (self->store == NULL)
    return;
  rc_store_set_busy_timeout (self->store, BUSY_TIMEOUT_MS);
  if (!rc_store_hold_lock (self->store, &self->store_error))
    g_clear_object (&self->store);
}

static void
rc_application_activate (GApplication *application)
{
  RcApplication *self = RC_APPLICATION (application);
  GtkWindow *window = find_main_window (self);

  ensure_store (self);
  if (window == NULL)
    window = GTK_WINDOW (rc_window_new (self, self->store_error));
  gtk_window_present (window);
}

/* As closing each window does, so that what is pending is written
 * first; a window that can't write it yet stays open and says so. */
static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RcApplication *self = user_data;
  GtkWindow *window;

  while ((window = find_main_window (self)) != NULL)
    {
      gtk_window_close (window);
      if (find_main_window (self) == window)
        return;
    }
  g_application_quit (G_APPLICATION (self));
}


static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Recovery Capital"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Recovery Capital developers"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Record and compare clients’ recovery capital, offline."),
                         NULL);
}

/* Where the guide's English pages are installed, or %NULL when they are
 * not there (a build run from its folder). */
static char *
dup_installed_help_folder (void)
{
  /* PKGDATADIR is DATADIR/PACKAGE_NAME: help lives beside it. */
  g_autofree char *datadir = g_path_get_dirname (PKGDATADIR);
  g_autofree char *folder = g_build_filename (datadir, "help", "C", HELP_ID, NULL);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&folder);
}

/* Said plainly rather than failing silently: without a viewer for help:
 * URIs (Yelp, in its own package) F1 would seem to do nothing. */
static void
show_help_unavailable (GtkApplication *application)
{
  GtkWindow *parent = gtk_application_get_active_window (application);
  g_autofree char *folder = dup_installed_help_folder ();
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (folder != NULL)
    body = g_strdup_printf (_("The user guide opens in the Help viewer, Yelp, which is not "
                              "installed on this computer. Install the “yelp” package to read "
                              "it. Its pages are in %s."), folder);
  else
    body = g_strdup (_("The user guide opens in the Help viewer, Yelp, which is not installed on "
                       "this computer. Install the “yelp” package to read it."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Help Is Not Available"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkApplication) application = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (source != NULL ? GTK_WINDOW (source) : NULL, result, &error))
    {
      g_debug ("The help could not be shown: %s", error->message);
      show_help_unavailable (application);
    }
}

/* Inside a sandbox the desktop portal opens help: URIs with the host's
 * viewer, which the sandbox can't see; outside it, GIO asks for the
 * default handler of the scheme, and knowing first that there is none
 * shows the reason at once instead of after a detour. */
static gboolean
can_show_help (void)
{
  g_autoptr(GAppInfo) viewer = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  viewer = g_app_info_get_default_for_uri_scheme ("help");
  return viewer != NULL;
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (application);

  if (!can_show_help ())
    {
      show_help_unavailable (application);
      return;
    }
  gtk_show_uri_full (window, "help:" HELP_ID, GDK_CURRENT_TIME, NULL, help_shown_cb,
                     g_object_ref (application));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "help", help_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static void
rc_application_finalize (GObject *object)
{
  RcApplication *self = RC_APPLICATION (object);

  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_error (&self->store_error);
  g_free (self->database_path);

  G_OBJECT_CLASS (rc_application_parent_class)->finalize (object);
}

static void
rc_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RcApplication *self = RC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RcApplication *self = RC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      g_clear_object (&self->store);
      g_clear_error (&self->store_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_application_class_init (RcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rc_application_finalize;
  object_class->get_property = rc_application_get_property;
  object_class->set_property = rc_application_set_property;

  /**
   * RcApplication:database-path:
   *
   * The database the next window opens; %NULL for the default one. Set
   * by `--database PATH`.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  application_class->command_line = rc_application_command_line;
  application_class->startup = rc_application_startup;
  application_class->activate = rc_application_activate;
}

static void
rc_application_init (RcApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
}

/**
 * rc_application_new:
 * @database_path: (nullable): the database to open, or %NULL for the
 *   default one (or the one given with `--database`)
 */
RcApplication *
rc_application_new (const char *database_path)
{
  /* Unique: a second launch presents the first one's window (see
   * rc_application_command_line()). register-session: to write what is
   * pending before the desktop session ends. */
  return g_object_new (RC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "register-session", TRUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       "database-path", database_path,
                       NULL);
}

/**
 * rc_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL when it
 *   could not be opened
 */
RcStore *
rc_application_get_store (RcApplication *self)
{
  g_return_val_if_fail (RC_IS_APPLICATION (self), NULL);
  return self->store;
}
