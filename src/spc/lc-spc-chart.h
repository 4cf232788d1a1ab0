#pragma once

#include <glib.h>

#include "lc-spc-rules.h"
#include "lc-spc-samples.h"

G_BEGIN_DECLS

typedef enum
{
  LC_SPC_CHART_XBAR_R,   /* subgroup means, with a range chart */
  LC_SPC_CHART_XBAR_S,   /* subgroup means, with a standard deviation chart */
  LC_SPC_CHART_IMR,      /* individual values, with a moving range chart */
  LC_SPC_CHART_EWMA,     /* exponentially weighted moving average of subgroup means */
  LC_SPC_CHART_CUSUM,    /* tabular CUSUM of subgroup means, in sigma units */
  LC_SPC_CHART_P,        /* fraction nonconforming */
  LC_SPC_CHART_NP,       /* number nonconforming */
  LC_SPC_CHART_C,        /* nonconformities per sample (constant area of opportunity) */
  LC_SPC_CHART_U,        /* nonconformities per inspection unit */
  /* The dispersion charts drawn under an X̄ or I chart (LcSpcChart.dispersion). */
  LC_SPC_CHART_R,
  LC_SPC_CHART_S,
  LC_SPC_CHART_MR,
} LcSpcChartKind;

/* "xbar-r", "xbar-s", "imr", "ewma", "cusum", "p", "np", "c", "u", "r", "s", "mr". */
const char *lc_spc_chart_kind_to_string   (LcSpcChartKind  kind);
gboolean    lc_spc_chart_kind_from_string (const char     *text,
                                           LcSpcChartKind *kind);
gboolean    lc_spc_chart_kind_is_attribute (LcSpcChartKind kind);
/* The chart's title, translated ("X̄-R chart", "p chart", …). */
const char *lc_spc_chart_kind_get_title   (LcSpcChartKind  kind);

/* How the process (within-subgroup) sigma is estimated, named as in the literature and
 * shown on the chart (Montgomery § 6.2-6.4):
 *   R̄/d2      mean subgroup range over d2(n)
 *   s̄/c4      mean subgroup standard deviation over c4(n)
 *   pooled     √(Σ(nᵢ−1)sᵢ² / Σ(nᵢ−1)) / c4(Σ(nᵢ−1)+1)
 *   MR̄/d2     mean moving range of span 2 over d2(2)
 *   sample s   the standard deviation of all values (the NIST handbook's EWMA example)
 *   known      given by the caller (LcSpcChartOptions.sigma)
 * DEFAULT picks R̄/d2 for X̄-R, s̄/c4 for X̄-S, MR̄/d2 for I-MR, and for EWMA and CUSUM
 * R̄/d2 with subgroups, MR̄/d2 with individual values. */
typedef enum
{
  LC_SPC_SIGMA_DEFAULT,
  LC_SPC_SIGMA_R_BAR,
  LC_SPC_SIGMA_S_BAR,
  LC_SPC_SIGMA_POOLED,
  LC_SPC_SIGMA_MR_BAR,
  LC_SPC_SIGMA_SAMPLE,
  LC_SPC_SIGMA_KNOWN,
} LcSpcSigmaMethod;

/* "r-bar", "s-bar", "pooled", "mr-bar", "sample", "known" (and "default"). */
const char *lc_spc_sigma_method_to_string   (LcSpcSigmaMethod  method);
gboolean    lc_spc_sigma_method_from_string (const char       *text,
                                             LcSpcSigmaMethod *method);
/* The formula as printed on the chart: "R̄/d₂", "s̄/c₄", "pooled s/c₄", "MR̄/d₂", … */
const char *lc_spc_sigma_method_get_label   (LcSpcSigmaMethod  method);

typedef struct _LcSpcLimits LcSpcLimits;

typedef struct
{
  LcSpcSigmaMethod    sigma_method;
  LcSpcRuleSet        rules;
  /* Phase I: after computing the limits from the trial set, drop the trial points that fall
   * outside them (on this chart or its dispersion chart) and recompute, until none does
   * (Montgomery § 6.2.1 "revised control limits"). Dropped points stay on the chart,
   * marked excluded. */
  gboolean            drop_out_of_control;
  double              sigma;     /* LC_SPC_SIGMA_KNOWN only */
  double              target;    /* EWMA/CUSUM centre; NAN: the Phase I mean */
  double              lambda;    /* EWMA weight, 0 < λ ≤ 1 (default 0.2) */
  double              L;         /* EWMA limit width in sigmas (default 3) */
  double              k;         /* CUSUM reference value in sigmas (default 0.5) */
  double              h;         /* CUSUM decision interval in sigmas (default 5) */
  /* Phase II against limits a QC lead froze: every point is plotted against them and the
   * Phase I flags of the samples are ignored. Not owned. */
  const LcSpcLimits  *frozen;
} LcSpcChartOptions;

void lc_spc_chart_options_init (LcSpcChartOptions *options);

typedef struct
{
  guint     index;       /* 1-based order on the chart */
  guint     subgroup;    /* 0-based index in the LcSpcSamples */
  double    value;       /* the plotted statistic: x̄, x, R, s, MR, EWMA, p, np, c, u;
                          * CUSUM: C⁺ (drawn with −C⁻ against UCL = h and LCL = −h) */
  double    center;
  double    lcl;         /* NAN: no lower limit (e.g. first MR point; LCL of a c chart < 0 is 0) */
  double    ucl;
  double    upper;       /* CUSUM C⁺ᵢ in sigma units; NAN on other charts */
  double    lower;       /* CUSUM C⁻ᵢ in sigma units; NAN on other charts */
  double    size;        /* values in the subgroup, or the sample size of an attribute */
  gboolean  phase1;      /* in the trial set the limits come from */
  gboolean  excluded;    /* dropped from the trial set as out of control */
  guint32   violations;  /* LC_SPC_RULE_BIT (r) for each rule r broken */
} LcSpcPoint;

typedef struct _LcSpcChart LcSpcChart;
struct _LcSpcChart
{
  LcSpcChartKind    kind;
  LcSpcSigmaMethod  sigma_method;   /* the estimator used (never DEFAULT) */
  LcSpcRuleSet      rules;
  gboolean          frozen;         /* Phase II: limits from frozen control limits */
  double            center;
  double            lcl;            /* NAN when the limits vary per point */
  double            ucl;
  gboolean          limits_vary;    /* p/np/u with variable n, EWMA */
  double            sigma;          /* the process sigma in data units (variables charts) */
  double            mean;           /* the Phase I grand mean (variables charts) */
  double            subgroup_size;  /* 0 when it varies */
  guint             n_phase1;       /* trial points the limits come from (after drops) */
  double            lambda, L, k, h, target;   /* EWMA/CUSUM parameters used */
  LcSpcPoint       *points;
  guint             n_points;
  LcSpcChart       *dispersion;     /* R, S or MR chart of an X̄-R, X̄-S or I-MR chart */
};

/* Computes a chart over @samples. Fails with LC_SPC_ERROR_NOT_ENOUGH_DATA when the trial set
 * is too small, LC_SPC_ERROR_INVALID when subgroups have the wrong size for the chart (X̄-R
 * needs 2 … 25 values per subgroup; I-MR one) or a parameter is out of range. */
LcSpcChart *lc_spc_chart_compute (LcSpcChartKind            kind,
                                  const LcSpcSamples       *samples,
                                  const LcSpcChartOptions  *options,
                                  GError                  **error);
void        lc_spc_chart_free    (LcSpcChart               *self);

/* Number of points with at least one rule broken (beyond-limit points included). */
guint       lc_spc_chart_count_violations (const LcSpcChart *self,
                                           gboolean          with_dispersion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSpcChart, lc_spc_chart_free)

G_END_DECLS
