#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* The audit trail: who changed which specification, limit, device, model or operator, and
 * every verdict override. Each entry carries a SHA-256 chained to the previous entry's, so an
 * entry altered or removed afterwards shows as a break in the chain. */
gboolean lc_audit_record (LcStore     *store,
                          const char  *entity,
                          gint64       entity_id,
                          const char  *action,
                          const char  *old_value,
                          const char  *new_value,
                          const char  *reason,
                          GError     **error);

/* Walks the chain from the first entry. Returns FALSE only when it cannot read the table; a
 * broken chain is reported through @first_broken_id (0 when the chain is whole). */
gboolean lc_audit_verify (LcStore     *store,
                          guint       *n_entries,
                          gint64      *first_broken_id,
                          GError     **error);

G_END_DECLS
