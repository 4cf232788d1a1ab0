#include "lc-config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lc-camera-settings.h"
#include "lc-cameras-view.h"
#include "lc-demo.h"
#include "lc-demo-bench.h"
#include "lc-devices-page.h"
#include "lc-live-view.h"
#include "lc-operator.h"
#include "lc-window.h"
#include "test-ui-helpers.h"

/* Devices → Cameras on the demo database under Xvfb, with the demo's simulated camera and
 * Aravis's fake GenICam camera: the list, choosing a camera, exposure, a test grab whose
 * file is checked, and settings saved for the active part type. */

typedef struct
{
  char          *dir;
  LcStore       *store;
  LcWindow      *window;
  LcCamerasView *view;
  LcLiveView    *live_view;
} Fixture;

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOperator) operator = NULL;
  g_autofree char *path = NULL;
  GtkWidget *devices;

  fixture->dir = g_dir_make_tmp ("lc-test-cameras-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lc_demo_seed (fixture->store, lc_store_now (), &error));
  /* The demo's admin (PIN in the README): cameras are set up by an admin. */
  operator = lc_operator_log_in (fixture->store, "Admin", "9999", &error);
  g_assert_no_error (error);
  /* The demo's bench, as lc_demo_open () equips it: its simulated camera is the one shown. */
  g_assert_true (lc_demo_bench_equip (fixture->store, &error));
  g_assert_no_error (error);
  fixture->window = g_object_ref (lc_window_new (NULL, fixture->store));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (lc_test_wait_for (window_is_mapped, fixture->window));

  lc_window_set_page (fixture->window, "devices/cameras");
  devices = lc_window_get_page_widget (fixture->window, "devices");
  fixture->view = lc_test_child (devices, LC_TYPE_DEVICES_PAGE, "cameras_view");
  fixture->live_view = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "live_view");
  g_assert_true (lc_test_wait_for (window_is_mapped, fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} Wanted;

static char *
list_text (Fixture *fixture)
{
  GtkWidget *list = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "camera_list");
  GString *text = g_string_new ("");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "%s | %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (text, FALSE);
}

static gboolean
list_names (gpointer data)
{
  Wanted *wanted = data;
  g_autofree char *text = list_text (wanted->fixture);

  return strstr (text, wanted->text) != NULL;
}

static gboolean
frame_of_camera_shown (gpointer data)
{
  Fixture *fixture = data;
  LcCamera *camera = lc_cameras_view_get_camera (fixture->view);
  LcFrame *frame = lc_live_view_get_frame (fixture->live_view);

  return camera != NULL && frame != NULL && lc_camera_get_state (camera) == LC_CAMERA_STATE_STREAMING &&
         lc_live_view_get_frames_shown (fixture->live_view) > 0;
}

static gboolean
grab_saved (gpointer data)
{
  Fixture *fixture = data;

  return lc_cameras_view_get_test_grab_file (fixture->view) != NULL;
}

static double
mean_of (LcFrame *frame)
{
  const guint8 *pixels = lc_frame_get_pixels (frame);
  gsize n = (gsize) lc_frame_get_stride (frame) * lc_frame_get_height (frame);
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += pixels[i];
  return sum / n;
}

static double
mean_of_next_frames (Fixture *fixture)
{
  guint64 start = lc_live_view_get_frames_received (fixture->live_view);
  double sum = 0;
  int n = 0;

  /* Two fresh frames, so the new setting has reached the camera's thread. */
  while (n < 3)
    {
      g_main_context_iteration (NULL, TRUE);
      if (lc_live_view_get_frames_received (fixture->live_view) > start + (guint64) n + 1)
        {
          n++;
          if (n == 3)
            sum = mean_of (lc_live_view_get_frame (fixture->live_view));
        }
    }
  return sum;
}

static void
test_grab_and_check_file (Fixture *fixture,
                          int      width,
                          int      height)
{
  GtkWidget *grab = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "grab_button");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *base = NULL;
  LcFrame *frozen;
  const char *file;
  gsize length;

  g_signal_emit_by_name (grab, "clicked");
  g_assert_true (lc_test_wait_for (grab_saved, fixture));
  file = lc_cameras_view_get_test_grab_file (fixture->view);
  g_assert_true (g_str_has_prefix (file, lc_store_get_data_dir (fixture->store)));

  /* The file holds the picture frozen on screen, without loss, named by its content. */
  g_assert_true (lc_live_view_get_frozen (fixture->live_view));
  frozen = lc_live_view_get_frame (fixture->live_view);
  texture = gdk_texture_new_from_filename (file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  g_assert_cmpint (lc_frame_get_width (frozen), ==, width);
  {
    g_autofree guint8 *texels = g_malloc ((gsize) width * height * 4);
    const guint8 *pixels = lc_frame_get_pixels (frozen);
    int channels = lc_frame_get_channels (frozen);
    gsize at = (gsize) (height / 2) * width + width / 3;

    gdk_texture_download (texture, texels, (gsize) width * 4);
    /* B, G, R, A in memory: compare green with the frame's green (or gray) value. */
    g_assert_cmpuint (texels[4 * at + 1], ==,
                      pixels[(gsize) (height / 2) * lc_frame_get_stride (frozen) +
                             (gsize) (width / 3) * channels + (channels == 3 ? 1 : 0)]);
  }
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
  base = g_path_get_basename (file);
  g_assert_true (g_str_has_prefix (base, hash));
  g_assert_true (g_str_has_suffix (base, ".png"));
}

static void
test_simulated_camera (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkSpinButton *exposure = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "exposure_spin");
  GtkWidget *save = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "save_button");
  GtkWidget *resume = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "resume_button");
  Wanted wanted = { fixture, "Bench camera (simulated) | Set up at this station" };
  g_autoptr(LcCameraSettings) camera_settings = NULL;
  g_autoptr(LcCameraSettings) part_settings = NULL;
  g_autoptr(GError) error = NULL;
  /* Saving reloads the window's part types: keep the id, not the object. */
  gint64 part_id = lc_part_type_get_id (lc_window_get_part_type (fixture->window));
  g_autofree char *reason = NULL;
  gint64 camera_id = 0;
  double dark, bright;

  /* The demo's camera (on a software trigger, one part per inspection) is listed and comes
   * up on its own; the preview triggers it. */
  g_assert_true (lc_test_wait_for (list_names, &wanted));
  g_assert_true (lc_test_wait_for (frame_of_camera_shown, fixture));
  g_assert_true (g_str_has_prefix (lc_camera_get_uri (lc_cameras_view_get_camera (fixture->view)), "sim:"));
  g_assert_cmpint (lc_frame_get_width (lc_live_view_get_frame (fixture->live_view)), ==, 1280);

  /* Twice the exposure: a brighter picture, and the camera holds the new setting. */
  dark = mean_of_next_frames (fixture);
  gtk_spin_button_set_value (exposure, 10000);
  camera_settings = lc_camera_dup_settings (lc_cameras_view_get_camera (fixture->view));
  g_assert_cmpfloat (camera_settings->exposure_us, ==, 10000);
  bright = mean_of_next_frames (fixture);
  g_assert_cmpfloat (bright, >, dark * 1.3);

  test_grab_and_check_file (fixture, 1280, 1024);
  g_signal_emit_by_name (resume, "clicked");
  g_assert_false (lc_live_view_get_frozen (fixture->live_view));

  /* Saved with the part type, so its changeover brings the exposure along. */
  reason = lc_page_changeover_blocked (LC_PAGE (fixture->view));
  g_assert_nonnull (reason);
  g_signal_emit_by_name (save, "clicked");
  g_assert_null (lc_page_changeover_blocked (LC_PAGE (fixture->view)));
  g_assert_true (lc_camera_settings_load_for_part_type (fixture->store, part_id,
                                                        &camera_id, &part_settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (camera_id, >, 0);
  g_assert_cmpfloat (part_settings->exposure_us, ==, 10000);
}

static void
test_fake_genicam_camera (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkSpinButton *exposure = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "exposure_spin");
  GtkWidget *refresh = lc_test_child (fixture->view, LC_TYPE_CAMERAS_VIEW, "refresh_button");
  Wanted wanted = { fixture, "| Found: aravis:Fake_1" };
  g_autoptr(LcCameraSettings) settings = NULL;

  /* The fake camera was enabled before the window opened: the first search finds it;
   * a second search keeps it listed once. */
  g_assert_true (lc_test_wait_for (list_names, &wanted));
  g_assert_true (lc_test_wait_for (window_is_mapped, refresh));
  lc_cameras_view_select_uri (fixture->view, "aravis:Fake_1");
  g_assert_true (lc_test_wait_for (frame_of_camera_shown, fixture));
  g_assert_cmpstr (lc_camera_get_uri (lc_cameras_view_get_camera (fixture->view)), ==, "aravis:Fake_1");

  gtk_spin_button_set_value (exposure, 2000);
  settings = lc_camera_dup_settings (lc_cameras_view_get_camera (fixture->view));
  g_assert_cmpfloat (settings->exposure_us, ==, 2000);
  mean_of_next_frames (fixture);
  g_assert_true (lc_camera_get_state (lc_cameras_view_get_camera (fixture->view)) == LC_CAMERA_STATE_STREAMING);

  test_grab_and_check_file (fixture,
                            lc_frame_get_width (lc_live_view_get_frame (fixture->live_view)),
                            lc_frame_get_height (lc_live_view_get_frame (fixture->live_view)));
}

int
main (int    argc,
      char **argv)
{
  /* Aravis's in-process fake GenICam camera, Fake_1, is listed by discovery. */
  g_setenv ("LC_CAMERA_FAKE", "1", TRUE);
  lc_test_init (&argc, &argv);

  g_test_add ("/cameras-view/simulated-camera-exposure-grab-and-save", Fixture, NULL,
              fixture_set_up, test_simulated_camera, fixture_tear_down);
  g_test_add ("/cameras-view/fake-genicam-camera-exposure-and-grab", Fixture, NULL,
              fixture_set_up, test_fake_genicam_camera, fixture_tear_down);

  return g_test_run ();
}
