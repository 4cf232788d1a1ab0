#include "lc-config.h"

#include <math.h>

#include "lc-spc-constants.h"

double
lc_spc_normal_cdf (double z)
{
  return 0.5 * erfc (-z / G_SQRT2);
}

/* Bisection on the cdf: slower than a rational approximation but exact to the last bits and
 * only used for a handful of quantiles per chart. */
double
lc_spc_normal_quantile (double p)
{
  double lo = -40.0, hi = 40.0;

  if (!(p > 0.0 && p < 1.0))
    return p == 0.0 ? -INFINITY : p == 1.0 ? INFINITY : NAN;
  for (int i = 0; i < 200 && hi - lo > 1e-15 * MAX (1.0, fabs (lo)); i++)
    {
      double mid = 0.5 * (lo + hi);
      if (lc_spc_normal_cdf (mid) < p)
        lo = mid;
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

/* Regularized lower incomplete gamma P(a, x): its power series below a + 1, the continued
 * fraction of Q = 1 − P above (Abramowitz & Stegun 6.5.29 and 6.5.31, Lentz's method). */
static double
regularized_gamma_p (double a,
                     double x)
{
  double log_prefix;

  if (x <= 0.0)
    return 0.0;
  log_prefix = a * log (x) - x - lgamma (a);
  if (x < a + 1.0)
    {
      double term = 1.0 / a, sum = term;
      for (int n = 1; n < 10000; n++)
        {
          term *= x / (a + n);
          sum += term;
          if (fabs (term) < fabs (sum) * 1e-16)
            break;
        }
      return sum * exp (log_prefix);
    }
  else
    {
      const double tiny = 1e-300;
      double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
      for (int i = 1; i < 10000; i++)
        {
          double an = -i * (i - a), delta;
          b += 2.0;
          d = an * d + b;
          if (fabs (d) < tiny)
            d = tiny;
          c = b + an / c;
          if (fabs (c) < tiny)
            c = tiny;
          d = 1.0 / d;
          delta = d * c;
          h *= delta;
          if (fabs (delta - 1.0) < 1e-16)
            break;
        }
      return 1.0 - exp (log_prefix) * h;
    }
}

double
lc_spc_chi2_quantile (double p,
                      double degrees_of_freedom)
{
  double lo = 0.0, hi = MAX (1.0, degrees_of_freedom);

  if (!(p > 0.0 && p < 1.0) || !(degrees_of_freedom > 0.0))
    return NAN;
  while (regularized_gamma_p (degrees_of_freedom / 2.0, hi / 2.0) < p)
    hi *= 2.0;
  for (int i = 0; i < 300 && hi - lo > 1e-14 * hi; i++)
    {
      double mid = 0.5 * (lo + hi);
      if (regularized_gamma_p (degrees_of_freedom / 2.0, mid / 2.0) < p)
        lo = mid;
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

/* Composite Simpson over [a, b] with an even number of intervals. */
#define D2_LIMIT 12.0
#define D2_STEPS 4800

static double
range_cdf_complement (double x,
                      guint  n)
{
  double phi = lc_spc_normal_cdf (x);
  return 1.0 - pow (phi, n) - pow (1.0 - phi, n);
}

static double
compute_d2 (guint n)
{
  const double h = 2.0 * D2_LIMIT / D2_STEPS;
  double sum = 0.0;

  /* d2(n) = E[R/σ] = ∫ 1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ dx (Tippett 1925; the mean of the range of
   * n standard normal values). */
  for (int i = 0; i <= D2_STEPS; i++)
    {
      double w = (i == 0 || i == D2_STEPS) ? 1.0 : (i % 2 ? 4.0 : 2.0);
      sum += w * range_cdf_complement (-D2_LIMIT + i * h, n);
    }
  return sum * h / 3.0;
}

#define D3_X_LIMIT 9.0
#define D3_STEPS 240

static double
compute_d3 (guint n)
{
  /* The same step in x and t puts y = x + t on the x grid: Φ is tabulated once. */
  const double h = 2.0 * D3_X_LIMIT / D3_STEPS;
  const int n_phi = 2 * D3_STEPS + 1;
  g_autofree double *phi = g_new (double, n_phi);
  g_autofree double *phi_n = g_new (double, n_phi);
  double sum = 0.0, d2 = lc_spc_d2 (n);

  for (int i = 0; i < n_phi; i++)
    {
      phi[i] = lc_spc_normal_cdf (-D3_X_LIMIT + i * h);
      phi_n[i] = pow (phi[i], n);
    }

  /* E[W²] = 2 ∫∫_{x<y} 1 − Φ(y)ⁿ − (1 − Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ dx dy for the range W of n
   * standard normal values (Tippett 1925; Harter 1960), integrated over x and t = y − x ≥ 0
   * so that the domain is a rectangle and Simpson's rule keeps its order. */
  for (int i = 0; i <= D3_STEPS; i++)
    {
      double px = phi[i], qxn = pow (1.0 - px, n);
      double wx = (i == 0 || i == D3_STEPS) ? 1.0 : (i % 2 ? 4.0 : 2.0), inner = 0.0;

      for (int j = 0; j <= D3_STEPS; j++)
        {
          double wt = (j == 0 || j == D3_STEPS) ? 1.0 : (j % 2 ? 4.0 : 2.0);
          inner += wt * (1.0 - phi_n[i + j] - qxn + pow (phi[i + j] - px, n));
        }
      sum += wx * inner;
    }
  sum *= 2.0 * h * h / 9.0;
  return sqrt (sum - d2 * d2);
}

typedef struct
{
  double d2[LC_SPC_MAX_SUBGROUP_SIZE + 1];
  double d3[LC_SPC_MAX_SUBGROUP_SIZE + 1];
} Constants;

static Constants constants;
static gsize d2_ready;
static gsize d3_ready[LC_SPC_MAX_SUBGROUP_SIZE + 1];

double
lc_spc_d2 (guint n)
{
  if (n < 2 || n > LC_SPC_MAX_SUBGROUP_SIZE)
    return NAN;
  if (g_once_init_enter (&d2_ready))
    {
      for (guint m = 2; m <= LC_SPC_MAX_SUBGROUP_SIZE; m++)
        constants.d2[m] = compute_d2 (m);
      g_once_init_leave (&d2_ready, 1);
    }
  return constants.d2[n];
}

/* d3 costs a double integral: computed per n, on first use. */
double
lc_spc_d3 (guint n)
{
  if (n < 2 || n > LC_SPC_MAX_SUBGROUP_SIZE)
    return NAN;
  if (g_once_init_enter (&d3_ready[n]))
    {
      constants.d3[n] = compute_d3 (n);
      g_once_init_leave (&d3_ready[n], 1);
    }
  return constants.d3[n];
}

double
lc_spc_c4 (guint n)
{
  if (n < 2)
    return NAN;
  /* c4(n) = √(2/(n−1)) Γ(n/2) / Γ((n−1)/2), through lgamma to stay finite for large n. */
  return sqrt (2.0 / (n - 1.0)) * exp (lgamma (n / 2.0) - lgamma ((n - 1.0) / 2.0));
}

double
lc_spc_a2 (guint n)
{
  return 3.0 / (lc_spc_d2 (n) * sqrt (n));
}

double
lc_spc_a3 (guint n)
{
  return 3.0 / (lc_spc_c4 (n) * sqrt (n));
}

double
lc_spc_d3_factor (guint n)
{
  return MAX (0.0, 1.0 - 3.0 * lc_spc_d3 (n) / lc_spc_d2 (n));
}

double
lc_spc_d4_factor (guint n)
{
  return 1.0 + 3.0 * lc_spc_d3 (n) / lc_spc_d2 (n);
}

double
lc_spc_b3 (guint n)
{
  double c4 = lc_spc_c4 (n);
  return MAX (0.0, 1.0 - 3.0 * sqrt (1.0 - c4 * c4) / c4);
}

double
lc_spc_b4 (guint n)
{
  double c4 = lc_spc_c4 (n);
  return 1.0 + 3.0 * sqrt (1.0 - c4 * c4) / c4;
}
