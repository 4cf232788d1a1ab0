#include "lc-config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "vision/lc-camera-image.h"
#include "camera-test-util.h"

/* linecheck-cli camera …, run as a person would, from $LC_CLI. */
static int
run_cli (const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_CAMERA_FAKE", "1", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
assert_png_size (const char *path,
                 int         width,
                 int         height)
{
  g_autofree char *contents = NULL;
  g_autofree guint8 *pixels = NULL;
  gsize length;
  int w, h, channels;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (lc_camera_image_decode ((guint8 *) contents, length, &w, &h, &channels, &pixels),
                   ==, LC_CAMERA_IMAGE_OK);
  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
}

static void
test_list_json_names_fake_and_sim (void)
{
  const char *args[] = { "camera", "list", "--format", "json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cameras;
  gboolean fake = FALSE, sim = FALSE;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  cameras = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (cameras); i++)
    {
      JsonObject *camera = json_array_get_object_element (cameras, i);
      const char *uri = json_object_get_string_member (camera, "uri");

      g_assert_nonnull (json_object_get_string_member (camera, "kind"));
      g_assert_nonnull (json_object_get_string_member (camera, "name"));
      fake |= g_strcmp0 (uri, "aravis:Fake_1") == 0;
      sim |= g_strcmp0 (uri, "sim:") == 0;
    }
  g_assert_true (fake);
  g_assert_true (sim);
}

static void
test_grab_writes_counted_pngs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-camera-cli-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "part.png", NULL);
  g_autofree char *fake_path = g_build_filename (dir, "fake.png", NULL);
  const char *sim[] = { "camera", "grab", "--source", "sim:BRK-1150", "--out", out_path, "--count", "3", NULL };
  const char *fake[] = { "camera", "grab", "--source", "aravis:Fake_1", "--out", fake_path,
                         "--roi", "0,0,320,240", "--pixel-format", "Mono8", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (sim, &out, &err), ==, 0);
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%03d.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      assert_png_size (path, 1280, 1024);
      g_assert_nonnull (strstr (out, name));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (fake, &out, &err), ==, 0);
  assert_png_size (fake_path, 320, 240);
  camera_test_remove_tree (dir);
}

static void
test_grab_failures_exit_nonzero_in_words (void)
{
  const char *bad_uri[] = { "camera", "grab", "--source", "webcam0", "--out", "/tmp/x.png", NULL };
  const char *gone[] = { "camera", "grab", "--source", "folder:/nonexistent/lc-images", "--out",
                         "/tmp/x.png", "--timeout", "5", NULL };
  const char *no_out[] = { "camera", "grab", "--source", "sim:", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (bad_uri, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not a camera address"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (gone, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent/lc-images"));
  g_assert_nonnull (strstr (err, "not there"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (no_out, &out, &err), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/cli/list-json-names-fake-and-sim", test_list_json_names_fake_and_sim);
  g_test_add_func ("/camera/cli/grab-writes-counted-pngs", test_grab_writes_counted_pngs);
  g_test_add_func ("/camera/cli/grab-failures-exit-nonzero-in-words", test_grab_failures_exit_nonzero_in_words);
  return g_test_run ();
}
