#include "lc-config.h"

#include <stdlib.h>
#include <string.h>

#include "lc-camera-sim.h"
#include "camera-test-util.h"

static const char * const part_codes[] = { "BSH-2040", "BRK-1150", "CAP-0032", "ZZZ-0001" };

static gboolean
same_pixels (LcFrame *a,
             LcFrame *b)
{
  gsize n = (gsize) lc_frame_get_stride (a) * lc_frame_get_height (a);

  return lc_frame_get_width (a) == lc_frame_get_width (b) &&
         lc_frame_get_height (a) == lc_frame_get_height (b) &&
         lc_frame_get_format (a) == lc_frame_get_format (b) &&
         memcmp (lc_frame_get_pixels (a), lc_frame_get_pixels (b), n) == 0;
}

static void
test_reference_is_repeatable_and_parts_differ (void)
{
  g_autoptr(LcFrame) previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (part_codes); i++)
    {
      g_autoptr(LcFrame) reference = lc_camera_sim_render_part (part_codes[i], 640, 512, 0, NULL);
      g_autoptr(LcFrame) again = lc_camera_sim_render_part (part_codes[i], 640, 512, 0, NULL);
      g_autoptr(LcFrame) moved = lc_camera_sim_render_part (part_codes[i], 640, 512, 7, NULL);

      g_assert_cmpint (lc_frame_get_width (reference), ==, 640);
      g_assert_cmpint (lc_frame_get_height (reference), ==, 512);
      g_assert_true (same_pixels (reference, again));
      g_assert_false (same_pixels (reference, moved));
      if (previous != NULL)
        g_assert_false (lc_frame_get_format (previous) == lc_frame_get_format (reference) &&
                        same_pixels (previous, reference));
      g_clear_pointer (&previous, lc_frame_unref);
      previous = lc_frame_ref (reference);
    }
}

static void
test_cap_is_colour_and_steel_is_gray (void)
{
  g_autoptr(LcFrame) cap = lc_camera_sim_render_part ("CAP-0032", 320, 256, 0, NULL);
  g_autoptr(LcFrame) bushing = lc_camera_sim_render_part ("BSH-2040", 320, 256, 0, NULL);
  const guint8 *centre = lc_frame_get_pixels (cap) + (gsize) 128 * lc_frame_get_stride (cap) + 160 * 3 + 3 * 40;

  g_assert_cmpint (lc_frame_get_format (cap), ==, LC_FRAME_FORMAT_RGB8);
  g_assert_cmpint (lc_frame_get_format (bushing), ==, LC_FRAME_FORMAT_GRAY8);
  /* Blue plastic: more blue than red on the cap's top. */
  g_assert_cmpint (centre[2], >, centre[0] + 40);
}

/* The same seed with and without a defect gives the same pose and noise, so the two
 * pictures differ exactly where the defect was drawn: inside the reported box. */
static void
test_defect_lies_inside_reported_box (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (part_codes); i++)
    for (int defect_class = LC_SIM_DEFECT_SCRATCH; defect_class <= LC_SIM_DEFECT_SPOT; defect_class++)
      for (guint32 seed = 11; seed <= 13; seed++)
        {
          LcSimDefect defect = { defect_class };
          LcSimDefect none = { LC_SIM_DEFECT_NONE };
          g_autoptr(LcFrame) good = lc_camera_sim_render_part (part_codes[i], 640, 512, seed, &none);
          g_autoptr(LcFrame) bad = lc_camera_sim_render_part (part_codes[i], 640, 512, seed, &defect);
          int channels = lc_frame_get_channels (good);
          int stride = lc_frame_get_stride (good);
          guint64 inside = 0, outside = 0;

          g_assert_cmpint (none.width, ==, 0);
          g_assert_cmpint (defect.defect_class, ==, defect_class);
          g_assert_cmpint (defect.width, >=, 4);
          g_assert_cmpint (defect.height, >=, 4);
          /* Small next to the part: a defect, not a different part. */
          g_assert_cmpint (defect.width, <, 100);
          g_assert_cmpint (defect.height, <, 100);
          g_assert_cmpint (defect.x + defect.width, <=, 640);
          g_assert_cmpint (defect.y + defect.height, <=, 512);

          for (int y = 0; y < 512; y++)
            for (int x = 0; x < 640 * channels; x++)
              {
                int d = abs (lc_frame_get_pixels (good)[y * stride + x] -
                             lc_frame_get_pixels (bad)[y * stride + x]);
                gboolean in_box = x / channels >= defect.x && x / channels < defect.x + defect.width &&
                                  y >= defect.y && y < defect.y + defect.height;

                if (in_box)
                  inside += d;
                else
                  outside += d;
              }
          g_assert_cmpuint (outside, ==, 0);
          /* Visible: on average more than a few grey levels over the box. */
          g_assert_cmpuint (inside, >, (guint64) defect.width * defect.height * channels * 3);
        }
}

static void
test_camera_streams_full_size_and_follows_changeover (void)
{
  g_autoptr(LcCameraSim) camera = lc_camera_sim_new ("BSH-2040");
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) first = NULL;
  g_autoptr(LcFrame) second = NULL;
  gboolean colour = FALSE;

  lc_camera_start (LC_CAMERA (camera));
  first = camera_test_grab (LC_CAMERA (camera), 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_frame_get_width (first), ==, LC_CAMERA_SIM_WIDTH);
  g_assert_cmpint (lc_frame_get_height (first), ==, LC_CAMERA_SIM_HEIGHT);
  g_assert_cmpint (lc_frame_get_format (first), ==, LC_FRAME_FORMAT_GRAY8);
  g_assert_cmpint (lc_camera_get_state (LC_CAMERA (camera)), ==, LC_CAMERA_STATE_STREAMING);

  second = camera_test_grab (LC_CAMERA (camera), 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lc_frame_get_sequence (second), >, lc_frame_get_sequence (first));
  /* Sensor noise: no two frames alike even of the same part. */
  g_assert_false (same_pixels (first, second));

  /* Changeover to the cap: the next part laid down (1.5 s at most) is blue. */
  lc_camera_sim_set_part_code (camera, "CAP-0032");
  for (int i = 0; i < 200 && !colour; i++)
    {
      g_autoptr(LcFrame) frame = camera_test_grab (LC_CAMERA (camera), 5000, &error);

      g_assert_no_error (error);
      colour = lc_frame_get_format (frame) == LC_FRAME_FORMAT_RGB8;
    }
  g_assert_true (colour);
  lc_camera_stop (LC_CAMERA (camera));
  g_assert_cmpint (lc_camera_get_state (LC_CAMERA (camera)), ==, LC_CAMERA_STATE_STOPPED);
}

static void
test_software_trigger_gives_one_frame_per_grab (void)
{
  g_autoptr(LcCameraSim) camera = lc_camera_sim_new ("BRK-1150");
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;
  gint64 until;

  settings->trigger = LC_CAMERA_TRIGGER_SOFTWARE;
  settings->roi_x = 100;
  settings->roi_y = 50;
  settings->roi_width = 400;
  settings->roi_height = 300;
  lc_camera_set_settings (LC_CAMERA (camera), settings);
  lc_camera_start (LC_CAMERA (camera));
  g_assert_true (camera_test_wait_for_state (LC_CAMERA (camera), LC_CAMERA_STATE_STREAMING, 5000));

  until = g_get_monotonic_time () + 400 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (lc_camera_get_frame_count (LC_CAMERA (camera)), ==, 0);

  frame = camera_test_grab (LC_CAMERA (camera), 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_frame_get_width (frame), ==, 400);
  g_assert_cmpint (lc_frame_get_height (frame), ==, 300);
  g_assert_cmpuint (lc_camera_get_frame_count (LC_CAMERA (camera)), ==, 1);
}

static void
test_unknown_pixel_format_is_explained (void)
{
  g_autoptr(LcCameraSim) camera = lc_camera_sim_new ("BSH-2040");
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = NULL;

  settings->pixel_format = g_strdup ("YUV422_8");
  lc_camera_set_settings (LC_CAMERA (camera), settings);
  lc_camera_start (LC_CAMERA (camera));
  frame = camera_test_grab (LC_CAMERA (camera), 5000, &error);
  g_assert_null (frame);
  g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING);
  g_assert_nonnull (strstr (error->message, "YUV422_8"));
  g_assert_cmpint (lc_camera_get_state (LC_CAMERA (camera)), ==, LC_CAMERA_STATE_LOST);
  g_assert_nonnull (strstr (lc_camera_get_status (LC_CAMERA (camera)), "Mono8"));

  /* Fixing the setting brings the picture back without a restart. */
  g_free (settings->pixel_format);
  settings->pixel_format = g_strdup ("Mono8");
  lc_camera_set_settings (LC_CAMERA (camera), settings);
  g_assert_true (camera_test_wait_for_state (LC_CAMERA (camera), LC_CAMERA_STATE_STREAMING, 5000));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/sim/reference-is-repeatable-and-parts-differ", test_reference_is_repeatable_and_parts_differ);
  g_test_add_func ("/camera/sim/cap-is-colour-and-steel-is-gray", test_cap_is_colour_and_steel_is_gray);
  g_test_add_func ("/camera/sim/defect-lies-inside-reported-box", test_defect_lies_inside_reported_box);
  g_test_add_func ("/camera/sim/camera-streams-full-size-and-follows-changeover", test_camera_streams_full_size_and_follows_changeover);
  g_test_add_func ("/camera/sim/software-trigger-gives-one-frame-per-grab", test_software_trigger_gives_one_frame_per_grab);
  g_test_add_func ("/camera/sim/unknown-pixel-format-is-explained", test_unknown_pixel_format_is_explained);
  return g_test_run ();
}
