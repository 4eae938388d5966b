/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-application"

#include "config.h"

#include <sys/stat.h>

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

static int
rc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  RcApplication *self = RC_APPLICATION (application);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    g_object_set (self, "database-path", path, NULL);
  return -1;
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
}

static void
rc_application_activate (GApplication *application)
{
  RcApplication *self = RC_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  ensure_store (self);
  if (window == NULL)
    window = GTK_WINDOW (rc_window_new (self, self->store_error));
  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
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

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
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

  application_class->handle_local_options = rc_application_handle_local_options;
  application_class->startup = rc_application_startup;
  application_class->activate = rc_application_activate;
}

static void
rc_application_init (RcApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}

/**
 * rc_application_new:
 * @database_path: (nullable): the database to open, or %NULL for the
 *   default one (or the one given with `--database`)
 */
RcApplication *
rc_application_new (const char *database_path)
{
  /* NON_UNIQUE: each window owns its database connection; a second
   * instance with another --database must not be forwarded to the first. */
  return g_object_new (RC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
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
