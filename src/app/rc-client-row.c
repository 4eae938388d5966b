/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-client-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-client-row.h"

/* One client in the sidebar: the name, and below it the clinic code and
 * birth date that tell apart two people of the same name. In privacy mode,
 * for when a client can see the screen, the code alone stands in for
 * both: a birth date beside it would still say who someone is. */

struct _RcClientRow
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
};

G_DEFINE_FINAL_TYPE (RcClientRow, rc_client_row, GTK_TYPE_WIDGET)

static void
rc_client_row_dispose (GObject *object)
{
  rc_app_dispose_children (GTK_WIDGET (object), RC_TYPE_CLIENT_ROW);

  G_OBJECT_CLASS (rc_client_row_parent_class)->dispose (object);
}

static void
rc_client_row_class_init (RcClientRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_client_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-client-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RcClientRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RcClientRow, subtitle_label);
}

static void
rc_client_row_init (RcClientRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rc_client_row_new (void)
{
  return g_object_new (RC_TYPE_CLIENT_ROW, NULL);
}

void
rc_client_row_set_client (RcClientRow *self,
                          RcClient    *client,
                          gboolean     show_codes_only)
{
  g_autofree char *name = NULL;
  g_autofree char *born = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (RC_IS_CLIENT_ROW (self));
  g_return_if_fail (RC_IS_CLIENT (client));

  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), !show_codes_only);
  if (show_codes_only)
    {
      gtk_label_set_text (self->title_label, rc_client_get_clinic_code (client));
      /* Rows are recycled: no birth date stays behind in the hidden label. */
      gtk_label_set_text (self->subtitle_label, "");
      return;
    }

  name = rc_client_dup_full_name (client);
  born = rc_labels_format_date (rc_client_get_birth_date (client));
  gtk_label_set_text (self->title_label, name);
  /* Translators: clinic code · birth date */
  subtitle = g_strdup_printf (_("%s · born %s"), rc_client_get_clinic_code (client), born);
  gtk_label_set_text (self->subtitle_label, subtitle);
}
