#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

typedef struct
{
  int         version;
  const char *summary;
  const char *sql;
} LcMigration;

/* lc-store-migrations.c: every schema change, in order. Never edit a migration that has
 * shipped: add the next one. */
const LcMigration *_lc_store_get_migrations (guint *n_migrations);

/* lc-audit.c: an audit entry was added inside the open transaction; after the outermost
 * COMMIT the store calls _lc_audit_write_head () so the head record follows the database,
 * never runs ahead of it (a rolled-back entry must not be anchored). */
void      _lc_store_mark_audit_pending (LcStore *self);
gboolean  _lc_audit_write_head         (LcStore *store);
/* DB_PATH.audit-head; written for @db (a backup being made or just restored) as it is now. */
char     *_lc_audit_head_path          (const char *db_path);
gboolean  _lc_audit_write_head_for     (sqlite3     *db,
                                        const char  *db_path,
                                        GError     **error);

G_END_DECLS
