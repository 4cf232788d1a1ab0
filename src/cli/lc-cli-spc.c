#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-cli.h"
#include "lc-spc-capability.h"
#include "lc-spc-chart.h"
#include "lc-spc-json.h"
#include "lc-spc-table.h"

/* `linecheck-cli spc CHART --input FILE … --format json`: a chart from a text file, without
 * a database (the contract of issue 2; scripts depend on it). */

static gboolean
parse_number (const char *option,
              const char *text,
              double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return TRUE;
  *value = g_ascii_strtod (text, &end);
  if (text[0] == '\0' || *end != '\0' || !isfinite (*value))
    {
      lc_cli_usage_error ("spc", _("%s wants a number, not “%s”"), option, text);
      return FALSE;
    }
  return TRUE;
}

int
lc_cli_spc (LcCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcSpcTable) table = NULL;
  g_autoptr(LcSpcSamples) samples = NULL;
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(LcSpcCapability) capability = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *input = NULL, *value_column = NULL, *subgroup_column = NULL;
  g_autofree char *size_column = NULL, *phase1_column = NULL, *sigma = NULL, *rules = NULL;
  g_autofree char *lambda = NULL, *width = NULL, *k = NULL, *h = NULL, *lsl_text = NULL;
  g_autofree char *usl_text = NULL, *target_text = NULL, *format = NULL, *known_sigma = NULL;
  gboolean drop = FALSE;
  double lsl = NAN, usl = NAN, target = NAN;
  LcSpcChartOptions options;
  LcSpcChartKind kind;
  GOptionEntry entries[] = {
    { "input", 0, 0, G_OPTION_ARG_FILENAME, &input, N_("The data file (comma, tab or space separated, with a header row)"), N_("FILE") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value_column, N_("Column of the measured value, or of the count for p, np, c and u"), N_("COL") },
    { "subgroup", 0, 0, G_OPTION_ARG_STRING, &subgroup_column, N_("Column of the subgroup id"), N_("COL") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_column, N_("Column of the sample size (p, np, u)"), N_("COL") },
    { "phase1", 0, 0, G_OPTION_ARG_STRING, &phase1_column, N_("TRUE/FALSE column marking the Phase I rows"), N_("COL") },
    { "sigma", 0, 0, G_OPTION_ARG_STRING, &sigma, N_("Sigma estimate: r-bar, s-bar, pooled, mr-bar or sample"), N_("METHOD") },
    { "sigma-value", 0, 0, G_OPTION_ARG_STRING, &known_sigma, N_("A known process sigma instead of an estimate"), N_("S") },
    { "rules", 0, 0, G_OPTION_ARG_STRING, &rules, N_("Run rules: western-electric, nelson or none"), N_("SET") },
    { "lambda", 0, 0, G_OPTION_ARG_STRING, &lambda, N_("EWMA weight λ (default 0.2)"), N_("L") },
    { "L", 0, 0, G_OPTION_ARG_STRING, &width, N_("EWMA limit width in sigmas (default 3)"), N_("K") },
    { "k", 0, 0, G_OPTION_ARG_STRING, &k, N_("CUSUM reference value in sigmas (default 0.5)"), N_("K") },
    { "h", 0, 0, G_OPTION_ARG_STRING, &h, N_("CUSUM decision interval in sigmas (default 5)"), N_("H") },
    { "lsl", 0, 0, G_OPTION_ARG_STRING, &lsl_text, N_("Lower specification limit (adds capability)"), N_("X") },
    { "usl", 0, 0, G_OPTION_ARG_STRING, &usl_text, N_("Upper specification limit (adds capability)"), N_("Y") },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_text, N_("Target: for Cpm, and the centre of EWMA and CUSUM"), N_("T") },
    { "drop-out-of-control", 0, 0, G_OPTION_ARG_NONE, &drop, N_("Drop Phase I points beyond the limits and compute them again"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("CHART"));
  g_option_context_set_summary (context, _("Computes a control chart from a data file, without a database.\n"
                                           "CHART is one of xbar-r, xbar-s, imr, ewma, cusum, p, np, c, u."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("spc", "%s", error->message);

  if (argc < 2 || !lc_spc_chart_kind_from_string (argv[1], &kind) || kind > LC_SPC_CHART_U)
    return lc_cli_usage_error ("spc", _("Name a chart: xbar-r, xbar-s, imr, ewma, cusum, p, np, c or u"));
  if (argc > 2)
    return lc_cli_usage_error ("spc", _("Unexpected argument “%s”"), argv[2]);
  if (input == NULL)
    return lc_cli_usage_error ("spc", _("--input FILE is required"));
  if (value_column == NULL)
    return lc_cli_usage_error ("spc", _("--value COL is required"));
  if (format != NULL && !g_str_equal (format, "json"))
    return lc_cli_usage_error ("spc", _("Unknown format “%s”: use json"), format);
  if ((kind == LC_SPC_CHART_P || kind == LC_SPC_CHART_NP || kind == LC_SPC_CHART_U) && size_column == NULL)
    return lc_cli_usage_error ("spc", _("A %s chart needs --size COL, the sample size of each row"), argv[1]);

  lc_spc_chart_options_init (&options);
  if (sigma != NULL && (!lc_spc_sigma_method_from_string (sigma, &options.sigma_method) ||
                        options.sigma_method == LC_SPC_SIGMA_KNOWN))
    return lc_cli_usage_error ("spc", _("Unknown sigma estimate “%s”: use r-bar, s-bar, pooled, mr-bar or sample"), sigma);
  if (rules != NULL && !lc_spc_rule_set_from_string (rules, &options.rules))
    return lc_cli_usage_error ("spc", _("Unknown run rules “%s”: use western-electric, nelson or none"), rules);
  if (!parse_number ("--lambda", lambda, &options.lambda) || !parse_number ("--L", width, &options.L) ||
      !parse_number ("--k", k, &options.k) || !parse_number ("--h", h, &options.h) ||
      !parse_number ("--lsl", lsl_text, &lsl) || !parse_number ("--usl", usl_text, &usl) ||
      !parse_number ("--target", target_text, &target) ||
      !parse_number ("--sigma-value", known_sigma, &options.sigma))
    return 2;
  if (known_sigma != NULL)
    options.sigma_method = LC_SPC_SIGMA_KNOWN;
  options.target = target;
  options.drop_out_of_control = drop;

  if ((table = lc_spc_table_load (input, &error)) == NULL)
    {
      g_prefix_error (&error, "%s: ", input);
      return lc_cli_fail (g_steal_pointer (&error));
    }
  samples = lc_spc_table_to_samples (table, lc_spc_chart_kind_is_attribute (kind), value_column,
                                     subgroup_column, size_column, phase1_column, &error);
  if (samples == NULL)
    {
      g_prefix_error (&error, "%s: ", input);
      return lc_cli_fail (g_steal_pointer (&error));
    }
  if ((chart = lc_spc_chart_compute (kind, samples, &options, &error)) == NULL)
    return lc_cli_fail (g_steal_pointer (&error));

  if (isfinite (lsl) || isfinite (usl))
    {
      capability = lc_spc_capability_for_chart (chart, samples, lsl, usl, target, &error);
      if (capability == NULL)
        return lc_cli_fail (g_steal_pointer (&error));
    }
  root = lc_spc_chart_to_json (chart, capability);
  lc_cli_print_json (root);
  return 0;
}
