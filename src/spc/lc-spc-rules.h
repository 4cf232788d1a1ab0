#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The run rules chosen per characteristic (characteristic.rules: "western-electric",
 * "nelson" or "none"). Rule numbers are those of the set:
 *
 * Western Electric (Statistical Quality Control Handbook, 1956; Montgomery § 5.3.6):
 *   1  one point beyond 3σ                2  2 of 3 in a row beyond 2σ, same side
 *   3  4 of 5 in a row beyond 1σ, same side   4  8 in a row on one side of the centre line
 * Nelson (J. Quality Technology 16 (1984) 237-239):
 *   1  one point beyond 3σ                2  9 in a row on one side of the centre line
 *   3  6 in a row steadily increasing or decreasing
 *   4  14 in a row alternating up and down
 *   5  2 of 3 beyond 2σ, same side        6  4 of 5 beyond 1σ, same side
 *   7  15 in a row within 1σ (either side)  8  8 in a row beyond 1σ (either side)
 *
 * A point carries a rule when it completes the pattern (the last point of the run), the
 * way it would have been flagged when it arrived. σ is the zone width of the point's own
 * limits, (UCL − CL)/3 on both sides (an LCL clamped at 0 does not narrow the lower zones),
 * so charts with limits per point (p, u with variable n) are zoned point by point.
 * Charts apply the zone and run rules to the X̄, I, p, np, c and u points; dispersion (R, S,
 * MR), EWMA and CUSUM points are autocorrelated or skewed, so they get rule 1 only. */
typedef enum
{
  LC_SPC_RULES_NONE,              /* only points beyond the control limits (rule 1) */
  LC_SPC_RULES_WESTERN_ELECTRIC,
  LC_SPC_RULES_NELSON,
} LcSpcRuleSet;

/* Bit (r − 1) of a point's violations is set when it breaks rule r. */
#define LC_SPC_RULE_BIT(r) (1u << ((r) - 1))

const char *lc_spc_rule_set_to_string   (LcSpcRuleSet  rules);
gboolean    lc_spc_rule_set_from_string (const char   *text,
                                         LcSpcRuleSet *rules);
guint       lc_spc_rule_set_get_n_rules (LcSpcRuleSet  rules);
/* A translated sentence for the alarm list and the hover readout, e.g.
 * "9 points in a row on one side of the centre line". */
const char *lc_spc_rule_describe        (LcSpcRuleSet  rules,
                                         guint         rule);

/* Evaluates @rules over @n points: @values with their own @center, @lcl and @ucl (arrays of
 * @n; NAN limits mean no limit on that side) and writes each point's violation bits into
 * @violations. Rules are only looked for in [@first, @n): points before that keep theirs,
 * so new points can be evaluated as they arrive with the earlier ones as history. */
void        lc_spc_rules_evaluate       (LcSpcRuleSet  rules,
                                         const double *values,
                                         const double *center,
                                         const double *lcl,
                                         const double *ucl,
                                         guint         n,
                                         guint         first,
                                         guint32      *violations);

G_END_DECLS
