#pragma once

#include <gtk/gtk.h>

#include "lc-spc-chart.h"
#include "lc-spc-samples.h"

G_BEGIN_DECLS

#define LC_TYPE_CONTROL_CHART (lc_control_chart_get_type ())
G_DECLARE_FINAL_TYPE (LcControlChart, lc_control_chart, LC, CONTROL_CHART, GtkWidget)

/* A control chart: centre line, limits (per point when they vary), zone lines, points
 * coloured by the rules they break; pointing at a point reads it out (value, time, lot,
 * operator, serial, rules broken) in a tooltip, and tapping or clicking a point, or stepping
 * with Left/Right (Home/End) while the chart has the focus, selects it and emits
 * "point-selected" (guint index) for a readout that needs no hover. Compact: the small
 * drawing of a dashboard tile, which does neither. */
GtkWidget  *lc_control_chart_new              (gboolean            compact);
/* Shows @chart (NULL: nothing); keeps its own copy of what it draws. */
void        lc_control_chart_set_chart        (LcControlChart     *self,
                                               const LcSpcChart   *chart,
                                               const LcSpcSamples *samples,
                                               const char         *title,
                                               const char         *unit,
                                               guint               decimals,
                                               double              lsl,
                                               double              usl);
guint       lc_control_chart_get_n_points     (LcControlChart     *self);
/* Rule bits of point @index (0-based). */
guint32     lc_control_chart_get_violations   (LcControlChart     *self,
                                               guint               index);
/* The readout shown when pointing at point @index. */
const char *lc_control_chart_get_readout      (LcControlChart     *self,
                                               guint               index);
/* The point under @x, @y in widget coordinates, or -1 (as the hover uses). */
int         lc_control_chart_point_at         (LcControlChart     *self,
                                               double              x,
                                               double              y);

/* Selects point @index (-1: none) as a tap would, emitting "point-selected" for a point. */
void        lc_control_chart_select_point     (LcControlChart     *self,
                                               int                 index);
int         lc_control_chart_get_selected     (LcControlChart     *self);

G_END_DECLS
