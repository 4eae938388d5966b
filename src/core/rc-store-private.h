/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "rc-search-index.h"
#include "rc-store.h"

G_BEGIN_DECLS

/* RcStore is one class split by concern: rc-store.c opens the database,
 * migrates it and reads and writes records; rc-store-backup.c makes,
 * lists and restores backups; rc-store-check.c looks for damage and
 * tampering; rc-store-audit.c hashes the audit log's entries into a
 * chain, for the migration that starts it, for each new entry and for
 * the check. */

struct _RcStore
{
  GObject              parent_instance;

  char                *path;
  sqlite3             *db;
  RcInstrumentCatalog *catalog;
  GHashTable          *statements;
  guint                transaction_depth;
  char                *actor;
  RcSearchIndex       *search_index;
  gint64               search_index_data_version;
  int                  lock_fd;  /* see rc_store_hold_lock() */
  GError              *write_refusal;  /* why nothing is written, or NULL */
};

gboolean rc_store_set_sqlite_error (RcStore  *self,
                                    GError  **error);
gboolean rc_store_set_connection_error (sqlite3     *db,
                                        const char  *path,
                                        GError     **error);
gboolean rc_store_upgrade          (RcStore  *self,
                                    GError  **error);
sqlite3 *rc_store_open_reference   (GError  **error);

/* Schemas since 3 add nothing that reading needs but the assessments'
 * text language (shown as unknown before 5), and the audit chain, which
 * only the check reads: a database of an older schema that can't be
 * written to, and so can't be brought up to date, is read as it is. */
#define RC_STORE_OLDEST_READABLE_VERSION 3
#define RC_STORE_AUDIT_CHAIN_VERSION 4
#define RC_STORE_TEXT_LANGUAGE_VERSION 5

/* The audit log's columns that an entry's hash covers after its id, in
 * the order of RcAuditFieldIndex; the two meta keys that record the
 * chain's length and its newest hash. */
#define RC_AUDIT_COLUMNS "at, actor, action, object_type, object_uuid, detail"
#define RC_AUDIT_COUNT_KEY "audit_count"
#define RC_AUDIT_LAST_HASH_KEY "audit_last_hash"
/* What the first entry chains from. */
#define RC_AUDIT_SEED ""

typedef enum
{
  RC_AUDIT_AT,
  RC_AUDIT_ACTOR,
  RC_AUDIT_ACTION,
  RC_AUDIT_OBJECT_TYPE,
  RC_AUDIT_OBJECT_UUID,
  RC_AUDIT_DETAIL,
  RC_AUDIT_N_FIELDS
} RcAuditFieldIndex;

typedef struct
{
  const char *text;    /* NULL for SQL NULL */
  gsize       length;  /* in bytes */
} RcAuditField;

char    *rc_store_audit_hash          (gint64              id,
                                       const RcAuditField *fields,
                                       const char         *previous_hash);
void     rc_store_audit_field_set     (RcAuditField       *field,
                                       const char         *text);
void     rc_store_audit_fields_read   (sqlite3_stmt       *statement,
                                       int                 first_column,
                                       RcAuditField       *fields);
void     rc_store_add_audit_functions (sqlite3            *db);

G_END_DECLS
