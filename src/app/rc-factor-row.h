/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "rc-core.h"

G_BEGIN_DECLS

#define RC_TYPE_FACTOR_ROW (rc_factor_row_get_type ())

G_DECLARE_FINAL_TYPE (RcFactorRow, rc_factor_row, RC, FACTOR_ROW, GtkWidget)

GtkWidget  *rc_factor_row_new        (RcFactor    *factor,
                                      int          min_score,
                                      int          max_score);
RcFactor   *rc_factor_row_get_factor (RcFactorRow *self);
void        rc_factor_row_set_rating (RcFactorRow *self,
                                      int          score,
                                      const char  *note,
                                      const char  *goal);
int         rc_factor_row_get_score  (RcFactorRow *self);
gboolean    rc_factor_row_rate       (RcFactorRow *self,
                                      int          score);
const char *rc_factor_row_get_note   (RcFactorRow *self);
const char *rc_factor_row_get_goal   (RcFactorRow *self);
GtkWidget  *rc_factor_row_get_level_button (RcFactorRow *self,
                                            int          score);
gboolean    rc_factor_row_focus_levels (RcFactorRow *self);

G_END_DECLS
