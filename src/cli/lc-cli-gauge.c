#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-cli.h"
#include "lc-gauge-modbus.h"

/* linecheck-cli gauge read: one register (or coil) read COUNT times, for setting up a bench
 * and for scripts. A failed read is reported on stderr and makes the exit status non-zero;
 * the readings that were taken are still printed, and nothing is printed for a failed one. */

#define DEFAULT_TIMEOUT_MS 1000

typedef struct
{
  char *url;
  int   unit;
  char *table;
  int   address;
  char *type;
  char *order;
  double scale;
  double offset;
  int   count;
  int   interval_ms;
  int   timeout_ms;
  char *format;
} ReadOptions;

static void
read_options_clear (ReadOptions *options)
{
  g_free (options->url);
  g_free (options->table);
  g_free (options->type);
  g_free (options->order);
  g_free (options->format);
}

static char *
format_time (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) precise = g_date_time_add (seconds, usec % G_USEC_PER_SEC);

  return g_date_time_format (precise, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static JsonNode *
reading_to_json (gint64         time,
                 double         value,
                 const guint16 *words,
                 guint          n_words)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *iso = format_time (time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, iso);
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, value);
  json_builder_set_member_name (builder, "raw");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_words; i++)
    json_builder_add_int_value (builder, words[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
gauge_read (int    argc,
            char **argv)
{
  ReadOptions options = { .unit = -1, .address = -1, .scale = 1.0, .offset = 0.0,
                          .count = 1, .interval_ms = 1000, .timeout_ms = DEFAULT_TIMEOUT_MS };
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &options.url,
      N_("modbus+tcp://HOST:PORT or modbus+rtu:///dev/ttyX?baud=19200&parity=E&data=8&stop=1"), "URL" },
    { "unit", 0, 0, G_OPTION_ARG_INT, &options.unit, N_("Modbus unit id (slave address)"), "N" },
    { "table", 0, 0, G_OPTION_ARG_STRING, &options.table,
      N_("holding, input, coil or discrete"), "TABLE" },
    { "address", 0, 0, G_OPTION_ARG_INT, &options.address,
      N_("0-based address (holding 40001 is address 0)"), "A" },
    { "type", 0, 0, G_OPTION_ARG_STRING, &options.type,
      N_("bool, int16, uint16, int32, uint32, float32 or float64"), "T" },
    { "order", 0, 0, G_OPTION_ARG_STRING, &options.order,
      N_("Word order: ABCD (default), CDAB, BADC or DCBA"), "ORDER" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options.scale, N_("Multiply the value by S"), "S" },
    { "offset", 0, 0, G_OPTION_ARG_DOUBLE, &options.offset, N_("Then add O"), "O" },
    { "count", 0, 0, G_OPTION_ARG_INT, &options.count, N_("Number of reads (default 1)"), "N" },
    { "interval", 0, 0, G_OPTION_ARG_INT, &options.interval_ms,
      N_("Milliseconds between reads (default 1000)"), "MS" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options.timeout_ms,
      N_("Milliseconds to wait for an answer (default 1000)"), "MS" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options.format, N_("Output format: json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— read a Modbus gauge"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeLink) link = NULL;
  g_autoptr(LcGaugeModbus) modbus = NULL;
  g_autoptr(JsonArray) readings = json_array_new ();
  g_autoptr(JsonNode) root = NULL;
  LcGaugeRegister reg;
  guint failures = 0;
  gint64 start;
  int status = 0;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = lc_cli_usage_error ("gauge read", "%s", error->message);
      goto out;
    }

  lc_gauge_register_init (&reg);
  if (argc > 1)
    status = lc_cli_usage_error ("gauge read", _("unexpected argument “%s”"), argv[1]);
  else if (options.url == NULL)
    status = lc_cli_usage_error ("gauge read", "%s", _("--url is required"));
  else if (options.unit < 0 || options.unit > 255)
    status = lc_cli_usage_error ("gauge read", "%s", _("--unit is required, from 0 to 255"));
  else if (options.table == NULL || !lc_gauge_table_from_string (options.table, &reg.table))
    status = lc_cli_usage_error ("gauge read", "%s",
                                 _("--table must be holding, input, coil or discrete"));
  else if (options.address < 0 || options.address > 65535)
    status = lc_cli_usage_error ("gauge read", "%s", _("--address is required, from 0 to 65535"));
  else if (options.type == NULL || !lc_gauge_data_type_from_string (options.type, &reg.type))
    status = lc_cli_usage_error ("gauge read", "%s",
                                 _("--type must be bool, int16, uint16, int32, uint32, float32 or float64"));
  else if (options.order != NULL && !lc_gauge_word_order_from_string (options.order, &reg.order))
    status = lc_cli_usage_error ("gauge read", "%s", _("--order must be ABCD, CDAB, BADC or DCBA"));
  else if (options.count < 1)
    status = lc_cli_usage_error ("gauge read", "%s", _("--count must be 1 or more"));
  else if (options.interval_ms < 0 || options.timeout_ms < 1)
    status = lc_cli_usage_error ("gauge read", "%s",
                                 _("--interval must be 0 or more and --timeout 1 or more"));
  else if (options.format != NULL && !g_str_equal (options.format, "json"))
    status = lc_cli_usage_error ("gauge read", "%s", _("--format must be json"));
  if (status != 0)
    goto out;

  reg.address = (guint) options.address;
  reg.scale = options.scale;
  reg.offset = options.offset;
  if (!lc_gauge_register_validate (&reg, &error))
    {
      status = lc_cli_fail (g_steal_pointer (&error));
      goto out;
    }
  link = lc_gauge_link_new_from_url (options.url, &error);
  if (link == NULL)
    {
      status = lc_cli_fail (g_steal_pointer (&error));
      goto out;
    }
  if (!lc_gauge_kind_is_modbus (link->kind))
    {
      status = lc_cli_usage_error ("gauge read", "%s",
                                   _("--url must be a modbus+tcp:// or modbus+rtu:// address"));
      goto out;
    }

  modbus = lc_gauge_modbus_new (link);
  start = g_get_monotonic_time ();
  for (int i = 0; i < options.count; i++)
    {
      guint16 words[LC_GAUGE_MAX_WORDS];
      double value;
      gint64 due = start + (gint64) i * options.interval_ms * G_TIME_SPAN_MILLISECOND;
      gint64 now = g_get_monotonic_time ();

      /* Reads keep to the schedule; one that overran its slot is followed at once. */
      if (due > now)
        g_usleep (due - now);

      if (lc_gauge_modbus_read (modbus, (guint) options.unit, (guint) options.timeout_ms, &reg,
                                words, &value, &error))
        json_array_add_element (readings,
                                reading_to_json (g_get_real_time (), value, words,
                                                 lc_gauge_register_n_words (&reg)));
      else
        {
          g_autofree char *when = format_time (g_get_real_time ());

          if (options.count == 1)
            g_printerr ("linecheck-cli: %s\n", error->message);
          else
            g_printerr (_("linecheck-cli: read %d of %d at %s failed: %s\n"),
                        i + 1, options.count, when, error->message);
          g_clear_error (&error);
          failures++;
        }
    }

  root = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (root, readings);
  lc_cli_print_json (root);
  if (failures > 0)
    {
      if (options.count > 1)
        g_printerr (_("linecheck-cli: %u of %d reads failed.\n"), failures, options.count);
      status = 1;
    }

out:
  read_options_clear (&options);
  return status;
}

int
lc_cli_gauge (LcCli  *cli,
              int     argc,
              char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "read"))
    return gauge_read (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", _("Usage: linecheck-cli gauge read --url URL --unit N --table TABLE --address A --type T [OPTIONS…] --format json"));
      return 0;
    }
  return lc_cli_usage_error ("gauge", "%s", _("expected a subcommand: read"));
}
