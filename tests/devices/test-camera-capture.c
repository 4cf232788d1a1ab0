#include "lc-config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lc-camera.h"
#include "lc-camera-capture.h"
#include "lc-camera-sim.h"
#include "vision/lc-camera-image.h"
#include "camera-test-util.h"

typedef struct
{
  char    *dir;
  LcStore *store;
  gint64   part_type_id;
  gint64   inspection_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lc-camera-capture-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "linecheck.db", NULL);
  fixture->store = lc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lc_store_exec (fixture->store,
                                "INSERT INTO part_type (code, name, created_at, updated_at) "
                                "VALUES ('BSH-2040', 'Bushing', 0, 0)", &error));
  fixture->part_type_id = lc_store_last_insert_id (fixture->store);
  g_assert_true (lc_store_exec (fixture->store,
                                "INSERT INTO inspection (part_type_id, started_at, recorded_at, verdict) "
                                "VALUES (1, 0, 0, 'pass')", &error));
  fixture->inspection_id = lc_store_last_insert_id (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  camera_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
assert_png_holds (const char *path,
                  LcFrame    *frame)
{
  g_autofree char *contents = NULL;
  g_autofree guint8 *pixels = NULL;
  gsize length;
  int width, height, channels;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (lc_camera_image_decode ((guint8 *) contents, length, &width, &height,
                                           &channels, &pixels), ==, LC_CAMERA_IMAGE_OK);
  g_assert_cmpint (width, ==, lc_frame_get_width (frame));
  g_assert_cmpint (height, ==, lc_frame_get_height (frame));
  g_assert_cmpint (channels, ==, lc_frame_get_channels (frame));
  /* Lossless: every pixel back as it was. */
  g_assert_cmpmem (pixels, (gsize) width * height * channels,
                   lc_frame_get_pixels (frame), (gsize) lc_frame_get_stride (frame) * height);
}

static void
test_capture_named_by_hash_and_recorded (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(LcFrame) frame = lc_camera_sim_render_part ("BSH-2040", 640, 512, 3, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;
  g_autofree char *again_file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *images_dir = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize length;
  gint64 id, again;
  sqlite3_stmt *stmt;

  id = lc_camera_capture_save (fixture->store, frame, fixture->part_type_id,
                               fixture->inspection_id, "sim:BSH-2040", &file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (g_str_has_prefix (file, "images/"));

  path = g_build_filename (lc_store_get_data_dir (fixture->store), file, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_assert_true (g_str_has_suffix (file, ".png"));
  g_assert_nonnull (strstr (file, sha));
  assert_png_holds (path, frame);

  stmt = lc_store_prepare (fixture->store,
                           "SELECT part_type_id, inspection_id, file, width, height, camera "
                           "FROM image WHERE id = ?", &error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, fixture->part_type_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, fixture->inspection_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, file);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 640);
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 512);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "sim:BSH-2040");
  sqlite3_reset (stmt);

  /* The same picture again: the same file, a second record. */
  again = lc_camera_capture_save (fixture->store, frame, fixture->part_type_id, 0, "", &again_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, !=, id);
  g_assert_cmpstr (again_file, ==, file);

  /* Written through a temporary file and renamed: nothing else is left in the folder. */
  images_dir = lc_store_get_images_dir (fixture->store);
  dir = g_dir_open (images_dir, 0, NULL);
  g_assert_nonnull (g_dir_read_name (dir));
  g_assert_null (g_dir_read_name (dir));
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
  char    *file;
  GError  *error;
  gboolean done;
} AsyncSave;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncSave *save = user_data;

  save->id = lc_camera_capture_save_finish (LC_STORE (source), result, &save->file, &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer user_data)
{
  return ((AsyncSave *) user_data)->done;
}

static void
test_async_capture_links_inspection_later (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(LcFrame) frame = lc_camera_sim_render_part ("CAP-0032", 320, 256, 9, NULL);
  AsyncSave save = { fixture };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  lc_camera_capture_save_async (fixture->store, frame, fixture->part_type_id, 0, "sim:CAP-0032",
                                NULL, saved_cb, &save);
  g_assert_true (camera_test_wait (save_done, &save, 10000));
  g_assert_no_error (save.error);
  g_assert_cmpint (save.id, >, 0);
  path = g_build_filename (lc_store_get_data_dir (fixture->store), save.file, NULL);
  assert_png_holds (path, frame);

  g_assert_true (lc_camera_capture_link (fixture->store, save.id, fixture->inspection_id, &error));
  g_assert_no_error (error);
  stmt = lc_store_prepare (fixture->store, "SELECT inspection_id FROM image WHERE id = ?", &error);
  sqlite3_bind_int64 (stmt, 1, save.id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, fixture->inspection_id);
  sqlite3_reset (stmt);
  g_free (save.file);
}

static void
test_unwritable_images_folder_is_explained (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(LcFrame) frame = lc_camera_sim_render_part ("BRK-1150", 64, 64, 1, NULL);
  g_autofree char *images_dir = lc_store_get_images_dir (fixture->store);
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* A file where the folder should be. */
  g_assert_true (g_file_set_contents (images_dir, "", -1, NULL));
  id = lc_camera_capture_save (fixture->store, frame, fixture->part_type_id, 0, "", NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_SAVE);
  g_assert_nonnull (strstr (error->message, images_dir));
}

/* Encoded bytes from elsewhere (an inspection's PNG) take the same way in: same name for the
 * same bytes, written once. */
static void
test_png_bytes_stored_by_hash (Fixture       *fixture,
                               gconstpointer  data)
{
  static const guint8 fake_png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3 };
  g_autoptr(GBytes) png = g_bytes_new_static (fake_png, sizeof fake_png);
  g_autofree char *images = g_build_filename (fixture->dir, "more-images", NULL);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  g_autofree char *expected = g_strconcat (sha, ".png", NULL);
  g_autofree char *path = g_build_filename (images, expected, NULL);
  g_autofree char *name = NULL;
  g_autofree char *again = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  name = lc_camera_capture_store_png_bytes (png, images, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, fake_png, sizeof fake_png);
  again = lc_camera_capture_store_png_bytes (png, images, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, name);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/camera/capture/named-by-hash-lossless-and-recorded", Fixture, NULL,
              fixture_set_up, test_capture_named_by_hash_and_recorded, fixture_tear_down);
  g_test_add ("/camera/capture/async-capture-links-inspection-later", Fixture, NULL,
              fixture_set_up, test_async_capture_links_inspection_later, fixture_tear_down);
  g_test_add ("/camera/capture/png-bytes-stored-once-by-hash", Fixture, NULL,
              fixture_set_up, test_png_bytes_stored_by_hash, fixture_tear_down);
  g_test_add ("/camera/capture/unwritable-images-folder-is-explained", Fixture, NULL,
              fixture_set_up, test_unwritable_images_folder_is_explained, fixture_tear_down);
  return g_test_run ();
}
