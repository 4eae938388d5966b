/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-window.h"

struct _RcWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
};

G_DEFINE_FINAL_TYPE (RcWindow, rc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
rc_window_class_init (RcWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/rc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RcWindow, status_page);
}

static void
rc_window_init (RcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Until the assessment workflow lands, the window says what the database
 * holds, or why it could not be opened. */
static void
show_store (RcWindow      *self,
            RcApplication *application,
            const GError  *store_error)
{
  RcStore *store = rc_application_get_store (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gint64 n_clients;

  if (store == NULL)
    {
      adw_status_page_set_icon_name (self->status_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->status_page, _("The Database Could Not Be Opened"));
      adw_status_page_set_description (self->status_page, store_error->message);
      return;
    }

  n_clients = rc_store_count_clients (store, &error);
  if (n_clients < 0)
    description = g_strdup (error->message);
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " client recorded",
                                                "%" G_GINT64_FORMAT " clients recorded",
                                                (gulong) n_clients),
                                   n_clients);
  adw_status_page_set_description (self->status_page, description);
  adw_window_title_set_subtitle (self->window_title, rc_store_get_path (store));
}

RcWindow *
rc_window_new (RcApplication *application,
               const GError  *store_error)
{
  RcWindow *self = g_object_new (RC_TYPE_WINDOW, "application", application, NULL);

  show_store (self, application, store_error);
  return self;
}
