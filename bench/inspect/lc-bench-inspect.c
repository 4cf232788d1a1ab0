#include "lc-config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "lc-demo.h"
#include "lc-inspect-session.h"
#include "lc-operator.h"

/* Demo creation, changeover and inspect-to-suggested-verdict times of LcInspectSession on the demo
 * database (with its trained, active vision models, loaded at changeover and run on each
 * picture) with its simulated gauge (stable readings: 100 ms window, 50 ms polling) and
 * simulated camera (software trigger: one part laid down, rendered, encoded as PNG and
 * synced per inspection). Targets (issue 5): changeover < 1 s, inspect to suggested
 * verdict < 300 ms on 2 cores. Usage: lc-bench-inspect [BUILD_DIR] [ROUNDS] */

static int
compare (const void *a,
         const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times)
{
  gint64 *t = (gint64 *) times->data;

  qsort (t, times->len, sizeof (gint64), compare);
  g_print ("%-34s n=%-3u median %7.1f ms   p90 %7.1f ms   max %7.1f ms\n", what, times->len,
           t[times->len / 2] / 1000.0, t[(times->len * 9) / 10] / 1000.0, t[times->len - 1] / 1000.0);
}

/* CPU time of this process, µs: on a shared machine the wall clock says more about the
 * neighbours than about the work. */
static gint64
cpu_time (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const codes[] = { LC_DEMO_BUSHING, LC_DEMO_BRACKET, LC_DEMO_CAP };
  g_autofree char *dir = g_dir_make_tmp ("lc-bench-inspect-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "linecheck.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = NULL;
  g_autoptr(LcGaugeBench) bench = NULL;
  g_autoptr(LcInspectSession) session = NULL;
  g_autoptr(GArray) changeover = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) inspect = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ready = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) record = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 10;
  guint with_model = 0, model_fails = 0;
  gint64 created, training, training_cpu;

  /* A new demo: its history, pictures and the training of its vision models. */
  created = g_get_monotonic_time ();
  store = lc_demo_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  created = g_get_monotonic_time () - created;
  /* The models' share of that: the same again on a second demo, seeded first. */
  {
    g_autofree char *other_path = g_build_filename (dir, "models.db", NULL);
    g_autoptr(LcStore) other = lc_store_open (other_path, &error);

    g_autoptr(LcOperator) admin = NULL;

    if (other == NULL || !lc_demo_seed (other, lc_store_now (), &error))
      g_error ("%s", error->message);
    /* Activating a model is a QC lead's or an admin's decision: the demo's admin does it. */
    admin = lc_operator_log_in (other, "Admin", "9999", &error);
    if (admin == NULL)
      g_error ("%s", error->message);
    training = g_get_monotonic_time ();
    training_cpu = cpu_time ();
    if (!lc_demo_add_models (other, &error))
      g_error ("%s", error->message);
    training = g_get_monotonic_time () - training;
    training_cpu = cpu_time () - training_cpu;
  }
  bench = lc_gauge_bench_new ();
  if (!lc_gauge_bench_load (bench, store, &error))
    g_error ("%s", error->message);
  lc_gauge_bench_start (bench);
  session = lc_inspect_session_new (store, bench, NULL);
  lc_inspect_session_set_station (session, "bench");
  /* Let the gauges come up before anything is timed. */
  for (gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);

  for (guint round = 0; round < rounds; round++)
    for (guint p = 0; p < G_N_ELEMENTS (codes); p++)
      {
        g_autoptr(LcPartType) part = NULL;
        LcCamera *camera = lc_inspect_session_get_camera (session);
        guint64 frames = camera != NULL ? lc_camera_get_frame_count (camera) : 0;
        gint64 start;

        /* Changeover as the page does it: load the part type, then the session. */
        start = g_get_monotonic_time ();
        part = lc_part_type_load_by_code (store, codes[p], &error);
        if (part == NULL || !lc_inspect_session_change_part_type (session, part, TRUE, &error) ||
            !lc_inspect_session_open_lot (session, NULL, &error))
          g_error ("%s", error->message);
        g_array_append_val (changeover, (gint64) { g_get_monotonic_time () - start });
        /* Until the camera has delivered its first picture with the new part's settings. */
        camera = lc_inspect_session_get_camera (session);
        while (camera != NULL && lc_camera_get_frame_count (camera) <= frames &&
               g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
          g_main_context_iteration (NULL, FALSE), g_usleep (1000);
        g_array_append_val (ready, (gint64) { g_get_monotonic_time () - start });

        for (guint k = 0; k < 2; k++)
          {
            g_autoptr(GAsyncResult) result = NULL;
            g_autoptr(LcDefectClass) defect = g_list_model_get_item (lc_part_type_get_defect_classes (part), 0);

            start = g_get_monotonic_time ();
            lc_inspect_session_inspect_async (session, NULL, on_done, &result);
            while (result == NULL)
              g_main_context_iteration (NULL, TRUE);
            if (!lc_inspect_session_inspect_finish (session, result, &error))
              g_error ("%s", error->message);
            g_array_append_val (inspect, (gint64) { g_get_monotonic_time () - start });
            if (lc_inspect_session_get_suggestion (session)->model_id != 0 &&
                !isnan (lc_inspect_session_get_suggestion (session)->confidence))
              {
                with_model++;
                model_fails += lc_inspect_session_get_suggestion (session)->defect_class_id != 0;
              }
            start = g_get_monotonic_time ();
            if (!lc_inspect_session_confirm (session, LC_VERDICT_FAIL, lc_defect_class_get_id (defect), &error))
              g_error ("%s", error->message);
            g_array_append_val (record, (gint64) { g_get_monotonic_time () - start });
          }
      }

  g_print ("Inspect session on the demo (simulated gauge and camera), %u rounds over %u part types\n", rounds,
           (guint) G_N_ELEMENTS (codes));
  g_print ("demo creation (history, pictures, vision models): %.1f s, of which training the models %.1f s"
           " (%.1f s of CPU)\n", created / 1e6, training / 1e6, training_cpu / 1e6);
  g_print ("the model ran on %u of %u inspections and named a defect on %u\n", with_model, inspect->len,
           model_fails);
  report ("changeover (load + models + lot)", changeover);
  report ("changeover until the camera is ready", ready);
  report ("inspect to suggested verdict", inspect);
  report ("confirm (picture file, then record)", record);
  lc_gauge_bench_stop (bench);
  g_clear_object (&session);
  g_clear_object (&store);
  return 0;
}
