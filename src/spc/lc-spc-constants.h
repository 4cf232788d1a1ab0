#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Control chart constants for subgroups of n = 2 … LC_SPC_MAX_SUBGROUP_SIZE, computed, not
 * copied from a printed table (which rounds to 3-4 digits):
 *   d2(n) = E[R/σ]    = ∫ 1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ dx                  (Tippett 1925)
 *   d3(n) = sd[R/σ]   from E[R²/σ²] = 2 ∫∫_{x<y} 1 − Φ(y)ⁿ − (1 − Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ dx dy
 *   c4(n) = E[s/σ]    = √(2/(n−1)) Γ(n/2) / Γ((n−1)/2)
 * (Montgomery, Introduction to SQC, appendix VI and § 6.2). Functions return NAN outside
 * 2 … 25 except c4, which is defined for any n ≥ 2. */
#define LC_SPC_MAX_SUBGROUP_SIZE 25

double lc_spc_d2 (guint n);
double lc_spc_d3 (guint n);
double lc_spc_c4 (guint n);

/* Factors derived from the above (Montgomery appendix VI):
 * A2 = 3/(d2√n), D3 = max(0, 1 − 3d3/d2), D4 = 1 + 3d3/d2, A3 = 3/(c4√n),
 * B3 = max(0, 1 − 3√(1−c4²)/c4), B4 = 1 + 3√(1−c4²)/c4. */
double lc_spc_a2 (guint n);
double lc_spc_a3 (guint n);
double lc_spc_d3_factor (guint n);   /* D3 */
double lc_spc_d4_factor (guint n);   /* D4 */
double lc_spc_b3 (guint n);
double lc_spc_b4 (guint n);

/* Standard normal distribution and the χ² quantile, for limits, capability and intervals. */
double lc_spc_normal_cdf      (double z);
double lc_spc_normal_quantile (double p);
double lc_spc_chi2_quantile   (double p,
                               double degrees_of_freedom);

G_END_DECLS
