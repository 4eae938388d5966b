/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   rc_text_is_blank          (const char *text);
char      *rc_text_fold              (const char *text);
char      *rc_text_code_key          (const char *code);
GPtrArray *rc_text_search_terms      (const char *text);
GPtrArray *rc_text_query_tokens      (const char *query);
char      *rc_text_prefix_upper_bound (const char *prefix);
gboolean   rc_text_is_clean_code     (const char *text);
gboolean   rc_text_is_clean_name     (const char *text);
char      *rc_text_isolate           (const char *text);

G_END_DECLS
