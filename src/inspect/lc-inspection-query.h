#pragma once

#include <json-glib/json-glib.h>

#include "lc-store.h"

G_BEGIN_DECLS

/* Everything recorded about one part (by serial) or one lot (by code, of any part type):
 * a JSON array of inspections, oldest first, each with its part type, lot, operator,
 * station, times, verdict and how it was reached, model, defect class, every measurement
 * (superseded ones with their reason, raw values) with its characteristic and
 * specification, and every image (path in the data folder, review flag) with its
 * annotations. Fails with LC_STORE_ERROR_NOT_FOUND when nothing matches. */
JsonNode *lc_inspection_query_serial (LcStore     *store,
                                      const char  *serial,
                                      GError     **error);
JsonNode *lc_inspection_query_lot    (LcStore     *store,
                                      const char  *lot_code,
                                      GError     **error);

G_END_DECLS
