/* Time from launching `linecheck --demo` to its first drawn frame, and the app's peak memory.
 * Run under a display (bench/run-all uses xvfb-run). Targets: <= 1 s, <= 200 MB on 2 cores.
 *
 *   bench/app/lc-bench-startup BUILD_DIR [RUNS]
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>

typedef struct
{
  double seconds;
  double peak_mb;
} Launch;

static gboolean
launch (const char *app,
        const char *data_home,
        const char *renderer,
        Launch     *result)
{
  const char *argv[] = { app, "--demo", "--page", "inspect", NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int out_fd;
  char buffer[256];
  gint64 start;
  ssize_t n;
  struct rusage usage;
  int status;
  g_autoptr(GString) seen = g_string_new (NULL);

  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "LINECHECK_BENCH_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                 NULL, &out_fd, NULL, &error))
    {
      g_printerr ("cannot start %s: %s\n", app, error->message);
      return FALSE;
    }
  while ((n = read (out_fd, buffer, sizeof buffer - 1)) > 0)
    {
      buffer[n] = '\0';
      g_string_append (seen, buffer);
      if (strstr (seen->str, "first-frame") != NULL)
        break;
    }
  result->seconds = (g_get_monotonic_time () - start) / 1e6;
  close (out_fd);
  if (wait4 (pid, &status, 0, &usage) < 0 || strstr (seen->str, "first-frame") == NULL)
    {
      g_printerr ("the app ended without drawing a frame\n");
      return FALSE;
    }
  /* ru_maxrss is in kilobytes on Linux. */
  result->peak_mb = usage.ru_maxrss / 1024.0;
  return TRUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *app = NULL;
  g_autofree char *data_home = NULL;
  int runs = argc > 2 ? atoi (argv[2]) : 10;
  g_autofree double *seconds = NULL;
  double peak = 0;
  Launch first, each;
  static const char * const renderers[] = { "gl", "cairo" };

  if (argc < 2 || (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL))
    {
      g_printerr ("usage: %s BUILD_DIR [RUNS]   (needs a display: run it under xvfb-run)\n", argv[0]);
      return 2;
    }
  app = g_build_filename (argv[1], "src", "app", "linecheck", NULL);
  data_home = g_dir_make_tmp ("lc-bench-startup-XXXXXX", NULL);
  {
    g_autofree char *schemas = g_build_filename (argv[1], "data", NULL);
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  }
  seconds = g_new0 (double, runs);

  if (!launch (app, data_home, "gl", &first))
    return 1;
  printf ("first start (creates the demo database): %.3f s, peak %.0f MB\n", first.seconds, first.peak_mb);

  /* A bench PC has no GPU: GTK's GL renderer then runs on Mesa's llvmpipe; the Cairo renderer
   * draws on the CPU directly. Both are measured. */
  for (guint r = 0; r < G_N_ELEMENTS (renderers); r++)
    {
      peak = 0;
      for (int i = 0; i < runs; i++)
        {
          if (!launch (app, data_home, renderers[r], &each))
            return 1;
          seconds[i] = each.seconds;
          peak = MAX (peak, each.peak_mb);
        }
      qsort (seconds, runs, sizeof (double), compare_doubles);
      printf ("GSK_RENDERER=%s: launch to first frame, %d runs: median %.3f s, min %.3f s, max %.3f s;"
              " peak memory %.0f MB\n", renderers[r], runs, seconds[runs / 2], seconds[0], seconds[runs - 1], peak);
    }
  printf ("targets: <= 1 s and <= 200 MB on 2 cores\n");
  return 0;
}
