#pragma once

#include <adwaita.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_AUDIT_WINDOW (lc_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (LcAuditWindow, lc_audit_window, LC, AUDIT_WINDOW, AdwWindow)

/* The audit trail for QC leads: the newest changes first, each with who, when, the old and
 * the new value, and above them whether the hash chain is whole. */
GtkWidget *lc_audit_window_new        (GtkWindow     *parent,
                                       LcStore       *store);
void       lc_audit_window_reload     (LcAuditWindow *self);
guint      lc_audit_window_get_n_rows (LcAuditWindow *self);

G_END_DECLS
