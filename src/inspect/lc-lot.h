#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* Lots of a part type. A lot code is unique per part type; opening a code that exists
 * continues that lot. */
gint64   lc_lot_open        (LcStore     *store,
                             gint64       part_type_id,
                             const char  *code,
                             GError     **error);
gboolean lc_lot_close       (LcStore     *store,
                             gint64       lot_id,
                             GError     **error);
char    *lc_lot_get_code    (LcStore     *store,
                             gint64       lot_id,
                             GError     **error);
/* The next serial number of a lot when the operator scans none: "<LOT>-0001", "<LOT>-0002"…,
 * counting what is recorded, so it survives a restart. */
char    *lc_lot_next_serial (LcStore     *store,
                             gint64       lot_id,
                             GError     **error);
/* "2611-01"-style code for a new lot: year, week, number of the lot in that week. */
char    *lc_lot_suggest_code (LcStore    *store,
                              gint64      part_type_id,
                              gint64      now,
                              GError    **error);

G_END_DECLS
