/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-render-text"

#include "config.h"

#include <pango/pangocairo.h>

#include "rc-render-text.h"

/**
 * rc_render_font_pixel_size:
 *
 * Returns: the size of @font in the units layouts on a cairo context use
 */
double
rc_render_font_pixel_size (const PangoFontDescription *font)
{
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

  /* Layouts made by pango_cairo_create_layout() measure points at 96 dpi. */
  if (!pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;
  return size;
}

/**
 * rc_render_create_layout:
 * @text: (nullable): the text, or %NULL for none yet
 *
 * Returns: (transfer full): a layout of @text in @font for @cr
 */
PangoLayout *
rc_render_create_layout (cairo_t                    *cr,
                         const PangoFontDescription *font,
                         const char                 *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}
