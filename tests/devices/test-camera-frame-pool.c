#include "lc-config.h"

#include <string.h>

#include "lc-camera-frame-pool.h"

/* The cameras' frame buffer pool: buffers come back when the last holder lets a frame go,
 * never while anyone still holds it, and outlive the pool that made them. */

static void
test_released_buffer_is_used_again (void)
{
  g_autoptr(LcCameraFramePool) pool = lc_camera_frame_pool_new (2);
  guint8 *first_pixels, *second_pixels, *third_pixels;
  LcFrame *first = lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_GRAY8, 64, 32, &first_pixels);
  LcFrame *second;
  g_autoptr(LcFrame) third = NULL;
  g_autoptr(LcFrame) held = NULL;

  g_assert_cmpint (lc_frame_get_stride (first), ==, 64);
  memset (first_pixels, 7, 64 * 32);

  /* Still held (a texture, a capture being saved): the next frame gets a buffer of its own. */
  held = lc_frame_ref (first);
  lc_frame_unref (first);
  second = lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_GRAY8, 64, 32, &second_pixels);
  g_assert_true (second_pixels != first_pixels);
  g_assert_cmpuint (lc_camera_frame_pool_get_n_allocated (pool), ==, 2);
  g_assert_cmpuint (lc_frame_get_pixels (held)[64 * 32 - 1], ==, 7);

  /* Let go: the buffer waits in the pool and the next frame takes it. */
  g_clear_pointer (&held, lc_frame_unref);
  g_assert_cmpuint (lc_camera_frame_pool_get_n_idle (pool), ==, 1);
  third = lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_GRAY8, 64, 32, &third_pixels);
  g_assert_true (third_pixels == first_pixels);
  g_assert_cmpuint (lc_camera_frame_pool_get_n_allocated (pool), ==, 2);
  lc_frame_unref (second);
}

static void
test_new_size_drops_old_buffers (void)
{
  g_autoptr(LcCameraFramePool) pool = lc_camera_frame_pool_new (4);
  guint8 *pixels;
  g_autoptr(LcFrame) rgb = NULL;

  lc_frame_unref (lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_GRAY8, 16, 16, &pixels));
  g_assert_cmpuint (lc_camera_frame_pool_get_n_idle (pool), ==, 1);

  /* Same pixel count, three times the bytes: a buffer of another size. */
  rgb = lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_RGB8, 16, 16, &pixels);
  g_assert_cmpint (lc_frame_get_stride (rgb), ==, 48);
  g_assert_cmpuint (lc_camera_frame_pool_get_n_idle (pool), ==, 0);
  g_assert_cmpuint (lc_camera_frame_pool_get_n_allocated (pool), ==, 2);
  memset (pixels, 1, 16 * 16 * 3);

  /* Beyond max_idle, released buffers are freed instead of kept. */
  for (int i = 0; i < 6; i++)
    {
      g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_frame_unref);

      for (int j = 0; j < 6; j++)
        g_ptr_array_add (frames, lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_RGB8,
                                                                 16, 16, &pixels));
    }
  g_assert_cmpuint (lc_camera_frame_pool_get_n_idle (pool), ==, 4);
}

static void
test_frames_outlive_the_pool (void)
{
  LcCameraFramePool *pool = lc_camera_frame_pool_new (2);
  guint8 *pixels;
  g_autoptr(LcFrame) frame = lc_camera_frame_pool_new_frame (pool, LC_FRAME_FORMAT_RGB8, 8, 8, &pixels);

  memset (pixels, 200, 8 * 8 * 3);
  /* The camera goes away while the vision engine still holds its last frame. */
  lc_camera_frame_pool_unref (pool);
  g_assert_cmpuint (lc_frame_get_pixels (frame)[8 * 8 * 3 - 1], ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/frame-pool/released-buffer-is-used-again", test_released_buffer_is_used_again);
  g_test_add_func ("/camera/frame-pool/new-size-drops-old-buffers", test_new_size_drops_old_buffers);
  g_test_add_func ("/camera/frame-pool/frames-outlive-the-pool", test_frames_outlive_the_pool);
  return g_test_run ();
}
