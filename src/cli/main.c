#include "lc-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "lc-cli.h"

typedef struct
{
  const char       *name;
  LcCliCommandFunc  func;
  const char       *summary;
} LcCliCommand;

static const LcCliCommand commands[] = {
  { "part", lc_cli_part, N_("List, show, import and export part types") },
  { "gauge", lc_cli_gauge, N_("Read a Modbus gauge") },
  { "camera", lc_cli_camera, N_("List cameras and take pictures") },
  { "train", lc_cli_train, N_("Train a vision model from a folder of pictures") },
  { "eval", lc_cli_eval, N_("Check a vision model on pictures it did not train on") },
  { "predict", lc_cli_predict, N_("Run a vision model on pictures") },
  { "export", lc_cli_export, N_("Export measurements and inspections (DFQ, CSV)") },
  { "report", lc_cli_report, N_("Write a capability report as PDF") },
  { "spc", lc_cli_spc, N_("Compute a control chart and capability from a data file") },
  { "operator", lc_cli_operator, N_("List and manage operators; create the first admin") },
  { "audit", lc_cli_audit, N_("List the audit trail and verify its hash chain") },
  { "backup", lc_cli_backup, N_("Copy the database and its images while the app runs") },
  { "restore", lc_cli_restore, N_("Put a backup back in place") },
  { "export", lc_cli_export, N_("Export measurements and inspections (DFQ, CSV)") },
  { "label", lc_cli_label, N_("Import labelled pictures and list a part type's pictures") },
  { "inspection", lc_cli_inspection, N_("Show what was recorded about a part or a lot") },
};

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: linecheck-cli [--db PATH] COMMAND [OPTIONS…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-8s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Global options:"));
  g_print ("  --db PATH  %s\n", _("Use the database at PATH instead of the default one"));
  g_print ("  --operator NAME  %s\n", _("Work as NAME (PIN from LINECHECK_PIN or asked)"));
  g_print ("  --version  %s\n", _("Print the version and exit"));
}

int
main (int    argc,
      char **argv)
{
  LcCli cli = { 0 };
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  /* Run from the build tree (./run-demo), the catalogues are in _build/po. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINECHECK_LOCALEDIR") != NULL ? g_getenv ("LINECHECK_LOCALEDIR")
                                                                            : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command; the command parses the rest. */
  while (first < argc && argv[first][0] == '-')
    {
      if (g_str_equal (argv[first], "--db") && first + 1 < argc)
        {
          cli.db_path = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--db="))
        {
          cli.db_path = g_strdup (argv[first] + strlen ("--db="));
          first += 1;
        }
      else if (g_str_equal (argv[first], "--operator") && first + 1 < argc)
        {
          cli.operator_name = g_strdup (argv[first + 1]);
          first += 2;
        }
      else if (g_str_has_prefix (argv[first], "--operator="))
        {
          cli.operator_name = g_strdup (argv[first] + strlen ("--operator="));
          first += 1;
        }
      else if (g_str_equal (argv[first], "--version"))
        {
          g_print ("linecheck-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        {
          print_usage ();
          return 0;
        }
      else
        {
          g_printerr (_("linecheck-cli: unknown option “%s”\n"), argv[first]);
          print_usage ();
          return 2;
        }
    }

  if (first >= argc)
    {
      print_usage ();
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[first], commands[i].name))
        {
          status = commands[i].func (&cli, argc - first, argv + first);
          g_clear_object (&cli.store);
          g_free (cli.db_path);
          g_free (cli.operator_name);
          return status;
        }
    }

  g_printerr (_("linecheck-cli: unknown command “%s”\n"), argv[first]);
  print_usage ();
  return 2;
}
