#include <math.h>

#include "lc-spc-chart.h"
#include "lc-spc-constants.h"
#include "lc-spc-error.h"
#include "spc-test-data.h"

/* d2, d3, c4 against Harter (1960) "Tables of range and studentized range", Ann. Math.
 * Statist. 31, 1122-1147 (6 decimals), the source Montgomery's appendix VI rounds. */
static void
test_constants_harter (void)
{
  static const struct { guint n; double d2, d3, c4; } table[] = {
    { 2, 1.128379, 0.852502, 0.797885 },
    { 5, 2.325929, 0.864082, 0.939986 },
    { 10, 3.077505, 0.797051, 0.972659 },
    { 25, 3.930629, 0.708441, 0.989640 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      assert_close (lc_spc_d2 (table[i].n), table[i].d2, 1e-6);
      assert_close (lc_spc_d3 (table[i].n), table[i].d3, 1e-6);
      assert_close (lc_spc_c4 (table[i].n), table[i].c4, 1e-6);
    }
  /* Montgomery appendix VI, n = 5: A2 = 0.577, D4 = 2.114, D3 = 0, B4 = 2.089, A3 = 1.427. */
  assert_close (lc_spc_a2 (5), 0.577, 5e-4);
  assert_close (lc_spc_d4_factor (5), 2.114, 5e-4);
  g_assert_cmpfloat (lc_spc_d3_factor (5), ==, 0.0);
  assert_close (lc_spc_b4 (5), 2.089, 5e-4);
  assert_close (lc_spc_a3 (5), 1.427, 5e-4);
  g_assert_true (isnan (lc_spc_d2 (1)) && isnan (lc_spc_d2 (26)));
}

static LcSpcChart *
piston_rings_chart (LcSpcChartKind kind)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("pistonrings.txt", FALSE, "diameter", "sample", NULL, "trial");
  g_autoptr(GError) error = NULL;
  LcSpcChartOptions options;
  LcSpcChart *chart;

  lc_spc_chart_options_init (&options);
  chart = lc_spc_chart_compute (kind, samples, &options, &error);
  g_assert_no_error (error);
  return chart;
}

/* Montgomery, Introduction to SQC, Example 6.1: 25 trial samples of 5 piston rings,
 * x̿ = 74.001, R̄ = 0.023, X̄ limits 74.014 / 73.988, R chart UCL 0.049 (the book rounds R̄
 * to 0.023 before multiplying: unrounded R̄ = 0.02276 gives UCL 0.0481). Exact values from
 * the 125 trial values with Harter's d2 = 2.325929, d3 = 0.864082 (computed apart). Samples
 * 37, 38 and 39 of Phase II fall above the UCL, as in the book's Figure 6.4. */
static void
test_xbar_r_piston_rings (void)
{
  g_autoptr(LcSpcChart) chart = piston_rings_chart (LC_SPC_CHART_XBAR_R);
  LcSpcChart *r = chart->dispersion;

  g_assert_cmpuint (chart->n_points, ==, 40);
  g_assert_cmpuint (chart->n_phase1, ==, 25);
  g_assert_cmpint (chart->sigma_method, ==, LC_SPC_SIGMA_R_BAR);
  g_assert_false (chart->limits_vary);
  assert_close (chart->center, 74.001176, 1e-6);
  assert_close (chart->sigma, 0.02276 / 2.325929, 1e-9);
  assert_close (chart->ucl, 74.01430441, 1e-7);
  assert_close (chart->lcl, 73.98804759, 1e-7);
  assert_close (chart->ucl, 74.014, 5e-4);
  assert_close (chart->lcl, 73.988, 5e-4);
  g_assert_nonnull (r);
  g_assert_cmpint (r->kind, ==, LC_SPC_CHART_R);
  assert_close (r->center, 0.02276, 1e-9);
  assert_close (r->ucl, 0.048126, 1e-6);
  g_assert_cmpfloat (r->lcl, ==, 0.0);

  for (guint i = 0; i < chart->n_points; i++)
    {
      gboolean beyond = (chart->points[i].violations & LC_SPC_RULE_BIT (1)) != 0;
      g_assert_cmpuint (chart->points[i].index, ==, i + 1);
      g_assert_true (chart->points[i].phase1 == (i < 25));
      g_assert_true (beyond == (i + 1 == 37 || i + 1 == 38 || i + 1 == 39));
    }
  assert_close (chart->points[36].value, 74.0166, 1e-9);
}

/* Montgomery Example 6.3: the same rings on X̄-S: s̄ = 0.0094 in the book (0.00924 unrounded),
 * X̄ limits 74.014 / 73.988, S chart UCL 0.0196 (0.01930 unrounded), LCL 0. c4(5) = 0.9400. */
static void
test_xbar_s_piston_rings (void)
{
  g_autoptr(LcSpcChart) chart = piston_rings_chart (LC_SPC_CHART_XBAR_S);
  LcSpcChart *s = chart->dispersion;

  g_assert_cmpint (chart->sigma_method, ==, LC_SPC_SIGMA_S_BAR);
  assert_close (s->center, 0.00924004, 1e-8);
  assert_close (chart->sigma, 0.00982998, 1e-8);
  assert_close (chart->ucl, 74.01436430, 1e-7);
  assert_close (chart->lcl, 73.98798770, 1e-7);
  assert_close (s->ucl, 0.01930242, 1e-7);
  g_assert_cmpfloat (s->lcl, ==, 0.0);
  assert_close (chart->ucl, 74.014, 5e-4);
  assert_close (s->ucl, 0.0196, 5e-4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spc/constants/harter-d2-d3-c4", test_constants_harter);
  g_test_add_func ("/spc/xbar-r/montgomery-piston-rings-limits", test_xbar_r_piston_rings);
  g_test_add_func ("/spc/xbar-s/montgomery-piston-rings-limits", test_xbar_s_piston_rings);
  return g_test_run ();
}
