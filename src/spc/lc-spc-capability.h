#pragma once

#include <glib.h>

#include "lc-spc-chart.h"

G_BEGIN_DECLS

/* An estimate with its two-sided 95% confidence interval; all NAN when it cannot be
 * computed (e.g. Cpu without USL). */
typedef struct
{
  double value;
  double lower;
  double upper;
} LcSpcInterval;

/* Process capability (Montgomery ch. 8; AIAG SPC manual 2nd ed. ch. IV):
 *   Cp  = (USL − LSL) / 6σw          Pp  = (USL − LSL) / 6σo
 *   Cpu = (USL − μ) / 3σw            Ppu = (USL − μ) / 3σo
 *   Cpl = (μ − LSL) / 3σw            Ppl = (μ − LSL) / 3σo
 *   Cpk = min (Cpu, Cpl)             Ppk = min (Ppu, Ppl)
 *   Cpm = (USL − LSL) / 6√(σo² + (μ − T)²)     (Chan, Cheng & Spiring 1988)
 * σw is the within-subgroup sigma of the chart (R̄/d2, s̄/c4, …), σo the standard deviation
 * of all values. A one-sided specification gives only the indices of its side (Cpk = Cpu
 * or Cpl); Cp, Pp and Cpm need both limits.
 * 95% intervals: Cp and Pp from χ² (Montgomery eq. 8.19); Cpk, Cpu, Cpl, Ppk, Ppu, Ppl from
 * Bissell's normal approximation (Montgomery eq. 8.20); Cpm from χ² with Boyles' degrees of
 * freedom ν = n(1 + ξ²)² / (1 + 2ξ²), ξ = (μ − T)/σo (Boyles 1991). n = number of values. */
typedef struct
{
  double            lsl, usl, target;   /* NAN when absent; target defaults to the midpoint */
  guint             n;
  double            mean;
  double            sigma_within;
  double            sigma_overall;
  LcSpcSigmaMethod  sigma_method;
  LcSpcInterval     cp, cpl, cpu, cpk, cpm;
  LcSpcInterval     pp, ppl, ppu, ppk;
  /* Parts per million outside each limit: expected from the fitted normal with the
   * within and the overall sigma, and observed in the data. NAN for an absent limit. */
  double            expected_within_ppm_below, expected_within_ppm_above;
  double            expected_overall_ppm_below, expected_overall_ppm_above;
  double            observed_ppm_below, observed_ppm_above;
  /* Anderson-Darling test of normality over all values: A², its small-sample adjustment
   * A*² = A²(1 + 0.75/n + 2.25/n²) and the p-value of D'Agostino & Stephens (1986, table
   * 4.9). @normal is FALSE when p < 0.05: the indices should then be shown with a warning. */
  double            ad_statistic;
  double            ad_statistic_adjusted;
  double            ad_p_value;
  gboolean          normal;
} LcSpcCapability;

/* From @n values and a within sigma (NAN: use the overall one). Fails when n < 2, when both
 * specification limits are absent, or when LSL ≥ USL. */
LcSpcCapability *lc_spc_capability_compute   (const double       *values,
                                              guint               n,
                                              double              sigma_within,
                                              LcSpcSigmaMethod    sigma_method,
                                              double              lsl,
                                              double              usl,
                                              double              target,
                                              GError            **error);
/* Over the values of the chart's Phase I subgroups (not the excluded ones; all subgroups of
 * a frozen chart), with the chart's sigma as σw. Variables charts only. */
LcSpcCapability *lc_spc_capability_for_chart (const LcSpcChart   *chart,
                                              const LcSpcSamples *samples,
                                              double              lsl,
                                              double              usl,
                                              double              target,
                                              GError            **error);
void             lc_spc_capability_free      (LcSpcCapability    *self);

/* Anderson-Darling A² of @values against a normal with their own mean and sd; @p_value
 * (may be NULL) as above. NAN for n < 3 or no variation. */
double           lc_spc_anderson_darling     (const double       *values,
                                              guint               n,
                                              double             *p_value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcCapability, lc_spc_capability_free)

G_END_DECLS
