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

/* Whether the newest entries are all there (see lc-audit.c, "The head record"). */
typedef enum
{
  LC_AUDIT_HEAD_WHOLE,       /* the last entry written is there (or there are none) */
  LC_AUDIT_HEAD_UNANCHORED,  /* entries, but no record of the last one: cannot be checked */
  LC_AUDIT_HEAD_TRUNCATED,   /* entries after *deleted_after were deleted */
} LcAuditHeadState;

/* Checks the end of the chain against the head record kept beside the database. Returns
 * FALSE only when it cannot read the table. @anchored_id receives the last entry written. */
gboolean lc_audit_check_head    (LcStore           *store,
                                 LcAuditHeadState  *state,
                                 gint64            *deleted_after,
                                 gint64            *anchored_id,
                                 GError           **error);
/* In words, for the CLI and the audit window; NULL when the end is whole. */
char    *lc_audit_describe_head (LcAuditHeadState   state,
                                 gint64             deleted_after,
                                 gint64             anchored_id);

/* One entry as read back: plain data for lists and the CLI. */
typedef struct
{
  gint64  id;
  gint64  at;
  gint64  operator_id;
  char   *operator_name;
  char   *entity;
  gint64  entity_id;
  char   *action;
  char   *old_value;   /* NULL when there was none (a creation) */
  char   *new_value;   /* NULL when there is none (a deletion) */
  char   *reason;
} LcAuditEntry;

void lc_audit_entry_free (LcAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcAuditEntry, lc_audit_entry_free)

/* The newest entries first; @entity NULL for all, @limit 0 for no limit. */
GPtrArray *lc_audit_list (LcStore     *store,
                          const char  *entity,
                          guint        limit,
                          GError     **error);

G_END_DECLS
