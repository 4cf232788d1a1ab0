#include "lc-config.h"

#include <string.h>

#include "lc-frame.h"
#include "lc-pixel-convert.h"

static void
test_crop_keeps_pixels_and_clamps (void)
{
  guint8 *pixels;
  g_autoptr(LcFrame) frame = lc_frame_new_uninitialized (LC_FRAME_FORMAT_GRAY8, 8, 6, &pixels);
  g_autoptr(LcFrame) cropped = NULL;
  g_autoptr(LcFrame) clamped = NULL;

  for (int i = 0; i < 48; i++)
    pixels[i] = i;
  cropped = lc_frame_crop (frame, 2, 1, 3, 2);
  g_assert_cmpint (lc_frame_get_width (cropped), ==, 3);
  g_assert_cmpint (lc_frame_get_height (cropped), ==, 2);
  g_assert_cmpint (lc_frame_get_pixels (cropped)[0], ==, 1 * 8 + 2);
  g_assert_cmpint (lc_frame_get_pixels (cropped)[5], ==, 2 * 8 + 4);

  clamped = lc_frame_crop (frame, 6, 4, 100, 100);
  g_assert_cmpint (lc_frame_get_width (clamped), ==, 2);
  g_assert_cmpint (lc_frame_get_height (clamped), ==, 2);
  g_assert_null (lc_frame_crop (frame, 8, 0, 4, 4));
}

static void
test_rgb_to_gray_uses_luma_weights (void)
{
  guint8 *pixels;
  g_autoptr(LcFrame) frame = lc_frame_new_uninitialized (LC_FRAME_FORMAT_RGB8, 4, 1, &pixels);
  g_autoptr(LcFrame) gray = NULL;
  const guint8 rgb[] = { 255, 0, 0,  0, 255, 0,  0, 0, 255,  255, 255, 255 };

  memcpy (pixels, rgb, sizeof rgb);
  gray = lc_frame_to_gray (frame);
  g_assert_cmpint (lc_frame_get_format (gray), ==, LC_FRAME_FORMAT_GRAY8);
  /* BT.601: 0.299 R + 0.587 G + 0.114 B, in 8.8 fixed point whose weights sum to 256 so
   * white stays white. */
  g_assert_cmpint (lc_frame_get_pixels (gray)[0], ==, 77);
  g_assert_cmpint (lc_frame_get_pixels (gray)[1], ==, 149);
  g_assert_cmpint (lc_frame_get_pixels (gray)[2], ==, 29);
  g_assert_cmpint (lc_frame_get_pixels (gray)[3], ==, 255);
}

/* A uniformly coloured scene seen through each Bayer mosaic must come back as that colour
 * everywhere, edges included. */
static void
test_bayer_demosaic_recovers_flat_colour (void)
{
  const guint8 colour[3] = { 200, 120, 40 };
  const int w = 10, h = 8;
  static const int red_x[] = { 0, 1, 0, 1 };
  static const int red_y[] = { 0, 0, 1, 1 };

  for (int pattern = LC_BAYER_RG; pattern <= LC_BAYER_BG; pattern++)
    {
      guint8 mosaic[10 * 8];
      guint8 rgb[10 * 8 * 3];

      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            gboolean red_row = ((y - red_y[pattern]) & 1) == 0;
            gboolean red_col = ((x - red_x[pattern]) & 1) == 0;
            int channel = red_row && red_col ? 0 : (!red_row && !red_col ? 2 : 1);

            mosaic[y * w + x] = colour[channel];
          }
      lc_pixel_convert_bayer8_to_rgb8 (mosaic, w, w, h, pattern, rgb);
      for (int i = 0; i < w * h; i++)
        {
          g_assert_cmpint (rgb[3 * i], ==, colour[0]);
          g_assert_cmpint (rgb[3 * i + 1], ==, colour[1]);
          g_assert_cmpint (rgb[3 * i + 2], ==, colour[2]);
        }
    }
}

static void
test_mono12_keeps_upper_bits (void)
{
  /* 4095 (full scale, 12 bits), 2048 (half), 16 (near black), little-endian. */
  const guint8 src[] = { 0xff, 0x0f, 0x00, 0x08, 0x10, 0x00 };
  guint8 dst[3];

  lc_pixel_convert_mono16_to_gray8 (src, sizeof src, 3, 1, 12, dst);
  g_assert_cmpint (dst[0], ==, 255);
  g_assert_cmpint (dst[1], ==, 128);
  g_assert_cmpint (dst[2], ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/camera/frame/crop-keeps-pixels-and-clamps", test_crop_keeps_pixels_and_clamps);
  g_test_add_func ("/camera/frame/rgb-to-gray-uses-bt601-weights", test_rgb_to_gray_uses_luma_weights);
  g_test_add_func ("/camera/pixels/bayer-demosaic-recovers-flat-colour", test_bayer_demosaic_recovers_flat_colour);
  g_test_add_func ("/camera/pixels/mono12-keeps-upper-bits", test_mono12_keeps_upper_bits);
  return g_test_run ();
}
