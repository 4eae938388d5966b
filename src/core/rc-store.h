/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rc-assessment.h"
#include "rc-client.h"
#include "rc-instrument-catalog.h"
#include "rc-progress.h"

G_BEGIN_DECLS

/* The schema version this program writes; see rc-store.c for each step. */
#define RC_STORE_SCHEMA_VERSION 5

typedef struct
{
  char *at;
  char *actor;
  char *action;
  char *object_type;
  char *object_uuid;
  char *detail;
} RcAuditEntry;

void rc_audit_entry_free (RcAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcAuditEntry, rc_audit_entry_free)

/* How a list of clients is sorted: by family name, given name and
 * clinic code, or, where names must not show, by clinic code alone. */
typedef enum
{
  RC_CLIENT_ORDER_NAME,
  RC_CLIENT_ORDER_CODE
} RcClientOrder;

/* Why a backup was made; rc-store-backup.c keeps each kind so long. */
typedef enum
{
  RC_BACKUP_DAILY,
  RC_BACKUP_MANUAL,
  RC_BACKUP_PRE_MIGRATION,
  RC_BACKUP_PRE_RESTORE
} RcBackupKind;

typedef struct
{
  char         *path;
  char         *made_at;        /* YYYY-MM-DDTHH:MM:SSZ */
  RcBackupKind  kind;
  gint64        n_clients;
  gint64        n_assessments;
  gboolean      verified;       /* checked when it was made */
} RcBackup;

void rc_backup_free (RcBackup *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcBackup, rc_backup_free)

#define RC_TYPE_STORE (rc_store_get_type ())

G_DECLARE_FINAL_TYPE (RcStore, rc_store, RC, STORE, GObject)

char         *rc_store_get_default_path   (void);
RcStore      *rc_store_open               (const char          *path,
                                           RcInstrumentCatalog *catalog,
                                           GError             **error);
void          rc_store_set_busy_timeout   (RcStore             *self,
                                           guint                milliseconds);
gboolean      rc_store_hold_lock          (RcStore             *self,
                                           GError             **error);
gboolean      rc_store_reconnect          (RcStore             *self,
                                           GError             **error);
gboolean      rc_store_path_is_held       (const char          *path);
const char   *rc_store_get_path           (RcStore             *self);
RcInstrumentCatalog *rc_store_get_catalog (RcStore             *self);
int           rc_store_get_schema_version (RcStore             *self);
const GError *rc_store_get_write_refusal  (RcStore             *self);
void          rc_store_refuse_writes      (RcStore             *self,
                                           const GError        *reason);

gboolean      rc_store_begin              (RcStore             *self,
                                           GError             **error);
gboolean      rc_store_commit             (RcStore             *self,
                                           GError             **error);
void          rc_store_rollback           (RcStore             *self);

gboolean      rc_store_save_client        (RcStore             *self,
                                           RcClient            *client,
                                           GError             **error);
RcClient     *rc_store_find_client        (RcStore             *self,
                                           const char          *uuid_or_code,
                                           GError             **error);
GPtrArray    *rc_store_list_code_twins    (RcStore             *self,
                                           GError             **error);
RcClient     *rc_store_load_client        (RcStore             *self,
                                           gint64               id,
                                           GError             **error);
GArray       *rc_store_search_client_ids  (RcStore             *self,
                                           const char          *text,
                                           GError             **error);
GArray       *rc_store_list_client_ids    (RcStore             *self,
                                           const char          *text,
                                           RcClientOrder        order,
                                           GError             **error);
GArray       *rc_store_list_first_client_ids (RcStore          *self,
                                              RcClientOrder     order,
                                              guint             n_rows,
                                              GError          **error);
gboolean      rc_store_prepare_search     (RcStore             *self,
                                           GError             **error);
GPtrArray    *rc_store_search_clients     (RcStore             *self,
                                           const char          *text,
                                           GError             **error);
gint64        rc_store_count_clients      (RcStore             *self,
                                           GError             **error);

gboolean      rc_store_save_assessment    (RcStore             *self,
                                           RcAssessment        *assessment,
                                           GError             **error);
RcAssessment *rc_store_load_assessment    (RcStore             *self,
                                           const char          *uuid,
                                           GError             **error);
GPtrArray    *rc_store_list_assessments   (RcStore             *self,
                                           const char          *client_uuid,
                                           GError             **error);
RcAssessment *rc_store_load_latest_draft  (RcStore             *self,
                                           GError             **error);
char         *rc_store_dup_last_assessor  (RcStore             *self,
                                           GError             **error);
typedef gboolean (*RcStoreProfileFunc) (RcClient   *client,
                                        GPtrArray  *assessments,
                                        gpointer    user_data,
                                        GError    **error);

gboolean      rc_store_foreach_profile    (RcStore             *self,
                                           const char * const  *client_uuids,
                                           RcStoreProfileFunc   func,
                                           gpointer             user_data,
                                           GError             **error);
GBytes       *rc_store_dup_secret         (RcStore             *self,
                                           GError             **error);
char         *rc_store_dup_database_id    (RcStore             *self,
                                           GError             **error);

char         *rc_store_dup_backup_folder  (RcStore             *self,
                                           GError             **error);
gboolean      rc_store_backup_to_file     (RcStore             *self,
                                           const char          *path,
                                           GError             **error);
char         *rc_store_make_backup        (RcStore             *self,
                                           RcBackupKind         kind,
                                           GError             **error);
gboolean      rc_store_make_daily_backup  (RcStore             *self,
                                           char               **path,
                                           GError             **error);
GPtrArray    *rc_store_list_backups       (RcStore             *self,
                                           GError             **error);
gboolean      rc_store_quick_check        (RcStore             *self,
                                           GError             **error);
gboolean      rc_store_check              (RcStore             *self,
                                           GPtrArray          **problems,
                                           GError             **error);
gboolean      rc_store_restore            (RcStore             *self,
                                           const char          *path,
                                           char               **kept_path,
                                           RcProgress          *progress,
                                           GError             **error);
void          rc_store_accept_restore     (RcStore             *self);
gboolean      rc_store_import_client      (RcStore             *self,
                                           RcClient            *client,
                                           GError             **error);
gboolean      rc_store_import_assessment  (RcStore             *self,
                                           RcAssessment        *assessment,
                                           GError             **error);
GPtrArray    *rc_store_list_audit_entries (RcStore             *self,
                                           const char          *object_uuid,
                                           GError             **error);

G_END_DECLS
