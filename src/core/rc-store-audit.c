/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rc-store"

#include "config.h"

#include <string.h>

#include "rc-store-private.h"

/* The audit log's hash chain. Each entry's hash is SHA-256, in lowercase
 * hex, over its id, its fields and the hash of the entry before it (by
 * id), the first entry chaining from RC_AUDIT_SEED. The one function here
 * computes it for the migration that chains existing entries, for each
 * new entry (rc_store_audit() in rc-store.c) and for rc_store_check(), so the
 * three cannot drift apart.
 *
 * The encoding is kept in every database and must never change: the
 * id (in decimal), at, actor, action, object_type, object_uuid, detail
 * and the previous hash, each as the byte 'N' when it is NULL, or else
 * the byte 'T', its length in bytes as 8 bytes big-endian, and its bytes.
 * Lengths make the fields unambiguous ("ab" + "c" is not "a" + "bc"), and
 * the tag tells NULL from empty.
 *
 * The chain makes a change by hand to an entry, or a removed or added
 * entry, show; it does not stop someone who has the file and this source
 * from rewriting the chain, nor anyone from removing the newest entries
 * together with meta's record of them (tests/test-check.c pins that). */

static void
add_length (GChecksum *checksum,
            guint64    length)
{
  guint8 bytes[8];

  for (int i = 7; i >= 0; i--)
    {
      bytes[i] = length & 0xff;
      length >>= 8;
    }
  g_checksum_update (checksum, bytes, sizeof bytes);
}

static void
add_field (GChecksum          *checksum,
           const RcAuditField *field)
{
  if (field->text == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "N", 1);
      return;
    }
  g_checksum_update (checksum, (const guchar *) "T", 1);
  add_length (checksum, field->length);
  g_checksum_update (checksum, (const guchar *) field->text, (gssize) field->length);
}

/**
 * rc_store_audit_hash:
 * @fields: RC_AUDIT_N_FIELDS fields, as RcAuditFieldIndex orders them
 * @previous_hash: (nullable): the hash of the entry before, or
 *   RC_AUDIT_SEED for the first; %NULL for one stored as NULL
 *
 * Returns: (transfer full): the hash of the entry @id
 */
char *
rc_store_audit_hash (gint64              id,
                     const RcAuditField *fields,
                     const char         *previous_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char id_text[24];  /* the longest gint64, its sign and a NUL fit */
  RcAuditField field;

  g_snprintf (id_text, sizeof id_text, "%" G_GINT64_FORMAT, id);
  rc_store_audit_field_set (&field, id_text);
  add_field (checksum, &field);
  for (guint i = 0; i < RC_AUDIT_N_FIELDS; i++)
    add_field (checksum, &fields[i]);
  rc_store_audit_field_set (&field, previous_hash);
  add_field (checksum, &field);
  return g_strdup (g_checksum_get_string (checksum));
}

/* @text: (nullable): a string, or %NULL for SQL NULL */
void
rc_store_audit_field_set (RcAuditField *field,
                          const char   *text)
{
  field->text = text;
  field->length = text != NULL ? strlen (text) : 0;
}

/* The fields of the row @statement is on, from @first_column in the order
 * of RC_AUDIT_COLUMNS; valid until it steps or resets. */
void
rc_store_audit_fields_read (sqlite3_stmt *statement,
                            int           first_column,
                            RcAuditField *fields)
{
  for (int i = 0; i < RC_AUDIT_N_FIELDS; i++)
    {
      /* Text first, then its length, as SQLite asks. */
      fields[i].text = (const char *) sqlite3_column_text (statement, first_column + i);
      fields[i].length = (gsize) sqlite3_column_bytes (statement, first_column + i);
    }
}

/* rc_audit_chain (id, at, actor, action, object_type, object_uuid,
 * detail), a window function: over the entries so far in id order, the
 * hash of the current one. SQL has no way to hand one row's new value to
 * the next, so the migration that starts the chain folds it, in the
 * order the window guarantees. */
typedef struct
{
  char previous[2 * 32 + 1];  /* hex SHA-256 of the entry stepped last; "" at first */
} Chain;

G_STATIC_ASSERT (sizeof RC_AUDIT_SEED == 1);

static void
chain_step (sqlite3_context  *context,
            int               n_arguments,
            sqlite3_value   **arguments)
{
  /* Zeroed when made: the previous hash starts as the seed, "". */
  Chain *chain = sqlite3_aggregate_context (context, sizeof (Chain));
  RcAuditField fields[RC_AUDIT_N_FIELDS];
  g_autofree char *hash = NULL;

  g_assert (n_arguments == 1 + RC_AUDIT_N_FIELDS);
  if (chain == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  for (int i = 0; i < RC_AUDIT_N_FIELDS; i++)
    {
      fields[i].text = (const char *) sqlite3_value_text (arguments[1 + i]);
      fields[i].length = (gsize) sqlite3_value_bytes (arguments[1 + i]);
      /* A value that could not be had as text would be hashed as NULL. */
      if (fields[i].text == NULL && sqlite3_value_type (arguments[1 + i]) != SQLITE_NULL)
        {
          sqlite3_result_error_nomem (context);
          return;
        }
    }
  hash = rc_store_audit_hash (sqlite3_value_int64 (arguments[0]), fields, chain->previous);
  g_strlcpy (chain->previous, hash, sizeof chain->previous);
}

static void
chain_value (sqlite3_context *context)
{
  Chain *chain = sqlite3_aggregate_context (context, 0);

  if (chain == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, chain->previous, -1, SQLITE_TRANSIENT);
}

/* A frame whose start moves would drop entries from the chain. */
static void
chain_inverse (sqlite3_context  *context,
               int               n_arguments,
               sqlite3_value   **arguments)
{
  sqlite3_result_error (context, "rc_audit_chain needs every entry from the first", -1);
}

void
rc_store_add_audit_functions (sqlite3 *db)
{
  /* DIRECTONLY: never run from the schema, whatever a file holds. */
  sqlite3_create_window_function (db, "rc_audit_chain", 1 + RC_AUDIT_N_FIELDS,
                                  SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, chain_step, chain_value,
                                  chain_value, chain_inverse, NULL);
}
