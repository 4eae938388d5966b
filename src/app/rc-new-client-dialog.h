/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_NEW_CLIENT_DIALOG (rc_new_client_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RcNewClientDialog, rc_new_client_dialog, RC, NEW_CLIENT_DIALOG, AdwWindow)

RcNewClientDialog *rc_new_client_dialog_new (GtkWindow *parent,
                                             RcStore   *store);

G_END_DECLS
