#pragma once

#include <gtk/gtk.h>

#include "lc-spc-pareto.h"

G_BEGIN_DECLS

#define LC_TYPE_PARETO_CHART (lc_pareto_chart_get_type ())
G_DECLARE_FINAL_TYPE (LcParetoChart, lc_pareto_chart, LC, PARETO_CHART, GtkWidget)

/* Defect classes as bars, largest first, with the cumulative percent as a line. */
GtkWidget *lc_pareto_chart_new        (void);
/* @colors: "#rrggbb" per bar (NULL entries or NULL: the accent colour). Copies. */
void       lc_pareto_chart_set_pareto (LcParetoChart      *self,
                                       const LcSpcPareto  *pareto,
                                       const char * const *colors,
                                       const char         *title);
guint      lc_pareto_chart_get_n_bars (LcParetoChart      *self);
/* The name of bar @index (largest first). */
const char *lc_pareto_chart_get_name  (LcParetoChart      *self,
                                       guint               index);

G_END_DECLS
