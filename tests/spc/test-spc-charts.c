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

static LcSpcChart *
chart_from (LcSpcSamples   *samples,
            LcSpcChartKind  kind)
{
  g_autoptr(GError) error = NULL;
  LcSpcChart *chart = lc_spc_chart_compute (kind, samples, NULL, &error);

  g_assert_no_error (error);
  return chart;
}

/* Montgomery Example 7.1: orange juice cans, 30 trial samples of 50: p̄ = 0.2313,
 * UCL 0.4102, LCL 0.0524; samples 15 and 23 above the UCL (assignable causes). Without
 * them: p̄ = 0.2150, UCL 0.3893, LCL 0.0407. Exact: p̄ = 347/1500. */
static void
test_p_orange_juice (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("orangejuice.txt", TRUE, "D", NULL, "size", "trial");
  g_autoptr(LcSpcChart) chart = chart_from (samples, LC_SPC_CHART_P);
  g_autoptr(LcSpcChart) revised = NULL;
  g_autoptr(LcSpcChart) dropped = NULL;
  g_autoptr(GError) error = NULL;
  LcSpcChartOptions options;

  g_assert_cmpuint (chart->n_points, ==, 54);
  g_assert_cmpuint (chart->n_phase1, ==, 30);
  assert_close (chart->center, 347.0 / 1500.0, 1e-12);
  assert_close (chart->ucl, 0.4102391186, 1e-9);
  assert_close (chart->lcl, 0.0524275481, 1e-9);
  for (guint i = 0; i < 30; i++)
    g_assert_true (((chart->points[i].violations & LC_SPC_RULE_BIT (1)) != 0) == (i + 1 == 15 || i + 1 == 23));

  lc_spc_samples_set_excluded (samples, 14, TRUE);
  lc_spc_samples_set_excluded (samples, 22, TRUE);
  revised = chart_from (samples, LC_SPC_CHART_P);
  g_assert_cmpuint (revised->n_phase1, ==, 28);
  assert_close (revised->center, 0.2150, 1e-12);
  assert_close (revised->ucl, 0.3892971600, 1e-9);
  assert_close (revised->lcl, 0.0407028400, 1e-9);
  g_assert_true (revised->points[14].excluded);

  /* The automatic drop goes on while points fall outside: with 15 and 23 gone, sample 21
   * (p = 0.40) is above 0.3893 too, which the book keeps for lack of an assignable cause. */
  lc_spc_samples_set_excluded (samples, 14, FALSE);
  lc_spc_samples_set_excluded (samples, 22, FALSE);
  lc_spc_chart_options_init (&options);
  options.drop_out_of_control = TRUE;
  dropped = lc_spc_chart_compute (LC_SPC_CHART_P, samples, &options, &error);
  g_assert_no_error (error);
  g_assert_true (dropped->points[14].excluded && dropped->points[22].excluded && dropped->points[20].excluded);
  g_assert_cmpuint (dropped->n_phase1, ==, 27);
}

/* np on the same data: n·p̄ = 11.567, limits 20.51 / 2.62 (Montgomery § 7.2.2 formulas). */
static void
test_np_orange_juice (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("orangejuice.txt", TRUE, "D", NULL, "size", "trial");
  g_autoptr(LcSpcChart) chart = chart_from (samples, LC_SPC_CHART_NP);

  assert_close (chart->center, 50.0 * 347.0 / 1500.0, 1e-10);
  assert_close (chart->ucl, 20.51195592973692, 1e-9);
  assert_close (chart->lcl, 2.6213774035964104, 1e-9);
}

/* Montgomery Example 7.3: nonconformities on 26 circuit boards: c̄ = 19.85, UCL 33.22,
 * LCL 6.48, samples 6 and 20 outside; revised without them c̄ = 19.67, UCL 32.97,
 * LCL 6.36 (exact: c̄ = 516/26, 472/24). */
static void
test_c_circuit_boards (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("circuit.txt", TRUE, "x", NULL, "size", "trial");
  g_autoptr(LcSpcChart) chart = chart_from (samples, LC_SPC_CHART_C);
  g_autoptr(LcSpcChart) revised = NULL;

  assert_close (chart->center, 516.0 / 26.0, 1e-12);
  assert_close (chart->ucl, 33.2108605251, 1e-9);
  assert_close (chart->lcl, 6.4814471672, 1e-9);
  for (guint i = 0; i < 26; i++)
    g_assert_true (((chart->points[i].violations & LC_SPC_RULE_BIT (1)) != 0) == (i + 1 == 6 || i + 1 == 20));
  lc_spc_samples_set_excluded (samples, 5, TRUE);
  lc_spc_samples_set_excluded (samples, 19, TRUE);
  revised = chart_from (samples, LC_SPC_CHART_C);
  assert_close (revised->center, 472.0 / 24.0, 1e-12);
  assert_close (revised->ucl, 32.9708013623, 1e-9);
  assert_close (revised->lcl, 6.3625319710, 1e-9);
}

/* Montgomery Example 7.4: personal computers, 20 samples of 5: ū = 1.93, UCL 3.79,
 * LCL 0.07 (exact 193/100, 1.93 ± 3√(1.93/5)). */
static void
test_u_computers (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("pcmanufact.txt", TRUE, "x", NULL, "size", NULL);
  g_autoptr(LcSpcChart) chart = chart_from (samples, LC_SPC_CHART_U);

  g_assert_false (chart->limits_vary);
  assert_close (chart->center, 1.93, 1e-12);
  assert_close (chart->ucl, 3.7938669480, 1e-9);
  assert_close (chart->lcl, 0.0661330520, 1e-9);
  g_assert_cmpuint (lc_spc_chart_count_violations (chart, FALSE), ==, 0);
}

/* Montgomery Example 7.5: dyed cloth, rolls of 8 to 13 units of 50 m²: ū = 153/107.5 =
 * 1.42, limits per roll ū ± 3√(ū/nᵢ); roll 3 (n = 13): 0.43 / 2.42, roll 2 (n = 8):
 * 0.16 / 2.69. */
static void
test_u_dyed_cloth_variable_n (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("dyedcloth.txt", TRUE, "x", NULL, "size", NULL);
  g_autoptr(LcSpcChart) chart = chart_from (samples, LC_SPC_CHART_U);

  g_assert_true (chart->limits_vary);
  g_assert_true (isnan (chart->ucl));
  assert_close (chart->center, 153.0 / 107.5, 1e-12);
  assert_close (chart->points[1].lcl, 0.1578852000, 1e-9);
  assert_close (chart->points[1].ucl, 2.6886264279, 1e-9);
  assert_close (chart->points[2].lcl, 0.4306174366, 1e-9);
  assert_close (chart->points[2].ucl, 2.4158941913, 1e-9);
  assert_close (chart->points[4].ucl, 2.5844395260, 1e-9);
  assert_close (chart->points[4].value, 7.0 / 9.5, 1e-12);
}

/* Viscosity, 20 trial batches then 15 more (Montgomery's individuals example data, as
 * distributed with qcc): x̄ = 34.088, MR̄ = 0.57263, σ = MR̄/d2(2) = 0.50748, limits
 * 35.6104 / 32.5656, MR chart UCL = D4·MR̄ = 1.8705. Batch 4 (35.96) is above the UCL. */
static void
test_imr_viscosity (void)
{
  g_autoptr(LcSpcSamples) samples = spc_test_load ("viscosity.txt", FALSE, "viscosity", NULL, NULL, "trial");
  g_autoptr(LcSpcChart) chart = chart_from (samples, LC_SPC_CHART_IMR);

  g_assert_cmpint (chart->sigma_method, ==, LC_SPC_SIGMA_MR_BAR);
  assert_close (chart->center, 34.088, 1e-10);
  assert_close (chart->sigma, 0.5074815237, 1e-9);
  assert_close (chart->ucl, 35.6104445710, 1e-8);
  assert_close (chart->lcl, 32.5655554290, 1e-8);
  assert_close (chart->dispersion->center, 0.5726315789, 1e-9);
  assert_close (chart->dispersion->ucl, 1.8705186206, 1e-6);
  g_assert_true (isnan (chart->dispersion->points[0].value));
  for (guint i = 0; i < chart->n_points; i++)
    g_assert_true (((chart->points[i].violations & LC_SPC_RULE_BIT (1)) != 0) == (i + 1 == 4));
}

/* Montgomery Table 9.1: 30 observations, μ0 = 10, σ = 1 (the first 20 from N(10, 1), the
 * last 10 from N(11, 1)). */
static const double montgomery_9_1[] = {
  9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34,
  9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84,
  10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52,
};

static LcSpcSamples *
montgomery_9_1_samples (void)
{
  LcSpcSamples *samples = lc_spc_samples_new ();
  for (guint i = 0; i < G_N_ELEMENTS (montgomery_9_1); i++)
    lc_spc_samples_add_subgroup (samples, &montgomery_9_1[i], 1, TRUE);
  return samples;
}

/* Montgomery Example 9.1, Table 9.2: tabular CUSUM with K = 0.5, H = 5 (σ = 1, so sigma units
 * are data units): C⁺₂₉ = 5.28 > H, first signal at sample 29, C⁺ reset seven samples
 * earlier (C⁺₂₂ = 0); C⁻ never signals. */
static void
test_cusum_montgomery_9_1 (void)
{
  g_autoptr(LcSpcSamples) samples = montgomery_9_1_samples ();
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  LcSpcChartOptions options;

  lc_spc_chart_options_init (&options);
  options.sigma_method = LC_SPC_SIGMA_KNOWN;
  options.sigma = 1.0;
  options.target = 10.0;
  chart = lc_spc_chart_compute (LC_SPC_CHART_CUSUM, samples, &options, &error);
  g_assert_no_error (error);
  assert_close (chart->points[0].lower, 0.05, 1e-9);
  assert_close (chart->points[1].lower, 1.56, 1e-9);
  assert_close (chart->points[4].upper, 2.82, 1e-9);
  g_assert_cmpfloat (chart->points[21].upper, ==, 0.0);
  assert_close (chart->points[28].upper, 5.28, 1e-9);
  assert_close (chart->points[29].upper, 5.30, 1e-9);
  for (guint i = 0; i < chart->n_points; i++)
    g_assert_true ((chart->points[i].violations != 0) == (i + 1 >= 29));
  g_assert_cmpfloat (chart->ucl, ==, 5.0);
  g_assert_cmpfloat (chart->lcl, ==, -5.0);
}

/* Montgomery Example 9.2, Table 9.11: EWMA of the same data, λ = 0.1, L = 2.7: z₁ = 9.945,
 * limits 9.73 / 10.27 at i = 1 widening to 9.38 / 10.62; the chart signals at sample 29
 * (z₂₉ = 10.6468 > 10.6187). Exact limits 10 ± 2.7√(0.1/1.9 · (1 − 0.9^2i)). */
static void
test_ewma_montgomery_9_2 (void)
{
  g_autoptr(LcSpcSamples) samples = montgomery_9_1_samples ();
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  LcSpcChartOptions options;

  lc_spc_chart_options_init (&options);
  options.sigma_method = LC_SPC_SIGMA_KNOWN;
  options.sigma = 1.0;
  options.target = 10.0;
  options.lambda = 0.1;
  options.L = 2.7;
  chart = lc_spc_chart_compute (LC_SPC_CHART_EWMA, samples, &options, &error);
  g_assert_no_error (error);
  g_assert_true (chart->limits_vary);
  assert_close (chart->points[0].value, 9.945, 1e-9);
  assert_close (chart->points[1].value, 9.7495, 1e-9);
  for (guint i = 0; i < chart->n_points; i++)
    {
      double width = 2.7 * sqrt (0.1 / 1.9 * (1.0 - pow (0.9, 2.0 * (i + 1))));
      assert_close (chart->points[i].ucl, 10.0 + width, 1e-12);
      assert_close (chart->points[i].lcl, 10.0 - width, 1e-12);
      g_assert_true ((chart->points[i].violations != 0) == (i + 1 == 29 || i + 1 == 30));
    }
  assert_close (chart->points[0].ucl, 10.27, 5e-3);
  assert_close (chart->points[28].value, 10.6468, 1e-4);
  assert_close (chart->points[28].ucl, 10.6187, 1e-4);
}

/* NIST/SEMATECH e-Handbook § 6.3.2.4: EWMA₀ = 50, s = 2.0539, λ = 0.3, k = 3 give the
 * limits 52.5884 / 47.4115 — the asymptotic ones, which the exact limits reach. */
static void
test_ewma_nist_limits (void)
{
  g_autoptr(LcSpcSamples) samples = lc_spc_samples_new ();
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(GError) error = NULL;
  LcSpcChartOptions options;

  for (guint i = 0; i < 60; i++)
    lc_spc_samples_add_subgroup (samples, &(double) { 50.0 + (i % 3) - 1.0 }, 1, TRUE);
  lc_spc_chart_options_init (&options);
  options.sigma_method = LC_SPC_SIGMA_KNOWN;
  options.sigma = 2.0539;
  options.target = 50.0;
  options.lambda = 0.3;
  options.L = 3.0;
  chart = lc_spc_chart_compute (LC_SPC_CHART_EWMA, samples, &options, &error);
  g_assert_no_error (error);
  assert_close (chart->points[59].ucl, 52.5884, 1e-4);
  assert_close (chart->points[59].lcl, 47.4115, 1e-4);
  /* The first limit is narrower: 3 · 2.0539 · √(0.3/1.7 · (1 − 0.7²)) = λσ·3 exactly. */
  assert_close (chart->points[0].ucl - 50.0, 3.0 * 0.3 * 2.0539, 1e-12);
}

/* Each Nelson and Western Electric pattern, built on a chart with centre 0 and σ = 1, is
 * flagged on the point that completes it and nowhere else. */
static void
check_rule (LcSpcRuleSet  rules,
            const double *values,
            guint         n,
            guint         rule,
            guint         flagged_from)
{
  g_autofree double *center = g_new0 (double, n);
  g_autofree double *lcl = g_new (double, n);
  g_autofree double *ucl = g_new (double, n);
  g_autofree guint32 *bits = g_new0 (guint32, n);

  for (guint i = 0; i < n; i++)
    {
      lcl[i] = -3.0;
      ucl[i] = 3.0;
    }
  lc_spc_rules_evaluate (rules, values, center, lcl, ucl, n, 0, bits);
  for (guint i = 0; i < n; i++)
    {
      if (((bits[i] & LC_SPC_RULE_BIT (rule)) != 0) != (i + 1 >= flagged_from))
        g_error ("%s rule %u: point %u has bits %x", lc_spc_rule_set_to_string (rules), rule, i + 1, bits[i]);
    }
}

static void
test_rules_patterns (void)
{
  const double beyond[] = { 0.5, -0.5, 3.5 };
  const double two_of_three[] = { 0.5, 2.5, -0.5, 2.5 };
  const double four_of_five[] = { -0.5, 1.5, 1.5, 0.5, 1.5, 1.5 };
  const double nine_side[] = { -0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1, 0.2, 0.1 };
  const double six_trend[] = { 0.0, -1.0, -0.8, -0.6, -0.4, -0.2, 0.0 };
  double alternating[15], within[16], outside[9];

  for (guint i = 0; i < G_N_ELEMENTS (alternating); i++)
    alternating[i] = i == 0 ? 0.5 : (i % 2 ? 0.5 : -0.5);
  for (guint i = 0; i < G_N_ELEMENTS (within); i++)
    within[i] = i == 0 ? 1.5 : (i % 2 ? 0.3 : -0.3);
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    outside[i] = i == 0 ? 0.0 : (i % 2 ? 1.5 : -1.5);

  check_rule (LC_SPC_RULES_NELSON, beyond, 3, 1, 3);
  check_rule (LC_SPC_RULES_NELSON, nine_side, 10, 2, 10);
  check_rule (LC_SPC_RULES_NELSON, six_trend, 7, 3, 7);
  check_rule (LC_SPC_RULES_NELSON, alternating, 15, 4, 15);
  check_rule (LC_SPC_RULES_NELSON, two_of_three, 4, 5, 4);
  check_rule (LC_SPC_RULES_NELSON, four_of_five, 6, 6, 6);
  check_rule (LC_SPC_RULES_NELSON, within, 16, 7, 16);
  check_rule (LC_SPC_RULES_NELSON, outside, 9, 8, 9);
  check_rule (LC_SPC_RULES_WESTERN_ELECTRIC, beyond, 3, 1, 3);
  check_rule (LC_SPC_RULES_WESTERN_ELECTRIC, two_of_three, 4, 2, 4);
  check_rule (LC_SPC_RULES_WESTERN_ELECTRIC, four_of_five, 6, 3, 6);
  /* 8 in a row on one side: points 3 … 10 of nine_side; the 9th point completes it already. */
  check_rule (LC_SPC_RULES_WESTERN_ELECTRIC, nine_side, 10, 4, 9);
  g_assert_cmpstr (lc_spc_rule_describe (LC_SPC_RULES_NELSON, 2), ==, "9 points in a row on one side of the centre line");
}

/* Wrong input is refused with an error a person can act on. */
static void
test_chart_input_errors (void)
{
  g_autoptr(LcSpcSamples) singles = montgomery_9_1_samples ();
  g_autoptr(LcSpcSamples) counts = lc_spc_samples_new ();
  g_autoptr(LcSpcSamples) flat = lc_spc_samples_new ();
  g_autoptr(GError) error = NULL;
  const double same[] = { 1.0, 1.0, 1.0 };

  g_assert_null (lc_spc_chart_compute (LC_SPC_CHART_XBAR_R, singles, NULL, &error));
  g_assert_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID);
  g_clear_error (&error);
  lc_spc_samples_add_count (counts, 3, 10, TRUE);
  lc_spc_samples_add_count (counts, 3, 12, TRUE);
  g_assert_null (lc_spc_chart_compute (LC_SPC_CHART_NP, counts, NULL, &error));
  g_assert_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lc_spc_chart_compute (LC_SPC_CHART_XBAR_R, counts, NULL, &error));
  g_assert_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID);
  g_clear_error (&error);
  lc_spc_samples_add_subgroup (flat, same, 3, TRUE);
  lc_spc_samples_add_subgroup (flat, same, 3, TRUE);
  g_assert_null (lc_spc_chart_compute (LC_SPC_CHART_XBAR_R, flat, NULL, &error));
  g_assert_error (error, LC_SPC_ERROR, LC_SPC_ERROR_NO_VARIATION);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spc/constants/harter-d2-d3-c4", test_constants_harter);
  g_test_add_func ("/spc/xbar-r/montgomery-piston-rings-limits", test_xbar_r_piston_rings);
  g_test_add_func ("/spc/xbar-s/montgomery-piston-rings-limits", test_xbar_s_piston_rings);
  g_test_add_func ("/spc/p/montgomery-orange-juice-limits-and-revision", test_p_orange_juice);
  g_test_add_func ("/spc/np/montgomery-orange-juice-limits", test_np_orange_juice);
  g_test_add_func ("/spc/c/montgomery-circuit-boards-limits-and-revision", test_c_circuit_boards);
  g_test_add_func ("/spc/u/montgomery-computers-limits", test_u_computers);
  g_test_add_func ("/spc/u/montgomery-dyed-cloth-limits-per-roll", test_u_dyed_cloth_variable_n);
  g_test_add_func ("/spc/imr/viscosity-limits-and-signal", test_imr_viscosity);
  g_test_add_func ("/spc/cusum/montgomery-table-9-2-sums-and-signal", test_cusum_montgomery_9_1);
  g_test_add_func ("/spc/ewma/montgomery-table-9-11-exact-limits", test_ewma_montgomery_9_2);
  g_test_add_func ("/spc/ewma/nist-handbook-asymptotic-limits", test_ewma_nist_limits);
  g_test_add_func ("/spc/rules/nelson-and-western-electric-patterns", test_rules_patterns);
  g_test_add_func ("/spc/chart/refuses-wrong-input", test_chart_input_errors);
  return g_test_run ();
}
