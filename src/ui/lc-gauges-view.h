#pragma once

#include "lc-gauge-bench.h"
#include "lc-page.h"

G_BEGIN_DECLS

#define LC_TYPE_GAUGES_VIEW (lc_gauges_view_get_type ())
G_DECLARE_FINAL_TYPE (LcGaugesView, lc_gauges_view, LC, GAUGES_VIEW, LcPage)

GtkWidget    *lc_gauges_view_new       (void);
/* The bench of the view's store, or NULL before a store is set. */
LcGaugeBench *lc_gauges_view_get_bench (LcGaugesView *self);

G_END_DECLS
