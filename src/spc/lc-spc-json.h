#pragma once

#include <json-glib/json-glib.h>

#include "lc-spc-capability.h"
#include "lc-spc-chart.h"

G_BEGIN_DECLS

/* The chart as `linecheck-cli spc … --format json` prints it (a stable contract for
 * scripts): chart, center, lcl, ucl (numbers, or per-point arrays when the limits vary),
 * sigma, sigma_method, rules, points [{index, value, center, lcl, ucl, violations, phase,
 * excluded; upper and lower for CUSUM}], range_chart / s_chart / mr_chart of the same shape,
 * and capability when @capability is not NULL. Absent numbers are null. */
JsonNode *lc_spc_chart_to_json (const LcSpcChart      *chart,
                                const LcSpcCapability *capability);

G_END_DECLS
