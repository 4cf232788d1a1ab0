#define _GNU_SOURCE  /* RUSAGE_THREAD */
#include "lc-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include "lc-camera-sim.h"
#include "lc-live-view.h"

/* Frames per second and capture-to-screen latency of the live view at 1280×1024, for
 * Aravis's fake GenICam camera and the simulated camera, with and without an overlay
 * (heat map, boxes and a region of interest), with the process's CPU use and how late the
 * main loop answers a 10 ms timer meanwhile (the UI's responsiveness).
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" _build/bench/devices/lc-bench-camera [SECONDS] [RATE]
 *
 * Latency runs from the frame's arrival at this computer (after the camera driver handed
 * it over) to the end of the paint that drew it. Under Xvfb GTK draws with Cairo on the
 * CPU, the worst case for a station without a GPU. */

typedef struct
{
  GArray  *latencies;       /* gint64 µs */
  GArray  *lateness;        /* gint64 µs, of the 10 ms timer */
  gint64   next_tick;
  gboolean running;
} Run;

static void
frame_shown_cb (LcLiveView *view,
                LcFrame    *frame,
                gint64      latency,
                Run        *run)
{
  if (run->running)
    g_array_append_val (run->latencies, latency);
}

static gboolean
tick_cb (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = MAX (now - run->next_tick, 0);

  if (run->running)
    g_array_append_val (run->lateness, late);
  run->next_tick = now + 10000;
  return G_SOURCE_CONTINUE;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_int64);
  return g_array_index (values, gint64, MIN ((guint) (p * values->len), values->len - 1)) / 1000.0;
}

static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* CPU seconds of the threads that make frames rather than show them: the acquisition
 * thread ("lc-cam …") and the camera's own simulator (Aravis's "arv_fake_stream"). Their
 * share depends on the source, not on the live view. */
static double
camera_cpu_seconds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  long ticks = sysconf (_SC_CLK_TCK);
  double total = 0;
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *stat_path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      const char *after;
      unsigned long utime = 0, stime = 0;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !(g_str_has_prefix (comm, "lc-cam") || g_str_has_prefix (comm, "arv_fake")) ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL) ||
          (after = strrchr (stat, ')')) == NULL)
        continue;
      /* Fields 14 and 15 (utime, stime), counted after the command in parentheses. */
      if (sscanf (after + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
                  &utime, &stime) == 2)
        total += (double) (utime + stime) / ticks;
    }
  return total;
}

/* The machine is shared: every row says how busy it was (1-minute load average). */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return NAN;
  return g_ascii_strtod (text, NULL);
}

static gboolean
wake_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_for (double seconds)
{
  gboolean done = FALSE;

  /* A timer of its own, so the loop wakes up even when nothing else happens. */
  g_timeout_add ((guint) (seconds * 1000), wake_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
add_overlay (LcLiveView *view)
{
  g_autofree float *scores = g_new (float, 80 * 64);
  GdkRGBA red = { 0.88, 0.11, 0.14, 1 };
  GdkRGBA amber = { 0.96, 0.76, 0.07, 1 };

  /* A heat map as the anomaly model gives it: one score per 16×16 patch. */
  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 80; x++)
      scores[y * 80 + x] = (float) exp (-((x - 50) * (x - 50) + (y - 30) * (y - 30)) / 40.0);
  lc_live_view_set_heat_map (view, scores, 80, 64, 0.1f, 1.0f);
  lc_live_view_add_box (view, 740, 420, 120, 80, "Scratch 0.93", &red);
  lc_live_view_add_box (view, 300, 600, 60, 60, "Spot 0.71", &amber);
  lc_live_view_set_roi (view, 160, 128, 960, 768);
}

static gboolean renderer_printed;

static void
measure (const char *uri,
         gboolean    overlay,
         double      seconds,
         double      rate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCamera) camera = lc_camera_new_for_uri (uri, &error);
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  GtkWidget *window = gtk_window_new ();
  LcLiveView *view = LC_LIVE_VIEW (lc_live_view_new ());
  Run run = { g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (gint64)), 0, FALSE };
  guint64 received0, shown0, camera0, shown;
  double cpu0, main_cpu0, camera_cpu0, wall, cpu, main_cpu, camera_cpu, load;
  LcFrame *last;
  gint64 start;
  guint tick;

  g_assert_no_error (error);
  settings->frame_rate = rate;
  settings->roi_width = 1280;
  settings->roi_height = 1024;
  lc_camera_set_settings (camera, settings);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 1024);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lc_live_view_set_camera (view, camera);
  g_signal_connect (view, "frame-shown", G_CALLBACK (frame_shown_cb), &run);
  if (overlay)
    add_overlay (view);
  tick = g_timeout_add (10, tick_cb, &run);
  run.next_tick = g_get_monotonic_time () + 10000;

  lc_camera_start (camera);
  iterate_for (2.0);   /* warm up: the camera opens, the first textures are made */
  if (!renderer_printed)
    {
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

      /* GSK_RENDERER=gl|cairo picks it; under Xvfb "gl" is Mesa's llvmpipe on the CPU. */
      g_print ("renderer: %s\n", G_OBJECT_TYPE_NAME (renderer));
      renderer_printed = TRUE;
    }
  if (lc_camera_get_state (camera) != LC_CAMERA_STATE_STREAMING)
    {
      g_printerr ("%s: %s\n", uri, lc_camera_get_status (camera));
      exit (1);
    }

  received0 = lc_live_view_get_frames_received (view);
  shown0 = lc_live_view_get_frames_shown (view);
  camera0 = lc_camera_get_frame_count (camera);
  cpu0 = cpu_seconds (RUSAGE_SELF);
  main_cpu0 = cpu_seconds (RUSAGE_THREAD);
  camera_cpu0 = camera_cpu_seconds ();
  start = g_get_monotonic_time ();
  run.running = TRUE;
  iterate_for (seconds);
  run.running = FALSE;
  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds (RUSAGE_SELF) - cpu0;
  main_cpu = cpu_seconds (RUSAGE_THREAD) - main_cpu0;
  camera_cpu = camera_cpu_seconds () - camera_cpu0;
  load = load_average ();
  last = lc_live_view_get_frame (view);

  shown = lc_live_view_get_frames_shown (view) - shown0;
  g_print ("%-16s %4dx%-4d %-7s %5.1f %5.1f %5.1f   %6.1f %6.1f %6.1f   %5.0f%% %6.1f %6.1f"
           " %6.1f   %6.1f %6.1f  %5.1f\n",
           uri, last != NULL ? lc_frame_get_width (last) : 0,
           last != NULL ? lc_frame_get_height (last) : 0, overlay ? "yes" : "no",
           (lc_camera_get_frame_count (camera) - camera0) / wall,
           (lc_live_view_get_frames_received (view) - received0) / wall,
           shown / wall,
           percentile (run.latencies, 0.5), percentile (run.latencies, 0.95),
           percentile (run.latencies, 1.0),
           100 * cpu / wall, shown > 0 ? 1000 * cpu / shown : NAN,
           shown > 0 ? 1000 * main_cpu / shown : NAN,
           shown > 0 ? 1000 * (cpu - camera_cpu) / shown : NAN,
           percentile (run.lateness, 0.95), percentile (run.lateness, 1.0), load);

  g_source_remove (tick);
  lc_camera_stop (camera);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (0.2);
  g_array_unref (run.latencies);
  g_array_unref (run.lateness);
}

int
main (int    argc,
      char **argv)
{
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 10;
  double rate = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 30;
  const char *sources[] = { "aravis:Fake_1", "sim:BSH-2040" };

  g_setenv ("LC_CAMERA_FAKE", "1", TRUE);
  gtk_init ();

  g_print ("Live view at 1280x1024, camera asked for %.0f fps, %.0f s per row, %u cores\n",
           rate, seconds, g_get_num_processors ());
  g_print ("%-16s %-9s %-7s %5s %5s %5s   %6s %6s %6s   %6s %6s %6s %6s   %6s %6s  %5s\n",
           "source", "size", "overlay", "cam", "recv", "shown", "p50ms", "p95ms", "maxms", "CPU",
           "ms/frm", "main", "view", "p95late", "maxlate", "load");
  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    for (int overlay = 0; overlay < 2; overlay++)
      measure (sources[s], overlay, seconds, rate);
  g_print ("cam: frames/s the camera delivered; recv: handed to the view; shown: reached the\n"
           "screen; latency from arrival to the end of the paint; CPU in %% of one core for\n"
           "the whole process (camera thread, conversion, drawing); ms/frm: CPU time per\n"
           "frame shown, which a loaded machine does not change; main: the main thread's\n"
           "share of it; view: all but the camera's threads (acquisition, Aravis's simulator),\n"
           "i.e. what showing one frame costs; late: how late a 10 ms\n"
           "main-loop timer fired, i.e. how long the UI could not answer; load: 1-minute\n"
           "load average of the machine at the end of the row.\n");
  return 0;
}
