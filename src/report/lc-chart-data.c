#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-chart-data.h"

LcChartPoint *
lc_chart_points_from_spc (const LcSpcChart   *chart,
                          const LcSpcSamples *samples,
                          double              lsl,
                          double              usl)
{
  LcChartPoint *points = g_new0 (LcChartPoint, MAX (chart->n_points, 1));
  gboolean variables = samples != NULL && !lc_spc_samples_is_attribute (samples);

  for (guint i = 0; i < chart->n_points; i++)
    {
      const LcSpcPoint *p = &chart->points[i];

      points[i].value = p->value;
      points[i].lcl = p->lcl;
      points[i].ucl = p->ucl;
      points[i].violations = p->violations;
      if (variables && p->subgroup < lc_spc_samples_get_n_subgroups (samples))
        {
          guint n = 0;
          const double *values = lc_spc_samples_get_values (samples, p->subgroup, &n);

          for (guint k = 0; k < n; k++)
            if ((!isnan (lsl) && values[k] < lsl) || (!isnan (usl) && values[k] > usl))
              points[i].out_of_spec = TRUE;
        }
    }
  return points;
}

char *
lc_chart_format_time (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  /* Translators: a date and time in a chart's readout; see g_date_time_format (). */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M:%S"));
}

char *
lc_chart_point_describe (const LcSpcChart   *chart,
                         const LcSpcSamples *samples,
                         guint               index,
                         const char         *unit,
                         guint               decimals)
{
  const LcSpcPoint *p;
  const LcSpcPointInfo *info = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (index < chart->n_points, NULL);
  p = &chart->points[index];
  if (samples != NULL && p->subgroup < lc_spc_samples_get_n_subgroups (samples))
    info = lc_spc_samples_get_info (samples, p->subgroup);

  g_string_append_printf (text, _("Point %u: %.*f %s"), p->index, (int) decimals + 1, p->value,
                          unit != NULL ? unit : "");
  if (info != NULL)
    {
      if (info->time != 0)
        {
          g_autofree char *when = lc_chart_format_time (info->time);
          g_string_append_c (text, '\n');
          g_string_append (text, when);
        }
      if (info->lot != NULL && info->lot[0] != '\0')
        g_string_append_printf (text, "\n%s %s", _("Lot"), info->lot);
      if (info->operator_name != NULL && info->operator_name[0] != '\0')
        g_string_append_printf (text, "\n%s %s", _("Operator"), info->operator_name);
      if (info->serial != NULL && info->serial[0] != '\0')
        g_string_append_printf (text, "\n%s %s", _("Serial"), info->serial);
    }
  if (p->violations == 0)
    g_string_append_printf (text, "\n%s", _("No rule broken"));
  for (guint rule = 1; rule <= 32; rule++)
    if (p->violations & LC_SPC_RULE_BIT (rule))
      g_string_append_printf (text, "\n%s %u: %s", _("Rule"), rule, lc_spc_rule_describe (chart->rules, rule));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
lc_chart_describe_limits (const LcSpcChart *chart,
                          const char       *unit,
                          guint             decimals)
{
  g_autoptr(GString) text = g_string_new (lc_spc_chart_kind_get_title (chart->kind));

  if (!lc_spc_chart_kind_is_attribute (chart->kind) && !isnan (chart->sigma))
    g_string_append_printf (text, " · σ̂ = %s = %.*f %s", lc_spc_sigma_method_get_label (chart->sigma_method),
                            (int) decimals + 2, chart->sigma, unit != NULL ? unit : "");
  if (chart->frozen)
    g_string_append_printf (text, " · %s", _("Phase II: frozen limits"));
  else
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Phase I: limits from %u subgroup",
                                                 "Phase I: limits from %u subgroups", chart->n_phase1),
                              chart->n_phase1);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
