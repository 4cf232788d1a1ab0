#pragma once

#include <glib.h>

#include "lc-spc-pareto.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* The defect Pareto of a part type: failed inspections counted by defect class (every
 * active class, so one that did not occur shows as such), recorded in [from, to] and of one
 * lot, operator and station when those are not 0 / NULL. @colors (may be NULL) receives
 * each bar's class colour ("#rrggbb"), in the bars' order. */
LcSpcPareto *lc_defect_pareto_load (LcStore      *store,
                                    gint64        part_type_id,
                                    gint64        from,
                                    gint64        to,
                                    gint64        lot_id,
                                    gint64        operator_id,
                                    const char   *station,
                                    GStrv        *colors,
                                    GError      **error);

G_END_DECLS
