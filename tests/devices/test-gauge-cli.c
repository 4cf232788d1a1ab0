#include "lc-config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "lc-gauge-modbus.h"
#include "lc-test-peers.h"
#include "lc-test-vectors.h"

/* Each vector and order gets its own four registers from this address on. */
#define VECTOR_BASE 200

static guint
vector_address (guint v,
                guint order)
{
  return VECTOR_BASE + (v * 4 + order) * 4;
}

/* --set arguments that load every fixed vector, in every order, into TABLE. */
static void
add_vector_args (GPtrArray  *args,
                 const char *table)
{
  for (guint v = 0; v < G_N_ELEMENTS (lc_test_vectors); v++)
    for (guint order = 0; order < 4; order++)
      {
        GString *spec = g_string_new (NULL);
        guint n = lc_gauge_data_type_n_words (lc_test_vectors[v].type);

        g_string_printf (spec, "%s:%u=", table, vector_address (v, order));
        for (guint i = 0; i < n; i++)
          g_string_append_printf (spec, "%s0x%04x", i > 0 ? "," : "",
                                  lc_test_vectors[v].words[order][i]);
        g_ptr_array_add (args, g_strdup ("--set"));
        g_ptr_array_add (args, g_string_free (spec, FALSE));
      }
}

static LcTestServer *
start_vector_server (const char *first_extra,
                     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  add_vector_args (args, "holding");
  add_vector_args (args, "input");
  va_start (ap, first_extra);
  for (const char *a = first_extra; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return lc_test_server_start_tcp (0, (const char *const *) args->pdata);
}

/* Runs gauge read; returns the parsed list of readings (never NULL when stdout was JSON). */
static JsonArray *
gauge_read (const char  *url,
            const char  *table,
            guint        address,
            const char  *type,
            const char  *order,
            const char  *const *more,
            char       **stderr_text,
            int         *status)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, g_strdup ("gauge"));
  g_ptr_array_add (args, g_strdup ("read"));
  g_ptr_array_add (args, g_strdup_printf ("--url=%s", url));
  g_ptr_array_add (args, g_strdup ("--unit=1"));
  g_ptr_array_add (args, g_strdup_printf ("--table=%s", table));
  g_ptr_array_add (args, g_strdup_printf ("--address=%u", address));
  g_ptr_array_add (args, g_strdup_printf ("--type=%s", type));
  if (order != NULL)
    g_ptr_array_add (args, g_strdup_printf ("--order=%s", order));
  for (guint i = 0; more != NULL && more[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (more[i]));
  g_ptr_array_add (args, g_strdup ("--format=json"));
  g_ptr_array_add (args, NULL);

  out = lc_test_run_cli ((const char *const *) args->pdata, stderr_text, status);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_ref (json_node_get_array (root));
}

static double
reading_value (JsonArray *readings,
               guint      i)
{
  return json_object_get_double_member (json_array_get_object_element (readings, i), "value");
}

static void
assert_reading (JsonArray     *readings,
                double         value,
                const guint16 *words,
                guint          n_words)
{
  JsonObject *reading;
  JsonArray *raw;
  const char *time;
  g_autoptr(GDateTime) parsed = NULL;

  g_assert_cmpuint (json_array_get_length (readings), ==, 1);
  reading = json_array_get_object_element (readings, 0);
  g_assert_cmpfloat (json_object_get_double_member (reading, "value"), ==, value);
  raw = json_object_get_array_member (reading, "raw");
  g_assert_cmpuint (json_array_get_length (raw), ==, n_words);
  for (guint i = 0; i < n_words; i++)
    g_assert_cmpint (json_array_get_int_element (raw, i), ==, words[i]);
  time = json_object_get_string_member (reading, "time");
  parsed = g_date_time_new_from_iso8601 (time, NULL);
  g_assert_nonnull (parsed);
  g_assert_cmpint (ABS (g_date_time_to_unix (parsed) - g_get_real_time () / G_USEC_PER_SEC), <=, 60);
}

static void
test_tcp_every_type_and_order_reads_fixed_vectors (void)
{
  g_autoptr(LcTestServer) server = start_vector_server (NULL);
  g_autofree char *url = lc_test_server_url (server);
  static const char *const tables[] = { "holding", "input" };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint v = 0; v < G_N_ELEMENTS (lc_test_vectors); v++)
      for (guint order = 0; order < 4; order++)
        {
          g_autofree char *err = NULL;
          g_autoptr(JsonArray) readings = NULL;
          int status;

          g_test_message ("%s %s %s", tables[t], lc_test_vectors[v].name,
                          lc_gauge_word_order_to_string (order));
          readings = gauge_read (url, tables[t], vector_address (v, order),
                                 lc_gauge_data_type_to_string (lc_test_vectors[v].type),
                                 lc_gauge_word_order_to_string (order), NULL, &err, &status);
          g_assert_cmpstr (err, ==, "");
          g_assert_cmpint (status, ==, 0);
          assert_reading (readings, lc_test_vectors[v].value, lc_test_vectors[v].words[order],
                          lc_gauge_data_type_n_words (lc_test_vectors[v].type));
        }
}

/* mbpoll, an independent Modbus client, decodes the same registers to the same numbers. It
 * knows 16-bit registers and 32-bit int/float in ABCD (-B) and CDAB order. */
static double
mbpoll_read (guint       port,
             guint       address,
             const char *type,
             gboolean    big_endian_words)
{
  g_autofree char *port_arg = g_strdup_printf ("-p%u", port);
  g_autofree char *ref_arg = g_strdup_printf ("-r%u", address);
  g_autofree char *type_arg = g_strdup_printf ("-t%s", type);
  const char *argv[] = { "mbpoll", "-mtcp", port_arg, "-a1", "-0", ref_arg, type_arg, "-1",
                         big_endian_words ? "-B" : "-1", "127.0.0.1", NULL };
  g_autofree char *out = NULL;
  g_autofree char *prefix = g_strdup_printf ("[%u]:", address);
  g_autoptr(GError) error = NULL;
  const char *line;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  line = strstr (out, prefix);
  g_assert_nonnull (line);
  line += strlen (prefix);
  return g_ascii_strtod (line, NULL);
}

static void
test_tcp_agrees_with_mbpoll (void)
{
  g_autoptr(LcTestServer) server = NULL;
  g_autofree char *url = NULL;

  if (!lc_test_have_program ("mbpoll"))
    {
      g_test_skip ("mbpoll is not installed");
      return;
    }
  server = start_vector_server (NULL);
  url = lc_test_server_url (server);

  for (guint v = 0; v < G_N_ELEMENTS (lc_test_vectors); v++)
    for (guint order = LC_GAUGE_ORDER_ABCD; order <= LC_GAUGE_ORDER_CDAB; order++)
      {
        LcGaugeDataType type = lc_test_vectors[v].type;
        const char *mbpoll_type;
        g_autofree char *err = NULL;
        g_autoptr(JsonArray) readings = NULL;
        int status;
        double ours, theirs;

        if (type == LC_GAUGE_DATA_FLOAT32)
          mbpoll_type = "4:float";
        else if (type == LC_GAUGE_DATA_INT32)
          mbpoll_type = "4:int";
        else if (type == LC_GAUGE_DATA_UINT16 || type == LC_GAUGE_DATA_INT16)
          mbpoll_type = "4";   /* printed unsigned, as "65534 (-2)" */
        else
          continue;

        readings = gauge_read (url, "holding", vector_address (v, order),
                               lc_gauge_data_type_to_string (type),
                               lc_gauge_word_order_to_string (order), NULL, &err, &status);
        g_assert_cmpint (status, ==, 0);
        ours = reading_value (readings, 0);
        theirs = mbpoll_read (server->port, vector_address (v, order), mbpoll_type,
                              order == LC_GAUGE_ORDER_ABCD);
        g_test_message ("%s %s: ours %.9g, mbpoll %.9g", lc_test_vectors[v].name,
                        lc_gauge_word_order_to_string (order), ours, theirs);
        if (type == LC_GAUGE_DATA_FLOAT32)
          /* mbpoll prints six significant digits. */
          g_assert_cmpfloat_with_epsilon (ours, theirs, fabs (ours) * 1e-5);
        else if (type == LC_GAUGE_DATA_INT16 && ours < 0)
          g_assert_cmpfloat (ours, ==, theirs - 65536);
        else
          g_assert_cmpfloat (ours, ==, theirs);
      }
}

static void
test_tcp_coils_and_discrete_inputs_read_as_bool (void)
{
  g_autoptr(LcTestServer) server = start_vector_server ("--set", "coil:7=1", "--set",
                                                        "discrete:9=1", NULL);
  g_autofree char *url = lc_test_server_url (server);
  static const struct { const char *table; guint address; double value; } cases[] = {
    { "coil", 7, 1 }, { "coil", 8, 0 }, { "discrete", 9, 1 }, { "discrete", 7, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autoptr(JsonArray) readings = NULL;
      guint16 bit = (guint16) cases[i].value;
      int status;

      readings = gauge_read (url, cases[i].table, cases[i].address, "bool", NULL, NULL, &err,
                             &status);
      g_assert_cmpint (status, ==, 0);
      assert_reading (readings, cases[i].value, &bit, 1);
    }
}

static void
test_tcp_scale_and_offset_are_applied (void)
{
  g_autoptr(LcTestServer) server = start_vector_server ("--set", "holding:20=0xfffe", NULL);
  g_autofree char *url = lc_test_server_url (server);
  const char *const more[] = { "--scale=0.001", "--offset=10", NULL };
  static const guint16 raw = 0xfffe;
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) readings = NULL;
  int status;

  readings = gauge_read (url, "holding", 20, "int16", NULL, more, &err, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (json_array_get_length (readings), ==, 1);
  g_assert_cmpfloat_with_epsilon (reading_value (readings, 0), 9.998, 1e-12);
  g_assert_cmpint (json_array_get_int_element (
                     json_object_get_array_member (json_array_get_object_element (readings, 0), "raw"),
                     0), ==, raw);
}

static void
assert_failed_read (JsonArray  *readings,
                    const char *err,
                    int         status,
                    const char *expected_words)
{
  g_test_message ("stderr: %s", err);
  g_assert_cmpint (status, !=, 0);
  g_assert_cmpuint (json_array_get_length (readings), ==, 0);
  g_assert_nonnull (strstr (err, expected_words));
}

static void
test_tcp_exception_is_explained (void)
{
  g_autoptr(LcTestServer) server = start_vector_server ("--exception-at", "30:4", NULL);
  g_autofree char *url = lc_test_server_url (server);
  g_autofree char *err = NULL, *err2 = NULL;
  g_autoptr(JsonArray) readings = NULL, readings2 = NULL;
  int status;

  /* The server has 4096 registers: 5000 is not there. */
  readings = gauge_read (url, "holding", 5000, "uint16", NULL, NULL, &err, &status);
  assert_failed_read (readings, err, status, "has no holding register at address 5000 (45001)");
  g_assert_nonnull (strstr (err, "exception 2"));

  readings2 = gauge_read (url, "holding", 30, "uint16", NULL, NULL, &err2, &status);
  assert_failed_read (readings2, err2, status, "internal failure (Modbus exception 4)");
}

static void
test_tcp_timeout_is_explained_and_bounded (void)
{
  g_autoptr(LcTestServer) server = start_vector_server ("--silent-at", "40", NULL);
  g_autofree char *url = lc_test_server_url (server);
  const char *const more[] = { "--timeout=300", NULL };
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) readings = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  readings = gauge_read (url, "holding", 40, "uint16", NULL, more, &err, &status);
  assert_failed_read (readings, err, status, "did not answer within 300 ms");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_tcp_garbage_is_refused_not_read (void)
{
  g_autoptr(LcTestServer) server = start_vector_server ("--garbage-at", "50", NULL);
  g_autofree char *url = lc_test_server_url (server);

  for (guint i = 0; i < 3; i++)
    {
      static const char *const types[] = { "uint16", "float32", "float64" };
      g_autofree char *err = NULL;
      g_autoptr(JsonArray) readings = NULL;
      int status;

      readings = gauge_read (url, "holding", 50, types[i], NULL, NULL, &err, &status);
      assert_failed_read (readings, err, status, "made no sense (garbage)");
    }
}

static void
test_tcp_nothing_listening_is_explained (void)
{
  g_autoptr(LcTestServer) server = start_vector_server (NULL);
  g_autofree char *url = lc_test_server_url (server);
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) readings = NULL;
  int status;

  lc_test_server_kill (server);
  readings = gauge_read (url, "holding", 0, "uint16", NULL, NULL, &err, &status);
  assert_failed_read (readings, err, status, "Nothing answers at 127.0.0.1:");
}

static void
test_tcp_unknown_unit_behind_gateway_is_explained (void)
{
  g_autoptr(LcTestServer) server = start_vector_server ("--unit", "3", NULL);
  g_autofree char *url = lc_test_server_url (server);
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) readings = NULL;
  int status;

  readings = gauge_read (url, "holding", 0, "uint16", NULL, NULL, &err, &status);
  assert_failed_read (readings, err, status, "has no answer from unit 1 behind it");
}

/* The counter register serves 1, 2, 3, … and the server logs each value it served. The
 * server is killed mid-poll and a new one started on the same port counting from 1001. The
 * readings must be values a server really served, each once, in order; the reads that fell
 * in the gap are reported as failures, not filled in. */
static void
test_tcp_server_restarted_mid_poll_no_duplicate_or_invented_readings (void)
{
  g_autoptr(LcTestServer) first = start_vector_server (NULL);
  g_autoptr(LcTestServer) second = NULL;
  g_autofree char *url = lc_test_server_url (first);
  g_autofree char *url_arg = g_strdup_printf ("--url=%s", url);
  const char *argv[] = { g_getenv ("LC_CLI"), "gauge", "read", url_arg, "--unit=1",
                         "--table=holding", "--address=100", "--type=uint16", "--count=40",
                         "--interval=50", "--timeout=200", "--format=json", NULL };
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) served1 = NULL, served2 = NULL;
  g_autofree char *port = g_strdup_printf ("%u", first->port);
  const char *restart_args[] = { "--counter-start", "1000", NULL };
  JsonArray *readings;
  guint n, after_restart = 0, failed = 0;
  double previous = -1;

  cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error);
  g_assert_no_error (error);
  /* Wait for the poll to be under way rather than for a fixed time: on a loaded machine the
   * CLI may take longer than any guess to start. */
  for (gint64 until = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;; g_usleep (20000))
    {
      g_autoptr(GArray) so_far = lc_test_server_served (first);

      if (so_far->len >= 5)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, until);
    }
  lc_test_server_kill (first);
  g_usleep (400 * G_TIME_SPAN_MILLISECOND);
  second = lc_test_server_start_tcp (first->port, restart_args);
  g_assert_cmpuint (second->port, ==, first->port);
  g_subprocess_communicate_utf8 (cli, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);

  /* Some reads failed while nothing listened: a non-zero exit, each failure on stderr. */
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 1);
  for (const char *p = err; (p = strstr (p, " failed: ")) != NULL; p++)
    failed++;
  g_assert_cmpuint (failed, >=, 1);

  root = json_from_string (out, &error);
  g_assert_no_error (error);
  readings = json_node_get_array (root);
  n = json_array_get_length (readings);
  g_assert_cmpuint (n + failed, ==, 40);

  served1 = lc_test_server_served (first);
  served2 = lc_test_server_served (second);
  for (guint i = 0; i < n; i++)
    {
      double value = reading_value (readings, i);
      GArray *served = value > 1000 ? served2 : served1;
      gboolean was_served = FALSE;

      g_assert_cmpfloat (value, >, previous);   /* in order, never twice */
      previous = value;
      for (guint k = 0; k < served->len; k++)
        was_served |= g_array_index (served, guint, k) == (guint) value;
      g_assert_true (was_served);
      after_restart += value > 1000;
    }
  /* The poll came back to the new server and went on reading from it. */
  g_assert_cmpuint (after_restart, >=, 5);
  g_assert_cmpuint (n - after_restart, >=, 5);
}

static void
test_usage_errors_exit_2 (void)
{
  static const char *const bad[][4] = {
    { "gauge", "read", "--order=ACBD", NULL },
    { "gauge", "read", "--unit=1", NULL },
    { "gauge", "frobnicate", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      int status;

      out = lc_test_run_cli (bad[i], &err, &status);
      g_assert_cmpint (status, ==, 2);
      g_assert_cmpstr (err, !=, "");
    }
}

static void
test_tcp_bad_url_is_explained (void)
{
  const char *const args[] = { "gauge", "read", "--url=modbus+udp://x", "--unit=1",
                               "--table=holding", "--address=0", "--type=uint16", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status;

  out = lc_test_run_cli (args, &err, &status);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "modbus+tcp://"));
}

static char *
rtu_url (LcTestPtyPair *pair)
{
  return g_strdup_printf ("modbus+rtu://%s?baud=19200&parity=E&data=8&stop=1", pair->b);
}

static LcTestServer *
start_rtu_vector_server (LcTestPtyPair *pair,
                         const char    *first_extra,
                         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  va_list ap;

  add_vector_args (args, "holding");
  va_start (ap, first_extra);
  for (const char *a = first_extra; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return lc_test_server_start_rtu (pair->a, (const char *const *) args->pdata);
}

static void
test_rtu_every_type_reads_over_a_pty_pair (void)
{
  g_autoptr(LcTestPtyPair) pair = lc_test_pty_pair_new ();
  g_autoptr(LcTestServer) server = start_rtu_vector_server (pair, NULL);
  g_autofree char *url = rtu_url (pair);

  for (guint v = 0; v < G_N_ELEMENTS (lc_test_vectors); v++)
    for (guint order = 0; order < 4; order++)
      {
        g_autofree char *err = NULL;
        g_autoptr(JsonArray) readings = NULL;
        int status;

        g_test_message ("%s %s", lc_test_vectors[v].name, lc_gauge_word_order_to_string (order));
        readings = gauge_read (url, "holding", vector_address (v, order),
                               lc_gauge_data_type_to_string (lc_test_vectors[v].type),
                               lc_gauge_word_order_to_string (order), NULL, &err, &status);
        g_assert_cmpstr (err, ==, "");
        g_assert_cmpint (status, ==, 0);
        assert_reading (readings, lc_test_vectors[v].value, lc_test_vectors[v].words[order],
                        lc_gauge_data_type_n_words (lc_test_vectors[v].type));
      }
}

/* On one open serial connection: a damaged answer and a missing answer are refused with words
 * that name the cause, and the very next read returns the right value, not a straggler. */
static void
test_rtu_garbage_and_silence_on_the_line_then_reads_recover (void)
{
  g_autoptr(LcTestPtyPair) pair = lc_test_pty_pair_new ();
  g_autoptr(LcTestServer) server = start_rtu_vector_server (pair, "--garbage-at", "60",
                                                            "--silent-at", "61", NULL);
  g_autofree char *url = rtu_url (pair);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_from_url (url, NULL);
  g_autoptr(LcGaugeModbus) modbus = lc_gauge_modbus_new (link);
  LcGaugeRegister good, garbage, silent;
  guint16 words[LC_GAUGE_MAX_WORDS];
  double value;

  lc_gauge_register_init (&good);
  good.address = vector_address (0, LC_GAUGE_ORDER_ABCD);
  good.type = LC_GAUGE_DATA_FLOAT32;
  garbage = silent = good;
  garbage.address = 60;
  silent.address = 61;
  silent.type = garbage.type = LC_GAUGE_DATA_UINT16;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;

      value = NAN;
      g_assert_false (lc_gauge_modbus_read (modbus, 1, 300, &garbage, words, &value, &error));
      g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_GARBAGE);
      g_assert_nonnull (strstr (error->message, "damaged on the line"));
      g_assert_true (isnan (value));
      g_clear_error (&error);

      g_assert_true (lc_gauge_modbus_read (modbus, 1, 300, &good, words, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (value, ==, lc_test_vectors[0].value);

      g_assert_false (lc_gauge_modbus_read (modbus, 1, 300, &silent, words, &value, &error));
      g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_TIMEOUT);
      g_clear_error (&error);

      g_assert_true (lc_gauge_modbus_read (modbus, 1, 300, &good, words, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (value, ==, lc_test_vectors[0].value);
    }
}

static void
test_rtu_missing_serial_port_is_explained (void)
{
  g_autofree char *err = NULL;
  g_autoptr(JsonArray) readings = NULL;
  int status;

  readings = gauge_read ("modbus+rtu:///dev/ttyLinecheckNone?baud=9600&parity=N", "holding", 0,
                         "uint16", NULL, NULL, &err, &status);
  assert_failed_read (readings, err, status, "/dev/ttyLinecheckNone is not there");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gauge/cli/tcp/every-type-and-order-reads-fixed-vectors",
                   test_tcp_every_type_and_order_reads_fixed_vectors);
  g_test_add_func ("/gauge/cli/tcp/agrees-with-mbpoll", test_tcp_agrees_with_mbpoll);
  g_test_add_func ("/gauge/cli/tcp/coils-and-discrete-inputs-read-as-bool",
                   test_tcp_coils_and_discrete_inputs_read_as_bool);
  g_test_add_func ("/gauge/cli/tcp/scale-and-offset-are-applied",
                   test_tcp_scale_and_offset_are_applied);
  g_test_add_func ("/gauge/cli/tcp/exception-is-explained", test_tcp_exception_is_explained);
  g_test_add_func ("/gauge/cli/tcp/timeout-is-explained-and-bounded",
                   test_tcp_timeout_is_explained_and_bounded);
  g_test_add_func ("/gauge/cli/tcp/garbage-is-refused-not-read",
                   test_tcp_garbage_is_refused_not_read);
  g_test_add_func ("/gauge/cli/tcp/nothing-listening-is-explained",
                   test_tcp_nothing_listening_is_explained);
  g_test_add_func ("/gauge/cli/tcp/unknown-unit-behind-gateway-is-explained",
                   test_tcp_unknown_unit_behind_gateway_is_explained);
  g_test_add_func ("/gauge/cli/tcp/server-restarted-mid-poll-no-duplicate-or-invented-readings",
                   test_tcp_server_restarted_mid_poll_no_duplicate_or_invented_readings);
  g_test_add_func ("/gauge/cli/usage-errors-exit-2", test_usage_errors_exit_2);
  g_test_add_func ("/gauge/cli/bad-url-is-explained", test_tcp_bad_url_is_explained);
  g_test_add_func ("/gauge/cli/rtu/every-type-reads-over-a-pty-pair",
                   test_rtu_every_type_reads_over_a_pty_pair);
  g_test_add_func ("/gauge/cli/rtu/garbage-and-silence-on-the-line-then-reads-recover",
                   test_rtu_garbage_and_silence_on_the_line_then_reads_recover);
  g_test_add_func ("/gauge/cli/rtu/missing-serial-port-is-explained",
                   test_rtu_missing_serial_port_is_explained);

  return g_test_run ();
}
