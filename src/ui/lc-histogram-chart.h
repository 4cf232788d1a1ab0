#pragma once

#include <gtk/gtk.h>

#include "lc-spc-histogram.h"

G_BEGIN_DECLS

#define LC_TYPE_HISTOGRAM_CHART (lc_histogram_chart_get_type ())
G_DECLARE_FINAL_TYPE (LcHistogramChart, lc_histogram_chart, LC, HISTOGRAM_CHART, GtkWidget)

/* Measured values as bars, the fitted normal over them, and the specification limits. */
GtkWidget *lc_histogram_chart_new           (void);
/* @histogram NULL: empty. Copies what it draws. */
void       lc_histogram_chart_set_histogram (LcHistogramChart     *self,
                                             const LcSpcHistogram *histogram,
                                             const char           *title,
                                             const char           *unit,
                                             guint                 decimals,
                                             double                target);
guint      lc_histogram_chart_get_n_values  (LcHistogramChart     *self);

G_END_DECLS
