/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-new-client-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rc-app-util.h"
#include "rc-new-client-dialog.h"

/* Registers a client: names, clinic code and birth date, checked before
 * anything is stored. The focus starts in the first field; Enter adds,
 * Escape cancels. A problem is said in plain words on the field concerned,
 * and the dialog stays open with what was typed, so nothing has to be
 * entered twice. */

struct _RcNewClientDialog
{
  AdwWindow    parent_instance;

  RcStore     *store;
  AdwEntryRow *given_name_row;
  AdwEntryRow *family_name_row;
  AdwEntryRow *clinic_code_row;
  AdwEntryRow *birth_date_row;
  GtkLabel    *error_label;
  GtkWidget   *add_button;
};

G_DEFINE_FINAL_TYPE (RcNewClientDialog, rc_new_client_dialog, ADW_TYPE_WINDOW)

enum {
  CLIENT_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
clear_problem (RcNewClientDialog *self)
{
  AdwEntryRow *rows[] = { self->given_name_row, self->family_name_row, self->clinic_code_row,
                          self->birth_date_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    rc_app_mark_field (GTK_WIDGET (rows[i]), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Says what is wrong on the field concerned, and goes there; with no
 * @row, only says it. */
static void
show_problem (RcNewClientDialog *self,
              AdwEntryRow       *row,
              const char        *message)
{
  clear_problem (self);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (row == NULL)
    return;
  rc_app_mark_field (GTK_WIDGET (row), message);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* The first field that is wrong, with what is wrong in plain words. */
static AdwEntryRow *
find_problem (RcNewClientDialog  *self,
              const char        **message)
{
  g_autofree char *given = stripped_text (self->given_name_row);
  g_autofree char *family = stripped_text (self->family_name_row);
  g_autofree char *code = stripped_text (self->clinic_code_row);
  g_autofree char *birth_date = stripped_text (self->birth_date_row);
  const struct
  {
    gboolean     wrong;
    AdwEntryRow *row;
    const char  *message;
  } checks[] = {
    { *given == '\0', self->given_name_row, _("Enter the given name.") },
    /* Such characters mostly come with pasted text, and often can't be
     * seen: typing the text again is the way out. */
    { !rc_text_is_clean_name (given), self->given_name_row,
      _("The given name contains a character that can't be used in a name. It may be "
        "invisible: type the name again instead of pasting it.") },
    { *family == '\0', self->family_name_row, _("Enter the family name.") },
    { !rc_text_is_clean_name (family), self->family_name_row,
      _("The family name contains a character that can't be used in a name. It may be "
        "invisible: type the name again instead of pasting it.") },
    { *code == '\0', self->clinic_code_row, _("Enter the clinic code.") },
    { !rc_text_is_clean_code (code), self->clinic_code_row,
      _("The clinic code contains a character that can't be used in a clinic code. It may be "
        "invisible: type the code again instead of pasting it.") },
    { *birth_date != '\0' && !rc_date_is_valid (birth_date), self->birth_date_row,
      _("The birth date must be a real date, written as YYYY-MM-DD.") },
    { *birth_date != '\0' && rc_date_is_future (birth_date), self->birth_date_row,
      _("The birth date is in the future.") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (checks[i].wrong)
      {
        *message = checks[i].message;
        return checks[i].row;
      }
  return NULL;
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RcNewClientDialog *self = RC_NEW_CLIENT_DIALOG (widget);
  g_autoptr(RcClient) client = rc_client_new ();
  g_autofree char *given = stripped_text (self->given_name_row);
  g_autofree char *family = stripped_text (self->family_name_row);
  g_autofree char *code = stripped_text (self->clinic_code_row);
  g_autofree char *birth_date = stripped_text (self->birth_date_row);
  g_autoptr(GError) error = NULL;
  const char *message;
  AdwEntryRow *wrong = find_problem (self, &message);

  if (wrong != NULL)
    {
      show_problem (self, wrong, message);
      return;
    }
  rc_client_set_given_name (client, given);
  rc_client_set_family_name (client, family);
  rc_client_set_clinic_code (client, code);
  rc_client_set_birth_date (client, *birth_date != '\0' ? birth_date : NULL);

  if (!rc_store_save_client (self->store, client, &error))
    {
      g_autofree char *in_use = NULL;

      /* The store's messages are for logs and scripts; the worker gets
       * plain words, and the dialog keeps what was typed. */
      if (g_error_matches (error, RC_ERROR, RC_ERROR_CONFLICT))
        {
          in_use = g_strdup_printf (_("Another client already has the clinic code %s."), code);
          show_problem (self, self->clinic_code_row, in_use);
        }
      else
        {
          g_warning ("A new client could not be stored: %s", error->message);
          show_problem (self, NULL,
                        _("The client could not be saved. Nothing was stored; try again."));
        }
      return;
    }
  g_signal_emit (self, signals[CLIENT_CREATED], 0, client);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rc_new_client_dialog_dispose (GObject *object)
{
  RcNewClientDialog *self = RC_NEW_CLIENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RC_TYPE_NEW_CLIENT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_new_client_dialog_parent_class)->dispose (object);
}

static void
rc_new_client_dialog_class_init (RcNewClientDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rc_new_client_dialog_dispose;

  /**
   * RcNewClientDialog::client-created:
   * @client: the client, as stored
   */
  signals[CLIENT_CREATED] = g_signal_new ("client-created", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, RC_TYPE_CLIENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rc-new-client-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RcNewClientDialog, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, RcNewClientDialog, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, RcNewClientDialog, clinic_code_row);
  gtk_widget_class_bind_template_child (widget_class, RcNewClientDialog, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, RcNewClientDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RcNewClientDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, clear_problem);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, add_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rc_new_client_dialog_init (RcNewClientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
  /* Typing goes to the first field at once, never to a header button. */
  gtk_widget_grab_focus (GTK_WIDGET (self->given_name_row));
}

RcNewClientDialog *
rc_new_client_dialog_new (GtkWindow *parent,
                          RcStore   *store)
{
  RcNewClientDialog *self = g_object_new (RC_TYPE_NEW_CLIENT_DIALOG,
                                          "transient-for", parent,
                                          NULL);

  self->store = g_object_ref (store);
  return self;
}
