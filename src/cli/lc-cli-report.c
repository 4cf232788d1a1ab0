#include "lc-config.h"

#include <glib/gi18n.h>

#include "lc-cli.h"
#include "lc-report.h"

int
lc_cli_report (LcCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPartType) part_type = NULL;
  g_autoptr(LcReport) report = NULL;
  g_autofree char *part_code = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *lot = NULL;
  g_autofree char *operator_name = NULL;
  g_autofree char *station = NULL;
  g_autofree char *out_path = NULL;
  LcExportRange range;
  LcStore *store;
  GOptionEntry entries[] = {
    { "part", 'p', 0, G_OPTION_ARG_STRING, &part_code, N_("The part type’s code"), N_("CODE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Only parts recorded from this date or time on"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Only parts recorded up to this date or time"), N_("TIME") },
    { "lot", 0, 0, G_OPTION_ARG_STRING, &lot, N_("Only parts of this lot"), N_("LOT") },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Only parts this operator inspected"), N_("NAME") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station, N_("Only parts inspected at this station"), N_("STATION") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("Write to FILE"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("pdf"));
  g_option_context_set_summary (context, _("Write a capability report (control charts, histograms, "
                                           "capability, rule violations, defects) as PDF."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("report", "%s", error->message);
  if (argc != 2 || !g_str_equal (argv[1], "pdf"))
    return lc_cli_usage_error ("report", "%s", _("the report is written as pdf: linecheck-cli report pdf …"));
  if (part_code == NULL)
    return lc_cli_usage_error ("report", "%s", _("say which part type with --part CODE"));
  if (out_path == NULL)
    return lc_cli_usage_error ("report", "%s", _("say where to write with --out FILE"));
  if (!lc_cli_parse_range (from_text, to_text, lot, operator_name, station, &range, &error))
    return lc_cli_usage_error ("report", "%s", error->message);

  store = lc_cli_get_store (cli, &error);
  if (store == NULL || (part_type = lc_part_type_load_by_code (store, part_code, &error)) == NULL ||
      (report = lc_report_new (store, part_type, &range, &error)) == NULL ||
      !lc_report_write_pdf (report, out_path, &error))
    return lc_cli_fail (g_steal_pointer (&error));

  g_print (ngettext ("Wrote a report of %u page to %s\n", "Wrote a report of %u pages to %s\n",
                     lc_report_get_n_pages (report)),
           lc_report_get_n_pages (report), out_path);
  return 0;
}
