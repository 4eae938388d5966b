/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rc-store.h"

G_BEGIN_DECLS

typedef struct _RcSearchIndex RcSearchIndex;

RcSearchIndex *rc_search_index_new            (void);
void           rc_search_index_free           (RcSearchIndex *self);
void           rc_search_index_add_client     (RcSearchIndex *self,
                                               gint64         id);
gboolean       rc_search_index_add_term       (RcSearchIndex *self,
                                               const char    *term,
                                               gint64         id);
void           rc_search_index_seal           (RcSearchIndex *self);
gboolean       rc_search_index_has_code_order (RcSearchIndex *self);
void           rc_search_index_set_code_order (RcSearchIndex *self,
                                               GArray        *ids);
GArray        *rc_search_index_search         (RcSearchIndex *self,
                                               const char    *text,
                                               RcClientOrder  order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcSearchIndex, rc_search_index_free)

G_END_DECLS
