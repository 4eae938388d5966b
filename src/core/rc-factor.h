/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RC_TYPE_FACTOR (rc_factor_get_type ())

G_DECLARE_FINAL_TYPE (RcFactor, rc_factor, RC, FACTOR, GObject)

const char *rc_factor_get_key          (RcFactor *self);
const char *rc_factor_get_title        (RcFactor *self);
const char *rc_factor_get_description  (RcFactor *self);
const char *rc_factor_get_level_label  (RcFactor *self,
                                        int       score);
const char *rc_factor_get_level_anchor (RcFactor *self,
                                        int       score);
gboolean    rc_factor_get_reliability  (RcFactor *self,
                                        double   *r,
                                        double   *sd);

G_END_DECLS
