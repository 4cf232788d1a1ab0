#pragma once

#include <glib.h>

#include "lc-chart-paint.h"
#include "lc-spc-chart.h"
#include "lc-spc-samples.h"

G_BEGIN_DECLS

/* From the statistics library's chart to what is drawn and read out. The widgets and the
 * report keep these, not the chart, so a drawing never waits on a computation. */

/* One LcChartPoint per point of @chart (g_free the array). A point is out of specification
 * when a value of its subgroup lies outside @lsl / @usl (variables charts only). */
LcChartPoint *lc_chart_points_from_spc  (const LcSpcChart   *chart,
                                         const LcSpcSamples *samples,
                                         double              lsl,
                                         double              usl);

/* The readout of point @index: the plotted value, when, lot, operator, serial, and the
 * rules it breaks, in words; several lines. */
char         *lc_chart_point_describe   (const LcSpcChart   *chart,
                                         const LcSpcSamples *samples,
                                         guint               index,
                                         const char         *unit,
                                         guint               decimals);

/* "X̄-R chart · σ̂ = R̄/d₂ = 0.0042 mm · Phase I, 20 subgroups" */
char         *lc_chart_describe_limits  (const LcSpcChart   *chart,
                                         const char         *unit,
                                         guint               decimals);

/* Local time as the station shows it: "23.11.2026 09:00:12" style per the locale. */
char         *lc_chart_format_time      (gint64              time);

G_END_DECLS
