/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_BACKUPS_WINDOW (rc_backups_window_get_type ())

G_DECLARE_FINAL_TYPE (RcBackupsWindow, rc_backups_window, RC, BACKUPS_WINDOW, AdwWindow)

GtkWidget *rc_backups_window_new (GtkWindow  *parent,
                                  GPtrArray  *backups);

G_END_DECLS
