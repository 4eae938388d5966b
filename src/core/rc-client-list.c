/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-client-list"

#include "config.h"

#include <string.h>

#include "rc-error.h"
#include "rc-client-list.h"

/* The client list as a GListModel for a GtkListView of any length. It
 * holds only the row ids of the current search, in the current order (by
 * name, or by clinic code where names must not show); a client is read
 * from the store when the view asks for its row, and kept in a small
 * cache. The cache is direct-mapped by position: the rows a view shows
 * are consecutive, so any window of up to CACHE_SIZE rows stays cached
 * without collisions, and memory stays bounded however far one scrolls.
 *
 * A window's list may start with only its first screen of rows
 * (rc_client_list_new_first_rows()): listing every client, and a list
 * view taking them all in, would delay the window's first frame. The
 * rest follows with rc_client_list_complete(), as rows appended. */

#define CACHE_SIZE 512

typedef struct
{
  guint     position;
  RcClient *client;
} CacheSlot;

struct _RcClientList
{
  GObject        parent_instance;

  RcStore       *store;
  char          *search;
  RcClientOrder  order;
  GArray        *ids;
  CacheSlot      cache[CACHE_SIZE];
  guint          reload_source_id;
  /* At construction, list only this many rows; 0 for all of them. */
  guint          first_rows;
  /* The ids are only the first of the current listing. */
  gboolean       partial;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RcClientList, rc_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_STORE,
  PROP_ORDER,
  PROP_FIRST_ROWS,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_cache (RcClientList *self)
{
  for (guint i = 0; i < CACHE_SIZE; i++)
    g_clear_object (&self->cache[i].client);
}

static RcClient *
lookup_cached (RcClientList *self,
               guint         position)
{
  CacheSlot *slot = &self->cache[position % CACHE_SIZE];

  if (slot->client != NULL && slot->position == position)
    return slot->client;
  return NULL;
}

static void
cache_insert (CacheSlot *cache,
              guint      position,
              RcClient  *client)
{
  CacheSlot *slot = &cache[position % CACHE_SIZE];

  g_set_object (&slot->client, client);
  slot->position = position;
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  RcClientList *self = user_data;
  g_autoptr(GError) error = NULL;

  self->reload_source_id = 0;
  if (!rc_client_list_reload (self, &error))
    g_warning ("Cannot reload the client list: %s", error->message);
  return G_SOURCE_REMOVE;
}

static GType
rc_client_list_get_item_type (GListModel *model G_GNUC_UNUSED)
{
  return RC_TYPE_CLIENT;
}

static guint
rc_client_list_get_n_items (GListModel *model)
{
  return RC_CLIENT_LIST (model)->ids->len;
}

/* A row that cannot be read (removed by another program since the ids
 * were read, or a database error) still has to give an object, since
 * GListModel allows NULL only past the end. It gives a placeholder: an
 * empty RcClient with no clinic code and no names. The placeholder is
 * cached so that the row stays the same object, and a reload is queued
 * for when the main loop is idle, because emitting items-changed from
 * inside get_item() would pull the list from under the caller; that
 * reload drops the row, or replaces the placeholder if it loads again. */
static gpointer
rc_client_list_get_item (GListModel *model,
                         guint       position)
{
  RcClientList *self = RC_CLIENT_LIST (model);
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GError) error = NULL;
  RcClient *cached;

  if (position >= self->ids->len)
    return NULL;

  cached = lookup_cached (self, position);
  if (cached != NULL)
    return g_object_ref (cached);

  client = rc_store_load_client (self->store, g_array_index (self->ids, gint64, position), &error);
  if (client == NULL)
    {
      if (g_error_matches (error, RC_ERROR, RC_ERROR_NOT_FOUND))
        g_debug ("Row %u is gone: %s", position, error->message);
      else
        g_warning ("Cannot read row %u of the client list: %s", position, error->message);

      client = rc_client_new ();
      if (self->reload_source_id == 0)
        self->reload_source_id = g_idle_add (reload_idle_cb, self);
    }
  cache_insert (self->cache, position, client);
  return g_steal_pointer (&client);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rc_client_list_get_item_type;
  iface->get_n_items = rc_client_list_get_n_items;
  iface->get_item = rc_client_list_get_item;
}

static gboolean
ids_equal (GArray *a,
           GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

/* Takes @ids as the rows, all changed: one items-changed over the whole
 * list, and nothing at all when they are the rows already shown. */
static void
replace_ids (RcClientList *self,
             GArray       *ids)
{
  guint old_n = self->ids->len;

  if (ids_equal (self->ids, ids))
    {
      g_array_unref (ids);
      return;
    }
  clear_cache (self);
  g_array_unref (self->ids);
  self->ids = ids;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, ids->len);
  if (old_n != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
rc_client_list_constructed (GObject *object)
{
  RcClientList *self = RC_CLIENT_LIST (object);
  g_autoptr(GError) error = NULL;
  GArray *ids;

  G_OBJECT_CLASS (rc_client_list_parent_class)->constructed (object);

  g_return_if_fail (RC_IS_STORE (self->store));

  /* The list starts empty when this fails; rc_client_list_reload() then
   * tells the caller why. */
  if (self->first_rows > 0)
    ids = rc_store_list_first_client_ids (self->store, self->order, self->first_rows, &error);
  else
    ids = rc_store_list_client_ids (self->store, self->search, self->order, &error);
  if (ids == NULL)
    g_warning ("Cannot list the clients: %s", error->message);
  else
    {
      g_array_unref (self->ids);
      self->ids = ids;
      /* Fewer than asked for: that was every client. */
      self->partial = self->first_rows > 0 && ids->len == self->first_rows;
    }
}

static void
rc_client_list_dispose (GObject *object)
{
  RcClientList *self = RC_CLIENT_LIST (object);

  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  clear_cache (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rc_client_list_parent_class)->dispose (object);
}

static void
rc_client_list_finalize (GObject *object)
{
  RcClientList *self = RC_CLIENT_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_free (self->search);

  G_OBJECT_CLASS (rc_client_list_parent_class)->finalize (object);
}

static void
rc_client_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RcClientList *self = RC_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ORDER:
      g_value_set_int (value, self->order);
      break;

    case PROP_FIRST_ROWS:
      g_value_set_uint (value, self->first_rows);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_client_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RcClientList *self = RC_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ORDER:
      self->order = g_value_get_int (value);
      break;

    case PROP_FIRST_ROWS:
      self->first_rows = g_value_get_uint (value);
      break;

    case PROP_SEARCH:
      {
        g_autoptr(GError) error = NULL;

        /* Bound to a search entry, there is no caller to hand an error to. */
        if (!rc_client_list_set_search (self, g_value_get_string (value), &error))
          g_warning ("Cannot search the clients: %s", error->message);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rc_client_list_class_init (RcClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rc_client_list_constructed;
  object_class->dispose = rc_client_list_dispose;
  object_class->finalize = rc_client_list_finalize;
  object_class->get_property = rc_client_list_get_property;
  object_class->set_property = rc_client_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RC_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* The order the list starts in; rc_client_list_set_order() changes it. */
  properties[PROP_ORDER] =
    g_param_spec_int ("order", NULL, NULL,
                      RC_CLIENT_ORDER_NAME, RC_CLIENT_ORDER_CODE, RC_CLIENT_ORDER_NAME,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* See rc_client_list_new_first_rows(). */
  properties[PROP_FIRST_ROWS] =
    g_param_spec_uint ("first-rows", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Never NULL; "" lists every client. */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rc_client_list_init (RcClientList *self)
{
  self->search = g_strdup ("");
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * rc_client_list_new:
 *
 * Returns: (transfer full): every client of @store, ordered by name
 */
RcClientList *
rc_client_list_new (RcStore *store)
{
  g_return_val_if_fail (RC_IS_STORE (store), NULL);

  return g_object_new (RC_TYPE_CLIENT_LIST, "store", store, NULL);
}

/**
 * rc_client_list_new_first_rows:
 * @order: how the clients are ordered
 * @n_rows: how many to list now, at least 1
 *
 * Every client of @store in @order, of whom only the first @n_rows are
 * listed at first: a window's first screen, shown without waiting for
 * the rest. rc_client_list_complete() lists the others; searching,
 * ordering, reloading and finding a client complete the list first.
 *
 * Returns: (transfer full): the list
 */
RcClientList *
rc_client_list_new_first_rows (RcStore       *store,
                               RcClientOrder  order,
                               guint          n_rows)
{
  g_return_val_if_fail (RC_IS_STORE (store), NULL);
  g_return_val_if_fail (order == RC_CLIENT_ORDER_NAME || order == RC_CLIENT_ORDER_CODE, NULL);
  g_return_val_if_fail (n_rows > 0, NULL);

  return g_object_new (RC_TYPE_CLIENT_LIST, "store", store, "order", order, "first-rows", n_rows,
                       NULL);
}

/**
 * rc_client_list_get_store:
 *
 * Returns: (transfer none): the store the clients are read from
 */
RcStore *
rc_client_list_get_store (RcClientList *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), NULL);

  return self->store;
}

/**
 * rc_client_list_get_search:
 *
 * Returns: the text the list is searched for, "" for every client
 */
const char *
rc_client_list_get_search (RcClientList *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), NULL);

  return self->search;
}

/* Shows the clients found for @text in @order, all rows changed; on an
 * error nothing changes. */
static gboolean
relist (RcClientList   *self,
        const char     *text,
        RcClientOrder   order,
        GError        **error)
{
  GArray *ids = rc_store_list_client_ids (self->store, text, order, error);

  if (ids == NULL)
    return FALSE;

  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  self->order = order;
  self->partial = FALSE;
  if (g_strcmp0 (self->search, text) != 0)
    {
      g_free (self->search);
      self->search = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
    }
  replace_ids (self, ids);
  return TRUE;
}

/**
 * rc_client_list_set_search:
 * @text: (nullable): what the user typed; %NULL or blank for every client
 *
 * Runs the search (see rc_store_list_client_ids()) and shows its result.
 * When the rows differ from those shown, emits one items-changed for the
 * whole list; when they are the same, none. On an error nothing changes.
 */
gboolean
rc_client_list_set_search (RcClientList  *self,
                           const char    *text,
                           GError       **error)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), FALSE);

  return relist (self, text != NULL ? text : "", self->order, error);
}

/**
 * rc_client_list_get_order:
 *
 * Returns: how the clients are ordered
 */
RcClientOrder
rc_client_list_get_order (RcClientList *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), RC_CLIENT_ORDER_NAME);

  return self->order;
}

/**
 * rc_client_list_set_order:
 * @order: by name (the default), or by clinic code for privacy mode, so
 *   that the rows' positions do not tell the names' alphabetical order
 *
 * Lists the clients of the current search again in @order (see
 * rc_store_list_client_ids()). When the rows differ from those shown,
 * emits one items-changed for the whole list; on an error nothing changes.
 */
gboolean
rc_client_list_set_order (RcClientList   *self,
                          RcClientOrder   order,
                          GError        **error)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), FALSE);
  g_return_val_if_fail (order == RC_CLIENT_ORDER_NAME || order == RC_CLIENT_ORDER_CODE, FALSE);

  if (order == self->order)
    return TRUE;
  return relist (self, self->search, order, error);
}

/**
 * rc_client_list_is_complete:
 *
 * Returns: whether every client of the current search is listed, %FALSE
 *   while a list made by rc_client_list_new_first_rows() holds only its
 *   first rows
 */
gboolean
rc_client_list_is_complete (RcClientList *self)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), FALSE);

  return !self->partial;
}

/**
 * rc_client_list_complete:
 *
 * Lists every client after the first rows, as rc_client_list_reload()
 * would: rows appended after those shown, unless clients changed since.
 * Does nothing when the list is complete.
 */
gboolean
rc_client_list_complete (RcClientList  *self,
                         GError       **error)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), FALSE);

  if (!self->partial)
    return TRUE;
  return rc_client_list_reload (self, error);
}

static gboolean
clients_equal (RcClient *a,
               RcClient *b)
{
  return g_strcmp0 (rc_client_get_uuid (a), rc_client_get_uuid (b)) == 0 &&
         g_strcmp0 (rc_client_get_clinic_code (a), rc_client_get_clinic_code (b)) == 0 &&
         g_strcmp0 (rc_client_get_given_name (a), rc_client_get_given_name (b)) == 0 &&
         g_strcmp0 (rc_client_get_family_name (a), rc_client_get_family_name (b)) == 0 &&
         g_strcmp0 (rc_client_get_birth_date (a), rc_client_get_birth_date (b)) == 0 &&
         g_strcmp0 (rc_client_get_created_at (a), rc_client_get_created_at (b)) == 0 &&
         g_strcmp0 (rc_client_get_updated_at (a), rc_client_get_updated_at (b)) == 0 &&
         rc_client_get_n_assessments (a) == rc_client_get_n_assessments (b);
}

/**
 * rc_client_list_reload:
 *
 * Runs the current search again, after the caller changed clients or
 * their assessments, and emits one items-changed over the smallest range
 * that covers both the rows that moved, appeared or went and the cached
 * rows whose client changed in place; nothing when nothing changed.
 * Unchanged cached clients stay the same objects.
 *
 * A client changed in place is seen only while its row is cached, as the
 * rows a view shows are; a row outside the cache is read afresh anyway
 * the next time it is asked for.
 */
gboolean
rc_client_list_reload (RcClientList  *self,
                       GError       **error)
{
  g_autofree CacheSlot *cache = NULL;
  GArray *old_ids, *new_ids;
  guint old_n, new_n, min_n, prefix = 0, suffix = 0, start, end;
  gboolean changed;

  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), FALSE);

  new_ids = rc_store_list_client_ids (self->store, self->search, self->order, error);
  if (new_ids == NULL)
    return FALSE;
  g_clear_handle_id (&self->reload_source_id, g_source_remove);
  self->partial = FALSE;

  /* The rows in [prefix, old_n - suffix) of the old ids became those in
   * [prefix, new_n - suffix) of the new; the rest kept their ids. */
  old_ids = self->ids;
  old_n = old_ids->len;
  new_n = new_ids->len;
  min_n = MIN (old_n, new_n);
  while (prefix < min_n &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix))
    prefix++;
  while (suffix < min_n - prefix &&
         g_array_index (old_ids, gint64, old_n - 1 - suffix) ==
         g_array_index (new_ids, gint64, new_n - 1 - suffix))
    suffix++;
  changed = prefix < old_n || old_n != new_n;
  start = prefix;
  end = old_n - suffix;

  /* Keeps each cached client that is still the same, at its new
   * position, and widens [start, end) over those that changed. */
  cache = g_new0 (CacheSlot, CACHE_SIZE);
  for (guint i = 0; i < CACHE_SIZE; i++)
    {
      g_autoptr(RcClient) cached = g_steal_pointer (&self->cache[i].client);
      g_autoptr(RcClient) stored = NULL;
      guint position = self->cache[i].position;

      if (cached == NULL || (position >= prefix && position < old_n - suffix))
        continue;

      /* A row that cannot be read keeps what it shows (a placeholder,
       * see get_item()); marking it changed would only have the view
       * ask for it again, fail again and queue another reload. */
      stored = rc_store_load_client (self->store, g_array_index (old_ids, gint64, position), NULL);
      if (stored != NULL && !clients_equal (cached, stored))
        {
          start = changed ? MIN (start, position) : position;
          end = changed ? MAX (end, position + 1) : position + 1;
          changed = TRUE;
          continue;
        }
      cache_insert (cache, position < prefix ? position : position + new_n - old_n, cached);
    }
  memcpy (self->cache, cache, sizeof self->cache);

  self->ids = new_ids;
  g_array_unref (old_ids);
  if (changed)
    g_list_model_items_changed (G_LIST_MODEL (self), start, end - start,
                                end - start + new_n - old_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/**
 * rc_client_list_get_id:
 *
 * Returns: the store's row id of the client at @position, or 0 past the end
 */
gint64
rc_client_list_get_id (RcClientList *self,
                       guint         position)
{
  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, gint64, position);
}

/**
 * rc_client_list_find:
 * @uuid_or_code: a client's UUID or clinic code
 *
 * Finds the row of a client, for instance to select one just created
 * (after rc_client_list_reload()).
 *
 * Returns: its position, or %G_MAXUINT when the list does not show it
 */
guint
rc_client_list_find (RcClientList *self,
                     const char   *uuid_or_code)
{
  g_autoptr(RcClient) client = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GHashTable) candidate_set = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RC_IS_CLIENT_LIST (self), G_MAXUINT);
  g_return_val_if_fail (uuid_or_code != NULL, G_MAXUINT);

  /* The client may be past the first rows; failing that, it is looked
   * for among those listed. */
  if (self->partial && !rc_client_list_complete (self, &error))
    g_warning ("Cannot list the clients: %s", error->message);

  /* The store knows the client but not its row id; searching for its
   * clinic code narrows the ids to a few, which are then compared. */
  client = rc_store_find_client (self->store, uuid_or_code, NULL);
  if (client == NULL)
    return G_MAXUINT;
  candidates = rc_store_search_client_ids (self->store, rc_client_get_clinic_code (client), NULL);
  if (candidates == NULL)
    return G_MAXUINT;

  candidate_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < candidates->len; i++)
    g_hash_table_add (candidate_set, &g_array_index (candidates, gint64, i));

  for (guint i = 0; i < self->ids->len; i++)
    {
      gint64 *id = &g_array_index (self->ids, gint64, i);
      g_autoptr(RcClient) loaded = NULL;
      RcClient *row;

      if (!g_hash_table_contains (candidate_set, id))
        continue;
      row = lookup_cached (self, i);
      if (row == NULL)
        row = loaded = rc_store_load_client (self->store, *id, NULL);
      if (row != NULL && g_strcmp0 (rc_client_get_uuid (row), rc_client_get_uuid (client)) == 0)
        return i;
    }
  return G_MAXUINT;
}
