#include "lc-config.h"

#include <math.h>

#include "lc-gauge-line-pattern.h"
#include "lc-gauge-link.h"
#include "lc-gauge-reading.h"
#include "lc-gauge-simulated.h"
#include "lc-gauge-stable.h"
#include "lc-gauge-wedge.h"

#define MS G_TIME_SPAN_MILLISECOND

static void
test_stable_needs_the_whole_window_within_tolerance (void)
{
  g_autoptr(LcGaugeStable) stable = lc_gauge_stable_new (0.002, 500 * MS);

  /* One reading is never stable, however still. */
  lc_gauge_stable_add (stable, 0, 10.000);
  g_assert_false (lc_gauge_stable_is_settled (stable));
  /* Still settling: moves by 0.010. */
  lc_gauge_stable_add (stable, 100 * MS, 10.010);
  lc_gauge_stable_add (stable, 200 * MS, 10.003);
  g_assert_false (lc_gauge_stable_is_settled (stable));
  /* Within 0.002 from 200 ms on, but the window is not yet covered. */
  lc_gauge_stable_add (stable, 400 * MS, 10.004);
  lc_gauge_stable_add (stable, 600 * MS, 10.003);
  g_assert_false (lc_gauge_stable_is_settled (stable));
  /* At 700 ms the last 500 ms (from 200 ms) stayed within 10.003…10.004. */
  lc_gauge_stable_add (stable, 700 * MS, 10.004);
  g_assert_true (lc_gauge_stable_is_settled (stable));
  g_assert_cmpfloat_with_epsilon (lc_gauge_stable_get_spread (stable), 0.001, 1e-12);
  /* A knock. */
  lc_gauge_stable_add (stable, 800 * MS, 10.020);
  g_assert_false (lc_gauge_stable_is_settled (stable));
  lc_gauge_stable_reset (stable);
  g_assert_cmpfloat (lc_gauge_stable_get_spread (stable), ==, 0.0);
}

static void
test_simulated_gauge_has_the_asked_statistics (void)
{
  LcGaugeSimulatedSettings settings;
  g_autoptr(LcGaugeSimulated) sim = NULL;
  g_autoptr(LcGaugeSimulated) again = NULL;
  const guint n = 20000;
  double sum = 0, sum2 = 0;
  guint thrown = 0;

  lc_gauge_simulated_settings_init (&settings);
  settings.mean = 12.0;
  settings.sigma = 0.004;
  settings.out_of_spec_rate = 0.05;
  settings.out_of_spec_offset = 1.0;
  settings.seed = 7;
  sim = lc_gauge_simulated_new (&settings, 0);
  again = lc_gauge_simulated_new (&settings, 0);

  for (guint i = 0; i < n; i++)
    {
      double v = lc_gauge_simulated_next (sim, 0);

      g_assert_cmpfloat (v, ==, lc_gauge_simulated_next (again, 0));   /* same seed, same values */
      if (fabs (v - 12.0) > 0.5)
        {
          thrown++;
          continue;
        }
      sum += v;
      sum2 += v * v;
    }
  {
    double kept = n - thrown;
    double mean = sum / kept;
    double sd = sqrt (sum2 / kept - mean * mean);

    g_assert_cmpfloat_with_epsilon (mean, 12.0, 0.0002);
    g_assert_cmpfloat_with_epsilon (sd, 0.004, 0.0002);
    /* 5 % of 20000 is 1000; binomial sd ≈ 31. */
    g_assert_cmpuint (thrown, >, 850);
    g_assert_cmpuint (thrown, <, 1150);
  }
}

static void
test_simulated_gauge_drifts_per_hour (void)
{
  LcGaugeSimulatedSettings settings;
  g_autoptr(LcGaugeSimulated) sim = NULL;
  g_autoptr(JsonObject) json = json_object_new ();

  json_object_set_double_member (json, "mean", 5.0);
  json_object_set_double_member (json, "sigma", 0.0);
  json_object_set_double_member (json, "drift_per_hour", 0.12);
  g_assert_true (lc_gauge_simulated_settings_from_json (&settings, json, NULL));
  sim = lc_gauge_simulated_new (&settings, 1000);
  g_assert_cmpfloat_with_epsilon (lc_gauge_simulated_next (sim, 1000), 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (lc_gauge_simulated_next (sim, 1000 + G_USEC_PER_SEC * 1800),
                                  5.06, 1e-12);

  json_object_set_double_member (json, "out_of_spec_rate", 2.0);
  g_assert_false (lc_gauge_simulated_settings_from_json (&settings, json, NULL));
  json_object_set_string_member (json, "out_of_spec_rate", "often");
  g_assert_false (lc_gauge_simulated_settings_from_json (&settings, json, NULL));
}

static void
test_line_pattern_reads_gauge_lines (void)
{
  static const struct { const char *line; double value; const char *unit; } good[] = {
    { "+012.345 mm", 12.345, "mm" },
    { "-0,50", -0.5, NULL },
    { "12.5mm", 12.5, "mm" },
    { "  7 µm  ", 7, "µm" },
    { "- 3.25 MM", -3.25, "MM" },
    { ".75", 0.75, NULL },
  };
  g_autoptr(LcGaugeLinePattern) pattern = lc_gauge_line_pattern_new (NULL, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcGaugeReading) reading = lc_gauge_line_pattern_parse (pattern, 4, good[i].line,
                                                                        &error);
      g_autofree char *raw = NULL;

      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (reading->value, good[i].value, 1e-12);
      g_assert_cmpstr (reading->unit, ==, good[i].unit);
      g_assert_cmpint (reading->channel_id, ==, 4);
      raw = lc_gauge_reading_format_raw (reading);
      g_assert_cmpstr (raw, ==, good[i].line);
    }
}

static void
test_line_pattern_refuses_garbage_and_wrong_units (void)
{
  static const char *const garbage[] = { "", "ERR 04", "12.3.4 mm", "+", "1e5", "\x01\x02\xff",
                                         "mm 12.3", "12.345 mm 13" };
  g_autoptr(LcGaugeLinePattern) mm = lc_gauge_line_pattern_new (NULL, "mm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeReading) ok = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(LcGaugeReading) reading = lc_gauge_line_pattern_parse (mm, 1, garbage[i], &error);

      g_assert_null (reading);
      g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_GARBAGE);
      g_assert_nonnull (strstr (error->message, "not a reading"));
      g_clear_error (&error);
    }

  g_assert_null (lc_gauge_line_pattern_parse (mm, 1, "0.4861 in", &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_WRONG_UNIT);
  g_assert_nonnull (strstr (error->message, "set the gauge to mm"));
  g_clear_error (&error);
  /* Case aside, and a line without a unit is taken in the channel's unit. */
  ok = lc_gauge_line_pattern_parse (mm, 1, "1.5 MM", &error);
  g_assert_no_error (error);
  g_clear_pointer (&ok, lc_gauge_reading_free);
  ok = lc_gauge_line_pattern_parse (mm, 1, "1.5", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ok->value, ==, 1.5);
}

static void
test_line_pattern_custom_and_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeLinePattern) custom =
    lc_gauge_line_pattern_new ("^M1,(?<value>[+-]?[0-9.]+),(?<unit>[A-Z]+)$", "mm", &error);
  g_autoptr(LcGaugeReading) reading = NULL;

  g_assert_no_error (error);
  reading = lc_gauge_line_pattern_parse (custom, 1, "M1,+00012.345,MM", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (reading->value, ==, 12.345);

  g_assert_null (lc_gauge_line_pattern_new ("([0-9", NULL, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lc_gauge_line_pattern_new ("^([0-9.]+)$", NULL, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“value”"));
}

static void
feed_text (LcGaugeWedge *wedge,
           const char   *text,
           gint64        start,
           gint64        gap,
           char        **out,
           gboolean     *from_gauge)
{
  gint64 t = start;

  for (const char *p = text; *p != '\0'; p++, t += gap)
    g_assert_false (lc_gauge_wedge_feed (wedge, (gunichar) *p, t, out, from_gauge));
  g_assert_true (lc_gauge_wedge_feed (wedge, '\r', t, out, from_gauge));
}

static void
test_wedge_tells_a_gauge_from_a_person (void)
{
  g_autoptr(LcGaugeWedge) wedge = lc_gauge_wedge_new (40);
  g_autofree char *gauge_text = NULL, *person_text = NULL;
  gboolean from_gauge = FALSE;
  char *none = NULL;

  feed_text (wedge, "12.345", 1000 * MS, 4 * MS, &gauge_text, &from_gauge);
  g_assert_cmpstr (gauge_text, ==, "12.345");
  g_assert_true (from_gauge);

  feed_text (wedge, "12.35", 5000 * MS, 150 * MS, &person_text, &from_gauge);
  g_assert_cmpstr (person_text, ==, "12.35");
  g_assert_false (from_gauge);

  /* Enter alone hands out nothing. */
  g_assert_false (lc_gauge_wedge_feed (wedge, '\n', 9000 * MS, &none, &from_gauge));
  g_assert_null (none);
}

static void
test_link_urls_parse_and_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGaugeLink) tcp = lc_gauge_link_new_from_url ("modbus+tcp://10.0.0.5:1502", &error);
  g_autoptr(LcGaugeLink) tcp_default = lc_gauge_link_new_from_url ("modbus+tcp://gauge.local", &error);
  g_autoptr(LcGaugeLink) v6 = lc_gauge_link_new_from_url ("modbus+tcp://[::1]:5020", &error);
  g_autoptr(LcGaugeLink) rtu = lc_gauge_link_new_from_url (
    "modbus+rtu:///dev/ttyUSB0?baud=9600&parity=O&data=7&stop=2&rs485=1", &error);
  g_autoptr(LcGaugeLink) back = NULL;
  g_autoptr(JsonObject) json = json_object_new ();
  g_autofree char *url = NULL, *described = NULL, *key = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (tcp->host, ==, "10.0.0.5");
  g_assert_cmpuint (tcp->port, ==, 1502);
  g_assert_cmpuint (tcp_default->port, ==, 502);
  g_assert_cmpstr (v6->host, ==, "::1");
  url = lc_gauge_link_to_url (v6);
  g_assert_cmpstr (url, ==, "modbus+tcp://[::1]:5020");
  g_clear_pointer (&url, g_free);

  g_assert_cmpint (rtu->kind, ==, LC_GAUGE_KIND_MODBUS_RTU);
  g_assert_cmpstr (rtu->serial_port, ==, "/dev/ttyUSB0");
  g_assert_cmpuint (rtu->baud, ==, 9600);
  g_assert_cmpint (rtu->parity, ==, 'O');
  g_assert_cmpuint (rtu->data_bits, ==, 7);
  g_assert_cmpuint (rtu->stop_bits, ==, 2);
  g_assert_true (rtu->rs485);
  described = lc_gauge_link_describe (rtu);
  g_assert_cmpstr (described, ==, "/dev/ttyUSB0 9600 7O2 RS-485");
  key = lc_gauge_link_bus_key (rtu);
  g_assert_cmpstr (key, ==, "serial:/dev/ttyUSB0");

  url = lc_gauge_link_to_url (rtu);
  back = lc_gauge_link_new_from_url (url, &error);
  g_assert_no_error (error);
  g_assert_true (lc_gauge_link_same_line (rtu, back));
  g_clear_pointer (&back, lc_gauge_link_free);

  lc_gauge_link_to_json (rtu, json);
  back = lc_gauge_link_new_from_json (LC_GAUGE_KIND_MODBUS_RTU, json, &error);
  g_assert_no_error (error);
  g_assert_true (lc_gauge_link_same_line (rtu, back));
}

static void
test_link_bad_urls_are_explained (void)
{
  static const struct { const char *url; const char *words; } bad[] = {
    { "modbus+udp://x:1", "modbus+tcp://" },
    { "not a url", "is not a gauge address" },
    { "modbus+rtu:///dev/ttyS0?baud=12345", "baud rate 12345" },
    { "modbus+rtu:///dev/ttyS0?parity=X", "parity" },
    { "modbus+rtu:///dev/ttyS0?stop=3", "stop bits" },
    { "modbus+rtu:///dev/ttyS0?speed=9600", "Unknown serial setting" },
    { "modbus+rtu://host/dev/ttyS0", "three slashes" },
    { "modbus+tcp://:502", "no host" },
    { "modbus+tcp://h:0", "port" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcGaugeLink) link = lc_gauge_link_new_from_url (bad[i].url, &error);

      g_test_message ("%s: %s", bad[i].url, error != NULL ? error->message : "(accepted)");
      g_assert_null (link);
      g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i].words));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gauge/stable/needs-the-whole-window-within-tolerance",
                   test_stable_needs_the_whole_window_within_tolerance);
  g_test_add_func ("/gauge/simulated/has-the-asked-statistics",
                   test_simulated_gauge_has_the_asked_statistics);
  g_test_add_func ("/gauge/simulated/drifts-per-hour", test_simulated_gauge_drifts_per_hour);
  g_test_add_func ("/gauge/line-pattern/reads-gauge-lines", test_line_pattern_reads_gauge_lines);
  g_test_add_func ("/gauge/line-pattern/refuses-garbage-and-wrong-units",
                   test_line_pattern_refuses_garbage_and_wrong_units);
  g_test_add_func ("/gauge/line-pattern/custom-and-invalid", test_line_pattern_custom_and_invalid);
  g_test_add_func ("/gauge/wedge/tells-a-gauge-from-a-person", test_wedge_tells_a_gauge_from_a_person);
  g_test_add_func ("/gauge/link/urls-parse-and-round-trip", test_link_urls_parse_and_round_trip);
  g_test_add_func ("/gauge/link/bad-urls-are-explained", test_link_bad_urls_are_explained);

  return g_test_run ();
}
