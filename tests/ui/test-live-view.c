#include "lc-config.h"

#include <math.h>

#include "lc-camera-sim.h"
#include "lc-live-view.h"
#include "test-ui-helpers.h"

/* The live view in a window under Xvfb: frames fed by hand and by the simulated camera. */

typedef struct
{
  GtkWidget  *window;
  LcLiveView *view;
} Fixture;

static LcFrame *
make_frame (LcFrameFormat format,
            int           width,
            int           height,
            guint8        seed)
{
  guint8 *pixels;
  LcFrame *frame = lc_frame_new_uninitialized (format, width, height, &pixels);
  gsize size = (gsize) width * height * lc_frame_format_get_channels (format);

  for (gsize i = 0; i < size; i++)
    pixels[i] = (guint8) (i * 7 + seed);
  return frame;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  fixture->view = LC_LIVE_VIEW (lc_live_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 300);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  gtk_window_present (GTK_WINDOW (fixture->window));
  lc_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->view), (gpointer *) &fixture->view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lc_test_iterate (10);
  g_assert_null (fixture->view);
}

static gboolean
frame_shown (gpointer data)
{
  Fixture *fixture = data;

  return lc_live_view_get_frames_shown (fixture->view) > 0;
}

static void
test_frames_become_textures (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LcFrame) gray = make_frame (LC_FRAME_FORMAT_GRAY8, 64, 48, 1);
  g_autoptr(LcFrame) rgb = make_frame (LC_FRAME_FORMAT_RGB8, 64, 48, 2);
  guint8 texel[4 * 64 * 48];
  GdkTexture *texture;
  const guint8 *pixels;

  g_assert_null (lc_live_view_get_frame (fixture->view));
  lc_live_view_push_frame (fixture->view, gray);
  g_assert_true (lc_live_view_get_frame (fixture->view) == gray);
  g_assert_true (lc_test_wait_for (frame_shown, fixture));

  /* Gray spread to RGB: every channel carries the gray value. */
  texture = lc_live_view_get_texture (fixture->view);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 64);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 48);
  gdk_texture_download (texture, texel, 64 * 4);
  pixels = lc_frame_get_pixels (gray);
  /* Cairo's byte order (B, G, R, A on little endian machines) */
  g_assert_cmpuint (texel[4 * 100 + 0], ==, pixels[100]);
  g_assert_cmpuint (texel[4 * 100 + 1], ==, pixels[100]);
  g_assert_cmpuint (texel[4 * 100 + 2], ==, pixels[100]);

  lc_live_view_push_frame (fixture->view, rgb);
  texture = lc_live_view_get_texture (fixture->view);
  gdk_texture_download (texture, texel, 64 * 4);
  pixels = lc_frame_get_pixels (rgb);
  g_assert_cmpuint (texel[4 * 100 + 2], ==, pixels[3 * 100 + 0]);
  g_assert_cmpuint (texel[4 * 100 + 1], ==, pixels[3 * 100 + 1]);
  g_assert_cmpuint (texel[4 * 100 + 0], ==, pixels[3 * 100 + 2]);
  g_assert_cmpuint (lc_live_view_get_frames_received (fixture->view), ==, 2);
}

static void
test_zoom_and_pan (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LcFrame) frame = make_frame (LC_FRAME_FORMAT_GRAY8, 800, 600, 3);
  int width, height;
  double fit, x, y, cx, cy;

  lc_live_view_push_frame (fixture->view, frame);
  lc_test_iterate (50);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  g_assert_cmpint (width, >, 0);

  /* Fit: the whole picture, as large as the widget allows, centred. */
  g_assert_true (lc_live_view_get_zoom_to_fit (fixture->view));
  fit = lc_live_view_get_zoom (fixture->view);
  g_assert_cmpfloat_with_epsilon (fit, MIN (width / 800.0, height / 600.0), 1e-9);
  g_assert_true (lc_live_view_widget_to_image (fixture->view, width / 2.0, height / 2.0, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 400, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 300, 1e-6);

  /* 1:1 through the action the toolbar and Ctrl+1 use. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "live-view.zoom-original", NULL));
  g_assert_false (lc_live_view_get_zoom_to_fit (fixture->view));
  g_assert_cmpfloat_with_epsilon (lc_live_view_get_zoom (fixture->view), 1.0, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "live-view.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (lc_live_view_get_zoom (fixture->view), 1.25, 1e-9);

  /* Pan: the chosen point sits in the middle of the widget, and cannot leave the picture. */
  lc_live_view_set_center (fixture->view, 100, 50);
  lc_live_view_get_center (fixture->view, &cx, &cy);
  g_assert_cmpfloat (cx, ==, 100);
  g_assert_cmpfloat (cy, ==, 50);
  g_assert_true (lc_live_view_widget_to_image (fixture->view, width / 2.0 + 25, height / 2.0, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 120, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 50, 1e-6);
  lc_live_view_set_center (fixture->view, -500, 9000);
  lc_live_view_get_center (fixture->view, &cx, &cy);
  g_assert_cmpfloat (cx, ==, 0);
  g_assert_cmpfloat (cy, ==, 600);

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "live-view.zoom-fit", NULL);
  g_assert_true (lc_live_view_get_zoom_to_fit (fixture->view));
  g_assert_cmpfloat_with_epsilon (lc_live_view_get_zoom (fixture->view), fit, 1e-9);
}

static void
test_freeze_shows_capture_until_released (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(LcFrame) first = make_frame (LC_FRAME_FORMAT_GRAY8, 64, 48, 4);
  g_autoptr(LcFrame) captured = make_frame (LC_FRAME_FORMAT_GRAY8, 64, 48, 5);
  g_autoptr(LcFrame) later = make_frame (LC_FRAME_FORMAT_GRAY8, 64, 48, 6);

  lc_live_view_freeze (fixture->view, NULL);
  g_assert_false (lc_live_view_get_frozen (fixture->view));

  lc_live_view_push_frame (fixture->view, first);
  lc_live_view_freeze (fixture->view, captured);
  g_assert_true (lc_live_view_get_frozen (fixture->view));
  lc_live_view_push_frame (fixture->view, later);
  lc_test_iterate (50);
  g_assert_true (lc_live_view_get_frame (fixture->view) == captured);

  lc_live_view_release (fixture->view);
  g_assert_false (lc_live_view_get_frozen (fixture->view));
  g_assert_true (lc_live_view_get_frame (fixture->view) == later);
}

static void
test_overlays (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LcFrame) frame = make_frame (LC_FRAME_FORMAT_RGB8, 80, 60, 7);
  float scores[4 * 3] = { 0, 0.25f, 0.5f, 1, 0, 0, 0, 0, 0, 0, 0, 2 };
  GdkRGBA red = { 1, 0, 0, 1 };
  guint8 texels[4 * 4 * 3];
  GdkRectangle roi;
  GdkTexture *heat;

  lc_live_view_push_frame (fixture->view, frame);

  /* Heat map: low scores transparent, high scores opaque, out-of-range ones clamped. */
  lc_live_view_set_heat_map (fixture->view, scores, 4, 3, 0.0f, 1.0f);
  heat = lc_live_view_get_heat_map_texture (fixture->view);
  g_assert_nonnull (heat);
  g_assert_cmpint (gdk_texture_get_width (heat), ==, 4);
  gdk_texture_download (heat, texels, 4 * 4);
  g_assert_cmpuint (texels[4 * 0 + 3], ==, 0);
  g_assert_cmpuint (texels[4 * 2 + 3], ==, 127);
  g_assert_cmpuint (texels[4 * 3 + 3], ==, 255);
  g_assert_cmpuint (texels[4 * 11 + 3], ==, 255);

  lc_live_view_add_box (fixture->view, 10, 10, 20, 15, "Scratch 0.92", &red);
  lc_live_view_add_box (fixture->view, 40, 30, 5, 5, NULL, &red);
  g_assert_cmpuint (lc_live_view_get_n_boxes (fixture->view), ==, 2);

  g_assert_false (lc_live_view_get_roi (fixture->view, NULL));
  lc_live_view_set_roi (fixture->view, 5, 6, 50, 40);
  g_assert_true (lc_live_view_get_roi (fixture->view, &roi));
  g_assert_cmpint (roi.x, ==, 5);
  g_assert_cmpint (roi.height, ==, 40);

  /* Drawn with all of them at a zoom where boxes leave the screen. */
  lc_live_view_set_zoom (fixture->view, 8);
  lc_test_iterate (50);

  lc_live_view_clear_boxes (fixture->view);
  lc_live_view_set_roi (fixture->view, 0, 0, 0, 0);
  lc_live_view_set_heat_map_texture (fixture->view, NULL);
  g_assert_cmpuint (lc_live_view_get_n_boxes (fixture->view), ==, 0);
  g_assert_false (lc_live_view_get_roi (fixture->view, NULL));
  g_assert_null (lc_live_view_get_heat_map_texture (fixture->view));
}

typedef struct
{
  guint  shown;
  gint64 latency_max;
} Shown;

static void
frame_shown_cb (LcLiveView *view,
                LcFrame    *frame,
                gint64      latency,
                Shown      *shown)
{
  shown->shown++;
  shown->latency_max = MAX (shown->latency_max, latency);
}

static gboolean
three_shown (gpointer data)
{
  return ((Shown *) data)->shown >= 3;
}

static void
test_camera_frames_reach_the_screen (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(LcCameraSim) camera = lc_camera_sim_new ("BSH-2040");
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  Shown shown = { 0, 0 };

  /* A fast simulated camera so the test does not wait for parts to be laid down. */
  settings->frame_rate = 30;
  lc_camera_set_settings (LC_CAMERA (camera), settings);
  lc_live_view_set_camera (fixture->view, LC_CAMERA (camera));
  g_signal_connect (fixture->view, "frame-shown", G_CALLBACK (frame_shown_cb), &shown);
  lc_camera_start (LC_CAMERA (camera));
  g_assert_true (lc_test_wait_for (three_shown, &shown));
  g_assert_cmpint (shown.latency_max, >, 0);
  g_assert_cmpint (lc_frame_get_width (lc_live_view_get_frame (fixture->view)), ==, LC_CAMERA_SIM_WIDTH);
  g_assert_cmpuint (lc_live_view_get_frames_shown (fixture->view), <=,
                    lc_live_view_get_frames_received (fixture->view));

  lc_camera_stop (LC_CAMERA (camera));
  lc_live_view_set_camera (fixture->view, NULL);
  g_assert_null (lc_live_view_get_frame (fixture->view));
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add ("/live-view/frames-become-textures", Fixture, NULL,
              fixture_set_up, test_frames_become_textures, fixture_tear_down);
  g_test_add ("/live-view/zoom-fit-one-to-one-and-pan", Fixture, NULL,
              fixture_set_up, test_zoom_and_pan, fixture_tear_down);
  g_test_add ("/live-view/freeze-shows-capture-until-released", Fixture, NULL,
              fixture_set_up, test_freeze_shows_capture_until_released, fixture_tear_down);
  g_test_add ("/live-view/heat-map-boxes-and-roi", Fixture, NULL,
              fixture_set_up, test_overlays, fixture_tear_down);
  g_test_add ("/live-view/camera-frames-reach-the-screen", Fixture, NULL,
              fixture_set_up, test_camera_frames_reach_the_screen, fixture_tear_down);

  return g_test_run ();
}
