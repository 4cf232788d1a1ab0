#pragma once

#include <adwaita.h>

#include "lc-store.h"

G_BEGIN_DECLS

#define LC_TYPE_INSPECTION_SEARCH (lc_inspection_search_get_type ())
G_DECLARE_FINAL_TYPE (LcInspectionSearch, lc_inspection_search, LC, INSPECTION_SEARCH, AdwWindow)

/* Everything about one part (by serial) or one lot, with its images: what a customer
 * complaint or an audit asks for. Reads lc_inspection_query_* like the CLI. */
GtkWidget *lc_inspection_search_new        (LcStore            *store);
/* Searches as if @text was typed with @by_lot chosen; returns the inspections found. */
guint      lc_inspection_search_run        (LcInspectionSearch *self,
                                            const char         *text,
                                            gboolean            by_lot);

G_END_DECLS
