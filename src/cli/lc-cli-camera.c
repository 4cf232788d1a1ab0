#include "lc-config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "lc-cli.h"
#include "lc-camera.h"
#include "lc-camera-capture.h"
#include "lc-camera-info.h"

static int
camera_list (int    argc,
             char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cameras = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output as text (default) or json"), "FORMAT" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Lists the cameras this computer can reach: GenICam "
                                           "cameras (Aravis), V4L2 webcams and the simulated camera. "
                                           "LC_CAMERA_FAKE=1 adds Aravis's test camera."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("camera list", "%s", error->message);
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return lc_cli_usage_error ("camera list", _("unknown format “%s” (use text or json)"), format);

  cameras = lc_camera_discover ();
  if (g_strcmp0 (format, "json") == 0)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < cameras->len; i++)
        json_array_add_element (array, lc_camera_info_to_json (g_ptr_array_index (cameras, i)));
      json_node_take_array (root, array);
      lc_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < cameras->len; i++)
    {
      LcCameraInfo *info = g_ptr_array_index (cameras, i);

      g_print ("%-28s %s%s%s\n", info->uri, info->name,
               info->detail != NULL && *info->detail != '\0' ? "  — " : "",
               info->detail != NULL ? info->detail : "");
    }
  return 0;
}

typedef struct
{
  GMainLoop    *loop;
  LcCamera     *camera;
  GCancellable *cancellable;
  const char   *out;
  int           count;
  int           done;
  gboolean      timed_out;
  GError       *error;
} GrabRun;

static char *
output_path (const char *out,
             int         index,
             int         count)
{
  const char *dot;

  if (count == 1)
    return g_strdup (out);
  /* Several pictures: out.png becomes out-001.png, out-002.png, … */
  dot = strrchr (out, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return g_strdup_printf ("%s-%03d", out, index);
  return g_strdup_printf ("%.*s-%03d%s", (int) (dot - out), out, index, dot);
}

static void grab_next (GrabRun *run);

static void
grabbed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GrabRun *run = user_data;
  g_autoptr(LcFrame) frame = NULL;
  g_autofree char *path = NULL;

  frame = lc_camera_grab_finish (LC_CAMERA (source), result, &run->error);
  if (frame == NULL)
    {
      if (run->timed_out)
        {
          g_clear_error (&run->error);
          g_set_error (&run->error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_TIMEOUT,
                       _("No picture came from %s in time. %s"), lc_camera_get_uri (run->camera),
                       lc_camera_get_status (run->camera));
        }
      g_main_loop_quit (run->loop);
      return;
    }

  path = output_path (run->out, run->done + 1, run->count);
  if (!lc_camera_capture_write_png (frame, path, &run->error))
    {
      g_main_loop_quit (run->loop);
      return;
    }
  g_print (_("%s: %d × %d, %s\n"), path, lc_frame_get_width (frame), lc_frame_get_height (frame),
           lc_frame_format_to_string (lc_frame_get_format (frame)));
  if (++run->done >= run->count)
    g_main_loop_quit (run->loop);
  else
    grab_next (run);
}

static void
grab_next (GrabRun *run)
{
  lc_camera_grab_async (run->camera, run->cancellable, grabbed_cb, run);
}

static void
problem_cb (LcCamera   *camera,
            const char *message,
            gpointer    user_data)
{
  g_printerr ("linecheck-cli: %s\n", message);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GrabRun *run = user_data;

  run->timed_out = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_roi (const char       *text,
           LcCameraSettings *settings)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  int v[4];

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      gint64 n;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 0, 65535, &n, NULL))
        return FALSE;
      v[i] = (int) n;
    }
  if (v[2] == 0 || v[3] == 0)
    return FALSE;
  settings->roi_x = v[0];
  settings->roi_y = v[1];
  settings->roi_width = v[2];
  settings->roi_height = v[3];
  return TRUE;
}

static int
camera_grab (int    argc,
             char **argv)
{
  g_autofree char *source = NULL;
  g_autofree char *out = NULL;
  g_autofree char *settings_json = NULL;
  g_autofree char *pixel_format = NULL;
  g_autofree char *roi = NULL;
  g_autofree char *trigger = NULL;
  double exposure = NAN, gain = NAN, frame_rate = NAN;
  int count = 1, timeout = 10;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCameraSettings) settings = NULL;
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  GrabRun run = { 0 };
  guint timeout_id;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("The camera: aravis:DEVICE-ID, v4l2:/dev/videoN, folder:PATH or sim:PART-CODE"), "URI" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
      N_("Write the picture as PNG here (with --count, FILE-001.png, FILE-002.png, …)"), "FILE" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("How many pictures (1)"), "N" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Give up after this many seconds (10)"), "S" },
    { "settings", 0, 0, G_OPTION_ARG_STRING, &settings_json, N_("Camera settings as JSON"), "JSON" },
    { "pixel-format", 0, 0, G_OPTION_ARG_STRING, &pixel_format, N_("Pixel format, e.g. Mono8, BayerRG8, RGB8"), "FORMAT" },
    { "exposure", 0, 0, G_OPTION_ARG_DOUBLE, &exposure, N_("Exposure time in microseconds"), "US" },
    { "gain", 0, 0, G_OPTION_ARG_DOUBLE, &gain, N_("Gain in dB"), "DB" },
    { "frame-rate", 0, 0, G_OPTION_ARG_DOUBLE, &frame_rate, N_("Frames per second"), "FPS" },
    { "roi", 0, 0, G_OPTION_ARG_STRING, &roi, N_("Region of interest"), "X,Y,W,H" },
    { "trigger", 0, 0, G_OPTION_ARG_STRING, &trigger, N_("free-run, software or hardware"), "MODE" },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Takes pictures from a camera and writes them as PNG."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lc_cli_usage_error ("camera grab", "%s", error->message);
  if (source == NULL || out == NULL)
    return lc_cli_usage_error ("camera grab", "%s", _("--source and --out are required"));
  if (count < 1 || count > 100000)
    return lc_cli_usage_error ("camera grab", "%s", _("--count must be 1 or more"));
  if (timeout < 1)
    return lc_cli_usage_error ("camera grab", "%s", _("--timeout must be 1 second or more"));

  settings = lc_camera_settings_from_string (settings_json, &error);
  if (settings == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  if (pixel_format != NULL)
    {
      g_free (settings->pixel_format);
      settings->pixel_format = g_strdup (pixel_format);
    }
  if (!isnan (exposure))
    settings->exposure_us = exposure;
  if (!isnan (gain))
    settings->gain_db = gain;
  if (!isnan (frame_rate))
    settings->frame_rate = frame_rate;
  if (roi != NULL && !parse_roi (roi, settings))
    return lc_cli_usage_error ("camera grab", _("--roi wants X,Y,WIDTH,HEIGHT, not “%s”"), roi);
  if (trigger != NULL && !lc_camera_trigger_from_string (trigger, &settings->trigger))
    return lc_cli_usage_error ("camera grab", _("unknown trigger “%s” (use free-run, software or hardware)"),
                               trigger);

  camera = lc_camera_new_for_uri (source, &error);
  if (camera == NULL)
    return lc_cli_fail (g_steal_pointer (&error));
  lc_camera_set_settings (camera, settings);
  g_signal_connect (camera, "problem", G_CALLBACK (problem_cb), NULL);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  run.loop = loop;
  run.camera = camera;
  run.cancellable = cancellable;
  run.out = out;
  run.count = count;

  lc_camera_start (camera);
  grab_next (&run);
  timeout_id = g_timeout_add_seconds (timeout, timeout_cb, &run);
  g_main_loop_run (loop);
  if (!run.timed_out)
    g_source_remove (timeout_id);
  lc_camera_stop (camera);

  if (run.error != NULL)
    return lc_cli_fail (run.error);
  return 0;
}

int
lc_cli_camera (LcCli  *cli,
               int     argc,
               char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return camera_list (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "grab"))
    return camera_grab (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", _("Usage: linecheck-cli camera list [--format json]"));
      g_print ("%s\n", _("       linecheck-cli camera grab --source URI --out FILE [--count N]"));
      return 0;
    }
  return lc_cli_usage_error ("camera", "%s", _("use “camera list” or “camera grab”"));
}
