#include "lc-config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lc-camera-folder.h"
#include "camera-test-util.h"

typedef struct
{
  char      *dir;
  GPtrArray *problems;
  guint      frames;
  int        last_width;
} Fixture;

static void
frame_cb (LcCamera *camera,
          LcFrame  *frame,
          Fixture  *fixture)
{
  fixture->frames++;
  fixture->last_width = lc_frame_get_width (frame);
}

static void
problem_cb (LcCamera   *camera,
            const char *message,
            Fixture    *fixture)
{
  g_ptr_array_add (fixture->problems, g_strdup (message));
}

/* Three real pictures of scratched steel from the NEU data set, a file that only claims to
 * be a PNG, and a note that is no image at all. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *datasets = g_getenv ("LC_DATASETS");
  g_autofree char *source = g_build_filename (datasets != NULL ? datasets : "", "neu-dev", "scratches", NULL);
  g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *broken = NULL;
  g_autofree char *note = NULL;
  const char *name;

  fixture->problems = g_ptr_array_new_with_free_func (g_free);
  fixture->dir = g_dir_make_tmp ("lc-camera-folder-XXXXXX", NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jpg"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < MIN (3, names->len); i++)
    {
      g_autofree char *from = g_build_filename (source, g_ptr_array_index (names, i), NULL);
      g_autofree char *to = g_build_filename (fixture->dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }
  broken = g_build_filename (fixture->dir, "broken.png", NULL);
  g_assert_true (g_file_set_contents (broken, "\x89PNG\r\n\x1a\nthis is not the rest of a PNG", -1, NULL));
  note = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (note, "shift 2: lamp flickers", -1, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  camera_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_ptr_array_unref (fixture->problems);
}

static gboolean
have_datasets (void)
{
  const char *datasets = g_getenv ("LC_DATASETS");
  g_autofree char *neu = g_build_filename (datasets != NULL ? datasets : "", "neu-dev", NULL);

  if (datasets == NULL || !g_file_test (neu, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("LC_DATASETS/neu-dev is not there");
      return FALSE;
    }
  return TRUE;
}

static LcCamera *
start_folder_camera (Fixture    *fixture,
                     const char *path)
{
  LcCamera *camera = LC_CAMERA (lc_camera_folder_new (path));
  g_autoptr(LcCameraSettings) settings = lc_camera_settings_new ();

  settings->frame_rate = 50;
  lc_camera_set_settings (camera, settings);
  g_signal_connect (camera, "frame", G_CALLBACK (frame_cb), fixture);
  g_signal_connect (camera, "problem", G_CALLBACK (problem_cb), fixture);
  lc_camera_start (camera);
  return camera;
}

static gboolean
seen_frames (gpointer user_data)
{
  return ((Fixture *) user_data)->frames >= 8;
}

static void
test_plays_images_and_skips_broken_file (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(LcCamera) camera = NULL;
  gboolean reported = FALSE;

  if (!have_datasets ())
    return;
  camera = start_folder_camera (fixture, fixture->dir);
  g_assert_true (camera_test_wait (seen_frames, fixture, 10000));
  g_assert_cmpint (fixture->last_width, ==, 200);
  g_assert_cmpint (lc_camera_get_state (camera), ==, LC_CAMERA_STATE_STREAMING);

  for (guint i = 0; i < fixture->problems->len; i++)
    if (strstr (g_ptr_array_index (fixture->problems, i), "broken.png") != NULL)
      reported = TRUE;
  g_assert_true (reported);
  /* The note is no image: never tried, never reported. */
  for (guint i = 0; i < fixture->problems->len; i++)
    g_assert_null (strstr (g_ptr_array_index (fixture->problems, i), "notes.txt"));
}

static void
test_folder_of_broken_files_is_reported_lost (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autofree char *only_broken = g_build_filename (fixture->dir, "only-broken", NULL);
  g_autofree char *file = g_build_filename (only_broken, "a.jpg", NULL);
  g_autoptr(LcCamera) camera = NULL;

  g_assert_no_errno (g_mkdir (only_broken, 0700));
  g_assert_true (g_file_set_contents (file, "\xff\xd8\xff garbage", -1, NULL));
  camera = start_folder_camera (fixture, only_broken);
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_LOST, 5000));
  g_assert_nonnull (strstr (lc_camera_get_status (camera), "None of the images"));
}

static void
test_missing_folder_fails_grab_in_words (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autoptr(LcCamera) camera = start_folder_camera (fixture, missing);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFrame) frame = camera_test_grab (camera, 5000, &error);

  g_assert_null (frame);
  g_assert_error (error, LC_CAMERA_ERROR, LC_CAMERA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
}

static void
test_removed_folder_is_lost_then_comes_back (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (fixture->dir, "-away", NULL);
  g_autoptr(LcCamera) camera = NULL;

  if (!have_datasets ())
    return;
  camera = start_folder_camera (fixture, fixture->dir);
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_STREAMING, 5000));

  /* The drive is pulled: the camera says so in words, and keeps trying. */
  g_assert_no_errno (g_rename (fixture->dir, moved));
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_LOST, 5000));
  g_assert_nonnull (strstr (lc_camera_get_status (camera), fixture->dir));
  g_assert_nonnull (strstr (lc_camera_get_status (camera), "not there"));

  /* Plugged back in: streaming again without anyone restarting it. */
  g_assert_no_errno (g_rename (moved, fixture->dir));
  g_assert_true (camera_test_wait_for_state (camera, LC_CAMERA_STATE_STREAMING, 5000));
  fixture->frames = 0;
  g_assert_true (camera_test_wait (seen_frames, fixture, 10000));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/camera/folder/plays-images-and-skips-broken-file", Fixture, NULL,
              fixture_set_up, test_plays_images_and_skips_broken_file, fixture_tear_down);
  g_test_add ("/camera/folder/folder-of-broken-files-is-reported-lost", Fixture, NULL,
              fixture_set_up, test_folder_of_broken_files_is_reported_lost, fixture_tear_down);
  g_test_add ("/camera/folder/missing-folder-fails-grab-in-words", Fixture, NULL,
              fixture_set_up, test_missing_folder_fails_grab_in_words, fixture_tear_down);
  g_test_add ("/camera/folder/removed-folder-is-lost-then-comes-back", Fixture, NULL,
              fixture_set_up, test_removed_folder_is_lost_then_comes_back, fixture_tear_down);
  return g_test_run ();
}
