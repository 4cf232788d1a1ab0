/* Gauge figures on this machine, against lc-test-modbus-server on loopback TCP:
 *   1. reads per second and latency percentiles of one float32 read, back to back;
 *   2. CPU used by Linecheck's side while the bench polls 8 channels at 10 Hz.
 * Prints figures; asserts nothing about them. Run: ninja -C _build && _build/bench/devices/lc-bench-gauge */

#include "lc-config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "lc-gauge-bench.h"
#include "lc-gauge-modbus.h"
#include "lc-test-peers.h"

#define READ_SECONDS 3
#define POLL_SECONDS 10

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) MIN ((double) sorted->len - 1, p / 100.0 * sorted->len);
  return g_array_index (sorted, gint64, i) / 1000.0;
}

static gint64
cpu_time_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
bench_reads (LcTestServer *server)
{
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_tcp ("127.0.0.1", server->port);
  g_autoptr(LcGaugeModbus) modbus = lc_gauge_modbus_new (link);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start = g_get_monotonic_time (), end = start + READ_SECONDS * G_USEC_PER_SEC;
  guint failures = 0;
  LcGaugeRegister reg;

  lc_gauge_register_init (&reg);
  reg.address = 10;
  reg.type = LC_GAUGE_DATA_FLOAT32;

  /* Bounded in time and in count. */
  while (g_get_monotonic_time () < end && latencies->len < 500000)
    {
      guint16 words[LC_GAUGE_MAX_WORDS];
      double value;
      gint64 t0 = g_get_monotonic_time ();
      gint64 dt;

      if (!lc_gauge_modbus_read (modbus, 1, 1000, &reg, words, &value, NULL))
        {
          failures++;
          continue;
        }
      dt = g_get_monotonic_time () - t0;
      g_array_append_val (latencies, dt);
    }
  g_array_sort (latencies, compare_gint64);

  g_print ("Loopback TCP, one float32 holding read at a time, %d s:\n", READ_SECONDS);
  g_print ("  reads per second   %.0f\n",
           latencies->len / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC));
  g_print ("  latency ms         p50 %.3f  p90 %.3f  p99 %.3f  max %.3f\n",
           percentile (latencies, 50), percentile (latencies, 90), percentile (latencies, 99),
           percentile (latencies, 100));
  g_print ("  failed reads       %u\n", failures);
}

static void
count_reading (LcGaugeChannel *channel,
               LcGaugeReading *reading,
               guint          *count)
{
  (*count)++;
}

static gboolean
quit_cb (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static void
bench_polling (LcTestServer *server)
{
  g_autoptr(LcGaugeBench) bench = lc_gauge_bench_new ();
  g_autoptr(LcGaugeDevice) device = lc_gauge_device_new ("Hub", LC_GAUGE_KIND_MODBUS_TCP);
  g_autoptr(LcGaugeLink) link = lc_gauge_link_new_tcp ("127.0.0.1", server->port);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint readings = 0;
  gint64 cpu0, wall0, cpu, wall;

  lc_gauge_device_set_link (device, link);
  json_object_set_int_member (lc_gauge_device_get_settings (device), "poll_ms", 100);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("Channel %u", i + 1);
      g_autoptr(LcGaugeChannel) channel = lc_gauge_channel_new (name);
      LcGaugeRegister reg;

      lc_gauge_register_init (&reg);
      reg.address = 10 + 2 * i;
      reg.type = LC_GAUGE_DATA_FLOAT32;
      lc_gauge_channel_set_register (channel, &reg);
      g_signal_connect (channel, "reading", G_CALLBACK (count_reading), &readings);
      lc_gauge_device_add_channel (device, channel);
    }
  lc_gauge_bench_add_device (bench, device);

  cpu0 = cpu_time_us ();
  wall0 = g_get_monotonic_time ();
  lc_gauge_bench_start (bench);
  g_timeout_add_seconds (POLL_SECONDS, quit_cb, loop);
  g_main_loop_run (loop);
  lc_gauge_bench_stop (bench);
  cpu = cpu_time_us () - cpu0;
  wall = g_get_monotonic_time () - wall0;

  g_print ("Bench polling 8 float32 channels at 10 Hz on loopback TCP, %d s:\n", POLL_SECONDS);
  g_print ("  readings delivered %u (expected about %d)\n", readings, 8 * 10 * POLL_SECONDS);
  g_print ("  CPU (worker + main loop) %.2f %% of one core (%.0f ms in %.1f s)\n",
           100.0 * cpu / wall, cpu / 1000.0, wall / (double) G_USEC_PER_SEC);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcTestServer) server = NULL;
  GString *set = g_string_new ("holding:10=");

  if (g_getenv ("LC_BUILD_ROOT") == NULL)
    g_setenv ("LC_BUILD_ROOT", LC_BUILD_ROOT, TRUE);
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (set, "%s0x%04x", i > 0 ? "," : "", i % 2 == 0 ? 0x42f6 : 0xe979);
  {
    const char *args[] = { "--set", set->str, NULL };
    server = lc_test_server_start_tcp (0, args);
  }
  g_string_free (set, TRUE);

  bench_reads (server);
  bench_polling (server);
  return EXIT_SUCCESS;
}
