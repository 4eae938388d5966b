/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "rc-search-index.h"
#include "rc-store.h"

G_BEGIN_DECLS

/* RcStore is one class split by concern: rc-store.c opens the database,
 * migrates it and reads and writes records; rc-store-backup.c makes,
 * lists and restores backups; rc-store-check.c looks for damage and
 * tampering. */

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

G_END_DECLS
