#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A histogram of measured values with the normal distribution fitted to them (their mean and
 * sample standard deviation), for drawing beside the specification limits. */
typedef struct
{
  double  start;       /* left edge of the first bin */
  double  bin_width;
  guint   n_bins;
  guint  *counts;      /* n_bins */
  guint   n;           /* number of values */
  double  mean;
  double  sigma;       /* sample standard deviation (n − 1) */
  double  lsl, usl;    /* NAN when absent; bins always cover them */
} LcSpcHistogram;

/* @n_bins 0 picks ⌈√n⌉ bounded to 5 … 40 (a common rule; Montgomery § 3.2.2). The bins are
 * widened to include LSL and USL so the drawing shows them. */
LcSpcHistogram *lc_spc_histogram_new          (const double         *values,
                                               guint                 n,
                                               guint                 n_bins,
                                               double                lsl,
                                               double                usl);
void            lc_spc_histogram_free         (LcSpcHistogram       *self);
/* The fitted normal as an expected count per bin at @x: n · w · φ((x − mean)/σ)/σ, to be
 * drawn over the bars on the same scale. */
double          lc_spc_histogram_fitted_count (const LcSpcHistogram *self,
                                               double                x);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcHistogram, lc_spc_histogram_free)

G_END_DECLS
