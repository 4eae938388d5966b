/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/types.h>

#include <sqlite3.h>

#include "rc-search-index.h"
#include "rc-store.h"

G_BEGIN_DECLS

/* RcStore is one class split by concern: rc-store.c opens the database,
 * migrates it, runs transactions and statements and writes the audit
 * log; rc-store-clients.c saves, finds, lists and searches clients;
 * rc-store-assessments.c saves, loads and lists assessments;
 * rc-store-backup.c makes, lists and restores backups; rc-store-check.c
 * looks for damage and tampering; rc-store-audit.c hashes the audit
 * log's entries into a chain, for the migration that starts it, for each
 * new entry and for the check. */

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
  int                  busy_timeout_ms;
  dev_t                device;   /* of the file opened, for rc_store_reconnect() */
  ino_t                inode;
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

/* The statement helpers of rc-store.c, for the files that read and write
 * records. */
typedef enum
{
  RC_STORE_STEP_ERROR = -1,
  RC_STORE_STEP_DONE = 0,
  RC_STORE_STEP_ROW = 1,
} RcStoreStep;

sqlite3_stmt *rc_store_prepare       (RcStore       *self,
                                      const char    *sql,
                                      GError       **error);
gboolean      rc_store_run           (RcStore       *self,
                                      sqlite3_stmt  *statement,
                                      GError       **error);
RcStoreStep   rc_store_step          (RcStore       *self,
                                      sqlite3_stmt  *statement,
                                      GError       **error);
void          rc_store_bind_text     (sqlite3_stmt  *statement,
                                      int            index,
                                      const char    *text);
const char   *rc_store_column_string (sqlite3_stmt  *statement,
                                      int            column);
char         *rc_store_column_text   (sqlite3_stmt  *statement,
                                      int            column);
gboolean      rc_store_begin_read    (RcStore       *self,
                                      gboolean      *began,
                                      GError       **error);
void          rc_store_end_read      (RcStore       *self,
                                      gboolean       began);
gboolean      rc_store_finish        (RcStore       *self,
                                      gboolean       ok,
                                      GError       **error);
gboolean      rc_store_query_int     (RcStore       *self,
                                      const char    *sql,
                                      gint64        *out,
                                      GError       **error);
gboolean      rc_store_audit         (RcStore       *self,
                                      const char    *action,
                                      const char    *object_type,
                                      const char    *object_uuid,
                                      const char    *detail,
                                      GError       **error);

/* From rc-store-clients.c, for rc-store-assessments.c, which stores an
 * assessment under its client's row id and walks the clients' profiles. */

/* The unary + keeps SQLite from counting through the index on
 * supersedes_id, where most rows are NULL, instead of the client's. */
#define RC_STORE_CLIENT_COLUMNS \
  "c.id, c.uuid, c.clinic_code, c.given_name, c.family_name, c.birth_date, c.created_at," \
  " c.updated_at, (SELECT count(*) FROM assessment AS a" \
  "  WHERE a.client_id = c.id AND +a.supersedes_id IS NULL AND a.deleted_at IS NULL)"

gboolean  rc_store_lookup_client_id (RcStore       *self,
                                     const char    *uuid,
                                     gint64        *id,
                                     GError       **error);
RcClient *rc_store_client_from_row  (sqlite3_stmt  *statement);

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
