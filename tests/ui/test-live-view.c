#include "lc-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lc-camera-sim.h"
#include "lc-live-view.h"
#include "lc-live-view-private.h"
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

static LcFrame *
make_flat_frame (LcFrameFormat  format,
                 int            width,
                 int            height,
                 const guint8  *value)
{
  int channels = lc_frame_format_get_channels (format);
  guint8 *pixels;
  LcFrame *frame = lc_frame_new_uninitialized (format, width, height, &pixels);

  for (gsize i = 0; i < (gsize) width * height; i++)
    memcpy (pixels + i * channels, value, channels);
  return frame;
}

static GdkTexture *
find_texture (GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return gsk_texture_node_get_texture (node);
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        {
          GdkTexture *texture = find_texture (gsk_container_node_get_child (node, i));

          if (texture != NULL)
            return texture;
        }
      return NULL;
    case GSK_CLIP_NODE:
      return find_texture (gsk_clip_node_get_child (node));
    case GSK_TRANSFORM_NODE:
      return find_texture (gsk_transform_node_get_child (node));
    default:
      return NULL;
    }
}

/* The widget drawn by its window's renderer and read back: the pixel in the middle of the
 * picture, in memory order B, G, R, A. */
static void
draw_centre (Fixture *fixture,
             gboolean expect_gl,
             guint8   bgra[4])
{
  GtkWidget *widget = GTK_WIDGET (fixture->view);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  g_autofree guint8 *texels = g_malloc ((gsize) width * height * 4);
  GdkTexture *shown;

  /* The widget's own drawing, as the window would ask for it. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  shown = find_texture (node);
  g_assert_nonnull (shown);
  /* With OpenGL the frame goes straight into a pooled GL texture, never through memory. */
  if (expect_gl)
    g_assert_true (GDK_IS_GL_TEXTURE (shown));
  drawn = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (drawn, texels, (gsize) width * 4);
  memcpy (bgra, texels + ((gsize) (height / 2) * width + width / 2) * 4, 4);
}

static void
test_drawn_pixels_equal_the_frame (Fixture       *fixture,
                                   gconstpointer  data)
{
  static const guint8 gray_value[1] = { 77 };
  static const guint8 rgb_value[3] = { 10, 200, 90 };
  g_autoptr(LcFrame) gray = make_flat_frame (LC_FRAME_FORMAT_GRAY8, 320, 240, gray_value);
  g_autoptr(LcFrame) rgb = make_flat_frame (LC_FRAME_FORMAT_RGB8, 320, 240, rgb_value);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (fixture->view)));
  gboolean gl = g_type_is_a (G_OBJECT_TYPE (renderer), g_type_from_name ("GskGLRenderer"));
  guint8 bgra[4];

  g_test_message ("renderer: %s", G_OBJECT_TYPE_NAME (renderer));
  lc_live_view_push_frame (fixture->view, gray);
  g_assert_true (lc_test_wait_for (frame_shown, fixture));
  draw_centre (fixture, gl, bgra);
  g_assert_cmpuint (bgra[0], ==, 77);
  g_assert_cmpuint (bgra[1], ==, 77);
  g_assert_cmpuint (bgra[2], ==, 77);
  g_assert_cmpuint (bgra[3], ==, 255);

  lc_live_view_push_frame (fixture->view, rgb);
  lc_test_iterate (20);
  draw_centre (fixture, gl, bgra);
  g_assert_cmpuint (bgra[2], ==, 10);
  g_assert_cmpuint (bgra[1], ==, 200);
  g_assert_cmpuint (bgra[0], ==, 90);
  g_assert_cmpuint (bgra[3], ==, 255);

  /* Many frames of one size use a handful of GL textures again and again (their
   * storage is allocated once, not per frame). */
  for (int i = 0; i < 40; i++)
    {
      g_autoptr(LcFrame) next = make_frame (LC_FRAME_FORMAT_GRAY8, 320, 240, (guint8) i);

      lc_live_view_push_frame (fixture->view, next);
      lc_test_iterate (2);
    }
  draw_centre (fixture, gl, bgra);
  if (gl)
    g_assert_cmpuint (_lc_live_view_get_n_gl_textures (fixture->view), <=, 6);
}

/* The heat map over the picture at its opacity: an opaque red map at 0.5 over gray 100
 * gives half of each (the opacity is put into the map's pixels once, not drawn per frame). */
static void
test_heat_map_blends_at_its_opacity (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const guint8 gray_value[1] = { 100 };
  g_autoptr(LcFrame) gray = make_flat_frame (LC_FRAME_FORMAT_GRAY8, 320, 240, gray_value);
  float scores[4] = { 1, 1, 1, 1 };
  guint8 bgra[4];

  lc_live_view_push_frame (fixture->view, gray);
  lc_live_view_set_heat_map (fixture->view, scores, 2, 2, 0.0f, 1.0f);
  lc_live_view_set_heat_map_opacity (fixture->view, 0.5);
  g_assert_true (lc_test_wait_for (frame_shown, fixture));
  draw_centre (fixture, FALSE, bgra);
  g_assert_cmpint (abs (bgra[2] - (255 + 100) / 2), <=, 2);
  g_assert_cmpint (abs (bgra[1] - 100 / 2), <=, 2);
  g_assert_cmpint (abs (bgra[0] - 100 / 2), <=, 2);

  /* A new opacity is a new blend. */
  lc_live_view_set_heat_map_opacity (fixture->view, 0);
  draw_centre (fixture, FALSE, bgra);
  g_assert_cmpuint (bgra[2], ==, 100);
}

int
main (int    argc,
      char **argv)
{
  lc_test_init (&argc, &argv);

  g_test_add ("/live-view/frames-become-textures", Fixture, NULL,
              fixture_set_up, test_frames_become_textures, fixture_tear_down);
  g_test_add ("/live-view/drawn-pixels-equal-the-frame-gray-and-rgb", Fixture, NULL,
              fixture_set_up, test_drawn_pixels_equal_the_frame, fixture_tear_down);
  g_test_add ("/live-view/heat-map-blends-at-its-opacity", Fixture, NULL,
              fixture_set_up, test_heat_map_blends_at_its_opacity, fixture_tear_down);
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
