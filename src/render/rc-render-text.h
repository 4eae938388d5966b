/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Text helpers the charts share. */
double       rc_render_font_pixel_size (const PangoFontDescription *font);
PangoLayout *rc_render_create_layout   (cairo_t                    *cr,
                                        const PangoFontDescription *font,
                                        const char                 *text);

G_END_DECLS
