/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-store.h"

G_BEGIN_DECLS

gboolean rc_demo_generate (RcStore       *store,
                           RcInstrument  *instrument,
                           guint          n_clients,
                           guint32        seed,
                           GError       **error);

G_END_DECLS
