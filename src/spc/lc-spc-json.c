#include "lc-config.h"

#include <math.h>

#include "lc-spc-json.h"

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  if (name != NULL)
    json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A limit the same for every point is a number; limits per point are an array (a p chart
 * with variable n keeps one centre line: only its limits are arrays). */
static void
add_limit (JsonBuilder      *builder,
           const char       *name,
           const LcSpcChart *chart,
           double            constant,
           gsize             offset)
{
  if (!chart->limits_vary || isfinite (constant))
    {
      add_number (builder, name, constant);
      return;
    }
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < chart->n_points; i++)
    add_number (builder, NULL, G_STRUCT_MEMBER (double, &chart->points[i], offset));
  json_builder_end_array (builder);
}

/* Opens the chart's object and leaves it open, for the caller to add to and close. */
static void
add_chart (JsonBuilder      *builder,
           const LcSpcChart *chart)
{
  guint n_rules = lc_spc_rule_set_get_n_rules (chart->rules == LC_SPC_RULES_NONE ? LC_SPC_RULES_NELSON : chart->rules);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chart");
  json_builder_add_string_value (builder, lc_spc_chart_kind_to_string (chart->kind));
  add_limit (builder, "center", chart, chart->center, G_STRUCT_OFFSET (LcSpcPoint, center));
  add_limit (builder, "lcl", chart, chart->lcl, G_STRUCT_OFFSET (LcSpcPoint, lcl));
  add_limit (builder, "ucl", chart, chart->ucl, G_STRUCT_OFFSET (LcSpcPoint, ucl));
  add_number (builder, "sigma", chart->sigma);
  if (!lc_spc_chart_kind_is_attribute (chart->kind))
    {
      json_builder_set_member_name (builder, "sigma_method");
      json_builder_add_string_value (builder, lc_spc_sigma_method_to_string (chart->sigma_method));
      json_builder_set_member_name (builder, "sigma_label");
      json_builder_add_string_value (builder, lc_spc_sigma_method_get_label (chart->sigma_method));
      add_number (builder, "mean", chart->mean);
    }
  json_builder_set_member_name (builder, "rules");
  json_builder_add_string_value (builder, lc_spc_rule_set_to_string (chart->rules));
  json_builder_set_member_name (builder, "phase1_points");
  json_builder_add_int_value (builder, chart->n_phase1);
  json_builder_set_member_name (builder, "frozen");
  json_builder_add_boolean_value (builder, chart->frozen);
  if (chart->kind == LC_SPC_CHART_EWMA)
    {
      add_number (builder, "lambda", chart->lambda);
      add_number (builder, "L", chart->L);
      add_number (builder, "target", chart->target);
    }
  else if (chart->kind == LC_SPC_CHART_CUSUM)
    {
      add_number (builder, "k", chart->k);
      add_number (builder, "h", chart->h);
      add_number (builder, "target", chart->target);
    }

  json_builder_set_member_name (builder, "points");
  json_builder_begin_array (builder);
  for (guint i = 0; i < chart->n_points; i++)
    {
      const LcSpcPoint *p = &chart->points[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, p->index);
      add_number (builder, "value", p->value);
      add_number (builder, "center", p->center);
      add_number (builder, "lcl", p->lcl);
      add_number (builder, "ucl", p->ucl);
      if (chart->kind == LC_SPC_CHART_CUSUM)
        {
          add_number (builder, "upper", p->upper);
          add_number (builder, "lower", p->lower);
        }
      add_number (builder, "size", p->size);
      json_builder_set_member_name (builder, "phase");
      json_builder_add_int_value (builder, p->phase1 ? 1 : 2);
      json_builder_set_member_name (builder, "excluded");
      json_builder_add_boolean_value (builder, p->excluded);
      json_builder_set_member_name (builder, "violations");
      json_builder_begin_array (builder);
      for (guint r = 1; r <= n_rules; r++)
        if (p->violations & LC_SPC_RULE_BIT (r))
          json_builder_add_int_value (builder, r);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (chart->dispersion != NULL)
    {
      json_builder_set_member_name (builder, chart->dispersion->kind == LC_SPC_CHART_R ? "range_chart"
                                             : chart->dispersion->kind == LC_SPC_CHART_S ? "s_chart" : "mr_chart");
      add_chart (builder, chart->dispersion);
      json_builder_end_object (builder);
    }
}

static void
add_interval (JsonBuilder         *builder,
              const char          *name,
              const LcSpcInterval *interval)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  add_number (builder, NULL, interval->lower);
  add_number (builder, NULL, interval->upper);
  json_builder_end_array (builder);
}

static void
add_capability (JsonBuilder           *builder,
                const LcSpcCapability *cap)
{
  const struct { const char *name; const LcSpcInterval *interval; } indices[] = {
    { "cp", &cap->cp }, { "cpl", &cap->cpl }, { "cpu", &cap->cpu }, { "cpk", &cap->cpk },
    { "cpm", &cap->cpm }, { "pp", &cap->pp }, { "ppl", &cap->ppl }, { "ppu", &cap->ppu },
    { "ppk", &cap->ppk },
  };

  json_builder_begin_object (builder);
  add_number (builder, "lsl", cap->lsl);
  add_number (builder, "usl", cap->usl);
  add_number (builder, "target", cap->target);
  json_builder_set_member_name (builder, "n");
  json_builder_add_int_value (builder, cap->n);
  add_number (builder, "mean", cap->mean);
  add_number (builder, "sigma_within", cap->sigma_within);
  add_number (builder, "sigma_overall", cap->sigma_overall);
  for (guint i = 0; i < G_N_ELEMENTS (indices); i++)
    add_number (builder, indices[i].name, indices[i].interval->value);
  json_builder_set_member_name (builder, "ci");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (indices); i++)
    add_interval (builder, indices[i].name, indices[i].interval);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "ppm");
  json_builder_begin_object (builder);
  add_number (builder, "expected_within_below", cap->expected_within_ppm_below);
  add_number (builder, "expected_within_above", cap->expected_within_ppm_above);
  add_number (builder, "expected_overall_below", cap->expected_overall_ppm_below);
  add_number (builder, "expected_overall_above", cap->expected_overall_ppm_above);
  add_number (builder, "observed_below", cap->observed_ppm_below);
  add_number (builder, "observed_above", cap->observed_ppm_above);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "normality");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "test");
  json_builder_add_string_value (builder, "anderson-darling");
  add_number (builder, "a2", cap->ad_statistic);
  add_number (builder, "a2_adjusted", cap->ad_statistic_adjusted);
  add_number (builder, "p_value", cap->ad_p_value);
  json_builder_set_member_name (builder, "normal");
  json_builder_add_boolean_value (builder, cap->normal);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

JsonNode *
lc_spc_chart_to_json (const LcSpcChart      *chart,
                      const LcSpcCapability *capability)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_chart (builder, chart);
  if (capability != NULL)
    {
      json_builder_set_member_name (builder, "capability");
      add_capability (builder, capability);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
