/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-search-index"

#include "config.h"

#include <string.h>

#include "rc-text.h"
#include "rc-search-index.h"

/* The client search, in memory: every folded search term beside the list
 * position of its client, sorted by term. A prefix is a binary search and
 * a walk along the matching terms, marking positions in a bit set; reading
 * the set in position order gives the matches already in name order. A
 * query that matches every client costs a few milliseconds at 100,000
 * clients, where SQLite needed a hundred (see bench/bench-search).
 *
 * The order by clinic code is a permutation of the positions, given only
 * when first needed (privacy mode); the set is then read in that order,
 * at the same cost.
 *
 * The store fills it from its tables and keeps it in step with the
 * database (rc-store-clients.c); this file knows nothing of SQL. */

typedef struct
{
  const char *term;
  guint32     position;
} Entry;

struct _RcSearchIndex
{
  GArray       *ids;        /* gint64, in name order */
  GHashTable   *positions;  /* id → position + 1 */
  GArray       *code_order; /* guint32 positions by clinic code, NULL until given */
  GStringChunk *strings;
  GArray       *entries;    /* Entry, sorted by term once sealed */
  gboolean      sorted;
};

RcSearchIndex *
rc_search_index_new (void)
{
  RcSearchIndex *self = g_new0 (RcSearchIndex, 1);

  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->strings = g_string_chunk_new (64 * 1024);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->sorted = TRUE;
  return self;
}

void
rc_search_index_free (RcSearchIndex *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->ids);
  g_hash_table_unref (self->positions);
  g_clear_pointer (&self->code_order, g_array_unref);
  g_string_chunk_free (self->strings);
  g_array_unref (self->entries);
  g_free (self);
}

/* Adds the client @id at the end of the name order. */
void
rc_search_index_add_client (RcSearchIndex *self,
                            gint64         id)
{
  gint64 *key = g_memdup2 (&id, sizeof id);

  g_array_append_val (self->ids, id);
  g_hash_table_insert (self->positions, key, GUINT_TO_POINTER (self->ids->len));
}

/* Adds a search term of a client already added; returns FALSE for a
 * client that is not in the list, such as a deleted one. Terms added in
 * byte order need no sorting when sealed. */
gboolean
rc_search_index_add_term (RcSearchIndex *self,
                          const char    *term,
                          gint64         id)
{
  guint position_1 = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, &id));
  Entry entry;

  if (position_1 == 0)
    return FALSE;
  entry.term = g_string_chunk_insert (self->strings, term);
  entry.position = position_1 - 1;
  if (self->entries->len > 0 &&
      strcmp (g_array_index (self->entries, Entry, self->entries->len - 1).term, term) > 0)
    self->sorted = FALSE;
  g_array_append_val (self->entries, entry);
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Entry *) a)->term, ((const Entry *) b)->term);
}

void
rc_search_index_seal (RcSearchIndex *self)
{
  if (!self->sorted)
    g_array_sort (self->entries, compare_entries);
  self->sorted = TRUE;
}

gboolean
rc_search_index_has_code_order (RcSearchIndex *self)
{
  return self->code_order != NULL;
}

/* Gives the order by clinic code as every client's id in that order. An
 * id the index does not hold is skipped: the store reads the order after
 * the terms, and a client added in between is not in the index either. */
void
rc_search_index_set_code_order (RcSearchIndex *self,
                                GArray        *ids)
{
  g_clear_pointer (&self->code_order, g_array_unref);
  self->code_order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      guint position_1 = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions,
                                                                &g_array_index (ids, gint64, i)));
      guint32 position = position_1 - 1;

      if (position_1 != 0)
        g_array_append_val (self->code_order, position);
    }
}

/* The first entry whose term is not below @prefix. */
static guint
lower_bound (RcSearchIndex *self,
             const char    *prefix)
{
  guint low = 0, high = self->entries->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (strcmp (g_array_index (self->entries, Entry, middle).term, prefix) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static void
mark_prefix (RcSearchIndex *self,
             const char    *prefix,
             guint8        *bits)
{
  gsize length = strlen (prefix);

  for (guint i = lower_bound (self, prefix); i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (strncmp (entry->term, prefix, length) != 0)
        break;
      bits[entry->position / 8] |= (guint8) (1u << (entry->position % 8));
    }
}

static inline void
append_if_marked (RcSearchIndex *self,
                  const guint8  *matches,
                  guint          position,
                  GArray        *ids)
{
  if (matches[position / 8] & (1u << (position % 8)))
    g_array_append_val (ids, g_array_index (self->ids, gint64, position));
}

/**
 * rc_search_index_search:
 * @text: (nullable): what the user typed; %NULL or blank for every client
 * @order: the order of the result; %RC_CLIENT_ORDER_CODE only once given
 *   by rc_search_index_set_code_order()
 *
 * Returns: (transfer full) (element-type gint64): the ids of the clients
 *   such that each word of @text starts one of their terms, in @order
 */
GArray *
rc_search_index_search (RcSearchIndex *self,
                        const char    *text,
                        RcClientOrder  order)
{
  g_autoptr(GPtrArray) tokens = rc_text_query_tokens (text);
  gsize n_bytes = self->ids->len / 8 + 1;
  g_autofree guint8 *matches = g_malloc (n_bytes);
  g_autofree guint8 *token_matches = g_malloc (n_bytes);
  GArray *ids;

  g_return_val_if_fail (self->sorted, NULL);
  g_return_val_if_fail (order != RC_CLIENT_ORDER_CODE || self->code_order != NULL, NULL);

  memset (matches, 0xff, n_bytes);
  for (guint t = 0; t < tokens->len; t++)
    {
      memset (token_matches, 0, n_bytes);
      mark_prefix (self, g_ptr_array_index (tokens, t), token_matches);
      for (gsize b = 0; b < n_bytes; b++)
        matches[b] &= token_matches[b];
    }

  /* Two loops, not one choosing per position: the name order's loop is
   * the hot one, run at every keystroke over every client. */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (order == RC_CLIENT_ORDER_CODE)
    for (guint i = 0; i < self->code_order->len; i++)
      append_if_marked (self, matches, g_array_index (self->code_order, guint32, i), ids);
  else
    for (guint position = 0; position < self->ids->len; position++)
      append_if_marked (self, matches, position, ids);
  return ids;
}
