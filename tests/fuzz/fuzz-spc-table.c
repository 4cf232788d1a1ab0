#include "lc-config.h"

#include "fuzz-target.h"
#include "lc-spc-capability.h"
#include "lc-spc-chart.h"
#include "lc-spc-json.h"
#include "lc-spc-table.h"

/* The data file of `linecheck-cli spc CHART --input FILE`: any text, through the whole path
 * the command takes (table, samples, chart, capability, JSON). The first byte picks the
 * chart and which header columns are the value, subgroup, size and Phase I columns, so one
 * corpus covers every chart. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LcSpcTable) table = NULL;
  g_autoptr(LcSpcSamples) samples = NULL;
  g_autoptr(LcSpcChart) chart = NULL;
  g_autoptr(LcSpcCapability) capability = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  LcSpcChartOptions options;
  LcSpcChartKind kind;
  static const char *names[4] = { "value", "subgroup", "size", "phase1" };
  const char *columns[4] = { NULL, NULL, NULL, NULL };
  guint8 pick;

  lc_fuzz_abort_on_criticals ();
  if (size == 0)
    return 0;
  pick = data[0];
  kind = (LcSpcChartKind) ((pick & 0x0f) % (LC_SPC_CHART_U + 1));
  table = lc_spc_table_parse ((const char *) data + 1, size - 1, &error);
  if (table == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  /* The value column is always asked for; subgroup, size and Phase I when the bits of the
   * first byte say so. Names the seeds use: other headers are refused as unknown columns. */
  for (guint c = 0; c < 4; c++)
    if (c == 0 || (pick & (0x10 << (c - 1))))
      columns[c] = names[c];

  samples = lc_spc_table_to_samples (table, lc_spc_chart_kind_is_attribute (kind), columns[0], columns[1],
                                     columns[2], columns[3], &error);
  if (samples == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  lc_spc_chart_options_init (&options);
  chart = lc_spc_chart_compute (kind, samples, &options, &error);
  if (chart == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  if (!lc_spc_chart_kind_is_attribute (kind))
    {
      capability = lc_spc_capability_for_chart (chart, samples, 9.0, 11.0, 10.0, &error);
      if (capability == NULL)
        g_assert (error != NULL);
    }
  root = lc_spc_chart_to_json (chart, capability);
  g_assert (root != NULL);
  return 0;
}
