#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a gauge has settled: every reading of the last TIME stayed within TOLERANCE
 * (largest minus smallest). The readings must cover the whole window, so a single reading
 * right after the part was set down never counts as stable. */
typedef struct _LcGaugeStable LcGaugeStable;

LcGaugeStable *lc_gauge_stable_new        (double          tolerance,
                                           gint64          window_us);
void           lc_gauge_stable_free       (LcGaugeStable  *self);
void           lc_gauge_stable_reset      (LcGaugeStable  *self);
/* MONOTONIC in µs, not decreasing from one call to the next. */
void           lc_gauge_stable_add        (LcGaugeStable  *self,
                                           gint64          monotonic,
                                           double          value);
gboolean       lc_gauge_stable_is_settled (LcGaugeStable  *self);
/* Largest minus smallest over the window (0 with fewer than two readings). */
double         lc_gauge_stable_get_spread (LcGaugeStable  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGaugeStable, lc_gauge_stable_free)

G_END_DECLS
