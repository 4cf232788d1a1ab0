#include "lc-config.h"

#include <math.h>

#include "lc-spc-histogram.h"
#include "lc-spc-private.h"

LcSpcHistogram *
lc_spc_histogram_new (const double *values,
                      guint         n,
                      guint         n_bins,
                      double        lsl,
                      double        usl)
{
  LcSpcHistogram *self = g_new0 (LcSpcHistogram, 1);
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }
  self->n = n;
  _lc_spc_mean_and_sd (values, n, &self->mean, &self->sigma);
  if (n == 0)
    self->mean = NAN;
  self->lsl = lsl;
  self->usl = usl;
  if (n_bins == 0)
    n_bins = CLAMP ((guint) ceil (sqrt (n)), 5, 40);

  /* The bins span the data; their width comes from the data alone, and bins are added on
   * either side until LSL and USL are covered, so the limits fall on the drawing. */
  if (n == 0)
    {
      lo = isfinite (lsl) ? lsl : isfinite (usl) ? usl - 1.0 : 0.0;
      hi = isfinite (usl) ? usl : lo + 1.0;
    }
  if (!(hi > lo))
    {
      lo -= 0.5;
      hi += 0.5;
    }
  self->bin_width = (hi - lo) / n_bins;
  self->start = lo;
  if (isfinite (lsl) && lsl < self->start)
    {
      guint extra = (guint) ceil ((self->start - lsl) / self->bin_width);
      extra = MIN (extra, 200);
      self->start -= extra * self->bin_width;
      n_bins += extra;
    }
  if (isfinite (usl) && usl > self->start + n_bins * self->bin_width)
    n_bins += MIN ((guint) ceil ((usl - (self->start + n_bins * self->bin_width)) / self->bin_width), 200);
  self->n_bins = n_bins;
  self->counts = g_new0 (guint, n_bins);
  for (guint i = 0; i < n; i++)
    {
      int bin = (int) floor ((values[i] - self->start) / self->bin_width);
      self->counts[CLAMP (bin, 0, (int) n_bins - 1)]++;
    }
  return self;
}

void
lc_spc_histogram_free (LcSpcHistogram *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self);
}

double
lc_spc_histogram_fitted_count (const LcSpcHistogram *self,
                               double                x)
{
  double z;

  if (!(self->sigma > 0.0))
    return NAN;
  z = (x - self->mean) / self->sigma;
  return self->n * self->bin_width * exp (-0.5 * z * z) / (self->sigma * sqrt (2.0 * G_PI));
}
