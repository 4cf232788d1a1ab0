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

G_END_DECLS
