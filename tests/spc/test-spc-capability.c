#include <math.h>

#include "lc-spc-capability.h"
#include "lc-spc-constants.h"
#include "lc-spc-error.h"
#include "lc-spc-histogram.h"
#include "lc-spc-pareto.h"
#include "spc-test-data.h"

/* Piston rings, specification 74.000 ± 0.05 mm, σw = R̄/d2 from the 25 trial samples
 * (Montgomery Example 8.? prints Cp = 1.68 with σ rounded to 0.0099; unrounded R̄ = 0.02276
 * and d2 = 2.325929 give σ = 0.0097853, Cp = 1.7032). Pp and Ppk use the sample standard
 * deviation of the 125 values, 0.0100700; Cpm = 0.1 / 6√(s² + (x̄ − 74)²). The expected
 * values below were computed apart with Python's statistics.NormalDist. */
static void
test_piston_rings_capability (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("pistonrings.txt", FALSE, "diameter", "sample", NULL, "trial");
  g_autoptr(LcSpcChart) chart = lc_spc_chart_compute (LC_SPC_CHART_XBAR_R, samples, NULL, NULL);
  g_autoptr(LcSpcCapability) cap = NULL;
  g_autoptr(GError) error = NULL;

  cap = lc_spc_capability_for_chart (chart, samples, 73.95, 74.05, NAN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cap->n, ==, 125);
  g_assert_cmpint (cap->sigma_method, ==, LC_SPC_SIGMA_R_BAR);
  assert_close (cap->target, 74.0, 1e-12);
  assert_close (cap->cp.value, 1.703229, 1e-6);
  assert_close (cap->cpu.value, 1.663169, 1e-6);
  assert_close (cap->cpk.value, 1.663169, 1e-6);
  assert_close (cap->cpl.value, 1.743289, 1e-6);
  assert_close (cap->pp.value, 1.655086, 1e-6);
  assert_close (cap->ppk.value, 1.616159, 1e-6);
  assert_close (cap->cpm.value, 1.6439142489, 1e-8);
  assert_close (cap->expected_within_ppm_below, 0.0848166, 1e-6);
  assert_close (cap->expected_within_ppm_above, 0.3026694, 1e-6);
  g_assert_cmpfloat (cap->observed_ppm_below, ==, 0.0);
  assert_close (cap->ad_statistic, 0.1910193833, 1e-8);
  g_assert_true (cap->normal);
  g_assert_cmpfloat (cap->cp.lower, <, cap->cp.value);
  g_assert_cmpfloat (cap->cp.upper, >, cap->cp.value);
}

/* n values with exactly the given mean and sample standard deviation. */
static double *
values_with (guint  n,
             double mean,
             double sd)
{
  double *v = g_new (double, n), m = 0.0, ss = 0.0;

  for (guint i = 0; i < n; i++)
    m += (v[i] = (double) i - (n - 1) / 2.0) / n;
  for (guint i = 0; i < n; i++)
    ss += (v[i] - m) * (v[i] - m);
  for (guint i = 0; i < n; i++)
    v[i] = mean + (v[i] - m) * sd / sqrt (ss / (n - 1));
  return v;
}

/* Montgomery Example 8.5: USL 62, LSL 38, n = 20, s = 1.75: Ĉp = 2.29 with 95% interval
 * 1.57 ≤ Cp ≤ 3.01 (χ²₀.₀₂₅,₁₉ = 8.91, χ²₀.₉₇₅,₁₉ = 32.85). Example 8.6: n = 20,
 * Ĉpk = 1.33 gives 0.88 ≤ Cpk ≤ 1.78 (Bissell). */
static void
test_confidence_intervals_montgomery (void)
{
  g_autofree double *v = values_with (20, 50.0, 1.75);
  g_autoptr(LcSpcCapability) cap = lc_spc_capability_compute (v, 20, NAN, LC_SPC_SIGMA_DEFAULT, 38.0, 62.0, NAN, NULL);
  g_autoptr(LcSpcCapability) upper_only = NULL;

  assert_close (cap->cp.value, 24.0 / (6.0 * 1.75), 1e-12);
  /* χ² quantiles to 6 digits (8.906516, 32.852327; any χ² table) and the book's rounding. */
  assert_close (cap->cp.lower, 24.0 / 10.5 * sqrt (8.906516 / 19.0), 1e-5);
  assert_close (cap->cp.upper, 24.0 / 10.5 * sqrt (32.852327 / 19.0), 1e-5);
  assert_close (cap->cp.lower, 1.57, 1e-2);
  assert_close (cap->cp.upper, 3.01, 1e-2);

  /* One-sided: USL only, placed so that Cpu = 1.33; Cp, Cpl and Cpm do not exist. */
  upper_only = lc_spc_capability_compute (v, 20, NAN, LC_SPC_SIGMA_DEFAULT, NAN, 50.0 + 3.99 * 1.75, NAN, NULL);
  assert_close (upper_only->cpk.value, 1.33, 1e-12);
  assert_close (upper_only->cpk.lower, 0.88, 5e-3);
  assert_close (upper_only->cpk.upper, 1.78, 5e-3);
  g_assert_true (isnan (upper_only->cp.value) && isnan (upper_only->cpl.value) && isnan (upper_only->cpm.value));
  g_assert_true (isnan (upper_only->observed_ppm_below));
}

/* Anderson-Darling: normal scores are accepted, a heavily skewed sample is not (exponential
 * quantiles: A*² far above the 5% critical value 0.752 of D'Agostino & Stephens). */
static void
test_anderson_darling (void)
{
  double normal[50], skewed[50], p_normal, p_skewed;

  for (guint i = 0; i < 50; i++)
    {
      double q = (i + 0.5) / 50.0;
      normal[i] = lc_spc_normal_quantile (q);
      skewed[i] = -log (1.0 - q);
    }
  lc_spc_anderson_darling (normal, 50, &p_normal);
  g_assert_cmpfloat (lc_spc_anderson_darling (skewed, 50, &p_skewed) * (1 + 0.75 / 50 + 2.25 / 2500), >, 0.752);
  g_assert_cmpfloat (p_normal, >, 0.9);
  g_assert_cmpfloat (p_skewed, <, 0.05);
}

static void
test_capability_errors (void)
{
  g_autofree double *v = values_with (20, 50.0, 1.75);
  g_autoptr(GError) error = NULL;

  g_assert_null (lc_spc_capability_compute (v, 20, NAN, LC_SPC_SIGMA_DEFAULT, NAN, NAN, NAN, &error));
  g_assert_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lc_spc_capability_compute (v, 20, NAN, LC_SPC_SIGMA_DEFAULT, 60.0, 40.0, NAN, &error));
  g_assert_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID);
}

/* Bins cover the data and both specification limits; the fitted normal integrates to n. */
static void
test_histogram (void)
{
  g_autofree double *v = values_with (100, 10.0, 1.0);
  g_autoptr(LcSpcHistogram) h = lc_spc_histogram_new (v, 100, 10, 5.0, 16.0);
  guint total = 0;
  double area = 0.0;

  for (guint i = 0; i < h->n_bins; i++)
    total += h->counts[i];
  g_assert_cmpuint (total, ==, 100);
  g_assert_cmpfloat (h->start, <=, 5.0);
  g_assert_cmpfloat (h->start + h->n_bins * h->bin_width, >=, 16.0);
  for (double x = 0.0; x < 20.0; x += 0.001)
    area += lc_spc_histogram_fitted_count (h, x) * 0.001 / h->bin_width;
  assert_close (area, 100.0, 1e-3);
}

static void
test_pareto (void)
{
  const char * const names[] = { "scratch", "dent", "burr", "stain" };
  const double counts[] = { 5, 20, 15, 0 };
  g_autoptr(LcSpcPareto) pareto = lc_spc_pareto_new (names, NULL, counts, 4);

  g_assert_cmpstr (pareto->bars[0].name, ==, "dent");
  g_assert_cmpstr (pareto->bars[1].name, ==, "burr");
  g_assert_cmpstr (pareto->bars[3].name, ==, "stain");
  assert_close (pareto->bars[0].percent, 50.0, 1e-12);
  assert_close (pareto->bars[1].cumulative_percent, 87.5, 1e-12);
  assert_close (pareto->bars[3].cumulative_percent, 100.0, 1e-12);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spc/capability/piston-rings-indices-ppm-normality", test_piston_rings_capability);
  g_test_add_func ("/spc/capability/montgomery-8-5-8-6-confidence-intervals", test_confidence_intervals_montgomery);
  g_test_add_func ("/spc/capability/anderson-darling-accepts-normal-rejects-skewed", test_anderson_darling);
  g_test_add_func ("/spc/capability/refuses-missing-or-crossed-limits", test_capability_errors);
  g_test_add_func ("/spc/histogram/covers-specification-fitted-normal-area", test_histogram);
  g_test_add_func ("/spc/pareto/sorted-with-cumulative-percent", test_pareto);
  return g_test_run ();
}
