/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rc-date.h"
#include "rc-error.h"
#include "rc-text.h"
#include "rc-store-private.h"

/* Clients: saving and importing them, finding one by UUID or clinic
 * code, the clients that share a code, and listing, searching and
 * counting them, with the search index that searches read. */

/* Looks up a row id by UUID: TRUE and *id = 0 when there is none. */
static gboolean
lookup_id (RcStore     *self,
           const char  *sql,
           const char  *uuid,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *statement = rc_store_prepare (self, sql, error);

  *id = 0;
  if (statement == NULL)
    return FALSE;
  rc_store_bind_text (statement, 1, uuid);
  switch (rc_store_step (self, statement, error))
    {
    case RC_STORE_STEP_ROW:
      *id = sqlite3_column_int64 (statement, 0);
      sqlite3_reset (statement);
      return TRUE;
    case RC_STORE_STEP_DONE:
      return TRUE;
    case RC_STORE_STEP_ERROR:
    default:
      return FALSE;
    }
}

gboolean
rc_store_lookup_client_id (RcStore     *self,
                           const char  *uuid,
                           gint64      *id,
                           GError     **error)
{
  return lookup_id (self, "SELECT id FROM client WHERE uuid = ?1", uuid, id, error);
}

static gboolean
check_clinic_code_free (RcStore   *self,
                        RcClient  *client,
                        GError   **error)
{
  g_autofree char *key = rc_text_code_key (rc_client_get_clinic_code (client));
  /* A client stored with a twin (made before codes were folded) may still
   * change anything but its code. */
  sqlite3_stmt *statement =
    rc_store_prepare (self,
                      "SELECT 1 FROM client WHERE code_key = ?1 AND uuid <> ?2"
                      " AND deleted_at IS NULL"
                      " AND NOT EXISTS (SELECT 1 FROM client WHERE uuid = ?2 AND code_key = ?1)",
                      error);

  if (statement == NULL)
    return FALSE;
  rc_store_bind_text (statement, 1, key);
  rc_store_bind_text (statement, 2, rc_client_get_uuid (client));
  switch (rc_store_step (self, statement, error))
    {
    case RC_STORE_STEP_ROW:
      sqlite3_reset (statement);
      g_set_error (error, RC_ERROR, RC_ERROR_CONFLICT,
                   _("client %s: the clinic code is already used by another client"),
                   rc_client_get_clinic_code (client));
      return FALSE;
    case RC_STORE_STEP_DONE:
      return TRUE;
    case RC_STORE_STEP_ERROR:
    default:
      return FALSE;
    }
}

static gboolean
write_client_row (RcStore   *self,
                  RcClient  *client,
                  gint64    *id,
                  GError   **error)
{
  g_autofree char *family_key = rc_text_fold (rc_client_get_family_name (client));
  g_autofree char *given_key = rc_text_fold (rc_client_get_given_name (client));
  g_autofree char *code_key = rc_text_code_key (rc_client_get_clinic_code (client));
  sqlite3_stmt *statement;

  if (*id == 0)
    statement =
      rc_store_prepare (self,
                        "INSERT INTO client (uuid, clinic_code, given_name, family_name,"
                        " birth_date, family_key, given_key, created_at, updated_at, code_key)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        error);
  else
    statement =
      rc_store_prepare (self,
                        "UPDATE client SET clinic_code = ?2, given_name = ?3, family_name = ?4,"
                        " birth_date = ?5, family_key = ?6, given_key = ?7, updated_at = ?9,"
                        " code_key = ?10 WHERE uuid = ?1",
                        error);
  if (statement == NULL)
    return FALSE;

  rc_store_bind_text (statement, 1, rc_client_get_uuid (client));
  rc_store_bind_text (statement, 2, rc_client_get_clinic_code (client));
  rc_store_bind_text (statement, 3, rc_client_get_given_name (client));
  rc_store_bind_text (statement, 4, rc_client_get_family_name (client));
  rc_store_bind_text (statement, 5, rc_client_get_birth_date (client));
  rc_store_bind_text (statement, 6, family_key);
  rc_store_bind_text (statement, 7, given_key);
  rc_store_bind_text (statement, 8, rc_client_get_created_at (client));
  rc_store_bind_text (statement, 9, rc_client_get_updated_at (client));
  rc_store_bind_text (statement, 10, code_key);
  if (!rc_store_run (self, statement, error))
    return FALSE;
  if (*id == 0)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
write_client_terms (RcStore   *self,
                    RcClient  *client,
                    gint64     id,
                    GError   **error)
{
  g_autofree char *indexed = g_strjoin (" ", rc_client_get_given_name (client),
                                        rc_client_get_family_name (client),
                                        rc_client_get_clinic_code (client), NULL);
  g_autoptr(GPtrArray) terms = rc_text_search_terms (indexed);
  sqlite3_stmt *statement =
    rc_store_prepare (self, "DELETE FROM client_term WHERE client_id = ?1", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  if (!rc_store_run (self, statement, error))
    return FALSE;

  statement = rc_store_prepare (self, "INSERT INTO client_term (term, client_id) VALUES (?1, ?2)",
                                error);
  if (statement == NULL)
    return FALSE;
  for (guint i = 0; i < terms->len; i++)
    {
      rc_store_bind_text (statement, 1, g_ptr_array_index (terms, i));
      sqlite3_bind_int64 (statement, 2, id);
      if (!rc_store_run (self, statement, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_client (RcStore   *self,
             RcClient  *client,
             gboolean   keep_times,
             GError   **error)
{
  g_autofree char *now = rc_timestamp_now ();
  gint64 id;

  if (!rc_client_validate (client, error) ||
      !check_clinic_code_free (self, client, error) ||
      !rc_store_lookup_client_id (self, rc_client_get_uuid (client), &id, error))
    return FALSE;

  /* A new record keeps the times it carries (from an import or demo
   * data); a change to a stored one is stamped now. */
  if (rc_client_get_created_at (client) == NULL)
    rc_client_set_created_at (client, now);
  if ((id != 0 && !keep_times) || rc_client_get_updated_at (client) == NULL)
    rc_client_set_updated_at (client, now);

  /* Our own writes do not change PRAGMA data_version: forget the index. */
  g_clear_pointer (&self->search_index, rc_search_index_free);

  return rc_store_audit (self, keep_times ? "import" : id == 0 ? "create" : "update", "client",
                         rc_client_get_uuid (client), "", error) &&
         write_client_row (self, client, &id, error) &&
         write_client_terms (self, client, id, error);
}

/**
 * rc_store_save_client:
 *
 * Stores @client, new or changed, matched by its UUID. A clinic code that
 * another client already has is refused with %RC_ERROR_CONFLICT.
 */
gboolean
rc_store_save_client (RcStore   *self,
                      RcClient  *client,
                      GError   **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);

  return rc_store_begin (self, error) &&
         rc_store_finish (self, save_client (self, client, FALSE, error), error);
}

/**
 * rc_store_import_client:
 *
 * Like rc_store_save_client(), but a changed client keeps the times it
 * carries, as an import must.
 */
gboolean
rc_store_import_client (RcStore   *self,
                        RcClient  *client,
                        GError   **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  g_return_val_if_fail (RC_IS_CLIENT (client), FALSE);

  return rc_store_begin (self, error) &&
         rc_store_finish (self, save_client (self, client, TRUE, error), error);
}

RcClient *
rc_store_client_from_row (sqlite3_stmt *statement)
{
  RcClient *client = rc_client_new_empty ();

  rc_client_set_uuid (client, rc_store_column_string (statement, 1));
  rc_client_set_clinic_code (client, rc_store_column_string (statement, 2));
  rc_client_set_given_name (client, rc_store_column_string (statement, 3));
  rc_client_set_family_name (client, rc_store_column_string (statement, 4));
  rc_client_set_birth_date (client, rc_store_column_string (statement, 5));
  rc_client_set_created_at (client, rc_store_column_string (statement, 6));
  rc_client_set_updated_at (client, rc_store_column_string (statement, 7));
  rc_client_set_n_assessments (client, (guint) sqlite3_column_int64 (statement, 8));
  return client;
}

static RcClient *
query_client (RcStore       *self,
              sqlite3_stmt  *statement,
              const char    *what,
              GError       **error)
{
  RcClient *client;
  RcStoreStep result = rc_store_step (self, statement, error);

  if (result == RC_STORE_STEP_DONE)
    g_set_error (error, RC_ERROR, RC_ERROR_NOT_FOUND, _("%s: no such client"), what);
  if (result != RC_STORE_STEP_ROW)
    return NULL;
  client = rc_store_client_from_row (statement);
  sqlite3_reset (statement);
  return client;
}

/* Says which clients share one clinic code, naming their UUIDs. */
static void
set_twins_error (GPtrArray  *twins,
                 GError    **error)
{
  g_autoptr(GString) uuids = g_string_new (NULL);

  for (guint i = 0; i < twins->len; i++)
    g_string_append_printf (uuids, "%s%s", i > 0 ? ", " : "",
                            rc_client_get_uuid (g_ptr_array_index (twins, i)));
  /* Always two or more in English; the plural is for languages that
   * count otherwise. */
  g_set_error (error, RC_ERROR, RC_ERROR_CONFLICT,
               g_dngettext (GETTEXT_PACKAGE,
                            "clinic code %s: %u clients have it (%s); name one by its UUID",
                            "clinic code %s: %u clients have it (%s); name one by its UUID",
                            twins->len),
               rc_client_get_clinic_code (g_ptr_array_index (twins, 0)), twins->len, uuids->str);
}

/**
 * rc_store_find_client:
 * @uuid_or_code: a client's UUID or clinic code
 *
 * Codes match as rc_text_code_key() folds them. A code that clients
 * stored before codes were folded share is refused with
 * %RC_ERROR_CONFLICT, naming their UUIDs.
 *
 * Returns: (transfer full): the client, or %NULL with %RC_ERROR_NOT_FOUND
 */
RcClient *
rc_store_find_client (RcStore     *self,
                      const char  *uuid_or_code,
                      GError     **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *code_key = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *statement;
  RcStoreStep result;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid_or_code != NULL, NULL);

  /* Two indexed lookups: with OR, SQLite scans every client. */
  uuid = g_ascii_strdown (uuid_or_code, -1);
  code_key = g_utf8_validate (uuid_or_code, -1, NULL) ? rc_text_code_key (uuid_or_code)
                                                       : g_strdup ("");
  statement = rc_store_prepare (self,
                                "SELECT " RC_STORE_CLIENT_COLUMNS " FROM client AS c"
                                " WHERE c.uuid = ?1 AND c.deleted_at IS NULL"
                                " UNION ALL "
                                "SELECT " RC_STORE_CLIENT_COLUMNS " FROM client AS c"
                                " WHERE c.code_key = ?2 AND c.deleted_at IS NULL AND c.uuid <> ?1"
                                " ORDER BY 2",
                                error);
  if (statement == NULL)
    return NULL;
  rc_store_bind_text (statement, 1, uuid);
  rc_store_bind_text (statement, 2, code_key);
  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      g_autoptr(RcClient) client = rc_store_client_from_row (statement);

      /* A UUID names one client, whatever codes look like it. */
      if (g_strcmp0 (rc_client_get_uuid (client), uuid) == 0)
        {
          sqlite3_reset (statement);
          return g_steal_pointer (&client);
        }
      g_ptr_array_add (found, g_steal_pointer (&client));
    }
  if (result == RC_STORE_STEP_ERROR)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, RC_ERROR, RC_ERROR_NOT_FOUND, _("%s: no such client"), uuid_or_code);
      return NULL;
    }
  if (found->len > 1)
    {
      set_twins_error (found, error);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * rc_store_list_code_twins:
 *
 * Clients that share one clinic code as rc_text_code_key() folds it:
 * stored before codes were compared so, they stay until someone gives
 * one of them another code.
 *
 * Returns: (transfer full) (element-type GPtrArray): one array of
 *   #RcClient for each shared code, sorted by UUID; %NULL on error
 */
GPtrArray *
rc_store_list_code_twins (RcStore  *self,
                          GError  **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *previous_key = NULL;
  sqlite3_stmt *statement;
  RcStoreStep result;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  statement = rc_store_prepare (self,
                                "SELECT " RC_STORE_CLIENT_COLUMNS ", c.code_key FROM client AS c"
                                " WHERE c.deleted_at IS NULL AND c.code_key IN"
                                "  (SELECT code_key FROM client WHERE deleted_at IS NULL"
                                "   GROUP BY code_key HAVING count(*) > 1)"
                                " ORDER BY c.code_key, c.uuid",
                                error);
  if (statement == NULL)
    return NULL;
  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      const char *key = rc_store_column_string (statement, 9);

      if (g_strcmp0 (key, previous_key) != 0)
        {
          g_ptr_array_add (groups, g_ptr_array_new_with_free_func (g_object_unref));
          g_free (previous_key);
          previous_key = g_strdup (key);
        }
      g_ptr_array_add (g_ptr_array_index (groups, groups->len - 1),
                       rc_store_client_from_row (statement));
    }
  if (result == RC_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&groups);
}

/**
 * rc_store_load_client:
 * @id: a row id from rc_store_search_client_ids()
 *
 * Returns: (transfer full): the client, or %NULL with %RC_ERROR_NOT_FOUND
 */
RcClient *
rc_store_load_client (RcStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autofree char *what = g_strdup_printf ("client #%" G_GINT64_FORMAT, id);
  sqlite3_stmt *statement;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);

  statement = rc_store_prepare (self,
                                "SELECT " RC_STORE_CLIENT_COLUMNS " FROM client AS c"
                                " WHERE c.id = ?1",
                                error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, id);
  return query_client (self, statement, what, error);
}

/* By code, see rc_store_list_client_ids(). The unique index compares
 * codes with their case, so "rc-2" and "RC-2" can both exist: the UUID
 * puts them in an order that stays the same. A negative limit is none. */
static const char * const list_order_sql[] = {
  [RC_CLIENT_ORDER_NAME] =
    "SELECT id FROM client WHERE deleted_at IS NULL ORDER BY family_key, given_key, clinic_code"
    " LIMIT ?1",
  [RC_CLIENT_ORDER_CODE] =
    "SELECT id FROM client WHERE deleted_at IS NULL ORDER BY clinic_code COLLATE NOCASE, uuid"
    " LIMIT ?1",
};

/* The first @limit client ids in @order, or every one for -1. */
static GArray *
list_ids (RcStore        *self,
          RcClientOrder   order,
          gint64          limit,
          GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *statement = rc_store_prepare (self, list_order_sql[order], error);
  RcStoreStep result;

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, limit);
  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  if (result == RC_STORE_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&ids);
}

/* Every client id in @order. */
static GArray *
list_all_ids (RcStore        *self,
              RcClientOrder   order,
              GError        **error)
{
  return list_ids (self, order, -1, error);
}

static RcSearchIndex *
read_search_index (RcStore  *self,
                   GError  **error)
{
  g_autoptr(RcSearchIndex) index = rc_search_index_new ();
  g_autoptr(GArray) ids = list_all_ids (self, RC_CLIENT_ORDER_NAME, error);
  sqlite3_stmt *statement;
  RcStoreStep result;

  if (ids == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    rc_search_index_add_client (index, g_array_index (ids, gint64, i));

  /* The primary key returns the terms already in byte order. */
  statement = rc_store_prepare (self, "SELECT term, client_id FROM client_term ORDER BY term",
                                error);
  if (statement == NULL)
    return NULL;
  while ((result = rc_store_step (self, statement, error)) == RC_STORE_STEP_ROW)
    rc_search_index_add_term (index, (const char *) sqlite3_column_text (statement, 0),
                              sqlite3_column_int64 (statement, 1));
  if (result == RC_STORE_STEP_ERROR)
    return NULL;
  rc_search_index_seal (index);
  return g_steal_pointer (&index);
}

static gboolean
read_code_order (RcStore        *self,
                 RcSearchIndex  *index,
                 GError        **error)
{
  g_autoptr(GArray) ids = list_all_ids (self, RC_CLIENT_ORDER_CODE, error);

  if (ids == NULL)
    return FALSE;
  rc_search_index_set_code_order (index, ids);
  return TRUE;
}

/* The search index, read again when another program has changed the
 * database since it was read. The order by clinic code, a sort of every
 * client, is read only when @order first asks for it: outside privacy
 * mode it is never needed. */
static RcSearchIndex *
ensure_search_index (RcStore        *self,
                     RcClientOrder   order,
                     GError        **error)
{
  RcSearchIndex *index;
  gint64 data_version;
  gboolean began;

  if (!rc_store_query_int (self, "PRAGMA data_version", &data_version, error))
    return NULL;
  if (data_version != self->search_index_data_version)
    g_clear_pointer (&self->search_index, rc_search_index_free);
  if (self->search_index != NULL &&
      (order == RC_CLIENT_ORDER_NAME || rc_search_index_has_code_order (self->search_index)))
    return self->search_index;

  /* One read transaction, so that the orders and the terms agree. */
  if (!rc_store_begin_read (self, &began, error))
    return NULL;
  if (self->search_index == NULL)
    self->search_index = read_search_index (self, error);
  index = self->search_index;
  if (index != NULL && order == RC_CLIENT_ORDER_CODE && !read_code_order (self, index, error))
    index = NULL;
  rc_store_end_read (self, began);
  self->search_index_data_version = data_version;
  return index;
}

/**
 * rc_store_search_client_ids:
 * @text: (nullable): what the user typed; %NULL or blank for every client
 *
 * Finds every client such that each word of @text starts a word of the
 * client's name or clinic code (or a part of one split at a hyphen or
 * apostrophe), ignoring case and accents. The search runs on an index in
 * memory (rc-search-index.c), read from the client_term table at the
 * first search and again after another program changes the database; the
 * text never reaches SQL.
 *
 * Returns: (transfer full) (element-type gint64): row ids for
 *   rc_store_load_client(), ordered by family name, given name, clinic code
 */
GArray *
rc_store_search_client_ids (RcStore     *self,
                            const char  *text,
                            GError     **error)
{
  return rc_store_list_client_ids (self, text, RC_CLIENT_ORDER_NAME, error);
}

/**
 * rc_store_list_client_ids:
 * @text: (nullable): what the user typed; %NULL or blank for every client
 * @order: how the ids are ordered
 *
 * Like rc_store_search_client_ids(), in @order. By clinic code, codes
 * compare as SQLite's NOCASE collation compares them: ASCII letters
 * without case, everything else byte by byte (so "RC-10" comes before
 * "rc-2"); the same code in another case is ordered by UUID.
 *
 * Returns: (transfer full) (element-type gint64): row ids for
 *   rc_store_load_client()
 */
GArray *
rc_store_list_client_ids (RcStore        *self,
                          const char     *text,
                          RcClientOrder   order,
                          GError        **error)
{
  RcSearchIndex *index;

  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  g_return_val_if_fail (order == RC_CLIENT_ORDER_NAME || order == RC_CLIENT_ORDER_CODE, NULL);

  /* Listing everyone by name needs no index: the ordered scan is as
   * fast. By code no SQL index gives the order, and sorting every client
   * each time costs more than reading the order from memory. */
  if (order == RC_CLIENT_ORDER_NAME && rc_text_is_blank (text))
    return list_all_ids (self, order, error);

  index = ensure_search_index (self, order, error);
  if (index == NULL)
    return NULL;
  return rc_search_index_search (index, text, order);
}

/**
 * rc_store_list_first_client_ids:
 * @order: how the ids are ordered
 * @n_rows: how many to list at most
 *
 * The first @n_rows ids that rc_store_list_client_ids() gives with no
 * search text, in the same order, without listing every client or
 * reading the search index: what a window shows on its first screen.
 *
 * Returns: (transfer full) (element-type gint64): row ids for
 *   rc_store_load_client()
 */
GArray *
rc_store_list_first_client_ids (RcStore        *self,
                                RcClientOrder   order,
                                guint           n_rows,
                                GError        **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), NULL);
  g_return_val_if_fail (order == RC_CLIENT_ORDER_NAME || order == RC_CLIENT_ORDER_CODE, NULL);

  return list_ids (self, order, n_rows, error);
}

/**
 * rc_store_prepare_search:
 *
 * Reads the search index now, so that the first keystroke does not wait
 * for it (about 150 ms at 100,000 clients).
 */
gboolean
rc_store_prepare_search (RcStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (RC_IS_STORE (self), FALSE);
  return ensure_search_index (self, RC_CLIENT_ORDER_NAME, error) != NULL;
}

/**
 * rc_store_search_clients:
 *
 * Like rc_store_search_client_ids(), with the clients loaded.
 *
 * Returns: (transfer full) (element-type RcClient): the matching clients
 */
GPtrArray *
rc_store_search_clients (RcStore     *self,
                         const char  *text,
                         GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  gboolean began;

  if (!rc_store_begin_read (self, &began, error))
    return NULL;
  ids = rc_store_search_client_ids (self, text, error);
  if (ids != NULL)
    {
      clients = g_ptr_array_new_full (ids->len, g_object_unref);
      for (guint i = 0; i < ids->len && clients != NULL; i++)
        {
          RcClient *client = rc_store_load_client (self, g_array_index (ids, gint64, i), error);

          if (client != NULL)
            g_ptr_array_add (clients, client);
          else
            g_clear_pointer (&clients, g_ptr_array_unref);
        }
    }
  rc_store_end_read (self, began);
  return g_steal_pointer (&clients);
}

gint64
rc_store_count_clients (RcStore  *self,
                        GError  **error)
{
  gint64 count;

  g_return_val_if_fail (RC_IS_STORE (self), -1);

  if (!rc_store_query_int (self, "SELECT count(*) FROM client WHERE deleted_at IS NULL", &count,
                           error))
    return -1;
  return count;
}
