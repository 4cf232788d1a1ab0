#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-spc-capability.h"
#include "lc-spc-constants.h"
#include "lc-spc-error.h"
#include "lc-spc-private.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

void
_lc_spc_mean_and_sd (const double *values,
                     guint         n,
                     double       *mean,
                     double       *sd)
{
  double m = 0.0, ss = 0.0;

  /* Welford's update: values like 74.001 ± 0.01 lose no digits. */
  for (guint i = 0; i < n; i++)
    {
      double delta = values[i] - m;
      m += delta / (i + 1);
      ss += delta * (values[i] - m);
    }
  *mean = m;
  *sd = n > 1 ? sqrt (ss / (n - 1)) : NAN;
}

double
lc_spc_anderson_darling (const double *values,
                         guint         n,
                         double       *p_value)
{
  g_autofree double *sorted = NULL;
  double mean, sd, a2 = 0.0, a2_star;

  if (p_value != NULL)
    *p_value = NAN;
  if (n < 3)
    return NAN;
  _lc_spc_mean_and_sd (values, n, &mean, &sd);
  if (!(sd > 0.0))
    return NAN;
  sorted = g_memdup2 (values, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);

  /* A² = −n − (1/n) Σ (2i − 1) [ln Φ(zᵢ) + ln(1 − Φ(z₍ₙ₊₁₋ᵢ₎))]
   * (Anderson & Darling 1954; D'Agostino & Stephens 1986, eq. 4.2). The upper tail uses
   * Φ(−z) so that far-out values do not round 1 − Φ to zero. */
  for (guint i = 0; i < n; i++)
    {
      double zi = (sorted[i] - mean) / sd, zj = (sorted[n - 1 - i] - mean) / sd;
      a2 += (2.0 * i + 1.0) * (log (lc_spc_normal_cdf (zi)) + log (lc_spc_normal_cdf (-zj)));
    }
  a2 = -(double) n - a2 / n;

  /* Mean and variance estimated from the data: A*² = A²(1 + 0.75/n + 2.25/n²) and the
   * p-value of D'Agostino & Stephens (1986), table 4.9. */
  a2_star = a2 * (1.0 + 0.75 / n + 2.25 / ((double) n * n));
  if (p_value != NULL)
    {
      double p;
      if (a2_star >= 0.6)
        p = exp (1.2937 - 5.709 * a2_star + 0.0186 * a2_star * a2_star);
      else if (a2_star >= 0.34)
        p = exp (0.9177 - 4.279 * a2_star - 1.38 * a2_star * a2_star);
      else if (a2_star >= 0.2)
        p = 1.0 - exp (-8.318 + 42.796 * a2_star - 59.938 * a2_star * a2_star);
      else
        p = 1.0 - exp (-13.436 + 101.14 * a2_star - 223.73 * a2_star * a2_star);
      *p_value = CLAMP (p, 0.0, 1.0);
    }
  return a2;
}

static LcSpcInterval
no_interval (void)
{
  return (LcSpcInterval) { NAN, NAN, NAN };
}

/* 95% interval of Cp or Pp: Ĉp √(χ²_{0.025,n−1}/(n−1)) … Ĉp √(χ²_{0.975,n−1}/(n−1))
 * (Montgomery eq. 8.19). */
static LcSpcInterval
chi2_interval (double value,
               double degrees_of_freedom)
{
  LcSpcInterval interval = { value, NAN, NAN };

  if (isfinite (value) && degrees_of_freedom > 0)
    {
      interval.lower = value * sqrt (lc_spc_chi2_quantile (0.025, degrees_of_freedom) / degrees_of_freedom);
      interval.upper = value * sqrt (lc_spc_chi2_quantile (0.975, degrees_of_freedom) / degrees_of_freedom);
    }
  return interval;
}

/* 95% interval of Cpk (and of the one-sided indices, and Ppk):
 * Ĉpk [1 ∓ z₀.₉₇₅ √(1/(9nĈpk²) + 1/(2(n − 1)))] (Bissell 1990; Montgomery eq. 8.20). */
static LcSpcInterval
bissell_interval (double value,
                  guint  n)
{
  LcSpcInterval interval = { value, NAN, NAN };

  if (isfinite (value) && n > 1)
    {
      double half = lc_spc_normal_quantile (0.975) * sqrt (1.0 / (9.0 * n * value * value) + 1.0 / (2.0 * (n - 1.0)));
      interval.lower = value * (1.0 - half);
      interval.upper = value * (1.0 + half);
    }
  return interval;
}

LcSpcCapability *
lc_spc_capability_compute (const double      *values,
                           guint              n,
                           double             sigma_within,
                           LcSpcSigmaMethod   sigma_method,
                           double             lsl,
                           double             usl,
                           double             target,
                           GError           **error)
{
  g_autoptr(LcSpcCapability) cap = g_new0 (LcSpcCapability, 1);
  gboolean has_lsl = isfinite (lsl), has_usl = isfinite (usl);
  double mean, so, sw;
  guint below = 0, above = 0;

  if (!has_lsl && !has_usl)
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                   _("Capability needs at least one specification limit"));
      return NULL;
    }
  if (has_lsl && has_usl && !(lsl < usl))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                   _("The lower specification limit must be below the upper one"));
      return NULL;
    }
  if (n < 2)
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_NOT_ENOUGH_DATA,
                   _("Capability needs at least 2 values"));
      return NULL;
    }
  _lc_spc_mean_and_sd (values, n, &mean, &so);
  if (!(so > 0.0))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_NO_VARIATION,
                   _("All values are equal: the process sigma is zero"));
      return NULL;
    }
  sw = isfinite (sigma_within) && sigma_within > 0 ? sigma_within : so;

  cap->lsl = lsl;
  cap->usl = usl;
  cap->target = isfinite (target) ? target : (has_lsl && has_usl ? (lsl + usl) / 2.0 : NAN);
  cap->n = n;
  cap->mean = mean;
  cap->sigma_within = sw;
  cap->sigma_overall = so;
  cap->sigma_method = isfinite (sigma_within) && sigma_within > 0 ? sigma_method : LC_SPC_SIGMA_SAMPLE;

  cap->cp = cap->pp = cap->cpm = no_interval ();
  cap->cpl = cap->cpu = cap->ppl = cap->ppu = no_interval ();
  if (has_lsl && has_usl)
    {
      cap->cp = chi2_interval ((usl - lsl) / (6.0 * sw), n - 1.0);
      cap->pp = chi2_interval ((usl - lsl) / (6.0 * so), n - 1.0);
      if (isfinite (cap->target))
        {
          /* Cpm = (USL − LSL) / 6√(σ² + (μ − T)²); interval from χ² with Boyles' (1991)
           * ν = n(1 + ξ²)²/(1 + 2ξ²), ξ = (μ − T)/σ. */
          double xi = (mean - cap->target) / so;
          double nu = n * (1.0 + xi * xi) * (1.0 + xi * xi) / (1.0 + 2.0 * xi * xi);
          cap->cpm = chi2_interval ((usl - lsl) / (6.0 * sqrt (so * so + (mean - cap->target) * (mean - cap->target))), nu);
        }
    }
  if (has_usl)
    {
      cap->cpu = bissell_interval ((usl - mean) / (3.0 * sw), n);
      cap->ppu = bissell_interval ((usl - mean) / (3.0 * so), n);
    }
  if (has_lsl)
    {
      cap->cpl = bissell_interval ((mean - lsl) / (3.0 * sw), n);
      cap->ppl = bissell_interval ((mean - lsl) / (3.0 * so), n);
    }
  /* A one-sided specification: Cpk is the index of its side (Montgomery § 8.3.1). */
  cap->cpk = bissell_interval (has_lsl && has_usl ? MIN (cap->cpu.value, cap->cpl.value)
                               : has_usl ? cap->cpu.value : cap->cpl.value, n);
  cap->ppk = bissell_interval (has_lsl && has_usl ? MIN (cap->ppu.value, cap->ppl.value)
                               : has_usl ? cap->ppu.value : cap->ppl.value, n);

  for (guint i = 0; i < n; i++)
    {
      below += has_lsl && values[i] < lsl;
      above += has_usl && values[i] > usl;
    }
  cap->observed_ppm_below = has_lsl ? 1e6 * below / n : NAN;
  cap->observed_ppm_above = has_usl ? 1e6 * above / n : NAN;
  cap->expected_within_ppm_below = has_lsl ? 1e6 * lc_spc_normal_cdf ((lsl - mean) / sw) : NAN;
  cap->expected_within_ppm_above = has_usl ? 1e6 * lc_spc_normal_cdf ((mean - usl) / sw) : NAN;
  cap->expected_overall_ppm_below = has_lsl ? 1e6 * lc_spc_normal_cdf ((lsl - mean) / so) : NAN;
  cap->expected_overall_ppm_above = has_usl ? 1e6 * lc_spc_normal_cdf ((mean - usl) / so) : NAN;

  cap->ad_statistic = lc_spc_anderson_darling (values, n, &cap->ad_p_value);
  cap->ad_statistic_adjusted = cap->ad_statistic * (1.0 + 0.75 / n + 2.25 / ((double) n * n));
  cap->normal = !(cap->ad_p_value < 0.05);
  return g_steal_pointer (&cap);
}

LcSpcCapability *
lc_spc_capability_for_chart (const LcSpcChart   *chart,
                             const LcSpcSamples *samples,
                             double              lsl,
                             double              usl,
                             double              target,
                             GError            **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  if (lc_spc_chart_kind_is_attribute (chart->kind))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                   _("Capability indices need measured values, not counts"));
      return NULL;
    }
  for (guint i = 0; i < chart->n_points; i++)
    {
      const LcSpcPoint *p = &chart->points[i];
      if (chart->frozen || (p->phase1 && !p->excluded))
        {
          guint m;
          const double *v = lc_spc_samples_get_values (samples, p->subgroup, &m);
          g_array_append_vals (values, v, m);
        }
    }
  return lc_spc_capability_compute ((double *) values->data, values->len, chart->sigma,
                                    chart->sigma_method, lsl, usl, target, error);
}

void
lc_spc_capability_free (LcSpcCapability *self)
{
  g_free (self);
}
