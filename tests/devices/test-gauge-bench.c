#include "lc-config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "lc-gauge-bench.h"
#include "lc-gauge-modbus.h"
#include "lc-test-peers.h"

/* The gauge library against real peers: the worker threads, their hand-over to the main
 * loop, faults and recovery, taking measurements, pedals, outputs, and the store. */

#define COUNTER_ADDRESS 100

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until COND holds or TIMEOUT_MS pass; returns whether it held. */
static gboolean
run_until (gboolean (*cond) (gpointer),
           gpointer   data,
           guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, wake_up, NULL);
  gboolean held;

  while (!(held = cond (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return held;
}

static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (10, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static gboolean
channel_is_live (gpointer channel)
{
  return lc_gauge_channel_get_state (channel) == LC_GAUGE_STATE_LIVE;
}

static gboolean
channel_is_error (gpointer channel)
{
  return lc_gauge_channel_get_state (channel) == LC_GAUGE_STATE_ERROR;
}

static gboolean
channel_is_stale (gpointer channel)
{
  return lc_gauge_channel_get_state (channel) == LC_GAUGE_STATE_STALE;
}

static LcGaugeChannel *
add_channel (LcGaugeDevice   *device,
             const char      *name,
             LcGaugeTable     table,
             guint            address,
             LcGaugeDataType  type)
{
  g_autoptr(LcGaugeChannel) channel = lc_gauge_channel_new (name);
  LcGaugeRegister reg;

  lc_gauge_register_init (&reg);
  reg.table = table;
  reg.address = address;
  reg.type = type;
  lc_gauge_channel_set_register (channel, &reg);
  lc_gauge_device_add_channel (device, channel);
  return channel;   /* the device holds it */
}

static LcGaugeDevice *
tcp_device (LcTestServer *server,
            guint         poll_ms)
{
  LcGaugeDevice *device = lc_gauge_device_new ("Bore gauge", LC_GAUGE_KIND_MODBUS_TCP);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_tcp ("127.0.0.1", server->port);
  JsonObject *settings = lc_gauge_device_get_settings (device);

  lc_gauge_device_set_link (device, link);
  json_object_set_int_member (settings, "poll_ms", poll_ms);
  json_object_set_int_member (settings, "timeout_ms", 300);
  return device;
}

/* Every reading of a channel, in the order the main loop got them. */
static void
collect_reading (LcGaugeChannel *channel,
                 LcGaugeReading *reading,
                 GArray         *values)
{
  g_array_append_val (values, reading->value);
}

static void
assert_served_once_in_order (GArray       *values,
                             LcTestServer *first,
                             LcTestServer *second)
{
  g_autoptr(GArray) served1 = lc_test_server_served (first);
  g_autoptr(GArray) served2 = second != NULL ? lc_test_server_served (second) : NULL;
  double previous = -1;

  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      GArray *served = v > 1000 && served2 != NULL ? served2 : served1;
      gboolean found = FALSE;

      g_assert_cmpfloat (v, >, previous);
      previous = v;
      for (guint k = 0; k < served->len; k++)
        found |= g_array_index (served, guint, k) == (guint) v;
      g_assert_true (found);
    }
}

static void
test_modbus_values_reach_the_main_loop_in_order (void)
{
  const char *args[] = { "--set", "holding:10=0x42f6,0xe979", "--set", "input:20=0xfffe", NULL };
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, args);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (server, 30);
  LcGaugeChannel *diameter = add_channel (device, "Diameter", LC_GAUGE_TABLE_HOLDING, 10,
                                          LC_GAUGE_DATA_FLOAT32);
  LcGaugeChannel *offset = add_channel (device, "Offset", LC_GAUGE_TABLE_INPUT, 20,
                                        LC_GAUGE_DATA_INT16);
  LcGaugeChannel *counter = add_channel (device, "Counter", LC_GAUGE_TABLE_HOLDING,
                                         COUNTER_ADDRESS, LC_GAUGE_DATA_UINT16);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *shown = NULL;
  LcGaugeRegister reg = *lc_gauge_channel_get_register (offset);

  reg.scale = 0.5;
  lc_gauge_channel_set_register (offset, &reg);
  lc_gauge_channel_set_unit (diameter, "mm");
  lc_gauge_channel_set_decimals (diameter, 2);
  g_signal_connect (counter, "reading", G_CALLBACK (collect_reading), values);
  lc_gauge_bench_add_device (bench, device);
  g_assert_cmpint (lc_gauge_channel_get_state (diameter), ==, LC_GAUGE_STATE_OFF);
  lc_gauge_bench_start (bench);

  g_assert_true (run_until (channel_is_live, diameter, 3000));
  g_assert_true (run_until (channel_is_live, offset, 3000));
  g_assert_cmpfloat (lc_gauge_channel_get_value (diameter), ==, 123.456f);
  g_assert_cmpfloat (lc_gauge_channel_get_value (offset), ==, -1.0);
  g_assert_cmpuint (lc_gauge_channel_get_last_reading (diameter)->n_words, ==, 2);
  g_assert_cmphex (lc_gauge_channel_get_last_reading (diameter)->words[0], ==, 0x42f6);
  shown = lc_gauge_channel_format_value (diameter);
  g_assert_cmpstr (shown, ==, "123.46 mm");
  g_assert_cmpint (lc_gauge_device_get_state (device), ==, LC_GAUGE_STATE_LIVE);

  run_for (500);
  lc_gauge_bench_stop (bench);
  g_assert_cmpint (lc_gauge_channel_get_state (diameter), ==, LC_GAUGE_STATE_OFF);
  /* At 30 ms polling, half a second gives well over five readings, each served once. */
  g_assert_cmpuint (values->len, >=, 5);
  assert_served_once_in_order (values, server, NULL);
  g_signal_handlers_disconnect_by_data (counter, values);
}

/* The server is killed: the channels say so in words. It comes back on the same port after
 * the backoff has grown to its longest: values flow again within 2 s, and every value
 * shown was served, once, in order. */
static void
test_server_killed_error_in_words_then_recovers_within_2s (void)
{
  g_autoptr(LcTestServer) first = lc_test_server_start_tcp (0, NULL);
  g_autoptr(LcTestServer) second = NULL;
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (first, 50);
  LcGaugeChannel *counter = add_channel (device, "Counter", LC_GAUGE_TABLE_HOLDING,
                                         COUNTER_ADDRESS, LC_GAUGE_DATA_UINT16);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *restart[] = { "--counter-start", "1000", NULL };
  g_autofree char *described = NULL;
  gint64 restarted;
  guint before;

  g_signal_connect (counter, "reading", G_CALLBACK (collect_reading), values);
  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);
  g_assert_true (run_until (channel_is_live, counter, 3000));

  lc_test_server_kill (first);
  g_assert_true (run_until (channel_is_error, counter, 3000));
  g_test_message ("while down: %s", lc_gauge_channel_get_last_error (counter));
  g_assert_true (strstr (lc_gauge_channel_get_last_error (counter), "Nothing answers") != NULL ||
                 strstr (lc_gauge_channel_get_last_error (counter), "was lost") != NULL);
  g_assert_cmpint (lc_gauge_device_get_state (device), ==, LC_GAUGE_STATE_ERROR);
  described = lc_gauge_channel_describe_state (counter);
  g_assert_true (g_str_has_prefix (described, "Error: "));
  g_assert_nonnull (strstr (described, "old)"));   /* the last value's age */

  /* Long enough for the backoff to reach its ceiling. */
  run_for (2500);
  before = values->len;
  second = lc_test_server_start_tcp (first->port, restart);
  restarted = g_get_monotonic_time ();
  g_assert_true (run_until (channel_is_live, counter, 5000));
  g_test_message ("values again %.0f ms after the restart",
                  (g_get_monotonic_time () - restarted) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - restarted, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpfloat (lc_gauge_channel_get_value (counter), >, 1000);

  run_for (300);
  lc_gauge_bench_stop (bench);
  g_assert_cmpuint (values->len, >, before);
  assert_served_once_in_order (values, first, second);
  g_signal_handlers_disconnect_by_data (counter, values);
}

static void
test_exception_on_one_channel_leaves_others_live (void)
{
  const char *args[] = { "--exception-at", "30:2", NULL };
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, args);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (server, 30);
  LcGaugeChannel *good = add_channel (device, "Height", LC_GAUGE_TABLE_HOLDING, 5,
                                      LC_GAUGE_DATA_UINT16);
  LcGaugeChannel *bad = add_channel (device, "Torque", LC_GAUGE_TABLE_HOLDING, 30,
                                     LC_GAUGE_DATA_UINT16);

  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);
  g_assert_true (run_until (channel_is_error, bad, 3000));
  g_assert_true (run_until (channel_is_live, good, 3000));
  g_assert_nonnull (strstr (lc_gauge_channel_get_last_error (bad), "exception 2"));
  g_assert_true (isnan (lc_gauge_channel_get_value (bad)));   /* nothing invented */
  g_assert_cmpint (lc_gauge_device_get_state (device), ==, LC_GAUGE_STATE_LIVE);
  run_for (200);
  g_assert_cmpint (lc_gauge_channel_get_state (good), ==, LC_GAUGE_STATE_LIVE);
  lc_gauge_bench_stop (bench);
}

static void
test_silent_device_times_out_in_words (void)
{
  const char *args[] = { "--silent-at", "40", NULL };
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, args);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (server, 50);
  LcGaugeChannel *silent = add_channel (device, "Silent", LC_GAUGE_TABLE_HOLDING, 40,
                                        LC_GAUGE_DATA_UINT16);

  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);
  g_assert_true (run_until (channel_is_error, silent, 3000));
  g_assert_nonnull (strstr (lc_gauge_channel_get_last_error (silent), "did not answer within 300 ms"));
  lc_gauge_bench_stop (bench);
}

typedef struct
{
  LcGaugeReading *reading;
  GError         *error;
  gboolean        done;
} TakeResult;

static void
take_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  TakeResult *take = user_data;

  take->reading = lc_gauge_channel_take_finish (LC_GAUGE_CHANNEL (source), result, &take->error);
  take->done = TRUE;
}

static gboolean
take_is_done (gpointer take)
{
  return ((TakeResult *) take)->done;
}

static void
take_result_clear (TakeResult *take)
{
  g_clear_pointer (&take->reading, lc_gauge_reading_free);
  g_clear_error (&take->error);
  take->done = FALSE;
}

static LcGaugeDevice *
simulated_device (const char *name,
                  double      sigma,
                  guint       poll_ms)
{
  LcGaugeDevice *device = lc_gauge_device_new (name, LC_GAUGE_KIND_SIMULATED);
  LcGaugeChannel *channel = add_channel (device, "Bore", LC_GAUGE_TABLE_HOLDING, 0,
                                         LC_GAUGE_DATA_FLOAT64);
  JsonObject *settings = lc_gauge_channel_get_settings (channel);

  json_object_set_double_member (settings, "mean", 12.0);
  json_object_set_double_member (settings, "sigma", sigma);
  json_object_set_int_member (settings, "seed", 3);
  lc_gauge_channel_set_unit (channel, "mm");
  json_object_set_int_member (lc_gauge_device_get_settings (device), "poll_ms", poll_ms);
  return device;
}

static void
test_take_returns_live_value_or_says_why_not (void)
{
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) sim = simulated_device ("Simulated", 0.001, 20);
  g_autoptr(LcGaugeDevice) dead = lc_gauge_device_new ("Unplugged", LC_GAUGE_KIND_MODBUS_RTU);
  LcGaugeChannel *bore = lc_gauge_device_find_channel (sim, "Bore");
  LcGaugeChannel *nothing = add_channel (dead, "Height", LC_GAUGE_TABLE_HOLDING, 0,
                                         LC_GAUGE_DATA_UINT16);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_serial (LC_GAUGE_KIND_MODBUS_RTU,
                                                          "/dev/ttyLinecheckUnplugged");
  TakeResult take = { 0 };

  lc_gauge_device_set_link (dead, link);
  json_object_set_int_member (lc_gauge_channel_get_settings (nothing), "take_timeout_ms", 400);
  lc_gauge_bench_add_device (bench, sim);
  lc_gauge_bench_add_device (bench, dead);
  lc_gauge_bench_start (bench);
  g_assert_true (run_until (channel_is_live, bore, 2000));

  lc_gauge_channel_take_async (bore, NULL, take_done, &take);
  g_assert_true (run_until (take_is_done, &take, 2000));
  g_assert_no_error (take.error);
  g_assert_cmpfloat (take.reading->value, ==, lc_gauge_channel_get_value (bore));
  g_assert_cmpfloat_with_epsilon (take.reading->value, 12.0, 0.01);
  take_result_clear (&take);

  lc_gauge_channel_take_async (nothing, NULL, take_done, &take);
  g_assert_true (run_until (take_is_done, &take, 2000));
  g_assert_null (take.reading);
  g_assert_error (take.error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_NO_VALUE);
  g_test_message ("%s", take.error->message);
  g_assert_nonnull (strstr (take.error->message, "is not there"));
  take_result_clear (&take);

  /* Cancelled by whoever went away. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    lc_gauge_channel_take_async (nothing, cancellable, take_done, &take);
    g_cancellable_cancel (cancellable);
    g_assert_true (run_until (take_is_done, &take, 2000));
    g_assert_error (take.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    take_result_clear (&take);
  }
  lc_gauge_bench_stop (bench);
}

static void
test_take_stable_waits_until_settled_or_says_it_moves (void)
{
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) still = simulated_device ("Still", 0.0001, 20);
  g_autoptr(LcGaugeDevice) shaky = simulated_device ("Shaky", 0.05, 20);
  LcGaugeChannel *settled = lc_gauge_device_find_channel (still, "Bore");
  LcGaugeChannel *moving = lc_gauge_device_find_channel (shaky, "Bore");
  TakeResult take = { 0 };
  gint64 started;

  lc_gauge_channel_set_stable (settled, 0.002, 300);
  lc_gauge_channel_set_stable (moving, 0.002, 300);
  json_object_set_int_member (lc_gauge_channel_get_settings (moving), "take_timeout_ms", 600);
  lc_gauge_bench_add_device (bench, still);
  lc_gauge_bench_add_device (bench, shaky);
  lc_gauge_bench_start (bench);
  g_assert_true (run_until (channel_is_live, settled, 2000));

  /* Fresh start: it must see 300 ms of readings before it calls the value stable. */
  started = g_get_monotonic_time ();
  lc_gauge_channel_take_async (settled, NULL, take_done, &take);
  g_assert_true (run_until (take_is_done, &take, 3000));
  g_assert_no_error (take.error);
  g_assert_cmpint (take.reading->monotonic - started, >=, 200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpfloat_with_epsilon (take.reading->value, 12.0, 0.001);
  take_result_clear (&take);

  /* Once settled, the next take is at once. */
  started = g_get_monotonic_time ();
  lc_gauge_channel_take_async (settled, NULL, take_done, &take);
  g_assert_true (run_until (take_is_done, &take, 3000));
  g_assert_no_error (take.error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 100 * G_TIME_SPAN_MILLISECOND);
  take_result_clear (&take);

  lc_gauge_channel_take_async (moving, NULL, take_done, &take);
  g_assert_true (run_until (take_is_done, &take, 3000));
  g_assert_error (take.error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_UNSTABLE);
  g_test_message ("%s", take.error->message);
  g_assert_nonnull (strstr (take.error->message, "did not settle"));
  g_assert_nonnull (strstr (take.error->message, "mm"));
  take_result_clear (&take);
  lc_gauge_bench_stop (bench);
}

static void
count_trigger (LcGaugeBench   *bench,
               LcGaugeChannel *channel,
               guint          *count)
{
  (*count)++;
}

static void
write_coil (LcTestServer *server,
            guint         address,
            gboolean      on)
{
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_tcp ("127.0.0.1", server->port);
  g_autoptr(LcGaugeModbus) modbus = lc_gauge_modbus_new (link);
  g_autoptr(GError) error = NULL;
  LcGaugeRegister reg;

  lc_gauge_register_init (&reg);
  reg.table = LC_GAUGE_TABLE_COIL;
  reg.address = address;
  reg.type = LC_GAUGE_DATA_BOOL;
  g_assert_true (lc_gauge_modbus_write (modbus, 1, 500, &reg, on, &error));
  g_assert_no_error (error);
}

static void
test_foot_pedal_rising_edge_triggers_once (void)
{
  const char *args[] = { "--set", "coil:7=1", NULL };
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, args);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (server, 20);
  LcGaugeChannel *pedal = add_channel (device, "Pedal", LC_GAUGE_TABLE_COIL, 7,
                                       LC_GAUGE_DATA_BOOL);
  guint triggers = 0;

  lc_gauge_channel_set_role (pedal, LC_GAUGE_ROLE_TRIGGER);
  g_signal_connect (bench, "trigger", G_CALLBACK (count_trigger), &triggers);
  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);

  /* Held down from the start: a baseline, not a press. */
  g_assert_true (run_until (channel_is_live, pedal, 2000));
  run_for (200);
  g_assert_cmpuint (triggers, ==, 0);

  write_coil (server, 7, FALSE);
  run_for (200);
  g_assert_cmpuint (triggers, ==, 0);
  write_coil (server, 7, TRUE);
  run_for (200);
  g_assert_cmpuint (triggers, ==, 1);
  run_for (200);
  g_assert_cmpuint (triggers, ==, 1);   /* held: still one */
  lc_gauge_bench_stop (bench);
}

static char *
scratch_store_path (char **dir)
{
  *dir = g_dir_make_tmp ("lc-gauge-store-XXXXXX", NULL);
  return g_build_filename (*dir, "linecheck.db", NULL);
}

static void
remove_scratch_store (char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} Done;

static void
verdict_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Done *done = user_data;

  lc_gauge_bench_apply_verdict_finish (LC_GAUGE_BENCH (source), result, &done->error);
  done->done = TRUE;
}

static gboolean
is_done (gpointer done)
{
  return ((Done *) done)->done;
}

static gboolean
log_has_pulse_end (gpointer server)
{
  g_autofree char *log = lc_test_server_read_log (server);
  return strstr (log, "write coil 20 0") != NULL;
}

static void
test_verdict_outputs_write_coil_and_register (void)
{
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, NULL);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (server, 100);
  LcGaugeChannel *gate = add_channel (device, "Reject gate", LC_GAUGE_TABLE_COIL, 20,
                                      LC_GAUGE_DATA_BOOL);
  LcGaugeChannel *code = add_channel (device, "Alarm code", LC_GAUGE_TABLE_HOLDING, 21,
                                      LC_GAUGE_DATA_UINT16);
  LcGaugeRegister reg = *lc_gauge_channel_get_register (code);
  g_autofree char *outputs = NULL;
  g_autofree char *log = NULL;
  Done done = { 0 };

  reg.scale = 0.1;
  lc_gauge_channel_set_register (code, &reg);
  lc_gauge_channel_set_role (gate, LC_GAUGE_ROLE_OUTPUT);
  lc_gauge_channel_set_role (code, LC_GAUGE_ROLE_OUTPUT);
  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);
  g_assert_cmpint (lc_gauge_channel_get_state (gate), ==, LC_GAUGE_STATE_OFF);   /* not polled */

  /* Unsaved channels have no ids yet: save the device into a scratch store first. */
  {
    g_autofree char *dir = NULL;
    g_autofree char *path = scratch_store_path (&dir);
    g_autoptr(LcStore) store = lc_store_open (path, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (lc_gauge_bench_save_device (bench, store, device, &error));
    g_assert_no_error (error);
    g_clear_object (&store);
    remove_scratch_store (dir);
  }
  outputs = g_strdup_printf ("{\"pass\": [], \"fail\": [{\"channel\": %" G_GINT64_FORMAT
                             ", \"value\": 1, \"pulse_ms\": 150}],"
                             " \"critical\": [{\"channel\": %" G_GINT64_FORMAT ", \"value\": 2.5}]}",
                             lc_gauge_channel_get_id (gate), lc_gauge_channel_get_id (code));

  lc_gauge_bench_apply_verdict_async (bench, outputs, "critical", NULL, verdict_done, &done);
  g_assert_true (run_until (is_done, &done, 3000));
  g_assert_no_error (done.error);
  log = lc_test_server_read_log (server);
  g_assert_nonnull (strstr (log, "write coil 20 1"));
  g_assert_nonnull (strstr (log, "write holding 21 25"));
  /* The pulse ends by itself. */
  g_assert_true (run_until (log_has_pulse_end, server, 2000));

  /* A pass writes nothing here; an output that is gone is named. */
  done.done = FALSE;
  lc_gauge_bench_apply_verdict_async (bench, "{\"pass\": [{\"channel\": 99999}]}", "pass", NULL,
                                      verdict_done, &done);
  g_assert_true (run_until (is_done, &done, 3000));
  g_assert_error (done.error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID);
  g_assert_nonnull (strstr (done.error->message, "does not exist"));
  g_clear_error (&done.error);
  lc_gauge_bench_stop (bench);
}

typedef struct
{
  LcGaugeReading *reading;
  GError         *error;
  gboolean        done;
} ReadResult;

static void
test_read_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReadResult *read = user_data;

  read->reading = lc_gauge_bench_test_read_finish (LC_GAUGE_BENCH (source), result, &read->error);
  read->done = TRUE;
}

static gboolean
read_is_done (gpointer read)
{
  return ((ReadResult *) read)->done;
}

static void
test_test_read_shows_raw_registers_running_or_not (void)
{
  const char *args[] = { "--set", "holding:10=0xe979,0x42f6", NULL };
  g_autoptr(LcTestServer) server = lc_test_server_start_tcp (0, args);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = tcp_device (server, 50);
  LcGaugeRegister reg;

  add_channel (device, "Counter", LC_GAUGE_TABLE_HOLDING, COUNTER_ADDRESS, LC_GAUGE_DATA_UINT16);
  lc_gauge_bench_add_device (bench, device);
  lc_gauge_register_init (&reg);
  reg.address = 10;
  reg.type = LC_GAUGE_DATA_FLOAT32;
  reg.order = LC_GAUGE_ORDER_CDAB;

  for (guint pass = 0; pass < 2; pass++)
    {
      ReadResult read = { 0 };

      if (pass == 1)
        lc_gauge_bench_start (bench);   /* now through the device's worker */
      lc_gauge_bench_test_read_async (bench, device, &reg, NULL, test_read_done, &read);
      g_assert_true (run_until (read_is_done, &read, 3000));
      g_assert_no_error (read.error);
      g_assert_cmpuint (read.reading->n_words, ==, 2);
      g_assert_cmphex (read.reading->words[0], ==, 0xe979);
      g_assert_cmphex (read.reading->words[1], ==, 0x42f6);
      g_assert_cmpfloat (read.reading->value, ==, 123.456f);
      lc_gauge_reading_free (read.reading);
    }

  {
    ReadResult read = { 0 };

    reg.address = 5000;
    lc_gauge_bench_test_read_async (bench, device, &reg, NULL, test_read_done, &read);
    g_assert_true (run_until (read_is_done, &read, 3000));
    g_assert_error (read.error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_EXCEPTION);
    g_clear_error (&read.error);
  }
  lc_gauge_bench_stop (bench);
}

static void
write_line (int         fd,
            const char *text)
{
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
}

static gboolean
values_reach (gpointer values)
{
  return ((GArray *) values)->len >= 2;
}

static void
test_serial_ascii_lines_become_readings_and_garbage_is_refused (void)
{
  g_autoptr(LcTestPtyPair) pair = lc_test_pty_pair_new ();
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Height gauge", LC_GAUGE_KIND_SERIAL_ASCII);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_serial (LC_GAUGE_KIND_SERIAL_ASCII, pair->b);
  LcGaugeChannel *height = add_channel (device, "Height", LC_GAUGE_TABLE_HOLDING, 0,
                                        LC_GAUGE_DATA_FLOAT64);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *described = NULL;
  int fd = open (pair->a, O_RDWR | O_NOCTTY);

  g_assert_cmpint (fd, >=, 0);
  lc_gauge_channel_set_unit (height, "mm");
  lc_gauge_device_set_link (device, link);
  g_signal_connect (height, "reading", G_CALLBACK (collect_reading), values);
  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);
  run_for (200);

  write_line (fd, "+012.345 mm\r\n");
  g_assert_true (run_until (channel_is_live, height, 2000));
  g_assert_cmpfloat (lc_gauge_channel_get_value (height), ==, 12.345);
  g_assert_cmpstr (lc_gauge_channel_get_last_reading (height)->text, ==, "+012.345 mm");

  write_line (fd, "\x13\x7f garbage\r\n");
  g_assert_true (run_until (channel_is_error, height, 2000));
  g_assert_nonnull (strstr (lc_gauge_channel_get_last_error (height), "not a reading"));

  write_line (fd, "0.4861 in\r\n");
  run_for (200);
  g_assert_nonnull (strstr (lc_gauge_channel_get_last_error (height), "in in, but this channel measures in mm"));

  /* A reading split over two writes is still one reading. */
  write_line (fd, "+012.");
  run_for (100);
  write_line (fd, "346 mm\n");
  g_assert_true (run_until (values_reach, values, 2000));
  g_assert_cmpuint (values->len, ==, 2);   /* the two real readings, nothing else */
  g_assert_cmpfloat (g_array_index (values, double, 1), ==, 12.346);

  /* No more lines: the value goes stale and says how old it is. */
  g_assert_true (run_until (channel_is_stale, height, 3000));
  described = lc_gauge_channel_describe_state (height);
  g_assert_nonnull (strstr (described, "Stale: last value 1 second old"));

  close (fd);
  lc_gauge_bench_stop (bench);
  g_signal_handlers_disconnect_by_data (height, values);
}

static void
test_keyboard_channel_takes_the_next_typed_value (void)
{
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Caliper", LC_GAUGE_KIND_KEYBOARD);
  LcGaugeChannel *width = add_channel (device, "Width", LC_GAUGE_TABLE_HOLDING, 0,
                                       LC_GAUGE_DATA_FLOAT64);
  g_autoptr(GError) error = NULL;
  TakeResult take = { 0 };

  lc_gauge_channel_set_unit (width, "mm");
  lc_gauge_bench_add_device (bench, device);
  lc_gauge_bench_start (bench);
  g_assert_cmpint (lc_gauge_channel_get_state (width), ==, LC_GAUGE_STATE_WAITING);

  g_assert_true (lc_gauge_channel_push_text (width, "25.40", &error));
  g_assert_no_error (error);
  /* That value was for the part before: a take waits for the next one. */
  lc_gauge_channel_take_async (width, NULL, take_done, &take);
  run_for (100);
  g_assert_false (take.done);
  g_assert_false (lc_gauge_channel_push_text (width, "25.4 in", &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_WRONG_UNIT);
  g_clear_error (&error);
  g_assert_true (lc_gauge_channel_push_text (width, "25,43", &error));
  g_assert_true (run_until (take_is_done, &take, 1000));
  g_assert_no_error (take.error);
  g_assert_cmpfloat (take.reading->value, ==, 25.43);
  g_assert_cmpstr (take.reading->text, ==, "25,43");
  take_result_clear (&take);
  lc_gauge_bench_stop (bench);
}

static void
test_store_round_trip_every_kind (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = scratch_store_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeBench) loaded = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) rtu = lc_gauge_device_new ("Hub", LC_GAUGE_KIND_MODBUS_RTU);
  g_autoptr(LcGaugeDevice) sim = simulated_device ("Demo bore", 0.004, 500);
  g_autoptr(LcGaugeDevice) twin = lc_gauge_device_new ("Hub", LC_GAUGE_KIND_KEYBOARD);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_from_url (
    "modbus+rtu:///dev/ttyUSB3?baud=38400&parity=N&data=8&stop=2", NULL);
  LcGaugeChannel *torque = add_channel (rtu, "Torque", LC_GAUGE_TABLE_INPUT, 7,
                                        LC_GAUGE_DATA_FLOAT32);
  LcGaugeChannel *spare = add_channel (rtu, "Spare", LC_GAUGE_TABLE_HOLDING, 1, LC_GAUGE_DATA_INT16);
  LcGaugeRegister reg = *lc_gauge_channel_get_register (torque);
  LcGaugeDevice *hub;
  LcGaugeChannel *back;
  const LcGaugeRegister *back_reg;

  g_assert_no_error (error);
  reg.order = LC_GAUGE_ORDER_DCBA;
  reg.scale = 0.01;
  reg.offset = -2;
  lc_gauge_channel_set_register (torque, &reg);
  lc_gauge_channel_set_unit (torque, "N·m");
  lc_gauge_channel_set_decimals (torque, 2);
  lc_gauge_channel_set_stable (torque, 0.05, 400);
  lc_gauge_device_set_link (rtu, link);
  json_object_set_int_member (lc_gauge_device_get_settings (rtu), "unit", 17);

  g_assert_true (lc_gauge_bench_save_device (bench, store, rtu, &error));
  g_assert_no_error (error);
  g_assert_true (lc_gauge_bench_save_device (bench, store, sim, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lc_gauge_device_get_id (rtu), >, 0);
  g_assert_cmpint (lc_gauge_channel_get_id (torque), >, 0);
  g_assert_cmpint (lc_gauge_channel_get_device_id (torque), ==, lc_gauge_device_get_id (rtu));

  /* A second device with the same name is refused in words, and gets no id. */
  g_assert_false (lc_gauge_bench_save_device (bench, store, twin, &error));
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already a device named “Hub”"));
  g_assert_cmpint (lc_gauge_device_get_id (twin), ==, 0);
  g_clear_error (&error);

  /* A channel removed from the device is removed from the store. */
  lc_gauge_device_remove_channel (rtu, spare);
  g_assert_true (lc_gauge_bench_save_device (bench, store, rtu, &error));
  g_assert_no_error (error);

  g_assert_true (lc_gauge_bench_load (loaded, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (lc_gauge_bench_get_devices (loaded)), ==, 2);
  back = lc_gauge_bench_find_channel (loaded, lc_gauge_channel_get_id (torque));
  g_assert_nonnull (back);
  hub = lc_gauge_bench_find_device (loaded, back);
  g_assert_cmpstr (lc_gauge_device_get_name (hub), ==, "Hub");
  g_assert_cmpint (lc_gauge_device_get_kind (hub), ==, LC_GAUGE_KIND_MODBUS_RTU);
  g_assert_cmpuint (lc_gauge_device_get_unit (hub), ==, 17);
  {
    g_autoptr(LcGaugeLink) hub_link = lc_gauge_device_dup_link (hub, &error);
    g_assert_no_error (error);
    g_assert_true (lc_gauge_link_same_line (hub_link, link));
  }
  g_assert_cmpuint (g_list_model_get_n_items (lc_gauge_device_get_channels (hub)), ==, 1);
  back_reg = lc_gauge_channel_get_register (back);
  g_assert_cmpint (back_reg->table, ==, LC_GAUGE_TABLE_INPUT);
  g_assert_cmpuint (back_reg->address, ==, 7);
  g_assert_cmpint (back_reg->type, ==, LC_GAUGE_DATA_FLOAT32);
  g_assert_cmpint (back_reg->order, ==, LC_GAUGE_ORDER_DCBA);
  g_assert_cmpfloat (back_reg->scale, ==, 0.01);
  g_assert_cmpfloat (back_reg->offset, ==, -2);
  g_assert_cmpstr (lc_gauge_channel_get_unit (back), ==, "N·m");
  g_assert_cmpint (lc_gauge_channel_get_decimals (back), ==, 2);
  g_assert_cmpfloat (lc_gauge_channel_get_stable_tolerance (back), ==, 0.05);
  g_assert_cmpuint (lc_gauge_channel_get_stable_time_ms (back), ==, 400);

  g_assert_true (lc_gauge_bench_delete_device (loaded, store, hub, &error));
  g_assert_no_error (error);
  g_assert_true (lc_gauge_bench_load (loaded, store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (lc_gauge_bench_get_devices (loaded)), ==, 1);

  g_clear_object (&store);
  remove_scratch_store (dir);
}

static void
test_bench_of_store_is_loaded_started_and_shared (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = scratch_store_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);
  g_autoptr(LcGaugeBench) writer = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) sim = simulated_device ("Demo bore", 0.004, 50);
  LcGaugeBench *bench;
  LcGaugeDevice *loaded;
  LcGaugeChannel *channel;

  g_assert_no_error (error);
  g_assert_true (lc_gauge_bench_save_device (writer, store, sim, &error));
  g_assert_no_error (error);

  bench = lc_gauge_bench_get_for_store (store);
  g_assert_true (lc_gauge_bench_get_for_store (store) == bench);
  g_assert_null (lc_gauge_bench_get_load_error (bench));
  g_assert_true (lc_gauge_bench_is_running (bench));
  g_assert_cmpuint (g_list_model_get_n_items (lc_gauge_bench_get_devices (bench)), ==, 1);
  loaded = g_list_model_get_item (lc_gauge_bench_get_devices (bench), 0);
  g_object_unref (loaded);
  channel = g_list_model_get_item (lc_gauge_device_get_channels (loaded), 0);
  g_object_unref (channel);
  g_assert_true (run_until (channel_is_live, channel, 5000));
}

static void
test_invalid_settings_are_refused_in_words (void)
{
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Pedal box", LC_GAUGE_KIND_MODBUS_TCP);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_tcp ("127.0.0.1", 502);
  LcGaugeChannel *pedal = add_channel (device, "Pedal", LC_GAUGE_TABLE_HOLDING, 3,
                                       LC_GAUGE_DATA_FLOAT32);
  g_autoptr(GError) error = NULL;
  LcGaugeRegister reg = *lc_gauge_channel_get_register (pedal);

  g_assert_false (lc_gauge_device_validate (device, &error));   /* no link yet */
  g_assert_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID);
  g_clear_error (&error);
  lc_gauge_device_set_link (device, link);
  lc_gauge_channel_set_role (pedal, LC_GAUGE_ROLE_TRIGGER);
  g_assert_false (lc_gauge_device_validate (device, &error));
  g_assert_nonnull (strstr (error->message, "foot pedal"));
  g_clear_error (&error);

  reg.table = LC_GAUGE_TABLE_COIL;
  lc_gauge_channel_set_register (pedal, &reg);
  g_assert_false (lc_gauge_device_validate (device, &error));
  g_assert_nonnull (strstr (error->message, "bool"));
  g_clear_error (&error);

  reg.type = LC_GAUGE_DATA_BOOL;
  lc_gauge_channel_set_register (pedal, &reg);
  g_assert_true (lc_gauge_device_validate (device, &error));
  add_channel (device, "Pedal", LC_GAUGE_TABLE_COIL, 4, LC_GAUGE_DATA_BOOL);
  g_assert_false (lc_gauge_device_validate (device, &error));
  g_assert_nonnull (strstr (error->message, "two channels named"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gauge/bench/modbus-values-reach-the-main-loop-in-order",
                   test_modbus_values_reach_the_main_loop_in_order);
  g_test_add_func ("/gauge/bench/server-killed-error-in-words-then-recovers-within-2s",
                   test_server_killed_error_in_words_then_recovers_within_2s);
  g_test_add_func ("/gauge/bench/exception-on-one-channel-leaves-others-live",
                   test_exception_on_one_channel_leaves_others_live);
  g_test_add_func ("/gauge/bench/silent-device-times-out-in-words",
                   test_silent_device_times_out_in_words);
  g_test_add_func ("/gauge/bench/take-returns-live-value-or-says-why-not",
                   test_take_returns_live_value_or_says_why_not);
  g_test_add_func ("/gauge/bench/take-stable-waits-until-settled-or-says-it-moves",
                   test_take_stable_waits_until_settled_or_says_it_moves);
  g_test_add_func ("/gauge/bench/foot-pedal-rising-edge-triggers-once",
                   test_foot_pedal_rising_edge_triggers_once);
  g_test_add_func ("/gauge/bench/verdict-outputs-write-coil-and-register",
                   test_verdict_outputs_write_coil_and_register);
  g_test_add_func ("/gauge/bench/test-read-shows-raw-registers-running-or-not",
                   test_test_read_shows_raw_registers_running_or_not);
  g_test_add_func ("/gauge/bench/serial-ascii-lines-become-readings-and-garbage-is-refused",
                   test_serial_ascii_lines_become_readings_and_garbage_is_refused);
  g_test_add_func ("/gauge/bench/keyboard-channel-takes-the-next-typed-value",
                   test_keyboard_channel_takes_the_next_typed_value);
  g_test_add_func ("/gauge/bench/store-round-trip-every-kind", test_store_round_trip_every_kind);
  g_test_add_func ("/gauge/bench/bench-of-store-is-loaded-started-and-shared",
                   test_bench_of_store_is_loaded_started_and_shared);
  g_test_add_func ("/gauge/bench/invalid-settings-are-refused-in-words",
                   test_invalid_settings_are_refused_in_words);

  return g_test_run ();
}
