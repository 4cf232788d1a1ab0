#include "lc-config.h"

#include <string.h>

#include "lc-camera-aravis-private.h"
#include "camera-test-util.h"

/* Aravis's in-process fake GenICam camera, Fake_1: a real GenICam node map, real
 * registers, a real stream thread; nothing but the sensor is simulated. */

static LcCamera *
start_fake (const char             *device_id,
            const LcCameraSettings *settings)
{
  LcCamera *camera = LC_CAMERA (lc_camera_aravis_new (device_id));

  if (settings != NULL)
    lc_camera_set_settings (camera, settings);
  lc_camera_start (camera);
  return camera;
}

static LcCameraSettings *
small_roi (void)
{
  LcCameraSettings *settings = lc_camera_settings_new ();

  settings->roi_width = 320;
  settings->roi_height = 240;
  return settings;
}

static void
test_fake_camera_streams_mono8 (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;
  const guint8 *pixels;
  gboolean varies = FALSE;

  settings->pixel_format = g_strdup ("Mono8");
  settings->exposure_us = 2000;
  settings->gain_db = 2;
  camera = start_fake ("Fake_1", settings);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_frame_get_format (frame), ==, LC_FRAME_FORMAT_GRAY8);
  g_assert_cmpint (lc_frame_get_width (frame), ==, 320);
  g_assert_cmpint (lc_frame_get_height (frame), ==, 240);
  pixels = lc_frame_get_pixels (frame);
  for (int i = 1; i < 320 * 240 && !varies; i++)
    varies = pixels[i] != pixels[0];
  g_assert_true (varies);
  g_assert_cmpint (lc_camera_get_state (camera), ==, LC_CAMERA_STATE_STREAMING);
}

static void
test_bayer_is_demosaiced_to_rgb (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;

  settings->pixel_format = g_strdup ("BayerRG8");
  camera = start_fake ("Fake_1", settings);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_frame_get_format (frame), ==, LC_FRAME_FORMAT_RGB8);
  g_assert_cmpint (lc_frame_get_stride (frame), ==, 320 * 3);

  /* Switching while it streams: the stream is remade in the new format. */
  g_free (settings->pixel_format);
  settings->pixel_format = g_strdup ("Mono16");
  settings->roi_width = 1280;
  settings->roi_height = 1024;
  lc_camera_set_settings (camera, settings);
  for (int i = 0; i < 50; i++)
    {
      g_clear_pointer (&frame, lc_frame_unref);
      frame = camera_test_grab (camera, 5000, &error);
      g_assert_no_error (error);
      if (lc_frame_get_width (frame) == 1280)
        break;
    }
  g_assert_cmpint (lc_frame_get_format (frame), ==, LC_FRAME_FORMAT_GRAY8);
  g_assert_cmpint (lc_frame_get_width (frame), ==, 1280);
  g_assert_cmpint (lc_frame_get_height (frame), ==, 1024);
}

static void
test_missing_pixel_format_is_explained (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;

  settings->pixel_format = g_strdup ("YCbCr411_8");
  camera = start_fake ("Fake_1", settings);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_null (frame);
  g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING);
  /* Names what was asked and what the camera offers. */
  g_assert_nonnull (strstr (error->message, "YCbCr411_8"));
  g_assert_nonnull (strstr (error->message, "Mono8"));
}

static void
test_software_trigger_takes_one_picture (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;
  gint64 until;

  settings->trigger = LC_CAMERA_TRIGGER_SOFTWARE;
  camera = start_fake ("Fake_1", settings);
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_STREAMING, 5000));
  /* The fake camera runs at 25 fps free: in 600 ms untriggered, it must send nothing. */
  until = g_get_monotonic_time () + 600 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (lc_camera_get_frame_count (camera), ==, 0);

  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frame);
  g_assert_cmpuint (lc_camera_get_frame_count (camera), ==, 1);
}

static void
count_frame_cb (LcCamera *camera,
                LcFrame  *frame,
                guint    *count)
{
  (*count)++;
}

/* Aravis's fake camera fires its Line0 input itself in hardware trigger mode (it has no
 * wire), at a rate set here: 50 pulses a second against a free-running rate of one frame
 * every two seconds, so twenty frames in a few seconds can only come from the trigger. */
static void
test_hardware_trigger_line0_takes_pictures (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = LC_CAMERA (lc_camera_aravis_new ("Fake_1"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;
  guint count = 0;
  gint64 until;

  settings->frame_rate = 0.5;
  settings->trigger = LC_CAMERA_TRIGGER_HARDWARE;
  settings->trigger_source = g_strdup ("Line0");
  lc_camera_set_settings (camera, settings);
  _lc_camera_aravis_set_fake_trigger_rate (LC_CAMERA_ARAVIS (camera), 50);
  g_signal_connect (camera, "frame", G_CALLBACK (count_frame_cb), &count);
  lc_camera_start (camera);
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_STREAMING, 5000));

  until = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  while (lc_camera_get_frame_count (camera) < 20 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (lc_camera_get_frame_count (camera), >=, 20);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_frame_get_width (frame), ==, 320);
  g_assert_cmpuint (count, >, 0);
}

static void
problem_cb (LcCamera    *camera,
            const char  *message,
            char       **problem)
{
  g_free (*problem);
  *problem = g_strdup (message);
}

/* The fake camera has Line0 only: Line1 is refused in words that name what it has, and
 * the picture goes on free-running meanwhile. */
static void
test_missing_trigger_input_is_explained (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;
  g_autofree char *problem = NULL;
  gint64 until;

  camera = start_fake ("Fake_1", NULL);
  g_signal_connect (camera, "problem", G_CALLBACK (problem_cb), &problem);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);

  settings->trigger = LC_CAMERA_TRIGGER_HARDWARE;
  settings->trigger_source = g_strdup ("Line1");
  lc_camera_set_settings (camera, settings);
  until = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;
  while (problem == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "“Line1”"));
  g_assert_nonnull (strstr (problem, "Line0"));
  g_assert_null (strstr (problem, "Software"));

  g_clear_pointer (&frame, lc_frame_unref);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);
}

static void
test_stopped_stream_is_lost_then_reopened (void)
{
  g_autoptr(LcCameraSettings) settings = small_roi ();
  g_autoptr(LcCamera) camera = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;
  g_autoptr(LcFrame) again = NULL;

  camera = start_fake ("Fake_1", settings);
  frame = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);

  /* The camera stops answering (Aravis reports "control-lost"). */
  _lc_camera_aravis_cut_control (LC_CAMERA_ARAVIS (camera));
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_LOST, 6000));
  g_assert_nonnull (strstr (lc_camera_get_status (camera), "stopped answering"));
  g_assert_nonnull (strstr (lc_camera_get_status (camera), "Fake_1"));

  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_STREAMING, 6000));
  again = camera_test_grab (camera, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_frame_get_sequence (again), >, lc_frame_get_sequence (frame));
}

static void
test_absent_camera_is_named (void)
{
  g_autoptr(LcCamera) camera = start_fake ("Basler-00000000", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = camera_test_grab (camera, 10000, &error);

  g_assert_null (frame);
  g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Basler-00000000"));
  g_assert_cmpint (lc_camera_get_state (camera), ==, LC_CAMERA_STATE_LOST);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/aravis/fake-camera-streams-mono8-with-roi", test_fake_camera_streams_mono8);
  g_test_add_func ("/camera/aravis/bayer-is-demosaiced-and-format-switches-live", test_bayer_is_demosaiced_to_rgb);
  g_test_add_func ("/camera/aravis/missing-pixel-format-is-explained", test_missing_pixel_format_is_explained);
  g_test_add_func ("/camera/aravis/software-trigger-takes-one-picture", test_software_trigger_takes_one_picture);
  g_test_add_func ("/camera/aravis/hardware-trigger-line0-takes-pictures", test_hardware_trigger_line0_takes_pictures);
  g_test_add_func ("/camera/aravis/missing-trigger-input-is-explained", test_missing_trigger_input_is_explained);
  g_test_add_func ("/camera/aravis/lost-control-is-reported-then-reopened", test_stopped_stream_is_lost_then_reopened);
  g_test_add_func ("/camera/aravis/absent-camera-is-named", test_absent_camera_is_named);
  return g_test_run ();
}
