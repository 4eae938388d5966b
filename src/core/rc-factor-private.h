/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rc-factor.h"

G_BEGIN_DECLS

RcFactor *rc_factor_new             (const char *key);
void      rc_factor_set_title       (RcFactor   *self,
                                     const char *title);
void      rc_factor_set_description (RcFactor   *self,
                                     const char *description);
void      rc_factor_set_level       (RcFactor   *self,
                                     int         score,
                                     const char *label,
                                     const char *anchor);
gboolean  rc_factor_has_levels      (RcFactor   *self,
                                     int         min_score,
                                     int         max_score);
void      rc_factor_set_reliability (RcFactor   *self,
                                     double      r,
                                     double      sd);

G_END_DECLS
