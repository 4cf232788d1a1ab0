#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-cli.h"
#include "lc-inspection-query.h"

static const char *
text_member (JsonObject *object,
             const char *name)
{
  const char *text = json_object_get_null_member (object, name) ? NULL
                     : json_object_get_string_member (object, name);

  return text != NULL ? text : "";
}

/* For people at a terminal: one block per inspection. */
static void
print_text (JsonNode *root)
{
  JsonArray *inspections = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (inspections); i++)
    {
      JsonObject *inspection = json_array_get_object_element (inspections, i);
      JsonArray *measurements = json_object_get_array_member (inspection, "measurements");
      JsonArray *images = json_object_get_array_member (inspection, "images");

      g_print ("%s  %s  %s %s  %s\n", text_member (inspection, "serial"), text_member (inspection, "recorded_at"),
               text_member (inspection, "part_type"), text_member (inspection, "lot"),
               text_member (inspection, "verdict"));
      g_print ("  %s: %s  %s: %s  %s: %s  %s: %s\n", _("decided by"), text_member (inspection, "decided_by"),
               _("suggested"), text_member (inspection, "suggested_verdict"),
               _("defect"), text_member (inspection, "defect_class"),
               _("operator"), text_member (inspection, "operator"));
      for (guint m = 0; m < json_array_get_length (measurements); m++)
        {
          JsonObject *measurement = json_array_get_object_element (measurements, m);

          g_print ("  %-20s %12.6g %-4s raw %s%s%s\n", text_member (measurement, "characteristic"),
                   json_object_get_double_member (measurement, "value"), text_member (measurement, "unit"),
                   text_member (measurement, "raw"),
                   json_object_get_boolean_member (measurement, "superseded") ? _("  superseded: ") : "",
                   json_object_get_boolean_member (measurement, "superseded") ? text_member (measurement, "reason") : "");
        }
      for (guint k = 0; k < json_array_get_length (images); k++)
        {
          JsonObject *image = json_array_get_object_element (images, k);

          g_print ("  %s %s%s\n", _("image"), text_member (image, "path"),
                   json_object_get_boolean_member (image, "review") ? _("  (in the review queue)") : "");
        }
    }
}

int
lc_cli_inspection (LcCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *lot = NULL;
  g_autofree char *format = NULL;
  LcStore *store;
  GOptionEntry entries[] = {
    { "serial", 0, 0, G_OPTION_ARG_STRING, &serial, N_("The part with this serial number"), N_("SERIAL") },
    { "lot", 0, 0, G_OPTION_ARG_STRING, &lot, N_("Every part of this lot"), N_("LOT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output as text (default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("show --serial SERIAL | --lot LOT"));
  g_option_context_set_summary (context, _("Shows everything recorded about one part or one lot: "
                                           "measurements with raw values, verdicts, images and annotations."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("inspection", "%s", error->message);
  if (argc != 2 || !g_str_equal (argv[1], "show"))
    return lc_cli_usage_error ("inspection", "%s", _("say what to do: show"));
  if ((serial == NULL) == (lot == NULL))
    return lc_cli_usage_error ("inspection", "%s", _("give either --serial or --lot"));
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return lc_cli_usage_error ("inspection", _("unknown format “%s” (use text or json)"), format);

  store = lc_cli_get_store (cli, &error);
  if (store == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  root = serial != NULL ? lc_inspection_query_serial (store, serial, &error)
                        : lc_inspection_query_lot (store, lot, &error);
  if (root == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (g_strcmp0 (format, "json") == 0)
    lc_cli_print_json (root);
  else
    print_text (root);
  return 0;
}
