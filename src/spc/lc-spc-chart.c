#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-spc-chart.h"
#include "lc-spc-constants.h"
#include "lc-spc-error.h"
#include "lc-spc-limits.h"

static const char * const kind_names[] = {
  [LC_SPC_CHART_XBAR_R] = "xbar-r",
  [LC_SPC_CHART_XBAR_S] = "xbar-s",
  [LC_SPC_CHART_IMR] = "imr",
  [LC_SPC_CHART_EWMA] = "ewma",
  [LC_SPC_CHART_CUSUM] = "cusum",
  [LC_SPC_CHART_P] = "p",
  [LC_SPC_CHART_NP] = "np",
  [LC_SPC_CHART_C] = "c",
  [LC_SPC_CHART_U] = "u",
  [LC_SPC_CHART_R] = "r",
  [LC_SPC_CHART_S] = "s",
  [LC_SPC_CHART_MR] = "mr",
};

const char *
lc_spc_chart_kind_to_string (LcSpcChartKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
lc_spc_chart_kind_from_string (const char     *text,
                               LcSpcChartKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
lc_spc_chart_kind_is_attribute (LcSpcChartKind kind)
{
  return kind == LC_SPC_CHART_P || kind == LC_SPC_CHART_NP || kind == LC_SPC_CHART_C ||
         kind == LC_SPC_CHART_U;
}

const char *
lc_spc_chart_kind_get_title (LcSpcChartKind kind)
{
  switch (kind)
    {
    case LC_SPC_CHART_XBAR_R: return _("X̄-R chart");
    case LC_SPC_CHART_XBAR_S: return _("X̄-S chart");
    case LC_SPC_CHART_IMR: return _("Individuals and moving range chart");
    case LC_SPC_CHART_EWMA: return _("EWMA chart");
    case LC_SPC_CHART_CUSUM: return _("CUSUM chart");
    case LC_SPC_CHART_P: return _("p chart (fraction nonconforming)");
    case LC_SPC_CHART_NP: return _("np chart (number nonconforming)");
    case LC_SPC_CHART_C: return _("c chart (nonconformities)");
    case LC_SPC_CHART_U: return _("u chart (nonconformities per unit)");
    case LC_SPC_CHART_R: return _("Range chart");
    case LC_SPC_CHART_S: return _("Standard deviation chart");
    case LC_SPC_CHART_MR: return _("Moving range chart");
    default: return "";
    }
}

static const char * const sigma_names[] = {
  [LC_SPC_SIGMA_DEFAULT] = "default",
  [LC_SPC_SIGMA_R_BAR] = "r-bar",
  [LC_SPC_SIGMA_S_BAR] = "s-bar",
  [LC_SPC_SIGMA_POOLED] = "pooled",
  [LC_SPC_SIGMA_MR_BAR] = "mr-bar",
  [LC_SPC_SIGMA_SAMPLE] = "sample",
  [LC_SPC_SIGMA_KNOWN] = "known",
};

const char *
lc_spc_sigma_method_to_string (LcSpcSigmaMethod method)
{
  g_return_val_if_fail (method < G_N_ELEMENTS (sigma_names), NULL);
  return sigma_names[method];
}

gboolean
lc_spc_sigma_method_from_string (const char       *text,
                                 LcSpcSigmaMethod *method)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (sigma_names); i++)
    if (g_str_equal (text, sigma_names[i]))
      {
        *method = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lc_spc_sigma_method_get_label (LcSpcSigmaMethod method)
{
  switch (method)
    {
    case LC_SPC_SIGMA_R_BAR: return "R̄/d₂";
    case LC_SPC_SIGMA_S_BAR: return "s̄/c₄";
    case LC_SPC_SIGMA_POOLED: return _("pooled s/c₄");
    case LC_SPC_SIGMA_MR_BAR: return "MR̄/d₂";
    case LC_SPC_SIGMA_SAMPLE: return _("sample s");
    case LC_SPC_SIGMA_KNOWN: return _("known σ");
    case LC_SPC_SIGMA_DEFAULT:
    default: return "";
    }
}

void
lc_spc_chart_options_init (LcSpcChartOptions *options)
{
  *options = (LcSpcChartOptions) {
    .sigma_method = LC_SPC_SIGMA_DEFAULT,
    .rules = LC_SPC_RULES_NELSON,
    .drop_out_of_control = FALSE,
    .sigma = NAN,
    .target = NAN,
    .lambda = 0.2,
    .L = 3.0,
    .k = 0.5,
    .h = 5.0,
    .frozen = NULL,
  };
}

void
lc_spc_chart_free (LcSpcChart *self)
{
  if (self == NULL)
    return;
  g_free (self->points);
  lc_spc_chart_free (self->dispersion);
  g_free (self);
}

guint
lc_spc_chart_count_violations (const LcSpcChart *self,
                               gboolean          with_dispersion)
{
  guint count = 0;

  for (guint i = 0; i < self->n_points; i++)
    if (self->points[i].violations != 0 ||
        (with_dispersion && self->dispersion != NULL && self->dispersion->points[i].violations != 0))
      count++;
  return count;
}

/* ---- Per-subgroup statistics ---- */

typedef struct
{
  double n;        /* values, or the sample size of an attribute */
  double mean;     /* x̄ */
  double range;    /* R, NAN for n = 1 */
  double sd;       /* s, NAN for n = 1 */
  double count;    /* attributes */
  gboolean trial;  /* in the trial set: Phase I and not excluded */
  gboolean phase1;
  gboolean excluded;
} Subgroup;

static Subgroup *
subgroup_statistics (const LcSpcSamples *samples,
                     gboolean            frozen)
{
  guint n = lc_spc_samples_get_n_subgroups (samples);
  Subgroup *stats = g_new0 (Subgroup, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      Subgroup *s = &stats[i];
      guint m;
      const double *v = lc_spc_samples_get_values (samples, i, &m);

      s->phase1 = !frozen && lc_spc_samples_get_phase1 (samples, i);
      s->excluded = s->phase1 && lc_spc_samples_get_excluded (samples, i);
      s->trial = s->phase1 && !s->excluded;
      s->count = lc_spc_samples_get_count (samples, i);
      s->n = lc_spc_samples_get_size (samples, i);
      s->mean = s->range = s->sd = NAN;
      if (m > 0)
        {
          double sum = 0.0, lo = v[0], hi = v[0], ss = 0.0;

          for (guint j = 0; j < m; j++)
            {
              sum += v[j];
              lo = MIN (lo, v[j]);
              hi = MAX (hi, v[j]);
            }
          s->mean = sum / m;
          if (m > 1)
            {
              for (guint j = 0; j < m; j++)
                ss += (v[j] - s->mean) * (v[j] - s->mean);
              s->range = hi - lo;
              s->sd = sqrt (ss / (m - 1));
            }
        }
    }
  return stats;
}

static gboolean
not_enough (guint         have,
            guint         need,
            GError      **error)
{
  if (have >= need)
    return FALSE;
  g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_NOT_ENOUGH_DATA,
               _("Not enough data for control limits: %u subgroups in the trial set, at least %u needed"),
               have, need);
  return TRUE;
}

/* The within-subgroup sigma from the trial subgroups (Montgomery § 6.2-6.4; ASTM E2587 for
 * unequal subgroup sizes: the mean of Rᵢ/d2(nᵢ) or sᵢ/c4(nᵢ)). */
static double
estimate_sigma (const LcSpcSamples *samples,
                const Subgroup     *stats,
                guint               n,
                LcSpcSigmaMethod    method,
                double              known,
                GError            **error)
{
  double sum = 0.0, weight = 0.0;
  guint used = 0;

  switch (method)
    {
    case LC_SPC_SIGMA_R_BAR:
    case LC_SPC_SIGMA_S_BAR:
      for (guint i = 0; i < n; i++)
        {
          guint m = (guint) stats[i].n;
          if (!stats[i].trial)
            continue;
          if (m < 2 || (method == LC_SPC_SIGMA_R_BAR && m > LC_SPC_MAX_SUBGROUP_SIZE))
            {
              g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                           _("Subgroup %u has %u values: this sigma estimate needs 2 to %u per subgroup"),
                           i + 1, m, LC_SPC_MAX_SUBGROUP_SIZE);
              return NAN;
            }
          sum += method == LC_SPC_SIGMA_R_BAR ? stats[i].range / lc_spc_d2 (m) : stats[i].sd / lc_spc_c4 (m);
          used++;
        }
      if (not_enough (used, 2, error))
        return NAN;
      return sum / used;

    case LC_SPC_SIGMA_POOLED:
      /* sp = √(Σ(nᵢ−1)sᵢ² / Σ(nᵢ−1)), unbiased by c4(Σ(nᵢ−1) + 1) (Montgomery § 6.3.2;
       * ASTM E2587 § 8). */
      for (guint i = 0; i < n; i++)
        if (stats[i].trial && stats[i].n >= 2)
          {
            sum += (stats[i].n - 1) * stats[i].sd * stats[i].sd;
            weight += stats[i].n - 1;
            used++;
          }
      if (not_enough (used, 1, error))
        return NAN;
      return sqrt (sum / weight) / lc_spc_c4 ((guint) weight + 1);

    case LC_SPC_SIGMA_MR_BAR:
      /* MR̄/d2(2) over consecutive trial values (Montgomery § 6.4). */
      for (guint i = 0; i < n; i++)
        if (stats[i].n != 1)
          {
            g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                         _("The moving range estimate needs single values; subgroup %u has %g"),
                         i + 1, stats[i].n);
            return NAN;
          }
      for (guint i = 1; i < n; i++)
        if (stats[i].trial && stats[i - 1].trial)
          {
            sum += fabs (stats[i].mean - stats[i - 1].mean);
            used++;
          }
      if (not_enough (used, 1, error))
        return NAN;
      return sum / used / lc_spc_d2 (2);

    case LC_SPC_SIGMA_SAMPLE:
      {
        double mean = 0.0, ss = 0.0;
        guint count = 0;

        for (guint i = 0; i < n; i++)
          if (stats[i].trial)
            {
              guint m;
              const double *v = lc_spc_samples_get_values (samples, i, &m);
              for (guint j = 0; j < m; j++)
                {
                  /* Welford's update: stable for values far from zero (74.0 ± 0.01 mm). */
                  double delta = v[j] - mean;
                  count++;
                  mean += delta / count;
                  ss += delta * (v[j] - mean);
                }
            }
        if (not_enough (count, 2, error))
          return NAN;
        return sqrt (ss / (count - 1));
      }

    case LC_SPC_SIGMA_KNOWN:
      if (!(known > 0.0) || !isfinite (known))
        {
          g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                       _("A known sigma must be a positive number"));
          return NAN;
        }
      return known;

    case LC_SPC_SIGMA_DEFAULT:
    default:
      g_assert_not_reached ();
    }
}

static LcSpcChart *
chart_new (LcSpcChartKind kind,
           guint          n_points)
{
  LcSpcChart *chart = g_new0 (LcSpcChart, 1);

  chart->kind = kind;
  chart->n_points = n_points;
  chart->points = g_new0 (LcSpcPoint, MAX (n_points, 1));
  chart->center = chart->lcl = chart->ucl = chart->sigma = chart->mean = NAN;
  chart->lambda = chart->L = chart->k = chart->h = chart->target = NAN;
  return chart;
}

static void
point_init (LcSpcPoint     *p,
            guint           i,
            const Subgroup *s)
{
  p->index = i + 1;
  p->subgroup = i;
  p->size = s->n;
  p->phase1 = s->phase1;
  p->excluded = s->excluded;
  p->upper = p->lower = NAN;
  p->violations = 0;
}

/* Sets the chart-wide limits when every point has the same ones, and evaluates the rules. */
static void
chart_finish (LcSpcChart   *chart,
              LcSpcRuleSet  rules)
{
  guint n = chart->n_points;
  g_autofree double *values = g_new (double, MAX (n, 1));
  g_autofree double *center = g_new (double, MAX (n, 1));
  g_autofree double *lcl = g_new (double, MAX (n, 1));
  g_autofree double *ucl = g_new (double, MAX (n, 1));
  g_autofree guint32 *bits = g_new0 (guint32, MAX (n, 1));
  gboolean vary = FALSE, center_varies = FALSE;

  for (guint i = 0; i < n; i++)
    {
      LcSpcPoint *p = &chart->points[i], *first = &chart->points[0];
      values[i] = p->value;
      center[i] = p->center;
      lcl[i] = p->lcl;
      ucl[i] = p->ucl;
      if (!(p->lcl == first->lcl || (isnan (p->lcl) && isnan (first->lcl))) || p->ucl != first->ucl)
        vary = TRUE;
      if (p->center != first->center)
        center_varies = TRUE;
    }
  chart->limits_vary = vary || center_varies;
  if (n > 0 && !center_varies)
    chart->center = chart->points[0].center;
  if (n > 0 && !chart->limits_vary)
    {
      chart->lcl = chart->points[0].lcl;
      chart->ucl = chart->points[0].ucl;
    }
  chart->rules = rules;
  lc_spc_rules_evaluate (rules, values, center, lcl, ucl, n, 0, bits);
  for (guint i = 0; i < n; i++)
    chart->points[i].violations = bits[i];
}

static guint
count_trial (const Subgroup *stats,
             guint           n)
{
  guint trial = 0;
  for (guint i = 0; i < n; i++)
    trial += stats[i].trial;
  return trial;
}

/* Grand mean of the trial values, weighted by subgroup size (Montgomery eq. 6.30). */
static double
trial_mean (const Subgroup *stats,
            guint           n)
{
  double sum = 0.0, weight = 0.0;

  for (guint i = 0; i < n; i++)
    if (stats[i].trial)
      {
        sum += stats[i].n * stats[i].mean;
        weight += stats[i].n;
      }
  return weight > 0 ? sum / weight : NAN;
}

static gboolean
check_sizes (LcSpcChartKind  kind,
             const Subgroup *stats,
             guint           n,
             GError        **error)
{
  for (guint i = 0; i < n; i++)
    {
      double m = stats[i].n;
      gboolean ok = TRUE;

      if (kind == LC_SPC_CHART_XBAR_R)
        ok = m >= 2 && m <= LC_SPC_MAX_SUBGROUP_SIZE;
      else if (kind == LC_SPC_CHART_XBAR_S)
        ok = m >= 2;
      else if (kind == LC_SPC_CHART_IMR)
        ok = m == 1;
      else if (kind == LC_SPC_CHART_EWMA || kind == LC_SPC_CHART_CUSUM)
        ok = m >= 1;
      else
        ok = m > 0 && isfinite (stats[i].count) && stats[i].count >= 0;
      if (!ok)
        {
          if (lc_spc_chart_kind_is_attribute (kind))
            g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                         _("Sample %u has a count of %g in a sample of %g: counts must be zero or more and sample sizes more than zero"),
                         i + 1, stats[i].count, m);
          else if (kind == LC_SPC_CHART_IMR)
            g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                         _("Subgroup %u has %g values: an individuals chart takes one value per point"),
                         i + 1, m);
          else
            g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                         _("Subgroup %u has %g values: this chart needs 2 to %u values per subgroup"),
                         i + 1, m, kind == LC_SPC_CHART_XBAR_S ? G_MAXINT : LC_SPC_MAX_SUBGROUP_SIZE);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- Shewhart variables charts: X̄-R, X̄-S, I-MR ---- */

static void
shewhart_points (LcSpcChart     *chart,
                 LcSpcChart     *dispersion,
                 const Subgroup *stats,
                 double          center,
                 double          sigma,
                 const LcSpcLimits *frozen)
{
  for (guint i = 0; i < chart->n_points; i++)
    {
      LcSpcPoint *p = &chart->points[i], *d = &dispersion->points[i];
      guint m = (guint) stats[i].n;
      double half = 3.0 * sigma / sqrt (m);

      point_init (p, i, &stats[i]);
      point_init (d, i, &stats[i]);
      p->value = stats[i].mean;
      p->center = center;
      /* X̄ ± 3σ/√n is X̄ ± A2·R̄ (or A3·s̄) for constant n (Montgomery eq. 6.4, 6.28). */
      p->lcl = center - half;
      p->ucl = center + half;
      if (frozen != NULL && m == (guint) frozen->subgroup_size && isfinite (frozen->ucl))
        {
          p->lcl = frozen->lcl;
          p->ucl = frozen->ucl;
        }

      switch (dispersion->kind)
        {
        case LC_SPC_CHART_R:
          /* R̄ = d2σ, limits d2σ ± 3d3σ = D3R̄, D4R̄ (Montgomery eq. 6.5). */
          d->value = stats[i].range;
          d->center = lc_spc_d2 (m) * sigma;
          d->ucl = d->center + 3.0 * lc_spc_d3 (m) * sigma;
          d->lcl = MAX (0.0, d->center - 3.0 * lc_spc_d3 (m) * sigma);
          break;
        case LC_SPC_CHART_S:
          {
            /* s̄ = c4σ, limits c4σ ± 3σ√(1 − c4²) = B3s̄, B4s̄ (Montgomery eq. 6.27). */
            double c4 = lc_spc_c4 (m);
            d->value = stats[i].sd;
            d->center = c4 * sigma;
            d->ucl = d->center + 3.0 * sigma * sqrt (1.0 - c4 * c4);
            d->lcl = MAX (0.0, d->center - 3.0 * sigma * sqrt (1.0 - c4 * c4));
          }
          break;
        case LC_SPC_CHART_MR:
        default:
          /* MR̄ = d2(2)σ, UCL = D4(2)·MR̄ (Montgomery eq. 6.33). */
          d->value = i > 0 ? fabs (stats[i].mean - stats[i - 1].mean) : NAN;
          d->center = lc_spc_d2 (2) * sigma;
          d->ucl = d->center + 3.0 * lc_spc_d3 (2) * sigma;
          d->lcl = 0.0;
          break;
        }
      if (frozen != NULL && m == (guint) frozen->subgroup_size && isfinite (frozen->dispersion_ucl))
        {
          d->center = frozen->dispersion_center;
          d->ucl = frozen->dispersion_ucl;
          d->lcl = isfinite (frozen->dispersion_lcl) ? frozen->dispersion_lcl : 0.0;
        }
    }
}

static double
beyond (const LcSpcPoint *p)
{
  return isfinite (p->value) && ((isfinite (p->ucl) && p->value > p->ucl) ||
                                 (isfinite (p->lcl) && p->value < p->lcl));
}

/* Drops the trial points beyond their limits (on the chart or its dispersion chart); TRUE
 * when any was dropped and the limits must be computed again. */
static gboolean
drop_beyond (Subgroup         *stats,
             const LcSpcChart *chart)
{
  gboolean dropped = FALSE;

  for (guint i = 0; i < chart->n_points; i++)
    if (stats[i].trial &&
        (beyond (&chart->points[i]) || (chart->dispersion != NULL && beyond (&chart->dispersion->points[i]))))
      {
        stats[i].trial = FALSE;
        stats[i].excluded = TRUE;
        dropped = TRUE;
      }
  return dropped;
}

static LcSpcChart *
compute_shewhart (LcSpcChartKind           kind,
                  const LcSpcSamples      *samples,
                  Subgroup                *stats,
                  const LcSpcChartOptions *options,
                  GError                 **error)
{
  guint n = lc_spc_samples_get_n_subgroups (samples);
  LcSpcSigmaMethod method = options->sigma_method;
  const LcSpcLimits *frozen = options->frozen;
  LcSpcChartKind dispersion_kind = kind == LC_SPC_CHART_XBAR_R ? LC_SPC_CHART_R
                                 : kind == LC_SPC_CHART_XBAR_S ? LC_SPC_CHART_S : LC_SPC_CHART_MR;

  if (method == LC_SPC_SIGMA_DEFAULT)
    method = kind == LC_SPC_CHART_XBAR_R ? LC_SPC_SIGMA_R_BAR
           : kind == LC_SPC_CHART_XBAR_S ? LC_SPC_SIGMA_S_BAR : LC_SPC_SIGMA_MR_BAR;

  for (guint round = 0; round <= n; round++)
    {
      g_autoptr(LcSpcChart) chart = chart_new (kind, n);
      double sigma, center;

      if (frozen != NULL)
        {
          sigma = frozen->sigma;
          center = frozen->center;
          method = frozen->sigma_method;
        }
      else
        {
          if (not_enough (count_trial (stats, n), 2, error))
            return NULL;
          sigma = estimate_sigma (samples, stats, n, method, options->sigma, error);
          if (isnan (sigma))
            return NULL;
          center = trial_mean (stats, n);
          if (!(sigma > 0.0))
            {
              g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_NO_VARIATION,
                           _("All values are equal: the process sigma is zero"));
              return NULL;
            }
        }
      chart->dispersion = chart_new (dispersion_kind, n);
      chart->sigma_method = chart->dispersion->sigma_method = method;
      chart->sigma = chart->dispersion->sigma = sigma;
      chart->mean = center;
      chart->frozen = frozen != NULL;
      chart->n_phase1 = count_trial (stats, n);
      shewhart_points (chart, chart->dispersion, stats, center, sigma, frozen);

      if (frozen == NULL && options->drop_out_of_control && drop_beyond (stats, chart))
        continue;

      chart_finish (chart, options->rules);
      /* Dispersion points are skewed (R, s) or correlated (MR): rule 1 only. */
      chart_finish (chart->dispersion, LC_SPC_RULES_NONE);
      return g_steal_pointer (&chart);
    }
  g_assert_not_reached ();
}

/* ---- EWMA and CUSUM ---- */

static LcSpcChart *
compute_time_weighted (LcSpcChartKind           kind,
                       const LcSpcSamples      *samples,
                       Subgroup                *stats,
                       const LcSpcChartOptions *options,
                       GError                 **error)
{
  guint n = lc_spc_samples_get_n_subgroups (samples);
  const LcSpcLimits *frozen = options->frozen;
  LcSpcSigmaMethod method = options->sigma_method;
  g_autoptr(LcSpcChart) chart = chart_new (kind, n);
  double sigma, target, lambda = options->lambda, L = options->L, k = options->k, h = options->h;
  double z, c_plus = 0.0, c_minus = 0.0;
  gboolean individuals = TRUE;

  for (guint i = 0; i < n; i++)
    individuals = individuals && stats[i].n == 1;
  if (method == LC_SPC_SIGMA_DEFAULT)
    method = individuals ? LC_SPC_SIGMA_MR_BAR : LC_SPC_SIGMA_R_BAR;

  if (frozen != NULL)
    {
      sigma = frozen->sigma;
      method = frozen->sigma_method;
      target = frozen->target;
      if (isfinite (frozen->lambda)) lambda = frozen->lambda;
      if (isfinite (frozen->L)) L = frozen->L;
      if (isfinite (frozen->k)) k = frozen->k;
      if (isfinite (frozen->h)) h = frozen->h;
    }
  else
    {
      if (not_enough (count_trial (stats, n), 2, error))
        return NULL;
      sigma = estimate_sigma (samples, stats, n, method, options->sigma, error);
      if (isnan (sigma))
        return NULL;
      target = isfinite (options->target) ? options->target : trial_mean (stats, n);
    }

  if (kind == LC_SPC_CHART_EWMA && !(lambda > 0.0 && lambda <= 1.0 && L > 0.0))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                   _("The EWMA weight λ must be more than 0 and at most 1, and L more than 0"));
      return NULL;
    }
  if (kind == LC_SPC_CHART_CUSUM && !(k >= 0.0 && h > 0.0))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                   _("The CUSUM reference value k must be 0 or more and the decision interval h more than 0"));
      return NULL;
    }
  if (!(sigma > 0.0))
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_NO_VARIATION,
                   _("All values are equal: the process sigma is zero"));
      return NULL;
    }

  chart->sigma = sigma;
  chart->sigma_method = method;
  chart->mean = trial_mean (stats, n);
  chart->target = target;
  chart->frozen = frozen != NULL;
  chart->n_phase1 = count_trial (stats, n);
  if (kind == LC_SPC_CHART_EWMA)
    {
      chart->lambda = lambda;
      chart->L = L;
    }
  else
    {
      chart->k = k;
      chart->h = h;
    }

  z = target;
  for (guint i = 0; i < n; i++)
    {
      LcSpcPoint *p = &chart->points[i];
      double sigma_mean = sigma / sqrt (stats[i].n);

      point_init (p, i, &stats[i]);
      if (kind == LC_SPC_CHART_EWMA)
        {
          /* zᵢ = λx̄ᵢ + (1 − λ)zᵢ₋₁, z₀ = μ₀; exact limits
           * μ₀ ± Lσ√(λ/(2 − λ) [1 − (1 − λ)^2i]) (Montgomery eq. 9.22-9.23). */
          double width = L * sigma_mean * sqrt (lambda / (2.0 - lambda) * (1.0 - pow (1.0 - lambda, 2.0 * (i + 1))));
          z = lambda * stats[i].mean + (1.0 - lambda) * z;
          p->value = z;
          p->center = target;
          p->lcl = target - width;
          p->ucl = target + width;
        }
      else
        {
          /* Standardized tabular CUSUM: C⁺ᵢ = max(0, zᵢ − k + C⁺ᵢ₋₁),
           * C⁻ᵢ = max(0, −zᵢ − k + C⁻ᵢ₋₁), zᵢ = (x̄ᵢ − μ₀)/(σ/√n), signal when either
           * exceeds h (Montgomery § 9.1.2, 9.1.5). */
          double zi = (stats[i].mean - target) / sigma_mean;
          c_plus = MAX (0.0, zi - k + c_plus);
          c_minus = MAX (0.0, -zi - k + c_minus);
          p->upper = c_plus;
          p->lower = c_minus;
          p->value = c_plus;
          p->center = 0.0;
          p->lcl = -h;
          p->ucl = h;
        }
    }
  chart_finish (chart, LC_SPC_RULES_NONE);
  if (kind == LC_SPC_CHART_CUSUM)
    for (guint i = 0; i < n; i++)
      if (chart->points[i].lower > h)
        chart->points[i].violations |= LC_SPC_RULE_BIT (1);
  chart->rules = options->rules;
  return g_steal_pointer (&chart);
}

/* ---- Attribute charts ---- */

static LcSpcChart *
compute_attribute (LcSpcChartKind           kind,
                   const LcSpcSamples      *samples,
                   Subgroup                *stats,
                   const LcSpcChartOptions *options,
                   GError                 **error)
{
  guint n = lc_spc_samples_get_n_subgroups (samples);
  const LcSpcLimits *frozen = options->frozen;

  if (kind == LC_SPC_CHART_NP)
    for (guint i = 1; i < n; i++)
      if (stats[i].n != stats[0].n)
        {
          g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                       _("An np chart needs the same sample size everywhere (sample %u has %g, sample 1 has %g): use a p chart"),
                       i + 1, stats[i].n, stats[0].n);
          return NULL;
        }
  if (kind == LC_SPC_CHART_P)
    for (guint i = 0; i < n; i++)
      if (stats[i].count > stats[i].n)
        {
          g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                       _("Sample %u has %g nonconforming in a sample of %g"),
                       i + 1, stats[i].count, stats[i].n);
          return NULL;
        }

  for (guint round = 0; round <= n; round++)
    {
      g_autoptr(LcSpcChart) chart = chart_new (kind, n);
      double rate;   /* p̄, c̄ or ū */

      if (frozen != NULL)
        rate = kind == LC_SPC_CHART_NP ? frozen->center / frozen->subgroup_size : frozen->center;
      else
        {
          double counts = 0.0, sizes = 0.0;
          guint trial = count_trial (stats, n);

          if (not_enough (trial, 2, error))
            return NULL;
          for (guint i = 0; i < n; i++)
            if (stats[i].trial)
              {
                counts += stats[i].count;
                sizes += stats[i].n;
              }
          /* p̄ = ΣDᵢ/Σnᵢ (eq. 7.7), c̄ = Σcᵢ/m (eq. 7.17), ū = Σcᵢ/Σnᵢ (eq. 7.19). */
          rate = kind == LC_SPC_CHART_C ? counts / trial : counts / sizes;
        }
      chart->frozen = frozen != NULL;
      chart->n_phase1 = count_trial (stats, n);
      chart->sigma_method = LC_SPC_SIGMA_DEFAULT;

      for (guint i = 0; i < n; i++)
        {
          LcSpcPoint *p = &chart->points[i];
          double m = stats[i].n, half;

          point_init (p, i, &stats[i]);
          switch (kind)
            {
            case LC_SPC_CHART_P:
              p->value = stats[i].count / m;
              p->center = rate;
              half = 3.0 * sqrt (rate * (1.0 - rate) / m);
              break;
            case LC_SPC_CHART_NP:
              p->value = stats[i].count;
              p->center = m * rate;
              half = 3.0 * sqrt (m * rate * (1.0 - rate));
              break;
            case LC_SPC_CHART_C:
              p->value = stats[i].count;
              p->center = rate;
              half = 3.0 * sqrt (rate);
              break;
            case LC_SPC_CHART_U:
            default:
              p->value = stats[i].count / m;
              p->center = rate;
              half = 3.0 * sqrt (rate / m);
              break;
            }
          /* A negative lower limit is set to zero (Montgomery § 7.2.1). */
          p->lcl = MAX (0.0, p->center - half);
          p->ucl = p->center + half;
        }

      if (frozen == NULL && options->drop_out_of_control && drop_beyond (stats, chart))
        continue;

      chart_finish (chart, options->rules);
      if (!chart->limits_vary)
        chart->subgroup_size = stats[0].n;
      return g_steal_pointer (&chart);
    }
  g_assert_not_reached ();
}

LcSpcChart *
lc_spc_chart_compute (LcSpcChartKind            kind,
                      const LcSpcSamples       *samples,
                      const LcSpcChartOptions  *options,
                      GError                  **error)
{
  LcSpcChartOptions defaults;
  g_autofree Subgroup *stats = NULL;
  guint n = lc_spc_samples_get_n_subgroups (samples);
  LcSpcChart *chart = NULL;

  g_return_val_if_fail (kind <= LC_SPC_CHART_U, NULL);
  if (options == NULL)
    {
      lc_spc_chart_options_init (&defaults);
      options = &defaults;
    }
  if (lc_spc_chart_kind_is_attribute (kind) != lc_spc_samples_is_attribute (samples) && n > 0)
    {
      g_set_error (error, LC_SPC_ERROR, LC_SPC_ERROR_INVALID,
                   lc_spc_chart_kind_is_attribute (kind)
                     ? _("A %s needs counts and sample sizes, not measured values")
                     : _("A %s needs measured values, not counts"),
                   lc_spc_chart_kind_get_title (kind));
      return NULL;
    }
  stats = subgroup_statistics (samples, options->frozen != NULL);
  if (!check_sizes (kind, stats, n, error))
    return NULL;

  switch (kind)
    {
    case LC_SPC_CHART_XBAR_R:
    case LC_SPC_CHART_XBAR_S:
    case LC_SPC_CHART_IMR:
      chart = compute_shewhart (kind, samples, stats, options, error);
      break;
    case LC_SPC_CHART_EWMA:
    case LC_SPC_CHART_CUSUM:
      chart = compute_time_weighted (kind, samples, stats, options, error);
      break;
    default:
      chart = compute_attribute (kind, samples, stats, options, error);
      break;
    }
  if (chart == NULL)
    return NULL;

  if (!lc_spc_chart_kind_is_attribute (kind))
    {
      gboolean constant = n > 0;
      for (guint i = 1; i < n; i++)
        constant = constant && stats[i].n == stats[0].n;
      chart->subgroup_size = constant ? stats[0].n : 0;
      if (chart->dispersion != NULL)
        chart->dispersion->subgroup_size = chart->subgroup_size;
    }
  return chart;
}
