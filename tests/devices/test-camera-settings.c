#include "lc-config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "lc-camera.h"
#include "lc-camera-settings.h"
#include "camera-test-util.h"

static void
test_json_round_trip (void)
{
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();
  g_autoptr(LcCameraSettings) back = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  settings->exposure_us = 1500;
  settings->gain_db = 3.5;
  settings->pixel_format = g_strdup ("BayerRG8");
  settings->roi_x = 16;
  settings->roi_y = 8;
  settings->roi_width = 640;
  settings->roi_height = 480;
  settings->trigger = LC_CAMERA_TRIGGER_HARDWARE;
  settings->trigger_source = g_strdup ("Line1");

  json = lc_camera_settings_to_string (settings);
  back = lc_camera_settings_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (lc_camera_settings_equal (settings, back));
  g_assert_true (isnan (back->frame_rate));
}

static void
test_empty_means_leave_camera_alone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_from_string ("{}", &error);

  g_assert_no_error (error);
  g_assert_true (isnan (settings->exposure_us));
  g_assert_true (isnan (settings->gain_db));
  g_assert_null (settings->pixel_format);
  g_assert_cmpint (settings->roi_width, ==, 0);
  g_assert_cmpint (settings->trigger, ==, LC_CAMERA_TRIGGER_FREE_RUN);
}

static void
test_bad_values_are_refused_in_words (void)
{
  const char *bad[] = {
    "{\"exposure_us\": -5}",
    "{\"exposure_us\": \"fast\"}",
    "{\"trigger\": \"sometimes\"}",
    "{\"roi\": [0, 0, 0, 10]}",
    "{\"roi\": [1, 2, 3]}",
    "[1, 2]",
    "{not json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcCameraSettings) settings = lc_camera_settings_from_string (bad[i], &error);

      g_assert_null (settings);
      g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SETTING);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static gint64
add_part_type (LcStore    *store,
               const char *code)
{
  sqlite3_stmt *stmt = lc_store_prepare (store,
                                         "INSERT INTO part_type (code, name, created_at, updated_at) "
                                         "VALUES (?, ?, 0, 0)", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  g_assert_true (lc_store_step_done (store, stmt, NULL));
  return lc_store_last_insert_id (store);
}

static void
test_settings_follow_the_part_type (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-camera-settings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcStore) store = lc_store_open (path, &error);
  g_autoptr(LcCameraSettings) bushing = lc_camera_settings_new ();
  g_autoptr(LcCameraSettings) loaded = NULL;
  gint64 bushing_id, cap_id, bench_id, camera_id = -1;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  bushing_id = add_part_type (store, "BSH-2040");
  cap_id = add_part_type (store, "CAP-0032");
  g_assert_true (lc_store_exec (store, "INSERT INTO camera (name, uri, created_at) "
                                       "VALUES ('Bench', 'sim:', 0)", &error));
  stmt = lc_store_prepare (store, "SELECT id FROM camera WHERE name = 'Bench'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bench_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* A part type never set up has no camera and leaves the camera as it is. */
  g_assert_true (lc_camera_settings_load_for_part_type (store, cap_id, &camera_id, &loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (camera_id, ==, 0);
  g_assert_true (isnan (loaded->exposure_us));
  g_clear_pointer (&loaded, lc_camera_settings_free);

  bushing->exposure_us = 800;
  bushing->roi_width = 1000;
  bushing->roi_height = 900;
  g_assert_true (lc_camera_settings_save_for_part_type (store, bushing_id, bench_id, bushing, &error));
  g_assert_no_error (error);

  g_assert_true (lc_camera_settings_load_for_part_type (store, bushing_id, &camera_id, &loaded, &error));
  g_assert_cmpint (camera_id, ==, bench_id);
  g_assert_true (lc_camera_settings_equal (bushing, loaded));

  /* The other part type kept its own. */
  g_clear_pointer (&loaded, lc_camera_settings_free);
  g_assert_true (lc_camera_settings_load_for_part_type (store, cap_id, &camera_id, &loaded, &error));
  g_assert_cmpint (camera_id, ==, 0);
  g_assert_true (isnan (loaded->exposure_us));

  g_assert_false (lc_camera_settings_save_for_part_type (store, 9999, 0, bushing, &error));
  g_assert_error (error, LC_STORE_ERROR, LC_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  camera_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/settings/json-round-trip", test_json_round_trip);
  g_test_add_func ("/camera/settings/empty-means-leave-camera-alone", test_empty_means_leave_camera_alone);
  g_test_add_func ("/camera/settings/bad-values-are-refused-in-words", test_bad_values_are_refused_in_words);
  g_test_add_func ("/camera/settings/settings-follow-the-part-type", test_settings_follow_the_part_type);
  return g_test_run ();
}
