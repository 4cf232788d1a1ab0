#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"
#include "lc-export.h"

/* The options `export` and `report` share: which time range, lot, operator and station, the
 * filters of the dashboard. */
gboolean
lc_cli_parse_range (const char     *from_text,
                    const char     *to_text,
                    const char     *lot,
                    const char     *operator_name,
                    const char     *station,
                    LcExportRange  *range,
                    GError        **error)
{
  *range = LC_EXPORT_RANGE_ALL;
  range->lot = lot;
  range->operator_name = operator_name;
  range->station = station;
  if (from_text != NULL && !lc_export_parse_time (from_text, FALSE, &range->from, error))
    return FALSE;
  if (to_text != NULL && !lc_export_parse_time (to_text, TRUE, &range->to, error))
    return FALSE;
  if (range->from > range->to)
    {
      g_set_error_literal (error, LC_EXPORT_ERROR, LC_EXPORT_ERROR_RANGE,
                           _("--from is after --to"));
      return FALSE;
    }
  return TRUE;
}

int
lc_cli_export (LcCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part_type = NULL;
  g_autofree char *part_code = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *lot = NULL;
  g_autofree char *operator_name = NULL;
  g_autofree char *station = NULL;
  g_autofree char *what = NULL;
  g_autofree char *out_path = NULL;
  LcExportRange range;
  LcExportFormat format;
  LcStore *store;
  guint n_records = 0;
  GOptionEntry entries[] = {
    { "part", 'p', 0, G_OPTION_ARG_STRING, &part_code, N_("The part type’s code"), N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Only parts recorded from this date or time on"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Only parts recorded up to this date or time"), N_("TIME") },
    { "lot", 0, 0, G_OPTION_ARG_STRING, &lot, N_("Only parts of this lot"), N_("LOT") },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Only parts this operator inspected"), N_("NAME") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("Only parts inspected at this station"), N_("STATION") },
    { "records", 0, 0, G_OPTION_ARG_STRING, &what, N_("csv: measurements (default) or inspections"), N_("WHAT") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to FILE"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("dfq | csv"));
  g_option_context_set_summary (context, _("Export measurements as AQDEF (Q-DAS DFQ) or CSV, or "
                                           "inspections as CSV. Times are local, like 2026-11-20 "
                                           "or 2026-11-20 06:00."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("export", "%s", error->message);
  if (argc != 2)
    return lc_cli_usage_error ("export", "%s", _("say which format: dfq or csv"));
  if (part_code == NULL)
    return lc_cli_usage_error ("export", "%s", _("say which part type with --part CODE"));
  if (out_path == NULL)
    return lc_cli_usage_error ("export", "%s", _("say where to write with --out FILE"));

  if (g_str_equal (argv[1], "dfq"))
    format = LC_EXPORT_DFQ;
  else if (g_str_equal (argv[1], "csv"))
    format = LC_EXPORT_MEASUREMENTS_CSV;
  else
    return lc_cli_usage_error ("export", _("unknown format “%s” (dfq or csv)"), argv[1]);
  if (what != NULL && g_str_equal (what, "inspections") && format == LC_EXPORT_MEASUREMENTS_CSV)
    format = LC_EXPORT_INSPECTIONS_CSV;
  else if (what != NULL && !g_str_equal (what, "measurements"))
    return lc_cli_usage_error ("export", _("--records takes measurements or inspections (csv only), not “%s”"), what);

  if (!lc_cli_parse_range (from_text, to_text, lot, operator_name, station, &range, &error))
    return lc_cli_usage_error ("export", "%s", error->message);

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || (part_type = lc_part_type_load_by_code (store, part_code, &error)) == NULL ||
      !lc_export_to_file (store, part_type, &range, format, out_path, &n_records, &error))
    return lc_cli_fail (g_steal_pointer (&error));

  g_print (format == LC_EXPORT_INSPECTIONS_CSV
             ? ngettext ("Wrote %u inspection to %s\n", "Wrote %u inspections to %s\n", n_records)
             : ngettext ("Wrote %u measurement to %s\n", "Wrote %u measurements to %s\n", n_records),
           n_records, out_path);
  return 0;
}
