/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-backups-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-backups-window.h"
#include "rc-i18n.h"
#include "rc-labels.h"

/* The database's backups, newest first, each with what it holds and a
 * Restore button. Restoring is the window's to confirm and do: this one
 * only asks for it (RcBackupsWindow::restore). */

struct _RcBackupsWindow
{
  AdwWindow  parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *group;
};

G_DEFINE_FINAL_TYPE (RcBackupsWindow, rc_backups_window, ADW_TYPE_WINDOW)

enum {
  RESTORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_label (RcBackupKind kind)
{
  switch (kind)
    {
    case RC_BACKUP_MANUAL:
      return _("Made by hand");
    case RC_BACKUP_PRE_MIGRATION:
      return _("Before an upgrade");
    case RC_BACKUP_PRE_RESTORE:
      return _("Before a restore");
    case RC_BACKUP_DAILY:
    default:
      return _("Daily");
    }
}

/* "2 December 2026, 17:20": when @backup was made, in local time. */
static char *
describe_time (const RcBackup *backup)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (backup->made_at, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup (backup->made_at);
  /* Translators: a backup's date and time, see g_date_time_format() */
  return rc_labels_format_time (local, _("%-d %B %Y, %H:%M"));
}

static void
restore_clicked_cb (GtkButton       *button,
                    RcBackupsWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");

  g_signal_emit (self, signals[RESTORE], 0, path);
}

static GtkWidget *
new_row (RcBackupsWindow *self,
         const RcBackup  *backup)
{
  g_autofree char *time = describe_time (backup);
  g_autofree char *clients = rc_i18n_count ("%s client", "%s clients", backup->n_clients);
  g_autofree char *assessments = rc_i18n_count ("%s assessment", "%s assessments",
                                                backup->n_assessments);
  /* Translators: kind · clients · assessments · verified */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s · %s"), kind_label (backup->kind),
                                               clients, assessments,
                                               backup->verified ? _("verified")
                                                                : _("not verified"));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), time);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "path", g_strdup (backup->path), g_free);
  /* Said with the row's title, so that a screen reader knows which. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  time, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (restore_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rc_backups_window_class_init (RcBackupsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * RcBackupsWindow::restore:
   * @path: the backup chosen
   */
  signals[RESTORE] = g_signal_new ("restore", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-backups-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RcBackupsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RcBackupsWindow, group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rc_backups_window_init (RcBackupsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rc_backups_window_new:
 * @backups: (element-type RcBackup): newest first
 */
GtkWidget *
rc_backups_window_new (GtkWindow *parent,
                       GPtrArray *backups)
{
  RcBackupsWindow *self = g_object_new (RC_TYPE_BACKUPS_WINDOW, "transient-for", parent, NULL);

  for (guint i = 0; i < backups->len; i++)
    adw_preferences_group_add (self->group, new_row (self, g_ptr_array_index (backups, i)));
  gtk_stack_set_visible_child_name (self->stack, backups->len > 0 ? "list" : "none");
  return GTK_WIDGET (self);
}
